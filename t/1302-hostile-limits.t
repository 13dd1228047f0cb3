#!/bin/sh
# Linear time and nothing lost (issue 13, cases 10, 11, 13, 14, 16, 17,
# 24, 35): what the limits refuse, with a message naming the limit, and
# what they let through, at sizes small enough for the suite.  The full
# sizes, with their time and memory, are rows of scripts/stress.
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
fm() { printf -- '---\ntitle: %s\ndate: 2020-01-01\n---\n' "$1"; }

# 10: many tags, each once, in every output.
{ printf -- '---\ntitle: many tags\ndate: 2020-01-01\ntags: "'
  i=0; while [ $i -lt 3000 ]; do printf 't%d,t%d,' $i $i; i=$((i + 1)); done
  printf '"\n---\nbody\n'; } > tags.md
md2ir -b https://example.org tags.md > tags.ir
is "$(ir2atom tags.ir | grep -c '<category ')" 3000 "10: ir2atom: 3,000 distinct tags of 6,000, each once"
is "$(ir2rss tags.ir | grep -c '<category>')" 3000 "10: ir2rss: each once"
is "$(ir2mbox tags.ir | sed -n '/^Keywords:/,/^[A-Z]/p' | tr ',' '\n' | grep -c 't[0-9]')" 3000 "10: ir2mbox: each once in Keywords"

# 11: duplicate ids get -2, -3, ... in order.
{ fm "dup ids"; echo; i=0; while [ $i -lt 2000 ]; do echo '<p id="a">x</p>'; i=$((i + 1)); done
  echo '<p id="a-5">y</p>'; } > dup.md
md2ir dup.md > dup.ir
ir2epub -t T -o dup.epub dup.ir
unzip -p dup.epub 'EPUB/issue-*' > dup.xhtml
is "$(grep -o 'id="a[-0-9]*"' dup.xhtml | sort | uniq -d | wc -l)" 0 "11: 2,001 ids, all unique"
is "$(grep -c 'id="a-2000"' dup.xhtml):$(grep -c 'id="a-5-2"' dup.xhtml)" "1:1" "11: the 2,000th 'a' is a-2000, and a later 'a-5' is a-5-2"

# 16: many headings get slug ids (a, a-1, a-2, ...), unique.
{ fm "headings"; i=0; while [ $i -lt 5000 ]; do echo '# a'; i=$((i + 1)); done; } > h.md
md2ir h.md > h.ir
ir2epub -t T -o h.epub h.ir
is "$(unzip -p h.epub 'EPUB/issue-*' | grep -o '<h1 id="a[-0-9]*"' | sort -u | wc -l)" 5000 "16: 5,000 headings, 5,000 ids"

# 13: cmark-gfm's quadratic paths are refused before the call.
{ fm pi; "$PY" -c "print('a <?' * 100000)"; } > pi.md
run md2ir pi.md
is "$rc" 1 "13: 100,000 unclosed '<?': refused"
like "$(cat "$T/err")" "pi.md:5: 100000 '<\\?' without a closing '\\?>' make cmark-gfm scan [0-9]* bytes; the limit is 200000000" \
    "13: the message names the limit"
{ fm cdata; "$PY" -c "print('a <![CDATA[' * 50000)"; } > cdata.md
run md2ir cdata.md
like "$rc:$(cat "$T/err")" "^1:.*50000 '<!\\[CDATA\\[' without a closing" "13: 50,000 unclosed '<![CDATA[': refused"
{ fm pipes; printf '|a|\n|-|\n'; "$PY" -c "print(('|' * 4000 + '\n') * 400)"; } > pipes.md
run md2ir pipes.md
like "$rc:$(cat "$T/err")" "^1:.*pipes.md:7: a table row with 4000 '\\|'; the limit is 1000" "13: a table row of 4,000 '|': refused"
{ fm closed; "$PY" -c "print('a <?x?> ' * 20000 + '<? ?>')"; printf '\n'; } > closed.md
run md2ir closed.md
is "$rc" 0 "13: closed '<?...?>' pass"
{ fm many; printf '|a|b|\n|-|-|\n'; "$PY" -c "print('|x|y|\n' * 20000)"; } > rows.md
run md2ir rows.md
is "$rc" 0 "13: a table of 20,000 small rows passes"

# cmark-gfm 0.29.0.gfm.6's quadratic memory: a table header tried on
# every line, a reference whose title is copied at every use.  md2ir
# stops it at its allocation budget (md2ir(1), LIMITS), long before
# memory runs out (the reference case made it abort at 76 KB: cmark-gfm
# asked for a buffer over 1 GiB), and goes on with the next file.
{ fm tablehead; "$PY" -c "print('|-\nt>|-\n' * 5000 + 'y')"; } > th.md
{ fm refs; "$PY" -c "print('[f]:u\n\"\n' + '[f]\n' * 19000 + '[f]:u \"t')"; } > refs.md
fm fine > fine.md
echo body >> fine.md
run md2ir th.md refs.md fine.md
like "$rc:$(cat "$T/err")" "^1:md2ir: th.md:5: cmark-gfm would allocate more than 172 MB for this Markdown.*
md2ir: refs.md:5: cmark-gfm would allocate more than 312 MB" \
    "cmark-gfm's quadratic memory: refused at the budget"
is "$(cut -f3 "$T/out")" fine "and the next file converted"
# Block quotes and list items opened on one line, each a level deeper:
# cmark-gfm walks up through all of them for every node below.
{ fm deep; "$PY" -c "print('>' * 20000 + '.' * 20000)"; } > deepq.md
{ fm deep; "$PY" -c "print(' -' * 10000 + 'x' + '\n' * 10000)"; } > deepl.md
{ fm deep; "$PY" -c "print('> ' * 100 + 'x')"; echo; echo '- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -'; } > deepok.md
run md2ir deepq.md deepl.md deepok.md
like "$rc:$(cat "$T/err")" "^1:md2ir: deepq.md:5: a line opens 20000 block quotes and list items, one in another; .*; the limit is 100 .*
md2ir: deepl.md:5: a line opens 10000 " \
    "20,000 nested quotes, 10,000 nested lists on one line: refused"
is "$(wc -l < "$T/out" | tr -d ' '):$(cut -f15 "$T/out" | grep -o '<blockquote>' | wc -l | tr -d ' '):$(cut -f15 "$T/out" | grep -c '<hr />')" "1:100:1" \
    "100 nested quotes pass, and a thematic break of 120 '- '"

# Autolinks: cmark-gfm scans from each "www." to the next blank, and
# again for every ')' there: "z_www." x n and "www." then n ')' take it
# time growing with the square of n (4.9 s and 11 s at 72 and 160 KB).
{ fm zw; "$PY" -c "print('z_www.' * 12000)"; } > zw.md
{ fm par; "$PY" -c "print('www.' + ')' * 80000)"; } > par.md
{ fm urls; "$PY" -c "print('see www.example.org/a_(b) and https://example.org/x?y=1 ' * 2000)"; } > urls.md
run md2ir zw.md par.md urls.md
like "$rc:$(cat "$T/err")" "^1:md2ir: zw.md:5: 12000 'www.' and '://' make cmark-gfm's autolinks scan about 432012000 bytes; the limit is 50000000 .*
md2ir: par.md:5: 1 'www.' and '://' make cmark-gfm's autolinks scan about 6400" \
    "autolinks: 12,000 'z_www.', and 'www.' with 80,000 ')': refused"
is "$(cut -f15 "$T/out" | grep -o '<a href' | wc -l | tr -d ' ')" 4000 \
    "4,000 links of ordinary text pass, each an autolink"
# Many candidates in one stretch, each with the ')' after it: the
# estimate is the sum over k = 1..5000 of 5k * (1 + k).
{ fm wp; "$PY" -c "print('www.)' * 5000)"; } > wp.md
run md2ir wp.md
like "$rc:$(cat "$T/err")" "^1:md2ir: wp.md:5: 5000 'www.' and '://' make cmark-gfm's autolinks scan about 208458350000 bytes" \
    "autolinks: 5,000 'www.)' in one stretch: the ')' after each counted"

# A post with raw HTML whose text holds U+FDD2 (which md2ir's HTML
# pass marks blocks with) is rendered once, within the same budget:
# a reference used 1,400 times, its title 2,800 bytes, is 23.5 MB of
# HTML from 8 KB.
{ fm fdd; "$PY" -c "import sys; sys.stdout.write('<div>x</div>\n\n\ufdd2 text\n\n' + '[a] ' * 1400 + '\n\n[a]: </u> \'' + '\"' * 2800 + \"'\n\")"; } > fdd.md
run md2ir fdd.md
is "$rc:$(cat "$T/err"):$(wc -c < "$T/out" | tr -d ' ')" "0::23567788" \
    "U+FDD2 in the text of a raw-HTML post: one render, within the budget"

# A raw-HTML post at the budget's edge (a table of 350 columns padded
# row after row, 343 rows pass and 344 do not) with 100 runs of blocks
# that the HTML pass keeps from the parser: marking them costs the
# budget nothing.
edge() { { fm edge; "$PY" -c "import sys; sys.stdout.write('<div>x</div>\n\npara\n\n<div>y</div>\n\n|' + '|'.join(['a'] * 350) + '|\n|' + '|'.join(['-'] * 350) + '|\n' + 'x\n' * $1 + '\n<div>z</div>\n\n' + 'p\n\n<i>\n\n' * 100)"; } > edge.md; }
edge 343
run md2ir edge.md
is "$rc:$(cat "$T/err")" "0:" "a raw-HTML post just within the budget converts"
edge 344
run md2ir edge.md
like "$rc:$(cat "$T/err")" "^1:md2ir: edge.md:5: cmark-gfm would allocate more than 27 MB" \
    "and one row more is refused"

# 14: a table whose padding would multiply its size is refused.
{ fm wide; "$PY" -c "print('|' + 'a|' * 2000 + '\n|' + '-|' * 2000 + '\n' + '|b|\n' * 1000)"; } > wide.md
run md2ir wide.md
like "$rc:$(cat "$T/err")" "^1:.*wide.md:5: a table row with 2001 '\\|'; the limit is 1000" "14: 2,000 columns: refused"
{ fm tall; "$PY" -c "print('|' + 'a|' * 900 + '\n|' + '-|' * 900 + '\n' + '|b|\n' * 1000)"; } > tall.md
run md2ir tall.md
like "$rc:$(cat "$T/err")" "^1:.*a table of 900 columns and 556 or more rows would be padded past 500000 cells" \
    "14: 900 columns by 1,000 rows: refused before padding"
is "$(wc -c < "$T/out")" 0 "14: and nothing written"

# 35: a file is checked as it is read: /dev/zero stops at once.
run md2ir /dev/zero
is "$rc:$(cat "$T/err")" "1:md2ir: /dev/zero:1: NUL byte" "35: md2ir /dev/zero: NUL byte, at once"
head -c 40000000 /dev/zero | tr '\0' a > huge.md
run md2ir huge.md
is "$rc:$(cat "$T/err")" "1:md2ir: huge.md: larger than 32 MiB, the limit for one input file" "35: past 32 MiB: refused"
rm -f huge.md

# libxml2's HTML parser: attributes per element.
{ printf '2020-01-01T00:00:00Z\turn:x:1\tT\t\t\t\t\t\t\t\t\t\t\t\t<p '
  "$PY" -c "print(' '.join('a%d=1' % i for i in range(1500)), end='')"; printf '>x</p>\n'; } > attrs.ir
run ir2epub -t T attrs.ir
like "$rc:$(cat "$T/err")" "^1:ir2epub: attrs.ir:1: an element with 1500 attributes; the limit is 1000" "ir2epub: 1,500 attributes: refused"

# 17: the EPUB cleaner never drops text: every word of the IR's HTML is
# in its chapter, in order.
md2ir "$TD/hostile/unclosed.md" "$TD"/seeds/*.md "$TD"/epub/posts/*.md > text.ir 2>/dev/null
cat "$TD/epub/raw.ir" >> text.ir
ir2epub -t T -o text.epub text.ir 2>/dev/null
"$PY" - text.ir text.epub > lost <<'PY'
import html.parser, re, sys, uuid, zipfile
class Text(html.parser.HTMLParser):
    # Text a reader reads: not in script, style, head, title, textarea
    # (form controls go), nor the chapter's own header.
    SKIP = {'script', 'style', 'head', 'title', 'textarea', 'header', 'math', 'svg', 'iframe', 'object', 'button'}
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self.skip = [], []
    def handle_starttag(self, tag, a):
        if tag in self.SKIP:
            self.skip.append(tag)
    def handle_endtag(self, tag):
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
    def handle_data(self, d):
        if not self.skip:
            self.words += re.findall(r'\w+', d)
def words(h):
    t = Text(); t.feed(h); t.close(); return t.words
z = zipfile.ZipFile(sys.argv[2])
ns = uuid.UUID('6ba7b811-9dad-11d1-80b4-00c04fd430c8')
bad = 0
for line in open(sys.argv[1], encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    src = f[14].replace('\\n', '\n').replace('\\t', '\t').replace('\\\\', '\\')
    name = 'EPUB/issue-%s.xhtml' % uuid.uuid5(ns, f[1])
    got = ''.join(words(z.read(name).decode()))
    want = words(src)
    # Each word of the IR in the chapter, in order (the chapter may add,
    # and may join the text of elements it unwrapped).
    i = 0
    for w in want:
        k = got.find(w, i)
        if k < 0:
            print('%s: lost from %r on' % (f[2], w)); bad += 1; break
        i = k + len(w)
print('chapters: %d' % len(z.namelist()))
sys.exit(bad != 0)
PY
is "$?:$(grep -v '^chapters' lost)" "0:" "17: every chapter keeps every word of its HTML, in order"
like "$(cat lost)" "chapters: [0-9]" "17: the chapters were compared"

done_testing
