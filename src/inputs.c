/*
 * inputs.c
 *		Where a load's bytes come from: a server file, a bytea, or a large
 *		object, each read in chunks, rewound for a second reading, and
 *		sized before the first.
 */
#include "postgres.h"

#include <sys/stat.h>

#include "fmgr.h"
#include "libpq/be-fsstubs.h"
#include "storage/fd.h"
#include "storage/large_object.h"
#include "utils/fmgrprotos.h"

#include "load.h"

static size_t
file_read(InputSource *src, char *buf, size_t size)
{
	size_t		n = fread(buf, 1, size, src->fp);

	if (n == 0 && ferror(src->fp))
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not read file \"%s\": %m", src->path)));
	return n;
}

static int64
file_size(InputSource *src)
{
	struct stat st;

	if (fstat(fileno(src->fp), &st) != 0)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not stat file \"%s\": %m", src->path)));
	if (!S_ISREG(st.st_mode))
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a regular file", src->path),
				 errhint("Give the path of an export file, or of a directory of them.")));
	return st.st_size;
}

static void
file_rewind(InputSource *src)
{
	if (fseeko(src->fp, 0, SEEK_SET) != 0)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not seek in file \"%s\": %m", src->path)));
}

static size_t
bytes_read(InputSource *src, char *buf, size_t size)
{
	size_t		n = Min(size, src->len - src->pos);

	memcpy(buf, src->data + src->pos, n);
	src->pos += n;
	return n;
}

static void
bytes_rewind(InputSource *src)
{
	src->pos = 0;
}

static int64
bytes_size(InputSource *src)
{
	return src->len;
}

static size_t
lo_source_read(InputSource *src, char *buf, size_t size)
{
	return (size_t) lo_read(src->fd, buf, (int) size);
}

static void
lo_source_rewind(InputSource *src)
{
	DirectFunctionCall3(be_lo_lseek64, Int32GetDatum(src->fd), Int64GetDatum(0),
						Int32GetDatum(SEEK_SET));
}

static int64
lo_source_size(InputSource *src)
{
	return DatumGetInt64(DirectFunctionCall3(be_lo_lseek64, Int32GetDatum(src->fd),
											 Int64GetDatum(0), Int32GetDatum(SEEK_END)));
}

/* A server file opened for reading (closed by ua_close_file_input). */
void
ua_file_input(InputSource *src, const char *path)
{
	memset(src, 0, sizeof(*src));
	src->name = pstrdup(path);
	src->path = path;
	src->read = file_read;
	src->rewind = file_rewind;
	src->size = file_size;
	src->fp = AllocateFile(path, PG_BINARY_R);
	if (src->fp == NULL)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not open file \"%s\" for reading: %m", path)));
}

void
ua_close_file_input(InputSource *src)
{
	FreeFile(src->fp);
	src->fp = NULL;
}

/* The bytes of a bytea. */
void
ua_bytes_input(InputSource *src, char *name, const char *data, size_t len)
{
	memset(src, 0, sizeof(*src));
	src->name = name;
	src->data = data;
	src->len = len;
	src->read = bytes_read;
	src->rewind = bytes_rewind;
	src->size = bytes_size;
}

/* A large object, open for reading as descriptor fd. */
void
ua_lo_input(InputSource *src, char *name, int fd)
{
	memset(src, 0, sizeof(*src));
	src->name = name;
	src->fd = fd;
	src->read = lo_source_read;
	src->rewind = lo_source_rewind;
	src->size = lo_source_size;
}
