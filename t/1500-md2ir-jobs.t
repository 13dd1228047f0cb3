#!/bin/sh
# md2ir -j N (md2ir(1), THREADS): whatever the number of threads, the
# same bytes on standard output and standard error and the same exit
# status as -j 1: over every corpus of ../shared/corpus (when it is
# there), over our own files with bad ones among the good, and over
# many small files; plus what a race in the libraries would change
# (strikethrough, autolinks, dates in a zone).
. "$(dirname "$0")/lib.sh"

# same_run NAME DIR 'ARGS' J: md2ir -j 1 and -j J with ARGS (globs and
# commands expanded inside DIR) give the same stdout, stderr and exit
# status.
same_run() {
	(cd "$2" && eval "md2ir -j 1 $3") >"$T/j1.out" 2>"$T/j1.err"
	r1=$?
	(cd "$2" && eval "md2ir -j $4 $3") >"$T/jn.out" 2>"$T/jn.err"
	rn=$?
	is "$rn" "$r1" "$1: -j $4 exits as -j 1 ($r1)"
	same_file "$T/jn.out" "$T/j1.out" "$1: -j $4 writes the bytes of -j 1"
	same_file "$T/jn.err" "$T/j1.err" "$1: -j $4 says what -j 1 says, in its order"
}

# Usage.
run md2ir -j 0 x.md
is "$rc" 2 "-j 0: usage error"
run md2ir --jobs two x.md
is "$rc:$(head -1 "$T/err")" "2:md2ir: -j: 'two' is not a number of threads from 1 to 1024" \
    "-j wants a number"
like "$(md2ir -h)" '-j, --jobs N' "-h lists -j"

# Our own files: good ones, bad ones (each kind of error), skipped ones,
# a duplicate id whose body would give notes, notes in both groups.
mkdir -p "$T/own/blog/_posts" "$T/own/blog/_drafts" "$T/own/content/s"
fm() { printf -- '---\ntitle: %s\ndate: 2020-01-%02d\n---\n' "$1" "$2"; }
i=1
for n in a b c d e f g h; do
	{ fm "Post $n" $i; printf 'Text ~~old~~ www.example.org/%s\n\n<script>x()</script>\n' "$n"
	  printf '{{< unknown >}}x{{< /unknown >}}\n'; } >"$T/own/$n.md"
	i=$((i + 1))
done
: >"$T/own/empty.md"
printf 'no front matter\n' >"$T/own/nofm.md"
printf -- '---\ntitle: x\ndate: 2020-01-01\nbad: [unclosed\n---\n' >"$T/own/badyaml.md"
printf -- '---\ntitle: x\ndate: 2020-01-01\n---\n\377\n' >"$T/own/utf8.md"
printf -- '---\ntitle: d\ndate: 2020-01-01\ndraft: true\n---\n' >"$T/own/draft.md"
{ printf -- '---\ntitle: Dup\ndate: 2020-02-01\nid: one\n---\n<iframe src="x"></iframe>\n'; } >"$T/own/dup1.md"
{ printf -- '---\ntitle: Dup again\ndate: 2020-02-02\nid: one\n---\n<script>y()</script>\n<style>p{}</style>\n'; } >"$T/own/dup2.md"
printf -- '---\ntitle: Sec\n---\n' >"$T/own/content/_index.md"
printf -- '---\ntemplate: x.html\n---\n' >"$T/own/latest.md"
{ fm "Zoned" 9; printf 'Body\n'; } >"$T/own/zoned.md"
list='a.md empty.md b.md dup1.md nofm.md c.md missing.md d.md dup2.md
    badyaml.md e.md draft.md utf8.md f.md content/_index.md g.md latest.md
    dup2.md h.md zoned.md'
list=$(echo $list)
same_run "bad among good" "$T/own" "-b https://example.org $list" 8
is "$(wc -l <"$T/j1.err" | tr -d ' ')" 8 "bad among good: 7 errors and one summary line"
is "$(tail -1 "$T/j1.err")" "md2ir: 17 constructs removed or replaced (8 shortcodes, 8 raw <script>, 1 raw <iframe>); 3 files skipped (1 draft, 1 section page, 1 template page); -v lists them" \
    "bad among good: the summary"
like "$(cat "$T/j1.err")" "dup2.md: duplicate id" "bad among good: the duplicate refused"
is "$(grep -c 'dup2.md' "$T/j1.err")" 2 \
    "bad among good: the duplicate (twice) says nothing past its id"
same_run "bad among good, -v" "$T/own" "-v -b https://example.org $list" 8
like "$(sed -n '1,3p' "$T/j1.err")" "a.md:7: raw <script>" "-v: notes among the errors, in file order"
same_run "bad among good, -q" "$T/own" "-q -b https://example.org $list" 3
same_run "bad among good, -o" "$T/own" "-o $T/o.ir -b https://example.org $list" 8
ok "$([ ! -e "$T/o.ir" ] && echo 0 || echo 1)" "-o with -j 8: nothing written after an error"
same_run "good only, -o" "$T/own" "-o $T/o.ir -b https://example.org a.md b.md c.md d.md" 8
is "$(wc -l <"$T/o.ir" | tr -d ' ')" 4 "-o with -j 8: the file written"

# What a race in cmark-gfm's or the C library's global state would
# change: every one of many files gets its strikethrough, its autolink
# and its date in the zone.
mkdir -p "$T/many"
i=0
while [ $i -lt 300 ]; do
	{ printf -- '---\ntitle: Issue %d\ndate: 2021-03-14 01:%02d:00\n' $i $((i % 60))
	  [ $((i % 37)) = 5 ] && printf 'id: same\n'
	  printf -- '---\n~~gone %d~~ and www.example.org/%d and <noscript>n</noscript>\n' $i $i
	} >"$T/many/$i.md"
	i=$((i + 1))
done
files=$(i=0; while [ $i -lt 300 ]; do printf '%d.md ' $i; i=$((i + 1)); done)
same_run "300 small files" "$T/many" "--timezone America/New_York -b https://example.org $files" 3
is "$(grep -c '<del>gone' "$T/jn.out")" 293 "-j 3: every issue has its strikethrough"
is "$(grep -c 'href="http://www.example.org/' "$T/jn.out")" 293 "-j 3: every issue has its autolink"
is "$(cut -f1 "$T/jn.out" | grep -c '^2021-03-14T0[56]:')" 293 "-j 3: every date read in the zone"
is "$(grep -c 'duplicate id' "$T/jn.err")" 7 "-j 3: each duplicate refused"
same_run "300 small files, -v" "$T/many" "-v --timezone America/New_York -b https://example.org $files" 8

# Every corpus, as the field test converts it.
C=$TOP/../shared/corpus
if [ -d "$C" ]; then
	. "$(dirname "$0")/corpora.sh"
	corpus() { same_run "$1" "$4" "$5" 8; same_run "$1 -v" "$4" "-v $5" 8; }
	each_corpus corpus
else
	echo "# ../shared/corpus is absent (a lone clone): corpora not compared"
fi

done_testing
