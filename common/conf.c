/* conf.c: flat YAML configuration files (site.yaml, book.yaml). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "quire.h"

struct conf_item {
	char           *key;
	char          **v;		/* the items, NULL-terminated */
	char           *joined;		/* the items joined by ", " */
	unsigned long   line;
};

/* Flow nesting allowed in a configuration file. */
#define CONF_DEPTH 32

struct conf {
	char             *path;
	struct conf_item *item;
	size_t            n;
};

static int
scalar(yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE;
}

struct conf *
conf_load(const char *path)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *k, *v, *it;
	yaml_node_pair_t *pair;
	yaml_node_item_t *item;
	struct conf *c = NULL;
	struct conf_item *ci;
	struct buf j = BUF_INIT, text = BUF_INIT;
	unsigned long deep;
	size_t nv;
	FILE *fp;
	int ok = 0;

	if ((fp = fopen(path, "rb")) == NULL) {
		msg_err(path, 0, "%s", strerror(errno));
		return NULL;
	}
	if (buf_slurp(&text, fp) < 0) {
		msg_err(path, 0, "%s", strerror(errno));
		fclose(fp);
		buf_free(&text);
		return NULL;
	}
	fclose(fp);
	if (text.p == NULL)
		buf_adds(&text, "");
	if (memchr(text.p, '\0', text.n) != NULL) {
		msg_err(path, 0, "NUL byte");
		buf_free(&text);
		return NULL;
	}
	if ((deep = conf_flow_depth(text.p, CONF_DEPTH)) > 0) {
		msg_err(path, deep, "nested more than %d deep", CONF_DEPTH);
		buf_free(&text);
		return NULL;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (unsigned char *)text.p, text.n);
	if (!yaml_parser_load(&parser, &doc)) {
		msg_err(path, parser.problem_mark.line + 1, "bad YAML: %s",
		    parser.problem ? parser.problem : "parse error");
		yaml_parser_delete(&parser);
		buf_free(&text);
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	root = yaml_document_get_root_node(&doc);
	if (root == NULL) {
		ok = 1;		/* an empty file configures nothing */
		goto done;
	}
	if (root->type != YAML_MAPPING_NODE) {
		msg_err(path, root->start_mark.line + 1,
		    "expected a mapping of keys to values");
		goto done;
	}
	for (pair = root->data.mapping.pairs.start;
	    pair < root->data.mapping.pairs.top; pair++) {
		k = yaml_document_get_node(&doc, pair->key);
		v = yaml_document_get_node(&doc, pair->value);
		if (!scalar(k)) {
			msg_err(path, k ? k->start_mark.line + 1 : 0,
			    "a key must be a string");
			goto done;
		}
		c->item = xreallocarray(c->item, c->n + 1, sizeof(*c->item));
		ci = &c->item[c->n++];
		memset(ci, 0, sizeof(*ci));
		ci->key = xstrndup((char *)k->data.scalar.value,
		    k->data.scalar.length);
		ci->line = k->start_mark.line + 1;
		if (scalar(v)) {
			ci->v = xcalloc(2, sizeof(*ci->v));
			ci->v[0] = xstrndup((char *)v->data.scalar.value,
			    v->data.scalar.length);
		} else if (v != NULL && v->type == YAML_SEQUENCE_NODE) {
			nv = (size_t)(v->data.sequence.items.top -
			    v->data.sequence.items.start);
			ci->v = xcalloc(nv + 1, sizeof(*ci->v));
			nv = 0;
			for (item = v->data.sequence.items.start;
			    item < v->data.sequence.items.top; item++) {
				it = yaml_document_get_node(&doc, *item);
				if (!scalar(it)) {
					msg_err(path, ci->line, "key '%s': "
					    "list items must be strings",
					    ci->key);
					goto done;
				}
				ci->v[nv++] = xstrndup(
				    (char *)it->data.scalar.value,
				    it->data.scalar.length);
			}
		} else {
			msg_err(path, ci->line, "key '%s': expected a string "
			    "or a list of strings", ci->key);
			goto done;
		}
		buf_reset(&j);
		for (nv = 0; ci->v[nv] != NULL; nv++) {
			if (nv > 0)
				buf_adds(&j, ", ");
			buf_adds(&j, ci->v[nv]);
		}
		ci->joined = xstrndup(j.p ? j.p : "", j.n);
	}
	ok = 1;
done:
	buf_free(&j);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	buf_free(&text);
	if (!ok) {
		conf_free(c);
		return NULL;
	}
	return c;
}

static const struct conf_item *
find(const struct conf *c, const char *key)
{
	size_t i;

	if (c == NULL)
		return NULL;
	/* The last of duplicate keys wins, as options do. */
	for (i = c->n; i-- > 0; )
		if (strcmp(c->item[i].key, key) == 0)
			return &c->item[i];
	return NULL;
}

const char *
conf_get(const struct conf *c, const char *key)
{
	const struct conf_item *ci = find(c, key);

	return ci != NULL ? ci->joined : NULL;
}

const char *
conf_list(const struct conf *c, const char *key, size_t i)
{
	const struct conf_item *ci = find(c, key);
	size_t k;

	if (ci == NULL)
		return NULL;
	for (k = 0; k < i; k++)
		if (ci->v[k] == NULL)
			return NULL;
	return ci->v[i];
}

int
conf_check(const struct conf *c, const char *const *known)
{
	const char *const *k;
	size_t i;
	int bad = 0;

	if (c == NULL)
		return 0;
	for (i = 0; i < c->n; i++) {
		for (k = known; *k != NULL; k++)
			if (strcmp(*k, c->item[i].key) == 0)
				break;
		if (*k == NULL) {
			msg_err(c->path, c->item[i].line, "unknown key '%s'",
			    c->item[i].key);
			bad++;
		}
	}
	return bad;
}

void
conf_free(struct conf *c)
{
	size_t i, k;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->item[i].key);
		if (c->item[i].v != NULL)
			for (k = 0; c->item[i].v[k] != NULL; k++)
				free(c->item[i].v[k]);
		free(c->item[i].v);
		free(c->item[i].joined);
	}
	free(c->item);
	free(c->path);
	free(c);
}

/*
 * libyaml takes time quadratic in the nesting of flow collections
 * ("[[[[..."): each token it scans walks the stack of the flow levels
 * open.  So measure the nesting with libyaml's own scanner, token by
 * token, and stop as soon as it passes max: the scan never holds more
 * than max + 1 levels, so it is linear, and it sees exactly what the
 * parser will (a quote inside a plain scalar, "it"s", opens nothing).
 * Block collections count too.  A scanner error is left for the
 * parser to report.
 */
unsigned long
conf_flow_depth(const char *s, int max)
{
	yaml_parser_t parser;
	yaml_token_t tok;
	unsigned long line = 0;
	int depth = 0, done = 0;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)s,
	    strlen(s));
	while (!done) {
		if (!yaml_parser_scan(&parser, &tok))
			break;
		switch (tok.type) {
		case YAML_FLOW_SEQUENCE_START_TOKEN:
		case YAML_FLOW_MAPPING_START_TOKEN:
		case YAML_BLOCK_SEQUENCE_START_TOKEN:
		case YAML_BLOCK_MAPPING_START_TOKEN:
			if (++depth > max) {
				line = tok.start_mark.line + 1;
				done = 1;
			}
			break;
		case YAML_FLOW_SEQUENCE_END_TOKEN:
		case YAML_FLOW_MAPPING_END_TOKEN:
		case YAML_BLOCK_END_TOKEN:
			if (depth > 0)
				depth--;
			break;
		case YAML_STREAM_END_TOKEN:
			done = 1;
			break;
		default:
			break;
		}
		yaml_token_delete(&tok);
	}
	yaml_parser_delete(&parser);
	return line;
}
