#!/bin/sh
# ir2atom and ir2rss: what a reader gets (testdata/readers, from the
# cases of issue 14): summaries that read back as the IR's text,
# footnote links that stay in the reader, every URL an RFC 3986 URI,
# relative URLs resolved against the site link, and a warning when
# nothing can resolve them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feeds.sh"

R=$TD/readers
md2ir -b https://example.org "$R/08-summary-angle-brackets.md" \
    "$R/19-footnote-link-in-feed.md" "$R/22-Кошка-и-луна.md" \
    "$R/26 file name with spaces.md" >"$T/r.ir"
ok $? "md2ir converts the cases"

for fmt in atom rss; do
	run ir2$fmt "$T/r.ir"
	is "$rc" 0 "ir2$fmt: exit 0"
	is "$(cat "$T/err")" "" "ir2$fmt: quiet on success"
	cp "$T/out" "$T/r.$fmt"
	feed_check $fmt "$T/r.ir" "$T/r.$fmt"
	ok $? "ir2$fmt: feedparser reads back the summaries as the IR's text (case 08), ids and links as URIs"
	# Case 08: the summary is text escaped as HTML, then as XML.
	$PY - "$T/r.$fmt" >"$T/sum" <<'PYEOF'
import feedparser, html, sys
d = feedparser.parse(sys.argv[1])
print(html.unescape(d.entries[0].summary))
print(d.entries[0].summary_detail.type)
PYEOF
	is "$(cat "$T/sum")" "Wrap related inputs in a <fieldset> & label the group with <legend>; the <script> tag is not needed at all.
text/html" "ir2$fmt: case 08, nothing after <script> lost, nothing eaten"
	# Case 19: footnote links and back-links are fragment-only.
	like "$(grep -c 'href=&quot;#fn-robots&quot;' "$T/r.$fmt")" '^1$' \
	    "ir2$fmt: case 19, footnote reference is #fn-robots"
	like "$(grep -c 'href=&quot;#fnref-delay&quot;' "$T/r.$fmt")" '^1$' \
	    "ir2$fmt: case 19, back-reference is #fnref-delay"
	is "$(grep -c 'example.org/19-footnote-link-in-feed/#' "$T/r.$fmt")" 0 \
	    "ir2$fmt: case 19, no footnote link leads to the web site"
	# Cases 22 and 26: no raw non-ASCII or space in a URL.
	like "$(cat "$T/r.$fmt")" \
	    'https://example.org/22-%D0%9A%D0%BE%D1%88%D0%BA%D0%B0-%D0%B8-%D0%BB%D1%83%D0%BD%D0%B0/' \
	    "ir2$fmt: case 22, a Cyrillic path is percent-encoded UTF-8"
	is "$(grep -c 'example.org/22-Кошка' "$T/r.$fmt")" 0 \
	    "ir2$fmt: case 22, no raw Cyrillic URL"
	is "$(grep -c 'example.org/26 file' "$T/r.$fmt")" 0 \
	    "ir2$fmt: case 26, no raw space in a URL"
	like "$(cat "$T/r.$fmt")" 'https://example.org/26%20file%20name%20with%20spaces/' \
	    "ir2$fmt: case 26, spaces are %20"
done
atom_valid "$T/r.atom"
ok $? "ir2atom: jing finds the cases valid against RFC 4287"
is "$(xmllint --xpath 'string(//*[local-name()="summary"][1]/@type)' "$T/r.atom")" html \
    "ir2atom: a summary is of type html, as jekyll-feed writes it"
is "$(xmllint --xpath 'string(/rss/channel/item[1]/description)' "$T/r.rss")" \
    'Wrap related inputs in a &lt;fieldset&gt; &amp; label the group with &lt;legend&gt;; the &lt;script&gt; tag is not needed at all.' \
    "ir2rss: description holds the summary escaped as HTML"

# A host in Unicode is written in IDNA form; an image with spaces and
# parentheses is percent-encoded.
printf '2020-01-01T00:00:00Z\thttps://bücher.example/a b/\tT\thttps://bücher.example/a b/\t\t\t\t\t\t/img/my photo (1).png\t\t\t-\t{}\t<p><img src="/img/x y.png"> <a href="https://bücher.example/a b/#sec">s</a></p>\t\n' >"$T/idn.ir"
for fmt in atom rss; do
	ir2$fmt "$T/idn.ir" >"$T/idn.$fmt"
	ok $? "ir2$fmt: an IDN host converts"
	like "$(cat "$T/idn.$fmt")" 'https://xn--bcher-kva.example/a%20b/' \
	    "ir2$fmt: the IDN host in IDNA form, the space %20"
	is "$(grep -c '://bücher' "$T/idn.$fmt")" 0 "ir2$fmt: no raw IDN host in a URL"
	like "$(cat "$T/idn.$fmt")" 'https://xn--bcher-kva.example/img/my%20photo%20\(1\).png' \
	    "ir2$fmt: the front matter image, spaces and parentheses"
	like "$(cat "$T/idn.$fmt")" 'src=&quot;https://xn--bcher-kva.example/img/x%20y.png&quot;' \
	    "ir2$fmt: an image in the body, absolute and encoded"
	like "$(cat "$T/idn.$fmt")" 'href=&quot;#sec&quot;' \
	    "ir2$fmt: a link into the entry itself stays a fragment"
done

# Case 02: without md2ir -b, -l resolves the entry's link and images.
md2ir "$R/02-root-relative-image.md" >"$T/02.ir"
for fmt in atom rss; do
	run ir2$fmt -l https://example.org/ "$T/02.ir"
	is "$(cat "$T/err")" "" "ir2$fmt -l: case 02, no warning"
	like "$(cat "$T/out")" 'https://example.org/blog/garden-photos/' \
	    "ir2$fmt -l: case 02, the entry link is absolute"
	like "$(cat "$T/out")" 'src=&quot;https://example.org/media/2023/garden/tomatoes.jpg&quot;' \
	    "ir2$fmt -l: case 02, a Markdown image is absolute"
	like "$(cat "$T/out")" 'src=&quot;https://example.org/media/2023/garden/beans.jpg&quot;' \
	    "ir2$fmt -l: case 02, an HTML image is absolute"
	like "$(cat "$T/out")" 'href=&quot;https://example.org/albums/garden/&quot;' \
	    "ir2$fmt -l: case 02, a root-relative link is absolute"
	run ir2$fmt --link https://example.org/ "$T/02.ir"
	cp "$T/out" "$T/02-long.$fmt"
	run ir2$fmt -l https://example.org/ "$T/02.ir"
	same_file "$T/out" "$T/02-long.$fmt" "ir2$fmt: --link is -l"
done

# Case 24: nothing to resolve against: a warning, exit 0; -q silences it.
md2ir "$R/24-no-base-url.md" >"$T/24.ir"
for fmt in atom rss; do
	run ir2$fmt "$T/24.ir"
	is "$rc" 0 "ir2$fmt: case 24, exit 0"
	is "$(cat "$T/err")" "ir2$fmt: no site URL: links are relative; give -b or url in site.yaml" \
	    "ir2$fmt: case 24, one line says so"
	run ir2$fmt -q "$T/24.ir"
	is "$(cat "$T/err")" "" "ir2$fmt -q: case 24, no note"
done

done_testing
