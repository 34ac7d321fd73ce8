/*
 * view_contour.c: the 2-D contour figure: set-up (limits, layout, the
 * field, its bands and lines, the series in pixels), accessors and
 * colours.  The drawing is spread over the files cview_private.h lists;
 * layering and the frame protocol are described in scene_private.h.
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc_private.h"
#include "render/views/contour_private.h"
#include "render/render_private.h"

/* ---- layout ------------------------------------------------------------ */

/* Leading rows of @p t with finite point and loss. */
size_t
ov__finite_rows(const ov_trajectory *t)
{
    size_t k = 0;
    while (k < t->n_rows && isfinite(t->rows[k].theta[0]) &&
           isfinite(t->rows[k].theta[1]) && isfinite(t->rows[k].loss))
        k++;
    return k;
}

ov_status
ov__limits2d(const ov_loss *loss, const ov_trajectory *const *trajs, size_t n,
             const ov_figure_spec *spec, double lim[4], ov_error *err)
{
    double xl[2], yl[2];
    ov_loss_domain(loss, xl, yl);
    double bx0 = xl[0], bx1 = xl[1], by0 = yl[0], by1 = yl[1];
    double wx = bx1 - bx0, wy = by1 - by0;
    double gx0 = bx0, gx1 = bx1, gy0 = by0, gy1 = by1;
    for (size_t i = 0; i < n; i++) {
        const ov_trajectory *t = trajs[i];
        size_t nr = ov__finite_rows(t);
        int diverged = t->diverged_at >= 0 || nr < t->n_rows;
        for (size_t k = 0; k < nr; k++) {
            double x = t->rows[k].theta[0], y = t->rows[k].theta[1];
            /* A diverging run widens the view only near the domain. */
            if (diverged && (x < bx0 - wx || x > bx1 + wx ||
                             y < by0 - wy || y > by1 + wy))
                continue;
            if (x < gx0) gx0 = x;
            if (x > gx1) gx1 = x;
            if (y < gy0) gy0 = y;
            if (y > gy1) gy1 = y;
        }
    }
    double mx = 0.05 * (gx1 - gx0), my = 0.05 * (gy1 - gy0);
    if (gx0 < bx0) bx0 = gx0 - mx;
    if (gx1 > bx1) bx1 = gx1 + mx;
    if (gy0 < by0) by0 = gy0 - my;
    if (gy1 > by1) by1 = gy1 + my;
    if (spec->has_xlim) {
        bx0 = spec->xlim[0];
        bx1 = spec->xlim[1];
    }
    if (spec->has_ylim) {
        by0 = spec->ylim[0];
        by1 = spec->ylim[1];
    }
    if (!(isfinite(bx0) && isfinite(bx1) && bx1 > bx0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "xlim");
        return OV_ERR_INVALID_ARG;
    }
    if (!(isfinite(by0) && isfinite(by1) && by1 > by0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "ylim");
        return OV_ERR_INVALID_ARG;
    }
    lim[0] = bx0;
    lim[1] = bx1;
    lim[2] = by0;
    lim[3] = by1;
    return OV_OK;
}

static ov_status
choose_limits(ov__cview *sc, const ov_figure_spec *spec, ov_error *err)
{
    const ov_trajectory *tr[OV_MAX_SERIES];
    double lim[4];
    for (size_t i = 0; i < sc->n; i++)
        tr[i] = sc->se[i].t;
    ov_status st = ov__limits2d(sc->loss, tr, sc->n, spec, lim, err);
    if (st)
        return st;
    sc->x0 = lim[0];
    sc->x1 = lim[1];
    sc->y0 = lim[2];
    sc->y1 = lim[3];
    return OV_OK;
}

static ov_status
compute_field(ov__cview *sc, const ov_figure_spec *spec, ov_error *err)
{
    size_t nx = (size_t)(sc->pw / 2.0) + 1, ny = (size_t)(sc->ph / 2.0) + 1;
    nx = nx < 24 ? 24 : nx > 800 ? 800 : nx;
    ny = ny < 24 ? 24 : ny > 800 ? 800 : ny;
    sc->gnx = nx;
    sc->gny = ny;
    double *f = ov__malloc3(nx, ny, sizeof *f);
    sc->z = f;
    if (!f)
        return OV_ERR_NOMEM;
    ov_loss_eval_grid(sc->loss, sc->x0, sc->x1, nx, sc->y0, sc->y1, ny, f);
    double fmin = INFINITY, fmax = -INFINITY, fpos = INFINITY;
    for (size_t k = 0; k < nx * ny; k++) {
        if (!isfinite(f[k]))
            continue;
        if (f[k] < fmin) fmin = f[k];
        if (f[k] > fmax) fmax = f[k];
        if (f[k] > 0.0 && f[k] < fpos) fpos = f[k];
    }
    if (!(fmin <= fmax)) {
        ov__set_err(err, OV_ERR_NONFINITE, "loss on the plotted domain");
        return OV_ERR_NONFINITE;
    }
    for (size_t k = 0; k < nx * ny; k++)
        if (!isfinite(f[k]))
            f[k] = fmax;   /* overflow shows as the top band */
    ov__zmap *m = &sc->zm;
    m->kind = spec->zscale;
    if (m->kind == OV_ZSCALE_AUTO) {
        const char *hint = ov_loss_zscale_hint(sc->loss);
        m->kind = strcmp(hint, "log") == 0    ? OV_ZSCALE_LOG
                : strcmp(hint, "sqrt") == 0   ? OV_ZSCALE_SQRT
                                              : OV_ZSCALE_LINEAR;
    }
    m->shift = 0.0;
    m->floor = 0.0;
    if (m->kind == OV_ZSCALE_SQRT && fmin < 0.0)
        m->shift = fmin;
    if (m->kind == OV_ZSCALE_LOG) {
        if (fmin > 0.0) {
            m->floor = fmin;
        } else if (fmin == 0.0) {
            m->floor = fmax * 1e-7;
            if (isfinite(fpos) && fpos > m->floor)
                m->floor = fpos;
        } else {
            m->shift = fmin;
            m->floor = (fmax - fmin) * 1e-7;
        }
        if (!(m->floor > 0.0))
            m->floor = 1e-300;
    }
    double zlo = INFINITY, zhi = -INFINITY;
    for (size_t k = 0; k < nx * ny; k++) {
        double z = ov__z_of(m, f[k]);
        f[k] = z;
        if (z < zlo) zlo = z;
        if (z > zhi) zhi = z;
    }
    if (!(zhi > zlo))
        zhi = zlo + (fabs(zlo) > 0.0 ? fabs(zlo) * 1e-3 : 1.0);
    double tk[300], step;
    ov__ticks(zlo, zhi, spec->levels, tk, 300, &step);
    double b0 = floor(zlo / step + 1e-9) * step;
    double b1 = ceil(zhi / step - 1e-9) * step;
    size_t nb = (size_t)llround((b1 - b0) / step);
    if (nb < 1)
        nb = 1;
    if (nb > 512)
        nb = 512;
    sc->nb = nb;
    sc->zstep = step;
    sc->bound = ov__malloc3(nb + 1, sizeof *sc->bound, 1);
    sc->band = ov__malloc3(nb, sizeof *sc->band, 1);
    if (!sc->bound || !sc->band)
        return OV_ERR_NOMEM;
    for (size_t i = 0; i <= nb; i++) {
        double v = b0 + (double)i * step;
        sc->bound[i] = fabs(v) < step * 1e-9 ? 0.0 : v;
    }
    for (size_t i = 0; i < nb; i++)
        sc->band[i] = ov__colormap_color(sc->cmap,
                                         nb > 1 ? (double)i / (nb - 1) : 0.5);
    return OV_OK;
}

static ov_status
trace_lines(ov__cview *sc)
{
    size_t inner = sc->nb > 1 ? sc->nb - 1 : 0;
    size_t m = (inner + 8) / 9;
    if (m < 1)
        m = 1;
    sc->nlines = 0;
    for (size_t i = 1; i < sc->nb && sc->nlines < OV__CV_MAX_LINES; i++) {
        long idx = lround(sc->bound[i] / sc->zstep);
        if (labs(idx) % (long)m != 0)
            continue;
        ov__isolines *c = &sc->lines[sc->nlines];
        ov_status st = ov__isolines_lines(sc->z, sc->gnx, sc->gny,
                                         sc->bound[i], c);
        if (st)
            return st;
        for (size_t k = 0; k < c->npts; k++) {
            c->xy[2 * k] = ov__cv_grid_px(sc, c->xy[2 * k]);
            c->xy[2 * k + 1] = ov__cv_grid_py(sc, c->xy[2 * k + 1]);
        }
        sc->line_bound[sc->nlines++] = i;
    }
    return OV_OK;
}

static void
colorbar_ticks(ov__cview *sc)
{
    sc->cb.y = sc->py;
    sc->cb.h = sc->ph;
    ov__colorbar_ticks(&sc->cb, sc->bound, sc->nb, &sc->zm, sc->fs_tick);
}

static void
series_setup(ov__cview *sc, const ov_figure_spec *spec)
{
    uint32_t col[OV_MAX_SERIES];
    const ov_trajectory *tr[OV_MAX_SERIES];
    for (size_t i = 0; i < sc->n; i++)
        tr[i] = sc->se[i].t;
    ov__series_colors(tr, sc->n, spec, col);
    for (size_t i = 0; i < sc->n; i++) {
        sc->se[i].color = col[i];
        ov__series_label(sc->se[i].t, sc->se[i].label, sizeof sc->se[i].label);
    }
}

static ov_status
series_pixels(ov__cview *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        ov__cv_series *se = &sc->se[i];
        se->p = ov__malloc3(se->nrows, 2, sizeof *se->p);
        se->a = ov__malloc3(se->nrows, 2, sizeof *se->a);
        se->dot = ov__calloc(se->nrows, 1);
        if (!se->p || !se->a || !se->dot)
            return OV_ERR_NOMEM;
        double lastx = INFINITY, lasty = INFINITY;
        for (size_t k = 0; k < se->nrows; k++) {
            const ov_traj_row *r = &se->t->rows[k];
            double x = ov__cv_px(sc, r->theta[0]);
            double y = ov__cv_py(sc, r->theta[1]);
            se->p[2 * k] = x;
            se->p[2 * k + 1] = y;
            double lr = se->t->config.lr;
            se->a[2 * k] = ov__cv_px(sc, r->theta[0] - lr * r->grad[0]);
            se->a[2 * k + 1] = ov__cv_py(sc, r->theta[1] - lr * r->grad[1]);
            /* Point markers thin out where the trail crawls. */
            if (hypot(x - lastx, y - lasty) >= 3.0 * sc->s ||
                k + 1 == se->nrows) {
                se->dot[k] = 1;
                lastx = x;
                lasty = y;
            }
        }
    }
    return OV_OK;
}

static ov_status
layout(ov__cview *sc, const ov_figure_spec *spec, ov_error *err)
{
    double s = sc->s;
    double tl = 5.0 * s;
    /* Ticks depend on the plot size and the margins on the tick labels:
     * one estimate, then the real thing. */
    double left = 70.0 * s, right = spec->colorbar ? 110.0 * s : 20.0 * s;
    double top = 10.0 * s + 1.2 * sc->fs_title + 10.0 * s;
    double bottom = tl + 3.0 * s + 1.2 * sc->fs_tick + 6.0 * s +
                    1.1 * sc->fs_label + 8.0 * s;
    char buf[48];
    for (int pass = 0; pass < 2; pass++) {
        /* Whole pixels, so the frame and the band edges are crisp. */
        sc->px = ceil(left);
        sc->py = ceil(top);
        sc->pw = floor(sc->W - right) - sc->px;
        sc->ph = floor(sc->H - bottom) - sc->py;
        if (sc->pw < 20.0 || sc->ph < 20.0) {
            ov__set_err(err, OV_ERR_INVALID_ARG,
                        "size too small for the figure");
            return OV_ERR_INVALID_ARG;
        }
        int tx = (int)(sc->pw / (90.0 * s)), ty = (int)(sc->ph / (60.0 * s));
        sc->nxt = ov__ticks(sc->x0, sc->x1, tx < 2 ? 2 : tx, sc->xt,
                            OV__CV_MAX_TICKS, &sc->xstep);
        sc->nyt = ov__ticks(sc->y0, sc->y1, ty < 2 ? 2 : ty, sc->yt,
                            OV__CV_MAX_TICKS, &sc->ystep);
        double wy = 0.0;
        for (size_t i = 0; i < sc->nyt; i++) {
            ov__format_tick(buf, sizeof buf, sc->yt[i], sc->ystep);
            double w = ov__text_width(sc->meas, buf, sc->fs_tick);
            if (w > wy) wy = w;
        }
        left = 8.0 * s + 1.1 * sc->fs_label + 6.0 * s + wy + 3.0 * s + tl;
        if (pass == 0 && spec->colorbar) {
            /* The colorbar labels need the field; estimate their width
             * from the widest plausible label. */
            right = 16.0 * s + 18.0 * s + 4.0 * s + 3.0 * s +
                    ov__text_width(sc->meas, "0.000e+00", sc->fs_tick) * 0.8 +
                    6.0 * s + 1.1 * sc->fs_label + 8.0 * s;
        }
        /* the last x tick label may hang over the right edge */
        double wx = 0.0;
        if (sc->nxt) {
            ov__format_tick(buf, sizeof buf, sc->xt[sc->nxt - 1], sc->xstep);
            wx = 0.5 * ov__text_width(sc->meas, buf, sc->fs_tick);
        }
        if (!spec->colorbar && right < wx + 6.0 * s)
            right = wx + 6.0 * s;
    }
    if (spec->colorbar) {
        sc->cb.w = round(18.0 * s);
        sc->cb.x = floor(sc->px + sc->pw + 16.0 * s);
    }
    return OV_OK;
}

/* Final colorbar geometry once its labels are known: shrink the plot if
 * they do not fit. */
static void
fit_colorbar(ov__cview *sc)
{
    if (sc->cb.w <= 0.0)
        return;
    double s = sc->s;
    double maxw = ov__colorbar_label_width(&sc->cb, sc->meas, sc->fs_tick);
    double need = 16.0 * s + sc->cb.w + 4.0 * s + 3.0 * s + maxw + 6.0 * s +
                  1.1 * sc->fs_label + 8.0 * s;
    sc->pw = floor(sc->W - need) - sc->px;
    sc->cb.x = floor(sc->px + sc->pw + 16.0 * s);
}

static void
scene_free_geometry(ov__cview *sc)
{
    ov__free(sc->z);
    ov__free(sc->bound);
    ov__free(sc->band);
    for (size_t l = 0; l < OV__CV_MAX_LINES; l++)
        ov__isolines_free(&sc->lines[l]);
    for (size_t i = 0; i < sc->n; i++) {
        ov__free(sc->se[i].p);
        ov__free(sc->se[i].a);
        ov__free(sc->se[i].dot);
    }
    ov__free(sc->occ);
}

void
ov__cview_destroy(ov__cview *sc)
{
    if (!sc)
        return;
    scene_free_geometry(sc);
    if (sc->cr_trails) cairo_destroy(sc->cr_trails);
    if (sc->cr_frame) cairo_destroy(sc->cr_frame);
    if (sc->meas) cairo_destroy(sc->meas);
    if (sc->bg) cairo_surface_destroy(sc->bg);
    if (sc->trails) cairo_surface_destroy(sc->trails);
    if (sc->frame) cairo_surface_destroy(sc->frame);
    if (sc->scratch) cairo_surface_destroy(sc->scratch);
    ov__free(sc);
}

static ov_status
check_spec(const ov_figure_spec *spec, const ov_loss *loss, int *cmap,
           ov_error *err)
{
    /* scene.c's check_common has seen the arguments, the series count,
     * the trajectories and the whole figure's size; a grid cell or a view
     * beside a loss panel is smaller than the figure, so only its lower
     * bound is checked here. */
    if (spec->width < 64 || spec->height < 48) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "size");
        return OV_ERR_INVALID_ARG;
    }
    ov_status st_scale = ov__check_scale(spec, err);
    if (st_scale)
        return st_scale;
    *cmap = ov__colormap_find(spec->colormap ? spec->colormap : "viridis");
    if (*cmap < 0) {
        ov__set_err(err, OV_ERR_NOT_FOUND, spec->colormap);
        return OV_ERR_NOT_FOUND;
    }
    if (spec->view != OV_VIEW_AUTO && spec->view != OV_VIEW_CONTOUR) {
        ov__set_err(err, OV_ERR_UNSUPPORTED, "view");
        return OV_ERR_UNSUPPORTED;
    }
    if (ov_loss_dim(loss) != 2) {
        ov__set_err(err, OV_ERR_UNSUPPORTED, "contour view of a 1-D loss");
        return OV_ERR_UNSUPPORTED;
    }
    return OV_OK;
}

static ov_status
scene_build(ov__cview **out, const ov_loss *loss,
            const ov_trajectory *const *trajs, size_t n,
            const ov_figure_spec *spec, int raster, ov_error *err)
{
    int cmap;
    *out = NULL;
    ov_status st = check_spec(spec, loss, &cmap, err);
    if (st)
        return st;
    ov__cview *sc = ov__calloc(1, sizeof *sc);
    if (!sc)
        return OV_ERR_NOMEM;
    sc->raster = raster;
    sc->W = spec->width;
    sc->H = spec->height;
    sc->s = ov__text_scale(sc->W, sc->H);
    ov__text_sizes(sc->s, &sc->fs_tick, &sc->fs_label, &sc->fs_title,
                   &sc->fs_legend);
    sc->fs_clabel = 11.0 * sc->s;
    sc->tc = *ov__theme(spec->theme);
    sc->arrows = spec->arrows;
    sc->trail = spec->trail;
    sc->cmap = cmap;
    sc->loss = loss;
    sc->legend_on = spec->legend;
    sc->drawn = -1;
    sc->data_loss = ov_loss_dataset(loss) != NULL;
    const char *xn = "x", *yn = "y", *zn = "f";
    ov_loss_axis_names(loss, &xn, &yn, &zn);
    ov__clean_utf8(sc->name, sizeof sc->name,
                   ov_loss_name(loss) ? ov_loss_name(loss) : "");
    ov__clean_utf8(sc->xname, sizeof sc->xname, xn ? xn : "x");
    ov__clean_utf8(sc->yname, sizeof sc->yname, yn ? yn : "y");
    ov__clean_utf8(sc->zname, sizeof sc->zname, zn ? zn : "f");
    if (spec->title && spec->title[0]) {
        ov__clean_utf8(sc->static_title, sizeof sc->static_title, spec->title);
        sc->has_title = 1;
    }

    sc->scratch = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
    sc->meas = cairo_create(sc->scratch);
    if (cairo_status(sc->meas)) {
        ov__cview_destroy(sc);
        return OV_ERR_RENDER;
    }

    sc->n = n;
    for (size_t i = 0; i < n; i++) {
        ov__cv_series *se = &sc->se[i];
        se->t = trajs[i];
        size_t k = ov__finite_rows(trajs[i]);
        if (k == 0) {
            ov__set_err(err, OV_ERR_NONFINITE, trajs[i]->label);
            ov__cview_destroy(sc);
            return OV_ERR_NONFINITE;
        }
        se->nrows = k;
        se->diverged = trajs[i]->diverged_at >= 0 || k < trajs[i]->n_rows;
        if ((long)k - 1 > sc->last_step)
            sc->last_step = (long)k - 1;
    }
    series_setup(sc, spec);

    if ((st = choose_limits(sc, spec, err)) ||
        (st = layout(sc, spec, err))) {
        ov__cview_destroy(sc);
        return st;
    }
    /* The field first (colorbar labels need it), then the final width. */
    if ((st = compute_field(sc, spec, err))) {
        ov__cview_destroy(sc);
        return st;
    }
    if (spec->colorbar) {
        colorbar_ticks(sc);
        double pw = sc->pw;
        fit_colorbar(sc);
        if (sc->pw != pw) {
            /* The grid follows the plot width; resample. */
            ov__free(sc->z);
            ov__free(sc->bound);
            ov__free(sc->band);
            sc->z = NULL;
            sc->bound = NULL;
            sc->band = NULL;
            int tx = (int)(sc->pw / (90.0 * sc->s));
            sc->nxt = ov__ticks(sc->x0, sc->x1, tx < 2 ? 2 : tx, sc->xt,
                                OV__CV_MAX_TICKS, &sc->xstep);
            if ((st = compute_field(sc, spec, err))) {
                ov__cview_destroy(sc);
                return st;
            }
            colorbar_ticks(sc);
        }
    }
    if ((st = trace_lines(sc)) || (st = series_pixels(sc))) {
        ov__cview_destroy(sc);
        return st;
    }
    /* Minima and distinct start points, in pixels. */
    const double *mins = NULL;
    size_t nm = ov_loss_minima(loss, &mins);
    for (size_t i = 0; i < nm && sc->nmin < 16; i++) {
        sc->minp[2 * sc->nmin] = ov__cv_px(sc, mins[2 * i]);
        sc->minp[2 * sc->nmin + 1] = ov__cv_py(sc, mins[2 * i + 1]);
        sc->nmin++;
    }
    for (size_t i = 0; i < n; i++) {
        double x = sc->se[i].p[0], y = sc->se[i].p[1];
        int dup = 0;
        for (size_t k = 0; k < sc->nstart; k++)
            if (hypot(sc->startp[2 * k] - x, sc->startp[2 * k + 1] - y) < 1.0)
                dup = 1;
        if (!dup) {
            sc->startp[2 * sc->nstart] = x;
            sc->startp[2 * sc->nstart + 1] = y;
            sc->nstart++;
        }
    }
    sc->ow = sc->W / OV__CV_OCC_CELL + 1;
    sc->oh = sc->H / OV__CV_OCC_CELL + 1;
    sc->occ = ov__calloc((size_t)sc->ow * sc->oh, 1);
    if (!sc->occ) {
        ov__cview_destroy(sc);
        return OV_ERR_NOMEM;
    }
    ov__cv_mark_trails(sc);
    ov__cv_layout_legend(sc);
    ov__cv_place_labels(sc);

    if (raster) {
        cairo_format_t fmt = CAIRO_FORMAT_RGB24;
        sc->bg = cairo_image_surface_create(fmt, sc->W, sc->H);
        sc->trails = cairo_image_surface_create(fmt, sc->W, sc->H);
        sc->frame = cairo_image_surface_create(fmt, sc->W, sc->H);
        if (cairo_surface_status(sc->bg) || cairo_surface_status(sc->trails) ||
            cairo_surface_status(sc->frame)) {
            ov__cview_destroy(sc);
            return OV_ERR_NOMEM;
        }
        cairo_t *cr = cairo_create(sc->bg);
        ov__pen pn = { cr, NULL };
        st = ov__cv_draw_background(sc, &pn);
        if (!st && cairo_status(cr))
            st = OV_ERR_RENDER;
        cairo_destroy(cr);
        cairo_surface_flush(sc->bg);
        if (st) {
            ov__cview_destroy(sc);
            return st;
        }
        sc->cr_trails = cairo_create(sc->trails);
        sc->cr_frame = cairo_create(sc->frame);
        sc->img.width = sc->W;
        sc->img.height = sc->H;
        sc->img.stride = (size_t)cairo_image_surface_get_stride(sc->frame);
        sc->img.px = (uint32_t *)cairo_image_surface_get_data(sc->frame);
    }
    *out = sc;
    return OV_OK;
}

ov_status
ov__cview_create(ov__cview **out, const ov_loss *loss,
                 const ov_trajectory *const *trajs, size_t n,
                 const ov_figure_spec *spec, ov_error *err)
{
    return scene_build(out, loss, trajs, n, spec, 1, err);
}

ov_status
ov__cview_create_vector(ov__cview **out, const ov_loss *loss,
                        const ov_trajectory *const *trajs, size_t n,
                        const ov_figure_spec *spec, ov_error *err)
{
    return scene_build(out, loss, trajs, n, spec, 0, err);
}

long
ov__cview_last_step(const ov__cview *sc)
{
    return sc->last_step;
}

const ov_image *
ov__cview_image(const ov__cview *sc)
{
    return sc->raster ? &sc->img : NULL;
}

void
ov__cview_plot_area(const ov__cview *sc, int *x, int *y, int *w, int *h)
{
    *x = (int)sc->px;
    *y = (int)sc->py;
    *w = (int)sc->pw;
    *h = (int)sc->ph;
}

void
ov__cview_to_pixel(const ov__cview *sc, double x, double y, double *px,
                   double *py)
{
    *px = ov__cv_px(sc, x);
    *py = ov__cv_py(sc, y);
}

uint32_t
ov__cview_band_color(const ov__cview *sc, double f)
{
    double z = ov__z_of(&sc->zm, f);
    double b = floor((z - sc->bound[0]) / sc->zstep);
    if (!(b >= 0.0))
        b = 0.0;
    if (b >= (double)sc->nb)
        b = (double)sc->nb - 1;
    return sc->band[(size_t)b];
}

size_t
ov__cview_bands(const ov__cview *sc, const double **bound)
{
    *bound = sc->bound;
    return sc->nb;
}

uint32_t
ov__cview_series_color(const ov__cview *sc, size_t i)
{
    return i < sc->n ? sc->se[i].color : 0;
}

/* ---- colours ------------------------------------------------------------- */

size_t
ov__cview_colors(const ov__cview *sc, uint32_t *out, size_t cap)
{
    size_t n = 0;
    /* Every colour fits the local list (bands at most 512), so the count
     * returned is the whole one even when @p cap is smaller. */
    uint32_t local[600 + OV_MAX_SERIES + 16];
    uint32_t *dst = local;
    size_t dcap = sizeof local / sizeof local[0];
    ov__colors_add(dst, dcap, &n, sc->tc.bg);
    ov__colors_add(dst, dcap, &n, sc->tc.text);
    ov__colors_add(dst, dcap, &n, sc->tc.axis);
    ov__colors_add(dst, dcap, &n, OV__WHITE);
    ov__colors_add(dst, dcap, &n, OV__BLACK);
    for (size_t i = 0; i < sc->n; i++)
        ov__colors_add(dst, dcap, &n, sc->se[i].color);
    for (size_t i = 0; i < sc->nb; i++)
        ov__colors_add(dst, dcap, &n, sc->band[i]);
    ov__colors_add(dst, dcap, &n, sc->tc.legend_edge);
    size_t m = n < dcap ? n : dcap;
    for (size_t k = 0; k < m && k < cap; k++)
        out[k] = dst[k];
    return m;
}
