#!/bin/sh
# md2ir on the two seed issues: goldens and the fields a reader checks.
. "$(dirname "$0")/lib.sh"

S=$TD/seeds
cd "$TD/.." || exit 1

run md2ir -b https://cilium.io testdata/seeds/bpf-updates-05.md \
    testdata/seeds/bpf-updates-13.md
is "$rc" 0 "seeds convert with -b"
is "$(cat "$T/err")" "" "quiet on success"
golden "$T/out" seeds.ir "seeds IR with -b matches the golden"
cp "$T/out" "$T/seeds.ir"

is "$(sort "$T/seeds.ir" | cut -f1,3)" "$(printf '%s\t%s\n%s\t%s' \
    2017-06-02T15:00:53Z 'BPF Weekly Updates 05' \
    2017-11-20T16:32:45Z 'BPF Updates 13')" "sort | cut -f1,3: dates and titles in order"

f() { awk -F '\t' -v n="$2" -v k="$1" 'NR == n { print $k }' "$T/seeds.ir"; }
is "$(f 2 2)" https://cilium.io/blog/2017/11/20/bpf-updates-13 "issue 13: id is the permalink"
is "$(f 4 2)" https://cilium.io/blog/2017/11/20/bpf-updates-13 "issue 13: permalink from path and -b"
is "$(f 8 1)" Technology "issue 05: categories"
is "$(f 9 1)" 'bpf|bpf-updates|ebpf|linux' "issue 05: tags joined by |"
like "$(f 6 2)" '^The v4.15 merge window is open' "issue 13: summary from ogSummary"
is "$(f 13 2)" testdata/seeds/bpf-updates-13.md "issue 13: source path"
is "$(f 14 2)" "" "issue 13: no front matter key left over"
html=$(f 15 2)
like "$html" '<a href="https://www.cilium.io/blog/2017/10/24/bpf-updates-12">' "absolute links stay"
if printf '%s' "$html" | grep -Eq '(href|src)="/'; then r=1; else r=0; fi
ok $r "no root-relative URL is left in the HTML"

# Without -b: root-relative permalink, ids still stable (urn:uuid).
run md2ir "$S/bpf-updates-13.md"
id1=$(cut -f2 "$T/out")
run md2ir "$S/bpf-updates-13.md"
is "$(cut -f2 "$T/out")" "$id1" "without -b the id is stable"
like "$id1" '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' "without -b the id is a v5 urn:uuid"
is "$(cut -f4 "$T/out")" /blog/2017/11/20/bpf-updates-13 "without -b the permalink is the path"

# Same input, same bytes.
run md2ir -b https://cilium.io testdata/seeds/bpf-updates-05.md testdata/seeds/bpf-updates-13.md
same_file "$T/out" "$T/seeds.ir" "two runs are byte-identical"

done_testing
