#!/usr/bin/env bash
# Builds a libFuzzer target and runs it for a number of seconds, 60 by
# default:
#
#	test/fuzz/run.sh [seconds] [values|csvread]
#
# values (the default) fuzzes the field parsers of src/values.c from the
# seeds in test/fuzz/corpus/; csvread fuzzes the CSV reader of src/csvread.c
# from the seeds in test/fuzz/corpus_csv/.  Each has its tokens in
# test/fuzz/<target>.dict.  The inputs the fuzzer finds go to a temporary
# directory, so the seeds stay as committed.
# On a crash (a sanitizer report or a broken invariant) it exits non-zero
# and the crashing input is kept in test/fuzz/crashes/; replay it with
# test/fuzz/fuzz_<target> test/fuzz/crashes/<file>.  Needs clang with its
# runtime libraries (Debian: clang, libclang-rt-14-dev).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-60}
target=${2:-values}
cc=${FUZZ_CC:-clang}
bin=test/fuzz/fuzz_$target

case "$target" in
	values)
		sources="src/values.c test/fuzz/fuzz_values.c"
		libs=
		corpus=test/fuzz/corpus
		;;
	csvread)
		sources="src/csvread.c test/fuzz/fuzz_csvread.c"
		libs=-lcsv
		corpus=test/fuzz/corpus_csv
		;;
	*)
		echo "usage: $0 [seconds] [values|csvread]" >&2
		exit 2
		;;
esac

# shellcheck disable=SC2086
"$cc" -std=gnu99 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
	-Wmissing-prototypes -Wdeclaration-after-statement -Wvla \
	-Isrc -o "$bin" $sources $libs

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus" "$work/artifacts"

status=0
"$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
	-dict="test/fuzz/$target.dict" \
	-print_final_stats=1 -artifact_prefix="$work/artifacts/" \
	"$work/corpus" "$corpus" 2>"$work/log" || status=$?

grep -E 'ERROR|SUMMARY|invariant broken|runtime error|Test unit written|stat::number_of_executed_units|stat::peak_rss' "$work/log" || true
if [ "$status" -ne 0 ]; then
	tail -60 "$work/log"
	mkdir -p test/fuzz/crashes
	cp "$work"/artifacts/* test/fuzz/crashes/ 2>/dev/null || true
	echo "fuzz_$target failed (exit $status); inputs kept in test/fuzz/crashes/" >&2
	exit 1
fi
echo "fuzz_$target: no crash in $seconds s"
