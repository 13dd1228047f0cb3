/*
 * spill.c: append-only byte streams that keep at most SPILL_MEM bytes
 * in memory and move to an unnamed temporary file (out_spool()) past
 * that, for what grows with the input but is read only at the end: a
 * book's contents and manifest, a ZIP's central directory.
 *
 * The bytes are the file's, then those of mem: spill_add() appends to
 * mem and, when mem would reach SPILL_MEM, writes mem to the file first
 * (and a piece as large as SPILL_MEM straight after it).  The file is
 * made at the first such write, so a small stream never touches the
 * disk.  Every message is printed once; the stream then refuses all.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "quire.h"

/* Write p[0..n) at the end of the file, making it first if need be. */
static int
spill_write(struct spill *s, const void *p, size_t n)
{
	if (s->fp == NULL && (s->fp = out_spool(NULL)) == NULL)
		return -1;
	errno = 0;
	/* After spill_each()'s reads, a write must seek first. */
	if (fseeko(s->fp, 0, SEEK_END) != 0 ||
	    fwrite(p, 1, n, s->fp) != n) {
		msg_err(NULL, 0, "temporary file: write error: %s",
		    strerror(errno ? errno : EIO));
		return -1;
	}
	s->nfile += n;
	return 0;
}

int
spill_add(struct spill *s, const void *p, size_t n)
{
	if (s->err)
		return -1;
	/* mem holds less than SPILL_MEM bytes, and its NUL. */
	if (s->mem.n + n >= SPILL_MEM) {
		if ((s->mem.n > 0 && spill_write(s, s->mem.p, s->mem.n) < 0) ||
		    (n >= SPILL_MEM && spill_write(s, p, n) < 0)) {
			s->err = 1;
			return -1;
		}
		buf_reset(&s->mem);
		if (n >= SPILL_MEM)
			return 0;
	}
	buf_add(&s->mem, p, n);
	return 0;
}

int
spill_each(struct spill *s, int (*fn)(void *, const void *, size_t),
    void *arg)
{
	char *chunk;
	uint64_t left = s->nfile;
	size_t k;
	int r = 0;

	if (s->err)
		return -1;
	if (s->fp != NULL) {
		if (fflush(s->fp) != 0 || fseeko(s->fp, 0, SEEK_SET) != 0) {
			msg_err(NULL, 0, "temporary file: write error: %s",
			    strerror(errno));
			s->err = 1;
			return -1;
		}
		chunk = xmalloc(SPILL_MEM);
		while (r == 0 && left > 0) {
			k = left > SPILL_MEM ? SPILL_MEM : (size_t)left;
			if (fread(chunk, 1, k, s->fp) != k) {
				msg_err(NULL, 0, "temporary file: read error");
				s->err = 1;
				r = -1;
				break;
			}
			left -= k;
			r = fn(arg, chunk, k);
		}
		free(chunk);
	}
	if (r == 0 && s->mem.n > 0)
		r = fn(arg, s->mem.p, s->mem.n);
	return r < 0 ? -1 : 0;
}

uint64_t
spill_size(const struct spill *s)
{
	return s->nfile + s->mem.n;
}

void
spill_free(struct spill *s)
{
	if (s->fp != NULL)
		fclose(s->fp);
	buf_free(&s->mem);
	memset(s, 0, sizeof(*s));
}
