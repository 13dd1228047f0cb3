#!/bin/sh
# date_parse and the formatters (common/date.c).
. "$(dirname "$0")/lib.sh"

d() { "$QTEST" date "$1"; }
is "$(d 2017-11-20T16:32:45.000Z)" 2017-11-20T16:32:45Z "ISO 8601 with milliseconds and Z"
is "$(d 2017-11-20)" 2017-11-20T00:00:00Z "date only"
is "$(d '2017-11-20 16:32:45')" 2017-11-20T16:32:45Z "space separator, no zone is UTC"
is "$(d '2017-11-20 16:32:45 +0200')" 2017-11-20T14:32:45Z "Jekyll form with +hhmm"
is "$(d 2017-11-20T16:32:45+02:00)" 2017-11-20T14:32:45Z "+hh:mm offset"
is "$(d 2017-11-20T01:00:00-05:30)" 2017-11-20T06:30:00Z "negative offset"
is "$(d 2017-11-20t16:32)" 2017-11-20T16:32:00Z "lower-case t, no seconds"
is "$(d 2016-12-31T23:59:60Z)" 2016-12-31T23:59:59Z "a leap second counts as :59"
is "$(d 2000-02-29)" 2000-02-29T00:00:00Z "leap day of a 400 year"
is "$(d 1900-02-29)" error "1900 has no leap day"
is "$(d 2017-13-01)" error "month 13"
is "$(d 2017-11-31)" error "November 31st"
is "$(d 0000-01-01)" error "year 0"
is "$(d 0001-01-01)" 0001-01-01T00:00:00Z "year 1"
is "$(d 9999-12-31T23:59:59Z)" 9999-12-31T23:59:59Z "year 9999"
is "$(d 9999-12-31T23:59:59-01:00)" error "past year 9999 after the offset"
is "$(d 1969-07-20T20:17:40Z)" 1969-07-20T20:17:40Z "before 1970"
is "$(d '2017-11-20 junk')" error "trailing junk"
is "$(d 17-11-20)" error "two-digit year"
is "$(d '')" error "empty"

# Every form of YAML 1.1 timestamps that real front matter uses.
is "$(d '2021-10-01 8:30:00+00:00')" 2021-10-01T08:30:00Z "one-digit hour (sites case 03)"
is "$(d '2015-11-3 10:30:00')" 2015-11-03T10:30:00Z "one-digit day (sites case 04)"
is "$(d 2024-4-09)" 2024-04-09T00:00:00Z "one-digit month"
is "$(d 2024/12/05)" 2024-12-05T00:00:00Z "slashes (sites case 05)"
is "$(d 2024/1/5)" 2024-01-05T00:00:00Z "slashes, one-digit month and day"
is "$(d 2024/12-05)" error "mixed separators"
is "$(d "$(printf '2020-01-01\t10:00:00')")" 2020-01-01T10:00:00Z "a tab between date and time"
is "$(d '2020-01-01 10:00 -0400')" 2020-01-01T14:00:00Z "a space, then -hhmm"
is "$(d 2020-01-01T10:00:00-4)" 2020-01-01T14:00:00Z "a one-digit zone hour"
is "$(d '2020-01-01 10:00:00 Z')" 2020-01-01T10:00:00Z "a space before Z"
is "$(d '2013-06-07 18:46')" 2013-06-07T18:46:00Z "Pelican's YYYY-MM-DD HH:MM"
is "$(d '2023-01-29 18:30:22 2023 -0800')" 2023-01-30T02:30:22Z "the year repeated before the zone, as date(1) prints it"
is "$(d '2023-01-29 18:30:22 2024 -0800')" error "another year there is not skipped"
is "$(d "$(printf '\302\2402020-01-01\343\200\200 ')")" 2020-01-01T00:00:00Z "Unicode white space around the date"
is "$(d "$(printf '2020-01-01\302\24010:00')")" error "a no-break space inside is refused"
is "$(d 2017-02-29)" error "an impossible date is still refused"

# Dates in words, as JavaScript's Date (Astro), Hugo and Ruby read them.
is "$(d 'Jul 08 2022')" 2022-07-08T00:00:00Z "Astro's 'Jul 08 2022'"
is "$(d 'July 8th, 2022')" 2022-07-08T00:00:00Z "a full month name, an ordinal day, a comma"
is "$(d '8 July 2022')" 2022-07-08T00:00:00Z "the day first"
is "$(d 'Fri, 08 Jul 2022 10:00:00 GMT')" 2022-07-08T10:00:00Z "RFC 822 with a day name and a zone name"
is "$(d 'Fri Jul 08 2022 10:00:00 GMT+0200 (Central European Summer Time)')" 2022-07-08T08:00:00Z \
    "Date.prototype.toString(), its comment skipped"
is "$(d 'Jul 08 2022 10:30 -05:00')" 2022-07-08T15:30:00Z "a time and an offset"
is "$(d 'Feb 30 2022')" error "a day the month lacks is refused"
is "$(d 'July 2022')" error "a month without a day is refused"
is "$(d '08 Jul 22')" error "a two-digit year is refused"
is "$(d 'Jul 08 2022 10:30 Mars')" error "an unknown zone name is refused"
is "$(d 'junk Jul 08 2022')" error "a word that is no day name first is refused"
is "$(d 'Frid, 08 Jul 2022')" error "a day name cut short is refused"
is "$(d 'July 8st, 2022')|$(d 'July 13rd, 2022')" "error|error" "an ordinal that does not fit its number is refused"
is "$(d 'July 1st, 2022')|$(d 'July 22nd, 2022')|$(d 'July 11th, 2022')" \
    "2022-07-01T00:00:00Z|2022-07-22T00:00:00Z|2022-07-11T00:00:00Z" "ordinals as they are said"
is "$(d '2020-1-1 1:02')" 2020-01-01T01:02:00Z "one digit everywhere it may be"

# Dates without a zone, read in a named zone (the system's zoneinfo).
if [ -e /usr/share/zoneinfo/Europe/Paris ]; then
	is "$("$QTEST" date '2020-01-15 10:00' Europe/Paris)" 2020-01-15T09:00:00Z "a named zone in winter"
	is "$("$QTEST" date '2020-07-15 10:00' Europe/Paris)" 2020-07-15T08:00:00Z "a named zone in summer"
	is "$("$QTEST" date 2020-07-15 America/New_York)" 2020-07-15T04:00:00Z "a date alone is midnight in the zone"
	is "$("$QTEST" date 'Jul 15 2020' America/New_York)" 2020-07-15T04:00:00Z "a date in words too"
	is "$("$QTEST" date '2020-07-15 10:00+02:00' America/New_York)" 2020-07-15T08:00:00Z "a zone in the date wins"
	is "$("$QTEST" date 2020-07-15 Nowhere/Atlantis)" error "an unknown zone is refused"
	is "$("$QTEST" date 2020-07-15 ../../etc/passwd)" error "a path is no zone"
	is "$(TZ=Asia/Tokyo "$QTEST" date 2020-07-15)" 2020-07-15T00:00:00Z "TZ in the environment does not change UTC dates"
else
	echo "# skip: no /usr/share/zoneinfo here (tzdata)"
fi

is "$("$QTEST" fmt 1511195565 | tr '\n' '|')" \
    "2017-11-20T16:32:45Z|Mon, 20 Nov 2017 16:32:45 +0000|Mon Nov 20 16:32:45 2017|" \
    "IR, RFC 822 and asctime forms"
is "$("$QTEST" fmt -14182940 | tr '\n' '|')" \
    "1969-07-20T20:17:40Z|Sun, 20 Jul 1969 20:17:40 +0000|Sun Jul 20 20:17:40 1969|" \
    "a negative time"
is "$(LC_ALL=de_DE.UTF-8 TZ=Asia/Tokyo "$QTEST" fmt 0 | sed -n 2p)" \
    "Thu, 01 Jan 1970 00:00:00 +0000" "no locale or zone reaches RFC 822"

done_testing
