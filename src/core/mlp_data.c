/*
 * mlp_data.c: the built-in two-class sets of the network losses.
 *
 * Each is made from one SplitMix64 stream seeded with --seed (rng.h):
 * m0 = n/2 (rounded down) points of label 0, then m1 = n - m0 of label 1,
 * in this order; then every point, in order, gets Gaussian noise: one
 * ov_rng_normal_pair (z0, z1) per point, x1 += noise z0, x2 += noise z1.
 * With linspace(lo, hi, m)[i] = lo + (hi - lo) i / (m - 1) (0 when m = 1):
 *
 *   moons    label 0: (cos t, sin t), t = linspace(0, pi, m0)[i];
 *            label 1: (1 - cos t, 0.5 - sin t), t = linspace(0, pi, m1)[i]
 *            (sklearn's make_moons without its shuffle)
 *   circles  label 0: (cos t, sin t), t = 2 pi i / m0;
 *            label 1: 0.5 (cos t, sin t), t = 2 pi i / m1
 *   xor      each point: x1 = 2u - 1, x2 = 2u' - 1 (two ov_rng_uniform
 *            draws, x1's first), label 1 when x1 x2 > 0; drawn in point
 *            order, label 0 then label 1 points each drawn until their
 *            count is reached (a draw of the other label is redrawn)
 *   spirals  label c, point i of m_c: s = i / m_c, r = s, t = 3 pi s +
 *            c pi: (r cos t, r sin t)
 *   blobs    label 0 around (-1, 0), label 1 around (1, 0): centre plus
 *            0.6 (z0, z1), one ov_rng_normal_pair per point, in order
 *
 * (all before the noise pass, which draws from the same stream after).
 */
#include <math.h>
#include <string.h>

#include <optviz/dataset.h>
#include <optviz/rng.h>

#include "alloc_private.h"
#include "error_private.h"
#include "dataset_private.h"
#include "mlp_private.h"

#define PI 3.141592653589793

static double
linspace(double lo, double hi, size_t m, size_t i)
{
    return m > 1 ? lo + (hi - lo) * (double)i / (double)(m - 1) : lo;
}

void
ov__mlp_data_free(ov__mlp_data *d)
{
    ov__free(d->x);
    ov__free(d->y);
    d->x = d->y = NULL;
    d->n = 0;
}

static int
make_builtin(ov__mlp_data *d, const char *name, size_t n, double noise,
             ov_rng *rng)
{
    size_t m0 = n / 2, m1 = n - m0, i;
    double *x = d->x, *y = d->y;

    for (i = 0; i < n; i++)
        y[i] = i < m0 ? 0.0 : 1.0;
    if (strcmp(name, "moons") == 0) {
        for (i = 0; i < m0; i++) {
            double t = linspace(0.0, PI, m0, i);
            x[2 * i] = cos(t);
            x[2 * i + 1] = sin(t);
        }
        for (i = 0; i < m1; i++) {
            double t = linspace(0.0, PI, m1, i);
            x[2 * (m0 + i)] = 1.0 - cos(t);
            x[2 * (m0 + i) + 1] = 0.5 - sin(t);
        }
    } else if (strcmp(name, "circles") == 0) {
        for (i = 0; i < m0; i++) {
            double t = 2.0 * PI * (double)i / (double)m0;
            x[2 * i] = cos(t);
            x[2 * i + 1] = sin(t);
        }
        for (i = 0; i < m1; i++) {
            double t = 2.0 * PI * (double)i / (double)m1;
            x[2 * (m0 + i)] = 0.5 * cos(t);
            x[2 * (m0 + i) + 1] = 0.5 * sin(t);
        }
    } else if (strcmp(name, "xor") == 0) {
        for (i = 0; i < n; i++) {
            double a, b;
            do {
                a = 2.0 * ov_rng_uniform(rng) - 1.0;
                b = 2.0 * ov_rng_uniform(rng) - 1.0;
            } while ((a * b > 0) != (y[i] == 1.0));
            x[2 * i] = a;
            x[2 * i + 1] = b;
        }
    } else if (strcmp(name, "spirals") == 0) {
        for (i = 0; i < n; i++) {
            size_t c = i < m0 ? 0 : 1, k = c ? i - m0 : i;
            double s = (double)k / (double)(c ? m1 : m0);
            double t = 3.0 * PI * s + (double)c * PI;
            x[2 * i] = s * cos(t);
            x[2 * i + 1] = s * sin(t);
        }
    } else if (strcmp(name, "blobs") == 0) {
        for (i = 0; i < n; i++) {
            double z0, z1;
            ov_rng_normal_pair(rng, &z0, &z1);
            x[2 * i] = (i < m0 ? -1.0 : 1.0) + 0.6 * z0;
            x[2 * i + 1] = 0.6 * z1;
        }
    } else {
        return 0;
    }
    for (i = 0; i < n; i++) {
        double z0, z1;
        ov_rng_normal_pair(rng, &z0, &z1);
        x[2 * i] = x[2 * i] + noise * z0;
        x[2 * i + 1] = x[2 * i + 1] + noise * z1;
    }
    return 1;
}

ov_status
ov__mlp_data_make(ov__mlp_data *d, const char *name, size_t n, double noise,
                  uint64_t seed, ov_error *err)
{
    static const char *const builtin[] = { "moons", "circles", "xor",
                                           "spirals", "blobs" };
    ov_rng rng;
    size_t k;

    memset(d, 0, sizeof *d);
    for (k = 0; k < sizeof builtin / sizeof *builtin; k++)
        if (strcmp(name, builtin[k]) == 0)
            break;
    if (k == sizeof builtin / sizeof *builtin)
        return ov__dataset_load_labelled(name, &d->x, &d->y, &d->n, err);
    d->x = ov__malloc3(n, 2, sizeof(double));
    d->y = ov__malloc3(n, 1, sizeof(double));
    if (!d->x || !d->y) {
        ov__mlp_data_free(d);
        return OV_ERR_NOMEM;
    }
    d->n = n;
    ov_rng_seed(&rng, seed);
    make_builtin(d, name, n, noise, &rng);
    return OV_OK;
}
