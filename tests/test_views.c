/*
 * test_views.c: the views other than contour, and the compositions,
 * checked on geometry and decoded pixels: the surface's camera maths and
 * the minimum marker where it projects; the curve view's arrows from
 * iterate to iterate; the loss panel monotone for GD on a quadratic; grid
 * cells at their places with shared axes; history lines; frames against
 * stills with dirty rectangles covering every change; SVG and PDF.
 * With OV_VIEWS_DIR set, the figures are also written there as PNG.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "colormap.h"
#include "ticks.h"
#include "render/figure.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static ov_trajectory *
run(const ov_loss *loss, ov_algo algo, double lr, long steps, int has_start,
    double sx, double sy)
{
    ov_optim_config cfg;
    ov_optim_config_init(&cfg, algo);
    cfg.lr = lr;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = steps;
    rc.has_start = has_start;
    rc.start[0] = sx;
    rc.start[1] = sy;
    ov_trajectory *t = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_run(&t, loss, &cfg, &rc, &err), OV_OK);
    return t;
}

/* Frames at 0, 1, 2, 2 (a repeated step changes nothing), last/3, last/2,
 * last-1 and last end on the still; dirty rectangles cover every changed
 * pixel. */
static void
check_frames(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
             const ov_figure_spec *spec, const char *what)
{
    long lead[] = { 1, 2, 2 };
    tu_frames f = tu_frames_check(loss, tr, n, spec, lead,
                                  sizeof lead / sizeof lead[0]);
    TU_CHECK_FRAMES(f, what, 0);
}

/* SVG well-formed enough (root closes, text kept as text), PDF starts
 * right; both deterministic. */
static void
check_vector(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
             const ov_figure_spec *spec, const char *must)
{
    tu_vector v = tu_vector_check(loss, tr, n, spec);
    TU_CHECK_VECTOR(v, must);
    tu_buf_free(&v.svg);
}

/* ---- surface ------------------------------------------------------------ */

static void
test_surface(void)
{
    ov_loss *q = tu_loss("quadratic");
    ov_trajectory *t = run(q, OV_ALGO_GD, 0.1, 40, 1, -3.0, 2.5);
    const ov_trajectory *tr[1] = { t };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_SURFACE;
    spec.zscale = OV_ZSCALE_LINEAR;
    spec.has_xlim = spec.has_ylim = 1;
    spec.xlim[0] = -4.0; spec.xlim[1] = 4.0;
    spec.ylim[0] = -4.0; spec.ylim[1] = 4.0;
    spec.has_elev = spec.has_azim = 1;
    ov_error err;

    /* Camera maths: with elevation e and azimuth a, a step along x moves
     * the screen point by S(-sin a, sin e cos a), along y by
     * S(cos a, sin e sin a), up the height by S(0, -cos e) per box unit. */
    double cams[][2] = { { 30.0, -60.0 }, { 60.0, 35.0 }, { 25.0, -75.0 },
                         { 10.0, 120.0 } };
    for (size_t c = 0; c < 4; c++) {
        spec.elev = cams[c][0];
        spec.azim = cams[c][1];
        ov__figure *sc = NULL;
        CHECK_EQ_INT(ov__figure_create(&sc, q, tr, 1, &spec, &err), OV_OK);
        if (!sc)
            continue;
        CHECK(strcmp(ov__figure_view(sc), "surface") == 0);
        double e = spec.elev * M_PI / 180.0, a = spec.azim * M_PI / 180.0;
        double x0, y0, xu, yu, xv, yv, xw, yw;
        ov__figure_project(sc, 0.0, 0.0, 0.0, &x0, &y0);
        ov__figure_project(sc, 4.0, 0.0, 0.0, &xu, &yu);   /* u: 0 -> 1 */
        ov__figure_project(sc, 0.0, 4.0, 0.0, &xv, &yv);
        double S = hypot(xv - x0, yv - y0) / hypot(cos(a), sin(e) * sin(a));
        CHECK_NEAR(xu - x0, S * -sin(a), 1e-6 * S);
        CHECK_NEAR(yu - y0, S * sin(e) * cos(a), 1e-6 * S);
        CHECK_NEAR(xv - x0, S * cos(a), 1e-6 * S);
        CHECK_NEAR(yv - y0, S * sin(e) * sin(a), 1e-6 * S);
        /* The height is linear in the loss and vertical on screen. */
        const double *bound;
        size_t nb = ov__figure_bands(sc, &bound);
        CHECK(nb >= 5);
        ov__figure_project(sc, 0.0, 0.0, 16.0, &xw, &yw);
        CHECK_NEAR(xw, x0, 1e-6 * S);
        CHECK(yw < y0);
        double xh, yh;
        ov__figure_project(sc, 0.0, 0.0, 8.0, &xh, &yh);
        CHECK_NEAR(yh - y0, 0.5 * (yw - y0), 1e-6 * S);
        CHECK_NEAR((y0 - yw) / S / cos(e), (y0 - yh) / S / cos(e) * 2.0, 1e-9);
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                     OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        const ov_image *img = ov__figure_image(sc);
        /* Depth order against an oracle: a point on the surface is in
         * sight when the surface stays below its line of sight (within
         * half a pixel), and hidden when the surface rises above it by 3
         * pixels and its outline (the lowest point of the surface in the
         * point's screen column) lies 3 pixels below (cases between are
         * not judged).  The line of sight runs towards the eye,
         * (cos a, sin a) over the square domain, at a constant screen x;
         * a surface point above it projects above the point.  The white
         * star of the minimum and the path's rows (gd: white) show
         * exactly where in sight; low cameras see the bowl's bottom
         * hidden by its front rim. */
        uint32_t pc = ov__figure_series_color(sc, 0);
        int seen = 0, hidden = 0;
        for (size_t k = 0; k <= t->n_rows; k++) {
            double px = k < t->n_rows ? t->rows[k].theta[0] : 0.0;
            double py = k < t->n_rows ? t->rows[k].theta[1] : 0.0;
            double th[2] = { px, py }, qx, qy;
            ov__figure_project(sc, px, py, ov_loss_eval(q, th, NULL), &qx,
                               &qy);
            double low = INFINITY, deep = -INFINITY;
            /* the surface's lowest point on screen in this column */
            for (double r = -12.0; r < 12.0; r += 0.02) {
                double p2[2] = { px + r * cos(a), py + r * sin(a) }, rx, ry;
                if (fabs(p2[0]) > 4.0 || fabs(p2[1]) > 4.0)
                    continue;
                ov__figure_project(sc, p2[0], p2[1], ov_loss_eval(q, p2, NULL),
                                   &rx, &ry);
                deep = fmax(deep, ry);
            }
            for (double r = 0.02;; r += 0.02) {
                double p2[2] = { px + r * cos(a), py + r * sin(a) }, rx, ry;
                if (fabs(p2[0]) > 4.0 || fabs(p2[1]) > 4.0)
                    break;
                ov__figure_project(sc, p2[0], p2[1], ov_loss_eval(q, p2, NULL),
                                   &rx, &ry);
                CHECK_NEAR(rx, qx, 1e-6 * S);
                low = fmin(low, ry - qy);
            }
            uint32_t want = k < t->n_rows ? pc : 0xFFFFFF;
            /* the star covers the rows next to the minimum */
            if (k < t->n_rows && hypot(qx - x0, qy - y0) < 12.0)
                continue;
            if (low > -0.5) {
                seen++;
                CHECK_MSG(tu_near_aa(img, qx, qy, 1, want, 70),
                          "camera %g/%g: row %zu in sight, %06X at it",
                          spec.elev, spec.azim, k,
                          tu_pixel(img, (int)qx, (int)qy));
            } else if (low < -3.0 && deep - qy > 3.0) {
                hidden++;
                CHECK_MSG(!tu_near_aa(img, qx, qy, 1, want, 120),
                          "camera %g/%g: row %zu hidden, %06X at it",
                          spec.elev, spec.azim, k,
                          tu_pixel(img, (int)qx, (int)qy));
            }
        }
        CHECK_MSG(seen > 0 || c == 3, "camera %g/%g: nothing in sight",
                  spec.elev, spec.azim);
        if (c != 1)
            CHECK_MSG(hidden > 0, "camera %g/%g: nothing hidden", spec.elev,
                      spec.azim);
        ov__figure_destroy(sc);
    }
    /* Looking straight down, the minimum at the domain's centre lands on
     * the plot area's centre and x runs right, y up. */
    spec.elev = 90.0;
    spec.azim = -90.0;
    ov__figure *top = NULL;
    CHECK_EQ_INT(ov__figure_create(&top, q, tr, 1, &spec, &err), OV_OK);
    if (top) {
        int ax, ay, aw, ah;
        ov__figure_plot_area(top, &ax, &ay, &aw, &ah);
        double x, y, xr, yr;
        ov__figure_project(top, 0.0, 0.0, 0.0, &x, &y);
        CHECK_NEAR(x, ax + 0.5 * aw, 1e-6);
        CHECK_NEAR(y, ay + 0.5 * ah, 1e-6);
        ov__figure_project(top, 4.0, 4.0, 0.0, &xr, &yr);
        CHECK(xr > x + 100.0 && yr < y - 100.0);
        CHECK_NEAR(xr - x, y - yr, 1e-6);
        ov__figure_destroy(top);
    }
    spec.elev = 30.0;
    spec.azim = -60.0;
    check_frames(q, tr, 1, &spec, "surface");
    spec.wireframe = 1;
    check_frames(q, tr, 1, &spec, "surface wireframe");
    spec.wireframe = 0;
    check_vector(q, tr, 1, &spec, ">Quadratic: Iteration 40</text>");

    /* --rotate: every frame is new and whole; the last is the still. */
    spec.rotate = 1;
    ov__figure *rot = NULL;
    CHECK_EQ_INT(ov__figure_create(&rot, q, tr, 1, &spec, &err), OV_OK);
    if (rot) {
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        double x0, y0, x1, y1;
        CHECK_EQ_INT(ov__figure_frame(rot, 0, d, 4, &nd), OV_OK);
        ov__figure_project(rot, 4.0, 0.0, 0.0, &x0, &y0);
        CHECK_EQ_INT(ov__figure_frame(rot, 20, d, 4, &nd), OV_OK);
        CHECK(nd == 1 && d[0].w == spec.width && d[0].h == spec.height);
        ov__figure_project(rot, 4.0, 0.0, 0.0, &x1, &y1);
        CHECK(fabs(x1 - x0) > 50.0);   /* half a turn later */
        ov__figure_destroy(rot);
    }
    check_frames(q, tr, 1, &spec, "rotating surface");
    spec.rotate = 0;

    /* A 1-D loss has no surface. */
    ov_loss *one = tu_loss("parabola");
    CHECK_EQ_INT(ov__figure_create(&rot, one, NULL, 0, &spec, &err),
                 OV_ERR_UNSUPPORTED);
    ov_loss_destroy(one);
    ov_trajectory_destroy(t);
    ov_loss_destroy(q);

    /* The figures of the report: seed 000's master plot, seed 002's
     * sigmoid with NAG. */
    ov_loss *ols = tu_loss("ols");
    ov_algo al[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM, OV_ALGO_RMSPROP,
                      OV_ALGO_ADAM };
    ov_trajectory *ts[4];
    for (int i = 0; i < 4; i++)
        ts[i] = run(ols, al[i], ov_loss_recommended_lr(ols, al[i]), 100, 0, 0,
                    0);
    ov_figure_spec s0 = OV_FIGURE_SPEC_INIT;
    s0.view = OV_VIEW_SURFACE;
    check_frames(ols, (const ov_trajectory *const *)ts, 4, &s0, "ols surface");
    tu_dump_png("surface_ols", ols, (const ov_trajectory *const *)ts, 4, &s0);
    s0.panel_loss = 1;
    tu_dump_png("surface_ols_panel", ols, (const ov_trajectory *const *)ts, 4,
                &s0);
    for (int i = 0; i < 4; i++)
        ov_trajectory_destroy(ts[i]);
    ov_loss_destroy(ols);
    ov_loss *sg = tu_loss("sigmoid");
    ov_trajectory *tn = run(sg, OV_ALGO_NAG,
                            ov_loss_recommended_lr(sg, OV_ALGO_NAG), 100, 0, 0,
                            0);
    const ov_trajectory *trn[1] = { tn };
    ov_figure_spec s2 = OV_FIGURE_SPEC_INIT;
    s2.view = OV_VIEW_SURFACE;
    tu_dump_png("surface_sigmoid_nag", sg, trn, 1, &s2);
    s2.view = OV_VIEW_HISTORY;
    tu_dump_png("history_sigmoid_nag", sg, trn, 1, &s2);
    ov_trajectory_destroy(tn);
    ov_loss_destroy(sg);
}

/* ---- curve --------------------------------------------------------------- */

#define ARROW_RED 0xD62728
#define CURVE_BLUE 0x1F77B4

static void
test_curve(void)
{
    ov_loss *p = tu_loss("parabola");
    /* lr 0.9 oscillates: every arrow crosses the bowl. */
    ov_trajectory *t = run(p, OV_ALGO_GD, 0.9, 10, 1, 10.0, 0.0);
    const ov_trajectory *tr[1] = { t };
    CHECK_EQ_INT(t->dim, 1);
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    ov_error err;
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, p, tr, 1, &spec, &err), OV_OK);
    if (!sc)
        return;
    CHECK(strcmp(ov__figure_view(sc), "curve") == 0);
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                 OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    const ov_image *img = ov__figure_image(sc);
    /* x range: symmetric out to the farthest iterate (10), padded. */
    int ax, ay, aw, ah;
    ov__figure_plot_area(sc, &ax, &ay, &aw, &ah);
    double xl, xr, yy;
    ov__figure_to_pixel(sc, -10.0, 0.0, &xl, &yy);
    ov__figure_to_pixel(sc, 10.0, 0.0, &xr, &yy);
    CHECK(xl > ax && xl < ax + 0.06 * aw);
    CHECK(xr < ax + aw && xr > ax + 0.94 * aw);
    /* The curve itself. */
    double cx, cy;
    ov__figure_to_pixel(sc, -3.0, 9.0, &cx, &cy);
    CHECK(tu_near(img, cx, cy, 1, CURVE_BLUE));
    /* Arrows: k -> k+1 starts at iterate k's pixel and ends, with its head,
     * on iterate k+1's. */
    int checked = 0;
    for (size_t k = 1; k + 2 < t->n_rows; k++) {
        double xa, ya, xb, yb;
        ov__figure_to_pixel(sc, t->rows[k].theta[0], t->rows[k].loss, &xa, &ya);
        ov__figure_to_pixel(sc, t->rows[k + 1].theta[0], t->rows[k + 1].loss,
                           &xb, &yb);
        double len = hypot(xb - xa, yb - ya);
        if (len < 40.0)
            continue;
        double ux = (xb - xa) / len, uy = (yb - ya) / len;
        /* shaft just after the start, nothing just before it */
        CHECK_MSG(tu_near(img, xa + 4.0 * ux, ya + 4.0 * uy, 1, ARROW_RED),
                  "arrow %zu start", k);
        CHECK_MSG(!tu_near(img, xa - 5.0 * ux, ya - 5.0 * uy, 1, ARROW_RED),
                  "arrow %zu begins before its iterate", k);
        /* the head: wide just before the tip, nothing past it */
        double hx = xb - 6.0 * ux, hy = yb - 6.0 * uy;
        CHECK_MSG(tu_cdist(tu_pixel(img, (int)lround(hx - 1.0 * uy),
                              (int)lround(hy + 1.0 * ux)), ARROW_RED) < 40 &&
                  tu_cdist(tu_pixel(img, (int)lround(hx + 1.0 * uy),
                              (int)lround(hy - 1.0 * ux)), ARROW_RED) < 40,
                  "arrow %zu head", k);
        CHECK_MSG(!tu_near(img, xb + 5.0 * ux, yb + 5.0 * uy, 1, ARROW_RED),
                  "arrow %zu runs past its iterate", k);
        checked++;
    }
    CHECK(checked >= 4);
    /* Start red, end green. */
    double x0, y0, xn, yn;
    ov__figure_to_pixel(sc, t->rows[0].theta[0], t->rows[0].loss, &x0, &y0);
    ov__figure_to_pixel(sc, t->rows[t->n_rows - 1].theta[0],
                       t->rows[t->n_rows - 1].loss, &xn, &yn);
    CHECK_EQ_INT(tu_pixel(img, (int)x0, (int)y0), ARROW_RED);
    CHECK_EQ_INT(tu_pixel(img, (int)xn, (int)yn), 0x2CA02C);
    ov__figure_destroy(sc);
    check_frames(p, tr, 1, &spec, "curve");
    check_vector(p, tr, 1, &spec, ">start</text>");
    /* A 2-D loss has no curve. */
    ov_loss *q = tu_loss("quadratic");
    spec.view = OV_VIEW_CURVE;
    CHECK_EQ_INT(ov__figure_create(&sc, q, NULL, 0, &spec, &err),
                 OV_ERR_UNSUPPORTED);
    ov_loss_destroy(q);
    ov_trajectory_destroy(t);
    ov_loss_destroy(p);
}

/* ---- loss panel --------------------------------------------------------- */

static void
test_panel(void)
{
    ov_loss *q = tu_loss("quadratic");
    ov_trajectory *t = run(q, OV_ALGO_GD, 0.1, 60, 1, -3.0, 2.5);
    ov_trajectory *t2 = run(q, OV_ALGO_ADAM, 0.3, 60, 1, 3.0, -2.0);
    const ov_trajectory *tr[2] = { t, t2 };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.panel_loss = 1;
    spec.has_color[0] = 1;
    spec.color[0] = 0xFF00FF;
    spec.legend = 0;   /* its magenta sample would join the scan */
    ov_error err;
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, q, tr, 1, &spec, &err), OV_OK);
    spec.legend = 1;
    if (!sc)
        return;
    ov_rect cells[4];
    CHECK_EQ_INT(ov__figure_cells(sc, cells, 4), 2);
    CHECK(strcmp(ov__figure_view(sc), "composite") == 0);
    CHECK(strcmp(ov__figure_view(ov__figure_cell(sc, 0)), "contour") == 0);
    const ov__figure *pn = ov__figure_cell(sc, 1);
    CHECK(strcmp(ov__figure_view(pn), "loss panel") == 0);
    CHECK(cells[0].x == 0 && cells[1].x == cells[0].w &&
          cells[0].w + cells[1].w == spec.width && cells[1].h == spec.height);
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                 OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    const ov_image *img = ov__figure_image(sc);
    /* The composite shows each cell's own image at its place. */
    const ov_image *ci = ov__figure_image(pn);
    long differ = 0;
    for (int y = 0; y < ci->height; y++)
        for (int x = 0; x < ci->width; x++)
            differ += tu_pixel(ci, x, y)
                      != tu_pixel(img, x + cells[1].x, y + cells[1].y);
    CHECK_EQ_INT(differ, 0);
    /* The line goes through (step, loss) of every row... */
    int ax, ay, aw, ah;
    ov__figure_plot_area(pn, &ax, &ay, &aw, &ah);
    int on = 0;
    for (size_t k = 0; k < t->n_rows; k += 5) {
        double x, y;
        ov__figure_to_pixel(pn, (double)k, t->rows[k].loss, &x, &y);
        on += tu_near_aa(ci, x, y, 1, 0xFF00FF, 70);
    }
    CHECK_MSG(on >= 11, "%d of 13 rows on the line", on);
    /* ... and is monotone: GD on a quadratic only goes down. */
    double lasty = -1.0;
    int cols = 0, mono = 1;
    for (int x = ax + 2; x < ax + aw - 8; x++) {
        double sum = 0.0;
        int cnt = 0;
        for (int y = ay; y < ay + ah; y++)
            if (tu_cdist(tu_pixel(ci, x, y), 0xFF00FF) < 70) {
                sum += y;
                cnt++;
            }
        if (!cnt)
            continue;
        cols++;
        double my = sum / cnt;
        if (my < lasty - 1.0)
            mono = 0;
        lasty = my;
    }
    CHECK(cols > aw / 2);
    CHECK(mono);
    /* The first point is at the top, the last near the bottom (log). */
    double y0, y1, xx;
    ov__figure_to_pixel(pn, 0.0, t->rows[0].loss, &xx, &y0);
    ov__figure_to_pixel(pn, 60.0, t->rows[60].loss, &xx, &y1);
    CHECK(y0 < ay + 0.1 * ah && y1 > ay + 0.9 * ah);
    /* The last step's marker shows whole: its right part is inside the
     * plot (the x range has a margin), in the run's colour. */
    int whole = 0;
    for (int dy = -1; dy <= 1; dy++)
        whole |= tu_cdist(tu_pixel(ci, (int)floor(xx) + 1,
                                   (int)floor(y1) + dy), 0xFF00FF) < 70;
    CHECK_MSG(xx + 4.0 < ax + aw && whole,
              "last marker cut at the plot's right edge (%.1f, %d)", xx,
              ax + aw);
    ov__figure_destroy(sc);
    check_frames(q, tr, 2, &spec, "contour + loss panel");
    check_vector(q, tr, 2, &spec, ">Loss</text>");
    tu_dump_png("contour_panel", q, tr, 2, &spec);
    spec.view = OV_VIEW_SURFACE;
    check_frames(q, tr, 2, &spec, "surface + loss panel");
    ov_trajectory_destroy(t);
    ov_trajectory_destroy(t2);
    ov_loss_destroy(q);
}

/* ---- grid --------------------------------------------------------------- */

static void
test_grid(void)
{
    /* Seed 004: the parabola with lr 0.1, 0.5, 0.9 in one image. */
    ov_loss *p = tu_loss("parabola");
    ov_trajectory *t[3];
    double lrs[3] = { 0.1, 0.5, 0.9 };
    for (int i = 0; i < 3; i++)
        t[i] = run(p, OV_ALGO_GD, lrs[i], 10, 1, 10.0, 0.0);
    const ov_trajectory *tr[3] = { t[0], t[1], t[2] };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.layout_grid = 1;
    spec.width = 1200;
    spec.height = 400;
    ov_error err;
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, p, tr, 3, &spec, &err), OV_OK);
    if (sc) {
        ov_rect r[8];
        CHECK_EQ_INT(ov__figure_cells(sc, r, 8), 3);
        /* Below the figure title ("parabola"), side by side. */
        CHECK(r[0].y >= 20 && r[0].y <= 40);
        for (int i = 0; i < 3; i++) {
            CHECK_EQ_INT(r[i].x, 400 * i);
            CHECK_EQ_INT(r[i].y, r[0].y);
            CHECK_EQ_INT(r[i].w, 400);
            CHECK_EQ_INT(r[i].h, 400 - r[0].y);
            CHECK(strcmp(ov__figure_view(ov__figure_cell(sc, (size_t)i)), "curve") == 0);
        }
        /* Shared axes: the same data point at the same place in each. */
        double a[3][2];
        for (int i = 0; i < 3; i++)
            ov__figure_to_pixel(ov__figure_cell(sc, (size_t)i), 3.0, 9.0,
                               &a[i][0], &a[i][1]);
        CHECK_NEAR(a[0][0], a[1][0], 1e-9);
        CHECK_NEAR(a[0][1], a[2][1], 1e-9);
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                     OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        const ov_image *img = ov__figure_image(sc);
        /* Each panel's end marker (green) where its own last iterate is. */
        for (int i = 0; i < 3; i++) {
            const ov_traj_row *lr = &t[i]->rows[t[i]->n_rows - 1];
            double x, y;
            ov__figure_to_pixel(ov__figure_cell(sc, (size_t)i), lr->theta[0],
                               lr->loss, &x, &y);
            CHECK(tu_near(img, x + r[i].x, y + r[i].y, 1, 0x2CA02C));
        }
        ov__figure_destroy(sc);
    }
    check_frames(p, tr, 3, &spec, "curve grid");
    check_vector(p, tr, 3, &spec, "<g transform=\"translate(800 21)\">");
    check_vector(p, tr, 3, &spec, ">Parabola</text>");
    tu_dump_png("grid_parabola", p, tr, 3, &spec);
    spec.panel_loss = 1;
    spec.width = 1500;
    tu_dump_png("grid_parabola_panel", p, tr, 3, &spec);
    for (int i = 0; i < 3; i++)
        ov_trajectory_destroy(t[i]);
    ov_loss_destroy(p);

    /* Four contour cells, 2 x 2, one colour scale. */
    ov_loss *q = tu_loss("quadratic");
    ov_trajectory *u[4];
    ov_algo al[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM, OV_ALGO_RMSPROP,
                      OV_ALGO_ADAM };
    for (int i = 0; i < 4; i++)
        u[i] = run(q, al[i], 0.1, 30, 1, -3.0, 2.0 + i);
    const ov_trajectory *tu[4] = { u[0], u[1], u[2], u[3] };
    ov_figure_spec g = OV_FIGURE_SPEC_INIT;
    g.layout_grid = 1;
    CHECK_EQ_INT(ov__figure_create(&sc, q, tu, 4, &g, &err), OV_OK);
    if (sc) {
        ov_rect r[8];
        CHECK_EQ_INT(ov__figure_cells(sc, r, 8), 4);
        /* 2 x 2 below the title, the colorbar's strip at the right. */
        int cw = r[0].w, ch = r[0].h, top = r[0].y;
        CHECK(top >= 20 && top <= 40);
        CHECK_EQ_INT(ch, (600 - top) / 2);
        CHECK(cw >= 330 && cw <= 380);
        int want[4][2] = { { 0, top }, { cw, top }, { 0, top + ch },
                           { cw, top + ch } };
        for (int i = 0; i < 4; i++) {
            CHECK(r[i].x == want[i][0] && r[i].y == want[i][1] &&
                  r[i].w == cw && r[i].h == ch);
            CHECK(strcmp(ov__figure_view(ov__figure_cell(sc, (size_t)i)), "contour") == 0);
            CHECK_EQ_INT(ov__figure_band_color(ov__figure_cell(sc, (size_t)i),
                                              3.3),
                         ov__figure_band_color(ov__figure_cell(sc, 0), 3.3));
        }
        /* Axes shared although the runs start apart. */
        double a0x, a0y, a3x, a3y;
        ov__figure_to_pixel(ov__figure_cell(sc, 0), 1.0, 1.0, &a0x, &a0y);
        ov__figure_to_pixel(ov__figure_cell(sc, 3), 1.0, 1.0, &a3x, &a3y);
        CHECK_NEAR(a0x, a3x, 1e-9);
        CHECK_NEAR(a0y, a3y, 1e-9);
        CHECK_EQ_INT(ov__figure_series_color(sc, 3),
                     ov__figure_series_color(ov__figure_cell(sc, 3), 0));
        ov__figure_destroy(sc);
    }
    check_frames(q, tu, 4, &g, "contour grid");
    tu_dump_png("grid_quadratic", q, tu, 4, &g);
    for (int i = 0; i < 4; i++)
        ov_trajectory_destroy(u[i]);
    ov_loss_destroy(q);
}

/* ---- axis and colorbar labels ------------------------------------------- */

typedef struct svg_text {
    double x, y;
    int start, rotated;
    char s[64];
} svg_text;

/* The <text> elements of an SVG in order (position, anchor, content). */
static size_t
svg_texts(const char *svg, svg_text *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = svg; (p = strstr(p, "<text ")) != NULL && n < cap;
         p++) {
        const char *end = strstr(p, "</text>"), *tr = strstr(p, "translate(");
        const char *gt = strchr(p, '>');
        if (!end || !tr || !gt || tr > gt)
            continue;
        svg_text *t = &out[n];
        if (sscanf(tr, "translate(%lf %lf", &t->x, &t->y) != 2)
            continue;
        t->start = strstr(p, "text-anchor=\"start\"") &&
                   strstr(p, "text-anchor=\"start\"") < gt;
        t->rotated = strstr(p, "rotate(") && strstr(p, "rotate(") < gt;
        size_t len = (size_t)(end - gt - 1);
        if (len >= sizeof t->s)
            len = sizeof t->s - 1;
        memcpy(t->s, gt + 1, len);
        t->s[len] = '\0';
        n++;
    }
    return n;
}

static char *
render_svg(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
           const ov_figure_spec *spec)
{
    tu_buf a = { 0 };
    ov_error err;
    if (ov_render(tu_sink, &a, OV_FORMAT_SVG, loss, tr, n, spec, NULL, NULL,
                  &err) != OV_OK) {
        free(a.p);
        return NULL;
    }
    char *s = realloc(a.p, a.len + 1);
    if (s)
        s[a.len] = '\0';
    return s;
}

static int
boxes_overlap(const double *a, const double *b)
{
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/*
 * A marker at a corner of the surface's box (a run started there, or one
 * that left the domain and is held there, marked by a triangle), and its
 * shadow on the floor, keep off the tick labels: the pixels the series'
 * colour paints (two renders, the series magenta and then cyan, differ
 * only there) stay out of every tick label's box grown by the marker's
 * dark casing (1.6 px-units) and a pixel.  Starts at the four corners of
 * the domain and 30 % of the domain beyond them, at three sizes.
 */
static void
test_surface_marker_labels(void)
{
    const char *names[3] = { "ols", "quadratic", "himmelblau" };
    int sizes[3][2] = { { 400, 300 }, { 800, 600 }, { 1920, 1080 } };
    for (int li = 0; li < 3; li++) {
        ov_loss *l = tu_loss(names[li]);
        if (!l)
            continue;
        double xl[2], yl[2];
        ov_loss_domain(l, xl, yl);
        for (int corner = 0; corner < 8; corner++) {
            double f = corner < 4 ? 0.0 : 0.3;
            double sx = corner & 1 ? xl[1] + f * (xl[1] - xl[0])
                                   : xl[0] - f * (xl[1] - xl[0]);
            double sy = corner & 2 ? yl[1] + f * (yl[1] - yl[0])
                                   : yl[0] - f * (yl[1] - yl[0]);
            ov_trajectory *t = run(l, OV_ALGO_GD, 1e-9, 2, 1, sx, sy);
            const ov_trajectory *tr[1] = { t };
            for (int si = 0; t && si < 3; si++) {
                ov__figure *sc[2] = { NULL, NULL };
                const ov_image *img[2];
                ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
                spec.view = OV_VIEW_SURFACE;
                spec.width = sizes[si][0];
                spec.height = sizes[si][1];
                spec.legend = 0;
                spec.has_color[0] = 1;
                ov_error err;
                for (int c = 0; c < 2; c++) {
                    spec.color[0] = c ? 0x00FFFF : 0xFF00FF;
                    CHECK_EQ_INT(ov__figure_create(&sc[c], l, tr, 1, &spec, &err),
                                 OV_OK);
                    if (!sc[c])
                        break;
                    ov_rect d[OV__FIGURE_MAX_DIRTY];
                    size_t nd;
                    ov__figure_frame(sc[c], ov__figure_last_step(sc[c]), d,
                                     OV__FIGURE_MAX_DIRTY, &nd);
                    img[c] = ov__figure_image(sc[c]);
                }
                if (sc[0] && sc[1]) {
                    double box[128][4];
                    int axis[128], tick[128];
                    size_t n = ov__figure_surface_labels(sc[0], box, axis, tick,
                                                         128);
                    double s = fmin(fmax(sqrt(spec.width * spec.height /
                                              (800.0 * 600.0)), 0.75),
                                    fmin(spec.width / 400.0, spec.height / 300.0));
                    double pad = 1.6 * s + 1.0;
                    size_t hit = 0;
                    for (size_t i = 0; i < n; i++) {
                        if (!tick[i])
                            continue;
                        for (int y = (int)floor(box[i][1] - pad);
                             y <= (int)ceil(box[i][3] + pad); y++)
                            for (int x = (int)floor(box[i][0] - pad);
                                 x <= (int)ceil(box[i][2] + pad); x++)
                                if (x >= 0 && y >= 0 && x < spec.width &&
                                    y < spec.height)
                                    hit += tu_cdist(tu_pixel(img[0], x, y),
                                                    tu_pixel(img[1], x, y)) > 30;
                    }
                    CHECK_MSG(hit == 0, "%s start (%g, %g) %dx%d: the marker "
                              "paints %zu pixels in tick label boxes",
                              names[li], sx, sy, spec.width, spec.height, hit);
                }
                ov__figure_destroy(sc[0]);
                ov__figure_destroy(sc[1]);
            }
            ov_trajectory_destroy(t);
        }
        ov_loss_destroy(l);
    }
}

/* The surface's z axis has 4 to 6 labels and no two tick labels touch
 * (two axes' labels keep a text height apart: no "10 10" at a corner). */
static void
test_surface_labels(void)
{
    const char *names[4] = { "ols", "sigmoid", "rosenbrock", "himmelblau" };
    int sizes[3][2] = { { 800, 600 }, { 1200, 900 }, { 400, 300 } };
    for (int li = 0; li < 4; li++) {
        ov_loss *l = tu_loss(names[li]);
        ov_trajectory *t = run(l, OV_ALGO_ADAM, 0.1, 50, 0, 0.0, 0.0);
        const ov_trajectory *tr[1] = { t };
        for (int si = 0; si < 3; si++) {
            ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
            spec.view = OV_VIEW_SURFACE;
            spec.width = sizes[si][0];
            spec.height = sizes[si][1];
            spec.theme = si == 1 ? OV_THEME_DARK : OV_THEME_LIGHT;
            ov__figure *sc = NULL;
            ov_error err;
            CHECK_EQ_INT(ov__figure_create_vector(&sc, l, tr, 1, &spec, &err),
                         OV_OK);
            if (!sc)
                continue;
            double box[128][4];
            int axis[128], tick[128];
            size_t n = ov__figure_surface_labels(sc, box, axis, tick, 128);
            size_t nz = 0, nx = 0, ny = 0;
            for (size_t i = 0; i < n; i++) {
                if (!tick[i])
                    continue;
                nz += axis[i] == 2;
                nx += axis[i] == 0;
                ny += axis[i] == 1;
                for (size_t k = 0; k < i; k++) {
                    if (!tick[k])
                        continue;
                    /* Pad a label of another axis by half a text height
                     * (12 px at this scale and up). */
                    double pad = axis[k] != axis[i] ? 2.5 : 0.0;
                    double b[4] = { box[i][0] - pad, box[i][1] - pad,
                                    box[i][2] + pad, box[i][3] + pad };
                    CHECK_MSG(!boxes_overlap(b, box[k]),
                              "%s %dx%d: labels %zu and %zu overlap",
                              names[li], spec.width, spec.height, k, i);
                }
            }
            CHECK_MSG(nx >= 3 && ny >= 3, "%s: x %zu y %zu labels",
                      names[li], nx, ny);
            /* No x or y tick label in the z labels' column (it would read
             * as a height): the column spans the z tick labels across and
             * reaches below the lowest by two label heights or their
             * spacing, whichever is more. */
            double zc[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
            double lh = 0.0, cy0 = INFINITY, cy1 = -INFINITY;
            for (size_t i = 0; i < n; i++)
                if (tick[i] && axis[i] == 2) {
                    zc[0] = fmin(zc[0], box[i][0]);
                    zc[1] = fmin(zc[1], box[i][1]);
                    zc[2] = fmax(zc[2], box[i][2]);
                    zc[3] = fmax(zc[3], box[i][3]);
                    lh = box[i][3] - box[i][1];
                    cy0 = fmin(cy0, 0.5 * (box[i][1] + box[i][3]));
                    cy1 = fmax(cy1, 0.5 * (box[i][1] + box[i][3]));
                }
            /* ... by two label heights or the labels' own spacing */
            zc[3] += fmax(2.0 * lh, nz > 1 ? (cy1 - cy0) / (nz - 1) : 0.0);
            for (size_t i = 0; i < n; i++)
                if (tick[i] && axis[i] != 2)
                    CHECK_MSG(!boxes_overlap(box[i], zc),
                              "%s %dx%d: %s tick label %zu in the z column",
                              names[li], spec.width, spec.height,
                              axis[i] ? "y" : "x", i);
            /* At 400x300 the ols box stands too low for four. */
            if (si < 2 || li != 0)
                CHECK_MSG(nz >= 4 && nz <= 6, "%s %dx%d: %zu z labels",
                          names[li], spec.width, spec.height, nz);
            else
                CHECK(nz >= 2 && nz <= 6);
            ov__figure_destroy(sc);
        }
        ov_trajectory_destroy(t);
        ov_loss_destroy(l);
    }

    /* Seed 000's 3-D plot: the z labels in its SVG, the first texts,
     * before the rotated axis name: 0 100 400 900. */
    ov_loss *o = tu_loss("ols");
    ov_algo al[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM, OV_ALGO_RMSPROP,
                      OV_ALGO_ADAM };
    ov_trajectory *u[4];
    for (int i = 0; i < 4; i++)
        u[i] = run(o, al[i], 0.05, 100, 0, 0.0, 0.0);
    const ov_trajectory *tu4[4] = { u[0], u[1], u[2], u[3] };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_SURFACE;
    char *svg = render_svg(o, tu4, 4, &spec);
    CHECK(svg != NULL);
    if (svg) {
        svg_text tx[128];
        size_t n = svg_texts(svg, tx, 128), k = 0;
        while (k < n && !tx[k].rotated)
            k++;
        CHECK_EQ_INT(k, 4);
        const char *want[4] = { "0", "100", "400", "900" };
        for (size_t i = 0; i < 4 && i < k; i++)
            CHECK_MSG(strcmp(tx[i].s, want[i]) == 0, "z label %zu: %s", i,
                      tx[i].s);
        /* The corner's "10" once: of the x and y axes' labels "10" at
         * the near corner only one is kept (the colour bar's own "10",
         * start-anchored, is not one of them). */
        int tens = 0;
        for (size_t i = 0; i < n; i++)
            tens += !tx[i].start && strcmp(tx[i].s, "10") == 0;
        CHECK_EQ_INT(tens, 1);
        free(svg);
    }
    for (int i = 0; i < 4; i++)
        ov_trajectory_destroy(u[i]);
    ov_loss_destroy(o);
}

/* A log scale shifted below a negative minimum: every colorbar label
 * distinct ("-1.03" came five times), ascending up the bar. */
static void
test_shifted_log_colorbar(void)
{
    ov_loss *l = tu_loss("six_hump_camel");
    ov_algo al[3] = { OV_ALGO_GD, OV_ALGO_ADAM, OV_ALGO_MOMENTUM };
    ov_trajectory *u[3];
    for (int i = 0; i < 3; i++)
        u[i] = run(l, al[i], 0.01, 100, 0, 0.0, 0.0);
    const ov_trajectory *tr[3] = { u[0], u[1], u[2] };
    for (int view = 0; view < 2; view++) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.zscale = OV_ZSCALE_LOG;
        spec.view = view ? OV_VIEW_SURFACE : OV_VIEW_CONTOUR;
        char *svg = render_svg(l, tr, 3, &spec);
        CHECK(svg != NULL);
        if (!svg)
            continue;
        svg_text tx[256];
        size_t n = svg_texts(svg, tx, 256);
        /* The colorbar's labels: the left-anchored texts at the x most of
         * them share (the legend's are fewer). */
        double bx = NAN;
        size_t best = 0;
        for (size_t i = 0; i < n; i++) {
            size_t c = 0;
            for (size_t k = 0; k < n; k++)
                c += tx[i].start && tx[k].start && tx[k].x == tx[i].x;
            if (c > best) {
                best = c;
                bx = tx[i].x;
            }
        }
        CHECK_MSG(best >= 5, "%zu colorbar labels", best);
        double lasty = INFINITY, lastv = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (!tx[i].start || tx[i].x != bx)
                continue;
            for (size_t k = 0; k < i; k++)
                if (tx[k].start && tx[k].x == bx)
                    CHECK_MSG(strcmp(tx[k].s, tx[i].s) != 0,
                              "label %s twice", tx[i].s);
            /* U+2212 back to '-' to read the value. */
            char buf[64], *o = buf;
            for (const char *p = tx[i].s; *p && o < buf + 60; p++) {
                if ((unsigned char)p[0] == 0xE2 &&
                    (unsigned char)p[1] == 0x88 &&
                    (unsigned char)p[2] == 0x92) {
                    *o++ = '-';
                    p += 2;
                } else {
                    *o++ = *p;
                }
            }
            *o = '\0';
            double v = atof(buf);
            CHECK(tx[i].y < lasty && v > lastv);
            CHECK(v >= -1.0317);
            lasty = tx[i].y;
            lastv = v;
        }
        free(svg);
    }
    for (int i = 0; i < 3; i++)
        ov_trajectory_destroy(u[i]);
    ov_loss_destroy(l);
}

/* A 2-D grid: one colorbar at the right of the cells (the colormap's ends
 * there, not in any cell's right margin), a figure title, the cells in
 * place; frames equal fresh renders. */
/* The font size of the first SVG text element that ends in @p tail
 * (">label</text>"), -1 if none. */
static double
svg_font_size(const char *svg, const char *tail)
{
    const char *e = svg ? strstr(svg, tail) : NULL;
    if (!e)
        return -1.0;
    const char *b = e;
    while (b > svg && strncmp(b, "<text", 5) != 0)
        b--;
    const char *f = strstr(b, "font-size=\"");
    if (!f || f > e)
        return -1.0;
    return strtod(f + 11, NULL);
}

static void
test_grid_colorbar(void)
{
    ov_loss *l = tu_loss("himmelblau");
    ov_algo al[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM, OV_ALGO_ADAM,
                      OV_ALGO_RMSPROP };
    ov_trajectory *u[4];
    for (int i = 0; i < 4; i++)
        u[i] = run(l, al[i], 0.01, 60, 0, 0.0, 0.0);
    const ov_trajectory *tr[4] = { u[0], u[1], u[2], u[3] };
    uint32_t lo = ov__colormap_color(ov__colormap_find("viridis"), 0.0);
    uint32_t hi = ov__colormap_color(ov__colormap_find("viridis"), 1.0);
    for (int surface = 0; surface < 2; surface++) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.layout_grid = 1;
        spec.view = surface ? OV_VIEW_SURFACE : OV_VIEW_CONTOUR;
        ov__figure *sc = NULL;
        ov_error err;
        CHECK_EQ_INT(ov__figure_create(&sc, l, tr, 4, &spec, &err), OV_OK);
        if (!sc)
            continue;
        ov_rect r[8], d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        CHECK_EQ_INT(ov__figure_cells(sc, r, 8), 4);
        int cw = r[0].w, ch = r[0].h, top = r[0].y;
        CHECK(top >= 20 && top <= 40 && cw < 400 && cw > 300);
        CHECK(r[1].x == cw && r[1].y == top && r[2].x == 0 &&
              r[2].y == top + ch && r[3].x == cw && r[3].y == top + ch);
        CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                     OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        const ov_image *img = ov__figure_image(sc);
        /* The strip right of the cells: the top colour above the bottom
         * one, in one column band. */
        int yhi = -1, ylo = -1, xs0 = 2 * cw, xs1 = img->width;
        for (int y = 0; y < img->height; y++)
            for (int x = xs0; x < xs1; x++) {
                uint32_t c = tu_pixel(img, x, y) & 0xFFFFFF;
                if (c == hi && yhi < 0)
                    yhi = y;
                if (c == lo)
                    ylo = y;
            }
        CHECK_MSG(yhi >= top && ylo > yhi + 100, "colorbar ends at %d %d",
                  yhi, ylo);
        /* No cell has a colorbar of its own: its right margin, beside its
         * plot, holds neither end colour. */
        for (size_t i = 0; i < 4; i++) {
            int px, py, pw, ph, bad = 0;
            ov__figure_plot_area(ov__figure_cell(sc, i), &px, &py, &pw, &ph);
            int x0 = surface ? r[i].w - 12 : px + pw + 4;
            for (int y = r[i].y; y < r[i].y + r[i].h; y++)
                for (int x = r[i].x + x0; x < r[i].x + r[i].w; x++) {
                    uint32_t c = tu_pixel(img, x, y) & 0xFFFFFF;
                    bad += c == hi || c == lo;
                }
            CHECK_MSG(bad == 0, "cell %zu: %d colorbar pixels", i, bad);
        }
        ov__figure_destroy(sc);
        check_frames(l, tr, 4, &spec, surface ? "surface grid" : "2-D grid");
        char *svg = render_svg(l, tr, 4, &spec);
        CHECK(svg && strstr(svg, ">f (log scale)</text>") &&
              strstr(strstr(svg, ">f (log scale)</text>") + 8,
                     "(log scale)") == NULL);
        CHECK(svg && strstr(svg, ">Himmelblau</text>"));
        /* The colorbar's labels have the cells' text sizes (9 and 10.5 px
         * in 400x300 cells, not the 800x600 figure's 12 and 14); the
         * title over all has the cells' title size (one type scale). */
        double cbt = svg_font_size(svg, ">1000</text>");
        double ct = svg_font_size(svg, surface ? ">0</text>" : ">0.0</text>");
        CHECK_MSG(cbt == ct && ct > 8.0 && ct < 10.0,
                  "colorbar tick %g px, cell tick %g px", cbt, ct);
        CHECK_EQ_BITS(svg_font_size(svg, ">f (log scale)</text>"),
                      svg_font_size(svg, ">x</text>"));
        CHECK_EQ_BITS(svg_font_size(svg, ">Himmelblau</text>"),
                      svg_font_size(svg, ">gd (lr=0.01)</text>"));
        free(svg);
        /* --no-colorbar: the cells take the width. */
        spec.colorbar = 0;
        CHECK_EQ_INT(ov__figure_create(&sc, l, tr, 4, &spec, &err), OV_OK);
        if (sc) {
            ov__figure_cells(sc, r, 8);
            CHECK_EQ_INT(r[0].w, 400);
            ov__figure_destroy(sc);
        }
        if (!surface) {
            spec.colorbar = 1;
            tu_dump_png("grid_himmelblau", l, tr, 4, &spec);
        }
    }
    for (int i = 0; i < 4; i++)
        ov_trajectory_destroy(u[i]);
    ov_loss_destroy(l);
}

/* ---- history ------------------------------------------------------------ */

static void
test_history(void)
{
    ov_loss *q = tu_loss("quadratic");
    ov_trajectory *t = run(q, OV_ALGO_GD, 0.1, 50, 1, -3.0, 2.5);
    const ov_trajectory *tr[1] = { t };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_HISTORY;
    ov_error err;
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, q, tr, 1, &spec, &err), OV_OK);
    if (sc) {
        CHECK(strcmp(ov__figure_view(sc), "history") == 0);
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        CHECK_EQ_INT(ov__figure_frame(sc, 50, d, OV__FIGURE_MAX_DIRTY, &nd),
                     OV_OK);
        const ov_image *img = ov__figure_image(sc);
        /* loss red, x blue, y green, each through its values; the loss
         * on the view's own y axis (the bottom panel), x and y in their
         * panels above: found in the column of the step, each higher
         * than the last. */
        uint32_t want[3] = { 0xD62728, 0x1F77B4, 0x2CA02C };
        int hits[3] = { 0, 0, 0 };
        for (long k = 1; k <= 5; k++)
            for (int qn = 0; qn < 3; qn++) {
                const ov_traj_row *r = &t->rows[k];
                double v = qn == 0 ? r->loss : r->theta[qn - 1], x, y;
                ov__figure_to_pixel(sc, (double)k, v, &x, &y);
                if (qn == 0) {
                    hits[qn] += tu_near_aa(img, x, y, 1, want[qn], 70);
                    continue;
                }
                /* the lowest row of this colour in the column, above the
                 * one found for the quantity below */
                double below = y;
                for (int q2 = 1; q2 <= qn; q2++) {
                    int found = -1;
                    for (int r = (int)below - 4; r >= 0 && found < 0; r--)
                        if (tu_near_aa(img, x, r, 1, want[q2], 70))
                            found = r;
                    below = found;
                    if (found < 0)
                        break;
                }
                hits[qn] += below >= 0;
            }
        CHECK_MSG(hits[0] >= 4 && hits[1] >= 4 && hits[2] >= 4, "%d %d %d",
                  hits[0], hits[1], hits[2]);
        ov__figure_destroy(sc);
    }
    check_frames(q, tr, 1, &spec, "history");
    check_vector(q, tr, 1, &spec, "Variation of Parameters and loss function");
    ov_trajectory_destroy(t);
    ov_loss_destroy(q);
}

/* Every known minimum is marked (issue 14): two_minimums' local minimum
 * (a smaller star) and its global one, and wobbly's, in the contour and
 * surface views; the star's white fill at the minimum's pixel.  The
 * local minimum is checked against a numpy grid search refined by
 * coordinate search (-2.49994407, -2.49994408) and by its gradient. */
static int
white_near(const ov_image *img, double px, double py)
{
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            int x = (int)lround(px) + dx, y = (int)lround(py) + dy;
            if (x >= 0 && y >= 0 && x < img->width && y < img->height &&
                tu_cdist(tu_pixel(img, x, y), 0xFFFFFF) < 30)
                return 1;
        }
    return 0;
}

static void
test_minima_marked(void)
{
    ov_loss *two = tu_loss("two_minimums"), *wob = tu_loss("wobbly");
    const double *p = NULL;
    CHECK_EQ_INT((int)ov_loss_local_minima(two, &p), 1);
    if (p) {
        CHECK_NEAR(p[0], -2.49994407, 2e-8);
        CHECK_NEAR(p[1], -2.49994407, 2e-8);
        double g[2];
        ov_loss_eval(two, p, g);
        CHECK(fabs(g[0]) < 1e-9 && fabs(g[1]) < 1e-9);
    }
    CHECK_EQ_INT((int)ov_loss_local_minima(wob, &p), 0);
    ov_loss *ls[2] = { two, wob };
    for (int l = 0; l < 2; l++) {
        /* A run that stays away from the minima (gd on two_minimums'
         * plateau, a few steps on wobbly's far corner). */
        ov_optim_config cfg;
        ov_optim_config_init(&cfg, OV_ALGO_GD);
        cfg.lr = 0.001;
        ov_run_config rc = OV_RUN_CONFIG_INIT;
        rc.steps = 5;
        rc.has_start = 1;
        rc.start[0] = 2.5;
        rc.start[1] = l ? 2.5 : -2.5;
        ov_trajectory *t = NULL;
        ov_error err;
        CHECK_EQ_INT(ov_run(&t, ls[l], &cfg, &rc, &err), OV_OK);
        const ov_trajectory *tr[1] = { t };
        double pts[4];
        size_t np = 0;
        const double *m;
        size_t ng = ov_loss_minima(ls[l], &m);
        for (size_t i = 0; i < ng && np < 2; i++, np++) {
            pts[2 * np] = m[2 * i];
            pts[2 * np + 1] = m[2 * i + 1];
        }
        size_t nl = ov_loss_local_minima(ls[l], &m);
        for (size_t i = 0; i < nl && np < 2; i++, np++) {
            pts[2 * np] = m[2 * i];
            pts[2 * np + 1] = m[2 * i + 1];
        }
        CHECK_EQ_INT((int)np, l ? 1 : 2);
        for (int v = 0; v < 2; v++) {
            ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
            spec.view = v ? OV_VIEW_SURFACE : OV_VIEW_CONTOUR;
            spec.width = 400;
            spec.height = 300;
            spec.legend = 0;
            ov__figure *sc = NULL;
            CHECK_EQ_INT(ov__figure_create(&sc, ls[l], tr, 1, &spec, &err),
                         OV_OK);
            if (!sc)
                continue;
            ov_rect d[OV__FIGURE_MAX_DIRTY];
            size_t nd;
            CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                          OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
            const ov_image *img = ov__figure_image(sc);
            for (size_t k = 0; k < np; k++) {
                double px, py;
                ov__figure_to_pixel(sc, pts[2 * k], pts[2 * k + 1], &px, &py);
                CHECK_MSG(white_near(img, px, py),
                          "%s %s: no star at minimum (%g, %g), pixel %.0f,%.0f",
                          l ? "wobbly" : "two_minimums",
                          v ? "surface" : "contour", pts[2 * k],
                          pts[2 * k + 1], px, py);
            }
            ov__figure_destroy(sc);
        }
        ov_trajectory_destroy(t);
    }
    ov_loss_destroy(two);
    ov_loss_destroy(wob);
}

/* --contour lines (seed 001's look): the plot's background is white (the
 * light theme's) and coloured level lines are drawn on it; filled bands
 * leave almost no white. */
static void
test_contour_lines(void)
{
    ov_loss *loss = tu_loss("wobbly");
    ov_optim_config cfg;
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 0.05;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = 20;
    ov_trajectory *t = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_run(&t, loss, &cfg, &rc, &err), OV_OK);
    const ov_trajectory *tr[1] = { t };
    for (int lines = 0; lines < 2; lines++) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.view = OV_VIEW_CONTOUR;
        spec.width = 400;
        spec.height = 300;
        spec.legend = 0;
        spec.has_color[0] = 1;
        spec.color[0] = 0x000000;  /* the trail is not a coloured line */
        spec.contour = lines ? OV_CONTOUR_LINES : OV_CONTOUR_FILLED;
        ov__figure *sc = NULL;
        CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, 1, &spec, &err), OV_OK);
        if (!sc)
            continue;
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                      OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        const ov_image *img = ov__figure_image(sc);
        int px, py, pw, ph;
        ov__figure_plot_area(sc, &px, &py, &pw, &ph);
        long white = 0, coloured = 0, all = 0;
        for (int y = py + 2; y < py + ph - 2; y++)
            for (int x = px + 2; x < px + pw - 2; x++) {
                uint32_t c = tu_pixel(img, x, y);
                int r = (int)(c >> 16 & 255), g = (int)(c >> 8 & 255),
                    b = (int)(c & 255);
                int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
                int lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
                all++;
                white += c == 0xFFFFFF;
                coloured += hi - lo > 60;
            }
        if (lines) {
            CHECK_MSG(white > all * 8 / 10, "lines: %ld white of %ld", white,
                      all);
            CHECK_MSG(coloured > all / 100, "lines: %ld coloured of %ld",
                      coloured, all);
        } else {
            CHECK_MSG(white < all / 100, "filled: %ld white of %ld", white,
                      all);
        }
        ov__figure_destroy(sc);
    }
    ov_trajectory_destroy(t);
    ov_loss_destroy(loss);
}

int
main(void)
{
    test_surface();
    test_curve();
    test_panel();
    test_grid();
    test_surface_labels();
    test_surface_marker_labels();
    test_shifted_log_colorbar();
    test_grid_colorbar();
    test_history();
    test_minima_marked();
    test_contour_lines();
    return check_report("test_views");
}
