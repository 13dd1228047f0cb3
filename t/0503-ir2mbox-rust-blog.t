#!/bin/sh
# ir2mbox on the whole Rust blog (585 posts): Python's mailbox and email
# read every message back without a defect and equal to the IR; mblaze
# imports as many messages, with the same subjects and distinct
# Message-IDs.
. "$(dirname "$0")/lib.sh"

[ -d "$TOP/../shared/corpus/rust-blog" ] ||
    skip_all "../shared/corpus/rust-blog is absent (a lone clone)"
cd "$TOP/../shared/corpus/rust-blog" || exit 1
md2ir -b https://blog.rust-lang.org [0-9]*.md inside-rust/[0-9]* >"$T/rb.ir" 2>"$T/err"
is "$?" 0 "md2ir converts the Rust blog"
n=$(wc -l <"$T/rb.ir" | tr -d ' ')
is "$n" 585 "585 issues"

run ir2mbox -o "$T/rb.mbox" "$T/rb.ir"
is "$rc" 0 "ir2mbox: exit 0"
is "$(cat "$T/err")" "" "ir2mbox: quiet"
run "$PY" "$TOP/t/mboxcheck.py" "$T/rb.mbox" "$T/rb.ir"
sed 's/^/# /' "$T/out" | grep -v '^# messages' | head -20
is "$(cat "$T/out")" "messages $n" "Python: $n messages, zero defects, Subject, Date, Message-ID, text and HTML equal the IR"

rm -rf "$T/md"
mmkdir "$T/md"
mdeliver -M -v "$T/md" <"$T/rb.mbox" >"$T/files"
is "$(mlist "$T/md" | wc -l | tr -d ' ')" "$n" "mblaze: mdeliver -M imports $n messages"
xargs mhdr -d -h subject <"$T/files" >"$T/subjects"
cut -f3 "$T/rb.ir" >"$T/titles"
same_file "$T/subjects" "$T/titles" "mblaze: every subject decodes to the IR title"
is "$(xargs mhdr -h message-id <"$T/files" | sort -u | wc -l | tr -d ' ')" "$n" \
    "mblaze: $n distinct Message-IDs"
is "$(xargs maddr -a -h from <"$T/files" | grep -c '^[^ @]*@[^ @]*$')" "$n" \
    "mblaze: every message has one From address"

run ir2mbox -t "$T/rb.ir"
rm -rf "$T/md"
mmkdir "$T/md"
mdeliver -M "$T/md" <"$T/out"
is "$(mlist "$T/md" | wc -l | tr -d ' ')" "$n" "-t: mblaze imports $n plain messages"

TZ=Australia/Eucla LC_ALL=C ir2mbox "$T/rb.ir" >"$T/again.mbox"
same_file "$T/again.mbox" "$T/rb.mbox" "the whole blog: byte-identical under another TZ and LC_ALL"

done_testing
