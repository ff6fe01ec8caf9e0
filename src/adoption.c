/*
 * adoption.c
 *		uanalytics.cohort_counts(): the counts of cohort_retention, from the
 *		per-period digests (digests.c): per account and cohort month, the
 *		people whose first use is known and falls in it, and how many of them
 *		were active in each complete month from then on.
 *
 * The digests of an account are read in the order of the earliest row
 * (period_start, period_end, cadence as bytes), so that a person's first
 * entry is its earliest row; of two public_ids of one person in the same
 * period, the smaller one's (doc/adoption.md).  The people's states are
 * kept in a hash table keyed by person_key, one account at a time.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "nodes/pg_list.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#include "agg.h"
#include "digests.h"
#include "identities.h"

/* A person of the account being read */
typedef struct CohortPerson
{
	uint32		key;			/* person_key, in the table's AggKeys */
	uint32		hash;
	char		status;
	bool		known;			/* first use inside stored history */
	bool		has_first;
	DateADT		first_active;	/* earliest first_day_active_in_period, active */
	const char *earliest_id;	/* the earliest row's public_id, in its period */
	int			earliest_idlen;
	int			earliest_period;	/* the period it was read in */
	AggMonths	months;			/* complete months active, ascending */
} CohortPerson;

#define AGG_KEYHASH_PREFIX cohort
#define AGG_KEYHASH_ENTRY CohortPerson
#include "agg_keyhash.h"

typedef struct CohortReader
{
	MergedIds	merged;
	AggKeys		keys;			/* of the current account's people */
	cohort_hash *people;
	const char *account;		/* being read (ua_read_digests') */
	int			period;			/* ordinal of the digest being read */
	MemoryContext acctcxt;		/* the people's months, per account */
	int64	   *pairs;			/* cohort month, month: 32 bits each (add_pair) */
	int			npairs;
	int			maxpairs;
	Tuplestorestate *out;
	TupleDesc	desc;
} CohortReader;

/* One digest of the current account, read in the order of the earliest row */
static void
read_digest(CohortReader *r, bytea *digest, DateADT start, bool complete_month)
{
	const char *data = VARDATA_ANY(digest);
	Size		len = VARSIZE_ANY_EXHDR(digest);
	Size		pos;
	uint32		n = ua_digest_open(data, len, &pos);
	uint32		i;

	r->period++;
	for (i = 0; i < n; i++)
	{
		const char *id;
		int			idlen;
		DigestEntry e;
		const char *person;
		uint32		personlen;
		CohortPerson *p;
		bool		found;
		bool		active;

		ua_digest_next(data, len, &pos, &id, &idlen, &e);
		ua_person_of(&r->merged, r->account, id, idlen, &person, &personlen);
		agg_key_set_probe(&r->keys, person, personlen);
		p = cohort_insert(r->people, AGG_KEY_PROBE, &found);
		if (!found)
		{
			p->key = agg_key_store_probe(&r->keys);
			p->has_first = false;
			memset(&p->months, 0, sizeof(p->months));
		}
		/* the first period read is the earliest; in it, the smallest public_id */
		if (!found || (p->earliest_period == r->period &&
					   agg_compare_bytes(id, idlen, p->earliest_id, p->earliest_idlen) < 0))
		{
			p->known = !(e.flags & DIGEST_HAS_LAST_DAY) ||
				((e.flags & DIGEST_HAS_CREATED) && e.created >= start);
			p->earliest_id = id;
			p->earliest_idlen = idlen;
			p->earliest_period = r->period;
		}
		active = (e.flags & DIGEST_ACTIVE) != 0;
		if (active && (e.flags & DIGEST_HAS_FIRST_DAY) && (!p->has_first || e.first_day < p->first_active))
		{
			p->has_first = true;
			p->first_active = e.first_day;
		}
		if (active && complete_month)
			agg_months_add(&p->months, start);
	}
	if (pos != len)
		ua_digest_corrupt();
}

/* A cohort and a month, or the cohort's size (month COHORT_SIZE) */
#define COHORT_SIZE PG_INT32_MIN

static void
add_pair(CohortReader *r, DateADT cohort, DateADT month)
{
	if (r->npairs == r->maxpairs)
	{
		r->maxpairs = r->maxpairs ? r->maxpairs * 2 : 4096;
		r->pairs = r->pairs ? repalloc_huge(r->pairs, r->maxpairs * sizeof(int64))
			: palloc_extended(r->maxpairs * sizeof(int64), MCXT_ALLOC_HUGE);
	}
	r->pairs[r->npairs++] = (int64) (((uint64) (uint32) cohort << 32) | (uint32) month);
}

static int
compare_pairs(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/* The first day of the month of a date */
static DateADT
month_of(DateADT day)
{
	int			y;
	int			m;
	int			d;

	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	return date2j(y, m, 1) - POSTGRES_EPOCH_JDATE;
}

/*
 * The account's cohorts, counted: each person whose first use is known
 * gives its cohort a member, and a pair (cohort, month) for each complete
 * month from the cohort's on that it was active in; the pairs sorted are
 * counted in runs.  Then the table is emptied for the next account.
 */
static void
emit_account(CohortReader *r)
{
	cohort_iterator it;
	CohortPerson *p;
	int			i;

	r->npairs = 0;
	cohort_start_iterate(r->people, &it);
	while ((p = cohort_iterate(r->people, &it)) != NULL)
	{
		DateADT		cohort;

		if (!p->known || !p->has_first)
			continue;
		cohort = month_of(p->first_active);
		add_pair(r, cohort, COHORT_SIZE);
		for (i = 0; i < p->months.n; i++)
			if (p->months.days[i] >= cohort)
				add_pair(r, cohort, p->months.days[i]);
	}
	qsort(r->pairs, r->npairs, sizeof(int64), compare_pairs);
	for (i = 0; i < r->npairs;)
	{
		int			j = i;
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		int32		month = (int32) (uint32) r->pairs[i];

		while (j < r->npairs && r->pairs[j] == r->pairs[i])
			j++;
		values[0] = CStringGetTextDatum(r->account);
		values[1] = DateADTGetDatum((DateADT) (int32) (uint32) ((uint64) r->pairs[i] >> 32));
		values[2] = DateADTGetDatum(month);
		nulls[2] = month == COHORT_SIZE;
		values[3] = Int64GetDatum(j - i);
		tuplestore_putvalues(r->out, r->desc, values, nulls);
		i = j;
	}
	cohort_reset(r->people);
	r->keys.buf.len = 0;
	MemoryContextReset(r->acctcxt);
}

/* ua_read_digests' callbacks for cohort_counts */
static void
cohort_row(void *arg, const char *account, HeapTuple t, TupleDesc d, bytea *digest)
{
	CohortReader *r = arg;
	bool		isnull;
	MemoryContext spicxt = MemoryContextSwitchTo(r->acctcxt);

	r->account = account;
	read_digest(r, digest, DatumGetDateADT(SPI_getbinval(t, d, 2, &isnull)),
				DatumGetBool(SPI_getbinval(t, d, 3, &isnull)));
	MemoryContextSwitchTo(spicxt);
}

static void
cohort_account_done(void *arg)
{
	emit_account((CohortReader *) arg);
}

/*
 * uanalytics.cohort_counts() -> TABLE(account_id, cohort_month, month,
 * people): per account and cohort, its size (month NULL) and its members
 * active in each complete month; first use and activity as people and
 * person_summary define them, from the digests.
 */
PG_FUNCTION_INFO_V1(ua_cohort_counts);
Datum
ua_cohort_counts(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	CohortReader r;
	Portal		cursor;
	MemoryContext outer = CurrentMemoryContext;

	InitMaterializedSRF(fcinfo, 0);
	memset(&r, 0, sizeof(r));
	r.out = rsinfo->setResult;
	r.desc = rsinfo->setDesc;
	agg_keys_init(&r.keys);
	r.people = cohort_create(outer, 1024, &r.keys);
	r.acctcxt = AllocSetContextCreate(outer, "cohort_counts", ALLOCSET_DEFAULT_SIZES);

	SPI_connect();
	ua_merged_ids_load(&r.merged);
	cursor = SPI_cursor_open_with_args(NULL,
									   "SELECT account_id, period_start, cadence = 'Monthly' AND NOT is_partial, digest "
									   "FROM uanalytics.user_period_digests "
									   "ORDER BY account_id, period_start, period_end, cadence COLLATE \"C\"",
									   0, NULL, NULL, NULL, true, 0);
	ua_read_digests(cursor, 4, cohort_row, cohort_account_done, &r);
	SPI_finish();
	return (Datum) 0;
}

/*
 * habitual_users: the users active in at least min_weeks of the of_weeks
 * latest complete weeks up to as_of, counted from the weeks' digests, with
 * the email and name of the latest of those weeks that lists them (for
 * nearly all, the latest week: one week's rows are read).
 */

/* A user of the weeks being counted */
typedef struct HabitUser
{
	uint32		key;			/* public_id */
	uint32		hash;
	char		status;
	int32		weeks;			/* active in */
	DateADT		latest;			/* the latest week listing the user */
} HabitUser;

#define AGG_KEYHASH_PREFIX habit
#define AGG_KEYHASH_ENTRY HabitUser
#include "agg_keyhash.h"

typedef struct HabitReader
{
	AggKeys		keys;
	habit_hash *users;
	const char *account;		/* being read (ua_read_digests') */
	int32		min_weeks;
	Tuplestorestate *out;
	TupleDesc	desc;
} HabitReader;

/* The users of one week's digest (weeks come latest first) */
static void
count_week(HabitReader *r, bytea *digest, DateADT week)
{
	const char *data = VARDATA_ANY(digest);
	Size		len = VARSIZE_ANY_EXHDR(digest);
	Size		pos;
	uint32		n = ua_digest_open(data, len, &pos);
	uint32		i;

	for (i = 0; i < n; i++)
	{
		const char *id;
		int			idlen;
		DigestEntry e;
		HabitUser  *u;
		bool		found;

		ua_digest_next(data, len, &pos, &id, &idlen, &e);
		agg_key_set_probe(&r->keys, id, idlen);
		u = habit_insert(r->users, AGG_KEY_PROBE, &found);
		if (!found)
		{
			u->key = agg_key_store_probe(&r->keys);
			u->weeks = 0;
			u->latest = week;
		}
		if (e.flags & DIGEST_ACTIVE)
			u->weeks++;
	}
}

/* A row of a week read for the emails: a habitual user's whose latest week it is */
static void
emit_habit(HabitReader *r, HeapTuple t, TupleDesc d, DateADT week, Datum account)
{
	bool		isnull;
	text	   *id = DatumGetTextPP(SPI_getbinval(t, d, 1, &isnull));
	HabitUser  *u;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	agg_key_set_probe(&r->keys, VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id));
	u = habit_lookup(r->users, AGG_KEY_PROBE);
	if (!u || u->weeks == 0 || u->weeks < r->min_weeks || u->latest != week)
		return;
	values[0] = account;
	values[1] = PointerGetDatum(id);
	values[2] = SPI_getbinval(t, d, 2, &nulls[2]);
	values[3] = SPI_getbinval(t, d, 3, &nulls[3]);
	values[4] = Int32GetDatum(u->weeks);
	tuplestore_putvalues(r->out, r->desc, values, nulls);
}

/*
 * The habitual users whose latest week is args[0] (of account args[1]),
 * with the email and name the week's digest has beside it; false when it
 * has none.
 */
static bool
emit_from_names(HabitReader *r, Datum *args)
{
	Oid			types[2] = {DATEOID, TEXTOID};
	bool		isnull;
	bytea	   *digest;
	bytea	   *names;
	Size		pos;
	Size		npos = 0;
	uint32		n;
	uint32		i;

	if (SPI_execute_with_args("SELECT digest, names FROM uanalytics.user_period_digests "
							  "WHERE (account_id, cadence, period_start, period_key) = ($2, 'Weekly', $1, $1)",
							  2, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "habitual_users: reading a week's digest failed");
	if (SPI_processed != 1)
		return false;
	(void) SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
	if (isnull)
		return false;
	digest = DatumGetByteaPP(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	names = DatumGetByteaPP(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	n = ua_digest_open(VARDATA_ANY(digest), VARSIZE_ANY_EXHDR(digest), &pos);
	for (i = 0; i < n; i++)
	{
		const char *id;
		int			idlen;
		DigestEntry e;
		const char *email;
		const char *name;
		int			elen;
		int			nlen;
		HabitUser  *u;
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		ua_digest_next(VARDATA_ANY(digest), VARSIZE_ANY_EXHDR(digest), &pos, &id, &idlen, &e);
		ua_names_next(VARDATA_ANY(names), VARSIZE_ANY_EXHDR(names), &npos, &email, &elen, &name, &nlen);
		agg_key_set_probe(&r->keys, id, idlen);
		u = habit_lookup(r->users, AGG_KEY_PROBE);
		if (!u || u->weeks == 0 || u->weeks < r->min_weeks || u->latest != DatumGetDateADT(args[0]))
			continue;
		values[0] = args[1];
		values[1] = PointerGetDatum(cstring_to_text_with_len(id, idlen));
		nulls[2] = email == NULL;
		values[2] = email ? PointerGetDatum(cstring_to_text_with_len(email, elen)) : (Datum) 0;
		nulls[3] = name == NULL;
		values[3] = name ? PointerGetDatum(cstring_to_text_with_len(name, nlen)) : (Datum) 0;
		values[4] = Int32GetDatum(u->weeks);
		tuplestore_putvalues(r->out, r->desc, values, nulls);
	}
	SPI_freetuptable(SPI_tuptable);
	return true;
}

/* The same from the week's rows, for a digest without names */
static void
emit_from_rows(HabitReader *r, Datum *args)
{
	Oid			types[2] = {DATEOID, TEXTOID};
	Portal		rows = SPI_cursor_open_with_args(NULL,
												 "SELECT public_id, email, name FROM uanalytics.user_engagement "
												 "WHERE (period_start, account_id, cadence) = ($1, $2, 'Weekly') "
												 "AND public_id IS NOT NULL",
												 2, types, args, NULL, true, 0);

	for (;;)
	{
		uint64		i;

		SPI_cursor_fetch(rows, true, 10000);
		if (SPI_processed == 0)
			break;
		for (i = 0; i < SPI_processed; i++)
			emit_habit(r, SPI_tuptable->vals[i], SPI_tuptable->tupdesc, DatumGetDateADT(args[0]), args[1]);
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(rows);
}

/* The account's habitual users, with email and name from the latest week listing them */
static void
emit_habits(HabitReader *r)
{
	habit_iterator it;
	HabitUser  *u;
	List	   *weeks = NIL;
	ListCell   *lc;

	habit_start_iterate(r->users, &it);
	while ((u = habit_iterate(r->users, &it)) != NULL)
		if (u->weeks > 0 && u->weeks >= r->min_weeks && !list_member_int(weeks, u->latest))
			weeks = lappend_int(weeks, u->latest);
	foreach(lc, weeks)
	{
		Datum		args[2];

		args[0] = DateADTGetDatum(lfirst_int(lc));
		args[1] = CStringGetTextDatum(r->account);
		if (!emit_from_names(r, args))
			emit_from_rows(r, args);
	}
	habit_reset(r->users);
	r->keys.buf.len = 0;
}

/* ua_read_digests' callbacks for habitual_users */
static void
habit_row(void *arg, const char *account, HeapTuple t, TupleDesc d, bytea *digest)
{
	HabitReader *r = arg;
	bool		isnull;

	r->account = account;
	count_week(r, digest, DatumGetDateADT(SPI_getbinval(t, d, 2, &isnull)));
}

static void
habit_account_done(void *arg)
{
	emit_habits((HabitReader *) arg);
}

/*
 * uanalytics.habitual_users(as_of date, min_weeks integer, of_weeks
 * integer) -> TABLE(account_id, public_id, email, name, active_weeks)
 */
PG_FUNCTION_INFO_V1(ua_habitual_users);
Datum
ua_habitual_users(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HabitReader r;
	Portal		cursor;
	MemoryContext outer = CurrentMemoryContext;
	Oid			types[2] = {DATEOID, INT4OID};
	Datum		args[2];

	InitMaterializedSRF(fcinfo, 0);
	memset(&r, 0, sizeof(r));
	r.out = rsinfo->setResult;
	r.desc = rsinfo->setDesc;
	r.min_weeks = PG_GETARG_INT32(1);
	agg_keys_init(&r.keys);
	r.users = habit_create(outer, 1024, &r.keys);
	args[0] = PG_GETARG_DATUM(0);
	args[1] = PG_GETARG_DATUM(2);

	SPI_connect();
	cursor = SPI_cursor_open_with_args(NULL,
									   "SELECT account_id, period_start, digest FROM ("
									   "SELECT d.account_id, d.period_start, d.digest, "
									   "row_number() OVER (PARTITION BY d.account_id ORDER BY d.period_start DESC) AS n "
									   "FROM uanalytics.user_period_digests AS d "
									   "WHERE d.cadence = 'Weekly' AND NOT d.is_partial AND d.period_end <= $1) AS w "
									   "WHERE w.n <= $2 ORDER BY w.account_id, w.period_start DESC",
									   2, types, args, NULL, true, 0);
	ua_read_digests(cursor, 3, habit_row, habit_account_done, &r);
	SPI_finish();
	return (Datum) 0;
}
