/*
 * values.h
 *		Parsers for the fields of ChatGPT Enterprise exports.
 *
 * These see untrusted bytes and need no server: they use only the C library,
 * so test/unit and test/fuzz build them on their own.  Inputs are (pointer,
 * length) pairs that need not be NUL-terminated; no function here allocates.
 * Callers in the server turn the results into Datums (columns.c).
 */
#ifndef UANALYTICS_VALUES_H
#define UANALYTICS_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Result of the number parsers */
typedef enum UaNumResult
{
	UA_NUM_OK = 0,
	UA_NUM_SYNTAX,				/* not a whole number */
	UA_NUM_NEGATIVE,			/* a whole number below zero */
	UA_NUM_OVERFLOW				/* too large for the target type */
} UaNumResult;

/*
 * A count: a non-negative whole number that fits in int32.  Surrounding
 * blanks are ignored; a leading '+' and a fraction of zeros ("12.0", as
 * spreadsheet tools write) are accepted.
 */
extern UaNumResult ua_parse_int32(const char *s, size_t len, int32_t *out);

/*
 * A decimal of zero or more, as the 2026 exports write credits: digits,
 * optionally a '.' and more digits ("12", "0.5", "3.", ".25"); a leading
 * '+' and surrounding blanks are accepted; no exponent.  On success
 * *start and *dlen are the number without blanks or '+', ready for
 * PostgreSQL's numeric input.  UA_NUM_OVERFLOW for more than
 * UA_MAX_DECIMAL_DIGITS digits.
 */
#define UA_MAX_DECIMAL_DIGITS 1000
extern UaNumResult ua_parse_decimal(const char *s, size_t len, const char **start, size_t *dlen);

/*
 * A date: "YYYY-MM-DD", optionally followed by a time of day
 * ("YYYY-MM-DD HH:MM:SS", 'T' also separates, fractional seconds and a
 * trailing "Z" or "+00:00" allowed; the time is checked, then dropped).
 * The calendar date must exist (leap years checked), year 1 to 9999.
 * Surrounding blanks are ignored.
 */
extern bool ua_parse_date(const char *s, size_t len, int *year, int *month, int *day);

/*
 * A boolean: 1/0, true/false, t/f, yes/no, y/n in any case, surrounding
 * blanks ignored.  Returns 1 or 0, or -1 when the text is none of them.
 */
extern int	ua_parse_bool(const char *s, size_t len);

/* Cadences.  "Weekly", "Monthly", "Partial Weekly", "Partial Monthly",
 * in any case, surrounding blanks ignored. */
typedef enum UaCadence
{
	UA_CADENCE_INVALID = -1,
	UA_CADENCE_WEEKLY = 0,
	UA_CADENCE_MONTHLY = 1,
	UA_CADENCE_DATE_RANGE = 2
} UaCadence;

extern UaCadence ua_parse_cadence(const char *s, size_t len, bool *is_partial);

/*
 * The workspace role: "account-owner"/"owner" -> "owner",
 * "account-admin"/"admin" -> "admin", "standard-user"/"user"/"member" ->
 * "user", in any case.  Returns NULL for anything else.
 */
extern const char *ua_normalize_user_role(const char *s, size_t len);

/*
 * A GPT's config_type in the API's spelling: "Live" or "Draft", whatever
 * the case and surrounding blanks.  Returns NULL for anything else.
 */
extern const char *ua_normalize_config_type(const char *s, size_t len);

/* UTF-8 validity */
typedef enum UaUtf8Result
{
	UA_UTF8_OK = 0,
	UA_UTF8_NUL,				/* a NUL byte */
	UA_UTF8_INVALID				/* bytes that are not well-formed UTF-8 */
} UaUtf8Result;

/*
 * Checks that s is well-formed UTF-8 (no overlong forms, no surrogates, at
 * most U+10FFFF) without NUL bytes.  On failure *bad_offset is the offset
 * of the first offending byte.  Runs of ASCII take a fast path.
 */
extern UaUtf8Result ua_check_utf8(const char *s, size_t len, size_t *bad_offset);

/* U+FFFD REPLACEMENT CHARACTER in UTF-8, and the room it takes per byte */
#define UA_REPLACEMENT_CHAR "\xEF\xBF\xBD"
#define UA_REPAIR_GROWTH 3

/*
 * Copies s to out with each byte that is not part of a well-formed UTF-8
 * character (a NUL byte included) written as U+FFFD: damaged free text
 * keeps every character it still has.  out must hold UA_REPAIR_GROWTH * len
 * bytes.  Returns the length written; *nrepaired is the number of bytes
 * replaced.
 */
extern size_t ua_repair_utf8(const char *s, size_t len, char *out, size_t *nrepaired);

/*
 * Maps and lists.
 *
 * The exports write maps as Python dict literals ({'gpt-5': 296,
 * 'DALL·E': 3}) and sometimes as JSON ({"o3": 5}); departments as a JSON
 * array (["finance","analytics"]) or as plain text.  The parsers accept the
 * union of both syntaxes:
 *
 *	- strings in single or double quotes, with the escapes of both Python and
 *	  JSON: \\ \' \" \/ \b \f \n \r \t \xNN \uXXXX (surrogate pairs joined)
 *	  \UXXXXXXXX; the decoded text is UTF-8;
 *	- whole numbers (a leading '-' allowed, reported as negative), numbers
 *	  with a fraction or exponent (reported as UA_ITEM_NUMBER with their
 *	  text), None / null (UA_ITEM_NULL), True / False / true / false
 *	  (UA_ITEM_BOOL);
 *	- blanks (space, tab, CR, LF) between tokens, a trailing comma before the
 *	  closing bracket.
 *
 * Decoded strings are written into the caller's scratch buffer, which must
 * be at least len bytes (decoding never lengthens the text).  Item pointers
 * are valid until the next call that uses the same scratch buffer.
 */
typedef enum UaItemKind
{
	UA_ITEM_INT,				/* ival holds the value */
	UA_ITEM_NUMBER,				/* str/len hold the number's text */
	UA_ITEM_STRING,				/* str/len hold the decoded string */
	UA_ITEM_NULL,
	UA_ITEM_BOOL				/* ival is 0 or 1 */
} UaItemKind;

typedef struct UaItem
{
	UaItemKind	kind;
	int64_t		ival;
	const char *str;
	size_t		len;
	bool		overflow;		/* UA_ITEM_INT out of int64 range: kind is
								 * UA_ITEM_NUMBER with the text in str */
} UaItem;

/* Where and why a map or list did not parse. */
typedef struct UaParseError
{
	size_t		offset;			/* byte offset in the input */
	const char *message;		/* static text, e.g. "expected ':' after key" */
} UaParseError;

/*
 * Called for each key/value pair of a map (key is always UA_ITEM_STRING),
 * or for each element of a list (key is NULL).  Return false to stop: the
 * parser then returns UA_PARSE_STOPPED.
 */
typedef bool (*UaItemCallback) (void *arg, const UaItem *key, const UaItem *value);

typedef enum UaParseResult
{
	UA_PARSE_OK = 0,
	UA_PARSE_ERROR,				/* *err says where and why */
	UA_PARSE_STOPPED			/* the callback returned false */
} UaParseResult;

/*
 * A map: '{' [ key ':' value { ',' key ':' value } [','] ] '}' with
 * surrounding blanks.  Keys must be strings.  Nothing may follow the '}'.
 */
extern UaParseResult ua_parse_map(const char *s, size_t len, char *scratch,
								  UaItemCallback cb, void *arg, UaParseError *err);

/*
 * A list of departments: when the trimmed text starts with '[' it is a
 * JSON (or Python) list of values; otherwise the trimmed text is one
 * UA_ITEM_STRING element (the seed document's plain-text department).
 * "[]" gives no elements.
 */
extern UaParseResult ua_parse_list(const char *s, size_t len, char *scratch,
								   UaItemCallback cb, void *arg, UaParseError *err);

#endif							/* UANALYTICS_VALUES_H */
