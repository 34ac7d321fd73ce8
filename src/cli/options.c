/*
 * options.c: the option table, and parsing driven by it.
 *
 * One table (style.md rules 27-31) lists every option with its long and
 * short name, value type, target, value name and help; --help is printed
 * from it and the parser does nothing an entry does not say.  Hyper-
 * parameters are T_PARAM entries: as flags they go to every optimizer that
 * takes them, and their long names are the keys of --algo items, so the two
 * spellings cannot drift apart.
 *
 * Numbers are validated fully: no empty value, no junk after the number, no
 * NaN or infinity, no overflow, and each option's range.  Limits on counts
 * and sizes are checked here, so an absurd request fails at once instead of
 * allocating or looping for a long time.
 */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "colornames.h"
#include "cli_private.h"

typedef enum opt_type {
    T_HEADING,  /* not an option: a section title in --help */
    T_FLAG,     /* int target = 1 */
    T_UNFLAG,   /* int target = 0 */
    T_INT,      /* int target, integer in [min, max] */
    T_LONG,     /* long target, integer in [min, max] */
    T_DOUBLE,   /* double target, finite, in [min, max] */
    T_RANGE,    /* double[2] target, MIN:MAX with MIN < MAX */
    T_STRING,   /* const char * target (argv is never freed) */
    T_CHOICE,   /* int target, one of choices */
    T_PARAMS,   /* not an option: the library's hyper-parameters of one
                 * group go here, in its order */
    T_PARAM,    /* hyper-parameter into o->global (made by find_long) */
    T_CUSTOM    /* handler */
} opt_type;

typedef struct choice {
    const char *name;
    int value;
} choice;

typedef int (*opt_handler)(ov__cli_opts *o, const char *opt,
                           const char *value, char *msg, size_t msgsize);

typedef struct option {
    const char *long_name;
    char short_name;          /* 0: none */
    opt_type type;
    size_t offset;            /* target within ov__cli_opts */
    const char *value_name;   /* NULL: the option takes no value */
    const char *help;
    double min, max;          /* T_INT, T_LONG, T_DOUBLE */
    const choice *choices;    /* T_CHOICE, NULL-terminated */
    opt_handler handler;      /* T_CUSTOM */
    int param;                /* T_PARAMS: an ov_param_group;
                               * T_PARAM: a row of the library's table */
    size_t given;             /* T_DOUBLE, T_RANGE: offset of an int set to
                               * 1 when the option is given, which tells
                               * the library "the user's, not the loss's";
                               * 0: none (offset 0 is o->action) */
} option;

#define OFF(field) offsetof(ov__cli_opts, field)
#define SPEC(field) \
    (offsetof(ov__cli_opts, spec) + offsetof(ov_figure_spec, field))

/* ---- messages ------------------------------------------------------------ */

static int
usage(char *msg, size_t msgsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
usage(char *msg, size_t msgsize, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, msgsize, fmt, ap);
    va_end(ap);
    return OV_EXIT_USAGE;
}

/* Is @p s well-formed UTF-8 (no overlong forms, surrogates or code points
 * past U+10FFFF)?  Text drawn on a figure must be: cairo would otherwise
 * fail, after the optimizers ran. */
static int
valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        unsigned long c;
        int n, k;

        if (*p < 0x80) {
            p++;
            continue;
        }
        if (*p >= 0xC2 && *p <= 0xDF)
            n = 1, c = *p & 0x1Fu;
        else if (*p >= 0xE0 && *p <= 0xEF)
            n = 2, c = *p & 0x0Fu;
        else if (*p >= 0xF0 && *p <= 0xF4)
            n = 3, c = *p & 0x07u;
        else
            return 0;
        for (k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return 0;
            c = c << 6 | (p[k] & 0x3Fu);
        }
        if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000)
            || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
            return 0;
        p += n + 1;
    }
    return 1;
}

/* One setting of a command line (note_setting, ov__cli_settings). */
typedef struct ov__setting {
    char key[48];
    char *text;
    int order;
} ov__setting;

/* ---- numbers ------------------------------------------------------------- */

typedef enum num_err {
    NUM_OK,
    NUM_EMPTY,
    NUM_JUNK,
    NUM_NONFINITE,
    NUM_RANGE,
    NUM_UNDERFLOW,
    NUM_NOT_INT
} num_err;

/* Every number typed goes through the library's reader (decimal only;
 * overflow and underflow refused), as the library's own keys do. */
static num_err
parse_double(const char *s, double *out)
{
    switch (ov_number_parse(s, out)) {
    case OV_NUMBER_OK:
        return NUM_OK;
    case OV_NUMBER_EMPTY:
        return NUM_EMPTY;
    case OV_NUMBER_NONFINITE:
        return NUM_NONFINITE;
    case OV_NUMBER_OVERFLOW:
        return NUM_RANGE;
    case OV_NUMBER_UNDERFLOW:
        return NUM_UNDERFLOW;
    case OV_NUMBER_JUNK:
        break;
    }
    return NUM_JUNK;
}

/* "1e6" is a fine way to write a million steps. */
static num_err
parse_integral_double(const char *s, long *out)
{
    double d;
    num_err e = parse_double(s, &d);

    if (e != NUM_OK)
        return e;
    if (d != floor(d))
        return NUM_NOT_INT;
    if (!(d >= -9.2e18 && d <= 9.2e18))
        return NUM_RANGE;
    *out = (long)d;
    return NUM_OK;
}

/* An integer: through parse_double like every number, then, when written
 * as plain digits, by strtol (exact beyond 2^53). */
static num_err
parse_long(const char *s, long *out)
{
    const char *p = s;
    char *end;
    long v;

    if (*p == '-' || *p == '+')
        p++;
    if (!*p || p[strspn(p, "0123456789")] != '\0')
        return parse_integral_double(s, out);
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno == ERANGE)
        return NUM_RANGE;
    *out = v;
    return NUM_OK;
}

static int
num_message(num_err e, const char *opt, const char *value, char *msg,
            size_t msgsize)
{
    switch (e) {
    case NUM_EMPTY:
        return usage(msg, msgsize, "%s: empty value, expected a number", opt);
    case NUM_JUNK:
        return usage(msg, msgsize, "%s: '%s' is not a number (decimal "
                     "only)", opt, value);
    case NUM_NONFINITE:
        return usage(msg, msgsize, "%s: '%s' is not a finite number", opt,
                     value);
    case NUM_RANGE:
        return usage(msg, msgsize, "%s: '%s' is out of range", opt, value);
    case NUM_UNDERFLOW:
        return usage(msg, msgsize, "%s: '%s' is out of range (it underflows "
                     "to 0; write 0 for zero)", opt, value);
    case NUM_NOT_INT:
        return usage(msg, msgsize, "%s: '%s' is not an integer", opt, value);
    case NUM_OK:
        break;
    }
    return OV_EXIT_OK;
}

/* Prints a limit without a spurious ".000000" or exponent for integers. */
static void
fmt_limit(char *buf, size_t size, double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%g", v);
}

static int
range_message(const char *opt, const char *value, double v, double min,
              double max, char *msg, size_t msgsize)
{
    char lim[40];

    if (v < min) {
        fmt_limit(lim, sizeof lim, min);
        if (min == 0)
            return usage(msg, msgsize, "%s: '%s' must not be negative", opt,
                         value);
        return usage(msg, msgsize, "%s: '%s' is too small (at least %s)", opt,
                     value, lim);
    }
    fmt_limit(lim, sizeof lim, max);
    return usage(msg, msgsize, "%s: '%s' is too large (at most %s)", opt,
                 value, lim);
}

static int
get_long(const char *opt, const char *value, double min, double max,
         long *out, char *msg, size_t msgsize)
{
    num_err e = parse_long(value, out);

    if (e == NUM_RANGE)
        return range_message(opt, value, value[0] == '-' ? -INFINITY
                             : INFINITY, min, max, msg, msgsize);
    if (e != NUM_OK)
        return num_message(e, opt, value, msg, msgsize);
    if ((double)*out < min || (double)*out > max)
        return range_message(opt, value, (double)*out, min, max, msg,
                             msgsize);
    return OV_EXIT_OK;
}

static int
get_double(const char *opt, const char *value, double min, double max,
           double *out, char *msg, size_t msgsize)
{
    num_err e = parse_double(value, out);

    if (e != NUM_OK)
        return num_message(e, opt, value, msg, msgsize);
    if (*out < min || *out > max)
        return range_message(opt, value, *out, min, max, msg, msgsize);
    return OV_EXIT_OK;
}

/* ---- hyper-parameters ---------------------------------------------------- */

size_t
ov__cli_param_count(void)
{
    size_t n = ov_param_count();

    return n < OV__CLI_MAX_PARAMS ? n : OV__CLI_MAX_PARAMS;
}

static const char *
param_key(size_t p)
{
    return ov_param_info(p)->key;
}

static ov_param_type
param_type(size_t p)
{
    return ov_param_info(p)->type;
}

/* Parses the value of hyper-parameter @p p; @p what names it in messages. */
static int
parse_param_value(size_t p, const char *what, const char *text,
                  double *out, char *msg, size_t msgsize)
{
    const ov_param *info = ov_param_info(p);
    ov_error err;
    long n;
    int rc;

    /* "none" where the table allows it (prodigy's beta3, a warm-up). */
    if (info->none && strcmp(text, "none") == 0) {
        (void)ov_param_parse(p, text, out, NULL);
        return OV_EXIT_OK;
    }
    switch (info->type) {
    case OV_PARAM_FLAG:
    case OV_PARAM_ENUM:
        if (ov_param_parse(p, text, out, &err) != OV_OK)
            return usage(msg, msgsize, "%s: %s", what, err.what);
        return OV_EXIT_OK;
    case OV_PARAM_LONG:
        rc = get_long(what, text, info->min, (double)LONG_MAX, &n, msg,
                      msgsize);
        if (rc == OV_EXIT_OK)
            *out = (double)n;
        return rc;
    case OV_PARAM_DOUBLE:
        /* The range is torch's business: ov_optim_config_validate. */
        return get_double(what, text, -DBL_MAX, DBL_MAX, out, msg, msgsize);
    }
    return OV_EXIT_OK;
}

static void
set_param(ov__param_set *ps, size_t p, double v, const char *text)
{
    ps->given[p] = 1;
    ps->value[p] = v;
    snprintf(ps->text[p], sizeof ps->text[p], "%s", text);
}

/* ---- colours ------------------------------------------------------------- */

static int
parse_color(const char *what, const char *text, uint32_t *out, char *msg,
            size_t msgsize)
{
    ov__suggest s;
    size_t i;

    if (text[0] == '#') {
        if (strlen(text) != 7
            || strspn(text + 1, "0123456789abcdefABCDEF") != 6)
            goto bad_hex;
        *out = (uint32_t)strtoul(text + 1, NULL, 16);
        return OV_EXIT_OK;
    }
    if (ov__color_name(text, out))
        return OV_EXIT_OK;
    ov__suggest_init(&s, text);
    const char *names[200];
    size_t nn = ov__color_names(names, sizeof names / sizeof names[0]);
    for (i = 0; i < nn; i++)
        ov__suggest_add(&s, names[i]);
    usage(msg, msgsize, "%s: unknown colour '%s'; use #rrggbb or one of "
          "matplotlib's named colours (the CSS4 names such as blue, red, "
          "darkorange, and tab:blue ... tab:cyan)", what, text);
    ov__suggest_append(&s, msg, msgsize);
    return OV_EXIT_USAGE;
bad_hex:
    return usage(msg, msgsize, "%s: '%s' is not a colour of the form #rrggbb",
                 what, text);
}

/* ---- --algo -------------------------------------------------------------- */

static int
unknown_algo(const char *name, const char *item, char *msg, size_t msgsize)
{
    ov__suggest s;
    int i;

    ov__suggest_init(&s, name);
    for (i = 0; i < OV_ALGO_COUNT; i++)
        ov__suggest_add(&s, ov_algo_name((ov_algo)i));
    if (!*name)
        usage(msg, msgsize, "--algo: '%s' has no algorithm name", item);
    else
        usage(msg, msgsize, "--algo: unknown algorithm '%s'", name);
    ov__suggest_append(&s, msg, msgsize);
    return OV_EXIT_USAGE;
}

static int
parse_algo_key(ov__cli_algo *a, const char *key_in, const char *value,
               int has_value, char *msg, size_t msgsize)
{
    char key[64], what[256];
    ov__suggest s;
    double v;
    size_t i;
    int p, rc;

    snprintf(key, sizeof key, "%s", key_in);
    /* Accept torch's spelling (weight_decay) as well as ours. */
    for (i = 0; key[i]; i++)
        if (key[i] == '_')
            key[i] = '-';
    snprintf(what, sizeof what, "--algo '%s': %s", a->item, key);
    if (strcmp(key, "label") == 0) {
        if (!has_value || !*value)
            return usage(msg, msgsize, "%s: empty label", what);
        if (strlen(value) >= sizeof a->label)
            return usage(msg, msgsize, "%s: label longer than %zu characters",
                         what, sizeof a->label - 1);
        for (i = 0; value[i]; i++)
            if (iscntrl((unsigned char)value[i]))
                return usage(msg, msgsize, "%s: control character in label",
                             what);
        if (!valid_utf8(value))
            return usage(msg, msgsize, "--algo: invalid UTF-8 in label=");
        a->has_label = 1;
        snprintf(a->label, sizeof a->label, "%s", value);
        return OV_EXIT_OK;
    }
    if (strcmp(key, "color") == 0 || strcmp(key, "colour") == 0) {
        if (!has_value)
            return usage(msg, msgsize, "%s: expected color=#rrggbb", what);
        rc = parse_color(what, value, &a->color, msg, msgsize);
        if (rc == OV_EXIT_OK)
            a->has_color = 1;
        return rc;
    }
    if (strcmp(key, "style") == 0) {
        if (has_value && strcmp(value, "points") == 0)
            a->points_only = 1;
        else if (has_value && strcmp(value, "lines") == 0)
            a->points_only = 0;
        else
            return usage(msg, msgsize, "%s: '%s' is not a path style "
                         "(lines or points)", what, has_value ? value : "");
        return OV_EXIT_OK;
    }
    p = ov_param_find(key);
    if (p < 0 || (size_t)p >= ov__cli_param_count()) {
        ov__suggest_init(&s, key);
        for (i = 0; i < ov__cli_param_count(); i++)
            ov__suggest_add(&s, param_key(i));
        ov__suggest_add(&s, "label");
        ov__suggest_add(&s, "color");
        ov__suggest_add(&s, "style");
        usage(msg, msgsize, "--algo '%s': unknown key '%s'", a->item, key);
        ov__suggest_append(&s, msg, msgsize);
        return OV_EXIT_USAGE;
    }
    if (!ov_algo_takes_param(a->algo, key))
        return usage(msg, msgsize, "--algo '%s': %s does not take '%s'",
                     a->item, ov_algo_name(a->algo), key);
    if (!has_value && param_type((size_t)p) != OV_PARAM_FLAG)
        return usage(msg, msgsize, "%s: expected %s=VALUE", what, key);
    rc = parse_param_value((size_t)p, what, has_value ? value : "", &v, msg,
                           msgsize);
    if (rc != OV_EXIT_OK)
        return rc;
    set_param(&a->params, (size_t)p, v, has_value ? value : "1");
    return OV_EXIT_OK;
}

static int
parse_algo_item(ov__cli_opts *o, char *item, char *msg, size_t msgsize)
{
    ov__cli_algo *a;
    char *field, *next;
    int rc;

    if (o->n_algos >= OV_MAX_SERIES)
        return usage(msg, msgsize, "--algo: too many optimizers (at most %d)",
                     OV_MAX_SERIES);
    a = &o->algos[o->n_algos];
    memset(a, 0, sizeof *a);
    snprintf(a->item, sizeof a->item, "%s", item);
    next = strchr(item, ':');
    if (next)
        *next++ = '\0';
    if (ov_algo_from_name(item, &a->algo) != OV_OK)
        return unknown_algo(item, a->item, msg, msgsize);
    while (next) {
        char *eq;

        field = next;
        next = strchr(field, ':');
        /* color=tab:NAME holds the separator (matplotlib's tab10
         * names): the piece after "color=tab" is the name when it has no
         * '='. */
        if (next && next - field == 9 &&
            strncasecmp(field, "color=tab", 9) == 0 && next[1] != '\0') {
            char *c2 = strchr(next + 1, ':'), *eq2 = strchr(next + 1, '=');
            if (!eq2 || (c2 && eq2 > c2))
                next = c2;
        }
        if (next)
            *next++ = '\0';
        if (!*field)
            return usage(msg, msgsize, "--algo '%s': empty key", a->item);
        eq = strchr(field, '=');
        if (eq)
            *eq++ = '\0';
        rc = parse_algo_key(a, field, eq ? eq : "", eq != NULL, msg, msgsize);
        if (rc != OV_EXIT_OK)
            return rc;
    }
    o->n_algos++;
    return OV_EXIT_OK;
}

static int
opt_algo(ov__cli_opts *o, const char *opt, const char *value, char *msg,
         size_t msgsize)
{
    char *copy, *item, *next;
    int rc = OV_EXIT_OK;

    (void)opt;
    if (!*value)
        return usage(msg, msgsize, "--algo: empty list");
    copy = malloc(strlen(value) + 1);
    if (!copy)
        return usage(msg, msgsize, "out of memory");
    strcpy(copy, value);
    for (item = copy; item && rc == OV_EXIT_OK; item = next) {
        next = strchr(item, ',');
        if (next)
            *next++ = '\0';
        if (!*item)
            rc = usage(msg, msgsize, "--algo: empty item in '%s'", value);
        else
            rc = parse_algo_item(o, item, msg, msgsize);
    }
    free(copy);
    return rc;
}

/* ---- other custom options ------------------------------------------------ */

static int
opt_start(ov__cli_opts *o, const char *opt, const char *value, char *msg,
          size_t msgsize)
{
    char buf[128], what[200];
    char *comma;
    int rc;

    if (strlen(value) >= sizeof buf)
        return usage(msg, msgsize, "%s: value too long", opt);
    strcpy(buf, value);
    comma = strchr(buf, ',');
    if (comma)
        *comma++ = '\0';
    if (comma && strchr(comma, ','))
        return usage(msg, msgsize, "%s: '%s' is not X or X,Y", opt, value);
    snprintf(what, sizeof what, "%s '%s': X", opt, value);
    rc = get_double(what, buf, -DBL_MAX, DBL_MAX, &o->start[0], msg, msgsize);
    if (rc != OV_EXIT_OK)
        return rc;
    o->n_start = 1;
    if (comma) {
        snprintf(what, sizeof what, "%s '%s': Y", opt, value);
        rc = get_double(what, comma, -DBL_MAX, DBL_MAX, &o->start[1], msg,
                        msgsize);
        if (rc != OV_EXIT_OK)
            return rc;
        o->n_start = 2;
    }
    return OV_EXIT_OK;
}

/* --tune lr=LO:HI:N: a log grid of N rates from LO to HI. */
static int
opt_tune(ov__cli_opts *o, const char *opt, const char *value, char *msg,
         size_t msgsize)
{
    char buf[128], what[200];
    char *hi, *n;
    long count;
    int rc;

    if (strlen(value) >= sizeof buf)
        return usage(msg, msgsize, "%s: value too long", opt);
    if (strncmp(value, "lr=", 3) != 0)
        return usage(msg, msgsize, "%s: '%s' is not lr=LO:HI:N (the learning "
                     "rate is the one parameter tuned; e.g. lr=1e-4:1:41)",
                     opt, value);
    strcpy(buf, value + 3);
    hi = strchr(buf, ':');
    n = hi ? strchr(hi + 1, ':') : NULL;
    if (!hi || !n || strchr(n + 1, ':'))
        return usage(msg, msgsize, "%s: '%s' is not lr=LO:HI:N (e.g. "
                     "lr=1e-4:1:41)", opt, value);
    *hi++ = '\0';
    *n++ = '\0';
    snprintf(what, sizeof what, "%s '%s': LO", opt, value);
    rc = get_double(what, buf, -DBL_MAX, DBL_MAX, &o->tune_cfg.lr_lo, msg,
                    msgsize);
    snprintf(what, sizeof what, "%s '%s': HI", opt, value);
    if (rc == OV_EXIT_OK)
        rc = get_double(what, hi, -DBL_MAX, DBL_MAX, &o->tune_cfg.lr_hi, msg,
                        msgsize);
    snprintf(what, sizeof what, "%s '%s': N", opt, value);
    if (rc == OV_EXIT_OK)
        rc = get_long(what, n, OV_TUNE_MIN_GRID, OV_TUNE_MAX_GRID, &count,
                      msg, msgsize);
    if (rc != OV_EXIT_OK)
        return rc;
    if (!(o->tune_cfg.lr_lo > 0.0) || !(o->tune_cfg.lr_hi > 0.0))
        return usage(msg, msgsize, "%s: '%s': LO and HI must be greater "
                     "than 0", opt, value);
    if (!(o->tune_cfg.lr_lo < o->tune_cfg.lr_hi))
        return usage(msg, msgsize, "%s: '%s': LO must be less than HI", opt,
                     value);
    o->tune_cfg.n = (int)count;
    o->tune = 1;
    return OV_EXIT_OK;
}

/* --sliders lr,momentum,start: the controls of a live page. */
static int
opt_sliders(ov__cli_opts *o, const char *opt, const char *value, char *msg,
            size_t msgsize)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        { "lr", OV_SLIDER_LR }, { "momentum", OV_SLIDER_MOMENTUM },
        { "beta1", OV_SLIDER_MOMENTUM }, { "start", OV_SLIDER_START } };
    const char *p = value;

    o->sliders = 0;
    o->sliders_given = 1;
    while (*p) {
        size_t len = strcspn(p, ","), k;

        for (k = 0; k < sizeof names / sizeof names[0]; k++)
            if (strlen(names[k].name) == len
                && strncmp(p, names[k].name, len) == 0)
                break;
        if (k == sizeof names / sizeof names[0])
            return usage(msg, msgsize, "%s: unknown control '%.*s' (a comma "
                         "list of lr, momentum, start)", opt, (int)len, p);
        o->sliders |= names[k].bit;
        p += len;
        if (*p == ',')
            p++;
    }
    if (!o->sliders)
        return usage(msg, msgsize, "%s: name at least one of lr, momentum, "
                     "start (or use --no-live)", opt);
    return OV_EXIT_OK;
}

/* --size WxHin: the size in inches (the pixels follow from --dpi, which
 * may come later, in finalize). */
static int
size_inches(ov__cli_opts *o, const char *opt, const char *value, char *w,
            char *h, char *msg, size_t msgsize)
{
    char what[160];
    int rc;

    snprintf(what, sizeof what, "%s '%s': width", opt, value);
    rc = get_double(what, w, 0.5, 100.0, &o->size_in[0], msg, msgsize);
    snprintf(what, sizeof what, "%s '%s': height", opt, value);
    if (rc == OV_EXIT_OK)
        rc = get_double(what, h, 0.5, 100.0, &o->size_in[1], msg, msgsize);
    if (rc == OV_EXIT_OK)
        o->size_inches = 1;
    return rc;
}

static int
opt_size(ov__cli_opts *o, const char *opt, const char *value, char *msg,
         size_t msgsize)
{
    char buf[64], what[160];
    char *x;
    long w, h;
    int rc;
    size_t len = strlen(value);

    if (len >= sizeof buf)
        return usage(msg, msgsize, "%s: '%s' is not WIDTHxHEIGHT", opt, value);
    strcpy(buf, value);
    int inches = len > 2 && ov__cli_same_name(buf + len - 2, "in");
    if (inches)
        buf[len - 2] = '\0';
    x = strchr(buf, 'x');
    if (!x)
        x = strchr(buf, 'X');
    if (!x)
        return usage(msg, msgsize, "%s: '%s' is not WIDTHxHEIGHT (e.g. "
                     "800x600, or 3.5x2.6in)", opt, value);
    *x++ = '\0';
    if (inches)
        return size_inches(o, opt, value, buf, x, msg, msgsize);
    o->size_inches = 0;
    snprintf(what, sizeof what, "%s '%s': width", opt, value);
    rc = get_long(what, buf, OV__CLI_MIN_WIDTH, 32767, &w, msg, msgsize);
    snprintf(what, sizeof what, "%s '%s': height", opt, value);
    if (rc == OV_EXIT_OK)
        rc = get_long(what, x, OV__CLI_MIN_HEIGHT, 32767, &h, msg, msgsize);
    if (rc != OV_EXIT_OK)
        return rc;
    if (w * h > OV_MAX_PIXELS)
        return usage(msg, msgsize, "%s: '%s' is too large (at most %ld "
                     "pixels)", opt, value, (long)OV_MAX_PIXELS);
    o->spec.width = (int)w;
    o->spec.height = (int)h;
    return OV_EXIT_OK;
}

static int
parse_lim(const char *opt, const char *value, double lim[2], char *msg,
          size_t msgsize)
{
    char buf[128], what[200];
    char *colon;
    int rc;

    if (strlen(value) >= sizeof buf)
        return usage(msg, msgsize, "%s: value too long", opt);
    strcpy(buf, value);
    /* Skip a leading sign so "-3:3" splits at the right colon. */
    colon = strchr(buf + (buf[0] == '-' || buf[0] == '+'), ':');
    if (!colon)
        return usage(msg, msgsize, "%s: '%s' is not MIN:MAX (e.g. -2:2)", opt,
                     value);
    *colon++ = '\0';
    snprintf(what, sizeof what, "%s '%s': MIN", opt, value);
    rc = get_double(what, buf, -DBL_MAX, DBL_MAX, &lim[0], msg, msgsize);
    snprintf(what, sizeof what, "%s '%s': MAX", opt, value);
    if (rc == OV_EXIT_OK)
        rc = get_double(what, colon, -DBL_MAX, DBL_MAX, &lim[1], msg, msgsize);
    if (rc != OV_EXIT_OK)
        return rc;
    if (!(lim[0] < lim[1]))
        return usage(msg, msgsize, "%s: '%s': MIN must be less than MAX", opt,
                     value);
    if (!isfinite(lim[1] - lim[0]))
        return usage(msg, msgsize, "%s: '%s' is out of range", opt, value);
    return OV_EXIT_OK;
}

/* --import FILE, repeatable: the user's own runs. */
static int
opt_import(ov__cli_opts *o, const char *opt, const char *value, char *msg,
           size_t msgsize)
{
    if (!*value)
        return usage(msg, msgsize, "%s: expected a file name", opt);
    if (o->n_imports == OV_MAX_SERIES)
        return usage(msg, msgsize, "%s: at most %d files", opt,
                     OV_MAX_SERIES);
    o->imports[o->n_imports++] = value;
    return OV_EXIT_OK;
}

static int
opt_seed(ov__cli_opts *o, const char *opt, const char *value, char *msg,
         size_t msgsize)
{
    unsigned long long v;
    const char *p;
    char *end;

    if (!*value)
        return num_message(NUM_EMPTY, opt, value, msg, msgsize);
    for (p = value; *p; p++) {
        if (!isdigit((unsigned char)*p)) {
            if (value[0] == '-')
                return usage(msg, msgsize, "%s: '%s' must not be negative",
                             opt, value);
            return usage(msg, msgsize, "%s: '%s' is not a non-negative "
                         "integer", opt, value);
        }
    }
    errno = 0;
    v = strtoull(value, &end, 10);
    if (errno == ERANGE || v > UINT64_MAX)
        return usage(msg, msgsize, "%s: '%s' is too large (at most "
                     "18446744073709551615)", opt, value);
    o->seed = (uint64_t)v;
    return OV_EXIT_OK;
}

/* --schedule NAME[:key=value:...], read by the library's key table. */
static int
opt_schedule(ov__cli_opts *o, const char *opt, const char *value,
             char *msg, size_t msgsize)
{
    ov_schedule_config c;
    ov_error err;
    ov_status st;
    char names[200] = "";
    int k;

    memset(&err, 0, sizeof err);
    c.warmup = 0;
    st = ov_schedule_parse(&c, value, &err);
    if (st == OV_OK) {
        o->schedule = c;
        o->schedule_text = value;
        return OV_EXIT_OK;
    }
    if (st != OV_ERR_NOT_FOUND)
        return usage(msg, msgsize, "%s '%s': %s", opt, value, err.what);
    for (k = 1; k < OV_SCHEDULE_COUNT; k++)
        snprintf(names + strlen(names), sizeof names - strlen(names),
                 "%s%s", k > 1 ? ", " : "",
                 ov_schedule_name((ov_schedule_kind)k));
    return usage(msg, msgsize, "%s '%s': %s (one of %s)", opt, value,
                 err.what, names);
}

static int
opt_list(ov__cli_opts *o, const char *opt, const char *value, char *msg,
         size_t msgsize)
{
    (void)opt;
    (void)msg;
    (void)msgsize;
    o->action = OV__CLI_LIST;
    o->list_what = value;
    return OV_EXIT_OK;
}

/* ---- the table ----------------------------------------------------------- */

static const choice reduction_choices[] = {
    { "mean", OV_REDUCTION_MEAN }, { "sum", OV_REDUCTION_SUM }, { NULL, 0 }
};
static const choice delimiter_choices[] = {
    { "auto", OV_CSV_AUTO }, { "comma", OV_CSV_COMMA }, { "tab", OV_CSV_TAB },
    { "semicolon", OV_CSV_SEMICOLON }, { "space", OV_CSV_BLANKS },
    { NULL, 0 }
};
static const choice view_choices[] = {
    { "contour", OV_VIEW_CONTOUR }, { "surface", OV_VIEW_SURFACE },
    { "curve", OV_VIEW_CURVE }, { "history", OV_VIEW_HISTORY },
    { "response", OV_VIEW_RESPONSE }, { "sensitivity", OV_VIEW_SENSITIVITY },
    { NULL, 0 }
};
static const choice objective_choices[] = {
    { "final-loss", OV_TUNE_FINAL_LOSS }, { "distance", OV_TUNE_DISTANCE },
    { NULL, 0 }
};
static const choice plane_choices[] = {
    { "pca", OV_PLANE_PCA }, { "random", OV_PLANE_RANDOM },
    { "hessian", OV_PLANE_HESSIAN }, { NULL, 0 }
};
static const choice panel_choices[] = {
    { "none", 0 }, { "loss", 1 }, { NULL, 0 }
};
static const choice layout_choices[] = {
    { "overlay", 0 }, { "grid", 1 }, { NULL, 0 }
};
static const choice zscale_choices[] = {
    { "linear", OV_ZSCALE_LINEAR }, { "log", OV_ZSCALE_LOG },
    { "sqrt", OV_ZSCALE_SQRT }, { NULL, 0 }
};
static const choice arrows_choices[] = {
    { "none", OV_ARROWS_NONE }, { "gradient", OV_ARROWS_GRADIENT },
    { "step", OV_ARROWS_STEP }, { NULL, 0 }
};
static const choice aspect_choices[] = {
    { "auto", OV_ASPECT_AUTO }, { "equal", OV_ASPECT_EQUAL }, { NULL, 0 }
};
static const choice contour_choices[] = {
    { "filled", OV_CONTOUR_FILLED }, { "lines", OV_CONTOUR_LINES },
    { NULL, 0 }
};
static const choice theme_choices[] = {
    { "light", OV_THEME_LIGHT }, { "dark", OV_THEME_DARK }, { NULL, 0 }
};

/* Entries name their less common fields; the rest are zero. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const option options[] = {
    { .type = T_HEADING, .help = "Problem and run:" },
    { "algo", 'a', T_CUSTOM, 0, "LIST",
      "optimizers, comma-separated and/or repeated: NAME or "
      "NAME:key=value:..., keys being the hyper-parameters below without "
      "dashes, label=, style=points|lines and color= (#rrggbb or a "
      "name); default gd,momentum,rmsprop,adam", .handler = opt_algo },
    { "loss", 'l', T_STRING, OFF(loss_name), "NAME",
      "loss function (see --list losses), or grid:FILE, a precomputed "
      "landscape (CSV, .npy, .npz, LossLandscape JSON, loss-landscape "
      "HDF5); default ols" },
    { "import", 0, T_CUSTOM, 0, "FILE",
      "draw the runs in FILE (optviz's CSV or JSON, or a CSV of step,x,y"
      "[,loss,label,epoch,lr]) on --loss; repeatable; without --algo no "
      "optimizer runs", .handler = opt_import },
    { "data", 0, T_STRING, OFF(data_path), "FILE",
      "CSV of (x, y) for data losses (- reads stdin); default the loss's "
      "built-in set" },
    { "delimiter", 0, T_CHOICE, OFF(delimiter),
      "auto|comma|tab|semicolon|space",
      "how --data's fields are separated (default auto: from the first "
      "line)", .choices = delimiter_choices },
    { "start", 0, T_CUSTOM, 0, "X[,Y]",
      "start point; default the loss's", .handler = opt_start },
    { "plane", 0, T_CHOICE, OFF(plane), "pca|random|hessian",
      "losses of more than two parameters (mlp:..., quadratic:dim=N...): "
      "the plane they are drawn on; default pca", .choices = plane_choices },
    { "steps", 0, T_LONG, OFF(steps), "N",
      "optimizer steps (default 100, 300 for --view response); "
      "overrides --epochs",
      .min = 0, .max = OV_MAX_STEPS },
    { "epochs", 0, T_LONG, OFF(epochs), "E",
      "passes over the data (data losses)", .min = 1, .max = OV_MAX_STEPS },

    { "tune", 0, T_CUSTOM, 0, "lr=LO:HI:N",
      "fair comparison: run each optimizer at N learning rates spaced "
      "evenly in log from LO to HI, print the table and draw the best of "
      "each (N 2..1000)", .handler = opt_tune },
    { "tune-objective", 0, T_CHOICE, OFF(tune_cfg.objective),
      "final-loss|distance",
      "what --tune minimises: the final loss (default) or the distance "
      "to the nearest minimum", .choices = objective_choices },

    { .type = T_HEADING, .help = "Hyper-parameters (torch's names and "
      "defaults), each given to every optimizer\nthat takes it:" },
    { .type = T_PARAMS, .param = OV_PARAM_GROUP_OPTIMIZER },

    { .type = T_HEADING, .help = "Stochastic runs:" },
    { .type = T_PARAMS, .param = OV_PARAM_GROUP_RUNNER },
    { "shuffle", 0, T_FLAG, OFF(shuffle), NULL,
      "reshuffle the data every epoch (default)" },
    { "no-shuffle", 0, T_UNFLAG, OFF(shuffle), NULL,
      "keep the data in file order" },
    { "drop-last", 0, T_FLAG, OFF(drop_last), NULL,
      "skip a short last batch" },
    { "seed", 0, T_CUSTOM, 0, "S", "random seed (default 0)",
      .handler = opt_seed },
    { "noise-std", 0, T_DOUBLE, OFF(noise_std), "SIGMA",
      "gradient noise on synthetic losses (default 0)",
      .min = 0, .max = DBL_MAX },
    { "reduction", 0, T_CHOICE, OFF(reduction), "mean|sum",
      "how data losses combine examples (default mean)",
      .choices = reduction_choices },

    { .type = T_HEADING, .help = "Schedules and clipping (torch "
      "lr_scheduler and clip_grad_*_):" },
    { "schedule", 0, T_CUSTOM, 0, "NAME[:key=value:...]",
      "learning-rate schedule, stepped after every step: step, multistep, "
      "exponential, cosine, cosine-restarts, cyclic, onecycle, linear, "
      "constant, polynomial, wsd, inv-sqrt; keys are torch's arguments "
      "(see optviz(1)), e.g. step:step-size=30:gamma=0.5",
      .handler = opt_schedule },
    { "warmup", 0, T_LONG, OFF(warmup), "N",
      "linear warm-up over N steps before the schedule (SequentialLR)",
      .min = 0, .max = OV_MAX_STEPS },
    { "clip-grad-norm", 0, T_DOUBLE, OFF(clip_norm_max), "MAX",
      "scale the gradient to 2-norm at most MAX (clip_grad_norm_)",
      .min = 0, .max = DBL_MAX, .given = OFF(clip_norm) },
    { "clip-grad-value", 0, T_DOUBLE, OFF(clip_value_max), "V",
      "clamp each gradient component to [-V, V] (clip_grad_value_; "
      "after --clip-grad-norm)",
      .min = 0, .max = DBL_MAX, .given = OFF(clip_value) },

    { .type = T_HEADING, .help = "Output:" },
    { "output", 'o', T_STRING, OFF(output), "FILE",
      "figure: .gif animation, .mp4 or .webm video, .html interactive "
      "page, .png still, .svg or .pdf vector still; "
      "default <loss>_<algo>[-<algo>...].gif, none with --trajectory" },
    { "trajectory", 0, T_STRING, OFF(trajectory), "FILE",
      "write the trajectories as .csv or .json; - is CSV on stdout" },
    { "format", 0, T_STRING, OFF(format_name), "NAME",
      "the format of -o (png, svg, pdf, gif, mp4, webm, csv, json) when its "
      "name has no extension, as -o - (stdout)" },
    { "summary", 0, T_STRING, OFF(summary), "FILE",
      "write a JSON summary of the runs (settings, final point and loss, "
      "steps, divergence, time); - is stdout" },
    { "sliders", 0, T_CUSTOM, 0, "LIST",
      ".html: the live page's controls, a comma list of lr (each "
      "optimizer's, log scale), momentum (or beta1), start (drag the start "
      "point); default all", .handler = opt_sliders },
    { "no-live", 0, T_FLAG, OFF(no_live), NULL,
      ".html: a player page only, without the optimizers compiled to "
      "WebAssembly (no sliders)" },

    { .type = T_HEADING, .help = "Look:" },
    { "view", 0, T_CHOICE, OFF(spec.view),
      "contour|surface|curve|history|response|sensitivity",
      "what to draw; default contour for 2-D losses, curve for 1-D; "
      "sensitivity (final loss against lr) needs --tune",
      .choices = view_choices },
    { "signal", 0, T_STRING, OFF(signal), "NAME",
      "gradient signal for --view response (see --list signals)" },
    { "panel", 0, T_CHOICE, OFF(spec.panel_loss), "none|loss",
      "add a loss-versus-step panel", .choices = panel_choices },
    { "layout", 0, T_CHOICE, OFF(spec.layout_grid), "overlay|grid",
      "all optimizers on one view, or one panel each",
      .choices = layout_choices },
    { "size", 0, T_CUSTOM, 0, "WxH[in]",
      "figure size in pixels (default 800x600), or in inches (3.5x2.6in: "
      "the pixels are inches times --dpi, default 100 then)",
      .handler = opt_size },
    { "dpi", 0, T_DOUBLE, SPEC(dpi), "N",
      "pixels per inch: an SVG/PDF page is the size in pixels / N inches, "
      "a PNG records N, and text is sized in points at N (tick labels at "
      "least 8 pt); default none (a pixel is a point)",
      .min = 10, .max = 4800 },
    { "aspect", 0, T_CHOICE, OFF(spec.aspect), "auto|equal",
      "contour view: equal draws one unit of x and y the same length "
      "(circles stay round, gradients cross contours at right angles); "
      "default auto (each axis fills the plot)",
      .choices = aspect_choices },
    { "xlim", 0, T_RANGE, SPEC(xlim), "A:B",
      "x range; default the loss's domain", .given = SPEC(has_xlim) },
    { "ylim", 0, T_RANGE, SPEC(ylim), "A:B",
      "y range; default the loss's domain", .given = SPEC(has_ylim) },
    { "levels", 0, T_INT, SPEC(levels), "N", "contour bands (default 25)",
      .min = 2, .max = 1000 },
    { "zscale", 0, T_CHOICE, OFF(spec.zscale), "linear|log|sqrt",
      "colour scale of the loss (default: the loss's own)",
      .choices = zscale_choices },
    { "colormap", 0, T_STRING, SPEC(colormap), "NAME",
      "colour map (see --list colormaps; default viridis)" },
    { "arrows", 0, T_CHOICE, OFF(spec.arrows), "none|gradient|step",
      "arrows at the iterates (default none)", .choices = arrows_choices },
    { "title", 0, T_STRING, SPEC(title), "TEXT", "figure title" },
    { "no-legend", 0, T_UNFLAG, SPEC(legend), NULL, "no legend" },
    { "no-colorbar", 0, T_UNFLAG, SPEC(colorbar), NULL, "no colour bar" },
    { "theme", 0, T_CHOICE, OFF(spec.theme), "light|dark",
      "colours of the figure (default light)", .choices = theme_choices },
    { "contour", 0, T_CHOICE, OFF(spec.contour), "filled|lines",
      "contour view: filled bands (default) or coloured, labelled lines on "
      "the background (seed 001's look)", .choices = contour_choices },
    { "elev", 0, T_DOUBLE, SPEC(elev), "DEG", "3-D camera elevation",
      .min = -90, .max = 90, .given = SPEC(has_elev) },
    { "azim", 0, T_DOUBLE, SPEC(azim), "DEG", "3-D camera azimuth",
      .min = -36000, .max = 36000, .given = SPEC(has_azim) },
    { "wireframe", 0, T_FLAG, SPEC(wireframe), NULL,
      "surface view: draw the mesh lines" },
    { "rotate", 0, T_FLAG, SPEC(rotate), NULL,
      "spin the 3-D camera during the animation" },

    { .type = T_HEADING, .help = "Animation:" },
    { "frames", 0, T_LONG, SPEC(frames), "N",
      "at most N frames, steps sampled evenly (default one per step, "
      "up to 100000)",
      .min = 1, .max = OV_CLI_MAX_FRAMES },
    { "fps", 0, T_DOUBLE, SPEC(fps), "F", "frames per second (default 10)",
      .min = 0.1, .max = 50 },
    { "hold", 0, T_DOUBLE, SPEC(hold), "SEC",
      "seconds the last frame is held (default 2)", .min = 0, .max = 3600 },
    { "loop", 0, T_INT, SPEC(loop), "N",
      "extra plays, 0 = forever, -1 = play once (default 0)", .min = -1,
      .max = 65535 },
    { "trail", 0, T_LONG, SPEC(trail), "N",
      "points of trail shown, 0 = all (default)", .min = 0,
      .max = OV_MAX_STEPS },

    { .type = T_HEADING, .help = "Running:" },
    { "quiet", 'q', T_FLAG, OFF(quiet), NULL,
      "no summary or warnings on stderr" },
    { "progress", 0, T_FLAG, OFF(progress), NULL,
      "progress bar on stderr (automatic on a terminal)" },
    { "force", 0, T_FLAG, OFF(force), NULL,
      "with --batch, also rerun jobs whose output is up to date (made by "
      "the same command line)" },
    { "batch", 0, T_STRING, OFF(batch_file), "FILE",
      "many figures: each line of FILE (- for stdin) is one argument list, "
      "quoted as for a shell; # comments" },
    { "jobs", 'j', T_LONG, OFF(jobs), "N",
      "worker threads for --batch (default: one per core)",
      .min = 1, .max = 1024 },
    { "list", 0, T_CUSTOM, 0, "losses|algos|colormaps|signals",
      "list what is available and exit", .handler = opt_list },
    { "help", 'h', T_FLAG, 0, NULL, "show this help and exit" },
    { "version", 'V', T_FLAG, 0, NULL,
      "show the version and the libraries, and exit" },
};
#pragma GCC diagnostic pop

#define N_OPTIONS (sizeof options / sizeof options[0])

/* ---- parsing ------------------------------------------------------------- */

void
ov__cli_opts_init(ov__cli_opts *o)
{
    static const ov_figure_spec spec_init = OV_FIGURE_SPEC_INIT;
    static const ov_tune_config tune_init = OV_TUNE_CONFIG_INIT;

    memset(o, 0, sizeof *o);
    o->action = OV__CLI_RUN;
    o->steps = -1;
    o->epochs = -1;
    o->shuffle = 1;
    o->reduction = OV_REDUCTION_MEAN;
    o->spec = spec_init;
    o->tune_cfg = tune_init;
    o->fig_format = -1;
    o->traj_format = -1;
}

void
ov__cli_opts_free(ov__cli_opts *o)
{
    size_t i;

    free(o->command_line);
    o->command_line = NULL;
    for (i = 0; i < o->n_settings; i++)
        free(((ov__setting *)o->settings)[i].text);
    free(o->settings);
    o->settings = NULL;
    o->n_settings = 0;
}

static void *
target(ov__cli_opts *o, const option *opt)
{
    return (char *)o + opt->offset;
}

static int
apply_choice(ov__cli_opts *o, const option *opt, const char *name,
             const char *value, char *msg, size_t msgsize)
{
    const choice *c;
    ov__suggest s;
    char list[160] = "";

    ov__suggest_init(&s, value);
    for (c = opt->choices; c->name; c++) {
        if (ov__cli_same_name(c->name, value)) {
            *(int *)target(o, opt) = c->value;
            return OV_EXIT_OK;
        }
        ov__suggest_add(&s, c->name);
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 c == opt->choices ? "" : ", ", c->name);
    }
    usage(msg, msgsize, "%s: unknown value '%s' (one of %s)", name, value,
          list);
    ov__suggest_append(&s, msg, msgsize);
    return OV_EXIT_USAGE;
}

static int
apply_option(ov__cli_opts *o, const option *opt, const char *name,
             const char *value, char *msg, size_t msgsize)
{
    long n;
    double d;
    int rc;

    switch (opt->type) {
    case T_HEADING:
        break;
    case T_FLAG:
        if (strcmp(opt->long_name, "help") == 0)
            o->action = OV__CLI_HELP;
        else if (strcmp(opt->long_name, "version") == 0)
            o->action = OV__CLI_VERSION;
        else
            *(int *)target(o, opt) = 1;
        return OV_EXIT_OK;
    case T_UNFLAG:
        *(int *)target(o, opt) = 0;
        return OV_EXIT_OK;
    case T_INT:
    case T_LONG:
        rc = get_long(name, value, opt->min, opt->max, &n, msg, msgsize);
        if (rc != OV_EXIT_OK)
            return rc;
        if (opt->type == T_INT)
            *(int *)target(o, opt) = (int)n;
        else
            *(long *)target(o, opt) = n;
        return OV_EXIT_OK;
    case T_DOUBLE:
        rc = get_double(name, value, opt->min, opt->max, &d, msg, msgsize);
        if (rc == OV_EXIT_OK)
            *(double *)target(o, opt) = d;
        if (rc == OV_EXIT_OK && opt->given)
            *(int *)((char *)o + opt->given) = 1;
        return rc;
    case T_RANGE:
        rc = parse_lim(name, value, (double *)target(o, opt), msg, msgsize);
        if (rc == OV_EXIT_OK && opt->given)
            *(int *)((char *)o + opt->given) = 1;
        return rc;
    case T_STRING:
        if (!*value)
            return usage(msg, msgsize, "%s: empty value", name);
        *(const char **)target(o, opt) = value;
        return OV_EXIT_OK;
    case T_CHOICE:
        return apply_choice(o, opt, name, value, msg, msgsize);
    case T_PARAMS:
        break;
    case T_PARAM:
        if (!opt->value_name) {
            set_param(&o->global, (size_t)opt->param, 1, "1");
            return OV_EXIT_OK;
        }
        rc = parse_param_value((size_t)opt->param, name, value, &d, msg,
                               msgsize);
        if (rc == OV_EXIT_OK)
            set_param(&o->global, (size_t)opt->param, d, value);
        return rc;
    case T_CUSTOM:
        return opt->handler(o, name, value, msg, msgsize);
    }
    return OV_EXIT_OK;
}

/* Whether row @p p of the library's table is listed at @p opt. */
static int
param_at(const option *opt, size_t p)
{
    return opt->type == T_PARAMS && (int)ov_param_info(p)->group == opt->param;
}

/* The option called @p name (@p len bytes); a hyper-parameter is made up
 * in @p tmp from its row. */
static const option *
find_long(const char *name, size_t len, option *tmp)
{
    size_t i, p;

    for (i = 0; i < N_OPTIONS; i++) {
        const char *ln = options[i].long_name;
        if (ln && strlen(ln) == len && strncmp(ln, name, len) == 0)
            return &options[i];
        for (p = 0; p < ov__cli_param_count(); p++) {
            const ov_param *info = ov_param_info(p);

            if (!param_at(&options[i], p) || strlen(info->key) != len
                || strncmp(info->key, name, len) != 0)
                continue;
            memset(tmp, 0, sizeof *tmp);
            tmp->long_name = info->key;
            tmp->type = T_PARAM;
            tmp->param = (int)p;
            tmp->value_name = info->value_name;
            return tmp;
        }
    }
    return NULL;
}

/*
 * The settings of a command line, as the batch's up-to-date check compares
 * them: each option that changes what is written, under its long name with
 * its value ("--steps=50" for -s 50, --steps=50 or --steps 50), sorted by
 * what it sets (a flag and its no- form set one thing: their order
 * counts), in command-line order within one.  -q, --progress, --force and
 * -j change how a job runs, not what it writes, and are left out.
 */

static int
note_setting(ov__cli_opts *o, const option *opt, const char *value,
             char *msg, size_t msgsize)
{
    static const char *const skip[] = { "quiet", "progress", "force", "jobs",
                                        "batch", NULL };
    ov__setting *s;
    size_t k, len;

    for (k = 0; skip[k]; k++)
        if (strcmp(opt->long_name, skip[k]) == 0)
            return OV_EXIT_OK;
    s = realloc(o->settings, (o->n_settings + 1) * sizeof *s);
    if (!s)
        return usage(msg, msgsize, "out of memory");
    o->settings = s;
    s += o->n_settings;
    if (opt->type == T_FLAG || opt->type == T_UNFLAG)
        snprintf(s->key, sizeof s->key, "@%zu", opt->offset);
    else
        snprintf(s->key, sizeof s->key, "%s", opt->long_name);
    len = strlen(opt->long_name) + (value ? strlen(value) : 0) + 4;
    s->text = malloc(len);
    if (!s->text)
        return usage(msg, msgsize, "out of memory");
    snprintf(s->text, len, "--%s%s%s", opt->long_name, value ? "=" : "",
             value ? value : "");
    s->order = (int)o->n_settings++;
    return OV_EXIT_OK;
}

static int
setting_cmp(const void *a, const void *b)
{
    const ov__setting *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    return c ? c : (x->order > y->order) - (x->order < y->order);
}

char *
ov__cli_settings(const ov__cli_opts *o)
{
    ov__setting *s = NULL;
    size_t i, len = 1;
    char *out;

    if (o->n_settings) {
        s = malloc(o->n_settings * sizeof *s);
        if (!s)
            return NULL;
        memcpy(s, o->settings, o->n_settings * sizeof *s);
        qsort(s, o->n_settings, sizeof *s, setting_cmp);
    }
    for (i = 0; i < o->n_settings; i++)
        len += strlen(s[i].text) + 1;
    out = malloc(len);
    if (out) {
        out[0] = '\0';
        for (i = 0; i < o->n_settings; i++) {
            strcat(out, s[i].text);
            strcat(out, "\x1f");   /* no value holds a unit separator */
        }
    }
    free(s);
    return out;
}

static const option *
find_short(char c)
{
    size_t i;

    for (i = 0; i < N_OPTIONS; i++)
        if (options[i].long_name && options[i].short_name == c)
            return &options[i];
    return NULL;
}

static int
unknown_option(const char *arg, size_t len, char *msg, size_t msgsize)
{
    char word[64];
    ov__suggest s;
    size_t i, p;

    snprintf(word, sizeof word, "%.*s", (int)(len < 60 ? len : 60), arg);
    ov__suggest_init(&s, word);
    for (i = 0; i < N_OPTIONS; i++) {
        ov__suggest_add(&s, options[i].long_name);
        for (p = 0; p < ov__cli_param_count(); p++)
            if (param_at(&options[i], p))
                ov__suggest_add(&s, param_key(p));
    }
    usage(msg, msgsize, "unknown option '--%s'", word);
    if (ov__suggest_result(&s)) {
        size_t l = strlen(msg);
        snprintf(msg + l, msgsize - l, " (did you mean '--%s'?)",
                 ov__suggest_result(&s));
    } else {
        size_t l = strlen(msg);
        snprintf(msg + l, msgsize - l, "; see optviz --help");
    }
    return OV_EXIT_USAGE;
}

static int
is_done(const ov__cli_opts *o)
{
    return o->action != OV__CLI_RUN;
}

static int
parse_args(ov__cli_opts *o, int argc, char **argv, char *msg,
           size_t msgsize)
{
    int i, rc;

    msg[0] = '\0';
    ov__cli_opts_free(o);
    o->command_line = ov__cli_quote_command(argc, argv);
    if (!o->command_line)
        return usage(msg, msgsize, "out of memory");
    /* The version that wrote a file goes with the command it records,
     * as a shell comment: a batch redoes what another version made. */
    {
        size_t len = strlen(o->command_line) + 16 + strlen(OV_VERSION_STRING);
        char *line = malloc(len);

        if (!line)
            return usage(msg, msgsize, "out of memory");
        snprintf(line, len, "%s # optviz %s", o->command_line,
                 ov_version_string());
        free(o->command_line);
        o->command_line = line;
    }
    for (i = 1; i < argc && !is_done(o); i++) {
        const char *arg = argv[i];
        const option *opt;
        option tmp;
        char name[80];

        if (strcmp(arg, "--") == 0) {
            if (i + 1 < argc)
                return usage(msg, msgsize, "unexpected argument '%s'",
                             argv[i + 1]);
            break;
        }
        if (arg[0] == '-' && arg[1] == '-') {
            const char *eq = strchr(arg + 2, '=');
            size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
            const char *value;

            opt = find_long(arg + 2, len, &tmp);
            if (!opt)
                return unknown_option(arg + 2, len, msg, msgsize);
            snprintf(name, sizeof name, "--%s", opt->long_name);
            if (!opt->value_name) {
                if (eq)
                    return usage(msg, msgsize, "%s takes no value", name);
                value = NULL;
            } else if (eq) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                return usage(msg, msgsize, "%s needs a value (%s)", name,
                             opt->value_name);
            }
            rc = apply_option(o, opt, name, value, msg, msgsize);
            if (rc == OV_EXIT_OK)
                rc = note_setting(o, opt, value, msg, msgsize);
            if (rc != OV_EXIT_OK)
                return rc;
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0') {
            /* Short options: flags may be bundled (-qh); an option with a
             * value takes the rest of the word or the next argument. */
            const char *p;

            for (p = arg + 1; *p && !is_done(o); p++) {
                const char *value = NULL;

                opt = find_short(*p);
                if (!opt)
                    return usage(msg, msgsize, "unknown option '-%c'; see "
                                 "optviz --help", *p);
                snprintf(name, sizeof name, "-%c", *p);
                if (opt->value_name) {
                    if (p[1])
                        value = p + 1;
                    else if (i + 1 < argc)
                        value = argv[++i];
                    else
                        return usage(msg, msgsize, "%s needs a value (%s)",
                                     name, opt->value_name);
                }
                rc = apply_option(o, opt, name, value, msg, msgsize);
                if (rc == OV_EXIT_OK)
                    rc = note_setting(o, opt, value, msg, msgsize);
                if (rc != OV_EXIT_OK)
                    return rc;
                if (value)
                    break;
            }
            continue;
        }
        return usage(msg, msgsize, "unexpected argument '%s'; options start "
                     "with - (see optviz --help)", arg);
    }
    return OV_EXIT_OK;
}

int
ov__cli_parse(ov__cli_opts *o, int argc, char **argv, char *msg,
              size_t msgsize)
{
    int rc = parse_args(o, argc, argv, msg, msgsize);

    ov__cli_msg_clean(msg);
    return rc;
}

/* ---- after parsing ------------------------------------------------------- */

/* Is @p kind one that --trajectory (@p traj) or -o (!@p traj) takes? */
static int
kind_fits(ov_format_kind kind, int traj)
{
    return traj ? kind == OV_FORMAT_KIND_TRAJECTORY
                : kind != OV_FORMAT_KIND_TRAJECTORY;
}

int
ov__cli_path_format(const char *path, int traj, ov_format *fmt)
{
    const ov_format_info *f;

    if (traj && strcmp(path, "-") == 0) {
        *fmt = OV_FORMAT_CSV;
        return 1;
    }
    if (ov_format_from_path(path, fmt) != OV_OK)
        return 0;
    f = ov_format_info_of(*fmt);
    return f && f->available && kind_fits(f->kind, traj);
}

int
ov__cli_output_format(const ov__cli_opts *o, int traj, ov_format *fmt)
{
    int forced = traj ? o->traj_format : o->fig_format;

    if (forced >= 0) {
        *fmt = (ov_format)forced;
        return 1;
    }
    return ov__cli_path_format(traj ? o->trajectory : o->output, traj, fmt);
}

/* --format NAME: the format of -o, whose name need not say it (-o -).  A
 * trajectory format makes -o the trajectory.  A name whose extension says
 * another format is refused rather than written in a format it hides. */
static int
apply_format(ov__cli_opts *o, char *msg, size_t msgsize)
{
    const ov_format_info *f;
    ov_format fmt, named;
    const char **path;
    int traj;

    if (!o->format_name)
        return OV_EXIT_OK;
    if (ov_format_from_name(o->format_name, &fmt) != OV_OK
        || !(f = ov_format_info_of(fmt)) || !f->available) {
        char list[160] = "";
        size_t i;

        for (i = 0; i < ov_format_count(); i++)
            if (ov_format_at(i)->available)
                snprintf(list + strlen(list), sizeof list - strlen(list),
                         "%s%s", i ? ", " : "", ov_format_at(i)->name);
        return usage(msg, msgsize, "--format: unknown format '%s' (one of "
                     "%s)", o->format_name, list);
    }
    traj = f->kind == OV_FORMAT_KIND_TRAJECTORY;
    if (traj && o->output && !o->trajectory) {
        o->trajectory = o->output;
        o->output = NULL;
    }
    path = traj ? &o->trajectory : &o->output;
    if (!*path)
        return usage(msg, msgsize, "--format %s: give %s FILE (- for "
                     "standard output)", f->name, traj ? "--trajectory or -o"
                                                        : "-o");
    if (strcmp(*path, "-") != 0 && ov_format_from_path(*path, &named) == OV_OK
        && named != fmt)
        return usage(msg, msgsize, "--format %s, but '%s' names a %s file",
                     f->name, *path, ov_format_info_of(named)->name);
    if (traj)
        o->traj_format = (int)fmt;
    else
        o->fig_format = (int)fmt;
    return OV_EXIT_OK;
}

/* ".gif, .png, .svg or .pdf": the extensions -o (!@p traj) or
 * --trajectory takes, from the format table. */
static void
extension_list(char *buf, size_t size, int traj)
{
    const char *ext[16];
    size_t i, n = 0, len = 0;

    for (i = 0; i < ov_format_count() && n < 16; i++) {
        const ov_format_info *f = ov_format_at(i);
        if (f->available && kind_fits(f->kind, traj))
            ext[n++] = f->ext[0];
    }
    buf[0] = '\0';
    for (i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s.%s",
                                i == 0 ? "" : i + 1 == n ? " or " : ", ",
                                ext[i]);
}

/* The usage error for an output path whose format -o (!@p traj) or
 * --trajectory cannot write: a format this build leaves out, the other
 * kind of format, or no format at all. */
static int
bad_output_format(const char *path, int traj, char *msg, size_t msgsize)
{
    const char *option = traj ? "--trajectory" : "--output";
    const ov_format_info *f = NULL;
    char want[128];
    ov_format fmt;

    extension_list(want, sizeof want, traj);
    if (ov_format_from_path(path, &fmt) == OV_OK)
        f = ov_format_info_of(fmt);
    if (f && kind_fits(f->kind, traj) && !f->available)
        return usage(msg, msgsize, "this optviz was built without %s support",
                     f->feature ? f->feature : f->name);
    if (f && !kind_fits(f->kind, traj))
        return usage(msg, msgsize, "%s: '%s' is a %s format; %s takes %s%s",
                     option, path, traj ? "figure" : "trajectory", option,
                     want, traj ? " (figures go to -o)"
                                : " (trajectories go to --trajectory)");
    return usage(msg, msgsize, "%s: cannot tell the format of '%s' (use %s%s)",
                 option, path, want, traj ? ", or - for CSV on stdout" : "");
}

int
ov__cli_unknown_loss(const char *name, char *msg, size_t msgsize)
{
    ov__suggest s;
    size_t i, n = ov_loss_catalogue_count();

    ov__suggest_init(&s, name);
    for (i = 0; i < n; i++)
        ov__suggest_add(&s, ov_loss_catalogue_name(i));
    usage(msg, msgsize, "--loss: unknown loss '%s'", name);
    ov__suggest_append(&s, msg, msgsize);
    if (!ov__suggest_result(&s)) {
        size_t l = strlen(msg);
        snprintf(msg + l, msgsize - l, "; see optviz --list losses");
    }
    ov__cli_msg_clean(msg);
    return OV_EXIT_USAGE;
}

/* --view response runs the optimizers on a gradient signal from 0: the
 * options about the loss, its data and the start point mean nothing. */
static int
check_response(ov__cli_opts *o, char *msg, size_t msgsize)
{
    ov_format fmt;
    ov__suggest s;
    size_t i, n = ov_signal_count();

    if (o->spec.view != OV_VIEW_RESPONSE) {
        if (o->signal)
            return usage(msg, msgsize,
                         "--signal only applies to --view response");
        return OV_EXIT_OK;
    }
    if (!o->signal || ov_signal_find(o->signal, &i) != OV_OK) {
        char names[160] = "";

        for (i = 0; i < n; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names),
                     "%s%s", i ? ", " : "", ov_signal_name(i));
        if (!o->signal)
            return usage(msg, msgsize, "--view response needs --signal NAME "
                         "(one of %s)", names);
        ov__suggest_init(&s, o->signal);
        for (i = 0; i < n; i++)
            ov__suggest_add(&s, ov_signal_name(i));
        usage(msg, msgsize, "--signal: unknown signal '%s'", o->signal);
        ov__suggest_append(&s, msg, msgsize);
        if (!ov__suggest_result(&s))
            snprintf(msg + strlen(msg), msgsize - strlen(msg), " (one of %s)",
                     names);
        return OV_EXIT_USAGE;
    }
    o->spec.signal = ov_signal_name(i);
    if (o->epochs >= 0)
        return usage(msg, msgsize, "--epochs does not apply to --view "
                     "response; use --steps (default %d)",
                     OV_SIGNAL_DEFAULT_STEPS);
    if (o->steps == 0)
        return usage(msg, msgsize, "--steps 0: --view response needs at "
                     "least one step");
    if (o->n_start)
        return usage(msg, msgsize, "--start does not apply to --view "
                     "response: the parameter starts at 0");
    if (o->data_path)
        return usage(msg, msgsize, "--data does not apply to --view "
                     "response: the gradients are the signal");
    if (o->spec.panel_loss)
        return usage(msg, msgsize, "--panel loss does not apply to --view "
                     "response: there is no loss");
    if (o->schedule.kind != OV_SCHEDULE_NONE || o->warmup > 0
        || o->clip_norm || o->clip_value)
        return usage(msg, msgsize, "--%s does not apply to --view response: "
                     "the signal's gradients are fed as they are",
                     o->schedule.kind != OV_SCHEDULE_NONE ? "schedule"
                     : o->warmup > 0 ? "warmup"
                     : o->clip_norm ? "clip-grad-norm" : "clip-grad-value");
    if (o->trajectory && ov__cli_output_format(o, 1, &fmt)
        && fmt != OV_FORMAT_CSV)
        return usage(msg, msgsize, "--trajectory: --view response exports "
                     "CSV only (x is the parameter, grad_x the signal)");
    return OV_EXIT_OK;
}

/* --view's name for @p v. */
static const char *
view_name(int v)
{
    for (const choice *c = view_choices; c->name; c++)
        if (c->value == v)
            return c->name;
    return "auto";
}

/* --size WxHin: pixels at --dpi (matplotlib's 100 when not given), and the
 * dpi recorded, so the page of an SVG/PDF is the size asked for. */
static int
size_from_inches(ov__cli_opts *o, char *msg, size_t msgsize)
{
    if (!(o->spec.dpi > 0.0))
        o->spec.dpi = 100.0;
    double w = round(o->size_in[0] * o->spec.dpi);
    double h = round(o->size_in[1] * o->spec.dpi);
    if (w < OV__CLI_MIN_WIDTH || h < OV__CLI_MIN_HEIGHT)
        return usage(msg, msgsize, "--size %gx%gin at %g dpi is %.0fx%.0f "
                     "pixels, too small (at least %dx%d)", o->size_in[0],
                     o->size_in[1], o->spec.dpi, w, h, OV__CLI_MIN_WIDTH,
                     OV__CLI_MIN_HEIGHT);
    if (w > 32767 || h > 32767 || w * h > (double)OV_MAX_PIXELS)
        return usage(msg, msgsize, "--size %gx%gin at %g dpi is %.0fx%.0f "
                     "pixels, too large (at most %ld pixels)", o->size_in[0],
                     o->size_in[1], o->spec.dpi, w, h, (long)OV_MAX_PIXELS);
    o->spec.width = (int)w;
    o->spec.height = (int)h;
    return OV_EXIT_OK;
}

static int
finalize(ov__cli_opts *o, char *msg, size_t msgsize)
{
    ov_format fmt;
    size_t i, n;
    int rc;

    msg[0] = '\0';
    if (o->spec.title && !valid_utf8(o->spec.title))
        return usage(msg, msgsize, "--title: invalid UTF-8");
    if (o->n_imports && !o->loss_name)
        return usage(msg, msgsize, "--import: give --loss, the surface under "
                     "the runs (a loss name, an expression or grid:FILE)");
    if (o->n_imports && (o->tune || o->spec.view == OV_VIEW_RESPONSE
                         || o->spec.view == OV_VIEW_SENSITIVITY))
        return usage(msg, msgsize, "--import does not apply to %s: imported "
                     "runs are drawn on a loss", o->tune ? "--tune"
                     : o->spec.view == OV_VIEW_RESPONSE ? "--view response"
                     : "--view sensitivity");
    if (o->n_algos == 0 && !o->n_imports) {
        static const ov_algo defaults[] = {
            OV_ALGO_GD, OV_ALGO_MOMENTUM, OV_ALGO_RMSPROP, OV_ALGO_ADAM
        };
        for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
            memset(&o->algos[i], 0, sizeof o->algos[i]);
            o->algos[i].algo = defaults[i];
            snprintf(o->algos[i].item, sizeof o->algos[i].item, "%s",
                     ov_algo_name(defaults[i]));
        }
        o->n_algos = i;
    }
    if (!o->loss_name)
        o->loss_name = "ols";
    if (o->spec.colormap) {
        ov__suggest s;
        int found = 0;

        ov__suggest_init(&s, o->spec.colormap);
        n = ov_colormap_count();
        for (i = 0; i < n; i++) {
            const char *name = ov_colormap_name(i);
            if (name && ov__cli_same_name(name, o->spec.colormap))
                found = 1;
            ov__suggest_add(&s, name);
        }
        if (!found) {
            usage(msg, msgsize, "--colormap: unknown colormap '%s'",
                  o->spec.colormap);
            ov__suggest_append(&s, msg, msgsize);
            return OV_EXIT_USAGE;
        }
    }
    if (apply_format(o, msg, msgsize) != OV_EXIT_OK)
        return OV_EXIT_USAGE;
    if (o->trajectory && !ov__cli_output_format(o, 1, &fmt))
        return bad_output_format(o->trajectory, 1, msg, msgsize);
    if (o->output && strcmp(o->output, "-") == 0 && o->fig_format < 0)
        return usage(msg, msgsize, "--output -: give --format (png, svg, "
                     "pdf, gif, ...) for standard output");
    if (o->output && !ov__cli_output_format(o, 0, &fmt))
        return bad_output_format(o->output, 0, msg, msgsize);
    if ((o->no_live || o->sliders_given)
        && !(o->output && ov__cli_path_format(o->output, 0, &fmt)
             && fmt == OV_FORMAT_HTML))
        return usage(msg, msgsize, "%s only applies to an .html page "
                     "(-o FILE.html)", o->no_live ? "--no-live"
                                                  : "--sliders");
    if (o->no_live && o->sliders_given)
        return usage(msg, msgsize, "--sliders and --no-live: a page "
                     "without WebAssembly has no sliders");
    if (o->output && ov__cli_path_format(o->output, 0, &fmt)
        && fmt == OV_FORMAT_HTML && !o->no_live && !ov_format_html_live())
        return usage(msg, msgsize, "this optviz was built without "
                     "WebAssembly support (a live page needs emscripten at "
                     "build time); use --no-live for a player page");
    if (o->output && o->trajectory && strcmp(o->output, o->trajectory) == 0)
        return usage(msg, msgsize, "--output and --trajectory name the same "
                     "file '%s'", strcmp(o->output, "-") == 0
                     ? "- (standard output)" : o->output);
    if (o->summary && ((o->output && strcmp(o->output, o->summary) == 0)
                       || (o->trajectory
                           && strcmp(o->trajectory, o->summary) == 0)))
        return usage(msg, msgsize, "--summary '%s' is also written by %s",
                     o->summary, o->output && strcmp(o->output, o->summary)
                     == 0 ? "--output" : "--trajectory");
    if (o->summary && strcmp(o->summary, "-") != 0) {
        if (ov_format_from_path(o->summary, &fmt) != OV_OK
            || fmt != OV_FORMAT_JSON)
            return usage(msg, msgsize, "--summary: '%s' is not a .json file",
                         o->summary);
    }
    if (o->jobs)
        return usage(msg, msgsize, "-j/--jobs only applies to --batch");
    if (check_response(o, msg, msgsize) != OV_EXIT_OK)
        return OV_EXIT_USAGE;
    if (o->spec.view == OV_VIEW_SENSITIVITY && !o->tune)
        return usage(msg, msgsize, "--view sensitivity needs --tune "
                     "lr=LO:HI:N (e.g. --tune lr=1e-4:1:41)");
    if (o->spec.view == OV_VIEW_SENSITIVITY
        && (o->spec.panel_loss || o->spec.layout_grid))
        return usage(msg, msgsize, "--view sensitivity is one chart of every "
                     "optimizer: no --panel loss or --layout grid");
    if (o->tune && o->spec.view == OV_VIEW_RESPONSE)
        return usage(msg, msgsize, "--tune does not apply to --view "
                     "response: it has no loss to compare on");
    if (o->size_inches
        && (rc = size_from_inches(o, msg, msgsize)) != OV_EXIT_OK)
        return rc;
    if (o->spec.aspect == OV_ASPECT_EQUAL && o->spec.view != OV_VIEW_AUTO
        && o->spec.view != OV_VIEW_CONTOUR)
        return usage(msg, msgsize, "--aspect equal applies to the contour "
                     "view only (x and y in one unit); --view %s has %s",
                     view_name(o->spec.view),
                     o->spec.view == OV_VIEW_SURFACE
                     ? "a 3-D box with its own proportions"
                     : "axes in different units");
    o->spec.command_line = o->command_line;
    for (i = 0; i < o->n_algos; i++) {
        o->spec.has_color[i] = o->algos[i].has_color;
        o->spec.color[i] = o->algos[i].color;
        o->spec.points_only[i] = o->algos[i].points_only;
    }
    return OV_EXIT_OK;
}

int
ov__cli_finalize(ov__cli_opts *o, char *msg, size_t msgsize)
{
    int rc = finalize(o, msg, msgsize);

    ov__cli_msg_clean(msg);
    return rc;
}

/* ---- configs and labels -------------------------------------------------- */

/*
 * Which given value made torch refuse the config: the first one that is
 * refused on its own, item keys before global flags.  -1 when only a
 * combination is refused (nesterov without momentum, say).
 */
static int
find_culprit(const ov__cli_algo *a, const ov__param_set *global,
             double lr, int *from_item, ov_error *err)
{
    int pass;
    size_t p;

    for (pass = 0; pass < 2; pass++) {
        const ov__param_set *ps = pass == 0 ? &a->params : global;

        for (p = 0; p < ov__cli_param_count(); p++) {
            ov_optim_config c;

            if (!ps->given[p])
                continue;
            if (pass == 1 && (a->params.given[p]
                              || !ov_algo_takes_param(a->algo, param_key(p))))
                continue;
            ov_optim_config_init(&c, a->algo);
            c.lr = lr;
            ov_optim_config_set_value(&c, p, ps->value[p]);
            if (ov_optim_config_validate(&c, err) != OV_OK) {
                *from_item = pass == 0;
                return (int)p;
            }
        }
    }
    return -1;
}

static int
config_message(const ov__cli_algo *a, const ov__param_set *global,
               double lr, const ov_error *whole, char *msg, size_t msgsize)
{
    ov_error err;
    int from_item = 0;
    int p = find_culprit(a, global, lr, &from_item, &err);
    const char *name = ov_algo_name(a->algo);

    if (p < 0)
        return usage(msg, msgsize, "--algo '%s': %s", a->item, whole->what);
    if (from_item)
        return usage(msg, msgsize, "--algo '%s': %s", a->item, err.what);
    if (param_type((size_t)p) == OV_PARAM_FLAG)
        return usage(msg, msgsize, "--%s (for %s): %s", param_key((size_t)p),
                     name, err.what);
    return usage(msg, msgsize, "--%s '%s' (for %s): %s", param_key((size_t)p),
                 global->text[p], name, err.what);
}

static void
format_lr(char *buf, size_t size, double lr)
{
    snprintf(buf, size, "%g", lr);
}

static int
label_taken(char (*labels)[64], size_t n, size_t self, const char *label)
{
    size_t j;

    for (j = 0; j < n; j++)
        if (j != self && labels[j][0] && strcmp(labels[j], label) == 0)
            return 1;
    return 0;
}

static int
assign_labels(const ov__cli_opts *o, const ov_optim_config *cfgs,
              char (*labels)[64], char *msg, size_t msgsize)
{
    size_t n = o->n_algos, i, j;

    for (i = 0; i < n; i++)
        labels[i][0] = '\0';
    /* Explicit labels first: they are kept as given, so they must differ. */
    for (i = 0; i < n; i++) {
        if (!o->algos[i].has_label)
            continue;
        if (label_taken(labels, n, i, o->algos[i].label))
            return usage(msg, msgsize, "--algo: label '%s' is used twice",
                         o->algos[i].label);
        snprintf(labels[i], 64, "%s", o->algos[i].label);
    }
    for (i = 0; i < n; i++) {
        const char *name = ov_algo_name(cfgs[i].algo);
        size_t same = 0;
        int distinct_lr = 1;
        char lr[32];

        if (o->algos[i].has_label)
            continue;
        /* The same algorithm more than once: tell the runs apart by lr
         * when that is what differs (an lr sweep), else by number. */
        for (j = 0; j < n; j++) {
            if (o->algos[j].has_label || cfgs[j].algo != cfgs[i].algo)
                continue;
            same++;
            if (j != i && cfgs[j].lr == cfgs[i].lr)
                distinct_lr = 0;
        }
        if (same > 1 && distinct_lr) {
            format_lr(lr, sizeof lr, cfgs[i].lr);
            snprintf(labels[i], 64, "%s lr=%s", name, lr);
        } else {
            snprintf(labels[i], 64, "%s", name);
        }
    }
    for (i = 0; i < n; i++) {
        char base[64];
        int k = 2;

        if (o->algos[i].has_label || !label_taken(labels, i, i, labels[i]))
            continue;
        /* Taken by an earlier series: number this one. */
        snprintf(base, sizeof base, "%s", labels[i]);
        do {
            snprintf(labels[i], 64, "%.50s-%d", base, k++);
        } while (label_taken(labels, n, i, labels[i]));
    }
    return OV_EXIT_OK;
}

static int
build_configs(const ov__cli_opts *o, const ov_loss *loss,
              ov_optim_config *cfgs, char (*labels)[64], char *msg,
              size_t msgsize)
{
    size_t i, p;

    msg[0] = '\0';
    for (i = 0; i < o->n_algos; i++) {
        const ov__cli_algo *a = &o->algos[i];
        ov_optim_config *c = &cfgs[i];
        double lr;
        ov_error err;

        ov_optim_config_init(c, a->algo);
        lr = ov_loss_recommended_lr(loss, a->algo);
        if (lr > 0)
            c->lr = lr;
        for (p = 0; p < ov__cli_param_count(); p++) {
            if (a->params.given[p])
                ov_optim_config_set_value(c, p, a->params.value[p]);
            else if (o->global.given[p]
                     && ov_algo_takes_param(a->algo, param_key(p)))
                ov_optim_config_set_value(c, p, o->global.value[p]);
        }
        memset(&err, 0, sizeof err);
        if (ov_optim_config_validate(c, &err) != OV_OK)
            return config_message(a, &o->global, lr > 0 ? lr : c->lr, &err,
                                  msg, msgsize);
    }
    return assign_labels(o, cfgs, labels, msg, msgsize);
}

int
ov__cli_build_configs(const ov__cli_opts *o, const ov_loss *loss,
                      ov_optim_config *cfgs, char (*labels)[64], char *msg,
                      size_t msgsize)
{
    int rc = build_configs(o, loss, cfgs, labels, msg, msgsize);

    ov__cli_msg_clean(msg);
    return rc;
}

/* ---- help ---------------------------------------------------------------- */

/* Prints @p text from column @p indent, wrapped before column 79 at a
 * space or after a '/' (lists of optimizers, "adam/adamax/..."). */
static void
print_wrapped(FILE *f, const char *text, size_t col, size_t indent)
{
    const size_t width = 79;

    while (*text) {
        size_t len = strlen(text), cut;

        if (col + len <= width) {
            fprintf(f, "%s\n", text);
            return;
        }
        cut = width > col ? width - col : 0;
        while (cut > 0 && text[cut] != ' ' && text[cut - 1] != '/')
            cut--;
        if (cut == 0) {
            cut = strcspn(text, " ");
        }
        fprintf(f, "%.*s\n%*s", (int)cut, text, (int)indent, "");
        text += cut;
        while (*text == ' ')
            text++;
        col = indent;
    }
}

/* One entry of --help: the option, then its help from column 30. */
static void
print_option(FILE *f, char short_name, const char *long_name,
             const char *value_name, const char *help)
{
    const size_t help_col = 30;
    char head[160];
    int len;

    if (short_name)
        len = snprintf(head, sizeof head, "  -%c, --%s", short_name,
                       long_name);
    else
        len = snprintf(head, sizeof head, "      --%s", long_name);
    if (value_name)
        len += snprintf(head + len, sizeof head - (size_t)len, " %s",
                        value_name);
    if ((size_t)len + 2 > help_col)
        fprintf(f, "%s\n%*s", head, (int)help_col, "");
    else
        fprintf(f, "%-*s", (int)help_col, head);
    print_wrapped(f, help, help_col, help_col);
}

void
ov__cli_print_help(FILE *f)
{
    size_t i;

    fprintf(f,
            "Usage: optviz [OPTION]...\n"
            "       optviz --batch FILE [-j N] [--force] [-q]\n"
            "       optviz --list losses|algos|colormaps|signals\n"
            "       optviz --help | --version\n"
            "Run optimizers on a loss function and draw what they do: an "
            "animated GIF,\n"
            "a PNG, SVG or PDF still, and/or the trajectories as CSV or "
            "JSON.\n");
    for (i = 0; i < N_OPTIONS; i++) {
        const option *opt = &options[i];
        size_t p;

        if (opt->type == T_HEADING) {
            fprintf(f, "\n%s\n", opt->help);
            continue;
        }
        if (opt->type != T_PARAMS) {
            print_option(f, opt->short_name, opt->long_name, opt->value_name,
                         opt->help);
            continue;
        }
        for (p = 0; p < ov__cli_param_count(); p++) {
            const ov_param *info = ov_param_info(p);
            char help[256];

            if (!param_at(opt, p))
                continue;
            ov_param_help(p, help, sizeof help);
            print_option(f, 0, info->key, info->value_name, help);
        }
    }
    fprintf(f,
            "\nExamples:\n"
            "  optviz --algo adam --loss rosenbrock\n"
            "  optviz -a gd,momentum:momentum=0.5,adam:lr=0.05 -o race.png\n"
            "  optviz -a gd:lr=0.1,gd:lr=0.5 --loss parabola --trajectory -\n"
            "  optviz --batch jobs.txt -j 2\n"
            "\nExit status: 0 success, 1 runtime error (unreadable data, "
            "unwritable output),\n2 usage error.\n");
}
