#!/bin/sh
# ir2epub on the whole Rust blog (585 posts): EPUBCheck finds nothing,
# one chapter per post in input order, two builds are identical.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/epub.sh"

[ -d "$TOP/../shared/corpus/rust-blog" ] ||
    skip_all "../shared/corpus/rust-blog is absent (a lone clone)"
cd "$TOP/../shared/corpus" || exit 1
R=rust-blog

md2ir -b https://blog.rust-lang.org $R/[0-9]*.md $R/inside-rust/[0-9]* \
    >"$T/rust.ir" 2>/dev/null
n=$(wc -l <"$T/rust.ir" | tr -d ' ')
run ir2epub -v -t "The Rust Blog" -a "The Rust Team" -o "$T/rust.epub" "$T/rust.ir"
is "$rc" 0 "the whole Rust blog is bound"
is "$(grep -cv ": image '[^']*' not embedded (.*); linked instead\$" "$T/err")" 0 \
    "stderr holds only notes on images that stay on the web"
epub_clean "$T/rust.epub" "epubcheck: nothing to report on the whole Rust blog"
zipls "$T/rust.epub" >"$T/ls"
is "$(grep -c '^EPUB/issue-.*\.xhtml ' "$T/ls")" "$n" "one chapter per post"
is "$(zipcat "$T/rust.epub" EPUB/content.opf | grep -o '<itemref idref="issue-[^"]*"' | head -1)" \
    "<itemref idref=\"issue-$("$PY" -c 'import uuid,sys; print(uuid.uuid5(uuid.NAMESPACE_URL, sys.argv[1]))' "$(head -1 "$T/rust.ir" | cut -f2)")\"" \
    "the spine follows input order"
run ir2epub -t "The Rust Blog" -a "The Rust Team" "$T/rust.ir"
same_file "$T/out" "$T/rust.epub" "two builds are byte-identical"

done_testing
