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
	static const char *const names[] = { "href", "src", "poster", "cite" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && strncasecmp(a, names[i], n) == 0)
			return 1;
	return n == 6 && strncasecmp(a, "srcset", 6) == 0 ? 2 : 0;
}

/* Elements whose content is text up to their end tag. */
static int
raw_elem(const char *t, size_t n)
{
	static const char *const names[] = {
		"script", "style", "textarea", "title", "xmp", "iframe",
		"noembed", "noframes", "plaintext"
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && strncasecmp(t, names[i], n) == 0)
			return 1;
	return 0;
}

void
html_urls(struct buf *out, const char *html, size_t n, html_url_fn *fn,
    void *ctx)
{
	struct buf val = BUF_INIT, res = BUF_INIT;
	const char *p = html, *end = html + n, *q, *tag, *an, *v, *e;
	size_t ntag, nan, nv;
	int kind;

	while (p < end) {
		q = memchr(p, '<', (size_t)(end - p));
		if (q == NULL) {
			buf_add(out, p, (size_t)(end - p));
			break;
		}
		buf_add(out, p, (size_t)(q - p));
		p = q;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			for (q = p + 4; q + 3 <= end && memcmp(q, "-->", 3) != 0;
			    q++)
				;
			q = q + 3 <= end ? q + 3 : end;
			buf_add(out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (end - p < 2 || !IS_ALPHA(p[1])) {
			buf_addc(out, *p++);
			continue;
		}
		/* A start tag: its name, then its attributes. */
		tag = p + 1;
		for (q = tag; q < end && !IS_SPACE(*q) && *q != '/' &&
		    *q != '>'; q++)
			;
		ntag = (size_t)(q - tag);
		buf_add(out, p, (size_t)(q - p));
		p = q;
		while (p < end && *p != '>') {
			if (IS_SPACE(*p) || *p == '/') {
				buf_addc(out, *p++);
				continue;
			}
			an = p;
			while (p < end && !IS_SPACE(*p) && *p != '/' &&
			    *p != '>' && *p != '=')
				p++;
			if (p == an)
				p++;		/* a lone '=' */
			nan = (size_t)(p - an);
			buf_add(out, an, nan);
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
			kind = url_attr(an, nan);
			buf_reset(&val);
			decode(&val, v, nv);
			buf_reset(&res);
			if (kind == 2)
				srcset(&res, val.p, fn, ctx);
			else if (kind == 1 && val.p != NULL &&
			    !url_scheme_ok(val.p))
				buf_addc(&res, '#');	/* no script URL */
			else if (kind == 1)
				fn(ctx, val.p, &res);
			if (kind == 0 || res.p == NULL ||
			    strcmp(res.p, val.p) == 0) {
				buf_add(out, p, (size_t)(e - p));
			} else {
				buf_adds(out, "=\"");
				escape(out, res.p);
				buf_addc(out, '"');
			}
			p = e;
		}
		if (p < end)
			buf_addc(out, *p++);
		if (raw_elem(tag, ntag)) {
			/* Copy up to the end tag "</name". */
			for (q = p; q < end; q++)
				if (*q == '<' && q + 2 + ntag <= end &&
				    q[1] == '/' &&
				    strncasecmp(q + 2, tag, ntag) == 0)
					break;
			buf_add(out, p, (size_t)(q - p));
			p = q;
		}
	}
	if (out->p == NULL)
		buf_adds(out, "");
	buf_free(&val);
	buf_free(&res);
}
