#!/bin/sh
# ir2epub -j N: chapters rendered and deflated on N threads give the
# same book, byte for byte, and the same messages and exit status as
# -j 1, whatever N: on the sample issues, on a book with images (stored
# entries between deflated ones), on many small chapters (the queue
# wraps round many times), on a chapter refused among others, on
# entries past the queue's byte budget, on a write error, on too many
# files, and on the Rust blog when ../shared is there.
. "$(dirname "$0")/lib.sh"

cd "$TD/.." || exit 1
E=testdata/epub

# same_jobs NAME ARGS...: ir2epub ARGS at -j 1 and at each other N, the
# default included: same stderr and status, and same stdout when the
# run succeeds (a failed run's partial ZIP on stdout ends wherever the
# threads had got to; -o leaves nothing of it).
same_jobs() {
	_name=$1
	shift
	run ir2epub -j 1 "$@"
	mv "$T/out" "$T/$_name.1"
	mv "$T/err" "$T/$_name.err1"
	_rc1=$rc
	for _j in 2 3 4 8 default; do
		if [ "$_j" = default ]; then
			run ir2epub "$@"
		else
			run ir2epub --jobs "$_j" "$@"
		fi
		if { [ "$_rc1" != 0 ] || cmp -s "$T/out" "$T/$_name.1"; } &&
		    cmp -s "$T/err" "$T/$_name.err1" && [ "$rc" = "$_rc1" ]; then
			ok 0 "$_name: -j $_j gives the bytes, messages and status of -j 1"
		else
			ok 1 "$_name: -j $_j gives the bytes, messages and status of -j 1"
			echo "#   status $rc, -j 1: $_rc1; $(wc -c <"$T/out") bytes, -j 1: $(wc -c <"$T/$_name.1")"
			diff "$T/$_name.err1" "$T/err" | head -5 | sed 's/^/#   /'
		fi
	done
}

# The sample issues; -j 1 is the book of before (the golden).
md2ir -b https://cilium.io testdata/seeds/*.md >"$T/seeds.ir"
same_jobs seeds -t "BPF Updates" "$T/seeds.ir"
is "$_rc1" 0 "seeds: the book is made"
run ir2epub -j 1 -t "BPF Updates" "$T/seeds.ir"
same_file "$T/out" "$T/seeds.1" "seeds: -j 1 twice, the same bytes"

# Images (stored) between chapters (deflated), a cover, a WebP fallback.
md2ir -b https://example.org $E/posts/*.md >"$T/img.ir"
same_jobs images -v -c $E/book.yaml --cover $E/cover.png "$T/img.ir"
is "$_rc1" 0 "images: the book is made"
like "$(cat "$T/images.err1")" "not embedded" "images: the notes are there, in the same order"

# 400 chapters: the queue (4N + 4 slots) wraps round many times.
"$PY" -c '
import sys
for i in range(400):
    body = " ".join("word%d" % ((i * 7 + k) % 97) for k in range(50 + i % 300))
    sys.stdout.write(("2020-01-01T00:00:%02dZ\thttps://e.x/%d\tChapter %d" + "\t" * 12 + "<p>%s</p>\n")
        % (i % 60, i, i, body))' >"$T/many.ir"
same_jobs many -t Many "$T/many.ir"
is "$_rc1" 0 "many: the book is made"

# A chapter refused in the middle (an element with 1,500 attributes):
# the same message, after the same notes, and exit 1 whatever N.
"$PY" -c '
import sys
for i in range(300):
    body = "<p>chapter %d <img src=\"https://e.x/%d.png\" alt=\"x\"></p>" % (i, i)
    if i == 150:
        body = "<p " + " ".join("a%d=\"1\"" % k for k in range(1500)) + ">x</p>"
    sys.stdout.write(("2020-01-01T00:00:00Z\thttps://e.x/%d\tChapter %d" + "\t" * 12 + "%s\n") % (i, i, body))' >"$T/refused.ir"
same_jobs refused -v -t Refused "$T/refused.ir"
like "$_rc1:$(tail -1 "$T/refused.err1")" "^1:ir2epub: $T/refused.ir:151: an element with 1500 attributes; the limit is 1000" \
    "refused: the chapter is refused, after the notes of those before it"
is "$(grep -c 'not embedded' "$T/refused.err1")" 150 "refused: and no note of those after it"
for j in 1 4; do
	run ir2epub -j $j -t Refused -o "$T/refused.epub" "$T/refused.ir"
	[ "$rc" = 1 ] && [ ! -e "$T/refused.epub" ]
	ok $? "refused: -j $j leaves no book behind"
done

# Three 12 MB images, stored: each is written whole, in order, at -j 1
# and -j 4 alike.
mkdir -p "$T/big/img"
"$PY" -c '
import sys, os
for i in range(3):
    with open(sys.argv[1] + "/img/%d.png" % i, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + bytes([i]) * (12 << 20))
    with open(sys.argv[1] + "/2020-01-0%d-p.md" % (i + 1), "w") as f:
        f.write("---\ntitle: Big %d\n---\n![big](img/%d.png)\n" % (i, i))' "$T/big"
md2ir "$T"/big/*.md >"$T/big.ir"
same_jobs big -t Big "$T/big.ir"
is "$_rc1" 0 "big: the book is made"
is "$("$PY" -c 'import sys,zipfile; print(sum(1 for i in zipfile.ZipFile(sys.argv[1]).infolist() if i.file_size == (12 << 20) + 8))' "$T/big.1")" 3 \
    "big: the three images are in it, whole"
rm -rf "$T/big" "$T"/big.*

# A write error: the same message and status on any number of threads.
if [ -w /dev/full ]; then
	for j in 1 4; do
		run ir2epub -j $j -t Many -o /dev/full "$T/many.ir"
		is "$rc:$(cat "$T/err")" "1:ir2epub: write error: No space left on device" \
		    "-j $j: a write error exits 1 and says so once"
	done
else
	ok 0 "# SKIP /dev/full is absent"
fi

# Too many files for a ZIP without ZIP64: refused the same way.
"$PY" -c '
import sys
for i in range(65600): sys.stdout.write("2020-01-01T00:00:00Z\thttps://e.x/%d\tT%d\n" % (i, i))' >"$T/huge.ir"
for j in 1 3; do
	run ir2epub -q -j $j -t T -o "$T/huge.epub" "$T/huge.ir"
	is "$rc:$(cat "$T/err")" "1:ir2epub: the book has too many files: 65536 and more (chapters, images and the book's own files); a ZIP file without ZIP64 holds at most 65535" \
	    "-j $j: 65,600 chapters are refused as too many files"
	[ ! -e "$T/huge.epub" ]; ok $? "-j $j: and no book is left behind"
done
rm -f "$T/huge.ir"

# Usage.
for bad in 0 -1 x 2x 257 ''; do
	run ir2epub -j "$bad" -t T "$T/seeds.ir"
	is "$rc:$(head -1 "$T/err")" "2:ir2epub: -j: '$bad' is not a number of threads from 1 to 256" \
	    "-j '$bad' is a usage error"
done
run ir2epub -h
like "$(cat "$T/out")" '^  -j, --jobs N ' "-h lists -j, --jobs"

# The Rust blog: 585 chapters with their images.
if [ -d "$TOP/../shared/corpus/rust-blog" ]; then
	(cd "$TOP/../shared/corpus/rust-blog" &&
	    md2ir -b https://blog.rust-lang.org -r . [0-9]* inside-rust/[0-9]*) \
	    >"$T/rust.ir" 2>/dev/null
	cd "$TOP/../shared/corpus/rust-blog" || exit 1
	run ir2epub -j 1 -t "The Rust Blog" "$T/rust.ir"
	mv "$T/out" "$T/rust.1"
	is "$rc" 0 "rust-blog: the book is made at -j 1"
	for j in 2 4; do
		run ir2epub -j $j -t "The Rust Blog" "$T/rust.ir"
		same_file "$T/out" "$T/rust.1" "rust-blog: -j $j gives the bytes of -j 1"
	done
	cd "$TD/.." || exit 1
else
	ok 0 "# SKIP ../shared/corpus/rust-blog is absent (a lone clone)"
fi

done_testing
