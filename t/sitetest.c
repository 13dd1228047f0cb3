/*
 * sitetest: the site configuration (site.c) and url_html_absolute()
 * from the shell.
 *
 *   sitetest load [FILE] [SECTION]  site_load(FILE, or ./quire.yaml),
 *                                   one "field=value" line for each
 *                                   field set; with SECTION, also
 *                                   site_permalink() of it
 *   sitetest html BASE|-            stdin with its relative URLs made
 *                                   absolute against BASE (- for none),
 *                                   then a line "relative: N"
 */
#include <stdlib.h>
#include <string.h>

#include "site.h"

static void
field(const char *name, const char *v)
{
	if (v != NULL)
		printf("%s=%s\n", name, v);
}

static int
load(const char *path, const char *section)
{
	static const char *const kinds[] = { "quire", "jekyll", "hugo", "zola" };
	struct site s;
	char *p;

	if (site_load(&s, path, NULL) < 0) {
		site_free(&s);
		return 1;
	}
	printf("kind=%s\n", kinds[s.kind]);
	field("path", s.path);
	field("url", s.url);
	field("title", s.title);
	field("description", s.description);
	field("author", s.author);
	field("author_uri", s.author_uri);
	field("language", s.language);
	field("id", s.id);
	field("icon", s.icon);
	field("logo", s.logo);
	field("self", s.self);
	field("permalink", s.permalink);
	field("permalink_section", s.permalink_section);
	field("content_dir", s.content_dir);
	field("static_dir", s.static_dir);
	field("timezone", s.timezone);
	field("authors_file", s.authors_file);
	field("excerpt_separator", s.excerpt_separator);
	if ((p = site_path(&s, s.content_dir)) != NULL)
		field("content_path", p);
	free(p);
	if (section != NULL)
		printf("permalink(%s)=%s\n", section,
		    site_permalink(&s, section) ? site_permalink(&s, section) :
		    "(none)");
	site_free(&s);
	return 0;
}

static int
html(const char *base)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	size_t n;

	if (buf_slurp(&in, stdin) < 0)
		return 1;
	if (in.p == NULL)
		buf_adds(&in, "");
	if (strcmp(base, "-") == 0)
		base = NULL;
	n = url_html_absolute(in.p, in.n, base, &out);
	fwrite(out.p != NULL ? out.p : "", 1, out.n, stdout);
	printf("\nrelative: %zu\n", n);
	buf_free(&in);
	buf_free(&out);
	return 0;
}

int
main(int argc, char *argv[])
{
	msg_init(argc, argv, "load [file] [section] | html base");
	if (argc >= 2 && argc <= 4 && strcmp(argv[1], "load") == 0)
		return load(argc > 2 ? argv[2] : NULL, argc > 3 ? argv[3] :
		    NULL);
	if (argc == 3 && strcmp(argv[1], "html") == 0)
		return html(argv[2]);
	msg_usage();
}
