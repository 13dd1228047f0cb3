/* date.c: parsing and formatting dates without the C library's clock. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "quire.h"

static const char wdays[7][4] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/*
 * Days from 1970-01-01 to y-m-d on the proleptic Gregorian calendar,
 * counting in 400-year eras that start on March 1st so that the leap
 * day falls at the end of each year.
 */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_split(int64_t t, struct date_tm *tm)
{
	int64_t days, secs, era, doe, yoe, doy, mp, y;

	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	tm->hour = (int)(secs / 3600);
	tm->min = (int)(secs / 60 % 60);
	tm->sec = (int)(secs % 60);
	/* 1970-01-01 was a Thursday. */
	tm->wday = (int)(((days % 7) + 11) % 7);

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	tm->mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	tm->mon = (int)(mp < 10 ? mp + 3 : mp - 9);
	tm->year = (int)(y + (tm->mon <= 2));
}

/* Read exactly n digits at *s; -1 if they are not there. */
static int
digits(const char **s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (**s < '0' || **s > '9')
			return -1;
		v = v * 10 + (*(*s)++ - '0');
	}
	return v;
}

/* Read one or two digits at *s; -1 if there are none. */
static int
digits12(const char **s)
{
	int v;

	if ((v = digits(s, 1)) < 0)
		return -1;
	if (**s >= '0' && **s <= '9')
		v = v * 10 + (*(*s)++ - '0');
	return v;
}

/*
 * The length of the white space character at s: ASCII blanks and line
 * ends, and Unicode's spaces (U+00A0, U+1680, U+2000-U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000) and U+FEFF; 0 for anything else.
 */
static size_t
white(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r')
		return 1;
	if (u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (u[0] == 0xe1 && u[1] == 0x9a && u[2] == 0x80)
		return 3;
	if (u[0] == 0xe2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8a) ||
	    u[2] == 0xa8 || u[2] == 0xa9 || u[2] == 0xaf))
		return 3;
	if (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f)
		return 3;
	if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 3;
	return 0;
}

int
date_zone_ok(const char *zone)
{
	const char *dir = getenv("TZDIR"), *p;
	char path[4096];

	if (zone == NULL || *zone == '\0' || *zone == '/' ||
	    strstr(zone, "..") != NULL || strlen(zone) > 200)
		return 0;
	for (p = zone; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("_+-/", *p) != NULL))
			return 0;
	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	snprintf(path, sizeof(path), "%s/%s", dir, zone);
	return access(path, R_OK) == 0;
}

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

void
date_tz_lock(void)
{
	pthread_mutex_lock(&tz_lock);
}

void
date_tz_unlock(void)
{
	pthread_mutex_unlock(&tz_lock);
}

/*
 * Local time in zone to UTC, through the C library: TZ set to the zone
 * for the one mktime(3) call, then put back.  A time in a gap (the
 * spring's skipped hour) is moved forward by mktime; one in an overlap
 * takes the first of its two readings or the second, as mktime does.
 */
static int
local_time(const char *zone, int y, int mo, int d, int h, int mi, int se,
    int64_t *t)
{
	const char *tz;
	char *old;
	struct tm tm;
	time_t r;

	date_tz_lock();
	if (!date_zone_ok(zone)) {
		date_tz_unlock();
		return -1;
	}
	tz = getenv("TZ");
	old = tz != NULL ? xstrdup(tz) : NULL;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	tm.tm_isdst = -1;
	setenv("TZ", zone, 1);
	tzset();
	r = mktime(&tm);
	if (old != NULL)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	date_tz_unlock();
	free(old);
	if (r == (time_t)-1 && (tm.tm_year != 69 || tm.tm_mday != 31))
		return -1;
	*t = (int64_t)r;
	return 0;
}

int
date_parse(const char *s, int64_t *t)
{
	return date_parse_in(s, NULL, t);
}

static int date_words(const char *, int *, int *, int *, int *, int *,
    int *, int *, int *);

int
date_parse_in(const char *s, const char *zone, int64_t *t)
{
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0, oh, om, sign, zoned = 0;
	char sep, buf[80];
	const char *end;
	size_t n, w;
	int64_t v;

	/* Trim white space, then parse a copy that ends where it does. */
	while ((w = white(s)) > 0)
		s += w;
	n = strlen(s);
	for (end = s + n; end > s; ) {
		if (end - s >= 1 && white(end - 1) == 1)
			end -= 1;
		else if (end - s >= 2 && white(end - 2) == 2)
			end -= 2;
		else if (end - s >= 3 && white(end - 3) == 3)
			end -= 3;
		else
			break;
	}
	n = (size_t)(end - s);
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	s = buf;

	/* "Jul 8 2022", "8 July 2022": no ISO year first. */
	if (strspn(s, "0123456789") < 4) {
		if (date_words(s, &y, &mo, &d, &h, &mi, &se, &off, &zoned) < 0)
			return -1;
		goto convert;
	}
	if ((y = digits(&s, 4)) < 1 || (*s != '-' && *s != '/'))
		return -1;
	sep = *s++;
	if ((mo = digits12(&s)) < 1 || mo > 12 || *s++ != sep ||
	    (d = digits12(&s)) < 1 || d > mdays(y, mo))
		return -1;
	if (*s == 'T' || *s == 't' || *s == ' ' || *s == '\t') {
		if (*s == 'T' || *s == 't')
			s++;
		else
			while (*s == ' ' || *s == '\t')
				s++;
		if ((h = digits12(&s)) < 0 || h > 23 || *s++ != ':' ||
		    (mi = digits(&s, 2)) < 0 || mi > 59)
			return -1;
		if (*s == ':') {
			s++;
			/* 60 is a leap second; it counts as :59. */
			if ((se = digits(&s, 2)) < 0 || se > 60)
				return -1;
			if (se == 60)
				se = 59;
			if (*s == '.') {
				s++;
				if (*s < '0' || *s > '9')
					return -1;
				while (*s >= '0' && *s <= '9')
					s++;
			}
		}
		while (*s == ' ' || *s == '\t')
			s++;
		/*
		 * The year again after the time, as date(1) prints it
		 * ("18:30:22 2023 -0800", seen in Jekyll's own posts):
		 * skipped when it is the same year.
		 */
		if (s[0] >= '0' && s[0] <= '9' && strtol(s, NULL, 10) == y &&
		    strspn(s, "0123456789") == 4 && (s[4] == ' ' ||
		    s[4] == '\t' || s[4] == '\0')) {
			s += 4;
			while (*s == ' ' || *s == '\t')
				s++;
		}
		if (*s == 'Z' || *s == 'z') {
			s++;
			zoned = 1;
		} else if (*s == '+' || *s == '-') {
			sign = *s++ == '-' ? -1 : 1;
			if ((oh = digits12(&s)) < 0 || oh > 23)
				return -1;
			om = 0;
			if (*s == ':')
				s++;
			if (*s >= '0' && *s <= '9')
				if ((om = digits(&s, 2)) < 0 || om > 59)
					return -1;
			off = sign * (oh * 3600 + om * 60);
			zoned = 1;
		}
	}
	if (*s != '\0')
		return -1;
convert:
	if (!zoned && zone != NULL) {
		if (local_time(zone, y, mo, d, h, mi, se, &v) < 0)
			return -1;
	} else {
		v = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		    se - off;
	}
	if (v < DATE_MIN || v > DATE_MAX)
		return -1;
	*t = v;
	return 0;
}

int
date_parse_ir(const char *s, size_t n, int64_t *t)
{
	size_t i;

	/* Exactly the shape, so that sort(1) orders the field. */
	if (n != DATE_IR_LEN - 1 || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return -1;
	for (i = 0; i < n; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 &&
		    i != 19 && (s[i] < '0' || s[i] > '9'))
			return -1;
	{
		char tmp[DATE_IR_LEN];

		memcpy(tmp, s, n);
		tmp[n] = '\0';
		return date_parse(tmp, t);
	}
}

/*
 * Print a date form of known width into out[size]: through a roomy
 * buffer first, since the compiler cannot see that every field fits.
 */
static void
fixed(char *out, size_t size, const char *fmt, ...) QUIRE_PRINTF(3, 4);

static void
fixed(char *out, size_t size, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	memcpy(out, tmp, size - 1);
	out[size - 1] = '\0';
}

void
date_fmt_ir(int64_t t, char out[DATE_IR_LEN])
{
	struct date_tm tm;

	date_split(t, &tm);
	fixed(out, DATE_IR_LEN, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec);
}

void
date_fmt_822(int64_t t, char out[DATE_822_LEN])
{
	struct date_tm tm;

	date_split(t, &tm);
	fixed(out, DATE_822_LEN, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    wdays[tm.wday], tm.mday, months[tm.mon - 1], tm.year,
	    tm.hour, tm.min, tm.sec);
}

void
date_fmt_asc(int64_t t, char out[DATE_ASC_LEN])
{
	struct date_tm tm;

	date_split(t, &tm);
	fixed(out, DATE_ASC_LEN, "%s %s %2d %02d:%02d:%02d %04d",
	    wdays[tm.wday], months[tm.mon - 1], tm.mday, tm.hour, tm.min,
	    tm.sec, tm.year);
}

int
date_source_epoch(int64_t *t)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > DATE_MAX)
		return -1;
	*t = v;
	return 0;
}

/* ---- dates in feeds (feed2ir) ---------------------------------------- */

/* The month of an English name or its first three letters; 0 if none. */
static int
month_name(const char *s, size_t n)
{
	static const char *const full[12] = {
		"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november",
		"december"
	};
	int m;

	if (n < 3)
		return 0;
	for (m = 0; m < 12; m++)
		if (strncasecmp(s, full[m], 3) == 0 &&
		    (n == 3 || (n == 4 && m == 8 &&
		    (s[3] == 't' || s[3] == 'T')) ||
		    (n == strlen(full[m]) && strncasecmp(s, full[m], n) == 0)))
			return m + 1;
	return 0;
}

/* The offset in seconds of a zone name of RFC 822 (and a few more). */
static int
zone_name(const char *s, size_t n, int *off)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = {
		{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
		{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
		{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
		{ "AST", -4 }, { "ADT", -3 }, { "HST", -10 }, { "AKST", -9 },
		{ "AKDT", -8 }, { "BST", 1 }, { "CET", 1 }, { "CEST", 2 },
		{ "MET", 1 }, { "MEST", 2 }, { "EET", 2 }, { "EEST", 3 },
		{ "WET", 0 }, { "WEST", 1 }, { "JST", 9 }, { "KST", 9 },
		{ "IST", 5 },
	};
	size_t i;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (strlen(zones[i].name) == n &&
		    strncasecmp(s, zones[i].name, n) == 0) {
			*off = zones[i].hours * 3600;
			if (strncasecmp(s, "IST", 3) == 0)
				*off += 1800;
			return 0;
		}
	/* The military letters of RFC 822 are unreliable (RFC 1123): 0. */
	if (n == 1 && ((*s >= 'A' && *s <= 'Z' && *s != 'J') ||
	    (*s >= 'a' && *s <= 'z' && *s != 'j'))) {
		*off = 0;
		return 0;
	}
	return -1;
}

/* Skip white space and the commas some writers put between parts. */
static const char *
skip_sep(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
	    *s == ',')
		s++;
	return s;
}

/* Read 1 to max digits at *s; -1 if there are none. */
static int
num(const char **s, int max, int *len)
{
	int v = 0, n = 0;

	while (n < max && **s >= '0' && **s <= '9') {
		v = v * 10 + (*(*s)++ - '0');
		n++;
	}
	if (len != NULL)
		*len = n;
	return n > 0 ? v : -1;
}

/* Nonzero if s[0..n) is an English day name or its first three letters. */
static int
day_name(const char *s, size_t n)
{
	static const char *const full[7] = {
		"sunday", "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday"
	};
	int i;

	for (i = 0; i < 7; i++)
		if (n >= 3 && strncasecmp(s, full[i], n) == 0 &&
		    (n == 3 || n == strlen(full[i])))
			return 1;
	return 0;
}

/* The length of the run of ASCII letters at s. */
static size_t
letters(const char *s)
{
	size_t n = 0;

	while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z'))
		n++;
	return n;
}

/* Skip blanks. */
static const char *
skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * The time and zone after a date (RFC 822's, a date in words), the
 * rest of s: blanks or commas, an optional "h:mm[:ss[.frac]]", then,
 * after a time, an optional zone ("+hhmm", "+hh:mm", a name of
 * zone_name(), "GMT+2"), then an optional "(comment)", as mail dates
 * and Date.prototype.toString() end.  Sets *h, *mi, *se, the zone's
 * offset in seconds east *off (0 without one) and, when zoned is not
 * NULL, *zoned to 1 when a zone was given.  Returns 0, or -1.
 */
static int
time_zone(const char *s, int *h, int *mi, int *se, int *off, int *zoned)
{
	int nd, sign, oh, om, zone = 0;
	size_t n;

	s = skip_sep(s);
	*h = *mi = *se = *off = 0;
	if (zoned != NULL)
		*zoned = 0;
	if (*s >= '0' && *s <= '9') {
		if ((*h = num(&s, 2, NULL)) > 23 || *s++ != ':' ||
		    (*mi = num(&s, 2, &nd)) < 0 || nd != 2 || *mi > 59)
			return -1;
		if (*s == ':') {
			s++;
			if ((*se = num(&s, 2, &nd)) < 0 || nd != 2 || *se > 60)
				return -1;
			if (*se == 60)
				*se = 59;
			if (*s == '.' || *s == ',')
				for (s++; *s >= '0' && *s <= '9'; s++)
					;
		}
		s = skip_sep(s);
		if (*s == '+' || *s == '-') {
			sign = *s++ == '-' ? -1 : 1;
			if ((oh = num(&s, 2, &nd)) < 0 || nd != 2)
				return -1;
			if (*s == ':')
				s++;
			om = 0;
			if (*s >= '0' && *s <= '9' &&
			    ((om = num(&s, 2, &nd)) < 0 || nd != 2 || om > 59))
				return -1;
			if (oh > 23)
				return -1;
			*off = sign * (oh * 3600 + om * 60);
			zone = 1;
		} else if (*s != '\0') {
			if (zone_name(s, n = letters(s), off) < 0)
				return -1;
			s += n;
			zone = 1;
			/* "GMT+2", "UTC-0500" */
			if ((*s == '+' || *s == '-') && *off == 0) {
				sign = *s++ == '-' ? -1 : 1;
				if ((oh = num(&s, 2, &nd)) < 0 || oh > 23)
					return -1;
				if (*s == ':')
					s++;
				om = 0;
				if (*s >= '0' && *s <= '9' &&
				    ((om = num(&s, 2, &nd)) < 0 || nd != 2 ||
				    om > 59))
					return -1;
				*off = sign * (oh * 3600 + om * 60);
			}
		}
	}
	s = skip_sep(s);
	/* A trailing comment, "(PST)", as mail dates have. */
	if (*s == '(' && strchr(s, ')') != NULL)
		s = skip_sep(strchr(s, ')') + 1);
	if (zoned != NULL)
		*zoned = zone;
	return *s == '\0' ? 0 : -1;
}

/*
 * A date written in words, as JavaScript's Date (Astro's
 * z.coerce.date()), Hugo and Ruby's Time.parse read it: an optional day
 * name ("Fri", "Friday,"), then "Jul 8 2022", "July 8th, 2022" or
 * "8 July 2022", then what time_zone() reads.  The parts in *y ...
 * *se, the zone's offset in *off and *zoned 1 when there is one.
 * Returns 0, or -1 when s is not such a date.
 */
static int
date_words(const char *s, int *y, int *mo, int *d, int *h, int *mi,
    int *se, int *off, int *zoned)
{
	int nd;
	size_t n;

	n = letters(s);
	if (n > 0 && month_name(s, n) == 0) {	/* a day name */
		if (!day_name(s, n))
			return -1;
		s += n;
		if (*s == '.')
			s++;
		s = skip_sep(s);
		n = letters(s);
	}
	if (n > 0) {				/* "July 8, 2022" */
		if ((*mo = month_name(s, n)) == 0)
			return -1;
		s = skip_blank(s + n + (s[n] == '.'));
		if ((*d = num(&s, 2, NULL)) < 1)
			return -1;
		if ((n = letters(s)) > 0) {	/* "8th", as it is said */
			if (n != 2 || strncasecmp(s, *d % 10 == 1 &&
			    *d != 11 ? "st" : *d % 10 == 2 && *d != 12 ? "nd" :
			    *d % 10 == 3 && *d != 13 ? "rd" : "th", 2) != 0)
				return -1;
			s += n;
		}
		if (*s == ',')
			s++;
		s = skip_blank(s);
	} else {				/* "8 July 2022" */
		if ((*d = num(&s, 2, NULL)) < 1)
			return -1;
		while (*s == ' ' || *s == '\t' || *s == '-')
			s++;
		if ((*mo = month_name(s, n = letters(s))) == 0)
			return -1;
		s += n + (s[n] == '.');
		while (*s == ' ' || *s == '\t' || *s == '-' || *s == ',')
			s++;
	}
	if ((*y = num(&s, 4, &nd)) < 1 || nd != 4 || *d > mdays(*y, *mo))
		return -1;
	return time_zone(s, h, mi, se, off, zoned);
}

int
date_parse_822(const char *s, int64_t *t)
{
	int d, mo, y, h, mi, se, off, nd;
	size_t n;
	int64_t v;

	s = skip_sep(s);
	/* An optional day name, full or short, with or without a comma. */
	if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
		while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			s++;
		if (*s == '.')
			s++;
		s = skip_sep(s);
	}
	if ((d = num(&s, 2, NULL)) < 1)
		return -1;
	while (*s == ' ' || *s == '-')
		s++;
	for (n = 0; (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z');
	    n++)
		;
	if ((mo = month_name(s, n)) == 0)
		return -1;
	s += n;
	if (*s == '.')
		s++;
	while (*s == ' ' || *s == '-' || *s == ',')
		s++;
	if ((y = num(&s, 4, &nd)) < 0 || nd == 1 || nd == 3)
		return -1;
	if (nd == 2)			/* RFC 2822, 4.3 */
		y += y < 50 ? 2000 : 1900;
	if (y < 1 || d > mdays(y, mo))
		return -1;
	if (time_zone(s, &h, &mi, &se, &off, NULL) < 0)
		return -1;
	v = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
	if (v < DATE_MIN || v > DATE_MAX)
		return -1;
	*t = v;
	return 0;
}

/*
 * The ISO-like forms people write by hand (../shared/cases): slashes,
 * a one-digit month, day or hour ("2015-11-3 8:30:00+00:00",
 * "2024/12/05"), rewritten to the strict form and parsed by it.
 */
static int
date_loose(const char *s, int64_t *t)
{
	char out[80];
	int y, mo, d, h, nd;
	const char *p = s;

	if ((y = num(&p, 4, &nd)) < 0 || nd != 4 || (*p != '-' && *p != '/'))
		return -1;
	p++;
	if ((mo = num(&p, 2, NULL)) < 0 || (*p != '-' && *p != '/'))
		return -1;
	p++;
	if ((d = num(&p, 2, NULL)) < 0)
		return -1;
	if (*p == '\0') {
		snprintf(out, sizeof(out), "%04d-%02d-%02d", y, mo, d);
		return date_parse(out, t);
	}
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	while (*p == ' ' || *p == 'T' || *p == 't')
		p++;
	if ((h = num(&p, 2, NULL)) < 0 || *p != ':')
		return -1;
	if (snprintf(out, sizeof(out), "%04d-%02d-%02dT%02d%s", y, mo, d, h,
	    p) >= (int)sizeof(out))
		return -1;
	return date_parse(out, t);
}

int
date_parse_feed(const char *s, int64_t *t)
{
	char tmp[80];
	const char *p;
	size_t n;
	int y, m;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (date_parse(tmp, t) == 0 || date_parse_822(tmp, t) == 0 ||
	    date_loose(tmp, t) == 0)
		return 0;
	/* W3C-DTF's reduced forms: YYYY and YYYY-MM. */
	p = tmp;
	if ((y = digits(&p, 4)) < 1)
		return -1;
	m = 1;
	if (*p == '-') {
		p++;
		if ((m = digits(&p, 2)) < 1 || m > 12)
			return -1;
	}
	if (*p != '\0')
		return -1;
	*t = days_from_civil(y, m, 1) * 86400;
	return 0;
}
