/*
 * mail.c: header fields with RFC 2047 encoded-words and folding,
 * addresses, quoted-printable bodies and mboxrd quoting.
 */
#include <ctype.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "mail.h"

static const char hex[] = "0123456789ABCDEF";

/* Overhead of an encoded-word, "=?UTF-8?Q?" and "?=". */
#define EW_OPEN		"=?UTF-8?Q?"
#define EW_OVERHEAD	12
#define EW_MAX		75	/* RFC 2047 2: longest encoded-word */
#define QP_MAX		76	/* RFC 2045 6.7 (5): longest encoded line */

/* atext of RFC 5322 3.2.3. */
static int
is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* Characters a Q encoded-word may hold as they are, in any context. */
static int
is_qsafe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '!' || c == '*' || c == '+' ||
	    c == '-' || c == '/';
}

/* Length in bytes of the character at s, 1 for a byte that is not UTF-8. */
static size_t
char_len(const char *s, size_t n)
{
	uint32_t cp;
	size_t len = utf8_decode((const unsigned char *)s, n, &cp);

	return len > 0 ? len : 1;
}

void
mail_hdr_begin(struct mail_hdr *h, struct buf *b, const char *name)
{
	h->b = b;
	buf_adds(b, name);
	buf_addc(b, ':');
	h->col = strlen(name) + 1;
	h->empty = 1;
}

/*
 * Put the separator before a token of len bytes: a space, or a fold
 * when the token would pass the soft limit.  One column is kept free
 * for a ',' after the token.  The first token goes on the field's
 * first line unless a fold makes it fit, where it would not fit there.
 */
static void
place(struct mail_hdr *h, size_t len)
{
	if (h->col + 1 + len + 1 > MAIL_LINE_SOFT &&
	    (!h->empty || 1 + len + 1 <= MAIL_LINE_SOFT)) {
		buf_add(h->b, "\n ", 2);
		h->col = 1;
	} else {
		buf_addc(h->b, ' ');
		h->col++;
	}
	h->empty = 0;
}

void
mail_hdr_token(struct mail_hdr *h, const char *s, size_t n, int space)
{
	if (space)
		place(h, n);
	buf_add(h->b, s, n);
	h->col += n;
	h->empty = 0;
}

/* Append the bytes s[0..n) Q-encoded. */
static void
put_q(struct buf *b, const unsigned char *u, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (u[k] == ' ') {
			buf_addc(b, '_');
		} else if (is_qsafe(u[k])) {
			buf_addc(b, u[k]);
		} else {
			buf_addc(b, '=');
			buf_addc(b, hex[u[k] >> 4]);
			buf_addc(b, hex[u[k] & 15]);
		}
	}
}

/*
 * How much of s[i..n) one encoded-word of at most room characters
 * holds, never splitting a character and, when it cannot hold all,
 * ending after a space if it holds one.  Returns the end; *used is the
 * word's length, *midword nonzero when it ends inside a word.
 */
static size_t
ew_measure(const unsigned char *u, size_t i, size_t n, size_t room,
    size_t *used, int *midword)
{
	size_t j, k, clen, elen, brk = 0, brkused = 0;

	*used = EW_OVERHEAD;
	for (j = i; j < n; j += clen) {
		clen = char_len((const char *)u + j, n - j);
		for (elen = 0, k = j; k < j + clen; k++)
			elen += is_qsafe(u[k]) || u[k] == ' ' ? 1 : 3;
		if (*used + elen > room && j > i)
			break;
		*used += elen;
		if (u[j] == ' ') {
			brk = j + 1;
			brkused = *used;
		}
	}
	*midword = 0;
	if (j < n && brk > i) {
		j = brk;
		*used = brkused;
	} else if (j < n) {
		*midword = 1;
	}
	return j;
}

/*
 * Write s[0..n) as Q encoded-words.  Decoders drop the white space
 * between adjacent encoded-words, so the spaces of the run are encoded
 * ('_').  A run is folded onto a new line rather than split when that
 * keeps it, or a word of it, whole: some decoders (Python's, in a
 * phrase) wrongly take the fold between two encoded-words for a space.
 */
static void
put_encoded(struct mail_hdr *h, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, j, jf, used, usedf, here, fresh;
	int mid, midf, fold;

	/* The longest encoded-word a fresh line " =?...?=," holds. */
	fresh = MAIL_LINE_SOFT - 3 < EW_MAX ? MAIL_LINE_SOFT - 3 : EW_MAX;
	while (i < n) {
		here = h->col + 3 < MAIL_LINE_SOFT ? MAIL_LINE_SOFT - 3 - h->col :
		    0;
		if (here > EW_MAX)
			here = EW_MAX;
		j = ew_measure(u, i, n, here, &used, &mid);
		jf = ew_measure(u, i, n, fresh, &usedf, &midf);
		/* Fold unless this is the field's first line. */
		fold = !h->empty && (here < EW_OVERHEAD + 12 ||
		    (j < n && (jf == n || mid)));
		if (fold) {
			buf_add(h->b, "\n ", 2);
			h->col = 1;
			j = jf;
			used = usedf;
		} else {
			buf_addc(h->b, ' ');
			h->col++;
		}
		h->empty = 0;
		buf_adds(h->b, EW_OPEN);
		put_q(h->b, u + i, j - i);
		buf_add(h->b, "?=", 2);
		h->col += used;
		i = j;
	}
}

/* Word classes for mail_hdr_text and mail_hdr_phrase. */
enum { W_ATOM, W_ASCII, W_ENCODE };

/*
 * Class of the word s[0..n): W_ENCODE when it holds non-ASCII, "=?",
 * or cannot be placed without passing the soft limit; else W_ATOM when
 * it is all atext, else W_ASCII.
 */
static int
word_class(const struct mail_hdr *h, const char *s, size_t n, int first)
{
	size_t i;
	int atom = 1;

	if (n + 2 > MAIL_LINE_SOFT - 1 ||
	    (first && h->empty && h->col + n + 2 > MAIL_LINE_SOFT))
		return W_ENCODE;
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80 || (unsigned char)s[i] < 0x21)
			return W_ENCODE;
		if (s[i] == '=' && i + 1 < n && s[i + 1] == '?')
			return W_ENCODE;
		if (!is_atext((unsigned char)s[i]))
			atom = 0;
	}
	return atom ? W_ATOM : W_ASCII;
}

/*
 * Write the words of the cleaned value c (single spaces between
 * words): each run of adjacent words of class enc or more as Q
 * encoded-words, the other words as they are.
 */
static void
put_words(struct mail_hdr *h, const struct buf *c, int enc)
{
	const char *w = c->p, *end = c->p + c->n, *run = NULL, *rend = NULL;
	size_t len;

	for (; w < end; w += len + 1) {
		len = strcspn(w, " ");
		if (word_class(h, w, len, w == c->p && run == NULL) >= enc) {
			if (run == NULL)
				run = w;
			rend = w + len;
			continue;
		}
		if (run != NULL) {
			put_encoded(h, run, (size_t)(rend - run));
			run = NULL;
		}
		place(h, len);
		buf_add(h->b, w, len);
		h->col += len;
	}
	if (run != NULL)
		put_encoded(h, run, (size_t)(rend - run));
}

void
mail_hdr_text(struct mail_hdr *h, const char *s, size_t n)
{
	struct buf c = BUF_INIT;

	mail_hdr_clean(&c, s, n);
	put_words(h, &c, W_ENCODE);
	buf_free(&c);
}

void
mail_hdr_phrase(struct mail_hdr *h, const char *s, size_t n)
{
	struct buf c = BUF_INIT, q = BUF_INIT;
	const char *w, *end;
	size_t len, i;
	int cls, worst = W_ATOM;

	mail_hdr_clean(&c, s, n);
	end = c.p + c.n;
	for (w = c.p; w < end; w += len + 1) {
		len = strcspn(w, " ");
		cls = word_class(h, w, len, w == c.p);
		if (cls > worst)
			worst = cls;
	}
	if (worst != W_ASCII) {
		/* Atoms as they are, or runs of encoded-words among them. */
		put_words(h, &c, W_ASCII);
	} else {
		/*
		 * Printable ASCII with specials: one quoted-string, folded
		 * at its spaces (FWS inside it unfolds to the space).
		 */
		for (w = c.p; w < end; w += len + 1) {
			len = strcspn(w, " ");
			buf_reset(&q);
			if (w == c.p)
				buf_addc(&q, '"');
			for (i = 0; i < len; i++) {
				if (w[i] == '"' || w[i] == '\\')
					buf_addc(&q, '\\');
				buf_addc(&q, w[i]);
			}
			if (w + len == end)
				buf_addc(&q, '"');
			mail_hdr_token(h, q.p, q.n, 1);
		}
	}
	buf_free(&q);
	buf_free(&c);
}

void
mail_hdr_addr(struct mail_hdr *h, const char *name, const char *addr)
{
	struct buf a = BUF_INIT;

	if (name != NULL && *name != '\0') {
		mail_hdr_phrase(h, name, strlen(name));
		buf_printf(&a, "<%s>", addr);
		mail_hdr_token(h, a.p, a.n, 1);
	} else {
		mail_hdr_token(h, addr, strlen(addr), 1);
	}
	buf_free(&a);
}

void
mail_hdr_end(struct mail_hdr *h)
{
	buf_addc(h->b, '\n');
	h->col = 0;
}

void
mail_hdr_clean(struct buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len, start = out->n;
	uint32_t cp;
	int space = 0;

	while (i < n) {
		len = utf8_decode(u + i, n - i, &cp);
		if (len == 0) {
			i++;
			continue;
		}
		if (cp == ' ' || utf8_is_banned(cp) || cp == 0x2028 ||
		    cp == 0x2029) {
			space = out->n > start;
		} else {
			if (space)
				buf_addc(out, ' ');
			space = 0;
			buf_add(out, s + i, len);
		}
		i += len;
	}
	if (out->p == NULL)
		buf_add(out, "", 0);
}

int
mail_dot_atom_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return 0;
		} else if (!is_atext((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

int
mail_domain_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 253)
		return 0;
	if (s[0] != '[')
		return mail_dot_atom_ok(s, n);
	/*
	 * An address literal of the shapes RFC 5321 4.1.3 gives: an IPv4
	 * or IPv6 address (hex digits, ':' and '.', "IPv6:" before it or
	 * not), not any dtext: mail readers split "[a>b]" at the '>'.
	 */
	if (n < 3 || s[n - 1] != ']')
		return 0;
	i = n > 7 && strncasecmp(s + 1, "IPv6:", 5) == 0 ? 6 : 1;
	for (; i < n - 1; i++)
		if (!isxdigit((unsigned char)s[i]) && s[i] != ':' &&
		    s[i] != '.')
			return 0;
	return 1;
}

int
mail_addr_ok(const char *s)
{
	const char *at = strchr(s, '@');
	size_t n = strlen(s);

	if (at == NULL || n > 254 || at - s > 64)
		return 0;
	return mail_dot_atom_ok(s, (size_t)(at - s)) &&
	    mail_domain_ok(at + 1, strlen(at + 1));
}

int
mail_addr_parse(const char *s, char **name, char **addr)
{
	const char *nm, *ad;
	size_t nn, na, i, n;
	char *a, *v;

	ir_author_split(s, &nm, &nn, &ad, &na);
	if (ad != NULL) {
		a = xstrndup(ad, na);
	} else {
		a = xstrndup(nm, nn);
		nn = 0;
	}
	if (!mail_addr_ok(a)) {
		free(a);
		return -1;
	}
	*addr = a;
	*name = NULL;
	if (nn == 0)
		return 0;
	if (nn >= 2 && nm[0] == '"' && nm[nn - 1] == '"') {
		/* A quoted-string: drop the quotes and the backslashes. */
		v = xmalloc(nn);
		for (i = 1, n = 0; i < nn - 1; i++) {
			if (nm[i] == '\\' && i + 1 < nn - 1)
				i++;
			v[n++] = nm[i];
		}
		v[n] = '\0';
		*name = v;
	} else {
		*name = xstrndup(nm, nn);
	}
	return 0;
}

int
mail_is_from_line(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == '>')
		i++;
	return n - i >= 5 && memcmp(s + i, "From ", 5) == 0;
}

void
mail_qp_encode(struct buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, col = 0, clen, tlen, lim;
	int lit, ends;
	char *o;

	/*
	 * Three bytes out for each in, a soft break for every 73 of those
	 * and a last one: 4n + 8 is room enough, so write without checks.
	 */
	if (n > (SIZE_MAX - 8) / 4)
		msg_oom();
	buf_grow(out, 4 * n + 8);
	o = out->p + out->n;
	while (i < n) {
		/*
		 * Past a line's start, printable ASCII but '=', and a blank
		 * with a character other than a line end after it, go as
		 * they are while a column stays for a soft break: what the
		 * general case below does for them, a byte at a time.
		 */
		if (col > 0 && col < QP_MAX - 1) {
			lim = n - i > QP_MAX - 1 - col ? i + QP_MAX - 1 - col : n;
			for (k = i; k < lim; k++) {
				if (u[k] > 32 && u[k] < 127) {
					if (u[k] == '=')
						break;
				} else if ((u[k] != ' ' && u[k] != '\t') ||
				    k + 1 == n || u[k + 1] == '\n') {
					break;
				}
			}
			memcpy(o, s + i, k - i);
			o += k - i;
			col += k - i;
			if ((i = k) == n)
				break;
		}
		if (u[i] == '\n') {
			*o++ = '\n';
			col = 0;
			i++;
			continue;
		}
		clen = u[i] < 0x80 ? 1 : char_len(s + i, n - i);
		/* Does a hard line break follow this character? */
		ends = i + clen < n && u[i + clen] == '\n';
		if (u[i] >= 0x80)
			lit = 0;
		else if (u[i] == ' ' || u[i] == '\t')
			lit = i + 1 < n && !ends;
		else
			lit = u[i] > 32 && u[i] < 127 && u[i] != '=';
		if (col == 0 && (u[i] == '.' ||
		    mail_is_from_line(s + i, n - i)))
			lit = 0;
		tlen = lit ? 1 : 3 * clen;
		/* Keep a column for the soft break's '=' unless a hard one follows. */
		if (col + tlen > (ends ? QP_MAX : QP_MAX - 1)) {
			*o++ = '=';
			*o++ = '\n';
			col = 0;
			continue;	/* the line start rules apply again */
		}
		if (lit) {
			*o++ = (char)u[i];
		} else {
			for (k = i; k < i + clen; k++) {
				*o++ = '=';
				*o++ = hex[u[k] >> 4];
				*o++ = hex[u[k] & 15];
			}
		}
		col += tlen;
		i += clen;
	}
	if (n > 0 && u[n - 1] != '\n') {
		*o++ = '=';
		*o++ = '\n';
	}
	out->n = (size_t)(o - out->p);
	out->p[out->n] = '\0';
}

void
mail_mboxrd_quote(struct buf *out, const char *s, size_t n)
{
	const char *p = s, *end = s + n, *nl;
	size_t len;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((nl != NULL ? nl : end) - p);
		if (mail_is_from_line(p, len))
			buf_addc(out, '>');
		buf_add(out, p, len);
		buf_addc(out, '\n');
		p += len + 1;
	}
}
