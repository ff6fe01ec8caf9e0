#!/usr/bin/env bash
# make doc: regenerates doc/reference.md from the COMMENTs in a throwaway
# cluster (see test/t/doc_reference.sh).
set -eu
cd "$(dirname "$0")/.."
. test/lib.sh
ensure_deps
build_install
start_cluster
trap stop_cluster EXIT
UA_WRITE_DOCS=1 bash test/t/doc_reference.sh
