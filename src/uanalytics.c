/*
 * uanalytics.c
 *		Module entry point of the uanalytics extension.
 *
 * The code is split by concern:
 *		csvread.c		libcsv driving: records, fields and line numbers
 *		values.c		field parsers (dates, counts, booleans, maps) that
 *						need no server, so unit tests and fuzzers reach them
 *		columns.c		the export columns and how each becomes a Datum
 *		loader.c		the SQL-callable loaders, one load from start to end
 *		records.c		the header and each record of an export
 *		periods.c		replacing periods, the views' rollups
 *		duplicates.c	records that repeat a user of their period
 *		insert.c		bulk insert into the tables
 *		agg_*.c			the aggregates, one file per family
 *		functions.c		plain SQL-callable functions
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "uanalytics.h"

PG_MODULE_MAGIC;

bool		uanalytics_bulk_insert = true;
int			uanalytics_key_hash_bits = 64;

void		_PG_init(void);

/* Registers the extension's settings. */
void
_PG_init(void)
{
	DefineCustomBoolVariable("uanalytics.bulk_insert",
							 "Lets the loaders write plain heap tables directly, as COPY does.",
							 "When off, every load goes through INSERT ... SELECT, as it always "
							 "does for partitioned tables and tables with triggers or row security.",
							 &uanalytics_bulk_insert,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
	DefineCustomIntVariable("uanalytics.key_hash_bits",
							"Bits of the key hash that finds duplicate users (a developer setting).",
							"Fewer than 64 makes distinct keys collide, so that tests reach "
							"the exact check that tells them apart.",
							&uanalytics_key_hash_bits,
							64, 1, 64,
							PGC_USERSET,
							GUC_NOT_IN_SAMPLE | GUC_NO_SHOW_ALL,
							NULL, NULL, NULL);
	MarkGUCPrefixReserved("uanalytics");
}
