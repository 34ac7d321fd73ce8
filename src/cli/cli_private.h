/*
 * cli_private.h: what the files of the optviz tool share.
 *
 * The tool works in two stages.  Parsing (options.c) turns argv into an
 * ov__cli_opts: everything a usage error can be found in without touching
 * the file system.  Running (job.c) reads data, builds the loss and the
 * optimizer configs, runs them, and writes the trajectory and the figure.
 * Parsing never prints: it returns an exit code and a one-line message, so
 * tests can drive it; running prints its own messages.
 */
#ifndef OV_CLI_PRIVATE_H
#define OV_CLI_PRIVATE_H

#include <stdio.h>

#include <optviz/optviz.h>

#define OV_EXIT_OK 0
#define OV_EXIT_ERROR 1
#define OV_EXIT_USAGE 2

#define OV_CLI_MSG_SIZE 512
#define OV_CLI_MAX_FRAMES 100000L
/* The smallest --size every view can be drawn at (the contour view, with
 * its colour bar, needs 116x66; a little room for longer tick labels).  A
 * figure of several parts (--panel, --layout grid) may need more: the
 * figure check says how much. */
#define OV__CLI_MIN_WIDTH 120
#define OV__CLI_MIN_HEIGHT 80

/* Hyper-parameters: the rows of the library's table (optviz/param.h),
 * numbered as it numbers them.  Their keys are the long options and the
 * keys of --algo items, so the two spellings cannot drift apart. */
#define OV__CLI_MAX_PARAMS 64

typedef struct ov__param_set {
    unsigned char given[OV__CLI_MAX_PARAMS];
    double value[OV__CLI_MAX_PARAMS];  /* flags 0/1, enums their index */
    char text[OV__CLI_MAX_PARAMS][48]; /* the value as typed, for messages */
} ov__param_set;

/* One item of --algo. */
typedef struct ov__cli_algo {
    ov_algo algo;
    ov__param_set params;        /* per-item keys; override the globals */
    int has_label;
    char label[64];
    int has_color;
    uint32_t color;              /* 0xRRGGBB */
    int points_only;             /* style=points */
    char item[128];              /* the item as typed, for messages */
} ov__cli_algo;

typedef enum ov__cli_action {
    OV__CLI_RUN,
    OV__CLI_HELP,
    OV__CLI_VERSION,
    OV__CLI_LIST
} ov__cli_action;

typedef struct ov__cli_opts {
    ov__cli_action action;
    const char *list_what;       /* --list argument */

    /* problem and run */
    ov__cli_algo algos[OV_MAX_SERIES];
    size_t n_algos;
    ov__param_set global;        /* hyper-parameter flags */
    const char *loss_name;
    const char *data_path;       /* NULL: the loss's built-in set; - stdin */
    int delimiter;               /* ov_csv_delimiter of --data */
    const char *imports[OV_MAX_SERIES]; /* --import files */
    size_t n_imports;
    int n_start;                 /* 0 (default start), 1 or 2 */
    double start[2];
    long steps;                  /* -1: not given */
    long epochs;                 /* -1: not given */
    uint64_t seed;
    int shuffle;
    int drop_last;
    double noise_std;
    int reduction;               /* ov_reduction */
    int plane;                   /* --plane: ov_plane_kind (N > 2) */
    int tune;                    /* --tune given */
    ov_tune_config tune_cfg;     /* --tune, --tune-objective */

    /* schedules and clipping */
    ov_schedule_config schedule; /* --schedule; kind NONE: not given */
    const char *schedule_text;   /* as typed, for messages */
    long warmup;                 /* --warmup; 0: none */
    int clip_norm;               /* --clip-grad-norm given */
    double clip_norm_max;
    int clip_value;              /* --clip-grad-value given */
    double clip_value_max;

    /* outputs */
    const char *output;          /* -o; NULL: default name or none */
    const char *trajectory;      /* --trajectory; NULL: none */
    const char *format_name;     /* --format as typed */
    int fig_format;              /* ov_format of -o from --format; -1 none */
    int traj_format;             /* ov_format of --trajectory; -1 none */
    const char *summary;         /* --summary (JSON); NULL: none */
    ov_figure_spec spec;         /* look and animation */
    int no_live;                 /* --no-live: an HTML player only */
    unsigned sliders;            /* --sliders: OV_SLIDER_*; 0 all */
    int sliders_given;
    const char *signal;          /* --signal (response view) */
    int size_inches;             /* --size WxHin: the figure's size in
                                    inches, made pixels at --dpi */
    double size_in[2];

    /* run control */
    int quiet;
    int progress;
    int force;
    const char *batch_file;
    long jobs;                   /* -j; 0: one per core */
    FILE *messages;              /* job messages; NULL: stderr */

    char *command_line;          /* owned; recorded in the outputs */
    void *settings;              /* owned: what ov__cli_settings() joins */
    size_t n_settings;
} ov__cli_opts;

/* ---- signals.c ---------------------------------------------------------- */

/* Catches the fatal signals the caller does not ignore: they remove the
 * temporary files and kill the process with the signal. */
void ov__cli_signals_install(void);

/* Blocks those signals in this thread and the threads it starts, and
 * starts a thread that waits for them and calls ov__cli_die(); @return 0,
 * or -1 when it cannot (the handlers stay).  _stop ends it and restores
 * the mask. */
int ov__cli_signals_thread_start(void);
void ov__cli_signals_thread_stop(void);

/* Removes every temporary file, stops new ones, and dies of @p sig. */
void ov__cli_die(int sig);

/* ---- options.c ----------------------------------------------------------- */

/* Sets the defaults; the opts must later go to ov__cli_opts_free(). */
void ov__cli_opts_init(ov__cli_opts *o);
void ov__cli_opts_free(ov__cli_opts *o);

/*
 * Parses argv[1..argc-1] into @p o.  @return OV_EXIT_OK, or OV_EXIT_USAGE
 * with a one-line message (without the "optviz: " prefix) in @p msg.
 * Stops at --help, --version and --list, which set o->action.
 */
int ov__cli_parse(ov__cli_opts *o, int argc, char **argv, char *msg,
                  size_t msgsize);

/* Checks that need the library's catalogues but no files: colormap
 * names, output formats, the default algorithms.  (Loss names are judged by
 * ov_loss_create, which also takes expressions.) */
int ov__cli_finalize(ov__cli_opts *o, char *msg, size_t msgsize);

/* "--loss: unknown loss 'X' (did you mean 'Y'?)"; @return OV_EXIT_USAGE. */
int ov__cli_unknown_loss(const char *name, char *msg, size_t msgsize);

/* The hyper-parameters the tool knows: the library's table, or as many
 * of them as an ov__param_set holds (test_cli_options checks it holds
 * all). */
size_t ov__cli_param_count(void);

/*
 * The configs of the run: torch's defaults, then the global flags where the
 * algorithm takes them, then the item's keys; lr from the loss when none is
 * given; validated as torch would.  Labels are made unique.
 * @return OV_EXIT_OK or OV_EXIT_USAGE with @p msg.
 */
int ov__cli_build_configs(const ov__cli_opts *o, const ov_loss *loss,
                          ov_optim_config *cfgs, char (*labels)[64],
                          char *msg, size_t msgsize);

/* Writes --help to @p f. */
void ov__cli_print_help(FILE *f);

/* The format of an output path, from the library's format table: a
 * figure's (!@p traj, for -o) or a trajectory's (@p traj; "-" is CSV).
 * @return 0 when the table has none, or one of the other kind. */
int ov__cli_path_format(const char *path, int traj, ov_format *fmt);

/* The settings of the parsed command line, in a canonical form that two
 * spellings of one job share ("-s 5 -q" and "--steps=5"): what the batch's
 * up-to-date check compares.  malloc'ed; NULL on allocation failure. */
char *ov__cli_settings(const ov__cli_opts *o);

/* The format of -o (!@p traj) or --trajectory: --format's when given,
 * else the path's (ov__cli_path_format).  @return 0 when none fits. */
int ov__cli_output_format(const ov__cli_opts *o, int traj, ov_format *fmt);

/* ---- list.c -------------------------------------------------------------- */

/* --list losses|algos|colormaps; @return an exit code. */
int ov__cli_list(const char *what, FILE *out, char *msg, size_t msgsize);

/* ---- suggest.c ----------------------------------------------------------- */

typedef struct ov__suggest {
    const char *word;            /* what the user typed */
    const char *best;            /* closest candidate so far, or NULL */
    int dist;
} ov__suggest;

void ov__suggest_init(ov__suggest *s, const char *word);
void ov__suggest_add(ov__suggest *s, const char *candidate);
/* The suggestion if it is close enough to be useful, else NULL. */
const char *ov__suggest_result(const ov__suggest *s);
/* Whether @p name is @p canonical in any case, '-' and '_' alike: the
 * library's rule for the names it looks up, for the tool's own tables
 * (views, themes, colour names, lists). */
int ov__cli_same_name(const char *canonical, const char *name);

/* Edit distance (with transpositions), case-insensitive. */
int ov__edit_distance(const char *a, const char *b);

/* Appends " (did you mean 'X'?)" to @p msg when there is a suggestion. */
void ov__suggest_append(const ov__suggest *s, char *msg, size_t msgsize);

/* ---- quote.c ------------------------------------------------------------- */

/* "optviz" and argv[1..] quoted for a POSIX shell; malloc'ed, NULL on
 * allocation failure. */
char *ov__cli_quote_command(int argc, char **argv);

/* Replaces control characters (newlines, escapes) in @p msg with '?'.
 * Messages quote what the user typed; cleaned, they stay one line and
 * cannot drive the terminal.  Every function above that returns a
 * message has cleaned it. */
void ov__cli_msg_clean(char *msg);

/* ---- path.c -------------------------------------------------------------- */

/* Where @p path lands: its directory resolved by realpath() plus its file
 * name (the file need not exist), or @p path as given when the directory
 * does not resolve; malloc'ed, NULL on allocation failure. */
char *ov__cli_resolve_path(const char *path);

/* ---- job.c --------------------------------------------------------------- */

/* Runs the job: messages on o->messages or stderr; @return an exit code.
 * Jobs may run on several threads at once. */
int ov__cli_run_job(const ov__cli_opts *o);

/* --tune's map function (optviz/tune.h): the tasks shared among
 * *(const long *)payload threads (at most 64, this one included) by an
 * atomic counter. */
void ov__cli_tune_map(void *payload, size_t n, ov_tune_task_fn fn,
                      void *task);

/* The figure name used without -o: <loss>_<algo>[-<algo>...].gif, in a
 * buffer of at least 16 bytes.  Needs the algorithms ov__cli_finalize
 * fills in. */
void ov__cli_default_name(const ov__cli_opts *o, char *buf, size_t size);

/* ---- batch.c ------------------------------------------------------------- */

/* --batch: the jobs of o->batch_file on o->jobs threads, a line per job on
 * stdout; @return an exit code (1 when any job failed). */
int ov__cli_run_batch(const ov__cli_opts *o);

#endif /* OV_CLI_PRIVATE_H */
