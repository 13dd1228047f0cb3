/*
 * htmlmask.c: long runs of plain text kept out of libxml2's HTML
 * parser (htmlmask.h).
 *
 * A placeholder is U+FDD0, the run's number in decimal, U+FDD1: two
 * noncharacters, which libxml2 keeps as text and no HTML here holds
 * (HTML that does is not masked).  A run is text the parser copies
 * as it is: no '<' (markup), no '&' (a character reference), nothing
 * below U+0020 but TAB and LF, no DEL, no C1 control, no noncharacter,
 * valid UTF-8.  It starts and ends with a byte that is not white space,
 * so a run of white space that the parser may drop stays where the
 * parser sees it, and a text node is blank with the placeholder if and
 * only if it is blank without.
 *
 * Markup is skipped as the parser reads it, or further: a comment to
 * its "-->", anything else that starts with '<' and a letter, '/', '!'
 * or '?' to its '>' outside quotes (a quote anywhere in it opens a
 * quoted stretch, which can only make the skip longer), '&' and the
 * word after it.  Where the parser reads markup that this scan took
 * for text, the placeholder lands in an attribute or a comment, and
 * html_unmask() fails: the caller then parses the HTML itself.
 */
#include <stdlib.h>
#include <string.h>

#include "htmlmask.h"
#include "v16.h"

struct html_mask {
	struct buf   text;	/* the HTML with placeholders */
	const char  *src;	/* the HTML given to html_mask() */
	size_t      *run;	/* run i: src[run[2i]..][0..run[2i+1]) */
	size_t       n, cap;	/* runs */
};

#define MIN_RUN	24		/* a placeholder is 7 to 16 bytes */

static const char OPEN[] = "\xef\xb7\x90", CLOSE[] = "\xef\xb7\x91";

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Bytes below 0x80 that a run holds: TAB, LF, and U+0020 to U+007E
 * but '<' and '&'.
 */
static const unsigned char plain[128] = {
	['\t'] = 1, ['\n'] = 1,
	[' '] = 1, ['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1,
	['\''] = 1, ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1,
	['-'] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1,
	['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
	['9'] = 1, [':'] = 1, [';'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1,
	['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1,
	['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1,
	['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1,
	['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1,
	['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['['] = 1, ['\\'] = 1, [']'] = 1,
	['^'] = 1, ['_'] = 1, ['`'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1,
	['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1,
	['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['{'] = 1,
	['|'] = 1, ['}'] = 1, ['~'] = 1,
};

/* The end of the run of text characters at s: at s if none. */
static const unsigned char *
text_end(const unsigned char *s, const unsigned char *end)
{
	uint32_t cp;
	size_t k;

	while (s < end) {
#ifdef V16_OK
		if (end - s >= 16) {
			/* Sixteen bytes a step to the first that is not
			 * plain ASCII: the rest of the loop looks at it. */
			v16 v = v16_load(s);
			size_t i = v16_first(((v < V16(0x20)) &
			    (v != V16('\t')) & (v != V16('\n'))) |
			    (v == V16(0x7f)) | (v == V16('<')) | (v == V16('&')));

			s += i;
			if (i == 16)
				continue;
		}
#endif
		if (*s < 0x80) {
			if (!plain[*s])
				break;
			s++;
			continue;
		}
		if ((k = utf8_decode(s, (size_t)(end - s), &cp)) == 0 ||
		    cp < 0xa0 || (cp >= 0xfdd0 && cp <= 0xfdef) ||
		    (cp & 0xfffe) == 0xfffe)
			break;
		s += k;
	}
	return s;
}

/* The end of the markup at p ('<'): past its end, or end. */
static const char *
markup_end(const char *p, const char *end)
{
	const char *q;
	char quote;

	if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
		return (q = mem_find(p + 4, (size_t)(end - p - 4), "-->", 3)) ==
		    NULL ? end : q + 3;
	for (q = p + 1; q < end && *q != '>'; q++) {
#ifdef V16_OK
		/* Sixteen bytes a step to the next '>' or quote. */
		while (end - q >= 16) {
			v16 v = v16_load(q);
			size_t i = v16_first((v == V16('>')) |
			    (v == V16('"')) | (v == V16('\'')));

			q += i;
			if (i < 16)
				break;
		}
		if (q == end || *q == '>')
			break;
#endif
		if (*q == '"' || *q == '\'') {
			quote = *q;
			if ((q = memchr(q + 1, quote, (size_t)(end - q - 1))) ==
			    NULL)
				return end;
		}
	}
	return q < end ? q + 1 : end;
}

static void
add_run(struct html_mask *m, size_t off, size_t len)
{
	char d[3 + 20 + 3], *q = d + sizeof(d);
	size_t i = m->n;

	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 32;
		m->run = xreallocarray(m->run, m->cap, 2 * sizeof(*m->run));
	}
	m->run[2 * m->n] = off;
	m->run[2 * m->n + 1] = len;
	q -= 3;
	memcpy(q, CLOSE, 3);
	do
		*--q = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	q -= 3;
	memcpy(q, OPEN, 3);
	buf_add(&m->text, q, (size_t)(d + sizeof(d) - q));
	m->n++;
}

/*
 * Mask html[0..n): 1 with m->text holding the HTML to parse instead,
 * 0 when nothing is worth masking or the HTML holds a placeholder's
 * own bytes.
 */
static int
html_mask(struct html_mask *m, const char *html, size_t n)
{
	const char *p = html, *end = html + n, *lit = html, *a, *b;
	const unsigned char *r;

	m->src = html;
	m->n = 0;
	buf_reset(&m->text);
	if (mem_find(html, n, OPEN, 3) != NULL ||
	    mem_find(html, n, CLOSE, 3) != NULL)
		return 0;
	while (p < end) {
		if (*p == '<') {
			if (end - p > 1 && (p[1] == '/' || p[1] == '!' ||
			    p[1] == '?' || (p[1] >= 'a' && p[1] <= 'z') ||
			    (p[1] >= 'A' && p[1] <= 'Z')))
				p = markup_end(p, end);
			else
				p++;
			continue;
		}
		if (*p == '&') {
			while (p < end && !is_ws((unsigned char)*p) && *p != '<')
				p++;
			continue;
		}
		r = text_end((const unsigned char *)p,
		    (const unsigned char *)end);
		if ((const char *)r == p) {
			p++;		/* a byte no run holds */
			continue;
		}
		for (a = p; a < (const char *)r && is_ws((unsigned char)*a); a++)
			;
		for (b = (const char *)r; b > a && is_ws((unsigned char)b[-1]);
		    b--)
			;
		if (b - a >= MIN_RUN) {
			buf_add(&m->text, lit, (size_t)(a - lit));
			add_run(m, (size_t)(a - html), (size_t)(b - a));
			lit = b;
		}
		p = (const char *)r;
	}
	if (m->n == 0)
		return 0;
	buf_add(&m->text, lit, (size_t)(end - lit));
	return 1;
}

/* Put the runs back into the text node t; -1 on a placeholder amiss. */
static int
unmask_text(const struct html_mask *m, xmlNodePtr t, size_t *next,
    struct buf *b)
{
	const char *s = (const char *)t->content, *o, *d;
	size_t i;

	buf_reset(b);
	while ((o = strstr(s, OPEN)) != NULL) {
		buf_add(b, s, (size_t)(o - s));
		for (d = o + 3, i = 0; *d >= '0' && *d <= '9' && i <= m->n; d++)
			i = 10 * i + (size_t)(*d - '0');
		if (d == o + 3 || i != *next || i >= m->n ||
		    strncmp(d, CLOSE, 3) != 0)
			return -1;
		buf_add(b, m->src + m->run[2 * i], m->run[2 * i + 1]);
		(*next)++;
		s = d + 3;
	}
	if (strstr(s, CLOSE) != NULL)
		return -1;
	buf_adds(b, s);
	xmlNodeSetContentLen(t, (const xmlChar *)b->p, (int)b->n);
	return 0;
}

static int
unmask(const struct html_mask *m, xmlNodePtr n, size_t *next, struct buf *b)
{
	for (; n != NULL && *next < m->n; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL &&
			    strstr((const char *)n->content, "\xef\xb7") != NULL &&
			    unmask_text(m, n, next, b) < 0)
				return -1;
		} else if (n->children != NULL &&
		    unmask(m, n->children, next, b) < 0) {
			return -1;
		}
	}
	return 0;
}

/*
 * Put the runs back into the text nodes at top and below: 0 when every
 * placeholder was found once, in order, in a text or CDATA node; -1
 * when the parser took one into an attribute or a comment.
 */
static int
html_unmask(const struct html_mask *m, xmlNodePtr top)
{
	struct buf b = BUF_INIT;
	size_t next = 0;
	int r;

	r = unmask(m, top, &next, &b);
	buf_free(&b);
	return r == 0 && next == m->n ? 0 : -1;
}

htmlDocPtr
html_read(const char *html, size_t n, int options, long *how)
{
	struct html_mask m;
	htmlDocPtr doc = NULL;
	long k = 0;

	if (n > INT32_MAX)
		return NULL;
	memset(&m, 0, sizeof(m));
	if (html_mask(&m, html, n)) {
		k = (long)m.n;
		doc = htmlReadMemory(m.text.p, (int)m.text.n, NULL, "UTF-8",
		    options);
		if (doc != NULL && html_unmask(&m, doc->children) < 0) {
			xmlFreeDoc(doc);
			doc = NULL;
		}
		if (doc == NULL)
			k = -1;
	}
	buf_free(&m.text);
	free(m.run);
	if (doc == NULL)
		doc = htmlReadMemory(html, (int)n, NULL, "UTF-8", options);
	if (how != NULL)
		*how = k;
	return doc;
}
