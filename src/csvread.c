/*
 * csvread.c
 *		Streaming CSV records with physical line numbers, on top of libcsv.
 *
 * libcsv tokenises but does not say where a record began.  We feed it one
 * piece at a time, each piece ending at the first CR or LF (the only bytes at
 * which libcsv ends a record): before each piece that follows a CR or LF, a
 * parser that has not begun a row means a record may start here.  So the
 * first line of every record (the number error messages need) and its raw
 * text are known exactly, including for records whose quoted fields hold
 * line breaks, and do not depend on where the caller's chunks were cut.
 */
#include "csvread.h"

#include <string.h>

#define LIBCSV_ROW_NOT_BEGUN 0	/* libcsv's pstate before a row's first byte */
#define CSVR_OPTIONS (CSV_STRICT | CSV_STRICT_FINI)
/*
 * libcsv grows its field buffer by this much at a time (128 bytes by
 * default: a 5 MB field meant some 40,000 reallocations).
 */
#define CSVR_BLOCK (64 * 1024)
#define CSVR_DEFAULT_MAX_RAW 65536

static void *
default_realloc(void *ptr, size_t size)
{
	return realloc(ptr, size);
}

static void report_error(CsvReader *r, CsvErrorKind kind);

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
	if (r->nfields >= CSVR_MAX_FIELDS)
	{
		r->too_many_fields = true;	/* reported when the record ends */
		return;
	}
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
	rec.cut_off = r->finishing && !r->after_break;
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
	if (r->too_many_fields)
	{
		r->too_many_fields = false;
		report_error(r, CSV_ERR_TOO_MANY_FIELDS);
	}
	else
	{
		rec = current_record(r);
		if (!r->on_record(r->arg, &rec))
			r->stopped = true;
	}
	r->nfields = 0;
	r->fieldbuf_len = 0;
}

/* Starts a fresh libcsv parser, the old one having stopped at an error. */
static void
reset_parser(CsvReader *r)
{
	csv_free(&r->parser);
	csv_init(&r->parser, CSVR_OPTIONS);
	csv_set_realloc_func(&r->parser, r->alloc.realloc_fn);
	csv_set_free_func(&r->parser, r->alloc.free_fn);
	csv_set_blk_size(&r->parser, CSVR_BLOCK);
	r->nfields = 0;
	r->fieldbuf_len = 0;
	r->too_many_fields = false;
}

/* Reports a malformed record, with its raw text so far. */
static void
report_error(CsvReader *r, CsvErrorKind kind)
{
	CsvRecord	rec = current_record(r);

	rec.nfields = 0;
	if (!r->on_error(r->arg, kind, &rec))
		r->stopped = true;
}

/*
 * A malformed record: the rest of its line is read into its raw text, so
 * that what is reported does not depend on where the chunks were cut.
 */
static void
start_skipping(CsvReader *r, CsvErrorKind kind)
{
	reset_parser(r);
	r->skipping = true;
	r->skip_error = kind;
}

void
ua_csvr_init(CsvReader *r, const CsvAllocator *alloc,
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
	r->after_break = true;
	r->at_input_start = true;
	r->max_raw = CSVR_DEFAULT_MAX_RAW;
	csv_init(&r->parser, CSVR_OPTIONS);
	csv_set_realloc_func(&r->parser, r->alloc.realloc_fn);
	csv_set_free_func(&r->parser, r->alloc.free_fn);
	csv_set_blk_size(&r->parser, CSVR_BLOCK);
}

/* Keeps what fits of a piece in the raw text of the record. */
static void
keep_raw(CsvReader *r, const char *data, size_t len)
{
	size_t		keep = len;

	if (r->raw_len >= r->max_raw)
		return;
	if (keep > r->max_raw - r->raw_len)
		keep = r->max_raw - r->raw_len;
	grow(r, (void **) &r->raw, &r->raw_size, r->raw_len + keep + 1, 1);
	memcpy(r->raw + r->raw_len, data, keep);
	r->raw_len += keep;
	r->raw[r->raw_len] = '\0';
}

/*
 * Parses a piece of a record.  The record is cut off at exactly its
 * CSVR_MAX_RECORD-th byte, however it was chunked: a piece ends at the first
 * CR or LF, where alone a record can end, so a piece that goes past the
 * limit belongs to a record (or a run of blanks) that does too.
 */
static void
parse_piece(CsvReader *r, const char *data, size_t len)
{
	bool		too_long = false;

	if (len > CSVR_MAX_RECORD - r->record_bytes)
	{
		len = CSVR_MAX_RECORD - r->record_bytes;
		too_long = true;
	}
	r->record_bytes += len;
	if (csv_parse(&r->parser, data, len, field_cb, record_cb, r) != len)
		start_skipping(r, CSV_ERR_STRAY_QUOTE);
	else if (too_long)
		start_skipping(r, CSV_ERR_TOO_LONG);
}

/* Feeds one piece: bytes up to and including the first CR or LF, if any. */
static void
feed_piece(CsvReader *r, const char *data, size_t len)
{
	char		last = data[len - 1];

	if (r->at_line_start)
		r->line++;
	if (r->after_break && r->parser.pstate == LIBCSV_ROW_NOT_BEGUN && !r->skipping)
	{
		r->record_line = r->line;
		r->raw_len = 0;
		r->record_bytes = 0;
	}
	r->at_line_start = (last == '\n');
	r->after_break = (last == '\n' || last == '\r');

	keep_raw(r, data, len);
	if (!r->skipping)
		parse_piece(r, data, len);
	if (r->skipping && last == '\n')
	{
		r->skipping = false;
		report_error(r, r->skip_error);
	}
}

/*
 * The length of the next piece: up to and including the first CR or LF.
 * Two memchr() calls (the LF, then a CR before it) rather than one loop
 * over the bytes: memchr is vectorised, and this runs over every byte of
 * every file (doc/benchmarks.md#finding-line-ends-with-memchr).
 */
static size_t
piece_length(const char *data, size_t len)
{
	const char *lf = memchr(data, '\n', len);
	size_t		end = lf ? (size_t) (lf - data) + 1 : len;
	const char *cr = memchr(data, '\r', end);

	return cr ? (size_t) (cr - data) + 1 : end;
}

bool
ua_csvr_feed(CsvReader *r, const char *data, size_t len)
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
				feed_piece(r, held, nheld);
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
		size_t		n = piece_length(data, len);

		feed_piece(r, data, n);
		data += n;
		len -= n;
	}
	return !r->stopped;
}

bool
ua_csvr_finish(CsvReader *r)
{
	if (r->at_input_start && r->bom_len > 0 && !r->stopped)
	{
		/* input shorter than a BOM that began like one */
		r->at_input_start = false;
		feed_piece(r, (const char *) r->bom, r->bom_len);
	}
	if (r->stopped)
		return false;
	r->finishing = true;
	if (r->skipping)
	{
		/* the last line of the input was malformed and had no line end */
		r->skipping = false;
		report_error(r, r->skip_error);
	}
	else if (csv_fini(&r->parser, field_cb, record_cb, r) != 0)
	{
		reset_parser(r);
		report_error(r, CSV_ERR_UNTERMINATED);
	}
	return !r->stopped;
}

void
ua_csvr_free(CsvReader *r)
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
