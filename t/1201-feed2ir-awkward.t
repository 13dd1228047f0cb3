#!/bin/sh
# feed2ir on hand-written awkward feeds (testdata/feeds-in): goldens,
# the awkward cases one by one, feedparser's reading of the same feeds,
# the site configuration of --site, and bad input.
. "$(dirname "$0")/lib.sh"

cd "$TD/feeds-in" || exit 1
FP="$PY $TOP/t/fpcompare.py"
f() { sed -n "${2}p" "$T/$1.ir" | cut -f"$3"; }

for feed in rss2-awkward.xml atom-base.xml rdf.xml jsonfeed.json; do
	name=${feed%.*}
	feed2ir "$feed" >"$T/$name.ir" 2>"$T/$name.err"
	is $? 0 "$feed: read, exit 0"
	golden "$T/$name.ir" "feeds-in/$name.ir" "$feed: the IR matches the golden"
	# The IR reader of the other filters takes it.
	ir2atom "$T/$name.ir" >/dev/null
	is $? 0 "$feed: ir2atom reads feed2ir's IR"
	case $feed in *.json) continue ;; esac
	$FP "$feed" "$T/$name.ir"
	ok $? "$feed: feedparser agrees on titles, links, ids, dates, categories"
done

# RSS 2.0
is "$(f rss2-awkward 1 15 | grep -o 'marker ]]> is split')" "marker ]]> is split" \
    "rss: ']]>' split over two CDATA sections comes back whole"
is "$(f rss2-awkward 1 3)" "CDATA & the — dash été" \
    "rss: character and entity references are decoded"
like "$(f rss2-awkward 1 15)" 'href="https://awkward.example/blog/about/"' \
    "rss: a relative link of the body resolves against the item's link"
is "$(f rss2-awkward 1 4)" "https://awkward.example/blog/posts/cdata.html" \
    "rss: a relative item link resolves against the channel's link"
like "$(f rss2-awkward 1 2)" '^urn:uuid:' \
    "rss: a guid that is no URI gives a urn:uuid: id"
is "$(f rss2-awkward 1 7)" "Ann Author <ann@awkward.example>" \
    "rss: dc:creator (odd prefix) and author 'address (Name)' are one author"
is "$(f rss2-awkward 1 10)" "https://awkward.example/blog/img/thumb.jpg" \
    "rss: media:thumbnail (odd prefix) is the image, resolved"
is "$(f rss2-awkward 1 1)" "2021-03-01T08:05:00Z" \
    "rss: 'Mon, 1 Mar 2021 9:05:00 +0100' (one-digit day and hour)"
is "$(f rss2-awkward 2 1)" "2021-03-01T04:59:59Z" "rss: a date in EST"
is "$(f rss2-awkward 2 2)" "https://awkward.example/blog/posts/noguid.html" \
    "rss: no guid: the link is the id"
like "$(f rss2-awkward 2 14)" '"enclosure":\{"@url":"https://awkward.example/media/ep1.mp3"' \
    "rss: an enclosure that is not an image goes to the extra field"
is "$(f rss2-awkward 3 1)" "2021-03-02T10:00:00Z" \
    "rss: an item without a date gets the channel's lastBuildDate"
like "$(cat "$T/rss2-awkward.err")" "rss2-awkward.xml:38: item 'No date at all' has no date" \
    "rss: ... with a note naming the item's line"

# Atom
is "$(f atom-base 1 4)" "https://base.example/site/posts/2022/first.html" \
    "atom: nested xml:base resolves the link"
like "$(f atom-base 1 15)" 'href="https://base.example/site/posts/2022/second.html"' \
    "atom: xml:base resolves the xhtml body's links"
is "$(f atom-base 1 1),$(f atom-base 1 11)" "2022-04-30T06:00:00Z,2022-05-01T09:30:00Z" \
    "atom: published and updated, zones applied"
is "$(f atom-base 1 12)" "en" "atom: the content's xml:lang wins over the feed's"
is "$(f atom-base 2 12)" "de" "atom: the feed's xml:lang is inherited"
is "$(f atom-base 1 6)" "Summary in HTML" "atom: an html summary becomes text"
is "$(f atom-base 1 3)" "Relative <links>" "atom: a text title is text"
like "$(f atom-base 1 14)" '"@scheme":"https://base.example/tags/"' \
    "atom: a category's scheme goes to the extra field"
is "$(f atom-base 2 4) $(f atom-base 2 5)" \
    "https://base.example/site/posts/2022/link.html https://elsewhere.example/article" \
    "atom: alternate and related: a link post's article and page"
is "$(f atom-base 2 15)" '<p>Plain text &lt;with&gt; brackets.</p>\n<p>A second paragraph.</p>' \
    "atom: text content is escaped into paragraphs"
is "$(f atom-base 2 1)" "2022-04-29T10:00:00Z" "atom: only updated: it is the date"

# RSS 1.0
is "$(f rdf 1 2)" "https://rdf.example/a" "rdf: rdf:about is the id"
is "$(f rdf 1 12)" "fr" "rdf: the channel's dc:language"
is "$(f rdf 2 1)" "2020-01-02T00:00:00Z" "rdf: a dc:date without a time"

# JSON Feed
is "$(f jsonfeed 1 7)" "Jay Son <jay@json.example>" "json: a mailto: author url is the email"
is "$(f jsonfeed 1 10)" "https://json.example/pic.jpg" "json: an image attachment is the image"
is "$(f jsonfeed 1 4)" "https://json.example/posts/one" "json: a relative url resolves against home_page_url"
like "$(f jsonfeed 1 14)" '"_custom":\{"x":1\}' "json: unknown keys go to the extra field"
is "$(f jsonfeed 2 15)" 'Just text &lt;b&gt;not bold&lt;/b&gt;' "json: content_text is escaped"
is "$(f jsonfeed 2 5)" "https://other.example/" "json: external_url is the link"

# --site writes the feed's own metadata as a site configuration.
feed2ir --site "$T/site.yaml" rss2-awkward.xml >"$T/with-site.ir" 2>/dev/null
is "$?" 0 "--site: exit 0"
feed2ir rss2-awkward.xml >"$T/without-site.ir" 2>/dev/null
same_file "$T/with-site.ir" "$T/without-site.ir" "--site: the IR is written whole, as without it"
feed2ir --site "$T/site3.yaml" -o "$T/o.ir" rss2-awkward.xml 2>/dev/null
same_file "$T/o.ir" "$T/without-site.ir" "--site with -o: the IR is written whole"
is "$(cat "$T/site.yaml" | grep -v '^#')" 'title: "Awkward & Sons"
url: "https://awkward.example/blog/"
description: "Notes on feeds"
author: "Ed Itor <editor@awkward.example>"
language: "en-GB"
icon: "https://awkward.example/logo.png"' "--site: title, url, description (HTML, as RSS has it: its <odd> is a tag), author, language, icon"
feed2ir -S "$T/site2.yaml" atom-base.xml >/dev/null 2>&1
"$PY" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); print(d["title"], d["author"], d["language"])' \
    "$T/site2.yaml" >"$T/out"
is "$(cat "$T/out")" "Base <Tests> Base Team <https://base.example/team/> de" \
    "-S: YAML that a YAML parser reads back"

# ... which the ir2* filters read with -c.
feed2ir -S "$T/site3.yaml" rss2-awkward.xml >"$T/aw.ir" 2>/dev/null
ir2atom -c "$T/site3.yaml" "$T/aw.ir" >"$T/aw.atom"
is "$?:$(xmllint --xpath 'string(/*/*[local-name()="title"])' "$T/aw.atom")" \
    "0:Awkward & Sons" "ir2atom -c reads the site configuration --site wrote"
ir2json -c "$T/site3.yaml" "$T/aw.ir" >"$T/aw.json"
is "$("$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["title"], d["home_page_url"], d["authors"][0]["name"])' "$T/aw.json")" \
    "Awkward & Sons https://awkward.example/blog/ Ed Itor" "ir2json -c reads it too"

# Standard input, -u and several files.
feed2ir -u https://rdf.example/feed.rdf <rdf.xml | cut -f13 | sort -u >"$T/out"
is "$(cat "$T/out")" "https://rdf.example/feed.rdf" "-u: field 13 is the feed's URL"
feed2ir - <rdf.xml | cut -f13 | sort -u >"$T/out"
is "$(cat "$T/out")" "-" "stdin: field 13 is '-'"
is "$(feed2ir rdf.xml jsonfeed.json 2>/dev/null | wc -l)" 4 "two feeds, four items"
is "$(feed2ir atom-base.xml | cut -f13 | sort -u)" "https://base.example/site/feed.atom" \
    "field 13: the feed's own self link when there is no -u"
cp atom-base.xml "$T/saved-1.xml"
cp atom-base.xml "$T/saved-2.xml"
is "$(feed2ir "$T"/saved-*.xml | sort -u | wc -l)" 2 \
    "two saved copies of a feed: sort -u leaves each item once"

# Bad input: a message with file and line, exit 1, never a half line.
run feed2ir bad-middle.xml
is "$rc" 1 "not well-formed: exit 1"
like "$(head -1 "$T/err")" "^feed2ir: bad-middle.xml:4: not well-formed: Entity 'nbsp' not defined" \
    "not well-formed: libxml2's reason and line"
is "$(cut -f3 "$T/out" | tr '\n' /)" "Fine/Broken entity/Never reached/" \
    "not well-formed: libxml2 recovers, every item is kept"
printf '<rss><channel><item><title>a</title><guid>http://x/1</guid></item><item><title>b</ti' >"$T/cut.xml"
run feed2ir "$T/cut.xml"
is "$rc:$(cut -f3 "$T/out")" "1:a" "a cut feed: the finished item is kept"
like "$(cat "$T/err")" "cut.xml:1: reading stopped in the item from this line on; 1 item read" \
    "a cut feed: the unfinished item is named"
is "$(tail -c1 "$T/out" | od -An -c | tr -d ' ')" '\n' "a cut feed: no half line"
run feed2ir not-a-feed.html
is "$rc:$(cat "$T/err")" "1:feed2ir: not-a-feed.html:2: not a feed: the root element is <html>, not rss, rdf:RDF or an Atom feed" \
    "HTML is not a feed"
run feed2ir bad.json
is "$rc:$(cat "$T/err")" "1:feed2ir: bad.json:3: not valid JSON: '}' expected near end of file" \
    "bad JSON: jansson's reason and line"
printf '' >"$T/empty"
run feed2ir "$T/empty"
is "$rc:$(cat "$T/out")" "1:" "an empty file: exit 1, nothing written"
run feed2ir "$T/nonexistent"
like "$rc:$(cat "$T/err")" "^1:feed2ir: .*nonexistent: No such file" "a missing file"
printf '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title><guid>http://x/1</guid></item></channel></rss>' >"$T/xxe.xml"
run feed2ir "$T/xxe.xml"
is "$(grep -c root: "$T/out")" 0 "an external entity is never loaded"
run feed2ir -u relative/url rdf.xml
is "$rc" 2 "-u needs an absolute URL: usage error"

done_testing
