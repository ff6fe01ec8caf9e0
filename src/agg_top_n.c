/*
 * agg_top_n.c
 *		top_n(key text, value bigint, n integer): sums value per key and
 *		returns the n largest sums as a jsonb array of
 *		{"key": ..., "value": ..., "rank": ...}.
 *
 * rank is SQL RANK() over the sums, largest first: ties share a rank and
 * the next rank skips.  The array holds every key whose rank is at most n,
 * which is what "WHERE rank <= n" over RANK() keeps: more than n entries
 * only when keys tie with the n-th.  Keys of equal sums are ordered by
 * their bytes (C collation; code point order for UTF-8).
 *
 * The state holds every key with its sum, since any key can still reach
 * the top until the last row; the final function picks the n largest with
 * a heap and sorts only those.
 */
#include "postgres.h"

#include "agg.h"
#include "common/int.h"
#include "lib/binaryheap.h"
#include "utils/jsonb.h"

/*
 * A bucket: the key's offset in the key buffer, its hash and its sum, kept
 * as the sum of the positive values and the sum of the negative ones'
 * magnitudes.  Each of the two is the same whatever the order of the rows,
 * so whether a sum is out of range does not depend on that order either
 * (with one signed sum, 2^62 + 2^62 - 2^62 failed and 2^62 - 2^62 + 2^62
 * did not), nor on how a parallel plan splits the rows.
 */
typedef struct TopNEntry
{
	uint32		key;
	uint32		hash;
	uint64		plus;
	uint64		minus;
	char		status;
} TopNEntry;

/* A key's final sum, for ranking */
typedef struct TopNSum
{
	int64		sum;
	uint32		key;
} TopNSum;

#define AGG_KEYHASH_PREFIX topn
#define AGG_KEYHASH_ENTRY TopNEntry
#include "agg_keyhash.h"

/*
 * The sums per key.  A state made by the deserialize function is different:
 * sums is NULL and the keys and sums stay in the serialized message, checked
 * but not hashed, because such a state is only ever merged into another by
 * the combine function; hashing each key there and again when merging made
 * the leader of a parallel plan slower than a serial plan.
 */
typedef struct TopNState
{
	AggKeys		keys;
	topn_hash  *sums;
	int32		n;				/* the n of the first row; every row must agree */
	StringInfoData received;	/* deserialized: keys and sums as serialized */
	uint32		nreceived;		/* and how many */
} TopNState;

/* Create an empty state in memory context ctx, room for nkeys keys */
static TopNState *
top_n_state_create(MemoryContext ctx, int32 n, uint32 nkeys)
{
	MemoryContext oldcontext = MemoryContextSwitchTo(ctx);
	TopNState  *state = palloc0(sizeof(TopNState));

	agg_keys_init(&state->keys);
	state->sums = topn_create(ctx, Max(nkeys, 8), &state->keys);
	state->n = n;
	MemoryContextSwitchTo(oldcontext);
	return state;
}

/* The error for a sum of key beyond bigint's range */
static void
top_n_out_of_range(const char *quoted_key)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("top_n: sum of key %s is out of range for type bigint", quoted_key)));
}

/*
 * Add the sums of positive and of negative values (plus, minus) to those of
 * the key that is the probe.
 */
static inline void
top_n_add_probe(TopNState *state, uint64 plus, uint64 minus)
{
	bool		found;
	TopNEntry  *entry = topn_insert(state->sums, AGG_KEY_PROBE, &found);

	if (!found)
	{
		entry->key = agg_key_store_probe(&state->keys);
		entry->plus = 0;
		entry->minus = 0;
	}
	/*
	 * A key's positive values, and its negative values' magnitudes, must
	 * each sum below 2^64; the final sum must fit in bigint (ua_top_n_final).
	 */
	if (pg_add_u64_overflow(entry->plus, plus, &entry->plus) ||
		pg_add_u64_overflow(entry->minus, minus, &entry->minus))
		top_n_out_of_range(agg_key_quote_probe(&state->keys));
}

/* Refuse an n that is not positive or that differs from the group's */
static void
top_n_check_n(int32 n, int32 group_n)
{
	if (n <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("top_n: n must be positive"),
				 errdetail("n is %d.", n)));
	if (group_n != 0 && n != group_n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("top_n: n must be the same for every row of a group"),
				 errdetail("n is %d in one row and %d in another.", group_n, n)));
}

/* Add a row's value to the sum of its key */
PG_FUNCTION_INFO_V1(ua_top_n_trans);
Datum
ua_top_n_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = agg_memory_context(fcinfo, "ua_top_n_trans");
	TopNState  *state = PG_ARGISNULL(0) ? NULL : (TopNState *) PG_GETARG_POINTER(0);
	int32		n;

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("top_n: n must not be null")));
	n = PG_GETARG_INT32(3);
	top_n_check_n(n, state == NULL ? 0 : state->n);

	if (state == NULL)
		state = top_n_state_create(aggcontext, n, 0);

	/* Rows without a key or a value add nothing */
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		text	   *key = PG_GETARG_TEXT_PP(1);
		int64		value = PG_GETARG_INT64(2);

		agg_key_set_probe(&state->keys, VARDATA_ANY(key), VARSIZE_ANY_EXHDR(key));
		if (value >= 0)
			top_n_add_probe(state, (uint64) value, 0);
		else
			top_n_add_probe(state, 0, (uint64) -(value + 1) + 1);	/* -INT64_MIN too */
	}

	PG_RETURN_POINTER(state);
}

/*
 * Merge a deserialized partial state into state1, which is NULL for the first
 * one.  PostgreSQL serializes every partial state of an aggregate that has a
 * serialize function, even when no process boundary is crossed, so state2 is
 * always deserialize's (see TopNState).
 */
PG_FUNCTION_INFO_V1(ua_top_n_combine);
Datum
ua_top_n_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = agg_memory_context(fcinfo, "ua_top_n_combine");
	TopNState  *state1 = PG_ARGISNULL(0) ? NULL : (TopNState *) PG_GETARG_POINTER(0);
	TopNState  *state2 = PG_ARGISNULL(1) ? NULL : (TopNState *) PG_GETARG_POINTER(1);
	StringInfoData msg;
	uint32		i;

	if (state2 == NULL)
	{
		if (state1 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state1);
	}
	if (state2->sums != NULL)
		elog(ERROR, "ua_top_n_combine expects a deserialized state");

	/* Built in the aggregate context: state2 lives only as long as its row */
	if (state1 == NULL)
		state1 = top_n_state_create(aggcontext, state2->n, state2->nreceived);
	else
		top_n_check_n(state2->n, state1->n);

	/* Add the sums straight from the checked message */
	msg = state2->received;
	for (i = 0; i < state2->nreceived; i++)
	{
		uint64		plus;

		agg_key_recv(&msg, &state1->keys);
		plus = (uint64) pq_getmsgint64(&msg);
		top_n_add_probe(state1, plus, (uint64) pq_getmsgint64(&msg));
	}

	PG_RETURN_POINTER(state1);
}

/*
 * Serialized state: n, the key count, then per key its length, bytes and the
 * sums of its positive and negative values
 */
PG_FUNCTION_INFO_V1(ua_top_n_serialize);
Datum
ua_top_n_serialize(PG_FUNCTION_ARGS)
{
	TopNState  *state;
	StringInfoData msg;
	topn_iterator iter;
	TopNEntry  *entry;

	agg_memory_context(fcinfo, "ua_top_n_serialize");
	state = (TopNState *) PG_GETARG_POINTER(0);

	pq_begintypsend(&msg);
	pq_sendint32(&msg, state->n);
	pq_sendint32(&msg, state->sums->members);
	topn_start_iterate(state->sums, &iter);
	while ((entry = topn_iterate(state->sums, &iter)) != NULL)
	{
		agg_key_send(&msg, &state->keys, entry->key);
		pq_sendint64(&msg, (int64) entry->plus);
		pq_sendint64(&msg, (int64) entry->minus);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&msg));
}

/*
 * Take ua_top_n_serialize's bytes as a state for the combine function, checking
 * every length now (see TopNState).
 */
PG_FUNCTION_INFO_V1(ua_top_n_deserialize);
Datum
ua_top_n_deserialize(PG_FUNCTION_ARGS)
{
	TopNState  *state;

	agg_memory_context(fcinfo, "ua_top_n_deserialize");
	state = palloc0(sizeof(TopNState));
	agg_recv_init(&state->received, PG_GETARG_BYTEA_PP(0));
	state->n = (int32) pq_getmsgint(&state->received, 4);
	top_n_check_n(state->n, 0);
	/* A key takes at least its length and its two sums */
	state->nreceived = agg_recv_count(&state->received, 4 + 16, "top_n");
	agg_recv_check_keys(&state->received, state->nreceived, 16);

	PG_RETURN_POINTER(state);
}

/* Heap order that keeps the smallest sum on top, so it is the one replaced */
static int
top_n_heap_cmp(Datum a, Datum b, void *arg)
{
	int64		suma = ((TopNSum *) DatumGetPointer(a))->sum;
	int64		sumb = ((TopNSum *) DatumGetPointer(b))->sum;

	return (suma < sumb) ? 1 : (suma > sumb) ? -1 : 0;
}

/* Result order: sum descending, then key bytes ascending */
static int
top_n_result_cmp(const void *a, const void *b, void *arg)
{
	const AggKeys *keys = (const AggKeys *) arg;
	const TopNSum *ea = *(TopNSum *const *) a;
	const TopNSum *eb = *(TopNSum *const *) b;
	uint32		lena;
	uint32		lenb;
	const char *keya;
	const char *keyb;
	int			cmp;

	if (ea->sum != eb->sum)
		return (ea->sum > eb->sum) ? -1 : 1;
	keya = agg_key_get(keys, ea->key, &lena);
	keyb = agg_key_get(keys, eb->key, &lenb);
	cmp = memcmp(keya, keyb, Min(lena, lenb));
	if (cmp != 0)
		return cmp;
	return (lena < lenb) ? -1 : (lena > lenb) ? 1 : 0;
}

/*
 * The smallest sum among the n largest (counted with repeats).  Every key
 * whose sum is at least this has a RANK() of at most n, and no other does.
 */
static int64
top_n_threshold(TopNSum *sums, uint32 nsums, int32 n)
{
	binaryheap *heap = binaryheap_allocate(n, top_n_heap_cmp, NULL);
	int32		filled = 0;
	uint32		i;

	/* Called with more keys than n, so the heap fills and is built */
	for (i = 0; i < nsums; i++)
	{
		if (filled < n)
		{
			binaryheap_add_unordered(heap, PointerGetDatum(&sums[i]));
			if (++filled == n)
				binaryheap_build(heap);
		}
		else if (sums[i].sum > ((TopNSum *) DatumGetPointer(binaryheap_first(heap)))->sum)
			binaryheap_replace_first(heap, PointerGetDatum(&sums[i]));
	}
	return ((TopNSum *) DatumGetPointer(binaryheap_first(heap)))->sum;
}

/*
 * Each key's sum, which must fit in a bigint (the positive and negative
 * values were summed apart, so that only the final sum is checked).
 */
static TopNSum *
top_n_sums(TopNState *state, uint32 *nsums)
{
	TopNSum    *sums = palloc(sizeof(TopNSum) * state->sums->members);
	topn_iterator iter;
	TopNEntry  *entry;
	uint32		n = 0;

	topn_start_iterate(state->sums, &iter);
	while ((entry = topn_iterate(state->sums, &iter)) != NULL)
	{
		uint64		diff;

		if (entry->plus >= entry->minus)
		{
			diff = entry->plus - entry->minus;
			if (diff > (uint64) PG_INT64_MAX)
				break;
			sums[n].sum = (int64) diff;
		}
		else
		{
			diff = entry->minus - entry->plus;
			if (diff > (uint64) PG_INT64_MAX + 1)
				break;
			sums[n].sum = -(int64) (diff - 1) - 1;	/* PG_INT64_MIN too */
		}
		sums[n++].key = entry->key;
	}
	if (entry != NULL)
	{
		uint32		len;
		const char *key = agg_key_get(&state->keys, entry->key, &len);

		agg_key_set_probe(&state->keys, key, len);
		top_n_out_of_range(agg_key_quote_probe(&state->keys));
	}
	Assert(n == state->sums->members);
	*nsums = n;
	return sums;
}

/* Pushes "name": value, a string when str is set, else a number. */
static void
push_member(JsonbParseState **parse, const char *name, const char *str, uint32 len, int64 num)
{
	JsonbValue	k;
	JsonbValue	v;

	k.type = jbvString;
	k.val.string.val = (char *) name;
	k.val.string.len = strlen(name);
	pushJsonbValue(parse, WJB_KEY, &k);
	if (str)
	{
		v.type = jbvString;
		v.val.string.val = (char *) str;
		v.val.string.len = len;
	}
	else
	{
		v.type = jbvNumeric;
		v.val.numeric = int64_to_numeric(num);
	}
	pushJsonbValue(parse, WJB_VALUE, &v);
}

/* The ranked array; NULL when no row had both a key and a value */
PG_FUNCTION_INFO_V1(ua_top_n_final);
Datum
ua_top_n_final(PG_FUNCTION_ARGS)
{
	TopNState  *state;
	TopNSum    *sums;
	uint32		nsums;
	TopNSum   **ranked;
	int			nranked = 0;
	bool		all;
	int64		threshold = 0;
	JsonbParseState *parse = NULL;
	JsonbValue *result;
	int64		rank = 0;
	int			i;
	uint32		j;

	agg_memory_context(fcinfo, "ua_top_n_final");
	state = (TopNState *) PG_GETARG_POINTER(0);
	if (state->sums->members == 0)
		PG_RETURN_NULL();
	sums = top_n_sums(state, &nsums);

	/* With no more keys than n every key is in; else those above the cut */
	all = nsums <= (uint32) state->n;
	if (!all)
		threshold = top_n_threshold(sums, nsums, state->n);

	ranked = palloc(sizeof(TopNSum *) * nsums);
	for (j = 0; j < nsums; j++)
		if (all || sums[j].sum >= threshold)
			ranked[nranked++] = &sums[j];
	qsort_arg(ranked, nranked, sizeof(TopNSum *), top_n_result_cmp, &state->keys);

	pushJsonbValue(&parse, WJB_BEGIN_ARRAY, NULL);
	for (i = 0; i < nranked; i++)
	{
		uint32		len;
		const char *key = agg_key_get(&state->keys, ranked[i]->key, &len);

		/* RANK(): one more than the number of larger sums */
		if (i == 0 || ranked[i]->sum != ranked[i - 1]->sum)
			rank = i + 1;
		pushJsonbValue(&parse, WJB_BEGIN_OBJECT, NULL);
		push_member(&parse, "key", key, len, 0);
		push_member(&parse, "value", NULL, 0, ranked[i]->sum);
		push_member(&parse, "rank", NULL, 0, rank);
		pushJsonbValue(&parse, WJB_END_OBJECT, NULL);
	}
	result = pushJsonbValue(&parse, WJB_END_ARRAY, NULL);

	PG_RETURN_JSONB_P(JsonbValueToJsonb(result));
}
