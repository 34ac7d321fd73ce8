/*
 * import.c: trajectories from files (import.h): optviz's CSV and JSON
 * exports, a minimal CSV, and LossLandscape's trajectory_data.
 *
 * Every format is first read into series of rows (struct series), named
 * columns mapped onto a row's fields; then what the file leaves out is
 * filled from the loss.  The coordinates are read by name into
 * coord[] through the table coord_names.  A run of more than two
 * parameters carries its full vector (CSV columns p0..p(N-1), a JSON
 * row's "params" array): that is the point, kept in the series' params;
 * its x, y, grad_x, grad_y are a plane's and are made again by the
 * plane the figure draws on.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <optviz/import.h>
#include <optviz/param.h>

#include "alloc_private.h"
#include "csvread_private.h"
#include "error_private.h"
#include "import_private.h"
#include "json_private.h"

#define MAX_SERIES 1024

/* The coordinates a row holds, by column name. */
static const char *const coord_names[] = { "x", "y" };
#define N_COORD (sizeof coord_names / sizeof coord_names[0])

typedef struct series {
    char label[64];
    int algo_known;
    ov_optim_config cfg;
    int cfg_known;            /* hyper-parameters from a JSON export */
    long diverged_at;
    long steps_per_epoch;
    int dim;                  /* 0 until a row says */
    size_t n, cap;
    ov_traj_row *rows;
    unsigned char *has_loss, *has_grad;   /* per row */
    double *params;           /* n x dim, for dim > 2; cap x dim allocated */
} series;

typedef struct reader {
    const char *name;
    const ov_loss *loss;
    ov_error *err;
    series *s;
    size_t n, cap;
    double *pv;               /* a JSON row's params (pv_cap values) */
    size_t pv_cap;
} reader;

/* ---- series ----------------------------------------------------------- */

static series *
series_find(reader *r, const char *label, int make)
{
    size_t i;

    for (i = 0; i < r->n; i++)
        if (strcmp(r->s[i].label, label) == 0)
            return &r->s[i];
    if (!make)
        return NULL;
    if (r->n == MAX_SERIES) {
        ov__error_set(r->err, OV_ERR_TOO_LARGE, 0, 0,
                      "more than %d trajectories", MAX_SERIES);
        return NULL;
    }
    if (r->n == r->cap) {
        size_t nc = r->cap ? 2 * r->cap : 4;
        series *s = ov__realloc(r->s, nc * sizeof *s);
        if (!s) {
            ov__error_set(r->err, OV_ERR_NOMEM, 0, 0, "out of memory");
            return NULL;
        }
        r->s = s;
        r->cap = nc;
    }
    memset(&r->s[r->n], 0, sizeof r->s[r->n]);
    snprintf(r->s[r->n].label, sizeof r->s[r->n].label, "%s", label);
    r->s[r->n].diverged_at = -1;
    r->s[r->n].steps_per_epoch = 1;
    r->s[r->n].cfg.algo = OV_ALGO_COUNT;
    return &r->s[r->n++];
}

static void
series_free(series *s)
{
    ov__free(s->rows);
    ov__free(s->has_loss);
    ov__free(s->has_grad);
    ov__free(s->params);
}

/* Appends a row, with its full vector @p p of @p dim values when dim > 2
 * (else NULL); @p line and @p column place an error. */
static ov_status
series_add(reader *r, series *s, const ov_traj_row *row, int dim,
           const double *p, int has_loss, int has_grad, long line,
           long column)
{
    if (s->dim && dim != s->dim)
        return ov__error_set(r->err, OV_ERR_FORMAT, line, column,
                             "'%s': a %d-D row in a %d-D run (y given on "
                             "some rows only)", s->label, dim, s->dim);
    s->dim = dim;
    if (s->n && row->step <= s->rows[s->n - 1].step)
        return ov__error_set(r->err, OV_ERR_FORMAT, line, column,
                             "'%s': expected a step after %ld, got %ld",
                             s->label, s->rows[s->n - 1].step, row->step);
    if (s->n > (size_t)OV_MAX_STEPS)
        return ov__error_set(r->err, OV_ERR_TOO_LARGE, line, 0,
                             "'%s': more than %ld rows", s->label,
                             (long)OV_MAX_STEPS + 1);
    if (s->n == s->cap) {
        size_t nc = s->cap ? 2 * s->cap : 64;
        ov_traj_row *rows = ov__realloc(s->rows, nc * sizeof *rows);
        unsigned char *hl, *hg;
        if (rows)
            s->rows = rows;
        hl = ov__realloc(s->has_loss, nc);
        if (hl)
            s->has_loss = hl;
        hg = ov__realloc(s->has_grad, nc);
        if (hg)
            s->has_grad = hg;
        if (!rows || !hl || !hg)
            return ov__error_set(r->err, OV_ERR_NOMEM, 0, 0, "out of memory");
        if (p) {
            /* The run keeps params and grads: as ov_run, capped. */
            double *np_;
            if ((size_t)dim > OV_MAX_TRAJ_BYTES / 2 / sizeof *np_ / nc)
                return ov__error_set(r->err, OV_ERR_TOO_LARGE, line, 0,
                                     "'%s': more than %zu bytes of "
                                     "parameter vectors", s->label,
                                     (size_t)OV_MAX_TRAJ_BYTES);
            np_ = ov__realloc(s->params, nc * (size_t)dim * sizeof *np_);
            if (!np_)
                return ov__error_set(r->err, OV_ERR_NOMEM, 0, 0,
                                     "out of memory");
            s->params = np_;
        }
        s->cap = nc;
    }
    if (p)
        memcpy(s->params + s->n * (size_t)dim, p,
               (size_t)dim * sizeof *p);
    s->rows[s->n] = *row;
    s->has_loss[s->n] = (unsigned char)has_loss;
    s->has_grad[s->n] = (unsigned char)has_grad;
    s->n++;
    return OV_OK;
}

/* A step, epoch or count: a whole number a long holds. */
static int
whole(double v)
{
    return v >= 0 && v == floor(v) && v <= 1e15;
}

static void
set_algo(series *s, ov_algo a)
{
    double lr = s->cfg.lr;

    ov_optim_config_init(&s->cfg, a);
    s->cfg.lr = lr;
    s->algo_known = 1;
}

/* The file's base name without its extension: a run's label. */
static void
label_of_file(const char *name, char *out, size_t size)
{
    const char *b = strrchr(name, '/');
    const char *dot;
    int len;

    b = b ? b + 1 : name;
    dot = strrchr(b, '.');
    len = dot && dot != b ? (int)(dot - b) : (int)strlen(b);
    snprintf(out, size, "%.*s", len, b);
    if (!out[0])
        snprintf(out, size, "imported");
}

/* ---- CSV --------------------------------------------------------------- */

enum col {
    C_STEP, C_EPOCH, C_LOSS, C_GRAD_X, C_GRAD_Y, C_LR, C_LABEL, C_ALGO,
    C_OPTIMIZER, C_D, C_DIVERGED, C_COORD, C_COUNT = C_COORD + N_COORD
};

static const char *const col_names[C_COORD] = {
    "step", "epoch", "loss", "grad_x", "grad_y", "lr", "label", "algo",
    "optimizer", "d", "diverged_at"
};

/* The header's columns: where each known name is (-1: absent). */
static ov_status
csv_header(reader *r, ov__csv *c, int *at, int np)
{
    size_t i, k;

    for (k = 0; k < C_COUNT; k++)
        at[k] = -1;
    for (i = 0; i < c->nf; i++) {
        char name[32];
        int found = 0;

        ov__csv_text(c, i, name, sizeof name);
        for (k = 0; k < C_COUNT; k++) {
            const char *want = k < C_COORD ? col_names[k]
                                           : coord_names[k - C_COORD];
            if (strcasecmp(name, want) == 0) {
                if (at[k] >= 0)
                    return ov__error_set(r->err, OV_ERR_FORMAT,
                                         c->rec_line, (long)i + 1,
                                         "column '%s' twice (also column "
                                         "%d)", want, at[k] + 1);
                at[k] = (int)i;
                found = 1;
            }
        }
        (void)found;   /* other columns are the user's own: ignored */
    }
    if (at[C_STEP] < 0 || (at[C_COORD] < 0 && np == 0)) {
        double v;
        if (c->nf > 0 && ov__csv_number(c, 0, 0, &v) == 1)
            return ov__error_set(r->err, OV_ERR_FORMAT, c->rec_line, 1,
                                 "expected a header naming the columns "
                                 "(step,x,y,...), got a row of numbers");
        return ov__error_set(r->err, OV_ERR_FORMAT, c->rec_line, 0,
                             "expected a header with columns step and x "
                             "(and y, loss, label, epoch, lr), got no '%s' "
                             "column", at[C_STEP] < 0 ? "step" : "x");
    }
    return OV_OK;
}

static ov_status
csv_bad_number(reader *r, ov__csv *c, int col, const char *name,
               const char *what)
{
    char text[40];
    size_t n = ov__csv_text(c, (size_t)col, text, sizeof text);

    return ov__error_set(r->err, OV_ERR_FORMAT, c->rec_line, col + 1,
                         "%s: expected %s, got '%s%s'", name, what, text,
                         n >= sizeof text ? "..." : "");
}

/* A number at column @p col (-1: absent): 1 read, 0 empty; errors set. */
static int
csv_value(reader *r, ov__csv *c, int col, const char *name, double *v,
          ov_status *st)
{
    int k;

    *v = NAN;
    if (col < 0 || (size_t)col >= c->nf)
        return 0;
    k = ov__csv_number(c, (size_t)col, 1, v);
    if (k < 0)
        *st = csv_bad_number(r, c, col, name, "a finite number");
    return k > 0;
}

/* The header's p0..p(N-1) columns: pat[k] the field of p<k>; *np = N
 * (0: none).  @p pat has room for every field. */
static ov_status
csv_params_header(reader *r, ov__csv *c, int *pat, int *np)
{
    size_t i;
    int k;

    *np = 0;
    for (i = 0; i < c->nf; i++)
        pat[i] = -1;
    for (i = 0; i < c->nf; i++) {
        char name[24], *end;
        long v;

        ov__csv_text(c, i, name, sizeof name);
        if ((name[0] != 'p' && name[0] != 'P') || name[1] < '0'
            || name[1] > '9')
            continue;
        v = strtol(name + 1, &end, 10);
        if (*end || v < 0 || (size_t)v >= c->nf)
            continue;    /* not a parameter column: the user's own */
        if (pat[v] >= 0)
            return ov__error_set(r->err, OV_ERR_FORMAT, c->rec_line,
                                 (long)i + 1, "column 'p%ld' twice (also "
                                 "column %d)", v, pat[v] + 1);
        pat[v] = (int)i;
        if ((int)v + 1 > *np)
            *np = (int)v + 1;
    }
    for (k = 0; k < *np; k++)
        if (pat[k] < 0)
            return ov__error_set(r->err, OV_ERR_FORMAT, c->rec_line, 0,
                                 "expected columns p0..p%d (a run's "
                                 "parameters), got no 'p%d' column",
                                 *np - 1, k);
    return OV_OK;
}

static ov_status read_csv_fields(reader *r, ov__csv *c, const char *data,
                                 size_t len);

/* The reader's fields and the row's vector live on the heap: freed on
 * every way out. */
static ov_status
read_csv(reader *r, const char *data, size_t len)
{
    ov__csv c;
    ov_status st;

    memset(&c, 0, sizeof c);
    st = read_csv_fields(r, &c, data, len);
    ov__csv_close(&c);
    return st;
}

static ov_status
read_csv_rows(reader *r, ov__csv *c, int *pat, double *pv);

static ov_status
read_csv_fields(reader *r, ov__csv *c, const char *data, size_t len)
{
    ov_status st;
    int k;
    int *pat;
    double *pv;

    if ((st = ov__csv_open(c, data, len, r->err)) != OV_OK)
        return st;
    if ((k = ov__csv_next(c, r->err)) <= 0)
        return k < 0 ? c->status
                     : ov__error_set(r->err, OV_ERR_EMPTY, 0, 0,
                                     "no header and no rows");
    pat = ov__malloc3(c->nf + 1, 1, sizeof *pat);
    pv = ov__malloc3(c->nf + 1, 1, sizeof *pv);
    if (!pat || !pv)
        st = ov__error_set(r->err, OV_ERR_NOMEM, 0, 0, "out of memory");
    else
        st = read_csv_rows(r, c, pat, pv);
    ov__free(pat);
    ov__free(pv);
    return st;
}

/* The records after the header (read): @p pat and @p pv have room for
 * every field of the header. */
static ov_status
read_csv_rows(reader *r, ov__csv *c, int *pat, double *pv)
{
    int at[C_COUNT], k, np;
    ov_status st;
    char file_label[64];
    int lab;

    if ((st = csv_params_header(r, c, pat, &np)) != OV_OK
        || (st = csv_header(r, c, at, np)) != OV_OK)
        return st;
    lab = at[C_LABEL] >= 0 ? at[C_LABEL] : at[C_ALGO];
    if (at[C_OPTIMIZER] < 0 && at[C_LABEL] >= 0)
        at[C_OPTIMIZER] = at[C_ALGO];
    label_of_file(r->name, file_label, sizeof file_label);
    while ((k = ov__csv_next(c, r->err)) > 0) {
        ov_traj_row row;
        char label[64], text[64];
        double v, coord[N_COORD];
        int dim = 0, has_loss, has_grad;
        size_t i;
        series *s;

        st = OV_OK;
        if (c->nf_total > c->nf)
            return ov__error_set(r->err, OV_ERR_TOO_LARGE, c->rec_line, 0,
                                 "more than %d columns",
                                 OV__CSV_MAX_FIELDS);
        memset(&row, 0, sizeof row);
        if (lab >= 0 && (size_t)lab < c->nf) {
            ov__csv_text(c, (size_t)lab, label, sizeof label);
            if (!label[0])
                return ov__error_set(r->err, OV_ERR_FORMAT, c->rec_line,
                                     lab + 1, "%s: expected a label, got "
                                     "an empty field",
                                     at[C_LABEL] >= 0 ? "label" : "algo");
        } else {
            snprintf(label, sizeof label, "%s", file_label);
        }
        if (!csv_value(r, c, at[C_STEP], "step", &v, &st)) {
            if (st == OV_OK)
                st = csv_bad_number(r, c, at[C_STEP], "step",
                                    "a step number");
            return st;
        }
        if (!whole(v))
            return csv_bad_number(r, c, at[C_STEP], "step",
                                  "a whole number >= 0");
        row.step = (long)v;
        for (i = 0; i < (size_t)np; i++) {
            char name[24];
            snprintf(name, sizeof name, "p%zu", i);
            if (!csv_value(r, c, pat[i], name, &pv[i], &st))
                return st != OV_OK ? st
                                   : csv_bad_number(r, c, pat[i], name,
                                                    "a number");
        }
        /* With the full vector, x and y are a plane's: not the point. */
        for (i = 0; np == 0 && i < N_COORD; i++) {
            if (!csv_value(r, c, at[C_COORD + i], coord_names[i], &coord[i],
                           &st)) {
                if (st != OV_OK)
                    return st;
                if (i == 0)
                    return csv_bad_number(r, c, at[C_COORD], "x",
                                          "a number");
                break;
            }
            dim = (int)i + 1;
        }
        if (np > 0) {
            dim = np;
            coord[0] = pv[0];
            coord[1] = np == 2 ? pv[1] : 0.0;
        }
        row.theta[0] = dim <= 2 ? coord[0] : 0.0;
        row.theta[1] = dim == 2 ? coord[1] : 0.0;
        has_loss = csv_value(r, c, at[C_LOSS], "loss", &row.loss, &st);
        has_grad = csv_value(r, c, at[C_GRAD_X], "grad_x", &row.grad[0],
                             &st);
        if (csv_value(r, c, at[C_GRAD_Y], "grad_y", &row.grad[1], &st))
            ;
        else if (dim == 1)
            row.grad[1] = 0.0;
        else
            has_grad = 0;   /* half a gradient: both from the loss */
        if (csv_value(r, c, at[C_EPOCH], "epoch", &v, &st)) {
            if (!whole(v))
                return csv_bad_number(r, c, at[C_EPOCH], "epoch",
                                      "a whole number >= 0");
            row.epoch = (long)v;
        } else {
            row.epoch = -1;
        }
        csv_value(r, c, at[C_LR], "lr", &row.lr, &st);
        csv_value(r, c, at[C_D], "d", &row.d_estimate, &st);
        if (st != OV_OK)
            return st;
        s = series_find(r, label, 1);
        if (!s)
            return r->err && r->err->status ? r->err->status : OV_ERR_NOMEM;
        if (at[C_OPTIMIZER] >= 0 && (size_t)at[C_OPTIMIZER] < c->nf
            && !s->algo_known) {
            ov_algo a;
            ov__csv_text(c, (size_t)at[C_OPTIMIZER], text, sizeof text);
            if (text[0] && ov_algo_from_name(text, &a) == OV_OK)
                set_algo(s, a);
        }
        if (csv_value(r, c, at[C_DIVERGED], "diverged_at", &v, &st)) {
            if (!whole(v))
                return csv_bad_number(r, c, at[C_DIVERGED], "diverged_at",
                                      "a whole number >= 0");
            s->diverged_at = (long)v;
        }
        if (st != OV_OK)
            return st;
        if (dim > 2) {
            row.grad[0] = row.grad[1] = 0.0;   /* the plane's, made again */
            has_grad = 0;
        }
        st = series_add(r, s, &row, dim, dim > 2 ? pv : NULL, has_loss,
                        has_grad, c->rec_line, at[C_STEP] + 1);
        if (st != OV_OK)
            return st;
    }
    return k < 0 ? c->status : OV_OK;
}

/* ---- JSON --------------------------------------------------------------- */

static ov_status
json_bad(reader *r, const ov__json *j, const char *what)
{
    return ov__error_set(r->err, OV_ERR_FORMAT, j->line, j->column,
                         "expected %s, got %s", what,
                         ov__json_type_name(j->type));
}

static const ov__json *
json_need(reader *r, const ov__json *obj, const char *key, ov__json_type t,
          ov_status *st)
{
    const ov__json *v = ov__json_get(obj, key);
    char what[64];

    if (!v) {
        *st = ov__error_set(r->err, OV_ERR_FORMAT, obj->line, obj->column,
                            "expected a member \"%s\" in this object", key);
        return NULL;
    }
    if (v->type != t) {
        snprintf(what, sizeof what, "\"%s\" to be %s", key,
                 ov__json_type_name(t));
        *st = json_bad(r, v, what);
        return NULL;
    }
    return v;
}

/* A number, or null (NaN) when @p null_ok. */
static int
json_number(const ov__json *j, int null_ok, double *v)
{
    if (j->type == OV__JSON_NUMBER) {
        *v = j->number;
        return 1;
    }
    if (j->type == OV__JSON_NULL && null_ok) {
        *v = NAN;
        return 1;
    }
    return 0;
}

/* optviz's hyper-parameters back into a config: every key the table
 * knows (torch's spelling); the others are the export's own notes. */
static ov_status
json_config(reader *r, series *s, const ov__json *h)
{
    size_t i;

    for (i = 0; i < h->n; i++) {
        const ov__json *v = h->items[i];
        char text[64];
        ov_error e;
        int p = ov_param_find(v->key);

        if (p < 0)
            continue;
        if (v->type == OV__JSON_NUMBER)
            snprintf(text, sizeof text, "%.17g", v->number);
        else if (v->type == OV__JSON_TRUE || v->type == OV__JSON_FALSE)
            snprintf(text, sizeof text, "%d", v->type == OV__JSON_TRUE);
        else if (v->type == OV__JSON_STRING)
            snprintf(text, sizeof text, "%s", v->string);
        else if (v->type == OV__JSON_NULL)
            snprintf(text, sizeof text, "none");
        else
            return json_bad(r, v, "a number, flag or name");
        memset(&e, 0, sizeof e);
        if (ov_optim_config_set(&s->cfg, v->key, text, &e) != OV_OK)
            return ov__error_set(r->err, OV_ERR_FORMAT, v->line, v->column,
                                 "\"%s\": %s", v->key, e.what);
    }
    /* The export writes lbfgs's resolved max_eval; torch's rule gives the
     * same value, so store what was written. */
    s->cfg_known = 1;
    return OV_OK;
}

/* A row's "params": N finite numbers, N the same on every row of the
 * run; r->pv gets them and *dim = N. */
static ov_status
json_params(reader *r, const series *s, const ov__json *a, int *dim)
{
    size_t k;

    if (a->type != OV__JSON_ARRAY || a->n == 0)
        return json_bad(r, a, "\"params\" to be an array of numbers");
    if (a->n > (size_t)OV__CSV_MAX_FIELDS)
        return ov__error_set(r->err, OV_ERR_TOO_LARGE, a->line, a->column,
                             "more than %d parameters", OV__CSV_MAX_FIELDS);
    if (s->dim && (size_t)s->dim != a->n)
        return ov__error_set(r->err, OV_ERR_FORMAT, a->line, a->column,
                             "'%s': expected %d parameters (as the run's "
                             "first row), got %zu", s->label, s->dim, a->n);
    if (r->pv_cap < a->n) {
        double *nv = ov__realloc(r->pv, a->n * sizeof *nv);
        if (!nv)
            return ov__error_set(r->err, OV_ERR_NOMEM, 0, 0,
                                 "out of memory");
        r->pv = nv;
        r->pv_cap = a->n;
    }
    for (k = 0; k < a->n; k++)
        if (!json_number(a->items[k], 0, &r->pv[k]) || !isfinite(r->pv[k]))
            return json_bad(r, a->items[k], "a finite parameter");
    *dim = (int)a->n;
    return OV_OK;
}

static ov_status
json_optviz(reader *r, const ov__json *root)
{
    ov_status st = OV_OK;
    const ov__json *opts = json_need(r, root, "optimizers", OV__JSON_ARRAY,
                                     &st);
    size_t t;

    if (!opts)
        return st;
    for (t = 0; t < opts->n; t++) {
        const ov__json *o = opts->items[t], *lab, *cols, *rows, *v;
        int at[C_COUNT], pcol = -1;
        const double *pv = NULL;
        size_t i, k;
        series *s;
        ov_algo a;

        if (o->type != OV__JSON_OBJECT)
            return json_bad(r, o, "an optimizer's object");
        if (!(lab = json_need(r, o, "label", OV__JSON_STRING, &st))
            || !(cols = json_need(r, o, "columns", OV__JSON_ARRAY, &st))
            || !(rows = json_need(r, o, "rows", OV__JSON_ARRAY, &st)))
            return st;
        if (series_find(r, lab->string, 0))
            return ov__error_set(r->err, OV_ERR_FORMAT, lab->line,
                                 lab->column, "label '%s' twice",
                                 lab->string);
        if (!(s = series_find(r, lab->string, 1)))
            return r->err && r->err->status ? r->err->status : OV_ERR_NOMEM;
        if ((v = ov__json_get(o, "algo")) && v->type == OV__JSON_STRING
            && ov_algo_from_name(v->string, &a) == OV_OK)
            set_algo(s, a);
        if ((v = ov__json_get(o, "hyperparameters"))) {
            if (v->type != OV__JSON_OBJECT)
                return json_bad(r, v, "\"hyperparameters\" to be an object");
            if ((st = json_config(r, s, v)) != OV_OK)
                return st;
        }
        if ((v = ov__json_get(o, "diverged_at"))
            && v->type == OV__JSON_NUMBER) {
            if (!whole(v->number))
                return json_bad(r, v, "a whole step number");
            s->diverged_at = (long)v->number;
        }
        if ((v = ov__json_get(o, "steps_per_epoch"))
            && v->type == OV__JSON_NUMBER && whole(v->number)
            && v->number >= 1)
            s->steps_per_epoch = (long)v->number;
        for (k = 0; k < C_COUNT; k++)
            at[k] = -1;
        for (i = 0; i < cols->n; i++) {
            const ov__json *c = cols->items[i];
            if (c->type != OV__JSON_STRING)
                return json_bad(r, c, "a column name");
            for (k = 0; k < C_COUNT; k++)
                if (strcmp(c->string, k < C_COORD ? col_names[k]
                                       : coord_names[k - C_COORD]) == 0)
                    at[k] = (int)i;
            if (strcmp(c->string, "params") == 0)
                pcol = (int)i;
        }
        if (at[C_STEP] < 0 || (at[C_COORD] < 0 && pcol < 0))
            return ov__error_set(r->err, OV_ERR_FORMAT, cols->line,
                                 cols->column, "expected columns \"step\" "
                                 "and \"x\"");
        for (i = 0; i < rows->n; i++) {
            const ov__json *row = rows->items[i];
            ov_traj_row tr;
            double val[C_COUNT];
            int has[C_COUNT], dim;

            if (row->type != OV__JSON_ARRAY)
                return json_bad(r, row, "a row (an array)");
            if (row->n != cols->n)
                return ov__error_set(r->err, OV_ERR_FORMAT, row->line,
                                     row->column, "expected %zu values (as "
                                     "\"columns\"), got %zu", cols->n,
                                     row->n);
            for (k = 0; k < C_COUNT; k++) {
                val[k] = NAN;
                has[k] = 0;
                if (at[k] < 0)
                    continue;
                v = row->items[at[k]];
                if (!json_number(v, k != C_STEP && k != C_COORD, &val[k]))
                    return json_bad(r, v, k == C_STEP || k == C_COORD
                                          ? "a number" : "a number or null");
                has[k] = v->type == OV__JSON_NUMBER;
                if (k >= C_COORD && has[k] && !isfinite(val[k]))
                    return json_bad(r, v, "a finite coordinate");
            }
            if (!whole(val[C_STEP]))
                return json_bad(r, row->items[at[C_STEP]],
                                "a whole step number >= 0");
            dim = has[C_COORD + 1] ? 2 : 1;
            if (pcol >= 0) {
                if ((st = json_params(r, s, row->items[pcol], &dim))
                    != OV_OK)
                    return st;
                pv = r->pv;
            }
            if (has[C_EPOCH] && !whole(val[C_EPOCH]))
                return json_bad(r, row->items[at[C_EPOCH]],
                                "a whole epoch number >= 0");
            memset(&tr, 0, sizeof tr);
            tr.step = (long)val[C_STEP];
            tr.epoch = has[C_EPOCH] ? (long)val[C_EPOCH] : -1;
            if (pcol >= 0 && dim <= 2) {
                val[C_COORD] = pv[0];
                val[C_COORD + 1] = dim == 2 ? pv[1] : 0.0;
            } else if (pcol < 0 && (at[C_COORD] < 0 || !has[C_COORD])) {
                return json_bad(r, row, "a row with x or params");
            }
            tr.theta[0] = dim <= 2 ? val[C_COORD] : 0.0;
            tr.theta[1] = dim == 2 ? val[C_COORD + 1] : 0.0;
            tr.loss = val[C_LOSS];
            /* For more than two parameters x, y and the gradient are a
             * plane's: made again by the plane the figure is drawn on. */
            tr.grad[0] = dim <= 2 ? val[C_GRAD_X] : 0.0;
            tr.grad[1] = dim == 2 ? val[C_GRAD_Y] : 0.0;
            tr.lr = val[C_LR];
            tr.d_estimate = val[C_D];
            st = series_add(r, s, &tr, dim, dim > 2 ? pv : NULL,
                            has[C_LOSS], dim <= 2 && has[C_GRAD_X],
                            row->line, row->column);
            if (st != OV_OK)
                return st;
        }
    }
    return OV_OK;
}

/* LossLandscape's trajectory_data: traj_1, traj_2, epochs, losses. */
static ov_status
json_landscape(reader *r, const ov__json *td)
{
    ov_status st = OV_OK;
    const ov__json *t1, *t2, *ep, *ls;
    char label[64];
    series *s;
    size_t i;

    if (td->type != OV__JSON_OBJECT)
        return json_bad(r, td, "\"trajectory_data\" to be an object");
    if (!(t1 = json_need(r, td, "traj_1", OV__JSON_ARRAY, &st))
        || !(t2 = json_need(r, td, "traj_2", OV__JSON_ARRAY, &st)))
        return st;
    ep = ov__json_get(td, "epochs");
    ls = ov__json_get(td, "losses");
    if (t2->n != t1->n)
        return ov__error_set(r->err, OV_ERR_FORMAT, t2->line, t2->column,
                             "expected %zu values (as traj_1), got %zu",
                             t1->n, t2->n);
    label_of_file(r->name, label, sizeof label);
    if (!(s = series_find(r, label, 1)))
        return r->err && r->err->status ? r->err->status : OV_ERR_NOMEM;
    for (i = 0; i < t1->n; i++) {
        ov_traj_row tr;
        double e = NAN;
        int has_loss = 0;

        memset(&tr, 0, sizeof tr);
        tr.step = (long)i;
        if (!json_number(t1->items[i], 0, &tr.theta[0])
            || !isfinite(tr.theta[0]))
            return json_bad(r, t1->items[i], "a finite number");
        if (!json_number(t2->items[i], 0, &tr.theta[1])
            || !isfinite(tr.theta[1]))
            return json_bad(r, t2->items[i], "a finite number");
        if (ep && ep->type == OV__JSON_ARRAY && i < ep->n
            && json_number(ep->items[i], 1, &e) && whole(e))
            tr.epoch = (long)e;
        else
            tr.epoch = -1;
        tr.loss = NAN;
        if (ls && ls->type == OV__JSON_ARRAY && i < ls->n
            && json_number(ls->items[i], 1, &tr.loss))
            has_loss = tr.loss == tr.loss;
        tr.lr = NAN;
        tr.d_estimate = NAN;
        st = series_add(r, s, &tr, 2, NULL, has_loss, 0, t1->items[i]->line,
                        t1->items[i]->column);
        if (st != OV_OK)
            return st;
    }
    return OV_OK;
}

static ov_status
read_json(reader *r, const char *data, size_t len)
{
    ov__json *root = NULL;
    const ov__json *td;
    ov_status st = ov__json_parse(&root, data, len, r->err);

    if (st != OV_OK)
        return st;
    if (root->type != OV__JSON_OBJECT)
        st = json_bad(r, root, "an object");
    else if (ov__json_get(root, "optimizers"))
        st = json_optviz(r, root);
    else if ((td = ov__json_get(root, "trajectory_data")))
        st = json_landscape(r, td);
    else
        st = ov__error_set(r->err, OV_ERR_FORMAT, root->line, root->column,
                           "expected optviz's trajectories (\"optimizers\") "
                           "or LossLandscape's (\"trajectory_data\")");
    ov__json_free(root);
    return st;
}

/* ---- finishing ----------------------------------------------------------- */

/* Fills what the file left out from the loss; makes the trajectory. */
static ov_status
finish(reader *r, series *s, ov_trajectory **out)
{
    int dim = ov_loss_dim(r->loss);
    ov_trajectory *t;
    size_t k;
    ov_algo a;

    if (s->n == 0)
        return ov__error_set(r->err, OV_ERR_EMPTY, 0, 0, "'%s': no rows",
                             s->label);
    if (s->dim != dim && (dim > 2 || s->dim > 2)) {
        char cols[64];
        if (dim > 2)
            snprintf(cols, sizeof cols, "columns p0..p%d or \"params\" "
                     "arrays", dim - 1);
        else
            snprintf(cols, sizeof cols, "%s", dim == 2 ? "x, y" : "x");
        return ov__error_set(r->err, OV_ERR_INVALID_ARG, 0, 0,
                             "'%s': expected %d parameter%s (%s), as loss "
                             "'%s' has, got %d%s", s->label, dim,
                             dim == 1 ? "" : "s", cols,
                             ov_loss_name(r->loss), s->dim,
                             s->dim > 2 ? "" : " (a run without its full "
                                               "vector)");
    }
    if (s->dim != dim)
        return ov__error_set(r->err, OV_ERR_INVALID_ARG, 0, 0,
                             "'%s' is a %d-D run but loss '%s' has %d "
                             "parameter%s", s->label, s->dim,
                             ov_loss_name(r->loss), dim, dim == 1 ? "" : "s");
    if (!s->algo_known && ov__algo_of_label(s->label, &a))
        set_algo(s, a);
    if (!s->cfg_known)
        s->cfg.lr = s->rows[0].lr;   /* the start row: the initial lr */
    t = ov__calloc(1, sizeof *t);
    if (!t)
        return ov__error_set(r->err, OV_ERR_NOMEM, 0, 0, "out of memory");
    if (dim > 2) {
        /* The full gradients, as ov_run keeps them (the plane's
         * projection and the Hessian plane read them). */
        t->grads = ov__malloc3(s->n, (size_t)dim, sizeof *t->grads);
        if (!t->grads) {
            ov__free(t);
            return ov__error_set(r->err, OV_ERR_NOMEM, 0, 0,
                                 "out of memory");
        }
        t->params = s->params;
        s->params = NULL;
    }
    for (k = 0; k < s->n; k++) {
        ov_traj_row *row = &s->rows[k];
        double g[2];

        if (dim > 2) {
            double f = ov_loss_eval(r->loss, t->params + k * (size_t)dim,
                                    t->grads + k * (size_t)dim);
            if (!s->has_loss[k])
                row->loss = f;
        } else if (!s->has_loss[k] || !s->has_grad[k]) {
            double f = ov_loss_eval(r->loss, row->theta, g);
            if (!s->has_loss[k])
                row->loss = f;
            if (!s->has_grad[k]) {
                row->grad[0] = g[0];
                row->grad[1] = dim == 2 ? g[1] : 0.0;
            }
        }
        if (row->epoch < 0)
            row->epoch = row->step;
    }
    snprintf(t->label, sizeof t->label, "%s", s->label);
    t->config = s->cfg;
    t->dim = dim;
    t->steps_per_epoch = s->steps_per_epoch;
    t->n_rows = s->n;
    t->rows = s->rows;
    t->diverged_at = s->diverged_at;
    s->rows = NULL;
    *out = t;
    return OV_OK;
}

int
ov__algo_of_label(const char *label, ov_algo *out)
{
    size_t best = 0;
    int a;

    for (a = 0; a < (int)OV_ALGO_COUNT; a++) {
        const char *nm = ov_algo_name((ov_algo)a);
        size_t n = strlen(nm);
        if (n > best && strncasecmp(label, nm, n) == 0
            && (label[n] == '\0' || strchr(" -:(_,", label[n]))) {
            best = n;
            *out = (ov_algo)a;
        }
    }
    return best > 0;
}

ov_status
ov_import_parse(ov_trajectory ***out, size_t *n, const char *data,
                size_t len, const char *name, const ov_loss *loss,
                ov_error *err)
{
    reader r;
    ov_trajectory **t = NULL;
    ov_status st;
    size_t i = 0, k;

    memset(&r, 0, sizeof r);
    r.name = name ? name : "";
    r.loss = loss;
    r.err = err;
    if (err)
        memset(err, 0, sizeof *err);
    for (k = 0; k < len && strchr(" \t\r\n", data[k]); k++)
        ;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 && k == 0)
        for (k = 3; k < len && strchr(" \t\r\n", data[k]); k++)
            ;
    if (k < len && data[k] == '{')
        st = read_json(&r, data, len);
    else
        st = read_csv(&r, data, len);
    if (st == OV_OK && r.n == 0)
        st = ov__error_set(err, OV_ERR_EMPTY, 0, 0, "no rows");
    if (st == OV_OK) {
        t = ov__calloc(r.n, sizeof *t);
        if (!t)
            st = ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
    }
    for (i = 0; st == OV_OK && i < r.n; i++)
        st = finish(&r, &r.s[i], &t[i]);
    for (k = 0; k < r.n; k++)
        series_free(&r.s[k]);
    ov__free(r.s);
    ov__free(r.pv);
    if (st != OV_OK) {
        ov_import_free(t, i);
        if (err && err->status == OV_OK)
            err->status = st;
        return st;
    }
    *out = t;
    *n = r.n;
    return OV_OK;
}

void
ov_import_free(ov_trajectory **trajs, size_t n)
{
    size_t i;

    if (!trajs)
        return;
    for (i = 0; i < n; i++)
        ov_trajectory_destroy(trajs[i]);
    ov__free(trajs);
}

/* Reads a whole file (capped); *data malloc'ed. */
ov_status
ov__import_read_file(const char *path, char **data, size_t *len,
                     ov_error *err)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *buf;

    if (!f)
        return ov__error_set(err, OV_ERR_IO, 0, 0, "%s", strerror(errno));
    buf = ov__malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            if (ferror(f)) {
                int e = errno;
                fclose(f);
                ov__free(buf);
                return ov__error_set(err, OV_ERR_IO, 0, 0, "%s",
                                     strerror(e ? e : EIO));
            }
            break;
        }
        if (cap >= (size_t)OV_IMPORT_MAX_BYTES) {
            fclose(f);
            ov__free(buf);
            return ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0,
                                 "larger than %ld MiB",
                                 OV_IMPORT_MAX_BYTES >> 20);
        }
        cap *= 2;
        {
            char *nb = ov__realloc(buf, cap + 1);
            if (!nb)
                ov__free(buf);
            buf = nb;
        }
    }
    fclose(f);
    if (!buf)
        return ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return OV_OK;
}

ov_status
ov_import_load(ov_trajectory ***out, size_t *n, const char *path,
               const ov_loss *loss, ov_error *err)
{
    char *data;
    size_t len;
    ov_status st;

    if (err)
        memset(err, 0, sizeof *err);
    st = ov__import_read_file(path, &data, &len, err);
    if (st != OV_OK)
        return st;
    st = ov_import_parse(out, n, data, len, path, loss, err);
    ov__free(data);
    return st;
}
