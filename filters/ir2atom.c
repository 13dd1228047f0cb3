/*
 * ir2atom: write an Atom feed (RFC 4287) of the issues of an IR stream.
 *
 * Entries are written in input order to a spool as they are read; at
 * the end of the input the feed header, whose updated date is the
 * newest of the issues, goes out first, then the spooled entries.
 * Only one issue is held in memory at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "feed.h"

#define ATOM_NS		"http://www.w3.org/2005/Atom"
#define MEDIA_NS	"http://search.yahoo.com/mrss/"

static const char usage[] = FEED_USAGE;

static void
write_date(struct feed_xml *x, int depth, const char *name, int64_t t)
{
	char d[DATE_IR_LEN];

	date_fmt_ir(t, d);
	feed_xml_elem(x, depth, name, d);
}

static void
write_link(struct feed_xml *x, int depth, const char *rel, const char *type,
    const char *href)
{
	feed_xml_start(x, depth, "link");
	feed_xml_attr(x, "rel", rel);
	if (type != NULL)
		feed_xml_attr(x, "type", type);
	feed_xml_attr(x, "href", href);
	feed_xml_end(x, -1);
}

static void
write_person(struct feed *f, struct feed_xml *x, int depth,
    const struct feed_person *p)
{
	feed_xml_start(x, depth, "author");
	feed_xml_elem(x, depth + 1, "name", p->name.p);
	if (p->email.n > 0)
		feed_xml_elem(x, depth + 1, "email", p->email.p);
	if (p->uri.n > 0)
		feed_xml_elem(x, depth + 1, "uri", feed_uri(f, p->uri.p));
	feed_xml_end(x, depth);
}

/* One entry, to the spool. */
static void
write_entry(struct feed *f, const struct ir_record *rec)
{
	struct feed_xml *x = &f->spool;
	const char *perma = rec->f[IR_PERMALINK], *link, *type;
	size_t i, n;

	feed_xml_start(x, 1, "entry");
	if (rec->len[IR_LANG] > 0 &&
	    ir_lang_ok(rec->f[IR_LANG], rec->len[IR_LANG]) &&
	    (f->val[FEED_LANGUAGE] == NULL ||
	    strcmp(rec->f[IR_LANG], f->val[FEED_LANGUAGE]) != 0))
		feed_xml_attr(x, "xml:lang", rec->f[IR_LANG]);
	feed_xml_elem(x, 2, "id", feed_uri(f, rec->f[IR_ID]));
	feed_xml_elem(x, 2, "title", feed_entry_title(f, rec));
	write_date(x, 2, "published", rec->date);
	write_date(x, 2, "updated", rec->updated);

	/* A link post points at the article; its own page is related. */
	link = rec->len[IR_LINK] > 0 ? rec->f[IR_LINK] : perma;
	if (*link != '\0')
		write_link(x, 2, "alternate", "text/html",
		    feed_entry_url(f, link, &f->url));
	if (rec->len[IR_LINK] > 0 && *perma != '\0' &&
	    strcmp(feed_entry_url(f, perma, &f->url2), f->url.p) != 0)
		write_link(x, 2, "related", "text/html", f->url2.p);

	for (i = 0; i < rec->authors.n; i++) {
		feed_person_parse(&f->person, rec->authors.v[i]);
		write_person(f, x, 2, &f->person);
	}
	/* A configured author stands in; a derived one is the feed's. */
	if (rec->authors.n == 0 && f->has_author)
		write_person(f, x, 2, &f->author);

	n = feed_entry_terms(f, rec);
	for (i = 0; i < n; i++) {
		feed_xml_start(x, 2, "category");
		feed_xml_attr(x, "term", f->terms[i]);
		feed_xml_end(x, -1);
	}

	if (rec->len[IR_IMAGE] > 0) {
		feed_entry_url(f, rec->f[IR_IMAGE], &f->url2);
		if ((type = feed_image_type(f->url2.p)) != NULL) {
			write_link(x, 2, "enclosure", type, f->url2.p);
		} else {
			feed_xml_start(x, 2, "media:thumbnail");
			feed_xml_attr(x, "url", f->url2.p);
			feed_xml_end(x, -1);
		}
	}

	/* As jekyll-feed writes it: clients that mail it show HTML. */
	if (rec->len[IR_SUMMARY] > 0) {
		feed_xml_start(x, 2, "summary");
		feed_xml_attr(x, "type", "html");
		feed_text_html(f, rec->f[IR_SUMMARY], rec->len[IR_SUMMARY]);
		feed_xml_text(x, f->html.p, f->html.n, 0);
		feed_xml_end(x, -1);
	}
	/* With -s an entry keeps its content only if it has no link. */
	if ((!f->summaries_only && rec->len[IR_HTML] > 0) || *link == '\0') {
		feed_xml_start(x, 2, "content");
		feed_xml_attr(x, "type", "html");
		feed_entry_html(f, rec);
		feed_xml_text(x, f->html.p, f->html.n, 1);
		feed_xml_end(x, -1);
	}
	feed_xml_end(x, 1);
}

/* The feed: header, spooled entries, end.  Returns 0 or -1. */
static int
write_feed(struct feed *f, FILE *out)
{
	struct feed_xml x;

	feed_xml_open(&x, out);
	feed_xml_doc(&x);
	feed_xml_start(&x, -1, "feed");
	feed_xml_attr(&x, "xmlns", ATOM_NS);
	feed_xml_attr(&x, "xmlns:media", MEDIA_NS);
	if (f->val[FEED_LANGUAGE] != NULL)
		feed_xml_attr(&x, "xml:lang", f->val[FEED_LANGUAGE]);
	feed_xml_elem(&x, 1, "id", feed_uri(f, f->val[FEED_ID]));
	feed_xml_elem(&x, 1, "title", f->val[FEED_TITLE]);
	if (f->val[FEED_DESCRIPTION] != NULL)
		feed_xml_elem(&x, 1, "subtitle", f->val[FEED_DESCRIPTION]);
	write_date(&x, 1, "updated", f->newest);
	write_link(&x, 1, "alternate", "text/html",
	    feed_uri(f, f->val[FEED_LINK]));
	if (f->val[FEED_SELF] != NULL)
		write_link(&x, 1, "self", "application/atom+xml",
		    feed_uri(f, f->val[FEED_SELF]));
	if (f->has_author)
		write_person(f, &x, 1, &f->author);
	feed_xml_start(&x, 1, "generator");
	feed_xml_attr(&x, "version", QUIRE_VERSION);
	feed_xml_text(&x, "quire", 5, 0);
	feed_xml_end(&x, -1);
	if (f->val[FEED_ICON] != NULL)
		feed_xml_elem(&x, 1, "icon", feed_uri(f, f->val[FEED_ICON]));
	if (f->val[FEED_LOGO] != NULL)
		feed_xml_elem(&x, 1, "logo", feed_uri(f, f->val[FEED_LOGO]));
	return feed_write_tail(f, &x, 1);
}

int
main(int argc, char *argv[])
{
	return feed_main(argc, argv, usage, write_entry, write_feed);
}
