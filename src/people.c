/*
 * people.c
 *		uanalytics.people: one row per person over all stored history.
 *
 * people is a foreign table of this extension's own wrapper, not a view,
 * because its scan must see the query's conditions, which a view over a C
 * function never does.  The scan answers three ways:
 *
 *	 person_key = x		that person from people_from_rows (the view that
 *						groups the person's rows with person_summary), whose
 *						condition reaches the hash index on public_id;
 *	 lower(email) = x	the public_ids that ever had that email, from the
 *	 or email = x		digests' email lookup (user_period_emails), then
 *						each of their people as above;
 *	 anything else		every person from the digests (digests.c), merged
 *						by identities as cohort_counts merges them; the
 *						latest row's email, name and other values are read
 *						from the few periods that hold latest rows.
 *
 * Each of person_key, lower(email) and email may also be compared to a list
 * (IN (...), = ANY (...)): each value is looked up, and each person found
 * returned once.  account_id = x narrows each.  Every condition stays the
 * scan's filter too, so a lookup only has to find a superset of the answer.
 * The ways give the same rows: the tests compare each with people_from_rows.
 * The scan reads as the foreign table's owner, as a view does.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "foreign/fdwapi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "optimizer/clauses.h"
#include "optimizer/optimizer.h"
#include "optimizer/pathnode.h"
#include "optimizer/paths.h"
#include "optimizer/planmain.h"
#include "optimizer/restrictinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/formatting.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"
#include "utils/varlena.h"
#if PG_VERSION_NUM >= 180000
#include "commands/explain_format.h"
#include "commands/explain_state.h"
#else
#include "commands/explain.h"
#endif

#include "agg.h"
#include "digests.h"
#include "identities.h"
#include "load.h"

/* people's columns, in order */
enum
{
	COL_ACCOUNT, COL_KEY, COL_PUBLIC_IDS, COL_EMAIL, COL_NAME, COL_DEPARTMENT, COL_GROUPS,
	COL_ROLE, COL_STATUS, COL_SEAT_TYPE, COL_CREATED, COL_FIRST_ACTIVE, COL_LAST_ACTIVE,
	COL_KNOWN, COL_DAYS, COL_MONTHS, COL_MESSAGES, NUM_COLS
};

/* The conditions a scan can use, in the order it prefers them */
typedef enum
{
	COND_KEY,					/* person_key = x */
	COND_LOWER_EMAIL,			/* lower(email) = x */
	COND_EMAIL,					/* email = x */
	COND_ACCOUNT,				/* account_id = x */
	NUM_CONDS
} PeopleCond;

static const char *const cond_names[NUM_CONDS] = {"person_key", "lower(email)", "email", "account_id"};

/* In the plan's list of conditions: the value is an array (x = ANY (...)) */
#define COND_ANY 0x100
#define COND_KIND(c) ((c) & ~COND_ANY)

/* ---- finding the conditions ---- */

static Node *
strip_relabel(Node *n)
{
	while (n && IsA(n, RelabelType))
		n = (Node *) ((RelabelType *) n)->arg;
	return n;
}

static bool
is_column(Node *n, Index relid, AttrNumber attno)
{
	n = strip_relabel(n);
	return n && IsA(n, Var) && ((Var *) n)->varno == relid && ((Var *) n)->varlevelsup == 0 &&
		((Var *) n)->varattno == attno;
}

/* Which column (or lower(email)) an operand is, or -1 */
static int
operand_cond(Node *col, Index relid)
{
	col = strip_relabel(col);
	if (is_column(col, relid, COL_KEY + 1))
		return COND_KEY;
	if (is_column(col, relid, COL_EMAIL + 1))
		return COND_EMAIL;
	if (is_column(col, relid, COL_ACCOUNT + 1))
		return COND_ACCOUNT;
	if (IsA(col, FuncExpr) && ((FuncExpr *) col)->funcid == F_LOWER_TEXT &&
		((FuncExpr *) col)->inputcollid == DEFAULT_COLLATION_OID &&
		list_length(((FuncExpr *) col)->args) == 1 &&
		is_column(linitial(((FuncExpr *) col)->args), relid, COL_EMAIL + 1))
		return COND_LOWER_EMAIL;
	return -1;
}

/*
 * A value the scan can compute before it starts: no column of people,
 * nothing volatile.  Columns of other tables are allowed only in a join's
 * condition (join true): the scan then gets their values as parameters,
 * for each row of the other side.
 */
static bool
is_scan_value(PlannerInfo *root, Node *n, Index relid, bool join)
{
	if (contain_volatile_functions(n) || contain_subplans(n))
		return false;
	if (!join)
		return !contain_var_clause(n);
	return !bms_is_member(relid, pull_varnos(root, n));
}

/*
 * Which condition a clause is, with the value it compares to in *value, or
 * -1: column = value, value = column, or column = ANY (array), the last
 * flagged COND_ANY.  Text equality under a deterministic collation compares
 * bytes, so the lookups (which compare bytes) find every row it keeps;
 * lower() must be the default collation's, which the loader hashed the
 * emails with.
 */
static int
clause_cond(PlannerInfo *root, Expr *clause, Index relid, bool join, Expr **value)
{
	int			side;

	if (IsA(clause, ScalarArrayOpExpr))
	{
		ScalarArrayOpExpr *op = (ScalarArrayOpExpr *) clause;
		int			cond;

		if (op->opno != TextEqualOperator || !op->useOr || list_length(op->args) != 2 ||
			!OidIsValid(op->inputcollid) || !get_collation_isdeterministic(op->inputcollid) ||
			!is_scan_value(root, lsecond(op->args), relid, join))
			return -1;
		cond = operand_cond(linitial(op->args), relid);
		if (cond < 0 || cond == COND_ACCOUNT)
			return -1;
		*value = lsecond(op->args);
		return cond | COND_ANY;
	}
	if (IsA(clause, OpExpr))
	{
		OpExpr	   *op = (OpExpr *) clause;

		if (op->opno != TextEqualOperator || list_length(op->args) != 2 ||
			!OidIsValid(op->inputcollid) || !get_collation_isdeterministic(op->inputcollid))
			return -1;
		for (side = 0; side < 2; side++)
		{
			int			cond = operand_cond(list_nth(op->args, side), relid);

			if (cond >= 0 && is_scan_value(root, list_nth(op->args, 1 - side), relid, join))
			{
				*value = list_nth(op->args, 1 - side);
				return cond;
			}
		}
	}
	return -1;
}

/* pg_class.reltuples of a table of the extension, or -1 */
static float4
table_rows(const char *name)
{
	Oid			relid = get_relname_relid(name, get_namespace_oid("uanalytics", false));

	return OidIsValid(relid) ? ua_relation_info(relid, NULL) : -1;
}

/*
 * baserel->fdw_private: the list of conditions used (an integer list) and
 * their values (an expression list), at most one of each
 */
static void
people_rel_size(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid)
{
	List	   *conds = NIL;
	List	   *values = NIL;
	bool		seen[NUM_CONDS] = {false};
	ListCell   *lc;
	double		people = 1000;
	double		rows;
	float4		nrows;
	float4		nperiods;

	foreach(lc, baserel->baserestrictinfo)
	{
		RestrictInfo *ri = lfirst_node(RestrictInfo, lc);
		Expr	   *value;
		int			cond = clause_cond(root, ri->clause, baserel->relid, false, &value);

		if (cond < 0 || seen[COND_KIND(cond)])
			continue;
		seen[COND_KIND(cond)] = true;
		conds = lappend_int(conds, cond);
		values = lappend(values, value);
	}
	baserel->fdw_private = list_make2(conds, values);

	/* people: about one per row of an average period */
	nrows = table_rows("user_engagement");
	nperiods = table_rows("user_period_digests");
	if (nrows > 0 && nperiods > 0)
		people = Max(1, nrows / nperiods);
	baserel->tuples = people;
	/* a lookup finds a person or a few */
	rows = seen[COND_KEY] || seen[COND_LOWER_EMAIL] || seen[COND_EMAIL] ? 10 : people;
	baserel->rows = clamp_row_est(rows * clauselist_selectivity(root, baserel->baserestrictinfo, 0,
																   JOIN_INNER, NULL));
}

/* An equivalence class member that is the operand of a condition (arg) */
static bool
member_is_operand(PlannerInfo *root, RelOptInfo *rel, EquivalenceClass *ec, EquivalenceMember *em, void *arg)
{
	return operand_cond((Node *) em->em_expr, rel->relid) == *(int *) arg;
}

static void
people_paths(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid)
{
	List	   *conds = linitial(baserel->fdw_private);
	List	   *values = lsecond(baserel->fdw_private);
	static const int joinable[] = {COND_KEY, COND_LOWER_EMAIL, COND_EMAIL};
	bool		lookup = false;
	ListCell   *lc;
	Cost		all;
	Cost		one;
	int			i;

	foreach(lc, conds)
		lookup |= COND_KIND(lfirst_int(lc)) != COND_ACCOUNT;
	/*
	 * All people merge every digest; a lookup reads a few index pages.  On
	 * a year of 100,000 users: 1.7 s for all, 1.5 ms a person_key and 10
	 * to 30 ms an email, so that a join looks the other side's rows up
	 * rather than read every person when they are fewer than about 200
	 * person_keys or 50 emails.
	 */
	all = 10 * baserel->tuples + 1000;
	one = Max(100, all / 200);

	add_path(baserel, (Path *)
			 create_foreignscan_path(root, baserel, NULL, baserel->rows,
#if PG_VERSION_NUM >= 180000
									 0,
#endif
									 lookup ? one : all, lookup ? one : all, NIL, NULL, NULL,
#if PG_VERSION_NUM >= 170000
									 NIL,
#endif
									 baserel->fdw_private));

	/*
	 * A join on person_key or the email (people.person_key = hr.id, say):
	 * a path that looks each row of the other side up, parameterized by it
	 */
	for (i = 0; i < lengthof(joinable); i++)
	{
		List	   *clauses = NIL;
		int			want = joinable[i];

		if (baserel->has_eclass_joins)
			clauses = generate_implied_equalities_for_column(root, baserel, member_is_operand, &want,
															 baserel->lateral_referencers);
		/* the other join clauses, where they may be checked at this scan */
		foreach(lc, baserel->joininfo)
			if (join_clause_is_movable_to(lfirst(lc), baserel))
				clauses = lappend(clauses, lfirst(lc));
		foreach(lc, clauses)
		{
			RestrictInfo *ri = lfirst_node(RestrictInfo, lc);
			Expr	   *value;
			Relids		outer;

			if (clause_cond(root, ri->clause, baserel->relid, true, &value) != want)
				continue;
			outer = bms_difference(ri->clause_relids, baserel->relids);
			if (bms_is_empty(outer) || bms_overlap(outer, baserel->lateral_referencers))
				continue;
			add_path(baserel, (Path *)
					 create_foreignscan_path(root, baserel, NULL, 1,
#if PG_VERSION_NUM >= 180000
											 0,
#endif
											 want == COND_KEY ? one : 4 * one,
											 want == COND_KEY ? one : 4 * one, NIL, outer, NULL,
#if PG_VERSION_NUM >= 170000
											 NIL,
#endif
											 list_make2(lappend_int(list_copy(conds), want),
														lappend(list_copy(values), value))));
		}
	}
}

static ForeignScan *
people_plan(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid, ForeignPath *best_path,
			List *tlist, List *scan_clauses, Plan *outer_plan)
{
	/* every condition is checked again on the rows found */
	scan_clauses = extract_actual_clauses(scan_clauses, false);
	/* the path's conditions: the table's own, and a join's */
	return make_foreignscan(tlist, scan_clauses, baserel->relid,
							lsecond(best_path->fdw_private),
							list_make1(linitial(best_path->fdw_private)),
							NIL, NIL, outer_plan);
}

/* ---- the scan ---- */

typedef struct PeopleScan
{
	List	   *conds;
	List	   *values;			/* ExprStates of the conditions' values */
	Tuplestorestate *rows;
	TupleTableSlot *read;		/* a row of rows, copied to the scan's slot */
	TupleDesc	desc;
	Oid			owner;
} PeopleScan;

/* What one scan is asked: text values, NULL or NIL when not given */
typedef struct PeopleAsk
{
	char	   *account;
	List	   *keys;			/* person_keys (char *) */
	List	   *emails;			/* lowered emails (char *) */
	bool		empty;			/* nothing to compare to (NULL): no row */
} PeopleAsk;

static void
people_explain(ForeignScanState *node, ExplainState *es)
{
	List	   *conds = linitial(((ForeignScan *) node->ss.ps.plan)->fdw_private);
	StringInfoData how;
	ListCell   *lc;
	int			used = -1;

	/* the lookup fill() makes: by person_key, else by the first email */
	initStringInfo(&how);
	foreach(lc, conds)
	{
		int			cond = lfirst_int(lc);

		if (COND_KIND(cond) == COND_KEY || (used < 0 && COND_KIND(cond) != COND_ACCOUNT))
			used = cond;
	}
	if (used >= 0)
		appendStringInfo(&how, "by %s%s", cond_names[COND_KIND(used)], (used & COND_ANY) ? " in a list" : "");
	else
		appendStringInfoString(&how, "all people, from the digests");
	if (list_member_int(conds, COND_ACCOUNT))
		appendStringInfoString(&how, " of one account_id");
	ExplainPropertyText("People", how.data, es);
}

static void
people_begin(ForeignScanState *node, int eflags)
{
	ForeignScan *plan = (ForeignScan *) node->ss.ps.plan;
	PeopleScan *s = palloc0(sizeof(PeopleScan));
	Relation	rel = node->ss.ss_currentRelation;

	node->fdw_state = s;
	s->conds = linitial(plan->fdw_private);
	s->desc = RelationGetDescr(rel);
	s->owner = rel->rd_rel->relowner;
	if (s->desc->natts != NUM_COLS)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("foreign table \"%s\" does not have the columns of uanalytics.people",
						RelationGetRelationName(rel))));
	if (eflags & EXEC_FLAG_EXPLAIN_ONLY)
		return;
	s->values = ExecInitExprList(plan->fdw_exprs, (PlanState *) node);
	s->read = ExecInitExtraTupleSlot(node->ss.ps.state, s->desc, &TTSOpsMinimalTuple);
}

/* The conditions' values for this scan (of this rescan, for parameters) */
static void
evaluate_conditions(ForeignScanState *node, PeopleScan *s, PeopleAsk *ask)
{
	ExprContext *econtext = node->ss.ps.ps_ExprContext;
	ListCell   *c;
	ListCell   *v;

	memset(ask, 0, sizeof(*ask));
	forboth(c, s->conds, v, s->values)
	{
		int			cond = lfirst_int(c);
		bool		isnull;
		Datum		value = ExecEvalExpr((ExprState *) lfirst(v), econtext, &isnull);
		Datum	   *elems = &value;
		bool	   *elemnulls = NULL;
		int			n = 1;
		List	   *strs = NIL;
		int			i;

		if (isnull)
		{
			ask->empty = true;
			return;
		}
		if (cond & COND_ANY)
			deconstruct_array(DatumGetArrayTypeP(value), TEXTOID, -1, false, TYPALIGN_INT,
							  &elems, &elemnulls, &n);
		for (i = 0; i < n; i++)
		{
			text	   *t;

			/* x = NULL is never true */
			if (elemnulls && elemnulls[i])
				continue;
			t = DatumGetTextPP(elems[i]);
			/* email = x keeps rows whose lower(email) is lower(x) */
			strs = lappend(strs, COND_KIND(cond) == COND_EMAIL
						   ? str_tolower(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), DEFAULT_COLLATION_OID)
						   : text_to_cstring(t));
		}
		if (strs == NIL)
		{
			ask->empty = true;
			return;
		}
		switch (COND_KIND(cond))
		{
			case COND_KEY:
				ask->keys = strs;
				break;
			case COND_ACCOUNT:
				ask->account = linitial(strs);
				break;
			case COND_LOWER_EMAIL:
			case COND_EMAIL:
				/* both given: either finds the people the other keeps */
				if (ask->emails == NIL)
					ask->emails = strs;
				break;
		}
	}
}

/* ---- a person by person_key ---- */

/* The people with a person_key (of an account, if given), from the rows */
static void
put_person(Tuplestorestate *out, TupleDesc desc, const char *account, const char *key)
{
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		args[2];
	uint64		i;

	args[0] = CStringGetTextDatum(key);
	args[1] = account ? CStringGetTextDatum(account) : (Datum) 0;
	if (SPI_execute_with_args(account
							  ? "SELECT * FROM uanalytics.people_from_rows WHERE person_key = $1 AND account_id = $2"
							  : "SELECT * FROM uanalytics.people_from_rows WHERE person_key = $1",
							  account ? 2 : 1, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "people: reading people_from_rows failed");
	if (SPI_tuptable->tupdesc->natts != NUM_COLS)
		elog(ERROR, "people: people_from_rows does not have people's columns");
	for (i = 0; i < SPI_processed; i++)
	{
		Datum		values[NUM_COLS];
		bool		nulls[NUM_COLS];

		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, values, nulls);
		tuplestore_putvalues(out, desc, values, nulls);
	}
	SPI_freetuptable(SPI_tuptable);
}

/* The people with any of the person_keys, each once */
static void
put_people(Tuplestorestate *out, TupleDesc desc, const char *account, List *keys)
{
	ListCell   *lc;

	foreach(lc, keys)
	{
		ListCell   *prev;
		bool		dup = false;

		foreach(prev, keys)
		{
			if (prev == lc)
				break;
			dup |= strcmp(lfirst(prev), lfirst(lc)) == 0;
		}
		if (!dup)
			put_person(out, desc, account, lfirst(lc));
	}
}

/* ---- people by email ---- */

/* An account and person_key found for an email */
typedef struct FoundPerson
{
	char	   *account;
	char	   *key;
} FoundPerson;

/*
 * The public_id of the digest entry at offset, from a slice of the digest
 * (its toast pointer, not the value read whole)
 */
static char *
entry_public_id(Datum digest, uint32 offset)
{
	struct varlena *raw = (struct varlena *) DatumGetPointer(digest);
	bytea	   *slice = (bytea *) pg_detoast_datum_slice(raw, offset, 4 + 64);
	uint32		len;

	if (VARSIZE_ANY_EXHDR(slice) < 4)
		ua_digest_corrupt();
	memcpy(&len, VARDATA_ANY(slice), 4);
	if (len > VARSIZE_ANY_EXHDR(slice) - 4)
	{
		slice = (bytea *) pg_detoast_datum_slice(raw, offset + 4, len);
		if (VARSIZE_ANY_EXHDR(slice) != len)
			ua_digest_corrupt();
		return pnstrdup(VARDATA_ANY(slice), len);
	}
	return pnstrdup(VARDATA_ANY(slice) + 4, len);
}

/*
 * The people whose public_ids ever had a lower(email) equal to lowered (in
 * an account, if given), added to *found once each: every entry of the
 * email's bucket whose hash matches, in every period; its public_id; its
 * person
 */
static void
find_people_by_email(MergedIds *merged, const char *account, const char *lowered, List **found)
{
	uint32		hash = hash_bytes((const unsigned char *) lowered, (int) strlen(lowered));
	Oid			types[2] = {INT2OID, TEXTOID};
	Datum		args[2];
	char		nulls[2] = {' ', account ? ' ' : 'n'};
	SPITupleTable *tab;
	uint64		n;
	uint64		i;
	ListCell   *lc;

	args[0] = Int16GetDatum((int16) EMAIL_BUCKET(hash));
	args[1] = account ? CStringGetTextDatum(account) : (Datum) 0;
	if (SPI_execute_with_args("SELECT e.account_id, e.entries, d.digest "
							  "FROM uanalytics.user_period_emails AS e "
							  "JOIN uanalytics.user_period_digests AS d "
							  "USING (account_id, cadence, period_start, period_key) "
							  "WHERE e.bucket = $1 AND ($2::text IS NULL OR e.account_id = $2)",
							  2, types, args, nulls, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "people: reading user_period_emails failed");
	tab = SPI_tuptable;
	n = SPI_processed;
	for (i = 0; i < n; i++)
	{
		bool		isnull;
		char	   *acct = SPI_getvalue(tab->vals[i], tab->tupdesc, 1);
		bytea	   *entries = DatumGetByteaPP(SPI_getbinval(tab->vals[i], tab->tupdesc, 2, &isnull));
		Datum		digest = SPI_getbinval(tab->vals[i], tab->tupdesc, 3, &isnull);
		Size		len = VARSIZE_ANY_EXHDR(entries);
		const char *data = VARDATA_ANY(entries);
		Size		pos;

		if (len % sizeof(uint64) != 0)
			ua_digest_corrupt();
		for (pos = 0; pos < len; pos += sizeof(uint64))
		{
			uint64		pair;
			char	   *id;
			const char *person;
			uint32		personlen;
			FoundPerson *f;
			bool		dup = false;

			memcpy(&pair, data + pos, sizeof(pair));
			if ((uint32) (pair >> 32) != hash)
				continue;
			id = entry_public_id(digest, (uint32) pair);
			ua_person_of(merged, acct, id, strlen(id), &person, &personlen);
			foreach(lc, *found)
			{
				f = lfirst(lc);
				dup |= strcmp(f->account, acct) == 0 && strlen(f->key) == personlen &&
					memcmp(f->key, person, personlen) == 0;
			}
			if (dup)
				continue;
			f = palloc(sizeof(FoundPerson));
			f->account = pstrdup(acct);
			f->key = pnstrdup(person, personlen);
			*found = lappend(*found, f);
		}
	}
	SPI_freetuptable(tab);
}

/* The people found by any of the lowered emails, each once */
static void
put_people_by_email(Tuplestorestate *out, TupleDesc desc, const char *account, List *emails)
{
	MergedIds	merged;
	List	   *found = NIL;
	ListCell   *lc;

	ua_merged_ids_load(&merged);
	foreach(lc, emails)
		find_people_by_email(&merged, account, lfirst(lc), &found);
	foreach(lc, found)
	{
		FoundPerson *f = lfirst(lc);

		put_person(out, desc, f->account, f->key);
	}
}

/* ---- all people, from the digests ---- */

/* A period of the account being read, in the order read */
typedef struct ReadPeriod
{
	char	   *cadence;
	int			cadlen;
	DateADT		start;
	DateADT		end;
	bool		complete_month;
	uint32		entries;
	int			latest;			/* people whose latest row is here */
	struct Person **people;		/* those people (read_latest_rows) */
} ReadPeriod;

/* A person of the account being read (see agg_person.c for the orders) */
typedef struct Person
{
	uint32		key;			/* person_key, in the reader's keys */
	uint32		hash;
	char		status;
	bool		merged;			/* person_key from identities */
	bool		known;			/* first use inside stored history */
	bool		has_created;
	bool		has_first;
	bool		has_last;
	bool		has_messages;
	bool		emitted;
	DateADT		created;
	DateADT		first_active;
	DateADT		last_active;
	int64		messages;
	AggMonths	months;			/* complete months active, ascending */
	int			earliest_period;
	const char *earliest_id;	/* in that period's digest, while read */
	int			earliest_idlen;
	/* the latest row: its period, enabled, created_or_invited_date, public_id */
	int			latest_period;
	bool		latest_enabled;
	bool		latest_has_created;
	DateADT		latest_created;
	uint32		latest_id;		/* merged: in the reader's ids; else the key */
	int			nids;			/* merged: the public_ids read, in ids */
	int			maxids;
	uint32	   *ids;
} Person;

#define AGG_KEYHASH_PREFIX persons
#define AGG_KEYHASH_ENTRY Person
#include "agg_keyhash.h"

typedef struct PeopleReader
{
	MergedIds	merged;
	AggKeys		keys;			/* the account's person_keys */
	AggKeys		ids;			/* merged people's public_ids */
	persons_hash *people;
	const char *account;		/* being read (ua_read_digests') */
	ReadPeriod *periods;
	int			nperiods;
	int			maxperiods;
	MemoryContext acctcxt;		/* all of the above but merged, per account */
	MemoryContext rowcxt;		/* one person's output */
	Tuplestorestate *out;
	TupleDesc	desc;
} PeopleReader;

#define CMP(a, b) (((a) > (b)) - ((a) < (b)))

/* The bytes of the public_id of a person's latest row */
static const char *
latest_id(PeopleReader *r, Person *p, uint32 *len)
{
	return agg_key_get(p->merged ? &r->ids : &r->keys, p->latest_id, len);
}

/*
 * > 0 when the row (period k, entry e, public_id id) comes before the
 * person's latest row: greatest period_end, an enabled row, the latest
 * created_or_invited_date (none last), the greatest period_start and
 * cadence, then the smallest public_id (person_summary's order)
 */
static int
compare_latest(PeopleReader *r, Person *p, int k, const DigestEntry *e, const char *id, int idlen)
{
	ReadPeriod *a = &r->periods[k];
	ReadPeriod *b = &r->periods[p->latest_period];
	bool		enabled = (e->flags & DIGEST_ENABLED) != 0;
	bool		has_created = (e->flags & DIGEST_HAS_CREATED) != 0;
	int			c = CMP(a->end, b->end);
	const char *cur;
	uint32		curlen;

	if (c == 0)
		c = CMP(enabled, p->latest_enabled);
	if (c == 0)
		c = CMP(has_created, p->latest_has_created);
	if (c == 0 && has_created)
		c = CMP(e->created, p->latest_created);
	if (c == 0)
		c = CMP(a->start, b->start);
	if (c == 0)
		c = agg_compare_bytes(a->cadence, a->cadlen, b->cadence, b->cadlen);
	if (c == 0)
	{
		cur = latest_id(r, p, &curlen);
		c = -agg_compare_bytes(id, idlen, cur, curlen);
	}
	return c;
}

/* Remembers a merged person's public_id (once) */
static uint32
add_merged_id(PeopleReader *r, Person *p, const char *id, int idlen)
{
	int			i;

	for (i = 0; i < p->nids; i++)
	{
		uint32		len;
		const char *known = agg_key_get(&r->ids, p->ids[i], &len);

		if (len == (uint32) idlen && memcmp(known, id, idlen) == 0)
			return p->ids[i];
	}
	if (p->nids == p->maxids)
	{
		p->maxids = p->maxids ? 2 * p->maxids : 4;
		p->ids = p->ids ? repalloc(p->ids, p->maxids * sizeof(uint32)) : palloc(p->maxids * sizeof(uint32));
	}
	agg_key_set_probe(&r->ids, id, idlen);
	p->ids[p->nids] = agg_key_store_probe(&r->ids);
	return p->ids[p->nids++];
}

/* One digest of the current account, read in the order of the earliest row */
static void
read_digest(PeopleReader *r, bytea *digest, int k)
{
	const char *data = VARDATA_ANY(digest);
	Size		len = VARSIZE_ANY_EXHDR(digest);
	Size		pos;
	ReadPeriod *period = &r->periods[k];
	uint32		i;

	period->entries = ua_digest_open(data, len, &pos);
	for (i = 0; i < period->entries; i++)
	{
		const char *id;
		int			idlen;
		DigestEntry e;
		const char *key;
		uint32		keylen;
		Person	   *p;
		bool		found;
		bool		active;
		uint32		merged_id = 0;

		ua_digest_next(data, len, &pos, &id, &idlen, &e);
		ua_person_of(&r->merged, r->account, id, idlen, &key, &keylen);
		agg_key_set_probe(&r->keys, key, keylen);
		p = persons_insert(r->people, AGG_KEY_PROBE, &found);
		if (!found)
		{
			uint32		k0 = agg_key_store_probe(&r->keys);
			uint32		h = p->hash;
			char		st = p->status;

			memset(p, 0, sizeof(Person));
			p->key = k0;
			p->hash = h;
			p->status = st;
			p->merged = key != id;
		}
		if (p->merged)
			merged_id = add_merged_id(r, p, id, idlen);

		/* the first period read is the earliest; in it, the smallest public_id */
		if (!found || (p->earliest_period == k &&
					   agg_compare_bytes(id, idlen, p->earliest_id, p->earliest_idlen) < 0))
		{
			p->known = !(e.flags & DIGEST_HAS_LAST_DAY) ||
				((e.flags & DIGEST_HAS_CREATED) && e.created >= period->start);
			p->earliest_id = id;
			p->earliest_idlen = idlen;
			p->earliest_period = k;
		}
		if ((e.flags & DIGEST_HAS_CREATED) && (!p->has_created || e.created < p->created))
		{
			p->has_created = true;
			p->created = e.created;
		}
		if ((e.flags & DIGEST_HAS_LAST_DAY) && (!p->has_last || e.last_day > p->last_active))
		{
			p->has_last = true;
			p->last_active = e.last_day;
		}
		active = (e.flags & DIGEST_ACTIVE) != 0;
		if (active && (e.flags & DIGEST_HAS_FIRST_DAY) && (!p->has_first || e.first_day < p->first_active))
		{
			p->has_first = true;
			p->first_active = e.first_day;
		}
		if (period->complete_month)
		{
			if (e.flags & DIGEST_HAS_MESSAGES)
			{
				p->messages += e.messages;
				p->has_messages = true;
			}
			if (active)
				agg_months_add(&p->months, period->start);
		}
		if (!found || compare_latest(r, p, k, &e, id, idlen) > 0)
		{
			p->latest_period = k;
			p->latest_enabled = (e.flags & DIGEST_ENABLED) != 0;
			p->latest_has_created = (e.flags & DIGEST_HAS_CREATED) != 0;
			p->latest_created = e.created;
			p->latest_id = p->merged ? merged_id : p->key;
		}
	}
	if (pos != len)
		ua_digest_corrupt();
}

/* Sort order of public_ids as array_agg(... ORDER BY public_id) gives it */
static int
compare_ids(const void *a, const void *b, void *arg)
{
	AggKeys    *ids = arg;
	uint32		alen;
	uint32		blen;
	const char *x = agg_key_get(ids, *(const uint32 *) a, &alen);
	const char *y = agg_key_get(ids, *(const uint32 *) b, &blen);

	return varstr_cmp(x, alen, y, blen, DEFAULT_COLLATION_OID);
}

/* A person's row, with its latest row's values (columns 2 to 8 of row) */
static void
emit_person(PeopleReader *r, Person *p, HeapTuple row, TupleDesc rowdesc)
{
	Datum		values[NUM_COLS];
	bool		nulls[NUM_COLS];
	Datum	   *ids;
	uint32		len;
	const char *key = agg_key_get(&r->keys, p->key, &len);
	int			i;
	MemoryContext oldcxt = MemoryContextSwitchTo(r->rowcxt);

	memset(nulls, 0, sizeof(nulls));
	values[COL_ACCOUNT] = CStringGetTextDatum(r->account);
	values[COL_KEY] = PointerGetDatum(cstring_to_text_with_len(key, len));
	if (p->merged)
	{
		qsort_arg(p->ids, p->nids, sizeof(uint32), compare_ids, &r->ids);
		ids = palloc(p->nids * sizeof(Datum));
		for (i = 0; i < p->nids; i++)
		{
			const char *id = agg_key_get(&r->ids, p->ids[i], &len);

			ids[i] = PointerGetDatum(cstring_to_text_with_len(id, len));
		}
		values[COL_PUBLIC_IDS] = PointerGetDatum(construct_array(ids, p->nids, TEXTOID, -1, false,
																 TYPALIGN_INT));
	}
	else
		values[COL_PUBLIC_IDS] = PointerGetDatum(construct_array(&values[COL_KEY], 1, TEXTOID, -1, false,
																 TYPALIGN_INT));
	for (i = COL_EMAIL; i <= COL_SEAT_TYPE; i++)
		values[i] = SPI_getbinval(row, rowdesc, 2 + i - COL_EMAIL, &nulls[i]);
	values[COL_CREATED] = DateADTGetDatum(p->created);
	nulls[COL_CREATED] = !p->has_created;
	values[COL_FIRST_ACTIVE] = DateADTGetDatum(p->first_active);
	nulls[COL_FIRST_ACTIVE] = !p->has_first;
	values[COL_LAST_ACTIVE] = DateADTGetDatum(p->last_active);
	nulls[COL_LAST_ACTIVE] = !p->has_last;
	values[COL_KNOWN] = BoolGetDatum(p->known);
	values[COL_DAYS] = Int32GetDatum(p->first_active - p->created);
	nulls[COL_DAYS] = !(p->known && p->has_first && p->has_created);
	values[COL_MONTHS] = Int32GetDatum(p->months.n);
	values[COL_MESSAGES] = Int64GetDatum(p->messages);
	nulls[COL_MESSAGES] = !p->has_messages;
	tuplestore_putvalues(r->out, r->desc, values, nulls);
	MemoryContextSwitchTo(oldcxt);
	MemoryContextReset(r->rowcxt);
	p->emitted = true;
}

/*
 * The latest rows of the people of one period, read from user_engagement:
 * the whole period when many people's latest row is in it (the last week
 * and month hold most), else by public_id through its hash index
 */
static void
read_latest_rows(PeopleReader *r, int k)
{
	ReadPeriod *period = &r->periods[k];
	bool		few = period->latest * 16 < (int) period->entries && period->latest <= 1000;
	Oid			types[5] = {TEXTOID, TEXTOID, DATEOID, DATEOID, TEXTARRAYOID};
	Datum		args[5];
	Portal		cursor;
	int			i;

	args[0] = CStringGetTextDatum(r->account);
	args[1] = PointerGetDatum(cstring_to_text_with_len(period->cadence, period->cadlen));
	args[2] = DateADTGetDatum(period->start);
	args[3] = DateADTGetDatum(period->end);
	if (few)
	{
		Datum	   *ids = palloc(period->latest * sizeof(Datum));

		for (i = 0; i < period->latest; i++)
		{
			uint32		len;
			const char *id = latest_id(r, period->people[i], &len);

			ids[i] = PointerGetDatum(cstring_to_text_with_len(id, len));
		}
		args[4] = PointerGetDatum(construct_array(ids, period->latest, TEXTOID, -1, false, TYPALIGN_INT));
	}
	cursor = SPI_cursor_open_with_args(NULL,
									   few
									   ? "SELECT public_id, email, name, department, groups, user_role, user_status, seat_type "
									   "FROM uanalytics.user_engagement WHERE account_id = $1 AND cadence = $2 "
									   "AND period_start = $3 AND period_end = $4 AND public_id = ANY ($5)"
									   : "SELECT public_id, email, name, department, groups, user_role, user_status, seat_type "
									   "FROM uanalytics.user_engagement WHERE account_id = $1 AND cadence = $2 "
									   "AND period_start = $3 AND period_end = $4 AND public_id IS NOT NULL",
									   few ? 5 : 4, types, args, NULL, true, 0);
	for (;;)
	{
		uint64		j;

		SPI_cursor_fetch(cursor, true, 10000);
		if (SPI_processed == 0)
			break;
		for (j = 0; j < SPI_processed; j++)
		{
			HeapTuple	t = SPI_tuptable->vals[j];
			bool		isnull;
			text	   *id = DatumGetTextPP(SPI_getbinval(t, SPI_tuptable->tupdesc, 1, &isnull));
			const char *key;
			uint32		keylen;
			uint32		len;
			const char *want;
			Person	   *p;

			ua_person_of(&r->merged, r->account, VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id), &key, &keylen);
			agg_key_set_probe(&r->keys, key, keylen);
			p = persons_lookup(r->people, AGG_KEY_PROBE);
			if (!p || p->emitted || p->latest_period != k)
				continue;
			want = latest_id(r, p, &len);
			if (len == VARSIZE_ANY_EXHDR(id) && memcmp(want, VARDATA_ANY(id), len) == 0)
				emit_person(r, p, t, SPI_tuptable->tupdesc);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(cursor);
}

/*
 * The account's people, read: each one's latest row is looked up in its
 * period, and the person emitted with it.  A person whose latest row is not
 * among the stored rows means a digest that does not match them.
 */
static void
emit_account(PeopleReader *r)
{
	persons_iterator it;
	Person	   *p;
	int			k;
	MemoryContext oldcxt = MemoryContextSwitchTo(r->acctcxt);

	persons_start_iterate(r->people, &it);
	while ((p = persons_iterate(r->people, &it)) != NULL)
		r->periods[p->latest_period].latest++;
	for (k = 0; k < r->nperiods; k++)
	{
		r->periods[k].people = palloc(Max(1, r->periods[k].latest) * sizeof(Person *));
		r->periods[k].latest = 0;
	}
	persons_start_iterate(r->people, &it);
	while ((p = persons_iterate(r->people, &it)) != NULL)
	{
		ReadPeriod *period = &r->periods[p->latest_period];

		period->people[period->latest++] = p;
	}
	for (k = 0; k < r->nperiods; k++)
		if (r->periods[k].latest > 0)
			read_latest_rows(r, k);
	persons_start_iterate(r->people, &it);
	while ((p = persons_iterate(r->people, &it)) != NULL)
		if (!p->emitted)
			ua_digest_corrupt();
	MemoryContextSwitchTo(oldcxt);

	persons_reset(r->people);
	r->keys.buf.len = 0;
	r->ids.buf.len = 0;
	r->nperiods = 0;
	MemoryContextReset(r->acctcxt);
	r->periods = NULL;
	r->maxperiods = 0;
}

/* ua_read_digests' callbacks: a period of the account, and the account's end */
static void
people_row(void *arg, const char *account, HeapTuple t, TupleDesc d, bytea *digest)
{
	PeopleReader *r = arg;
	bool		isnull;
	ReadPeriod *period;
	text	   *cadence;
	MemoryContext spicxt = MemoryContextSwitchTo(r->acctcxt);

	r->account = account;
	if (r->nperiods == r->maxperiods)
	{
		r->maxperiods = r->maxperiods ? 2 * r->maxperiods : 64;
		r->periods = r->periods ? repalloc(r->periods, r->maxperiods * sizeof(ReadPeriod))
			: palloc(r->maxperiods * sizeof(ReadPeriod));
	}
	period = &r->periods[r->nperiods];
	memset(period, 0, sizeof(ReadPeriod));
	cadence = DatumGetTextPP(SPI_getbinval(t, d, 2, &isnull));
	period->cadlen = VARSIZE_ANY_EXHDR(cadence);
	period->cadence = pnstrdup(VARDATA_ANY(cadence), period->cadlen);
	period->start = DatumGetDateADT(SPI_getbinval(t, d, 3, &isnull));
	period->end = DatumGetDateADT(SPI_getbinval(t, d, 4, &isnull));
	period->complete_month = DatumGetBool(SPI_getbinval(t, d, 5, &isnull));
	read_digest(r, digest, r->nperiods++);
	MemoryContextSwitchTo(spicxt);
}

static void
people_account_done(void *arg)
{
	emit_account((PeopleReader *) arg);
}

/* Every person (of an account, if given), from the digests */
static void
put_all_people(Tuplestorestate *out, TupleDesc desc, const char *account)
{
	PeopleReader r;
	Portal		cursor;
	MemoryContext outer = CurrentMemoryContext;
	Oid			types[1] = {TEXTOID};
	Datum		args[1];
	char		nulls[1] = {account ? ' ' : 'n'};

	memset(&r, 0, sizeof(r));
	r.out = out;
	r.desc = desc;
	ua_merged_ids_load(&r.merged);
	r.acctcxt = AllocSetContextCreate(outer, "people", ALLOCSET_DEFAULT_SIZES);
	r.rowcxt = AllocSetContextCreate(outer, "people row", ALLOCSET_DEFAULT_SIZES);
	agg_keys_init(&r.keys);
	agg_keys_init(&r.ids);
	r.people = persons_create(outer, 1024, &r.keys);

	args[0] = account ? CStringGetTextDatum(account) : (Datum) 0;
	cursor = SPI_cursor_open_with_args(NULL,
									   "SELECT account_id, cadence, period_start, period_end, "
									   "cadence = 'Monthly' AND NOT is_partial, digest "
									   "FROM uanalytics.user_period_digests "
									   "WHERE $1::text IS NULL OR account_id = $1 "
									   "ORDER BY account_id, period_start, period_end, cadence COLLATE \"C\"",
									   1, types, args, nulls, true, 0);
	ua_read_digests(cursor, 6, people_row, people_account_done, &r);
}

/* ---- the scan, continued ---- */

/* Runs the scan's question into a tuplestore, as the foreign table's owner */
static void
fill(ForeignScanState *node, PeopleScan *s)
{
	EState	   *estate = node->ss.ps.state;
	PeopleAsk	ask;
	MemoryContext oldcxt;
	MemoryContext work;
	UaSavedUser saved;

	oldcxt = MemoryContextSwitchTo(estate->es_query_cxt);
	s->rows = tuplestore_begin_heap(true, false, work_mem);
	work = AllocSetContextCreate(estate->es_query_cxt, "people scan", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(work);
	evaluate_conditions(node, s, &ask);
	if (!ask.empty)
	{
		ua_become_owner(s->owner, &saved);
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "people: SPI_connect failed");
		if (ask.keys)
			put_people(s->rows, s->desc, ask.account, ask.keys);
		else if (ask.emails)
			put_people_by_email(s->rows, s->desc, ask.account, ask.emails);
		else
			put_all_people(s->rows, s->desc, ask.account);
		SPI_finish();
		ua_restore_user(&saved);
	}
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(work);
}

static TupleTableSlot *
people_iterate(ForeignScanState *node)
{
	PeopleScan *s = node->fdw_state;
	TupleTableSlot *slot = node->ss.ss_ScanTupleSlot;

	MemoryContext oldcxt;
	bool		found;

	if (!s->rows)
		fill(node, s);
	/* a row read back from disk is freed by the slot: not per-tuple memory */
	oldcxt = MemoryContextSwitchTo(node->ss.ps.state->es_query_cxt);
	found = tuplestore_gettupleslot(s->rows, true, false, s->read);
	MemoryContextSwitchTo(oldcxt);
	if (!found)
		return ExecClearTuple(slot);
	return ExecCopySlot(slot, s->read);
}

static void
people_rescan(ForeignScanState *node)
{
	PeopleScan *s = node->fdw_state;

	if (!s->rows)
		return;
	/* a condition's value that is a parameter may have changed */
	if (node->ss.ps.chgParam != NULL)
	{
		tuplestore_end(s->rows);
		s->rows = NULL;
	}
	else
		tuplestore_rescan(s->rows);
}

static void
people_end(ForeignScanState *node)
{
	PeopleScan *s = node->fdw_state;

	if (s && s->rows)
		tuplestore_end(s->rows);
}

PG_FUNCTION_INFO_V1(ua_people_handler);
Datum
ua_people_handler(PG_FUNCTION_ARGS)
{
	FdwRoutine *routine = makeNode(FdwRoutine);

	routine->GetForeignRelSize = people_rel_size;
	routine->GetForeignPaths = people_paths;
	routine->GetForeignPlan = people_plan;
	routine->ExplainForeignScan = people_explain;
	routine->BeginForeignScan = people_begin;
	routine->IterateForeignScan = people_iterate;
	routine->ReScanForeignScan = people_rescan;
	routine->EndForeignScan = people_end;
	PG_RETURN_POINTER(routine);
}
