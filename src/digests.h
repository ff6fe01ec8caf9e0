/*
 * digests.h
 *		The per-period digests of the User Engagement report (digests.c).
 */
#ifndef UA_DIGESTS_H
#define UA_DIGESTS_H

#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/date.h"

/* flags of an entry */
#define DIGEST_ACTIVE			0x01
#define DIGEST_ENABLED			0x02
#define DIGEST_HAS_CREATED		0x04
#define DIGEST_HAS_FIRST_DAY	0x08
#define DIGEST_HAS_LAST_DAY		0x10
#define DIGEST_HAS_MESSAGES		0x20

/* One row of a period, without its public_id */
typedef struct DigestEntry
{
	uint8		flags;
	DateADT		created;		/* created_or_invited_date */
	DateADT		first_day;		/* first_day_active_in_period */
	DateADT		last_day;		/* last_day_active */
	int32		messages;
} DigestEntry;

/*
 * The email lookup of a digest (user_period_emails): per row with an email,
 * the hash of its lower(email) and the offset of its entry in the digest,
 * as hash << 32 | offset; written in buckets by the hash's top byte.
 */
#define EMAIL_BUCKETS 256
#define EMAIL_BUCKET(hash) ((hash) >> 24)

typedef struct DigestEmails
{
	uint64	   *pairs;
	int			n;
	int			max;
} DigestEmails;

extern uint32 ua_email_hash(const char *email, int len);
extern void ua_emails_add(DigestEmails *emails, const char *email, int len, uint32 offset);

extern void ua_digest_start(StringInfo buf);
extern void ua_names_start(StringInfo buf);
extern uint32 ua_digest_append(StringInfo buf, const char *id, int idlen, const DigestEntry *e);
extern void ua_names_append(StringInfo buf, const char *email, int emaillen, const char *name, int namelen);
extern void ua_names_next(const char *data, Size len, Size *pos, const char **email, int *emaillen,
						  const char **name, int *namelen);
/* PostgreSQL 18 replaced pg_attribute_noreturn() by pg_noreturn, written first */
#if PG_VERSION_NUM >= 180000
pg_noreturn extern void ua_digest_corrupt(void);
#else
extern void ua_digest_corrupt(void) pg_attribute_noreturn();
#endif
/*
 * ua_read_digests' callbacks: a row of the query with its digest (read
 * whole, freed after), and the end of an account's rows
 */
typedef void (*UaDigestRowFn) (void *arg, const char *account, HeapTuple row, TupleDesc desc, bytea *digest);
typedef void (*UaAccountDoneFn) (void *arg);

extern void ua_read_digests(Portal cursor, int digest_col, UaDigestRowFn on_row, UaAccountDoneFn on_account,
							void *arg);
extern uint32 ua_digest_open(const char *data, Size len, Size *pos);
extern void ua_digest_next(const char *data, Size len, Size *pos, const char **id, int *idlen,
						   DigestEntry *e);

#endif
