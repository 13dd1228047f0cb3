#!/bin/sh
# The incremental Makefile recipe of the README and quire(7)
# (testdata/incremental/site.mk) on 30 invented posts and a few written
# here: one IR file per post, one IR file a year merged with sort -m,
# the feeds, and a book and a mailbox a year.  Editing one post runs
# md2ir on that post alone and rebuilds its own year only; every file
# whose bytes did not change keeps its mtime; outputs that should change
# do; a new post reaches every output, a deleted one leaves them all, a
# post moved to another year moves between the books.
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
	touch -d @$NEW ir/* years/* feed.* public/*
}
# m: make, its commands in $T/make.out; $ran: how many md2ir it ran.
m() {
	make "$@" >"$T/make.out" 2>&1
	mrc=$?
	ran=$(grep -c '^md2ir ' "$T/make.out")
}
# changed: the files made by the recipe that make or a filter rewrote
# since settle, one name a line (not the stamps, which make touches
# whenever it has checked a step).
changed() {
	for f in ir/* years/* feed.ir public/*; do
		case $f in *.stamp|ir/list|ir/pruned) continue ;; esac
		[ "$(stat -c %Y "$f")" = $NEW ] || echo "$f"
	done
}
entries() { grep -c "$1" "$2"; }
chapters() { zipls "public/book-${1:-2024}.epub" | grep -c '^EPUB/issue-.*\.xhtml'; }
messages() { grep -c '^From ' "public/issues-${1:-2024}.mbox"; }
zipls() {
	"$PY" -c 'import sys, zipfile; [print(n) for n in zipfile.ZipFile(sys.argv[1]).namelist()]' "$1"
}
first_title() { grep -o '<title[^>]*>[^<]*' "$1" | sed -n 2p | sed 's/.*>//'; }

# A full build: 30 posts, one a draft.
m
is "$mrc:$ran" 0:30 "a full build runs md2ir once a post"
is "$(wc -l <years/2024.ir | tr -d ' ')" 29 "the year's IR has every post but the draft"
is "$(cat ir/2024-06-14-gloves.ir)" "" "the draft's IR file is empty"
is "$(cut -f1 years/2024.ir | LC_ALL=C sort -c && echo sorted)" sorted \
    "the year's IR is oldest first"
is "$(entries '<entry>' public/feed.atom):$(entries '<item>' public/feed.rss)" 20:20 \
    "the feeds hold the newest twenty"
is "$(first_title public/feed.atom)" "The last ferry" "the feed is newest first"
is "$(chapters)" 29 "the book has a chapter a post"
is "$(messages)" 29 "the mailbox a message a post"
is "$(ls public | tr '\n' ' ')" "book-2024.epub feed.atom feed.rss issues-2024.mbox " \
    "one book and one mailbox for the one year"
like "$("$PY" -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("EPUB/content.opf").decode())' public/book-2024.epub)" \
    "<dc:title[^>]*>Example Weekly, 2024</dc:title>" "the book is titled with its year"
cp public/feed.atom "$T/first.atom"
cp public/book-2024.epub "$T/first.epub"
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
is "$(changed | tr '\n' ' ')" "ir/2024-01-12-orchard.ir years/2024.ir public/book-2024.epub public/issues-2024.mbox " \
    "its IR, its year's IR, book and mailbox are rewritten, nothing else"
like "$(cat public/issues-2024.mbox)" "The orchard in April" "the new title is in the mailbox"
cmp -s public/book-2024.epub "$T/first.epub"
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
is "$(changed | tr '\n' ' ')" "ir/2024-07-26-ferry.ir years/2024.ir feed.ir public/book-2024.epub public/feed.atom public/feed.rss public/issues-2024.mbox " \
    "its IR, its year's IR and every output are rewritten"
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
is "$(wc -l <years/2024.ir | tr -d ' ')" 30 "it is in its year's IR"
is "$(first_title public/feed.atom)" "Kites over the common" "it heads the feed"
is "$(entries '<item>' public/feed.rss)" 20 "the RSS feed still holds twenty"
is "$(chapters)" 30 "it is a chapter of the book"
is "$(messages)" 30 "it is a message of the mailbox"
is "$(cat years/*.ir | grep -c 'Kites over the common')" 1 "once"
settle

# A deleted post leaves every output, and its IR file goes.
rm posts/2024-08-02-kites.md
m
is "$mrc:$ran" 0:0 "a deleted post: no md2ir"
[ ! -e ir/2024-08-02-kites.ir ]; ok $? "its IR file is removed"
is "$(wc -l <years/2024.ir | tr -d ' ')" 29 "it leaves its year's IR"
is "$(first_title public/feed.atom)" "The very last ferry" "and the feed"
is "$(chapters)" 29 "and the book"
is "$(messages)" 29 "and the mailbox"
like "$(cat ir/list)" "ferry" "the list of IR files names the posts"
settle
m
is "$mrc:$ran" 0:0 "then nothing to do"
is "$(changed)" "" "and nothing rewritten"

# A post of another year: a book and a mailbox of its own.  Editing it
# rebuilds that year alone; the feeds (it is not among the newest
# twenty) and every file of 2024 keep their mtimes.
cat >posts/2023-11-03-fog.md <<'EOF'
---
title: "Fog on the estuary"
date: 2023-11-03T09:00:00Z
author: Example Editor
---
The foghorn, all morning.
EOF
m
is "$mrc:$ran" 0:1 "a post of 2023: md2ir runs on it alone"
is "$(changed | tr '\n' ' ')" "ir/2023-11-03-fog.ir ir/years.mk years/2023.ir public/book-2023.epub public/issues-2023.mbox " \
    "its IR, the years and 2023's IR, book and mailbox are written, nothing of 2024"
is "$(chapters 2023):$(messages 2023):$(chapters):$(messages)" 1:1:29:29 \
    "2023's book and mailbox hold it, 2024's are as they were"
settle
sed 's/^title: .*/title: "Fog on the river"/' posts/2023-11-03-fog.md >"$T/p" &&
    cat "$T/p" >posts/2023-11-03-fog.md
m
is "$mrc:$ran" 0:1 "the 2023 post edited: md2ir runs on it alone"
is "$(changed | tr '\n' ' ')" "ir/2023-11-03-fog.ir years/2023.ir public/book-2023.epub public/issues-2023.mbox " \
    "only 2023's IR, book and mailbox are rewritten"
like "$(cat public/issues-2023.mbox)" "Fog on the river" "with the new title"
settle

# Its date moved to 2024: it joins 2024's book and mailbox, and 2023,
# left without posts, loses its IR, book and mailbox.
sed 's/^date: .*/date: 2024-03-02T09:00:00Z/' posts/2023-11-03-fog.md >"$T/p" &&
    cat "$T/p" >posts/2023-11-03-fog.md
m -n
is "$mrc:$ran:$(ls years public | grep -c 2023)" 0:1:4 \
    "make -n converts the post (GNU make remakes ir/years.mk even then) and deletes nothing"
m
is "$mrc:$ran" 0:0 "then make: the post is converted already"
is "$(ls years public | grep -c 2023)" 0 "2023's IR, book and mailbox are gone"
is "$(chapters):$(messages)" 30:30 "the post is in 2024's book and mailbox"
rm posts/2023-11-03-fog.md
m
is "$mrc:$ran:$(chapters):$(messages)" 0:0:29:29 "deleted, it leaves them"
settle

# Two posts of one id (one permalink) in two years, which no filter sees
# together: refused when the years are made, naming both; the outputs
# stay.
sed -e 's|^date: .*|date: 2022-05-06T09:00:00Z\npermalink: /2024/01/05/kettle.html|' \
    posts/2024-01-05-kettle.md >posts/2022-05-06-kettle.md
m
ok $((! mrc)) "two posts of one id fail the make"
like "$(cat "$T/make.out")" "ir/2024-01-05-kettle.ir:1: duplicate id https://example.org/2024/01/05/kettle.html \(also in ir/2022-05-06-kettle.ir\)" \
    "naming the id and both files"
is "$(changed | grep -v -e '^ir/2022-05-06-kettle.ir$')" "" "every output stays as it was"
[ ! -e ir/years.mk.new ]; ok $? "and the failed step leaves no file behind"
rm posts/2022-05-06-kettle.md
m
is "$mrc:$(chapters)" 0:29 "one of them removed, make goes on"
settle

# A broken post stops make before anything downstream; the outputs stay.
printf -- '---\ntitle: [unclosed\n---\nx\n' >posts/2024-08-09-broken.md
m
ok $((! mrc)) "a broken post fails the make"
like "$(cat "$T/make.out")" "2024-08-09-broken.md" "and names the post"
is "$(changed | grep -v '^ir/list$')" "" "every output stays as it was"

done_testing
