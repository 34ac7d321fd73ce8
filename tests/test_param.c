/*
 * test_param.c: the optimizer rows and the hyper-parameter table are
 * consistent: every key an optimizer names exists, ranges refuse what
 * validation refuses, configs read and write through the table, and the
 * bash completion offers exactly the table's keys.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"
#include "core/optim_private.h"

static void
test_param_rows(void)
{
    size_t n = ov_param_count(), i, j;

    CHECK(n >= 18);
    CHECK(ov_param_info(n) == NULL);
    for (i = 0; i < n; i++) {
        const ov_param *p = ov_param_info(i);
        char help[256];
        size_t len;

        CHECK(p && p->key && *p->key);
        if (!p)
            continue;
        CHECK_MSG(strspn(p->key, "abcdefghijklmnopqrstuvwxyz0123456789-")
                  == strlen(p->key), "key '%s'", p->key);
        CHECK_EQ_INT(ov_param_find(p->key), (long long)i);
        for (j = 0; j < i; j++)
            CHECK_MSG(strcmp(p->key, ov_param_info(j)->key) != 0,
                      "key '%s' twice", p->key);
        /* A flag takes no value; everything else names it in --help. */
        CHECK_EQ_INT(p->value_name == NULL, p->type == OV_PARAM_FLAG);
        CHECK_EQ_INT(p->invalid == NULL, p->type == OV_PARAM_FLAG);
        CHECK_EQ_INT(p->choices != NULL, p->type == OV_PARAM_ENUM);
        len = ov_param_help(i, help, sizeof help);
        CHECK_MSG(len > 5 && len < sizeof help && !strstr(help, "%A"),
                  "help of %s: '%s'", p->key, help);
    }
    CHECK_EQ_INT(ov_param_find("weight_decay"), ov_param_find("weight-decay"));
    CHECK_EQ_INT(ov_param_find("weight"), -1);
    CHECK_EQ_INT(ov_param_find(NULL), -1);
}

static void
test_help_expansion(void)
{
    char buf[256];
    size_t len, i = (size_t)ov_param_find("beta1");

    len = ov_param_help(i, buf, sizeof buf);
    CHECK(strstr(buf, "adam/adamax") == buf);
    CHECK_EQ_INT(len, strlen(buf));
    /* Truncated as snprintf truncates. */
    CHECK_EQ_INT(ov_param_help(i, buf, 5), len);
    CHECK_EQ_STR(buf, "adam");
}

static void
test_algo_rows(void)
{
    int a, b;

    for (a = 0; a < OV_ALGO_COUNT; a++) {
        const ov__algo_row *r = ov__algo_row_of((ov_algo)a);
        ov_optim_config cfg;
        size_t k, m;

        /* Exactly one step: a coordinate's (step), the whole vector's
         * (step_all), or a closure's that evaluates the loss itself and
         * keeps its state for the whole vector (closure_step: lbfgs). */
        CHECK(r && r->name && r->summary
              && (r->step != NULL) + (r->step_all != NULL)
                     + (r->closure_step != NULL) == 1);
        if (!r || !r->name)
            continue;
        CHECK(r->closure_step ? r->whole_size != NULL && !r->step
                              : r->state_size > 0
                                && r->state_size <= OV__MAX_STATE);
        CHECK((int)r->lr_column >= 0 && r->lr_column < OV__LR_COLUMNS);
        CHECK(r->color <= 0xFFFFFF);
        CHECK_EQ_INT(ov_algo_color((ov_algo)a), r->color);
        /* The key torch checks first and the one all optimizers take
         * (weight-decay and maximize only where torch has them: not
         * NAdam's and RAdam's maximize, not Rprop's weight_decay;
         * LBFGS has neither). */
        CHECK_EQ_STR(r->keys[0], "lr");
        CHECK(ov_algo_takes_param((ov_algo)a, "batch-size"));
        CHECK(r->closure_step
              || ov_algo_takes_param((ov_algo)a, "weight-decay")
              || ov_algo_takes_param((ov_algo)a, "maximize"));
        CHECK(r->keys[OV__MAX_KEYS - 1] == NULL);
        for (k = 0; k < OV__MAX_KEYS && r->keys[k]; k++) {
            CHECK_MSG(ov_param_find(r->keys[k]) >= 0, "%s takes unknown "
                      "key '%s'", r->name, r->keys[k]);
            for (m = 0; m < k; m++)
                CHECK(strcmp(r->keys[m], r->keys[k]) != 0);
        }
        ov_optim_config_init(&cfg, (ov_algo)a);
        CHECK_EQ_INT(cfg.algo, a);
        CHECK_MSG(ov_optim_config_validate(&cfg, NULL) == OV_OK,
                  "%s's defaults", r->name);
        for (b = 0; b < a; b++) {
            const ov__algo_row *o = ov__algo_row_of((ov_algo)b);
            CHECK_MSG(o->color != r->color, "%s and %s share a colour",
                      o->name, r->name);
            CHECK(strcmp(o->name, r->name) != 0);
        }
    }
    CHECK(ov__algo_row_of(OV_ALGO_COUNT) == NULL);
    CHECK(ov__algo_row_of((ov_algo)-1) == NULL);
}

/* A value just outside row @p p's range (NaN for numbers, unless NaN is
 * its "none"). */
static double
outside(const ov_param *p)
{
    if (p->type == OV_PARAM_DOUBLE && !p->none)
        return NAN;
    if (p->type == OV_PARAM_DOUBLE)
        return p->min_open ? p->min : p->min - 1;
    return p->min_open ? p->min : p->min - 1;
}

static void
test_ranges_validate(void)
{
    size_t i;
    int a;

    for (i = 0; i < ov_param_count(); i++) {
        const ov_param *p = ov_param_info(i);

        if (!p->invalid)
            continue;
        CHECK(!ov_param_in_range(i, outside(p)));
        for (a = 0; a < OV_ALGO_COUNT; a++) {
            ov_optim_config cfg;
            ov_error err;

            if (!ov_algo_takes_param((ov_algo)a, p->key))
                continue;
            ov_optim_config_init(&cfg, (ov_algo)a);
            ov_optim_config_set_value(&cfg, i, outside(p));
            memset(&err, 0, sizeof err);
            CHECK_EQ_INT(ov_optim_config_validate(&cfg, &err),
                         OV_ERR_INVALID_ARG);
            CHECK_MSG(strncmp(err.what, p->invalid, strlen(p->invalid)) == 0,
                      "%s %s: '%s'", ov_algo_name((ov_algo)a), p->key,
                      err.what);
        }
    }
    CHECK(ov_param_in_range((size_t)ov_param_find("beta1"), 0.0));
    CHECK(!ov_param_in_range((size_t)ov_param_find("beta1"), 1.0));
    CHECK(ov_param_in_range((size_t)ov_param_find("rho"), 1.0));
    CHECK(!ov_param_in_range((size_t)ov_param_find("lr"), INFINITY));
    CHECK(!ov_param_in_range((size_t)ov_param_find("dampening"), -INFINITY));
    CHECK(ov_param_in_range((size_t)ov_param_find("dampening"), -3.0));
}

static void
expect_set(ov_optim_config *cfg, const char *key, const char *text,
           ov_status want, const char *what)
{
    ov_error err;

    memset(&err, 0, sizeof err);
    CHECK_EQ_INT(ov_optim_config_set(cfg, key, text, &err), want);
    if (what)
        CHECK_EQ_STR(err.what, what);
}

static void
test_config_set(void)
{
    ov_optim_config cfg;
    size_t i;

    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    expect_set(&cfg, "beta1", "0.5", OV_OK, NULL);
    CHECK_EQ_BITS(cfg.beta1, 0.5);
    expect_set(&cfg, "weight_decay", "1e-2", OV_OK, NULL);
    CHECK_EQ_BITS(cfg.weight_decay, 0.01);
    expect_set(&cfg, "amsgrad", "", OV_OK, NULL);
    CHECK_EQ_INT(cfg.amsgrad, 1);
    expect_set(&cfg, "amsgrad", "off", OV_OK, NULL);
    CHECK_EQ_INT(cfg.amsgrad, 0);
    expect_set(&cfg, "amsgrad", "maybe", OV_ERR_INVALID_ARG,
               "'maybe' is not a yes/no value (use 1 or 0)");
    expect_set(&cfg, "nag-form", "sutskever", OV_OK, NULL);
    CHECK_EQ_INT(cfg.nag_form, OV_NAG_SUTSKEVER);
    expect_set(&cfg, "nag-form", "x", OV_ERR_INVALID_ARG,
               "'x' is not torch or sutskever");
    expect_set(&cfg, "batch-size", "32", OV_OK, NULL);
    CHECK_EQ_INT(cfg.batch_size, 32);
    expect_set(&cfg, "batch-size", "1.5", OV_ERR_INVALID_ARG,
               "'1.5' is not an integer");
    expect_set(&cfg, "lr", "abc", OV_ERR_INVALID_ARG,
               "'abc' is not a number");
    expect_set(&cfg, "lr", " 1", OV_ERR_INVALID_ARG, "' 1' is not a number");
    expect_set(&cfg, "lr", "", OV_ERR_INVALID_ARG, "'' is not a number");
    expect_set(&cfg, "lr", "inf", OV_ERR_INVALID_ARG,
               "'inf' is not a finite number");
    expect_set(&cfg, "gamma", "1", OV_ERR_NOT_FOUND, "unknown key 'gamma'");
    CHECK_EQ_BITS(cfg.lr, 1e-3);

    /* Every key reads back what was stored. */
    for (i = 0; i < ov_param_count(); i++) {
        double v = ov_param_info(i)->type == OV_PARAM_DOUBLE ? 0.25 : 1.0;

        ov_optim_config_set_value(&cfg, i, v);
        CHECK_EQ_BITS(ov_optim_config_get(&cfg, i), v);
    }
    CHECK(isnan(ov_optim_config_get(&cfg, ov_param_count())));
}

/* completions/optviz.bash lists the keys of --algo items in a regular
 * expression; it must name the table's keys, in its order. */
static void
test_completion_keys(void)
{
    char path[512], line[4096], want[1024] = "";
    const char *start = "$1 ~ /^(";
    FILE *f;
    char *p = NULL, *end;
    size_t i;

    for (i = 0; i < ov_param_count(); i++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
                 i ? "|" : "", ov_param_info(i)->key);
    snprintf(path, sizeof path, "%s/../../completions/optviz.bash",
             OV_TEST_DATA);
    f = fopen(path, "r");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    if (!f)
        return;
    while (!p && fgets(line, sizeof line, f))
        p = strstr(line, start);
    fclose(f);
    CHECK_MSG(p != NULL, "no key list in %s", path);
    if (!p)
        return;
    p += strlen(start);
    end = strstr(p, ")$/");
    CHECK(end != NULL);
    if (end)
        *end = '\0';
    CHECK_EQ_STR(p, want);
}

int
main(void)
{
    test_param_rows();
    test_help_expansion();
    test_algo_rows();
    test_ranges_validate();
    test_config_set();
    test_completion_keys();
    return check_report("param");
}
