/*
 * fm_json.c: JSON front matter (an object opening the file, as Hugo
 * reads it) and configuration files, through jansson, into the tree
 * of fm.h.
 *
 * Objects keep the order their keys were written in; a key given
 * twice is an error (JSON_REJECT_DUPLICATES); "\u0000" is refused.
 * Strings are strings; numbers and booleans are their text with plain
 * set; null is a null.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "fm.h"

struct jctx {
	struct fm_doc *doc;
	unsigned long  line;	/* jansson keeps no line per value */
};

static int
conv(struct jctx *c, json_t *j, struct fm_node *out, int depth)
{
	const char *key;
	json_t *v;
	char b[64];
	size_t i;

	memset(out, 0, sizeof(*out));
	out->line = c->line;
	if (depth > FM_DEPTH) {
		msg_err(fm_doc_file(c->doc), c->line, "%s nested more than "
		    "%d deep", fm_doc_what(c->doc), FM_DEPTH);
		return -1;
	}
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		out->type = FM_MAP;
		out->nv = json_object_size(j);
		if (out->nv == 0)
			return 0;
		if ((out->k = fm_nodes(c->doc, out->nv, c->line)) == NULL ||
		    (out->v = fm_nodes(c->doc, out->nv, c->line)) == NULL)
			return -1;
		i = 0;
		json_object_foreach(j, key, v) {
			if (fm_set_str(c->doc, &out->k[i], key, strlen(key), 0,
			    c->line) < 0 ||
			    conv(c, v, &out->v[i], depth + 1) < 0)
				return -1;
			i++;
		}
		return 0;
	case JSON_ARRAY:
		out->type = FM_LIST;
		out->nv = json_array_size(j);
		if (out->nv == 0)
			return 0;
		if ((out->v = fm_nodes(c->doc, out->nv, c->line)) == NULL)
			return -1;
		for (i = 0; i < out->nv; i++)
			if (conv(c, json_array_get(j, i), &out->v[i],
			    depth + 1) < 0)
				return -1;
		return 0;
	case JSON_STRING:
		return fm_set_str(c->doc, out, json_string_value(j),
		    json_string_length(j), 0, c->line);
	case JSON_INTEGER:
		snprintf(b, sizeof(b), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(j));
		return fm_set_str(c->doc, out, b, strlen(b), 1, c->line);
	case JSON_REAL:
		snprintf(b, sizeof(b), "%.17g", json_real_value(j));
		return fm_set_str(c->doc, out, b, strlen(b), 1, c->line);
	case JSON_TRUE:
		return fm_set_str(c->doc, out, "true", 4, 1, c->line);
	case JSON_FALSE:
		return fm_set_str(c->doc, out, "false", 5, 1, c->line);
	default:
		out->type = FM_NULL;
		return 0;
	}
}

int
fm_json_parse(struct fm_doc *doc, const char *text, size_t n,
    unsigned long line0)
{
	json_error_t err;
	struct jctx c;
	struct fm_node *root;
	struct buf b = BUF_INIT;
	json_t *j;
	size_t i;
	int rc = -1;

	j = json_loadb(text, n, JSON_REJECT_DUPLICATES | JSON_DISABLE_EOF_CHECK,
	    &err);
	if (j == NULL) {
		fm_show(&b, err.text, strlen(err.text), 200);
		msg_err(fm_doc_file(doc), err.line > 0 ? line0 +
		    (unsigned long)err.line - 1 : line0, "bad JSON: %s",
		    b.p != NULL ? b.p : "parse error");
		buf_free(&b);
		return -1;
	}
	/* Nothing but white space may follow the object. */
	for (i = (size_t)err.position; i < n && text[i] != '\0' &&
	    strchr(" \t\r\n", text[i]) != NULL; i++)
		;
	if (i < n) {
		msg_err(fm_doc_file(doc), line0, "bad JSON: text after the "
		    "object");
		json_decref(j);
		return -1;
	}
	c.doc = doc;
	c.line = line0;
	if ((root = fm_nodes(doc, 1, line0)) != NULL &&
	    conv(&c, j, root, 0) == 0) {
		fm_doc_set_root(doc, root);
		rc = 0;
	}
	json_decref(j);
	return rc;
}
