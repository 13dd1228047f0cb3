/*
 * xhtml.c: HTML fragments to EPUB-valid XHTML (see xhtml.h).
 *
 * libxml2 parses the fragment into a tree; one walk over the tree
 * enforces the allow-list and the content model, a second makes ids
 * unique and gives top-level headings an id, a third fixes fragment
 * links, and a small serialiser of our own writes the XML (libxml2's
 * would write HTML, or XML with declarations we do not want).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/hash.h>
#include <libxml/tree.h>
#include <libxml/valid.h>

#include "quire.h"
#include "htmlmask.h"
#include "v16.h"
#include "xhtml.h"

/* Deeper than this, an element is replaced by its text. */
#define XHTML_DEPTH	100

/* What an element holds. */
enum ctype {
	C_FLOW, C_PHRASING, C_LIST, C_DL, C_TABLE, C_ROWS, C_TR, C_COLGROUP,
	C_VOID, C_TRANSPARENT
};

/* The parent an element needs. */
enum need { N_ANY, N_LIST, N_DL, N_TABLE, N_ROWS, N_TR, N_COLGROUP,
	N_FIGURE };

/* The elements kept, sorted by name for bsearch(). */
static const struct elem {
	const char    *name;
	unsigned char  phrasing;	/* may sit in phrasing content */
	unsigned char  content;		/* enum ctype */
	unsigned char  need;		/* enum need */
} elems[] = {
	{ "a", 1, C_TRANSPARENT, N_ANY },
	{ "abbr", 1, C_PHRASING, N_ANY },
	{ "article", 0, C_FLOW, N_ANY },
	{ "aside", 0, C_FLOW, N_ANY },
	{ "b", 1, C_PHRASING, N_ANY },
	{ "bdi", 1, C_PHRASING, N_ANY },
	{ "blockquote", 0, C_FLOW, N_ANY },
	{ "br", 1, C_VOID, N_ANY },
	{ "cite", 1, C_PHRASING, N_ANY },
	{ "code", 1, C_PHRASING, N_ANY },
	{ "col", 0, C_VOID, N_COLGROUP },
	{ "colgroup", 0, C_COLGROUP, N_TABLE },
	{ "dd", 0, C_FLOW, N_DL },
	{ "del", 1, C_TRANSPARENT, N_ANY },
	{ "dfn", 1, C_PHRASING, N_ANY },
	{ "div", 0, C_FLOW, N_ANY },
	{ "dl", 0, C_DL, N_ANY },
	{ "dt", 0, C_PHRASING, N_DL },
	{ "em", 1, C_PHRASING, N_ANY },
	{ "figcaption", 0, C_FLOW, N_FIGURE },
	{ "figure", 0, C_FLOW, N_ANY },
	{ "h1", 0, C_PHRASING, N_ANY },
	{ "h2", 0, C_PHRASING, N_ANY },
	{ "h3", 0, C_PHRASING, N_ANY },
	{ "h4", 0, C_PHRASING, N_ANY },
	{ "h5", 0, C_PHRASING, N_ANY },
	{ "h6", 0, C_PHRASING, N_ANY },
	{ "hr", 0, C_VOID, N_ANY },
	{ "i", 1, C_PHRASING, N_ANY },
	{ "img", 1, C_VOID, N_ANY },
	{ "ins", 1, C_TRANSPARENT, N_ANY },
	{ "kbd", 1, C_PHRASING, N_ANY },
	{ "li", 0, C_FLOW, N_LIST },
	{ "mark", 1, C_PHRASING, N_ANY },
	{ "ol", 0, C_LIST, N_ANY },
	{ "p", 0, C_PHRASING, N_ANY },
	{ "pre", 0, C_PHRASING, N_ANY },
	{ "q", 1, C_PHRASING, N_ANY },
	{ "s", 1, C_PHRASING, N_ANY },
	{ "samp", 1, C_PHRASING, N_ANY },
	{ "section", 0, C_FLOW, N_ANY },
	{ "small", 1, C_PHRASING, N_ANY },
	{ "span", 1, C_PHRASING, N_ANY },
	{ "strong", 1, C_PHRASING, N_ANY },
	{ "sub", 1, C_PHRASING, N_ANY },
	{ "sup", 1, C_PHRASING, N_ANY },
	{ "table", 0, C_TABLE, N_ANY },
	{ "tbody", 0, C_ROWS, N_TABLE },
	{ "td", 0, C_FLOW, N_TR },
	{ "tfoot", 0, C_ROWS, N_TABLE },
	{ "th", 0, C_FLOW, N_TR },
	{ "thead", 0, C_ROWS, N_TABLE },
	{ "tr", 0, C_TR, N_ROWS },
	{ "u", 1, C_PHRASING, N_ANY },
	{ "ul", 0, C_LIST, N_ANY },
	{ "var", 1, C_PHRASING, N_ANY },
	{ "wbr", 1, C_VOID, N_ANY },
};

/* Elements that become another; "" means unwrap, NULL drop whole. */
static const struct {
	const char *from, *to;
} renames[] = {
	{ "acronym", "abbr" }, { "address", "div" }, { "big", "span" },
	{ "bdo", "span" }, { "center", "div" }, { "details", "div" },
	{ "dir", "ul" }, { "fieldset", "div" }, { "font", "span" },
	{ "footer", "div" }, { "header", "div" }, { "hgroup", "div" },
	{ "legend", "p" }, { "listing", "pre" }, { "main", "div" },
	{ "menu", "ul" }, { "nav", "div" }, { "nobr", "span" },
	{ "plaintext", "pre" }, { "strike", "s" }, { "summary", "p" },
	{ "time", "span" }, { "tt", "code" }, { "xmp", "pre" },
	/*
	 * Unwrapped, never dropped: libxml2's HTML parser lets an unclosed
	 * one swallow the rest of the issue, which must not vanish.
	 */
	{ "datalist", "" }, { "frameset", "" }, { "noembed", "" },
	{ "noframes", "" }, { "optgroup", "" }, { "option", "" },
	{ "rp", "" }, { "select", "" }, { "template", "" },
	/* Gone with their content: no text a reader would read. */
	{ "area", NULL }, { "base", NULL }, { "frame", NULL },
	{ "head", NULL }, { "link", NULL }, { "meta", NULL },
	{ "param", NULL }, { "script", NULL }, { "source", NULL },
	{ "style", NULL }, { "title", NULL }, { "track", NULL },
};


struct clean {
	const struct xhtml_hooks *hk;
	xmlDocPtr                 doc;
	struct strset             used;	/* ids in the output */
	struct strset             bases;	/* id asked for -> next suffix */
	xmlHashTablePtr           idmap;	/* first old id -> new id */
	struct buf                tmp;
};

static int
cmp_elem(const void *k, const void *e)
{
	return strcmp(k, ((const struct elem *)e)->name);
}

static const struct elem *
elem_find(const char *name)
{
	return bsearch(name, elems, sizeof(elems) / sizeof(elems[0]),
	    sizeof(elems[0]), cmp_elem);
}

static int
is_name(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
is_blank(const xmlChar *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' &&
		    *s != '\f')
			return 0;
	return 1;
}

static char *
prop(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/*
 * The value of the attribute a, as xmlNodeGetContent() gives it, but
 * without a copy in the usual case of one text node: the pointer is
 * into a, valid while a is; *own is what the caller then frees with
 * xmlFree() (NULL when nothing).  "" for an attribute without value.
 */
static const char *
attr_value(xmlAttrPtr a, xmlChar **own)
{
	xmlNodePtr t = a->children;

	*own = NULL;
	if (t == NULL)
		return "";
	if (t->next == NULL && (t->type == XML_TEXT_NODE ||
	    t->type == XML_CDATA_SECTION_NODE))
		return (const char *)t->content;
	*own = xmlNodeGetContent((xmlNodePtr)a);
	return (const char *)*own;
}

/*
 * Set an attribute.  An id is linked in by hand: xmlSetProp would
 * register it in libxml2's ID table, whose hash makes a million
 * "sec-N" headings take a minute; the cleaner keeps its own tables.
 */
static void
set_prop(xmlNodePtr n, const char *name, const char *v)
{
	xmlAttrPtr a, last;
	xmlNodePtr t;

	if (strcmp(name, "id") != 0) {
		xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)v);
		return;
	}
	if ((a = xmlHasProp(n, (const xmlChar *)"id")) != NULL)
		xmlRemoveProp(a);
	a = xmlNewDocProp(n->doc, (const xmlChar *)"id", NULL);
	t = xmlNewDocText(n->doc, (const xmlChar *)v);
	if (a == NULL || t == NULL)
		msg_oom();
	a->children = a->last = t;
	t->parent = (xmlNodePtr)a;
	a->parent = n;
	for (last = n->properties; last != NULL && last->next != NULL;
	    last = last->next)
		;
	a->prev = last;
	if (last != NULL)
		last->next = a;
	else
		n->properties = a;
}

/* Remove n and its subtree. */
static void
drop(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/*
 * Replace n by its children; returns the first of them, or what
 * followed n when it had none.
 */
static xmlNodePtr
unwrap(xmlNodePtr n)
{
	xmlNodePtr c, next, first = n->children, after = n->next;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(n, c);
	}
	drop(n);
	return first != NULL ? first : after;
}

/* Put a new element named name in n's place, with n inside it. */
static xmlNodePtr
wrap(xmlNodePtr n, const char *name)
{
	xmlNodePtr w = xmlNewDocNode(n->doc, NULL, (const xmlChar *)name,
	    NULL);

	xmlAddPrevSibling(n, w);
	xmlUnlinkNode(n);
	xmlAddChild(w, n);
	return w;
}

/* A text node with s before n. */
static xmlNodePtr
text_before(xmlNodePtr n, const char *s)
{
	xmlNodePtr t = xmlNewDocText(n->doc, (const xmlChar *)s);

	return xmlAddPrevSibling(n, t);
}

/* Nonzero if a link may point at url: quire's one allow-list. */
static int
scheme_ok(const char *url)
{
	return url_scheme_ok(url);
}

static int
is_web(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

/* Digits only, not too many. */
static int
is_uint(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < 8 && strspn(s, "0123456789") == n;
}

static int
is_int(const char *s)
{
	return is_uint(s[0] == '-' ? s + 1 : s);
}

/* Nonzero if a child settled as element e (NULL: text) fits in k. */
static int
fits(enum ctype k, const struct elem *e)
{
	switch (k) {
	case C_LIST:
		return e != NULL && strcmp(e->name, "li") == 0;
	case C_DL:
		return e != NULL && (strcmp(e->name, "dt") == 0 ||
		    strcmp(e->name, "dd") == 0);
	case C_TABLE:
		return e != NULL && (e->need == N_TABLE ||
		    strcmp(e->name, "tr") == 0);
	case C_ROWS:
		return e != NULL && strcmp(e->name, "tr") == 0;
	case C_TR:
		return e != NULL && e->need == N_TR;
	case C_COLGROUP:
		return e != NULL && strcmp(e->name, "col") == 0;
	default:
		return 1;
	}
}

/* Nonzero if an element needing nd may sit in kind k under parent. */
static int
need_ok(enum need nd, enum ctype k, xmlNodePtr parent)
{
	switch (nd) {
	case N_LIST:
		return k == C_LIST;
	case N_DL:
		return k == C_DL;
	case N_TABLE:
		return k == C_TABLE;
	case N_ROWS:
		return k == C_TABLE || k == C_ROWS;
	case N_TR:
		return k == C_TR;
	case N_COLGROUP:
		return k == C_COLGROUP;
	case N_FIGURE:
		return is_name(parent, "figure");
	default:
		return 1;
	}
}

/*
 * Wrap n (which does not fit in k) so that it does: in an li, a dd,
 * a td or a tr and td.  Returns NULL when it cannot be placed (in a
 * colgroup), after removing it.
 */
static xmlNodePtr
place(xmlNodePtr n, enum ctype k)
{
	switch (k) {
	case C_LIST:
		return wrap(n, "li");
	case C_DL:
		return wrap(n, "dd");
	case C_TR:
		return wrap(n, "td");
	case C_TABLE:
	case C_ROWS:
		return wrap(wrap(n, "td"), "tr");
	default:
		drop(n);
		return NULL;
	}
}

static void clean_children(struct clean *cl, xmlNodePtr parent,
    enum ctype k, int in_a, int depth);

/* Keep only the attributes e may have, with values that are valid. */
static void
clean_attrs(struct clean *cl, xmlNodePtr n, const struct elem *e)
{
	xmlAttrPtr a, next;
	const char *an, *name = e->name, *v;
	char *href;
	xmlChar *own;
	int keep;

	/* An old-style anchor name becomes the id. */
	if (strcmp(name, "a") == 0 && !xmlHasProp(n, (const xmlChar *)"id") &&
	    (href = prop(n, "name")) != NULL) {
		set_prop(n, "id", href);
		xmlFree(href);
	}
	/*
	 * The parser keeps one attribute of a name (and so does set_prop()),
	 * so a's value is what xmlGetProp() would give for its name.
	 */
	for (a = n->properties; a != NULL; a = next) {
		next = a->next;
		an = (const char *)a->name;
		v = attr_value(a, &own);
		keep = 0;
		if (v == NULL || a->ns != NULL) {
			keep = 0;
		} else if (strcmp(an, "id") == 0 || strcmp(an, "class") == 0 ||
		    strcmp(an, "title") == 0) {
			keep = 1;
		} else if (strcmp(an, "dir") == 0) {
			keep = strcmp(v, "ltr") == 0 || strcmp(v, "rtl") == 0 ||
			    strcmp(v, "auto") == 0;
		} else if (strcmp(name, "a") == 0 && strcmp(an, "href") == 0) {
			keep = 1;	/* decided below */
		} else if (strcmp(name, "img") == 0) {
			keep = strcmp(an, "src") == 0 || strcmp(an, "alt") == 0 ||
			    ((strcmp(an, "width") == 0 ||
			    strcmp(an, "height") == 0) && is_uint(v));
		} else if (strcmp(name, "ol") == 0) {
			if (strcmp(an, "start") == 0)
				keep = is_int(v);
			else if (strcmp(an, "type") == 0)
				keep = strlen(v) == 1 && strchr("1aAiI", v[0]);
		} else if (strcmp(name, "li") == 0 && strcmp(an, "value") == 0) {
			keep = is_int(v) && is_name(n->parent, "ol");
		} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
			if (strcmp(an, "colspan") == 0)
				keep = is_uint(v) && atoi(v) > 0 &&
				    atoi(v) <= 1000;
			else if (strcmp(an, "rowspan") == 0)
				keep = is_uint(v) && atoi(v) <= 65534;
			else if (strcmp(an, "scope") == 0 &&
			    strcmp(name, "th") == 0)
				keep = strcmp(v, "row") == 0 ||
				    strcmp(v, "col") == 0 ||
				    strcmp(v, "rowgroup") == 0 ||
				    strcmp(v, "colgroup") == 0;
		} else if ((strcmp(name, "col") == 0 ||
		    strcmp(name, "colgroup") == 0) && strcmp(an, "span") == 0) {
			keep = is_uint(v) && atoi(v) > 0 && atoi(v) <= 1000;
		}
		/* v is a's: looked at before a goes. */
		if (!keep || (strcmp(an, "class") == 0 &&
		    is_blank((const xmlChar *)v)))
			xmlRemoveProp(a);
		xmlFree(own);
	}
	if (strcmp(name, "a") == 0 && (href = prop(n, "href")) != NULL) {
		char *nh = NULL;
		const char *h = href;

		while (*h == ' ' || *h == '\t' || *h == '\n')
			h++;
		if (*h == '#') {
			nh = xstrdup(h);	/* fixed once ids are known */
		} else if (*h != '\0' && scheme_ok(h)) {
			nh = cl->hk->link(cl->hk->ctx, h);
		}
		if (nh != NULL) {
			buf_reset(&cl->tmp);
			xhtml_url(&cl->tmp, nh);
			set_prop(n, "href", cl->tmp.p);
			free(nh);
		} else {
			xmlUnsetProp(n, (const xmlChar *)"href");
		}
		xmlFree(href);
	}
}

/* Table cell alignment (cmark-gfm's align) becomes a class. */
static void
pre_attrs(xmlNodePtr n, const char *name)
{
	char *v;
	struct buf b = BUF_INIT;

	if ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0) &&
	    (v = prop(n, "align")) != NULL) {
		if (strcmp(v, "left") == 0 || strcmp(v, "right") == 0 ||
		    strcmp(v, "center") == 0 || strcmp(v, "justify") == 0) {
			char *cls = prop(n, "class");

			if (cls != NULL && !is_blank((xmlChar *)cls))
				buf_printf(&b, "%s ", cls);
			buf_printf(&b, "align-%s", v);
			set_prop(n, "class", b.p);
			xmlFree(cls);
		}
		xmlFree(v);
	}
	buf_free(&b);
}

/* The text an image leaves behind: its alt, else "[image]". */
static const char *
alt_text(const char *alt)
{
	return alt != NULL && !is_blank((const xmlChar *)alt) ? alt :
	    "[image]";
}

/* Decide an img's fate: kept with a new src, or replaced. */
static void
clean_img(struct clean *cl, xmlNodePtr n, int in_a)
{
	char *src = prop(n, "src"), *alt = prop(n, "alt"), *out = NULL;
	enum xhtml_img how = XHTML_IMG_TEXT;
	xmlNodePtr a;
	const char *s = src;

	while (s != NULL && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	if (s != NULL && *s != '\0')
		how = cl->hk->image(cl->hk->ctx, s, alt ? alt : "", &out);
	if (how == XHTML_IMG_EMBED && out != NULL) {
		buf_reset(&cl->tmp);
		xhtml_url(&cl->tmp, out);
		set_prop(n, "src", cl->tmp.p);
		if (alt == NULL)
			set_prop(n, "alt", "");
	} else if (how == XHTML_IMG_LINK && out != NULL && !in_a &&
	    scheme_ok(out) && url_has_scheme(out)) {
		a = xmlNewDocNode(n->doc, NULL, (const xmlChar *)"a", NULL);
		buf_reset(&cl->tmp);
		xhtml_url(&cl->tmp, out);
		set_prop(a, "href", cl->tmp.p);
		xmlAddChild(a, xmlNewDocText(n->doc,
		    (const xmlChar *)alt_text(alt)));
		xmlAddPrevSibling(n, a);
		drop(n);
	} else {
		text_before(n, alt_text(alt));
		drop(n);
	}
	free(out);
	xmlFree(src);
	xmlFree(alt);
}

/*
 * An embedded page or medium: a link to its http(s) URL goes before
 * it (in a paragraph where blocks may stand), then it is unwrapped.
 */
static xmlNodePtr
clean_embed(xmlNodePtr n, enum ctype k, int in_a)
{
	char *url = prop(n, "src");
	xmlNodePtr a, p;

	if (url == NULL)
		url = prop(n, "data");
	if (url != NULL && is_web(url) && !in_a) {
		a = xmlNewDocNode(n->doc, NULL, (const xmlChar *)"a", NULL);
		set_prop(a, "href", url);
		xmlAddChild(a, xmlNewDocText(n->doc, (const xmlChar *)url));
		if (k == C_PHRASING) {
			xmlAddPrevSibling(n, a);
		} else {
			p = xmlNewDocNode(n->doc, NULL, (const xmlChar *)"p",
			    NULL);
			xmlAddChild(p, a);
			xmlAddPrevSibling(n, p);
		}
		xmlFree(url);
		/* The loop goes over the new link too. */
		a = k == C_PHRASING ? a : a->parent;
		unwrap(n);
		return a;
	}
	xmlFree(url);
	return unwrap(n);
}

/* Replace n by its text, for trees nested too deep. */
static xmlNodePtr
flatten(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	xmlNodePtr next = n->next;

	if (t != NULL && *t != '\0')
		text_before(n, (const char *)t);
	xmlFree(t);
	drop(n);
	return next;
}

/*
 * Clean the children of parent, which holds content of kind k
 * (in_a: inside a link).  A child that is unwrapped leaves its
 * children in its place, and the loop goes on with them.
 */
static void
clean_children(struct clean *cl, xmlNodePtr parent, enum ctype k, int in_a,
    int depth)
{
	xmlNodePtr c, next;
	const struct elem *e;
	const char *name;
	enum ctype ck;
	size_t i;
	int found, placed;
	char *v;

	for (c = parent->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE) {
			if (!fits(k, NULL) && !is_blank(c->content))
				place(c, k);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE) {
			drop(c);
			continue;
		}
		if (depth > XHTML_DEPTH) {
			next = flatten(c);
			continue;
		}
		name = (const char *)c->name;
		/*
		 * Renamed, dropped or special: none of these is among the
		 * elements kept, so a kept one skips the lot.
		 */
		if ((e = elem_find(name)) == NULL) {
			found = 0;
			for (i = 0; i < sizeof(renames) / sizeof(renames[0]);
			    i++) {
				if (strcmp(name, renames[i].from) != 0)
					continue;
				found = 1;
				if (renames[i].to == NULL)
					drop(c);
				else
					xmlNodeSetName(c,
					    (const xmlChar *)renames[i].to);
				break;
			}
			if (found && renames[i].to == NULL)
				continue;
			name = (const char *)c->name;
			if (strcmp(name, "iframe") == 0 ||
			    strcmp(name, "object") == 0 ||
			    strcmp(name, "embed") == 0 ||
			    strcmp(name, "video") == 0 ||
			    strcmp(name, "audio") == 0) {
				next = clean_embed(c, k, in_a);
				continue;
			}
			if (strcmp(name, "input") == 0) {
				/* A task list's checkbox becomes a ballot box. */
				v = prop(c, "type");
				if (v != NULL && strcasecmp(v, "checkbox") == 0)
					next = text_before(c, xmlHasProp(c,
					    (const xmlChar *)"checked") ?
					    "\xe2\x98\x91" : "\xe2\x98\x90");
				xmlFree(v);
				drop(c);
				continue;
			}
			if ((e = elem_find(name)) == NULL) {
				/* unknown: keep the content */
				next = unwrap(c);
				continue;
			}
		}
		if (!need_ok(e->need, k, parent)) {
			if (k == C_PHRASING) {
				next = unwrap(c);
				continue;
			}
			xmlNodeSetName(c, (const xmlChar *)"div");
			e = elem_find("div");
		}
		if ((k == C_PHRASING && !e->phrasing) ||
		    (in_a && strcmp(e->name, "a") == 0)) {
			next = unwrap(c);
			continue;
		}
		/*
		 * A child placed in a wrapper has left this list: whatever
		 * becomes of it, the loop goes on with its old next sibling.
		 */
		ck = k;
		placed = 0;
		if (!fits(k, e)) {
			if (place(c, k) == NULL)
				continue;
			ck = C_FLOW;
			placed = 1;
		}
		if (strcmp(e->name, "img") == 0) {
			pre_attrs(c, e->name);
			clean_attrs(cl, c, e);
			clean_img(cl, c, in_a);
			continue;
		}
		pre_attrs(c, e->name);
		if (e->content == C_VOID) {
			while (c->children != NULL)
				drop(c->children);
		} else {
			clean_children(cl, c, e->content == C_TRANSPARENT ?
			    ck : (enum ctype)e->content,
			    in_a || strcmp(e->name, "a") == 0, depth + 1);
		}
		clean_attrs(cl, c, e);
		/* A table without rows is not a table. */
		if (strcmp(e->name, "table") == 0) {
			xmlNodePtr r, rr;
			int rows = 0;

			for (r = c->children; r != NULL && !rows; r = r->next) {
				if (is_name(r, "tr"))
					rows = 1;
				for (rr = r->children; is_name(r, "tbody") ||
				    is_name(r, "thead") || is_name(r, "tfoot");
				    rr = rr->next) {
					if (rr == NULL)
						break;
					if (is_name(rr, "tr"))
						rows = 1;
				}
			}
			if (!rows) {
				r = unwrap(c);
				if (!placed)
					next = r;
			}
		}
	}
}

/* An id of characters safe everywhere, [A-Za-z0-9_.-], led by a letter. */
static void
id_tidy(struct buf *b, const char *s)
{
	unsigned char ch = (unsigned char)s[0];

	buf_reset(b);
	if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
		buf_adds(b, "id-");
	for (; *s != '\0'; s++) {
		ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
		    ch == '.')
			buf_addc(b, ch);
		else if (b->n > 0 && b->p[b->n - 1] != '-')
			buf_addc(b, '-');
	}
	if (b->n == 0)
		buf_adds(b, "id");
}

/*
 * Make id unique: "x", else "x-2", "x-3"...  Returns a new string.
 * Each id asked for remembers the next suffix to try, so 20,000 ids
 * "a" take linear time, not a scan from "a-2" each.
 */
static char *
id_claim(struct clean *cl, const char *want)
{
	struct buf b = BUF_INIT;
	struct strset_slot *e;
	size_t n = strlen(want), i;
	char *r;

	if (strset_add(&cl->used, want, n))
		return xstrndup(want, n);
	e = strset_get(&cl->bases, want, n, 1);
	for (i = e->val > 2 ? e->val : 2; ; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s-%zu", want, i);
		if (strset_add(&cl->used, b.p, b.n))
			break;
	}
	e->val = i + 1;
	r = xstrndup(b.p, b.n);
	buf_free(&b);
	return r;
}

/* Every id tidied and unique, first occurrences remembered. */
static void
ids_fix(struct clean *cl, xmlNodePtr n)
{
	struct buf t = BUF_INIT;
	char *v, *nv;
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((v = prop(c, "id")) != NULL) {
			if (is_blank((xmlChar *)v)) {
				xmlUnsetProp(c, (const xmlChar *)"id");
			} else {
				id_tidy(&t, v);
				nv = id_claim(cl, t.p);
				set_prop(c, "id", nv);
				if (xmlHashLookup(cl->idmap,
				    (const xmlChar *)v) == NULL)
					xmlHashAddEntry(cl->idmap,
					    (const xmlChar *)v, nv);
				else
					free(nv);
			}
			xmlFree(v);
		}
		ids_fix(cl, c);
	}
	buf_free(&t);
}

static void
free_entry(void *p, const xmlChar *name)
{
	(void)name;
	free(p);
}

/* Links to fragments follow their target's new id, or go. */
static void
links_fix(struct clean *cl, xmlNodePtr n)
{
	xmlNodePtr c;
	char *h;
	const char *to;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(c, "a") && (h = prop(c, "href")) != NULL) {
			if (h[0] == '#') {
				to = xmlHashLookup(cl->idmap,
				    (const xmlChar *)h + 1);
				if (to != NULL) {
					buf_reset(&cl->tmp);
					buf_printf(&cl->tmp, "#%s", to);
					set_prop(c, "href", cl->tmp.p);
				} else {
					xmlUnsetProp(c, (const xmlChar *)"href");
				}
			}
			xmlFree(h);
		}
		links_fix(cl, c);
	}
}

static int
has_class(xmlNodePtr n, const char *cls)
{
	char *v = prop(n, "class");
	const char *p;
	size_t k = strlen(cls);
	int r = 0;

	for (p = v; p != NULL && (p = strstr(p, cls)) != NULL; p += k)
		if ((p == v || p[-1] == ' ') && (p[k] == '\0' || p[k] == ' '))
			r = 1;
	xmlFree(v);
	return r;
}

/* cmark-gfm's footnote markup to EPUB 3 noterefs and footnotes. */
static void
notes_fix(xmlNodePtr n, int top)
{
	xmlNodePtr c, next, li, lnext, a, p;
	unsigned long i;
	char num[24];

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(c, "sup") && has_class(c, "footnote-ref") &&
		    is_name(c->children, "a"))
			set_prop(c->children, "epub:type", "noteref");
		if (top && is_name(c, "section") && has_class(c, "footnotes")) {
			set_prop(c, "epub:type", "footnotes");
			for (a = c->children; a != NULL; a = lnext) {
				lnext = a->next;
				if (!is_name(a, "ol"))
					continue;
				i = 0;
				for (li = a->children; li != NULL;
				    li = li->next) {
					if (!is_name(li, "li"))
						continue;
					snprintf(num, sizeof(num), "%lu. ",
					    ++i);
					xmlNodeSetName(li,
					    (const xmlChar *)"aside");
					set_prop(li, "epub:type", "footnote");
					for (p = li->children; p != NULL &&
					    p->type != XML_ELEMENT_NODE;
					    p = p->next)
						;
					if (is_name(p, "p") &&
					    p->children != NULL)
						text_before(p->children, num);
					else if (li->children != NULL)
						text_before(li->children, num);
				}
				unwrap(a);
			}
			continue;
		}
		notes_fix(c, 0);
	}
}

/*
 * Append the text below n to b, white space folded (*sp: a space is
 * pending), leaving out what is not the heading's words: footnote
 * references (cmark-gfm's sup.footnote-ref, EPUB noterefs), images.
 */
static void
text_walk(struct buf *b, xmlNodePtr n, int *sp)
{
	xmlNodePtr c;
	char *v;
	const xmlChar *p;
	int skip;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			v = prop(c, "epub:type");
			skip = (v != NULL && strcmp(v, "noteref") == 0) ||
			    (is_name(c, "sup") && has_class(c, "footnote-ref"));
			xmlFree(v);
			if (!skip)
				text_walk(b, c, sp);
			continue;
		}
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			continue;
		for (p = c->content; p != NULL && *p != '\0'; p++) {
			if (*p == ' ' || *p == '\t' || *p == '\n' ||
			    *p == '\r' || *p == '\f') {
				*sp = b->n > 0;
				continue;
			}
			if (*sp)
				buf_addc(b, ' ');
			*sp = 0;
			buf_addc(b, *p);
		}
	}
}

/* Append the text of n, white space folded, to b. */
static void
text_of(struct buf *b, xmlNodePtr n)
{
	int sp = 0;

	text_walk(b, n, &sp);
}

/* Top-level headings: an id each, and their list. */
static void
headings(struct clean *cl, xmlNodePtr body, struct xhtml_result *res)
{
	xmlNodePtr c;
	struct buf t = BUF_INIT;
	struct xhtml_heading *h;
	unsigned long k = 0;
	char *id, want[32];

	for (c = body->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c->name[0] != 'h' ||
		    c->name[1] < '1' || c->name[1] > '6' || c->name[2] != '\0')
			continue;
		if ((id = prop(c, "id")) == NULL) {
			snprintf(want, sizeof(want), "sec-%lu", ++k);
			id = id_claim(cl, want);
			set_prop(c, "id", id);
			free(id);
			id = prop(c, "id");
		}
		buf_reset(&t);
		text_of(&t, c);
		res->h = xreallocarray(res->h, res->nh + 1, sizeof(*res->h));
		h = &res->h[res->nh++];
		h->level = c->name[1] - '0';
		h->id = xstrdup(id);
		h->text = xstrndup(t.p ? t.p : "", t.n);
		xmlFree(id);
	}
	buf_free(&t);
}

/* Nonzero for the void elements kept: br, col, hr, img, wbr. */
static int
is_void(const char *name)
{
	switch (name[0]) {
	case 'b':
		return strcmp(name, "br") == 0;
	case 'c':
		return strcmp(name, "col") == 0;
	case 'h':
		return strcmp(name, "hr") == 0;
	case 'i':
		return strcmp(name, "img") == 0;
	case 'w':
		return strcmp(name, "wbr") == 0;
	default:
		return 0;
	}
}

static void
serialise(struct buf *b, xmlNodePtr n)
{
	xmlNodePtr c;
	xmlAttrPtr a;
	xmlChar *own;
	const char *v;

	for (c = n; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (c->content != NULL)
				xhtml_escape(b, (const char *)c->content,
				    strlen((const char *)c->content), 0);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		buf_addc(b, '<');
		buf_adds(b, (const char *)c->name);
		for (a = c->properties; a != NULL; a = a->next) {
			v = attr_value(a, &own);
			buf_addc(b, ' ');
			buf_adds(b, (const char *)a->name);
			buf_add(b, "=\"", 2);
			if (v != NULL)
				xhtml_escape(b, v, strlen(v), 1);
			buf_addc(b, '"');
			xmlFree(own);
		}
		if (is_void((const char *)c->name)) {
			buf_adds(b, "/>");
			continue;
		}
		buf_addc(b, '>');
		serialise(b, c->children);
		buf_add(b, "</", 2);
		buf_adds(b, (const char *)c->name);
		buf_addc(b, '>');
	}
}

/* The body element of the parsed document, or NULL. */
static xmlNodePtr
find_body(xmlNodePtr n)
{
	xmlNodePtr c, r;

	for (c = n; c != NULL; c = c->next) {
		if (is_name(c, "body"))
			return c;
		if (c->type == XML_ELEMENT_NODE &&
		    (r = find_body(c->children)) != NULL)
			return r;
	}
	return NULL;
}

int
xhtml_clean(const char *html, size_t n, const struct xhtml_hooks *hk,
    const char *const *reserved, struct xhtml_result *res)
{
	struct clean cl;
	xmlNodePtr body;
	size_t i;

	buf_reset(&res->body);
	buf_adds(&res->body, "");
	if (n == 0)
		return 0;
	if (n > INT32_MAX)
		return -1;
	memset(&cl, 0, sizeof(cl));
	cl.hk = hk;
	cl.doc = html_read(html, n, HTML_READ_XHTML, NULL);
	if (cl.doc == NULL)
		return -1;
	/* The parser's ID table is not used; dropped, it costs nothing. */
	if (cl.doc->ids != NULL) {
		xmlFreeIDTable(cl.doc->ids);
		cl.doc->ids = NULL;
	}
	cl.idmap = xmlHashCreate(64);
	for (i = 0; reserved != NULL && reserved[i] != NULL; i++)
		strset_add(&cl.used, reserved[i], strlen(reserved[i]));
	body = find_body(xmlDocGetRootElement(cl.doc));
	if (body != NULL) {
		clean_children(&cl, body, C_FLOW, 0, 0);
		ids_fix(&cl, body);
		headings(&cl, body, res);
		links_fix(&cl, body);
		notes_fix(body, 1);
		serialise(&res->body, body->children);
	}
	strset_free(&cl.used);
	strset_free(&cl.bases);
	xmlHashFree(cl.idmap, free_entry);
	buf_free(&cl.tmp);
	xmlFreeDoc(cl.doc);
	return 0;
}

void
xhtml_result_free(struct xhtml_result *res)
{
	size_t i;

	for (i = 0; i < res->nh; i++) {
		free(res->h[i].id);
		free(res->h[i].text);
	}
	free(res->h);
	res->h = NULL;
	res->nh = 0;
	buf_free(&res->body);
}

/*
 * The bytes xhtml_escape() copies as they are, in runs: printable
 * ASCII but & < > and ".
 */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 10 */
	1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,	/* 30 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 50 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,	/* 70 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 80 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 90 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* a0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* b0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* c0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* d0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* e0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* f0 */
};

void
xhtml_escape(struct buf *b, const char *s, size_t n, int attr)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n, *q;
	uint32_t cp;
	size_t k;

	while (p < end) {
		/* A run of printable ASCII that needs no reference. */
		q = p;
#ifdef V16_OK
		for (; end - q >= 16; q += 16) {
			v16 v = v16_load(q);
			size_t i = v16_first(v16_unprintable(v) |
			    (v == V16('&')) | (v == V16('<')) | (v == V16('>')) |
			    (v == V16('"')));

			if (i < 16) {
				q += i;
				break;
			}
		}
#endif
		for (; q < end && plain[*q]; q++)
			;
		if (q > p) {
			buf_add(b, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (*p < 0x80) {
			switch (*p) {
			case '&':
				buf_adds(b, "&amp;");
				break;
			case '<':
				buf_adds(b, "&lt;");
				break;
			case '>':
				buf_adds(b, "&gt;");
				break;
			case '"':
				buf_adds(b, attr ? "&quot;" : "\"");
				break;
			case '\t':
			case '\n':
				if (attr)
					buf_printf(b, "&#%d;", *p);
				else
					buf_addc(b, *p);
				break;
			default:
				if (*p >= 0x20 && *p != 0x7f)
					buf_addc(b, *p);
				break;
			}
			p++;
			continue;
		}
		k = utf8_decode(p, (size_t)(end - p), &cp);
		if (k == 0) {
			p++;		/* not UTF-8: dropped */
			continue;
		}
		if (!utf8_is_banned(cp))
			buf_add(b, p, k);
		p += k;
	}
}

const char *
xhtml_lang_dir(const char *lang)
{
	/* Languages written right to left (their usual script). */
	static const char *const rtl[] = {
		"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ku-arab",
		"nqo", "ps", "sd", "syr", "ug", "ur", "yi", NULL
	};
	/* Scripts written right to left (ISO 15924). */
	static const char *const scripts[] = {
		"-adlm", "-arab", "-hebr", "-nkoo", "-rohg", "-syrc", "-thaa",
		NULL
	};
	size_t i, n, k;

	if (lang == NULL || *lang == '\0')
		return NULL;
	for (i = 0; scripts[i] != NULL; i++) {
		k = strlen(scripts[i]);
		for (n = 0; lang[n] != '\0'; n++)
			if (strncasecmp(lang + n, scripts[i], k) == 0 &&
			    (lang[n + k] == '\0' || lang[n + k] == '-'))
				return "rtl";
	}
	for (i = 0; rtl[i] != NULL; i++) {
		k = strlen(rtl[i]);
		if (strncasecmp(lang, rtl[i], k) == 0 &&
		    (lang[k] == '\0' || lang[k] == '-'))
			return "rtl";
	}
	return "ltr";
}

void
xhtml_url(struct buf *b, const char *url)
{
	url_normalize(b, url);
}

/* ---- SVG images ------------------------------------------------------ */

int
xhtml_svg_sniff(const char *p, size_t n)
{
	size_t i = 0, lim = n < 4096 ? n : 4096;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < lim && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
	    p[i] == '\r'))
		i++;
	if (i >= lim || p[i] != '<')
		return 0;
	/* Past the XML declaration, comments and a doctype: "<svg". */
	for (; i + 4 < lim; i++)
		if (p[i] == '<' && p[i + 1] != '?' && p[i + 1] != '!')
			return memcmp(p + i, "<svg", 4) == 0 &&
			    (p[i + 4] == ' ' || p[i + 4] == '>' ||
			    p[i + 4] == '\n' || p[i + 4] == '\t' ||
			    p[i + 4] == '\r' || p[i + 4] == '/');
	return 0;
}

/* Nonzero if a style text refers outside the image. */
static int
css_external(const char *s)
{
	const char *p;

	if (s == NULL)
		return 0;
	if (strstr(s, "@import") != NULL)
		return 1;
	for (p = s; (p = strstr(p, "url(")) != NULL; p += 4) {
		const char *q = p + 4;

		while (*q == ' ' || *q == '"' || *q == '\'')
			q++;
		if (*q != '#')
			return 1;
	}
	return 0;
}

/*
 * SVG 2 properties that SVG 1.1, which EPUB readers and EPUBCheck
 * know, has no attribute for: they move into the style attribute.
 */
static int
svg2_prop(const xmlChar *name)
{
	static const char *const props[] = { "paint-order", "vector-effect",
		"mix-blend-mode", "isolation", "transform-origin",
		"transform-box", "white-space", "inline-size", NULL };
	size_t i;

	for (i = 0; props[i] != NULL; i++)
		if (xmlStrcmp(name, BAD_CAST props[i]) == 0)
			return 1;
	return 0;
}

/* Move the attribute a of n into n's style attribute. */
static void
svg_to_style(xmlNodePtr n, xmlAttrPtr a)
{
	xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
	xmlChar *st = xmlGetNoNsProp(n, BAD_CAST "style");
	struct buf b = BUF_INIT;

	if (st != NULL && *st != '\0')
		buf_printf(&b, "%s;", (const char *)st);
	buf_printf(&b, "%s:%s", (const char *)a->name,
	    v != NULL ? (const char *)v : "");
	xmlRemoveProp(a);
	xmlSetProp(n, BAD_CAST "style", BAD_CAST b.p);
	xmlFree(v);
	xmlFree(st);
	buf_free(&b);
}

/* Nonzero if the element n refers outside the image (an href). */
static int
svg_external(xmlNodePtr n)
{
	xmlAttrPtr a;
	xmlChar *v;
	int r = 0;

	for (a = n->properties; a != NULL; a = a->next)
		if (xmlStrcmp(a->name, BAD_CAST "href") == 0) {
			v = xmlNodeGetContent((xmlNodePtr)a);
			r |= v == NULL || v[0] != '#';
			xmlFree(v);
		}
	return r;
}

/* Put the id of every element below n in ids. */
static void
svg_ids(xmlNodePtr n, xmlHashTablePtr ids)
{
	xmlNodePtr c;
	xmlChar *v;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((v = xmlGetNoNsProp(c, BAD_CAST "id")) != NULL) {
			xmlHashAddEntry(ids, v, ids);
			xmlFree(v);
		}
		svg_ids(c, ids);
	}
}

/* The ids of the image being cleaned, for its fragment references. */
static xmlHashTablePtr svg_idtab;

/* Nonzero if the element n refers to a fragment the image lacks. */
static int
svg_dangling(xmlNodePtr n)
{
	xmlAttrPtr a;
	xmlChar *v;
	int r = 0;

	for (a = n->properties; a != NULL; a = a->next)
		if (xmlStrcmp(a->name, BAD_CAST "href") == 0) {
			v = xmlNodeGetContent((xmlNodePtr)a);
			r |= v != NULL && v[0] == '#' && svg_idtab != NULL &&
			    xmlHashLookup(svg_idtab, v + 1) == NULL;
			xmlFree(v);
		}
	return r;
}

/* Clean the element n and what is below it (see xhtml_svg_clean()). */
static void
svg_walk(xmlNodePtr n)
{
	static const char *const gone[] = { "script", "foreignObject",
		"handler", "listener", "iframe", "object", "embed", "audio",
		"video", "canvas", "set", NULL };
	xmlNodePtr c, next;
	xmlAttrPtr a, an;
	xmlChar *v;
	size_t i;
	int drop_it;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_PI_NODE || c->type == XML_ENTITY_REF_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		drop_it = 0;
		for (i = 0; gone[i] != NULL; i++)
			if (xmlStrcasecmp(c->name, BAD_CAST gone[i]) == 0)
				drop_it = 1;
		if (xmlStrcmp(c->name, BAD_CAST "style") == 0) {
			v = xmlNodeGetContent(c);
			drop_it = css_external((const char *)v);
			xmlFree(v);
		}
		/* An image of another file shows nothing. */
		if (xmlStrcmp(c->name, BAD_CAST "image") == 0 &&
		    svg_external(c))
			drop_it = 1;
		/* A path without data (a glyph of a space): an empty one. */
		if (xmlStrcmp(c->name, BAD_CAST "path") == 0 &&
		    !xmlHasProp(c, BAD_CAST "d"))
			xmlSetProp(c, BAD_CAST "d", BAD_CAST "M0 0");
		/* A use of a symbol the image does not define shows nothing. */
		if (svg_dangling(c))
			drop_it = 1;
		/* A link out of the image: its content stays, as a group. */
		if (xmlStrcmp(c->name, BAD_CAST "a") == 0) {
			xmlNodeSetName(c, BAD_CAST "g");
			for (a = c->properties; a != NULL; a = an) {
				an = a->next;
				if (xmlStrcmp(a->name, BAD_CAST "id") != 0 &&
				    xmlStrcmp(a->name, BAD_CAST "class") != 0 &&
				    xmlStrcmp(a->name, BAD_CAST "transform") != 0 &&
				    xmlStrcmp(a->name, BAD_CAST "style") != 0)
					xmlRemoveProp(a);
			}
		}
		if (drop_it) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		for (a = c->properties; a != NULL; a = an) {
			an = a->next;
			v = xmlNodeGetContent((xmlNodePtr)a);
			if ((a->name[0] == 'o' || a->name[0] == 'O') &&
			    (a->name[1] == 'n' || a->name[1] == 'N'))
				drop_it = 1;
			else if (xmlStrcmp(a->name, BAD_CAST "href") == 0 ||
			    xmlStrcmp(a->name, BAD_CAST "src") == 0)
				drop_it = v == NULL || v[0] != '#';
			else if (xmlStrcmp(a->name, BAD_CAST "style") == 0)
				drop_it = css_external((const char *)v);
			else
				drop_it = v != NULL && css_external(
				    (const char *)v) && strstr((const char *)v,
				    "url(") != NULL;
			xmlFree(v);
			if (drop_it)
				xmlRemoveProp(a);
			drop_it = 0;
		}
		for (a = c->properties; a != NULL; a = an) {
			an = a->next;
			if (a->ns == NULL && svg2_prop(a->name)) {
				svg_to_style(c, a);
				an = c->properties;	/* style may have moved */
			}
		}
		svg_walk(c);
	}
}

int
xhtml_svg_clean(struct buf *b)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlDtdPtr dtd;
	xmlChar *mem = NULL;
	int len = 0;

	if (b->n > INT_MAX)
		return -1;
	doc = xmlReadMemory(b->p, (int)b->n, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || xmlStrcmp(root->name, BAD_CAST "svg") != 0 ||
	    root->ns == NULL || xmlStrcmp(root->ns->href,
	    BAD_CAST "http://www.w3.org/2000/svg") != 0 ||
	    (doc->intSubset != NULL && doc->intSubset->entities != NULL)) {
		xmlFreeDoc(doc);
		return -1;
	}
	if ((dtd = xmlGetIntSubset(doc)) != NULL) {
		xmlUnlinkNode((xmlNodePtr)dtd);
		xmlFreeDtd(dtd);
	}
	/* The root's own attributes too: wrap the walk one level up. */
	if ((svg_idtab = xmlHashCreate(64)) == NULL)
		msg_oom();
	svg_ids((xmlNodePtr)doc, svg_idtab);
	svg_walk((xmlNodePtr)doc);
	xmlHashFree(svg_idtab, NULL);
	svg_idtab = NULL;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	xmlFreeDoc(doc);
	if (mem == NULL)
		msg_oom();
	buf_reset(b);
	buf_add(b, mem, (size_t)len);
	xmlFree(mem);
	return 0;
}
