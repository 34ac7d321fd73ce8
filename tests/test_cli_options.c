/*
 * test_cli_options.c: the tool's option parser, --algo items, config
 * building (lr resolution, overrides, torch's checks), labels, command-line
 * quoting and suggestions, driven without running the tool.
 */
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "check.h"
#include "cli/cli_private.h"

static char msg[OV_CLI_MSG_SIZE];

/* Parses a NULL-terminated list of arguments (argv[0] is added). */
static int
parse(ov__cli_opts *o, const char *const *args)
{
    char *argv[64];
    int argc = 0;

    argv[argc++] = "optviz";
    while (*args && argc < 63)
        argv[argc++] = (char *)*args++;
    argv[argc] = NULL;
    ov__cli_opts_init(o);
    return ov__cli_parse(o, argc, argv, msg, sizeof msg);
}

#define PARSE(o, ...) parse(o, (const char *const[]){ __VA_ARGS__, NULL })

static void
test_basic(void)
{
    ov__cli_opts o;

    CHECK_EQ_INT(PARSE(&o, "--loss", "rosenbrock", "--steps=250", "-q",
                       "--seed", "18446744073709551615", "--start", "-1.5,2",
                       "--no-shuffle", "--size", "640x480", "--xlim=-3:3",
                       "--levels", "12", "--fps", "25", "--no-legend"),
                 OV_EXIT_OK);
    CHECK_EQ_STR(o.loss_name, "rosenbrock");
    CHECK_EQ_INT(o.steps, 250);
    CHECK_EQ_INT(o.quiet, 1);
    CHECK(o.seed == UINT64_MAX);
    CHECK_EQ_INT(o.n_start, 2);
    CHECK_EQ_BITS(o.start[0], -1.5);
    CHECK_EQ_BITS(o.start[1], 2.0);
    CHECK_EQ_INT(o.shuffle, 0);
    CHECK_EQ_INT(o.spec.width, 640);
    CHECK_EQ_INT(o.spec.height, 480);
    CHECK_EQ_INT(o.spec.has_xlim, 1);
    CHECK_EQ_BITS(o.spec.xlim[0], -3.0);
    CHECK_EQ_BITS(o.spec.xlim[1], 3.0);
    CHECK_EQ_INT(o.spec.levels, 12);
    CHECK_EQ_BITS(o.spec.fps, 25.0);
    CHECK_EQ_INT(o.spec.legend, 0);
    CHECK_EQ_INT(o.spec.colorbar, 1);
    CHECK_EQ_STR(o.command_line, "optviz --loss rosenbrock --steps=250 -q "
                 "--seed 18446744073709551615 --start -1.5,2 --no-shuffle "
                 "--size 640x480 --xlim=-3:3 --levels 12 --fps 25 "
                 "--no-legend # optviz " OV_VERSION_STRING);
    ov__cli_opts_free(&o);

    /* Defaults survive a parse without options. */
    CHECK_EQ_INT(PARSE(&o, "-q"), OV_EXIT_OK);
    CHECK_EQ_INT(o.steps, -1);
    CHECK_EQ_INT(o.shuffle, 1);
    CHECK_EQ_INT(o.spec.width, 800);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_OK);
    CHECK_EQ_STR(o.loss_name, "ols");
    CHECK_EQ_INT(o.n_algos, 4);
    CHECK_EQ_INT(o.algos[0].algo, OV_ALGO_GD);
    CHECK_EQ_INT(o.algos[1].algo, OV_ALGO_MOMENTUM);
    CHECK_EQ_INT(o.algos[2].algo, OV_ALGO_RMSPROP);
    CHECK_EQ_INT(o.algos[3].algo, OV_ALGO_ADAM);
    CHECK(o.spec.command_line == o.command_line);
    ov__cli_opts_free(&o);

    /* Actions stop the parse: later junk is not looked at. */
    CHECK_EQ_INT(PARSE(&o, "--steps", "5", "--help", "--bogus"), OV_EXIT_OK);
    CHECK_EQ_INT(o.action, OV__CLI_HELP);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-V"), OV_EXIT_OK);
    CHECK_EQ_INT(o.action, OV__CLI_VERSION);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--list", "algos"), OV_EXIT_OK);
    CHECK_EQ_INT(o.action, OV__CLI_LIST);
    CHECK_EQ_STR(o.list_what, "algos");
    ov__cli_opts_free(&o);
}

/* Options whose value the library must know is the user's: the flag goes
 * up with the value, and only for the option given. */
static void
test_given_flags(void)
{
    ov__cli_opts o;

    CHECK_EQ_INT(PARSE(&o, "--ylim", "-0.5:4", "--elev=-90", "--fps", "12"),
                 OV_EXIT_OK);
    CHECK_EQ_INT(o.spec.has_ylim, 1);
    CHECK_EQ_BITS(o.spec.ylim[0], -0.5);
    CHECK_EQ_BITS(o.spec.ylim[1], 4.0);
    CHECK_EQ_INT(o.spec.has_xlim, 0);
    CHECK_EQ_INT(o.spec.has_elev, 1);
    CHECK_EQ_BITS(o.spec.elev, -90.0);
    CHECK_EQ_INT(o.spec.has_azim, 0);
    ov__cli_opts_free(&o);

    CHECK_EQ_INT(PARSE(&o, "--azim", "-720", "--xlim", "1:2"), OV_EXIT_OK);
    CHECK_EQ_INT(o.spec.has_azim, 1);
    CHECK_EQ_BITS(o.spec.azim, -720.0);
    CHECK_EQ_INT(o.spec.has_elev, 0);
    CHECK_EQ_INT(o.spec.has_xlim, 1);
    CHECK_EQ_INT(o.spec.has_ylim, 0);
    ov__cli_opts_free(&o);

    /* A rejected value leaves the flag down. */
    CHECK_EQ_INT(PARSE(&o, "--elev", "91"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "--elev: '91' is too large (at most 90)") != NULL);
    CHECK_EQ_INT(o.spec.has_elev, 0);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--xlim", "2:2"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "--xlim: '2:2': MIN must be less than MAX") != NULL);
    CHECK_EQ_INT(o.spec.has_xlim, 0);
    ov__cli_opts_free(&o);
}

/* The row of @p key in the library's hyper-parameter table. */
static size_t
P(const char *key)
{
    int p = ov_param_find(key);

    CHECK_MSG(p >= 0, "no hyper-parameter '%s'", key);
    /* The tool holds every row of the table. */
    CHECK(ov__cli_param_count() == ov_param_count());
    return p >= 0 ? (size_t)p : 0;
}

static void
test_algo_items(void)
{
    ov__cli_opts o;

    CHECK_EQ_INT(PARSE(&o, "--algo", "gd:lr=0.3,adam:beta1=0.8:amsgrad",
                       "-a", "rmsprop:label=my rms:color=#00ff80",
                       "-anag:nag-form=sutskever"),
                 OV_EXIT_OK);
    CHECK_EQ_INT(o.n_algos, 4);
    CHECK_EQ_INT(o.algos[0].algo, OV_ALGO_GD);
    CHECK_EQ_INT(o.algos[0].params.given[P("lr")], 1);
    CHECK_EQ_BITS(o.algos[0].params.value[P("lr")], 0.3);
    CHECK_EQ_INT(o.algos[1].algo, OV_ALGO_ADAM);
    CHECK_EQ_BITS(o.algos[1].params.value[P("beta1")], 0.8);
    CHECK_EQ_INT(o.algos[1].params.given[P("amsgrad")], 1);
    CHECK_EQ_BITS(o.algos[1].params.value[P("amsgrad")], 1.0);
    CHECK_EQ_INT(o.algos[1].params.given[P("lr")], 0);
    CHECK_EQ_INT(o.algos[2].has_label, 1);
    CHECK_EQ_STR(o.algos[2].label, "my rms");
    CHECK_EQ_INT(o.algos[2].has_color, 1);
    CHECK_EQ_INT(o.algos[2].color, 0x00ff80);
    CHECK_EQ_BITS(o.algos[3].params.value[P("nag-form")],
                  (double)OV_NAG_SUTSKEVER);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_OK);
    CHECK_EQ_INT(o.spec.has_color[2], 1);
    CHECK_EQ_INT(o.spec.color[2], 0x00ff80);
    CHECK_EQ_INT(o.spec.has_color[0], 0);
    ov__cli_opts_free(&o);

    /* Colour names are matplotlib's (CSS4 and tab:*), any case: blue is
     * #0000ff (it was tab10's #1f77b4), values from the CSS Color 4
     * table and matplotlib's tab10. */
    CHECK_EQ_INT(PARSE(&o, "-a", "gd:color=blue,gd:color=DarkOrange",
                       "-a", "gd:color=tab:blue,gd:color=rebeccapurple",
                       "-a", "gd:color=grey,gd:color=TAB:CYAN"),
                 OV_EXIT_OK);
    static const uint32_t want[6] = { 0x0000ff, 0xff8c00, 0x1f77b4,
                                      0x663399, 0x808080, 0x17becf };
    CHECK_EQ_INT(o.n_algos, 6);
    for (int i = 0; i < 6 && i < (int)o.n_algos; i++)
        CHECK_EQ_INT(o.algos[i].color, want[i]);
    ov__cli_opts_free(&o);
    /* style=points: markers without joining lines, per item. */
    CHECK_EQ_INT(PARSE(&o, "-a", "gd:style=points,adam,gd:style=lines"),
                 OV_EXIT_OK);
    CHECK_EQ_INT(o.algos[0].points_only, 1);
    CHECK_EQ_INT(o.algos[1].points_only, 0);
    CHECK_EQ_INT(o.algos[2].points_only, 0);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_OK);
    CHECK_EQ_INT(o.spec.points_only[0], 1);
    CHECK_EQ_INT(o.spec.points_only[1], 0);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "gd:style=dots"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "'dots' is not a path style") != NULL);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "gd:stlye=points"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "did you mean 'style'?") != NULL);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "gd:color=bleu"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "unknown colour 'bleu'") != NULL);
    ov__cli_opts_free(&o);

    CHECK_EQ_INT(PARSE(&o, "-a", "adam:momentum=0.9"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "adam does not take 'momentum'") != NULL);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "adamm"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "did you mean 'adam'?") != NULL);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "adam:beta=0.5"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "unknown key 'beta'") != NULL);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "adam:lr"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "expected lr=VALUE") != NULL);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "adam:amsgrad=maybe"), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "nag:nag-form=paper"), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);

    /* "none" where the table allows it; the show key of Schedule-Free. */
    CHECK_EQ_INT(PARSE(&o, "-a", "prodigy:beta3=none:d0=1e-4",
                       "-a", "ademamix:t-alpha-beta3=none",
                       "-a", "sf-adamw:show=z"), OV_EXIT_OK);
    CHECK(isnan(o.algos[0].params.value[P("beta3")]));
    CHECK_EQ_BITS(o.algos[0].params.value[P("d0")], 1e-4);
    CHECK(isnan(o.algos[1].params.value[P("t-alpha-beta3")]));
    CHECK_EQ_BITS(o.algos[2].params.value[P("show")], (double)OV_SF_SHOW_Z);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "adam:beta3=0.5"), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "sf-sgd:show=w"), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "prodigy:d0=none"), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);
}

static void
test_numbers(void)
{
    static const char *const bad[] = {
        "", "x", "1x", " 1", "1 ", "nan", "-inf", "1e400", "0x", "--1",
        /* issue 13: underflow is not 0, and numbers are decimal only */
        "1e-400", "-1e-999", "0x10", "0x1p3", "infinity", "+NaN", "1e",
        "1e+", ".", "1..2", "١"
    };
    /* One reader for every number: each option, an --algo key, a
     * --schedule key, refuses hexadecimal and underflow alike. */
    static const char *const each[][2] = {
        { "--steps", "0x10" }, { "--steps", "1e-400" },
        { "--levels", "0x10" }, { "--fps", "1e-400" }, { "--fps", "0x1" },
        { "--size", "0x100x100" }, { "--size", "100x0x100" },
        { "--xlim", "0x1:2" }, { "--xlim", "1e-400:2" },
        { "--start", "0x1,2" }, { "--start", "1,1e-999" },
        { "--noise-std", "0x1" }, { "--seed", "0x10" },
        { "--tune", "lr=0x1:1:3" }, { "--tune", "lr=1e-400:1:3" },
        { "--tune", "lr=1e-3:1:0x3" }, { "-a", "adam:lr=0x1" },
        { "-a", "adam:lr=1e-400" }, { "--schedule", "step:gamma=0x1" },
        { "--schedule", "step:gamma=1e-400" },
        { "--schedule", "step:step-size=0x10" },
        { "--clip-grad-norm", "0x1" }, { "--momentum", "1e-400" },
        { "--hold", "0x1" }, { "--elev", "1e-999" }, { "--frames", "0x10" },
    };
    ov__cli_opts o;
    size_t i;

    for (i = 0; i < sizeof each / sizeof each[0]; i++) {
        CHECK_MSG(PARSE(&o, each[i][0], each[i][1]) == OV_EXIT_USAGE,
                  "%s %s", each[i][0], each[i][1]);
        ov__cli_opts_free(&o);
    }
    CHECK_EQ_INT(PARSE(&o, "--lr", "1e-400"), OV_EXIT_USAGE);
    CHECK_MSG(strstr(msg, "underflows") != NULL, "%s", msg);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--lr", "0x10"), OV_EXIT_USAGE);
    CHECK_MSG(strstr(msg, "decimal") != NULL, "%s", msg);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--lr", "-.5e+1"), OV_EXIT_OK);
    CHECK_EQ_BITS(o.global.value[P("lr")], -5.0);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--lr", "0e-999"), OV_EXIT_OK);   /* zero */
    ov__cli_opts_free(&o);

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_MSG(PARSE(&o, "--lr", bad[i]) == OV_EXIT_USAGE, "'%s'", bad[i]);
        CHECK(strncmp(msg, "--lr: ", 6) == 0);
        ov__cli_opts_free(&o);
    }
    /* Integers may be written as exact floating-point numbers. */
    CHECK_EQ_INT(PARSE(&o, "--steps", "1e6"), OV_EXIT_OK);
    CHECK_EQ_INT(o.steps, 1000000);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--steps", "1000001"), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--steps", "1.5"), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--steps", "9223372036854775808"), OV_EXIT_USAGE);
    CHECK(strstr(msg, "too large") != NULL);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--lr", "1e-320"), OV_EXIT_OK);  /* subnormal */
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--size", "4097x4097"), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--size", "4096x4096"), OV_EXIT_OK);
    ov__cli_opts_free(&o);
}

static void
test_configs(void)
{
    ov_optim_config cfgs[OV_MAX_SERIES];
    char labels[OV_MAX_SERIES][64];
    ov__cli_opts o;
    ov_loss *loss = NULL;

    CHECK_EQ_INT(ov_loss_create(&loss, "quadratic", NULL, OV_REDUCTION_MEAN,
                                NULL), OV_OK);
    if (!loss)
        return;

    /* No lr anywhere: the loss's recommendation. */
    CHECK_EQ_INT(PARSE(&o, "-a", "gd,adam", "--momentum", "0.5"), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_build_configs(&o, loss, cfgs, labels, msg,
                                       sizeof msg), OV_EXIT_OK);
    CHECK_EQ_BITS(cfgs[0].lr, ov_loss_recommended_lr(loss, OV_ALGO_GD));
    CHECK_EQ_BITS(cfgs[1].lr, ov_loss_recommended_lr(loss, OV_ALGO_ADAM));
    /* --momentum goes to gd (sgd family) but not to adam. */
    CHECK_EQ_BITS(cfgs[0].momentum, 0.5);
    CHECK_EQ_BITS(cfgs[1].beta1, 0.9);
    CHECK_EQ_STR(labels[0], "gd");
    CHECK_EQ_STR(labels[1], "adam");
    ov__cli_opts_free(&o);

    /* Global flags apply; item keys override them. */
    CHECK_EQ_INT(PARSE(&o, "--lr", "0.05", "--eps", "1e-6", "-a",
                       "gd:lr=0.25,adam:eps=1e-3,adagrad"), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_build_configs(&o, loss, cfgs, labels, msg,
                                       sizeof msg), OV_EXIT_OK);
    CHECK_EQ_BITS(cfgs[0].lr, 0.25);
    CHECK_EQ_BITS(cfgs[1].lr, 0.05);
    CHECK_EQ_BITS(cfgs[1].eps, 1e-3);
    CHECK_EQ_BITS(cfgs[2].lr, 0.05);
    CHECK_EQ_BITS(cfgs[2].eps, 1e-6);
    CHECK_EQ_BITS(cfgs[0].eps, 1e-8);   /* gd takes no eps: untouched */
    ov__cli_opts_free(&o);

    /* Labels: an lr sweep is labelled by lr, plain repeats by number. */
    CHECK_EQ_INT(PARSE(&o, "-a", "gd:lr=0.1,gd:lr=0.2,adam,adam,adam:label=x,"
                       "adam:label=adam-2"), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_build_configs(&o, loss, cfgs, labels, msg,
                                       sizeof msg), OV_EXIT_OK);
    CHECK_EQ_STR(labels[0], "gd lr=0.1");
    CHECK_EQ_STR(labels[1], "gd lr=0.2");
    CHECK_EQ_STR(labels[2], "adam");
    CHECK_EQ_STR(labels[3], "adam-3");   /* adam-2 is taken explicitly */
    CHECK_EQ_STR(labels[4], "x");
    CHECK_EQ_STR(labels[5], "adam-2");
    ov__cli_opts_free(&o);

    /* Torch's checks, reported against the option that caused them. */
    CHECK_EQ_INT(PARSE(&o, "-a", "gd,adam", "--beta2", "1"), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_build_configs(&o, loss, cfgs, labels, msg,
                                       sizeof msg), OV_EXIT_USAGE);
    CHECK_EQ_STR(msg, "--beta2 '1' (for adam): Invalid beta parameter at "
                 "index 1: 1");
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-a", "momentum:nesterov:dampening=0.1"),
                 OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_build_configs(&o, loss, cfgs, labels, msg,
                                       sizeof msg), OV_EXIT_USAGE);
    CHECK_EQ_STR(msg, "--algo 'momentum:nesterov:dampening=0.1': Nesterov "
                 "momentum requires a momentum and zero dampening");
    ov__cli_opts_free(&o);

    ov_loss_destroy(loss);
}

static void
test_finalize(void)
{
    ov__cli_opts o;

    CHECK_EQ_INT(ov__cli_unknown_loss("rosenbrok", msg, sizeof msg),
                 OV_EXIT_USAGE);
    CHECK_EQ_STR(msg, "--loss: unknown loss 'rosenbrok' (did you mean "
                 "'rosenbrock'?)");
    ov__cli_unknown_loss("zzzzzzzz", msg, sizeof msg);
    CHECK_EQ_STR(msg, "--loss: unknown loss 'zzzzzzzz'; see optviz --list "
                 "losses");
    CHECK_EQ_INT(PARSE(&o, "-o", "a.jpeg"), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "-o", "same.csv", "--trajectory", "same.csv"),
                 OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_USAGE);
    ov__cli_opts_free(&o);
    CHECK_EQ_INT(PARSE(&o, "--colormap", "magma", "-o", "A.SVG"), OV_EXIT_OK);
    CHECK_EQ_INT(ov__cli_finalize(&o, msg, sizeof msg), OV_EXIT_OK);
    ov__cli_opts_free(&o);
}

static void
test_quote(void)
{
    char *argv[] = { "/usr/bin/optviz", "--title", "it's a test", "-a",
                     "gd:lr=0.1", "", "a$b", NULL };
    char *s = ov__cli_quote_command(7, argv);

    CHECK_EQ_STR(s, "optviz --title 'it'\\''s a test' -a gd:lr=0.1 '' 'a$b'");
    free(s);
}

static void
test_suggest(void)
{
    ov__suggest s;

    CHECK_EQ_INT(ov__edit_distance("adam", "adam"), 0);
    CHECK_EQ_INT(ov__edit_distance("adma", "adam"), 1);
    CHECK_EQ_INT(ov__edit_distance("ADAM", "adam"), 0);
    CHECK_EQ_INT(ov__edit_distance("", "gd"), 2);
    CHECK_EQ_INT(ov__edit_distance("kitten", "sitting"), 3);

    ov__suggest_init(&s, "rms");
    ov__suggest_add(&s, "gd");
    ov__suggest_add(&s, "rmsprop");
    CHECK_EQ_STR(ov__suggest_result(&s), "rmsprop");
    ov__suggest_init(&s, "xyz");
    ov__suggest_add(&s, "ols");
    CHECK(ov__suggest_result(&s) == NULL);
    ov__suggest_init(&s, "adam");
    ov__suggest_add(&s, "adam");
    CHECK(ov__suggest_result(&s) == NULL);
}

int
main(void)
{
    test_basic();
    test_given_flags();
    test_algo_items();
    test_numbers();
    test_configs();
    test_finalize();
    test_quote();
    test_suggest();
    return check_report("cli_options");
}
