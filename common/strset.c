/*
 * strset.c: an exact set of strings with a counter each, open
 * addressing on a 64-bit FNV-1a hash; used where a scan per item would
 * make a loop quadratic (de-duplicated terms, unique ids).
 */
#include <stdlib.h>
#include <string.h>

#include "quire.h"

/* Slot of p[0..n) with hash h: its own, or the empty one to take. */
static struct strset_slot *
find(const struct strset *s, const char *p, size_t n, uint64_t h)
{
	size_t i;

	for (i = h & (s->cap - 1); s->slot[i].s != NULL;
	    i = (i + 1) & (s->cap - 1))
		if (s->slot[i].h == h && s->slot[i].n == n &&
		    memcmp(s->slot[i].s, p, n) == 0)
			break;
	return &s->slot[i];
}

struct strset_slot *
strset_get(struct strset *s, const char *p, size_t n, int add)
{
	struct strset_slot *old, *e;
	uint64_t h = hash64(p, n);
	size_t i, oldcap;

	if (s->cap == 0 && !add)
		return NULL;
	if (add && 4 * (s->n + 1) > 3 * s->cap) {	/* at most 3/4 full */
		old = s->slot;
		oldcap = s->cap;
		s->cap = oldcap ? 2 * oldcap : 64;
		s->slot = xcalloc(s->cap, sizeof(*s->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i].s != NULL)
				*find(s, old[i].s, old[i].n, old[i].h) = old[i];
		free(old);
	}
	e = find(s, p, n, h);
	if (e->s != NULL || !add)
		return e->s != NULL ? e : NULL;
	e->s = xstrndup(p, n);
	e->n = n;
	e->h = h;
	e->val = 0;
	s->n++;
	return e;
}

int
strset_add(struct strset *s, const char *p, size_t n)
{
	size_t before = s->n;

	strset_get(s, p, n, 1);
	return s->n != before;
}

void
strset_reset(struct strset *s)
{
	size_t i;

	/* A big table is freed, so that a reset costs O(small). */
	if (s->cap > 1024) {
		strset_free(s);
		return;
	}
	for (i = 0; i < s->cap; i++) {
		free(s->slot[i].s);
		s->slot[i].s = NULL;
	}
	s->n = 0;
}

void
strset_free(struct strset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->slot[i].s);
	free(s->slot);
	s->slot = NULL;
	s->n = s->cap = 0;
}
