/* utf8.c: decoding and checking UTF-8. */
#include <string.h>

#include "quire.h"

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c, min;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2, min = 0x80, c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, min = 0x800, c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past Unicode. */
	if (c < min || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

int
utf8_check(const char *s, size_t n, size_t *off, const char **what)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t i, len;

	for (i = 0; i < n; i += len) {
		if (u[i] >= 0x01 && u[i] < 0x80) {
			len = 1;
			/* Eight ASCII bytes, none of them NUL, at a time. */
			while (i + len + 8 <= n) {
				uint64_t w;

				memcpy(&w, u + i + len, 8);
				if ((w & 0x8080808080808080ULL) != 0 ||
				    ((w - 0x0101010101010101ULL) & ~w &
				    0x8080808080808080ULL) != 0)
					break;
				len += 8;
			}
			continue;
		}
		if (u[i] == 0) {
			*off = i;
			*what = "NUL byte";
			return -1;
		}
		len = utf8_decode(u + i, n - i, &cp);
		if (len == 0) {
			*off = i;
			*what = "invalid UTF-8";
			return -1;
		}
	}
	return 0;
}

int
utf8_is_banned(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    cp == 0xfffe || cp == 0xffff;
}
