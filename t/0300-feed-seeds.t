#!/bin/sh
# ir2atom and ir2rss on the two seed issues: goldens, and every parser
# we have (xmllint, jing with the RFC 4287 schema, feedparser, sfeed).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feeds.sh"

cd "$TD/.." || exit 1
md2ir -b https://cilium.io testdata/seeds/bpf-updates-05.md \
    testdata/seeds/bpf-updates-13.md >"$T/seeds.ir"
ok $? "md2ir makes the seed IR"

for fmt in atom rss; do
	run ir2$fmt "$T/seeds.ir"
	is "$rc" 0 "ir2$fmt: seeds convert"
	is "$(cat "$T/err")" "" "ir2$fmt: quiet on success"
	golden "$T/out" seeds.$fmt "ir2$fmt: seeds match the golden"
	cp "$T/out" "$T/seeds.$fmt"
	well_formed "$T/seeds.$fmt"
	ok $? "ir2$fmt: xmllint finds the feed well-formed"
	feed_check $fmt "$T/seeds.ir" "$T/seeds.$fmt"
	ok $? "ir2$fmt: feedparser, bozo 0, reads back title, link, id, dates, categories"
	is "$(sfeed <"$T/seeds.$fmt" | wc -l)" 2 "ir2$fmt: sfeed reads 2 items"
	is "$(sfeed <"$T/seeds.$fmt" | cut -f2)" "$(cut -f3 "$T/seeds.ir")" \
	    "ir2$fmt: sfeed reads the titles in input order"
done

atom_valid "$T/seeds.atom"
ok $? "ir2atom: jing finds the seeds valid against RFC 4287"
# The validator can fail: an entry without an id is not Atom.
sed '/<entry>/,/<\/entry>/{/<id>/d}' "$T/seeds.atom" >"$T/bad.atom"
atom_valid "$T/bad.atom" >/dev/null
is $? 1 "jing rejects an entry without an id (the schema bites)"
sed 's|<title>BPF Updates 13|<title>BPF Updates 14|' "$T/seeds.atom" >"$T/bad.atom"
feed_check atom "$T/seeds.ir" "$T/bad.atom" >/dev/null
is $? 1 "feed_check notices a title that differs from the IR"

# The parts of the header a reader shows, with no option given.
x() { xmllint --xpath "$1" "$2" 2>/dev/null; }
is "$(x 'string(/*[local-name()="feed"]/*[local-name()="updated"])' "$T/seeds.atom")" \
    2017-11-20T16:32:45Z "atom: feed updated is the newest issue's date"
is "$(x 'string(/rss/channel/lastBuildDate)' "$T/seeds.rss")" \
    'Mon, 20 Nov 2017 16:32:45 +0000' "rss: lastBuildDate is the newest issue's date, RFC 822"
is "$(x 'string(/rss/channel/link)' "$T/seeds.rss")" https://cilium.io/ \
    "rss: the site link defaults to the origin of the permalinks"
is "$(x 'string(/rss/channel/item[2]/guid/@isPermaLink)' "$T/seeds.rss")" true \
    "rss: guid is a permalink when the id is the permalink"

# Newest first is the reader's choice: sort -r before the filter.
sort -r "$T/seeds.ir" | ir2rss >"$T/rev.rss"
is "$(sfeed <"$T/rev.rss" | cut -f2 | head -1)" "BPF Updates 13" \
    "sort -r | ir2rss puts the newest issue first"

done_testing
