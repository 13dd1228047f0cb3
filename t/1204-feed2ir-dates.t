#!/bin/sh
# The dates feeds carry (date_parse_822, date_parse_feed in date.c),
# through feed2ir: RFC 822 and its real-world variants, RFC 3339 and
# W3C-DTF, and the hand-written forms of ../shared/cases.
. "$(dirname "$0")/lib.sh"

# d DATE: the IR date feed2ir makes of an RSS pubDate, or "none".
d() {
	printf '<rss><channel><item><guid>https://x.example/1</guid><pubDate>%s</pubDate></item></channel></rss>' "$1" >"$T/d.xml"
	feed2ir "$T/d.xml" 2>"$T/d.err" | cut -f1 >"$T/d.out"
	if grep -q 'cannot read the date' "$T/d.err"; then echo none; else cat "$T/d.out"; fi
}

is "$(d 'Thu, 01 Jan 2004 19:48:21 GMT')" 2004-01-01T19:48:21Z "RFC 822 with GMT"
is "$(d 'Tue, 10 Jun 2003 04:00:00 +0000')" 2003-06-10T04:00:00Z "+0000"
is "$(d 'Mon, 20 Nov 2017 16:32:45 +0200')" 2017-11-20T14:32:45Z "+hhmm"
is "$(d 'Mon, 20 Nov 2017 16:32:45 -05:30')" 2017-11-20T22:02:45Z "-hh:mm"
is "$(d 'Sun, 28 Feb 2021 23:59:59 EST')" 2021-03-01T04:59:59Z "EST"
is "$(d 'Sun, 28 Feb 2021 23:59:59 PDT')" 2021-03-01T06:59:59Z "PDT"
is "$(d 'Mon, 1 Mar 2021 9:05:00 +0100')" 2021-03-01T08:05:00Z "one-digit day and hour"
is "$(d '1 Mar 2021 09:05 GMT')" 2021-03-01T09:05:00Z "no day name, no seconds"
is "$(d 'Monday, 01 March 2021 09:05:00 UT')" 2021-03-01T09:05:00Z "full day and month names, UT"
is "$(d 'Mon, 01 Sept 2003 10:00:00 Z')" 2003-09-01T10:00:00Z "Sept, Z"
is "$(d 'mon, 01 mar 2021 09:05:00 gmt')" 2021-03-01T09:05:00Z "lower case"
is "$(d 'Mon,01 Mar 21 09:05:00 GMT')" 2021-03-01T09:05:00Z "two-digit year, no space after the comma"
is "$(d 'Mon, 01 Mar 99 09:05:00 GMT')" 1999-03-01T09:05:00Z "two-digit year of the last century"
is "$(d 'Mon, 01 Mar 2021 09:05:00')" 2021-03-01T09:05:00Z "no zone is UTC"
is "$(d 'Mon, 01 Mar 2021 09:05:00 GMT+2')" 2021-03-01T07:05:00Z "GMT+2"
is "$(d 'Mon, 01 Mar 2021 09:05:00 +0000 (UTC)')" 2021-03-01T09:05:00Z "a trailing comment"
is "$(d 'Mon, 01 Mar 2021 09:05:00 CEST')" 2021-03-01T07:05:00Z "CEST"
is "$(d 'Mon, 01 Mar 2021')" 2021-03-01T00:00:00Z "no time"
is "$(d '  Mon, 01 Mar 2021 09:05:00 GMT  ')" 2021-03-01T09:05:00Z "white space around"
is "$(d '2003-12-31T10:14:55Z')" 2003-12-31T10:14:55Z "RFC 3339 in pubDate"
is "$(d '2003-12-31T10:14:55.123-08:00')" 2003-12-31T18:14:55Z "RFC 3339 with fraction and offset"
is "$(d '2003-12')" 2003-12-01T00:00:00Z "W3C-DTF year and month"
is "$(d '2003')" 2003-01-01T00:00:00Z "W3C-DTF year"
is "$(d '2021-10-01 8:30:00+00:00')" 2021-10-01T08:30:00Z "cases: one-digit hour"
is "$(d '2015-11-3 10:30:00')" 2015-11-03T10:30:00Z "cases: one-digit day"
is "$(d '2024/12/05')" 2024-12-05T00:00:00Z "cases: slashes"
is "$(d 'Mon, 30 Feb 2021 09:05:00 GMT')" none "February 30th"
is "$(d 'Mon, 01 Foo 2021 09:05:00 GMT')" none "no such month"
is "$(d 'Mon, 01 Mar 2021 25:05:00 GMT')" none "hour 25"
is "$(d 'yesterday')" none "words"
is "$(d '')" none "empty"
is "$(d 'Mon, 01 Mar 2021 09:05:00 +0000 junk')" none "trailing junk"
like "$(cat "$T/d.err")" "d.xml:1: cannot read the date 'Mon, 01 Mar 2021 09:05:00 \+0000 junk'; kept in the extra field" \
    "a bad date is named, with its line"

done_testing
