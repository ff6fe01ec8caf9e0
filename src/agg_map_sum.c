/*
 * agg_map_sum.c
 *		map_sum(jsonb): sums {name: count} objects key by key.
 *
 * The exports' map columns (model_to_messages, tool_to_messages, ...) hold
 * small integer counts, so each key's sum is kept in an int64 and only what
 * does not fit there (a value with a fraction, one beyond int32, or a sum
 * that would overflow int64) goes to a numeric beside it.  The result is
 * exact either way; the int64 path avoids numeric arithmetic per value.
 *
 * NULL inputs add nothing and a result of only NULLs is NULL, as sum()
 * gives; {} adds nothing either but makes the result at least {}.
 */
#include "postgres.h"

#include "agg.h"
#include "common/int.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"

/* A key's running sum: sum plus extra, extra NULL while unused */
typedef struct MapSumEntry
{
	uint32		key;
	uint32		hash;
	int64		sum;
	Numeric		extra;			/* in the aggregate context */
	char		status;
} MapSumEntry;

#define AGG_KEYHASH_PREFIX mapsum
#define AGG_KEYHASH_ENTRY MapSumEntry
#include "agg_keyhash.h"

typedef struct MapSumState
{
	AggKeys		keys;
	mapsum_hash *sums;
	MemoryContext context;		/* where the extra numerics live */
} MapSumState;

/* Create an empty state in memory context ctx, room for nkeys keys */
static MapSumState *
map_sum_state_create(MemoryContext ctx, uint32 nkeys)
{
	MemoryContext oldcontext = MemoryContextSwitchTo(ctx);
	MapSumState *state = palloc(sizeof(MapSumState));

	agg_keys_init(&state->keys);
	state->sums = mapsum_create(ctx, Max(nkeys, 8), &state->keys);
	state->context = ctx;
	MemoryContextSwitchTo(oldcontext);
	return state;
}

/* The entry of the key that is the probe, created with a zero sum if new */
static inline MapSumEntry *
map_sum_entry(MapSumState *state)
{
	bool		found;
	MapSumEntry *entry = mapsum_insert(state->sums, AGG_KEY_PROBE, &found);

	if (!found)
	{
		entry->key = agg_key_store_probe(&state->keys);
		entry->sum = 0;
		entry->extra = NULL;
	}
	return entry;
}

/* Add value to the numeric part of an entry's sum */
static void
map_sum_add_numeric(MapSumState *state, MapSumEntry *entry, Numeric value)
{
	Numeric		sum = value;
	MemoryContext oldcontext;
	Numeric		kept;

	if (entry->extra != NULL)
		sum = numeric_add_opt_error(entry->extra, value, NULL);

	oldcontext = MemoryContextSwitchTo(state->context);
	kept = DatumGetNumeric(datumCopy(NumericGetDatum(sum), false, -1));
	MemoryContextSwitchTo(oldcontext);

	if (entry->extra != NULL)
		pfree(entry->extra);
	entry->extra = kept;
}

/* Add value to an entry, in the int64 part unless that would overflow */
static inline void
map_sum_add_int64(MapSumState *state, MapSumEntry *entry, int64 value)
{
	int64		sum;

	if (pg_add_s64_overflow(entry->sum, value, &sum))
		map_sum_add_numeric(state, entry, int64_to_numeric(value));
	else
		entry->sum = sum;
}

/*
 * Whether a numeric is a whole number that fits int32, and which.  A
 * nonzero display scale (1.5, but also 2.0) sends the value to the numeric
 * path, which is exact for both.
 */
static inline bool
numeric_as_int32(Numeric num, int32 *result)
{
	bool		error = false;

	/* Checked first: it flags NaN and infinity, which have no scale */
	*result = numeric_int4_opt_error(num, &error);
	return !error &&
		DatumGetInt32(DirectFunctionCall1(numeric_scale, NumericGetDatum(num))) == 0;
}

/* Report the value of the probe key in map that is not a number */
static void
map_sum_bad_value(const AggKeys *keys, JsonbContainer *map)
{
	JsonbValue	value;

	getKeyJsonValueFromContainer(map, keys->probe, keys->probe_len, &value);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("map_sum: value of key %s is not a number",
					agg_key_quote_probe(keys)),
			 errdetail("The value is a JSON %s.", JsonbTypeName(&value))));
}

/* Add an object's values to the sums of their keys */
PG_FUNCTION_INFO_V1(ua_map_sum_trans);
Datum
ua_map_sum_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = agg_memory_context(fcinfo, "ua_map_sum_trans");
	MapSumState *state = PG_ARGISNULL(0) ? NULL : (MapSumState *) PG_GETARG_POINTER(0);
	Jsonb	   *map;
	JsonbContainer *root;
	uint32		count;
	char	   *base;
	uint32		i;

	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}

	map = PG_GETARG_JSONB_P(1);
	if (!JB_ROOT_IS_OBJECT(map))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("map_sum: input must be a JSON object"),
				 errdetail("The input is a JSON %s.",
						   JB_ROOT_IS_SCALAR(map) ? "scalar" : "array")));

	if (state == NULL)
		state = map_sum_state_create(aggcontext, 0);

	/*
	 * Walk the object in place rather than with a JsonbIterator: jsonb.h
	 * documents the layout (the JEntrys of all keys, then of all values, then
	 * their data), and skipping the iterator's allocation and token handling
	 * per row is worth it (doc/benchmarks.md#choices-inside-the-aggregates).
	 */
	root = &map->root;
	count = JsonContainerSize(root);
	base = (char *) &root->children[count * 2];
	for (i = 0; i < count; i++)
	{
		MapSumEntry *entry;
		Numeric		value;
		int32		small;

		agg_key_set_probe(&state->keys, base + getJsonbOffset(root, i),
						  getJsonbLength(root, i));
		if (!JBE_ISNUMERIC(root->children[i + count]))
			map_sum_bad_value(&state->keys, root);

		/* Numeric data is int-aligned, the padding counted in its offset */
		value = (Numeric) (base + INTALIGN(getJsonbOffset(root, i + count)));
		entry = map_sum_entry(state);
		if (numeric_as_int32(value, &small))
			map_sum_add_int64(state, entry, small);
		else
			map_sum_add_numeric(state, entry, value);
	}

	PG_RETURN_POINTER(state);
}

/* Merge partial states; the first may be NULL when its part saw only NULLs */
PG_FUNCTION_INFO_V1(ua_map_sum_combine);
Datum
ua_map_sum_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = agg_memory_context(fcinfo, "ua_map_sum_combine");
	MapSumState *state1 = PG_ARGISNULL(0) ? NULL : (MapSumState *) PG_GETARG_POINTER(0);
	MapSumState *state2 = PG_ARGISNULL(1) ? NULL : (MapSumState *) PG_GETARG_POINTER(1);
	mapsum_iterator iter;
	MapSumEntry *entry2;

	if (state2 == NULL)
	{
		if (state1 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state1);
	}

	/* state2 may be short-lived (deserialized): build state1 afresh, not alias it */
	if (state1 == NULL)
		state1 = map_sum_state_create(aggcontext, state2->sums->members);

	mapsum_start_iterate(state2->sums, &iter);
	while ((entry2 = mapsum_iterate(state2->sums, &iter)) != NULL)
	{
		uint32		len;
		const char *data = agg_key_get(&state2->keys, entry2->key, &len);
		MapSumEntry *entry1;

		agg_key_set_probe(&state1->keys, data, len);
		entry1 = map_sum_entry(state1);
		map_sum_add_int64(state1, entry1, entry2->sum);
		if (entry2->extra != NULL)
			map_sum_add_numeric(state1, entry1, entry2->extra);
	}

	PG_RETURN_POINTER(state1);
}

/*
 * Serialized state: the key count, then per key its length and bytes, the
 * int64 sum, and a flag byte followed, when 1, by the length and
 * numeric_send bytes of the extra numeric.
 */
PG_FUNCTION_INFO_V1(ua_map_sum_serialize);
Datum
ua_map_sum_serialize(PG_FUNCTION_ARGS)
{
	MapSumState *state;
	StringInfoData msg;
	mapsum_iterator iter;
	MapSumEntry *entry;

	agg_memory_context(fcinfo, "ua_map_sum_serialize");
	state = (MapSumState *) PG_GETARG_POINTER(0);

	pq_begintypsend(&msg);
	pq_sendint32(&msg, state->sums->members);
	mapsum_start_iterate(state->sums, &iter);
	while ((entry = mapsum_iterate(state->sums, &iter)) != NULL)
	{
		agg_key_send(&msg, &state->keys, entry->key);
		pq_sendint64(&msg, entry->sum);
		if (entry->extra == NULL)
			pq_sendbyte(&msg, 0);
		else
		{
			bytea	   *extra = DatumGetByteaPP(DirectFunctionCall1(numeric_send,
																	NumericGetDatum(entry->extra)));

			pq_sendbyte(&msg, 1);
			pq_sendint32(&msg, VARSIZE_ANY_EXHDR(extra));
			pq_sendbytes(&msg, VARDATA_ANY(extra), VARSIZE_ANY_EXHDR(extra));
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&msg));
}

/* Rebuild a state from ua_map_sum_serialize's bytes */
PG_FUNCTION_INFO_V1(ua_map_sum_deserialize);
Datum
ua_map_sum_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes;
	StringInfoData msg;
	MapSumState *state;
	uint32		count;
	uint32		i;

	agg_memory_context(fcinfo, "ua_map_sum_deserialize");
	bytes = PG_GETARG_BYTEA_PP(0);
	agg_recv_init(&msg, bytes);

	/* A key takes at least its length, the int64 sum and the flag */
	count = agg_recv_count(&msg, 4 + 8 + 1, "map_sum");
	state = map_sum_state_create(CurrentMemoryContext, count);
	for (i = 0; i < count; i++)
	{
		MapSumEntry *entry;
		int			flag;

		agg_key_recv(&msg, &state->keys);
		entry = map_sum_entry(state);
		map_sum_add_int64(state, entry, pq_getmsgint64(&msg));

		flag = pq_getmsgbyte(&msg);
		if (flag == 1)
		{
			StringInfoData extra;
			int			len = (int) pq_getmsgint(&msg, 4);

			/* numeric_recv checks the digits; the length must match too */
			extra.data = (char *) pq_getmsgbytes(&msg, len);
			extra.len = extra.maxlen = len;
			extra.cursor = 0;
			map_sum_add_numeric(state, entry,
								DatumGetNumeric(DirectFunctionCall3(numeric_recv,
																	PointerGetDatum(&extra),
																	ObjectIdGetDatum(InvalidOid),
																	Int32GetDatum(-1))));
			pq_getmsgend(&extra);
		}
		else if (flag != 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("invalid serialized state of map_sum"),
					 errdetail("Unexpected flag %d.", flag)));
	}
	pq_getmsgend(&msg);

	PG_RETURN_POINTER(state);
}

/* The sums as a jsonb object; pushJsonbValue puts the keys in jsonb order */
PG_FUNCTION_INFO_V1(ua_map_sum_final);
Datum
ua_map_sum_final(PG_FUNCTION_ARGS)
{
	MapSumState *state;
	JsonbParseState *parse = NULL;
	JsonbValue *result;
	mapsum_iterator iter;
	MapSumEntry *entry;

	agg_memory_context(fcinfo, "ua_map_sum_final");
	state = (MapSumState *) PG_GETARG_POINTER(0);

	pushJsonbValue(&parse, WJB_BEGIN_OBJECT, NULL);
	mapsum_start_iterate(state->sums, &iter);
	while ((entry = mapsum_iterate(state->sums, &iter)) != NULL)
	{
		JsonbValue	key;
		JsonbValue	value;
		uint32		len;

		key.type = jbvString;
		key.val.string.val = (char *) agg_key_get(&state->keys, entry->key, &len);
		key.val.string.len = len;
		pushJsonbValue(&parse, WJB_KEY, &key);

		value.type = jbvNumeric;
		value.val.numeric = int64_to_numeric(entry->sum);
		if (entry->extra != NULL)
			value.val.numeric = numeric_add_opt_error(value.val.numeric, entry->extra, NULL);
		pushJsonbValue(&parse, WJB_VALUE, &value);
	}
	result = pushJsonbValue(&parse, WJB_END_OBJECT, NULL);

	PG_RETURN_JSONB_P(JsonbValueToJsonb(result));
}
