/* sha1.c: SHA-1 (FIPS 180-4), name-based UUIDs and a small hash. */
#include <string.h>

#include "quire.h"

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void
sha1_block(struct sha1 *c, const unsigned char *p)
{
	uint32_t w[80], a, b, d, e, f, k, t, cc;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3], e = c->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20)
			f = (b & cc) | (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ cc ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & cc) | (b & d) | (cc & d), k = 0x8f1bbcdc;
		else
			f = b ^ cc ^ d, k = 0xca62c1d6;
		t = ROL(a, 5) + f + e + k + w[i];
		e = d, d = cc, cc = ROL(b, 30), b = a, a = t;
	}
	c->h[0] += a, c->h[1] += b, c->h[2] += cc, c->h[3] += d, c->h[4] += e;
}

void
sha1_init(struct sha1 *c)
{
	static const uint32_t iv[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0
	};

	memcpy(c->h, iv, sizeof(iv));
	c->len = 0;
	c->nblk = 0;
}

void
sha1_update(struct sha1 *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t take;

	c->len += n;
	while (n > 0) {
		take = 64 - c->nblk;
		if (take > n)
			take = n;
		memcpy(c->blk + c->nblk, p, take);
		c->nblk += take, p += take, n -= take;
		if (c->nblk == 64) {
			sha1_block(c, c->blk);
			c->nblk = 0;
		}
	}
}

void
sha1_final(struct sha1 *c, unsigned char md[20])
{
	uint64_t bits = c->len * 8;
	unsigned char pad[72];
	size_t npad;
	int i;

	/* 0x80, zeros up to 56 mod 64, then the length in bits. */
	npad = (c->nblk < 56 ? 56 : 120) - c->nblk;
	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	for (i = 0; i < 8; i++)
		pad[npad + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(c, pad, npad + 8);
	for (i = 0; i < 20; i++)
		md[i] = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

void
uuid_v5_begin(struct sha1 *c)
{
	/* The URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8. */
	static const unsigned char ns[16] = {
		0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
		0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
	};

	sha1_init(c);
	sha1_update(c, ns, sizeof(ns));
}

void
uuid_v5_end(struct sha1 *c, char out[UUID_LEN])
{
	unsigned char md[20];

	sha1_final(c, md);
	md[6] = (md[6] & 0x0f) | 0x50;	/* version 5 */
	md[8] = (md[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	uuid_fmt(md, out);
}

void
uuid_fmt(const unsigned char b[16], char out[UUID_LEN])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*out++ = '-';
		*out++ = hex[b[i] >> 4];
		*out++ = hex[b[i] & 15];
	}
	*out = '\0';
}

void
uuid_bytes(const char *s, unsigned char b[16])
{
	int i;

	for (i = 0; i < 16; i++, s += 2) {
		if (*s == '-')
			s++;
		b[i] = (unsigned char)(url_hexval(s[0]) * 16 +
		    url_hexval(s[1]));
	}
}

void
uuid_v5(const char *name, size_t n, char out[UUID_LEN])
{
	struct sha1 c;

	uuid_v5_begin(&c);
	sha1_update(&c, name, n);
	uuid_v5_end(&c, out);
}

uint64_t
hash64(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n-- > 0) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}
