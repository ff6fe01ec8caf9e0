/*
 * loadutils.c
 *		What every file of the loader uses, and that uses none of them: the
 *		names of reports, cadences and tables, running SQL through SPI,
 *		running it as a table's owner, errors about an input as a whole, and
 *		the input's SHA-256 as a value.
 */
#include "postgres.h"

#include "catalog/pg_class.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/guc.h"
#include "utils/syscache.h"

/* the varlena macros (VARDATA, ...) moved to varatt.h in PostgreSQL 16 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#include "load.h"

const char *const ua_kind_names[] = {"users", "gpts", "projects", "survey"};
const char *const ua_cadence_names[] = {"Weekly", "Monthly", "Date Range"};
const char *const ua_table_names[] = {"user_engagement", "gpt_engagement", "project_engagement",
"survey_answers"};
const char *const ua_report_titles[] = {"User Engagement", "GPT Engagement", "Project",
"Impact survey"};

StaticAssertDecl(lengthof(ua_kind_names) == UA_NKINDS, "a name for every report");
StaticAssertDecl(lengthof(ua_table_names) == UA_NKINDS, "a table for every report");
StaticAssertDecl(lengthof(ua_report_titles) == UA_NKINDS, "a title for every report");
StaticAssertDecl(lengthof(ua_cadence_names) == UA_CADENCE_DATE_RANGE + 1, "a name for every cadence");

/*
 * Runs what follows as the given role (a table's owner), restricted as
 * ANALYZE restricts what it runs of a table's definition, and with
 * search_path set to pg_catalog, pg_temp: the caller chooses no name that
 * the owner's rights would resolve.  ua_restore_user undoes it; an error
 * in between is undone by the (sub)transaction's abort.  The GUCs set
 * after it, at the same nest level, are undone with it.
 */
void
ua_become_owner(Oid owner, UaSavedUser *saved)
{
	saved->nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	GetUserIdAndSecContext(&saved->userid, &saved->sec_context);
	SetUserIdAndSecContext(owner, saved->sec_context | SECURITY_RESTRICTED_OPERATION);
}

void
ua_restore_user(const UaSavedUser *saved)
{
	SetUserIdAndSecContext(saved->userid, saved->sec_context);
	AtEOXact_GUC(false, saved->nestlevel);
}

/* A table's reltuples (-1: never analyzed), and its owner if asked */
float4
ua_relation_info(Oid relid, Oid *owner)
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

/* The report of a kind name ("users", "gpts", "projects", "survey"), or -1. */
int
ua_kind_from_name(const char *name)
{
	int			k;

	for (k = 0; k < lengthof(ua_kind_names); k++)
		if (pg_strcasecmp(name, ua_kind_names[k]) == 0)
			return k;
	return -1;
}

/* Runs a statement with arguments (nulls as SPI takes them, or NULL); returns SPI_processed. */
uint64
ua_run_sql(const char *sql, int nargs, Oid *types, Datum *args, const char *nulls, int expected)
{
	int			rc = SPI_execute_with_args(sql, nargs, types, args, nulls, false, 0);

	if (rc != expected)
		elog(ERROR, "uanalytics: \"%s\" failed: %s", sql, SPI_result_code_string(rc));
	return SPI_processed;
}

/* Raises an error about the input as a whole (never skipped). */
void
ua_file_error(LoadState *st, int sqlstate, const char *message, const char *detail, const char *hint)
{
	st->own_error = true;
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("\"%s\": %s", st->src->name, message),
			 detail ? errdetail("%s", detail) : 0,
			 hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

/* A date as text, for messages. */
char *
ua_date_text(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

/* The input's SHA-256 (as far as it is known) as a bytea Datum. */
Datum
ua_sha256_datum(const LoadState *st)
{
	bytea	   *sha = palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH);

	SET_VARSIZE(sha, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	memcpy(VARDATA(sha), st->sha256, PG_SHA256_DIGEST_LENGTH);
	return PointerGetDatum(sha);
}
