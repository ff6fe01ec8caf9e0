/*
 * analyze.c
 *		Statistics after a load: which tables a loader call changed enough
 *		for the planner to misjudge them, and their ANALYZE, run as the
 *		tables' owner before the call returns.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"

#include "load.h"

/*
 * Periods whose rows the statistics do not know the number of: stored for
 * the first time, or replacing a period of another size (by more than 50
 * rows and 10%; a complete week replacing its partial export has about the
 * same rows, all users being listed every period).  See ua_analyze_stored.
 */
int
ua_unknown_periods(const LoadState *st)
{
	ListCell   *lc;
	int			n = 0;

	foreach(lc, st->periods)
	{
		LoadPeriod *p = (LoadPeriod *) lfirst(lc);

		if (p->action == PERIOD_NEW && p->rows > 0)
			n++;
		else if (p->replaced > 0 &&
				 (p->rows > p->replaced ? p->rows - p->replaced : p->replaced - p->rows) >
				 50 + p->replaced / 10)
			n++;
	}
	return n;
}

/*
 * Adds what a load stored to the counts of the current call, per report:
 * the rows it wrote, and how much it grew the table (a replacement takes
 * out as many rows as it puts in, or about).
 */
void
ua_count_stored(UaCallChanges *changes, const LoadResult *res)
{
	int			k = res->kind;

	if (!res->status || strcmp(res->status, "loaded") != 0)
		return;
	changes->written[k] += res->rows_loaded;
	changes->grown[k] += res->rows_loaded - res->rows_replaced;
	changes->unknown_periods[k] += res->unknown_periods;
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
	(void) ua_relation_info(relid, &its_owner);
	return its_owner == owner && ConditionalLockRelationOid(relid, ShareUpdateExclusiveLock);
}

/*
 * Gives the planner statistics for what the call stored: when the call
 * stored more than 50 rows and with them a period of a size the statistics
 * do not know (ua_unknown_periods), or grew a table by more than
 * autovacuum's analyze threshold (50 rows and 10%), or wrote to a table
 * never analyzed, the columns the views join and filter on are analyzed
 * before the call returns, and the small tables beside them.  Without it a
 * query on such a period plans it as a handful of rows and joins it to the
 * prior period by nested loops, and autovacuum waits weeks for a weekly
 * load to reach its threshold.  user_status is among the columns, and the
 * sample is the configured one, because queries planned badly without
 * them (doc/benchmarks.md#queries-right-after-a-load; the cost:
 * doc/benchmarks.md#what-the-analyze-costs).  A column-list ANALYZE leaves
 * autovacuum's counter of changes as it was, so autovacuum still analyzes
 * every column later.  A call that stored no such period and grew the
 * tables by no more than the threshold, such as one replacing periods by
 * others of about their size, leaves these statistics about as true as
 * they were (the same periods, users and GPTs) and skips it.  Tables
 * another session is analyzing or vacuuming are left to autovacuum:
 * waiting for them could deadlock two loads that each hold what the
 * other's ANALYZE waits for.
 */
void
ua_analyze_stored(const UaCallChanges *changes)
{
	static const char *const key_columns[] = {
		"account_id, cadence, period_start, public_id, email, is_active, user_status, load_id",
		"account_id, cadence, period_start, gpt_id, gpt_creator_public_id, is_active, load_id",
		"account_id, cadence, period_start, project_id, project_creator_public_id, is_active, load_id",
		"workspace_id, survey_id, date_partition, load_id"};
	static const char *const totals[] = {"user_period_totals", "gpt_period_totals", NULL, NULL};
	Oid			nsp = get_namespace_oid("uanalytics", false);
	bool		periods_analyzed = false;
	int			k;

	StaticAssertStmt(lengthof(key_columns) == UA_NKINDS, "key columns for every report");
	for (k = 0; k < UA_NKINDS; k++)
	{
		Oid			relid = get_relname_relid(ua_table_names[k], nsp);
		float4		reltuples;
		Oid			owner;
		UaSavedUser saved;
		StringInfoData sql;

		if (changes->written[k] <= 50 || !OidIsValid(relid))
			continue;
		reltuples = ua_relation_info(relid, NULL);
		if (reltuples >= 0 && changes->unknown_periods[k] == 0 &&
			changes->grown[k] <= 50 + 0.1 * reltuples)
			continue;
		if (!ConditionalLockRelationOid(relid, ShareUpdateExclusiveLock))
			continue;
		(void) ua_relation_info(relid, &owner);	/* now that it is locked */

		initStringInfo(&sql);
		appendStringInfo(&sql, "ANALYZE uanalytics.%s (%s)", ua_table_names[k], key_columns[k]);
		if (!periods_analyzed && analyze_beside(nsp, "periods", owner))
		{
			appendStringInfoString(&sql, ", uanalytics.periods");
			periods_analyzed = true;
		}
		if (totals[k] && analyze_beside(nsp, totals[k], owner))
			appendStringInfo(&sql, ", uanalytics.%s", totals[k]);

		/*
		 * As the tables' owner, as autovacuum analyzes them, and restricted
		 * as ANALYZE restricts what it runs of a table's definition.  A
		 * loader role granted INSERT and DELETE (doc/privileges.md) may not
		 * run ANALYZE itself, and its loads left the tables without any
		 * statistics: the views' prior-period joins then compared every row
		 * of a period with every row of the prior one
		 * (doc/benchmarks.md#queries-right-after-a-load).  The caller
		 * chooses neither the tables nor the columns, nor, as for
		 * autovacuum, the search_path that an index predicate or a
		 * statistics expression run as the owner would resolve names in;
		 * the sample is the one the server and database are configured
		 * with, not the session's.
		 */
		ua_become_owner(owner, &saved);
		(void) set_config_option("default_statistics_target",
								 GetConfigOptionResetString("default_statistics_target"),
								 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		ua_run_sql(sql.data, 0, NULL, NULL, NULL, SPI_OK_UTILITY);
		SPI_finish();
		ua_restore_user(&saved);
	}
}
