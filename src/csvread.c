/*
 * csvread.c
 *		Streaming CSV records with physical line numbers, on top of libcsv.
 *
 * libcsv tokenises but does not say where a record began.  We feed it one
 * physical line at a time: before each line, a parser that has not begun a
 * row means a record may start on this line, so the first line of every
 * record (the number error messages need) is known exactly, including for
 * records whose quoted fields hold line breaks.
 */
#include "csvread.h"

#include <string.h>

#define LIBCSV_ROW_NOT_BEGUN 0	/* libcsv's pstate before a row's first byte */
#define CSVR_OPTIONS (CSV_STRICT | CSV_STRICT_FINI)
#define CSVR_DEFAULT_MAX_RAW 65536

static void *
default_realloc(void *ptr, size_t size)
{
	return realloc(ptr, size);
}

/* Grows *buf to hold at least need bytes. */
static void
grow(CsvReader *r, void **buf, size_t *size, size_t need, size_t elem)
{
	size_t		newsize;

	if (need <= *size)
		return;
	newsize = *size ? *size : 64;
	while (newsize < need)
		newsize *= 2;
	*buf = r->alloc.realloc_fn(*buf, newsize * elem);
	*size = newsize;
}

/* libcsv field callback: copy the field out, NUL-terminated. */
static void
field_cb(void *data, size_t len, void *arg)
{
	CsvReader  *r = (CsvReader *) arg;

	if (r->stopped)
		return;
	if (r->nfields >= r->fields_size)
	{
		int			n = r->fields_size ? r->fields_size * 2 : 32;

		r->offsets = r->alloc.realloc_fn(r->offsets, n * sizeof(size_t));
		r->lengths = r->alloc.realloc_fn(r->lengths, n * sizeof(size_t));
		r->fieldptrs = r->alloc.realloc_fn(r->fieldptrs, n * sizeof(char *));
		r->fields_size = n;
	}
	grow(r, (void **) &r->fieldbuf, &r->fieldbuf_size, r->fieldbuf_len + len + 1, 1);
	if (len > 0)
		memcpy(r->fieldbuf + r->fieldbuf_len, data, len);
	r->fieldbuf[r->fieldbuf_len + len] = '\0';
	r->offsets[r->nfields] = r->fieldbuf_len;
	r->lengths[r->nfields] = len;
	r->fieldbuf_len += len + 1;
	r->nfields++;
}

/* The record being read, as handed to the callbacks. */
static CsvRecord
current_record(CsvReader *r)
{
	CsvRecord	rec;
	int			i;

	for (i = 0; i < r->nfields; i++)
		r->fieldptrs[i] = r->fieldbuf + r->offsets[i];
	rec.line = r->record_line;
	rec.nfields = r->nfields;
	rec.fields = r->fieldptrs;
	rec.lengths = r->lengths;
	rec.raw = r->raw ? r->raw : "";
	rec.rawlen = r->raw_len;
	return rec;
}

/* libcsv end-of-record callback: hand the record over. */
static void
record_cb(int c, void *arg)
{
	CsvReader  *r = (CsvReader *) arg;
	CsvRecord	rec;

	if (r->stopped)
		return;
	rec = current_record(r);
	r->records++;
	if (!r->on_record(r->arg, &rec))
		r->stopped = true;
	r->nfields = 0;
	r->fieldbuf_len = 0;
}

/* Reports a malformed record and starts a fresh libcsv parser. */
static void
record_error(CsvReader *r, CsvErrorKind kind)
{
	CsvRecord	rec = current_record(r);

	rec.nfields = 0;
	if (!r->on_error(r->arg, kind, &rec))
		r->stopped = true;
	csv_free(&r->parser);
	csv_init(&r->parser, CSVR_OPTIONS);
	csv_set_realloc_func(&r->parser, r->alloc.realloc_fn);
	csv_set_free_func(&r->parser, r->alloc.free_fn);
	r->nfields = 0;
	r->fieldbuf_len = 0;
	r->record_bytes = 0;
}

void
csvr_init(CsvReader *r, const CsvAllocator *alloc,
		  CsvRecordFn on_record, CsvErrorFn on_error, void *arg)
{
	memset(r, 0, sizeof(*r));
	if (alloc)
		r->alloc = *alloc;
	else
	{
		r->alloc.realloc_fn = default_realloc;
		r->alloc.free_fn = free;
	}
	r->on_record = on_record;
	r->on_error = on_error;
	r->arg = arg;
	r->at_line_start = true;
	r->at_input_start = true;
	r->max_raw = CSVR_DEFAULT_MAX_RAW;
	csv_init(&r->parser, CSVR_OPTIONS);
	csv_set_realloc_func(&r->parser, r->alloc.realloc_fn);
	csv_set_free_func(&r->parser, r->alloc.free_fn);
}

/* Feeds one piece of a physical line (it ends in '\n' when eol). */
static void
feed_segment(CsvReader *r, const char *data, size_t len, bool eol)
{
	if (r->at_line_start)
	{
		r->line++;
		if (r->parser.pstate == LIBCSV_ROW_NOT_BEGUN && !r->skipping)
		{
			r->record_line = r->line;
			r->raw_len = 0;
			r->record_bytes = 0;
		}
	}
	r->at_line_start = eol;

	if (r->skipping)
	{
		/* the rest of a line whose record was malformed */
		if (eol)
			r->skipping = false;
		return;
	}

	if (r->raw_len < r->max_raw)
	{
		size_t		keep = len;

		if (keep > r->max_raw - r->raw_len)
			keep = r->max_raw - r->raw_len;
		grow(r, (void **) &r->raw, &r->raw_size, r->raw_len + keep + 1, 1);
		memcpy(r->raw + r->raw_len, data, keep);
		r->raw_len += keep;
		r->raw[r->raw_len] = '\0';
	}
	r->record_bytes += len;

	if (csv_parse(&r->parser, data, len, field_cb, record_cb, r) != len)
	{
		record_error(r, CSV_ERR_STRAY_QUOTE);
		r->skipping = !eol;
	}
	else if (r->record_bytes > CSVR_MAX_RECORD &&
			 r->parser.pstate != LIBCSV_ROW_NOT_BEGUN)
	{
		record_error(r, CSV_ERR_TOO_LONG);
		r->skipping = !eol;
	}
}

bool
csvr_feed(CsvReader *r, const char *data, size_t len)
{
	static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF};

	/* A UTF-8 byte-order mark at the very start is not data. */
	while (r->at_input_start && len > 0)
	{
		if ((unsigned char) *data != utf8_bom[r->bom_len])
		{
			const char *held = (const char *) r->bom;
			int			nheld = r->bom_len;

			r->at_input_start = false;
			if (nheld > 0)
				feed_segment(r, held, nheld, false);
			break;
		}
		r->bom[r->bom_len++] = (unsigned char) *data;
		data++;
		len--;
		if (r->bom_len == 3)
			r->at_input_start = false;
	}

	while (len > 0 && !r->stopped)
	{
		const char *nl = memchr(data, '\n', len);
		size_t		seglen = nl ? (size_t) (nl - data) + 1 : len;

		feed_segment(r, data, seglen, nl != NULL);
		data += seglen;
		len -= seglen;
	}
	return !r->stopped;
}

bool
csvr_finish(CsvReader *r)
{
	if (r->at_input_start && r->bom_len > 0 && !r->stopped)
	{
		/* input shorter than a BOM that began like one */
		r->at_input_start = false;
		feed_segment(r, (const char *) r->bom, r->bom_len, false);
	}
	if (r->stopped)
		return false;
	if (r->skipping)
		return true;
	if (csv_fini(&r->parser, field_cb, record_cb, r) != 0)
		record_error(r, CSV_ERR_UNTERMINATED);
	return !r->stopped;
}

void
csvr_free(CsvReader *r)
{
	csv_free(&r->parser);
	if (r->fieldbuf)
		r->alloc.free_fn(r->fieldbuf);
	if (r->offsets)
		r->alloc.free_fn(r->offsets);
	if (r->lengths)
		r->alloc.free_fn(r->lengths);
	if (r->fieldptrs)
		r->alloc.free_fn(r->fieldptrs);
	if (r->raw)
		r->alloc.free_fn(r->raw);
	memset(r, 0, sizeof(*r));
}
