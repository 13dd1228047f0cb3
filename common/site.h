/*
 * site.h: the site configuration every filter reads (site.c).
 *
 * One set of keys for all filters (quire(7) lists them): a quire
 * site.yaml, or a site generator's own configuration file (Jekyll's
 * _config.yml, Hugo's hugo.yaml/hugo.toml/config.*, Zola's
 * config.toml), read through the front-matter dialects (fm.h) and
 * mapped onto the same fields.  With no -c, ./quire.yaml is read when
 * it exists.  A filter uses the fields it needs and ignores the rest;
 * only a key that no filter knows is an error in a quire file (a
 * generator's file is read for what it has, its other keys ignored).
 */
#ifndef SITE_H
#define SITE_H

#include "fm.h"

/* Which generator's configuration a file is, from its name or keys. */
enum site_kind { SITE_QUIRE, SITE_JEKYLL, SITE_HUGO, SITE_ZOLA };

struct site {
	enum site_kind  kind;
	const char     *path;		/* the file read, NULL if none */
	/*
	 * Values, NULL when absent; all owned by the site.  url is the
	 * site's base URL with the generator's base path joined
	 * (Jekyll url + baseurl, Hugo baseURL, Zola base_url).
	 */
	const char     *url;
	const char     *title;
	const char     *description;
	const char     *author;		/* "Name <email>" or a name */
	const char     *author_uri;
	const char     *language;	/* a language tag */
	const char     *id;		/* a feed or book id */
	const char     *icon, *logo;
	const char     *self;		/* the feed's own URL */
	/*
	 * md2ir: the permalink pattern for posts (Jekyll or Hugo tokens;
	 * Hugo's per-section map is reduced to the pattern of one section,
	 * named in permalink_section: posts, post, blog or news when there
	 * is one, else the first; site_permalink() gives any section's;
	 * Jekyll's named styles are expanded to their patterns), the folder paths
	 * are taken below (Hugo contentDir, else "content" for Hugo and
	 * Zola), the zone of dates without one (Jekyll timezone, Hugo
	 * timeZone: an IANA name), the author table file, the summary
	 * separator (Jekyll excerpt_separator), the folder the site
	 * serves at its root (Hugo static/, Jekyll the site folder).
	 */
	const char     *permalink;
	const char     *permalink_section;
	const char     *content_dir;
	const char     *timezone;
	const char     *authors_file;
	const char     *excerpt_separator;
	const char     *static_dir;
	/* Paths in the file (content_dir, static_dir, authors_file) are
	 * relative to the folder of the file: dir is that folder. */
	const char     *dir;
	/* The parsed file, for keys a filter reads itself (book.yaml's
	 * creators, mail.yaml's from/to/list-id...). */
	struct fm_doc  *doc;
	/* What site.c allocated (site_free() releases it). */
	struct site_own *own;
};

/*
 * Load the site configuration: path (a file, or a folder holding one
 * of quire.yaml, _config.yml, hugo.*, config.*), or ./quire.yaml when
 * path is NULL (a missing quire.yaml is not an error: an empty site).
 * The kind comes from the file name: _config*.yml is Jekyll's, hugo.*
 * Hugo's, config.* Zola's when it has base_url and else Hugo's, any
 * other name a quire file.  A quire file may hold the keys of
 * site_keys[] (every filter's, so that one file serves all) and those
 * of known, a NULL-terminated list for keys not yet in site_keys[]
 * (may be NULL; the filters pass NULL).  Returns 0, or -1 after
 * printing "prog: path:line: reason"; site_free() releases s in
 * either case.
 */
int site_load(struct site *s, const char *path, const char *const *known);

/*
 * A key of a quire file as text (lists joined by ", "), or NULL when
 * it is absent, empty or not text, or when the file is a generator's
 * (whose keys are read only through the fields above).  Owned by s.
 */
const char *site_get(const struct site *s, const char *key);

/*
 * The i-th item of a key of a quire file (a string is a list of one),
 * or NULL past the last; as site_get() otherwise.
 */
const char *site_item(const struct site *s, const char *key, size_t i);

/*
 * The permalink pattern of the posts of a section (the first folder
 * below the content root): Hugo's permalinks map gives one per
 * section; every other kind of file has one pattern for all (NULL
 * section is fine).  NULL when the site sets none for it.
 */
const char *site_permalink(const struct site *s, const char *section);

/*
 * A path of the file (content_dir, static_dir, authors_file) as the
 * filters must open it: rel below dir unless rel is absolute.  Returns
 * a new string the caller frees, or NULL when rel is NULL.
 */
char *site_path(const struct site *s, const char *rel);

/*
 * The names of every key a quire file may hold (any filter's), in the
 * order quire(7) lists them, NULL-terminated.
 */
extern const char *const site_keys[];

void site_free(struct site *s);

#endif
