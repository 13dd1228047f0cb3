#!/bin/sh
# ir2epub with local images: embedded once each, typed by their bytes,
# stored uncompressed; remote, missing and outside ones become links;
# book.yaml metadata; --cover.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/epub.sh"

cd "$TD/.." || exit 1
E=testdata/epub

md2ir -b https://example.org $E/posts/*.md >"$T/img.ir"
run ir2epub -c $E/book.yaml --cover $E/cover.png -o "$T/img.epub" "$T/img.ir"
is "$(cat "$T/err")" "ir2epub: 5 images not embedded (1 remote, 3 outside the post folder, 1 missing); -v lists them" \
    "quiet on success: one line sums up the images left outside"
run ir2epub -q -c $E/book.yaml --cover $E/cover.png -o "$T/img-q.epub" "$T/img.ir"
is "$rc:$(cat "$T/err")" "0:" "-q: not even the summary"
cmp -s "$T/img.epub" "$T/img-q.epub"; ok $? "-q: the same book"
run ir2epub -v -c $E/book.yaml --cover $E/cover.png -o "$T/img.epub" "$T/img.ir"
cp "$T/err" "$T/notes"
is "$rc" 0 "a book with images is made"
epub_clean "$T/img.epub" "epubcheck: nothing to report on the book with images"

zipls "$T/img.epub" >"$T/ls"
is "$(grep -c '^EPUB/images/[0-9a-f]\{16\}\.' "$T/ls")" 3 \
    "three distinct local images embedded (the dot used three times, once)"
is "$(grep '^EPUB/images/' "$T/ls" | grep -v fallback | awk '{ print $2 }' | sort -u)" stored \
    "images are stored, not deflated again"
is "$(grep -c '^EPUB/images/[0-9a-f]*\.webp stored' "$T/ls")" 1 \
    "the .png that is really WebP is named and typed by its bytes"
is "$(grep '^EPUB/cover.png ' "$T/ls" | awk '{ print $2 }')" stored "the --cover image is stored"
mkdir "$T/x"
(cd "$T/x" && "$PY" -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall()' "$T/img.epub")
opf=$(cat "$T/x/EPUB/content.opf")
like "$opf" 'media-type="image/webp" fallback="img-fallback"' "WebP has a fallback for EPUB 3.2 readers"
like "$opf" 'href="images/[0-9a-f]{16}\.jpg" media-type="image/jpeg"' "the JPEG is image/jpeg"
like "$opf" 'href="cover.png" media-type="image/png" properties="cover-image"' "--cover is the cover-image"
cmp -s $E/posts/img/dot.png "$T"/x/EPUB/images/*.png; ok $? "the PNG's bytes are kept as they were"
found=0
for f in "$T"/x/EPUB/images/* "$T"/x/EPUB/*; do
	[ -f "$f" ] && cmp -s "$f" $E/secret.png && found=1
done
is "$found" 0 "secret.png, outside the issue's folder, is not in the book"

# book.yaml metadata.
like "$opf" '<dc:title>Images and Hostility</dc:title>' "title from book.yaml"
like "$opf" '<dc:language>en-GB</dc:language>' "language from book.yaml"
like "$opf" '<dc:creator id="creator-1">The Quire Test Team</dc:creator>' "creator from book.yaml"
like "$opf" '<dc:date>2021-03-01T00:00:00Z</dc:date>' "publication date from book.yaml"
like "$opf" '<dc:publisher>Quire Press</dc:publisher>' "publisher"
like "$opf" '<dc:rights>CC0 1.0</dc:rights>' "rights"
like "$opf" '<dc:subject>testing</dc:subject>' "subjects"
like "$opf" 'dcterms:modified">2021-02-01T09:30:00Z<' "modified is the newest issue's date"
run ir2epub -c $E/book.yaml -t "From the option" -l de "$T/img.ir"
like "$(zipcat "$T/out" EPUB/content.opf)" '<dc:title>From the option</dc:title>' "-t wins over book.yaml"

# Chapters: the pictures issue.
pic=$(grep -l 'Pictures of the week' "$T"/x/EPUB/issue-*.xhtml)
hos=$(grep -l 'Hostile' "$T"/x/EPUB/issue-*.xhtml)
body=$(cat "$pic")
is "$(grep -o '<img [^>]*>' "$pic" | grep -c 'src="images/')" 4 "four img elements point into the book"
like "$body" '<a href="https://example.com/logo.png">Remote logo</a>' "a remote image becomes a link with its alt text"
like "$body" '<time datetime="2021-01-04T10:00:00Z">4 January 2021</time> · <span class="author">Ada Lovelace</span>, <span class="author">Grace Hopper</span>' \
    "the chapter opens with date and authors (addresses left out)"
like "$body" "<a href=\"$(basename "$hos")\">hostile issue</a>" "a root-relative link to another issue goes to its chapter"
like "$body" "<a href=\"$(basename "$hos")\">its absolute form</a>" "an absolute link (with a fragment) to another issue goes to its chapter"
like "$body" '<a href="#fn-note" id="fnref-note" epub:type="noteref">1</a>' "the footnote reference is an EPUB noteref"
like "$body" '<aside id="fn-note" epub:type="footnote">' "the footnote is an EPUB footnote aside"
like "$body" '<th class="align-center">centre</th>' "table alignment becomes a class"
like "$body" '<li>☑ done task</li>' "task list checkboxes become ballot boxes"
like "$(cat "$T/x/EPUB/nav.xhtml")" '#a-subsection">A subsection</a>' "toc-depth 3 from book.yaml puts subsections in the nav"

# Notes on stderr with -v: once per image that stays outside, and why.
err=$(cat "$T/notes")
is "$(printf "%s\n" "$err" | grep -c "not embedded")" 5 "one note per image left outside"
like "$err" "img.ir:1: image 'https://example.com/logo.png' not embedded \(remote\); linked instead" "the remote image is reported"
like "$err" "image 'https://example.org/2021/01/04/img/nowhere.png' not embedded \(no such file\)" "a missing file is reported"
like "$err" "image 'https://example.org/2021/02/secret.png' not embedded \(outside the issue's folder\)" "../ out of the folder is refused"
ok $((! $(grep -c 'file:///etc/passwd' "$T/img.ir"))) "a file: URL is never read: md2ir leaves it out (url_scheme_ok)"
like "$err" "image 'https://example.org/etc/passwd' not embedded \(outside the issue's folder\)" "an absolute path is refused"
like "$err" "image 'https://example.org/2021/02/01/img/link-out.png' not embedded \(outside the issue's folder\)" \
    "a symlink pointing out of the folder is refused"

# Without -b the image paths stay relative and still resolve.
md2ir $E/posts/2021-01-04-pictures.md >"$T/rel.ir"
run ir2epub -t Relative "$T/rel.ir"
is "$rc" 0 "a book from IR without a base URL"
is "$("$PY" -c 'import zipfile,sys; print(sum(n.startswith("EPUB/images/") for n in zipfile.ZipFile(sys.argv[1]).namelist()))' "$T/out")" 4 \
    "relative image paths are embedded too (three images and the WebP fallback)"

done_testing
