/*
 * post.h: the facts of one post, read from its front matter tree
 * (post.c): md2ir's mapping of keys to IR fields, one table for every
 * dialect, shown in md2ir(1).
 */
#ifndef POST_H
#define POST_H

#include "authors.h"
#include "fm.h"

struct post {
	/* Strings, owned, NULL when absent (a null counts as absent). */
	char           *title;		/* inline Markdown reduced to text */
	char           *path;		/* permalink, path, url */
	char           *slug;
	char           *summary;
	char           *image;
	char           *link;		/* external link of a link post */
	char           *lang;
	char           *id;
	/* Lists, owned: "Name" or "Name <address>" for authors. */
	char          **authors, **cats, **tags;
	size_t          nauthors, ncats, ntags;
	/*
	 * Dates (seconds, UTC), each with a flag: the post's date, its
	 * last change, and Hugo's publishDate and expiryDate (for the
	 * scheduled-post rule; publishDate is also a date when no date
	 * key is there).
	 */
	int64_t         date, updated, publish, expiry;
	int             has_date, has_updated, has_publish, has_expiry;
	unsigned long   date_line;	/* file line of the date, or 0 */
	/* draft: true, published: false, Pelican's Status: draft. */
	int             draft;
	/* The other keys, a JSON object; empty (n == 0) when none. */
	struct buf      extra;
};

struct post_opts {
	const char           *zone;	/* dates without a zone: IANA name */
	const struct authors *authors;	/* author keys, or NULL */
	/*
	 * Jekyll's: a YAML timestamp with a time and no zone, not quoted,
	 * is UTC (SafeYAML reads it so; a quoted one is in zone).
	 */
	int                   plain_utc;
};

/*
 * Fill p from root, the front matter of dialect d of the file named
 * file in messages.  Returns 0, or -1 after printing
 * "prog: file:line: reason" (a key given twice, a value of the wrong
 * kind, a date that cannot be read).  post_free() releases p either
 * way.
 */
int post_read(struct post *p, const struct fm_node *root,
    enum fm_dialect d, const char *file, const struct post_opts *o);

void post_free(struct post *p);

/*
 * Append the text of inline Markdown s to text (emphasis, code, links
 * and images reduced to their text, entities and escapes decoded, tags
 * of HTML's phrasing elements such as <i> dropped, other tags such as
 * "<T>" kept as written); the URL of its first link, if any, to url (may be NULL).  A string that
 * is not a single paragraph of Markdown is copied as it is.
 */
void post_inline_text(const char *s, struct buf *text, struct buf *url);

#endif
