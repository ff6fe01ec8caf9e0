/*
 * records.c
 *		The header of an export and each of its records: which column each
 *		field is, the conversion and checks of every record, and what
 *		happens to a bad one (an error, or a row of uanalytics.load_errors).
 */
#include "postgres.h"

#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "common/sha2.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/formatting.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "load.h"

/*
 * Where the values after the report's columns go in st->values: load_id,
 * extra, and is_partial, which the survey report has not (it has no
 * periods).
 */
#define VAL_LOAD_ID(st) ((st)->ncolumns)
#define VAL_EXTRA(st) ((st)->ncolumns + 1)
#define VAL_PARTIAL(st) ((st)->ncolumns + 2)

static void note_record(LoadState *st, const CsvRecord *rec, const char *column,
						const FieldError *err, bool repaired);

/*
 * A bad record: with on_error => 'abort' an error naming source, line,
 * column and value; with 'skip' a row in uanalytics.load_errors.
 */
static void
reject(LoadState *st, const CsvRecord *rec, const char *column, const FieldError *err)
{
	/* the second reading only looks for duplicate keys */
	if (st->verifying)
		return;

	if (!st->skip_errors)
	{
		st->own_error = true;
		if (column)
			ereport(ERROR,
					(errcode(err->sqlstate),
					 errmsg("\"%s\", line " INT64_FORMAT ", column %s: %s",
							st->src->name, rec->line, column, err->message),
					 err->detail ? errdetail("%s", err->detail) : 0,
					 errhint("Pass on_error => 'skip' to load the other records and keep the bad ones in uanalytics.load_errors.")));
		else
			ereport(ERROR,
					(errcode(err->sqlstate),
					 errmsg("\"%s\", line " INT64_FORMAT ": %s",
							st->src->name, rec->line, err->message),
					 err->detail ? errdetail("%s", err->detail) : 0,
					 errhint("Pass on_error => 'skip' to load the other records and keep the bad ones in uanalytics.load_errors.")));
	}

	st->rows_rejected++;
	note_record(st, rec, column, err, false);
}

/*
 * Writes a row of uanalytics.load_errors: a rejected record, or (repaired)
 * a field whose invalid bytes were stored as U+FFFD.
 */
static void
note_record(LoadState *st, const CsvRecord *rec, const char *column, const FieldError *err,
			bool repaired)
{
	Datum		args[7];
	char		nulls[7] = {' ', ' ', ' ', ' ', ' ', ' ', ' '};
	size_t		rawlen = rec->rawlen;
	int			rc;

	if (st->errplan == NULL)
	{
		Oid			types[7] = {INT8OID, INT8OID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, BOOLOID};
		MemoryContext oldcxt = MemoryContextSwitchTo(st->loadcxt);

		st->errplan = SPI_prepare("INSERT INTO uanalytics.load_errors (load_id, line_number, "
								  "column_name, message, sqlstate, raw_record, repaired) "
								  "VALUES ($1, $2, $3, $4, $5, $6, $7)", 7, types);
		if (st->errplan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		MemoryContextSwitchTo(oldcxt);
	}
	while (rawlen > 0 && (rec->raw[rawlen - 1] == '\n' || rec->raw[rawlen - 1] == '\r'))
		rawlen--;
	args[0] = Int64GetDatum(st->load_id);
	args[1] = Int64GetDatum(rec->line);
	args[2] = column ? CStringGetTextDatum(column) : (Datum) 0;
	nulls[2] = column ? ' ' : 'n';
	args[3] = CStringGetTextDatum(err->message);
	args[4] = CStringGetTextDatum(unpack_sql_state(err->sqlstate));
	args[5] = CStringGetTextDatum(ua_printable_text(rec->raw, rawlen));
	args[6] = BoolGetDatum(repaired);
	rc = SPI_execute_plan(st->errplan, args, nulls, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not record a rejected record: %s", SPI_result_code_string(rc));
}

/* The same for a problem without a FieldError at hand. */
static void
reject_msg(LoadState *st, const CsvRecord *rec, const char *column, int sqlstate,
		   char *message, const char *detail)
{
	FieldError	err;

	err.sqlstate = sqlstate;
	err.message = message;
	err.detail = detail ? pstrdup(detail) : NULL;
	reject(st, rec, column, &err);
}

/* A record that repeats the user (or GPT) of an earlier record of its period. */
void
ua_reject_duplicate(LoadState *st, const CsvRecord *rec, const Duplicate *dup)
{
	reject_msg(st, rec, dup->column, ERRCODE_UNIQUE_VIOLATION,
			   psprintf("%s %s appears twice in %s %s%s%s",
						st->kind == REPORT_GPTS ? "GPT" : st->kind == REPORT_PROJECTS ? "project" : "user",
						ua_quote_value(dup->shown, strlen(dup->shown)),
						dup->range_end != 0 ? "the date range" : "period", ua_date_text(dup->start),
						dup->range_end != 0 ? " to " : "",
						dup->range_end != 0 ? ua_date_text(dup->range_end) : ""),
			   psprintf("It is also on line " INT64_FORMAT ".", dup->first_line));
}

/*
 * Is this the shape of an export's period: Sunday to Saturday, or a
 * calendar month, or for a partial export the part of one up to its end?
 * The views compare each period with the one before it, which only works
 * for periods of that shape.  A Date Range is compared with nothing; it
 * only has to be no longer than the dashboard lets one choose.
 */
static bool
period_shape_ok(UaCadence cadence, bool is_partial, DateADT start, DateADT end)
{
	int			y,
				m,
				d;
	DateADT		last;

	/* a custom range: any days, up to 366 of them counting both ends */
	if (cadence == UA_CADENCE_DATE_RANGE)
		return end - start < UA_MAX_RANGE_DAYS;
	if (cadence == UA_CADENCE_WEEKLY)
	{
		if (j2day(start + POSTGRES_EPOCH_JDATE) != 0)
			return false;
		last = start + 6;
	}
	else
	{
		j2date(start + POSTGRES_EPOCH_JDATE, &y, &m, &d);
		if (d != 1)
			return false;
		last = (m == 12 ? date2j(y + 1, 1, 1) : date2j(y, m + 1, 1)) - POSTGRES_EPOCH_JDATE - 1;
	}
	/* a partial export of 2026 ends on its latest day with data */
	return is_partial ? end <= last : end == last;
}

/* ---- header ---- */

/* The header's names, in lower case and without blanks; each once. */
static char **
header_names(LoadState *st, const CsvRecord *rec)
{
	char	  **names = palloc(sizeof(char *) * rec->nfields);
	int			i;
	int			j;

	for (i = 0; i < rec->nfields; i++)
	{
		FieldError	err;

		if (!ua_check_field_encoding(rec->fields[i], rec->lengths[i], &err))
			ua_file_error(st, err.sqlstate, psprintf("header: %s", err.message), NULL, NULL);
		names[i] = ua_header_name(rec->fields[i], rec->lengths[i], true);
		for (j = 0; j < i; j++)
			if (names[j][0] != '\0' && strcmp(names[i], names[j]) == 0)
				ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
							  psprintf("column \"%s\" appears twice in the header",
									   ua_printable_text(names[i], strlen(names[i]))),
							  NULL, NULL);
	}
	return names;
}

/*
 * Which report this is: the one asked for, or the one its key column says.
 * The survey report has an email column too, so email marks a User report
 * only in a header without survey_id.
 */
static ReportKind
report_kind(LoadState *st, char **names, int n)
{
	static const char *const keys[] = {"public_id", "gpt_id", "project_id", "survey_id"};
	static const char *const shown[] = {"public_id or email (User Engagement)",
		"gpt_id (GPT Engagement)", "project_id (Project)", "survey_id (Impact survey)"};
	bool		found[UA_NKINDS] = {0};
	bool		has_email = false;
	int			nfound = 0;
	int			kind = 0;
	int			i;
	int			k;
	StringInfoData which;

	StaticAssertStmt(lengthof(keys) == UA_NKINDS, "a key column for every report");
	if (st->requested_kind >= 0)
		return (ReportKind) st->requested_kind;
	for (i = 0; i < n; i++)
	{
		has_email |= strcmp(names[i], "email") == 0;
		for (k = 0; k < UA_NKINDS; k++)
			found[k] |= strcmp(names[i], keys[k]) == 0;
	}
	found[REPORT_USERS] |= has_email && !found[REPORT_SURVEY];
	initStringInfo(&which);
	for (k = 0; k < UA_NKINDS; k++)
		if (found[k])
		{
			appendStringInfo(&which, "%s%s", nfound > 0 ? ", " : "", shown[k]);
			nfound++;
			kind = k;
		}
	if (nfound == 1)
		return (ReportKind) kind;
	ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT, "cannot tell which report this is",
				  nfound > 1 ? psprintf("The header has the key columns of more than one report: %s.", which.data)
				  : "The header has none of public_id or email (User Engagement), gpt_id (GPT Engagement), project_id (Project) and survey_id (Impact survey).",
				  "Check that the first line is the export's header, or pass kind => 'users', 'gpts', 'projects' or 'survey'.");
}

/* "a, b and c": the columns a header of this report must have. */
static char *
required_columns(const LoadState *st)
{
	StringInfoData buf;
	int			left = 0;
	int			j;

	for (j = 0; j < st->ncolumns; j++)
		left += st->columns[j].required;
	initStringInfo(&buf);
	for (j = 0; j < st->ncolumns; j++)
	{
		if (!st->columns[j].required)
			continue;
		appendStringInfoString(&buf, st->columns[j].name);
		left--;
		if (left > 1)
			appendStringInfoString(&buf, ", ");
		else if (left == 1)
			appendStringInfoString(&buf, " and ");
	}
	return buf.data;
}

/* Maps the header's fields to columns, and finds the columns the loader reads. */
static void
read_header(LoadState *st, const CsvRecord *rec)
{
	char	  **names = header_names(st, rec);
	int			i;
	int			j;

	st->kind = report_kind(st, names, rec->nfields);
	st->columns = ua_report_columns(st->kind, &st->ncolumns);
	st->nfields = rec->nfields;
	st->field_col = palloc(sizeof(int) * rec->nfields);
	for (i = 0; i < rec->nfields; i++)
	{
		st->field_col[i] = ua_find_report_column(st->kind, names[i]);
		if (st->field_col[i] < 0)
		{
			char	   *name = ua_header_name(rec->fields[i], rec->lengths[i], false);

			/* in the database's encoding, like every text it stores */
			st->unknown_columns = lappend(st->unknown_columns, ua_printable_text(name, strlen(name)));

			/*
			 * Its values go into the column extra, named as the header
			 * writes it (a blank name by its position), repaired as free
			 * text: nothing of an export is lost.
			 */
			if (st->extra_cols == NULL)
				st->extra_cols = palloc0(sizeof(ExportColumn) * rec->nfields);
			st->extra_cols[i].name = name[0] ? name : psprintf("column %d", i + 1);
			st->extra_cols[i].type = CT_TEXT;
			st->extra_cols[i].free_text = true;
		}
	}
	for (j = 0; j < st->ncolumns; j++)
	{
		bool		found = false;

		for (i = 0; i < rec->nfields; i++)
			found |= st->field_col[i] == j;
		if (!found && st->columns[j].required)
			ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
						  psprintf("the header has no column \"%s\"", st->columns[j].name),
						  psprintf("A%s %s export needs the columns %s.",
								   st->kind == REPORT_SURVEY ? "n" : "", ua_report_titles[st->kind],
								   required_columns(st)),
						  NULL);
	}

	st->col_cadence = ua_find_report_column(st->kind, "cadence");
	st->col_start = ua_find_report_column(st->kind, "period_start");
	st->col_end = ua_find_report_column(st->kind, "period_end");
	st->col_account = ua_find_report_column(st->kind, "account_id");
	st->col_key = ua_find_report_column(st->kind, st->kind == REPORT_USERS ? "public_id" :
										st->kind == REPORT_GPTS ? "gpt_id" : "project_id");
	if (st->kind == REPORT_SURVEY)
	{
		/* an answer's survey, its workspace and its day, in the same roles */
		st->col_start = ua_find_report_column(st->kind, "date_partition");
		st->col_account = ua_find_report_column(st->kind, "workspace_id");
		st->col_key = ua_find_report_column(st->kind, "survey_id");
	}
	st->col_email = ua_find_report_column(st->kind, "email");
	st->col_as_of = ua_find_report_column(st->kind, "last_day_active_in_period");
	st->col_active = ua_find_report_column(st->kind, "is_active");
	st->col_status = ua_find_report_column(st->kind, "user_status");
	st->col_last_active = ua_find_report_column(st->kind, "last_day_active");
	st->col_created = ua_find_report_column(st->kind, "created_or_invited_date");
	st->col_name = ua_find_report_column(st->kind, "name");
	st->col_first_day = ua_find_report_column(st->kind, "first_day_active_in_period");
	st->col_rank = ua_find_report_column(st->kind, "messages_rank");
	st->col_tools = ua_find_report_column(st->kind, "tools_messaged");
	st->col_sums[0] = ua_find_report_column(st->kind, st->kind == REPORT_USERS ? "messages" : "messages_workspace");
	st->col_sums[1] = ua_find_report_column(st->kind, "gpt_messages");
	st->col_sums[2] = ua_find_report_column(st->kind, "tool_messages");
	Assert(st->col_start >= 0 && st->col_account >= 0 && st->col_key >= 0 &&
		   (st->kind == REPORT_SURVEY || (st->col_cadence >= 0 && st->col_end >= 0)));
}

/*
 * The attribute number of each value the loader fills (the report's
 * columns, then is_partial, load_id and extra), found by name so that an
 * administrator's changes to the table hold, and checked for the type the
 * values are made for: they are written as they are.
 */
static AttrNumber *
column_attnums(LoadState *st, int nvalues)
{
	TupleDesc	tupdesc = RelationGetDescr(st->rel);
	AttrNumber *attnums = palloc(sizeof(AttrNumber) * nvalues);
	int			i;

	for (i = 0; i < nvalues; i++)
	{
		static const char *const names[] = {"load_id", "extra", "is_partial"};
		static const Oid types[] = {INT8OID, JSONBOID, BOOLOID};
		const char *name = i < st->ncolumns ? st->columns[i].name : names[i - st->ncolumns];
		Oid			type = i < st->ncolumns ? ua_column_type_oid(st->columns[i].type)
		: types[i - st->ncolumns];
		Form_pg_attribute found = NULL;
		int			k;

		for (k = 0; k < tupdesc->natts; k++)
		{
			Form_pg_attribute att = TupleDescAttr(tupdesc, k);

			if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
				found = att;
		}
		if (found == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("table uanalytics.%s has no column \"%s\"", ua_table_names[st->kind], name)));
		if (found->atttypid != type)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of table uanalytics.%s has type %s, not %s",
							name, ua_table_names[st->kind], format_type_be(found->atttypid),
							format_type_be(type)),
					 errhint("The loader writes %s there; change the column back with ALTER TABLE, or add a column of your own.",
							 format_type_be(type))));
		attnums[i] = found->attnum;
	}
	return attnums;
}

/*
 * Opens the table, records the load in uanalytics.loads.  Survey loads take
 * their table in a mode that excludes each other (and no reader): they
 * replace ranges of answers that no catalog row locks, as a period's does.
 */
static void
begin_table(LoadState *st)
{
	Oid			nsp = get_namespace_oid("uanalytics", false);
	Oid			relid = get_relname_relid(ua_table_names[st->kind], nsp);
	bool		survey = st->kind == REPORT_SURVEY;
	int			nvalues = st->ncolumns + (survey ? 2 : 3);
	AttrNumber *attnums;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table uanalytics.%s does not exist", ua_table_names[st->kind])));
	st->rel = table_open(relid, survey ? ShareRowExclusiveLock : RowExclusiveLock);
	attnums = column_attnums(st, nvalues);
	st->values = palloc0(sizeof(Datum) * nvalues);
	st->nulls = palloc0(sizeof(bool) * nvalues);
	ua_loads_begin(st);
	st->ins = ua_inserter_begin(st->rel, nvalues, attnums, &st->lineno, &st->last_lineno);
}

/* ---- records ---- */

/*
 * A free-text field with bytes that are not UTF-8 (a name whose accented
 * letters were damaged on the way, "Andr\xFD\xFDs"): each such byte becomes
 * U+FFFD, so that the user's row, and every count of it, is kept.  The
 * repair is noted, and written to load_errors once the row is stored.
 * Returns false for what is not repaired: NUL bytes, or a column of ids,
 * emails, keys, dates or numbers.
 */
static bool
repair_field(LoadState *st, const ExportColumn *col, const char **s, size_t *len,
			 const FieldError *err)
{
	size_t		bad;
	char	   *out;
	size_t		nrepaired;
	RepairNote *note;

	if (!col->free_text || ua_check_utf8(*s, *len, &bad) != UA_UTF8_INVALID ||
		memchr(*s, '\0', *len) != NULL)
		return false;
	out = palloc(UA_REPAIR_GROWTH * *len + 1);
	*len = ua_repair_utf8(*s, *len, out, &nrepaired);
	out[*len] = '\0';
	*s = out;

	note = palloc(sizeof(RepairNote));
	note->column = col->name;
	note->err = *err;
	note->err.message = psprintf("%s; stored with %zu U+FFFD replacement character%s",
								 err->message, nrepaired, nrepaired == 1 ? "" : "s");
	st->repairs = lappend(st->repairs, note);
	return true;
}

/*
 * The non-empty fields of the columns the loader does not know, as the
 * value of the column extra: {"header name": "text value"}, or NULL when
 * there are none.  Returns false when it rejected the record.
 */
static bool
convert_extra(LoadState *st, const CsvRecord *rec)
{
	const char **keys = palloc(sizeof(char *) * rec->nfields);
	const char **vals = palloc(sizeof(char *) * rec->nfields);
	size_t	   *lens = palloc(sizeof(size_t) * rec->nfields);
	int			n = 0;
	int			i;

	for (i = 0; i < rec->nfields; i++)
	{
		const char *s = rec->fields[i];
		size_t		len = rec->lengths[i];
		FieldError	err;

		if (st->field_col[i] >= 0 || len == 0)
			continue;
		if (!ua_check_field_encoding(s, len, &err) &&
			!repair_field(st, &st->extra_cols[i], &s, &len, &err))
		{
			reject(st, rec, st->extra_cols[i].name, &err);
			return false;
		}
		keys[n] = st->extra_cols[i].name;
		vals[n] = s;
		lens[n++] = len;
	}
	st->nulls[VAL_EXTRA(st)] = (n == 0);
	if (n > 0)
		st->values[VAL_EXTRA(st)] = ua_text_object(n, keys, vals, lens);
	return true;
}

/*
 * Converts the fields of a record into st->values and st->nulls; sets the
 * cadence.  Returns false when it rejected the record.
 */
static bool
convert_record(LoadState *st, const CsvRecord *rec, UaCadence *cadence, bool *is_partial)
{
	const ExportColumn *cols = st->columns;
	int			i;

	st->repairs = NIL;
	for (i = 0; i < st->ncolumns; i++)
		st->nulls[i] = true;
	if (st->extra_cols == NULL)
		st->nulls[VAL_EXTRA(st)] = true;
	else if (!convert_extra(st, rec))
		return false;
	for (i = 0; i < rec->nfields; i++)
	{
		int			c = st->field_col[i];
		const char *s = rec->fields[i];
		size_t		len = rec->lengths[i];
		FieldError	err;
		bool		repaired = false;

		if (c < 0 || len == 0)
			continue;			/* unknown column (see convert_extra), or empty: NULL */
		if (!ua_check_field_encoding(s, len, &err))
		{
			repaired = repair_field(st, &cols[c], &s, &len, &err);
			if (!repaired)
			{
				reject(st, rec, cols[c].name, &err);
				return false;
			}
		}
		if (cols[c].type == CT_CADENCE)
		{
			*cadence = ua_parse_cadence(s, len, is_partial);
			if (*cadence == UA_CADENCE_INVALID)
			{
				reject_msg(st, rec, cols[c].name, ERRCODE_INVALID_TEXT_REPRESENTATION,
						   psprintf("unknown cadence %s", ua_quote_value(s, len)),
						   "The cadence is Weekly, Monthly, Partial Weekly, Partial Monthly or Date Range.");
				return false;
			}
			st->values[c] = CStringGetTextDatum(ua_cadence_names[*cadence]);
		}
		else
		{
			/* for errors raised below, as encoding conversion's */
			st->column = cols[c].name;
			if (!ua_convert_field(&cols[c], s, len, repaired, &st->values[c], &err))
			{
				st->column = NULL;
				reject(st, rec, cols[c].name, &err);
				return false;
			}
			st->column = NULL;
		}
		st->nulls[c] = false;
	}
	return true;
}

/*
 * Checks what identifies a converted record: its account, its period and
 * the period's shape, and its user (or GPT).  Returns false when it
 * rejected the record.
 */
static bool
check_record_keys(LoadState *st, const CsvRecord *rec, UaCadence cadence, bool is_partial)
{
	const ExportColumn *cols = st->columns;
	int			required[4] = {st->col_account, st->col_cadence, st->col_start, st->col_end};
	DateADT		start;
	DateADT		end;
	int			i;

	for (i = 0; i < lengthof(required); i++)
		if (st->nulls[required[i]])
		{
			reject_msg(st, rec, cols[required[i]].name, ERRCODE_NOT_NULL_VIOLATION,
					   psprintf("%s is empty", cols[required[i]].name),
					   "Every record names its account and period.");
			return false;
		}
	if (st->nulls[st->col_key] && (st->kind != REPORT_USERS || st->nulls[st->col_email]))
	{
		reject_msg(st, rec, cols[st->col_key].name, ERRCODE_NOT_NULL_VIOLATION,
				   st->kind == REPORT_USERS ? pstrdup("public_id and email are empty")
				   : psprintf("%s is empty", cols[st->col_key].name),
				   st->kind == REPORT_USERS ? "A user is identified by public_id, or by email while pending." : NULL);
		return false;
	}
	start = DatumGetDateADT(st->values[st->col_start]);
	end = DatumGetDateADT(st->values[st->col_end]);
	if (end < start)
	{
		reject_msg(st, rec, "period_end", ERRCODE_CHECK_VIOLATION,
				   psprintf("period_end %s is before period_start %s", ua_date_text(end), ua_date_text(start)),
				   NULL);
		return false;
	}
	if (period_shape_ok(cadence, is_partial, start, end))
		return true;
	if (cadence == UA_CADENCE_DATE_RANGE)
		reject_msg(st, rec, "period_end", ERRCODE_CHECK_VIOLATION,
				   psprintf("the date range %s to %s has %d days", ua_date_text(start),
							ua_date_text(end), (int) (end - start + 1)),
				   psprintf("A Date Range export covers at most %d days, both ends counted.",
							UA_MAX_RANGE_DAYS));
	else
		reject_msg(st, rec, "period_start", ERRCODE_CHECK_VIOLATION,
				   psprintf("%s to %s is not a %s period", ua_date_text(start), ua_date_text(end),
							cadence == UA_CADENCE_WEEKLY ? "weekly" : "monthly"),
				   cadence == UA_CADENCE_WEEKLY
				   ? "A weekly period runs from a Sunday to the Saturday after it."
				   : "A monthly period runs from the first to the last day of a month.");
	return false;
}

/*
 * One row per user (or GPT) and period: the first reading keeps each
 * stored row's key hash and rejects the duplicates known from an earlier
 * reading; the second reading only notes the records whose hash repeats
 * (see duplicates.c).  Returns whether the row is to be stored.
 */
static bool
track_key(LoadState *st, const CsvRecord *rec, const char *account, UaCadence cadence,
		  DateADT start, DateADT end)
{
	/* two ranges of one start are two periods; a week is one whatever its end */
	DateADT		key_end = cadence == UA_CADENCE_DATE_RANGE ? end : 0;
	const char *column = st->columns[st->col_key].name;
	char	   *key;
	char	   *shown;
	int64		hash;
	const Duplicate *dup;

	if (!st->nulls[st->col_key])
		shown = key = TextDatumGetCString(st->values[st->col_key]);
	else
	{
		char	   *email = TextDatumGetCString(st->values[st->col_email]);

		/* a pending user: the email, which never looks like a public_id */
		column = "email";
		shown = str_tolower(email, strlen(email), DEFAULT_COLLATION_OID);
		key = psprintf("\x01%s", shown);
	}
	hash = ua_key_hash(account, cadence, start, key_end, key);

	if (st->verifying)
	{
		/* a duplicate known before was rejected, not counted: skip it */
		if (ua_find_duplicate(st, rec->line) == NULL && ua_is_candidate_hash(st, hash))
		{
			MemoryContext oldcxt = MemoryContextSwitchTo(st->loadcxt);
			KeySighting *k = palloc(sizeof(KeySighting));

			k->key = psprintf("%s\x1f%d\x1f%d\x1f%d\x1f%s", account, (int) cadence, (int) start,
							  (int) key_end, key);
			k->line = rec->line;
			k->column = pstrdup(column);
			k->shown = pstrdup(shown);
			k->start = start;
			k->range_end = key_end;
			st->verified = lappend(st->verified, k);
			MemoryContextSwitchTo(oldcxt);
		}
		return false;
	}

	dup = ua_find_duplicate(st, rec->line);
	if (dup)
	{
		ua_reject_duplicate(st, rec, dup);
		return false;
	}
	tuplesort_putdatum(st->keysort, Int64GetDatum(hash), false);
	return true;
}

/* Adds a converted and checked row to the table, and notes its repairs. */
static void
insert_row(LoadState *st, const CsvRecord *rec)
{
	ListCell   *lc;

	st->values[VAL_LOAD_ID(st)] = Int64GetDatum(st->load_id);
	st->nulls[VAL_LOAD_ID(st)] = false;
	ua_inserter_add(st->ins, st->values, st->nulls, rec->line);
	st->rows_loaded++;
	if (st->repairs != NIL)
		st->rows_repaired++;
	foreach(lc, st->repairs)
	{
		RepairNote *note = (RepairNote *) lfirst(lc);

		note_record(st, rec, note->column, &note->err, true);
	}
}

/* Stores a converted and checked row of period p. */
static void
store_row(LoadState *st, const CsvRecord *rec, LoadPeriod *p)
{
	if (st->col_as_of >= 0 && !st->nulls[st->col_as_of])
	{
		DateADT		d = DatumGetDateADT(st->values[st->col_as_of]);

		if (!p->has_as_of || d > p->as_of)
			p->as_of = d;
		p->has_as_of = true;
	}

	st->values[VAL_PARTIAL(st)] = BoolGetDatum(p->is_partial);
	st->nulls[VAL_PARTIAL(st)] = false;
	insert_row(st, rec);
	ua_count_row(st, p);
	p->rows++;
}

/*
 * Checks and stores an answer of the Impact survey report.  It has no
 * period: its date_partition widens its survey's range, which replaces
 * stored answers at the end (surveys.c).  No key is checked for
 * duplicates: nothing says an answer is one per person and question (a
 * question may take several answers).
 */
static void
store_answer(LoadState *st, const CsvRecord *rec)
{
	int			required[3] = {st->col_account, st->col_key, st->col_start};
	int			i;

	for (i = 0; i < lengthof(required); i++)
		if (st->nulls[required[i]])
		{
			reject_msg(st, rec, st->columns[required[i]].name, ERRCODE_NOT_NULL_VIOLATION,
					   psprintf("%s is empty", st->columns[required[i]].name),
					   "Every answer names its workspace, its survey and its date_partition.");
			return;
		}
	if (st->verifying)
		return;
	ua_note_survey_row(st, TextDatumGetCString(st->values[st->col_account]),
					   TextDatumGetCString(st->values[st->col_key]),
					   DatumGetDateADT(st->values[st->col_start]));
	insert_row(st, rec);
}

/* Converts, checks and stores one data record. */
static void
load_record(LoadState *st, const CsvRecord *rec)
{
	UaCadence	cadence = UA_CADENCE_INVALID;
	bool		is_partial = false;
	LoadPeriod *p;
	char	   *account;
	DateADT		start;

	if (rec->nfields != st->nfields)
	{
		reject_msg(st, rec, NULL, ERRCODE_BAD_COPY_FILE_FORMAT,
				   psprintf("expected %d fields as in the header, found %d", st->nfields, rec->nfields),
				   "A field that holds a comma, a quote or a line break must be quoted.");
		return;
	}
	if (!convert_record(st, rec, &cadence, &is_partial))
		return;
	if (st->kind == REPORT_SURVEY)
	{
		store_answer(st, rec);
		return;
	}
	if (!check_record_keys(st, rec, cadence, is_partial))
		return;

	/* the period decides whether the row is stored */
	account = TextDatumGetCString(st->values[st->col_account]);
	start = DatumGetDateADT(st->values[st->col_start]);
	p = ua_claim_period(st, account, cadence, start, DatumGetDateADT(st->values[st->col_end]),
						is_partial);
	/* (a complete period's end follows from its start: see period_shape_ok) */
	if (p->is_partial != is_partial)
	{
		reject_msg(st, rec, "cadence", ERRCODE_BAD_COPY_FILE_FORMAT,
				   psprintf("period %s mixes partial and complete rows", ua_date_text(start)),
				   "A period's rows come from one export.");
		return;
	}
	/* a partial export's end is its own: two ends are two exports mixed */
	if (p->end != DatumGetDateADT(st->values[st->col_end]))
	{
		reject_msg(st, rec, "period_end", ERRCODE_BAD_COPY_FILE_FORMAT,
				   psprintf("period %s has rows ending %s and %s", ua_date_text(start),
							ua_date_text(p->end),
							ua_date_text(DatumGetDateADT(st->values[st->col_end]))),
				   "A period's rows come from one export.");
		return;
	}
	if (p->action == PERIOD_SKIP)
	{
		st->rows_skipped++;
		return;
	}
	if (track_key(st, rec, account, cadence, start, p->end))
		store_row(st, rec, p);
}

/*
 * A file that ends inside a record is refused whole, whatever on_error
 * says: an interrupted download holds the first part of an export, and its
 * periods would replace complete ones with part of their users.
 */
static void
cut_off_error(LoadState *st, const CsvRecord *rec, const char *what)
{
	ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
			   psprintf("the file ends inside a record: %s", what),
			   "A file cut off in its last record is most likely an interrupted download; none of it was loaded.",
			   "Download the export again.");
}

/* csvread callback: the header, then one record at a time. */
bool
ua_on_record(void *arg, const CsvRecord *rec)
{
	LoadState  *st = (LoadState *) arg;
	MemoryContext oldcxt;

	st->lineno = rec->line;
	if (!st->header_done && st->verifying)
	{
		/* the second reading: the header is known already */
		st->header_done = true;
		return true;
	}
	if (!st->header_done)
	{
		oldcxt = MemoryContextSwitchTo(st->loadcxt);
		read_header(st, rec);
		begin_table(st);
		st->header_done = true;
		MemoryContextSwitchTo(oldcxt);
		return true;
	}
	if (rec->cut_off && rec->nfields < st->nfields)
		cut_off_error(st, rec, psprintf("line " INT64_FORMAT " has %d of the header's %d fields and no line end",
										rec->line, rec->nfields, st->nfields));
	st->rows_read++;
	MemoryContextReset(st->rowcxt);
	oldcxt = MemoryContextSwitchTo(st->rowcxt);
	load_record(st, rec);
	MemoryContextSwitchTo(oldcxt);
	return true;
}

/* csvread callback: a record that is not well-formed CSV. */
bool
ua_on_csv_error(void *arg, CsvErrorKind kind, const CsvRecord *rec)
{
	LoadState  *st = (LoadState *) arg;
	const char *message;
	const char *detail;
	MemoryContext oldcxt;

	st->lineno = rec->line;
	switch (kind)
	{
		case CSV_ERR_STRAY_QUOTE:
			message = "misplaced quote";
			detail = "A quote may only open a field or be doubled inside a quoted field.";
			break;
		case CSV_ERR_UNTERMINATED:
			message = "unterminated quoted field";
			detail = "A quoted field is still open at the end of the file.";
			break;
		case CSV_ERR_TOO_MANY_FIELDS:
			message = psprintf("more than %d fields", CSVR_MAX_FIELDS);
			detail = "An export has about 30 columns.";
			break;
		default:
			message = psprintf("record longer than %d MB", (int) (CSVR_MAX_RECORD / (1024 * 1024)));
			detail = "No export has such records: most likely a quote that is never closed.";
			break;
	}
	if (!st->header_done)
		ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
				   psprintf("line " INT64_FORMAT " (header): %s", rec->line, message), detail, NULL);
	if (kind == CSV_ERR_UNTERMINATED && rec->cut_off)
		cut_off_error(st, rec, psprintf("a quoted field of the record on line " INT64_FORMAT " is never closed",
										rec->line));
	if (kind == CSV_ERR_UNTERMINATED)
		ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
					  psprintf("a quoted field of the record on line " INT64_FORMAT " is never closed: it takes in the rest of the file",
							   rec->line),
					  "A quote that opens a field and is never closed leaves no record after it to load; none of the file was loaded.",
					  "Check the quotes of that record: a quote inside a field is written twice (\"\").");
	st->rows_read++;
	MemoryContextReset(st->rowcxt);
	oldcxt = MemoryContextSwitchTo(st->rowcxt);
	reject_msg(st, rec, NULL, ERRCODE_BAD_COPY_FILE_FORMAT, pstrdup(message), detail);
	MemoryContextSwitchTo(oldcxt);
	return true;
}
