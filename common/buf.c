/* buf.c: growable byte buffers. */
#include <stdlib.h>
#include <string.h>

#include "quire.h"

void
buf_grow(struct buf *b, size_t n)
{
	size_t cap;

	if (n > SIZE_MAX - b->n - 1)
		msg_oom();
	if (b->n + n + 1 <= b->cap)
		return;
	/* Double, so that appending byte by byte stays linear. */
	cap = b->cap ? b->cap : 64;
	while (cap < b->n + n + 1) {
		if (cap > SIZE_MAX / 2) {
			cap = b->n + n + 1;
			break;
		}
		cap *= 2;
	}
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n >= b->cap - b->n)		/* no room for n bytes and the NUL */
		buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		msg_oom();
	buf_grow(b, (size_t)n);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	b->n += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->n = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

int
buf_slurp(struct buf *b, FILE *fp)
{
	size_t got;

	for (;;) {
		buf_grow(b, 65536);
		got = fread(b->p + b->n, 1, b->cap - b->n - 1, fp);
		b->n += got;
		b->p[b->n] = '\0';
		if (got == 0)
			break;
	}
	return ferror(fp) ? -1 : 0;
}

const char *
mem_find(const char *s, size_t n, const char *pat, size_t k)
{
	const char *p = s, *end = s + n;

	if (k == 0)
		return s;
	while ((size_t)(end - p) >= k && (p = memchr(p, pat[0],
	    (size_t)(end - p) - k + 1)) != NULL) {
		if (memcmp(p, pat, k) == 0)
			return p;
		p++;
	}
	return NULL;
}
