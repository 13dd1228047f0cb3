/*
 * feed.c: what ir2atom and ir2rss share; see feed.h.
 *
 * Defaults, all derived from the issues (never from the clock):
 *   link     the scheme and host of the newest issue's permalink, as
 *            "https://host/"; "/" when no permalink is absolute
 *   title    the host of the link; "Issues" when there is none
 *   id       the link when it is absolute; else "urn:uuid:" and the
 *            name-based UUID of "feed:" and the oldest issue's id (or
 *            of the title when there is no issue)
 *   language the lang field of the newest issue that has one
 *   author   the title, and only when an entry has no author
 *   updated  the newest date or updated field of any issue; with no
 *            issue SOURCE_DATE_EPOCH, else 1970-01-01T00:00:00Z
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "feed.h"
#include "html.h"
#include "site.h"
#include "v16.h"
#include "xhtml.h"

const struct msg_opt feed_opts[] = {
	{ 'a', "author", "author", "the feed's author, 'Name <email>'" },
	{ 'A', "author-uri", "url", "the author's web page" },
	{ 'c', "config", "site.yaml", "read the site's metadata from a file" },
	{ 'd', "description", "text", "the feed's description or subtitle" },
	{ 'I', "icon", "url", "the feed's icon" },
	{ 'i', "id", "uri", "the feed's id, an absolute URI" },
	{ 'L', "language", "tag", "the feed's language tag" },
	{ 'l', "link", "url", "the site's URL; relative URLs resolve to it" },
	{ 'o', "output", "file", "write to file, replaced only on success" },
	{ 'P', "logo", "url", "the feed's logo" },
	{ 's', "summaries", NULL, "summaries only, no full content" },
	{ 't', "title", "title", "the feed's title" },
	{ 'u', "self", "url", "the feed's own URL" },
	{ 0, NULL, NULL, NULL }
};

void
feed_init(struct feed *f)
{
	memset(f, 0, sizeof(*f));
}

int
feed_option(struct feed *f, int ch, const char *arg)
{
	static const char letters[] = "tludaALiIP";	/* enum feed_key */
	const char *p;

	switch (ch) {
	case 'c':
		f->conf_path = arg;
		return 0;
	case 's':
		f->summaries_only = 1;
		return 0;
	case 'i':
		if (!url_has_scheme(arg)) {
			msg_err(NULL, 0, "-i: '%s' is not an absolute URI",
			    arg);
			return -1;
		}
		break;
	case 'L':
		if (!ir_lang_ok(arg, strlen(arg))) {
			msg_err(NULL, 0, "-L: '%s' is not a language tag",
			    arg);
			return -1;
		}
		break;
	default:
		break;
	}
	/* The other letters map to keys by their place in letters[]. */
	if ((p = strchr(letters, ch)) == NULL)
		return -1;
	f->opt[p - letters] = arg;
	return 0;
}

static int is_web_url(const char *s);
static void resolve_site(struct feed *f, char **v);

/*
 * A copy of s with the characters the IR bans dropped (site.yaml can
 * carry any of them in a double-quoted string) and white space folded.
 */
static char *
clean_dup(const char *s)
{
	struct buf b = BUF_INIT;

	ir_put_line(&b, s, strlen(s));
	if (b.p == NULL)
		return xstrdup("");
	return b.p;
}

/* The value of key k in the site configuration s. */
static const char *
site_value(const struct site *s, int k)
{
	switch (k) {
	case FEED_TITLE:	return s->title;
	case FEED_LINK:
		/* site.yaml's link (the feed's own key), else the site. */
		return site_get(s, "link") != NULL ? site_get(s, "link") :
		    s->url;
	case FEED_SELF:		return s->self;
	case FEED_DESCRIPTION:	return s->description;
	case FEED_AUTHOR:	return s->author;
	case FEED_AUTHOR_URI:	return s->author_uri;
	case FEED_LANGUAGE:	return s->language;
	case FEED_ID:		return s->id;
	case FEED_ICON:		return s->icon;
	case FEED_LOGO:		return s->logo;
	default:		return NULL;
	}
}

int
feed_open(struct feed *f)
{
	struct site site;
	const char *v;
	int k, bad = 0;

	/* -c FILE, else ./quire.yaml if there is one. */
	if (site_load(&site, f->conf_path, NULL) < 0) {
		site_free(&site);
		return -1;
	}
	for (k = 0; k < FEED_NKEYS; k++) {
		v = f->opt[k] != NULL ? f->opt[k] : site_value(&site, k);
		if (v == NULL)
			continue;
		f->val[k] = clean_dup(v);
		if (f->val[k][0] == '\0') {
			/* An empty value configures nothing. */
			free(f->val[k]);
			f->val[k] = NULL;
		}
	}
	if (!bad && f->val[FEED_ID] != NULL &&
	    !url_id_ok(f->val[FEED_ID], strlen(f->val[FEED_ID]))) {
		msg_err(site.path, 0, "id '%s' is not an absolute URI",
		    f->val[FEED_ID]);
		bad = 1;
	}
	/* No URL a reader would run, from options or the site (09). */
	for (k = 0; !bad && k < FEED_NKEYS; k++)
		if ((k == FEED_LINK || k == FEED_SELF || k == FEED_ICON ||
		    k == FEED_LOGO || k == FEED_AUTHOR_URI) &&
		    f->val[k] != NULL && !url_scheme_ok(f->val[k])) {
			msg_err(f->opt[k] != NULL ? NULL : site.path, 0,
			    "'%s' is not a URL a reader may follow (http, "
			    "https, mailto or relative)", f->val[k]);
			bad = 1;
		}
	if (!bad && f->val[FEED_LANGUAGE] != NULL &&
	    !ir_lang_ok(f->val[FEED_LANGUAGE],
	    strlen(f->val[FEED_LANGUAGE]))) {
		msg_err(site.path, 0, "language '%s' is not a language tag",
		    f->val[FEED_LANGUAGE]);
		bad = 1;
	}
	site_free(&site);
	if (bad)
		return -1;
	/* The entries need the author's page before feed_finish(). */
	resolve_site(f, &f->val[FEED_AUTHOR_URI]);
	if (f->val[FEED_AUTHOR] != NULL) {
		feed_person_parse(&f->author, f->val[FEED_AUTHOR]);
		if (f->val[FEED_AUTHOR_URI] != NULL) {
			buf_reset(&f->author.uri);
			buf_adds(&f->author.uri, f->val[FEED_AUTHOR_URI]);
		}
		f->has_author = 1;
	}
	if ((f->spool_fp = out_spool(&f->spool_buf)) == NULL)
		return -1;
	return feed_xml_open(&f->spool, f->spool_fp);
}

/* Nonzero for an absolute http or https URL with a host. */
static int
is_web_url(const char *s)
{
	size_t n;

	return (strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0) && url_host(s, &n) != NULL &&
	    n > 0;
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

int
feed_add(struct feed *f, const struct ir_record *rec)
{
	if (!idset_add(&f->ids, rec->f[IR_ID], rec->len[IR_ID])) {
		msg_err(rec->file, rec->line, "duplicate id '%s'",
		    rec->f[IR_ID]);
		return -1;
	}

	/* On equal dates the first issue in the input wins. */
	if (f->n == 0 || rec->date > f->newest || rec->updated > f->newest)
		f->newest = rec->date > rec->updated ? rec->date : rec->updated;
	if (f->n == 0 || rec->date < f->oldest) {
		f->oldest = rec->date;
		set_str(&f->oldest_id, rec->f[IR_ID]);
	}
	if (is_web_url(rec->f[IR_PERMALINK]) && (f->newest_link == NULL ||
	    rec->date > f->newest_link_date)) {
		set_str(&f->newest_link, rec->f[IR_PERMALINK]);
		f->newest_link_date = rec->date;
	}
	if (rec->len[IR_LANG] > 0 && (f->newest_lang == NULL ||
	    rec->date > f->newest_lang_date)) {
		set_str(&f->newest_lang, rec->f[IR_LANG]);
		f->newest_lang_date = rec->date;
	}
	if (rec->authors.n == 0)
		f->need_author = 1;
	f->n++;
	return 0;
}

/* Say once that the feed carries relative links. */
static void
warn_base(struct feed *f)
{
	if (f->warned_base || msg_level == MSG_QUIET)
		return;
	msg_err(NULL, 0, "no site URL: links are relative; give -b or url "
	    "in site.yaml");
	f->warned_base = 1;
}

/* Point field k of rec at b's text. */
static void
set_field(struct ir_record *rec, int k, const struct buf *b)
{
	rec->f[k] = b->p != NULL ? b->p : "";
	rec->len[k] = b->n;
}

/* Resolve field k of rec against base into b; 1 if it was relative. */
static int
resolve_field(struct ir_record *rec, int k, const char *base,
    struct buf *b)
{
	if (rec->len[k] == 0 || url_has_scheme(rec->f[k]))
		return 0;
	if (base != NULL) {
		buf_reset(b);
		url_resolve(base, rec->f[k], b);
		set_field(rec, k, b);
	}
	return 1;
}

void
feed_resolve(struct feed *f, struct ir_record *rec)
{
	const char *site = f->val[FEED_LINK], *base;
	int rel = 0;

	if (site != NULL && !is_web_url(site))
		site = NULL;
	if (rec->len[IR_PERMALINK] > 0 &&
	    !url_has_scheme(rec->f[IR_PERMALINK])) {
		rel = 1;
		if (site != NULL) {
			buf_reset(&f->abs_perma);
			if (rec->f[IR_PERMALINK][0] == '/')
				url_join(site, rec->f[IR_PERMALINK],
				    &f->abs_perma);
			else
				url_resolve(site, rec->f[IR_PERMALINK],
				    &f->abs_perma);
			set_field(rec, IR_PERMALINK, &f->abs_perma);
		}
	}
	base = is_web_url(rec->f[IR_PERMALINK]) ? rec->f[IR_PERMALINK] : site;
	rel |= resolve_field(rec, IR_LINK, base, &f->abs_link);
	rel |= resolve_field(rec, IR_IMAGE, base, &f->abs_image);
	/* Count first: most bodies are already absolute, or have no URL. */
	if (rec->len[IR_HTML] > 0 &&
	    url_html_absolute(rec->f[IR_HTML], rec->len[IR_HTML], NULL,
	    NULL) > 0) {
		rel = 1;
		if (base != NULL) {
			buf_reset(&f->abs_html);
			url_html_absolute(rec->f[IR_HTML], rec->len[IR_HTML],
			    base, &f->abs_html);
			set_field(rec, IR_HTML, &f->abs_html);
		}
	}
	if (rel && base == NULL)
		warn_base(f);
}

/* "scheme://authority/" of an absolute URL, appended to out. */
static void
add_origin(struct buf *out, const char *url)
{
	const char *p = strstr(url, "://");

	p += 3;
	buf_add(out, url, (size_t)(p - url) + strcspn(p, "/?#"));
	buf_addc(out, '/');
}

/* Make *v absolute against the site link when it can be. */
static void
resolve_site(struct feed *f, char **v)
{
	struct buf b = BUF_INIT;

	if (*v == NULL || url_has_scheme(*v) || f->val[FEED_LINK] == NULL ||
	    !is_web_url(f->val[FEED_LINK]))
		return;
	url_resolve(f->val[FEED_LINK], *v, &b);
	free(*v);
	*v = b.p != NULL ? b.p : xstrdup("");
}

void
feed_finish(struct feed *f)
{
	struct buf b = BUF_INIT;
	char uuid[UUID_LEN];
	const char *h;
	size_t n;

	if (f->val[FEED_LINK] == NULL) {
		if (f->newest_link != NULL)
			add_origin(&b, f->newest_link);
		else
			buf_addc(&b, '/');
		f->val[FEED_LINK] = b.p;
		memset(&b, 0, sizeof(b));
	}
	if (f->n > 0 && !is_web_url(f->val[FEED_LINK]))
		warn_base(f);
	resolve_site(f, &f->val[FEED_SELF]);
	resolve_site(f, &f->val[FEED_ICON]);
	resolve_site(f, &f->val[FEED_LOGO]);
	if (f->val[FEED_TITLE] == NULL) {
		if (is_web_url(f->val[FEED_LINK]) &&
		    (h = url_host(f->val[FEED_LINK], &n)) != NULL)
			f->val[FEED_TITLE] = xstrndup(h, n);
		else
			f->val[FEED_TITLE] = xstrdup("Issues");
	}
	if (f->val[FEED_ID] == NULL) {
		if (url_has_scheme(f->val[FEED_LINK])) {
			f->val[FEED_ID] = xstrdup(f->val[FEED_LINK]);
		} else {
			buf_adds(&b, "feed:");
			buf_adds(&b, f->oldest_id != NULL ? f->oldest_id :
			    f->val[FEED_TITLE]);
			uuid_v5(b.p, b.n, uuid);
			buf_reset(&b);
			buf_printf(&b, "urn:uuid:%s", uuid);
			f->val[FEED_ID] = b.p;
			memset(&b, 0, sizeof(b));
		}
	}
	if (f->val[FEED_LANGUAGE] == NULL && f->newest_lang != NULL &&
	    ir_lang_ok(f->newest_lang, strlen(f->newest_lang)))
		f->val[FEED_LANGUAGE] = xstrdup(f->newest_lang);
	if (!f->has_author && f->need_author) {
		feed_person_parse(&f->author, f->val[FEED_TITLE]);
		f->has_author = 1;
	}
	if (f->n == 0 && date_source_epoch(&f->newest) < 0)
		f->newest = 0;
}

int
feed_spool_copy(struct feed *f, struct feed_xml *x)
{
	char blk[65536];
	size_t n;

	if (x->w != NULL && xmlTextWriterFlush(x->w) < 0)
		x->err = 1;
	if (f->spool.w != NULL && xmlTextWriterFlush(f->spool.w) < 0)
		f->spool.err = 1;
	if (f->spool.err || fflush(f->spool_fp) != 0 ||
	    fseek(f->spool_fp, 0, SEEK_SET) != 0) {
		msg_err(NULL, 0, "temporary file: write error: %s",
		    strerror(errno ? errno : EIO));
		return -1;
	}
	while ((n = fread(blk, 1, sizeof(blk), f->spool_fp)) > 0)
		if (fwrite(blk, 1, n, x->fp) != n) {
			x->err = 1;
			break;
		}
	if (ferror(f->spool_fp)) {
		msg_err(NULL, 0, "temporary file: read error: %s",
		    strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

void
feed_free(struct feed *f)
{
	int k;

	for (k = 0; k < FEED_NKEYS; k++)
		free(f->val[k]);
	feed_person_free(&f->author);
	feed_person_free(&f->person);
	if (f->spool.w != NULL)
		feed_xml_close(&f->spool);
	if (f->spool_fp != NULL)
		fclose(f->spool_fp);
	free(f->spool_buf);
	idset_free(&f->ids);
	free(f->newest_link);
	free(f->newest_lang);
	free(f->oldest_id);
	buf_free(&f->title);
	buf_free(&f->url);
	buf_free(&f->url2);
	buf_free(&f->base);
	buf_free(&f->html);
	buf_free(&f->tmp);
	buf_free(&f->uri);
	buf_free(&f->abs_perma);
	buf_free(&f->abs_link);
	buf_free(&f->abs_image);
	buf_free(&f->abs_html);
	free(f->terms);
	strset_free(&f->termset);
	memset(f, 0, sizeof(*f));
}

/* ---- what an entry needs ---------------------------------------- */

/* Bytes of a title made from a summary, before the ellipsis. */
#define TITLE_WORDS 80

const char *
feed_entry_title(struct feed *f, const struct ir_record *rec)
{
	const char *s = rec->f[IR_SUMMARY];
	size_t n = rec->len[IR_SUMMARY], cut;
	char d[DATE_IR_LEN];

	buf_reset(&f->title);
	if (rec->len[IR_TITLE] > 0) {
		buf_add(&f->title, rec->f[IR_TITLE], rec->len[IR_TITLE]);
	} else if (n > 0 && n <= TITLE_WORDS) {
		buf_add(&f->title, s, n);
	} else if (n > 0) {
		/* Cut at the last space, else at a character boundary. */
		for (cut = TITLE_WORDS; cut > 0 && s[cut] != ' '; cut--)
			;
		if (cut == 0)
			for (cut = TITLE_WORDS; cut > 0 &&
			    ((unsigned char)s[cut] & 0xc0) == 0x80; cut--)
				;
		buf_add(&f->title, s, cut);
		buf_adds(&f->title, "\xe2\x80\xa6");	/* U+2026 */
	} else {
		date_fmt_ir(rec->date, d);
		buf_add(&f->title, d, 10);
	}
	return f->title.p;
}

void
feed_entry_base(struct feed *f, const struct ir_record *rec)
{
	const char *perma = rec->f[IR_PERMALINK], *site = f->val[FEED_LINK];

	buf_reset(&f->base);
	f->entry_unresolved = 0;
	if (is_web_url(perma))
		buf_adds(&f->base, perma);
	else if (site != NULL && is_web_url(site))
		url_resolve(site, perma, &f->base);
	if (f->base.p == NULL)
		buf_adds(&f->base, "");
}

/* ref resolved against the entry's base, or as it is, into out. */
static void
entry_resolve(struct feed *f, const char *ref, struct buf *out)
{
	if (url_has_scheme(ref) || f->base.n == 0) {
		if (!url_has_scheme(ref) && *ref != '#' && *ref != '\0')
			f->entry_unresolved = 1;
		buf_adds(out, ref);
	} else {
		url_resolve(f->base.p, ref, out);
	}
}

const char *
feed_entry_url(struct feed *f, const char *ref, struct buf *out)
{
	buf_reset(&f->tmp);
	entry_resolve(f, ref, &f->tmp);
	buf_reset(out);
	url_normalize(out, f->tmp.p != NULL ? f->tmp.p : "");
	return out->p;
}

/* What content_url() needs: the feed, and its entry's base up to any '#'. */
struct content_ctx {
	struct feed *f;
	size_t       nbase;
};

/* html_urls() callback of feed_entry_html(). */
static void
content_url(void *ctx, const char *url, struct buf *out)
{
	struct content_ctx *c = ctx;
	struct feed *f = c->f;
	const char *abs = url;
	size_t n = c->nbase;

	if (*url == '#') {
		url_normalize(out, url);
		return;
	}
	/* As entry_resolve(), without a copy of what it would copy. */
	if (url_has_scheme(url) || f->base.n == 0) {
		if (!url_has_scheme(url) && *url != '\0')
			f->entry_unresolved = 1;
	} else {
		buf_reset(&f->tmp);
		url_resolve(f->base.p, url, &f->tmp);
		abs = f->tmp.p != NULL ? f->tmp.p : "";
	}
	/* A link into the entry itself stays a fragment. */
	if (n > 0 && strncmp(abs, f->base.p, n) == 0 && abs[n] == '#') {
		url_normalize(out, abs + n);
		return;
	}
	url_normalize(out, abs);
}

const char *
feed_entry_html(struct feed *f, const struct ir_record *rec)
{
	struct content_ctx c;

	c.f = f;
	c.nbase = strcspn(f->base.p, "#");
	buf_reset(&f->html);
	html_urls(&f->html, rec->f[IR_HTML], rec->len[IR_HTML], content_url,
	    &c);
	return f->html.p;
}

const char *
feed_uri(struct feed *f, const char *s)
{
	buf_reset(&f->uri);
	url_normalize(&f->uri, s);
	return f->uri.p;
}

const char *
feed_text_html(struct feed *f, const char *s, size_t n)
{
	buf_reset(&f->html);
	xhtml_escape(&f->html, s, n, 0);
	if (f->html.p == NULL)
		buf_adds(&f->html, "");
	return f->html.p;
}

static void
add_terms(struct feed *f, const struct ir_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		/* A hash set, not a scan: 120,000 tags stay linear. */
		if (!strset_add(&f->termset, l->v[i], strlen(l->v[i])))
			continue;
		if (f->nterms == f->capterms) {
			f->capterms = f->capterms ? 2 * f->capterms : 16;
			f->terms = xreallocarray(f->terms, f->capterms,
			    sizeof(*f->terms));
		}
		f->terms[f->nterms++] = l->v[i];
	}
}

size_t
feed_entry_terms(struct feed *f, const struct ir_record *rec)
{
	f->nterms = 0;
	strset_reset(&f->termset);
	add_terms(f, &rec->categories);
	add_terms(f, &rec->tags);
	return f->nterms;
}

/* Nonzero if s[0..n) is an email address: something@something. */
static int
is_email(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);

	return at != NULL && at > s && at < s + n - 1 &&
	    memchr(s, ' ', n) == NULL;
}

void
feed_person_parse(struct feed_person *p, const char *s)
{
	struct buf addr = BUF_INIT;
	const char *nm, *ad;
	size_t n, na;

	buf_reset(&p->name);
	buf_reset(&p->email);
	buf_reset(&p->uri);
	ir_author_split(s, &nm, &n, &ad, &na);
	if (ad != NULL) {
		buf_add(&addr, ad, na);
		buf_add(&p->name, nm, n);
	} else if (is_email(nm, n) || (url_has_scheme(nm) &&
	    memchr(nm, ' ', n) == NULL)) {
		buf_add(&addr, nm, n);
	} else {
		buf_add(&p->name, nm, n);
	}
	if (addr.n > 0) {
		if (strncasecmp(addr.p, "mailto:", 7) == 0 &&
		    is_email(addr.p + 7, addr.n - 7))
			buf_add(&p->email, addr.p + 7, addr.n - 7);
		else if (url_has_scheme(addr.p) && !is_email(addr.p, addr.n))
			buf_add(&p->uri, addr.p, addr.n);
		else if (is_email(addr.p, addr.n))
			buf_add(&p->email, addr.p, addr.n);
		else if (ad != NULL) {
			/* Not an address after all: all of s is the name. */
			buf_reset(&p->name);
			buf_add(&p->name, nm, (size_t)(ad + na + 1 - nm));
		}
	}
	if (p->name.n == 0) {
		if (addr.n > 0)
			buf_add(&p->name, addr.p, addr.n);
		else
			buf_adds(&p->name, "?");
	}
	buf_free(&addr);
}

void
feed_person_free(struct feed_person *p)
{
	buf_free(&p->name);
	buf_free(&p->email);
	buf_free(&p->uri);
}

const char *
feed_image_type(const char *url)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ "png", "image/png" }, { "jpg", "image/jpeg" },
		{ "jpeg", "image/jpeg" }, { "gif", "image/gif" },
		{ "webp", "image/webp" }, { "svg", "image/svg+xml" },
		{ "avif", "image/avif" },
	};
	size_t end = strcspn(url, "?#"), dot, i;

	for (dot = end; dot > 0 && url[dot - 1] != '.' &&
	    url[dot - 1] != '/'; dot--)
		;
	if (dot == 0 || url[dot - 1] != '.')
		return NULL;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i].ext) == end - dot &&
		    strncasecmp(url + dot, types[i].ext, end - dot) == 0)
			return types[i].type;
	return NULL;
}


/* ---- the XML writer --------------------------------------------- */

/* libxml2 would print its own I/O errors; the filters report them. */
static void
xml_quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/*
 * What clean() does with each byte, [esc][byte]: copies it, writes it
 * as an entity, or decodes the character it starts to judge it.
 */
enum { XC_COPY, XC_ENTITY, XC_CHECK };
static unsigned char xml_class[2][256];
int
feed_xml_open(struct feed_xml *x, FILE *fp)
{
	xmlOutputBufferPtr ob;
	int c;

	xmlSetGenericErrorFunc(NULL, xml_quiet);
	for (c = 0; c < 256; c++) {
		xml_class[0][c] = c >= 0x20 && c < 0x7f ? XC_COPY : XC_CHECK;
		xml_class[1][c] = c == '<' || c == '>' || c == '&' ||
		    c == '"' ? XC_ENTITY : xml_class[0][c];
	}
	memset(x, 0, sizeof(*x));
	x->fp = fp;
	if ((ob = xmlOutputBufferCreateFile(fp, NULL)) == NULL)
		msg_oom();
	if ((x->w = xmlNewTextWriter(ob)) == NULL) {
		xmlOutputBufferClose(ob);
		msg_oom();
	}
	return 0;
}

int
feed_xml_close(struct feed_xml *x)
{
	if (x->w != NULL) {
		if (xmlTextWriterFlush(x->w) < 0)
			x->err = 1;
		xmlFreeTextWriter(x->w);
		x->w = NULL;
	}
	buf_free(&x->tmp);
	return x->err ? -1 : 0;
}

static void
check(struct feed_xml *x, int rc)
{
	if (rc < 0)
		x->err = 1;
}

void
feed_xml_doc(struct feed_xml *x)
{
	check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
}

void
feed_xml_newline(struct feed_xml *x, int depth)
{
	static const char sp[] = "\n                ";

	if (depth > (int)sizeof(sp) / 2 - 1)
		depth = (int)sizeof(sp) / 2 - 1;
	check(x, xmlTextWriterWriteRawLen(x->w, BAD_CAST sp, 1 + 2 * depth));
}

void
feed_xml_start(struct feed_xml *x, int depth, const char *name)
{
	if (depth >= 0)
		feed_xml_newline(x, depth);
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

#ifdef V16_OK
/*
 * How many of the sixteen bytes at p clean() copies as they are before
 * the first it does not (16 when it copies them all): a byte that is
 * not printable ASCII, and with esc '<', '>', '&' or '"'.
 */
static size_t
plain16(const unsigned char *p, int esc)
{
	v16 v = v16_load(p), m;

	m = v16_unprintable(v);
	if (esc)
		m |= (v == V16('<')) | (v == V16('>')) | (v == V16('&')) |
		    (v == V16('"'));
	return v16_first(m);
}
#else
/* The same, a byte at a time, for other compilers. */
static size_t
plain16(const unsigned char *p, int esc)
{
	size_t k;

	for (k = 0; k < 16 && xml_class[esc][p[k]] == XC_COPY; k++)
		;
	return k;
}
#endif

/* Write the entity of '<', '>', '&' or '"' at o; returns its end. */
static char *
put_entity(char *o, int c)
{
	switch (c) {
	case '<':
		memcpy(o, "&lt;", 4);
		return o + 4;
	case '>':
		memcpy(o, "&gt;", 4);
		return o + 4;
	case '&':
		memcpy(o, "&amp;", 5);
		return o + 5;
	default:
		memcpy(o, "&quot;", 6);
		return o + 6;
	}
}

/* Input bytes clean() handles for each growth of its buffer. */
#define CLEAN_CHUNK 65536

/*
 * Copy s[0..n) into x->tmp without the characters XML 1.0 cannot
 * carry or the IR bans; TAB and LF stay when multi is set.  With esc,
 * '<', '>', '&' and '"' are written as entities, as libxml2's
 * xmlEncodeSpecialChars() writes them, so the text can be written raw:
 * one pass over the text where the writer would take two.  The buffer
 * is grown once a chunk, for the worst case (6 bytes out for 1 in,
 * and a character that starts in the chunk may end past it), and
 * written without checks: sixteen bytes are copied and tested at
 * once, and where one of them is special the output goes on after the
 * ones before it.
 */
static const char *
clean(struct feed_xml *x, const char *s, size_t n, int multi, int esc)
{
	const unsigned char *u = (const unsigned char *)s;
	const unsigned char *cls = xml_class[esc];
	size_t i = 0, stop, len, k;
	char *o;
	uint32_t c;

	buf_reset(&x->tmp);
	while (i < n) {
		stop = n - i > CLEAN_CHUNK ? i + CLEAN_CHUNK : n;
		buf_grow(&x->tmp, 6 * (stop - i) + 3);
		o = x->tmp.p + x->tmp.n;
		while (i < stop) {
			if (stop - i >= 16) {
				/* Copied before they are looked at. */
				memcpy(o, u + i, 16);
				k = plain16(u + i, esc);
				i += k;
				o += k;
				if (k == 16)
					continue;
			} else if (cls[u[i]] == XC_COPY) {
				*o++ = (char)u[i++];
				continue;
			}
			/* u[i] is special. */
			if (cls[u[i]] == XC_ENTITY) {
				o = put_entity(o, u[i++]);
				continue;
			}
			if ((len = utf8_decode(u + i, n - i, &c)) == 0) {
				i++;
				continue;
			}
			if ((multi && (c == '\t' || c == '\n')) ||
			    !utf8_is_banned(c)) {
				memcpy(o, u + i, len);
				o += len;
			}
			i += len;
		}
		x->tmp.n = (size_t)(o - x->tmp.p);
		x->tmp.p[x->tmp.n] = '\0';
	}
	if (x->tmp.p == NULL)
		buf_adds(&x->tmp, "");
	return x->tmp.p;
}

void
feed_xml_attr(struct feed_xml *x, const char *name, const char *value)
{
	clean(x, value, strlen(value), 0, 0);
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
	    BAD_CAST x->tmp.p));
}

/* Text at least this long bypasses the writer's buffer. */
#define TEXT_DIRECT 4096

void
feed_xml_text(struct feed_xml *x, const char *s, size_t n, int multi)
{
	clean(x, s, n, multi, 1);
	if (x->tmp.n == 0)
		return;
	if (x->tmp.n < TEXT_DIRECT) {
		check(x, xmlTextWriterWriteRawLen(x->w, BAD_CAST x->tmp.p,
		    (int)x->tmp.n));
		return;
	}
	/*
	 * A body: the start tag closed (a write of nothing does it), what
	 * the writer holds flushed to the stream, and the text written to
	 * the stream itself, not copied through libxml2's buffer first.
	 */
	check(x, xmlTextWriterWriteRawLen(x->w, BAD_CAST "", 0));
	check(x, xmlTextWriterFlush(x->w));
	if (fwrite(x->tmp.p, 1, x->tmp.n, x->fp) != x->tmp.n)
		x->err = 1;
}

void
feed_xml_end(struct feed_xml *x, int depth)
{
	if (depth >= 0)
		feed_xml_newline(x, depth);
	check(x, xmlTextWriterEndElement(x->w));
}

void
feed_xml_elem(struct feed_xml *x, int depth, const char *name,
    const char *text)
{
	feed_xml_start(x, depth, name);
	feed_xml_text(x, text, strlen(text), 0);
	feed_xml_end(x, -1);
}

int
feed_write_tail(struct feed *f, struct feed_xml *x, int open)
{
	int rc;

	rc = feed_spool_copy(f, x);
	while (open-- > 0)
		feed_xml_end(x, open);
	if (xmlTextWriterEndDocument(x->w) < 0)
		x->err = 1;
	if (feed_xml_close(x) < 0 && rc == 0) {
		msg_err(NULL, 0, "write error: %s",
		    strerror(errno ? errno : EIO));
		rc = -1;
	}
	return rc;
}

int
feed_main(int argc, char *argv[], const char *usage,
    void (*write_entry)(struct feed *, const struct ir_record *),
    int (*write_feed)(struct feed *, FILE *))
{
	struct feed f;
	struct ir_reader *r;
	struct ir_record rec;
	const char *outpath = NULL;
	FILE *out;
	int c, k, ok = 1;

	msg_init(argc, argv, usage);
	feed_init(&f);
	while ((c = msg_getopt(argc, argv, feed_opts)) != -1) {
		switch (c) {
		case 'o':
			outpath = optarg;
			break;
		default:
			if (feed_option(&f, c, optarg) < 0)
				msg_usage();
			break;
		}
	}
	if (out_refuse_input(outpath, argc - optind, argv + optind) < 0) {
		feed_free(&f);
		return EXIT_USAGE;
	}
	if (feed_open(&f) < 0) {
		feed_free(&f);
		return EXIT_DATA;
	}
	if ((out = out_open(outpath)) == NULL) {
		feed_free(&f);
		return EXIT_DATA;
	}

	r = ir_reader_open(argc - optind, argv + optind);
	while ((k = ir_read(r, &rec)) == 1) {
		if (feed_add(&f, &rec) < 0) {
			ok = 0;
			break;
		}
		feed_resolve(&f, &rec);
		feed_entry_base(&f, &rec);
		write_entry(&f, &rec);
		if (f.entry_unresolved)
			f.unresolved++;
	}
	if (k < 0)
		ok = 0;
	ir_reader_close(r);

	if (ok) {
		feed_finish(&f);
		if (write_feed(&f, out) < 0)
			ok = 0;
	}
	feed_free(&f);
	/* On any failure -o leaves the old file as it was. */
	if (out_close(out, ok) < 0)
		ok = 0;
	return ok ? EXIT_OK : EXIT_DATA;
}
