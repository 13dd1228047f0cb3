#!/bin/sh
# Hostile issues: markup, CDATA ends, control characters, a 1 MB title,
# empty titles, no summary, duplicate ids, no date; and -o on failure.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feeds.sh"

F=$TD/feeds
H=$F/hostile.ir
x() { xmllint --xpath "$1" "$2" 2>/dev/null; }
A='/*[local-name()="feed"]/*[local-name()="entry"]'

for fmt in atom rss; do
	# site.yaml names feed.atom as the self URL; -u wins over it.
	run ir2$fmt -c "$F/site.yaml" -u feed.$fmt "$H"
	is "$rc" 0 "ir2$fmt: hostile issues convert"
	is "$(cat "$T/err")" "" "ir2$fmt: quiet on success"
	golden "$T/out" hostile.$fmt "ir2$fmt: hostile issues match the golden"
	cp "$T/out" "$T/h.$fmt"
	well_formed "$T/h.$fmt"
	ok $? "ir2$fmt: well-formed despite ]]>, <script>, & and <"
	feed_check $fmt "$H" "$T/h.$fmt"
	ok $? "ir2$fmt: feedparser reads the hostile titles, links, ids back as written"
	is "$(sfeed <"$T/h.$fmt" | wc -l)" 5 "ir2$fmt: sfeed reads 5 items"
	is "$(sfeed <"$T/h.$fmt" | head -1 | cut -f2)" \
	    "]]> <script>alert(1)</script> & < > \" ' &amp;" \
	    "ir2$fmt: sfeed reads the hostile title as text"
	if grep -q '<script' "$T/h.$fmt"; then r=1; else r=0; fi
	ok $r "ir2$fmt: no <script> element in the output"
done

# Empty titles (documented): the summary's first words, else the date.
is "$(x 'string(/rss/channel/item[2]/title)' "$T/h.rss")" \
    "An issue without a title whose summary is long enough to be cut at a word…" \
    "empty title: the summary's first words, cut at a space, with an ellipsis"
is "$(x 'string(/rss/channel/item[3]/title)' "$T/h.rss")" 2020-01-03 \
    "empty title and no summary: the date"
is "$(x "string($A[3]/*[local-name()='title'])" "$T/h.atom")" 2020-01-03 \
    "atom: the same fallback title"
# No summary: no summary element, and never an empty one.
is "$(x "count($A[3]/*[local-name()='summary'])" "$T/h.atom")" 0 \
    "atom: no summary element when the issue has none"
is "$(x 'count(/rss/channel/item[3]/description)' "$T/h.rss")" 0 \
    "rss: no description when the issue has no summary"
is "$(x "count(//*[local-name()='title' and .=''])" "$T/h.atom")" 0 \
    "atom: no empty title anywhere"

# A link post links to the article and keeps its permalink as id.
is "$(x 'string(/rss/channel/item[4]/link)' "$T/h.rss")" \
    "https://elsewhere.example/article?a=1&b=2" "rss: a link post links to the article"
is "$(x 'string(/rss/channel/item[4]/guid/@isPermaLink)' "$T/h.rss")" false \
    "rss: a urn:uuid guid is not a permalink"
is "$(x "string($A[4]/*[local-name()='link'][@rel='related']/@href)" "$T/h.atom")" \
    https://example.org/hostile/4 "atom: a link post's own page is its related link"
# Images: an enclosure with a known type, else media.
is "$(x "string($A[1]/*[local-name()='link'][@rel='enclosure']/@type)" "$T/h.atom")" \
    image/png "atom: the image is an enclosure link with its type"
is "$(x "string($A[4]/*[local-name()='thumbnail']/@url)" "$T/h.atom")" \
    https://example.org/hostile/pics/photo "atom: an image of unknown type is a media:thumbnail, made absolute"
is "$(x 'count(//enclosure)' "$T/h.rss")" 0 "rss: no enclosure, since no length is known"
is "$(x 'string(/rss/channel/item[1]/*[local-name()="content"]/@url)' "$T/h.rss")" \
    https://example.org/img/cover.png "rss: the image is media:content, made absolute"
# Authors: "Name <email>", "Name <uri>", a bare name, and the fallback.
is "$(x "string($A[1]/*[local-name()='author'][1]/*[local-name()='email'])" "$T/h.atom")" \
    jane@example.org "atom: 'Name <email>' gives the email"
is "$(x "string($A[1]/*[local-name()='author'][2]/*[local-name()='uri'])" "$T/h.atom")" \
    https://bob.example/ "atom: 'Name <https://...>' gives the uri"
is "$(x 'string(/rss/channel/item[1]/author)' "$T/h.rss")" \
    "jane@example.org (Jane Doe)" "rss: author only with an email"
is "$(x 'string(/rss/channel/item[2]/*[local-name()="creator"])' "$T/h.rss")" \
    "Ed Itor" "rss: an issue without authors gets the site's, as dc:creator"
is "$(x "count($A[1]/*[local-name()='category'][@term='<x>'])" "$T/h.atom")" 1 \
    "atom: a term that is both category and tag is written once"
is "$(x "string($A[1]/@*[local-name()='lang'])" "$T/h.atom")" de \
    "atom: an issue's own language is xml:lang on its entry"
is "$(x "count($A[5]/@*[local-name()='lang'])" "$T/h.atom")" 0 \
    "atom: a malformed language tag (en_US) is left out"

# What only a hand-written IR can hold is refused, naming file and line;
# nothing is written.
refuse() {	# refuse FILE MESSAGE
	for p in ir2atom ir2rss; do
		run $p "$F/$1"
		is "$rc" 1 "$p: $1 is refused with exit 1"
		is "$(cat "$T/err")" "$p: $F/$1:$2" "$p: $1: message names file and line"
		is "$(wc -c <"$T/out")" 0 "$p: $1: nothing on standard output"
	done
}
refuse control.ir "2: character U+0007 at byte 50 is not allowed in the IR"
refuse c1.ir "2: character U+0085 at byte 50 is not allowed in the IR"
refuse nonchar.ir "2: character U+FFFF at byte 86 is not allowed in the IR"
refuse escape.ir "2: field 15: bad backslash escape"
refuse dup.ir "3: duplicate id 'https://example.org/dup'"
refuse nodate.ir "2: field 1: not a date of the form YYYY-MM-DDTHH:MM:SSZ"

# -o keeps the old file when the input fails, and replaces it when not.
mkdir "$T/site"
echo old >"$T/site/feed.atom"
run ir2atom -o "$T/site/feed.atom" "$F/dup.ir"
is "$rc" 1 "-o with a duplicate id: exit 1"
is "$(cat "$T/site/feed.atom")" old "-o: the old feed is left as it was"
is "$(ls -A "$T/site")" feed.atom "-o: no temporary file is left behind"
run ir2rss -o "$T/site/feed.atom" "$F/hostile.ir" "$F/c1.ir"
is "$(cat "$T/site/feed.atom")" old "-o: a bad second operand leaves it too"
run ir2atom -o "$T/site/feed.atom" "$H"
is "$rc" 0 "-o with good input: exit 0"
is "$(wc -c <"$T/out")" 0 "-o: nothing on standard output"
well_formed "$T/site/feed.atom"
ok $? "-o: the new feed replaced the old one"

# A 1 MB title full of markup.
awk 'BEGIN {
	s = "<b>&amp; ]]> \"x\" "
	while (length(s) < 1048576) s = s s
	sub(/ $/, "", s)
	printf "2021-01-01T00:00:00Z\thttps://example.org/big\t%s\thttps://example.org/big\t\tsum\n", s
}' >"$T/big.ir"
for fmt in atom rss; do
	run ir2$fmt "$T/big.ir"
	is "$rc" 0 "ir2$fmt: a 1 MB title converts"
	mv "$T/out" "$T/big.$fmt"
	well_formed "$T/big.$fmt"
	ok $? "ir2$fmt: a 1 MB title stays well-formed"
	feed_check $fmt "$T/big.ir" "$T/big.$fmt"
	ok $? "ir2$fmt: feedparser reads the 1 MB title back whole"
	is "$(sfeed <"$T/big.$fmt" | wc -l)" 1 "ir2$fmt: sfeed reads the item"
done
atom_valid "$T/h.atom" "$T/big.atom"
ok $? "ir2atom: the hostile feed and the 1 MB title are valid against RFC 4287"

done_testing
