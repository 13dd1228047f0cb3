/* ir.c: writing and reading the IR (quire-ir.5). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "quire.h"
#include "v16.h"

struct ir_reader {
	int             argc;
	char          **argv;
	int             next;		/* next operand to open */
	FILE           *fp;
	const char     *name;		/* of the open file, for messages */
	unsigned long   line;
	char           *lbuf;
	size_t          lcap;
	char           *iobuf;		/* the open file's stdio buffer */
	struct ir_list  list[3];	/* authors, categories, tags */
	unsigned long   nerr;
};

enum ir_kind
ir_field_kind(enum ir_field f)
{
	switch (f) {
	case IR_AUTHORS:
	case IR_CATEGORIES:
	case IR_TAGS:
		return IR_KIND_LIST;
	case IR_HTML:
	case IR_MARKDOWN:
		return IR_KIND_TEXT;
	default:
		return IR_KIND_LINE;
	}
}

static int
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/*
 * Nonzero for the bidirectional embedding, override and isolate
 * controls (U+202A-U+202E, U+2066-U+2069) that single-line fields do
 * not carry: "invoice \u202Egnp.exe" must not display as a .png.
 */
static int
is_bidi(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/*
 * The single-line rule, with '\' and '|' escaped when esc is set.
 * Bytes that are not UTF-8 are dropped like banned characters.
 */
static void
put_folded(struct buf *b, const char *s, size_t n, int esc)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, len;
	uint32_t c;
	int space = 0, any = 0;

	while (i < n) {
		/* A run of visible ASCII that needs no escape: in one piece. */
		for (k = i; k < n && u[k] > ' ' && u[k] < 0x7f && (!esc ||
		    (u[k] != '\\' && u[k] != IR_LIST_SEP)); k++)
			;
		if (k > i) {
			if (space)
				buf_addc(b, ' ');
			space = 0;
			any = 1;
			buf_add(b, s + i, k - i);
			i = k;
			continue;
		}
		len = utf8_decode(u + i, n - i, &c);
		if (len == 0) {
			i++;
			continue;
		}
		if (is_space(c)) {
			space = any;
		} else if (!utf8_is_banned(c) && !is_bidi(c)) {
			if (space)
				buf_addc(b, ' ');
			space = 0;
			any = 1;
			if (esc && (c == '\\' || c == IR_LIST_SEP))
				buf_addc(b, '\\');
			buf_add(b, s + i, len);
		}
		i += len;
	}
}

void
ir_put_line(struct buf *b, const char *s, size_t n)
{
	put_folded(b, s, n, 0);
}

void
ir_put_list(struct buf *b, const char *const *v, size_t n)
{
	size_t i, mark;
	int first = 1;

	for (i = 0; i < n; i++) {
		mark = b->n;
		if (!first)
			buf_addc(b, IR_LIST_SEP);
		put_folded(b, v[i], strlen(v[i]), 1);
		if (b->n == mark + !first) {
			/* Nothing but white space: an empty value is not written. */
			b->n = mark;
			b->p[b->n] = '\0';
		} else {
			first = 0;
		}
	}
}

void
ir_put_source(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len, k;
	uint32_t c;

	while (i < n) {
		len = utf8_decode(u + i, n - i, &c);
		if (len == 0 || c == '%' || utf8_is_banned(c) || is_bidi(c)) {
			/* One byte at a time: exact, whatever it was. */
			for (k = 0; k < (len ? len : 1); k++)
				buf_printf(b, "%%%02X", u[i + k]);
			i += len ? len : 1;
			continue;
		}
		buf_add(b, s + i, len);
		i += len;
	}
}

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
#define HASZERO(x)	(((x) - ONES) & ~(x) & HIGHS)

/* Nonzero if all eight bytes at p are printable ASCII. */
static int
printable8(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return (w & HIGHS) == 0 && (((w - 0x20 * ONES) & ~w & HIGHS) == 0) &&
	    HASZERO(w ^ (0x7f * ONES)) == 0;
}

#ifndef V16_OK
/* Nonzero if all eight bytes at p are printable ASCII other than '\\'. */
static int
plain8(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return (w & HIGHS) == 0 && (((w - 0x20 * ONES) & ~w & HIGHS) == 0) &&
	    HASZERO(w ^ (0x7f * ONES)) == 0 && HASZERO(w ^ ('\\' * ONES)) == 0;
}
#endif

#ifdef V16_OK
/*
 * How many of the sixteen bytes at p, from the first, are printable
 * ASCII other than '\\'.
 */
static size_t
plain16(const unsigned char *p)
{
	v16 v = v16_load(p);

	return v16_first(v16_unprintable(v) | (v == V16('\\')));
}
#endif

void
ir_put_text(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t c;
	char *o;
#ifdef V16_OK
	size_t k;
#endif

	/* At most two bytes out for each byte in: write without checks. */
	buf_grow(b, 2 * n);
	o = b->p + b->n;
	while (i < n) {
#ifdef V16_OK
		/*
		 * Sixteen bytes at a time, the plain ones kept: o is at
		 * most 2 * i bytes on, so o + 16 is inside the 2 * n.
		 */
		while (i + 16 <= n) {
			k = plain16(u + i);
			memcpy(o, u + i, 16);
			o += k;
			i += k;
			if (k < 16)
				break;
		}
#else
		/* Copy eight plain bytes at a time while there are some. */
		while (i + 8 <= n && plain8(u + i)) {
			memcpy(o, u + i, 8);
			o += 8;
			i += 8;
		}
#endif
		if (i == n)
			break;
		c = u[i];
		if (c >= 0x20 && c < 0x7f && c != '\\') {
			*o++ = (char)c;
			i++;
			continue;
		}
		if (c < 0x80) {
			if (c == '\\')
				*o++ = '\\', *o++ = '\\';
			else if (c == '\t')
				*o++ = '\\', *o++ = 't';
			else if (c == '\n')
				*o++ = '\\', *o++ = 'n';
			i++;
			continue;
		}
		len = utf8_decode(u + i, n - i, &c);
		if (len == 0) {
			i++;
			continue;
		}
		if (!utf8_is_banned(c)) {
			memcpy(o, s + i, len);
			o += len;
		}
		i += len;
	}
	b->n = (size_t)(o - b->p);
	b->p[b->n] = '\0';
}

void
ir_id_uuid(const struct ir_record *rec, char out[UUID_LEN])
{
	uuid_v5(rec->f[IR_ID], rec->len[IR_ID], out);
}

const char *
ir_id_domain(const struct ir_record *rec, size_t *len)
{
	const char *h;

	if ((h = url_host(rec->f[IR_PERMALINK], len)) != NULL ||
	    (h = url_host(rec->f[IR_ID], len)) != NULL)
		return h;
	*len = strlen("quire.invalid");
	return "quire.invalid";
}

void
ir_author_split(const char *s, const char **name, size_t *nname,
    const char **addr, size_t *naddr)
{
	size_t n = strlen(s), k;

	while (n > 0 && is_space((unsigned char)*s))
		s++, n--;
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	*name = s;
	*nname = n;
	*addr = NULL;
	*naddr = 0;
	if (n == 0 || s[n - 1] != '>')
		return;
	for (k = n - 1; k > 0; k--)
		if (s[k - 1] == '<')
			break;
	if (k == 0)
		return;
	*addr = s + k;
	*naddr = n - 1 - k;
	for (k--; k > 0 && is_space((unsigned char)s[k - 1]); k--)
		;
	*nname = k;
}

int
ir_lang_ok(const char *s, size_t n)
{
	size_t i = 0, k;
	int first = 1;

	for (;;) {
		for (k = i; i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (!first && s[i] >= '0' && s[i] <= '9')); i++)
			;
		if (i == k || i - k > 8)
			return 0;
		if (i == n)
			return 1;
		if (s[i++] != '-')
			return 0;
		first = 0;
	}
}

struct ir_reader *
ir_reader_open(int argc, char *argv[])
{
	static char *dash[] = { "-", NULL };
	struct ir_reader *r = xcalloc(1, sizeof(*r));

	if (argc == 0) {
		argc = 1;
		argv = dash;
	}
	r->argc = argc;
	r->argv = argv;
	return r;
}

static void
close_current(struct ir_reader *r)
{
	if (r->fp != NULL && r->fp != stdin)
		fclose(r->fp);
	r->fp = NULL;
}

/*
 * Open the next operand; 1 when one is open, 0 when none is left.
 * Both kinds of stream get a buffer of OUT_BUFSIZ: glibc's own is
 * 4096 bytes on a pipe, a read(2) for every 4 KB of a run's IR.
 */
static int
open_next(struct ir_reader *r)
{
	static char stdin_buf[OUT_BUFSIZ];
	static int stdin_set;
	const char *path;

	while (r->fp == NULL) {
		if (r->next >= r->argc)
			return 0;
		path = r->argv[r->next++];
		r->line = 0;
		if (strcmp(path, "-") == 0 && (msg_closed_fds & 1)) {
			/* Not an empty input: -o must keep its old file. */
			msg_err(NULL, 0, "standard input is closed");
			r->nerr++;
			return -1;
		} else if (strcmp(path, "-") == 0) {
			r->fp = stdin;
			r->name = "<stdin>";
			/* Before its first read only; it outlives the reader. */
			if (!stdin_set) {
				setvbuf(stdin, stdin_buf, _IOFBF,
				    sizeof(stdin_buf));
				stdin_set = 1;
			}
		} else if ((r->fp = fopen(path, "r")) == NULL) {
			msg_err(path, 0, "%s", strerror(errno));
			r->nerr++;
			return -1;
		} else {
			r->name = path;
			if (r->iobuf == NULL)
				r->iobuf = xmalloc(OUT_BUFSIZ);
			setvbuf(r->fp, r->iobuf, _IOFBF, OUT_BUFSIZ);
		}
	}
	return 1;
}

/* How many bytes at u[0..n), from the first, are printable ASCII. */
static size_t
printable_run(const unsigned char *u, size_t n)
{
	size_t k = 0;
#ifdef V16_OK
	size_t m;

	for (; k + 16 <= n; k += m)
		if ((m = v16_first(v16_unprintable(v16_load(u + k)))) < 16)
			return k + m;
#endif
	while (k + 8 <= n && printable8(u + k))
		k += 8;
	while (k < n && u[k] >= 0x20 && u[k] < 0x7f)
		k++;
	return k;
}

static int
bad(struct ir_reader *r, const char *fmt, ...) QUIRE_PRINTF(2, 3);

static int
bad(struct ir_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_verr(r->name, r->line, fmt, ap);
	va_end(ap);
	r->nerr++;
	return -1;
}

/* Undo the text escapes in place; returns the new length or -1. */
static long
unescape_text(char *s, size_t n)
{
	size_t i = 0, o = 0, run;
	char *bs;

	while (i < n) {
		/* Move the run up to the next backslash in one go. */
		bs = memchr(s + i, '\\', n - i);
		run = (bs != NULL ? (size_t)(bs - s) : n) - i;
		if (o != i)
			memmove(s + o, s + i, run);
		o += run;
		i += run;
		if (i == n)
			break;
		if (++i == n)
			return -1;
		switch (s[i++]) {
		case '\\': s[o++] = '\\'; break;
		case 't':  s[o++] = '\t'; break;
		case 'n':  s[o++] = '\n'; break;
		default:   return -1;
		}
	}
	s[o] = '\0';
	return (long)o;
}

/* Split a list field in place into l; 0 or -1 on a bad escape. */
static int
split_list(char *s, size_t n, struct ir_list *l)
{
	size_t i, o = 0;
	char *start = s;

	l->n = 0;
	if (n == 0)
		return 0;
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == IR_LIST_SEP) {
			s[o++] = '\0';
			if (l->n == l->cap) {
				l->cap = l->cap ? 2 * l->cap : 8;
				l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
			}
			l->v[l->n++] = start;
			start = s + o;
			continue;
		}
		if (s[i] == '\\') {
			if (i + 1 == n || (s[i + 1] != '\\' &&
			    s[i + 1] != IR_LIST_SEP))
				return -1;
			i++;
		}
		s[o++] = s[i];
	}
	return 0;
}

static const char empty[] = "";

/*
 * Drop the bidi controls from s[0..*n) in place.  Each of them is
 * encoded with the lead byte 0xE2, which no other character holds
 * inside it: the bytes before the first 0xE2 stay where they are.
 */
static void
strip_bidi(char *s, size_t *n)
{
	const char *e2 = memchr(s, 0xe2, *n);
	size_t i, o, len;
	uint32_t c;

	if (e2 == NULL)
		return;		/* s[*n] is already the NUL */
	i = o = (size_t)(e2 - s);
	while (i < *n) {
		len = utf8_decode((const unsigned char *)s + i, *n - i, &c);
		if (len == 0)
			len = 1;
		else if (is_bidi(c)) {
			i += len;
			continue;
		}
		if (o != i)
			memmove(s + o, s + i, len);
		o += len;
		i += len;
	}
	s[o] = '\0';
	*n = o;
}

/* Undo ir_put_source's %XX in place; returns the new length. */
static size_t
unescape_source(char *s, size_t n)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (hi = url_hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = url_hexval((unsigned char)s[i + 2])) >= 0) {
			s[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	return o;
}

/*
 * Note and leave out a URL-valued field that fails the allow-list, so
 * that no output writes it.
 */
static void
url_field(struct ir_reader *r, struct ir_record *rec, enum ir_field k)
{
	if (rec->len[k] == 0 || url_scheme_ok(rec->f[k]))
		return;
	msg_err(r->name, r->line, "field %d: '%s' is not an http, https, "
	    "mailto or relative URL; left out", k + 1, rec->f[k]);
	rec->f[k] = empty;
	rec->len[k] = 0;
}

/*
 * What the writer guarantees, made true of any IR: no bidi controls in
 * single-line fields, no URL a reader would run, the source path
 * exact.
 */
static void
fields_clean(struct ir_reader *r, struct ir_record *rec)
{
	struct ir_list *l;
	const char *nm, *ad;
	size_t nn, na, i;
	int k;

	for (k = 0; k < IR_NFIELDS; k++)
		if (ir_field_kind(k) == IR_KIND_LINE && k != IR_SOURCE &&
		    rec->f[k] != empty)
			strip_bidi((char *)rec->f[k], &rec->len[k]);
	for (k = 0; k < 3; k++) {
		l = &r->list[k];
		for (i = 0; i < l->n; i++) {
			nn = strlen(l->v[i]);
			strip_bidi(l->v[i], &nn);
		}
	}
	url_field(r, rec, IR_PERMALINK);
	url_field(r, rec, IR_LINK);
	url_field(r, rec, IR_IMAGE);
	/* An author's address that is a URL must pass too. */
	l = &r->list[0];
	for (i = 0; i < l->n; i++) {
		ir_author_split(l->v[i], &nm, &nn, &ad, &na);
		if (ad == NULL || na == 0 || !url_has_scheme(ad) ||
		    url_scheme_ok(ad))
			continue;
		msg_err(r->name, r->line, "field 7: author '%s': the address "
		    "is not an http, https or mailto URL; left out", l->v[i]);
		memmove(l->v[i], nm, nn);
		l->v[i][nn] = '\0';
	}
	if (rec->f[IR_SOURCE] != empty)
		rec->len[IR_SOURCE] = unescape_source((char *)rec->f[IR_SOURCE],
		    rec->len[IR_SOURCE]);
}

int
ir_read(struct ir_reader *r, struct ir_record *rec)
{
	ssize_t got;
	size_t n, i, len;
	uint32_t cp;
	char *p, *tab;
	long m;
	int k, o;

	for (;;) {
		if ((o = open_next(r)) <= 0)
			return o;
		errno = 0;
		got = getline(&r->lbuf, &r->lcap, r->fp);
		if (got >= 0)
			break;
		/*
		 * getline() failing for lack of memory is no end of input:
		 * it sets ENOMEM but not the error flag.
		 */
		if (ferror(r->fp) || (errno != 0 && !feof(r->fp))) {
			if (errno == ENOMEM)
				msg_err(r->name, r->line + 1, "out of memory "
				    "reading this line");
			else
				msg_err(r->name, 0, "%s",
				    strerror(errno ? errno : EIO));
			r->nerr++;
			close_current(r);
			return -1;
		}
		close_current(r);
	}
	r->line++;
	n = (size_t)got;
	if (n > 0 && r->lbuf[n - 1] == '\n')
		r->lbuf[--n] = '\0';
	memset(rec, 0, sizeof(*rec));
	rec->file = r->name;
	rec->line = r->line;
	if (n == 0)
		return bad(r, "empty line");
	/*
	 * One pass checks the UTF-8 and every character the IR bans:
	 * NUL and the other controls but TAB, C1, U+FFFE and U+FFFF.
	 */
	for (i = 0; i < n; i += len) {
		const unsigned char *u = (const unsigned char *)r->lbuf + i;

		if (*u >= 0x20 && *u < 0x7f) {
			len = printable_run(u, n - i);
			continue;
		}
		if (*u == 0)
			return bad(r, "NUL byte at byte %zu", i + 1);
		if ((len = utf8_decode(u, n - i, &cp)) == 0)
			return bad(r, "invalid UTF-8 at byte %zu", i + 1);
		if (cp != '\t' && utf8_is_banned(cp))
			return bad(r, "character U+%04X at byte %zu is not "
			    "allowed in the IR", (unsigned)cp, i + 1);
	}

	for (k = 0; k < 3; k++)
		r->list[k].n = 0;
	p = r->lbuf;
	for (k = 0; k < IR_NFIELDS; k++) {
		if (p == NULL) {
			rec->f[k] = empty;
			continue;
		}
		tab = memchr(p, '\t', n - (size_t)(p - r->lbuf));
		if (tab != NULL)
			*tab = '\0';
		rec->f[k] = p;
		rec->len[k] = tab != NULL ? (size_t)(tab - p) : strlen(p);
		p = tab != NULL ? tab + 1 : NULL;
	}

	for (k = 0; k < IR_NFIELDS; k++) {
		char *f = (char *)rec->f[k];

		if (f == empty)
			continue;
		switch (ir_field_kind(k)) {
		case IR_KIND_TEXT:
			if ((m = unescape_text(f, rec->len[k])) < 0)
				return bad(r, "field %d: bad backslash escape",
				    k + 1);
			rec->len[k] = (size_t)m;
			break;
		case IR_KIND_LIST:
			if (split_list(f, rec->len[k],
			    &r->list[k - IR_AUTHORS]) < 0)
				return bad(r, "field %d: bad backslash escape",
				    k + 1);
			break;
		default:
			break;
		}
	}
	fields_clean(r, rec);
	rec->authors = r->list[0];
	rec->categories = r->list[1];
	rec->tags = r->list[2];

	if (date_parse_ir(rec->f[IR_DATE], rec->len[IR_DATE], &rec->date) < 0)
		return bad(r, "field 1: not a date of the form "
		    "YYYY-MM-DDTHH:MM:SSZ");
	if (rec->len[IR_ID] == 0)
		return bad(r, "field 2: the id is empty");
	if (!url_id_ok(rec->f[IR_ID], rec->len[IR_ID]))
		return bad(r, "field 2: the id is not an absolute URI (or its "
		    "scheme runs code)");
	rec->updated = rec->date;
	if (rec->len[IR_UPDATED] > 0 && date_parse_ir(rec->f[IR_UPDATED],
	    rec->len[IR_UPDATED], &rec->updated) < 0)
		return bad(r, "field 11: not a date of the form "
		    "YYYY-MM-DDTHH:MM:SSZ");
	return 1;
}

unsigned long
ir_reader_close(struct ir_reader *r)
{
	unsigned long nerr;
	int i;

	if (r == NULL)
		return 0;
	close_current(r);
	for (i = 0; i < 3; i++)
		free(r->list[i].v);
	free(r->lbuf);
	free(r->iobuf);
	nerr = r->nerr;
	free(r);
	return nerr;
}
