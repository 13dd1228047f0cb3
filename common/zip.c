/*
 * zip.c: a small, reproducible ZIP writer on zlib (APPNOTE 6.3, the
 * subset without ZIP64, encryption or data descriptors).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "quire.h"
#include "zip.h"

/* What the central directory needs to know of each entry. */
struct zip_entry {
	char     *name;
	uint32_t  crc, csize, usize, offset;
	uint16_t  method;
};

struct zip {
	FILE             *fp;
	uint16_t          dtime, ddate;	/* MS-DOS time and date */
	uint64_t          off;		/* bytes written so far */
	struct zip_entry *e;
	size_t            n;
	struct buf        tmp;		/* compressed data of one entry */
	int               broken;
};

#define ZIP_LIMIT	0xffffffffULL
#define ZIP_MAXENT	0xffff

static void
put16(struct buf *b, unsigned v)
{
	buf_addc(b, (int)(v & 0xff));
	buf_addc(b, (int)((v >> 8) & 0xff));
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

struct zip *
zip_open(FILE *fp, int64_t t)
{
	struct zip *z = xcalloc(1, sizeof(*z));
	struct date_tm tm;

	z->fp = fp;
	if (t < 315532800)		/* 1980-01-01, the DOS epoch */
		t = 315532800;
	if (t > 4354819198LL)		/* 2107-12-31T23:59:58Z */
		t = 4354819198LL;
	date_split(t, &tm);
	z->ddate = (uint16_t)(((tm.year - 1980) << 9) | (tm.mon << 5) |
	    tm.mday);
	z->dtime = (uint16_t)((tm.hour << 11) | (tm.min << 5) |
	    (tm.sec / 2));
	return z;
}

/* Write b to the archive; -1 after a message on a write error. */
static int
emit(struct zip *z, const struct buf *b)
{
	errno = 0;
	if (b->n > 0 && fwrite(b->p, 1, b->n, z->fp) != b->n) {
		msg_err(NULL, 0, "write error: %s",
		    strerror(errno ? errno : EIO));
		return -1;
	}
	z->off += b->n;
	return 0;
}

/* Raw deflate of p[0..n) into z->tmp; 0 or -1. */
static int
deflate_all(struct zip *z, const void *p, size_t n)
{
	z_stream s;
	size_t bound;
	int r;

	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&s, (uLong)n);
	buf_reset(&z->tmp);
	buf_grow(&z->tmp, bound);
	s.next_in = (Bytef *)(uintptr_t)p;
	s.avail_in = (uInt)n;
	s.next_out = (Bytef *)z->tmp.p;
	s.avail_out = (uInt)bound;
	r = deflate(&s, Z_FINISH);
	z->tmp.n = bound - s.avail_out;
	deflateEnd(&s);
	return r == Z_STREAM_END ? 0 : -1;
}

int
zip_add(struct zip *z, const char *name, const void *p, size_t n,
    enum zip_method how)
{
	struct buf h = BUF_INIT;
	struct zip_entry *e;
	const void *data = p;
	size_t nlen = strlen(name), csize = n;
	uint32_t crc;
	int r = -1;

	if (z->broken)
		return -1;
	z->broken = 1;
	if (z->n >= ZIP_MAXENT) {
		/* No ZIP64: say what is too many, not what is too large. */
		msg_err(NULL, 0, "the book has too many files: %zu and more "
		    "(chapters, images and the book's own files); a ZIP file "
		    "without ZIP64 holds at most %d", z->n + 1, ZIP_MAXENT);
		return -1;
	}
	if (n > ZIP_LIMIT || nlen > 0xffff) {
		msg_err(NULL, 0, "%s: too large for a ZIP file without ZIP64",
		    name);
		return -1;
	}
	crc = (uint32_t)crc32(0L, Z_NULL, 0);
	/* crc32() takes at most UINT_MAX bytes at a time. */
	{
		const unsigned char *q = p;
		size_t left = n, k;

		while (left > 0) {
			k = left > 0x40000000 ? 0x40000000 : left;
			crc = (uint32_t)crc32(crc, q, (uInt)k);
			q += k;
			left -= k;
		}
	}
	if (how == ZIP_DEFLATE) {
		if (deflate_all(z, p, n) < 0) {
			msg_err(NULL, 0, "%s: zlib cannot compress it", name);
			return -1;
		}
		data = z->tmp.p;
		csize = z->tmp.n;
	}
	if (z->off + 30 + nlen + csize > ZIP_LIMIT) {
		msg_err(NULL, 0, "%s: the archive would pass 4 GiB", name);
		return -1;
	}

	/* Local file header. */
	put32(&h, 0x04034b50);
	put16(&h, how == ZIP_DEFLATE ? 20 : 10);	/* version needed */
	put16(&h, 0x0800);		/* flags: names are UTF-8 */
	put16(&h, how);
	put16(&h, z->dtime);
	put16(&h, z->ddate);
	put32(&h, crc);
	put32(&h, (uint32_t)csize);
	put32(&h, (uint32_t)n);
	put16(&h, (unsigned)nlen);
	put16(&h, 0);			/* no extra field */
	buf_add(&h, name, nlen);

	z->e = xreallocarray(z->e, z->n + 1, sizeof(*z->e));
	e = &z->e[z->n++];
	e->name = xstrdup(name);
	e->crc = crc;
	e->csize = (uint32_t)csize;
	e->usize = (uint32_t)n;
	e->offset = (uint32_t)z->off;
	e->method = (uint16_t)how;

	if (emit(z, &h) == 0) {
		errno = 0;
		if (csize > 0 && fwrite(data, 1, csize, z->fp) != csize) {
			msg_err(NULL, 0, "write error: %s",
			    strerror(errno ? errno : EIO));
		} else {
			z->off += csize;
			z->broken = 0;
			r = 0;
		}
	}
	buf_free(&h);
	return r;
}

int
zip_close(struct zip *z)
{
	struct buf b = BUF_INIT;
	struct zip_entry *e;
	uint64_t start = z->off;
	size_t i, nlen, dirsize;
	int r = -1;

	if (z->broken)
		goto out;
	for (i = 0; i < z->n; i++) {
		e = &z->e[i];
		nlen = strlen(e->name);
		put32(&b, 0x02014b50);
		put16(&b, 0x0314);	/* made by: Unix, spec 2.0 */
		put16(&b, e->method == ZIP_DEFLATE ? 20 : 10);
		put16(&b, 0x0800);
		put16(&b, e->method);
		put16(&b, z->dtime);
		put16(&b, z->ddate);
		put32(&b, e->crc);
		put32(&b, e->csize);
		put32(&b, e->usize);
		put16(&b, (unsigned)nlen);
		put16(&b, 0);		/* extra */
		put16(&b, 0);		/* comment */
		put16(&b, 0);		/* disk */
		put16(&b, 0);		/* internal attributes */
		put32(&b, 0100644U << 16);	/* a regular file, rw-r--r-- */
		put32(&b, e->offset);
		buf_add(&b, e->name, nlen);
	}
	if (start + b.n + 22 > ZIP_LIMIT) {
		msg_err(NULL, 0, "the archive would pass 4 GiB");
		goto out;
	}
	dirsize = b.n;
	/* End of central directory. */
	put32(&b, 0x06054b50);
	put16(&b, 0);
	put16(&b, 0);
	put16(&b, (unsigned)z->n);
	put16(&b, (unsigned)z->n);
	put32(&b, (uint32_t)dirsize);
	put32(&b, (uint32_t)start);
	put16(&b, 0);
	r = emit(z, &b);
out:
	buf_free(&b);
	zip_free(z);
	return r;
}

void
zip_free(struct zip *z)
{
	size_t i;

	if (z == NULL)
		return;
	for (i = 0; i < z->n; i++)
		free(z->e[i].name);
	free(z->e);
	buf_free(&z->tmp);
	free(z);
}
