/*
 * zip.c: a small, reproducible ZIP writer on zlib (APPNOTE 6.3, the
 * subset without ZIP64, encryption or data descriptors).
 *
 * zip_add() computes an entry's CRC-32, deflates it into a buffer and
 * writes it, header then data, before it returns; zip_add_packed()
 * writes an entry another thread deflated ahead (zip_pack()), so the
 * caller may deflate on as many threads as it likes and still write
 * in order, with the bytes of one thread.
 *
 * An entry given in pieces (zip_begin(), zip_write(), zip_end()) has
 * each piece deflated on the caller's thread with Z_NO_FLUSH, which gives
 * the bytes of deflating it whole, into a spill stream (spill.c); its
 * local header, which must hold the compressed size, and the spilled
 * bytes are written at zip_end().  Each entry's central directory
 * record goes to another spill stream as the entry is written, and
 * zip_close() copies it out: memory does not grow with the entries.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "quire.h"
#include "zip.h"

/*
 * A deflate stream for one thread, made at its first use and reset for
 * each entry after: deflateReset() gives the state of a new stream (the
 * same bytes out) without allocating and freeing its 270 KiB again.
 */
struct zip_deflater {
	z_stream s;
	int      ok;		/* s is initialised */
};

/* The entry being given in pieces, from zip_begin() to zip_end(). */
struct zip_stream {
	char             *name;		/* NULL: none */
	enum zip_method   how;
	uint32_t          crc;
	uint64_t          usize;
	struct spill      data;		/* its bytes, deflated or stored */
	unsigned char    *chunk;	/* deflate's output, ZIP_CHUNK bytes */
};

struct zip {
	FILE             *fp;
	uint16_t          dtime, ddate;	/* MS-DOS time and date */
	uint64_t          off;		/* bytes written so far */
	struct spill      dir;		/* the central directory so far */
	size_t            n;		/* entries written */
	size_t            count;	/* entries added */
	int               broken;
	struct zip_deflater d;		/* the caller's thread's */
	struct zip_stream st;
	struct buf        out;		/* zip_add()'s deflated bytes */
};

#define ZIP_LIMIT	0xffffffffULL
#define ZIP_MAXENT	0xffff

/*
 * The storage zip_add() keeps for its next entry's deflated bytes (a
 * chapter is a few kilobytes); after a larger entry it is freed.
 */
#define ZIP_KEEP	(16UL * 1024)

/* zlib's compression level of every deflated entry. */
#define ZIP_LEVEL	6

/* The output of one deflate() call of an entry given in pieces. */
#define ZIP_CHUNK	(64UL * 1024)

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

static void
deflater_end(struct zip_deflater *d)
{
	if (d->ok)
		deflateEnd(&d->s);
	d->ok = 0;
}

/*
 * Ready d for a new entry: a raw deflate at zlib's default level (6,
 * as gzip's), window 2^15, memLevel 8.  Level 9 made the chapters of
 * a 10,000-issue book 0.1% smaller for 15% more deflate time, memLevel
 * 9 0.003% for a hash table twice as large, cleared at every entry.
 * Returns 0, or -1 when zlib cannot (no memory).
 */
static int
deflater_start(struct zip_deflater *d)
{
	z_stream *s = &d->s;

	if (d->ok && deflateReset(s) != Z_OK)
		deflater_end(d);
	if (!d->ok) {
		memset(s, 0, sizeof(*s));
		if (deflateInit2(s, ZIP_LEVEL, Z_DEFLATED, -15, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK)
			return -1;
		d->ok = 1;
	}
	return 0;
}

/* The CRC-32 crc continued over p[0..n). */
static uint32_t
crc_more(uint32_t crc, const void *p, size_t n)
{
	const unsigned char *q = p;
	size_t k;

	/* crc32() takes at most UINT_MAX bytes at a time. */
	while (n > 0) {
		k = n > 0x40000000 ? 0x40000000 : n;
		crc = (uint32_t)crc32(crc, q, (uInt)k);
		q += k;
		n -= k;
	}
	return crc;
}

/*
 * The raw deflate (deflater_start()) of in[0..n) into out, emptied
 * first, with d.  Returns 0, or 1 when zlib cannot.  Runs on any
 * thread; touches only d and out.
 */
static int
deflate_whole(struct zip_deflater *d, const void *in, size_t n,
    struct buf *out)
{
	size_t bound;
	z_stream *s = &d->s;
	int r;

	buf_reset(out);
	if (deflater_start(d) < 0)
		return 1;
	bound = deflateBound(s, (uLong)n);
	buf_grow(out, bound);
	s->next_in = (Bytef *)(uintptr_t)in;
	s->avail_in = (uInt)n;
	s->next_out = (Bytef *)out->p;
	s->avail_out = (uInt)bound;
	r = deflate(s, Z_FINISH);
	out->n = bound - s->avail_out;
	return r != Z_STREAM_END;
}

struct zip_deflater *
zip_deflater_new(void)
{
	return xcalloc(1, sizeof(struct zip_deflater));
}

void
zip_deflater_free(struct zip_deflater *d)
{
	if (d == NULL)
		return;
	deflater_end(d);
	free(d);
}

struct zip_deflater *
zip_deflater(struct zip *z)
{
	return &z->d;
}

void
zip_pack(struct zip_deflater *d, const void *p, size_t n,
    struct zip_packed *pk)
{
	pk->crc = crc_more((uint32_t)crc32(0L, Z_NULL, 0), p, n);
	pk->usize = n;
	pk->zerr = n > ZIP_LIMIT || deflate_whole(d, p, n, &pk->data);
}

/* Write p[0..n) to the archive; -1 after a message on a write error. */
static int
emit(struct zip *z, const void *p, size_t n)
{
	errno = 0;
	if (n > 0 && fwrite(p, 1, n, z->fp) != n) {
		msg_err(NULL, 0, "write error: %s",
		    strerror(errno ? errno : EIO));
		return -1;
	}
	z->off += n;
	return 0;
}

/* emit() as spill_each() calls it. */
static int
emit_piece(void *z, const void *p, size_t n)
{
	return emit(z, p, n);
}

/*
 * The fields a local header and a central directory record share, in
 * the same order (APPNOTE 4.3.7, 4.3.12): version needed, flags (names
 * in UTF-8), method, time, date, CRC-32, sizes, name length.
 */
static void
put_fields(struct buf *h, const struct zip *z, enum zip_method how,
    uint32_t crc, uint64_t csize, uint64_t usize, size_t nlen)
{
	put16(h, how == ZIP_DEFLATE ? 20 : 10);
	put16(h, 0x0800);
	put16(h, how);
	put16(h, z->dtime);
	put16(h, z->ddate);
	put32(h, crc);
	put32(h, (uint32_t)csize);
	put32(h, (uint32_t)usize);
	put16(h, (unsigned)nlen);
}

/*
 * Write the local header of an entry that starts here, and add its
 * record to the central directory.  Returns 0, or -1 after a message
 * (4 GiB passed, a write error).
 */
static int
write_header(struct zip *z, const char *name, enum zip_method how,
    uint32_t crc, uint64_t csize, uint64_t usize)
{
	struct buf h = BUF_INIT;
	size_t nlen = strlen(name);
	int r = -1;

	if (z->off + 30 + nlen + csize > ZIP_LIMIT) {
		msg_err(NULL, 0, "%s: the archive would pass 4 GiB", name);
		return -1;
	}

	/* Central directory record. */
	put32(&h, 0x02014b50);
	put16(&h, 0x0314);		/* made by: Unix, spec 2.0 */
	put_fields(&h, z, how, crc, csize, usize, nlen);
	put16(&h, 0);			/* extra */
	put16(&h, 0);			/* comment */
	put16(&h, 0);			/* disk */
	put16(&h, 0);			/* internal attributes */
	put32(&h, 0100644U << 16);	/* a regular file, rw-r--r-- */
	put32(&h, (uint32_t)z->off);
	buf_add(&h, name, nlen);
	if (spill_add(&z->dir, h.p, h.n) < 0)
		goto out;
	z->n++;

	/* Local file header. */
	buf_reset(&h);
	put32(&h, 0x04034b50);
	put_fields(&h, z, how, crc, csize, usize, nlen);
	put16(&h, 0);			/* no extra field */
	buf_add(&h, name, nlen);
	r = emit(z, h.p, h.n);
out:
	buf_free(&h);
	return r;
}

/*
 * Write an entry whose CRC-32 is crc and whose bytes as kept (deflated
 * for ZIP_DEFLATE, unless zerr says zlib could not) are data[0..csize),
 * usize bytes before: local header, data, and its record for the
 * central directory.  Returns 0, or -1 after a message (zlib failed,
 * 4 GiB passed, a write error), and the archive is broken.
 */
static int
write_entry(struct zip *z, const char *name, enum zip_method how,
    uint32_t crc, int zerr, const void *data, size_t csize, uint64_t usize)
{
	if (how == ZIP_DEFLATE && zerr)
		msg_err(NULL, 0, "%s: zlib cannot compress it", name);
	else if (write_header(z, name, how, crc, csize, usize) == 0 &&
	    emit(z, data, csize) == 0)
		return 0;
	z->broken = 1;
	return -1;
}

/*
 * Count a new entry of n bytes named name.  Returns 0, or -1 after a
 * message (too many entries, too large), and the archive is broken.
 */
static int
entry_check(struct zip *z, const char *name, uint64_t n)
{
	if (z->broken)
		return -1;
	if (z->count >= ZIP_MAXENT) {
		z->broken = 1;
		/* No ZIP64: say what is too many, not what is too large. */
		msg_err(NULL, 0, "the book has too many files: %zu and more "
		    "(chapters, images and the book's own files); a ZIP file "
		    "without ZIP64 holds at most %d", z->count + 1, ZIP_MAXENT);
		return -1;
	}
	if (n > ZIP_LIMIT || strlen(name) > 0xffff) {
		z->broken = 1;
		msg_err(NULL, 0, "%s: too large for a ZIP file without ZIP64",
		    name);
		return -1;
	}
	z->count++;
	return 0;
}

int
zip_add(struct zip *z, const char *name, const void *p, size_t n,
    enum zip_method how)
{
	uint32_t crc;
	int zerr = 0, r;

	if (entry_check(z, name, n) < 0)
		return -1;
	crc = crc_more((uint32_t)crc32(0L, Z_NULL, 0), p, n);
	if (how == ZIP_DEFLATE)
		zerr = deflate_whole(&z->d, p, n, &z->out);
	r = how == ZIP_DEFLATE ?
	    write_entry(z, name, how, crc, zerr, z->out.p, z->out.n, n) :
	    write_entry(z, name, how, crc, 0, p, n, n);
	if (z->out.cap > ZIP_KEEP)
		buf_free(&z->out);
	return r;
}

int
zip_add_packed(struct zip *z, const char *name, const struct zip_packed *pk)
{
	if (entry_check(z, name, pk->usize) < 0)
		return -1;
	return write_entry(z, name, ZIP_DEFLATE, pk->crc, pk->zerr,
	    pk->data.p, pk->data.n, pk->usize);
}

int
zip_begin(struct zip *z, const char *name, enum zip_method how)
{
	struct zip_stream *st = &z->st;

	if (entry_check(z, name, 0) < 0)
		return -1;
	if (how == ZIP_DEFLATE && deflater_start(&z->d) < 0) {
		msg_err(NULL, 0, "%s: zlib cannot compress it", name);
		z->broken = 1;
		return -1;
	}
	st->name = xstrdup(name);
	st->how = how;
	st->crc = (uint32_t)crc32(0L, Z_NULL, 0);
	st->usize = 0;
	if (st->chunk == NULL)
		st->chunk = xmalloc(ZIP_CHUNK);
	return 0;
}

/*
 * Deflate what z->d holds as input, with flush (Z_NO_FLUSH, or
 * Z_FINISH to end the entry), into the stream's spill.  Returns 0, or
 * -1 after a message.
 */
static int
stream_deflate(struct zip *z, int flush)
{
	struct zip_stream *st = &z->st;
	z_stream *s = &z->d.s;
	int r;

	do {
		s->next_out = st->chunk;
		s->avail_out = (uInt)ZIP_CHUNK;
		r = deflate(s, flush);
		if (r == Z_STREAM_ERROR) {
			msg_err(NULL, 0, "%s: zlib cannot compress it",
			    st->name);
			return -1;
		}
		if (spill_add(&st->data, st->chunk,
		    ZIP_CHUNK - s->avail_out) < 0)
			return -1;
	} while (s->avail_out == 0 || (flush == Z_FINISH &&
	    r != Z_STREAM_END));
	return 0;
}

int
zip_write(struct zip *z, const void *p, size_t n)
{
	struct zip_stream *st = &z->st;
	const unsigned char *q = p;
	size_t k;

	if (z->broken)
		return -1;
	if (n > ZIP_LIMIT - st->usize) {
		msg_err(NULL, 0, "%s: too large for a ZIP file without ZIP64",
		    st->name);
		z->broken = 1;
		return -1;
	}
	st->crc = crc_more(st->crc, p, n);
	st->usize += n;
	if (st->how != ZIP_DEFLATE) {
		if (spill_add(&st->data, p, n) < 0)
			z->broken = 1;
		return z->broken ? -1 : 0;
	}
	/* avail_in is a uInt. */
	while (n > 0) {
		k = n > 0x40000000 ? 0x40000000 : n;
		z->d.s.next_in = (Bytef *)(uintptr_t)q;
		z->d.s.avail_in = (uInt)k;
		if (stream_deflate(z, Z_NO_FLUSH) < 0) {
			z->broken = 1;
			return -1;
		}
		q += k;
		n -= k;
	}
	return 0;
}

int
zip_end(struct zip *z)
{
	struct zip_stream *st = &z->st;
	int r = -1;

	if (z->broken)
		goto out;
	if (st->how == ZIP_DEFLATE) {
		z->d.s.next_in = Z_NULL;
		z->d.s.avail_in = 0;
		if (stream_deflate(z, Z_FINISH) < 0)
			goto out;
	}
	if (write_header(z, st->name, st->how, st->crc,
	    spill_size(&st->data), st->usize) < 0 ||
	    spill_each(&st->data, emit_piece, z) < 0)
		goto out;
	r = 0;
out:
	if (r < 0)
		z->broken = 1;
	free(st->name);
	st->name = NULL;
	spill_free(&st->data);
	return r;
}

int
zip_close(struct zip *z)
{
	struct buf b = BUF_INIT;
	uint64_t start, dirsize;
	int r = -1;

	if (z->broken)
		goto out;
	start = z->off;
	dirsize = spill_size(&z->dir);
	if (start + dirsize + 22 > ZIP_LIMIT) {
		msg_err(NULL, 0, "the archive would pass 4 GiB");
		goto out;
	}
	if (spill_each(&z->dir, emit_piece, z) < 0)
		goto out;
	/* End of central directory. */
	put32(&b, 0x06054b50);
	put16(&b, 0);
	put16(&b, 0);
	put16(&b, (unsigned)z->n);
	put16(&b, (unsigned)z->n);
	put32(&b, (uint32_t)dirsize);
	put32(&b, (uint32_t)start);
	put16(&b, 0);
	r = emit(z, b.p, b.n);
out:
	buf_free(&b);
	zip_free(z);
	return r;
}

void
zip_free(struct zip *z)
{
	if (z == NULL)
		return;
	spill_free(&z->dir);
	free(z->st.name);
	spill_free(&z->st.data);
	free(z->st.chunk);
	buf_free(&z->out);
	deflater_end(&z->d);
	free(z);
}
