#!/usr/bin/env bash
# doc/reference.md is generated from the COMMENTs (tools/reference.sql): it
# must be current, and every table, view, column, type, function and
# aggregate must have a COMMENT (BI tools show them to analysts).
# UA_WRITE_DOCS=1 rewrites doc/reference.md instead (make doc).
set -eu
cd "$(dirname "$0")/../.."
db=ua_doc_reference
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
psql -qX -v ON_ERROR_STOP=1 -d $db -c "CREATE EXTENSION uanalytics"
new=$(mktemp)
trap 'rm -f "$new"; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
psql -qX -v ON_ERROR_STOP=1 -d $db -f tools/reference.sql >"$new"

if [ "${UA_WRITE_DOCS:-0}" = 1 ]; then
	cp "$new" doc/reference.md
	echo "wrote doc/reference.md"
fi
if grep -n -B3 "(no comment)" "$new"; then
	echo "FAIL: objects without a COMMENT (above)"
	exit 1
fi
if ! diff -u doc/reference.md "$new"; then
	echo "FAIL: doc/reference.md is stale; run make doc"
	exit 1
fi
echo "doc/reference.md matches the COMMENTs ($(grep -c '^## ' "$new") objects)"
