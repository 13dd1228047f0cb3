/*
 * permalink.c: where a post lives on its site, and whether a file is a
 * post at all (permalink.h).  The rules, each with the generator it
 * comes from, are in md2ir(1), LAYOUTS.
 */
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "permalink.h"

const char *const pl_md_suffix[] = {
	".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx", NULL
};

static const char *const month_name[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static const char *const day_name[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};

/* Length of s less a Markdown suffix. */
static size_t
stem_len(const char *s, size_t n)
{
	size_t k;
	int i;

	for (i = 0; pl_md_suffix[i] != NULL; i++) {
		k = strlen(pl_md_suffix[i]);
		if (n > k && strncasecmp(s + n - k, pl_md_suffix[i], k) == 0)
			return n - k;
	}
	return n;
}

/* Nonzero for "index" plus a suffix of a bundle's index file. */
static int
is_index_name(const char *s, size_t n)
{
	return n > 5 && strncmp(s, "index", 5) == 0 &&
	    (strcmp(s + 5, ".md") == 0 || strcmp(s + 5, ".markdown") == 0 ||
	    strcmp(s + 5, ".mdx") == 0);
}

/*
 * Resolve "", "." and ".." segments of p lexically; a leading "/" is
 * kept, ".." above a relative start is kept, above "/" dropped.
 */
static char *
normalise(const char *p)
{
	struct buf b = BUF_INIT;
	const char *s, *e;
	size_t n, keep;
	int abs = p[0] == '/';

	if (abs)
		buf_addc(&b, '/');
	keep = b.n;		/* ".." segments that cannot be undone */
	for (s = p; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		n = (size_t)(e - s);
		if (n == 0 || (n == 1 && s[0] == '.'))
			continue;
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (b.n > keep) {
				while (b.n > keep && b.p[b.n - 1] != '/')
					b.n--;
				if (b.n > keep)
					b.n--;	/* the '/' before it */
				b.p[b.n] = '\0';
				continue;
			}
			if (abs)
				continue;
			if (b.n > 0)
				buf_addc(&b, '/');
			buf_adds(&b, "..");
			keep = b.n;
			continue;
		}
		if (b.n > 0 && b.p[b.n - 1] != '/')
			buf_addc(&b, '/');
		buf_add(&b, s, n);
	}
	if (b.p == NULL)
		buf_adds(&b, "");
	return b.p;
}

/* p made absolute against the current directory, then normalised. */
static char *
absolute_path(const char *p)
{
	struct buf b = BUF_INIT;
	char cwd[4096], *r;

	if (p[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL) {
		buf_adds(&b, cwd);
		buf_addc(&b, '/');
	}
	buf_adds(&b, p);
	r = normalise(b.p);
	buf_free(&b);
	return r;
}

/* Two to four digits; the value, or -1. */
static int
digits(const char *s, size_t n, size_t min, size_t max)
{
	size_t i;
	int v = 0;

	if (n < min || n > max)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
ymd_date(int y, int m, int d, int64_t *t)
{
	char s[32];

	if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
	return date_parse(s, t);
}

/*
 * The last "YYYY/MM/DD" run of whole segments in p[0..n) (months and
 * days of one or two digits): 0 and *t, or -1.
 */
static int
segment_date(const char *p, size_t n, int64_t *t)
{
	const char *seg[64];
	size_t len[64], nseg = 0, i;
	const char *s = p, *end = p + n, *e;
	int found = -1;

	while (s < end && nseg < 64) {
		e = memchr(s, '/', (size_t)(end - s));
		if (e == NULL)
			e = end;
		seg[nseg] = s;
		len[nseg++] = (size_t)(e - s);
		s = e + 1;
	}
	for (i = 0; i + 2 < nseg; i++) {
		int y = digits(seg[i], len[i], 4, 4);
		int m = digits(seg[i + 1], len[i + 1], 1, 2);
		int d = digits(seg[i + 2], len[i + 2], 1, 2);

		if (y >= 0 && m >= 0 && d >= 0 && ymd_date(y, m, d, t) == 0)
			found = 0;
	}
	return found;
}

int
pl_facts_init(struct pl_facts *f, const char *path, const char *root,
    const char **why)
{
	char *apath = NULL, *aroot = NULL, *slash;
	const char *base, *folder;
	size_t n, rn;

	memset(f, 0, sizeof(*f));
	*why = NULL;
	if (path == NULL || strcmp(path, "-") == 0) {
		f->rel = xstrdup("");
		f->dirs = xstrdup("");
		f->name = xstrdup("");
		f->name_rest = f->name;
		return 0;
	}
	apath = absolute_path(path);
	if (root != NULL && *root != '\0') {
		aroot = absolute_path(root);
		rn = strlen(aroot);
		if (strcmp(aroot, "/") == 0) {
			f->rel = xstrdup(apath + 1);
		} else if (strncmp(apath, aroot, rn) == 0 &&
		    apath[rn] == '/') {
			f->rel = xstrdup(apath + rn + 1);
		} else {
			*why = "not below the content root";
			f->rel = xstrdup("");
			f->dirs = xstrdup("");
			f->name = xstrdup("");
			f->name_rest = f->name;
			free(apath);
			free(aroot);
			return -1;
		}
		f->has_root = 1;
	} else {
		f->rel = normalise(path);
	}

	/* The file name, and for a bundle the folder that names it. */
	base = strrchr(apath, '/');
	base = base != NULL ? base + 1 : apath;
	n = strlen(base);
	f->bundle = is_index_name(base, n);
	if (f->bundle) {
		/* The bundle's folder, from the absolute path. */
		folder = base - 1;
		while (folder > apath && folder[-1] != '/')
			folder--;
		if (folder < base - 1) {
			f->name = xstrndup(folder, (size_t)(base - 1 - folder));
		} else {
			f->bundle = 0;
			f->name = xstrndup(base, stem_len(base, n));
		}
	} else {
		f->name = xstrndup(base, stem_len(base, n));
	}
	f->name_rest = f->name;

	/* The folders below the root, less a bundle's own. */
	f->dirs = xstrdup(f->has_root ? f->rel : "");
	if ((slash = strrchr(f->dirs, '/')) != NULL)
		*slash = '\0';
	else
		f->dirs[0] = '\0';
	if (f->bundle && f->has_root) {
		if ((slash = strrchr(f->dirs, '/')) != NULL)
			*slash = '\0';
		else
			f->dirs[0] = '\0';
	}

	/* Jekyll's "YYYY-MM-DD-rest" name; Zola's "YYYY-MM-DD_rest" too. */
	n = strlen(f->name);
	if (n > 11 && f->name[4] == '-' && f->name[7] == '-' &&
	    (f->name[10] == '-' || f->name[10] == '_')) {
		int y = digits(f->name, 4, 4, 4);
		int m = digits(f->name + 5, 2, 2, 2);
		int d = digits(f->name + 8, 2, 2, 2);

		if (y >= 0 && m >= 0 && d >= 0 &&
		    ymd_date(y, m, d, &f->name_date) == 0) {
			f->has_name_date = 1;
			f->name_rest = f->name + 11;
		}
	}

	/* A "YYYY/MM/DD/" run among the folders of the file. */
	slash = strrchr(apath, '/');
	if (slash != NULL && segment_date(apath, (size_t)(slash - apath),
	    &f->dir_date) == 0)
		f->has_dir_date = 1;
	free(apath);
	free(aroot);
	return 0;
}

void
pl_facts_free(struct pl_facts *f)
{
	free(f->rel);
	free(f->dirs);
	free(f->name);
	memset(f, 0, sizeof(*f));
}

enum pl_kind
pl_classify(const struct pl_facts *f, int sibling_index, const char **why)
{
	const char *base, *s, *e;
	size_t n, bn;
	int first = 1;

	*why = NULL;
	if (f->rel[0] == '\0')
		return PL_POST;
	base = strrchr(f->rel, '/');
	base = base != NULL ? base + 1 : f->rel;
	bn = strlen(base);
	if (stem_len(base, bn) == 6 && strncmp(base, "_index", 6) == 0) {
		*why = "a section page (_index.md), not a post";
		return PL_SECTION;
	}
	/* The folders of the file, first to last. */
	for (s = f->rel; s < base; s = e + 1, first = 0) {
		e = strchr(s, '/');
		n = (size_t)(e - s);
		if (n == 7 && strncmp(s, "_drafts", 7) == 0) {
			*why = "a draft (in _drafts)";
			return PL_DRAFT;
		}
		if (!f->has_root)
			continue;
		if (n == 6 && strncmp(s, "_posts", 6) == 0)
			continue;
		if (n > 0 && (s[0] == '_' || s[0] == '.')) {
			*why = "in a folder whose name starts with '_' or "
			    "'.', which the generator does not publish";
			return PL_HIDDEN;
		}
		if (first && n == 5 && strncmp(s, "pages", 5) == 0) {
			*why = "a page (pages/, Pelican's PAGE_PATHS), not a "
			    "post";
			return PL_PAGE;
		}
	}
	if (!f->has_root)
		return PL_POST;
	if (base == f->rel && is_index_name(base, bn)) {
		*why = "the content root's own page (index.md), not a post";
		return PL_ROOT_INDEX;
	}
	if (base != f->rel && !is_index_name(base, bn) && sibling_index) {
		*why = "a resource of the page bundle beside it (index.md), "
		    "not a post";
		return PL_RESOURCE;
	}
	return PL_POST;
}

enum pl_kind
pl_classify_file(const struct pl_facts *f, const char *path,
    const char **why)
{
	static const char *const idx[] = {
		"index.md", "index.markdown", "index.mdx", NULL
	};
	struct buf b = BUF_INIT;
	const char *slash;
	size_t dn;
	int i, sib = 0;

	if (path != NULL && strcmp(path, "-") != 0 && f->has_root) {
		slash = strrchr(path, '/');
		dn = slash != NULL ? (size_t)(slash - path) + 1 : 0;
		for (i = 0; idx[i] != NULL && !sib; i++) {
			buf_reset(&b);
			buf_add(&b, path, dn);
			buf_adds(&b, idx[i]);
			sib = access(b.p, F_OK) == 0;
		}
		buf_free(&b);
	}
	return pl_classify(f, sib, why);
}

int
pl_path_date(const struct pl_facts *f, const char *fmpath, int64_t *t,
    int *from_name)
{
	*from_name = 0;
	if (f->has_name_date) {
		*t = f->name_date;
		*from_name = 1;
		return 0;
	}
	if (fmpath != NULL && !url_has_scheme(fmpath) &&
	    segment_date(fmpath, strlen(fmpath), t) == 0)
		return 0;
	if (f->has_dir_date) {
		*t = f->dir_date;
		return 0;
	}
	return -1;
}

/* ---- slugs ----------------------------------------------------------- */

/* Nonzero if the code point c counts as a letter or digit: ASCII ones,
 * and every non-ASCII one but Latin-1 and general punctuation. */
static int
is_alnum_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	if (c <= 0xbf || c == 0xd7 || c == 0xf7)
		return 0;
	if (c >= 0x2000 && c <= 0x206f)	/* General Punctuation */
		return 0;
	if (c >= 0x3000 && c <= 0x303f)	/* CJK punctuation */
		return 0;
	return 1;
}

static int
is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v' || c == 0xa0 || c == 0x3000 ||
	    (c >= 0x2000 && c <= 0x200a);
}

/* Decode one code point of s; an invalid byte counts as itself. */
static size_t
next_cp(const char *s, uint32_t *c)
{
	size_t n = utf8_decode((const unsigned char *)s, strnlen(s, 4), c);

	if (n == 0) {
		*c = (unsigned char)*s;
		n = 1;
	}
	return n;
}

/*
 * The lower case of c for the scripts whose letters slugs meet most
 * (Latin-1, Latin Extended-A, Greek, Cyrillic); other code points are
 * returned unchanged.  Each pair has the same UTF-8 length.
 */
static uint32_t
lower_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x138 &&
	    c != 0x149 && c != 0x178 && c != 0x17f)
		/* Pairs: even upper, odd lower, shifted at U+0139..U+0148
		 * and U+0179..U+017E. */
		return ((c >= 0x139 && c <= 0x148) || c >= 0x179) ?
		    (c % 2 == 1 ? c + 1 : c) : (c % 2 == 0 ? c + 1 : c);
	if ((c >= 0x391 && c <= 0x3a9 && c != 0x3a2) ||
	    (c >= 0x410 && c <= 0x42f))
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	return c;
}

/* Lower-case out->p[from..] in place (see lower_cp). */
static void
lower_from(struct buf *out, size_t from)
{
	unsigned char *p;
	size_t i, n;
	uint32_t c, l;

	for (i = from; i < out->n; i += n) {
		p = (unsigned char *)out->p + i;
		if ((n = utf8_decode(p, out->n - i, &c)) == 0) {
			n = 1;
			continue;
		}
		if ((l = lower_cp(c)) == c)
			continue;
		if (n == 1) {
			p[0] = (unsigned char)l;
		} else if (n == 2) {
			p[0] = (unsigned char)(0xc0 | (l >> 6));
			p[1] = (unsigned char)(0x80 | (l & 0x3f));
		}
	}
}

void
pl_slug_jekyll(struct buf *out, const char *s, int pretty, int cased)
{
	size_t start = out->n, n;
	uint32_t c;
	int dash = 0;

	buf_grow(out, 0);
	for (; *s != '\0'; s += n) {
		n = next_cp(s, &c);
		if (is_alnum_cp(c) || (pretty && c < 0x80 &&
		    strchr("._~!$&'()+,;=@", (int)c) != NULL)) {
			if (dash && out->n > start)
				buf_addc(out, '-');
			buf_add(out, s, n);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (!cased)
		lower_from(out, start);
	out->p[out->n] = '\0';
}

void
pl_urlize(struct buf *out, const char *s)
{
	size_t start = out->n, n;
	uint32_t c;
	int hyphen = 0, was = 0;

	buf_grow(out, 0);
	for (; *s != '\0'; s += n) {
		n = next_cp(s, &c);
		if (is_alnum_cp(c) || (c < 0x80 &&
		    strchr("./\\_#+~-@", (int)c) != NULL)) {
			was = c == '-';
			if (hyphen && !was)
				buf_addc(out, '-');
			hyphen = 0;
			buf_add(out, s, n);
		} else if (out->n > start && !was && is_space_cp(c)) {
			hyphen = 1;
		}
	}
	lower_from(out, start);
	out->p[out->n] = '\0';
}

/*
 * The Latin letters of U+00C0..U+017F in ASCII, as Pelican's slugs
 * write them (its slugify() runs unidecode unless SLUGIFY_USE_UNICODE):
 * the base letter of a letter with marks, the digraphs spelled out.
 */
static const char *const latin_ascii[0x180 - 0xc0] = {
	"A", "A", "A", "A", "A", "A", "AE", "C",
	"E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", "x",
	"O", "U", "U", "U", "U", "Y", "Th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "/",
	"o", "u", "u", "u", "u", "y", "th", "y",
	"A", "a", "A", "a", "A", "a", "C", "c",
	"C", "c", "C", "c", "C", "c", "D", "d",
	"D", "d", "E", "e", "E", "e", "E", "e",
	"E", "e", "E", "e", "G", "g", "G", "g",
	"G", "g", "G", "g", "H", "h", "H", "h",
	"I", "i", "I", "i", "I", "i", "I", "i",
	"I", "i", "IJ", "ij", "J", "j", "K", "k",
	"k", "L", "l", "L", "l", "L", "l", "L",
	"l", "L", "l", "N", "n", "N", "n", "N",
	"n", "'n", "NG", "ng", "O", "o", "O", "o",
	"O", "o", "OE", "oe", "R", "r", "R", "r",
	"R", "r", "S", "s", "S", "s", "S", "s",
	"S", "s", "T", "t", "T", "t", "T", "t",
	"U", "u", "U", "u", "U", "u", "U", "u",
	"U", "u", "U", "u", "W", "w", "Y", "y",
	"Y", "Z", "z", "Z", "z", "Z", "z", "s",
};

/* s into a, its Latin letters with marks in ASCII (latin_ascii). */
static void
latin_to_ascii(struct buf *a, const char *s)
{
	uint32_t c;
	size_t n;

	for (; *s != '\0'; s += n) {
		n = next_cp(s, &c);
		if (c >= 0xc0 && c < 0x180)
			buf_adds(a, latin_ascii[c - 0xc0]);
		else
			buf_add(a, s, n);
	}
}

/* What slug_walk() does with a code point. */
enum slug_rule { SLUG_KEEP, SLUG_SEP, SLUG_DROP };

/*
 * The slug of s appended to out: Latin letters with marks in ASCII
 * first (latin_to_ascii()), then each code point kept, made a separator
 * or dropped as rule() says; a run of separators between kept ones is
 * one "-", none at either end; lower case.
 */
static void
slug_walk(struct buf *out, const char *s, enum slug_rule (*rule)(uint32_t))
{
	struct buf a = BUF_INIT;
	size_t start = out->n, n;
	uint32_t c;
	int sep = 0;

	latin_to_ascii(&a, s);
	buf_grow(out, 0);
	for (s = a.p != NULL ? a.p : ""; *s != '\0'; s += n) {
		n = next_cp(s, &c);
		switch (rule(c)) {
		case SLUG_KEEP:
			if (sep && out->n > start)
				buf_addc(out, '-');
			sep = 0;
			buf_add(out, s, n);
			break;
		case SLUG_SEP:
			sep = 1;
			break;
		case SLUG_DROP:		/* joins its neighbours */
			break;
		}
	}
	lower_from(out, start);
	out->p[out->n] = '\0';
	buf_free(&a);
}

/*
 * Zola's slugify (its "slug" crate, slugify.paths "on" by default):
 * letters and digits stay, anything else separates.  Letters of other
 * scripts are kept as they are (the crate spells them in ASCII too).
 */
static enum slug_rule
zola_rule(uint32_t c)
{
	return is_alnum_cp(c) ? SLUG_KEEP : SLUG_SEP;
}

static void
zola_slug(struct buf *out, const char *s)
{
	slug_walk(out, s, zola_rule);
}

/* Pelican's: '_' stays too, '-' and white space separate, the rest goes. */
static enum slug_rule
pelican_rule(uint32_t c)
{
	if (is_alnum_cp(c) || c == '_')
		return SLUG_KEEP;
	return c == '-' || is_space_cp(c) ? SLUG_SEP : SLUG_DROP;
}

void
pl_slug_pelican(struct buf *out, const char *s)
{
	slug_walk(out, s, pelican_rule);
}

/* ---- patterns -------------------------------------------------------- */

/* The local calendar fields of the post's date. */
struct when {
	struct date_tm tm;
	int yday;			/* 1..366 */
	int wyear, week;		/* ISO 8601 week-numbering */
};

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
iso_weeks(int y)
{
	int p = (y + y / 4 - y / 100 + y / 400) % 7;
	int q = ((y - 1) + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) % 7;

	return 52 + (p == 4 || q == 3);
}

static void
when_of(const struct pl_post *p, struct when *w)
{
	static const int cum[] = {
		0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
	};
	int wd;

	date_split(p->date + p->tzoff, &w->tm);
	w->yday = cum[w->tm.mon - 1] + w->tm.mday +
	    (w->tm.mon > 2 && is_leap(w->tm.year));
	wd = w->tm.wday == 0 ? 7 : w->tm.wday;
	w->wyear = w->tm.year;
	w->week = (w->yday - wd + 10) / 7;
	if (w->week < 1) {
		w->wyear--;
		w->week = iso_weeks(w->wyear);
	} else if (w->week > iso_weeks(w->tm.year)) {
		w->wyear++;
		w->week = 1;
	}
}

/* Jekyll's :categories: lower-cased, repeats dropped, joined by '/'.
 * Repeats are found with a hash set, so many categories stay linear. */
static void
jekyll_categories(struct buf *out, const struct pl_post *p, int slugify)
{
	struct idset seen = IDSET_INIT;
	struct buf one = BUF_INIT;
	size_t i;

	for (i = 0; i < p->ncats; i++) {
		buf_reset(&one);
		if (slugify)
			pl_slug_jekyll(&one, p->cats[i], 0, 0);
		else {
			buf_adds(&one, p->cats[i]);
			lower_from(&one, 0);
		}
		if (one.n == 0 || !idset_add(&seen, one.p, one.n))
			continue;
		if (out->n > 0 && out->p[out->n - 1] != '/')
			buf_addc(out, '/');
		buf_add(out, one.p, one.n);
	}
	idset_free(&seen);
	buf_free(&one);
}

/* Hugo's :sections with an optional slice "[a:b]", "[last]", "[:last]". */
static int
hugo_sections(struct buf *out, const char *dirs, const char **pp)
{
	const char *p = *pp, *segs[64], *s, *e;
	size_t lens[64], n = 0, i, lo = 0, hi;
	char *end;
	long v;

	for (s = dirs; *s != '\0' && n < 64; s = *e != '\0' ? e + 1 : e) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		segs[n] = s;
		lens[n++] = (size_t)(e - s);
	}
	hi = n;
	if (*p == '[') {
		p++;
		if (strncmp(p, "last]", 5) == 0) {
			lo = n > 0 ? n - 1 : 0;
			p += 5;
		} else {
			if (*p != ':') {
				v = strtol(p, &end, 10);
				if (end == p || v < 0)
					return -1;
				lo = (size_t)v;
				p = end;
				if (*p == ']') {	/* [i]: one section */
					hi = lo + 1;
					p++;
					goto done;
				}
			}
			if (*p++ != ':')
				return -1;
			if (strncmp(p, "last]", 5) == 0) {
				hi = n > 0 ? n - 1 : 0;
				p += 4;
			} else if (*p != ']') {
				v = strtol(p, &end, 10);
				if (end == p || v < 0)
					return -1;
				hi = (size_t)v;
				p = end;
			}
			if (*p++ != ']')
				return -1;
		}
	}
done:
	if (hi > n)
		hi = n;
	for (i = lo; i < hi; i++) {
		if (out->n > 0 && out->p[out->n - 1] != '/')
			buf_addc(out, '/');
		buf_add(out, segs[i], lens[i]);
	}
	*pp = p;
	return 0;
}

/* Tokens, and which syntax knows them: 1 Jekyll, 2 Hugo, 3 both. */
enum tok {
	T_YEAR, T_MONTH, T_DAY, T_TITLE, T_SLUG, T_HOUR, T_MINUTE, T_SECOND,
	T_I_MONTH, T_I_DAY, T_Y_DAY, T_SHORT_YEAR, T_SHORT_MONTH,
	T_LONG_MONTH, T_W_YEAR, T_WEEK, T_W_DAY, T_SHORT_DAY, T_LONG_DAY,
	T_CATEGORIES, T_SLUG_CATS, T_OUTPUT_EXT, T_PATH, T_NAME, T_BASENAME,
	T_MONTHNAME, T_WEEKDAY, T_WEEKDAYNAME, T_YEARDAY, T_SECTION,
	T_SECTIONS, T_SECTIONSLUG, T_SECTIONSLUGS, T_FILENAME,
	T_SLUGORFILENAME, T_CONTENTBASENAME, T_SLUGORCONTENTBASENAME
};

static const struct {
	const char *name;
	enum tok    tok;
	int         who;
} tokens[] = {
	{ "year", T_YEAR, 3 }, { "month", T_MONTH, 3 }, { "day", T_DAY, 3 },
	{ "title", T_TITLE, 3 }, { "slug", T_SLUG, 3 },
	{ "hour", T_HOUR, 1 }, { "minute", T_MINUTE, 1 },
	{ "second", T_SECOND, 1 }, { "i_month", T_I_MONTH, 1 },
	{ "i_day", T_I_DAY, 1 }, { "y_day", T_Y_DAY, 1 },
	{ "short_year", T_SHORT_YEAR, 1 },
	{ "short_month", T_SHORT_MONTH, 1 },
	{ "long_month", T_LONG_MONTH, 1 }, { "w_year", T_W_YEAR, 1 },
	{ "week", T_WEEK, 1 }, { "w_day", T_W_DAY, 1 },
	{ "short_day", T_SHORT_DAY, 1 }, { "long_day", T_LONG_DAY, 1 },
	{ "categories", T_CATEGORIES, 1 },
	{ "slugified_categories", T_SLUG_CATS, 1 },
	{ "output_ext", T_OUTPUT_EXT, 1 }, { "path", T_PATH, 1 },
	{ "name", T_NAME, 1 }, { "basename", T_BASENAME, 1 },
	{ "monthname", T_MONTHNAME, 2 }, { "weekday", T_WEEKDAY, 2 },
	{ "weekdayname", T_WEEKDAYNAME, 2 }, { "yearday", T_YEARDAY, 2 },
	{ "section", T_SECTION, 2 }, { "sections", T_SECTIONS, 2 },
	{ "sectionslug", T_SECTIONSLUG, 2 },
	{ "sectionslugs", T_SECTIONSLUGS, 2 },
	{ "filename", T_FILENAME, 2 },
	{ "slugorfilename", T_SLUGORFILENAME, 2 },
	{ "contentbasename", T_CONTENTBASENAME, 2 },
	{ "slugorcontentbasename", T_SLUGORCONTENTBASENAME, 2 },
};

/* The token named by s[0..n), or -1. */
static int
find_token(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++)
		if (strlen(tokens[i].name) == n &&
		    strncmp(tokens[i].name, s, n) == 0)
			return (int)i;
	return -1;
}

static size_t
token_len(const char *s)
{
	size_t n = 0;

	while ((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_')
		n++;
	return n;
}

/* Jekyll's built-in names. */
static const char *
jekyll_builtin(const char *pattern)
{
	static const struct {
		const char *name, *pattern;
	} b[] = {
		{ "date", "/:categories/:year/:month/:day/:title:output_ext" },
		{ "pretty", "/:categories/:year/:month/:day/:title/" },
		{ "ordinal", "/:categories/:year/:y_day/:title:output_ext" },
		{ "weekdate",
		    "/:categories/:year/W:week/:short_day/:title:output_ext" },
		{ "none", "/:categories/:title:output_ext" },
	};
	size_t i;

	for (i = 0; i < sizeof(b) / sizeof(b[0]); i++)
		if (strcmp(pattern, b[i].name) == 0)
			return b[i].pattern;
	return NULL;
}

static enum pl_style
guess_style(const char *pattern)
{
	const char *s;
	size_t n;
	int t, who = 3;

	if (strchr(pattern, '{') != NULL && strchr(pattern, '}') != NULL)
		return PL_PELICAN;
	for (s = pattern; (s = strchr(s, ':')) != NULL; s += 1 + n) {
		n = token_len(s + 1);
		if ((t = find_token(s + 1, n)) >= 0 && tokens[t].who != 3)
			who = tokens[t].who;
		if (who != 3)
			break;
	}
	return who == 2 ? PL_HUGO : PL_JEKYLL;
}

/* The slug-or-name a Jekyll post's :title and :slug start from; the
 * title on standard input, which has no name.  "" when none is known. */
static const char *
jekyll_title_src(const struct pl_post *p)
{
	if (p->slug != NULL && *p->slug != '\0')
		return p->slug;
	if (*p->f->name_rest == '\0' && p->title != NULL)
		return p->title;
	return p->f->name_rest;
}

/* Hugo's :slug: front matter slug, else the name when the date came
 * from it (":filename" in frontmatter.date), else the title. */
static const char *
hugo_slug_src(const struct pl_post *p)
{
	if (p->slug != NULL && *p->slug != '\0')
		return p->slug;
	if (p->date_from_name)
		return p->f->name_rest;
	if (p->title != NULL && *p->title != '\0')
		return p->title;
	return p->f->name;
}

static int
expand_token(struct buf *out, enum tok t, enum pl_style style,
    const struct pl_post *p, const struct when *w, const char **pp)
{
	const struct date_tm *tm = &w->tm;
	const char *s;
	size_t n;

	switch (t) {
	case T_YEAR: buf_printf(out, "%04d", tm->year); break;
	case T_MONTH: buf_printf(out, "%02d", tm->mon); break;
	case T_DAY: buf_printf(out, "%02d", tm->mday); break;
	case T_HOUR: buf_printf(out, "%02d", tm->hour); break;
	case T_MINUTE: buf_printf(out, "%02d", tm->min); break;
	case T_SECOND: buf_printf(out, "%02d", tm->sec); break;
	case T_I_MONTH: buf_printf(out, "%d", tm->mon); break;
	case T_I_DAY: buf_printf(out, "%d", tm->mday); break;
	case T_Y_DAY: buf_printf(out, "%03d", w->yday); break;
	case T_YEARDAY: buf_printf(out, "%d", w->yday); break;
	case T_SHORT_YEAR: buf_printf(out, "%02d", tm->year % 100); break;
	case T_SHORT_MONTH:
		buf_add(out, month_name[tm->mon - 1], 3);
		break;
	case T_LONG_MONTH:
	case T_MONTHNAME:
		buf_adds(out, month_name[tm->mon - 1]);
		break;
	case T_W_YEAR: buf_printf(out, "%04d", w->wyear); break;
	case T_WEEK: buf_printf(out, "%02d", w->week); break;
	case T_W_DAY: buf_printf(out, "%d", tm->wday == 0 ? 7 : tm->wday);
		break;
	case T_WEEKDAY: buf_printf(out, "%d", tm->wday); break;
	case T_SHORT_DAY: buf_add(out, day_name[tm->wday], 3); break;
	case T_LONG_DAY:
	case T_WEEKDAYNAME:
		buf_adds(out, day_name[tm->wday]);
		break;
	case T_TITLE:
		if (style == PL_HUGO) {
			if (p->title == NULL || *p->title == '\0')
				return -1;
			pl_urlize(out, p->title);
		} else {
			if (*jekyll_title_src(p) == '\0')
				return -1;
			pl_slug_jekyll(out, jekyll_title_src(p), 1, 1);
		}
		break;
	case T_SLUG:
		if (style == PL_HUGO)
			pl_urlize(out, hugo_slug_src(p));
		else if (*jekyll_title_src(p) == '\0')
			return -1;
		else
			pl_slug_jekyll(out, jekyll_title_src(p), 0, 0);
		break;
	case T_NAME:
		pl_slug_jekyll(out, p->f->name, 0, 0);
		break;
	case T_BASENAME:
	case T_CONTENTBASENAME:
		buf_adds(out, p->f->name);
		break;
	case T_FILENAME:
		pl_urlize(out, p->f->name);
		break;
	case T_SLUGORFILENAME:
	case T_SLUGORCONTENTBASENAME:
		if (p->slug != NULL && *p->slug != '\0')
			pl_urlize(out, p->slug);
		else if (t == T_SLUGORFILENAME)
			pl_urlize(out, p->f->name);
		else
			buf_adds(out, p->f->name);
		break;
	case T_CATEGORIES:
	case T_SLUG_CATS:
		jekyll_categories(out, p, t == T_SLUG_CATS);
		break;
	case T_OUTPUT_EXT:
		buf_adds(out, ".html");
		break;
	case T_PATH:
		s = p->f->rel;
		n = strlen(s);
		buf_add(out, s, stem_len(s, n));
		break;
	case T_SECTION:
	case T_SECTIONSLUG:
		s = p->f->dirs;
		n = strcspn(s, "/");
		if (t == T_SECTION) {
			buf_add(out, s, n);
		} else {
			char *one = xstrndup(s, n);

			pl_urlize(out, one);
			free(one);
		}
		break;
	case T_SECTIONS:
	case T_SECTIONSLUGS:
		if (hugo_sections(out, p->f->dirs, pp) < 0)
			return -1;
		break;
	}
	buf_grow(out, 0);
	out->p[out->n] = '\0';
	return 0;
}

/* Pelican's {date:%X} with the strftime conversions URLs use. */
static int
pelican_date(struct buf *out, const char *fmt, size_t n,
    const struct when *w)
{
	const struct date_tm *tm = &w->tm;
	size_t i;

	for (i = 0; i < n; i++) {
		if (fmt[i] != '%') {
			buf_addc(out, fmt[i]);
			continue;
		}
		if (++i >= n)
			return -1;
		switch (fmt[i]) {
		case 'Y': buf_printf(out, "%04d", tm->year); break;
		case 'y': buf_printf(out, "%02d", tm->year % 100); break;
		case 'm': buf_printf(out, "%02d", tm->mon); break;
		case 'd': buf_printf(out, "%02d", tm->mday); break;
		case 'H': buf_printf(out, "%02d", tm->hour); break;
		case 'M': buf_printf(out, "%02d", tm->min); break;
		case 'S': buf_printf(out, "%02d", tm->sec); break;
		case 'j': buf_printf(out, "%03d", w->yday); break;
		case 'b': buf_add(out, month_name[tm->mon - 1], 3); break;
		case 'B': buf_adds(out, month_name[tm->mon - 1]); break;
		case 'a': buf_add(out, day_name[tm->wday], 3); break;
		case 'A': buf_adds(out, day_name[tm->wday]); break;
		case '%': buf_addc(out, '%'); break;
		default: return -1;
		}
	}
	return 0;
}

static int
expand_pelican(const char *pat, const struct pl_post *p,
    const struct when *w, struct buf *out, const char **why)
{
	const char *s, *e;
	size_t n, k;

	for (s = pat; *s != '\0'; s++) {
		if (*s != '{') {
			buf_addc(out, *s);
			continue;
		}
		if ((e = strchr(s, '}')) == NULL) {
			*why = "a '{' without its '}'";
			return -1;
		}
		n = (size_t)(e - s - 1);
		if (n == 4 && strncmp(s + 1, "slug", 4) == 0) {
			k = out->n;
			if (p->slug != NULL && *p->slug != '\0')
				buf_adds(out, p->slug);
			else if (p->title != NULL && *p->title != '\0')
				pl_slug_pelican(out, p->title);
			if (out->n == k) {
				*why = "{slug} needs a title or a slug (of a "
				    "letter or a digit)";
				return -1;
			}
		} else if (n == 8 && strncmp(s + 1, "category", 8) == 0) {
			if (p->ncats == 0) {
				*why = "{category} needs a category";
				return -1;
			}
			pl_slug_pelican(out, p->cats[0]);
		} else if (n > 5 && strncmp(s + 1, "date:", 5) == 0) {
			if (pelican_date(out, s + 6, n - 5, w) < 0) {
				*why = "an unknown conversion in {date:...}";
				return -1;
			}
		} else {
			*why = "an unknown field in the pattern (Pelican: "
			    "{slug}, {category}, {date:%Y})";
			return -1;
		}
		s = e;
	}
	return 0;
}

/* Make out[from..] start with one "/" and hold no "//". */
static void
tidy(struct buf *out, size_t from)
{
	size_t i, o;

	buf_grow(out, 1);
	if (out->n == from || out->p[from] != '/') {
		memmove(out->p + from + 1, out->p + from, out->n - from);
		out->p[from] = '/';
		out->n++;
	}
	for (i = o = from; i < out->n; i++) {
		if (out->p[i] == '/' && o > from && out->p[o - 1] == '/')
			continue;
		out->p[o++] = out->p[i];
	}
	out->n = o;
	out->p[o] = '\0';
}

int
pl_expand(const char *pattern, enum pl_style style,
    const struct pl_post *p, struct buf *out, const char **why)
{
	const char *s, *b;
	size_t from = out->n, n;
	struct when w;
	int t;

	*why = NULL;
	if ((b = jekyll_builtin(pattern)) != NULL) {
		pattern = b;
		style = PL_JEKYLL;
	}
	if (style == PL_AUTO)
		style = guess_style(pattern);
	when_of(p, &w);
	if (style == PL_PELICAN) {
		if (expand_pelican(pattern, p, &w, out, why) < 0)
			return -1;
		tidy(out, from);
		return 0;
	}
	for (s = pattern; *s != '\0'; ) {
		if (*s != ':' || (n = token_len(s + 1)) == 0) {
			buf_addc(out, *s++);
			continue;
		}
		t = find_token(s + 1, n);
		if (t < 0 || !(tokens[t].who & (style == PL_HUGO ? 2 : 1))) {
			*why = style == PL_HUGO ? "an unknown token in the "
			    "pattern (see Hugo's permalink tokens)" :
			    "an unknown token in the pattern (see Jekyll's "
			    "permalink placeholders)";
			return -1;
		}
		s += 1 + n;
		/* Jekyll drops "/:categories" when there are none. */
		if (tokens[t].tok == T_CATEGORIES && p->ncats == 0 &&
		    out->n > from && out->p[out->n - 1] == '/')
			out->n--;
		if (expand_token(out, tokens[t].tok, style, p, &w, &s) < 0) {
			*why = tokens[t].tok == T_TITLE ? ":title needs a "
			    "title" : "a malformed slice after :sections";
			return -1;
		}
	}
	tidy(out, from);
	/* Hugo lower-cases the paths it makes (disablePathToLower). */
	if (style == PL_HUGO)
		lower_from(out, from);
	return 0;
}

void
pl_fmpath(const char *fmpath, struct buf *out)
{
	size_t n = strlen(fmpath);

	if (url_has_scheme(fmpath) || fmpath[0] == '/') {
		buf_adds(out, fmpath);
		return;
	}
	buf_addc(out, '/');
	buf_adds(out, fmpath);
	if (n > 0 && fmpath[n - 1] != '/' &&
	    !(n > 5 && strcasecmp(fmpath + n - 5, ".html") == 0) &&
	    !(n > 4 && strcasecmp(fmpath + n - 4, ".htm") == 0))
		buf_addc(out, '/');
}

/* quire 0.1's title slug: ASCII letters and digits, runs of others '-'. */
static void
ascii_slug(struct buf *b, const char *s)
{
	size_t start = b->n;
	int dash = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && b->n > start)
				buf_addc(b, '-');
			buf_addc(b, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
}

int
pl_default(const struct pl_post *p, enum pl_gen gen, const char *fmpath,
    struct buf *out)
{
	const struct pl_facts *f = p->f;
	const char *slug = p->slug != NULL && *p->slug != '\0' ? p->slug :
	    NULL;
	struct date_tm tm;
	size_t from = out->n, mark;

	if (fmpath != NULL && *fmpath != '\0') {
		pl_fmpath(fmpath, out);
		return 0;
	}
	if (gen == PL_GEN_HUGO && (slug != NULL || f->name[0] != '\0')) {
		/* Hugo: the path sanitised and lower-cased, no date form. */
		buf_addc(out, '/');
		if (f->dirs[0] != '\0') {
			pl_urlize(out, f->dirs);
			buf_addc(out, '/');
		}
		mark = out->n;
		pl_urlize(out, slug != NULL ? slug : f->name);
		if (out->n > mark) {
			buf_addc(out, '/');
			return 0;
		}
		out->n = from;
		out->p[from] = '\0';
	}
	buf_addc(out, '/');
	if (f->dirs[0] != '\0') {
		buf_adds(out, f->dirs);
		buf_addc(out, '/');
	}
	mark = out->n;
	if (gen == PL_GEN_ZOLA && (slug != NULL || f->name[0] != '\0')) {
		/* Zola: the date from the name (a bundle's folder's too),
		 * the path from the rest, slugified (slugify.paths "on"). */
		zola_slug(out, slug != NULL ? slug : f->has_name_date ?
		    f->name_rest : f->name);
		if (out->n > mark)
			buf_addc(out, '/');
	} else if (f->has_name_date && !f->bundle && gen != PL_GEN_HUGO &&
	    gen != PL_GEN_ZOLA) {
		/* Jekyll's default, "date": /YYYY/MM/DD/title.html */
		date_split(f->name_date, &tm);
		buf_printf(out, "%04d/%02d/%02d/%s.html", tm.year, tm.mon,
		    tm.mday, slug != NULL ? slug : f->name_rest);
	} else if (slug != NULL) {
		buf_printf(out, "%s/", slug);
	} else if (f->name[0] != '\0') {
		buf_printf(out, "%s/", f->name);
	} else if (p->title != NULL) {
		ascii_slug(out, p->title);
		if (out->n > mark)
			buf_addc(out, '/');
	}
	buf_grow(out, 0);
	out->p[out->n] = '\0';
	if (out->n == mark) {
		out->n = from;
		out->p[from] = '\0';
		return -1;
	}
	return 0;
}

const char *
pl_untitled(const char *title, int has_date)
{
	if ((title == NULL || *title == '\0') && !has_date)
		return "a page with neither a title nor a date (a template "
		    "or redirect page), not a post";
	return NULL;
}

const char *
pl_scheduled(int has_publish, int64_t publish, int has_expiry,
    int64_t expiry, int64_t now)
{
	if (has_publish && publish > now)
		return "scheduled: its publish date is in the future";
	if (has_expiry && expiry < now)
		return "expired: its expiry date has passed";
	return NULL;
}

/* ---- md2ir's use ----------------------------------------------------- */

enum pl_style
pl_style_of(const char *pattern, enum pl_style style)
{
	if (pattern == NULL)
		return style;
	if (jekyll_builtin(pattern) != NULL)
		return PL_JEKYLL;
	return style == PL_AUTO ? guess_style(pattern) : style;
}

int
pl_written_offset(const char *date, long *off)
{
	size_t n = strlen(date);
	const char *t, *z;
	int h, m = 0, sign;

	/* Trailing white space, then the zone after the time's digits. */
	while (n > 0 && (date[n - 1] == ' ' || date[n - 1] == '\t'))
		n--;
	/* A zone only follows a time: there must be a ':' before it. */
	if ((t = memchr(date, ':', n)) == NULL)
		return -1;
	if (date[n - 1] == 'Z' || date[n - 1] == 'z') {
		*off = 0;
		return 0;
	}
	for (z = date + n; z > t && strchr("0123456789:", z[-1]) != NULL; z--)
		;
	if (z <= t || (z[-1] != '+' && z[-1] != '-'))
		return -1;
	sign = z[-1] == '-' ? -1 : 1;
	n -= (size_t)(z - date);
	if (n == 2 || n == 1) {
		h = digits(z, n, 1, 2);
	} else if (n == 4) {
		h = digits(z, 2, 2, 2);
		m = digits(z + 2, 2, 2, 2);
	} else if (n == 5 && z[2] == ':') {
		h = digits(z, 2, 2, 2);
		m = digits(z + 3, 2, 2, 2);
	} else {
		return -1;
	}
	if (h < 0 || m < 0 || h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

int
pl_zone_offset(const char *zone, int64_t t, long *off)
{
	char *old = NULL;
	const char *o;
	struct tm tm;
	time_t tt = (time_t)t;
	int rc = -1;

	/* glibc takes an unknown zone for UTC: ask the database first. */
	if (zone == NULL)
		return -1;
	date_tz_lock();		/* quire.h */
	if (!date_zone_ok(zone)) {
		date_tz_unlock();
		return -1;
	}
	if ((o = getenv("TZ")) != NULL)
		old = xstrdup(o);
	setenv("TZ", zone, 1);
	tzset();
	if (localtime_r(&tt, &tm) != NULL) {
		*off = tm.tm_gmtoff;
		rc = 0;
	}
	if (old != NULL) {
		setenv("TZ", old, 1);
		free(old);
	} else {
		unsetenv("TZ");
	}
	tzset();
	date_tz_unlock();
	return rc;
}

long
pl_token_offset(const struct pl_site *s, const char *datestr, int64_t t)
{
	enum pl_style style = pl_style_of(s->pattern, s->style);
	long off = 0;

	if (style == PL_JEKYLL && pl_zone_offset(s->zone, t, &off) == 0)
		return off;
	if (datestr != NULL && pl_written_offset(datestr, &off) == 0)
		return off;
	if (pl_zone_offset(s->zone, t, &off) == 0)
		return off;
	return 0;
}

int
pl_site_path(const struct pl_site *s, const struct pl_post *p,
    const char *fmpath, struct buf *out, const char **why)
{
	size_t from = out->n;

	*why = NULL;
	if (fmpath != NULL && *fmpath != '\0') {
		/* Jekyll expands placeholders in a front matter permalink. */
		if (!url_has_scheme(fmpath) && strchr(fmpath, ':') != NULL &&
		    pl_expand(fmpath, PL_JEKYLL, p, out, why) == 0)
			return 0;
		out->n = from;
		pl_fmpath(fmpath, out);
		*why = NULL;
		return 0;
	}
	if (s->pattern != NULL && *s->pattern != '\0')
		return pl_expand(s->pattern, s->style, p, out, why);
	if (pl_default(p, s->gen, NULL, out) < 0) {
		*why = "cannot derive a permalink: give 'path' or 'slug' in "
		    "the front matter";
		return -1;
	}
	return 0;
}
