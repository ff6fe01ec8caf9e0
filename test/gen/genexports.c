/*-------------------------------------------------------------------------
 *
 * genexports.c
 *	  Deterministic generator of realistic ChatGPT Enterprise exports.
 *
 * Writes the User Engagement and GPT Engagement reports of a made-up
 * workspace, one CSV file per period, in the layouts of
 * shared/export-formats.md, for the demo, the benchmarks and test fixtures;
 * with --format 2026 also the Project report of each period and the Impact
 * survey report of each survey.
 *
 * Activity is simulated per user per day, and every file (weekly, monthly,
 * partial) aggregates those same days: a month agrees with the days of its
 * weeks and each GPT report agrees with the user report of its period.  A
 * file is written as soon as its last day has been simulated, so memory holds
 * one week's and one month's counters per user, never a year of days.
 *
 * Every draw comes from seeded splitmix64 streams and nothing reads the
 * clock, so the same arguments give byte-identical files.
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NEVER		INT_MAX		/* a day that never comes */
#define NO_DAY		0			/* 1970-01-01: before any date we accept */
#define NMODELS		12
#define NTOOLS		13
#define MAX_FAVS	4			/* custom GPTs one user messages */
#define MAX_PROJECTS 5			/* projects one user creates */
#define NGROUPS		6
#define NDEPTS		14
#define PUBLIC_ID_BYTES 30		/* "user-" + 24 characters + NUL */
#define ROW_BYTES	16384		/* one record before CSV quoting */
#define OUT_BYTES	(1 << 20)
#define TWO_PI		6.283185307179586

/* A model or tool name, and when the workspace offered it. */
typedef struct Vocab
{
	const char *name;
	const char *from;			/* first day offered; NULL: always */
	const char *until;			/* first day of after_weight; NULL: never */
	int			weight;			/* popularity while offered */
	int			after_weight;	/* popularity from "until" on; 0: withdrawn */
	int			from_day;
	int			until_day;
} Vocab;

/* Models as ChatGPT Enterprise offered them through 2025. */
static Vocab models[NMODELS] = {
	{"gpt-4o", NULL, "2025-08-07", 30, 3, 0, 0},
	{"gpt-4o-mini", NULL, "2025-07-18", 3, 0, 0, 0},
	{"gpt-4-turbo", NULL, "2025-04-30", 2, 0, 0, 0},
	{"o1", NULL, "2025-04-16", 3, 0, 0, 0},
	{"o3-mini", "2025-01-31", "2025-04-16", 4, 0, 0, 0},
	{"o3", "2025-04-16", "2025-08-07", 6, 2, 0, 0},
	{"o4-mini", "2025-04-16", "2025-08-07", 4, 0, 0, 0},
	{"gpt-4.5", "2025-02-27", "2025-08-07", 2, 0, 0, 0},
	{"gpt-4.1", "2025-05-14", NULL, 3, 0, 0, 0},
	{"gpt-5", "2025-08-07", NULL, 30, 0, 0, 0},
	{"gpt-5-reasoning", "2025-08-07", NULL, 10, 0, 0, 0},
	{"gpt-5-reasoning-pro", "2025-08-07", NULL, 1, 0, 0, 0},
};

static Vocab tools[NTOOLS] = {
	{"Search", NULL, NULL, 20, 0, 0, 0},
	{"Retrieval", NULL, NULL, 12, 0, 0, 0},
	{"Data Analysis", NULL, NULL, 8, 0, 0, 0},
	{"Canvas", NULL, NULL, 5, 0, 0, 0},
	{"DALL·E", NULL, "2025-03-25", 4, 0, 0, 0},
	{"Image Gen", "2025-03-25", NULL, 5, 0, 0, 0},
	{"Deep Research", "2025-02-02", NULL, 3, 0, 0, 0},
	{"Legacy Search", "2025-06-01", NULL, 1, 0, 0, 0},
	{"GPT Editor", NULL, NULL, 1, 0, 0, 0},
	{"Tasks", "2025-01-14", NULL, 1, 0, 0, 0},
	{"Memory", NULL, NULL, 3, 0, 0, 0},
	{"GPT External API Actions", NULL, NULL, 2, 0, 0, 0},
	{"Code", NULL, NULL, 2, 0, 0, 0},
};

/* Display name and e-mail local part of one name token. */
typedef struct NamePart
{
	const char *display;
	const char *ascii;
} NamePart;

static const NamePart first_names[] = {
	{"Ana", "ana"}, {"Sam", "sam"}, {"Tom", "tom"}, {"Kim", "kim"},
	{"Jo", "jo"}, {"Maria", "maria"}, {"Liam", "liam"}, {"Noah", "noah"},
	{"Emma", "emma"}, {"Olivia", "olivia"}, {"Lucas", "lucas"},
	{"Mateo", "mateo"}, {"Sofia", "sofia"}, {"Chloé", "chloe"},
	{"José", "jose"}, {"Zoë", "zoe"}, {"Björn", "bjorn"},
	{"Łukasz", "lukasz"}, {"Søren", "soren"}, {"Aiko", "aiko"},
	{"Hiroshi", "hiroshi"}, {"Wei", "wei"}, {"Priya", "priya"},
	{"Arjun", "arjun"}, {"Fatima", "fatima"}, {"Omar", "omar"},
	{"Yusuf", "yusuf"}, {"Mei", "mei"}, {"Olga", "olga"}, {"Ivan", "ivan"},
	{"Grace", "grace"}, {"Daniel", "daniel"}, {"Elena", "elena"},
	{"Marco", "marco"}, {"Nadia", "nadia"}, {"Tariq", "tariq"},
	{"Ingrid", "ingrid"}, {"Pedro", "pedro"}, {"Aisha", "aisha"},
	{"Kenji", "kenji"}, {"Laura", "laura"}, {"Ben", "ben"},
	{"Rachel", "rachel"}, {"Mary-Jane", "maryjane"},
};

static const NamePart last_names[] = {
	{"Ruiz", "ruiz"}, {"Ortiz", "ortiz"}, {"Kerr", "kerr"}, {"Diaz", "diaz"},
	{"Lee", "lee"}, {"Smith", "smith"}, {"Johnson", "johnson"},
	{"Brown", "brown"}, {"García", "garcia"}, {"Müller", "muller"},
	{"O'Brien", "obrien"}, {"Nguyen", "nguyen"}, {"Patel", "patel"},
	{"Kowalski", "kowalski"}, {"Rossi", "rossi"}, {"Dubois", "dubois"},
	{"Jensen", "jensen"}, {"Silva", "silva"}, {"Chen", "chen"},
	{"Tanaka", "tanaka"}, {"Novak", "novak"}, {"Schmidt", "schmidt"},
	{"Andersson", "andersson"}, {"Murphy", "murphy"}, {"Walsh", "walsh"},
	{"Cohen", "cohen"}, {"Haddad", "haddad"}, {"Okafor", "okafor"},
	{"Mensah", "mensah"}, {"Fernández", "fernandez"},
	{"Łukaszewicz", "lukaszewicz"}, {"van der Berg", "vanderberg"},
	{"Smith-Jones", "smith-jones"},
};

/* Whole names in scripts other than Latin, with a romanised mailbox. */
static const NamePart foreign_names[] = {
	{"王伟", "wang.wei"}, {"李娜", "li.na"},
	{"Дмитрий Иванов", "dmitry.ivanov"}, {"Ольга Смирнова", "olga.smirnova"},
	{"佐藤 花子", "hanako.sato"}, {"김민준", "minjun.kim"},
	{"محمد العلي", "mohammed.alali"},
	{"Γιώργος Παπαδόπουλος", "giorgos.papadopoulos"},
	{"דוד כהן", "david.cohen"}, {"प्रिया शर्मा", "priya.sharma"},
};

static const char *const nicknames[] = {"Bob", "Liz", "Kat", "Jim", "Bea", "Tony"};

static const char *const roles[] = {"", "team_member", "manager", "director", "executive"};

static const char *const user_roles[] = {"account-owner", "account-admin", "standard-user"};

static const char *const department_names[NDEPTS] = {
	"finance", "analytics", "it", "engineering", "marketing", "sales",
	"legal", "hr", "operations", "research", "product", "support",
	"R&D", "logística",
};

/* Group 0 holds most users, as the SSO group that grants the licence does. */
static const char *const group_names[NGROUPS] = {
	"SG-Chatgpt-Users", "SG-Finance", "SG-Engineering", "Eng, Platform",
	"Writers' Room", "Ventas – España",
};

static const char *const gpt_topics[] = {
	"Finance", "Legal", "HR", "Sales", "Marketing", "Engineering",
	"Onboarding", "Procurement", "Customer Support", "Security", "Brand",
	"Data", "Pricing", "Recruiting", "IT Helpdesk",
};

static const char *const gpt_name_patterns[] = {
	"%s Assistant", "%s Copilot", "Ask %s", "%s Report Writer",
	"%s Policy Bot", "The \"%s\" Coach", "%s, Pricing & Quotes", "%s Q&A",
	"%s 助手",
};

/* Descriptions; the last one is the run of ý seen in a real export. */
static const char *const gpt_description_patterns[] = {
	"",
	"Drafts, reviews and summarizes %s documents.",
	"Answers \"how do I\" questions about %s, citing the policy it used.",
	"Paste your %s notes.\nGet a one-page summary.\nNo data leaves the workspace.",
	"Helps the %s team write, check and translate e-mails; asks before sending anything.",
	"%s helper",
	"Utilise les documents %s de l'équipe et répond en français.",
	"ýýýýýýýýýýýýýýýýýýýýýýýý",
};

/* A member of the workspace: who they are and how they use ChatGPT. */
typedef struct User
{
	uint64_t	rng;			/* the user's own stream of daily draws */
	int			invited;		/* created_or_invited_date */
	int			accepted;		/* first day enabled; NEVER: stays pending */
	int			deleted;		/* first day deleted, or NEVER */
	int			churned;		/* from this day on the user rarely comes */
	int			last_active;	/* latest active day so far, or NO_DAY */
	float		p_active;		/* chance of being active on a working day */
	float		daily_mean;		/* messages on an active day */
	float		gpt_share;		/* of messages sent to custom GPTs */
	float		project_share;	/* of the other messages sent in projects */
	float		tool_rate;		/* tool-invoking messages per message */
	uint8_t		model_bias[NMODELS];
	uint8_t		tool_bias[NTOOLS];
	int			favs[MAX_FAVS]; /* custom GPTs the user messages */
	int			nfavs;
	int			project_day[MAX_PROJECTS];	/* planned, then real creation */
	int			nprojects;
	int			projects_made;
	uint32_t	name;			/* offsets into the string arena */
	uint32_t	email;
	uint16_t	departments;	/* bit set over department_names */
	uint8_t		groups;			/* bit set over group_names */
	uint8_t		role;
	uint8_t		user_role;
} User;

/* One user's counts over the days of a period simulated so far. */
typedef struct Tally
{
	int32_t		messages;
	int32_t		gpt_messages;
	int32_t		tool_messages;
	int32_t		project_messages;
	int32_t		first;			/* first and last active day, or NO_DAY */
	int32_t		last;
	int32_t		model[NMODELS];
	int32_t		tool[NTOOLS];
	int32_t		gpt[MAX_FAVS];	/* indexed like User.favs */
	int32_t		project[MAX_PROJECTS];
} Tally;

typedef enum Cadence
{
	WEEKLY,
	MONTHLY,
	DATE_RANGE					/* --range: a custom range (2026 exports) */
} Cadence;

#define NCADENCES 3

/* A custom GPT of the workspace. */
typedef struct Gpt
{
	int			creator;
	int			created;
	int			live;			/* first day Live; NEVER: stays a Draft */
	int			renamed;		/* first day under name[1], or NEVER */
	uint32_t	name[2];		/* arena offsets */
	uint32_t	description;
	uint32_t	url;
	char		id[35];
	int			first[NCADENCES];	/* per cadence: first and last day */
	int			last[NCADENCES];	/* messaged in the current period */
} Gpt;

/* The period one cadence is accumulating now. */
typedef struct Period
{
	Cadence		cadence;
	int			start;
	int			end;
	int			written;		/* complete periods written so far */
	Tally	   *tally;			/* one per user */
} Period;

/*
 * User report columns, in the 2026 order: the late-2025 order, then
 * seat_type and credits_used, which the late-2025 layout leaves out.
 */
enum
{
	U_CADENCE, U_PERIOD_START, U_PERIOD_END, U_ACCOUNT_ID, U_PUBLIC_ID,
	U_NAME, U_EMAIL, U_ROLE, U_USER_ROLE, U_DEPARTMENT, U_GROUPS,
	U_USER_STATUS, U_CREATED, U_IS_ACTIVE, U_FIRST_DAY, U_LAST_DAY,
	U_MESSAGES, U_RANK, U_MODEL_MAP, U_GPT_MESSAGES, U_GPTS_MESSAGED,
	U_GPT_MAP, U_TOOL_MESSAGES, U_TOOLS_MESSAGED, U_TOOL_MAP,
	U_PROJECT_MESSAGES, U_PROJECTS_MESSAGED, U_PROJECT_MAP,
	U_PROJECTS_CREATED, U_LAST_DAY_ACTIVE, U_SEAT_TYPE, U_CREDITS_USED,
	N_USER_COLS
};

/* Columns of the late-2025 layout: all but the 2026 ones. */
#define N_USER_COLS_2025 U_SEAT_TYPE

static const char *const user_columns[N_USER_COLS] = {
	"cadence", "period_start", "period_end", "account_id", "public_id",
	"name", "email", "role", "user_role", "department", "groups",
	"user_status", "created_or_invited_date", "is_active",
	"first_day_active_in_period", "last_day_active_in_period", "messages",
	"messages_rank", "model_to_messages", "gpt_messages", "gpts_messaged",
	"gpt_to_messages", "tool_messages", "tools_messaged", "tool_to_messages",
	"project_messages", "projects_messaged", "project_to_messages",
	"projects_created", "last_day_active", "seat_type", "credits_used",
};

static const int user_early_order[] = {
	U_CADENCE, U_PERIOD_START, U_PERIOD_END, U_ACCOUNT_ID, U_PUBLIC_ID,
	U_NAME, U_EMAIL, U_ROLE, U_USER_ROLE, U_DEPARTMENT, U_USER_STATUS,
	U_CREATED, U_IS_ACTIVE, U_FIRST_DAY, U_LAST_DAY, U_MESSAGES, U_RANK,
	U_GPT_MESSAGES, U_GPTS_MESSAGED, U_TOOL_MESSAGES, U_TOOLS_MESSAGED,
	U_LAST_DAY_ACTIVE, U_PROJECT_MESSAGES, U_PROJECTS_MESSAGED,
};

/* GPT report columns, in the late-2025 order. */
enum
{
	G_CADENCE, G_PERIOD_START, G_PERIOD_END, G_ACCOUNT_ID, G_GPT_ID,
	G_GPT_NAME, G_CONFIG_TYPE, G_DESCRIPTION, G_URL, G_CREATOR_PUBLIC_ID,
	G_IS_ACTIVE, G_FIRST_DAY, G_LAST_DAY, G_MESSAGES, G_UNIQUE,
	G_CREATOR_EMAIL, N_GPT_COLS
};

/* Row and row_period() rely on this. */
_Static_assert((int) G_ACCOUNT_ID == (int) U_ACCOUNT_ID && (int) N_GPT_COLS <= (int) N_USER_COLS,
			   "GPT rows share the period columns and the size of user rows");

static const char *const gpt_columns[N_GPT_COLS] = {
	"cadence", "period_start", "period_end", "account_id", "gpt_id",
	"gpt_name", "config_type", "gpt_description", "gpt_url",
	"gpt_creator_public_id", "is_active", "first_day_active_in_period",
	"last_day_active_in_period", "messages_workspace",
	"unique_messagers_workspace", "gpt_creator_email",
};

static const int gpt_early_order[] = {
	G_CADENCE, G_PERIOD_START, G_PERIOD_END, G_ACCOUNT_ID, G_GPT_ID,
	G_GPT_NAME, G_DESCRIPTION, G_URL, G_CREATOR_PUBLIC_ID, G_CREATOR_EMAIL,
	G_IS_ACTIVE, G_FIRST_DAY, G_LAST_DAY, G_MESSAGES, G_UNIQUE,
};

/*
 * Project report columns (2026), in the vendor's order: the GPT report's
 * layout with project_ for gpt_, so the G_ indexes serve project rows too.
 */
static const char *const project_columns[N_GPT_COLS] = {
	"cadence", "period_start", "period_end", "account_id", "project_id",
	"project_name", "config_type", "project_description", "project_url",
	"project_creator_public_id", "is_active", "first_day_active_in_period",
	"last_day_active_in_period", "messages_workspace",
	"unique_messagers_workspace", "project_creator_email",
};

/* Impact survey report columns (2026): one row per answer. */
enum
{
	S_DATE, S_WORKSPACE_ID, S_NAME, S_EMAIL, S_SURVEY_ID, S_SURVEY_NAME,
	S_QUESTION_ID, S_ANSWER_ID, N_SURVEY_COLS
};

static const char *const survey_columns[N_SURVEY_COLS] = {
	"date_partition", "workspace_id", "name", "email", "survey_id",
	"survey_name", "question_id", "answer_id",
};

/* Project names and descriptions: free text, line breaks included. */
static const char *const project_name_patterns[] = {
	"%s planning", "%s 2026", "Q3 %s review", "%s: notes & drafts", "%s プロジェクト",
};
static const char *const project_description_patterns[] = {
	"", "Everything about %s in one place.",
	"Sources for %s.\nKeep the files current.\nAsk before sharing.",
	"Drafts for the \"%s\" launch, reviewed weekly",
};

/* One record's fields, unquoted, before they are written in file order. */
typedef struct Row
{
	char		buf[ROW_BYTES];
	int			len;
	int			start[N_USER_COLS];
	int			end[N_USER_COLS];
} Row;

/* Column order of the files being written: the 2026, late- or early-2025 layout. */
static int	user_late_order[N_USER_COLS];
static int	gpt_late_order[N_GPT_COLS];
static int	survey_order[N_SURVEY_COLS];
static const int *user_order = user_late_order;
static int	user_ncols = N_USER_COLS_2025;
static const int *gpt_order = gpt_late_order;
static int	gpt_ncols = N_GPT_COLS;

/* Command-line options. */
static struct
{
	int			users;
	const char *out;
	uint64_t	seed;
	int			start;
	int			months;
	bool		weekly;
	bool		monthly;
	bool		partial;
	bool		early;
	bool		layout2026;
	const char *account;
	int			gpts;
	int			range_start;	/* --range, or -1 */
	int			range_end;
} opt;

/* The workspace and the calendar of the run. */
static User *users;
static Gpt *gpts;
static double *gpt_popularity;	/* cumulative, for picking favourites */
static char group_ids[NGROUPS][33];
static char *arena;				/* every generated string, NUL-terminated */
static size_t arena_len;
static size_t arena_cap;
static int	sim_first;			/* first simulated day */
static int	sim_last;			/* last one: the data day of partial files */
static int	last_day;			/* last day of the last complete month */
static float *day_factor;		/* activity of the whole workspace per day */

/* The file being written. */
static FILE *out_file;
static const char *out_path;
static char out_buf[OUT_BYTES];
static size_t out_len;

/* Per-GPT sums of one period, and the ranks of one user file. */
static int64_t *gpt_messages_sum;
static int *gpt_messagers;
static int *rank_values;

/* Print an error and stop. */
static void
die(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "genexports: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* calloc that stops the program instead of returning NULL. */
static void *
xcalloc(size_t n, size_t size)
{
	void	   *p = calloc(n ? n : 1, size);

	if (p == NULL)
		die("out of memory");
	return p;
}

/* The splitmix64 output function: a good 64-bit mixer. */
static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The start of an independent stream for one purpose and one entity. */
static uint64_t
stream(uint64_t purpose, uint64_t index)
{
	return mix64(mix64(mix64(opt.seed) ^ purpose) + index);
}

/* Next 64 random bits of a splitmix64 stream. */
static uint64_t
next64(uint64_t *s)
{
	*s += 0x9e3779b97f4a7c15ULL;
	return mix64(*s);
}

/* Uniform in [0, 1). */
static double
unit(uint64_t *s)
{
	return (double) (next64(s) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n), n > 0. */
static int
below(uint64_t *s, int n)
{
	return (int) (unit(s) * n);
}

/* Uniform integer in [lo, hi]. */
static int
between(uint64_t *s, int lo, int hi)
{
	return lo + below(s, hi - lo + 1);
}

/* Standard normal, by Box-Muller. */
static double
normal(uint64_t *s)
{
	double		u1 = 1.0 - unit(s);
	double		u2 = unit(s);

	return sqrt(-2.0 * log(u1)) * cos(TWO_PI * u2);
}

/* 32 lower-case hex digits, as in GPT, project, group and account ids. */
static void
hex32(uint64_t *s, char *dst)
{
	uint64_t	a = next64(s);
	uint64_t	b = next64(s);

	snprintf(dst, 33, "%016llx%016llx", (unsigned long long) a,
			 (unsigned long long) b);
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int
days_from_civil(int y, int m, int d)
{
	int			era;
	int			yoe;
	int			doy;
	int			doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The civil date of a day number. */
static void
civil_from_days(int z, int *y, int *m, int *d)
{
	int			era;
	int			doe;
	int			yoe;
	int			doy;
	int			mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Day of the week, 0 = Sunday; only for days after 1970. */
static int
weekday(int day)
{
	return (day + 4) % 7;
}

/* The first day of the month "delta" months after the month of "day". */
static int
month_start(int day, int delta)
{
	int			y;
	int			m;
	int			d;

	civil_from_days(day, &y, &m, &d);
	m += delta - 1;
	return days_from_civil(y + m / 12, m % 12 + 1, 1);
}

/* A YYYY-MM-DD date as a day number, or -1 when it is not a valid date. */
static int
parse_date(const char *s)
{
	int			y;
	int			m;
	int			d;
	int			day;
	int			y2;
	int			m2;
	int			d2;
	char		tail;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	day = days_from_civil(y, m, d);
	civil_from_days(day, &y2, &m2, &d2);
	return (y2 == y && m2 == m && d2 == d) ? day : -1;
}

/* Copy a string into the arena and return its offset. */
static uint32_t
arena_add(const char *s, size_t n)
{
	size_t		off = arena_len;

	if (arena_len + n + 1 > arena_cap)
	{
		arena_cap = (arena_cap + n + 1) * 2;
		arena = realloc(arena, arena_cap);
		if (arena == NULL)
			die("out of memory");
	}
	if (off + n + 1 > UINT32_MAX)
		die("too many strings");
	memcpy(arena + off, s, n);
	arena[off + n] = '\0';
	arena_len += n + 1;
	return (uint32_t) off;
}

/* Format a string into the arena and return its offset. */
static uint32_t
arena_printf(const char *fmt,...)
{
	char		buf[1024];
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t) n >= sizeof(buf))
		die("generated string too long");
	return arena_add(buf, (size_t) n);
}

/* Popularity of a model or tool on a day: 0 when it is not offered. */
static int
vocab_weight(const Vocab *v, int day)
{
	if (day < v->from_day)
		return 0;
	return day < v->until_day ? v->weight : v->after_weight;
}

/* Index drawn with probability proportional to w[i]; total > 0. */
static int
pick(uint64_t *s, const int *w, int n, int total)
{
	int			r = below(s, total);
	int			i;

	for (i = 0; i < n - 1; i++)
	{
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

/*
 * Share n messages of one day among one or two entries: people mostly stick
 * to one model, GPT or tool a day.
 */
static void
share(uint64_t *s, int n, const int *w, int nw, int32_t *counts)
{
	int			total = 0;
	int			first;
	int			rest = n;
	int			i;

	for (i = 0; i < nw; i++)
		total += w[i];
	if (n <= 0 || total <= 0)
		return;
	first = pick(s, w, nw, total);
	if (n > 1 && unit(s) < 0.4)
	{
		int			second = pick(s, w, nw, total);
		int			part = (int) (n * (0.1 + 0.4 * unit(s)));

		counts[second] += part;
		rest -= part;
	}
	counts[first] += rest;
}

/* Share n messages among what a vocabulary offers on a day, to the user's taste. */
static void
share_vocab(uint64_t *s, int n, const Vocab *v, int nv, const uint8_t *bias,
			int day, int32_t *counts)
{
	int			w[NTOOLS > NMODELS ? NTOOLS : NMODELS];
	int			total = 0;
	int			i;

	for (i = 0; i < nv; i++)
		total += w[i] = vocab_weight(&v[i], day) * bias[i];
	/* what this user likes is not offered: take what everybody takes */
	if (total == 0)
		for (i = 0; i < nv; i++)
			w[i] = vocab_weight(&v[i], day);
	share(s, n, w, nv, counts);
}

/* Print how to call the program. */
static void
usage(FILE *f)
{
	fprintf(f,
			"Usage: genexports --users N --out DIR [options]\n"
			"Write the ChatGPT Enterprise user and GPT engagement exports of a\n"
			"made-up workspace into DIR, one CSV file per period and report, and\n"
			"print the files written.\n\n"
			"  --users N        workspace members, pending and deleted included\n"
			"  --out DIR        output directory (created when missing)\n"
			"  --seed S         random seed (default 1); same arguments, same bytes\n"
			"  --start DATE     YYYY-MM-DD (default 2025-01-01): the first week and\n"
			"                   month are those that contain it\n"
			"  --months M       complete calendar months (default 12); weeks run\n"
			"                   Sunday-Saturday up to the one holding the last day\n"
			"  --weekly         write weekly files\n"
			"  --monthly        write monthly files (default: both cadences)\n"
			"  --partial        add a Partial Weekly and a Partial Monthly export\n"
			"                   after the last complete ones\n"
			"  --format F       late2025 (default, 30 user columns), early2025, or 2026\n"
			"                   (late2025 and seat_type, credits_used)\n"
			"  --account ID     account id (default a fixed 32-hex id)\n"
			"  --gpts G         custom GPTs (default users/20, at least 5)\n"
			"  --range A..B     also a Date Range export of the days A to B\n"
			"                   (YYYY-MM-DD, both included, at most 366 days,\n"
			"                   within the simulated weeks and months)\n"
			"  --help           this text\n");
}

/* --range A..B: two dates, B not before A, at most 366 days with both ends. */
static void
parse_range(const char *s)
{
	const char *dots = strstr(s, "..");
	char		first[11];

	if (dots == NULL || dots - s != 10)
		die("--range must be YYYY-MM-DD..YYYY-MM-DD, not \"%s\"", s);
	memcpy(first, s, 10);
	first[10] = '\0';
	opt.range_start = parse_date(first);
	opt.range_end = parse_date(dots + 2);
	if (opt.range_start < 0 || opt.range_end < 0)
		die("--range must be YYYY-MM-DD..YYYY-MM-DD, not \"%s\"", s);
	if (opt.range_end < opt.range_start || opt.range_end - opt.range_start >= 366)
		die("--range must end on or after its start, at most 366 days in all: \"%s\"", s);
}

/* A whole-number option value within [lo, hi]. */
static long
parse_number(const char *name, const char *s, long lo, long hi)
{
	char	   *end;
	long		v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		die("--%s must be a whole number from %ld to %ld, not \"%s\"", name, lo, hi, s);
	return v;
}

/* Read the command line into opt. */
static void
parse_options(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"users", required_argument, NULL, 'u'},
		{"out", required_argument, NULL, 'o'},
		{"seed", required_argument, NULL, 's'},
		{"start", required_argument, NULL, 'd'},
		{"months", required_argument, NULL, 'm'},
		{"weekly", no_argument, NULL, 'W'},
		{"monthly", no_argument, NULL, 'M'},
		{"partial", no_argument, NULL, 'p'},
		{"format", required_argument, NULL, 'f'},
		{"account", required_argument, NULL, 'a'},
		{"gpts", required_argument, NULL, 'g'},
		{"range", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	int			c;
	char	   *end;

	opt.users = -1;
	opt.seed = 1;
	opt.start = parse_date("2025-01-01");
	opt.months = 12;
	opt.account = "7c1f3a9e5b2d4e608a4c6e8f0b2d4f61";
	opt.gpts = -1;
	opt.range_start = opt.range_end = -1;

	while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 'u':
				opt.users = (int) parse_number("users", optarg, 1, 10000000);
				break;
			case 'o':
				opt.out = optarg;
				break;
			case 's':
				errno = 0;
				opt.seed = strtoull(optarg, &end, 10);
				if (errno != 0 || end == optarg || *end != '\0' || optarg[0] == '-')
					die("--seed must be a whole number, not \"%s\"", optarg);
				break;
			case 'd':
				if ((opt.start = parse_date(optarg)) < 0)
					die("--start must be a date YYYY-MM-DD between 2000 and 2100, not \"%s\"", optarg);
				break;
			case 'm':
				opt.months = (int) parse_number("months", optarg, 1, 240);
				break;
			case 'W':
				opt.weekly = true;
				break;
			case 'M':
				opt.monthly = true;
				break;
			case 'p':
				opt.partial = true;
				break;
			case 'f':
				opt.early = strcmp(optarg, "early2025") == 0;
				opt.layout2026 = strcmp(optarg, "2026") == 0;
				if (!opt.early && !opt.layout2026 && strcmp(optarg, "late2025") != 0)
					die("--format must be late2025, early2025 or 2026, not \"%s\"", optarg);
				break;
			case 'a':
				opt.account = optarg;
				if (*optarg == '\0' || strpbrk(optarg, ",\"\r\n/") != NULL)
					die("--account must be non-empty, without commas, quotes, slashes or line breaks");
				break;
			case 'g':
				opt.gpts = (int) parse_number("gpts", optarg, 0, 1000000);
				break;
			case 'r':
				parse_range(optarg);
				break;
			case 'h':
				usage(stdout);
				exit(0);
			default:
				usage(stderr);
				exit(2);
		}
	}
	if (optind < argc || opt.users < 0 || opt.out == NULL)
	{
		usage(stderr);
		exit(2);
	}
	if (!opt.weekly && !opt.monthly)
		opt.weekly = opt.monthly = true;
	if (opt.gpts < 0)
		opt.gpts = opt.users / 20 > 5 ? opt.users / 20 : 5;
}

/* Fix the calendar: simulated days, activity per day, vocabulary dates. */
static void
plan_calendar(void)
{
	/* Workspace activity by month of the year: summer and year-end dips. */
	static const float season[12] = {0.95f, 1.0f, 1.05f, 1.0f, 1.0f, 0.95f,
	0.85f, 0.8f, 1.05f, 1.1f, 1.05f, 0.85f};
	int			first_week = opt.start - weekday(opt.start);
	int			first_month = month_start(opt.start, 0);
	int			last_week_end;
	int			day;
	int			i;

	last_day = month_start(opt.start, opt.months) - 1;
	last_week_end = last_day - weekday(last_day) + 6;
	/*
	 * The partial week is seen on its Tuesday: three days of data.  Those
	 * days are simulated even without --partial, so that the flag only
	 * chooses which files are written and never changes the workspace.
	 */
	sim_first = first_week < first_month ? first_week : first_month;
	sim_last = last_week_end + 3;
	if (opt.range_start >= 0 && (opt.range_start < sim_first || opt.range_end > last_day))
		die("--range must lie within the simulated days, from the first week or month to the last month's end");

	day_factor = xcalloc((size_t) (sim_last - sim_first + 1), sizeof(float));
	for (day = sim_first; day <= sim_last; day++)
	{
		int			y;
		int			m;
		int			d;
		float		f;

		civil_from_days(day, &y, &m, &d);
		f = season[m - 1];
		if ((m == 12 && d >= 24) || (m == 1 && d == 1))
			f = 0.35f;
		if (weekday(day) == 0 || weekday(day) == 6)
			f *= 0.12f;
		day_factor[day - sim_first] = f;
	}

	for (i = 0; i < NMODELS + NTOOLS; i++)
	{
		Vocab	   *v = i < NMODELS ? &models[i] : &tools[i - NMODELS];

		v->from_day = v->from ? parse_date(v->from) : 0;
		v->until_day = v->until ? parse_date(v->until) : NEVER;
	}
}

/* ASCII-lower-case hash of an e-mail address (FNV-1a). */
static uint64_t
email_hash(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
	{
		unsigned char c = (unsigned char) *s;

		h ^= (c >= 'A' && c <= 'Z') ? c + 32 : c;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Whether two e-mail addresses are equal ignoring ASCII case. */
static bool
email_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
	{
		int			ca = (*a >= 'A' && *a <= 'Z') ? *a + 32 : *a;
		int			cb = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;

		if (ca != cb)
			return false;
	}
	return *a == *b;
}

/*
 * Give a user a name and an e-mail address unique in the workspace ignoring
 * case (a changed address would be a separate user).  "seen" is an open
 * addressing table of user index + 1, "mask" its size - 1.
 */
static void
name_user(int u, uint64_t *s, uint32_t *seen, uint32_t mask)
{
	User	   *usr = &users[u];
	const NamePart *fn = &first_names[below(s, sizeof(first_names) / sizeof(first_names[0]))];
	const NamePart *ln = &last_names[below(s, sizeof(last_names) / sizeof(last_names[0]))];
	const NamePart *foreign = NULL;
	double		r = unit(s);
	bool		capitalised = unit(s) < 0.02;
	const char *domain = unit(s) < 0.1 ? "eu.example.com" : "example.com";
	char		local[128];
	char		email[256];
	int			suffix;

	if (r < 0.04)
	{
		foreign = &foreign_names[below(s, sizeof(foreign_names) / sizeof(foreign_names[0]))];
		snprintf(local, sizeof(local), "%s", foreign->ascii);
	}
	else
		snprintf(local, sizeof(local), "%s.%s", fn->ascii, ln->ascii);
	if (capitalised)
	{
		char	   *p;

		for (p = local; *p; p++)
			if ((p == local || p[-1] == '.') && *p >= 'a' && *p <= 'z')
				*p -= 32;
		domain = "Example.com";
	}

	for (suffix = 1;; suffix++)
	{
		uint32_t	slot;

		if (suffix == 1)
			snprintf(email, sizeof(email), "%s@%s", local, domain);
		else
			snprintf(email, sizeof(email), "%s%d@%s", local, suffix, domain);
		for (slot = (uint32_t) email_hash(email) & mask; seen[slot] != 0; slot = (slot + 1) & mask)
			if (email_equal(arena + users[seen[slot] - 1].email, email))
				break;
		if (seen[slot] == 0)
		{
			seen[slot] = (uint32_t) u + 1;
			break;
		}
	}
	usr->email = arena_add(email, strlen(email));

	if (foreign)
		usr->name = arena_printf("%s", foreign->display);
	else if (r < 0.06)
		usr->name = arena_printf("%s %s", email, email);
	else if (r < 0.09)
		usr->name = arena_printf("%s, %s", ln->display, fn->display);
	else if (r < 0.11)
		usr->name = arena_printf("%s \"%s\" %s", fn->display,
								 nicknames[below(s, sizeof(nicknames) / sizeof(nicknames[0]))],
								 ln->display);
	else if (r < 0.14)
		usr->name = arena_printf("%s %c. %s", fn->display, 'A' + below(s, 26), ln->display);
	else
		usr->name = arena_printf("%s %s", fn->display, ln->display);
}

/*
 * Create the members: when they join, whether they accept and leave, how
 * much and how they use ChatGPT.
 */
static void
setup_users(void)
{
	uint32_t	mask = 1;
	uint32_t   *seen;
	int			u;
	int			i;

	while (mask < (uint32_t) opt.users * 2)
		mask <<= 1;
	seen = xcalloc(mask, sizeof(uint32_t));
	mask -= 1;

	users = xcalloc((size_t) opt.users, sizeof(User));
	for (u = 0; u < opt.users; u++)
	{
		User	   *usr = &users[u];
		uint64_t	s = stream(1, (uint64_t) u);
		double		r;

		usr->rng = stream(2, (uint64_t) u);
		name_user(u, &s, seen, mask);

		/* over half were there before the first day; the rest join in waves */
		r = unit(&s);
		if (u == 0)
			usr->invited = sim_first - 300;
		else if (r < 0.55)
			usr->invited = between(&s, sim_first - 400, sim_first - 1);
		else if (r < 0.78)
			usr->invited = between(&s, sim_first, last_day);
		else
		{
			int			wave = sim_first + (int) ((last_day - sim_first) * (unit(&s) < 0.5 ? 0.25 : 0.6));

			usr->invited = wave + below(&s, 14);
		}
		/* everybody is in the last complete files */
		if (usr->invited > last_day)
			usr->invited = last_day;

		r = unit(&s);
		if (u == 0)
			usr->accepted = usr->invited;
		else if (r < 0.04)
			usr->accepted = NEVER;
		else if (r < 0.64)
			usr->accepted = usr->invited;
		else
			usr->accepted = usr->invited + 1 + (int) (-8.0 * log(1.0 - unit(&s)));

		usr->deleted = NEVER;
		if (u != 0 && usr->accepted != NEVER && unit(&s) < 0.04)
		{
			int			from = usr->accepted + 14 > sim_first ? usr->accepted + 14 : sim_first;

			if (from <= last_day)
				usr->deleted = between(&s, from, last_day);
		}
		usr->churned = unit(&s) < 0.12 ? between(&s, sim_first, sim_last) : NEVER;
		if (usr->accepted < sim_first && unit(&s) < 0.85)
			usr->last_active = between(&s, usr->accepted, sim_first - 1);

		/* dormant, occasional and regular users */
		r = unit(&s);
		if (r < 0.22)
			usr->p_active = (float) (0.005 + 0.025 * unit(&s));
		else if (r < 0.55)
			usr->p_active = (float) (0.05 + 0.15 * unit(&s));
		else
			usr->p_active = (float) (0.3 + 0.55 * unit(&s));
		if (u == 0)
			usr->p_active = 0.8f;

		/* heavy-tailed volume: a few users send hundreds a day */
		if (unit(&s) < 0.01)
			usr->daily_mean = (float) (60.0 + 300.0 * unit(&s));
		else
			usr->daily_mean = (float) fmin(300.0, exp(1.2 + 0.9 * normal(&s)));

		usr->gpt_share = unit(&s) < 0.4 ? (float) (0.05 + 0.5 * unit(&s)) : 0.0f;
		usr->project_share = unit(&s) < 0.35 ? (float) (0.1 + 0.6 * unit(&s)) : 0.0f;
		r = unit(&s);
		if (r < 0.01)
			usr->tool_rate = (float) (15.0 + 55.0 * unit(&s));
		else if (r < 0.26)
			usr->tool_rate = 0.0f;
		else
			usr->tool_rate = (float) (0.05 + 0.55 * unit(&s));

		for (i = 0; i < NMODELS; i++)
			usr->model_bias[i] = unit(&s) < 0.5 ? 0 : (uint8_t) (1 << below(&s, 4));
		for (i = 0; i < NTOOLS; i++)
			usr->tool_bias[i] = unit(&s) < 0.6 ? 0 : (uint8_t) (1 << below(&s, 4));

		/* projects: planned days in order; those before the run exist already */
		if (usr->project_share > 0 && usr->accepted != NEVER)
		{
			int			from = usr->accepted > sim_first - 200 ? usr->accepted : sim_first - 200;

			usr->nprojects = 1 + below(&s, MAX_PROJECTS);
			for (i = 0; i < usr->nprojects; i++)
			{
				int			day = from <= sim_last ? between(&s, from, sim_last) : NEVER;
				int			j;

				for (j = i; j > 0 && usr->project_day[j - 1] > day; j--)
					usr->project_day[j] = usr->project_day[j - 1];
				usr->project_day[j] = day;
			}
			while (usr->projects_made < usr->nprojects &&
				   usr->project_day[usr->projects_made] < sim_first)
				usr->projects_made++;
		}

		r = unit(&s);
		usr->role = r < 0.4 ? 0 : r < 0.75 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4;
		usr->user_role = u == 0 ? 0 : (u == 1 || unit(&s) < 0.015) ? 1 : 2;
		r = unit(&s);
		if (r >= 0.45)
		{
			int			n = r < 0.85 ? 1 : 2 + below(&s, 2);

			for (i = 0; i < n; i++)
				usr->departments |= (uint16_t) (1 << below(&s, NDEPTS));
		}
		if (unit(&s) < 0.8)
			usr->groups |= 1;
		for (i = 1; i < NGROUPS; i++)
			if (unit(&s) < 0.1)
				usr->groups |= (uint8_t) (1 << i);
	}
	free(seen);

	for (i = 0; i < NGROUPS; i++)
	{
		uint64_t	s = stream(3, (uint64_t) i);

		hex32(&s, group_ids[i]);
	}
}

/* Make "name" into the slug of a GPT URL: lower-case ASCII words and dashes. */
static void
slugify(const char *name, char *dst, size_t size)
{
	size_t		n = 0;
	bool		dash = false;

	for (; *name && n + 2 < size; name++)
	{
		char		c = *name;

		if (c >= 'A' && c <= 'Z')
			c += 32;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		{
			if (dash && n > 0)
				dst[n++] = '-';
			dst[n++] = c;
			dash = false;
		}
		else
			dash = true;
	}
	dst[n] = '\0';
}

/*
 * Create the custom GPTs: creators, dates, names, and which members message
 * which GPTs (a few popular GPTs, a long tail, some never messaged).
 */
static void
setup_gpts(void)
{
	int			npatterns = sizeof(gpt_name_patterns) / sizeof(gpt_name_patterns[0]);
	int			ndescs = sizeof(gpt_description_patterns) / sizeof(gpt_description_patterns[0]);
	int			ntopics = sizeof(gpt_topics) / sizeof(gpt_topics[0]);
	bool	   *dormant = xcalloc((size_t) opt.gpts, sizeof(bool));
	double		total = 0;
	int			g;
	int			u;

	gpts = xcalloc((size_t) opt.gpts, sizeof(Gpt));
	gpt_popularity = xcalloc((size_t) opt.gpts, sizeof(double));
	for (g = 0; g < opt.gpts; g++)
	{
		Gpt		   *gpt = &gpts[g];
		User	   *creator;
		uint64_t	s = stream(4, (uint64_t) g);
		const char *topic = gpt_topics[below(&s, ntopics)];
		int			pattern = below(&s, npatterns);
		int			desc = below(&s, ndescs - 1);
		char		slug[64];
		int			from;

		gpt->id[0] = 'g';
		gpt->id[1] = '-';
		hex32(&s, gpt->id + 2);

		do
			gpt->creator = below(&s, opt.users);
		while (users[gpt->creator].accepted > last_day);
		creator = &users[gpt->creator];

		/* some existed before the first day, the rest appear over the run */
		from = creator->accepted > sim_first - 365 ? creator->accepted : sim_first - 365;
		if (unit(&s) < 0.4 && from < sim_first)
			gpt->created = between(&s, from, sim_first - 1);
		else
			gpt->created = between(&s, from > sim_first ? from : sim_first, last_day);
		if (gpt->created >= creator->deleted)
			gpt->created = between(&s, creator->accepted, creator->deleted - 1);

		gpt->live = unit(&s) < 0.15 ? NEVER :
			unit(&s) < 0.7 ? gpt->created : gpt->created + between(&s, 1, 30);
		gpt->renamed = unit(&s) < 0.1 ? gpt->created + between(&s, 7, 200) : NEVER;
		dormant[g] = unit(&s) < 0.15 || g == opt.gpts - 1;

		if (unit(&s) < 0.02)
			desc = ndescs - 1;
		gpt->name[0] = arena_printf(gpt_name_patterns[pattern], topic);
		gpt->name[1] = arena_printf(gpt_name_patterns[(pattern + 1) % npatterns], topic);
		gpt->description = arena_printf(gpt_description_patterns[desc], topic);
		slugify(arena + gpt->name[0], slug, sizeof(slug));
		gpt->url = arena_printf("https://chatgpt.com/g/%s%s%s", gpt->id, *slug ? "-" : "", slug);

		/* a Zipf-like popularity among the GPTs others can find */
		if (!dormant[g] && gpt->live != NEVER)
			total += 1.0 / pow(g + 1, 1.1);
		gpt_popularity[g] = total;

		/* creators use what they build, drafts included */
		if (!dormant[g] && creator->nfavs < 2)
		{
			creator->favs[creator->nfavs++] = g;
			if (creator->gpt_share < 0.1f)
				creator->gpt_share = 0.1f;
		}
	}

	for (u = 0; u < opt.users && total > 0; u++)
	{
		User	   *usr = &users[u];
		uint64_t	s = stream(5, (uint64_t) u);
		int			want;
		int			tries;

		if (usr->gpt_share <= 0)
			continue;
		want = 1 + below(&s, MAX_FAVS);
		for (tries = 0; usr->nfavs < want && tries < 10; tries++)
		{
			double		x = unit(&s) * total;
			int			lo = 0;
			int			hi = opt.gpts - 1;
			int			i;

			while (lo < hi)
			{
				int			mid = (lo + hi) / 2;

				if (gpt_popularity[mid] > x)
					hi = mid;
				else
					lo = mid + 1;
			}
			for (i = 0; i < usr->nfavs && usr->favs[i] != lo; i++)
				;
			if (i == usr->nfavs)
				usr->favs[usr->nfavs++] = lo;
		}
	}
	free(dormant);
}

/* Whether a user can message a GPT on a day: drafts only by their creator. */
static bool
gpt_usable(int g, int u, int day)
{
	const Gpt  *gpt = &gpts[g];

	return day >= gpt->created && (day >= gpt->live || gpt->creator == u);
}

/* Add one user's day to a period tally. */
static void
tally_add(Tally *t, const Tally *day)
{
	int			i;

	t->messages += day->messages;
	t->gpt_messages += day->gpt_messages;
	t->tool_messages += day->tool_messages;
	t->project_messages += day->project_messages;
	if (t->first == NO_DAY)
		t->first = day->first;
	t->last = day->last;
	for (i = 0; i < NMODELS; i++)
		t->model[i] += day->model[i];
	for (i = 0; i < NTOOLS; i++)
		t->tool[i] += day->tool[i];
	for (i = 0; i < MAX_FAVS; i++)
		t->gpt[i] += day->gpt[i];
	for (i = 0; i < MAX_PROJECTS; i++)
		t->project[i] += day->project[i];
}

/*
 * Simulate one user's day and add it to the periods it belongs to (NULL
 * where none is being accumulated).
 */
static void
simulate_user_day(int u, int day, Period *week, Period *month, Period *range)
{
	User	   *usr = &users[u];
	Period	   *periods[NCADENCES] = {week, month, range};
	Tally		t;
	double		p;
	int			rest;
	int			w[MAX_PROJECTS];
	int			i;
	int			k;

	if (day < usr->accepted || day >= usr->deleted)
		return;
	p = usr->p_active * day_factor[day - sim_first];
	if (day - usr->accepted < 28)
		p *= 0.5 + (day - usr->accepted) / 56.0;
	if (day >= usr->churned)
		p *= 0.15;
	if (unit(&usr->rng) >= p)
		return;

	memset(&t, 0, sizeof(t));
	t.first = t.last = day;
	t.messages = (int) (usr->daily_mean * exp(0.6 * normal(&usr->rng)) + 0.5);
	if (t.messages < 1)
		t.messages = 1;
	share_vocab(&usr->rng, t.messages, models, NMODELS, usr->model_bias, day, t.model);

	for (i = 0; i < MAX_FAVS; i++)
		w[i] = i < usr->nfavs && gpt_usable(usr->favs[i], u, day) ? 8 >> i : 0;
	if (usr->gpt_share > 0 && (w[0] | w[1] | w[2] | w[3]) != 0)
	{
		t.gpt_messages = (int) (t.messages * usr->gpt_share * (0.5 + unit(&usr->rng)) + 0.5);
		if (t.gpt_messages > t.messages)
			t.gpt_messages = t.messages;
		share(&usr->rng, t.gpt_messages, w, MAX_FAVS, t.gpt);
	}

	/* a planned project is created on the next day the user is there */
	while (usr->projects_made < usr->nprojects &&
		   usr->project_day[usr->projects_made] <= day)
		usr->project_day[usr->projects_made++] = day;
	if (usr->project_share > 0 && usr->projects_made > 0)
	{
		rest = t.messages - t.gpt_messages;
		t.project_messages = (int) (rest * usr->project_share * (0.5 + unit(&usr->rng)) + 0.5);
		if (t.project_messages > rest)
			t.project_messages = rest;
		for (i = 0; i < MAX_PROJECTS; i++)
			w[i] = i < usr->projects_made ? i + 1 : 0;
		share(&usr->rng, t.project_messages, w, MAX_PROJECTS, t.project);
	}

	if (usr->tool_rate > 0)
	{
		t.tool_messages = (int) (t.messages * usr->tool_rate * (0.3 + 1.4 * unit(&usr->rng)) + 0.5);
		share_vocab(&usr->rng, t.tool_messages, tools, NTOOLS, usr->tool_bias, day, t.tool);
	}

	usr->last_active = day;
	for (k = 0; k < NCADENCES; k++)
	{
		if (periods[k] == NULL)
			continue;
		tally_add(&periods[k]->tally[u], &t);
		for (i = 0; i < usr->nfavs; i++)
		{
			Gpt		   *gpt = &gpts[usr->favs[i]];

			if (t.gpt[i] == 0)
				continue;
			if (gpt->first[k] == NO_DAY)
				gpt->first[k] = day;
			gpt->last[k] = day;
		}
	}
}

/* Send the output buffer to the file. */
static void
out_flush(void)
{
	if (out_len > 0 && fwrite(out_buf, 1, out_len, out_file) != out_len)
		die("could not write \"%s\": %s", out_path, strerror(errno));
	out_len = 0;
}

/* Append bytes to the output file. */
static void
out_bytes(const char *s, size_t n)
{
	if (out_len + n > OUT_BYTES)
		out_flush();
	if (n > OUT_BYTES)
	{
		if (fwrite(s, 1, n, out_file) != n)
			die("could not write \"%s\": %s", out_path, strerror(errno));
		return;
	}
	memcpy(out_buf + out_len, s, n);
	out_len += n;
}

/* Append one CSV field, quoted only when it holds a comma, quote or line break. */
static void
out_field(const char *s, size_t n)
{
	size_t		i;
	size_t		from = 0;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			break;
	if (i == n)
	{
		out_bytes(s, n);
		return;
	}
	out_bytes("\"", 1);
	for (i = 0; i < n; i++)
	{
		if (s[i] == '"')
		{
			out_bytes(s + from, i + 1 - from);
			out_bytes("\"", 1);
			from = i + 1;
		}
	}
	out_bytes(s + from, n - from);
	out_bytes("\"", 1);
}

/* Write one record: the fields of "row" in the file's column order. */
static void
out_row(const Row *row, const int *order, int ncols)
{
	int			i;

	for (i = 0; i < ncols; i++)
	{
		int			c = order[i];

		if (i > 0)
			out_bytes(",", 1);
		out_field(row->buf + row->start[c], (size_t) (row->end[c] - row->start[c]));
	}
	out_bytes("\n", 1);
}

/* Write a header line. */
static void
out_header(const char *const *names, const int *order, int ncols)
{
	int			i;

	for (i = 0; i < ncols; i++)
	{
		if (i > 0)
			out_bytes(",", 1);
		out_bytes(names[order[i]], strlen(names[order[i]]));
	}
	out_bytes("\n", 1);
}

/* Start a record with every field empty. */
static void
row_reset(Row *row)
{
	row->len = 0;
	memset(row->start, 0, sizeof(row->start));
	memset(row->end, 0, sizeof(row->end));
}

/* Append raw text to the field being built. */
static void
row_append(Row *row, const char *s, size_t n)
{
	if ((size_t) row->len + n > ROW_BYTES)
		die("record longer than %d bytes", ROW_BYTES);
	memcpy(row->buf + row->len, s, n);
	row->len += (int) n;
}

/* Append a whole number to the field being built. */
static void
row_append_int(Row *row, long v)
{
	char		buf[24];
	int			n = sizeof(buf);
	bool		negative = v < 0;
	unsigned long magnitude = negative ? 0UL - (unsigned long) v : (unsigned long) v;

	/* by hand: snprintf was a tenth of the run time */
	do
	{
		buf[--n] = (char) ('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude > 0);
	if (negative)
		buf[--n] = '-';
	row_append(row, buf + n, sizeof(buf) - (size_t) n);
}

/* Append a date as YYYY-MM-DD to the field being built. */
static void
row_append_date(Row *row, int day)
{
	char		buf[16];
	int			y;
	int			m;
	int			d;

	civil_from_days(day, &y, &m, &d);
	buf[0] = (char) ('0' + y / 1000);
	buf[1] = (char) ('0' + y / 100 % 10);
	buf[2] = (char) ('0' + y / 10 % 10);
	buf[3] = (char) ('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char) ('0' + m / 10);
	buf[6] = (char) ('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char) ('0' + d / 10);
	buf[9] = (char) ('0' + d % 10);
	row_append(row, buf, 10);
}

/* Set a field to a string. */
static void
row_text(Row *row, int col, const char *s)
{
	row->start[col] = row->len;
	row_append(row, s, strlen(s));
	row->end[col] = row->len;
}

/* Set a field to a whole number. */
static void
row_int(Row *row, int col, long v)
{
	row->start[col] = row->len;
	row_append_int(row, v);
	row->end[col] = row->len;
}

/* Set a field to a date; NO_DAY leaves it empty. */
static void
row_date(Row *row, int col, int day)
{
	if (day == NO_DAY)
		return;
	row->start[col] = row->len;
	row_append_date(row, day);
	row->end[col] = row->len;
}

/* Append a string as Python's repr() writes it, as the exports' maps do. */
static void
row_append_pyrepr(Row *row, const char *s)
{
	char		q = (strchr(s, '\'') && !strchr(s, '"')) ? '"' : '\'';

	row_append(row, &q, 1);
	for (; *s; s++)
	{
		if (*s == q || *s == '\\')
			row_append(row, "\\", 1);
		row_append(row, s, 1);
	}
	row_append(row, &q, 1);
}

/*
 * Set a field to a Python dict literal {'key': count} of the non-zero
 * counts; empty when there are none.  Returns the number of keys.
 */
static int
row_count_map(Row *row, int col, const char *const *keys, const int32_t *counts, int n)
{
	int			nkeys = 0;
	int			i;

	row->start[col] = row->len;
	for (i = 0; i < n; i++)
	{
		if (counts[i] == 0)
			continue;
		if (nkeys++ > 0)
			row_append(row, ", ", 2);
		else
			row_append(row, "{", 1);
		row_append_pyrepr(row, keys[i]);
		row_append(row, ": ", 2);
		row_append_int(row, counts[i]);
	}
	if (nkeys > 0)
		row_append(row, "}", 1);
	row->end[col] = row->len;
	return nkeys;
}

/* Open the file of one period and report, and note its name on stdout. */
static void
open_report(const Period *per, bool partial, const char *report)
{
	static char path[4096];
	int			y;
	int			m;
	int			d;

	civil_from_days(per->start, &y, &m, &d);
	if (per->cadence == DATE_RANGE)
	{
		int			y2;
		int			m2;
		int			d2;

		civil_from_days(per->end, &y2, &m2, &d2);
		snprintf(path, sizeof(path), "%s/%s date range %s report %04d-%02d-%02d to %04d-%02d-%02d.csv",
				 opt.out, opt.account, report, y, m, d, y2, m2, d2);
	}
	else
		snprintf(path, sizeof(path), "%s/%s %s%s %s report %04d-%02d-%02d.csv",
				 opt.out, opt.account, partial ? "partial " : "",
				 per->cadence == WEEKLY ? "weekly" : "monthly", report, y, m, d);
	out_path = path;
	out_file = fopen(path, "w");
	if (out_file == NULL)
		die("could not create \"%s\": %s", path, strerror(errno));
	out_len = 0;
}

/* Finish the file being written. */
static void
close_report(void)
{
	out_flush();
	if (fclose(out_file) != 0)
		die("could not write \"%s\": %s", out_path, strerror(errno));
	printf("%s\n", out_path);
}

/*
 * Set the columns every record of a period starts with; they are the first
 * four of both reports, so the U_ indexes serve GPT rows too.
 */
static void
row_period(Row *row, const Period *per, bool partial)
{
	static const char *const cadences[2][NCADENCES] = {
		{"Weekly", "Monthly", "Date Range"}, {"Partial Weekly", "Partial Monthly", NULL}
	};

	row_text(row, U_CADENCE, cadences[partial][per->cadence]);
	row_date(row, U_PERIOD_START, per->start);
	row_date(row, U_PERIOD_END, per->end);
	row_text(row, U_ACCOUNT_ID, opt.account);
}

/* Order of int values, descending. */
static int
compare_desc(const void *a, const void *b)
{
	int			x = *(const int *) a;
	int			y = *(const int *) b;

	return (x < y) - (x > y);
}

/* SQL RANK() of "messages" among the sorted values (descending) of n users. */
static int
rank_of(int messages, int n)
{
	int			lo = 0;
	int			hi = n;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (rank_values[mid] > messages)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo + 1;
}

/* A user's public id: "user-" and 24 base-62 characters. */
static void
public_id(int u, char *dst)
{
	static const char digits[] =
		"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	uint64_t	s = stream(6, (uint64_t) u);
	int			i;

	memcpy(dst, "user-", 5);
	for (i = 0; i < 24; i++)
		dst[5 + i] = digits[next64(&s) % 62];
	dst[29] = '\0';
}

/* The id of a user's i-th project: "g-p-" and 32 hex digits. */
static void
project_id(int u, int i, char *dst)
{
	uint64_t	s = stream(7, (uint64_t) u * MAX_PROJECTS + (uint64_t) i);

	memcpy(dst, "g-p-", 4);
	hex32(&s, dst + 4);
}

/* Fill a row with one user's record of a period. */
static void
user_row(Row *row, int u, const Period *per, bool partial, int until, int nactive)
{
	const User *usr = &users[u];
	const Tally *t = &per->tally[u];
	const char *gpt_keys[MAX_FAVS];
	const char *model_keys[NMODELS];
	const char *tool_keys[NTOOLS];
	char		project_ids[MAX_PROJECTS][40];
	const char *project_keys[MAX_PROJECTS];
	bool		active = t->messages > 0;
	char		id[PUBLIC_ID_BYTES];
	int			made = 0;
	int			i;
	int			n;

	row_reset(row);
	row_period(row, per, partial);
	row_text(row, U_EMAIL, arena + usr->email);
	row_date(row, U_CREATED, usr->invited);
	if (usr->accepted > until)
	{
		row_text(row, U_USER_STATUS, "pending");
		return;
	}

	public_id(u, id);
	row_text(row, U_PUBLIC_ID, id);
	row_text(row, U_NAME, arena + usr->name);
	row_text(row, U_ROLE, roles[usr->role]);
	row_text(row, U_USER_ROLE, user_roles[usr->user_role]);
	if (usr->departments)
	{
		n = 0;
		row->start[U_DEPARTMENT] = row->len;
		for (i = 0; i < NDEPTS; i++)
		{
			if (!(usr->departments & (1 << i)))
				continue;
			row_append(row, n++ > 0 ? ",\"" : "[\"", 2);
			row_append(row, department_names[i], strlen(department_names[i]));
			row_append(row, "\"", 1);
		}
		row_append(row, "]", 1);
		row->end[U_DEPARTMENT] = row->len;
	}
	if (usr->deleted > until && usr->groups)
	{
		n = 0;
		row->start[U_GROUPS] = row->len;
		for (i = 0; i < NGROUPS; i++)
		{
			if (!(usr->groups & (1 << i)))
				continue;
			if (n++ > 0)
				row_append(row, ", ", 2);
			else
				row_append(row, "{", 1);
			row_append_pyrepr(row, group_ids[i]);
			row_append(row, ": ", 2);
			row_append_pyrepr(row, group_names[i]);
		}
		row_append(row, "}", 1);
		row->end[U_GROUPS] = row->len;
	}
	row_text(row, U_USER_STATUS, usr->deleted <= until ? "deleted" : "enabled");

	row_int(row, U_IS_ACTIVE, active);
	row_int(row, U_MESSAGES, t->messages);
	row_int(row, U_GPT_MESSAGES, t->gpt_messages);
	row_int(row, U_TOOL_MESSAGES, t->tool_messages);
	row_int(row, U_PROJECT_MESSAGES, t->project_messages);
	for (i = 0; i < usr->projects_made; i++)
		made += usr->project_day[i] >= per->start && usr->project_day[i] <= until;
	row_int(row, U_PROJECTS_CREATED, made);
	row_date(row, U_LAST_DAY_ACTIVE, usr->last_active);
	/* 2026: the seat, from the user alone; credits from the messages */
	row_text(row, U_SEAT_TYPE, u % 50 == 7 ? "Automation" : u % 12 == 5 ? "Codex" : "ChatGPT");
	row->start[U_CREDITS_USED] = row->len;
	row_append_int(row, t->messages / 4);
	row_append(row, t->messages % 4 == 0 ? ".00" : t->messages % 4 == 1 ? ".25" :
			   t->messages % 4 == 2 ? ".50" : ".75", 3);
	row->end[U_CREDITS_USED] = row->len;
	if (active)
	{
		row_date(row, U_FIRST_DAY, t->first);
		row_date(row, U_LAST_DAY, t->last);
		row_int(row, U_RANK, rank_of(t->messages, nactive));
	}
	if (partial)
		return;

	/* the per-key columns, which partial exports leave empty */
	for (i = 0; i < NMODELS; i++)
		model_keys[i] = models[i].name;
	for (i = 0; i < NTOOLS; i++)
		tool_keys[i] = tools[i].name;
	for (i = 0; i < usr->nfavs; i++)
		gpt_keys[i] = gpts[usr->favs[i]].id;
	for (i = 0; i < usr->projects_made; i++)
	{
		project_id(u, i, project_ids[i]);
		project_keys[i] = project_ids[i];
	}
	row_count_map(row, U_MODEL_MAP, model_keys, t->model, NMODELS);
	row_int(row, U_GPTS_MESSAGED,
			row_count_map(row, U_GPT_MAP, gpt_keys, t->gpt, usr->nfavs));
	row_int(row, U_TOOLS_MESSAGED,
			row_count_map(row, U_TOOL_MAP, tool_keys, t->tool, NTOOLS));
	row_int(row, U_PROJECTS_MESSAGED,
			row_count_map(row, U_PROJECT_MAP, project_keys, t->project, usr->projects_made));
}

/*
 * Write the user report of a period; "until" is the last day of data (the
 * period's end, or earlier for a partial export).
 */
static void
write_users(const Period *per, bool partial, int until)
{
	static Row	row;
	int			nactive = 0;
	int			u;

	for (u = 0; u < opt.users; u++)
		if (per->tally[u].messages > 0)
			rank_values[nactive++] = per->tally[u].messages;
	qsort(rank_values, (size_t) nactive, sizeof(int), compare_desc);

	open_report(per, partial, "user");
	out_header(user_columns, user_order, user_ncols);
	for (u = 0; u < opt.users; u++)
	{
		if (users[u].invited > until)
			continue;
		user_row(&row, u, per, partial, until, nactive);
		out_row(&row, user_order, user_ncols);
	}
	close_report();
}

/* Write the GPT report of a period, from the same tallies as its user report. */
static void
write_gpts(const Period *per, bool partial, int until)
{
	static Row	row;
	int			k = per->cadence;
	int			g;
	int			u;
	int			i;

	memset(gpt_messages_sum, 0, (size_t) opt.gpts * sizeof(int64_t));
	memset(gpt_messagers, 0, (size_t) opt.gpts * sizeof(int));
	for (u = 0; u < opt.users; u++)
	{
		for (i = 0; i < users[u].nfavs; i++)
		{
			if (per->tally[u].gpt[i] == 0)
				continue;
			gpt_messages_sum[users[u].favs[i]] += per->tally[u].gpt[i];
			gpt_messagers[users[u].favs[i]]++;
		}
	}

	open_report(per, partial, "gpt");
	out_header(gpt_columns, gpt_order, gpt_ncols);
	for (g = 0; g < opt.gpts; g++)
	{
		const Gpt  *gpt = &gpts[g];
		const User *creator = &users[gpt->creator];
		bool		messaged = gpt_messages_sum[g] > 0;
		uint64_t	s = stream(8, (uint64_t) g * 7919 + (uint64_t) per->start * 2 + (uint64_t) k);
		char		id[PUBLIC_ID_BYTES];

		if (gpt->created > until)
			continue;
		row_reset(&row);
		row_period(&row, per, partial);
		row_text(&row, G_GPT_ID, gpt->id);
		row_text(&row, G_GPT_NAME, arena + gpt->name[until >= gpt->renamed]);
		row_text(&row, G_CONFIG_TYPE, until >= gpt->live ? "Live" : "Draft");
		row_text(&row, G_DESCRIPTION, arena + gpt->description);
		row_text(&row, G_URL, arena + gpt->url);
		public_id(gpt->creator, id);
		row_text(&row, G_CREATOR_PUBLIC_ID, id);
		row_text(&row, G_CREATOR_EMAIL, arena + creator->email);
		/* "active even if not messaged": used through other surfaces */
		row_int(&row, G_IS_ACTIVE, messaged || unit(&s) < 0.3);
		if (messaged)
		{
			row_date(&row, G_FIRST_DAY, gpt->first[k]);
			row_date(&row, G_LAST_DAY, gpt->last[k]);
		}
		row_int(&row, G_MESSAGES, (long) gpt_messages_sum[g]);
		if (!partial)
			row_int(&row, G_UNIQUE, gpt_messagers[g]);
		out_row(&row, gpt_order, gpt_ncols);
	}
	close_report();
}

/* Fill a row with a user's i-th project in a period (2026 Project report). */
static void
project_row(Row *row, int u, int i, const Period *per, bool partial)
{
	const User *usr = &users[u];
	int32_t		messages = per->tally[u].project[i];
	uint64_t	s = stream(9, (uint64_t) u * MAX_PROJECTS + (uint64_t) i);
	const char *topic = gpt_topics[below(&s, (int) (sizeof(gpt_topics) / sizeof(gpt_topics[0])))];
	int			name = below(&s, (int) (sizeof(project_name_patterns) / sizeof(project_name_patterns[0])));
	int			desc = below(&s, (int) (sizeof(project_description_patterns) / sizeof(project_description_patterns[0])));
	bool		draft = unit(&s) < 0.1;
	uint64_t	p = stream(10, (uint64_t) u * MAX_PROJECTS + (uint64_t) i + (uint64_t) per->start * 8 +
						   (uint64_t) per->cadence);
	char		id[PUBLIC_ID_BYTES];
	char		pid[40];
	char		buf[256];

	project_id(u, i, pid);
	row_reset(row);
	row_period(row, per, partial);
	row_text(row, G_GPT_ID, pid);
	snprintf(buf, sizeof(buf), project_name_patterns[name], topic);
	row_text(row, G_GPT_NAME, buf);
	row_text(row, G_CONFIG_TYPE, draft ? "Draft" : "Live");
	snprintf(buf, sizeof(buf), project_description_patterns[desc], topic);
	row_text(row, G_DESCRIPTION, buf);
	snprintf(buf, sizeof(buf), "https://chatgpt.com/g/%s/project", pid);
	row_text(row, G_URL, buf);
	public_id(u, id);
	row_text(row, G_CREATOR_PUBLIC_ID, id);
	row_text(row, G_CREATOR_EMAIL, arena + usr->email);
	/* as GPTs: active when messaged, and some unmessaged ones too */
	row_int(row, G_IS_ACTIVE, messages > 0 || unit(&p) < 0.3);
	if (messages > 0)
	{
		/* the generator keeps days per user, not per project */
		row_date(row, G_FIRST_DAY, per->tally[u].first);
		row_date(row, G_LAST_DAY, per->tally[u].last);
	}
	row_int(row, G_MESSAGES, messages);
	/* only its creator writes in a generated project */
	if (!partial)
		row_int(row, G_UNIQUE, messages > 0);
}

/*
 * Write the Project report of a period (2026): every project created by
 * its last day of data, from the same tallies as its user report.
 */
static void
write_projects(const Period *per, bool partial, int until)
{
	static Row	row;
	int			u;
	int			i;

	open_report(per, partial, "project");
	out_header(project_columns, gpt_late_order, N_GPT_COLS);
	for (u = 0; u < opt.users; u++)
		for (i = 0; i < users[u].projects_made; i++)
		{
			if (users[u].project_day[i] > until)
				continue;
			project_row(&row, u, i, per, partial);
			out_row(&row, gpt_late_order, N_GPT_COLS);
		}
	close_report();
}

/* Write the reports of a period. */
static void
write_period(const Period *per, bool partial, int until)
{
	write_users(per, partial, until);
	write_gpts(per, partial, until);
	if (opt.layout2026)
		write_projects(per, partial, until);
}

/*
 * Write the Impact survey reports (2026): a survey on day 120 and one on
 * day 240 of the run, when the run reaches them.  About a third of the
 * members enabled that day answer, within the two weeks after it, three
 * questions; the third takes one or two answers.  One file per survey,
 * rows in date_partition order.
 */
static void
write_surveys(void)
{
	static const int survey_days[2] = {120, 240};
	static Row	row;
	char		path[4096];
	char		survey_id[40];
	char		buf[64];
	int			k;

	for (k = 0; k < 2; k++)
	{
		int			first = sim_first + survey_days[k];
		int			last = first + 13 < last_day ? first + 13 : last_day;
		uint64_t	s = stream(11, (uint64_t) k);
		int			y;
		int			m;
		int			d;
		int			day;
		int			u;

		if (first > last_day)
			break;
		memcpy(survey_id, "srv-", 4);
		hex32(&s, survey_id + 4);
		civil_from_days(first, &y, &m, &d);
		snprintf(path, sizeof(path), "%s/%s impact survey report %04d-%02d-%02d.csv",
				 opt.out, opt.account, y, m, d);
		out_path = path;
		out_file = fopen(path, "w");
		if (out_file == NULL)
			die("could not create \"%s\": %s", path, strerror(errno));
		out_len = 0;
		out_header(survey_columns, survey_order, N_SURVEY_COLS);
		for (day = first; day <= last; day++)
			for (u = 0; u < opt.users; u++)
			{
				const User *usr = &users[u];
				uint64_t	a = stream(12, (uint64_t) u * 2 + (uint64_t) k);
				int			q;

				if (usr->accepted > first || usr->deleted <= first || unit(&a) >= 0.35 ||
					first + below(&a, 14) != day)
					continue;
				for (q = 1; q <= 3; q++)
				{
					int			n = q == 3 && unit(&a) < 0.3 ? 2 : 1;
					int			j;

					for (j = 0; j < n; j++)
					{
						row_reset(&row);
						row_date(&row, S_DATE, day);
						row_text(&row, S_WORKSPACE_ID, opt.account);
						row_text(&row, S_NAME, arena + usr->name);
						row_text(&row, S_EMAIL, arena + usr->email);
						row_text(&row, S_SURVEY_ID, survey_id);
						row_text(&row, S_SURVEY_NAME, k == 0 ? "Day 120 impact survey" : "Day 240 impact survey");
						snprintf(buf, sizeof(buf), "q%d", q);
						row_text(&row, S_QUESTION_ID, buf);
						snprintf(buf, sizeof(buf), "q%d-a%d", q, 1 + (j + below(&a, 4)) % 5);
						row_text(&row, S_ANSWER_ID, buf);
						out_row(&row, survey_order, N_SURVEY_COLS);
					}
				}
			}
		close_report();
	}
}

/* Start accumulating the next period of a cadence. */
static void
next_period(Period *per)
{
	int			g;

	per->start = per->end + 1;
	per->end = per->cadence == WEEKLY ? per->start + 6 : month_start(per->start, 1) - 1;
	memset(per->tally, 0, (size_t) opt.users * sizeof(Tally));
	for (g = 0; g < opt.gpts; g++)
		gpts[g].first[per->cadence] = gpts[g].last[per->cadence] = NO_DAY;
}

/*
 * Simulate every day in order, writing each period's files on its last day
 * (or, for the partial periods, on the day they are exported).
 */
static void
simulate(void)
{
	Period		week = {WEEKLY, 0, 0, 0, NULL};
	Period		month = {MONTHLY, 0, 0, 0, NULL};
	Period		range = {DATE_RANGE, opt.range_start, opt.range_end, 0, NULL};
	int			weeks = (last_day - (opt.start - weekday(opt.start))) / 7 + 1;
	int			day;
	int			u;

	week.tally = xcalloc((size_t) opt.users, sizeof(Tally));
	month.tally = xcalloc((size_t) opt.users, sizeof(Tally));
	range.tally = xcalloc((size_t) opt.users, sizeof(Tally));
	for (u = 0; u < opt.gpts; u++)
		gpts[u].first[DATE_RANGE] = gpts[u].last[DATE_RANGE] = NO_DAY;
	week.end = opt.start - weekday(opt.start) - 1;
	month.end = month_start(opt.start, 0) - 1;
	next_period(&week);
	next_period(&month);

	for (day = sim_first; day <= sim_last; day++)
	{
		Period	   *w = day >= week.start ? &week : NULL;
		Period	   *m = day >= month.start ? &month : NULL;
		Period	   *r = opt.range_start >= 0 && day >= range.start && day <= range.end ? &range : NULL;

		for (u = 0; u < opt.users; u++)
			simulate_user_day(u, day, w, m, r);

		/* a range's files are written on its last day, as a period's */
		if (r != NULL && day == range.end)
			write_period(&range, false, day);

		if (day == week.end && week.written < weeks)
		{
			if (opt.weekly)
				write_period(&week, false, day);
			week.written++;
			next_period(&week);
		}
		if (day == month.end && month.written < opt.months)
		{
			if (opt.monthly)
				write_period(&month, false, day);
			month.written++;
			next_period(&month);
		}
		if (day == sim_last && opt.partial)
		{
			if (opt.weekly)
				write_period(&week, true, day);
			if (opt.monthly)
				write_period(&month, true, day);
		}
	}
	free(week.tally);
	free(month.tally);
	free(range.tally);
}

int
main(int argc, char **argv)
{
	int			i;

	parse_options(argc, argv);
	for (i = 0; i < N_USER_COLS; i++)
		user_late_order[i] = i;
	for (i = 0; i < N_GPT_COLS; i++)
		gpt_late_order[i] = i;
	for (i = 0; i < N_SURVEY_COLS; i++)
		survey_order[i] = i;
	if (opt.layout2026)
		user_ncols = N_USER_COLS;
	if (opt.early)
	{
		user_order = user_early_order;
		user_ncols = sizeof(user_early_order) / sizeof(user_early_order[0]);
		gpt_order = gpt_early_order;
		gpt_ncols = sizeof(gpt_early_order) / sizeof(gpt_early_order[0]);
	}
	if (mkdir(opt.out, 0777) != 0 && errno != EEXIST)
		die("could not create directory \"%s\": %s", opt.out, strerror(errno));

	plan_calendar();
	setup_users();
	setup_gpts();
	rank_values = xcalloc((size_t) opt.users, sizeof(int));
	gpt_messages_sum = xcalloc((size_t) opt.gpts, sizeof(int64_t));
	gpt_messagers = xcalloc((size_t) opt.gpts, sizeof(int));
	simulate();
	if (opt.layout2026)
		write_surveys();
	return 0;
}
