/*
 * feedin.c: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 into
 * the IR; see feedin.h, and feed2ir(1) for the mapping.
 *
 * XML: libxml2's xmlTextReader walks the document; each item (RSS
 * item, Atom entry) and each element of the channel's header is
 * expanded alone, mapped, written and freed before the reader moves
 * on, so a feed of any length is read in the memory of one item.
 * Options: XML_PARSE_NONET, and neither XML_PARSE_NOENT nor
 * XML_PARSE_DTDLOAD, so no entity is fetched and no DTD loaded.
 * JSON: jansson reads the whole document (a JSON Feed is one object).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>

#include "feed.h"
#include "feedin.h"

/* ---- namespaces ------------------------------------------------------ */

enum ns {
	NS_NONE, NS_RSS, NS_ATOM, NS_ATOM03, NS_RDF, NS_DC, NS_DCTERMS,
	NS_CONTENT, NS_MEDIA, NS_XHTML, NS_ITUNES, NS_OTHER
};

/* Known namespaces and the prefix their elements get in field 14. */
static const struct {
	const char *uri;
	enum ns ns;
	const char *prefix;
} nstab[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS, NULL },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS, NULL },
	{ "http://backend.userland.com/rss2", NS_RSS, NULL },
	{ "http://backend.userland.com/rss", NS_RSS, NULL },
	{ "http://www.w3.org/2005/Atom", NS_ATOM, "atom" },
	{ "http://purl.org/atom/ns#", NS_ATOM03, "atom03" },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF, "rdf" },
	{ "http://purl.org/dc/elements/1.1/", NS_DC, "dc" },
	{ "http://purl.org/dc/terms/", NS_DCTERMS, "dcterms" },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT, "content" },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA, "media" },
	{ "http://search.yahoo.com/mrss", NS_MEDIA, "media" },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML, "xhtml" },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES, "itunes" },
	{ "http://wellformedweb.org/CommentAPI/", NS_OTHER, "wfw" },
	{ "http://purl.org/rss/1.0/modules/slash/", NS_OTHER, "slash" },
	{ "http://purl.org/syndication/thread/1.0", NS_OTHER, "thr" },
	{ "http://www.georss.org/georss", NS_OTHER, "georss" },
};

static enum ns
ns_of(const xmlNode *n, const char **prefix)
{
	const char *uri = n->ns != NULL ? (const char *)n->ns->href : NULL;
	size_t i;

	*prefix = NULL;
	if (uri == NULL)
		return NS_NONE;
	for (i = 0; i < sizeof(nstab) / sizeof(nstab[0]); i++)
		if (strcmp(uri, nstab[i].uri) == 0) {
			*prefix = nstab[i].prefix;
			return nstab[i].ns;
		}
	return NS_OTHER;
}

/* ---- small lists of strings -------------------------------------- */

struct strs {
	char  **v;
	size_t  n, cap;
};

static void
strs_add(struct strs *l, const char *s, size_t n)
{
	size_t i;

	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 0)
		return;
	for (i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == n && memcmp(l->v[i], s, n) == 0)
			return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = xstrndup(s, n);
}

static void
strs_free(struct strs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- one item ------------------------------------------------------ */

struct item {
	struct buf   id, title, mtitle, link, external, related, summary, desc,
		     image, lang, html, md, base, tmp;
	struct strs  authors, cats, tags;
	int64_t      date, updated;
	int          has_date, has_updated, has_html, has_desc, guid_link;
	int          lang_rank;		/* of the element lang came from */
	unsigned long index;		/* JSON: the item's place in "items" */
	json_t      *extra;
	unsigned long line;
};

static void
item_init(struct item *it)
{
	memset(it, 0, sizeof(*it));
	it->extra = json_object();
	if (it->extra == NULL)
		msg_oom();
}

static void
item_free(struct item *it)
{
	buf_free(&it->id);
	buf_free(&it->title);
	buf_free(&it->mtitle);
	buf_free(&it->link);
	buf_free(&it->external);
	buf_free(&it->related);
	buf_free(&it->summary);
	buf_free(&it->desc);
	buf_free(&it->image);
	buf_free(&it->lang);
	buf_free(&it->html);
	buf_free(&it->md);
	buf_free(&it->base);
	buf_free(&it->tmp);
	strs_free(&it->authors);
	strs_free(&it->cats);
	strs_free(&it->tags);
	json_decref(it->extra);
	memset(it, 0, sizeof(*it));
}

/* Set b to s when it is still empty (the first value wins). */
static int
first(struct buf *b, const char *s)
{
	size_t n;

	if (b->n > 0 || s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	buf_add(b, s, n);
	return n > 0;
}

/* Put value under key in an extra object; repeats make an array. */
static void
extra_set(json_t *o, const char *key, json_t *v)
{
	json_t *old = json_object_get(o, key), *a;

	if (old == NULL) {
		json_object_set_new(o, key, v);
	} else if (json_is_array(old)) {
		json_array_append_new(old, v);
	} else {
		if ((a = json_array()) == NULL)
			msg_oom();
		json_array_append(a, old);
		json_array_append_new(a, v);
		json_object_set_new(o, key, a);
	}
}

/* ---- the reading state --------------------------------------------- */

enum kind { K_NONE, K_RSS, K_RDF, K_ATOM, K_JSON };

struct rd {
	const char               *name;
	const struct feedin_opts *o;
	FILE                     *out;
	struct feedin_site       *site;
	enum kind                 kind;
	unsigned long             nerr, nitems;
	int64_t                   feed_date;
	int                       has_feed_date, feed_date_rank;
	struct buf                feed_link, feed_lang, feed_self, pending,
				  line, tmp;
	unsigned long             npending;
	/* The first XML error libxml2 reported. */
	char                      err[300];
	unsigned long             errline, nxmlerr;
	int                       errset;
};

/* ---- text helpers -------------------------------------------------- */

/* The plain text of an HTML fragment, white space folded, into out. */
static void
html_text(const char *s, size_t n, struct buf *out)
{
	htmlDocPtr doc;
	xmlChar *t;

	buf_reset(out);
	if (memchr(s, '<', n) == NULL && memchr(s, '&', n) == NULL) {
		ir_put_line(out, s, n);
		return;
	}
	if (n > INT32_MAX)
		return;
	doc = htmlReadMemory(s, (int)n, NULL, "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	    HTML_PARSE_NOIMPLIED);
	if (doc == NULL)
		return;
	t = xmlNodeGetContent((xmlNodePtr)doc);
	if (t != NULL)
		ir_put_line(out, (const char *)t, strlen((const char *)t));
	xmlFree(t);
	xmlFreeDoc(doc);
}

/* Append s[0..n) escaped as HTML text, blank lines as paragraphs. */
static void
text_html(const char *s, size_t n, struct buf *out)
{
	size_t i;
	int para;

	while (n > 0 && (*s == '\n' || *s == '\r' || *s == ' '))
		s++, n--;
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
	    s[n - 1] == ' '))
		n--;
	para = memchr(s, '\n', n) != NULL;

	if (para)
		buf_adds(out, "<p>");
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': buf_adds(out, "&lt;"); break;
		case '>': buf_adds(out, "&gt;"); break;
		case '&': buf_adds(out, "&amp;"); break;
		case '\n':
			if (i + 1 < n && s[i + 1] == '\n') {
				while (i + 1 < n && s[i + 1] == '\n')
					i++;
				buf_adds(out, "</p>\n<p>");
			} else {
				buf_adds(out, "<br>\n");
			}
			break;
		default: buf_addc(out, s[i]); break;
		}
	}
	if (para)
		buf_adds(out, "</p>");
}

/* The text content of an element, into out (reset first). */
static const char *
node_text(xmlNodePtr n, struct buf *out)
{
	xmlChar *t = xmlNodeGetContent(n);

	buf_reset(out);
	if (t != NULL)
		buf_adds(out, (const char *)t);
	else
		buf_adds(out, "");
	xmlFree(t);
	return out->p;
}

/* Nonzero if n has element children (markup written unescaped). */
static int
has_elements(xmlNodePtr n)
{
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* The serialised children of an element (XHTML content), into out. */
static void
node_inner(xmlNodePtr n, struct buf *out)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlNodePtr c;
	const char *s;
	size_t len;

	if (xb == NULL)
		msg_oom();
	for (c = n->children; c != NULL; c = c->next)
		xmlNodeDump(xb, n->doc, c, 0, 0);
	/* Without the white space around the markup. */
	s = (const char *)xmlBufferContent(xb);
	len = (size_t)xmlBufferLength(xb);
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' ||
	    *s == '\r'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	buf_add(out, s, len);
	xmlBufferFree(xb);
}

static const char *
attr(xmlNodePtr n, const char *name, struct buf *out)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);

	buf_reset(out);
	if (v == NULL)
		return NULL;
	buf_adds(out, (const char *)v);
	xmlFree(v);
	return out->p != NULL ? out->p : "";
}

/*
 * The absolute base URL in force at n: xml:base and the document's
 * URL, then the feed's link; into out, or NULL when none is absolute.
 */
static const char *
base_of(struct rd *r, xmlNodePtr n, struct buf *out)
{
	xmlChar *b = n != NULL ? xmlNodeGetBase(n->doc, n) : NULL;

	buf_reset(out);
	if (b != NULL && url_has_scheme((const char *)b)) {
		buf_adds(out, (const char *)b);
	} else if (r->feed_link.n > 0 && url_has_scheme(r->feed_link.p)) {
		if (b != NULL && *b != '\0')
			url_resolve(r->feed_link.p, (const char *)b, out);
		else
			buf_adds(out, r->feed_link.p);
	}
	xmlFree(b);
	return out->n > 0 ? out->p : NULL;
}

/*
 * The base an element's body declares: an absolute xml:base in force
 * at n that is not just the document's URL; into out, or empty.
 */
static void
declared_base(xmlNodePtr n, struct buf *out)
{
	xmlChar *b = xmlNodeGetBase(n->doc, n);

	buf_reset(out);
	if (b != NULL && url_has_scheme((const char *)b) &&
	    (n->doc->URL == NULL ||
	    strcmp((const char *)b, (const char *)n->doc->URL) != 0))
		buf_adds(out, (const char *)b);
	xmlFree(b);
}

/* A URL as written at n, made absolute when a base is known. */
static void
url_at(struct rd *r, xmlNodePtr n, const char *ref, struct buf *out)
{
	struct buf base = BUF_INIT;
	const char *b;

	buf_reset(out);
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	if (*ref != '\0' && !url_has_scheme(ref) &&
	    (b = base_of(r, n, &base)) != NULL)
		url_resolve(b, ref, out);
	else
		first(out, ref);
	buf_free(&base);
}

/* ---- the extra field ------------------------------------------------- */

/* The key of an element in field 14: a known prefix, else its own. */
static void
extra_key(xmlNodePtr n, enum ns home, struct buf *out)
{
	const char *prefix;
	enum ns ns = ns_of(n, &prefix);

	buf_reset(out);
	if (ns == home || (home == NS_RSS && ns == NS_NONE) ||
	    (home == NS_NONE && ns == NS_RSS)) {
		buf_adds(out, (const char *)n->name);
		return;
	}
	if (prefix == NULL && n->ns != NULL && n->ns->prefix != NULL)
		prefix = (const char *)n->ns->prefix;
	if (prefix != NULL)
		buf_printf(out, "%s:%s", prefix, n->name);
	else if (n->ns != NULL)
		buf_printf(out, "{%s}%s", n->ns->href, n->name);
	else
		buf_adds(out, (const char *)n->name);
}

/*
 * An element as JSON: a string when it has only text; else an object
 * of "@attribute" strings, child elements (repeats as arrays) and
 * "#text" when it has text beside them.
 */
static json_t *
xml_json(xmlNodePtr n, enum ns home, int depth)
{
	struct buf key = BUF_INIT, text = BUF_INIT;
	json_t *o;
	xmlAttrPtr a;
	xmlNodePtr c;
	xmlChar *v;
	int kids = 0;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			kids = 1;
	if (n->properties == NULL && !kids) {
		node_text(n, &text);
		ir_put_line(&key, text.p, text.n);
		o = json_string(key.p != NULL ? key.p : "");
		buf_free(&key);
		buf_free(&text);
		return o != NULL ? o : json_string("");
	}
	if ((o = json_object()) == NULL)
		msg_oom();
	for (a = n->properties; a != NULL; a = a->next) {
		v = xmlNodeGetContent((xmlNodePtr)a);
		buf_reset(&key);
		if (a->ns != NULL && a->ns->prefix != NULL)
			buf_printf(&key, "@%s:%s", a->ns->prefix, a->name);
		else
			buf_printf(&key, "@%s", a->name);
		buf_reset(&text);
		if (v != NULL)
			ir_put_line(&text, (const char *)v,
			    strlen((const char *)v));
		json_object_set_new(o, key.p,
		    json_string(text.p != NULL ? text.p : ""));
		xmlFree(v);
	}
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && depth < 16) {
			extra_key(c, home, &key);
			extra_set(o, key.p, xml_json(c, home, depth + 1));
		} else if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL)
				buf_adds(&text, (const char *)c->content);
		}
	}
	buf_reset(&key);
	for (c = n->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			buf_adds(&key, (const char *)c->content);
	buf_reset(&text);
	if (key.n > 0)
		ir_put_line(&text, key.p, key.n);
	if (text.n > 0)
		json_object_set_new(o, "#text", json_string(text.p));
	buf_free(&key);
	buf_free(&text);
	return o;
}

static void
extra_xml(struct item *it, xmlNodePtr n, enum ns home)
{
	extra_key(n, home, &it->tmp);
	extra_set(it->extra, it->tmp.p, xml_json(n, home, 0));
}

/* ---- people ------------------------------------------------------ */

/* "Name <address>" from parts, any of them NULL or empty. */
static void
person(struct strs *l, const char *name, const char *addr)
{
	struct buf b = BUF_INIT;

	if (name != NULL && *name != '\0')
		ir_put_line(&b, name, strlen(name));
	if (addr != NULL && *addr != '\0') {
		if (b.n > 0) {
			buf_adds(&b, " <");
			ir_put_line(&b, addr, strlen(addr));
			buf_addc(&b, '>');
		} else {
			ir_put_line(&b, addr, strlen(addr));
		}
	}
	if (b.n > 0)
		strs_add(l, b.p, b.n);
	buf_free(&b);
}

/* Nonzero if s[0..n), white space trimmed, is a bare email address. */
static int
is_email(const char *s, size_t n)
{
	size_t i, at = 0, nat = 0;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (i = 0; i < n; i++) {
		if (strchr(" \t()[]<>,;:\"", s[i]) != NULL)
			return 0;
		if (s[i] == '@') {
			at = i;
			nat++;
		}
	}
	return nat == 1 && at > 0 && at + 1 < n;
}

/*
 * RSS's "address (Name)", or "Name (address)", as "Name <address>";
 * other forms as they are.
 */
static void
rss_person(struct strs *l, const char *s)
{
	const char *open = strchr(s, '('), *close = strrchr(s, ')');
	struct buf addr = BUF_INIT, name = BUF_INIT;
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (close != NULL && close != s + n - 1)
		open = close = NULL;
	if (open != NULL && close != NULL && close > open &&
	    is_email(s, (size_t)(open - s))) {
		ir_put_line(&addr, s, (size_t)(open - s));
		ir_put_line(&name, open + 1, (size_t)(close - open - 1));
		person(l, name.p, addr.p);
	} else if (open != NULL && close != NULL && close > open &&
	    is_email(open + 1, (size_t)(close - open - 1))) {
		/* "Name (address)" */
		ir_put_line(&name, s, (size_t)(open - s));
		ir_put_line(&addr, open + 1, (size_t)(close - open - 1));
		person(l, name.p, addr.p);
	} else {
		person(l, s, NULL);
	}
	buf_free(&addr);
	buf_free(&name);
}

/*
 * A bare name followed later by the same name with an address (RSS
 * dc:creator, then author): one author, with the address, in the
 * first one's place.
 */
static void
merge_people(struct strs *l)
{
	const char *nm, *ad;
	size_t i, j, k, n, na;

	for (j = 0; j < l->n; j++) {
		ir_author_split(l->v[j], &nm, &n, &ad, &na);
		if (ad == NULL || n == 0)
			continue;
		for (i = 0; i < j; i++)
			if (strlen(l->v[i]) == n &&
			    memcmp(l->v[i], nm, n) == 0)
				break;
		if (i == j)
			continue;
		free(l->v[i]);
		l->v[i] = l->v[j];
		for (k = j; k + 1 < l->n; k++)
			l->v[k] = l->v[k + 1];
		l->n--;
		j--;
	}
}

static void url_at(struct rd *r, xmlNodePtr n, const char *ref,
    struct buf *out);

static void
atom_person(struct rd *r, struct item *it, xmlNodePtr n)
{
	struct buf name = BUF_INIT, email = BUF_INIT, uri = BUF_INIT;
	const char *prefix;
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		ns_of(c, &prefix);
		if (strcmp((const char *)c->name, "name") == 0)
			first(&name, node_text(c, &it->tmp));
		else if (strcmp((const char *)c->name, "email") == 0)
			first(&email, node_text(c, &it->tmp));
		else if ((strcmp((const char *)c->name, "uri") == 0 ||
		    strcmp((const char *)c->name, "url") == 0) && uri.n == 0)
			url_at(r, c, node_text(c, &it->tmp), &uri);
	}
	person(&it->authors, name.p, email.n > 0 ? email.p : uri.p);
	buf_free(&name);
	buf_free(&email);
	buf_free(&uri);
}

/*
 * The language in force at a title (rank 1), summary (2) or body (3):
 * the body's language is the item's, else its summary's or title's.
 */
static void
lang_at(struct item *it, xmlNodePtr n, int rank)
{
	xmlChar *v;

	if (rank <= it->lang_rank || (v = xmlNodeGetLang(n)) == NULL)
		return;
	buf_reset(&it->lang);
	first(&it->lang, (const char *)v);
	it->lang_rank = rank;
	xmlFree(v);
}

/* ---- dates --------------------------------------------------------- */

/* Parse a date element's text; a bad one is noted and kept in extra. */
static int
item_date(struct rd *r, struct item *it, xmlNodePtr n, int64_t *t)
{
	node_text(n, &it->tmp);
	if (date_parse_feed(it->tmp.p, t) == 0)
		return 0;
	msg_err(r->name, (unsigned long)xmlGetLineNo(n),
	    "cannot read the date '%.60s'; kept in the extra field",
	    it->tmp.p);
	return -1;
}

static void
set_date(struct rd *r, struct item *it, xmlNodePtr n, int upd, int weak,
    enum ns home)
{
	int64_t t;

	if (upd ? (it->has_updated && weak) : (it->has_date && weak))
		return;
	if (item_date(r, it, n, &t) < 0) {
		extra_xml(it, n, home);
		return;
	}
	if (upd) {
		it->updated = t;
		it->has_updated = 1;
	} else {
		it->date = t;
		it->has_date = 1;
	}
}

/* ---- images -------------------------------------------------------- */

static int
is_image(const char *type, const char *medium, const char *url)
{
	if (medium != NULL && strcmp(medium, "image") == 0)
		return 1;
	if (type != NULL && *type != '\0')
		return strncasecmp(type, "image/", 6) == 0;
	return url != NULL && feed_image_type(url) != NULL;
}

/* An enclosure or media element: the image when it is one. */
static int
media(struct rd *r, struct item *it, xmlNodePtr n, const char *urlattr,
    int thumb)
{
	struct buf url = BUF_INIT, type = BUF_INIT, medium = BUF_INIT;
	int ok = 0;

	if (attr(n, urlattr, &url) != NULL && url.n > 0 &&
	    (thumb || is_image(attr(n, "type", &type),
	    attr(n, "medium", &medium), url.p))) {
		if (it->image.n == 0)
			url_at(r, n, url.p, &it->image);
		ok = 1;
	}
	buf_free(&url);
	buf_free(&type);
	buf_free(&medium);
	return ok;
}

/* ---- text constructs (Atom) ------------------------------------------ */

enum tc { TC_TEXT, TC_HTML, TC_XHTML, TC_OTHER, TC_B64TEXT, TC_B64HTML };

/* Decode base64 text (white space ignored) into out; -1 if it is not. */
static int
base64(const char *s, struct buf *out)
{
	static const char al[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p;
	unsigned long acc = 0;
	int bits = 0;

	buf_reset(out);
	for (; *s != '\0' && *s != '='; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			continue;
		if ((p = strchr(al, *s)) == NULL)
			return -1;
		acc = (acc << 6 | (unsigned long)(p - al)) & 0xffffff;
		if ((bits += 6) >= 8) {
			bits -= 8;
			buf_addc(out, (int)(acc >> bits & 0xff));
		}
	}
	if (out->p == NULL)
		buf_adds(out, "");
	return 0;
}

/* Decoded base64 that is UTF-8 text, into tmp; -1 if it is not. */
static int
b64text(xmlNodePtr n, struct buf *tmp)
{
	struct buf raw = BUF_INIT;
	size_t off;
	const char *what;
	int rc;

	node_text(n, &raw);
	rc = base64(raw.p, tmp) == 0 &&
	    utf8_check(tmp->p, tmp->n, &off, &what) == 0 ? 0 : -1;
	buf_free(&raw);
	return rc;
}

static enum tc
tc_type(xmlNodePtr n, struct buf *tmp)
{
	const char *t = attr(n, "type", tmp);
	struct buf mode = BUF_INIT;
	enum tc k;

	if (attr(n, "src", &mode) != NULL) {
		buf_free(&mode);
		return TC_OTHER;
	}
	/* Atom 0.3: mode="escaped" is HTML, "xml" inline XHTML. */
	if (attr(n, "mode", &mode) != NULL) {
		k = strcmp(mode.p, "escaped") == 0 ? TC_HTML :
		    strcmp(mode.p, "xml") == 0 ? TC_XHTML :
		    strcmp(mode.p, "base64") == 0 ? TC_B64TEXT : TC_TEXT;
		if (k == TC_HTML && t != NULL &&
		    strcmp(t, "text/plain") == 0)
			k = TC_TEXT;
		if (k == TC_B64TEXT && t != NULL &&
		    strcmp(t, "text/html") == 0)
			k = TC_B64HTML;
		buf_free(&mode);
		return k;
	}
	buf_free(&mode);
	if (t == NULL || strcmp(t, "text") == 0 ||
	    strcmp(t, "text/plain") == 0)
		return TC_TEXT;
	if (strcmp(t, "html") == 0 || strcmp(t, "text/html") == 0)
		return TC_HTML;
	if (strcmp(t, "xhtml") == 0 ||
	    strcmp(t, "application/xhtml+xml") == 0)
		return TC_XHTML;
	return TC_OTHER;
}

/* The HTML of a text construct into out (appended); -1 if none. */
static int
tc_html(struct item *it, xmlNodePtr n, struct buf *out)
{
	xmlNodePtr c;

	switch (tc_type(n, &it->tmp)) {
	case TC_B64HTML:
		if (b64text(n, &it->tmp) < 0)
			return -1;
		buf_add(out, it->tmp.p, it->tmp.n);
		return 0;
	case TC_B64TEXT:
		if (b64text(n, &it->tmp) < 0)
			return -1;
		text_html(it->tmp.p, it->tmp.n, out);
		return 0;
	case TC_HTML:
		node_text(n, &it->tmp);
		buf_add(out, it->tmp.p, it->tmp.n);
		return 0;
	case TC_TEXT:
		node_text(n, &it->tmp);
		text_html(it->tmp.p, it->tmp.n, out);
		return 0;
	case TC_XHTML:
		/* The content is the div's children (RFC 4287, 3.1.1.3). */
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				break;
		if (c != NULL && strcmp((const char *)c->name, "div") == 0)
			node_inner(c, out);
		else
			node_inner(n, out);
		return 0;
	default:
		return -1;
	}
}

/* The plain text of a text construct into out (reset first). */
static void
tc_text(struct item *it, xmlNodePtr n, struct buf *out)
{
	enum tc k = tc_type(n, &it->tmp);

	if ((k == TC_B64TEXT || k == TC_B64HTML) &&
	    b64text(n, &it->tmp) == 0)
		k = k == TC_B64TEXT ? TC_TEXT : TC_HTML;
	else
		node_text(n, &it->tmp);
	if (k == TC_HTML) {
		html_text(it->tmp.p, it->tmp.n, out);
	} else {
		buf_reset(out);
		ir_put_line(out, it->tmp.p, it->tmp.n);
	}
}

/* ---- items ------------------------------------------------------------ */

static void map_elem(struct rd *r, struct item *it, xmlNodePtr c,
    enum ns home);

static void
atom_link(struct rd *r, struct item *it, xmlNodePtr c, enum ns home)
{
	struct buf rel = BUF_INIT, href = BUF_INIT, type = BUF_INIT;
	const char *rl;
	int has_href;

	rl = attr(c, "rel", &rel);
	has_href = attr(c, "href", &href) != NULL;
	/* A link that carries its URL as text, as some writers do. */
	if (!has_href && (rl == NULL || strcmp(rl, "alternate") == 0) &&
	    !has_elements(c) && it->link.n == 0 &&
	    *node_text(c, &href) != '\0') {
		url_at(r, c, href.p, &it->link);
	} else if (!has_href) {
		extra_xml(it, c, home);
	} else if (rl == NULL || strcmp(rl, "alternate") == 0 ||
	    strcmp(rl, "http://www.iana.org/assignments/relation/alternate")
	    == 0) {
		if (it->link.n == 0)
			url_at(r, c, href.p, &it->link);
		else
			extra_xml(it, c, home);
	} else if (strcmp(rl, "related") == 0 && it->related.n == 0) {
		/* ir2atom's link post: related is the post's own page. */
		url_at(r, c, href.p, &it->related);
	} else if (strcmp(rl, "enclosure") == 0 &&
	    is_image(attr(c, "type", &type), NULL, href.p) &&
	    it->image.n == 0) {
		url_at(r, c, href.p, &it->image);
	} else {
		extra_xml(it, c, home);
	}
	buf_free(&rel);
	buf_free(&href);
	buf_free(&type);
}

static void
category(struct item *it, xmlNodePtr c, enum ns home, const char *termattr)
{
	struct buf term = BUF_INIT;

	if (termattr != NULL && attr(c, termattr, &term) != NULL) {
		/* Atom: term; scheme and label go to the extra field. */
		strs_add(&it->cats, term.p, term.n);
		if (xmlHasProp(c, BAD_CAST "scheme") ||
		    xmlHasProp(c, BAD_CAST "label"))
			extra_xml(it, c, home);
	} else {
		node_text(c, &term);
		strs_add(&it->cats, term.p, term.n);
		if (xmlHasProp(c, BAD_CAST "domain") ||
		    xmlHasProp(c, BAD_CAST "scheme"))
			extra_xml(it, c, home);
	}
	buf_free(&term);
}

static void
map_atom(struct rd *r, struct item *it, xmlNodePtr c, const char *nm,
    enum ns home)
{
	if (strcmp(nm, "id") == 0 && it->id.n == 0) {
		first(&it->id, node_text(c, &it->tmp));
	} else if (strcmp(nm, "title") == 0 && it->title.n == 0) {
		tc_text(it, c, &it->title);
		lang_at(it, c, 1);
	} else if (strcmp(nm, "link") == 0) {
		atom_link(r, it, c, home);
	} else if (strcmp(nm, "published") == 0 ||
	    strcmp(nm, "issued") == 0) {
		set_date(r, it, c, 0, 1, home);
	} else if (strcmp(nm, "created") == 0 && !it->has_date) {
		set_date(r, it, c, 0, 1, home);
	} else if (strcmp(nm, "updated") == 0 ||
	    strcmp(nm, "modified") == 0) {
		set_date(r, it, c, 1, 1, home);
	} else if (strcmp(nm, "author") == 0) {
		atom_person(r, it, c);
	} else if (strcmp(nm, "category") == 0) {
		category(it, c, home, "term");
	} else if (strcmp(nm, "summary") == 0 && it->summary.n == 0) {
		tc_text(it, c, &it->summary);
		lang_at(it, c, 2);
	} else if (strcmp(nm, "content") == 0 && !it->has_html) {
		if (tc_html(it, c, &it->html) < 0) {
			extra_xml(it, c, home);
		} else {
			it->has_html = 1;
			declared_base(c, &it->base);
			lang_at(it, c, 3);
		}
	} else {
		extra_xml(it, c, home);
	}
}

static void
map_rss(struct rd *r, struct item *it, xmlNodePtr c, const char *nm,
    enum ns home)
{
	struct buf v = BUF_INIT;

	if (strcmp(nm, "title") == 0 && it->title.n == 0) {
		node_text(c, &it->tmp);
		ir_put_line(&it->title, it->tmp.p, it->tmp.n);
	} else if (strcmp(nm, "link") == 0 && it->link.n == 0) {
		url_at(r, c, node_text(c, &v), &it->link);
	} else if (strcmp(nm, "guid") == 0 && it->id.n == 0) {
		first(&it->id, node_text(c, &it->tmp));
		/* RSS 2.0: a guid is the item's URL unless it says not. */
		if (attr(c, "isPermaLink", &v) == NULL ||
		    strcmp(v.p, "false") != 0)
			it->guid_link = 1;
	} else if (strcmp(nm, "description") == 0 && !it->has_desc) {
		/* Markup written as elements, not escaped, is kept. */
		if (has_elements(c))
			node_inner(c, &it->desc);
		else
			node_text(c, &it->desc);
		it->has_desc = 1;
		declared_base(c, &it->base);
	} else if (strcmp(nm, "pubDate") == 0) {
		set_date(r, it, c, 0, 1, home);
	} else if (strcmp(nm, "author") == 0) {
		rss_person(&it->authors, node_text(c, &it->tmp));
	} else if (strcmp(nm, "category") == 0) {
		category(it, c, home, NULL);
	} else if (strcmp(nm, "enclosure") == 0) {
		if (!media(r, it, c, "url", 0))
			extra_xml(it, c, home);
	} else if (strcmp(nm, "fullitem") == 0 && !it->has_html) {
		/* An old form of content:encoded. */
		node_text(c, &it->tmp);
		buf_add(&it->html, it->tmp.p, it->tmp.n);
		it->has_html = 1;
		declared_base(c, &it->base);
		lang_at(it, c, 3);
	} else {
		extra_xml(it, c, home);
	}
	buf_free(&v);
}

static void
map_elem(struct rd *r, struct item *it, xmlNodePtr c, enum ns home)
{
	const char *prefix, *nm = (const char *)c->name;
	enum ns ns = ns_of(c, &prefix);
	xmlNodePtr g;

	switch (ns) {
	case NS_ATOM:
	case NS_ATOM03:
		map_atom(r, it, c, nm, home);
		break;
	case NS_NONE:
	case NS_RSS:
		/* A feed element without a namespace reads as Atom. */
		if (home == NS_ATOM || home == NS_ATOM03)
			map_atom(r, it, c, nm, home);
		else
			map_rss(r, it, c, nm, home);
		break;
	case NS_DC:
		if (strcmp(nm, "creator") == 0)
			rss_person(&it->authors, node_text(c, &it->tmp));
		else if (strcmp(nm, "date") == 0)
			set_date(r, it, c, 0, 1, home);
		else if (strcmp(nm, "subject") == 0) {
			node_text(c, &it->tmp);
			strs_add(&it->cats, it->tmp.p, it->tmp.n);
		} else if (strcmp(nm, "author") == 0)
			rss_person(&it->authors, node_text(c, &it->tmp));
		else if (strcmp(nm, "language") == 0 && it->lang.n == 0)
			first(&it->lang, node_text(c, &it->tmp));
		else if (strcmp(nm, "title") == 0 && it->title.n == 0)
			first(&it->title, node_text(c, &it->tmp));
		else if (strcmp(nm, "description") == 0 && !it->has_desc) {
			node_text(c, &it->desc);
			it->has_desc = 1;
		} else
			extra_xml(it, c, home);
		break;
	case NS_DCTERMS:
		if (strcmp(nm, "modified") == 0)
			set_date(r, it, c, 1, 1, home);
		else if (strcmp(nm, "issued") == 0 ||
		    strcmp(nm, "created") == 0)
			set_date(r, it, c, 0, 1, home);
		else
			extra_xml(it, c, home);
		break;
	case NS_CONTENT:
		if (strcmp(nm, "encoded") == 0 && !it->has_html) {
			if (has_elements(c))
				node_inner(c, &it->html);
			else {
				node_text(c, &it->tmp);
				buf_add(&it->html, it->tmp.p, it->tmp.n);
			}
			it->has_html = 1;
			declared_base(c, &it->base);
			lang_at(it, c, 3);
		} else {
			extra_xml(it, c, home);
		}
		break;
	case NS_XHTML:
		if (strcmp(nm, "body") == 0 && !it->has_html) {
			node_inner(c, &it->html);
			it->has_html = 1;
			declared_base(c, &it->base);
			lang_at(it, c, 3);
		} else {
			extra_xml(it, c, home);
		}
		break;
	case NS_MEDIA:
		if (strcmp(nm, "group") == 0) {
			for (g = c->children; g != NULL; g = g->next)
				if (g->type == XML_ELEMENT_NODE)
					map_elem(r, it, g, home);
		} else if (strcmp(nm, "thumbnail") == 0) {
			if (!media(r, it, c, "url", 1))
				extra_xml(it, c, home);
		} else if (strcmp(nm, "content") == 0) {
			if (!media(r, it, c, "url", 0))
				extra_xml(it, c, home);
		} else if (strcmp(nm, "category") == 0) {
			category(it, c, home, NULL);
		} else if (strcmp(nm, "title") == 0 && it->mtitle.n == 0) {
			/* The item's own title wins, wherever it stands. */
			node_text(c, &it->tmp);
			ir_put_line(&it->mtitle, it->tmp.p, it->tmp.n);
		} else {
			extra_xml(it, c, home);
		}
		break;
	case NS_ITUNES:
		if (strcmp(nm, "image") == 0) {
			if (!media(r, it, c, "href", 1))
				extra_xml(it, c, home);
		} else {
			extra_xml(it, c, home);
		}
		break;
	default:
		extra_xml(it, c, home);
		break;
	}
}

/* ---- writing an item ------------------------------------------------- */

/* An id that is an absolute URI, stable across runs (quire-ir(5)). */
static void
item_identity(struct rd *r, struct item *it)
{
	struct buf b = BUF_INIT;
	char uuid[UUID_LEN], d[DATE_IR_LEN], *js;
	const char *link = it->link.n > 0 ? it->link.p : NULL;

	if (it->id.n > 0 && url_id_ok(it->id.p, it->id.n) &&
	    memchr(it->id.p, ' ', it->id.n) == NULL)
		return;
	if (it->id.n > 0) {
		/* A guid unique within its feed: qualify it by the feed. */
		buf_adds(&b, r->feed_link.n > 0 ? r->feed_link.p :
		    r->o->source);
		buf_addc(&b, ' ');
		buf_add(&b, it->id.p, it->id.n);
	} else if (link != NULL && url_id_ok(link, strlen(link)) &&
	    strchr(link, ' ') == NULL) {
		buf_adds(&it->id, link);
		return;
	} else if (link != NULL) {
		buf_adds(&b, r->feed_link.n > 0 ? r->feed_link.p :
		    r->o->source);
		buf_addc(&b, ' ');
		buf_adds(&b, link);
	} else {
		/* Neither id nor link: the title, the date, the body. */
		buf_adds(&b, it->title.n > 0 ? it->title.p : "");
		buf_addc(&b, '\t');
		if (it->has_date) {
			date_fmt_ir(it->date, d);
			buf_adds(&b, d);
		}
		buf_addc(&b, '\t');
		buf_adds(&b, r->feed_link.n > 0 ? r->feed_link.p :
		    r->o->source);
		/* Two such items with one title and date: their bodies. */
		buf_addc(&b, '\t');
		buf_add(&b, it->summary.p, it->summary.n);
		buf_addc(&b, '\t');
		buf_add(&b, it->html.p, it->html.n);
		buf_addc(&b, '\t');
		buf_add(&b, it->desc.p, it->desc.n);
		if ((js = json_dumps(it->extra, JSON_COMPACT |
		    JSON_PRESERVE_ORDER)) != NULL) {
			buf_addc(&b, '\t');
			buf_adds(&b, js);
			free(js);
		}
	}
	if (b.p == NULL)
		buf_adds(&b, "");
	uuid_v5(b.p, b.n, uuid);
	buf_reset(&it->id);
	buf_printf(&it->id, "urn:uuid:%s", uuid);
	buf_free(&b);
}

/* Write an item's line from field 2 on into r->line (reset first). */
static void
item_line(struct rd *r, struct item *it)
{
	struct buf *l = &r->line;
	const char *base, *src;
	char d[DATE_IR_LEN], *js;

	buf_reset(l);
	ir_put_line(l, it->id.p, it->id.n);
	buf_addc(l, '\t');
	ir_put_line(l, it->title.p, it->title.n);
	buf_addc(l, '\t');
	ir_put_line(l, it->link.p, it->link.n);
	buf_addc(l, '\t');
	ir_put_line(l, it->external.p, it->external.n);
	buf_addc(l, '\t');
	ir_put_line(l, it->summary.p, it->summary.n);
	buf_addc(l, '\t');
	ir_put_list(l, (const char *const *)it->authors.v, it->authors.n);
	buf_addc(l, '\t');
	ir_put_list(l, (const char *const *)it->cats.v, it->cats.n);
	buf_addc(l, '\t');
	ir_put_list(l, (const char *const *)it->tags.v, it->tags.n);
	buf_addc(l, '\t');
	ir_put_line(l, it->image.p, it->image.n);
	buf_addc(l, '\t');
	if (it->has_updated && it->updated != it->date) {
		date_fmt_ir(it->updated, d);
		buf_adds(l, d);
	}
	buf_addc(l, '\t');
	ir_put_line(l, it->lang.p, it->lang.n);
	buf_addc(l, '\t');
	/*
	 * The feed's URL: -u, else the one the feed gives itself (so that
	 * saved copies of a feed give the same lines), else the file.
	 */
	src = r->o->base != NULL || r->feed_self.n == 0 ? r->o->source :
	    r->feed_self.p;
	ir_put_line(l, src, strlen(src));
	buf_addc(l, '\t');
	if (json_object_size(it->extra) > 0) {
		js = json_dumps(it->extra, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (js == NULL)
			msg_oom();
		ir_put_line(l, js, strlen(js));
		free(js);
	}
	buf_addc(l, '\t');
	/*
	 * Relative URLs of the body: against its xml:base, else the
	 * item's link, else the feed's.
	 */
	base = it->base.n > 0 ? it->base.p : it->link.n > 0 &&
	    url_has_scheme(it->link.p) ? it->link.p : r->feed_link.n > 0 &&
	    url_has_scheme(r->feed_link.p) ? r->feed_link.p : NULL;
	buf_reset(&it->tmp);
	if (base != NULL && it->html.n > 0)
		url_html_absolute(it->html.p, it->html.n, base, &it->tmp);
	else
		buf_add(&it->tmp, it->html.p, it->html.n);
	ir_put_text(l, it->tmp.p, it->tmp.n);
	buf_addc(l, '\t');
	ir_put_text(l, it->md.p, it->md.n);
	buf_addc(l, '\n');
}

static void
write_line(struct rd *r, int64_t date, const char *rest, size_t n)
{
	char d[DATE_IR_LEN];

	date_fmt_ir(date, d);
	if (fwrite(d, 1, DATE_IR_LEN - 1, r->out) != DATE_IR_LEN - 1 ||
	    fputc('\t', r->out) == EOF || fwrite(rest, 1, n, r->out) != n)
		return;		/* the caller checks ferror(out) */
	r->nitems++;
}

/* Finish an item: derived values, then its line (or hold it). */
static void
item_emit(struct rd *r, struct item *it)
{
	size_t i;

	/* No link a reader would run (quire-ir.5): javascript: and such. */
	if (it->link.n > 0 && !url_scheme_ok(it->link.p))
		buf_reset(&it->link);
	if (it->link.n == 0 && it->guid_link && url_has_scheme(it->id.p) &&
	    url_scheme_ok(it->id.p))
		buf_adds(&it->link, it->id.p);
	/*
	 * Atom's alternate and related links: a link post (ir2atom writes
	 * them so), whose page is the related link and whose article, the
	 * link a reader follows, the alternate.
	 */
	if (it->related.n > 0) {
		if (it->link.n > 0 && it->external.n == 0) {
			buf_add(&it->external, it->link.p, it->link.n);
			buf_reset(&it->link);
			buf_add(&it->link, it->related.p, it->related.n);
		} else {
			extra_set(it->extra, "related",
			    json_string(it->related.p));
		}
	}
	/* An RSS description is the body, or the summary beside one. */
	if (it->has_desc) {
		if (it->has_html) {
			if (it->summary.n == 0)
				html_text(it->desc.p, it->desc.n,
				    &it->summary);
		} else {
			buf_add(&it->html, it->desc.p, it->desc.n);
		}
	}
	merge_people(&it->authors);
	if (it->title.n == 0 && it->mtitle.n > 0)
		buf_add(&it->title, it->mtitle.p, it->mtitle.n);
	/* "en_US", as some feeds write it, is the tag "en-US". */
	for (i = 0; i < it->lang.n; i++)
		if (it->lang.p[i] == '_')
			it->lang.p[i] = '-';
	if (it->lang.n == 0 && it->lang_rank == 0 && r->feed_lang.n > 0)
		buf_adds(&it->lang, r->feed_lang.p);
	if (!it->has_date && it->has_updated) {
		it->date = it->updated;
		it->has_date = 1;
	}
	item_identity(r, it);
	item_line(r, it);
	if (it->has_date) {
		write_line(r, it->date, r->line.p, r->line.n);
		return;
	}
	msg_err(r->name, it->line, "item '%.60s' has no date: it gets the "
	    "feed's", it->title.n > 0 ? it->title.p : it->id.p);
	if (r->has_feed_date) {
		write_line(r, r->feed_date, r->line.p, r->line.n);
		return;
	}
	/* The feed's date may come later: hold the line until the end. */
	buf_add(&r->pending, r->line.p, r->line.n);
	r->npending++;
}

/* Write the held items with the feed's date, or 1970-01-01. */
static void
flush_pending(struct rd *r)
{
	const char *p = r->pending.p, *nl;

	if (r->npending == 0)
		return;
	if (!r->has_feed_date)
		msg_err(r->name, 0, "the feed has no date either: %lu item%s "
		    "dated 1970-01-01", r->npending,
		    r->npending == 1 ? "" : "s");
	while ((nl = memchr(p, '\n', r->pending.n -
	    (size_t)(p - r->pending.p))) != NULL) {
		write_line(r, r->has_feed_date ? r->feed_date : 0, p,
		    (size_t)(nl + 1 - p));
		p = nl + 1;
	}
	buf_reset(&r->pending);
	r->npending = 0;
}

/* ---- the feed's own metadata ------------------------------------------ */

/* A feed-level date: rank 2 (updated) beats rank 1 (published). */
static void
feed_date(struct rd *r, xmlNodePtr n, int rank)
{
	int64_t t;

	node_text(n, &r->tmp);
	if (rank <= r->feed_date_rank ||
	    date_parse_feed(r->tmp.p, &t) < 0)
		return;
	r->feed_date = t;
	r->has_feed_date = 1;
	r->feed_date_rank = rank;
}

static void
site_set(struct rd *r, struct buf *b, xmlNodePtr n, int html)
{
	struct buf t = BUF_INIT;

	if (r->site == NULL || b->n > 0)
		return;
	node_text(n, &r->tmp);
	if (html)
		html_text(r->tmp.p, r->tmp.n, &t);
	else
		ir_put_line(&t, r->tmp.p, r->tmp.n);
	first(b, t.p);
	buf_free(&t);
}

/* One child of the channel (RSS) or of the feed (Atom). */
static void
meta_elem(struct rd *r, xmlNodePtr c)
{
	struct feedin_site dummy, *s = r->site != NULL ? r->site : &dummy;
	struct item it;
	struct buf v = BUF_INIT, rel = BUF_INIT;
	const char *prefix, *nm = (const char *)c->name;
	enum ns ns = ns_of(c, &prefix);
	xmlNodePtr g;
	int atom = ns == NS_ATOM || ns == NS_ATOM03;
	int rss = ns == NS_NONE || ns == NS_RSS;

	memset(&dummy, 0, sizeof(dummy));
	if ((rss || atom) && strcmp(nm, "title") == 0) {
		site_set(r, &s->title, c, atom && tc_type(c, &v) == TC_HTML);
	} else if (rss && strcmp(nm, "link") == 0) {
		url_at(r, c, node_text(c, &r->tmp), &v);
		first(&r->feed_link, v.p);
		first(&s->url, v.p);
	} else if (atom && strcmp(nm, "link") == 0) {
		if (attr(c, "rel", &rel) == NULL ||
		    strcmp(rel.p, "alternate") == 0) {
			url_at(r, c, attr(c, "href", &v) ? v.p : "", &r->tmp);
			first(&r->feed_link, r->tmp.p);
			first(&s->url, r->tmp.p);
		} else if (strcmp(rel.p, "self") == 0) {
			url_at(r, c, attr(c, "href", &v) ? v.p : "", &r->tmp);
			first(&s->self, r->tmp.p);
			if (url_has_scheme(r->tmp.p))
				first(&r->feed_self, r->tmp.p);
		}
	} else if ((rss && strcmp(nm, "description") == 0) ||
	    (atom && (strcmp(nm, "subtitle") == 0 ||
	    strcmp(nm, "tagline") == 0))) {
		site_set(r, &s->description, c, 1);
	} else if ((rss && strcmp(nm, "language") == 0) ||
	    (ns == NS_DC && strcmp(nm, "language") == 0)) {
		first(&r->feed_lang, node_text(c, &r->tmp));
		site_set(r, &s->language, c, 0);
	} else if (rss && (strcmp(nm, "managingEditor") == 0 ||
	    strcmp(nm, "webMaster") == 0)) {
		if (s->author.n == 0) {
			memset(&it, 0, sizeof(it));
			rss_person(&it.authors, node_text(c, &r->tmp));
			if (it.authors.n > 0)
				first(&s->author, it.authors.v[0]);
			strs_free(&it.authors);
		}
	} else if ((atom && strcmp(nm, "author") == 0) ||
	    (ns == NS_DC && strcmp(nm, "creator") == 0)) {
		if (s->author.n == 0) {
			memset(&it, 0, sizeof(it));
			if (atom)
				atom_person(r, &it, c);
			else
				person(&it.authors, node_text(c, &r->tmp),
				    NULL);
			if (it.authors.n > 0)
				first(&s->author, it.authors.v[0]);
			strs_free(&it.authors);
			buf_free(&it.tmp);
		}
	} else if (rss && strcmp(nm, "image") == 0) {
		for (g = c->children; g != NULL; g = g->next)
			if (g->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)g->name, "url") == 0 &&
			    s->icon.n == 0) {
				url_at(r, g, node_text(g, &r->tmp), &v);
				first(&s->icon, v.p);
			}
	} else if (atom && (strcmp(nm, "icon") == 0 ||
	    strcmp(nm, "logo") == 0)) {
		url_at(r, c, node_text(c, &r->tmp), &v);
		first(&s->icon, v.p);
	} else if ((rss && strcmp(nm, "lastBuildDate") == 0) ||
	    (atom && (strcmp(nm, "updated") == 0 ||
	    strcmp(nm, "modified") == 0))) {
		feed_date(r, c, 2);
	} else if ((rss && strcmp(nm, "pubDate") == 0) ||
	    (ns == NS_DC && strcmp(nm, "date") == 0)) {
		feed_date(r, c, 1);
	}
	buf_free(&v);
	buf_free(&rel);
}

/* ---- the XML reader --------------------------------------------------- */

/* XML errors reported per document; libxml2 goes on (XML_PARSE_RECOVER). */
#define XML_MAXERR 10

static void
xml_error(void *ctx, xmlErrorPtr e)
{
	struct rd *r = ctx;
	size_t n;

	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	if (r->nxmlerr++ >= XML_MAXERR)
		return;
	snprintf(r->err, sizeof(r->err), "%s",
	    e->message != NULL ? e->message : "error");
	for (n = strlen(r->err); n > 0 && (r->err[n - 1] == '\n' ||
	    r->err[n - 1] == ' '); n--)
		r->err[n - 1] = '\0';
	/* libxml2 adds the bytes on a second line: one line of message. */
	for (n = 0; r->err[n] != '\0'; n++)
		if (r->err[n] == '\n' || r->err[n] == '\r' || r->err[n] == '\t')
			r->err[n] = ' ';
	r->errline = e->line > 0 ? (unsigned long)e->line : 0;
	r->errset = 1;
	/* Reported as it happens, so it names the item being read. */
	msg_err(r->name, r->errline, "not well-formed: %s", r->err);
	if (r->nerr == 0)
		r->nerr++;
}

/* The input, with the bytes read to tell XML from JSON served first. */
struct src {
	FILE       *fp;
	const char *pre;
	size_t      npre, off;
	int         err;
};

static int
src_read(void *ctx, char *buf, int len)
{
	struct src *s = ctx;
	size_t n;

	if (len <= 0)
		return 0;
	if (s->off < s->npre) {
		n = s->npre - s->off;
		if (n > (size_t)len)
			n = (size_t)len;
		memcpy(buf, s->pre + s->off, n);
		s->off += n;
		return (int)n;
	}
	n = fread(buf, 1, (size_t)len, s->fp);
	if (n == 0 && ferror(s->fp)) {
		s->err = errno ? errno : EIO;
		return -1;
	}
	return (int)n;
}

static size_t
src_json(void *buf, size_t len, void *ctx)
{
	int n = src_read(ctx, buf, len > 65536 ? 65536 : (int)len);

	return n < 0 ? (size_t)-1 : (size_t)n;
}

static int
src_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static int is_item(enum kind k, int depth, const char *nm, const xmlChar *ns);

/* Marks an item node as written, in its _private pointer. */
static char written_mark;

/* The namespace an item's own elements are in. */
static enum ns
item_home(struct rd *r, xmlNodePtr n)
{
	if (r->kind != K_ATOM)
		return NS_NONE;
	if (n->ns != NULL && strcmp((const char *)n->ns->href,
	    "http://purl.org/atom/ns#") == 0)
		return NS_ATOM03;
	return NS_ATOM;
}

/* An item or entry element: expand, map, write. */
static void
xml_item(struct rd *r, xmlNodePtr n, enum ns home)
{
	struct item it;
	xmlNodePtr c;
	xmlAttrPtr a;
	xmlChar *v;

	n->_private = &written_mark;
	item_init(&it);
	it.line = (unsigned long)xmlGetLineNo(n);
	if ((v = xmlNodeGetLang(n)) != NULL) {
		first(&it.lang, (const char *)v);
		xmlFree(v);
	}
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			map_elem(r, &it, c, home);
	/* The item's own attributes (but xml:lang, xml:base, rdf:about). */
	for (a = n->properties; a != NULL; a = a->next) {
		if (a->ns != NULL && (strcmp((const char *)a->name, "about") == 0
		    || strcmp((const char *)a->ns->href,
		    "http://www.w3.org/XML/1998/namespace") == 0))
			continue;
		v = xmlNodeGetContent((xmlNodePtr)a);
		buf_reset(&it.tmp);
		buf_printf(&it.tmp, "@%s", a->name);
		buf_reset(&it.md);
		ir_put_line(&it.md, v != NULL ? (const char *)v : "",
		    v != NULL ? strlen((const char *)v) : 0);
		extra_set(it.extra, it.tmp.p, json_string(it.md.p != NULL ?
		    it.md.p : ""));
		buf_reset(&it.md);
		xmlFree(v);
	}
	/* RSS 1.0: the item's URI is its identity. */
	if (it.id.n == 0 && (v = xmlGetNsProp(n, BAD_CAST "about",
	    BAD_CAST "http://www.w3.org/1999/02/22-rdf-syntax-ns#")) != NULL) {
		first(&it.id, (const char *)v);
		xmlFree(v);
	}
	item_emit(r, &it);
	item_free(&it);
}

/* The node after n in document order, outside n; NULL if none yet. */
static xmlNodePtr
successor(xmlNodePtr n)
{
	for (; n != NULL; n = n->parent)
		if (n->next != NULL)
			return n->next;
	return NULL;
}

/*
 * After an XML error: the items the parser finished before it (and
 * the reader has not yet handed out) are written, in document order
 * below n at depth; returns the line of the first one left
 * unfinished, or 0.
 */
static unsigned long
salvage(struct rd *r, xmlNodePtr n, int depth)
{
	xmlNodePtr c;
	unsigned long line;

	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_item(r->kind, depth, (const char *)c->name,
		    c->ns != NULL ? c->ns->href : NULL)) {
			if (successor(c) == NULL)
				return (unsigned long)xmlGetLineNo(c);
			if (c->_private != &written_mark)
				xml_item(r, c, item_home(r, c));
		} else if (depth < 2 &&
		    (line = salvage(r, c, depth + 1)) > 0) {
			return line;
		}
	}
	return 0;
}

/* What a root element makes of the document. */
static enum kind
root_kind(const char *nm, const char *ns)
{
	if (nm == NULL)
		return K_NONE;
	if (strcmp(nm, "rss") == 0 || strcmp(nm, "channel") == 0)
		return K_RSS;
	if (strcmp(nm, "RDF") == 0)
		return K_RDF;
	if (strcmp(nm, "feed") == 0 && (ns == NULL ||
	    strcmp(ns, "http://www.w3.org/2005/Atom") == 0 ||
	    strcmp(ns, "http://purl.org/atom/ns#") == 0))
		return K_ATOM;
	return K_NONE;
}

static int
is_item(enum kind k, int depth, const char *nm, const xmlChar *ns)
{
	switch (k) {
	case K_RSS:
		return depth <= 2 && strcmp(nm, "item") == 0;
	case K_RDF:
		return depth == 1 && strcmp(nm, "item") == 0;
	case K_ATOM:
		(void)ns;
		return depth == 1 && strcmp(nm, "entry") == 0;
	default:
		return 0;
	}
}

static void
xml_feed(struct rd *r, struct src *in)
{
	xmlTextReaderPtr x;
	xmlDocPtr doc = NULL;
	xmlNodePtr n, c;
	const xmlChar *lang;
	const char *nm;
	int rc, depth, skip, stopped = 0;
	unsigned long item_line = 0;

	x = xmlReaderForIO(src_read, src_close, in, r->o->base, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
	    XML_PARSE_COMPACT | XML_PARSE_RECOVER);
	if (x == NULL)
		msg_oom();
	xmlTextReaderSetStructuredErrorHandler(x, xml_error, r);
	rc = xmlTextReaderRead(x);
	while (rc == 1) {
		skip = 0;
		if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT)
			goto next;
		depth = xmlTextReaderDepth(x);
		nm = (const char *)xmlTextReaderConstLocalName(x);
		if (depth == 0) {
			if ((r->kind = root_kind(nm, (const char *)
			    xmlTextReaderConstNamespaceUri(x))) == K_NONE) {
				msg_err(r->name, (unsigned long)
				    xmlTextReaderGetParserLineNumber(x),
				    "not a feed: the root element is <%s>, "
				    "not rss, rdf:RDF or an Atom feed", nm);
				r->nerr++;
				break;
			}
			if ((lang = xmlTextReaderConstXmlLang(x)) != NULL) {
				first(&r->feed_lang, (const char *)lang);
				if (r->site != NULL)
					first(&r->site->language,
					    (const char *)lang);
			}
			goto next;
		}
		/* RSS 2.0's channel holds the items: go inside it. */
		if (r->kind == K_RSS && depth == 1 &&
		    strcmp(nm, "channel") == 0)
			goto next;
		item_line = (unsigned long)xmlTextReaderGetParserLineNumber(x);
		if ((n = xmlTextReaderExpand(x)) == NULL) {
			stopped = 1;
			break;
		}
		if (is_item(r->kind, depth, nm, xmlTextReaderConstNamespaceUri(x)))
			xml_item(r, n, item_home(r, n));
		else if (r->kind == K_RDF && (strcmp(nm, "channel") == 0 ||
		    strcmp(nm, "image") == 0) && depth == 1) {
			if (strcmp(nm, "image") == 0)
				meta_elem(r, n);
			else
				for (c = n->children; c != NULL; c = c->next)
					if (c->type == XML_ELEMENT_NODE)
						meta_elem(r, c);
		} else if (depth == (r->kind == K_RSS ? 2 : 1))
			meta_elem(r, n);
		item_line = 0;
		skip = 1;
next:
		rc = skip ? xmlTextReaderNext(x) : xmlTextReaderRead(x);
	}
	if (r->nxmlerr > XML_MAXERR)
		msg_err(r->name, 0, "%lu more XML errors", r->nxmlerr -
		    XML_MAXERR);
	if (rc < 0 || stopped) {
		/*
		 * What the parser finished before the error stands.  Once
		 * asked for, the document is ours to free (xmlreader.h).
		 */
		doc = xmlTextReaderCurrentDoc(x);
		n = xmlDocGetRootElement(doc);
		if (r->kind == K_NONE && n != NULL)
			r->kind = root_kind((const char *)n->name,
			    n->ns != NULL ? (const char *)n->ns->href : NULL);
		if (r->kind != K_NONE)
			item_line = salvage(r, n, 1);
	}
	if (rc < 0 || stopped) {
		if (in->err)
			msg_err(r->name, 0, "read error: %s",
			    strerror(in->err));
		else if (!r->errset)
			msg_err(r->name, r->errline, "cannot parse the XML");
		if (item_line > 0)
			msg_err(r->name, item_line, "reading stopped in the "
			    "item from this line on; %lu item%s read",
			    r->nitems + r->npending,
			    r->nitems + r->npending == 1 ? "" : "s");
		r->nerr++;
	} else if (r->kind == K_NONE && r->nerr == 0) {
		msg_err(r->name, 0, "not a feed: no root element");
		r->nerr++;
	}
	xmlFreeTextReader(x);
	if (doc != NULL)
		xmlFreeDoc(doc);
}

/* ---- JSON Feed -------------------------------------------------------- */

static const char *
jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* An author object of JSON Feed: "Name <url>", mailto: as an email. */
static void
json_person(struct strs *l, json_t *a)
{
	const char *name = jstr(a, "name"), *url = jstr(a, "url");

	if (url != NULL && strncasecmp(url, "mailto:", 7) == 0)
		url += 7;
	if (json_is_object(a))
		person(l, name, url);
}

static void
json_people(struct strs *l, json_t *o)
{
	json_t *a = json_object_get(o, "authors"), *v;
	size_t i;

	if (json_is_array(a) && json_array_size(a) > 0)
		json_array_foreach(a, i, v)
			json_person(l, v);
	else if (json_is_object(json_object_get(o, "author")))
		json_person(l, json_object_get(o, "author"));
}

static void
json_list(struct strs *l, json_t *a)
{
	json_t *v;
	size_t i;

	if (!json_is_array(a))
		return;
	json_array_foreach(a, i, v)
		if (json_is_string(v))
			strs_add(l, json_string_value(v),
			    json_string_length(v));
}

static int
json_date(struct rd *r, struct item *it, json_t *o, const char *key,
    int64_t *t)
{
	const char *s = jstr(o, key);

	if (s == NULL)
		return -1;
	if (date_parse_feed(s, t) == 0)
		return 0;
	msg_err(r->name, 0, "item %lu: %s: cannot read the date '%.60s'; "
	    "kept in the extra field", it->index, key, s);
	json_object_set(it->extra, key, json_object_get(o, key));
	return -1;
}

/* Keys of a JSON Feed item that map to fields. */
static const char *const json_mapped[] = {
	"id", "url", "external_url", "title", "content_html", "content_text",
	"summary", "image", "date_published", "date_modified", "authors",
	"author", "tags", "language", "_quire", NULL
};

static void
json_item(struct rd *r, json_t *o, unsigned long n)
{
	struct item it;
	json_t *v, *q;
	const char *key, *s;
	size_t i;
	char num[32];

	item_init(&it);
	it.index = n;		/* JSON has no lines: the item's place */
	if ((v = json_object_get(o, "id")) != NULL) {
		if (json_is_string(v))
			first(&it.id, json_string_value(v));
		else if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
			first(&it.id, num);
		}
	}
	if ((s = jstr(o, "url")) != NULL) {
		if (!url_has_scheme(s) && r->feed_link.n > 0 &&
		    url_has_scheme(r->feed_link.p))
			url_resolve(r->feed_link.p, s, &it.link);
		else
			first(&it.link, s);
	}
	first(&it.external, jstr(o, "external_url"));
	if ((s = jstr(o, "title")) != NULL)
		ir_put_line(&it.title, s, strlen(s));
	first(&it.summary, jstr(o, "summary"));
	if ((s = jstr(o, "content_html")) != NULL) {
		buf_adds(&it.html, s);
		if ((s = jstr(o, "content_text")) != NULL)
			buf_adds(&it.md, s);
	} else if ((s = jstr(o, "content_text")) != NULL) {
		text_html(s, strlen(s), &it.html);
		buf_adds(&it.md, s);
	}
	if ((s = jstr(o, "image")) != NULL)
		first(&it.image, s);
	else if ((s = jstr(o, "banner_image")) != NULL)
		first(&it.image, s);
	if (json_date(r, &it, o, "date_published", &it.date) == 0)
		it.has_date = 1;
	if (json_date(r, &it, o, "date_modified", &it.updated) == 0)
		it.has_updated = 1;
	json_people(&it.authors, o);
	/* quire's extension keeps categories apart from tags. */
	q = json_object_get(o, "_quire");
	if (json_is_object(q) && json_is_array(json_object_get(q,
	    "categories"))) {
		json_list(&it.cats, json_object_get(q, "categories"));
		json_list(&it.tags, json_object_get(q, "tags"));
	} else {
		json_list(&it.cats, json_object_get(o, "tags"));
	}
	if (json_is_object(q) && json_is_object(json_object_get(q, "extra")))
		json_object_update(it.extra, json_object_get(q, "extra"));
	first(&it.lang, jstr(o, "language"));
	/* Attachments: the first image is the image; all stay in extra. */
	json_object_foreach(o, key, v) {
		for (i = 0; json_mapped[i] != NULL; i++)
			if (strcmp(key, json_mapped[i]) == 0)
				break;
		if (json_mapped[i] == NULL && strcmp(key, "banner_image") != 0)
			json_object_set(it.extra, key, v);
	}
	if (it.image.n == 0 && json_is_array(v = json_object_get(o,
	    "attachments")))
		json_array_foreach(v, i, q)
			if (is_image(jstr(q, "mime_type"), NULL, jstr(q, "url")) &&
			    jstr(q, "url") != NULL) {
				first(&it.image, jstr(q, "url"));
				break;
			}
	if (jstr(o, "image") != NULL && jstr(o, "banner_image") != NULL)
		json_object_set(it.extra, "banner_image",
		    json_object_get(o, "banner_image"));
	item_emit(r, &it);
	item_free(&it);
}

static void
json_feed(struct rd *r, struct src *in)
{
	json_error_t e;
	json_t *doc, *items, *v;
	struct strs a = { NULL, 0, 0 };
	const char *ver;
	size_t i;

	doc = json_load_callback(src_json, in, JSON_REJECT_DUPLICATES, &e);
	if (doc == NULL) {
		msg_err(r->name, e.line > 0 ? (unsigned long)e.line : 0,
		    "not valid JSON: %s", in->err ? strerror(in->err) :
		    e.text);
		r->nerr++;
		return;
	}
	ver = jstr(doc, "version");
	if (!json_is_object(doc) || ver == NULL ||
	    strncmp(ver, "https://jsonfeed.org/version/", 29) != 0) {
		msg_err(r->name, 0, "not a JSON Feed: no \"version\" of "
		    "https://jsonfeed.org/version/");
		r->nerr++;
		json_decref(doc);
		return;
	}
	r->kind = K_JSON;
	first(&r->feed_link, jstr(doc, "home_page_url"));
	if (jstr(doc, "feed_url") != NULL && url_has_scheme(jstr(doc,
	    "feed_url")))
		first(&r->feed_self, jstr(doc, "feed_url"));
	first(&r->feed_lang, jstr(doc, "language"));
	if (r->site != NULL) {
		first(&r->site->title, jstr(doc, "title"));
		first(&r->site->url, jstr(doc, "home_page_url"));
		first(&r->site->self, jstr(doc, "feed_url"));
		first(&r->site->description, jstr(doc, "description"));
		first(&r->site->language, jstr(doc, "language"));
		if (!first(&r->site->icon, jstr(doc, "icon")))
			first(&r->site->icon, jstr(doc, "favicon"));
		json_people(&a, doc);
		if (a.n > 0)
			first(&r->site->author, a.v[0]);
		strs_free(&a);
	}
	items = json_object_get(doc, "items");
	if (!json_is_array(items)) {
		msg_err(r->name, 0, "not a JSON Feed: \"items\" is not an "
		    "array");
		r->nerr++;
	} else {
		json_array_foreach(items, i, v) {
			if (json_is_object(v)) {
				json_item(r, v, (unsigned long)i + 1);
			} else {
				msg_err(r->name, 0, "item %zu is not an "
				    "object: left out", i + 1);
				r->nerr++;
			}
		}
	}
	json_decref(doc);
}

/* ---- the entry point -------------------------------------------------- */

unsigned long
feedin_read(FILE *fp, const char *name, const struct feedin_opts *o,
    FILE *out, struct feedin_site *site, unsigned long *nerr)
{
	struct rd r;
	struct src in;
	char pre[4096];
	size_t n, i;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.o = o;
	r.out = out;
	r.site = site;
	if (o->base != NULL)
		buf_adds(&r.feed_link, o->base);

	/* Enough of the start to tell a JSON object from XML. */
	n = fread(pre, 1, sizeof(pre), fp);
	memset(&in, 0, sizeof(in));
	in.fp = fp;
	in.pre = pre;
	in.npre = n;
	if (n == 0 && ferror(fp)) {
		msg_err(name, 0, "read error: %s", strerror(errno ? errno : EIO));
		r.nerr++;
		goto out;
	}
	i = n >= 3 && memcmp(pre, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < n && (pre[i] == ' ' || pre[i] == '\t' || pre[i] == '\n' ||
	    pre[i] == '\r'))
		i++;
	if (n == 0 || i == n) {
		msg_err(name, 0, "empty: not a feed");
		r.nerr++;
	} else if (pre[i] == '{') {
		in.off = i;
		json_feed(&r, &in);
	} else {
		xml_feed(&r, &in);
	}
	flush_pending(&r);
out:
	buf_free(&r.feed_link);
	buf_free(&r.feed_lang);
	buf_free(&r.feed_self);
	buf_free(&r.pending);
	buf_free(&r.line);
	buf_free(&r.tmp);
	*nerr += r.nerr;
	return r.nitems;
}

void
feedin_site_free(struct feedin_site *s)
{
	buf_free(&s->title);
	buf_free(&s->url);
	buf_free(&s->description);
	buf_free(&s->author);
	buf_free(&s->language);
	buf_free(&s->icon);
	buf_free(&s->self);
}
