/*
 * fuzz_values.c
 *		libFuzzer target for the field parsers of src/values.c.
 *
 * The first byte of the input picks the parser, the rest is its input,
 * passed with libFuzzer's own buffer so that AddressSanitizer stops any read
 * past the end.  Beyond not crashing, each parser's results are checked
 * against what values.h promises: numbers and dates survive a round trip
 * through their canonical text, ua_check_utf8 agrees with a slow reference
 * decoder, every decoded string is valid UTF-8 inside the scratch buffer,
 * and a parsed map or list written back as JSON parses to the same items.
 * A broken invariant aborts, which libFuzzer reports as a crash.
 *
 * Build and run with test/fuzz/run.sh.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with the broken invariant, so that libFuzzer keeps the input */
#define require(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "invariant broken at %s:%d: %s\n", \
					__FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* One item seen by the callback, with its key for maps */
typedef struct Seen
{
	UaItem		key;
	UaItem		value;
} Seen;

/* What the callback collects over one map or list parse */
typedef struct Collector
{
	bool		is_map;
	const char *scratch;		/* the scratch buffer and its size */
	size_t		scratch_len;
	size_t		input_len;
	size_t		string_bytes;	/* decoded bytes seen so far */
	Seen	   *items;			/* room for input_len + 1 items */
	size_t		count;
	size_t		stop_after;		/* return false after this many; 0: never */
} Collector;

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The input without surrounding blanks, as the scalar parsers see it */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_blank((*s)[0]))
	{
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_blank((*s)[*len - 1]))
		(*len)--;
}

/*
 * A slow UTF-8 validator written from the definition rather than from the
 * table values.c uses: decode, then reject overlong forms, surrogates and
 * values beyond U+10FFFF.
 */
static UaUtf8Result
reference_utf8(const unsigned char *s, size_t len, size_t *bad)
{
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		uint32_t	cp;
		uint32_t	min;
		size_t		n;
		size_t		k;

		if (c == 0)
		{
			*bad = i;
			return UA_UTF8_NUL;
		}
		if (c < 0x80)
		{
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0)
		{
			n = 2;
			cp = c & 0x1F;
			min = 0x80;
		}
		else if ((c & 0xF0) == 0xE0)
		{
			n = 3;
			cp = c & 0x0F;
			min = 0x800;
		}
		else if ((c & 0xF8) == 0xF0)
		{
			n = 4;
			cp = c & 0x07;
			min = 0x10000;
		}
		else
		{
			*bad = i;
			return UA_UTF8_INVALID;
		}
		if (len - i < n)
		{
			*bad = i;
			return UA_UTF8_INVALID;
		}
		for (k = 1; k < n; k++)
		{
			if ((s[i + k] & 0xC0) != 0x80)
			{
				*bad = i;
				return UA_UTF8_INVALID;
			}
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		{
			*bad = i;
			return UA_UTF8_INVALID;
		}
		i += n;
	}
	return UA_UTF8_OK;
}

/*
 * The repair gives valid UTF-8, changes nothing in valid text, and keeps
 * every byte it did not replace: taking out each U+FFFD it wrote leaves
 * the input less the replaced bytes.
 */
static void
fuzz_repair_utf8(const char *s, size_t len, UaUtf8Result checked)
{
	char	   *out = malloc(UA_REPAIR_GROWTH * len + 1);
	size_t		nrepaired = 0;
	size_t		n = ua_repair_utf8(s, len, out, &nrepaired);
	size_t		bad = 0;

	require(n == len + 2 * nrepaired);
	require(ua_check_utf8(out, n, &bad) == UA_UTF8_OK);
	require((checked == UA_UTF8_OK) == (nrepaired == 0));
	if (nrepaired == 0)
		require(memcmp(out, s, len) == 0);
	free(out);
}

static void
fuzz_utf8(const char *s, size_t len)
{
	size_t		bad = 0;
	size_t		want_bad = 0;
	UaUtf8Result r = ua_check_utf8(s, len, &bad);
	UaUtf8Result want = reference_utf8((const unsigned char *) s, len, &want_bad);

	require(r == want);
	require(r == UA_UTF8_OK || bad == want_bad);
	fuzz_repair_utf8(s, len, r);
}

/* Digits only, with an optional leading '+', as strtoull would read them */
static bool
plain_digits(const char *s, size_t len)
{
	size_t		i = (len > 0 && s[0] == '+') ? 1 : 0;

	if (i == len)
		return false;
	for (; i < len; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return true;
}

static void
fuzz_numbers(const char *s, size_t len)
{
	int32_t		v32 = -1;
	UaNumResult r32 = ua_parse_int32(s, len, &v32);
	const char *t = s;
	size_t		tlen = len;

	/* A count is never negative, and its output is left alone on failure */
	require(r32 == UA_NUM_OK ? v32 >= 0 : v32 == -1);

	/* The canonical text of the value parses back to it */
	if (r32 == UA_NUM_OK)
	{
		char		buf[16];
		int32_t		again = -1;

		snprintf(buf, sizeof(buf), "%" PRId32, v32);
		require(ua_parse_int32(buf, strlen(buf), &again) == UA_NUM_OK && again == v32);
	}

	/* Plain digit strings agree with the C library */
	trim(&t, &tlen);
	if (plain_digits(t, tlen) && tlen < 64)
	{
		char		buf[64];
		unsigned long long ref;

		memcpy(buf, t, tlen);
		buf[tlen] = '\0';
		errno = 0;
		ref = strtoull(buf, NULL, 10);
		if (errno == ERANGE || ref > INT32_MAX)
			require(r32 == UA_NUM_OVERFLOW);
		else
			require(r32 == UA_NUM_OK && (unsigned long long) v32 == ref);
	}
}

static void
fuzz_date(const char *s, size_t len)
{
	int			y = 0;
	int			m = 0;
	int			d = 0;
	int			y2 = 0;
	int			m2 = 0;
	int			d2 = 0;
	char		buf[16];
	const char *t = s;
	size_t		tlen = len;

	if (!ua_parse_date(s, len, &y, &m, &d))
		return;

	require(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1);
	if (m == 2)
		require(d <= 28 + (y % 4 == 0) - (y % 100 == 0) + (y % 400 == 0));
	else
		require(d <= 30 + ((m <= 7) == (m % 2 == 1)));

	/* The date is the first ten bytes of the trimmed text */
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	trim(&t, &tlen);
	require(tlen >= 10 && memcmp(t, buf, 10) == 0);
	require(ua_parse_date(buf, 10, &y2, &m2, &d2) && y2 == y && m2 == m && d2 == d);
}

static void
fuzz_words(const char *s, size_t len)
{
	int			b = ua_parse_bool(s, len);
	bool		partial = true;
	UaCadence	c = ua_parse_cadence(s, len, &partial);
	const char *role = ua_normalize_user_role(s, len);

	require(b >= -1 && b <= 1);
	require(c == UA_CADENCE_INVALID || c == UA_CADENCE_WEEKLY || c == UA_CADENCE_MONTHLY);
	require(c != UA_CADENCE_INVALID || !partial);
	require(role == NULL || strcmp(role, "owner") == 0 ||
			strcmp(role, "admin") == 0 || strcmp(role, "user") == 0);
}

/* Checks one item against what values.h promises */
static void
check_item(Collector *col, const UaItem *item)
{
	size_t		bad;

	switch (item->kind)
	{
		case UA_ITEM_STRING:
		case UA_ITEM_NUMBER:
			require(item->len <= col->input_len);
			require(item->len == 0 ||
					((uintptr_t) item->str >= (uintptr_t) col->scratch &&
					 (uintptr_t) item->str + item->len <=
					 (uintptr_t) col->scratch + col->scratch_len));
			col->string_bytes += item->len;
			require(col->string_bytes <= col->input_len);
			if (item->kind == UA_ITEM_STRING)
				require(ua_check_utf8(item->str, item->len, &bad) == UA_UTF8_OK);
			else
			{
				size_t		i;

				require(item->len > 0);
				for (i = 0; i < item->len; i++)
					require(strchr("0123456789+-.eE", item->str[i]) != NULL);
			}
			break;
		case UA_ITEM_INT:
		case UA_ITEM_NULL:
			require(!item->overflow);
			break;
		case UA_ITEM_BOOL:
			require(item->ival == 0 || item->ival == 1);
			break;
		default:
			require(!"unknown item kind");
	}
}

static bool
collect(void *arg, const UaItem *key, const UaItem *value)
{
	Collector  *col = arg;

	require(col->count <= col->input_len);
	if (col->is_map)
	{
		require(key != NULL && key->kind == UA_ITEM_STRING);
		check_item(col, key);
		col->items[col->count].key = *key;
	}
	else
		require(key == NULL);
	check_item(col, value);
	col->items[col->count].value = *value;
	col->count++;
	return col->stop_after == 0 || col->count < col->stop_after;
}

/* Appends a decoded string to out as a JSON string literal */
static char *
put_json_string(char *out, const UaItem *item)
{
	size_t		i;

	*out++ = '"';
	for (i = 0; i < item->len; i++)
	{
		unsigned char c = item->str[i];

		if (c == '"' || c == '\\')
		{
			*out++ = '\\';
			*out++ = c;
		}
		else if (c < 0x20)
			out += sprintf(out, "\\u%04x", c);
		else
			*out++ = c;
	}
	*out++ = '"';
	return out;
}

/* Appends a value as JSON */
static char *
put_json_value(char *out, const UaItem *item)
{
	switch (item->kind)
	{
		case UA_ITEM_INT:
			return out + sprintf(out, "%" PRId64, item->ival);
		case UA_ITEM_NUMBER:
			memcpy(out, item->str, item->len);
			return out + item->len;
		case UA_ITEM_STRING:
			return put_json_string(out, item);
		case UA_ITEM_NULL:
			return out + sprintf(out, "null");
		case UA_ITEM_BOOL:
			return out + sprintf(out, item->ival ? "true" : "false");
	}
	abort();
}

/* Two items hold the same value */
static bool
same_item(const UaItem *a, const UaItem *b)
{
	if (a->kind != b->kind || a->overflow != b->overflow)
		return false;
	switch (a->kind)
	{
		case UA_ITEM_INT:
		case UA_ITEM_BOOL:
			return a->ival == b->ival;
		case UA_ITEM_NUMBER:
		case UA_ITEM_STRING:
			return a->len == b->len && (a->len == 0 || memcmp(a->str, b->str, a->len) == 0);
		case UA_ITEM_NULL:
			return true;
	}
	return false;
}

/* ua_parse_map or ua_parse_list */
typedef UaParseResult (*ParseFunc) (const char *s, size_t len, char *scratch,
									UaItemCallback cb, void *arg,
									UaParseError *err);

/* Runs one parse of (s, len) into col, with a scratch buffer of len bytes */
static UaParseResult
run_parse(ParseFunc parse, bool is_map, const char *s, size_t len,
		  Collector *col, size_t stop_after, UaParseError *err)
{
	char	   *scratch = len > 0 ? malloc(len) : NULL;
	UaParseResult r;

	memset(col, 0, sizeof(*col));
	col->is_map = is_map;
	col->scratch = scratch;
	col->scratch_len = len;
	col->input_len = len;
	col->items = malloc((len + 1) * sizeof(Seen));
	col->stop_after = stop_after;
	err->offset = SIZE_MAX;
	err->message = NULL;
	r = parse(s, len, scratch, collect, col, err);
	if (r == UA_PARSE_ERROR)
		require(err->offset <= len && err->message != NULL && err->message[0] != '\0');
	else
		require(err->message == NULL);
	if (r == UA_PARSE_STOPPED)
		require(stop_after > 0 && col->count == stop_after);
	return r;
}

/* Frees what run_parse allocated */
static void
free_parse(Collector *col)
{
	free((void *) col->scratch);
	free(col->items);
}

static void
fuzz_collection(const char *s, size_t len, bool is_map)
{
	ParseFunc	parse = is_map ? ua_parse_map : ua_parse_list;
	Collector	col;
	Collector	again;
	UaParseError err;
	UaParseResult r = run_parse(parse, is_map, s, len, &col, 0, &err);
	char	   *json;
	char	   *out;
	size_t		i;

	if (r != UA_PARSE_OK)
	{
		free_parse(&col);
		return;
	}

	/* Written back as JSON, the same items come out */
	json = malloc(16 * (len + 1));
	out = json;
	*out++ = is_map ? '{' : '[';
	for (i = 0; i < col.count; i++)
	{
		if (i > 0)
			*out++ = ',';
		if (is_map)
		{
			out = put_json_string(out, &col.items[i].key);
			*out++ = ':';
		}
		out = put_json_value(out, &col.items[i].value);
	}
	*out++ = is_map ? '}' : ']';
	require(run_parse(parse, is_map, json, out - json, &again, 0, &err) == UA_PARSE_OK);
	require(again.count == col.count);
	for (i = 0; i < col.count; i++)
	{
		require(!is_map || same_item(&col.items[i].key, &again.items[i].key));
		require(same_item(&col.items[i].value, &again.items[i].value));
	}
	free_parse(&again);

	/* A callback returning false stops the parse right there */
	if (col.count > 0)
	{
		size_t		stop = 1 + (unsigned char) s[0] % col.count;

		require(run_parse(parse, is_map, s, len, &again, stop, &err) == UA_PARSE_STOPPED);
		free_parse(&again);
	}

	free(json);
	free_parse(&col);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data + 1;
	size_t		len;

	if (size == 0)
		return 0;
	len = size - 1;
	switch (data[0] % 6)
	{
		case 0:
			fuzz_numbers(s, len);
			break;
		case 1:
			fuzz_date(s, len);
			break;
		case 2:
			fuzz_words(s, len);
			break;
		case 3:
			fuzz_utf8(s, len);
			break;
		case 4:
			fuzz_collection(s, len, true);
			break;
		case 5:
			fuzz_collection(s, len, false);
			break;
	}
	return 0;
}
