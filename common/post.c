/*
 * post.c: a post's facts from its front matter tree (post.h).
 *
 * ONE table maps keys to slots, with the dialects each row applies to;
 * md2ir(1) shows it with a column per dialect.  For a slot, the key
 * that comes first in the table wins; the other keys, and every key
 * the table does not know, go to the extra field as JSON, in the order
 * written, so that nothing is lost.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>

#include "post.h"

enum slot {
	S_TITLE, S_DATE, S_UPDATED, S_PATH, S_SLUG, S_SUMMARY, S_AUTHORS,
	S_CATEGORIES, S_TAGS, S_IMAGE, S_LINK, S_LANG, S_DRAFT, S_ID,
	S_TAXONOMIES, S_EXTRA, S_NSLOTS
};

#define D_YAML	(1u << FM_YAML)
#define D_TOML	(1u << FM_TOML)
#define D_JSON	(1u << FM_JSON)
#define D_META	(1u << FM_META)
#define D_TREE	(D_YAML | D_TOML | D_JSON)	/* the nesting dialects */
#define D_ALL	(D_TREE | D_META)

/* How a single string is made a list. */
enum split { SPLIT_NONE, SPLIT_COMMA, SPLIT_PELICAN };

/*
 * Keys, ASCII case-insensitive, in order of priority within a slot.
 * split_meta is the rule for a string in Pelican metadata (which has
 * no lists); in the other dialects, categories and tags split at
 * commas and authors never split.
 */
static const struct keyrow {
	const char *key;
	enum slot   slot;
	unsigned    dialects;
	enum split  split_meta;
} keymap[] = {
	{ "title",		S_TITLE,	D_ALL,	SPLIT_NONE },
	{ "date",		S_DATE,		D_ALL,	SPLIT_NONE },
	{ "pubDate",		S_DATE,		D_ALL,	SPLIT_NONE },
	{ "publishDate",	S_DATE,		D_ALL,	SPLIT_NONE },
	{ "lastmod",		S_UPDATED,	D_ALL,	SPLIT_NONE },
	{ "updated",		S_UPDATED,	D_ALL,	SPLIT_NONE },
	{ "last_modified_at",	S_UPDATED,	D_ALL,	SPLIT_NONE },
	{ "modified",		S_UPDATED,	D_ALL,	SPLIT_NONE },
	{ "permalink",		S_PATH,		D_ALL,	SPLIT_NONE },
	{ "path",		S_PATH,		D_ALL,	SPLIT_NONE },
	{ "url",		S_PATH,		D_ALL,	SPLIT_NONE },
	{ "slug",		S_SLUG,		D_ALL,	SPLIT_NONE },
	{ "summary",		S_SUMMARY,	D_ALL,	SPLIT_NONE },
	{ "description",	S_SUMMARY,	D_ALL,	SPLIT_NONE },
	{ "ogSummary",		S_SUMMARY,	D_ALL,	SPLIT_NONE },
	{ "excerpt",		S_SUMMARY,	D_ALL,	SPLIT_NONE },
	{ "authors",		S_AUTHORS,	D_ALL,	SPLIT_PELICAN },
	{ "author",		S_AUTHORS,	D_ALL,	SPLIT_NONE },
	{ "by",			S_AUTHORS,	D_ALL,	SPLIT_NONE },
	{ "categories",		S_CATEGORIES,	D_ALL,	SPLIT_COMMA },
	{ "category",		S_CATEGORIES,	D_ALL,	SPLIT_COMMA },
	{ "tags",		S_TAGS,		D_ALL,	SPLIT_COMMA },
	{ "tag",		S_TAGS,		D_ALL,	SPLIT_COMMA },
	{ "keywords",		S_TAGS,		D_ALL,	SPLIT_COMMA },
	{ "taxonomies",		S_TAXONOMIES,	D_TREE,	SPLIT_NONE },
	{ "image",		S_IMAGE,	D_ALL,	SPLIT_NONE },
	{ "ogImage",		S_IMAGE,	D_ALL,	SPLIT_NONE },
	{ "cover",		S_IMAGE,	D_ALL,	SPLIT_NONE },
	{ "externalUrl",	S_LINK,		D_ALL,	SPLIT_NONE },
	{ "external_url",	S_LINK,		D_ALL,	SPLIT_NONE },
	{ "link",		S_LINK,		D_ALL,	SPLIT_NONE },
	{ "lang",		S_LANG,		D_ALL,	SPLIT_NONE },
	{ "language",		S_LANG,		D_ALL,	SPLIT_NONE },
	{ "draft",		S_DRAFT,	D_ALL,	SPLIT_NONE },
	{ "published",		S_DRAFT,	D_ALL,	SPLIT_NONE },
	{ "status",		S_DRAFT,	D_META,	SPLIT_NONE },
	{ "id",			S_ID,		D_ALL,	SPLIT_NONE },
	{ "guid",		S_ID,		D_ALL,	SPLIT_NONE },
	{ "extra",		S_EXTRA,	D_TREE,	SPLIT_NONE },
};
#define NKEYS (sizeof(keymap) / sizeof(keymap[0]))

/* Reading one post. */
struct rd {
	struct post            *p;
	const char             *file;
	const struct post_opts *o;
	enum fm_dialect         d;
	const struct fm_node   *k[S_NSLOTS];	/* the key chosen per slot */
	const struct fm_node   *v[S_NSLOTS];
	int                     row[S_NSLOTS];	/* its row in keymap */
	size_t                  nextra;
	struct idset            keys;		/* string keys in extra */
};

static int
fail(struct rd *r, unsigned long line, const char *fmt, ...)
    QUIRE_PRINTF(3, 4);

static int
fail(struct rd *r, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_verr(r->file, line, fmt, ap);
	va_end(ap);
	return -1;
}

/* The row of key for dialect d, or -1. */
static int
row_of(const struct fm_node *key, enum fm_dialect d)
{
	size_t i;

	if (key->type != FM_STR)
		return -1;
	/* Every keymap key starts with a letter: its first byte, in
	 * either case, rules out most rows before strcasecmp(3). */
	for (i = 0; i < NKEYS; i++)
		if ((keymap[i].dialects & (1u << d)) != 0 &&
		    (key->s[0] | 0x20) == keymap[i].key[0] &&
		    strcasecmp(key->s, keymap[i].key) == 0)
			return (int)i;
	return -1;
}

/*
 * Append "key":value to the extra object, unless a string key is there
 * already (YAML lets a key be given twice, and [extra] may repeat a
 * key): the first one stays, so the object's keys are unique.
 */
static void
extra_put(struct rd *r, const struct fm_node *k, const struct fm_node *v)
{
	struct buf *b = &r->p->extra;

	buf_addc(b, r->nextra++ > 0 ? ',' : '{');
	if (k->type == FM_STR) {
		fm_json(b, k);
	} else {
		struct buf kb = BUF_INIT;
		struct fm_node tmp;

		fm_json(&kb, k);
		memset(&tmp, 0, sizeof(tmp));
		tmp.type = FM_STR;
		tmp.s = kb.p;
		tmp.n = kb.n;
		fm_json(b, &tmp);
		buf_free(&kb);
	}
	buf_addc(b, ':');
	fm_json(b, v);
}

static void
extra_add(struct rd *r, const struct fm_node *k, const struct fm_node *v)
{
	if (k->type != FM_STR || idset_add(&r->keys, k->s, k->n))
		extra_put(r, k, v);
}

/* Message text for a value: control and invisible characters shown. */
static const char *
show(struct buf *b, const char *s)
{
	buf_reset(b);
	fm_show(b, s, strlen(s), 200);
	return b->p != NULL ? b->p : "";
}

/*
 * The first invisible character inside s (U+00A0...), between visible
 * ones, or 0: white space around a date is allowed, inside it is what
 * makes a date unreadable without showing why.
 */
static uint32_t
invisible_in(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i, len;
	uint32_t c, first = 0;
	int seen = 0;

	for (i = 0; i < n; i += len) {
		if ((len = utf8_decode(u + i, n - i, &c)) == 0)
			return 0;
		if (c < 0x21 || c == 0x7f || c == 0xa0 || c == 0xad ||
		    (c >= 0x2000 && c <= 0x200f) || c == 0x202f ||
		    c == 0x205f || c == 0x2060 || c == 0x3000 ||
		    c == 0xfeff) {
			if (seen && first == 0 && c != ' ')
				first = c;
		} else {
			if (first != 0)
				return first;
			seen = 1;
		}
	}
	return 0;
}

/*
 * Nonzero if s is a YAML 1.1 timestamp with a time and no zone:
 * "YYYY-M-D", 'T', 't' or blanks, "h:mm:ss", an optional fraction.
 */
static int
yaml_local_time(const char *s)
{
	size_t n;

	if (strspn(s, "0123456789") != 4 || s[4] != '-')
		return 0;
	s += 5;
	if ((n = strspn(s, "0123456789")) < 1 || n > 2 || s[n] != '-')
		return 0;
	s += n + 1;
	if ((n = strspn(s, "0123456789")) < 1 || n > 2)
		return 0;
	s += n;
	if (*s == 'T' || *s == 't')
		s++;
	else if ((n = strspn(s, " \t")) > 0)
		s += n;
	else
		return 0;
	if ((n = strspn(s, "0123456789")) < 1 || n > 2 || s[n] != ':' ||
	    strspn(s + n + 1, "0123456789") != 2 || s[n + 3] != ':' ||
	    strspn(s + n + 4, "0123456789") != 2)
		return 0;
	s += n + 6;
	if (*s == '.')
		s += 1 + strspn(s + 1, "0123456789");
	return *s == '\0';
}

static int
read_date(struct rd *r, const struct fm_node *v, const char *key,
    int64_t *t, int *has)
{
	struct buf b = BUF_INIT;
	const char *zone = r->o != NULL ? r->o->zone : NULL;
	uint32_t c;

	if (v == NULL || v->type == FM_NULL)
		return 0;
	if (v->type != FM_STR)
		return fail(r, v->line, "'%s' must be a date", key);
	if (r->o != NULL && r->o->plain_utc && r->d == FM_YAML && v->plain &&
	    yaml_local_time(v->s))
		zone = NULL;
	if (strcasecmp(v->s, "Last Modified") == 0 ||
	    strcasecmp(v->s, "Created") == 0 ||
	    strcasecmp(v->s, "git Last Modified") == 0 ||
	    strcasecmp(v->s, "git Created") == 0)
		return fail(r, v->line, "'%s: %s' is Eleventy's date of the "
		    "file (its time stamp or its git history), which would "
		    "change the output from one checkout to the next: give "
		    "the date", key, v->s);
	if (date_parse_in(v->s, zone, t) < 0) {
		c = invisible_in(v->s);
		fail(r, v->line, "cannot read the date '%s' (expected "
		    "YYYY-MM-DD, optionally with a time and a zone)%s",
		    show(&b, v->s), c == 0 ? "" : c == 0xa0 ?
		    ": it holds U+00A0, a no-break space" :
		    ": it holds an invisible character");
		buf_free(&b);
		return -1;
	}
	*has = 1;
	return 0;
}

/* The string of slot s, or NULL; an error for a list or a mapping. */
static int
get_str(struct rd *r, enum slot s, const char **out)
{
	const struct fm_node *v = r->v[s], *x;

	*out = NULL;
	if (v == NULL || v->type == FM_NULL)
		return 0;
	/* An image as a mapping (Hugo themes' cover: {image: ...}). */
	if (s == S_IMAGE && v->type == FM_MAP) {
		if ((x = fm_get(v, "image")) == NULL &&
		    (x = fm_get(v, "src")) == NULL &&
		    (x = fm_get(v, "url")) == NULL)
			x = fm_get(v, "path");
		v = x;
		if (v == NULL || v->type == FM_NULL)
			return 0;
	}
	if (v->type != FM_STR)
		return fail(r, v->line, "'%s' must be a string", r->k[s]->s);
	*out = v->s;
	return 0;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
push(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

/* Nonzero if the string holds anything cmark could read as markup. */
static int
has_markup(const char *s)
{
	return strpbrk(s, "`*_[]<>&\\!") != NULL;
}

/*
 * Nonzero if the inline HTML lit is a tag of a phrasing element of
 * HTML ("<i lang=fr>", "</em>"), which a plain-text field drops while
 * keeping its text; anything else ("<T>", "<Option>") stays as written.
 */
static int
is_phrasing_tag(const char *lit)
{
	static const char *const tags[] = {
		"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del",
		"dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp",
		"small", "span", "strong", "sub", "sup", "time", "u", "var",
		"wbr"
	};
	char name[8];
	size_t n = 0, i;

	if (*lit++ != '<')
		return 0;
	if (*lit == '/')
		lit++;
	while (n + 1 < sizeof(name) && ((*lit >= 'a' && *lit <= 'z') ||
	    (*lit >= 'A' && *lit <= 'Z')))
		name[n++] = (char)(*lit >= 'A' && *lit <= 'Z' ?
		    *lit++ - 'A' + 'a' : *lit++);
	name[n] = '\0';
	if (n == 0 || strchr(" \t\n/>", *lit) == NULL)
		return 0;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strcmp(name, tags[i]) == 0)
			return 1;
	return 0;
}

void
post_inline_text(const char *s, struct buf *text, struct buf *url)
{
	cmark_node *doc, *par, *cur;
	cmark_iter *it;
	cmark_event_type ev;
	const char *lit;

	if (!has_markup(s)) {
		buf_adds(text, s);
		return;
	}
	doc = cmark_parse_document(s, strlen(s), CMARK_OPT_DEFAULT);
	par = cmark_node_first_child(doc);
	if (par == NULL || cmark_node_next(par) != NULL ||
	    cmark_node_get_type(par) != CMARK_NODE_PARAGRAPH) {
		cmark_node_free(doc);
		buf_adds(text, s);
		return;
	}
	it = cmark_iter_new(par);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cur = cmark_iter_get_node(it);
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_HTML_INLINE:
			if ((lit = cmark_node_get_literal(cur)) != NULL &&
			    !is_phrasing_tag(lit))
				buf_adds(text, lit);
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(cur)) != NULL)
				buf_adds(text, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(text, ' ');
			break;
		case CMARK_NODE_LINK:
			lit = cmark_node_get_url(cur);
			if (url != NULL && url->n == 0 && lit != NULL &&
			    url_has_scheme(lit))
				buf_adds(url, lit);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

/*
 * One author as written: a key of the site's author table, else
 * "Name <address>" (the name reduced), else inline Markdown whose first
 * link becomes the address: "[Name](url), role" is "Name, role <url>".
 */
static char *
author_text(struct rd *r, const char *s)
{
	struct buf text = BUF_INIT, url = BUF_INIT;
	const char *t, *nm, *ad;
	size_t nn, na;
	char *name;

	if (r->o != NULL && (t = authors_get(r->o->authors, s)) != NULL)
		return xstrdup(t);
	ir_author_split(s, &nm, &nn, &ad, &na);
	if (ad != NULL) {
		name = xstrndup(nm, nn);
		post_inline_text(name, &text, NULL);
		free(name);
		name = xstrndup(ad, na);
		/* No address a reader would run (quire-ir.5). */
		if (url_scheme_ok(name))
			buf_printf(&text, " <%s>", name);
		free(name);
	} else {
		post_inline_text(s, &text, &url);
		if (url.n > 0 && url_scheme_ok(url.p))
			buf_printf(&text, " <%s>", url.p);
	}
	buf_free(&url);
	if (text.p == NULL)
		buf_adds(&text, "");
	return text.p;
}

/* An author given as a mapping: name and email, url or link. */
static char *
author_map(const struct fm_node *m)
{
	const struct fm_node *n = fm_get(m, "name"), *a;
	struct buf b = BUF_INIT;

	if (n == NULL || n->type != FM_STR)
		return NULL;
	post_inline_text(n->s, &b, NULL);
	if (((a = fm_get(m, "email")) != NULL && a->type == FM_STR) ||
	    ((a = fm_get(m, "url")) != NULL && a->type == FM_STR) ||
	    ((a = fm_get(m, "link")) != NULL && a->type == FM_STR))
		if (url_scheme_ok(a->s))
			buf_printf(&b, " <%s>", a->s);
	if (b.p == NULL)
		buf_adds(&b, "");
	return b.p;
}

/* Split s at sep into v, for a list written as one string. */
static void
split_into(char ***v, size_t *n, const char *s, int sep)
{
	const char *c;

	while ((c = strchr(s, sep)) != NULL) {
		push(v, n, xstrndup(s, (size_t)(c - s)));
		s = c + 1;
	}
	push(v, n, xstrdup(s));
}

/* Read a list slot: a list, or one string (split by the rules above). */
static int
get_list(struct rd *r, enum slot s, const struct fm_node *v,
    const char *key, enum split split, char ***out, size_t *nout)
{
	const struct fm_node *it;
	size_t i, n;
	char *a;

	if (v == NULL || v->type == FM_NULL)
		return 0;
	if (v->type == FM_STR) {
		if (s == S_AUTHORS) {
			if (split == SPLIT_PELICAN && r->d == FM_META) {
				/* Pelican: ';' when there is one, else ','. */
				char **parts = NULL;
				size_t np = 0;

				split_into(&parts, &np, v->s,
				    strchr(v->s, ';') != NULL ? ';' : ',');
				for (i = 0; i < np; i++) {
					push(out, nout, author_text(r,
					    parts[i]));
					free(parts[i]);
				}
				free(parts);
			} else {
				push(out, nout, author_text(r, v->s));
			}
		} else {
			split_into(out, nout, v->s, ',');
		}
		return 0;
	}
	if (v->type != FM_LIST)
		return fail(r, v->line, "'%s' must be a string or a list",
		    key);
	n = v->nv;
	for (i = 0; i < n; i++) {
		it = &v->v[i];
		if (it->type == FM_NULL)
			continue;
		if (it->type == FM_STR) {
			push(out, nout, s == S_AUTHORS ? author_text(r, it->s) :
			    xstrdup(it->s));
			continue;
		}
		if (s == S_AUTHORS && it->type == FM_MAP &&
		    (a = author_map(it)) != NULL) {
			push(out, nout, a);
			continue;
		}
		return fail(r, it->line, "'%s': each item must be a string%s",
		    key, s == S_AUTHORS ? " or have a 'name'" : "");
	}
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

/* draft, published (a boolean or a date) and Pelican's status. */
static int
read_draft(struct rd *r, const char **date)
{
	const struct fm_node *v = r->v[S_DRAFT];
	const char *key;
	int64_t t;

	if (v == NULL || v->type == FM_NULL)
		return 0;
	key = r->k[S_DRAFT]->s;
	if (v->type != FM_STR)
		return fail(r, v->line, "'%s' must be true or false", key);
	if (strcasecmp(key, "status") == 0) {
		if (strcasecmp(v->s, "draft") == 0 ||
		    strcasecmp(v->s, "hidden") == 0)
			r->p->draft = 1;
		else if (strcasecmp(v->s, "published") != 0)
			return fail(r, v->line, "'%s' must be draft, hidden "
			    "or published", key);
		return 0;
	}
	if (strcasecmp(key, "published") == 0) {
		/* Some sites write the date as 'published'. */
		if (*date == NULL && date_parse(v->s, &t) == 0) {
			*date = v->s;
			r->k[S_DATE] = r->k[S_DRAFT];
			r->v[S_DATE] = v;
			return 0;
		}
		if (!is_true(v->s) && !is_false(v->s))
			return fail(r, v->line, "'%s' must be true or false",
			    key);
		r->p->draft = is_false(v->s);
		return 0;
	}
	if (!is_true(v->s) && !is_false(v->s))
		return fail(r, v->line, "'%s' must be true or false", key);
	r->p->draft = is_true(v->s);
	return 0;
}

/* Zola's [taxonomies]: tags and categories; the rest to extra. */
static int
read_taxonomies(struct rd *r)
{
	const struct fm_node *t = r->v[S_TAXONOMIES];
	struct fm_node rest;
	size_t i;
	int used, rc = -1;

	if (t == NULL || t->type == FM_NULL)
		return 0;
	if (t->type != FM_MAP || t->nv == 0) {
		extra_add(r, r->k[S_TAXONOMIES], t);
		return 0;
	}
	memset(&rest, 0, sizeof(rest));
	rest.type = FM_MAP;
	rest.k = xreallocarray(NULL, t->nv, sizeof(*rest.k));
	rest.v = xreallocarray(NULL, t->nv, sizeof(*rest.v));
	for (i = 0; i < t->nv; i++) {
		used = 0;
		if (t->k[i].type == FM_STR && r->v[S_TAGS] == NULL &&
		    strcasecmp(t->k[i].s, "tags") == 0) {
			if (get_list(r, S_TAGS, &t->v[i], "taxonomies.tags",
			    SPLIT_COMMA, &r->p->tags, &r->p->ntags) < 0)
				goto out;
			used = 1;
		} else if (t->k[i].type == FM_STR &&
		    r->v[S_CATEGORIES] == NULL &&
		    strcasecmp(t->k[i].s, "categories") == 0) {
			if (get_list(r, S_CATEGORIES, &t->v[i],
			    "taxonomies.categories", SPLIT_COMMA,
			    &r->p->cats, &r->p->ncats) < 0)
				goto out;
			used = 1;
		}
		if (!used) {
			rest.k[rest.nv] = t->k[i];
			rest.v[rest.nv++] = t->v[i];
		}
	}
	if (rest.nv > 0)
		extra_add(r, r->k[S_TAXONOMIES], &rest);
	rc = 0;
out:
	free(rest.k);
	free(rest.v);
	return rc;
}

int
post_read(struct post *p, const struct fm_node *root, enum fm_dialect d,
    const char *file, const struct post_opts *o)
{
	struct rd r;
	const struct fm_node *k, *v;
	const char *title, *date, *upd, *s;
	struct buf t = BUF_INIT;
	size_t i, j;
	int row, slot;

	memset(p, 0, sizeof(*p));
	memset(&r, 0, sizeof(r));
	r.p = p;
	r.file = file;
	r.o = o;
	r.d = d;
	for (i = 0; i < S_NSLOTS; i++)
		r.row[i] = -1;
	if (root == NULL || root->type != FM_MAP)
		goto mapped;

	/* Choose a key per slot: the one first in the table. */
	for (i = 0; i < root->nv; i++) {
		if ((row = row_of(&root->k[i], d)) < 0)
			continue;
		slot = (int)keymap[row].slot;
		if (r.k[slot] != NULL && strcasecmp(r.k[slot]->s,
		    root->k[i].s) == 0) {
			fail(&r, root->k[i].line, "key '%s' given twice",
			    show(&t, root->k[i].s));
			goto fail;
		}
		if (r.row[slot] < 0 || row < r.row[slot]) {
			r.row[slot] = row;
			r.k[slot] = &root->k[i];
			r.v[slot] = &root->v[i];
		}
	}
	/*
	 * Every key not chosen goes to extra; then [extra] is spread
	 * there, a key of it that is there already staying under
	 * "extra".
	 */
	for (i = 0; i < root->nv; i++) {
		k = &root->k[i];
		if ((row = row_of(k, d)) >= 0 && r.k[keymap[row].slot] == k)
			continue;
		extra_add(&r, k, &root->v[i]);
	}
	if ((v = r.v[S_EXTRA]) != NULL && v->type != FM_MAP)
		extra_add(&r, r.k[S_EXTRA], v);
	if (v != NULL && v->type == FM_MAP) {
		struct fm_node clash;

		memset(&clash, 0, sizeof(clash));
		clash.type = FM_MAP;
		clash.k = xreallocarray(NULL, v->nv + 1, sizeof(*clash.k));
		clash.v = xreallocarray(NULL, v->nv + 1, sizeof(*clash.v));
		for (j = 0; j < v->nv; j++) {
			if (v->k[j].type == FM_STR &&
			    !idset_add(&r.keys, v->k[j].s, v->k[j].n)) {
				clash.k[clash.nv] = v->k[j];
				clash.v[clash.nv++] = v->v[j];
				continue;
			}
			extra_put(&r, &v->k[j], &v->v[j]);
		}
		if (clash.nv > 0)
			extra_add(&r, r.k[S_EXTRA], &clash);
		free(clash.k);
		free(clash.v);
	}
mapped:
	if (get_str(&r, S_TITLE, &title) < 0 ||
	    get_str(&r, S_DATE, &date) < 0 ||
	    get_str(&r, S_UPDATED, &upd) < 0)
		goto fail;
	if (title != NULL) {
		buf_reset(&t);
		post_inline_text(title, &t, NULL);
		p->title = xstrndup(t.p != NULL ? t.p : "", t.n);
	}
	if (get_str(&r, S_PATH, &s) < 0)
		goto fail;
	p->path = dup_or_null(s);
	if (get_str(&r, S_SLUG, &s) < 0)
		goto fail;
	p->slug = dup_or_null(s);
	if (get_str(&r, S_SUMMARY, &s) < 0)
		goto fail;
	p->summary = dup_or_null(s);
	if (get_str(&r, S_IMAGE, &s) < 0)
		goto fail;
	p->image = dup_or_null(s);
	if (get_str(&r, S_LINK, &s) < 0)
		goto fail;
	p->link = dup_or_null(s);
	if (get_str(&r, S_LANG, &s) < 0)
		goto fail;
	p->lang = dup_or_null(s);
	if (get_str(&r, S_ID, &s) < 0)
		goto fail;
	p->id = dup_or_null(s);
	if (r.v[S_AUTHORS] != NULL && get_list(&r, S_AUTHORS,
	    r.v[S_AUTHORS], r.k[S_AUTHORS]->s,
	    keymap[r.row[S_AUTHORS]].split_meta, &p->authors,
	    &p->nauthors) < 0)
		goto fail;
	if (r.v[S_CATEGORIES] != NULL && get_list(&r, S_CATEGORIES,
	    r.v[S_CATEGORIES], r.k[S_CATEGORIES]->s, SPLIT_COMMA,
	    &p->cats, &p->ncats) < 0)
		goto fail;
	if (r.v[S_TAGS] != NULL && get_list(&r, S_TAGS, r.v[S_TAGS],
	    r.k[S_TAGS]->s, SPLIT_COMMA, &p->tags, &p->ntags) < 0)
		goto fail;
	if (read_taxonomies(&r) < 0)
		goto fail;
	if (r.nextra > 0)
		buf_addc(&p->extra, '}');
	if (read_draft(&r, &date) < 0)
		goto fail;

	if (date != NULL) {
		if (read_date(&r, r.v[S_DATE], r.k[S_DATE]->s, &p->date,
		    &p->has_date) < 0)
			goto fail;
		p->date_line = r.v[S_DATE]->line;
	}
	if (upd != NULL && *upd != '\0' && read_date(&r, r.v[S_UPDATED],
	    r.k[S_UPDATED]->s, &p->updated, &p->has_updated) < 0)
		goto fail;
	if (read_date(&r, fm_get(root, "publishDate"), "publishDate",
	    &p->publish, &p->has_publish) < 0 ||
	    read_date(&r, fm_get(root, "expiryDate"), "expiryDate",
	    &p->expiry, &p->has_expiry) < 0)
		goto fail;
	buf_free(&t);
	idset_free(&r.keys);
	return 0;
fail:
	buf_free(&t);
	idset_free(&r.keys);
	return -1;
}

static void
free_list(char **v, size_t n)
{
	while (n-- > 0)
		free(v[n]);
	free(v);
}

void
post_free(struct post *p)
{
	free(p->title);
	free(p->path);
	free(p->slug);
	free(p->summary);
	free(p->image);
	free(p->link);
	free(p->lang);
	free(p->id);
	free_list(p->authors, p->nauthors);
	free_list(p->cats, p->ncats);
	free_list(p->tags, p->ntags);
	buf_free(&p->extra);
	memset(p, 0, sizeof(*p));
}
