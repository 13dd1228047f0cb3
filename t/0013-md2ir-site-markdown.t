#!/bin/sh
# Site Markdown (md2ir(1), SITE MARKDOWN): shortcodes, Liquid, MDX,
# containers, summary markers, raw HTML and heading ids, each with its
# right value in every output (IR, Atom, RSS, EPUB chapter, mail HTML
# and text parts), and its notes.  testdata/sitemd/ holds the cases of
# ../shared/cases/sites/ (10, 11, 13, 14, 15, 18, 21) and our own.
. "$(dirname "$0")/lib.sh"

cd "$TD/.." || exit 1
S=testdata/sitemd
field() { awk -F '\t' -v k="$1" '{ print $k }' "${2:-$T/out}"; }

run md2ir -b https://example.org -e '<!-- excerpt -->' $S/*.md $S/*.mdx
is "$rc" 0 "every case converts"
cp "$T/out" "$T/all.ir"
is "$(cat "$T/err")" "md2ir: 3 links to posts not here (2 Liquid links, 1 ref shortcode); 10 constructs removed or replaced (2 MDX imports and exports, 2 MDX components, 1 raw <style>, 1 raw <iframe>, 1 raw <script>, 1 shortcode, 1 Liquid tag, 1 MDX comment); -v lists them" \
    "by default one line sums the notes up by kind"
run md2ir -v -b https://example.org -e '<!-- excerpt -->' $S/*.md $S/*.mdx
same_file "$T/out" "$T/all.ir" "-v changes nothing else"
cp "$T/err" "$T/notes"
cat > "$T/want-notes" <<EOF
md2ir: $S/10-hugo-shortcodes.md:15: shortcode 'ref': no post '/community/code-of-conduct' here: linked as https://example.org/code-of-conduct/
md2ir: $S/11-liquid-tags.md:13: Liquid 'link': no post '_posts/2014-03-20-version-1-5-0.md' here: linked as https://example.org/2014/03/20/version-1-5-0.html
md2ir: $S/11-liquid-tags.md:16: Liquid 'post_url': no post '2013-05-06-version-1-0-0' here: linked as https://example.org/2013/05/06/version-1-0-0.html
md2ir: $S/15-tagfilter-iframe-style.md:6: raw <style> removed with its content
md2ir: $S/15-tagfilter-iframe-style.md:13: raw <iframe> replaced by a link to its source
md2ir: $S/15-tagfilter-iframe-style.md:17: raw <script> removed with its content
md2ir: $S/34-shortcodes-more.md:21: shortcode 'imgproc' is not known: removed, its content kept
md2ir: $S/34-shortcodes-more.md:25: Liquid tag 'include' is not expanded: removed
md2ir: $S/30-mdx-post.mdx:6: MDX import removed
md2ir: $S/30-mdx-post.mdx:9: MDX export removed
md2ir: $S/30-mdx-post.mdx:13: MDX comment removed
md2ir: $S/30-mdx-post.mdx:15: MDX component 'Box' unwrapped, its content kept
md2ir: $S/30-mdx-post.mdx:28: MDX component 'Chart' removed
EOF
same_file "$T/notes" "$T/want-notes" "-v: one note per construct removed or not expanded, and per link to a post not here, with file and line"
run md2ir -q -b https://example.org -e '<!-- excerpt -->' $S/*.md $S/*.mdx
is "$rc:$(cat "$T/err")" "0:" "-q silences the notes"
same_file "$T/out" "$T/all.ir" "-q changes nothing else"
run md2ir -q $S/10-hugo-shortcodes.md $S/nonexistent.md
like "$rc:$(cat "$T/err")" "^1:md2ir: $S/nonexistent.md: No such file" "-q keeps errors"

# Every output, one file per issue and output, named by the title's first word.
ir2atom "$T/all.ir" >"$T/all.atom"
ir2rss "$T/all.ir" >"$T/all.rss"
ir2epub -t Cases -o "$T/all.epub" "$T/all.ir"
ir2mbox "$T/all.ir" >"$T/all.mbox"
mkdir "$T/o"
"$PY" - "$T" <<'PY'
import sys, re, zipfile, mailbox, email.policy
import xml.etree.ElementTree as ET
t = sys.argv[1]
def key(title): return re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-').split('-')[0] + '-' + str(len(title))
def put(kind, title, text):
    with open('%s/o/%s.%s' % (t, key(title), kind), 'w') as f: f.write(text)
for line in open(t + '/all.ir', encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    un = lambda s: s.replace('\\n', '\n').replace('\\t', '\t').replace('\\\\', '\\')
    put('ir', f[2], un(f[14])); put('sum', f[2], f[5])
A = '{http://www.w3.org/2005/Atom}'
for e in ET.parse(t + '/all.atom').getroot().iter(A + 'entry'):
    put('atom', e.find(A + 'title').text, e.find(A + 'content').text)
C = '{http://purl.org/rss/1.0/modules/content/}encoded'
for i in ET.parse(t + '/all.rss').getroot().iter('item'):
    put('rss', i.find('title').text, i.find(C).text)
z = zipfile.ZipFile(t + '/all.epub')
for n in z.namelist():
    if n.startswith('EPUB/issue-'):
        s = z.read(n).decode()
        title = re.search(r'<h1 id="issue-title">([^<]*)</h1>', s).group(1)
        put('epub', title.replace('&amp;', '&'), s)
for m in mailbox.mbox(t + '/all.mbox', factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default)):
    put('mailtext', m['subject'], m.get_body(('plain',)).get_content())
    put('mailhtml', m['subject'], m.get_body(('html',)).get_content())
PY
HTML="ir atom rss epub mailhtml"
ALL="$HTML mailtext"
# has KEY KINDS STRING DESCRIPTION / hasnt ...: a fixed string in each output.
has() {
	for _k in $2; do
		grep -qF -- "$3" "$T/o/$1.$_k"; ok $? "$4 ($_k)"
	done
}
hasnt() {
	for _k in $2; do
		if grep -qF -- "$3" "$T/o/$1.$_k"; then ok 1 "$4 ($_k)"; else ok 0 "$4 ($_k)"; fi
	done
}

# 10: Hugo shortcodes.
k=meetup-12
has $k "$HTML" '<figcaption><p>Before the first talk</p></figcaption>' "10: figure with its caption"
has $k "ir atom rss mailhtml" '<img src="https://example.org/10-hugo-shortcodes/10-crowd.png" alt="A full room" />' "10: figure's image"
like "$(grep -o '<img src="[^"]*"' "$T/o/$k.epub")" '^<img src="images/[0-9a-f]+\.png"$' "10: the figure's image is embedded in the book"
has $k "$HTML" '<a href="https://www.youtube.com/watch?v=AAAAAAAAAAA">' "10: youtube is a link to the video"
has $k "$HTML" '<aside class="alert">' "10: alert is an aside"
has $k "$HTML" 'href="https://example.org/code-of-conduct/"' "10: ref is the post's URL"
has $k mailtext '[A full room]' "10: the text part shows the image by its alt text (ir2mbox renders the body)"
hasnt $k "$ALL" '{{' "10: no shortcode left"

# 11: Liquid.
k=version-22
has $k "ir atom rss mailhtml" '<pre><code class="language-ruby">&gt; clean_path(&quot;/tmp/jail&quot;' "11: highlight is a ruby code block"
has $k epub '<pre><code class="language-ruby">&gt; clean_path(' "11: highlight is a ruby code block"
hasnt $k "$HTML" '<blockquote>' "11: its '>' lines are no blockquote"
has $k "$HTML" 'href="https://example.org/2014/03/20/version-1-5-0.html"' "11: link gives the post's permalink"
has $k "$HTML" 'href="https://example.org/2013/05/06/version-1-0-0.html"' "11: post_url gives the post's permalink"
has $k "$HTML" '<code>{{ site.url }}</code>' "11: raw content is literal, its markers gone"
hasnt $k "$ALL" '{%' "11: no Liquid tag left"

# 13: MDX heading ids.
k=version-10
has $k "$HTML" '<h2 id="whats-new">What is new</h2>' "13: the MDX comment is the heading's id"
has $k "$HTML" '<h3 id="actions">Actions</h3>' "13: the second heading's id"
has $k epub '<a href="#whats-new">' "13: the in-page link reaches its heading in the book"
hasnt $k "$ALL" '/*' "13: no comment left"
hasnt $k "$ALL" 'Intro>' "13: no JSX tag left"

# 14: GitHub-style slugs, in-page links.
k=a-15
has $k "$HTML" '<h2 id="handling-wide-strings">' "14: slug id"
has $k "$HTML" '<h2 id="limitations">' "14: slug id"
has $k "ir mailhtml" 'href="https://example.org/14-fragment-link/#limitations"' "14: the link reaches the heading on the site"
has $k "atom rss" 'href="#limitations"' "14: in a feed the link reaches the heading in the entry"
has $k epub '<a href="#limitations">' "14: the link reaches the heading in the book"
has $k epub '<a href="#handling-wide-strings">' "14: the other link too"

# 15: raw HTML that no reader runs.
k=ten-23
for s in '<style' 'grid-template' '<script' 'widgets.js' '&lt;' '<iframe'; do
	hasnt $k "$HTML" "$s" "15: no $s"
done
has $k "$HTML" '<a href="https://video.example.net/embed/AAAAAAAAAAA">' "15: the iframe is a link to its source"
has $k "$HTML" 'A visualization of the code base over time.' "15: the caption stays"

# 18: containers.
k=sorting-18
has $k "$HTML" '<aside class="note">' "18: :::note is an aside"
has $k "$HTML" '<aside class="caution">' "18: :::caution is an aside"
has $k "$HTML" 'Production only</h4>' "18: its title is its heading"
has $k "$HTML" '<strong>Note:</strong> This section' "18: its content is Markdown"
has $k mailtext 'Production only' "18: the title in the text part"
hasnt $k "$ALL" ':::' "18: no fence left"

# 21: a derived summary is read once in the book.
k=weekly-16
is "$(cat "$T/o/$k.sum")" "Hello and welcome to another issue of the weekly digest, a summary of the project's progress and community." "21: the summary is the first paragraph"
is "$(grep -c 'Hello and welcome' "$T/o/$k.epub")" 1 "21: the book's chapter has it once"
is "$(grep -c 'class="summary"' "$T/o/more-15.epub")" 1 "a chapter whose summary differs keeps it in its header"

# Summary markers.
is "$(cat "$T/o/two-10.sum")" "The first half, with bold words over two lines. A second paragraph of the summary." "<!--more-->: the summary is the text before it"
is "$(cat "$T/o/release-13.sum")" "Only this goes in the summary." "<!-- truncate -->: the summary is the text before it"
is "$(cat "$T/o/jekyll-14.sum")" "An excerpt that ends here." "-e: Jekyll's excerpt_separator"
hasnt two-10 "$HTML" 'more-->' "no marker left"
hasnt release-13 "$HTML" 'truncate' "no marker left"
hasnt release-13 mailtext '<!--' "no marker left (the permalink names it)"

# MDX and JSX.
k=components-21
hasnt $k "$ALL" "'../components/Chart'" "ESM import lines go"
hasnt $k "$ALL" 'wide: true' "ESM export blocks go"
hasnt $k "$ALL" "author's comment" "comments go"
has $k "$HTML" 'Charts are kept as text.' "a component's children stay"
has $k "$HTML" '<aside class="note">' "<Note> is an aside"
has $k "$HTML" 'Heads up</h4>' "its title"
has $k "$HTML" 'The keynote</a>' "<YouTubeIframe> is a link titled as the video"
has $k "ir atom rss mailhtml" '<img src="https://example.org/30-mdx-post/one.png" alt="First picture" />' "<Image> is an image"
has $k "ir atom rss mailhtml epub" "import Chart from './Chart';" "code blocks keep their import lines"
has $k "$HTML" '<h2 id="set-up">Setup</h2>' "MDX comment id"
has $k "$HTML" '<h2 id="setup">Setup</h2>' "a repeated heading: its slug"
has $k "$HTML" '<h2 id="setup-1">Setup</h2>' "the next one: -1"
has $k epub '<a href="#setup-1">' "a link to the repeated heading"
has $k mailtext 'https://www.youtube.com/embed/BBBBBBBBBBB' "the text part: the link's URL"

# More shortcodes and containers.
k=more-15
has $k "$HTML" 'fmt.Println(' "highlight: the code"
has $k "ir atom rss mailhtml" '<pre><code class="language-go">' "highlight: a go code block"
has $k "ir atom rss mailhtml" '<code>{{&lt; figure src=&quot;x.png&quot; &gt;}}</code>' "{{</* */>}} shows the shortcode as text"
has $k "$HTML" '<a href="https://gist.github.com/alice/0123456789abcdef">' "gist"
has $k "$HTML" '<a href="https://x.com/example/status/1234">' "x"
has $k "$HTML" '<a href="https://vimeo.com/5555">A talk</a>' "vimeo with a title"
has $k "$HTML" 'The team: Infrastructure.' "param reads the front matter"
has $k "$HTML" 'A caption that stays.' "an unknown shortcode's content stays"
hasnt $k "$ALL" 'footer.html' "include is dropped"
has $k "ir atom rss mailhtml" '<h4 id="danger">Danger</h4>' "a nested container"
has $k "$HTML" 'Pandoc' "pandoc's fenced div"
has $k "ir atom rss mailhtml" '<aside class="warning">' "pandoc's fenced div is an aside"
hasnt $k "$ALL" ':::' "no fence left"

# The book's contents use the heading ids; EPUBCheck passes the book.
"$PY" -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("EPUB/nav.xhtml").decode())' "$T/all.epub" >"$T/nav"
like "$(cat "$T/nav")" 'xhtml#limitations">Limitations<' "the contents link to the slug ids"
if [ -r /usr/share/java/epubcheck.jar ] && command -v java >/dev/null; then
	. "$(dirname "$0")/epub.sh"
	epub_clean "$T/all.epub" "epubcheck: nothing to report on the cases' book"
fi

# -S: raw HTML out, site Markdown still expanded.
run md2ir -S -b https://example.org $S/15-tagfilter-iframe-style.md $S/18-container-blocks.md
is "$(field 15 | grep -c -e 'style' -e 'iframe' -e 'script' -e 'aside')" 0 "-S: no raw HTML, not even our own"

# Linear time: many constructs, unclosed or not, in one body.
"$PY" -c '
import sys
sys.stdout.write("---\ntitle: big\ndate: 2020-01-01\n---\n")
for i in range(20000):
    sys.stdout.write("{{< highlight x >}} {%% raw %%} {/* x <Foo a={ `:::\n## h {#id}\n")
' >"$T/big.md"
run md2ir -q "$T/big.md"
is "$rc:$(field 3)" "0:big" "20,000 unclosed constructs: converted"
done_testing
