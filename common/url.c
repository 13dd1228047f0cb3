/*
 * url.c: URL resolution (RFC 3986, section 5), joining, and the one
 * rule by which every output writes a URL (quire-ir.5, URLS).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <idn2.h>

#include "quire.h"

/* The five components of a URI reference; absent ones have p NULL. */
struct uri {
	const char *scheme, *auth, *path, *query, *frag;
	size_t nscheme, nauth, npath, nquery, nfrag;
};

int
url_has_scheme(const char *s)
{
	const char *p = s;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	for (p++; *p != '\0' && *p != ':'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
		    *p == '.'))
			return 0;
	return *p == ':';
}

static void
uri_split(const char *s, struct uri *u)
{
	const char *p;

	memset(u, 0, sizeof(*u));
	if (url_has_scheme(s)) {
		p = strchr(s, ':');
		u->scheme = s;
		u->nscheme = (size_t)(p - s);
		s = p + 1;
	}
	if (s[0] == '/' && s[1] == '/') {
		s += 2;
		u->auth = s;
		u->nauth = strcspn(s, "/?#");
		s += u->nauth;
	}
	u->path = s;
	u->npath = strcspn(s, "?#");
	s += u->npath;
	if (*s == '?') {
		u->query = ++s;
		u->nquery = strcspn(s, "#");
		s += u->nquery;
	}
	if (*s == '#') {
		u->frag = ++s;
		u->nfrag = strlen(s);
	}
}

/*
 * Append path p[0..n) to out with its "." and ".." segments removed
 * (RFC 3986, 5.2.4).  The output is built in place: a ".." pops the
 * last segment written so far.
 */
static void
add_path(struct buf *out, const char *p, size_t n)
{
	size_t start = out->n, seg;
	const char *end = p + n;

	while (p < end) {
		if (end - p >= 3 && memcmp(p, "../", 3) == 0) {
			p += 3;
		} else if (end - p >= 2 && memcmp(p, "./", 2) == 0) {
			p += 2;
		} else if (end - p >= 3 && memcmp(p, "/./", 3) == 0) {
			p += 2;
		} else if (end - p == 2 && memcmp(p, "/.", 2) == 0) {
			p += 1;
			buf_addc(out, '/');
			break;
		} else if ((end - p >= 4 && memcmp(p, "/../", 4) == 0) ||
		    (end - p == 3 && memcmp(p, "/..", 3) == 0)) {
			p += 3;
			while (out->n > start && out->p[out->n - 1] != '/')
				out->n--;
			if (out->n > start)
				out->n--;
			out->p[out->n] = '\0';
			if (p == end)
				buf_addc(out, '/');
		} else if ((end - p == 1 && *p == '.') ||
		    (end - p == 2 && memcmp(p, "..", 2) == 0)) {
			break;
		} else {
			/* The leading '/', if any, and the segment. */
			seg = *p == '/';
			while (p + seg < end && p[seg] != '/')
				seg++;
			buf_add(out, p, seg);
			p += seg;
		}
	}
}

void
url_resolve(const char *base, const char *ref, struct buf *out)
{
	struct uri b, r;
	struct buf merged = BUF_INIT;
	const char *slash;

	uri_split(ref, &r);
	if (r.scheme != NULL) {
		buf_adds(out, ref);
		return;
	}
	uri_split(base, &b);
	buf_add(out, b.scheme, b.nscheme);
	buf_addc(out, ':');
	if (r.auth != NULL) {
		buf_adds(out, "//");
		buf_add(out, r.auth, r.nauth);
		add_path(out, r.path, r.npath);
		if (r.query != NULL) {
			buf_addc(out, '?');
			buf_add(out, r.query, r.nquery);
		}
	} else {
		if (b.auth != NULL) {
			buf_adds(out, "//");
			buf_add(out, b.auth, b.nauth);
		}
		if (r.npath == 0) {
			buf_add(out, b.path, b.npath);
			if (r.query != NULL) {
				buf_addc(out, '?');
				buf_add(out, r.query, r.nquery);
			} else if (b.query != NULL) {
				buf_addc(out, '?');
				buf_add(out, b.query, b.nquery);
			}
		} else {
			if (r.path[0] == '/') {
				add_path(out, r.path, r.npath);
			} else {
				/* Merge: the base path up to its last '/'. */
				if (b.auth != NULL && b.npath == 0) {
					buf_addc(&merged, '/');
				} else {
					slash = NULL;
					for (size_t i = 0; i < b.npath; i++)
						if (b.path[i] == '/')
							slash = b.path + i;
					if (slash != NULL)
						buf_add(&merged, b.path,
						    (size_t)(slash - b.path) + 1);
				}
				buf_add(&merged, r.path, r.npath);
				add_path(out, merged.p, merged.n);
				buf_free(&merged);
			}
			if (r.query != NULL) {
				buf_addc(out, '?');
				buf_add(out, r.query, r.nquery);
			}
		}
	}
	if (r.frag != NULL) {
		buf_addc(out, '#');
		buf_add(out, r.frag, r.nfrag);
	}
}

void
url_join(const char *base, const char *path, struct buf *out)
{
	size_t n = strlen(base);

	while (n > 0 && base[n - 1] == '/')
		n--;
	buf_add(out, base, n);
	if (path[0] != '/')
		buf_addc(out, '/');
	buf_adds(out, path);
}

const char *
url_host(const char *url, size_t *len)
{
	struct uri u;
	const char *h, *at, *end;

	uri_split(url, &u);
	if (u.scheme == NULL || u.auth == NULL || u.nauth == 0)
		return NULL;
	h = u.auth;
	end = u.auth + u.nauth;
	at = memchr(h, '@', u.nauth);
	if (at != NULL)
		h = at + 1;
	if (*h == '[') {
		/* An IP literal keeps its colons. */
		const char *rb = memchr(h, ']', (size_t)(end - h));

		if (rb == NULL)
			return NULL;
		*len = (size_t)(rb - h) + 1;
		return h;
	}
	*len = 0;
	while (h + *len < end && h[*len] != ':')
		(*len)++;
	return *len > 0 ? h : NULL;
}

int
url_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* What enc() percent-encodes besides the bytes no URI holds. */
enum { ENC_BRACKETS = 1, ENC_HASH = 2 };

/*
 * The class of each byte for enc(): URI_KEEP when a URI holds it as it
 * is (printable ASCII but '<', '>', '"', '{', '}', '|', '\\', '^', '`'
 * and '%', which enc() decides itself), and ENC_BRACKETS for '[' and
 * ']', ENC_HASH for '#', the bytes those flags encode too.
 */
enum { URI_KEEP = 4 };
static const unsigned char uri_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 10 */
	0, 4, 0, 6, 4, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 20 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 4, 0, 4,	/* 30 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 40 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 0, 5, 0, 4,	/* 50 */
	0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 60 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 4, 0,	/* 70 */
	/* 80 to ff: none */
};

/* Nonzero if enc() copies the byte c as it is ('%' is decided there). */
static int
uri_keeps(unsigned char c, int what)
{
	return (uri_class[c] & (URI_KEEP | what)) == URI_KEEP;
}

/*
 * Append s[0..n) with every byte a URI cannot hold percent-encoded:
 * controls, space, non-ASCII bytes (so UTF-8 text becomes its
 * percent-encoded UTF-8), the characters RFC 3986 excludes, and a '%'
 * that starts no escape; '[' and ']' too with ENC_BRACKETS, '#' too
 * with ENC_HASH.
 */
static void
enc(struct buf *b, const char *s, size_t n, int what)
{
	static const char hexd[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	char pct[3] = { '%' };
	size_t i, run;

	for (i = 0; i < n; i++) {
		for (run = i; run < n && uri_keeps(p[run], what); run++)
			;
		if (run > i) {
			buf_add(b, s + i, run - i);
			if ((i = run) == n)
				break;
		}
		if (p[i] == '%' && i + 2 < n && url_hexval(p[i + 1]) >= 0 &&
		    url_hexval(p[i + 2]) >= 0) {
			buf_addc(b, '%');
		} else {
			pct[1] = hexd[p[i] >> 4];
			pct[2] = hexd[p[i] & 15];
			buf_add(b, pct, 3);
		}
	}
}

/*
 * Append the host host[0..n) of an absolute URL: percent-escapes
 * decoded, then, when it holds non-ASCII, its IDNA (UTS #46) ASCII
 * form from libidn2; a host libidn2 refuses, or an ASCII one, is
 * copied with the bytes a host cannot hold percent-encoded.
 */
static void
host_add(struct buf *b, const char *host, size_t n)
{
	struct buf raw = BUF_INIT;
	char *ascii = NULL;
	size_t i;
	int nonascii = 0, rc;

	for (i = 0; i < n; i++) {
		if (host[i] == '%' && i + 2 < n && url_hexval(host[i + 1]) >= 0 &&
		    url_hexval(host[i + 2]) >= 0) {
			buf_addc(&raw, url_hexval(host[i + 1]) * 16 +
			    url_hexval(host[i + 2]));
			i += 2;
		} else {
			buf_addc(&raw, host[i]);
		}
		if ((unsigned char)raw.p[raw.n - 1] >= 0x80)
			nonascii = 1;
	}
	if (!nonascii || memchr(raw.p, '\0', raw.n) != NULL) {
		enc(b, host, n, 0);
		buf_free(&raw);
		return;
	}
	rc = idn2_to_ascii_8z(raw.p, &ascii,
	    IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
	if (rc != IDN2_OK)
		rc = idn2_to_ascii_8z(raw.p, &ascii,
		    IDN2_NFC_INPUT | IDN2_TRANSITIONAL);
	if (rc == IDN2_OK)
		buf_adds(b, ascii);
	else
		enc(b, raw.p, raw.n, 0);
	idn2_free(ascii);
	buf_free(&raw);
}

void
url_normalize(struct buf *b, const char *url)
{
	const char *host = NULL, *hend = NULL, *p, *hash;
	size_t n, hashes = 0;

	/*
	 * Most URLs come out as they are: every byte one a URI holds
	 * anywhere (no '%' to judge, no '[' or ']'), and at most one '#'.
	 * The host is then ASCII, which host_add() copies.
	 */
	for (n = 0; (uri_class[(unsigned char)url[n]] &
	    (URI_KEEP | ENC_BRACKETS)) == URI_KEEP; n++)
		hashes += url[n] == '#';
	if (url[n] == '\0' && hashes <= 1) {
		buf_add(b, url, n);
		return;
	}

	/* "scheme://[userinfo@]host[:port]": the host goes to host_add(). */
	if (url_has_scheme(url) && (p = strchr(url, ':')) != NULL &&
	    p[1] == '/' && p[2] == '/') {
		host = p + 3;
		hend = host + strcspn(host, "/?#");
		for (p = host; p < hend; p++)
			if (*p == '@')
				host = p + 1;
		if (*host != '[')
			for (p = host; p < hend; p++)
				if (*p == ':') {
					hend = p;
					break;
				}
	}
	if (host != NULL) {
		enc(b, url, (size_t)(host - url), 0);
		if (*host == '[')
			enc(b, host, (size_t)(hend - host), 0);
		else
			host_add(b, host, (size_t)(hend - host));
		url = hend;
	}
	/* After the first '#', a '#' is data. */
	if ((hash = strchr(url, '#')) != NULL) {
		enc(b, url, (size_t)(hash + 1 - url), ENC_BRACKETS);
		enc(b, hash + 1, strlen(hash + 1), ENC_BRACKETS | ENC_HASH);
	} else {
		enc(b, url, strlen(url), ENC_BRACKETS);
	}
	if (b->p == NULL)
		buf_adds(b, "");
}

/*
 * The scheme allow-list every output applies to the URLs it writes.
 * Browsers drop TAB, LF and CR anywhere in a URL and leading C0
 * controls and spaces before they read its scheme ("java\tscript:"
 * runs), so the scheme is read the same way here.
 */
int
url_scheme_ok(const char *s)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	char scheme[16];
	size_t n = 0, i;

	while (*s != '\0' && (unsigned char)*s <= ' ')
		s++;
	for (; *s != '\0' && *s != ':'; s++) {
		if (*s == '\t' || *s == '\n' || *s == '\r')
			continue;
		/* '/', '?' or '#' before any ':': a relative reference. */
		if (*s == '/' || *s == '?' || *s == '#')
			return 1;
		if (n + 1 >= sizeof(scheme)) {
			/* No allowed scheme is this long: relative without a ':'. */
			s += strcspn(s, ":/?#");
			return *s != ':';
		}
		scheme[n++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') :
		    *s;
	}
	if (*s == '\0')
		return 1;	/* no ':' at all: relative */
	scheme[n] = '\0';
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(scheme, ok[i]) == 0)
			return 1;
	/* "a b:c" or "x.md:1" are no schemes, but a browser may differ. */
	return 0;
}

int
url_id_ok(const char *s, size_t n)
{
	static const char *const bad[] = { "javascript", "vbscript",
	    "livescript", "data", "blob", "file" };
	const char *colon;
	size_t i, k;

	if (n == 0 || !url_has_scheme(s))
		return 0;
	for (i = 0; i < n; i++)
		/*
		 * A space may stand in an id written from a file name
		 * (quire-ir.5, URLS): every output percent-encodes it.
		 */
		if (strchr("<>\"{}|\\^`", s[i]) != NULL ||
		    (unsigned char)s[i] < 0x20)
			return 0;
	colon = strchr(s, ':');
	k = (size_t)(colon - s);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strlen(bad[i]) == k && strncasecmp(s, bad[i], k) == 0)
			return 0;
	return 1;
}

const char *
url_base_why(const char *url)
{
	size_t n;

	if (strncasecmp(url, "https://", 8) == 0)
		n = 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		n = 7;
	else
		return "is not an http or https URL";
	if (url[n] == '\0' || url[n] == '/')
		return "has no host";
	if (strpbrk(url, "?#") != NULL)
		return "has a query or a fragment";
	if (strpbrk(url, " \t\n\r\"<>\\") != NULL)
		return "holds a blank, a quote, '<', '>' or '\\' "
		    "(percent-encode it)";
	return NULL;
}
