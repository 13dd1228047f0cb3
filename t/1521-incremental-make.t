#!/bin/sh
# The incremental Makefile recipe of the README and quire(7)
# (testdata/incremental/site.mk) on 30 invented posts: one IR file per
# post, the combined IR merged with sort -m, the feeds, the book and the
# mailbox from it.  Editing one post runs md2ir on that post alone;
# every file whose bytes did not change keeps its mtime; outputs that
# should change do; a new post reaches every output, a deleted one
# leaves them all.
. "$(dirname "$0")/lib.sh"

command -v make >/dev/null 2>&1 || skip_all "no make"

# The recipe in the README and in quire(7) is this file's, less comments.
grep -v '^#' "$TD/incremental/site.mk" | cat -s | sed '1{/^$/d}' >"$T/rules"
sed -n '/^## Rebuilding post by post/,/^## /p' "$TD/../README.md" |
    sed -n '/^```make$/,/^```$/p' | sed '1d;$d' >"$T/readme"
same_file "$T/readme" "$T/rules" "README: the recipe is testdata/incremental/site.mk's"
sed -n '/^\.Sh INCREMENTAL BUILDS/,/^\.Sh /p' "$TD/../common/quire.7" |
    sed -n '/^\.Bd -literal/,/^\.Ed$/p' | sed '1d;$d' |
    sed -e 's/^\\&//' -e 's/\\e/\\/g' >"$T/man"
same_file "$T/man" "$T/rules" "quire(7): the recipe is testdata/incremental/site.mk's"
mkdir -p "$T/site" && cd "$T/site" || exit 1
cp "$TD/incremental/site.mk" Makefile
cp "$TD/incremental/site.yaml" .
cp -R "$TD/incremental/posts" posts

OLD=1000000000 NEW=1000000100
# Inputs in the past, everything made a little later: an edit is newer,
# and a file that make or a filter rewrites gets a new mtime.
settle() {
	touch -d @$OLD Makefile site.yaml posts posts/*
	touch -d @$NEW ir/* issues.ir feed.ir public/*
}
# m: make, its commands in $T/make.out; $ran: how many md2ir it ran.
m() {
	make "$@" >"$T/make.out" 2>&1
	mrc=$?
	ran=$(grep -c '^md2ir ' "$T/make.out")
}
# changed: the files made by the recipe that make or a filter rewrote
# since settle, one name a line.
changed() {
	for f in ir/* issues.ir feed.ir public/*; do
		[ "$(stat -c %Y "$f")" = $NEW ] || echo "$f"
	done
}
entries() { grep -c "$1" "$2"; }
chapters() { zipls public/book.epub | grep -c '^EPUB/issue-.*\.xhtml'; }
zipls() {
	"$PY" -c 'import sys, zipfile; [print(n) for n in zipfile.ZipFile(sys.argv[1]).namelist()]' "$1"
}
first_title() { grep -o '<title[^>]*>[^<]*' "$1" | sed -n 2p | sed 's/.*>//'; }

# A full build: 30 posts, one a draft.
m
is "$mrc:$ran" 0:30 "a full build runs md2ir once a post"
is "$(wc -l <issues.ir | tr -d ' ')" 29 "the combined IR has every post but the draft"
is "$(cat ir/2024-06-14-gloves.ir)" "" "the draft's IR file is empty"
is "$(cut -f1 issues.ir | LC_ALL=C sort -c && echo sorted)" sorted \
    "the combined IR is oldest first"
is "$(entries '<entry>' public/feed.atom):$(entries '<item>' public/feed.rss)" 20:20 \
    "the feeds hold the newest twenty"
is "$(first_title public/feed.atom)" "The last ferry" "the feed is newest first"
is "$(chapters)" 29 "the book has a chapter a post"
is "$(grep -c '^From ' public/issues.mbox)" 29 "the mailbox a message a post"
cp public/feed.atom "$T/first.atom"
cp public/book.epub "$T/first.epub"
m
is "$mrc:$ran" 0:0 "a second make runs nothing"
like "$(cat "$T/make.out")" "Nothing to be done" "and says so"
settle
m -q
is "$mrc" 0 "make -q: up to date"

# A post touched but not changed: md2ir on it, nothing else rewritten.
touch posts/2024-02-16-bells.md
m
is "$mrc:$ran" 0:1 "a touched post: md2ir runs on it alone"
is "$(changed)" "" "and no file is rewritten: every mtime is kept"
settle

# An old post's title (outside the newest twenty): its IR, the combined
# IR, the book and the mailbox change; the feeds keep their bytes and
# mtime, and so does every other post's IR.
sed 's/^title: .*/title: "The orchard in April"/' posts/2024-01-12-orchard.md >"$T/p" &&
    cat "$T/p" >posts/2024-01-12-orchard.md
m
is "$mrc:$ran" 0:1 "an edited post: md2ir runs on it alone"
is "$(changed | tr '\n' ' ')" "ir/2024-01-12-orchard.ir issues.ir public/book.epub public/issues.mbox " \
    "its IR, the combined IR, the book and the mailbox are rewritten, nothing else"
like "$(cat public/issues.mbox)" "The orchard in April" "the new title is in the mailbox"
cmp -s public/book.epub "$T/first.epub"
ok $((! $?)) "the book changed"
same_file public/feed.atom "$T/first.atom" "the feed kept its bytes"
m
is "$mrc:$(grep -c -E '^(md2ir|ir2)' "$T/make.out")" 0:0 \
    "make again: no filter runs (the feeds' input kept its bytes)"
settle

# The newest post's title: now the feeds change too.
sed 's/^title: .*/title: "The very last ferry"/' posts/2024-07-26-ferry.md >"$T/p" &&
    cat "$T/p" >posts/2024-07-26-ferry.md
m
is "$mrc:$ran" 0:1 "the newest post edited: md2ir runs on it alone"
is "$(changed | tr '\n' ' ')" "ir/2024-07-26-ferry.ir issues.ir feed.ir public/book.epub public/feed.atom public/feed.rss public/issues.mbox " \
    "its IR, the combined IR and every output are rewritten"
is "$(first_title public/feed.atom)" "The very last ferry" "the new title heads the Atom feed"
like "$(cat public/feed.rss)" "<title>The very last ferry</title>" "and is in the RSS feed"
settle

# A new post reaches every output.
cat >posts/2024-08-02-kites.md <<'EOF'
---
title: "Kites over the common"
date: 2024-08-02T09:00:00Z
author: Example Editor
---
Paper, string and a windy Saturday.
EOF
m
is "$mrc:$ran" 0:1 "a new post: md2ir runs on it alone"
is "$(wc -l <issues.ir | tr -d ' ')" 30 "it is in the combined IR"
is "$(first_title public/feed.atom)" "Kites over the common" "it heads the feed"
is "$(entries '<item>' public/feed.rss)" 20 "the RSS feed still holds twenty"
is "$(chapters)" 30 "it is a chapter of the book"
is "$(grep -c '^From ' public/issues.mbox)" 30 "it is a message of the mailbox"
is "$(grep -c 'Kites over the common' issues.ir)" 1 "once"
settle

# A deleted post leaves every output, and its IR file goes.
rm posts/2024-08-02-kites.md
m
is "$mrc:$ran" 0:0 "a deleted post: no md2ir"
[ ! -e ir/2024-08-02-kites.ir ]; ok $? "its IR file is removed"
is "$(wc -l <issues.ir | tr -d ' ')" 29 "it leaves the combined IR"
is "$(first_title public/feed.atom)" "The very last ferry" "and the feed"
is "$(chapters)" 29 "and the book"
is "$(grep -c '^From ' public/issues.mbox)" 29 "and the mailbox"
like "$(cat ir/list)" "ferry" "the list of IR files names the posts"
settle
m
is "$mrc:$ran" 0:0 "then nothing to do"
is "$(changed)" "" "and nothing rewritten"

# A broken post stops make before anything downstream; the outputs stay.
printf -- '---\ntitle: [unclosed\n---\nx\n' >posts/2024-08-09-broken.md
m
ok $((! mrc)) "a broken post fails the make"
like "$(cat "$T/make.out")" "2024-08-09-broken.md" "and names the post"
is "$(changed | grep -v '^ir/list$')" "" "every output stays as it was"

done_testing
