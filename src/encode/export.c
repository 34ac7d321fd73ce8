/*
 * export.c: trajectories as CSV and JSON (design.md §6).
 *
 * Text is built in a fixed buffer and flushed to the sink when full, so
 * export costs one sink call per 64 KiB whatever the row count.  Floats
 * are printed with %.17g, which round-trips every double.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <optviz/export.h>
#include <optviz/param.h>
#include <optviz/version.h>

#include "alloc_private.h"
#include "format_private.h"
#include "import_private.h"

#define PUTS(s, lit) put((s), (lit), sizeof(lit) - 1)

typedef struct sink {
    ov_write_fn fn;
    void *closure;
    ov_status st;        /* first failure; later writes are dropped */
    size_t len;
    unsigned char buf[1 << 16];
} sink;

static void
flush(sink *s)
{
    if (s->st == OV_OK && s->len) {
        int r = s->fn(s->closure, s->buf, s->len);
        if (r != 0)
            s->st = (ov_status)r;
    }
    s->len = 0;
}

/* The buffer is large: on the heap, not the stack. */
static sink *
sink_new(ov_write_fn fn, void *closure)
{
    sink *s = ov__malloc(sizeof *s);

    if (s) {
        memset(s, 0, offsetof(sink, buf));
        s->fn = fn;
        s->closure = closure;
    }
    return s;
}

/* Flushes, frees, and returns the first failure. */
static ov_status
sink_close(sink *s)
{
    ov_status st;

    flush(s);
    st = s->st;
    ov__free(s);
    return st;
}

static void
put(sink *s, const char *text, size_t n)
{
    while (n > 0) {
        size_t room = sizeof s->buf - s->len;
        size_t k = n < room ? n : room;
        memcpy(s->buf + s->len, text, k);
        s->len += k;
        text += k;
        n -= k;
        if (s->len == sizeof s->buf)
            flush(s);
    }
}

static void
putf(sink *s, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        put(s, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A CSV field, quoted when it holds a separator, quote or line break. */
static void
put_csv_field(sink *s, const char *text)
{
    const char *p;

    if (!strpbrk(text, ",\"\r\n")) {
        put(s, text, strlen(text));
        return;
    }
    put(s, "\"", 1);
    for (p = text; *p; p++) {
        if (*p == '"')
            put(s, "\"", 1);
        put(s, p, 1);
    }
    put(s, "\"", 1);
}

static void
put_json_string(sink *s, const char *text)
{
    const unsigned char *p;

    put(s, "\"", 1);
    for (p = (const unsigned char *)text; *p; p++) {
        if (*p == '"' || *p == '\\') {
            put(s, "\\", 1);
            put(s, (const char *)p, 1);
        } else if (*p < 0x20) {
            putf(s, "\\u%04x", *p);
        } else {
            put(s, (const char *)p, 1);
        }
    }
    put(s, "\"", 1);
}

/* The CSV's optional columns, written only when some run needs them,
 * so that the common file keeps its nine columns: the optimizer when a
 * label does not name it (import.c reads it back), Prodigy's d, the step
 * a run diverged at. */
typedef struct csv_extra {
    int optimizer, d, diverged;
} csv_extra;

static int
traj_has_d(const ov_trajectory *tr)
{
    size_t r;

    for (r = 0; r < tr->n_rows; r++)
        if (tr->rows[r].d_estimate == tr->rows[r].d_estimate)
            return 1;
    return 0;
}

static csv_extra
csv_extras(const ov_trajectory *const *trajs, size_t n)
{
    csv_extra e = { 0, 0, 0 };
    size_t t;

    for (t = 0; t < n; t++) {
        ov_algo a;
        if (!ov__algo_of_label(trajs[t]->label, &a)
            || a != trajs[t]->config.algo)
            e.optimizer = 1;
        e.d |= traj_has_d(trajs[t]);
        e.diverged |= trajs[t]->diverged_at >= 0;
    }
    return e;
}

/* A value of a row: %.17g reads back exactly.  A non-finite one (a kept
 * row's gradient may be NaN) is "nan"/"inf"/"-inf" in CSV, which strtod
 * and every CSV reader take, and null in JSON, which has no NaN. */
static void
put_value(sink *s, double v, int json)
{
    const char *sep = json ? ", " : ",";

    if (isfinite(v))
        putf(s, "%s%.17g", sep, v);
    else if (json)
        putf(s, "%snull", sep);
    else
        putf(s, "%s%s", sep, isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
}

/* x, y, loss, grad_x, grad_y, lr after step and epoch; y and grad_y are
 * empty (CSV) or null (JSON) for one parameter (for more than two, the
 * first two columns are 0 and the full vector follows: put_params). */
static void
put_row_values(sink *s, int dim, const ov_traj_row *row, int json)
{
    const char *none = json ? ", null" : ",";

    put_value(s, row->theta[0], json);
    if (dim >= 2)
        put_value(s, row->theta[1], json);
    else
        put(s, none, strlen(none));
    put_value(s, row->loss, json);
    put_value(s, row->grad[0], json);
    if (dim >= 2)
        put_value(s, row->grad[1], json);
    else
        put(s, none, strlen(none));
    put_value(s, row->lr, json);
}

/* Row @p r's full vector: each value after @p sep (CSV: ","), or
 * between them (@p lead 0, JSON: ", "), then @p end; null when the
 * trajectory has no vectors. */
static void
put_params(sink *s, const ov_trajectory *tr, size_t r, const char *sep,
           int lead, const char *end)
{
    size_t k, dim = (size_t)tr->dim;

    for (k = 0; k < dim; k++) {
        const char *p = lead || k ? sep : "";
        if (tr->params)
            putf(s, "%s%.17g", p, tr->params[r * dim + k]);
        else
            putf(s, "%snull", p);
    }
    put(s, end, strlen(end));
}

ov_status
ov_export_csv(ov_write_fn fn, void *closure,
              const ov_trajectory *const *trajs, size_t n)
{
    sink *s = sink_new(fn, closure);
    csv_extra e = csv_extras(trajs, n);
    size_t t, r;
    int wide = n > 0 && trajs[0]->dim > 2, k;

    if (!s)
        return OV_ERR_NOMEM;
    PUTS(s, "algo,step,epoch,x,y,loss,grad_x,grad_y,lr");
    /* More than two parameters: x, y are the plane's coordinates and the
     * full vector follows. */
    for (k = 0; wide && k < trajs[0]->dim; k++)
        putf(s, ",p%d", k);
    if (e.optimizer)
        PUTS(s, ",optimizer");
    if (e.d)
        PUTS(s, ",d");
    if (e.diverged)
        PUTS(s, ",diverged_at");
    PUTS(s, "\n");
    for (t = 0; t < n; t++) {
        const ov_trajectory *tr = trajs[t];
        for (r = 0; r < tr->n_rows && s->st == OV_OK; r++) {
            const ov_traj_row *row = &tr->rows[r];
            put_csv_field(s, tr->label);
            putf(s, ",%ld,%ld", row->step, row->epoch);
            put_row_values(s, tr->dim, row, 0);
            if (tr->dim > 2)
                put_params(s, tr, r, ",", 1, "");
            if (e.optimizer)
                putf(s, ",%s", tr->config.algo < OV_ALGO_COUNT
                               ? ov_algo_name(tr->config.algo) : "");
            if (e.d)
                put_value(s, row->d_estimate, 0);
            if (e.diverged && tr->diverged_at >= 0)
                putf(s, ",%ld", tr->diverged_at);
            else if (e.diverged)
                PUTS(s, ",");
            PUTS(s, "\n");
        }
    }
    return sink_close(s);
}

/* Keys added after the first eleven optimizers: written only for the
 * optimizers that take them, so the others' JSON is unchanged. */
static const char *const own_keys[] = {
    "momentum-decay", "lambd", "t0", "eta-minus", "eta-plus",
    "step-size-min", "step-size-max", NULL
};

static void
put_own_keys(sink *s, const ov_optim_config *c)
{
    size_t k;

    for (k = 0; own_keys[k]; k++) {
        char name[48];
        size_t i;

        if (!ov_algo_takes_param(c->algo, own_keys[k]))
            continue;
        /* torch's spelling: momentum_decay */
        for (i = 0; own_keys[k][i] && i + 1 < sizeof name; i++)
            name[i] = own_keys[k][i] == '-' ? '_' : own_keys[k][i];
        name[i] = '\0';
        putf(s, "\"%s\": %.17g, ", name,
             ov_optim_config_get(c, (size_t)ov_param_find(own_keys[k])));
    }
}

/* The keys of the optimizers that are not torch classes, written only
 * for those that take them (older exports stay as they were); a "none"
 * beta3 is null. */
static void
put_modern_keys(sink *s, const ov_optim_config *c)
{
    static const char *const shows[] = { "x", "y", "z" };
    ov_algo a = c->algo;

    if (ov_algo_takes_param(a, "beta3")) {
        if (c->beta3 != c->beta3)
            putf(s, "\"beta3\": null, ");
        else
            putf(s, "\"beta3\": %.17g, ", c->beta3);
    }
    if (ov_algo_takes_param(a, "t-alpha-beta3"))
        putf(s, "\"t_alpha_beta3\": %ld, ", c->t_alpha_beta3);
    if (ov_algo_takes_param(a, "d0"))
        putf(s, "\"d0\": %.17g, \"d_coef\": %.17g, ", c->d0, c->d_coef);
    if (ov_algo_takes_param(a, "warmup-steps"))
        putf(s, "\"warmup_steps\": %ld, \"r\": %.17g, "
                "\"weight_lr_power\": %.17g, \"show\": \"%s\", ",
             c->warmup_steps, c->r, c->weight_lr_power,
             shows[c->sf_show <= OV_SF_SHOW_Z ? c->sf_show : 0]);
}

static void
put_config(sink *s, const ov_optim_config *c)
{
    putf(s, "{\"lr\": %.17g, \"momentum\": %.17g, \"dampening\": %.17g, "
            "\"nesterov\": %s, \"weight_decay\": %.17g, \"maximize\": %s, ",
         c->lr, c->momentum, c->dampening, c->nesterov ? "true" : "false",
         c->weight_decay, c->maximize ? "true" : "false");
    putf(s, "\"alpha\": %.17g, \"centered\": %s, \"rho\": %.17g, "
            "\"beta1\": %.17g, \"beta2\": %.17g, \"eps\": %.17g, "
            "\"amsgrad\": %s, ",
         c->alpha, c->centered ? "true" : "false", c->rho, c->beta1,
         c->beta2, c->eps, c->amsgrad ? "true" : "false");
    putf(s, "\"lr_decay\": %.17g, \"initial_accumulator_value\": %.17g, "
            "\"initial_acc_delta\": %.17g, \"nag_form\": \"%s\", ",
         c->lr_decay, c->initial_accumulator_value, c->initial_acc_delta,
         c->nag_form == OV_NAG_SUTSKEVER ? "sutskever" : "torch");
    put_own_keys(s, c);
    put_modern_keys(s, c);
    putf(s, "\"batch_size\": %ld, ", c->batch_size);
    /* lbfgs's keys, written for every optimizer (as torch's defaults). */
    putf(s, "\"max_iter\": %ld, \"max_eval\": %ld, "
            "\"tolerance_grad\": %.17g, \"tolerance_change\": %.17g, "
            "\"history_size\": %ld, \"line_search_fn\": %s}",
         c->max_iter, c->max_eval > 0 ? c->max_eval : c->max_iter * 5 / 4,
         c->tolerance_grad, c->tolerance_change, c->history_size,
         c->line_search == OV_LINE_SEARCH_STRONG_WOLFE ? "\"strong_wolfe\""
                                                       : "null");
}

/* "\"loss\": {...}" of the JSON files: name, formula, dim, data. */
static void
put_loss(sink *s, const ov_loss *loss)
{
    const ov_dataset *d = ov_loss_dataset(loss);

    PUTS(s, "\"loss\": {\"name\": ");
    put_json_string(s, ov_loss_name(loss));
    PUTS(s, ", \"formula\": ");
    put_json_string(s, ov_loss_formula(loss));
    putf(s, ", \"dim\": %d, \"data\": ", ov_loss_dim(loss));
    if (d) {
        put_json_string(s, d->name);
        putf(s, ", \"points\": %zu, \"reduction\": \"%s\"", d->n,
             ov_loss_reduction(loss) == OV_REDUCTION_SUM ? "sum" : "mean");
    } else {
        PUTS(s, "null");
    }
    PUTS(s, "}");
}

ov_status
ov_export_json(ov_write_fn fn, void *closure, const ov_loss *loss,
               const ov_trajectory *const *trajs, size_t n)
{
    sink *s = sink_new(fn, closure);
    size_t t, r;
    int has_d;

    if (!s)
        return OV_ERR_NOMEM;
    PUTS(s, "{\n  ");
    put_loss(s, loss);
    PUTS(s, ",\n  \"optimizers\": [");
    for (t = 0; t < n; t++) {
        const ov_trajectory *tr = trajs[t];
        if (t)
            PUTS(s, ",");
        PUTS(s, "\n    {\"label\": ");
        put_json_string(s, tr->label);
        putf(s, ", \"algo\": \"%s\",\n     \"hyperparameters\": ",
             ov_algo_name(tr->config.algo));
        put_config(s, &tr->config);
        putf(s, ",\n     \"steps_per_epoch\": %ld, \"diverged_at\": ",
             tr->steps_per_epoch);
        if (tr->diverged_at >= 0)
            putf(s, "%ld", tr->diverged_at);
        else
            PUTS(s, "null");
        /* Prodigy's d is a ninth column, for the runs that have it. */
        has_d = traj_has_d(tr);
        PUTS(s, ",\n     \"columns\": [\"step\", \"epoch\", \"x\", \"y\", "
                "\"loss\", \"grad_x\", \"grad_y\", \"lr\"");
        if (tr->dim > 2)
            PUTS(s, ", \"params\"");
        if (has_d)
            PUTS(s, ", \"d\"");
        PUTS(s, "],\n     \"rows\": [");
        for (r = 0; r < tr->n_rows && s->st == OV_OK; r++) {
            const ov_traj_row *row = &tr->rows[r];
            if (r)
                PUTS(s, ",");
            putf(s, "\n      [%ld, %ld", row->step, row->epoch);
            put_row_values(s, tr->dim, row, 1);
            if (tr->dim > 2) {
                PUTS(s, ", [");
                put_params(s, tr, r, ", ", 0, "]");
            }
            if (has_d)
                put_value(s, row->d_estimate, 1);
            PUTS(s, "]");
        }
        PUTS(s, "]}");
    }
    PUTS(s, "\n  ]\n}\n");
    return sink_close(s);
}

/* A number of the summary: %.17g, or null where not finite. */
static void
put_number(sink *s, double v)
{
    if (isfinite(v))
        putf(s, "%.17g", v);
    else
        PUTS(s, "null");
}

/* The point (@p grad 0) or gradient of row @p r: [x], [x, y], or the
 * whole vector of a loss of more than two parameters. */
static void
put_point(sink *s, const ov_trajectory *tr, size_t r, int grad)
{
    const double *full = grad ? tr->grads : tr->params;
    const double *v = grad ? tr->rows[r < tr->n_rows ? r : 0].grad
                           : tr->rows[r < tr->n_rows ? r : 0].theta;
    int k, dim = tr->dim;

    if (r >= tr->n_rows)
        v = grad ? tr->diverged_row.grad : tr->diverged_row.theta;
    PUTS(s, "[");
    for (k = 0; k < dim; k++) {
        if (k)
            PUTS(s, ", ");
        if (full && (dim > 2 || r >= tr->n_rows))
            put_number(s, full[r * (size_t)dim + (size_t)k]);
        else
            put_number(s, k < 2 ? v[k] : NAN);
    }
    PUTS(s, "]");
}

ov_status
ov_export_summary(ov_write_fn fn, void *closure, const ov_loss *loss,
                  const char *command_line, const ov_summary_run *runs,
                  size_t n)
{
    static const char *const why[] = { "none", "point not finite",
                                       "loss not finite",
                                       "beyond the divergence bound" };
    sink *s = sink_new(fn, closure);
    size_t t;

    if (!s)
        return OV_ERR_NOMEM;
    putf(s, "{\n  \"optviz\": \"%s\",\n  \"command\": ",
         ov_version_string());
    if (command_line)
        put_json_string(s, command_line);
    else
        PUTS(s, "null");
    PUTS(s, ",\n  ");
    put_loss(s, loss);
    PUTS(s, ",\n  \"optimizers\": [");
    for (t = 0; t < n; t++) {
        const ov_trajectory *tr = runs[t].traj;
        const ov_traj_row *first = &tr->rows[0];
        const ov_traj_row *last = &tr->rows[tr->n_rows - 1];

        if (t)
            PUTS(s, ",");
        PUTS(s, "\n    {\"label\": ");
        put_json_string(s, tr->label);
        putf(s, ", \"algo\": \"%s\", \"lr\": ",
             ov_algo_name(tr->config.algo));
        put_number(s, tr->config.lr);
        PUTS(s, ", \"lr_source\": ");
        if (runs[t].lr_source)
            put_json_string(s, runs[t].lr_source);
        else
            PUTS(s, "null");
        PUTS(s, ",\n     \"hyperparameters\": ");
        put_config(s, &tr->config);
        putf(s, ",\n     \"steps_requested\": %ld, \"steps\": %ld, "
                "\"epochs\": %ld, \"steps_per_epoch\": %ld,",
             runs[t].steps, last->step, last->epoch, tr->steps_per_epoch);
        PUTS(s, "\n     \"start\": {\"point\": ");
        put_point(s, tr, 0, 0);
        PUTS(s, ", \"loss\": ");
        put_number(s, first->loss);
        putf(s, "},\n     \"final\": {\"step\": %ld, \"point\": ",
             last->step);
        put_point(s, tr, tr->n_rows - 1, 0);
        PUTS(s, ", \"loss\": ");
        put_number(s, last->loss);
        PUTS(s, ", \"grad\": ");
        put_point(s, tr, tr->n_rows - 1, 1);
        PUTS(s, "},\n     \"diverged\": ");
        if (tr->diverged_at >= 0) {
            int w = (int)tr->diverged_why;

            putf(s, "{\"step\": %ld, \"reason\": \"%s\", \"point\": ",
                 tr->diverged_at,
                 why[w >= 0 && w < 4 ? w : 1]);
            /* the step's point: in the vectors' next row when kept */
            put_point(s, tr, tr->n_rows, 0);
            PUTS(s, ", \"loss\": ");
            put_number(s, tr->diverged_row.loss);
            PUTS(s, ", \"bound\": ");
            put_number(s, tr->bound);
            PUTS(s, "}");
        } else {
            PUTS(s, "null");
        }
        PUTS(s, ",\n     \"seconds\": ");
        put_number(s, runs[t].seconds);
        PUTS(s, "}");
    }
    PUTS(s, "\n  ]\n}\n");
    return sink_close(s);
}

ov_status
ov__export_csv_row(ov_write_fn fn, void *closure, const ov_loss *loss,
                   const ov_trajectory *const *trajs, size_t n)
{
    (void)loss;
    return ov_export_csv(fn, closure, trajs, n);
}

ov_status
ov__export_json_row(ov_write_fn fn, void *closure, const ov_loss *loss,
                    const ov_trajectory *const *trajs, size_t n)
{
    return ov_export_json(fn, closure, loss, trajs, n);
}

ov_status
ov_export(ov_write_fn fn, void *closure, ov_format fmt, const ov_loss *loss,
          const ov_trajectory *const *trajs, size_t n)
{
    const ov__format_row *r = ov__format_row_of(fmt);

    if (!r || !r->write_traj)
        return OV_ERR_UNSUPPORTED;
    return r->write_traj(fn, closure, loss, trajs, n);
}
