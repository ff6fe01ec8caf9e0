/*
 * test_values.c
 *		Unit test of the field parsers of src/values.c, without a server.
 *
 * Each table lists inputs with results worked out by hand.  Every input is
 * copied into a buffer of exactly its length, with no NUL after it (and
 * the empty input is passed as NULL), so that AddressSanitizer and valgrind
 * catch any read past the end; map and list parses get a scratch buffer of
 * exactly the input's length, the size values.h promises is enough.
 *
 * Prints one line per failed case, then "N passed, N failed"; the exit
 * status is non-zero when any case failed.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

/* An input as (pointer, length), so that tables can hold NUL bytes */
#define S(lit)		lit, sizeof(lit) - 1
#define lengthof(a)	(sizeof(a) / sizeof((a)[0]))

typedef struct NumCase
{
	const char *s;
	size_t		len;
	UaNumResult result;
	int64_t		value;
} NumCase;

typedef struct DateCase
{
	const char *s;
	size_t		len;
	bool		ok;
	int			year;
	int			month;
	int			day;
} DateCase;

typedef struct BoolCase
{
	const char *s;
	size_t		len;
	int			result;
} BoolCase;

typedef struct CadenceCase
{
	const char *s;
	size_t		len;
	UaCadence	result;
	bool		partial;
} CadenceCase;

typedef struct RoleCase
{
	const char *s;
	size_t		len;
	const char *result;
} RoleCase;

typedef struct Utf8Case
{
	const char *s;
	size_t		len;
	UaUtf8Result result;
	size_t		offset;
} Utf8Case;

/*
 * A map or list case.  items is what the callback saw, rendered as Python
 * would print it (see render_item); on error, offset and message are the
 * expected UaParseError.
 */
typedef struct ParseCase
{
	const char *s;
	size_t		len;
	UaParseResult result;
	const char *items;
	size_t		offset;
	const char *message;
} ParseCase;

/* A map or list case that parses, and one that fails */
#define OK(lit, items)	{S(lit), UA_PARSE_OK, items, 0, NULL}
#define ERR(lit, items, offset, message) \
	{S(lit), UA_PARSE_ERROR, items, offset, message}

/* ua_parse_map or ua_parse_list */
typedef UaParseResult (*ParseFunc) (const char *s, size_t len, char *scratch,
									UaItemCallback cb, void *arg,
									UaParseError *err);

static int	passed;
static int	failed;

static void check(bool ok, const char *fmt,...) __attribute__((format(printf, 2, 3)));

/* Counts a case and prints it when it failed */
static void
check(bool ok, const char *fmt,...)
{
	va_list		ap;

	if (ok)
	{
		passed++;
		return;
	}
	failed++;
	printf("FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* The input as a C literal, for failure messages (static buffer) */
static const char *
show(const char *s, size_t len)
{
	static char buf[1024];
	size_t		n = 0;
	size_t		i;

	buf[n++] = '"';
	for (i = 0; i < len && n < sizeof(buf) - 8; i++)
	{
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			n += sprintf(buf + n, "\\%c", c);
		else if (c >= 0x20 && c < 0x7F)
			buf[n++] = c;
		else
			n += sprintf(buf + n, "\\x%02x", c);
	}
	buf[n++] = '"';
	buf[n] = '\0';
	return buf;
}

/*
 * A copy of the input in a buffer of exactly its length, NULL for the empty
 * input: the parsers must not touch either beyond len.
 */
static char *
copy_exact(const char *s, size_t len)
{
	char	   *copy;

	if (len == 0)
		return NULL;
	copy = malloc(len);
	if (copy == NULL)
	{
		perror("malloc");
		exit(2);
	}
	memcpy(copy, s, len);
	return copy;
}

static void
test_int32(void)
{
	static const NumCase cases[] = {
		{S("0"), UA_NUM_OK, 0},
		{S("296"), UA_NUM_OK, 296},
		{S("  42\t"), UA_NUM_OK, 42},
		{S("\r\n7\r\n"), UA_NUM_OK, 7},
		{S("+7"), UA_NUM_OK, 7},
		{S("007"), UA_NUM_OK, 7},
		{S("12.0"), UA_NUM_OK, 12},
		{S("12.00"), UA_NUM_OK, 12},
		{S("-0"), UA_NUM_OK, 0},
		{S("-0.0"), UA_NUM_OK, 0},
		{S("+0"), UA_NUM_OK, 0},
		{S("2147483647"), UA_NUM_OK, INT32_MAX},
		{S("2147483647.0"), UA_NUM_OK, INT32_MAX},
		{S("0000000000002147483647"), UA_NUM_OK, INT32_MAX},
		{S("2147483648"), UA_NUM_OVERFLOW, 0},
		{S("2147483648.0"), UA_NUM_OVERFLOW, 0},
		{S("4294967296"), UA_NUM_OVERFLOW, 0},
		{S("9223372036854775807"), UA_NUM_OVERFLOW, 0},
		{S("18446744073709551616"), UA_NUM_OVERFLOW, 0},
		{S("99999999999999999999999999999999999999"), UA_NUM_OVERFLOW, 0},
		{S("-3"), UA_NUM_NEGATIVE, 0},
		{S("-3.0"), UA_NUM_NEGATIVE, 0},
		{S("-2147483648"), UA_NUM_NEGATIVE, 0},
		{S("-99999999999999999999999"), UA_NUM_NEGATIVE, 0},
		{S(""), UA_NUM_SYNTAX, 0},
		{S("   "), UA_NUM_SYNTAX, 0},
		{S("12.5"), UA_NUM_SYNTAX, 0},
		{S("12.01"), UA_NUM_SYNTAX, 0},
		{S("12."), UA_NUM_SYNTAX, 0},
		{S(".0"), UA_NUM_SYNTAX, 0},
		{S("-3.5"), UA_NUM_SYNTAX, 0},
		{S("-3x"), UA_NUM_SYNTAX, 0},
		{S("99999999999999999999.5"), UA_NUM_SYNTAX, 0},
		{S("1e3"), UA_NUM_SYNTAX, 0},
		{S("1 2"), UA_NUM_SYNTAX, 0},
		{S("+"), UA_NUM_SYNTAX, 0},
		{S("-"), UA_NUM_SYNTAX, 0},
		{S("+-1"), UA_NUM_SYNTAX, 0},
		{S("- 1"), UA_NUM_SYNTAX, 0},
		{S("0x10"), UA_NUM_SYNTAX, 0},
		{S("1,000"), UA_NUM_SYNTAX, 0},
		{S("12\0"), UA_NUM_SYNTAX, 0},
		{S("\xd9\xa1"), UA_NUM_SYNTAX, 0},	/* ARABIC-INDIC DIGIT ONE */
		{S("\xc2\xa0" "5"), UA_NUM_SYNTAX, 0},	/* no-break space */
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
	{
		const NumCase *c = &cases[i];
		char	   *in = copy_exact(c->s, c->len);
		int32_t		value = -1;
		UaNumResult r = ua_parse_int32(in, c->len, &value);

		check(r == c->result && (r != UA_NUM_OK || value == c->value),
			  "ua_parse_int32(%s): got %d/%" PRId32 ", want %d/%" PRId64,
			  show(c->s, c->len), r, value, c->result, c->value);
		/* The output is left alone unless the parse succeeded */
		check(r == UA_NUM_OK || value == -1,
			  "ua_parse_int32(%s) wrote its output on failure",
			  show(c->s, c->len));
		free(in);
	}
}

static void
test_date(void)
{
	static const DateCase cases[] = {
		{S("2025-10-24"), true, 2025, 10, 24},
		{S("  2025-10-24\r\n"), true, 2025, 10, 24},
		{S("2024-02-29"), true, 2024, 2, 29},
		{S("2025-02-29"), false, 0, 0, 0},
		{S("2025-02-28"), true, 2025, 2, 28},
		{S("2000-02-29"), true, 2000, 2, 29},
		{S("1900-02-29"), false, 0, 0, 0},
		{S("2100-02-29"), false, 0, 0, 0},
		{S("2025-04-30"), true, 2025, 4, 30},
		{S("2025-04-31"), false, 0, 0, 0},
		{S("2025-06-31"), false, 0, 0, 0},
		{S("2025-09-31"), false, 0, 0, 0},
		{S("2025-11-31"), false, 0, 0, 0},
		{S("2025-12-31"), true, 2025, 12, 31},
		{S("2025-01-31"), true, 2025, 1, 31},
		{S("2025-01-32"), false, 0, 0, 0},
		{S("2025-13-01"), false, 0, 0, 0},
		{S("2025-00-10"), false, 0, 0, 0},
		{S("2025-01-00"), false, 0, 0, 0},
		{S("0001-01-01"), true, 1, 1, 1},
		{S("0000-01-01"), false, 0, 0, 0},
		{S("9999-12-31"), true, 9999, 12, 31},
		{S("10000-01-01"), false, 0, 0, 0},
		/* a time of day is checked, then dropped */
		{S("2025-10-24 13:45:00"), true, 2025, 10, 24},
		{S("2025-10-24T13:45:00"), true, 2025, 10, 24},
		{S("2025-10-24t13:45:00"), true, 2025, 10, 24},
		{S("2025-10-24 13:45"), true, 2025, 10, 24},
		{S("2025-10-24T13:45:00Z"), true, 2025, 10, 24},
		{S("2025-10-24T13:45Z"), true, 2025, 10, 24},
		{S("2025-10-24T13:45:00.123456Z"), true, 2025, 10, 24},
		{S("2025-10-24 13:45:00.5"), true, 2025, 10, 24},
		{S("2025-10-24 13:45:00+00:00"), true, 2025, 10, 24},
		{S("2025-10-24 13:45:00+0000"), true, 2025, 10, 24},
		{S("2025-10-24 13:45:00+00"), true, 2025, 10, 24},
		{S("2025-10-24 23:59:59 "), true, 2025, 10, 24},
		{S("2025-10-24 00:00:00"), true, 2025, 10, 24},
		{S("2025-10-24 13:45:00+02:00"), false, 0, 0, 0},
		{S("2025-10-24 13:45:00-00:00"), false, 0, 0, 0},
		{S("2025-10-24 13:45:00+00:"), false, 0, 0, 0},
		{S("2025-10-24 13:45:00+0"), false, 0, 0, 0},
		{S("2025-10-24 13:45:00ZZ"), false, 0, 0, 0},
		{S("2025-10-24 13:45:00 UTC"), false, 0, 0, 0},
		{S("2025-10-24 24:00:00"), false, 0, 0, 0},
		{S("2025-10-24 23:60:00"), false, 0, 0, 0},
		{S("2025-10-24 23:59:60"), false, 0, 0, 0},
		{S("2025-10-24 13:45:00."), false, 0, 0, 0},
		{S("2025-10-24 13:45."), false, 0, 0, 0},
		{S("2025-10-24 13:45:0"), false, 0, 0, 0},
		{S("2025-10-24 1:45:00"), false, 0, 0, 0},
		{S("2025-10-24 13"), false, 0, 0, 0},
		{S("2025-10-24  13:45:00"), false, 0, 0, 0},
		{S("2025-10-24T"), false, 0, 0, 0},
		{S("2025-10-24x"), false, 0, 0, 0},
		{S("2025-10-24\0"), false, 0, 0, 0},
		{S("2025-10-2"), false, 0, 0, 0},
		{S("2025-1-5"), false, 0, 0, 0},
		{S("25-10-24"), false, 0, 0, 0},
		{S("2025/10/24"), false, 0, 0, 0},
		{S("10/24/2025"), false, 0, 0, 0},
		{S("-2025-10-24"), false, 0, 0, 0},
		{S("+025-10-24"), false, 0, 0, 0},
		{S("2025-1a-24"), false, 0, 0, 0},
		{S(""), false, 0, 0, 0},
		{S("   "), false, 0, 0, 0},
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
	{
		const DateCase *c = &cases[i];
		char	   *in = copy_exact(c->s, c->len);
		int			y = -1;
		int			m = -1;
		int			d = -1;
		bool		ok = ua_parse_date(in, c->len, &y, &m, &d);

		if (c->ok)
			check(ok && y == c->year && m == c->month && d == c->day,
				  "ua_parse_date(%s): got %d %04d-%02d-%02d, want %04d-%02d-%02d",
				  show(c->s, c->len), ok, y, m, d, c->year, c->month, c->day);
		else
			check(!ok && y == -1 && m == -1 && d == -1,
				  "ua_parse_date(%s): got %d %d-%d-%d, want false",
				  show(c->s, c->len), ok, y, m, d);
		free(in);
	}
}

static void
test_bool(void)
{
	static const BoolCase cases[] = {
		{S("1"), 1}, {S("0"), 0},
		{S("true"), 1}, {S("TRUE"), 1}, {S("True"), 1}, {S("tRuE"), 1},
		{S("false"), 0}, {S("FALSE"), 0}, {S("False"), 0},
		{S("t"), 1}, {S("T"), 1}, {S("f"), 0}, {S("F"), 0},
		{S("yes"), 1}, {S("YES"), 1}, {S("no"), 0}, {S("No"), 0},
		{S("y"), 1}, {S("Y"), 1}, {S("n"), 0}, {S("N"), 0},
		{S(" true\t"), 1}, {S("\r\n0\r\n"), 0},
		{S(""), -1}, {S("   "), -1}, {S("2"), -1}, {S("10"), -1},
		{S("01"), -1}, {S("tru"), -1}, {S("truee"), -1}, {S("yes!"), -1},
		{S("on"), -1}, {S("off"), -1}, {S("nope"), -1}, {S("t\0"), -1},
		{S("\0"), -1}, {S("t r u e"), -1},
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
	{
		const BoolCase *c = &cases[i];
		char	   *in = copy_exact(c->s, c->len);
		int			r = ua_parse_bool(in, c->len);

		check(r == c->result, "ua_parse_bool(%s): got %d, want %d",
			  show(c->s, c->len), r, c->result);
		free(in);
	}
}

static void
test_cadence(void)
{
	static const CadenceCase cases[] = {
		{S("Weekly"), UA_CADENCE_WEEKLY, false},
		{S("Monthly"), UA_CADENCE_MONTHLY, false},
		{S("weekly"), UA_CADENCE_WEEKLY, false},
		{S("MONTHLY"), UA_CADENCE_MONTHLY, false},
		{S("Partial Weekly"), UA_CADENCE_WEEKLY, true},
		{S("Partial Monthly"), UA_CADENCE_MONTHLY, true},
		{S("partial monthly"), UA_CADENCE_MONTHLY, true},
		{S("PARTIAL  WEEKLY"), UA_CADENCE_WEEKLY, true},
		{S("Partial\tMonthly"), UA_CADENCE_MONTHLY, true},
		{S(" Weekly\r\n"), UA_CADENCE_WEEKLY, false},
		{S("  Partial Weekly  "), UA_CADENCE_WEEKLY, true},
		{S("PartialWeekly"), UA_CADENCE_INVALID, false},
		{S("Partial"), UA_CADENCE_INVALID, false},
		{S("Partial "), UA_CADENCE_INVALID, false},
		{S("Partial Partial Weekly"), UA_CADENCE_INVALID, false},
		{S("Weekly Partial"), UA_CADENCE_INVALID, false},
		{S("Partial Daily"), UA_CADENCE_INVALID, false},
		{S("Daily"), UA_CADENCE_INVALID, false},
		{S("Week"), UA_CADENCE_INVALID, false},
		{S("Weeklyy"), UA_CADENCE_INVALID, false},
		{S("Weekly\0"), UA_CADENCE_INVALID, false},
		{S(""), UA_CADENCE_INVALID, false},
		{S("  "), UA_CADENCE_INVALID, false},
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
	{
		const CadenceCase *c = &cases[i];
		char	   *in = copy_exact(c->s, c->len);
		bool		partial = !c->partial;
		UaCadence	r = ua_parse_cadence(in, c->len, &partial);

		check(r == c->result && partial == c->partial,
			  "ua_parse_cadence(%s): got %d/%d, want %d/%d",
			  show(c->s, c->len), r, partial, c->result, c->partial);
		free(in);
	}
}

/* Checks a function that maps text to one spelling of a vocabulary, or NULL */
static void
check_normalizer(const char *name, const char *(*fn) (const char *, size_t),
				 const RoleCase *cases, size_t ncases)
{
	size_t		i;

	for (i = 0; i < ncases; i++)
	{
		const RoleCase *c = &cases[i];
		char	   *in = copy_exact(c->s, c->len);
		const char *r = fn(in, c->len);

		check(c->result == NULL ? r == NULL : (r != NULL && strcmp(r, c->result) == 0),
			  "%s(%s): got %s, want %s", name,
			  show(c->s, c->len), r ? r : "NULL", c->result ? c->result : "NULL");
		free(in);
	}
}

static void
test_role(void)
{
	static const RoleCase cases[] = {
		{S("account-owner"), "owner"}, {S("owner"), "owner"},
		{S("Owner"), "owner"}, {S("ACCOUNT-OWNER"), "owner"},
		{S("account-admin"), "admin"}, {S("admin"), "admin"},
		{S("Account-Admin"), "admin"},
		{S("standard-user"), "user"}, {S("user"), "user"},
		{S("member"), "user"}, {S("Member"), "user"},
		{S(" standard-user "), "user"},
		{S(""), NULL}, {S(" "), NULL}, {S("team_member"), NULL},
		{S("account_owner"), NULL}, {S("account-"), NULL},
		{S("users"), NULL}, {S("use"), NULL}, {S("executive"), NULL},
		{S("standard-user\0"), NULL},
	};

	check_normalizer("ua_normalize_user_role", ua_normalize_user_role, cases, lengthof(cases));
}

static void
test_config_type(void)
{
	static const RoleCase cases[] = {
		{S("Live"), "Live"}, {S("live"), "Live"}, {S("LIVE"), "Live"},
		{S(" live "), "Live"}, {S("Draft"), "Draft"}, {S("draft"), "Draft"},
		{S("\tDRAFT"), "Draft"},
		{S(""), NULL}, {S(" "), NULL}, {S("Published"), NULL},
		{S("liv"), NULL}, {S("lives"), NULL}, {S("draft\0"), NULL},
	};

	check_normalizer("ua_normalize_config_type", ua_normalize_config_type, cases, lengthof(cases));
}

static void
test_utf8(void)
{
	static const Utf8Case cases[] = {
		{S(""), UA_UTF8_OK, 0},
		{S("hello"), UA_UTF8_OK, 0},
		{S("a fairly long line of plain ASCII text, longer than 8 bytes"), UA_UTF8_OK, 0},
		{S("DALL\xc2\xb7" "E"), UA_UTF8_OK, 0},
		{S("\xe2\x82\xac"), UA_UTF8_OK, 0},	/* U+20AC */
		{S("\xf0\x9f\x98\x80"), UA_UTF8_OK, 0},	/* U+1F600 */
		{S("\xf4\x8f\xbf\xbf"), UA_UTF8_OK, 0},	/* U+10FFFF */
		{S("\xed\x9f\xbf"), UA_UTF8_OK, 0},	/* U+D7FF */
		{S("\xee\x80\x80"), UA_UTF8_OK, 0},	/* U+E000 */
		{S("\xef\xbf\xbf"), UA_UTF8_OK, 0},	/* U+FFFF */
		{S("\xc2\x80"), UA_UTF8_OK, 0},	/* U+0080 */
		{S("\xe0\xa0\x80"), UA_UTF8_OK, 0},	/* U+0800 */
		{S("\xf0\x90\x80\x80"), UA_UTF8_OK, 0},	/* U+10000 */
		{S("\x7f"), UA_UTF8_OK, 0},
		{S("12345678\xc3\xa9"), UA_UTF8_OK, 0},
		{S("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 ok"), UA_UTF8_OK, 0},
		{S("\xf4\x90\x80\x80"), UA_UTF8_INVALID, 0},	/* U+110000 */
		{S("\xf5\x80\x80\x80"), UA_UTF8_INVALID, 0},
		{S("\xc0\xaf"), UA_UTF8_INVALID, 0},	/* overlong '/' */
		{S("\xc1\xbf"), UA_UTF8_INVALID, 0},
		{S("\xc0\x80"), UA_UTF8_INVALID, 0},	/* overlong NUL */
		{S("\xe0\x80\xaf"), UA_UTF8_INVALID, 0},
		{S("\xe0\x9f\xbf"), UA_UTF8_INVALID, 0},
		{S("\xf0\x80\x80\xaf"), UA_UTF8_INVALID, 0},
		{S("\xf0\x8f\xbf\xbf"), UA_UTF8_INVALID, 0},
		{S("\xed\xa0\x80"), UA_UTF8_INVALID, 0},	/* U+D800 */
		{S("\xed\xbf\xbf"), UA_UTF8_INVALID, 0},	/* U+DFFF */
		{S("\xed\xa0\xbd\xed\xb8\x80"), UA_UTF8_INVALID, 0},	/* CESU-8 */
		{S("\xff"), UA_UTF8_INVALID, 0},
		{S("\xfe"), UA_UTF8_INVALID, 0},
		{S("\x80"), UA_UTF8_INVALID, 0},
		{S("abc\x80"), UA_UTF8_INVALID, 3},
		{S("\xc3\x28"), UA_UTF8_INVALID, 0},
		{S("\xe2\x28\xa1"), UA_UTF8_INVALID, 0},
		{S("\xe2\x82\x28"), UA_UTF8_INVALID, 0},
		{S("\xf0\x9f\x98\x28"), UA_UTF8_INVALID, 0},
		{S("abcdefg\x80"), UA_UTF8_INVALID, 7},
		{S("abcdefgh\xbf xyz"), UA_UTF8_INVALID, 8},
		{S("\xc3\xa9\xc3"), UA_UTF8_INVALID, 2},	/* truncated at the end */
		{S("abc\xc3"), UA_UTF8_INVALID, 3},
		{S("abcdefghij\xe2\x82"), UA_UTF8_INVALID, 10},
		{S("\xf0\x9f\x98"), UA_UTF8_INVALID, 0},
		{S("x\xf0\x9f"), UA_UTF8_INVALID, 1},
		{S("\xfd\xbf\xbf\xbf\xbf\xbf"), UA_UTF8_INVALID, 0},
		{S("\0"), UA_UTF8_NUL, 0},
		{S("ab\0cd"), UA_UTF8_NUL, 2},
		{S("abcdefgh\0"), UA_UTF8_NUL, 8},
		{S("abcdefghijklmno\0p"), UA_UTF8_NUL, 15},
		{S("\xc3\xa9\0"), UA_UTF8_NUL, 2},
		{S("\xc3\xa9\xff\0"), UA_UTF8_INVALID, 2},
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
	{
		const Utf8Case *c = &cases[i];
		char	   *in = copy_exact(c->s, c->len);
		size_t		offset = 12345;
		UaUtf8Result r = ua_check_utf8(in, c->len, &offset);

		check(r == c->result && (r == UA_UTF8_OK ? offset == 12345 : offset == c->offset),
			  "ua_check_utf8(%s): got %d at %zu, want %d at %zu",
			  show(c->s, c->len), r, offset, c->result, c->offset);
		free(in);
	}
}

/* ua_parse_decimal: credits, a decimal of zero or more */
static void
test_decimal(void)
{
	static const struct
	{
		const char *s;
		size_t		len;
		UaNumResult result;
		const char *number;		/* what numeric input gets */
	}			cases[] = {
		{S("12"), UA_NUM_OK, "12"},
		{S(" 0.5 "), UA_NUM_OK, "0.5"},
		{S("+3.25"), UA_NUM_OK, "3.25"},
		{S("3."), UA_NUM_OK, "3."},
		{S(".25"), UA_NUM_OK, ".25"},
		{S("-0.0"), UA_NUM_OK, "0.0"},
		{S("0"), UA_NUM_OK, "0"},
		{S("-1.5"), UA_NUM_NEGATIVE, NULL},
		{S("1e3"), UA_NUM_SYNTAX, NULL},
		{S("1,5"), UA_NUM_SYNTAX, NULL},
		{S("."), UA_NUM_SYNTAX, NULL},
		{S("1.2.3"), UA_NUM_SYNTAX, NULL},
		{S("NaN"), UA_NUM_SYNTAX, NULL},
		{S(""), UA_NUM_SYNTAX, NULL},
		{S("+"), UA_NUM_SYNTAX, NULL},
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
	{
		char	   *in = copy_exact(cases[i].s, cases[i].len);
		const char *start = NULL;
		size_t		dlen = 0;
		UaNumResult r = ua_parse_decimal(in, cases[i].len, &start, &dlen);

		check(r == cases[i].result &&
			  (r != UA_NUM_OK || (dlen == strlen(cases[i].number) &&
								  memcmp(start, cases[i].number, dlen) == 0)),
			  "ua_parse_decimal(%s): got %d %s", show(cases[i].s, cases[i].len), r,
			  r == UA_NUM_OK ? show(start, dlen) : "");
		free(in);
	}
	{
		/* more digits than a credit count can have */
		char		big[UA_MAX_DECIMAL_DIGITS + 2];
		const char *start;
		size_t		dlen;

		memset(big, '9', sizeof(big));
		check(ua_parse_decimal(big, sizeof(big), &start, &dlen) == UA_NUM_OVERFLOW,
			  "ua_parse_decimal of %zu digits is not out of range", sizeof(big));
	}
}

/* ua_repair_utf8: each damaged byte becomes U+FFFD, the rest stays */
static void
test_repair_utf8(void)
{
	static const struct
	{
		const char *s;
		size_t		len;
		const char *want;
		size_t		want_len;
		size_t		repaired;
	}			cases[] = {
		{S(""), S(""), 0},
		{S("Ana Ruiz"), S("Ana Ruiz"), 0},
		{S("Andr\xc3\xa9s"), S("Andr\xc3\xa9s"), 0},
		/* the damage seen in real exports: each non-ASCII byte became 0xFD */
		{S("Andr\xfd\xfds"), S("Andr\xef\xbf\xbd\xef\xbf\xbds"), 2},
		{S("\xfd"), S("\xef\xbf\xbd"), 1},
		/* a character cut short, then good text */
		{S("\xe2\x82x"), S("\xef\xbf\xbd\xef\xbf\xbdx"), 2},
		{S("abc\xc3"), S("abc\xef\xbf\xbd"), 1},
		/* a lone continuation byte between good characters */
		{S("\xc3\xa9\x80\xc3\xa9"), S("\xc3\xa9\xef\xbf\xbd\xc3\xa9"), 1},
		/* a surrogate: three bytes, none part of a character */
		{S("\xed\xa0\x80"), S("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"), 3},
		{S("a\0b"), S("a\xef\xbf\xbd" "b"), 1},
		{S("long ASCII run first, then \xff at the end"),
		S("long ASCII run first, then \xef\xbf\xbd at the end"), 1},
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
	{
		char	   *in = copy_exact(cases[i].s, cases[i].len);
		char	   *out = malloc(UA_REPAIR_GROWTH * cases[i].len + 1);
		size_t		repaired = 99;
		size_t		n = ua_repair_utf8(in, cases[i].len, out, &repaired);
		size_t		bad;

		check(n == cases[i].want_len && memcmp(out, cases[i].want, n) == 0 &&
			  repaired == cases[i].repaired,
			  "ua_repair_utf8(%s): got %s (%zu repaired), want %s (%zu)",
			  show(cases[i].s, cases[i].len), show(out, n), repaired,
			  show(cases[i].want, cases[i].want_len), cases[i].repaired);
		check(ua_check_utf8(out, n, &bad) == UA_UTF8_OK,
			  "ua_repair_utf8(%s) is not valid UTF-8", show(cases[i].s, cases[i].len));
		free(in);
		free(out);
	}
}

/* What the callback collects over one parse */
typedef struct Seen
{
	char		text[1024];		/* the items, rendered */
	size_t		n;
	int			count;
	int			stop_after;		/* return false after this many; 0: never */
	const char *scratch;
	size_t		scratch_len;
	bool		outside_scratch;	/* a str pointed outside the buffer */
	const char *strs[64];		/* every str seen, with a copy of its bytes */
	size_t		lens[64];
	char	   *copies[64];
	int			nstrs;
} Seen;

/* Appends text to the rendering */
static void
put(Seen *seen, const char *s, size_t len)
{
	if (len > sizeof(seen->text) - 1 - seen->n)
		len = sizeof(seen->text) - 1 - seen->n;
	memcpy(seen->text + seen->n, s, len);
	seen->n += len;
	seen->text[seen->n] = '\0';
}

/*
 * Appends one item as Python would print it: strings in single quotes (raw
 * bytes), ints in decimal, None, True, False; other numbers as num(text),
 * and ovf(text) when an int overflowed.
 */
static void
render_item(Seen *seen, const UaItem *item)
{
	char		buf[32];

	if (item->kind == UA_ITEM_STRING || item->kind == UA_ITEM_NUMBER)
	{
		if (item->str < seen->scratch ||
			item->str + item->len > seen->scratch + seen->scratch_len)
			seen->outside_scratch = true;
		if (seen->nstrs < 64)
		{
			seen->strs[seen->nstrs] = item->str;
			seen->lens[seen->nstrs] = item->len;
			seen->copies[seen->nstrs] = copy_exact(item->str, item->len);
			seen->nstrs++;
		}
	}
	switch (item->kind)
	{
		case UA_ITEM_INT:
			snprintf(buf, sizeof(buf), "%" PRId64, item->ival);
			put(seen, buf, strlen(buf));
			break;
		case UA_ITEM_NUMBER:
			put(seen, item->overflow ? "ovf(" : "num(", 4);
			put(seen, item->str, item->len);
			put(seen, ")", 1);
			break;
		case UA_ITEM_STRING:
			put(seen, "'", 1);
			put(seen, item->str, item->len);
			put(seen, "'", 1);
			break;
		case UA_ITEM_NULL:
			put(seen, "None", 4);
			break;
		case UA_ITEM_BOOL:
			put(seen, item->ival ? "True" : "False", item->ival ? 4 : 5);
			break;
	}
}

/* The callback of the map and list tests */
static bool
collect(void *arg, const UaItem *key, const UaItem *value)
{
	Seen	   *seen = arg;

	if (seen->count > 0)
		put(seen, ", ", 2);
	if (key != NULL)
	{
		if (key->kind != UA_ITEM_STRING)
			put(seen, "<key not a string>", 18);
		render_item(seen, key);
		put(seen, ": ", 2);
	}
	render_item(seen, value);
	seen->count++;
	return seen->stop_after == 0 || seen->count < seen->stop_after;
}

/*
 * Runs one map or list case and checks the result, the items, the error,
 * and that every string is still intact once the parse is over (values.h
 * promises they stay valid until the scratch buffer is reused).
 */
static void
run_parse(const char *what, const ParseCase *c, int stop_after, ParseFunc parse)
{
	char	   *in = copy_exact(c->s, c->len);
	char	   *scratch = copy_exact(c->s, c->len);
	UaParseError err = {999, "untouched"};
	Seen		seen;
	UaParseResult r;
	bool		intact = true;
	int			i;

	memset(&seen, 0, sizeof(seen));
	seen.stop_after = stop_after;
	seen.scratch = scratch;
	seen.scratch_len = c->len;
	r = parse(in, c->len, scratch, collect, &seen, &err);

	for (i = 0; i < seen.nstrs; i++)
	{
		if (seen.lens[i] > 0 && memcmp(seen.strs[i], seen.copies[i], seen.lens[i]) != 0)
			intact = false;
		free(seen.copies[i]);
	}

	check(r == c->result && strcmp(seen.text, c->items) == 0,
		  "%s(%s): got %d [%s], want %d [%s]", what, show(c->s, c->len),
		  r, seen.text, c->result, c->items);
	if (c->result == UA_PARSE_ERROR)
		check(r == UA_PARSE_ERROR && err.offset == c->offset &&
			  strcmp(err.message, c->message) == 0,
			  "%s(%s): got error \"%s\" at %zu, want \"%s\" at %zu",
			  what, show(c->s, c->len), err.message, err.offset,
			  c->message, c->offset);
	check(intact && !seen.outside_scratch,
		  "%s(%s): strings outside the scratch buffer or overwritten",
		  what, show(c->s, c->len));
	free(in);
	free(scratch);
}

static void
test_map(void)
{
	static const ParseCase cases[] = {
		/* as real exports write them */
		OK("{'Search': 87, 'Retrieval': 213}", "'Search': 87, 'Retrieval': 213"),
		OK("{'6806684c27e88190b4cb45225dded629': 'SG-Chatgpt-Users'}",
		   "'6806684c27e88190b4cb45225dded629': 'SG-Chatgpt-Users'"),
		OK("{'gpt-5-reasoning': 36, 'gpt-5': 42}", "'gpt-5-reasoning': 36, 'gpt-5': 42"),
		OK("{'g-p-68f6a2bc0da08191a11baefe3f6403b0': 28}",
		   "'g-p-68f6a2bc0da08191a11baefe3f6403b0': 28"),
		OK("{'DALL\xc2\xb7" "E': 3, 'Data Analysis': 1, 'gpt-4.1': 2}",
		   "'DALL\xc2\xb7" "E': 3, 'Data Analysis': 1, 'gpt-4.1': 2"),
		OK("{\"o3\": 5, \"4o\": 16}", "'o3': 5, '4o': 16"),
		OK("{}", ""),
		OK("  { }  ", ""),
		OK("{'a': 1,}", "'a': 1"),
		OK("{'a': 1 , }", "'a': 1"),
		OK("{\n\t'a' : 1 ,\r\n 'b':2\n}\n", "'a': 1, 'b': 2"),
		OK("{'a': 1, 'a': 2}", "'a': 1, 'a': 2"),
		OK("{'': 0}", "'': 0"),
		OK("{'k': \"v\"}", "'k': 'v'"),
		/* quotes: Python picks double quotes for a string with a ' */
		OK("{\"it's\": 1}", "'it's': 1"),
		OK("{'say \"hi\" it\\'s': 2}", "'say \"hi\" it's': 2"),
		OK("{\"a\\\"b\": 1}", "'a\"b': 1"),
		OK("{\"a\\'b\": 1}", "'a'b': 1"),
		/* escapes */
		OK("{'t': '\\t\\n\\r\\b\\f\\/\\\\'}", "'t': '\t\n\r\b\f/\\'"),
		OK("{'e': '\\xe9t\\xE9'}", "'e': '\xc3\xa9t\xc3\xa9'"),
		OK("{'x': '\\x7f\\x80'}", "'x': '\x7f\xc2\x80'"),
		OK("{'u': '\\u00e9\\u20AC\\u0041'}", "'u': '\xc3\xa9\xe2\x82\xac" "A'"),
		OK("{'s': '\\ud83d\\ude00'}", "'s': '\xf0\x9f\x98\x80'"),
		OK("{\"s\": \"\\uD83D\\uDE00!\"}", "'s': '\xf0\x9f\x98\x80!'"),
		OK("{'U': '\\U0001F600'}", "'U': '\xf0\x9f\x98\x80'"),
		OK("{'max': '\\U0010FFFF', 'bmp': '\\uFFFF'}",
		   "'max': '\xf4\x8f\xbf\xbf', 'bmp': '\xef\xbf\xbf'"),
		OK("{'\xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac': 1}",
		   "'\xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac': 1"),
		OK("{'tab\there': 1}", "'tab\there': 1"),
		/* numbers and words */
		OK("{'a': -5, 'b': 0, 'c': -0, 'd': 007}", "'a': -5, 'b': 0, 'c': 0, 'd': 7"),
		OK("{'d': 1.5, 'e': 1e3, 'f': -2.5E-3, 'g': 12.0, 'h': 1E+2}",
		   "'d': num(1.5), 'e': num(1e3), 'f': num(-2.5E-3), 'g': num(12.0), 'h': num(1E+2)"),
		OK("{'max': 9223372036854775807, 'min': -9223372036854775808}",
		   "'max': 9223372036854775807, 'min': -9223372036854775808"),
		OK("{'big': 9223372036854775808, 'neg': -9223372036854775809}",
		   "'big': ovf(9223372036854775808), 'neg': ovf(-9223372036854775809)"),
		OK("{'huge': 99999999999999999999999999}", "'huge': ovf(99999999999999999999999999)"),
		OK("{'n': None, 'j': null, 't': True, 'f': False, 'tt': true, 'ff': false}",
		   "'n': None, 'j': None, 't': True, 'f': False, 'tt': True, 'ff': False"),
		OK("{'a':1,'b':None}", "'a': 1, 'b': None"),
		/* errors: structure */
		ERR("", "", 0, "expected '{'"),
		ERR("   ", "", 3, "expected '{'"),
		ERR("[1]", "", 0, "expected '{'"),
		ERR("'a': 1", "", 0, "expected '{'"),
		ERR("{", "", 1, "expected string key"),
		ERR("{,}", "", 1, "expected string key"),
		ERR("{a: 1}", "", 1, "expected string key"),
		ERR("{1: 2}", "", 1, "expected string key"),
		ERR("{'a': 1,,}", "'a': 1", 8, "expected string key"),
		ERR("{'a'", "", 4, "expected ':' after key"),
		ERR("{'a' 1}", "", 5, "expected ':' after key"),
		ERR("{'a'= 1}", "", 4, "expected ':' after key"),
		ERR("{'a': 1, 'b'}", "'a': 1", 12, "expected ':' after key"),
		ERR("{'a':}", "", 5, "expected a value"),
		ERR("{'a':", "", 5, "expected a value"),
		ERR("{'a': 1", "'a': 1", 7, "expected ',' or '}'"),
		ERR("{'a': 1 'b': 2}", "'a': 1", 8, "expected ',' or '}'"),
		ERR("{'a': 1]", "'a': 1", 7, "expected ',' or '}'"),
		ERR("{'a': 1}x", "'a': 1", 8, "unexpected text after '}'"),
		ERR("{'a': 1} {'b': 2}", "'a': 1", 9, "unexpected text after '}'"),
		ERR("{'a': 1}}", "'a': 1", 8, "unexpected text after '}'"),
		ERR("{'a': {'b': 1}}", "", 6, "nested map or list not supported"),
		ERR("{'a': [1]}", "", 6, "nested map or list not supported"),
		ERR("{{}}", "", 1, "expected string key"),
		/* errors: strings */
		ERR("{'a: 1}", "", 1, "unterminated string"),
		ERR("{\"a': 1}", "", 1, "unterminated string"),
		ERR("{'a\\", "", 1, "unterminated string"),
		ERR("{'a\\'}", "", 1, "unterminated string"),
		ERR("{'a': 'b", "", 6, "unterminated string"),
		ERR("{'a\\q': 1}", "", 3, "invalid escape"),
		ERR("{'a\\0': 1}", "", 3, "invalid escape"),
		ERR("{'a\\x4': 1}", "", 3, "invalid escape"),
		ERR("{'a\\xg0': 1}", "", 3, "invalid escape"),
		ERR("{'\\u12': 1}", "", 2, "invalid escape"),
		ERR("{'\\u12", "", 2, "invalid escape"),
		ERR("{'\\U0001F60': 1}", "", 2, "invalid escape"),
		ERR("{'\\ud83d': 1}", "", 2, "lone surrogate in escape"),
		ERR("{'\\ude00': 1}", "", 2, "lone surrogate in escape"),
		ERR("{'\\ud83d\\u0041': 1}", "", 2, "lone surrogate in escape"),
		ERR("{'\\ud83d\\ud83d': 1}", "", 2, "lone surrogate in escape"),
		ERR("{'\\ud83d\\ue000': 1}", "", 2, "lone surrogate in escape"),
		ERR("{'\\ud83d\\x41': 1}", "", 2, "lone surrogate in escape"),
		ERR("{'\\ud83d", "", 2, "lone surrogate in escape"),
		ERR("{'\\ud83d\\ude0", "", 2, "lone surrogate in escape"),
		ERR("{'\\U0000D800': 1}", "", 2, "lone surrogate in escape"),
		ERR("{'\\U00110000': 1}", "", 2, "code point out of range"),
		ERR("{'\\UFFFFFFFF': 1}", "", 2, "code point out of range"),
		ERR("{'\\u0000': 1}", "", 2, "nul character not allowed"),
		ERR("{'\\x00': 1}", "", 2, "nul character not allowed"),
		ERR("{'\\U00000000': 1}", "", 2, "nul character not allowed"),
		ERR("{'a\0b': 1}", "", 3, "nul character not allowed"),
		ERR("{'a': 1, 'b': 'x\0'}", "'a': 1", 16, "nul character not allowed"),
		ERR("{'a\xff': 1}", "", 3, "invalid utf-8"),
		ERR("{'\xc0\xaf': 1}", "", 2, "invalid utf-8"),
		ERR("{'\xed\xa0\x80': 1}", "", 2, "invalid utf-8"),
		ERR("{'\xf4\x90\x80\x80': 1}", "", 2, "invalid utf-8"),
		ERR("{'\xe2\x82", "", 2, "invalid utf-8"),
		ERR("{'\xe2\x82'", "", 2, "invalid utf-8"),
		/* errors: numbers and words */
		ERR("{'a': -}", "", 6, "invalid number"),
		ERR("{'a': -x}", "", 6, "invalid number"),
		ERR("{'a': 1.}", "", 6, "invalid number"),
		ERR("{'a': 1.e5}", "", 6, "invalid number"),
		ERR("{'a': 1e}", "", 6, "invalid number"),
		ERR("{'a': 1e+}", "", 6, "invalid number"),
		ERR("{'a': 12abc}", "", 6, "invalid number"),
		ERR("{'a': 0x10}", "", 6, "invalid number"),
		ERR("{'a': 1", "'a': 1", 7, "expected ',' or '}'"),
		ERR("{'a': -", "", 6, "invalid number"),
		ERR("{'a': .5}", "", 6, "expected a value"),
		ERR("{'a': +5}", "", 6, "expected a value"),
		ERR("{'a': nan}", "", 6, "expected a value"),
		ERR("{'a': NULL}", "", 6, "expected a value"),
		ERR("{'a': nullx}", "", 6, "expected a value"),
		ERR("{'a': Tru}", "", 6, "expected a value"),
		ERR("{'a': 1, 'b': True1}", "'a': 1", 14, "expected a value"),
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
		run_parse("ua_parse_map", &cases[i], 0, ua_parse_map);
}

static void
test_list(void)
{
	static const ParseCase cases[] = {
		OK("[\"finance\",\"analytics\"]", "'finance', 'analytics'"),
		OK("[\"it\"]", "'it'"),
		OK("[]", ""),
		OK(" [ ] ", ""),
		OK("['finance', 'analytics',]", "'finance', 'analytics'"),
		OK("[\n  \"a\",\n  \"b\"\n]\n", "'a', 'b'"),
		OK("[\"caf\\u00e9\", 'R\\'n\\'D']", "'caf\xc3\xa9', 'R'n'D'"),
		OK("[1, -2, 1.5, null, true, None]", "1, -2, num(1.5), None, True, None"),
		/* plain text is one element */
		OK("finance", "'finance'"),
		OK("  Data Science \t", "'Data Science'"),
		OK("R&D, Finance", "'R&D, Finance'"),
		OK("\"finance\"", "'\"finance\"'"),
		OK("Ventes \xc3\xa9t\xc3\xa9", "'Ventes \xc3\xa9t\xc3\xa9'"),
		OK("finance]", "'finance]'"),
		OK("", ""),
		OK("   ", ""),
		/* errors */
		ERR("[", "", 1, "expected a value"),
		ERR("[,]", "", 1, "expected a value"),
		ERR("[\"a\",,]", "'a'", 5, "expected a value"),
		ERR("[\"a\"", "'a'", 4, "expected ',' or ']'"),
		ERR("[\"a\" \"b\"]", "'a'", 5, "expected ',' or ']'"),
		ERR("[\"a\"}", "'a'", 4, "expected ',' or ']'"),
		ERR("[\"a\"]x", "'a'", 5, "unexpected text after ']'"),
		ERR("[\"a\"] x ", "'a'", 6, "unexpected text after ']'"),
		ERR("[[\"a\"]]", "", 1, "nested map or list not supported"),
		ERR("[{}]", "", 1, "nested map or list not supported"),
		ERR("[\"a]", "", 1, "unterminated string"),
		ERR("[finance]", "", 1, "expected a value"),
		ERR("[\"\\x00\"]", "", 2, "nul character not allowed"),
		ERR("[\"\\ud800\"]", "", 2, "lone surrogate in escape"),
		ERR("fin\xff" "ance", "", 3, "invalid utf-8"),
		ERR(" fin\xc3", "", 4, "invalid utf-8"),
		ERR("fin\0ance", "", 3, "nul character not allowed"),
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
		run_parse("ua_parse_list", &cases[i], 0, ua_parse_list);
}

/* A callback that returns false stops the parse where it is */
static void
test_stop(void)
{
	static const ParseCase map_stop = {
		S("{'a': 1, 'b': 2, 'c': 3}"), UA_PARSE_STOPPED, "'a': 1, 'b': 2", 0, NULL
	};
	static const ParseCase map_stop_before_error = {
		S("{'a': 1, 'b': 2, 'c'"), UA_PARSE_STOPPED, "'a': 1", 0, NULL
	};
	static const ParseCase list_stop = {
		S("['a', 'b', 'c']"), UA_PARSE_STOPPED, "'a'", 0, NULL
	};
	static const ParseCase plain_stop = {
		S("finance"), UA_PARSE_STOPPED, "'finance'", 0, NULL
	};

	run_parse("ua_parse_map", &map_stop, 2, ua_parse_map);
	run_parse("ua_parse_map", &map_stop_before_error, 1, ua_parse_map);
	run_parse("ua_parse_list", &list_stop, 1, ua_parse_list);
	run_parse("ua_parse_list", &plain_stop, 1, ua_parse_list);
}

int
main(void)
{
	test_int32();
	test_date();
	test_bool();
	test_cadence();
	test_role();
	test_config_type();
	test_utf8();
	test_repair_utf8();
	test_decimal();
	test_map();
	test_list();
	test_stop();

	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
