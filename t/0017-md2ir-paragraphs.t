#!/bin/sh
# md2ir's pass before cmark-gfm keeps to CommonMark's blocks: a code
# span ends with its paragraph, so a backtick left open in one list item,
# quote or paragraph does not swallow the code of the next block (whose
# "<T>" was taken for an MDX component and lost); a code fence is code
# inside block quotes and list items too, and ends with its quote; an
# HTML comment is copied whole, nothing in it taken for MDX or a note.
# The right HTML is cmark-gfm's own.
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
is "$(html "$(printf '> ```rust\n> let v: Vec<Const>;\n> ```')")" \
    '<blockquote>\n<pre><code class="language-rust">let v: Vec&lt;Const&gt;;\n</code></pre>\n</blockquote>\n' \
    "a code fence inside a block quote is code"
is "$(cat "$T/err")" "" "and no note"
is "$(html "$(printf -- '- > ```\n  > <Foo>\n  > ```\n1. ```\n   x <T>\n   ```')")" \
    '<ul>\n<li>\n<blockquote>\n<pre><code>&lt;Foo&gt;\n</code></pre>\n</blockquote>\n</li>\n</ul>\n<ol>\n<li>\n<pre><code>x &lt;T&gt;\n</code></pre>\n</li>\n</ol>\n' \
    "a code fence that opens a list item is code"
is "$(html "$(printf '> ```\n> x\npara {/* c */} after')")" \
    '<blockquote>\n<pre><code>x\n</code></pre>\n</blockquote>\n<p>para  after</p>\n' \
    "a fence left open in a quote ends with the quote"
is "$(html "$(printf '1. a `b\n2. c `d<T>` e')")" \
    '<ol>\n<li>a `b</li>\n<li>c <code>d&lt;T&gt;</code> e</li>\n</ol>\n' \
    "the next ordered item, whatever its number, ends the paragraph"
is "$(html "$(printf 'a `b\n| x | y |\n|---|---|\n| `d<T>` | 2 |')")" \
    '<p>a `b</p>\n<table>\n<thead>\n<tr>\n<th>x</th>\n<th>y</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><code>d&lt;T&gt;</code></td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n' \
    "a table's header row ends the paragraph"
is "$(html "$(printf '> a `b\nc` and `Vec<T>` y')")" \
    '<blockquote>\n<p>a <code>b c</code> and <code>Vec&lt;T&gt;</code> y</p>\n</blockquote>\n' \
    "a lazy continuation line goes on with the quote's paragraph"
is "$(html "$(printf '> a `b\n> c` and `Vec<T>` y')")" \
    '<blockquote>\n<p>a <code>b c</code> and <code>Vec&lt;T&gt;</code> y</p>\n</blockquote>\n' \
    "and so does the next line of the quote"
is "$(html 'a <!-- <Foo> {/* x */} --> b')" '<p>a  b</p>\n' \
    "an HTML comment goes"
is "$(cat "$T/err")" "" "with no note for what it holds"
is "$(md "$(printf 'a\n<!-- use:\n* [<RFC>](<URL>)\n-->\nb')")" \
    'a\n<!-- use:\n* [<RFC>](<URL>)\n-->\nb\n' \
    "and its text is kept as written in the Markdown field"
is "$(html "$(printf 'a <!-- b <Foo> c')")" '<p>a &lt;!-- b  c</p>\n' \
    "an unclosed comment is text"

done_testing
