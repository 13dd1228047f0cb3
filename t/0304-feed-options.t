#!/bin/sh
# ir2atom and ir2rss: usage, options over site.yaml, defaults derived
# from the issues, an empty stream, operands and standard input, errors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feeds.sh"

F=$TD/feeds
S=$TD/golden/seeds.ir
x() { xmllint --xpath "$1" "$2" 2>/dev/null; }
X='/*[local-name()="feed"]/*[local-name()='

for p in ir2atom ir2rss; do
	run $p -h
	is "$rc" 0 "$p -h: exit 0"
	like "$(cat "$T/out")" "^usage: $p \\[-hqsv\\]" "$p -h: usage on standard output"
	run $p --version
	is "$(cat "$T/out")" "$p (quire) 0.1.0" "$p --version"
	run $p -Z "$S"
	is "$rc" 2 "$p: an unknown option is a usage error, exit 2"
	like "$(tail -1 "$T/err")" "^usage: $p " "$p: usage on standard error"
	run $p -i not-a-uri "$S"
	is "$rc" 2 "$p -i: an id that is not an absolute URI is a usage error"
	run $p -L en_US "$S"
	is "$rc" 2 "$p -L: a malformed language tag is a usage error"
	run $p "$T/missing.ir"
	is "$rc" 1 "$p: a missing operand: exit 1"
	like "$(cat "$T/err")" "^$p: $T/missing.ir: No such file" "$p: names the missing file"
	if [ -w /dev/full ]; then
		$p "$S" >/dev/full 2>"$T/err"
		is "$?" 1 "$p: a full disk is an error"
		like "$(cat "$T/err")" "write error" "$p: and says so"
	fi
done

# site.yaml: unknown keys and bad values are errors, options win.
printf 'title: T\ncolour: blue\n' >"$T/bad.yaml"
run ir2atom -c "$T/bad.yaml" "$S"
is "$rc" 1 "site.yaml with an unknown key: exit 1"
is "$(cat "$T/err")" "ir2atom: $T/bad.yaml:2: unknown key 'colour'" "names the file, line and key"
printf 'id: nope\n' >"$T/bad.yaml"
run ir2rss -c "$T/bad.yaml" "$S"
is "$rc" 1 "site.yaml with an id that is not a URI: exit 1"
run ir2atom -c "$T/nothere.yaml" "$S"
is "$rc" 1 "a missing site.yaml: exit 1"
run ir2atom -c "$F/site.yaml" -t "Option Title" -a "Opt <opt@example.net>" "$S"
is "$(x "string(${X}'title'])" "$T/out")" "Option Title" "-t wins over site.yaml"
is "$(x "string(${X}'author']/*[local-name()='email'])" "$T/out")" \
    opt@example.net "-a wins over site.yaml"
is "$(x "string(${X}'subtitle'])" "$T/out")" "Hostile issues, on purpose" \
    "site.yaml gives what no option overrides"
is "$(x "string(${X}'icon'])" "$T/out")" https://example.org/favicon.ico \
    "a relative icon is resolved against the site link"
run ir2rss -c "$F/site.yaml" "$S"
is "$(x 'string(/rss/channel/managingEditor)' "$T/out")" \
    "ed@example.org (Ed Itor)" "rss: managingEditor from the author's email"
is "$(x 'string(/rss/channel/image/url)' "$T/out")" https://example.org/logo.png \
    "rss: the logo is the channel image"

# An empty stream is a valid feed dated by SOURCE_DATE_EPOCH, else 1970.
for fmt in atom rss; do
	run ir2$fmt </dev/null
	is "$rc" 0 "ir2$fmt: an empty stream: exit 0"
	cp "$T/out" "$T/empty.$fmt"
	is "$(sfeed <"$T/empty.$fmt" | wc -l)" 0 "ir2$fmt: an empty stream: no item"
	printf '' >"$T/empty.ir"
	feed_check $fmt "$T/empty.ir" "$T/empty.$fmt"
	ok $? "ir2$fmt: an empty stream: feedparser reads it, bozo 0"
done
is "$(x "string(${X}'updated'])" "$T/empty.atom")" 1970-01-01T00:00:00Z \
    "ir2atom: an empty feed without SOURCE_DATE_EPOCH is dated 1970"
SOURCE_DATE_EPOCH=1700000000 ir2atom </dev/null >"$T/sde.atom"
is "$(x "string(${X}'updated'])" "$T/sde.atom")" 2023-11-14T22:13:20Z \
    "ir2atom: an empty feed is dated SOURCE_DATE_EPOCH"
SOURCE_DATE_EPOCH=1700000000 ir2rss </dev/null >"$T/sde.rss"
is "$(x 'string(/rss/channel/lastBuildDate)' "$T/sde.rss")" \
    "Tue, 14 Nov 2023 22:13:20 +0000" "ir2rss: lastBuildDate from SOURCE_DATE_EPOCH"

# Without md2ir -b: root-relative permalinks, urn:uuid ids; still valid.
(cd "$TD/.." && md2ir testdata/seeds/bpf-updates-05.md \
    testdata/seeds/bpf-updates-13.md) >"$T/nob.ir"
ir2atom "$T/nob.ir" >"$T/nob.atom"
atom_valid "$T/nob.atom" "$T/empty.atom"
ok $? "without a base URL, and for an empty stream: valid against RFC 4287"
feed_check atom "$T/nob.ir" "$T/nob.atom"
ok $? "without a base URL: feedparser reads it back"
like "$(x "string(${X}'id'])" "$T/nob.atom")" \
    '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' \
    "without a base URL: the feed id is a name-based urn:uuid"
is "$(x "string(${X}'title'])" "$T/nob.atom")" Issues \
    "without a base URL or -t: the title is 'Issues'"
sort -r "$T/nob.ir" | ir2atom >"$T/nob2.atom"
is "$(x "string(${X}'id'])" "$T/nob2.atom")" "$(x "string(${X}'id'])" "$T/nob.atom")" \
    "the derived feed id does not depend on the order of the issues"
ir2rss "$T/nob.ir" >"$T/nob.rss"
is "$(x 'string(/rss/channel/item[1]/guid/@isPermaLink)' "$T/nob.rss")" false \
    "rss: a urn:uuid id is no permalink"

# Standard input, '-', and several operands read as one stream.
ir2rss "$S" >"$T/a.rss"
ir2rss <"$S" >"$T/b.rss"
same_file "$T/b.rss" "$T/a.rss" "standard input reads like an operand"
head -1 "$S" >"$T/one.ir"
tail -n +2 "$S" | ir2rss "$T/one.ir" - >"$T/c.rss"
same_file "$T/c.rss" "$T/a.rss" "an operand and '-' make one stream"

done_testing
