#!/bin/sh
# md2ir's pass before cmark-gfm keeps to CommonMark's blocks: a code
# span ends with its paragraph, so a backtick left open in one list item,
# quote or paragraph does not swallow the code of the next block (whose
# "<T>" was taken for an MDX component and lost); an HTML comment is
# copied whole, nothing in it taken for MDX or a note.  The right HTML
# is cmark-gfm's own.
. "$(dirname "$0")/lib.sh"

# html BODY: the html field (15) of md2ir -v on a post with that body;
# its messages in $T/err.
html() {
	printf -- '---\ntitle: t\ndate: 2020-01-01\n---\n%s\n' "$1" >"$T/p.md"
	md2ir -v "$T/p.md" 2>"$T/err" | awk -F '\t' '{ print $15 }'
}
# md BODY: the markdown field (16), the source as the pass wrote it.
md() {
	printf -- '---\ntitle: t\ndate: 2020-01-01\n---\n%s\n' "$1" >"$T/p.md"
	md2ir -v "$T/p.md" 2>"$T/err" | awk -F '\t' '{ print $16 }'
}

is "$(html "$(printf '* a `b and c\n  d\n* e `Option<Vec<T>>` f')")" \
    '<ul>\n<li>a `b and c\nd</li>\n<li>e <code>Option&lt;Vec&lt;T&gt;&gt;</code> f</li>\n</ul>\n' \
    "a backtick open in one list item: the next item's code span is whole"
is "$(cat "$T/err")" "" "and no note"
is "$(html "$(printf 'a `b c\n> q `Vec<T>` y')")" \
    '<p>a `b c</p>\n<blockquote>\n<p>q <code>Vec&lt;T&gt;</code> y</p>\n</blockquote>\n' \
    "a block quote ends the paragraph"
is "$(html "$(printf 'a `b c\n```\nx\n```\nz `Vec<T>` y')")" \
    '<p>a `b c</p>\n<pre><code>x\n</code></pre>\n<p>z <code>Vec&lt;T&gt;</code> y</p>\n' \
    "a code fence ends the paragraph"
is "$(html "$(printf 'a `b c\n1. x `Vec<T>` y')")" \
    '<p>a `b c</p>\n<ol>\n<li>x <code>Vec&lt;T&gt;</code> y</li>\n</ol>\n' \
    "an ordered item (1.) ends the paragraph"
is "$(html "$(printf 'a `b c\nd\n---\nz `Vec<T>` y')")" \
    '<h2 id="a-b-c-d">a `b c\nd</h2>\n<p>z <code>Vec&lt;T&gt;</code> y</p>\n' \
    "a setext underline ends the paragraph"
is "$(html "$(printf 'a `b\nc` and `Vec<T>` y')")" \
    '<p>a <code>b c</code> and <code>Vec&lt;T&gt;</code> y</p>\n' \
    "a code span over two lines of one paragraph is still one span"
is "$(html 'a <!-- <Foo> {/* x */} --> b')" '<p>a  b</p>\n' \
    "an HTML comment goes"
is "$(cat "$T/err")" "" "with no note for what it holds"
is "$(md "$(printf 'a\n<!-- use:\n* [<RFC>](<URL>)\n-->\nb')")" \
    'a\n<!-- use:\n* [<RFC>](<URL>)\n-->\nb\n' \
    "and its text is kept as written in the Markdown field"
is "$(html "$(printf 'a <!-- b <Foo> c')")" '<p>a &lt;!-- b  c</p>\n' \
    "an unclosed comment is text"

done_testing
