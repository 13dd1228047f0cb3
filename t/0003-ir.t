#!/bin/sh
# The IR writer and reader (common/ir.c): every escape, every list edge,
# and every malformed line the reader must refuse.
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

# Writer rules.
is "$(printf '  a \t b\n\nc  ' | "$QTEST" put line)" "a b c" "line: white space folds, ends trimmed"
is "$(printf 'a\001b\177c\302\205d' | "$QTEST" put line)" "abcd" "line: C0, DEL and C1 controls dropped"
is "$(printf 'x\357\277\276y\357\277\277z' | "$QTEST" put line)" "xyz" "line: U+FFFE and U+FFFF dropped"
is "$(printf 'a\\b|c' | "$QTEST" put line)" 'a\b|c' "line: backslash and bar stay literal"
is "$(printf 'a\\b\tc\nd\r\n\001e' | "$QTEST" put text)" 'a\\b\tc\nd\ne' "text: backslash, TAB and LF escaped, CR and controls dropped"
is "$(printf 'one\n' | "$QTEST" put list)" "one" "list: one value"
is "$(printf 'a\n\n  \nb\n' | "$QTEST" put list)" "a|b" "list: empty values are not written"
is "$(printf 'x|y\nback\\\\slash\\\n' | "$QTEST" put list)" 'x\|y|back\\\\slash\\' "list: separator and backslashes escaped"
is "$(printf '' | "$QTEST" put list)" "" "list: no values"

# Round trip: write a record with every kind of field, read it back.
line_v='Title <&> ]]> with | and \ in it'
text_v=$(printf 'para\\with\\\\backslashes\n\ttabbed\n\\n literal\\t\nend\\')
printf '%s\n' 'a|b' 'c\d' 'trailing\' '' 'plain' > "$T/list.in"
{
	printf '2017-11-20T16:32:45Z\turn:x:1\t'
	printf '%s' "$line_v" | "$QTEST" put line | tr -d '\n'
	printf '\t\t\t\t'
	"$QTEST" put list < "$T/list.in" | tr -d '\n'
	printf '\t\t\t\t\t\t\t\t'
	printf '%s' "$text_v" | "$QTEST" put text | tr -d '\n'
	printf '\n'
} > "$T/rt.ir"
is "$("$QTEST" field 3 "$T/rt.ir")" "$line_v" "round trip: line field"
is "$("$QTEST" field 7 "$T/rt.ir")" "$(printf 'a|b\nc\\d\ntrailing\\\nplain')" "round trip: list values, separator and backslash inside"
is "$("$QTEST" field 15 "$T/rt.ir")" "$text_v" "round trip: text field with every escape"
is "$("$QTEST" field 16 "$T/rt.ir")" "" "missing trailing field reads as empty"

# Extra fields past the last known one are ignored.
printf '2017-01-01T00:00:00Z\tid:1\tT\t\t\t\t\t\t\t\t\t\t\t\t\t\tfuture\tmore\n' > "$T/x.ir"
is "$("$QTEST" field 3 "$T/x.ir")" T "fields past 16 are ignored"
is "$("$QTEST" field 16 "$T/x.ir")" "" "field 16 stops at its TAB"

# cat of two streams is a stream; no final newline is fine.
printf '2017-01-01T00:00:00Z\tid:1\tA' > "$T/a.ir"
printf '2017-01-02T00:00:00Z\tid:2\tB\n' > "$T/b.ir"
is "$("$QTEST" field 3 "$T/b.ir" "$T/a.ir")" "$(printf 'B\nA')" "two files, one without a final newline"
is "$(cat "$T/b.ir" | "$QTEST" field 3 - )" B "- reads standard input"

# The reader refuses malformed lines with file:line: reason.
bad() {
	printf "$1" > "$T/bad.ir"
	run "$QTEST" field 3 "$T/bad.ir"
	ok $((rc == 0)) "refused ($2): non-zero exit"
	like "$(cat "$T/err")" "^qtest: $T/bad.ir:$3: $4" "refused ($2): message"
}
bad '2017-01-01T00:00:00Z\tid\tok\n2017-01-01T00:00:00Z\tid\tT\t\t\t\t\t\t\t\t\t\t\t\tx\\\n' "lone trailing backslash in text" 2 "field 15: bad backslash escape"
bad '2017-01-01T00:00:00Z\tid\tT\t\t\t\ta\\\n' "lone trailing backslash in a list" 1 "field 7: bad backslash escape"
bad '2017-01-01T00:00:00Z\tid\tT\t\t\t\t\t\t\t\t\t\t\t\tx\\q\n' "unknown escape" 1 "field 15: bad backslash escape"
bad '2017-01-01T00:00:00Z\tid\tT\000x\n' "NUL byte" 1 "NUL byte at byte 26"
bad '2017-01-01T00:00:00Z\tid\tT\377\n' "invalid UTF-8" 1 "invalid UTF-8 at byte 26"
bad '2017-01-01T00:00:00Z\tid\tT\300\200\n' "overlong UTF-8" 1 "invalid UTF-8"
bad '2017-01-01T00:00:00Z\tid\tT\355\240\200\n' "UTF-16 surrogate" 1 "invalid UTF-8"
bad '2017-01-01T00:00:00Z\tid\tT\rx\n' "carriage return" 1 "character U\\+000D at byte 26 is not allowed"
bad '2017-01-01T00:00:00Z\tid\tT\302\205x\n' "C1 control NEL" 1 "character U\\+0085 at byte 26 is not allowed"
bad '2017-01-01T00:00:00Z\tid\tT\357\277\276\n' "U+FFFE" 1 "character U\\+FFFE at byte 26 is not allowed"
bad '\n' "empty line" 1 "empty line"
bad '2017-1-1\tid\tT\n' "short date" 1 "field 1: not a date"
bad '2017-02-30T00:00:00Z\tid\tT\n' "impossible date" 1 "field 1: not a date"
bad '2017-01-01T00:00:00Z\t\tT\n' "empty id" 1 "field 2: the id is empty"
bad '2017-01-01T00:00:00Z\turn:x:id\tT\t\t\t\t\t\t\t\tyesterday\n' "bad updated" 1 "field 11: not a date"

run "$QTEST" field 3 "$T/missing.ir"
like "$(cat "$T/err")" "^qtest: $T/missing.ir: No such file or directory" "missing file named"
run "$QTEST" field 3 "$T"
like "$(cat "$T/err")" "^qtest: $T: Is a directory" "a directory is refused"
: > "$T/empty.ir"
run "$QTEST" field 3 "$T/empty.ir"
is "$rc:$(cat "$T/out")" "0:" "empty input is an empty stream"

# A reader goes on after a bad line, one record at a time.
printf '2017-01-01T00:00:00Z\turn:x:id\tA\n\n2017-01-01T00:00:00Z\turn:x:id\tB\n' > "$T/mixed.ir"
run "$QTEST" field 3 "$T/mixed.ir"
is "$(cat "$T/out")" "$(printf 'A\nB')" "records after a bad line are still read"

# Authors: "Name <address>" or a bare name, one parser for every filter.
au() { "$QTEST" author "$1"; }
is "$(au 'Ada Lovelace <ada@example.org>')" 'Ada Lovelace|ada@example.org' "author: name and address"
is "$(au '  Ada   <ada@example.org>  ')" 'Ada|ada@example.org' "author: white space trimmed"
is "$(au 'The Team')" 'The Team|(none)' "author: a bare name"
is "$(au 'A <b> C <c@d>')" 'A <b> C|c@d' "author: the last <...> is the address"
is "$(au '<x@y>')" '|x@y' "author: an address alone"
is "$(au 'x > y')" 'x > y|(none)' "author: no '<' before the '>'"
is "$(au '')" '|(none)' "author: empty"

# Language tags (field 12), one rule for every output.
for l in en en-US de-CH-1996 zh-Hant-TW x-klingon i-default; do
	"$QTEST" lang "$l"
	ok $? "language tag $l is good"
done
for l in '' - en- -en 'en US' en_US 'toolongtag' en-toolongpart 1en 'en-é'; do
	"$QTEST" lang "$l"
	ok $((! $?)) "language tag '$l' is refused"
done

# A line of 20 MB streams through.
{ printf '2017-01-01T00:00:00Z\turn:x:id\tT\t\t\t\t\t\t\t\t\t\t\t\t'; head -c 20000000 /dev/zero | tr '\0' x; printf '\n'; } > "$T/big.ir"
is "$("$QTEST" field 15 "$T/big.ir" | wc -c)" 20000001 "a 20 MB field"

# Every escape at every place around the writers' 8- and 16-byte steps:
# "put text" and "put line" against the rules written out in Python.
python3 - "$T" <<'PY'
import re, sys
d = sys.argv[1]
specials = [b"\\", b"\t", b"\n", b"\x7f", b"\x01", b"\xc3\xa9", b" ", b"|",
    b"\xc2\x85", b"\xff", b"\xe2\x80\xae"]
cases = []
for k in range(0, 40):
    for sp in specials:
        cases.append(b"a" * k + sp + b"bcdefghijklmnopqrstuvwxyz0123456789"[:k % 37])
def text(s):
    o = bytearray()
    for ch in s.decode("utf-8", "ignore"):
        c = ord(ch)
        if ch == "\\": o += b"\\\\"
        elif ch == "\t": o += b"\\t"
        elif ch == "\n": o += b"\\n"
        elif c < 0x20 or 0x7f <= c < 0xa0: pass
        else: o += ch.encode()
    return bytes(o)
def line(s):
    words = []
    for w in re.split("[ \t\n\r\f\v]+", s.decode("utf-8", "ignore")):
        w = "".join(ch for ch in w if not (ord(ch) < 0x20 or
            0x7f <= ord(ch) < 0xa0 or 0x202a <= ord(ch) <= 0x202e))
        if w: words.append(w)
    return " ".join(words).encode()
with open(d + "/steps.in", "wb") as f, open(d + "/steps.text", "wb") as t, \
        open(d + "/steps.line", "wb") as l:
    for c in cases:
        f.write(c.replace(b"\n", b"\x02") + b"\n")
        t.write(text(c) + b"\n")
        l.write(line(c) + b"\n")
PY
: > "$T/steps.gottext"; : > "$T/steps.gotline"
while IFS= read -r c; do
	printf '%s' "$c" | tr '\002' '\n' | "$QTEST" put text >> "$T/steps.gottext"
	printf '%s' "$c" | tr '\002' '\n' | "$QTEST" put line >> "$T/steps.gotline"
done < "$T/steps.in"
cmp -s "$T/steps.text" "$T/steps.gottext"
ok $? "text: every escape at every offset of the 16-byte step"
cmp -s "$T/steps.line" "$T/steps.gotline"
ok $? "line: every fold and drop at every offset of a run"

# The reader undoes each escape in place wherever it falls, with 0 to
# 40 earlier escapes having moved the text back by as many bytes.
python3 - "$T" <<'PY'
import sys
d = sys.argv[1]
esc = {"\\": "\\\\", "\t": "\\t", "\n": "\\n"}
with open(d + "/unesc.ir", "w") as f, open(d + "/unesc.want", "w") as w:
    for before in range(0, 41):
        for k in range(0, 40):
            for c in "\\\t\n":
                v = "\n" * before + "a" * k + c + "bcdefghijklmnopqrstuvwxyz0123456789"[:k % 37]
                f.write("2017-01-01T00:00:00Z\turn:x:%d\tT" % len(v) + "\t" * 12 +
                        "".join(esc.get(ch, ch) for ch in v) + "\n")
                w.write(v + "\n")
PY
"$QTEST" field 15 "$T/unesc.ir" > "$T/unesc.got"
cmp -s "$T/unesc.want" "$T/unesc.got"
ok $? "text fields: every escape at every offset, after 0 to 40 escapes"

# The output and the IR read from a pipe get the 64 KB buffers asked
# for; glibc makes its own of 4096 bytes if setvbuf() gets no buffer.
printf '2017-01-01T00:00:00Z\turn:x:id\tA\n' | "$QTEST" bufsize > "$T/bufsize"
is "$(tr '\n' ' ' < "$T/bufsize")" "out 65536 in 65536 " \
    "stdio buffers of 64 KB for the output and a piped standard input"

done_testing
