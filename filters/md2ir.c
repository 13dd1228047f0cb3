/*
 * md2ir: convert Markdown issues with front matter to the IR.
 *
 * Each file is read whole, checked (UTF-8, no NUL), split into front
 * matter (any dialect of fm.h) and body, its keys mapped to a post's
 * facts (post.c), its body rendered once by cmark-gfm, and one IR line
 * written.  A file that fails is reported and skipped; the others are
 * still converted.
 */
#define _GNU_SOURCE		/* RTLD_NEXT */
#include <sys/stat.h>

#include <dirent.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <pthread.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <jansson.h>
#include <libxml/parser.h>

#include "quire.h"
#include "arena.h"
#include "authors.h"
#include "fm.h"
#include "permalink.h"
#include "post.h"
#include "site.h"
#include "sitemd.h"
#include "xhtml.h"

static const char usage[] = "[-dhqSv] [-b base-url] [-c site.yaml] [-e excerpt-separator] "
    "[-j jobs] "
    "[--authors file] [--timezone zone] [-o file] [-r content-dir] "
    "[--permalink pattern] [--now date] [file ...]";

/* Long-only options. */
enum { OPT_AUTHORS = 301, OPT_TIMEZONE, OPT_PERMALINK, OPT_NOW };

static const struct msg_opt opts[] = {
	{ 'b', "base", "url", "the site's URL: permalinks and links absolute" },
	{ 'c', "config", "site.yaml", "read the site's configuration" },
	{ 'e', "excerpt-separator", "marker", "where a post's excerpt ends" },
	{ 'd', "drafts", NULL, "include drafts" },
	{ 'o', "output", "file", "write to file, replaced only on success" },
	{ 'j', "jobs", "N", "convert on N threads (default: the CPUs online)" },
	{ 'r', "content-dir", "dir", "the content root below which paths count" },
	{ 'S', "safe", NULL, "drop raw HTML from the bodies" },
	{ OPT_AUTHORS, "authors", "file", "the site's author data file" },
	{ OPT_TIMEZONE, "timezone", "zone", "the zone of dates without one" },
	{ OPT_PERMALINK, "permalink", "pattern", "the permalink pattern" },
	{ OPT_NOW, "now", "date", "the date scheduled posts are compared to" },
	{ 0, NULL, NULL, NULL }
};

static const char *base_url;		/* -b */
static int with_drafts;			/* -d */
/* Jekyll's excerpt_separator: -e, else the site's (-c). */
static const char *excerpt_sep;
static int cmark_opts = CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;
static cmark_syntax_extension *exts[4];
static struct idset ids = IDSET_INIT;
static struct post_opts popts;		/* --timezone, --authors */
/* Layouts (common/permalink.h): -r, --permalink, --timezone; --now or
 * SOURCE_DATE_EPOCH for scheduled posts. */
static struct pl_site layout;
/* The site (-c) when its permalink patterns are by section (Hugo). */
static const struct site *by_section;
static const struct site *the_site;	/* -c or ./quire.yaml */
static int has_now;
static int64_t now;
/* Jekyll's baseurl, which relative_url prepends (site.c joins it into
 * the site's url already): read once before any file. */
static char *baseurl;
/* Set with -j N > 1: each file's messages are captured (msg.c) and its
 * id checked in file order when it is written (job_write). */
static int threaded;

/* The kinds of file skipped, for the summary line (msg_summary). */
static const struct msg_group skipped = { "file skipped", "files skipped" };
enum { SK_SECTION, SK_INDEX, SK_PAGE, SK_RESOURCE, SK_HIDDEN, SK_DRAFT,
	SK_TEMPLATE, SK_SCHEDULED, SK_EXPIRED, SK_NOFILE, SK_N };
static const struct msg_kind skip_kinds[SK_N] = {
	[SK_SECTION] = { &skipped, "section page", "section pages" },
	[SK_INDEX] = { &skipped, "index page", "index pages" },
	[SK_PAGE] = { &skipped, "page", "pages" },
	[SK_RESOURCE] = { &skipped, "page bundle resource",
	    "page bundle resources" },
	[SK_HIDDEN] = { &skipped, "hidden file", "hidden files" },
	[SK_DRAFT] = { &skipped, "draft", "drafts" },
	[SK_TEMPLATE] = { &skipped, "template page", "template pages" },
	[SK_SCHEDULED] = { &skipped, "scheduled post", "scheduled posts" },
	[SK_EXPIRED] = { &skipped, "expired post", "expired posts" },
	[SK_NOFILE] = { &skipped, "post not written", "posts not written" },
};

/* A permalink that is a template (Eleventy's), not a path. */
static const struct msg_kind template_permalink = { &smd_changed,
	"template permalink", "template permalinks" };

/* Raw HTML the HTML pass removes or replaces, by tag (htmlpass_scan). */
static const char *const raw_tags[] = {
	"script", "style", "noscript", "iframe", "embed", "object"
};
static const struct msg_kind raw_kinds[] = {
	{ &smd_changed, "raw <script>", "raw <script>" },
	{ &smd_changed, "raw <style>", "raw <style>" },
	{ &smd_changed, "raw <noscript>", "raw <noscript>" },
	{ &smd_changed, "raw <iframe>", "raw <iframe>" },
	{ &smd_changed, "raw <embed>", "raw <embed>" },
	{ &smd_changed, "raw <object>", "raw <object>" },
};

/* One file being converted; reset for each. */
struct issue {
	const char      *path;		/* as given; "-" for stdin */
	const char      *name;		/* for messages */
	struct buf       src;		/* the whole file */
	struct fm_split  sp;		/* where the front matter is */
	size_t           body;		/* offset of the body in src */
	struct fm_doc   *doc;
	struct post      post;		/* its facts */
	struct pl_facts  facts;		/* what its path says (permalink.h) */
	int64_t          fdate;		/* the date its path gives */
	int              has_fdate, fdate_name;
	const char      *datestr;	/* the date as written, or NULL */
	int              skip;		/* not a post, or not now: noted */
	int64_t          date;
	struct buf       pathv, permalink, id, summary, tmp;
	/* The site's layout, with this post's pattern (Hugo's sections). */
	struct pl_site   lay;
	/* With -j: its id is checked against the run's in file order. */
	int              has_id;
	struct msg_capture cap;		/* with -j: what it says */
};

static int
fail(struct issue *is, unsigned long line, const char *fmt, ...)
    QUIRE_PRINTF(3, 4);

static int
fail(struct issue *is, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_verr(is->name, line, fmt, ap);
	va_end(ap);
	return -1;
}

/* The line, from 0, of byte offset off in s. */
static unsigned long
line_of_text(const char *s, size_t off)
{
	unsigned long line = 0;
	const char *p = s, *end = s + off;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

/* File line of byte offset off in the source. */
static unsigned long
line_of(const struct buf *src, size_t off)
{
	return 1 + line_of_text(src->p, off);
}

/*
 * Read the file, check its text, drop a BOM, turn CRLF and lone CR
 * into LF, and find the front matter.
 */
static int
load(struct issue *is)
{
	FILE *fp;
	const char *what, *why, *p;
	size_t off, i, o;
	unsigned long line;
	int e;

	if (strcmp(is->path, "-") == 0) {
		fp = stdin;
	} else if ((fp = fopen(is->path, "rb")) == NULL) {
		return fail(is, 0, "%s", limits_strerror(errno));
	}
	e = buf_slurp_max(&is->src, fp, LIMIT_FILE);	/* limits.c */
	if (e < 0)
		e = errno ? errno : EIO;
	if (fp != stdin)
		fclose(fp);
	if (e != 0)
		return fail(is, 0, "%s", limits_strerror(e));
	if (is->src.p == NULL)
		buf_addc(&is->src, 0), is->src.n = 0;

	if (utf8_check(is->src.p, is->src.n, &off, &what) < 0)
		return fail(is, line_of(&is->src, off), "%s", what);
	if (is->src.n >= 3 && memcmp(is->src.p, "\xef\xbb\xbf", 3) == 0) {
		memmove(is->src.p, is->src.p + 3, is->src.n - 3);
		is->src.n -= 3;
	}
	i = o = is->src.n;
	if ((p = memchr(is->src.p, '\r', is->src.n)) != NULL)
		i = o = (size_t)(p - is->src.p);
	for (; i < is->src.n; i++) {
		if (is->src.p[i] == '\r') {
			is->src.p[o++] = '\n';
			if (i + 1 < is->src.n && is->src.p[i + 1] == '\n')
				i++;
		} else {
			is->src.p[o++] = is->src.p[i];
		}
	}
	is->src.n = o;
	is->src.p[o] = '\0';

	if (is->src.n == 0)
		return fail(is, 0, "empty file");
	if (fm_split(is->src.p, is->src.n, &is->sp, &why, &line) < 0)
		return fail(is, line, "%s", why);
	if (is->sp.dialect == FM_NONE)
		return fail(is, 1, "no front matter: the file must start with "
		    "a '---' line (YAML), '+++' (TOML), a JSON object or "
		    "'Title:' metadata");
	is->body = is->sp.body;
	return 0;
}

static int
looks_like_uuid(const char *s)
{
	int i;

	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' :
		    strchr("0123456789abcdefABCDEF", s[i]) == NULL)
			return 0;
	return 1;
}

/*
 * Percent-encode, in place, what a path taken from file names or front
 * matter may hold but a URI path may not: white space, controls, the
 * characters RFC 3986 excludes, '#' and '?' (which would start a
 * fragment or a query) and a '%' that starts no escape.  Non-ASCII is
 * kept: every output encodes it (quire-ir.5, URLS).
 */
static void
path_escape(struct buf *b)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf o = BUF_INIT;
	size_t i;
	unsigned char c;

	for (i = 0; i < b->n; i++) {
		c = (unsigned char)b->p[i];
		if (c <= ' ' || c == 0x7f || strchr("\"<>\\^`{|}#?", c) != NULL ||
		    (c == '%' && (i + 2 >= b->n ||
		    url_hexval(b->p[i + 1]) < 0 || url_hexval(b->p[i + 2]) < 0))) {
			buf_addc(&o, '%');
			buf_addc(&o, hex[c >> 4]);
			buf_addc(&o, hex[c & 15]);
		} else {
			buf_addc(&o, c);
		}
	}
	if (o.n != b->n) {
		buf_reset(b);
		buf_add(b, o.p, o.n);
	}
	buf_free(&o);
}

/*
 * Hugo's permalinks are by section, the first folder below the content
 * root: the pattern of f's (site.c), else NULL.  by_section is set.
 */
static const char *
section_pattern(const struct pl_facts *f)
{
	struct buf b = BUF_INIT;
	const char *pat;

	buf_add(&b, f->dirs, strcspn(f->dirs, "/"));
	pat = site_permalink(by_section, b.p != NULL ? b.p : "");
	buf_free(&b);
	return pat;
}

/* Derive path, permalink and id (quire-ir.5, IDENTITY); the path by
 * the site's layout rules (common/permalink.c, md2ir(1) LAYOUTS). */
static int
identity(struct issue *is, const char *path, const char *slug,
    const char *title, const char *idv)
{
	struct pl_post post;
	const char *why;
	char uuid[UUID_LEN];

	memset(&post, 0, sizeof(post));
	post.f = &is->facts;
	post.title = title;
	post.slug = slug;
	post.cats = (const char *const *)is->post.cats;
	post.ncats = is->post.ncats;
	post.date = is->date;
	post.date_from_name = is->fdate_name && is->datestr == NULL;
	post.tzoff = pl_token_offset(&is->lay, is->datestr, is->date);
	/* Hugo's permalinks are by section, the first folder below the
	 * content root: this post's pattern, else none (site.c). */
	if (by_section != NULL && is->facts.has_root)
		is->lay.pattern = section_pattern(&is->facts);
	if (pl_site_path(&is->lay, &post, path, &is->pathv, &why) < 0)
		return fail(is, 0, "%s", why);
	if (is->pathv.n > 0 && !url_has_scheme(is->pathv.p))
		path_escape(&is->pathv);
	if (strspn(is->pathv.p ? is->pathv.p : "", "/") == is->pathv.n)
		return fail(is, 0, "cannot derive a permalink: give 'path' or "
		    "'slug' in the front matter");
	if (url_has_scheme(is->pathv.p))
		buf_adds(&is->permalink, is->pathv.p);
	else if (base_url != NULL)
		url_join(base_url, is->pathv.p, &is->permalink);
	else
		buf_adds(&is->permalink, is->pathv.p);

	if (idv != NULL && *idv != '\0') {
		if (url_has_scheme(idv)) {
			buf_adds(&is->id, idv);
		} else if (looks_like_uuid(idv)) {
			buf_adds(&is->id, "urn:uuid:");
			for (; *idv != '\0'; idv++)
				buf_addc(&is->id, *idv >= 'A' && *idv <= 'F' ?
				    *idv - 'A' + 'a' : *idv);
		} else {
			uuid_v5(idv, strlen(idv), uuid);
			buf_printf(&is->id, "urn:uuid:%s", uuid);
		}
	} else if (url_has_scheme(is->permalink.p)) {
		buf_adds(&is->id, is->permalink.p);
	} else {
		uuid_v5(is->pathv.p, is->pathv.n, uuid);
		buf_printf(&is->id, "urn:uuid:%s", uuid);
	}
	return 0;
}

/* Resolve a URL against the permalink when a base URL was given. */
static const char *
absolute(struct issue *is, const char *url)
{
	if (url != NULL && !url_scheme_ok(url))
		return "";	/* no URL a reader would run (quire-ir.5) */
	if (base_url == NULL || url == NULL || *url == '\0' ||
	    url_has_scheme(url))
		return url;
	buf_reset(&is->tmp);
	url_resolve(is->permalink.p, url, &is->tmp);
	return is->tmp.p;
}

/* The plain text of a node's inline content, for an excerpt. */
static void
plain_text(cmark_node *n, struct buf *b)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *cur;
	const char *lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cur = cmark_iter_get_node(it);
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(cur)) != NULL)
				buf_adds(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* A name that starts with a Jekyll date, "YYYY-MM-DD-". */
static int
name_date_like(const char *s)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	return s[10] == '-';
}

static int ref_permalink(const char *, struct buf *);

/*
 * The URL of a document of a Jekyll collection that is not here
 * ("_docs/history.md", as {% link %} names it), appended to out: the
 * collection's permalink from the site file (collections.NAME.permalink)
 * with :collection, :path, :name and :output_ext filled in, else
 * Jekyll's default "/:collection/:path:output_ext"; joined to -b.
 * Returns 0, or -1 when ref[0..n) names no collection's document or
 * the site is not Jekyll's.
 */
static int
collection_url(const char *ref, size_t n, struct buf *out)
{
	struct buf key = BUF_INIT, path = BUF_INIT;
	const struct fm_node *v;
	const char *pat, *name, *dot, *p, *sl;
	size_t nname, npath;

	if (*ref == '/')
		ref++, n--;
	if (layout.gen != PL_GEN_JEKYLL || n < 3 || *ref != '_' ||
	    (sl = memchr(ref, '/', n)) == NULL || sl == ref + 1)
		return -1;
	if (((size_t)(sl - ref) == 6 && strncmp(ref, "_posts", 6) == 0) ||
	    ((size_t)(sl - ref) == 7 && strncmp(ref, "_drafts", 7) == 0))
		return -1;
	name = ref + 1;
	nname = (size_t)(sl - name);
	/* :path: below the collection's folder, without the suffix. */
	p = sl + 1;
	npath = n - (size_t)(p - ref);
	for (dot = p + npath; dot > p && dot[-1] != '.' && dot[-1] != '/'; )
		dot--;
	if (dot > p && dot[-1] == '.')
		npath = (size_t)(dot - 1 - p);
	buf_adds(&key, "collections.");
	buf_add(&key, name, nname);
	buf_adds(&key, ".permalink");
	pat = "/:collection/:path:output_ext";
	if (the_site != NULL && the_site->doc != NULL &&
	    (v = fm_path(fm_root(the_site->doc), key.p)) != NULL &&
	    v->type == FM_STR)
		pat = v->s;
	for (; *pat != '\0'; pat++) {
		if (strncmp(pat, ":collection", 11) == 0)
			buf_add(&path, name, nname), pat += 10;
		else if (strncmp(pat, ":path", 5) == 0)
			buf_add(&path, p, npath), pat += 4;
		else if (strncmp(pat, ":output_ext", 11) == 0)
			buf_adds(&path, ".html"), pat += 10;
		else if (strncmp(pat, ":name", 5) == 0) {
			sl = p + npath;
			while (sl > p && sl[-1] != '/')
				sl--;
			buf_add(&path, sl, (size_t)(p + npath - sl));
			pat += 4;
		} else
			buf_addc(&path, *pat);
	}
	path_escape(&path);
	if (base_url != NULL)
		url_join(base_url, path.p, out);
	else
		buf_add(out, path.p, path.n);
	buf_free(&key);
	buf_free(&path);
	return 0;
}

/* Nonzero if path names a regular file. */
static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Nonzero if path names a folder (not through a symbolic link). */
static int
is_dir(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* How deep below the content root ref_walk() looks. */
#define REF_DEPTH	8

/*
 * Look for the file rel[0..n) names below the folder base ("" for the
 * current one): NAME itself, else NAME with a Markdown suffix, else the
 * page bundle NAME/index, else the section NAME/_index, with one.
 * Returns 0 with the path in file, or -1.
 */
static int
ref_try(const char *base, const char *rel, size_t n, struct buf *file)
{
	static const char *const forms[] = { "", "/index", "/_index" };
	size_t i, k, len;

	buf_reset(file);
	if (*base != '\0') {
		buf_adds(file, base);
		buf_addc(file, '/');
	}
	buf_add(file, rel, n);
	if (is_file(file->p))
		return 0;
	len = file->n;
	for (k = 0; k < sizeof(forms) / sizeof(forms[0]); k++)
		for (i = 0; pl_md_suffix[i] != NULL; i++) {
			file->n = len;
			buf_adds(file, forms[k]);
			buf_adds(file, pl_md_suffix[i]);
			if (is_file(file->p))
				return 0;
		}
	return -1;
}

/*
 * Hugo's last resort for a relative reference, "the rest of the site":
 * ref_try() below every folder under dir, to depth levels.  Counts the
 * matches in *nfound, the first in file (the walk's order does not matter:
 * only a single match is taken).
 */
static void
ref_walk(const char *dir, const char *rel, size_t n, int depth,
    struct buf *file, int *nfound)
{
	struct buf sub = BUF_INIT, got = BUF_INIT;
	struct dirent *d;
	DIR *dp;

	if (depth <= 0 || *nfound > 1 || (dp = opendir(dir)) == NULL)
		return;
	while (*nfound <= 1 && (d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		buf_reset(&sub);
		buf_adds(&sub, dir);
		buf_addc(&sub, '/');
		buf_adds(&sub, d->d_name);
		if (!is_dir(sub.p))
			continue;
		if (ref_try(sub.p, rel, n, &got) == 0 && ++*nfound == 1) {
			buf_reset(file);
			buf_add(file, got.p, got.n);
		}
		ref_walk(sub.p, rel, n, depth - 1, file, nfound);
	}
	closedir(dp);
	buf_free(&sub);
	buf_free(&got);
}

/*
 * Jekyll's post_url for a dated name base at the end of ref[0..n):
 * "DIR/NAME" is DIR/_posts/NAME (a category folder) or _posts/DIR/NAME,
 * "/DIR/NAME" is _posts/DIR/NAME, a bare NAME is _posts/NAME or the one
 * NAME below _posts.  Returns 0 with the path in file, or -1.
 */
static int
post_url_find(const char *ref, size_t n, const char *base,
    struct buf *file)
{
	struct buf b = BUF_INIT;
	size_t nd = (size_t)(base - ref), nb = n - nd;
	int r = -1, nfound = 0;

	if (*ref == '/')
		ref++, nd--;
	if (nd > 0) {
		buf_add(&b, ref, nd);
		buf_adds(&b, "_posts");
		if (ref_try(b.p, base, nb, file) == 0)
			r = 0;
		buf_reset(&b);
	}
	buf_adds(&b, "_posts/");
	buf_add(&b, ref, nd + nb);
	if (r < 0 && ref_try("", b.p, b.n, file) == 0)
		r = 0;
	if (r < 0 && nd == 0 && is_dir("_posts")) {
		ref_walk("_posts", base, nb, REF_DEPTH, file, &nfound);
		r = nfound == 1 ? 0 : -1;
	}
	buf_free(&b);
	return r;
}

/*
 * The file a reference names, looked up as Hugo and Jekyll do: below
 * the content root (-r) when it starts with '/'; else below the current
 * folder (Jekyll's site root), the post's own folder, the content root,
 * then, when just one folder below the content root has it, that one
 * (Hugo's "rest of the site"); post_url's dated names are below
 * _posts/.  Returns 0 with its path in file, or -1 when no such file
 * is there.
 */
static int
ref_find(const struct issue *is, const char *ref, size_t n, struct buf *file)
{
	struct buf rel = BUF_INIT, dir = BUF_INIT;
	const char *slash, *s, *base;
	int r = -1, nfound = 0;

	/* The site's own files only: nothing above the folder given. */
	for (s = ref; s < ref + n; s += strcspn(s, "/") + 1)
		if (strncmp(s, "../", 3) == 0 || (s + 2 == ref + n &&
		    strncmp(s, "..", 2) == 0))
			return -1;
	base = ref + n;
	while (base > ref && base[-1] != '/')
		base--;
	if (name_date_like(base) && post_url_find(ref, n, base, file) == 0)
		return 0;
	if (*ref == '/') {
		buf_add(&rel, ref + 1, n - 1);
		r = ref_try(layout.root != NULL ? layout.root : "", rel.p,
		    rel.n, file);
		buf_free(&rel);
		return r;
	}
	buf_add(&rel, ref, n);
	if ((slash = strrchr(is->path, '/')) != NULL)
		buf_add(&dir, is->path, (size_t)(slash - is->path));
	if (ref_try("", rel.p, rel.n, file) == 0 ||
	    (dir.n > 0 && ref_try(dir.p, ref, n, file) == 0) ||
	    (layout.root != NULL && ref_try(layout.root, rel.p, rel.n,
	    file) == 0))
		r = 0;
	else if (layout.root != NULL) {
		ref_walk(layout.root, ref, n, REF_DEPTH, file, &nfound);
		r = nfound == 1 ? 0 : -1;
	}
	buf_free(&rel);
	buf_free(&dir);
	return r;
}

/*
 * The URL of the post a reference names (Hugo ref/relref "/dir/name",
 * Liquid link "_posts/2014-03-20-name.md", post_url "2013-05-06-name"),
 * joined to -b; *found tells whether ref_find() found its file.  When
 * that file is a post, the URL is the permalink its own front matter
 * gives (its date in the site's zone, slug, categories), as Hugo and
 * Jekyll link it.
 * Else it is the path the site's layout (permalink.c) gives a post at
 * that place, by its own section's pattern (Hugo): a reference
 * starting with '/' is below the content root (-r), else below the
 * current folder; a name without a suffix is taken as NAME.md, and
 * post_url's names are below _posts/.
 */
static char *
post_url(void *arg, const char *ref, int *found)
{
	struct buf b = BUF_INIT, path = BUF_INIT, file = BUF_INIT;
	struct pl_facts f;
	struct pl_post post;
	struct pl_site lay;
	const char *frag, *e, *why, *base;
	const struct issue *is = arg;
	int64_t t = 0;
	int from_name = 0;

	*found = 0;
	if (*ref == '#') {
		/* Hugo: "#anchor" is in the page itself. */
		*found = 1;
		buf_add(&b, is->permalink.p, is->permalink.n);
		buf_adds(&b, ref);
		return b.p;
	}
	frag = strchr(ref, '#');
	e = frag != NULL ? frag : ref + strlen(ref);
	while (e > ref && e[-1] == '/')
		e--;
	if (e == ref)
		return NULL;
	/*
	 * A post (0) or a page (1, the path its front matter gives when it
	 * gives one) is here; a draft or a post not published yet (2) is
	 * not here either.
	 */
	if (ref_find(is, ref, (size_t)(e - ref), &file) == 0 &&
	    (*found = ref_permalink(file.p, &b) < 2) && b.n > 0)
		goto done;
	if (collection_url(ref, (size_t)(e - ref), &b) == 0)
		goto done;
	buf_reset(&file);
	if (*ref == '/' && layout.root != NULL) {
		buf_adds(&file, layout.root);
		buf_add(&file, ref, (size_t)(e - ref));
	} else {
		if (strchr(ref, '/') == NULL && name_date_like(ref))
			buf_adds(&file, "_posts/");
		buf_add(&file, ref + (*ref == '/'), (size_t)(e - ref) -
		    (*ref == '/'));
	}
	base = strrchr(file.p, '/');
	if (strchr(base != NULL ? base : file.p, '.') == NULL)
		buf_adds(&file, ".md");
	memset(&post, 0, sizeof(post));
	if (pl_facts_init(&f, file.p, *ref == '/' ? layout.root : NULL,
	    &why) < 0 || *f.name == '\0') {
		pl_facts_free(&f);
		buf_free(&file);
		return NULL;
	}
	post.f = &f;
	/* Hugo: the pattern of the section the file is in, as identity(). */
	lay = is->lay;
	if (by_section != NULL && f.has_root)
		lay.pattern = section_pattern(&f);
	/* Hugo: a dated pattern without a date would say 1970; a page
	 * not here most likely has its section's default path. */
	if (pl_path_date(&f, NULL, &t, &from_name) == 0) {
		post.date = t;
		post.date_from_name = from_name;
	} else if (by_section != NULL) {
		lay.pattern = NULL;
	}
	if (pl_site_path(&lay, &post, NULL, &path, &why) < 0 ||
	    path.n == 0) {
		pl_facts_free(&f);
		buf_free(&file);
		buf_free(&path);
		return NULL;
	}
	if (base_url != NULL && !url_has_scheme(path.p))
		url_join(base_url, path.p, &b);
	else
		buf_adds(&b, path.p);
	pl_facts_free(&f);
	buf_free(&path);
done:
	if (frag != NULL)
		buf_adds(&b, frag);
	buf_free(&file);
	return b.p;
}

/* A front matter value that is text (Hugo's param), or NULL. */
static char *
param(void *arg, const char *name)
{
	struct issue *is = arg;
	const struct fm_node *v;

	if (is->doc == NULL || (v = fm_path(fm_root(is->doc), name)) == NULL ||
	    v->type != FM_STR)
		return NULL;
	return xstrdup(v->s);
}

/* A key of the site's configuration (Liquid's {{ site.KEY }}), or NULL. */
static char *
site_value(void *arg, const char *key)
{
	const struct fm_node *v;

	(void)arg;
	if (the_site == NULL || the_site->doc == NULL ||
	    (v = fm_path(fm_root(the_site->doc), key)) == NULL ||
	    v->type != FM_STR)
		return NULL;
	return xstrdup(v->s);
}

/*
 * A trailing "{#id}" of a heading's last text: taken off the tree and
 * returned (malloc'ed), or NULL.  htmlpass.c reads it the same way.
 */
static char *
heading_id(cmark_node *h)
{
	cmark_node *n = h, *t = NULL;
	const char *s, *o;
	size_t len;
	char *id, *rest;

	/* The last text node below h. */
	while ((n = cmark_node_last_child(n)) != NULL) {
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT) {
			t = n;
			break;
		}
	}
	if (t == NULL || (s = cmark_node_get_literal(t)) == NULL)
		return NULL;
	len = strlen(s);
	while (len > 0 && strchr(" \t\n", s[len - 1]) != NULL)
		len--;
	if (len < 4 || s[len - 1] != '}')
		return NULL;
	for (o = s + len - 1; o > s && o[-1] != '{'; o--)
		;
	if (o == s || *o != '#' || o + 1 >= s + len - 1 ||
	    strcspn(o + 1, " \t\n{}") != (size_t)(s + len - 1 - o - 1))
		return NULL;
	id = xstrndup(o + 1, (size_t)(s + len - 1 - o - 1));
	o--;
	while (o > s && strchr(" \t\n", o[-1]) != NULL)
		o--;
	rest = xstrndup(s, (size_t)(o - s));
	cmark_node_set_literal(t, rest);
	free(rest);
	return id;
}

struct rawnote {
	struct sitemd *m;
	const char    *lit;
	unsigned long  line;	/* of the node's first line, in m->o */
};

/* The summary's kind of a raw tag, or NULL (sitemd.c's own). */
static const struct msg_kind *
raw_kind(const char *tag)
{
	size_t i;

	for (i = 0; i < sizeof(raw_tags) / sizeof(raw_tags[0]); i++)
		if (strcmp(raw_tags[i], tag) == 0)
			return &raw_kinds[i];
	return NULL;
}

/* A note for raw HTML the HTML pass removes or replaces. */
static void
raw_note(void *arg, size_t off, const char *tag)
{
	struct rawnote *rn = arg;
	unsigned long line = rn->line;
	const char *p;

	for (p = rn->lit; p < rn->lit + off; p++)
		line += *p == '\n';
	smd_knote(rn->m, SMD_RAWHTML, raw_kind(tag), sitemd_line(rn->m, line),
	    "raw <%s> %s",
	    tag, tag[0] == 's' || tag[0] == 'n' ? "removed with its content" :
	    "replaced by a link to its source");
}

/*
 * cmark-gfm 0.29.0.gfm.6 parses inlines with a table of special
 * characters that is global to the library: each cmark_parser_finish()
 * adds its extensions' characters ('~' for strikethrough, ':' and 'w'
 * for autolinks) through cmark_manage_extensions_special_characters()
 * and takes them out again at its end, so that a thread finishing while
 * another parses inlines would leave "~~text~~" or "www.x.org" as plain
 * text.  Every parser of md2ir has the same extensions, so the table
 * can be set once and left alone: md2ir defines that function itself.
 * The library calls it through its PLT and the linker exports an
 * executable's definition of a symbol that a linked library defines, so
 * the library's calls reach this one, which forwards to the library's
 * own (found with dlsym(RTLD_NEXT)) until special_chars_fix() has set
 * the table, and does nothing after.  special_chars_fix() checks that
 * the calls do reach it; if not (a library linked with -Bsymbolic, say)
 * cmark_parser_finish() runs one thread at a time under cmark_lock.
 * post_inline_text()'s plain parses also see '~', ':' and 'w' as
 * special, which only splits their text nodes, and skip '~' beside an
 * emphasis delimiter, as a GFM parse does.
 */
typedef void manage_fn(cmark_parser *, int);
static manage_fn *manage_real;
static int special_fixed;		/* the table is set for good */
static int special_probe;		/* special_chars_fix()'s check ran */
static int cmark_serial;		/* the check failed: cmark_lock */
static pthread_mutex_t cmark_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int cmark_locked;	/* this thread holds it */

void
cmark_manage_extensions_special_characters(cmark_parser *parser, int add)
{
	if (special_fixed) {
		/* Set by the probe, before any thread: threads only read it. */
		if (!special_probe)
			special_probe = 1;
		return;
	}
	if (manage_real == NULL)
		manage_real = (manage_fn *)dlsym(RTLD_NEXT,
		    "cmark_manage_extensions_special_characters");
	if (manage_real != NULL)
		manage_real(parser, add);
}

/*
 * Set the special characters of exts[] for the rest of the run, then
 * check with one small parse that cmark_parser_finish() leaves them
 * alone.  Call once, after exts[] is filled and before any thread.
 */
static void
special_chars_fix(void)
{
	cmark_parser *p = cmark_parser_new(cmark_opts);
	cmark_node *doc;
	size_t i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(p, exts[i]);
	cmark_manage_extensions_special_characters(p, 1);
	special_fixed = manage_real != NULL;
	cmark_parser_feed(p, "~~x~~\n", 6);
	doc = cmark_parser_finish(p);
	cmark_node_free(doc);
	cmark_parser_free(p);
	if (!special_probe) {
		special_fixed = 0;
		cmark_serial = 1;
	}
}

/*
 * The value of the numeric character reference or the "&Hat;" at s
 * (after its '&'), up to end; -1 when there is none.
 */
static long
charref(const char *s, const char *end)
{
	const char *p = s;
	long v = 0;
	int hex, d, nd = 0;

	if (end - s >= 4 && memcmp(s, "Hat;", 4) == 0)
		return '^';
	if (p >= end || *p++ != '#')
		return -1;
	hex = p < end && (*p == 'x' || *p == 'X');
	p += hex;
	/* CommonMark: 1 to 7 decimal digits, 1 to 6 hexadecimal. */
	for (; p < end && nd < (hex ? 6 : 7); p++, nd++) {
		d = url_hexval((unsigned char)*p);
		if (d < 0 || (!hex && d > 9))
			break;
		v = v * (hex ? 16 : 10) + d;
	}
	return nd > 0 && p < end && *p == ';' ? v : -1;
}

/*
 * Whether cmark-gfm may look for footnotes in the Markdown md[0..n).
 * A footnote reference or definition starts with "[^": without one
 * there is nothing to find, and the parse skips cmark-gfm's two walks
 * of the tree for footnotes.  cmark-gfm 0.29.0.gfm.6 also takes for a
 * footnote reference a '[' followed by a '^' written as a backslash
 * escape or a character reference ("[\^1]", "[&#94;1]"), and copies
 * its label by source columns: after an escape the label gains a ']',
 * and after a character reference it is read past the decoded '^',
 * from memory the parser has freed.  Read without footnotes, such a
 * bracket is the text it says.  So footnotes are off where there is no
 * "[^", and where there is a '^' character reference after a '['; then
 * *at is the offset of that '[' if there is a "[^" too (footnotes
 * lost), else n.
 */
static int
footnotes_ok(const char *md, size_t n, size_t *at)
{
	const char *p = md, *end = md + n;
	int has = 0;

	*at = n;
	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		if (++p >= end)
			break;
		if (*p == '^')
			has = 1;
		else if (*at == n && *p == '&' && charref(p + 1, end) == '^')
			*at = (size_t)(p - 1 - md);
	}
	if (!has || *at == n) {
		*at = n;
		return has;
	}
	return 0;
}

static cmark_node *
parser_finish(cmark_parser *parser)
{
	cmark_node *doc;

	if (!cmark_serial)
		return cmark_parser_finish(parser);
	pthread_mutex_lock(&cmark_lock);
	cmark_locked = 1;
	doc = cmark_parser_finish(parser);
	cmark_locked = 0;
	pthread_mutex_unlock(&cmark_lock);
	return doc;
}

/*
 * What cmark-gfm may allocate, in all, for n bytes of Markdown
 * (arena_arm()): 16 MiB and 4 KiB a byte, at most 1 GiB.  The posts of
 * every corpus here take at most 80 bytes a byte (1.7 MB for the
 * largest, 125 KB); the densest Markdown tried, 2 KB a byte (e-mail
 * addresses, each an autolink), 260 (table cells); the quadratic paths
 * it stops, 30,000 and more at 40 KB, and growing with the size.
 */
#define CMARK_BUDGET(n)	((n) < ((1UL << 30) - (16UL << 20)) / 4096 ? \
	(16UL << 20) + 4096UL * (n) : 1UL << 30)

/*
 * The tree of md[0..n) with parser, or NULL when cmark-gfm would
 * allocate more than budget bytes (the parser is then unusable; its
 * memory is the arena's).
 */
static cmark_node *
parse_capped(cmark_parser *parser, const char *md, size_t n, size_t budget)
{
	jmp_buf bail;
	cmark_node *doc;

	if (setjmp(bail) != 0) {
		if (cmark_locked) {
			cmark_locked = 0;
			pthread_mutex_unlock(&cmark_lock);
		}
		return NULL;
	}
	arena_arm(&bail, budget);
	cmark_parser_feed(parser, md, n);
	doc = parser_finish(parser);
	arena_disarm();
	return doc;
}

/* cmark_render_html() of doc, or NULL past budget (parse_capped()). */
static char *
render_capped(cmark_node *doc, cmark_parser *parser, size_t budget)
{
	jmp_buf bail;
	char *html;

	if (setjmp(bail) != 0)
		return NULL;
	arena_arm(&bail, budget);
	html = cmark_render_html(doc, cmark_opts,
	    cmark_parser_get_syntax_extensions(parser));
	arena_disarm();
	return html;
}

/*
 * Nonzero if only blank raw HTML blocks stand before the block n at
 * the top of its document (the HTML parser drops white space there).
 */
static int
lead_blank(cmark_node *n)
{
	const char *lit;

	if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK ||
	    cmark_node_get_type(cmark_node_parent(n)) != CMARK_NODE_DOCUMENT)
		return 0;
	for (n = cmark_node_previous(n); n != NULL; n = cmark_node_previous(n))
		if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK ||
		    (lit = cmark_node_get_literal(n)) == NULL ||
		    lit[strspn(lit, " \t\r\n")] != '\0')
			return 0;
	return 1;
}

/*
 * Nonzero if cmark-gfm writes the URL u as it is (its href escaping
 * leaves alphanumerics and these alone, and the HTML escapes of '&' and
 * '\'' read back as they were): then the HTML pass, which checks the
 * scheme of what cmark-gfm wrote, checks what absolute() checked.
 */
static int
url_as_written(const char *u)
{
	for (; *u != '\0'; u++)
		if (!(*u >= 'a' && *u <= 'z') && !(*u >= 'A' && *u <= 'Z') &&
		    !(*u >= '0' && *u <= '9') &&
		    strchr("-_.+!*'(),%#@?=;:/&$~", *u) == NULL)
			return 0;
	return 1;
}

/*
 * Nonzero if the block n holds no raw HTML, heading or footnote, no
 * link in a link (an autolink in a link's text: cmark-gfm writes an <a>
 * in an <a>, which the HTML parser takes apart), and no link or image
 * whose URL cmark-gfm escapes.
 */
static int
keepable(cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *c;
	int ok = 1, links = 0;

	while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_LINK:
			if (ev == CMARK_EVENT_EXIT)
				links--;
			else if (links++ > 0 ||
			    !url_as_written(cmark_node_get_url(c)))
				ok = 0;
			break;
		case CMARK_NODE_IMAGE:
			if (ev == CMARK_EVENT_ENTER &&
			    !url_as_written(cmark_node_get_url(c)))
				ok = 0;
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_FOOTNOTE_REFERENCE:
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			ok = 0;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return ok;
}

/* The rendered HTML marks a run of kept blocks: "\uFDD2\n" before it, "\uFDD3\n" after. */
static const char KEEP_START[] = "\xef\xb7\x92\n", KEEP_END[] = "\xef\xb7\x93\n";

/*
 * Before each run of top-level blocks of doc that keepable() passes
 * (after the first block, which opens the HTML parser's body), an HTML
 * block KEEP_START, and after it KEEP_END.  Their number.
 */
static size_t
keep_mark(cmark_node *doc, cmark_mem *mem)
{
	cmark_node *n, *m;
	size_t k = 0;
	int in_run = 0;

	if ((n = cmark_node_first_child(doc)) == NULL)
		return 0;
	for (n = cmark_node_next(n);; n = cmark_node_next(n)) {
		if (n != NULL && keepable(n) == in_run)
			continue;
		if (n == NULL && !in_run)
			break;
		m = cmark_node_new_with_mem(CMARK_NODE_HTML_BLOCK, mem);
		cmark_node_set_literal(m, in_run ? KEEP_END : KEEP_START);
		if (n != NULL)
			cmark_node_insert_before(n, m);
		else
			cmark_node_append_child(doc, m);
		k++;
		in_run = !in_run;
		if (n == NULL)
			break;
	}
	return k;
}

/*
 * Split the HTML that keep_mark()'s nmarks marks went into: plain gets
 * it without them, and the ranges of plain between them, two offsets a
 * run (malloc'ed).  NULL when the HTML holds U+FDD2 or U+FDD3 of its
 * own, which the marks cannot be told apart from (render() marks only
 * Markdown that htmlpass_keep_clash() passes).
 */
static size_t *
keep_split(const char *html, size_t nmarks, struct buf *plain)
{
	const char *p = html, *q;
	size_t *keep = xreallocarray(NULL, nmarks, sizeof(*keep)), k = 0;

	for (q = html; (q = strstr(q, "\xef\xb7")) != NULL; q += 2) {
		if (q[2] != '\x92' && q[2] != '\x93')
			continue;
		if (k == nmarks || memcmp(q, k % 2 == 0 ? KEEP_START : KEEP_END,
		    4) != 0) {
			free(keep);
			return NULL;
		}
		buf_add(plain, p, (size_t)(q - p));
		keep[k++] = plain->n;
		p = q + 4;
		q += 2;
	}
	buf_adds(plain, p);
	if (k != nmarks) {
		free(keep);
		return NULL;
	}
	return keep;
}

/*
 * Give back what render() holds once its HTML is made: the arena
 * (tree, parser, cmark-gfm's HTML), the ids and texts of nh headings,
 * the headings and the buffer b.
 */
static void
render_free(char **given, char **texts, size_t nh, cmark_node **heads,
    struct buf *b)
{
	size_t i;

	arena_end();
	for (i = 0; given != NULL && i < nh; i++) {
		free(given[i]);
		free(texts[i]);
	}
	free(given);
	free(texts);
	free(heads);
	buf_free(b);
}

/*
 * Render the body: the site Markdown pass (sitemd.c), cmark-gfm, the
 * HTML pass (htmlpass.c) that also makes URLs absolute with -b; the
 * excerpt when there is no summary: the text before a summary marker,
 * else the first paragraph.  *text is the Markdown for field 16 when
 * the site Markdown pass changed anything (malloc'ed), else NULL.
 */
static char *
render(struct issue *is, int want_excerpt, char **text)
{
	cmark_parser *parser;
	cmark_node *doc, *cur;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node_type t;
	struct sitemd m;
	struct htmlpass hp;
	struct rawnote rn;
	struct htmlpass_tags tags;
	struct buf out = BUF_INIT, ht = BUF_INIT;
	const char *lit, *url, *abs, *canon, *md;
	char *html, **given = NULL, **texts = NULL;
	cmark_node **heads = NULL;
	cmark_mem *mem;
	size_t i, nh = 0, mdn, at, nmarks, *keep = NULL;
	int done = 0, raw = 0, nraw, opts = cmark_opts;

	memset(&m, 0, sizeof(m));
	memset(&tags, 0, sizeof(tags));
	m.file = is->name;
	m.line0 = line_of(&is->src, is->body);
	m.site_url = base_url;
	m.baseurl = baseurl != NULL ? baseurl : "";
	m.excerpt_sep = excerpt_sep;
	m.post_url = post_url;
	m.param = param;
	m.site_value = site_value;
	m.arg = is;
	sitemd_pre(&m, is->src.p + is->body, is->src.n - is->body);
	md = m.same ? is->src.p + is->body : m.o.b.p != NULL ? m.o.b.p : "";
	mdn = m.same ? is->src.n - is->body : m.o.b.n;
	if (!footnotes_ok(md, mdn, &at))
		opts &= ~CMARK_OPT_FOOTNOTES;
	if (at < mdn)
		msg_err(is->name, sitemd_line(&m, line_of_text(md, at)),
		    "footnotes not parsed: cmark-gfm reads freed memory "
		    "for a '^' character reference after this '['");

	/* Parser, tree and HTML in the issue's arena, dropped at once. */
	parser = cmark_parser_new_with_mem(opts, mem = arena_begin());
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(parser, exts[i]);
	if ((doc = parse_capped(parser, md, mdn, CMARK_BUDGET(mdn))) == NULL)
		goto toobig;

	/* Notes for raw HTML; the text before the summary marker. */
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cur = cmark_iter_get_node(it);
		t = cmark_node_get_type(cur);
		if (ev == CMARK_EVENT_EXIT) {
			if (want_excerpt && m.has_marker && !done &&
			    (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
			    t == CMARK_NODE_ITEM || t == CMARK_NODE_CODE_BLOCK))
				buf_addc(&is->summary, ' ');
			continue;
		}
		lit = cmark_node_get_literal(cur);
		switch (t) {
		case CMARK_NODE_HEADING:
			heads = xreallocarray(heads, nh + 1, sizeof(*heads));
			heads[nh++] = cur;
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			url = cmark_node_get_url(cur);
			abs = absolute(is, url);
			if (abs != url)
				cmark_node_set_url(cur, abs);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			nraw = raw;
			raw = 1;
			if (lit == NULL)
				break;
			rn.m = &m;
			rn.lit = lit;
			rn.line = (unsigned long)cmark_node_get_start_line(cur) -
			    1;
			if (!(cmark_opts & CMARK_OPT_UNSAFE))
				break;
			htmlpass_scan(lit, raw_note, &rn);
			if (m.has_marker && strstr(lit, SMD_SENTINEL) != NULL)
				done = 1;
			/* Comments alone need no HTML parser: they go. */
			if (htmlpass_comments_only(lit, &ht)) {
				/* The parser keeps no white space first. */
				cmark_node_set_literal(cur, lead_blank(cur) ?
				    "" : ht.p);
				raw = nraw;
			} else if (t == CMARK_NODE_HTML_INLINE && (canon =
			    htmlpass_inline(&tags, cmark_node_parent(cur),
			    lit)) != NULL) {
				/* Plain phrasing elements: as they are. */
				if (canon != lit)
					cmark_node_set_literal(cur, canon);
				raw = nraw;
			}
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (want_excerpt && m.has_marker && !done && lit != NULL)
				buf_adds(&is->summary, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			if (want_excerpt && m.has_marker && !done)
				buf_addc(&is->summary, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	if (!htmlpass_inline_done(&tags))
		raw = 1;
	if (want_excerpt && !m.has_marker) {
		for (cur = cmark_node_first_child(doc); cur != NULL;
		    cur = cmark_node_next(cur))
			if (cmark_node_get_type(cur) == CMARK_NODE_PARAGRAPH) {
				plain_text(cur, &is->summary);
				break;
			}
	}
	if (!raw && nh > 0) {
		/* No raw HTML: heading ids from the tree, no HTML parser. */
		given = xcalloc(nh, sizeof(*given));
		texts = xcalloc(nh, sizeof(*texts));
		for (i = 0; i < nh; i++) {
			given[i] = heading_id(heads[i]);
			buf_reset(&ht);
			plain_text(heads[i], &ht);
			texts[i] = xstrndup(ht.p != NULL ? ht.p : "", ht.n);
		}
	}
	if ((html = render_capped(doc, parser, CMARK_BUDGET(mdn))) == NULL)
		goto toobig;
	/*
	 * With raw HTML, the blocks without any pass the parser whole:
	 * where they are, a second rendering with marks around them tells,
	 * outside the budget (the first rendering is the one it judges),
	 * when the text cannot hold the marks.  It must give the same HTML
	 * once the marks are out.
	 */
	if (raw && (cmark_opts & CMARK_OPT_UNSAFE) &&
	    !htmlpass_keep_clash(md, mdn) &&
	    (nmarks = keep_mark(doc, mem)) > 0) {
		buf_reset(&ht);
		keep = keep_split(cmark_render_html(doc, cmark_opts,
		    cmark_parser_get_syntax_extensions(parser)), nmarks, &ht);
		if (keep != NULL && (ht.n != strlen(html) ||
		    memcmp(ht.p, html, ht.n) != 0)) {
			free(keep);
			keep = NULL;
		}
	}
	memset(&hp, 0, sizeof(hp));
	hp.base = base_url != NULL ? is->permalink.p : NULL;
	if (keep != NULL)
		htmlpass_run_kept(&hp, html, ht.n, keep, nmarks / 2, &out);
	else if (raw)
		htmlpass_run(&hp, html, strlen(html), &out);
	else
		htmlpass_plain(&hp, html, given, texts, nh, &out);
	render_free(given, texts, nh, heads, &ht);
	free(keep);
	*text = NULL;
	for (i = 0; i < SMD_RAWHTML; i++)
		if (m.expanded[i] > 0 || m.dropped[i] > 0)
			break;
	if (i < SMD_RAWHTML) {
		/* The same pass again, for a text reader; its notes are out. */
		struct sitemd mt = m;

		memset(&mt.expanded, 0, sizeof(mt.expanded));
		memset(&mt.dropped, 0, sizeof(mt.dropped));
		memset(&mt.a, 0, sizeof(mt.a));
		memset(&mt.o, 0, sizeof(mt.o));
		mt.has_marker = 0;
		mt.miss = 0;
		mt.nasides = mt.ncstack = 0;
		mt.quiet = 1;
		mt.text = 1;
		sitemd_pre(&mt, is->src.p + is->body, is->src.n - is->body);
		*text = xstrndup(mt.o.b.p, mt.o.b.n);
		sitemd_free(&mt);
	}
	sitemd_free(&m);
	return out.p != NULL ? out.p : xstrdup("");

toobig:
	render_free(given, texts, nh, heads, &ht);
	sitemd_free(&m);
	*text = NULL;
	fail(is, m.line0, "cmark-gfm would allocate more than %lu MB for "
	    "this Markdown, which takes it time or memory growing with the "
	    "square of its length (md2ir(1), LIMITS)",
	    (unsigned long)(CMARK_BUDGET(mdn) >> 20));
	return NULL;
}

/* Nonzero if a folder of path (not its file name) is called name. */
static int
in_folder(const char *path, const char *name)
{
	const char *s, *e;
	size_t n = strlen(name);

	for (s = path; (e = strchr(s, '/')) != NULL; s = e + 1)
		if ((size_t)(e - s) == n && strncmp(s, name, n) == 0)
			return 1;
	return 0;
}

/*
 * The layout rules before the file is read (permalink.c): a file its
 * generator never publishes as a post is skipped with one note; a file
 * outside the content root is an error.  0 for a post; else nonzero,
 * with is->skip set for a skip.
 */
static int
layout_check(struct issue *is)
{
	const char *why;
	enum pl_kind k;

	if (pl_facts_init(&is->facts, is->path, layout.root, &why) < 0)
		return fail(is, 0, "%s %s", why, layout.root);
	k = pl_classify_file(&is->facts, is->path, &why);
	if (k == PL_POST || (k == PL_DRAFT && with_drafts))
		return 0;
	/* A file that is not there is reported as such by load(). */
	if (strcmp(is->path, "-") != 0 && access(is->path, F_OK) != 0)
		return 0;
	msg_knote(&skip_kinds[k == PL_SECTION ? SK_SECTION :
	    k == PL_ROOT_INDEX ? SK_INDEX : k == PL_PAGE ? SK_PAGE :
	    k == PL_RESOURCE ? SK_RESOURCE : k == PL_DRAFT ? SK_DRAFT :
	    SK_HIDDEN], is->name, 0, "%s: skipped%s", why, k == PL_DRAFT ?
	    " (-d includes drafts)" : "");
	is->skip = 1;
	return 1;
}

/* The date as written under the first date key (post.c's order), for
 * the zone it names; NULL when there is none. */
static const char *
date_written(struct issue *is)
{
	static const char *const keys[] = {
		"date", "pubDate", "publishDate", "published", NULL
	};
	const struct fm_node *v;
	int i;

	for (i = 0; keys[i] != NULL; i++)
		if ((v = fm_get(fm_root(is->doc), keys[i])) != NULL &&
		    v->type == FM_STR)
			return v->s;
	return NULL;
}

/*
 * Hugo's scheduled and expired posts, only against --now or
 * SOURCE_DATE_EPOCH: publishDate (else the date) after now, or
 * expiryDate before it.  Returns 1 after the note for a skipped post,
 * else 0.
 */
static int
scheduled(struct issue *is)
{
	const struct post *p = &is->post;
	const struct fm_node *v;
	const char *why;
	int64_t expiry = p->expiry;
	int has_expiry = p->has_expiry;

	if (!has_now)
		return 0;
	/* Hugo's other name for expiryDate. */
	if (!has_expiry && (v = fm_get(fm_root(is->doc),
	    "unpublishDate")) != NULL && v->type == FM_STR &&
	    date_parse_in(v->s, popts.zone, &expiry) == 0)
		has_expiry = 1;
	why = pl_scheduled(1, p->has_publish ? p->publish : is->date,
	    has_expiry, expiry, now);
	if (why == NULL)
		return 0;
	msg_knote(&skip_kinds[strncmp(why, "expired", 7) == 0 ?
	    SK_EXPIRED : SK_SCHEDULED], is->name, 0, "%s: skipped", why);
	is->skip = 1;
	return 1;
}

/* The error for an id an earlier issue of this run has; -1. */
static int
id_duplicate(struct issue *is)
{
	/* The id comes from the input: shown, never echoed raw. */
	buf_reset(&is->tmp);
	fm_show(&is->tmp, is->id.p, is->id.n, 300);
	return fail(is, 0, "duplicate id '%s': an earlier issue of this run "
	    "has it", is->tmp.p);
}

/* The issue's id, new to this run; else an error. */
static int
id_unique(struct issue *is)
{
	return idset_add(&ids, is->id.p, is->id.n) ? 0 : id_duplicate(is);
}

/*
 * Jekyll's title for a dated post without one (Utils.titleize_slug):
 * the name's words, split at '-', each with its first letter in capitals
 * and the rest in small letters ("no-title" is "No Title"); malloc'ed.
 */
static char *
titleize(const char *slug)
{
	char *t = xstrdup(slug), *s;
	int start = 1;

	for (s = t; *s != '\0'; s++) {
		if (*s == '-') {
			*s = ' ';
			start = 1;
		} else {
			if (*s >= 'a' && *s <= 'z' && start)
				*s = (char)(*s - 'a' + 'A');
			else if (*s >= 'A' && *s <= 'Z' && !start)
				*s = (char)(*s - 'A' + 'a');
			start = 0;
		}
	}
	return t;
}

/*
 * Jekyll's categories from folders: those above _posts, below the site
 * (the folder of -c's file, else the current one), come first, then the
 * front matter's ("movies/horror/_posts/x.md" is in movies and horror).
 * A path that is not below the site gives none.
 */
static void
folder_categories(struct post *p, const char *path)
{
	const char *site = the_site != NULL ? the_site->dir : NULL;
	const char *s, *e, *top = path;
	char **v = NULL;
	size_t n = 0, i, len;

	for (s = path; (s = strstr(s, "_posts/")) != NULL; s++)
		if (s == path || s[-1] == '/')
			break;
	if (s == NULL || s == path)
		return;
	if (site != NULL && strcmp(site, ".") != 0) {
		len = strlen(site);
		if (strncmp(path, site, len) != 0 || path[len] != '/')
			return;
		top = path + len + 1;
	}
	if (*top == '/')
		return;
	for (; top < s; top = e + 1) {
		e = strchr(top, '/');
		len = (size_t)(e - top);
		if (len == 0 || (len == 1 && *top == '.'))
			continue;
		if (len == 2 && top[0] == '.' && top[1] == '.')
			goto none;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = xstrndup(top, len);
	}
	if (n == 0)
		return;
	for (i = 0; i < p->ncats; i++) {
		for (len = 0; len < n; len++)
			if (strcmp(v[len], p->cats[i]) == 0)
				break;
		if (len < n) {
			free(p->cats[i]);
			continue;
		}
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = p->cats[i];
	}
	free(p->cats);
	p->cats = v;
	p->ncats = n;
	return;
none:
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Pelican's defaults, for a file of its metadata lines when neither a
 * pattern nor a site file says otherwise: ARTICLE_URL "{slug}.html"
 * (the slug from the title), and USE_FOLDER_AS_CATEGORY: with no
 * Category line, the folder holding the file below the content root
 * (-r) is its category.
 */
static void
pelican_defaults(struct issue *is)
{
	struct post *p = &is->post;
	const char *d = is->facts.dirs, *last;

	if (layout.pattern == NULL) {
		is->lay.pattern = "{slug}.html";
		is->lay.style = PL_PELICAN;
	}
	if (p->ncats == 0 && is->facts.has_root && *d != '\0') {
		last = strrchr(d, '/');
		p->cats = xreallocarray(NULL, 1, sizeof(*p->cats));
		p->cats[0] = xstrdup(last != NULL ? last + 1 : d);
		p->ncats = 1;
	}
}

/*
 * The front half of convert(): the file read, its front matter mapped,
 * its date, path, permalink and id derived (identity()).  Returns 0 for
 * a post, 1 for a file skipped after its note (a draft, a scheduled or
 * template page, not a post), -1 after an error.
 */
static int
post_meta(struct issue *is)
{
	struct post *p = &is->post;
	const struct fm_node *v;
	const char *why;

	is->lay = layout;

	if (layout_check(is) != 0)
		return is->skip ? 1 : -1;
	if (load(is) < 0)
		return -1;
	if (fm_parse(is->sp.dialect, is->src.p + is->sp.off, is->sp.len,
	    is->sp.line, is->name, &is->doc) < 0)
		return -1;
	if (post_read(p, fm_root(is->doc), is->sp.dialect, is->name,
	    &popts) < 0)
		return -1;

	if (p->draft && !with_drafts) {
		msg_knote(&skip_kinds[SK_DRAFT], is->name, 0,
		    "a draft, skipped (-d includes drafts)");
		return 1;
	}
	if ((v = fm_get(fm_root(is->doc), "permalink")) != NULL &&
	    v->type == FM_STR && v->plain && strcasecmp(v->s, "false") == 0) {
		/* Eleventy writes no file for it: not published. */
		msg_knote(&skip_kinds[SK_NOFILE], is->name, v->line,
		    "permalink: false, a page its generator does not write: "
		    "skipped");
		return 1;
	}
	if (p->path != NULL && (strstr(p->path, "{{") != NULL ||
	    strstr(p->path, "{%") != NULL)) {
		/* Eleventy fills it in with its templates; md2ir cannot. */
		msg_knote(&template_permalink, is->name, v != NULL ? v->line :
		    0, "permalink '%s' is a template: the default path is "
		    "taken", p->path);
		free(p->path);
		p->path = NULL;
	}
	if (p->has_date) {
		is->date = p->date;
		is->datestr = date_written(is);
	} else if ((is->has_fdate = pl_path_date(&is->facts, p->path,
	    &is->fdate, &is->fdate_name) == 0)) {
		/* A day from the path is midnight in the site's zone. */
		is->date = is->fdate;
		if (popts.zone != NULL) {
			char day[DATE_IR_LEN];

			date_fmt_ir(is->fdate, day);
			day[10] = '\0';
			if (date_parse_in(day, popts.zone, &is->date) < 0)
				is->date = is->fdate;
		}
	} else if ((why = pl_untitled(p->title, 0)) != NULL) {
		msg_knote(&skip_kinds[SK_TEMPLATE], is->name, 0, "%s: skipped",
		    why);
		return 1;
	} else if (layout.gen == PL_GEN_HUGO || layout.gen == PL_GEN_ZOLA ||
	    (layout.gen == PL_GEN_JEKYLL && !in_folder(is->path, "_posts"))) {
		/*
		 * Hugo and Zola publish it undated, Jekyll as a page (its
		 * posts are those of _posts): in no feed of posts.
		 */
		msg_knote(&skip_kinds[SK_PAGE], is->name, 0, "a page without "
		    "a date, not a post: skipped");
		return 1;
	} else {
		return fail(is, 0, "no date: the front matter has no 'date', "
		    "and neither the file's name (YYYY-MM-DD-), its folders "
		    "(YYYY/MM/DD/) nor its path give one");
	}
	if (scheduled(is) != 0)
		return 1;
	if (is->sp.dialect == FM_META && layout.gen == PL_GEN_ANY)
		pelican_defaults(is);
	if (layout.gen == PL_GEN_ANY || layout.gen == PL_GEN_JEKYLL) {
		/* Jekyll's site file, or its _posts: an untitled link post
		 * of another generator keeps no title. */
		if (p->title == NULL && is->facts.has_name_date &&
		    (layout.gen == PL_GEN_JEKYLL || in_folder(is->path,
		    "_posts")))
			p->title = titleize(is->facts.name_rest);
		folder_categories(p, is->path);
	}
	return identity(is, p->path, p->slug, p->title, p->id) < 0 ? -1 : 0;
}

/* Map the front matter, render, and append one IR line to line. */
static int
convert(struct issue *is, struct buf *line)
{
	struct post *p = &is->post;
	const char *link, *img;
	const char *why;
	char d[DATE_IR_LEN], *html, *text;
	int r;

	if ((r = post_meta(is)) != 0)
		return r < 0 ? -1 : 0;
	if (!url_id_ok(is->id.p, is->id.n)) {
		/* The reader would refuse it (quire-ir.5): say so here. */
		buf_reset(&is->tmp);
		fm_show(&is->tmp, is->id.p, is->id.n, 300);
		return fail(is, 0, "the id '%s' is not an absolute URI: give "
		    "'id', 'slug' or -b", is->tmp.p);
	}
	if (threaded) {
		/* job_write() checks it in file order: for a duplicate,
		 * what this file says from here on is dropped. */
		is->has_id = 1;
		msg_capture_mark(&is->cap);
	} else if (id_unique(is) < 0) {
		return -1;
	}

	if (p->summary != NULL)
		buf_adds(&is->summary, p->summary);
	{	/* cmark-gfm's slow paths, refused first (limits.c) */
		size_t off;

		if ((why = limits_markdown(is->src.p + is->body,
		    is->src.n - is->body, &off)) != NULL)
			return fail(is, line_of(&is->src, is->body + off), "%s",
			    why);
	}
	if ((html = render(is, p->summary == NULL, &text)) == NULL)
		return -1;

	date_fmt_ir(is->date, d);
	buf_add(line, d, DATE_IR_LEN - 1);
	buf_addc(line, '\t');
	ir_put_line(line, is->id.p, is->id.n);
	buf_addc(line, '\t');
	if (p->title != NULL)
		ir_put_line(line, p->title, strlen(p->title));
	buf_addc(line, '\t');
	ir_put_line(line, is->permalink.p, is->permalink.n);
	buf_addc(line, '\t');
	if ((link = absolute(is, p->link)) != NULL)
		ir_put_line(line, link, strlen(link));
	buf_addc(line, '\t');
	if (is->summary.n > 0)
		ir_put_line(line, is->summary.p, is->summary.n);
	buf_addc(line, '\t');
	ir_put_list(line, (const char *const *)p->authors, p->nauthors);
	buf_addc(line, '\t');
	ir_put_list(line, (const char *const *)p->cats, p->ncats);
	buf_addc(line, '\t');
	ir_put_list(line, (const char *const *)p->tags, p->ntags);
	buf_addc(line, '\t');
	if ((img = absolute(is, p->image)) != NULL)
		ir_put_line(line, img, strlen(img));
	buf_addc(line, '\t');
	if (p->has_updated) {
		date_fmt_ir(p->updated, d);
		buf_add(line, d, DATE_IR_LEN - 1);
	}
	buf_addc(line, '\t');
	if (p->lang != NULL)
		ir_put_line(line, p->lang, strlen(p->lang));
	buf_addc(line, '\t');
	ir_put_source(line, is->path, strlen(is->path));
	buf_addc(line, '\t');
	if (p->extra.n > 0)
		buf_add(line, p->extra.p, p->extra.n);
	buf_addc(line, '\t');
	ir_put_text(line, html, strlen(html));
	buf_addc(line, '\t');
	if (text != NULL)
		ir_put_text(line, text, strlen(text));
	else
		ir_put_text(line, is->src.p + is->body, is->src.n - is->body);
	buf_addc(line, '\n');
	free(html);
	free(text);
	return 0;
}

/*
 * Free what converting is left but its id (and its messages): all that
 * writing it out needs (job_write()).  With -j, the thread that made
 * the rest frees it, in its own malloc arena.
 */
static void
issue_free_work(struct issue *is)
{
	pl_facts_free(&is->facts);
	buf_free(&is->src);
	buf_free(&is->pathv);
	buf_free(&is->permalink);
	buf_free(&is->summary);
	post_free(&is->post);
	fm_free(is->doc);
	is->doc = NULL;
}

static void
issue_free(struct issue *is)
{
	issue_free_work(is);
	buf_free(&is->id);
	buf_free(&is->tmp);
}

/*
 * -j N: N threads (the main thread and N - 1 more) convert files and
 * write them out in the order given.  Each takes the next file index
 * from a shared counter, at most WINDOW(N) files ahead of the first one
 * not yet written, so that memory stays flat with the number of files;
 * each file's IR line and messages (msg_capture) are kept in its slot
 * until written.  The thread that finishes a file writes it out if it
 * is the next one due, then each following file already finished, one
 * thread at a time (pool.writing): it checks each id against the run's
 * (idset), writes the messages and the line, and frees the slot.  No
 * thread waits for another unless the window is full, so a thread is
 * not woken for each file.  Thus output, messages, exit status and
 * duplicate-id decisions are those of -j 1, whatever the scheduling.
 */
#define WINDOW(n) (4 * (n))

struct job {
	struct issue is;
	struct buf   line;
	int          rc;		/* convert()'s */
	int          done;		/* converted, not yet written */
};

static struct pool {
	pthread_mutex_t  mu;
	pthread_cond_t   room;		/* a slot was freed */
	char           **files;
	size_t           n, next, written, window;
	int              writing;	/* a thread is writing slots out */
	long             nerr;
	FILE            *out;
	struct job      *slots;		/* file i in slots[i % window] */
} pool = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
	NULL, 0, 0, 0, 0, 0, 0, NULL, NULL };

/* Set up is for file path, before convert(). */
static void
issue_init(struct issue *is, const char *path)
{
	memset(is, 0, sizeof(*is));
	is->path = path;
	is->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/*
 * The path a page's front matter gives, permalink or url (not false,
 * not a template), its file read and parsed here if post_meta() skipped
 * it before; NULL when there is none.  Points into ref->doc.
 */
static const char *
page_path(struct issue *ref)
{
	static const char *const keys[] = { "permalink", "url" };
	const struct fm_node *v;
	size_t i;

	if (ref->doc == NULL && (load(ref) < 0 || fm_parse(ref->sp.dialect,
	    ref->src.p + ref->sp.off, ref->sp.len, ref->sp.line, ref->name,
	    &ref->doc) < 0))
		return NULL;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = fm_get(fm_root(ref->doc), keys[i])) != NULL &&
		    v->type == FM_STR && *v->s != '\0' &&
		    strstr(v->s, "{{") == NULL && strcasecmp(v->s, "false") != 0)
			return v->s;
	return NULL;
}

/*
 * The permalink of the post at path, for a reference to it (post_url()),
 * appended to out: its front matter read as convert() reads it, what
 * it says about it dropped.  Returns 0; 1 for a page, with the path its
 * front matter gives appended when it gives one ("permalink: /about/");
 * 2 for a draft or a post not published, or a file this run could not
 * convert (out unchanged).
 */
static int
ref_permalink(const char *path, struct buf *out)
{
	struct issue ref;
	struct msg_capture quiet, *prev;
	const struct msg_kind *k;
	const char *pp = NULL;
	struct buf b = BUF_INIT;
	int r;

	issue_init(&ref, path);
	memset(&quiet, 0, sizeof(quiet));
	prev = msg_capture_begin(&quiet);
	r = post_meta(&ref);
	k = quiet.nnotes > 0 ? quiet.notes[0] : NULL;
	if (r == 1 && (k == &skip_kinds[SK_DRAFT] ||
	    k == &skip_kinds[SK_SCHEDULED] || k == &skip_kinds[SK_EXPIRED] ||
	    k == &skip_kinds[SK_NOFILE]))
		r = 2;
	else if (r == 1)
		pp = page_path(&ref);
	msg_capture_begin(prev);
	msg_capture_drop(&quiet);
	if (r == 0) {
		buf_add(out, ref.permalink.p, ref.permalink.n);
	} else if (pp != NULL) {
		pl_fmpath(pp, &b);
		if (base_url != NULL && !url_has_scheme(b.p))
			url_join(base_url, b.p, out);
		else
			buf_add(out, b.p, b.n);
		buf_free(&b);
	}
	issue_free(&ref);
	return r < 0 ? 2 : r;
}

/* Write out the converted file of slot j, as -j 1 would, and free it. */
static void
job_write(struct job *j)
{
	if (j->is.has_id && !idset_add(&ids, j->is.id.p, j->is.id.n)) {
		/* As -j 1: what it said up to its id, then the error. */
		msg_capture_cut(&j->is.cap);
		msg_capture_flush(&j->is.cap);
		j->rc = id_duplicate(&j->is);
	} else {
		msg_capture_flush(&j->is.cap);
	}
	if (j->rc < 0)
		pool.nerr++;
	else if (j->line.n > 0)
		fwrite(j->line.p, 1, j->line.n, pool.out);
	buf_free(&j->line);
	buf_free(&j->is.id);
	buf_free(&j->is.tmp);
}

static void *
worker(void *arg)
{
	struct job *j;
	size_t i;

	(void)arg;
	pthread_mutex_lock(&pool.mu);
	for (;;) {
		while (pool.next < pool.n &&
		    pool.next >= pool.written + pool.window)
			pthread_cond_wait(&pool.room, &pool.mu);
		if (pool.next >= pool.n)
			break;
		i = pool.next++;
		pthread_mutex_unlock(&pool.mu);

		j = &pool.slots[i % pool.window];
		issue_init(&j->is, pool.files[i]);
		memset(&j->line, 0, sizeof(j->line));
		msg_capture_begin(&j->is.cap);
		j->rc = convert(&j->is, &j->line);
		msg_capture_end();
		issue_free_work(&j->is);

		pthread_mutex_lock(&pool.mu);
		j->done = 1;
		if (pool.writing)
			continue;	/* the writer will see it, under mu */
		pool.writing = 1;
		while (pool.written < pool.n &&
		    (j = &pool.slots[pool.written % pool.window])->done) {
			pthread_mutex_unlock(&pool.mu);
			job_write(j);
			pthread_mutex_lock(&pool.mu);
			j->done = 0;
			pool.written++;
			pthread_cond_broadcast(&pool.room);
		}
		pool.writing = 0;
	}
	pthread_mutex_unlock(&pool.mu);
	return NULL;
}

/*
 * Convert files[0..n) on jobs threads, this one among them, writing to
 * out; returns the number of files that failed.
 */
static long
convert_all(char **files, size_t n, size_t jobs, FILE *out)
{
	pthread_t *tids;
	size_t started;

	pool.files = files;
	pool.n = n;
	pool.next = pool.written = 0;
	pool.nerr = 0;
	pool.out = out;
	pool.window = WINDOW(jobs);
	pool.slots = xcalloc(pool.window, sizeof(*pool.slots));
	tids = xcalloc(jobs, sizeof(*tids));
	threaded = 1;
	/* A thread that cannot be started leaves its share to the others. */
	for (started = 0; started + 1 < jobs; started++)
		if (pthread_create(&tids[started], NULL, worker, NULL) != 0)
			break;
	worker(NULL);
	while (started > 0)
		pthread_join(tids[--started], NULL);
	threaded = 0;
	free(tids);
	free(pool.slots);
	pool.slots = NULL;
	return pool.nerr;
}

/* The N of -j N, 1 to MAX_JOBS; else 0. */
#define MAX_JOBS 1024
static size_t
jobs_arg(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > MAX_JOBS)
		return 0;
	return (size_t)v;
}

/*
 * The site configuration (site.c): -c FILE, else ./quire.yaml.  What
 * the options left open it fills: the base URL (-b), the content root
 * (-r), the permalink pattern (--permalink), the zone (--timezone) and
 * the author table (--authors).  The paths it makes are in *root and
 * *auth, for site_done().  Returns 0, or -1 after a message.
 */
static int
site_setup(struct site *s, const char *file, const char **authors_path,
    char **root, char **auth)
{
	if (site_load(s, file, NULL) < 0)
		return -1;
	the_site = s;
	if (base_url == NULL)
		base_url = s->url;
	if (excerpt_sep == NULL)
		excerpt_sep = s->excerpt_separator;
	/* Hugo's and Zola's "content" is only a default: it may be absent. */
	if (layout.root == NULL && s->content_dir != NULL) {
		*root = site_path(s, s->content_dir);
		if (access(*root, X_OK) == 0)
			layout.root = *root;
		else if (s->kind == SITE_QUIRE) {
			msg_err(s->path, 0, "content_dir: %s: %s", *root,
			    strerror(errno));
			return -1;
		}
	}
	popts.plain_utc = s->kind == SITE_JEKYLL;
	layout.gen = s->kind == SITE_JEKYLL ? PL_GEN_JEKYLL :
	    s->kind == SITE_HUGO ? PL_GEN_HUGO : s->kind == SITE_ZOLA ?
	    PL_GEN_ZOLA : PL_GEN_ANY;
	if (layout.pattern == NULL && s->permalink != NULL) {
		layout.pattern = s->permalink;
		layout.style = s->kind == SITE_JEKYLL ? PL_JEKYLL :
		    s->kind == SITE_HUGO ? PL_HUGO : PL_AUTO;
		if (s->permalink_section != NULL)
			by_section = s;
	}
	if (popts.zone == NULL && s->timezone != NULL) {
		if (!date_zone_ok(s->timezone)) {
			msg_err(s->path, 0, "timezone '%s' is not a zone of "
			    "the system's zoneinfo", s->timezone);
			return -1;
		}
		popts.zone = layout.zone = s->timezone;
	}
	if (*authors_path == NULL && s->authors_file != NULL)
		*authors_path = *auth = site_path(s, s->authors_file);
	return 0;
}

static void
site_done(struct site *s, char *root, char *auth)
{
	by_section = NULL;
	the_site = NULL;
	site_free(s);
	free(root);
	free(auth);
}

int
main(int argc, char *argv[])
{
	static const char *names[] = {
		/* No tagfilter: the HTML pass removes what it disarms. */
		"table", "strikethrough", "autolink", "tasklist"
	};
	static char *dash[] = { "-", NULL };
	struct buf line = BUF_INIT;
	struct authors *authors = NULL;
	struct issue is;
	const char *outpath = NULL, *authors_path = NULL, *site_file = NULL;
	const char *why;
	char *site_root = NULL, *site_authors = NULL;
	struct site site;
	size_t i, jobs;
	long n;
	FILE *out;
	int c, nerr = 0;

	msg_init(argc, argv, usage);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	jobs = n > 1 ? (size_t)n : 1;
	/* A clean slate, so that main can run again (the fuzz target). */
	memset(&popts, 0, sizeof(popts));
	memset(&layout, 0, sizeof(layout));
	has_now = 0;
	while ((c = msg_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case OPT_AUTHORS:
			authors_path = optarg;
			break;
		case OPT_TIMEZONE:
			if (!date_zone_ok(optarg)) {
				msg_err(NULL, 0, "--timezone: '%s' is not a "
				    "zone of the system's zoneinfo (an IANA "
				    "name such as Europe/Paris)", optarg);
				msg_usage();
			}
			popts.zone = optarg;
			layout.zone = optarg;
			break;
		case 'r':
			if (access(optarg, X_OK) != 0) {
				msg_err(NULL, 0, "-r: %s: %s", optarg,
				    strerror(errno));
				msg_usage();
			}
			layout.root = optarg;
			break;
		case OPT_PERMALINK:
			layout.pattern = optarg;
			break;
		case OPT_NOW:
			if (date_parse(optarg, &now) < 0) {
				msg_err(NULL, 0, "--now: cannot read the date "
				    "'%s'", optarg);
				msg_usage();
			}
			has_now = 1;
			break;
		case 'b':
			if ((why = url_base_why(optarg)) != NULL) {
				msg_err(NULL, 0, "-b: '%s' %s", optarg, why);
				msg_usage();
			}
			base_url = optarg;
			break;
		case 'c':
			site_file = optarg;
			break;
		case 'd':
			with_drafts = 1;
			break;
		case 'e':
			excerpt_sep = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'j':
			if ((jobs = jobs_arg(optarg)) == 0) {
				msg_err(NULL, 0, "-j: '%s' is not a number of "
				    "threads from 1 to %d", optarg, MAX_JOBS);
				msg_usage();
			}
			break;
		case 'S':
			cmark_opts &= ~CMARK_OPT_UNSAFE;
			break;
		default:
			msg_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (out_refuse_input(outpath, argc, argv) < 0)
		return EXIT_USAGE;
	if (!has_now && date_source_epoch(&now) == 0)
		has_now = 1;
	if (argc == 0) {
		argc = 1;
		argv = dash;
	}
	if (site_setup(&site, site_file, &authors_path, &site_root,
	    &site_authors) < 0) {
		site_done(&site, site_root, site_authors);
		return EXIT_DATA;
	}

	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((exts[i] = cmark_find_syntax_extension(names[i])) == NULL) {
			msg_err(NULL, 0, "cmark-gfm has no '%s' extension",
			    names[i]);
			site_done(&site, site_root, site_authors);
			return EXIT_DATA;
		}
	if (authors_path != NULL) {
		if (authors_load(authors_path, &authors) < 0) {
			site_done(&site, site_root, site_authors);
			return EXIT_DATA;
		}
		popts.authors = authors;
	}
	if ((out = out_open(outpath)) == NULL) {
		authors_free(authors);
		site_done(&site, site_root, site_authors);
		return EXIT_DATA;
	}

	/* Read-only from here on: what the threads share (md2ir(1)). */
	special_chars_fix();
	baseurl = site_value(NULL, "baseurl");
	/* Standard input is read once, in order: given twice, one thread. */
	for (i = 0, c = 0; i < (size_t)argc; i++)
		c += strcmp(argv[i], "-") == 0;
	if (jobs > (size_t)argc)
		jobs = (size_t)argc;
	if (jobs > 1 && c <= 1) {
		xmlInitParser();
		json_object_seed(0);
		tzset();	/* gmtime_r never reads TZ after this */
		nerr = (int)convert_all(argv, (size_t)argc, jobs, out);
		jobs = 0;	/* done */
	}
	for (i = 0; jobs > 0 && i < (size_t)argc; i++) {
		issue_init(&is, argv[i]);
		buf_reset(&line);
		if (convert(&is, &line) < 0)
			nerr++;
		else if (line.n > 0)
			fwrite(line.p, 1, line.n, out);
		issue_free(&is);
	}
	buf_free(&line);
	idset_free(&ids);
	authors_free(authors);
	free(baseurl);
	baseurl = NULL;

	popts.authors = NULL;
	site_done(&site, site_root, site_authors);
	msg_summary();
	/* A file given with -o is replaced only when every issue converted. */
	if (out_close(out, nerr == 0) < 0 && nerr == 0)
		return EXIT_DATA;
	return nerr > 0 ? EXIT_DATA : EXIT_OK;
}
