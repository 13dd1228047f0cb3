#!/bin/sh
# ir2mbox: what a reader sees in a terminal client and in an HTML one
# (testdata/readers, from the cases of issue 14): a text part rendered
# from the body, links absolute and numbered, no raw HTML, a "Read
# online" line, a link post's link first; dir on right-to-left HTML.
. "$(dirname "$0")/lib.sh"

R=$TD/readers
md2ir -b https://example.org "$R/19-footnote-link-in-feed.md" \
    "$R/20-rtl-hebrew.md" "$R/09-heading-footnote-link.md" >"$T/m.ir"
ok $? "md2ir converts the cases"
printf '2024-01-01T00:00:00Z\thttps://example.org/l/\tA link\thttps://example.org/l/\thttps://www.example.net/a b\t\t\t\t\t\t\t\t-\t{}\t<p>See <a href="/more/">more</a> and <a href="#x">here</a>.</p>\\n<div>&lt;script type="text/javascript" src="x.js">alert(1)&lt;/script></div>\\n<script>alert(2)</script><style>p{}</style>\\n<p><img src="pic.png" alt="A pic"></p>\t\n' >>"$T/m.ir"
run ir2mbox -o "$T/m.mbox" "$T/m.ir"
is "$rc:$(cat "$T/err")" "0:" "ir2mbox: exit 0, quiet"
run "$PY" "$TOP/t/mboxcheck.py" "$T/m.mbox" "$T/m.ir"
is "$(cat "$T/out")" "messages 4" "Python reads 4 messages without a defect"

part() {
	"$PY" - "$T/m.mbox" "$1" "$2" <<'PY'
import email, email.policy, mailbox, sys
m = list(mailbox.mbox(sys.argv[1], factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default)))[int(sys.argv[2]) - 1]
p = next(p for p in m.walk() if p.get_content_type() == sys.argv[3])
sys.stdout.write(p.get_content())
PY
}

is "$(part 1 text/plain)" "The crawler honours the robots file[^1] and waits between requests.[^2]

[^1]: Checked once a day.

[^2]: Two seconds by default.

-- 
Read online: https://example.org/19-footnote-link-in-feed/" \
    "case 19: footnotes as a reader of plain text expects them, the permalink last"
like "$(part 2 text/html)" '^<!DOCTYPE html>
<html lang="he" dir="rtl">' "case 20: the HTML part of a Hebrew issue is dir=rtl"
like "$(part 3 text/html)" '<html dir="auto">' "an issue without a language: dir=auto"
is "$(part 3 text/plain | sed -n '1,3p')" "## First chapter[^1]

Some words about the first book." "case 09: headings marked as in Markdown"
like "$(part 3 text/plain)" '## The second \[1\] book' "a link is numbered"
like "$(part 3 text/plain)" '\[1\] https://example.org/books/second' "and listed at the end"
t4=$(part 4 text/plain)
is "$(printf '%s\n' "$t4" | head -1)" "Link: https://www.example.net/a%20b" "a link post's link comes first, as a URI"
like "$t4" 'See more \[1\] and here\.' "a link into the page gets no number"
like "$t4" '\[1\] https://example.org/more/' "a root-relative link is made absolute"
like "$t4" '\[A pic\] \[2\]' "an image is its alt text"
like "$t4" '\[2\] https://example.org/l/pic.png' "and its absolute URL"
is "$(printf '%s\n' "$t4" | grep -c 'alert\|script\|p{}')" 0 "no script or style, raw or tag-filtered"
like "$(part 4 text/html)" 'href="https://example.org/more/"' "the HTML part's links are absolute"
like "$(part 4 text/html)" 'href="#x"' "a fragment stays a fragment"

# mblaze shows the same text.
mmkdir "$T/md"
mdeliver -M -v "$T/md" <"$T/m.mbox" >"$T/files"
mshow -O "$(sed -n 4p "$T/files")" 2 >"$T/got"
part 4 text/plain >"$T/exp"
same_file "$T/got" "$T/exp" "mblaze decodes the text part as Python does"

done_testing
