/*
 * uanalytics.h
 *		Declarations shared by the server-side files of uanalytics.
 */
#ifndef UANALYTICS_H
#define UANALYTICS_H

#include "postgres.h"

#include "utils/relcache.h"

/* The reports of the export */
typedef enum ReportKind
{
	REPORT_USERS,
	REPORT_GPTS,
	REPORT_PROJECTS,			/* the Project report (2026) */
	REPORT_SURVEY				/* the Impact survey report (2026): no periods */
} ReportKind;

#define UA_NKINDS (REPORT_SURVEY + 1)

/* uanalytics.c */
extern bool uanalytics_bulk_insert;
extern int	uanalytics_key_hash_bits;

/*
 * insert.c: row inserter.  Plain heap tables get the bulk path
 * (table_multi_insert with a BulkInsertState, as COPY does); any other
 * target (partitioned, with triggers, row security, a distributed table)
 * goes through the executor with INSERT ... SELECT over batches of rows.
 */
typedef struct RowInserter RowInserter;

extern RowInserter *ua_inserter_begin(Relation rel, int natts, const AttrNumber *attnums,
									  int64 *lineno_for_errors, int64 *last_lineno_for_errors);
extern void ua_inserter_add(RowInserter *ins, const Datum *values, const bool *nulls,
							int64 lineno);
extern void ua_inserter_finish(RowInserter *ins);

/*
 * columns.c: the columns of the reports and how a field's text becomes
 * a Datum of its table column.
 */
typedef enum ColumnType
{
	CT_TEXT,					/* text as exported */
	CT_LOWER,					/* text, lower-cased (user_status) */
	CT_CADENCE,					/* Weekly/Monthly, sets is_partial too */
	CT_DATE,
	CT_COUNT,					/* non-negative integer */
	CT_DECIMAL,					/* non-negative numeric (credits) */
	CT_BOOL,
	CT_USER_ROLE,				/* normalised to owner/admin/user */
	CT_CONFIG_TYPE,				/* normalised to Live/Draft */
	CT_LIST,					/* JSON array or plain text -> text[] */
	CT_COUNT_MAP,				/* {name: count} -> jsonb */
	CT_TEXT_MAP					/* {id: name} -> jsonb */
} ColumnType;

typedef struct ExportColumn
{
	const char *name;			/* header name and table column name */
	ColumnType	type;
	bool		required;		/* a header without it is refused */
	bool		free_text;		/* typed by people (names, descriptions):
								 * invalid UTF-8 is repaired, not refused */
} ExportColumn;

/* Why a field could not be converted; the loader adds where. */
typedef struct FieldError
{
	int			sqlstate;
	char	   *message;		/* e.g. invalid count "12x" */
	char	   *detail;			/* or NULL */
} FieldError;

extern const ExportColumn *ua_report_columns(ReportKind kind, int *ncolumns);
extern int	ua_find_report_column(ReportKind kind, const char *name);
extern char *ua_header_name(const char *s, size_t len, bool lower);
extern Oid	ua_column_type_oid(ColumnType type);
extern bool ua_convert_field(const ExportColumn *col, const char *s, size_t len,
						  bool repaired, Datum *value, FieldError *err);
extern bool ua_check_field_encoding(const char *s, size_t len, FieldError *err);
extern char *ua_quote_value(const char *s, size_t len);
extern Datum ua_text_object(int n, const char *const *keys, const char *const *values,
							const size_t *lengths);
extern char *ua_printable_text(const char *s, size_t len);

#endif							/* UANALYTICS_H */
