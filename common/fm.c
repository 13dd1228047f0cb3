/*
 * fm.c: front matter as one tree, whatever its dialect (fm.h).
 *
 * Finding the front matter, dispatching to a dialect through one
 * table, the arena that owns a document's nodes, lookups, and the
 * tree written as JSON.  The dialects are in fm_yaml.c, fm_toml.cc,
 * fm_json.c and fm_meta.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fm.h"

/* One row a dialect: adding a dialect adds a row and a file. */
static const struct {
	enum fm_dialect  d;
	const char      *name;
	const char      *suffix[3];	/* of configuration files */
	fm_parse_fn     *parse;
} fm_dialects[] = {
	{ FM_YAML, "YAML", { ".yaml", ".yml", NULL }, fm_yaml_parse },
	{ FM_TOML, "TOML", { ".toml", NULL, NULL }, fm_toml_parse },
	{ FM_JSON, "JSON", { ".json", NULL, NULL }, fm_json_parse },
	{ FM_META, "metadata", { NULL, NULL, NULL }, fm_meta_parse },
};
#define NDIALECTS (sizeof(fm_dialects) / sizeof(fm_dialects[0]))

/* Arena chunks: nodes and strings live until fm_free(). */
struct chunk {
	struct chunk *next;
	size_t        used, cap;
	/* max_align_t alignment for the nodes carved from it */
	union {
		long double ld;
		void       *p;
		long long   ll;
	} data[];
};

struct fm_doc {
	struct fm_node  *root;
	struct fm_node   null;		/* the root of an empty text */
	struct chunk    *chunks;
	char            *file;
	const char      *what;		/* "front matter" or "configuration" */
	size_t           nodes;		/* counted against FM_MAXNODES */
	size_t           bytes;		/* against FM_MAXEXPAND */
};

const char *
fm_dialect_name(enum fm_dialect d)
{
	size_t i;

	for (i = 0; i < NDIALECTS; i++)
		if (fm_dialects[i].d == d)
			return fm_dialects[i].name;
	return "none";
}

/* Length of the line at p, less trailing blanks; *next the next line. */
static size_t
line_len(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t len = (size_t)((nl != NULL ? nl : end) - p);

	*next = nl != NULL ? nl + 1 : end;
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	return len;
}

/* Nonzero if p[0..len) is a run of at least 3 of c and nothing else. */
static int
is_fence(const char *p, size_t len, int c)
{
	size_t i;

	if (len < 3)
		return 0;
	for (i = 0; i < len; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

/*
 * The end of a JSON object opening src, honouring strings and their
 * escapes: the offset past its closing '}', or 0 if it is not closed.
 */
static size_t
json_end(const char *src, size_t n)
{
	size_t i, depth = 0;
	int instr = 0;

	for (i = 0; i < n; i++) {
		if (instr) {
			if (src[i] == '\\')
				i++;
			else if (src[i] == '"')
				instr = 0;
			continue;
		}
		if (src[i] == '"')
			instr = 1;
		else if (src[i] == '{' || src[i] == '[')
			depth++;
		else if ((src[i] == '}' || src[i] == ']') && --depth == 0)
			return i + 1;
	}
	return 0;
}

static unsigned long
count_lines(const char *p, size_t n)
{
	unsigned long l = 0;
	const char *end = p + n;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		l++;
		p++;
	}
	return l;
}

/*
 * YAML opens with a line of three dashes or more (Hugo reads a longer
 * run too) and closes with a line of three dashes or more, or YAML's
 * "..."; TOML opens and closes with "+++"; JSON is an object opening
 * the file whose first key follows ("{" then '"' or "}"), so that a
 * body opening with a shortcode "{{<" or an MDX comment "{/ *" is no
 * front matter; Pelican metadata is what fm_meta_len() finds.
 */
int
fm_split(const char *src, size_t n, struct fm_split *sp, const char **why,
    unsigned long *line)
{
	const char *p, *end = src + n, *next;
	size_t len, k;
	unsigned long l;
	int c;

	memset(sp, 0, sizeof(*sp));
	sp->dialect = FM_NONE;
	len = line_len(src, end, &next);
	if (is_fence(src, len, '-') || (len == 3 && memcmp(src, "+++", 3) == 0)) {
		c = src[0];
		sp->dialect = c == '-' ? FM_YAML : FM_TOML;
		sp->off = (size_t)(next - src);
		sp->line = 2;
		for (p = next, l = 2; p < end; p = next, l++) {
			len = line_len(p, end, &next);
			if (c == '-' ? is_fence(p, len, '-') ||
			    (len == 3 && memcmp(p, "...", 3) == 0) :
			    len == 3 && memcmp(p, "+++", 3) == 0) {
				sp->len = (size_t)(p - src) - sp->off;
				sp->body = (size_t)(next - src);
				return 0;
			}
		}
		*why = c == '-' ? "front matter is not closed by a '---' line" :
		    "TOML front matter is not closed by a '+++' line";
		*line = 1;
		return -1;
	}
	if (n > 0 && src[0] == '{') {
		for (k = 1; k < n && strchr(" \t\n", src[k]) != NULL; k++)
			;
		if (k < n && (src[k] == '"' || src[k] == '}')) {
			sp->dialect = FM_JSON;
			sp->line = 1;
			if ((sp->len = json_end(src, n)) == 0) {
				*why = "JSON front matter: the object is not "
				    "closed";
				*line = 1;
				return -1;
			}
			sp->body = sp->len;
			/* The rest of the closing line belongs to it. */
			while (sp->body < n && (src[sp->body] == ' ' ||
			    src[sp->body] == '\t'))
				sp->body++;
			if (sp->body < n && src[sp->body] == '\n')
				sp->body++;
			return 0;
		}
	}
	if ((k = fm_meta_len(src, n)) > 0) {
		sp->dialect = FM_META;
		sp->line = 1;
		sp->len = k;
		sp->body = k;
		return 0;
	}
	return 0;
}

/* ---- the arena ----------------------------------------------------- */

static void *
arena_alloc(struct fm_doc *doc, size_t n)
{
	struct chunk *c = doc->chunks;
	size_t a = sizeof(c->data[0]), cap;
	void *p;

	n = (n + a - 1) / a * a;
	if (n == 0)
		n = a;
	if (c == NULL || c->cap - c->used < n) {
		cap = n > 16384 ? n : 16384;
		c = xmalloc(sizeof(*c) + cap);
		c->used = 0;
		c->cap = cap;
		c->next = doc->chunks;
		doc->chunks = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

struct fm_doc *
fm_doc_new(const char *file)
{
	struct fm_doc *doc = xcalloc(1, sizeof(*doc));

	doc->file = xstrdup(file != NULL ? file : "");
	doc->what = "front matter";
	doc->null.type = FM_NULL;
	doc->root = &doc->null;
	return doc;
}

void
fm_doc_set_root(struct fm_doc *doc, struct fm_node *root)
{
	doc->root = root != NULL ? root : &doc->null;
}

const char *
fm_doc_file(const struct fm_doc *doc)
{
	return doc->file;
}

const char *
fm_doc_what(const struct fm_doc *doc)
{
	return doc->what;
}

struct fm_node *
fm_nodes(struct fm_doc *doc, size_t n, unsigned long line)
{
	struct fm_node *v;

	if (n > FM_MAXNODES || doc->nodes + n > FM_MAXNODES) {
		msg_err(doc->file, line, "%s too large (more than %d keys and "
		    "values, aliases expanded)", doc->what, FM_MAXNODES);
		return NULL;
	}
	doc->nodes += n;
	v = arena_alloc(doc, n * sizeof(*v));
	memset(v, 0, n * sizeof(*v));
	return v;
}

int
fm_set_str(struct fm_doc *doc, struct fm_node *node, const char *s,
    size_t n, int plain, unsigned long line)
{
	if (n > FM_MAXEXPAND || doc->bytes + n > FM_MAXEXPAND) {
		msg_err(doc->file, line, "%s expands past %d bytes (aliases)",
		    doc->what, FM_MAXEXPAND);
		return -1;
	}
	doc->bytes += n;
	node->type = FM_STR;
	node->s = arena_alloc(doc, n + 1);
	memcpy(node->s, s, n);
	node->s[n] = '\0';
	node->n = n;
	node->plain = plain;
	if (node->line == 0)
		node->line = line;
	return 0;
}

void
fm_free(struct fm_doc *doc)
{
	struct chunk *c, *next;

	if (doc == NULL)
		return;
	for (c = doc->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(doc->file);
	free(doc);
}

const struct fm_node *
fm_root(const struct fm_doc *doc)
{
	return doc->root;
}

/* ---- parsing ------------------------------------------------------- */

/* fm_parse, what naming the text in messages. */
static int
parse(enum fm_dialect d, const char *text, size_t n, unsigned long line0,
    const char *file, const char *what, struct fm_doc **docp)
{
	struct fm_doc *doc;
	size_t i;

	*docp = NULL;
	if (n > FM_MAXTEXT) {
		msg_err(file, line0, "%s larger than %d bytes", what,
		    FM_MAXTEXT);
		return -1;
	}
	for (i = 0; i < NDIALECTS; i++)
		if (fm_dialects[i].d == d)
			break;
	if (i == NDIALECTS) {
		msg_err(file, line0, "no front matter");
		return -1;
	}
	doc = fm_doc_new(file);
	doc->what = what;
	if (fm_dialects[i].parse(doc, text, n, line0) < 0) {
		fm_free(doc);
		return -1;
	}
	if (doc->root->type != FM_MAP && doc->root->type != FM_NULL) {
		msg_err(file, doc->root->line ? doc->root->line : line0,
		    "%s is not a mapping of keys to values", what);
		fm_free(doc);
		return -1;
	}
	*docp = doc;
	return 0;
}

int
fm_parse(enum fm_dialect d, const char *text, size_t n, unsigned long line0,
    const char *file, struct fm_doc **docp)
{
	return parse(d, text, n, line0, file, "front matter", docp);
}

int
fm_load_file(const char *path, struct fm_doc **docp)
{
	struct buf text = BUF_INIT;
	const char *what, *base;
	size_t i, k, n, off;
	FILE *fp;
	int rc;

	*docp = NULL;
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	for (i = 0; i < NDIALECTS; i++)
		for (k = 0; k < 3 && fm_dialects[i].suffix[k] != NULL; k++)
			if (n > strlen(fm_dialects[i].suffix[k]) &&
			    strcasecmp(base + n - strlen(fm_dialects[i].suffix[k]),
			    fm_dialects[i].suffix[k]) == 0)
				goto found;
	msg_err(path, 0, "unknown kind of file: the name must end in .yaml, "
	    ".yml, .toml or .json");
	return -1;
found:
	if ((fp = fopen(path, "rb")) == NULL) {
		msg_err(path, 0, "%s", strerror(errno));
		return -1;
	}
	if (buf_slurp(&text, fp) < 0) {
		msg_err(path, 0, "%s", strerror(errno));
		fclose(fp);
		buf_free(&text);
		return -1;
	}
	fclose(fp);
	if (text.p == NULL)
		buf_adds(&text, "");
	if (utf8_check(text.p, text.n, &off, &what) < 0) {
		msg_err(path, count_lines(text.p, off) + 1, "%s", what);
		buf_free(&text);
		return -1;
	}
	off = text.n >= 3 && memcmp(text.p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	rc = parse(fm_dialects[i].d, text.p + off, text.n - off, 1, path,
	    "configuration", docp);
	buf_free(&text);
	return rc;
}

/* ---- lookups --------------------------------------------------------- */

const struct fm_node *
fm_get(const struct fm_node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != FM_MAP)
		return NULL;
	for (i = 0; i < map->nv; i++)
		if (map->k[i].type == FM_STR &&
		    strcasecmp(map->k[i].s, key) == 0)
			return &map->v[i];
	return NULL;
}

const struct fm_node *
fm_path(const struct fm_node *map, const char *path)
{
	const char *dot;
	char *part;

	while ((dot = strchr(path, '.')) != NULL) {
		part = xstrndup(path, (size_t)(dot - path));
		map = fm_get(map, part);
		free(part);
		if (map == NULL)
			return NULL;
		path = dot + 1;
	}
	return fm_get(map, path);
}

/* ---- JSON and messages ----------------------------------------------- */

/* Append s as a JSON string, dropping what the IR bans. */
static void
json_str(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, len;
	uint32_t c;

	buf_addc(b, '"');
	for (i = 0; i < n; i += len) {
		if ((len = utf8_decode(u + i, n - i, &c)) == 0) {
			len = 1;
			continue;
		}
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (int)c);
		} else if (c == '\n') {
			buf_adds(b, "\\n");
		} else if (c == '\t') {
			buf_adds(b, "\\t");
		} else if (!utf8_is_banned(c)) {
			buf_add(b, s + i, len);
		}
	}
	buf_addc(b, '"');
}

/*
 * Scalars are written as JSON strings whatever their YAML type, as
 * they always were in the extra field; a null is null.
 */
void
fm_json(struct buf *b, const struct fm_node *n)
{
	struct buf kb = BUF_INIT;
	size_t i;

	if (n == NULL) {
		buf_adds(b, "null");
		return;
	}
	switch (n->type) {
	case FM_STR:
		json_str(b, n->s, n->n);
		break;
	case FM_LIST:
		buf_addc(b, '[');
		for (i = 0; i < n->nv; i++) {
			if (i > 0)
				buf_addc(b, ',');
			fm_json(b, &n->v[i]);
		}
		buf_addc(b, ']');
		break;
	case FM_MAP:
		buf_addc(b, '{');
		for (i = 0; i < n->nv; i++) {
			if (i > 0)
				buf_addc(b, ',');
			if (n->k[i].type == FM_STR) {
				json_str(b, n->k[i].s, n->k[i].n);
			} else {
				/* A key that is no string: its JSON text. */
				buf_reset(&kb);
				fm_json(&kb, &n->k[i]);
				json_str(b, kb.p, kb.n);
			}
			buf_addc(b, ':');
			fm_json(b, &n->v[i]);
		}
		buf_addc(b, '}');
		break;
	default:
		buf_adds(b, "null");
		break;
	}
	buf_free(&kb);
}

/* Characters shown as U+XXXX: controls and the invisible ones. */
static int
invisible(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0xad ||
	    c == 0x1680 || (c >= 0x2000 && c <= 0x200f) ||
	    (c >= 0x2028 && c <= 0x202f) || (c >= 0x205f && c <= 0x206f) ||
	    c == 0x3000 || c == 0xfeff || c == 0xfffe || c == 0xffff;
}

void
fm_show(struct buf *b, const char *s, size_t n, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, len;
	uint32_t c;

	for (i = 0; i < n; i += len) {
		if (i >= max) {
			buf_adds(b, "...");
			return;
		}
		if ((len = utf8_decode(u + i, n - i, &c)) == 0) {
			buf_printf(b, "\\x%02X", u[i]);
			len = 1;
		} else if (invisible(c)) {
			buf_printf(b, "U+%04X", (unsigned)c);
		} else {
			buf_add(b, s + i, len);
		}
	}
}
