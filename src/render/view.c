/*
 * view.c: the base every view starts with (view.h): sizes, theme, names,
 * series; its layers; its colours.  The frames are frame.c's.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optviz/loss.h"
#include "alloc_private.h"
#include "colormap.h"
#include "view.h"
#include "sink_private.h"
#include "occupancy.h"
#include "extent.h"
#include "ticks.h"
#include "title.h"

/* ---- set-up -------------------------------------------------------------- */

/* The colour scale's settings, which every view with bands checks the
 * same way. */
ov_status
ov__check_scale(const ov_figure_spec *spec, ov_error *err)
{
    if (spec->levels < 2 || spec->levels > 256) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "levels");
        return OV_ERR_INVALID_ARG;
    }
    if (spec->zscale < OV_ZSCALE_LINEAR || spec->zscale > OV_ZSCALE_AUTO) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "zscale");
        return OV_ERR_INVALID_ARG;
    }
    return OV_OK;
}

ov_status
ov__view_init(ov__view *v, const ov__view_class *cls, const ov_loss *loss,
              const ov_trajectory *const *trajs, size_t n,
              const ov_figure_spec *spec, int dim, ov_error *err)
{
    v->cls = cls;
    v->W = spec->width;
    v->H = spec->height;
    ov__type ty;
    ov__type_of(&ty, spec);
    v->s = ty.s;
    v->fs_tick = v->fs_legend = ty.tick;
    v->fs_label = ty.label;
    v->fs_title = ty.title;
    v->fs_small = ty.small;
    v->tc = *ov__theme(spec->theme);
    v->trail = spec->trail;
    v->loss = loss;
    v->drawn = -1;
    v->trail_clip = (ov__box){ 0, 0, v->W, v->H };
    v->data_loss = ov_loss_dataset(loss) != NULL;
    v->cmap = ov__colormap_find(spec->colormap ? spec->colormap : "viridis");
    if (v->cmap < 0) {
        ov__set_err(err, OV_ERR_NOT_FOUND, spec->colormap);
        return OV_ERR_NOT_FOUND;
    }
    if (dim && ov_loss_dim(loss) != dim) {
        ov__set_err(err, OV_ERR_UNSUPPORTED, dim == 2
                    ? "this view needs a loss of two parameters"
                    : "the curve view needs a loss of one parameter");
        return OV_ERR_UNSUPPORTED;
    }
    ov_status st_scale = ov__check_scale(spec, err);
    if (st_scale)
        return st_scale;
    const char *xn = "x", *yn = "y", *zn = "f";
    ov_loss_axis_names(loss, &xn, &yn, &zn);
    const char *name = ov_loss_display_name(loss);
    ov__clean_utf8(v->name, sizeof v->name, name ? name : "");
    ov__clean_utf8(v->xname, sizeof v->xname, xn ? xn : "x");
    ov__clean_utf8(v->yname, sizeof v->yname, yn ? yn : "y");
    ov__clean_utf8(v->zname, sizeof v->zname, zn ? zn : "f");
    if (spec->title && spec->title[0]) {
        ov__clean_utf8(v->title, sizeof v->title, spec->title);
        v->has_title = 1;
        v->title_fields = ov__title_fields(v->title, NULL, 0);
        if (v->title_fields == 0) {
            /* A plain title: its "{{" and "}}" unescaped once. */
            char t[sizeof v->title];
            ov__title_expand(v->title, NULL, t, sizeof t);
            memcpy(v->title, t, sizeof t);
        } else if (v->title_fields < 0) {
            /* Cut by the cleaning mid-field: shown as typed. */
            v->title_fields = 0;
        }
    }
    v->title_counter = spec->title_counter > 0;
    v->legend_corner = spec->legend_corner >= 1 && spec->legend_corner <= 4
                       ? spec->legend_corner : 0;
    v->scratch = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
    v->meas = cairo_create(v->scratch);
    if (cairo_status(v->meas))
        return OV_ERR_RENDER;
    v->n = n;
    ov__series_colors(trajs, n, spec, v->color);
    for (size_t i = 0; i < n; i++) {
        const ov_trajectory *t = trajs[i];
        v->t[i] = t;
        size_t k = ov__finite_rows(t);
        if (k == 0) {
            ov__set_err(err, OV_ERR_NONFINITE, t->label);
            return OV_ERR_NONFINITE;
        }
        v->nrows[i] = k;
        v->diverged[i] = t->diverged_at >= 0 || k < t->n_rows;
        if ((long)k - 1 > v->last_step)
            v->last_step = (long)k - 1;
        ov__series_label(t, v->label[i], sizeof v->label[i]);
    }
    return OV_OK;
}

ov_status
ov__view_new(ov__view **out, size_t size, const ov__view_class *cls,
             const ov_loss *loss, const ov_trajectory *const *trajs, size_t n,
             const ov_figure_spec *spec, int dim, ov_error *err)
{
    *out = NULL;
    ov__view *v = ov__calloc(1, size);
    if (!v)
        return OV_ERR_NOMEM;
    ov_status st = ov__view_init(v, cls, loss, trajs, n, spec, dim, err);
    if (st) {
        ov__view_destroy(v);
        return st;
    }
    *out = v;
    return OV_OK;
}

double
ov__epoch_steps(const ov__view *v)
{
    long per = 0;
    for (size_t i = 0; i < v->n; i++) {
        long s = v->t[i]->steps_per_epoch;
        per = i == 0 ? s : (s == per ? per : 1);
    }
    return v->data_loss && per > 1 ? (double)per : 1.0;
}

uint32_t
ov__casing_for(uint32_t color, const uint32_t *bg, size_t n, double *least)
{
    double lb = INFINITY, lw = INFINITY;
    for (size_t k = 0; k < n; k++) {
        double c = ov__contrast(color, bg[k]);
        lb = fmin(lb, fmax(c, ov__contrast(OV__BLACK, bg[k])));
        lw = fmin(lw, fmax(c, ov__contrast(OV__WHITE, bg[k])));
    }
    int white = lb < OV__MIN_CONTRAST && lw > lb;
    if (least)
        *least = white ? lw : lb;
    return white ? OV__WHITE : OV__BLACK;
}

/* Each trail's casing against the bands under its rows (at most 256 of
 * them, evenly); black in a view with no colour scale (a plain
 * background). */
static void
pick_casing(ov__view *v)
{
    for (size_t i = 0; i < v->n; i++) {
        v->casing[i] = OV__BLACK;
        if (!v->cls->band_color || v->nrows[i] == 0)
            continue;
        uint32_t bg[256];
        size_t nb = 0, every = v->nrows[i] / 256 + 1;
        for (size_t k = 0; k < v->nrows[i] && nb < 256; k += every) {
            double f = v->t[i]->rows[k].loss;
            if (isfinite(f))
                bg[nb++] = v->cls->band_color(v, f);
        }
        v->casing[i] = ov__casing_for(v->color[i], bg, nb, NULL);
    }
}

ov_status
ov__view_finish(ov__view *v, int raster)
{
    pick_casing(v);
    v->raster = raster == 1;
    if (!v->raster)
        return OV_OK;
    v->bg = cairo_image_surface_create(CAIRO_FORMAT_RGB24, v->W, v->H);
    v->trails = cairo_image_surface_create(CAIRO_FORMAT_RGB24, v->W, v->H);
    v->frame = cairo_image_surface_create(CAIRO_FORMAT_RGB24, v->W, v->H);
    if (cairo_surface_status(v->bg) || cairo_surface_status(v->trails) ||
        cairo_surface_status(v->frame))
        return OV_ERR_NOMEM;
    v->cr_trails = cairo_create(v->trails);
    v->cr_frame = cairo_create(v->frame);
    if (cairo_status(v->cr_trails) || cairo_status(v->cr_frame))
        return OV_ERR_NOMEM;
    if (!v->dynamic) {
        cairo_t *cr = cairo_create(v->bg);
        ov__pen pn = { cr, NULL };
        ov_status st = v->cls->background(v, &pn, v->last_step);
        if (!st && cairo_status(cr))
            st = OV_ERR_RENDER;
        cairo_destroy(cr);
        cairo_surface_flush(v->bg);
        if (st)
            return st;
    }
    v->img.width = v->W;
    v->img.height = v->H;
    v->img.stride = (size_t)cairo_image_surface_get_stride(v->frame);
    v->img.px = (uint32_t *)cairo_image_surface_get_data(v->frame);
    return OV_OK;
}

void
ov__view_destroy(ov__view *v)
{
    if (!v)
        return;
    if (v->cr_trails) cairo_destroy(v->cr_trails);
    if (v->cr_frame) cairo_destroy(v->cr_frame);
    if (v->meas) cairo_destroy(v->meas);
    if (v->bg) cairo_surface_destroy(v->bg);
    if (v->trails) cairo_surface_destroy(v->trails);
    if (v->frame) cairo_surface_destroy(v->frame);
    if (v->page_bg) cairo_surface_destroy(v->page_bg);
    if (v->work) cairo_surface_destroy(v->work);
    if (v->scratch) cairo_surface_destroy(v->scratch);
    if (v->cls && v->cls->free)
        v->cls->free(v);
    else
        ov__free(v);
}

size_t
ov__view_row(const ov__view *v, size_t i, long step)
{
    if (step < 0)
        return 0;
    return (size_t)step < v->nrows[i] ? (size_t)step : v->nrows[i] - 1;
}

void
ov__view_plot_area(const ov__view *v, int *x, int *y, int *w, int *h)
{
    *x = (int)v->area[0];
    *y = (int)v->area[1];
    *w = (int)v->area[2];
    *h = (int)v->area[3];
}

size_t
ov__overlay_all_changed(int *changed, size_t n)
{
    for (size_t k = 0; k < n; k++)
        changed[k] = 1;
    return n;
}

/* The colours every chart view paints, then its extra_colors. */
size_t
ov__chart_colors(const ov__view *v, uint32_t *out, size_t cap)
{
    size_t n = 0;
    ov__colors_add(out, cap, &n, v->tc.bg);
    ov__colors_add(out, cap, &n, v->tc.text);
    ov__colors_add(out, cap, &n, v->tc.axis);
    ov__colors_add(out, cap, &n, OV__WHITE);
    ov__colors_add(out, cap, &n, OV__BLACK);
    for (size_t i = 0; i < v->n; i++)
        ov__colors_add(out, cap, &n, v->color[i]);
    ov__colors_add(out, cap, &n, v->tc.legend_edge);
    ov__colors_add(out, cap, &n, v->tc.grid);
    if (v->cls->extra_colors) {
        uint32_t more[1024];
        size_t m = v->cls->extra_colors(v, more, 1024);
        for (size_t k = 0; k < m && k < 1024; k++)
            ov__colors_add(out, cap, &n, more[k]);
    }
    return n;
}

/* The text of a title and where it goes (ov__view_title): its anchor x
 * in *x and horizontal alignment in *ha. */
static void
title_fit(const ov__view *v, const char *t, double cx, char *out, size_t cap,
          double *x, double *ha)
{
    double m = ov__view_title_margin(v), room = v->W - 2.0 * m;
    double w = ov__text_ellipsize(v->meas, t, v->fs_title, room, out, cap);
    if (v->title_w > 0.0 && w < room && strcmp(out, t) == 0) {
        /* A live title: left edge of the reserved box, fixed. */
        double bw = fmin(fmax(v->title_w, w), room);
        /* On a whole pixel: crisp glyphs, the same in every frame. */
        *x = round(fmin(fmax(cx, m + 0.5 * bw), v->W - m - 0.5 * bw) -
                   0.5 * bw);
        *ha = 0.0;
        return;
    }
    *x = fmin(fmax(cx, m + 0.5 * w), v->W - m - 0.5 * w);
    *ha = 0.5;
}

void
ov__view_title(const ov__view *v, ov__pen *pn, const char *t, double cx,
               double y)
{
    char buf[512];
    double x, ha;
    title_fit(v, t, cx, buf, sizeof buf, &x, &ha);
    ov__text(pn, buf, x, y, v->fs_title, 0.0, ha, v->tc.text, 1.0);
}

void
ov__view_scene_entry(const ov__view *v, size_t i, const char *shown,
                     int kind, ov__scene_entry *e)
{
    char tail[64];
    size_t n = strlen(v->label[i]), m;

    e->label = shown;
    e->color = v->color[i];
    e->kind = kind;
    e->series = (int)i;
    /* ov__series_label's " (lr=%g)", when the legend shows it whole. */
    snprintf(tail, sizeof tail, " (lr=%g)", v->t[i]->config.lr);
    m = strlen(tail);
    e->has_lr_base = strcmp(shown, v->label[i]) == 0 && n > m &&
                     strcmp(v->label[i] + n - m, tail) == 0;
    if (e->has_lr_base)
        snprintf(e->lr_base, sizeof e->lr_base, "%.*s", (int)(n - m),
                 v->label[i]);
}

int
ov__view_title_at(const ov__view *v, const char *t, double cx, double *x,
                  double *ha)
{
    char buf[512];
    title_fit(v, t, cx, buf, sizeof buf, x, ha);
    return strcmp(buf, t) == 0;
}

ov__box
ov__view_title_box(const ov__view *v, const char *t, double cx, double y)
{
    char buf[512];
    double x, ha;
    title_fit(v, t, cx, buf, sizeof buf, &x, &ha);
    return ov__text_box(v->meas, buf, x, y, v->fs_title, ha);
}

/* The title with every digit made '0': titles of one shape have one
 * width when the digits are tabular (DejaVu's are), so only distinct
 * shapes need measuring. */
static void
title_shape(char *s)
{
    for (; *s; s++)
        if (*s >= '1' && *s <= '9')
            *s = '0';
}

/* The step counter: the seed's "Epoch: i, Error: e" for one run on a
 * data loss; else "Iteration k", and what is true of the runs that
 * ended before step k (each is drawn at its own last row): "; gd
 * stopped at 3", or "; 2 runs stopped" for several. */
static void
counter(const ov__view *v, long step, char *buf, size_t size)
{
    if (v->n == 1 && v->data_loss) {
        const ov_traj_row *r = &v->t[0]->rows[ov__view_row(v, 0, step)];
        char e[32];
        ov__format_sig(e, sizeof e, r->loss, 4);
        snprintf(buf, size, "Epoch: %ld, Error: %s", r->epoch, e);
        return;
    }
    size_t ended = 0, first = 0;
    for (size_t i = 0; i < v->n; i++)
        if ((long)v->nrows[i] - 1 < step && ended++ == 0)
            first = i;
    if (ended == 1) {
        char lab[80];
        ov__clean_utf8(lab, sizeof lab, v->t[first]->label);
        snprintf(buf, size, "Iteration %ld; %s stopped at %ld", step, lab,
                 (long)v->nrows[first] - 1);
    } else if (ended > 1) {
        snprintf(buf, size, "Iteration %ld; %zu runs stopped", step, ended);
    } else {
        snprintf(buf, size, "Iteration %ld", step);
    }
}

void
ov__view_live_title(const ov__view *v, long step, char *buf, size_t size)
{
    buf[0] = '\0';
    if (v->title_fields > 0) {
        ov__title_vals tv = { step, 0, 0.0, 0.0 };
        if (v->n > 0) {
            const ov_traj_row *r = &v->t[0]->rows[ov__view_row(v, 0, step)];
            tv.epoch = r->epoch;
            tv.loss = r->loss;
            tv.lr = r->lr;
        }
        ov__title_expand(v->title, &tv, buf, size);
        return;
    }
    if (!v->counts || (v->has_title && !v->title_counter))
        return;
    char c[192];
    counter(v, step, c, sizeof c);
    if (v->has_title)
        snprintf(buf, size, "%s (%s)", v->title, c);
    else if (v->n == 1 && v->data_loss)
        snprintf(buf, size, "%s", c);
    else
        snprintf(buf, size, "%s: %s", v->name, c);
}

const char *
ov__view_fixed_title(const ov__view *v)
{
    if (!v->has_title || v->title_fields > 0 ||
        (v->counts && v->title_counter))
        return NULL;
    return v->title;
}

int
ov__view_title_prefix(const ov__view *v, char *prefix, size_t size)
{
    prefix[0] = '\0';
    if (v->title_fields == 1) {
        size_t n = strlen(v->title);
        if (n < 6 || strcmp(v->title + n - 6, "{step}") != 0)
            return 0;
        char head[sizeof v->title];
        memcpy(head, v->title, n - 6);
        head[n - 6] = '\0';
        if (ov__title_fields(head, NULL, 0) != 0)
            return 0;
        ov__title_expand(head, NULL, prefix, size);
        return 1;
    }
    if (v->has_title || !v->counts)
        return 0;
    if (v->n == 1 && v->data_loss)
        return 2;
    for (size_t i = 0; i < v->n; i++)
        if ((long)v->nrows[i] - 1 < v->last_step)
            return 0;           /* "; gd stopped at 3" comes and goes */
    snprintf(prefix, size, "%s: Iteration ", v->name);
    return 1;
}

void
ov__view_user_title(const ov__view *v, long step, char *buf, size_t size)
{
    const char *f = ov__view_fixed_title(v);
    if (f)
        snprintf(buf, size, "%s", f);
    else if (v->has_title)
        ov__view_live_title(v, step, buf, size);
    else
        buf[0] = '\0';
}

void
ov__view_reserve_title(ov__view *v)
{
    enum { SHAPES = 32 };
    static const size_t cap = 256;
    char shapes[SHAPES][256];
    size_t ns = 0;
    double w = 0.0;
    v->title_w = 0.0;
    for (long step = 0; step <= v->last_step; step++) {
        char t[256];
        ov__view_live_title(v, step, t, cap);
        if (!t[0])
            return;
        title_shape(t);
        size_t k = 0;
        while (k < ns && strcmp(shapes[k], t) != 0)
            k++;
        if (k < ns)
            continue;
        if (ns < SHAPES)
            memcpy(shapes[ns++], t, sizeof t);
        w = fmax(w, ov__text_width(v->meas, t, v->fs_title));
    }
    v->title_w = w;
}

ov_status
ov__view_occupancy(ov__view *v, ov__occ *occ, double pad)
{
    cairo_surface_t *m = cairo_image_surface_create(CAIRO_FORMAT_A8, v->W,
                                                    v->H);
    cairo_t *cr = cairo_create(m);
    if (cairo_status(cr)) {
        cairo_destroy(cr);
        cairo_surface_destroy(m);
        return OV_ERR_NOMEM;
    }
    v->cls->rows(v, cr, -1, v->last_step, v->last_step, NULL, NULL);
    cairo_destroy(cr);
    ov__occ_mark_mask(occ, m, pad);
    cairo_surface_destroy(m);
    return OV_OK;
}
