# t/corpora.sh: how each corpus of ../shared/corpus is converted, as its
# README and its own generator imply; sourced by t/1000-field.t and
# scripts/bench-corpora.  $C is the corpus folder.
#
# each_corpus FN: calls FN NAME POSTS SKIPPED DIR 'ARGS' for each corpus:
# POSTS posts must come out, SKIPPED files are skipped (and counted) as
# not posts (or drafts), and ARGS are md2ir's options and operands
# (globs, commands) to expand inside DIR.  Each comment says how the
# number of posts follows from the site's own rules.
each_corpus() {
	# The Cilium newsletter (Gatsby): both files are posts.
	"$1" seeds 2 0 "$C/seeds" '-b https://cilium.io ./*.md'

	# The Rust blog as it was (its own generator, Jekyll-style names): every
	# file whose name starts with a date is a post (585: 307 in the main
	# blog, 278 in inside-rust/); LICENSE-* and blog.toml are not Markdown
	# and are not given.  Dates come from the names only.
	"$1" rust-blog 585 0 "$C/rust-blog" \
	    '-b https://blog.rust-lang.org -r . [0-9]* inside-rust/[0-9]*'

	# The same blog today (Zola): every page under content/ is a post but
	# the three section pages _index.md and releases/latest.md, a page of
	# front matter alone that names its template (a redirect to the newest
	# release): 750 of 754.  Dates come from the 'path' (YYYY/MM/DD), the
	# base URL from config.toml.
	"$1" rust-blog-zola 750 4 "$C/rust-blog-zola" \
	    '-c config.toml $(find content -name "*.md" | LC_ALL=C sort)'

	# This Week in Rust (Pelican): every Markdown file under content/ is an
	# article but pages/privacy-policy.md (Pelican's PAGE_PATHS = pages):
	# 667 of 668; the one reStructuredText file is not given to md2ir.  The
	# site's pelicanconf.py (not in the corpus) sets ARTICLE_URL and
	# TIMEZONE, given here as options: /blog/2019/08/06/this-week-in-rust-298/.
	"$1" twir 667 1 "$C/twir" \
	    '-b https://this-week-in-rust.org -r content --timezone America/New_York --permalink "blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/" $(find content -name "*.md" -o -name "*.markdown" | LC_ALL=C sort)'

	# The React blog (Next.js): every file under blog/YYYY/MM/DD/ is a post
	# (23); blog/index.md, the blog's own page at the content root, is not.
	# Next.js routes follow the path, without a trailing slash.
	"$1" react-dev 23 1 "$C/react-dev/src/content/blog" \
	    '-b https://react.dev -r . --permalink /blog/:path $(find . -name "*.md" | LC_ALL=C sort)'

	# Jekyll's own news: every file of _posts is a post (102; none has
	# published: false, and future: true in _config.yml); the permalink
	# pattern and the base URL come from _config.yml.
	"$1" jekyll-posts 102 0 "$C/jekyll-posts/docs" '-c _config.yml _posts/*'

	# The Kubernetes contributor blog (Hugo): every page below
	# content/en/blog but the section page _index.md, one draft ('draft:
	# yes', YAML 1.1's true) and one Markdown file inside a leaf bundle
	# (2022-03-15-k8s-triage-bot-helper-ci-job/, a page resource that Hugo
	# never renders): 68 of 71.  contentDir, permalinks and baseURL come
	# from hugo.yaml.
	"$1" k8s-contributor 68 3 "$C/k8s-contributor" \
	    '-c hugo.yaml $(find content/en -name "*.md" | LC_ALL=C sort)'

	# The V8 blog (Eleventy): its .eleventy.js (not in the corpus) makes
	# the posts collection of src/blog/*.md, 154 posts (extras/ holds a page
	# that is published but not a post), at clean URLs without a trailing
	# slash (https://v8.dev/blog/10-years); no site configuration in the
	# corpus, so the base is given.
	"$1" v8-blog 154 0 "$C/v8-blog/src" \
	    '-b https://v8.dev -r . --permalink /:path blog/*.md'
}
