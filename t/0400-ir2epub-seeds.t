#!/bin/sh
# ir2epub on the two seed issues: EPUBCheck, the container, goldens,
# and byte-identical rebuilds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/epub.sh"

cd "$TD/.." || exit 1
S=testdata/seeds

md2ir -b https://cilium.io $S/bpf-updates-05.md $S/bpf-updates-13.md \
    >"$T/seeds.ir"
run ir2epub -t "BPF Updates" "$T/seeds.ir"
is "$rc" 0 "the seeds' book is made"
is "$(cat "$T/err")" "" "quiet on success"
cp "$T/out" "$T/bpf.epub"
epub_clean "$T/bpf.epub" "epubcheck: nothing to report on the seeds' book"

# The container: mimetype first, stored, no extra field; text deflated.
zipls "$T/bpf.epub" >"$T/ls"
is "$(head -1 "$T/ls")" "mimetype stored 0 2017-11-20" \
    "mimetype comes first, stored, without an extra field"
is "$(head -c 58 "$T/bpf.epub" | tail -c 28)" "mimetypeapplication/epub+zip" \
    "the mimetype bytes sit at offset 30, as readers sniff them"
is "$(grep -c ' deflated ' "$T/ls")" "$(($(wc -l <"$T/ls") - 1))" \
    "every other entry (all text) is deflated"
is "$(awk '{ print $4 }' "$T/ls" | sort -u)" 2017-11-20 \
    "every entry has the newest issue's date, not the clock"
is "$(sed -n 2p "$T/ls" | cut -d' ' -f1)" META-INF/container.xml \
    "container.xml follows"

mkdir "$T/x"
(cd "$T/x" && "$PY" -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall()' "$T/bpf.epub")
golden "$T/x/EPUB/content.opf" epub/seeds-content.opf "content.opf matches the golden"
golden "$T/x/EPUB/nav.xhtml" epub/seeds-nav.xhtml "nav.xhtml matches the golden"
u13=$(awk -F '\t' 'NR == 2 { print $2 }' "$T/seeds.ir")
ch=$(ls "$T/x/EPUB/" | grep '^issue-.*\.xhtml$' | while read -r f; do
	grep -l 'BPF Updates 13' "$T/x/EPUB/$f"; done | head -1)
golden "$ch" epub/seeds-issue-13.xhtml "issue 13's chapter matches the golden"

# One identity: the chapter's file and id come from field 2 (ir.5).
uuid=$("$PY" -c 'import uuid,sys; print(uuid.uuid5(uuid.NAMESPACE_URL, sys.argv[1]))' "$u13")
is "$(basename "$ch")" "issue-$uuid.xhtml" "chapter file is issue-UUID.xhtml, UUID v5 of the id"
like "$(cat "$T/x/EPUB/content.opf")" "<item id=\"issue-$uuid\" href=\"issue-$uuid.xhtml\"" \
    "manifest id is issue-UUID"
like "$(cat "$T/x/EPUB/content.opf")" '<dc:identifier id="book-id">urn:uuid:[0-9a-f-]{36}</dc:identifier>' \
    "book identifier is a urn:uuid"
like "$(cat "$T/x/EPUB/content.opf")" '<meta property="dcterms:modified">2017-11-20T16:32:45Z</meta>' \
    "dcterms:modified is the newest issue's date"
is "$(grep -c '<navPoint' "$T/x/EPUB/toc.ncx")" "$(grep -c '<li><a' "$T/x/EPUB/nav.xhtml" | awk '{ print $1 - 3 }')" \
    "the NCX has one navPoint per toc entry of the nav"
for f in "$T"/x/EPUB/*.xhtml "$T"/x/EPUB/*.opf "$T"/x/EPUB/*.ncx "$T"/x/EPUB/*.svg; do
	xmllint --noout "$f" 2>>"$T/xmlerr"
done
is "$(cat "$T/xmlerr")" "" "xmllint: every XML file is well-formed"

# Same input, same bytes: again, under another zone and locale, from stdin.
TZ=Asia/Kolkata LC_ALL=C run ir2epub -t "BPF Updates" <"$T/seeds.ir"
same_file "$T/out" "$T/bpf.epub" "two builds are byte-identical (other TZ, LC_ALL, stdin)"
run ir2epub -t "BPF Updates" -o "$T/o.epub" "$T/seeds.ir"
same_file "$T/o.epub" "$T/bpf.epub" "-o writes the same book"
is "$(cat "$T/out")" "" "-o leaves standard output empty"

# Another title, another identifier; SOURCE_DATE_EPOCH sets modified.
run ir2epub -t "Other" "$T/seeds.ir"
id1=$(zipcat "$T/bpf.epub" EPUB/content.opf | grep -o 'urn:uuid:[^<]*')
id2=$(zipcat "$T/out" EPUB/content.opf | grep -o 'urn:uuid:[^<]*')
ok "$([ "$id1" != "$id2" ]; echo $?)" "the identifier derives from the title too"
SOURCE_DATE_EPOCH=1700000000 run ir2epub -t "BPF Updates" "$T/seeds.ir"
like "$(zipcat "$T/out" EPUB/content.opf)" 'dcterms:modified">2023-11-14T22:13:20Z<' \
    "SOURCE_DATE_EPOCH overrides dcterms:modified"

done_testing
