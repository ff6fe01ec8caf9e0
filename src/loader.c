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

/* the varlena macros (VARDATA_ANY, ...) moved to varatt.h in PostgreSQL 16 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#include "load.h"


/*
 * libcsv's buffers live in the load's memory context.  Its allocation hook
 * takes no argument, hence a static.  ua_read_input sets it and puts back the
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

/* ---- one input ---- */

/* Starts hashing the bytes of the next reading (see ua_read_input). */
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
		ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT, "the lines end in a carriage return alone",
				   "Exports end their lines in LF or CRLF; a file saved as \"CSV (Macintosh)\" ends them in CR.",
				   "Save the file again as CSV with LF or CRLF line ends (\"CSV UTF-8\" in Excel).");
}

/* Reads the whole input through csvread.c, handing records to ua_on_record. */
static void
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
		ua_csvr_init(&reader, &alloc, ua_on_record, ua_on_csv_error, st);
		while ((n = st->src->read(st->src, buf, READ_CHUNK)) > 0)
		{
			if (st->hashing)
				hash_update(st, buf, n);
			if (first)
				check_line_ends(st, buf, n);
			first = false;
			ua_csvr_feed(&reader, buf, n);
			CHECK_FOR_INTERRUPTS();
		}
		ua_csvr_finish(&reader);
		ua_csvr_free(&reader);
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

/*
 * Finds the records that repeat the key of an earlier record of their
 * period (duplicates.c): the sorted key hashes show which hashes occur
 * twice, and only if any do, a second reading, which stores and counts
 * nothing, collects those records' exact keys, so that a hash collision
 * never rejects a good record.
 */
static void
find_duplicates(LoadState *st, char *buf)
{
	int64		counts[5];

	if (!ua_repeated_key_hashes(st))
		return;
	counts[0] = st->rows_read;
	counts[1] = st->rows_loaded;
	counts[2] = st->rows_skipped;
	counts[3] = st->rows_rejected;
	counts[4] = st->rows_repaired;
	st->verifying = true;
	st->header_done = false;
	read_input(st, buf);
	st->verifying = false;
	st->rows_read = counts[0];
	st->rows_loaded = counts[1];
	st->rows_skipped = counts[2];
	st->rows_rejected = counts[3];
	st->rows_repaired = counts[4];
	ua_resolve_duplicates(st);
}

/* Parses the input and stores its rows (the periods are settled later). */
static void
store_input(LoadState *st, char *buf)
{
	MemoryContext oldcxt = MemoryContextSwitchTo(st->loadcxt);

	st->keysort = tuplesort_begin_datum(INT8OID, Int8LessOperator, InvalidOid, false,
										work_mem, NULL, TUPLESORT_NONE);
	MemoryContextSwitchTo(oldcxt);

	read_input(st, buf);
	if (!st->header_done)
		ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT, "the file has no header line",
					  "An export has a header line and one line per user or GPT.", NULL);
	ua_inserter_finish(st->ins);

	/* closed here, inside the subtransaction that may have opened it */
	table_close(st->rel, NoLock);
	st->rel = NULL;
	find_duplicates(st, buf);
}

/*
 * The first reading of the input: parse, store, look for duplicate keys.
 * With on_error => 'skip' it runs in a subtransaction (see load_rows),
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
		return;
	}
	BeginInternalSubTransaction(NULL);
	PG_TRY();
	{
		MemoryContextSwitchTo(st->loadcxt);
		store_input(st, buf);
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
 * A fresh state for reading the input again, knowing its duplicates: the
 * first reading's state and its memory go.
 */
static void
restart_knowing_duplicates(LoadState *st, const LoadOptions *opts, MemoryContext callercxt)
{
	LoadState	again;
	MemoryContext oldcxt = st->loadcxt;
	int			i;

	init_state(&again, st->src, opts, callercxt);
	memcpy(again.sha256, st->sha256, sizeof(st->sha256));
	again.nbytes = st->nbytes;
	again.reloading = st->reloading;
	again.duplicates = MemoryContextAlloc(again.loadcxt, sizeof(Duplicate) * st->nduplicates);
	again.nduplicates = st->nduplicates;
	for (i = 0; i < st->nduplicates; i++)
	{
		again.duplicates[i] = st->duplicates[i];
		again.duplicates[i].column = MemoryContextStrdup(again.loadcxt, st->duplicates[i].column);
		again.duplicates[i].shown = MemoryContextStrdup(again.loadcxt, st->duplicates[i].shown);
	}
	*st = again;
	MemoryContextSwitchTo(st->loadcxt);
	MemoryContextDelete(oldcxt);
}

/*
 * Stores the input's rows.  A duplicate key is only known at the end: with
 * on_error => 'abort' it is then the error; with 'skip' it must become a
 * rejected record, so the first reading (in a subtransaction) is rolled
 * back and a second one rejects the duplicates where they stand.  Real
 * exports have none, so this costs nothing in practice.
 */
static void
load_rows(LoadState *st, char *buf, const LoadOptions *opts, MemoryContext callercxt,
		  ResourceOwner callerowner)
{
	int			nduplicates;

	first_reading(st, buf, callercxt, callerowner);
	if (st->nduplicates == 0)
		return;
	if (!opts->skip_errors)
	{
		CsvRecord	rec = {0};

		rec.line = st->duplicates[0].line;
		ua_reject_duplicate(st, &rec, &st->duplicates[0]);
		pg_unreachable();
	}
	nduplicates = st->nduplicates;
	restart_knowing_duplicates(st, opts, callercxt);
	store_input(st, buf);
	if (st->nduplicates != nduplicates)
		elog(ERROR, "uanalytics: duplicate keys changed between two readings of \"%s\"", st->src->name);
	MemoryContextSwitchTo(st->loadcxt);
}

/* What the loaders return of a load that stored its input. */
static void
describe_load(const LoadState *st, LoadResult *res, MemoryContext callercxt)
{
	MemoryContext oldcxt = MemoryContextSwitchTo(callercxt);
	ListCell   *lc;

	res->load_id = st->load_id;
	res->kind = st->kind;
	res->rows_read = st->rows_read;
	res->rows_loaded = st->rows_loaded;
	res->rows_replaced = st->rows_replaced;
	res->rows_skipped = st->rows_skipped;
	res->rows_rejected = st->rows_rejected;
	res->rows_repaired = st->rows_repaired;
	res->unknown_periods = ua_unknown_periods(st);
	res->status = "loaded";
	foreach(lc, st->unknown_columns)
		res->unknown_columns = lappend(res->unknown_columns, pstrdup((char *) lfirst(lc)));
	MemoryContextSwitchTo(oldcxt);
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
	bool		hashed_first;

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
		ua_file_error(&st, ERRCODE_BAD_COPY_FILE_FORMAT, "the file is empty",
					  "An export has a header line and one line per user or GPT.", NULL);
	hashed_first = !opts->force && ua_loads_size_seen(&st);
	if (hashed_first)
		hash_input(&st, buf);
	else
		hash_begin(&st);		/* read_input finishes it */

	if (!(hashed_first && ua_loads_unchanged(&st, !opts->in_directory, &res)))
	{
		load_rows(&st, buf, opts, callercxt, callerowner);
		ua_finish_periods(&st);
		ua_finish_surveys(&st);
		ua_loads_finish(&st);
		describe_load(&st, &res, callercxt);
	}

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

/* kind => 'auto' | 'users' | 'gpts' | 'projects' | 'survey'; -1 for auto */
static int
parse_kind(text *t)
{
	char	   *s = text_to_cstring(t);
	int			kind = ua_kind_from_name(s);

	if (kind < 0 && pg_strcasecmp(s, "auto") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid kind \"%s\"", s),
				 errhint("kind is 'auto' (tell the report by its header), 'users', 'gpts', 'projects' or 'survey'.")));
	return kind;
}

/*
 * Adds one result row to the function's tuplestore, and what the load
 * stored to the changes of the call (see ua_analyze_stored).
 */
static void
emit_result(FunctionCallInfo fcinfo, UaCallChanges *changes, const LoadResult *res)
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
	values[2] = CStringGetTextDatum(ua_kind_names[res->kind]);
	values[3] = Int64GetDatum(res->rows_read);
	values[4] = Int64GetDatum(res->rows_loaded);
	values[5] = Int64GetDatum(res->rows_replaced);
	values[6] = Int64GetDatum(res->rows_skipped);
	values[7] = Int64GetDatum(res->rows_rejected);
	values[8] = CStringGetTextDatum(res->status);
	values[9] = PointerGetDatum(construct_array(names, n, TEXTOID, -1, false, TYPALIGN_INT));
	values[10] = Int64GetDatum(res->rows_repaired);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	ua_count_stored(changes, res);
}

/* Loads one server file. */
static LoadResult
load_server_file(const char *path, const LoadOptions *opts)
{
	InputSource src;
	LoadResult	res;

	ua_file_input(&src, path);
	res = load_input(&src, opts);
	ua_close_file_input(&src);
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
	opts->in_directory = false;
}

/* Does the name end in .csv (any case)? */
static bool
is_csv_name(const char *name)
{
	size_t		len = strlen(name);

	return len > 4 && name[0] != '.' && pg_strcasecmp(name + len - 4, ".csv") == 0;
}

/* The *.csv files of a server directory (regular files or links to them), in name order. */
static List *
csv_files_of(const char *path)
{
	DIR		   *dir = AllocateDir(path);
	struct dirent *de;
	List	   *names = NIL;
	List	   *files = NIL;
	ListCell   *lc;

	while ((de = ReadDir(dir, path)) != NULL)
	{
		struct stat entry;
		char	   *file;

		if (!is_csv_name(de->d_name))
			continue;
		/* a directory x.csv is no export */
		file = psprintf("%s/%s", path, de->d_name);
		if (stat(file, &entry) == 0 && S_ISREG(entry.st_mode))
			names = lappend(names, pstrdup(de->d_name));
		pfree(file);
	}
	FreeDir(dir);
	list_sort(names, compare_names);
	foreach(lc, names)
		files = lappend(files, psprintf("%s/%s", path, (char *) lfirst(lc)));
	return files;
}

PG_FUNCTION_INFO_V1(uanalytics_load);
Datum
uanalytics_load(PG_FUNCTION_ARGS)
{
	char	   *path;
	LoadOptions opts;
	struct stat st;
	UaCallChanges changes = {{0}, {0}, {0}};
	List	   *files;
	ListCell   *lc;

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
	opts.in_directory = S_ISDIR(st.st_mode);
	files = opts.in_directory ? csv_files_of(path) : list_make1(path);
	foreach(lc, files)
	{
		LoadResult	res = load_server_file((char *) lfirst(lc), &opts);

		emit_result(fcinfo, &changes, &res);
	}
	ua_analyze_stored(&changes);
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
	InputSource src;
	bytea	   *data;
	LoadOptions opts;
	LoadResult	res;
	UaCallChanges changes = {{0}, {0}, {0}};

	check_input_arg(fcinfo, "data");
	get_load_options(fcinfo, 2, &opts);
	data = PG_GETARG_BYTEA_PP(0);
	ua_bytes_input(&src, PG_ARGISNULL(1) ? pstrdup("load_data") : text_to_cstring(PG_GETARG_TEXT_PP(1)),
				   VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data));

	InitMaterializedSRF(fcinfo, 0);
	res = load_input(&src, &opts);
	emit_result(fcinfo, &changes, &res);
	ua_analyze_stored(&changes);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(uanalytics_load_lo);
Datum
uanalytics_load_lo(PG_FUNCTION_ARGS)
{
	InputSource src;
	Oid			loid;
	LoadOptions opts;
	LoadResult	res;
	UaCallChanges changes = {{0}, {0}, {0}};

	check_input_arg(fcinfo, "loid");
	get_load_options(fcinfo, 2, &opts);
	loid = PG_GETARG_OID(0);

	/*
	 * it is removed at the end, which only its owner may do: say so first
	 * (PostgreSQL 16 made the ownership checks one function, object_ownercheck)
	 */
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
	ua_lo_input(&src, PG_ARGISNULL(1) ? psprintf("large object %u", loid) : text_to_cstring(PG_GETARG_TEXT_PP(1)),
				DatumGetInt32(DirectFunctionCall2(be_lo_open, ObjectIdGetDatum(loid),
												  Int32GetDatum(INV_READ))));

	InitMaterializedSRF(fcinfo, 0);
	res = load_input(&src, &opts);
	DirectFunctionCall1(be_lo_close, Int32GetDatum(src.fd));

	/* the large object was only the vehicle: remove it (and only on success) */
	DirectFunctionCall1(be_lo_unlink, ObjectIdGetDatum(loid));
	emit_result(fcinfo, &changes, &res);
	ua_analyze_stored(&changes);
	return (Datum) 0;
}
