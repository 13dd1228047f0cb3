#!/bin/sh
# ir2json: JSON Feed 1.1 valid against the schema written from the spec
# (testdata/jsonfeed, python3-jsonschema), the IR's identity in every
# item, ir2atom's options and site configuration, and its errors.
. "$(dirname "$0")/lib.sh"

"$PY" -c 'import jsonschema' 2>/dev/null ||
    skip_all "python3-jsonschema is not installed (./scripts/setup)"
CHECK="$PY $TOP/t/jsonfeedcheck.py"
cd "$TD/.." || exit 1
j() { "$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }

md2ir -b https://cilium.io testdata/seeds/*.md >"$T/seeds.ir"
run ir2json "$T/seeds.ir"
is "$rc:$(cat "$T/err")" "0:" "seeds: exit 0, quiet"
golden "$T/out" seeds.json "seeds: the JSON Feed matches the golden"
cp "$T/out" "$T/seeds.json"
$CHECK "$T/seeds.json" "$T/seeds.ir"
ok $? "seeds: valid JSON Feed 1.1; ids, dates and urls are the IR's"

md2ir -b https://example.org testdata/feeds-in/md/*.md >"$T/md.ir"
ir2json "$T/md.ir" >"$T/md.json"
$CHECK "$T/md.json" "$T/md.ir"
ok $? "every field: valid, identity kept"
is "$(j "$T/md.json" 'd["items"][0]["authors"]')" \
    "[{'name': 'Ann Author', 'url': 'mailto:ann@example.org'}, {'name': 'Bob Builder', 'url': 'https://bob.example.org/'}, {'name': 'Plain Name'}]" \
    "authors: an email as a mailto: url, a web page as the url"
is "$(j "$T/md.json" 'd["items"][0]["tags"], d["items"][0]["_quire"]["categories"]')" \
    "(['Release', 'a|b', 'c', 'tag-two'], ['Release', 'a|b'])" \
    "tags are categories and tags; _quire keeps the categories apart"
is "$(j "$T/md.json" 'd["items"][0]["language"], d["items"][0]["image"], d["items"][0]["date_modified"]')" \
    "('fr-CA', 'https://example.org/img/cover.png', '2024-02-03T04:05:06Z')" \
    "language, image, date_modified"
is "$(j "$T/md.json" 'd["items"][0]["content_text"][:9], d["items"][0]["content_html"][:6]')" \
    "('Body with', '<p>Bod')" "content_html, and the Markdown as content_text"
is "$(j "$T/md.json" 'd["items"][1]["external_url"], "title" in d["items"][1]')" \
    "('https://elsewhere.example.net/article?a=1&b=2', False)" \
    "a link post: external_url, and no title where the IR has none"
is "$(j "$T/md.json" '"language" in d["items"][2]')" "False" \
    "a language field that is not a tag is left out"

# ir2atom's options and site configuration.
cat >"$T/site.yaml" <<'YAML'
title: "Site & Co"
link: https://example.org/
description: All the news
author: Ed Itor <ed@example.org>
language: en
icon: /favicon.png
logo: /logo.png
YAML
ir2json -c "$T/site.yaml" -u https://example.org/feed.json "$T/md.ir" >"$T/site.json"
$CHECK "$T/site.json" "$T/md.ir"
ok $? "-c and -u: valid"
is "$(j "$T/site.json" 'd["title"], d["home_page_url"], d["feed_url"], d["description"], d["icon"], d["favicon"], d["authors"], d["language"]')" \
    "('Site & Co', 'https://example.org/', 'https://example.org/feed.json', 'All the news', 'https://example.org/logo.png', 'https://example.org/favicon.png', [{'name': 'Ed Itor', 'url': 'mailto:ed@example.org'}], 'en')" \
    "-c: title, home page, feed url, description, icon (logo), favicon (icon), author, language"
ir2json -s -t Short "$T/md.ir" >"$T/s.json"
$CHECK "$T/s.json" "$T/md.ir"
ok $? "-s: still valid"
is "$(j "$T/s.json" '[("content_html" in i, i.get("content_text", "")[:6]) for i in d["items"]], d["title"]')" \
    "([(False, 'A summ'), (False, 'A link'), (False, 'Body.')], 'Short')" \
    "-s: the summary as content_text, no body"

# Every corpus md2ir converts today.
CORPUS=$TOP/../shared/corpus
if [ -d "$CORPUS" ]; then
	for d in "$CORPUS"/*/; do
		name=$(basename "$d")
		[ "$name" = feedparser-tests ] && continue
		MD2IR=$BIN/md2ir "$TOP/scripts/convert-dir" "$d" \
		    -b https://example.org >"$T/c.ir" 2>/dev/null
		[ -s "$T/c.ir" ] || continue
		ir2json "$T/c.ir" >"$T/c.json"
		$CHECK "$T/c.json" "$T/c.ir"
		ok $? "$name: $(wc -l <"$T/c.ir") issues, valid JSON Feed 1.1"
	done
else
	ok 0 "# SKIP ../shared/corpus is absent"
fi

# The schema bites: an item without an id, a date without a time.
"$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); del d["items"][0]["id"]; d["items"][1]["date_published"] = "2024-01-03"; json.dump(d, open(sys.argv[2], "w"))' \
    "$T/md.json" "$T/bad.json"
$CHECK "$T/bad.json" "$T/md.ir" >/dev/null
is $? 1 "the schema check fails an item without id and a bare date"

# A reader of JSON Feed: Debian's feedparser has none before 6.1.
if "$PY" -c 'import feedparser, sys; sys.exit(0 if feedparser.parse(sys.argv[1]).get("version") == "json11" else 1)' \
    "$T/seeds.json" 2>/dev/null; then
	ok 0 "feedparser reads the JSON Feed"
else
	ok 0 "# SKIP this feedparser ($("$PY" -c 'import feedparser; print(feedparser.__version__)')) reads no JSON Feed; feed2ir reads it back (t/1200)"
fi

# Errors, as ir2atom's.
run ir2json </dev/null
is "$rc:$(j "$T/out" 'len(d["items"])')" "0:0" "no issue: a valid feed with no item"
cat "$T/seeds.ir" "$T/seeds.ir" >"$T/dup.ir"
echo old >"$T/keep.json"
run ir2json -o "$T/keep.json" "$T/dup.ir"
is "$rc:$(cat "$T/keep.json")" "1:old" "a duplicate id: exit 1, -o keeps the old file"
like "$(cat "$T/err")" "^ir2json: .*dup.ir:3: duplicate id" "a duplicate id: file and line"
run ir2json -i relative "$T/seeds.ir"
is "$rc" 2 "-i needs an absolute URI: usage error"

done_testing
