#!/bin/sh
# The Makefile recipe of the README (testdata/feeds/feed.mk): feeds are
# rebuilt when a post changes, is added or removed, and only then.
. "$(dirname "$0")/lib.sh"

command -v make >/dev/null 2>&1 || skip_all "no make"
mkdir -p "$T/site/posts" && cd "$T/site" || exit 1
cp "$TD/feeds/feed.mk" Makefile
cp "$TD/seeds/bpf-updates-05.md" "$TD/seeds/bpf-updates-13.md" posts/
printf 'title: BPF Updates\nlink: https://example.org/\n' >site.yaml

# Inputs in the past, outputs a little later: any edit is newer.
settle() {
	touch -d @1000000000 posts/* posts site.yaml
	touch -d @1000000100 issues.ir public/feed.atom public/feed.rss
}
m() { make -s "$@" >"$T/make.out" 2>&1; }

m
is $? 0 "make builds both feeds"
is "$(sfeed <public/feed.atom | wc -l)" 2 "the Atom feed has both issues"
is "$(sfeed <public/feed.rss | wc -l)" 2 "the RSS feed has both issues"
cp public/feed.atom "$T/first.atom"
settle
m -q
is $? 0 "nothing changed: make -q says up to date"

touch posts/bpf-updates-13.md
m -q
is $? 1 "a touched post: make -q wants a rebuild"
m
same_file public/feed.atom "$T/first.atom" "a touched but unchanged post gives the same bytes"
settle

sed 's/^title: .*/title: "BPF Updates 13, revised"/' posts/bpf-updates-13.md >"$T/p" &&
    cat "$T/p" >posts/bpf-updates-13.md
m
is "$(sfeed <public/feed.rss | cut -f2 | head -1)" "BPF Updates 13, revised" \
    "an edited title reaches the RSS feed, newest first"
settle

sed -e 's/^title: .*/title: "BPF Updates 14"/' -e 's/^date: .*/date: 2017-12-01/' \
    -e '/^path:/d' -e '/^permalink:/d' posts/bpf-updates-13.md >posts/bpf-updates-14.md
m
is "$(sfeed <public/feed.atom | wc -l)" 3 "an added post reaches the feed"
settle
rm posts/bpf-updates-05.md
m
is "$(sfeed <public/feed.atom | wc -l)" 2 "a removed post leaves the feed"
settle

printf 'title: BPF Updates\nlink: https://example.org/\ncolour: red\n' >site.yaml
m
ok $((! $?)) "a bad site.yaml fails the make"
like "$(cat "$T/make.out")" "unknown key 'colour'" "and says why"
is "$(sfeed <public/feed.atom | wc -l)" 2 "the old feed is still there"

done_testing
