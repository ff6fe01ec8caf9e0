/*
 * insert.c
 *		Bulk insert of parsed rows into the uanalytics tables.
 *
 * The rows arrive one at a time from the loader.  For a plain heap table we
 * do what COPY does: buffer tuples in slots until the batch is full (in rows
 * or in bytes), write them with one table_multi_insert() call using a
 * BulkInsertState, then insert their index entries.  That path would write
 * around partition routing, triggers, row-level security and distribution
 * layers such as Citus, so any such target gets the executor instead: the
 * batch is handed to a prepared INSERT ... SELECT ... FROM ROWS FROM
 * (unnest($1), unnest($2), ...), one array per column, and PostgreSQL routes
 * the rows.
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_relation.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/rls.h"

#include "uanalytics.h"

/*
 * A batch is written once it holds INSERT_BATCH rows or INSERT_BATCH_BYTES
 * bytes of values, whichever comes first, as COPY bounds its buffers
 * (MAX_BUFFERED_TUPLES and MAX_BUFFERED_BYTES in copyfrom.c): a record may
 * be up to 64 MB, and a thousand of them must not be held at once.  A batch
 * holds at most INSERT_BATCH_BYTES plus the one row that crossed it.
 */
#define INSERT_BATCH 1000

/*
 * 1 MB, not COPY's 64 kB: export rows are a few hundred bytes, so ordinary
 * files still go in batches of INSERT_BATCH rows (one INSERT each on the
 * executor path), and only rows with large free text make batches smaller.
 */
#define INSERT_BATCH_BYTES (1024 * 1024)

/* table_multi_insert options: none (tuples not frozen, free space map used) */
#define INSERT_OPTIONS 0

struct RowInserter
{
	Relation	rel;
	int			natts;			/* columns the loader fills */
	AttrNumber *attnums;		/* their attribute numbers */
	int			nbuffered;		/* rows in the batch */
	Size		nbytes;			/* bytes of their values */
	int64		linenos[INSERT_BATCH];
	int64	   *lineno_for_errors;	/* the loader's error context reads it */
	int64	   *last_lineno_for_errors; /* and this, for a whole batch */
	MemoryContext batchcxt;		/* holds the buffered rows; reset per batch */
	bool		bulk;

	/* bulk path */
	EState	   *estate;
	ResultRelInfo *rri;
	BulkInsertState bistate;
	CommandId	cid;
	TupleTableSlot *slots[INSERT_BATCH];

	/* executor path: one array per column */
	SPIPlanPtr	plan;
	char	   *sql;			/* the plan's statement */
	Datum	  **colvalues;
	bool	  **colnulls;
	Oid		   *elemtypes;		/* element type of each parameter array */
	bool	   *as_text;		/* array-typed column: passed as its text */
	Oid		   *outfuncs;
};

/*
 * Can rows go straight into the heap?  Only when nothing that an INSERT
 * would run (triggers, rules, row security, defaults of other columns,
 * partition routing, a distribution layer) can be skipped by doing so.
 */
static bool
bulk_path_allowed(Relation rel, int natts, const AttrNumber *attnums)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	Oid			dist;
	int			i;

	if (!uanalytics_bulk_insert)
		return false;
	if (rel->rd_rel->relkind != RELKIND_RELATION ||
		rel->trigdesc != NULL ||
		rel->rd_rel->relhasrules ||
		check_enable_rls(RelationGetRelid(rel), InvalidOid, true) == RLS_ENABLED)
		return false;

	/* columns the loader does not fill must not expect a default */
	for (i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);
		bool		filled = false;
		int			j;

		if (att->attisdropped)
			continue;
		for (j = 0; j < natts; j++)
			if (attnums[j] == att->attnum)
				filled = true;
		if (!filled && (att->atthasdef || att->attgenerated || att->attidentity))
			return false;
	}

	/* a Citus distributed table is an empty shell on the coordinator */
	dist = get_relname_relid("pg_dist_partition", PG_CATALOG_NAMESPACE);
	if (OidIsValid(dist))
	{
		Oid			argtypes[1] = {OIDOID};
		Datum		args[1] = {ObjectIdGetDatum(RelationGetRelid(rel))};
		bool		distributed;

		SPI_execute_with_args("SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid = $1",
							  1, argtypes, args, NULL, true, 1);
		distributed = SPI_processed > 0;
		if (distributed)
			return false;
	}
	return true;
}

/* Executor state for index insertion and constraint checks, as logical
 * replication's apply worker sets it up. */
static void
begin_bulk(RowInserter *ins)
{
	RangeTblEntry *rte;
	AclResult	aclresult;
	int			i;

	/* the executor checks privileges; this path must do it itself */
	aclresult = pg_class_aclcheck(RelationGetRelid(ins->rel), GetUserId(), ACL_INSERT);
	if (aclresult != ACLCHECK_OK)
		aclcheck_error(aclresult, OBJECT_TABLE, RelationGetRelationName(ins->rel));

	ins->estate = CreateExecutorState();
	rte = makeNode(RangeTblEntry);
	rte->rtekind = RTE_RELATION;
	rte->relid = RelationGetRelid(ins->rel);
	rte->relkind = ins->rel->rd_rel->relkind;
	rte->rellockmode = RowExclusiveLock;
#if PG_VERSION_NUM >= 160000
	/* PostgreSQL 16 moved the privileges out of the RangeTblEntry */
	{
		RTEPermissionInfo *perminfo = addRTEPermissionInfo(&ins->estate->es_rteperminfos, rte);

		perminfo->requiredPerms = ACL_INSERT;
#if PG_VERSION_NUM >= 180000
		/* PostgreSQL 18 takes the entries left after pruning too: the one */
		ExecInitRangeTable(ins->estate, list_make1(rte), list_make1(perminfo), bms_make_singleton(1));
#else
		ExecInitRangeTable(ins->estate, list_make1(rte), list_make1(perminfo));
#endif
	}
#else
	rte->requiredPerms = ACL_INSERT;
	ExecInitRangeTable(ins->estate, list_make1(rte));
#endif
	ins->rri = makeNode(ResultRelInfo);
	InitResultRelInfo(ins->rri, ins->rel, 1, NULL, 0);
	ExecOpenIndices(ins->rri, false);
	ins->cid = GetCurrentCommandId(true);
	ins->estate->es_output_cid = ins->cid;
	ins->bistate = GetBulkInsertState();
	for (i = 0; i < INSERT_BATCH; i++)
		ins->slots[i] = table_slot_create(ins->rel, NULL);
}

/* The INSERT ... SELECT FROM ROWS FROM (unnest(...), ...) of the executor path. */
static void
begin_executor(RowInserter *ins)
{
	TupleDesc	tupdesc = RelationGetDescr(ins->rel);
	StringInfoData cols,
				exprs,
				params,
				sql;
	Oid		   *argtypes = palloc(sizeof(Oid) * ins->natts);
	int			i;

	initStringInfo(&cols);
	initStringInfo(&exprs);
	initStringInfo(&params);
	ins->colvalues = palloc(sizeof(Datum *) * ins->natts);
	ins->colnulls = palloc(sizeof(bool *) * ins->natts);
	ins->elemtypes = palloc(sizeof(Oid) * ins->natts);
	ins->as_text = palloc(sizeof(bool) * ins->natts);
	ins->outfuncs = palloc(sizeof(Oid) * ins->natts);

	for (i = 0; i < ins->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, ins->attnums[i] - 1);
		const char *sep = i > 0 ? ", " : "";

		ins->colvalues[i] = palloc(sizeof(Datum) * INSERT_BATCH);
		ins->colnulls[i] = palloc(sizeof(bool) * INSERT_BATCH);

		/* unnest() flattens arrays of arrays: pass array columns as text */
		ins->as_text[i] = OidIsValid(get_element_type(att->atttypid));
		if (ins->as_text[i])
		{
			bool		isvarlena;

			getTypeOutputInfo(att->atttypid, &ins->outfuncs[i], &isvarlena);
			ins->elemtypes[i] = TEXTOID;
		}
		else
			ins->elemtypes[i] = att->atttypid;
		argtypes[i] = get_array_type(ins->elemtypes[i]);
		if (!OidIsValid(argtypes[i]))
			elog(ERROR, "type %s has no array type", format_type_be(ins->elemtypes[i]));

		appendStringInfo(&cols, "%s%s", sep, quote_identifier(NameStr(att->attname)));
		appendStringInfo(&params, "%spg_catalog.unnest($%d)", sep, i + 1);
		if (ins->as_text[i])
			appendStringInfo(&exprs, "%sc%d::%s", sep, i + 1, format_type_be_qualified(att->atttypid));
		else
			appendStringInfo(&exprs, "%sc%d", sep, i + 1);
	}

	initStringInfo(&sql);
	appendStringInfo(&sql, "INSERT INTO %s (%s) SELECT %s FROM ROWS FROM (%s) AS u(",
					 quote_qualified_identifier(get_namespace_name(RelationGetNamespace(ins->rel)),
												RelationGetRelationName(ins->rel)),
					 cols.data, exprs.data, params.data);
	for (i = 0; i < ins->natts; i++)
		appendStringInfo(&sql, "%sc%d", i > 0 ? ", " : "", i + 1);
	appendStringInfoChar(&sql, ')');

	ins->sql = sql.data;
	ins->plan = SPI_prepare(sql.data, ins->natts, argtypes);
	if (ins->plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql.data, SPI_result_code_string(SPI_result));
	/* not kept: the load's SPI connection frees it, on an error too */
}

/*
 * Prepares the insertion of rows of natts values, into the columns attnums
 * of rel; the loader's error context reads the two line numbers.
 */
RowInserter *
ua_inserter_begin(Relation rel, int natts, const AttrNumber *attnums, int64 *lineno_for_errors,
				  int64 *last_lineno_for_errors)
{
	RowInserter *ins = palloc0(sizeof(RowInserter));

	/* the loader fills live columns of the table, each once */
	Assert(natts > 0 && natts <= RelationGetDescr(rel)->natts);
#ifdef USE_ASSERT_CHECKING
	for (int i = 0; i < natts; i++)
	{
		Assert(attnums[i] > 0 && attnums[i] <= RelationGetDescr(rel)->natts);
		Assert(!TupleDescAttr(RelationGetDescr(rel), attnums[i] - 1)->attisdropped);
		for (int j = 0; j < i; j++)
			Assert(attnums[j] != attnums[i]);
	}
#endif
	Assert(lineno_for_errors != NULL && last_lineno_for_errors != NULL);

	ins->rel = rel;
	ins->natts = natts;
	ins->attnums = palloc(sizeof(AttrNumber) * natts);
	memcpy(ins->attnums, attnums, sizeof(AttrNumber) * natts);
	ins->lineno_for_errors = lineno_for_errors;
	ins->last_lineno_for_errors = last_lineno_for_errors;
	ins->batchcxt = AllocSetContextCreate(CurrentMemoryContext, "uanalytics insert batch",
										  ALLOCSET_DEFAULT_SIZES);
	ins->bulk = bulk_path_allowed(rel, natts, attnums);
	if (ins->bulk)
		begin_bulk(ins);
	else
		begin_executor(ins);
	return ins;
}

/* Writes the buffered rows through the heap, then their index entries. */
static void
flush_bulk(RowInserter *ins)
{
	int			i;
	MemoryContext oldcxt;

	Assert(ins->bulk && ins->estate != NULL && ins->rri != NULL && ins->bistate != NULL);
	Assert(ins->nbuffered > 0 && ins->nbuffered <= INSERT_BATCH);

	oldcxt = MemoryContextSwitchTo(GetPerTupleMemoryContext(ins->estate));
	table_multi_insert(ins->rel, ins->slots, ins->nbuffered, ins->cid, INSERT_OPTIONS,
					   ins->bistate);
	MemoryContextSwitchTo(oldcxt);

	for (i = 0; i < ins->nbuffered; i++)
	{
		*ins->lineno_for_errors = ins->linenos[i];
		if (ins->rri->ri_NumIndices > 0)
		{
			List	   *recheck;

			/* PostgreSQL 16 added the argument onlySummarizing */
#if PG_VERSION_NUM >= 160000
			recheck = ExecInsertIndexTuples(ins->rri, ins->slots[i], ins->estate,
											false, false, NULL, NIL, false);
#else
			recheck = ExecInsertIndexTuples(ins->rri, ins->slots[i], ins->estate,
											false, false, NULL, NIL);
#endif
			list_free(recheck);
		}
		ExecClearTuple(ins->slots[i]);
	}
	ResetPerTupleExprContext(ins->estate);
}

/*
 * Rethrows the error being handled without the context line that SPI adds,
 * which quotes the whole INSERT statement (about 1,500 characters, none of
 * them about the user's file); the loader's context names the lines.  The
 * line is found by the statement's text, as its wording may be translated.
 * An error with a position in the statement carries it as its QUERY
 * instead: dropped too.
 */
static void
drop_statement_context(RowInserter *ins)
{
	MemoryContext errcxt = MemoryContextSwitchTo(ins->batchcxt);
	ErrorData  *edata = CopyErrorData();
	char	   *at;

	FlushErrorState();
	if (edata->context && (at = strstr(edata->context, ins->sql)) != NULL)
	{
		char	   *start = at;
		char	   *end = strchr(at + strlen(ins->sql), '\n');

		while (start > edata->context && start[-1] != '\n')
			start--;
		if (end)
			memmove(start, end + 1, strlen(end + 1) + 1);
		else
			*(start > edata->context ? start - 1 : start) = '\0';
	}
	if (edata->internalquery && strcmp(edata->internalquery, ins->sql) == 0)
	{
		edata->internalquery = NULL;
		edata->internalpos = 0;
	}
	MemoryContextSwitchTo(errcxt);
	ReThrowError(edata);
}

/* Hands the buffered rows to the prepared INSERT ... SELECT. */
static void
flush_executor(RowInserter *ins)
{
	Datum	   *args = palloc(sizeof(Datum) * ins->natts);
	char	   *argnulls = palloc(sizeof(char) * ins->natts);
	MemoryContext oldcxt = MemoryContextSwitchTo(ins->batchcxt);
	int			dims[1] = {ins->nbuffered};
	int			lbs[1] = {1};
	int			i;
	int			rc = 0;

	Assert(!ins->bulk && ins->plan != NULL);
	Assert(ins->nbuffered > 0 && ins->nbuffered <= INSERT_BATCH);

	for (i = 0; i < ins->natts; i++)
	{
		int16		typlen;
		bool		typbyval;
		char		typalign;

		get_typlenbyvalalign(ins->elemtypes[i], &typlen, &typbyval, &typalign);
		args[i] = PointerGetDatum(construct_md_array(ins->colvalues[i], ins->colnulls[i], 1,
													 dims, lbs, ins->elemtypes[i],
													 typlen, typbyval, typalign));
		argnulls[i] = ' ';
	}
	MemoryContextSwitchTo(oldcxt);

	/* an error of the statement is reported with the batch's lines */
	*ins->lineno_for_errors = ins->linenos[0];
	*ins->last_lineno_for_errors = ins->linenos[ins->nbuffered - 1];
	PG_TRY();
	{
		rc = SPI_execute_plan(ins->plan, args, argnulls, false, 0);
	}
	PG_CATCH();
	{
		drop_statement_context(ins);
	}
	PG_END_TRY();
	*ins->last_lineno_for_errors = 0;
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "inserting into \"%s\" failed: %s",
			 RelationGetRelationName(ins->rel), SPI_result_code_string(rc));
	pfree(args);
	pfree(argnulls);
}

static void
flush(RowInserter *ins)
{
	if (ins->nbuffered == 0)
		return;
	if (ins->bulk)
		flush_bulk(ins);
	else
		flush_executor(ins);
	ins->nbuffered = 0;
	ins->nbytes = 0;
	MemoryContextReset(ins->batchcxt);
}

/*
 * The bytes of a row's values, as the caller passes them: what the batch
 * holds a copy of, give or take the text form of array columns on the
 * executor path.
 */
static Size
row_bytes(RowInserter *ins, const Datum *values, const bool *nulls)
{
	TupleDesc	tupdesc = RelationGetDescr(ins->rel);
	Size		bytes = 0;
	int			i;

	for (i = 0; i < ins->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, ins->attnums[i] - 1);

		if (!nulls[i])
			bytes += datumGetSize(values[i], att->attbyval, att->attlen);
	}
	return bytes;
}

/* Buffers one row; the values may live in a context the caller resets. */
void
ua_inserter_add(RowInserter *ins, const Datum *values, const bool *nulls, int64 lineno)
{
	int			n = ins->nbuffered;
	int			i;

	/* not finished, and a full batch was written by the call that filled it */
	Assert(ins->rel != NULL);
	Assert(n >= 0 && n < INSERT_BATCH && ins->nbytes < INSERT_BATCH_BYTES);

	if (ins->bulk)
	{
		TupleTableSlot *slot = ins->slots[n];
		TupleDesc	tupdesc = slot->tts_tupleDescriptor;

		ExecClearTuple(slot);
		for (i = 0; i < tupdesc->natts; i++)
			slot->tts_isnull[i] = true;
		for (i = 0; i < ins->natts; i++)
		{
			slot->tts_values[ins->attnums[i] - 1] = values[i];
			slot->tts_isnull[ins->attnums[i] - 1] = nulls[i];
		}
		ExecStoreVirtualTuple(slot);

		/* copy into the slot's own memory: the caller resets its context */
		ExecMaterializeSlot(slot);
		if (ins->rel->rd_att->constr)
		{
			*ins->lineno_for_errors = lineno;
			ExecConstraints(ins->rri, slot, ins->estate);
		}
	}
	else
	{
		MemoryContext oldcxt = MemoryContextSwitchTo(ins->batchcxt);
		TupleDesc	tupdesc = RelationGetDescr(ins->rel);

		for (i = 0; i < ins->natts; i++)
		{
			Form_pg_attribute att = TupleDescAttr(tupdesc, ins->attnums[i] - 1);

			ins->colnulls[i][n] = nulls[i];
			if (nulls[i])
				ins->colvalues[i][n] = (Datum) 0;
			else if (ins->as_text[i])
				ins->colvalues[i][n] = CStringGetTextDatum(OidOutputFunctionCall(ins->outfuncs[i], values[i]));
			else
				ins->colvalues[i][n] = datumCopy(values[i], att->attbyval, att->attlen);
		}
		MemoryContextSwitchTo(oldcxt);
	}
	ins->linenos[n] = lineno;
	ins->nbuffered++;
	ins->nbytes += row_bytes(ins, values, nulls);
	if (ins->nbuffered == INSERT_BATCH || ins->nbytes >= INSERT_BATCH_BYTES)
		flush(ins);
}

/* Writes what is buffered and releases the inserter's resources. */
void
ua_inserter_finish(RowInserter *ins)
{
	int			i;

	Assert(ins->rel != NULL);
	flush(ins);
	Assert(ins->nbuffered == 0 && ins->nbytes == 0);
	if (ins->bulk)
	{
		FreeBulkInsertState(ins->bistate);
		/* a table access method may defer work to here, as after a COPY */
		table_finish_bulk_insert(ins->rel, INSERT_OPTIONS);
		for (i = 0; i < INSERT_BATCH; i++)
			ExecDropSingleTupleTableSlot(ins->slots[i]);
		ExecCloseIndices(ins->rri);
		FreeExecutorState(ins->estate);
	}
	else
		SPI_freeplan(ins->plan);
	MemoryContextDelete(ins->batchcxt);
	ins->rel = NULL;			/* finished, for the asserts */
}
