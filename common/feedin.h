/*
 * feedin.h: reading RSS, Atom and JSON Feed documents into the IR
 * (feedin.c), for feed2ir.
 *
 * XML goes through libxml2's streaming reader, one item expanded at a
 * time, so memory stays flat in the number of items; no network, no
 * external entities, no DTD loading.  JSON goes through jansson.  The
 * mapping of every element to the IR fields is in feed2ir(1).
 */
#ifndef FEEDIN_H
#define FEEDIN_H

#include "quire.h"

/* What a feed says of itself: the keys of a site configuration. */
struct feedin_site {
	struct buf title, url, description, author, language, icon, self;
};

struct feedin_opts {
	const char *source;	/* field 13: the feed's URL or file name */
	const char *base;	/* absolute base URL of the document, or NULL */
};

/*
 * Read one feed from fp (name is used in messages) and write one IR
 * line per item to out, whole lines only.  site, when not NULL,
 * receives the feed's own metadata (the first value of each kind
 * wins, so several feeds in one run describe the first).  Returns the
 * number of items written; *nerr counts the errors reported ("prog:
 * name:line: reason"): a feed that is not well-formed stops at the
 * error, the items before it stay written.
 */
unsigned long feedin_read(FILE *fp, const char *name,
    const struct feedin_opts *o, FILE *out, struct feedin_site *site,
    unsigned long *nerr);

/* Free what a site holds; it is reusable. */
void feedin_site_free(struct feedin_site *s);

#endif
