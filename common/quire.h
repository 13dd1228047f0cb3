/*
 * quire.h: the shared library of the quire filters.
 *
 * Every exported name starts with the object it works on (buf_, ir_,
 * date_, url_, utf8_, sha1_, uuid_, conf_, out_, spill_, idset_,
 * msg_, mem_; site_ in site.h).
 * Unless a comment says otherwise, functions that allocate call
 * msg_oom() and exit when memory runs out, so callers never see NULL
 * from them.
 */
#ifndef QUIRE_H
#define QUIRE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifndef QUIRE_VERSION
#define QUIRE_VERSION "0"
#endif

#if defined(__GNUC__)
#define QUIRE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define QUIRE_NORETURN __attribute__((noreturn))
#else
#define QUIRE_PRINTF(a, b)
#define QUIRE_NORETURN
#endif

/* Exit statuses shared by every filter. */
enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

/* ---- messages (msg.c) ---------------------------------------------- */

/* Name used in every message; set by msg_init() from argv[0]. */
extern const char *msg_prog;

/*
 * Open /dev/null on any of fds 0, 1, 2 that is closed (see
 * msg_closed_fds), set msg_prog from argv[0], then handle the options
 * every filter shares: "--version" prints "PROG (quire) VERSION" and exits 0,
 * "--help" prints usage and exits 0.  usage is the synopsis line
 * without the program name.
 */
void msg_init(int argc, char *argv[], const char *usage);

/*
 * Which of fds 0, 1 and 2 were closed when the program started (bit
 * 1 << fd); msg_init() gave each of them /dev/null.
 */
extern int msg_closed_fds;

/* Print "usage: PROG USAGE" to stderr and exit EXIT_USAGE. */
QUIRE_NORETURN void msg_usage(void);

/*
 * Print the usage line and, after msg_getopt() has seen them, one line
 * per option, to stdout, and exit 0 (for -h).
 */
QUIRE_NORETURN void msg_help(void);

/*
 * "PROG: FILE:LINE: MESSAGE" on stderr.  file may be NULL (then only
 * "PROG: MESSAGE"), line 0 leaves out ":LINE".
 */
void msg_err(const char *file, unsigned long line, const char *fmt, ...)
    QUIRE_PRINTF(3, 4);
void msg_verr(const char *file, unsigned long line, const char *fmt,
    va_list ap);

/*
 * How much a run says besides its errors, which are never silenced:
 * MSG_QUIET (-q) nothing, MSG_SUMMARY (the default) one line per kind
 * of note at the end of the run, MSG_VERBOSE (-v) every note.
 */
enum { MSG_QUIET, MSG_SUMMARY, MSG_VERBOSE };
extern int msg_level;

/*
 * A note (an image not embedded, a draft skipped): printed as
 * msg_err() prints, but only at MSG_VERBOSE; the caller counts it for
 * its summary.
 */
void msg_note(const char *file, unsigned long line, const char *fmt, ...)
    QUIRE_PRINTF(3, 4);

/*
 * Kinds of note for the one summary line of a run (md2ir):
 * "PROG: 6 files skipped (4 section pages, 1 draft, 1 page); 212
 * constructs removed or replaced (111 raw <noscript>, 35 MDX
 * components); -v lists them".  A group ("file skipped", "files
 * skipped") holds kinds ("section page", "section pages"); both are in
 * static storage, as the summary keeps pointers to them.
 */
struct msg_group {
	const char *one, *many;
};
struct msg_kind {
	const struct msg_group *group;
	const char *one, *many;
};

/*
 * A note of kind k: counted for msg_summary() and, at MSG_VERBOSE,
 * printed as msg_err() prints it.  Under a capture (below), both go to
 * the capture.
 */
void msg_knote(const struct msg_kind *k, const char *file,
    unsigned long line, const char *fmt, ...) QUIRE_PRINTF(4, 5);
void msg_vknote(const struct msg_kind *k, const char *file,
    unsigned long line, const char *fmt, va_list ap);

/*
 * At MSG_SUMMARY, when a note was counted: the one line that sums the
 * notes of msg_knote() up, groups in the order their first note came,
 * kinds by count (most first, then in order of their first note).
 */
void msg_summary(void);

/*
 * A filter's options, one per entry, ended by an entry whose ch is 0:
 * the letter, the long name (the same name means the same thing in
 * every filter), the argument's name or NULL, and one line of help.
 */
struct msg_opt {
	int         ch;
	const char *name;
	const char *arg;
	const char *help;
};

/*
 * getopt_long(3) over the filter's table o plus the options every
 * filter shares: -h/--help prints the synopsis and one line per
 * option and exits 0, -v/--verbose and -q/--quiet set msg_level, an
 * unknown option or a missing argument prints the usage and exits
 * EXIT_USAGE.  Returns the filter's next letter (optarg set), or -1
 * at the end of the options.  An option the table lacks whose letter
 * is 0 can be given only by its long name: ch is then a value above
 * 255 that the table names.
 */
int msg_getopt(int argc, char *argv[], const struct msg_opt *o);

/* Report that memory ran out and exit EXIT_DATA. */
QUIRE_NORETURN void msg_oom(void);

/* malloc/realloc/strdup that never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* ---- growable byte buffers (buf.c) ----------------------------------- */

/* A byte string that owns its storage; p is NUL-terminated once used. */
struct buf {
	char   *p;
	size_t  n;		/* bytes in use, not counting the NUL */
	size_t  cap;
};

#define BUF_INIT { NULL, 0, 0 }

/* Make room for n more bytes (and a NUL). */
void buf_grow(struct buf *b, size_t n);
void buf_add(struct buf *b, const void *p, size_t n);

/* Append the byte c; inline, for the loops that copy byte by byte. */
static inline void
buf_addc(struct buf *b, int c)
{
	if (b->cap - b->n < 2)
		buf_grow(b, 1);
	b->p[b->n++] = (char)c;
	b->p[b->n] = '\0';
}

void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) QUIRE_PRINTF(2, 3);
/* The same with a va_list (ap is used up, as by vsnprintf). */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    QUIRE_PRINTF(2, 0);
/* Empty the buffer, keeping its storage. */
void buf_reset(struct buf *b);
/* Free the storage; the buffer is empty and usable again. */
void buf_free(struct buf *b);
/* Read all of fp into b; returns 0, or -1 on a read error (errno set). */
int buf_slurp(struct buf *b, FILE *fp);

/*
 * The first pat[0..k) in s[0..n), or NULL (memmem(3), which POSIX does
 * not have); s itself when k is 0.
 */
const char *mem_find(const char *s, size_t n, const char *pat, size_t k);

/* ---- messages kept for later (msg.c) ------------------------------- */

/*
 * The messages (msg_err, msg_verr, msg_knote, msg_note) of one piece of
 * work on a thread, kept to be printed later in a fixed order, so that
 * a run on N threads says what a run on one says, in the same order.
 * msg_capture_begin() sends this thread's messages to c (zeroed by the
 * caller) until msg_capture_end(); msg_capture_mark() remembers how far
 * c goes, msg_capture_cut() drops what came after the mark;
 * msg_capture_flush() writes c's text to stderr, counts its notes for
 * msg_summary() (call it from one thread only, in the order wanted) and
 * frees c; msg_capture_drop() frees c unsaid.  msg_capture_begin()
 * returns the capture it replaces (NULL: stderr), which a nested piece
 * of work gives back to msg_capture_begin() when it ends.  Out of
 * memory still exits at once.
 */
struct msg_capture {
	struct buf   text;
	const struct msg_kind **notes;	/* one per note, in order */
	size_t       nnotes, cap;
	size_t       mark_text, mark_notes;
};
struct msg_capture *msg_capture_begin(struct msg_capture *c);
void msg_capture_end(void);
void msg_capture_mark(struct msg_capture *c);
void msg_capture_cut(struct msg_capture *c);
void msg_capture_flush(struct msg_capture *c);
void msg_capture_drop(struct msg_capture *c);

/* ---- UTF-8 (utf8.c) ------------------------------------------------ */

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if
 * the bytes there are not valid UTF-8 (overlong, surrogate, > U+10FFFF,
 * truncated).  *cp receives the code point.
 */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * Check that s[0..n) is UTF-8 without NUL bytes.  Returns 0 when it is;
 * otherwise -1 with *off set to the offset of the first bad byte and
 * *what to a short description ("NUL byte", "invalid UTF-8").
 */
int utf8_check(const char *s, size_t n, size_t *off, const char **what);

/*
 * Nonzero if a code point must not reach the IR: C0 and C1 controls,
 * DEL, and U+FFFE/U+FFFF (not XML 1.0 characters).  TAB and LF are
 * reported too; callers that keep them test for them first.
 */
int utf8_is_banned(uint32_t cp);

/* ---- dates (date.c) ------------------------------------------------- */

/*
 * Dates are seconds since 1970-01-01T00:00:00Z (negative before it),
 * on the proleptic Gregorian calendar, years 1 to 9999.
 */
#define DATE_MIN  (-62135596800LL)	/* 0001-01-01T00:00:00Z */
#define DATE_MAX  (253402300799LL)	/* 9999-12-31T23:59:59Z */

/*
 * Parse the date forms found in front matter, those of YAML 1.1
 * timestamps and more: "YYYY-MM-DD" (or "YYYY/MM/DD"; month and day of
 * one or two digits), optionally followed by 'T', 't' or blanks and
 * "h:mm[:ss[.frac]]" (hour of one or two digits), optionally followed
 * by blanks and 'Z', "+hh:mm", "+hhmm" or "+hh" (hour of one or two
 * digits); the date's year repeated before the zone, as date(1)
 * prints it ("18:30:22 2023 -0800"), is skipped.  Or a date in words,
 * as JavaScript's Date, Hugo and Ruby read one: an optional day name,
 * "Jul 8 2022", "July 8th, 2022" or "8 July 2022", an optional
 * "h:mm[:ss]", an optional zone (a name: "GMT", "EST", "CEST"; an
 * offset: "+0200", "GMT+02:00") and a "(comment)", as
 * Date.prototype.toString() writes them.  White space around it, ASCII or Unicode (U+00A0...), is
 * ignored; inside it, only blanks.  The whole string must match and
 * name a real day.  A date without a zone is UTC.  Returns 0 and sets
 * *t, or -1.
 */
int date_parse(const char *s, int64_t *t);

/*
 * date_parse, but a date without a zone is read in zone, an IANA name
 * ("Europe/Paris") looked up in the system's zoneinfo (through TZ and
 * mktime(3)); zone NULL is UTC.
 */
int date_parse_in(const char *s, const char *zone, int64_t *t);

/*
 * Nonzero if zone names a zone of the system's zoneinfo ($TZDIR, else
 * /usr/share/zoneinfo): a relative name without "..".
 */
int date_zone_ok(const char *zone);

/*
 * The C library's time zone is the process's (TZ): code that sets TZ
 * for a call (date.c, permalink.c) holds this lock from before it
 * reads TZ until it has put TZ back, so that threads (md2ir -j) never
 * see one another's zone nor read the environment while it changes.
 */
void date_tz_lock(void);
void date_tz_unlock(void);

/* Parse exactly the IR form "YYYY-MM-DDTHH:MM:SSZ"; 0 or -1. */
int date_parse_ir(const char *s, size_t n, int64_t *t);

/* Buffer sizes for the formatters below, NUL included. */
#define DATE_IR_LEN	21	/* 2017-11-20T16:32:45Z */
#define DATE_822_LEN	32	/* Mon, 20 Nov 2017 16:32:45 +0000 */
#define DATE_ASC_LEN	25	/* Mon Nov 20 16:32:45 2017 */

/* Format t as RFC 3339 UTC, the IR form. */
void date_fmt_ir(int64_t t, char out[DATE_IR_LEN]);
/* Format t as RFC 5322 / RFC 822 in UTC, English names, no locale. */
void date_fmt_822(int64_t t, char out[DATE_822_LEN]);
/* Format t as asctime(3) does in UTC, without the newline. */
void date_fmt_asc(int64_t t, char out[DATE_ASC_LEN]);

/* Split t into its UTC calendar fields (month 1-12, wday 0 = Sunday). */
struct date_tm {
	int year, mon, mday, hour, min, sec, wday;
};
void date_split(int64_t t, struct date_tm *tm);

/*
 * The SOURCE_DATE_EPOCH environment variable as a date: 0 and *t set
 * when it is present and valid, -1 otherwise.
 */
int date_source_epoch(int64_t *t);

/*
 * Parse a date of RFC 822 / RFC 2822 as feeds write it, with the
 * variants found in the wild: an optional day name (full or short, with
 * or without a comma), a one-digit day, full or short month names
 * (any case, "Sept"), two-digit years (RFC 2822, 4.3), no seconds, a
 * one-digit hour, zones as +hhmm, +hh:mm, names (GMT, UT, UTC, Z, EST,
 * PDT, CET, ...; military letters count as UTC), "GMT+2", or none
 * (UTC), and a trailing "(comment)".  Returns 0 and sets *t, or -1.
 */
int date_parse_822(const char *s, int64_t *t);

/*
 * Any date a feed may carry: date_parse() (RFC 3339, W3C-DTF with a
 * day), then date_parse_822(), then W3C-DTF's "YYYY" and "YYYY-MM"
 * (the first day of them); white space around is ignored.  0 or -1.
 */
int date_parse_feed(const char *s, int64_t *t);

/* ---- URLs (url.c) --------------------------------------------------- */

/* Nonzero if s starts with a URI scheme followed by ':'. */
int url_has_scheme(const char *s);

/*
 * Resolve ref against the absolute URL base (RFC 3986, section 5.2),
 * appending the result to out.  A ref with a scheme is copied as is.
 */
void url_resolve(const char *base, const char *ref, struct buf *out);

/*
 * Join a site base URL and a root-relative path by concatenation:
 * "https://h/blog/" + "/x" gives "https://h/blog/x".  Appends to out.
 */
void url_join(const char *base, const char *path, struct buf *out);

/*
 * The host of an absolute URL ("https://user@Host:443/x" gives
 * "Host"), as a pointer into url and a length; NULL when there is none.
 */
const char *url_host(const char *url, size_t *len);

/*
 * Append url written as an RFC 3986 URI, the one rule of every output
 * (quire-ir.5, URLS): the host of an absolute URL in its IDNA ASCII
 * form (libidn2, UTS #46), and every byte a URI cannot hold (space,
 * controls, non-ASCII, '"<>\\^`{|}', '[' and ']' outside an IP
 * literal host, a '%' that starts no escape, a second '#')
 * percent-encoded, so UTF-8 text becomes percent-encoded UTF-8.
 * Escapes already there are kept; a URI is appended as it is.
 */
void url_normalize(struct buf *out, const char *url);

/* The value of the hex digit c (as in "%2F"), or -1. */
int url_hexval(int c);

/*
 * Nonzero if a reader may be given url as a link or image: a relative
 * reference, or an http, https or mailto URL (the scheme read as a
 * browser reads it, TAB/LF/CR and leading controls ignored).  Every
 * URL-valued field and every href/src written into any output passes
 * this one allow-list (javascript:, data:, vbscript:, file: ... fail).
 */
int url_scheme_ok(const char *url);

/*
 * NULL if url can be a site's base URL (-b, a site configuration's
 * url): an absolute http or https URL with a host, no query or
 * fragment and nothing to percent-encode, which every permalink is
 * joined to; else why not, a phrase to follow the URL in a message
 * ("has no host").
 */
const char *url_base_why(const char *url);

/*
 * Nonzero if s[0..n) is an id quire-ir(5) accepts: an absolute URI
 * (a scheme, no control or <>"{}|\^`; a space is written %20) whose scheme is not one
 * that runs or reads something (javascript, vbscript, data, blob,
 * file).
 */
int url_id_ok(const char *s, size_t n);

/*
 * Make the relative URLs of the HTML fragment html[0..n) absolute
 * against the absolute URL base, appending the fragment to out
 * (htmlurl.c: which attributes, and what stays as it is).  With base
 * NULL, out is left alone.  Returns the number of relative URLs met.
 */
size_t url_html_absolute(const char *html, size_t n, const char *base,
    struct buf *out);

/* ---- hashing and identity (sha1.c) ---------------------------------- */

struct sha1 {
	uint32_t h[5];
	uint64_t len;
	unsigned char blk[64];
	size_t   nblk;
};

void sha1_init(struct sha1 *c);
void sha1_update(struct sha1 *c, const void *p, size_t n);
void sha1_final(struct sha1 *c, unsigned char md[20]);

#define UUID_LEN 37		/* 36 characters and the NUL */

/*
 * The name-based (version 5, SHA-1) UUID of name in the URL namespace
 * of RFC 4122, in lower-case text form.
 */
void uuid_v5(const char *name, size_t n, char out[UUID_LEN]);

/*
 * The same for a name given in pieces: uuid_v5_begin(c), then
 * sha1_update(c, ...) on each piece, then uuid_v5_end(c, out).
 */
void uuid_v5_begin(struct sha1 *c);
void uuid_v5_end(struct sha1 *c, char out[UUID_LEN]);

/*
 * A UUID's 16 bytes b as its text ("6ba7b811-9dad-11d1-..."), in lower
 * case (RFC 4122, 3), and back: uuid_bytes() reads a text uuid_fmt()
 * wrote (36 hexadecimal digits and hyphens; nothing is checked).
 */
void uuid_fmt(const unsigned char b[16], char out[UUID_LEN]);
void uuid_bytes(const char *s, unsigned char b[16]);

/* 64-bit FNV-1a hash of n bytes. */
uint64_t hash64(const void *p, size_t n);

/* ---- the IR (ir.c); specified in quire-ir.5 ------------------------ */

/* Field indexes, 0-based; quire-ir.5 numbers them from 1.  Append only. */
enum ir_field {
	IR_DATE,		/* YYYY-MM-DDTHH:MM:SSZ, required */
	IR_ID,			/* stable id, an absolute URI, required */
	IR_TITLE,
	IR_PERMALINK,
	IR_LINK,		/* external link of a link post */
	IR_SUMMARY,
	IR_AUTHORS,		/* multi-valued */
	IR_CATEGORIES,		/* multi-valued */
	IR_TAGS,		/* multi-valued */
	IR_IMAGE,
	IR_UPDATED,		/* YYYY-MM-DDTHH:MM:SSZ or empty */
	IR_LANG,
	IR_SOURCE,		/* path of the Markdown file, "-" for stdin */
	IR_EXTRA,		/* other front matter keys, one JSON object */
	IR_HTML,		/* multi-line */
	IR_MARKDOWN,		/* multi-line */
	IR_NFIELDS
};

/* The kinds of field, which decide how a value is escaped. */
enum ir_kind { IR_KIND_LINE, IR_KIND_LIST, IR_KIND_TEXT };

/* Kind of field f. */
enum ir_kind ir_field_kind(enum ir_field f);

/* Separator between the values of a multi-valued field. */
#define IR_LIST_SEP '|'

/* The values of a multi-valued field, decoded. */
struct ir_list {
	char  **v;
	size_t  n;
	size_t  cap;
};

/*
 * One issue as read.  Every string points into storage the reader
 * owns; it is valid until the next ir_read() or ir_reader_close().
 */
struct ir_record {
	const char     *f[IR_NFIELDS];	/* decoded, "" when absent */
	size_t          len[IR_NFIELDS];
	struct ir_list  authors, categories, tags;
	int64_t         date;		/* field 1 */
	int64_t         updated;	/* field 11, or date when empty */
	const char     *file;		/* where the record came from */
	unsigned long   line;
};

struct ir_reader;

/*
 * A reader over the files named by argv[0..argc) in turn; "-" is
 * standard input, and no operands at all means standard input.
 * Files are opened as the reader reaches them.
 */
struct ir_reader *ir_reader_open(int argc, char *argv[]);

/*
 * Read the next record into rec.  Returns 1 for a record, 0 at the end
 * of the last file, -1 after printing "prog: file:line: reason" for a
 * malformed record or an I/O error.  After -1 the reader may be called
 * again and goes on with the next line.
 */
int ir_read(struct ir_reader *r, struct ir_record *rec);

/* Free the reader; returns the number of errors it reported. */
unsigned long ir_reader_close(struct ir_reader *r);

/*
 * Writer side: append one field value to a line under construction.
 * ir_put_line folds runs of white space to one space, trims the ends
 * and drops banned characters; ir_put_list does that to each value,
 * drops empty ones, escapes '\' and '|' and joins with IR_LIST_SEP;
 * ir_put_text escapes '\\', TAB and LF, drops CR and banned characters.
 * None of them adds the TAB between fields.
 */
void ir_put_line(struct buf *b, const char *s, size_t n);
void ir_put_list(struct buf *b, const char *const *v, size_t n);
void ir_put_text(struct buf *b, const char *s, size_t n);

/*
 * Field 13, the source path, carried exactly (quire-ir.5): valid UTF-8
 * is copied as it is, white space included; '%', controls, bidi
 * controls and bytes that are not UTF-8 are written as %XX, which the
 * reader undoes, so rec->f[IR_SOURCE] holds the path's very bytes.
 */
void ir_put_source(struct buf *b, const char *s, size_t n);

/*
 * Derived identities, one rule for every output (quire-ir.5, IDENTITY).
 * ir_id_uuid: the UUID of an issue's id.  ir_id_domain: the host of
 * the permalink, else of the id, else "quire.invalid"; points into
 * the arguments or to a constant.
 */
void ir_id_uuid(const struct ir_record *rec, char out[UUID_LEN]);
const char *ir_id_domain(const struct ir_record *rec, size_t *len);

/*
 * Split an author of field 7, "Name <address>" or a bare name, after
 * trimming white space: the name is (*name)[0..*nname), possibly
 * empty; the address is what stands between the last '<' and the
 * closing '>', as (*addr)[0..*naddr), or *addr is NULL when s does not
 * end in such a part.  Pointers are into s.
 */
void ir_author_split(const char *s, const char **name, size_t *nname,
    const char **addr, size_t *naddr);

/*
 * Nonzero if s[0..n) is a well-formed language tag for field 12, the
 * xml:lang shape every output accepts (RFC 5646's syntax, loosely):
 * 1 to 8 letters, then any number of "-" and 1 to 8 letters or digits.
 */
int ir_lang_ok(const char *s, size_t n);

/* ---- set of ids (idset.c) ------------------------------------------- */

/* A set of strings, kept as 64-bit hashes: 11 to 21 bytes a member. */
struct idset {
	uint64_t *slot;
	size_t    n, cap;
};

#define IDSET_INIT { NULL, 0, 0 }

/* Add s; returns 1 if it was new, 0 if it was (very likely) there. */
int idset_add(struct idset *s, const char *p, size_t n);
void idset_free(struct idset *s);

/* ---- exact set of strings (strset.c) ---------------------------------- */

/*
 * An exact set of strings, each with a counter (val) the caller may
 * use; adding and looking up take constant time on average, so loops
 * over n items stay O(n).  The set owns copies of its strings.
 */
struct strset_slot {
	uint64_t  h;
	char     *s;		/* NULL: empty slot */
	size_t    n;
	size_t    val;
};
struct strset {
	struct strset_slot *slot;
	size_t              n, cap;
};

#define STRSET_INIT { NULL, 0, 0 }

/*
 * The slot of p[0..n), added (val 0) when absent and add is set; NULL
 * when absent and add is not.  Valid until the next add.
 */
struct strset_slot *strset_get(struct strset *s, const char *p, size_t n,
    int add);
/* Add p[0..n); 1 if it was new, 0 if it was there. */
int strset_add(struct strset *s, const char *p, size_t n);
/* Empty the set (in O(1024) at most, plus its members). */
void strset_reset(struct strset *s);
void strset_free(struct strset *s);

/* ---- YAML nesting (conf.c; the site configuration is site.h) ------- */

/*
 * Check the flow nesting ("[[[...") of the n bytes of YAML text at
 * yaml before libyaml, whose time is quadratic in it, parses it: 0
 * when it stays within max levels, else the 1-based line where it
 * goes deeper.  The text need not end in a NUL.
 */
unsigned long conf_flow_depth(const char *yaml, size_t n, int max);

/* ---- output files (out.c) ------------------------------------------- */

/*
 * The stdio buffer, in bytes, of the streams that carry a whole run's
 * text: the output, the IR read in, a feed's spool.  glibc ignores the
 * size setvbuf() is given with a NULL buffer and sizes its own by
 * st_blksize (4096 for a pipe), so the buffer is always passed in.
 */
#define OUT_BUFSIZ	65536

/*
 * Open the output: standard output when path is NULL, "-" or
 * /dev/stdout; a device or FIFO is written directly; else (links
 * followed) a temporary file beside the target, without a name where
 * the file system allows, that out_close() renames over it, keeping
 * the old file's mode (less set-id bits), owner and group where it
 * may.  Returns NULL after printing a message ("standard output is
 * closed" when fd 1 was closed at start).  One output per process.
 */
FILE *out_open(const char *path);

/*
 * Finish the output.  With ok nonzero: flush, check for write errors
 * (the errno of the first failed write is kept and printed), fsync and
 * rename the temporary file over the target, unless the new bytes are
 * the old ones: then the target is left untouched, mtime included.
 * Returns 0, or -1 after printing a message (the target is then
 * untouched).  With ok zero: drop the temporary file and return -1.
 * fp is closed either way.
 */
int out_close(FILE *fp, int ok);

/*
 * Refuse an -o path that is one of the inputs argv[0..argc), or that
 * exists and is named like an input or a Markdown post (a glob that
 * slipped after -o).  Returns 0, or -1 after a message; call it before
 * anything is read or written.
 */
int out_refuse_input(const char *path, int argc, char *argv[]);

/*
 * A read-write temporary file in $TMPDIR (else /tmp) that has no name
 * (or is unlinked at once); NULL on failure, after the message
 * "cannot create a temporary file in DIR: reason".  With iobuf not
 * NULL, for a file that carries a whole run's text, the stream gets a
 * stdio buffer of OUT_BUFSIZ bytes, stored at *iobuf (NULL on
 * failure) for the caller to free after fclose().
 */
FILE *out_spool(char **iobuf);

/* ---- spill streams (spill.c) -------------------------------------- */

/*
 * An append-only byte stream for what grows with the input but is read
 * only at the end: less than SPILL_MEM bytes stay in memory, the rest
 * goes to an unnamed temporary file (out_spool(), in $TMPDIR), made
 * when it is first needed.  Zeroed (SPILL_INIT) it is empty.
 */
#define SPILL_MEM	(64 * 1024)

struct spill {
	struct buf  mem;	/* the last bytes, not yet in the file */
	FILE       *fp;		/* the temporary file, or NULL */
	uint64_t    nfile;	/* bytes in the file */
	int         err;	/* a message was printed: unusable */
};

#define SPILL_INIT { BUF_INIT, NULL, 0, 0 }

/*
 * Append p[0..n) (copied: the caller may reuse p).  Returns 0, or -1
 * after a message ("cannot create a temporary file: reason",
 * "temporary file: write error: reason"); the stream then refuses
 * every call, silently, until spill_free().
 */
int spill_add(struct spill *s, const void *p, size_t n);

/*
 * Call fn(arg, p, n) on the bytes of s in order, in pieces of at most
 * SPILL_MEM bytes that are valid only during the call; s may be read
 * again, or added to, after.  Returns 0; -1 as soon as fn returns a
 * negative value (fn says why), or after a message when the temporary
 * file cannot be read back.
 */
int spill_each(struct spill *s, int (*fn)(void *arg, const void *p,
    size_t n), void *arg);

/* The bytes of s. */
uint64_t spill_size(const struct spill *s);

/* Close the temporary file and free the memory; s is empty again. */
void spill_free(struct spill *s);

/* ---- limits (limits.c) ---------------------------------------------- */

/*
 * The bounds within which every filter runs in time linear in its
 * input (README; LIMITS in the man pages).  Past them the input is
 * refused with a message naming the limit.
 */
#define LIMIT_FILE		(32 << 20)	/* one Markdown file, bytes */
#define LIMIT_MD_UNCLOSED	200000000ULL	/* bytes scanned by open <? */
#define LIMIT_TABLE_PIPES	1000		/* '|' in one table row */
#define LIMIT_TABLE_SQUARES	100000000ULL	/* sum of ('|' per row)^2 */
#define LIMIT_TABLE_CELLS	500000		/* columns x rows, padded */
#define LIMIT_HTML_ATTRS	1000		/* attributes of one element */
#define LIMIT_MD_NEST		100		/* containers a line opens */
#define LIMIT_MD_AUTOLINK	50000000ULL	/* autolink scan estimate */

/*
 * Measure Markdown s[0..n) before cmark-gfm parses it: unclosed '<?'
 * and '<![CDATA[' (each scans to the end of the text), block quotes and
 * list items opened on one line (each node added below them walks up
 * through all of them), the text autolinks scan ("www." and "://",
 * each to the next blank, once more for every ')' in it) and GFM
 * tables ('|' per row, padded cells).  NULL when within the limits, else a
 * message naming the limit (static storage) and *off the offset of
 * the first offending byte.
 */
const char *limits_markdown(const char *s, size_t n, size_t *off);

/*
 * Measure HTML s[0..n) before libxml2's HTML parser: attributes per
 * element.  NULL, or a message as above.
 */
const char *limits_html(const char *s, size_t n, size_t *off);

/*
 * Read fp into b, checking as it reads: it stops after the block that
 * holds a NUL byte (the caller's UTF-8 check reports it, so
 * /dev/zero costs 64 KiB), fails with EFBIG past max bytes, and with
 * EBADF on a standard input that was closed at start.  Returns 0, or
 * -1 with errno set.
 */
int buf_slurp_max(struct buf *b, FILE *fp, size_t max);

/* strerror(e), except EFBIG and EBADF say which limit or what closed. */
const char *limits_strerror(int e);

#endif
