/*
 * test_layout.c: what the shared layout promises every figure, measured on
 * the texts a figure draws (ov__figure_texts: each text's ink box) and on
 * its pixels: the loss panel's log axis spans the data with at least three
 * round labelled ticks and a marked zero floor; texts stay inside the
 * image and readable from 320x240 to 3840x2160; legends keep off the
 * data.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "render/figure.h"
#include "draw.h"

#define MAXT 512

static ov_trajectory *
run(const ov_loss *loss, ov_algo algo, double lr, long steps, double sx,
    double sy)
{
    ov_optim_config cfg;
    ov_optim_config_init(&cfg, algo);
    cfg.lr = lr;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = steps;
    rc.has_start = 1;
    rc.start[0] = sx;
    rc.start[1] = sy;
    ov_trajectory *t = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_run(&t, loss, &cfg, &rc, &err), OV_OK);
    return t;
}

/* A tick label's value: decimal ("0.001", U+2212 minus, "1e-31") or a
 * power of ten in superscript digits ("10⁻³⁰"); 0 when it is neither. */
static int
parse_value(const char *s, double *out)
{
    char buf[80];
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s;
    if (strncmp(s, "10", 2) == 0 && p[2] >= 0x80) {
        /* 10 then superscripts: U+207B minus, U+2070, U+00B9, U+00B2,
         * U+00B3, U+2074..U+2079. */
        int neg = 0;
        long e = 0;
        int nd = 0;
        p += 2;
        while (*p) {
            if (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0xBB) {
                neg = 1;
                p += 3;
            } else if (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0xB0) {
                e = e * 10;
                nd++;
                p += 3;
            } else if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xB4 &&
                       p[2] <= 0xB9) {
                e = e * 10 + (p[2] - 0xB0);
                nd++;
                p += 3;
            } else if (p[0] == 0xC2 && (p[1] == 0xB9 || p[1] == 0xB2 ||
                                        p[1] == 0xB3)) {
                e = e * 10 + (p[1] == 0xB9 ? 1 : p[1] == 0xB2 ? 2 : 3);
                nd++;
                p += 2;
            } else {
                return 0;
            }
        }
        if (!nd)
            return 0;
        *out = pow(10.0, (double)(neg ? -e : e));
        return 1;
    }
    while (*p && o + 2 < sizeof buf) {
        if (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92) {
            buf[o++] = '-';
            p += 3;
        } else {
            buf[o++] = (char)*p++;
        }
    }
    buf[o] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (end == buf || *end)
        return 0;
    *out = v;
    return 1;
}

/* The labels left of cell @p c's plot area that read as numbers: the y
 * tick labels; their values in @p val, their box centres' y in @p y. */
static size_t
y_labels(ov__figure *sc, size_t c, double *val, double *y, size_t cap)
{
    ov_rect cells[4];
    size_t nc = ov__figure_cells(sc, cells, 4);
    const ov__figure *cf = nc ? ov__figure_cell(sc, c) : sc;
    double ox = nc ? cells[c].x : 0.0, oy = nc ? cells[c].y : 0.0;
    int ax, ay, aw, ah;
    ov__figure_plot_area(cf, &ax, &ay, &aw, &ah);
    static ov__figure_text t[MAXT];
    size_t nt = ov__figure_texts(sc, t, MAXT);
    size_t n = 0;
    for (size_t i = 0; i < nt && i < MAXT && n < cap; i++) {
        double v;
        if (t[i].x1 > ox + ax || t[i].x0 < ox || t[i].y0 < oy + ay - 10 ||
            t[i].y1 > oy + ay + ah + 10 || !parse_value(t[i].s, &v))
            continue;
        val[n] = v;
        y[n] = 0.5 * (t[i].y0 + t[i].y1) - oy;
        n++;
    }
    return n;
}

/* A value is round: three significant digits at most (2, 0.05, 5.12,
 * 1e-30; not 4.925 or 5.62341). */
static int
is_round(double v)
{
    if (v == 0.0)
        return 1;
    double a = fabs(v), e = floor(log10(a) + 1e-12);
    double m = a / pow(10.0, e - 2.0);   /* 100 .. 999.9 */
    return fabs(m - round(m)) < 1e-6 * m;
}

/* The loss panel (item 1): the log axis spans the data, labels >= 3 and
 * round, zeros on a marked floor. */
static void
test_panel_axis(void)
{
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.panel_loss = 1;
    ov_error err;
    double val[64], y[64];

    /* booth, gd: reaches 7.9e-31, 30 decades under the start; drawn
     * there, not clamped at 15 decades. */
    ov_loss *b = tu_loss("booth");
    ov_trajectory *t = run(b, OV_ALGO_GD, 0.02, 100, -8.0, -6.0);
    const ov_trajectory *tr[1] = { t };
    double fmin = INFINITY, fmax = 0.0;
    for (size_t k = 0; k < t->n_rows; k++) {
        fmin = fmin < t->rows[k].loss ? fmin : t->rows[k].loss;
        fmax = fmax > t->rows[k].loss ? fmax : t->rows[k].loss;
    }
    CHECK(fmin < 1e-29 && fmin > 0.0);
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create_vector(&sc, b, tr, 1, &spec, &err), OV_OK);
    if (sc) {
        const ov__figure *pn = ov__figure_cell(sc, 1);
        size_t n = y_labels(sc, 1, val, y, 64);
        CHECK_MSG(n >= 3, "booth panel: %zu labelled ticks", n);
        double lo = INFINITY, hi = 0.0;
        for (size_t i = 0; i < n; i++) {
            lo = fmin < 0 ? lo : (val[i] < lo ? val[i] : lo);
            hi = val[i] > hi ? val[i] : hi;
            CHECK_MSG(is_round(val[i]), "tick %g not round", val[i]);
        }
        CHECK_MSG(lo <= 1000.0 * fmin && hi >= fmax / 1000.0,
                  "ticks %g..%g do not span the data %g..%g", lo, hi, fmin,
                  fmax);
        /* The smallest loss sits at its own height: well below where
         * 1e-12 is, and inside the plot. */
        int ax, ay, aw, ah;
        ov__figure_plot_area(pn, &ax, &ay, &aw, &ah);
        double px, pmin, p12;
        ov__figure_to_pixel(pn, 0.0, fmin, &px, &pmin);
        ov__figure_to_pixel(pn, 0.0, 1e-12, &px, &p12);
        CHECK_MSG(pmin > p12 + 0.3 * ah && pmin <= ay + ah,
                  "1e-31 drawn at %.1f, 1e-12 at %.1f (plot %d..%d)", pmin,
                  p12, ay, ay + ah);
        /* Labels are placed at their values: the 10^k label's centre is
         * where the axis maps 10^k. */
        for (size_t i = 0; i < n; i++) {
            double yy;
            ov__figure_to_pixel(pn, 0.0, val[i], &px, &yy);
            CHECK_MSG(fabs(yy - y[i]) < 3.0, "label %g at %.1f, not %.1f",
                      val[i], y[i], yy);
        }
        ov__figure_destroy(sc);
    }
    ov_trajectory_destroy(t);

    /* Within one decade (rosenbrock, gd from (-1.5, 2) at a small rate):
     * still three labelled round ticks, and they span the data. */
    ov_loss *r = tu_loss("rosenbrock");
    t = run(r, OV_ALGO_GD, 0.0002, 60, -1.2, 1.5);
    tr[0] = t;
    fmin = INFINITY, fmax = 0.0;
    for (size_t k = 0; k < t->n_rows; k++) {
        fmin = fmin < t->rows[k].loss ? fmin : t->rows[k].loss;
        fmax = fmax > t->rows[k].loss ? fmax : t->rows[k].loss;
    }
    CHECK(fmax < 10.0 * fmin);
    CHECK_EQ_INT(ov__figure_create_vector(&sc, r, tr, 1, &spec, &err), OV_OK);
    if (sc) {
        size_t n = y_labels(sc, 1, val, y, 64);
        CHECK_MSG(n >= 3, "one-decade panel (%g..%g): %zu labelled ticks",
                  fmin, fmax, n);
        for (size_t i = 0; i < n; i++)
            CHECK_MSG(is_round(val[i]), "tick %g not round", val[i]);
        ov__figure_destroy(sc);
    }
    ov_trajectory_destroy(t);
    /* Within a few per cent (gd barely moving): still three. */
    t = run(r, OV_ALGO_GD, 0.00001, 20, -1.2, 1.5);
    tr[0] = t;
    CHECK_EQ_INT(ov__figure_create_vector(&sc, r, tr, 1, &spec, &err), OV_OK);
    if (sc) {
        size_t n = y_labels(sc, 1, val, y, 64);
        CHECK_MSG(n >= 3, "flat panel (%g..%g): %zu labelled ticks",
                  t->rows[t->n_rows - 1].loss, t->rows[0].loss, n);
        for (size_t i = 0; i < n; i++)
            CHECK_MSG(is_round(val[i]), "tick %g not round", val[i]);
        ov__figure_destroy(sc);
    }
    ov_trajectory_destroy(t);
    ov_loss_destroy(r);

    /* Exact zeros (gd at lr 0.5 on x^2 + y^2 lands on 0 in one step): on
     * a floor inside the plot, labelled 0, below every positive value. */
    ov_loss *q = tu_loss("quadratic");
    t = run(q, OV_ALGO_GD, 0.5, 20, 3.0, -2.0);
    ov_trajectory *t2 = run(q, OV_ALGO_ADAM, 0.2, 20, 3.0, -2.0);
    const ov_trajectory *tq[2] = { t, t2 };
    CHECK(t->rows[5].loss == 0.0);
    CHECK_EQ_INT(ov__figure_create_vector(&sc, q, tq, 2, &spec, &err), OV_OK);
    if (sc) {
        const ov__figure *pn = ov__figure_cell(sc, 1);
        int ax, ay, aw, ah;
        ov__figure_plot_area(pn, &ax, &ay, &aw, &ah);
        double px, pz, pmin = -1.0;
        ov__figure_to_pixel(pn, 5.0, 0.0, &px, &pz);
        for (size_t k = 0; k < t2->n_rows; k++) {
            double yy;
            ov__figure_to_pixel(pn, 0.0, t2->rows[k].loss, &px, &yy);
            pmin = yy > pmin ? yy : pmin;
        }
        CHECK_MSG(pz < ay + ah && pz > pmin + 5.0,
                  "zero at %.1f: plot bottom %d, lowest positive %.1f", pz,
                  ay + ah, pmin);
        size_t n = y_labels(sc, 1, val, y, 64);
        int zero = 0;
        for (size_t i = 0; i < n; i++)
            zero |= val[i] == 0.0 && fabs(y[i] - pz) < 3.0;
        CHECK_MSG(zero, "no 0 label at the zero floor");
        CHECK(n >= 4);
        ov__figure_destroy(sc);
    }
    ov_trajectory_destroy(t);
    ov_trajectory_destroy(t2);
    ov_loss_destroy(q);
    ov_loss_destroy(b);
}

/* Every text of @p sc inside the image and at least OV__MIN_TEXT; the
 * count of failures. */
static int
texts_inside(ov__figure *sc, int W, int H, const char *what)
{
    static ov__figure_text t[MAXT];
    size_t nt = ov__figure_texts(sc, t, MAXT);
    int bad = 0;
    CHECK(nt > 0 && nt <= MAXT);
    for (size_t i = 0; i < nt && i < MAXT; i++) {
        int in = t[i].x0 >= -0.5 && t[i].y0 >= -0.5 && t[i].x1 <= W + 0.5 &&
                 t[i].y1 <= H + 0.5;
        CHECK_MSG(in, "%s %dx%d: \"%s\" at %.1f,%.1f..%.1f,%.1f leaves "
                  "the image", what, W, H, t[i].s, t[i].x0, t[i].y0,
                  t[i].x1, t[i].y1);
        CHECK_MSG(t[i].size >= 8.0 - 1e-9, "%s %dx%d: \"%s\" at %.1f px",
                  what, W, H, t[i].s, t[i].size);
        bad += !in || t[i].size < 8.0 - 1e-9;
    }
    return bad;
}

/* Small figures (item 4): from 320x240 to 3840x2160, every view's texts
 * stay inside the image and readable, an 80-character title included. */
static void
test_sizes(void)
{
    static const int sz[][2] = { { 320, 240 }, { 400, 300 }, { 480, 640 },
                                 { 800, 600 }, { 1280, 400 },
                                 { 3840, 2160 } };
    ov_loss *ols = tu_loss("ols");
    ov_loss *cosl = tu_loss("cosine");
    static const ov_algo al[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                   OV_ALGO_RMSPROP, OV_ALGO_ADAM };
    static const double lr[4] = { 0.1, 0.02, 0.1, 0.2 };
    ov_trajectory *t[4], *c[2];
    for (int i = 0; i < 4; i++)
        t[i] = run(ols, al[i], lr[i], 100, 2.0, 9.0);
    c[0] = run(cosl, OV_ALGO_GD, 0.1, 50, 14.0, 0.0);
    c[1] = run(cosl, OV_ALGO_ADAM, 0.3, 50, 14.0, 0.0);
    const ov_trajectory *tr[4] = { t[0], t[1], t[2], t[3] };
    const ov_trajectory *tc[2] = { c[0], c[1] };
    static const char *title =
        "A rather long title of eighty characters: gd, momentum, rmsprop, "
        "adam on OLS";
    struct { const char *what; int view, panel, grid, titled; } cf[] = {
        { "contour", OV_VIEW_CONTOUR, 0, 0, 1 },
        { "contour+panel", OV_VIEW_CONTOUR, 1, 0, 0 },
        { "grid", OV_VIEW_CONTOUR, 0, 1, 1 },
        { "history", OV_VIEW_HISTORY, 0, 0, 1 },
        { "curve", OV_VIEW_CURVE, 0, 0, 1 },
    };
    for (size_t k = 0; k < sizeof cf / sizeof cf[0]; k++)
        for (size_t j = 0; j < sizeof sz / sizeof sz[0]; j++) {
            ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
            spec.view = (ov_view)cf[k].view;
            spec.panel_loss = cf[k].panel;
            spec.layout_grid = cf[k].grid;
            spec.title = cf[k].titled ? title : NULL;
            spec.width = sz[j][0];
            spec.height = sz[j][1];
            int curve = cf[k].view == OV_VIEW_CURVE;
            ov__figure *sc = NULL;
            ov_error err;
            ov_status st = ov__figure_create_vector(
                &sc, curve ? cosl : ols, curve ? tc : tr, curve ? 2 : 4,
                &spec, &err);
            if (st == OV_ERR_INVALID_ARG)
                continue;   /* refused as too small: nothing to clip */
            CHECK_MSG(st == OV_OK, "%s %dx%d: status %d", cf[k].what,
                      sz[j][0], sz[j][1], (int)st);
            if (!sc)
                continue;
            texts_inside(sc, sz[j][0], sz[j][1], cf[k].what);
            ov__figure_destroy(sc);
        }
    for (int i = 0; i < 4; i++)
        ov_trajectory_destroy(t[i]);
    ov_trajectory_destroy(c[0]);
    ov_trajectory_destroy(c[1]);
    ov_loss_destroy(ols);
    ov_loss_destroy(cosl);
}

/* The legend hides little data (item 6): the rows of the legend (found
 * by their texts, the series' labels) cover few pixels of the series'
 * colours in the same figure drawn without a legend. */
static void check_legend_hides(const ov_loss *loss,
                               const ov_trajectory *const *tr, size_t n,
                               ov_figure_spec spec, const char *what,
                               int labels, int strict);

static void
check_legend_place(const ov_loss *loss, const ov_trajectory *const *tr,
                   size_t n, ov_figure_spec spec, const char *what,
                   int labels)
{
    check_legend_hides(loss, tr, n, spec, what, labels, 0);
}

static void
check_legend_free(const ov_loss *loss, const ov_trajectory *const *tr,
                  size_t n, ov_figure_spec spec, const char *what)
{
    check_legend_place(loss, tr, n, spec, what, 0);
}

/* The same; with @p labels, the legend's box also meets no other text
 * (tick labels, axis names); @p strict: it hides no data pixel at all.
 * A legend put beside the plot (the plot narrowed for it, so the figure
 * without a legend has another plot area) must lie wholly outside the
 * plot area, where no data is drawn, and inside the image. */
static void
check_legend_hides(const ov_loss *loss, const ov_trajectory *const *tr,
                   size_t n, ov_figure_spec spec, const char *what,
                   int labels, int strict)
{
    ov_error err;
    ov__figure *with = NULL, *without = NULL;
    spec.legend = 1;
    CHECK_EQ_INT(ov__figure_create(&with, loss, tr, n, &spec, &err), OV_OK);
    spec.legend = 0;
    CHECK_EQ_INT(ov__figure_create(&without, loss, tr, n, &spec, &err),
                 OV_OK);
    if (!with || !without) {
        ov__figure_destroy(with);
        ov__figure_destroy(without);
        return;
    }
    /* The texts from the vector figure (the raster one keeps only what
     * its frames need). */
    ov__figure *vec = NULL;
    spec.legend = 1;
    CHECK_EQ_INT(ov__figure_create_vector(&vec, loss, tr, n, &spec, &err),
                 OV_OK);
    static ov__figure_text t[MAXT];
    size_t nt = vec ? ov__figure_texts(vec, t, MAXT) : 0;
    ov__figure_destroy(vec);
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < nt && i < MAXT; i++)
        for (size_t k = 0; k < n; k++) {
            char lab[256];
            ov__series_label(tr[k], lab, sizeof lab);
            if (strncmp(t[i].s, lab, strlen(t[i].s)) == 0 ||
                strstr(t[i].s, tr[k]->label) ||
                strcmp(t[i].s, "start") == 0 || strcmp(t[i].s, "current") == 0) {
                x0 = fmin(x0, t[i].x0 - 3.0 * t[i].size);
                y0 = fmin(y0, t[i].y0);
                x1 = fmax(x1, t[i].x1);
                y1 = fmax(y1, t[i].y1);
            }
        }
    CHECK_MSG(x1 > x0, "%s: no legend text found", what);
    for (size_t i = 0; labels && i < nt && i < MAXT; i++) {
        int mine = 0;
        for (size_t k = 0; k < n; k++) {
            char lab[256];
            ov__series_label(tr[k], lab, sizeof lab);
            if (strncmp(t[i].s, lab, strlen(t[i].s)) == 0 ||
                strstr(t[i].s, tr[k]->label) ||
                strcmp(t[i].s, "start") == 0 || strcmp(t[i].s, "current") == 0)
                mine = 1;
        }
        CHECK_MSG(mine || t[i].x1 <= x0 || t[i].x0 >= x1 || t[i].y1 <= y0 ||
                      t[i].y0 >= y1,
                  "%s: legend %.0f,%.0f..%.0f,%.0f over the text \"%s\"",
                  what, x0, y0, x1, y1, t[i].s);
    }
    int wa[4], na[4];
    ov__figure_plot_area(with, &wa[0], &wa[1], &wa[2], &wa[3]);
    ov__figure_plot_area(without, &na[0], &na[1], &na[2], &na[3]);
    if (memcmp(wa, na, sizeof wa) != 0) {
        CHECK_MSG(x1 <= wa[0] || x0 >= wa[0] + wa[2] || y1 <= wa[1] ||
                      y0 >= wa[1] + wa[3],
                  "%s: legend %.0f,%.0f..%.0f,%.0f beside a plot it meets "
                  "(%d,%d %dx%d)", what, x0, y0, x1, y1, wa[0], wa[1], wa[2],
                  wa[3]);
        CHECK_MSG(x0 >= 0 && y0 >= 0 && x1 <= spec.width &&
                      y1 <= spec.height,
                  "%s: legend %.0f,%.0f..%.0f,%.0f off the image", what, x0,
                  y0, x1, y1);
        ov__figure_destroy(with);
        ov__figure_destroy(without);
        return;
    }
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    CHECK_EQ_INT(ov__figure_frame(without, ov__figure_last_step(without), d,
                                  OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    const ov_image *img = ov__figure_image(without);
    long hidden = 0, area = 0;
    for (int y = (int)y0; y <= (int)y1; y++)
        for (int x = (int)x0; x <= (int)x1; x++) {
            if (x < 0 || y < 0 || x >= img->width || y >= img->height)
                continue;
            area++;
            uint32_t p = tu_pixel(img, x, y);
            /* strict (the chart views, on a plain background): anything
             * darker than the light grid lines is data (the loss curve,
             * the axes' frames, the series) */
            if (strict && tu_cdist(p, tu_pixel(img, 1, 1)) > 64) {
                hidden++;
                continue;
            }
            for (size_t k = 0; k < n; k++)
                if (tu_cdist(p, ov__figure_series_color(without, k)) < 40) {
                    hidden++;
                    break;
                }
        }
    CHECK_MSG(hidden <= (strict ? 0 : area / 200), "%s: legend %.0f,%.0f..%.0f,%.0f over %ld data pixels of %ld", what, x0, y0, x1, y1,
              hidden, area);
    ov__figure_destroy(with);
    ov__figure_destroy(without);
}

static void
test_legend_place(void)
{
    ov_loss *ols = tu_loss("ols");
    static const ov_algo al[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                   OV_ALGO_RMSPROP, OV_ALGO_ADAM };
    static const double lr[4] = { 0.1, 0.02, 0.1, 0.2 };
    ov_trajectory *t[4];
    for (int i = 0; i < 4; i++)
        t[i] = run(ols, al[i], lr[i], 100, 8.0, 9.0);
    const ov_trajectory *tr[4] = { t[0], t[1], t[2], t[3] };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    /* The runs start at the upper right, where a legend used to go. */
    spec.view = OV_VIEW_HISTORY;
    check_legend_free(ols, tr, 4, spec, "history");
    spec.view = OV_VIEW_CONTOUR;
    /* Colours far from viridis's bands, so that only trails count. */
    static const uint32_t vivid[4] = { 0xFF00FF, 0xFF0000, 0xFF8000,
                                       0x00FFFF };
    for (int i = 0; i < 4; i++) {
        spec.has_color[i] = 1;
        spec.color[i] = vivid[i];
    }
    check_legend_free(ols, tr, 4, spec, "contour");
    spec.width = 400;
    spec.height = 300;
    check_legend_free(ols, tr, 4, spec, "contour 400x300");
    for (int i = 0; i < 4; i++)
        ov_trajectory_destroy(t[i]);
    ov_loss *cs = tu_loss("cosine");
    ov_trajectory *c[2] = { run(cs, OV_ALGO_GD, 0.1, 50, 14.0, 0.0),
                            run(cs, OV_ALGO_ADAM, 0.3, 50, 14.0, 0.0) };
    const ov_trajectory *tc[2] = { c[0], c[1] };
    ov_figure_spec sc = OV_FIGURE_SPEC_INIT;
    check_legend_free(cs, tc, 2, sc, "curve");
    ov_trajectory_destroy(c[0]);
    ov_trajectory_destroy(c[1]);
    ov_loss_destroy(cs);
    ov_loss_destroy(ols);
}

/* Issue 14's leftovers, seen on figures: the history view's legend
 * straddled its top two panels at 320x240 .. 800x600 and the curve
 * view's lay on the curve at 320x240 and on seed 004's cosine_eta3 trail;
 * now every one hides no data pixel (the same figure without a legend,
 * same plot area) and meets no tick label or axis name, or sits beside
 * the plot, outside it. */
static void
test_legend_small(void)
{
    ov_loss *rb = tu_loss("rosenbrock");
    static const ov_algo al[3] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                   OV_ALGO_ADAM };
    static const double lr[3] = { 0.001, 0.001, 0.1 };
    ov_trajectory *t[3];
    for (int i = 0; i < 3; i++)
        t[i] = run(rb, al[i], lr[i], 100, -1.5, 2.0);
    const ov_trajectory *tr[3] = { t[0], t[1], t[2] };
    static const int sz[][2] = { { 320, 240 }, { 400, 300 }, { 640, 480 },
                                 { 800, 600 } };
    static const uint32_t vivid[3] = { 0xFF00FF, 0x0000FF, 0xFF8000 };
    char what[64];
    for (size_t j = 0; j < sizeof sz / sizeof *sz; j++) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.view = OV_VIEW_HISTORY;
        spec.width = sz[j][0];
        spec.height = sz[j][1];
        for (int i = 0; i < 3; i++) {
            spec.has_color[i] = 1;
            spec.color[i] = vivid[i];
        }
        snprintf(what, sizeof what, "history %dx%d", sz[j][0], sz[j][1]);
        check_legend_hides(rb, tr, 3, spec, what, 1, 1);
    }
    for (int i = 0; i < 3; i++)
        ov_trajectory_destroy(t[i]);
    ov_loss_destroy(rb);
    ov_loss *cs = tu_loss("cosine");
    ov_trajectory *c[3] = { run(cs, OV_ALGO_GD, 0.1, 100, 15.0, 0.0),
                            run(cs, OV_ALGO_MOMENTUM, 0.05, 100, 15.0, 0.0),
                            run(cs, OV_ALGO_ADAM, 0.3, 100, 15.0, 0.0) };
    const ov_trajectory *tc[3] = { c[0], c[1], c[2] };
    for (size_t j = 0; j < 2; j++) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.width = sz[j][0];
        spec.height = sz[j][1];
        snprintf(what, sizeof what, "curve %dx%d", sz[j][0], sz[j][1]);
        check_legend_hides(cs, tc, 3, spec, what, 1, 1);
    }
    for (int i = 0; i < 3; i++)
        ov_trajectory_destroy(c[i]);
    /* seed 004's cosine_eta3: gd at lr 3 from 15, ten steps */
    ov_trajectory *e = run(cs, OV_ALGO_GD, 3.0, 10, 15.0, 0.0);
    const ov_trajectory *te[1] = { e };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.title = "eta = 3.000";
    check_legend_hides(cs, te, 1, spec, "cosine_eta3", 1, 1);
    ov_trajectory_destroy(e);
    ov_loss_destroy(cs);
}

/* six_hump_camel at 320x240: the legend lay on the upper global minimum's
 * star; no corner was free.  Now no minimum (its star, 10 px-units round)
 * lies under the legend's texts and samples, at any size, and the legend
 * hides no trail pixel (or it sits outside the plot). */
static void
test_legend_minima(void)
{
    ov_loss *cl = tu_loss("six_hump_camel");
    static const ov_algo al[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                   OV_ALGO_RMSPROP, OV_ALGO_ADAM };
    static const double lr[4] = { 0.01, 0.005, 0.05, 0.1 };
    static const uint32_t vivid[4] = { 0xFF00FF, 0xFF0000, 0xFF8000,
                                       0x00FFFF };
    ov_trajectory *t[4];
    for (int i = 0; i < 4; i++)
        t[i] = run(cl, al[i], lr[i], 100, -2.0, 1.5);
    const ov_trajectory *tr[4] = { t[0], t[1], t[2], t[3] };
    static const int sz[][2] = { { 320, 240 }, { 400, 300 }, { 800, 600 } };
    const double *mins = NULL;
    size_t nm = ov_loss_minima(cl, &mins);
    CHECK_MSG(nm == 2, "six_hump_camel: %zu global minima", nm);
    for (size_t j = 0; j < sizeof sz / sizeof *sz; j++) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.view = OV_VIEW_CONTOUR;
        spec.width = sz[j][0];
        spec.height = sz[j][1];
        spec.legend = 1;
        char what[64];
        snprintf(what, sizeof what, "six_hump_camel %dx%d", sz[j][0],
                 sz[j][1]);
        ov_error err;
        ov__figure *vec = NULL;
        CHECK_EQ_INT(ov__figure_create_vector(&vec, cl, tr, 4, &spec, &err),
                     OV_OK);
        if (!vec)
            continue;
        static ov__figure_text tx[MAXT];
        size_t nt = ov__figure_texts(vec, tx, MAXT);
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (size_t i = 0; i < nt && i < MAXT; i++)
            for (int k = 0; k < 4; k++)
                if (strncmp(tx[i].s, t[k]->label, strlen(t[k]->label)) == 0
                    && strchr(tx[i].s, '(')) {
                    x0 = fmin(x0, tx[i].x0 - 3.0 * tx[i].size);
                    y0 = fmin(y0, tx[i].y0);
                    x1 = fmax(x1, tx[i].x1);
                    y1 = fmax(y1, tx[i].y1);
                }
        CHECK_MSG(x1 > x0, "%s: no legend found", what);
        double r = 10.0 * spec.width / 800.0;
        for (size_t k = 0; k < nm; k++) {
            double px, py;
            ov__figure_to_pixel(vec, mins[2 * k], mins[2 * k + 1], &px, &py);
            CHECK_MSG(px + r <= x0 || px - r >= x1 || py + r <= y0 ||
                          py - r >= y1,
                      "%s: legend %.0f,%.0f..%.0f,%.0f over the minimum at "
                      "%.0f,%.0f", what, x0, y0, x1, y1, px, py);
        }
        ov__figure_destroy(vec);
        for (int i = 0; i < 4; i++) {
            spec.has_color[i] = 1;
            spec.color[i] = vivid[i];
        }
        check_legend_place(cl, tr, 4, spec, what, 0);
    }
    for (int i = 0; i < 4; i++)
        ov_trajectory_destroy(t[i]);
    ov_loss_destroy(cl);
}

/* docs/gallery/paper.png: "momentum (lr=0.05)" was shortened to
 * "momentum..." in a legend with room for it; an entry is shortened only
 * when it cannot fit the plot. */
static void
test_legend_whole(void)
{
    ov_loss *q = tu_loss("quadratic");
    static const ov_algo al[3] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                   OV_ALGO_ADAM };
    static const double lr[3] = { 0.1, 0.05, 0.2 };
    ov_trajectory *t[3];
    for (int i = 0; i < 3; i++)
        t[i] = run(q, al[i], lr[i], 40, -4.0, 3.0);
    const ov_trajectory *tr[3] = { t[0], t[1], t[2] };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.width = 525;   /* 3.5 x 2.6 in at 150 dpi */
    spec.height = 390;
    spec.dpi = 150.0;
    spec.aspect = OV_ASPECT_EQUAL;
    ov_error err;
    ov__figure *vec = NULL;
    CHECK_EQ_INT(ov__figure_create_vector(&vec, q, tr, 3, &spec, &err),
                 OV_OK);
    static ov__figure_text tx[MAXT];
    size_t nt = vec ? ov__figure_texts(vec, tx, MAXT) : 0;
    int whole = 0;
    for (size_t i = 0; i < nt && i < MAXT; i++) {
        CHECK_MSG(!strstr(tx[i].s, "\xE2\x80\xA6"),
                  "paper: \"%s\" shortened", tx[i].s);
        if (strncmp(tx[i].s, "momentum", 8) == 0 && strstr(tx[i].s, "0.05"))
            whole = 1;
    }
    CHECK_MSG(whole, "paper: no whole momentum entry");
    ov__figure_destroy(vec);
    for (int i = 0; i < 3; i++)
        ov_trajectory_destroy(t[i]);
    ov_loss_destroy(q);
}

/* The smallest number a figure writes (its tick labels' size). */
static double
smallest_text(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
              const ov_figure_spec *spec)
{
    ov_error err;
    ov__figure *vec = NULL;
    CHECK_EQ_INT(ov__figure_create_vector(&vec, loss, tr, n, spec, &err),
                 OV_OK);
    static ov__figure_text tx[MAXT];
    size_t nt = vec ? ov__figure_texts(vec, tx, MAXT) : 0;
    double m = INFINITY, v;
    for (size_t i = 0; i < nt && i < MAXT; i++)
        if (parse_value(tx[i].s, &v))
            m = fmin(m, tx[i].size);
    ov__figure_destroy(vec);
    return m;
}

/* A 2 x 2 grid at 1920x1080 has cells of 880x520 and took their text,
 * an 800x600 figure's (12 px), small on a full-HD figure whose own text
 * is twice that: a cell's text is at least 0.6 of its figure's (as
 * matplotlib keeps one font size per figure however many axes), and
 * never under an 800x600 figure's when the cell is about that big. */
static void
test_grid_text(void)
{
    ov_loss *ols = tu_loss("ols");
    static const ov_algo al[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                   OV_ALGO_RMSPROP, OV_ALGO_ADAM };
    ov_trajectory *t[4];
    for (int i = 0; i < 4; i++)
        t[i] = run(ols, al[i], 0.05, 50, 2.0, 9.0);
    const ov_trajectory *tr[4] = { t[0], t[1], t[2], t[3] };
    ov_figure_spec one = OV_FIGURE_SPEC_INIT;
    one.view = OV_VIEW_CONTOUR;
    double ref = smallest_text(ols, tr, 1, &one);
    ov_figure_spec g = one;
    g.layout_grid = 1;
    g.width = 1920;
    g.height = 1080;
    double big = smallest_text(ols, tr, 4, &g);
    CHECK_MSG(big >= ref, "grid 1920x1080: smallest text %.2f px, under "
              "an 800x600 figure's %.2f", big, ref);
    ov_figure_spec hd = one;
    hd.width = 1920;
    hd.height = 1080;
    double whole = smallest_text(ols, tr, 1, &hd);
    CHECK_MSG(big >= 0.6 * whole - 0.01, "grid 1920x1080: smallest text "
              "%.2f px, under 0.6 of a 1920x1080 figure's %.2f", big, whole);
    g.width = 800;   /* a small grid keeps its cells' own scale */
    g.height = 600;
    double small = smallest_text(ols, tr, 4, &g);
    CHECK_MSG(small < ref, "grid 800x600: smallest text %.2f px, not "
              "under 800x600's %.2f", small, ref);
    for (int i = 0; i < 4; i++)
        ov_trajectory_destroy(t[i]);
    ov_loss_destroy(ols);
}

/* The history view marks a value that leaves its panel: gd at lr 0.003 on
 * rosenbrock diverges at step 5; each of its three panels shows a filled
 * mark (a 3 x 3 block of its colour, which no 1.6 px line holds) near
 * step 5's x.  The old view drew nothing there. */
static void
test_history_edge(void)
{
    ov_loss *rb = tu_loss("rosenbrock");
    ov_trajectory *t[2] = { run(rb, OV_ALGO_GD, 0.003, 100, -1.5, 2.0),
                            run(rb, OV_ALGO_ADAM, 0.1, 100, -1.5, 2.0) };
    CHECK_MSG(t[0]->diverged_at == 5, "gd diverged at %ld, not 5",
              t[0]->diverged_at);
    const ov_trajectory *tr[2] = { t[0], t[1] };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_HISTORY;
    spec.width = 400;
    spec.height = 300;
    spec.has_color[0] = spec.has_color[1] = 1;
    spec.color[0] = 0xFF00FF;
    spec.color[1] = 0x00A0FF;
    ov_error err;
    ov__figure *f = NULL;
    CHECK_EQ_INT(ov__figure_create(&f, rb, tr, 2, &spec, &err), OV_OK);
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    if (f) {
        CHECK_EQ_INT(ov__figure_frame(f, ov__figure_last_step(f), d,
                                      OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        const ov_image *img = ov__figure_image(f);
        int ax, ay, aw, ah;
        ov__figure_plot_area(f, &ax, &ay, &aw, &ah);
        double want = ax + aw * 5.0 / 100.0;
        /* rows of blocks, merged by their y (one per panel) */
        int rows[64], nr = 0;
        for (int y = 1; y + 1 < img->height; y++)
            for (int x = 1; x + 1 < img->width; x++) {
                int full = 1;
                for (int dy = -1; dy <= 1 && full; dy++)
                    for (int dx = -1; dx <= 1 && full; dx++)
                        full = tu_cdist(tu_pixel(img, x + dx, y + dy),
                                        0xFF00FF) < 30;
                if (!full)
                    continue;
                CHECK_MSG(fabs(x - want) < 12.0, "history: a mark at x %d, "
                          "step 5 is at %.0f", x, want);
                int seen = 0;
                for (int k = 0; k < nr; k++)
                    if (abs(rows[k] - y) < 10)
                        seen = 1;
                if (!seen && nr < 64)
                    rows[nr++] = y;
            }
        CHECK_MSG(nr == 3, "history: %d edge marks of the diverged run, "
                  "not 3 (one a panel)", nr);
    }
    ov__figure_destroy(f);
    ov_trajectory_destroy(t[0]);
    ov_trajectory_destroy(t[1]);
    ov_loss_destroy(rb);
}

/* The surface view's legend (item 6): placed by the shared occupancy
 * choice with the paths, stars and the z/x/y tick labels and axis names
 * taken.  Starting at (-5, 2) on himmelblau, adam climbs the far left wall,
 * under the old fixed upper-left legend at 400x300. */
static void
test_surface_legend(void)
{
    static const char *losses[2] = { "himmelblau", "rosenbrock" };
    static const double start[2][2] = { { -5.0, 2.0 }, { -1.5, 2.0 } };
    static const int sz[2][2] = { { 400, 300 }, { 800, 600 } };
    static const uint32_t vivid[2] = { 0xFF00FF, 0xFF0000 };
    for (int l = 0; l < 2; l++) {
        ov_loss *loss = tu_loss(losses[l]);
        ov_trajectory *t[2] = {
            run(loss, OV_ALGO_GD, l ? 0.0005 : 0.002, 60, start[l][0],
                start[l][1]),
            run(loss, OV_ALGO_ADAM, 0.05, 60, start[l][0], start[l][1])
        };
        const ov_trajectory *tr[2] = { t[0], t[1] };
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.view = OV_VIEW_SURFACE;
        for (int i = 0; i < 2; i++) {
            spec.has_color[i] = 1;
            spec.color[i] = vivid[i];
        }
        for (int k = 0; k < 2; k++) {
            char what[64];
            snprintf(what, sizeof what, "surface %s %dx%d", losses[l],
                     sz[k][0], sz[k][1]);
            spec.width = sz[k][0];
            spec.height = sz[k][1];
            check_legend_place(loss, tr, 2, spec, what, 1);
        }
        ov_trajectory_destroy(t[0]);
        ov_trajectory_destroy(t[1]);
        ov_loss_destroy(loss);
    }
}

/* The surface view's legend hides no data at small sizes (issue 14): the
 * legend's box (its texts and samples, found by the series' labels, with
 * their padding) meets no pixel of the surface or its floor.  The mask is
 * made here, not by the view's own footprint: the loss sampled on a
 * 400 x 400 grid over the limits, each point (and the floor under it, a
 * loss far below the linear scale) projected by the view's own camera
 * (ov__figure_project) and marked 3 x 3 pixels wide.  At 320x240 and
 * 400x300 the legend used to lie on the surface. */
static void
test_surface_legend_mask(void)
{
    static const char *losses[2] = { "ols", "rosenbrock" };
    static const int sz[3][2] = { { 320, 240 }, { 400, 300 }, { 800, 600 } };
    static const double lim[2][4] = { { -10, 10, -10, 10 },
                                      { -2, 2, -1, 3 } };
    static const ov_algo al[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                   OV_ALGO_RMSPROP, OV_ALGO_ADAM };
    static const double lr[2][4] = { { 0.1, 0.02, 0.1, 0.2 },
                                     { 0.001, 0.0005, 0.01, 0.05 } };
    static const double start[2][2] = { { 8.0, 9.0 }, { -1.5, 2.0 } };
    for (int l = 0; l < 2; l++) {
        ov_loss *loss = tu_loss(losses[l]);
        ov_trajectory *t[4];
        for (int i = 0; i < 4; i++)
            t[i] = run(loss, al[i], lr[l][i], 100, start[l][0], start[l][1]);
        const ov_trajectory *tr[4] = { t[0], t[1], t[2], t[3] };
        for (int k = 0; k < 3; k++) {
            ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
            spec.view = OV_VIEW_SURFACE;
            spec.zscale = OV_ZSCALE_LINEAR;
            spec.has_xlim = spec.has_ylim = 1;
            spec.xlim[0] = lim[l][0];
            spec.xlim[1] = lim[l][1];
            spec.ylim[0] = lim[l][2];
            spec.ylim[1] = lim[l][3];
            spec.width = sz[k][0];
            spec.height = sz[k][1];
            spec.legend = 1;
            char what[64];
            snprintf(what, sizeof what, "surface legend %s %dx%d", losses[l],
                     sz[k][0], sz[k][1]);
            ov_error err;
            ov__figure *vec = NULL;
            CHECK_EQ_INT(ov__figure_create_vector(&vec, loss, tr, 4, &spec,
                                                  &err), OV_OK);
            if (!vec)
                continue;
            static ov__figure_text tx[MAXT];
            size_t nt = ov__figure_texts(vec, tx, MAXT);
            double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY,
                   y1 = -INFINITY;
            for (size_t i = 0; i < nt && i < MAXT; i++)
                for (size_t q = 0; q < 4; q++) {
                    char lab[256];
                    ov__series_label(tr[q], lab, sizeof lab);
                    if (strcmp(tx[i].s, lab) != 0)
                        continue;
                    double pad = 0.5 * tx[i].size;
                    x0 = fmin(x0, tx[i].x0 - 3.0 * tx[i].size - pad);
                    y0 = fmin(y0, tx[i].y0 - pad);
                    x1 = fmax(x1, tx[i].x1 + pad);
                    y1 = fmax(y1, tx[i].y1 + pad);
                }
            CHECK_MSG(x1 > x0, "%s: no legend text found", what);
            int W = sz[k][0], H = sz[k][1];
            unsigned char *mask = calloc((size_t)W * H, 1);
            for (int j = 0; j <= 400 && mask; j++)
                for (int i = 0; i <= 400; i++) {
                    double th[2] = { lim[l][0] + (lim[l][1] - lim[l][0]) * i / 400.0,
                                     lim[l][2] + (lim[l][3] - lim[l][2]) * j / 400.0 };
                    double f[2] = { ov_loss_eval(loss, th, NULL), -1e30 };
                    for (int e = 0; e < 2; e++) {
                        double px, py;
                        ov__figure_project(vec, th[0], th[1], f[e], &px, &py);
                        for (int dy = -1; dy <= 1; dy++)
                            for (int dx = -1; dx <= 1; dx++) {
                                int x = (int)floor(px) + dx,
                                    y = (int)floor(py) + dy;
                                if (x >= 0 && y >= 0 && x < W && y < H)
                                    mask[(size_t)y * W + x] = 1;
                            }
                    }
                }
            long over = 0, area = 0;
            for (int y = (int)floor(y0); y < (int)ceil(y1) && mask; y++)
                for (int x = (int)floor(x0); x < (int)ceil(x1); x++) {
                    if (x < 0 || y < 0 || x >= W || y >= H)
                        continue;
                    area++;
                    over += mask[(size_t)y * W + x];
                }
            CHECK_MSG(over == 0,
                      "%s: legend %.0f,%.0f..%.0f,%.0f over %ld of its %ld "
                      "pixels of surface", what, x0, y0, x1, y1, over, area);
            /* and inside the image */
            CHECK_MSG(x0 >= 0 && y0 >= 0 && x1 <= W && y1 <= H,
                      "%s: legend %.0f,%.0f..%.0f,%.0f outside the image",
                      what, x0, y0, x1, y1);
            free(mask);
            ov__figure_destroy(vec);
        }
        for (int i = 0; i < 4; i++)
            ov_trajectory_destroy(t[i]);
        ov_loss_destroy(loss);
    }
}

/* Pixels of @p s drawn by ov__text on white, 400x60. */
static cairo_surface_t *
draw_text(const char *s)
{
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400,
                                                     60);
    cairo_t *cr = cairo_create(sf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    ov__pen pn = { cr, NULL };
    ov__text(&pn, s, 10.0, 30.0, 24.0, 0.0, 0.0, 0x000000, 1.0);
    cairo_destroy(cr);
    cairo_surface_flush(sf);
    return sf;
}

/* Pixels that differ between two 400x60 drawings, and the dark ones of
 * the first. */
static long
differ(cairo_surface_t *a, cairo_surface_t *b, long *ink)
{
    const unsigned char *da = cairo_image_surface_get_data(a);
    const unsigned char *db = cairo_image_surface_get_data(b);
    int st = cairo_image_surface_get_stride(a);
    long n = 0;
    *ink = 0;
    for (int y = 0; y < 60; y++)
        for (int x = 0; x < 400; x++) {
            uint32_t pa = *(const uint32_t *)(da + y * st + 4 * x) & 0xFFFFFF;
            uint32_t pb = *(const uint32_t *)(db + y * st + 4 * x) & 0xFFFFFF;
            n += pa != pb;
            *ink += (pa & 0xFF) < 128;
        }
    return n;
}

/* CJK text (item 8): two different Chinese strings of the same length
 * render differently (DejaVu's missing glyph is the same box for each:
 * the old code drew both alike), with ink, the same every time; mixed
 * text measures its CJK part. */
static void
test_cjk(void)
{
    cairo_surface_t *a = draw_text("\u68af\u5ea6\u4e0b\u964d");   /* 梯度下降 */
    cairo_surface_t *b = draw_text("\u4f18\u5316\u5668\u5feb");   /* 优化器快 */
    cairo_surface_t *c = draw_text("\u68af\u5ea6\u4e0b\u964d");
    long ink, inkb, inkc;
    long d = differ(a, b, &ink);
    differ(b, a, &inkb);
    CHECK_MSG(d > 200, "two CJK strings differ in only %ld pixels (boxes?)",
              d);
    CHECK_MSG(ink > 150 && inkb > 150, "CJK ink %ld, %ld", ink, inkb);
    CHECK_EQ_INT(differ(a, c, &inkc), 0);  /* deterministic */
    /* Mixed text measures what it draws: wider than its Latin part. */
    cairo_surface_t *m = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
    cairo_t *cr = cairo_create(m);
    double wl = ov__text_width(cr, "optimizer", 20.0);
    double wm = ov__text_width(cr, "optimizer \u4f18\u5316\u5668", 20.0);
    CHECK_MSG(wm > wl + 40.0, "mixed text %.1f wide, Latin %.1f", wm, wl);
    cairo_destroy(cr);
    cairo_surface_destroy(m);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    cairo_surface_destroy(c);
}

/* A shifted log colour scale (item 7) is named for what it is: six-hump
 * camel's losses go to -1.03, so its colours are log(f + c), and the
 * colour bar says so instead of "f (log scale)", in the contour and the
 * surface view alike (one shared name). */
static void
test_shifted_name(ov_view view)
{
    ov_loss *l = tu_loss("six_hump_camel");
    ov_trajectory *t = run(l, OV_ALGO_GD, 0.01, 20, -1.0, 0.5);
    const ov_trajectory *tr[1] = { t };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = view;
    ov__figure *sc = NULL;
    ov_error err;
    CHECK_EQ_INT(ov__figure_create_vector(&sc, l, tr, 1, &spec, &err), OV_OK);
    if (sc) {
        static ov__figure_text tx[MAXT];
        size_t n = ov__figure_texts(sc, tx, MAXT);
        int named = 0, plain = 0;
        for (size_t i = 0; i < n && i < MAXT; i++) {
            named |= strstr(tx[i].s, "(log of f + 1.03") != NULL;
            plain |= strstr(tx[i].s, "(log scale)") != NULL;
        }
        CHECK_MSG(named && !plain, "view %d: shifted log named %d, plain %d",
                  (int)view, named, plain);
        ov__figure_destroy(sc);
    }
    ov_trajectory_destroy(t);
    ov_loss_destroy(l);
}

/* A dense path keeps its colour (item 5): adadelta on wobbly oscillates
 * over itself for tens of steps; where it does, the pixels of the path
 * are mostly its colour, not the black of one casing per segment. */
static void
test_dense_path(void)
{
    ov_loss *l = tu_loss("wobbly");
    ov_trajectory *t = run(l, OV_ALGO_ADADELTA, 100.0, 100, -2.8, -2.5);
    const ov_trajectory *tr[1] = { t };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.legend = 0;
    spec.has_color[0] = 1;
    spec.color[0] = 0xFF00FF;
    ov__figure *sc = NULL;
    ov_error err;
    CHECK_EQ_INT(ov__figure_create(&sc, l, tr, 1, &spec, &err), OV_OK);
    if (sc) {
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        ov__figure_frame(sc, ov__figure_last_step(sc), d,
                         OV__FIGURE_MAX_DIRTY, &nd);
        const ov_image *img = ov__figure_image(sc);
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (size_t k = 50; k < t->n_rows; k++) {
            double x, y;
            ov__figure_to_pixel(sc, t->rows[k].theta[0], t->rows[k].theta[1],
                                &x, &y);
            x0 = fmin(x0, x);
            y0 = fmin(y0, y);
            x1 = fmax(x1, x);
            y1 = fmax(y1, y);
        }
        long black = 0, col = 0;
        for (int y = (int)y0; y <= (int)y1; y++)
            for (int x = (int)x0; x <= (int)x1; x++) {
                uint32_t p = tu_pixel(img, x, y);
                black += tu_cdist(p, 0x000000) < 60;
                col += tu_cdist(p, 0xFF00FF) < 60;
            }
        CHECK_MSG(col > 2 * black && col > 100,
                  "oscillating path: %ld pixels of its colour, %ld black",
                  col, black);
        ov__figure_destroy(sc);
    }
    ov_trajectory_destroy(t);
    ov_loss_destroy(l);
}

/* Pixels of colour @p c in the plot of @p sc at its last step. */
static long
plot_pixels(ov__figure *sc, uint32_t c)
{
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    ov__figure_frame(sc, ov__figure_last_step(sc), d, OV__FIGURE_MAX_DIRTY,
                     &nd);
    const ov_image *img = ov__figure_image(sc);
    int ax, ay, aw, ah;
    ov__figure_plot_area(sc, &ax, &ay, &aw, &ah);
    long n = 0;
    for (int y = ay; y < ay + ah; y++)
        for (int x = ax; x < ax + aw; x++)
            n += tu_cdist(tu_pixel(img, x, y), c) < 60;
    return n;
}

/* Gradient arrows (item 3) are a light fan: adam on ols (seed 000's
 * path_Adam: thirty steps from a steep start) adds little ink of its
 * colour to the plot, not a wall. */
static void
test_arrows_light(void)
{
    ov_loss *l = tu_loss("ols");
    ov_trajectory *t = run(l, OV_ALGO_ADAM, 0.2, 30, -8.0, -8.0);
    const ov_trajectory *tr[1] = { t };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.legend = 0;
    spec.has_color[0] = 1;
    spec.color[0] = 0xFF00FF;
    ov__figure *with = NULL, *without = NULL;
    ov_error err;
    CHECK_EQ_INT(ov__figure_create(&without, l, tr, 1, &spec, &err), OV_OK);
    spec.arrows = OV_ARROWS_GRADIENT;
    CHECK_EQ_INT(ov__figure_create(&with, l, tr, 1, &spec, &err), OV_OK);
    if (with && without) {
        int ax, ay, aw, ah;
        ov__figure_plot_area(with, &ax, &ay, &aw, &ah);
        long extra = plot_pixels(with, 0xFF00FF) -
                     plot_pixels(without, 0xFF00FF);
        CHECK_MSG(extra > 0 && extra < (long)aw * ah / 100,
                  "arrows add %ld pixels of %d", extra, aw * ah);
    }
    ov__figure_destroy(with);
    ov__figure_destroy(without);
    ov_trajectory_destroy(t);
    ov_loss_destroy(l);
}

/*
 * The stated arrow rule (optviz(1) --arrows, contour_private.h), written
 * out here: a row's arrow is -lr * gradient, at most 0.08 of the plot's
 * shorter side long; the first row has one and then each row whose point
 * lies at least 14 px-units (@p u px each) from the point of the last
 * row that got one.  Sets keep[k] and the tip (tx, ty) of every row.
 */
static size_t
fan_rule(const ov__figure *sc, const ov_trajectory *t, double u,
         unsigned char *keep, double *tx, double *ty, double *bx, double *by)
{
    int ax, ay, aw, ah;
    ov__figure_plot_area(sc, &ax, &ay, &aw, &ah);
    double cap = 0.08 * (aw < ah ? aw : ah), lx = INFINITY, ly = INFINITY;
    size_t n = 0;
    for (size_t k = 0; k < t->n_rows; k++) {
        const ov_traj_row *r = &t->rows[k];
        ov__figure_to_pixel(sc, r->theta[0], r->theta[1], &bx[k], &by[k]);
        ov__figure_to_pixel(sc, r->theta[0] - t->config.lr * r->grad[0],
                            r->theta[1] - t->config.lr * r->grad[1], &tx[k],
                            &ty[k]);
        double l = hypot(tx[k] - bx[k], ty[k] - by[k]);
        if (l > cap) {
            tx[k] = bx[k] + (tx[k] - bx[k]) * cap / l;
            ty[k] = by[k] + (ty[k] - by[k]) * cap / l;
        }
        keep[k] = hypot(bx[k] - lx, by[k] - ly) >= 14.0 * u;
        if (keep[k]) {
            lx = bx[k];
            ly = by[k];
            n++;
        }
    }
    return n;
}

/* Pixels of the plot that differ between two renders of one size. */
static long
plot_diff(ov__figure *a, ov__figure *b, const ov_image **ia,
          const ov_image **ib)
{
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    ov__figure_frame(a, ov__figure_last_step(a), d, OV__FIGURE_MAX_DIRTY, &nd);
    ov__figure_frame(b, ov__figure_last_step(b), d, OV__FIGURE_MAX_DIRTY, &nd);
    *ia = ov__figure_image(a);
    *ib = ov__figure_image(b);
    int ax, ay, aw, ah;
    ov__figure_plot_area(a, &ax, &ay, &aw, &ah);
    long n = 0;
    for (int y = ay; y < ay + ah; y++)
        for (int x = ax; x < ax + aw; x++)
            n += tu_cdist(tu_pixel(*ia, x, y), tu_pixel(*ib, x, y)) > 30;
    return n;
}

/*
 * Seed 000's path_Adam (adam, lr 0.1, on ols from (2, 9)) at 30, 100 and
 * 300 steps, at 800x600, 400x300 and 1920x1080: the arrows change under
 * 0.8 % of the plot's pixels (0.38 to 0.68 % with the rule; an arrow on
 * every row: 0.85 to 1.5 %); each row the rule keeps shows its head (its
 * fill inside it, and ink 1 px back from the tip: the head reaches its
 * vertex; the old tip stopped 2.65 px short; tips under the minimum's
 * star or the current point's marker, drawn above, are not looked at);
 * a row the rule leaves out shows no head where its head would be, when
 * that is clear of the kept arrows and the trail.
 */
static void
test_arrows_fan(void)
{
    ov_loss *l = tu_loss("ols");
    static const long steps[3] = { 30, 100, 300 };
    static const int size[3][2] = { { 800, 600 }, { 400, 300 }, { 1920, 1080 } };
    size_t all_gaps = 0;
    for (int c = 0; l && c < 9; c++) {
        ov_trajectory *t = run(l, OV_ALGO_ADAM, 0.1, steps[c % 3], 2.0, 9.0);
        if (!t)
            continue;
        const ov_trajectory *tr[1] = { t };
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        int W = spec.width = size[c / 3][0], H = spec.height = size[c / 3][1];
        /* The figure's scale: its type unit (typescale.c), 1 at 800x600,
         * 0.75 at 400x300, 2.08 at 1920x1080. */
        double u = fmin(fmax(sqrt(W * H / (800.0 * 600.0)), 0.75),
                        fmin(W / 400.0, H / 300.0));
        spec.legend = 0;
        spec.has_color[0] = 1;
        spec.color[0] = 0xFF00FF;
        ov__figure *with = NULL, *without = NULL;
        ov_error err;
        CHECK_EQ_INT(ov__figure_create(&without, l, tr, 1, &spec, &err), OV_OK);
        spec.arrows = OV_ARROWS_GRADIENT;
        CHECK_EQ_INT(ov__figure_create(&with, l, tr, 1, &spec, &err), OV_OK);
        size_t n = t->n_rows;
        unsigned char *keep = malloc(n);
        double *v = malloc(4 * n * sizeof *v);
        if (with && without && keep && v) {
            double *tx = v, *ty = v + n, *bx = v + 2 * n, *by = v + 3 * n;
            size_t nk = fan_rule(with, t, u, keep, tx, ty, bx, by);
            const ov_image *iw, *io;
            int ax, ay, aw, ah;
            ov__figure_plot_area(with, &ax, &ay, &aw, &ah);
            long diff = plot_diff(with, without, &iw, &io);
            CHECK_MSG(diff > 0 && diff * 1000 < (long)aw * ah * 8,
                      "%ld steps %dx%d: arrows change %ld of %d plot pixels",
                      steps[c % 3], W, H, diff, aw * ah);
            size_t tips = 0, seen = 0, gaps = 0, empty = 0;
            const double *m = NULL;
            double mx = INFINITY, my = INFINITY;
            if (ov_loss_minima(l, &m) > 0)
                ov__figure_to_pixel(with, m[0], m[1], &mx, &my);
            for (size_t k = 0; k < n; k++) {
                double len = hypot(tx[k] - bx[k], ty[k] - by[k]);
                if (len < 16.0 * u || tx[k] < ax + 4 || tx[k] > ax + aw - 4 ||
                    ty[k] < ay + 4 || ty[k] > ay + ah - 4)
                    continue;
                /* Not under the star or the current point's marker,
                 * which are drawn above the arrows. */
                if (hypot(tx[k] - mx, ty[k] - my) < 14.0 * u ||
                    hypot(tx[k] - bx[n - 1], ty[k] - by[n - 1]) < 14.0 * u)
                    continue;
                int px = (int)floor(tx[k] - (tx[k] - bx[k]) / len);
                int py = (int)floor(ty[k] - (ty[k] - by[k]) / len);
                int ink = tu_cdist(tu_pixel(iw, px, py), tu_pixel(io, px, py)) > 30;
                /* Inside the head (0.6 of its 8 px-units back): its
                 * fill, the series' colour. */
                double hx = tx[k] - (tx[k] - bx[k]) / len * 4.8 * u;
                double hy = ty[k] - (ty[k] - by[k]) / len * 4.8 * u;
                int fill = tu_cdist(tu_pixel(iw, (int)floor(hx), (int)floor(hy)),
                                    0xFF00FF) < 60;
                if (keep[k]) {
                    tips++;
                    seen += (size_t)(ink && fill);
                    continue;
                }
                /* Left out: where its head would be is 6 px-units clear
                 * of every kept arrow and of the trail, and shows no
                 * head. */
                int clear = 1;
                for (size_t j = 0; j < n && clear; j++) {
                    double s0[2][4] = { { bx[j], by[j], tx[j], ty[j] },
                                        { bx[j], by[j], bx[j ? j - 1 : 0],
                                          by[j ? j - 1 : 0] } };
                    for (int q = keep[j] ? 0 : 1; q < 2; q++) {
                        double vx = s0[q][2] - s0[q][0], vy = s0[q][3] - s0[q][1];
                        double l2 = vx * vx + vy * vy, f = 0.0;
                        if (l2 > 0.0)
                            f = ((hx - s0[q][0]) * vx + (hy - s0[q][1]) * vy) / l2;
                        f = f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f;
                        clear &= hypot(hx - s0[q][0] - f * vx,
                                       hy - s0[q][1] - f * vy) > 6.0 * u;
                    }
                }
                if (clear) {
                    gaps++;
                    empty += (size_t)!fill;
                }
            }
            CHECK_MSG(nk >= 5 && tips >= 5, "%ld steps %dx%d: %zu arrows kept, "
                      "%zu with a tip in the plot", steps[c % 3], W, H, nk, tips);
            CHECK_MSG(seen == tips, "%ld steps %dx%d: heads at %zu of %zu tips",
                      steps[c % 3], W, H, seen, tips);
            all_gaps += gaps;
            CHECK_MSG(empty == gaps, "%ld steps %dx%d: %zu of %zu left-out "
                      "heads drawn", steps[c % 3], W, H, gaps - empty, gaps);
        }
        free(keep);
        free(v);
        ov__figure_destroy(with);
        ov__figure_destroy(without);
        ov_trajectory_destroy(t);
    }
    CHECK_MSG(all_gaps >= 6, "only %zu left-out rows looked at", all_gaps);
    ov_loss_destroy(l);
}

/* Animated numbers do not jitter (issue 14): across the frames of an
 * animation, the live title's left edge and the legend's label texts
 * stay where they are while the counter goes 9 -> 10 -> 100 and the
 * losses change width; only the digits change.  Texts are recorded from
 * the raster frames themselves (ov__text_log). */
static void
check_steady(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
             ov_figure_spec spec, const char *key, const char *what)
{
    ov_error err;
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, n, &spec, &err), OV_OK);
    if (!sc)
        return;
    static const long steps[] = { 0, 3, 9, 10, 57, 99, 100, 150 };
    static ov__text_rec rec[MAXT];
    double title_x = NAN, label_x[8];
    int found = 0, labels = 0;
    for (size_t i = 0; i < 8; i++)
        label_x[i] = NAN;
    ov_rect dirty[OV__FIGURE_MAX_DIRTY];
    size_t nd = 0;
    CHECK_EQ_INT(ov__figure_sample(sc), OV_OK);
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        ov__textlog log = { rec, 0, MAXT };
        ov__text_log = &log;
        CHECK_EQ_INT(ov__figure_frame(sc, steps[k], dirty,
                                      OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        ov__text_log = NULL;
        for (size_t i = 0; i < log.n && i < MAXT; i++) {
            const ov__text_rec *r = &rec[i];
            if (strstr(r->s, key)) {
                found++;
                if (isnan(title_x))
                    title_x = r->box.x0;
                if (fabs(r->box.x0 - title_x) > 0.01)
                    CHECK_MSG(0, "%s: title \"%s\" starts at x %.2f, not "
                              "%.2f as at step 0", what, r->s, r->box.x0,
                              title_x);
            }
            for (size_t j = 0; j < n && j < 8; j++) {
                if (strncmp(r->s, tr[j]->label, strlen(tr[j]->label)) != 0)
                    continue;
                labels++;
                if (isnan(label_x[j]))
                    label_x[j] = r->box.x0;
                if (fabs(r->box.x0 - label_x[j]) > 0.01)
                    CHECK_MSG(0, "%s: legend label %s moved at step %ld",
                              what, r->s, steps[k]);
            }
        }
    }
    CHECK_MSG(found >= 8, "%s: the title was drawn in %d of 8 frames", what,
              found);
    CHECK_MSG(labels >= 2, "%s: %d legend labels seen", what, labels);
    ov__figure_destroy(sc);
}

static void
test_steady_numbers(void)
{
    ov_loss *ols = tu_loss("ols");
    ov_trajectory *t[2] = { run(ols, OV_ALGO_GD, 0.1, 150, 8.0, 9.0),
                            run(ols, OV_ALGO_ADAM, 0.2, 150, 8.0, 9.0) };
    const ov_trajectory *tr[2] = { t[0], t[1] };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_CONTOUR;
    check_steady(ols, tr, 2, spec, "Iteration", "contour");
    spec.view = OV_VIEW_CURVE;
    ov_loss *cs = tu_loss("cosine");
    ov_trajectory *c[2] = { run(cs, OV_ALGO_GD, 0.1, 150, 14.0, 0.0),
                            run(cs, OV_ALGO_ADAM, 0.3, 150, 14.0, 0.0) };
    const ov_trajectory *tc[2] = { c[0], c[1] };
    check_steady(cs, tc, 2, spec, "Iteration", "curve");
    for (int i = 0; i < 2; i++) {
        ov_trajectory_destroy(t[i]);
        ov_trajectory_destroy(c[i]);
    }
    ov_loss_destroy(ols);
    ov_loss_destroy(cs);
}

/* Labels under the plot area that read as numbers: the x tick labels. */
static size_t
x_label_count(ov__figure *sc)
{
    int ax, ay, aw, ah;
    ov__figure_plot_area(sc, &ax, &ay, &aw, &ah);
    static ov__figure_text t[MAXT];
    size_t nt = ov__figure_texts(sc, t, MAXT), n = 0;
    for (size_t i = 0; i < nt && i < MAXT; i++) {
        double v;
        if (t[i].y0 >= ay + ah && t[i].y1 <= ay + ah + 40 &&
            t[i].x0 >= ax - 20 && t[i].x1 <= ax + aw + 20 &&
            parse_value(t[i].s, &v))
            n++;
    }
    return n;
}

/* Every axis keeps at least two labelled ticks, however narrow the plot
 * (a small figure with its legend beside the plot drew one, "0"). */
static void
test_two_ticks(void)
{
    static const char *const losses[] = { "cosine", "six_hump_camel" };
    static const int sz[][2] = { { 320, 240 }, { 400, 300 } };
    char what[80];
    for (size_t l = 0; l < 2; l++) {
        ov_loss *loss = tu_loss(losses[l]);
        int one = ov_loss_dim(loss) == 1;
        ov_trajectory *t[3] = {
            run(loss, OV_ALGO_GD, one ? 0.1 : 0.01, 100, one ? 15.0 : -2.0,
                one ? 0.0 : 1.5),
            run(loss, OV_ALGO_MOMENTUM, one ? 0.05 : 0.005, 100,
                one ? 15.0 : -2.0, one ? 0.0 : 1.5),
            run(loss, OV_ALGO_ADAM, one ? 0.3 : 0.1, 100, one ? 15.0 : -2.0,
                one ? 0.0 : 1.5) };
        const ov_trajectory *tr[3] = { t[0], t[1], t[2] };
        for (size_t j = 0; j < 2; j++) {
            ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
            ov_error err;
            ov__figure *sc = NULL;
            spec.width = sz[j][0];
            spec.height = sz[j][1];
            CHECK_EQ_INT(ov__figure_create_vector(&sc, loss, tr, 3, &spec,
                                                  &err), OV_OK);
            if (!sc)
                continue;
            size_t n = x_label_count(sc);
            snprintf(what, sizeof what, "%s %dx%d: %zu x tick labels",
                     losses[l], sz[j][0], sz[j][1], n);
            CHECK_MSG(n >= 2, "%s", what);
            ov__figure_destroy(sc);
        }
        for (int i = 0; i < 3; i++)
            ov_trajectory_destroy(t[i]);
        ov_loss_destroy(loss);
    }
}

int
main(void)
{
    test_arrows_light();
    test_arrows_fan();
    test_dense_path();
    test_shifted_name(OV_VIEW_CONTOUR);
    test_shifted_name(OV_VIEW_SURFACE);
    test_cjk();
    test_legend_place();
    test_legend_small();
    test_legend_whole();
    test_legend_minima();
    test_grid_text();
    test_history_edge();
    test_surface_legend();
    test_surface_legend_mask();
    test_panel_axis();
    test_sizes();
    test_steady_numbers();
    test_two_ticks();
    return check_report("test_layout");
}
