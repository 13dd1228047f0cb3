#!/bin/sh
# common/htmlmask.c: the text runs kept out of libxml2's HTML parser
# must leave the tree as libxml2 makes it of the HTML itself.  "qtest
# htmlmask" parses each file both ways, with the parser options of
# md2ir, ir2epub and the mail's text part, and compares the trees: each
# comes out "same N" (N runs masked, equal trees), "none" (nothing
# masked), "fallback" (the masked tree refused, the HTML parsed as it
# is) or "DIFFERENT", which must never happen.
. "$(dirname "$0")/lib.sh"

# The first option set's verdict; any DIFFERENT shows in full.
mask() {
	printf '%s' "$1" >"$T/h.html"
	"$QTEST" htmlmask "$T/h.html" >"$T/h.out"
	if grep -q DIFFERENT "$T/h.out"; then cat "$T/h.out"; return; fi
	sed 's/^[^:]*: //; s/ \(same\|none\|fallback\).*//' "$T/h.out"
}
long="a run of plain words long enough to be masked"

# What a run is: long text between markup, its edges' white space kept.
is "$(mask "<p>$long</p>")" "same 1" "a paragraph's text is masked"
is "$(mask "<p>short</p>")" "none" "a short run is not"
is "$(mask "<p>  $long  </p><p> </p>")" "same 1" "white space at the edges stays"
is "$(mask "<p>$long &amp; $long</p>")" "same 2" "a character reference splits a run"
is "$(mask "<p>$long &amp$long &copy</p>")" "same 2" "'&' and the word after it are left to the parser"
is "$(mask "<p>$long < $long</p>")" "same 2" "a '<' that opens no markup splits a run"
is "$(mask "<!-- $long --><p>x</p>")" "none" "a comment is not text"
is "$(mask "<!-- never closed $long")" "none" "nor the rest after an open comment"
is "$(mask "<!-- a > b $long --><p>x</p>")" "none" "a comment ends at '-->', not at '>'"
is "$(mask "<a title=\"$long > $long\">x</a>")" "none" "a quoted '>' does not end a tag"
is "$(mask "<a title='$long > $long'>x</a>")" "none" "single quotes too"
is "$(mask "<p>$long $(printf '\357\267\220')</p>")" "none" "HTML holding a placeholder's bytes is not masked"
is "$(mask "<p>$long$(printf '\r')$long</p>")" "same 2" "CR splits a run"
is "$(mask "<p>caf$(printf '\303\251') $long $(printf '\342\200\224') done</p>")" "same 1" "UTF-8 text is in the run"
is "$(mask "<p>$long$(printf '\302\205')$long</p>")" "same 2" "a C1 control splits a run"
like "$(mask "<a title=x'y b='$long>$long'>z</a>")" "^(fallback|same|none)" "a quote the parser reads otherwise: never a different tree"

# Random documents from the pieces of HTML that matter to the parser.
python3 - "$T" <<'PY'
import random, sys
r = random.Random(15)
t = sys.argv[1]
words = ["lorem", "ipsum", "dolor", "caf\u00e9", "\u2014", "na\u00efve",
    "\u65e5\u672c\u8a9e", "x>y", "a'b", 'say "hi"', "1 < 2", "a&b", "&amp;",
    "&copy", "&#169;", "&#x2014;", "&bogus;", "&", "<", ">", "\t", "\n",
    "   ", "\r\n", "\u00a0", "\u0085", "\x7f", "\x01", "]]>", "{{x}}"]
tags = ["<p>", "</p>", "<div>", "</div>", "<pre>", "</pre>", "<code>",
    "</code>", "<em>", "</em>", "<a href='x y'>", "<a href=\"a>b\">",
    "<a title=x'y>", "</a>", "<br>", "<br/>", "<img src=x alt='a > b'>",
    "<script>", "</script>", "<style>", "</style>", "<textarea>",
    "</textarea>", "<title>", "</title>", "<table>", "<tr>", "<td>",
    "</td>", "</table>", "<ul>", "<li>", "</ul>", "<!-- c -->", "<!-->",
    "<!--", "-->", "<!DOCTYPE html>", "<?pi x?>", "<![CDATA[ x ]]>",
    "</ >", "<3", "< p>", "<p", "<head>", "<body>", "</body>", "<html>",
    "<plaintext>", "<xmp>", "</xmp>", "<h2 id=a>", "</h2>", "<span",
    "=\"", "'", "\""]
for i in range(600):
    parts = []
    for _ in range(r.randint(1, 40)):
        k = r.random()
        if k < 0.35:
            parts.append(r.choice(tags))
        elif k < 0.7:
            parts.append(" ".join(r.choice(words) for _ in range(r.randint(1, 12))))
        else:
            parts.append(" ".join(r.choice(words[:7]) for _ in range(r.randint(4, 20))))
    with open("%s/r%03d.html" % (t, i), "w", encoding="utf-8") as f:
        f.write("".join(parts))
PY
"$QTEST" htmlmask "$T"/r*.html >"$T/out"
! grep -q DIFFERENT "$T/out"
ok $? "600 random documents: no tree differs"
n=$(grep -c ': same' "$T/out")
m=$(grep -c 'same.*same.*same' "$T/out")
[ "$n" -ge 300 ] && [ "$m" -ge 300 ]
ok $? "most random documents are masked ($n of 600; $m with every option set)"
grep DIFFERENT -A 40 "$T/out" | head -60 >&2

done_testing
