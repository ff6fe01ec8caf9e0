/*
 * values.c
 *		Parsers for the fields of ChatGPT Enterprise exports.
 *
 * Every byte here comes straight from a customer's file, so each function
 * checks its whole input and never reads outside (s, len); a NULL s with len
 * 0 is accepted everywhere.  The syntax accepted is documented in values.h.
 * test/unit/test_values.c pins the behaviour down and test/fuzz/fuzz_values.c
 * looks for inputs that break it.
 */
#include <string.h>

#include "values.h"

/* The eight-byte masks of the ASCII fast path in ua_check_utf8 */
#define ONE_BYTES	UINT64_C(0x0101010101010101)
#define HIGH_BITS	UINT64_C(0x8080808080808080)

/* State of one map or list parse */
typedef struct UaParser
{
	const char *start;			/* the whole input, for error offsets */
	const char *p;				/* next byte to read */
	const char *end;			/* one past the last byte */
	char	   *out;			/* next free byte of the scratch buffer */
	UaParseError *err;
} UaParser;

/*
 * Blanks around fields and between tokens: what spreadsheet tools, JSON and
 * Python leave there.
 */
static inline bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* An ASCII digit, whatever the locale */
static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Letters, digits and '_': what may continue a bare word or a number */
static inline bool
is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		is_digit(c) || c == '_';
}

/* ASCII lower-casing, so that the locale cannot change what matches */
static inline char
ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/*
 * Whether s (len bytes) is the lower-case word in any case.  word is a
 * NUL-terminated literal; s is not.
 */
static bool
equals_ci(const char *s, size_t len, const char *word)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		if (word[i] == '\0' || ascii_lower(s[i]) != word[i])
			return false;
	}
	return word[len] == '\0';
}

/*
 * Narrows (*s, *len) to the text between leading and trailing blanks.  The
 * caller has checked that *len is not 0, so *s is not NULL.
 */
static void
trim_blanks(const char **s, size_t *len)
{
	const char *p = *s;
	const char *e = p + *len;

	while (p < e && is_blank(*p))
		p++;
	while (e > p && is_blank(e[-1]))
		e--;
	*s = p;
	*len = e - p;
}

/*
 * Reads the digits at *p (at least one is there) into *value, up to limit;
 * returns whether the number is larger than that (*value is then the part
 * that fit).  *p is left after the last digit.
 */
static bool
digits_value(const char **p, const char *end, uint64_t limit, uint64_t *value)
{
	const char *q = *p;
	bool		overflow = false;
	uint64_t	v = 0;

	for (; q < end && is_digit(*q); q++)
	{
		unsigned int d = *q - '0';

		/* v * 10 + d <= limit, rearranged so that nothing wraps */
		if (overflow || v > (limit - d) / 10)
			overflow = true;
		else
			v = v * 10 + d;
	}
	*p = q;
	*value = v;
	return overflow;
}

/*
 * The body of ua_parse_int32: a non-negative whole number of at most max.
 * The whole text is checked before the sign and the size, so "-3x" is a
 * syntax error rather than a negative number.
 */
static UaNumResult
parse_whole(const char *s, size_t len, uint64_t max, uint64_t *out)
{
	const char *p;
	const char *end;
	bool		negative = false;
	bool		overflow = false;
	uint64_t	value = 0;

	if (len == 0)
		return UA_NUM_SYNTAX;
	trim_blanks(&s, &len);
	p = s;
	end = s + len;

	if (p < end && (*p == '+' || *p == '-'))
	{
		negative = (*p == '-');
		p++;
	}
	if (p == end || !is_digit(*p))
		return UA_NUM_SYNTAX;
	overflow = digits_value(&p, end, max, &value);

	/* "12.0" and "12.00", as spreadsheet tools rewrite counts */
	if (p < end && *p == '.')
	{
		p++;
		if (p == end || *p != '0')
			return UA_NUM_SYNTAX;
		while (p < end && *p == '0')
			p++;
	}
	if (p != end)
		return UA_NUM_SYNTAX;

	if (negative && (value != 0 || overflow))
		return UA_NUM_NEGATIVE;
	if (overflow)
		return UA_NUM_OVERFLOW;
	*out = value;
	return UA_NUM_OK;
}

/* A count that fits in int32 */
UaNumResult
ua_parse_int32(const char *s, size_t len, int32_t *out)
{
	uint64_t	value;
	UaNumResult result = parse_whole(s, len, INT32_MAX, &value);

	if (result == UA_NUM_OK)
		*out = (int32_t) value;
	return result;
}

/* A decimal of zero or more (see values.h) */
UaNumResult
ua_parse_decimal(const char *s, size_t len, const char **start, size_t *dlen)
{
	const char *p;
	const char *end;
	const char *digits;
	bool		negative = false;
	size_t		ndigits = 0;
	bool		nonzero = false;

	if (len == 0)
		return UA_NUM_SYNTAX;
	trim_blanks(&s, &len);
	p = s;
	end = s + len;
	if (p < end && (*p == '+' || *p == '-'))
	{
		negative = (*p == '-');
		p++;
	}
	digits = p;
	for (; p < end && is_digit(*p); p++, ndigits++)
		nonzero |= (*p != '0');
	if (p < end && *p == '.')
		for (p++; p < end && is_digit(*p); p++, ndigits++)
			nonzero |= (*p != '0');
	if (ndigits == 0 || p != end)
		return UA_NUM_SYNTAX;
	if (negative && nonzero)
		return UA_NUM_NEGATIVE;
	if (ndigits > UA_MAX_DECIMAL_DIGITS)
		return UA_NUM_OVERFLOW;
	*start = digits;
	*dlen = end - digits;
	return UA_NUM_OK;
}

/*
 * Reads the n digits at p (the caller has checked they are in bounds) as a
 * number; false when one is not a digit.
 */
static bool
read_digits(const char *p, int n, int *out)
{
	int			value = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (!is_digit(p[i]))
			return false;
		value = value * 10 + (p[i] - '0');
	}
	*out = value;
	return true;
}

/* Days in a month of the proleptic Gregorian calendar */
static int
days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/*
 * Checks the time of day that may follow a date: "HH:MM", ":SS" and a
 * fraction optional, then an optional UTC designator.  Only zero offsets
 * are accepted, because the date of any other offset would be ambiguous
 * once the time is dropped.
 */
static bool
check_time(const char *p, const char *end)
{
	int			hour;
	int			minute;
	int			second;

	if (end - p < 5 || !read_digits(p, 2, &hour) || p[2] != ':' ||
		!read_digits(p + 3, 2, &minute) || hour > 23 || minute > 59)
		return false;
	p += 5;
	if (end - p >= 3 && p[0] == ':')
	{
		if (!read_digits(p + 1, 2, &second) || second > 59)
			return false;
		p += 3;
		if (p < end && *p == '.')
		{
			p++;
			if (p == end || !is_digit(*p))
				return false;
			while (p < end && is_digit(*p))
				p++;
		}
	}
	if (p == end)
		return true;
	if (*p == 'Z' || *p == 'z')
		return end - p == 1;
	if (*p != '+')
		return false;
	p++;
	switch (end - p)
	{
		case 2:
			return memcmp(p, "00", 2) == 0;
		case 4:
			return memcmp(p, "0000", 4) == 0;
		case 5:
			return memcmp(p, "00:00", 5) == 0;
		default:
			return false;
	}
}

/* A calendar date "YYYY-MM-DD", with an optional time of day to drop */
bool
ua_parse_date(const char *s, size_t len, int *year, int *month, int *day)
{
	int			y;
	int			m;
	int			d;

	if (len == 0)
		return false;
	trim_blanks(&s, &len);
	if (len < 10 || !read_digits(s, 4, &y) || s[4] != '-' ||
		!read_digits(s + 5, 2, &m) || s[7] != '-' || !read_digits(s + 8, 2, &d))
		return false;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	if (len > 10)
	{
		char		sep = s[10];

		if ((sep != ' ' && sep != 'T' && sep != 't') ||
			!check_time(s + 11, s + len))
			return false;
	}
	*year = y;
	*month = m;
	*day = d;
	return true;
}

/* A boolean in any of the spellings the exports and their docs use */
int
ua_parse_bool(const char *s, size_t len)
{
	static const struct
	{
		const char *word;
		int			value;
	}			words[] =
	{
		{"1", 1}, {"0", 0}, {"true", 1}, {"false", 0}, {"t", 1}, {"f", 0},
		{"yes", 1}, {"no", 0}, {"y", 1}, {"n", 0}
	};
	size_t		i;

	if (len == 0)
		return -1;
	trim_blanks(&s, &len);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
	{
		if (equals_ci(s, len, words[i].word))
			return words[i].value;
	}
	return -1;
}

/* "Weekly", "Monthly", either after "Partial" and blanks, or "Date Range" */
UaCadence
ua_parse_cadence(const char *s, size_t len, bool *is_partial)
{
	*is_partial = false;
	if (len == 0)
		return UA_CADENCE_INVALID;
	trim_blanks(&s, &len);
	if (len > 7 && equals_ci(s, 7, "partial") && is_blank(s[7]))
	{
		s += 7;
		len -= 7;
		trim_blanks(&s, &len);
		*is_partial = true;
	}
	if (equals_ci(s, len, "weekly"))
		return UA_CADENCE_WEEKLY;
	if (equals_ci(s, len, "monthly"))
		return UA_CADENCE_MONTHLY;
	/* a custom range is never partial: it is exported as it was chosen */
	if (!*is_partial && len == 10 && equals_ci(s, 4, "date") && is_blank(s[4]) &&
		equals_ci(s + 5, 5, "range"))
		return UA_CADENCE_DATE_RANGE;
	*is_partial = false;
	return UA_CADENCE_INVALID;
}

/*
 * The workspace role in the vocabulary of the tables.  Surrounding blanks
 * are ignored here too, as for every other field.
 */
const char *
ua_normalize_user_role(const char *s, size_t len)
{
	if (len == 0)
		return NULL;
	trim_blanks(&s, &len);
	if (equals_ci(s, len, "account-owner") || equals_ci(s, len, "owner"))
		return "owner";
	if (equals_ci(s, len, "account-admin") || equals_ci(s, len, "admin"))
		return "admin";
	if (equals_ci(s, len, "standard-user") || equals_ci(s, len, "user") ||
		equals_ci(s, len, "member"))
		return "user";
	return NULL;
}

/*
 * The tables spell a GPT's state as the API does, "Live" or "Draft", whatever
 * the case of the export ("live", "DRAFT"), so that config_type = 'Live'
 * finds them all.
 */
const char *
ua_normalize_config_type(const char *s, size_t len)
{
	if (len == 0)
		return NULL;
	trim_blanks(&s, &len);
	if (equals_ci(s, len, "live"))
		return "Live";
	if (equals_ci(s, len, "draft"))
		return "Draft";
	return NULL;
}

/*
 * Length of the well-formed multibyte UTF-8 sequence at p, whose first byte
 * is not ASCII, or 0 when the bytes before end do not form one.  The ranges
 * of the second byte are those of table 3-7 of the Unicode standard: they
 * rule out overlong forms, surrogates and code points above U+10FFFF.
 */
static int
utf8_sequence_length(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80;
	unsigned char hi = 0xBF;
	int			n;
	int			i;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	}
	else
		return 0;

	if (end - p < n || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
	{
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	}
	return n;
}

/* Well-formed UTF-8 without NUL bytes, as PostgreSQL text needs */
UaUtf8Result
ua_check_utf8(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *start = (const unsigned char *) s;
	const unsigned char *p = start;
	const unsigned char *end;

	if (len == 0)
		return UA_UTF8_OK;
	end = p + len;
	while (p < end)
	{
		int			n;

		/*
		 * Skip eight bytes at a time while none has its high bit set and
		 * none is zero: exports are mostly ASCII.
		 */
		while (end - p >= 8)
		{
			uint64_t	w;

			memcpy(&w, p, sizeof(w));
			if ((w & HIGH_BITS) != 0 || ((w - ONE_BYTES) & ~w & HIGH_BITS) != 0)
				break;
			p += 8;
		}
		if (p == end)
			break;

		if (*p < 0x80)
		{
			if (*p == 0)
			{
				*bad_offset = p - start;
				return UA_UTF8_NUL;
			}
			p++;
			continue;
		}
		n = utf8_sequence_length(p, end);
		if (n == 0)
		{
			*bad_offset = p - start;
			return UA_UTF8_INVALID;
		}
		p += n;
	}
	return UA_UTF8_OK;
}

/* Damaged bytes as U+FFFD, the rest as it is (see values.h) */
size_t
ua_repair_utf8(const char *s, size_t len, char *out, size_t *nrepaired)
{
	size_t		done = 0;
	size_t		written = 0;

	*nrepaired = 0;
	while (done < len)
	{
		size_t		bad = len - done;

		if (ua_check_utf8(s + done, len - done, &bad) == UA_UTF8_OK)
			bad = len - done;
		memcpy(out + written, s + done, bad);
		written += bad;
		done += bad;
		if (done == len)
			break;
		memcpy(out + written, UA_REPLACEMENT_CHAR, 3);
		written += 3;
		done++;
		(*nrepaired)++;
	}
	return written;
}

/* Records where and why a map or list failed; returns false for the caller */
static bool
parse_fail(UaParser *ps, const char *at, const char *message)
{
	ps->err->offset = at - ps->start;
	ps->err->message = message;
	return false;
}

/* Moves past blanks between tokens */
static inline void
skip_blanks(UaParser *ps)
{
	while (ps->p < ps->end && is_blank(*ps->p))
		ps->p++;
}

/* Writes code point cp (at most U+10FFFF, not a surrogate) as UTF-8 */
static char *
put_utf8(char *out, uint32_t cp)
{
	unsigned char *o = (unsigned char *) out;

	if (cp < 0x80)
		*o++ = cp;
	else if (cp < 0x800)
	{
		*o++ = 0xC0 | (cp >> 6);
		*o++ = 0x80 | (cp & 0x3F);
	}
	else if (cp < 0x10000)
	{
		*o++ = 0xE0 | (cp >> 12);
		*o++ = 0x80 | ((cp >> 6) & 0x3F);
		*o++ = 0x80 | (cp & 0x3F);
	}
	else
	{
		*o++ = 0xF0 | (cp >> 18);
		*o++ = 0x80 | ((cp >> 12) & 0x3F);
		*o++ = 0x80 | ((cp >> 6) & 0x3F);
		*o++ = 0x80 | (cp & 0x3F);
	}
	return (char *) o;
}

/*
 * Reads n hex digits at p, if the input holds that many; false when it
 * does not or when one is not a hex digit.
 */
static bool
read_hex(const char *p, const char *end, int n, uint32_t *out)
{
	uint32_t	value = 0;
	int			i;

	if (end - p < n)
		return false;
	for (i = 0; i < n; i++)
	{
		char		c = p[i];
		uint32_t	d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		value = (value << 4) | d;
	}
	*out = value;
	return true;
}

/*
 * Decodes the escape whose backslash is at *pp (the caller has checked that
 * a byte follows it), writing its UTF-8 at *outp and advancing both.  Each
 * escape is at least as long as its UTF-8 (a 12-byte surrogate pair gives 4
 * bytes, "\xe9" gives 2), which is what lets the scratch buffer be len bytes.
 */
static bool
parse_escape(UaParser *ps, const char **pp, char **outp)
{
	const char *bs = *pp;
	const char *p = bs + 2;
	uint32_t	cp;

	switch (bs[1])
	{
		case '\\':
		case '\'':
		case '"':
		case '/':
			*(*outp)++ = bs[1];
			*pp = p;
			return true;
		case 'b':
			cp = '\b';
			break;
		case 'f':
			cp = '\f';
			break;
		case 'n':
			cp = '\n';
			break;
		case 'r':
			cp = '\r';
			break;
		case 't':
			cp = '\t';
			break;
		case 'x':
			/* Python's \xNN is the code point U+00NN, not a byte */
			if (!read_hex(p, ps->end, 2, &cp))
				return parse_fail(ps, bs, "invalid escape");
			p += 2;
			break;
		case 'u':
			if (!read_hex(p, ps->end, 4, &cp))
				return parse_fail(ps, bs, "invalid escape");
			p += 4;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return parse_fail(ps, bs, "lone surrogate in escape");
			if (cp >= 0xD800 && cp <= 0xDBFF)
			{
				uint32_t	low;

				/* JSON writes characters beyond the BMP as a pair */
				if (ps->end - p < 2 || p[0] != '\\' || p[1] != 'u' ||
					!read_hex(p + 2, ps->end, 4, &low) ||
					low < 0xDC00 || low > 0xDFFF)
					return parse_fail(ps, bs, "lone surrogate in escape");
				cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
				p += 6;
			}
			break;
		case 'U':
			if (!read_hex(p, ps->end, 8, &cp))
				return parse_fail(ps, bs, "invalid escape");
			p += 8;
			if (cp > 0x10FFFF)
				return parse_fail(ps, bs, "code point out of range");
			if (cp >= 0xD800 && cp <= 0xDFFF)
				return parse_fail(ps, bs, "lone surrogate in escape");
			break;
		default:
			return parse_fail(ps, bs, "invalid escape");
	}
	if (cp == 0)
		return parse_fail(ps, bs, "nul character not allowed");
	*outp = put_utf8(*outp, cp);
	*pp = p;
	return true;
}

/*
 * A string in single or double quotes at ps->p, decoded into the scratch
 * buffer.  Raw bytes must be well-formed UTF-8 other than NUL, so that the
 * decoded text can go into a PostgreSQL text value as it is.
 */
static bool
parse_string(UaParser *ps, UaItem *item)
{
	const char *open = ps->p;
	const char *end = ps->end;
	const char *p = open + 1;
	char		quote = *open;
	char	   *out = ps->out;

	for (;;)
	{
		const char *run = p;

		/* Copy runs of plain ASCII in one go */
		while (p < end && *p != quote && *p != '\\' &&
			   (unsigned char) *p >= 0x01 && (unsigned char) *p < 0x80)
			p++;
		if (p > run)
		{
			memcpy(out, run, p - run);
			out += p - run;
		}
		if (p == end)
			return parse_fail(ps, open, "unterminated string");
		if (*p == quote)
			break;
		if (*p == '\\')
		{
			if (end - p < 2)
				return parse_fail(ps, open, "unterminated string");
			if (!parse_escape(ps, &p, &out))
				return false;
		}
		else if (*p == '\0')
			return parse_fail(ps, p, "nul character not allowed");
		else
		{
			int			n = utf8_sequence_length((const unsigned char *) p,
												 (const unsigned char *) end);

			if (n == 0)
				return parse_fail(ps, p, "invalid utf-8");
			memcpy(out, p, n);
			out += n;
			p += n;
		}
	}

	item->kind = UA_ITEM_STRING;
	item->str = ps->out;
	item->len = out - ps->out;
	ps->out = out;
	ps->p = p + 1;
	return true;
}

/*
 * A JSON number at ps->p.  Whole numbers that fit in int64 become
 * UA_ITEM_INT; anything else keeps its text, copied into the scratch buffer
 * so that every item points there.
 */
static bool
parse_number(UaParser *ps, UaItem *item)
{
	const char *start = ps->p;
	const char *end = ps->end;
	const char *p = start;
	bool		negative = false;
	bool		whole = true;
	bool		overflow = false;
	uint64_t	magnitude = 0;
	uint64_t	limit;

	if (*p == '-')
	{
		negative = true;
		p++;
	}
	limit = negative ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
	if (p == end || !is_digit(*p))
		return parse_fail(ps, start, "invalid number");
	overflow = digits_value(&p, end, limit, &magnitude);
	if (p < end && *p == '.')
	{
		p++;
		if (p == end || !is_digit(*p))
			return parse_fail(ps, start, "invalid number");
		while (p < end && is_digit(*p))
			p++;
		whole = false;
	}
	if (p < end && (*p == 'e' || *p == 'E'))
	{
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p == end || !is_digit(*p))
			return parse_fail(ps, start, "invalid number");
		while (p < end && is_digit(*p))
			p++;
		whole = false;
	}
	if (p < end && is_word_char(*p))
		return parse_fail(ps, start, "invalid number");

	if (whole && !overflow)
	{
		item->kind = UA_ITEM_INT;
		/* -(INT64_MAX + 1) without overflowing on the way */
		if (negative && magnitude > 0)
			item->ival = -(int64_t) (magnitude - 1) - 1;
		else
			item->ival = (int64_t) magnitude;
	}
	else
	{
		item->kind = UA_ITEM_NUMBER;
		item->overflow = whole;
		item->str = ps->out;
		item->len = p - start;
		memcpy(ps->out, start, item->len);
		ps->out += item->len;
	}
	ps->p = p;
	return true;
}

/* None, null, True, False, true or false at ps->p */
static bool
parse_word(UaParser *ps, UaItem *item)
{
	const char *start = ps->p;
	const char *p = start;
	size_t		n;

	while (p < ps->end && is_word_char(*p))
		p++;
	n = p - start;
	if ((n == 4 && memcmp(start, "None", 4) == 0) ||
		(n == 4 && memcmp(start, "null", 4) == 0))
		item->kind = UA_ITEM_NULL;
	else if ((n == 4 && memcmp(start, "True", 4) == 0) ||
			 (n == 4 && memcmp(start, "true", 4) == 0))
	{
		item->kind = UA_ITEM_BOOL;
		item->ival = 1;
	}
	else if ((n == 5 && memcmp(start, "False", 5) == 0) ||
			 (n == 5 && memcmp(start, "false", 5) == 0))
	{
		item->kind = UA_ITEM_BOOL;
		item->ival = 0;
	}
	else
		return parse_fail(ps, start, "expected a value");
	ps->p = p;
	return true;
}

/* A value of a map or element of a list, after blanks */
static bool
parse_value(UaParser *ps, UaItem *item)
{
	char		c;

	memset(item, 0, sizeof(*item));
	if (ps->p == ps->end)
		return parse_fail(ps, ps->p, "expected a value");
	c = *ps->p;
	if (c == '\'' || c == '"')
		return parse_string(ps, item);
	if (c == '-' || is_digit(c))
		return parse_number(ps, item);
	if (c == '{' || c == '[')
		return parse_fail(ps, ps->p, "nested map or list not supported");
	if (is_word_char(c))
		return parse_word(ps, item);
	return parse_fail(ps, ps->p, "expected a value");
}

/* Sets up a parse of (s, len); the caller has checked len is not 0 */
static void
parser_init(UaParser *ps, const char *s, size_t len, char *scratch,
			UaParseError *err)
{
	ps->start = s;
	ps->p = s;
	ps->end = s + len;
	ps->out = scratch;
	ps->err = err;
}

/* A Python dict literal or JSON object of scalars, pair by pair */
UaParseResult
ua_parse_map(const char *s, size_t len, char *scratch,
			 UaItemCallback cb, void *arg, UaParseError *err)
{
	UaParser	ps;
	UaItem		key;
	UaItem		value;

	if (len == 0)
	{
		err->offset = 0;
		err->message = "expected '{'";
		return UA_PARSE_ERROR;
	}
	parser_init(&ps, s, len, scratch, err);
	skip_blanks(&ps);
	if (ps.p == ps.end || *ps.p != '{')
	{
		parse_fail(&ps, ps.p, "expected '{'");
		return UA_PARSE_ERROR;
	}
	ps.p++;

	for (;;)
	{
		/* A '}' here closes an empty map or follows a trailing comma */
		skip_blanks(&ps);
		if (ps.p < ps.end && *ps.p == '}')
			break;
		memset(&key, 0, sizeof(key));
		if (ps.p == ps.end || (*ps.p != '\'' && *ps.p != '"'))
		{
			parse_fail(&ps, ps.p, "expected string key");
			return UA_PARSE_ERROR;
		}
		if (!parse_string(&ps, &key))
			return UA_PARSE_ERROR;

		skip_blanks(&ps);
		if (ps.p == ps.end || *ps.p != ':')
		{
			parse_fail(&ps, ps.p, "expected ':' after key");
			return UA_PARSE_ERROR;
		}
		ps.p++;
		skip_blanks(&ps);
		if (!parse_value(&ps, &value))
			return UA_PARSE_ERROR;
		if (!cb(arg, &key, &value))
			return UA_PARSE_STOPPED;

		skip_blanks(&ps);
		if (ps.p < ps.end && *ps.p == ',')
		{
			ps.p++;
			continue;
		}
		if (ps.p < ps.end && *ps.p == '}')
			break;
		parse_fail(&ps, ps.p, "expected ',' or '}'");
		return UA_PARSE_ERROR;
	}

	ps.p++;
	skip_blanks(&ps);
	if (ps.p != ps.end)
	{
		parse_fail(&ps, ps.p, "unexpected text after '}'");
		return UA_PARSE_ERROR;
	}
	return UA_PARSE_OK;
}

/*
 * The department text that is not a list: one string, which must be text
 * PostgreSQL can store.  It is copied into the scratch buffer like every
 * other decoded string.
 */
static UaParseResult
parse_plain_element(UaParser *ps, UaItemCallback cb, void *arg)
{
	const char *s = ps->p;
	size_t		len = ps->end - ps->p;
	size_t		bad;
	UaItem		item;

	switch (ua_check_utf8(s, len, &bad))
	{
		case UA_UTF8_OK:
			break;
		case UA_UTF8_NUL:
			parse_fail(ps, s + bad, "nul character not allowed");
			return UA_PARSE_ERROR;
		case UA_UTF8_INVALID:
			parse_fail(ps, s + bad, "invalid utf-8");
			return UA_PARSE_ERROR;
	}
	memset(&item, 0, sizeof(item));
	item.kind = UA_ITEM_STRING;
	item.str = ps->out;
	item.len = len;
	memcpy(ps->out, s, len);
	return cb(arg, NULL, &item) ? UA_PARSE_OK : UA_PARSE_STOPPED;
}

/*
 * A JSON or Python list of scalars, element by element, or plain text as a
 * single element.  Blank text has no elements: an empty department field is
 * an empty list, not a department named "".
 */
UaParseResult
ua_parse_list(const char *s, size_t len, char *scratch,
			  UaItemCallback cb, void *arg, UaParseError *err)
{
	UaParser	ps;
	UaItem		value;

	if (len == 0)
		return UA_PARSE_OK;
	parser_init(&ps, s, len, scratch, err);
	skip_blanks(&ps);
	while (ps.end > ps.p && is_blank(ps.end[-1]))
		ps.end--;
	if (ps.p == ps.end)
		return UA_PARSE_OK;
	if (*ps.p != '[')
		return parse_plain_element(&ps, cb, arg);
	ps.p++;

	for (;;)
	{
		/* A ']' here closes an empty list or follows a trailing comma */
		skip_blanks(&ps);
		if (ps.p < ps.end && *ps.p == ']')
			break;
		if (!parse_value(&ps, &value))
			return UA_PARSE_ERROR;
		if (!cb(arg, NULL, &value))
			return UA_PARSE_STOPPED;

		skip_blanks(&ps);
		if (ps.p < ps.end && *ps.p == ',')
		{
			ps.p++;
			continue;
		}
		if (ps.p < ps.end && *ps.p == ']')
			break;
		parse_fail(&ps, ps.p, "expected ',' or ']'");
		return UA_PARSE_ERROR;
	}

	ps.p++;
	skip_blanks(&ps);
	if (ps.p != ps.end)
	{
		parse_fail(&ps, ps.p, "unexpected text after ']'");
		return UA_PARSE_ERROR;
	}
	return UA_PARSE_OK;
}
