-- uanalytics 0.1.0 data: every row of schema uanalytics after the loads of
-- test/upgrade/load-0.1.0.sql, made by 0.1.0's own loaders (built from
-- commit 5c9eed6).  Restored by test/t/upgrade.sh into a database with
-- CREATE EXTENSION uanalytics VERSION '0.1.0'.  Do not edit: regenerate with
--   PG_BINDIR=/opt/pg-upgrade/usr/lib/postgresql/15/bin PGPORT=54420 bash test/upgrade/make-data-0.1.0.sh
-- which ran, in a throwaway cluster:
--   psql -v dir=/tmp/uanalytics-0.1.0-exports -d ua_fixture -f test/upgrade/load-0.1.0.sql
--   pg_dump --data-only --schema=uanalytics ua_fixture
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Data for Name: gpt_engagement; Type: TABLE DATA; Schema: uanalytics; Owner: postgres
--

COPY uanalytics.gpt_engagement (account_id, cadence, is_partial, period_start, period_end, gpt_id, gpt_name, config_type, gpt_description, gpt_url, gpt_creator_public_id, gpt_creator_email, is_active, first_day_active_in_period, last_day_active_in_period, messages_workspace, unique_messagers_workspace, load_id) FROM stdin;
acme	Monthly	f	2025-01-01	2025-01-31	g-alpha	Alpha	Live	Answers finance questions, politely	https://chatgpt.com/g/g-alpha	user-ana	ana@acme.com	t	2025-01-03	2025-01-29	30	2	2
acme	Monthly	f	2025-01-01	2025-01-31	g-beta	Beta	Live	Drafts IT tickets	https://chatgpt.com/g/g-beta	user-dan	dan@acme.com	t	2025-01-10	2025-01-10	10	1	2
acme	Monthly	f	2025-02-01	2025-02-28	g-alpha	Alpha	Live	Answers finance questions, politely	https://chatgpt.com/g/g-alpha	user-ana	ana@acme.com	t	2025-02-05	2025-02-25	30	1	4
acme	Monthly	f	2025-02-01	2025-02-28	g-beta	Beta	Live	Drafts IT tickets	https://chatgpt.com/g/g-beta	user-dan	dan@acme.com	t	\N	\N	0	0	4
acme	Monthly	f	2025-02-01	2025-02-28	g-gamma	Gamma	Draft	\N	https://chatgpt.com/g/g-gamma	user-gus	gus@acme.com	f	\N	\N	0	0	4
acme	Weekly	f	2025-03-09	2025-03-15	g-alpha	Alpha	Live	Answers finance questions, politely	https://chatgpt.com/g/g-alpha	user-ana	ana@acme.com	t	2025-03-10	2025-03-14	10	1	7
acme	Weekly	f	2025-03-09	2025-03-15	g-gamma	Gamma	Draft	\N	https://chatgpt.com/g/g-gamma	user-gus	gus@acme.com	f	\N	\N	0	0	7
acme	Weekly	f	2025-03-16	2025-03-22	g-alpha	Alpha	Live	Answers finance questions, politely	https://chatgpt.com/g/g-alpha	user-ana	ana@acme.com	t	2025-03-17	2025-03-19	7	1	8
acme	Monthly	f	2025-03-01	2025-03-31	g-alpha	Alpha	Live	Answers finance questions, politely	https://chatgpt.com/g/g-alpha	user-ana	ana@acme.com	t	2025-03-03	2025-03-31	40	2	12
acme	Monthly	f	2025-03-01	2025-03-31	g-beta	Beta	Live	Drafts IT tickets	https://chatgpt.com/g/g-beta	user-dan	dan@acme.com	f	\N	\N	0	0	12
acme	Monthly	f	2025-03-01	2025-03-31	g-gamma	Gamma	Live	Sales playbook	https://chatgpt.com/g/g-gamma	user-gus	gus@acme.com	t	2025-03-12	2025-03-28	20	2	12
acme	Monthly	f	2025-03-01	2025-03-31	g-delta	Delta	Live	\N	https://chatgpt.com/g/g-delta	user-eve	eve@acme.com	t	\N	\N	0	0	12
acme	Monthly	t	2025-04-01	2025-04-30	g-alpha	Alpha	Live	Answers finance questions, politely	https://chatgpt.com/g/g-alpha	user-ana	ana@acme.com	t	2025-04-01	2025-04-08	5	\N	14
acme	Monthly	t	2025-04-01	2025-04-30	g-beta	Beta	Live	Drafts IT tickets	https://chatgpt.com/g/g-beta	user-dan	dan@acme.com	f	\N	\N	0	\N	14
acme	Monthly	t	2025-04-01	2025-04-30	g-gamma	Gamma	Live	Sales playbook	https://chatgpt.com/g/g-gamma	user-gus	gus@acme.com	f	\N	\N	0	\N	14
acme	Monthly	t	2025-04-01	2025-04-30	g-delta	Delta	Live	\N	https://chatgpt.com/g/g-delta	user-eve	eve@acme.com	t	\N	\N	0	\N	14
acme	Monthly	t	2025-04-01	2025-04-30	g-omega	Omega	Live	\N	https://chatgpt.com/g/g-omega	user-zed	zed@acme.com	t	2025-04-07	2025-04-08	3	\N	14
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-02-01	2025-02-28	g-68ac4a0f70208191a74b8732c7fd0f30	Finance Helper (beta)	\N	ýýýý is what a mangled description looks like once decoded	https://chatgpt.com/g/g-68ac4a0f70208191a74b8732c7fd0f30	user-Q1vqN6nQV1RiTQg4G8tXPbZa	ana.ruiz@example.com	t	2025-02-03	2025-02-26	40	1	18
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-02-01	2025-02-28	g-G7TYuJJCE	Legacy Writer	\N	\N	\N	user-Pq7RrS8tT9uU0vV1wW2xX3yY	pat.obrien@example.com	f	\N	\N	0	0	18
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	g-68ac4a0f70208191a74b8732c7fd0f30	Finance Helper	Live	Answers questions about expenses, budgets and "cost centres".	https://chatgpt.com/g/g-68ac4a0f70208191a74b8732c7fd0f30	user-Q1vqN6nQV1RiTQg4G8tXPbZa	ana.ruiz@example.com	t	2025-10-21	2025-10-24	83	2	24
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	g-G7TYuJJCE	Legacy Writer	Draft	Line one\nLine two, with a comma\n\nLine four	https://chatgpt.com/g/g-G7TYuJJCE	user-Pq7RrS8tT9uU0vV1wW2xX3yY	Pat.OBrien@Example.com	t	2025-10-20	2025-10-20	5	1	24
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	g-0000000000000000000000000000dead	Quiet GPT	Live	\N	https://chatgpt.com/g/g-0000000000000000000000000000dead	user-XOj0yQEt5bM7kBOxnaKaEtQq	kim.diaz@example.com	t	\N	\N	0	0	24
\.


--
-- Data for Name: gpt_period_totals; Type: TABLE DATA; Schema: uanalytics; Owner: postgres
--

COPY uanalytics.gpt_period_totals (account_id, cadence, period_start, period_end, is_partial, load_id, total_gpts, gpts_active, gpts_flagged_active) FROM stdin;
acme	Monthly	2025-01-01	2025-01-31	f	2	2	2	2
acme	Monthly	2025-02-01	2025-02-28	f	4	3	1	2
acme	Weekly	2025-03-09	2025-03-15	f	7	2	1	1
acme	Weekly	2025-03-16	2025-03-22	f	8	1	1	1
acme	Monthly	2025-03-01	2025-03-31	f	12	4	2	3
acme	Monthly	2025-04-01	2025-04-30	t	14	5	2	3
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	2025-02-01	2025-02-28	f	18	2	1	1
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	2025-10-19	2025-10-25	f	24	3	2	3
\.


--
-- Data for Name: loads; Type: TABLE DATA; Schema: uanalytics; Owner: postgres
--

COPY uanalytics.loads (load_id, source, sha256, bytes, kind, on_error, status, loaded_at, loaded_by, rows_read, rows_loaded, rows_replaced, rows_skipped, rows_rejected, unknown_columns) FROM stdin;
1	/tmp/uanalytics-0.1.0-exports/views/acme/users_monthly_2025-01.csv	\\x958763354d643c60c1d0ca261c42dd3f9cc99512587253fdf3d4c4d7dab3a881	1058	users	abort	loaded	2026-12-06 01:45:38.68857+00	postgres	6	6	0	0	0	{}
2	/tmp/uanalytics-0.1.0-exports/views/acme/gpts_monthly_2025-01.csv	\\x051880d09c34b8385a32e4940014c6dc20c57be45ad0366a2a33f4662e7f3979	567	gpts	abort	loaded	2026-12-06 01:45:38.691046+00	postgres	2	2	0	0	0	{}
3	/tmp/uanalytics-0.1.0-exports/views/acme/users_monthly_2025-02.csv	\\xfc97723f4057c48a80486367494afc4fc5ec0ad63e2bebbaaf8aea41b6f35cc1	1181	users	abort	loaded	2026-12-06 01:45:38.692604+00	postgres	7	7	0	0	0	{}
4	/tmp/uanalytics-0.1.0-exports/views/acme/gpts_monthly_2025-02.csv	\\xd76d0e79413544f4a8497ed80af38b4cb94d393379adb108c22955baebb72613	662	gpts	abort	loaded	2026-12-06 01:45:38.693913+00	postgres	3	3	0	0	0	{}
5	/tmp/uanalytics-0.1.0-exports/views/acme/users_weekly_2025-03-02.csv	\\x3c219ed15ff339f94698a1c85c959fc6dc389de837a4e74c4ab10580b46b434b	1170	users	abort	loaded	2026-12-06 01:45:38.695104+00	postgres	7	7	0	0	0	{}
6	/tmp/uanalytics-0.1.0-exports/views/acme/users_weekly_2025-03-09.csv	\\x912860218a983e63450d8d4b291359e25ec64bad79f5bc021a4b4bc047465405	1168	users	abort	loaded	2026-12-06 01:45:38.696286+00	postgres	7	7	0	0	0	{}
7	/tmp/uanalytics-0.1.0-exports/views/acme/gpts_weekly_2025-03-09.csv	\\x7ac4ab2613b34b69769dc5a3cffa37225c1b487e2d35b47521157281b5ca5a9c	531	gpts	abort	loaded	2026-12-06 01:45:38.697445+00	postgres	2	2	0	0	0	{}
8	/tmp/uanalytics-0.1.0-exports/views/acme/gpts_weekly_2025-03-16.csv	\\x4520c3f79123256272bc883ad504c2139f2606ccc1b036b3b252c53a07e1de9e	415	gpts	abort	loaded	2026-12-06 01:45:38.698655+00	postgres	1	1	0	0	0	{}
9	/tmp/uanalytics-0.1.0-exports/views/acme/users_weekly_2025-03-23.csv	\\xe0513674a77bc715b4798a86dced0c053cc81f98830e41f813aa25f3ab8b1ce0	1241	users	abort	loaded	2026-12-06 01:45:38.699817+00	postgres	7	7	0	0	0	{}
10	/tmp/uanalytics-0.1.0-exports/views/acme/users_partial_weekly_2025-03-30.csv	\\x3b4ec7c1ca7e0b248fc0a713b247da12f387dbe1c63f52224a08b5abd7413b93	1251	users	abort	loaded	2026-12-06 01:45:38.700964+00	postgres	7	7	0	0	0	{}
11	/tmp/uanalytics-0.1.0-exports/views/acme/users_monthly_2025-03.csv	\\x51422ecc26e667b0d62a461aad9cbd63cd9dca04260e73ca909af292ee6ed89e	1274	users	abort	loaded	2026-12-06 01:45:38.702188+00	postgres	7	7	0	0	0	{}
12	/tmp/uanalytics-0.1.0-exports/views/acme/gpts_monthly_2025-03.csv	\\xfbc45ccf4b6e662b89b9df96edf7d99680553a7e2c1a94a39b8e127d0b18ebb0	811	gpts	abort	loaded	2026-12-06 01:45:38.703337+00	postgres	4	4	0	0	0	{}
13	/tmp/uanalytics-0.1.0-exports/views/acme/users_partial_monthly_2025-04.csv	\\xbb88513da8b7dc404cd0611840be902b80ac1a84bd332ebc36ebc0c90f4e9b1b	1281	users	abort	loaded	2026-12-06 01:45:38.704475+00	postgres	7	7	0	0	0	{}
14	/tmp/uanalytics-0.1.0-exports/views/acme/gpts_partial_monthly_2025-04.csv	\\x43c4f8926df27b46e37666701616eade21519c58a16f76d9ca37e57b3d6d24df	959	gpts	abort	loaded	2026-12-06 01:45:38.706431+00	postgres	5	5	0	0	0	{}
15	eu1 monthly user report 2025-01-01.csv	\\x7674e8eee3de307be174f1427043f95def1f5cdd805e97b4cc6fc0c56d1155d8	542	users	abort	loaded	2026-12-06 01:45:38.709167+00	postgres	2	2	0	0	0	{}
16	acme monthly user report 2025-03-01 (again).csv	\\xd8a722031ab0fc672c042d1ec1be9f60f1907c19a1f71dece935d47fbb7bf644	1275	users	abort	loaded	2026-12-06 01:45:38.711148+00	postgres	7	7	7	0	0	{}
17	/tmp/uanalytics-0.1.0-exports/users_monthly_early2025.csv	\\x35249e5906c64e8ba1f0f9ec32df28603e06fc6dc2b1fb980a3ba4578b7db2a1	856	users	abort	loaded	2026-12-06 01:45:38.713115+00	postgres	3	3	0	0	0	{}
18	/tmp/uanalytics-0.1.0-exports/gpts_monthly_early2025.csv	\\xc891a4e3278989a797d4f9190f06fc9181f5c95f5999bf45511c617e2db74b73	704	gpts	abort	loaded	2026-12-06 01:45:38.714943+00	postgres	2	2	0	0	0	{}
19	/tmp/uanalytics-0.1.0-exports/users_monthly_seed.csv	\\xe3f08036141d6e8e4a22a7afc687e16b0d4963c4f9233438242af042e2e88fd9	1145	users	abort	loaded	2026-12-06 01:45:38.716635+00	postgres	3	3	0	0	0	{}
20	users_monthly_bom_crlf_shuffled.csv	\\x20f115bf15d94ba39b2608e7e6b994c987c16d7385523d9e353d6fc7c55b8eaa	431	users	abort	loaded	2026-12-06 01:45:38.719034+00	postgres	2	2	0	0	0	{unexpected_column,"Export Note"}
22	bad_mixed.csv	\\x169491510c6700e65a92459d289803c27ac1066c6b6ce73215dde35fcbf8e8fd	833	users	skip	loaded	2026-12-06 01:45:38.722574+00	postgres	9	3	0	0	6	{}
23	/tmp/uanalytics-0.1.0-exports/users_weekly_late2025.csv	\\x7054863bc6de8eb2ed40de171735fb4344cf8e6c84c6420f573eb8aed04a2421	2873	users	abort	loaded	2026-12-06 01:45:38.72441+00	postgres	8	8	0	0	0	{}
24	/tmp/uanalytics-0.1.0-exports/weekly_dir/acme weekly gpt report 2025-10-19.csv	\\x582f6a718a04ddcc1e6eba6a68570e30875b95eb24ecb72e27fd69685eafaa45	1047	gpts	abort	loaded	2026-12-06 01:45:38.726501+00	postgres	3	3	0	0	0	{}
\.


--
-- Data for Name: load_errors; Type: TABLE DATA; Schema: uanalytics; Owner: postgres
--

COPY uanalytics.load_errors (load_id, line_number, column_name, message, sqlstate, raw_record) FROM stdin;
22	3	period_start	invalid date "2025-13-01"	22007	Weekly,2025-13-01,2025-10-25,acc1,user-bad,Bad Row,bad@example.com,1,1,{'gpt-5': 1}
22	4	messages	invalid count "many"	22P02	Weekly,2025-10-19,2025-10-25,acc1,user-b2,Bad Row,bad@example.com,1,many,{'gpt-5': 1}
22	5	\N	expected 10 fields as in the header, found 6	22P04	Weekly,2025-10-19,2025-10-25,acc1,user-b3,Short
22	6	name	invalid UTF-8 byte 0xC3 at byte 4 of "Caf\\xC3"	22021	Weekly,2025-10-19,2025-10-25,acc1,user-b4,Caf\\xC3,bad@example.com,1,1,{'gpt-5': 1}
22	10	model_to_messages	count for key "gpt-5" is negative	22003	Weekly,2025-10-19,2025-10-25,acc1,user-b6,Bad Row,bad@example.com,1,1,{'gpt-5': -1}
22	11	public_id	user "user-good1" appears twice in period 2025-10-19	23505	Weekly,2025-10-19,2025-10-25,acc1,user-good1,Good One,good1@example.com,1,5,{'gpt-5': 5}
\.


--
-- Data for Name: periods; Type: TABLE DATA; Schema: uanalytics; Owner: postgres
--

COPY uanalytics.periods (account_id, kind, cadence, period_start, period_end, is_partial, as_of, load_id, row_count) FROM stdin;
acme	users	Monthly	2025-01-01	2025-01-31	f	2025-01-30	1	6
acme	gpts	Monthly	2025-01-01	2025-01-31	f	2025-01-29	2	2
acme	users	Monthly	2025-02-01	2025-02-28	f	2025-02-27	3	7
acme	gpts	Monthly	2025-02-01	2025-02-28	f	2025-02-25	4	3
acme	users	Weekly	2025-03-02	2025-03-08	f	2025-03-07	5	7
acme	users	Weekly	2025-03-09	2025-03-15	f	2025-03-14	6	7
acme	gpts	Weekly	2025-03-09	2025-03-15	f	2025-03-14	7	2
acme	gpts	Weekly	2025-03-16	2025-03-22	f	2025-03-19	8	1
acme	users	Weekly	2025-03-23	2025-03-29	f	2025-03-28	9	7
acme	users	Weekly	2025-03-30	2025-04-05	t	2025-03-31	10	7
acme	gpts	Monthly	2025-03-01	2025-03-31	f	2025-03-31	12	4
acme	users	Monthly	2025-04-01	2025-04-30	t	2025-04-08	13	7
acme	gpts	Monthly	2025-04-01	2025-04-30	t	2025-04-08	14	5
eu1	users	Monthly	2025-01-01	2025-01-31	f	2025-01-28	15	2
acme	users	Monthly	2025-03-01	2025-03-31	f	2025-03-31	16	7
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	users	Monthly	2025-02-01	2025-02-28	f	2025-02-27	17	3
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	gpts	Monthly	2025-02-01	2025-02-28	f	2025-02-26	18	2
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	users	Monthly	2025-03-01	2025-03-31	f	2025-03-28	19	3
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	users	Monthly	2025-04-01	2025-04-30	f	\N	20	2
acc1	users	Weekly	2025-10-19	2025-10-25	f	\N	22	3
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	users	Weekly	2025-10-19	2025-10-25	f	2025-10-25	23	8
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	gpts	Weekly	2025-10-19	2025-10-25	f	2025-10-24	24	3
\.


--
-- Data for Name: seats; Type: TABLE DATA; Schema: uanalytics; Owner: postgres
--

COPY uanalytics.seats (account_id, effective_from, seats_purchased) FROM stdin;
acme	2025-01-01	10
acme	2025-03-01	12
eu1	2025-01-01	5
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	2024-12-01	250
\.


--
-- Data for Name: user_engagement; Type: TABLE DATA; Schema: uanalytics; Owner: postgres
--

COPY uanalytics.user_engagement (account_id, cadence, is_partial, period_start, period_end, public_id, name, email, role, user_role, department, groups, user_status, created_or_invited_date, is_active, first_day_active_in_period, last_day_active_in_period, last_day_active, messages, messages_rank, gpt_messages, gpts_messaged, tool_messages, tools_messaged, project_messages, projects_messaged, projects_created, model_to_messages, gpt_to_messages, tool_to_messages, project_to_messages, load_id) FROM stdin;
acme	Monthly	f	2025-01-01	2025-01-31	user-ana	Ana Ruiz	ana@acme.com	manager	admin	{finance}	\N	enabled	2024-11-04	t	2025-01-02	2025-01-30	2025-01-30	100	1	20	\N	30	\N	\N	\N	\N	\N	\N	\N	\N	1
acme	Monthly	f	2025-01-01	2025-01-31	user-ben	Ben Cho	Ben.Cho@acme.com	team_member	user	{finance,sales}	\N	enabled	2024-11-04	t	2025-01-06	2025-01-20	2025-01-20	40	3	0	\N	5	\N	\N	\N	\N	\N	\N	\N	\N	1
acme	Monthly	f	2025-01-01	2025-01-31	user-cat	Cat Diaz	cat@acme.com	\N	user	{sales}	\N	enabled	2024-12-01	f	\N	\N	\N	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	1
acme	Monthly	f	2025-01-01	2025-01-31	user-dan	Dan Ode	dan@acme.com	director	user	{it}	\N	enabled	2024-11-04	t	2025-01-03	2025-01-29	2025-01-29	50	2	10	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	1
acme	Monthly	f	2025-01-01	2025-01-31	\N	\N	eve@acme.com	\N	\N	\N	\N	pending	2025-01-15	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	1
acme	Monthly	f	2025-01-01	2025-01-31	\N	\N	fay@acme.com	\N	\N	\N	\N	pending	2025-01-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	1
acme	Monthly	f	2025-02-01	2025-02-28	user-ana	Ana Ruiz	ana@acme.com	manager	admin	{finance}	\N	enabled	2024-11-04	t	2025-02-03	2025-02-27	2025-02-27	120	1	30	\N	40	\N	\N	\N	\N	\N	\N	\N	\N	3
acme	Monthly	f	2025-02-01	2025-02-28	user-ben	Ben Cho	Ben.Cho@acme.com	team_member	user	{finance,sales}	\N	enabled	2024-11-04	f	\N	\N	2025-01-20	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	3
acme	Monthly	f	2025-02-01	2025-02-28	user-cat	Cat Diaz	cat@acme.com	\N	user	{sales}	\N	enabled	2024-12-01	f	\N	\N	\N	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	3
acme	Monthly	f	2025-02-01	2025-02-28	user-dan	Dan Ode	dan@acme.com	director	user	{it}	\N	deleted	2024-11-04	f	\N	\N	2025-01-29	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	3
acme	Monthly	f	2025-02-01	2025-02-28	\N	\N	eve@acme.com	\N	\N	\N	\N	pending	2025-01-15	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	3
acme	Monthly	f	2025-02-01	2025-02-28	\N	\N	fay@acme.com	\N	\N	\N	\N	pending	2025-01-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	3
acme	Monthly	f	2025-02-01	2025-02-28	user-gus	Gus Lind	gus@acme.com	team_member	user	{it}	\N	enabled	2025-02-03	t	2025-02-04	2025-02-27	2025-02-27	60	2	0	\N	300	\N	\N	\N	\N	\N	\N	\N	\N	3
acme	Weekly	f	2025-03-02	2025-03-08	user-ana	Ana Ruiz	ana@acme.com	manager	admin	{finance}	\N	enabled	2024-11-04	t	2025-03-03	2025-03-07	2025-03-07	20	2	5	\N	3	\N	\N	\N	\N	\N	\N	\N	\N	5
acme	Weekly	f	2025-03-02	2025-03-08	user-ben	Ben Cho	Ben.Cho@acme.com	team_member	user	{finance,sales}	\N	enabled	2024-11-04	t	2025-03-04	2025-03-06	2025-03-06	30	1	10	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	5
acme	Weekly	f	2025-03-02	2025-03-08	user-cat	Cat Diaz	cat@acme.com	\N	user	{sales}	\N	enabled	2024-12-01	f	\N	\N	\N	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	5
acme	Weekly	f	2025-03-02	2025-03-08	user-dan	Dan Ode	dan@acme.com	director	user	{it}	\N	deleted	2024-11-04	f	\N	\N	2025-01-29	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	5
acme	Weekly	f	2025-03-02	2025-03-08	\N	\N	eve@acme.com	\N	\N	\N	\N	pending	2025-01-15	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	5
acme	Weekly	f	2025-03-02	2025-03-08	\N	\N	fay@acme.com	\N	\N	\N	\N	pending	2025-01-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	5
acme	Weekly	f	2025-03-02	2025-03-08	user-gus	Gus Lind	gus@acme.com	team_member	user	{it}	\N	enabled	2025-02-03	f	\N	\N	2025-02-27	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	5
acme	Weekly	f	2025-03-09	2025-03-15	user-ana	Ana Ruiz	ana@acme.com	manager	admin	{finance}	\N	enabled	2024-11-04	t	2025-03-10	2025-03-14	2025-03-14	25	1	0	\N	4	\N	\N	\N	\N	\N	\N	\N	\N	6
acme	Weekly	f	2025-03-09	2025-03-15	user-ben	Ben Cho	Ben.Cho@acme.com	team_member	user	{finance,sales}	\N	enabled	2024-11-04	f	\N	\N	2025-03-06	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	6
acme	Weekly	f	2025-03-09	2025-03-15	user-cat	Cat Diaz	cat@acme.com	\N	user	{sales}	\N	enabled	2024-12-01	f	\N	\N	\N	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	6
acme	Weekly	f	2025-03-09	2025-03-15	user-dan	Dan Ode	dan@acme.com	director	user	{it}	\N	deleted	2024-11-04	f	\N	\N	2025-01-29	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	6
acme	Weekly	f	2025-03-09	2025-03-15	\N	\N	eve@acme.com	\N	\N	\N	\N	pending	2025-01-15	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	6
acme	Weekly	f	2025-03-09	2025-03-15	\N	\N	fay@acme.com	\N	\N	\N	\N	pending	2025-01-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	6
acme	Weekly	f	2025-03-09	2025-03-15	user-gus	Gus Lind	gus@acme.com	team_member	user	{it}	\N	enabled	2025-02-03	t	2025-03-12	2025-03-12	2025-03-12	5	2	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	6
acme	Weekly	f	2025-03-23	2025-03-29	user-ana	Ana Ruiz-Lee	ana@acme.com	manager	admin	{finance}	\N	enabled	2024-11-04	t	2025-03-24	2025-03-28	2025-03-28	10	3	0	\N	1	\N	\N	\N	\N	\N	\N	\N	\N	9
acme	Weekly	f	2025-03-23	2025-03-29	user-ben	Ben Cho	Ben.Cho@acme.com	team_member	user	{finance,sales}	\N	enabled	2024-11-04	t	2025-03-24	2025-03-28	2025-03-28	40	1	20	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	9
acme	Weekly	f	2025-03-23	2025-03-29	user-cat	Cat Diaz	cat@acme.com	\N	user	{sales}	\N	enabled	2024-12-01	f	\N	\N	\N	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	9
acme	Weekly	f	2025-03-23	2025-03-29	user-dan	Dan Ode	dan@acme.com	director	user	{it}	\N	deleted	2024-11-04	f	\N	\N	2025-01-29	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	9
acme	Weekly	f	2025-03-23	2025-03-29	user-eve	Eve Park	eve@acme.com	\N	user	{}	\N	enabled	2025-01-15	t	2025-03-24	2025-03-27	2025-03-27	20	2	5	\N	5	\N	\N	\N	\N	\N	\N	\N	\N	9
acme	Weekly	f	2025-03-23	2025-03-29	\N	\N	fay@acme.com	\N	\N	\N	\N	pending	2025-01-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	9
acme	Weekly	f	2025-03-23	2025-03-29	user-gus	Gus Lind	gus@acme.com	team_member	user	{it}	\N	enabled	2025-02-03	f	\N	\N	2025-03-12	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	9
acme	Weekly	t	2025-03-30	2025-04-05	user-ana	Ana Ruiz-Lee	ana@acme.com	manager	admin	{finance}	\N	enabled	2024-11-04	t	2025-03-31	2025-03-31	2025-03-31	5	1	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	10
acme	Weekly	t	2025-03-30	2025-04-05	user-ben	Ben Cho	Ben.Cho@acme.com	team_member	user	{finance,sales}	\N	enabled	2024-11-04	f	\N	\N	2025-03-28	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	10
acme	Weekly	t	2025-03-30	2025-04-05	user-cat	Cat Diaz	cat@acme.com	\N	user	{sales}	\N	enabled	2024-12-01	f	\N	\N	\N	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	10
acme	Weekly	t	2025-03-30	2025-04-05	user-dan	Dan Ode	dan@acme.com	director	user	{it}	\N	deleted	2024-11-04	f	\N	\N	2025-01-29	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	10
acme	Weekly	t	2025-03-30	2025-04-05	user-eve	Eve Park	eve@acme.com	\N	user	{}	\N	enabled	2025-01-15	f	\N	\N	2025-03-30	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	10
acme	Weekly	t	2025-03-30	2025-04-05	\N	\N	fay@acme.com	\N	\N	\N	\N	pending	2025-01-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	10
acme	Weekly	t	2025-03-30	2025-04-05	user-gus	Gus Lind	gus@acme.com	team_member	user	{it}	\N	enabled	2025-02-03	f	\N	\N	2025-03-12	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	10
acme	Monthly	t	2025-04-01	2025-04-30	user-ana	Ana Ruiz-Lee	ana@acme.com	manager	admin	{finance}	\N	enabled	2024-11-04	t	2025-04-01	2025-04-08	2025-04-08	20	1	5	\N	2	\N	\N	\N	\N	\N	\N	\N	\N	13
acme	Monthly	t	2025-04-01	2025-04-30	user-ben	Ben Cho	Ben.Cho@acme.com	team_member	user	{finance,sales}	\N	enabled	2024-11-04	f	\N	\N	2025-03-28	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	13
acme	Monthly	t	2025-04-01	2025-04-30	user-cat	Cat Diaz	cat@acme.com	\N	user	{sales}	\N	enabled	2024-12-01	f	\N	\N	\N	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	13
acme	Monthly	t	2025-04-01	2025-04-30	user-dan	Dan Ode	dan@acme.com	director	user	{it}	\N	deleted	2024-11-04	f	\N	\N	2025-01-29	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	13
acme	Monthly	t	2025-04-01	2025-04-30	user-eve	Eve Park	eve@acme.com	\N	user	{}	\N	enabled	2025-01-15	t	2025-04-02	2025-04-07	2025-04-07	15	2	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	13
acme	Monthly	t	2025-04-01	2025-04-30	\N	\N	fay@acme.com	\N	\N	\N	\N	pending	2025-01-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	13
acme	Monthly	t	2025-04-01	2025-04-30	user-gus	Gus Lind	gus@acme.com	team_member	user	{it}	\N	enabled	2025-02-03	f	\N	\N	2025-03-12	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	13
eu1	Monthly	f	2025-01-01	2025-01-31	user-u1	Uma One	u1@eu.example	\N	user	\N	\N	enabled	2024-10-01	t	2025-01-06	2025-01-28	2025-01-28	10	1	\N	\N	1	1	\N	\N	\N	\N	\N	\N	\N	15
eu1	Monthly	f	2025-01-01	2025-01-31	user-u2	Udo Two	u2@eu.example	\N	user	\N	\N	enabled	2024-10-01	t	2025-01-15	2025-01-15	2025-01-15	5	2	\N	\N	0	0	\N	\N	\N	\N	\N	\N	\N	15
acme	Monthly	f	2025-03-01	2025-03-31	user-ana	Ana Ruiz-Lee	ana@acme.com	manager	admin	{finance}	\N	enabled	2024-11-04	t	2025-03-03	2025-03-31	2025-03-31	90	2	0	\N	10	\N	\N	\N	\N	\N	\N	\N	\N	16
acme	Monthly	f	2025-03-01	2025-03-31	user-ben	Ben Cho	Ben.Cho@acme.com	team_member	user	{finance,sales}	\N	enabled	2024-11-04	t	2025-03-04	2025-03-28	2025-03-28	100	1	50	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	16
acme	Monthly	f	2025-03-01	2025-03-31	user-cat	Cat Diaz	cat@acme.com	\N	user	{sales}	\N	enabled	2024-12-01	f	\N	\N	\N	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	16
acme	Monthly	f	2025-03-01	2025-03-31	user-dan	Dan Ode	dan@acme.com	director	user	{it}	\N	deleted	2024-11-04	f	\N	\N	2025-01-29	0	\N	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	16
acme	Monthly	f	2025-03-01	2025-03-31	user-eve	Eve Park	eve@acme.com	\N	user	{}	\N	enabled	2025-01-15	t	2025-03-20	2025-03-30	2025-03-30	90	2	10	\N	10	\N	\N	\N	\N	\N	\N	\N	\N	16
acme	Monthly	f	2025-03-01	2025-03-31	\N	\N	fay@acme.com	\N	\N	\N	\N	pending	2025-01-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	16
acme	Monthly	f	2025-03-01	2025-03-31	user-gus	Gus Lind	gus@acme.com	team_member	user	{it}	\N	enabled	2025-02-03	t	2025-03-12	2025-03-12	2025-03-12	10	4	0	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	16
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-02-01	2025-02-28	user-Q1vqN6nQV1RiTQg4G8tXPbZa	Ana Ruiz	ana.ruiz@example.com	team_member	user	{finance}	\N	enabled	2025-01-18	t	2025-02-03	2025-02-27	2025-02-27	512	1	40	2	33	3	0	0	\N	\N	\N	\N	\N	17
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-02-01	2025-02-28	user-lkFkMGKamiOdWOuo12vW6Gxy	Sam Ortiz	sam.ortiz@example.com	\N	user	\N	\N	enabled	2025-01-07	f	\N	\N	\N	0	\N	0	0	0	0	0	0	\N	\N	\N	\N	\N	17
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-02-01	2025-02-28	\N	\N	jo.lee@example.com	\N	\N	\N	\N	pending	2025-02-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	17
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-03-01	2025-03-31	user-Q1vqN6nQV1RiTQg4G8tXPbZa	Ana Ruiz	ana.ruiz@example.com	\N	user	{Finance}	{"g1": "Everyone"}	enabled	2025-01-18	t	2025-03-03	2025-03-28	2025-03-28	21	1	0	0	4	1	0	0	0	{"4o": 16, "o3": 5}	{}	{"Canvas": 4}	\N	19
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-03-01	2025-03-31	user-XOj0yQEt5bM7kBOxnaKaEtQq	Kim Diaz	kim.diaz@example.com	\N	admin	{"IT, Security"}	\N	enabled	2025-01-29	f	\N	\N	\N	0	\N	0	0	0	0	0	0	0	\N	\N	\N	\N	19
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-03-01	2025-03-31	user-Pq7RrS8tT9uU0vV1wW2xX3yY	Pat OBrien	pat.obrien@example.com	\N	owner	\N	\N	enabled	2025-01-15	t	2025-03-10	2025-03-10	2025-03-10	3	2	0	0	0	0	0	0	0	{"gpt-4o": 3}	\N	\N	\N	19
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-04-01	2025-04-30	user-Q1vqN6nQV1RiTQg4G8tXPbZa	Ana Ruiz	ana.ruiz@example.com	\N	\N	\N	\N	\N	\N	t	\N	\N	\N	7	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	{"Search": 2}	\N	20
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	f	2025-04-01	2025-04-30	user-lkFkMGKamiOdWOuo12vW6Gxy	Sam\r\nOrtiz	sam.ortiz@example.com	\N	\N	\N	\N	\N	\N	f	\N	\N	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	20
acc1	Weekly	f	2025-10-19	2025-10-25	user-good1	Good One	good1@example.com	\N	\N	\N	\N	\N	\N	t	\N	\N	\N	5	\N	\N	\N	\N	\N	\N	\N	\N	{"gpt-5": 5}	\N	\N	\N	22
acc1	Weekly	f	2025-10-19	2025-10-25	user-good2	Good Two	good2@example.com	\N	\N	\N	\N	\N	\N	f	\N	\N	\N	0	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	22
acc1	Weekly	f	2025-10-19	2025-10-25	user-b5	Multi\nLine x Name	bad@example.com	\N	\N	\N	\N	\N	\N	t	\N	\N	\N	1	\N	\N	\N	\N	\N	\N	\N	\N	{"gpt-5": 1}	\N	\N	\N	22
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	\N	\N	jo.lee@example.com	\N	\N	\N	\N	pending	2025-06-27	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	23
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	user-Q1vqN6nQV1RiTQg4G8tXPbZa	Ana Ruiz	ana.ruiz@example.com	team_member	user	{finance,analytics}	{"6806684c27e88190b4cb45225dded629": "SG-Chatgpt-Users"}	enabled	2025-07-18	t	2025-10-21	2025-10-24	2025-10-24	296	2	76	1	300	2	173	1	1	{"gpt-5": 296}	{"g-68ac4a0f70208191a74b8732c7fd0f30": 76}	{"Search": 87, "Retrieval": 213}	{"g-p-68f87e2f9ec081919ebd1a806719a35a": 173}	23
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	user-lkFkMGKamiOdWOuo12vW6Gxy	Sam Ortiz	sam.ortiz@example.com	\N	user	\N	{"6806684c27e88190b4cb45225dded629": "SG-Chatgpt-Users"}	enabled	2025-05-07	f	\N	\N	2025-09-02	0	\N	0	0	0	0	0	0	0	\N	\N	\N	\N	23
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	user-b8FfeAUHwUjtKofcycHQcUxz	Tom Kerr	tom.kerr@example.com	\N	user	\N	\N	deleted	2025-06-30	f	\N	\N	\N	0	\N	0	0	0	0	0	0	0	\N	\N	\N	\N	23
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	user-XOj0yQEt5bM7kBOxnaKaEtQq	kim.diaz@example.com kim.diaz@example.com	kim.diaz@example.com	director	admin	{it}	{"6806684c27e88190b4cb45225dded629": "SG-Chatgpt-Users"}	enabled	2025-07-29	t	2025-10-19	2025-10-24	2025-10-24	78	3	0	0	40	3	40	2	2	{"gpt-5": 42, "gpt-5-reasoning": 36}	\N	{"Search": 15, "Retrieval": 24, "Data Analysis": 1}	{"g-p-68f6a2bc0da08191a11baefe3f6403b0": 28, "g-p-68fba9d20cb88191a20155b1a4a2f8f4": 12}	23
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	user-Pq7RrS8tT9uU0vV1wW2xX3yY	O'Brien, "Pat"	Pat.OBrien@Example.com	executive	owner	{leadership}	{"6806684c27e88190b4cb45225dded629": "SG-Chatgpt-Users"}	enabled	2025-01-15	t	2025-10-20	2025-10-25	2025-10-25	98	4	12	2	6535	2	0	0	0	{"o3": 38, "gpt-5": 60}	{"g-G7TYuJJCE": 5, "g-68ac4a0f70208191a74b8732c7fd0f30": 7}	{"DALL·E": 35, "Data Analysis": 6500}	\N	23
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	user-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2	王芳 (Wáng Fāng)	wang.fang@example.com	manager	user	{研发,it}	{"a1b2c3": "Bob's team", "6806684c27e88190b4cb45225dded629": "SG-Chatgpt-Users"}	enabled	2025-03-03	t	2025-10-22	2025-10-22	2025-10-22	1200	1	0	0	0	0	0	0	0	{"gpt-5": 1000, "gpt-4o": 200}	\N	\N	\N	23
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	f	2025-10-19	2025-10-25	\N	\N	New.Hire@Example.com	\N	\N	\N	\N	pending	2025-10-20	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	23
\.


--
-- Data for Name: user_period_totals; Type: TABLE DATA; Schema: uanalytics; Owner: postgres
--

COPY uanalytics.user_period_totals (account_id, cadence, period_start, period_end, is_partial, load_id, users, unique_active_users, total_messages, gpt_messages, tool_messages, claimed_seats, pending_invites) FROM stdin;
acme	Monthly	2025-01-01	2025-01-31	f	1	6	3	190	30	35	4	2
acme	Monthly	2025-02-01	2025-02-28	f	3	7	2	180	30	340	4	2
acme	Weekly	2025-03-02	2025-03-08	f	5	7	2	50	15	3	4	2
acme	Weekly	2025-03-09	2025-03-15	f	6	7	2	30	0	4	4	2
acme	Weekly	2025-03-23	2025-03-29	f	9	7	3	70	25	6	5	1
acme	Weekly	2025-03-30	2025-04-05	t	10	7	1	5	0	0	5	1
acme	Monthly	2025-04-01	2025-04-30	t	13	7	2	35	5	2	5	1
eu1	Monthly	2025-01-01	2025-01-31	f	15	2	2	15	\N	1	2	0
acme	Monthly	2025-03-01	2025-03-31	f	16	7	4	290	60	20	5	1
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	2025-02-01	2025-02-28	f	17	3	1	512	40	33	2	1
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	2025-03-01	2025-03-31	f	19	3	2	24	0	4	3	0
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Monthly	2025-04-01	2025-04-30	f	20	2	1	7	\N	\N	0	0
acc1	Weekly	2025-10-19	2025-10-25	f	22	3	2	6	\N	\N	0	0
5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e	Weekly	2025-10-19	2025-10-25	f	23	8	4	1672	88	6875	5	2
\.


--
-- Name: loads_load_id_seq; Type: SEQUENCE SET; Schema: uanalytics; Owner: postgres
--

SELECT pg_catalog.setval('uanalytics.loads_load_id_seq', 25, true);


--
-- PostgreSQL database dump complete
--


