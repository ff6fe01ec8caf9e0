/*
 * csvread.h
 *		Streaming CSV records with physical line numbers, on top of libcsv.
 *
 * No PostgreSQL types: the fuzzer and unit tests drive it without a server.
 * Bytes are fed in chunks of any size, and how they are cut never changes
 * what comes out: each complete record is handed to a callback together with
 * the line number of its first physical line and its raw text.  A malformed
 * record (a stray quote, an unterminated quoted field at the end of the input,
 * a record longer than CSVR_MAX_RECORD or of more than CSVR_MAX_FIELDS fields)
 * is reported to an error callback once
 * the physical line where it went wrong has been read, and reading resumes at
 * the next line.
 */
#ifndef UANALYTICS_CSVREAD_H
#define UANALYTICS_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <csv.h>

/*
 * A record as handed to the callbacks.  Its raw text runs from the start of
 * its first line, or from just after the CR that ended the record before it
 * on the same line, to the CR or LF that ends it (so a CRLF record ends in
 * CR); that of a malformed record runs to the end of the line where it went
 * wrong.  Blank lines are in neither.  At most max_raw bytes of it are kept.
 */
typedef struct CsvRecord
{
	int64_t		line;			/* first physical line; the header is line 1 */
	int			nfields;
	const char *const *fields;	/* NUL-terminated copies of the fields */
	const size_t *lengths;		/* their lengths (a field may hold no NUL) */
	const char *raw;			/* the record's text as read: see above */
	size_t		rawlen;
	bool		cut_off;		/* the input ended inside it: no CR or LF
								 * after its last byte (a download cut off
								 * there looks the same) */
} CsvRecord;

typedef enum CsvErrorKind
{
	CSV_ERR_STRAY_QUOTE,		/* a quote inside an unquoted field, or text
								 * after a closing quote */
	CSV_ERR_UNTERMINATED,		/* a quoted field still open at the end */
	CSV_ERR_TOO_LONG,			/* a record longer than CSVR_MAX_RECORD */
	CSV_ERR_TOO_MANY_FIELDS		/* a record of more than CSVR_MAX_FIELDS */
} CsvErrorKind;

/*
 * A record longer than this (counted as its raw text, line breaks included)
 * is an error rather than a reason to grow memory without bound: in practice
 * it is an unterminated quote swallowing the file.
 */
#define CSVR_MAX_RECORD ((size_t) 64 * 1024 * 1024)

/*
 * Nor may a record have more fields than this (exports have about 30): a
 * line of commas would otherwise take three pointers per byte.
 */
#define CSVR_MAX_FIELDS 1000

/* Called with each record; returning false stops reading. */
typedef bool (*CsvRecordFn) (void *arg, const CsvRecord *rec);

/* Called with each malformed record (rec->nfields is 0); false stops. */
typedef bool (*CsvErrorFn) (void *arg, CsvErrorKind kind, const CsvRecord *rec);

/* Memory functions, so the server can use its memory contexts. */
typedef struct CsvAllocator
{
	void	   *(*realloc_fn) (void *ptr, size_t size);	/* ptr may be NULL */
	void		(*free_fn) (void *ptr);
} CsvAllocator;

typedef struct CsvReader
{
	struct csv_parser parser;
	CsvAllocator alloc;
	CsvRecordFn on_record;
	CsvErrorFn on_error;
	void	   *arg;

	int64_t		line;			/* physical line being fed */
	int64_t		record_line;	/* first line of the record being read */
	bool		at_line_start;	/* next byte fed starts a physical line */
	bool		after_break;	/* last byte fed was a CR or LF, or none yet */
	bool		at_input_start; /* nothing fed yet: strip a UTF-8 BOM */
	bool		skipping;		/* after an error: discard to end of line */
	CsvErrorKind skip_error;	/* reported when that line ends */
	bool		stopped;		/* a callback returned false */
	bool		too_many_fields;	/* the record has passed CSVR_MAX_FIELDS */
	bool		finishing;		/* ua_csvr_finish: the input has ended */

	/* the fields of the record being read, copied out of libcsv */
	char	   *fieldbuf;
	size_t		fieldbuf_len;
	size_t		fieldbuf_size;
	size_t	   *offsets;
	size_t	   *lengths;
	const char **fieldptrs;
	int			nfields;
	int			fields_size;

	/* raw text of the record being read */
	char	   *raw;
	size_t		raw_len;
	size_t		raw_size;
	size_t		max_raw;		/* raw text kept per record, at most */
	size_t		record_bytes;	/* bytes of the record so far, all of them,
								 * never more than CSVR_MAX_RECORD */
	unsigned char bom[3];		/* a byte-order mark split across chunks */
	int			bom_len;

} CsvReader;

extern void ua_csvr_init(CsvReader *r, const CsvAllocator *alloc,
					  CsvRecordFn on_record, CsvErrorFn on_error, void *arg);

/* Feeds bytes; returns false once a callback has asked to stop. */
extern bool ua_csvr_feed(CsvReader *r, const char *data, size_t len);

/* Ends the input: delivers a last record without a line end. */
extern bool ua_csvr_finish(CsvReader *r);

extern void ua_csvr_free(CsvReader *r);

#endif							/* UANALYTICS_CSVREAD_H */
