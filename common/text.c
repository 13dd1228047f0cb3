/*
 * text.c: HTML to plain text for mail; see text.h.
 *
 * libxml2's HTML parser builds the tree; a walk over it collects the
 * words of each block into a paragraph, which is wrapped and written
 * with the prefix of the blocks around it (quotes, list items) when
 * the block ends.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "htmlmask.h"
#include "text.h"

#define WIDTH 72

struct text {
	struct buf *out;
	struct buf  para;		/* words of the block being read */
	struct buf  prefix;		/* of every line of the block */
	struct buf  marker;		/* first line of the next block */
	struct buf  links;		/* "[N] URL" lines */
	struct buf  tmp;
	const char *base;
	unsigned    nlinks;
	int         space;		/* a space is pending in para */
	int         tight;		/* no empty line before the block */
	const char *hidden;		/* tag-filtered element being left out */
	int         started;		/* something was written */
};

/* Elements whose content is not text for a reader. */
static int
skipped(const char *name)
{
	static const char *const names[] = { "script", "style", "template",
		"noscript", "head", "title", "button",
		"select", "textarea", "input", "form", "object", "embed",
		"canvas", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if ((name[0] | 0x20) == names[i][0] &&
		    strcasecmp(name, names[i]) == 0)
			return 1;
	return 0;
}

static int
is_block(const char *name)
{
	static const char *const names[] = { "p", "div", "section",
		"article", "aside", "header", "footer", "nav", "main",
		"figure", "figcaption", "details", "summary", "dl", "dt",
		"dd", "table", "tr", "address", "center", "body", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if ((name[0] | 0x20) == names[i][0] &&
		    strcasecmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/* Columns of s[0..n): its code points, roughly. */
static size_t
columns(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * Append one line: the prefix then s[0..n); on the first line of a
 * list item, the item's marker stands in the prefix's last columns.
 */
static void
put_line(struct text *t, const char *s, size_t n, int first)
{
	size_t k = t->marker.n;

	if (first && k > 0 && t->prefix.n >= k) {
		buf_add(t->out, t->prefix.p, t->prefix.n - k);
		buf_add(t->out, t->marker.p, t->marker.n);
	} else {
		buf_add(t->out, t->prefix.p, t->prefix.n);
	}
	buf_add(t->out, s, n);
	/* No trailing spaces (a prefix alone on an empty line). */
	while (t->out->n > 0 && t->out->p[t->out->n - 1] == ' ')
		t->out->n--;
	buf_addc(t->out, '\n');
}

/* An empty line between blocks, with the quote marks of the prefix. */
static void
separate(struct text *t)
{
	if (t->started)
		put_line(t, "", 0, 0);
}

/*
 * Write the paragraph collected so far, wrapped: each line as many
 * words as fit in the room the prefix leaves, a longer word alone.
 * Every byte is looked at about once.
 */
static void
flush(struct text *t)
{
	const char *p, *end, *brk, *q;
	size_t room, cols;
	int first = 1;

	if (t->para.n == 0)
		return;
	if (!t->tight)
		separate(t);
	t->tight = 0;
	room = WIDTH > t->prefix.n + 20 ? WIDTH - t->prefix.n : 20;
	p = t->para.p;
	end = p + t->para.n;
	while (p < end) {
		brk = NULL;
		cols = 0;
		for (q = p; q < end; q++) {
			if (*q == ' ') {
				if (cols <= room)
					brk = q;	/* fits: a candidate */
				else if (brk == NULL)
					brk = q;	/* a long word alone */
				if (cols > room)
					break;
			}
			if (((unsigned char)*q & 0xc0) != 0x80)
				cols++;
			if (cols > room && brk != NULL)
				break;
		}
		if (q >= end && (cols <= room || brk == NULL))
			brk = end;
		put_line(t, p, (size_t)(brk - p), first);
		first = 0;
		p = brk < end ? brk + 1 : end;
	}
	buf_reset(&t->para);
	buf_reset(&t->marker);
	t->space = 0;
	t->started = 1;
}

/* Add text to the paragraph, white space folded. */
static void
words(struct text *t, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\f') {
			t->space = t->para.n > 0;
			continue;
		}
		if (t->space)
			buf_addc(&t->para, ' ');
		t->space = 0;
		buf_addc(&t->para, *s);
	}
}

/* The URL to list for href, in t->tmp; 0 when it gets no number. */
static int
link_url(struct text *t, const char *href)
{
	struct buf abs = BUF_INIT;
	size_t n;

	buf_reset(&t->tmp);
	if (href == NULL || *href == '\0' || *href == '#')
		return 0;
	if (t->base != NULL && !url_has_scheme(href))
		url_resolve(t->base, href, &abs);
	else
		buf_adds(&abs, href);
	/* A fragment of this very page. */
	n = t->base != NULL ? strcspn(t->base, "#") : 0;
	if (n > 0 && strncmp(abs.p, t->base, n) == 0 && abs.p[n] == '#') {
		buf_free(&abs);
		return 0;
	}
	if (strncasecmp(abs.p, "javascript:", 11) == 0 ||
	    strncasecmp(abs.p, "data:", 5) == 0) {
		buf_free(&abs);
		return 0;
	}
	url_normalize(&t->tmp, abs.p);
	buf_free(&abs);
	return 1;
}

/* Number a link: "[N]" after its text, "[N] URL" at the end. */
static void
add_ref(struct text *t)
{
	char num[24];

	t->nlinks++;
	snprintf(num, sizeof(num), "[%u]", t->nlinks);
	if (t->para.n > 0 && !t->space)
		buf_addc(&t->para, ' ');
	else if (t->space)
		buf_addc(&t->para, ' ');
	t->space = 0;
	buf_adds(&t->para, num);
	buf_printf(&t->links, "%s %s\n", num, t->tmp.p);
}

/*
 * Text outside code: raw HTML that cmark-gfm's tagfilter turned into
 * text ("<script ...>...</script>", "<style>", "<iframe>" shown as
 * characters) is left out, as a browser would not show it either.
 */
static void
prose(struct text *t, const char *s)
{
	static const char *const tags[] = { "script", "style", "iframe",
		"textarea", "title", "xmp", "noembed", "noframes",
		"plaintext", NULL };
	struct buf keep = BUF_INIT;
	const char *p = s, *q, *e;
	size_t i, k;

	while (*p != '\0') {
		if (t->hidden != NULL) {
			/* Up to and past the end tag. */
			k = strlen(t->hidden);
			for (q = p; (q = strstr(q, "</")) != NULL; q += 2)
				if (strncasecmp(q + 2, t->hidden, k) == 0)
					break;
			if (q == NULL)
				break;
			e = strchr(q, '>');
			p = e != NULL ? e + 1 : q + 2 + k;
			t->hidden = NULL;
			continue;
		}
		if (*p == '<') {
			for (i = 0; tags[i] != NULL; i++) {
				k = strlen(tags[i]);
				if (strncasecmp(p + 1, tags[i], k) == 0 &&
				    strchr(" \t\n>/", p[1 + k]) != NULL &&
				    p[1 + k] != '\0')
					break;
			}
			if (tags[i] != NULL) {
				t->hidden = tags[i];
				continue;
			}
		}
		buf_addc(&keep, *p++);
	}
	if (keep.n > 0)
		words(t, keep.p);
	buf_free(&keep);
}

/* Nonzero if n is inside code, where text is shown as it is. */
static int
in_code(xmlNodePtr n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (strcasecmp((const char *)n->name, "code") == 0 ||
		    strcasecmp((const char *)n->name, "kbd") == 0 ||
		    strcasecmp((const char *)n->name, "samp") == 0)
			return 1;
	return 0;
}

static void walk(struct text *t, xmlNodePtr n);

/* Text of n's subtree, folded (for comparing a link's text and URL). */
static int
text_is(xmlNodePtr n, const char *s)
{
	xmlChar *c = xmlNodeGetContent(n);
	int r = c != NULL && strcmp((const char *)c, s) == 0;

	xmlFree(c);
	return r;
}

/* Cut the prefix back to n bytes. */
static void
prefix_cut(struct text *t, size_t n)
{
	t->prefix.n = n;
	if (t->prefix.p != NULL)
		t->prefix.p[n] = '\0';
}

/* A block whose lines all start with prefix (NULL: none more). */
static void
block(struct text *t, xmlNodePtr n, const char *prefix)
{
	size_t keep = t->prefix.n;

	flush(t);
	if (prefix != NULL && prefix[0] == '>') {
		/* The empty line before a quote has no quote mark. */
		separate(t);
		t->tight = 1;
	}
	if (prefix != NULL)
		buf_adds(&t->prefix, prefix);
	walk(t, n);
	flush(t);
	prefix_cut(t, keep);
}

/*
 * A list item: its marker on its first line, its other lines under
 * its text; items without paragraphs (a tight list) follow each other
 * without an empty line.
 */
static void
item(struct text *t, xmlNodePtr n, const char *mark, int first)
{
	xmlNodePtr c;
	size_t keep, k;
	int tight = 1;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcasecmp((const char *)c->name, "p") == 0)
			tight = 0;
	flush(t);
	keep = t->prefix.n;
	for (k = columns(mark, strlen(mark)); k > 0; k--)
		buf_addc(&t->prefix, ' ');
	buf_reset(&t->marker);
	buf_adds(&t->marker, mark);
	t->tight = tight && !first;
	walk(t, n);
	flush(t);
	buf_reset(&t->marker);
	t->tight = 0;
	prefix_cut(t, keep);
}

/* Nonzero if n's class attribute holds cls. */
static int
has_class(xmlNodePtr n, const char *cls)
{
	xmlChar *v = n != NULL && n->type == XML_ELEMENT_NODE ?
	    xmlGetProp(n, BAD_CAST "class") : NULL;
	const char *p;
	size_t k = strlen(cls);
	int r = 0;

	for (p = (const char *)v; p != NULL && (p = strstr(p, cls)) != NULL;
	    p += k)
		if ((p == (const char *)v || p[-1] == ' ') &&
		    (p[k] == '\0' || p[k] == ' '))
			r = 1;
	xmlFree(v);
	return r;
}

static void
element(struct text *t, xmlNodePtr n)
{
	const char *name = (const char *)n->name;
	xmlNodePtr c;
	xmlChar *v;
	char mark[32];
	unsigned long k;
	size_t keep;

	if (skipped(name) || has_class(n, "footnote-backref"))
		return;
	/* A footnote reference: "[^1]", as Markdown writes it. */
	if (strcasecmp(name, "sup") == 0 && has_class(n, "footnote-ref")) {
		v = xmlNodeGetContent(n);
		t->space = 0;
		buf_printf(&t->para, "[^%s]", v != NULL ? (const char *)v : "");
		xmlFree(v);
		return;
	}
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0') {
		flush(t);
		snprintf(mark, sizeof(mark), "%.*s ", name[1] - '0',
		    "######");
		buf_adds(&t->para, mark);
		walk(t, n);
		flush(t);
		return;
	}
	if (strcasecmp(name, "ul") == 0 || strcasecmp(name, "ol") == 0 ||
	    strcasecmp(name, "menu") == 0) {
		flush(t);
		v = xmlGetProp(n, BAD_CAST "start");
		k = v != NULL ? strtoul((const char *)v, NULL, 10) : 1;
		xmlFree(v);
		keep = 1;
		for (c = n->children; c != NULL; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (has_class(n->parent, "footnotes"))
				snprintf(mark, sizeof(mark), "[^%lu]: ", k++);
			else if (name[0] == 'o' || name[0] == 'O')
				snprintf(mark, sizeof(mark), "%lu. ", k++);
			else
				snprintf(mark, sizeof(mark), "- ");
			item(t, c, mark, (int)keep);
			keep = 0;
		}
		return;
	}
	if (strcasecmp(name, "blockquote") == 0) {
		block(t, n, "> ");
		return;
	}
	if (strcasecmp(name, "pre") == 0) {
		const char *p, *nl;

		flush(t);
		separate(t);
		v = xmlNodeGetContent(n);
		for (p = (const char *)v; p != NULL && *p != '\0';
		    p = nl != NULL ? nl + 1 : NULL) {
			nl = strchr(p, '\n');
			if (nl != NULL && nl[1] == '\0' && nl > p) {
				buf_reset(&t->tmp);
				buf_adds(&t->tmp, "    ");
				buf_add(&t->tmp, p, (size_t)(nl - p));
				put_line(t, t->tmp.p, t->tmp.n, 0);
				break;
			}
			buf_reset(&t->tmp);
			buf_adds(&t->tmp, "    ");
			buf_add(&t->tmp, p, nl != NULL ? (size_t)(nl - p) :
			    strlen(p));
			put_line(t, t->tmp.p, t->tmp.n, 0);
		}
		xmlFree(v);
		t->started = 1;
		return;
	}
	if (strcasecmp(name, "hr") == 0) {
		flush(t);
		separate(t);
		put_line(t, "* * *", 5, 0);
		return;
	}
	if (strcasecmp(name, "br") == 0) {
		/* A line break ends a line of the paragraph. */
		flush(t);
		return;
	}
	if (strcasecmp(name, "img") == 0) {
		v = xmlGetProp(n, BAD_CAST "alt");
		words(t, "[");
		t->space = 0;
		words(t, v != NULL && *v != '\0' ? (const char *)v : "image");
		buf_addc(&t->para, ']');
		xmlFree(v);
		v = xmlGetProp(n, BAD_CAST "src");
		if (link_url(t, (const char *)v))
			add_ref(t);
		xmlFree(v);
		return;
	}
	if (strcasecmp(name, "iframe") == 0 || strcasecmp(name, "video") == 0 ||
	    strcasecmp(name, "audio") == 0) {
		v = xmlGetProp(n, BAD_CAST "src");
		if (link_url(t, (const char *)v)) {
			words(t, " [");
			t->space = 0;
			words(t, name);
			buf_addc(&t->para, ']');
			add_ref(t);
		}
		xmlFree(v);
		return;
	}
	if (strcasecmp(name, "a") == 0) {
		v = xmlGetProp(n, BAD_CAST "href");
		walk(t, n);
		if (link_url(t, (const char *)v) && !text_is(n, t->tmp.p) &&
		    !text_is(n, (const char *)v))
			add_ref(t);
		xmlFree(v);
		return;
	}
	if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0) {
		if (t->para.n > 0)
			words(t, " | ");
		walk(t, n);
		return;
	}
	if (strcasecmp(name, "li") == 0) {
		item(t, n, "- ", 1);
		return;
	}
	if (is_block(name)) {
		block(t, n, strcasecmp(name, "dd") == 0 ? "    " : NULL);
		return;
	}
	walk(t, n);
}

static void
walk(struct text *t, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (in_code(n))
				words(t, (const char *)c->content);
			else
				prose(t, (const char *)c->content);
		}
		else if (c->type == XML_ELEMENT_NODE)
			element(t, c);
	}
}

int
text_from_html(struct buf *out, const char *html, size_t n,
    const char *base)
{
	struct text t;
	htmlDocPtr doc;
	xmlNodePtr root;

	if (n > INT_MAX)
		return -1;
	doc = html_read(n > 0 ? html : " ", n > 0 ? n : 1, HTML_READ_TEXT,
	    NULL);
	if (doc == NULL)
		return -1;
	memset(&t, 0, sizeof(t));
	t.out = out;
	t.base = base != NULL && url_has_scheme(base) ? base : NULL;
	buf_adds(&t.prefix, "");
	for (root = doc->children; root != NULL; root = root->next) {
		if (root->type == XML_TEXT_NODE)
			prose(&t, (const char *)root->content);
		else if (root->type == XML_ELEMENT_NODE) {
			if (is_block((const char *)root->name) ||
			    strcasecmp((const char *)root->name, "html") == 0)
				walk(&t, root);
			else
				element(&t, root);
		}
	}
	flush(&t);
	if (t.links.n > 0) {
		separate(&t);
		buf_add(out, t.links.p, t.links.n);
	}
	if (out->p == NULL)
		buf_adds(out, "");
	xmlFreeDoc(doc);
	buf_free(&t.para);
	buf_free(&t.prefix);
	buf_free(&t.marker);
	buf_free(&t.links);
	buf_free(&t.tmp);
	return 0;
}
