/*
 * duplicates.c
 *		Records that repeat the user (or GPT) of an earlier record of the
 *		same period.
 *
 * Each stored row's key hash goes into a sort bounded by work_mem, so memory
 * stays flat however many users a file holds (a set of the keys themselves
 * took 43 MB for a 455k-user file).  Equal hashes found after the last
 * record are checked exactly by reading the input a second time, so a hash
 * collision never rejects a good record.
 */
#include "postgres.h"

#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "utils/memutils.h"

#include "load.h"

/*
 * The hash of a row's identity: account, cadence, period and user (or GPT).
 * The developer setting uanalytics.key_hash_bits keeps only its low bits,
 * so that tests can make distinct keys collide.
 */
int64
ua_key_hash(const char *account, UaCadence cadence, DateADT start, const char *key)
{
	uint64		h = hash_bytes_extended((const unsigned char *) key, strlen(key), 0);

	h = hash_combine64(h, hash_bytes_extended((const unsigned char *) account, strlen(account), 0));
	h = hash_combine64(h, hash_uint32_extended((uint32) start, (uint64) cadence));
	if (uanalytics_key_hash_bits < 64)
		h &= (UINT64CONST(1) << uanalytics_key_hash_bits) - 1;
	return (int64) h;
}

int
ua_compare_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

static int
compare_sightings(const ListCell *a, const ListCell *b)
{
	const KeySighting *x = lfirst(a);
	const KeySighting *y = lfirst(b);
	int			c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line ? 1 : 0;
}

static int
compare_duplicates(const void *a, const void *b)
{
	int64		x = ((const Duplicate *) a)->line;
	int64		y = ((const Duplicate *) b)->line;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* Is this line a known duplicate? */
const Duplicate *
ua_find_duplicate(LoadState *st, int64 line)
{
	Duplicate	probe;

	if (st->nduplicates == 0)
		return NULL;
	probe.line = line;
	return bsearch(&probe, st->duplicates, st->nduplicates, sizeof(Duplicate), compare_duplicates);
}

/*
 * Finds the records that repeat the key of an earlier record of the same
 * period.  The sorted key hashes show which hashes occur twice; only if any
 * do, a second reading collects those records' exact keys, so a hash
 * collision never rejects a good record.
 */
void
ua_find_duplicates(LoadState *st, char *buf)
{
	Datum		d;
	bool		isnull;
	int64		prev = 0;
	bool		have_prev = false;
	int			size = 16;
	int64		counts[5];
	List	   *groups;
	ListCell   *lc;
	KeySighting *first = NULL;

	tuplesort_performsort(st->keysort);
	st->candidates = MemoryContextAlloc(st->loadcxt, sizeof(int64) * size);
#if PG_VERSION_NUM >= 160000
	while (tuplesort_getdatum(st->keysort, true, false, &d, &isnull, NULL))
#else
	while (tuplesort_getdatum(st->keysort, true, &d, &isnull, NULL))
#endif
	{
		int64		h = DatumGetInt64(d);

		if (have_prev && h == prev &&
			(st->ncandidates == 0 || st->candidates[st->ncandidates - 1] != h))
		{
			if (st->ncandidates == size)
			{
				size *= 2;
				st->candidates = repalloc(st->candidates, sizeof(int64) * size);
			}
			st->candidates[st->ncandidates++] = h;
		}
		prev = h;
		have_prev = true;
	}
	tuplesort_end(st->keysort);
	st->keysort = NULL;
	if (st->ncandidates == 0)
		return;

	/* the second reading must not count anything */
	counts[0] = st->rows_read;
	counts[1] = st->rows_loaded;
	counts[2] = st->rows_skipped;
	counts[3] = st->rows_rejected;
	counts[4] = st->rows_replaced;
	st->verifying = true;
	st->header_done = false;
	ua_read_input(st, buf);
	st->verifying = false;
	st->rows_read = counts[0];
	st->rows_loaded = counts[1];
	st->rows_skipped = counts[2];
	st->rows_rejected = counts[3];
	st->rows_replaced = counts[4];

	/*
	 * Equal exact keys: every record after the first is a duplicate.  The
	 * duplicates known before (a second load in skip mode, whose first
	 * reading found them) stay: that reading rejected them, so only
	 * colliding hashes of distinct keys can have brought it here.
	 */
	groups = st->verified;
	list_sort(groups, compare_sightings);
	{
		Duplicate  *known = st->duplicates;

		st->duplicates = MemoryContextAlloc(st->loadcxt, sizeof(Duplicate) *
											(st->nduplicates + list_length(groups) + 1));
		if (st->nduplicates > 0)
			memcpy(st->duplicates, known, sizeof(Duplicate) * st->nduplicates);
	}
	foreach(lc, groups)
	{
		KeySighting *k = lfirst(lc);

		if (first && strcmp(first->key, k->key) == 0)
		{
			Duplicate  *dup = &st->duplicates[st->nduplicates++];

			dup->line = k->line;
			dup->first_line = first->line;
			dup->column = k->column;
			dup->shown = k->shown;
			dup->start = k->start;
		}
		else
			first = k;
	}
	qsort(st->duplicates, st->nduplicates, sizeof(Duplicate), compare_duplicates);
}
