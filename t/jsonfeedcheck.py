#!/usr/bin/python3
"""jsonfeedcheck.py FEED IR: FEED, written by ir2json from IR, is valid
against testdata/jsonfeed/jsonfeed-1.1.schema.json (python3-jsonschema,
draft 2020-12) and carries the IR's identity: one item per record, in
order, id = field 2, date_published = field 1, date_modified = field 11
when set, url = field 4 (when absolute), external_url = field 5.
Prints problems as TAP comments; exit status 1 if there is one."""
import json
import os
import sys

import jsonschema

feed, irpath = sys.argv[1:3]
here = os.path.dirname(os.path.abspath(__file__))
schema = json.load(open(os.path.join(here, "..", "testdata", "jsonfeed",
                                     "jsonfeed-1.1.schema.json")))
bad = []
try:
    doc = json.load(open(feed, encoding="utf-8"))
except ValueError as e:
    print("#   not JSON: %s" % e)
    sys.exit(1)
v = jsonschema.Draft202012Validator(schema)
for e in sorted(v.iter_errors(doc), key=lambda e: list(e.path))[:10]:
    bad.append("schema: %s: %s" % ("/".join(map(str, e.path)), e.message[:120]))
recs = [l.rstrip("\n").split("\t") + [""] * 16
        for l in open(irpath, encoding="utf-8")]
items = doc.get("items", []) if isinstance(doc, dict) else []
if len(items) != len(recs):
    bad.append("%d items, %d records" % (len(items), len(recs)))
for i, (it, f) in enumerate(zip(items, recs)):
    want = {"id": f[1], "date_published": f[0]}
    if f[10]:
        want["date_modified"] = f[10]
    if f[3].startswith(("http://", "https://")):
        want["url"] = f[3]
    if f[4].startswith(("http://", "https://")):
        want["external_url"] = f[4]
    for k, w in want.items():
        if it.get(k) != w:
            bad.append("item %d: %s %.60r, want %.60r" % (i + 1, k, it.get(k), w))
for b in bad[:15]:
    print("#   " + b)
sys.exit(1 if bad else 0)
