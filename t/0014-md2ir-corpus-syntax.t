#!/bin/sh
# Over every Markdown corpus in ../shared/corpus, the IR's HTML holds
# no template syntax a reader would see: no shortcode, Liquid tag, MDX
# comment, ESM line (import ... from, export const ...) in a paragraph, escaped script, style or iframe, or
# ':::' fence, outside code (where an author shows such syntax on
# purpose, as Jekyll's own posts do inside {% raw %}).  Files md2ir
# cannot convert yet (TOML, Pelican metadata, some dates) are left out.
. "$(dirname "$0")/lib.sh"

C=$TOP/../shared/corpus
[ -d "$C" ] || skip_all "../shared/corpus is absent (the real blogs live beside the clone)"

for d in "$C"/*/; do
	name=$(basename "$d")
	[ "$name" = feedparser-tests ] && continue
	find "$d" -type f \( -name '*.md' -o -name '*.mdx' -o -name '*.markdown' \) \
	    ! -name 'LICENSE*' ! -name 'README*' | LC_ALL=C sort >"$T/files"
	tr '\n' '\0' <"$T/files" | xargs -0 md2ir -b https://example.org \
	    >"$T/$name.ir" 2>"$T/$name.err"
	"$PY" - "$T/$name.ir" "$T/$name.err" "$name" "$(wc -l <"$T/files")" >"$T/count" <<'PY'
import re, sys
ir, err, name, nfiles = sys.argv[1:]
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
print('# %s: %d of %s files convert; notes: %s' % (name, n, nfiles, ', '.join('%s %d' % kv for kv in sorted(notes.items())) or 'none'))
PY
	set -- $(head -1 "$T/count")
	is "$4" - "$name: no template syntax in the HTML of the $3 issues that convert"
	sed -n '2,$p' "$T/count"
done
done_testing
