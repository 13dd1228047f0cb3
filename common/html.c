/*
 * html.c: rewrite the URLs of an HTML fragment; see html.h.
 *
 * A small scanner over the tokens of HTML (WHATWG HTML, 13.2.5, the
 * tag and attribute states): it only needs to find where a tag's
 * attributes are, so everything else is copied untouched and the
 * fragment keeps its bytes where no URL changes.
 */
#include <string.h>
#include <strings.h>

#include "html.h"

#define IS_SPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || \
	(c) == '\r' || (c) == '\f')
#define IS_ALPHA(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))

/* Append the UTF-8 of code point cp. */
static void
add_cp(struct buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		buf_addc(b, (int)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (int)(0xc0 | cp >> 6));
		buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_addc(b, (int)(0xe0 | cp >> 12));
		buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (int)(0xf0 | cp >> 18));
		buf_addc(b, (int)(0x80 | ((cp >> 12) & 0x3f)));
		buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	}
}

/*
 * Append s[0..n) with its character references decoded: numeric ones
 * and the five of XML; any other '&' stands for itself.
 */
static void
decode(struct buf *b, const char *s, size_t n)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' },
	};
	size_t i, k, len;
	unsigned long cp;
	int d, hex;

	for (i = 0; i < n; i++) {
		if (s[i] != '&') {
			buf_addc(b, s[i]);
			continue;
		}
		for (k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
			len = strlen(named[k].name);
			if (n - i - 1 >= len &&
			    memcmp(s + i + 1, named[k].name, len) == 0)
				break;
		}
		if (k < sizeof(named) / sizeof(named[0])) {
			buf_addc(b, named[k].c);
			i += len;
			continue;
		}
		if (i + 2 < n && s[i + 1] == '#') {
			hex = s[i + 2] == 'x' || s[i + 2] == 'X';
			cp = 0;
			for (k = i + 2 + hex; k < n && k < i + 12; k++) {
				d = hex ? url_hexval(s[k]) :
				    s[k] >= '0' && s[k] <= '9' ? s[k] - '0' : -1;
				if (d < 0)
					break;
				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
			}
			if (k > i + 2 + hex && k < n && s[k] == ';') {
				add_cp(b, cp);
				i = k;
				continue;
			}
		}
		buf_addc(b, '&');
	}
	if (b->p == NULL)
		buf_adds(b, "");
}

/* Append s escaped for a double-quoted attribute value. */
static void
escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '&')
			buf_adds(b, "&amp;");
		else if (*s == '"')
			buf_adds(b, "&quot;");
		else if (*s == '<')
			buf_adds(b, "&lt;");
		else
			buf_addc(b, *s);
	}
}

/* The rewritten srcset v (decoded) in out: each candidate's URL by fn. */
static void
srcset(struct buf *out, const char *v, html_url_fn *fn, void *ctx)
{
	struct buf url = BUF_INIT, res = BUF_INIT;
	const char *p = v, *u;
	size_t nu;

	while (*p != '\0') {
		while (IS_SPACE(*p) || *p == ',')
			buf_addc(out, *p++);
		if (*p == '\0')
			break;
		u = p;
		while (*p != '\0' && !IS_SPACE(*p))
			p++;
		nu = (size_t)(p - u);
		/* A URL cannot end in a comma: that one separates. */
		while (nu > 0 && u[nu - 1] == ',')
			nu--, p--;
		buf_reset(&url);
		buf_add(&url, u, nu);
		buf_reset(&res);
		/* No URL a reader would run (quire-ir.5): "#" instead. */
		if (url.p != NULL && !url_scheme_ok(url.p))
			buf_addc(&res, '#');
		else
			fn(ctx, url.p != NULL ? url.p : "", &res);
		if (res.p != NULL)
			buf_adds(out, res.p);
		/* The descriptors, up to the next comma. */
		while (*p != '\0' && *p != ',')
			buf_addc(out, *p++);
	}
	if (out->p == NULL)
		buf_adds(out, "");
	buf_free(&url);
	buf_free(&res);
}

/* Nonzero if the attribute name a[0..n) holds a URL (or srcset: 2). */
static int
url_attr(const char *a, size_t n)
{
	switch (n) {
	case 3:
		return strncasecmp(a, "src", 3) == 0;
	case 4:
		return (strncasecmp(a, "href", 4) == 0 ||
		    strncasecmp(a, "cite", 4) == 0);
	case 6:
		if (strncasecmp(a, "poster", 6) == 0)
			return 1;
		return strncasecmp(a, "srcset", 6) == 0 ? 2 : 0;
	default:
		return 0;
	}
}

/* Elements whose content is text up to their end tag. */
static int
raw_elem(const char *t, size_t n)
{
	switch (n) {
	case 3:
		return strncasecmp(t, "xmp", 3) == 0;
	case 5:
		return strncasecmp(t, "style", 5) == 0 ||
		    strncasecmp(t, "title", 5) == 0;
	case 6:
		return strncasecmp(t, "script", 6) == 0 ||
		    strncasecmp(t, "iframe", 6) == 0;
	case 7:
		return strncasecmp(t, "noembed", 7) == 0;
	case 8:
		return strncasecmp(t, "textarea", 8) == 0 ||
		    strncasecmp(t, "noframes", 8) == 0;
	case 9:
		return strncasecmp(t, "plaintext", 9) == 0;
	default:
		return 0;
	}
}

/*
 * Every byte of the fragment is copied as it is but for the values
 * that change: out gets each span of unchanged bytes in one go, up to
 * a value that changes (from done, the first byte not yet copied) or
 * the end.
 */
void
html_urls(struct buf *out, const char *html, size_t n, html_url_fn *fn,
    void *ctx)
{
	struct buf val = BUF_INIT, res = BUF_INIT;
	const char *p = html, *end = html + n, *q, *tag, *an, *v, *e;
	const char *done = html;
	size_t ntag, nan, nv;
	int kind;

	while (p < end) {
		q = memchr(p, '<', (size_t)(end - p));
		if (q == NULL)
			break;
		p = q;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			for (q = p + 4; q + 3 <= end && memcmp(q, "-->", 3) != 0;
			    q++)
				;
			p = q + 3 <= end ? q + 3 : end;
			continue;
		}
		if (end - p < 2 || !IS_ALPHA(p[1])) {
			p++;
			continue;
		}
		/* A start tag: its name, then its attributes. */
		tag = p + 1;
		for (q = tag; q < end && !IS_SPACE(*q) && *q != '/' &&
		    *q != '>'; q++)
			;
		ntag = (size_t)(q - tag);
		p = q;
		while (p < end && *p != '>') {
			if (IS_SPACE(*p) || *p == '/') {
				p++;
				continue;
			}
			an = p;
			while (p < end && !IS_SPACE(*p) && *p != '/' &&
			    *p != '>' && *p != '=')
				p++;
			if (p == an)
				p++;		/* a lone '=' */
			nan = (size_t)(p - an);
			for (q = p; q < end && IS_SPACE(*q); q++)
				;
			if (q >= end || *q != '=')
				continue;
			for (q++; q < end && IS_SPACE(*q); q++)
				;
			/* The value, quoted or not. */
			if (q < end && (*q == '"' || *q == '\'')) {
				v = q + 1;
				e = memchr(v, *q, (size_t)(end - v));
				if (e == NULL)
					e = end;
				nv = (size_t)(e - v);
				e = e < end ? e + 1 : e;
			} else {
				v = q;
				for (e = q; e < end && !IS_SPACE(*e) &&
				    *e != '>'; e++)
					;
				nv = (size_t)(e - v);
			}
			if ((kind = url_attr(an, nan)) == 0) {
				p = e;
				continue;
			}
			buf_reset(&val);
			if (memchr(v, '&', nv) == NULL)
				buf_add(&val, v, nv);	/* nothing to decode */
			else
				decode(&val, v, nv);
			buf_reset(&res);
			if (kind == 2)
				srcset(&res, val.p, fn, ctx);
			else if (!url_scheme_ok(val.p))
				buf_addc(&res, '#');	/* no script URL */
			else
				fn(ctx, val.p, &res);
			if (res.p != NULL && strcmp(res.p, val.p) != 0) {
				buf_add(out, done, (size_t)(p - done));
				buf_adds(out, "=\"");
				escape(out, res.p);
				buf_addc(out, '"');
				done = e;
			}
			p = e;
		}
		if (p < end)
			p++;
		if (raw_elem(tag, ntag)) {
			/* Skip to the end tag "</name". */
			for (q = p; q < end; q++)
				if (*q == '<' && q + 2 + ntag <= end &&
				    q[1] == '/' &&
				    strncasecmp(q + 2, tag, ntag) == 0)
					break;
			p = q;
		}
	}
	buf_add(out, done, (size_t)(end - done));
	buf_free(&val);
	buf_free(&res);
}
