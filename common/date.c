/* date.c: parsing and formatting dates without the C library's clock. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

int
date_parse(const char *s, int64_t *t)
{
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0, oh, om, sign;
	int64_t v;

	if ((y = digits(&s, 4)) < 1 || *s++ != '-' ||
	    (mo = digits(&s, 2)) < 1 || mo > 12 || *s++ != '-' ||
	    (d = digits(&s, 2)) < 1 || d > mdays(y, mo))
		return -1;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		if (*s == ' ')
			while (*s == ' ')
				s++;
		else
			s++;
		if ((h = digits(&s, 2)) < 0 || h > 23 || *s++ != ':' ||
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
		while (*s == ' ')
			s++;
		if (*s == 'Z' || *s == 'z') {
			s++;
		} else if (*s == '+' || *s == '-') {
			sign = *s++ == '-' ? -1 : 1;
			if ((oh = digits(&s, 2)) < 0 || oh > 23)
				return -1;
			om = 0;
			if (*s == ':')
				s++;
			if (*s >= '0' && *s <= '9')
				if ((om = digits(&s, 2)) < 0 || om > 59)
					return -1;
			off = sign * (oh * 3600 + om * 60);
		}
	}
	if (*s != '\0')
		return -1;
	v = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
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
