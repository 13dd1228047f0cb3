#!/bin/sh
# One identity: the same issue has the same id in every output (Atom
# id, RSS guid, Message-ID, EPUB chapter), by the rules of quire-ir(5),
# and the same bytes on every rebuild.
. "$(dirname "$0")/lib.sh"

cd "$TD/.." || exit 1
S="testdata/seeds/bpf-updates-05.md testdata/seeds/bpf-updates-13.md"
build() {
	# shellcheck disable=SC2086
	md2ir -b https://cilium.io $S > "$1.ir"
	ir2atom "$1.ir" > "$1.atom"
	ir2rss "$1.ir" > "$1.rss"
	ir2mbox "$1.ir" > "$1.mbox"
	ir2epub -t Seeds "$1.ir" > "$1.epub"
}
build "$T/a"
build "$T/b"
for x in ir atom rss mbox epub; do
	same_file "$T/b.$x" "$T/a.$x" "a rebuild gives the same $x, byte for byte"
done

for id in $(cut -f2 "$T/a.ir"); do
	uuid=$("$QTEST" uuid "$id")
	grep -q "<id>$id</id>" "$T/a.atom"
	ok $? "Atom id is the IR id ($id)"
	grep -q "<guid isPermaLink=\"true\">$id</guid>" "$T/a.rss"
	ok $? "RSS guid is the IR id, a permalink"
	grep -q "^Message-ID: <$uuid@cilium.io>" "$T/a.mbox"
	ok $? "Message-ID is <uuid5(id)@host>"
	"$PY" -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.exit(0 if ("EPUB/issue-%s.xhtml" % sys.argv[2]) in [n.replace("OEBPS/", "EPUB/") for n in z.namelist()] else 1)' "$T/a.epub" "$uuid"
	ok $? "the EPUB chapter is issue-uuid5(id).xhtml"
done

# Without -b the id is a urn:uuid, and still the same everywhere.
# shellcheck disable=SC2086
md2ir $S > "$T/c.ir"
id=$(head -1 "$T/c.ir" | cut -f2)
like "$id" '^urn:uuid:' "without a base URL the id is a urn:uuid"
grep -q "<id>$id</id>" "$(ir2atom "$T/c.ir" > "$T/c.atom"; echo "$T/c.atom")"
ok $? "and the Atom id is that urn"
grep -q "<guid isPermaLink=\"false\">$id</guid>" "$(ir2rss "$T/c.ir" > "$T/c.rss"; echo "$T/c.rss")"
ok $? "and the RSS guid is that urn, not a permalink"

done_testing
