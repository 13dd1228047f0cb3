#!/usr/bin/python3
"""roundtrip.py FORMAT ORIG.ir BACK.ir [FEED]: the fields FORMAT can
carry are equal in ORIG (md2ir's IR) and BACK (md2ir | ir2FORMAT |
feed2ir).  Field 15 is compared with the body as FEED carries it when
FEED is given: the writers make its relative URLs absolute against the
permalink (common/feed.c), and feed2ir must give back those bytes.

What each format carries (feed2ir(1), ROUND TRIPS):
  atom  1 date, 2 id, 3 title (or ir2atom's derived one), 4 permalink,
        5 link, 6 summary, 7 authors, 8 categories and tags as one list
        (Atom has no tags: 9 comes back empty), 10 image, 11 updated
        (field 11, or field 1 when it is empty), 12 lang (when it has
        the xml:lang shape), 15 html.
  rss   1, 2, 3 (or derived), 4 (the link a reader follows: field 5 of a
        link post, else field 4), 6, 7 (names; the first address),
        8 + 9 as 8, 10, 15.
  json  1, 2, 3, 4, 5, 6, 7, 8, 9 (quire's _quire extension), 10, 11
        (as for Atom), 12 (as for Atom), 15.
Prints each difference as a TAP comment; exits 1 if there is one.
"""
import re
import sys
from irlib import unlist

fmt, orig_path, back_path = sys.argv[1:4]
feed_path = sys.argv[4] if len(sys.argv) > 4 else None
LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def fields(line):
    f = line.rstrip("\n").split("\t")
    return f + [""] * (16 - len(f))


def terms(f):
    out = []
    for t in unlist(f[7]) + unlist(f[8]):
        if t not in out:
            out.append(t)
    return out


def name_of(a):
    m = re.match(r"^(.*?)\s*<([^<>]*)>$", a)
    return m.group(1) if m and m.group(1) else a


def want_got(o, b):
    """Pairs (field, wanted, got) that the format carries."""
    pairs = [("1 date", o[0], b[0]), ("2 id", o[1], b[1])]
    if o[2] or fmt != "json":
        if o[2]:
            pairs.append(("3 title", o[2], b[2]))
    else:
        pairs.append(("3 title", "", b[2]))
    if fmt == "rss":
        pairs.append(("4 link", o[4] or o[3], b[3]))
    else:
        pairs += [("4 permalink", o[3], b[3]), ("5 link", o[4], b[4])]
    pairs.append(("6 summary", o[5], b[5]))
    if fmt == "rss":
        pairs.append(("7 author names", [name_of(a) for a in unlist(o[6])],
                      [name_of(a) for a in unlist(b[6])]))
    else:
        pairs.append(("7 authors", unlist(o[6]), unlist(b[6])))
    if fmt == "json":
        pairs += [("8 categories", unlist(o[7]), unlist(b[7])),
                  ("9 tags", unlist(o[8]), unlist(b[8]))]
    else:
        pairs += [("8 categories and tags", terms(o), unlist(b[7])),
                  ("9 tags", [], unlist(b[8]))]
    pairs.append(("10 image", o[9], b[9]))
    if fmt != "rss":
        pairs.append(("11 updated", o[10] or o[0], b[10] or b[0]))
        lang = o[11] if LANG.match(o[11]) else ""
        pairs.append(("12 lang", lang, b[11]))
    pairs.append(("15 html", o[14], b[14]))
    return pairs


def escape_text(v):
    return v.replace("\\", "\\\\").replace("\t", "\\t").replace(
        "\r", "").replace("\n", "\\n")


def bodies(path):
    """The body of each entry of the feed, escaped as IR text."""
    if fmt == "json":
        import json
        items = json.load(open(path, encoding="utf-8"))["items"]
        return [escape_text(i.get("content_html", "")) for i in items]
    import xml.etree.ElementTree as ET
    root = ET.parse(path).getroot()
    if fmt == "atom":
        A = "{http://www.w3.org/2005/Atom}"
        return [escape_text(e.findtext(A + "content") or "")
                for e in root.iter(A + "entry")]
    C = "{http://purl.org/rss/1.0/modules/content/}encoded"
    return [escape_text(i.findtext(C) or "") for i in root.iter("item")]


orig = [fields(l) for l in open(orig_path, encoding="utf-8")]
if feed_path:
    for o, body in zip(orig, bodies(feed_path)):
        o[14] = body
back = [fields(l) for l in open(back_path, encoding="utf-8")]
bad = []
if len(orig) != len(back):
    bad.append("%d lines in, %d back" % (len(orig), len(back)))
for i, (o, b) in enumerate(zip(orig, back)):
    for name, w, g in want_got(o, b):
        if w != g:
            bad.append("line %d (%s): %s: got %.70r, want %.70r"
                       % (i + 1, o[12], name, g, w))
for b in bad[:15]:
    print("#   " + b)
if len(bad) > 15:
    print("#   ... %d differences in all" % len(bad))
sys.exit(1 if bad else 0)
