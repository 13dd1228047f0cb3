/*
 * permalink.h: where a post lives on its site, and whether a file is
 * a post at all (permalink.c).
 *
 * Pure functions over the facts of one post: its file path, the
 * content root the site's generator reads it below, its front matter
 * title, slug, path and categories, and its date.  They follow the
 * rules of the generators the files come from (Hugo, Jekyll, Zola,
 * Eleventy, Pelican); md2ir(1) states each rule with its generator.
 * Only pl_classify_file() looks at files (a leaf bundle's index.md
 * beside a file) and pl_zone_offset() at the time zone database;
 * pl_facts_init() uses the current directory only to relate a path to
 * the content root.  Nothing depends on the other files of a run, so
 * an id never does.
 */
#ifndef PERMALINK_H
#define PERMALINK_H

#include "quire.h"

/* The suffixes of a Markdown post, lower case, NULL-terminated. */
extern const char *const pl_md_suffix[];

/* The facts a file's path gives (pl_facts_init). */
struct pl_facts {
	/*
	 * The path below the content root, normalised ("./", "//" and
	 * ".." resolved, no leading "/"), suffix included; without a root,
	 * the normalised path as given.  Owned.
	 */
	char       *rel;
	int         has_root;
	/*
	 * The folders between the content root and the post, joined by
	 * "/" ("" when none); a page bundle's own folder is not one of
	 * them.  Without a root, "".  Owned.
	 */
	char       *dirs;
	/*
	 * The post's name: the file name less its Markdown suffix, or the
	 * bundle folder's name for index.md / index.markdown / index.mdx.
	 * Owned; "" for standard input.
	 */
	char       *name;
	int         bundle;		/* the file is a bundle's index */
	/* A "YYYY-MM-DD-" at the start of name: its date and the rest. */
	int         has_name_date;
	int64_t     name_date;
	const char *name_rest;		/* points into name */
	/* A "YYYY/MM/DD/" run among the folders of the file: its date. */
	int         has_dir_date;
	int64_t     dir_date;
};

/*
 * Fill f from path (NULL or "-" for standard input) and root (the
 * content root, -r; NULL for none).  A relative path and root are
 * both taken from the current directory, so only where the file sits
 * below the root counts.  Returns 0, or -1 with *why set to a static
 * reason when the path is not below the root.  pl_facts_free()
 * releases f in either case.
 */
int pl_facts_init(struct pl_facts *f, const char *path, const char *root,
    const char **why);
void pl_facts_free(struct pl_facts *f);

/* What a file is to its generator. */
enum pl_kind {
	PL_POST,		/* a post: convert it */
	PL_SECTION,		/* _index.md: a section's list page */
	PL_ROOT_INDEX,		/* index.md at the content root */
	PL_PAGE,		/* Pelican's pages/ folder: a page */
	PL_RESOURCE,		/* a Markdown file inside a leaf bundle */
	PL_HIDDEN,		/* below a "_x" or ".x" folder: not published */
	PL_DRAFT		/* below a _drafts folder (Jekyll) */
};

/*
 * What the file of f is.  sibling_index is nonzero when the folder of
 * a file that is not itself an index also holds an index.md (or
 * .markdown, .mdx): the file is then a resource of that leaf bundle
 * (Hugo).  *why is set to a static phrase for the message ("a section
 * page (_index.md)"), NULL for a post.
 */
enum pl_kind pl_classify(const struct pl_facts *f, int sibling_index,
    const char **why);

/* pl_classify, finding sibling_index on the file system from path. */
enum pl_kind pl_classify_file(const struct pl_facts *f, const char *path,
    const char **why);

/*
 * The date a post's path gives, for a post whose front matter has
 * none: a "YYYY-MM-DD-" name (Jekyll, Hugo's :filename), else a
 * "YYYY/MM/DD/" run in the front matter path fmpath (Zola's path,
 * may be NULL), else one among the file's folders (a React blog's
 * YYYY/MM/DD/slug.md).  Returns 0 and *t (midnight UTC), or -1.
 * *from_name is set when the date came from the name.
 */
int pl_path_date(const struct pl_facts *f, const char *fmpath, int64_t *t,
    int *from_name);

/* Pattern syntaxes (pl_expand). */
enum pl_style {
	PL_AUTO,		/* by the tokens the pattern uses */
	PL_JEKYLL,		/* ":year/:title" with Jekyll's meanings */
	PL_HUGO,		/* ":year/:slug" with Hugo's, then lower-cased */
	PL_PELICAN		/* "{date:%Y}/{slug}" (ARTICLE_URL) */
};

/* The facts of one post a pattern may use. */
struct pl_post {
	const struct pl_facts *f;
	const char  *title;		/* front matter, or NULL */
	const char  *slug;		/* front matter, or NULL */
	const char *const *cats;	/* categories, in order */
	size_t       ncats;
	int64_t      date;		/* the post's date, UTC */
	/*
	 * Seconds east of UTC of the time the date tokens show: the zone
	 * the date was written in, else the site's.
	 */
	long         tzoff;
	int          date_from_name;	/* the date came from the file name */
};

/*
 * The site path of a post from a permalink pattern, appended to out:
 * Jekyll's built-in names (date, pretty, ordinal, weekdate, none) and
 * tokens, Hugo's tokens, or Pelican's {} fields, as style says (PL_AUTO
 * guesses from the tokens; Jekyll when they fit both).  The result
 * starts with "/" and has no "//".  Returns 0, or -1 with *why set to
 * a static reason for an unknown token or field, or one whose value
 * the post lacks (":title" with no title).
 */
int pl_expand(const char *pattern, enum pl_style style,
    const struct pl_post *p, struct buf *out, const char **why);

/*
 * The generator whose path a post gets with no pattern (pl_default()):
 * a site file (-c) names it; PL_GEN_ANY, without one, is Jekyll's.
 */
enum pl_gen { PL_GEN_ANY, PL_GEN_JEKYLL, PL_GEN_HUGO, PL_GEN_ZOLA };

/*
 * The site path of a post with no pattern, appended to out: the front
 * matter path fmpath when given (a relative one is Zola's: "/PATH/"),
 * else the folders below the content root, then "slug/", else for a
 * dated name "YYYY-MM-DD-rest": Jekyll's date form
 * "YYYY/MM/DD/rest.html" (PL_GEN_ANY, PL_GEN_JEKYLL), Zola's "rest/"
 * (its page takes the date from the name, its path the rest), Hugo's
 * "YYYY-MM-DD-rest/"; else "name/", else the title made a slug.  Hugo
 * lower-cases the path and makes blanks hyphens (pl_urlize()).
 * Returns 0, or -1 when nothing gives a path.
 */
int pl_default(const struct pl_post *p, enum pl_gen gen, const char *fmpath,
    struct buf *out);

/* The front matter path as a site path: "/" added, and for a relative
 * one (Zola's path) a closing "/" unless it names a file ("x.html"). */
void pl_fmpath(const char *fmpath, struct buf *out);

/*
 * Slug makers, each appending to out.  pl_slug_jekyll: Jekyll's
 * Utils.slugify, mode "default" (runs of anything but letters and
 * digits become "-") or, with pretty, "pretty" (also keeps
 * ._~!$&'()+,;=@), lower-cased unless cased.  pl_urlize: Hugo's
 * urlize (letters, digits and ./_-#+~@ kept, white space runs become
 * "-", the rest dropped), lower-cased.  pl_slug_pelican: Pelican's
 * slugify (the Latin letters of U+00C0..U+017F in ASCII as unidecode
 * writes them, "é" "e" and "ß" "ss"; word characters, spaces and "-"
 * kept, runs of spaces and "-" become "-", lower-cased).  Other
 * non-ASCII letters are kept by all.
 */
void pl_slug_jekyll(struct buf *out, const char *s, int pretty, int cased);
void pl_urlize(struct buf *out, const char *s);
void pl_slug_pelican(struct buf *out, const char *s);

/*
 * A file with front matter but neither a title nor a date (none in its
 * path either) is a generator's helper page, not a post: Zola's
 * template-only pages (the Rust blog's releases/latest.md, a redirect).
 * Returns a static reason, or NULL for a post.
 */
const char *pl_untitled(const char *title, int has_date);

/*
 * Hugo's scheduled posts: with now known, a publish date after now, or
 * an expiry date before now, is not published.  Returns a static
 * reason ("scheduled: publishDate is in the future"), or NULL.
 */
const char *pl_scheduled(int has_publish, int64_t publish, int has_expiry,
    int64_t expiry, int64_t now);

/* ---- md2ir's use: one call a step ---------------------------------- */

/* What a site says about its layout (md2ir -r, --permalink, -c). */
struct pl_site {
	const char    *root;		/* content root, or NULL */
	const char    *pattern;		/* permalink pattern, or NULL */
	enum pl_style  style;		/* of the pattern (PL_AUTO: guess) */
	const char    *zone;		/* the site's IANA zone, or NULL */
	enum pl_gen    gen;		/* whose path without a pattern */
};

/* The style pattern is read in (PL_AUTO resolved; Jekyll's built-in
 * names are Jekyll's). */
enum pl_style pl_style_of(const char *pattern, enum pl_style style);

/*
 * The zone offset written at the end of a front matter date ("Z",
 * "+05:30", "-0800", " -04"), in seconds east of UTC: 0 and *off, or
 * -1 when the date names no zone.
 */
int pl_written_offset(const char *date, long *off);

/*
 * Seconds east of UTC of the IANA zone at the instant t, from the
 * system's time zone database (tzdata): 0 and *off, or -1 when the
 * zone is not in the database (date_zone_ok).  Sets and restores TZ.
 */
int pl_zone_offset(const char *zone, int64_t t, long *off);

/*
 * The offset the date tokens of a post use (pl_post.tzoff), for a
 * date written as datestr (NULL when it came from the path) and read
 * as t: Jekyll shows every date in the site's zone (Utils.parse_date
 * calls localtime under the site's timezone); Hugo, Pelican and the
 * others show a date in the zone it was written in, else the site's.
 * 0 when neither is known.
 */
long pl_token_offset(const struct pl_site *s, const char *datestr,
    int64_t t);

/*
 * The site path of a post, appended to out: the front matter path
 * when there is one (Jekyll placeholders in it expanded, as Jekyll
 * expands a front matter permalink), else the site's pattern, else
 * pl_default().  Returns 0, or -1 with *why set.
 */
int pl_site_path(const struct pl_site *s, const struct pl_post *p,
    const char *fmpath, struct buf *out, const char **why);

#endif
