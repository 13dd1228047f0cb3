/*
 * html.h: the URLs of an HTML fragment (html.c), rewritten in place
 * for the outputs that carry the body as HTML (the feeds, the mail's
 * HTML part): the rest of the fragment is copied byte for byte.
 */
#ifndef QUIRE_HTML_H
#define QUIRE_HTML_H

#include "quire.h"

/*
 * Called for each URL: append the URL to write for url (its character
 * references decoded) to out, which is empty.
 */
typedef void html_url_fn(void *ctx, const char *url, struct buf *out);

/*
 * Copy the HTML fragment html[0..n) to out (appending), with the value
 * of every href, src, poster and cite attribute, and each URL of a
 * srcset, replaced by what fn makes of it.  A value fn changes is
 * written double-quoted with '&', '<' and '"' escaped; an unchanged
 * one is copied as it was.  Comments, text, and the content of
 * script, style, textarea and title are copied as they are.  Never
 * fails; a fragment that is not well-formed HTML is copied as far as
 * it goes.
 */
void html_urls(struct buf *out, const char *html, size_t n,
    html_url_fn *fn, void *ctx);

#endif
