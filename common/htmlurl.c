/*
 * htmlurl.c: make the relative URLs of an HTML fragment absolute.
 *
 * A scanner, not a parser: it copies the fragment byte for byte and
 * rewrites only the values of the attributes that hold a URL (href,
 * src, poster, cite, action, formaction, background, longdesc, and
 * each candidate of srcset).  Comments and the text of script, style,
 * textarea and title elements are copied untouched.  A value that is
 * empty, a fragment ("#fn-1": a link within the entry stays one) or
 * that has a scheme is left as it is.
 */
#include <string.h>
#include <strings.h>

#include "quire.h"

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * What the attribute name a[0..n) holds: 2 for srcset, 1 for the other
 * attributes that hold a URL (href, src, poster, cite, action,
 * formaction, background, longdesc), else 0.  ASCII case-insensitive.
 */
static int
url_attr(const char *a, size_t n)
{
	switch (n) {
	case 3:
		return strncasecmp(a, "src", 3) == 0;
	case 4:
		return strncasecmp(a, "href", 4) == 0 ||
		    strncasecmp(a, "cite", 4) == 0;
	case 6:
		if (strncasecmp(a, "srcset", 6) == 0)
			return 2;
		return strncasecmp(a, "poster", 6) == 0 ||
		    strncasecmp(a, "action", 6) == 0;
	case 8:
		return strncasecmp(a, "longdesc", 8) == 0;
	case 10:
		return strncasecmp(a, "formaction", 10) == 0 ||
		    strncasecmp(a, "background", 10) == 0;
	default:
		return 0;
	}
}

/* Nonzero for the elements whose content is raw text: no tags inside. */
static int
raw_elem(const char *t, size_t n)
{
	switch (n) {
	case 5:
		return strncasecmp(t, "style", 5) == 0 ||
		    strncasecmp(t, "title", 5) == 0;
	case 6:
		return strncasecmp(t, "script", 6) == 0;
	case 8:
		return strncasecmp(t, "textarea", 8) == 0;
	default:
		return 0;
	}
}

/*
 * Nonzero if the URL u[0..n) is relative and worth resolving: not
 * empty, not a fragment, and no scheme in its first 63 bytes (a scheme
 * is short; up to a NUL, as url_has_scheme() reads).
 */
static int
relative(const char *u, size_t n)
{
	size_t i, k = n < 63 ? n : 63;

	if (n == 0 || u[0] == '#')
		return 0;
	if (!is_alpha((unsigned char)u[0]))
		return 1;
	for (i = 1; i < k && u[i] != '\0' && u[i] != ':'; i++)
		if (!(is_alpha((unsigned char)u[i]) ||
		    (u[i] >= '0' && u[i] <= '9') || u[i] == '+' ||
		    u[i] == '-' || u[i] == '.'))
			return 1;
	return !(i < k && u[i] == ':');
}

/*
 * Append u[0..n) resolved against base, with the quote character q
 * percent-encoded so that the value stays within its quotes.
 */
static void
put_resolved(struct buf *out, const char *base, const char *u, size_t n,
    char q)
{
	struct buf ref = BUF_INIT, abs = BUF_INIT;
	size_t i;

	buf_add(&ref, u, n);
	url_resolve(base, ref.p, &abs);
	for (i = 0; i < abs.n; i++) {
		if (abs.p[i] == q)
			buf_adds(out, q == '"' ? "%22" : "%27");
		else
			buf_addc(out, abs.p[i]);
	}
	buf_free(&ref);
	buf_free(&abs);
}

/*
 * One attribute value v[0..n), quoted with q (0 when unquoted);
 * srcset when set is nonzero.  Returns the relative URLs it held.
 */
static size_t
put_value(struct buf *out, const char *base, const char *v, size_t n,
    char q, int set)
{
	size_t found = 0, i = 0, s, e;

	if (!set) {
		while (i < n && is_space((unsigned char)v[i]))
			i++;
		if (!relative(v + i, n - i)) {
			if (out != NULL)
				buf_add(out, v, n);
			return 0;
		}
		if (out != NULL)
			put_resolved(out, base, v + i, n - i, q ? q : '"');
		return 1;
	}
	/* srcset: "url [descriptor], url [descriptor], ..." */
	while (i < n) {
		for (s = i; s < n && (is_space((unsigned char)v[s]) ||
		    v[s] == ','); s++)
			;
		for (e = s; e < n && !is_space((unsigned char)v[e]); e++)
			;
		/* A URL ending in a comma ends the candidate there. */
		while (e > s && v[e - 1] == ',')
			e--;
		if (out != NULL)
			buf_add(out, v + i, s - i);
		if (relative(v + s, e - s)) {
			found++;
			if (out != NULL)
				put_resolved(out, base, v + s, e - s,
				    q ? q : '"');
		} else if (out != NULL) {
			buf_add(out, v + s, e - s);
		}
		for (i = e; i < n && v[i] != ','; i++)
			if (out != NULL)
				buf_addc(out, v[i]);
		if (i < n && out != NULL)
			buf_addc(out, ',');
		if (i < n)
			i++;
	}
	return found;
}

/*
 * The fragment is copied as it is but where a value changes: a relative
 * URL resolved, an unquoted URL quoted, a quote that never closes
 * closed.  out gets each unchanged span in one go when a value changes
 * (from done, the first byte not yet copied) and at the end.
 */
size_t
url_html_absolute(const char *h, size_t n, const char *base,
    struct buf *out)
{
	const char *end = h + n, *p = h, *t, *name, *v, *e, *done = h;
	size_t found = 0, nname, nv, ntag, k;
	int kind;
	char q;

	if (base == NULL)
		out = NULL;
	while (p < end) {
		/* Text up to the next tag or comment. */
		for (t = p; (t = memchr(t, '<', (size_t)(end - t))) != NULL &&
		    !(t + 1 < end && (is_alpha((unsigned char)t[1]) ||
		    t[1] == '!')); t++)
			;
		if ((p = t) == NULL)
			break;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			for (t = p + 4; t + 3 <= end && memcmp(t, "-->", 3);
			    t++)
				;
			p = t + 3 <= end ? t + 3 : end;
			continue;
		}
		if (p[1] == '!') {
			p++;
			continue;
		}
		/* A start tag: its name, then its attributes. */
		for (t = p + 1; t < end && !is_space((unsigned char)*t) &&
		    *t != '>' && *t != '/'; t++)
			;
		ntag = (size_t)(t - p - 1);
		name = p + 1;
		p = t;
		while (p < end && *p != '>') {
			if (is_space((unsigned char)*p) || *p == '/') {
				p++;
				continue;
			}
			for (t = p; t < end && !is_space((unsigned char)*t) &&
			    *t != '=' && *t != '>' && *t != '/'; t++)
				;
			if (t == p) {	/* a stray '=' */
				p++;
				continue;
			}
			v = p;		/* the attribute's name */
			nname = (size_t)(t - p);
			for (e = t; e < end && is_space((unsigned char)*e); e++)
				;
			if (e >= end || *e != '=') {
				p = t;
				continue;
			}
			for (e++; e < end && is_space((unsigned char)*e); e++)
				;
			q = e < end && (*e == '"' || *e == '\'') ? *e : 0;
			t = q ? e + 1 : e;
			if (q == 0)
				for (p = t; p < end && *p != '>' &&
				    !is_space((unsigned char)*p); p++)
					;
			else if ((p = memchr(t, q, (size_t)(end - t))) == NULL)
				p = end;
			nv = (size_t)(p - t);
			kind = url_attr(v, nname);
			k = kind ? put_value(NULL, base, t, nv, q, kind == 2) :
			    0;
			found += k;
			/* An unquoted URL gets quotes: it may grow. */
			if (out != NULL && (k > 0 || (kind && !q) ||
			    (q && p == end))) {
				buf_add(out, done, (size_t)(t - done));
				if (kind && !q)
					buf_addc(out, '"');
				if (k > 0)
					put_value(out, base, t, nv, q,
					    kind == 2);
				else
					buf_add(out, t, nv);
				buf_addc(out, q ? q : '"');
				done = q && p < end ? p + 1 : p;
			}
			if (q && p < end)
				p++;
		}
		if (p < end)
			p++;
		/* The content of a raw-text element goes as it is. */
		if (raw_elem(name, ntag)) {
			for (t = p; t < end; t++)
				if (t[0] == '<' && t + 1 < end && t[1] == '/' &&
				    (size_t)(end - t - 2) >= ntag &&
				    strncasecmp(t + 2, name, ntag) == 0)
					break;
			p = t;
		}
	}
	if (out != NULL)
		buf_add(out, done, (size_t)(end - done));
	return found;
}
