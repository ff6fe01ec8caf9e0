#!/usr/bin/env bash
# The export generator (test/gen): it builds with warnings as errors, the same
# arguments give byte-identical files, another seed gives other files, the
# cadence flags and --format do not change the simulated activity, the 2026
# layout's Project and Impact survey reports agree with its user reports, and what
# it writes is coherent (test/gen/check_exports.py: field counts with a real
# CSV parser, RANK(), map sums, GPT report against user report, months
# against weeks, the awkward cases of the real exports), and a --range of
# one month is that month as a Date Range.
# make test: once (needs no server)
set -eu
cd "$(dirname "$0")/../.."

make -s -f test/gen/Makefile
gen=test/gen/genexports
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

args=(--users 300 --months 3 --partial --seed 7)
"$gen" "${args[@]}" --out "$tmp/a" >"$tmp/a.list"
"$gen" "${args[@]}" --out "$tmp/b" >"$tmp/b.list"

# 14 weeks (2024-12-29 .. 2025-04-05), 3 months, 2 partial periods; 2 reports each
n=$(wc -l <"$tmp/a.list")
[ "$n" -eq 38 ] || { echo "expected 38 files, got $n"; exit 1; }
diff <(sed "s|^$tmp/a/||" "$tmp/a.list" | sort) <(ls "$tmp/a") ||
	{ echo "the files listed on stdout are not the files written"; exit 1; }
for f in "weekly user report 2024-12-29" "weekly gpt report 2025-03-30" \
	"monthly user report 2025-03-01" "partial weekly user report 2025-04-06" \
	"partial monthly gpt report 2025-04-01"; do
	[ -f "$tmp/a/7c1f3a9e5b2d4e608a4c6e8f0b2d4f61 $f.csv" ] || { echo "missing: $f"; exit 1; }
done

diff -r "$tmp/a" "$tmp/b" >/dev/null || { echo "same seed, different files"; exit 1; }
"$gen" --users 300 --months 3 --partial --seed 8 --out "$tmp/c" >/dev/null
if diff -r "$tmp/a" "$tmp/c" >/dev/null; then
	echo "seeds 7 and 8 gave the same files"
	exit 1
fi

# --monthly, --weekly and --partial only choose files: the activity is the
# same, so each file is byte-identical to the one written with every flag
"$gen" "${args[@]}" --monthly --out "$tmp/m" >/dev/null
"$gen" --users 300 --months 3 --seed 7 --weekly --out "$tmp/w" >/dev/null
[ "$(ls "$tmp/m" | grep -c weekly)" -eq 0 ] || { echo "--monthly wrote weekly files"; exit 1; }
[ "$(ls "$tmp/w" | grep -c -e monthly -e partial)" -eq 0 ] || { echo "--weekly wrote other files"; exit 1; }
[ "$(ls "$tmp/m" "$tmp/w" | grep -c csv)" -eq 36 ] || { echo "wrong file count for one cadence"; exit 1; }
for f in "$tmp/m"/* "$tmp/w"/*; do
	cmp -s "$f" "$tmp/a/$(basename "$f")" || { echo "a flag changed $(basename "$f")"; exit 1; }
done

"$gen" "${args[@]}" --format early2025 --out "$tmp/e" >/dev/null
python3 test/gen/check_exports.py "$tmp/a" "$tmp/e"

# --format 2026: each user file is its late-2025 twin with seat_type and
# credits_used after the last column (empty for pending users), each GPT
# file the same bytes
"$gen" "${args[@]}" --format 2026 --out "$tmp/n" >/dev/null
python3 - "$tmp/a" "$tmp/n" <<'PY'
import csv, os, sys
late, new = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(late)):
    a = list(csv.reader(open(os.path.join(late, name), newline='', encoding='utf-8')))
    b = list(csv.reader(open(os.path.join(new, name), newline='', encoding='utf-8')))
    if 'gpt report' in name:
        assert a == b, name
        continue
    assert b[0] == a[0] + ['seat_type', 'credits_used'], (name, b[0][-3:])
    assert len(a) == len(b), name
    for x, y in zip(a[1:], b[1:]):
        assert y[:-2] == x, (name, x[4])
        pending = x[11] == 'pending'
        assert (y[-2] == '') == pending and y[-2] in ('', 'ChatGPT', 'Codex', 'Automation'), (name, y[-2])
        assert (y[-1] == '') == pending, (name, y[-1])
        if not pending:
            assert abs(float(y[-1]) - int(x[16]) / 4) < 1e-9, (name, y[-1], x[16])
print("2026 layout: the late-2025 files plus seat_type and credits_used")
PY

# --format 2026 also writes each period's Project report: one row per
# project created by its last day of data, whose messages are its
# creator's count in project_to_messages of the same period's user report
"$gen" "${args[@]}" --format 2026 --out "$tmp/n2" >/dev/null
diff -r "$tmp/n" "$tmp/n2" >/dev/null || { echo "--format 2026: same arguments, different files"; exit 1; }
"$gen" --users 60 --months 5 --monthly --seed 3 --format 2026 --out "$tmp/s" >"$tmp/s.list"
python3 - "$tmp/n" "$tmp/s" <<'PY'
import ast, csv, os, sys
header = ['cadence', 'period_start', 'period_end', 'account_id', 'project_id', 'project_name',
          'config_type', 'project_description', 'project_url', 'project_creator_public_id',
          'is_active', 'first_day_active_in_period', 'last_day_active_in_period',
          'messages_workspace', 'unique_messagers_workspace', 'project_creator_email']
rows = lambda path: list(csv.DictReader(open(path, newline='', encoding='utf-8')))
for d in sys.argv[1:]:
    names = sorted(os.listdir(d))
    users = [n for n in names if ' user report ' in n]
    assert len([n for n in names if ' project report ' in n]) == len(users), d
    multiline = 0
    for name in users:
        pname = name.replace(' user report ', ' project report ')
        assert next(csv.reader(open(os.path.join(d, pname), newline='', encoding='utf-8'))) == header, pname
        partial = name.split()[1] == 'partial'
        per_user = {}
        total = 0
        for u in rows(os.path.join(d, name)):
            total += int(u['project_messages'] or 0)
            if u['project_to_messages']:
                per_user.update({(u['public_id'], k): v for k, v in ast.literal_eval(u['project_to_messages']).items()})
        ids = set()
        for p in rows(os.path.join(d, pname)):
            assert p['project_id'].startswith('g-p-') and len(p['project_id']) == 36, p['project_id']
            assert p['project_id'] not in ids, (pname, p['project_id'])
            ids.add(p['project_id'])
            m = int(p['messages_workspace'])
            total -= m
            multiline += '\n' in p['project_description']
            assert p['config_type'] in ('Live', 'Draft') and p['is_active'] in ('0', '1'), pname
            assert m == 0 or p['is_active'] == '1', (pname, p['project_id'])
            assert (m > 0) == (p['first_day_active_in_period'] != ''), (pname, p['project_id'])
            if partial:
                assert p['unique_messagers_workspace'] == '', pname
            else:
                assert m == per_user.get((p['project_creator_public_id'], p['project_id']), 0), (pname, p['project_id'])
                assert p['unique_messagers_workspace'] == str(int(m > 0)), (pname, p['project_id'])
        assert total == 0, (pname, 'project messages do not add up', total)
    assert multiline > 0, (d, 'no multi-line project description')

# the Impact survey: days 120 and 240 of the run, when it reaches them
d = sys.argv[2]
surveys = sorted(n for n in os.listdir(d) if ' impact survey report ' in n)
assert len(surveys) == 1, surveys          # 5 months reach day 120 only
emails = set()
for name in os.listdir(d):
    if ' user report ' in name:
        emails |= {u['email'] for u in rows(os.path.join(d, name))}
for name in surveys:
    assert next(csv.reader(open(os.path.join(d, name), newline='', encoding='utf-8'))) == [
        'date_partition', 'workspace_id', 'name', 'email', 'survey_id', 'survey_name', 'question_id', 'answer_id']
    answers = rows(os.path.join(d, name))
    day = name[-14:-4]
    assert answers and len({(a['survey_id'], a['survey_name']) for a in answers}) == 1, name
    dates = [a['date_partition'] for a in answers]
    assert dates == sorted(dates) and dates[0] >= day, name
    for a in answers:
        assert a['email'] in emails and a['question_id'] in ('q1', 'q2', 'q3'), a
        assert a['answer_id'].startswith(a['question_id'] + '-a'), a
print("2026 layout: Project reports agree with the user reports; the survey report is coherent")
PY

# --range adds a Date Range export and changes no other file.  A range of
# exactly February sums the days February's monthly files sum: its user
# file is February's with cadence Date Range; its GPT file too, but for the
# is_active flag of GPTs without messages, drawn per cadence.
"$gen" "${args[@]}" --range 2025-02-01..2025-02-28 --out "$tmp/r" >"$tmp/r.list"
[ "$(grep -c 'date range' "$tmp/r.list")" -eq 2 ] || { echo "--range did not write two files"; exit 1; }
for f in "$tmp/a"/*; do
	cmp -s "$f" "$tmp/r/$(basename "$f")" || { echo "--range changed $(basename "$f")"; exit 1; }
done
python3 - "$tmp/r" <<'PY'
import csv, os, sys
d = sys.argv[1]
acct = '7c1f3a9e5b2d4e608a4c6e8f0b2d4f61'
def rows(name):
    return list(csv.reader(open(os.path.join(d, f'{acct} {name}.csv'), newline='', encoding='utf-8')))
for report in ('user', 'gpt'):
    month = rows(f'monthly {report} report 2025-02-01')
    rng = rows(f'date range {report} report 2025-02-01 to 2025-02-28')
    assert rng[0] == month[0] and len(rng) == len(month), report
    mcol = month[0].index('messages_workspace') if report == 'gpt' else None
    for x, y in zip(month[1:], rng[1:]):
        assert y[0] == 'Date Range' and x[0] == 'Monthly', y[0]
        if report == 'gpt' and x[mcol] == '0':
            a = month[0].index('is_active')
            x, y = x[:a] + x[a + 1:], y[:a] + y[a + 1:]
        assert y[1:] == x[1:], (report, x[:5])
print("--range: a range of one month is that month, as a Date Range")
PY
for bad in 2025-01-01..2026-01-02 2025-03-17..2025-01-05 2025-01-05; do
	if "$gen" --users 5 --out "$tmp/x" --range "$bad" 2>/dev/null >/dev/null; then
		echo "accepted --range $bad"
		exit 1
	fi
done

# Usage: --help succeeds, a bad date or a missing --out does not
"$gen" --help | grep -q -- '--users N'
if "$gen" --users 5 --out "$tmp/x" --start 2025-02-30 2>/dev/null; then
	echo "accepted 2025-02-30"
	exit 1
fi
if "$gen" --users 5 2>/dev/null; then
	echo "ran without --out"
	exit 1
fi
echo "generator ok"
