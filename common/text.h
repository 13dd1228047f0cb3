/*
 * text.h: an HTML fragment as plain text for a terminal mail client
 * (text.c), the text/plain part of ir2mbox.
 */
#ifndef QUIRE_TEXT_H
#define QUIRE_TEXT_H

#include "quire.h"

/*
 * Append html[0..n) rendered as plain text to out: paragraphs wrapped
 * at 72 columns and separated by an empty line, headings marked with
 * '#' as in Markdown, lists with "-" or "1.", quotes with "> ",
 * preformatted text indented by four spaces and kept as it is, and
 * each link's text followed by "[N]", with the numbered URLs listed at
 * the end.  URLs are made absolute against base (when base is an
 * absolute URL) and written as URIs (url_normalize()); a link to a
 * fragment of the same page gets no number.  Script, style and other
 * elements that are not text go with their content; an image is its
 * alt text in brackets.  Returns 0, or -1 when libxml2 cannot parse
 * the fragment (out is then unchanged).
 */
int text_from_html(struct buf *out, const char *html, size_t n,
    const char *base);

#endif
