/*
 * test_frames.c: the one frame pipeline (src/render/frame.c) draws every
 * frame of every view exactly as a fresh render of that step, with and
 * without --trail: the incremental trails, the rows that leave the trail
 * window and the overlay leave no drift, in any view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "testutil.h"
#include "render/figure.h"

static ov_trajectory *
run(const ov_loss *loss, ov_algo algo, double lr, long steps)
{
    ov_optim_config cfg;
    ov_optim_config_init(&cfg, algo);
    cfg.lr = lr;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = steps;
    ov_trajectory *t = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_run(&t, loss, &cfg, &rc, &err), OV_OK);
    return t;
}

/* A run under a cosine schedule with a warm-up (a varying lr column). */
static ov_trajectory *
run_scheduled(const ov_loss *loss, ov_algo algo, double lr, long steps)
{
    ov_optim_config cfg;
    ov_optim_config_init(&cfg, algo);
    cfg.lr = lr;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = steps;
    ov_error err;
    CHECK_EQ_INT(ov_schedule_parse(&rc.schedule, "cosine", &err), OV_OK);
    rc.schedule.warmup = 5;
    ov_trajectory *t = NULL;
    CHECK_EQ_INT(ov_run(&t, loss, &cfg, &rc, &err), OV_OK);
    return t;
}

static ov_trajectory *
respond(ov_algo algo, double lr, long steps)
{
    ov_optim_config c;
    ov_optim_config_init(&c, algo);
    c.lr = lr;
    size_t s = 0;
    CHECK_EQ_INT(ov_signal_find("spikes", &s), OV_OK);
    ov_trajectory *t = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_signal_run(&t, s, steps, 413, &c, &err), OV_OK);
    return t;
}

/* Pixels where frame @p a and a fresh render of the same step differ. */
static long
differ(const ov_image *a, const ov_image *b)
{
    long d = 0;
    for (int y = 0; y < a->height; y++)
        for (int x = 0; x < a->width; x++)
            d += tu_pixel(a, x, y) != tu_pixel(b, x, y);
    return d;
}

/*
 * Draws the figure frame by frame, a few steps at a time and then one at a
 * time, and compares every frame with a scene made fresh for that step
 * alone.  Also checks that the frames changed and stayed inside their
 * dirty rectangles (the GIF writer trusts them).
 */
static void
check_drift(const ov_loss *loss, ov_trajectory *const *tr, size_t n,
            const ov_figure_spec *spec, const char *what)
{
    ov__figure *anim = NULL;
    ov_error err;
    if (ov__figure_create(&anim, loss, (const ov_trajectory *const *)tr, n,
                         spec, &err) != OV_OK) {
        CHECK_MSG(0, "%s: scene: %s", what, err.what);
        return;
    }
    long last = ov__figure_last_step(anim);
    long frames = 0, worst = 0, worst_step = -1, changed = 0;
    const ov_image *img = ov__figure_image(anim);
    size_t words = img->stride / 4 * (size_t)img->height;
    uint32_t *prev = calloc(words, 4);
    long step = 0;
    while (prev) {
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd = 0;
        long outside = 0;
        memcpy(prev, img->px, words * 4);
        CHECK_EQ_INT(ov__figure_frame(anim, step, d, OV__FIGURE_MAX_DIRTY,
                                     &nd), OV_OK);
        for (int y = 0; y < img->height; y++)
            for (int x = 0; x < img->width; x++) {
                uint32_t now = img->px[(size_t)y * img->stride / 4 + x];
                if (now == prev[(size_t)y * img->stride / 4 + x])
                    continue;
                changed++;
                int in = 0;
                for (size_t k = 0; k < nd && !in; k++)
                    in = x >= d[k].x && x < d[k].x + d[k].w &&
                         y >= d[k].y && y < d[k].y + d[k].h;
                outside += !in;
            }
        CHECK_MSG(outside == 0, "%s: step %ld: %ld pixels changed outside "
                  "the dirty rectangles", what, step, outside);
        ov__figure *fresh = NULL;
        if (ov__figure_create(&fresh, loss, (const ov_trajectory *const *)tr,
                             n, spec, &err) == OV_OK &&
            ov__figure_frame(fresh, step, d, OV__FIGURE_MAX_DIRTY, &nd) ==
                OV_OK) {
            long dd = differ(img, ov__figure_image(fresh));
            if (dd > worst) {
                worst = dd;
                worst_step = step;
            }
        } else {
            CHECK_MSG(0, "%s: fresh scene at step %ld", what, step);
        }
        ov__figure_destroy(fresh);
        frames++;
        if (step >= last)
            break;
        step += step < last / 2 ? 3 : 1;
        if (step > last)
            step = last;
    }
    CHECK_MSG(worst == 0, "%s: frame at step %ld differs from a fresh "
              "render in %ld pixels", what, worst_step, worst);
    CHECK_MSG(frames > 10 && changed > 100, "%s: %ld frames, %ld pixels "
              "changed", what, frames, changed);
    free(prev);
    ov__figure_destroy(anim);
}

/* The loss panel shows the lr strip under the loss exactly when a run's
 * lr varies or it has Prodigy's d: the loss plot is then shorter and the
 * first run's colour appears below it. */
static void
check_strip(const ov_loss *loss, ov_trajectory *const *tr, size_t n,
            int want, const char *what)
{
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.panel_loss = 1;
    ov__figure *f = NULL;
    ov_error err;
    ov_rect d[OV__FIGURE_MAX_DIRTY], cells[4];
    size_t nd;
    CHECK_EQ_INT(ov__figure_create(&f, loss, (const ov_trajectory *const *)tr,
                                   n, &spec, &err), OV_OK);
    if (!f)
        return;
    CHECK_EQ_INT(ov__figure_frame(f, ov__figure_last_step(f), d,
                                  OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    CHECK_EQ_INT((int)ov__figure_cells(f, cells, 4), 2);
    const ov__figure *panel = ov__figure_cell(f, 1);
    int x, y, w, h;
    ov__figure_plot_area(panel, &x, &y, &w, &h);
    CHECK_MSG((h < 0.6 * spec.height) == want, "%s: loss plot %d px high",
              what, h);
    const ov_image *img = ov__figure_image(f);
    uint32_t c = ov__figure_series_color(f, 0);
    long below = 0;
    for (int py = cells[1].y + y + h + 40; py < spec.height; py++)
        for (int px = cells[1].x + x; px < cells[1].x + x + w; px++)
            below += tu_cdist(tu_pixel(img, px, py), c) < 40;
    CHECK_MSG((below > 50) == want, "%s: %ld pixels near the first run's "
              "colour below the loss plot", what, below);
    ov__figure_destroy(f);
}

int
main(void)
{
    ov_loss *ols = tu_loss("ols");
    ov_loss *himmel = tu_loss("himmelblau");
    ov_loss *cosine = tu_loss("cosine");
    ov_loss *parabola = tu_loss("parabola");
    ov_trajectory *t2[3] = { run(ols, OV_ALGO_GD, 0.1, 40),
                             run(ols, OV_ALGO_ADAM, 0.5, 40),
                             run(ols, OV_ALGO_MOMENTUM, 0.02, 25) };
    ov_trajectory *th[2] = { run(himmel, OV_ALGO_ADAM, 0.1, 40),
                             run(himmel, OV_ALGO_GD, 0.01, 40) };
    ov_trajectory *t1[2] = { run(cosine, OV_ALGO_GD, 0.5, 30),
                             run(cosine, OV_ALGO_MOMENTUM, 0.1, 30) };
    ov_trajectory *tr[2] = { respond(OV_ALGO_MOMENTUM, 0.1, 60),
                             respond(OV_ALGO_ADAM, 0.1, 60) };
    /* The loss panel's lr strip: a schedule, and Prodigy's d. */
    ov_trajectory *ts[2] = { run_scheduled(ols, OV_ALGO_ADAM, 0.5, 40),
                             run(ols, OV_ALGO_PRODIGY, 0.5, 40) };
    check_strip(ols, ts, 2, 1, "schedule and prodigy");
    /* adam (red) first: gd's black is also the colour of the tick labels
     * and the axis name under the plot. */
    ov_trajectory *t2r[3] = { t2[1], t2[2], t2[0] };
    check_strip(ols, t2r, 3, 0, "constant lr");
    /* The sensitivity view: a search of gd and adam on ols, drawn with
     * the winners' runs. */
    ov_tune_result *tune = NULL;
    ov_trajectory *tw[2] = { NULL, NULL };
    {
        ov_optim_config cfgs[2];
        ov_run_config rc = OV_RUN_CONFIG_INIT;
        ov_tune_config tc = OV_TUNE_CONFIG_INIT;
        ov_error err;
        ov_optim_config_init(&cfgs[0], OV_ALGO_GD);
        ov_optim_config_init(&cfgs[1], OV_ALGO_ADAM);
        cfgs[0].lr = 0.1;
        cfgs[1].lr = 0.5;
        rc.steps = 40;
        tc.lr_lo = 1e-3;
        tc.lr_hi = 10.0;
        tc.n = 21;
        CHECK_EQ_INT(ov_tune_search(&tune, ols, cfgs, 2, &rc, &tc, NULL, NULL,
                                    &err), OV_OK);
        for (size_t i = 0; tune && i < 2; i++)
            tw[i] = run(ols, cfgs[i].algo,
                        tune->series[i].grid[tune->series[i].best].lr, 40);
    }
    static const long trails[] = { 0, 1, 5 };
    for (size_t k = 0; k < sizeof trails / sizeof trails[0]; k++) {
        char what[96];
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.width = 400;
        spec.height = 300;
        spec.trail = trails[k];
        snprintf(what, sizeof what, "contour, trail %ld", trails[k]);
        check_drift(ols, t2, 3, &spec, what);
        spec.arrows = OV_ARROWS_GRADIENT;
        snprintf(what, sizeof what, "contour arrows, trail %ld", trails[k]);
        check_drift(himmel, th, 2, &spec, what);
        /* Equal aspect: the plot moved in from the margins' box. */
        spec.aspect = OV_ASPECT_EQUAL;
        snprintf(what, sizeof what, "contour equal, trail %ld", trails[k]);
        check_drift(himmel, th, 2, &spec, what);
        spec.aspect = OV_ASPECT_AUTO;
        spec.arrows = OV_ARROWS_NONE;
        spec.view = OV_VIEW_SURFACE;
        snprintf(what, sizeof what, "surface, trail %ld", trails[k]);
        check_drift(himmel, th, 2, &spec, what);
        spec.view = OV_VIEW_HISTORY;
        snprintf(what, sizeof what, "history, trail %ld", trails[k]);
        check_drift(ols, t2, 3, &spec, what);
        spec.view = OV_VIEW_CURVE;
        snprintf(what, sizeof what, "curve, trail %ld", trails[k]);
        check_drift(cosine, t1, 2, &spec, what);
        spec.view = OV_VIEW_RESPONSE;
        snprintf(what, sizeof what, "response, trail %ld", trails[k]);
        check_drift(parabola, tr, 2, &spec, what);
        spec.view = OV_VIEW_SENSITIVITY;
        spec.tune = tune;
        snprintf(what, sizeof what, "sensitivity, trail %ld", trails[k]);
        if (tune)
            check_drift(ols, tw, 2, &spec, what);
        spec.tune = NULL;
        spec.view = OV_VIEW_AUTO;
        spec.panel_loss = 1;
        snprintf(what, sizeof what, "contour + loss panel, trail %ld",
                 trails[k]);
        check_drift(ols, t2, 3, &spec, what);
        snprintf(what, sizeof what, "loss panel with lr strip, trail %ld",
                 trails[k]);
        check_drift(ols, ts, 2, &spec, what);
        spec.panel_loss = 0;
        spec.layout_grid = 1;
        snprintf(what, sizeof what, "grid, trail %ld", trails[k]);
        check_drift(himmel, th, 2, &spec, what);
    }
    for (size_t i = 0; i < 3; i++)
        ov_trajectory_destroy(t2[i]);
    for (size_t i = 0; i < 2; i++) {
        ov_trajectory_destroy(th[i]);
        ov_trajectory_destroy(t1[i]);
        ov_trajectory_destroy(tr[i]);
        ov_trajectory_destroy(ts[i]);
    }
    ov_trajectory_destroy(tw[0]);
    ov_trajectory_destroy(tw[1]);
    ov_tune_result_destroy(tune);
    ov_loss_destroy(ols);
    ov_loss_destroy(himmel);
    ov_loss_destroy(cosine);
    ov_loss_destroy(parabola);
    return check_report("frames");
}
