/*
 * load.h
 *		What the files of the loader share: the state of one load.
 *
 * Calls go one way, from the top of this list down (test/t/code_shape.sh
 * checks it on the built objects):
 *
 *		loader.c		the SQL functions, and one load from start to end: the
 *						readings of the input, duplicates, the result
 *		analyze.c		statistics after a load
 *		records.c		the header and each record: conversion, checks,
 *						rejected and repaired records
 *		periods.c		each period's replacement decision and its catalog
 *						row in uanalytics.periods
 *		surveys.c		the Impact survey report's ranges, which replace
 *						by date_partition instead of by period
 *		duplicates.c	records that repeat a user (or GPT) of their period
 *		loads.c			the load's row in uanalytics.loads
 *		inputs.c		server files, bytea and large objects as inputs
 *		loadutils.c		names, SPI, errors about the input as a whole
 *
 * and below them columns.c, insert.c, csvread.c and values.c.
 */
#ifndef UANALYTICS_LOAD_H
#define UANALYTICS_LOAD_H

#include "postgres.h"

#include "common/cryptohash.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "nodes/pg_list.h"
#include "utils/date.h"
#include "utils/relcache.h"
#include "utils/tuplesort.h"

#include "csvread.h"
#include "digests.h"
#include "uanalytics.h"
#include "values.h"

/* Bytes read from the input at a time. */
#define READ_CHUNK (256 * 1024)

/* the longest Date Range an export covers, both ends counted: 12 months */
#define UA_MAX_RANGE_DAYS 366

/* Where the bytes come from. */
typedef struct InputSource
{
	char	   *name;			/* for messages and uanalytics.loads */
	/* reads up to size bytes into buf, 0 at the end */
	size_t		(*read) (struct InputSource *src, char *buf, size_t size);
	void		(*rewind) (struct InputSource *src);
	int64		(*size) (struct InputSource *src);	/* in bytes, before reading */
	const char *path;			/* server file */
	FILE	   *fp;
	const char *data;			/* bytea */
	size_t		len;
	size_t		pos;
	int			fd;				/* large object descriptor */
} InputSource;

/* What the caller asked of a load: the loaders' arguments after the input */
typedef struct LoadOptions
{
	bool		skip_errors;	/* on_error => 'skip' */
	int			kind;			/* a ReportKind, or -1 for auto */
	bool		force;
	bool		in_directory;	/* one of the files of load(directory) */
} LoadOptions;

/* What a load does with the rows of one period. */
typedef enum PeriodAction
{
	PERIOD_NEW,					/* nothing stored: insert */
	PERIOD_REPLACE,				/* insert, then delete the stored rows */
	PERIOD_COMPARE,				/* partial over partial: decided at the end */
	PERIOD_SKIP					/* partial over complete: keep the stored */
} PeriodAction;

/*
 * The numbers of a period that the views read from their rollup tables
 * (user_period_totals, gpt_period_totals): counted while the rows go in, so
 * that keeping the rollups current costs no second pass over the period.
 * uanalytics.refresh_summaries() computes the same from the stored rows.
 */
typedef struct PeriodTotals
{
	int64		active;			/* users: public_id and is_active; GPTs:
								 * messages_workspace > 0 */
	int64		flagged;		/* GPTs: is_active */
	int64		enabled;		/* users: user_status enabled */
	int64		pending;		/* users: user_status pending */
	int64		sums[3];		/* users: messages, gpt_messages, tool_messages */
	bool		has_sum[3];		/* a row had a value: else the sum is NULL */
	int64		activated;		/* users: enabled, last_day_active not NULL */
	int64		with_tools;		/* users: active, tools_messaged not NULL */
	/* users: messages_rank of the active users with 3+ tools (power users) */
	int32	   *ranks;
	int			nranks;
	int			maxranks;
	StringInfoData digest;		/* users: the period's digest (digests.c) */
	StringInfoData names;		/* weekly users: their emails and names */
	DigestEmails emails;		/* users: the email lookup of the digest */
} PeriodTotals;

typedef struct LoadPeriod
{
	char	   *account_id;
	UaCadence	cadence;
	DateADT		start;
	DateADT		end;
	bool		is_partial;
	PeriodAction action;
	bool		stored_has_as_of;
	DateADT		stored_as_of;
	int64		stored_rows;	/* of the complete export it replaces, or -1 */
	bool		has_as_of;
	DateADT		as_of;			/* latest last_day_active_in_period */
	int64		rows;			/* inserted by this load */
	int64		replaced;		/* earlier loads' rows it deleted */
	PeriodTotals totals;		/* of the rows inserted, for the views' rollup */
} LoadPeriod;

/*
 * The answers of one survey in an Impact survey report: a load replaces the
 * stored answers of its (workspace_id, survey_id) whose date_partition lies
 * between the file's first and last date_partition of that survey.
 */
typedef struct SurveyRange
{
	char	   *workspace_id;
	char	   *survey_id;
	DateADT		first;
	DateADT		last;
	int64		rows;			/* inserted by this load */
	int64		replaced;		/* earlier loads' answers it deleted */
} SurveyRange;

/* Everything about the load of one input. */
typedef struct LoadState
{
	InputSource *src;
	bool		skip_errors;
	bool		force;			/* replace with fewer rows, reload same bytes */
	bool		reloading;		/* these bytes were loaded before */
	int			requested_kind; /* -1 for auto */
	ReportKind	kind;
	uint8		sha256[PG_SHA256_DIGEST_LENGTH];
	int64		nbytes;
	pg_cryptohash_ctx *hashing; /* hashes the next reading, or NULL */
	int64		load_id;
	MemoryContext loadcxt;		/* lives as long as the load */
	MemoryContext rowcxt;		/* reset for every record */

	/* the header */
	bool		header_done;
	int			nfields;
	int		   *field_col;		/* report column of each field, or -1 */
	List	   *unknown_columns;	/* of char * */
	ExportColumn *extra_cols;	/* per field: the unknown ones, as free text
								 * named by their header (NULL: none) */

	/* the target table */
	const ExportColumn *columns;
	int			ncolumns;
	int			col_cadence,
				col_start,		/* period_start; date_partition (survey) */
				col_end,
				col_account,	/* account_id; workspace_id (survey) */
				col_key,		/* public_id, gpt_id, project_id or survey_id */
				col_email,
				col_as_of,
				col_active,		/* is_active */
				col_status,		/* user_status */
				col_last_active,	/* last_day_active */
				col_created,	/* created_or_invited_date */
				col_name,		/* name */
				col_first_day,	/* first_day_active_in_period */
				col_rank,		/* messages_rank */
				col_tools,		/* tools_messaged */
				col_sums[3];	/* the columns summed in PeriodTotals */
	Relation	rel;
	Datum	   *values;			/* ncolumns + load_id + extra + is_partial (none
								 * for the survey report) */
	bool	   *nulls;
	RowInserter *ins;

	List	   *periods;		/* of LoadPeriod * */
	LoadPeriod *last_period;
	List	   *surveys;		/* of SurveyRange *: the survey report's */
	SurveyRange *last_survey;

	int64		rows_read;
	int64		rows_loaded;
	int64		rows_replaced;
	int64		rows_skipped;
	int64		rows_rejected;
	int64		rows_repaired;	/* stored with free text repaired */
	List	   *repairs;		/* of RepairNote *, of the current record */

	int64		lineno;			/* for the error context */
	int64		last_lineno;	/* and a batch's last line, when it is at fault */
	const char *column;			/* the same, while a field is converted */
	bool		own_error;		/* our messages say where themselves */
	SPIPlanPtr	errplan;		/* INSERT INTO load_errors, once needed */

	/*
	 * Duplicate keys.  Each stored row's key hash goes into a sort bounded by
	 * work_mem, so memory stays flat however many users a file holds; equal
	 * hashes found at the end are checked exactly in a second reading.
	 */
	Tuplesortstate *keysort;
	bool		verifying;		/* the second reading: store nothing */
	uint64	   *candidates;		/* hashes seen more than once, sorted */
	int			ncandidates;
	List	   *verified;		/* of KeySighting *, in the second reading */
	struct Duplicate *duplicates;	/* known duplicate records, by line */
	int			nduplicates;
} LoadState;

/* A free-text field of the current record whose invalid bytes were replaced */
typedef struct RepairNote
{
	const char *column;
	FieldError	err;			/* what ua_check_field_encoding said of it */
} RepairNote;

/* A record whose key hash was seen twice, as read the second time. */
typedef struct KeySighting
{
	char	   *key;			/* account, cadence, period and user exactly */
	int64		line;
	char	   *column;			/* public_id, email or gpt_id */
	char	   *shown;			/* the user or GPT as shown in messages */
	DateADT		start;
	DateADT		range_end;		/* a Date Range's last day, else 0 */
} KeySighting;

/* A record that repeats the key of an earlier one. */
typedef struct Duplicate
{
	int64		line;
	int64		first_line;
	char	   *column;
	char	   *shown;
	DateADT		start;
	DateADT		range_end;		/* a Date Range's last day, else 0 */
} Duplicate;

/* What the loaders return for each input. */
typedef struct LoadResult
{
	int64		load_id;
	char	   *source;
	ReportKind	kind;
	int64		rows_read;
	int64		rows_loaded;
	int64		rows_replaced;
	int64		rows_skipped;
	int64		rows_rejected;
	int64		rows_repaired;
	int			unknown_periods;	/* new, or replaced by another size */
	const char *status;
	List	   *unknown_columns;
} LoadResult;

/* What one call of a loader changed in each table, per ReportKind */
typedef struct UaCallChanges
{
	int64		written[UA_NKINDS]; /* rows stored */
	int64		grown[UA_NKINDS];	/* rows stored less rows replaced */
	int			unknown_periods[UA_NKINDS];	/* see ua_unknown_periods */
} UaCallChanges;

/* analyze.c */
extern int	ua_unknown_periods(const LoadState *st);
extern void ua_count_stored(UaCallChanges *changes, const LoadResult *res);
extern void ua_analyze_stored(const UaCallChanges *changes);

/* records.c */
extern bool ua_on_record(void *arg, const CsvRecord *rec);
extern bool ua_on_csv_error(void *arg, CsvErrorKind kind, const CsvRecord *rec);
extern void ua_reject_duplicate(LoadState *st, const CsvRecord *rec, const Duplicate *dup);

/* periods.c */
extern LoadPeriod *ua_claim_period(LoadState *st, const char *account, UaCadence cadence,
								   DateADT start, DateADT end, bool is_partial);
extern void ua_finish_periods(LoadState *st);
extern void ua_count_row(LoadState *st, LoadPeriod *p);
extern void ua_digest_add_row(LoadState *st, PeriodTotals *t, bool active, bool enabled, bool weekly);
extern void ua_digest_store(LoadState *st, LoadPeriod *p, DateADT key);

/* surveys.c */
extern void ua_note_survey_row(LoadState *st, const char *workspace, const char *survey,
							   DateADT date);
extern void ua_finish_surveys(LoadState *st);

/* duplicates.c */
extern int64 ua_key_hash(const char *account, UaCadence cadence, DateADT start, DateADT end,
						 const char *key);
extern bool ua_is_candidate_hash(const LoadState *st, int64 hash);
extern const Duplicate *ua_find_duplicate(LoadState *st, int64 line);
extern bool ua_repeated_key_hashes(LoadState *st);
extern void ua_resolve_duplicates(LoadState *st);

/* loads.c */
extern void ua_loads_begin(LoadState *st);
extern void ua_loads_finish(LoadState *st);
extern bool ua_loads_size_seen(LoadState *st);
extern bool ua_loads_unchanged(LoadState *st, bool held_only, LoadResult *res);

/* inputs.c */
extern void ua_file_input(InputSource *src, const char *path);
extern void ua_close_file_input(InputSource *src);
extern void ua_bytes_input(InputSource *src, char *name, const char *data, size_t len);
extern void ua_lo_input(InputSource *src, char *name, int fd);

/* loadutils.c */
extern const char *const ua_kind_names[];
extern const char *const ua_cadence_names[];
extern const char *const ua_table_names[];
extern const char *const ua_report_titles[];
extern int	ua_kind_from_name(const char *name);
extern uint64 ua_run_sql(const char *sql, int nargs, Oid *types, Datum *args, const char *nulls,
						 int expected);

/* The role and GUCs ua_become_owner changed, for ua_restore_user */
typedef struct UaSavedUser
{
	Oid			userid;
	int			sec_context;
	int			nestlevel;
} UaSavedUser;

extern float4 ua_relation_info(Oid relid, Oid *owner);
extern void ua_become_owner(Oid owner, UaSavedUser *saved);
extern void ua_restore_user(const UaSavedUser *saved);
/* PostgreSQL 18 replaced pg_attribute_noreturn() by pg_noreturn, written first */
#if PG_VERSION_NUM >= 180000
pg_noreturn extern void ua_file_error(LoadState *st, int sqlstate, const char *message,
									  const char *detail, const char *hint);
#else
extern void ua_file_error(LoadState *st, int sqlstate, const char *message,
						  const char *detail, const char *hint) pg_attribute_noreturn();
#endif
extern char *ua_date_text(DateADT d);
extern Datum ua_sha256_datum(const LoadState *st);

#endif							/* UANALYTICS_LOAD_H */
