/*
 * authors.c: a site's table of authors by key (authors.h).
 *
 * Entries are kept sorted by key, so a lookup is a binary search.  An
 * author's name is its "name" (or Hugo's "displayName", else the key);
 * its address its "email", else its "url" (Docusaurus) or "link".
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "authors.h"

struct entry {
	char *key;
	char *value;		/* "Name <address>" */
};

struct authors {
	struct entry *e;
	size_t        n, cap;
};

static const char *
str(const struct fm_node *map, const char *key)
{
	const struct fm_node *v = fm_get(map, key);

	return v != NULL && v->type == FM_STR && v->n > 0 ? v->s : NULL;
}

/* Add the author node under key: a mapping or a bare name. */
static void
add(struct authors *a, const char *key, size_t nkey,
    const struct fm_node *n)
{
	struct buf b = BUF_INIT;
	const char *name = NULL, *addr = NULL;

	if (n->type == FM_MAP) {
		if ((name = str(n, "name")) == NULL)
			name = str(n, "displayName");
		if ((addr = str(n, "email")) == NULL &&
		    (addr = str(n, "url")) == NULL)
			addr = str(n, "link");
	} else if (n->type == FM_STR) {
		name = n->s;
	}
	if (name != NULL)
		buf_adds(&b, name);
	else
		buf_add(&b, key, nkey);
	if (addr != NULL)
		buf_printf(&b, " <%s>", addr);
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->e = xreallocarray(a->e, a->cap, sizeof(*a->e));
	}
	a->e[a->n].key = xstrndup(key, nkey);
	a->e[a->n].value = b.p;
	a->n++;
}

static int
cmp(const void *x, const void *y)
{
	return strcmp(((const struct entry *)x)->key,
	    ((const struct entry *)y)->key);
}

/* One file of a folder: its stem is the key. */
static int
load_one(struct authors *a, const char *dir, const char *name)
{
	struct fm_doc *doc;
	struct buf path = BUF_INIT;
	const char *dot = strrchr(name, '.');
	int rc;

	buf_printf(&path, "%s/%s", dir, name);
	if ((rc = fm_load_file(path.p, &doc)) == 0) {
		add(a, name, (size_t)(dot - name), fm_root(doc));
		fm_free(doc);
	}
	buf_free(&path);
	return rc;
}

static int
load_dir(struct authors *a, const char *path)
{
	struct dirent *de;
	const char *dot;
	DIR *d;
	int rc = 0;

	if ((d = opendir(path)) == NULL) {
		msg_err(path, 0, "%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		dot = strrchr(de->d_name, '.');
		if (de->d_name[0] == '.' || dot == NULL || dot == de->d_name ||
		    (strcasecmp(dot, ".yaml") != 0 &&
		    strcasecmp(dot, ".yml") != 0 &&
		    strcasecmp(dot, ".toml") != 0 &&
		    strcasecmp(dot, ".json") != 0))
			continue;
		if (load_one(a, path, de->d_name) < 0)
			rc = -1;
	}
	closedir(d);
	return rc;
}

int
authors_load(const char *path, struct authors **ap)
{
	struct authors *a = xcalloc(1, sizeof(*a));
	const struct fm_node *root;
	struct fm_doc *doc;
	struct stat st;
	size_t i;
	int rc;

	*ap = NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = load_dir(a, path);
	} else if ((rc = fm_load_file(path, &doc)) == 0) {
		root = fm_root(doc);
		for (i = 0; root->type == FM_MAP && i < root->nv; i++)
			if (root->k[i].type == FM_STR)
				add(a, root->k[i].s, root->k[i].n, &root->v[i]);
		fm_free(doc);
	}
	if (rc < 0) {
		authors_free(a);
		return -1;
	}
	if (a->n > 0)
		qsort(a->e, a->n, sizeof(*a->e), cmp);
	*ap = a;
	return 0;
}

const char *
authors_get(const struct authors *a, const char *key)
{
	struct entry k, *e;

	if (a == NULL || a->n == 0)
		return NULL;
	k.key = (char *)(uintptr_t)key;
	e = bsearch(&k, a->e, a->n, sizeof(*a->e), cmp);
	return e != NULL ? e->value : NULL;
}

void
authors_free(struct authors *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->e[i].key);
		free(a->e[i].value);
	}
	free(a->e);
	free(a);
}
