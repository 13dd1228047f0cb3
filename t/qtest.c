/*
 * qtest: a window on common/ for the shell tests.
 *
 *   qtest put line|text      stdin as one value, written as the IR does
 *   qtest put list           stdin lines as values of a list field
 *   qtest field N [file...]  field N (1-based) of each record, decoded;
 *                            list values one per line
 *   qtest date STRING [ZONE] date_parse_in, printed in the IR form
 *   qtest fmt EPOCH          the IR, RFC 822 and asctime forms
 *   qtest url BASE REF       url_resolve
 *   qtest host URL           url_host
 *   qtest uuid NAME          uuid_v5 in the URL namespace
 *   qtest sha1 (stdin)       SHA-1 of stdin in hex
 *   qtest author STRING      ir_author_split, as "name|address"
 *   qtest lang STRING        ir_lang_ok: exit 0 for a good tag
 *   qtest permalink KEY=VALUE...  common/permalink.c: the site path of
 *                            a post, or "skip: REASON" (see permalink())
 *   qtest fm FILE            fm_split + fm_parse: the dialect, the body's
 *                            first line and the tree as JSON
 *   qtest fmfile FILE        fm_load_file: the tree as JSON
 *   qtest htmlmask FILE...   parse each file's HTML with and without
 *                            html_mask(): "same N" (N runs masked),
 *                            "none", "fallback" or "DIFFERENT" (exit 1)
 *   qtest bufsize            the stdio buffer sizes, in bytes, of
 *                            out_open()'s stream and of standard input
 *                            once the IR reader has read a record of it
 */
#include <stdio_ext.h>		/* __fbufsize: glibc and musl */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "fm.h"
#include "htmlmask.h"
#include "permalink.h"

/* The tree below n as text: type, name, attributes, content. */
static void
dump(xmlNodePtr n, struct buf *b, int depth)
{
	xmlAttrPtr a;

	for (; n != NULL; n = n->next) {
		buf_printf(b, "%*s%d %s", 2 * depth, "", (int)n->type,
		    n->name != NULL ? (const char *)n->name : "");
		for (a = n->properties; n->type == XML_ELEMENT_NODE && a != NULL;
		    a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);

			buf_printf(b, " %s=[%s]", (const char *)a->name,
			    v != NULL ? (const char *)v : "");
			xmlFree(v);
		}
		if (n->type != XML_ELEMENT_NODE && n->content != NULL)
			buf_printf(b, " [%s]", (const char *)n->content);
		buf_adds(b, "\n");
		if (n->type == XML_ELEMENT_NODE)
			dump(n->children, b, depth + 1);
	}
}

/* The two buffers common/ sets up for a run's text (OUT_BUFSIZ). */
static int
bufsize(void)
{
	struct ir_reader *r;
	struct ir_record rec;
	FILE *fp;
	size_t in;

	if ((fp = out_open(NULL)) == NULL)
		return 2;
	r = ir_reader_open(0, NULL);
	if (ir_read(r, &rec) != 1)
		return 2;
	in = __fbufsize(stdin);
	fprintf(fp, "out %zu\nin %zu\n", __fbufsize(fp), in);
	ir_reader_close(r);
	return out_close(fp, 1) < 0;
}

/* The option sets of htmlpass.c (md2ir), xhtml.c (ir2epub), text.c. */
static const int html_options[] = {
	HTML_READ_PASS, HTML_READ_XHTML, HTML_READ_TEXT
};

static int
htmlmask(int argc, char *argv[])
{
	struct buf in = BUF_INIT, d1 = BUF_INIT, d2 = BUF_INIT;
	htmlDocPtr a, b;
	FILE *f;
	size_t k;
	long how;
	int i, rc = 0;

	for (i = 2; i < argc; i++) {
		if ((f = fopen(argv[i], "r")) == NULL) {
			perror(argv[i]);
			return 2;
		}
		buf_reset(&in);
		buf_slurp(&in, f);
		fclose(f);
		buf_adds(&in, "");
		printf("%s:", argv[i]);
		for (k = 0; k < sizeof(html_options) / sizeof(html_options[0]);
		    k++) {
			a = htmlReadMemory(in.p, (int)in.n, NULL, "UTF-8",
			    html_options[k]);
			b = html_read(in.p, in.n, html_options[k], &how);
			buf_reset(&d1);
			buf_reset(&d2);
			if (a != NULL)
				dump(a->children, &d1, 0);
			if (b != NULL)
				dump(b->children, &d2, 0);
			buf_adds(&d1, "");
			buf_adds(&d2, "");
			if ((a == NULL) != (b == NULL) || strcmp(d1.p, d2.p) != 0) {
				printf(" DIFFERENT\n--- plain\n%s--- masked\n%s",
				    d1.p, d2.p);
				rc = 1;
			} else if (how < 0) {
				printf(" fallback");
			} else if (how == 0) {
				printf(" none");
			} else {
				printf(" same %ld", how);
			}
			xmlFreeDoc(a);
			xmlFreeDoc(b);
		}
		printf("\n");
	}
	buf_free(&in);
	buf_free(&d1);
	buf_free(&d2);
	return rc;
}

static int
put(const char *kind)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	char **v = NULL, *p, *nl;
	size_t n = 0;

	if (buf_slurp(&in, stdin) < 0)
		return 1;
	if (in.p == NULL)
		buf_adds(&in, "");
	if (strcmp(kind, "line") == 0) {
		ir_put_line(&out, in.p, in.n);
	} else if (strcmp(kind, "text") == 0) {
		ir_put_text(&out, in.p, in.n);
	} else if (strcmp(kind, "list") == 0) {
		for (p = in.p; *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			if (nl == NULL)
				nl = p + strlen(p);
			v = xreallocarray(v, n + 1, sizeof(*v));
			v[n++] = xstrndup(p, (size_t)(nl - p));
			if (*nl == '\0')
				break;
		}
		ir_put_list(&out, (const char *const *)v, n);
		while (n-- > 0)
			free(v[n]);
		free(v);
	} else {
		return 2;
	}
	fwrite(out.p ? out.p : "", 1, out.n, stdout);
	putchar('\n');
	buf_free(&in);
	buf_free(&out);
	return 0;
}

static int
field(int k, int argc, char *argv[])
{
	struct ir_reader *r = ir_reader_open(argc, argv);
	struct ir_record rec;
	const struct ir_list *l;
	size_t i;
	int rc;

	while ((rc = ir_read(r, &rec)) != 0) {
		if (rc < 0)
			continue;
		if (ir_field_kind(k) == IR_KIND_LIST) {
			l = k == IR_AUTHORS ? &rec.authors : k == IR_TAGS ?
			    &rec.tags : &rec.categories;
			for (i = 0; i < l->n; i++)
				printf("%s\n", l->v[i]);
		} else {
			fwrite(rec.f[k], 1, rec.len[k], stdout);
			putchar('\n');
		}
	}
	return ir_reader_close(r) > 0 ? 1 : 0;
}

/*
 * qtest permalink: the facts of one post as KEY=VALUE arguments
 * (file, root, title, slug, fmpath, date, tz in seconds, cats
 * comma-separated, pattern, style auto|jekyll|hugo|pelican, sibling
 * 1, zone an IANA name, datestr a front matter date), then "skip:
 * REASON" for a file that is not a post, else the site path
 * (pl_site_path), or with "what=date" the date the path gives, with
 * "what=offset" the date tokens' offset (pl_token_offset of datestr),
 * with "what=facts" dirs|name|rest|bundle.
 */
static int
permalink(int argc, char *argv[])
{
	const char *file = NULL, *root = NULL, *fmpath = NULL;
	const char *what = "path", *why, *v, *datestr = NULL;
	char *cats[16], *cs = NULL, *c, d[DATE_IR_LEN];
	struct pl_facts f;
	struct pl_post p;
	struct pl_site site;
	struct buf out = BUF_INIT;
	enum pl_kind kind;
	int i, sibling = -1, from_name, rc = 0;
	int64_t t;

	memset(&p, 0, sizeof(p));
	memset(&site, 0, sizeof(site));
	for (i = 2; i < argc; i++) {
		if ((v = strchr(argv[i], '=')) == NULL)
			msg_usage();
		v++;
#define K(k) (strncmp(argv[i], k "=", sizeof(k)) == 0)
		if (K("file")) file = v;
		else if (K("root")) root = v;
		else if (K("title")) p.title = v;
		else if (K("slug")) p.slug = v;
		else if (K("fmpath")) fmpath = v;
		else if (K("pattern")) site.pattern = v;
		else if (K("zone")) site.zone = v;
		else if (K("datestr")) datestr = v;
		else if (K("what")) what = v;
		else if (K("tz")) p.tzoff = strtol(v, NULL, 10);
		else if (K("sibling")) sibling = atoi(v);
		else if (K("date")) {
			if (date_parse(v, &p.date) < 0)
				msg_usage();
		} else if (K("cats")) {
			cs = xstrdup(v);
			for (c = strtok(cs, ","); c != NULL && p.ncats < 16;
			    c = strtok(NULL, ","))
				cats[p.ncats++] = c;
			p.cats = (const char *const *)cats;
		} else if (K("style")) {
			site.style = strcmp(v, "jekyll") == 0 ? PL_JEKYLL :
			    strcmp(v, "hugo") == 0 ? PL_HUGO :
			    strcmp(v, "pelican") == 0 ? PL_PELICAN : PL_AUTO;
		} else
			msg_usage();
#undef K
	}
	site.root = root;
	if (strcmp(what, "offset") == 0) {
		if (datestr != NULL && date_parse(datestr, &t) == 0)
			p.date = t;
		printf("%ld\n", pl_token_offset(&site, datestr, p.date));
		return 0;
	}
	if (pl_facts_init(&f, file, root, &why) < 0) {
		printf("error: %s\n", why);
		pl_facts_free(&f);
		free(cs);
		return 1;
	}
	p.f = &f;
	kind = sibling >= 0 ? pl_classify(&f, sibling, &why) :
	    pl_classify_file(&f, file, &why);
	if (strcmp(what, "facts") == 0) {
		printf("%s|%s|%s|%d\n", f.dirs, f.name, f.name_rest, f.bundle);
	} else if (kind != PL_POST) {
		printf("skip: %s\n", why);
	} else if (strcmp(what, "date") == 0) {
		if (pl_path_date(&f, fmpath, &t, &from_name) < 0) {
			puts("none");
		} else {
			date_fmt_ir(t, d);
			printf("%s%s\n", d, from_name ? " name" : "");
		}
	} else {
		if (p.date == 0 &&
		    pl_path_date(&f, fmpath, &t, &from_name) == 0)
			p.date = t, p.date_from_name = from_name;
		if (pl_site_path(&site, &p, fmpath, &out, &why) < 0) {
			printf("error: %s\n", why);
			rc = 1;
		}
		if (rc == 0)
			puts(out.p);
	}
	buf_free(&out);
	pl_facts_free(&f);
	free(cs);
	return rc;
}

/* The front matter of a Markdown file, as md2ir finds it. */
static int
fm(const char *path)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct fm_split sp;
	struct fm_doc *doc;
	const char *why, *nl;
	unsigned long line;
	FILE *fp;

	int rc = 1;

	if ((fp = fopen(path, "rb")) == NULL)
		return 1;
	if (buf_slurp(&in, fp) < 0)
		goto out;
	if (in.p == NULL)
		buf_adds(&in, "");
	if (fm_split(in.p, in.n, &sp, &why, &line) < 0) {
		msg_err(path, line, "%s", why);
		goto out;
	}
	printf("%s\n", fm_dialect_name(sp.dialect));
	nl = strchr(in.p + sp.body, '\n');
	printf("%.*s\n", nl ? (int)(nl - in.p - sp.body) :
	    (int)strlen(in.p + sp.body), in.p + sp.body);
	rc = 0;
	if (sp.dialect == FM_NONE)
		goto out;
	rc = 1;
	if (fm_parse(sp.dialect, in.p + sp.off, sp.len, sp.line, path,
	    &doc) < 0)
		goto out;
	fm_json(&out, fm_root(doc));
	printf("%s\n", out.p);
	fm_free(doc);
	rc = 0;
out:
	fclose(fp);
	buf_free(&out);
	buf_free(&in);
	return rc;
}

int
main(int argc, char *argv[])
{
	char a[DATE_IR_LEN], b[DATE_822_LEN], c[DATE_ASC_LEN], u[UUID_LEN];
	struct buf out = BUF_INIT;
	unsigned char md[20];
	struct sha1 ctx;
	const char *h;
	int64_t t;
	size_t n;
	int i;

	msg_init(argc, argv, "put|field|date|fmt|url|host|uuid|sha1|author|lang|fm|"
	    "fmfile|permalink|htmlmask|bufsize ...");
	if (argc < 2)
		msg_usage();
	if (strcmp(argv[1], "htmlmask") == 0)
		return htmlmask(argc, argv);
	if (strcmp(argv[1], "bufsize") == 0 && argc == 2)
		return bufsize();
	if (strcmp(argv[1], "put") == 0 && argc == 3)
		return put(argv[2]);
	if (strcmp(argv[1], "permalink") == 0)
		return permalink(argc, argv);
	if (strcmp(argv[1], "field") == 0 && argc >= 3) {
		i = atoi(argv[2]);
		if (i < 1 || i > IR_NFIELDS)
			msg_usage();
		return field(i - 1, argc - 3, argv + 3);
	}
	if (strcmp(argv[1], "date") == 0 && (argc == 3 || argc == 4)) {
		if (date_parse_in(argv[2], argc == 4 ? argv[3] : NULL,
		    &t) < 0) {
			puts("error");
			return 1;
		}
		date_fmt_ir(t, a);
		puts(a);
		return 0;
	}
	if (strcmp(argv[1], "fmt") == 0 && argc == 3) {
		t = strtoll(argv[2], NULL, 10);
		date_fmt_ir(t, a);
		date_fmt_822(t, b);
		date_fmt_asc(t, c);
		printf("%s\n%s\n%s\n", a, b, c);
		return 0;
	}
	if (strcmp(argv[1], "url") == 0 && argc == 4) {
		url_resolve(argv[2], argv[3], &out);
		puts(out.p);
		buf_free(&out);
		return 0;
	}
	if (strcmp(argv[1], "norm") == 0 && argc == 3) {
		url_normalize(&out, argv[2]);
		puts(out.p);
		buf_free(&out);
		return 0;
	}
	if (strcmp(argv[1], "host") == 0 && argc == 3) {
		h = url_host(argv[2], &n);
		printf("%.*s\n", h ? (int)n : 0, h ? h : "");
		return h == NULL;
	}
	if (strcmp(argv[1], "uuid") == 0 && argc == 3) {
		uuid_v5(argv[2], strlen(argv[2]), u);
		puts(u);
		return 0;
	}
	if (strcmp(argv[1], "author") == 0 && argc == 3) {
		const char *nm, *ad;
		size_t nn, na;

		ir_author_split(argv[2], &nm, &nn, &ad, &na);
		printf("%.*s|%s%.*s\n", (int)nn, nm, ad ? "" : "(none)",
		    (int)na, ad ? ad : "");
		return 0;
	}
	if (strcmp(argv[1], "fm") == 0 && argc == 3)
		return fm(argv[2]);
	if (strcmp(argv[1], "fmfile") == 0 && argc == 3) {
		struct fm_doc *doc;

		if (fm_load_file(argv[2], &doc) < 0)
			return 1;
		fm_json(&out, fm_root(doc));
		printf("%s\n", out.p);
		fm_free(doc);
		buf_free(&out);
		return 0;
	}
	if (strcmp(argv[1], "lang") == 0 && argc == 3)
		return !ir_lang_ok(argv[2], strlen(argv[2]));
	if (strcmp(argv[1], "sha1") == 0) {
		struct buf in = BUF_INIT;

		buf_slurp(&in, stdin);
		sha1_init(&ctx);
		sha1_update(&ctx, in.p ? in.p : "", in.n);
		sha1_final(&ctx, md);
		for (i = 0; i < 20; i++)
			printf("%02x", md[i]);
		putchar('\n');
		buf_free(&in);
		return 0;
	}
	msg_usage();
}
