/*
 * v16.h: sixteen bytes at a time, for the byte-class loops of the IR
 * writer and reader (ir.c), the XML text cleaner (feed.c), the site
 * Markdown pass (sitemd.c), the HTML text mask (htmlmask.c) and the
 * XHTML escaper (xhtml.c).
 *
 * With GCC and clang (V16_OK defined), a v16 is a vector of sixteen
 * signed chars (SSE2 on x86-64, NEON on ARM): a comparison gives each
 * lane 0 or -1, and as signed chars the bytes 0x80-0xff are negative,
 * so "v < V16(0x20)" finds the C0 controls and every byte of UTF-8 at
 * once.  Other compilers, and builds with -DQUIRE_NO_V16 (which test
 * them), leave V16_OK undefined: the callers take their byte or
 * eight-byte loops.
 */
#ifndef V16_H
#define V16_H

#if defined(__GNUC__) && !defined(QUIRE_NO_V16)
#define V16_OK 1

#include <stdint.h>
#include <string.h>

typedef signed char v16 __attribute__((vector_size(16)));

/* The vector with c in every lane. */
#define V16(c)	((v16){ c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c })

/* The sixteen bytes at p, which need not be aligned. */
static inline v16
v16_load(const void *p)
{
	v16 v;

	memcpy(&v, p, 16);
	return v;
}

/*
 * The index of the first lane of m that is not 0, in memory order, or
 * 16 when all are 0; m's lanes are each 0 or -1, as comparisons give.
 */
static inline size_t
v16_first(v16 m)
{
	uint64_t h[2];

	memcpy(h, &m, 16);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (h[0] != 0)
		return (size_t)__builtin_ctzll(h[0]) / 8;
	return h[1] != 0 ? 8 + (size_t)__builtin_ctzll(h[1]) / 8 : 16;
#else
	if (h[0] != 0)
		return (size_t)__builtin_clzll(h[0]) / 8;
	return h[1] != 0 ? 8 + (size_t)__builtin_clzll(h[1]) / 8 : 16;
#endif
}

/* Lanes of v that are not printable ASCII (< 0x20, 0x7f, >= 0x80). */
static inline v16
v16_unprintable(v16 v)
{
	return (v < V16(0x20)) | (v == V16(0x7f));
}
#endif

#endif
