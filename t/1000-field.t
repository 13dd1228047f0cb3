#!/bin/sh
# The field test: every real corpus in ../shared/corpus converted as its
# README implies, as a new user would, with each one's number of posts
# established from its own generator's rules (below, per corpus); then
# every output through its validators.  Skipped, with the reason, when
# ../shared is absent.
#
# QUIRE_FIELD_VALIDATE=0 leaves the validators out (the sanitizer pass
# of scripts/check sets it: there the conversions are what is tested).
. "$(dirname "$0")/lib.sh"

C=$TOP/../shared/corpus
[ -d "$C" ] || skip_all "../shared/corpus is absent (a lone clone)"
. "$(dirname "$0")/feeds.sh"
. "$(dirname "$0")/epub.sh"
VALIDATE=${QUIRE_FIELD_VALIDATE:-1}

# field NAME POSTS SKIPPED DIR 'ARGS': run md2ir ARGS (options, globs,
# commands) in DIR; exit 0, POSTS lines, SKIPPED files skipped as not
# posts (or drafts) in the one line that sums the notes up, no other
# message, unique absolute ids, no template syntax in the HTML; then the
# outputs.  The IR is left in $T/NAME.ir.
field() {
	name=$1 posts=$2 skipped=$3 dir=$4 args=$5
	# The operands are globs and commands to expand inside DIR.
	(cd "$dir" && eval "md2ir $args") >"$T/$name.ir" 2>"$T/$name.err"
	is "$?" 0 "$name: md2ir exits 0"
	sed 's/^/#   /' "$T/$name.err"
	is "$(wc -l <"$T/$name.ir" | tr -d ' ')" "$posts" "$name: $posts posts"
	is "$(sed -n 's/.* \([0-9]*\) files* skipped .*/\1/p' "$T/$name.err")" \
	    "$(echo "$skipped" | sed 's/^0$//')" \
	    "$name: $skipped files skipped, counted in the summary of notes"
	is "$(grep -vc '^md2ir: [0-9].*; -v lists them$' "$T/$name.err")" 0 \
	    "$name: no message but the summary of notes"
	is "$(cut -f2 "$T/$name.ir" | sort | uniq -d | wc -l | tr -d ' ')" 0 \
	    "$name: no duplicate ids"
	is "$(cut -f2 "$T/$name.ir" | grep -cv '^https://')" 0 \
	    "$name: every id is an absolute https URL"
	is "$(cut -f4 "$T/$name.ir" | grep -cv '^https://')" 0 \
	    "$name: every permalink is absolute"
	# Template syntax that must never reach a reader (md2ir(1)).
	# Code spans and blocks are what the author shows, not markup.
	cut -f15 "$T/$name.ir" | sed 's/\\n/\n/g' |
	    awk '/<pre/ { pre = 1 } !pre { print } /<\/pre>/ { pre = 0 }' |
	    sed -E 's/<code[^>]*>([^<]|<[^\/]|<\/[^c])*<\/code>//g' |
	    grep -E '\{\{<|\{\{%|\{%|\{/\*|&lt;(script|style|iframe)|^:::|<p>(import|export) ' \
	    >"$T/$name.tpl"
	is "$(wc -l <"$T/$name.tpl" | tr -d ' ')" 0 \
	    "$name: no template syntax in the HTML"
	head -3 "$T/$name.tpl" | cut -c1-160 | sed 's/^/#   /'
	[ "$VALIDATE" = 1 ] || return 0
	outputs "$name"
}

# outputs NAME: the feeds, the book and the mailbox of $T/NAME.ir.
outputs() {
	ir=$T/$1.ir
	ir2atom -t "$1" "$ir" >"$T/$1.atom" 2>"$T/$1.atom.err"
	is "$?" 0 "$1: ir2atom exits 0"
	atom_valid "$T/$1.atom"
	ok $? "$1: the Atom feed is valid against RFC 4287's schema"
	feed_check atom "$ir" "$T/$1.atom"
	ok $? "$1: feedparser reads the Atom feed back, bozo 0"
	ir2rss -t "$1" "$ir" >"$T/$1.rss" 2>"$T/$1.rss.err"
	is "$?" 0 "$1: ir2rss exits 0"
	feed_check rss "$ir" "$T/$1.rss"
	ok $? "$1: feedparser reads the RSS feed back, bozo 0"
	ir2epub -t "$1" -o "$T/$1.epub" "$ir" 2>"$T/$1.epub.err"
	is "$?" 0 "$1: ir2epub exits 0"
	epub_clean "$T/$1.epub" "$1: epubcheck has nothing to report"
	ir2mbox -o "$T/$1.mbox" "$ir" 2>"$T/$1.mbox.err"
	is "$?" 0 "$1: ir2mbox exits 0"
	n=$(wc -l <"$ir" | tr -d ' ')
	"$PY" "$TOP/t/mboxcheck.py" "$T/$1.mbox" "$ir" >"$T/$1.mchk"
	grep -v '^messages' "$T/$1.mchk" | head -5 | sed 's/^/#   /'
	is "$(tail -1 "$T/$1.mchk")" "messages $n" \
	    "$1: Python's email reads $n messages without a defect"
	rm -rf "$T/md"
	mmkdir "$T/md" && mdeliver -M "$T/md" <"$T/$1.mbox"
	is "$(mlist "$T/md" | wc -l | tr -d ' ')" "$n" "$1: mblaze imports $n messages"
	# What each filter said on this run: lines on standard error.
	printf '# %s: lines on stderr: md2ir %s, ir2atom %s, ir2rss %s, ir2epub %s, ir2mbox %s\n' \
	    "$1" $(for f in err atom.err rss.err epub.err mbox.err; do
		wc -l <"$T/$1.$f" | tr -d ' '; done)
	sed 's/^/#   /' "$T/$1.epub.err"
	rm -f "$T/$1.epub" "$T/$1.mbox"
}

. "$(dirname "$0")/corpora.sh"
each_corpus field

# Links as each site publishes them: a sample of each corpus, with the
# URL the real site serves.
links() {
	name=$1
	shift
	for u in "$@"; do
		is "$(cut -f4 "$T/$name.ir" | grep -cxF "$u")" 1 "$name: $u"
	done
}
links seeds https://cilium.io/blog/2017/5/31/bpf-updates-05
links rust-blog https://blog.rust-lang.org/2017/11/22/Rust-1.22.html \
    https://blog.rust-lang.org/inside-rust/2019/09/25/Welcome.html
links rust-blog-zola https://blog.rust-lang.org/2014/12/12/1.0-Timeline/ \
    https://blog.rust-lang.org/inside-rust/2019/09/25/Welcome/
links twir https://this-week-in-rust.org/blog/2019/08/06/this-week-in-rust-298/ \
    https://this-week-in-rust.org/blog/2013/06/07/this-week-in-rust-1/
links react-dev https://react.dev/blog/2024/12/05/react-19 \
    https://react.dev/blog/2021/06/08/the-plan-for-react-18
links jekyll-posts https://jekyllrb.com/news/2025/01/29/jekyll-4-4-1-released/ \
    https://jekyllrb.com/news/2013/05/05/jekyll-1-0-0-released/
links k8s-contributor https://www.kubernetes.dev/blog/2023/07/20/sig-cli-spotlight-2023/ \
    https://www.kubernetes.dev/blog/2023/03/01/introducing-kwok/
links v8-blog https://v8.dev/blog/10-years https://v8.dev/blog/array-sort

# The two forms of the Rust blog give the same title, date and authors
# for each post they share, matched by date and slug.
key() {
	awk -F '\t' -v OFS='\t' '{
		p = $4; sub(/^https?:\/\/[^\/]*/, "", p); sub(/\.html$/, "", p)
		sub(/\/$/, "", p); print p, $1, $3, $7 }' "$1" | LC_ALL=C sort
}
key "$T/rust-blog.ir" >"$T/k1"
key "$T/rust-blog-zola.ir" >"$T/k2"
LC_ALL=C join -t "$(printf '\t')" "$T/k1" "$T/k2" >"$T/both"
shared=$(wc -l <"$T/both" | tr -d ' ')
is "$([ "$shared" -ge 580 ] && echo many)" many \
    "the two Rust blogs share at least 580 posts by path ($shared)"
awk -F '\t' '$2 != $5 || $3 != $6 || $4 != $7' "$T/both" >"$T/differ"
head -5 "$T/differ" | cut -c1-200 | sed 's/^/#   /'
is "$(wc -l <"$T/differ" | tr -d ' ')" 0 \
    "the two Rust blogs: same date, title and authors for every shared post"

done_testing
