#!/bin/sh
# md2ir on the Rust blog: goldens for a sample, and every post of the
# whole blog through scripts/convert-dir.
. "$(dirname "$0")/lib.sh"

# The Rust blog is a real corpus, read in place from ../shared/corpus.
C=$TOP/../shared/corpus
[ -d "$C/rust-blog" ] || skip_all "../shared/corpus/rust-blog is absent (a lone clone)"
cd "$C" || exit 1
R=rust-blog
run md2ir -b https://blog.rust-lang.org $R/2014-09-15-Rust-1.0.md \
    $R/2016-04-19-MIR.md $R/2016-06-30-State-of-Rust-Survey-2016.md \
    $R/2017-09-18-impl-future-for-rust.md $R/2017-11-22-Rust-1.22.md \
    $R/2020-05-15-five-years-of-rust.md \
    $R/inside-rust/2020-05-21-governance-wg \
    $R/inside-rust/2020-11-15-Using-rustc_codegen_cranelift.md
is "$rc:$(cat "$T/err")" "0:" "the sample converts quietly"
golden "$T/out" rust-sample.ir "the sample matches its golden"
is "$(cut -f1,3 "$T/out" | sed -n 5p)" "$(printf '2017-11-22T00:00:00Z\tAnnouncing Rust 1.22 (and 1.22.1)')" "date from the file name, title"
is "$(cut -f4 "$T/out" | sed -n 5p)" https://blog.rust-lang.org/2017/11/22/Rust-1.22.html "Jekyll permalink under the base URL"
is "$(cut -f3 "$T/out" | sed -n 7p)" "Governance Working Group Update: Meeting 21 May 2020" "a post without .md suffix"

# The whole blog: every post converts, the non-posts are named.
convert() {
	run env PATH="$BIN:$PATH" "$TOP/scripts/convert-dir" "$1" -b https://blog.rust-lang.org
	posts=$(find "$1" -type f -name '[0-9]*' | wc -l)
	is "$rc" 1 "$2: convert-dir reports failure for the non-posts"
	is "$(wc -l < "$T/out")" "$posts" "$2: one IR line per post ($posts)"
	is "$(grep -c 'no front matter' "$T/err")" 4 "$2: the 4 non-post files each get a clear message"
	is "$(grep '^convert-dir:' "$T/err")" "convert-dir: $((posts + 4)) files, $posts issues, 0 drafts, 4 failed" "$2: summary"
	is "$(cut -f2 "$T/out" | sort | uniq -d | wc -l)" 0 "$2: ids are unique"
	if grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z	https://blog.rust-lang.org/' "$T/out" >/dev/null; then r=1; else r=0; fi
	ok $r "$2: every line starts with a date and an absolute id"
	if cut -f15 "$T/out" | grep -Eq '(href|src)="/'; then r=1; else r=0; fi
	ok $r "$2: no root-relative URL left in any body"
	cp "$T/out" "$T/run1.ir"
	run env PATH="$BIN:$PATH" "$TOP/scripts/convert-dir" "$1" -b https://blog.rust-lang.org
	same_file "$T/out" "$T/run1.ir" "$2: two runs are byte-identical"
}
convert "$R" "../shared corpus"

done_testing
