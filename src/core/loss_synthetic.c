/*
 * loss_synthetic.c: closed-form test surfaces and 1-D functions.
 *
 * Value and gradient are written in the evaluation order of
 * tools/torch_ref.py's analytic gradients (optimizers.md §9.1), which is
 * what makes the trajectories bit-identical with torch's: do not
 * "simplify" an expression here without regenerating the references.
 *
 * Recommended learning rates (design.md §5) were chosen so that, from the
 * default start and within the default 100 steps, each optimizer makes
 * visible progress without diverging; tests/test_loss.c checks that.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "loss_private.h"

#define PI 3.141592653589793

static double
quadratic(const double *t, double *g)
{
    double x = t[0], y = t[1];

    if (g) {
        g[0] = 2.0 * x;
        g[1] = 2.0 * y;
    }
    return x * x + y * y;
}

static double
rosenbrock(const double *t, double *g)
{
    double x = t[0], y = t[1];
    double d = y - x * x;

    if (g) {
        g[0] = -2.0 * (1.0 - x) - 400.0 * x * d;
        g[1] = 200.0 * d;
    }
    return (1.0 - x) * (1.0 - x) + 100.0 * d * d;
}

static double
beale(const double *t, double *g)
{
    double x = t[0], y = t[1];
    double t1 = 1.5 - x + x * y;
    double t2 = 2.25 - x + x * y * y;
    double t3 = 2.625 - x + x * y * y * y;

    if (g) {
        g[0] = 2.0 * t1 * (y - 1.0) + 2.0 * t2 * (y * y - 1.0)
             + 2.0 * t3 * (y * y * y - 1.0);
        g[1] = 2.0 * t1 * x + 2.0 * t2 * (2.0 * x * y)
             + 2.0 * t3 * (3.0 * x * y * y);
    }
    return t1 * t1 + t2 * t2 + t3 * t3;
}

static double
himmelblau(const double *t, double *g)
{
    double x = t[0], y = t[1];
    double a = x * x + y - 11.0;
    double b = x + y * y - 7.0;

    if (g) {
        g[0] = 4.0 * x * a + 2.0 * b;
        g[1] = 2.0 * a + 4.0 * y * b;
    }
    return a * a + b * b;
}

static double
parabola(const double *t, double *g)
{
    double x = t[0];

    if (g) {
        g[0] = 2.0 * x;
        g[1] = 0.0;
    }
    return x * x;
}

/* Seed 004's second function, x cos(0.15 pi x). */
static double
cosine(const double *t, double *g)
{
    double x = t[0];
    double c = 0.15 * PI;

    if (g) {
        g[0] = cos(c * x) - c * x * sin(c * x);
        g[1] = 0.0;
    }
    return x * cos(c * x);
}

/* lr order: gd sgd minibatch momentum nag adagrad rmsprop adadelta adam adamax */
static const ov__loss_def table[] = {
    { "quadratic", 2, "x^2 + y^2", "x", "y", "f",
      { -5, 5 }, { -5, 5 }, { -4, 3 }, 1, { 0, 0 },
      { 0.1, 0.1, 0.1, 0.05, 0.05, 1.0, 0.1, 20.0, 0.2, 0.2 },
      quadratic, NULL, 0 },
    { "rosenbrock", 2, "(1-x)^2 + 100 (y-x^2)^2", "x", "y", "f",
      { -2, 2 }, { -1, 3 }, { -1.5, 2 }, 1, { 1, 1 },
      { 1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 0.5, 0.02, 50.0, 0.1, 0.1 },
      rosenbrock, NULL, 0 },
    { "beale", 2,
      "(1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2", "x", "y", "f",
      { -4.5, 4.5 }, { -4.5, 4.5 }, { 1, 1.5 }, 1, { 3, 0.5 },
      { 0.01, 0.01, 0.01, 0.005, 0.005, 0.5, 0.02, 50.0, 0.1, 0.1 },
      beale, NULL, 0 },
    { "himmelblau", 2, "(x^2+y-11)^2 + (x+y^2-7)^2", "x", "y", "f",
      { -5, 5 }, { -5, 5 }, { 0, 0 }, 4,
      { 3.0, 2.0,
        -2.805118086952745, 3.131312518250573,
        -3.779310253377747, -3.283185991286170,
        3.584428340330492, -1.848126526964404 },
      { 0.01, 0.01, 0.01, 0.005, 0.005, 1.0, 0.05, 50.0, 0.1, 0.1 },
      himmelblau, NULL, 0 },
    { "parabola", 1, "x^2", "x", "", "f",
      { -10, 10 }, { 0, 0 }, { 10, 0 }, 1, { 0, 0 },
      { 0.1, 0.1, 0.1, 0.05, 0.05, 2.0, 0.2, 50.0, 0.3, 0.3 },
      parabola, NULL, 0 },
    { "cosine", 1, "x cos(0.15 pi x)", "x", "", "f",
      { -20, 20 }, { 0, 0 }, { 15, 0 }, 0, { 0 },
      { 0.1, 0.1, 0.1, 0.05, 0.05, 1.0, 0.1, 50.0, 0.3, 0.3 },
      cosine, NULL, 0 },
};

size_t
ov__synthetic_count(void)
{
    return sizeof table / sizeof table[0];
}

const ov__loss_def *
ov__synthetic_at(size_t i)
{
    return i < ov__synthetic_count() ? &table[i] : NULL;
}

const ov__loss_def *
ov__synthetic_find(const char *name)
{
    size_t i;

    for (i = 0; i < ov__synthetic_count(); i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}
