#!/bin/sh
# Over every Markdown corpus in ../shared/corpus, the IR's HTML holds
# no template syntax a reader would see: no shortcode, Liquid tag, MDX
# comment, ESM line (import ... from, export const ...) in a paragraph, escaped script, style or iframe, or
# ':::' fence, outside code (where an author shows such syntax on
# purpose, as Jekyll's own posts do inside {% raw %}).  Files md2ir
# skips (pages, drafts) are left out.  The diagnostics give, per corpus,
# how many of each construct the Markdown holds outside fenced code and
# how many md2ir noted as removed or not expanded (md2ir -v): the rest
# were expanded.
. "$(dirname "$0")/lib.sh"

C=$TOP/../shared/corpus
[ -d "$C" ] || skip_all "../shared/corpus is absent (the real blogs live beside the clone)"

for d in "$C"/*/; do
	name=$(basename "$d")
	[ "$name" = feedparser-tests ] && continue
	find "$d" -type f \( -name '*.md' -o -name '*.mdx' -o -name '*.markdown' \) \
	    ! -name 'LICENSE*' ! -name 'README*' | LC_ALL=C sort >"$T/files"
	tr '\n' '\0' <"$T/files" | xargs -0 md2ir -v -b https://example.org \
	    >"$T/$name.ir" 2>"$T/$name.err"
	"$PY" - "$T/$name.ir" "$T/$name.err" "$name" "$T/files" >"$T/count" <<'PY'
import re, sys
ir, err, name, files = sys.argv[1:]
files = open(files, encoding='utf-8').read().split('\n')[:-1]
nfiles = len(files)
# The constructs in the Markdown, outside fenced code.
src_pats = [('shortcode', r'\{\{[<%]\s*[\w/]'), ('Liquid', r'\{%-?\s*\w|\{\{-?\s*site\.'),
            ('MDX import/export', r'^(?:import|export)\s'), ('MDX comment', r'\{/\*'),
            ("':::' container", r'^\s*:::+\s*\w'),
            ('summary marker', r'<!--\s*(?:more|truncate)\s*-->'),
            ('raw <script>', r'<script\b'), ('raw <style>', r'<style\b'),
            ('raw <noscript>', r'<noscript\b'),
            ('raw <iframe>', r'<iframe\b'), ('raw <object>/<embed>', r'<(?:object|embed)\b')]
src = {}
for fn in files:
    try:
        text = open(fn, encoding='utf-8', errors='replace').read()
    except OSError:
        continue
    fence = None
    for l in text.split('\n'):
        m = re.match(r'\s{0,3}(`{3,}|~{3,})', l)
        if m:
            if fence is None:
                fence = m.group(1)[0]
            elif m.group(1)[0] == fence:
                fence = None
            continue
        if fence is not None:
            continue
        for k, p in src_pats:
            c = len(re.findall(p, l))
            if c:
                src[k] = src.get(k, 0) + c
pats = {'{{<': r'\{\{<', '{{%': r'\{\{%', '{%': r'\{%', '{/*': r'\{/\*',
        '&lt;script': r'&lt;script', '&lt;style': r'&lt;style',
        '&lt;iframe': r'&lt;iframe', '::: fence': r'(?m)^(?:<p>)?:::'}
n = 0; found = {}
for line in open(ir, encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if len(f) < 15: continue
    n += 1
    h = re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), f[14])
    h = re.sub(r'<pre[ >].*?</pre>|<code[ >].*?</code>', '', h, flags=re.S)
    for k, p in pats.items():
        c = len(re.findall(p, h))
        if c: found[k] = found.get(k, 0) + c
    for para in re.findall(r'<p>(.*?)</p>', h, flags=re.S):
        for l in para.split('\n'):
            if re.match(r'''import\s+(?:[\w*{][^\n]*\sfrom\s|['"{*])|export\s+(?:const|let|var|function|class|default|async)\b''', l):
                found['import/export line'] = found.get('import/export line', 0) + 1
notes = {}
for l in open(err, encoding='utf-8'):
    for k in ('shortcode', 'Liquid', 'MDX import', 'MDX export',
              'MDX comment', 'MDX component', "':::'", 'raw <script>',
              'raw <style>', 'raw <noscript>', 'raw <iframe>', 'raw <embed>',
              'raw <object>'):
        if k in l:
            notes[k] = notes.get(k, 0) + 1
            break
print('%s %d %d %s' % (name, int(nfiles), n, ','.join('%s=%d' % kv for kv in sorted(found.items())) or '-'))
print('# %s: %d of %d files convert; in the Markdown: %s' % (name, n, nfiles, ', '.join('%s %d' % kv for kv in sorted(src.items())) or 'none'))
print('# %s: noted (removed or not expanded): %s' % (name, ', '.join('%s %d' % kv for kv in sorted(notes.items())) or 'none'))
PY
	set -- $(head -1 "$T/count")
	is "$4" - "$name: no template syntax in the HTML of the $3 issues that convert"
	sed -n '2,$p' "$T/count"
done
done_testing
