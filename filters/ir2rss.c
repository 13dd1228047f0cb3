/*
 * ir2rss: write an RSS 2.0 feed, with the content, Dublin Core, Media
 * RSS and Atom namespaces, of the issues of an IR stream.
 *
 * Items are written in input order to a spool as they are read; at the
 * end of the input the channel header, whose lastBuildDate is the
 * newest of the issues, goes out first, then the spooled items.  Only
 * one issue is held in memory at a time.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"

static const char usage[] = FEED_USAGE;

/* "address (Name)", the form RSS wants in author and managingEditor. */
static const char *
rss_person(const struct feed_person *p, struct buf *b)
{
	buf_reset(b);
	buf_printf(b, "%s (%s)", p->email.p, p->name.p);
	return b->p;
}

static void
write_date(struct feed_xml *x, int depth, const char *name, int64_t t)
{
	char d[DATE_822_LEN];

	date_fmt_822(t, d);
	feed_xml_elem(x, depth, name, d);
}

/* Nonzero if the guid is the permalink (quire-ir.5, IDENTITY). */
static int
guid_is_permalink(const struct ir_record *rec)
{
	const char *id = rec->f[IR_ID];

	return strcmp(id, rec->f[IR_PERMALINK]) == 0 &&
	    (strncasecmp(id, "http://", 7) == 0 ||
	    strncasecmp(id, "https://", 8) == 0);
}

/* One item, to the spool. */
static void
write_item(struct feed *f, const struct ir_record *rec)
{
	struct feed_xml *x = &f->spool;
	const char *link, *type;
	size_t i, n;
	int mailed = 0;

	feed_xml_start(x, 2, "item");
	feed_xml_elem(x, 3, "title", feed_entry_title(f, rec));
	/* A link post points at the article; the guid keeps its page. */
	link = rec->len[IR_LINK] > 0 ? rec->f[IR_LINK] :
	    rec->f[IR_PERMALINK];
	if (*link != '\0')
		feed_xml_elem(x, 3, "link",
		    feed_entry_url(f, link, &f->url));
	feed_xml_start(x, 3, "guid");
	feed_xml_attr(x, "isPermaLink", guid_is_permalink(rec) ?
	    "true" : "false");
	feed_uri(f, rec->f[IR_ID]);
	feed_xml_text(x, f->uri.p, f->uri.n, 0);
	feed_xml_end(x, -1);
	write_date(x, 3, "pubDate", rec->date);

	/* dc:creator takes names; RSS author only "address (Name)". */
	for (i = 0; i < rec->authors.n; i++) {
		feed_person_parse(&f->person, rec->authors.v[i]);
		feed_xml_elem(x, 3, "dc:creator", f->person.name.p);
		if (!mailed && f->person.email.n > 0) {
			feed_xml_elem(x, 3, "author",
			    rss_person(&f->person, &f->url2));
			mailed = 1;
		}
	}
	if (rec->authors.n == 0 && f->has_author) {
		feed_xml_elem(x, 3, "dc:creator", f->author.name.p);
		if (f->author.email.n > 0)
			feed_xml_elem(x, 3, "author",
			    rss_person(&f->author, &f->url2));
	}

	n = feed_entry_terms(f, rec);
	for (i = 0; i < n; i++)
		feed_xml_elem(x, 3, "category", f->terms[i]);

	/* No length is known, so never an enclosure. */
	if (rec->len[IR_IMAGE] > 0) {
		feed_entry_url(f, rec->f[IR_IMAGE], &f->url2);
		feed_xml_start(x, 3, "media:content");
		feed_xml_attr(x, "url", f->url2.p);
		feed_xml_attr(x, "medium", "image");
		if ((type = feed_image_type(f->url2.p)) != NULL)
			feed_xml_attr(x, "type", type);
		feed_xml_end(x, -1);
	}

	/* Readers parse description as HTML: the text is escaped for it. */
	if (rec->len[IR_SUMMARY] > 0) {
		feed_xml_start(x, 3, "description");
		feed_text_html(f, rec->f[IR_SUMMARY], rec->len[IR_SUMMARY]);
		feed_xml_text(x, f->html.p, f->html.n, 0);
		feed_xml_end(x, -1);
	}
	if (!f->summaries_only && rec->len[IR_HTML] > 0) {
		feed_xml_start(x, 3, "content:encoded");
		feed_entry_html(f, rec);
		feed_xml_text(x, f->html.p, f->html.n, 1);
		feed_xml_end(x, -1);
	}
	feed_xml_end(x, 2);
}

/* The feed: channel header, spooled items, end.  Returns 0 or -1. */
static int
write_feed(struct feed *f, FILE *out)
{
	struct feed_xml x;
	struct buf b = BUF_INIT;
	const char *logo, *desc;

	feed_xml_open(&x, out);
	feed_xml_doc(&x);
	feed_xml_start(&x, -1, "rss");
	feed_xml_attr(&x, "version", "2.0");
	feed_xml_attr(&x, "xmlns:atom", "http://www.w3.org/2005/Atom");
	feed_xml_attr(&x, "xmlns:content",
	    "http://purl.org/rss/1.0/modules/content/");
	feed_xml_attr(&x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	feed_xml_attr(&x, "xmlns:media", "http://search.yahoo.com/mrss/");
	feed_xml_start(&x, 1, "channel");
	feed_xml_elem(&x, 2, "title", f->val[FEED_TITLE]);
	feed_xml_elem(&x, 2, "link", feed_uri(f, f->val[FEED_LINK]));
	desc = f->val[FEED_DESCRIPTION] != NULL ? f->val[FEED_DESCRIPTION] :
	    f->val[FEED_TITLE];
	feed_xml_elem(&x, 2, "description",
	    feed_text_html(f, desc, strlen(desc)));
	if (f->val[FEED_SELF] != NULL) {
		feed_xml_start(&x, 2, "atom:link");
		feed_xml_attr(&x, "rel", "self");
		feed_xml_attr(&x, "type", "application/rss+xml");
		feed_xml_attr(&x, "href", feed_uri(f, f->val[FEED_SELF]));
		feed_xml_end(&x, -1);
	}
	if (f->val[FEED_LANGUAGE] != NULL)
		feed_xml_elem(&x, 2, "language", f->val[FEED_LANGUAGE]);
	write_date(&x, 2, "lastBuildDate", f->newest);
	if (f->has_author && f->author.email.n > 0)
		feed_xml_elem(&x, 2, "managingEditor",
		    rss_person(&f->author, &b));
	feed_xml_elem(&x, 2, "generator", "quire " QUIRE_VERSION);
	logo = f->val[FEED_LOGO] != NULL ? f->val[FEED_LOGO] :
	    f->val[FEED_ICON];
	if (logo != NULL) {
		feed_xml_start(&x, 2, "image");
		feed_xml_elem(&x, 3, "url", feed_uri(f, logo));
		feed_xml_elem(&x, 3, "title", f->val[FEED_TITLE]);
		feed_xml_elem(&x, 3, "link", feed_uri(f, f->val[FEED_LINK]));
		feed_xml_end(&x, 2);
	}
	buf_free(&b);
	return feed_write_tail(f, &x, 2);
}

int
main(int argc, char *argv[])
{
	return feed_main(argc, argv, usage, write_item, write_feed);
}
