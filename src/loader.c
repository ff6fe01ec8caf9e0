/*
 * loader.c
 *		The loaders: uanalytics.load(path), load_data(bytea), load_lo(oid).
 *
 * All three share one core, load_input().  It parses its input, streaming,
 * through csvread.c, and hashes it on the way (loading the same bytes again
 * changes nothing); only when a stored load has the same size does it hash
 * the input first, to skip it before parsing when it is a repeat.  The
 * header maps fields to columns by name; each record is converted field by
 * field (columns.c) in a memory context reset per record, and handed to the
 * inserter (insert.c).
 *
 * Replacement works per account, report, cadence and period: the first row
 * of a period takes the period's row in uanalytics.periods (inserting or
 * locking it, which serialises concurrent loads of that period) and decides
 * whether the file's rows replace what is stored, are skipped (a partial
 * never replaces a complete period), or must wait for the end of the file
 * (two partial exports: the one with the later activity wins).  Superseded
 * rows are deleted when the period is claimed, or at the end when two
 * partial exports were compared; either way in the caller's transaction, so
 * a file that fails half-way leaves everything as it was: the whole load is
 * one statement of that transaction.
 */
#include "postgres.h"

#include <sys/stat.h>

#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_authid.h"
#include "catalog/pg_class.h"
#include "catalog/pg_largeobject_metadata.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "common/cryptohash.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/be-fsstubs.h"
#include "libpq/libpq-fs.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "storage/large_object.h"
#include "storage/lmgr.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/syscache.h"

#include "load.h"

const char *const kind_names[] = {"users", "gpts"};
const char *const cadence_names[] = {"Weekly", "Monthly"};
const char *const table_names[] = {"user_engagement", "gpt_engagement"};

/*
 * libcsv's buffers live in the load's memory context.  Its allocation hook
 * takes no argument, hence a static.  read_input sets it and puts back the
 * one before, even on error: a load run by a trigger of the table being
 * loaded (and failing inside an exception block, say) must not leave it
 * pointing at its own context, deleted by then.
 */
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

static int64
file_size(InputSource *src)
{
	struct stat st;

	if (fstat(fileno(src->fp), &st) != 0)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not stat file \"%s\": %m", src->path)));
	if (!S_ISREG(st.st_mode))
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a regular file", src->path),
				 errhint("Give the path of an export file, or of a directory of them.")));
	return st.st_size;
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

static int64
bytes_size(InputSource *src)
{
	return src->len;
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

static int64
lo_source_size(InputSource *src)
{
	return DatumGetInt64(DirectFunctionCall3(be_lo_lseek64, Int32GetDatum(src->fd),
											 Int64GetDatum(0), Int32GetDatum(SEEK_END)));
}

/* Adds "uanalytics load of ..., line N" to errors raised by others. */
static void
load_error_context(void *arg)
{
	LoadState  *st = (LoadState *) arg;

	if (st->own_error)
		return;
	if (st->lineno > 0 && st->last_lineno > st->lineno)
		errcontext("uanalytics load of \"%s\", one of lines " INT64_FORMAT " to " INT64_FORMAT,
				   st->src->name, st->lineno, st->last_lineno);
	else if (st->lineno > 0 && st->column)
		errcontext("uanalytics load of \"%s\", line " INT64_FORMAT ", column %s",
				   st->src->name, st->lineno, st->column);
	else if (st->lineno > 0)
		errcontext("uanalytics load of \"%s\", line " INT64_FORMAT, st->src->name, st->lineno);
	else
		errcontext("uanalytics load of \"%s\"", st->src->name);
}

/* Runs a statement with arguments (nulls as SPI takes them, or NULL); returns SPI_processed. */
uint64
run_sql(const char *sql, int nargs, Oid *types, Datum *args, const char *nulls, int expected)
{
	int			rc = SPI_execute_with_args(sql, nargs, types, args, nulls, false, 0);

	if (rc != expected)
		elog(ERROR, "uanalytics: \"%s\" failed: %s", sql, SPI_result_code_string(rc));
	return SPI_processed;
}

/* ---- one input ---- */

/* Starts hashing the bytes of the next reading (see read_input). */
static void
hash_begin(LoadState *st)
{
	st->hashing = pg_cryptohash_create(PG_SHA256);
	if (pg_cryptohash_init(st->hashing) < 0)
		elog(ERROR, "could not initialize SHA-256");
	st->nbytes = 0;
}

static void
hash_update(LoadState *st, const char *buf, size_t n)
{
	if (pg_cryptohash_update(st->hashing, (const uint8 *) buf, n) < 0)
		elog(ERROR, "could not compute SHA-256");
	st->nbytes += n;
}

static void
hash_end(LoadState *st)
{
	if (pg_cryptohash_final(st->hashing, st->sha256, sizeof(st->sha256)) < 0)
		elog(ERROR, "could not compute SHA-256");
	pg_cryptohash_free(st->hashing);
	st->hashing = NULL;
}

/* Reads the whole input only to hash it. */
static void
hash_input(LoadState *st, char *buf)
{
	size_t		n;

	st->src->rewind(st->src);
	hash_begin(st);
	while ((n = st->src->read(st->src, buf, READ_CHUNK)) > 0)
	{
		hash_update(st, buf, n);
		CHECK_FOR_INTERRUPTS();
	}
	hash_end(st);
}

/*
 * Could this input be a repeat?  Only when a stored load has its size: the
 * input is then hashed before it is parsed.  Otherwise the hash is computed
 * while parsing, which saves a reading of the input: for the 142 MB export
 * of doc/benchmarks.md, load_lo went from 4.22 s to 3.61 s and load_data
 * from 3.65 s to 3.32 s.
 */
static bool
size_loaded_before(LoadState *st)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1];
	bool		found;

	args[0] = Int64GetDatum(st->nbytes);
	found = run_sql("SELECT 1 FROM uanalytics.loads WHERE bytes = $1 AND status = 'loaded' LIMIT 1",
					1, types, args, NULL, SPI_OK_SELECT) > 0;
	SPI_freetuptable(SPI_tuptable);
	return found;
}

/*
 * Were these exact bytes loaded before, and are their rows still what is
 * stored for every complete period they hold?  A load holds its periods
 * until a later load replaces them: then the row counts of the complete
 * periods it still holds fall short of its complete_rows, and the same
 * bytes load again (restoring those periods) rather than being
 * "unchanged".  Partial periods do not count: a partial export superseded
 * by a later one would only be skipped again.  Fills *res when unchanged.
 */
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
	run_sql("SELECT l.load_id, l.kind FROM uanalytics.loads l "
			"WHERE l.sha256 = $1 AND l.status = 'loaded' AND l.complete_rows = "
			"(SELECT coalesce(sum(p.row_count), 0) FROM uanalytics.periods p "
			"WHERE p.load_id = l.load_id AND NOT p.is_partial) "
			"ORDER BY l.load_id DESC LIMIT 1", 1, types, args, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
	{
		SPI_freetuptable(SPI_tuptable);
		return false;
	}
	res->load_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	res->kind = strcmp(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2), "gpts") == 0
		? "gpts" : "users";
	res->status = "unchanged";
	SPI_freetuptable(SPI_tuptable);
	return true;
}

/* Records the outcome in uanalytics.loads. */
static void
finish_load_row(LoadState *st)
{
	Oid			types[11] = {INT8OID, INT8OID, INT8OID, INT8OID, INT8OID, INT8OID, TEXTARRAYOID,
	BYTEAOID, INT8OID, INT8OID, INT8OID};
	Datum		args[11];
	int64		complete_rows = 0;
	bytea	   *sha = palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
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
	/* the hash may have been finished only by the reading */
	SET_VARSIZE(sha, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	memcpy(VARDATA(sha), st->sha256, PG_SHA256_DIGEST_LENGTH);
	args[7] = PointerGetDatum(sha);
	args[8] = Int64GetDatum(st->nbytes);
	args[9] = Int64GetDatum(st->rows_repaired);
	foreach(lc, st->periods)
	{
		LoadPeriod *p = (LoadPeriod *) lfirst(lc);

		if (p->action != PERIOD_SKIP && !p->is_partial)
			complete_rows += p->rows;
	}
	args[10] = Int64GetDatum(complete_rows);
	run_sql("UPDATE uanalytics.loads SET status = 'loaded', rows_read = $2, rows_loaded = $3, "
			"rows_replaced = $4, rows_skipped = $5, rows_rejected = $6, unknown_columns = $7, "
			"sha256 = $8, bytes = $9, rows_repaired = $10, complete_rows = $11 WHERE load_id = $1",
			11, types, args, NULL, SPI_OK_UPDATE);
}

/* Creates the state of one reading of the input. */
static void
init_state(LoadState *st, InputSource *src, const LoadOptions *opts, MemoryContext parent)
{
	memset(st, 0, sizeof(*st));
	st->src = src;
	st->skip_errors = opts->skip_errors;
	st->requested_kind = opts->kind;
	st->force = opts->force;
	st->loadcxt = AllocSetContextCreate(parent, "uanalytics load", ALLOCSET_DEFAULT_SIZES);
	st->rowcxt = AllocSetContextCreate(st->loadcxt, "uanalytics load record",
									   ALLOCSET_DEFAULT_SIZES);
}

/*
 * Refuses a file whose header line ends in a CR alone, as files saved as
 * "CSV (Macintosh)" do: csvread.c counts lines by LF, so such a file would
 * give every error line 1, and a malformed record would run to its end.
 */
static void
check_line_ends(LoadState *st, const char *buf, size_t n)
{
	const char *lf = memchr(buf, '\n', n);
	const char *cr = memchr(buf, '\r', lf ? (size_t) (lf - buf) : n);

	if (cr && cr + 1 < buf + n && cr[1] != '\n')
		file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT, "the lines end in a carriage return alone",
				   "Exports end their lines in LF or CRLF; a file saved as \"CSV (Macintosh)\" ends them in CR.",
				   "Save the file again as CSV with LF or CRLF line ends (\"CSV UTF-8\" in Excel).");
}

/* Reads the whole input through csvread.c, handing records to on_record. */
void
read_input(LoadState *st, char *buf)
{
	CsvReader	reader;
	CsvAllocator alloc = {csv_realloc, csv_pfree};
	size_t		n;
	bool		first = true;
	MemoryContext outer_csv_memory = csv_memory;

	st->src->rewind(st->src);
	csv_memory = st->loadcxt;
	PG_TRY();
	{
		csvr_init(&reader, &alloc, on_record, on_csv_error, st);
		while ((n = st->src->read(st->src, buf, READ_CHUNK)) > 0)
		{
			if (st->hashing)
				hash_update(st, buf, n);
			if (first)
				check_line_ends(st, buf, n);
			first = false;
			csvr_feed(&reader, buf, n);
			CHECK_FOR_INTERRUPTS();
		}
		csvr_finish(&reader);
		csvr_free(&reader);
	}
	PG_FINALLY();
	{
		csv_memory = outer_csv_memory;
	}
	PG_END_TRY();
	if (st->hashing)
		hash_end(st);
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
	ua_inserter_finish(st->ins);

	/* closed here, inside the subtransaction that may have opened it */
	table_close(st->rel, NoLock);
	st->rel = NULL;
}

/*
 * The first reading of the input: parse, store, look for duplicate keys.
 * With on_error => 'skip' it runs in a subtransaction (see load_input),
 * released when there are no duplicates and rolled back when there are.  An
 * error rolls it back too before going on, so that the caller sees a plain
 * failed statement (and a PL/pgSQL exception block its own subtransaction).
 */
static void
first_reading(LoadState *st, char *buf, MemoryContext callercxt, ResourceOwner callerowner)
{
	if (!st->skip_errors)
	{
		store_input(st, buf);
		find_duplicates(st, buf);
		return;
	}
	BeginInternalSubTransaction(NULL);
	PG_TRY();
	{
		MemoryContextSwitchTo(st->loadcxt);
		store_input(st, buf);
		find_duplicates(st, buf);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(callercxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		CurrentResourceOwner = callerowner;
		ReThrowError(edata);
	}
	PG_END_TRY();
	if (st->nduplicates > 0)
		RollbackAndReleaseCurrentSubTransaction();
	else
		ReleaseCurrentSubTransaction();
	CurrentResourceOwner = callerowner;
	MemoryContextSwitchTo(st->loadcxt);
}

/*
 * Periods whose rows the statistics do not know the number of: stored for
 * the first time, or replacing a period of another size (by more than 50
 * rows and 10%; a complete week replacing its partial export has about the
 * same rows, all users being listed every period).  See analyze_stored.
 */
static int
count_unknown_periods(const LoadState *st)
{
	ListCell   *lc;
	int			n = 0;

	foreach(lc, st->periods)
	{
		LoadPeriod *p = (LoadPeriod *) lfirst(lc);

		if (p->action == PERIOD_NEW && p->rows > 0)
			n++;
		else if (p->replaced > 0 && Abs(p->rows - p->replaced) > 50 + p->replaced / 10)
			n++;
	}
	return n;
}

/* Loads one input: the core that every entry point shares. */
static LoadResult
load_input(InputSource *src, const LoadOptions *opts)
{
	LoadState	st;
	LoadResult	res;
	ErrorContextCallback errcallback;
	MemoryContext callercxt = CurrentMemoryContext;
	ResourceOwner callerowner = CurrentResourceOwner;
	MemoryContext keepcxt;
	char	   *buf;

	memset(&res, 0, sizeof(res));
	init_state(&st, src, opts, callercxt);
	keepcxt = AllocSetContextCreate(callercxt, "uanalytics load buffers", ALLOCSET_DEFAULT_SIZES);
	buf = MemoryContextAlloc(keepcxt, READ_CHUNK);

	errcallback.callback = load_error_context;
	errcallback.arg = &st;
	errcallback.previous = error_context_stack;
	error_context_stack = &errcallback;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(st.loadcxt);

	res.source = MemoryContextStrdup(callercxt, src->name);
	st.nbytes = src->size(src);
	if (st.nbytes == 0)
		file_error(&st, ERRCODE_BAD_COPY_FILE_FORMAT, "the file is empty",
				   "An export has a header line and one line per user or GPT.", NULL);
	if (!opts->force && size_loaded_before(&st))
	{
		hash_input(&st, buf);
		if (already_loaded(&st, &res))
			goto done;
	}
	else
		hash_begin(&st);		/* read_input finishes it */

	/*
	 * With on_error => 'skip' a duplicate key must become a rejected record,
	 * but it is only known at the end: the first reading runs in a
	 * subtransaction that is rolled back when there are any, and the second
	 * reading rejects them where they stand.  Real exports have none, so
	 * this costs nothing in practice.
	 */
	first_reading(&st, buf, callercxt, callerowner);
	if (st.nduplicates > 0)
	{
		const Duplicate *dup = &st.duplicates[0];

		if (!opts->skip_errors)
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

			init_state(&again, src, opts, callercxt);
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
	MemoryContextSwitchTo(st.loadcxt);

	finish_periods(&st);
	finish_load_row(&st);

	res.load_id = st.load_id;
	res.kind = kind_names[st.kind];
	res.rows_read = st.rows_read;
	res.rows_loaded = st.rows_loaded;
	res.rows_replaced = st.rows_replaced;
	res.rows_skipped = st.rows_skipped;
	res.rows_rejected = st.rows_rejected;
	res.rows_repaired = st.rows_repaired;
	res.unknown_periods = count_unknown_periods(&st);
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

/* ---- statistics after a load ---- */

/* What one call of a loader changed in each table, per ReportKind */
typedef struct CallChanges
{
	int64		written[2];		/* rows stored */
	int64		grown[2];		/* rows stored less rows replaced */
	int			unknown_periods[2];	/* see count_unknown_periods */
} CallChanges;

/*
 * Adds what a load stored to the counts of the current call, per report:
 * the rows it wrote, and how much it grew the table (a replacement takes
 * out as many rows as it puts in, or about).
 */
static void
count_stored(CallChanges *changes, const LoadResult *res)
{
	int			k;

	if (!res->status || strcmp(res->status, "loaded") != 0)
		return;
	k = strcmp(res->kind, "gpts") == 0 ? REPORT_GPTS : REPORT_USERS;
	changes->written[k] += res->rows_loaded;
	changes->grown[k] += res->rows_loaded - res->rows_replaced;
	changes->unknown_periods[k] += res->unknown_periods;
}

/* A table's reltuples (-1: never analyzed), and its owner if asked */
static float4
relation_info(Oid relid, Oid *owner)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	float4		reltuples;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	reltuples = ((Form_pg_class) GETSTRUCT(tuple))->reltuples;
	if (owner)
		*owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return reltuples;
}

/*
 * Whether the small table name of the schema is analyzed with a data table
 * owned by owner: when it has that owner too (else ANALYZE, run as that
 * owner, would skip it with a warning) and no other session is analyzing it.
 */
static bool
analyze_beside(Oid nsp, const char *name, Oid owner)
{
	Oid			relid = get_relname_relid(name, nsp);
	Oid			its_owner;

	if (!OidIsValid(relid))
		return false;
	(void) relation_info(relid, &its_owner);
	return its_owner == owner && ConditionalLockRelationOid(relid, ShareUpdateExclusiveLock);
}

/*
 * Gives the planner statistics for what the call stored: when the call
 * stored more than 50 rows and with them a period of a size the statistics
 * do not know (count_unknown_periods), or grew a table by more than
 * autovacuum's analyze threshold (50 rows and 10%), or wrote to a table
 * never analyzed, the columns the views join and filter on are analyzed
 * before the call returns, and the small tables beside them.
 * Without it a query on a period the statistics did not know planned it as
 * a handful of rows, and joined it to the prior period by nested loops:
 *	- right after a first load, the Users tab's 60,000 users of one period
 *	  took 284 s instead of 0.07 s;
 *	- after the weekly load of a new week into a year of 100,000 users,
 *	  1.3% more rows, which autovacuum does not analyze for weeks, the
 *	  Users tab of that week took 18 s and the GPTs tab 26 s.
 * Measured on that year (5.16 million rows):
 *	- user_status is among the columns: without it "enabled but least
 *	  active" took 25 s instead of 2.5 s;
 *	- the sample is the configured one (default_statistics_target): with 9,000
 *	  rows instead of 30,000 "down by half" took 2.6 s instead of 0.22 s;
 *	  the ANALYZE costs 0.21 s instead of 0.05 s, and 23 MB instead of 7
 *	  (0.18 s on 455,000 rows);
 *	- a column-list ANALYZE leaves autovacuum's counter of changes as it
 *	  was, so autovacuum still analyzes every column later.
 * A call that stored no such period and grew the tables by no more than the
 * threshold, such as one replacing periods by others of about their size,
 * leaves the statistics of these columns about as true as they were (the
 * same periods, users and GPTs) and skips it (0.11 s of replacing a
 * 100,000-row period).  Tables another session is analyzing or vacuuming
 * are left to autovacuum: waiting for them could deadlock two loads that
 * each hold what the other's ANALYZE waits for.
 */
static void
analyze_stored(const CallChanges *changes)
{
	static const char *const key_columns[] = {
		"account_id, cadence, period_start, public_id, email, is_active, user_status, load_id",
		"account_id, cadence, period_start, gpt_id, gpt_creator_public_id, is_active, load_id"};
	static const char *const totals[] = {"user_period_totals", "gpt_period_totals"};
	Oid			nsp = get_namespace_oid("uanalytics", false);
	bool		periods_analyzed = false;
	int			k;

	for (k = 0; k < 2; k++)
	{
		Oid			relid = get_relname_relid(table_names[k], nsp);
		float4		reltuples;
		Oid			owner;
		Oid			save_userid;
		int			save_sec_context;
		int			nestlevel;
		StringInfoData sql;

		if (changes->written[k] <= 50 || !OidIsValid(relid))
			continue;
		reltuples = relation_info(relid, NULL);
		if (reltuples >= 0 && changes->unknown_periods[k] == 0 &&
			changes->grown[k] <= 50 + 0.1 * reltuples)
			continue;
		if (!ConditionalLockRelationOid(relid, ShareUpdateExclusiveLock))
			continue;
		(void) relation_info(relid, &owner);	/* now that it is locked */

		initStringInfo(&sql);
		appendStringInfo(&sql, "ANALYZE uanalytics.%s (%s)", table_names[k], key_columns[k]);
		if (!periods_analyzed && analyze_beside(nsp, "periods", owner))
		{
			appendStringInfoString(&sql, ", uanalytics.periods");
			periods_analyzed = true;
		}
		if (analyze_beside(nsp, totals[k], owner))
			appendStringInfo(&sql, ", uanalytics.%s", totals[k]);

		/*
		 * As the tables' owner, as autovacuum analyzes them, and restricted
		 * as ANALYZE restricts what it runs of a table's definition.  A
		 * loader role granted INSERT and DELETE (doc/privileges.md) may not
		 * run ANALYZE itself, and its loads left the tables without any
		 * statistics: the views' prior-period joins then compared every row
		 * of a period with every row of the prior one (11 of 40 documented
		 * queries over 120 s on the year above).  The caller chooses
		 * neither the tables nor the columns, nor, as for autovacuum, the
		 * search_path that an index predicate or a statistics expression
		 * run as the owner would resolve names in; the sample is the one
		 * the server and database are configured with, not the session's.
		 */
		nestlevel = NewGUCNestLevel();
		(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
		(void) set_config_option("default_statistics_target",
								 GetConfigOptionResetString("default_statistics_target"),
								 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
		GetUserIdAndSecContext(&save_userid, &save_sec_context);
		SetUserIdAndSecContext(owner, save_sec_context | SECURITY_RESTRICTED_OPERATION);
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		run_sql(sql.data, 0, NULL, NULL, NULL, SPI_OK_UTILITY);
		SPI_finish();
		SetUserIdAndSecContext(save_userid, save_sec_context);
		AtEOXact_GUC(false, nestlevel);
	}
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
	Datum		values[11];
	bool		nulls[11] = {0};
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
	values[8] = Int64GetDatum(res->rows_repaired);
	values[9] = CStringGetTextDatum(res->status);
	values[10] = PointerGetDatum(construct_array(names, n, TEXTOID, -1, false, TYPALIGN_INT));
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/* Loads one server file. */
static LoadResult
load_server_file(const char *path, const LoadOptions *opts)
{
	InputSource src = {0};
	LoadResult	res;

	src.name = pstrdup(path);
	src.path = path;
	src.read = file_read;
	src.rewind = file_rewind;
	src.size = file_size;
	src.fp = AllocateFile(path, PG_BINARY_R);
	if (src.fp == NULL)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not open file \"%s\" for reading: %m", path)));
	res = load_input(&src, opts);
	FreeFile(src.fp);
	return res;
}

static int
compare_names(const ListCell *a, const ListCell *b)
{
	return strcmp((char *) lfirst(a), (char *) lfirst(b));
}

/*
 * The arguments after the input, (on_error, kind, force), from the
 * function's argument first on.  The functions are not STRICT, so that
 * load_data's source may be NULL: a NULL here is an error, not a silent
 * empty result.  A function of the 0.1.0 objects has no force: it calls
 * this library only between its install and ALTER EXTENSION UPDATE.
 */
static void
get_load_options(FunctionCallInfo fcinfo, int first, LoadOptions *opts)
{
	if (PG_NARGS() < first + 3)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the uanalytics library is newer than the extension's objects in this database"),
				 errhint("Run ALTER EXTENSION uanalytics UPDATE.")));
	if (PG_ARGISNULL(first) || PG_ARGISNULL(first + 1) || PG_ARGISNULL(first + 2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("on_error, kind and force must not be NULL")));
	opts->skip_errors = parse_on_error(PG_GETARG_TEXT_PP(first));
	opts->kind = parse_kind(PG_GETARG_TEXT_PP(first + 1));
	opts->force = PG_GETARG_BOOL(first + 2);
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
	char	   *path;
	LoadOptions opts;
	struct stat st;
	CallChanges changes = {{0, 0}, {0, 0}, {0, 0}};

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("path must not be NULL")));
	path = text_to_cstring(PG_GETARG_TEXT_PP(0));
	get_load_options(fcinfo, 1, &opts);

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
		{
			struct stat entry;
			char	   *file;

			if (!is_csv_name(de->d_name))
				continue;
			/* regular files (or links to them) only: a directory x.csv is no export */
			file = psprintf("%s/%s", path, de->d_name);
			if (stat(file, &entry) == 0 && S_ISREG(entry.st_mode))
				names = lappend(names, pstrdup(de->d_name));
			pfree(file);
		}
		FreeDir(dir);
		list_sort(names, compare_names);
		foreach(lc, names)
		{
			char	   *file = psprintf("%s/%s", path, (char *) lfirst(lc));
			LoadResult	res = load_server_file(file, &opts);

			count_stored(&changes, &res);
			emit_result(fcinfo, &res);
		}
	}
	else
	{
		LoadResult	res = load_server_file(path, &opts);

		count_stored(&changes, &res);
		emit_result(fcinfo, &res);
	}
	analyze_stored(&changes);
	return (Datum) 0;
}

/* load_data and load_lo: the input must not be NULL (source may be) */
static void
check_input_arg(FunctionCallInfo fcinfo, const char *what)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be NULL", what)));
}

PG_FUNCTION_INFO_V1(uanalytics_load_data);
Datum
uanalytics_load_data(PG_FUNCTION_ARGS)
{
	InputSource src = {0};
	bytea	   *data;
	LoadOptions opts;
	LoadResult	res;
	CallChanges changes = {{0, 0}, {0, 0}, {0, 0}};

	check_input_arg(fcinfo, "data");
	get_load_options(fcinfo, 2, &opts);
	data = PG_GETARG_BYTEA_PP(0);

	src.name = PG_ARGISNULL(1) ? pstrdup("load_data") : text_to_cstring(PG_GETARG_TEXT_PP(1));
	src.data = VARDATA_ANY(data);
	src.len = VARSIZE_ANY_EXHDR(data);
	src.read = bytes_read;
	src.rewind = bytes_rewind;
	src.size = bytes_size;

	InitMaterializedSRF(fcinfo, 0);
	res = load_input(&src, &opts);
	count_stored(&changes, &res);
	analyze_stored(&changes);
	emit_result(fcinfo, &res);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(uanalytics_load_lo);
Datum
uanalytics_load_lo(PG_FUNCTION_ARGS)
{
	InputSource src = {0};
	Oid			loid;
	LoadOptions opts;
	LoadResult	res;
	CallChanges changes = {{0, 0}, {0, 0}, {0, 0}};

	check_input_arg(fcinfo, "loid");
	get_load_options(fcinfo, 2, &opts);
	loid = PG_GETARG_OID(0);

	src.name = PG_ARGISNULL(1) ? psprintf("large object %u", loid)
		: text_to_cstring(PG_GETARG_TEXT_PP(1));
	/* it is removed at the end, which only its owner may do: say so first */
#if PG_VERSION_NUM >= 160000
	if (!lo_compat_privileges &&
		!object_ownercheck(LargeObjectMetadataRelationId, loid, GetUserId()))
#else
	if (!lo_compat_privileges && !pg_largeobject_ownercheck(loid, GetUserId()))
#endif
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("must be owner of large object %u", loid),
				 errdetail("uanalytics.load_lo removes the large object once it is loaded."),
				 errhint("Import the file as the role that loads it, as psql's \\lo_import does.")));
	src.fd = DatumGetInt32(DirectFunctionCall2(be_lo_open, ObjectIdGetDatum(loid),
											   Int32GetDatum(INV_READ)));
	src.read = lo_source_read;
	src.rewind = lo_source_rewind;
	src.size = lo_source_size;

	InitMaterializedSRF(fcinfo, 0);
	res = load_input(&src, &opts);
	DirectFunctionCall1(be_lo_close, Int32GetDatum(src.fd));

	/* the large object was only the vehicle: remove it (and only on success) */
	DirectFunctionCall1(be_lo_unlink, ObjectIdGetDatum(loid));
	count_stored(&changes, &res);
	analyze_stored(&changes);
	emit_result(fcinfo, &res);
	return (Datum) 0;
}
