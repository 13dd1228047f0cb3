/*
 * authors.h: a site's table of authors (authors.c), so that a post can
 * name its authors by key: Docusaurus's authors.yml, Hugo's
 * data/authors.yaml or data/authors/KEY.yaml, in any dialect fm.h
 * reads.
 */
#ifndef AUTHORS_H
#define AUTHORS_H

#include "fm.h"

struct authors;

/*
 * Load the table at path: a file whose root maps each key to an
 * author (a mapping with name, email, url... or a bare name), or a
 * folder whose files KEY.yaml, KEY.toml or KEY.json each hold one
 * author.  Returns 0 and *a, or -1 after printing
 * "prog: path:line: reason".  authors_free() releases it.
 */
int authors_load(const char *path, struct authors **a);

/*
 * The author of key (exact match) as IR field 7 writes one:
 * "Name <email>", else "Name <url>", else "Name"; NULL when the table
 * has no such key (or a is NULL).  Owned by the table.
 */
const char *authors_get(const struct authors *a, const char *key);

void authors_free(struct authors *a);

#endif
