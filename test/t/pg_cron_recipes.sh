#!/usr/bin/env bash
# The pg_cron recipes of the manual run as written against Debian's
# postgresql-15-cron: the nightly load of a directory (doc/loading.md) and
# the weekly list of licences to reclaim (doc/reclamation.md).  In a cluster
# of their own that preloads pg_cron, each page's ```sql blocks of its
# pg_cron section run in order (the export directory and database names as
# the page gives them, the directory pointed at test data); then both jobs
# are moved to every minute, and must run and succeed: the load loads the
# directory, the weekly job writes a dated list.  About a minute, waiting
# for pg_cron's next minute.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh
fail() { echo "FAIL: $*"; exit 1; }

if [ "$PG_MAJOR" != 15 ]; then
	echo "pg_cron comes from Debian's postgresql-15-cron, built for PostgreSQL 15 only; none is packaged for the PostgreSQL $PG_MAJOR that test/fetch-pg.sh fetches"
	exit 77
fi

# pg_cron as the other test dependencies are installed (test/lib.sh
# ensure_deps); a PostgreSQL 15 other than Debian's own (PG_BINDIR
# elsewhere, a relocated copy of the same build) gets a copy of its files
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
debian_lib=/usr/lib/postgresql/15/lib
debian_share=/usr/share/postgresql/15/extension
if [ ! -f "$debian_lib/pg_cron.so" ]; then
	echo "installing: postgresql-15-cron"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15-cron >/dev/null ||
		fail "could not install postgresql-15-cron"
fi
lib=$("$PG_CONFIG" --pkglibdir)
share=$("$PG_CONFIG" --sharedir)/extension
if [ "$lib" != "$debian_lib" ] && ! cmp -s "$debian_lib/pg_cron.so" "$lib/pg_cron.so"; then
	$sudo cp "$debian_lib/pg_cron.so" "$lib/" && $sudo cp "$debian_share"/pg_cron* "$share/" ||
		fail "could not copy pg_cron into $lib"
fi

# a cluster of its own beside the suite's, preloading pg_cron; jobs run in
# background workers (no connection through TCP)
export PGPORT=$((${PGPORT:-54321} + 7))
UA_SERVER_OPTS="-c shared_preload_libraries=pg_cron -c cron.database_name=postgres -c cron.use_background_workers=on -c cron.max_running_jobs=4 -c max_worker_processes=16" start_cluster ||
	fail "could not start a cluster with pg_cron"
trap stop_cluster EXIT
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
echo "pg_cron $(q -c "CREATE EXTENSION pg_cron" -c "SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'")"

# the pages' database and export directory
exports="$PGTMP/exports"
cp -r "$TESTDATA/views/acme" "$exports"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$exports"
q -c "CREATE DATABASE analytics"
q -d analytics -c "CREATE EXTENSION uanalytics"
# one file of the directory is there before the first night, so that the
# weekly list has users to list whichever job runs first
q -d analytics -c "SELECT status FROM uanalytics.load('$exports/users_monthly_2025-01.csv')" >/dev/null

# the ```sql blocks of a page's section, in order, the export directory
# replaced by the test's: cron.* calls run in pg_cron's database, the
# others in the analytics database
run_section() { # page, section heading
	local blocks n=0
	blocks=$(mktemp -d "$PGTMP/blocks.XXXX")
	awk -v dir="$blocks" -v heading="$2" '
		$0 == heading { on = 1; next }
		/^## / { on = 0 }
		on && /^```sql$/ { n++; f = sprintf("%s/%02d.sql", dir, n); inside = 1; next }
		inside && /^```/ { inside = 0; close(f); next }
		inside { gsub("/srv/exports/chatgpt", "'"$exports"'"); print > f }
	' "$1"
	for b in "$blocks"/*.sql; do
		[ -e "$b" ] || fail "no sql blocks under \"$2\" in $1"
		n=$((n + 1))
		if grep -q 'cron\.' "$b"; then db=postgres; else db=analytics; fi
		out=$(psql -X -v ON_ERROR_STOP=1 -d $db -f "$b" 2>&1) || fail "$1, \"$2\", block $n:
$(cat "$b")
$out"
		echo "ok: $1, block $n in $db: $(head -1 "$b")"
	done
}
run_section doc/loading.md "## A nightly load with pg_cron"
run_section doc/reclamation.md "## A weekly list with pg_cron"

jobs=$(q -c "SELECT string_agg(jobname || ' (' || schedule || ' in ' || database || ')', ', ' ORDER BY jobname) FROM cron.job")
echo "scheduled: $jobs"
[ "$(q -c "SELECT count(*) FROM cron.job WHERE jobname IN ('uanalytics-nightly-load', 'uanalytics-weekly-reclaim')")" = 2 ] ||
	fail "the recipes did not schedule both jobs: $jobs"

# now rather than tonight and on Monday: every minute, until each has run
q -c "SELECT cron.alter_job(jobid, schedule => '* * * * *') FROM cron.job" >/dev/null
for i in $(seq 1 150); do
	ran=$(q -c "SELECT count(DISTINCT jobid) FROM cron.job_run_details WHERE status IN ('succeeded', 'failed')")
	[ "$ran" = 2 ] && break
	sleep 1
done
runs=$(q -F ' | ' -c "SELECT j.jobname, d.status, d.return_message FROM cron.job_run_details AS d
	JOIN cron.job AS j USING (jobid) ORDER BY d.start_time")
q -c "SELECT cron.unschedule(jobid) FROM cron.job" >/dev/null
echo "runs:"
echo "$runs" | sed 's/^/  /'
[ "$ran" = 2 ] || fail "pg_cron did not run both jobs within 150 seconds"
failed=$(q -c "SELECT count(*) FROM cron.job_run_details WHERE status = 'failed'")
[ "$failed" = 0 ] || fail "a job failed (above)"

loaded=$(q -d analytics -c "SELECT count(*) FROM uanalytics.loads")
listed=$(q -d analytics -c "SELECT count(*) || ' rows, ' || count(DISTINCT listed_on) || ' list of ' || min(listed_on) FROM public.reclaim_review")
echo "the nightly load: $loaded loads stored; the weekly list: $listed"
[ "$loaded" -gt 1 ] || fail "the nightly load loaded nothing"
case $listed in 0\ rows*) fail "the weekly list is empty" ;; esac
echo "both pg_cron recipes ran as written and did their work"
