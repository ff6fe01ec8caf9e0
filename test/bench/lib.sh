# Shared by the benchmarks in test/bench: timing a statement in its own
# backend while sampling that backend's private memory.

# measure SQL: runs SQL in a fresh psql session; sets ELAPSED_MS (wall clock
# from sending the statement to its last result), CPU_MS (the CPU time the
# backend used meanwhile, user and system: on a shared machine it moves
# less than the wall clock, as waiting for a core is not counted) and
# PEAK_KB (the highest RssAnon of the backend, sampled every 10 ms: its
# private memory, shared buffers not included).  Returns non-zero if the
# statement failed.
# backend_cpu_ticks PID: user + system time of a process, in clock ticks
# (fields 14 and 15 of /proc/PID/stat; a backend's name has no blank)
backend_cpu_ticks() {
	local f
	read -r -a f </proc/"$1"/stat
	echo $((f[13] + f[14]))
}

measure() {
	local sql=$1 pid line rc start cpu_start peak=0 k v partial= from to psql_pid
	coproc BENCH_PSQL { psql -qXAt -v ON_ERROR_STOP=1 2>&1; }
	# bash unsets BENCH_PSQL when psql exits (after an error, say), which
	# set -u would make fatal: the descriptors are kept here
	from=${BENCH_PSQL[0]}
	to=${BENCH_PSQL[1]}
	psql_pid=$BENCH_PSQL_PID
	echo "SELECT pg_backend_pid();" >&"$to"
	read -r pid <&"$from"
	cpu_start=$(backend_cpu_ticks "$pid")
	start=$(date +%s%N)
	printf '%s;\nSELECT %s;\n' "$sql" "'bench-done'" >&"$to"
	while :; do
		while read -r k v _; do
			[ "$k" = RssAnon: ] && [ "$v" -gt "$peak" ] && peak=$v
		done </proc/"$pid"/status 2>/dev/null
		# a read that times out keeps what it got of a line: put it back
		if read -t 0.01 -r line <&"$from" 2>/dev/null; then
			line=$partial$line
			partial=
			[ "$line" = bench-done ] && break
			case "$line" in ERROR:* | FATAL:* | psql:*) echo "$line" >&2 ;; esac
		else
			rc=$?
			if [ "$rc" -le 128 ]; then
				echo "measure: the statement failed" >&2
				return 1
			fi
			partial=$partial$line
		fi
	done
	ELAPSED_MS=$((($(date +%s%N) - start) / 1000000))
	CPU_MS=$((($(backend_cpu_ticks "$pid") - cpu_start) * 1000 / $(getconf CLK_TCK)))
	PEAK_KB=$peak
	echo '\q' >&"$to"
	wait "$psql_pid" 2>/dev/null || true
}

# best_of N SETUP_SQL SQL: the fastest of N runs of SQL, each after
# SETUP_SQL (not timed); sets BEST_MS and BEST_PEAK_KB (peak of that run),
# and BEST_CPU_MS (the least backend CPU time of the N runs).
best_of() {
	local n=$1 setup=$2 sql=$3 i
	BEST_MS=
	BEST_CPU_MS=
	for i in $(seq 1 "$n"); do
		[ -n "$setup" ] && psql -qXAt -v ON_ERROR_STOP=1 -c "$setup" >/dev/null
		psql -qXAt -c "CHECKPOINT" >/dev/null
		measure "$sql" || return 1
		if [ -z "$BEST_MS" ] || [ "$ELAPSED_MS" -lt "$BEST_MS" ]; then
			BEST_MS=$ELAPSED_MS
			BEST_PEAK_KB=$PEAK_KB
		fi
		if [ -z "$BEST_CPU_MS" ] || [ "$CPU_MS" -lt "$BEST_CPU_MS" ]; then
			BEST_CPU_MS=$CPU_MS
		fi
	done
}

# ratio A B: A/B with two decimals
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

# The machine, for the record.
describe_machine() {
	echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
		"$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
	echo "postgres: $(psql -XAt -c 'SHOW server_version'), shared_buffers $(psql -XAt -c 'SHOW shared_buffers')," \
		"work_mem $(psql -XAt -c 'SHOW work_mem'), max_wal_size $(psql -XAt -c 'SHOW max_wal_size')"
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
