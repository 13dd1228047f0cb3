#!/bin/sh
# ir2mbox on the seed issues: goldens, Python's mailbox and email
# packages, mblaze, options, errors, and the same bytes under any TZ
# and locale.
. "$(dirname "$0")/lib.sh"

IR=$TD/golden/seeds.ir
CHECK="$PY $TOP/t/mboxcheck.py"

# mblaze: deliver an mbox (mboxrd) into a fresh maildir, print the
# message files in mbox order.
mb_deliver() {
	rm -rf "$T/md"
	mmkdir "$T/md" && mdeliver -M -v "$T/md" <"$1"
}

# Goldens, multipart and plain text.
run ir2mbox "$IR"
is "$rc" 0 "seeds: exit 0"
is "$(cat "$T/err")" "" "seeds: quiet on success"
golden "$T/out" seeds.mbox "seeds: multipart mbox matches the golden"
cp "$T/out" "$T/seeds.mbox"
run ir2mbox -t "$IR"
is "$rc" 0 "seeds -t: exit 0"
golden "$T/out" seeds-plain.mbox "seeds -t: plain mbox matches the golden"
cp "$T/out" "$T/plain.mbox"

# Python: zero defects, everything reads back equal to the IR.
run $CHECK "$T/seeds.mbox" "$IR"
is "$rc" 0 "seeds: Python reads every message, part and header without a defect, fields equal the IR"
sed 's/^/# /' "$T/out" | grep -v '^# messages' || :
is "$(cat "$T/out")" "messages 2" "seeds: Python finds 2 messages"
run $CHECK -t "$T/plain.mbox" "$IR"
is "$(cat "$T/out")" "messages 2" "seeds -t: Python finds 2 plain messages, no defect"

# mblaze: as many messages as issues, the same subjects, the same text.
mb_deliver "$T/seeds.mbox" >"$T/files"
is "$(wc -l <"$T/files" | tr -d ' ')" 2 "mblaze delivers 2 messages"
is "$(mlist "$T/md" | wc -l | tr -d ' ')" 2 "mblaze lists 2 messages"
is "$(xargs mhdr -d -h subject <"$T/files")" "$(cut -f3 "$IR")" "mblaze decodes the subjects of the IR"
is "$(head -1 "$T/files" | xargs mshow -t | sed -n '2,$p' | sed 's/ size=.*//; s/^ *//')" \
    "$(printf '1: multipart/alternative\n2: text/plain\n3: text/html')" \
    "mblaze sees multipart/alternative with text/plain then text/html"
$PY -c '
import mailbox, sys
m = list(mailbox.mbox(sys.argv[1]))[0]
p = next(p for p in m.walk() if p.get_content_type() == "text/plain")
sys.stdout.buffer.write(p.get_payload(decode=True))
' "$T/seeds.mbox" >"$T/text.exp"
mshow -O "$(head -1 "$T/files")" 2 >"$T/text.got"
same_file "$T/text.got" "$T/text.exp" "mblaze decodes the text part as Python does"
mb_deliver "$T/plain.mbox" >"$T/files"
is "$(wc -l <"$T/files" | tr -d ' ')" 2 "mblaze delivers 2 plain messages"

# Same bytes under another time zone and locale, with a clock set.
for env in "TZ=Pacific/Kiritimati" "TZ=America/St_Johns LC_ALL=C" "LC_ALL=POSIX" "SOURCE_DATE_EPOCH=0"; do
	# shellcheck disable=SC2086
	env $env ir2mbox "$IR" >"$T/again.mbox"
	same_file "$T/again.mbox" "$T/seeds.mbox" "byte-identical with $env"
done

# A sender, recipients and a list from -c; -f wins over it.
run ir2mbox -c "$TD/mbox/mail.yaml" "$IR"
is "$rc" 0 "-c: exit 0"
golden "$T/out" seeds-list.mbox "-c: mbox with From, To and List-Id matches the golden"
cp "$T/out" "$T/list.mbox"
run $CHECK -f 'Équipe BPF <bpf-news@example.org>' "$T/list.mbox" "$IR"
is "$(cat "$T/out")" "messages 2" "-c: Python reads it without a defect, From as configured"
mb_deliver "$T/list.mbox" >"$T/files"
f1=$(head -1 "$T/files")
is "$(mhdr -d -h to "$f1")" "BPF Updates <bpf-updates@lists.example.org>, archive@example.org" "-c: To holds both recipients"
is "$(mhdr -d -h list-id "$f1")" "BPF Weekly Updates <bpf-updates.lists.example.org>" "-c: List-Id"
is "$(head -1 "$T/list.mbox")" "From bpf-news@example.org Fri Jun  2 15:00:53 2017" "-c: the envelope sender is the configured one"
run ir2mbox -c "$TD/mbox/mail.yaml" -f 'Ann <ann@example.org>' "$IR"
is "$(sed -n 2p "$T/out")" "From: Ann <ann@example.org>" "-f wins over the file's from"
is "$(head -1 "$T/out")" "From ann@example.org Fri Jun  2 15:00:53 2017" "-f: envelope sender"

# Usage and configuration errors.
run ir2mbox -h
is "$rc" 0 "-h: exit 0"
like "$(cat "$T/out")" '^usage: ir2mbox ' "-h: usage on stdout"
run ir2mbox --version
like "$(cat "$T/out")" '^ir2mbox \(quire\) ' "--version"
run ir2mbox -x "$IR"
is "$rc" 2 "unknown option: exit 2"
run ir2mbox -f nobody "$IR"
is "$rc" 2 "-f without an address: exit 2"
like "$(cat "$T/err")" "^ir2mbox: -f: 'nobody' is not an address" "-f: says what is wrong"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "-f error: nothing written"
run ir2mbox -f "$(printf 'A <a@b.example>\r\nBcc: x@y.example')" "$IR"
is "$rc" 2 "-f with CR LF: refused"
run ir2mbox -c "$TD/mbox/unknown-key.yaml" "$IR"
is "$rc" 1 "-c with an unknown key: exit 1"
is "$(cat "$T/err")" "ir2mbox: $TD/mbox/unknown-key.yaml:2: unknown key 'form'" "-c: names the unknown key and its line"
run ir2mbox -c "$TD/mbox/bad-to.yaml" "$IR"
is "$rc" 1 "-c with a bad 'to': exit 1"
like "$(cat "$T/err")" "bad-to.yaml: to: 'not an address' is not an address" "-c: says which key is wrong"
run ir2mbox -c "$T/missing.yaml" "$IR"
is "$rc" 1 "-c with a missing file: exit 1"

# Input forms: stdin, operands, '-', empty input.
run ir2mbox <"$IR"
same_file "$T/out" "$T/seeds.mbox" "stdin gives the same mbox"
head -1 "$IR" >"$T/a.ir"
tail -n +2 "$IR" >"$T/b.ir"
run ir2mbox "$T/a.ir" - <"$T/b.ir"
same_file "$T/out" "$T/seeds.mbox" "two operands, one of them '-', give the same mbox"
run ir2mbox </dev/null
is "$rc:$(wc -c <"$T/out" | tr -d ' ')" "0:0" "empty input: exit 0, empty mbox"

# -o replaces the file only on success.
run ir2mbox -o "$T/o.mbox" "$IR"
is "$rc:$(wc -c <"$T/out" | tr -d ' ')" "0:0" "-o: exit 0, nothing on stdout"
same_file "$T/o.mbox" "$T/seeds.mbox" "-o: the file holds the mbox"
run ir2mbox -o "$T/o.mbox" "$IR" "$TD/mbox/title-cr.ir"
is "$rc" 1 "-o with a bad record: exit 1"
same_file "$T/o.mbox" "$T/seeds.mbox" "-o: the old file is left as it was"
is "$(ls "$T" | grep -c '^\.o\.mbox')" 0 "-o: no temporary file left behind"

# A duplicate id stops the run.
run ir2mbox "$TD/mbox/dup.ir"
is "$rc" 1 "duplicate id: exit 1"
is "$(cat "$T/err")" "ir2mbox: $TD/mbox/dup.ir:2: duplicate id 'urn:x:1'" "duplicate id: file, line and id"

# A full disk is an error.
if [ -w /dev/full ]; then
	ir2mbox "$IR" >/dev/full 2>"$T/err"
	is "$?" 1 "write error: exit 1"
fi

done_testing
