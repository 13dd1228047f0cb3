/*
 * feed2ir: read RSS, Atom and JSON Feed documents and write the IR,
 * one line per item (quire-ir(5)), so that every ir2* filter works on
 * any feed.  The reading is common/feedin.c; this is options, files,
 * and the site configuration of --site.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedin.h"

static const char usage[] =
    "[-hqv] [-o file] [-S site.yaml] [-u url] [file ...]";

static const struct msg_opt opts[] = {
	{ 'o', "output", "file", "write to file, replaced only on success" },
	{ 'S', "site", "site.yaml", "write the feed's metadata as a site "
	    "configuration" },
	{ 'u', "url", "url", "the URL the feed was fetched from" },
	{ 0, NULL, NULL, NULL }
};

/* A YAML double-quoted scalar; the value is already one clean line. */
static void
yaml_str(FILE *fp, const char *key, const struct buf *v)
{
	const char *p;

	if (v->n == 0)
		return;
	fprintf(fp, "%s: \"", key);
	for (p = v->p; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', fp);
		fputc(*p, fp);
	}
	fputs("\"\n", fp);
}

/* Write the feed's own metadata as a site configuration (quire(7)). */
static int
write_site(const char *path, const struct feedin_site *s)
{
	FILE *fp;

	if ((fp = out_open(path)) == NULL)
		return -1;
	fputs("# The site configuration of a feed, written by feed2ir.\n", fp);
	yaml_str(fp, "title", &s->title);
	yaml_str(fp, "url", &s->url);
	yaml_str(fp, "description", &s->description);
	yaml_str(fp, "author", &s->author);
	if (s->language.n > 0 && ir_lang_ok(s->language.p, s->language.n))
		yaml_str(fp, "language", &s->language);
	yaml_str(fp, "icon", &s->icon);
	return out_close(fp, 1);
}

int
main(int argc, char *argv[])
{
	struct feedin_site site;
	struct feedin_opts o;
	const char *outpath = NULL, *sitepath = NULL, *url = NULL, *name;
	unsigned long nerr = 0;
	FILE *out, *fp;
	int c, i, ok = 1;

	msg_init(argc, argv, usage);
	while ((c = msg_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'o':
			outpath = optarg;
			break;
		case 'S':
			sitepath = optarg;
			break;
		case 'u':
			if (!url_has_scheme(optarg)) {
				msg_err(NULL, 0, "-u: '%s' is not an absolute "
				    "URL", optarg);
				msg_usage();
			}
			url = optarg;
			break;
		default:
			msg_usage();
		}
	}
	argc -= optind;
	argv += optind;

	memset(&site, 0, sizeof(site));
	if ((out = out_open(outpath)) == NULL)
		return EXIT_DATA;
	for (i = 0; i < (argc > 0 ? argc : 1); i++) {
		name = argc > 0 ? argv[i] : "-";
		if (strcmp(name, "-") == 0) {
			fp = stdin;
		} else if ((fp = fopen(name, "r")) == NULL) {
			msg_err(name, 0, "%s", strerror(errno));
			nerr++;
			continue;
		}
		o.source = url != NULL ? url : name;
		o.base = url;
		feedin_read(fp, name, &o, out, &site, &nerr);
		if (fp != stdin)
			fclose(fp);
		if (ferror(out))
			break;
	}
	if (nerr > 0)
		ok = 0;
	/* Items read before an error are worth keeping: -o keeps them. */
	if (out_close(out, 1) < 0)
		ok = 0;
	/* After the IR: out.c holds one output at a time. */
	if (sitepath != NULL && write_site(sitepath, &site) < 0)
		ok = 0;
	feedin_site_free(&site);
	return ok ? EXIT_OK : EXIT_DATA;
}
