/*
 * fm_yaml.c: YAML front matter and configuration files, through
 * libyaml, into the tree of fm.h.
 *
 * Read as YAML 1.1 is: a plain "", "~" or "null" (any case) is a
 * null, not text; merge keys "<<" (a mapping, or a list of them)
 * apply, explicit keys winning over merged ones and earlier merged
 * mappings over later ones; aliases are expanded, each copy counted
 * against FM_MAXNODES and FM_MAXEXPAND, so that a small text can never
 * grow into a large tree.  Flow nesting is measured before libyaml
 * sees the text (conf_flow_depth), since its time is quadratic in it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "fm.h"

/* libyaml's limit on a plain (simple) key, in characters. */
#define YAML_KEYMAX 1024

struct yctx {
	struct fm_doc   *doc;
	yaml_document_t *y;
	unsigned long    line0;
};

static int conv(struct yctx *c, yaml_node_t *n, struct fm_node *out,
    int depth);

static unsigned long
yline(const struct yctx *c, const yaml_node_t *n)
{
	return c->line0 + (n != NULL ? n->start_mark.line : 0);
}

static int
is_plain(const yaml_node_t *n)
{
	return n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ||
	    n->data.scalar.style == YAML_ANY_SCALAR_STYLE;
}

/* A null: tagged !!null, or a plain "", "~", "null", "Null", "NULL". */
static int
is_null(const yaml_node_t *n)
{
	const char *v = (const char *)n->data.scalar.value;

	if (n->tag != NULL && strcmp((const char *)n->tag, YAML_NULL_TAG) == 0)
		return 1;
	if (!is_plain(n) || (n->tag != NULL &&
	    strcmp((const char *)n->tag, YAML_STR_TAG) != 0))
		return 0;
	return n->data.scalar.length == 0 || strcmp(v, "~") == 0 ||
	    strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
	    strcmp(v, "NULL") == 0;
}

/* A merge key: a plain "<<", or one tagged !!merge. */
static int
is_merge(const yaml_node_t *k)
{
	if (k == NULL || k->type != YAML_SCALAR_NODE)
		return 0;
	if (k->tag != NULL &&
	    strcmp((const char *)k->tag, "tag:yaml.org,2002:merge") == 0)
		return 1;
	return is_plain(k) && k->data.scalar.length == 2 &&
	    memcmp(k->data.scalar.value, "<<", 2) == 0;
}

/* Pairs of a mapping under construction (malloc'd, copied at the end). */
struct pairs {
	struct fm_node *k, *v;
	size_t          n, cap;
	struct idset    seen;		/* string keys so far */
};

static void
pairs_add(struct pairs *p, const struct fm_node *k, const struct fm_node *v)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->k = xreallocarray(p->k, p->cap, sizeof(*p->k));
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->k[p->n] = *k;
	p->v[p->n] = *v;
	p->n++;
}

/* Merge the pairs of map (converted) whose keys p has not seen. */
static void
merge_from(struct pairs *p, const struct fm_node *map)
{
	size_t i;

	for (i = 0; i < map->nv; i++)
		if (map->k[i].type != FM_STR ||
		    idset_add(&p->seen, map->k[i].s, map->k[i].n))
			pairs_add(p, &map->k[i], &map->v[i]);
}

static int
conv_map(struct yctx *c, yaml_node_t *n, struct fm_node *out, int depth)
{
	struct pairs p = { NULL, NULL, 0, 0, IDSET_INIT };
	struct fm_node k, v, src;
	yaml_node_pair_t *pr;
	yaml_node_item_t *it;
	yaml_node_t *kn, *vn, *m;
	int rc = -1, pass;

	/* Explicit keys first, then the merged ones under them. */
	for (pass = 0; pass < 2; pass++) {
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top; pr++) {
			kn = yaml_document_get_node(c->y, pr->key);
			vn = yaml_document_get_node(c->y, pr->value);
			if (is_merge(kn) != pass)
				continue;
			if (pass == 0) {
				if (conv(c, kn, &k, depth + 1) < 0 ||
				    conv(c, vn, &v, depth + 1) < 0)
					goto out;
				if (k.type == FM_STR)
					idset_add(&p.seen, k.s, k.n);
				pairs_add(&p, &k, &v);
				continue;
			}
			if (vn != NULL && vn->type == YAML_MAPPING_NODE) {
				if (conv(c, vn, &src, depth + 1) < 0)
					goto out;
				merge_from(&p, &src);
				continue;
			}
			if (vn != NULL && vn->type == YAML_SEQUENCE_NODE) {
				for (it = vn->data.sequence.items.start;
				    it < vn->data.sequence.items.top; it++) {
					m = yaml_document_get_node(c->y, *it);
					if (m == NULL ||
					    m->type != YAML_MAPPING_NODE)
						break;
					if (conv(c, m, &src, depth + 2) < 0)
						goto out;
					merge_from(&p, &src);
				}
				if (it == vn->data.sequence.items.top)
					continue;
			}
			msg_err(fm_doc_file(c->doc), yline(c, kn), "merge key "
			    "'<<': the value must be a mapping or a list of "
			    "mappings");
			goto out;
		}
	}
	out->type = FM_MAP;
	out->line = yline(c, n);
	out->nv = p.n;
	if (p.n > 0) {
		if ((out->k = fm_nodes(c->doc, p.n, out->line)) == NULL ||
		    (out->v = fm_nodes(c->doc, p.n, out->line)) == NULL)
			goto out;
		memcpy(out->k, p.k, p.n * sizeof(*p.k));
		memcpy(out->v, p.v, p.n * sizeof(*p.v));
	}
	rc = 0;
out:
	free(p.k);
	free(p.v);
	idset_free(&p.seen);
	return rc;
}

static int
conv(struct yctx *c, yaml_node_t *n, struct fm_node *out, int depth)
{
	yaml_node_item_t *it;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (n == NULL) {
		out->type = FM_NULL;
		return 0;
	}
	out->line = yline(c, n);
	if (depth > FM_DEPTH) {
		msg_err(fm_doc_file(c->doc), out->line, "%s nested more than "
		    "%d deep", fm_doc_what(c->doc), FM_DEPTH);
		return -1;
	}
	switch (n->type) {
	case YAML_SCALAR_NODE:
		if (is_null(n)) {
			out->type = FM_NULL;
			return 0;
		}
		return fm_set_str(c->doc, out,
		    (const char *)n->data.scalar.value, n->data.scalar.length,
		    is_plain(n), out->line);
	case YAML_SEQUENCE_NODE:
		out->type = FM_LIST;
		out->nv = (size_t)(n->data.sequence.items.top -
		    n->data.sequence.items.start);
		if (out->nv == 0)
			return 0;
		if ((out->v = fm_nodes(c->doc, out->nv, out->line)) == NULL)
			return -1;
		for (it = n->data.sequence.items.start, i = 0;
		    it < n->data.sequence.items.top; it++, i++)
			if (conv(c, yaml_document_get_node(c->y, *it),
			    &out->v[i], depth + 1) < 0)
				return -1;
		return 0;
	case YAML_MAPPING_NODE:
		return conv_map(c, n, out, depth);
	default:
		out->type = FM_NULL;
		return 0;
	}
}

/*
 * libyaml refuses a plain key longer than YAML_KEYMAX characters with
 * "could not find expected ':'", which names no limit: say which.
 */
static int
long_key(const char *text, size_t n, size_t line)
{
	const char *p = text, *end = text + n, *nl;
	size_t len, chars = 0;

	while (line-- > 0 && p < end)
		if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		else
			p++;
	nl = memchr(p, '\n', (size_t)(end - p));
	len = (size_t)((nl != NULL ? nl : end) - p);
	while (len-- > 0)
		if ((*p++ & 0xc0) != 0x80)
			chars++;
	return chars > YAML_KEYMAX;
}

int
fm_yaml_parse(struct fm_doc *doc, const char *text, size_t n,
    unsigned long line0)
{
	yaml_parser_t parser;
	yaml_document_t y;
	struct yctx c;
	struct fm_node *root;
	unsigned long deep;
	int rc = -1;

	deep = conf_flow_depth(text, n, FM_DEPTH);
	if (deep > 0) {
		msg_err(fm_doc_file(doc), line0 + deep - 1, "%s nested more "
		    "than %d deep", fm_doc_what(doc), FM_DEPTH);
		return -1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, n);
	if (!yaml_parser_load(&parser, &y)) {
		if (parser.context != NULL &&
		    strcmp(parser.context, "while scanning a simple key") == 0 &&
		    long_key(text, n, parser.context_mark.line))
			msg_err(fm_doc_file(doc),
			    line0 + parser.context_mark.line, "bad YAML: a "
			    "key longer than %d characters, libyaml's limit "
			    "for an implicit key (write '? ' before a longer "
			    "key)",
			    YAML_KEYMAX);
		else
			msg_err(fm_doc_file(doc),
			    line0 + parser.problem_mark.line, "bad YAML: "
			    "%s%s%s", parser.problem ? parser.problem :
			    "parse error", parser.context ? " " : "",
			    parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return -1;
	}
	yaml_parser_delete(&parser);
	c.doc = doc;
	c.y = &y;
	c.line0 = line0;
	if (yaml_document_get_root_node(&y) == NULL) {
		rc = 0;		/* empty: a null root */
		goto out;
	}
	if ((root = fm_nodes(doc, 1, line0)) == NULL)
		goto out;
	if (conv(&c, yaml_document_get_root_node(&y), root, 0) < 0)
		goto out;
	fm_doc_set_root(doc, root);
	rc = 0;
out:
	yaml_document_delete(&y);
	return rc;
}
