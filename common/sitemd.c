/*
 * sitemd.c: the pass over a body's Markdown source before cmark-gfm
 * (sitemd.h): the template pass (Liquid, shortcodes) over the whole
 * text, then the line pass (MDX, containers, summary markers) over
 * what is not code.  Both are linear: every byte is looked at a
 * bounded number of times.
 */
#include <stdlib.h>
#include <string.h>

#include "sitemd.h"
#include "v16.h"

/* The markers that end a summary (Hugo and Zola; Docusaurus). */
static const char *const markers[] = {
	"<!--more-->", "<!-- more -->", "<!--truncate-->", "<!-- truncate -->",
	NULL
};

static void
push_line(struct smd_out *o)
{
	if (o->nmap == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->map = xreallocarray(o->map, o->cap, sizeof(*o->map));
	}
	o->map[o->nmap++] = smd_fline(o);
}

unsigned long
smd_fline(const struct smd_out *o)
{
	return o->inmap != NULL ? o->inmap[o->cur] : o->line0 + o->cur;
}

void
smd_copy(struct smd_out *o, const char *s, size_t n)
{
	const char *nl;

	while (n > 0 && (nl = memchr(s, '\n', n)) != NULL) {
		buf_add(&o->b, s, (size_t)(nl - s) + 1);
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
		o->cur++;
		push_line(o);
	}
	buf_add(&o->b, s, n);
}

void
smd_emit(struct smd_out *o, const char *s, size_t n)
{
	const char *nl;

	while (n > 0 && (nl = memchr(s, '\n', n)) != NULL) {
		buf_add(&o->b, s, (size_t)(nl - s) + 1);
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
		push_line(o);
	}
	buf_add(&o->b, s, n);
}

void
smd_emits(struct smd_out *o, const char *s)
{
	smd_emit(o, s, strlen(s));
}

void
smd_skip(struct smd_out *o, const char *s, size_t n)
{
	const char *nl;

	while (n > 0 && (nl = memchr(s, '\n', n)) != NULL) {
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
		o->cur++;
	}
}

void
smd_esc(struct smd_out *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&': smd_emits(o, "&amp;"); break;
		case '<': smd_emits(o, "&lt;"); break;
		case '>': smd_emits(o, "&gt;"); break;
		case '"': smd_emits(o, "&quot;"); break;
		case '\n': smd_emits(o, " "); break;
		default: buf_addc(&o->b, s[i]); break;
		}
}

void
smd_link(struct smd_out *o, const char *url, const char *text)
{
	const char *p;

	smd_emits(o, "[");
	for (p = text; *p != '\0'; p++) {
		if (*p == '\n') {
			smd_emits(o, " ");
			continue;
		}
		if (strchr("\\[]*_`<>&", *p) != NULL)
			smd_emits(o, "\\");
		smd_emit(o, p, 1);
	}
	smd_emits(o, "](<");
	for (p = url; *p != '\0'; p++) {
		if (*p == '<' || *p == '>' || *p == ' ' || *p == '\n' ||
		    *p == '\\') {
			char hex[4];

			snprintf(hex, sizeof(hex), "%%%02X", (unsigned char)*p);
			smd_emits(o, hex);
		} else {
			smd_emit(o, p, 1);
		}
	}
	smd_emits(o, ">)");
}

void
smd_image(struct smd_out *o, const char *src, const char *alt)
{
	smd_emits(o, "!");
	smd_link(o, src, alt != NULL ? alt : "");
}

size_t
smd_run(const char *s, size_t n, int c)
{
	size_t i, r = 0, best = 0;

	for (i = 0; i < n; i++) {
		r = s[i] == c ? r + 1 : 0;
		if (r > best)
			best = r;
	}
	return best;
}

/* The kinds of note, for md2ir's summary line (msg_summary). */
const struct msg_group smd_changed = {
	"construct removed or replaced", "constructs removed or replaced"
};
const struct msg_group smd_unfound = {
	"link to a post not here", "links to posts not here"
};
static const struct msg_kind kinds[SMD_NKINDS] = {
	[SMD_SHORTCODE] = { &smd_changed, "shortcode", "shortcodes" },
	[SMD_LIQUID] = { &smd_changed, "Liquid tag", "Liquid tags" },
	[SMD_MDX_ESM] = { &smd_changed, "MDX import or export",
	    "MDX imports and exports" },
	[SMD_MDX_COMMENT] = { &smd_changed, "MDX comment", "MDX comments" },
	[SMD_JSX] = { &smd_changed, "MDX component", "MDX components" },
	[SMD_JSX_ATTR] = { &smd_changed, "JSX attribute", "JSX attributes" },
	[SMD_CONTAINER] = { &smd_changed, "':::' container", "':::' containers" },
	[SMD_MARKER] = { &smd_changed, "summary marker", "summary markers" },
	[SMD_RAWHTML] = { &smd_changed, "raw HTML element", "raw HTML elements" },
};

static void
vnote(struct sitemd *m, enum smd_kind k, const struct msg_kind *mk,
    unsigned long line, const char *fmt, va_list ap)
{
	m->dropped[k]++;
	if (m->quiet)
		return;
	msg_vknote(mk != NULL ? mk : &kinds[k], m->file, line, fmt, ap);
}

void
smd_note(struct sitemd *m, enum smd_kind k, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(m, k, NULL, line, fmt, ap);
	va_end(ap);
}

void
smd_knote(struct sitemd *m, enum smd_kind k, const struct msg_kind *mk,
    unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(m, k, mk, line, fmt, ap);
	va_end(ap);
}

void
smd_args_parse(struct smd_args *a, const char *s, size_t n)
{
	const char *end = s + n, *k, *v;
	size_t nk, nv;
	char q;

	memset(a, 0, sizeof(*a));
	while (s < end && a->n < 16) {
		while (s < end && strchr(" \t\n", *s) != NULL)
			s++;
		if (s >= end)
			break;
		k = NULL;
		nk = 0;
		if (*s != '"' && *s != '\'' && *s != '`') {
			/* A bare word, or key=value. */
			v = s;
			while (s < end && strchr(" \t\n=", *s) == NULL)
				s++;
			if (s < end && *s == '=') {
				k = v;
				nk = (size_t)(s - v);
				s++;
			} else {
				a->key[a->n] = NULL;
				a->val[a->n++] = xstrndup(v, (size_t)(s - v));
				continue;
			}
		}
		if (s < end && (*s == '"' || *s == '\'' || *s == '`')) {
			q = *s++;
			v = s;
			while (s < end && *s != q)
				s += *s == '\\' && q == '"' && s + 1 < end ? 2 : 1;
			nv = (size_t)((s < end ? s : end) - v);
			if (s < end)
				s++;
		} else {
			v = s;
			while (s < end && strchr(" \t\n", *s) == NULL)
				s++;
			nv = (size_t)(s - v);
		}
		a->key[a->n] = k != NULL ? xstrndup(k, nk) : NULL;
		a->val[a->n++] = xstrndup(v, nv);
	}
}

const char *
smd_arg(const struct smd_args *a, const char *key, int pos)
{
	size_t i;
	int p = 0;

	for (i = 0; key != NULL && i < a->n; i++)
		if (a->key[i] != NULL && strcmp(a->key[i], key) == 0)
			return a->val[i];
	for (i = 0; pos >= 0 && i < a->n; i++)
		if (a->key[i] == NULL && p++ == pos)
			return a->val[i];
	return NULL;
}

void
smd_args_free(struct smd_args *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->key[i]);
		free(a->val[i]);
	}
	a->n = 0;
}

/* The template pass: Liquid and shortcodes, over the whole text. */
static void
templates(struct sitemd *m, const char *s, size_t n)
{
	const char *end = s + n, *p = s, *q;
	size_t k;

	m->a.line0 = m->line0;
	push_line(&m->a);
	while (p < end) {
		if ((q = memchr(p, '{', (size_t)(end - p))) == NULL)
			q = end;
		smd_copy(&m->a, p, (size_t)(q - p));
		p = q;
		if (p >= end)
			break;
		k = 0;
		if (end - p >= 3 && p[1] == '{' && (p[2] == '<' || p[2] == '%'))
			k = shortcode_at(m, p, end);
		else if (end - p >= 2 && (p[1] == '%' || p[1] == '{'))
			k = liquid_at(m, p, end);
		if (k == 0) {
			smd_copy(&m->a, p, 1);
			k = 1;
		}
		p += k;
	}
	buf_adds(&m->a.b, "");
}

/*
 * The number of block-quote markers ('>') that start the line s[0..n)
 * (after blanks, each maybe followed by blanks); *at, the offset after
 * them and the blanks that follow.
 */
static int
quote_depth(const char *s, size_t n, size_t *at)
{
	size_t i = 0;
	int d = 0;

	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n || s[i] != '>')
			break;
		i++;
		d++;
	}
	*at = i;
	return d;
}

/*
 * The length of the code fence (3 or more '`' or '~') that starts the
 * line s[0..n) after its indentation, block-quote and list markers, or
 * 0; *c is its character, *rest the offset after it, *depth the number
 * of block quotes it is in.
 */
static size_t
fence(const char *s, size_t n, char *c, size_t *rest, int *depth)
{
	size_t i, j, k;

	*depth = quote_depth(s, n, &i);
	/* A list item may open with the fence: "- ```", "1. > ```". */
	for (;;) {
		for (j = i; j < n && j - i < 9 && s[j] >= '0' && s[j] <= '9';
		    j++)
			;
		if (j > i && j < n && (s[j] == '.' || s[j] == ')'))
			j++;
		else if (j == i && i < n && (s[i] == '-' || s[i] == '*' ||
		    s[i] == '+'))
			j++;
		else
			break;
		if (j >= n || (s[j] != ' ' && s[j] != '\t'))
			break;
		*depth += quote_depth(s + j, n - j, &k);
		i = j + k;
	}
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	*c = s[i];
	for (k = 0; i + k < n && s[i + k] == *c; k++)
		;
	if (k < 3)
		return 0;
	/* A backtick fence's info string holds no backtick. */
	if (*c == '`' && memchr(s + i + k, '`', n - i - k) != NULL)
		return 0;
	*rest = i + k;
	return k;
}

static int
blank(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	return n == 0;
}

/* A summary marker at s: its length, or 0. */
static size_t
marker_at(const struct sitemd *m, const char *s, const char *end)
{
	size_t i, k;

	for (i = 0; markers[i] != NULL; i++) {
		k = strlen(markers[i]);
		if ((size_t)(end - s) >= k && memcmp(s, markers[i], k) == 0)
			return k;
	}
	if (m->excerpt_sep != NULL && !blank(m->excerpt_sep,
	    strlen(m->excerpt_sep))) {
		k = strlen(m->excerpt_sep);
		if ((size_t)(end - s) >= k && memcmp(s, m->excerpt_sep, k) == 0)
			return k;
	}
	return 0;
}

/* Characters that may start a construct of the line pass. */
static const unsigned char special[256] = {
	['`'] = 1, ['\\'] = 1, ['{'] = 1, ['<'] = 1, ['\n'] = 1,
};

/*
 * The first byte of p[0..end) that is special[] or sep's first, or end:
 * sixteen bytes a step where the compiler has vectors (v16.h).
 */
static const char *
plain_end(const char *p, const char *end, const char *sep)
{
	char c = sep != NULL ? sep[0] : '`';
#ifdef V16_OK
	v16 v;
	size_t i;

	for (; end - p >= 16; p += 16) {
		v = v16_load(p);
		i = v16_first((v == V16('`')) | (v == V16('\\')) |
		    (v == V16('{')) | (v == V16('<')) | (v == V16('\n')) |
		    (v == V16(c)));
		if (i < 16)
			return p + i;
	}
#endif
	while (p < end && !special[(unsigned char)*p] && *p != c)
		p++;
	return p;
}

/* The end of the line at p: its newline, or end. */
static const char *
line_end(const char *p, const char *end)
{
	const char *e = memchr(p, '\n', (size_t)(end - p));

	return e != NULL ? e : end;
}

/* The "-->" that ends an HTML comment whose body starts at s, or NULL. */
static const char *
comment_end(const char *s, const char *end)
{
	while (end - s >= 3 && (s = memchr(s, '-', (size_t)(end - s) - 2)) !=
	    NULL) {
		if (s[1] == '-' && s[2] == '>')
			return s;
		s++;
	}
	return NULL;
}

/* Nonzero if the line s[0..n) is a GFM table's delimiter row. */
static int
table_delim(const char *s, size_t n)
{
	size_t i, dash = 0, pipe = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash++;
		else if (s[i] == '|')
			pipe++;
		else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t')
			return 0;
	}
	return dash > 0 && pipe > 0;
}

/*
 * Nonzero if the line at t ends a paragraph whose first line is qd
 * block quotes deep, in CommonMark: a line deeper in quotes, a blank
 * line (in its quotes), an ATX heading, a code fence, a list item, a
 * thematic break or setext underline, or the header row of a GFM table
 * (the line after it is a delimiter row).  A line with fewer quote
 * markers is a lazy continuation line unless it starts such a block.
 */
static int
para_ends(const char *t, const char *end, int qd)
{
	const char *q, *eol, *nl;
	size_t at;

	eol = line_end(t, end);
	if (quote_depth(t, (size_t)(eol - t), &at) > qd)
		return 1;
	t += at;
	if (t >= eol)
		return 1;
	if (*t == '#') {
		for (q = t; q < eol && *q == '#' && q - t < 7; q++)
			;
		if (q - t <= 6 && (q >= eol || *q == ' ' || *q == '\t'))
			return 1;
	}
	if (*t == '`' || *t == '~') {
		for (q = t; q < eol && *q == *t; q++)
			;
		if (q - t >= 3)
			return 1;
	}
	if ((*t == '*' || *t == '-' || *t == '+') && t + 1 < eol &&
	    (t[1] == ' ' || t[1] == '\t'))
		return 1;
	/* An ordered item: a sibling of any number ends the one before. */
	for (q = t; q < eol && q - t < 9 && *q >= '0' && *q <= '9'; q++)
		;
	if (q > t && q + 1 < eol && (*q == '.' || *q == ')') &&
	    (q[1] == ' ' || q[1] == '\t'))
		return 1;
	if (*t == '-' || *t == '*' || *t == '_' || *t == '=') {
		/* A line of one of these (and blanks) only. */
		for (q = t; q < eol && (*q == *t || *q == ' ' || *q == '\t');
		    q++)
			;
		if (q >= eol)
			return 1;
	}
	if (eol < end) {
		nl = line_end(eol + 1, end);
		quote_depth(eol + 1, (size_t)(nl - eol - 1), &at);
		if (table_delim(eol + 1 + at, (size_t)(nl - eol - 1 - at)))
			return 1;
	}
	return 0;
}

/*
 * The closing run of r backticks of a code span opened before s, on a
 * line qd block quotes deep, or NULL when the paragraph has none: code
 * spans are inlines, and end with their paragraph (para_ends()).
 */
static const char *
code_end(const char *s, const char *end, size_t r, int qd)
{
	const char *q = s;
	size_t k;

	while (q < end) {
		if (*q == '\n') {
			if (para_ends(q + 1, end, qd))
				return NULL;
			q++;
			continue;
		}
		if (*q != '`') {
			q++;
			continue;
		}
		for (k = 0; q + k < end && q[k] == '`'; k++)
			;
		if (k == r)
			return q;
		q += k;
	}
	return NULL;
}

/*
 * One line (or the lines a construct starting on it spans) outside
 * code: code spans are copied, MDX comments, JSX tags and summary
 * markers rewritten.  Returns the bytes taken from s.
 */
static size_t
inline_line(struct sitemd *m, const char *s, const char *end, int heading)
{
	const char *p = s, *eol, *id, *q;
	size_t k, r, nid;
	int lead = 1;

	eol = line_end(s, end);
	while (p < eol) {
		if (*p == '`') {
			/*
			 * A code span: to the next run of as many backticks
			 * in the paragraph (it may go on over lines).
			 */
			for (r = 0; p + r < end && p[r] == '`'; r++)
				;
			q = code_end(p + r, end, r,
			    quote_depth(s, (size_t)(eol - s), &k));
			k = q != NULL ? (size_t)(q + r - p) : r;
			smd_copy(&m->o, p, k);
			p += k;
			lead = 0;
			if (p > eol)
				eol = line_end(p, end);
			continue;
		}
		if (*p == '\\' && p + 1 < eol) {
			smd_copy(&m->o, p, 2);
			p += 2;
			lead = 0;
			continue;
		}
		if (*p == '{' && p + 2 < end && p[1] == '/' && p[2] == '*' &&
		    !(m->miss & SMD_MISS_MDX_COMMENT) &&
		    ((k = mdx_comment_at(p, end, &id, &nid)) > 0 ||
		    (m->miss |= SMD_MISS_MDX_COMMENT, 0))) {
			q = p + k;
			while (q < eol && (*q == ' ' || *q == '\t'))
				q++;
			if (heading && nid > 0 && q == eol) {
				/* The heading's id, for the HTML pass. */
				if (!m->text) {
					smd_emits(&m->o, "{#");
					smd_emit(&m->o, id, nid);
					smd_emits(&m->o, "}");
				}
				m->expanded[SMD_MDX_COMMENT]++;
			} else {
				smd_note(m, SMD_MDX_COMMENT, smd_fline(&m->o),
				    "MDX comment removed");
			}
			smd_skip(&m->o, p, k);
			p += k;
			if (p > eol) {
				/* It spanned lines: go on after it. */
				eol = line_end(p, end);
			}
			continue;
		}
		if (*p == '<' && p + 1 < eol && ((p[1] >= 'A' && p[1] <= 'Z') ||
		    (p[1] == '/' && p + 2 < eol && p[2] >= 'A' && p[2] <= 'Z')) &&
		    (k = mdx_jsx_at(m, p, end, s, lead ? (size_t)(p - s) : 0)) >
		    0) {
			p += k;
			if (p > eol || (p == eol && p < end))
				eol = line_end(p, end);
			continue;
		}
		if (*p == '<' && p + 1 < eol && p[1] >= 'a' && p[1] <= 'z' &&
		    !m->text && (k = mdx_html_at(m, p, end)) > 0) {
			p += k;
			lead = 0;
			if (p > eol || (p == eol && p < end))
				eol = line_end(p, end);
			continue;
		}
		if (!m->has_marker && (*p == '<' || (m->excerpt_sep != NULL &&
		    *p == m->excerpt_sep[0])) && (k = marker_at(m, p, end)) > 0) {
			m->has_marker = 1;
			m->expanded[SMD_MARKER]++;
			if (!m->text)
				smd_emits(&m->o, SMD_SENTINEL);
			smd_skip(&m->o, p, k);
			p += k;
			continue;
		}
		if (*p == '<' && !(m->miss & SMD_MISS_HTML_COMMENT) &&
		    end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			/*
			 * An HTML comment (not a summary marker, just
			 * tried): nothing in it is Markdown, MDX or template
			 * syntax, and nothing reaches a reader, so it is
			 * copied whole.  Unclosed, it is text.
			 */
			if ((q = comment_end(p + 4, end)) == NULL) {
				/* None after any later one either. */
				m->miss |= SMD_MISS_HTML_COMMENT;
			} else {
				k = (size_t)(q + 3 - p);
				smd_copy(&m->o, p, k);
				p += k;
				lead = 0;
				if (p > eol)
					eol = line_end(p, end);
				continue;
			}
		}
		if (*p != ' ' && *p != '\t')
			lead = 0;
		/* Plain text: up to the next character that may start one. */
		q = plain_end(p + 1, eol, m->excerpt_sep);
		buf_add(&m->o.b, p, (size_t)(q - p));
		p = q;
	}
	if (p < end) {
		smd_copy(&m->o, p, 1);
		p++;
	}
	return (size_t)(p - s);
}

/* The line pass over the template pass's output. */
static void
lines(struct sitemd *m, const char *s, size_t n)
{
	const char *end = s + n, *p = s, *eol;
	size_t len, k, fl = 0, i, f, r;
	char fc = 0, c;
	int prev_blank = 1, in_esm = 0, fdepth = 0, d;

	push_line(&m->o);
	/* The last line of only colons, for containers never closed. */
	eol = mem_find(s, n, ":::", 3) != NULL ? end : s;
	for (; eol > s; eol = p) {
		for (p = eol; p > s && p[-1] != '\n'; p--)
			;
		for (i = 0; p + i < eol && (p[i] == ' ' || p[i] == '\t'); i++)
			;
		for (k = 0; p + i + k < eol && p[i + k] == ':'; k++)
			;
		if (k >= 3 && blank(p + i + k, (size_t)(eol - p - i - k))) {
			m->lastclose = p;
			break;
		}
		if (p > s)
			p--;
	}
	p = s;
	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((eol != NULL ? eol : end) - p);
		k = len + (eol != NULL);
		if (fl > 0) {
			/*
			 * Inside fenced code: its closing fence ends it, and
			 * so does the end of the block quote it is in.
			 */
			f = fence(p, len, &c, &r, &d);
			if (d >= fdepth) {
				if (f >= fl && c == fc && blank(p + r, len - r))
					fl = 0;
				smd_copy(&m->o, p, k);
				p += k;
				continue;
			}
			fl = 0;
		}
		if (blank(p, len)) {
			in_esm = 0;
			prev_blank = 1;
			container_blank(m);
			smd_copy(&m->o, p, k);
			p += k;
			continue;
		}
		if (in_esm) {
			smd_skip(&m->o, p, k);
			p += k;
			continue;
		}
		if ((fl = fence(p, len, &fc, &r, &fdepth)) > 0) {
			prev_blank = 0;
			smd_copy(&m->o, p, k);
			p += k;
			continue;
		}
		if (prev_blank && mdx_esm_line(p, len)) {
			smd_note(m, SMD_MDX_ESM, smd_fline(&m->o),
			    "MDX %.6s removed", p);
			in_esm = 1;
			smd_skip(&m->o, p, k);
			p += k;
			continue;
		}
		prev_blank = 0;
		if (container_line(m, p, len)) {
			smd_skip(&m->o, p, k);
			p += k;
			prev_blank = 1;
			continue;
		}
		i = strspn(p, " ");
		m->cseen = 1;
		p += inline_line(m, p, end, i < 4 && i < len && p[i] == '#');
	}
	container_end(m);
	mdx_end(m);
	buf_adds(&m->o.b, "");
}

/* What a look over the source finds (scan()). */
#define SEEN_TEMPLATE	1	/* "{{" or "{%": the template pass */
#define SEEN_LINES	2	/* something the line pass may rewrite */

/*
 * One look at each place in s[0..n) where a construct can start, for
 * sitemd_pre(): each byte that opens one is looked for once, with
 * memchr(3), and every construct it may open is tried there.
 */
static int
scan(const struct sitemd *m, const char *s, size_t n)
{
	const char *p, *end = s + n;
	size_t i, k, left;
	int seen = 0;

	for (p = s; (p = memchr(p, '{', (size_t)(end - p))) != NULL; p++) {
		if (p + 1 < end && (p[1] == '{' || p[1] == '%'))
			return SEEN_TEMPLATE;
		if (p + 2 < end && p[1] == '/' && p[2] == '*')
			seen = SEEN_LINES;
	}
	if (seen || mem_find(s, n, ":::", 3) != NULL ||
	    mem_find(s, n, "={", 2) != NULL)
		return SEEN_LINES;
	/* "import" or "export" at the start of a line. */
	for (p = s; p < end; p++) {
		left = (size_t)(end - p);
		if (left >= 6 && (memcmp(p, "import", 6) == 0 ||
		    memcmp(p, "export", 6) == 0))
			return SEEN_LINES;
		if ((p = memchr(p, '\n', left)) == NULL)
			break;
	}
	for (p = s; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
		if (p + 1 < end && ((p[1] >= 'A' && p[1] <= 'Z') ||
		    (p[1] == '/' && p + 2 < end && p[2] >= 'A' && p[2] <= 'Z')))
			return SEEN_LINES;
		for (i = 0; markers[i] != NULL; i++) {
			k = strlen(markers[i]);
			if ((size_t)(end - p) >= k &&
			    memcmp(p, markers[i], k) == 0)
				return SEEN_LINES;
		}
	}
	if (m->excerpt_sep != NULL && *m->excerpt_sep != '\0' &&
	    mem_find(s, n, m->excerpt_sep, strlen(m->excerpt_sep)) != NULL)
		return SEEN_LINES;
	return 0;
}

void
sitemd_pre(struct sitemd *m, const char *src, size_t n)
{
	int seen;

	m->a.text = m->o.text = m->text;
	if ((seen = scan(m, src, n)) != SEEN_TEMPLATE) {
		/* No template syntax: the line pass reads the source. */
		if (seen == 0) {
			m->same = 1;
			return;
		}
		m->o.line0 = m->line0;
		m->o.inmap = NULL;
		lines(m, src, n);
		return;
	}
	templates(m, src, n);
	m->o.inmap = m->a.map;
	lines(m, m->a.b.p, m->a.b.n);
}

unsigned long
sitemd_line(const struct sitemd *m, unsigned long i)
{
	if (m->same)
		return m->line0 + i;
	if (m->o.nmap == 0)
		return m->line0;
	return m->o.map[i < m->o.nmap ? i : m->o.nmap - 1];
}

void
sitemd_free(struct sitemd *m)
{
	buf_free(&m->a.b);
	buf_free(&m->o.b);
	free(m->a.map);
	free(m->o.map);
	m->a.map = m->o.map = NULL;
	m->a.nmap = m->o.nmap = m->a.cap = m->o.cap = 0;
}

int
smd_line_start(const struct smd_out *o)
{
	return o->b.n == 0 || o->b.p[o->b.n - 1] == '\n';
}

size_t
smd_fence_open(struct smd_out *o, const char *code, size_t n,
    const char *lang, size_t nlang)
{
	size_t f = smd_run(code, n, '`') + 1, i;

	if (f < 3)
		f = 3;
	if (!smd_line_start(o))
		smd_emits(o, "\n");
	for (i = 0; i < f; i++)
		smd_emits(o, "`");
	smd_emit(o, lang, nlang);
	return f;
}

void
smd_fence_close(struct smd_out *o, size_t fence)
{
	if (!smd_line_start(o))
		smd_emits(o, "\n");
	while (fence-- > 0)
		smd_emits(o, "`");
}
