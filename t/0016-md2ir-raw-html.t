#!/bin/sh
# Raw HTML that md2ir writes without its HTML parser (comments, "<br>",
# plain phrasing elements) comes out as the parser would write it; what
# is not that plain still goes through the parser.  HTML written as JSX
# (MDX) becomes HTML.
. "$(dirname "$0")/lib.sh"

# html BODY: the html field (15) of md2ir on a post with that body.
html() {
	printf -- '---\ntitle: t\ndate: 2020-01-01\n---\n%s\n' "$1" >"$T/p.md"
	md2ir -q "$T/p.md" | awk -F '\t' '{ print $15 }'
}

is "$(html 'a <!-- note --> b')" '<p>a  b</p>\n' "an inline comment goes"
is "$(html "$(printf 'a\n\n<!-- more -->\n\nb')")" '<p>a</p>\n\n<p>b</p>\n' \
    "a comment block goes, its line break stays"
is "$(html "$(printf '<!-- one -->\n<!-- two -->\n\nb')")" '<p>b</p>\n' \
    "comments before the first block: no white space is left"
is "$(html "$(printf '<!-- a -->\n\n<!-- b -->\n\nb')")" '<p>b</p>\n' \
    "two comment blocks first"
is "$(html 'a<br>b<br/>c<br />d')" '<p>a<br />b<br />c<br />d</p>\n' \
    "every form of <br> is written <br />"
is "$(html 'a <small>(x)</small> and <sup>2</sup>')" \
    '<p>a <small>(x)</small> and <sup>2</sup></p>\n' \
    "closed phrasing elements stay as they are"
is "$(html 'a <small>b *c* d</small> e')" \
    '<p>a <small>b <em>c</em> d</small> e</p>\n' \
    "Markdown inside a phrasing element"
# Not plain: the parser closes, lower-cases, resolves or removes.
is "$(html 'a <small>b')" '<p>a <small>b</small></p>\n' \
    "an element left open is closed by the parser"
is "$(html '*a <small>b* c</small>')" \
    '<p><em>a <small>b</small></em> c</p>\n' \
    "elements across Markdown emphasis go through the parser"
is "$(html 'a <small class="x">b</small>')" \
    '<p>a <small class="x">b</small></p>\n' "attributes go through the parser"
is "$(html 'a <small >b</small>')" '<p>a <small>b</small></p>\n' \
    "other spellings go through the parser"
is "$(html 'a <!-- x --> <script>alert(1)</script> b')" '<p>a   b</p>\n' \
    "a comment beside a script: the script goes with its content"
is "$(html 'x<!-->y')" '<p>x&lt;!--&gt;y</p>\n' "'<!-->' is text, no comment"

# JSX attributes: literals kept, React's names made HTML's, expressions
# removed with a note naming file and line; the tag never shows as text.
is "$(html '<div className="note" style={{color: "red", margin: 0}}>

x

</div>')" '<div class="note">\n<p>x</p>\n</div>\n' \
    "style={{...}} goes, className becomes class"
like "$(md2ir -v "$T/p.md" 2>&1 >/dev/null)" \
    "p.md:5: JSX expression attribute 'style' of <div> removed" \
    "the removed expression is noted with its line"
is "$(md2ir "$T/p.md" 2>&1 >/dev/null)" \
    "md2ir: 1 construct removed or replaced (1 JSX attribute); -v lists them" \
    "by default, one summary line counts it as a JSX attribute"
is "$(html 'An <img src="a.png" width={400} alt={"A b"} hidden={true} /> here')" \
    '<p>An <img src="a.png" width="400" alt="A b" hidden /> here</p>\n' \
    "literal expressions become values"
is "$(html 'Text <span style={{a: 1}} onClick={() => go()}>in</span> line.')" \
    '<p>Text <span>in</span> line.</p>\n' \
    "an inline tag with expressions is HTML, not escaped text"
is "$(html '<a href={url}>link</a> and `<b x={1}>`')" \
    '<p><a>link</a> and <code>&lt;b x={1}&gt;</code></p>\n' \
    "an expression URL goes; code spans are left alone"

# Around raw HTML, the blocks without any pass the parser as one
# placeholder each; where the parser would not have read such a block
# where the placeholder stands, the HTML is parsed whole.
is "$(html "$(printf 'First.\n\n<details>\n<summary>More</summary>\n\nHidden *text* [link](https://e.org/x).\n\n1. one\n2. two\n\n</details>\n\nAfter.')")" \
    '<p>First.</p>\n<details>\n<summary>More</summary>\n<p>Hidden <em>text</em> <a href="https://e.org/x">link</a>.</p>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n</details>\n<p>After.</p>\n' \
    "blocks inside <details> come out as cmark-gfm wrote them"
is "$(html "$(printf 'First.\n\n<div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n\n```\ncode\n```\n\n---\n\n</div>')")" \
    '<p>First.</p>\n<div>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n<ul>\n<li><input type="checkbox" disabled="" /> task</li>\n</ul>\n<pre><code>code\n</code></pre>\n<hr />\n</div>\n' \
    "a table, a task list, code and a rule inside a <div>"
is "$(html "$(printf 'First.\n\n<p>open\n\n- item *one*\n- two\n\nAfter.')")" \
    '<p>First.</p>\n<p>open\n</p><ul>\n<li>item <em>one</em></li>\n<li>two</li>\n</ul>\n<p>After.</p>\n' \
    "a <p> left open: the list after it closes it, as the parser reads it"
is "$(html "$(printf 'First.\n\n<div title="open\n\nInside *quotes*.\n\nmore " class=x>\n\nAfter.')")" \
    '<p>First.</p>\n<div title="open\n&lt;p&gt;Inside &lt;em&gt;quotes&lt;/em&gt;.&lt;/p&gt;\n&lt;p&gt;more &quot; class=x&gt;&lt;/p&gt;\n&lt;p&gt;After.&lt;/p&gt;\n"></div>' \
    "blocks inside an attribute left open stay its text"
is "$(html "$(printf 'First.\n\n<div>raw</div>\n\nA \357\267\222 and &#xFDD3; here.\n\nAfter.')")" \
    "$(printf '<p>First.</p>\\n<div>raw</div>\\n<p>A \357\267\222 and \357\267\223 here.</p>\\n<p>After.</p>\\n')" \
    "U+FDD2 and U+FDD3 in the text stay text"

is "$(html "$(printf 'First.\n\n<table><tr><td>\n\nCell *text*.\n\n- a\n- b\n\n</td></tr></table>\n\n<ul><li>\n\n> quote\n\n</li></ul>\n\nAfter.')")" \
    '<p>First.</p>\n<table><tr><td>\n<p>Cell <em>text</em>.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</td></tr></table>\n<ul><li>\n<blockquote>\n<p>quote</p>\n</blockquote>\n</li></ul>\n<p>After.</p>\n' \
    "blocks in a raw table's cell and a raw list's item"
is "$(html "$(printf '<div>x</div>\n\n[<http://a.b/>](/x) and [foo <x@y.com>](/y)')")" \
    '<div>x</div>\n<p><a href="/x"></a><a href="http://a.b/">http://a.b/</a> and <a href="/y">foo </a><a href="mailto:x@y.com">x@y.com</a></p>\n' \
    "an autolink in a link's text: the parser takes the <a> in an <a> apart"
is "$(html "$(printf 'First.\n\n<div>x</div>\n\n[a](&#32;http://x) [b](<ht\ttp://y>) ![c&#xFFFE;](i.png)')")" \
    "$(printf '<p>First.</p>\\n<div>x</div>\\n<p><a href="">a</a> <a href="">b</a> <img src="i.png" alt="c\303\276" /></p>\\n')" \
    "URLs cmark-gfm escapes and U+FFFE in an attribute: as the parser reads them"
is "$(html "$(printf '<h2><div>\n\nP')")" \
    '<h2 id="p"><div>\n<p>P</p>\n</div></h2>' \
    "a block inside a heading left open: the id is made of its text"
is "$(html "$(printf '<h2><div>\n\nP {#myid}')")" \
    '<h2 id="p-myid"><div>\n<p>P {#myid}</p>\n</div></h2>' \
    "and the heading's {#id} too"
is "$(html "$(printf '<div a="\n\nP\n\n<div ">&#xFDD2;0&#xFDD3;')")" \
    "$(printf '<div a="\\n&lt;p&gt;P&lt;/p&gt;\\n&lt;div ">\357\267\2220\357\267\223\\n</div>')" \
    "character references to U+FDD2 and U+FDD3 in raw HTML stay text"
# URL attributes lose the blanks around them, as browsers read them.
printf -- '---\ntitle: t\ndate: 2020-01-01\n---\n<a href=" https://e.org/x ">a</a> <img src="\n/i.png " alt="b"> <a href="  ">c</a>\n' >"$T/u.md"
is "$(md2ir -q -b https://e.org/c/ "$T/u.md" | awk -F '\t' '{ print $15 }')" \
    '<p><a href="https://e.org/x">a</a> <img src="https://e.org/i.png" alt="b" /> <a href="">c</a></p>\n' \
    "blanks around a URL in raw HTML go before it is resolved"
md2ir -q -b https://e.org/c/ "$T/u.md" | ir2atom -t t >"$T/u.atom"
like "$(cat "$T/u.atom")" 'href=&quot;https://e.org/x&quot;' "and in the feeds"

done_testing
