/*
 * agg_keyhash.h
 *		A simplehash.h table of an aggregate's entries, keyed by the offset
 *		of their key in the aggregate's AggKeys (agg.h).
 *
 * Like simplehash.h itself, included once per table, after defining:
 *
 *		AGG_KEYHASH_PREFIX	the prefix of the table's names (mapsum,
 *							topn, unique: mapsum_hash, mapsum_insert, ...)
 *		AGG_KEYHASH_ENTRY	the entry type, which has uint32 key, uint32
 *							hash and char status
 *
 * The table's private_data is the AggKeys, which hashes and compares keys.
 */
#define SH_PREFIX AGG_KEYHASH_PREFIX
#define SH_ELEMENT_TYPE AGG_KEYHASH_ENTRY
#define SH_KEY_TYPE uint32
#define SH_KEY key
#define SH_HASH_KEY(tb, k) agg_key_hash((AggKeys *) (tb)->private_data, k)
#define SH_EQUAL(tb, a, b) agg_key_equal((AggKeys *) (tb)->private_data, a, b)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) a->hash
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

#undef AGG_KEYHASH_PREFIX
#undef AGG_KEYHASH_ENTRY
