/*
 * periods.c
 *		What a load does with each period of its file.
 *
 * The first row of a period inserts the period's row in uanalytics.periods,
 * or locks the stored one: that serialises concurrent loads of the period.
 * The stored row says what the load may do (replace, skip, or compare two
 * partial exports at the end); after the last record the superseded rows are
 * deleted and the catalog row updated, in the caller's transaction.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* the varlena macros (VARDATA_ANY, ...) moved to varatt.h in PostgreSQL 16 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#include "load.h"

static uint64 delete_period_rows(LoadState *st, LoadPeriod *p, bool this_load);
static void count_power_user(LoadState *st, PeriodTotals *t);
static bool power_user_count(const PeriodTotals *t, int64 *count);

/*
 * A period is its account, cadence and start; a Date Range its end too, as
 * two ranges of one start are two periods.  periods.period_key is the
 * stored form of the same rule.
 */
static inline bool
same_period(const LoadPeriod *p, const char *account, UaCadence cadence, DateADT start,
			DateADT end)
{
	return p->cadence == cadence && p->start == start &&
		(cadence != UA_CADENCE_DATE_RANGE || p->end == end) &&
		strcmp(p->account_id, account) == 0;
}

/* The period's periods.period_key: its end for a Date Range, else its start. */
static inline DateADT
period_key(const LoadPeriod *p)
{
	return p->cadence == UA_CADENCE_DATE_RANGE ? p->end : p->start;
}

/*
 * Finds the period of a row in this load, or claims it: inserts its row in
 * uanalytics.periods, or locks the stored one and decides what to do.
 */
LoadPeriod *
ua_claim_period(LoadState *st, const char *account, UaCadence cadence, DateADT start,
			 DateADT end, bool is_partial)
{
	LoadPeriod *p = st->last_period;
	ListCell   *lc;
	MemoryContext oldcxt;
	Oid			types[8] = {TEXTOID, TEXTOID, TEXTOID, DATEOID, DATEOID, BOOLOID, INT8OID, DATEOID};
	Datum		args[8];

	if (p && same_period(p, account, cadence, start, end))
		return p;
	foreach(lc, st->periods)
	{
		p = (LoadPeriod *) lfirst(lc);
		if (same_period(p, account, cadence, start, end))
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
	p->stored_rows = -1;
	st->periods = lappend(st->periods, p);
	st->last_period = p;
	MemoryContextSwitchTo(oldcxt);

	args[0] = CStringGetTextDatum(account);
	args[1] = CStringGetTextDatum(ua_kind_names[st->kind]);
	args[2] = CStringGetTextDatum(ua_cadence_names[cadence]);
	args[3] = DateADTGetDatum(start);
	args[4] = DateADTGetDatum(end);
	args[5] = BoolGetDatum(is_partial);
	args[6] = Int64GetDatum(st->load_id);
	args[7] = DateADTGetDatum(period_key(p));
	if (ua_run_sql("INSERT INTO uanalytics.periods AS p "
				"(account_id, kind, cadence, period_start, period_end, is_partial, load_id, row_count) "
				"VALUES ($1, $2, $3, $4, $5, $6, $7, 0) ON CONFLICT DO NOTHING",
				7, types, args, NULL, SPI_OK_INSERT) == 1)
		p->action = PERIOD_NEW;
	else
	{
		bool		stored_partial;
		bool		isnull;

		ua_run_sql("SELECT is_partial, as_of, row_count FROM uanalytics.periods "
				"WHERE account_id = $1 AND kind = $2 AND cadence = $3 AND period_start = $4 "
				"AND period_key = $8 FOR UPDATE",
				8, types, args, NULL, SPI_OK_SELECT);
		if (SPI_processed != 1)
			elog(ERROR, "uanalytics.periods lost the row of a period");
		stored_partial = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		p->stored_as_of = DatumGetDateADT(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
		p->stored_has_as_of = !isnull;
		if (!stored_partial && !is_partial)
			p->stored_rows = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
		SPI_freetuptable(SPI_tuptable);	/* a file may claim many periods */
		if (!stored_partial)
			p->action = is_partial ? PERIOD_SKIP : PERIOD_REPLACE;
		else
			p->action = is_partial ? PERIOD_COMPARE : PERIOD_REPLACE;

		/*
		 * A replaced period's rows go now, before the new ones are in, so
		 * the delete reads only the old rows
		 * (doc/benchmarks.md#deleting-before-inserting).  The caller's
		 * transaction still undoes it if the load fails.
		 */
		if (p->action == PERIOD_REPLACE)
		{
			p->replaced = delete_period_rows(st, p, false);
			st->rows_replaced += p->replaced;
		}
	}
	return p;
}

/* Deletes a period's rows of other loads (or of this one); returns how many. */
static uint64
delete_period_rows(LoadState *st, LoadPeriod *p, bool this_load)
{
	Oid			types[5] = {TEXTOID, TEXTOID, DATEOID, INT8OID, DATEOID};
	Datum		args[5];
	char	   *sql;

	args[0] = CStringGetTextDatum(p->account_id);
	args[1] = CStringGetTextDatum(ua_cadence_names[p->cadence]);
	args[2] = DateADTGetDatum(p->start);
	args[3] = Int64GetDatum(st->load_id);
	args[4] = DateADTGetDatum(p->end);
	sql = psprintf("DELETE FROM uanalytics.%s "
				   "WHERE account_id = $1 AND cadence = $2 AND period_start = $3 AND load_id %s $4%s",
				   ua_table_names[st->kind], this_load ? "=" : "<>",
				   p->cadence == UA_CADENCE_DATE_RANGE ? " AND period_end = $5" : "");
	return ua_run_sql(sql, p->cadence == UA_CADENCE_DATE_RANGE ? 5 : 4, types, args, NULL,
					  SPI_OK_DELETE);
}

/* Adds a stored row to its period's totals (see PeriodTotals). */
void
ua_count_row(LoadState *st, LoadPeriod *p)
{
	PeriodTotals *t = &p->totals;
	bool		active = st->col_active >= 0 && !st->nulls[st->col_active] &&
		DatumGetBool(st->values[st->col_active]);
	bool		enabled = false;
	int			i;

	for (i = 0; i < 3; i++)
	{
		int			c = st->col_sums[i];

		if (c >= 0 && !st->nulls[c])
		{
			t->sums[i] += DatumGetInt32(st->values[c]);
			t->has_sum[i] = true;
		}
	}
	if (st->kind != REPORT_USERS)
	{
		if (st->col_sums[0] >= 0 && !st->nulls[st->col_sums[0]] &&
			DatumGetInt32(st->values[st->col_sums[0]]) > 0)
			t->active++;
		if (active)
			t->flagged++;
		return;
	}
	if (st->col_status >= 0 && !st->nulls[st->col_status])
	{
		text	   *status = DatumGetTextPP(st->values[st->col_status]);
		size_t		len = VARSIZE_ANY_EXHDR(status);

		enabled = len == 7 && memcmp(VARDATA_ANY(status), "enabled", 7) == 0;
		if (enabled)
		{
			t->enabled++;
			if (st->col_last_active >= 0 && !st->nulls[st->col_last_active])
				t->activated++;
		}
		else if (len == 7 && memcmp(VARDATA_ANY(status), "pending", 7) == 0)
			t->pending++;
	}
	if (st->nulls[st->col_key])
		return;
	if (active)
	{
		t->active++;
		count_power_user(st, t);
	}
	ua_digest_add_row(st, t, active, enabled, p->cadence == UA_CADENCE_WEEKLY && !p->is_partial);
}

/*
 * An active user of the period: a power user candidate when messaged in 3
 * tools or more (uanalytics.power_users' defaults).  Whether its rank is
 * within the top 20% of the period's active users is known only after the
 * last row (power_user_count).
 */
static void
count_power_user(LoadState *st, PeriodTotals *t)
{
	if (st->col_tools < 0 || st->nulls[st->col_tools])
		return;
	t->with_tools++;
	if (DatumGetInt32(st->values[st->col_tools]) < 3 ||
		st->col_rank < 0 || st->nulls[st->col_rank])
		return;
	if (t->nranks == t->maxranks)
	{
		MemoryContext oldcxt = MemoryContextSwitchTo(st->loadcxt);

		t->maxranks = t->maxranks ? t->maxranks * 2 : 1024;
		t->ranks = t->ranks ? repalloc(t->ranks, t->maxranks * sizeof(int32))
			: palloc(t->maxranks * sizeof(int32));
		MemoryContextSwitchTo(oldcxt);
	}
	t->ranks[t->nranks++] = DatumGetInt32(st->values[st->col_rank]);
}

/*
 * The period's power users (uanalytics.power_users' defaults): candidates
 * ranked within ceil(0.2 * active users).  False when the active users have
 * no tools_messaged (an export without the column): the rows cannot tell.
 */
static bool
power_user_count(const PeriodTotals *t, int64 *count)
{
	int64		cutoff = (t->active * 2 + 9) / 10;	/* ceil(0.2 * active) */
	int			i;

	if (t->active > 0 && t->with_tools == 0)
		return false;
	*count = 0;
	for (i = 0; i < t->nranks; i++)
		if (t->ranks[i] <= cutoff)
			(*count)++;
	return true;
}

/* Writes a period's row of the views' rollup from the load's totals. */
static void
store_totals(LoadState *st, LoadPeriod *p)
{
	const PeriodTotals *t = &p->totals;
	Oid			types[15];
	Datum		args[15];
	char		nulls[15];
	int64		power = 0;
	int			i;

	/* the Project report has no rollup: projects_summary counts its rows */
	if (st->kind == REPORT_PROJECTS)
		return;
	for (i = 0; i < 15; i++)
	{
		types[i] = INT8OID;
		nulls[i] = ' ';
	}
	types[0] = types[1] = TEXTOID;
	types[2] = types[3] = DATEOID;
	types[4] = BOOLOID;
	args[0] = CStringGetTextDatum(p->account_id);
	args[1] = CStringGetTextDatum(ua_cadence_names[p->cadence]);
	args[2] = DateADTGetDatum(p->start);
	args[3] = DateADTGetDatum(p->end);
	args[4] = BoolGetDatum(p->is_partial);
	args[5] = Int64GetDatum(st->load_id);
	args[6] = Int64GetDatum(p->rows);
	args[7] = Int64GetDatum(t->active);

	if (st->kind == REPORT_GPTS)
	{
		args[8] = Int64GetDatum(t->flagged);
		ua_run_sql("INSERT INTO uanalytics.gpt_period_totals (account_id, cadence, period_start, "
				"period_end, is_partial, load_id, total_gpts, gpts_active, gpts_flagged_active) "
				"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
				"ON CONFLICT (account_id, cadence, period_start) DO UPDATE SET "
				"period_end = $4, is_partial = $5, load_id = $6, total_gpts = $7, "
				"gpts_active = $8, gpts_flagged_active = $9",
				9, types, args, NULL, SPI_OK_INSERT);
		return;
	}
	for (i = 0; i < 3; i++)
	{
		args[8 + i] = Int64GetDatum(t->sums[i]);
		nulls[8 + i] = t->has_sum[i] ? ' ' : 'n';
	}
	args[11] = Int64GetDatum(t->enabled);
	args[12] = Int64GetDatum(t->pending);
	args[13] = Int64GetDatum(t->activated);
	nulls[14] = power_user_count(t, &power) ? ' ' : 'n';
	args[14] = Int64GetDatum(power);
	ua_run_sql("INSERT INTO uanalytics.user_period_totals (account_id, cadence, period_start, "
			"period_end, is_partial, load_id, users, unique_active_users, total_messages, "
			"gpt_messages, tool_messages, claimed_seats, pending_invites, activated_users, "
			"power_users) "
			"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
			"ON CONFLICT (account_id, cadence, period_start) DO UPDATE SET "
			"period_end = $4, is_partial = $5, load_id = $6, users = $7, "
			"unique_active_users = $8, total_messages = $9, gpt_messages = $10, "
			"tool_messages = $11, claimed_seats = $12, pending_invites = $13, "
			"activated_users = $14, power_users = $15",
			15, types, args, nulls, SPI_OK_INSERT);
}

/*
 * A complete period is not replaced by an export of it with fewer rows
 * unless the caller says force: every user of a workspace is listed in
 * every period, so fewer rows is what a cut-off, filtered or half-skipped
 * file looks like.  Raised after the last record, so that the count is
 * the file's; the deletes done by ua_claim_period go with the error.
 */
static void
check_replacements(LoadState *st)
{
	ListCell   *lc;

	if (st->force)
		return;
	foreach(lc, st->periods)
	{
		LoadPeriod *p = (LoadPeriod *) lfirst(lc);

		if (p->action != PERIOD_REPLACE || p->stored_rows < 0 || p->rows >= p->stored_rows)
			continue;
		ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
				   psprintf("the %s period %s to %s of account %s has " INT64_FORMAT
							" rows stored; this file has " INT64_FORMAT,
							ua_cadence_names[p->cadence], ua_date_text(p->start), ua_date_text(p->end),
							p->account_id, p->stored_rows, p->rows),
				   st->rows_rejected > 0
				   ? psprintf("A complete period is not replaced by fewer rows: a cut-off or filtered file looks just like that, and so does one whose bad records were skipped (" INT64_FORMAT " here).  Nothing of it was loaded.",
							  st->rows_rejected)
				   : "A complete period is not replaced by fewer rows: a cut-off or filtered file looks just like that.  Nothing of it was loaded.",
				   "If this file is right all the same (a corrected export that lists fewer rows), load it by itself with force => true; forcing a whole directory would force its older files too.");
	}
}

/*
 * After the last row: refuse a replacement by fewer rows, settle the
 * partial periods compared with a stored partial one, update the catalog
 * and the views' rollup.
 */
void
ua_finish_periods(LoadState *st)
{
	ListCell   *lc;

	check_replacements(st);

	foreach(lc, st->periods)
	{
		LoadPeriod *p = (LoadPeriod *) lfirst(lc);
		Oid			types[10] = {TEXTOID, TEXTOID, TEXTOID, DATEOID, DATEOID, BOOLOID, DATEOID,
		INT8OID, INT8OID, DATEOID};
		Datum		args[10];
		char		nulls[10] = "          ";

		if (p->action == PERIOD_SKIP)
			continue;
		if (p->action == PERIOD_COMPARE)
		{
			/*
			 * The partial with the later activity is the newer export; of
			 * two of the same day, the one loaded later, unless this is a
			 * file loaded before coming back
			 */
			bool		newer = !p->stored_has_as_of ||
				(p->has_as_of && (p->as_of > p->stored_as_of ||
								  (p->as_of == p->stored_as_of && !st->reloading)));

			if (!newer)
			{
				uint64		n = delete_period_rows(st, p, true);

				st->rows_loaded -= n;
				st->rows_skipped += n;
				continue;
			}
			p->replaced = delete_period_rows(st, p, false);
			st->rows_replaced += p->replaced;
		}

		args[0] = CStringGetTextDatum(p->account_id);
		args[1] = CStringGetTextDatum(ua_kind_names[st->kind]);
		args[2] = CStringGetTextDatum(ua_cadence_names[p->cadence]);
		args[3] = DateADTGetDatum(p->start);
		args[4] = DateADTGetDatum(p->end);
		args[5] = BoolGetDatum(p->is_partial);
		args[6] = DateADTGetDatum(p->as_of);
		args[7] = Int64GetDatum(st->load_id);
		args[8] = Int64GetDatum(p->rows);
		args[9] = DateADTGetDatum(period_key(p));
		nulls[6] = p->has_as_of ? ' ' : 'n';
		ua_run_sql("UPDATE uanalytics.periods SET period_end = $5, is_partial = $6, "
				"as_of = $7, load_id = $8, row_count = $9 "
				"WHERE account_id = $1 AND kind = $2 AND cadence = $3 AND period_start = $4 "
				"AND period_key = $10",
				10, types, args, nulls, SPI_OK_UPDATE);
		/* the rollups feed the week and month views; date_ranges reads the rows */
		if (p->cadence != UA_CADENCE_DATE_RANGE)
			store_totals(st, p);
		if (st->kind == REPORT_USERS)
			ua_digest_store(st, p, period_key(p));
	}
}
