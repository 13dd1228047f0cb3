/*
 * ir2json: write a JSON Feed 1.1 document (jsonfeed.org/version/1.1)
 * of the issues of an IR stream.
 *
 * The options, site metadata, checks and spool are ir2atom's
 * (common/feed.c): items are written in input order to the spool, one
 * per line, as they are read; at the end the header, which needs the
 * newest issue, goes out first.  Only one issue is held at a time.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "feed.h"

#define JSONFEED_VERSION "https://jsonfeed.org/version/1.1"

static const char usage[] = FEED_USAGE;

/* Set key to the string s[0..n) when it is not empty. */
static void
set_str(json_t *o, const char *key, const char *s, size_t n)
{
	json_t *v;

	if (s == NULL || n == 0)
		return;
	if ((v = json_stringn(s, n)) == NULL)	/* not UTF-8: cannot be */
		return;
	json_object_set_new(o, key, v);
}

static void
set_cstr(json_t *o, const char *key, const char *s)
{
	if (s != NULL)
		set_str(o, key, s, strlen(s));
}

static void
set_date(json_t *o, const char *key, int64_t t)
{
	char d[DATE_IR_LEN];

	date_fmt_ir(t, d);
	set_str(o, key, d, DATE_IR_LEN - 1);
}

/* A JSON Feed author: name, and url (a mailto: URL for an email). */
static json_t *
author(const struct feed_person *p, struct buf *tmp)
{
	json_t *a = json_object();

	if (a == NULL)
		msg_oom();
	set_str(a, "name", p->name.p, p->name.n);
	if (p->uri.n > 0) {
		set_str(a, "url", p->uri.p, p->uri.n);
	} else if (p->email.n > 0) {
		buf_reset(tmp);
		buf_printf(tmp, "mailto:%s", p->email.p);
		set_str(a, "url", tmp->p, tmp->n);
	}
	return a;
}

static json_t *
str_array(const char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	if (a == NULL)
		msg_oom();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* Write o to fp indented under the items array; 0 or -1. */
static int
dump_indented(json_t *o, FILE *fp, int depth)
{
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER), *p;
	int rc = 0;

	if (s == NULL)
		msg_oom();
	for (p = s; *p != '\0'; p++) {
		if (p == s || p[-1] == '\n')
			fprintf(fp, "%*s", depth, "");
		fputc(*p, fp);
	}
	if (ferror(fp))
		rc = -1;
	free(s);
	return rc;
}

/* One item, to the spool. */
static void
write_item(struct feed *f, const struct ir_record *rec)
{
	json_t *it = json_object(), *a, *q, *extra;
	const char *perma = rec->f[IR_PERMALINK];
	size_t i, n;

	if (it == NULL)
		msg_oom();
	set_str(it, "id", rec->f[IR_ID], rec->len[IR_ID]);
	if (*perma != '\0')
		set_cstr(it, "url", feed_entry_url(f, perma, &f->url));
	if (rec->len[IR_LINK] > 0)
		set_cstr(it, "external_url",
		    feed_entry_url(f, rec->f[IR_LINK], &f->url));
	set_str(it, "title", rec->f[IR_TITLE], rec->len[IR_TITLE]);
	/* A summary-only feed (-s) keeps the body of an item without url. */
	if (!f->summaries_only || *perma == '\0')
		set_str(it, "content_html", rec->f[IR_HTML], rec->len[IR_HTML]);
	if (!f->summaries_only)
		set_str(it, "content_text", rec->f[IR_MARKDOWN],
		    rec->len[IR_MARKDOWN]);
	/* JSON Feed requires one of the two. */
	if (json_object_get(it, "content_html") == NULL &&
	    json_object_get(it, "content_text") == NULL)
		json_object_set_new(it, "content_text", json_stringn(
		    rec->f[IR_SUMMARY], rec->len[IR_SUMMARY]));
	set_str(it, "summary", rec->f[IR_SUMMARY], rec->len[IR_SUMMARY]);
	if (rec->len[IR_IMAGE] > 0)
		set_cstr(it, "image",
		    feed_entry_url(f, rec->f[IR_IMAGE], &f->url2));
	set_date(it, "date_published", rec->date);
	if (rec->len[IR_UPDATED] > 0)
		set_date(it, "date_modified", rec->updated);

	if (rec->authors.n > 0 || f->has_author) {
		if ((a = json_array()) == NULL)
			msg_oom();
		for (i = 0; i < rec->authors.n; i++) {
			feed_person_parse(&f->person, rec->authors.v[i]);
			json_array_append_new(a, author(&f->person, &f->url2));
		}
		/* A configured author stands in; a derived one is the feed's. */
		if (rec->authors.n == 0)
			json_array_append_new(a, author(&f->author, &f->url2));
		json_object_set_new(it, "authors", a);
	}
	if ((n = feed_entry_terms(f, rec)) > 0)
		json_object_set_new(it, "tags", str_array(f->terms, n));
	if (rec->len[IR_LANG] > 0 &&
	    ir_lang_ok(rec->f[IR_LANG], rec->len[IR_LANG]))
		set_str(it, "language", rec->f[IR_LANG], rec->len[IR_LANG]);

	/*
	 * What JSON Feed cannot say, in quire's extension (names starting
	 * with '_' are extensions, which readers ignore): categories and
	 * tags apart, and the other front matter keys.
	 */
	if ((q = json_object()) == NULL)
		msg_oom();
	if (rec->categories.n > 0 || rec->tags.n > 0) {
		json_object_set_new(q, "categories", str_array(
		    (const char *const *)rec->categories.v, rec->categories.n));
		json_object_set_new(q, "tags", str_array(
		    (const char *const *)rec->tags.v, rec->tags.n));
	}
	if (rec->len[IR_EXTRA] > 0 && (extra = json_loadb(rec->f[IR_EXTRA],
	    rec->len[IR_EXTRA], 0, NULL)) != NULL) {
		if (json_is_object(extra) && json_object_size(extra) > 0)
			json_object_set(q, "extra", extra);
		json_decref(extra);
	}
	if (json_object_size(q) > 0)
		json_object_set(it, "_quire", q);
	json_decref(q);

	if (f->n > 1)
		fputs(",\n", f->spool_fp);
	if (dump_indented(it, f->spool_fp, 4) < 0)
		f->spool.err = 1;
	json_decref(it);
}

/* The feed: header, spooled items, end.  Returns 0 or -1. */
static int
write_feed(struct feed *f, FILE *out)
{
	struct feed_xml x;
	json_t *h = json_object(), *a;
	char *s;
	size_t n;
	int rc;

	if (h == NULL)
		msg_oom();
	set_cstr(h, "version", JSONFEED_VERSION);
	set_cstr(h, "title", f->val[FEED_TITLE]);
	if (url_has_scheme(f->val[FEED_LINK]))
		set_cstr(h, "home_page_url", f->val[FEED_LINK]);
	if (f->val[FEED_SELF] != NULL && url_has_scheme(f->val[FEED_SELF]))
		set_cstr(h, "feed_url", f->val[FEED_SELF]);
	set_cstr(h, "description", f->val[FEED_DESCRIPTION]);
	/* JSON Feed's icon is large, as Atom's logo; its favicon small. */
	set_cstr(h, "icon", f->val[FEED_LOGO] != NULL ? f->val[FEED_LOGO] :
	    f->val[FEED_ICON]);
	set_cstr(h, "favicon", f->val[FEED_ICON]);
	if (f->has_author) {
		if ((a = json_array()) == NULL)
			msg_oom();
		json_array_append_new(a, author(&f->author, &f->url2));
		json_object_set_new(h, "authors", a);
	}
	set_cstr(h, "language", f->val[FEED_LANGUAGE]);

	/* The header without its closing brace, then the items. */
	if ((s = json_dumps(h, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) == NULL)
		msg_oom();
	json_decref(h);
	n = strlen(s);
	while (n > 0 && s[n - 1] != '}')
		n--;
	if (n > 0)
		n--;
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	fwrite(s, 1, n, out);
	free(s);
	fputs(",\n  \"items\": [\n", out);
	memset(&x, 0, sizeof(x));
	x.fp = out;
	rc = feed_spool_copy(f, &x);
	fputs(f->n > 0 ? "\n  ]\n}\n" : "]\n}\n", out);
	if (x.err || ferror(out)) {
		msg_err(NULL, 0, "write error");
		rc = -1;
	}
	return rc;
}

int
main(int argc, char *argv[])
{
	return feed_main(argc, argv, usage, write_item, write_feed);
}
