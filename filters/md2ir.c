/*
 * md2ir: convert Markdown issues with YAML front matter to the IR.
 *
 * Each file is read whole, checked (UTF-8, no NUL), split into front
 * matter and body, its keys mapped to IR fields, its body rendered
 * once by cmark-gfm, and one IR line written.  A file that fails is
 * reported and skipped; the others are still converted.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <yaml.h>

#include "quire.h"
#include "xhtml.h"

static const char usage[] = "[-dhqSv] [-b base-url] [-o file] [file ...]";

static const struct msg_opt opts[] = {
	{ 'b', "base", "url", "the site's URL: permalinks and links absolute" },
	{ 'd', "drafts", NULL, "include drafts" },
	{ 'o', "output", "file", "write to file, replaced only on success" },
	{ 'S', "safe", NULL, "drop raw HTML from the bodies" },
	{ 0, NULL, NULL, NULL }
};

static unsigned long ndrafts;		/* drafts skipped, for the summary */

/* Front matter nodes visited at most, and nesting depth at most. */
#define YAML_BUDGET	100000
#define YAML_DEPTH	64
/* Front matter text at most, in bytes. */
#define YAML_MAXTEXT	(1 << 20)

/* The front matter keys that map to fields, by slot. */
enum slot {
	S_TITLE, S_DATE, S_UPDATED, S_PATH, S_SLUG, S_SUMMARY, S_AUTHORS,
	S_CATEGORIES, S_TAGS, S_IMAGE, S_LINK, S_LANG, S_DRAFT, S_ID,
	S_NSLOTS
};

/* Keys, case-insensitive; for a slot, the earlier key wins. */
static const struct {
	const char *key;
	enum slot   slot;
} keymap[] = {
	{ "title", S_TITLE },
	{ "date", S_DATE },
	{ "pubDate", S_DATE },
	{ "publishDate", S_DATE },
	{ "lastmod", S_UPDATED },
	{ "updated", S_UPDATED },
	{ "modified", S_UPDATED },
	{ "permalink", S_PATH },
	{ "path", S_PATH },
	{ "url", S_PATH },
	{ "slug", S_SLUG },
	{ "summary", S_SUMMARY },
	{ "description", S_SUMMARY },
	{ "ogSummary", S_SUMMARY },
	{ "excerpt", S_SUMMARY },
	{ "authors", S_AUTHORS },
	{ "author", S_AUTHORS },
	{ "categories", S_CATEGORIES },
	{ "category", S_CATEGORIES },
	{ "tags", S_TAGS },
	{ "tag", S_TAGS },
	{ "image", S_IMAGE },
	{ "ogImage", S_IMAGE },
	{ "cover", S_IMAGE },
	{ "externalUrl", S_LINK },
	{ "external_url", S_LINK },
	{ "link", S_LINK },
	{ "lang", S_LANG },
	{ "language", S_LANG },
	{ "draft", S_DRAFT },
	{ "published", S_DRAFT },
	{ "id", S_ID },
	{ "guid", S_ID },
};

static const char *base_url;		/* -b */
static int with_drafts;			/* -d */
static int cmark_opts = CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;
static cmark_syntax_extension *exts[5];
static struct idset ids = IDSET_INIT;

/* One file being converted; reset for each. */
struct issue {
	const char      *path;		/* as given; "-" for stdin */
	const char      *name;		/* for messages */
	struct buf       src;		/* the whole file */
	size_t           fm;		/* offset of the front matter */
	size_t           body;		/* offset of the body in src */
	unsigned long    fmline;	/* file line of the first YAML line */
	yaml_document_t  doc;
	yaml_node_t     *key[S_NSLOTS];	/* the key node chosen per slot */
	yaml_node_t     *val[S_NSLOTS];
	char            *stem;		/* file name less suffix; NULL on stdin */
	int64_t          fdate;		/* its Jekyll date, when has_fdate */
	int              has_fdate;
	int64_t          date, updated;
	int              has_updated;
	struct buf       pathv, permalink, id, summary, extra, tmp;
	char           **authors, **cats, **tags;
	size_t           nauthors, ncats, ntags;
	int              budget;
};

static int
fail(struct issue *is, unsigned long line, const char *fmt, ...)
    QUIRE_PRINTF(3, 4);

static int
fail(struct issue *is, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_verr(is->name, line, fmt, ap);
	va_end(ap);
	return -1;
}

/* File line of a YAML node. */
static unsigned long
node_line(const struct issue *is, const yaml_node_t *n)
{
	return is->fmline + (n != NULL ? n->start_mark.line : 0);
}

static const char *
sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static int
is_scalar(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE;
}

/* File line of byte offset off in the source. */
static unsigned long
line_of(const struct buf *src, size_t off)
{
	unsigned long line = 1;
	const char *p = src->p, *end = src->p + off;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

/*
 * Read the file, check its text, drop a BOM, turn CRLF and lone CR
 * into LF, and find the front matter.
 */
static int
load(struct issue *is)
{
	FILE *fp;
	const char *what, *p, *end, *nl;
	size_t off, i, o, len;
	unsigned long line;
	int e;

	if (strcmp(is->path, "-") == 0) {
		fp = stdin;
	} else if ((fp = fopen(is->path, "rb")) == NULL) {
		return fail(is, 0, "%s", strerror(errno));
	}
	e = buf_slurp(&is->src, fp);
	if (e < 0)
		e = errno ? errno : EIO;
	if (fp != stdin)
		fclose(fp);
	if (e != 0)
		return fail(is, 0, "%s", strerror(e));
	if (is->src.p == NULL)
		buf_addc(&is->src, 0), is->src.n = 0;

	if (utf8_check(is->src.p, is->src.n, &off, &what) < 0)
		return fail(is, line_of(&is->src, off), "%s", what);
	if (is->src.n >= 3 && memcmp(is->src.p, "\xef\xbb\xbf", 3) == 0) {
		memmove(is->src.p, is->src.p + 3, is->src.n - 3);
		is->src.n -= 3;
	}
	i = o = is->src.n;
	if ((p = memchr(is->src.p, '\r', is->src.n)) != NULL)
		i = o = (size_t)(p - is->src.p);
	for (; i < is->src.n; i++) {
		if (is->src.p[i] == '\r') {
			is->src.p[o++] = '\n';
			if (i + 1 < is->src.n && is->src.p[i + 1] == '\n')
				i++;
		} else {
			is->src.p[o++] = is->src.p[i];
		}
	}
	is->src.n = o;
	is->src.p[o] = '\0';

	if (is->src.n == 0)
		return fail(is, 0, "empty file");
	p = is->src.p;
	end = p + is->src.n;
	nl = memchr(p, '\n', (size_t)(end - p));
	len = (size_t)((nl != NULL ? nl : end) - p);
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len == 3 && memcmp(p, "+++", 3) == 0)
		return fail(is, 1, "TOML front matter (+++) is not supported; "
		    "write it as YAML between '---' lines");
	if (len != 3 || memcmp(p, "---", 3) != 0)
		return fail(is, 1, "no front matter: the file must start with "
		    "a '---' line");
	if (nl == NULL)
		return fail(is, 1, "front matter is not closed by a '---' line");
	is->fmline = 2;
	is->fm = (size_t)(nl + 1 - is->src.p);
	/* Find the closing "---" (or YAML's "...") line. */
	line = 2;
	for (p = nl + 1; p < end; p = nl + 1, line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((nl != NULL ? nl : end) - p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == 3 && (memcmp(p, "---", 3) == 0 ||
		    memcmp(p, "...", 3) == 0)) {
			is->body = nl != NULL ? (size_t)(nl + 1 - is->src.p) :
			    is->src.n;
			/* The YAML text ends where this line starts. */
			is->src.p[p - is->src.p] = '\0';
			return 0;
		}
		if (nl == NULL)
			break;
	}
	return fail(is, 1, "front matter is not closed by a '---' line");
}

/* Check nesting and size before anything walks the tree. */
static int
guard(struct issue *is, yaml_node_t *n, int depth)
{
	yaml_node_item_t *it;
	yaml_node_pair_t *pr;

	if (n == NULL)
		return 0;
	if (depth > YAML_DEPTH)
		return fail(is, node_line(is, n),
		    "front matter nested more than %d deep", YAML_DEPTH);
	if (--is->budget < 0)
		return fail(is, node_line(is, n), "front matter too large "
		    "(more than %d values, counting aliases)", YAML_BUDGET);
	switch (n->type) {
	case YAML_SEQUENCE_NODE:
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++)
			if (guard(is, yaml_document_get_node(&is->doc, *it),
			    depth + 1) < 0)
				return -1;
		break;
	case YAML_MAPPING_NODE:
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top; pr++)
			if (guard(is, yaml_document_get_node(&is->doc,
			    pr->key), depth + 1) < 0 ||
			    guard(is, yaml_document_get_node(&is->doc,
			    pr->value), depth + 1) < 0)
				return -1;
		break;
	default:
		break;
	}
	return 0;
}

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

static void
json_node(struct issue *is, struct buf *b, yaml_node_t *n)
{
	yaml_node_item_t *it;
	yaml_node_pair_t *pr;
	yaml_node_t *k;

	if (n == NULL) {
		buf_adds(b, "null");
		return;
	}
	switch (n->type) {
	case YAML_SCALAR_NODE:
		json_str(b, sval(n), n->data.scalar.length);
		break;
	case YAML_SEQUENCE_NODE:
		buf_addc(b, '[');
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++) {
			if (it > n->data.sequence.items.start)
				buf_addc(b, ',');
			json_node(is, b, yaml_document_get_node(&is->doc, *it));
		}
		buf_addc(b, ']');
		break;
	case YAML_MAPPING_NODE:
		buf_addc(b, '{');
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top; pr++) {
			if (pr > n->data.mapping.pairs.start)
				buf_addc(b, ',');
			k = yaml_document_get_node(&is->doc, pr->key);
			if (is_scalar(k)) {
				json_str(b, sval(k), k->data.scalar.length);
			} else {
				/* A complex key becomes its JSON text. */
				struct buf kb = BUF_INIT;

				json_node(is, &kb, k);
				json_str(b, kb.p, kb.n);
				buf_free(&kb);
			}
			buf_addc(b, ':');
			json_node(is, b,
			    yaml_document_get_node(&is->doc, pr->value));
		}
		buf_addc(b, '}');
		break;
	default:
		buf_adds(b, "null");
		break;
	}
}

/* Append one list value (a scalar, or a mapping with name and email). */
static int
list_item(struct issue *is, const char *key, yaml_node_t *n,
    char ***v, size_t *nv, int split)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k, *x;
	const char *name = NULL, *email = NULL, *s, *comma;
	char *item;

	if (is_scalar(n)) {
		s = sval(n);
		/* A scalar "a, b" is the list [a, b]. */
		while (split && (comma = strchr(s, ',')) != NULL) {
			*v = xreallocarray(*v, *nv + 1, sizeof(**v));
			(*v)[(*nv)++] = xstrndup(s, (size_t)(comma - s));
			s = comma + 1;
		}
		*v = xreallocarray(*v, *nv + 1, sizeof(**v));
		(*v)[(*nv)++] = xstrdup(s);
		return 0;
	}
	if (n != NULL && n->type == YAML_MAPPING_NODE && strcmp(key,
	    "authors") == 0) {
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(&is->doc, pr->key);
			x = yaml_document_get_node(&is->doc, pr->value);
			if (!is_scalar(k) || !is_scalar(x))
				continue;
			if (strcasecmp(sval(k), "name") == 0)
				name = sval(x);
			else if (strcasecmp(sval(k), "email") == 0)
				email = sval(x);
		}
		if (name != NULL) {
			struct buf b = BUF_INIT;

			buf_adds(&b, name);
			if (email != NULL)
				buf_printf(&b, " <%s>", email);
			item = xstrndup(b.p, b.n);
			buf_free(&b);
			*v = xreallocarray(*v, *nv + 1, sizeof(**v));
			(*v)[(*nv)++] = item;
			return 0;
		}
	}
	return fail(is, node_line(is, n), "'%s': each item must be a string%s",
	    key, strcmp(key, "authors") == 0 ? " or have a 'name'" : "");
}

static int
get_list(struct issue *is, enum slot s, const char *key, char ***v,
    size_t *nv, int split)
{
	yaml_node_t *n = is->val[s];
	yaml_node_item_t *it;

	if (n == NULL)
		return 0;
	if (n->type == YAML_SEQUENCE_NODE) {
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++)
			if (list_item(is, key, yaml_document_get_node(&is->doc,
			    *it), v, nv, 0) < 0)
				return -1;
		return 0;
	}
	return list_item(is, key, n, v, nv, split);
}

/* The scalar of slot s, or NULL; an error for any other node. */
static int
get_str(struct issue *is, enum slot s, const char **out)
{
	yaml_node_t *n = is->val[s];

	*out = NULL;
	if (n == NULL)
		return 0;
	if (!is_scalar(n))
		return fail(is, node_line(is, n), "'%s' must be a string",
		    sval(is->key[s]));
	*out = sval(n);
	return 0;
}

static int
is_true(const char *s)
{
	return strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcasecmp(s, "on") == 0;
}

static int
is_false(const char *s)
{
	return strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0 ||
	    strcasecmp(s, "off") == 0;
}

/* "YYYY-MM-DD-" at the start of a file name: 0 and the date, or -1. */
static int
name_date(const char *stem, int64_t *t)
{
	char d[11];

	if (strlen(stem) < 11 || stem[10] != '-')
		return -1;
	memcpy(d, stem, 10);
	d[10] = '\0';
	return date_parse(d, t);
}

/* The file name without its folder and its Markdown suffix. */
static char *
file_stem(const char *path)
{
	static const char *sfx[] = {
		".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx", NULL
	};
	const char *b = strrchr(path, '/');
	size_t n, k;
	int i;

	b = b != NULL ? b + 1 : path;
	n = strlen(b);
	for (i = 0; sfx[i] != NULL; i++) {
		k = strlen(sfx[i]);
		if (n > k && strcasecmp(b + n - k, sfx[i]) == 0) {
			n -= k;
			break;
		}
	}
	return xstrndup(b, n);
}

/* A path segment made from a title: ASCII letters and digits, '-'. */
static void
slugify(struct buf *b, const char *s)
{
	size_t start = b->n;
	int dash = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b->n > start)
				buf_addc(b, '-');
			buf_addc(b, c);
			dash = 0;
		} else if (c >= 'A' && c <= 'Z') {
			if (dash && b->n > start)
				buf_addc(b, '-');
			buf_addc(b, c - 'A' + 'a');
			dash = 0;
		} else {
			dash = 1;
		}
	}
}

static int
looks_like_uuid(const char *s)
{
	int i;

	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' :
		    strchr("0123456789abcdefABCDEF", s[i]) == NULL)
			return 0;
	return 1;
}

/* Derive path, permalink and id (quire-ir.5, IDENTITY). */
static int
identity(struct issue *is, const char *path, const char *slug,
    const char *title, const char *idv)
{
	struct date_tm tm;
	const char *stem = is->stem;
	char uuid[UUID_LEN];

	if (path != NULL && *path != '\0') {
		if (!url_has_scheme(path) && path[0] != '/')
			buf_addc(&is->pathv, '/');
		buf_adds(&is->pathv, path);
	} else if (is->has_fdate) {
		/* Jekyll's default: /YYYY/MM/DD/slug.html */
		date_split(is->fdate, &tm);
		buf_printf(&is->pathv, "/%04d/%02d/%02d/%s.html", tm.year,
		    tm.mon, tm.mday, slug != NULL ? slug : stem + 11);
	} else if (slug != NULL && *slug != '\0') {
		buf_printf(&is->pathv, "/%s/", slug);
	} else if (stem != NULL && *stem != '\0') {
		buf_printf(&is->pathv, "/%s/", stem);
	} else if (title != NULL) {
		buf_addc(&is->pathv, '/');
		slugify(&is->pathv, title);
		buf_addc(&is->pathv, '/');
	}
	if (strspn(is->pathv.p ? is->pathv.p : "", "/") == is->pathv.n)
		return fail(is, 0, "cannot derive a permalink: give 'path' or "
		    "'slug' in the front matter");
	if (url_has_scheme(is->pathv.p))
		buf_adds(&is->permalink, is->pathv.p);
	else if (base_url != NULL)
		url_join(base_url, is->pathv.p, &is->permalink);
	else
		buf_adds(&is->permalink, is->pathv.p);

	if (idv != NULL && *idv != '\0') {
		if (url_has_scheme(idv)) {
			buf_adds(&is->id, idv);
		} else if (looks_like_uuid(idv)) {
			buf_adds(&is->id, "urn:uuid:");
			for (; *idv != '\0'; idv++)
				buf_addc(&is->id, *idv >= 'A' && *idv <= 'F' ?
				    *idv - 'A' + 'a' : *idv);
		} else {
			uuid_v5(idv, strlen(idv), uuid);
			buf_printf(&is->id, "urn:uuid:%s", uuid);
		}
	} else if (url_has_scheme(is->permalink.p)) {
		buf_adds(&is->id, is->permalink.p);
	} else {
		uuid_v5(is->pathv.p, is->pathv.n, uuid);
		buf_printf(&is->id, "urn:uuid:%s", uuid);
	}
	return 0;
}

/* Resolve a URL against the permalink when a base URL was given. */
static const char *
absolute(struct issue *is, const char *url)
{
	if (base_url == NULL || url == NULL || *url == '\0' ||
	    url_has_scheme(url))
		return url;
	buf_reset(&is->tmp);
	url_resolve(is->permalink.p, url, &is->tmp);
	return is->tmp.p;
}

/*
 * Make the href and src attributes of raw HTML absolute.  A small
 * scanner: inside each tag, attribute names and their values, quoted
 * or not; comments are skipped.
 */
static void
rewrite_html(struct issue *is, cmark_node *node)
{
	const char *s = cmark_node_get_literal(node), *p, *name, *val;
	struct buf out = BUF_INIT;
	size_t nname, nval, i;
	char q, *v;
	int changed = 0;

	if (s == NULL)
		return;
	for (p = s; *p != '\0'; ) {
		if (strncmp(p, "<!--", 4) == 0) {
			const char *e = strstr(p + 4, "-->");

			e = e != NULL ? e + 3 : p + strlen(p);
			buf_add(&out, p, (size_t)(e - p));
			p = e;
			continue;
		}
		if (*p != '<' || !((p[1] >= 'a' && p[1] <= 'z') ||
		    (p[1] >= 'A' && p[1] <= 'Z'))) {
			buf_addc(&out, *p++);
			continue;
		}
		/* The tag name. */
		i = 1;
		while (p[i] != '\0' && strchr(" \t\n/>", p[i]) == NULL)
			i++;
		buf_add(&out, p, i);
		p += i;
		while (*p != '\0' && *p != '>') {
			if (strchr(" \t\n/", *p) != NULL) {
				buf_addc(&out, *p++);
				continue;
			}
			name = p;
			while (*p != '\0' && strchr(" \t\n/>=", *p) == NULL)
				p++;
			nname = (size_t)(p - name);
			buf_add(&out, name, nname);
			i = 0;
			while (p[i] == ' ' || p[i] == '\t' || p[i] == '\n')
				i++;
			if (p[i] != '=')
				continue;
			buf_add(&out, p, i + 1);
			p += i + 1;
			while (*p == ' ' || *p == '\t' || *p == '\n')
				buf_addc(&out, *p++);
			q = *p == '"' || *p == '\'' ? *p : '\0';
			if (q != '\0')
				p++;
			val = p;
			while (*p != '\0' && (q != '\0' ? *p != q :
			    strchr(" \t\n>", *p) == NULL))
				p++;
			nval = (size_t)(p - val);
			if ((nname == 4 && strncasecmp(name, "href", 4) == 0) ||
			    (nname == 3 && strncasecmp(name, "src", 3) == 0)) {
				const char *abs;

				v = xstrndup(val, nval);
				abs = absolute(is, v);
				/* Keep the original if the quote would break. */
				if (abs != v && (q == '\0' ?
				    strpbrk(abs, " \t\n>\"'") == NULL :
				    strchr(abs, q) == NULL)) {
					val = abs;
					nval = strlen(abs);
					changed = 1;
				}
				if (q != '\0')
					buf_addc(&out, q);
				buf_add(&out, val, nval);
				free(v);
			} else {
				if (q != '\0')
					buf_addc(&out, q);
				buf_add(&out, val, nval);
			}
			if (q != '\0' && *p == q)
				buf_addc(&out, *p++);
		}
	}
	if (changed)
		cmark_node_set_literal(node, out.p);
	buf_free(&out);
}

/* The plain text of a node's inline content, for an excerpt. */
static void
plain_text(cmark_node *n, struct buf *b)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *cur;
	const char *lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cur = cmark_iter_get_node(it);
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(cur)) != NULL)
				buf_adds(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/*
 * The renderer writes the footnote links itself, as href="#fn-1" and
 * href="#fnref-1": make them absolute like every other link.  Any
 * other 'href="#' in its output would be escaped text or already
 * rewritten, so a plain search finds only those.
 */
static char *
absolute_fragments(struct issue *is, char *html)
{
	static const char pat[] = "href=\"#";
	struct buf b = BUF_INIT;
	const char *p = html, *hit;

	if (strstr(html, pat) == NULL)
		return html;
	while ((hit = strstr(p, pat)) != NULL) {
		buf_add(&b, p, (size_t)(hit - p) + sizeof(pat) - 2);
		xhtml_escape(&b, is->permalink.p, is->permalink.n, 1);
		p = hit + sizeof(pat) - 2;
	}
	buf_adds(&b, p);
	free(html);
	return b.p;
}

/* Render the body; absolute URLs with -b; excerpt when no summary. */
static char *
render(struct issue *is, int want_excerpt)
{
	cmark_parser *parser = cmark_parser_new(cmark_opts);
	cmark_node *doc, *cur;
	cmark_iter *it;
	cmark_event_type ev;
	const char *url, *abs;
	char *html;
	size_t i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(parser, exts[i]);
	cmark_parser_feed(parser, is->src.p + is->body, is->src.n - is->body);
	doc = cmark_parser_finish(parser);

	if (base_url != NULL) {
		it = cmark_iter_new(doc);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			if (ev != CMARK_EVENT_ENTER)
				continue;
			cur = cmark_iter_get_node(it);
			switch (cmark_node_get_type(cur)) {
			case CMARK_NODE_LINK:
			case CMARK_NODE_IMAGE:
				url = cmark_node_get_url(cur);
				abs = absolute(is, url);
				if (abs != url)
					cmark_node_set_url(cur, abs);
				break;
			case CMARK_NODE_HTML_BLOCK:
			case CMARK_NODE_HTML_INLINE:
				rewrite_html(is, cur);
				break;
			default:
				break;
			}
		}
		cmark_iter_free(it);
	}
	if (want_excerpt) {
		for (cur = cmark_node_first_child(doc); cur != NULL;
		    cur = cmark_node_next(cur))
			if (cmark_node_get_type(cur) == CMARK_NODE_PARAGRAPH) {
				plain_text(cur, &is->summary);
				break;
			}
	}
	html = cmark_render_html(doc, cmark_opts,
	    cmark_parser_get_syntax_extensions(parser));
	cmark_node_free(doc);
	cmark_parser_free(parser);
	if (base_url != NULL)
		html = absolute_fragments(is, html);
	return html;
}

static void
free_list(char **v, size_t n)
{
	while (n-- > 0)
		free(v[n]);
	free(v);
}

/* Map the front matter, render, and append one IR line to line. */
static int
convert(struct issue *is, struct buf *line)
{
	yaml_parser_t parser;
	yaml_node_t *root, *k;
	yaml_node_pair_t *pr;
	const char *title, *date, *upd, *path, *slug, *sum, *img, *link;
	const char *lang, *draft, *idv;
	char d[DATE_IR_LEN], *html;
	size_t i, nextra = 0;
	unsigned long deep;
	int s, rc = -1;

	if (load(is) < 0)
		return -1;
	if (strcmp(is->path, "-") != 0) {
		is->stem = file_stem(is->path);
		is->has_fdate = name_date(is->stem, &is->fdate) == 0;
	}
	if (strlen(is->src.p + is->fm) > YAML_MAXTEXT)
		return fail(is, is->fmline, "front matter larger than %d bytes",
		    YAML_MAXTEXT);
	if ((deep = conf_flow_depth(is->src.p + is->fm, YAML_DEPTH)) > 0)
		return fail(is, is->fmline + deep - 1, "front matter nested "
		    "more than %d deep", YAML_DEPTH);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser,
	    (unsigned char *)is->src.p + is->fm, strlen(is->src.p + is->fm));
	if (!yaml_parser_load(&parser, &is->doc)) {
		fail(is, is->fmline + parser.problem_mark.line,
		    "bad YAML in front matter: %s%s%s",
		    parser.problem ? parser.problem : "parse error",
		    parser.context ? " " : "",
		    parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return -1;
	}
	yaml_parser_delete(&parser);

	root = yaml_document_get_root_node(&is->doc);
	is->budget = YAML_BUDGET;
	if (root != NULL && root->type != YAML_MAPPING_NODE) {
		fail(is, node_line(is, root), "front matter is not a YAML "
		    "mapping of keys to values");
		goto out;
	}
	if (guard(is, root, 0) < 0)
		goto out;

	/* Choose a key per slot; the rest goes to the extra field. */
	buf_addc(&is->extra, '{');
	if (root != NULL) {
		for (pr = root->data.mapping.pairs.start;
		    pr < root->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(&is->doc, pr->key);
			s = -1;
			if (is_scalar(k))
				for (i = 0; i < sizeof(keymap) /
				    sizeof(keymap[0]); i++)
					if (strcasecmp(sval(k),
					    keymap[i].key) == 0) {
						s = (int)keymap[i].slot;
						break;
					}
			if (s >= 0 && is->key[s] == NULL) {
				is->key[s] = k;
				is->val[s] = yaml_document_get_node(&is->doc,
				    pr->value);
				continue;
			}
			if (s >= 0 && is->key[s] != NULL &&
			    strcasecmp(sval(k), sval(is->key[s])) == 0) {
				fail(is, node_line(is, k), "key '%s' given "
				    "twice", sval(k));
				goto out;
			}
			if (nextra++ > 0)
				buf_addc(&is->extra, ',');
			json_node(is, &is->extra, k);
			buf_addc(&is->extra, ':');
			json_node(is, &is->extra,
			    yaml_document_get_node(&is->doc, pr->value));
		}
	}
	buf_addc(&is->extra, '}');

	if (get_str(is, S_TITLE, &title) < 0 || get_str(is, S_DATE, &date) < 0 ||
	    get_str(is, S_UPDATED, &upd) < 0 || get_str(is, S_PATH, &path) < 0 ||
	    get_str(is, S_SLUG, &slug) < 0 || get_str(is, S_SUMMARY, &sum) < 0 ||
	    get_str(is, S_IMAGE, &img) < 0 || get_str(is, S_LINK, &link) < 0 ||
	    get_str(is, S_LANG, &lang) < 0 || get_str(is, S_DRAFT, &draft) < 0 ||
	    get_str(is, S_ID, &idv) < 0)
		goto out;
	if (get_list(is, S_AUTHORS, "authors", &is->authors, &is->nauthors,
	    0) < 0 ||
	    get_list(is, S_CATEGORIES, "categories", &is->cats, &is->ncats,
	    1) < 0 ||
	    get_list(is, S_TAGS, "tags", &is->tags, &is->ntags, 1) < 0)
		goto out;

	/* draft: true, or Jekyll's published: false. */
	if (draft != NULL) {
		int pub = strcasecmp(sval(is->key[S_DRAFT]), "published") == 0;
		int64_t t;

		/* Some sites write the date as 'published'. */
		if (pub && date == NULL && date_parse(draft, &t) == 0) {
			date = draft;
			draft = "true";
		}
		if (!is_true(draft) && !is_false(draft)) {
			fail(is, node_line(is, is->val[S_DRAFT]), "'%s' must "
			    "be true or false", sval(is->key[S_DRAFT]));
			goto out;
		}
		if ((pub ? is_false(draft) : is_true(draft)) && !with_drafts) {
			msg_note(is->name, 0, "a draft, skipped (-d includes "
			    "drafts)");
			ndrafts++;
			rc = 0;
			goto out;
		}
	}

	if (date != NULL) {
		if (date_parse(date, &is->date) < 0) {
			fail(is, node_line(is, is->val[S_DATE]), "cannot read "
			    "the date '%s' (expected YYYY-MM-DD, optionally "
			    "with a time and a zone)", date);
			goto out;
		}
	} else if (is->has_fdate) {
		is->date = is->fdate;
	} else {
		fail(is, 0, "no date: the front matter has no 'date' and the "
		    "file name does not start with YYYY-MM-DD-");
		goto out;
	}
	if (upd != NULL && *upd != '\0') {
		if (date_parse(upd, &is->updated) < 0) {
			fail(is, node_line(is, is->val[S_UPDATED]), "cannot "
			    "read the date '%s'", upd);
			goto out;
		}
		is->has_updated = 1;
	}
	if (identity(is, path, slug, title, idv) < 0)
		goto out;
	if (!idset_add(&ids, is->id.p, is->id.n)) {
		fail(is, 0, "duplicate id '%s': an earlier issue of this run "
		    "has it", is->id.p);
		goto out;
	}

	if (sum != NULL)
		buf_adds(&is->summary, sum);
	html = render(is, sum == NULL);

	date_fmt_ir(is->date, d);
	buf_add(line, d, DATE_IR_LEN - 1);
	buf_addc(line, '\t');
	ir_put_line(line, is->id.p, is->id.n);
	buf_addc(line, '\t');
	if (title != NULL)
		ir_put_line(line, title, strlen(title));
	buf_addc(line, '\t');
	ir_put_line(line, is->permalink.p, is->permalink.n);
	buf_addc(line, '\t');
	if ((link = absolute(is, link)) != NULL)
		ir_put_line(line, link, strlen(link));
	buf_addc(line, '\t');
	if (is->summary.n > 0)
		ir_put_line(line, is->summary.p, is->summary.n);
	buf_addc(line, '\t');
	ir_put_list(line, (const char *const *)is->authors, is->nauthors);
	buf_addc(line, '\t');
	ir_put_list(line, (const char *const *)is->cats, is->ncats);
	buf_addc(line, '\t');
	ir_put_list(line, (const char *const *)is->tags, is->ntags);
	buf_addc(line, '\t');
	if ((img = absolute(is, img)) != NULL)
		ir_put_line(line, img, strlen(img));
	buf_addc(line, '\t');
	if (is->has_updated) {
		date_fmt_ir(is->updated, d);
		buf_add(line, d, DATE_IR_LEN - 1);
	}
	buf_addc(line, '\t');
	if (lang != NULL)
		ir_put_line(line, lang, strlen(lang));
	buf_addc(line, '\t');
	ir_put_line(line, is->path, strlen(is->path));
	buf_addc(line, '\t');
	if (nextra > 0)
		buf_add(line, is->extra.p, is->extra.n);
	buf_addc(line, '\t');
	ir_put_text(line, html, strlen(html));
	buf_addc(line, '\t');
	ir_put_text(line, is->src.p + is->body, is->src.n - is->body);
	buf_addc(line, '\n');
	free(html);
	rc = 0;
out:
	yaml_document_delete(&is->doc);
	return rc;
}

static void
issue_free(struct issue *is)
{
	free(is->stem);
	buf_free(&is->src);
	buf_free(&is->pathv);
	buf_free(&is->permalink);
	buf_free(&is->id);
	buf_free(&is->summary);
	buf_free(&is->extra);
	buf_free(&is->tmp);
	free_list(is->authors, is->nauthors);
	free_list(is->cats, is->ncats);
	free_list(is->tags, is->ntags);
}

int
main(int argc, char *argv[])
{
	static const char *names[] = {
		"table", "strikethrough", "autolink", "tagfilter", "tasklist"
	};
	static char *dash[] = { "-", NULL };
	struct buf line = BUF_INIT;
	struct issue is;
	const char *outpath = NULL;
	size_t i;
	FILE *out;
	int c, nerr = 0;

	msg_init(argc, argv, usage);
	ndrafts = 0;
	while ((c = msg_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'b':
			if (!url_has_scheme(optarg)) {
				msg_err(NULL, 0, "-b: '%s' is not an absolute "
				    "URL", optarg);
				msg_usage();
			}
			base_url = optarg;
			break;
		case 'd':
			with_drafts = 1;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'S':
			cmark_opts &= ~CMARK_OPT_UNSAFE;
			break;
		default:
			msg_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		argc = 1;
		argv = dash;
	}

	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((exts[i] = cmark_find_syntax_extension(names[i])) == NULL) {
			msg_err(NULL, 0, "cmark-gfm has no '%s' extension",
			    names[i]);
			return EXIT_DATA;
		}
	if ((out = out_open(outpath)) == NULL)
		return EXIT_DATA;

	for (i = 0; i < (size_t)argc; i++) {
		memset(&is, 0, sizeof(is));
		is.path = argv[i];
		is.name = strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i];
		buf_reset(&line);
		if (convert(&is, &line) < 0)
			nerr++;
		else if (line.n > 0)
			fwrite(line.p, 1, line.n, out);
		issue_free(&is);
	}
	buf_free(&line);
	idset_free(&ids);
	if (ndrafts > 0 && msg_level == MSG_SUMMARY)
		msg_err(NULL, 0, "%lu draft%s skipped; -v lists them, -d "
		    "includes them", ndrafts, ndrafts == 1 ? "" : "s");
	/* A file given with -o is replaced only when every issue converted. */
	if (out_close(out, nerr == 0) < 0 && nerr == 0)
		return EXIT_DATA;
	return nerr > 0 ? EXIT_DATA : EXIT_OK;
}
