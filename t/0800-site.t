#!/bin/sh
# One site configuration for every filter (site.c, quire(7)): a quire
# file, the generators' own files (invented ones in testdata/site/),
# ./quire.yaml without -c, unknown keys, keys of another filter, and
# the note when a feed's links stay relative.
. "$(dirname "$0")/lib.sh"

S=$BIN/t/sitetest
cd "$T" || exit 1
D=$TD/site

# The fields each kind of file gives, through site_load().
get() { "$S" load "$@" 2>/dev/null; }
run "$S" load "$D/jekyll/_config.yml"
is "$rc:$(cat "$T/err")" "0:" "Jekyll _config.yml: read, quiet"
is "$(grep -c '' "$T/out")" 12 "Jekyll: 12 fields"
like "$(cat "$T/out")" "kind=jekyll" "Jekyll: recognised by its name"
is "$(get "$D/jekyll/_config.yml" | grep '^url=')" "url=https://notes.example.org/harbour" "Jekyll: url + baseurl"
is "$(get "$D/jekyll/_config.yml" | grep '^author=')" "author=Mara Quay <mara@example.org>" "Jekyll: author map as 'Name <email>'"
is "$(get "$D/jekyll/_config.yml" | grep '^author_uri=')" "author_uri=https://example.org/mara" "Jekyll: author's url as author_uri"
is "$(get "$D/jekyll/_config.yml" | grep '^language=')" "language=en-GB" "Jekyll: lang en_GB becomes en-GB"
is "$(get "$D/jekyll/_config.yml" | grep '^permalink=')" "permalink=/:categories/:year/:month/:day/:title/" "Jekyll: 'pretty' is its pattern"
is "$(get "$D/jekyll/_config.yml" | grep -e '^timezone=' -e '^excerpt')" "timezone=Europe/London
excerpt_separator=<!--more-->" "Jekyll: timezone and excerpt_separator"
printf 'url: https://a.example\npermalink: date\n' > "$T/_config.yml"
is "$(get "$T/_config.yml" | grep '^permalink=')" "permalink=/:categories/:year/:month/:day/:title:output_ext" "Jekyll: 'date' is its pattern"
printf 'url: https://a.example\npermalink: /:title/\ncollections:\n  posts:\n    permalink: /news/:title/\n' > "$T/_config.yml"
is "$(get "$T/_config.yml" | grep '^permalink=')" "permalink=/news/:title/" "Jekyll: collections.posts.permalink wins"
printf 'url: https://a.example\n' > "$T/_config.yml"
is "$(get "$T/_config.yml" | grep '^permalink=')" "permalink=/:categories/:year/:month/:day/:title:output_ext" "Jekyll: no permalink is Jekyll's default, date"

run "$S" load "$D/hugo-toml/hugo.toml" notes
is "$rc:$(cat "$T/err")" "0:" "Hugo hugo.toml: read, quiet"
is "$(grep -v '^path=' "$T/out")" "kind=hugo
url=https://fieldbook.example.net/
title=Field Book
description=Notes from the field
author=Jo Feld <jo@example.net>
language=de-de
permalink=/:year/:month/:slug/
permalink_section=posts
content_dir=inhalt
static_dir=assets
timezone=Europe/Berlin
content_path=$D/hugo-toml/inhalt
permalink(notes)=/notes/:slug/" "Hugo TOML: baseURL, params, permalinks by kind and section, contentDir"
run "$S" load "$D/hugo-json/config.json" blog
is "$rc" 0 "Hugo config.json: read"
is "$(cat "$T/err")" "sitetest: $D/hugo-json/config.json:1: site URL '/' is not an http or https URL: not used" "Hugo: baseURL '/' is noted and not used"
is "$(grep -e '^kind=' -e '^url=' -e '^author=' -e '^permalink(' "$T/out")" "kind=hugo
author=Ana Json
permalink(blog)=/:section/:year/:slug/" "Hugo JSON: params.author, permalinks by section"
run "$S" load "$D/zola/config.toml"
is "$(grep -v '^path=' "$T/out")" "kind=zola
url=https://orchard.example.com
title=Orchard Log
description=Apples, pears, and grafting
author=Pip Grafter
language=en
content_dir=content
static_dir=static
content_path=$D/zola/content" "Zola config.toml: base_url, title, description, default_language, extra.author"
is "$(get "$D/zola" | grep '^kind=')" "kind=zola" "-c DIR finds the configuration in the folder"
mkdir empty
run "$S" load empty
like "$rc:$(cat "$T/err")" "^1:sitetest: .*: no site configuration in this folder" "-c DIR without one: an error"

# A quire file: every key known to some filter is accepted by all.
printf '2020-01-01T00:00:00Z\turn:x:1\tT\thttps://x.example/1/\n' > one.ir
printf -- '---\ntitle: T\ndate: 2020-01-01\n---\nx\n' > one.md
for p in ir2atom ir2rss ir2mbox md2ir; do
	f=one.ir
	[ "$p" = md2ir ] && f=$D/quire/posts/first-letter.md
	run "$p" -c "$D/quire/quire.yaml" "$f"
	is "$rc:$(cat "$T/err")" "0:" "$p: a quire.yaml with a key of every filter: exit 0"
done
run ir2epub -c "$D/quire/quire.yaml" one.ir
is "$rc:$(cat "$T/err")" "0:" "ir2epub: the same file, exit 0"

# Unknown keys: an error in a quire file, ignored in a generator's.
printf 'title: T\ncolour: blue\n' > "$T/site.yaml"
for p in md2ir ir2atom ir2rss ir2epub ir2mbox; do
	run "$p" -c "$T/site.yaml" one.ir
	is "$rc:$(cat "$T/err")" "1:$p: $T/site.yaml:2: unknown key 'colour'" "$p: an unknown key in a quire file: exit 1, named"
done
printf 'baseURL = "https://h.example/"\ntitle = "H"\ncolour = "blue"\n[params]\nshade = 3\n' > "$T/hugo.toml"
run ir2atom -c "$T/hugo.toml" one.ir
is "$rc:$(cat "$T/err")" "0:" "a generator's file: its other keys are ignored"
like "$(cat "$T/out")" '<title>H</title>' "and what it has is used"

# A quire file in TOML or JSON, by its suffix.
printf 'title = "Toml Title"\nurl = "https://t.example/"\n' > "$T/site.toml"
run ir2atom -c "$T/site.toml" one.ir
is "$rc:$(cat "$T/err")" "0:" "a quire file in TOML: read"
like "$(cat "$T/out")" '<title>Toml Title</title>' "a quire file in TOML: its title"
printf '{"title": "Json Title", "colour": "red"}\n' > "$T/site.json"
run ir2rss -c "$T/site.json" one.ir
is "$rc:$(cat "$T/err")" "1:ir2rss: $T/site.json:1: unknown key 'colour'" "a quire file in JSON: its unknown key"

# A filter ignores the keys of another.
printf 'title: T\nfrom: a@b.example\ntoc-depth: 3\npermalink: /:slug/\n' > "$T/site.yaml"
run ir2atom -c "$T/site.yaml" one.ir
is "$rc:$(cat "$T/err")" "0:" "ir2atom: mail, book and md2ir keys are ignored"
printf 'link: https://x.example/\nself: f.atom\ntitle: T\npublisher: P\n' > "$T/site.yaml"
run ir2mbox -c "$T/site.yaml" one.ir
is "$rc:$(cat "$T/err")" "0:" "ir2mbox: feed and book keys are ignored"
printf 'from: a@b.example\nlink: https://x.example/\n' > "$T/site.yaml"
run ir2epub -t B -c "$T/site.yaml" one.ir
is "$rc:$(cat "$T/err")" "0:" "ir2epub: mail and feed keys are ignored"
printf 'url: /relative\n' > "$T/site.yaml"
run ir2atom -c "$T/site.yaml" one.ir
is "$rc:$(cat "$T/err")" "1:ir2atom: $T/site.yaml:1: url '/relative' is not an http or https URL" "a quire url must be absolute"

# md2ir: the site's keys fill what its options leave open.
run md2ir -c "$D/quire" "$D/quire/posts/first-letter.md"
is "$rc:$(cat "$T/err")" "0:" "md2ir -c DIR: the quire.yaml in it"
is "$(cut -f1,4 "$T/out")" "2024-03-01T05:00:00Z	https://weekly.example.org/2024/first-letter/" "md2ir: url is the base URL, permalink the pattern, timezone the zone"
run md2ir -c "$D/quire" -b https://other.example --timezone UTC --permalink /:slug/ "$D/quire/posts/first-letter.md"
is "$(cut -f1,4 "$T/out")" "2024-03-01T00:00:00Z	https://other.example/first-letter/" "md2ir: options win over the site"
printf 'content_dir: nowhere\n' > "$T/site.yaml"
run md2ir -c "$T/site.yaml" one.md
is "$rc:$(cat "$T/err")" "1:md2ir: $T/site.yaml: content_dir: $T/nowhere: No such file or directory" "md2ir: a quire content_dir must exist"
printf 'timezone: Mars/Olympus\n' > "$T/site.yaml"
run md2ir -c "$T/site.yaml" one.md
is "$rc:$(cat "$T/err")" "1:md2ir: $T/site.yaml: timezone 'Mars/Olympus' is not a zone of the system's zoneinfo" "md2ir: a bad timezone is an error"

H=$D/hugo-toml/inhalt
run md2ir -c "$D/hugo-toml" "$H/posts/frost.md" "$H/notes/soil.md" "$H/about/book.md"
is "$rc:$(cat "$T/err")" "0:" "md2ir -c hugo.toml: exit 0, quiet"
is "$(cut -f1,4 "$T/out")" "2024-03-05T09:00:00Z	https://fieldbook.example.net/2024/03/frost-report/
2024-03-05T23:00:00Z	https://fieldbook.example.net/notes/soil/
2023-12-31T23:00:00Z	https://fieldbook.example.net/about/book/" "md2ir -c hugo.toml: each section's pattern (none for about/), contentDir, timeZone"

# ./quire.yaml is read when there is no -c.
mkdir site site/posts && cd site || exit 1
printf -- '---\ntitle: First letter\ndate: 2024-03-01\n---\n\nSee [the archive](/archive/).\n' > posts/first-letter.md
cp "$D/quire/quire.yaml" .
run md2ir posts/first-letter.md
is "$rc:$(cat "$T/err")" "0:" "md2ir: quire.yaml from the current folder"
is "$(cut -f4 "$T/out")" "https://weekly.example.org/2024/first-letter/" "md2ir: its url and permalink"
like "$(cut -f15 "$T/out")" 'href="https://weekly.example.org/archive/"' "md2ir: body links resolved against it"
cp "$T/out" ../site.ir
run ir2atom ../site.ir
is "$rc:$(cat "$T/err")" "0:" "ir2atom: quire.yaml from the current folder, quiet"
like "$(cat "$T/out")" '<title>The Weekly</title>' "ir2atom: its title"
like "$(cat "$T/out")" 'rel="self" type="application/atom\+xml" href="https://weekly.example.org/feed.atom"' "ir2atom: its self"
run ir2rss ../site.ir
like "$(cat "$T/out")" '<managingEditor>ed@example.org \(Ed Itor\)</managingEditor>|<title>The Weekly</title>' "ir2rss: its title"
run ir2mbox ../site.ir
like "$(cat "$T/out")" '^From: The Weekly <letters@example.org>' "ir2mbox: its from"
like "$(cat "$T/out")" 'List-Id: The Weekly <weekly.lists.example.org>' "ir2mbox: its list-id"
run ir2epub -o ../site.epub ../site.ir
is "$rc:$(cat "$T/err")" "0:" "ir2epub: no -t needed, the title is the site's"
"$PY" -c 'import zipfile,sys; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("EPUB/content.opf").decode())' ../site.epub > opf
like "$(cat opf)" '<dc:title>The Weekly</dc:title>' "ir2epub: its title"
like "$(cat opf)" '<dc:publisher>Weekly Press</dc:publisher>' "ir2epub: its publisher"
run ir2atom -c "$D/zola/config.toml" ../site.ir
like "$(cat "$T/out")" '<title>Orchard Log</title>' "-c wins over ./quire.yaml"
printf 'title: T\ncolour: blue\n' > quire.yaml
run ir2atom ../site.ir
is "$rc:$(cat "$T/err")" "1:ir2atom: quire.yaml:2: unknown key 'colour'" "a bad ./quire.yaml is an error too"
cd .. || exit 1

# No base URL anywhere: the feed says so once, and still exits 0.
printf -- '---\ntitle: Garden\ndate: 2023-06-01\n---\n\nSee [photos](/photos/) and ![t](/media/t.jpg), [note](#fn-1).\n' > g.md
printf -- '---\ntitle: Pond\ndate: 2023-06-02\n---\n\n[Frogs](frogs/).\n' > p.md
md2ir g.md p.md > rel.ir
for p in ir2atom ir2rss; do
	run "$p" rel.ir
	is "$rc:$(cat "$T/err")" "0:$p: no site URL: links are relative; give -b or url in site.yaml" "$p: no base anywhere: one note, exit 0"
	run "$p" -l https://example.org/ rel.ir
	is "$rc:$(cat "$T/err")" "0:" "$p -l: quiet"
	like "$(cat "$T/out")" 'https://example.org/g/' "$p -l: the entry link is resolved"
	like "$(cat "$T/out")" 'src=&quot;https://example.org/media/t.jpg&quot;' "$p -l: images in the content are resolved"
	like "$(cat "$T/out")" 'href=&quot;https://example.org/p/frogs/&quot;' "$p -l: relative links against the entry's page"
	like "$(cat "$T/out")" 'href=&quot;#fn-1&quot;' "$p -l: a fragment link stays one"
	printf 'url: https://example.org/blog/\n' > "$T/s.yaml"
	run "$p" -c "$T/s.yaml" rel.ir
	is "$rc:$(cat "$T/err")" "0:" "$p: url in the site file: quiet"
	like "$(cat "$T/out")" 'https://example.org/blog/g/' "$p: a root-relative permalink is joined to the site's url, as md2ir -b does"
	md2ir -b https://example.org g.md | "$p" >/dev/null 2>"$T/err"
	is "$(cat "$T/err")" "" "$p: md2ir -b: absolute links, quiet"
done

run ir2json rel.ir
is "$rc:$(cat "$T/err")" "0:ir2json: no site URL: links are relative; give -b or url in site.yaml" "ir2json: no base anywhere: one note, exit 0"
run ir2json -l https://example.org/ rel.ir
is "$rc:$(cat "$T/err")" "0:" "ir2json -l: quiet"
like "$(cat "$T/out")" 'https://example.org/media/t.jpg' "ir2json -l: images in the content are resolved"

# url_html_absolute(): what is rewritten and what is not.
printf '%s' '<p><a href="/x/">a</a> <a href="#n">n</a> <img src=i.png srcset="a.png 1x, /b.png 2x" alt=x width=5><script>s="<a href=/no>"</script><a href="mailto:a@b.example">m</a><!-- <a href="/c"> --></p>' > h.html
is "$("$S" html https://ex.org/d/p/ < h.html)" '<p><a href="https://ex.org/x/">a</a> <a href="#n">n</a> <img src="https://ex.org/d/p/i.png" srcset="https://ex.org/d/p/a.png 1x, https://ex.org/b.png 2x" alt=x width=5><script>s="<a href=/no>"</script><a href="mailto:a@b.example">m</a><!-- <a href="/c"> --></p>
relative: 4' "html: href, src and srcset resolved; fragments, schemes, scripts and comments left"
is "$("$S" html - < h.html | tail -1)" "relative: 4" "html: without a base, only counted"
q="'"
is "$(printf '<a href="x%sy">' "$q" | "$S" html "https://e.org/a'b/" | head -1)" '<a href="https://e.org/a'"'"'b/x'"'"'y">' "html: the value stays inside its quotes"
is "$(printf "<a href='x'>" | "$S" html "https://e.org/a'b/" | head -1)" "<a href='https://e.org/a%27b/x'>" "html: a quote of the value's kind is percent-encoded"

done_testing
