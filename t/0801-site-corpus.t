#!/bin/sh
# The site configurations of the real corpora in ../shared/corpus, read
# in place by -c, and the cases of ../shared/cases about feeds without
# a base URL.
. "$(dirname "$0")/lib.sh"

SH=$TOP/../shared
[ -d "$SH/corpus" ] && [ -d "$SH/cases" ] ||
	skip_all "../shared (corpus and cases) is not beside the clone"
S=$BIN/t/sitetest
C=$SH/corpus
cd "$T" || exit 1

# Jekyll's own site: _config.yml.
run "$S" load "$C/jekyll-posts/docs/_config.yml"
is "$rc:$(cat "$T/err")" "0:" "jekyll-posts: _config.yml read, quiet"
is "$(grep -e '^kind=' -e '^url=' -e '^title=' -e '^permalink=' -e '^timezone=' "$T/out")" "kind=jekyll
url=https://jekyllrb.com
title=Jekyll • Simple, blog-aware, static sites
permalink=/news/:year/:month/:day/:title/
timezone=America/Los_Angeles" "jekyll-posts: url, title (its name), the posts' collection permalink, timezone"

# The Kubernetes contributor site: hugo.yaml (anchors, permalinks).
run "$S" load "$C/k8s-contributor/hugo.yaml" blog
is "$rc:$(cat "$T/err")" "0:" "k8s-contributor: hugo.yaml read, quiet"
is "$(grep -e '^kind=' -e '^url=' -e '^title=' -e '^permalink' -e '^content_dir=' "$T/out")" "kind=hugo
url=https://www.kubernetes.dev/
title=Kubernetes Contributors
permalink=/:section/:year/:month/:day/:slug/
permalink_section=blog
content_dir=content/en
permalink(blog)=/:section/:year/:month/:day/:slug/" "k8s-contributor: baseURL, title (a YAML anchor), permalinks.blog, contentDir"
is "$("$S" load "$C/k8s-contributor" | grep '^path=')" "path=$C/k8s-contributor/hugo.yaml" "-c on the site folder finds hugo.yaml"

# The Rust blog today: Zola's config.toml.
run "$S" load "$C/rust-blog-zola/config.toml"
is "$rc:$(cat "$T/err")" "0:" "rust-blog-zola: config.toml read, quiet"
is "$(grep -e '^kind=' -e '^url=' -e '^content_dir=' "$T/out")" "kind=zola
url=https://blog.rust-lang.org
content_dir=content" "rust-blog-zola: base_url; its content folder"

# Each filter takes a generator's file with -c: its other keys ignored.
printf '2020-01-01T00:00:00Z\turn:x:1\tT\t/1/\n' > one.ir
for f in jekyll-posts/docs/_config.yml k8s-contributor/hugo.yaml rust-blog-zola/config.toml; do
	for p in ir2atom ir2rss ir2mbox; do
		run "$p" -c "$C/$f" one.ir
		is "$rc:$(cat "$T/err")" "0:" "$p -c $f: exit 0, quiet"
	done
	run ir2epub -t T -c "$C/$f" one.ir
	is "$rc:$(cat "$T/err")" "0:" "ir2epub -c $f: exit 0, quiet"
done
run ir2atom -c "$C/rust-blog-zola/config.toml" one.ir
like "$(cat "$T/out")" 'href="https://blog.rust-lang.org/1/"' "ir2atom: base_url resolves a root-relative permalink"
run md2ir -c "$C/k8s-contributor/hugo.yaml" "$C/k8s-contributor/content/en/blog/2020/announcing-the-contributor-website.md"
like "$rc:$(cut -f4 "$T/out")" "^0:https://www.kubernetes.dev/blog/2020/[0-9]{2}/[0-9]{2}/announcing-the-contributor-website/$" "md2ir -c hugo.yaml: baseURL, contentDir and the blog's permalink pattern"
f=$(ls "$C/jekyll-posts/docs/_posts/"*jekyll-1-0-0-released*)
run md2ir -c "$C/jekyll-posts/docs/_config.yml" "$f"
is "$rc:$(cut -f4 "$T/out")" "0:https://jekyllrb.com/news/2013/05/05/jekyll-1-0-0-released/" "md2ir -c _config.yml: the posts' permalink, its day in the site's timezone"
f=$(ls "$C/rust-blog-zola/content/"*Rust-1.88.0*)
run md2ir -c "$C/rust-blog-zola/config.toml" "$f"
is "$rc:$(cut -f4 "$T/out")" "0:https://blog.rust-lang.org/2025/06/26/Rust-1.88.0/" "md2ir -c config.toml (Zola): base_url"

# Case sites/24: no -b, a feed with relative links.
cp "$SH/cases/sites/24-no-base-url.md" post.md
md2ir post.md > post.ir
for p in ir2atom ir2rss; do
	run "$p" post.ir
	is "$rc:$(cat "$T/err")" "0:$p: no site URL: links are relative; give -b or url in site.yaml" "sites/24: $p without a base: one note, exit 0"
	run "$p" -l https://example.org/ post.ir
	is "$rc:$(cat "$T/err")" "0:" "sites/24: $p -l: quiet"
	like "$(cat "$T/out")" 'https://example.org/photos/garden/' "sites/24: $p -l: the link is resolved"
	like "$(cat "$T/out")" 'https://example.org/media/tomatoes.jpg' "sites/24: $p -l: the image is resolved"
done

# Case outputs/02: root-relative image and links, ir2atom -l.
cp "$SH/cases/outputs/02-root-relative-image.md" img.md
md2ir img.md | ir2atom -l https://example.org/ > img.atom 2>"$T/err"
is "$(cat "$T/err")" "" "outputs/02: quiet with -l"
like "$(cat img.atom)" '<link rel="alternate" type="text/html" href="https://example.org/blog/garden-photos/"/>' "outputs/02: the entry link is resolved"
is "$(grep -o 'https://example.org/media/2023/garden/[a-z]*.jpg' img.atom | sort -u | tr '\n' ' ')" "https://example.org/media/2023/garden/beans.jpg https://example.org/media/2023/garden/tomatoes.jpg " "outputs/02: both images (Markdown and raw HTML) are resolved"
like "$(cat img.atom)" 'https://example.org/albums/garden/' "outputs/02: the album link is resolved"
is "$(grep -c '&quot;/' img.atom)" 0 "outputs/02: no root-relative URL is left"

# Case hostile/41: the README's first example, without any base.
QUIRE_BIN=$BIN; export QUIRE_BIN
run sh "$SH/cases/hostile/41-feed-without-base-relative.sh"
is "$(grep -c 'no site URL' "$T/err")" 1 "hostile/41: the missing base is said once"

done_testing
