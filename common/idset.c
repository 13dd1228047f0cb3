/* idset.c: a set of strings kept as 64-bit hashes, open addressing. */
#include <stdlib.h>

#include "quire.h"

int
idset_add(struct idset *s, const char *p, size_t n)
{
	uint64_t h = hash64(p, n), *old;
	size_t i, oldcap;

	if (h == 0)
		h = 1;		/* 0 marks an empty slot */
	if (4 * (s->n + 1) > 3 * s->cap) {	/* at most 3/4 full */
		old = s->slot;
		oldcap = s->cap;
		s->cap = oldcap ? 2 * oldcap : 64;
		s->slot = xcalloc(s->cap, sizeof(*s->slot));
		s->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0) {
				size_t j = old[i] & (s->cap - 1);

				while (s->slot[j] != 0)
					j = (j + 1) & (s->cap - 1);
				s->slot[j] = old[i];
				s->n++;
			}
		free(old);
	}
	for (i = h & (s->cap - 1); s->slot[i] != 0; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == h)
			return 0;
	s->slot[i] = h;
	s->n++;
	return 1;
}

void
idset_free(struct idset *s)
{
	free(s->slot);
	s->slot = NULL;
	s->n = s->cap = 0;
}
