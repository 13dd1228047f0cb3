#!/bin/sh
# ir2epub's memory does not grow with the number of issues: the contents,
# the NCX, the package document's lists and the ZIP's central directory
# go to spill streams (common/spill.c), which move to temporary files past
# 64 KiB.  A book of 1,000 tiny issues, whose streams all pass that:
# EPUBCheck, every entry listed, the same bytes on one thread and two.
# The peak RSS of 5,000 issues is within 10% of 500's.  A temporary file
# that cannot be made is an error that leaves -o's target as it was.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/epub.sh"

# tiny N: N short issues over 13 years, each with a heading and a link
# to the one before it (which becomes a link between chapters).
tiny() {
	awk -v n="$1" 'BEGIN {
		for (i = 1; i <= n; i++) {
			p = i > 1 ? i - 1 : 1
			printf "%04d-%02d-%02dT12:00:00Z\turn:quire-test:tiny:%d\t" \
			    "Issue %d\t/tiny/%d/\t\t\tAuthor %d\t\t\t\t\t\t-\t\t" \
			    "<h2 id=\"a\">A</h2><p>Issue %d, after " \
			    "<a href=\"/tiny/%d/\">%d</a>.</p>\t\n",
			    2000 + int(i / 400), 1 + i % 12, 1 + i % 28, i, i, i,
			    i % 7, i, p, p
		}
	}'
}
tiny 2 >"$T/t2.ir"
tiny 500 >"$T/t500.ir"
tiny 1000 >"$T/t1000.ir"
tiny 5000 >"$T/t5000.ir"

run ir2epub -j 1 -t Tiny -o "$T/big.epub" "$T/t1000.ir"
is "$rc:$(cat "$T/err")" 0: "a book of 1,000 issues is made"
epub_clean "$T/big.epub" "epubcheck: nothing to report on it"
zipls "$T/big.epub" >"$T/ls"
is "$(wc -l <"$T/ls" | tr -d ' ')" 1008 \
    "its central directory, past 64 KiB, lists every entry"
is "$(tail -3 "$T/ls" | cut -d' ' -f1 | tr '\n' ' ')" \
    "EPUB/nav.xhtml EPUB/toc.ncx EPUB/content.opf " \
    "the contents, the NCX and the package document come last"
is "$(zipcat "$T/big.epub" EPUB/content.opf | grep -c '<itemref idref="issue-')" \
    1000 "the spine lists every chapter"
is "$(zipcat "$T/big.epub" EPUB/toc.ncx | grep -c '<navPoint ')" \
    "$(zipcat "$T/big.epub" EPUB/nav.xhtml | grep -c '<li><a href=')" \
    "the NCX has a point for each entry of the contents"
run ir2epub -j 2 -t Tiny -o "$T/big2.epub" "$T/t1000.ir"
same_file "$T/big2.epub" "$T/big.epub" "-j 2 gives the same bytes as -j 1"

# Peak RSS (GNU time's %M, in KiB) of 5,000 issues against 500.  Not
# under a sanitizer or valgrind, whose own memory grows with the work.
if [ ! -x /usr/bin/time ]; then
	ok 0 "# SKIP GNU time (Debian package time) is not installed"
elif [ "${QUIRE_VALGRIND:-0}" = 1 ] || grep -q __asan_init "$BIN/ir2epub"; then
	ok 0 "# SKIP peak memory is not measured under a sanitizer or valgrind"
else
	for j in 1 2; do
		for n in 500 5000; do
			/usr/bin/time -f %M -o "$T/m$n" ir2epub -j $j -t Tiny \
			    "$T/t$n.ir" >/dev/null 2>&1
		done
		m500=$(tail -1 "$T/m500") m5000=$(tail -1 "$T/m5000")
		if [ "$((m5000 * 10))" -le "$((m500 * 11))" ]; then
			ok 0 "-j $j: peak memory of 5,000 issues within 10% of 500's"
		else
			ok 1 "-j $j: peak memory of 5,000 issues within 10% of 500's"
			echo "#   500 issues: $m500 KiB, 5,000 issues: $m5000 KiB"
		fi
	done
fi

# No temporary file: TMPDIR that does not exist stops the run at once.
echo old >"$T/keep.epub"
run env TMPDIR="$T/none" ir2epub -t Tiny -o "$T/keep.epub" "$T/t2.ir"
is "$rc:$(cat "$T/err")" \
    "1:ir2epub: cannot create a temporary file in $T/none: No such file or directory" \
    "a TMPDIR that does not exist: a message, exit 1"
is "$(cat "$T/keep.epub")" old "and -o's target is left as it was"

# A spill stream that cannot make its file: the fewest descriptors that
# make the 2-issue book (all in memory) are too few for 1,000 issues.
if [ "${QUIRE_VALGRIND:-0}" = 1 ]; then
	ok 0 "# SKIP descriptor limits under valgrind"
	ok 0 "# SKIP"
else
	lim=4
	while [ "$lim" -lt 32 ] && ! sh -c 'ulimit -n "$1" && exec ir2epub \
	    -t Tiny -o "$2" "$3"' sh "$lim" "$T/small.epub" "$T/t2.ir" \
	    2>/dev/null; do
		lim=$((lim + 1))
	done
	run sh -c 'ulimit -n "$1" && exec ir2epub -t Tiny -o "$2" "$3"' sh \
	    "$lim" "$T/keep.epub" "$T/t1000.ir"
	is "$rc:$(cat "$T/err")" \
	    "1:ir2epub: cannot create a temporary file in ${TMPDIR:-/tmp}: Too many open files" \
	    "with $lim descriptors the spill streams cannot make their files: exit 1"
	is "$(cat "$T/keep.epub")" old "and -o's target is left as it was"
fi
is "$(ls -A "$T" | grep -c '^\.')" 0 "no temporary file is left behind"

done_testing
