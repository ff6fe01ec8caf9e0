/*
 * test_csvread.c
 *		Unit test of the streaming CSV reader of src/csvread.c, without a server.
 *
 * Each case of the table lists an input and, worked out by hand, the records
 * and errors the reader must report: line, fields and raw text.  Every case
 * is fed whole, one byte at a time, in random-sized chunks (fixed seed) and
 * as two chunks cut at every position; all must give exactly the expected
 * events.  Each chunk is copied into a buffer of exactly its length
 * (an empty chunk is passed as NULL), so that AddressSanitizer and valgrind
 * catch any read past its end.  Longer inputs (a field over 1 MB, records
 * around CSVR_MAX_RECORD) are built by code and checked the same way.
 *
 * Events are compared as text: bytes outside printable ASCII, and the '<'
 * and '|' of the notation, are written <CR>, <LF>, <NUL>, <TAB> or <XX> in
 * hex; fields are joined with '|'; a raw text ending in <cut off> is that
 * of a record the input ended in (CsvRecord.cut_off).
 *
 * Prints one line per failed case, then "N passed, N failed"; the exit
 * status is non-zero when any case failed.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"

/* An input as (pointer, length), so that tables can hold NUL bytes */
#define S(lit)		lit, sizeof(lit) - 1
#define lengthof(a)	(sizeof(a) / sizeof((a)[0]))

/* The kind of an event that is a record rather than an error */
#define KIND_RECORD 100

/* One record or error as the reader must report it */
typedef struct Event
{
	int			kind;			/* KIND_RECORD or a CsvErrorKind */
	int64_t		line;			/* 0 ends the list */
	const char *fields;			/* rendered, joined by '|'; NULL for errors */
	const char *raw;			/* rendered */
} Event;

#define REC(line, fields, raw)	{KIND_RECORD, line, fields, raw}
#define STRAY(line, raw)		{CSV_ERR_STRAY_QUOTE, line, NULL, raw}
#define UNTERM(line, raw)		{CSV_ERR_UNTERMINATED, line, NULL, raw}

typedef struct ReadCase
{
	const char *name;
	const char *s;
	size_t		len;
	size_t		max_raw;		/* raw text kept; 0: the reader's default */
	int			stop_after;		/* callbacks return false after this many
								 * events; 0: never */
	Event		want[8];
} ReadCase;

/* A growing string */
typedef struct Buf
{
	char	   *data;
	size_t		len;
	size_t		size;
} Buf;

/* What the callbacks see over one reading */
typedef struct Collector
{
	Buf			text;			/* the events, rendered */
	int			events;
	int			stop_after;
} Collector;

/* How an input is cut into chunks */
typedef enum FeedMode
{
	FEED_WHOLE,
	FEED_BYTES,
	FEED_RANDOM,
	FEED_SPLIT					/* two chunks, cut at a given offset */
} FeedMode;

static const char *const mode_names[] = {"whole", "one byte at a time", "random chunks", "split"};

static int	passed;
static int	failed;

static void check(bool ok, const char *fmt,...) __attribute__((format(printf, 2, 3)));
static void put(Buf *b, const char *fmt,...) __attribute__((format(printf, 2, 3)));

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

/* malloc that gives up on failure: a test has nothing better to do */
static void *
xmalloc(size_t size)
{
	void	   *p = malloc(size > 0 ? size : 1);

	if (p == NULL)
	{
		perror("malloc");
		exit(2);
	}
	return p;
}

/* Appends formatted text */
static void
put(Buf *b, const char *fmt,...)
{
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->len + n + 1 > b->size)
	{
		b->size = (b->len + n + 1) * 2;
		b->data = realloc(b->data, b->size);
		if (b->data == NULL)
		{
			perror("realloc");
			exit(2);
		}
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
}

/* Appends bytes in the notation of the expected events */
static void
put_bytes(Buf *b, const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = s[i];

		if (c == '\r')
			put(b, "<CR>");
		else if (c == '\n')
			put(b, "<LF>");
		else if (c == '\0')
			put(b, "<NUL>");
		else if (c == '\t')
			put(b, "<TAB>");
		else if (c < 0x20 || c >= 0x7F || c == '<' || c == '|')
			put(b, "<%02X>", c);
		else
			put(b, "%c", c);
	}
}

/* Appends the start of an event line, the same for expected and actual */
static void
put_event_head(Buf *b, int kind, int64_t line)
{
	static const char *const error_names[] = {"stray quote", "unterminated", "too long",
	"too many fields"};

	if (kind == KIND_RECORD)
		put(b, "%" PRId64 ": ", line);
	else
		put(b, "%" PRId64 ": error %s", line, error_names[kind]);
}

static bool
on_record(void *arg, const CsvRecord *rec)
{
	Collector  *col = arg;
	int			i;

	put_event_head(&col->text, KIND_RECORD, rec->line);
	for (i = 0; i < rec->nfields; i++)
	{
		if (i > 0)
			put(&col->text, "|");
		put_bytes(&col->text, rec->fields[i], rec->lengths[i]);
		/* the copies are NUL-terminated, whatever they hold */
		if (rec->fields[i][rec->lengths[i]] != '\0')
			put(&col->text, "<field not terminated>");
	}
	if (rec->nfields < 1)
		put(&col->text, "<no fields>");
	put(&col->text, " raw ");
	put_bytes(&col->text, rec->raw, rec->rawlen);
	if (rec->cut_off)
		put(&col->text, "<cut off>");
	put(&col->text, "\n");
	col->events++;
	return col->stop_after == 0 || col->events < col->stop_after;
}

static bool
on_error(void *arg, CsvErrorKind kind, const CsvRecord *rec)
{
	Collector  *col = arg;

	put_event_head(&col->text, kind, rec->line);
	if (rec->nfields != 0)
		put(&col->text, "<%d fields>", rec->nfields);
	put(&col->text, " raw ");
	put_bytes(&col->text, rec->raw, rec->rawlen);
	if (rec->cut_off)
		put(&col->text, "<cut off>");
	put(&col->text, "\n");
	col->events++;
	return col->stop_after == 0 || col->events < col->stop_after;
}

/* The expected events of a case, rendered as the callbacks render them */
static char *
expected_text(const ReadCase *c)
{
	Buf			b = {NULL, 0, 0};
	const Event *e;

	put(&b, "%s", "");
	for (e = c->want; e < c->want + lengthof(c->want) && e->line != 0; e++)
	{
		put_event_head(&b, e->kind, e->line);
		if (e->kind == KIND_RECORD)
			put(&b, "%s", e->fields);
		put(&b, " raw %s\n", e->raw);
	}
	if (c->stop_after > 0)
		put(&b, "stopped\n");
	return b.data;
}

/* A step of a small xorshift generator: the same chunks on every machine */
static uint32_t
next_random(uint32_t *state)
{
	uint32_t	x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/*
 * Feeds one chunk from a copy of exactly its length; notes in the rendering
 * a return value that contradicts what the callbacks asked for.
 */
static void
feed_chunk(CsvReader *r, Collector *col, const char *s, size_t len, bool *stopped)
{
	char	   *copy = NULL;
	bool		going;

	if (len > 0)
	{
		copy = xmalloc(len);
		memcpy(copy, s, len);
	}
	going = ua_csvr_feed(r, copy, len);
	if (going && *stopped)
		put(&col->text, "feed went on after a stop\n");
	if (!going && !*stopped && (col->stop_after == 0 || col->events < col->stop_after))
		put(&col->text, "feed stopped unasked\n");
	*stopped = !going;
	free(copy);
}

/*
 * Reads s in chunks cut as mode says (at offset split, or with random sizes
 * from seed) and returns the events rendered; "stopped" at the end when the
 * reader reported a stop.  A custom allocator is used when alloc is not NULL.
 */
static char *
read_all(const char *s, size_t len, size_t max_raw, int stop_after,
		 FeedMode mode, size_t split, uint32_t seed, const CsvAllocator *alloc)
{
	CsvReader	r;
	Collector	col;
	bool		stopped = false;
	size_t		pos = 0;
	uint32_t	state = seed;
	size_t		n;

	memset(&col, 0, sizeof(col));
	put(&col.text, "%s", "");
	col.stop_after = stop_after;
	ua_csvr_init(&r, alloc, on_record, on_error, &col);
	if (max_raw > 0)
		r.max_raw = max_raw;

	switch (mode)
	{
		case FEED_WHOLE:
			feed_chunk(&r, &col, s, len, &stopped);
			break;
		case FEED_BYTES:
			for (pos = 0; pos < len; pos++)
				feed_chunk(&r, &col, s + pos, 1, &stopped);
			break;
		case FEED_RANDOM:
			while (pos < len)
			{
				/* mostly small chunks, some up to an eighth of the input */
				n = 1 + next_random(&state) % (len < 64 ? 8 : len / 8);
				if (next_random(&state) % 4 == 0)
					n = 1 + next_random(&state) % 3;
				if (n > len - pos)
					n = len - pos;
				feed_chunk(&r, &col, s + pos, n, &stopped);
				pos += n;
			}
			break;
		case FEED_SPLIT:
			feed_chunk(&r, &col, s, split, &stopped);
			feed_chunk(&r, &col, s + split, len - split, &stopped);
			break;
	}

	if (ua_csvr_finish(&r))
	{
		if (stopped)
			put(&col.text, "finish went on after a stop\n");
	}
	else
		put(&col.text, "stopped\n");
	ua_csvr_free(&r);
	return col.text.data;
}

/* Runs one table case in every way of cutting it */
static void
run_case(const ReadCase *c, uint32_t seed)
{
	char	   *want = expected_text(c);
	FeedMode	mode;
	size_t		split;
	int			split_failures = 0;

	for (mode = FEED_WHOLE; mode <= FEED_RANDOM; mode++)
	{
		char	   *got = read_all(c->s, c->len, c->max_raw, c->stop_after,
								   mode, 0, seed, NULL);

		check(strcmp(got, want) == 0, "%s (%s, seed %" PRIu32 "):\n--- got\n%s--- want\n%s",
			  c->name, mode_names[mode], seed, got, want);
		free(got);
	}

	/* every two-chunk cut, e.g. through a BOM or between CR and LF */
	for (split = 0; split <= c->len; split++)
	{
		char	   *got = read_all(c->s, c->len, c->max_raw, c->stop_after,
								   FEED_SPLIT, split, 0, NULL);

		if (strcmp(got, want) != 0 && split_failures++ == 0)
			printf("FAIL %s (cut at %zu):\n--- got\n%s--- want\n%s",
				   c->name, split, got, want);
		free(got);
	}
	check(split_failures == 0, "%s: %d of %zu two-chunk cuts differ",
		  c->name, split_failures, c->len + 1);
	free(want);
}

static void
test_table(void)
{
	static const ReadCase cases[] = {
		/* line ends */
		{"LF line ends", S("a,b\nc,d\n"), 0, 0,
		{REC(1, "a|b", "a,b<LF>"), REC(2, "c|d", "c,d<LF>")}},
		{"CRLF line ends: the raw text ends at the CR", S("a,b\r\nc,d\r\n"), 0, 0,
		{REC(1, "a|b", "a,b<CR>"), REC(2, "c|d", "c,d<CR>")}},
		{"no final line end", S("a,b\nc,d"), 0, 0,
		{REC(1, "a|b", "a,b<LF>"), REC(2, "c|d", "c,d<cut off>")}},
		{"CRLF then a final CR", S("a\r\nb\r"), 0, 0,
		{REC(1, "a", "a<CR>"), REC(2, "b", "b<CR>")}},
		{"blank lines are skipped but counted",
			S("\nh1,h2\n\n\r\n  \t \nx,y\n\n"), 0, 0,
		{REC(2, "h1|h2", "h1,h2<LF>"), REC(6, "x|y", "x,y<LF>")}},
		{"a lone CR ends a record within a line", S("a\rb\nc\n"), 0, 0,
		{REC(1, "a", "a<CR>"), REC(1, "b", "b<LF>"), REC(2, "c", "c<LF>")}},
		{"blank CRs", S("a\r\r\rb\n"), 0, 0,
		{REC(1, "a", "a<CR>"), REC(1, "b", "b<LF>")}},
		{"a record after a lone CR, on the last line of a quoted line break",
			S("\"x\ny\"\rz\nw\n"), 0, 0,
		{REC(1, "x<LF>y", "\"x<LF>y\"<CR>"), REC(2, "z", "z<LF>"), REC(3, "w", "w<LF>")}},
		{"empty input", S(""), 0, 0, {{0}}},
		{"only blank lines", S("\n\r\n  \n\t"), 0, 0, {{0}}},

		/* quoting */
		{"quoted commas", S("\"a,b\",c\n"), 0, 0,
		{REC(1, "a,b|c", "\"a,b\",c<LF>")}},
		{"doubled quotes", S("\"say \"\"hi\"\"\",\"\"\"\"\n"), 0, 0,
		{REC(1, "say \"hi\"|\"", "\"say \"\"hi\"\"\",\"\"\"\"<LF>")}},
		{"quoted LF: the next record's line counts it",
			S("id,text\n1,\"two\nlines\"\n2,x\n"), 0, 0,
		{REC(1, "id|text", "id,text<LF>"), REC(2, "1|two<LF>lines", "1,\"two<LF>lines\"<LF>"),
		REC(4, "2|x", "2,x<LF>")}},
		{"quoted CRLF", S("1,\"a\r\nb\r\nc\"\r\n2,y\r\n"), 0, 0,
		{REC(1, "1|a<CR><LF>b<CR><LF>c", "1,\"a<CR><LF>b<CR><LF>c\"<CR>"),
		REC(4, "2|y", "2,y<CR>")}},
		{"quoted field closed at the very end", S("a,\"b\""), 0, 0,
		{REC(1, "a|b", "a,\"b\"<cut off>")}},
		{"real export row", S("Weekly,2025-10-19,acc1,\"{'gpt-5': 5, 'o3': 2}\",\"[\"\"it\"\"]\"\r\n"), 0, 0,
		{REC(1, "Weekly|2025-10-19|acc1|{'gpt-5': 5, 'o3': 2}|[\"it\"]",
			 "Weekly,2025-10-19,acc1,\"{'gpt-5': 5, 'o3': 2}\",\"[\"\"it\"\"]\"<CR>")}},
		{"UTF-8 passes through", S("DALL\xc2\xb7" "E,\xe2\x82\xac\n"), 0, 0,
		{REC(1, "DALL<C2><B7>E|<E2><82><AC>", "DALL<C2><B7>E,<E2><82><AC><LF>")}},

		/* empty fields and blanks (libcsv trims blanks around unquoted fields) */
		{"empty fields", S("a,,c,\n,b\n"), 0, 0,
		{REC(1, "a||c|", "a,,c,<LF>"), REC(2, "|b", ",b<LF>")}},
		{"records of only empty fields", S(",,\n\"\",\"\"\n\"\"\n"), 0, 0,
		{REC(1, "||", ",,<LF>"), REC(2, "|", "\"\",\"\"<LF>"), REC(3, "", "\"\"<LF>")}},
		{"blanks around fields", S(" a , b c\t,\" d \" ,  \"e\"\n"), 0, 0,
		{REC(1, "a|b c| d |e", " a , b c<TAB>,\" d \" ,  \"e\"<LF>")}},

		/* NUL bytes count in the lengths */
		{"NUL bytes in fields", S("\"a\0b\",\"\0\",x\0y\n"), 0, 0,
		{REC(1, "a<NUL>b|<NUL>|x<NUL>y", "\"a<NUL>b\",\"<NUL>\",x<NUL>y<LF>")}},

		/* many fields: the field arrays grow from 32 to 64 to 128 */
		{"70 fields",
			S("f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13,f14,f15,f16,f17,f18,f19,"
			  "f20,f21,f22,f23,f24,f25,f26,f27,f28,f29,f30,f31,f32,f33,f34,f35,f36,f37,"
			  "f38,f39,f40,f41,f42,f43,f44,f45,f46,f47,f48,f49,f50,f51,f52,f53,f54,f55,"
			  "f56,f57,f58,f59,f60,f61,f62,f63,f64,f65,f66,f67,f68,f69\nend\n"), 0, 0,
		{REC(1, "f0|f1|f2|f3|f4|f5|f6|f7|f8|f9|f10|f11|f12|f13|f14|f15|f16|f17|f18|f19|"
			 "f20|f21|f22|f23|f24|f25|f26|f27|f28|f29|f30|f31|f32|f33|f34|f35|f36|f37|"
			 "f38|f39|f40|f41|f42|f43|f44|f45|f46|f47|f48|f49|f50|f51|f52|f53|f54|f55|"
			 "f56|f57|f58|f59|f60|f61|f62|f63|f64|f65|f66|f67|f68|f69",
			 "f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13,f14,f15,f16,f17,f18,f19,"
			 "f20,f21,f22,f23,f24,f25,f26,f27,f28,f29,f30,f31,f32,f33,f34,f35,f36,f37,"
			 "f38,f39,f40,f41,f42,f43,f44,f45,f46,f47,f48,f49,f50,f51,f52,f53,f54,f55,"
			 "f56,f57,f58,f59,f60,f61,f62,f63,f64,f65,f66,f67,f68,f69<LF>"),
		REC(2, "end", "end<LF>")}},

		/* byte-order mark (the two-chunk cuts split it at every position) */
		{"BOM", S("\xef\xbb\xbfh1,h2\nv\n"), 0, 0,
		{REC(1, "h1|h2", "h1,h2<LF>"), REC(2, "v", "v<LF>")}},
		{"BOM then a blank line", S("\xef\xbb\xbf\r\nx\r\n"), 0, 0,
		{REC(2, "x", "x<CR>")}},
		{"only a BOM", S("\xef\xbb\xbf"), 0, 0, {{0}}},
		{"only a partial BOM", S("\xef\xbb"), 0, 0,
		{REC(1, "<EF><BB>", "<EF><BB><cut off>")}},
		{"only the first byte of a BOM", S("\xef"), 0, 0,
		{REC(1, "<EF>", "<EF><cut off>")}},
		{"a partial BOM is data", S("\xef\xbbx\n"), 0, 0,
		{REC(1, "<EF><BB>x", "<EF><BB>x<LF>")}},
		{"a partial BOM of one byte is data", S("\xef,\xbb\n"), 0, 0,
		{REC(1, "<EF>|<BB>", "<EF>,<BB><LF>")}},
		{"a second BOM is data", S("\xef\xbb\xbf\xef\xbb\xbfx\n"), 0, 0,
		{REC(1, "<EF><BB><BF>x", "<EF><BB><BF>x<LF>")}},
		{"a BOM after the start is data", S("a\n\xef\xbb\xbf" "b\n"), 0, 0,
		{REC(1, "a", "a<LF>"), REC(2, "<EF><BB><BF>b", "<EF><BB><BF>b<LF>")}},

		/* malformed records: reported with the whole line, reading resumes on the next */
		{"stray quote in an unquoted field", S("h\na\"b,c\nd\n"), 0, 0,
		{REC(1, "h", "h<LF>"), STRAY(2, "a\"b,c<LF>"), REC(3, "d", "d<LF>")}},
		{"text after a closing quote", S("\"a\"b,c\r\nd\r\n"), 0, 0,
		{STRAY(1, "\"a\"b,c<CR><LF>"), REC(2, "d", "d<CR>")}},
		{"a quote after a closing quote and a blank", S("\"a\" \"\nd\n"), 0, 0,
		{STRAY(1, "\"a\" \"<LF>"), REC(2, "d", "d<LF>")}},
		{"stray quote on the second line of a record",
			S("\"a\nb\"x\nc\n"), 0, 0,
		{STRAY(1, "\"a<LF>b\"x<LF>"), REC(3, "c", "c<LF>")}},
		{"the whole line is skipped, even past a CR", S("x\"y\rz\nw\n"), 0, 0,
		{STRAY(1, "x\"y<CR>z<LF>"), REC(2, "w", "w<LF>")}},
		{"stray quote after a lone CR", S("a\rb\"c\nd\n"), 0, 0,
		{REC(1, "a", "a<CR>"), STRAY(1, "b\"c<LF>"), REC(2, "d", "d<LF>")}},
		{"stray quote on a last line without line end", S("a\nb\"c"), 0, 0,
		{REC(1, "a", "a<LF>"), STRAY(2, "b\"c<cut off>")}},
		{"unterminated quote at the end", S("h\n1,\"abc\n2,def\n"), 0, 0,
		{REC(1, "h", "h<LF>"), UNTERM(2, "1,\"abc<LF>2,def<LF>")}},
		{"unterminated quote without line end", S("\"abc"), 0, 0,
		{UNTERM(1, "\"abc<cut off>")}},

		/* raw text kept */
		{"raw text cut at max_raw", S("abcdef,g\nh\nabc\n"), 4, 0,
		{REC(1, "abcdef|g", "abcd"), REC(2, "h", "h<LF>"), REC(3, "abc", "abc<LF>")}},
		{"raw text of an error cut at max_raw", S("ab\"cdef\nxyz\n"), 4, 0,
		{STRAY(1, "ab\"c"), REC(2, "xyz", "xyz<LF>")}},
		{"raw text cut at one byte", S("\"a\nb\",c\n"), 1, 0,
		{REC(1, "a<LF>b|c", "\"")}},

		/* a callback returning false stops the reader */
		{"stop after two records", S("a\nb\nc\n"), 0, 2,
		{REC(1, "a", "a<LF>"), REC(2, "b", "b<LF>")}},
		{"stop within a line", S("a\rb\rc\n"), 0, 2,
		{REC(1, "a", "a<CR>"), REC(1, "b", "b<CR>")}},
		{"stop at an error", S("a\"b\nc\n"), 0, 1,
		{STRAY(1, "a\"b<LF>")}},
		{"stop at the last record", S("a\nb"), 0, 2,
		{REC(1, "a", "a<LF>"), REC(2, "b", "b<cut off>")}},
		{"stop at an unterminated quote", S("\"a\n"), 0, 1,
		{UNTERM(1, "\"a<LF>")}},
	};
	size_t		i;

	for (i = 0; i < lengthof(cases); i++)
		run_case(&cases[i], 2025 + (uint32_t) i);
}

/*
 * An allocator that grows blocks geometrically.  libcsv grows its field
 * buffer 128 bytes at a time, which costs quadratic copying where realloc
 * copies every time (AddressSanitizer, valgrind); the long inputs below would
 * take minutes without it.  The capacity sits in front of the block.
 */
#define HEADER 16

static void *
doubling_realloc(void *ptr, size_t size)
{
	size_t		cap = 0;
	char	   *block = NULL;

	if (ptr != NULL)
	{
		block = (char *) ptr - HEADER;
		memcpy(&cap, block, sizeof(cap));
		if (size <= cap)
			return ptr;
	}
	cap = size < 64 ? 64 : size * 2;
	block = realloc(block, HEADER + cap);
	if (block == NULL)
	{
		perror("realloc");
		exit(2);
	}
	memcpy(block, &cap, sizeof(cap));
	return block + HEADER;
}

static void
doubling_free(void *ptr)
{
	free((char *) ptr - HEADER);
}

static const CsvAllocator doubling = {doubling_realloc, doubling_free};

/* What the long-input tests keep of each record */
typedef struct LongSeen
{
	int			events;
	int64_t		lines[4];
	int			kinds[4];
	int			nfields[4];
	size_t		lengths[4];		/* of the last field */
	bool		content_ok[4];	/* the last field is as expected */
	size_t		rawlens[4];
	bool		raw_ok[4];		/* the raw text is a prefix of its source */
	const char *want_field;		/* expected last field of record 1 */
	size_t		want_field_len;
	const char *input;
	size_t		raw_start[4];	/* where each event's raw text starts */
	size_t		max_raw;
} LongSeen;

/* Notes one event of a long input */
static bool
long_event(LongSeen *seen, int kind, const CsvRecord *rec)
{
	int			i = seen->events++;
	size_t		last;

	if (i >= 4)
		return true;
	seen->lines[i] = rec->line;
	seen->kinds[i] = kind;
	seen->nfields[i] = rec->nfields;
	seen->rawlens[i] = rec->rawlen;
	seen->raw_ok[i] = rec->rawlen <= seen->max_raw &&
		memcmp(rec->raw, seen->input + seen->raw_start[i], rec->rawlen) == 0;
	if (rec->nfields > 0)
	{
		last = rec->nfields - 1;
		seen->lengths[i] = rec->lengths[last];
		seen->content_ok[i] = rec->fields[last][rec->lengths[last]] == '\0';
		if (i == 1 && seen->want_field != NULL)
			seen->content_ok[i] = seen->content_ok[i] &&
				rec->lengths[last] == seen->want_field_len &&
				memcmp(rec->fields[last], seen->want_field, seen->want_field_len) == 0;
	}
	return true;
}

static bool
long_record(void *arg, const CsvRecord *rec)
{
	return long_event(arg, KIND_RECORD, rec);
}

static bool
long_error(void *arg, CsvErrorKind kind, const CsvRecord *rec)
{
	return long_event(arg, kind, rec);
}

/* Reads a long input as the mode says, with the doubling allocator */
static void
read_long(const char *s, size_t len, FeedMode mode, uint32_t seed, LongSeen *seen)
{
	CsvReader	r;
	size_t		pos = 0;
	uint32_t	state = seed;
	size_t		n;

	ua_csvr_init(&r, &doubling, long_record, long_error, seen);
	seen->max_raw = r.max_raw;
	switch (mode)
	{
		case FEED_WHOLE:
			ua_csvr_feed(&r, s, len);
			break;
		case FEED_BYTES:
			for (pos = 0; pos < len; pos++)
				ua_csvr_feed(&r, s + pos, 1);
			break;
		default:
			/* chunks up to 1 MB, like a loader reading a file */
			while (pos < len)
			{
				n = 1 + next_random(&state) % (1024 * 1024);
				if (n > len - pos)
					n = len - pos;
				ua_csvr_feed(&r, s + pos, n);
				pos += n;
			}
			break;
	}
	ua_csvr_finish(&r);
	ua_csvr_free(&r);
}

/*
 * A quoted field of 1.5 MB holding 24576 line breaks and as many doubled
 * quotes, between two short records.
 */
static void
test_long_field(void)
{
	const size_t units = 24576;
	const char *unit = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghi\"\"\n";
	const size_t unit_len = 64;	/* 61 letters, a doubled quote, LF */
	const char *head = "id,blob\n1,\"";
	const char *tail = "\"\n2,z\n";
	size_t		len = strlen(head) + units * unit_len + strlen(tail);
	char	   *input = xmalloc(len);
	char	   *field = xmalloc(units * (unit_len - 1));
	char	   *p = input;
	size_t		i;
	FeedMode	mode;

	memcpy(p, head, strlen(head));
	p += strlen(head);
	for (i = 0; i < units; i++)
	{
		memcpy(p, unit, unit_len);
		p += unit_len;
		/* decoded: the doubled quote becomes one */
		memcpy(field + i * (unit_len - 1), unit, 61);
		memcpy(field + i * (unit_len - 1) + 61, "\"\n", 2);
	}
	memcpy(p, tail, strlen(tail));

	for (mode = FEED_WHOLE; mode <= FEED_RANDOM; mode++)
	{
		LongSeen	seen;

		memset(&seen, 0, sizeof(seen));
		seen.want_field = field;
		seen.want_field_len = units * (unit_len - 1);
		seen.input = input;
		seen.raw_start[1] = 8;
		seen.raw_start[2] = len - 4;
		read_long(input, len, mode, 7, &seen);
		check(seen.events == 3 &&
			  seen.kinds[0] == KIND_RECORD && seen.lines[0] == 1 && seen.nfields[0] == 2 &&
			  seen.kinds[1] == KIND_RECORD && seen.lines[1] == 2 && seen.nfields[1] == 2 &&
			  seen.lengths[1] == 1548288 && seen.content_ok[1] &&
			  seen.kinds[2] == KIND_RECORD && seen.lines[2] == 24579 && seen.nfields[2] == 2,
			  "long field (%s): %d events, lines %" PRId64 " %" PRId64 " %" PRId64
			  ", field of %zu bytes (want 1548288), content %s",
			  mode_names[mode], seen.events, seen.lines[0], seen.lines[1], seen.lines[2],
			  seen.lengths[1], seen.content_ok[1] ? "right" : "wrong");
		/* the raw text of the long record is cut at max_raw */
		check(seen.rawlens[1] == seen.max_raw && seen.raw_ok[1] &&
			  seen.rawlens[2] == 4 && seen.raw_ok[2],
			  "long field (%s): raw text of %zu and %zu bytes, want %zu and 4",
			  mode_names[mode], seen.rawlens[1], seen.rawlens[2], seen.max_raw);
	}
	free(input);
	free(field);
}

/*
 * Records around CSVR_MAX_RECORD: one of exactly that many bytes (line
 * break included) is read, one a byte longer is an error reported at its
 * line, and reading resumes after it.  Too big to feed a byte at a time.
 */
static void
test_too_long(void)
{
	const size_t max = CSVR_MAX_RECORD;
	size_t		len = 2 + max + (max + 1) + 2;
	char	   *input = xmalloc(len);
	char	   *p = input;
	FeedMode	mode;

	memcpy(p, "h\n", 2);
	p += 2;
	/* line 2: a quote, max - 3 bytes, a quote, LF: max bytes */
	*p++ = '"';
	memset(p, 'x', max - 3);
	p += max - 3;
	memcpy(p, "\"\n", 2);
	p += 2;
	/* line 3: one byte more */
	*p++ = '"';
	memset(p, 'y', max - 2);
	p += max - 2;
	memcpy(p, "\"\n", 2);
	p += 2;
	memcpy(p, "z\n", 2);

	for (mode = FEED_WHOLE; mode <= FEED_RANDOM; mode++)
	{
		LongSeen	seen;

		if (mode == FEED_BYTES)
			continue;
		memset(&seen, 0, sizeof(seen));
		seen.input = input;
		seen.raw_start[1] = 2;
		seen.raw_start[2] = 2 + max;
		seen.raw_start[3] = len - 2;
		read_long(input, len, mode, 11, &seen);
		check(seen.events == 4 &&
			  seen.kinds[0] == KIND_RECORD && seen.lines[0] == 1 &&
			  seen.kinds[1] == KIND_RECORD && seen.lines[1] == 2 &&
			  seen.nfields[1] == 1 && seen.lengths[1] == max - 3 && seen.raw_ok[1] &&
			  seen.kinds[2] == CSV_ERR_TOO_LONG && seen.lines[2] == 3 && seen.raw_ok[2] &&
			  seen.kinds[3] == KIND_RECORD && seen.lines[3] == 4 && seen.raw_ok[3],
			  "records around CSVR_MAX_RECORD (%s): %d events, kinds %d %d %d, "
			  "lines %" PRId64 " %" PRId64 " %" PRId64 ", field of %zu bytes",
			  mode_names[mode], seen.events, seen.kinds[1], seen.kinds[2], seen.kinds[3],
			  seen.lines[1], seen.lines[2], seen.lines[3], seen.lengths[1]);
	}
	free(input);
}

/*
 * A record of CSVR_MAX_FIELDS fields is read; one of a field more is an
 * error, and so is a quoted one spanning two lines, and reading goes on.
 */
static void
test_too_many_fields(void)
{
	Buf			in = {NULL, 0, 0};
	Buf			wide = {NULL, 0, 0};
	Buf			wide_fields = {NULL, 0, 0};
	Buf			wider = {NULL, 0, 0};
	Buf			quoted = {NULL, 0, 0};
	ReadCase	c;
	int			i;

	for (i = 0; i < CSVR_MAX_FIELDS; i++)
	{
		put(&wide, "%s%d", i > 0 ? "," : "", i % 10);
		put(&wide_fields, "%s%d", i > 0 ? "|" : "", i % 10);
	}
	put(&wider, "%s,x", wide.data);
	put(&quoted, "\"a<LF>b\",%s", wide.data);
	put(&in, "h\n%s\n%s\n\"a\nb\",%s\ny\n", wide.data, wider.data, wide.data);

	memset(&c, 0, sizeof(c));
	c.name = "records around CSVR_MAX_FIELDS";
	c.s = in.data;
	c.len = in.len;
	c.want[0] = (Event) REC(1, "h", "h<LF>");
	put(&wide, "<LF>");
	c.want[1] = (Event) REC(2, wide_fields.data, wide.data);
	put(&wider, "<LF>");
	c.want[2] = (Event) {CSV_ERR_TOO_MANY_FIELDS, 3, NULL, wider.data};
	put(&quoted, "<LF>");
	c.want[3] = (Event) {CSV_ERR_TOO_MANY_FIELDS, 4, NULL, quoted.data};
	c.want[4] = (Event) REC(6, "y", "y<LF>");
	run_case(&c, 7);
	free(in.data);
	free(wide.data);
	free(wide_fields.data);
	free(wider.data);
	free(quoted.data);
}

int
main(void)
{
	test_table();
	test_long_field();
	test_too_long();
	test_too_many_fields();

	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
