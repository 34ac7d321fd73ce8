/*
 * test_isolines.c: marching squares against analytic level sets.
 */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "render/isolines.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Signed area of a chain (shoelace), grid units. */
static double
chain_area(const ov__isolines *c, size_t k)
{
    const ov__chain *ch = &c->chains[k];
    const double *p = c->xy + 2 * ch->first;
    double a = 0.0;
    for (size_t i = 0; i < ch->n; i++) {
        size_t j = (i + 1) % ch->n;
        a += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
    }
    return 0.5 * a;
}

/* f(x, y) = x^2 + y^2 on [-1, 1]^2 with spacing h: circles. */
static void
test_circle(void)
{
    size_t n = 81;
    double h = 2.0 / (n - 1);
    double *z = malloc(n * n * sizeof *z);
    for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < n; i++) {
            double x = -1.0 + i * h, y = -1.0 + j * h;
            z[j * n + i] = x * x + y * y;
        }
    double r = 0.63;
    ov__isolines c = { 0 };
    CHECK_EQ_INT(ov__isolines_lines(z, n, n, r * r, &c), OV_OK);
    CHECK_EQ_INT(c.nchains, 1);
    CHECK(c.nchains == 1 && c.chains[0].closed);
    double worst = 0.0;
    for (size_t k = 0; k < c.npts; k++) {
        double x = -1.0 + c.xy[2 * k] * h, y = -1.0 + c.xy[2 * k + 1] * h;
        double d = fabs(hypot(x, y) - r);
        if (d > worst)
            worst = d;
    }
    /* Linear interpolation of a quadratic along an edge: error below h^2. */
    CHECK_MSG(worst < h * h, "worst radius error %g", worst);
    CHECK(c.npts > 100);
    /* {z >= r^2} is outside, on the left: the circle runs clockwise. */
    double a = chain_area(&c, 0) * h * h;
    CHECK_NEAR(a, -M_PI * r * r, 2e-3);

    /* Region {z >= r^2}: the border ring minus the disc. */
    ov__isolines reg = { 0 };
    CHECK_EQ_INT(ov__isolines_region(z, n, n, r * r, &reg), OV_OK);
    double total = 0.0;
    for (size_t k = 0; k < reg.nchains; k++)
        total += chain_area(&reg, k);
    CHECK_EQ_INT(reg.nchains, 2);
    CHECK_NEAR(total * h * h, 4.0 - M_PI * r * r, 2e-3);

    /* Region {z >= 1.5}: the four corners outside the circle of radius
     * sqrt(1.5), each bounded by an arc and two border pieces. */
    ov__isolines_reset(&reg);
    CHECK_EQ_INT(ov__isolines_region(z, n, n, 1.5, &reg), OV_OK);
    CHECK_EQ_INT(reg.nchains, 4);
    total = 0.0;
    for (size_t k = 0; k < reg.nchains; k++) {
        double ak = chain_area(&reg, k);
        CHECK(ak > 0.0);
        total += ak;
    }
    /* Area of the square outside the disc of radius R (R between 1 and
     * sqrt 2): 4 - (pi R^2 - 4 segments beyond the square). */
    double R = sqrt(1.5), th = acos(1.0 / R);
    double seg = R * R * (th - sin(th) * cos(th));   /* one circular segment */
    double inside = M_PI * R * R - 4.0 * seg;
    CHECK_NEAR(total * h * h, 4.0 - inside, 3e-3);
    ov__isolines_free(&reg);
    ov__isolines_free(&c);
    free(z);
}

/* f = x on an 11 x 5 grid: straight open chains, bottom to top. */
static void
test_plane(void)
{
    size_t nx = 11, ny = 5;
    double z[55];
    for (size_t j = 0; j < ny; j++)
        for (size_t i = 0; i < nx; i++)
            z[j * nx + i] = (double)i;
    ov__isolines c = { 0 };
    CHECK_EQ_INT(ov__isolines_lines(z, nx, ny, 6.25, &c), OV_OK);
    CHECK_EQ_INT(c.nchains, 1);
    CHECK_EQ_INT(c.npts, ny);
    CHECK(!c.chains[0].closed);
    for (size_t k = 0; k < c.npts; k++)
        CHECK_NEAR(c.xy[2 * k], 6.25, 1e-12);
    /* {x >= 6.25} on the left means going down (towards smaller y). */
    CHECK(c.xy[1] > c.xy[2 * (c.npts - 1) + 1]);
    ov__isolines reg = { 0 };
    CHECK_EQ_INT(ov__isolines_region(z, nx, ny, 6.25, &reg), OV_OK);
    CHECK_EQ_INT(reg.nchains, 1);
    CHECK_NEAR(chain_area(&reg, 0), (10.0 - 6.25) * 4.0, 1e-9);
    /* A level above everything: nothing; below everything: the border. */
    ov__isolines_reset(&reg);
    CHECK_EQ_INT(ov__isolines_region(z, nx, ny, 11.0, &reg), OV_OK);
    CHECK_EQ_INT(reg.nchains, 0);
    CHECK_EQ_INT(ov__isolines_region(z, nx, ny, -1.0, &reg), OV_OK);
    CHECK_EQ_INT(reg.nchains, 1);
    CHECK_NEAR(chain_area(&reg, 0), 40.0, 1e-12);
    ov__isolines_free(&reg);
    ov__isolines_free(&c);
}

/* One saddle cell: the centre value decides which corners are joined. */
static void
test_saddle(void)
{
    /* corners (0,0)=1 (1,0)=0 (0,1)=0 (1,1)=1: mean 0.5 */
    double z[4] = { 1.0, 0.0, 0.0, 1.0 };
    ov__isolines c = { 0 };
    /* Level 0.4: centre (0.5) inside, so the two low corners are cut off
     * alone: each chain's midpoint lies near (1,0) or (0,1). */
    CHECK_EQ_INT(ov__isolines_lines(z, 2, 2, 0.4, &c), OV_OK);
    CHECK_EQ_INT(c.nchains, 2);
    for (size_t k = 0; k < c.nchains && c.nchains == 2; k++) {
        const double *p = c.xy + 2 * c.chains[k].first;
        double mx = 0.5 * (p[0] + p[2]), my = 0.5 * (p[1] + p[3]);
        int near_low = (fabs(mx - 0.8) < 1e-9 && fabs(my - 0.2) < 1e-9) ||
                       (fabs(mx - 0.2) < 1e-9 && fabs(my - 0.8) < 1e-9);
        CHECK_MSG(near_low, "chain %zu mid (%g, %g)", k, mx, my);
    }
    /* Level 0.6: centre outside, the high corners are cut off alone. */
    ov__isolines_reset(&c);
    CHECK_EQ_INT(ov__isolines_lines(z, 2, 2, 0.6, &c), OV_OK);
    CHECK_EQ_INT(c.nchains, 2);
    for (size_t k = 0; k < c.nchains && c.nchains == 2; k++) {
        const double *p = c.xy + 2 * c.chains[k].first;
        double mx = 0.5 * (p[0] + p[2]), my = 0.5 * (p[1] + p[3]);
        int near_high = (fabs(mx - 0.2) < 1e-9 && fabs(my - 0.2) < 1e-9) ||
                        (fabs(mx - 0.8) < 1e-9 && fabs(my - 0.8) < 1e-9);
        CHECK_MSG(near_high, "chain %zu mid (%g, %g)", k, mx, my);
    }
    /* The region of the high corners is two triangles of area 0.08. */
    ov__isolines reg = { 0 };
    CHECK_EQ_INT(ov__isolines_region(z, 2, 2, 0.6, &reg), OV_OK);
    double total = 0.0;
    for (size_t k = 0; k < reg.nchains; k++)
        total += chain_area(&reg, k);
    CHECK_EQ_INT(reg.nchains, 2);
    CHECK_NEAR(total, 2.0 * 0.5 * 0.4 * 0.4, 1e-12);
    ov__isolines_free(&reg);
    ov__isolines_free(&c);
}

/* Himmelblau-like field with several basins: chains of one level never
 * share a crossing point, and regions nest (area decreases with level). */
static void
test_nesting(void)
{
    size_t n = 101;
    double *z = malloc(n * n * sizeof *z);
    for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < n; i++) {
            double x = -5.0 + 10.0 * i / (n - 1), y = -5.0 + 10.0 * j / (n - 1);
            double a = x * x + y - 11.0, b = x + y * y - 7.0;
            z[j * n + i] = a * a + b * b;
        }
    double prev = INFINITY;
    for (double lv = 5.0; lv < 800.0; lv *= 1.7) {
        ov__isolines reg = { 0 };
        CHECK_EQ_INT(ov__isolines_region(z, n, n, lv, &reg), OV_OK);
        double total = 0.0;
        for (size_t k = 0; k < reg.nchains; k++)
            total += chain_area(&reg, k);
        /* Compare with counting nodes at or above the level. */
        size_t cnt = 0;
        for (size_t k = 0; k < n * n; k++)
            cnt += z[k] >= lv;
        double frac_area = total / ((n - 1.0) * (n - 1.0));
        double frac_nodes = (double)cnt / (double)(n * n);
        CHECK_MSG(fabs(frac_area - frac_nodes) < 0.02, "level %g: %g vs %g",
                  lv, frac_area, frac_nodes);
        CHECK(total <= prev + 1e-9);
        prev = total;
        ov__isolines_free(&reg);
    }
    free(z);
}

int
main(void)
{
    test_circle();
    test_plane();
    test_saddle();
    test_nesting();
    return check_report("test_contour");
}
