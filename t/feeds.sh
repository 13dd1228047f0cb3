# t/feeds.sh: helpers of the feed tests (t/03NN-*.t); source after lib.sh.
#
# feed_check FORMAT IR FEED: Debian's feedparser reads FEED (atom or
# rss) with bozo == 0 and finds one entry per IR record, in order, with
# title, link, id, dates and categories equal to the IR's.  For Atom it
# also checks the rules of RFC 4287 that the RELAX NG schema cannot: an
# author on the feed or on every entry, an alternate link or content in
# every entry, at most one alternate link per type and hreflang.
# Prints what differs as TAP comments; the status says if all agreed.
#
# atom_valid FEED...: jing validates each FEED against the schema of RFC 4287.
#
# well_formed FILE: xmllint finds FILE well-formed (no DTD, no network).

SCHEMA=$TD/feeds/atom.rnc

cat >"$T/feedcheck.py" <<'EOF'
import calendar, html, re, sys, xml.etree.ElementTree as ET
import feedparser
from urllib.parse import quote, urlsplit

def uri(s):
    # quire-ir(5), URLS: hosts in IDNA form, the rest percent-encoded UTF-8.
    if not s:
        return s
    u = urlsplit(s)
    host = u.hostname or ""
    if u.scheme and u.netloc and not host.isascii():
        s = s.replace(host, host.encode("idna").decode("ascii"), 1)
    return quote(s, safe="!#$%&'()*+,/:;=?@[]~")

fmt, irpath, feedpath = sys.argv[1:4]
bad = []

def unlist(s):
    out, cur, i = [], "", 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            cur += s[i + 1]; i += 2; continue
        if s[i] == "|":
            out.append(cur); cur = ""; i += 1; continue
        cur += s[i]; i += 1
    if s:
        out.append(cur)
    return out

recs = []
with open(irpath, encoding="utf-8") as fp:
    for line in fp:
        f = line.rstrip("\n").split("\t") + [""] * 16
        terms = []
        for t in unlist(f[7]) + unlist(f[8]):
            if t not in terms:
                terms.append(t)
        recs.append(dict(date=f[0], id=uri(f[1]), title=f[2],
                         permalink=uri(f[3]), link=uri(f[4]),
                         summary=f[5], updated=f[10] or f[0], terms=terms))

def epoch(iso):
    return calendar.timegm((int(iso[0:4]), int(iso[5:7]), int(iso[8:10]),
                            int(iso[11:13]), int(iso[14:16]),
                            int(iso[17:19]), 0, 0, 0))

d = feedparser.parse(feedpath)
if d.bozo:
    bad.append("bozo: %r" % (d.get("bozo_exception"),))
if len(d.entries) != len(recs):
    bad.append("%d entries read, %d in the IR" % (len(d.entries), len(recs)))
for i, (e, r) in enumerate(zip(d.entries, recs)):
    want = dict(title=r["title"], link=r["link"] or r["permalink"],
                id=r["id"], published=epoch(r["date"]), terms=r["terms"])
    got = dict(title=e.get("title"), link=e.get("link"), id=e.get("id"),
               published=calendar.timegm(e.published_parsed)
               if e.get("published_parsed") else None,
               terms=[t.term for t in e.get("tags", [])])
    if fmt == "atom":
        want["updated"] = epoch(r["updated"])
        got["updated"] = calendar.timegm(e.updated_parsed) \
            if e.get("updated_parsed") else None
    if not r["title"]:
        del want["title"], got["title"]
    if r["summary"]:
        # What a reader shows: the summary's HTML as text.
        want["summary"] = r["summary"]
        got["summary"] = html.unescape(re.sub(r"<[^>]*>", "",
                                              e.get("summary", "")))
    for k in want:
        if want[k] != got[k]:
            bad.append("entry %d: %s: got %.80r, want %.80r"
                       % (i + 1, k, got[k], want[k]))

if fmt == "atom":
    A = "{http://www.w3.org/2005/Atom}"
    root = ET.parse(feedpath).getroot()
    def alternates(el):
        seen = set()
        for l in el.findall(A + "link"):
            if l.get("rel", "alternate") != "alternate":
                continue
            key = (l.get("type"), l.get("hreflang"))
            if key in seen:
                bad.append("two alternate links of type %r" % (key,))
            seen.add(key)
        return seen
    alternates(root)
    for n, e in enumerate(root.findall(A + "entry")):
        if not alternates(e) and e.find(A + "content") is None:
            bad.append("entry %d: neither alternate link nor content" % (n + 1))
        if e.find(A + "author") is None and root.find(A + "author") is None:
            bad.append("entry %d: no author, and none on the feed" % (n + 1))

for b in bad[:20]:
    print("#   " + b)
sys.exit(1 if bad else 0)
EOF

feed_check() {
	"$PY" "$T/feedcheck.py" "$@"
}

atom_valid() {
	_rc=0
	# Debian's jing reads through Xerces, whose UTF-8 reader fails on
	# a 4-byte sequence that straddles its buffer ("Invalid byte 2 of
	# 4-byte UTF-8 sequence") in a valid file.  Hand it the same
	# document with those characters as character references.
	_i=0
	for _f in "$@"; do
		_i=$((_i + 1))
		"$PY" -c 'import sys
d = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write("".join(
    c if ord(c) < 0x10000 else "&#x%X;" % ord(c) for c in d))' \
		    "$_f" "$T/jing.$_i.xml" || _rc=1
	done
	_i=0
	for _f in "$@"; do
		_i=$((_i + 1))
		printf '%s\n' "$T/jing.$_i.xml"
	done | xargs jing -c "$SCHEMA" >"$T/jing.out" 2>/dev/null || _rc=1
	sed 's/^/#   /' "$T/jing.out" | head -20
	return $_rc
}

well_formed() {
	_rc=0
	xmllint --noout --nonet "$1" 2>"$T/xmllint.err" || _rc=$?
	sed 's/^/#   /' "$T/xmllint.err" | head -20
	return $_rc
}
