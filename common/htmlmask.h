/*
 * htmlmask.h: long runs of plain text kept out of libxml2's HTML
 * parser (htmlmask.c).
 *
 * libxml2's HTML parser reads character data one character at a time
 * (htmlCurrentChar(), htmlParseCharData()): about 200 instructions a
 * byte, much of a raw-HTML post's conversion and of a chapter's in
 * ir2epub.  html_read() replaces each long run of text that the parser
 * would keep as it is (no '<', no '&', no control character, valid
 * UTF-8; first and last byte not white space) by a short placeholder,
 * and puts the runs back into the text nodes of the parsed tree.  The
 * tree is then the one the parser makes of the HTML itself, or the
 * HTML is parsed as it is.
 */
#ifndef QUIRE_HTMLMASK_H
#define QUIRE_HTMLMASK_H

#include <libxml/HTMLparser.h>

#include "quire.h"

/*
 * The parser options of html_read()'s callers: md2ir's HTML pass
 * (htmlpass.c), ir2epub's XHTML cleaner (xhtml.c) and the text of
 * mail and feeds (text.c).  Named here so that the tests of html_read()
 * (t/qtest.c, t/fuzz/fuzz-htmlmask.c) use the very same.
 */
#define HTML_READ_PASS	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | \
	HTML_PARSE_NOWARNING | HTML_PARSE_NONET | XML_PARSE_HUGE)
#define HTML_READ_XHTML	(HTML_READ_PASS | HTML_PARSE_NODEFDTD | \
	HTML_PARSE_COMPACT)
#define HTML_READ_TEXT	(HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
	HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED)

/*
 * htmlReadMemory(html, n, NULL, "UTF-8", options) (libxml2 2.9, HTML
 * parser options), its long text runs masked: the same tree, or NULL
 * when libxml2 returns NULL or n >= 2^31.  html[0..n) is not copied or
 * changed.  If how is not NULL, *how is the number of runs masked: 0
 * when none was worth it, -1 when the masked tree was refused and html
 * parsed as it is (rare: markup the scan took for text).  The caller
 * frees the tree with xmlFreeDoc().  No state outside the call: any
 * thread may call it.
 */
htmlDocPtr html_read(const char *html, size_t n, int options, long *how);

#endif
