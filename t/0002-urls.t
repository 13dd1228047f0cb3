#!/bin/sh
# url_resolve (RFC 3986 section 5.4 examples), url_join, url_host.
. "$(dirname "$0")/lib.sh"

B=http://a/b/c/d\;p?q
while read -r ref want; do
	is "$("$QTEST" url "$B" "$ref")" "$want" "resolve $ref"
done <<'EOF2'
g:h g:h
g http://a/b/c/g
./g http://a/b/c/g
g/ http://a/b/c/g/
/g http://a/g
//g http://g
?y http://a/b/c/d;p?y
g?y http://a/b/c/g?y
#s http://a/b/c/d;p?q#s
g#s http://a/b/c/g#s
;x http://a/b/c/;x
g;x http://a/b/c/g;x
. http://a/b/c/
./ http://a/b/c/
.. http://a/b/
../ http://a/b/
../g http://a/b/g
../.. http://a/
../../ http://a/
../../g http://a/g
../../../g http://a/g
/./g http://a/g
/../g http://a/g
g. http://a/b/c/g.
.g http://a/b/c/.g
./../g http://a/b/g
./g/. http://a/b/c/g/
g/./h http://a/b/c/g/h
g/../h http://a/b/c/h
EOF2

P=https://cilium.io/blog/2017/11/20/bpf-updates-13
is "$("$QTEST" url "$P" img/a.png)" https://cilium.io/blog/2017/11/20/img/a.png "document-relative image"
is "$("$QTEST" url "$P" /blog/x)" https://cilium.io/blog/x "root-relative link"
is "$("$QTEST" url https://h "x")" https://h/x "base without a path"
is "$("$QTEST" url "$P" mailto:a@b)" mailto:a@b "mailto stays"
is "$("$QTEST" host https://u@Example.org:8443/x)" Example.org "host without user and port"
is "$("$QTEST" host 'http://[::1]:80/')" '[::1]' "IPv6 literal host"
"$QTEST" host urn:uuid:x >/dev/null; ok $((! $?)) "a URN has no host"
is "$("$QTEST" uuid https://www.example.org/)" 84f5ec25-93a7-5271-bfbb-77d0e0a15d7b "UUID v5 as Python's uuid5(NAMESPACE_URL)"
is "$(printf abc | "$QTEST" sha1)" a9993e364706816aba3e25717850c26c9cd0d89d "SHA-1 of abc (FIPS 180 example)"
is "$(head -c 1000000 /dev/zero | tr '\0' a | "$QTEST" sha1)" 34aa973cd4c4daa4f61eeb2bdbad27316534016f "SHA-1 of a million a"

# url_normalize: one rule for every URL an output writes (quire-ir.5, URLS).
while IFS='	' read -r in want; do
	is "$("$QTEST" norm "$in")" "$want" "normalise $in"
done <<'EOF2'
https://example.org/22-Кошка-и-луна/	https://example.org/22-%D0%9A%D0%BE%D1%88%D0%BA%D0%B0-%D0%B8-%D0%BB%D1%83%D0%BD%D0%B0/
https://example.org/26 file name with spaces/	https://example.org/26%20file%20name%20with%20spaces/
/img/my photo (1).png	/img/my%20photo%20(1).png
https://Bücher.example/a?b=ü#x#y	https://xn--bcher-kva.example/a?b=%C3%BC#x%23y
https://user@b%C3%BCcher.example:8080/p%20q%zz	https://user@xn--bcher-kva.example:8080/p%20q%25zz
https://faß.de/	https://xn--fa-hia.de/
http://[::1]:80/a[b]	http://[::1]:80/a%5Bb%5D
https://example.org/a?q=1&r=2#top	https://example.org/a?q=1&r=2#top
mailto:a@b	mailto:a@b
#fn-x	#fn-x
EOF2

done_testing
