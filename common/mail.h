/*
 * mail.h: escapers for Internet mail (RFC 5322, RFC 2045, RFC 2047)
 * and for mbox files (mboxrd).
 *
 * Everything here appends to a struct buf and writes LF line ends, as
 * mbox files hold them; a message sent on converts them to CRLF.  The
 * output of every function is 7-bit ASCII.
 */
#ifndef QUIRE_MAIL_H
#define QUIRE_MAIL_H

#include "quire.h"

/* Line lengths of RFC 5322: the one to fold at, the one never passed. */
#define MAIL_LINE_SOFT	78
#define MAIL_LINE_HARD	998

/*
 * A header field under construction.  Fields are folded at white space
 * so that no line is longer than MAIL_LINE_SOFT when it can be helped
 * and never longer than MAIL_LINE_HARD: text that cannot be folded is
 * written as RFC 2047 encoded-words, which can.
 */
struct mail_hdr {
	struct buf *b;		/* where the field goes */
	size_t      col;	/* column of the next byte */
	int         empty;	/* nothing written after "Name:" yet */
};

/* Start a field "Name:" at the end of b. */
void mail_hdr_begin(struct mail_hdr *h, struct buf *b, const char *name);

/*
 * Append unstructured text (Subject, RFC 5322 3.2.5) after a space.
 * Controls, line breaks and invalid UTF-8 are made header-safe first
 * (mail_hdr_clean); each run of words that are not plain ASCII, or
 * look like an encoded-word, or are too long to fold, becomes Q
 * encoded-words of at most 75 characters, never splitting a UTF-8
 * character.
 */
void mail_hdr_text(struct mail_hdr *h, const char *s, size_t n);

/*
 * Append a phrase (a display name, a keyword) after a space, cleaned
 * as above: atoms as they are; printable ASCII with specials as one
 * quoted-string folded at its spaces; else the runs of words that are
 * not atoms as Q encoded-words, restricted to the characters RFC 2047
 * 5(3) allows in a phrase.
 */
void mail_hdr_phrase(struct mail_hdr *h, const char *s, size_t n);

/*
 * Append a token that must not be split (a msg-id, "<addr>"), after a
 * space or a fold when space is nonzero, else right after the last
 * byte.  The caller guarantees it is printable ASCII.
 */
void mail_hdr_token(struct mail_hdr *h, const char *s, size_t n, int space);

/*
 * Append "Name <addr>" (or addr alone when name is NULL or empty).
 * addr must have passed mail_addr_ok().
 */
void mail_hdr_addr(struct mail_hdr *h, const char *name, const char *addr);

/* End the field with a newline. */
void mail_hdr_end(struct mail_hdr *h);

/*
 * Append s[0..n) as single-line text: every run of white space and
 * control characters (C0, C1, DEL, U+2028, U+2029) becomes one space,
 * the ends are trimmed, bytes that are not UTF-8 are dropped.
 */
void mail_hdr_clean(struct buf *out, const char *s, size_t n);

/* Nonzero if s[0..n) is a dot-atom-text (RFC 5322 3.2.3). */
int mail_dot_atom_ok(const char *s, size_t n);

/*
 * Nonzero if s[0..n) may be the domain of an address or a msg-id: a
 * dot-atom of at most 253 characters or an address literal "[...]".
 */
int mail_domain_ok(const char *s, size_t n);

/* Nonzero if s is an addr-spec "local@domain" of at most 254 bytes. */
int mail_addr_ok(const char *s);

/*
 * Split "Name <addr>", "\"Name\" <addr>" or a bare "addr" into newly
 * allocated *name (NULL when there is none) and *addr, which the
 * caller frees.  Returns 0, or -1 (nothing allocated) when s holds no
 * addr-spec that mail_addr_ok() accepts.
 */
int mail_addr_parse(const char *s, char **name, char **addr);

/*
 * Append s[0..n) quoted-printable (RFC 2045 6.7): lines of at most 76
 * characters, '=' and bytes outside printable ASCII as =XX, white
 * space before a line end encoded, no UTF-8 character split over two
 * lines.  A line that starts with "From ", ">From " (any number of
 * '>') or "." starts with its first character encoded (RFC 2049 3),
 * so that no mbox reader alters it.  Non-empty output always ends with
 * a newline; text without a final newline ends with a soft break.
 */
void mail_qp_encode(struct buf *out, const char *s, size_t n);

/*
 * Append the lines of s[0..n) mboxrd-quoted: a line matching
 * "^>*From " gets one more '>'.  The result ends with a newline.
 */
void mail_mboxrd_quote(struct buf *out, const char *s, size_t n);

/* Nonzero if the line at s (n bytes left) matches "^>*From ". */
int mail_is_from_line(const char *s, size_t n);

#endif
