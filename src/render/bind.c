/*
 * bind.c: flat calls for language bindings (optviz/bind.h).
 *
 * Thin: an item string becomes a config through the public
 * hyper-parameter table (param.h), a key/value becomes a field of the
 * figure spec, and the renderers write into a growing buffer.  Nothing
 * here decides anything the tool's options do not.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/bind.h>
#include <optviz/export.h>
#include <optviz/format.h>
#include <optviz/param.h>
#include <optviz/render.h>

#include "alloc_private.h"
#include "error_private.h"

ov_status
ov_bind_run(ov_trajectory **out, const ov_loss *loss, const char *item,
            long steps, long epochs, uint64_t seed, double noise_std,
            const double *start, ov_error *err)
{
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_optim_config cfg;
    char buf[512], label[64] = "", *p, *save = NULL;
    int has_lr = 0;
    ov_algo algo;
    ov_status st;

    if (!item || strlen(item) >= sizeof buf)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                             "an optimizer item of at most %zu characters",
                             sizeof buf - 1);
    strcpy(buf, item);
    p = strtok_r(buf, ":", &save);
    if (!p || ov_algo_from_name(p, &algo) != OV_OK)
        return ov__error_set(err, OV_ERR_NOT_FOUND, 0, 0,
                             "unknown optimizer '%s'", p ? p : "");
    ov_optim_config_init(&cfg, algo);
    while ((p = strtok_r(NULL, ":", &save))) {
        char *eq = strchr(p, '=');
        const char *val = eq ? eq + 1 : "";

        if (eq)
            *eq = '\0';
        if (strcmp(p, "label") == 0) {
            snprintf(label, sizeof label, "%s", val);
            continue;
        }
        st = ov_optim_config_set(&cfg, p, val, err);
        if (st != OV_OK)
            return st == OV_ERR_NOT_FOUND
                   ? ov__error_set(err, st, 0, 0, "unknown key '%s'", p)
                   : st;
        has_lr |= strcmp(p, "lr") == 0;
    }
    if (!has_lr)
        cfg.lr = ov_loss_recommended_lr(loss, algo);
    rc.steps = steps;
    rc.epochs = epochs;
    rc.seed = seed;
    rc.noise_std = noise_std;
    if (start) {
        rc.has_start = 1;
        rc.start[0] = start[0];
        rc.start[1] = ov_loss_dim(loss) == 2 ? start[1] : 0.0;
    }
    st = ov_run(out, loss, &cfg, &rc, err);
    if (st == OV_OK && label[0])
        ov_trajectory_set_label(*out, label);
    return st;
}

size_t
ov_trajectory_row_count(const ov_trajectory *t)
{
    return t->n_rows;
}

const ov_traj_row *
ov_trajectory_row_data(const ov_trajectory *t)
{
    return t->rows;
}

size_t
ov_traj_row_size(void)
{
    return sizeof(ov_traj_row);
}

const char *
ov_trajectory_label(const ov_trajectory *t)
{
    return t->label;
}

void
ov_trajectory_set_label(ov_trajectory *t, const char *label)
{
    snprintf(t->label, sizeof t->label, "%s", label ? label : "");
}

const char *
ov_trajectory_algo_name(const ov_trajectory *t)
{
    return t->config.algo < OV_ALGO_COUNT ? ov_algo_name(t->config.algo) : "";
}

double
ov_trajectory_lr(const ov_trajectory *t)
{
    return t->config.lr;
}

long
ov_trajectory_diverged_at(const ov_trajectory *t)
{
    return t->diverged_at;
}

/* ---- figure specs ------------------------------------------------------- */

struct ov_bind_spec {
    ov_figure_spec spec;
    char colormap[64];
    char title[256];
};

ov_bind_spec *
ov_bind_spec_new(void)
{
    static const ov_figure_spec init = OV_FIGURE_SPEC_INIT;
    ov_bind_spec *s = ov__calloc(1, sizeof *s);

    if (s)
        s->spec = init;
    return s;
}

void
ov_bind_spec_free(ov_bind_spec *s)
{
    ov__free(s);
}

static int
choice(const char *v, const char *const *names, int *out)
{
    int i;

    for (i = 0; names[i]; i++)
        if (strcmp(v, names[i]) == 0) {
            *out = i;
            return 1;
        }
    return 0;
}

static int
number(const char *v, double lo, double hi, double *out)
{
    char *end;

    *out = strtod(v, &end);
    return end != v && *end == '\0' && isfinite(*out) && *out >= lo
           && *out <= hi;
}

ov_status
ov_bind_spec_set(ov_bind_spec *b, const char *key, const char *v,
                 ov_error *err)
{
    static const char *const views[] = { "auto", "contour", "surface",
        "curve", "history", NULL };
    static const char *const zscales[] = { "linear", "log", "sqrt", NULL };
    static const char *const arrows[] = { "none", "gradient", "step", NULL };
    static const char *const themes[] = { "light", "dark", NULL };
    static const char *const contours[] = { "filled", "lines", NULL };
    static const char *const panels[] = { "none", "loss", NULL };
    static const char *const layouts[] = { "overlay", "grid", NULL };
    static const char *const aspects[] = { "auto", "equal", NULL };
    ov_figure_spec *s = &b->spec;
    double d = 0.0, e = 0.0;
    int k = 0, ok = 1;

    if (!key || !v)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "no key or value");
    if (strcmp(key, "view") == 0) {
        ok = choice(v, views, &k);
        s->view = (ov_view)k;
    } else if (strcmp(key, "size") == 0) {
        int w, h, n = 0;
        ok = sscanf(v, "%dx%d%n", &w, &h, &n) == 2 && v[n] == '\0' && w > 0
             && h > 0;
        s->width = w;
        s->height = h;
    } else if (strcmp(key, "xlim") == 0 || strcmp(key, "ylim") == 0) {
        int n = 0;
        ok = sscanf(v, "%lf:%lf%n", &d, &e, &n) == 2 && v[n] == '\0'
             && isfinite(d) && isfinite(e) && d < e;
        if (key[0] == 'x') {
            s->has_xlim = 1;
            s->xlim[0] = d;
            s->xlim[1] = e;
        } else {
            s->has_ylim = 1;
            s->ylim[0] = d;
            s->ylim[1] = e;
        }
    } else if (strcmp(key, "levels") == 0) {
        ok = number(v, 2, 1000, &d) && d == floor(d);
        s->levels = (int)d;
    } else if (strcmp(key, "zscale") == 0) {
        ok = choice(v, zscales, &k);
        s->zscale = (ov_zscale)k;
    } else if (strcmp(key, "colormap") == 0) {
        snprintf(b->colormap, sizeof b->colormap, "%s", v);
        s->colormap = b->colormap;
    } else if (strcmp(key, "arrows") == 0) {
        ok = choice(v, arrows, &k);
        s->arrows = (ov_arrows)k;
    } else if (strcmp(key, "title") == 0) {
        snprintf(b->title, sizeof b->title, "%s", v);
        s->title = b->title;
    } else if (strcmp(key, "legend") == 0 || strcmp(key, "colorbar") == 0
               || strcmp(key, "rotate") == 0
               || strcmp(key, "wireframe") == 0) {
        ok = number(v, 0, 1, &d) && d == floor(d);
        *(key[0] == 'l' ? &s->legend : key[0] == 'c' ? &s->colorbar
          : key[0] == 'r' ? &s->rotate : &s->wireframe) = (int)d;
    } else if (strcmp(key, "theme") == 0) {
        ok = choice(v, themes, &k);
        s->theme = (ov_theme)k;
    } else if (strcmp(key, "contour") == 0) {
        ok = choice(v, contours, &k);
        s->contour = (ov_contour_style)k;
    } else if (strcmp(key, "elev") == 0) {
        ok = number(v, -90, 90, &s->elev);
        s->has_elev = 1;
    } else if (strcmp(key, "azim") == 0) {
        ok = number(v, -36000, 36000, &s->azim);
        s->has_azim = 1;
    } else if (strcmp(key, "frames") == 0 || strcmp(key, "trail") == 0) {
        ok = number(v, key[0] == 'f' ? 1 : 0, OV_MAX_STEPS, &d)
             && d == floor(d);
        *(key[0] == 'f' ? &s->frames : &s->trail) = (long)d;
    } else if (strcmp(key, "fps") == 0) {
        ok = number(v, 0.1, 50, &s->fps);
    } else if (strcmp(key, "hold") == 0) {
        ok = number(v, 0, 3600, &s->hold);
    } else if (strcmp(key, "loop") == 0) {
        ok = number(v, -1, 65535, &d) && d == floor(d);
        s->loop = (int)d;
    } else if (strcmp(key, "panel") == 0) {
        ok = choice(v, panels, &s->panel_loss);
    } else if (strcmp(key, "layout") == 0) {
        ok = choice(v, layouts, &s->layout_grid);
    } else if (strcmp(key, "aspect") == 0) {
        ok = choice(v, aspects, &k);
        s->aspect = (ov_aspect)k;
    } else if (strcmp(key, "dpi") == 0) {
        ok = number(v, 10, 4800, &s->dpi);
    } else {
        return ov__error_set(err, OV_ERR_NOT_FOUND, 0, 0,
                             "unknown figure option '%s'", key);
    }
    if (!ok)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                             "%s: bad value '%s'", key, v);
    return OV_OK;
}

/* ---- into memory ---------------------------------------------------------- */

typedef struct membuf {
    unsigned char *p;
    size_t len, cap;
} membuf;

static int
mem_write(void *closure, const unsigned char *data, size_t len)
{
    membuf *m = closure;

    if (len > m->cap - m->len) {
        size_t cap = m->cap ? m->cap : 1 << 16;
        unsigned char *p;
        while (cap - m->len < len) {
            if (cap > ((size_t)-1) / 2)
                return OV_ERR_NOMEM;
            cap *= 2;
        }
        p = ov__realloc(m->p, cap);
        if (!p)
            return OV_ERR_NOMEM;
        m->p = p;
        m->cap = cap;
    }
    memcpy(m->p + m->len, data, len);
    m->len += len;
    return OV_OK;
}

ov_status
ov_bind_render(unsigned char **out, size_t *len, const char *format,
               const ov_loss *loss, const ov_trajectory *const *trajs,
               size_t n, const ov_bind_spec *spec, ov_error *err)
{
    static const ov_figure_spec init = OV_FIGURE_SPEC_INIT;
    const ov_format_info *info;
    membuf m = { NULL, 0, 0 };
    ov_format fmt;
    ov_status st;

    if (ov_format_from_name(format ? format : "", &fmt) != OV_OK)
        return ov__error_set(err, OV_ERR_NOT_FOUND, 0, 0,
                             "unknown format '%s'", format ? format : "");
    info = ov_format_info_of(fmt);
    if (!info->available)
        return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0,
                             "this optviz was built without %s support",
                             info->feature ? info->feature : info->name);
    if (info->kind == OV_FORMAT_KIND_TRAJECTORY)
        st = ov_export(mem_write, &m, fmt, loss, trajs, n);
    else
        st = ov_render(mem_write, &m, fmt, loss, trajs, n,
                       spec ? &spec->spec : &init, NULL, NULL, err);
    if (st != OV_OK) {
        ov__free(m.p);
        return st;
    }
    *out = m.p;
    *len = m.len;
    return OV_OK;
}

void
ov_bind_free(void *p)
{
    ov__free(p);
}
