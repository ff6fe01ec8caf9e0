#!/usr/bin/env bash
# The shape of the C code, checked on the built objects and the sources:
#  - calls between src/ files go one way: the graph of "file A uses a
#    symbol file B defines" has no cycle (a callback passed down is no
#    edge: it is passed as a pointer, not named);
#  - every symbol the library exports carries the project's prefix
#    (PostgreSQL loads extensions with RTLD_GLOBAL);
#  - no function is longer than 100 lines.
# make test: once (the shape of the built objects, the same on every version)
set -eu
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*"; exit 1; }
ls src/*.o >/dev/null 2>&1 || fail "build first (make)"

python3 - src/*.o <<'PY'
import subprocess, sys, collections
defined, used = {}, collections.defaultdict(set)
for o in sys.argv[1:]:
    out = subprocess.run(["nm", o], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBR":
            defined[parts[2]] = o
        elif len(parts) == 2 and parts[0] == "U":
            used[o].add(parts[1])
edges = collections.defaultdict(set)
for o, syms in used.items():
    for s in syms:
        d = defined.get(s)
        if d and d != o:
            edges[o].add(d)
name = lambda o: o.split("/")[-1][:-2] + ".c"
for o in sorted(edges):
    print("%-16s calls %s" % (name(o), ", ".join(sorted(name(d) for d in edges[o]))))
# a cycle: depth-first search with colours
state, stack = {}, []
def visit(o):
    state[o] = 1
    stack.append(o)
    for d in sorted(edges[o]):
        if state.get(d) == 1:
            cyc = stack[stack.index(d):] + [d]
            print("FAIL: calls go round: " + " -> ".join(name(x) for x in cyc))
            sys.exit(1)
        if d not in state:
            visit(d)
    stack.pop()
    state[o] = 2
for o in sorted(set(edges) | set(defined.values())):
    if o not in state:
        visit(o)
print("no call cycle between src/ files")
PY

loose=$(nm -D --defined-only uanalytics.so | awk '$2 ~ /[TDBRW]/ {print $3}' |
	grep -Ev '^(ua_|uanalytics_|pg_finfo_(ua|uanalytics)_|Pg_magic_func$|_PG_init$|_PG_fini$|_init$|_fini$|_edata$|_end$|__bss_start$)' || true)
[ -z "$loose" ] || fail "exported without the ua_/uanalytics_ prefix: $(echo $loose)"
echo "every exported symbol carries the prefix"

# functions: from a line "{" at the start to the next "}" at the start
long=$(awk 'FNR == 1 { inbody = 0 }
	/^\{/ { inbody = 1; start = FNR; head = prev }
	/^\}/ && inbody { if (FNR - start - 1 > 100) printf "%s:%d %s (%d lines)\n", FILENAME, start, head, FNR - start - 1; inbody = 0 }
	!/^[{}]/ && !inbody && NF { prev = $0 }' src/*.c)
[ -z "$long" ] || fail "functions over 100 lines:
$long"
echo "no function over 100 lines"
