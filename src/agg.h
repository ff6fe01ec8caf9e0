/*
 * agg.h
 *		Text keys shared by the aggregates' hash tables.
 *
 * unique_active_users, map_sum and top_n all hash text keys (public_ids,
 * model names, GPT ids).  Each state stores its keys back to back in one
 * growing buffer, every key preceded by its length, and its simplehash.h
 * table holds 4-byte offsets into that buffer.  A key then costs its bytes
 * plus four, instead of a palloc chunk header and power-of-two rounding each,
 * which is what lets unique_active_users hold hundreds of thousands of ids.
 * The buffer is a StringInfo, so a state holds at most 1 GB of keys.
 *
 * A key that is being looked up is not copied into the buffer: it is
 * stashed in the AggKeys as the "probe" and passed to simplehash as the
 * reserved offset AGG_KEY_PROBE; only when it turns out to be new is it
 * appended and the entry's offset set.
 */
#ifndef AGG_H
#define AGG_H

#include "common/hashfn.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/json.h"
#include "utils/numeric.h"

/* the varlena macros (VARDATA_ANY, ...) moved to varatt.h in PostgreSQL 16 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/* Offset standing for the key being looked up (never a stored key) */
#define AGG_KEY_PROBE PG_UINT32_MAX

typedef struct AggKeys
{
	StringInfoData buf;			/* uint32 length, then the bytes, per key */
	const char *probe;			/* key being looked up */
	uint32		probe_len;
} AggKeys;

/* Fetch the aggregate memory context, refusing to run as a plain function */
static inline MemoryContext
agg_memory_context(FunctionCallInfo fcinfo, const char *name)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", name);
	return aggcontext;
}

/*
 * Start an empty key buffer in the current memory context.  It starts at 64
 * bytes rather than initStringInfo's 1 kB because a GROUP BY can hold a
 * state per user, most with a handful of keys; it doubles as it fills.
 */
static inline void
agg_keys_init(AggKeys *keys)
{
	keys->buf.maxlen = 64;
	keys->buf.data = palloc(keys->buf.maxlen);
	keys->buf.data[0] = '\0';
	keys->buf.len = 0;
	keys->buf.cursor = 0;
	keys->probe = NULL;
	keys->probe_len = 0;
}

/* The bytes and length of a key given by its offset */
static inline const char *
agg_key_get(const AggKeys *keys, uint32 key, uint32 *len)
{
	if (key == AGG_KEY_PROBE)
	{
		*len = keys->probe_len;
		return keys->probe;
	}
	memcpy(len, keys->buf.data + key, sizeof(uint32));
	return keys->buf.data + key + sizeof(uint32);
}

/* The offset of the key stored after the one at offset key */
static inline uint32
agg_key_next(const AggKeys *keys, uint32 key)
{
	uint32		len;

	agg_key_get(keys, key, &len);
	return key + sizeof(uint32) + len;
}

/* Hash of a key, for SH_HASH_KEY */
static inline uint32
agg_key_hash(const AggKeys *keys, uint32 key)
{
	uint32		len;
	const char *data = agg_key_get(keys, key, &len);

	return hash_bytes((const unsigned char *) data, (int) len);
}

/* Equality of two keys, for SH_EQUAL */
static inline bool
agg_key_equal(const AggKeys *keys, uint32 a, uint32 b)
{
	uint32		alen;
	uint32		blen;
	const char *adata = agg_key_get(keys, a, &alen);
	const char *bdata = agg_key_get(keys, b, &blen);

	return alen == blen && memcmp(adata, bdata, alen) == 0;
}

/* Make the given bytes the key that the next lookup looks for */
static inline void
agg_key_set_probe(AggKeys *keys, const char *data, uint32 len)
{
	keys->probe = data;
	keys->probe_len = len;
}

/*
 * Append the probe to the buffer and return its offset.  Called for a key
 * not found, so that the new entry points at a copy the state owns.
 */
static inline uint32
agg_key_store_probe(AggKeys *keys)
{
	uint32		offset = keys->buf.len;

	appendBinaryStringInfo(&keys->buf, (const char *) &keys->probe_len,
						   sizeof(uint32));
	appendBinaryStringInfo(&keys->buf, keys->probe, keys->probe_len);
	return offset;
}

/* The probe as a JSON string, quotes escaped, for error messages */
static inline char *
agg_key_quote_probe(const AggKeys *keys)
{
	StringInfoData quoted;

	initStringInfo(&quoted);
	escape_json(&quoted, pnstrdup(keys->probe, keys->probe_len));
	return quoted.data;
}

/* Write a key to a serialized state */
static inline void
agg_key_send(StringInfo msg, const AggKeys *keys, uint32 key)
{
	uint32		len;
	const char *data = agg_key_get(keys, key, &len);

	pq_sendint32(msg, len);
	pq_sendbytes(msg, data, len);
}

/*
 * Read a key from a serialized state and make it the probe.  pq_getmsgbytes
 * rejects a length that runs past the end of the message.
 */
static inline void
agg_key_recv(StringInfo msg, AggKeys *keys)
{
	int			len = (int) pq_getmsgint(msg, 4);

	keys->probe = pq_getmsgbytes(msg, len);
	keys->probe_len = (uint32) len;
}

/*
 * Read the key count at the start of a serialized state.  Each key takes at
 * least min_bytes of the message, so a count the message cannot hold is
 * corrupt; checking it here keeps a bad count from sizing a huge table.
 */
static inline uint32
agg_recv_count(StringInfo msg, int min_bytes, const char *name)
{
	uint32		count = pq_getmsgint(msg, 4);

	if ((uint64) count * min_bytes > (uint64) (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid serialized state of %s", name),
				 errdetail("It claims %u keys in %d bytes.",
						   count, msg->len - msg->cursor)));
	return count;
}

/*
 * Check that the rest of msg is exactly count keys, each followed by
 * value_bytes of value, without moving its cursor: a state kept in its
 * serialized form can then be read later without failing halfway.
 */
static inline void
agg_recv_check_keys(const StringInfoData *msg, uint32 count, int value_bytes)
{
	StringInfoData walk = *msg;
	uint32		i;

	for (i = 0; i < count; i++)
	{
		int			len = (int) pq_getmsgint(&walk, 4);

		pq_getmsgbytes(&walk, len);
		pq_getmsgbytes(&walk, value_bytes);
	}
	pq_getmsgend(&walk);
}

/* Point a StringInfo at the bytes of a serialized state, for pq_getmsg* */
static inline void
agg_recv_init(StringInfo msg, bytea *state)
{
	msg->data = VARDATA_ANY(state);
	msg->len = VARSIZE_ANY_EXHDR(state);
	msg->maxlen = msg->len;
	msg->cursor = 0;
}

/* Byte order of two strings, shorter first when one begins the other */
static inline int
agg_compare_bytes(const char *a, int alen, const char *b, int blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	return c != 0 ? c : (alen > blen) - (alen < blen);
}

/*
 * A set of months (DateADT, the first of each) kept sorted in a growing
 * array: person_summary's and cohort_counts' months active.  A person has
 * a few dozen, added mostly in order, so an insertion from the end is
 * cheap.
 */
typedef struct AggMonths
{
	int			n;
	int			max;
	int32	   *days;
} AggMonths;

static inline void
agg_months_add(AggMonths *m, int32 month)
{
	int			i = m->n;

	while (i > 0 && m->days[i - 1] > month)
		i--;
	if (i > 0 && m->days[i - 1] == month)
		return;
	if (m->n == m->max)
	{
		m->max = m->max ? m->max * 2 : 16;
		m->days = m->days ? repalloc(m->days, m->max * sizeof(int32)) : palloc(m->max * sizeof(int32));
	}
	memmove(m->days + i + 1, m->days + i, (m->n - i) * sizeof(int32));
	m->days[i] = month;
	m->n++;
}

#endif							/* AGG_H */
