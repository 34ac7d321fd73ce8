/*
 * test_response.c: the gradient-response view (seed 001), on decoded
 * pixels: each response line passes through its (step, theta_t -
 * theta_{t+1}) points and the signal through (step, g_t), in seed 001's
 * colours; the x axis at 0; frames against the still with dirty
 * rectangles covering every change; the GIF's last frame equals the PNG;
 * grid cells share the y range; SVG and PDF; errors (2-D runs, loss
 * panel).  With OV_VIEWS_DIR set, the figures are also written there.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>
#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "render/figure.h"

#define SIGNAL_BLUE 0x1F77B4
#define ORANGE 0xFF7F0E
#define GREEN 0x2CA02C
#define RED 0xD62728

static ov_trajectory *
srun(const char *signal, ov_algo algo, double lr, const char *key, double val,
     long steps)
{
    ov_optim_config c;
    ov_optim_config_init(&c, algo);
    c.lr = lr;
    if (key && strcmp(key, "momentum") == 0)
        c.momentum = val;
    if (key && strcmp(key, "alpha") == 0)
        c.alpha = val;
    if (key && strcmp(key, "beta1") == 0)
        c.beta1 = val;
    size_t s = 0;
    CHECK_EQ_INT(ov_signal_find(signal, &s), OV_OK);
    ov_trajectory *t = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_signal_run(&t, s, steps, 413, &c, &err), OV_OK);
    return t;
}

static double
resp_at(const ov_trajectory *t, size_t k)
{
    return t->rows[k].theta[0] - t->rows[k + 1].theta[0];
}

/* Every response line through its points, and the signal through its. */
static void
check_lines(const ov_loss *loss, ov_trajectory *const *t, size_t n,
            const uint32_t *colors, const char *what)
{
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_RESPONSE;
    spec.signal = what;
    spec.legend = 0;   /* it would cover some points */
    const ov_trajectory *tr[8];
    for (size_t i = 0; i < n; i++)
        tr[i] = t[i];
    ov__figure *sc = NULL;
    ov_error err;
    CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, n, &spec, &err), OV_OK);
    if (!sc)
        return;
    CHECK(strcmp(ov__figure_view(sc), "response") == 0);
    long last = ov__figure_last_step(sc);
    CHECK_EQ_INT(last, (long)t[0]->n_rows - 1);
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    CHECK_EQ_INT(ov__figure_frame(sc, last, d, OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    const ov_image *img = ov__figure_image(sc);
    int px, py, pw, ph;
    ov__figure_plot_area(sc, &px, &py, &pw, &ph);
    /* Steps within about a pixel column (long runs are drawn in bins). */
    double xs0, xs1, ys;
    ov__figure_to_pixel(sc, 0.0, 0.0, &xs0, &ys);
    ov__figure_to_pixel(sc, 1.0, 0.0, &xs1, &ys);
    size_t w = (size_t)ceil(2.0 / (xs1 - xs0));
    /* Every point of a line must be on it, unless a line drawn later
     * passes near it (within 2 pixels of its y range around the step). */
    for (size_t i = 0; i <= n; i++) {
        int hits = 0, tried = 0;
        int sig = i == n;
        uint32_t want = sig ? SIGNAL_BLUE : colors[i];
        for (size_t k = w; k + w + 1 < t[0]->n_rows; k += 3) {
            double x, y;
            ov__figure_to_pixel(sc, (double)k, sig ? t[0]->rows[k].grad[0]
                                                  : resp_at(t[i], k), &x, &y);
            if (x < px + 3 || x > px + pw - 3 || y < py + 3 || y > py + ph - 3)
                continue;
            int hidden = 0;
            for (size_t j = sig ? 0 : i + 1; j < n; j++) {
                double lo = INFINITY, hi = -INFINITY;
                for (size_t kk = k - w; kk <= k + w; kk++) {
                    double xj, yj;
                    ov__figure_to_pixel(sc, (double)kk, resp_at(t[j], kk), &xj,
                                       &yj);
                    lo = fmin(lo, yj);
                    hi = fmax(hi, yj);
                }
                hidden |= y > lo - 3.0 && y < hi + 3.0;
            }
            if (hidden)
                continue;
            tried++;
            hits += tu_near_aa(img, x, y, 1, want, 60);
        }
        CHECK_MSG(tried >= 5 && hits >= tried - 1,
                  "%s %s %zu: %d of %d points on the line", what,
                  sig ? "signal" : "series", i, hits, tried);
    }
    /* Elsewhere the lines are absent: no series colour a third of the plot
     * away from its points. */
    for (size_t i = 0; i < n; i++) {
        int wrong = 0;
        for (size_t k = 5; k + 2 < t[i]->n_rows; k += 11) {
            double r = t[i]->rows[k].theta[0] - t[i]->rows[k + 1].theta[0];
            double x, y;
            ov__figure_to_pixel(sc, (double)k, r, &x, &y);
            double yo = y > py + ph / 2 ? y - ph / 3 : y + ph / 3;
            /* Skip columns where some line may pass through yo. */
            int busy = 0;
            for (size_t j = 0; j < n; j++)
                for (int dk = -1; dk <= 1; dk++) {
                    long kk = (long)k + dk;
                    double rj = t[j]->rows[kk].theta[0] -
                                t[j]->rows[kk + 1].theta[0], xj, yj;
                    ov__figure_to_pixel(sc, (double)kk, rj, &xj, &yj);
                    busy |= fabs(yj - yo) < ph / 4;
                }
            if (!busy)
                wrong += tu_near_aa(img, x, yo, 1, colors[i], 60);
        }
        CHECK_MSG(wrong == 0, "%s series %zu: %d points off the line", what, i,
                  wrong);
    }
    /* The x axis at 0 (seed 001 puts its bottom spine there): black
     * wherever no line comes near the row. */
    double x0, y0, x1, y1;
    ov__figure_to_pixel(sc, 0.0, 0.0, &x0, &y0);
    ov__figure_to_pixel(sc, 1.0, 0.0, &x1, &y1);
    (void)y1;
    int yz = (int)round(y0), free_cols = 0, black = 0;
    for (int x = px + 1; x < px + pw - 1; x++) {
        long k = (long)floor((x - x0) / (x1 - x0));
        if (k < (long)w || k + (long)w + 3 > (long)t[0]->n_rows)
            continue;
        int near0 = 0;
        for (size_t j = 0; j <= n; j++) {
            double prev = NAN;
            for (long kk = k - (long)w; kk <= k + (long)w + 1; kk++) {
                double v = j == n ? t[0]->rows[kk].grad[0] : resp_at(t[j], kk);
                double xx, yy;
                ov__figure_to_pixel(sc, (double)kk, v, &xx, &yy);
                near0 |= fabs(yy - y0) < 4.0 || (yy - y0) * (prev - y0) < 0.0;
                prev = yy;
            }
        }
        if (near0)
            continue;
        free_cols++;
        black += tu_pixel(img, x, yz) == 0x000000;
    }
    int expect_free = !strcmp(what, "noisy-sin") || !strcmp(what, "rectangles");
    CHECK_MSG((free_cols > 20 || !expect_free) && black == free_cols,
              "%s: zero line black in %d of %d free columns", what, black,
              free_cols);
    ov__figure_destroy(sc);
}

/* Frames end on the still, dirty rectangles cover every change, a
 * repeated step changes nothing. */
static void
check_frames(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
             const ov_figure_spec *spec, const char *what)
{
    long lead[] = { 1, 2, 3, 3 };
    tu_frames f = tu_frames_check(loss, tr, n, spec, lead,
                                  sizeof lead / sizeof lead[0]);
    TU_CHECK_FRAMES(f, what, 1000);
}

/* An animation's frame at step k shows responses 0..k-1 only. */
static void
check_partial(const ov_loss *loss, const ov_trajectory *t)
{
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_RESPONSE;
    spec.legend = 0;
    ov__figure *sc = NULL;
    ov_error err;
    const ov_trajectory *tr[1] = { t };
    CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, 1, &spec, &err), OV_OK);
    if (!sc)
        return;
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    CHECK_EQ_INT(ov__figure_frame(sc, 150, d, OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    const ov_image *img = ov__figure_image(sc);
    int before = 0, after = 0;
    for (long k = 10; k < 290; k += 10) {
        double r = t->rows[k].theta[0] - t->rows[k + 1].theta[0], x, y;
        ov__figure_to_pixel(sc, (double)k, r, &x, &y);
        int on = tu_near_aa(img, x, y, 1, ORANGE, 60);
        if (k < 140)
            before += on;
        else if (k > 160)
            after += on;
    }
    CHECK_MSG(before >= 12 && after == 0, "step 150: %d drawn before, %d after",
              before, after);
    ov__figure_destroy(sc);
}

/* Decodes the GIF's last frame (frames are full-canvas composites). */
static void
check_gif(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
          ov_figure_spec *spec)
{
    tu_buf g = { 0 };
    ov_error err;
    spec->frames = 30;
    CHECK_EQ_INT(ov_render(tu_sink, &g, OV_FORMAT_GIF, loss, tr, n, spec, NULL,
                           NULL, &err), OV_OK);
    CHECK(g.len > 1000 && memcmp(g.p, "GIF89a", 6) == 0);
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, n, spec, &err), OV_OK);
    if (!sc || !g.p) {
        ov__figure_destroy(sc);
        free(g.p);
        return;
    }
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    ov__figure_frame(sc, ov__figure_last_step(sc), d, OV__FIGURE_MAX_DIRTY, &nd);
    const ov_image *img = ov__figure_image(sc);
    GifFileType *gf = tu_gif_slurp(g.p, g.len);
    CHECK(gf != NULL && gf->SColorMap != NULL);
    if (gf && gf->SColorMap) {
        CHECK(gf->ImageCount >= 10 && gf->ImageCount <= 31);
        /* Compose all frames onto a canvas, then compare with the still:
         * the palette is exact for the scene's own colours. */
        int W = gf->SWidth, H = gf->SHeight;
        uint8_t *canvas = calloc((size_t)W * H, 1);
        for (int i = 0; i < gf->ImageCount; i++)
            CHECK(tu_gif_compose(gf, i, canvas));
        const GifColorType *cm = gf->SColorMap->Colors;
        long exact = 0, total = (long)W * H, far = 0;
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                GifColorType c = cm[canvas[(size_t)y * W + x]];
                uint32_t a = (uint32_t)c.Red << 16 | (uint32_t)c.Green << 8 |
                             c.Blue;
                uint32_t b = tu_pixel(img, x, y);
                exact += a == b;
                far += tu_cdist(a, b) > 48;
            }
        CHECK_MSG(exact > total * 9 / 10 && far < total / 200,
                  "GIF last frame: %ld of %ld exact, %ld far", exact, total,
                  far);
        free(canvas);
    }
    if (gf) {
        int e = 0;
        DGifCloseFile(gf, &e);
    }
    ov__figure_destroy(sc);
    free(g.p);
    spec->frames = 0;
}

/* SVG whole and deterministic with its texts (legend's gradient entry),
 * PDF starts right. */
static void
check_vector(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
             const ov_figure_spec *spec, const char *must)
{
    tu_vector v = tu_vector_check(loss, tr, n, spec);
    TU_CHECK_VECTOR(v, must);
    CHECK_MSG(v.svg.s && strstr(v.svg.s, ">gradient<") != NULL,
              "SVG lacks the legend's gradient entry");
    tu_buf_free(&v.svg);
}

int
main(void)
{
    /* The loss is not drawn; any will do. */
    ov_loss *loss = tu_loss("ols");
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_RESPONSE;

    /* Seed 001: momentum 0.25 / 0.9 / 0.975 on spikes. */
    ov_trajectory *m[3] = {
        srun("spikes", OV_ALGO_MOMENTUM, 0.25, "momentum", 0.25, 0),
        srun("spikes", OV_ALGO_MOMENTUM, 0.25, "momentum", 0.9, 0),
        srun("spikes", OV_ALGO_MOMENTUM, 0.25, "momentum", 0.975, 0)
    };
    const ov_trajectory *mt[3] = { m[0], m[1], m[2] };
    uint32_t cols[3] = { ORANGE, GREEN, RED };
    check_lines(loss, m, 3, cols, "spikes");
    spec.signal = "spikes";
    check_frames(loss, mt, 3, &spec, "momentum on spikes");
    check_partial(loss, m[1]);
    check_vector(loss, mt, 3, &spec, "momentum (lr=0.25): response to spikes");
    check_gif(loss, mt, 3, &spec);
    tu_dump_png("response_momentum_spikes", loss, mt, 3, &spec);

    /* RMSprop and Adam on noisy-sin. */
    ov_trajectory *r[3] = {
        srun("noisy-sin", OV_ALGO_RMSPROP, 0.25, "alpha", 0.25, 0),
        srun("noisy-sin", OV_ALGO_RMSPROP, 0.25, "alpha", 0.9, 0),
        srun("noisy-sin", OV_ALGO_RMSPROP, 0.25, "alpha", 0.975, 0)
    };
    check_lines(loss, r, 3, cols, "noisy-sin");
    const ov_trajectory *rt[3] = { r[0], r[1], r[2] };
    spec.signal = "noisy-sin";
    tu_dump_png("response_rmsprop_noisy_sin", loss, rt, 3, &spec);
    ov_trajectory *a[3] = {
        srun("rectangles", OV_ALGO_ADAM, 0.25, "beta1", 0.25, 0),
        srun("rectangles", OV_ALGO_ADAM, 0.25, "beta1", 0.9, 0),
        srun("rectangles", OV_ALGO_ADAM, 0.25, "beta1", 0.975, 0)
    };
    check_lines(loss, a, 3, cols, "rectangles");
    const ov_trajectory *at[3] = { a[0], a[1], a[2] };
    spec.signal = "rectangles";
    tu_dump_png("response_adam_rectangles", loss, at, 3, &spec);

    /* A long run is drawn in bins of steps (several per pixel column):
     * still every point on its line, frames equal to the still. */
    {
        ov_trajectory *lt[1] = {
            srun("very-noisy-sin", OV_ALGO_MOMENTUM, 0.1, "momentum", 0.5, 4000)
        };
        const ov_trajectory *ltc[1] = { lt[0] };
        uint32_t lc[1] = { ORANGE };
        check_lines(loss, lt, 1, lc, "long very-noisy-sin");
        ov_figure_spec ls = spec;
        ls.signal = "very-noisy-sin";
        check_frames(loss, ltc, 1, &ls, "long run");
        tu_dump_png("response_long", loss, ltc, 1, &ls);
        ov_trajectory_destroy(lt[0]);
    }

    /* A user's label is the legend text as given: no setting appended
     * even where the settings differ (they do here: momentum 0.25 / 0.9 /
     * 0.975); the tool's labels still get theirs. */
    {
        ov_trajectory *u[2] = {
            srun("spikes", OV_ALGO_MOMENTUM, 0.25, "momentum", 0.9, 0),
            srun("spikes", OV_ALGO_MOMENTUM, 0.25, "momentum", 0.25, 0)
        };
        snprintf(u[0]->label, sizeof u[0]->label, "fast");
        snprintf(u[1]->label, sizeof u[1]->label, "momentum-2");
        const ov_trajectory *ut[2] = { u[0], u[1] };
        ov_figure_spec us = spec;
        us.signal = "spikes";
        ov_error err;
        tu_buf b = { 0 };
        CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_SVG, loss, ut, 2, &us,
                               NULL, NULL, &err), OV_OK);
        const char *svg = b.p ? (const char *)b.p : "";
        CHECK_MSG(strstr(svg, ">fast<") != NULL,
                  "the legend does not show the label 'fast' as given");
        CHECK_MSG(strstr(svg, "fast momentum=") == NULL,
                  "a setting was appended to the user's label");
        CHECK_MSG(strstr(svg, ">momentum-2 momentum=0.25<") != NULL,
                  "the tool's label lost its setting");
        free(b.p);
        ov_trajectory_destroy(u[0]);
        ov_trajectory_destroy(u[1]);
    }

    /* A user's colour and the dark theme. */
    ov_figure_spec s2 = spec;
    s2.has_color[1] = 1;
    s2.color[1] = 0x00AAFF;
    s2.theme = OV_THEME_DARK;
    /* cycle order, user colour skipped */
    uint32_t c2[3] = { ORANGE, 0x00AAFF, GREEN };
    {
        ov__figure *sc = NULL;
        ov_error err;
        CHECK_EQ_INT(ov__figure_create(&sc, loss, at, 3, &s2, &err), OV_OK);
        if (sc) {
            for (size_t i = 0; i < 3; i++)
                CHECK_EQ_INT(ov__figure_series_color(sc, i), c2[i]);
            ov__figure_destroy(sc);
        }
    }

    /* A user's colour that is in the cycle is not given out again. */
    {
        ov_figure_spec s3 = spec;
        s3.has_color[0] = 1;
        s3.color[0] = GREEN;
        uint32_t c3[3] = { GREEN, ORANGE, RED };
        ov__figure *sc = NULL;
        ov_error err;
        CHECK_EQ_INT(ov__figure_create(&sc, loss, at, 3, &s3, &err), OV_OK);
        if (sc) {
            for (size_t i = 0; i < 3; i++)
                CHECK_EQ_INT(ov__figure_series_color(sc, i), c3[i]);
            ov__figure_destroy(sc);
        }
    }

    /* Grid: one cell per run, one y range. */
    ov_figure_spec g = spec;
    g.layout_grid = 1;
    g.width = 1200;
    g.height = 400;
    {
        ov__figure *sc = NULL;
        ov_error err;
        CHECK_EQ_INT(ov__figure_create(&sc, loss, at, 3, &g, &err), OV_OK);
        if (sc) {
            ov_rect cells[4];
            CHECK_EQ_INT(ov__figure_cells(sc, cells, 4), 3);
            double y[3][2];
            for (size_t i = 0; i < 3; i++) {
                const ov__figure *c = ov__figure_cell(sc, i);
                double x;
                CHECK(strcmp(ov__figure_view(c), "response") == 0);
                ov__figure_to_pixel(c, 0.0, 0.0, &x, &y[i][0]);
                ov__figure_to_pixel(c, 0.0, 1.0, &x, &y[i][1]);
            }
            CHECK(y[0][0] == y[1][0] && y[1][0] == y[2][0]);
            CHECK(y[0][1] == y[1][1] && y[1][1] == y[2][1]);
            ov__figure_destroy(sc);
        }
        check_frames(loss, at, 3, &g, "response grid");
    }

    /* Errors: 2-D runs, a loss panel. */
    {
        ov_loss *q = tu_loss("quadratic");
        ov_optim_config c;
        ov_optim_config_init(&c, OV_ALGO_GD);
        ov_run_config rc = OV_RUN_CONFIG_INIT;
        rc.steps = 10;
        ov_trajectory *t2 = NULL;
        ov_error err;
        CHECK_EQ_INT(ov_run(&t2, q, &c, &rc, &err), OV_OK);
        const ov_trajectory *tt[1] = { t2 };
        ov__figure *sc = NULL;
        memset(&err, 0, sizeof err);
        CHECK_EQ_INT(ov__figure_create(&sc, q, tt, 1, &spec, &err),
                     OV_ERR_UNSUPPORTED);
        CHECK(strstr(err.what, "one parameter") != NULL);
        ov_figure_spec pl = spec;
        pl.panel_loss = 1;
        CHECK_EQ_INT(ov__figure_create(&sc, loss, mt, 3, &pl, &err),
                     OV_ERR_UNSUPPORTED);
        CHECK(strstr(err.what, "loss panel") != NULL);
        ov_trajectory_destroy(t2);
        ov_loss_destroy(q);
    }

    for (int i = 0; i < 3; i++) {
        ov_trajectory_destroy(m[i]);
        ov_trajectory_destroy(r[i]);
        ov_trajectory_destroy(a[i]);
    }
    ov_loss_destroy(loss);
    return check_report("test_response");
}
