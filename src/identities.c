/*
 * identities.c
 *		The public_ids that uanalytics.identities merges into one person
 *		(the view merged_public_ids), read once into a hash table, so that
 *		cohort_counts and people can find the person of every digest entry
 *		without a query per row.
 */
#include "postgres.h"

#include "executor/spi.h"

#include "identities.h"

/* The merged public_ids of every account; the caller is connected to SPI */
void
ua_merged_ids_load(MergedIds *m)
{
	uint64		i;

	agg_keys_init(&m->keys);
	initStringInfo(&m->probe);
	m->ids = merged_create(CurrentMemoryContext, 64, &m->keys);
	if (SPI_execute("SELECT account_id, public_id, person_key FROM uanalytics.merged_public_ids",
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading merged_public_ids failed");
	for (i = 0; i < SPI_processed; i++)
	{
		char	   *account = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		char	   *public_id = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		char	   *person = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 3);
		MergedId   *e;
		bool		found;

		resetStringInfo(&m->probe);
		appendBinaryStringInfo(&m->probe, account, strlen(account) + 1);
		appendStringInfoString(&m->probe, public_id);
		agg_key_set_probe(&m->keys, m->probe.data, m->probe.len);
		e = merged_insert(m->ids, AGG_KEY_PROBE, &found);
		if (!found)
		{
			e->key = agg_key_store_probe(&m->keys);
			agg_key_set_probe(&m->keys, person, strlen(person));
			e->person = agg_key_store_probe(&m->keys);
		}
	}
	SPI_freetuptable(SPI_tuptable);
}

/*
 * The person a public_id of an account belongs to: its person_key in
 * identities, else the public_id itself (*person is then id)
 */
void
ua_person_of(MergedIds *m, const char *account, const char *id, int idlen,
			 const char **person, uint32 *personlen)
{
	MergedId   *e;

	*person = id;
	*personlen = idlen;
	if (m->ids->members == 0)
		return;
	resetStringInfo(&m->probe);
	appendBinaryStringInfo(&m->probe, account, strlen(account) + 1);
	appendBinaryStringInfo(&m->probe, id, idlen);
	agg_key_set_probe(&m->keys, m->probe.data, m->probe.len);
	e = merged_lookup(m->ids, AGG_KEY_PROBE);
	if (e)
		*person = agg_key_get(&m->keys, e->person, personlen);
}
