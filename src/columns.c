/*
 * columns.c
 *		The columns of the reports (User and GPT Engagement, Project, Impact
 *		survey), and how the text
 *		of a field becomes a Datum of its table column.
 *
 * The parsing itself is in values.c (no server needed); this file turns its
 * results into text, date, integer, boolean, text[] and jsonb Datums, and
 * words the errors.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "uanalytics.h"
#include "values.h"

/*
 * Column names are the table's; the order is the table's too.  The fourth
 * field marks free text typed by people, where a damaged byte costs the
 * byte, not the record (see repair_field in records.c); in groups only the
 * names are free text, the ids are keys.
 */
static const ExportColumn user_columns[] = {
	{"cadence", CT_CADENCE, true},
	{"period_start", CT_DATE, true},
	{"period_end", CT_DATE, true},
	{"account_id", CT_TEXT, true},
	{"public_id", CT_TEXT, true},
	{"name", CT_TEXT, false, true},
	{"email", CT_TEXT, true},
	{"role", CT_TEXT, false, true},
	{"user_role", CT_USER_ROLE, false},
	{"department", CT_LIST, false, true},
	{"groups", CT_TEXT_MAP, false, true},
	{"user_status", CT_LOWER, false},
	{"created_or_invited_date", CT_DATE, false},
	{"is_active", CT_BOOL, false},
	{"first_day_active_in_period", CT_DATE, false},
	{"last_day_active_in_period", CT_DATE, false},
	{"last_day_active", CT_DATE, false},
	{"messages", CT_COUNT, false},
	{"messages_rank", CT_COUNT, false},
	{"gpt_messages", CT_COUNT, false},
	{"gpts_messaged", CT_COUNT, false},
	{"tool_messages", CT_COUNT, false},
	{"tools_messaged", CT_COUNT, false},
	{"project_messages", CT_COUNT, false},
	{"projects_messaged", CT_COUNT, false},
	{"projects_created", CT_COUNT, false},
	{"model_to_messages", CT_COUNT_MAP, false},
	{"gpt_to_messages", CT_COUNT_MAP, false},
	{"tool_to_messages", CT_COUNT_MAP, false},
	{"project_to_messages", CT_COUNT_MAP, false},
	{"seat_type", CT_TEXT, false},
	{"credits_used", CT_DECIMAL, false},
};

static const ExportColumn gpt_columns[] = {
	{"cadence", CT_CADENCE, true},
	{"period_start", CT_DATE, true},
	{"period_end", CT_DATE, true},
	{"account_id", CT_TEXT, true},
	{"gpt_id", CT_TEXT, true},
	{"gpt_name", CT_TEXT, false, true},
	{"config_type", CT_CONFIG_TYPE, false},
	{"gpt_description", CT_TEXT, false, true},
	{"gpt_url", CT_TEXT, false},
	{"gpt_creator_public_id", CT_TEXT, false},
	{"gpt_creator_email", CT_TEXT, false},
	{"is_active", CT_BOOL, false},
	{"first_day_active_in_period", CT_DATE, false},
	{"last_day_active_in_period", CT_DATE, false},
	{"messages_workspace", CT_COUNT, false},
	{"unique_messagers_workspace", CT_COUNT, false},
};

/* The Project report of 2026: the GPT report's columns, for projects. */
static const ExportColumn project_columns[] = {
	{"cadence", CT_CADENCE, true},
	{"period_start", CT_DATE, true},
	{"period_end", CT_DATE, true},
	{"account_id", CT_TEXT, true},
	{"project_id", CT_TEXT, true},
	{"project_name", CT_TEXT, false, true},
	{"config_type", CT_CONFIG_TYPE, false},
	{"project_description", CT_TEXT, false, true},
	{"project_url", CT_TEXT, false},
	{"project_creator_public_id", CT_TEXT, false},
	{"project_creator_email", CT_TEXT, false},
	{"is_active", CT_BOOL, false},
	{"first_day_active_in_period", CT_DATE, false},
	{"last_day_active_in_period", CT_DATE, false},
	{"messages_workspace", CT_COUNT, false},
	{"unique_messagers_workspace", CT_COUNT, false},
};

/*
 * The Impact survey report of 2026, one row per answer.  What identifies a
 * survey's answers for replacement is required; the rest may be missing.
 */
static const ExportColumn survey_columns[] = {
	{"date_partition", CT_DATE, true},
	{"workspace_id", CT_TEXT, true},
	{"name", CT_TEXT, false, true},
	{"email", CT_TEXT, false},
	{"survey_id", CT_TEXT, true},
	{"survey_name", CT_TEXT, false, true},
	{"question_id", CT_TEXT, false},
	{"answer_id", CT_TEXT, false},
};

/* The columns of a report, in table order. */
const ExportColumn *
ua_report_columns(ReportKind kind, int *ncolumns)
{
	switch (kind)
	{
		case REPORT_USERS:
			*ncolumns = lengthof(user_columns);
			return user_columns;
		case REPORT_GPTS:
			*ncolumns = lengthof(gpt_columns);
			return gpt_columns;
		case REPORT_PROJECTS:
			*ncolumns = lengthof(project_columns);
			return project_columns;
		case REPORT_SURVEY:
			break;
	}
	*ncolumns = lengthof(survey_columns);
	return survey_columns;
}

/* Index of a (normalised) header name among a report's columns, or -1. */
int
ua_find_report_column(ReportKind kind, const char *name)
{
	int			n;
	const ExportColumn *cols = ua_report_columns(kind, &n);
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(cols[i].name, name) == 0)
			return i;
	return -1;
}

/*
 * Blanks a header name may carry around it: spaces, tabs, a CR, and what
 * spreadsheets leave there unseen: a no-break space (U+00A0, U+202F), a
 * zero-width space (U+200B) or a byte order mark (U+FEFF), in UTF-8.
 */
static const char *const header_blanks[] = {
	" ", "\t", "\r", "\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x8b", "\xef\xbb\xbf"};

/* The length of the blank at s (or ending at s + len, if at_end), or 0 */
static size_t
header_blank_length(const char *s, size_t len, bool at_end)
{
	int			i;

	for (i = 0; i < lengthof(header_blanks); i++)
	{
		size_t		n = strlen(header_blanks[i]);

		if (n <= len && memcmp(at_end ? s + len - n : s, header_blanks[i], n) == 0)
			return n;
	}
	return 0;
}

/* A header name without surrounding blanks, in lower case if asked. */
char *
ua_header_name(const char *s, size_t len, bool lower)
{
	char	   *out;
	size_t		i;
	size_t		n;

	while ((n = header_blank_length(s, len, false)) > 0)
		s += n, len -= n;
	while ((n = header_blank_length(s, len, true)) > 0)
		len -= n;
	out = pnstrdup(s, len);
	for (i = 0; lower && i < len; i++)
		out[i] = pg_ascii_tolower((unsigned char) out[i]);
	return out;
}

/*
 * Shows a value in an error message: quoted, at most 60 bytes, with control
 * characters and bytes that are not valid UTF-8 written as \xNN so that the
 * message itself is always valid text.
 */
char *
ua_quote_value(const char *s, size_t len)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '"');
	appendStringInfoString(&buf, ua_printable_text(s, len > 60 ? 60 : len));
	appendStringInfoChar(&buf, '"');
	if (len > 60)
		appendStringInfoString(&buf, "...");
	return buf.data;
}

/*
 * Appends a valid UTF-8 character: as it is in a UTF-8 database, converted
 * in another one, or as \uXXXX when that encoding has no such character.
 */
static void
append_utf8_char(StringInfo buf, const char *s, int n)
{
	int			enc = GetDatabaseEncoding();
	unsigned char out[4 * MAX_CONVERSION_GROWTH + 1];
	Oid			proc;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
	{
		appendBinaryStringInfo(buf, s, n);
		return;
	}
	proc = FindDefaultConversionProc(PG_UTF8, enc);
	if (OidIsValid(proc) &&
		pg_do_encoding_conversion_buf(proc, PG_UTF8, enc, (unsigned char *) s, n,
									  out, sizeof(out), true) == n)
	{
		appendStringInfoString(buf, (char *) out);
		return;
	}
	appendStringInfo(buf, "\\u%04X", (unsigned int) utf8_to_unicode((const unsigned char *) s));
}

/*
 * Text fit for messages and load_errors: invalid bytes and control
 * characters (other than line breaks and tabs) written as \xNN, the rest in
 * the database's encoding.
 */
char *
ua_printable_text(const char *s, size_t len)
{
	StringInfoData buf;
	size_t		i = 0;

	initStringInfo(&buf);
	while (i < len)
	{
		unsigned char c = (unsigned char) s[i];
		size_t		bad;
		size_t		n;

		if (c < 0x80)
		{
			if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
				appendStringInfo(&buf, "\\x%02X", c);
			else
				appendStringInfoChar(&buf, (char) c);
			i++;
			continue;
		}
		/* a whole multibyte character if it is valid, else one byte */
		n = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
		if (n > 1 && i + n <= len && ua_check_utf8(s + i, n, &bad) == UA_UTF8_OK)
		{
			append_utf8_char(&buf, s + i, (int) n);
			i += n;
		}
		else
		{
			appendStringInfo(&buf, "\\x%02X", c);
			i++;
		}
	}
	return buf.data;
}

/* Sets *err; returns false so callers can "return field_error(...)". */
static bool
field_error(FieldError *err, int sqlstate, char *message, const char *detail)
{
	err->sqlstate = sqlstate;
	err->message = message;
	err->detail = detail ? pstrdup(detail) : NULL;
	return false;
}

/* Every field must be valid UTF-8 without NUL bytes. */
bool
ua_check_field_encoding(const char *s, size_t len, FieldError *err)
{
	size_t		bad = 0;

	switch (ua_check_utf8(s, len, &bad))
	{
		case UA_UTF8_OK:
			return true;
		case UA_UTF8_NUL:
			return field_error(err, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE,
							   psprintf("NUL byte at byte %zu of %s", bad + 1, ua_quote_value(s, len)),
							   "Text cannot hold NUL bytes; the file is probably not a CSV export.");
		default:
			return field_error(err, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE,
							   psprintf("invalid UTF-8 byte 0x%02X at byte %zu of %s",
										(unsigned char) s[bad], bad + 1, ua_quote_value(s, len)),
							   "Exports are UTF-8; re-export the file or convert it to UTF-8.");
	}
}

/*
 * UTF-8 bytes in the database encoding; *len is updated.  U+FFFD, which a
 * repaired field holds (and no other encoding PostgreSQL has), becomes '?'
 * there rather than an error.
 */
static const char *
to_server_encoding(const char *s, size_t *len)
{
	char	   *conv;

	if (GetDatabaseEncoding() == PG_UTF8)
		return s;
	if (memmem(s, *len, UA_REPLACEMENT_CHAR, 3) != NULL)
	{
		StringInfoData buf;
		const char *at;

		initStringInfo(&buf);
		while ((at = memmem(s, *len, UA_REPLACEMENT_CHAR, 3)) != NULL)
		{
			appendBinaryStringInfo(&buf, s, at - s);
			appendStringInfoChar(&buf, '?');
			*len -= at + 3 - s;
			s = at + 3;
		}
		appendBinaryStringInfo(&buf, s, *len);
		s = buf.data;
		*len = buf.len;
	}
	conv = pg_any_to_server(s, *len, PG_UTF8);
	if (conv != s)
		*len = strlen(conv);
	return conv;
}

/* A text Datum from UTF-8 bytes, converted to the database encoding. */
static Datum
utf8_text_datum(const char *s, size_t len)
{
	s = to_server_encoding(s, &len);
	return PointerGetDatum(cstring_to_text_with_len(s, len));
}

/* Building a jsonb object from the items of a map. */
typedef struct MapBuild
{
	JsonbParseState *state;
	bool		counts;			/* values must be counts, else text */
	bool		repaired;		/* the field's damaged bytes are U+FFFD now */
	int			npairs;
	FieldError *err;
	bool		failed;
} MapBuild;

/* A JsonbValue string from UTF-8 bytes, in the database encoding. */
static void
set_jsonb_string(JsonbValue *v, const char *s, size_t len)
{
	v->type = jbvString;
	v->val.string.val = (char *) (s ? to_server_encoding(s, &len) : "");
	v->val.string.len = s ? len : 0;
}

static bool
map_item(void *arg, const UaItem *key, const UaItem *value)
{
	MapBuild   *b = (MapBuild *) arg;
	JsonbValue	k;
	JsonbValue	v;

	/* a repaired map keeps its names, but a key is an id: no guessing there */
	if (b->repaired && memmem(key->str, key->len, UA_REPLACEMENT_CHAR, 3) != NULL)
	{
		b->failed = true;
		field_error(b->err, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE,
					psprintf("key %s holds bytes that are not valid UTF-8 (each shown as U+FFFD)",
							 ua_quote_value(key->str, key->len)),
					"Only the names of a map are repaired; its keys are ids.");
		return false;
	}
	set_jsonb_string(&k, key->str, key->len);
	if (b->counts)
	{
		if (value->kind != UA_ITEM_INT && !(value->kind == UA_ITEM_NUMBER && value->overflow))
		{
			b->failed = true;
			field_error(b->err, ERRCODE_INVALID_TEXT_REPRESENTATION,
						psprintf("count for key %s is not a whole number",
								 ua_quote_value(key->str, key->len)),
						"Message maps hold {name: count} with counts of zero or more.");
			return false;
		}
		if (value->overflow || value->ival < 0)
		{
			b->failed = true;
			field_error(b->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
						psprintf("count for key %s is %s", ua_quote_value(key->str, key->len),
								 value->overflow ? "out of range" : "negative"),
						NULL);
			return false;
		}
		v.type = jbvNumeric;
		v.val.numeric = int64_to_numeric(value->ival);
	}
	else
	{
		switch (value->kind)
		{
			case UA_ITEM_STRING:
			case UA_ITEM_NUMBER:
				set_jsonb_string(&v, value->str, value->len);
				break;
			case UA_ITEM_INT:
				{
					char	   *num = psprintf(INT64_FORMAT, value->ival);

					set_jsonb_string(&v, num, strlen(num));
					break;
				}
			case UA_ITEM_NULL:
				v.type = jbvNull;
				break;
			default:
				b->failed = true;
				field_error(b->err, ERRCODE_INVALID_TEXT_REPRESENTATION,
							psprintf("value for key %s is not text",
									 ua_quote_value(key->str, key->len)), NULL);
				return false;
		}
	}
	pushJsonbValue(&b->state, WJB_KEY, &k);
	pushJsonbValue(&b->state, WJB_VALUE, &v);
	b->npairs++;
	return true;
}

/*
 * A jsonb object of n text members, from UTF-8 keys (NUL-terminated) and
 * values (with their lengths): the columns of an export the loader does
 * not know, kept as {"header name": "text value"}.  In a database whose
 * encoding lacks some of their characters these are written \uXXXX (as in
 * ua_printable_text) rather than failing the load: the values are kept,
 * not typed, and a column nobody asked for must not cost the record.
 */
Datum
ua_text_object(int n, const char *const *keys, const char *const *values, const size_t *lengths)
{
	JsonbParseState *state = NULL;
	JsonbValue *res;
	bool		utf8 = GetDatabaseEncoding() == PG_UTF8;
	int			i;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	for (i = 0; i < n; i++)
	{
		JsonbValue	k;
		JsonbValue	v;

		if (utf8)
		{
			set_jsonb_string(&k, keys[i], strlen(keys[i]));
			set_jsonb_string(&v, values[i], lengths[i]);
		}
		else
		{
			k.type = v.type = jbvString;
			k.val.string.val = ua_printable_text(keys[i], strlen(keys[i]));
			k.val.string.len = strlen(k.val.string.val);
			v.val.string.val = ua_printable_text(values[i], lengths[i]);
			v.val.string.len = strlen(v.val.string.val);
		}
		pushJsonbValue(&state, WJB_KEY, &k);
		pushJsonbValue(&state, WJB_VALUE, &v);
	}
	res = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbPGetDatum(JsonbValueToJsonb(res));
}

/* {name: count} or {id: name}, Python or JSON, as a jsonb object. */
static bool
convert_map(const char *s, size_t len, bool counts, bool repaired, Datum *value,
			FieldError *err)
{
	MapBuild	b;
	UaParseError perr;
	JsonbValue *res;
	char	   *scratch = palloc(len + 1);

	b.state = NULL;
	b.counts = counts;
	b.repaired = repaired;
	b.npairs = 0;
	b.err = err;
	b.failed = false;
	pushJsonbValue(&b.state, WJB_BEGIN_OBJECT, NULL);
	switch (ua_parse_map(s, len, scratch, map_item, &b, &perr))
	{
		case UA_PARSE_OK:
			break;
		case UA_PARSE_STOPPED:
			return false;
		case UA_PARSE_ERROR:
			return field_error(err, ERRCODE_INVALID_TEXT_REPRESENTATION,
							   psprintf("malformed map %s: %s at byte %zu",
										ua_quote_value(s, len), perr.message, perr.offset + 1),
							   "Maps look like {'gpt-5': 296} (as exported) or {\"gpt-5\": 296} (JSON).");
	}
	res = pushJsonbValue(&b.state, WJB_END_OBJECT, NULL);
	/* jsonb keeps one of equal keys; a dict literal never repeats one */
	if (res->val.object.nPairs != b.npairs)
		return field_error(err, ERRCODE_INVALID_TEXT_REPRESENTATION,
						   psprintf("malformed map %s: a key appears twice", ua_quote_value(s, len)),
						   NULL);
	*value = JsonbPGetDatum(JsonbValueToJsonb(res));
	return true;
}

/* Collecting the elements of a department list. */
typedef struct ListBuild
{
	Datum	   *elems;
	int			nelems;
	int			size;
	FieldError *err;
} ListBuild;

static bool
list_item(void *arg, const UaItem *key, const UaItem *value)
{
	ListBuild  *b = (ListBuild *) arg;
	size_t		i;

	if (value->kind != UA_ITEM_STRING && value->kind != UA_ITEM_NUMBER)
	{
		field_error(b->err, ERRCODE_INVALID_TEXT_REPRESENTATION,
					pstrdup("list elements must be text"), NULL);
		return false;
	}
	/* [""] is an empty list, as [] is, not a department named "" */
	for (i = 0; i < value->len; i++)
	{
		char		c = value->str[i];

		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			break;
	}
	if (i == value->len)
		return true;
	if (b->nelems == b->size)
	{
		b->size *= 2;
		b->elems = repalloc(b->elems, sizeof(Datum) * b->size);
	}
	b->elems[b->nelems++] = utf8_text_datum(value->str, value->len);
	return true;
}

/* ["finance","analytics"] or plain text as text[]. */
static bool
convert_list(const char *s, size_t len, Datum *value, FieldError *err)
{
	ListBuild	b;
	UaParseError perr;
	char	   *scratch = palloc(len + 1);

	b.size = 4;
	b.nelems = 0;
	b.elems = palloc(sizeof(Datum) * b.size);
	b.err = err;
	switch (ua_parse_list(s, len, scratch, list_item, &b, &perr))
	{
		case UA_PARSE_OK:
			break;
		case UA_PARSE_STOPPED:
			return false;
		case UA_PARSE_ERROR:
			return field_error(err, ERRCODE_INVALID_TEXT_REPRESENTATION,
							   psprintf("malformed list %s: %s at byte %zu",
										ua_quote_value(s, len), perr.message, perr.offset + 1),
							   "Departments look like [\"finance\",\"it\"] or plain text.");
	}
	*value = PointerGetDatum(construct_array(b.elems, b.nelems, TEXTOID, -1, false, TYPALIGN_INT));
	return true;
}

/* The type of the Datum ua_convert_field makes for a column of this type. */
Oid
ua_column_type_oid(ColumnType type)
{
	switch (type)
	{
		case CT_DATE:
			return DATEOID;
		case CT_COUNT:
			return INT4OID;
		case CT_DECIMAL:
			return NUMERICOID;
		case CT_BOOL:
			return BOOLOID;
		case CT_LIST:
			return TEXTARRAYOID;
		case CT_COUNT_MAP:
		case CT_TEXT_MAP:
			return JSONBOID;
		default:
			return TEXTOID;
	}
}

/* A count: a whole number of zero or more that fits in integer. */
static bool
convert_count(const char *s, size_t len, Datum *value, FieldError *err)
{
	int32_t		n;

	switch (ua_parse_int32(s, len, &n))
	{
		case UA_NUM_OK:
			*value = Int32GetDatum(n);
			return true;
		case UA_NUM_NEGATIVE:
			return field_error(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
							   psprintf("negative count %s", ua_quote_value(s, len)),
							   "Counts are zero or more.");
		case UA_NUM_OVERFLOW:
			return field_error(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
							   psprintf("count %s is out of range for type integer",
										ua_quote_value(s, len)),
							   NULL);
		default:
			return field_error(err, ERRCODE_INVALID_TEXT_REPRESENTATION,
							   psprintf("invalid count %s", ua_quote_value(s, len)),
							   "Counts are whole numbers of zero or more.");
	}
}

/* A decimal of zero or more (credits) as numeric. */
static bool
convert_decimal(const char *s, size_t len, Datum *value, FieldError *err)
{
	const char *number;
	size_t		nlen;

	switch (ua_parse_decimal(s, len, &number, &nlen))
	{
		case UA_NUM_OK:
			/*
			 * Digits and at most one point (checked above).  Up to 18 of them
			 * fit an int64, scaled down by the digits after the point: the
			 * numeric numeric_in makes, display scale included, for a
			 * fraction of its work on every row of a 2026 export.
			 */
			if (nlen <= 18)
			{
				int64		digits = 0;
				int			scale = -1;
				size_t		i;

				for (i = 0; i < nlen; i++)
				{
					if (number[i] == '.')
						scale = 0;
					else
					{
						digits = digits * 10 + (number[i] - '0');
						if (scale >= 0)
							scale++;
					}
				}
				*value = NumericGetDatum(int64_div_fast_to_numeric(digits, scale < 0 ? 0 : scale));
				return true;
			}
			*value = DirectFunctionCall3(numeric_in, CStringGetDatum(pnstrdup(number, nlen)),
										 ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
			return true;
		case UA_NUM_NEGATIVE:
			return field_error(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
							   psprintf("negative number %s", ua_quote_value(s, len)),
							   "Credits are zero or more.");
		case UA_NUM_OVERFLOW:
			return field_error(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
							   psprintf("number %s has more than %d digits", ua_quote_value(s, len),
										UA_MAX_DECIMAL_DIGITS),
							   NULL);
		default:
			return field_error(err, ERRCODE_INVALID_TEXT_REPRESENTATION,
							   psprintf("invalid number %s", ua_quote_value(s, len)),
							   "Credits are written as decimals with a point, such as 12.5.");
	}
}

/*
 * Converts one non-empty field to its column's Datum.  Returns false with
 * *err set when the text is not a valid value.  The caller has checked the
 * encoding (ua_check_field_encoding), or repaired it in a free-text column
 * (then repaired is true).
 */
bool
ua_convert_field(const ExportColumn *col, const char *s, size_t len, bool repaired, Datum *value,
			  FieldError *err)
{
	switch (col->type)
	{
		case CT_TEXT:
			*value = utf8_text_datum(s, len);
			return true;

		case CT_LOWER:
		case CT_USER_ROLE:
			{
				const char *role = col->type == CT_USER_ROLE ? ua_normalize_user_role(s, len) : NULL;
				char	   *lower;

				if (role)
				{
					*value = CStringGetTextDatum(role);
					return true;
				}
				/* an unknown role or any status is kept, in lower case */
				lower = pnstrdup(s, len);
				for (size_t i = 0; i < len; i++)
					lower[i] = pg_ascii_tolower((unsigned char) lower[i]);
				*value = utf8_text_datum(lower, len);
				return true;
			}

		case CT_CONFIG_TYPE:
			{
				const char *config = ua_normalize_config_type(s, len);

				/* another state, should a later export have one, is kept as given */
				*value = config ? CStringGetTextDatum(config) : utf8_text_datum(s, len);
				return true;
			}

		case CT_DATE:
			{
				int			y,
							m,
							d;

				if (!ua_parse_date(s, len, &y, &m, &d))
					return field_error(err, ERRCODE_INVALID_DATETIME_FORMAT,
									   psprintf("invalid date %s", ua_quote_value(s, len)),
									   "Dates are written YYYY-MM-DD, optionally followed by a time, and must exist in the calendar.");
				*value = DateADTGetDatum(date2j(y, m, d) - POSTGRES_EPOCH_JDATE);
				return true;
			}

		case CT_COUNT:
			return convert_count(s, len, value, err);

		case CT_DECIMAL:
			return convert_decimal(s, len, value, err);

		case CT_BOOL:
			switch (ua_parse_bool(s, len))
			{
				case 1:
					*value = BoolGetDatum(true);
					return true;
				case 0:
					*value = BoolGetDatum(false);
					return true;
				default:
					return field_error(err, ERRCODE_INVALID_TEXT_REPRESENTATION,
									   psprintf("invalid boolean %s", ua_quote_value(s, len)),
									   "Booleans are written 1/0 or true/false.");
			}

		case CT_LIST:
			return convert_list(s, len, value, err);

		case CT_COUNT_MAP:
			return convert_map(s, len, true, repaired, value, err);

		case CT_TEXT_MAP:
			return convert_map(s, len, false, repaired, value, err);

		case CT_CADENCE:
			break;
	}
	elog(ERROR, "column \"%s\" is converted by the loader", col->name);
	return false;
}
