#!/bin/sh
# Every filter's options (issue 14): -h and --help print the usage line
# and one line per option, the same bytes, exit 0; every option of the
# usage line has its line, with its long name; --version; and a long
# option does what its short one does (the same bytes out).
. "$(dirname "$0")/lib.sh"

for f in md2ir feed2ir ir2atom ir2rss ir2json ir2epub ir2mbox; do
	"$f" -h >"$T/h" 2>"$T/h.err"
	rc=$?
	"$f" --help >"$T/help" 2>&1
	is "$rc:$?:$(cat "$T/h.err")" "0:0:" "$f -h and --help exit 0, nothing on stderr"
	same_file "$T/help" "$T/h" "$f: --help prints what -h prints"
	is "$(sed -n 2p "$T/h")" "options:" "$f -h: the options follow the usage line"
	# Each letter of the usage line: [-hqv] and [-x arg].
	letters=$(head -1 "$T/h" | grep -o '\[-[A-Za-z]*[] ]' | tr -d '[] -' |
	    fold -w1 | sort -u | tr -d '\n')
	missing=
	for l in $(printf '%s' "$letters" | fold -w1); do
		grep -q "^  -$l, --[a-z]" "$T/h" || missing="$missing$l"
	done
	[ ${#letters} -ge 2 ]
	ok $? "$f: the usage line names its options (-$letters)"
	is "$missing" "" "$f -h: a line with a long name for each of -$letters"
	like "$("$f" --version)" "^$f \\(quire\\) [0-9]" "$f --version"
done

# Long and short: the same bytes.
md2ir -b https://example.org -o "$T/s.ir" "$TD/seeds/"*.md
md2ir --base https://example.org --output "$T/l.ir" "$TD/seeds/"*.md
same_file "$T/l.ir" "$T/s.ir" "md2ir --base --output as -b -o"
for f in ir2atom ir2rss ir2json; do
	"$f" -t T -l https://example.org/ -o "$T/s.$f" "$T/s.ir"
	"$f" --title T --link https://example.org/ --output "$T/l.$f" "$T/s.ir"
	same_file "$T/l.$f" "$T/s.$f" "$f --title --link --output as -t -l -o"
done
ir2epub -t T -o "$T/s.epub" "$T/s.ir"
ir2epub --title T --output "$T/l.epub" "$T/s.ir"
cmp -s "$T/s.epub" "$T/l.epub"
ok $? "ir2epub --title --output as -t -o"
ir2mbox -t -o "$T/s.mbox" "$T/s.ir"
ir2mbox --text-only --output "$T/l.mbox" "$T/s.ir"
same_file "$T/l.mbox" "$T/s.mbox" "ir2mbox --text-only --output as -t -o"
ir2rss -o "$T/f.rss" "$T/s.ir" 2>/dev/null
feed2ir -S "$T/s.yaml" -u https://example.org/feed.rss -o "$T/s.fir" "$T/f.rss"
feed2ir --site "$T/l.yaml" --url https://example.org/feed.rss --output "$T/l.fir" "$T/f.rss"
same_file "$T/l.fir" "$T/s.fir" "feed2ir --site --url --output as -S -u -o"
same_file "$T/l.yaml" "$T/s.yaml" "and the same site file"
feed2ir --site="$T/e.yaml" -o "$T/e.fir" "$T/f.rss"
same_file "$T/e.yaml" "$T/s.yaml" "feed2ir --site=FILE"

done_testing
