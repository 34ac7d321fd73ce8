/*
 * test_schedule.c: the learning-rate schedules (schedule.h) step by step.
 *
 * Each case's lr sequence (and the momentum or beta1 the schedule sets)
 * must equal torch 1.13's bit for bit: the tables were printed by torch's
 * own schedulers (tools/torch_ref.py's build_scheduler on SGD(momentum=0.9)
 * or Adam, 16 steps, reading param_groups[0] before every optimizer step;
 * the first lr is the start row's, torch's initial_lr).  A few values are
 * also checked by hand, and the errors torch raises are refusals here.
 * The warm-up climbs linearly from lr/N and reaches lr on step N + 1.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"

#define N_STEPS 16

struct lr_case {
    const char *schedule;       /* --schedule, "" for none */
    long warmup;
    ov_algo algo;
    double lr;
    double lrs[N_STEPS + 1];    /* initial_lr, then the lr of steps 1..16 */
    double momentum[N_STEPS];   /* momentum or beta1 of steps 1..16 when
                                   the schedule cycles it; else zeros */
};

static const struct lr_case cases[] = {
    { "step:step-size=3:gamma=0.5", 0, OV_ALGO_MOMENTUM, 0.1,
      {
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.050000000000000003, 0.050000000000000003,
        0.050000000000000003, 0.025000000000000001, 0.025000000000000001,
        0.025000000000000001, 0.012500000000000001, 0.012500000000000001,
        0.012500000000000001, 0.0062500000000000003, 0.0062500000000000003,
        0.0062500000000000003, 0.0031250000000000002
      },
      { 0 } },
    { "multistep:milestones=2,5,5,9:gamma=0.3", 0, OV_ALGO_MOMENTUM, 0.1,
      {
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.029999999999999999, 0.029999999999999999, 0.029999999999999999,
        0.0026999999999999997, 0.0026999999999999997, 0.0026999999999999997,
        0.0026999999999999997, 0.00080999999999999985, 0.00080999999999999985,
        0.00080999999999999985, 0.00080999999999999985,
        0.00080999999999999985, 0.00080999999999999985, 0.00080999999999999985
      },
      { 0 } },
    { "exponential:gamma=0.9", 0, OV_ALGO_ADAM, 0.01,
      {
        0.01, 0.01, 0.0090000000000000011, 0.0081000000000000013,
        0.0072900000000000013, 0.0065610000000000017, 0.005904900000000002,
        0.005314410000000002, 0.0047829690000000024, 0.004304672100000002,
        0.0038742048900000021, 0.003486784401000002, 0.0031381059609000019,
        0.0028242953648100018, 0.0025418658283290017, 0.0022876792454961017,
        0.0020589113209464917
      },
      { 0 } },
    { "cosine:t-max=7:eta-min=0.001", 0, OV_ALGO_ADAM, 0.1,
      {
        0.10000000000000001, 0.10000000000000001, 0.095097958961169751,
        0.081362745192007313, 0.061514786230837566, 0.039485213769162447,
        0.019637254807992697, 0.0059020410388302587, 0.001,
        0.0059020410388302526, 0.019637254807992683, 0.039485213769162433,
        0.061514786230837525, 0.081362745192007313, 0.095097958961169779,
        0.10000000000000002, 0.095097958961169779
      },
      { 0 } },
    { "cosine-restarts:t-0=3:t-mult=2:eta-min=0.01", 0, OV_ALGO_ADAM, 0.1,
      {
        0.10000000000000001, 0.10000000000000001, 0.077499999999999999,
        0.032500000000000015, 0.10000000000000001, 0.093971143170299753,
        0.077499999999999999, 0.055000000000000007, 0.032500000000000015,
        0.016028856829700261, 0.10000000000000001, 0.098466662183008077,
        0.093971143170299753, 0.086819805153394644, 0.077499999999999999,
        0.06664685702961344, 0.055000000000000007
      },
      { 0 } },
    { "cyclic:base-lr=0.01:max-lr=0.1:step-size-up=4:"
      "step-size-down=2:mode=triangular2",
      0, OV_ALGO_MOMENTUM, 0.1,
      {
        0.01, 0.01, 0.032500000000000015, 0.055, 0.077499999999999999,
        0.099999999999999992, 0.054999999999999966, 0.01,
        0.021250000000000022, 0.03249999999999998, 0.043750000000000004,
        0.054999999999999966, 0.032500000000000036, 0.01,
        0.015624999999999997, 0.021250000000000005, 0.026875000000000003
      },
      {
        0.90000000000000002, 0.875, 0.85000000000000009, 0.82500000000000007,
        0.80000000000000004, 0.85000000000000009, 0.90000000000000002,
        0.88749999999999996, 0.875, 0.86250000000000004, 0.85000000000000009,
        0.875, 0.90000000000000002, 0.89375000000000004, 0.88750000000000007,
        0.88124999999999998
      } },
    { "cyclic:base-lr=0.01:max-lr=0.1:step-size-up=3:"
      "mode=exp_range:gamma=0.9:cycle-momentum=0",
      0, OV_ALGO_ADAM, 0.1,
      {
        0.01, 0.01, 0.037000000000000012, 0.058599999999999999,
        0.075610000000000011, 0.049366000000000021, 0.027714699999999988,
        0.01, 0.024348907000000031, 0.03582803259999999, 0.044867844010000012,
        0.03092070640599999, 0.019414317882700018, 0.01, 0.017625597484986995,
        0.023726075472976615, 0.028530201888518417
      },
      { 0 } },
    { "onecycle:max-lr=0.5:total-steps=16:three-phase=1", 0, OV_ALGO_ADAM, 0.1,
      {
        0.02, 0.020000000000000018, 0.097452422809822137, 0.27981904291335974,
        0.44939372225513441, 0.49672671281665337, 0.39126755794938239,
        0.20108348308620819, 0.0489262997104426, 0.019856173487566738,
        0.018285267982789177, 0.015243548528288763, 0.011271051179649043,
        0.0070730651100057744, 0.0033949134408225775, 0.00088962632460903022,
        1.9999999999999999e-06
      },
      {
        0.94999999999999996, 0.93386407858128706, 0.89587103272638335,
        0.86054297453018025, 0.85068193482986387, 0.87265259209387858,
        0.91227427435703989, 0.9439736875603244, 0.94999999999999996,
        0.94999999999999996, 0.94999999999999996, 0.94999999999999996,
        0.94999999999999996, 0.94999999999999996, 0.94999999999999996,
        0.94999999999999996
      } },
    { "onecycle:max-lr=0.5:anneal-strategy=linear", 0, OV_ALGO_MOMENTUM, 0.1,
      {
        0.02, 0.02, 0.14631578947368418, 0.27263157894736839,
        0.39894736842105266, 0.4910714642857143, 0.44642878571428568,
        0.40178610714285712, 0.35714342857142856, 0.31250074999999999,
        0.26785807142857143, 0.22321539285714287, 0.17857271428571425,
        0.13393003571428574, 0.089287357142857182, 0.044644678571428564,
        2.0000000000020002e-06
      },
      {
        0.94999999999999996, 0.92368421052631577, 0.89736842105263159,
        0.8710526315789473, 0.85178571428571426, 0.86071428571428565,
        0.86964285714285716, 0.87857142857142856, 0.88749999999999996,
        0.89642857142857135, 0.90535714285714286, 0.91428571428571426,
        0.92321428571428565, 0.93214285714285705, 0.94107142857142856,
        0.94999999999999996
      } },
    { "linear:start-factor=0.2:end-factor=0.8:total-iters=6",
      0, OV_ALGO_MOMENTUM, 0.1,
      {
        0.10000000000000001, 0.020000000000000004, 0.030000000000000006,
        0.040000000000000008, 0.05000000000000001, 0.060000000000000012,
        0.070000000000000021, 0.080000000000000016, 0.080000000000000016,
        0.080000000000000016, 0.080000000000000016, 0.080000000000000016,
        0.080000000000000016, 0.080000000000000016, 0.080000000000000016,
        0.080000000000000016, 0.080000000000000016
      },
      { 0 } },
    { "constant:factor=0.25:total-iters=4", 0, OV_ALGO_MOMENTUM, 0.1,
      {
        0.10000000000000001, 0.025000000000000001, 0.025000000000000001,
        0.025000000000000001, 0.025000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.10000000000000001
      },
      { 0 } },
    { "polynomial:total-iters=8:power=1.5", 0, OV_ALGO_ADAM, 0.1,
      {
        0.10000000000000001, 0.10000000000000001, 0.081848755335679979,
        0.064951905283832906, 0.049410588440130937, 0.03535533905932739,
        0.022963966338592302, 0.012500000000000004, 0.0044194173824159237, 0,
        0, 0, 0, 0, 0, 0, 0
      },
      { 0 } },
    { "wsd:warmup-steps=3:decay-steps=5:min-factor=0.1:decay=cosine",
      0, OV_ALGO_ADAM, 0.1,
      {
        0.10000000000000001, 0.033333333333333333, 0.066666666666666666,
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.091405764746872634, 0.068905764746872641, 0.04109423525312738,
        0.018594235253127374, 0.010000000000000002
      },
      { 0 } },
    { "inv-sqrt:warmup-steps=4", 0, OV_ALGO_ADAM, 0.1,
      {
        0.10000000000000001, 0.025000000000000001, 0.050000000000000003,
        0.075000000000000011, 0.10000000000000001, 0.089442719099991588,
        0.081649658092772609, 0.075592894601845442, 0.070710678118654766,
        0.066666666666666666, 0.063245553203367597, 0.06030226891555273,
        0.057735026918962574, 0.055470019622522918, 0.053452248382484885,
        0.051639777949432225, 0.050000000000000003
      },
      { 0 } },
    { "cosine", 5, OV_ALGO_ADAM, 0.1,
      {
        0.10000000000000001, 0.020000000000000004, 0.036000000000000011,
        0.052000000000000018, 0.068000000000000019, 0.084000000000000033,
        0.10000000000000001, 0.097974648680724877, 0.092062676641559066,
        0.082743036697264266, 0.070770750650094333, 0.05711574191366426,
        0.042884258086335753, 0.02922924934990569, 0.017256963302735753,
        0.0079373233584409467, 0.0020253513192751323
      },
      { 0 } },
    { "onecycle:max-lr=0.5", 4, OV_ALGO_MOMENTUM, 0.1,
      {
        0.02, 0.0050000000000000001, 0.0087500000000000008,
        0.012500000000000001, 0.016250000000000001, 0.020000000000000018,
        0.097452422809822137, 0.27981904291335974, 0.44939372225513441,
        0.49960670532763912, 0.48597088869376159, 0.45389040167894606,
        0.40587282697488147, 0.34567147540784005, 0.2779920070613508,
        0.20812461168003923, 0.14153049910434962
      },
      {
        0.94999999999999996, 0.94999999999999996, 0.94999999999999996,
        0.94999999999999996, 0.94999999999999996, 0.93386407858128706,
        0.89587103272638335, 0.86054297453018025, 0.85007865924910919,
        0.85280583348458161, 0.85922195655203693, 0.86882550990706331,
        0.88086582838174543, 0.89440177619483463, 0.90837531116523673,
        0.9216941869558779
      } },
    { "", 6, OV_ALGO_MOMENTUM, 0.1,
      {
        0.10000000000000001, 0.016666666666666666, 0.030555555555555558,
        0.044444444444444446, 0.058333333333333334, 0.072222222222222229,
        0.086111111111111124, 0.10000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.10000000000000001, 0.10000000000000001,
        0.10000000000000001, 0.10000000000000001
      },
      { 0 } },

};

#define N_CASES (sizeof cases / sizeof cases[0])

static int
same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* Builds the case's schedule; NULL (and a failed check) when refused. */
static ov_schedule *
make(const struct lr_case *c, ov_optim_config *cfg)
{
    ov_schedule_config sc;
    ov_schedule *s = NULL;
    ov_error err;

    memset(&err, 0, sizeof err);
    memset(&sc, 0, sizeof sc);
    ov_optim_config_init(cfg, c->algo);
    cfg->lr = c->lr;
    if (c->schedule[0])
        CHECK_MSG(ov_schedule_parse(&sc, c->schedule, &err) == OV_OK,
                  "%s: %s", c->schedule, err.what);
    sc.warmup = c->warmup;
    CHECK_MSG(ov_schedule_create(&s, &sc, cfg, N_STEPS, &err) == OV_OK,
              "%s: %s", c->schedule, err.what);
    return s;
}

static void
test_against_torch(void)
{
    size_t i;
    int k;

    for (i = 0; i < N_CASES; i++) {
        const struct lr_case *c = &cases[i];
        ov_optim_config cfg;
        ov_schedule *s = make(c, &cfg);
        int lr_bad = 0, m_bad = 0;

        if (!s)
            continue;
        CHECK_MSG(same_bits(ov_schedule_initial_lr(s), c->lrs[0]),
                  "%s warmup %ld: initial lr %.17g, torch %.17g",
                  c->schedule, c->warmup, ov_schedule_initial_lr(s),
                  c->lrs[0]);
        for (k = 0; k < N_STEPS; k++) {
            double m;

            if (!same_bits(ov_schedule_lr(s), c->lrs[k + 1]) && !lr_bad++)
                CHECK_MSG(0, "%s warmup %ld step %d: lr %.17g, torch %.17g",
                          c->schedule, c->warmup, k + 1, ov_schedule_lr(s),
                          c->lrs[k + 1]);
            if (ov_schedule_momentum(s, &m) == OV_MOMENTUM_NONE) {
                CHECK_MSG(c->momentum[k] == 0.0, "%s: momentum not set",
                          c->schedule);
                m = 0.0;
            }
            if (!same_bits(m, c->momentum[k]) && !m_bad++)
                CHECK_MSG(0, "%s warmup %ld step %d: momentum %.17g, torch "
                          "%.17g", c->schedule, c->warmup, k + 1, m,
                          c->momentum[k]);
            ov_schedule_step(s);
        }
        ov_schedule_destroy(s);
    }
}

/* Values anyone can check: StepLR halves every 3 steps, the warm-up
 * climbs by lr/N, cosine reaches eta-min at t-max. */
static void
test_by_hand(void)
{
    ov_optim_config cfg;
    ov_schedule_config sc;
    ov_schedule *s = NULL;
    int k;

    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 1.0;
    CHECK(ov_schedule_parse(&sc, "step:step-size=3:gamma=0.5", NULL)
          == OV_OK);
    sc.warmup = 0;
    CHECK(ov_schedule_create(&s, &sc, &cfg, 10, NULL) == OV_OK);
    for (k = 0; s && k < 10; k++) {
        CHECK_EQ_BITS(ov_schedule_lr(s), ldexp(1.0, -(k / 3)));
        ov_schedule_step(s);
    }
    ov_schedule_destroy(s);

    memset(&sc, 0, sizeof sc);
    sc.warmup = 4;
    CHECK(ov_schedule_create(&s, &sc, &cfg, 10, NULL) == OV_OK);
    CHECK_EQ_BITS(ov_schedule_initial_lr(s), 1.0);
    for (k = 0; s && k < 10; k++) {
        /* LinearLR(1/4, 1, 4): 1/4 + (3/4)(k/4) on step k + 1 */
        CHECK_EQ_BITS(ov_schedule_lr(s), k < 4 ? 0.25 + 0.75 * k / 4 : 1.0);
        ov_schedule_step(s);
    }
    ov_schedule_destroy(s);

    CHECK(ov_schedule_parse(&sc, "cosine:t-max=4:eta-min=0.25", NULL)
          == OV_OK);
    sc.warmup = 0;      /* parse keeps the warm-up */
    CHECK(ov_schedule_create(&s, &sc, &cfg, 10, NULL) == OV_OK);
    for (k = 0; s && k < 4; k++)
        ov_schedule_step(s);
    CHECK_EQ_BITS(ov_schedule_lr(s), 0.25);
    ov_schedule_destroy(s);
}

static void
expect_parse_error(const char *text, ov_status st, const char *what)
{
    ov_schedule_config sc;
    ov_error err;

    memset(&err, 0, sizeof err);
    CHECK_EQ_INT(ov_schedule_parse(&sc, text, &err), st);
    CHECK_MSG(strstr(err.what, what) != NULL, "%s: '%s' lacks '%s'", text,
              err.what, what);
}

static void
expect_refused(const char *text, ov_algo algo, long steps, const char *what)
{
    ov_schedule_config sc;
    ov_optim_config cfg;
    ov_schedule *s = NULL;
    ov_error err;

    memset(&err, 0, sizeof err);
    ov_optim_config_init(&cfg, algo);
    CHECK(ov_schedule_parse(&sc, text, NULL) == OV_OK);
    sc.warmup = 0;
    CHECK_EQ_INT(ov_schedule_create(&s, &sc, &cfg, steps, &err),
                 OV_ERR_INVALID_ARG);
    CHECK(s == NULL);
    CHECK_MSG(strstr(err.what, what) != NULL, "%s: '%s' lacks '%s'", text,
              err.what, what);
}

static void
test_errors(void)
{
    expect_parse_error("bogus", OV_ERR_NOT_FOUND, "'bogus'");
    expect_parse_error("step", OV_ERR_INVALID_ARG, "step-size");
    expect_parse_error("step:step-size=0", OV_ERR_INVALID_ARG, "'0'");
    expect_parse_error("step:step-size=2.5", OV_ERR_INVALID_ARG,
                       "not an integer");
    expect_parse_error("step:step-size=3:t-max=4", OV_ERR_INVALID_ARG,
                       "'t-max'");
    expect_parse_error("cosine:eta-min=x", OV_ERR_INVALID_ARG, "'x'");
    expect_parse_error("multistep:milestones=3,,4", OV_ERR_INVALID_ARG,
                       "milestones");
    expect_parse_error("cyclic:base-lr=0.1", OV_ERR_INVALID_ARG, "max-lr");
    expect_parse_error("cyclic:base-lr=0.1:max-lr=1:mode=sine",
                       OV_ERR_INVALID_ARG, "'sine'");
    expect_parse_error("linear:start-factor=0", OV_ERR_INVALID_ARG, "'0'");
    /* torch: "optimizer must support momentum with `cycle_momentum`" */
    expect_refused("cyclic:base-lr=0.01:max-lr=0.1", OV_ALGO_ADAM, 10,
                   "cycle-momentum=0");
    expect_refused("onecycle:max-lr=0.1", OV_ALGO_ADAGRAD, 10,
                   "cycle-momentum=0");
    expect_refused("onecycle:max-lr=0.1:total-steps=5", OV_ALGO_ADAM, 10,
                   "total-steps 5");
    expect_refused("wsd:warmup-steps=8:decay-steps=5", OV_ALGO_ADAM, 10,
                   "exceed");
}

int
main(void)
{
    test_against_torch();
    test_by_hand();
    test_errors();
    return check_report("schedule");
}
