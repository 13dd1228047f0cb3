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

is "$("$QTEST" fmt 1511195565 | tr '\n' '|')" \
    "2017-11-20T16:32:45Z|Mon, 20 Nov 2017 16:32:45 +0000|Mon Nov 20 16:32:45 2017|" \
    "IR, RFC 822 and asctime forms"
is "$("$QTEST" fmt -14182940 | tr '\n' '|')" \
    "1969-07-20T20:17:40Z|Sun, 20 Jul 1969 20:17:40 +0000|Sun Jul 20 20:17:40 1969|" \
    "a negative time"
is "$(LC_ALL=de_DE.UTF-8 TZ=Asia/Tokyo "$QTEST" fmt 0 | sed -n 2p)" \
    "Thu, 01 Jan 1970 00:00:00 +0000" "no locale or zone reaches RFC 822"

done_testing
