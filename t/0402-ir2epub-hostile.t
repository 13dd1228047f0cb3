#!/bin/sh
# ir2epub on hostile input: scripts, event handlers, iframes, forms,
# JSX-like tags, ../ image paths, duplicate ids, entities, deep nesting.
# raw.ir carries raw HTML that md2ir's tag filter would have escaped.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/epub.sh"

cd "$TD/.." || exit 1
E=testdata/epub

md2ir -b https://example.org $E/posts/2021-02-01-hostile-input.md >"$T/h.ir"
run ir2epub -v -t "Hostile" -b https://example.org -o "$T/h.epub" "$T/h.ir" $E/raw.ir
is "$rc" 0 "a book from hostile input is made"
epub_clean "$T/h.epub" "epubcheck: nothing to report on the hostile book"

mkdir "$T/x"
(cd "$T/x" && "$PY" -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall()' "$T/h.epub")
cat "$T"/x/EPUB/issue-*.xhtml >"$T/all"
bad=$(grep -Eio '<(script|style|iframe|object|embed|form|input|button|textarea|select|option|video|audio|math|svg|callout|mywidget|center|font|tt)[ >/]|on(click|error|load|mouseover)=|style=|javascript:|vbscript:|data:|&nbsp;' "$T/all" | sort -u | tr '\n' ' ')
is "$bad" "" "no script, handler, embed, form control, unknown element or HTML entity is left"
for s in "A JSX component's" "textarea text" "svg text" "Object fallback text." "Press" \
    "deep text" "A block inside a span." "A stray list item" "Paragraph directly in a list"; do
	grep -qF "$s" "$T/all"; ok $? "text kept: $s"
done
grep -q "$(printf 'Paragraph\302\240with')" "$T/all"; ok $? "&nbsp; becomes U+00A0"
grep -qF '<a href="https://www.youtube.com/embed/abc">' "$T/all"; ok $? "an iframe leaves a link to its page"

"$PY" - "$T"/x/EPUB/issue-*.xhtml >"$T/py" <<'PY'
import sys, collections
import xml.etree.ElementTree as ET
H = '{http://www.w3.org/1999/xhtml}'
for f in sys.argv[1:]:
    t = ET.parse(f)
    ids = [e.get('id') for e in t.iter() if e.get('id') is not None]
    dup = [i for i, n in collections.Counter(ids).items() if n > 1]
    if dup:
        print(f, 'duplicate ids', dup)
    for e in t.iter(H + 'img'):
        if e.get('alt') is None:
            print(f, 'img without alt', e.get('src'))
        if not e.get('src', '').startswith('images/'):
            print(f, 'img not in the book', e.get('src'))
    for e in t.iter(H + 'a'):
        h = e.get('href', '')
        if h.startswith('#') and h[1:] not in ids:
            print(f, 'dangling fragment', h)
        if h and not (h.startswith(('#', 'issue-', 'http:', 'https:', 'mailto:'))):
            print(f, 'odd href', h)
PY
is "$(cat "$T/py")" "" "ids unique, every img with alt and inside the book, no dangling link"

hb=$(grep -l 'Hostile &lt;input&gt;' "$T"/x/EPUB/issue-*.xhtml)
body=$(cat "$hb")
like "$body" '<p id="top">Paragraph' "the first id='top' keeps its name"
like "$body" '<p id="top-2">Second element' "a duplicate id is renamed"
like "$body" '<h2 id="top-3">A heading' "a third one too"
like "$body" '<a href="#top">Back to the top</a> and <a>nowhere</a>' \
    "a link to a known id stays, one to a missing id loses its href"
like "$body" '<a>A script link</a>,' "a javascript: link keeps its text only"
like "$body" '<a href="https://example.org/2021/02/01/relative/page.html">a relative link</a>' \
    "other links are absolute"
like "$body" '<ol start="3" type="i"><li>three</li></ol>' "valid list attributes stay, bad ones go"

raw=$(cat "$(grep -l '>Raw one<' "$T"/x/EPUB/issue-*.xhtml)")
two=$(basename "$(grep -l 'Issue of 2 May 2021' "$T"/x/EPUB/issue-*.xhtml)")
like "$raw" "<a href=\"$two\">issue two</a>, <a href=\"$two\">its full URL</a> and <a href=\"$two\">with a fragment</a>" \
    "links to another issue, root-relative, with www. and a slash, with a fragment, go to its chapter"
like "$raw" '<a id="old-anchor"></a><a href="#old-anchor">' "an anchor's name becomes its id"
like "$raw" '<p id="id-1st">Digit id <a href="#id-1st">self</a>' "ids are tidied and links follow"
like "$raw" '<img src="images/[0-9a-f]{16}\.png" alt="dot"/>' "a local image from raw IR is embedded, handler gone"
like "$(cat "$T/x/EPUB/nav.xhtml")" '>Issue of 2 May 2021</a>' "an untitled issue gets a title from its date"

err=$(cat "$T/err")
like "$err" "raw.ir:1: image '../secret.png' not embedded \(outside the issue's folder\)" "../ in raw IR is refused"
like "$err" "raw.ir:1: image 'img/%2e%2e/%2e%2e/secret.png' not embedded \(outside" "an encoded ../ is refused"
like "$err" "raw.ir:1: image '/etc/passwd' not embedded" "an absolute path in raw IR is refused"

# Nesting 100000 deep: no stack overflow, the text survives.
"$PY" -c '
d = "<div>" * 100000 + "deep text" + "</div>" * 100000 + "<b>" * 50000 + "x"
print("\t".join(["2021-05-01T00:00:00Z", "tag:x", "Deep", "/d", "", "", "", "",
    "", "", "", "", "-", "{}", d, ""]))' >"$T/deep.ir"
run ir2epub -t Deep "$T/deep.ir"
is "$rc" 0 "HTML nested 100000 deep is bound"
zipcat "$T/out" "$(zipls "$T/out" | grep -o '^EPUB/issue-[^ ]*')" | grep -q "deep text"
ok $? "its innermost text is kept"

done_testing
