/*
 * pseudonym.c
 *		The keyed hash behind uanalytics.users_pseudonymous: HMAC-SHA256 of
 *		a public_id under the key made at install (sql/install/20_privacy.sql).
 */
#include "postgres.h"

#include "common/hmac.h"
#include "common/sha2.h"
#include "fmgr.h"
#include "utils/builtins.h"

/* the varlena macros (VARDATA_ANY, ...) moved to varatt.h in PostgreSQL 16 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * keyed_hash(value text, key bytea): HMAC-SHA256 of the value's bytes, as
 * 64 lower-case hex digits.  An HMAC rather than a hash of key || value:
 * without the key, a pseudonym can be neither recomputed from a known
 * public_id nor extended.
 */
PG_FUNCTION_INFO_V1(uanalytics_keyed_hash);
Datum
uanalytics_keyed_hash(PG_FUNCTION_ARGS)
{
	text	   *value = PG_GETARG_TEXT_PP(0);
	bytea	   *key = PG_GETARG_BYTEA_PP(1);
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	char		hex[PG_SHA256_DIGEST_LENGTH * 2 + 1];
	pg_hmac_ctx *ctx;

	ctx = pg_hmac_create(PG_SHA256);
	if (ctx == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	if (pg_hmac_init(ctx, (uint8 *) VARDATA_ANY(key), VARSIZE_ANY_EXHDR(key)) < 0 ||
		pg_hmac_update(ctx, (uint8 *) VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value)) < 0 ||
		pg_hmac_final(ctx, digest, sizeof(digest)) < 0)
	{
		const char *reason = pg_hmac_error(ctx);

		pg_hmac_free(ctx);
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not compute the keyed hash: %s", reason)));
	}
	pg_hmac_free(ctx);

	hex[hex_encode((const char *) digest, sizeof(digest), hex)] = '\0';
	PG_RETURN_TEXT_P(cstring_to_text(hex));
}
