#!/usr/bin/env bash
# One version everywhere: the control file's default_version, the Makefile's
# EXTVERSION, META.json (the release and the extension it provides) and the
# install script the Makefile builds; every upgrade script in sql/ leads
# from one released version to the next and ends at the current one.
# make test: once (needs no server)
set -eu
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*"; exit 1; }

control=$(sed -n "s/^default_version = '\(.*\)'/\1/p" uanalytics.control)
makefile=$(sed -n 's/^EXTVERSION = //p' Makefile)
meta=$(python3 -c 'import json; m = json.load(open("META.json")); print(m["version"], m["provides"]["uanalytics"]["version"], m["provides"]["uanalytics"]["file"])')
echo "control $control, Makefile $makefile, META.json $meta"
[ -n "$control" ] || fail "no default_version in uanalytics.control"
[ "$control" = "$makefile" ] || fail "uanalytics.control says $control, the Makefile $makefile"
[ "$meta" = "$control $control sql/uanalytics--$control.sql" ] || fail "META.json says $meta"
grep -q "^module_pathname = '\$libdir/uanalytics'" uanalytics.control || fail "module_pathname"
grep -q "^relocatable = false" uanalytics.control || fail "the extension must not be relocatable"
grep -q "^schema = uanalytics" uanalytics.control || fail "schema"
for f in sql/uanalytics--*--*.sql; do
	[ -e "$f" ] || continue
	to=${f##*--}
	to=${to%.sql}
	[ "$(printf '%s\n' "$to" "$control" | sort -V | tail -1)" = "$control" ] ||
		fail "$f upgrades past the current version $control"
done
# no test may share a name with a file in sql/ (pg_regress would run that)
for t in test/sql/*.sql; do
	[ -e "sql/$(basename "$t")" ] && fail "test/sql/$(basename "$t") shares its name with sql/"
done
echo "versions agree"
