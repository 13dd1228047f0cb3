#!/bin/sh
# ir2mbox on hostile, hand-written IR (testdata/mbox/): records the
# reader must refuse, and records it must turn into clean messages
# (a long non-ASCII title, "From " lines, a 5,000-character line, a
# body that is its own boundary, no author, injection attempts).
. "$(dirname "$0")/lib.sh"

H=$TD/mbox
CHECK="$PY $TOP/t/mboxcheck.py"

mb_deliver() {
	rm -rf "$T/md"
	mmkdir "$T/md" && mdeliver -M -v "$T/md" <"$1"
}

# field N REC: field N of record REC of hostile.ir, decoded.
field() {
	$PY - "$H/hostile.ir" "$1" "$2" <<'EOF'
import sys
rec = open(sys.argv[1], encoding='utf-8').read().split('\n')[int(sys.argv[3]) - 1]
f = rec.split('\t')[int(sys.argv[2]) - 1]
out, i = [], 0
while i < len(f):
    if f[i] == '\\':
        i += 1
        out.append({'\\': '\\', 't': '\t', 'n': '\n'}[f[i]])
    else:
        out.append(f[i])
    i += 1
sys.stdout.write(''.join(out))
EOF
}

# A title with CR or LF cannot come out of md2ir; the reader refuses it.
run ir2mbox "$H/title-cr.ir"
is "$rc" 1 "title with CR: exit 1"
is "$(cat "$T/err")" "ir2mbox: $H/title-cr.ir:1: character U+000D at byte 57 is not allowed in the IR" \
    "title with CR: refused by the reader, file and line named"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "title with CR: no message written"
run ir2mbox "$H/title-lf.ir"
is "$rc" 1 "title with LF: exit 1"
like "$(cat "$T/err")" "^ir2mbox: $H/title-lf.ir:2: field 1: not a date" \
    "title with LF: the line after the break is refused"
if grep -q '^Bcc:' "$T/out"; then r=1; else r=0; fi
ok $r "title with LF: no Bcc header reaches the output"

# The hostile issues that are valid IR.
run ir2mbox "$H/hostile.ir"
is "$rc" 0 "hostile issues: exit 0"
cp "$T/out" "$T/h.mbox"
run $CHECK "$T/h.mbox" "$H/hostile.ir"
is "$(cat "$T/out")" "messages 10" "hostile: Python reads 10 messages, no defect, every field equals the IR"
run ir2mbox -t "$H/hostile.ir"
cp "$T/out" "$T/ht.mbox"
run $CHECK -t "$T/ht.mbox" "$H/hostile.ir"
is "$(cat "$T/out")" "messages 10" "hostile -t: Python reads 10 plain messages, no defect"

mb_deliver "$T/h.mbox" >"$T/files"
is "$(wc -l <"$T/files" | tr -d ' ')" 10 "hostile: mblaze delivers 10 messages"
is "$(xargs mhdr -d -h subject <"$T/files")" "$(awk -F'\t' '{ print $3 == "" ? substr($1, 1, 10) : $3 }' "$H/hostile.ir")" \
    "hostile: mblaze decodes every subject to the IR title"
# mblaze undoes mboxrd quoting and decodes the text parts: compare each
# with what Python decodes.
n=0
bad=
while read -r f; do
	n=$((n + 1))
	$PY -c '
import mailbox, sys
m = list(mailbox.mbox(sys.argv[1]))[int(sys.argv[2]) - 1]
p = next(p for p in m.walk() if p.get_content_type() == "text/plain")
sys.stdout.buffer.write(p.get_payload(decode=True))
' "$T/h.mbox" $n >"$T/exp"
	mshow -O "$f" 2 >"$T/got" 2>/dev/null
	cmp -s "$T/got" "$T/exp" || bad="$bad $n"
done <"$T/files"
is "$bad" "" "hostile: mblaze decodes every text part as Python does"

# 1: a very long non-ASCII title.
sed -n '/^Subject:/,/^Date:/p' "$T/h.mbox" | sed '$d' | head -60 >"$T/subj"
is "$(awk 'length($0) > 78' "$T/subj")" "" "long title: folded at 78"
like "$(sed -n 3p "$T/subj")" '^ =\?UTF-8\?Q\?[A-Za-z0-9=_!*+/-]+\?=$' "long title: continuation lines are encoded-words"
# 2: "From " lines in the body.
if grep -q '^From [^ ]*$' "$T/h.mbox" || grep -q '^>*From the\|^>*From quoted\|^>*From html\|^>*From pre' "$T/h.mbox"; then r=1; else r=0; fi
ok $r "From lines: none starts a body line in the mbox, quoted or not"
is "$(grep -c '^From ' "$T/h.mbox")" 10 "From lines: only the 10 envelope lines start with 'From '"
# 3: 5,000-character lines.
is "$(awk 'length($0) > 76 && !/^(From |Archived-At:|Message-ID:)/' "$T/h.mbox")" "" \
    "long lines: no body line over 76"
# 4: a body that is exactly its boundary.
b=$(field 16 4)
like "$b" '^--=_quire_[0-9a-f]{32}$' "boundary body: the IR body is a boundary delimiter"
is "$(grep -c "^boundary=\"${b#--}\"\$\|^ boundary=\"${b#--}\"\$" "$T/h.mbox")" 1 \
    "boundary body: the message's boundary is that string"
is "$(grep -c "^$b\$" "$T/h.mbox")" 2 "boundary body: the delimiter occurs only as the two part delimiters"
# 5, 6: no author.
is "$(sed -n '/Subject: No author$/{x;p;};h' "$T/h.mbox")" "From: noreply@example.net" \
    "no author, relative permalink: From is noreply@ the id's host"
is "$(grep -c '^Message-ID: <[0-9a-f-]*@quire.invalid>$' "$T/h.mbox")" 1 \
    "no host anywhere: Message-ID and From use quire.invalid"
# 7: injection attempts.
if grep -qi '^Bcc:' "$T/h.mbox"; then r=1; else r=0; fi
ok $r "injection: no Bcc header field"
is "$(sed -n '/^Subject: Hi/,/^Date:/p' "$T/h.mbox" | grep -vc '^Subject:\|^ \|^Date:')" 0 \
    "injection: the subject stays one field"
# 8: empty title and body.
is "$(sed -n '/hostile\/empty>$/,/^From /p' "$T/h.mbox" | grep -c '^Subject:')" 0 "empty title: no Subject field"
# 9: a permalink with spaces, quotes and non-ASCII.
is "$(grep '^Archived-At: <https://example.org/%C3' "$T/h.mbox")" \
    "Archived-At: <https://example.org/%C3%BC%20path/%22x%22?a=1&b=%3C2%3E>" \
    "IRI permalink: percent-encoded in Archived-At"

# Authors: a bare address gives the address and no name; a name with a
# broken address gives the name; the first good address is the sender's.
printf '2020-01-01T00:00:00Z\turn:x:1\tT\t\t\t\tx@y.example|Bob|Ann <ann@z.example>|Bad <no>\n' >"$T/a.ir"
run ir2mbox "$T/a.ir"
is "$(sed -n 2p "$T/out")" 'From: "Bob, Ann, Bad" <x@y.example>' "authors: names joined, first valid address"

# A C1 control cannot enter the IR: the reader refuses it.
run ir2mbox "$H/title-c1.ir"
is "$rc:$(cat "$T/err")" "1:ir2mbox: $H/title-c1.ir:1: character U+0085 at byte 48 is not allowed in the IR" "C1 title: refused by the reader"
# U+2028 may stand in the IR, never in a header: one space each.
run ir2mbox "$H/title-ls.ir"
is "$rc" 0 "LINE SEPARATOR title: exit 0"
mb_deliver "$T/out" >"$T/files"
is "$(xargs mhdr -d -h subject <"$T/files")" "one two three" "LINE SEPARATOR title: U+2028 becomes a space"
# A host that no header can hold.
run ir2mbox "$H/bad-host.ir"
is "$(grep '^Message-ID:' "$T/out" | sed 's/<[^@]*@/<@/')" "Message-ID: <@quire.invalid>" \
    "a host with a quote: Message-ID falls back to quire.invalid"
$PY -c "
import email, email.policy, mailbox, sys
box = mailbox.mbox(sys.argv[1])
for m in box:
    msg = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
    bad = [d for p in msg.walk() for d in p.defects] + [d for k, v in msg.items() for d in v.defects]
    print(len(bad))
" "$T/out" >"$T/n"
is "$(cat "$T/n")" 0 "a host with a quote: Python finds no defect"

# Same bytes on every run and under other settings.
TZ=Asia/Kolkata LC_ALL=C ir2mbox "$H/hostile.ir" >"$T/again.mbox"
same_file "$T/again.mbox" "$T/h.mbox" "hostile: byte-identical under another TZ and LC_ALL"

done_testing
