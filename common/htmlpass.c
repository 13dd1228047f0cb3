/*
 * htmlpass.c: the pass over the HTML cmark-gfm wrote (sitemd.h), on
 * libxml2's HTML parser, the one the EPUB cleaner (xhtml.c) uses too.
 * What no reader runs goes, embedded pages become links, headings get
 * ids, and URL-bearing attributes are resolved; the rest is written
 * back as cmark-gfm writes HTML, so a body without any of these comes
 * out as it went in.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/hash.h>
#include <libxml/tree.h>

#include "htmlmask.h"
#include "sitemd.h"

const char *const htmlpass_urlattrs[] = {
	"href", "src", "srcset", "poster", "cite", "action", "formaction",
	"data", "longdesc", "background", "manifest", "icon", "usemap",
	"xlink:href", NULL
};

/* Elements that go with their content. */
static const char *const dropped[] = {
	"script", "style", "noscript", "template", "title", "meta", "link",
	"base", "noembed", "noframes", NULL
};

/* Embedded pages and objects: a link to their source. */
static const char *const embeds[] = {
	"iframe", "embed", "object", "frame", NULL
};

/* Elements cmark-gfm writes as <x />. */
static const char *const voids[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "param", "source", "track", "wbr", NULL
};

/* Parents in which a link must stand in a paragraph of its own. */
static const char *const blocks[] = {
	"body", "div", "figure", "section", "article", "aside", "blockquote",
	"details", "main", "header", "footer", "li", "dd", "td", "th", NULL
};

struct pass {
	struct htmlpass *hp;
	/* ids in the document; an id's val: the next suffix to try */
	struct strset    used;
	struct buf       out, tmp;
	/* htmlpass_run_kept(): the blocks behind the placeholders */
	const char      *html;
	const size_t    *keep;
	size_t           nkeep;
};

/* A kept block's placeholder: U+FDD2, its number, U+FDD3. */
static const char KEEP_OPEN[] = "\xef\xb7\x92", KEEP_CLOSE[] = "\xef\xb7\x93";

static int
in(const char *const *list, const xmlChar *name)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (list[i][0] == (char)name[0] &&
		    strcmp(list[i], (const char *)name) == 0)
			return 1;
	return 0;
}

static void
esc(struct buf *b, const char *s)
{
	size_t k;

	if (s == NULL)		/* libxml2 leaves some nodes without text */
		return;
	for (;;) {
		k = strcspn(s, "&<>\"");
		buf_add(b, s, k);
		s += k;
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: return;
		}
		s++;
	}
}

/* A URL in an attribute, as cmark-gfm writes it (' too). */
static void
esc_url(struct buf *b, const char *s)
{
	const char *q;

	while ((q = strchr(s, '\'')) != NULL) {
		char *t = xstrndup(s, (size_t)(q - s));

		esc(b, t);
		free(t);
		buf_adds(b, "&#x27;");
		s = q + 1;
	}
	esc(b, s);
}

static int
is_heading(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->name[0] == 'h' &&
	    n->name[1] >= '1' && n->name[1] <= '6' && n->name[2] == '\0';
}

/*
 * A URL attribute's value, resolved against the base.  Leading and
 * trailing ASCII white space goes first, as browsers take it (HTML: "a
 * valid URL potentially surrounded by spaces").
 */
static void
resolve(struct pass *ps, const xmlChar *name, const char *v, struct buf *b)
{
	const char *p, *e, *sp;
	char *u;

	/* The scheme allow-list holds in raw HTML too (quire-ir.5). */
	if (!url_scheme_ok(v))
		return;
	if (strcmp((const char *)name, "srcset") != 0) {
		v += strspn(v, " \t\n\f\r");
		for (e = v + strlen(v); e > v && strchr(" \t\n\f\r", e[-1]);
		    e--)
			;
		u = xstrndup(v, (size_t)(e - v));
		if (ps->hp->base == NULL || *u == '\0')
			buf_adds(b, u);
		else
			url_resolve(ps->hp->base, u, b);
		free(u);
		return;
	}
	if (ps->hp->base == NULL || *v == '\0') {
		buf_adds(b, v);
		return;
	}
	/* srcset: "url [descriptor], url [descriptor]" */
	for (p = v; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		sp = p;
		while (sp < e && *sp != ' ' && *sp != '\n' && *sp != '\t')
			sp++;
		if (p > v && b->n > 0)
			buf_adds(b, ", ");
		if (sp > p) {
			u = xstrndup(p, (size_t)(sp - p));
			url_resolve(ps->hp->base, u, b);
			free(u);
		}
		while (e > sp && (e[-1] == ' ' || e[-1] == '\n'))
			e--;
		buf_add(b, sp, (size_t)(e - sp));
		if (*e == ' ' || *e == '\n')
			e += strcspn(e, ",") - (e[strcspn(e, ",")] == '\0');
	}
}

static void
attributes(struct pass *ps, xmlNodePtr n, struct buf *b)
{
	xmlAttrPtr a;
	char *v;

	for (a = n->properties; a != NULL; a = a->next) {
		buf_addc(b, ' ');
		buf_adds(b, (const char *)a->name);
		if (a->children == NULL)
			continue;
		if (a->children->next == NULL &&
		    a->children->type == XML_TEXT_NODE &&
		    !in(htmlpass_urlattrs, a->name)) {
			/* The common case, without a copy. */
			buf_adds(b, "=\"");
			esc(b, (const char *)a->children->content);
			buf_addc(b, '"');
			continue;
		}
		v = (char *)xmlNodeGetContent((xmlNodePtr)a);
		buf_adds(b, "=\"");
		if (in(htmlpass_urlattrs, a->name)) {
			buf_reset(&ps->tmp);
			resolve(ps, a->name, v != NULL ? v : "", &ps->tmp);
			esc_url(b, ps->tmp.p != NULL ? ps->tmp.p : "");
		} else if (v != NULL) {
			esc(b, v);
		}
		buf_addc(b, '"');
		xmlFree(v);
	}
}

static char *
prop(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static void serialise(struct pass *ps, xmlNodePtr n);

/* An embedded page: a link to its source, its title as the text. */
static void
embed(struct pass *ps, xmlNodePtr n)
{
	char *src = prop(n, "src"), *title = prop(n, "title");
	int para;

	if (src == NULL)
		src = prop(n, "data");
	if (src == NULL || *src == '\0') {
		/* Nothing to link to: an object's fallback content stays. */
		serialise(ps, n->children);
		goto out;
	}
	para = n->parent == NULL || in(blocks, n->parent->name);
	if (para)
		buf_adds(&ps->out, "<p>");
	buf_adds(&ps->out, "<a href=\"");
	buf_reset(&ps->tmp);
	resolve(ps, (const xmlChar *)"href", src, &ps->tmp);
	esc(&ps->out, ps->tmp.p);
	buf_adds(&ps->out, "\">");
	esc(&ps->out, title != NULL && *title != '\0' ? title : src);
	buf_adds(&ps->out, "</a>");
	if (para)
		buf_adds(&ps->out, "</p>");
	/* An object's fallback content is for readers like ours. */
	if (strcmp((const char *)n->name, "object") == 0)
		serialise(ps, n->children);
out:
	xmlFree(src);
	xmlFree(title);
}

/*
 * Text with the placeholders of kept blocks (kept_ok() has checked
 * them): the text around them escaped, the blocks as they are.
 */
static void
unkeep(struct pass *ps, const char *s)
{
	const char *p;
	char *t, *end;
	size_t i;

	while ((p = strstr(s, KEEP_OPEN)) != NULL) {
		t = xstrndup(s, (size_t)(p - s));
		esc(&ps->out, t);
		free(t);
		i = strtoul(p + 3, &end, 10);
		buf_add(&ps->out, ps->html + ps->keep[2 * i],
		    ps->keep[2 * i + 1] - ps->keep[2 * i]);
		s = end + 3;
	}
	esc(&ps->out, s);
}

static void
serialise(struct pass *ps, xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content == NULL)
				continue;
			if (ps->nkeep > 0 && n->type == XML_TEXT_NODE &&
			    strstr((const char *)n->content, KEEP_OPEN) != NULL)
				unkeep(ps, (const char *)n->content);
			else
				esc(&ps->out, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || in(dropped, n->name))
			continue;
		if (in(embeds, n->name)) {
			embed(ps, n);
			continue;
		}
		buf_addc(&ps->out, '<');
		buf_adds(&ps->out, (const char *)n->name);
		attributes(ps, n, &ps->out);
		if (in(voids, n->name)) {
			buf_adds(&ps->out, " />");
			continue;
		}
		buf_addc(&ps->out, '>');
		serialise(ps, n->children);
		buf_adds(&ps->out, "</");
		buf_adds(&ps->out, (const char *)n->name);
		buf_addc(&ps->out, '>');
	}
}

static void
collect_ids(struct pass *ps, xmlNodePtr n)
{
	xmlChar *id;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((id = xmlGetProp(n, (const xmlChar *)"id")) != NULL) {
			strset_add(&ps->used, (const char *)id,
			    strlen((const char *)id));
			xmlFree(id);
		}
		collect_ids(ps, n->children);
	}
}

static void
text_of(xmlNodePtr n, struct buf *b)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			buf_adds(b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE && !in(dropped, n->name))
			text_of(n->children, b);
	}
}

/* The last text node below n, or NULL. */
static xmlNodePtr
last_text(xmlNodePtr n)
{
	xmlNodePtr c, t;

	for (c = n->last; c != NULL; c = c->prev) {
		if (c->type == XML_TEXT_NODE)
			return c;
		if (c->type == XML_ELEMENT_NODE && (t = last_text(c)) != NULL)
			return t;
	}
	return NULL;
}

/* A trailing "{#id}" of the heading's text: taken off, returned. */
static char *
given_id(xmlNodePtr h)
{
	xmlNodePtr t = last_text(h);
	const char *s, *o;
	size_t n;
	char *id, *rest;

	if (t == NULL || t->content == NULL)
		return NULL;
	s = (const char *)t->content;
	n = strlen(s);
	while (n > 0 && strchr(" \t\n", s[n - 1]) != NULL)
		n--;
	if (n < 4 || s[n - 1] != '}')
		return NULL;
	for (o = s + n - 1; o > s && o[-1] != '{'; o--)
		;
	if (o == s || *o != '#' || o + 1 >= s + n - 1)
		return NULL;
	if (strcspn(o + 1, " \t\n{}") != (size_t)(s + n - 1 - o - 1))
		return NULL;
	id = xstrndup(o + 1, (size_t)(s + n - 1 - o - 1));
	o--;
	while (o > s && strchr(" \t\n", o[-1]) != NULL)
		o--;
	rest = xstrndup(s, (size_t)(o - s));
	xmlNodeSetContent(t, (const xmlChar *)rest);
	free(rest);
	return id;
}

void
htmlpass_slug(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t k;
	uint32_t c;

	for (; p < end; p += k) {
		if (*p < 0x80) {
			k = 1;
			if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			    *p == '-' || *p == '_')
				buf_addc(b, *p);
			else if (*p >= 'A' && *p <= 'Z')
				buf_addc(b, *p + 32);
			else if (*p == ' ')
				buf_addc(b, '-');
			continue;
		}
		if ((k = utf8_decode(p, (size_t)(end - p), &c)) == 0) {
			k = 1;
			continue;
		}
		/* Punctuation, symbols and emoji go; letters stay. */
		if ((c >= 0xa0 && c <= 0xbf) || c == 0xd7 || c == 0xf7 ||
		    (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 &&
		    c <= 0x303f) || (c >= 0xfe30 && c <= 0xfe4f) ||
		    (c >= 0xff00 && c <= 0xff0f) || c >= 0x1f000)
			continue;
		if (c >= 0xc0 && c <= 0xde) {
			/* Latin-1 capitals, the common case. */
			buf_addc(b, 0xc3);
			buf_addc(b, (int)(0x80 | ((c + 32) & 0x3f)));
			continue;
		}
		buf_add(b, p, k);
	}
}

/* Claim id, or id-1, id-2, ...: the one claimed, in ps->tmp. */
static void
claim(struct pass *ps, const char *id)
{
	struct strset_slot *sl;
	unsigned long k;

	buf_reset(&ps->tmp);
	buf_adds(&ps->tmp, id);
	if ((sl = strset_get(&ps->used, id, strlen(id), 0)) != NULL) {
		for (k = sl->val > 0 ? sl->val : 1; ; k++) {
			buf_reset(&ps->tmp);
			buf_printf(&ps->tmp, "%s-%lu", id, k);
			if (strset_get(&ps->used, ps->tmp.p, ps->tmp.n, 0) ==
			    NULL)
				break;
		}
		/* The slot may have moved: look it up again. */
		strset_get(&ps->used, id, strlen(id), 0)->val = k + 1;
	}
	strset_add(&ps->used, ps->tmp.p, ps->tmp.n);
}

static void
headings(struct pass *ps, xmlNodePtr n)
{
	struct buf t = BUF_INIT, s = BUF_INIT;
	xmlChar *have;
	char *id;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!is_heading(n)) {
			headings(ps, n->children);
			continue;
		}
		if ((have = xmlGetProp(n, (const xmlChar *)"id")) != NULL) {
			xmlFree(have);
			continue;
		}
		if ((id = given_id(n)) == NULL) {
			buf_reset(&t);
			buf_reset(&s);
			text_of(n->children, &t);
			htmlpass_slug(&s, t.p != NULL ? t.p : "", t.n);
			id = xstrdup(s.n > 0 ? s.p : "section");
		}
		claim(ps, id);
		xmlSetProp(n, (const xmlChar *)"id",
		    (const xmlChar *)ps->tmp.p);
		free(id);
	}
	buf_free(&t);
	buf_free(&s);
}

static xmlNodePtr
find_body(xmlNodePtr n)
{
	xmlNodePtr c, r;

	for (c = n; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "body") == 0)
			return c;
		if (c->type == XML_ELEMENT_NODE &&
		    (r = find_body(c->children)) != NULL)
			return r;
	}
	return NULL;
}

/*
 * Elements in which libxml2 2.9's HTML parser reads a block cmark-gfm
 * writes (<p>, <ul>, <ol>, <blockquote>, <pre>, <hr />, <table>) as
 * their child: none of those start tags closes them (htmlStartClose),
 * none is html or head (where text would open a <p>), and the pass
 * keeps them and their content.
 */
static const char *const holders[] = {
	"body", "div", "blockquote", "li", "dd", "td", "th", "details",
	"summary", "section", "article", "aside", "main", "header",
	"footer", "figure", "figcaption", "nav", NULL
};

/*
 * Elements that may stand above a holder: the lists and tables around
 * li, dd, td and th.  A start tag closes only the element it is read
 * in (and then that one's parent, if it closes it too), so these need
 * not be holders themselves.
 */
static const char *const frames[] = {
	"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", NULL
};

/*
 * Nonzero if the text node t stands in the body under a holder, with
 * only holders and frames above that: where the parser reads a block
 * as the child of t's parent, as it reads it at the top of the body,
 * and no heading or link takes the placeholder for its text.
 */
static int
held(xmlNodePtr t)
{
	xmlNodePtr a;

	if (t->parent == NULL || t->parent->type != XML_ELEMENT_NODE ||
	    !in(holders, t->parent->name))
		return 0;
	for (a = t->parent; a != NULL && a->type == XML_ELEMENT_NODE;
	    a = a->parent) {
		if (!in(holders, a->name) && !in(frames, a->name))
			return 0;
		if (strcmp((const char *)a->name, "body") == 0)
			return 1;
	}
	return 0;
}

/*
 * Nonzero if the placeholders 0 to nkeep - 1 stand in the text of the
 * tree at n in order, each once and in a text node held(); *next
 * counts them.  No other U+FDD2 reaches the tree (htmlpass_keep_clash()),
 * so one the parser hid in an attribute, a comment or the head, or
 * dropped, is one short.
 */
static int
kept_ok(xmlNodePtr n, size_t nkeep, size_t *next)
{
	const char *p;
	char *end;
	unsigned long i;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			if (!kept_ok(n->children, nkeep, next))
				return 0;
			continue;
		}
		if (n->content == NULL)
			continue;
		for (p = (const char *)n->content;
		    (p = strstr(p, KEEP_OPEN)) != NULL; p = end + 3) {
			if (n->type != XML_TEXT_NODE || !held(n))
				return 0;
			i = strtoul(p + 3, &end, 10);
			if (end == p + 3 || i != *next || *next >= nkeep ||
			    strncmp(end, KEEP_CLOSE, 3) != 0)
				return 0;
			++*next;
		}
	}
	return 1;
}

int
htmlpass_keep_clash(const char *s, size_t n)
{
	const char *p, *q, *e = s + n;
	unsigned long v;
	int hex, d;

	if (mem_find(s, n, KEEP_OPEN, 3) != NULL ||
	    mem_find(s, n, KEEP_CLOSE, 3) != NULL ||
	    mem_find(s, n, "\xef\xbf\xbe", 3) != NULL ||
	    mem_find(s, n, "\xef\xbf\xbf", 3) != NULL)
		return 1;
	for (p = s; (p = memchr(p, '&', (size_t)(e - p))) != NULL; p++) {
		if (e - p < 3 || p[1] != '#')
			continue;
		q = p + 2;
		if ((hex = *q == 'x' || *q == 'X'))
			q++;
		for (v = 0; q < e; q++) {
			d = url_hexval((unsigned char)*q);
			if (d < 0 || (!hex && d > 9))
				break;
			v = v * (hex ? 16 : 10) + (unsigned long)d;
			if (v > 0x10FFFF)
				v = 0x110000;	/* no character: stays too big */
		}
		if (v == 0xFDD2 || v == 0xFDD3 || v == 0xFFFE || v == 0xFFFF)
			return 1;
	}
	return 0;
}

/* The document of html[0..n), the kept blocks behind placeholders. */
static htmlDocPtr
read_kept(struct pass *ps, const char *html, size_t n)
{
	struct buf m = BUF_INIT;
	htmlDocPtr doc;
	xmlNodePtr body;
	size_t i, at = 0, next = 0;

	if (htmlpass_keep_clash(html, n))
		return NULL;
	for (i = 0; i < ps->nkeep; i++) {
		buf_add(&m, html + at, ps->keep[2 * i] - at);
		buf_printf(&m, "%s%zu%s", KEEP_OPEN, i, KEEP_CLOSE);
		at = ps->keep[2 * i + 1];
	}
	buf_add(&m, html + at, n - at);
	doc = html_read(m.p, m.n, HTML_READ_PASS, NULL);
	buf_free(&m);
	if (doc == NULL)
		return NULL;
	body = find_body(xmlDocGetRootElement(doc));
	if (body == NULL || !kept_ok(body->children, ps->nkeep, &next) ||
	    next != ps->nkeep) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static int
run(struct pass *ps, const char *html, size_t n, struct buf *out)
{
	htmlDocPtr doc = NULL;
	xmlNodePtr body;

	if (n == 0) {
		buf_adds(out, "");
		return 0;
	}
	if (ps->nkeep > 0 && (doc = read_kept(ps, html, n)) == NULL)
		ps->nkeep = 0;
	/* The text's long runs kept from the parser's slow loop. */
	if (doc == NULL &&
	    (doc = html_read(html, n, HTML_READ_PASS, NULL)) == NULL) {
		buf_add(out, html, n);
		return -1;
	}
	ps->out = *out;
	body = find_body(xmlDocGetRootElement(doc));
	if (body == NULL) {
		/* No implied html and body: the nodes are the document's. */
		collect_ids(ps, doc->children);
		headings(ps, doc->children);
		serialise(ps, doc->children);
	} else {
		collect_ids(ps, body->children);
		headings(ps, body->children);
		serialise(ps, body->children);
	}
	buf_adds(&ps->out, "");
	*out = ps->out;
	strset_free(&ps->used);
	buf_free(&ps->tmp);
	xmlFreeDoc(doc);
	return 0;
}

int
htmlpass_run(struct htmlpass *hp, const char *html, size_t n,
    struct buf *out)
{
	struct pass ps;

	memset(&ps, 0, sizeof(ps));
	ps.hp = hp;
	return run(&ps, html, n, out);
}

int
htmlpass_run_kept(struct htmlpass *hp, const char *html, size_t n,
    const size_t *keep, size_t nkeep, struct buf *out)
{
	struct pass ps;

	memset(&ps, 0, sizeof(ps));
	ps.hp = hp;
	ps.html = html;
	ps.keep = keep;
	ps.nkeep = nkeep;
	return run(&ps, html, n, out);
}

/* Phrasing elements that hold no URL and mean the same in any reader. */
static const char *const phrasing[] = {
	"b", "i", "em", "strong", "small", "sup", "sub", "u", "s", "kbd",
	"code", "mark", "span", "del", NULL
};

const char *
htmlpass_inline(struct htmlpass_tags *t, const void *parent, const char *lit)
{
	size_t i, k;
	int close = lit[0] == '<' && lit[1] == '/';
	const char *name = lit + 1 + close;

	if (lit[0] != '<')
		return NULL;
	if (!close && (strcmp(lit, "<br>") == 0 || strcmp(lit, "<br/>") == 0 ||
	    strcmp(lit, "<br />") == 0))
		return "<br />";
	for (i = 0; phrasing[i] != NULL; i++) {
		k = strlen(phrasing[i]);
		if (strncmp(name, phrasing[i], k) == 0 && name[k] == '>' &&
		    name[k + 1] == '\0')
			break;
	}
	if (phrasing[i] == NULL)
		return NULL;
	if (!close) {
		if (t->n == sizeof(t->name) / sizeof(t->name[0]))
			return NULL;
		t->parent[t->n] = parent;
		t->name[t->n++] = phrasing[i];
		return lit;
	}
	if (t->n == 0 || t->parent[t->n - 1] != parent ||
	    t->name[t->n - 1] != phrasing[i])
		return NULL;
	t->n--;
	return lit;
}

int
htmlpass_inline_done(const struct htmlpass_tags *t)
{
	return t->n == 0;
}

int
htmlpass_comments_only(const char *s, struct buf *ws)
{
	const char *e;

	buf_reset(ws);
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			buf_addc(ws, *s++);
		if (*s == '\0')
			break;
		/* "<!-->" and "<!--->" are not comments that end here. */
		if (strncmp(s, "<!--", 4) != 0 ||
		    (e = strstr(s + 4, "-->")) == NULL)
			return 0;
		s = e + 3;
	}
	buf_adds(ws, "");
	return 1;
}

void
htmlpass_scan(const char *s, void (*note)(void *, size_t, const char *),
    void *arg)
{
	static const char *const tags[] = { "script", "style", "noscript",
		"iframe", "embed", "object", NULL };
	const char *p;
	size_t i, k;

	for (p = s; (p = strchr(p, '<')) != NULL; p++)
		for (i = 0; tags[i] != NULL; i++) {
			k = strlen(tags[i]);
			if (strncasecmp(p + 1, tags[i], k) == 0 &&
			    strchr(" \t\n/>", p[1 + k]) != NULL && p[1 + k]) {
				note(arg, (size_t)(p - s), tags[i]);
				break;
			}
		}
}

int
htmlpass_plain(struct htmlpass *hp, const char *html, char *const *given,
    char *const *texts, size_t nh, struct buf *out)
{
	struct pass ps;
	struct buf s = BUF_INIT;
	const char *p, *q, *e;
	char *id;
	size_t i = 0;

	memset(&ps, 0, sizeof(ps));
	ps.hp = hp;
	/* The ids cmark-gfm wrote itself (footnotes). */
	for (p = html; (p = strstr(p, " id=\"")) != NULL; p = e) {
		p += 5;
		if ((e = strchr(p, '"')) == NULL)
			break;
		id = xstrndup(p, (size_t)(e - p));
		strset_add(&ps.used, id, strlen(id));
		free(id);
	}
	for (p = html; *p != '\0'; p = q) {
		/* The next heading's start tag, or footnote link. */
		for (q = p; (q = strchr(q, '<')) != NULL; q++)
			if ((q[1] == 'h' && q[2] >= '1' && q[2] <= '6' &&
			    q[3] == '>') || (hp->base != NULL &&
			    strncmp(q, "<a href=\"#", 10) == 0))
				break;
		if (q == NULL) {
			buf_adds(out, p);
			break;
		}
		buf_add(out, p, (size_t)(q - p));
		if (q[1] == 'a') {
			/* cmark-gfm's footnote links, resolved like the rest. */
			buf_adds(out, "<a href=\"");
			buf_reset(&ps.tmp);
			url_resolve(hp->base, "", &ps.tmp);
			esc(out, ps.tmp.p);
			q += 9;
			continue;
		}
		if (i < nh && given[i] != NULL) {
			claim(&ps, given[i]);
		} else {
			buf_reset(&s);
			if (i < nh)
				htmlpass_slug(&s, texts[i], strlen(texts[i]));
			claim(&ps, s.n > 0 ? s.p : "section");
		}
		i++;
		buf_add(out, q, 3);
		buf_adds(out, " id=\"");
		esc(out, ps.tmp.p);
		buf_adds(out, "\">");
		q += 4;
	}
	buf_adds(out, "");
	strset_free(&ps.used);
	buf_free(&ps.tmp);
	buf_free(&s);
	return 0;
}
