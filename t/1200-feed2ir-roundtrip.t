#!/bin/sh
# md2ir | ir2atom | feed2ir, | ir2rss |, | ir2json |: the fields each
# format carries come back as md2ir wrote them (t/roundtrip.py says
# which), over the seeds, the invented issues of testdata/feeds-in/md
# and every corpus of ../shared/corpus, as far as md2ir converts it.
. "$(dirname "$0")/lib.sh"

cd "$TD/.." || exit 1

# roundtrip NAME IR: the three formats there and back.
roundtrip() {
	for fmt in atom rss json; do
		ir2$fmt "$2" >"$T/$1.$fmt" 2>"$T/err"
		is "$?:$(head -1 "$T/err")" "0:" "$1: ir2$fmt writes the feed"
		feed2ir "$T/$1.$fmt" >"$T/$1.$fmt.ir" 2>"$T/err"
		is "$?:$(head -1 "$T/err")" "0:" "$1: feed2ir reads it back, quietly"
		"$PY" "$TOP/t/roundtrip.py" $fmt "$2" "$T/$1.$fmt.ir" "$T/$1.$fmt"
		ok $? "$1: $fmt carries its fields through ($(wc -l <"$2") issues)"
	done
}

md2ir -b https://cilium.io testdata/seeds/*.md >"$T/seeds.ir"
roundtrip seeds "$T/seeds.ir"
md2ir -b https://example.org testdata/feeds-in/md/*.md >"$T/md.ir"
roundtrip every-field "$T/md.ir"

# The checker can fail: a changed title is caught.
sed 's/Every field/Every feld/' "$T/every-field.json.ir" >"$T/bad.ir"
"$PY" "$TOP/t/roundtrip.py" json "$T/md.ir" "$T/bad.ir" >/dev/null
is $? 1 "roundtrip.py notices a title that differs"

# Field by field on the invented issue, for the record.
is "$(sed -n 1p "$T/every-field.json.ir" | cut -f7-10)" \
    "$(sed -n 1p "$T/md.ir" | cut -f7-10)" \
    "json: authors with email and uri, categories with a '|', tags, image"
is "$(sed -n 2p "$T/every-field.atom.ir" | cut -f4,5)" \
    "$(sed -n 2p "$T/md.ir" | cut -f4,5)" \
    "atom: a link post keeps its page and its article apart"
is "$(sed -n 3p "$T/every-field.atom.ir" | cut -f11,12)" "	" \
    "atom: updated equal to the date and a bad language tag come back empty"

CORPUS=$TOP/../shared/corpus
if [ ! -d "$CORPUS" ]; then
	ok 0 "# SKIP ../shared/corpus is absent: no real corpora here"
else
	for d in "$CORPUS"/*/; do
		name=$(basename "$d")
		[ "$name" = feedparser-tests ] && continue
		MD2IR=$BIN/md2ir "$TOP/scripts/convert-dir" "$d" \
		    -b https://example.org >"$T/c.ir" 2>/dev/null
		if [ ! -s "$T/c.ir" ]; then
			ok 0 "# SKIP $name: md2ir converts none of it today"
			continue
		fi
		roundtrip "$name" "$T/c.ir"
	done
fi

done_testing
