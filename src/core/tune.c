/*
 * tune.c: the learning-rate search (optviz/tune.h).
 *
 * The runs of a search form one flat list of tasks, series-major: task
 * s * (N + 1) is series s at its own rate, task s * (N + 1) + 1 + k its
 * k-th grid rate.  Each task runs ov_run into its own slot (a point, a
 * status, an error) and frees the trajectory; nothing is shared but the
 * const loss, configs and run config.  So the map function may run the
 * tasks in any order on any threads and the result is the same; the
 * winner is chosen and the first failure (in task order) reported after
 * all of them are done.
 */
#include <math.h>
#include <string.h>

#include <optviz/tune.h>

#include "alloc_private.h"
#include "error_private.h"

typedef struct search {
    const ov_loss *loss;
    const ov_optim_config *cfgs;
    const ov_run_config *rc;
    const ov_tune_config *tc;
    const double *minima;        /* distance objective: pairs */
    size_t n_minima;
    ov_tune_result *res;
    ov_status *st;               /* per task */
    ov_error *errs;              /* per task */
} search;

double
ov_tune_grid_lr(const ov_tune_config *tc, int k)
{
    return tc->lr_lo * pow(tc->lr_hi / tc->lr_lo,
                           (double)k / (double)(tc->n - 1));
}

const char *
ov_tune_objective_name(ov_tune_objective obj)
{
    switch (obj) {
    case OV_TUNE_FINAL_LOSS:
        return "final-loss";
    case OV_TUNE_DISTANCE:
        return "distance";
    }
    return NULL;
}

ov_status
ov_tune_objective_find(const char *name, ov_tune_objective *out)
{
    static const ov_tune_objective all[] = {
        OV_TUNE_FINAL_LOSS, OV_TUNE_DISTANCE
    };
    size_t i;

    for (i = 0; name && i < sizeof all / sizeof all[0]; i++)
        if (strcmp(name, ov_tune_objective_name(all[i])) == 0) {
            *out = all[i];
            return OV_OK;
        }
    return OV_ERR_NOT_FOUND;
}

static int
failed(const ov_tune_point *p)
{
    return p->diverged_at >= 0 || !isfinite(p->objective);
}

int
ov_tune_point_compare(const ov_tune_point *a, const ov_tune_point *b)
{
    int fa = failed(a), fb = failed(b);

    if (fa != fb)
        return fa - fb;
    if (!fa && a->objective != b->objective)
        return a->objective < b->objective ? -1 : 1;
    if (a->lr != b->lr)
        return a->lr < b->lr ? -1 : 1;
    return 0;
}

static double
distance(const search *s, const double *theta)
{
    double best = INFINITY;
    size_t i;

    for (i = 0; i < s->n_minima; i++)
        best = fmin(best, hypot(theta[0] - s->minima[2 * i],
                                theta[1] - s->minima[2 * i + 1]));
    return best;
}

static void
run_task(void *task, size_t i)
{
    search *s = task;
    size_t per = (size_t)s->tc->n + 1, si = i / per, k = i % per;
    ov_tune_series *ser = &s->res->series[si];
    ov_tune_point *p = k == 0 ? &ser->def : &ser->grid[k - 1];
    ov_optim_config cfg = s->cfgs[si];
    ov_trajectory *t = NULL;
    const ov_traj_row *last;

    cfg.lr = k == 0 ? cfg.lr : ov_tune_grid_lr(s->tc, (int)k - 1);
    p->lr = cfg.lr;
    p->objective = INFINITY;
    p->final_loss = NAN;
    p->diverged_at = -1;
    memset(&s->errs[i], 0, sizeof s->errs[i]);
    s->st[i] = ov_run(&t, s->loss, &cfg, s->rc, &s->errs[i]);
    if (s->st[i] != OV_OK)
        return;
    last = &t->rows[t->n_rows - 1];
    p->final_loss = last->loss;
    p->diverged_at = t->diverged_at;
    if (t->diverged_at < 0)
        p->objective = s->tc->objective == OV_TUNE_DISTANCE
                       ? distance(s, last->theta) : last->loss;
    ov_trajectory_destroy(t);
}

static void
map_serial(void *payload, size_t n, ov_tune_task_fn fn, void *task)
{
    size_t i;

    (void)payload;
    for (i = 0; i < n; i++)
        fn(task, i);
}

void
ov_tune_result_destroy(ov_tune_result *r)
{
    size_t i;

    if (!r)
        return;
    for (i = 0; r->series && i < r->n; i++)
        ov__free(r->series[i].grid);
    ov__free(r->series);
    ov__free(r);
}

static ov_status
check_config(const ov_loss *loss, const ov_tune_config *tc, search *s,
             ov_error *err)
{
    if (!(tc->lr_lo > 0.0) || !(tc->lr_hi > tc->lr_lo)
        || !isfinite(tc->lr_hi))
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "lr");
    if (tc->n < OV_TUNE_MIN_GRID || tc->n > OV_TUNE_MAX_GRID)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "n");
    if (!ov_tune_objective_name(tc->objective))
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "objective");
    if (tc->objective == OV_TUNE_DISTANCE) {
        s->n_minima = ov_loss_minima(loss, &s->minima);
        if (s->n_minima == 0)
            return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0, "distance");
    }
    return OV_OK;
}

ov_status
ov_tune_search(ov_tune_result **out, const ov_loss *loss,
               const ov_optim_config *cfgs, size_t n,
               const ov_run_config *rc, const ov_tune_config *tc,
               ov_tune_map_fn map, void *payload, ov_error *err)
{
    search s;
    size_t i, k, tasks;
    ov_status st;

    *out = NULL;
    memset(&s, 0, sizeof s);
    st = check_config(loss, tc, &s, err);
    if (st != OV_OK)
        return st;
    s.loss = loss;
    s.cfgs = cfgs;
    s.rc = rc;
    s.tc = tc;
    tasks = n * ((size_t)tc->n + 1);
    s.res = ov__calloc(1, sizeof *s.res);
    if (!s.res)
        return OV_ERR_NOMEM;
    s.res->config = *tc;
    s.res->n = n;
    s.res->series = ov__calloc(n ? n : 1, sizeof *s.res->series);
    s.st = ov__calloc(tasks ? tasks : 1, sizeof *s.st);
    s.errs = ov__calloc(tasks ? tasks : 1, sizeof *s.errs);
    st = s.res->series && s.st && s.errs ? OV_OK : OV_ERR_NOMEM;
    for (i = 0; st == OV_OK && i < n; i++) {
        s.res->series[i].config = cfgs[i];
        s.res->series[i].grid = ov__calloc((size_t)tc->n,
                                           sizeof *s.res->series[i].grid);
        if (!s.res->series[i].grid)
            st = OV_ERR_NOMEM;
    }
    if (st == OV_OK)
        (map ? map : map_serial)(map ? payload : NULL, tasks, run_task, &s);
    for (i = 0; st == OV_OK && i < tasks; i++)
        if (s.st[i] != OV_OK) {
            st = s.st[i];
            if (err)
                *err = s.errs[i];
        }
    for (i = 0; st == OV_OK && i < n; i++) {
        ov_tune_series *ser = &s.res->series[i];

        ser->best = 0;
        for (k = 1; k < (size_t)tc->n; k++)
            if (ov_tune_point_compare(&ser->grid[k],
                                      &ser->grid[ser->best]) < 0)
                ser->best = (int)k;
    }
    ov__free(s.st);
    ov__free(s.errs);
    if (st != OV_OK) {
        ov_tune_result_destroy(s.res);
        return st;
    }
    *out = s.res;
    return OV_OK;
}
