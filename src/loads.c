/*
 * loads.c
 *		The loads catalog, uanalytics.loads: a load's row is inserted once
 *		its header is read (rejected records point at it), finished after
 *		its last record, and looked up to recognise bytes loaded before.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "load.h"

/* Starts the load's row, status loading; sets st->load_id. */
void
ua_loads_begin(LoadState *st)
{
	Oid			types[7] = {TEXTOID, BYTEAOID, INT8OID, TEXTOID, TEXTOID, TEXTOID, BOOLOID};
	Datum		args[7];
	bool		isnull;

	args[0] = CStringGetTextDatum(st->src->name);
	args[1] = ua_sha256_datum(st);	/* replaced at the end: see ua_loads_finish */
	args[2] = Int64GetDatum(st->nbytes);
	args[3] = CStringGetTextDatum(ua_kind_names[st->kind]);
	args[4] = CStringGetTextDatum(st->skip_errors ? "skip" : "abort");
	args[5] = CStringGetTextDatum("loading");
	args[6] = BoolGetDatum(st->force);
	ua_run_sql("INSERT INTO uanalytics.loads (source, sha256, bytes, kind, on_error, status, forced) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING load_id",
			   7, types, args, NULL, SPI_OK_INSERT_RETURNING);
	st->load_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_freetuptable(SPI_tuptable);
}

/*
 * Records the outcome, and the SHA-256 and size of the bytes: the hash may
 * have been finished only by the reading.
 */
void
ua_loads_finish(LoadState *st)
{
	Oid			types[11] = {INT8OID, INT8OID, INT8OID, INT8OID, INT8OID, INT8OID, TEXTARRAYOID,
	BYTEAOID, INT8OID, INT8OID, INT8OID};
	Datum		args[11];
	Datum	   *names = palloc(sizeof(Datum) * (list_length(st->unknown_columns) + 1));
	ListCell   *lc;
	int			n = 0;
	int64		complete_rows = 0;

	foreach(lc, st->unknown_columns)
		names[n++] = CStringGetTextDatum((char *) lfirst(lc));
	foreach(lc, st->periods)
	{
		LoadPeriod *p = (LoadPeriod *) lfirst(lc);

		if (p->action != PERIOD_SKIP && !p->is_partial)
			complete_rows += p->rows;
	}
	/* the survey report has no periods: all its answers count */
	if (st->kind == REPORT_SURVEY)
		complete_rows = st->rows_loaded;
	args[0] = Int64GetDatum(st->load_id);
	args[1] = Int64GetDatum(st->rows_read);
	args[2] = Int64GetDatum(st->rows_loaded);
	args[3] = Int64GetDatum(st->rows_replaced);
	args[4] = Int64GetDatum(st->rows_skipped);
	args[5] = Int64GetDatum(st->rows_rejected);
	args[6] = PointerGetDatum(construct_array(names, n, TEXTOID, -1, false, TYPALIGN_INT));
	args[7] = ua_sha256_datum(st);
	args[8] = Int64GetDatum(st->nbytes);
	args[9] = Int64GetDatum(st->rows_repaired);
	args[10] = Int64GetDatum(complete_rows);
	ua_run_sql("UPDATE uanalytics.loads SET status = 'loaded', rows_read = $2, rows_loaded = $3, "
			   "rows_replaced = $4, rows_skipped = $5, rows_rejected = $6, unknown_columns = $7, "
			   "sha256 = $8, bytes = $9, rows_repaired = $10, complete_rows = $11 WHERE load_id = $1",
			   11, types, args, NULL, SPI_OK_UPDATE);
}

/*
 * Could this input be a repeat?  Only when a stored load has its size: the
 * input is then hashed before it is parsed, and a repeat costs no parsing.
 * Otherwise the hash is computed while parsing, which saves a reading of
 * the input (doc/benchmarks.md#hashing-while-parsing).
 */
bool
ua_loads_size_seen(LoadState *st)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1];
	bool		found;

	args[0] = Int64GetDatum(st->nbytes);
	found = ua_run_sql("SELECT 1 FROM uanalytics.loads WHERE bytes = $1 AND status = 'loaded' LIMIT 1",
					   1, types, args, NULL, SPI_OK_SELECT) > 0;
	SPI_freetuptable(SPI_tuptable);
	return found;
}

/*
 * Are all the answers a survey load stored still stored?  The survey report
 * has no periods; this is its test of ua_loads_unchanged, in a query of its
 * own so that loading the other reports needs no privilege on its table.
 * Of several loads of the same bytes the latest is asked: a load of those
 * bytes replaces the answers of the earlier ones.
 */
static bool
survey_load_held(int64 load_id, int64 complete_rows)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1];
	bool		isnull;
	int64		n;

	args[0] = Int64GetDatum(load_id);
	ua_run_sql("SELECT count(*) FROM uanalytics.survey_answers WHERE load_id = $1",
			   1, types, args, NULL, SPI_OK_SELECT);
	n = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_freetuptable(SPI_tuptable);
	return n == complete_rows;
}

/*
 * Were these exact bytes loaded before (st->reloading), and is that all
 * there is to do?  With held_only, only while their rows are still what is
 * stored for every complete period they hold (for a survey report, which
 * has no periods: while all its answers are, see survey_load_held): a load
 * holds its periods until a later load replaces them, and then the row counts of the
 * complete periods it still holds fall short of its complete_rows, and the
 * same bytes load again, restoring those periods.  Partial periods do not
 * count: a partial export superseded by a later one would only be skipped
 * again.  Without held_only (the files of a directory, which holds old and
 * corrected exports side by side) bytes loaded before are unchanged
 * whatever replaced them since.  Fills *res when unchanged.
 */
bool
ua_loads_unchanged(LoadState *st, bool held_only, LoadResult *res)
{
	Oid			types[1] = {BYTEAOID};
	Datum		args[1];
	bool		isnull;
	bool		held;
	SPITupleTable *tt;

	args[0] = ua_sha256_datum(st);
	ua_run_sql("SELECT l.load_id, l.kind, l.complete_rows = "
			   "(SELECT coalesce(sum(p.row_count), 0) FROM uanalytics.periods p "
			   "WHERE p.load_id = l.load_id AND NOT p.is_partial) AS held, l.complete_rows "
			   "FROM uanalytics.loads l WHERE l.sha256 = $1 AND l.status = 'loaded' "
			   "ORDER BY held DESC, l.load_id DESC LIMIT 1", 1, types, args, NULL, SPI_OK_SELECT);
	tt = SPI_tuptable;
	st->reloading = SPI_processed > 0;
	if (!st->reloading)
	{
		SPI_freetuptable(tt);
		return false;
	}
	held = DatumGetBool(SPI_getbinval(tt->vals[0], tt->tupdesc, 3, &isnull));
	res->load_id = DatumGetInt64(SPI_getbinval(tt->vals[0], tt->tupdesc, 1, &isnull));
	res->kind = (ReportKind) ua_kind_from_name(SPI_getvalue(tt->vals[0], tt->tupdesc, 2));
	Assert(res->kind >= 0 && res->kind < UA_NKINDS);
	if (res->kind == REPORT_SURVEY && held_only)
		held = survey_load_held(res->load_id,
								DatumGetInt64(SPI_getbinval(tt->vals[0], tt->tupdesc, 4, &isnull)));
	SPI_freetuptable(tt);
	if (held_only && !held)
		return false;
	res->status = "unchanged";
	return true;
}
