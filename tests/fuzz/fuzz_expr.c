/*
 * fuzz_expr.c: libFuzzer target for the expression parser and evaluator.
 *
 * The input is the text of an expression.  Either it compiles, or the
 * error names a column inside the text (or one past its end) and carries a
 * message.  A compiled expression is evaluated at points built from the
 * input's own bytes and at awkward fixed points (0, negative, huge, tiny,
 * NaN, Inf); evaluation must not crash, must be deterministic, and must
 * give the same value with and without the gradient.  The same text then
 * goes through ov_loss_create, which also derives a domain, a start and
 * recommended learning rates from it; those must be finite.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "core/expr_private.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int
same(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

static void
check_eval(const ov__expr *e, const double theta[2])
{
    double g1[2] = { 0, 0 }, g2[2] = { 0, 0 };
    double v0 = ov__expr_eval(e, theta, NULL);
    double v1 = ov__expr_eval(e, theta, g1);
    double v2 = ov__expr_eval(e, theta, g2);

    if (!same(v0, v1) || !same(v1, v2) || !same(g1[0], g2[0])
        || !same(g1[1], g2[1]))
        abort();
    if (ov__expr_dim(e) == 1 && g1[1] != 0.0)
        abort();
}

static void
check_loss(const char *text)
{
    ov_loss *loss = NULL;
    ov_error err;
    ov_status st;
    double xlim[2], ylim[2], start[2], theta[2], grad[2];
    int a;

    memset(&err, 0, sizeof err);
    st = ov_loss_create(&loss, text, NULL, OV_REDUCTION_MEAN, &err);
    if (st != OV_OK) {
        if (loss || !memchr(err.what, '\0', sizeof err.what))
            abort();
        return;
    }
    ov_loss_domain(loss, xlim, ylim);
    ov_loss_default_start(loss, start);
    if (!isfinite(xlim[0]) || !isfinite(xlim[1]) || !(xlim[0] < xlim[1]))
        abort();
    if (ov_loss_dim(loss) == 2
        && (!isfinite(ylim[0]) || !isfinite(ylim[1]) || !(ylim[0] < ylim[1])))
        abort();
    if (!isfinite(start[0]) || !isfinite(start[1]))
        abort();
    for (a = 0; a < OV_ALGO_COUNT; a++) {
        double lr = ov_loss_recommended_lr(loss, (ov_algo)a);
        if (!(lr > 0) || !isfinite(lr))
            abort();
    }
    theta[0] = start[0];
    theta[1] = start[1];
    (void)ov_loss_eval(loss, theta, grad);
    ov_loss_destroy(loss);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static const double fixed[][2] = {
        { 0, 0 }, { 1, -1 }, { -3.5, 2.25 }, { 1e308, -1e308 },
        { 5e-324, -5e-324 }, { NAN, 1 }, { INFINITY, -INFINITY },
    };
    ov__expr *e = NULL;
    ov_error err;
    ov_status st;
    char *text;
    size_t i;

    if (size > OV__EXPR_MAX_LEN + 16)
        return 0;
    text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    memset(&err, 0, sizeof err);
    st = ov__expr_compile(&e, text, &err);
    if (st != OV_OK) {
        size_t len = strlen(text);
        if (e || st != OV_ERR_FORMAT || !memchr(err.what, '\0', sizeof err.what)
            || !err.what[0] || err.column < 1 || (size_t)err.column > len + 1)
            abort();
    } else {
        if (!e || strcmp(ov__expr_text(e), text) != 0)
            abort();
        if (ov__expr_dim(e) != 1 && ov__expr_dim(e) != 2)
            abort();
        for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
            check_eval(e, fixed[i]);
        /* Points from the input's bytes: any double, NaNs included. */
        for (i = 0; i + 16 <= size && i < 64; i += 16) {
            double t[2];
            memcpy(t, data + i, sizeof t);
            check_eval(e, t);
        }
        ov__expr_destroy(e);
        check_loss(text);
    }
    free(text);
    return 0;
}
