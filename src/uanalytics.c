/*
 * uanalytics.c
 *		Module entry point of the uanalytics extension.
 *
 * The code is split by concern:
 *		csvread.c		libcsv driving: records, fields and line numbers
 *		values.c		field parsers (dates, counts, booleans, maps) that
 *						need no server, so unit tests and fuzzers reach them
 *		columns.c		the export columns and how each becomes a Datum
 *		loader.c		the SQL-callable loaders and their bookkeeping
 *		insert.c		bulk insert into the tables
 *		agg_*.c			the aggregates, one file per family
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
