/*
 * limits.c: cheap measures taken before a library's slow path, and a
 * reader that checks a file as it reads it.
 *
 * Every filter runs in time linear in its input up to these limits
 * (README, LIMITS in each man page).  The measures are one pass each;
 * what they refuse, the library would take quadratic time or memory on
 * (Debian 12's cmark-gfm 0.29.0.gfm.6 and libxml2 2.9.14).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "quire.h"

/* The reason last given, one per thread (md2ir -j). */
static _Thread_local char why[256];

/* Offset of the first byte of the line that holds off. */
static size_t
line_start(const char *s, size_t off)
{
	while (off > 0 && s[off - 1] != '\n')
		off--;
	return off;
}

/*
 * The bytes cmark-gfm scans for the openers "<?" and "<![CDATA[" that
 * no "?>" or "]]>" follows: each scans to the end of the text, so their
 * cost is the sum of the bytes after each.  Kind k is 0 for "<?", 1 for
 * "<![CDATA[".  Fills cost[k], first[k] (the first such opener) and
 * count[k].  One pass for the closers' '>' and one for the openers'
 * '<', both with memchr: most Markdown has few of either.
 */
static void
unclosed(const char *s, size_t n, uint64_t cost[2], size_t first[2],
    size_t count[2])
{
	const char *p, *e = s + n;
	size_t last[2] = { 0, 0 }, at;
	int k;

	/* Only the openers after the last closer stay open. */
	for (p = s; (p = memchr(p, '>', (size_t)(e - p))) != NULL; p++) {
		at = (size_t)(p - s) + 1;
		if (at >= 2 && p[-1] == '?')
			last[0] = at;
		if (at >= 3 && p[-1] == ']' && p[-2] == ']')
			last[1] = at;
	}
	for (k = 0; k < 2; k++)
		cost[k] = first[k] = count[k] = 0;
	for (p = s; (p = memchr(p, '<', (size_t)(e - p))) != NULL; p++) {
		at = (size_t)(p - s);
		if (e - p >= 2 && p[1] == '?')
			k = 0;
		else if (e - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			k = 1;
		else
			continue;
		if (at < last[k])
			continue;
		if (count[k]++ == 0)
			first[k] = at;
		cost[k] += n - at;
	}
}

/*
 * The block quotes and list items the line l[0..len) opens with its
 * markers ("> > - 1. x"); 0 for a thematic break ("- - -").
 */
static size_t
nesting(const char *l, size_t len)
{
	size_t i, m = 0, d, k = 0;
	char c = 0;

	for (i = 0; i < len && strchr(" \t-*_", l[i]) != NULL; i++)
		if (l[i] != ' ' && l[i] != '\t') {
			if (c != 0 && l[i] != c)
				break;
			c = l[i];
			k++;
		}
	if (i == len && k >= 3)
		return 0;
	for (i = 0;;) {
		while (i < len && (l[i] == ' ' || l[i] == '\t'))
			i++;
		if (i < len && l[i] == '>') {
			m++;
			i++;
			continue;
		}
		for (d = 0; i + d < len && d < 9 && l[i + d] >= '0' &&
		    l[i + d] <= '9'; d++)
			;
		if (d > 0 && i + d < len && (l[i + d] == '.' || l[i + d] == ')'))
			d++;
		else if (d > 0 || i >= len || strchr("-+*", l[i]) == NULL)
			break;
		else
			d = 1;
		if (i + d < len && l[i + d] != ' ' && l[i + d] != '\t')
			break;
		m++;
		i += d;
	}
	return m;
}

/* The first "://" at or after p, or NULL. */
static const char *
next_scheme(const char *p, const char *e)
{
	while (p < e && (p = memchr(p, ':', (size_t)(e - p))) != NULL) {
		if (e - p >= 3 && p[1] == '/' && p[2] == '/')
			return p;
		p++;
	}
	return NULL;
}

/* The first "www." at or after p, or NULL. */
static const char *
next_www(const char *p, const char *e)
{
	const char *d = p + 3;

	while (d < e && (d = memchr(d, '.', (size_t)(e - d))) != NULL) {
		if (d[-1] == 'w' && d[-2] == 'w' && d[-3] == 'w')
			return d - 3;
		d++;
	}
	return NULL;
}

/*
 * What cmark-gfm's autolink extension scans in s[0..n): from each
 * "www." and "://" to the next blank or '<', its domain check and its
 * search for the link's end, and that again for every ')' there (its
 * trailing-bracket loop recounts them).  The candidates are found with
 * memchr(3) on ':' and '.', rare in text; each stretch to a blank is
 * read once, and a later candidate in it takes off the ')' before it.
 * Sets *first and *count to the first candidate and their number.
 */
static uint64_t
autolink_cost(const char *s, size_t n, size_t *first, size_t *count)
{
	const char *e = s + n, *c, *q, *end = NULL, *pos = NULL;
	const char *sch = next_scheme(s, e), *www = next_www(s, e);
	uint64_t cost = 0, par = 0;

	*first = 0;
	*count = 0;
	while (sch != NULL || www != NULL) {
		if (www == NULL || (sch != NULL && sch < www)) {
			c = sch;
			sch = next_scheme(sch + 1, e);
		} else {
			c = www;
			www = next_www(www + 1, e);
		}
		if (end == NULL || c >= end) {
			/* A new stretch: its end and the ')' in it. */
			for (par = 0, q = c + 1; q < e && *q != ' ' &&
			    *q != '\t' && *q != '\n' && *q != '\r' && *q != '<';
			    q++)
				par += *q == ')';
			end = q;
		} else {
			for (q = pos; q < c; q++)
				par -= *q == ')';
		}
		pos = c + 1;
		cost += (uint64_t)(end - c) * (1 + par);
		if (++*count == 1)
			*first = (size_t)(c - s);
	}
	return cost;
}

/* Nonzero if s[0..n) is a GFM table delimiter row ("|---|:-:|"). */
static int
is_delim_row(const char *s, size_t n, int pipe_before)
{
	size_t i;
	int dash = 0, pipe = pipe_before;

	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = 1;
		else if (s[i] == '|')
			pipe = 1;
		else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t')
			return 0;
	}
	return dash && pipe;
}

const char *
limits_markdown(const char *s, size_t n, size_t *off)
{
	static const char *const open[] = { "<?", "<![CDATA[" };
	static const char *const close[] = { "?>", "]]>" };
	const char *nl, *l, *p, *prev = NULL;
	size_t i, len, pipes, ppipes = 0, rows = 0, cols = 0, start = 0;
	size_t ufirst[2], ucount[2], afirst, acount;
	uint64_t ucost[2], acost, sq = 0;
	int in_table = 0;

	*off = 0;
	for (l = s; l < s + n; l = nl + 1) {
		if ((nl = memchr(l, '\n', (size_t)(s + n - l))) == NULL)
			nl = s + n;
		/* Most lines start with a letter: no marker. */
		if (strchr(" \t>-+*0123456789", *l) == NULL)
			continue;
		if ((len = nesting(l, (size_t)(nl - l))) > LIMIT_MD_NEST) {
			*off = (size_t)(l - s);
			snprintf(why, sizeof(why), "a line opens %zu block quotes "
			    "and list items, one in another; cmark-gfm's time "
			    "grows with their depth times the text in them; the "
			    "limit is %d (md2ir(1), LIMITS)", len, LIMIT_MD_NEST);
			return why;
		}
	}
	if ((acost = autolink_cost(s, n, &afirst, &acount)) >
	    LIMIT_MD_AUTOLINK) {
		*off = afirst;
		snprintf(why, sizeof(why), "%zu 'www.' and '://' make cmark-gfm's "
		    "autolinks scan about %llu bytes; the limit is %llu "
		    "(md2ir(1), LIMITS)", acount, (unsigned long long)acost,
		    (unsigned long long)LIMIT_MD_AUTOLINK);
		return why;
	}
	unclosed(s, n, ucost, ufirst, ucount);
	for (i = 0; i < 2; i++) {
		if (ucost[i] > LIMIT_MD_UNCLOSED) {
			*off = ufirst[i];
			snprintf(why, sizeof(why), "%zu '%s' without a closing "
			    "'%s' make cmark-gfm scan %llu bytes; the limit is "
			    "%llu (md2ir(1), LIMITS)", ucount[i], open[i],
			    close[i], (unsigned long long)ucost[i],
			    (unsigned long long)LIMIT_MD_UNCLOSED);
			return why;
		}
	}

	/* Tables: '|' per row, the square of it summed, padded cells. */
	if (memchr(s, '|', n) == NULL)
		return NULL;	/* a delimiter row has one */
	for (l = s; l < s + n; l = nl + 1) {
		if ((nl = memchr(l, '\n', (size_t)(s + n - l))) == NULL)
			nl = s + n;
		len = (size_t)(nl - l);
		/* Quotes and list indents do not hide a table. */
		while (len > 0 && (*l == ' ' || *l == '>' || *l == '\t'))
			l++, len--;
		for (pipes = 0, p = l; (p = memchr(p, '|',
		    (size_t)(l + len - p))) != NULL; p++)
			pipes++;
		if (len == 0) {
			in_table = 0;
		} else if (!in_table && prev != NULL &&
		    is_delim_row(l, len, ppipes > 0)) {
			in_table = 1;
			start = (size_t)(prev - s);
			for (cols = 0, i = 0; i < len; i++)
				if (l[i] == '-' && (i == 0 || l[i - 1] != '-'))
					cols++;
			rows = 1;
			sq += (uint64_t)ppipes * ppipes;
			if (ppipes > LIMIT_TABLE_PIPES) {
				*off = start;
				pipes = ppipes;
				goto row;
			}
		} else if (in_table) {
			rows++;
		}
		if (in_table) {
			sq += (uint64_t)pipes * pipes;
			if (pipes > LIMIT_TABLE_PIPES) {
				*off = (size_t)(l - s);
				goto row;
			}
			if ((uint64_t)cols * rows > LIMIT_TABLE_CELLS) {
				*off = start;
				snprintf(why, sizeof(why), "a table of %zu columns "
				    "and %zu or more rows would be padded past "
				    "%d cells (md2ir(1), LIMITS)", cols, rows,
				    LIMIT_TABLE_CELLS);
				return why;
			}
			if (sq > LIMIT_TABLE_SQUARES) {
				*off = line_start(s, (size_t)(l - s));
				snprintf(why, sizeof(why), "tables with this many "
				    "'|' per row take cmark-gfm quadratic time: "
				    "the sum of the squares of the '|' per row "
				    "passes %llu (md2ir(1), LIMITS)",
				    (unsigned long long)LIMIT_TABLE_SQUARES);
				return why;
			}
		}
		prev = l;
		ppipes = pipes;
	}
	return NULL;
row:
	snprintf(why, sizeof(why), "a table row with %zu '|'; the limit is %d "
	    "(md2ir(1), LIMITS)", pipes, LIMIT_TABLE_PIPES);
	return why;
}

const char *
limits_html(const char *s, size_t n, size_t *off)
{
	size_t i = 0, attrs, tag;
	char q;

	*off = 0;
	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i);

		if (lt == NULL)
			break;
		i = (size_t)(lt - s) + 1;
		if (i >= n || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			continue;
		/* A start tag: count the attribute names up to its '>'. */
		tag = i - 1;
		while (i < n && strchr(" \t\n\r\f/>", s[i]) == NULL)
			i++;
		for (attrs = 0; i < n && s[i] != '>'; ) {
			if (strchr(" \t\n\r\f/", s[i]) != NULL) {
				i++;
				continue;
			}
			attrs++;
			while (i < n && strchr(" \t\n\r\f/>=", s[i]) == NULL)
				i++;
			while (i < n && strchr(" \t\n\r\f", s[i]) != NULL)
				i++;
			if (i < n && s[i] == '=') {
				i++;
				while (i < n && strchr(" \t\n\r\f", s[i]) != NULL)
					i++;
				q = i < n && (s[i] == '"' || s[i] == '\'') ? s[i] :
				    '\0';
				if (q != '\0') {
					const char *e = memchr(s + i + 1, q,
					    n - i - 1);

					i = e != NULL ? (size_t)(e - s) + 1 : n;
				} else {
					while (i < n && strchr(" \t\n\r\f>",
					    s[i]) == NULL)
						i++;
				}
			}
		}
		if (attrs > LIMIT_HTML_ATTRS) {
			*off = tag;
			snprintf(why, sizeof(why), "an element with %zu "
			    "attributes; the limit is %d (libxml2's HTML parser "
			    "takes quadratic time on them)", attrs,
			    LIMIT_HTML_ATTRS);
			return why;
		}
	}
	return NULL;
}

int
buf_slurp_max(struct buf *b, FILE *fp, size_t max)
{
	size_t got;

	if (fp == stdin && (msg_closed_fds & 1)) {
		errno = EBADF;
		return -1;
	}
	for (;;) {
		buf_grow(b, 65536);
		got = fread(b->p + b->n, 1, b->cap - b->n - 1, fp);
		/* A NUL ends the reading: the caller reports where it is. */
		if (got > 0 && memchr(b->p + b->n, '\0', got) != NULL) {
			b->n += got;
			b->p[b->n] = '\0';
			return 0;
		}
		b->n += got;
		b->p[b->n] = '\0';
		if (b->n > max) {
			errno = EFBIG;
			return -1;
		}
		if (got == 0)
			break;
	}
	return ferror(fp) ? -1 : 0;
}

const char *
limits_strerror(int e)
{
	if (e == EBADF && (msg_closed_fds & 1))
		return "standard input is closed";
	if (e == EFBIG) {
		snprintf(why, sizeof(why), "larger than %d MiB, the limit for "
		    "one input file", LIMIT_FILE >> 20);
		return why;
	}
	/* POSIX's strerror_r, into this thread's buffer. */
	if (strerror_r(e, why, sizeof(why)) != 0)
		snprintf(why, sizeof(why), "error %d", e);
	return why;
}
