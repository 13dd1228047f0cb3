/*
 * ir2mbox: write the issues of an IR stream as an mboxrd mailbox, one
 * message per issue.
 *
 * A message is built whole in memory (one issue at a time), then
 * written after its "From " line with mboxrd quoting.  The bodies are
 * quoted-printable, which already keeps every line short, ASCII and
 * free of "From " at its start, so the quoting is a second guard.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html.h"
#include "mail.h"
#include "site.h"
#include "text.h"
#include "xhtml.h"
#include "quire.h"

static const char usage[] = "[-hqtv] [-c file] [-f from] [-o file] [file ...]";

static const struct msg_opt opts[] = {
	{ 'c', "config", "file", "read from, to and list-id from a file" },
	{ 'f', "from", "address", "the sender, 'Name <address>'" },
	{ 'o', "output", "file", "write to file, replaced only on success" },
	{ 't', "text-only", NULL, "plain text messages, no HTML part" },
	{ 0, NULL, NULL, NULL }
};

/* An address given by the user: display name (may be NULL) and addr-spec. */
struct addr {
	char *name, *addr;
};

static int plain_only;			/* -t */
static struct addr from;		/* -f or "from"; addr NULL if none */
static struct addr *to;			/* "to" */
static size_t nto;
static struct addr list_id;		/* "list-id"; addr holds the id */

/* One message's working storage, reused from issue to issue. */
struct msg {
	struct buf hdr, html, text, qtext, qhtml, tmp, out;
};

/*
 * The default sender: the authors' names and the first valid address
 * among them, else noreply@ the issue's domain.
 */
static void
put_default_from(struct mail_hdr *h, const struct ir_record *rec,
    const char *domain, struct msg *m)
{
	char *name, *addr, *use = NULL;
	const char *nm, *ad;
	size_t i, n, na;

	buf_reset(&m->tmp);
	for (i = 0; i < rec->authors.n; i++) {
		name = addr = NULL;
		n = 0;
		/* Not an address: the name part is still a name. */
		if (mail_addr_parse(rec->authors.v[i], &name, &addr) < 0)
			ir_author_split(rec->authors.v[i], &nm, &n, &ad, &na);
		if (name != NULL)
			buf_adds(&m->tmp, m->tmp.n > 0 ? ", " : "");
		if (name != NULL)
			buf_adds(&m->tmp, name);
		else if (n > 0)
			buf_printf(&m->tmp, "%s%.*s", m->tmp.n > 0 ? ", " : "",
			    (int)n, nm);
		if (use == NULL)
			use = addr;
		else
			free(addr);
		free(name);
	}
	if (use == NULL) {
		use = xmalloc(strlen(domain) + 9);
		memcpy(use, "noreply@", 8);
		strcpy(use + 8, domain);
	}
	mail_hdr_addr(h, m->tmp.n > 0 ? m->tmp.p : NULL, use);
	/* The envelope sender goes first in m->out. */
	buf_printf(&m->out, "From %s ", use);
	free(use);
}

/* Keywords: the categories, then the tags, each once. */
static void
put_keywords(struct msg *m, const struct ir_record *rec)
{
	const struct ir_list *l[2] = { &rec->categories, &rec->tags };
	struct mail_hdr h;
	struct strset seen = STRSET_INIT;
	size_t i, k;
	int any = 0;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < l[k]->n; i++) {
			buf_reset(&m->tmp);
			mail_hdr_clean(&m->tmp, l[k]->v[i], strlen(l[k]->v[i]));
			if (m->tmp.n == 0)
				continue;
			/* A hash set: linear however many keywords. */
			if (!strset_add(&seen, l[k]->v[i], strlen(l[k]->v[i])))
				continue;
			if (!any)
				mail_hdr_begin(&h, &m->hdr, "Keywords");
			else
				mail_hdr_token(&h, ",", 1, 0);
			mail_hdr_phrase(&h, m->tmp.p, m->tmp.n);
			any = 1;
		}
	}
	if (any)
		mail_hdr_end(&h);
	strset_free(&seen);
}

/* The header fields every message has, into m->hdr; envelope to m->out. */
static void
put_headers(struct msg *m, const struct ir_record *rec)
{
	char uuid[UUID_LEN], date[DATE_822_LEN], asc[DATE_ASC_LEN];
	const char *dom;
	char *domain;
	struct mail_hdr h;
	size_t n, i;

	dom = ir_id_domain(rec, &n);
	/* A host no mail header can hold gets the fallback of quire-ir(5). */
	domain = mail_domain_ok(dom, n) ? xstrndup(dom, n) :
	    xstrdup("quire.invalid");

	mail_hdr_begin(&h, &m->hdr, "From");
	if (from.addr != NULL) {
		mail_hdr_addr(&h, from.name, from.addr);
		buf_printf(&m->out, "From %s ", from.addr);
	} else {
		put_default_from(&h, rec, domain, m);
	}
	mail_hdr_end(&h);
	date_fmt_asc(rec->date, asc);
	buf_printf(&m->out, "%s\n", asc);

	for (i = 0; i < nto; i++) {
		if (i == 0)
			mail_hdr_begin(&h, &m->hdr, "To");
		else
			mail_hdr_token(&h, ",", 1, 0);
		mail_hdr_addr(&h, to[i].name, to[i].addr);
	}
	if (nto > 0)
		mail_hdr_end(&h);
	if (list_id.addr != NULL) {
		mail_hdr_begin(&h, &m->hdr, "List-Id");
		if (list_id.name != NULL)
			mail_hdr_phrase(&h, list_id.name,
			    strlen(list_id.name));
		buf_reset(&m->tmp);
		buf_printf(&m->tmp, "<%s>", list_id.addr);
		mail_hdr_token(&h, m->tmp.p, m->tmp.n, 1);
		mail_hdr_end(&h);
	}
	buf_reset(&m->tmp);
	mail_hdr_clean(&m->tmp, rec->f[IR_TITLE], rec->len[IR_TITLE]);
	if (m->tmp.n == 0) {
		/* No title: the date, as the feeds say, never no Subject. */
		date_fmt_ir(rec->date, date);
		buf_add(&m->tmp, date, 10);
	}
	mail_hdr_begin(&h, &m->hdr, "Subject");
	mail_hdr_text(&h, m->tmp.p, m->tmp.n);
	mail_hdr_end(&h);
	date_fmt_822(rec->date, date);
	buf_printf(&m->hdr, "Date: %s\n", date);
	ir_id_uuid(rec, uuid);
	buf_reset(&m->tmp);
	buf_printf(&m->tmp, "<%s@%s>", uuid, domain);
	mail_hdr_begin(&h, &m->hdr, "Message-ID");
	mail_hdr_token(&h, m->tmp.p, m->tmp.n, 1);
	mail_hdr_end(&h);
	if (url_has_scheme(rec->f[IR_PERMALINK])) {
		buf_reset(&m->tmp);
		buf_addc(&m->tmp, '<');
		url_normalize(&m->tmp, rec->f[IR_PERMALINK]);
		buf_addc(&m->tmp, '>');
		/* A URI too long for any line is left out, not broken. */
		if (m->tmp.n + 16 <= MAIL_LINE_HARD) {
			mail_hdr_begin(&h, &m->hdr, "Archived-At");
			mail_hdr_token(&h, m->tmp.p, m->tmp.n, 1);
			mail_hdr_end(&h);
		}
	}
	put_keywords(m, rec);
	if (ir_lang_ok(rec->f[IR_LANG], rec->len[IR_LANG]))
		buf_printf(&m->hdr, "Content-Language: %s\n", rec->f[IR_LANG]);
	buf_adds(&m->hdr, "MIME-Version: 1.0\n");
	free(domain);
}

static void title_clean(struct buf *b, const struct ir_record *rec);

/* html_urls() callback: absolute against the permalink, as URIs. */
static void
body_url(void *ctx, const char *url, struct buf *out)
{
	const struct ir_record *rec = ctx;

	if (*url != '#' && !url_has_scheme(url) &&
	    url_has_scheme(rec->f[IR_PERMALINK])) {
		struct buf abs = BUF_INIT;

		url_resolve(rec->f[IR_PERMALINK], url, &abs);
		url_normalize(out, abs.p);
		buf_free(&abs);
	} else {
		url_normalize(out, url);
	}
}

/* The HTML part: a whole document around field 15 (tmp is scratch). */
static void
make_html(struct buf *b, struct buf *tmp, const struct ir_record *rec)
{
	const char *body, *dir;
	size_t n;

	buf_reset(tmp);
	html_urls(tmp, rec->f[IR_HTML], rec->len[IR_HTML], body_url,
	    (void *)rec);
	body = tmp->p;
	n = tmp->n;
	buf_adds(b, "<!DOCTYPE html>\n");
	if (ir_lang_ok(rec->f[IR_LANG], rec->len[IR_LANG])) {
		dir = xhtml_lang_dir(rec->f[IR_LANG]);
		buf_printf(b, "<html lang=\"%s\"%s>\n", rec->f[IR_LANG],
		    strcmp(dir, "rtl") == 0 ? " dir=\"rtl\"" : "");
	} else {
		buf_adds(b, "<html dir=\"auto\">\n");
	}
	buf_adds(b, "<head>\n<meta charset=\"utf-8\">\n<title>");
	title_clean(b, rec);
	buf_adds(b, "</title>\n</head>\n<body>\n");
	buf_add(b, body, n);
	if (n > 0 && body[n - 1] != '\n')
		buf_addc(b, '\n');
	buf_adds(b, "</body>\n</html>\n");
}

/* The title of rec for the HTML title element, escaped. */
static void
title_clean(struct buf *b, const struct ir_record *rec)
{
	struct buf t = BUF_INIT;

	mail_hdr_clean(&t, rec->f[IR_TITLE], rec->len[IR_TITLE]);
	xhtml_escape(b, t.p != NULL ? t.p : "", t.n, 1);
	buf_free(&t);
}

/*
 * The text/plain part, for a terminal client: a link post's link
 * first, the body rendered to text with its links numbered and
 * absolute, then a "Read online" line with the permalink.  The
 * Markdown source stands in when libxml2 cannot read the body.
 */
static void
make_text(struct buf *b, struct buf *tmp, const struct ir_record *rec)
{
	const char *perma = rec->f[IR_PERMALINK];

	if (rec->len[IR_LINK] > 0) {
		buf_adds(b, "Link: ");
		buf_reset(tmp);
		url_normalize(tmp, rec->f[IR_LINK]);
		buf_add(b, tmp->p, tmp->n);
		buf_adds(b, "\n\n");
	}
	if (text_from_html(b, rec->f[IR_HTML], rec->len[IR_HTML], perma) < 0)
		buf_add(b, rec->f[IR_MARKDOWN], rec->len[IR_MARKDOWN]);
	if (b->n > 0 && b->p[b->n - 1] != '\n')
		buf_addc(b, '\n');
	if (url_has_scheme(perma)) {
		buf_reset(tmp);
		url_normalize(tmp, perma);
		buf_printf(b, "\n-- \nRead online: %s\n", tmp->p);
	}
}

/* Nonzero if b holds s[0..n) (memmem is not POSIX). */
static int
contains(const struct buf *b, const char *s, size_t n)
{
	const char *p = b->p, *end = b->p + b->n;

	while ((size_t)(end - p) >= n &&
	    (p = memchr(p, s[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, s, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

/*
 * A boundary derived from the id, so the same issue always gets the
 * same one.  It holds "=_", which quoted-printable text never does;
 * the parts are still searched, and the next candidate taken if one
 * holds it.
 */
static void
make_boundary(const struct ir_record *rec, const struct msg *m,
    char out[41])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[20], k;
	struct sha1 c;
	int i;

	for (k = 0;; k++) {
		sha1_init(&c);
		sha1_update(&c, "quire-boundary", 14);
		sha1_update(&c, rec->f[IR_ID], rec->len[IR_ID]);
		sha1_update(&c, &k, 1);
		sha1_final(&c, md);
		memcpy(out, "=_quire_", 8);
		for (i = 0; i < 16; i++) {
			out[8 + 2 * i] = hex[md[i] >> 4];
			out[9 + 2 * i] = hex[md[i] & 15];
		}
		out[40] = '\0';
		if (!contains(&m->qtext, out, 40) &&
		    !contains(&m->qhtml, out, 40))
			return;
	}
}

static const char part_plain[] =
    "Content-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: quoted-printable\n";
static const char part_html[] =
    "Content-Type: text/html; charset=utf-8\n"
    "Content-Transfer-Encoding: quoted-printable\n";

/* Build the whole message for rec into m->out, envelope line first. */
static void
make_message(struct msg *m, const struct ir_record *rec)
{
	char bd[41];

	buf_reset(&m->hdr);
	buf_reset(&m->qtext);
	buf_reset(&m->qhtml);
	buf_reset(&m->html);
	buf_reset(&m->out);
	put_headers(m, rec);
	buf_reset(&m->text);
	make_text(&m->text, &m->tmp, rec);
	mail_qp_encode(&m->qtext, m->text.p, m->text.n);
	buf_add(&m->qtext, "", 0);
	if (plain_only) {
		buf_add(&m->hdr, part_plain, sizeof(part_plain) - 1);
		buf_addc(&m->hdr, '\n');
		buf_add(&m->hdr, m->qtext.p, m->qtext.n);
	} else {
		make_html(&m->html, &m->tmp, rec);
		mail_qp_encode(&m->qhtml, m->html.p, m->html.n);
		make_boundary(rec, m, bd);
		buf_printf(&m->hdr, "Content-Type: multipart/alternative;\n"
		    " boundary=\"%s\"\n\n", bd);
		buf_printf(&m->hdr, "--%s\n%s\n", bd, part_plain);
		buf_add(&m->hdr, m->qtext.p, m->qtext.n);
		buf_printf(&m->hdr, "\n--%s\n%s\n", bd, part_html);
		buf_add(&m->hdr, m->qhtml.p, m->qhtml.n);
		buf_printf(&m->hdr, "\n--%s--\n", bd);
	}
	mail_mboxrd_quote(&m->out, m->hdr.p, m->hdr.n);
	/* The empty line that ends a message in an mbox. */
	buf_addc(&m->out, '\n');
}

/* Parse an address option or key; 0, or -1 after a message. */
static int
parse_addr(const char *s, struct addr *a, const char *file, const char *what)
{
	if (mail_addr_parse(s, &a->name, &a->addr) < 0) {
		msg_err(file, 0, "%s: '%s' is not an address of the form "
		    "'Name <local@domain>' or 'local@domain'", what, s);
		return -1;
	}
	return 0;
}

/*
 * Parse "Name <list.id>" or "list.id" (RFC 2919): the id is a
 * dot-atom with at least one dot.
 */
static int
parse_list_id(const char *s, const char *file)
{
	const char *nm, *id;
	size_t nn, nid;

	/* "Name <id>", the form of an author. */
	ir_author_split(s, &nm, &nn, &id, &nid);
	if (id != NULL) {
		list_id.addr = xstrndup(id, nid);
		if (nn > 0)
			list_id.name = xstrndup(nm, nn);
	} else {
		list_id.addr = xstrndup(nm, nn);
	}
	if (!mail_dot_atom_ok(list_id.addr, strlen(list_id.addr)) ||
	    strchr(list_id.addr, '.') == NULL ||
	    strlen(list_id.addr) > 255) {
		msg_err(file, 0, "list-id: '%s' is not of the form "
		    "'Name <list.example.org>' or 'list.example.org'", s);
		return -1;
	}
	return 0;
}

/*
 * Read the site configuration (-c FILE, else ./quire.yaml): from, to
 * and list-id; 0, or -1 after messages.
 */
static int
load_conf(const char *path, int have_from)
{
	struct site c;
	const char *v;
	size_t i;
	int rc = 0;

	if (site_load(&c, path, NULL) < 0) {
		site_free(&c);
		return -1;
	}
	path = c.path;
	if (!have_from && (v = site_get(&c, "from")) != NULL)
		rc = parse_addr(v, &from, path, "from");
	for (i = 0; rc == 0 && (v = site_item(&c, "to", i)) != NULL; i++) {
		to = xreallocarray(to, nto + 1, sizeof(*to));
		if ((rc = parse_addr(v, &to[nto], path, "to")) == 0)
			nto++;
	}
	if (rc == 0 && (v = site_get(&c, "list-id")) != NULL)
		rc = parse_list_id(v, path);
	site_free(&c);
	return rc;
}

static void
free_all(struct msg *m)
{
	size_t i;

	buf_free(&m->hdr);
	buf_free(&m->html);
	buf_free(&m->text);
	buf_free(&m->qtext);
	buf_free(&m->qhtml);
	buf_free(&m->tmp);
	buf_free(&m->out);
	free(from.name);
	free(from.addr);
	for (i = 0; i < nto; i++) {
		free(to[i].name);
		free(to[i].addr);
	}
	free(to);
	free(list_id.name);
	free(list_id.addr);
}

int
main(int argc, char *argv[])
{
	struct idset ids = IDSET_INIT;
	struct ir_reader *r;
	struct ir_record rec;
	struct msg m;
	const char *outpath = NULL, *confpath = NULL, *fromopt = NULL;
	FILE *out;
	int c, got, ok = 1;

	msg_init(argc, argv, usage);
	while ((c = msg_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'c':
			confpath = optarg;
			break;
		case 'f':
			fromopt = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 't':
			plain_only = 1;
			break;
		default:
			msg_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (out_refuse_input(outpath, argc, argv) < 0)
		return EXIT_USAGE;

	memset(&m, 0, sizeof(m));
	if (fromopt != NULL && parse_addr(fromopt, &from, NULL, "-f") < 0) {
		free_all(&m);
		msg_usage();
	}
	if (load_conf(confpath, fromopt != NULL) < 0) {
		free_all(&m);
		return EXIT_DATA;
	}
	if ((out = out_open(outpath)) == NULL) {
		free_all(&m);
		return EXIT_DATA;
	}
	r = ir_reader_open(argc, argv);
	while ((got = ir_read(r, &rec)) != 0) {
		if (got < 0) {
			ok = 0;
			break;
		}
		if (!idset_add(&ids, rec.f[IR_ID], rec.len[IR_ID])) {
			msg_err(rec.file, rec.line, "duplicate id '%s'",
			    rec.f[IR_ID]);
			ok = 0;
			break;
		}
		make_message(&m, &rec);
		if (fwrite(m.out.p, 1, m.out.n, out) != m.out.n)
			break;	/* out_close() reports it */
	}
	ir_reader_close(r);
	idset_free(&ids);
	free_all(&m);
	if (out_close(out, ok) < 0 || !ok)
		return EXIT_DATA;
	return EXIT_OK;
}
