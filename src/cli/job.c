/*
 * job.c: one figure and/or trajectory export from parsed options.
 *
 * Order matters for the user: everything that can be a usage error (the
 * start point against the loss's dimension, torch's checks of the configs,
 * step counts) is checked before any file is created or any optimizer
 * runs, and the outputs are opened (as temporary files) before the runs,
 * so an unwritable path fails at once.  Outputs are committed only when
 * everything has been written; on any failure they are aborted, which
 * leaves an existing file untouched.
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_private.h"

typedef struct job {
    const ov__cli_opts *o;
    ov_dataset *data;
    ov_loss *loss;
    ov_optim_config cfgs[OV_MAX_SERIES];
    char labels[OV_MAX_SERIES][64];
    ov_trajectory *trajs[OV_MAX_SERIES];
    size_t n;                    /* optimizers run */
    ov_trajectory **imported;    /* --import: runs read from files, drawn
                                    after the optimizers' (trajs[n..]) */
    size_t n_imported;
    size_t n_all;                /* n + n_imported */
    ov_run_config rc;
    const char *figure_path;     /* NULL: no figure */
    ov_format figure_format;
    ov_format traj_format;
    char default_name[256];
    ov_output *traj_out;
    ov_output *fig_out;
    ov_output *sum_out;          /* --summary */
    double seconds[OV_MAX_SERIES]; /* each run's time, for --summary */
    ov_figure_spec spec;         /* o->spec, with the search and the
                                    command line it recorded */
    ov_tune_result *tune;        /* --tune */
    ov_plane *plane;             /* losses of N > 2 parameters */
    ov_loss *plane_loss;         /* what the figure draws for them */
    long threads;                /* for the runs and the plane's grid */
    char *command_line;          /* --tune: o's with the winners; owned */
} job;

/* Where this thread's job messages go: stderr, or a batch job's own buffer
 * (o->messages), so that batch workers never interleave their lines. */
static _Thread_local FILE *msgs;

static int
fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Messages quote paths and names as typed: cleaned of control characters
 * they stay one line each (ov__cli_msg_clean). */
static int
fail(int code, const char *fmt, ...)
{
    char line[2 * OV_CLI_MSG_SIZE];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    ov__cli_msg_clean(line);
    fprintf(msgs, "optviz: %s\n", line);
    return code;
}

static void
warn(const job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
warn(const job *j, const char *fmt, ...)
{
    char line[2 * OV_CLI_MSG_SIZE];
    va_list ap;

    if (j->o->quiet)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    ov__cli_msg_clean(line);
    fprintf(msgs, "optviz: warning: %s\n", line);
}

/* Errors in what the user typed are usage errors; the rest are runtime. */
static int
code_for(ov_status st)
{
    switch (st) {
    case OV_ERR_INVALID_ARG:
    case OV_ERR_NOT_FOUND:
    case OV_ERR_UNSUPPORTED:
    case OV_ERR_TOO_LARGE:
        return OV_EXIT_USAGE;
    default:
        return OV_EXIT_ERROR;
    }
}

/* A file's error as the --data one: "FILE:LINE: column N: what". */
static int
file_error(int code, const char *path, ov_status st, const ov_error *err)
{
    char col[32] = "";

    if (st == OV_ERR_IO)
        return fail(OV_EXIT_ERROR, "cannot read '%s': %s", path,
                    err->what[0] ? err->what : ov_status_str(st));
    if (err->column > 0)
        snprintf(col, sizeof col, "column %ld: ", err->column);
    if (err->line > 0)
        return fail(code, "%s:%ld: %s%s", path, err->line, col,
                    err->what[0] ? err->what : ov_status_str(st));
    return fail(code, "%s: %s%s", path, col,
                err->what[0] ? err->what : ov_status_str(st));
}

/* --loss grid:FILE: a landscape another tool computed. */
static int
load_grid(job *j, const char *path)
{
    ov_error err;
    ov_status st;

    memset(&err, 0, sizeof err);
    if (!*path)
        return fail(OV_EXIT_USAGE, "--loss grid:FILE: expected a file name");
    if (j->o->data_path)
        return fail(OV_EXIT_USAGE, "--data: a grid loss takes no data set");
    st = ov_grid_load(&j->loss, path, &err);
    if (st == OV_ERR_UNSUPPORTED)
        return fail(OV_EXIT_USAGE, "%s", err.what);
    if (st != OV_OK)
        return file_error(OV_EXIT_ERROR, path, st, &err);
    if (j->o->n_algos)
        return fail(OV_EXIT_USAGE, "--loss grid:%s: optimizers cannot run on "
                    "a precomputed grid; draw your runs on it with --import "
                    "FILE", path);
    return OV_EXIT_OK;
}

/* --import: every file's runs, labels made unique after the optimizers'
 * (a second "adam" becomes "adam-2"). */
static int
load_imports(job *j)
{
    const ov__cli_opts *o = j->o;
    size_t f, i, k;

    for (f = 0; f < o->n_imports; f++) {
        ov_trajectory **t = NULL, **all;
        size_t n = 0;
        ov_error err;
        ov_status st;

        memset(&err, 0, sizeof err);
        st = ov_import_load(&t, &n, o->imports[f], j->loss, &err);
        if (st != OV_OK)
            return file_error(st == OV_ERR_INVALID_ARG ? OV_EXIT_USAGE
                                                       : OV_EXIT_ERROR,
                              o->imports[f], st, &err);
        if (j->n + j->n_imported + n > OV_MAX_SERIES) {
            ov_import_free(t, n);
            return fail(OV_EXIT_USAGE, "--import '%s': more than %d runs on "
                        "one figure", o->imports[f], OV_MAX_SERIES);
        }
        all = realloc(j->imported, (j->n_imported + n) * sizeof *all);
        if (!all) {
            ov_import_free(t, n);
            return fail(OV_EXIT_ERROR, "out of memory");
        }
        j->imported = all;
        for (i = 0; i < n; i++)
            j->imported[j->n_imported++] = t[i];
        ov_import_free(t, 0);    /* the array only: the runs are moved */
    }
    for (i = 0; i < j->n_imported; i++) {
        ov_trajectory *t = j->imported[i];
        char base[56];
        int num = 2, taken = 1;

        snprintf(base, sizeof base, "%.*s", (int)sizeof base - 1, t->label);
        while (taken) {
            taken = 0;
            for (k = 0; k < j->n; k++)
                taken |= strcmp(j->labels[k], t->label) == 0;
            for (k = 0; k < i; k++)
                taken |= strcmp(j->imported[k]->label, t->label) == 0;
            if (taken)
                snprintf(t->label, sizeof t->label, "%s-%d", base,
                         num++ % 10000);
        }
        j->trajs[j->n + i] = t;
    }
    j->n_all = j->n + j->n_imported;
    return OV_EXIT_OK;
}

static int
make_loss(job *j)
{
    const ov__cli_opts *o = j->o;
    ov_error err;
    ov_status st;

    memset(&err, 0, sizeof err);
    if (strncmp(o->loss_name, "grid:", 5) == 0)
        return load_grid(j, o->loss_name + 5);
    st = ov_loss_create_seeded(&j->loss, o->loss_name, j->data,
                               (ov_reduction)o->reduction, o->seed, &err);
    if (st == OV_OK)
        return OV_EXIT_OK;
    /* A network's data file (mlp:data=FILE.csv) that cannot be read:
     * its line, and the field when the reader names one. */
    if (err.line > 0) {
        char col[32] = "";
        if (err.column > 0)
            snprintf(col, sizeof col, "column %ld: ", err.column);
        return fail(OV_EXIT_ERROR, "--loss '%s': line %ld: %s%s",
                    o->loss_name, err.line, col, err.what);
    }
    /* The spec itself: the column is the character it failed at. */
    if (st == OV_ERR_FORMAT && err.column > 0)
        return fail(OV_EXIT_USAGE, "--loss '%s': column %ld: %s",
                    o->loss_name, err.column, err.what);
    if (st == OV_ERR_EMPTY)
        return fail(OV_EXIT_ERROR, "--loss '%s': %s", o->loss_name,
                    err.what);
    if (st == OV_ERR_NOT_FOUND || st == OV_ERR_FORMAT) {
        char msg[OV_CLI_MSG_SIZE];

        ov__cli_unknown_loss(o->loss_name, msg, sizeof msg);
        return fail(OV_EXIT_USAGE, "%s", msg);
    }
    return fail(code_for(st), "--loss '%s': %s%s%s", o->loss_name,
                ov_status_str(st), err.what[0] ? ": " : "", err.what);
}

static int
load_data(job *j)
{
    const char *path = j->o->data_path;
    ov_error err;
    ov_status st;

    if (!ov_loss_dataset(j->loss))
        return fail(OV_EXIT_USAGE, "--data: loss '%s' takes no data set",
                    j->o->loss_name);
    memset(&err, 0, sizeof err);
    st = ov_dataset_read_csv(&j->data, path,
                             (ov_csv_delimiter)j->o->delimiter, &err);
    if (st == OV_ERR_IO)
        return fail(OV_EXIT_ERROR, "cannot read '%s': %s", path,
                    err.what[0] ? err.what : ov_status_str(st));
    if (st != OV_OK) {
        if (err.line > 0)
            return fail(OV_EXIT_ERROR, "%s:%ld: %s%s%s", path, err.line,
                        ov_status_str(st), err.what[0] ? ": " : "", err.what);
        return fail(OV_EXIT_ERROR, "%s: %s%s%s", path, ov_status_str(st),
                    err.what[0] ? ": " : "", err.what);
    }
    /* A first line of numbers is data, which may not be what was meant
     * (a header lost on the way): say so. */
    if (!j->data->header)
        warn(j, "'%s' has no header line: columns 1 and 2 are x and y",
             strcmp(path, "-") == 0 ? "stdin" : path);
    /* Rebuild the loss on the user's data. */
    ov_loss_destroy(j->loss);
    j->loss = NULL;
    return make_loss(j);
}

static int
setup_run(job *j)
{
    const ov__cli_opts *o = j->o;
    int dim = ov_loss_dim(j->loss);
    ov_run_config rc = OV_RUN_CONFIG_INIT;

    if (o->n_start && dim > 2)
        return fail(OV_EXIT_USAGE, "--start: loss '%s' has %d parameters; "
                    "it starts from its own (a network: its seeded "
                    "initialisation)", o->loss_name, dim);
    if (o->n_start && o->n_start != dim) {
        if (dim == 1)
            return fail(OV_EXIT_USAGE, "--start: loss '%s' has one parameter;"
                        " give X", o->loss_name);
        return fail(OV_EXIT_USAGE, "--start: loss '%s' has two parameters; "
                    "give X,Y", o->loss_name);
    }
    rc.steps = o->steps;
    rc.epochs = o->epochs;
    rc.seed = o->seed;
    rc.shuffle = o->shuffle;
    rc.drop_last = o->drop_last;
    rc.noise_std = o->noise_std;
    rc.schedule = o->schedule;
    rc.schedule.warmup = o->warmup;
    rc.clip_norm = o->clip_norm;
    rc.clip_norm_max = o->clip_norm_max;
    rc.clip_value = o->clip_value;
    rc.clip_value_max = o->clip_value_max;
    /* A requested view sets the scale too: the divergence bound grows
     * with it (ov_run_bound). */
    rc.has_xlim = o->spec.has_xlim;
    rc.has_ylim = o->spec.has_ylim;
    memcpy(rc.xlim, o->spec.xlim, sizeof rc.xlim);
    memcpy(rc.ylim, o->spec.ylim, sizeof rc.ylim);
    if (o->n_start) {
        rc.has_start = 1;
        rc.start[0] = o->start[0];
        rc.start[1] = o->n_start == 2 ? o->start[1] : 0.0;
    }
    j->rc = rc;
    return OV_EXIT_OK;
}

/* What torch's scheduler constructors refuse (cyclic's momentum on an
 * optimizer without one, onecycle's total steps...) is a usage error, found
 * before anything runs. */
static int
check_schedule(job *j)
{
    const ov__cli_opts *o = j->o;
    size_t i;

    if (o->schedule.kind == OV_SCHEDULE_NONE && o->warmup == 0)
        return OV_EXIT_OK;
    for (i = 0; i < j->n; i++) {
        long steps = ov_run_step_count(j->loss, &j->cfgs[i], &j->rc);
        ov_schedule *s = NULL;
        ov_error err;

        memset(&err, 0, sizeof err);
        if (ov_schedule_create(&s, &j->rc.schedule, &j->cfgs[i], steps,
                               &err) == OV_OK) {
            ov_schedule_destroy(s);
            continue;
        }
        if (o->schedule.kind == OV_SCHEDULE_NONE)
            return fail(OV_EXIT_USAGE, "--warmup %ld (for %s): %s",
                        o->warmup, j->labels[i], err.what);
        return fail(OV_EXIT_USAGE, "--schedule '%s' (for %s): %s",
                    o->schedule_text, j->labels[i], err.what);
    }
    return OV_EXIT_OK;
}

static int
check_steps(job *j)
{
    size_t i;

    for (i = 0; i < j->n; i++) {
        long steps = ov_run_step_count(j->loss, &j->cfgs[i], &j->rc);

        if (steps > OV_MAX_STEPS)
            return fail(OV_EXIT_USAGE, "--epochs %ld: %s would take more than"
                        " %ld steps", j->o->epochs, j->labels[i],
                        (long)OV_MAX_STEPS);
    }
    return check_schedule(j);
}

static void
warnings(job *j)
{
    const ov__cli_opts *o = j->o;
    int synthetic = ov_loss_dataset(j->loss) == NULL;
    size_t i, p;

    for (i = 0; i < j->n; i++) {
        ov_algo a = j->cfgs[i].algo;
        ov_optim_config d;

        /* The optimizers that sample a batch unless told otherwise. */
        ov_optim_config_init(&d, a);
        if (synthetic && o->noise_std == 0.0 && d.batch_size != 0)
            warn(j, "%s on '%s' without --noise-std is plain gd: a synthetic "
                 "surface has no data to sample", ov_algo_name(a),
                 o->loss_name);
    }
    if (!synthetic && o->noise_std > 0.0)
        warn(j, "--noise-std applies to synthetic losses; '%s' samples its "
             "data instead", o->loss_name);
    for (p = 0; p < ov__cli_param_count(); p++) {
        const char *key = ov_param_info(p)->key;
        int used = 0;

        if (!o->global.given[p])
            continue;
        for (i = 0; i < j->n; i++)
            if (ov_algo_takes_param(j->cfgs[i].algo, key))
                used = 1;
        if (!used)
            warn(j, "--%s applies to none of the optimizers", key);
    }
}

void
ov__cli_default_name(const ov__cli_opts *o, char *s, size_t bufsize)
{
    size_t size = bufsize - 8, len, i;

    len = (size_t)snprintf(s, size, "%s_",
                           o->spec.view == OV_VIEW_RESPONSE && o->spec.signal
                           ? o->spec.signal : o->loss_name);
    for (i = 0; i < o->n_algos && len < size; i++)
        len += (size_t)snprintf(s + len, size - len, "%s%s", i ? "-" : "",
                                ov_algo_name(o->algos[i].algo));
    if (o->n_imports && len < size)
        len += (size_t)snprintf(s + len, size - len, "%simported",
                                o->n_algos ? "-" : "");
    if (len >= size)
        len = size - 1;
    /* An expression loss may hold '/' or spaces: keep the name a name. */
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            s[i] = '_';
    }
    snprintf(s + len, bufsize - len, ".%s",
             ov_format_info_of(OV_FORMAT_GIF)->ext[0]);
}

/* The same file under any spelling ("d.csv", "./d.csv", a symbolic link,
 * a hard link): the same string, or the same device and inode when both
 * exist. */
static int
same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    if (strcmp(a, b) == 0)
        return 1;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev
           && sa.st_ino == sb.st_ino;
}

/* An output that is the data file would replace the run's own input; two
 * outputs that are one file would leave only the last one written. */
static int
check_clashes(const job *j)
{
    const char *data = j->o->data_path, *traj = j->o->trajectory;
    const char *fig = j->figure_path, *sum = j->o->summary;

    if (traj && strcmp(traj, "-") == 0)
        traj = NULL;
    if (data && strcmp(data, "-") == 0)
        data = NULL;
    if (data && fig && same_file(fig, data))
        return fail(OV_EXIT_USAGE, "--output '%s' is the data file '%s'; "
                    "refusing to overwrite the input", fig, data);
    if (data && traj && same_file(traj, data))
        return fail(OV_EXIT_USAGE, "--trajectory '%s' is the data file '%s'; "
                    "refusing to overwrite the input", traj, data);
    for (size_t i = 0; i < j->o->n_imports; i++) {
        const char *in = j->o->imports[i];
        if ((fig && same_file(fig, in)) || (traj && same_file(traj, in)))
            return fail(OV_EXIT_USAGE, "--%s '%s' is the imported file '%s';"
                        " refusing to overwrite the input",
                        fig && same_file(fig, in) ? "output" : "trajectory",
                        fig && same_file(fig, in) ? fig : traj, in);
    }
    if (fig && traj && same_file(fig, traj))
        return fail(OV_EXIT_USAGE, "--output '%s' and --trajectory '%s' are "
                    "the same file", fig, traj);
    if (sum && strcmp(sum, "-") != 0) {
        if (data && same_file(sum, data))
            return fail(OV_EXIT_USAGE, "--summary '%s' is the data file '%s';"
                        " refusing to overwrite the input", sum, data);
        if ((fig && same_file(sum, fig)) || (traj && same_file(sum, traj)))
            return fail(OV_EXIT_USAGE, "--summary '%s' is also the %s", sum,
                        fig && same_file(sum, fig) ? "figure" : "trajectory");
    }
    if (sum && strcmp(sum, "-") == 0
        && ((fig && strcmp(fig, "-") == 0)
            || (j->o->trajectory && strcmp(j->o->trajectory, "-") == 0)))
        return fail(OV_EXIT_USAGE, "--summary - and another output both go "
                    "to standard output");
    return OV_EXIT_OK;
}

/* Binary bytes on a terminal are noise that can drive it: -o - wants a
 * pipe or a file (SVG, which is text, may go anywhere). */
static int
check_terminal(const job *j)
{
    const ov_format_info *f = ov_format_info_of(j->figure_format);

    if (!j->figure_path || strcmp(j->figure_path, "-") != 0
        || !isatty(STDOUT_FILENO) || j->figure_format == OV_FORMAT_SVG
        || j->figure_format == OV_FORMAT_HTML)
        return OV_EXIT_OK;
    return fail(OV_EXIT_USAGE, "--output -: standard output is a terminal; "
                "redirect it to a file or a pipe for %s",
                f ? f->name : "this format");
}

static int
open_output(const char *path, ov_output **out)
{
    ov_error err;
    ov_status st;

    memset(&err, 0, sizeof err);
    st = ov_output_open(out, path, &err);
    if (st != OV_OK)
        return fail(OV_EXIT_ERROR, "cannot write '%s': %s", path,
                    err.what[0] ? err.what : ov_status_str(st));
    return OV_EXIT_OK;
}

/* The figure and the trajectory are placed together or not at all. */
static int
commit_outputs(job *j)
{
    ov_output *outs[3];
    const char *paths[3];
    size_t n = 0, i;
    ov_error err;
    ov_status st;

    if (j->traj_out) {
        outs[n] = j->traj_out;
        paths[n++] = j->o->trajectory;
    }
    if (j->fig_out) {
        outs[n] = j->fig_out;
        paths[n++] = j->figure_path;
    }
    if (j->sum_out) {
        outs[n] = j->sum_out;
        paths[n++] = j->o->summary;
    }
    j->traj_out = j->fig_out = j->sum_out = NULL;
    memset(&err, 0, sizeof err);
    st = ov_output_commit_all(outs, n, &err);
    if (st == OV_OK)
        return OV_EXIT_OK;
    i = err.line >= 1 && (size_t)err.line <= n ? (size_t)err.line - 1
                                                 : n - 1;
    if (strcmp(paths[i], "-") == 0)
        return fail(OV_EXIT_ERROR, "cannot write to standard output");
    return fail(OV_EXIT_ERROR, "cannot write '%s': %s", paths[i],
                err.what[0] ? err.what : ov_status_str(st));
}

/* A --size too small for this figure (a panel or a grid divides it): the
 * message gives the smallest size of the same shape, in steps of 5 %, that
 * the layout takes, so the user need not guess. */
static int
too_small(const job *j, const ov_trajectory *const *t)
{
    ov_figure_spec spec = j->o->spec;
    double k;
    ov_error err;

    for (k = 1.05; k < 40.0; k *= 1.05) {
        spec.width = (int)ceil(j->o->spec.width * k);
        spec.height = (int)ceil(j->o->spec.height * k);
        if (spec.width > 32767 || spec.height > 32767)
            break;
        memset(&err, 0, sizeof err);
        if (ov_render_check(j->figure_format, j->loss, t, j->n, &spec, &err)
            == OV_OK)
            return fail(OV_EXIT_USAGE, "cannot draw '%s': --size %dx%d is "
                        "too small for this figure; %dx%d is enough",
                        j->figure_path, j->o->spec.width, j->o->spec.height,
                        spec.width, spec.height);
    }
    return fail(OV_EXIT_USAGE, "cannot draw '%s': --size %dx%d is too small "
                "for this figure", j->figure_path, j->o->spec.width,
                j->o->spec.height);
}

/* The figure is laid out on one-row stand-ins before the optimizers run,
 * so a spec that cannot work (a size too small for the figure) fails at
 * once, not after hours of steps.  The response view's series are runs
 * on a signal, cheap: it is checked when drawn. */
static int
check_figure(job *j)
{
    ov_trajectory stand[OV_MAX_SERIES];
    ov_traj_row rows[OV_MAX_SERIES];
    const ov_trajectory *t[OV_MAX_SERIES];
    double start[2];
    ov_error err;
    ov_status st;
    size_t i;

    /* A loss of N > 2 parameters is drawn on a plane made from the runs:
     * checked when drawn, like the response view, but for the one view
     * no plane can show. */
    if (j->figure_path && ov_loss_dim(j->loss) > 2
        && j->o->spec.view == OV_VIEW_CURVE)
        return fail(OV_EXIT_USAGE, "cannot draw '%s': the curve view needs a "
                    "loss of one parameter; '%s' has %d, drawn on a plane",
                    j->figure_path, j->o->loss_name, ov_loss_dim(j->loss));
    if (!j->figure_path || j->o->spec.view == OV_VIEW_RESPONSE
        || ov_loss_dim(j->loss) > 2)
        return OV_EXIT_OK;
    ov_loss_default_start(j->loss, start);
    if (j->rc.has_start) {
        start[0] = j->rc.start[0];
        start[1] = j->rc.start[1];
    }
    memset(stand, 0, sizeof stand);
    memset(rows, 0, sizeof rows);
    for (i = 0; i < j->n; i++) {
        rows[i].theta[0] = start[0];
        rows[i].theta[1] = ov_loss_dim(j->loss) == 2 ? start[1] : 0.0;
        rows[i].loss = ov_loss_eval(j->loss, rows[i].theta, NULL);
        if (!isfinite(rows[i].loss))
            return OV_EXIT_OK;   /* the run says what is wrong */
        rows[i].d_estimate = NAN;
        snprintf(stand[i].label, sizeof stand[i].label, "%s", j->labels[i]);
        stand[i].config = j->cfgs[i];
        stand[i].dim = ov_loss_dim(j->loss);
        stand[i].steps_per_epoch = 1;
        stand[i].n_rows = 1;
        stand[i].rows = &rows[i];
        stand[i].diverged_at = -1;
        t[i] = &stand[i];
    }
    /* The sensitivity view draws the --tune search, which is not made
     * yet: it is checked when it is drawn. */
    if (j->o->spec.view == OV_VIEW_SENSITIVITY)
        return OV_EXIT_OK;
    for (i = 0; i < j->n_imported; i++)
        t[j->n + i] = j->imported[i];
    memset(&err, 0, sizeof err);
    st = ov_render_check(j->figure_format, j->loss, t, j->n_all, &j->o->spec,
                         &err);
    if (st == OV_ERR_INVALID_ARG && strstr(err.what, "too small"))
        return too_small(j, t);
    if (st != OV_OK)
        return fail(code_for(st), "cannot draw '%s': %s%s%s", j->figure_path,
                    ov_status_str(st), err.what[0] ? ": " : "", err.what);
    return OV_EXIT_OK;
}

static double
now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The runs are independent (each its own stream and state): one task
 * each, on the job's threads, each writing only its own slot (its time
 * included, for --summary). */
typedef struct run_tasks {
    job *j;
    ov_status st[OV_MAX_SERIES];
    ov_error err[OV_MAX_SERIES];
} run_tasks;

static void
run_one(void *task, size_t i)
{
    run_tasks *t = task;
    double t0 = now_seconds();

    t->st[i] = ov_run(&t->j->trajs[i], t->j->loss, &t->j->cfgs[i],
                      &t->j->rc, &t->err[i]);
    t->j->seconds[i] = now_seconds() - t0;
}

static int
run_all(job *j)
{
    run_tasks *t = calloc(1, sizeof *t);
    size_t i;

    if (!t)
        return fail(OV_EXIT_ERROR, "out of memory");
    t->j = j;
    ov__cli_tune_map(&j->threads, j->n, run_one, t);
    for (i = 0; i < j->n; i++) {
        if (t->st[i] != OV_OK) {
            int code = j->o->n_start ? OV_EXIT_USAGE : code_for(t->st[i]);
            code = fail(code, "%s on '%s': %s%s%s", j->labels[i],
                        j->o->loss_name, ov_status_str(t->st[i]),
                        t->err[i].what[0] ? ": " : "", t->err[i].what);
            free(t);
            return code;
        }
        snprintf(j->trajs[i]->label, sizeof j->trajs[i]->label, "%s",
                 j->labels[i]);
    }
    free(t);
    return OV_EXIT_OK;
}

/* A loss of N > 2 parameters: the plane (--plane) from the runs, every
 * trajectory projected on it, the 2-D loss there for the figure. */
static int
make_plane(job *j)
{
    const ov_trajectory *const *t = (const ov_trajectory *const *)j->trajs;
    ov_error err;
    ov_status st;
    size_t i;

    if (ov_loss_dim(j->loss) <= 2)
        return OV_EXIT_OK;
    memset(&err, 0, sizeof err);
    /* Imported runs (their full vectors) shape the plane as run ones do:
     * a file of the runs draws the runs' figure. */
    st = ov_plane_create(&j->plane, j->loss, (ov_plane_kind)j->o->plane, t,
                         j->n_all, j->o->seed, &err);
    if (st != OV_OK)
        return fail(code_for(st), "--plane %s on '%s': %s%s%s",
                    ov_plane_kind_name((ov_plane_kind)j->o->plane),
                    j->o->loss_name, ov_status_str(st),
                    err.what[0] ? ": " : "", err.what);
    ov_plane_set_map(j->plane, ov__cli_tune_map, &j->threads);
    for (i = 0; i < j->n_all; i++)
        ov_plane_project(j->plane, j->trajs[i]);
    if (ov_plane_loss(j->plane, t, j->n_all, &j->plane_loss) != OV_OK)
        return fail(OV_EXIT_ERROR, "out of memory");
    if (!j->o->quiet)
        fprintf(msgs, "%s\n", ov_plane_describe(j->plane));
    return OV_EXIT_OK;
}

/* A response run's label: its --algo item as typed, "momentum:momentum=0.9"
 * as "momentum momentum=0.9", or just "momentum=0.9" when every run is
 * momentum (the title names it; seed 001's legends name only the value
 * compared); without color=. */
static void
response_label(const ov__cli_algo *a, int same_algo, char *out, size_t size)
{
    const char *p = a->item;
    size_t len = 0;

    if (same_algo && strchr(p, ':') && strstr(p, "="))
        p = strchr(p, ':') + 1;
    while (*p && len + 1 < size) {
        size_t n = strcspn(p, ":");

        if (strncmp(p, "color=", 6) != 0) {
            len += (size_t)snprintf(out + len, size - len, "%s%.*s",
                                    len ? " " : "", (int)n, p);
            if (len >= size)
                len = size - 1;
        }
        p += n;
        if (*p == ':')
            p++;
    }
    out[len] = '\0';
}

/* --view response: each config on the signal from 0, seed 001's learning
 * rates unless one was given; the loss is not used. */
static int
run_response(job *j)
{
    const ov__cli_opts *o = j->o;
    size_t i, k, sig = 0;
    size_t lr = (size_t)ov_param_find("lr");
    int same_algo = 1;

    if (ov_signal_find(o->spec.signal, &sig) != OV_OK)
        return fail(OV_EXIT_USAGE, "--signal: unknown signal '%s'",
                    o->spec.signal ? o->spec.signal : "");
    for (i = 1; i < j->n; i++)
        same_algo &= j->cfgs[i].algo == j->cfgs[0].algo;
    for (i = 0; i < j->n; i++) {
        const ov__cli_algo *a = &o->algos[i];

        if (!a->params.given[lr] && !o->global.given[lr])
            j->cfgs[i].lr = ov_signal_recommended_lr(j->cfgs[i].algo);
        if (!a->has_label)
            response_label(a, same_algo && j->n > 1, j->labels[i],
                           sizeof j->labels[i]);
    }
    /* The same item twice: number the later ones, as other views do. */
    for (i = 1; i < j->n; i++) {
        char base[52];
        int taken = 1, num = 2;

        snprintf(base, sizeof base, "%.*s", (int)sizeof base - 1, j->labels[i]);
        while (taken) {
            taken = 0;
            for (k = 0; k < i; k++)
                taken |= strcmp(j->labels[k], j->labels[i]) == 0;
            if (taken)
                snprintf(j->labels[i], sizeof j->labels[i], "%s-%d", base,
                         num++);
        }
    }
    for (i = 0; i < j->n; i++) {
        ov_error err;
        ov_status st;

        memset(&err, 0, sizeof err);
        st = ov_signal_run(&j->trajs[i], sig, o->steps, o->seed, &j->cfgs[i],
                           &err);
        if (st != OV_OK)
            return fail(code_for(st), "%s on signal '%s': %s%s%s",
                        j->labels[i], o->spec.signal, ov_status_str(st),
                        err.what[0] ? ": " : "", err.what);
        snprintf(j->trajs[i]->label, sizeof j->trajs[i]->label, "%s",
                 j->labels[i]);
    }
    return OV_EXIT_OK;
}

/* Whether item @p i's lr is the loss's recommendation (no --lr, no lr=,
 * no --tune winner). */
static int
lr_recommended(const job *j, size_t i)
{
    int p = ov_param_find("lr");

    return p >= 0 && !j->o->tune && !j->o->global.given[p]
           && !j->o->algos[i].params.given[p];
}

/* --summary: the runs as JSON (ov_export_summary). */
static int
write_summary(job *j)
{
    ov_summary_run runs[OV_MAX_SERIES];
    ov_status st;
    size_t i;

    for (i = 0; i < j->n; i++) {
        runs[i].traj = j->trajs[i];
        runs[i].steps = j->o->spec.view == OV_VIEW_RESPONSE
                        ? j->trajs[i]->rows[j->trajs[i]->n_rows - 1].step
                        : ov_run_step_count(j->loss, &j->cfgs[i], &j->rc);
        runs[i].seconds = j->seconds[i];
        runs[i].lr_source = j->o->tune ? "tuned"
                            : lr_recommended(j, i) ? "recommended" : "given";
    }
    st = ov_export_summary(ov_output_write, j->sum_out, j->loss,
                           j->command_line ? j->command_line
                                           : j->o->command_line, runs, j->n);
    if (st != OV_OK && strcmp(j->o->summary, "-") == 0)
        return fail(OV_EXIT_ERROR, "cannot write to standard output");
    if (st != OV_OK)
        return fail(OV_EXIT_ERROR, "cannot write '%s': %s", j->o->summary,
                    ov_output_errno(j->sum_out)
                    ? strerror(ov_output_errno(j->sum_out))
                    : ov_status_str(st));
    return OV_EXIT_OK;
}

static int
write_trajectory(job *j)
{
    const ov_trajectory *const *t = (const ov_trajectory *const *)j->trajs;
    ov_status st;

    st = ov_export(ov_output_write, j->traj_out, j->traj_format, j->loss, t,
                   j->n_all);
    if (st != OV_OK && strcmp(j->o->trajectory, "-") == 0)
        return fail(OV_EXIT_ERROR, "cannot write to standard output");
    if (st != OV_OK)
        return fail(OV_EXIT_ERROR, "cannot write '%s': %s", j->o->trajectory,
                    ov_output_errno(j->traj_out)
                    ? strerror(ov_output_errno(j->traj_out))
                    : ov_status_str(st));
    return OV_EXIT_OK;
}

typedef struct progress {
    int on;
    int last_percent;
} progress;

static void
show_progress(void *payload, long done, long total)
{
    progress *p = payload;
    int percent;

    if (!p->on || total <= 0)
        return;
    percent = (int)(100.0 * (double)done / (double)total);
    if (percent == p->last_percent && done != total)
        return;
    p->last_percent = percent;
    fprintf(stderr, "\roptviz: frame %ld/%ld (%d%%)", done, total, percent);
    if (done >= total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* One frame per step, by default, but no more than --frames allows: a
 * million steps would be a million frames. */
static void
cap_frames(const job *j, ov_figure_spec *spec)
{
    long last = 0;
    size_t i;

    if (spec->frames > 0 || ov_format_info_of(j->figure_format)->kind
                            != OV_FORMAT_KIND_ANIMATION)
        return;
    /* Frames are rows: an imported run may log every tenth step. */
    for (i = 0; i < j->n_all; i++)
        if ((long)j->trajs[i]->n_rows - 1 > last)
            last = (long)j->trajs[i]->n_rows - 1;
    if (last + 1 <= OV_CLI_MAX_FRAMES)
        return;
    spec->frames = OV_CLI_MAX_FRAMES;
    if (!j->o->quiet)
        fprintf(msgs, "optviz: note: %ld steps: %ld frames, steps sampled "
                "evenly (--frames N for fewer)\n", last + 1,
                OV_CLI_MAX_FRAMES);
}

static int
write_figure(job *j)
{
    const ov_trajectory *const *t = (const ov_trajectory *const *)j->trajs;
    ov_figure_spec spec = j->spec;
    progress prog;
    ov_error err;
    ov_status st;

    /* A still is one frame: no bar for it. */
    prog.on = ov_format_info_of(j->figure_format)->kind
              == OV_FORMAT_KIND_ANIMATION
              && !j->o->quiet && (j->o->progress || isatty(2));
    prog.last_percent = -1;
    memset(&err, 0, sizeof err);
    cap_frames(j, &spec);
    st = ov_render(ov_output_write, j->fig_out, j->figure_format,
                   j->plane_loss ? j->plane_loss : j->loss, t, j->n_all,
                   &spec, show_progress, &prog, &err);
    if (prog.on && prog.last_percent >= 0 && prog.last_percent < 100)
        fputc('\n', stderr);
    if (st == OV_ERR_IO && ov_output_errno(j->fig_out))
        return fail(OV_EXIT_ERROR, "cannot write '%s': %s", j->figure_path,
                    strerror(ov_output_errno(j->fig_out)));
    if (st != OV_OK)
        return fail(code_for(st), "cannot draw '%s': %s%s%s", j->figure_path,
                    ov_status_str(st), err.what[0] ? ": " : "", err.what);
    return OV_EXIT_OK;
}

/* Why a run stopped, after "diverged at step N": the row of that step
 * says what was wrong with it. */
static void
divergence_text(const ov_trajectory *t, char *buf, size_t size)
{
    const ov_traj_row *last = &t->rows[t->n_rows - 1];
    const ov_traj_row *d = &t->diverged_row;
    char at[64];

    if (t->dim == 2)
        snprintf(at, sizeof at, "(%.6g, %.6g)", d->theta[0], d->theta[1]);
    else if (t->dim == 1)
        snprintf(at, sizeof at, "%.6g", d->theta[0]);
    else
        snprintf(at, sizeof at, "the point of step %ld", t->diverged_at);
    switch (t->diverged_why) {
    case OV_DIVERGED_BOUND:
        snprintf(buf, size, "(loss %.6g at %s, more than %.6g from the "
                 "domain's centre; step %ld loss %.6g)", d->loss, at,
                 t->bound, last->step, last->loss);
        break;
    case OV_DIVERGED_LOSS:
        snprintf(buf, size, "(loss not finite at %s; last finite loss %.6g "
                 "at step %ld)", at, last->loss, last->step);
        break;
    default:
        snprintf(buf, size, "(point not finite; last finite loss %.6g at "
                 "step %ld%s)", last->loss, last->step,
                 isfinite(last->grad[0]) && isfinite(last->grad[1])
                 ? "" : ", whose gradient is not finite");
        break;
    }
}

static void
summary(const job *j)
{
    int noted = 0;
    int width = 5;
    size_t i;

    if (j->o->quiet)
        return;
    for (i = 0; i < j->n_all; i++)
        if ((int)strlen(j->trajs[i]->label) > width)
            width = (int)strlen(j->trajs[i]->label);
    for (i = 0; i < j->n_all; i++) {
        const ov_trajectory *t = j->trajs[i];
        const ov_traj_row *last = &t->rows[t->n_rows - 1];
        char lr[32];

        snprintf(lr, sizeof lr, isfinite(t->config.lr) ? "%g" : "-",
                 t->config.lr);
        if (j->o->spec.view == OV_VIEW_RESPONSE && t->n_rows > 1
            && t->diverged_at < 0)
            fprintf(msgs, "%-*s  lr=%-9s last update %-13.6g %ld steps\n",
                    width, t->label, lr,
                    t->rows[t->n_rows - 2].theta[0] - last->theta[0],
                    last->step);
        else if (j->o->spec.view == OV_VIEW_RESPONSE && t->diverged_at >= 0)
            fprintf(msgs, "%-*s  lr=%-9s diverged at step %ld\n", width,
                    t->label, lr, t->diverged_at);
        else if (t->diverged_at >= 0) {
            char why[256];

            divergence_text(t, why, sizeof why);
            fprintf(msgs, "%-*s  lr=%-9s diverged at step %ld %s\n", width,
                    t->label, lr, t->diverged_at, why);
        } else
            fprintf(msgs, "%-*s  lr=%-9s final loss %-13.6g %ld steps\n",
                    width, t->label, lr, last->loss, last->step);
    }
    /* The recommended rates suit the loss's built-in data; on other data
     * a run can diverge for want of a smaller rate. */
    for (i = 0; i < j->n && j->o->data_path; i++) {
        const ov_trajectory *t = j->trajs[i];

        if (t->diverged_at < 0 || !lr_recommended(j, i))
            continue;
        if (!noted)
            fprintf(msgs, "optviz: note: on '%s' ", j->o->data_path);
        fprintf(msgs, "%s%s used lr=%g", noted ? ", " : "", t->label,
                t->config.lr);
        noted = 1;
    }
    if (noted)
        fprintf(msgs, ", the recommendation of '%s' for its built-in data: "
                "give a smaller --lr (or NAME:lr=RATE)\n", j->o->loss_name);
    if (j->figure_path && strcmp(j->figure_path, "-") != 0)
        fprintf(msgs, "wrote %s\n", j->figure_path);
    if (j->o->trajectory && strcmp(j->o->trajectory, "-") != 0)
        fprintf(msgs, "wrote %s\n", j->o->trajectory);
    if (j->o->summary && strcmp(j->o->summary, "-") != 0)
        fprintf(msgs, "wrote %s\n", j->o->summary);
}

/* ---- --tune ---------------------------------------------------------- */

/* The search's map function: the tasks shared out by a counter among
 * threads.  Each task writes only its own slot (ov_tune_search), so the
 * result is the same whatever the count. */
typedef struct pool {
    ov_tune_task_fn fn;
    void *task;
    size_t n;
    atomic_size_t next;
} pool;

static void *
pool_worker(void *arg)
{
    pool *p = arg;
    size_t i;

    while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
        p->fn(p->task, i);
    return NULL;
}

void
ov__cli_tune_map(void *payload, size_t n, ov_tune_task_fn fn, void *task)
{
    long want = *(const long *)payload, k, started = 0;
    pthread_t th[64];
    pool p;

    p.fn = fn;
    p.task = task;
    p.n = n;
    atomic_init(&p.next, 0);
    if (want > 64)
        want = 64;
    if ((size_t)want > n)
        want = (long)n;
    for (k = 1; k < want; k++)
        if (pthread_create(&th[started], NULL, pool_worker, &p) == 0)
            started++;
    pool_worker(&p);             /* this thread works too */
    for (k = 0; k < started; k++)
        pthread_join(th[k], NULL);
}

/* The shortest %g that reads back as @p v. */
static void
exact_g(char *buf, size_t size, double v)
{
    int p;

    for (p = 6; p < 17; p++) {
        snprintf(buf, size, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            return;
    }
    snprintf(buf, size, "%.17g", v);
}

/* --algo item @p a as typed, without its lr= key, then ":lr=" @p lr. */
static void
tuned_item(const ov__cli_algo *a, double lr, char *out, size_t size)
{
    const char *p = a->item;
    size_t len = 0;
    char num[40];

    out[0] = '\0';
    while (*p && len < size) {
        size_t n = strcspn(p, ":");

        if (!(len > 0 && strncmp(p, "lr=", 3) == 0))
            len += (size_t)snprintf(out + len, size - len, "%s%.*s",
                                    len ? ":" : "", (int)n, p);
        p += n;
        if (*p == ':')
            p++;
    }
    exact_g(num, sizeof num, lr);
    if (len < size)
        snprintf(out + len, size - len, ":lr=%s", num);
}

/* The command line the outputs record: the one given (the search is
 * deterministic: it re-makes the figure), then "# tuned: -a ..." with the
 * winners, which without --tune makes the same runs. */
static int
tuned_command(job *j)
{
    const ov__cli_opts *o = j->o;
    char items[OV_MAX_SERIES * 160], *argv[3], *q;
    size_t i, len = 0, size;

    if (!o->command_line)
        return OV_EXIT_OK;
    for (i = 0; i < j->n && len < sizeof items; i++) {
        char item[160];

        tuned_item(&o->algos[i], j->cfgs[i].lr, item, sizeof item);
        len += (size_t)snprintf(items + len, sizeof items - len, "%s%s",
                                i ? "," : "", item);
    }
    argv[0] = "optviz";
    argv[1] = "-a";
    argv[2] = items;
    q = ov__cli_quote_command(3, argv);
    if (!q)
        return fail(OV_EXIT_ERROR, "out of memory");
    size = strlen(o->command_line) + strlen(q) + 16;
    j->command_line = malloc(size);
    if (!j->command_line) {
        free(q);
        return fail(OV_EXIT_ERROR, "out of memory");
    }
    /* q is "optviz -a ITEMS": keep from "-a". */
    snprintf(j->command_line, size, "%s # tuned: %s", o->command_line,
             q + strlen("optviz "));
    free(q);
    j->spec.command_line = j->command_line;
    return OV_EXIT_OK;
}

static void
tune_value(char *buf, size_t size, const ov_tune_point *p)
{
    if (p->diverged_at >= 0 || !isfinite(p->objective))
        snprintf(buf, size, "diverged@%ld", p->diverged_at);
    else
        snprintf(buf, size, "%.6g", p->objective);
}

static void
tune_table(const job *j, double seconds)
{
    const ov_tune_result *r = j->tune;
    const char *obj = ov_tune_objective_name(r->config.objective);
    int width = 9;
    size_t i;

    if (j->o->quiet)
        return;
    for (i = 0; i < j->n; i++)
        if ((int)strlen(j->labels[i]) > width)
            width = (int)strlen(j->labels[i]);
    fprintf(msgs, "optviz: --tune: %d rates from %g to %g, %zu runs of %ld "
            "steps in %.3f s; objective %s\n", r->config.n, r->config.lr_lo,
            r->config.lr_hi, j->n * (size_t)(r->config.n + 1),
            ov_run_step_count(j->loss, &j->cfgs[0], &j->rc), seconds, obj);
    fprintf(msgs, "%-*s  %-11s %-14s %-11s %s\n", width, "optimizer",
            "default lr", obj, "best lr", obj);
    for (i = 0; i < j->n; i++) {
        const ov_tune_series *se = &r->series[i];
        const ov_tune_point *b = &se->grid[se->best];
        char dv[40], bv[40];

        tune_value(dv, sizeof dv, &se->def);
        tune_value(bv, sizeof bv, b);
        fprintf(msgs, "%-*s  %-11.4g %-14s %-11.4g %s\n", width, j->labels[i],
                se->def.lr, dv, b->lr, bv);
    }
}

/* --tune: searches each optimizer's rate, prints the table and gives each
 * its winner's rate for the figure. */
static int
run_tune(job *j)
{
    long threads = 1;
    struct timespec t0, t1;
    ov_error err;
    ov_status st;
    size_t i;

    /* A batch already keeps every core busy with its jobs. */
    if (!j->o->messages)
        threads = sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1)
        threads = 1;
    memset(&err, 0, sizeof err);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    st = ov_tune_search(&j->tune, j->loss, j->cfgs, j->n, &j->rc,
                        &j->o->tune_cfg, ov__cli_tune_map, &threads, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (st != OV_OK)
        return fail(code_for(st), "--tune on '%s': %s%s%s", j->o->loss_name,
                    ov_status_str(st), err.what[0] ? ": " : "", err.what);
    tune_table(j, (double)(t1.tv_sec - t0.tv_sec)
                  + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    for (i = 0; i < j->n; i++) {
        const ov_tune_series *se = &j->tune->series[i];

        j->cfgs[i].lr = se->grid[se->best].lr;
    }
    j->spec.tune = j->tune;
    return tuned_command(j);
}

/* Before any file is made: distance needs minima to measure to. */
static int
check_tune(const job *j)
{
    const double *pts;

    if (j->o->tune && j->o->tune_cfg.objective == OV_TUNE_DISTANCE
        && ov_loss_minima(j->loss, &pts) == 0)
        return fail(OV_EXIT_USAGE, "--tune-objective distance: loss '%s' has "
                    "no known minimum; use final-loss", j->o->loss_name);
    return OV_EXIT_OK;
}

int
ov__cli_run_job(const ov__cli_opts *o)
{
    char msg[OV_CLI_MSG_SIZE];
    job j;
    int code;
    size_t i;

    msgs = o->messages ? o->messages : stderr;
    memset(&j, 0, sizeof j);
    j.o = o;
    j.n = o->n_algos;
    j.spec = o->spec;
    /* A batch already keeps every core busy with its jobs. */
    j.threads = o->messages ? 1 : sysconf(_SC_NPROCESSORS_ONLN);
    if (j.threads < 1)
        j.threads = 1;

    code = make_loss(&j);
    if (code == OV_EXIT_OK && o->data_path)
        code = load_data(&j);
    if (code == OV_EXIT_OK)
        code = setup_run(&j);
    if (code == OV_EXIT_OK) {
        code = ov__cli_build_configs(o, j.loss, j.cfgs, j.labels, msg,
                                     sizeof msg);
        if (code != OV_EXIT_OK)
            fail(code, "%s", msg);
    }
    j.n_all = j.n;
    if (code == OV_EXIT_OK && o->n_imports)
        code = load_imports(&j);
    if (code == OV_EXIT_OK)
        code = check_steps(&j);
    if (code == OV_EXIT_OK)
        code = check_tune(&j);
    if (code != OV_EXIT_OK)
        goto done;
    warnings(&j);

    if (o->output) {
        j.figure_path = o->output;
    } else if (!o->trajectory) {
        ov__cli_default_name(o, j.default_name, sizeof j.default_name);
        j.figure_path = j.default_name;
    }
    if (j.figure_path && !(o->output ? ov__cli_output_format(o, 0,
                                                             &j.figure_format)
                           : ov__cli_path_format(j.figure_path, 0,
                                                 &j.figure_format))) {
        code = fail(OV_EXIT_USAGE, "--output: cannot tell the format of '%s'",
                    j.figure_path);
        goto done;
    }
    if (o->trajectory && !ov__cli_output_format(o, 1, &j.traj_format)) {
        code = fail(OV_EXIT_USAGE, "--trajectory: cannot tell the format of "
                    "'%s'", o->trajectory);
        goto done;
    }
    /* A live page reruns the optimizers with the job's run settings. */
    if (j.figure_path && j.figure_format == OV_FORMAT_HTML && !o->no_live) {
        j.spec.run = &j.rc;
        j.spec.sliders = o->sliders;
    }
    code = check_clashes(&j);
    if (code == OV_EXIT_OK)
        code = check_terminal(&j);
    if (code == OV_EXIT_OK)
        code = check_figure(&j);
    if (code != OV_EXIT_OK)
        goto done;
    if (o->trajectory)
        code = open_output(o->trajectory, &j.traj_out);
    if (code == OV_EXIT_OK && j.figure_path)
        code = open_output(j.figure_path, &j.fig_out);
    if (code == OV_EXIT_OK && o->summary)
        code = open_output(o->summary, &j.sum_out);
    if (code == OV_EXIT_OK && o->tune)
        code = run_tune(&j);
    if (code == OV_EXIT_OK)
        code = o->spec.view == OV_VIEW_RESPONSE ? run_response(&j)
                                                : run_all(&j);
    if (code == OV_EXIT_OK)
        code = make_plane(&j);
    if (code == OV_EXIT_OK && j.traj_out)
        code = write_trajectory(&j);
    if (code == OV_EXIT_OK && j.fig_out)
        code = write_figure(&j);
    if (code == OV_EXIT_OK && j.sum_out)
        code = write_summary(&j);
    if (code == OV_EXIT_OK)
        code = commit_outputs(&j);
    if (code == OV_EXIT_OK)
        summary(&j);

done:
    ov_output_abort(j.traj_out);
    ov_output_abort(j.fig_out);
    ov_output_abort(j.sum_out);
    for (i = 0; i < j.n; i++)
        ov_trajectory_destroy(j.trajs[i]);
    for (i = 0; i < j.n_imported; i++)
        ov_trajectory_destroy(j.imported[i]);
    free(j.imported);
    ov_loss_destroy(j.plane_loss);
    ov_plane_destroy(j.plane);
    ov_loss_destroy(j.loss);
    ov_dataset_destroy(j.data);
    ov_tune_result_destroy(j.tune);
    free(j.command_line);
    return code;
}
