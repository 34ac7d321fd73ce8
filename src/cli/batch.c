/*
 * batch.c: optviz --batch FILE [-j N] [--force] [-q].
 *
 * Each line of FILE is one job's argument list, split as a POSIX shell
 * would split it (so a line can also be run as it stands, "optviz" first,
 * by a shell or GNU parallel and mean the same thing); a line ending in a
 * backslash goes on on the next, as in a shell.  Every line is
 * parsed before any job runs: usage errors are reported with their line
 * number, and two jobs that would write the same file are caught before
 * either starts.  A line over 1 MiB or a file over 64 MiB is refused
 * (`--batch /dev/zero` ends at once).  The jobs then run on a pool of
 * threads; a job's messages
 * go to its own memory stream, and the report lines are printed in file
 * order as soon as every earlier job is done.  A failed job does not stop
 * the others; the exit status is 1 when any failed.
 *
 * Outputs are deterministic and record their command line (design.md §6),
 * so a figure that exists and records the job's command line is what the
 * job would write again, unless its --data file changed since: such a job
 * is skipped unless --force (the batch's or the line's own) is given.
 * The library's format table says which formats record their command line
 * and reads it back (ov_format_read_command); jobs writing the others
 * (SVG, PDF, trajectories) always run.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_private.h"

#define MAX_BATCH_JOBS 1000000L
#define MAX_LINE_BYTES (1L << 20)     /* 1 MiB */
#define MAX_FILE_BYTES (64L << 20)    /* 64 MiB */
#define STACK_SIZE (8u << 20)

/* One line's words: argv[0] is "optviz", the others point into store. */
typedef struct words {
    int argc;
    char **argv;
    char *store;
} words;

typedef struct bjob {
    long line;                   /* where the job starts */
    words w;
    int runnable;                /* parsed and checked; else failed */
    int force;                   /* the line's own --force */
    char *figure;                /* what the job writes; NULL: nothing */
    char *trajectory;
    char *summary;               /* --summary: always written */
    char *data;                  /* --data, unless standard input */

    /* Results, written by the worker that runs the job; done is under
     * the pool's lock once the workers have started. */
    int done;
    int code;
    int skipped;
    double seconds;
    char *message;               /* the first message line, when failed */
} bjob;

typedef struct pool {
    bjob *jobs;
    size_t n;
    int force;                   /* --force given with --batch */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    size_t next;                 /* next job to start */
} pool;

/* ---- small helpers ------------------------------------------------------- */

static char *
dup_str(const char *s)
{
    char *d = malloc(strlen(s) + 1);

    if (d)
        strcpy(d, s);
    return d;
}

/* Control characters in a report line would break it or drive the
 * terminal; the line quotes what the user wrote, so replace them. */
static void
clean(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
}

static char *
dup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
dup_printf(const char *fmt, ...)
{
    char buf[OV_CLI_MSG_SIZE + 64];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    clean(buf);
    return dup_str(buf);
}

static double
now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void
words_free(words *w)
{
    free(w->argv);
    free(w->store);
    memset(w, 0, sizeof *w);
}

/* ---- splitting a line ---------------------------------------------------- */

/*
 * Characters a shell would expand or treat as syntax when unquoted.  A
 * batch line is not run by a shell, so rather than give them a meaning of
 * our own we refuse them: quoted, they mean the same here and in a shell.
 */
static int
is_shell_syntax(char c)
{
    return c != '\0' && strchr("$`;|&<>()*?[]{}", c) != NULL;
}

static const char *
basename_of(const char *s)
{
    const char *slash = strrchr(s, '/');

    return slash ? slash + 1 : s;
}

/*
 * Splits @p line (no newline) into words: blanks separate words, '...'
 * is literal, "..." is literal but for \" \\ \$ \`, a backslash outside
 * quotes makes the next character literal, and # at the start of a word
 * begins a comment.  A first word "optviz" (or a path ending in /optviz)
 * is dropped, so a line can be a full command.
 * @return 0, or -1 with a message.
 */
static int
split_line(const char *line, words *w, char *msg, size_t msgsize)
{
    size_t len = strlen(line), i = 0, o = 0;
    int in_word = 0;

    memset(w, 0, sizeof *w);
    w->store = malloc(len + 1);
    w->argv = malloc((len / 2 + 3) * sizeof *w->argv);
    if (!w->store || !w->argv) {
        snprintf(msg, msgsize, "out of memory");
        goto fail;
    }
    w->argv[w->argc++] = "optviz";
    while (line[i]) {
        char c = line[i];

        if (c == ' ' || c == '\t' || c == '\r') {
            if (in_word)
                w->store[o++] = '\0';
            in_word = 0;
            i++;
            continue;
        }
        if (!in_word) {
            if (c == '#')
                break;
            if (c == '~') {
                snprintf(msg, msgsize, "'~' would be expanded by a shell; "
                         "quote it or write the path out");
                goto fail;
            }
            w->argv[w->argc++] = w->store + o;
            in_word = 1;
        }
        if (c == '\'') {
            const char *end = strchr(line + i + 1, '\'');

            if (!end) {
                snprintf(msg, msgsize, "unterminated ' quote");
                goto fail;
            }
            memcpy(w->store + o, line + i + 1, (size_t)(end - line - i - 1));
            o += (size_t)(end - line - i - 1);
            i = (size_t)(end - line) + 1;
        } else if (c == '"') {
            for (i++; line[i] != '"'; i++) {
                if (!line[i]) {
                    snprintf(msg, msgsize, "unterminated \" quote");
                    goto fail;
                }
                if (line[i] == '\\' && line[i + 1]
                    && strchr("\"\\$`", line[i + 1]))
                    i++;
                else if (line[i] == '$' || line[i] == '`') {
                    snprintf(msg, msgsize, "'%c' would be expanded by a "
                             "shell inside \"...\"; use '...' or \\%c",
                             line[i], line[i]);
                    goto fail;
                }
                w->store[o++] = line[i];
            }
            i++;
        } else if (c == '\\') {
            if (!line[i + 1]) {
                /* read_job joins continued lines; this is only a guard. */
                snprintf(msg, msgsize, "backslash at the end of the job");
                goto fail;
            }
            w->store[o++] = line[i + 1];
            i += 2;
        } else if (is_shell_syntax(c)) {
            snprintf(msg, msgsize, "'%c' is shell syntax; quote it", c);
            goto fail;
        } else {
            w->store[o++] = c;
            i++;
        }
    }
    if (in_word)
        w->store[o++] = '\0';
    if (w->argc > 1 && strcmp(basename_of(w->argv[1]), "optviz") == 0) {
        memmove(w->argv + 1, w->argv + 2, (size_t)(w->argc - 2)
                * sizeof *w->argv);
        w->argc--;
    }
    w->argv[w->argc] = NULL;
    return 0;
fail:
    clean(msg);
    words_free(w);
    return -1;
}

/* ---- reading the recorded command line back ------------------------------ */

/* Was @p a modified after @p b? */
static int
newer(const struct stat *a, const struct stat *b)
{
    if (a->st_mtim.tv_sec != b->st_mtim.tv_sec)
        return a->st_mtim.tv_sec > b->st_mtim.tv_sec;
    return a->st_mtim.tv_nsec > b->st_mtim.tv_nsec;
}

/*
 * Does @p path exist and record @p command, with the data file @p data
 * (NULL: none) no newer than it?  The command line says which data file,
 * not what was in it: as make does, a data file modified after the figure
 * means the figure may be stale.  Standard input is never up to date, and
 * a data file that cannot be looked at lets the job run and say why.
 */
/* Whether @p rec, a recorded command line, was written by this version:
 * the " # optviz VERSION" comment the tool appends to what it records. */
static int
same_version(const char *rec)
{
    const char *v = strstr(rec, " # optviz ");
    size_t n = strlen(ov_version_string());

    return v && strncmp(v + 10, ov_version_string(), n) == 0
           && (v[10 + n] == '\0' || v[10 + n] == ' ');
}

/* The settings (ov__cli_settings) of the recorded command line @p rec,
 * read as a batch line is; NULL when it does not parse. */
static char *
recorded_settings(const char *rec)
{
    char msg[OV_CLI_MSG_SIZE];
    ov__cli_opts o;
    char *settings = NULL;
    words w;

    if (split_line(rec, &w, msg, sizeof msg) != 0)
        return NULL;
    ov__cli_opts_init(&o);
    if (ov__cli_parse(&o, w.argc, w.argv, msg, sizeof msg) == OV_EXIT_OK)
        settings = ov__cli_settings(&o);
    ov__cli_opts_free(&o);
    words_free(&w);
    return settings;
}

/*
 * Whether the figure at @p path is what the job would write again: it
 * records a command line of this optviz whose settings (ov__cli_settings:
 * -q, -j, --progress and how options are spelt aside) are the job's
 * @p settings, and its --data file (@p data) is not newer.
 */
static int
up_to_date(const char *path, const char *settings, const char *data)
{
    struct stat sp, sd;
    ov_format fmt;
    size_t size = 1 << 20;
    char *rec, *theirs;
    int same;

    if (!ov__cli_path_format(path, 0, &fmt)
        || !ov_format_info_of(fmt)->records_command)
        return 0;
    /* A FIFO or a device is not opened (it could block, or never end):
     * the job runs and says it cannot write there. */
    if (stat(path, &sp) != 0 || !S_ISREG(sp.st_mode))
        return 0;
    if (data && (strcmp(data, "-") == 0 || stat(data, &sd) != 0
                 || stat(path, &sp) != 0 || newer(&sd, &sp)))
        return 0;
    rec = malloc(size);
    if (!rec || ov_format_read_command(fmt, path, rec, size, NULL) != OV_OK
        || !same_version(rec)) {
        free(rec);
        return 0;
    }
    theirs = recorded_settings(rec);
    same = theirs && settings && strcmp(theirs, settings) == 0;
    free(theirs);
    free(rec);
    return same;
}

/* ---- checking the lines -------------------------------------------------- */

static int
job_fail(bjob *j, int code, char *message)
{
    j->runnable = 0;
    j->code = code;
    free(j->message);
    j->message = message ? message : dup_str("out of memory");
    return code;
}

/* Parses a job's words into @p o; @return an exit code, message in msg. */
static int
parse_job(const bjob *j, ov__cli_opts *o, char *msg, size_t msgsize)
{
    int code;

    ov__cli_opts_init(o);
    code = ov__cli_parse(o, j->w.argc, j->w.argv, msg, msgsize);
    if (code != OV_EXIT_OK)
        return code;
    code = OV_EXIT_USAGE;
    if (o->action == OV__CLI_HELP)
        snprintf(msg, msgsize, "--help makes no figure");
    else if (o->action == OV__CLI_VERSION)
        snprintf(msg, msgsize, "--version makes no figure");
    else if (o->action == OV__CLI_LIST)
        snprintf(msg, msgsize, "--list makes no figure");
    else if (o->batch_file)
        snprintf(msg, msgsize, "--batch inside a batch file");
    else if (o->jobs)
        snprintf(msg, msgsize, "-j/--jobs goes with --batch, not on a line");
    else if ((o->output && strcmp(o->output, "-") == 0)
             || (o->trajectory && strcmp(o->trajectory, "-") == 0)
             || (o->summary && strcmp(o->summary, "-") == 0))
        snprintf(msg, msgsize, "standard output (-) cannot be used in a "
                 "batch; name a file");
    else if (o->data_path && strcmp(o->data_path, "-") == 0)
        snprintf(msg, msgsize, "standard input (--data -) cannot be used in "
                 "a batch; name a file");
    else
        code = ov__cli_finalize(o, msg, msgsize);
    return code;
}

static void
prepare_job(bjob *j, ov__cli_opts *o)
{
    char msg[OV_CLI_MSG_SIZE];
    char name[256];
    int code;

    code = parse_job(j, o, msg, sizeof msg);
    if (code != OV_EXIT_OK) {
        job_fail(j, code, dup_printf("%s", msg));
    } else {
        j->runnable = 1;
        j->force = o->force;
        if (o->output) {
            j->figure = dup_str(o->output);
        } else if (!o->trajectory) {
            ov__cli_default_name(o, name, sizeof name);
            j->figure = dup_str(name);
        }
        if (o->trajectory)
            j->trajectory = dup_str(o->trajectory);
        if (o->summary)
            j->summary = dup_str(o->summary);
        if (o->data_path && strcmp(o->data_path, "-") != 0)
            j->data = dup_str(o->data_path);
        if ((!j->figure && (o->output || !o->trajectory))
            || (!j->trajectory && o->trajectory)
            || (!j->summary && o->summary)
            || (!j->data && o->data_path && strcmp(o->data_path, "-") != 0))
            job_fail(j, OV_EXIT_ERROR, NULL);
    }
    ov__cli_opts_free(o);
}

/* Is an --import file or a --loss grid:FILE newer than @p figure (or not
 * there to look at)?  Then, as for the data file, the figure may be
 * stale. */
static int
inputs_newer(const ov__cli_opts *o, const char *figure)
{
    struct stat sf, si;
    size_t i;

    if (stat(figure, &sf) != 0)
        return 1;
    for (i = 0; i <= o->n_imports; i++) {
        const char *in = i < o->n_imports ? o->imports[i]
                         : o->loss_name && strncmp(o->loss_name, "grid:", 5)
                           == 0 ? o->loss_name + 5 : NULL;
        if (in && (stat(in, &si) != 0 || newer(&si, &sf)))
            return 1;
    }
    return 0;
}

typedef struct target {
    char *where;                 /* ov__cli_resolve_path() of path */
    const char *path;            /* as typed */
    size_t job;
} target;

static int
target_cmp(const void *a, const void *b)
{
    const target *x = a, *y = b;
    int c = strcmp(x->where, y->where);

    if (c)
        return c;
    return x->job < y->job ? -1 : x->job > y->job;
}

static int
add_target(target *t, size_t *n, const char *path, size_t job)
{
    t[*n].where = ov__cli_resolve_path(path);
    t[*n].path = path;
    t[*n].job = job;
    return t[(*n)++].where ? 0 : -1;
}

/* A later job writing a file an earlier one writes fails: run together,
 * the two would race for the file.  Files are compared by where they land
 * ("a.png" is "./a.png"); a job's own figure and trajectory are job.c's
 * to compare. */
static int
find_clashes(pool *p)
{
    target *t = malloc((3 * p->n + 1) * sizeof *t);
    size_t n = 0, i;
    int rc = 0;

    if (!t)
        return -1;
    for (i = 0; i < p->n && rc == 0; i++) {
        if (!p->jobs[i].runnable)
            continue;
        if (p->jobs[i].figure)
            rc = add_target(t, &n, p->jobs[i].figure, i);
        if (rc == 0 && p->jobs[i].trajectory)
            rc = add_target(t, &n, p->jobs[i].trajectory, i);
        if (rc == 0 && p->jobs[i].summary)
            rc = add_target(t, &n, p->jobs[i].summary, i);
    }
    if (rc == 0)
        qsort(t, n, sizeof *t, target_cmp);
    for (i = 1; i < n && rc == 0; i++) {
        bjob *j = &p->jobs[t[i].job];
        size_t first = i - 1;
        const char *was;

        if (strcmp(t[i].where, t[i - 1].where) != 0
            || t[i].job == t[i - 1].job)
            continue;
        while (first > 0 && strcmp(t[first - 1].where, t[i].where) == 0)
            first--;
        was = t[first].path;
        if (j->runnable && strcmp(was, t[i].path) == 0)
            job_fail(j, OV_EXIT_USAGE,
                     dup_printf("'%s' is also written by line %ld",
                                t[i].path, p->jobs[t[first].job].line));
        else if (j->runnable)
            job_fail(j, OV_EXIT_USAGE,
                     dup_printf("'%s' is also written by line %ld (as '%s')",
                                t[i].path, p->jobs[t[first].job].line, was));
    }
    for (i = 0; i < n; i++)
        free(t[i].where);
    free(t);
    return rc;
}

/* A file a job reads (its --data, the jobs file) or writes: an existing
 * file is known by its device and inode (any spelling, links), one yet
 * to be made by where it would land. */
typedef struct fileref {
    char *key;
    const char *path;            /* as typed */
    long line;                   /* 0: the jobs file */
    int writes;
} fileref;

static int
fileref_cmp(const void *a, const void *b)
{
    const fileref *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    if (c)
        return c;
    if (x->writes != y->writes)
        return x->writes - y->writes;    /* readers first */
    return x->line < y->line ? -1 : x->line > y->line;
}

static int
add_ref(fileref *r, size_t *n, const char *path, long line, int writes)
{
    struct stat sb;

    if (stat(path, &sb) == 0)
        r[*n].key = dup_printf("\x01%ju:%ju", (uintmax_t)sb.st_dev,
                               (uintmax_t)sb.st_ino);
    else
        r[*n].key = ov__cli_resolve_path(path);
    r[*n].path = path;
    r[*n].line = line;
    r[*n].writes = writes;
    return r[(*n)++].key ? 0 : -1;
}

/*
 * A job writing a file another line reads (--data), or the jobs file
 * itself, would change what the batch runs while it runs, in an order
 * that depends on -j: the batch is refused before any job starts.  A
 * line's own data file is job.c's to refuse.  @return an exit code.
 */
static int
find_overwrites(const pool *p, const char *file)
{
    fileref *r = malloc((4 * p->n + 1) * sizeof *r);
    size_t n = 0, i, k;
    int rc = 0, code = OV_EXIT_OK;

    if (!r)
        goto nomem;
    if (strcmp(file, "-") != 0)
        rc = add_ref(r, &n, file, 0, 0);
    for (i = 0; i < p->n && rc == 0; i++) {
        const bjob *j = &p->jobs[i];

        if (!j->runnable)
            continue;
        if (j->data)
            rc = add_ref(r, &n, j->data, j->line, 0);
        if (rc == 0 && j->figure)
            rc = add_ref(r, &n, j->figure, j->line, 1);
        if (rc == 0 && j->trajectory)
            rc = add_ref(r, &n, j->trajectory, j->line, 1);
        if (rc == 0 && j->summary)
            rc = add_ref(r, &n, j->summary, j->line, 1);
    }
    if (rc != 0)
        goto nomem;
    qsort(r, n, sizeof *r, fileref_cmp);
    for (i = 0; i < n; i = k) {
        size_t w;

        for (k = i; k < n && strcmp(r[k].key, r[i].key) == 0; k++)
            ;
        if (r[i].writes)
            continue;            /* nobody reads it */
        for (w = i; w < k; w++) {
            char msg[2 * OV_CLI_MSG_SIZE];
            size_t rd;

            if (!r[w].writes)
                continue;
            for (rd = i; rd < k && !r[rd].writes; rd++)
                if (r[rd].line != r[w].line)
                    break;
            if (rd == k || r[rd].writes)
                continue;        /* only its own line reads it */
            if (r[rd].line == 0)
                snprintf(msg, sizeof msg, "--batch: line %ld writes '%s', "
                         "the jobs file itself", r[w].line, r[w].path);
            else
                snprintf(msg, sizeof msg, "--batch: line %ld writes '%s', "
                         "which line %ld reads (--data '%s')", r[w].line,
                         r[w].path, r[rd].line, r[rd].path);
            clean(msg);
            fprintf(stderr, "optviz: %s\n", msg);
            code = OV_EXIT_USAGE;
        }
    }
    for (i = 0; i < n; i++)
        free(r[i].key);
    free(r);
    return code;
nomem:
    for (i = 0; i < n; i++)
        free(r[i].key);
    free(r);
    fprintf(stderr, "optviz: --batch: out of memory\n");
    return OV_EXIT_ERROR;
}

/* ---- reading the file ---------------------------------------------------- */

/* Where the quoting of a job stands at the end of one of its lines. */
typedef struct scan_state {
    int in_word;
    int in_dquote;
} scan_state;

/*
 * Does the job go on after @p s, one line of it (no newline)?  As in a
 * shell: when the line ends in a backslash that is not itself escaped,
 * not inside '...' and not in a comment.  Inside "..." the backslash and
 * newline go too.  @p st carries the quoting over from the job's earlier
 * lines.  Unterminated quotes end the job; split_line says what is wrong.
 */
static int
continues(const char *s, scan_state *st)
{
    for (;;) {
        char c = *s;

        if (st->in_dquote) {
            for (; *s != '"'; s++) {
                if (!*s)
                    return 0;
                if (*s == '\\' && !*++s)
                    return 1;
            }
            st->in_dquote = 0;
            s++;
            continue;
        }
        if (!c)
            return 0;
        if (c == ' ' || c == '\t' || c == '\r') {
            st->in_word = 0;
            s++;
            continue;
        }
        if (!st->in_word && c == '#')
            return 0;
        st->in_word = 1;
        if (c == '\'') {
            s = strchr(s + 1, '\'');
            if (!s)
                return 0;
            s++;
        } else if (c == '"') {
            st->in_dquote = 1;
            s++;
        } else if (c == '\\') {
            if (!s[1])
                return 1;
            s += 2;
        } else {
            s++;
        }
    }
}

typedef struct reader {
    FILE *f;
    char *line;                  /* the last line read */
    size_t line_cap;
    char *text;                  /* the job's lines joined */
    size_t len, cap;
    long lineno;                 /* lines read so far */
    size_t total;                /* bytes read so far */
} reader;

enum {
    READ_ERROR = -1,             /* errno says why */
    READ_NOMEM = -2,
    READ_LONG_LINE = -3,         /* line r->lineno + 1 is too long */
    READ_BIG_FILE = -4           /* the file is too big */
};

/*
 * Reads one line into r->line, without its newline; *@p len gets its
 * length.  Unlike getline(), it tells the end of the file from a failed
 * allocation, and it reads no further than the limits.  @return 1, 0 at
 * the end of the file, or READ_*.
 */
static int
get_line(reader *r, size_t *len)
{
    size_t n = 0;
    int c;

    for (;;) {
        c = getc(r->f);
        if (c == EOF) {
            if (ferror(r->f))
                return READ_ERROR;
            if (n == 0)
                return 0;
            break;
        }
        if (++r->total > (size_t)MAX_FILE_BYTES)
            return READ_BIG_FILE;
        if (c == '\n')
            break;
        if (n >= (size_t)MAX_LINE_BYTES)
            return READ_LONG_LINE;
        if (n + 1 >= r->line_cap) {
            size_t nc = r->line_cap ? 2 * r->line_cap : 256;
            char *nl = realloc(r->line, nc);

            if (!nl)
                return READ_NOMEM;
            r->line = nl;
            r->line_cap = nc;
        }
        r->line[n++] = (char)c;
    }
    if (!r->line) {
        r->line = malloc(1);
        if (!r->line)
            return READ_NOMEM;
        r->line_cap = 1;
    }
    r->line[n] = '\0';
    *len = n;
    return 1;
}

static int
append(reader *r, const char *s, size_t n)
{
    if (r->len + n + 1 > r->cap) {
        size_t nc = r->cap ? 2 * r->cap : 256;
        char *nt;

        while (nc < r->len + n + 1)
            nc *= 2;
        nt = realloc(r->text, nc);
        if (!nt)
            return -1;
        r->text = nt;
        r->cap = nc;
    }
    memcpy(r->text + r->len, s, n);
    r->len += n;
    r->text[r->len] = '\0';
    return 0;
}

/*
 * Reads the next job's text into r->text: one line, or the lines a
 * trailing backslash joins (backslash and newline removed, as a shell
 * does).  @return 1 with *start the job's first line, 0 at the end of the
 * file, or READ_*.  When @p msg is not
 * empty on return the text is not to be split: the job has a NUL byte, or
 * the file ends inside it.
 */
static int
read_job(reader *r, long *start, char *msg, size_t msgsize)
{
    scan_state st = { 0, 0 };
    size_t len;
    int got;

    r->len = 0;
    msg[0] = '\0';
    *start = 0;
    while ((got = get_line(r, &len)) > 0) {
        int more;

        if (!*start)
            *start = r->lineno + 1;
        r->lineno++;
        /* CRLF files: the CR is a blank anyway, but it would hide the
         * backslash before it. */
        if (len > 0 && r->line[len - 1] == '\r')
            r->line[--len] = '\0';
        if (strlen(r->line) != len) {
            if (*start == r->lineno)
                snprintf(msg, msgsize, "NUL byte in the line");
            else
                snprintf(msg, msgsize, "NUL byte in line %ld", r->lineno);
            return 1;
        }
        more = continues(r->line, &st);
        if (append(r, r->line, len - (size_t)more) != 0)
            return READ_NOMEM;
        if (!more)
            return 1;
        if (r->len > (size_t)MAX_LINE_BYTES)
            return READ_LONG_LINE;
    }
    if (got < 0)
        return got;
    if (!*start)
        return 0;
    snprintf(msg, msgsize, "the file ends inside a continued line (line %ld "
             "ends in a backslash)", r->lineno);
    return 1;
}

static int
read_jobs(const char *path, pool *p)
{
    reader r;
    char msg[OV_CLI_MSG_SIZE];
    size_t alloc = 0;
    long start;
    int got;
    ov__cli_opts *o = malloc(sizeof *o);
    int rc = OV_EXIT_OK;

    memset(&r, 0, sizeof r);
    r.f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!r.f || !o) {
        fprintf(stderr, "optviz: --batch: cannot read '%s': %s\n", path,
                r.f ? "out of memory" : strerror(errno));
        if (r.f && r.f != stdin)
            fclose(r.f);
        free(o);
        return OV_EXIT_ERROR;
    }
    while ((got = read_job(&r, &start, msg, sizeof msg)) > 0) {
        bjob *j;
        words w;

        if (msg[0]) {
            memset(&w, 0, sizeof w);
        } else if (split_line(r.text, &w, msg, sizeof msg) == 0
                   && w.argc == 1) {
            words_free(&w);
            continue;            /* blank or comment */
        }
        if ((long)p->n >= MAX_BATCH_JOBS) {
            fprintf(stderr, "optviz: --batch: '%s' has more than %ld jobs\n",
                    path, MAX_BATCH_JOBS);
            words_free(&w);
            rc = OV_EXIT_USAGE;
            break;
        }
        if (p->n == alloc) {
            size_t na = alloc ? 2 * alloc : 64;
            bjob *nj = realloc(p->jobs, na * sizeof *nj);

            if (!nj) {
                words_free(&w);
                fprintf(stderr, "optviz: --batch: out of memory\n");
                rc = OV_EXIT_ERROR;
                break;
            }
            p->jobs = nj;
            alloc = na;
        }
        j = &p->jobs[p->n++];
        memset(j, 0, sizeof *j);
        j->line = start;
        j->w = w;
        if (!w.argv)
            job_fail(j, OV_EXIT_USAGE, dup_printf("%s", msg));
        else
            prepare_job(j, o);
    }
    if (rc == OV_EXIT_OK && got < 0) {
        const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

        if (got == READ_LONG_LINE) {
            fprintf(stderr, "optviz: --batch: %s:%ld: line longer than "
                    "1 MiB\n", name, r.lineno + 1);
            rc = OV_EXIT_USAGE;
        } else if (got == READ_BIG_FILE) {
            fprintf(stderr, "optviz: --batch: %s:%ld: the file holds more "
                    "than 64 MiB\n", name, r.lineno + 1);
            rc = OV_EXIT_USAGE;
        } else {
            fprintf(stderr, "optviz: --batch: cannot read '%s': %s\n", name,
                    got == READ_ERROR ? strerror(errno) : "out of memory");
            rc = OV_EXIT_ERROR;
        }
    }
    if (r.f != stdin)
        fclose(r.f);
    free(r.line);
    free(r.text);
    free(o);
    if (rc == OV_EXIT_OK && find_clashes(p) != 0) {
        fprintf(stderr, "optviz: --batch: out of memory\n");
        rc = OV_EXIT_ERROR;
    }
    if (rc == OV_EXIT_OK)
        rc = find_overwrites(p, path);
    return rc;
}

/* ---- running ------------------------------------------------------------- */

/* The first line of a job's messages, without the "optviz: " prefix. */
static char *
first_message(const char *buf, int code)
{
    size_t n;

    if (!buf || !*buf)
        return dup_printf("failed with exit status %d", code);
    if (strncmp(buf, "optviz: ", 8) == 0)
        buf += 8;
    n = strcspn(buf, "\n");
    return dup_printf("%.*s", (int)(n < OV_CLI_MSG_SIZE ? n
                                    : OV_CLI_MSG_SIZE), buf);
}

static void
run_one(pool *p, bjob *j)
{
    char msg[OV_CLI_MSG_SIZE];
    ov__cli_opts *o = malloc(sizeof *o);
    char *buf = NULL;
    size_t size = 0;
    FILE *ms;
    double t0;

    if (!o) {
        job_fail(j, OV_EXIT_ERROR, NULL);
        return;
    }
    /* The line parsed before; parsing again is cheap and keeps a few
     * hundred bytes per job in memory instead of some 20 KB. */
    if (parse_job(j, o, msg, sizeof msg) != OV_EXIT_OK) {
        job_fail(j, OV_EXIT_USAGE, dup_printf("%s", msg));
        goto done;
    }
    if (!p->force && !j->force && j->figure && !j->trajectory && !j->summary) {
        char *settings = ov__cli_settings(o);
        int fresh = up_to_date(j->figure, settings, o->data_path)
                    && !inputs_newer(o, j->figure);

        free(settings);
        if (fresh) {
            j->skipped = 1;
            j->code = OV_EXIT_OK;
            goto done;
        }
    }
    ms = open_memstream(&buf, &size);
    if (!ms) {
        job_fail(j, OV_EXIT_ERROR, NULL);
        goto done;
    }
    o->messages = ms;
    o->quiet = 1;                /* a batch reports one line per job */
    o->progress = 0;
    t0 = now_seconds();
    j->code = ov__cli_run_job(o);
    j->seconds = now_seconds() - t0;
    if (fclose(ms) != 0 && j->code == OV_EXIT_OK)
        j->code = OV_EXIT_ERROR;
    if (j->code != OV_EXIT_OK)
        j->message = first_message(buf, j->code);
    free(buf);
done:
    ov__cli_opts_free(o);
    free(o);
}

static void *
worker(void *arg)
{
    pool *p = arg;

    for (;;) {
        size_t i;

        pthread_mutex_lock(&p->lock);
        while (p->next < p->n && p->jobs[p->next].done)
            p->next++;
        if (p->next >= p->n) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        i = p->next++;
        pthread_mutex_unlock(&p->lock);

        run_one(p, &p->jobs[i]);

        pthread_mutex_lock(&p->lock);
        p->jobs[i].done = 1;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
    }
}

static long
default_workers(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n >= 1 ? n : 1;
}

/* ---- reporting ----------------------------------------------------------- */

/* SIGPIPE is blocked while the workers run: a closed pipe on standard
 * output ends the batch as the signal would. */
static void
flush_report(void)
{
    if ((fflush(stdout) != 0 || ferror(stdout)) && errno == EPIPE)
        ov__cli_die(SIGPIPE);
}

static void
report(const char *file, const bjob *j, int quiet)
{
    char fig[512], traj[512];

    errno = 0;
    if (j->code != OV_EXIT_OK) {
        /* Failures are errors: on standard error with the tool's prefix,
         * like every other message of optviz, after the report so far
         * (a terminal shows both in file order). */
        flush_report();
        fprintf(stderr, "optviz: %s:%ld: error: %s\n", file, j->line,
                j->message ? j->message : "failed");
        return;
    }
    if (quiet)
        return;
    snprintf(fig, sizeof fig, "%s", j->figure ? j->figure : "");
    snprintf(traj, sizeof traj, "%s", j->trajectory ? j->trajectory : "");
    clean(fig);
    clean(traj);
    if (j->skipped)
        printf("%s:%ld: %s is up to date\n", file, j->line, fig);
    else if (j->figure && j->trajectory)
        printf("%s:%ld: wrote %s and %s (%.2f s)\n", file, j->line, fig, traj,
               j->seconds);
    else
        printf("%s:%ld: wrote %s (%.2f s)\n", file, j->line,
               j->figure ? fig : traj, j->seconds);
    flush_report();
}

/* Only -j, --force and -q go with --batch: options meant for every line
 * would make the lines mean something other than they say. */
static int
stray_options(const ov__cli_opts *o)
{
    ov__cli_opts ref;

    ov__cli_opts_init(&ref);
    ref.batch_file = o->batch_file;
    ref.jobs = o->jobs;
    ref.force = o->force;
    ref.quiet = o->quiet;
    ref.progress = o->progress;
    ref.messages = o->messages;
    ref.command_line = o->command_line;
    ref.settings = o->settings;
    ref.n_settings = o->n_settings;
    return memcmp(&ref, o, sizeof ref) != 0;
}

int
ov__cli_run_batch(const ov__cli_opts *o)
{
    const char *file = strcmp(o->batch_file, "-") == 0 ? "<stdin>"
                                                       : o->batch_file;
    pool p;
    pthread_t *threads = NULL;
    pthread_attr_t attr;
    long nthreads, started = 0, i;
    size_t k, runnable = 0, written = 0, skipped = 0, failed = 0;
    double t0 = now_seconds();
    int code;

    if (stray_options(o)) {
        fprintf(stderr, "optviz: --batch takes only -j, --force and -q; give "
                "the figure's options on the lines of '%s'\n", file);
        return OV_EXIT_USAGE;
    }
    memset(&p, 0, sizeof p);
    p.force = o->force;
    code = read_jobs(o->batch_file, &p);
    if (code != OV_EXIT_OK)
        goto done;

    for (k = 0; k < p.n; k++) {
        /* Lines that failed to parse are done before anything starts. */
        p.jobs[k].done = !p.jobs[k].runnable;
        runnable += p.jobs[k].runnable;
    }
    nthreads = o->jobs > 0 ? o->jobs : default_workers();
    if ((size_t)nthreads > runnable)
        nthreads = (long)runnable;
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.cond, NULL);
    /* fontconfig is set up here, once: threads racing to do it fail
     * under a memory limit. */
    if (runnable > 0 && ov_render_prepare() != OV_OK) {
        fprintf(stderr, "optviz: --batch: cannot set up the fonts (out of "
                "memory?)\n");
        code = OV_EXIT_ERROR;
        pthread_cond_destroy(&p.cond);
        pthread_mutex_destroy(&p.lock);
        goto done;
    }
    /* The workers create files: a signal is taken by a thread of its own
     * that can stop them doing so (signals.c). */
    ov__cli_signals_thread_start();
    if (nthreads > 0)
        threads = malloc((size_t)nthreads * sizeof *threads);
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, STACK_SIZE);
    for (i = 0; threads && i < nthreads; i++) {
        if (pthread_create(&threads[started], &attr, worker, &p) != 0)
            break;
        started++;
    }
    pthread_attr_destroy(&attr);
    if (started == 0)
        worker(&p);              /* no threads to be had: run them here */

    for (k = 0; k < p.n; k++) {
        bjob *j = &p.jobs[k];

        pthread_mutex_lock(&p.lock);
        while (!j->done)
            pthread_cond_wait(&p.cond, &p.lock);
        pthread_mutex_unlock(&p.lock);
        report(file, j, o->quiet);
        if (j->code != OV_EXIT_OK)
            failed++;
        else if (j->skipped)
            skipped++;
        else
            written++;
    }
    for (i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    ov__cli_signals_thread_stop();
    pthread_cond_destroy(&p.cond);
    pthread_mutex_destroy(&p.lock);

    if (!o->quiet)
        printf("%zu job%s: %zu written, %zu up to date, %zu failed (%.2f s, "
               "%ld thread%s)\n", p.n, p.n == 1 ? "" : "s", written, skipped,
               failed, now_seconds() - t0, started ? started : 1,
               started > 1 ? "s" : "");
    code = failed ? OV_EXIT_ERROR : OV_EXIT_OK;
done:
    for (k = 0; k < p.n; k++) {
        words_free(&p.jobs[k].w);
        free(p.jobs[k].figure);
        free(p.jobs[k].trajectory);
        free(p.jobs[k].summary);
        free(p.jobs[k].data);
        free(p.jobs[k].message);
    }
    free(p.jobs);
    return code;
}
