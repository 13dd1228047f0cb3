/*
 * ir2epub: bind the issues of an IR stream into one EPUB 3 book.
 *
 * Two passes.  The first reads the IR, checks it (malformed records,
 * duplicate ids), keeps a few bytes per issue (its UUID and the keys
 * of its permalink, so that links between issues can become links
 * between chapters) and spools the fields the chapters need to an
 * anonymous temporary file.  The second reads the spool back one
 * issue at a time and writes each chapter, and the images it uses,
 * into the ZIP as it goes; the navigation, the NCX and the package
 * document come last.  What they list of each chapter (its contents
 * entries, its manifest item and spine entry, its images) goes to
 * spill streams (quire.h) as the chapter is written, and they are
 * deflated from there into the ZIP piece by piece (zip_begin()).
 * Memory is bounded by the largest issue; what stays per issue is the
 * two keys of its permalink (24 bytes), which the links of later
 * chapters need, and in pass 1 a hash of its id; its UUID goes to
 * another temporary file, read back (pread()) for a link to it.
 * With -j N, chapters() reads up to 4N + 4 issues ahead, and N - 1
 * threads render them (chapter_render(): the HTML cleaned, the XHTML
 * made and deflated, images read and named, notes kept as events)
 * while this thread writes each into the book in order
 * (chapter_finish()), and renders too while it waits: N threads, each
 * parsing and deflating chapters of its own.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "quire.h"
#include "site.h"
#include "xhtml.h"
#include "zip.h"

static const char usage[] = "[-hqv] [-a author] [-b base-url] "
    "[-c book.yaml] [-d depth] [-i identifier] [-j jobs] [-l lang] [-o file] "
    "[-t title] [--cover image] [--css file] [--static dir] [file ...]";

/* Long-only options. */
enum { OPT_STATIC = 300 };

static const struct msg_opt opts[] = {
	{ 'a', "author", "name", "an author of the book (repeatable)" },
	{ 'b', "base", "url", "the site's URL, for root-relative links" },
	{ 'c', "config", "book.yaml", "read the book's metadata from a file" },
	{ 'd', "toc-depth", "n", "heading levels in the contents, 1 to 6" },
	{ 'i', "id", "uri", "the book's identifier" },
	{ 'j', "jobs", "N",
	    "make the book on N threads (default: the CPUs online)" },
	{ 'l', "language", "tag", "the book's language tag" },
	{ 'o', "output", "file", "write to file, replaced only on success" },
	{ 't', "title", "title", "the book's title (required)" },
	{ 'C', "cover", "image", "the cover image (PNG, JPEG, GIF, WebP)" },
	{ 'S', "css", "file", "the style sheet instead of the default" },
	{ OPT_STATIC, "static", "dir",
	    "the folder the site serves at its root, for its images" },
	{ 0, NULL, NULL, NULL }
};

/* Books with more chapters than these get grouped contents. */
#define GROUP_YEAR	50	/* by year, issues dated, no headings */
#define GROUP_MONTH	300	/* by year and month */

/* Kinds of image not embedded, for the summary line. */
enum { NOTE_REMOTE, NOTE_OUTSIDE, NOTE_MISSING, NOTE_TYPE, NOTE_OTHER,
	NOTE_N };

/* Threads at most (-j): more would only hold more chapters in memory. */
#define JOBS_MAX	256

/*
 * The storage a chapter's slot keeps for the next issue, per buffer: a
 * usual chapter's.  Larger ones are freed, so that the slots do not
 * keep the largest chapters of the book, nor glibc's arenas (one a
 * thread) grow with the chapters that pass from thread to thread.
 */
#define CHAP_KEEP	(16UL * 1024)

/*
 * The chapters read ahead with -j N.  The main thread renders too, and
 * while it renders one chapter it frees no slot: the others must find
 * enough queued to go on with.  With 2N + 2 slots the one other thread
 * of -j 2 waited 0.34 to 0.43 s of a 10,000-issue book's 4 s for a
 * slot (a long chapter on the main thread, short ones queued); with
 * 4N + 4, 0.005 s, for about 0.3 MB more at the peak.
 */
#define CHAP_RING(n)	(4 * (n) + 4)

/* Images and covers larger than this are not read. */
#define IMAGE_MAX	(32L * 1024 * 1024)

/*
 * A link target: the hash of a permalink form and its chapter, in 12
 * bytes (a book has fewer than 2^32 chapters: a ZIP without ZIP64
 * holds 65535 files).
 */
struct key {
	uint32_t hi, lo;	/* the hash, 64 bits */
	uint32_t chap;
};

/* One issue as read back from the spool; strings owned by bufs. */
struct issue {
	struct buf f[12];
};

enum { SP_UUID, SP_TITLE, SP_PERMALINK, SP_DATE, SP_AUTHORS, SP_SUMMARY,
	SP_LANG, SP_SOURCE, SP_HTML, SP_FILE, SP_LINE, SP_LINK, SP_N };

/* The book, as the options, book.yaml and the first pass make it. */
static struct {
	const char  *title, *lang, *identifier, *date, *publisher, *rights;
	const char  *description, *cover, *css, *base, *static_dir;
	const char **creators, **subjects, **contributors;
	size_t       ncreators, nsubjects, ncontributors;
	int          depth;
	int          lang_set;		/* the language was configured */
	int          group;		/* 0, 1 by year, 2 by year and month */
	int64_t      modified, newest, oldest;
	char         uuid_id[UUID_LEN + 9];
} book;

/*
 * State of the second pass.  The spill streams hold, in the order
 * written, the package document's chapter items (items), image items
 * (images) and spine entries (spine), and the entries of the contents
 * (nav) and the NCX (ncx).
 */
static struct {
	struct zip    *zip;
	FILE          *uuids;			/* per chapter, 16 bytes */
	size_t         nchap;
	struct key    *keys;
	size_t         nkeys;
	struct idset   img;			/* images in the book */
	struct idset   noted;			/* images reported */
	unsigned long  nnotes[NOTE_N];		/* and their kinds */
	int            lastyear, lastmon;	/* of grouped contents */
	struct spill   nav, ncx, items, images, spine;
	struct buf     tmp;			/* what goes to a spill */
	struct buf     lasthref;		/* of the last nav entry */
	int            navcur, ncxcur, maxdepth;
	unsigned long  playorder, npoints;
	int            failed;
	int            webp;			/* fallback.svg written */
} bk;

/*
 * What rendering a chapter leaves for the main thread to do, in order:
 * a note on an image left out, or an image to embed (unless an earlier
 * chapter embedded the same bytes).
 */
struct event {
	char        *src;		/* a note: the image's URL */
	char        *why;		/* and why it stays out */
	char         name[40];		/* an image: images/HASH.ext */
	const char  *type;
	struct buf   data;
};

/*
 * A chapter on its way: the issue read back from the spool, and what a
 * thread made of it.  Rendering (chapter_render()) touches only its
 * chap and what pass 1 left, read-only; writing it into the book
 * (chapter_finish()) is the main thread's, in input order.
 */
struct chap {
	struct issue         is;
	size_t               idx;
	char                *dir;	/* its source folder, or NULL */
	char                *folder;	/* its permalink's folder */
	size_t               hostlen;	/* "https://host/" in it */
	char                *refused;	/* limits_html()'s reason, or NULL */
	int                  broken;	/* libxml2 could not parse it */
	int                  ioerr;	/* bk.uuids could not be read */
	struct xhtml_result  res;
	struct buf           out;	/* the chapter's XHTML */
	struct zip_packed    pk;	/* and deflated */
	char                 sect[UUID_LEN + 8];
	struct buf           title;
	int64_t              t;
	struct event        *ev;
	size_t               nev;
	int                  state;	/* CHAP_* */
};

enum { CHAP_QUEUED, CHAP_RUNNING, CHAP_DONE };

static const char default_css[] =
"/* ir2epub's default stylesheet */\n"
"body { margin: 0 5%; line-height: 1.5; font-family: serif; }\n"
"h1, h2, h3, h4, h5, h6 { font-family: sans-serif; line-height: 1.2; "
"margin: 1.4em 0 0.5em; page-break-after: avoid; }\n"
"h1 { font-size: 1.6em; } h2 { font-size: 1.35em; } "
"h3 { font-size: 1.15em; } h4, h5, h6 { font-size: 1em; }\n"
"header.issue { margin-bottom: 2em; border-bottom: 1px solid #999; }\n"
"header.issue h1 { margin-top: 0.5em; }\n"
"p.meta { font-family: sans-serif; font-size: 0.9em; color: #444; }\n"
"p.summary { font-style: italic; }\n"
"p { margin: 0.6em 0; }\n"
"a { color: #1a4f8b; }\n"
"code, kbd, samp, pre { font-family: monospace; font-size: 0.9em; }\n"
"pre { white-space: pre-wrap; word-wrap: break-word; "
"background: #f4f4f4; border: 1px solid #ddd; padding: 0.5em; "
"margin: 1em 0; page-break-inside: avoid; }\n"
"blockquote { margin: 1em 1.5em; padding-left: 0.8em; "
"border-left: 3px solid #bbb; color: #333; }\n"
"[dir=\"rtl\"] blockquote { padding-left: 0; padding-right: 0.8em; "
"border-left: 0; border-right: 3px solid #bbb; }\n"
"table { border-collapse: collapse; margin: 1em 0; max-width: 100%; }\n"
"th, td { border: 1px solid #aaa; padding: 0.2em 0.5em; "
"vertical-align: top; }\n"
"th { background: #eee; }\n"
".align-left { text-align: left; } .align-right { text-align: right; }\n"
".align-center { text-align: center; } "
".align-justify { text-align: justify; }\n"
"img { max-width: 100%; height: auto; }\n"
"figure { margin: 1em 0; text-align: center; }\n"
"hr { border: 0; border-top: 1px solid #999; margin: 2em 0; }\n"
"section.footnotes { margin-top: 2em; border-top: 1px solid #999; "
"font-size: 0.9em; }\n"
"nav ol { list-style: none; padding-left: 1em; }\n"
"[dir=\"rtl\"] nav ol { padding-left: 0; padding-right: 1em; }\n"
"p.link { font-family: sans-serif; }\n"
"div.cover { text-align: center; margin: 0; padding: 0; }\n"
"div.cover img { max-width: 100%; max-height: 100%; }\n";

/* What readers without WebP show instead (WebP is core only in 3.3). */
static const char webp_fallback[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
"viewBox=\"0 0 300 60\" width=\"300\" height=\"60\">\n"
"<title>A WebP image this reader cannot show</title>\n"
"<rect x=\"1\" y=\"1\" width=\"298\" height=\"58\" fill=\"#eee\" "
"stroke=\"#999\"/>\n<text x=\"150\" y=\"36\" font-family=\"sans-serif\" "
"font-size=\"14\" text-anchor=\"middle\" fill=\"#333\">"
"(a WebP image this reader cannot show)</text>\n</svg>\n";

/* ---- small helpers -------------------------------------------------- */

static void
esc(struct buf *b, const char *s)
{
	xhtml_escape(b, s, strlen(s), 1);
}

/* Move bk.tmp to the end of the spill stream s; a failure fails the book. */
static void
spill_tmp(struct spill *s)
{
	if (spill_add(s, bk.tmp.p, bk.tmp.n) < 0)
		bk.failed = 1;
	buf_reset(&bk.tmp);
}

/* zip_write() as spill_each() calls it. */
static int
to_zip(void *z, const void *p, size_t n)
{
	return zip_write(z, p, n);
}

/* "20 November 2017", without the locale. */
static void
date_long(struct buf *b, int64_t t)
{
	static const char *const mon[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	struct date_tm tm;

	date_split(t, &tm);
	buf_printf(b, "%d %s %d", tm.mday, mon[tm.mon - 1], tm.year);
}

/* The media type and suffix of an image, from its first bytes. */
static const char *
sniff(const unsigned char *p, size_t n, const char **ext)
{
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return *ext = "png", "image/png";
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return *ext = "jpg", "image/jpeg";
	if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 ||
	    memcmp(p, "GIF89a", 6) == 0))
		return *ext = "gif", "image/gif";
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return *ext = "webp", "image/webp";
	if (xhtml_svg_sniff((const char *)p, n))
		return *ext = "svg", "image/svg+xml";
	return NULL;
}

/*
 * Read a whole regular file of at most IMAGE_MAX bytes into b.
 * Returns NULL, or a reason.
 */
static const char *
slurp_file(const char *path, struct buf *b)
{
	struct stat st;
	FILE *fp;
	int fd, e;

	buf_reset(b);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0)
		return strerror(errno);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return "not a regular file";
	}
	if (st.st_size > IMAGE_MAX) {
		close(fd);
		return "larger than 32 MiB";
	}
	if ((fp = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return strerror(errno);
	}
	e = buf_slurp(b, fp);
	fclose(fp);
	return e < 0 ? "read error" : NULL;
}

/* ---- permalink keys ------------------------------------------------- */

/*
 * The key of a URL for matching links to issues: "H" host path query
 * (host lower-cased, without "www." and port) or "P" path query; the
 * fragment, a trailing "index.html" and trailing slashes are left
 * out.  with_host zero asks for the path form even of an absolute URL.
 * Returns 0 when u is neither absolute http(s) nor root-relative.
 */
static uint64_t
url_key(const char *u, int with_host)
{
	struct buf b = BUF_INIT;
	const char *p, *host = NULL, *end;
	size_t hn = 0, n;
	uint64_t h;

	if (strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "https://", 8) == 0) {
		host = strstr(u, "//") + 2;
		hn = strcspn(host, "/?#");
		p = host + hn;
		if (memchr(host, '@', hn) != NULL)
			return 0;
	} else if (u[0] == '/' && u[1] != '/') {
		p = u;
		if (with_host)
			return 0;
	} else {
		return 0;
	}
	if (host != NULL && with_host) {
		buf_addc(&b, 'H');
		n = hn;
		if (memchr(host, ':', hn) != NULL)
			n = (size_t)((const char *)memchr(host, ':', hn) - host);
		if (n > 4 && strncasecmp(host, "www.", 4) == 0)
			host += 4, n -= 4;
		for (; n > 0; n--, host++)
			buf_addc(&b, *host >= 'A' && *host <= 'Z' ?
			    *host - 'A' + 'a' : *host);
	} else {
		buf_addc(&b, 'P');
	}
	end = p + strcspn(p, "?#");
	n = (size_t)(end - p);
	if (n >= 10 && memcmp(end - 10, "index.html", 10) == 0)
		n -= 10;
	while (n > 0 && p[n - 1] == '/')
		n--;
	buf_addc(&b, '/');
	buf_add(&b, p, n);
	if (*end == '?')
		buf_add(&b, end, strcspn(end, "#"));
	h = hash64(b.p, b.n);
	buf_free(&b);
	return h;
}

static int
cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static void
key_add(uint64_t h, size_t chap)
{
	struct key *k;

	if (h == 0 || chap > UINT32_MAX)
		return;
	bk.keys = xreallocarray(bk.keys, bk.nkeys + 1, sizeof(*bk.keys));
	k = &bk.keys[bk.nkeys++];
	k->hi = (uint32_t)(h >> 32);
	k->lo = (uint32_t)h;
	k->chap = (uint32_t)chap;
}

/* The chapter a URL names, or -1. */
static long
key_find(const char *u)
{
	struct key k, *r;
	uint64_t h;

	h = url_key(u, 1);
	if (bk.nkeys == 0 || (h == 0 && (h = url_key(u, 0)) == 0))
		return -1;
	k.hi = (uint32_t)(h >> 32);
	k.lo = (uint32_t)h;
	r = bsearch(&k, bk.keys, bk.nkeys, sizeof(k), cmp_key);
	return r != NULL ? (long)r->chap : -1;
}

/*
 * The UUID of chapter ch, which pass 1 wrote to bk.uuids, in out.
 * Any thread: pread(2) moves no offset.  Returns 0, or -1 on a read
 * error.
 */
static int
uuid_of(size_t ch, char out[UUID_LEN])
{
	unsigned char b[16];

	if (pread(fileno(bk.uuids), b, sizeof(b), (off_t)ch * 16) !=
	    (ssize_t)sizeof(b))
		return -1;
	uuid_fmt(b, out);
	return 0;
}

/* The absolute form of a permalink, in b; "" when there is none. */
static void
permalink_abs(struct buf *b, const char *permalink)
{
	buf_reset(b);
	if (url_has_scheme(permalink))
		buf_adds(b, permalink);
	else if (book.base != NULL && permalink[0] == '/')
		url_join(book.base, permalink, b);
	else
		buf_adds(b, "");
}

/* ---- the spool ------------------------------------------------------ */

static int
spool_put(FILE *sp, const char *s, size_t n)
{
	uint64_t len = n;

	errno = 0;
	return fwrite(&len, sizeof(len), 1, sp) == 1 &&
	    (n == 0 || fwrite(s, 1, n, sp) == n) ? 0 : -1;
}

/* Read one issue back; 1, 0 at the end, -1 on an error. */
static int
spool_get(FILE *sp, struct issue *is)
{
	uint64_t len;
	int i;

	for (i = 0; i < SP_N; i++) {
		if (fread(&len, sizeof(len), 1, sp) != 1)
			return i == 0 && feof(sp) ? 0 : -1;
		if (len > SIZE_MAX - 2)
			return -1;
		buf_reset(&is->f[i]);
		buf_grow(&is->f[i], (size_t)len);
		if (len > 0 && fread(is->f[i].p, 1, (size_t)len, sp) != len)
			return -1;
		is->f[i].n = (size_t)len;
		is->f[i].p[len] = '\0';
	}
	return 1;
}

/* The first pass: check, remember, spool.  Returns the count or -1. */
static long
pass1(int argc, char *argv[], FILE *sp, struct sha1 *ids, struct buf *lang,
    struct buf *authors, struct strset *nauthor)
{
	struct ir_reader *r = ir_reader_open(argc, argv);
	struct ir_record rec;
	struct idset seen = IDSET_INIT;
	struct buf b = BUF_INIT, line = BUF_INIT;
	char uuid[UUID_LEN];
	unsigned char ub[16];
	size_t i, n = 0, na, nad;
	int k, bad = 0;
	const char *a, *ad;

	while ((k = ir_read(r, &rec)) != 0) {
		if (k < 0) {
			bad = 1;
			break;
		}
		if (!idset_add(&seen, rec.f[IR_ID], rec.len[IR_ID])) {
			msg_err(rec.file, rec.line, "duplicate id '%s'",
			    rec.f[IR_ID]);
			bad = 1;
			break;
		}
		ir_id_uuid(&rec, uuid);
		/* Not in memory: pread() finds it when a link needs it. */
		uuid_bytes(uuid, ub);
		errno = 0;
		if (fwrite(ub, sizeof(ub), 1, bk.uuids) != 1) {
			msg_err(NULL, 0, "temporary file: write error: %s",
			    strerror(errno ? errno : EIO));
			bad = 1;
			break;
		}
		sha1_update(ids, rec.f[IR_ID], rec.len[IR_ID]);
		sha1_update(ids, "\n", 1);
		if (n == 0 || rec.date > book.newest)
			book.newest = rec.date;
		if (n == 0 || rec.updated > book.modified)
			book.modified = rec.updated;
		if (rec.date > book.modified)
			book.modified = rec.date;
		if (n == 0 || rec.date < book.oldest)
			book.oldest = rec.date;
		if (lang->n == 0 && ir_lang_ok(rec.f[IR_LANG], rec.len[IR_LANG]))
			buf_adds(lang, rec.f[IR_LANG]);
		/* Both forms of the permalink name the chapter. */
		permalink_abs(&b, rec.f[IR_PERMALINK]);
		key_add(url_key(b.p, 1), n);
		key_add(url_key(rec.f[IR_PERMALINK], 0), n);

		buf_reset(&line);
		for (i = 0; i < rec.authors.n; i++) {
			ir_author_split(rec.authors.v[i], &a, &na, &ad, &nad);
			if (i > 0)
				buf_addc(&line, '\n');
			buf_add(&line, a, na);
			/* Each author's issues, and the authors as met. */
			if (strset_get(nauthor, a, na, 1)->val++ == 0) {
				buf_add(authors, a, na);
				buf_addc(authors, '\n');
			}
		}
		buf_reset(&b);
		buf_printf(&b, "%lu", rec.line);
		if (spool_put(sp, uuid, strlen(uuid)) < 0 ||
		    spool_put(sp, rec.f[IR_TITLE], rec.len[IR_TITLE]) < 0 ||
		    spool_put(sp, rec.f[IR_PERMALINK],
		    rec.len[IR_PERMALINK]) < 0 ||
		    spool_put(sp, rec.f[IR_DATE], rec.len[IR_DATE]) < 0 ||
		    spool_put(sp, line.p ? line.p : "", line.n) < 0 ||
		    spool_put(sp, rec.f[IR_SUMMARY], rec.len[IR_SUMMARY]) < 0 ||
		    spool_put(sp, rec.f[IR_LANG], rec.len[IR_LANG]) < 0 ||
		    spool_put(sp, rec.f[IR_SOURCE], rec.len[IR_SOURCE]) < 0 ||
		    spool_put(sp, rec.f[IR_HTML], rec.len[IR_HTML]) < 0 ||
		    spool_put(sp, rec.file, strlen(rec.file)) < 0 ||
		    spool_put(sp, b.p, b.n) < 0 ||
		    spool_put(sp, rec.f[IR_LINK], rec.len[IR_LINK]) < 0) {
			msg_err(NULL, 0, "temporary file: write error: %s",
			    strerror(errno ? errno : EIO));
			bad = 1;
			break;
		}
		n++;
	}
	if (ir_reader_close(r) > 0)
		bad = 1;
	idset_free(&seen);
	buf_free(&b);
	buf_free(&line);
	bk.nchap = n;
	return bad ? -1 : (long)n;
}

/* ---- images and links inside a chapter ------------------------------- */

/* Reasons local_path() and on_image() give, by kind. */
static int
note_kind(const char *why)
{
	if (strcmp(why, "remote") == 0)
		return NOTE_REMOTE;
	if (strncmp(why, "outside", 7) == 0)
		return NOTE_OUTSIDE;
	if (strcmp(why, "no such file") == 0)
		return NOTE_MISSING;
	if (strncmp(why, "not a", 5) == 0)
		return NOTE_TYPE;
	return NOTE_OTHER;
}

/* Count, once per book, that an image stays outside; -v lists it. */
static void
note(const struct chap *c, const char *src, const char *why)
{
	const struct issue *is = &c->is;

	if (!idset_add(&bk.noted, src, strlen(src)))
		return;
	bk.nnotes[note_kind(why)]++;
	msg_note(is->f[SP_FILE].p, strtoul(is->f[SP_LINE].p, NULL, 10),
	    "image '%s' not embedded (%s); %s", src, why,
	    url_has_scheme(src) && (strncasecmp(src, "http", 4) == 0) ?
	    "linked instead" : "its alt text kept");
}

/* A new event of c, zeroed. */
static struct event *
event_add(struct chap *c)
{
	struct event *e;

	c->ev = xreallocarray(c->ev, c->nev + 1, sizeof(*c->ev));
	e = &c->ev[c->nev++];
	memset(e, 0, sizeof(*e));
	return e;
}

/* The one line that sums the notes up, unless -q or -v. */
static void
notes_summary(void)
{
	static const char *const kinds[NOTE_N] = { "remote",
		"outside the post folder", "missing", "not an image",
		"unreadable" };
	struct buf b = BUF_INIT;
	unsigned long total = 0;
	int k;

	for (k = 0; k < NOTE_N; k++)
		total += bk.nnotes[k];
	if (total == 0 || msg_level != MSG_SUMMARY)
		return;
	for (k = 0; k < NOTE_N; k++)
		if (bk.nnotes[k] > 0)
			buf_printf(&b, "%s%lu %s", b.n > 0 ? ", " : "",
			    bk.nnotes[k], kinds[k]);
	msg_err(NULL, 0, "%lu image%s not embedded (%s); -v lists them",
	    total, total == 1 ? "" : "s", b.p);
	buf_free(&b);
}

/*
 * The path of src relative to its root folder, percent-decoded, in
 * out, and that folder in *root: the issue's folder, or with --static
 * the site's static folder for a root-relative URL or one below the
 * base URL or the permalink's host.  NULL, or why src is not a local
 * file inside one of them.
 */
static const char *
local_path(const struct chap *c, const char *src, struct buf *out,
    const char **root)
{
	const char *rel, *p, *seg;
	size_t n;

	buf_reset(out);
	*root = c->dir;
	if (url_has_scheme(src)) {
		if (book.static_dir != NULL && book.base != NULL &&
		    strncmp(src, book.base, strlen(book.base)) == 0) {
			rel = src + strlen(book.base);
			if (*rel == '/' || (rel > src && rel[-1] == '/')) {
				*root = book.static_dir;
				rel += *rel == '/';
				goto decode;
			}
		}
		if (c->folder == NULL)
			return "remote";
		if (strncmp(src, c->folder, strlen(c->folder)) != 0) {
			if (strncmp(src, c->folder, c->hostlen) != 0)
				return "remote";
			if (book.static_dir == NULL)
				return "outside the issue's folder";
			*root = book.static_dir;
			rel = src + c->hostlen;
			goto decode;
		}
		rel = src + strlen(c->folder);
	} else if (src[0] == '/' && src[1] == '/') {
		return "remote";
	} else if (src[0] == '/') {
		if (book.static_dir == NULL)
			return "outside the issue's folder";
		*root = book.static_dir;
		rel = src + 1;
	} else {
		rel = src;
	}
decode:
	if (*root == NULL)
		return "the issue has no source file";
	n = strcspn(rel, "?#");
	for (p = rel; p < rel + n; p++) {
		if (*p == '%' && url_hexval(p[1]) >= 0 &&
		    url_hexval(p[2]) >= 0) {
			buf_addc(out, url_hexval(p[1]) * 16 +
			    url_hexval(p[2]));
			p += 2;
		} else {
			buf_addc(out, *p);
		}
	}
	if (out->n == 0 || memchr(out->p, '\0', out->n) != NULL ||
	    out->p[0] == '/')
		return "outside the issue's folder";
	/* No ".." segment at all: nothing may climb out. */
	for (seg = out->p; seg != NULL; seg = strchr(seg, '/')) {
		if (*seg == '/')
			seg++;
		if (strncmp(seg, "..", 2) == 0 && (seg[2] == '/' ||
		    seg[2] == '\0'))
			return "outside the issue's folder";
	}
	return NULL;
}

/* xhtml_svg_clean() keeps a table of ids between calls: one at a time. */
static pthread_mutex_t svg_mu = PTHREAD_MUTEX_INITIALIZER;

/*
 * The image hook of xhtml_clean(): the image's name in the book, from
 * a hash of its bytes, or a link or its alt text when it stays out; the
 * embedding and the notes are left to chapter_finish() as events.
 */
static enum xhtml_img
on_image(void *ctx, const char *src, const char *alt, char **out)
{
	struct chap *c = ctx;
	struct buf rel = BUF_INIT, path = BUF_INIT, data = BUF_INIT;
	char *real = NULL, *rdir = NULL, hex[41];
	const char *why, *type = NULL, *ext = NULL, *root;
	unsigned char md[20];
	struct sha1 sc;
	struct event *e;
	enum xhtml_img r = XHTML_IMG_TEXT;
	size_t i;
	int k;

	(void)alt;
	*out = NULL;
	if ((why = local_path(c, src, &rel, &root)) != NULL)
		goto outside;
	buf_printf(&path, "%s/%s", root, rel.p);
	rdir = realpath(root, NULL);
	real = realpath(path.p, NULL);
	if (rdir == NULL || real == NULL) {
		why = "no such file";
		goto outside;
	}
	if (strncmp(real, rdir, strlen(rdir)) != 0 ||
	    (real[strlen(rdir)] != '/' && strcmp(rdir, "/") != 0)) {
		why = "outside the issue's folder";
		goto outside;
	}
	if ((why = slurp_file(real, &data)) != NULL)
		goto outside;
	if ((type = sniff((unsigned char *)data.p, data.n, &ext)) == NULL) {
		why = "not a PNG, JPEG, GIF, WebP or SVG image";
		goto outside;
	}
	if (strcmp(type, "image/svg+xml") == 0) {
		pthread_mutex_lock(&svg_mu);
		k = xhtml_svg_clean(&data);
		pthread_mutex_unlock(&svg_mu);
		if (k < 0) {
			why = "not a well-formed SVG image";
			goto outside;
		}
	}
	sha1_init(&sc);
	sha1_update(&sc, data.p, data.n);
	sha1_final(&sc, md);
	for (i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	buf_reset(&path);
	buf_printf(&path, "images/%s.%s", hex, ext);
	e = event_add(c);
	snprintf(e->name, sizeof(e->name), "%s", path.p);
	e->type = type;
	e->data = data;
	data = (struct buf)BUF_INIT;
	*out = xstrdup(path.p);
	r = XHTML_IMG_EMBED;
	goto done;
outside:
	e = event_add(c);
	e->src = xstrdup(src);
	e->why = xstrdup(why);
	if (url_has_scheme(src)) {
		*out = xstrdup(src);
		r = XHTML_IMG_LINK;
	}
done:
	free(real);
	free(rdir);
	buf_free(&rel);
	buf_free(&path);
	buf_free(&data);
	return r;
}

/*
 * An image of c in the book: stored once, whichever chapter uses it
 * first; with a fallback for WebP.  Main thread.
 */
static void
embed(struct event *e)
{
	struct buf name = BUF_INIT;

	if (!idset_add(&bk.img, e->name, strlen(e->name)))
		return;
	buf_printf(&name, "EPUB/%s", e->name);
	if (zip_add(bk.zip, name.p, e->data.p, e->data.n, ZIP_STORE) < 0)
		bk.failed = 1;
	buf_free(&name);
	if (strcmp(e->type, "image/webp") == 0 && !bk.webp) {
		/* EPUB 3.2 readers need a fallback for WebP. */
		bk.webp = 1;
		if (zip_add(bk.zip, "EPUB/images/fallback.svg",
		    webp_fallback, strlen(webp_fallback), ZIP_DEFLATE) < 0)
			bk.failed = 1;
	}
	/* Its item in the package document. */
	buf_printf(&bk.tmp, "<item id=\"img-%.16s\" href=\"%s\" "
	    "media-type=\"%s\"%s/>\n", e->name + 7, e->name, e->type,
	    strcmp(e->type, "image/webp") == 0 ?
	    " fallback=\"img-fallback\"" : "");
	spill_tmp(&bk.images);
}

/* The link hook of xhtml_clean(); touches nothing but c. */
static char *
on_link(void *ctx, const char *href)
{
	struct chap *c = ctx;
	struct buf b = BUF_INIT, pl = BUF_INIT;
	long ch;
	char *r, *frag, uuid[UUID_LEN];

	if (!url_has_scheme(href) && !(href[0] == '/' && href[1] != '/')) {
		/* Relative: against the absolute permalink, if any. */
		permalink_abs(&pl, c->is.f[SP_PERMALINK].p);
		if (pl.n == 0 || href[0] == '/') {
			buf_free(&pl);
			return NULL;
		}
		url_resolve(pl.p, href, &b);
	} else if (href[0] == '/') {
		if ((ch = key_find(href)) < 0 && book.base == NULL) {
			buf_free(&pl);
			return NULL;	/* cannot be made absolute */
		}
		if (ch < 0)
			url_join(book.base, href, &b);
		else
			buf_adds(&b, href);
	} else {
		buf_adds(&b, href);
	}
	buf_free(&pl);
	if ((ch = key_find(b.p)) >= 0) {
		/*
		 * Within the chapter a fragment stays (the cleaner maps it to
		 * the id's new name); to another chapter it goes, as that
		 * chapter's ids are not known yet.
		 */
		frag = strchr(b.p, '#');
		if ((size_t)ch == c->idx && frag != NULL && frag[1] != '\0') {
			r = xstrdup(frag);
			buf_free(&b);
			return r;
		}
		if (uuid_of((size_t)ch, uuid) < 0) {
			c->ioerr = 1;
			buf_free(&b);
			return NULL;
		}
		buf_reset(&b);
		buf_printf(&b, "issue-%s.xhtml", uuid);
	}
	r = xstrndup(b.p, b.n);
	buf_free(&b);
	return r;
}

/* ---- navigation ----------------------------------------------------- */

/* Add an entry of depth d (1 for a chapter) to the nav and the NCX. */
static void
nav_add(int d, const char *label, const char *href)
{
	struct buf *b = &bk.tmp;
	int i;

	if (d > bk.navcur) {
		if (bk.navcur > 0)
			buf_adds(b, "\n<ol>");
	} else {
		buf_adds(b, "</li>");
		for (i = bk.navcur; i > d; i--)
			buf_adds(b, "\n</ol></li>");
	}
	buf_adds(b, "\n<li><a href=\"");
	esc(b, href);
	buf_adds(b, "\">");
	xhtml_escape(b, label, strlen(label), 0);
	buf_adds(b, "</a>");
	spill_tmp(&bk.nav);
	if (d <= bk.navcur)
		for (i = bk.navcur; i >= d; i--)
			buf_adds(b, "</navPoint>\n");
	/* The NCX wants one playOrder per target: a group shares its first. */
	if (bk.lasthref.n == 0 || strcmp(bk.lasthref.p, href) != 0)
		bk.playorder++;
	buf_reset(&bk.lasthref);
	buf_adds(&bk.lasthref, href);
	bk.npoints++;
	buf_printf(b, "<navPoint id=\"np-%lu\" playOrder=\"%lu\">"
	    "<navLabel><text>", bk.npoints, bk.playorder);
	xhtml_escape(b, label, strlen(label), 0);
	buf_adds(b, "</text></navLabel><content src=\"");
	esc(b, href);
	buf_adds(b, "\"/>\n");
	spill_tmp(&bk.ncx);
	bk.navcur = d;
	if (d > bk.maxdepth)
		bk.maxdepth = d;
}

static void
nav_finish(void)
{
	int i;

	if (bk.navcur == 0)
		return;
	buf_adds(&bk.tmp, "</li>");
	for (i = bk.navcur; i > 1; i--)
		buf_adds(&bk.tmp, "\n</ol></li>");
	spill_tmp(&bk.nav);
	for (i = bk.navcur; i >= 1; i--)
		buf_adds(&bk.tmp, "</navPoint>\n");
	spill_tmp(&bk.ncx);
	bk.navcur = 0;
}

/* ---- the chapters --------------------------------------------------- */

/* The head of a document; dir NULL leaves the direction out. */
static void
xhtml_head(struct buf *b, const char *lang, const char *dir,
    const char *title)
{
	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"");
	esc(b, lang);
	buf_adds(b, "\" xml:lang=\"");
	esc(b, lang);
	if (dir != NULL)
		buf_printf(b, "\" dir=\"%s", dir);
	buf_adds(b, "\">\n<head>\n<title>");
	xhtml_escape(b, title, strlen(title), 0);
	buf_adds(b, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" "
	    "href=\"style.css\"/>\n</head>\n");
}

/* The book's direction: "rtl" for a right-to-left language, else none. */
static const char *
book_dir(void)
{
	const char *d = xhtml_lang_dir(book.lang);

	return d != NULL && strcmp(d, "rtl") == 0 ? d : NULL;
}

/*
 * The direction of a chapter: its own language's when it has one,
 * else the book's when the book's was configured, else "auto" (the
 * reader looks at the text).  NULL for left to right, the default.
 */
static const char *
chapter_dir(const struct issue *is)
{
	const char *d;

	if (ir_lang_ok(is->f[SP_LANG].p, is->f[SP_LANG].n))
		d = xhtml_lang_dir(is->f[SP_LANG].p);
	else if (book.lang_set)
		d = xhtml_lang_dir(book.lang);
	else
		return "auto";
	return d != NULL && strcmp(d, "rtl") == 0 ? d : NULL;
}

/* The host of an absolute URL, for "Read at host". */
static void
add_host(struct buf *b, const char *u)
{
	const char *h;
	size_t n;

	if ((h = url_host(u, &n)) != NULL) {
		if (n > 4 && strncasecmp(h, "www.", 4) == 0)
			h += 4, n -= 4;
		xhtml_escape(b, h, n, 0);
	} else {
		xhtml_escape(b, u, strlen(u), 0);
	}
}

/* Contents entries for the year (and month) of a chapter, if new. */
static void
nav_group(int64_t t, const char *href)
{
	static const char *const mon[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	struct date_tm tm;
	char label[48];

	date_split(t, &tm);
	if (tm.year != bk.lastyear) {
		snprintf(label, sizeof(label), "%d", tm.year);
		nav_add(1, label, href);
		bk.lastyear = tm.year;
		bk.lastmon = 0;
	}
	if (book.group > 1 && tm.mon != bk.lastmon) {
		snprintf(label, sizeof(label), "%s %d", mon[tm.mon - 1],
		    tm.year);
		nav_add(2, label, href);
		bk.lastmon = tm.mon;
	}
}

/* The folder of a permalink: up to and with its last '/'. */
/*
 * Nonzero when the text of the chapter's XHTML body begins with the
 * summary (white space folded, tags skipped): md2ir derives a missing
 * summary from the first paragraph, which the reader then need not
 * read twice (the header leaves it out).
 */
static int
opens_body(const char *sum, const char *body)
{
	static const struct { const char *e; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }
	};
	const char *s = sum, *b = body;
	size_t i, k;
	char c;

	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	while (*s != '\0') {
		/* The next character of the body's text. */
		if (*b == '<') {
			b += strcspn(b, ">");
			b += *b == '>';
			continue;
		}
		if (*b == '\0')
			return 0;
		c = *b;
		k = 1;
		if (c == '&')
			for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
				if (strncmp(b, ents[i].e, strlen(ents[i].e)) == 0) {
					c = ents[i].c;
					k = strlen(ents[i].e);
				}
		if (c == ' ' || c == '\n' || c == '\t') {
			b += k;
			if (s > sum && (*s == ' ' || *s == '\n' || *s == '\t'))
				while (*s == ' ' || *s == '\n' || *s == '\t')
					s++;
			continue;
		}
		if (*s == ' ' || *s == '\n' || *s == '\t')
			return 0;
		if (*s != c)
			return 0;
		s++;
		b += k;
	}
	/* The summary ends where a word of the body ends. */
	return *b == '\0' || *b == '<' || *b == ' ' || *b == '\n';
}

static char *
url_folder(const char *u)
{
	const char *q = u + strcspn(u, "?#"), *s;

	for (s = q; s > u && s[-1] != '/'; s--)
		;
	if (s == u || !url_has_scheme(u))
		return NULL;
	return xstrndup(u, (size_t)(s - u));
}

/* Empty b for the next issue, keeping its storage unless it is large. */
static void
keep_small(struct buf *b)
{
	if (b->cap > CHAP_KEEP)
		buf_free(b);
	else
		buf_reset(b);
}

/*
 * Render c: its XHTML made in c->out and deflated with d (the running
 * thread's) into c->pk, its headings in c->res, its images and notes
 * in c->ev; c->refused or c->broken when it cannot be.  The XHTML, the
 * cleaned body and the issue's HTML are emptied once deflated.  Runs
 * on any thread: reads c, the options and what pass 1 left.
 */
static void
chapter_render(struct chap *c, struct zip_deflater *d)
{
	const struct xhtml_hooks hooks = { c, on_image, on_link };
	const struct issue *is = &c->is;
	struct buf pl = BUF_INIT, *out = &c->out;
	const char *reserved[3], *lang, *slash, *a, *nl;
	size_t i;

	snprintf(c->sect, sizeof(c->sect), "issue-%s", is->f[SP_UUID].p);
	slash = strrchr(is->f[SP_SOURCE].p, '/');
	if (strcmp(is->f[SP_SOURCE].p, "-") == 0 || is->f[SP_SOURCE].n == 0)
		c->dir = NULL;
	else if (slash == NULL)
		c->dir = xstrdup(".");
	else
		c->dir = xstrndup(is->f[SP_SOURCE].p,
		    slash == is->f[SP_SOURCE].p ? 1 :
		    (size_t)(slash - is->f[SP_SOURCE].p));
	permalink_abs(&pl, is->f[SP_PERMALINK].p);
	c->folder = url_folder(pl.p);
	c->hostlen = 0;
	if (c->folder != NULL) {
		const char *h = strstr(c->folder, "//");

		c->hostlen = h != NULL ? (size_t)(h + 2 - c->folder) +
		    strcspn(h + 2, "/") + 1 : 0;
	}
	buf_free(&pl);

	reserved[0] = c->sect;
	reserved[1] = "issue-title";
	reserved[2] = NULL;
	if (c->refused != NULL)
		return;
	if (xhtml_clean(is->f[SP_HTML].p, is->f[SP_HTML].n, &hooks, reserved,
	    &c->res) < 0) {
		c->broken = 1;
		return;
	}

	date_parse_ir(is->f[SP_DATE].p, is->f[SP_DATE].n, &c->t);
	lang = ir_lang_ok(is->f[SP_LANG].p, is->f[SP_LANG].n) ?
	    is->f[SP_LANG].p : book.lang;
	if (is->f[SP_TITLE].n > 0) {
		buf_add(&c->title, is->f[SP_TITLE].p, is->f[SP_TITLE].n);
	} else {
		buf_adds(&c->title, "Issue of ");
		date_long(&c->title, c->t);
	}
	xhtml_head(out, lang, chapter_dir(is), c->title.p);
	buf_printf(out, "<body>\n<section id=\"%s\" epub:type=\"chapter\" "
	    "class=\"issue\">\n<header class=\"issue\">\n<h1 "
	    "id=\"issue-title\">", c->sect);
	xhtml_escape(out, c->title.p, c->title.n, 0);
	buf_adds(out, "</h1>\n<p class=\"meta\"><time datetime=\"");
	esc(out, is->f[SP_DATE].p);
	buf_adds(out, "\">");
	date_long(out, c->t);
	buf_adds(out, "</time>");
	for (a = is->f[SP_AUTHORS].p, i = 0; is->f[SP_AUTHORS].n > 0 &&
	    a != NULL; a = nl != NULL ? nl + 1 : NULL, i++) {
		nl = strchr(a, '\n');
		buf_adds(out, i == 0 ? " \xc2\xb7 " : ", ");
		buf_adds(out, "<span class=\"author\">");
		xhtml_escape(out, a, nl != NULL ? (size_t)(nl - a) :
		    strlen(a), 0);
		buf_adds(out, "</span>");
	}
	buf_adds(out, "</p>\n");
	/* A link post: the article it points at, as the feeds link it. */
	if (is->f[SP_LINK].n > 0 && url_has_scheme(is->f[SP_LINK].p)) {
		struct buf u = BUF_INIT;

		xhtml_url(&u, is->f[SP_LINK].p);
		buf_adds(out, "<p class=\"link\"><a href=\"");
		esc(out, u.p);
		buf_adds(out, "\">Read at ");
		add_host(out, is->f[SP_LINK].p);
		buf_adds(out, "</a></p>\n");
		buf_free(&u);
	}
	if (is->f[SP_SUMMARY].n > 0 && !opens_body(is->f[SP_SUMMARY].p,
	    c->res.body.p != NULL ? c->res.body.p : "")) {
		buf_adds(out, "<p class=\"summary\">");
		xhtml_escape(out, is->f[SP_SUMMARY].p, is->f[SP_SUMMARY].n,
		    0);
		buf_adds(out, "</p>\n");
	}
	buf_adds(out, "</header>\n");
	buf_add(out, c->res.body.p, c->res.body.n);
	if (c->res.body.n > 0 && c->res.body.p[c->res.body.n - 1] != '\n')
		buf_addc(out, '\n');
	buf_adds(out, "</section>\n</body>\n</html>\n");
	/* Deflated here, while the bytes are in this core's cache. */
	zip_pack(d, out->p, out->n, &c->pk);
	/*
	 * chapter_finish() needs only the deflated bytes, the headings and
	 * the notes: the text goes now, not when the chapter has waited
	 * its turn, so that chapters done ahead hold little.
	 */
	keep_small(out);
	keep_small(&c->res.body);
	keep_small(&c->is.f[SP_HTML]);
}

/*
 * Write the rendered chapter c into the book: its notes and images in
 * the order met, the chapter, its navigation entries.  Main thread, in
 * input order.  Returns 0, or -1 after a message.
 */
static int
chapter_finish(struct chap *c)
{
	const struct issue *is = &c->is;
	struct buf name = BUF_INIT, label = BUF_INIT;
	size_t i;
	int stack[8], sp = 0, d, r = -1;

	if (c->refused != NULL) {
		msg_err(is->f[SP_FILE].p, strtoul(is->f[SP_LINE].p, NULL, 10),
		    "%s", c->refused);
		return -1;
	}
	for (i = 0; i < c->nev; i++) {
		if (c->ev[i].src != NULL)
			note(c, c->ev[i].src, c->ev[i].why);
		else
			embed(&c->ev[i]);
	}
	if (c->broken) {
		msg_err(is->f[SP_FILE].p, strtoul(is->f[SP_LINE].p, NULL, 10),
		    "libxml2 cannot parse the HTML of this issue");
		return -1;
	}
	if (c->ioerr) {
		msg_err(NULL, 0, "temporary file: read error");
		return -1;
	}
	if (bk.failed)
		return -1;

	buf_printf(&name, "EPUB/%s.xhtml", c->sect);
	if (zip_add_packed(bk.zip, name.p, &c->pk) < 0)
		goto out;
	/* Its item and spine entry in the package document. */
	buf_printf(&bk.tmp, "<item id=\"%s\" href=\"%s.xhtml\" "
	    "media-type=\"application/xhtml+xml\"/>\n", c->sect, c->sect);
	spill_tmp(&bk.items);
	buf_printf(&bk.tmp, "<itemref idref=\"%s\"/>\n", c->sect);
	spill_tmp(&bk.spine);

	/*
	 * Navigation: the chapter, then its headings, nested by level; in
	 * a long book under its year (and month), with its date.
	 */
	buf_reset(&name);
	buf_printf(&name, "%s.xhtml", c->sect);
	if (book.group > 0) {
		nav_group(c->t, name.p);
		buf_add(&label, c->title.p, c->title.n);
		buf_adds(&label, " \xc2\xb7 ");
		date_long(&label, c->t);
		nav_add(1 + book.group, label.p, name.p);
	} else {
		nav_add(1, c->title.p, name.p);
	}
	for (i = 0; i < c->res.nh; i++) {
		while (sp > 0 && stack[sp - 1] >= c->res.h[i].level)
			sp--;
		d = sp + 2;
		if (sp < (int)(sizeof(stack) / sizeof(stack[0])))
			stack[sp++] = c->res.h[i].level;
		if (d > book.depth || c->res.h[i].text[0] == '\0')
			continue;
		buf_reset(&name);
		buf_printf(&name, "%s.xhtml#%s", c->sect, c->res.h[i].id);
		d += book.group;
		nav_add(d > bk.navcur + 1 ? bk.navcur + 1 : d,
		    c->res.h[i].text, name.p);
	}
	/* A spill stream that failed has said why. */
	r = bk.failed ? -1 : 0;
out:
	buf_free(&name);
	buf_free(&label);
	return r;
}

/* Empty c for the next issue. */
static void
chap_reset(struct chap *c)
{
	size_t i;

	for (i = 0; i < c->nev; i++) {
		free(c->ev[i].src);
		free(c->ev[i].why);
		buf_free(&c->ev[i].data);
	}
	free(c->ev);
	c->ev = NULL;
	c->nev = 0;
	free(c->dir);
	free(c->folder);
	free(c->refused);
	c->dir = c->folder = c->refused = NULL;
	c->broken = c->ioerr = 0;
	xhtml_result_free(&c->res);
	memset(&c->res, 0, sizeof(c->res));
	for (i = 0; i < SP_N; i++)
		keep_small(&c->is.f[i]);
	keep_small(&c->out);
	keep_small(&c->pk.data);
	keep_small(&c->title);
}

static void
chap_free(struct chap *c)
{
	int i;

	chap_reset(c);
	for (i = 0; i < SP_N; i++)
		buf_free(&c->is.f[i]);
	buf_free(&c->out);
	buf_free(&c->pk.data);
	buf_free(&c->title);
}

/*
 * The chapters on jobs threads: a ring of CHAP_RING(jobs) chapters,
 * read in order from the spool by the main thread, rendered by any
 * thread, written into the book by the main thread in order.  mu
 * guards next, tail, stop and the states.
 */
static struct {
	struct chap     *c;
	size_t           nslot, head, next, tail;
	pthread_t       *thr;
	size_t           nthr;
	pthread_mutex_t  mu;
	pthread_cond_t   work, done;
	int              stop;
} rq = { .mu = PTHREAD_MUTEX_INITIALIZER, .work = PTHREAD_COND_INITIALIZER,
	.done = PTHREAD_COND_INITIALIZER };

/*
 * With rq.mu held: render the next chapter in line with d, the running
 * thread's deflater, unlocked meanwhile.
 */
static void
render_next(struct zip_deflater *d)
{
	struct chap *c = &rq.c[rq.next++ % rq.nslot];

	c->state = CHAP_RUNNING;
	pthread_mutex_unlock(&rq.mu);
	chapter_render(c, d);
	pthread_mutex_lock(&rq.mu);
	c->state = CHAP_DONE;
	pthread_cond_signal(&rq.done);
}

static void *
render_worker(void *arg)
{
	struct zip_deflater *d = zip_deflater_new();

	(void)arg;
	pthread_mutex_lock(&rq.mu);
	for (;;) {
		while (rq.next == rq.tail && !rq.stop)
			pthread_cond_wait(&rq.work, &rq.mu);
		if (rq.stop)
			break;
		render_next(d);
	}
	pthread_mutex_unlock(&rq.mu);
	zip_deflater_free(d);
	return NULL;
}

/*
 * Pass 2's chapters: every issue of the spool sp into the book, on
 * jobs threads.  Returns 0, 1 on a read error of the spool, or -1
 * after a message.
 */
static int
chapters(FILE *sp, int jobs)
{
	struct chap *c, *h;
	const char *why;
	size_t off, i;
	int k = 1, r = 0;

	rq.head = rq.next = rq.tail = 0;
	rq.stop = 0;
	rq.nthr = 0;
	rq.nslot = jobs > 1 ? CHAP_RING((size_t)jobs) : 1;
	rq.c = xcalloc(rq.nslot, sizeof(*rq.c));
	if (jobs > 1) {
		/* libxml2 sets its globals up once, before any thread. */
		xmlInitParser();
		rq.thr = xcalloc((size_t)jobs - 1, sizeof(*rq.thr));
		for (i = 0; i < (size_t)jobs - 1; i++)
			if (pthread_create(&rq.thr[i], NULL, render_worker,
			    NULL) != 0)
				break;
		rq.nthr = i;
	}
	for (;;) {
		/* Read ahead while a slot is free. */
		while (k == 1 && rq.tail - rq.head < rq.nslot) {
			c = &rq.c[rq.tail % rq.nslot];
			chap_reset(c);
			if ((k = spool_get(sp, &c->is)) != 1)
				break;
			c->idx = rq.tail;
			/* limits_html() answers in a static buffer. */
			if ((why = limits_html(c->is.f[SP_HTML].p,
			    c->is.f[SP_HTML].n, &off)) != NULL)
				c->refused = xstrdup(why);
			if (rq.nthr == 0) {
				chapter_render(c, zip_deflater(bk.zip));
				c->state = CHAP_DONE;
				rq.tail++;
				continue;
			}
			pthread_mutex_lock(&rq.mu);
			c->state = CHAP_QUEUED;
			rq.tail++;
			pthread_cond_signal(&rq.work);
			pthread_mutex_unlock(&rq.mu);
		}
		if (rq.head == rq.tail)
			break;
		/* The next chapter in order, helping while it renders. */
		h = &rq.c[rq.head % rq.nslot];
		if (rq.nthr > 0) {
			pthread_mutex_lock(&rq.mu);
			while (h->state != CHAP_DONE) {
				if (rq.next < rq.tail) {
					render_next(zip_deflater(bk.zip));
				} else {
					pthread_cond_wait(&rq.done, &rq.mu);
				}
			}
			pthread_mutex_unlock(&rq.mu);
		}
		if (chapter_finish(h) < 0) {
			r = -1;
			break;
		}
		rq.head++;
	}
	if (r == 0 && k < 0)
		r = 1;
	if (rq.nthr > 0) {
		pthread_mutex_lock(&rq.mu);
		rq.stop = 1;
		pthread_cond_broadcast(&rq.work);
		pthread_mutex_unlock(&rq.mu);
		for (i = 0; i < rq.nthr; i++)
			pthread_join(rq.thr[i], NULL);
	}
	for (i = 0; i < rq.nslot; i++)
		chap_free(&rq.c[i]);
	free(rq.c);
	free(rq.thr);
	rq.c = NULL;
	rq.thr = NULL;
	return r;
}

/* ---- cover, nav, NCX, package ---------------------------------------- */

/* Append s to b as SVG text lines of about width characters. */
static void
svg_lines(struct buf *b, const char *s, int width, int x, int y, int dy,
    int maxlines)
{
	const char *p = s, *start, *brk, *end = s + strlen(s);
	int cols, line = 0;
	uint32_t cp;
	size_t k;

	while (*p != '\0' && line < maxlines) {
		while (*p == ' ')
			p++;
		start = p;
		brk = NULL;
		for (cols = 0; *p != '\0' && (cols < width || brk == NULL);
		    cols++) {
			if (*p == ' ') {
				brk = p;
				if (cols >= width)
					break;
			}
			/* The length once, not a strlen per character. */
			k = utf8_decode((const unsigned char *)p,
			    (size_t)(end - p), &cp);
			p += k > 0 ? k : 1;
		}
		if (*p != '\0' && brk != NULL && cols >= width)
			p = brk;
		buf_printf(b, "<text x=\"%d\" y=\"%d\">", x, y + line * dy);
		xhtml_escape(b, start, (size_t)(p - start), 0);
		/* The last line says that more was cut. */
		if (line == maxlines - 1 && *p != '\0')
			buf_adds(b, "\xe2\x80\xa6");
		buf_adds(b, "</text>\n");
		line++;
	}
}

static void
make_cover_svg(struct buf *b)
{
	struct buf span = BUF_INIT;

	date_long(&span, book.oldest);
	if (book.newest != book.oldest) {
		buf_adds(&span, " \xe2\x80\x93 ");
		date_long(&span, book.newest);
	}
	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "viewBox=\"0 0 600 800\" width=\"600\" height=\"800\">\n<title>");
	xhtml_escape(b, book.title, strlen(book.title), 0);
	buf_adds(b, "</title>\n<rect x=\"0\" y=\"0\" width=\"600\" "
	    "height=\"800\" fill=\"#1d3557\"/>\n<rect x=\"40\" y=\"40\" "
	    "width=\"520\" height=\"720\" fill=\"none\" stroke=\"#f1faee\" "
	    "stroke-width=\"3\"/>\n<g fill=\"#f1faee\" "
	    "font-family=\"sans-serif\" text-anchor=\"middle\">\n"
	    "<g font-size=\"48\" font-weight=\"bold\">\n");
	svg_lines(b, book.title, 18, 300, 230, 60, 5);
	buf_adds(b, "</g>\n<g font-size=\"24\">\n");
	svg_lines(b, span.p, 40, 300, 680, 32, 1);
	buf_adds(b, "</g>\n");
	if (book.ncreators > 0 && book.ncreators <= 3) {
		size_t i;
		struct buf c = BUF_INIT;

		for (i = 0; i < book.ncreators; i++)
			buf_printf(&c, "%s%s", i ? ", " : "", book.creators[i]);
		buf_adds(b, "<g font-size=\"26\" font-style=\"italic\">\n");
		svg_lines(b, c.p, 36, 300, 560, 32, 2);
		buf_adds(b, "</g>\n");
		buf_free(&c);
	}
	buf_adds(b, "</g>\n</svg>\n");
	buf_free(&span);
}

/* The cover image and its page; sets the cover's name and type. */
static int
write_cover(char *name, size_t nsize, const char **type)
{
	struct buf b = BUF_INIT, page = BUF_INIT;
	const char *why, *ext;
	int r = -1;

	if (book.cover != NULL) {
		if ((why = slurp_file(book.cover, &b)) != NULL) {
			msg_err(book.cover, 0, "%s", why);
			goto out;
		}
		if ((*type = sniff((unsigned char *)b.p, b.n, &ext)) == NULL) {
			msg_err(book.cover, 0, "not a PNG, JPEG, GIF or WebP "
			    "image");
			goto out;
		}
		snprintf(name, nsize, "cover.%s", ext);
	} else {
		make_cover_svg(&b);
		*type = "image/svg+xml";
		snprintf(name, nsize, "cover.svg");
	}
	buf_adds(&page, "EPUB/");
	buf_adds(&page, name);
	if (zip_add(bk.zip, page.p, b.p, b.n, book.cover != NULL ?
	    ZIP_STORE : ZIP_DEFLATE) < 0)
		goto out;
	buf_reset(&page);
	xhtml_head(&page, book.lang, book_dir(), book.title);
	buf_printf(&page, "<body epub:type=\"cover\">\n<div class=\"cover\">"
	    "<img src=\"%s\" alt=\"", name);
	esc(&page, book.title);
	buf_adds(&page, "\"/></div>\n</body>\n</html>\n");
	if (zip_add(bk.zip, "EPUB/cover.xhtml", page.p, page.n,
	    ZIP_DEFLATE) < 0)
		goto out;
	r = 0;
out:
	buf_free(&b);
	buf_free(&page);
	return r;
}

/*
 * Write b into the entry being streamed and empty it; 0, or -1 after
 * a message.
 */
static int
put_buf(struct buf *b)
{
	int r = zip_write(bk.zip, b->p, b->n);

	buf_reset(b);
	return r;
}

static int
write_nav(void)
{
	struct buf b = BUF_INIT;
	char first[UUID_LEN];
	int r = -1;

	if (zip_begin(bk.zip, "EPUB/nav.xhtml", ZIP_DEFLATE) < 0)
		goto out;
	xhtml_head(&b, book.lang, book_dir(), book.title);
	buf_adds(&b, "<body>\n<nav epub:type=\"toc\" id=\"toc\">\n"
	    "<h1>Contents</h1>\n<ol>");
	if (put_buf(&b) < 0 || spill_each(&bk.nav, to_zip, bk.zip) < 0)
		goto out;
	if (uuid_of(0, first) < 0) {
		msg_err(NULL, 0, "temporary file: read error");
		goto out;
	}
	buf_printf(&b, "\n</ol>\n</nav>\n<nav epub:type=\"landmarks\" "
	    "id=\"landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n"
	    "<li><a epub:type=\"cover\" href=\"cover.xhtml\">Cover</a></li>\n"
	    "<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">Contents</a>"
	    "</li>\n<li><a epub:type=\"bodymatter\" href=\"issue-%s.xhtml\">"
	    "Start</a></li>\n</ol>\n</nav>\n</body>\n</html>\n", first);
	if (put_buf(&b) < 0 || zip_end(bk.zip) < 0)
		goto out;
	r = 0;
out:
	buf_free(&b);
	return r;
}

static int
write_ncx(void)
{
	struct buf b = BUF_INIT;
	int r = -1;

	if (zip_begin(bk.zip, "EPUB/toc.ncx", ZIP_DEFLATE) < 0)
		goto out;
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" "
	    "version=\"2005-1\" xml:lang=\"");
	esc(&b, book.lang);
	buf_adds(&b, "\">\n<head>\n<meta name=\"dtb:uid\" content=\"");
	esc(&b, book.identifier);
	buf_printf(&b, "\"/>\n<meta name=\"dtb:depth\" content=\"%d\"/>\n"
	    "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
	    "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n"
	    "<docTitle><text>", bk.maxdepth);
	xhtml_escape(&b, book.title, strlen(book.title), 0);
	buf_adds(&b, "</text></docTitle>\n<navMap>\n");
	if (put_buf(&b) < 0 || spill_each(&bk.ncx, to_zip, bk.zip) < 0)
		goto out;
	buf_adds(&b, "</navMap>\n</ncx>\n");
	if (put_buf(&b) < 0 || zip_end(bk.zip) < 0)
		goto out;
	r = 0;
out:
	buf_free(&b);
	return r;
}

static void
dc(struct buf *b, const char *el, const char *id, const char *v)
{
	buf_printf(b, "<dc:%s", el);
	if (id != NULL)
		buf_printf(b, " id=\"%s\"", id);
	buf_addc(b, '>');
	xhtml_escape(b, v, strlen(v), 0);
	buf_printf(b, "</dc:%s>\n", el);
}

static int
write_opf(const char *cover, const char *ctype)
{
	struct buf b = BUF_INIT;
	char d[DATE_IR_LEN], id[32];
	size_t i;
	int r = -1;

	if (zip_begin(bk.zip, "EPUB/content.opf", ZIP_DEFLATE) < 0)
		goto out;
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	    "unique-identifier=\"book-id\" xml:lang=\"");
	esc(&b, book.lang);
	buf_adds(&b, "\">\n<metadata "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
	dc(&b, "identifier", "book-id", book.identifier);
	dc(&b, "title", NULL, book.title);
	dc(&b, "language", NULL, book.lang);
	for (i = 0; i < book.ncreators; i++) {
		snprintf(id, sizeof(id), "creator-%zu", i + 1);
		dc(&b, "creator", id, book.creators[i]);
	}
	for (i = 0; i < book.ncontributors; i++)
		dc(&b, "contributor", NULL, book.contributors[i]);
	dc(&b, "date", NULL, book.date);
	if (book.publisher != NULL)
		dc(&b, "publisher", NULL, book.publisher);
	if (book.rights != NULL)
		dc(&b, "rights", NULL, book.rights);
	if (book.description != NULL)
		dc(&b, "description", NULL, book.description);
	for (i = 0; i < book.nsubjects; i++)
		dc(&b, "subject", NULL, book.subjects[i]);
	date_fmt_ir(book.modified, d);
	buf_printf(&b, "<meta property=\"dcterms:modified\">%s</meta>\n"
	    "<meta name=\"cover\" content=\"cover-image\"/>\n</metadata>\n"
	    "<manifest>\n", d);
	buf_adds(&b, "<item id=\"nav\" href=\"nav.xhtml\" "
	    "media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
	    "<item id=\"ncx\" href=\"toc.ncx\" "
	    "media-type=\"application/x-dtbncx+xml\"/>\n"
	    "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n"
	    "<item id=\"cover\" href=\"cover.xhtml\" "
	    "media-type=\"application/xhtml+xml\"/>\n");
	buf_printf(&b, "<item id=\"cover-image\" href=\"%s\" media-type=\"%s\" "
	    "properties=\"cover-image\"/>\n", cover, ctype);
	if (put_buf(&b) < 0 || spill_each(&bk.items, to_zip, bk.zip) < 0 ||
	    spill_each(&bk.images, to_zip, bk.zip) < 0)
		goto out;
	if (bk.webp)
		buf_adds(&b, "<item id=\"img-fallback\" "
		    "href=\"images/fallback.svg\" "
		    "media-type=\"image/svg+xml\"/>\n");
	buf_printf(&b, "</manifest>\n<spine toc=\"ncx\"%s>\n"
	    "<itemref idref=\"cover\"/>\n<itemref idref=\"nav\"/>\n",
	    book_dir() != NULL ? " page-progression-direction=\"rtl\"" : "");
	if (put_buf(&b) < 0 || spill_each(&bk.spine, to_zip, bk.zip) < 0)
		goto out;
	buf_adds(&b, "</spine>\n</package>\n");
	if (put_buf(&b) < 0 || zip_end(bk.zip) < 0)
		goto out;
	r = 0;
out:
	buf_free(&b);
	return r;
}

/* ---- main ----------------------------------------------------------- */

/* Split "a\nb\n" into a NULL-terminated vector pointing into s. */
static const char **
split_lines(char *s, size_t *n)
{
	const char **v = NULL;
	char *nl;

	*n = 0;
	while (s != NULL && *s != '\0') {
		nl = strchr(s, '\n');
		if (nl != NULL)
			*nl = '\0';
		v = xreallocarray(v, *n + 2, sizeof(*v));
		v[(*n)++] = s;
		v[*n] = NULL;
		s = nl != NULL ? nl + 1 : NULL;
	}
	return v;
}

/*
 * The authors of many issues, in v[0..n) as first met: more than
 * three become the three who wrote the most issues as the book's
 * creators, the others its contributors (in the order met).
 */
static void
rank_creators(const char **v, size_t n, struct strset *nauthor)
{
	const char **top;
	struct strset_slot *slot;
	size_t *count, i, k, best;

	if (n <= 3)
		return;
	/* Each name's issues, as pass 1 counted them. */
	count = xcalloc(n, sizeof(*count));
	for (i = 0; i < n; i++)
		if ((slot = strset_get(nauthor, v[i], strlen(v[i]), 0)) != NULL)
			count[i] = slot->val;
	top = xcalloc(n, sizeof(*top));
	for (k = 0; k < 3; k++) {
		best = n;
		for (i = 0; i < n; i++)
			if (v[i] != NULL && (best == n || count[i] > count[best]))
				best = i;
		top[k] = v[best];
		v[best] = NULL;
	}
	for (i = 0; i < n; i++)
		if (v[i] != NULL)
			top[k++] = v[i];
	memcpy(v, top, n * sizeof(*v));
	free(top);
	free(count);
	book.ncreators = 3;
	book.contributors = v + 3;
	book.ncontributors = n - 3;
}

/* The values of a list key of c (first of the keys given), in v. */
/* The values of a list key of the site (first of the keys given). */
static const char **
site_vec(const struct site *c, const char *k1, const char *k2, size_t *n)
{
	const char **v = NULL;
	const char *k = site_get(c, k1) != NULL ? k1 : k2, *s;
	size_t i;

	*n = 0;
	for (i = 0; (s = site_item(c, k, i)) != NULL; i++) {
		v = xreallocarray(v, *n + 2, sizeof(*v));
		v[(*n)++] = s;
		v[*n] = NULL;
	}
	return v;
}

int
main(int argc, char *argv[])
{
	struct site cf;
	char *static_owned = NULL;
	const char *outpath = NULL, *conffile = NULL, *depth = NULL, *v, *why;
	const char **opt_authors = NULL, *ctype = NULL;
	size_t nopt_authors = 0;
	struct buf lang = BUF_INIT, authors = BUF_INIT, css = BUF_INIT;
	struct strset nauthor = STRSET_INIT;
	struct sha1 ids;
	char dbuf[DATE_IR_LEN], uuid[UUID_LEN], cover[32], *end;
	const char **derived = NULL;
	FILE *sp = NULL, *out = NULL;
	char *spbuf = NULL;
	long n, ncpu;
	int c, k, status = EXIT_DATA, jobs = 0;
	int64_t t;
	struct stat st;

	msg_init(argc, argv, usage);
	/* A clean slate, so that main can run again (the fuzz target). */
	memset(&book, 0, sizeof(book));
	memset(&bk, 0, sizeof(bk));
	book.depth = -1;
	while ((c = msg_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'a':
			opt_authors = xreallocarray(opt_authors,
			    nopt_authors + 2, sizeof(*opt_authors));
			opt_authors[nopt_authors++] = optarg;
			opt_authors[nopt_authors] = NULL;
			break;
		case 'b':
			if ((why = url_base_why(optarg)) != NULL) {
				msg_err(NULL, 0, "-b: '%s' %s", optarg, why);
				msg_usage();
			}
			book.base = optarg;
			break;
		case 'c':
			conffile = optarg;
			break;
		case 'C':
			book.cover = optarg;
			break;
		case 'd':
			depth = optarg;
			break;
		case 'i':
			book.identifier = optarg;
			break;
		case 'j':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    n < 1 || n > JOBS_MAX) {
				msg_err(NULL, 0, "-j: '%s' is not a number of "
				    "threads from 1 to %d", optarg, JOBS_MAX);
				msg_usage();
			}
			jobs = (int)n;
			break;
		case 'l':
			book.lang = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'S':
			book.css = optarg;
			break;
		case 't':
			book.title = optarg;
			break;
		case OPT_STATIC:
			book.static_dir = optarg;
			break;
		default:
			msg_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (out_refuse_input(outpath, argc, argv) < 0)
		return EXIT_USAGE;

	/*
	 * The site configuration (-c FILE, else ./quire.yaml) fills what
	 * the options left open: the shared keys, then the book's own.
	 */
	if (site_load(&cf, conffile, NULL) < 0) {
		site_free(&cf);
		return EXIT_DATA;
	}
#define FILL(field, value) \
	if (book.field == NULL) book.field = (value)
	FILL(title, cf.title);
	FILL(lang, cf.language);
	FILL(identifier, site_get(&cf, "identifier"));
	FILL(date, site_get(&cf, "date"));
	FILL(publisher, site_get(&cf, "publisher"));
	FILL(rights, site_get(&cf, "rights"));
	FILL(description, cf.description);
	FILL(cover, site_get(&cf, "cover"));
	FILL(css, site_get(&cf, "css"));
	FILL(base, site_get(&cf, "base"));
	FILL(base, cf.url);
	/* static_dir, as the folder of the file names it. */
	if (book.static_dir == NULL && cf.static_dir != NULL) {
		/* A site's default static folder need not exist. */
		static_owned = site_path(&cf, cf.static_dir);
		if (stat(static_owned, &st) == 0 && S_ISDIR(st.st_mode))
			book.static_dir = static_owned;
	}
#undef FILL
	if (depth == NULL)
		depth = site_get(&cf, "toc-depth");
	book.subjects = site_vec(&cf, "subjects", "subject", &book.nsubjects);
	if (nopt_authors == 0) {
		book.creators = site_vec(&cf, "creators", "creator",
		    &book.ncreators);
		if (book.ncreators == 0) {
			free(book.creators);
			book.creators = site_vec(&cf, "authors", "author",
			    &book.ncreators);
		}
		if (book.ncreators == 0) {
			free(book.creators);
			book.creators = NULL;
		}
	}
	if (nopt_authors > 0) {
		free(book.creators);
		book.creators = opt_authors;
		book.ncreators = nopt_authors;
		opt_authors = NULL;
	}
	if (depth != NULL) {
		errno = 0;
		book.depth = (int)strtol(depth, &end, 10);
		if (*depth == '\0' || *end != '\0' || book.depth < 1 ||
		    book.depth > 6) {
			msg_err(NULL, 0, "toc depth '%s': give 1 to 6", depth);
			msg_usage();
		}
	} else {
		book.depth = 2;
	}
	if (book.title == NULL || book.title[0] == '\0') {
		msg_err(NULL, 0, "the book needs a title: give -t TITLE or "
		    "'title' in book.yaml");
		msg_usage();
	}
	if (book.lang != NULL && !ir_lang_ok(book.lang, strlen(book.lang))) {
		msg_err(NULL, 0, "language '%s' is not a BCP 47 tag",
		    book.lang);
		msg_usage();
	}
	if (book.static_dir != NULL && (stat(book.static_dir, &st) != 0 ||
	    !S_ISDIR(st.st_mode))) {
		msg_err(NULL, 0, "--static: '%s' is not a folder",
		    book.static_dir);
		goto done;
	}
	if (book.base != NULL && !url_has_scheme(book.base)) {
		msg_err(NULL, 0, "base URL '%s' is not absolute", book.base);
		msg_usage();
	}
	if (book.date != NULL && date_parse(book.date, &t) < 0) {
		msg_err(cf.path, 0, "date '%s' is not a date", book.date);
		goto done;
	}
	if (book.css != NULL) {
		const char *why = slurp_file(book.css, &css);

		if (why != NULL) {
			msg_err(book.css, 0, "%s", why);
			goto done;
		}
	} else {
		buf_adds(&css, default_css);
	}

	/* Pass 1. */
	/* Every chapter goes through sp, twice. */
	if ((sp = out_spool(&spbuf)) == NULL ||
	    (bk.uuids = out_spool(NULL)) == NULL)
		goto done;
	/* The book's UUID, should it need one: of its title and ids. */
	uuid_v5_begin(&ids);
	sha1_update(&ids, book.title, strlen(book.title));
	sha1_update(&ids, "\n", 1);
	if ((n = pass1(argc, argv, sp, &ids, &lang, &authors,
	    &nauthor)) < 0)
		goto done;
	if (n == 0) {
		msg_err(NULL, 0, "no issues in the input: a book needs at "
		    "least one chapter");
		goto done;
	}
	if (bk.nkeys > 1)
		qsort(bk.keys, bk.nkeys, sizeof(*bk.keys), cmp_key);
	book.lang_set = book.lang != NULL;
	if (book.lang == NULL)
		book.lang = lang.n > 0 ? lang.p : "en";
	if (book.ncreators == 0 && book.creators == NULL) {
		derived = split_lines(authors.p, &book.ncreators);
		book.creators = derived;
		rank_creators(derived, book.ncreators, &nauthor);
	}
	/* A long book: contents by year (and month), chapters only. */
	if (n > GROUP_YEAR) {
		book.group = n > GROUP_MONTH ? 2 : 1;
		if (depth == NULL)
			book.depth = 1;
	}
	if (book.identifier == NULL) {
		uuid_v5_end(&ids, uuid);
		snprintf(book.uuid_id, sizeof(book.uuid_id), "urn:uuid:%s",
		    uuid);
		book.identifier = book.uuid_id;
	}
	if (date_source_epoch(&t) == 0)
		book.modified = t;
	if (book.date != NULL) {
		date_parse(book.date, &t);
		date_fmt_ir(t, dbuf);
	} else {
		date_fmt_ir(book.newest, dbuf);
	}
	book.date = dbuf;

	/* Pass 2. */
	if ((out = out_open(outpath)) == NULL)
		goto done;
	bk.zip = zip_open(out, book.modified);
	if (jobs == 0) {
		/* One a CPU, as sysconf(3) sees them online. */
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = ncpu < 1 ? 1 : ncpu > JOBS_MAX ? JOBS_MAX : (int)ncpu;
	}
	if (zip_add(bk.zip, "mimetype", "application/epub+zip", 20,
	    ZIP_STORE) < 0)
		goto fail;
	v = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<container version=\"1.0\" "
	    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	    "<rootfiles>\n<rootfile full-path=\"EPUB/content.opf\" "
	    "media-type=\"application/oebps-package+xml\"/>\n"
	    "</rootfiles>\n</container>\n";
	if (zip_add(bk.zip, "META-INF/container.xml", v, strlen(v),
	    ZIP_DEFLATE) < 0 ||
	    zip_add(bk.zip, "EPUB/style.css", css.p, css.n, ZIP_DEFLATE) < 0 ||
	    write_cover(cover, sizeof(cover), &ctype) < 0)
		goto fail;
	if (fflush(sp) != 0 || fflush(bk.uuids) != 0) {
		msg_err(NULL, 0, "temporary file: write error: %s",
		    strerror(errno));
		goto fail;
	}
	rewind(sp);
	if ((k = chapters(sp, jobs)) != 0) {
		if (k > 0)
			msg_err(NULL, 0, "temporary file: read error");
		goto fail;
	}
	nav_finish();
	notes_summary();
	if (write_nav() < 0 || write_ncx() < 0 || write_opf(cover, ctype) < 0)
		goto fail;
	k = zip_close(bk.zip);
	bk.zip = NULL;
	if (out_close(out, k == 0) == 0)
		status = EXIT_OK;
	out = NULL;
	goto done;
fail:
	zip_free(bk.zip);
	bk.zip = NULL;
	out_close(out, 0);
	out = NULL;
done:
	if (sp != NULL)
		fclose(sp);
	free(spbuf);
	if (bk.uuids != NULL)
		fclose(bk.uuids);
	buf_free(&lang);
	buf_free(&authors);
	buf_free(&css);
	spill_free(&bk.nav);
	spill_free(&bk.ncx);
	spill_free(&bk.items);
	spill_free(&bk.images);
	spill_free(&bk.spine);
	buf_free(&bk.tmp);
	buf_free(&bk.lasthref);
	strset_free(&nauthor);
	idset_free(&bk.img);
	idset_free(&bk.noted);
	free(bk.keys);
	free(opt_authors);
	if (derived != NULL)
		free(derived);
	else
		free(book.creators);
	free(book.subjects);
	site_free(&cf);
	free(static_owned);
	return status;
}
