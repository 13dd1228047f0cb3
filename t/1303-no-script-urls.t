#!/bin/sh
# No URL a reader would run, from any way in: md2ir's -b, a site's url,
# the feeds' options, a fetched feed's links, guids and body, an
# author's link; and file names that would break a URL.
. "$(dirname "$0")/lib.sh"

D=$TD/trial
cd "$T" || exit 1

run md2ir -b 'javascript:alert(1)' "$D/plain.md"
is "$rc" 2 "md2ir -b javascript: is a usage error"
like "$(cat "$T/err")" "^md2ir: -b: 'javascript:alert\(1\)' is not an http or https URL" "... saying why"
run md2ir -b 'https://e.org/?q=1#frag' "$D/plain.md"
is "$rc" 2 "md2ir -b with a query and a fragment is refused"
run ir2epub -t T -b 'data:text/html,x' /dev/null
is "$rc" 2 "ir2epub -b data: is refused"

printf 'url: javascript:alert(1)\n' >bad.yaml
md2ir -b https://e.org "$D/plain.md" >p.ir
run ir2atom -c bad.yaml p.ir
is "$rc" 1 "ir2atom: a site url of javascript: is an error"
like "$(cat "$T/err")" "^ir2atom: bad.yaml:1: url 'javascript:alert\(1\)' is not an http or https URL" "... naming the file and line"
for o in "-l javascript:x" "-I javascript:x" "-P data:x" "-A javascript:y"; do
	# shellcheck disable=SC2086
	run ir2rss $o p.ir
	is "$rc:$(grep -c javascript: "$T/out")" "1:0" "ir2rss $o: refused, nothing written"
done

# A fetched feed is untrusted: a javascript: link and guid give no
# link and a derived id; script URLs in the body become "#".
run feed2ir "$D/feed-js.xml"
is "$rc" 0 "feed2ir reads the feed"
is "$(cut -f4 "$T/out" | sed -n 2p)" "" "a javascript: link is left out"
like "$(cut -f2 "$T/out" | sed -n 2p)" '^urn:uuid:' "a javascript: guid gives a derived id"
cp "$T/out" js.ir
run ir2atom js.ir
is "$rc" 0 "ir2atom takes the IR"
is "$(grep -c 'javascript:\|data:text' "$T/out")" 0 "no script URL in the Atom feed"
like "$(cat "$T/out")" 'href=&quot;https://ok.example/&quot;' "the good link stays"
run ir2mbox js.ir
is "$(grep -c 'javascript:\|data:text' "$T/out")" 0 "no script URL in the mail"

# An author's link that would run is dropped, the name kept; HTML
# phrasing tags go from titles and authors, "<T>" stays.
run md2ir -b https://e.org "$D/liquid-site.md"
is "$(cut -f3,7 "$T/out")" "$(printf 'Release notes for Vec<T>\tPat Example, release manager')" \
    "title and author: text only, no script link"

# File names: '#', '?', '%' and spaces are escaped in the path.
for n in 'a#b?c' '100%' 'Hello World'; do
	cp "$D/plain.md" "$n.md"
done
run md2ir -b https://e.org 'a#b?c.md' '100%.md' 'Hello World.md'
is "$rc" 0 "odd file names convert"
is "$(cut -f4 "$T/out" | tr '\n' ' ')" "https://e.org/a%23b%3Fc/ https://e.org/100%25/ https://e.org/Hello%20World/ " \
    "their permalinks are URIs"
cp "$T/out" names.ir
run ir2atom names.ir
is "$rc" 0 "ir2atom takes them"

# The allow-list reads a scheme only before a ':': a relative URL whose
# first segment is longer than any allowed scheme stays (a survey's
# where-do-you-live.png), in Markdown and in raw HTML, with -b or not;
# a long name before a ':' is still no allowed scheme.
printf -- '---\ntitle: t\ndate: 2020-01-01\n---\n![a](where-do-you-live.png) [b](parallel-rustc.html#how-to-use-it) [c](javascriptjavascript:x)\n\n<img src="where-do-you-live.svg">\n' > long.md
is "$(md2ir long.md | cut -f15)" \
    '<p><img src="where-do-you-live.png" alt="a" /> <a href="parallel-rustc.html#how-to-use-it">b</a> <a href="">c</a></p>\n<img src="where-do-you-live.svg" />\n' \
    "long relative URLs stay, a long scheme does not"
is "$(md2ir -b https://e.org/ long.md | cut -f15)" \
    '<p><img src="https://e.org/long/where-do-you-live.png" alt="a" /> <a href="https://e.org/long/parallel-rustc.html#how-to-use-it">b</a> <a href="">c</a></p>\n<img src="https://e.org/long/where-do-you-live.svg" />\n' \
    "and are resolved with -b"

done_testing
