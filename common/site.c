/*
 * site.c: the site configuration every filter reads; see site.h.
 *
 * A quire file (quire.yaml, site.yaml, book.yaml, mail.yaml: any name
 * but a generator's) holds keys of site_keys[] only, each a string or
 * a list of strings; another key is an error, so that a typo never
 * passes unseen.  A generator's file is read for the keys that
 * generator documents, mapped onto the same fields; its other keys
 * are its own business and are ignored:
 *
 *   field       Jekyll _config.yml     Hugo hugo.*, config.*   Zola
 *   url         url + baseurl          baseURL                 base_url
 *   title       title, else name       title                   title
 *   description description            params.description      description
 *   author      author (text, or a     params.author, else     author, else
 *               map: name, email, url) author (the same)       extra.author
 *   language    lang                   languageCode, else      default_language
 *                                      defaultContentLanguage
 *   permalink   collections.posts.     permalinks (by section, -
 *               permalink, else        or by kind: .page)
 *               permalink, else "date"
 *   content_dir -                      contentDir, "content"   "content"
 *   static_dir  the site folder        staticDir, "static"     "static"
 *   timezone    timezone               timeZone                -
 *   excerpt_... excerpt_separator      -                       -
 *   logo        logo                   -                       -
 *
 * Jekyll's named permalink styles (date, pretty, ordinal, weekdate,
 * none) become the patterns its documentation gives for them.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "site.h"

/* Every key of a quire file, by the filters that read it (quire(7)). */
const char *const site_keys[] = {
	/* every filter */
	"url", "title", "description", "author", "author_uri", "language",
	/* md2ir */
	"permalink", "content_dir", "static_dir", "timezone", "authors_file",
	"excerpt_separator",
	/* ir2atom, ir2rss */
	"link", "self", "id", "icon", "logo",
	/* ir2epub */
	"base", "creator", "creators", "authors", "identifier", "date",
	"publisher", "rights", "subject", "subjects", "cover", "css",
	"toc-depth",
	/* ir2mbox */
	"from", "to", "list-id",
	NULL
};

/* Flow nesting allowed in a YAML configuration file. */
#define SITE_DEPTH 32

/* The files a folder given to -c is searched for, in this order. */
static const char *const site_files[] = {
	"quire.yaml", "_config.yml", "_config.yaml", "_config.toml",
	"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json", NULL
};

/* Jekyll's named permalink styles and the patterns they stand for. */
static const char *const jekyll_styles[][2] = {
	{ "date", "/:categories/:year/:month/:day/:title:output_ext" },
	{ "pretty", "/:categories/:year/:month/:day/:title/" },
	{ "ordinal", "/:categories/:year/:y_day/:title:output_ext" },
	{ "weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext" },
	{ "none", "/:categories/:title:output_ext" },
};

struct site_own {
	char                 **v;	/* strings to free */
	size_t                 n;
	const struct fm_node  *perma;	/* Hugo: section -> pattern map */
};

/* Take ownership of p (may be NULL) and return it. */
static const char *
keep(struct site *s, char *p)
{
	if (p == NULL)
		return NULL;
	s->own->v = xreallocarray(s->own->v, s->own->n + 1,
	    sizeof(*s->own->v));
	s->own->v[s->own->n++] = p;
	return p;
}

/* The text of a string node, NULL for another node or an empty one. */
static const char *
str(const struct fm_node *n)
{
	return n != NULL && n->type == FM_STR && n->n > 0 ? n->s : NULL;
}

/* A string, or the first string of a list. */
static const char *
first(const struct fm_node *n)
{
	size_t i;

	if (n != NULL && n->type == FM_LIST)
		for (i = 0; i < n->nv; i++)
			if (str(&n->v[i]) != NULL)
				return n->v[i].s;
	return str(n);
}

/* The first of the keys of map that is a string. */
static const char *
get(const struct fm_node *map, const char *path)
{
	return str(fm_path(map, path));
}

/*
 * Nonzero if the file name of path (its last segment) is prefix and
 * one of the suffixes; with any text between them when loose is set.
 */
static int
named(const char *path, const char *prefix, int loose,
    const char *const *suffix)
{
	const char *b = strrchr(path, '/');
	size_t n = strlen(prefix), nb, k;

	b = b != NULL ? b + 1 : path;
	nb = strlen(b);
	if (strncmp(b, prefix, n) != 0)
		return 0;
	for (; *suffix != NULL; suffix++) {
		k = strlen(*suffix);
		if ((loose ? nb >= n + k : nb == n + k) &&
		    strcmp(b + nb - k, *suffix) == 0)
			return 1;
	}
	return 0;
}

static const char *const yaml_toml_json[] = {
	".yml", ".yaml", ".toml", ".json", NULL
};

/* Which generator wrote the file, from its name (and a key). */
static enum site_kind
detect(const char *path, const struct fm_node *root)
{
	/* Jekyll reads _config.yml, and others named by --config. */
	if (named(path, "_config", 1, yaml_toml_json))
		return SITE_JEKYLL;
	if (named(path, "hugo", 0, yaml_toml_json))
		return SITE_HUGO;
	if (named(path, "config", 0, yaml_toml_json))
		return fm_get(root, "base_url") != NULL ? SITE_ZOLA : SITE_HUGO;
	return SITE_QUIRE;
}

/* The dialect of a file from its suffix; YAML unless TOML or JSON. */
static enum fm_dialect
dialect(const char *path)
{
	size_t n = strlen(path);

	if (n >= 5 && strcasecmp(path + n - 5, ".toml") == 0)
		return FM_TOML;
	if (n >= 5 && strcasecmp(path + n - 5, ".json") == 0)
		return FM_JSON;
	return FM_YAML;
}

/* Read and parse path into s->doc; 0, or -1 after a message. */
static int
parse(struct site *s, const char *path)
{
	struct buf text = BUF_INIT;
	unsigned long deep;
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "rb")) == NULL) {
		msg_err(path, 0, "%s", strerror(errno));
		return -1;
	}
	if (buf_slurp(&text, fp) < 0) {
		msg_err(path, 0, "%s", strerror(errno));
		fclose(fp);
		buf_free(&text);
		return -1;
	}
	fclose(fp);
	if (text.p == NULL)
		buf_adds(&text, "");
	if (memchr(text.p, '\0', text.n) != NULL) {
		msg_err(path, 0, "NUL byte");
		buf_free(&text);
		return -1;
	}
	/* libyaml's time is quadratic in flow nesting: refuse it first. */
	if (dialect(path) == FM_YAML &&
	    (deep = conf_flow_depth(text.p, text.n, SITE_DEPTH)) > 0) {
		msg_err(path, deep, "nested more than %d deep", SITE_DEPTH);
		buf_free(&text);
		return -1;
	}
	rc = fm_parse(dialect(path), text.p, text.n, 1, path, &s->doc);
	buf_free(&text);
	return rc;
}

/* "Name <email>" from a person given as text or as a map. */
static const char *
person(struct site *s, const struct fm_node *n)
{
	struct buf b = BUF_INIT;
	const char *name, *email, *uri;

	if (n != NULL && n->type == FM_LIST && n->nv > 0)
		n = &n->v[0];
	if (n == NULL || n->type != FM_MAP)
		return str(n);
	name = get(n, "name");
	email = get(n, "email");
	uri = get(n, "uri");
	if (uri == NULL)
		uri = get(n, "url");
	if (uri != NULL && s->author_uri == NULL && url_has_scheme(uri))
		s->author_uri = uri;
	if (name != NULL && email != NULL)
		buf_printf(&b, "%s <%s>", name, email);
	else if (name != NULL || email != NULL)
		buf_adds(&b, name != NULL ? name : email);
	return keep(s, b.p);
}

/* url with the base path joined: "https://h" + "/blog" */
static const char *
join_base(struct site *s, const char *url, const char *path)
{
	struct buf b = BUF_INIT;

	if (url == NULL || path == NULL || path[0] == '\0' ||
	    strcmp(path, "/") == 0)
		return url;
	url_join(url, path, &b);
	return keep(s, b.p);
}

static void
map_jekyll(struct site *s, const struct fm_node *root)
{
	const char *p;
	size_t i;

	s->url = join_base(s, get(root, "url"), get(root, "baseurl"));
	if ((s->title = get(root, "title")) == NULL)
		s->title = get(root, "name");
	s->description = get(root, "description");
	s->author = person(s, fm_get(root, "author"));
	s->language = get(root, "lang");
	s->timezone = get(root, "timezone");
	s->excerpt_separator = get(root, "excerpt_separator");
	s->logo = get(root, "logo");
	if ((p = get(root, "collections.posts.permalink")) == NULL &&
	    (p = get(root, "permalink")) == NULL)
		p = "date";
	for (i = 0; i < sizeof(jekyll_styles) / sizeof(jekyll_styles[0]); i++)
		if (strcmp(p, jekyll_styles[i][0]) == 0)
			p = jekyll_styles[i][1];
	s->permalink = p;
	/* Jekyll serves the files of the site folder at its root. */
	s->static_dir = ".";
}

/* Nonzero if every value of map m is a string. */
static int
all_strings(const struct fm_node *m)
{
	size_t i;

	for (i = 0; i < m->nv; i++)
		if (m->v[i].type != FM_STR)
			return 0;
	return m->nv > 0;
}

static void
map_hugo(struct site *s, const struct fm_node *root)
{
	static const char *const main_sections[] = {
		"posts", "post", "blog", "news", NULL
	};
	const struct fm_node *pl, *page;
	const char *a;
	size_t i;

	s->url = get(root, "baseURL");
	s->title = get(root, "title");
	s->description = get(root, "params.description");
	if ((a = person(s, fm_path(root, "params.author"))) == NULL)
		a = person(s, fm_get(root, "author"));
	s->author = a;
	if ((s->language = get(root, "languageCode")) == NULL)
		s->language = get(root, "defaultContentLanguage");
	s->timezone = get(root, "timeZone");
	if ((s->content_dir = get(root, "contentDir")) == NULL)
		s->content_dir = "content";
	if ((s->static_dir = first(fm_get(root, "staticDir"))) == NULL)
		s->static_dir = "static";
	/*
	 * permalinks: { section: pattern } or, since Hugo 0.120,
	 * { page: { section: pattern }, section: {...}, ... }: the
	 * patterns of regular pages are those of posts.
	 */
	pl = fm_get(root, "permalinks");
	if (pl != NULL && pl->type == FM_MAP) {
		page = fm_get(pl, "page");
		if (page != NULL && page->type == FM_MAP && all_strings(page))
			pl = page;
		if (all_strings(pl)) {
			s->own->perma = pl;
			/* The posts' section by its usual names, else the
			 * first (TOML tables come sorted by key). */
			for (i = 0; main_sections[i] != NULL; i++)
				if (str(fm_get(pl, main_sections[i])) != NULL)
					break;
			if (main_sections[i] != NULL) {
				s->permalink_section = main_sections[i];
				s->permalink = get(pl, main_sections[i]);
			} else {
				s->permalink_section = str(&pl->k[0]);
				s->permalink = pl->v[0].s;
			}
		}
	}
}

static void
map_zola(struct site *s, const struct fm_node *root)
{
	const char *a;

	s->url = get(root, "base_url");
	s->title = get(root, "title");
	s->description = get(root, "description");
	if ((a = person(s, fm_get(root, "author"))) == NULL)
		a = person(s, fm_path(root, "extra.author"));
	s->author = a;
	s->language = get(root, "default_language");
	s->content_dir = "content";
	s->static_dir = "static";
}

/* Nonzero if key is in the NULL-terminated list v (may be NULL). */
static int
listed(const char *const *v, const char *key)
{
	for (; v != NULL && *v != NULL; v++)
		if (strcasecmp(*v, key) == 0)
			return 1;
	return 0;
}

/* Check and map a quire file; 0, or -1 after messages. */
static int
map_quire(struct site *s, const struct fm_node *root,
    const char *const *known)
{
	const struct fm_node *k, *v;
	const char *why;
	size_t i, j;
	int bad = 0;

	for (i = 0; i < root->nv; i++) {
		k = &root->k[i];
		v = &root->v[i];
		if (k->type != FM_STR) {
			msg_err(s->path, k->line, "a key must be a string");
			bad++;
			continue;
		}
		if (!listed(site_keys, k->s) && !listed(known, k->s)) {
			msg_err(s->path, k->line, "unknown key '%s'", k->s);
			bad++;
			continue;
		}
		if (v->type == FM_MAP) {
			msg_err(s->path, k->line, "key '%s': expected a "
			    "string or a list of strings", k->s);
			bad++;
		} else if (v->type == FM_LIST) {
			for (j = 0; j < v->nv; j++)
				if (v->v[j].type != FM_STR) {
					msg_err(s->path, k->line, "key '%s': "
					    "list items must be strings",
					    k->s);
					bad++;
					break;
				}
		}
	}
	if (bad > 0)
		return -1;
	s->url = site_get(s, "url");
	s->title = site_get(s, "title");
	s->description = site_get(s, "description");
	s->author = site_get(s, "author");
	s->author_uri = site_get(s, "author_uri");
	s->language = site_get(s, "language");
	s->id = site_get(s, "id");
	s->icon = site_get(s, "icon");
	s->logo = site_get(s, "logo");
	s->self = site_get(s, "self");
	s->permalink = site_get(s, "permalink");
	s->content_dir = site_get(s, "content_dir");
	s->static_dir = site_get(s, "static_dir");
	s->timezone = site_get(s, "timezone");
	s->authors_file = site_get(s, "authors_file");
	s->excerpt_separator = site_get(s, "excerpt_separator");
	if (s->url != NULL && (why = url_base_why(s->url)) != NULL) {
		msg_err(s->path, fm_get(root, "url")->line, "url '%s' %s",
		    s->url, why);
		return -1;
	}
	return 0;
}

/* The line of a generator's key, for its notes. */
static unsigned long
line_of(const struct fm_node *root, const char *const *keys)
{
	const struct fm_node *n;

	for (; *keys != NULL; keys++)
		if ((n = fm_path(root, *keys)) != NULL)
			return n->line;
	return 0;
}

/*
 * A generator's values that quire cannot use are dropped with a note
 * (Hugo's baseURL "/" is common), and a language written "en_US" gets
 * its hyphen.
 */
static void
tidy(struct site *s, const struct fm_node *root)
{
	static const char *const url_keys[] = {
		"url", "baseURL", "base_url", NULL
	};
	static const char *const lang_keys[] = {
		"lang", "languageCode", "defaultContentLanguage",
		"default_language", NULL
	};
	const char *why;
	char *l, *p;

	if (s->url != NULL && (why = url_base_why(s->url)) != NULL) {
		msg_err(s->path, line_of(root, url_keys), "site URL '%s' %s: "
		    "not used", s->url, why);
		s->url = NULL;
	}
	if (s->language != NULL) {
		l = xstrdup(s->language);
		for (p = l; *p != '\0'; p++)
			if (*p == '_')
				*p = '-';
		s->language = keep(s, l);
		if (!ir_lang_ok(l, strlen(l))) {
			msg_err(s->path, line_of(root, lang_keys), "language "
			    "'%s' is not a language tag: not used", l);
			s->language = NULL;
		}
	}
}

/* The folder of path, "." for a bare name. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* The configuration file of a site folder, or NULL after a message. */
static char *
find_in(const char *dir)
{
	struct buf b = BUF_INIT;
	struct stat st;
	size_t i;

	for (i = 0; site_files[i] != NULL; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s/%s", dir, site_files[i]);
		if (stat(b.p, &st) == 0 && S_ISREG(st.st_mode))
			return b.p;
	}
	buf_free(&b);
	msg_err(dir, 0, "no site configuration in this folder (quire.yaml, "
	    "_config.yml, hugo.toml, hugo.yaml, config.toml, ...)");
	return NULL;
}

int
site_load(struct site *s, const char *path, const char *const *known)
{
	const struct fm_node *root;
	struct stat st;
	char *found = NULL;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	s->own = xcalloc(1, sizeof(*s->own));
	if (path == NULL) {
		/* ./quire.yaml when there is one, else an empty site. */
		if (stat("quire.yaml", &st) != 0)
			return 0;
		path = "quire.yaml";
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		if ((found = find_in(path)) == NULL)
			return -1;
		path = found;
	}
	s->path = keep(s, xstrdup(path));
	s->dir = keep(s, dir_of(path));
	free(found);
	if (parse(s, s->path) < 0)
		return -1;
	root = fm_root(s->doc);
	if (root->type == FM_NULL)
		return 0;	/* an empty file configures nothing */
	if (root->type != FM_MAP) {
		msg_err(s->path, root->line,
		    "expected a mapping of keys to values");
		return -1;
	}
	switch ((s->kind = detect(s->path, root))) {
	case SITE_QUIRE:
		rc = map_quire(s, root, known);
		break;
	case SITE_JEKYLL:
		map_jekyll(s, root);
		rc = 0;
		break;
	case SITE_HUGO:
		map_hugo(s, root);
		rc = 0;
		break;
	case SITE_ZOLA:
		map_zola(s, root);
		rc = 0;
		break;
	}
	if (rc == 0 && s->kind != SITE_QUIRE)
		tidy(s, root);
	return rc;
}

const char *
site_get(const struct site *s, const char *key)
{
	const struct fm_node *v;
	struct buf b = BUF_INIT;
	size_t i;

	if (s->doc == NULL || s->kind != SITE_QUIRE)
		return NULL;
	v = fm_get(fm_root(s->doc), key);
	if (v == NULL || v->type != FM_LIST)
		return str(v);
	for (i = 0; i < v->nv; i++) {
		if (str(&v->v[i]) == NULL)
			continue;
		if (b.n > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, v->v[i].s);
	}
	/* The joined text lives as long as the site. */
	return keep((struct site *)s, b.p);
}

const char *
site_item(const struct site *s, const char *key, size_t i)
{
	const struct fm_node *v;
	size_t k;

	if (s->doc == NULL || s->kind != SITE_QUIRE)
		return NULL;
	v = fm_get(fm_root(s->doc), key);
	if (v == NULL || v->type != FM_LIST)
		return i == 0 ? str(v) : NULL;
	for (k = 0; k < v->nv; k++)
		if (str(&v->v[k]) != NULL && i-- == 0)
			return v->v[k].s;
	return NULL;
}

const char *
site_permalink(const struct site *s, const char *section)
{
	const struct fm_node *m = s->own != NULL ? s->own->perma : NULL;

	if (m == NULL)
		return s->permalink;
	return section != NULL ? str(fm_get(m, section)) : NULL;
}

char *
site_path(const struct site *s, const char *rel)
{
	struct buf b = BUF_INIT;

	if (rel == NULL)
		return NULL;
	if (rel[0] == '/' || s->dir == NULL || strcmp(s->dir, ".") == 0)
		return xstrdup(rel);
	if (strcmp(rel, ".") == 0)
		return xstrdup(s->dir);
	buf_printf(&b, "%s/%s", s->dir, rel);
	return b.p;
}

void
site_free(struct site *s)
{
	size_t i;

	if (s->own != NULL) {
		for (i = 0; i < s->own->n; i++)
			free(s->own->v[i]);
		free(s->own->v);
		free(s->own);
	}
	if (s->doc != NULL)
		fm_free(s->doc);
	memset(s, 0, sizeof(*s));
}
