#!/bin/sh
# ir2epub --static on the V8 blog (../shared/corpus/v8-blog, Eleventy):
# its pictures, written /_img/..., live under src/, the folder the site
# serves at its root; with --static they are in the book, which
# EPUBCheck passes without a message (its SVGs cleaned to SVG 1.1).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/epub.sh"

V8=$TOP/../shared/corpus/v8-blog/src
[ -d "$V8/blog" ] || skip_all "../shared/corpus/v8-blog is absent"

env PATH="$BIN:$PATH" "$TOP/scripts/convert-dir" "$V8/blog" -b https://v8.dev \
    >"$T/v8.ir" 2>/dev/null
is "$(wc -l <"$T/v8.ir" | tr -d ' ')" 155 "md2ir converts the 155 posts"
run ir2epub -t "V8" -o "$T/plain.epub" "$T/v8.ir"
like "$(cat "$T/err")" '^ir2epub: 440 images not embedded \(440 outside the post folder\); -v lists them$' \
    "without --static, one line: the pictures are outside the posts' folder"
run ir2epub -t "V8" --static "$V8" -o "$T/v8.epub" "$T/v8.ir"
is "$rc:$(cat "$T/err")" "0:ir2epub: 6 images not embedded (6 missing); -v lists them" \
    "with --static, only the 6 pictures the corpus lacks are left out"
is "$(zipls "$T/v8.epub" | grep -c '^EPUB/images/')" 433 "433 pictures in the book"
epub_clean "$T/v8.epub" "EPUBCheck: the V8 blog with its pictures, 0 messages"

done_testing
