/*
 * duplicates.c
 *		Records that repeat the user (or GPT) of an earlier record of the
 *		same period.
 *
 * Each stored row's key hash goes into a sort bounded by work_mem, so memory
 * stays flat however many users a file holds, where a set of the keys
 * themselves grew with the file (doc/benchmarks.md#memory-while-loading).
 * Equal hashes found after the last record are checked exactly by reading
 * the input a second time, so a hash collision never rejects a good record.
 * The loader drives it: it collects the hashes as it stores rows, asks
 * ua_repeated_key_hashes whether any repeat, reads the input again to
 * collect the candidates' exact keys, and ua_resolve_duplicates turns
 * those into the duplicates.
 */
#include "postgres.h"

#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "utils/memutils.h"

#include "load.h"

/*
 * The hash of a row's identity: account, cadence, period and user (or GPT).
 * end is a Date Range's last day, and 0 for weeks and months.
 * The developer setting uanalytics.key_hash_bits keeps only its low bits,
 * so that tests can make distinct keys collide.
 */
int64
ua_key_hash(const char *account, UaCadence cadence, DateADT start, DateADT end, const char *key)
{
	uint64		h = hash_bytes_extended((const unsigned char *) key, strlen(key), 0);

	h = hash_combine64(h, hash_bytes_extended((const unsigned char *) account, strlen(account), 0));
	h = hash_combine64(h, hash_uint32_extended((uint32) start, (uint64) cadence));
	if (end != 0)
		h = hash_combine64(h, hash_uint32_extended((uint32) end, 0));
	if (uanalytics_key_hash_bits < 64)
		h &= (UINT64CONST(1) << uanalytics_key_hash_bits) - 1;
	return (int64) h;
}

static int
compare_int64(const void *a, const void *b)
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

/* Did a record of the first reading have this key hash, and another one too? */
bool
ua_is_candidate_hash(const LoadState *st, int64 hash)
{
	return bsearch(&hash, st->candidates, st->ncandidates, sizeof(int64), compare_int64) != NULL;
}

/*
 * After the first reading: sorts the key hashes of the stored rows and
 * keeps those that occur more than once as candidates.  Returns whether
 * there are any, that is whether the input must be read again to compare
 * the candidates' exact keys.
 */
bool
ua_repeated_key_hashes(LoadState *st)
{
	Datum		d;
	bool		isnull;
	int64		prev = 0;
	bool		have_prev = false;
	int			size = 16;

	tuplesort_performsort(st->keysort);
	st->candidates = MemoryContextAlloc(st->loadcxt, sizeof(int64) * size);
	st->ncandidates = 0;
	/* PostgreSQL 16 added the argument copy */
#if PG_VERSION_NUM >= 160000
	while (tuplesort_getdatum(st->keysort, true, false, &d, &isnull, NULL))
#else
	while (tuplesort_getdatum(st->keysort, true, &d, &isnull, NULL))
#endif
	{
		int64		h = DatumGetInt64(d);

		Assert(!isnull);
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
	return st->ncandidates > 0;
}

/*
 * After the second reading: of the records sighted with a candidate hash,
 * those whose exact key an earlier record has are the duplicates.  The
 * duplicates known before (a second load in skip mode, whose first reading
 * found them) stay: that reading rejected them, so only colliding hashes of
 * distinct keys can have brought it here.
 */
void
ua_resolve_duplicates(LoadState *st)
{
	List	   *sightings = st->verified;
	Duplicate  *known = st->duplicates;
	KeySighting *first = NULL;
	ListCell   *lc;

	list_sort(sightings, compare_sightings);
	st->duplicates = MemoryContextAlloc(st->loadcxt, sizeof(Duplicate) *
										(st->nduplicates + list_length(sightings) + 1));
	if (st->nduplicates > 0)
		memcpy(st->duplicates, known, sizeof(Duplicate) * st->nduplicates);
	foreach(lc, sightings)
	{
		KeySighting *k = lfirst(lc);

		if (first && strcmp(first->key, k->key) == 0)
		{
			Duplicate  *dup = &st->duplicates[st->nduplicates++];

			Assert(k->line > first->line);
			dup->line = k->line;
			dup->first_line = first->line;
			dup->column = k->column;
			dup->shown = k->shown;
			dup->start = k->start;
			dup->range_end = k->range_end;
		}
		else
			first = k;
	}
	qsort(st->duplicates, st->nduplicates, sizeof(Duplicate), compare_duplicates);
}
