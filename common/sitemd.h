/*
 * sitemd.h: Markdown as site generators write it, made plain for
 * cmark-gfm and for readers (md2ir(1), "Site Markdown").
 *
 * Two passes around cmark-gfm.  sitemd_pre() rewrites the body's
 * Markdown source: Liquid tags (liquid.c) and Hugo shortcodes
 * (shortcode.c) first, as their generators expand them before any
 * Markdown is read, then, line by line outside code, MDX import and
 * export lines, comments and JSX components (mdx.c), ':::' containers
 * (container.c) and summary markers (sitemd.c).  htmlpass_run()
 * (htmlpass.c) then works on the HTML cmark-gfm wrote, through
 * libxml2's HTML parser: raw HTML that no reader runs, heading ids,
 * and URL-bearing attributes made absolute.
 *
 * Each family keeps a table of the names it knows (its built-ins);
 * adding a row is all it takes to give a new name a meaning.  Every
 * construct removed or not expanded gives one note on stderr,
 * "md2ir: FILE:LINE: ...", unless quiet is set.
 */
#ifndef QUIRE_SITEMD_H
#define QUIRE_SITEMD_H

#include "quire.h"

/* The kinds of construct counted in sitemd.expanded / .dropped. */
enum smd_kind {
	SMD_SHORTCODE, SMD_LIQUID, SMD_MDX_ESM, SMD_MDX_COMMENT, SMD_JSX,
	SMD_JSX_ATTR, SMD_CONTAINER, SMD_MARKER, SMD_RAWHTML, SMD_NKINDS
};

/* The text md2ir puts where a summary marker was (an HTML comment). */
#define SMD_SENTINEL "<!--quire-summary-->"

/* Where output text comes from: output line i was input line map[i]. */
struct smd_out {
	struct buf      b;
	unsigned long  *map;
	size_t          nmap, cap;
	unsigned long   cur;	/* input line being consumed, 0-based */
	const unsigned long *inmap;	/* input line to file line, or NULL */
	unsigned long   line0;	/* file line of input line 0 (no inmap) */
	int             text;	/* write Markdown for a text reader, no HTML */
};

/*
 * Bits of struct sitemd's miss: a closer searched for once and found
 * nowhere after some point, so that no later opener searches again
 * (which would make the pass quadratic on a body of openers).
 */
enum {
	SMD_MISS_HIGHLIGHT = 1 << 0,	/* {{< /highlight >}} */
	SMD_MISS_ENDHIGHLIGHT = 1 << 1,	/* {% endhighlight %} */
	SMD_MISS_ENDRAW = 1 << 2,	/* {% endraw %} */
	SMD_MISS_ENDCOMMENT = 1 << 3,	/* {% endcomment %} */
	SMD_MISS_ENDFOR = 1 << 4,	/* {% endfor %} */
	SMD_MISS_MDX_COMMENT = 1 << 5,	/* the end of an MDX comment */
	SMD_MISS_HTML_COMMENT = 1 << 6	/* "-->" */
};

struct sitemd {
	/* Set by the caller; everything else zero. */
	const char     *file;		/* for notes */
	unsigned long   line0;		/* file line of the body's first line */
	int             quiet;		/* no notes */
	/*
	 * Write Markdown for a plain-text reader (the mail's text part):
	 * images and links as Markdown, an aside as its bold title, no
	 * heading ids or summary marker.
	 */
	int             text;
	const char     *site_url;	/* {{ site.url }}, or NULL */
	const char     *baseurl;	/* {{ site.baseurl }}, or NULL */
	const char     *excerpt_sep;	/* Jekyll's excerpt_separator */
	/*
	 * The URL of the post a reference names (Hugo ref/relref, Liquid
	 * link/post_url: a content path or a post's file name), malloc'ed;
	 * NULL when none can be derived.  *found is set to 1 when the
	 * post's file was found, else 0 (the URL its name gives).
	 */
	char         *(*post_url)(void *arg, const char *ref, int *found);
	/* A front matter value (Hugo param), malloc'ed, or NULL. */
	char         *(*param)(void *arg, const char *name);
	/*
	 * A key of the site's configuration ({{ site.KEY }} in Liquid),
	 * malloc'ed, or NULL; the callback may be NULL.
	 */
	char         *(*site_value)(void *arg, const char *key);
	void           *arg;

	/* Results. */
	unsigned long   expanded[SMD_NKINDS], dropped[SMD_NKINDS];
	int             has_marker;	/* a summary marker was found */
	int             same;		/* nothing to rewrite: o.b is empty */
	unsigned        miss;		/* SMD_MISS_*: closers known absent */
	int             nasides;	/* asides JSX opened */
	unsigned char   cstack[32];	/* open containers' colon counts */
	int             ncstack;
	const char     *lastclose;	/* the last ':::' line of the body */
	int             cseen;		/* a line since the last container */
	struct smd_out  a, o;		/* the template pass; the result */
};

/*
 * Rewrite the Markdown body src[0..n) into m->o.b (NUL-terminated);
 * m->o.map gives the file line of each of its lines.  When there is
 * nothing to rewrite, m->same is set instead and m->o.b left empty:
 * the source is the result.  Never fails.
 * sitemd_free() releases what it built.
 */
void sitemd_pre(struct sitemd *m, const char *src, size_t n);
void sitemd_free(struct sitemd *m);

/* The file line of line i (0-based) of m->o.b. */
unsigned long sitemd_line(const struct sitemd *m, unsigned long i);

/*
 * One note at a file line, counted in m->dropped[k] and, unless quiet,
 * given to msg_knote() (printed with -v, summed up in md2ir's summary
 * line by kind: shortcodes, Liquid tags, MDX components, ...).
 * smd_knote() names the summary's kind itself (raw HTML, by tag), of
 * the group smd_changed ("constructs removed or replaced"), or of
 * smd_unfound ("links to posts not here": a reference whose file the
 * run cannot find, linked by the URL its name gives).
 */
void smd_note(struct sitemd *m, enum smd_kind k, unsigned long line,
    const char *fmt, ...) QUIRE_PRINTF(4, 5);
void smd_knote(struct sitemd *m, enum smd_kind k, const struct msg_kind *mk,
    unsigned long line, const char *fmt, ...) QUIRE_PRINTF(5, 6);
extern const struct msg_group smd_changed;
extern const struct msg_group smd_unfound;

/* ---- the pieces, for the family files -------------------------------- */

/* Copy input text (advances the input line), emit new text (does not). */
void smd_copy(struct smd_out *o, const char *s, size_t n);
void smd_emit(struct smd_out *o, const char *s, size_t n);
void smd_emits(struct smd_out *o, const char *s);
/* Consume input text without writing it. */
void smd_skip(struct smd_out *o, const char *s, size_t n);
/* The file line of the input line being consumed. */
unsigned long smd_fline(const struct smd_out *o);
/* Append s[0..n) escaped for HTML text or a double-quoted attribute. */
void smd_esc(struct smd_out *o, const char *s, size_t n);

/* Arguments of a shortcode or tag: name=value pairs or positionals. */
struct smd_args {
	size_t  n;
	char   *key[16];	/* NULL for a positional argument */
	char   *val[16];
};
/* Parse s[0..n) (quotes ", ' and `); returns 0. */
void smd_args_parse(struct smd_args *a, const char *s, size_t n);
/* The value of key, else of positional pos (-1: none), else NULL. */
const char *smd_arg(const struct smd_args *a, const char *key, int pos);
void smd_args_free(struct smd_args *a);

/* A Markdown link to url with text as its text (autolinks stay out). */
void smd_link(struct smd_out *o, const char *url, const char *text);

/* A Markdown image. */
void smd_image(struct smd_out *o, const char *src, const char *alt);

/* The longest run of c in s[0..n). */
size_t smd_run(const char *s, size_t n, int c);

/* Nonzero if what o holds so far ends a line (or is empty). */
int smd_line_start(const struct smd_out *o);

/*
 * A fenced code block around code[0..n): smd_fence_open starts it on a
 * line of its own, with a fence longer than any backtick run of the
 * code and the info string lang[0..nlang), and returns the fence's
 * length for smd_fence_close, which ends it.
 */
size_t smd_fence_open(struct smd_out *o, const char *code, size_t n,
    const char *lang, size_t nlang);
void smd_fence_close(struct smd_out *o, size_t fence);

/*
 * Template pass: at s (in [s, end)), a shortcode ("{{<", "{{%") or a
 * Liquid tag or output ("{%", "{{"): the bytes it took from the input,
 * after writing what replaces it, or 0 when it is not one.
 */
size_t shortcode_at(struct sitemd *m, const char *s, const char *end);
size_t liquid_at(struct sitemd *m, const char *s, const char *end);

/*
 * Line pass: a container fence line ":::name title" or ":::", taken
 * as a whole line s[0..n) (no newline): 1 after writing its HTML, 0
 * when it is not one.  A container that no ':::' line after it can
 * close holds the one block that follows it (V8's blog writes them so).  container_open()/_close() write the HTML of a
 * container (shared with shortcodes and JSX that mean an aside).
 */
int container_line(struct sitemd *m, const char *s, size_t n);
/* A blank line: it ends a container that holds one block. */
void container_blank(struct sitemd *m);
void container_open(struct smd_out *o, const char *indent, size_t nind,
    const char *name, size_t nname, const char *title, size_t ntitle);
void container_close(struct smd_out *o, const char *indent, size_t nind);
/* Close what is still open at the end of the body. */
void container_end(struct sitemd *m);

/*
 * MDX: an ESM line (import/export at the start of a block): 1 when
 * s[0..n) is one.  mdx_comment_at(): at "{/" a comment "{/\* ... *\/}"
 * (possibly over lines, up to end): the bytes it spans, or 0.
 * mdx_jsx_at(): at '<' a JSX component tag (capitalised name): the
 * bytes it spans after writing what replaces it, or 0.
 * mdx_html_at(): at '<' an HTML start tag written as JSX, with
 * attributes in braces (style={{...}}, width={400}): the tag written as
 * HTML (literal values quoted, React's names made HTML's, other
 * expressions removed with a note); the bytes it spans, or 0 when it
 * has no braces.
 */
int mdx_esm_line(const char *s, size_t n);
size_t mdx_comment_at(const char *s, const char *end, const char **id,
    size_t *nid);
size_t mdx_jsx_at(struct sitemd *m, const char *s, const char *end,
    const char *indent, size_t nind);
size_t mdx_html_at(struct sitemd *m, const char *s, const char *end);
void mdx_end(struct sitemd *m);

/* ---- the HTML pass (htmlpass.c) -------------------------------------- */

struct htmlpass {
	const char *base;	/* resolve URL attributes against it, or NULL */
	struct buf  tmp;
};

/*
 * Rewrite the HTML cmark-gfm wrote, html[0..n), into out: script,
 * style, noscript (and head-only elements) go with their content;
 * iframe, embed, object and frame become a link to their source, their
 * title as its text; comments go; every heading gets an id (its own,
 * a trailing "{#id}" of its text, or a GitHub-style slug of its text
 * made unique with -1, -2, ...); with base, every URL-bearing
 * attribute (htmlpass_urlattrs) is resolved against it.  The rest is
 * written as cmark-gfm writes HTML.  Returns 0, or -1 when libxml2
 * cannot parse it (out is then a copy of html).
 */
int htmlpass_run(struct htmlpass *hp, const char *html, size_t n,
    struct buf *out);

/*
 * htmlpass_run() for html[0..n) whose bytes keep[2i] to keep[2i + 1]
 * (nkeep ranges, in order, apart) are whole top-level blocks cmark-gfm
 * wrote for Markdown without raw HTML, heading or footnote: each passes
 * the parser as one short placeholder and comes out as it went in, so
 * that the parser reads only the markup around raw HTML.  When a
 * placeholder does not come back as text of the body, in order (raw
 * HTML left an element open around it, or took it into a comment or
 * an attribute), the HTML is parsed whole, as htmlpass_run() does.
 * Neither html nor keep is changed or kept.  Returns as htmlpass_run().
 */
int htmlpass_run_kept(struct htmlpass *hp, const char *html, size_t n,
    const size_t *keep, size_t nkeep, struct buf *out);

/*
 * Nonzero if s[0..n) holds U+FDD2 or U+FDD3, the characters of
 * htmlpass_run_kept()'s placeholders, or U+FFFE or U+FFFF, which
 * libxml2 2.9 reads as U+00FE and U+00FF in an attribute, as UTF-8 or
 * as a numeric character reference (any leading zeros, with or without
 * its ';'): HTML that does is parsed whole, and Markdown that does is
 * not marked for it, since its HTML could hold them.
 */
int htmlpass_keep_clash(const char *s, size_t n);

/*
 * The same for HTML that holds no raw HTML (only what cmark-gfm writes
 * for Markdown, and raw HTML as htmlpass_comments_only() and
 * htmlpass_inline() let it through), without a parser: the i-th <hN> gets the id given[i]
 * or the slug of texts[i] (both for nh headings, in document order),
 * and with base the footnote links ("#fn-1") are resolved.  Links and
 * images are the caller's, on cmark-gfm's tree.  Returns 0.
 */
int htmlpass_plain(struct htmlpass *hp, const char *html,
    char *const *given, char *const *texts, size_t nh, struct buf *out);

/*
 * Nonzero if the raw HTML fragment s (a raw HTML node's text) is only
 * HTML comments ("<!--" to the next "-->") and white space: all of it
 * that htmlpass_run() would keep is that white space, which is then
 * in ws (reset first), so the node can go the parser-free way of
 * htmlpass_plain() with ws as its text.
 */
int htmlpass_comments_only(const char *s, struct buf *ws);

/*
 * The raw inline HTML of a body that htmlpass_run() would write back
 * as it is: plain phrasing elements without attributes ("<small>",
 * "</small>", ...) opened and closed under the same parent, and "<br>"
 * in any of its forms.  htmlpass_inline() takes each raw inline node's
 * text lit, in document order, with its parent (any pointer that names
 * the node it stands in); it returns the text the node is to have (the
 * form htmlpass_run() writes), or NULL when the body needs the parser.
 * htmlpass_inline_done() is nonzero when every element was closed.
 */
struct htmlpass_tags {
	const void *parent[16];
	const char *name[16];
	size_t      n;
};
const char *htmlpass_inline(struct htmlpass_tags *t, const void *parent,
    const char *lit);
int htmlpass_inline_done(const struct htmlpass_tags *t);

/*
 * The raw HTML that htmlpass_run() removes or replaces, found in a
 * fragment s (a raw HTML node's text): calls note(arg, offset, tag)
 * for each such start tag.
 */
void htmlpass_scan(const char *s, void (*note)(void *, size_t,
    const char *), void *arg);

/* The GitHub-style slug of s[0..n) appended to b. */
void htmlpass_slug(struct buf *b, const char *s, size_t n);

/* NULL-terminated: the attributes that hold a URL (srcset: a list). */
extern const char *const htmlpass_urlattrs[];

#endif
