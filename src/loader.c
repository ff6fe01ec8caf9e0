/*
 * loader.c
 *		The loaders: uanalytics.load(path), load_data(bytea), load_lo(oid).
 *
 * All three share one core, load_input().  It reads its input twice: once
 * to hash it (loading the same bytes again changes nothing), then to parse
 * it, streaming, through csvread.c.  The header maps fields to columns by
 * name; each record is converted field by field (columns.c) in a memory
 * context reset per record, and handed to the inserter (insert.c).
 *
 * Replacement works per account, report, cadence and period: the first row
 * of a period takes the period's row in uanalytics.periods (inserting or
 * locking it, which serialises concurrent loads of that period) and decides
 * whether the file's rows replace what is stored, are skipped (a partial
 * never replaces a complete period), or must wait for the end of the file
 * (two partial exports: the one with the later activity wins).  Superseded
 * rows are deleted at the end, after the new rows are in, so a file that
 * fails half-way leaves everything as it was: the whole load is one
 * statement of the caller's transaction.
 */
#include "postgres.h"

#include <sys/stat.h>

#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_authid.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "common/cryptohash.h"
#include "common/hashfn.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/libpq-fs.h"
#include "libpq/be-fsstubs.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "storage/fd.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/formatting.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/resowner.h"
#include "utils/tuplesort.h"
#include "access/xact.h"
#include "catalog/pg_operator.h"

#include "csvread.h"
#include "uanalytics.h"
#include "values.h"

/* Bytes read from the input at a time. */
#define READ_CHUNK (256 * 1024)

/* Where the bytes come from. */
typedef struct InputSource
{
	char	   *name;			/* for messages and uanalytics.loads */
	/* reads up to size bytes into buf, 0 at the end */
	size_t		(*read) (struct InputSource *src, char *buf, size_t size);
	void		(*rewind) (struct InputSource *src);
	const char *path;			/* server file */
	FILE	   *fp;
	const char *data;			/* bytea */
	size_t		len;
	size_t		pos;
	int			fd;				/* large object descriptor */
} InputSource;

/* What a load does with the rows of one period. */
typedef enum PeriodAction
{
	PERIOD_NEW,					/* nothing stored: insert */
	PERIOD_REPLACE,				/* insert, then delete the stored rows */
	PERIOD_COMPARE,				/* partial over partial: decided at the end */
	PERIOD_SKIP					/* partial over complete: keep the stored */
} PeriodAction;

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
	bool		has_as_of;
	DateADT		as_of;			/* latest last_day_active_in_period */
	int64		rows;			/* inserted by this load */
} LoadPeriod;

/* Everything about the load of one input. */
typedef struct LoadState
{
	InputSource *src;
	bool		skip_errors;
	int			requested_kind; /* -1 for auto */
	ReportKind	kind;
	uint8		sha256[PG_SHA256_DIGEST_LENGTH];
	int64		nbytes;
	int64		load_id;
	MemoryContext loadcxt;		/* lives as long as the load */
	MemoryContext rowcxt;		/* reset for every record */

	/* the header */
	bool		header_done;
	int			nfields;
	int		   *field_col;		/* report column of each field, or -1 */
	List	   *unknown_columns;	/* of char * */

	/* the target table */
	const ExportColumn *columns;
	int			ncolumns;
	int			col_cadence,
				col_start,
				col_end,
				col_account,
				col_key,		/* public_id or gpt_id */
				col_email,
				col_as_of;
	Relation	rel;
	Datum	   *values;			/* ncolumns + is_partial + load_id */
	bool	   *nulls;
	RowInserter *ins;

	List	   *periods;		/* of LoadPeriod * */
	LoadPeriod *last_period;

	int64		rows_read;
	int64		rows_loaded;
	int64		rows_replaced;
	int64		rows_skipped;
	int64		rows_rejected;

	int64		lineno;			/* for the error context */
	bool		own_error;		/* our messages say where themselves */
	SPIPlanPtr	errplan;		/* INSERT INTO load_errors */

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

/* A record whose key hash was seen twice, as read the second time. */
typedef struct KeySighting
{
	char	   *key;			/* account, cadence, period and user exactly */
	int64		line;
	char	   *column;			/* public_id, email or gpt_id */
	char	   *shown;			/* the user or GPT as shown in messages */
	DateADT		start;
} KeySighting;

/* A record that repeats the key of an earlier one. */
typedef struct Duplicate
{
	int64		line;
	int64		first_line;
	char	   *column;
	char	   *shown;
	DateADT		start;
} Duplicate;

/* What the loaders return for each input. */
typedef struct LoadResult
{
	int64		load_id;
	char	   *source;
	const char *kind;
	int64		rows_read;
	int64		rows_loaded;
	int64		rows_replaced;
	int64		rows_skipped;
	int64		rows_rejected;
	const char *status;
	List	   *unknown_columns;
} LoadResult;

static const char *const kind_names[] = {"users", "gpts"};
static const char *const cadence_names[] = {"Weekly", "Monthly"};
static const char *const table_names[] = {"user_engagement", "gpt_engagement"};

/* libcsv's buffers live in the load's memory context. */
static MemoryContext csv_memory;

static void *
csv_realloc(void *ptr, size_t size)
{
	if (ptr == NULL)
		return MemoryContextAlloc(csv_memory, size);
	return repalloc(ptr, size);
}

static void
csv_pfree(void *ptr)
{
	pfree(ptr);
}

/* ---- input sources ---- */

static size_t
file_read(InputSource *src, char *buf, size_t size)
{
	size_t		n = fread(buf, 1, size, src->fp);

	if (n == 0 && ferror(src->fp))
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not read file \"%s\": %m", src->path)));
	return n;
}

static void
file_rewind(InputSource *src)
{
	if (fseeko(src->fp, 0, SEEK_SET) != 0)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not seek in file \"%s\": %m", src->path)));
}

static size_t
bytes_read(InputSource *src, char *buf, size_t size)
{
	size_t		n = Min(size, src->len - src->pos);

	memcpy(buf, src->data + src->pos, n);
	src->pos += n;
	return n;
}

static void
bytes_rewind(InputSource *src)
{
	src->pos = 0;
}

static size_t
lo_source_read(InputSource *src, char *buf, size_t size)
{
	return (size_t) lo_read(src->fd, buf, (int) size);
}

static void
lo_source_rewind(InputSource *src)
{
	DirectFunctionCall3(be_lo_lseek64, Int32GetDatum(src->fd), Int64GetDatum(0),
						Int32GetDatum(SEEK_SET));
}

/* ---- errors ---- */

/* Adds "uanalytics load of ..., line N" to errors raised by others. */
static void
load_error_context(void *arg)
{
	LoadState  *st = (LoadState *) arg;

	if (st->own_error)
		return;
	if (st->lineno > 0)
		errcontext("uanalytics load of \"%s\", line " INT64_FORMAT, st->src->name, st->lineno);
	else
		errcontext("uanalytics load of \"%s\"", st->src->name);
}

/* Raises an error about the input as a whole (never skipped). */
static void pg_attribute_noreturn()
file_error(LoadState *st, int sqlstate, const char *message, const char *detail, const char *hint)
{
	st->own_error = true;
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("\"%s\": %s", st->src->name, message),
			 detail ? errdetail("%s", detail) : 0,
			 hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

/*
 * A bad record: with on_error => 'abort' an error naming source, line,
 * column and value; with 'skip' a row in uanalytics.load_errors.
 */
static void
reject(LoadState *st, const CsvRecord *rec, const char *column, const FieldError *err)
{
	Datum		args[6];
	char		nulls[6] = {' ', ' ', ' ', ' ', ' ', ' '};
	size_t		rawlen = rec->rawlen;
	int			rc;

	/* the second reading only looks for duplicate keys */
	if (st->verifying)
		return;

	if (!st->skip_errors)
	{
		st->own_error = true;
		if (column)
			ereport(ERROR,
					(errcode(err->sqlstate),
					 errmsg("\"%s\", line " INT64_FORMAT ", column %s: %s",
							st->src->name, rec->line, column, err->message),
					 err->detail ? errdetail("%s", err->detail) : 0,
					 errhint("Pass on_error => 'skip' to load the other records and keep the bad ones in uanalytics.load_errors.")));
		else
			ereport(ERROR,
					(errcode(err->sqlstate),
					 errmsg("\"%s\", line " INT64_FORMAT ": %s",
							st->src->name, rec->line, err->message),
					 err->detail ? errdetail("%s", err->detail) : 0,
					 errhint("Pass on_error => 'skip' to load the other records and keep the bad ones in uanalytics.load_errors.")));
	}

	st->rows_rejected++;
	while (rawlen > 0 && (rec->raw[rawlen - 1] == '\n' || rec->raw[rawlen - 1] == '\r'))
		rawlen--;
	args[0] = Int64GetDatum(st->load_id);
	args[1] = Int64GetDatum(rec->line);
	args[2] = column ? CStringGetTextDatum(column) : (Datum) 0;
	nulls[2] = column ? ' ' : 'n';
	args[3] = CStringGetTextDatum(err->message);
	args[4] = CStringGetTextDatum(unpack_sql_state(err->sqlstate));
	args[5] = CStringGetTextDatum(printable_text(rec->raw, rawlen));
	rc = SPI_execute_plan(st->errplan, args, nulls, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not record a rejected record: %s", SPI_result_code_string(rc));
}

/* The same for a problem without a FieldError at hand. */
static void
reject_msg(LoadState *st, const CsvRecord *rec, const char *column, int sqlstate,
		   char *message, const char *detail)
{
	FieldError	err;

	err.sqlstate = sqlstate;
	err.message = message;
	err.detail = detail ? pstrdup(detail) : NULL;
	reject(st, rec, column, &err);
}

/* ---- SQL helpers ---- */

/* Runs a statement with arguments; returns SPI_processed. */
static uint64
run_sql(const char *sql, int nargs, Oid *types, Datum *args, int expected)
{
	int			rc = SPI_execute_with_args(sql, nargs, types, args, NULL, false, 0);

	if (rc != expected)
		elog(ERROR, "uanalytics: \"%s\" failed: %s", sql, SPI_result_code_string(rc));
	return SPI_processed;
}

/* ---- header ---- */

/* Maps the header's fields to columns and prepares the target table. */
static void
read_header(LoadState *st, const CsvRecord *rec)
{
	char	  **names = palloc(sizeof(char *) * rec->nfields);
	bool		has_public_id = false,
				has_gpt_id = false;
	int			i;
	int			j;

	for (i = 0; i < rec->nfields; i++)
	{
		FieldError err;

		if (!check_field_encoding(rec->fields[i], rec->lengths[i], &err))
			file_error(st, err.sqlstate, psprintf("header: %s", err.message), NULL, NULL);
		names[i] = header_name(rec->fields[i], rec->lengths[i], true);
		for (j = 0; j < i; j++)
			if (names[j][0] != '\0' && strcmp(names[i], names[j]) == 0)
				file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
						   psprintf("column \"%s\" appears twice in the header", names[i]),
						   NULL, NULL);
		if (strcmp(names[i], "public_id") == 0 || strcmp(names[i], "email") == 0)
			has_public_id = true;
		if (strcmp(names[i], "gpt_id") == 0)
			has_gpt_id = true;
	}

	if (st->requested_kind >= 0)
		st->kind = (ReportKind) st->requested_kind;
	else if (has_gpt_id && !has_public_id)
		st->kind = REPORT_GPTS;
	else if (has_public_id && !has_gpt_id)
		st->kind = REPORT_USERS;
	else
		file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
				   "cannot tell whether this is a User or a GPT Engagement export",
				   has_gpt_id ? "The header has both gpt_id and public_id."
				   : "The header has neither public_id nor email (User Engagement) nor gpt_id (GPT Engagement).",
				   "Check that the first line is the export's header, or pass kind => 'users' or kind => 'gpts'.");

	st->columns = report_columns(st->kind, &st->ncolumns);
	st->nfields = rec->nfields;
	st->field_col = palloc(sizeof(int) * rec->nfields);
	for (i = 0; i < rec->nfields; i++)
	{
		st->field_col[i] = find_report_column(st->kind, names[i]);
		if (st->field_col[i] < 0)
			st->unknown_columns = lappend(st->unknown_columns,
										  header_name(rec->fields[i], rec->lengths[i], false));
	}
	for (j = 0; j < st->ncolumns; j++)
	{
		bool		found = false;

		for (i = 0; i < rec->nfields; i++)
			if (st->field_col[i] == j)
				found = true;
		if (!found && st->columns[j].required)
			file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
					   psprintf("the header has no column \"%s\"", st->columns[j].name),
					   psprintf("A %s export needs the columns %s.",
								st->kind == REPORT_USERS ? "User Engagement" : "GPT Engagement",
								st->kind == REPORT_USERS
								? "cadence, period_start, period_end, account_id, public_id and email"
								: "cadence, period_start, period_end, account_id and gpt_id"),
					   NULL);
	}

	st->col_cadence = find_report_column(st->kind, "cadence");
	st->col_start = find_report_column(st->kind, "period_start");
	st->col_end = find_report_column(st->kind, "period_end");
	st->col_account = find_report_column(st->kind, "account_id");
	st->col_key = find_report_column(st->kind, st->kind == REPORT_USERS ? "public_id" : "gpt_id");
	st->col_email = find_report_column(st->kind, "email");
	st->col_as_of = find_report_column(st->kind, "last_day_active_in_period");
}

/* Opens the table, records the load in uanalytics.loads. */
static void
begin_table(LoadState *st)
{
	Oid			nsp = get_namespace_oid("uanalytics", false);
	Oid			relid = get_relname_relid(table_names[st->kind], nsp);
	TupleDesc	tupdesc;
	AttrNumber *attnums;
	int			nvalues = st->ncolumns + 2;
	int			i;
	Oid			types[6] = {TEXTOID, BYTEAOID, INT8OID, TEXTOID, TEXTOID, TEXTOID};
	Datum		args[6];
	bytea	   *sha = palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH);

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table uanalytics.%s does not exist", table_names[st->kind])));
	st->rel = table_open(relid, RowExclusiveLock);
	tupdesc = RelationGetDescr(st->rel);

	/* the columns we fill, by name, so an administrator's changes hold */
	attnums = palloc(sizeof(AttrNumber) * nvalues);
	for (i = 0; i < nvalues; i++)
	{
		const char *name = i < st->ncolumns ? st->columns[i].name
		: i == st->ncolumns ? "is_partial" : "load_id";
		AttrNumber	attnum = InvalidAttrNumber;
		int			k;

		for (k = 0; k < tupdesc->natts; k++)
		{
			Form_pg_attribute att = TupleDescAttr(tupdesc, k);

			if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
				attnum = att->attnum;
		}
		if (attnum == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("table uanalytics.%s has no column \"%s\"", table_names[st->kind], name)));
		attnums[i] = attnum;
	}
	st->values = palloc0(sizeof(Datum) * nvalues);
	st->nulls = palloc0(sizeof(bool) * nvalues);

	SET_VARSIZE(sha, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	memcpy(VARDATA(sha), st->sha256, PG_SHA256_DIGEST_LENGTH);
	args[0] = CStringGetTextDatum(st->src->name);
	args[1] = PointerGetDatum(sha);
	args[2] = Int64GetDatum(st->nbytes);
	args[3] = CStringGetTextDatum(kind_names[st->kind]);
	args[4] = CStringGetTextDatum(st->skip_errors ? "skip" : "abort");
	args[5] = CStringGetTextDatum("loading");
	run_sql("INSERT INTO uanalytics.loads (source, sha256, bytes, kind, on_error, status) "
			"VALUES ($1, $2, $3, $4, $5, $6) RETURNING load_id",
			6, types, args, SPI_OK_INSERT_RETURNING);
	{
		bool		isnull;

		st->load_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}

	if (st->skip_errors)
	{
		Oid			errtypes[6] = {INT8OID, INT8OID, TEXTOID, TEXTOID, TEXTOID, TEXTOID};

		st->errplan = SPI_prepare("INSERT INTO uanalytics.load_errors "
								  "(load_id, line_number, column_name, message, sqlstate, raw_record) "
								  "VALUES ($1, $2, $3, $4, $5, $6)", 6, errtypes);
		if (st->errplan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	}

	st->ins = inserter_begin(st->rel, nvalues, attnums, &st->lineno);
}

/* ---- periods ---- */

/*
 * Finds the period of a row in this load, or claims it: inserts its row in
 * uanalytics.periods, or locks the stored one and decides what to do.
 */
static LoadPeriod *
claim_period(LoadState *st, const char *account, UaCadence cadence, DateADT start,
			 DateADT end, bool is_partial)
{
	LoadPeriod *p = st->last_period;
	ListCell   *lc;
	MemoryContext oldcxt;
	Oid			types[7] = {TEXTOID, TEXTOID, TEXTOID, DATEOID, DATEOID, BOOLOID, INT8OID};
	Datum		args[7];

	if (p && p->cadence == cadence && p->start == start && strcmp(p->account_id, account) == 0)
		return p;
	foreach(lc, st->periods)
	{
		p = (LoadPeriod *) lfirst(lc);
		if (p->cadence == cadence && p->start == start && strcmp(p->account_id, account) == 0)
		{
			st->last_period = p;
			return p;
		}
	}

	oldcxt = MemoryContextSwitchTo(st->loadcxt);
	p = palloc0(sizeof(LoadPeriod));
	p->account_id = pstrdup(account);
	p->cadence = cadence;
	p->start = start;
	p->end = end;
	p->is_partial = is_partial;
	st->periods = lappend(st->periods, p);
	st->last_period = p;
	MemoryContextSwitchTo(oldcxt);

	args[0] = CStringGetTextDatum(account);
	args[1] = CStringGetTextDatum(kind_names[st->kind]);
	args[2] = CStringGetTextDatum(cadence_names[cadence]);
	args[3] = DateADTGetDatum(start);
	args[4] = DateADTGetDatum(end);
	args[5] = BoolGetDatum(is_partial);
	args[6] = Int64GetDatum(st->load_id);
	if (run_sql("INSERT INTO uanalytics.periods AS p "
				"(account_id, kind, cadence, period_start, period_end, is_partial, load_id, row_count) "
				"VALUES ($1, $2, $3, $4, $5, $6, $7, 0) ON CONFLICT DO NOTHING",
				7, types, args, SPI_OK_INSERT) == 1)
		p->action = PERIOD_NEW;
	else
	{
		bool		stored_partial;
		bool		isnull;

		run_sql("SELECT is_partial, as_of FROM uanalytics.periods "
				"WHERE account_id = $1 AND kind = $2 AND cadence = $3 AND period_start = $4 FOR UPDATE",
				4, types, args, SPI_OK_SELECT);
		if (SPI_processed != 1)
			elog(ERROR, "uanalytics.periods lost the row of a period");
		stored_partial = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		p->stored_as_of = DatumGetDateADT(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
		p->stored_has_as_of = !isnull;
		if (!stored_partial)
			p->action = is_partial ? PERIOD_SKIP : PERIOD_REPLACE;
		else
			p->action = is_partial ? PERIOD_COMPARE : PERIOD_REPLACE;
	}
	return p;
}

/* Deletes a period's rows of other loads (or of this one); returns how many. */
static uint64
delete_period_rows(LoadState *st, LoadPeriod *p, bool this_load)
{
	Oid			types[4] = {TEXTOID, TEXTOID, DATEOID, INT8OID};
	Datum		args[4];
	char	   *sql;

	args[0] = CStringGetTextDatum(p->account_id);
	args[1] = CStringGetTextDatum(cadence_names[p->cadence]);
	args[2] = DateADTGetDatum(p->start);
	args[3] = Int64GetDatum(st->load_id);
	sql = psprintf("DELETE FROM uanalytics.%s "
				   "WHERE account_id = $1 AND cadence = $2 AND period_start = $3 AND load_id %s $4",
				   table_names[st->kind], this_load ? "=" : "<>");
	return run_sql(sql, 4, types, args, SPI_OK_DELETE);
}

/* After the last row: delete what the load supersedes, update the catalog. */
static void
finish_periods(LoadState *st)
{
	ListCell   *lc;

	foreach(lc, st->periods)
	{
		LoadPeriod *p = (LoadPeriod *) lfirst(lc);
		Oid			types[9] = {TEXTOID, TEXTOID, TEXTOID, DATEOID, DATEOID, BOOLOID, DATEOID,
		INT8OID, INT8OID};
		Datum		args[9];
		char		nulls[9] = "         ";

		if (p->action == PERIOD_SKIP)
			continue;
		if (p->action == PERIOD_COMPARE)
		{
			/* the partial with the later activity is the newer export */
			bool		newer = !p->stored_has_as_of ||
				(p->has_as_of && p->as_of >= p->stored_as_of);

			if (!newer)
			{
				uint64		n = delete_period_rows(st, p, true);

				st->rows_loaded -= n;
				st->rows_skipped += n;
				continue;
			}
		}
		if (p->action != PERIOD_NEW)
			st->rows_replaced += delete_period_rows(st, p, false);

		args[0] = CStringGetTextDatum(p->account_id);
		args[1] = CStringGetTextDatum(kind_names[st->kind]);
		args[2] = CStringGetTextDatum(cadence_names[p->cadence]);
		args[3] = DateADTGetDatum(p->start);
		args[4] = DateADTGetDatum(p->end);
		args[5] = BoolGetDatum(p->is_partial);
		args[6] = DateADTGetDatum(p->as_of);
		args[7] = Int64GetDatum(st->load_id);
		args[8] = Int64GetDatum(p->rows);
		nulls[6] = p->has_as_of ? ' ' : 'n';
		SPI_execute_with_args("UPDATE uanalytics.periods SET period_end = $5, is_partial = $6, "
							  "as_of = $7, load_id = $8, row_count = $9 "
							  "WHERE account_id = $1 AND kind = $2 AND cadence = $3 AND period_start = $4",
							  9, types, args, nulls, false, 0);
	}
}

/* Brings the views' rollups of the periods this load holds up to date. */
static void
refresh_summaries(LoadState *st)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1];

	args[0] = Int64GetDatum(st->load_id);
	run_sql("SELECT uanalytics.refresh_summaries($1)", 1, types, args, SPI_OK_SELECT);
}

/* ---- records ---- */

/* ---- duplicate keys ---- */

/* The hash of a row's identity: account, cadence, period and user (or GPT). */
static int64
key_hash(const char *account, UaCadence cadence, DateADT start, const char *key)
{
	uint64		h = hash_bytes_extended((const unsigned char *) key, strlen(key), 0);

	h = hash_combine64(h, hash_bytes_extended((const unsigned char *) account, strlen(account), 0));
	h = hash_combine64(h, hash_uint32_extended((uint32) start, (uint64) cadence));
	return (int64) h;
}

static int
compare_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

static int
compare_sightings(const ListCell *a, const ListCell *b)
{
	const KeySighting *x = lfirst(a);
	const KeySighting *y = lfirst(b);
	int			c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line ? 1 : 0;
}

static int
compare_duplicates(const void *a, const void *b)
{
	int64		x = ((const Duplicate *) a)->line;
	int64		y = ((const Duplicate *) b)->line;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* Is this line a known duplicate? */
static const Duplicate *
find_duplicate(LoadState *st, int64 line)
{
	Duplicate	probe;

	if (st->nduplicates == 0)
		return NULL;
	probe.line = line;
	return bsearch(&probe, st->duplicates, st->nduplicates, sizeof(Duplicate), compare_duplicates);
}

/* A date Datum as text, for messages. */
static char *
date_text(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

/* Converts, checks and stores one data record. */
static void
load_record(LoadState *st, const CsvRecord *rec)
{
	const ExportColumn *cols = st->columns;
	int			ncol = st->ncolumns;
	UaCadence	cadence = UA_CADENCE_INVALID;
	bool		is_partial = false;
	LoadPeriod *p;
	char	   *account;
	DateADT		start,
				end;
	int			i;

	if (rec->nfields != st->nfields)
	{
		reject_msg(st, rec, NULL, ERRCODE_BAD_COPY_FILE_FORMAT,
				   psprintf("expected %d fields as in the header, found %d", st->nfields, rec->nfields),
				   "A field that holds a comma, a quote or a line break must be quoted.");
		return;
	}

	for (i = 0; i < ncol; i++)
		st->nulls[i] = true;
	for (i = 0; i < rec->nfields; i++)
	{
		int			c = st->field_col[i];
		const char *s = rec->fields[i];
		size_t		len = rec->lengths[i];
		FieldError	err;

		if (c < 0 || len == 0)
			continue;			/* unknown column, or empty: NULL */
		if (!check_field_encoding(s, len, &err))
		{
			reject(st, rec, cols[c].name, &err);
			return;
		}
		if (cols[c].type == CT_CADENCE)
		{
			cadence = ua_parse_cadence(s, len, &is_partial);
			if (cadence == UA_CADENCE_INVALID)
			{
				reject_msg(st, rec, cols[c].name, ERRCODE_INVALID_TEXT_REPRESENTATION,
						   psprintf("unknown cadence %s", quote_value(s, len)),
						   "The cadence is Weekly, Monthly, Partial Weekly or Partial Monthly.");
				return;
			}
			st->values[c] = CStringGetTextDatum(cadence_names[cadence]);
		}
		else if (!convert_field(&cols[c], s, len, &st->values[c], &err))
		{
			reject(st, rec, cols[c].name, &err);
			return;
		}
		st->nulls[c] = false;
	}

	/* the key columns */
	{
		int			required[4] = {st->col_account, st->col_cadence, st->col_start, st->col_end};

		for (i = 0; i < 4; i++)
			if (st->nulls[required[i]])
			{
				reject_msg(st, rec, cols[required[i]].name, ERRCODE_NOT_NULL_VIOLATION,
						   psprintf("%s is empty", cols[required[i]].name),
						   "Every record names its account and period.");
				return;
			}
	}
	if (st->nulls[st->col_key] && (st->kind == REPORT_GPTS || st->nulls[st->col_email]))
	{
		reject_msg(st, rec, cols[st->col_key].name, ERRCODE_NOT_NULL_VIOLATION,
				   psprintf("%s is empty", st->kind == REPORT_USERS ? "public_id and email are" : "gpt_id is"),
				   st->kind == REPORT_USERS ? "A user is identified by public_id, or by email while pending." : NULL);
		return;
	}
	start = DatumGetDateADT(st->values[st->col_start]);
	end = DatumGetDateADT(st->values[st->col_end]);
	if (end < start)
	{
		reject_msg(st, rec, "period_end", ERRCODE_CHECK_VIOLATION,
				   psprintf("period_end %s is before period_start %s", date_text(end), date_text(start)),
				   NULL);
		return;
	}

	/* the period decides whether the row is stored */
	account = TextDatumGetCString(st->values[st->col_account]);
	p = claim_period(st, account, cadence, start, end, is_partial);
	if (p->end != end || p->is_partial != is_partial)
	{
		reject_msg(st, rec, p->end != end ? "period_end" : "cadence", ERRCODE_BAD_COPY_FILE_FORMAT,
				   p->end != end
				   ? psprintf("period %s also has rows ending %s, not %s",
							  date_text(start), date_text(p->end), date_text(end))
				   : psprintf("period %s mixes partial and complete rows", date_text(start)),
				   "A period's rows come from one export.");
		return;
	}
	if (p->action == PERIOD_SKIP)
	{
		st->rows_skipped++;
		return;
	}

	/* one row per user (or GPT) and period: see find_duplicates() */
	{
		const char *column = cols[st->col_key].name;
		char	   *key;
		char	   *shown;
		int64		hash;
		const Duplicate *dup;

		if (!st->nulls[st->col_key])
			shown = key = TextDatumGetCString(st->values[st->col_key]);
		else
		{
			char	   *email = TextDatumGetCString(st->values[st->col_email]);

			/* a pending user: the email, which never looks like a public_id */
			column = "email";
			shown = str_tolower(email, strlen(email), DEFAULT_COLLATION_OID);
			key = psprintf("\x01%s", shown);
		}
		hash = key_hash(account, cadence, start, key);

		if (st->verifying)
		{
			if (bsearch(&hash, st->candidates, st->ncandidates, sizeof(int64), compare_int64))
			{
				MemoryContext oldcxt = MemoryContextSwitchTo(st->loadcxt);
				KeySighting *k = palloc(sizeof(KeySighting));

				k->key = psprintf("%s\x1f%d\x1f%d\x1f%s", account, (int) cadence, (int) start, key);
				k->line = rec->line;
				k->column = pstrdup(column);
				k->shown = pstrdup(shown);
				k->start = start;
				st->verified = lappend(st->verified, k);
				MemoryContextSwitchTo(oldcxt);
			}
			return;
		}

		dup = find_duplicate(st, rec->line);
		if (dup)
		{
			reject_msg(st, rec, dup->column, ERRCODE_UNIQUE_VIOLATION,
					   psprintf("%s %s appears twice in period %s",
								st->kind == REPORT_GPTS ? "GPT" : "user",
								quote_value(dup->shown, strlen(dup->shown)), date_text(dup->start)),
					   psprintf("It is also on line " INT64_FORMAT ".", dup->first_line));
			return;
		}
		tuplesort_putdatum(st->keysort, Int64GetDatum(hash), false);
	}

	if (st->col_as_of >= 0 && !st->nulls[st->col_as_of])
	{
		DateADT		d = DatumGetDateADT(st->values[st->col_as_of]);

		if (!p->has_as_of || d > p->as_of)
			p->as_of = d;
		p->has_as_of = true;
	}

	st->values[ncol] = BoolGetDatum(is_partial);
	st->nulls[ncol] = false;
	st->values[ncol + 1] = Int64GetDatum(st->load_id);
	st->nulls[ncol + 1] = false;
	inserter_add(st->ins, st->values, st->nulls, rec->line);
	p->rows++;
	st->rows_loaded++;
}

/* csvread callback: the header, then one record at a time. */
static bool
on_record(void *arg, const CsvRecord *rec)
{
	LoadState  *st = (LoadState *) arg;
	MemoryContext oldcxt;

	st->lineno = rec->line;
	if (!st->header_done && st->verifying)
	{
		/* the second reading: the header is known already */
		st->header_done = true;
		return true;
	}
	if (!st->header_done)
	{
		oldcxt = MemoryContextSwitchTo(st->loadcxt);
		read_header(st, rec);
		begin_table(st);
		st->header_done = true;
		MemoryContextSwitchTo(oldcxt);
		return true;
	}
	st->rows_read++;
	MemoryContextReset(st->rowcxt);
	oldcxt = MemoryContextSwitchTo(st->rowcxt);
	load_record(st, rec);
	MemoryContextSwitchTo(oldcxt);
	return true;
}

/* csvread callback: a record that is not well-formed CSV. */
static bool
on_csv_error(void *arg, CsvErrorKind kind, const CsvRecord *rec)
{
	LoadState  *st = (LoadState *) arg;
	const char *message;
	const char *detail;
	MemoryContext oldcxt;

	st->lineno = rec->line;
	switch (kind)
	{
		case CSV_ERR_STRAY_QUOTE:
			message = "misplaced quote";
			detail = "A quote may only open a field or be doubled inside a quoted field.";
			break;
		case CSV_ERR_UNTERMINATED:
			message = "unterminated quoted field";
			detail = "A quoted field is still open at the end of the file.";
			break;
		default:
			message = "record longer than 64 MB";
			detail = "Probably a quote that is never closed.";
			break;
	}
	if (!st->header_done)
		file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
				   psprintf("line " INT64_FORMAT " (header): %s", rec->line, message), detail, NULL);
	st->rows_read++;
	MemoryContextReset(st->rowcxt);
	oldcxt = MemoryContextSwitchTo(st->rowcxt);
	reject_msg(st, rec, NULL, ERRCODE_BAD_COPY_FILE_FORMAT, pstrdup(message), detail);
	MemoryContextSwitchTo(oldcxt);
	return true;
}

/* ---- one input ---- */

/* Reads the whole input once: its size and SHA-256. */
static void
hash_input(LoadState *st, char *buf)
{
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);
	size_t		n;

	if (pg_cryptohash_init(ctx) < 0)
		elog(ERROR, "could not initialize SHA-256");
	st->nbytes = 0;
	while ((n = st->src->read(st->src, buf, READ_CHUNK)) > 0)
	{
		if (pg_cryptohash_update(ctx, (uint8 *) buf, n) < 0)
			elog(ERROR, "could not compute SHA-256");
		st->nbytes += n;
		CHECK_FOR_INTERRUPTS();
	}
	if (pg_cryptohash_final(ctx, st->sha256, sizeof(st->sha256)) < 0)
		elog(ERROR, "could not compute SHA-256");
	pg_cryptohash_free(ctx);
}

/* Was this exact input loaded before?  Fills *res when it was. */
static bool
already_loaded(LoadState *st, LoadResult *res)
{
	bytea	   *sha = palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	Oid			types[1] = {BYTEAOID};
	Datum		args[1];
	bool		isnull;

	SET_VARSIZE(sha, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	memcpy(VARDATA(sha), st->sha256, PG_SHA256_DIGEST_LENGTH);
	args[0] = PointerGetDatum(sha);
	run_sql("SELECT load_id, kind FROM uanalytics.loads WHERE sha256 = $1 AND status = 'loaded' "
			"ORDER BY load_id DESC LIMIT 1", 1, types, args, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return false;
	res->load_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	res->kind = strcmp(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2), "gpts") == 0
		? "gpts" : "users";
	res->status = "unchanged";
	return true;
}

/* Records the outcome in uanalytics.loads. */
static void
finish_load_row(LoadState *st)
{
	Oid			types[7] = {INT8OID, INT8OID, INT8OID, INT8OID, INT8OID, INT8OID, TEXTARRAYOID};
	Datum		args[7];
	Datum	   *names = palloc(sizeof(Datum) * (list_length(st->unknown_columns) + 1));
	ListCell   *lc;
	int			n = 0;

	foreach(lc, st->unknown_columns)
		names[n++] = CStringGetTextDatum((char *) lfirst(lc));
	args[0] = Int64GetDatum(st->load_id);
	args[1] = Int64GetDatum(st->rows_read);
	args[2] = Int64GetDatum(st->rows_loaded);
	args[3] = Int64GetDatum(st->rows_replaced);
	args[4] = Int64GetDatum(st->rows_skipped);
	args[5] = Int64GetDatum(st->rows_rejected);
	args[6] = PointerGetDatum(construct_array(names, n, TEXTOID, -1, false, TYPALIGN_INT));
	run_sql("UPDATE uanalytics.loads SET status = 'loaded', rows_read = $2, rows_loaded = $3, "
			"rows_replaced = $4, rows_skipped = $5, rows_rejected = $6, unknown_columns = $7 "
			"WHERE load_id = $1", 7, types, args, SPI_OK_UPDATE);
}

/* Creates the state of one reading of the input. */
static void
init_state(LoadState *st, InputSource *src, bool skip_errors, int requested_kind,
		   MemoryContext parent)
{
	memset(st, 0, sizeof(*st));
	st->src = src;
	st->skip_errors = skip_errors;
	st->requested_kind = requested_kind;
	st->loadcxt = AllocSetContextCreate(parent, "uanalytics load", ALLOCSET_DEFAULT_SIZES);
	st->rowcxt = AllocSetContextCreate(st->loadcxt, "uanalytics load record",
									   ALLOCSET_DEFAULT_SIZES);
}

/* Reads the whole input through csvread.c, handing records to on_record. */
static void
read_input(LoadState *st, char *buf)
{
	CsvReader	reader;
	CsvAllocator alloc = {csv_realloc, csv_pfree};
	size_t		n;

	st->src->rewind(st->src);
	csv_memory = st->loadcxt;
	csvr_init(&reader, &alloc, on_record, on_csv_error, st);
	while ((n = st->src->read(st->src, buf, READ_CHUNK)) > 0)
	{
		csvr_feed(&reader, buf, n);
		CHECK_FOR_INTERRUPTS();
	}
	csvr_finish(&reader);
	csvr_free(&reader);
	st->lineno = 0;
}

/* Parses the input and stores its rows (the periods are settled later). */
static void
store_input(LoadState *st, char *buf)
{
	MemoryContext oldcxt = MemoryContextSwitchTo(st->loadcxt);
#if PG_VERSION_NUM >= 150000
	st->keysort = tuplesort_begin_datum(INT8OID, Int8LessOperator, InvalidOid, false,
										work_mem, NULL, TUPLESORT_NONE);
#else
	st->keysort = tuplesort_begin_datum(INT8OID, Int8LessOperator, InvalidOid, false,
										work_mem, NULL, false);
#endif
	MemoryContextSwitchTo(oldcxt);

	read_input(st, buf);
	if (!st->header_done)
		file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT, "the file has no header line",
				   "An export has a header line and one line per user or GPT.", NULL);
	inserter_finish(st->ins);

	/* closed here, inside the subtransaction that may have opened it */
	table_close(st->rel, NoLock);
	st->rel = NULL;
}

/*
 * Finds the records that repeat the key of an earlier record of the same
 * period.  The sorted key hashes show which hashes occur twice; only if any
 * do, a second reading collects those records' exact keys, so a hash
 * collision never rejects a good record.
 */
static void
find_duplicates(LoadState *st, char *buf)
{
	Datum		d;
	bool		isnull;
	int64		prev = 0;
	bool		have_prev = false;
	int			size = 16;
	int64		counts[5];
	List	   *groups;
	ListCell   *lc;
	KeySighting *first = NULL;

	tuplesort_performsort(st->keysort);
	st->candidates = MemoryContextAlloc(st->loadcxt, sizeof(int64) * size);
#if PG_VERSION_NUM >= 160000
	while (tuplesort_getdatum(st->keysort, true, false, &d, &isnull, NULL))
#else
	while (tuplesort_getdatum(st->keysort, true, &d, &isnull, NULL))
#endif
	{
		int64		h = DatumGetInt64(d);

		if (have_prev && h == prev &&
			(st->ncandidates == 0 || st->candidates[st->ncandidates - 1] != h))
		{
			if (st->ncandidates == size)
			{
				size *= 2;
				st->candidates = repalloc(st->candidates, sizeof(int64) * size);
			}
			st->candidates[st->ncandidates++] = h;
		}
		prev = h;
		have_prev = true;
	}
	tuplesort_end(st->keysort);
	st->keysort = NULL;
	if (st->ncandidates == 0)
		return;

	/* the second reading must not count anything */
	counts[0] = st->rows_read;
	counts[1] = st->rows_loaded;
	counts[2] = st->rows_skipped;
	counts[3] = st->rows_rejected;
	counts[4] = st->rows_replaced;
	st->verifying = true;
	st->header_done = false;
	read_input(st, buf);
	st->verifying = false;
	st->rows_read = counts[0];
	st->rows_loaded = counts[1];
	st->rows_skipped = counts[2];
	st->rows_rejected = counts[3];
	st->rows_replaced = counts[4];

	/* equal exact keys: every record after the first is a duplicate */
	groups = st->verified;
	list_sort(groups, compare_sightings);
	st->duplicates = MemoryContextAlloc(st->loadcxt, sizeof(Duplicate) * (list_length(groups) + 1));
	foreach(lc, groups)
	{
		KeySighting *k = lfirst(lc);

		if (first && strcmp(first->key, k->key) == 0)
		{
			Duplicate  *dup = &st->duplicates[st->nduplicates++];

			dup->line = k->line;
			dup->first_line = first->line;
			dup->column = k->column;
			dup->shown = k->shown;
			dup->start = k->start;
		}
		else
			first = k;
	}
	qsort(st->duplicates, st->nduplicates, sizeof(Duplicate), compare_duplicates);
}

/* Loads one input: the core that every entry point shares. */
static LoadResult
load_input(InputSource *src, bool skip_errors, int requested_kind)
{
	LoadState	st;
	LoadResult	res;
	ErrorContextCallback errcallback;
	MemoryContext callercxt = CurrentMemoryContext;
	ResourceOwner callerowner = CurrentResourceOwner;
	MemoryContext keepcxt;
	char	   *buf;

	memset(&res, 0, sizeof(res));
	init_state(&st, src, skip_errors, requested_kind, callercxt);
	keepcxt = AllocSetContextCreate(callercxt, "uanalytics load buffers", ALLOCSET_DEFAULT_SIZES);
	buf = MemoryContextAlloc(keepcxt, READ_CHUNK);

	errcallback.callback = load_error_context;
	errcallback.arg = &st;
	errcallback.previous = error_context_stack;
	error_context_stack = &errcallback;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(st.loadcxt);

	hash_input(&st, buf);
	res.source = MemoryContextStrdup(callercxt, src->name);
	if (already_loaded(&st, &res))
		goto done;
	if (st.nbytes == 0)
		file_error(&st, ERRCODE_BAD_COPY_FILE_FORMAT, "the file is empty",
				   "An export has a header line and one line per user or GPT.", NULL);

	/*
	 * With on_error => 'skip' a duplicate key must become a rejected record,
	 * but it is only known at the end: the first reading runs in a
	 * subtransaction that is rolled back when there are any, and the second
	 * reading rejects them where they stand.  Real exports have none, so
	 * this costs nothing in practice.
	 */
	if (skip_errors)
		BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(st.loadcxt);
	store_input(&st, buf);
	find_duplicates(&st, buf);
	if (st.nduplicates > 0)
	{
		const Duplicate *dup = &st.duplicates[0];

		if (!skip_errors)
		{
			CsvRecord	rec = {0};

			rec.line = dup->line;
			reject_msg(&st, &rec, dup->column, ERRCODE_UNIQUE_VIOLATION,
					   psprintf("%s %s appears twice in period %s",
								st.kind == REPORT_GPTS ? "GPT" : "user",
								quote_value(dup->shown, strlen(dup->shown)), date_text(dup->start)),
					   psprintf("It is also on line " INT64_FORMAT ".", dup->first_line));
		}
		else
		{
			LoadState	again;
			MemoryContext oldcxt = st.loadcxt;

			RollbackAndReleaseCurrentSubTransaction();
			CurrentResourceOwner = callerowner;
			init_state(&again, src, skip_errors, requested_kind, callercxt);
			memcpy(again.sha256, st.sha256, sizeof(st.sha256));
			again.nbytes = st.nbytes;
			again.duplicates = MemoryContextAlloc(again.loadcxt, sizeof(Duplicate) * st.nduplicates);
			again.nduplicates = st.nduplicates;
			for (int i = 0; i < st.nduplicates; i++)
			{
				again.duplicates[i] = st.duplicates[i];
				again.duplicates[i].column = MemoryContextStrdup(again.loadcxt, st.duplicates[i].column);
				again.duplicates[i].shown = MemoryContextStrdup(again.loadcxt, st.duplicates[i].shown);
			}
			st = again;
			MemoryContextDelete(oldcxt);
			MemoryContextSwitchTo(st.loadcxt);
			store_input(&st, buf);
			find_duplicates(&st, buf);
			if (st.nduplicates != again.nduplicates)
				elog(ERROR, "uanalytics: duplicate keys changed between two readings of \"%s\"", src->name);
		}
	}
	else if (skip_errors)
	{
		ReleaseCurrentSubTransaction();
		CurrentResourceOwner = callerowner;
	}
	MemoryContextSwitchTo(st.loadcxt);

	finish_periods(&st);
	refresh_summaries(&st);
	finish_load_row(&st);

	res.load_id = st.load_id;
	res.kind = kind_names[st.kind];
	res.rows_read = st.rows_read;
	res.rows_loaded = st.rows_loaded;
	res.rows_replaced = st.rows_replaced;
	res.rows_skipped = st.rows_skipped;
	res.rows_rejected = st.rows_rejected;
	res.status = "loaded";
	{
		ListCell   *lc;

		MemoryContextSwitchTo(callercxt);
		foreach(lc, st.unknown_columns)
			res.unknown_columns = lappend(res.unknown_columns, pstrdup((char *) lfirst(lc)));
	}

done:
	MemoryContextSwitchTo(callercxt);
	SPI_finish();
	error_context_stack = errcallback.previous;
	MemoryContextDelete(st.loadcxt);
	MemoryContextDelete(keepcxt);
	return res;
}

/* ---- the SQL functions ---- */

/* on_error => 'abort' | 'skip' */
static bool
parse_on_error(text *t)
{
	char	   *s = text_to_cstring(t);

	if (pg_strcasecmp(s, "abort") == 0)
		return false;
	if (pg_strcasecmp(s, "skip") == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid on_error \"%s\"", s),
			 errhint("on_error is 'abort' (the default: a bad record undoes the load) or 'skip' (bad records go to uanalytics.load_errors).")));
	return false;
}

/* kind => 'auto' | 'users' | 'gpts'; -1 for auto */
static int
parse_kind(text *t)
{
	char	   *s = text_to_cstring(t);

	if (pg_strcasecmp(s, "auto") == 0)
		return -1;
	if (pg_strcasecmp(s, "users") == 0)
		return REPORT_USERS;
	if (pg_strcasecmp(s, "gpts") == 0)
		return REPORT_GPTS;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid kind \"%s\"", s),
			 errhint("kind is 'auto' (tell the report by its header), 'users' or 'gpts'.")));
	return -1;
}

/* Adds one result row to the function's tuplestore. */
static void
emit_result(FunctionCallInfo fcinfo, const LoadResult *res)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		values[10];
	bool		nulls[10] = {0};
	Datum	   *names = palloc(sizeof(Datum) * (list_length(res->unknown_columns) + 1));
	ListCell   *lc;
	int			n = 0;

	foreach(lc, res->unknown_columns)
		names[n++] = CStringGetTextDatum((char *) lfirst(lc));
	values[0] = Int64GetDatum(res->load_id);
	values[1] = CStringGetTextDatum(res->source);
	values[2] = CStringGetTextDatum(res->kind);
	values[3] = Int64GetDatum(res->rows_read);
	values[4] = Int64GetDatum(res->rows_loaded);
	values[5] = Int64GetDatum(res->rows_replaced);
	values[6] = Int64GetDatum(res->rows_skipped);
	values[7] = Int64GetDatum(res->rows_rejected);
	values[8] = CStringGetTextDatum(res->status);
	values[9] = PointerGetDatum(construct_array(names, n, TEXTOID, -1, false, TYPALIGN_INT));
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/* Loads one server file. */
static LoadResult
load_server_file(const char *path, bool skip_errors, int kind)
{
	InputSource src = {0};
	LoadResult	res;

	src.name = pstrdup(path);
	src.path = path;
	src.read = file_read;
	src.rewind = file_rewind;
	src.fp = AllocateFile(path, PG_BINARY_R);
	if (src.fp == NULL)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not open file \"%s\" for reading: %m", path)));
	res = load_input(&src, skip_errors, kind);
	FreeFile(src.fp);
	return res;
}

static int
compare_names(const ListCell *a, const ListCell *b)
{
	return strcmp((char *) lfirst(a), (char *) lfirst(b));
}

/* Does the name end in .csv (any case)? */
static bool
is_csv_name(const char *name)
{
	size_t		len = strlen(name);

	return len > 4 && name[0] != '.' && pg_strcasecmp(name + len - 4, ".csv") == 0;
}

PG_FUNCTION_INFO_V1(uanalytics_load);
Datum
uanalytics_load(PG_FUNCTION_ARGS)
{
	char	   *path = text_to_cstring(PG_GETARG_TEXT_PP(0));
	bool		skip_errors = parse_on_error(PG_GETARG_TEXT_PP(1));
	int			kind = parse_kind(PG_GETARG_TEXT_PP(2));
	struct stat st;

	if (!superuser() && !has_privs_of_role(GetUserId(), ROLE_PG_READ_SERVER_FILES))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to load server files"),
				 errdetail("Only superusers and members of pg_read_server_files may read files on the database server."),
				 errhint("Send the file's bytes with uanalytics.load_data, or use psql's \\lo_import and uanalytics.load_lo.")));
	if (!is_absolute_path(path))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_NAME),
				 errmsg("path \"%s\" is not absolute", path),
				 errhint("Give the full path of a file or directory on the database server.")));
	if (stat(path, &st) != 0)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not stat \"%s\": %m", path)));

	InitMaterializedSRF(fcinfo, 0);

	if (S_ISDIR(st.st_mode))
	{
		DIR		   *dir = AllocateDir(path);
		struct dirent *de;
		List	   *names = NIL;
		ListCell   *lc;

		while ((de = ReadDir(dir, path)) != NULL)
			if (is_csv_name(de->d_name))
				names = lappend(names, pstrdup(de->d_name));
		FreeDir(dir);
		list_sort(names, compare_names);
		foreach(lc, names)
		{
			char	   *file = psprintf("%s/%s", path, (char *) lfirst(lc));
			LoadResult	res = load_server_file(file, skip_errors, kind);

			emit_result(fcinfo, &res);
		}
	}
	else
	{
		LoadResult	res = load_server_file(path, skip_errors, kind);

		emit_result(fcinfo, &res);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(uanalytics_load_data);
Datum
uanalytics_load_data(PG_FUNCTION_ARGS)
{
	InputSource src = {0};
	bytea	   *data;
	bool		skip_errors;
	int			kind;
	LoadResult	res;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("data must not be NULL")));
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("on_error and kind must not be NULL")));
	data = PG_GETARG_BYTEA_PP(0);
	skip_errors = parse_on_error(PG_GETARG_TEXT_PP(2));
	kind = parse_kind(PG_GETARG_TEXT_PP(3));

	src.name = PG_ARGISNULL(1) ? pstrdup("load_data") : text_to_cstring(PG_GETARG_TEXT_PP(1));
	src.data = VARDATA_ANY(data);
	src.len = VARSIZE_ANY_EXHDR(data);
	src.read = bytes_read;
	src.rewind = bytes_rewind;

	InitMaterializedSRF(fcinfo, 0);
	res = load_input(&src, skip_errors, kind);
	emit_result(fcinfo, &res);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(uanalytics_load_lo);
Datum
uanalytics_load_lo(PG_FUNCTION_ARGS)
{
	InputSource src = {0};
	Oid			loid;
	bool		skip_errors;
	int			kind;
	LoadResult	res;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("loid must not be NULL")));
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("on_error and kind must not be NULL")));
	loid = PG_GETARG_OID(0);
	skip_errors = parse_on_error(PG_GETARG_TEXT_PP(2));
	kind = parse_kind(PG_GETARG_TEXT_PP(3));

	src.name = PG_ARGISNULL(1) ? psprintf("large object %u", loid)
		: text_to_cstring(PG_GETARG_TEXT_PP(1));
	src.fd = DatumGetInt32(DirectFunctionCall2(be_lo_open, ObjectIdGetDatum(loid),
											   Int32GetDatum(INV_READ)));
	src.read = lo_source_read;
	src.rewind = lo_source_rewind;

	InitMaterializedSRF(fcinfo, 0);
	res = load_input(&src, skip_errors, kind);
	DirectFunctionCall1(be_lo_close, Int32GetDatum(src.fd));

	/* the large object was only the vehicle: remove it (and only on success) */
	DirectFunctionCall1(be_lo_unlink, ObjectIdGetDatum(loid));
	emit_result(fcinfo, &res);
	return (Datum) 0;
}
