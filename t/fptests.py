#!/usr/bin/python3
"""fptests.py FEED2IR DIR: feedparser's own test feeds through feed2ir.

Each file below DIR states on its "Expect:" line a Python expression
that a correct parser's result satisfies.  A file is applicable when
that expression is about item fields the IR carries (title, link, id,
dates, summary, content, authors, categories, enclosures and images,
language, xml:base resolution) and about nothing else (the feed's own
fields, the encoding, the version, details the IR does not keep).
For each applicable file the expression is evaluated against a
feedparser-shaped view of the first IR line feed2ir wrote.  Every file,
applicable or not, must leave feed2ir alive: exit 0 or 1, and every
message in the form "feed2ir: ...".

Prints "applicable N passed N" and one "miss FILE: EXPECT (got ...)"
line per miss; "crash FILE" lines for a crash.  Exit status 0.
"""
import calendar
import html as htmllib
import json
import os
import re
import subprocess
import sys
import time
from irlib import unlist

feed2ir, top = sys.argv[1:3]

# Item keys the IR carries, and the parts of them it keeps.
TOP = {"title", "title_detail", "link", "id", "guid", "published_parsed",
       "updated_parsed", "summary", "description", "summary_detail",
       "content", "author", "author_detail", "authors", "tags", "category",
       "enclosures", "media_thumbnail", "media_content"}
SUB = {"value", "language", "name", "email", "href", "url", "term",
       "scheme"}


class D(dict):
    """A dict that also answers attributes, as feedparser's does."""

    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)


def applicable(expr):
    if re.search(r"\bfeed\b|\bversion\b|\bencoding\b|\bnamespaces\b|"
                 r"\bheaders\b|\bhref\b\s*==|len\(entries\)|not entries",
                 expr):
        return False
    if re.match(r"\s*bozo\b", expr) and "not bozo" not in expr:
        return False
    chains = re.findall(r"entries\[0\]((?:\[[^\]]+\]|\.[A-Za-z_]+)*)", expr)
    if not chains:
        return False
    for ch in chains:
        keys = re.findall(r"\[\s*u?['\"]([^'\"]+)['\"]\s*\]|\.([A-Za-z_]+)",
                          ch)
        keys = [a or b for a, b in keys]
        if not keys or keys[0] not in TOP:
            return False
        if keys[0] == "get":
            return False
        for k in keys[1:]:
            if k not in SUB:
                return False
    return True


def untext(s):
    return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def st(iso):
    return time.gmtime(calendar.timegm(
        time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")))


class Html(str):
    """IR HTML: equal to a text/plain value when its text is that."""

    def __eq__(self, other):
        return str.__eq__(self, other) or (
            isinstance(other, str) and "<" not in self and
            htmllib.unescape(re.sub(r"<br>\n?", "\n", self)) == other)

    __hash__ = str.__hash__


def view(line):
    f = line.rstrip("\n").split("\t") + [""] * 16
    lang = f[11] or None
    e = D()
    e["title"] = f[2]
    e["title_detail"] = D(value=f[2], language=lang)
    e["link"] = f[4] or f[3]
    e["id"] = e["guid"] = f[1]
    e["published_parsed"] = st(f[0])
    e["updated_parsed"] = st(f[10] or f[0])
    html = untext(f[14])
    e["summary"] = e["description"] = f[5] or html
    e["summary_detail"] = D(value=e["summary"], language=lang)
    e["content"] = [D(value=Html(html), language=lang)]
    people = []
    for a in unlist(f[6]):
        m = re.match(r"^(.*?)\s*<([^<>]*)>$", a)
        name, addr = (m.group(1), m.group(2)) if m else (a, "")
        if not m and ("@" in a or ":" in a) and " " not in a:
            name, addr = "", a
        p = D(name=name or addr)
        if "@" in addr and ":" not in addr:
            p["email"] = addr
        elif addr:
            p["href"] = p["url"] = addr
        people.append(p)
    e["authors"] = people
    if people:
        e["author_detail"] = people[0]
        e["author"] = people[0]["name"]
    schemes = {}
    try:
        extra = json.loads(f[13]) if f[13] else {}
    except ValueError:
        extra = {}
    cats = []
    for k in ("category", "media:category"):
        v = extra.get(k, [])
        cats += v if isinstance(v, list) else [v]
    for c in cats:
        if isinstance(c, dict):
            t = c.get("@term", c.get("#text"))
            schemes[t] = c.get("@scheme", c.get("@domain"))
    e["tags"] = [D(term=t, scheme=schemes.get(t), label=None)
                 for t in unlist(f[7]) + unlist(f[8])]
    if e["tags"]:
        e["category"] = e["tags"][0]["term"]
    if f[9]:
        e["enclosures"] = [D(href=f[9], url=f[9])]
        e["media_thumbnail"] = e["media_content"] = [D(url=f[9])]
    return e


files = []
for d, _, names in os.walk(top):
    for n in names:
        if n.endswith(".xml"):
            files.append(os.path.join(d, n))
files.sort()
napp = npass = 0
for path in files:
    head = open(path, "rb").read(4096).decode("utf-8", "replace")
    m = re.search(r"Expect:\s*(.*)", head)
    expr = m.group(1).strip() if m else ""
    p = subprocess.run([feed2ir, path], capture_output=True)
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode not in (0, 1) or any(
            l and not l.startswith("feed2ir: ") for l in err.split("\n")):
        print("crash %s: exit %d: %.200s" % (path, p.returncode, err))
        continue
    if not expr or not applicable(expr):
        continue
    napp += 1
    out = p.stdout.decode("utf-8", "replace").split("\n")
    env = {"entries": [view(l) for l in out if l],
           "bozo": p.returncode != 0, "u": str, "time": time}
    try:
        ok = bool(eval(expr, env))
        why = ""
    except Exception as x:
        ok = False
        why = "%s: %s" % (type(x).__name__, x)
    if ok:
        npass += 1
    else:
        got = out[0].split("\t")[:13] if out[0] else "no item"
        print("miss %s: %s (%s; got %.300r; %.200s)"
              % (os.path.relpath(path, top), expr, why, got, err.strip()))
print("applicable %d passed %d" % (napp, npass))
