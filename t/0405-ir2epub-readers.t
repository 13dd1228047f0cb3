#!/bin/sh
# ir2epub: what a reader sees (testdata/readers, from the cases of
# issue 14): contents labels, right-to-left chapters, SVG images,
# --static, a summary printed once, a link post's link, many authors,
# the contents of a 700-issue weekly, and EPUBCheck on all of it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/epub.sh"

R=$TD/readers
md2ir -b https://example.org "$R/09-heading-footnote-link.md" \
    "$R/20-rtl-hebrew.md" "$R/21-summary-repeated.md" \
    "$R/16-svg-image/post.md" "$R/17-root-relative-image/site/blog/engine.md" \
    >"$T/r.ir"
ok $? "md2ir converts the cases"
# A link post by many authors, one of them on most issues.
printf '2024-01-0%dT00:00:00Z\turn:x:%d\tLink %d\t\thttps://www.example.net/article\tAn explicit summary.\tAnn|%s\t\t\t\t\t\t-\t{}\t<p>x</p>\t\n' \
    1 1 1 Bob 2 2 2 Cy 3 3 3 Dee 4 4 4 Eve 5 5 5 Fay >>"$T/r.ir"
chap() { grep -l "$1" "$T"/x/EPUB/issue-*.xhtml; }

run ir2epub -t Readers --static "$R/17-root-relative-image/site" -o "$T/r.epub" "$T/r.ir"
is "$rc:$(cat "$T/err")" "0:" "ir2epub: exit 0, quiet"
mkdir "$T/x"
(cd "$T/x" && "$PY" -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall()' "$T/r.epub")
nav=$(cat "$T/x/EPUB/nav.xhtml")
opf=$(cat "$T/x/EPUB/content.opf")

# Case 09: the heading's text, without the footnote number.
like "$nav" '\.xhtml#[a-z0-9-]*">First chapter</a>' "case 09: contents label without the footnote number"
like "$nav" '\.xhtml#[a-z0-9-]*">The second book</a>' "case 09: a link in a heading leaves its text"
like "$(cat "$T/x/EPUB/toc.ncx")" '<text>First chapter</text>' "case 09: the NCX too"

# Case 20: right to left.
he=$(chap 'עדכון')
like "$(cat "$he")" '<html [^>]*lang="he" xml:lang="he" dir="rtl">' "case 20: dir=rtl on the Hebrew chapter"
like "$(cat "$(chap 'Reading list')")" '<html [^>]*dir="auto">' "case 20: dir=auto where the language is unknown"
is "$(grep -c '^body.*text-align' "$T/x/EPUB/style.css")" 0 "case 20: no forced alignment of the text"
like "$opf" '<spine toc="ncx" page-progression-direction="rtl">' \
    "case 20: page-progression-direction=rtl, the book's language being Hebrew"
ir2epub -t LTR -l en -o "$T/en.epub" "$T/r.ir" 2>/dev/null
like "$(zipcat "$T/en.epub" EPUB/content.opf)" '<spine toc="ncx">' "an English book progresses left to right"
like "$(zipcat "$T/en.epub" EPUB/$(basename "$(chap 'Reading list')"))" '<html [^>]*xml:lang="en">' \
    "in a book whose language is given, a chapter without one follows it"

# Case 16: SVG embedded, cleaned.
like "$opf" 'href="images/[0-9a-f]{16}\.svg" media-type="image/svg\+xml"' "case 16: SVG embedded as image/svg+xml"
is "$(grep -o '<img [^>]*>' "$(chap 'Faster random')" | grep -c 'src="images/[0-9a-f]*\.svg"')" 2 \
    "case 16: both img elements point into the book"
printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()"><script>alert(1)</script><foreignObject><p>x</p></foreignObject><image width="1" height="1" xlink:href="https://evil.example/t.png"/><use href="#a"/><use href="#nope"/><a xlink:href="https://x.example/"><text>t</text></a><rect id="a" width="1" height="1" paint-order="stroke" style="fill:url(https://e.example/x)" onclick="y()"/></svg>\n' >"$T/bad.svg"
mkdir -p "$T/svg"
cp "$T/bad.svg" "$T/svg/bad.svg"
printf -- '---\ntitle: S\ndate: 2024-01-01\n---\n\n![b](bad.svg)\n' >"$T/svg/p.md"
md2ir -b https://example.org "$T/svg/p.md" | ir2epub -t S -o "$T/svg.epub"
svg=$(zipcat "$T/svg.epub" "$("$PY" -c 'import zipfile,sys; print([n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith(".svg") and "images/" in n][0])' "$T/svg.epub")")
is "$(printf '%s' "$svg" | grep -Ec 'script|foreignObject|onload|onclick|evil|e.example')" 0 \
    "case 16: no script, foreignObject, handler or external reference is left"
like "$svg" '<use href="#a"/>' "case 16: a reference within the image stays"
is "$(printf '%s' "$svg" | grep -c 'nope\|x.example')" 0 "case 16: a use of a missing symbol goes, a link becomes a group"
like "$svg" '<rect id="a" width="1" height="1" style="paint-order:stroke"/>' \
    "case 16: an SVG 2 property moves into style, where SVG 1.1 readers accept it"
epub_clean "$T/svg.epub" "case 16: EPUBCheck passes the cleaned SVG"

# Case 17: --static maps root-relative images to the site's folder.
like "$opf" 'href="images/[0-9a-f]{16}\.png" media-type="image/png"' "case 17: /img/engine.png embedded with --static"
cmp -s "$R/17-root-relative-image/site/img/engine.png" "$T"/x/EPUB/images/*.png
ok $? "case 17: its bytes"
run ir2epub -t R "$T/r.ir" -o "$T/nostatic.epub"
is "$(cat "$T/err")" "ir2epub: 1 image not embedded (1 outside the post folder); -v lists them" \
    "case 17: without --static, one summary line"
printf -- '---\ntitle: U\ndate: 2024-01-01\n---\n\n![p](/%%2e%%2e/secret.png)\n![q](/img/../../secret.png)\n' >"$T/up.md"
cp "$TD/epub/secret.png" "$T/secret.png"
mkdir -p "$T/site/img"
md2ir "$T/up.md" | ir2epub -v -t U --static "$T/site" -o "$T/up.epub" 2>"$T/up.err"
is "$(grep -c 'not embedded (outside' "$T/up.err")" 2 "case 17: --static keeps images inside its folder"

# Case 21: a summary derived from the body is read once.
is "$(grep -c 'Hello and welcome' "$(chap 'Weekly digest 40')")" 1 "case 21: the summary is not repeated"
like "$(cat "$(chap 'Link 1')")" '<p class="summary">An explicit summary.</p>' "a summary that is not the body's start stays"

# A link post shows its link; many authors are listed sensibly.
like "$(cat "$(chap 'Link 1')")" '<p class="link"><a href="https://www.example.net/article">Read at example.net</a></p>' \
    "a link post's chapter links to the article"
is "$(printf '%s\n' "$opf" | grep -c '<dc:creator')" 3 "six authors: three creators"
like "$opf" '<dc:creator id="creator-1">Ann</dc:creator>' "the author of most issues first"
is "$(printf '%s\n' "$opf" | grep -c '<dc:contributor')" 3 "the others are contributors"
epub_clean "$T/r.epub" "EPUBCheck: the cases' book, 0 messages"

# Case 23: 700 weekly issues: contents by year and month, with dates.
sh "$R/23-many-sections.sh" "$T/c23" >/dev/null
md2ir -b https://example.org "$T"/c23/*.md >"$T/c23.ir"
run ir2epub -t Digest -o "$T/c23.epub" "$T/c23.ir"
is "$rc" 0 "case 23: a 700-issue book"
nav=$(zipcat "$T/c23.epub" EPUB/nav.xhtml)
is "$(printf '%s\n' "$nav" | grep -c '<a ')" 731 "case 23: 14 years, 14 months, 700 issues, no sections"
like "$nav" '<li><a href="issue-[0-9a-f-]*\.xhtml">2003</a>' "case 23: a year groups its issues"
like "$nav" '<li><a href="issue-[0-9a-f-]*\.xhtml">January 2003</a>' "case 23: and a month"
like "$nav" '>Weekly digest 160 · 21 January 2003</a>' "case 23: the date beside each issue"
ir2epub -t Digest -d 2 -o "$T/c23d.epub" "$T/c23.ir"
is "$(zipcat "$T/c23d.epub" EPUB/nav.xhtml | grep -c '<a ')" 6331 "case 23: -d 2 asks for the sections too"
epub_clean "$T/c23.epub" "case 23: EPUBCheck 4.2.6, default stack: 0 messages"

done_testing
