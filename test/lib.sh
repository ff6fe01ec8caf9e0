# Shared by test/suite.sh, test/demo.sh, test/doc.sh, the benchmarks in
# test/bench/ and test/upgrade/make-data-0.1.0.sh, sourced from the
# repository's root: install what is missing, build, and run a throwaway
# PostgreSQL cluster as an unprivileged user (PostgreSQL refuses to run as
# root).
#
# PG_MAJOR picks the PostgreSQL: 15 (the default) is Debian 12's, or the copy
# in PG_BINDIR; 17 and 18 are those test/fetch-pg.sh puts in the test cache
# ($UA_PG_CACHE, by default test/.cache), with Debian 12's psql 15 (from
# PG_BINDIR) as their client.

PG_MAJOR=${PG_MAJOR:-15}
UA_PG_CACHE=${UA_PG_CACHE:-$PWD/test/.cache}
PG15_BINDIR=${PG15_BINDIR:-${PG_BINDIR:-/usr/lib/postgresql/15/bin}}
# PG_DRIVER_LIBS is where the test drivers of the cached versions find their
# libpq (see test/fetch-pg.sh).
if [ "$PG_MAJOR" = 15 ]; then
	PG_BINDIR=$PG15_BINDIR
	PG_DRIVER_LIBS=
else
	PG_BINDIR=$UA_PG_CACHE/pg$PG_MAJOR/bin
	PG_DRIVER_LIBS=$UA_PG_CACHE/pg$PG_MAJOR/libpq
fi
PG_CONFIG=$PG_BINDIR/pg_config
export PG_MAJOR PG_BINDIR PG_CONFIG PG15_BINDIR UA_PG_CACHE

# The build flags of the test command: warnings are errors, minus the usual
# PostgreSQL noise (unused parameters of fmgr functions, signed/unsigned
# comparisons in its macros).
WERROR_CFLAGS="-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers"

# Install PostgreSQL, its server headers, its test drivers and libcsv when
# any is missing: with apt for 15, into the test cache for the others (and
# psql 15 for their client).
ensure_deps() {
	local missing=()
	if [ "$PG_MAJOR" = 15 ]; then
		[ -x "$PG_BINDIR/postgres" ] || missing+=("postgresql-$PG_MAJOR")
		[ -x "$PG_CONFIG" ] && [ -f "$($PG_CONFIG --includedir-server 2>/dev/null)/postgres.h" ] ||
			missing+=("postgresql-server-dev-$PG_MAJOR")
		# the test drivers: Debian ships pg_regress and pg_isolation_regress in
		# the client package, which the server package depends on
		[ -x "$PG_BINDIR/../lib/pgxs/src/test/isolation/pg_isolation_regress" ] ||
			missing+=("postgresql-client-$PG_MAJOR")
	else
		bash test/fetch-pg.sh "$PG_MAJOR" >/dev/null || return 1
		[ -x "$PG15_BINDIR/psql" ] || missing+=(postgresql-client-15)
		as_pg test -x "$PG_BINDIR/postgres" || {
			echo "the server's user cannot run $PG_BINDIR/postgres: set UA_PG_CACHE to a directory it can read" >&2
			return 1
		}
	fi
	[ -f /usr/include/csv.h ] || missing+=(libcsv-dev)
	command -v make >/dev/null && command -v gcc >/dev/null || missing+=(build-essential)
	if [ ${#missing[@]} -gt 0 ]; then
		echo "installing: ${missing[*]}"
		local sudo=
		[ "$(id -u)" -eq 0 ] || sudo=sudo
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
			{ echo "could not install ${missing[*]}" >&2; return 1; }
	fi
	# pg_regress runs psql from the server's bindir: the cached servers have
	# none, and take psql 15's
	[ "$PG_MAJOR" = 15 ] || ln -sfn "$PG15_BINDIR/psql" "$PG_BINDIR/psql"
}

# The release of the headers the build uses (PG_VERSION in pg_config.h)
pg_headers_version() {
	sed -n 's/^#define PG_VERSION "\(.*\)"/\1/p' "$("$PG_CONFIG" --includedir-server)/pg_config.h"
}

# Build and install the extension; extra make arguments are passed on.
build_install() {
	local sudo=
	[ -w "$("$PG_CONFIG" --pkglibdir)" ] || sudo=sudo
	# objects built against another PostgreSQL (make test builds for 15, 17
	# and 18 in turn) are rebuilt, not linked into this one's library
	if [ "$(cat .built-for 2>/dev/null)" != "$PG_CONFIG" ]; then
		make -s PG_CONFIG="$PG_CONFIG" clean >/dev/null 2>&1
		echo "$PG_CONFIG" >.built-for
	fi
	make -s PG_CONFIG="$PG_CONFIG" "$@" >/dev/null &&
		$sudo make -s PG_CONFIG="$PG_CONFIG" "$@" install >/dev/null
}

# Run a command as the cluster's owner.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# Start a cluster in a fresh temporary directory that the server's user can
# read.  Sets PGTMP, PGHOST, PGPORT, PGUSER, PGDATABASE.
start_cluster() {
	PGTMP=$(mktemp -d /tmp/uanalytics.XXXXXX)
	chmod 755 "$PGTMP"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$PGTMP"
	export PGHOST=$PGTMP PGPORT=${PGPORT:-54321} PGUSER=postgres PGDATABASE=postgres
	as_pg "$PG_BINDIR/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --no-locale >"$PGTMP/initdb.log" 2>&1 ||
		{ cat "$PGTMP/initdb.log"; return 1; }
	as_pg "$PG_BINDIR/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w \
		-o "-k $PGTMP -p $PGPORT -c listen_addresses='' -c max_worker_processes=8 ${UA_SERVER_OPTS:-}" start >/dev/null ||
		{ cat "$PGTMP/server.log"; return 1; }
}

# Stop the cluster and remove its directory.
stop_cluster() {
	[ -n "${PGTMP:-}" ] && [ -d "$PGTMP/data" ] || return 0
	as_pg "$PG_BINDIR/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1
	rm -rf "$PGTMP"
}

# Copy files into the cluster's directory so the server's user can read them
# (the checkout may sit where only root can enter).  Prints the new path.
server_copy() {
	local src=$1 dest="$PGTMP/$(basename "$1")"
	cp -r "$src" "$dest"
	[ "$(id -u)" -eq 0 ] && chown -R postgres: "$dest"
	echo "$dest"
}
