/*
 * fuzz_csvread.c
 *		libFuzzer target for the streaming CSV reader of src/csvread.c.
 *
 * The input starts with a few bytes that say how to cut the rest, the CSV
 * text, into chunks:
 *
 *	byte 0			low 3 bits: how many chunk-size bytes follow (0-7)
 *	chunk sizes		each 1-16 bytes, or up to 4 KB when >= 0xF0; used in turn
 *	one byte		max_raw, 1-32, for the truncated reading
 *
 * The text is read whole, keeping all raw text, and checked against what
 * csvread.h promises, without trusting the reader:
 *
 *	- the raw texts of the events (records and errors) tile the text after
 *	  a BOM, with only blank lines between them and after the last;
 *	- each event's line is 1 + the line breaks before its raw text, so lines
 *	  never decrease, and two events share a line only when the first ended
 *	  at a CR not followed by LF;
 *	- a record's fields are what a small strict parser written from libcsv's
 *	  rules makes of its raw text, which must end at its CR or LF or at the
 *	  end of the input, and a too-many-fields error's raw text is a record
 *	  of more than CSVR_MAX_FIELDS fields; a stray quote error's raw text holds a stray quote
 *	  and runs to the end of its line, an unterminated one's to the end;
 *	- every field is NUL-terminated, and no longer than the raw text.
 *
 * It is then read again in the chunks the header asks for (the same events),
 * with a small max_raw (the same events, raw text cut to a prefix), and with
 * a callback that stops after some event (exactly the events before, and
 * every later call says stopped).  A broken invariant aborts, which libFuzzer
 * reports as a crash; LeakSanitizer reports what was not freed.
 *
 * Build and run with test/fuzz/run.sh 60 csvread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"

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

/* The kind of an event that is a record rather than an error */
#define KIND_RECORD 100

/* One record or error, copied out of the callback */
typedef struct Event
{
	int			kind;			/* KIND_RECORD or a CsvErrorKind */
	int64_t		line;
	int			nfields;
	char	  **fields;
	size_t	   *lengths;
	char	   *raw;
	size_t		rawlen;
} Event;

/* The events of one reading */
typedef struct Reading
{
	Event	   *events;
	int			count;
	int			size;
	int			stop_after;		/* return false after this many; 0: never */
} Reading;

/* How the text is cut into chunks */
typedef struct Chunking
{
	const uint8_t *sizes;
	size_t		nsizes;			/* 0: whole */
} Chunking;

/* A copy of len bytes, NUL-terminated for good measure */
static char *
copy_bytes(const char *s, size_t len)
{
	char	   *copy = malloc(len + 1);

	require(copy != NULL);
	if (len > 0)
		memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* Copies an event out of a callback */
static bool
add_event(Reading *rd, int kind, const CsvRecord *rec)
{
	Event	   *e;
	int			i;

	if (rd->count == rd->size)
	{
		rd->size = rd->size ? rd->size * 2 : 16;
		rd->events = realloc(rd->events, rd->size * sizeof(Event));
		require(rd->events != NULL);
	}
	e = &rd->events[rd->count++];
	e->kind = kind;
	e->line = rec->line;
	e->nfields = rec->nfields;
	e->fields = malloc((rec->nfields + 1) * sizeof(char *));
	e->lengths = malloc((rec->nfields + 1) * sizeof(size_t));
	require(e->fields != NULL && e->lengths != NULL);
	for (i = 0; i < rec->nfields; i++)
	{
		require(rec->fields[i][rec->lengths[i]] == '\0');
		e->fields[i] = copy_bytes(rec->fields[i], rec->lengths[i]);
		e->lengths[i] = rec->lengths[i];
	}
	e->raw = copy_bytes(rec->raw, rec->rawlen);
	e->rawlen = rec->rawlen;
	return rd->stop_after == 0 || rd->count < rd->stop_after;
}

static bool
on_record(void *arg, const CsvRecord *rec)
{
	require(rec->nfields >= 1);
	return add_event(arg, KIND_RECORD, rec);
}

static bool
on_error(void *arg, CsvErrorKind kind, const CsvRecord *rec)
{
	require(rec->nfields == 0);
	require(kind == CSV_ERR_STRAY_QUOTE || kind == CSV_ERR_UNTERMINATED ||
			kind == CSV_ERR_TOO_MANY_FIELDS);
	return add_event(arg, kind, rec);
}

static void
free_reading(Reading *rd)
{
	int			i;
	int			j;

	for (i = 0; i < rd->count; i++)
	{
		for (j = 0; j < rd->events[i].nfields; j++)
			free(rd->events[i].fields[j]);
		free(rd->events[i].fields);
		free(rd->events[i].lengths);
		free(rd->events[i].raw);
	}
	free(rd->events);
}

/* The size of chunk i, from the header bytes */
static size_t
chunk_size(const Chunking *ch, size_t i)
{
	uint8_t		b = ch->sizes[i % ch->nsizes];

	return b >= 0xF0 ? (size_t) (b - 0xEF) * 256 : 1 + b % 16;
}

/*
 * Reads the text, each chunk from a buffer of exactly its size, and checks
 * that feed and finish say stopped exactly when a callback asked to stop.
 */
static void
read_text(const char *text, size_t len, const Chunking *ch, size_t max_raw,
		  int stop_after, Reading *rd)
{
	CsvReader	r;
	size_t		pos = 0;
	size_t		i = 0;
	bool		going = true;
	bool		finished;

	memset(rd, 0, sizeof(*rd));
	rd->stop_after = stop_after;
	ua_csvr_init(&r, NULL, on_record, on_error, rd);
	r.max_raw = max_raw;
	while (pos < len)
	{
		size_t		n = ch->nsizes ? chunk_size(ch, i++) : len;
		char	   *chunk;
		bool		fed;

		if (n > len - pos)
			n = len - pos;
		chunk = copy_bytes(text + pos, n);
		fed = ua_csvr_feed(&r, chunk, n);
		free(chunk);
		require(going || !fed);
		going = fed;
		require(going == (stop_after == 0 || rd->count < stop_after));
		pos += n;
	}
	finished = ua_csvr_finish(&r);
	/* after a stop, finish says so too */
	require(going || !finished);
	require(finished == (stop_after == 0 || rd->count < stop_after));
	ua_csvr_free(&r);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_break(char c)
{
	return c == '\r' || c == '\n';
}

/* What the reference parser made of a raw text */
typedef enum RefResult
{
	REF_RECORD,					/* a record, ending at the end of the text */
	REF_STRAY,					/* a stray quote at *stop */
	REF_OPEN					/* a quoted field open at the end */
} RefResult;

/*
 * Parses one record's raw text by libcsv's rules in strict mode: blanks
 * around an unquoted field are dropped, and so are those between a closing
 * quote and the next comma or line end; a quote may only open a field or be
 * doubled inside a quoted one; a CR or LF outside quotes ends the record.
 * The fields go one after the other into out (len bytes), their starts and
 * lengths into starts and lengths (room for len + 1 fields).
 */
static RefResult
ref_parse(const char *s, size_t len, char *out, size_t *starts, size_t *lengths,
		  int *nfields, size_t *stop)
{
	size_t		pos = 0;
	size_t		used = 0;

	*nfields = 0;
	for (;;)
	{
		char	   *f = out + used;
		size_t		n = 0;
		size_t		trimmed;

		while (pos < len && is_blank(s[pos]))
			pos++;
		if (pos < len && s[pos] == '"')
		{
			for (pos++;; pos++)
			{
				if (pos == len)
					return REF_OPEN;
				if (s[pos] == '"')
				{
					if (pos + 1 < len && s[pos + 1] == '"')
						pos++;
					else
						break;
				}
				f[n++] = s[pos];
			}
			pos++;
			while (pos < len && is_blank(s[pos]))
				pos++;
			if (pos < len && s[pos] != ',' && !is_break(s[pos]))
			{
				*stop = pos;
				return REF_STRAY;
			}
		}
		else
		{
			trimmed = 0;
			for (; pos < len && s[pos] != ',' && !is_break(s[pos]); pos++)
			{
				if (s[pos] == '"')
				{
					*stop = pos;
					return REF_STRAY;
				}
				f[n++] = s[pos];
				trimmed = is_blank(s[pos]) ? trimmed + 1 : 0;
			}
			n -= trimmed;
		}
		starts[*nfields] = used;
		lengths[(*nfields)++] = n;
		used += n;
		if (pos == len)
			return REF_RECORD;
		if (is_break(s[pos]))
		{
			/* the record ends here, and so must its raw text */
			require(pos + 1 == len);
			return REF_RECORD;
		}
		pos++;					/* the comma */
	}
}

/* Checks one event's raw text and fields against the reference parser */
static void
check_event(const Event *e, bool at_end)
{
	char	   *out = malloc(e->rawlen);
	size_t	   *starts = malloc((e->rawlen + 1) * sizeof(size_t));
	size_t	   *lengths = malloc((e->rawlen + 1) * sizeof(size_t));
	size_t		stop = 0;
	size_t		sum = 0;
	int			nfields;
	int			i;
	RefResult	res;

	require(out != NULL && starts != NULL && lengths != NULL);
	res = ref_parse(e->raw, e->rawlen, out, starts, lengths, &nfields, &stop);
	switch (e->kind)
	{
		case KIND_RECORD:
			require(res == REF_RECORD);
			/* a record ends at a CR or LF, or at the end of the input */
			require(at_end || is_break(e->raw[e->rawlen - 1]));
			require(nfields == e->nfields);
			require(nfields <= CSVR_MAX_FIELDS);
			for (i = 0; i < nfields; i++)
			{
				require(lengths[i] == e->lengths[i]);
				require(memcmp(out + starts[i], e->fields[i], lengths[i]) == 0);
				require(e->lengths[i] <= e->rawlen);
				sum += e->lengths[i];
			}
			/* each byte of a field and each comma comes from the raw text */
			require(sum + nfields - 1 <= e->rawlen);
			break;
		case CSV_ERR_STRAY_QUOTE:
			/* the raw text runs to the end of the line with the quote */
			require(res == REF_STRAY);
			require(memchr(e->raw + stop, '\n', e->rawlen - stop) == NULL ||
					memchr(e->raw + stop, '\n', e->rawlen - stop) == e->raw + e->rawlen - 1);
			require(at_end || e->raw[e->rawlen - 1] == '\n');
			break;
		case CSV_ERR_UNTERMINATED:
			require(res == REF_OPEN);
			require(at_end);
			break;
		case CSV_ERR_TOO_MANY_FIELDS:
			/* a well-formed record, only too wide */
			require(res == REF_RECORD);
			require(nfields > CSVR_MAX_FIELDS);
			require(at_end || is_break(e->raw[e->rawlen - 1]));
			break;
	}
	free(out);
	free(starts);
	free(lengths);
}

/*
 * Checks the whole reading, with all raw text kept, against the text: the
 * raw texts tile it with blank lines between, the lines count the line
 * breaks before each, and each event is what the reference parser says.
 */
static void
check_tiling(const Reading *rd, const char *text, size_t len)
{
	size_t		pos = 0;
	size_t		prev_end = 0;
	int64_t		line = 1;
	int			i;

	for (i = 0; i < rd->count; i++)
	{
		const Event *e = &rd->events[i];
		const Event *prev = i > 0 ? &rd->events[i - 1] : NULL;
		size_t		j;

		require(e->rawlen > 0);
		/* a raw text never starts with a blank line */
		for (j = 0; j < e->rawlen && is_blank(e->raw[j]); j++)
			;
		require(j == e->rawlen || !is_break(e->raw[j]));
		/* skip blank lines (or the LF of a CRLF) up to the raw text */
		while (pos + e->rawlen > len || memcmp(text + pos, e->raw, e->rawlen) != 0)
		{
			while (pos < len && is_blank(text[pos]))
				pos++;
			require(pos < len && is_break(text[pos]));
			if (text[pos] == '\n')
				line++;
			pos++;
		}
		require(e->line == line);
		if (prev != NULL)
		{
			/* lines strictly increase, but after a lone CR */
			require(e->line >= prev->line);
			if (e->line == prev->line)
				require(prev->raw[prev->rawlen - 1] == '\r' && text[prev_end] != '\n');
		}
		for (j = 0; j < e->rawlen; j++)
			line += e->raw[j] == '\n';
		pos += e->rawlen;
		prev_end = pos;
		check_event(e, pos == len);
	}
	/* only blanks after the last event */
	for (; pos < len; pos++)
		require(is_blank(text[pos]) || is_break(text[pos]));
}

/*
 * Two readings gave the same events; the second kept at most max_raw bytes
 * of raw text and may have stopped early.
 */
static void
require_same(const Reading *a, const Reading *b, size_t max_raw, int count)
{
	int			i;
	int			j;

	require(b->count == count);
	for (i = 0; i < count; i++)
	{
		const Event *x = &a->events[i];
		const Event *y = &b->events[i];
		size_t		rawlen = x->rawlen < max_raw ? x->rawlen : max_raw;

		require(x->kind == y->kind && x->line == y->line && x->nfields == y->nfields);
		for (j = 0; j < x->nfields; j++)
		{
			require(x->lengths[j] == y->lengths[j]);
			require(memcmp(x->fields[j], y->fields[j], x->lengths[j]) == 0);
			/* the field-length bound holds when the raw text is whole */
			require(y->rawlen == max_raw || y->lengths[j] <= y->rawlen);
		}
		require(y->rawlen == rawlen && memcmp(x->raw, y->raw, rawlen) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Chunking	whole = {NULL, 0};
	Chunking	chunked;
	size_t		small_raw;
	const char *text;
	size_t		len;
	const char *body;
	size_t		body_len;
	Reading		all;
	Reading		other;

	if (size < 2)
		return 0;
	chunked.nsizes = data[0] & 7;
	if (size < 2 + chunked.nsizes)
		return 0;
	chunked.sizes = data + 1;
	small_raw = 1 + data[1 + chunked.nsizes] % 32;
	text = (const char *) data + 2 + chunked.nsizes;
	len = size - 2 - chunked.nsizes;

	/* a BOM at the start is not part of the text the events tile */
	body = text;
	body_len = len;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
	{
		body += 3;
		body_len -= 3;
	}

	read_text(text, len, &whole, SIZE_MAX, 0, &all);
	check_tiling(&all, body, body_len);

	if (chunked.nsizes > 0)
	{
		read_text(text, len, &chunked, SIZE_MAX, 0, &other);
		require_same(&all, &other, SIZE_MAX, all.count);
		free_reading(&other);
	}

	read_text(text, len, chunked.nsizes ? &chunked : &whole, small_raw, 0, &other);
	require_same(&all, &other, small_raw, all.count);
	free_reading(&other);

	if (all.count > 0)
	{
		int			stop = 1 + (int) (small_raw % all.count);

		read_text(text, len, chunked.nsizes ? &chunked : &whole, SIZE_MAX, stop, &other);
		require_same(&all, &other, SIZE_MAX, stop);
		free_reading(&other);
	}

	free_reading(&all);
	return 0;
}
