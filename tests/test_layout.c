/*
 * test_layout.c: what the shared layout promises every figure, measured on
 * the texts a figure draws (ov__figure_texts: each text's ink box) and on
 * its pixels: the loss panel's log axis spans the data with at least three
 * round labelled ticks and a marked zero floor; texts stay inside the
 * image and readable from 320x240 to 3840x2160; legends keep off the
 * data.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "render/figure.h"

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
    CHECK_EQ_INT(ov__figure_create(&sc, b, tr, 1, &spec, &err), OV_OK);
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
    CHECK_EQ_INT(ov__figure_create(&sc, r, tr, 1, &spec, &err), OV_OK);
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
    CHECK_EQ_INT(ov__figure_create(&sc, r, tr, 1, &spec, &err), OV_OK);
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
    CHECK_EQ_INT(ov__figure_create(&sc, q, tq, 2, &spec, &err), OV_OK);
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

int
main(void)
{
    test_panel_axis();
    return check_report("test_layout");
}
