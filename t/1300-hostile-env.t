#!/bin/sh
# Hostile environments (issue 13, cases 03-07, 19-21, 23, 34, 37, 40):
# closed fds 0/1/2, -o on links, devices, long names, inputs, a killed
# run, write errors and TMPDIR; and -o leaving an identical file as it
# was, mtime included (issue 14).
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
printf -- '---\ntitle: Draft\ndate: 2020-01-01\ndraft: true\n---\nd\n' > draft.md
printf -- '---\ntitle: Good\ndate: 2020-01-02\n---\ngood\n' > good.md
md2ir -b https://example.org good.md > in.ir
args() { [ "$1" = ir2epub ] && echo "-t Book"; }

# 03: with fd 2 closed, notes go nowhere, never into the output.
md2ir -o out.ir draft.md good.md 2>&-
is "$?:$(cut -f3 out.ir)" "0:Good" "03: stderr closed: md2ir -o writes only the IR"
run ir2atom out.ir
is "$rc" 0 "03: and ir2atom reads it"

# 04: with fd 0 closed, reading standard input is an error; -o keeps FILE.
for p in ir2atom ir2rss ir2mbox ir2epub; do
	# shellcheck disable=SC2046
	"$p" $(args "$p") -o "out.$p" in.ir
	before=$(cksum < "out.$p")
	# shellcheck disable=SC2046
	"$p" $(args "$p") -o "out.$p" <&- 2>err
	is "$?:$(cat err)" "1:$p: standard input is closed" "04: $p: closed stdin is an error"
	is "$(cksum < "out.$p")" "$before" "04: $p: -o FILE keeps its bytes"
done
md2ir -o out.ir <&- 2>err
is "$?:$(cat err)" "1:md2ir: <stdin>: standard input is closed" "04: md2ir: closed stdin is an error"

# 05: with fd 1 closed, writing to standard output is an error.
for p in md2ir ir2atom ir2rss ir2mbox ir2epub; do
	in=in.ir
	[ "$p" = md2ir ] && in=good.md
	# shellcheck disable=SC2046
	"$p" $(args "$p") "$in" >&- 2>err
	is "$?:$(cat err)" "1:$p: standard output is closed" "05: $p: closed stdout is an error"
done

# 37: with fd 2 closed, ir2epub's spool is not fd 2: notes cannot
# overwrite chapters.
for i in 1 2 3 4 5 6 7 8 9; do
	printf -- '---\ntitle: Img %s\ndate: 2020-01-0%s\n---\n![r](https://example.com/a%s.png)\n\n%s\n' \
	    $i $i $i "$(head -c 3000 /dev/zero | tr '\0' x)" > "m$i.md"
done
md2ir m*.md > m.ir
ir2epub -t T -o a.epub m.ir 2>/dev/null
ir2epub -t T -o b.epub m.ir 2>&-
is "$?" 0 "37: stderr closed: ir2epub succeeds"
same_file a.epub b.epub "37: and writes the same book"

# 19: -o on a symbolic link writes through it; the link stays.
echo OLD > real.ir
ln -s real.ir link.ir
md2ir -o link.ir good.md
is "$?:$(readlink link.ir):$(cut -f3 real.ir)" "0:real.ir:Good" "19: -o through a symlink replaces its target"
mkdir sub
ln -s ../real.ir sub/rel.ir
printf -- '---\ntitle: Other\ndate: 2020-01-03\n---\nx\n' > other.md
md2ir -o sub/rel.ir other.md
is "$(cut -f3 real.ir)" "Other" "19: a relative link in another folder is followed"

# 20: a 250-byte name works: the temporary name never passes NAME_MAX.
n=$(printf '%0250d' 0)
: > "$n"
md2ir -o "$n" good.md
is "$?:$(cut -f3 "$n")" "0:Good" "20: -o with a 250-byte file name"

# 06, 21: a character device is written, never renamed over (a scratch
# node of our own, so that a regression cannot replace /dev/null).
if mknod null c 1 3 2>/dev/null; then
	md2ir -o null good.md
	is "$?:$(stat -c %F null)" "0:character special file" "06: -o on a device node writes to it"
else
	ok 0 "# SKIP 06: mknod needs root"
fi
ln -s /proc/self/fd/1 stdout
out=$(md2ir -o stdout good.md | cut -f3)
is "$out:$(readlink stdout)" "Good:/proc/self/fd/1" "06: -o on a link to /proc/self/fd/1 writes to standard output"
out=$(md2ir -o /dev/stdout good.md | cut -f3)
is "$out" "Good" "06: -o /dev/stdout writes to standard output"
mkfifo fifo
cat fifo > fromfifo &
md2ir -o fifo good.md
wait
is "$(cut -f3 fromfifo):$(stat -c %F fifo)" "Good:fifo" "06: -o FIFO writes into it"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 755 "$T"
	out=$(cd / && setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$BIN/md2ir" -o /dev/stdout "$T/good.md" 2>&1 | cut -f3)
	is "$out" "Good" "21: -o /dev/stdout as an ordinary user"
else
	ok 0 "# SKIP 21: needs root and setpriv to become an ordinary user"
fi

# 07: kill -9 while -o is being written leaves no temporary file.
rm -f fifo
mkfifo fifo
echo old > book.ir
md2ir -o book.ir fifo 2>/dev/null &
pid=$!
exec 3>fifo
# Wait (bounded) until the output is open, then kill.
i=0
while [ $i -lt 100 ] && ! ls -l "/proc/$pid/fd" 2>/dev/null | grep -q "$T"; do
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid
wait $pid 2>/dev/null
exec 3>&-
is "$(cat book.ir):$(ls -a | grep -c '^\.quire-')" "old:0" "07: kill -9 keeps the old file and leaves no temporary file"

# 40: -o naming an input, or a glob that slipped, is refused.
mkdir posts
for k in 1 2 3; do
	printf -- '---\ntitle: p%s\ndate: 2020-01-0%s\n---\nThe only copy of post %s.\n' $k $k $k > posts/p$k.md
done
cp posts/p1.md p1.keep
run md2ir -o posts/p1.md posts/p2.md posts/p3.md
is "$rc" 2 "40: md2ir -o posts/*.md is refused (exit 2)"
like "$(cat "$T/err")" "posts/p1.md: -o would replace an existing file named like an input" "40: the message says why"
same_file posts/p1.md p1.keep "40: the post is untouched"
cp in.ir in2.ir
run ir2atom -o in.ir in2.ir
is "$rc" 2 "40: ir2atom -o a.ir b.ir is refused"
run ir2mbox -o in2.ir in2.ir
is "$rc:$(cat "$T/err")" "2:ir2mbox: in2.ir: -o names an input file; refusing to replace it" "40: -o naming the input itself"

# 23: write errors keep their errno, however much stdio buffered.
printf -- '---\ntitle: Big\ndate: 2020-01-03\n---\n%s\n' "$(head -c 20000 /dev/zero | tr '\0' x)" > big.md
for p in md2ir ir2atom ir2rss ir2mbox ir2epub; do
	in=in.ir
	[ "$p" = md2ir ] && in=big.md
	# shellcheck disable=SC2046
	"$p" $(args "$p") "$in" > /dev/full 2>err
	is "$?:$(cat err)" "1:$p: write error: No space left on device" "23: $p on /dev/full names ENOSPC"
done
i=0
while [ $i -lt 300 ]; do sed "s/good/g$i/g" in.ir; i=$((i + 1)); done > many.ir
(trap '' PIPE; ir2mbox many.ir 2>err | head -c 10 > /dev/null)
is "$(cat err)" "ir2mbox: write error: Broken pipe" "23: a closed pipe with SIGPIPE ignored names EPIPE"

# 34: TMPDIR is where the spool goes.
for p in ir2atom ir2rss ir2epub; do
	# shellcheck disable=SC2046
	TMPDIR=$T/nowhere "$p" $(args "$p") in.ir > /dev/null 2>err
	like "$?:$(cat err)" "^1:$p: cannot create a temporary file" "34: $p: its spool is made in TMPDIR"
done

# The new file keeps the old one's owner and group, never a set-id bit.
if [ "$(id -u)" = 0 ]; then
	echo old > owned.ir
	chown 65534:65534 owned.ir
	chmod 6755 owned.ir
	md2ir -o owned.ir good.md
	is "$(stat -c '%u:%g %a' owned.ir)" "65534:65534 755" "-o keeps owner and group, drops set-id bits"
else
	ok 0 "# SKIP owner and group: needs root to give a file away"
fi

# Issue 14: an identical output leaves the file as it was, mtime included.
md2ir -o same.ir good.md
touch -d '2001-02-03 04:05:06' same.ir
ino=$(stat -c %i same.ir)
md2ir -o same.ir good.md
is "$?:$(stat -c '%Y %i' same.ir)" "0:$(date -d '2001-02-03 04:05:06' +%s) $ino" "14: identical output keeps the file and its mtime"
md2ir -o same.ir other.md
is "$(cut -f3 same.ir)" "Other" "14: a different output replaces it"
ir2epub -t T -o same.epub in.ir
touch -d '2001-02-03 04:05:06' same.epub
ir2epub -t T -o same.epub in.ir
is "$(stat -c %Y same.epub)" "$(date -d '2001-02-03 04:05:06' +%s)" "14: ir2epub: same book, same mtime"

done_testing
