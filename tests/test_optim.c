/*
 * test_optim.c: the optimizers against torch 1.13's numbers.
 *
 * Test vectors are those of optimizers.md §8 (Rosenbrock from (-1.5, 2),
 * analytic gradients, torch's plain kernels): they must match bit for bit.
 * The other cases are the spec's worked counterexamples and torch's
 * constructor validation.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <optviz/optim.h>
#include <optviz/param.h>

#include "check.h"

/* optimizers.md §9.1, in torch_ref.py's evaluation order. */
static void
rosenbrock_grad(const double *p, double *g)
{
    double x = p[0], y = p[1];
    double d = y - x * x;

    g[0] = -2.0 * (1.0 - x) - 400.0 * x * d;
    g[1] = 200.0 * d;
}

/* optimizers.md §9.1, in torch_ref.py's evaluation order. */
static void
himmelblau_grad(const double *p, double *g)
{
    double x = p[0], y = p[1];
    double a = x * x + y - 11.0;
    double b = x + y * y - 7.0;

    g[0] = 4.0 * x * a + 2.0 * b;
    g[1] = 2.0 * a + 4.0 * y * b;
}

static ov_optim *
make(const ov_optim_config *cfg, size_t dim)
{
    ov_optim *opt = NULL;
    ov_status st = ov_optim_create(&opt, cfg, dim);

    CHECK_EQ_INT(st, OV_OK);
    return opt;
}

struct vector_case {
    ov_algo algo;
    double lr;
    double x1, y1, x5, y5;
};

static void
test_rosenbrock_vectors(void)
{
    static const struct vector_case cases[] = {
        { OV_ALGO_GD, 1e-3, -1.345, 2.0499999999999998,
          -1.3871304785012752, 2.0232427373356798 },
        { OV_ALGO_MOMENTUM, 1e-3, -1.345, 2.0499999999999998,
          -1.3598426252450535, 1.9932990607340033 },
        { OV_ALGO_NAG, 1e-3, -1.2055, 2.0950000000000002,
          -1.3683288010925472, 1.3601768603866347 },
        { OV_ALGO_ADAGRAD, 0.1, -1.4000000000000645, 2.0999999999997998,
          -1.4309323408784325, 2.0547527417364329 },
        { OV_ALGO_RMSPROP, 0.01, -1.4000000000645161, 2.0999999998000001,
          -1.4308468088238651, 2.0547138649408869 },
        { OV_ALGO_ADADELTA, 1.0, -1.4968377223404898, 2.003162277653844,
          -1.4846327948381743, 2.0153697594099342 },
        { OV_ALGO_ADAM, 0.1, -1.4000000000064516, 2.0999999999800001,
          -1.4594628536685359, 2.0119916977308563 },
        { OV_ALGO_ADAMAX, 0.1, -1.4000000000064516, 2.0999999999800001,
          -1.4405076076483692, 2.0317617524140235 },
    };
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const struct vector_case *c = &cases[k];
        ov_optim_config cfg;
        ov_optim *opt;
        double p[2] = { -1.5, 2.0 }, g[2];
        int t;

        ov_optim_config_init(&cfg, c->algo);
        cfg.lr = c->lr;
        opt = make(&cfg, 2);
        if (!opt)
            continue;
        for (t = 1; t <= 5; t++) {
            rosenbrock_grad(p, g);
            ov_optim_step(opt, p, g);
            if (t == 1) {
                CHECK_EQ_BITS(p[0], c->x1);
                CHECK_EQ_BITS(p[1], c->y1);
            }
        }
        CHECK_EQ_BITS(p[0], c->x5);
        CHECK_EQ_BITS(p[1], c->y5);
        CHECK_EQ_INT(ov_optim_step_count(opt), 5);
        ov_optim_destroy(opt);
    }
}

/* Runs a 1-D optimizer on a fixed gradient sequence; returns theta. */
static double
run_fixed(const ov_optim_config *cfg, double x0, const double *gs, int n)
{
    ov_optim *opt = make(cfg, 1);
    double x = x0;
    int i;

    if (!opt)
        return NAN;
    for (i = 0; i < n; i++) {
        double g = gs[i];
        ov_optim_step(opt, &x, &g);
    }
    ov_optim_destroy(opt);
    return x;
}

static void
test_counterexamples(void)
{
    ov_optim_config cfg;
    ov_optim *opt;
    double x, g, shown;

    /* AMSGrad: torch's max over the biased v gives -0.28259; the
     * docstring's max over v-hat would give -0.23494 (§6.1). */
    {
        static const double gs[] = { 1.0, 0.5, 0.4 };
        ov_optim_config_init(&cfg, OV_ALGO_ADAM);
        cfg.lr = 0.1;
        cfg.amsgrad = 1;
        x = run_fixed(&cfg, 0.0, gs, 3);
        CHECK_NEAR(x, -0.28259, 5e-6);
        /* The biased v grows here, so the max never binds and AMSGrad is
         * plain Adam, bit for bit. */
        cfg.amsgrad = 0;
        CHECK_EQ_BITS(run_fixed(&cfg, 0.0, gs, 3), x);
    }
    /* g = 1, 0, 0: v shrinks, the max keeps v1 = 0.001, so step 3 is
     * lr/bc1_3 * m3 / (sqrt(0.001)/sqrt(bc2_3) + eps). */
    {
        static const double gs[] = { 1.0, 0.0, 0.0 };
        double x2, x3, m3 = 0.1 * 0.9 * 0.9;
        double bc1 = 1 - pow(0.9, 3.0), bc2 = 1 - pow(0.999, 3.0);
        ov_optim_config_init(&cfg, OV_ALGO_ADAM);
        cfg.lr = 0.1;
        cfg.amsgrad = 1;
        x2 = run_fixed(&cfg, 0.0, gs, 2);
        x3 = run_fixed(&cfg, 0.0, gs, 3);
        CHECK_NEAR(x3 - x2, -(0.1 / bc1) * m3 / (sqrt(0.001) / sqrt(bc2)
                                                 + 1e-8), 1e-14);
        cfg.amsgrad = 0;
        CHECK(fabs(run_fixed(&cfg, 0.0, gs, 3) - x3) > 1e-5);
    }

    /* Momentum, mu 0.9, dampening 0.5, g = 2: buf1 = 2 (no dampening on the
     * first step), buf2 = 0.9*2 + 0.5*2 = 2.8.  With lr 1 the steps are the
     * buffers. */
    {
        static const double gs[] = { 2.0, 2.0 };
        ov_optim_config_init(&cfg, OV_ALGO_MOMENTUM);
        cfg.lr = 1.0;
        cfg.dampening = 0.5;
        CHECK_EQ_BITS(run_fixed(&cfg, 0.0, gs, 1), -2.0);
        CHECK_EQ_BITS(run_fixed(&cfg, 0.0, gs, 2), -2.0 - 2.8);
    }

    /* NAG on f = x^2/2 from 1, lr 0.1, mu 0.9: torch x1 = 0.81 (the
     * look-ahead point), Sutskever's theta1 = 0.9 (§2.3). */
    ov_optim_config_init(&cfg, OV_ALGO_NAG);
    cfg.lr = 0.1;
    cfg.nag_form = OV_NAG_SUTSKEVER;
    opt = make(&cfg, 1);
    if (opt) {
        x = 1.0;
        ov_optim_display_point(opt, &x, &shown);
        CHECK_EQ_BITS(shown, 1.0);          /* no buffer yet: the start */
        g = x;
        ov_optim_step(opt, &x, &g);
        CHECK_NEAR(x, 0.81, 1e-15);
        ov_optim_display_point(opt, &x, &shown);
        CHECK_NEAR(shown, 0.9, 1e-15);
        /* Step 2: the look-ahead identity p = theta - mu*v still holds:
         * v2 = 0.9*0.1 + 0.1*0.81 = 0.171, theta2 = 0.9 - 0.171. */
        g = x;
        ov_optim_step(opt, &x, &g);
        ov_optim_display_point(opt, &x, &shown);
        CHECK_NEAR(shown, 0.729, 1e-15);
        CHECK_NEAR(x, 0.729 - 0.9 * 0.171, 1e-15);
        ov_optim_destroy(opt);
    }
    cfg.nag_form = OV_NAG_TORCH;
    opt = make(&cfg, 1);
    if (opt) {
        x = 1.0;
        g = x;
        ov_optim_step(opt, &x, &g);
        ov_optim_display_point(opt, &x, &shown);
        CHECK_EQ_BITS(shown, x);
        ov_optim_destroy(opt);
    }

    /* Adagrad eps outside the sqrt (§3.3): g = 1e-9, eps 1e-8, lr 1 steps
     * 1e-9/(1e-9 + 1e-8) = 0.0909; g = 0 steps 0, not NaN. */
    ov_optim_config_init(&cfg, OV_ALGO_ADAGRAD);
    cfg.lr = 1.0;
    cfg.eps = 1e-8;
    g = 1e-9;
    CHECK_NEAR(run_fixed(&cfg, 0.0, &g, 1), -1.0 / 11.0, 1e-12);
    g = 1.0;
    CHECK_NEAR(run_fixed(&cfg, 0.0, &g, 1), -(1.0 - 1e-8), 1e-15);
    g = 0.0;
    CHECK_EQ_BITS(run_fixed(&cfg, 0.0, &g, 1), 0.0);
    /* Lasagne's eps inside the sqrt equals initial_accumulator_value = eps,
     * eps = 0: g = 1e-4, eps_L = 1e-6 steps 1e-4/sqrt(1e-6 + 1e-8). */
    cfg.eps = 0.0;
    cfg.initial_accumulator_value = 1e-6;
    g = 1e-4;
    CHECK_EQ_BITS(run_fixed(&cfg, 0.0, &g, 1),
                  0.0 + ((-1.0) * 1e-4) / sqrt(1e-6 + 1e-4 * 1e-4));
    /* lr_decay: step t uses lr / (1 + (t-1)*decay). */
    ov_optim_config_init(&cfg, OV_ALGO_ADAGRAD);
    cfg.lr = 1.0;
    cfg.eps = 0.0;
    cfg.lr_decay = 1.0;
    {
        static const double gs[] = { 1.0, 0.0, 1.0 };
        /* steps: 1/1*1, 0, (1/3)*1/sqrt(2) */
        CHECK_NEAR(run_fixed(&cfg, 0.0, gs, 3),
                   -1.0 - (1.0 / 3.0) / sqrt(2.0), 1e-15);
    }

    /* RMSprop's first step is lr*g/(sqrt(1-alpha)|g| + eps): about 10 lr
     * with alpha 0.99 and 3.16 lr with alpha 0.9 (§4.1). */
    ov_optim_config_init(&cfg, OV_ALGO_RMSPROP);
    cfg.lr = 1.0;
    g = 1.0;
    CHECK_NEAR(run_fixed(&cfg, 0.0, &g, 1), -10.0, 1e-6);
    cfg.alpha = 0.9;
    CHECK_NEAR(run_fixed(&cfg, 0.0, &g, 1), -sqrt(10.0), 1e-6);
    /* Centered with one step: v - ga^2 = 0.1 - 0.01 = 0.09. */
    cfg.centered = 1;
    CHECK_NEAR(run_fixed(&cfg, 0.0, &g, 1), -1.0 / 0.3, 1e-6);
    /* Momentum 0.5: the buffer carries g/avg, two equal steps. */
    cfg.centered = 0;
    cfg.momentum = 0.5;
    {
        static const double gs[] = { 1.0, 1.0 };
        double a2 = sqrt(0.1 * 0.9 + 0.1) + 1e-8;
        double b1 = 1.0 / (sqrt(0.1) + 1e-8);
        CHECK_NEAR(run_fixed(&cfg, 0.0, gs, 2),
                   -b1 - (0.5 * b1 + 1.0 / a2), 1e-12);
    }

    /* Adadelta's first step is about lr*sqrt(eps)/sqrt(1-rho) (§5.1). */
    ov_optim_config_init(&cfg, OV_ALGO_ADADELTA);
    g = 1.0;
    CHECK_NEAR(run_fixed(&cfg, 0.0, &g, 1), -sqrt(1e-6) / sqrt(0.1 + 1e-6),
               1e-15);
    /* u0 = 50 (seed 001 BigStart, eps 1e-3): step 1 is sqrt((u0+eps)/eps)
     * = 223.6 times the u0 = 0 step; the step-2 ratio is 217.92 for g = 1
     * (§5.3 table), which no constant lr reproduces. */
    {
        static const double gs[] = { 1.0, 1.0 };
        double a1, a2, b1, b2;
        cfg.eps = 1e-3;
        a1 = run_fixed(&cfg, 0.0, gs, 1);
        a2 = run_fixed(&cfg, 0.0, gs, 2) - a1;
        cfg.initial_acc_delta = 50.0;
        b1 = run_fixed(&cfg, 0.0, gs, 1);
        b2 = run_fixed(&cfg, 0.0, gs, 2) - b1;
        CHECK_NEAR(b1 / a1, 223.6, 0.05);
        CHECK_NEAR(b2 / a2, 217.92, 0.005);
    }

    /* Adam at t = 1 with g = 1e-8, lr 1: step g/(|g| + eps) = 0.5. */
    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    cfg.lr = 1.0;
    g = 1e-8;
    CHECK_NEAR(run_fixed(&cfg, 0.0, &g, 1), -0.5, 1e-12);

    /* Adamax: eps inside the max.  g = 1 then 0 with eps 1e-3 gives
     * u2 = 0.999*1.001 = 0.999999 (Lasagne: 1.0), so step 2 is
     * clr2*m2/u2 with m2 = 0.09, clr2 = lr/(1-0.81). */
    ov_optim_config_init(&cfg, OV_ALGO_ADAMAX);
    cfg.lr = 1.0;
    cfg.eps = 1e-3;
    {
        static const double gs[] = { 1.0, 0.0 };
        double x1 = run_fixed(&cfg, 0.0, gs, 1);
        double x2 = run_fixed(&cfg, 0.0, gs, 2);
        CHECK_NEAR(x1, -0.1 / (1.0 - 0.9) / 1.001, 1e-15);
        CHECK_NEAR(x2 - x1, -(0.09 / 0.19) / 0.999999, 1e-14);
        CHECK(fabs((x2 - x1) + (0.09 / 0.19) / 1.0) > 1e-7);
    }
    /* g == 0 from the start: u = eps, m = 0, step 0 (not NaN). */
    g = 0.0;
    CHECK_EQ_BITS(run_fixed(&cfg, 0.0, &g, 1), 0.0);
    /* A NaN gradient poisons the iterate, as torch's amax propagates it. */
    {
        double gs[] = { 1.0, NAN, 1.0 };
        CHECK(isnan(run_fixed(&cfg, 0.0, gs, 3)));
        ov_optim_config_init(&cfg, OV_ALGO_ADAM);
        cfg.amsgrad = 1;
        CHECK(isnan(run_fixed(&cfg, 0.0, gs, 3)));
    }
}

/*
 * The Sutskever form of nag (seeds 002/003: theta_look = theta - mu*v,
 * v = mu*v + lr*grad(theta_look), theta = theta - v) against the library's
 * torch iterate and display point over 300 Himmelblau steps: torch's p is
 * the seeds' look-ahead point and the display point is the seeds' theta,
 * up to rounding (optimizers.md §2.3 measured 4.4e-16).
 */
static void
test_sutskever_form(void)
{
    ov_optim_config cfg;
    ov_optim *opt;
    double p[2] = { 0.0, 0.0 }, th[2] = { 0.0, 0.0 }, v[2] = { 0.0, 0.0 };
    double worst_p = 0.0, worst_shown = 0.0, gap = 0.0;
    int t, i;

    ov_optim_config_init(&cfg, OV_ALGO_NAG);
    cfg.lr = 0.005;
    cfg.nag_form = OV_NAG_SUTSKEVER;
    opt = make(&cfg, 2);
    if (!opt)
        return;
    for (t = 1; t <= 300; t++) {
        double g[2], look[2], gs[2], shown[2];

        himmelblau_grad(p, g);
        ov_optim_step(opt, p, g);
        ov_optim_display_point(opt, p, shown);
        for (i = 0; i < 2; i++)
            look[i] = th[i] - 0.9 * v[i];
        himmelblau_grad(look, gs);
        for (i = 0; i < 2; i++) {
            v[i] = 0.9 * v[i] + 0.005 * gs[i];
            th[i] = th[i] - v[i];
            worst_p = fmax(worst_p, fabs(p[i] - (th[i] - 0.9 * v[i])));
            worst_shown = fmax(worst_shown, fabs(shown[i] - th[i]));
            gap = fmax(gap, fabs(shown[i] - p[i]));
        }
    }
    CHECK_NEAR(worst_p, 0.0, 1e-12);
    CHECK_NEAR(worst_shown, 0.0, 1e-12);
    /* ... and the two forms really are different points. */
    CHECK(gap > 1e-2);
    ov_optim_destroy(opt);
}

static void
test_prologue(void)
{
    ov_optim_config cfg;
    double g, x;

    /* maximize negates the gradient before weight decay: g' = -g + wd*x. */
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 0.5;
    cfg.maximize = 1;
    g = 1.0;
    CHECK_EQ_BITS(run_fixed(&cfg, 2.0, &g, 1), 2.5);
    cfg.weight_decay = 0.25;
    CHECK_EQ_BITS(run_fixed(&cfg, 2.0, &g, 1), 2.0 + (-0.5) * (-1.0 + 0.5));
    cfg.maximize = 0;
    CHECK_EQ_BITS(run_fixed(&cfg, 2.0, &g, 1), 2.0 + (-0.5) * (1.0 + 0.5));
    /* Weight decay is coupled (L2 into g) for Adam too, not AdamW: with
     * g = -wd*x the effective gradient is 0 and Adam does not move. */
    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    cfg.weight_decay = 0.5;
    g = -1.0;
    x = run_fixed(&cfg, 2.0, &g, 1);
    CHECK_EQ_BITS(x, 2.0);

    /* Nesterov on the momentum algo equals nag. */
    {
        static const double gs[] = { 1.0, -2.0, 0.5 };
        double a, b;
        ov_optim_config_init(&cfg, OV_ALGO_NAG);
        cfg.lr = 0.1;
        a = run_fixed(&cfg, 1.0, gs, 3);
        ov_optim_config_init(&cfg, OV_ALGO_MOMENTUM);
        cfg.lr = 0.1;
        cfg.nesterov = 1;
        b = run_fixed(&cfg, 1.0, gs, 3);
        CHECK_EQ_BITS(a, b);
    }
}

static void
expect_reject(const ov_optim_config *cfg, const char *what)
{
    ov_error err;
    ov_optim *opt = NULL;

    memset(&err, 0, sizeof err);
    CHECK_EQ_INT(ov_optim_config_validate(cfg, &err), OV_ERR_INVALID_ARG);
    CHECK_EQ_STR(err.what, what);
    CHECK_EQ_INT(err.status, OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_optim_create(&opt, cfg, 2), OV_ERR_INVALID_ARG);
    CHECK(opt == NULL);
}

static void
test_validation(void)
{
    ov_optim_config cfg;
    ov_error err;
    int a;

    for (a = 0; a < OV_ALGO_COUNT; a++) {
        ov_optim_config_init(&cfg, (ov_algo)a);
        CHECK_EQ_INT(ov_optim_config_validate(&cfg, &err), OV_OK);
        cfg.lr = -1;
        expect_reject(&cfg, "Invalid learning rate: -1");
        cfg.lr = NAN;
        expect_reject(&cfg, "Invalid learning rate: nan");
        cfg.lr = INFINITY;
        expect_reject(&cfg, "Invalid learning rate: inf");
        ov_optim_config_init(&cfg, (ov_algo)a);
        cfg.weight_decay = -0.5;
        /* lbfgs and Rprop have no weight decay (as torch's classes). */
        if (ov_algo_takes_param((ov_algo)a, "weight-decay"))
            expect_reject(&cfg, "Invalid weight_decay value: -0.5");
        else
            CHECK_EQ_INT(ov_optim_config_validate(&cfg, NULL), OV_OK);
        ov_optim_config_init(&cfg, (ov_algo)a);
        cfg.batch_size = -1;
        expect_reject(&cfg, "Invalid batch_size value: -1");
    }

    ov_optim_config_init(&cfg, OV_ALGO_MOMENTUM);
    cfg.momentum = -0.1;
    expect_reject(&cfg, "Invalid momentum value: -0.1");
    cfg.momentum = NAN;
    expect_reject(&cfg, "Invalid momentum value: nan");
    /* Torch does not validate dampening; neither do we (except NaN). */
    ov_optim_config_init(&cfg, OV_ALGO_MOMENTUM);
    cfg.dampening = -0.5;
    CHECK_EQ_INT(ov_optim_config_validate(&cfg, NULL), OV_OK);
    cfg.dampening = NAN;
    expect_reject(&cfg, "Invalid dampening value: nan");
    ov_optim_config_init(&cfg, OV_ALGO_NAG);
    cfg.momentum = 0;
    expect_reject(&cfg, "Nesterov momentum requires a momentum and zero "
                  "dampening");
    ov_optim_config_init(&cfg, OV_ALGO_NAG);
    cfg.dampening = 0.1;
    expect_reject(&cfg, "Nesterov momentum requires a momentum and zero "
                  "dampening");
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.nesterov = 1;
    expect_reject(&cfg, "Nesterov momentum requires a momentum and zero "
                  "dampening");
    cfg.momentum = 0.5;
    CHECK_EQ_INT(ov_optim_config_validate(&cfg, NULL), OV_OK);
    /* momentum is not an Adam parameter, so Adam ignores it. */
    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    cfg.momentum = -1;
    CHECK_EQ_INT(ov_optim_config_validate(&cfg, NULL), OV_OK);

    ov_optim_config_init(&cfg, OV_ALGO_ADAGRAD);
    cfg.lr_decay = -1e-3;
    expect_reject(&cfg, "Invalid lr_decay value: -0.001");
    ov_optim_config_init(&cfg, OV_ALGO_ADAGRAD);
    cfg.initial_accumulator_value = -1;
    expect_reject(&cfg, "Invalid initial_accumulator_value value: -1");
    ov_optim_config_init(&cfg, OV_ALGO_ADAGRAD);
    cfg.eps = -1e-10;
    expect_reject(&cfg, "Invalid epsilon value: -1e-10");

    ov_optim_config_init(&cfg, OV_ALGO_RMSPROP);
    cfg.alpha = -0.5;
    expect_reject(&cfg, "Invalid alpha value: -0.5");
    cfg.alpha = 1.5;        /* torch has no upper bound */
    CHECK_EQ_INT(ov_optim_config_validate(&cfg, NULL), OV_OK);
    cfg.momentum = -1;
    expect_reject(&cfg, "Invalid momentum value: -1");
    ov_optim_config_init(&cfg, OV_ALGO_RMSPROP);
    cfg.eps = NAN;
    expect_reject(&cfg, "Invalid epsilon value: nan");

    ov_optim_config_init(&cfg, OV_ALGO_ADADELTA);
    cfg.rho = 1.0;          /* [0, 1] is closed */
    CHECK_EQ_INT(ov_optim_config_validate(&cfg, NULL), OV_OK);
    cfg.rho = 0.0;
    CHECK_EQ_INT(ov_optim_config_validate(&cfg, NULL), OV_OK);
    cfg.rho = 1.1;
    expect_reject(&cfg, "Invalid rho value: 1.1");
    cfg.rho = -0.1;
    expect_reject(&cfg, "Invalid rho value: -0.1");
    cfg.rho = NAN;
    expect_reject(&cfg, "Invalid rho value: nan");
    ov_optim_config_init(&cfg, OV_ALGO_ADADELTA);
    cfg.initial_acc_delta = -50;
    expect_reject(&cfg, "Invalid initial_acc_delta value: -50");

    for (a = OV_ALGO_ADAM; a <= OV_ALGO_ADAMAX; a++) {
        ov_optim_config_init(&cfg, (ov_algo)a);
        cfg.beta1 = 0.0;
        CHECK_EQ_INT(ov_optim_config_validate(&cfg, NULL), OV_OK);
        cfg.beta1 = 1.0;    /* [0, 1) is half open */
        expect_reject(&cfg, "Invalid beta parameter at index 0: 1");
        cfg.beta1 = NAN;
        expect_reject(&cfg, "Invalid beta parameter at index 0: nan");
        ov_optim_config_init(&cfg, (ov_algo)a);
        cfg.beta2 = 1.0;
        expect_reject(&cfg, "Invalid beta parameter at index 1: 1");
        cfg.beta2 = -0.001;
        expect_reject(&cfg, "Invalid beta parameter at index 1: -0.001");
        ov_optim_config_init(&cfg, (ov_algo)a);
        cfg.eps = -1e-8;
        expect_reject(&cfg, "Invalid epsilon value: -1e-08");
    }

    /* Torch's first failing check wins: lr before eps. */
    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    cfg.lr = -2;
    cfg.eps = -1;
    expect_reject(&cfg, "Invalid learning rate: -2");

    {
        ov_optim *opt = NULL;
        ov_optim_config_init(&cfg, OV_ALGO_GD);
        CHECK_EQ_INT(ov_optim_create(&opt, &cfg, OV_OPTIM_MAX_DIM + 1),
                     OV_ERR_INVALID_ARG);
        CHECK_EQ_INT(ov_optim_create(&opt, &cfg, 0), OV_ERR_INVALID_ARG);
        CHECK(opt == NULL);
        /* Any other size is fine: the state is per coordinate. */
        CHECK_EQ_INT(ov_optim_create(&opt, &cfg, 3), OV_OK);
        ov_optim_destroy(opt);
    }
}

static void
test_defaults_and_names(void)
{
    ov_optim_config cfg;
    ov_algo algo;
    int a;

    ov_optim_config_init(&cfg, OV_ALGO_GD);
    CHECK_EQ_BITS(cfg.lr, 1e-3);
    CHECK_EQ_BITS(cfg.momentum, 0.0);
    CHECK_EQ_INT(cfg.nesterov, 0);
    CHECK_EQ_INT(cfg.batch_size, 0);
    ov_optim_config_init(&cfg, OV_ALGO_SGD);
    CHECK_EQ_INT(cfg.batch_size, 1);
    ov_optim_config_init(&cfg, OV_ALGO_MINIBATCH);
    CHECK_EQ_INT(cfg.batch_size, 32);
    ov_optim_config_init(&cfg, OV_ALGO_MOMENTUM);
    CHECK_EQ_BITS(cfg.momentum, 0.9);
    CHECK_EQ_INT(cfg.nesterov, 0);
    ov_optim_config_init(&cfg, OV_ALGO_NAG);
    CHECK_EQ_BITS(cfg.momentum, 0.9);
    CHECK_EQ_INT(cfg.nesterov, 1);
    CHECK_EQ_INT(cfg.nag_form, OV_NAG_TORCH);
    ov_optim_config_init(&cfg, OV_ALGO_ADAGRAD);
    CHECK_EQ_BITS(cfg.lr, 1e-2);
    CHECK_EQ_BITS(cfg.eps, 1e-10);
    CHECK_EQ_BITS(cfg.initial_accumulator_value, 0.0);
    CHECK_EQ_BITS(cfg.lr_decay, 0.0);
    ov_optim_config_init(&cfg, OV_ALGO_RMSPROP);
    CHECK_EQ_BITS(cfg.lr, 1e-2);
    CHECK_EQ_BITS(cfg.alpha, 0.99);
    CHECK_EQ_BITS(cfg.eps, 1e-8);
    CHECK_EQ_BITS(cfg.momentum, 0.0);
    CHECK_EQ_INT(cfg.centered, 0);
    ov_optim_config_init(&cfg, OV_ALGO_ADADELTA);
    CHECK_EQ_BITS(cfg.lr, 1.0);
    CHECK_EQ_BITS(cfg.rho, 0.9);
    CHECK_EQ_BITS(cfg.eps, 1e-6);
    CHECK_EQ_BITS(cfg.initial_acc_delta, 0.0);
    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    CHECK_EQ_BITS(cfg.lr, 1e-3);
    CHECK_EQ_BITS(cfg.beta1, 0.9);
    CHECK_EQ_BITS(cfg.beta2, 0.999);
    CHECK_EQ_BITS(cfg.eps, 1e-8);
    CHECK_EQ_INT(cfg.amsgrad, 0);
    ov_optim_config_init(&cfg, OV_ALGO_ADAMAX);
    CHECK_EQ_BITS(cfg.lr, 2e-3);
    CHECK_EQ_INT(cfg.batch_size, 0);

    for (a = 0; a < OV_ALGO_COUNT; a++) {
        const char *name = ov_algo_name((ov_algo)a);
        CHECK_EQ_INT(ov_algo_from_name(name, &algo), OV_OK);
        CHECK_EQ_INT(algo, a);
        CHECK(strlen(ov_algo_summary((ov_algo)a)) > 10);
        CHECK(ov_algo_takes_param((ov_algo)a, "lr"));
        /* Torch's classes up to AdamW all have weight_decay and
         * maximize; NAdam, RAdam and Rprop lack one of them, LBFGS both. */
        if (a <= OV_ALGO_ADAMW) {
            CHECK(ov_algo_takes_param((ov_algo)a, "weight-decay"));
            CHECK(ov_algo_takes_param((ov_algo)a, "maximize"));
        }
        CHECK(ov_algo_takes_param((ov_algo)a, "batch-size"));
        CHECK(!ov_algo_takes_param((ov_algo)a, "gamma"));
    }
    CHECK_EQ_STR(ov_algo_name(OV_ALGO_ADAMAX), "adamax");
    /* Names in any case, '-' and '_' alike (issue 13 item 15). */
    CHECK_EQ_INT(ov_algo_from_name("Adam", &algo), OV_OK);
    CHECK_EQ_INT(algo, OV_ALGO_ADAM);
    CHECK_EQ_INT(ov_algo_from_name("SF_ADAMW", &algo), OV_OK);
    CHECK_EQ_INT(algo, OV_ALGO_SF_ADAMW);
    CHECK_EQ_INT(ov_algo_from_name("adamm", &algo), OV_ERR_NOT_FOUND);
    CHECK_EQ_INT(ov_algo_from_name("", &algo), OV_ERR_NOT_FOUND);

    CHECK(ov_algo_takes_param(OV_ALGO_GD, "momentum"));
    CHECK(ov_algo_takes_param(OV_ALGO_RMSPROP, "momentum"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ADAM, "momentum"));
    CHECK(ov_algo_takes_param(OV_ALGO_NAG, "dampening"));
    CHECK(!ov_algo_takes_param(OV_ALGO_RMSPROP, "dampening"));
    CHECK(ov_algo_takes_param(OV_ALGO_NAG, "nag-form"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ADAM, "nag-form"));
    CHECK(ov_algo_takes_param(OV_ALGO_RMSPROP, "alpha"));
    CHECK(ov_algo_takes_param(OV_ALGO_RMSPROP, "centered"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ADAM, "alpha"));
    CHECK(ov_algo_takes_param(OV_ALGO_ADADELTA, "rho"));
    CHECK(ov_algo_takes_param(OV_ALGO_ADADELTA, "initial-acc-delta"));
    CHECK(!ov_algo_takes_param(OV_ALGO_RMSPROP, "rho"));
    CHECK(ov_algo_takes_param(OV_ALGO_ADAM, "beta1"));
    CHECK(ov_algo_takes_param(OV_ALGO_ADAMAX, "beta2"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ADAGRAD, "beta1"));
    CHECK(ov_algo_takes_param(OV_ALGO_ADAGRAD, "eps"));
    CHECK(!ov_algo_takes_param(OV_ALGO_GD, "eps"));
    CHECK(ov_algo_takes_param(OV_ALGO_ADAM, "amsgrad"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ADAMAX, "amsgrad"));
    CHECK(ov_algo_takes_param(OV_ALGO_ADAGRAD, "lr-decay"));
    CHECK(ov_algo_takes_param(OV_ALGO_ADAGRAD, "initial-accumulator-value"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ADAM, "lr-decay"));
}

/* Elementwise: a 2-D run equals two 1-D runs with separate state.  Not
 * Prodigy, whose d comes from sums over all coordinates. */
static void
test_per_coordinate(void)
{
    int a;

    for (a = 0; a < OV_ALGO_COUNT; a++) {
        ov_optim_config cfg;
        ov_optim *two, *one_x, *one_y;
        double p[2] = { 0.3, -1.2 }, qx = 0.3, qy = -1.2;
        int t;

        if (a == OV_ALGO_PRODIGY)
            continue;
        ov_optim_config_init(&cfg, (ov_algo)a);
        cfg.lr = 0.05;
        two = make(&cfg, 2);
        one_x = make(&cfg, 1);
        one_y = make(&cfg, 1);
        if (!two || !one_x || !one_y)
            continue;
        for (t = 0; t < 20; t++) {
            double g[2], gx, gy;
            g[0] = gx = 2.0 * p[0] + 0.1 * t;
            g[1] = gy = -p[1] * p[1] + 1.0;
            ov_optim_step(two, p, g);
            ov_optim_step(one_x, &qx, &gx);
            ov_optim_step(one_y, &qy, &gy);
        }
        CHECK_EQ_BITS(p[0], qx);
        CHECK_EQ_BITS(p[1], qy);
        ov_optim_destroy(two);
        ov_optim_destroy(one_x);
        ov_optim_destroy(one_y);
    }
    ov_optim_destroy(NULL);
}

/* @p steps steps of @p cfg from (-1.5, 2) on Rosenbrock, into @p p; when
 * @p decay is not 0, p is first multiplied by it at every step. */
static void
run_rosen(const ov_optim_config *cfg, int steps, double decay, double *p)
{
    ov_optim *o = make(cfg, 2);
    int t;

    p[0] = -1.5;
    p[1] = 2.0;
    for (t = 0; o && t < steps; t++) {
        double g[2];

        rosenbrock_grad(p, g);
        if (decay != 0) {
            p[0] = p[0] * decay;
            p[1] = p[1] * decay;
        }
        ov_optim_step(o, p, g);
    }
    ov_optim_destroy(o);
}

/*
 * AdamW decays the parameter by itself before Adam's update: each step is
 * Adam's (without weight decay) from p * (1 - lr*wd) on the gradient at p;
 * maximize flips the gradient, not the decay; weight-decay 0 is Adam; and
 * Adam's L2 term goes elsewhere.  Also its defaults and keys.
 */
static void
test_adamw(void)
{
    ov_optim_config w, a;
    double pw[2], pa[2];
    int k;

    ov_optim_config_init(&w, OV_ALGO_ADAMW);
    CHECK_EQ_BITS(w.lr, 1e-3);
    CHECK_EQ_BITS(w.weight_decay, 0.01);
    CHECK_EQ_BITS(w.beta1, 0.9);
    CHECK_EQ_BITS(w.beta2, 0.999);
    CHECK_EQ_BITS(w.eps, 1e-8);
    CHECK_EQ_INT(w.amsgrad, 0);
    CHECK(ov_algo_takes_param(OV_ALGO_ADAMW, "amsgrad"));
    CHECK(ov_algo_takes_param(OV_ALGO_ADAMW, "beta2"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ADAMW, "momentum"));
    w.beta1 = 1.0;
    expect_reject(&w, "Invalid beta parameter at index 0: 1");

    /* k: 0 plain, 1 amsgrad, 2 maximize. */
    for (k = 0; k < 3; k++) {
        ov_optim_config_init(&w, OV_ALGO_ADAMW);
        w.lr = 0.1;
        w.weight_decay = 0.3;
        w.amsgrad = k == 1;
        w.maximize = k == 2;
        ov_optim_config_init(&a, OV_ALGO_ADAM);
        a.lr = 0.1;
        a.amsgrad = w.amsgrad;
        a.maximize = w.maximize;
        run_rosen(&w, 50, 0.0, pw);
        run_rosen(&a, 50, 1 - 0.1 * 0.3, pa);
        CHECK_EQ_BITS(pw[0], pa[0]);
        CHECK_EQ_BITS(pw[1], pa[1]);
        a.weight_decay = 0.3;
        run_rosen(&a, 50, 0.0, pa);
        CHECK(pw[0] != pa[0] && pw[1] != pa[1]);
    }
    ov_optim_config_init(&w, OV_ALGO_ADAMW);
    w.lr = 0.1;
    w.weight_decay = 0.0;
    ov_optim_config_init(&a, OV_ALGO_ADAM);
    a.lr = 0.1;
    run_rosen(&w, 100, 0.0, pw);
    run_rosen(&a, 100, 0.0, pa);
    CHECK_EQ_BITS(pw[0], pa[0]);
    CHECK_EQ_BITS(pw[1], pa[1]);
}

/* @p cfg in 1-D from x = 1 on the gradients @p gs: x after step i is
 * @p want[i], bit for bit, for i < n. */
static void
expect_steps(const ov_optim_config *cfg, const double *gs, int n,
             const double *want)
{
    int i;

    for (i = 0; i < n; i++)
        CHECK_EQ_BITS(run_fixed(cfg, 1.0, gs, i + 1), want[i]);
}

/* @p steps steps of @p a and of @p b on Rosenbrock end at the same
 * point, bit for bit; and at (@p x, @p y) unless it is NaN. */
static void
expect_rosen(const ov_optim_config *a, const ov_optim_config *b,
             int steps, double x, double y)
{
    double pa[2], pb[2];

    run_rosen(a, steps, 0.0, pa);
    run_rosen(b, steps, 0.0, pb);
    CHECK_EQ_BITS(pa[0], pb[0]);
    CHECK_EQ_BITS(pa[1], pb[1]);
    if (x == x) {
        CHECK_EQ_BITS(pa[0], x);
        CHECK_EQ_BITS(pa[1], y);
    }
}

/*
 * NAdam: three steps against torch 1.13's own figures (1-element float64
 * tensor, lr 0.1, gradients gs, momentum_decay 4e-3 and 0.5), the first two
 * by hand, the mu_product_next quirk (mu counted twice: the later formula
 * mu_product * mu_next gives another second step), and maximize, which
 * torch 1.13's NAdam lacks, changes nothing.
 */
static void
test_nadam(void)
{
    static const double gs[3] = { 0.3, 1.7, -0.45 };
    static const double torch_x[2][3] = {
        { 0.8950468865375153, 0.79145989875039724, 0.81199766265893647 },
        { 0.89480785996193524, 0.79238425995324602, 0.81147022002926372 },
    };
    ov_optim_config c;
    double x = 1.0, later = 1.0, p = 1.0, m = 0, v = 0;
    int k, t;

    ov_optim_config_init(&c, OV_ALGO_NADAM);
    CHECK_EQ_BITS(c.lr, 2e-3);
    CHECK_EQ_BITS(c.momentum_decay, 4e-3);
    CHECK_EQ_BITS(c.eps, 1e-8);
    CHECK_EQ_BITS(c.weight_decay, 0.0);
    CHECK(ov_algo_takes_param(OV_ALGO_NADAM, "momentum-decay"));
    CHECK(ov_algo_takes_param(OV_ALGO_NADAM, "weight-decay"));
    CHECK(!ov_algo_takes_param(OV_ALGO_NADAM, "maximize"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ADAM, "momentum-decay"));
    c.momentum_decay = -1;
    expect_reject(&c, "Invalid momentum_decay value: -1");

    /* k = 0: torch's momentum_decay 4e-3; k = 1: 0.5. */
    for (k = 0; k < 2; k++) {
        ov_optim_config_init(&c, OV_ALGO_NADAM);
        c.lr = 0.1;
        c.momentum_decay = k ? 0.5 : 4e-3;
        expect_steps(&c, gs, 3, torch_x[k]);
        c.maximize = 1;
        expect_steps(&c, gs, 3, torch_x[k]);
    }

    /* Two steps by hand; `later` takes mu_product * mu_next. */
    for (t = 1; t <= 2; t++) {
        double mu = 0.9 * (1. - 0.5 * pow(0.96, t * 4e-3));
        double mu_next = 0.9 * (1. - 0.5 * pow(0.96, (t + 1) * 4e-3));
        double g = gs[t - 1], den;

        p = p * mu;
        m = m * 0.9 + (1 - 0.9) * g;
        v = v * 0.999 + ((1 - 0.999) * g) * g;
        den = sqrt(v / (1 - pow(0.999, t))) + 1e-8;
        x = x + ((-0.1 * (1. - mu) / (1. - p)) * g) / den;
        later = later + ((-0.1 * (1. - mu) / (1. - p)) * g) / den;
        x = x + ((-0.1 * mu_next / (1. - p * mu * mu_next)) * m) / den;
        later = later + ((-0.1 * mu_next / (1. - p * mu_next)) * m) / den;
        CHECK_EQ_BITS(x, torch_x[0][t - 1]);
    }
    CHECK(fabs(later - torch_x[0][1]) > 1e-4);

    /* 50 steps on Rosenbrock, where a changed rounding shows: torch_ref.py
     * --algo nadam --lr 0.1 --loss rosenbrock --start -1.5 2. */
    ov_optim_config_init(&c, OV_ALGO_NADAM);
    c.lr = 0.1;
    expect_rosen(&c, &c, 50, -1.3332193373716377, 1.7314139617853401);
}

/*
 * RAdam: eight steps against torch 1.13's figures (1-element float64
 * tensor, lr 0.1, gradients gs): five plain momentum steps (rho_t <= 5),
 * then rectified Adam steps from step 6, the sixth by hand; 50 Rosenbrock
 * steps.  With beta1 = beta2 = 0, rho_t stays 1 and m is g: gd, bit for
 * bit.  Maximize, which torch 1.13's RAdam lacks, changes nothing.
 */
static void
test_radam(void)
{
    static const double gs[8] = { 0.3, 1.7, -0.45, 2.3, 0.9, 1.1, -1.3,
                                  0.7 };
    static const double torch_x[8] = {
        0.96999999999999997, 0.86631578947368415, 0.81749660128180224,
        0.7159932572864548, 0.61729896410680107, 0.61532496453068475,
        0.61391528257195793, 0.61209531537843009,
    };
    ov_optim_config c, d;
    double m = 0, v = 0, x, bc1, bc2, rho_inf, rho_t, rect;
    int i;

    ov_optim_config_init(&c, OV_ALGO_RADAM);
    CHECK_EQ_BITS(c.lr, 1e-3);
    CHECK_EQ_BITS(c.beta1, 0.9);
    CHECK_EQ_BITS(c.beta2, 0.999);
    CHECK_EQ_BITS(c.eps, 1e-8);
    CHECK(!ov_algo_takes_param(OV_ALGO_RADAM, "maximize"));
    CHECK(!ov_algo_takes_param(OV_ALGO_RADAM, "amsgrad"));
    c.beta2 = 1.0;
    expect_reject(&c, "Invalid beta parameter at index 1: 1");

    ov_optim_config_init(&c, OV_ALGO_RADAM);
    c.lr = 0.1;
    expect_steps(&c, gs, 8, torch_x);
    c.maximize = 1;
    expect_steps(&c, gs, 8, torch_x);

    /* The sixth step by hand from torch's fifth point. */
    for (i = 0; i < 6; i++) {
        m = m * 0.9 + (1 - 0.9) * gs[i];
        v = v * 0.999 + ((1 - 0.999) * gs[i]) * gs[i];
    }
    bc1 = 1 - pow(0.9, 6);
    bc2 = 1 - pow(0.999, 6);
    rho_inf = 2 / (1 - 0.999) - 1;
    rho_t = rho_inf - 2 * 6.0 * pow(0.999, 6) / bc2;
    CHECK(rho_t > 5);
    rect = sqrt((rho_t - 4) * (rho_t - 2) * rho_inf
                / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
    x = torch_x[4] - m / bc1 * 0.1 * ((1 / (sqrt(v) + 1e-8)) * sqrt(bc2))
        * rect;
    CHECK_EQ_BITS(x, torch_x[5]);

    /* 50 steps on Rosenbrock (torch_ref.py --algo radam --lr 0.002). */
    c.maximize = 0;
    c.lr = 0.002;
    expect_rosen(&c, &c, 50, -1.3690511705907626, 1.9485218193010527);

    ov_optim_config_init(&c, OV_ALGO_RADAM);
    c.lr = 1e-3;
    c.beta1 = 0.0;
    c.beta2 = 0.0;
    ov_optim_config_init(&d, OV_ALGO_GD);
    d.lr = 1e-3;
    expect_rosen(&c, &d, 200, NAN, NAN);
    c.weight_decay = d.weight_decay = 0.5;
    expect_rosen(&c, &d, 200, NAN, NAN);
}

/*
 * ASGD: four steps against torch 1.13's figures (1-element float64 tensor,
 * lr 0.1, lambd 0.5, alpha 0.75 and 1.5), the first two by hand; 50
 * Rosenbrock steps; lambd 0 is gd bit for bit (weight decay and maximize
 * included); t0 moves only the average, never the parameter shown.
 */
static void
test_asgd(void)
{
    static const double gs[4] = { 0.3, 1.7, -0.45, 2.3 };
    static const double torch_x[2][4] = {
        { 0.91999999999999993, 0.71176114034602611, 0.7205237763909933,
          0.48097110826015332 },
        { 0.91999999999999993, 0.71924341356487309, 0.72707726097058356,
          0.51109790620003093 },
    };
    ov_optim_config c, d;
    double x, eta;
    int k;

    ov_optim_config_init(&c, OV_ALGO_ASGD);
    CHECK_EQ_BITS(c.lr, 1e-2);
    CHECK_EQ_BITS(c.lambd, 1e-4);
    CHECK_EQ_BITS(c.alpha, 0.75);
    CHECK_EQ_BITS(c.t0, 1e6);
    CHECK_EQ_BITS(c.weight_decay, 0.0);
    ov_optim_config_init(&d, OV_ALGO_RMSPROP);
    CHECK_EQ_BITS(d.alpha, 0.99);
    CHECK(ov_algo_takes_param(OV_ALGO_ASGD, "alpha"));
    CHECK(ov_algo_takes_param(OV_ALGO_ASGD, "maximize"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ASGD, "eps"));
    CHECK(!ov_algo_takes_param(OV_ALGO_RMSPROP, "lambd"));
    /* Torch leaves lambd and t0 unchecked. */
    c.lambd = -3;
    c.t0 = -1e9;
    CHECK_EQ_INT(ov_optim_config_validate(&c, NULL), OV_OK);

    for (k = 0; k < 2; k++) {
        ov_optim_config_init(&c, OV_ALGO_ASGD);
        c.lr = 0.1;
        c.lambd = 0.5;
        c.alpha = k ? 1.5 : 0.75;
        expect_steps(&c, gs, 4, torch_x[k]);
    }
    /* x1 = x0 (1 - lambd lr) - lr g1; eta2 = lr / (1 + lambd lr)^alpha. */
    x = 1.0 * (1 - 0.5 * 0.1);
    x = x + (-0.1) * 0.3;
    CHECK_EQ_BITS(x, torch_x[0][0]);
    eta = 0.1 / pow(1 + 0.5 * 0.1 * 1.0, 0.75);
    x = x * (1 - 0.5 * eta);
    x = x + (-eta) * 1.7;
    CHECK_EQ_BITS(x, torch_x[0][1]);

    /* torch_ref.py --algo asgd --lr 0.001 --lambd 2 --alpha 1.5 on
     * Rosenbrock from (-1.5, 2). */
    ov_optim_config_init(&c, OV_ALGO_ASGD);
    c.lr = 0.001;
    c.lambd = 2;
    c.alpha = 1.5;
    d = c;
    d.t0 = 0;
    expect_rosen(&c, &d, 50, -1.3202041273147347, 1.75279481078971);

    for (k = 0; k < 3; k++) {
        ov_optim_config_init(&c, OV_ALGO_ASGD);
        ov_optim_config_init(&d, OV_ALGO_GD);
        c.lr = d.lr = 1e-3;
        c.lambd = 0;
        c.weight_decay = d.weight_decay = k == 1 ? 0.3 : 0.0;
        c.maximize = d.maximize = k == 2;
        expect_rosen(&c, &d, 100, NAN, NAN);
    }
}

/*
 * Rprop: eight steps against torch 1.13's figures (1-element float64
 * tensor, lr 0.1) and by hand: the size grows by eta-plus while the sign
 * holds, halves on a change, and that step moves nothing and forgets the
 * gradient (so the next step keeps the size); a zero gradient moves
 * nothing.  Then the clamps (also min > max: always max), maximize, the
 * eta complaint with both values, and weight decay, which torch 1.13's
 * Rprop lacks, changes nothing.
 */
static void
test_rprop(void)
{
    static const double gs[8] = { 0.3, 1.7, -0.45, 2.3, 0.0, 0.9, -1.1,
                                  -1.3 };
    static const double torch_x[4][8] = {
        { 0.90000000000000002, 0.78000000000000003, 0.78000000000000003,
          0.71999999999999997, 0.71999999999999997, 0.65999999999999992,
          0.65999999999999992, 0.68999999999999995 },
        /* step sizes 0.08 .. 0.11 */
        { 0.90000000000000002, 0.79000000000000004, 0.79000000000000004,
          0.71000000000000008, 0.71000000000000008, 0.63000000000000012,
          0.63000000000000012, 0.71000000000000008 },
        /* step sizes 0.2 .. 0.05: always 0.05 */
        { 0.94999999999999996, 0.89999999999999991, 0.89999999999999991,
          0.84999999999999987, 0.84999999999999987, 0.79999999999999982,
          0.79999999999999982, 0.84999999999999987 },
        /* maximize */
        { 1.1000000000000001, 1.2200000000000002, 1.2200000000000002,
          1.2800000000000002, 1.2800000000000002, 1.3400000000000003,
          1.3400000000000003, 1.3100000000000003 },
    };
    /* By hand: -1 a step down, 0 none, 1 up; the size after each step. */
    static const int move[8] = { -1, -1, 0, -1, 0, -1, 0, 1 };
    double size[8], x = 1.0;
    ov_optim_config c;
    int k, i;

    ov_optim_config_init(&c, OV_ALGO_RPROP);
    CHECK_EQ_BITS(c.lr, 1e-2);
    CHECK_EQ_BITS(c.eta_minus, 0.5);
    CHECK_EQ_BITS(c.eta_plus, 1.2);
    CHECK_EQ_BITS(c.step_size_min, 1e-6);
    CHECK_EQ_BITS(c.step_size_max, 50.0);
    CHECK(ov_algo_takes_param(OV_ALGO_RPROP, "maximize"));
    CHECK(!ov_algo_takes_param(OV_ALGO_RPROP, "weight-decay"));
    c.eta_plus = 1.0;
    expect_reject(&c, "Invalid eta values: 0.5, 1");
    c.eta_plus = 1.2;
    c.eta_minus = 0.0;
    expect_reject(&c, "Invalid eta values: 0, 1.2");
    c.eta_minus = 1.5;
    expect_reject(&c, "Invalid eta values: 1.5, 1.2");
    c.eta_minus = 0.5;
    c.lr = -1;
    expect_reject(&c, "Invalid learning rate: -1");

    for (k = 0; k < 4; k++) {
        ov_optim_config_init(&c, OV_ALGO_RPROP);
        c.lr = 0.1;
        if (k == 1) {
            c.step_size_min = 0.08;
            c.step_size_max = 0.11;
        } else if (k == 2) {
            c.step_size_min = 0.2;
            c.step_size_max = 0.05;
        }
        c.maximize = k == 3;
        expect_steps(&c, gs, 8, torch_x[k]);
        c.weight_decay = 0.5;
        expect_steps(&c, gs, 8, torch_x[k]);
    }

    size[0] = 0.1;
    size[1] = size[0] * 1.2;
    size[2] = size[1] * 0.5;
    size[3] = size[4] = size[5] = size[2];
    size[6] = size[7] = size[5] * 0.5;
    for (i = 0; i < 8; i++) {
        x = x + move[i] * size[i];
        CHECK_EQ_BITS(x, torch_x[0][i]);
    }
}

/*
 * The first-step cases and shapes of the optimizers that follow reference
 * implementations (their trajectories are test_parity's oracle cases):
 * ADOPT's first step only fills v; Lion moves by lr per coordinate;
 * Schedule-Free draws x, y or z; Prodigy's d starts at d0 and beta3
 * "none" is sqrt(beta2); AdEMAMix's warm-up 0 is none.
 */
static void
test_modern(void)
{
    ov_optim_config c, c2;
    ov_optim *o, *o2;
    double p[2] = { 0.5, -1.0 }, q[2], g[2] = { 3.0, -4.0 }, shown[2];
    int t;

    ov_optim_config_init(&c, OV_ALGO_ADOPT);
    CHECK_EQ_BITS(c.eps, 1e-6);
    CHECK_EQ_BITS(c.beta2, 0.9999);
    c.lr = 0.1;
    o = make(&c, 2);
    ov_optim_step(o, p, g);
    CHECK_EQ_BITS(p[0], 0.5);
    CHECK_EQ_BITS(p[1], -1.0);
    ov_optim_step(o, p, g);             /* m = g / |g|: a step of lr */
    CHECK_EQ_BITS(p[0], 0.5 - 0.1);
    CHECK_EQ_BITS(p[1], -1.0 + 0.1);
    ov_optim_destroy(o);

    ov_optim_config_init(&c, OV_ALGO_LION);
    CHECK_EQ_BITS(c.lr, 1e-4);
    CHECK_EQ_BITS(c.beta2, 0.99);
    c.lr = 0.25;
    o = make(&c, 2);
    p[0] = 0.5;
    p[1] = -1.0;
    for (t = 0; t < 3; t++)
        ov_optim_step(o, p, g);
    CHECK_EQ_BITS(p[0], 0.5 - 0.75);
    CHECK_EQ_BITS(p[1], -1.0 + 0.75);
    ov_optim_destroy(o);

    /* sf-sgd's first step: ckp1 = 1, so x = y = z = p - lr*g. */
    ov_optim_config_init(&c, OV_ALGO_SF_SGD);
    CHECK_EQ_BITS(c.weight_lr_power, 2.0);
    c.lr = 0.5;
    c.sf_show = OV_SF_SHOW_Z;
    o = make(&c, 2);
    p[0] = 0.5;
    p[1] = -1.0;
    ov_optim_display_point(o, p, shown);
    CHECK_EQ_BITS(shown[0], 0.5);
    ov_optim_step(o, p, g);
    CHECK_EQ_BITS(p[0], 0.5 - 1.5);
    ov_optim_step(o, p, g);             /* now x, y and z differ */
    ov_optim_display_point(o, p, shown);
    CHECK_EQ_BITS(shown[0], 0.5 - 1.5 - 1.5);
    CHECK(p[0] != shown[0]);
    ov_optim_destroy(o);
    c.sf_show = OV_SF_SHOW_Y;
    o = make(&c, 2);
    ov_optim_step(o, p, g);
    ov_optim_step(o, p, g);
    ov_optim_display_point(o, p, shown);
    CHECK_EQ_BITS(shown[0], p[0]);
    CHECK_EQ_BITS(shown[1], p[1]);
    ov_optim_destroy(o);
    c.momentum = 1.0;
    expect_reject(&c, "Momentum must be between 0 and 1 exclusive: 1");

    ov_optim_config_init(&c, OV_ALGO_PRODIGY);
    CHECK(isnan(c.beta3));
    CHECK_EQ_BITS(c.d0, 1e-6);
    c2 = c;
    c2.beta3 = sqrt(0.999);
    o = make(&c, 2);
    o2 = make(&c2, 2);
    CHECK_EQ_BITS(ov_optim_d_estimate(o), 1e-6);
    p[0] = q[0] = -1.5;
    p[1] = q[1] = 2.0;
    for (t = 0; t < 50; t++) {
        double gp[2], gq[2];

        rosenbrock_grad(p, gp);
        rosenbrock_grad(q, gq);
        ov_optim_step(o, p, gp);
        ov_optim_step(o2, q, gq);
    }
    CHECK_EQ_BITS(p[0], q[0]);
    CHECK_EQ_BITS(p[1], q[1]);
    CHECK(ov_optim_d_estimate(o) > 1e-3);
    ov_optim_destroy(o);
    ov_optim_destroy(o2);
    c.lr = 0.0;
    expect_reject(&c, "Invalid learning rate: 0");
    ov_optim_config_init(&c, OV_ALGO_ADAM);
    o = make(&c, 2);
    CHECK(isnan(ov_optim_d_estimate(o)));
    ov_optim_destroy(o);

    ov_optim_config_init(&c, OV_ALGO_ADAN);
    CHECK_EQ_INT(ov_optim_config_set(&c, "beta3", "none", NULL), OV_OK);
    expect_reject(&c, "Invalid beta parameter at index 2: nan");
    ov_optim_config_init(&c, OV_ALGO_ADEMAMIX);
    CHECK_EQ_INT(ov_optim_config_set(&c, "t-alpha-beta3", "none", NULL),
                 OV_OK);
    CHECK_EQ_INT(c.t_alpha_beta3, 0);
    CHECK(ov_algo_takes_param(OV_ALGO_ADEMAMIX, "t-alpha-beta3"));
    CHECK(ov_algo_takes_param(OV_ALGO_SF_ADAMW, "show"));
    CHECK(!ov_algo_takes_param(OV_ALGO_ADAM, "show"));
    CHECK(ov_algo_takes_param(OV_ALGO_PRODIGY, "d-coef"));
}

/* f = x^2 + 3y^2 and its gradient, counting the calls. */
static double
quad_closure(void *payload, const double *theta, double *grad)
{
    (*(int *)payload)++;
    grad[0] = 2.0 * theta[0];
    grad[1] = 6.0 * theta[1];
    return theta[0] * theta[0] + 3.0 * theta[1] * theta[1];
}

/* optimizer.step(closure): an elementwise optimizer calls the closure
 * once and steps as ov_optim_step does; lbfgs calls it up to max-eval
 * times per step and finds the quadratic's minimum. */
static void
test_closure_steps(void)
{
    int a, k;

    for (a = 0; a < OV_ALGO_COUNT; a++) {
        ov_optim_config cfg;
        ov_optim *p = NULL, *q = NULL;
        double x[2] = { 3.0, -2.0 }, y[2] = { 3.0, -2.0 }, g[2];
        int calls = 0;

        if (a == OV_ALGO_LBFGS)
            continue;
        ov_optim_config_init(&cfg, (ov_algo)a);
        cfg.lr = 0.05;
        CHECK(ov_optim_create(&p, &cfg, 2) == OV_OK);
        CHECK(ov_optim_create(&q, &cfg, 2) == OV_OK);
        for (k = 0; p && q && k < 5; k++) {
            quad_closure(&calls, x, g);
            ov_optim_step(p, x, g);
            ov_optim_step_closure(q, y, quad_closure, &calls);
        }
        CHECK_EQ_INT(calls, 10);
        CHECK_EQ_BITS(x[0], y[0]);
        CHECK_EQ_BITS(x[1], y[1]);
        ov_optim_destroy(p);
        ov_optim_destroy(q);
    }
    for (k = 0; k < 2; k++) {
        ov_optim_config cfg;
        ov_optim *p = NULL;
        double x[2] = { 3.0, -2.0 };
        int calls = 0;

        ov_optim_config_init(&cfg, OV_ALGO_LBFGS);
        cfg.line_search = k ? OV_LINE_SEARCH_STRONG_WOLFE
                            : OV_LINE_SEARCH_NONE;
        CHECK(ov_optim_create(&p, &cfg, 2) == OV_OK);
        if (!p)
            continue;
        ov_optim_step_closure(p, x, quad_closure, &calls);
        /* torch 1.13 (either line search): 7 evaluations, then the loss
         * changes by less than tolerance-change, at these points. */
        CHECK_EQ_INT(calls, 7);
        CHECK_EQ_BITS(x[0], 3.0464459164409902e-06);
        CHECK_EQ_BITS(x[1], 6.5805840520716339e-08);
        CHECK_EQ_INT(ov_optim_step_count(p), 1);
        ov_optim_destroy(p);
    }
}

int
main(void)
{
    test_rosenbrock_vectors();
    test_counterexamples();
    test_sutskever_form();
    test_prologue();
    test_validation();
    test_defaults_and_names();
    test_per_coordinate();
    test_adamw();
    test_nadam();
    test_radam();
    test_asgd();
    test_rprop();
    test_modern();
    test_closure_steps();
    return check_report("optim");
}
