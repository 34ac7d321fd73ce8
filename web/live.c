/*
 * live.c: the entry points of the library's core compiled to WebAssembly
 * for the interactive page (encode/sink_html.c, web/player.js).
 *
 * Built by emcc only (CMakeLists.txt, OV_WITH_WASM) with the same
 * -ffp-contract=off as the tool and no fast-math, so a run here gives the
 * same doubles as `optviz --trajectory`.  The page makes the loss once
 * (ovw_loss) and reruns an optimizer (ovw_run) whenever a slider moves,
 * passing the configurations packed by pack.c.  Rows come back as
 * OVW_ROW doubles each: step, epoch, x, y, loss, grad x, grad y, lr.
 */
#include <stdlib.h>
#include <string.h>

#include "optviz/loss.h"
#include "optviz/run.h"
#include "pack_private.h"

#define EXPORT __attribute__((visibility("default"), used))
#define OVW_ROW 8

static ov_dataset *data;
static ov_loss *loss;
static double *rows;
static long nrows, diverged_at = -1;

EXPORT void *
ovw_alloc(size_t n)
{
    return malloc(n ? n : 1);
}

EXPORT void
ovw_free(void *p)
{
    free(p);
}

EXPORT int
ovw_pack_sizes(int which)
{
    return which == 0 ? (int)ov__optim_pack_size() : (int)ov__run_pack_size();
}

/* The loss called @p name, with the data set (x, y) of @p n points when
 * n > 0 (the data set the tool ran on), and its reduction. */
EXPORT int
ovw_loss(const char *name, int reduction, const double *x, const double *y,
         int n)
{
    ov_error err;

    ov_loss_destroy(loss);
    ov_dataset_destroy(data);
    loss = NULL;
    data = NULL;
    if (n > 0) {
        ov_status st = ov_dataset_from_arrays(&data, x, y, (size_t)n,
                                              "page");
        if (st)
            return (int)st;
    }
    memset(&err, 0, sizeof err);
    return (int)ov_loss_create(&loss, name, data, (ov_reduction)reduction,
                               &err);
}

/* Runs the packed optimizer configuration @p cfg with the packed run
 * configuration @p run; @return a status (0: rows ready). */
EXPORT int
ovw_run(const double *cfg, const double *run)
{
    ov_optim_config oc;
    ov_run_config rc;
    ov_trajectory *t = NULL;
    ov_error err;
    ov_status st;

    free(rows);
    rows = NULL;
    nrows = 0;
    if (!loss)
        return (int)OV_ERR_INVALID_ARG;
    st = ov__optim_unpack(cfg, &oc);
    if (st)
        return (int)st;
    ov__run_unpack(run, &rc);
    memset(&err, 0, sizeof err);
    st = ov_optim_config_validate(&oc, &err);
    if (!st)
        st = ov_run(&t, loss, &oc, &rc, &err);
    if (st)
        return (int)st;
    rows = malloc(t->n_rows * OVW_ROW * sizeof *rows);
    if (!rows) {
        ov_trajectory_destroy(t);
        return (int)OV_ERR_NOMEM;
    }
    for (size_t k = 0; k < t->n_rows; k++) {
        const ov_traj_row *r = &t->rows[k];
        double *o = rows + k * OVW_ROW;

        o[0] = (double)r->step;
        o[1] = (double)r->epoch;
        o[2] = r->theta[0];
        o[3] = r->theta[1];
        o[4] = r->loss;
        o[5] = r->grad[0];
        o[6] = r->grad[1];
        o[7] = r->lr;
    }
    nrows = (long)t->n_rows;
    diverged_at = t->diverged_at;
    ov_trajectory_destroy(t);
    return 0;
}

EXPORT long
ovw_nrows(void)
{
    return nrows;
}

EXPORT double *
ovw_rows(void)
{
    return rows;
}

EXPORT long
ovw_diverged_at(void)
{
    return diverged_at;
}
