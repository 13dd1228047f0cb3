#!/bin/sh
# Every kind of bad input, for every filter: the rows of the README's
# table "Bad input", each with its exit status and message.
. "$(dirname "$0")/lib.sh"

IRF="ir2atom ir2rss ir2epub ir2mbox"
args() { [ "$1" = ir2epub ] && echo "-t Book"; }

# expect PROG RC PATTERN DESCRIPTION -- ARGS...: exit status and the
# first line of stderr (grep -E), and nothing half-written on failure.
expect() {
	p=$1 want=$2 pat=$3 desc=$4
	shift 5
	# shellcheck disable=SC2046
	run "$p" $(args "$p") "$@"
	is "$rc" "$want" "$p: $desc: exit $want"
	like "$(head -1 "$T/err")" "^$p: $pat" "$p: $desc: message"
}

cd "$T" || exit 1
chmod 711 "$T"
printf -- '---\ntitle: ok\ndate: 2020-01-01\n---\nbody\n' > ok.md
printf '2017-01-01T00:00:00Z\turn:x:1\tT\n' > ok.ir

# Missing file, directory, unreadable file, symlink loop: the same for all.
mkdir dir
ln -s loop loop
cp ok.md secret.md
cp ok.ir secret.ir
chmod 000 secret.md secret.ir
for p in md2ir $IRF; do
	expect "$p" 1 "missing: No such file or directory" "missing file" -- missing
	expect "$p" 1 "dir: Is a directory" "directory given as a file" -- dir
	expect "$p" 1 "loop: Too many levels of symbolic links" "symlink loop" -- loop
	s=secret.ir
	[ "$p" = md2ir ] && s=secret.md
	if [ "$(id -u)" -eq 0 ]; then
		# Root reads anything: drop to nobody for this one.
		# shellcheck disable=SC2046
		run setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$BIN/$p" $(args "$p") $s
	else
		# shellcheck disable=SC2046
		run "$p" $(args "$p") $s
	fi
	is "$rc" 1 "$p: unreadable file: exit 1"
	like "$(head -1 "$T/err")" "^$p: $s: Permission denied" "$p: unreadable file: message"
done

# Empty input.
: > empty
expect md2ir 1 "empty: empty file" "empty file" -- empty
for p in ir2atom ir2rss; do
	run "$p" empty
	is "$rc:$(cat "$T/err")" "0:" "$p: empty input: an empty feed, exit 0"
	xmllint --noout "$T/out" 2>/dev/null
	ok $? "$p: empty input: the feed is well-formed"
done
run ir2mbox empty
is "$rc:$(wc -c < "$T/out")" "0:0" "ir2mbox: empty input: an empty mailbox"
expect ir2epub 1 "no issues in the input" "empty input" -- empty

# Binary input and invalid UTF-8.
head -c 4096 "$BIN/md2ir" > binary
printf -- '---\ntitle: ok\ndate: 2020-01-01\n---\n\ncaf\351\n' > latin1.md
printf '2017-01-01T00:00:00Z\turn:x:1\tcaf\351\n' > latin1.ir
expect md2ir 1 "binary:1: NUL byte" "binary input" -- binary
expect md2ir 1 "latin1.md:6: invalid UTF-8" "invalid UTF-8" -- latin1.md
for p in $IRF; do
	expect "$p" 1 "binary:1: (NUL byte at|invalid UTF-8 at|character U\\+[0-9A-F]{4} at) byte [0-9]+" "binary input" -- binary
	expect "$p" 1 "latin1.ir:1: invalid UTF-8 at byte 33" "invalid UTF-8" -- latin1.ir
done

# Malformed IR: too few fields, lone backslash, NUL byte.
printf '2017-01-01T00:00:00Z\n' > short.ir
printf '2017-01-01T00:00:00Z\turn:x:1\tT\t\t\t\tx\\\n' > backslash.ir
printf '2017-01-01T00:00:00Z\turn:x:1\tT\000\n' > nul.ir
for p in $IRF; do
	expect "$p" 1 "short.ir:1: field 2: the id is empty" "too few fields" -- short.ir
	expect "$p" 1 "backslash.ir:1: field 7: bad backslash escape" "lone backslash" -- backslash.ir
	expect "$p" 1 "nul.ir:1: NUL byte at byte 31" "NUL byte" -- nul.ir
done

# Duplicate ids.
mkdir a b
cp ok.md a/same.md
cp ok.md b/same.md
expect md2ir 1 "b/same.md: duplicate id" "duplicate ids" -- a/same.md b/same.md
cat ok.ir ok.ir > dup.ir
for p in $IRF; do
	expect "$p" 1 "dup.ir:2: duplicate id 'urn:x:1'" "duplicate ids" -- dup.ir
done

# Dates out of range: year 0 is no date; 9999 and 1969 are fine.
printf -- '---\ntitle: t\ndate: 0000-01-01\n---\n' > y0.md
expect md2ir 1 "y0.md:3: cannot read the date '0000-01-01'" "year 0" -- y0.md
printf -- '---\ntitle: a\ndate: 9999-12-31T23:59:59Z\npath: /a\n---\n' > y9999.md
printf -- '---\ntitle: b\ndate: 1969-07-20T20:17:40Z\npath: /b\n---\n' > y1969.md
run md2ir -b https://example.org y9999.md y1969.md
is "$rc:$(cut -f1 "$T/out" | tr '\n' ' ')" "0:9999-12-31T23:59:59Z 1969-07-20T20:17:40Z " "md2ir: years 9999 and 1969"
cp "$T/out" range.ir
printf '0000-01-01T00:00:00Z\turn:x:0\tT\n' > y0.ir
for p in $IRF; do
	expect "$p" 1 "y0.ir:1: field 1: not a date" "year 0" -- y0.ir
	# shellcheck disable=SC2046
	run "$p" $(args "$p") range.ir
	# The feeds warn that the root-relative permalinks stay relative.
	is "$rc:$(grep -v 'links are relative' "$T/err")" "0:" \
	    "$p: years 9999 and 1969 are written"
done

# YAML bombs and deep nesting, in front matter and in -c files.
{
	echo 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'
	p=a
	for k in b c d e f g h i j; do
		printf '%s: &%s [' "$k" "$k"
		for n in 1 2 3 4 5 6 7 8; do printf '*%s,' "$p"; done
		printf '*%s]\n' "$p"
		p=$k
	done
} > bomb.yaml
{ echo ---; cat bomb.yaml; printf 'title: t\ndate: 2020-01-01\n---\n'; } > bomb.md
{ printf 'title: '; head -c 5000 /dev/zero | tr '\0' '['; echo; } > deep.yaml
{ echo ---; cat deep.yaml; printf 'date: 2020-01-01\n---\n'; } > deep.md
expect md2ir 1 "bomb.md:[0-9]+: front matter too large" "YAML bomb" -- bomb.md
expect md2ir 1 "deep.md:2: front matter nested more than 64 deep" "deeply nested YAML" -- deep.md
for p in $IRF; do
	expect "$p" 1 "bomb.yaml:[0-9]+: .*too large" "YAML bomb in -c" -- -c bomb.yaml ok.ir
	expect "$p" 1 "deep.yaml:1: nested more than 32 deep" "deeply nested YAML in -c" -- -c deep.yaml ok.ir
done

# An image path outside the issue's folder: never read by ir2epub.
mkdir -p site/posts
printf 'secret\n' > site/secret.png
printf -- '---\ntitle: t\ndate: 2020-01-01\n---\n![s](../secret.png) ![p](/etc/passwd)\n' > site/posts/p.md
md2ir site/posts/p.md > out.ir
run ir2epub -v -t Book out.ir
is "$rc" 0 "ir2epub: image outside the tree: the book is still written"
is "$(grep -c 'not embedded' "$T/err")" 2 "ir2epub: image outside the tree: one note per image"
"$PY" -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$T/out" > names
like "$(cat names)" 'content\.opf' "ir2epub: image outside the tree: the book lists its files"
if grep -qi -e secret -e passwd -e 'images/' names; then r=1; else r=0; fi
ok $r "ir2epub: image outside the tree: not in the book"

done_testing
