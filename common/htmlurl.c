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

static const char *const url_attrs[] = {
	"href", "src", "poster", "cite", "action", "formaction",
	"background", "longdesc", NULL
};

/* Elements whose content is raw text: no tags inside. */
static const char *const raw_elems[] = {
	"script", "style", "textarea", "title", NULL
};

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

/* Nonzero if s[0..n) equals one of v, ASCII case-insensitively. */
static int
one_of(const char *s, size_t n, const char *const *v)
{
	for (; *v != NULL; v++)
		if (strlen(*v) == n && strncasecmp(s, *v, n) == 0)
			return 1;
	return 0;
}

/* Nonzero if the URL u[0..n) is relative and worth resolving. */
static int
relative(const char *u, size_t n)
{
	char tmp[64];
	size_t k = n < sizeof(tmp) - 1 ? n : sizeof(tmp) - 1;

	if (n == 0 || u[0] == '#')
		return 0;
	/* A scheme is short; a prefix is enough to see one. */
	memcpy(tmp, u, k);
	tmp[k] = '\0';
	return !url_has_scheme(tmp);
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

size_t
url_html_absolute(const char *h, size_t n, const char *base,
    struct buf *out)
{
	const char *end = h + n, *p = h, *t, *name, *v, *e;
	size_t found = 0, nname, nv, ntag;
	int set, isurl;
	char q;

	if (base == NULL)
		out = NULL;
	while (p < end) {
		/* Text up to the next tag or comment. */
		for (t = p; (t = memchr(t, '<', (size_t)(end - t))) != NULL &&
		    !(t + 1 < end && (is_alpha((unsigned char)t[1]) ||
		    t[1] == '!')); t++)
			;
		if (t == NULL)
			t = end;
		if (out != NULL)
			buf_add(out, p, (size_t)(t - p));
		if ((p = t) >= end)
			break;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			for (t = p + 4; t + 3 <= end && memcmp(t, "-->", 3);
			    t++)
				;
			t = t + 3 <= end ? t + 3 : end;
			if (out != NULL)
				buf_add(out, p, (size_t)(t - p));
			p = t;
			continue;
		}
		if (p[1] == '!') {
			if (out != NULL)
				buf_addc(out, *p);
			p++;
			continue;
		}
		/* A start tag: its name, then its attributes. */
		for (t = p + 1; t < end && !is_space((unsigned char)*t) &&
		    *t != '>' && *t != '/'; t++)
			;
		ntag = (size_t)(t - p - 1);
		name = p + 1;
		if (out != NULL)
			buf_add(out, p, (size_t)(t - p));
		p = t;
		while (p < end && *p != '>') {
			if (is_space((unsigned char)*p) || *p == '/') {
				if (out != NULL)
					buf_addc(out, *p);
				p++;
				continue;
			}
			for (t = p; t < end && !is_space((unsigned char)*t) &&
			    *t != '=' && *t != '>' && *t != '/'; t++)
				;
			if (t == p) {	/* a stray '=' */
				if (out != NULL)
					buf_addc(out, *p);
				p++;
				continue;
			}
			v = p;		/* the attribute's name */
			nname = (size_t)(t - p);
			for (e = t; e < end && is_space((unsigned char)*e); e++)
				;
			if (e >= end || *e != '=') {
				if (out != NULL)
					buf_add(out, p, (size_t)(t - p));
				p = t;
				continue;
			}
			for (e++; e < end && is_space((unsigned char)*e); e++)
				;
			if (out != NULL)
				buf_add(out, p, (size_t)(e - p));
			q = e < end && (*e == '"' || *e == '\'') ? *e : 0;
			t = q ? e + 1 : e;
			for (p = t; p < end && (q ? *p != q :
			    !is_space((unsigned char)*p) && *p != '>'); p++)
				;
			nv = (size_t)(p - t);
			set = nname == 6 && strncasecmp(v, "srcset", 6) == 0;
			isurl = set || one_of(v, nname, url_attrs);
			/* An unquoted URL gets quotes: it may grow. */
			if (out != NULL && (q || isurl))
				buf_addc(out, q ? q : '"');
			if (isurl)
				found += put_value(out, base, t, nv, q, set);
			else if (out != NULL)
				buf_add(out, t, nv);
			if (out != NULL && (q || isurl))
				buf_addc(out, q ? q : '"');
			if (q && p < end)
				p++;
		}
		if (p < end) {
			if (out != NULL)
				buf_addc(out, '>');
			p++;
		}
		/* The content of a raw-text element goes as it is. */
		if (one_of(name, ntag, raw_elems)) {
			for (t = p; t < end; t++)
				if (t[0] == '<' && t + 1 < end && t[1] == '/' &&
				    (size_t)(end - t - 2) >= ntag &&
				    strncasecmp(t + 2, name, ntag) == 0)
					break;
			if (out != NULL)
				buf_add(out, p, (size_t)(t - p));
			p = t;
		}
	}
	return found;
}
