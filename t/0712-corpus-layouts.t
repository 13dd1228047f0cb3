#!/bin/sh
# Layouts on the real corpora of ../shared/corpus: per corpus, the
# posts and skipped files its generator's rules give, and sample
# permalinks against the real site's URLs (md2ir(1), LAYOUTS).
. "$(dirname "$0")/lib.sh"

C=$TOP/../shared/corpus
[ -d "$C" ] || skip_all "../shared/corpus is absent (real corpora live beside the clone)"

# corpus NAME ROOT POSTS SKIPPED [md2ir options...]: convert every
# Markdown file below ROOT; exit 0, POSTS lines, SKIPPED files skipped
# in the summary line of notes and no other message, no duplicate id.
corpus() {
	_name=$1 _root=$C/$2 _posts=$3 _skipped=$4
	shift 4
	# Markdown by suffix, or every file but the site's own ($ALL).
	if [ -n "${ALL:-}" ]; then
		find "$_root" -type f ! -name 'LICENSE*' ! -name '*.toml'
	else
		find "$_root" -type f \( -name '*.md' -o -name '*.markdown' \)
	fi | LC_ALL=C sort > "$T/files"
	run xargs md2ir -r "$_root" "$@" < "$T/files"
	is "$rc" 0 "$_name: exit 0"
	is "$(wc -l < "$T/out" | tr -d ' ')" "$_posts" "$_name: $_posts posts"
	is "$(sed -n 's/.* \([0-9]*\) files* skipped .*/\1/p' "$T/err")" \
	    "$(echo "$_skipped" | sed 's/^0$//')" \
	    "$_name: $_skipped files skipped, in the summary of notes"
	is "$(grep -vc '^md2ir: [0-9].*; -v lists them$' "$T/err")" 0 \
	    "$_name: no other message"
	is "$(cut -f2 "$T/out" | sort | uniq -d | wc -l | tr -d ' ')" 0 \
	    "$_name: no duplicate id"
}
# has NAME URL: the run gave that permalink.
has() {
	cut -f4 "$T/out" | grep -qxF "$2"
	ok $? "$1: $2"
}

# This Week in Rust (Pelican): ARTICLE_URL from its pelicanconf.py;
# PAGE_PATHS pages/ holds 1 page; 667 articles.
corpus twir twir/content 667 1 -b https://this-week-in-rust.org \
    --timezone America/New_York --permalink 'blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/'
has twir https://this-week-in-rust.org/blog/2026/08/12/this-week-in-rust-664/
has twir https://this-week-in-rust.org/blog/2013/06/07/this-week-in-rust-1/
has twir https://this-week-in-rust.org/blog/2013/07/05/the-state-of-rust-07/
like "$(cat "$T/err")" "files* skipped \(1 page\)" "twir: the page is counted as one"

# The Rust blog in its Jekyll-style form: 585 dated files (one,
# inside-rust/2020-05-21-governance-wg, without a suffix), no pages.
ALL=1
corpus rust-blog rust-blog 585 0 -b https://blog.rust-lang.org
ALL=
has rust-blog https://blog.rust-lang.org/2017/11/22/Rust-1.22.html
has rust-blog https://blog.rust-lang.org/2014/12/12/1.0-Timeline.html
has rust-blog https://blog.rust-lang.org/inside-rust/2019/09/25/Welcome.html
has rust-blog https://blog.rust-lang.org/inside-rust/2020/05/21/governance-wg.html
# permalink less .html, date, title, authors: to compare with Zola's.
awk -F'\t' '{ sub(/\.html$/, "/", $4); print $4 "\t" $1 "\t" $3 "\t" $7 }' \
    "$T/out" | LC_ALL=C sort > "$T/jekyll.tsv"

# The same blog in Zola: 754 files, 3 _index.md and the template-only
# releases/latest.md are not posts.
corpus rust-blog-zola rust-blog-zola/content 750 4 -b https://blog.rust-lang.org
has rust-blog-zola https://blog.rust-lang.org/2017/11/22/Rust-1.22/
has rust-blog-zola https://blog.rust-lang.org/2014/12/12/1.0-Timeline/
has rust-blog-zola https://blog.rust-lang.org/inside-rust/2019/09/25/Welcome/
awk -F'\t' '{ print $4 "\t" $1 "\t" $3 "\t" $7 }' "$T/out" |
    LC_ALL=C sort > "$T/zola.tsv"
is "$(LC_ALL=C join -t "$(printf '\t')" "$T/jekyll.tsv" "$T/zola.tsv" | wc -l | tr -d ' ')" 585 \
    "the Rust blog's 585 older posts are all in its Zola form, by permalink"
is "$(LC_ALL=C join -t "$(printf '\t')" "$T/jekyll.tsv" "$T/zola.tsv" |
    awk -F'\t' '$2 != $5 || $3 != $6 || $4 != $7' | head -3)" "" \
    "the two forms give each post the same date, title and authors"

# The React blog (Next.js): 24 files; the route is the path; index.md is the
# blog's own page.
corpus react-dev react-dev/src/content/blog 23 1 -b https://react.dev \
    --permalink /blog/:path
has react-dev https://react.dev/blog/2024/12/05/react-19
has react-dev https://react.dev/blog/2022/03/29/react-v18
has react-dev https://react.dev/blog/2021/06/08/the-plan-for-react-18

# Jekyll's own news: _config.yml's posts permalink and timezone
# (America/Los_Angeles, in which Jekyll shows every date); 102 posts.
corpus jekyll-posts jekyll-posts/docs 102 0 -b https://jekyllrb.com \
    --timezone America/Los_Angeles --permalink /news/:year/:month/:day/:title/
has jekyll-posts https://jekyllrb.com/news/2025/01/29/jekyll-4-4-1-released/
has jekyll-posts https://jekyllrb.com/news/2016/10/06/jekyll-3-3-is-here/
has jekyll-posts https://jekyllrb.com/news/2013/05/05/jekyll-1-0-0-released/
has jekyll-posts https://jekyllrb.com/news/2016/08/24/jekyll-admin-initial-release/
has jekyll-posts https://jekyllrb.com/news/2014/05/06/jekyll-turns-2-0-0/

# The Kubernetes contributor blog (Hugo): hugo.yaml's blog permalink;
# 71 files: _index.md, a draft and a Markdown resource of a bundle
# are not posts.
corpus k8s-contributor k8s-contributor/content/en 68 3 \
    -b https://www.kubernetes.dev --permalink '/:section/:year/:month/:day/:slug/'
has k8s-contributor https://www.kubernetes.dev/blog/2023/07/20/sig-cli-spotlight-2023/
has k8s-contributor https://www.kubernetes.dev/blog/2023/03/01/introducing-kwok/
has k8s-contributor https://www.kubernetes.dev/blog/2026/06/26/human-centered-automation-kubernetes-localization-ai-era/

# The V8 blog (Eleventy, input src/): 154 posts in blog/, one page in
# blog/extras/, and _img/avatars/README.md, not published.
corpus v8-blog v8-blog/src 155 1 -b https://v8.dev --permalink /:path
has v8-blog https://v8.dev/blog/10-years
has v8-blog https://v8.dev/blog/bigint
has v8-blog https://v8.dev/blog/v8-release-74

done_testing
