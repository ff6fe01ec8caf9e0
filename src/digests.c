/*
 * digests.c
 *		The per-period digests of the User Engagement report: what people,
 *		cohort_retention and habitual_users need of every stored user row,
 *		a few bytes a row, in one value per period
 *		(uanalytics.user_period_digests), and their email lookup
 *		(uanalytics.user_period_emails).
 *
 * The loader appends an entry for each stored row with a public_id while
 * the rows go in (ua_digest_add_row) and writes the period's digest with its
 * rollup row (ua_digest_store), in the load's transaction: a replaced period
 * gets a new digest, a rolled-back load leaves the old one.  Nothing is kept
 * per user, so a load writes a few values per period whatever its size.
 * uanalytics.refresh_digests() makes the same from the stored rows (for the
 * periods of 0.1.0, and tables edited by hand).
 *
 * A digest is "UAD1", the number of entries (uint32), then per entry: the
 * public_id's length (uint32) and bytes, flags (uint8), then
 * created_or_invited_date, first_day_active_in_period, last_day_active and
 * messages (int32 each; 0 when the flag says NULL), all in the server's
 * byte order (a digest never leaves the database but in a dump, which
 * refresh_digests can remake).
 *
 * A complete week's digest has its names beside it (the names column):
 * per entry, in the same order, the email and the name, each a length
 * (uint32; NAMES_NULL for NULL) and bytes.  habitual_users reads them
 * instead of the week's rows.
 *
 * Every period's digest also has an email lookup beside it
 * (user_period_emails), so that people can find a person by lower(email)
 * without reading every row: per row with an email, the hash of its
 * lower(email) and the offset of the row's entry in the digest, 8 bytes a
 * row, split in 256 buckets by the hash's top byte, one row per bucket.  A
 * lookup reads one bucket per period, then the public_id of each entry whose
 * hash matches from a slice of the digest (stored uncompressed, so a slice
 * reads a chunk or two); the candidates are then checked against the rows.
 *
 * The digest and the names are built in a StringInfo that starts with room
 * for a bytea's header (ua_digest_start, ua_names_start), so that the value
 * written is the buffer itself, not a copy of tens of megabytes.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/formatting.h"
#include "utils/lsyscache.h"

#include "load.h"
#include "digests.h"

#define DIGEST_MAGIC "UAD1"
#define DIGEST_HEADER 8
#define NAMES_NULL PG_UINT32_MAX

/* Starts a digest: the bytea header's room, the magic and a count of 0 */
void
ua_digest_start(StringInfo buf)
{
	initStringInfo(buf);
	appendBinaryStringInfo(buf, "\0\0\0\0" DIGEST_MAGIC "\0\0\0\0", VARHDRSZ + DIGEST_HEADER);
}

/* Starts a week's names: the bytea header's room */
void
ua_names_start(StringInfo buf)
{
	initStringInfo(buf);
	appendBinaryStringInfo(buf, "\0\0\0\0", VARHDRSZ);
}

/* The bytea a buffer started above holds, in place */
static bytea *
buffer_bytea(StringInfo buf)
{
	SET_VARSIZE(buf->data, buf->len);
	return (bytea *) buf->data;
}

/*
 * Appends the entry of one row to a digest started by ua_digest_start;
 * returns its offset in the digest's data
 */
uint32
ua_digest_append(StringInfo buf, const char *id, int idlen, const DigestEntry *e)
{
	uint32		len = (uint32) idlen;
	uint32		n;
	uint32		offset = (uint32) (buf->len - VARHDRSZ);

	appendBinaryStringInfo(buf, (const char *) &len, sizeof(len));
	appendBinaryStringInfo(buf, id, len);
	appendBinaryStringInfo(buf, (const char *) &e->flags, 1);
	appendBinaryStringInfo(buf, (const char *) &e->created, 4);
	appendBinaryStringInfo(buf, (const char *) &e->first_day, 4);
	appendBinaryStringInfo(buf, (const char *) &e->last_day, 4);
	appendBinaryStringInfo(buf, (const char *) &e->messages, 4);
	/* the count in the header */
	memcpy(&n, buf->data + VARHDRSZ + 4, 4);
	n++;
	memcpy(buf->data + VARHDRSZ + 4, &n, 4);
	return offset;
}

/*
 * Whether lower() of the database's default collation maps the printable
 * ASCII characters as pg_ascii_tolower does (not so in a Turkish locale,
 * where I becomes a dotless i): then an email all in ASCII is lowered here
 * without a call per row.  Checked once per backend (one database).
 */
static bool
ascii_lower_is_plain(void)
{
	static int	plain = -1;

	if (plain < 0)
	{
		char		ascii[95];
		char		want[95];
		char	   *lowered;
		int			i;

		for (i = 0; i < 95; i++)
		{
			ascii[i] = (char) (0x20 + i);
			want[i] = pg_ascii_tolower(ascii[i]);
		}
		lowered = str_tolower(ascii, sizeof(ascii), DEFAULT_COLLATION_OID);
		plain = strlen(lowered) == sizeof(want) && memcmp(lowered, want, sizeof(want)) == 0;
		pfree(lowered);
	}
	return plain == 1;
}

/*
 * The hash of lower(email) in the default collation (as SQL's lower() of the
 * email column gives it): what the lookup of people by email compares.
 */
uint32
ua_email_hash(const char *email, int len)
{
	char		buf[256];
	char	   *lowered;
	uint32		hash;
	int			i;

	if (len <= (int) sizeof(buf) && ascii_lower_is_plain())
	{
		for (i = 0; i < len && !IS_HIGHBIT_SET(email[i]); i++)
			buf[i] = pg_ascii_tolower(email[i]);
		if (i == len)
			return hash_bytes((const unsigned char *) buf, len);
	}
	lowered = str_tolower(email, len, DEFAULT_COLLATION_OID);
	hash = hash_bytes((const unsigned char *) lowered, (int) strlen(lowered));
	pfree(lowered);
	return hash;
}

/* Adds a row's email, whose entry is at offset in the digest, to its lookup */
void
ua_emails_add(DigestEmails *emails, const char *email, int len, uint32 offset)
{
	if (emails->n == emails->max)
	{
		emails->max = emails->max ? emails->max * 2 : 1024;
		emails->pairs = emails->pairs ? repalloc_huge(emails->pairs, emails->max * sizeof(uint64))
			: palloc_extended(emails->max * sizeof(uint64), MCXT_ALLOC_HUGE);
	}
	emails->pairs[emails->n++] = ((uint64) ua_email_hash(email, len) << 32) | offset;
}

static void
append_text(StringInfo buf, const char *data, int len)
{
	uint32		l = data ? (uint32) len : NAMES_NULL;

	appendBinaryStringInfo(buf, (const char *) &l, 4);
	if (data)
		appendBinaryStringInfo(buf, data, len);
}

/* Appends the email and name of one row to a week's names */
void
ua_names_append(StringInfo buf, const char *email, int emaillen, const char *name, int namelen)
{
	append_text(buf, email, emaillen);
	append_text(buf, name, namelen);
}

static const char *
next_text(const char *data, Size len, Size *pos, int *textlen)
{
	uint32		l;
	const char *t;

	if (len - *pos < 4)
		goto corrupt;
	memcpy(&l, data + *pos, 4);
	*pos += 4;
	if (l == NAMES_NULL)
		return NULL;
	if (len - *pos < l)
		goto corrupt;
	t = data + *pos;
	*pos += l;
	*textlen = (int) l;
	return t;
corrupt:
	ua_digest_corrupt();
}

/* Reads the email and name at *pos (NULL for NULL) and moves past them */
void
ua_names_next(const char *data, Size len, Size *pos, const char **email, int *emaillen,
			  const char **name, int *namelen)
{
	*email = next_text(data, len, pos, emaillen);
	*name = next_text(data, len, pos, namelen);
}

/* A digest that does not read as one: damaged, or edited by hand */
void
ua_digest_corrupt(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid user period digest"),
			 errhint("Run SELECT uanalytics.refresh_digests(); to remake the digests from the stored rows.")));
}

/*
 * Reads the rows of a cursor over user_period_digests whose first column is
 * account_id, ordered by it, and whose column digest_col is the digest: calls
 * on_row for each, and on_account after an account's last row.  The rows
 * are fetched a few at a time and kept aside from SPI_tuptable, so that the
 * callbacks may run queries of their own.  Closes the cursor.
 */
void
ua_read_digests(Portal cursor, int digest_col, UaDigestRowFn on_row, UaAccountDoneFn on_account, void *arg)
{
	MemoryContext outer = CurrentMemoryContext;
	char	   *account = NULL;

	for (;;)
	{
		SPITupleTable *batch;
		uint64		n;
		uint64		i;

		SPI_cursor_fetch(cursor, true, 16);
		batch = SPI_tuptable;
		n = SPI_processed;
		if (n == 0)
			break;
		for (i = 0; i < n; i++)
		{
			HeapTuple	t = batch->vals[i];
			bool		isnull;
			char	   *row_account = SPI_getvalue(t, batch->tupdesc, 1);
			Datum		raw = SPI_getbinval(t, batch->tupdesc, digest_col, &isnull);
			bytea	   *digest;

			if (account && strcmp(account, row_account) != 0)
			{
				on_account(arg);
				pfree(account);
				account = NULL;
			}
			if (!account)
				account = MemoryContextStrdup(outer, row_account);
			pfree(row_account);
			digest = DatumGetByteaPP(raw);
			on_row(arg, account, t, batch->tupdesc, digest);
			if ((Pointer) digest != DatumGetPointer(raw))
				pfree(digest);
		}
		SPI_freetuptable(batch);
	}
	SPI_cursor_close(cursor);
	if (account)
		on_account(arg);
}

/*
 * Starts reading a digest: checks its header and returns the number of
 * entries; *pos is then at the first.
 */
uint32
ua_digest_open(const char *data, Size len, Size *pos)
{
	uint32		n;

	if (len < DIGEST_HEADER || memcmp(data, DIGEST_MAGIC, 4) != 0)
		ua_digest_corrupt();
	memcpy(&n, data + 4, 4);
	*pos = DIGEST_HEADER;
	return n;
}

/* Reads the entry at *pos and moves past it */
void
ua_digest_next(const char *data, Size len, Size *pos, const char **id, int *idlen, DigestEntry *e)
{
	uint32		l;

	if (len - *pos < 4)
		goto corrupt;
	memcpy(&l, data + *pos, 4);
	if (len - *pos - 4 < (Size) l + 17)
		goto corrupt;
	*id = data + *pos + 4;
	*idlen = (int) l;
	*pos += 4 + l;
	e->flags = (uint8) data[*pos];
	memcpy(&e->created, data + *pos + 1, 4);
	memcpy(&e->first_day, data + *pos + 5, 4);
	memcpy(&e->last_day, data + *pos + 9, 4);
	memcpy(&e->messages, data + *pos + 13, 4);
	*pos += 17;
	return;
corrupt:
	ua_digest_corrupt();
}

/* A text value of the loader's current row, or NULL */
static text *
row_text(LoadState *st, int col)
{
	return col < 0 || st->nulls[col] ? NULL : DatumGetTextPP(st->values[col]);
}

/*
 * The entry of the loader's current row (a User Engagement row with a
 * public_id, whose is_active and user_status ua_count_row has read), and in
 * a complete week its email and name
 */
void
ua_digest_add_row(LoadState *st, PeriodTotals *t, bool active, bool enabled, bool weekly)
{
	text	   *id = DatumGetTextPP(st->values[st->col_key]);
	text	   *email = row_text(st, st->col_email);
	DigestEntry e;
	MemoryContext oldcxt;
	uint32		offset;

	memset(&e, 0, sizeof(e));
	if (active)
		e.flags |= DIGEST_ACTIVE;
	if (enabled)
		e.flags |= DIGEST_ENABLED;
#define DIGEST_DATE(col, flag, field) \
	if ((col) >= 0 && !st->nulls[col]) \
	{ \
		e.flags |= (flag); \
		e.field = DatumGetDateADT(st->values[col]); \
	}
	DIGEST_DATE(st->col_created, DIGEST_HAS_CREATED, created);
	DIGEST_DATE(st->col_first_day, DIGEST_HAS_FIRST_DAY, first_day);
	DIGEST_DATE(st->col_last_active, DIGEST_HAS_LAST_DAY, last_day);
#undef DIGEST_DATE
	if (st->col_sums[0] >= 0 && !st->nulls[st->col_sums[0]])
	{
		e.flags |= DIGEST_HAS_MESSAGES;
		e.messages = DatumGetInt32(st->values[st->col_sums[0]]);
	}
	oldcxt = MemoryContextSwitchTo(st->loadcxt);
	if (t->digest.data == NULL)
		ua_digest_start(&t->digest);
	offset = ua_digest_append(&t->digest, VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id), &e);
	if (email)
		ua_emails_add(&t->emails, VARDATA_ANY(email), VARSIZE_ANY_EXHDR(email), offset);
	if (weekly)
	{
		text	   *name = row_text(st, st->col_name);

		if (t->names.data == NULL)
			ua_names_start(&t->names);
		ua_names_append(&t->names, email ? VARDATA_ANY(email) : NULL, email ? VARSIZE_ANY_EXHDR(email) : 0,
						name ? VARDATA_ANY(name) : NULL, name ? VARSIZE_ANY_EXHDR(name) : 0);
	}
	MemoryContextSwitchTo(oldcxt);
}

/*
 * A period's email lookup as two arrays for unnest(): the numbers of the
 * buckets that hold an email, and each one's entries (hash << 32 | offset,
 * 8 bytes each, in the order of the rows)
 */
static void
emails_arrays(const DigestEmails *emails, Datum *buckets, Datum *entries)
{
	int			count[EMAIL_BUCKETS];
	bytea	   *value[EMAIL_BUCKETS];
	uint64	   *fill[EMAIL_BUCKETS];
	Datum		numbers[EMAIL_BUCKETS];
	Datum		values[EMAIL_BUCKETS];
	int			n = 0;
	int			b;
	int			i;

	memset(count, 0, sizeof(count));
	for (i = 0; i < emails->n; i++)
		count[EMAIL_BUCKET((uint32) (emails->pairs[i] >> 32))]++;
	for (b = 0; b < EMAIL_BUCKETS; b++)
	{
		if (count[b] == 0)
			continue;
		value[b] = palloc(VARHDRSZ + count[b] * sizeof(uint64));
		SET_VARSIZE(value[b], VARHDRSZ + count[b] * sizeof(uint64));
		fill[b] = (uint64 *) VARDATA(value[b]);
		numbers[n] = Int16GetDatum((int16) b);
		values[n++] = PointerGetDatum(value[b]);
	}
	for (i = 0; i < emails->n; i++)
		*fill[EMAIL_BUCKET((uint32) (emails->pairs[i] >> 32))]++ = emails->pairs[i];
	*buckets = PointerGetDatum(construct_array(numbers, n, INT2OID, sizeof(int16), true, TYPALIGN_SHORT));
	*entries = PointerGetDatum(construct_array(values, n, BYTEAOID, -1, false, TYPALIGN_INT));
}

/*
 * Writes a digest (and a week's names) and its email lookup, replacing the
 * period's stored ones,
 * as the table's owner (ua_become_owner): a loader role granted the tables
 * of 0.1.0 (doc/privileges.md) has no privilege on user_period_digests, and
 * its loads must go on after ALTER EXTENSION UPDATE; the caller chooses
 * nothing of what is written but through the rows it stored itself.
 */
static void
store_digest(const char *account, const char *cadence, DateADT start, DateADT end, DateADT key,
			 bool is_partial, int64 load_id, StringInfo digest, StringInfo names, DigestEmails *emails)
{
	Oid			types[11] = {TEXTOID, TEXTOID, DATEOID, DATEOID, DATEOID, BOOLOID, INT8OID, BYTEAOID, BYTEAOID,
	INT2ARRAYOID, BYTEAARRAYOID};
	Datum		args[11];
	char		nulls[11] = "           ";
	Oid			owner;
	UaSavedUser saved;

	(void) ua_relation_info(get_relname_relid("user_period_digests", get_namespace_oid("uanalytics", false)),
							&owner);
	nulls[8] = names ? ' ' : 'n';
	args[8] = names ? PointerGetDatum(buffer_bytea(names)) : (Datum) 0;
	args[0] = CStringGetTextDatum(account);
	args[1] = CStringGetTextDatum(cadence);
	args[2] = DateADTGetDatum(start);
	args[3] = DateADTGetDatum(end);
	args[4] = DateADTGetDatum(key);
	args[5] = BoolGetDatum(is_partial);
	args[6] = Int64GetDatum(load_id);
	args[7] = PointerGetDatum(buffer_bytea(digest));
	emails_arrays(emails, &args[9], &args[10]);
	ua_become_owner(owner, &saved);
	ua_run_sql("INSERT INTO uanalytics.user_period_digests (account_id, cadence, period_start, "
			   "period_end, period_key, is_partial, load_id, digest, names) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
			   "ON CONFLICT (account_id, cadence, period_start, period_key) DO UPDATE SET "
			   "period_end = $4, is_partial = $6, load_id = $7, digest = $8, names = $9",
			   9, types, args, nulls, SPI_OK_INSERT);
	ua_run_sql("DELETE FROM uanalytics.user_period_emails "
			   "WHERE (account_id, cadence, period_start, period_key) = ($1, $2, $3, $5)",
			   5, types, args, nulls, SPI_OK_DELETE);
	ua_run_sql("INSERT INTO uanalytics.user_period_emails (account_id, cadence, period_start, "
			   "period_key, bucket, entries) "
			   "SELECT $1, $2, $3, $5, u.b, u.e FROM unnest($10, $11) AS u(b, e)",
			   11, types, args, nulls, SPI_OK_INSERT);
	ua_restore_user(&saved);
}

/* The load's digest of a user period, written with its rollup */
void
ua_digest_store(LoadState *st, LoadPeriod *p, DateADT key)
{
	StringInfoData empty;
	StringInfo	digest = &p->totals.digest;
	StringInfo	names = NULL;

	if (digest->data == NULL)
	{
		ua_digest_start(&empty);
		digest = &empty;
	}
	/* a complete week has names, none if it lists nobody */
	if (p->cadence == UA_CADENCE_WEEKLY && !p->is_partial)
	{
		if (p->totals.names.data == NULL)
			ua_names_start(&p->totals.names);
		names = &p->totals.names;
	}
	store_digest(p->account_id, ua_cadence_names[p->cadence], p->start, p->end, key,
				 p->is_partial, st->load_id, digest, names, &p->totals.emails);
}

/* One row of a period's rows read back, as the loader makes its entry */
static void
entry_of(HeapTuple t, TupleDesc d, StringInfo digest, StringInfo names, DigestEmails *emails)
{
	bool		isnull;
	text	   *id = DatumGetTextPP(SPI_getbinval(t, d, 1, &isnull));
	text	   *et;
	DigestEntry e;
	Datum		v;
	uint32		offset;

	memset(&e, 0, sizeof(e));
	v = SPI_getbinval(t, d, 2, &isnull);
	if (!isnull && DatumGetBool(v))
		e.flags |= DIGEST_ACTIVE;
	v = SPI_getbinval(t, d, 3, &isnull);
	if (!isnull && DatumGetBool(v))
		e.flags |= DIGEST_ENABLED;
#define DIGEST_GET(n, flag, field, get) \
	v = SPI_getbinval(t, d, n, &isnull); \
	if (!isnull) \
	{ \
		e.flags |= (flag); \
		e.field = get(v); \
	}
	DIGEST_GET(4, DIGEST_HAS_CREATED, created, DatumGetDateADT);
	DIGEST_GET(5, DIGEST_HAS_FIRST_DAY, first_day, DatumGetDateADT);
	DIGEST_GET(6, DIGEST_HAS_LAST_DAY, last_day, DatumGetDateADT);
	DIGEST_GET(7, DIGEST_HAS_MESSAGES, messages, DatumGetInt32);
#undef DIGEST_GET
	offset = ua_digest_append(digest, VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id), &e);
	v = SPI_getbinval(t, d, 8, &isnull);
	et = isnull ? NULL : DatumGetTextPP(v);
	if (et)
		ua_emails_add(emails, VARDATA_ANY(et), VARSIZE_ANY_EXHDR(et), offset);
	if (names)
	{
		Datum		name = SPI_getbinval(t, d, 9, &isnull);
		text	   *nt = isnull ? NULL : DatumGetTextPP(name);

		ua_names_append(names, et ? VARDATA_ANY(et) : NULL, et ? VARSIZE_ANY_EXHDR(et) : 0,
						nt ? VARDATA_ANY(nt) : NULL, nt ? VARSIZE_ANY_EXHDR(nt) : 0);
	}
}

/* The digest (and names, for a complete week) of one stored period, from its rows */
static void
period_digest(Datum *args, StringInfo digest, StringInfo names, DigestEmails *emails)
{
	Oid			types[4] = {TEXTOID, TEXTOID, DATEOID, DATEOID};
	uint64		r;

	if (SPI_execute_with_args("SELECT public_id, is_active, user_status = 'enabled', created_or_invited_date, "
							  "first_day_active_in_period, last_day_active, messages, email, name "
							  "FROM uanalytics.user_engagement "
							  "WHERE (account_id, cadence, period_start, period_end) = ($1, $2, $3, $4) "
							  "AND public_id IS NOT NULL",
							  4, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "refresh_digests: reading a period failed");
	for (r = 0; r < SPI_processed; r++)
		entry_of(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, digest, names, emails);
	SPI_freetuptable(SPI_tuptable);
}

/*
 * uanalytics.refresh_digests() -> bigint: every user period's digest made
 * again from its stored rows; returns the number of periods.
 */
PG_FUNCTION_INFO_V1(ua_refresh_digests);
Datum
ua_refresh_digests(PG_FUNCTION_ARGS)
{
	int64		periods = 0;
	uint64		i;
	SPITupleTable *list;
	uint64		nlist;

	SPI_connect();
	if (SPI_execute("DELETE FROM uanalytics.user_period_digests", false, 0) != SPI_OK_DELETE ||
		SPI_execute("DELETE FROM uanalytics.user_period_emails", false, 0) != SPI_OK_DELETE)
		elog(ERROR, "refresh_digests: delete failed");
	if (SPI_execute("SELECT account_id, cadence, period_start, period_end, period_key, is_partial, load_id "
					"FROM uanalytics.periods WHERE kind = 'users' ORDER BY 1, 2, 3, 5", false, 0) != SPI_OK_SELECT)
		elog(ERROR, "refresh_digests: listing the periods failed");
	list = SPI_tuptable;
	nlist = SPI_processed;
	for (i = 0; i < nlist; i++)
	{
		HeapTuple	pt = list->vals[i];
		TupleDesc	pd = list->tupdesc;
		bool		isnull;
		Datum		args[4];
		StringInfoData digest;
		StringInfoData names;
		DigestEmails emails;
		char	   *account = SPI_getvalue(pt, pd, 1);
		char	   *cadence = SPI_getvalue(pt, pd, 2);
		bool		is_partial = DatumGetBool(SPI_getbinval(pt, pd, 6, &isnull));
		bool		week = strcmp(cadence, "Weekly") == 0 && !is_partial;

		args[0] = CStringGetTextDatum(account);
		args[1] = CStringGetTextDatum(cadence);
		args[2] = SPI_getbinval(pt, pd, 3, &isnull);
		args[3] = SPI_getbinval(pt, pd, 4, &isnull);
		ua_digest_start(&digest);
		ua_names_start(&names);
		memset(&emails, 0, sizeof(emails));
		period_digest(args, &digest, week ? &names : NULL, &emails);
		store_digest(account, cadence, DatumGetDateADT(args[2]), DatumGetDateADT(args[3]),
					 DatumGetDateADT(SPI_getbinval(pt, pd, 5, &isnull)), is_partial,
					 DatumGetInt64(SPI_getbinval(pt, pd, 7, &isnull)), &digest, week ? &names : NULL,
					 &emails);
		pfree(digest.data);
		pfree(names.data);
		if (emails.pairs)
			pfree(emails.pairs);
		periods++;
	}
	SPI_finish();
	PG_RETURN_INT64(periods);
}

/*
 * uanalytics.user_period_digest_rows(digest bytea, names bytea) -> the
 * entries of a digest as rows (with the email and name of a complete
 * week's), to look at one and to test the loader's against
 * refresh_digests'.
 */
PG_FUNCTION_INFO_V1(ua_user_period_digest_rows);
Datum
ua_user_period_digest_rows(PG_FUNCTION_ARGS)
{
	bytea	   *bytes;
	bytea	   *namebytes = PG_ARGISNULL(1) ? NULL : PG_GETARG_BYTEA_PP(1);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *data;
	Size		len;
	Size		pos;
	Size		npos = 0;
	uint32		n;
	uint32		i;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	bytes = PG_GETARG_BYTEA_PP(0);
	data = VARDATA_ANY(bytes);
	len = VARSIZE_ANY_EXHDR(bytes);
	n = ua_digest_open(data, len, &pos);
	for (i = 0; i < n; i++)
	{
		const char *id;
		int			idlen;
		DigestEntry e;
		Datum		values[9];
		bool		nulls[9];

		ua_digest_next(data, len, &pos, &id, &idlen, &e);
		memset(nulls, 0, sizeof(nulls));
		values[0] = PointerGetDatum(cstring_to_text_with_len(id, idlen));
		values[1] = BoolGetDatum((e.flags & DIGEST_ACTIVE) != 0);
		values[2] = BoolGetDatum((e.flags & DIGEST_ENABLED) != 0);
		values[3] = DateADTGetDatum(e.created);
		nulls[3] = !(e.flags & DIGEST_HAS_CREATED);
		values[4] = DateADTGetDatum(e.first_day);
		nulls[4] = !(e.flags & DIGEST_HAS_FIRST_DAY);
		values[5] = DateADTGetDatum(e.last_day);
		nulls[5] = !(e.flags & DIGEST_HAS_LAST_DAY);
		values[6] = Int32GetDatum(e.messages);
		nulls[6] = !(e.flags & DIGEST_HAS_MESSAGES);
		nulls[7] = nulls[8] = true;
		if (namebytes)
		{
			const char *email;
			const char *name;
			int			elen;
			int			nlen;

			ua_names_next(VARDATA_ANY(namebytes), VARSIZE_ANY_EXHDR(namebytes), &npos,
						  &email, &elen, &name, &nlen);
			nulls[7] = email == NULL;
			values[7] = email ? PointerGetDatum(cstring_to_text_with_len(email, elen)) : (Datum) 0;
			nulls[8] = name == NULL;
			values[8] = name ? PointerGetDatum(cstring_to_text_with_len(name, nlen)) : (Datum) 0;
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	if (pos != len || (namebytes && npos != VARSIZE_ANY_EXHDR(namebytes)))
		ua_digest_corrupt();
	return (Datum) 0;
}
