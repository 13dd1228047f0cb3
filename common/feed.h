/*
 * feed.h: what ir2atom and ir2rss share (feed.c).
 *
 * The site metadata from options and site.yaml and its defaults
 * derived from the issues; the checks every issue passes (quire-ir.5, a
 * duplicate id); the spool that holds the written entries until the
 * end of the input, when the header, which needs the newest date, can
 * be written before them; and a small layer over libxml2's
 * xmlTextWriter that indents, cleans every string and keeps the first
 * error.
 */
#ifndef FEED_H
#define FEED_H

#include <libxml/xmlwriter.h>

#include "quire.h"

/* Site metadata; each is an option and a key of site.yaml. */
enum feed_key {
	FEED_TITLE, FEED_LINK, FEED_SELF, FEED_DESCRIPTION, FEED_AUTHOR,
	FEED_AUTHOR_URI, FEED_LANGUAGE, FEED_ID, FEED_ICON, FEED_LOGO,
	FEED_NKEYS
};

/* The options both filters take (feed.c), and the usage line. */
extern const struct msg_opt feed_opts[];
#define FEED_USAGE "[-hqsv] [-a author] [-A author-uri] [-c site.yaml] " \
	"[-d description] [-I icon] [-i id] [-L language] [-l link] " \
	"[-o file] [-P logo] [-t title] [-u self-url] [file ...]"

/* A person: name is never empty once parsed; email and uri may be. */
struct feed_person {
	struct buf name, email, uri;
};

/* An XML writer with indentation and a sticky error. */
struct feed_xml {
	xmlTextWriterPtr w;
	FILE            *fp;
	struct buf       tmp;		/* cleaned text */
	int              err;
};

struct feed {
	/* From the options, before feed_open(). */
	const char        *opt[FEED_NKEYS];
	const char        *conf_path;
	int                summaries_only;	/* -s */

	/*
	 * After feed_open(): the configured values (options over
	 * site.yaml), NULL when neither gives one.  After feed_finish():
	 * every value but FEED_SELF, FEED_DESCRIPTION, FEED_AUTHOR_URI,
	 * FEED_ICON and FEED_LOGO is set, from the defaults if need be.
	 */
	char              *val[FEED_NKEYS];
	struct feed_person author;	/* FEED_AUTHOR parsed, if any */
	int                has_author;
	int                need_author;	/* an entry had none */

	/* The entries written so far, and what the header needs of them. */
	struct feed_xml    spool;
	FILE              *spool_fp;
	char              *spool_buf;	/* spool_fp's stdio buffer */
	unsigned long      n;
	int64_t            newest;	/* newest date or updated */
	int64_t            oldest;	/* date of the oldest issue */
	char              *newest_link;	/* newest absolute permalink */
	int64_t            newest_link_date;
	char              *newest_lang;	/* newest non-empty lang field */
	int64_t            newest_lang_date;
	char              *oldest_id;	/* id of the oldest issue */
	struct idset       ids;

	/* feed_resolve(): an entry's URLs made absolute. */
	struct buf         abs_perma, abs_link, abs_image, abs_html;
	int                warned_base;	/* "no site URL" said once */

	/* Scratch space for the entry writers. */
	struct buf         title, url, url2, base, html, tmp, uri;
	unsigned long      unresolved;	/* entries with relative URLs */
	int                entry_unresolved;
	struct feed_person person;
	const char       **terms;	/* categories, tags, no repeats */
	size_t             nterms, capterms;
	struct strset      termset;	/* the terms, for O(1) look-ups */
};

/* Zero f for use. */
void feed_init(struct feed *f);

/*
 * Take one of the shared metadata options (ch from feed_opts, not
 * 'o').  Returns 0, or -1 after printing why arg is bad.
 */
int feed_option(struct feed *f, int ch, const char *arg);

/*
 * Load site.yaml if one was named, merge it under the options, and
 * open the spool.  Returns 0, or -1 after printing a message.
 */
int feed_open(struct feed *f);

/*
 * Check one issue before its entry is written (a duplicate id is an
 * error) and record what the header needs.  Returns 0, or -1 after printing
 * "prog: file:line: reason".
 */
int feed_add(struct feed *f, const struct ir_record *rec);

/*
 * Make the relative URLs of rec absolute before its entry is written:
 * a root-relative permalink is joined to the site link (-l, link or
 * url in the site configuration) as md2ir -b joins it; the link, the
 * image and the URLs of the HTML are resolved against the permalink
 * (else the site link).  rec's fields then point into f, valid until
 * the next call.  With no base to resolve against, the first relative
 * URL gets one note on stderr: "no site URL: links are relative".
 */
void feed_resolve(struct feed *f, struct ir_record *rec);

/* Derive the defaults of the metadata not configured (see feed.c). */
void feed_finish(struct feed *f);

/*
 * Copy the spooled entries to fp (after flushing x, which writes to
 * fp).  Returns 0, or -1 after printing a message.
 */
int feed_spool_copy(struct feed *f, struct feed_xml *x);

/* Free everything f owns; the spool goes away. */
void feed_free(struct feed *f);

/* ---- what an entry needs ---------------------------------------- */

/*
 * The title of rec: field 3, else its summary's first words (at most
 * 80 bytes, an ellipsis when cut), else its date as YYYY-MM-DD.  The result
 * is in f->title.
 */
const char *feed_entry_title(struct feed *f, const struct ir_record *rec);

/*
 * The base URL of rec's entry in f->base: its permalink when that is
 * an absolute http(s) URL, else the permalink (or, without one, the
 * site link) resolved against a configured http(s) site link; empty
 * when neither is known.  feed_main() calls it before each entry.
 */
void feed_entry_base(struct feed *f, const struct ir_record *rec);

/*
 * ref made absolute against the entry's base (when there is one) and
 * written as a URI (url_normalize()).  The result is in out, reset
 * first.
 */
const char *feed_entry_url(struct feed *f, const char *ref,
    struct buf *out);

/*
 * The HTML body of rec as a feed carries it, in f->html: every URL in
 * it (href, src, srcset, poster, cite) absolute against the entry's
 * base and written as a URI, except that a link to a fragment of the
 * entry itself (a footnote) stays "#fragment", so a tap stays in the
 * reader.  A relative URL with no base to resolve it, here or in
 * feed_entry_url(), sets f->entry_unresolved.
 */
const char *feed_entry_html(struct feed *f, const struct ir_record *rec);

/* s written as a URI (url_normalize()), in f->uri. */
const char *feed_uri(struct feed *f, const char *s);

/*
 * Plain text s[0..n) (a summary) escaped as HTML into f->html, for
 * the elements a reader parses as HTML (RSS description, Atom summary
 * of type html): the reader then shows the text as it is.
 */
const char *feed_text_html(struct feed *f, const char *s, size_t n);

/* Categories then tags of rec, without repeats, in f->terms. */
size_t feed_entry_terms(struct feed *f, const struct ir_record *rec);

/*
 * Parse "Name <address>", "Name" or "address" into p; an address with
 * an '@' and no scheme, or a mailto: URL, is an email, another URL a
 * uri.  The name falls back to the address.
 */
void feed_person_parse(struct feed_person *p, const char *s);
void feed_person_free(struct feed_person *p);

/* The media type of an image URL from its extension, or NULL. */
const char *feed_image_type(const char *url);

/* ---- the XML writer --------------------------------------------- */

/* Write to fp; fp stays the caller's.  Returns 0 (exits on no memory). */
int feed_xml_open(struct feed_xml *x, FILE *fp);

/* Flush and free the writer; returns 0, or -1 if any call failed. */
int feed_xml_close(struct feed_xml *x);

/* Start the document: the XML declaration. */
void feed_xml_doc(struct feed_xml *x);

/* A new line indented to depth (none if < 0), then a start tag. */
void feed_xml_start(struct feed_xml *x, int depth, const char *name);

/* An attribute of the element just started; value is cleaned. */
void feed_xml_attr(struct feed_xml *x, const char *name, const char *value);

/* Element content: s[0..n) cleaned, TAB and LF kept only if multi. */
void feed_xml_text(struct feed_xml *x, const char *s, size_t n, int multi);

/* End the current element; with depth >= 0, on a new line first. */
void feed_xml_end(struct feed_xml *x, int depth);

/* A whole element with text content: start, text, end. */
void feed_xml_elem(struct feed_xml *x, int depth, const char *name,
    const char *text);

/* A new line and an indent of depth, as raw output. */
void feed_xml_newline(struct feed_xml *x, int depth);

/*
 * End a feed: copy the spooled entries into x, close the open
 * elements (the root at depth 0 and those below it), and close x.
 * Returns 0, or -1 after printing a write error.
 */
int feed_write_tail(struct feed *f, struct feed_xml *x, int open);

/*
 * The whole of a feed filter: options, site metadata, the IR read and
 * checked one issue at a time, each written by write_entry to the
 * spool, then write_feed writes the header and copies the spool to the
 * output.  Returns the exit status; -o keeps the old file on failure.
 */
int feed_main(int argc, char *argv[], const char *usage,
    void (*write_entry)(struct feed *, const struct ir_record *),
    int (*write_feed)(struct feed *, FILE *));

#endif
