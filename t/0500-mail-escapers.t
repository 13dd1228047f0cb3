#!/bin/sh
# The mail escapers of common/mail.c, one by one, through t/mailtest.c:
# RFC 2047 encoded-words and folding, phrases, addresses, header-safe
# text, quoted-printable and mboxrd quoting.  Python's email package
# decodes what they write.
. "$(dirname "$0")/lib.sh"

# t/mailtest.c is built by "make tests"; build it here when it is not.
M=$BIN/t/mailtest
if [ ! -x "$M" ]; then
	case $BIN in
	*asan*) san="-fsanitize=address,undefined -fno-omit-frame-pointer" ;;
	*) san= ;;
	esac
	M=$T/mailtest
	# shellcheck disable=SC2086
	cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
	    -Werror $san -I"$TOP/common" -o "$M" "$TOP/t/mailtest.c" \
	    "$BIN/libquire.a" || skip_all "cannot build t/mailtest.c"
fi

# check_hdr NAME KIND: run "mailtest KIND NAME" on $T/in, then check the
# field with Python: ASCII, lines of at most 78, encoded-words of at most
# 75 that each decode to whole UTF-8 on their own, and the value read
# back (unstructured, or as the display name of an address) equal to
# the cleaned input.  Prints "ok" or the problem.
check_hdr() {
	"$M" "$2" "$1" <"$T/in" >"$T/hdr"
	"$M" clean <"$T/in" >"$T/clean"
	$PY - "$T/hdr" "$T/clean" "$2" <<'EOF'
import email, email.policy, re, sys
raw = open(sys.argv[1], 'rb').read()
want = open(sys.argv[2], encoding='utf-8').read()
kind = sys.argv[3]
try:
    raw.decode('ascii')
except UnicodeDecodeError:
    sys.exit(print('non-ASCII in the field'))
lines = raw.decode().split('\n')
if lines[-1] != '' or any(l == '' for l in lines[:-1]):
    sys.exit(print('not one field ending in a newline: %r' % raw))
for l in lines[1:-1]:
    if not l.startswith(' '):
        sys.exit(print('a line that is not a continuation: %r' % l))
for l in lines:
    if len(l) > 78:
        sys.exit(print('line of %d: %r' % (len(l), l)))
for ew in re.findall(r'=\?([^?]*)\?([qQ])\?([^?]*)\?=', raw.decode()):
    whole = '=?%s?%s?%s?=' % ew
    if len(whole) > 75:
        sys.exit(print('encoded-word of %d' % len(whole)))
    if kind == 'phrase' and not re.fullmatch(r'[A-Za-z0-9!*+/=_-]*', ew[2]):
        sys.exit(print('character not allowed in a phrase: %r' % ew[2]))
    b = re.sub(r'=([0-9A-F]{2})', lambda m: bytes([int(m.group(1), 16)]).decode('latin-1'),
               ew[2].replace('_', ' ')).encode('latin-1')
    try:
        b.decode('utf-8')
    except UnicodeDecodeError:
        sys.exit(print('encoded-word splits a character: %r' % whole))
name = raw.decode().split(':', 1)[0]
if kind == 'phrase':
    text = 'From:' + raw.decode().split(':', 1)[1].rstrip('\n') + ' <a@b.example>\n\n'
    m = email.message_from_string(text, policy=email.policy.default)
    h = m['from']
    if h.defects:
        sys.exit(print('defects %r' % h.defects))
    got = h.addresses[0].display_name
else:
    m = email.message_from_bytes(raw + b'\n', policy=email.policy.default)
    h = m[name]
    if h.defects:
        sys.exit(print('defects %r' % h.defects))
    got = str(h)
print('ok' if got == want else 'read back %r, expected %r' % (got, want))
EOF
}

# hdr_case NAME KIND TEXT DESCRIPTION
hdr_case() {
	printf '%s' "$3" >"$T/in"
	is "$(check_hdr "$1" "$2")" ok "$4"
}

hdr_case Subject text 'Announcing Rust 1.0' "text: plain ASCII"
is "$(printf 'Announcing Rust 1.0' | "$M" text Subject)" \
    "Subject: Announcing Rust 1.0" "text: plain ASCII stays as it is"
hdr_case Subject text 'Please welcome Boxy, Léo Lanteri Thauvin and the8472 to compiler-contributors' \
    "text: one non-ASCII word among ASCII"
is "$(printf 'Caf\303\251 ouvert' | "$M" text Subject)" \
    "Subject: =?UTF-8?Q?Caf=C3=A9?= ouvert" "text: only the non-ASCII word is encoded"
hdr_case Subject text "$(printf 'Ünïcödé 日本語 😀🦀 %.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)" \
    "text: a long non-ASCII title folds, no encoded-word splits a character"
hdr_case Subject text "$(printf '語%.0s' $(seq 1 200))" \
    "text: 200 CJK characters without a space"
hdr_case Subject text "$(printf '😀%.0s' $(seq 1 100))" \
    "text: 100 four-byte characters without a space"
hdr_case Subject text "$(printf 'x%.0s' $(seq 1 300))" \
    "text: a 300-character ASCII word is encoded so it can fold"
hdr_case Subject text 'a =?utf-8?q?=41?= b ?= =?' \
    "text: a word that looks like an encoded-word is encoded"
printf 'Hi\r\nBcc: victim@example.com\n\tand\001more\302\205end\342\200\250' >"$T/in"
is "$("$M" text Subject <"$T/in")" "Subject: Hi Bcc: victim@example.com and more end" \
    "text: CR, LF, TAB, C0, C1 and U+2028 become spaces: no injection"
is "$(printf '  a  \t b  ' | "$M" text Subject)" "Subject: a b" \
    "text: white space folds and the ends are trimmed"
is "$(printf 'a\377\376b' | "$M" clean)" "ab" "clean: bytes that are not UTF-8 are dropped"
is "$(printf '\r\n\t ' | "$M" clean)" "" "clean: nothing but white space is empty"
is "$(printf 'Subject' | "$M" text Content-Language-Name-That-Is-Long)" \
    "Content-Language-Name-That-Is-Long: Subject" "text: a long field name"
hdr_case Subject text "$(printf 'word%.0s ' $(seq 1 60))" "text: 60 ASCII words fold at spaces"

# Phrases (display names, keywords).
is "$(printf 'Niko Matsakis' | "$M" phrase From)" "From: Niko Matsakis" "phrase: atoms stay"
is "$(printf 'Carol (Nichols || Goulding)' | "$M" phrase From)" \
    'From: "Carol (Nichols || Goulding)"' "phrase: specials make a quoted-string"
is "$(printf 'a "b" \\ c' | "$M" phrase From)" 'From: "a \"b\" \\ c"' \
    "phrase: quote and backslash escaped in the quoted-string"
hdr_case From phrase 'Carol (Nichols || Goulding)' "phrase: quoted-string reads back"
hdr_case From phrase 'Ryan Levick, Jane Losare-Lusby, Tyler Mandry, Mark Rousskov, Josh Stone, and Josh Triplett' \
    "phrase: a long quoted-string folds inside and reads back"
hdr_case From phrase 'Léo "the" Lanteri, Thauvin' "phrase: non-ASCII with specials"
hdr_case From phrase 'Zoë Ünïcode' "phrase: two non-ASCII words"
hdr_case From phrase 'Long Author Name Number One, Long Author Name Number Two, Ünïcode Three' \
    "phrase: a long mixed phrase"
hdr_case From phrase 'a=?b?q?c?=' "phrase: an encoded-word look-alike"
# A non-ASCII phrase longer than one encoded-word.  Python's address
# parser takes the fold between two encoded-words for a space (RFC 2047
# 6.2 says to drop it), so mblaze, which follows the RFC, reads it back.
long='Ünï Çödé Ñàmé Ëxtrà Lõñg Ñàmé Ünï Çödé Ñàmé Ëxtrà Ünï Çödé Ñàmé Ëxtrà'
printf '%s' "$long" | "$M" phrase From >"$T/hdr"
printf '%s <a@b.example>\n\n' "$(cat "$T/hdr")" >"$T/msg"
is "$(mhdr -d -h from "$T/msg")" "$long <a@b.example>" "phrase: a long non-ASCII phrase reads back (mblaze)"
is "$(grep -c '?=$' "$T/hdr")" "$(grep -c '_?=$' "$T/hdr" | awk '{ print $1 + 1 }')" \
    "phrase: encoded-words are split at spaces, not inside words"
is "$(awk 'length($0) > 78' "$T/hdr")" "" "phrase: the long phrase folds at 78"
printf 'bpf\nc++\nCargo.toml\nrust, 2018\nété' | "$M" keywords >"$T/kw"
is "$(cat "$T/kw")" 'Keywords: bpf, c++, "Cargo.toml", "rust, 2018", =?UTF-8?Q?=C3=A9t=C3=A9?=' \
    "keywords: atoms, quoted-strings and encoded-words joined by commas"
seq 1 40 | sed 's/^/keyword/' | "$M" keywords >"$T/kw"
is "$(awk 'length($0) > 78' "$T/kw")" "" "keywords: a long list folds at 78"
is "$(sed -n 2p "$T/kw" | cut -c1)" " " "keywords: folded lines are continuations"

# Addresses.
is "$("$M" addr 'Foo Bar <foo@bar.example>')" "Foo Bar|foo@bar.example" "addr: name and address"
is "$("$M" addr '"Bar, Foo \"Q\"" <f@x.example>')" 'Bar, Foo "Q"|f@x.example' "addr: quoted name"
is "$("$M" addr ' x@y.example ')" "|x@y.example" "addr: bare address, trimmed"
is "$("$M" addr 'a <b> <c@d.example>')" "a <b>|c@d.example" "addr: the last angle brackets"
is "$("$M" addr 'Carol (Nichols)')" invalid "addr: a name alone is not an address"
is "$("$M" addr 'a <b c@d.example>')" invalid "addr: space in the local part"
is "$("$M" addr 'x@')" invalid "addr: empty domain"
is "$("$M" addr 'a..b@c.example')" invalid "addr: double dot"
is "$("$M" addr "$(printf 'a\r\nBcc: x@y.example')")" invalid "addr: CR LF refused"
is "$("$M" addr 'é@x.example')" invalid "addr: non-ASCII local part refused"
is "$("$M" addr "$(printf 'a%.0s' $(seq 1 65))@x.example")" invalid "addr: local part over 64"
is "$("$M" domain 'blog.rust-lang.org')" ok "domain: a host"
is "$("$M" domain '[2001:db8::1]')" ok "domain: an address literal"
is "$("$M" domain 'exa mple.org')" bad "domain: a space"
is "$("$M" domain 'exa"mple.org')" bad "domain: a quote"
is "$("$M" domain 'bücher.example')" bad "domain: non-ASCII (no IDNA here)"
is "$("$M" domain "$(printf 'a%.0s' $(seq 1 254))")" bad "domain: longer than 253"
is "$("$M" domain '.x')" bad "domain: leading dot"

# Quoted-printable.
printf 'a=b\nFrom x\n>From y\n>>From z\n.\n..x\nFromage\ntrail  \ntab\t\nend' >"$T/in"
"$M" qp <"$T/in" >"$T/qp"
printf 'a=3Db\n=46rom x\n=3EFrom y\n=3E>From z\n=2E\n=2E.x\nFromage\ntrail =20\ntab=09\nend=\n' >"$T/exp"
same_file "$T/qp" "$T/exp" "qp: '=', From lines, dot lines, trailing white space, soft break at the end"
is "$(printf '' | "$M" qp | wc -c)" 0 "qp: empty in, empty out"
is "$(printf 'x\n' | "$M" qp)" "x" "qp: a final newline is a hard break"
# Long lines: a 5,000-character line of each kind.
$PY -c "
import sys
s = ''.join(chr(33 + i % 90) for i in range(5000)) + '\n' + 'é日😀a' * 1250 + '\n' + '= a\t' * 1249 + 'end \n'
s += 'x' * 70 + 'From here\n' + 'y' * 75 + '>From there\n' + 'z' * 75 + '.\n'
sys.stdout.buffer.write(s.encode())" >"$T/in"
"$M" qp <"$T/in" >"$T/qp"
is "$($PY - "$T/in" "$T/qp" <<'EOF'
import quopri, re, sys
src = open(sys.argv[1], 'rb').read()
enc = open(sys.argv[2], 'rb').read()
bad = []
if quopri.decodestring(enc) != src:
    bad.append('does not decode to the input')
for l in enc.split(b'\n'):
    if len(l) > 76:
        bad.append('line of %d' % len(l))
    if re.match(rb'^(>*From |\.)', l):
        bad.append('line starts with %r' % l[:6])
    if l.endswith((b' ', b'\t')):
        bad.append('white space at a line end')
    if re.search(rb'[^\x21-\x7e \t]', l):
        bad.append('byte outside printable ASCII')
    # No character split over a soft break: each line decodes alone.
    try:
        quopri.decodestring(l.rstrip(b'=')).decode('utf-8')
    except UnicodeDecodeError:
        bad.append('a character split over a soft break')
print('ok' if not bad else bad[0])
EOF
)" ok "qp: 5,000-character lines: decode back, <= 76, no From or dot line start, no split character"

# mboxrd quoting.
printf 'From a\n>From b\n>>From c\nFrom\nFromage\n From d\nx\nFrom last' | "$M" mboxrd >"$T/rd"
printf '>From a\n>>From b\n>>>From c\nFrom\nFromage\n From d\nx\n>From last\n' >"$T/exp"
same_file "$T/rd" "$T/exp" "mboxrd: ^>*From gains one '>', others stay, a final newline is added"
is "$(printf '' | "$M" mboxrd | wc -c)" 0 "mboxrd: empty in, empty out"

done_testing
