#!/bin/sh
# Replays the inputs in testdata/fuzz/TARGET/ (fuzzing finds and hostile
# cases) through the filters: no crash, no sanitizer report, no hang.
. "$(dirname "$0")/lib.sh"

cd "$TD/fuzz" || exit 1
check() {	# check TARGET FILE COMMAND...
	t=$1 f=$2
	shift 2
	run timeout 60 "$@"
	ok $((rc > 2)) "$t: $f: exit $rc (0, 1 or 2)"
	if grep -Eq 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$T/err"; then
		ok 1 "$t: $f: sanitizers quiet"
		head -20 "$T/err" | sed 's/^/#   /'
	else
		ok 0 "$t: $f: sanitizers quiet"
	fi
}
for f in md2ir/*; do
	check md2ir "$f" md2ir -b https://example.org/a/b "$f"
done
for f in feed2ir/*; do
	[ -e "$f" ] || continue
	check feed2ir "$f" feed2ir "$f"
done
# The IR regressions go through every IR reader there is.
for d in ir ir2*; do
	[ -d "$d" ] || continue
	for f in "$d"/*; do
		for p in "$BIN"/ir2*; do
			[ -x "$p" ] || continue
			case $d in ir|"${p##*/}") ;; *) continue ;; esac
			args=
			[ "${p##*/}" = ir2epub ] && args="-t Fuzz"
			# shellcheck disable=SC2086
			check "${p##*/}" "$f" "${p##*/}" $args "$f"
		done
	done
done

done_testing
