#!/bin/sh
# ir2epub's exit codes and messages: usage, empty input, duplicate ids,
# malformed records, bad options and files; a failed run leaves -o's
# target as it was.
. "$(dirname "$0")/lib.sh"

cd "$TD/.." || exit 1
E=testdata/epub
IR=$TD/golden/seeds.ir

run ir2epub -h
is "$rc" 0 "-h exits 0"
like "$(cat "$T/out")" '^usage: ir2epub ' "-h prints the usage on stdout"
run ir2epub --version
like "$(cat "$T/out")" '^ir2epub \(quire\) ' "--version"
run ir2epub -x "$IR"
is "$rc" 2 "an unknown option exits 2"
like "$(cat "$T/err")" '^usage: ir2epub ' "and prints the usage"
run ir2epub "$IR"
is "$rc" 2 "no title exits 2"
is "$(head -1 "$T/err")" "ir2epub: the book needs a title: give -t TITLE or 'title' in book.yaml" "and says how to give one"
run ir2epub -t T -d 0 "$IR"
is "$rc" 2 "-d 0 exits 2"
run ir2epub -t T -l "not a tag" "$IR"
is "$rc" 2 "a bad -l exits 2"
run ir2epub -t T -b relative/ "$IR"
is "$rc" 2 "a relative -b exits 2"

run ir2epub -t T </dev/null
is "$rc" 1 "empty input exits 1"
is "$(cat "$T/err")" "ir2epub: no issues in the input: a book needs at least one chapter" "empty input: no book without chapters"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "and writes nothing"

cat "$IR" "$IR" >"$T/dup.ir"
run ir2epub -t T "$T/dup.ir"
is "$rc" 1 "a duplicate id exits 1"
is "$(cat "$T/err")" "ir2epub: $T/dup.ir:3: duplicate id '$(head -1 "$IR" | cut -f2)'" \
    "duplicate id: file, line and id"

{ cat "$IR"; printf 'not-a-date\tid\n'; cat "$IR"; } >"$T/bad.ir"
run ir2epub -t T "$T/bad.ir"
is "$rc" 1 "a malformed record exits 1"
like "$(cat "$T/err")" "^ir2epub: $T/bad.ir:3: field 1: " "the reader names file and line"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "it stops at the first malformed record"

run ir2epub -t T "$T/nonexistent.ir"
is "$rc" 1 "a missing file exits 1"

printf 'title: x\nbogus: 1\n' >"$T/b.yaml"
run ir2epub -c "$T/b.yaml" "$IR"
is "$rc" 1 "an unknown key in book.yaml exits 1"
is "$(cat "$T/err")" "ir2epub: $T/b.yaml:2: unknown key 'bogus'" "and names it"
run ir2epub -t T --cover $E/book.yaml "$IR"
is "$rc" 1 "a cover that is no image exits 1"
like "$(cat "$T/err")" "book.yaml: not a PNG, JPEG, GIF or WebP image" "and says so"
run ir2epub -t T --css "$T/none.css" "$IR"
is "$rc" 1 "a missing --css file exits 1"

echo old >"$T/keep.epub"
run ir2epub -t T -o "$T/keep.epub" "$T/dup.ir"
is "$(cat "$T/keep.epub")" old "a failed run leaves the -o target as it was"
is "$(ls "$T" | grep -c '^\.keep')" 0 "and no temporary file behind"

if [ -w /dev/full ]; then
	run sh -c 'ir2epub -t T "$1" >/dev/full' sh "$IR"
	is "$rc" 1 "a full disk is an error"
fi

done_testing
