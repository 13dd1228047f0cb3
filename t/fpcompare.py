#!/usr/bin/python3
"""fpcompare.py FEED IR: feedparser and feed2ir agree on FEED, whose
feed2ir output is IR: as many items, and for each item the title, the
link a reader follows (field 5, else 4), the id (when feedparser finds
one that is an absolute URI; feed2ir derives a urn:uuid: id otherwise),
the dates (published, else updated, is field 1; Atom's updated is field
11, else 1) and the categories (fields 8 and 9).  Prints differences as
TAP comments; exit status 1 if there is one."""
import calendar
import re
import sys
import time
from urllib.parse import urljoin

import feedparser
from irlib import unlist

feed, irpath = sys.argv[1:3]


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(t)))


d = feedparser.parse(feed)
recs = [l.rstrip("\n").split("\t") + [""] * 16
        for l in open(irpath, encoding="utf-8")]
bad = []
if len(d.entries) != len(recs):
    bad.append("feedparser reads %d items, feed2ir %d"
               % (len(d.entries), len(recs)))
for i, (e, f) in enumerate(zip(d.entries, recs)):
    def cmp(what, got, want):
        if got != want:
            bad.append("item %d: %s: feed2ir %.70r, feedparser %.70r"
                       % (i + 1, what, got, want))
    if e.get("title") is not None:
        cmp("title", f[2], re.sub(r"\s+", " ", e.title).strip())
    if e.get("link"):
        # feedparser leaves an RSS link relative; feed2ir resolves it
        # against the channel's link (feed2ir(1)).
        cmp("link", f[4] or f[3], urljoin(d.feed.get("link", ""), e.link))
    if e.get("id") and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", e.id):
        cmp("id", f[1], e.id)
    elif not f[1].startswith("urn:uuid:") and not e.get("id"):
        cmp("id (derived)", f[1], f[4] or f[3])
    pub = e.get("published_parsed") or e.get("updated_parsed")
    if pub:
        cmp("date", f[0], iso(pub))
    if d.version.startswith("atom") and e.get("updated_parsed"):
        cmp("updated", f[10] or f[0], iso(e.updated_parsed))
    cmp("categories", unlist(f[7]) + unlist(f[8]),
        [t.term for t in e.get("tags", [])])
for b in bad[:20]:
    print("#   " + b)
sys.exit(1 if bad else 0)
