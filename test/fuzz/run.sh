#!/usr/bin/env bash
# Builds the libFuzzer target for the field parsers (src/values.c) and runs
# it for a number of seconds, 60 by default:
#
#	test/fuzz/run.sh [seconds]
#
# The fuzzer starts from the seed corpus in test/fuzz/corpus/, with the
# tokens of test/fuzz/values.dict, and writes the inputs it finds to a
# temporary directory, so the seeds stay as committed.
# On a crash (a sanitizer report or a broken invariant) it exits non-zero
# and the crashing input is kept in test/fuzz/crashes/; replay it with
# test/fuzz/fuzz_values test/fuzz/crashes/<file>.  Needs clang with its
# runtime libraries (Debian: clang, libclang-rt-14-dev).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-60}
cc=${FUZZ_CC:-clang}
bin=test/fuzz/fuzz_values

"$cc" -std=gnu99 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
	-Wmissing-prototypes -Wdeclaration-after-statement -Wvla \
	-Isrc -o "$bin" src/values.c test/fuzz/fuzz_values.c

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus" "$work/artifacts"

status=0
"$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
	-dict=test/fuzz/values.dict \
	-print_final_stats=1 -artifact_prefix="$work/artifacts/" \
	"$work/corpus" test/fuzz/corpus 2>"$work/log" || status=$?

grep -E 'ERROR|SUMMARY|invariant broken|runtime error|Test unit written|stat::number_of_executed_units|stat::peak_rss' "$work/log" || true
if [ "$status" -ne 0 ]; then
	tail -60 "$work/log"
	mkdir -p test/fuzz/crashes
	cp "$work"/artifacts/* test/fuzz/crashes/ 2>/dev/null || true
	echo "fuzz_values failed (exit $status); inputs kept in test/fuzz/crashes/" >&2
	exit 1
fi
echo "fuzz_values: no crash in $seconds s"
