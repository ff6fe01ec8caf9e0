/*
 * agg_unique.c
 *		unique_active_users(public_id text, is_active boolean): the exact
 *		number of distinct public_ids among rows with is_active true.
 *
 * The state is the set of ids seen, so a user active in all three months of
 * a quarter counts once.  It is exact, not an estimate: the memory it takes
 * grows with the distinct ids, as that of count(DISTINCT) would, and is
 * bounded as follows (see doc/aggregates.md).  Each id costs its bytes plus
 * four in the key buffer (which grows by doubling, so up to twice that), and
 * a 12-byte bucket in a table kept under 90% full and sized by powers of two.
 * 500,000 ids of 29 bytes (user-...) take about 45 MB at most.  The key
 * buffer cannot exceed 1 GB, about 30 million such ids per group.
 *
 * Most of the time of an insert is the cache miss on its bucket, the table
 * being far larger than the CPU caches.  So the transition function inserts
 * each id one row late: it stores the id, prefetches its bucket, and inserts
 * it when the next row arrives (or the set is read), by which time the
 * bucket has been fetched while the executor read that row
 * (doc/benchmarks.md#choices-inside-the-aggregates).
 */
#include "postgres.h"

#include "agg.h"

#if defined(__GNUC__) || defined(__clang__)
#define prefetch(addr) __builtin_prefetch(addr)
#else
#define prefetch(addr) ((void) 0)
#endif

/* A bucket: the id's offset in the key buffer and its hash */
typedef struct UniqueEntry
{
	uint32		key;
	uint32		hash;
	char		status;
} UniqueEntry;

#define AGG_KEYHASH_PREFIX unique
#define AGG_KEYHASH_ENTRY UniqueEntry
#include "agg_keyhash.h"

/*
 * The set of ids.  A state made by the deserialize function is different:
 * ids is NULL and the ids stay in the serialized message, checked but not
 * hashed, because such a state is only ever merged into another by the
 * combine function; hashing each id there and again when merging made the
 * leader of a parallel plan slower than a serial plan.
 */
typedef struct UniqueState
{
	AggKeys		keys;			/* every id seen, each once; see pending */
	unique_hash *ids;			/* index over keys */
	bool		has_pending;	/* the last id in keys is not in ids yet */
	uint32		pending;		/* its offset in keys */
	uint32		pending_hash;	/* and its hash */
	StringInfoData received;	/* deserialized: the ids as serialized */
	uint32		nreceived;		/* and how many */
} UniqueState;

/* Create an empty state in memory context ctx, room for nids ids */
static UniqueState *
unique_state_create(MemoryContext ctx, uint32 nids)
{
	MemoryContext oldcontext = MemoryContextSwitchTo(ctx);
	UniqueState *state = palloc0(sizeof(UniqueState));

	agg_keys_init(&state->keys);
	state->ids = unique_create(ctx, Max(nids, 8), &state->keys);
	MemoryContextSwitchTo(oldcontext);
	return state;
}

/* Add the id that is the probe of the state's keys, unless already there */
static inline void
unique_state_add_probe(UniqueState *state)
{
	bool		found;
	UniqueEntry *entry = unique_insert(state->ids, AGG_KEY_PROBE, &found);

	if (!found)
		entry->key = agg_key_store_probe(&state->keys);
}

/*
 * Insert the pending id, dropping its copy from the end of the key buffer
 * when it was there already.  Every function that reads the set calls this
 * first: it changes how the set is stored, not which ids it holds.
 */
static void
unique_state_settle(UniqueState *state)
{
	bool		found;

	if (!state->has_pending)
		return;
	unique_insert_hash(state->ids, state->pending, state->pending_hash, &found);
	if (found)
	{
		state->keys.buf.len = state->pending;
		state->keys.buf.data[state->pending] = '\0';
	}
	state->has_pending = false;
}

/* Add the id of an active row to the set */
PG_FUNCTION_INFO_V1(ua_unique_active_users_trans);
Datum
ua_unique_active_users_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = agg_memory_context(fcinfo, "ua_unique_active_users_trans");
	UniqueState *state = PG_ARGISNULL(0) ? NULL : (UniqueState *) PG_GETARG_POINTER(0);

	/* A NULL id (a user invited but not joined) or an inactive row adds nothing */
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2) && PG_GETARG_BOOL(2))
	{
		text	   *id = PG_GETARG_TEXT_PP(1);

		if (state == NULL)
			state = unique_state_create(aggcontext, 0);
		unique_state_settle(state);

		/* Store the id now, insert it at the next row (see the top of the file) */
		agg_key_set_probe(&state->keys, VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id));
		state->pending = agg_key_store_probe(&state->keys);
		state->pending_hash = agg_key_hash(&state->keys, state->pending);
		state->has_pending = true;
		prefetch(&state->ids->data[state->pending_hash & state->ids->sizemask]);
	}

	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

/*
 * Merge a deserialized partial state into state1, which is NULL for the first
 * one.  PostgreSQL serializes every partial state of an aggregate that has a
 * serialize function, even when no process boundary is crossed, so state2 is
 * always deserialize's (see UniqueState).
 */
PG_FUNCTION_INFO_V1(ua_unique_active_users_combine);
Datum
ua_unique_active_users_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = agg_memory_context(fcinfo, "ua_unique_active_users_combine");
	UniqueState *state1 = PG_ARGISNULL(0) ? NULL : (UniqueState *) PG_GETARG_POINTER(0);
	UniqueState *state2 = PG_ARGISNULL(1) ? NULL : (UniqueState *) PG_GETARG_POINTER(1);
	StringInfoData msg;
	uint32		i;

	if (state2 == NULL)
	{
		if (state1 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state1);
	}
	if (state2->ids != NULL)
		elog(ERROR, "ua_unique_active_users_combine expects a deserialized state");

	/* Built in the aggregate context: state2 lives only as long as its row */
	if (state1 == NULL)
		state1 = unique_state_create(aggcontext, state2->nreceived);
	unique_state_settle(state1);

	/* Add the ids straight from the checked message */
	msg = state2->received;
	for (i = 0; i < state2->nreceived; i++)
	{
		agg_key_recv(&msg, &state1->keys);
		unique_state_add_probe(state1);
	}

	PG_RETURN_POINTER(state1);
}

/* Serialized state: the id count, then each id as its length and bytes */
PG_FUNCTION_INFO_V1(ua_unique_active_users_serialize);
Datum
ua_unique_active_users_serialize(PG_FUNCTION_ARGS)
{
	UniqueState *state;
	StringInfoData msg;
	uint32		key;

	agg_memory_context(fcinfo, "ua_unique_active_users_serialize");
	state = (UniqueState *) PG_GETARG_POINTER(0);
	unique_state_settle(state);

	pq_begintypsend(&msg);
	pq_sendint32(&msg, state->ids->members);
	for (key = 0; key < (uint32) state->keys.buf.len; key = agg_key_next(&state->keys, key))
		agg_key_send(&msg, &state->keys, key);
	PG_RETURN_BYTEA_P(pq_endtypsend(&msg));
}

/*
 * Take ua_unique_active_users_serialize's bytes as a state for the combine
 * function, checking every length now (see UniqueState).
 */
PG_FUNCTION_INFO_V1(ua_unique_active_users_deserialize);
Datum
ua_unique_active_users_deserialize(PG_FUNCTION_ARGS)
{
	UniqueState *state;

	agg_memory_context(fcinfo, "ua_unique_active_users_deserialize");
	state = palloc0(sizeof(UniqueState));
	agg_recv_init(&state->received, PG_GETARG_BYTEA_PP(0));
	/* An id takes at least its 4-byte length */
	state->nreceived = agg_recv_count(&state->received, 4, "unique_active_users");
	agg_recv_check_keys(&state->received, state->nreceived, 0);

	PG_RETURN_POINTER(state);
}

/* The count; 0 when no row had an active id, as count() gives */
PG_FUNCTION_INFO_V1(ua_unique_active_users_final);
Datum
ua_unique_active_users_final(PG_FUNCTION_ARGS)
{
	UniqueState *state;

	agg_memory_context(fcinfo, "ua_unique_active_users_final");
	if (PG_ARGISNULL(0))
		PG_RETURN_INT64(0);
	state = (UniqueState *) PG_GETARG_POINTER(0);
	unique_state_settle(state);
	PG_RETURN_INT64(state->ids->members);
}
