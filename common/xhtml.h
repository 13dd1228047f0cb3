/*
 * xhtml.h: turn an HTML fragment into XHTML that fits the EPUB 3
 * content model, through libxml2's HTML parser.
 *
 * What passes is an allow-list of HTML5 elements and attributes;
 * script, style and the like go with their content; iframe, object,
 * video, audio and form controls go but keep their text (an embedded
 * http(s) page or media becomes a link to it); unknown elements (JSX
 * components, say) are unwrapped, their content kept.  Content in the
 * wrong place is mended: block elements inside phrasing content are
 * unwrapped, stray list items, rows and cells are wrapped or renamed.
 * Every id is made unique (and links to it follow), every img has an
 * alt, every top-level heading an id, and cmark-gfm's footnotes
 * become EPUB 3 noteref/footnote pairs.
 */
#ifndef QUIRE_XHTML_H
#define QUIRE_XHTML_H

#include <stddef.h>

#include "quire.h"

/* What becomes of an image. */
enum xhtml_img {
	XHTML_IMG_EMBED,	/* keep the img, with the new src */
	XHTML_IMG_LINK,		/* a link to a URL, carrying the alt text */
	XHTML_IMG_TEXT		/* only the alt text */
};

/* Callbacks that decide what URLs become; strings they return are
 * malloc'ed and owned by the cleaner afterwards. */
struct xhtml_hooks {
	void *ctx;
	/*
	 * The img with this src (alt as given, or ""): EMBED with *out the
	 * new src, LINK with *out the URL to link to, or TEXT.
	 */
	enum xhtml_img (*image)(void *ctx, const char *src, const char *alt,
	    char **out);
	/*
	 * A link's href that is neither a fragment nor of a refused
	 * scheme: the new href, or NULL to drop it (the text stays).
	 */
	char *(*link)(void *ctx, const char *href);
};

/* A top-level heading of the fragment. */
struct xhtml_heading {
	int   level;		/* 1 to 6 */
	char *id;		/* its id in the output */
	char *text;		/* its text, white space folded */
};

/* The result of one xhtml_clean(); free with xhtml_result_free(). */
struct xhtml_result {
	struct buf            body;	/* the XHTML fragment, UTF-8 */
	struct xhtml_heading *h;
	size_t                nh;
};

/*
 * Clean html[0..n) into res->body and res->h, which the caller
 * initialises to zeros.  reserved is a NULL-terminated list of ids
 * used elsewhere in the document (or NULL); none is reused.  Returns
 * 0, or -1 when libxml2 cannot build a tree (res is then empty).
 */
int xhtml_clean(const char *html, size_t n, const struct xhtml_hooks *hk,
    const char *const *reserved, struct xhtml_result *res);

/* Free what xhtml_clean() put in res; res is reusable. */
void xhtml_result_free(struct xhtml_result *res);

/*
 * Append s[0..n) escaped for XML text (attr zero) or a double-quoted
 * attribute value (attr nonzero); characters XML 1.0 forbids, and the
 * C1 controls, are dropped.
 */
void xhtml_escape(struct buf *b, const char *s, size_t n, int attr);

/*
 * The direction of the language tag lang: "rtl" for a language or a
 * script written right to left (Arabic, Hebrew, Persian, Urdu, Yiddish,
 * Syriac, Thaana, N'Ko, ...; "-Arab" and the like as a script subtag),
 * else "ltr"; NULL when lang is NULL or empty.
 */
const char *xhtml_lang_dir(const char *lang);

/* Nonzero if p[0..n) looks like an SVG document (its root is <svg). */
int xhtml_svg_sniff(const char *p, size_t n);

/*
 * Clean the SVG image in b, in place, for an EPUB: parsed by libxml2
 * without the network, entities or a DTD; script, foreignObject and
 * other active or embedding elements go with their content, event
 * handler attributes (on...) go, and so does every reference that is
 * not within the image (href and xlink:href not starting with '#',
 * url() in style other than url(#...), @import).  Returns 0, or -1
 * when b is not a well-formed SVG document (b is then unchanged).
 */
int xhtml_svg_clean(struct buf *b);

/* Append url as url_normalize() writes it (quire-ir.5, URLS). */
void xhtml_url(struct buf *b, const char *url);

#endif
