EXTENSION = uanalytics
EXTVERSION = 0.2.0

MODULE_big = uanalytics
OBJS = $(patsubst %.c,%.o,$(wildcard src/*.c))
SHLIB_LINK += -lcsv

# The install script is assembled from one file per concern in sql/install/,
# in name order, so that tables, loaders, aggregates and views each read on
# their own.  Upgrade scripts (uanalytics--A--B.sql) are plain files in sql/,
# and so is the install script of each released version, kept as it shipped:
# the upgrade test creates a database of that version and updates it.
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard sql/$(EXTENSION)--*--*.sql) sql/$(EXTENSION)--0.1.0.sql

# pg_regress: test/sql/X.sql is compared with expected/X.out.  TESTDIR is
# overridden by test/run.sh, which runs from a copy the server can read.
TESTDIR ?= test
TESTS = $(sort $(wildcard test/sql/*.sql))
REGRESS = $(patsubst test/sql/%.sql,%,$(TESTS))
REGRESS_OPTS = --inputdir=$(TESTDIR) --load-extension=$(EXTENSION)

# Isolation tests (pg_isolation_regress, two or more sessions whose steps
# interleave exactly as a permutation says): test/specs/X.spec is compared
# with expected/X.out too.  PGXS runs them with --outputdir=output_iso, and
# PostgreSQL 15 has no --expecteddir: output_iso/expected, where they look
# first, is a link to ./expected (see below).  Each spec creates the
# extension in its setup.
SPECS = $(sort $(wildcard test/specs/*.spec))
ISOLATION = $(patsubst test/specs/%.spec,%,$(SPECS))
ISOLATION_OPTS = --inputdir=$(TESTDIR)

EXTRA_CLEAN = test/unit/test_values test/unit/test_values_asan test/unit/test_csvread test/unit/test_csvread_asan test/unit/*.o test/fuzz/fuzz_values test/fuzz/fuzz_csvread test/gen/genexports

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(sort $(wildcard sql/install/*.sql))
	cat $^ > $@

installcheck: output_iso/expected
output_iso/expected:
	mkdir -p output_iso
	ln -s ../expected $@

# PGXS does not track headers: any change to one rebuilds every object, so
# that no file keeps an old layout of a shared struct.
$(OBJS): $(wildcard src/*.h)

# The two commands of the README.  Each installs what it needs.  make test
# tests PostgreSQL 15, 17 and 18 in turn; make test PG=17 one of them.
.PHONY: test demo doc bench bench-load
test:
	PG='$(PG)' bash test/run.sh

demo:
	bash test/demo.sh

# doc/reference.md from the COMMENTs of every object
doc:
	bash test/doc.sh

# Benchmarks: not tests, run on purpose (see doc/benchmarks.md).
bench: bench-load
	@for b in test/bench/*.sh; do [ "$$b" = test/bench/load.sh ] || [ "$$b" = test/bench/lib.sh ] || bash "$$b"; done

bench-load:
	bash test/bench/load.sh
