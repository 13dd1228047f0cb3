/*
 * arena.c: the per-issue arena allocator for cmark-gfm (arena.h).
 *
 * Small blocks are carved from 64 KiB chunks, each after a 16-byte
 * header that holds its size; freeing one is a no-op unless it is the
 * last carved (then its room is taken back), and growing the last one
 * grows it in place.  Blocks of BIG bytes or more are malloc(3)ed one
 * by one on a list.  arena_end() frees the list and every chunk but
 * the first, which the next issue reuses.  The bytes asked for are
 * counted, and past a budget (arena_arm()) the allocation longjmp()s
 * out of cmark-gfm instead of returning.
 *
 * Under AddressSanitizer every block takes the malloc(3) path, so that
 * the sanitizer still sees each block's bounds and its lifetime.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quire.h"
#include "arena.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#endif

#define CHUNK	(64 * 1024)
#define BIG	(16 * 1024)
#ifdef ARENA_ASAN
#define IS_BIG(n)	((void)(n), 1)
#else
#define IS_BIG(n)	((n) >= BIG)
#endif

struct hdr {			/* before every block: 16 bytes */
	size_t size;
	size_t big;
};

struct bigblk {			/* a block of BIG bytes or more */
	struct bigblk *prev, *next;
	struct hdr     h;
};

struct chunk {
	struct chunk *next;
	size_t        pad;	/* the blocks stay 16-byte aligned */
};

static _Thread_local struct arena {
	struct chunk  *chunks;	/* newest first; the last is kept */
	char          *cur, *end;
	char          *last;	/* the last small block carved */
	struct bigblk *bigs;
	size_t         spent;	/* bytes asked for since arena_end() */
	size_t         budget;	/* while bail is set */
	jmp_buf       *bail;
} A;

#define ROUND(n)	(((n) + 15) & ~(size_t)15)

/* Put b, of n bytes, first on the list; its block. */
static void *
big_link(struct bigblk *b, size_t n)
{
	b->prev = NULL;
	b->next = A.bigs;
	if (A.bigs != NULL)
		A.bigs->prev = b;
	A.bigs = b;
	b->h.size = n;
	b->h.big = 1;
	return b + 1;
}

static void *
big_alloc(size_t n)
{
	struct bigblk *b;

	if (n > SIZE_MAX - sizeof(*b) || (b = malloc(sizeof(*b) + n)) == NULL)
		msg_oom();
	return big_link(b, n);
}

static void
big_unlink(struct bigblk *b)
{
	if (b->prev != NULL)
		b->prev->next = b->next;
	else
		A.bigs = b->next;
	if (b->next != NULL)
		b->next->prev = b->prev;
}

/* Count n more bytes; past the budget, leave for A.bail. */
static void
spend(size_t n)
{
	jmp_buf *bail = A.bail;

	if (bail != NULL && n > A.budget - A.spent) {
		A.bail = NULL;
		longjmp(*bail, 1);
	}
	A.spent += n;
}

static void *
arena_alloc(size_t n)
{
	size_t need;
	struct chunk *c;
	struct hdr *h;

	spend(n);
	if (IS_BIG(n))
		return big_alloc(n);
	need = sizeof(struct hdr) + ROUND(n);
	if (A.cur == NULL || (size_t)(A.end - A.cur) < need) {
		if ((c = malloc(CHUNK)) == NULL)
			msg_oom();
		c->next = A.chunks;
		A.chunks = c;
		A.cur = (char *)(c + 1);
		A.end = (char *)c + CHUNK;
	}
	h = (struct hdr *)A.cur;
	h->size = n;
	h->big = 0;
	A.cur += need;
	A.last = (char *)(h + 1);
	return A.last;
}

static void
arena_release(void *p)
{
	struct hdr *h;

	if (p == NULL)
		return;
	h = (struct hdr *)p - 1;
	if (h->big) {
		struct bigblk *b = (struct bigblk *)p - 1;

		big_unlink(b);
		free(b);
	} else if (p == A.last) {
		A.cur = (char *)h;
		A.last = NULL;
	}
}

static void *
arena_calloc(size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size)
		msg_oom();
	p = arena_alloc(count * size);
	memset(p, 0, count * size);
	return p;
}

static void *
arena_realloc(void *p, size_t n)
{
	struct hdr *h;
	void *q;

	if (p == NULL)
		return arena_alloc(n);
	h = (struct hdr *)p - 1;
	if (h->big) {
		struct bigblk *b = (struct bigblk *)p - 1, *nb;

		if (n > b->h.size)
			spend(n - b->h.size);
		big_unlink(b);
		if (n > SIZE_MAX - sizeof(*b) ||
		    (nb = realloc(b, sizeof(*b) + n)) == NULL)
			msg_oom();
		return big_link(nb, n);
	}
	if (n <= h->size)
		return p;
	/* The last block grows where it is while its chunk has room. */
	if (p == A.last && !IS_BIG(n) &&
	    ROUND(n) - ROUND(h->size) <= (size_t)(A.end - A.cur)) {
		spend(n - h->size);
		A.cur += ROUND(n) - ROUND(h->size);
		h->size = n;
		return p;
	}
	q = arena_alloc(n);
	memcpy(q, p, h->size);
	return q;
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_release };

cmark_mem *
arena_begin(void)
{
	return &arena_mem;
}

void
arena_end(void)
{
	struct chunk *c, *next;
	struct bigblk *b, *bn;

	for (b = A.bigs; b != NULL; b = bn) {
		bn = b->next;
		free(b);
	}
	A.bigs = NULL;
	/* Keep the oldest chunk for the next issue. */
	for (c = A.chunks; c != NULL && c->next != NULL; c = next) {
		next = c->next;
		free(c);
	}
	A.chunks = c;
	A.spent = 0;
	A.bail = NULL;
	A.cur = c != NULL ? (char *)(c + 1) : NULL;
	A.end = c != NULL ? (char *)c + CHUNK : NULL;
	A.last = NULL;
}

void
arena_arm(jmp_buf *bail, size_t budget)
{
	A.budget = budget > A.spent ? budget : A.spent;
	A.bail = bail;
}

void
arena_disarm(void)
{
	A.bail = NULL;
}
