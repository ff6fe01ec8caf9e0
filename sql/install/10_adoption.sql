-- uanalytics install script, part 10: people and adoption analytics
-- (doc/adoption.md): people, identities and their candidates, adoption,
-- power users, habitual users, cohort retention.
--
-- The per-period counts adoption needs beyond the dashboard's
-- (activated_users, power_users) are counted by the loader while a period's
-- rows go in, into user_period_totals (01_tables.sql, src/periods.c), as the
-- other rollups are: a load that adds or replaces a period updates them in
-- its own transaction, for nothing measurable.  The loader also writes a
-- digest of each user period (user_period_digests: a few bytes per row, one
-- value per period, src/digests.c) with an email lookup beside it
-- (user_period_emails), from which people, cohort_retention and
-- habitual_users are computed.  identity_candidates reads the stored rows.
-- A table kept per user would cost every load a write per user, more than
-- the loader's own budget allows (doc/benchmarks.md#people-and-adoption).

-- ---- identities ----

-- Filled by the customer: which public_ids are one person.
CREATE TABLE uanalytics.identities (
	account_id text NOT NULL,
	public_id text NOT NULL,
	person_key text NOT NULL,
	PRIMARY KEY (account_id, public_id)
) WITH (parallel_workers = 0);	-- a few rows: starting workers costs more than reading them
CREATE INDEX identities_person_key_idx ON uanalytics.identities (person_key, account_id);

COMMENT ON TABLE uanalytics.identities IS 'Filled by the customer: maps public_ids to a person (an HR employee id, say), so that people, cohort_retention and time to first use count a person whose email changed (and who got a new public_id) once.  identity_candidates suggests pairs; nothing merges until a row is inserted here.';
COMMENT ON COLUMN uanalytics.identities.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.identities.public_id IS 'A user''s public_id, as in user_engagement.';
COMMENT ON COLUMN uanalytics.identities.person_key IS 'The person it belongs to: any text; every public_id mapped to the same person_key (in the account) is one person.';
SELECT pg_catalog.pg_extension_config_dump('uanalytics.identities', '');

-- ---- digests ----

-- One row per stored user period, written by the loaders with the period.
CREATE TABLE uanalytics.user_period_digests (
	account_id text NOT NULL,
	cadence text NOT NULL,
	period_start date NOT NULL,
	period_end date NOT NULL,
	period_key date NOT NULL,
	is_partial boolean NOT NULL,
	load_id bigint NOT NULL,
	digest bytea NOT NULL,
	names bytea,
	PRIMARY KEY (account_id, cadence, period_start, period_key)
);
-- stored uncompressed: a load writes each whole and readers read it whole
-- (compressing them was not tried)
ALTER TABLE uanalytics.user_period_digests ALTER COLUMN digest SET STORAGE EXTERNAL,
	ALTER COLUMN names SET STORAGE EXTERNAL;

COMMENT ON TABLE uanalytics.user_period_digests IS 'Per account and stored user period (every cadence, partial and Date Range included), what cohort_retention and habitual_users need of its rows with a public_id, in one value (src/digests.c); written by the loaders with the period, remade by refresh_digests.';
COMMENT ON COLUMN uanalytics.user_period_digests.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.user_period_digests.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.user_period_digests.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.user_period_digests.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.user_period_digests.period_key IS 'As uanalytics.periods.period_key: period_start for a week or month, period_end for a Date Range.';
COMMENT ON COLUMN uanalytics.user_period_digests.is_partial IS 'True when the period''s rows come from a partial export.';
COMMENT ON COLUMN uanalytics.user_period_digests.load_id IS 'The load whose rows it holds.';
COMMENT ON COLUMN uanalytics.user_period_digests.digest IS 'Per row with a public_id: the public_id, is_active, whether enabled, created_or_invited_date, first_day_active_in_period, last_day_active and messages (uanalytics.user_period_digest_rows shows them).';
COMMENT ON COLUMN uanalytics.user_period_digests.names IS 'A complete week''s: the email and name of each row of digest, in the same order (habitual_users reads them); NULL for other periods.';
-- derived, but dumped as the rollups are, so that a restored database
-- answers at once
SELECT pg_catalog.pg_extension_config_dump('uanalytics.user_period_digests', '');

-- The email lookup of each digest, in 256 buckets (src/digests.c).
CREATE TABLE uanalytics.user_period_emails (
	account_id text NOT NULL,
	cadence text NOT NULL,
	period_start date NOT NULL,
	period_key date NOT NULL,
	bucket smallint NOT NULL,
	entries bytea NOT NULL,
	PRIMARY KEY (account_id, cadence, period_start, period_key, bucket)
);
CREATE INDEX user_period_emails_bucket_idx ON uanalytics.user_period_emails (bucket);
-- hashes do not compress
ALTER TABLE uanalytics.user_period_emails ALTER COLUMN entries SET STORAGE EXTERNAL;

COMMENT ON TABLE uanalytics.user_period_emails IS 'Beside each user_period_digests digest, its email lookup: for each row with an email, the hash of lower(email) and where the row''s entry is in the digest, split by the hash''s top byte into up to 256 buckets, one row each; people reads one bucket per period to find a person by email.  Written by the loaders with the digest, remade by refresh_digests.';
COMMENT ON COLUMN uanalytics.user_period_emails.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.user_period_emails.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.user_period_emails.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.user_period_emails.period_key IS 'As uanalytics.periods.period_key.';
COMMENT ON COLUMN uanalytics.user_period_emails.bucket IS 'The top byte of the hashes it holds (0 to 255).';
COMMENT ON COLUMN uanalytics.user_period_emails.entries IS 'Per row of the period whose email hashes into the bucket: the hash of lower(email) and the offset of the row''s entry in the digest, 8 bytes, in the order of the digest.';
SELECT pg_catalog.pg_extension_config_dump('uanalytics.user_period_emails', '');

CREATE FUNCTION uanalytics.refresh_digests()
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'ua_refresh_digests'
	LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION uanalytics.refresh_digests() IS 'Makes user_period_digests and user_period_emails again from the stored rows, for every user period; returns their number.  The loaders keep the digests current themselves: call it after editing user_engagement by hand.';
REVOKE ALL ON FUNCTION uanalytics.refresh_digests() FROM PUBLIC;

CREATE FUNCTION uanalytics.user_period_digest_rows(digest bytea, names bytea DEFAULT NULL)
	RETURNS TABLE (public_id text, is_active boolean, enabled boolean, created_or_invited_date date,
				   first_day_active_in_period date, last_day_active date, messages integer, email text,
				   name text)
	AS 'MODULE_PATHNAME', 'ua_user_period_digest_rows'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.user_period_digest_rows(bytea, bytea) IS 'The rows a user_period_digests digest holds, one per row of the period with a public_id; with the names of a complete week, their email and name too.';

-- ---- people ----

-- The public_ids of the people that identities names: those mapped, and
-- those not mapped whose public_id a mapped one has as its person_key.
CREATE VIEW uanalytics.merged_public_ids AS
SELECT i.account_id, i.person_key, i.public_id
FROM uanalytics.identities AS i
UNION ALL
SELECT k.account_id, k.person_key, k.person_key
FROM (SELECT DISTINCT d.account_id, d.person_key FROM uanalytics.identities AS d) AS k
WHERE NOT EXISTS (SELECT FROM uanalytics.identities AS i
				  WHERE (i.account_id, i.public_id) = (k.account_id, k.person_key));

COMMENT ON VIEW uanalytics.merged_public_ids IS 'The public_ids of the people identities names (what people merges): every public_id mapped in identities, under its person_key, and every public_id that is itself a person_key of identities without being mapped, under itself.  Public_ids not listed here are one person each, keyed by the public_id.';
COMMENT ON COLUMN uanalytics.merged_public_ids.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.merged_public_ids.person_key IS 'The person (people.person_key).';
COMMENT ON COLUMN uanalytics.merged_public_ids.public_id IS 'One of its public_ids (perhaps not in any stored export yet).';

-- person_summary(row) -> person_summary: what people shows of a person,
-- from all of the person's rows in one pass (src/agg_person.c).

CREATE TYPE uanalytics.person_summary AS (
	created_or_invited_date date,
	first_active_day date,
	last_active_day date,
	first_use_known boolean,
	active_months integer,
	active_month_starts date[],
	messages bigint,
	email text,
	name text,
	department text[],
	groups jsonb,
	user_role text,
	user_status text,
	seat_type text
);
COMMENT ON TYPE uanalytics.person_summary IS 'Result of the aggregate person_summary: a person over all of the rows it is given (people''s columns, and active_month_starts: the complete months active, in order).';

CREATE FUNCTION uanalytics.person_summary_trans(internal, period_start date, period_end date, cadence text,
	is_partial boolean, public_id text, created_or_invited_date date, is_active boolean,
	first_day_active_in_period date, last_day_active date, messages integer, user_status text, email text,
	name text, department text[], groups jsonb, user_role text, seat_type text)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_person_summary_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_trans(internal, date, date, text, boolean, text, date, boolean, date, date, integer, text, text, text, text[], jsonb, text, text) IS 'Transition function of person_summary: adds a user_engagement row of the person.';

CREATE FUNCTION uanalytics.person_summary_combine(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_person_summary_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_combine(internal, internal) IS 'Combine function of person_summary: one person''s two partial states merged.';

CREATE FUNCTION uanalytics.person_summary_serialize(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'ua_person_summary_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_serialize(internal) IS 'Serialize function of person_summary: the state as bytes for a parallel worker''s result.';

CREATE FUNCTION uanalytics.person_summary_deserialize(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_person_summary_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_deserialize(bytea, internal) IS 'Deserialize function of person_summary: the state from person_summary_serialize''s bytes.';

CREATE FUNCTION uanalytics.person_summary_final(internal, period_start date, period_end date, cadence text,
	is_partial boolean, public_id text, created_or_invited_date date, is_active boolean,
	first_day_active_in_period date, last_day_active date, messages integer, user_status text, email text,
	name text, department text[], groups jsonb, user_role text, seat_type text)
	RETURNS uanalytics.person_summary
	AS 'MODULE_PATHNAME', 'ua_person_summary_final'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_final(internal, date, date, text, boolean, text, date, boolean, date, date, integer, text, text, text, text[], jsonb, text, text) IS 'Final function of person_summary: the person''s summary; NULL for no rows.';

CREATE AGGREGATE uanalytics.person_summary(period_start date, period_end date, cadence text,
	is_partial boolean, public_id text, created_or_invited_date date, is_active boolean,
	first_day_active_in_period date, last_day_active date, messages integer, user_status text, email text,
	name text, department text[], groups jsonb, user_role text, seat_type text) (
	SFUNC = uanalytics.person_summary_trans,
	STYPE = internal,
	SSPACE = 600,	-- bytes a state takes, with the latest row's values (for the planner)
	FINALFUNC = uanalytics.person_summary_final,
	FINALFUNC_EXTRA,
	COMBINEFUNC = uanalytics.person_summary_combine,
	SERIALFUNC = uanalytics.person_summary_serialize,
	DESERIALFUNC = uanalytics.person_summary_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE uanalytics.person_summary(date, date, text, boolean, text, date, boolean, date, date, integer, text, text, text, text[], jsonb, text, text) IS 'A person over its user_engagement rows, in one pass: earliest created_or_invited_date, first_active_day (earliest first_day_active_in_period of an active row), last_active_day, first_use_known (from the earliest row), the complete months active (once each) and their messages, and the latest row''s email, name, department, groups, user_role, user_status and seat_type.  The orders of the earliest and latest rows are those of doc/adoption.md; cadence and public_id break ties as bytes.';

-- Every person's rows through person_summary.  The public_ids identities
-- does not name are grouped by public_id, so that a condition on person_key
-- reaches the hash index on public_id; the others by their person_key.
CREATE VIEW uanalytics.person_summaries AS
SELECT u.account_id, u.public_id AS person_key, ARRAY[u.public_id] AS public_ids,
	uanalytics.person_summary(u.period_start, u.period_end, u.cadence, u.is_partial, u.public_id,
		u.created_or_invited_date, u.is_active, u.first_day_active_in_period, u.last_day_active,
		u.messages, u.user_status, u.email, u.name, u.department, u.groups, u.user_role, u.seat_type)
		AS summary
FROM uanalytics.user_engagement AS u
WHERE u.public_id IS NOT NULL
  AND NOT EXISTS (SELECT FROM uanalytics.identities AS i
				  WHERE (i.account_id, i.public_id) = (u.account_id, u.public_id))
  AND NOT EXISTS (SELECT FROM uanalytics.identities AS k
				  WHERE (k.account_id, k.person_key) = (u.account_id, u.public_id))
GROUP BY u.account_id, u.public_id
UNION ALL
SELECT m.account_id, m.person_key, array_agg(DISTINCT u.public_id ORDER BY u.public_id),
	uanalytics.person_summary(u.period_start, u.period_end, u.cadence, u.is_partial, u.public_id,
		u.created_or_invited_date, u.is_active, u.first_day_active_in_period, u.last_day_active,
		u.messages, u.user_status, u.email, u.name, u.department, u.groups, u.user_role, u.seat_type)
FROM uanalytics.merged_public_ids AS m
JOIN uanalytics.user_engagement AS u ON (u.account_id, u.public_id) = (m.account_id, m.public_id)
GROUP BY m.account_id, m.person_key;

COMMENT ON VIEW uanalytics.person_summaries IS 'One row per person and account with person_summary over all of the person''s stored rows: what people reads.';
COMMENT ON COLUMN uanalytics.person_summaries.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.person_summaries.person_key IS 'identities.person_key where the customer mapped the user, else the public_id.';
COMMENT ON COLUMN uanalytics.person_summaries.public_ids IS 'Every public_id merged into the person, in order.';
COMMENT ON COLUMN uanalytics.person_summaries.summary IS 'person_summary of the person''s rows.';

CREATE VIEW uanalytics.people_from_rows AS
SELECT p.account_id, p.person_key, p.public_ids,
	(p.summary).email, (p.summary).name, (p.summary).department, (p.summary).groups, (p.summary).user_role,
	(p.summary).user_status, (p.summary).seat_type, (p.summary).created_or_invited_date,
	(p.summary).first_active_day, (p.summary).last_active_day, (p.summary).first_use_known,
	CASE WHEN (p.summary).first_use_known
		 THEN (p.summary).first_active_day - (p.summary).created_or_invited_date END AS days_to_first_use,
	(p.summary).active_months, (p.summary).messages
FROM uanalytics.person_summaries AS p;

COMMENT ON VIEW uanalytics.people_from_rows IS 'The rows of people computed from the stored rows (person_summaries): people looks one person up here by person_key; the tests and the benchmark compare the two.';
COMMENT ON COLUMN uanalytics.people_from_rows.account_id IS 'As people.account_id.';
COMMENT ON COLUMN uanalytics.people_from_rows.person_key IS 'As people.person_key.';
COMMENT ON COLUMN uanalytics.people_from_rows.public_ids IS 'As people.public_ids.';
COMMENT ON COLUMN uanalytics.people_from_rows.email IS 'As people.email.';
COMMENT ON COLUMN uanalytics.people_from_rows.name IS 'As people.name.';
COMMENT ON COLUMN uanalytics.people_from_rows.department IS 'As people.department.';
COMMENT ON COLUMN uanalytics.people_from_rows.groups IS 'As people.groups.';
COMMENT ON COLUMN uanalytics.people_from_rows.user_role IS 'As people.user_role.';
COMMENT ON COLUMN uanalytics.people_from_rows.user_status IS 'As people.user_status.';
COMMENT ON COLUMN uanalytics.people_from_rows.seat_type IS 'As people.seat_type.';
COMMENT ON COLUMN uanalytics.people_from_rows.created_or_invited_date IS 'As people.created_or_invited_date.';
COMMENT ON COLUMN uanalytics.people_from_rows.first_active_day IS 'As people.first_active_day.';
COMMENT ON COLUMN uanalytics.people_from_rows.last_active_day IS 'As people.last_active_day.';
COMMENT ON COLUMN uanalytics.people_from_rows.first_use_known IS 'As people.first_use_known.';
COMMENT ON COLUMN uanalytics.people_from_rows.days_to_first_use IS 'As people.days_to_first_use.';
COMMENT ON COLUMN uanalytics.people_from_rows.active_months IS 'As people.active_months.';
COMMENT ON COLUMN uanalytics.people_from_rows.messages IS 'As people.messages.';

-- people: a foreign table of the extension's own wrapper (src/people.c),
-- whose scan sees the query's conditions: person_key = x reads that person
-- from people_from_rows, lower(email) = x finds the public_ids through
-- user_period_emails, and anything else reads every person from the digests.
CREATE FUNCTION uanalytics.people_handler()
	RETURNS fdw_handler
	AS 'MODULE_PATHNAME', 'ua_people_handler'
	LANGUAGE C STRICT;
COMMENT ON FUNCTION uanalytics.people_handler() IS 'Handler of the foreign-data wrapper uanalytics_people, which answers uanalytics.people.';

CREATE FOREIGN DATA WRAPPER uanalytics_people HANDLER uanalytics.people_handler;
COMMENT ON FOREIGN DATA WRAPPER uanalytics_people IS 'uanalytics.people''s scan (src/people.c): reads this database, never another.';
CREATE SERVER uanalytics_people FOREIGN DATA WRAPPER uanalytics_people;
COMMENT ON SERVER uanalytics_people IS 'The server of uanalytics.people: this database.';

CREATE FOREIGN TABLE uanalytics.people (
	account_id text,
	person_key text,
	public_ids text[],
	email text,
	name text,
	department text[],
	groups jsonb,
	user_role text,
	user_status text,
	seat_type text,
	created_or_invited_date date,
	first_active_day date,
	last_active_day date,
	first_use_known boolean,
	days_to_first_use integer,
	active_months integer,
	messages bigint
) SERVER uanalytics_people;


COMMENT ON FOREIGN TABLE uanalytics.people IS 'One row per person and account, over all stored history: every public_id whose person_key is the same (identities, else the public_id itself) is one person.  Pending users (no public_id) are not people yet.  A foreign table of the extension (doc/adoption.md): a condition on person_key, lower(email) or email (= or IN) is looked up in milliseconds; any other reads every person from the digests.';
COMMENT ON COLUMN uanalytics.people.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.people.person_key IS 'identities.person_key where the customer mapped the user, else the public_id.';
COMMENT ON COLUMN uanalytics.people.public_ids IS 'Every public_id merged into the person, in order.';
COMMENT ON COLUMN uanalytics.people.email IS 'email of the person''s latest row: the greatest period_end, then an enabled row before others, then the latest created_or_invited_date (after a merge, the new account''s), then the greatest period_start.';
COMMENT ON COLUMN uanalytics.people.name IS 'name of the latest row (see email).';
COMMENT ON COLUMN uanalytics.people.department IS 'department of the latest row (see email).';
COMMENT ON COLUMN uanalytics.people.groups IS 'groups of the latest row (see email); deleted users'' rows have none.';
COMMENT ON COLUMN uanalytics.people.user_role IS 'user_role of the latest row (see email).';
COMMENT ON COLUMN uanalytics.people.user_status IS 'user_status of the latest row (see email): enabled or deleted.';
COMMENT ON COLUMN uanalytics.people.seat_type IS 'seat_type of the latest row (see email); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.people.created_or_invited_date IS 'Earliest created_or_invited_date of the person''s rows.';
COMMENT ON COLUMN uanalytics.people.first_active_day IS 'Earliest first_day_active_in_period of a row with is_active (any cadence, partial included); NULL when no stored row is active.  Shown even when first_use_known is false: the person may have been active before the first export.';
COMMENT ON COLUMN uanalytics.people.last_active_day IS 'Latest last_day_active of the person''s rows; NULL when none has one.';
COMMENT ON COLUMN uanalytics.people.first_use_known IS 'True when the first activity lies inside stored history: the person''s earliest stored row (smallest period_start, any cadence; then smallest period_end) has last_day_active NULL, or its created_or_invited_date is on or after its period_start.';
COMMENT ON COLUMN uanalytics.people.days_to_first_use IS 'first_active_day - created_or_invited_date, in days, when first_use_known; NULL otherwise (the stored exports cannot tell when a user active before them first used ChatGPT), and NULL for a person never active or without a created_or_invited_date.';
COMMENT ON COLUMN uanalytics.people.active_months IS 'Complete Monthly periods in which the person is_active (a month counts once however many public_ids); 0 when none is stored.';
COMMENT ON COLUMN uanalytics.people.messages IS 'Sum of messages over the person''s complete Monthly periods; NULL when the person has no complete Monthly period stored (weekly exports only, say), not 0.';

-- The name, email and earliest created_or_invited_date of every public_id
-- (its latest row, by the rule of people), for identity_candidates.
CREATE VIEW uanalytics.identity_candidates AS
WITH ids AS (
	SELECT DISTINCT ON (u.account_id, u.public_id)
		u.account_id, u.public_id, u.name, u.email,
		min(u.created_or_invited_date) OVER (PARTITION BY u.account_id, u.public_id) AS created_or_invited_date
	FROM uanalytics.user_engagement AS u
	WHERE u.public_id IS NOT NULL
	ORDER BY u.account_id, u.public_id, u.period_end DESC, u.user_status IS NOT DISTINCT FROM 'enabled' DESC,
		u.created_or_invited_date DESC NULLS LAST, u.period_start DESC, u.cadence DESC
)
SELECT n.account_id, o.public_id AS old_public_id, n.public_id AS new_public_id, n.name,
	o.email AS old_email, n.email AS new_email,
	o.created_or_invited_date AS old_created_or_invited_date,
	n.created_or_invited_date AS new_created_or_invited_date,
	EXISTS (SELECT FROM uanalytics.identities AS io
			JOIN uanalytics.identities AS inew
				ON (inew.account_id, inew.public_id) = (n.account_id, n.public_id)
			WHERE (io.account_id, io.public_id) = (o.account_id, o.public_id)
			  AND io.person_key = inew.person_key) AS merged
FROM ids AS o
JOIN ids AS n
	ON n.account_id = o.account_id AND n.public_id <> o.public_id
	AND lower(btrim(n.name)) = lower(btrim(o.name))
WHERE btrim(o.name) <> ''
  AND o.created_or_invited_date < n.created_or_invited_date
  AND EXISTS (SELECT FROM uanalytics.user_engagement AS d
			  WHERE d.public_id = o.public_id AND d.account_id = o.account_id
				AND d.user_status = 'deleted'
				AND n.created_or_invited_date BETWEEN d.period_start AND d.period_end);

COMMENT ON VIEW uanalytics.identity_candidates IS 'Suggested pairs of public_ids that may be one person whose email changed (the export then shows a new public_id): the same name (lower(btrim(name)) equal, not blank; the names of their latest rows), the old user deleted in a stored period that contains the new user''s created_or_invited_date, and the old user created or invited earlier.  Nothing merges until the customer inserts both into identities under one person_key.  Two different people of the same name can match: check the emails.';
COMMENT ON COLUMN uanalytics.identity_candidates.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.identity_candidates.old_public_id IS 'The earlier, deleted user.';
COMMENT ON COLUMN uanalytics.identity_candidates.new_public_id IS 'The later user.';
COMMENT ON COLUMN uanalytics.identity_candidates.name IS 'The name both carry (the new user''s latest name).';
COMMENT ON COLUMN uanalytics.identity_candidates.old_email IS 'The old user''s latest email.';
COMMENT ON COLUMN uanalytics.identity_candidates.new_email IS 'The new user''s latest email.';
COMMENT ON COLUMN uanalytics.identity_candidates.old_created_or_invited_date IS 'The old user''s earliest created_or_invited_date.';
COMMENT ON COLUMN uanalytics.identity_candidates.new_created_or_invited_date IS 'The new user''s earliest created_or_invited_date: a day on which the old user is deleted.';
COMMENT ON COLUMN uanalytics.identity_candidates.merged IS 'True when identities already maps both to the same person_key.';

-- ---- adoption ----

CREATE VIEW uanalytics.adoption AS
SELECT t.account_id, t.cadence, t.period_start, t.period_end,
	seats.seats_purchased,
	t.claimed_seats AS enabled_users,
	t.activated_users,
	100 * t.activated_users::numeric / NULLIF(t.claimed_seats, 0) AS activation_rate,
	w.wau AS weekly_active_users,
	w.wau / NULLIF(t.activated_users, 0) AS wau_per_activated_user,
	w.messages::numeric / NULLIF(w.active, 0) AS messages_per_wau,
	t.power_users,
	100 * t.power_users::numeric / NULLIF(t.unique_active_users, 0) AS power_user_share,
	t.unique_active_users AS active_users,
	w.weeks
FROM uanalytics.user_period_totals AS t
CROSS JOIN LATERAL (
	-- a week: itself; a month: its complete weeks (by period_start)
	SELECT t.unique_active_users::numeric AS wau, t.total_messages AS messages, t.unique_active_users AS active,
		NULL::bigint AS weeks
	WHERE t.cadence = 'Weekly'
	UNION ALL
	SELECT avg(k.unique_active_users), sum(k.total_messages), sum(k.unique_active_users), count(*)
	FROM uanalytics.user_period_totals AS k
	WHERE t.cadence = 'Monthly'
	  AND k.account_id = t.account_id AND k.cadence = 'Weekly' AND NOT k.is_partial
	  AND k.period_start BETWEEN t.period_start AND t.period_end
	HAVING t.cadence = 'Monthly'
) AS w
LEFT JOIN LATERAL (
	SELECT s.seats_purchased
	FROM uanalytics.seats AS s
	WHERE s.account_id = t.account_id AND s.effective_from <= t.period_end
	ORDER BY s.effective_from DESC
	LIMIT 1
) AS seats ON true
WHERE t.cadence IN ('Weekly', 'Monthly')
  AND NOT t.is_partial;

COMMENT ON VIEW uanalytics.adoption IS 'The dashboard''s Benchmarks and more, from the exports alone: one row per account, cadence (Weekly, Monthly; never Date Range) and complete period.  Every ratio is NULL over zero; numerics are not rounded.';
COMMENT ON COLUMN uanalytics.adoption.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.adoption.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.adoption.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.adoption.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.adoption.seats_purchased IS 'Seats of the latest uanalytics.seats row effective on or before period_end; NULL when none was entered (no export holds seats).';
COMMENT ON COLUMN uanalytics.adoption.enabled_users IS 'Users enabled in the period''s export (users_summary.claimed_seats).';
COMMENT ON COLUMN uanalytics.adoption.activated_users IS 'Enabled users whose last_day_active is not NULL: they sent a message in this or an earlier period.';
COMMENT ON COLUMN uanalytics.adoption.activation_rate IS '100 * activated_users / enabled_users; NULL when nobody is enabled.';
COMMENT ON COLUMN uanalytics.adoption.weekly_active_users IS 'Weekly: the week''s active users.  Monthly: the mean of the active users of the complete Weekly periods whose period_start lies in the month; NULL when no such week is stored (the stored data cannot give it).';
COMMENT ON COLUMN uanalytics.adoption.wau_per_activated_user IS 'weekly_active_users / activated_users; NULL when either is NULL or activated_users is 0.';
COMMENT ON COLUMN uanalytics.adoption.messages_per_wau IS 'Weekly: messages / active users.  Monthly: the messages of the weeks of weekly_active_users / the sum of their active users; NULL when no such week is stored or nobody was active.';
COMMENT ON COLUMN uanalytics.adoption.power_users IS 'Power users of the period with power_users'' defaults: active users with messages_rank <= ceil(0.2 * active users) and tools_messaged >= 3.  NULL when the period''s active users have no tools_messaged (an export without the column): the stored data cannot tell.';
COMMENT ON COLUMN uanalytics.adoption.power_user_share IS '100 * power_users / active users of the period; NULL when nobody was active, or power_users is NULL.';
COMMENT ON COLUMN uanalytics.adoption.active_users IS 'Distinct users active in the period (users_summary.active_users).';
COMMENT ON COLUMN uanalytics.adoption.weeks IS 'Monthly: the complete weeks weekly_active_users and messages_per_wau average over (0: none stored); NULL for a week.';

CREATE FUNCTION uanalytics.power_users(cadence text, period_start date, top_share numeric DEFAULT 0.2,
									   min_tools integer DEFAULT 3)
	RETURNS TABLE (account_id text, public_id text, name text, email text, messages integer,
				   tools_messaged integer, messages_rank integer)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF power_users.cadence IS DISTINCT FROM 'Weekly' AND power_users.cadence IS DISTINCT FROM 'Monthly' THEN
		RAISE EXCEPTION 'power_users takes cadence Weekly or Monthly, not %', coalesce(quote_literal(power_users.cadence), 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN QUERY
	SELECT u.account_id, u.public_id, u.name, u.email, u.messages, u.tools_messaged, u.messages_rank
	FROM uanalytics.user_period_totals AS t
	JOIN uanalytics.user_engagement AS u
		ON (u.account_id, u.cadence, u.period_start, u.period_end) = (t.account_id, t.cadence, t.period_start, t.period_end)
	WHERE t.cadence = power_users.cadence AND t.period_start = power_users.period_start AND NOT t.is_partial
	  AND u.is_active AND u.public_id IS NOT NULL
	  AND u.messages_rank <= ceil(power_users.top_share * t.unique_active_users)
	  AND u.tools_messaged >= power_users.min_tools
	ORDER BY u.account_id, u.messages_rank, u.public_id;
END
$$;
COMMENT ON FUNCTION uanalytics.power_users(text, date, numeric, integer) IS 'Power users of one complete Weekly or Monthly period (per account): active users with messages_rank <= ceil(top_share * the period''s active users) and tools_messaged >= min_tools (the dashboard: "top 20% of message senders, with activity in 3+ tools").  Nothing for a partial or unstored period, nor for an export without tools_messaged (adoption.power_users is then NULL).';
REVOKE ALL ON FUNCTION uanalytics.power_users(text, date, numeric, integer) FROM PUBLIC;

-- Counted from the weeks' digests (src/adoption.c); the email and name from
-- the latest of the weeks that lists the user, read from that week's rows.
CREATE FUNCTION uanalytics.habitual_users(as_of date, min_weeks integer DEFAULT 9, of_weeks integer DEFAULT 12)
	RETURNS TABLE (account_id text, public_id text, email text, name text, active_weeks integer)
	AS 'MODULE_PATHNAME', 'ua_habitual_users'
	LANGUAGE C STABLE STRICT
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION uanalytics.habitual_users(date, integer, integer) IS 'Users (per public_id) active in at least min_weeks of the of_weeks latest complete Weekly periods stored whose period_end <= as_of (per account; fewer when fewer are stored), with the email and name of their row in the latest of those weeks (the latest that lists them), and the number of those weeks they were active in.  Without weekly exports, nobody.';
REVOKE ALL ON FUNCTION uanalytics.habitual_users(date, integer, integer) FROM PUBLIC;

-- ---- cohorts ----

-- The counts cohort_retention shows, from the digests.  It runs with its
-- owner's rights (it reads user_period_digests and identities) and returns
-- counts only: grant_viewer lets the analytics viewer call it, as
-- cohort_retention does.
CREATE FUNCTION uanalytics.cohort_counts()
	RETURNS TABLE (account_id text, cohort_month date, month date, people bigint)
	AS 'MODULE_PATHNAME', 'ua_cohort_counts'
	LANGUAGE C STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION uanalytics.cohort_counts() IS 'Per account and cohort month (the month of first_active_day of the people whose first use is known, as people has them): the cohort''s size (month NULL), and for each complete Monthly period from the cohort''s on, its members active in it; from user_period_digests.  What cohort_retention reads.';
REVOKE ALL ON FUNCTION uanalytics.cohort_counts() FROM PUBLIC;

CREATE VIEW uanalytics.cohort_retention AS
WITH months AS (
	SELECT t.account_id, t.period_start
	FROM uanalytics.user_period_totals AS t
	WHERE t.cadence = 'Monthly' AND NOT t.is_partial
),
counts AS MATERIALIZED (
	SELECT c.account_id, c.cohort_month, c.month, c.people FROM uanalytics.cohort_counts() AS c
),
sizes AS (
	-- only a complete month makes a cohort
	SELECT c.account_id, c.cohort_month, c.people AS cohort_size
	FROM counts AS c
	JOIN months AS m ON (m.account_id, m.period_start) = (c.account_id, c.cohort_month)
	WHERE c.month IS NULL
),
retained AS (
	SELECT c.account_id, c.cohort_month, c.month, c.people AS active_users
	FROM counts AS c
	WHERE c.month IS NOT NULL
),
latest AS (
	SELECT m.account_id, max(m.period_start) AS last_month FROM months AS m GROUP BY m.account_id
)
SELECT z.account_id, z.cohort_month, k.months_since, z.cohort_size,
	CASE WHEN m.period_start IS NOT NULL THEN coalesce(r.active_users, 0) END AS active_users,
	CASE WHEN m.period_start IS NOT NULL THEN 100 * coalesce(r.active_users, 0)::numeric / z.cohort_size END
		AS retention_pct
FROM sizes AS z
JOIN latest AS x ON x.account_id = z.account_id
CROSS JOIN LATERAL generate_series(0, ((extract(year FROM x.last_month) - extract(year FROM z.cohort_month)) * 12
									   + extract(month FROM x.last_month) - extract(month FROM z.cohort_month))::integer)
	AS k(months_since)
LEFT JOIN months AS m
	ON (m.account_id, m.period_start) = (z.account_id, (z.cohort_month + make_interval(months => k.months_since))::date)
LEFT JOIN retained AS r
	ON (r.account_id, r.cohort_month, r.month) = (z.account_id, z.cohort_month, m.period_start);

COMMENT ON VIEW uanalytics.cohort_retention IS 'Cohort retention: people (first_use_known only) grouped by the month of their first_active_day, and how many of them are active in each complete Monthly period from that month on.  Only a stored complete month makes a cohort.';
COMMENT ON COLUMN uanalytics.cohort_retention.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.cohort_retention.cohort_month IS 'First day of the month of the cohort''s first_active_day (a stored complete Monthly period).';
COMMENT ON COLUMN uanalytics.cohort_retention.months_since IS '0 for the cohort''s own month, 1 for the next, and so on up to the account''s latest complete Monthly period.';
COMMENT ON COLUMN uanalytics.cohort_retention.cohort_size IS 'People whose first use is known and falls in cohort_month.';
COMMENT ON COLUMN uanalytics.cohort_retention.active_users IS 'Cohort members active (is_active) in the complete Monthly period cohort_month + months_since; NULL when that month is not stored as a complete period (the stored data cannot give it).';
COMMENT ON COLUMN uanalytics.cohort_retention.retention_pct IS '100 * active_users / cohort_size, unrounded; NULL where active_users is.';
