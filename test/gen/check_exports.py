#!/usr/bin/env python3
"""Check that a directory written by genexports is coherent.

Usage: check_exports.py DIR [EARLY_DIR]

Reads every file with a CSV parser (quoted fields hold commas, quotes and
line breaks) and checks, per file: the header, the field count of every
record, ranks, map sums, the GPT report against the user report of the same
period; across files: months against the weeks that overlap them, and
last_day_active never going back.  With EARLY_DIR (the same arguments with
--format early2025) every early file must hold the same values as its
late-2025 twin, in the early column order.  Also checks that the awkward
cases the loader must handle do occur.  Exits 1 and lists the problems when
anything is wrong.
"""
import ast
import csv
import json
import os
import re
import sys
from collections import defaultdict
from datetime import date, timedelta

LATE_USER = ("cadence,period_start,period_end,account_id,public_id,name,email,role,user_role,"
             "department,groups,user_status,created_or_invited_date,is_active,"
             "first_day_active_in_period,last_day_active_in_period,messages,messages_rank,"
             "model_to_messages,gpt_messages,gpts_messaged,gpt_to_messages,tool_messages,"
             "tools_messaged,tool_to_messages,project_messages,projects_messaged,"
             "project_to_messages,projects_created,last_day_active").split(",")
EARLY_USER = ("cadence,period_start,period_end,account_id,public_id,name,email,role,user_role,"
              "department,user_status,created_or_invited_date,is_active,"
              "first_day_active_in_period,last_day_active_in_period,messages,messages_rank,"
              "gpt_messages,gpts_messaged,tool_messages,tools_messaged,last_day_active,"
              "project_messages,projects_messaged").split(",")
LATE_GPT = ("cadence,period_start,period_end,account_id,gpt_id,gpt_name,config_type,"
            "gpt_description,gpt_url,gpt_creator_public_id,is_active,"
            "first_day_active_in_period,last_day_active_in_period,messages_workspace,"
            "unique_messagers_workspace,gpt_creator_email").split(",")
EARLY_GPT = ("cadence,period_start,period_end,account_id,gpt_id,gpt_name,gpt_description,"
             "gpt_url,gpt_creator_public_id,gpt_creator_email,is_active,"
             "first_day_active_in_period,last_day_active_in_period,messages_workspace,"
             "unique_messagers_workspace").split(",")
MODELS = {"gpt-4o", "gpt-4o-mini", "gpt-4-turbo", "o1", "o3-mini", "o3", "o4-mini", "gpt-4.5",
          "gpt-4.1", "gpt-5", "gpt-5-reasoning", "gpt-5-reasoning-pro"}
TOOLS = {"Search", "Retrieval", "Data Analysis", "Canvas", "DALL·E", "Image Gen", "Deep Research",
         "Legacy Search", "GPT Editor", "Tasks", "Memory", "GPT External API Actions", "Code"}
# Columns empty in partial exports (the * of the help-center text).
STARRED = ["model_to_messages", "gpts_messaged", "gpt_to_messages", "tools_messaged",
           "tool_to_messages", "projects_messaged", "project_to_messages"]
CADENCES = {"weekly": "Weekly", "monthly": "Monthly",
            "partial weekly": "Partial Weekly", "partial monthly": "Partial Monthly"}
FILE_NAME = re.compile(r"^([0-9a-f]{32}) ((?:partial )?(?:weekly|monthly)) (user|gpt) report "
                       r"(\d{4}-\d\d-\d\d)\.csv$")
HEX32 = re.compile(r"^[0-9a-f]{32}$")
GPT_ID = re.compile(r"^g-[0-9a-f]{32}$")
PROJECT_ID = re.compile(r"^g-p-[0-9a-f]{32}$")
PUBLIC_ID = re.compile(r"^user-[A-Za-z0-9]{24}$")

errors = []
seen = defaultdict(int)     # awkward cases met, by name


def fail(where, msg):
    errors.append(f"{where}: {msg}")


def day(s):
    return date.fromisoformat(s)


def pymap(s):
    """A Python dict literal, or {} for an empty field."""
    return {} if s == "" else ast.literal_eval(s)


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def period_end(cadence, start):
    if cadence.endswith("weekly"):
        return start + timedelta(days=6)
    nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def user_key(r):
    return r["public_id"] or "pending:" + r["email"].lower()


def check_user_file(path, header, rows, cadence, start):
    where = os.path.basename(path)
    if header != LATE_USER:
        fail(where, f"header {header}")
        return None
    partial = cadence.startswith("partial")
    end = period_end(cadence, start)
    recs = []
    keys = set()
    for i, fields in enumerate(rows, 2):
        w = f"{where} record {i}"
        if len(fields) != len(header):
            fail(w, f"{len(fields)} fields, header has {len(header)}")
            continue
        r = dict(zip(header, fields))
        recs.append(r)
        if r["cadence"] != CADENCES[cadence] or day(r["period_start"]) != start \
                or day(r["period_end"]) != end or not HEX32.match(r["account_id"]):
            fail(w, "period columns do not match the file")
        k = user_key(r)
        if k in keys:
            fail(w, f"user {k} twice")
        keys.add(k)
        if r["user_status"] == "pending":
            seen["pending"] += 1
            if r["public_id"] or r["name"] or any(fields[j] for j in range(7, 11)) \
                    or any(fields[j] for j in range(13, len(fields))):
                fail(w, "pending user with more than email, status and invite date")
            continue
        if r["user_status"] not in ("enabled", "deleted"):
            fail(w, f"status {r['user_status']}")
        if not PUBLIC_ID.match(r["public_id"]):
            fail(w, f"public_id {r['public_id']}")
        if r["user_role"] not in ("account-owner", "account-admin", "standard-user"):
            fail(w, f"user_role {r['user_role']}")
        if r["department"]:
            depts = json.loads(r["department"])
            if not isinstance(depts, list) or not all(isinstance(x, str) for x in depts):
                fail(w, f"department {r['department']}")
            seen["several departments"] += len(depts) > 1
        groups = pymap(r["groups"])
        if not all(HEX32.match(g) and isinstance(n, str) for g, n in groups.items()):
            fail(w, f"groups {r['groups']}")
        seen["group name with a comma"] += any("," in n for n in groups.values())
        if r["user_status"] == "deleted":
            seen["deleted"] += 1
            if groups:
                fail(w, "deleted user with groups")
        name = r["name"]
        seen["name is the email twice"] += name == r["email"] + " " + r["email"]
        seen["name with a comma"] += "," in name
        seen["name with a quote"] += '"' in name
        seen["non-Latin name"] += any(ord(c) > 0x3ff for c in name)

        msgs = int(r["messages"])
        active = msgs > 0
        if r["is_active"] != ("1" if active else "0"):
            fail(w, f"is_active {r['is_active']} with {msgs} messages")
        first, last, lda = r["first_day_active_in_period"], r["last_day_active_in_period"], r["last_day_active"]
        if active:
            if not (first and last and start <= day(first) <= day(last) <= end):
                fail(w, f"in-period days {first} {last} outside {start}..{end}")
            if lda != last:
                fail(w, f"last_day_active {lda} is not last_day_active_in_period {last}")
            if not r["messages_rank"]:
                fail(w, "active user without messages_rank")
        else:
            seen["enabled, inactive, last active earlier" if lda else "enabled, never active"] += \
                r["user_status"] == "enabled"
            if first or last or r["messages_rank"]:
                fail(w, "inactive user with in-period days or rank")
            if lda and day(lda) >= start:
                fail(w, f"inactive user last active {lda}, inside the period")
            if any(r[c] not in ("", "0") for c in
                   ("gpt_messages", "tool_messages", "project_messages", "projects_created")):
                fail(w, "inactive user with messages")
            if any(r[c] for c in ("model_to_messages", "gpt_to_messages", "tool_to_messages",
                                  "project_to_messages")):
                fail(w, "inactive user with a map")
        if lda and day(lda) > end:
            fail(w, f"last_day_active {lda} after the period")
        gpt, tool, project = int(r["gpt_messages"]), int(r["tool_messages"]), int(r["project_messages"])
        if int(r["projects_created"]) < 0 or gpt + project > msgs:
            fail(w, "gpt and project messages exceed messages")
        seen["tool messages above messages"] += tool > msgs
        if partial:
            if any(r[c] for c in STARRED):
                fail(w, "partial export with a starred column")
            continue
        for col, count, keys_col, pattern in (
                ("model_to_messages", msgs, None, MODELS),
                ("gpt_to_messages", gpt, "gpts_messaged", GPT_ID),
                ("tool_to_messages", tool, "tools_messaged", TOOLS),
                ("project_to_messages", project, "projects_messaged", PROJECT_ID)):
            m = pymap(r[col])
            if sum(m.values()) != count or any(v <= 0 for v in m.values()):
                fail(w, f"{col} {r[col]} does not sum to {count}")
            if keys_col and int(r[keys_col]) != len(m):
                fail(w, f"{keys_col} {r[keys_col]} but {len(m)} keys")
            bad = [k for k in m if not (k in pattern if isinstance(pattern, set) else pattern.match(k))]
            if bad:
                fail(w, f"{col} keys {bad}")
        seen["several models in a period"] += len(pymap(r["model_to_messages"])) > 1
        tools = pymap(r["tool_to_messages"])
        seen["DALL·E"] += "DALL·E" in tools
        seen["Image Gen"] += "Image Gen" in tools

    # messages_rank is SQL RANK() over active users by messages, descending
    active = sorted((int(r["messages"]) for r in recs if r.get("is_active") == "1"), reverse=True)
    rank = {}
    for i, v in enumerate(active):
        rank.setdefault(v, i + 1)
    for r in recs:
        if r.get("is_active") == "1" and int(r["messages_rank"]) != rank[int(r["messages"])]:
            fail(where, f"{user_key(r)} rank {r['messages_rank']}, RANK() is {rank[int(r['messages'])]}")
    seen["tied ranks"] += len(active) - len(rank)
    if partial:
        days = [day(r["last_day_active"]) for r in recs if r["last_day_active"]]
        if days and max(days) >= end:
            fail(where, "partial export with data up to its period_end")
    return recs


def check_gpt_file(path, header, rows, cadence, start, users):
    where = os.path.basename(path)
    if header != LATE_GPT:
        fail(where, f"header {header}")
        return None
    partial = cadence.startswith("partial")
    end = period_end(cadence, start)
    sums = defaultdict(int)
    messagers = defaultdict(int)
    for r in users:
        for g, n in pymap(r.get("gpt_to_messages", "")).items():
            sums[g] += n
            messagers[g] += 1
    by_id = {r["public_id"]: r for r in users if r["public_id"]}
    recs = {}
    for i, fields in enumerate(rows, 2):
        w = f"{where} record {i}"
        if len(fields) != len(header):
            fail(w, f"{len(fields)} fields, header has {len(header)}")
            continue
        r = dict(zip(header, fields))
        g = r["gpt_id"]
        if not GPT_ID.match(g) or g in recs:
            fail(w, f"gpt_id {g}")
        recs[g] = r
        if r["cadence"] != CADENCES[cadence] or day(r["period_start"]) != start \
                or day(r["period_end"]) != end:
            fail(w, "period columns do not match the file")
        if r["config_type"] not in ("Live", "Draft"):
            fail(w, f"config_type {r['config_type']}")
        seen["config_type " + r["config_type"]] += 1
        creator = by_id.get(r["gpt_creator_public_id"])
        if creator is None or creator["email"] != r["gpt_creator_email"]:
            fail(w, "creator is not a user of the period")
        desc = r["gpt_description"]
        seen["description with a line break"] += "\n" in desc
        seen["description with a quote and a comma"] += '"' in desc and "," in desc
        msgs = int(r["messages_workspace"])
        if not partial and (msgs != sums[g] or int(r["unique_messagers_workspace"]) != messagers[g]):
            fail(w, f"{g}: {msgs} messages by {r['unique_messagers_workspace']} users, "
                    f"the user report says {sums[g]} by {messagers[g]}")
        if partial and r["unique_messagers_workspace"]:
            fail(w, "partial export with unique_messagers_workspace")
        if msgs > 0 and r["is_active"] != "1" or r["is_active"] not in ("0", "1"):
            fail(w, f"is_active {r['is_active']} with {msgs} messages")
        seen["active GPT without messages"] += r["is_active"] == "1" and msgs == 0
        first, last = r["first_day_active_in_period"], r["last_day_active_in_period"]
        if (msgs > 0) != bool(first and last) or \
                (first and not start <= day(first) <= day(last) <= end):
            fail(w, f"in-period days {first} {last} with {msgs} messages")
    missing = set(sums) - set(recs)
    if missing:
        fail(where, f"GPTs messaged in the user report but not listed: {sorted(missing)[:3]}")
    total = sum(int(r["gpt_messages"]) for r in users if r["gpt_messages"])
    if total != sum(int(r["messages_workspace"]) for r in recs.values()):
        fail(where, "messages_workspace does not add up to the users' gpt_messages")
    return recs


def check_months_against_weeks(periods):
    """A month lies between the weeks inside it and the weeks that overlap it."""
    weeks = sorted((s, recs) for (c, s), (recs, _) in periods.items() if c == "weekly")
    for (c, mstart), (mrecs, mgpts) in periods.items():
        if c != "monthly":
            continue
        mend = period_end(c, mstart)
        overlap = [(s, r) for s, r in weeks if s <= mend and s + timedelta(days=6) >= mstart]
        if not overlap or overlap[0][0] > mstart or overlap[-1][0] + timedelta(days=6) < mend:
            continue
        inside = [r for s, r in overlap if s >= mstart and s + timedelta(days=6) <= mend]
        seen["week straddling two months"] += len(overlap) > len(inside)
        where = f"month {mstart}"
        for col in ("messages", "gpt_messages", "tool_messages", "project_messages"):
            lo, hi = defaultdict(int), defaultdict(int)
            for recs in inside:
                for r in recs:
                    lo[user_key(r)] += int(r[col] or 0)
            for s, recs in overlap:
                for r in recs:
                    hi[user_key(r)] += int(r[col] or 0)
            for r in mrecs:
                k, v = user_key(r), int(r[col] or 0)
                if not lo[k] <= v <= hi[k]:
                    fail(where, f"{k} {col} {v}, weeks say {lo[k]}..{hi[k]}")
        last_before = {user_key(r): r["last_day_active"] for r in (inside[-1] if inside else [])}
        last_over = {user_key(r): r["last_day_active"] for r in overlap[-1][1]}
        for r in mrecs:
            k, lda = user_key(r), r["last_day_active"]
            if lda and not (last_before.get(k, "") <= lda <= last_over.get(k, "")):
                fail(where, f"{k} last_day_active {lda}, weeks say "
                            f"{last_before.get(k)}..{last_over.get(k)}")
        wsum = defaultdict(int)
        for s, recs in overlap:
            for r in recs:
                for g, n in pymap(r["gpt_to_messages"]).items():
                    wsum[g] += n
        for g, r in mgpts.items():
            if int(r["messages_workspace"]) > wsum[g]:
                fail(where, f"{g} has more messages than the weeks that overlap the month")


def check_last_active_monotonic(periods):
    latest = {}
    for (c, s), (recs, _) in sorted(periods.items(), key=lambda x: x[0][1]):
        if c != "weekly":
            continue
        for r in recs:
            k, lda = user_key(r), r["last_day_active"]
            if latest.get(k, "") > lda:
                fail(f"week {s}", f"{k} last_day_active went back from {latest[k]} to {lda}")
            latest[k] = lda


def check_early(late_dir, early_dir):
    for name in sorted(os.listdir(late_dir)):
        lh, lrows = read(os.path.join(late_dir, name))
        eh, erows = read(os.path.join(early_dir, name))
        want = EARLY_USER if lh == LATE_USER else EARLY_GPT
        if eh != want:
            fail(f"early {name}", f"header {eh}")
            continue
        if len(lrows) != len(erows):
            fail(f"early {name}", "not the same records as late2025")
            continue
        for i, (lr, er) in enumerate(zip(lrows, erows), 2):
            late = dict(zip(lh, lr))
            if len(er) != len(eh) or er != [late[c] for c in eh]:
                fail(f"early {name} record {i}", "differs from its late2025 twin")
                break


def main():
    root = sys.argv[1]
    periods = {}
    gpt_files = []
    inactive = defaultdict(list)
    for name in sorted(os.listdir(root)):
        m = FILE_NAME.match(name)
        if not m:
            fail(name, "unexpected file name")
            continue
        cadence, report, start = m.group(2), m.group(3), day(m.group(4))
        if report == "gpt":
            gpt_files.append((name, cadence, start))
            continue
        header, rows = read(os.path.join(root, name))
        recs = check_user_file(name, header, rows, cadence, start)
        if recs is None:
            continue
        periods[(cadence, start)] = (recs, {})
        claimed = [r for r in recs if r["user_status"] == "enabled"]
        if claimed and not cadence.startswith("partial"):
            inactive[cadence].append(sum(r["is_active"] == "0" for r in claimed) / len(claimed))
    for name, cadence, start in gpt_files:
        if (cadence, start) not in periods:
            fail(name, "no user report for this period")
            continue
        header, rows = read(os.path.join(root, name))
        gpts = check_gpt_file(name, header, rows, cadence, start, periods[(cadence, start)][0])
        if gpts is not None:
            periods[(cadence, start)] = (periods[(cadence, start)][0], gpts)
    check_months_against_weeks(periods)
    check_last_active_monotonic(periods)
    if len(sys.argv) > 2:
        check_early(root, sys.argv[2])

    for cadence, lo, hi in (("weekly", 0.30, 0.55), ("monthly", 0.10, 0.35)):
        if inactive[cadence]:
            share = sum(inactive[cadence]) / len(inactive[cadence])
            print(f"{cadence}: {share:.0%} of enabled users inactive on average")
            if not lo <= share <= hi:
                fail(cadence, f"{share:.0%} of enabled users inactive, expected {lo:.0%}..{hi:.0%}")
    for case in ("pending", "deleted", "enabled, inactive, last active earlier",
                 "enabled, never active", "several departments", "group name with a comma",
                 "name is the email twice", "name with a comma", "name with a quote",
                 "non-Latin name", "tool messages above messages", "several models in a period",
                 "DALL·E", "Image Gen", "tied ranks", "config_type Live", "config_type Draft",
                 "description with a line break", "description with a quote and a comma",
                 "active GPT without messages", "week straddling two months"):
        if not seen[case]:
            fail("coverage", f"no case of: {case}")
    for e in errors[:30]:
        print(e)
    if errors:
        print(f"{len(errors)} problems")
        sys.exit(1)
    print(f"ok: {len(periods)} periods checked")


main()
