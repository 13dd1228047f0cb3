#!/bin/sh
# Hostile IR and URLs (issue 13, cases 08, 09, 12, 25-27, 38, 39, 41):
# the source path carried exactly, one URL scheme allow-list, getline
# ENOMEM, ids that are no URI, bidi controls, the mbox Subject and
# Message-ID.
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
png() { "$PY" -c 'import base64,sys; sys.stdout.buffer.write(base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==") + sys.argv[1].encode())' "$1"; }

# 08: folders that fold into one another under the single-line rule.
for d in 'a  b' 'a b' ' a' 'a	t' "$(printf 'n\nl')" "$(printf 'x\377')" 'p%41'; do
	mkdir "$d"
	png "REAL" > "$d/pic.png"
	printf -- '---\ntitle: t\ndate: 2020-01-01\n---\n![pic](pic.png)\n' > "$d/post.md"
done
for d in 'a b' 'a' 't' 'x' 'pA'; do mkdir -p "$d"; png "DECOY" > "$d/pic.png"; done
for d in 'a  b' ' a' 'a	t' "$(printf 'n\nl')" "$(printf 'x\377')" 'p%41'; do
	md2ir "$d/post.md" > one.ir
	ir2epub -t T -o one.epub one.ir 2>err
	got=$(unzip -p one.epub 'EPUB/images/*' | tail -c 4)
	is "$got" "REAL" "08: source folder $(printf %s "$d" | od -An -tx1 | tr -d ' \n'): the image of its own folder"
done
md2ir 'p%41/post.md' | cut -f13 > src
is "$(cat src)" "p%2541/post.md" "08: '%' in a path is written %25"
printf '2020-01-01T00:00:00Z\turn:x:1\tT\t\t\t\t\t\t\t\t\t\ta  b%%09c%%zz\n' > s.ir
is "$("$QTEST" field 13 s.ir | od -An -c | tr -s ' ')" "$(printf 'a  b\tc%%zz\n' | od -An -c | tr -s ' ')" \
    "08: the reader undoes %XX, keeps spaces and a stray '%'"

# 09: one scheme allow-list, with and without -S.
for S in "" -S; do
	md2ir $S -b https://example.org "$TD/hostile/urls.md" > u.ir 2>err
	# Field 16 is the Markdown source, field 7 the reader checks.
	bad=$(cut -f1-6,8-15 u.ir | grep -Eoi 'java[[:space:]]*script:|vbscript:|data:' | sort -u | tr '\n' ' ')
	is "$bad" "" "09: md2ir $S: no script URL in a URL field or the HTML"
	like "$(cut -f15 u.ir)" 'href="https://example.org/ok"' "09: md2ir $S: an https link stays"
	like "$(cut -f15 u.ir)" 'href="mailto:a@example.org"' "09: md2ir $S: a mailto link stays"
	for p in ir2atom ir2rss ir2mbox; do
		"$p" u.ir > "u.$p" 2>/dev/null
		# ir2mbox's text part is the Markdown source: text, no link.
		is "$(grep -Eic '(href|src|uri|url)[=>"]+[[:space:]]*(javascript|vbscript)|^[a-z-]+:.*javascript' "u.$p")" 0 \
		    "09: $p $S: no script URL in the output"
	done
done
printf '2020-01-01T00:00:00Z\turn:x:1\tT\tjavascript:alert(1)\t java\tscript:x\n' > j.ir
run ir2atom j.ir
like "$(cat "$T/err")" "j.ir:1: field 4: 'javascript:alert\\(1\\)' is not an http, https, mailto or relative URL; left out" \
    "09: the reader leaves out a script permalink, with a note"
is "$(grep -c 'javascript' "$T/out")" 0 "09: and ir2atom writes none"
printf '2020-01-01T00:00:00Z\turn:x:1\tT\t/p\t\t\tEve <javascript:x>|Ann <https://a.example/>\n' > a.ir
run ir2atom a.ir
is "$(grep -c 'javascript' "$T/out"):$(grep -c '<uri>https://a.example/</uri>' "$T/out")" "0:1" \
    "09: an author's script address is left out, an https one kept"

# 12: getline() failing for lack of memory is an error, not the end.
if [ -n "${QUIRE_SAN:-}" ] || ldd "$BIN/ir2atom" | grep -q libasan; then
	ok 0 "# SKIP 12: a memory limit does not mix with ASan"
else
	"$PY" - <<'PY'
def rec(n, html):
    return '\t'.join(['2020-01-%02dT00:00:00Z' % n, 'https://example.org/%d' % n, 'T%d' % n, 'https://example.org/%d' % n] + [''] * 10 + [html, 'x']) + '\n'
with open('l.ir', 'w') as f:
    f.write(rec(1, '<p>first</p>')); f.write(rec(2, '<p>' + 'a' * (100 << 20) + '</p>')); f.write(rec(3, '<p>third</p>'))
PY
	for p in ir2atom ir2rss ir2mbox; do
		(ulimit -v 150000; "$p" l.ir > /dev/null 2> err)
		is "$?:$(cat err)" "1:$p: l.ir:2: out of memory reading this line" "12: $p: ENOMEM is an error naming the line"
	done
	rm -f l.ir
fi

# 25: an id that is no absolute URI is refused.
printf '2020-01-01T00:00:00Z\tnot a uri <&>\tT\thttps://example.org/a\n' > n.ir
for p in ir2atom ir2rss ir2mbox; do
	run "$p" n.ir
	is "$rc:$(cat "$T/err")" "1:$p: n.ir:1: field 2: the id is not an absolute URI (or its scheme runs code)" "25: $p refuses an id that is no URI"
done
printf '2020-01-01T00:00:00Z\tjavascript:alert(1)\tT\n' > n.ir
run ir2rss n.ir
is "$rc" 1 "25: and a javascript: id"

# 38: bidi controls never reach a single-line field or an output.
md2ir -b https://example.org "$TD/hostile/urls.md" > u.ir 2>/dev/null
is "$(cut -f3 u.ir)" "Front matter URLs gnp.exe" "38: U+202E is dropped from the title"
is "$(cut -f9 u.ir)" "ab|plain" "38: U+2066 is dropped from a tag"
printf '2020-01-01T00:00:00Z\turn:x:1\tinvoice \342\200\256gnp.exe\n' > b.ir
for p in ir2atom ir2rss ir2mbox; do
	"$p" b.ir > "b.$p" 2>/dev/null
	is "$(grep -c "$(printf '\342\200\256')" "b.$p")" 0 "38: $p: the reader drops U+202E from a hand-made IR"
done
ir2mbox b.ir | grep -q '^Subject: invoice gnp.exe$'
ok $? "38: the Subject reads as written"

# 26: an empty title gives the date as Subject.
printf '2020-01-01T00:00:00Z\thttps://example.org/a\t\thttps://example.org/a\n' > e.ir
is "$(ir2mbox e.ir | grep '^Subject:')" "Subject: 2020-01-01" "26: an empty title: the Subject is the date"

# 27: a Message-ID domain real parsers read as one token.
printf '2020-01-01T00:00:00Z\ttag:e.x,2020:a\tT\thttps://[a>b]/p\n2020-01-01T00:00:00Z\ttag:e.x,2020:b\tT\thttps://[192.0.2.1]/p\n' > d.ir
is "$(ir2mbox d.ir | grep '^Message-ID:' | sed 's/<[^@]*@/<@/' | tr '\n' ' ')" \
    "Message-ID: <@quire.invalid> Message-ID: <@[192.0.2.1]> " "27: '[a>b]' falls back, an IPv4 literal stays"

# 39: the man page shows the message the reader gives.
printf '2020-01-01T00:00:00Z\thttps://e.x/a\tT\r\n' > cr.ir
msg=$(ir2mbox cr.ir 2>&1 | sed 's/^ir2mbox: cr.ir:1: //; s/byte [0-9]*/byte N/')
grep -q "$(printf %s "$msg" | sed 's/byte N/byte [0-9]*/')" "$TOP/filters/ir2mbox.1"
ok $? "39: ir2mbox(1) shows '$msg'"

# 41: a feed without a base URL says its links are relative.
md2ir "$TD/seeds/bpf-updates-05.md" | ir2atom > /dev/null 2> err
like "$(cat err)" "no site URL: links are relative" "41: a feed without -b says its links are relative (H7's warn_base)"

done_testing
