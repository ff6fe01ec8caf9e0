/*
 * identities.h
 *		The public_ids that uanalytics.identities merges into one person, as
 *		a hash table the digest readers look each row up in (identities.c).
 */
#ifndef UA_IDENTITIES_H
#define UA_IDENTITIES_H

#include "agg.h"

/* account_id, a zero byte, public_id -> person_key */
typedef struct MergedId
{
	uint32		key;
	uint32		hash;
	char		status;
	uint32		person;			/* offset of the person_key in the same keys */
} MergedId;

#define AGG_KEYHASH_PREFIX merged
#define AGG_KEYHASH_ENTRY MergedId
#include "agg_keyhash.h"

typedef struct MergedIds
{
	AggKeys		keys;
	merged_hash *ids;
	StringInfoData probe;		/* account_id, a zero byte, public_id */
} MergedIds;

extern void ua_merged_ids_load(MergedIds *m);
extern void ua_person_of(MergedIds *m, const char *account, const char *id, int idlen,
						 const char **person, uint32 *personlen);

#endif
