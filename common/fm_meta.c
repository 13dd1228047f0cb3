/*
 * fm_meta.c: Pelican / MultiMarkdown metadata, "Key: value" lines
 * opening the file, into the tree of fm.h.
 *
 * The syntax is Python-Markdown's meta extension, which Pelican uses:
 * a key is letters, digits, '_' and '-' (up to 3 spaces before it),
 * then ':' and a space or the end of the line; a line indented by 4
 * spaces or a tab continues the value before it.  The block ends at
 * the first blank line (the body follows it) or at the first line of
 * neither kind (the body starts there).  Keys are lower-cased, as
 * Pelican does; values are strings (lines joined by newlines), their
 * list syntax (Tags: a, b) being the mapping's business.
 *
 * So that a Markdown file whose first line happens to read "Note:
 * this..." is not taken for metadata, a block counts only when one of
 * its keys is "title" or "date".
 */
#include <string.h>
#include <strings.h>

#include "fm.h"

/* The key of a metadata line at p: its length, or 0 if none. */
static size_t
meta_key(const char *p, const char *end, const char **key)
{
	const char *k = p;
	size_t i = 0;

	while (i < 3 && k < end && *k == ' ')
		k++, i++;
	for (p = k; p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
	    *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
	    *p == '-'); p++)
		;
	if (p == k || p >= end || *p != ':' ||
	    (p + 1 < end && p[1] != ' ' && p[1] != '\t' && p[1] != '\n'))
		return 0;
	*key = k;
	return (size_t)(p - k);
}

static int
continuation(const char *p, const char *end)
{
	return p < end && (*p == '\t' || (end - p >= 4 &&
	    memcmp(p, "    ", 4) == 0));
}

static int
blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p == end || *p == '\n';
}

/* Walk the block: its end (body offset) and its number of keys. */
static size_t
walk(const char *src, size_t n, size_t *nkeys, int *named)
{
	const char *p = src, *end = src + n, *nl, *key;
	size_t klen;

	*nkeys = 0;
	*named = 0;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl != NULL ? nl + 1 : end;
		if (blank(p, end))
			return (size_t)(nl - src);
		if ((klen = meta_key(p, end, &key)) > 0) {
			(*nkeys)++;
			if ((klen == 5 && strncasecmp(key, "title", 5) == 0) ||
			    (klen == 4 && strncasecmp(key, "date", 4) == 0))
				*named = 1;
		} else if (*nkeys == 0 || !continuation(p, end)) {
			break;
		}
		p = nl;
	}
	return (size_t)(p - src);
}

size_t
fm_meta_len(const char *src, size_t n)
{
	size_t nkeys, len;
	int named;

	len = walk(src, n, &nkeys, &named);
	return nkeys > 0 && named ? len : 0;
}

int
fm_meta_parse(struct fm_doc *doc, const char *text, size_t n,
    unsigned long line0)
{
	const char *p = text, *end, *nl, *key, *v, *ve;
	struct fm_node *root, *cur = NULL;
	struct buf val = BUF_INIT;
	unsigned long line = line0;
	size_t nkeys, klen, i;
	int named;

	end = text + walk(text, n, &nkeys, &named);
	if ((root = fm_nodes(doc, 1, line0)) == NULL)
		return -1;
	root->type = FM_MAP;
	root->line = line0;
	fm_doc_set_root(doc, root);
	if (nkeys == 0)
		return 0;
	if ((root->k = fm_nodes(doc, nkeys, line0)) == NULL ||
	    (root->v = fm_nodes(doc, nkeys, line0)) == NULL)
		return -1;
	for (; p < end; p = nl, line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		ve = nl != NULL ? nl : end;
		nl = nl != NULL ? nl + 1 : end;
		if (blank(p, end))
			break;
		if ((klen = meta_key(p, end, &key)) > 0) {
			if (cur != NULL && fm_set_str(doc, cur, val.p ? val.p :
			    "", val.n, 1, cur->line) < 0)
				goto fail;
			cur = &root->v[root->nv];
			if (fm_set_str(doc, &root->k[root->nv], key, klen, 0,
			    line) < 0)
				goto fail;
			for (i = 0; i < klen; i++)
				if (root->k[root->nv].s[i] >= 'A' &&
				    root->k[root->nv].s[i] <= 'Z')
					root->k[root->nv].s[i] += 'a' - 'A';
			root->nv++;
			cur->line = line;
			buf_reset(&val);
			v = key + klen + 1;
		} else {
			v = p;
			buf_addc(&val, '\n');
		}
		while (v < ve && (*v == ' ' || *v == '\t'))
			v++;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		buf_add(&val, v, (size_t)(ve - v));
	}
	if (cur != NULL && fm_set_str(doc, cur, val.p ? val.p : "", val.n, 1,
	    cur->line) < 0)
		goto fail;
	buf_free(&val);
	return 0;
fail:
	buf_free(&val);
	return -1;
}
