-- uanalytics install script, part 5: which accounts the stored exports hold
-- (doc/users.md, Accounts).
--
-- Seats are the one thing a customer types in, and an account id is 32 hex
-- digits: seats entered under a mistyped or copied id match no export, and
-- every seat column stays empty without a hint.  The accounts view shows the
-- ids to use, and entering seats for an id that no stored export has warns.

CREATE VIEW uanalytics.accounts AS
SELECT a.account_id, a.first_period_start, a.last_period_end,
	latest.users,
	EXISTS (SELECT FROM uanalytics.seats AS s WHERE s.account_id = a.account_id) AS seats_entered,
	latest.cadence AS users_cadence,
	latest.period_start AS users_period_start,
	latest.period_end AS users_period_end
FROM (
	SELECT p.account_id, min(p.period_start) AS first_period_start, max(p.period_end) AS last_period_end
	FROM uanalytics.periods AS p
	GROUP BY p.account_id
) AS a
LEFT JOIN LATERAL (
	-- the latest user period: the greatest period_start, then the greatest
	-- period_end (a month before the week that starts the same day); a Date
	-- Range too, which has no rollup row
	SELECT t.row_count AS users, t.cadence, t.period_start, t.period_end
	FROM uanalytics.periods AS t
	WHERE t.account_id = a.account_id AND t.kind = 'users'
	ORDER BY t.period_start DESC, t.period_end DESC
	LIMIT 1
) AS latest ON true;

COMMENT ON VIEW uanalytics.accounts IS 'One row per workspace account that any stored export (User or GPT report, any cadence) holds: the ids to use in uanalytics.seats and in WHERE account_id = ...';
COMMENT ON COLUMN uanalytics.accounts.account_id IS 'Workspace account id, as in the account_id column of every export.';
COMMENT ON COLUMN uanalytics.accounts.first_period_start IS 'First day of the earliest stored period of either report.';
COMMENT ON COLUMN uanalytics.accounts.last_period_end IS 'Last day of the latest stored period of either report (in the future when that is a partial export).';
COMMENT ON COLUMN uanalytics.accounts.users IS 'Rows of the latest stored user period (see users_period_start): every listed user, pending and deleted included; NULL when only GPT reports are stored.';
COMMENT ON COLUMN uanalytics.accounts.seats_entered IS 'True when uanalytics.seats has a row for the account.';
COMMENT ON COLUMN uanalytics.accounts.users_cadence IS 'Cadence of the period users counts (Weekly, Monthly or Date Range).';
COMMENT ON COLUMN uanalytics.accounts.users_period_start IS 'First day of the period users counts: the stored user period with the greatest period_start, then the greatest period_end; partial periods included.';
COMMENT ON COLUMN uanalytics.accounts.users_period_end IS 'Last day of the period users counts.';

-- Fires once per statement: a file of seats copied in warns once, naming
-- every unknown account.
CREATE FUNCTION uanalytics.seats_check_accounts()
	RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	unknown text[];
	known text[];
BEGIN
	-- a role that may not read the periods cannot tell; seats may come first
	IF NOT has_table_privilege('uanalytics.periods', 'SELECT') THEN
		RETURN NULL;
	END IF;
	SELECT array_agg(DISTINCT quote_literal(n.account_id) ORDER BY quote_literal(n.account_id)) INTO unknown
	FROM new_seats AS n
	WHERE NOT EXISTS (SELECT FROM uanalytics.periods AS p WHERE p.account_id = n.account_id);
	IF unknown IS NULL THEN
		RETURN NULL;
	END IF;
	SELECT array_agg(DISTINCT quote_literal(p.account_id) ORDER BY quote_literal(p.account_id)) INTO known
	FROM uanalytics.periods AS p;
	RAISE WARNING 'seats entered for %, which no stored export has',
		CASE WHEN cardinality(unknown) = 1 THEN 'account ' || unknown[1]
			 ELSE 'accounts ' || array_to_string(unknown, ', ') END
		USING DETAIL = CASE
			WHEN known IS NULL THEN 'No export is stored yet.  The seats are kept and count once an export of the account is loaded.'
			ELSE format('The stored exports hold %s: %s.  The seats are kept, but no view shows them until an export of the account is loaded.',
						CASE WHEN cardinality(known) = 1 THEN 'one account' ELSE cardinality(known) || ' accounts' END,
						array_to_string(known[1:10], ', ')
						|| CASE WHEN cardinality(known) > 10 THEN format(' and %s more', cardinality(known) - 10) ELSE '' END)
			END,
			  HINT = 'The account id is the account_id column of every export; SELECT account_id FROM uanalytics.accounts lists those loaded.  Correct a wrong id with UPDATE uanalytics.seats SET account_id = ...';
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION uanalytics.seats_check_accounts() IS 'Trigger function of uanalytics.seats: warns when seats are entered for an account id that no stored export has (a mistyped or copied id), naming the accounts the exports hold; the rows are kept.';

CREATE TRIGGER seats_check_accounts_insert
	AFTER INSERT ON uanalytics.seats
	REFERENCING NEW TABLE AS new_seats
	FOR EACH STATEMENT EXECUTE FUNCTION uanalytics.seats_check_accounts();
CREATE TRIGGER seats_check_accounts_update
	AFTER UPDATE ON uanalytics.seats
	REFERENCING NEW TABLE AS new_seats
	FOR EACH STATEMENT EXECUTE FUNCTION uanalytics.seats_check_accounts();
COMMENT ON TRIGGER seats_check_accounts_insert ON uanalytics.seats IS 'Warns about seats entered for an account that no stored export has (seats_check_accounts).';
COMMENT ON TRIGGER seats_check_accounts_update ON uanalytics.seats IS 'Warns about seats changed to an account that no stored export has (seats_check_accounts).';
