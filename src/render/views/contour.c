/*
 * contour.c: the 2-D contour view: set-up (limits, layout, the
 * field, its bands and lines, the series in pixels), accessors and
 * colours.  The drawing is spread over the files contour_private.h lists;
 * layering and the frame protocol are described in figure.h.
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "contour_private.h"
#include "colormap.h"
#include "ticks.h"

/* ---- layout ------------------------------------------------------------ */

static ov_status
choose_limits(ov__contour_view *sc, const ov_figure_spec *spec, ov_error *err)
{
    const ov_trajectory *tr[OV_MAX_SERIES];
    double lim[4];
    for (size_t i = 0; i < sc->v.n; i++)
        tr[i] = sc->v.t[i];
    ov_status st = ov__limits2d(sc->v.loss, tr, sc->v.n, spec, lim, err);
    if (st)
        return st;
    sc->x0 = lim[0];
    sc->x1 = lim[1];
    sc->y0 = lim[2];
    sc->y1 = lim[3];
    return OV_OK;
}

/* The field on a grid of nodes @p px pixels apart (at least 24, at most
 * 800 a side). */
static ov_status
compute_field(ov__contour_view *sc, const ov_figure_spec *spec, double px,
              ov_error *err)
{
    size_t nx = (size_t)(sc->pw / px) + 1, ny = (size_t)(sc->ph / px) + 1;
    nx = nx < 24 ? 24 : nx > 800 ? 800 : nx;
    ny = ny < 24 ? 24 : ny > 800 ? 800 : ny;
    sc->gnx = nx;
    sc->gny = ny;
    double *f = ov__malloc3(nx, ny, sizeof *f);
    sc->z = f;
    if (!f)
        return OV_ERR_NOMEM;
    ov_loss_eval_grid(sc->v.loss, sc->x0, sc->x1, nx, sc->y0, sc->y1, ny, f);
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
    double lim[4] = { sc->x0, sc->x1, sc->y0, sc->y1 };
    ov__zmap_init(m, spec->zscale, sc->v.loss, lim, fmin, fmax, fpos);
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
        sc->band[i] = ov__colormap_color(sc->v.cmap,
                                         nb > 1 ? (double)i / (nb - 1) : 0.5);
    return OV_OK;
}

static ov_status
trace_line(ov__contour_view *sc, double z, const char *txt)
{
    ov__isolines *c = &sc->lines[sc->nlines];
    ov_status st = ov__isolines_lines(sc->z, sc->gnx, sc->gny, z, c);
    if (st)
        return st;
    for (size_t k = 0; k < c->npts; k++) {
        c->xy[2 * k] = ov__contour_grid_px(sc, c->xy[2 * k]);
        c->xy[2 * k + 1] = ov__contour_grid_py(sc, c->xy[2 * k + 1]);
    }
    sc->line_z[sc->nlines] = z;
    snprintf(sc->line_txt[sc->nlines], sizeof sc->line_txt[0], "%s", txt);
    sc->nlines++;
    return OV_OK;
}

/*
 * The labelled lines sit at round values of the loss (whole decades, 1-2-5
 * values, multiples of a round step), not at every m-th band boundary: on a
 * log scale those are fractional decades (5.62, 31.6, 178), and they would
 * move with the extent of each cell of a grid.
 */
static ov_status
trace_lines(ov__contour_view *sc)
{
    sc->nlines = 0;
    double z[OV__CB_MAX_TICKS];
    char txt[OV__CB_MAX_TICKS][32];
    size_t n = ov__round_levels(&sc->zm, sc->bound[0], sc->bound[sc->nb], 9,
                                z, txt);
    if (n > 0) {
        for (size_t i = 0; i < n && sc->nlines < OV__CONTOUR_MAX_LINES; i++) {
            ov_status st = trace_line(sc, z[i], txt[i]);
            if (st)
                return st;
        }
        return OV_OK;
    }
    /* No round value inside the range: every m-th band boundary,
     * labelled to 3 digits. */
    size_t inner = sc->nb > 1 ? sc->nb - 1 : 0;
    size_t m = (inner + 8) / 9;
    if (m < 1)
        m = 1;
    for (size_t i = 1; i < sc->nb && sc->nlines < OV__CONTOUR_MAX_LINES; i++) {
        long idx = lround(sc->bound[i] / sc->zstep);
        if (labs(idx) % (long)m != 0)
            continue;
        char t[32];
        ov__format_sig(t, sizeof t, ov__f_of(&sc->zm, sc->bound[i]), 3);
        ov_status st = trace_line(sc, sc->bound[i], t);
        if (st)
            return st;
    }
    return OV_OK;
}

static void
colorbar_ticks(ov__contour_view *sc)
{
    sc->cb.y = sc->py;
    sc->cb.h = sc->ph;
    ov__colorbar_ticks(&sc->cb, sc->bound, sc->nb, &sc->zm, sc->v.fs_tick);
}

static ov_status
series_pixels(ov__contour_view *sc)
{
    for (size_t i = 0; i < sc->v.n; i++) {
        ov__contour_series *se = &sc->se[i];
        se->p = ov__malloc3(sc->v.nrows[se->i], 2, sizeof *se->p);
        se->a = ov__malloc3(sc->v.nrows[se->i], 2, sizeof *se->a);
        se->dot = ov__calloc(sc->v.nrows[se->i], 1);
        if (!se->p || !se->a || !se->dot)
            return OV_ERR_NOMEM;
        double lastx = INFINITY, lasty = INFINITY;
        double lastax = INFINITY, lastay = INFINITY;
        double cap = OV__CONTOUR_ARROW_MAX * fmin(sc->pw, sc->ph);
        double gap = OV__CONTOUR_ARROW_GAP * sc->v.s;
        for (size_t k = 0; k < sc->v.nrows[se->i]; k++) {
            const ov_traj_row *r = &sc->v.t[se->i]->rows[k];
            double x = ov__contour_px(sc, r->theta[0]);
            double y = ov__contour_py(sc, r->theta[1]);
            se->p[2 * k] = x;
            se->p[2 * k + 1] = y;
            double lr = sc->v.t[se->i]->config.lr;
            /* The gradient arrow: -lr * gradient, as a plain step would
             * go, at most OV__CONTOUR_ARROW_MAX of the plot's shorter
             * side long (direction kept).  A row whose gradient is not
             * finite (kept: its point and loss are) has no arrow: a
             * zero-length one draws nothing.  An imported run without an
             * lr: the step it took instead. */
            const ov_traj_row *q = k + 1 < sc->v.nrows[se->i] ? r + 1 : r;
            double ax = isfinite(lr)
                        ? ov__contour_px(sc, r->theta[0] - lr * r->grad[0])
                        : ov__contour_px(sc, q->theta[0]);
            double ay = isfinite(lr)
                        ? ov__contour_py(sc, r->theta[1] - lr * r->grad[1])
                        : ov__contour_py(sc, q->theta[1]);
            double al = hypot(ax - x, ay - y);
            if (!isfinite(al)) {
                ax = x;
                ay = y;
            } else if (al > cap) {
                ax = x + (ax - x) * cap / al;
                ay = y + (ay - y) * cap / al;
            }
            /* So that many arrows read as a light fan, not a wall: a row
             * gets its arrow when its point lies at least
             * OV__CONTOUR_ARROW_GAP px-units from the point of the
             * series' last arrow (the first row always has one); the
             * others have none (a zero-length arrow draws nothing).  In
             * row order, so an animation's frames draw the same arrows
             * as the still. */
            if (ax != x || ay != y) {
                if (hypot(x - lastax, y - lastay) >= gap) {
                    lastax = x;
                    lastay = y;
                } else {
                    ax = x;
                    ay = y;
                }
            }
            se->a[2 * k] = ax;
            se->a[2 * k + 1] = ay;
            /* Point markers thin out where the trail crawls. */
            if (hypot(x - lastx, y - lasty) >= 3.0 * sc->v.s ||
                k + 1 == sc->v.nrows[se->i]) {
                se->dot[k] = 1;
                lastx = x;
                lasty = y;
            }
        }
    }
    return OV_OK;
}

/* The ticks of both axes for the plot's size. */
static void
plot_ticks(ov__contour_view *sc)
{
    double s = sc->v.s;
    int tx = (int)(sc->pw / (90.0 * s)), ty = (int)(sc->ph / (60.0 * s));
    sc->nxt = ov__axis_ticks(sc->x0, sc->x1, tx < 2 ? 2 : tx, sc->xt,
                             OV__CONTOUR_MAX_TICKS, &sc->xstep);
    sc->nyt = ov__axis_ticks(sc->y0, sc->y1, ty < 2 ? 2 : ty, sc->yt,
                             OV__CONTOUR_MAX_TICKS, &sc->ystep);
}

/* The plot in the box the margins leave (sc->box): all of it, or with
 * equal aspect the largest rectangle of equal units per pixel, centred
 * (whole pixels, so a unit is the same on both axes within a pixel over
 * the plot); the limits, and so the round ticks, stay. */
static void
fit_plot(ov__contour_view *sc)
{
    sc->px = sc->box[0];
    sc->py = sc->box[1];
    sc->pw = sc->box[2];
    sc->ph = sc->box[3];
    if (!sc->equal)
        return;
    double kx = sc->pw / (sc->x1 - sc->x0), ky = sc->ph / (sc->y1 - sc->y0);
    if (kx > ky) {
        double w = fmax(round(ky * (sc->x1 - sc->x0)), 1.0);
        sc->px += floor(0.5 * (sc->pw - w));
        sc->pw = w;
    } else {
        double h = fmax(round(kx * (sc->y1 - sc->y0)), 1.0);
        sc->py += floor(0.5 * (sc->ph - h));
        sc->ph = h;
    }
    plot_ticks(sc);
}

static ov_status
layout(ov__contour_view *sc, const ov_figure_spec *spec, ov_error *err)
{
    double s = sc->v.s;
    double tl = 5.0 * s;
    /* Ticks depend on the plot size and the margins on the tick labels:
     * one estimate, then the real thing. */
    double left = 70.0 * s, right = spec->colorbar ? 110.0 * s : 20.0 * s;
    double top = 10.0 * s + 1.2 * sc->v.fs_title + 10.0 * s;
    double bottom = tl + 3.0 * s + 1.2 * sc->v.fs_tick + 6.0 * s +
                    1.1 * sc->v.fs_label + 8.0 * s + sc->legend_below;
    char buf[48];
    for (int pass = 0; pass < 2; pass++) {
        /* Whole pixels, so the frame and the band edges are crisp. */
        sc->px = ceil(left);
        sc->py = ceil(top);
        sc->pw = floor(sc->v.W - right) - sc->px;
        sc->ph = floor(sc->v.H - bottom) - sc->py;
        if (sc->pw < 20.0 || sc->ph < 20.0) {
            ov__set_err(err, OV_ERR_INVALID_ARG,
                        "size too small for the figure");
            return OV_ERR_INVALID_ARG;
        }
        plot_ticks(sc);
        double wy = 0.0;
        for (size_t i = 0; i < sc->nyt; i++) {
            ov__format_tick(buf, sizeof buf, sc->yt[i], sc->ystep);
            double w = ov__text_width(sc->v.meas, buf, sc->v.fs_tick);
            if (w > wy) wy = w;
        }
        left = 8.0 * s + 1.1 * sc->v.fs_label + 6.0 * s + wy + 3.0 * s + tl;
        if (pass == 0 && spec->colorbar) {
            /* The colorbar labels need the field; estimate their width
             * from the widest plausible label. */
            right = 16.0 * s + 18.0 * s + 4.0 * s + 3.0 * s +
                    ov__text_width(sc->v.meas, "0.000e+00", sc->v.fs_tick) * 0.8 +
                    6.0 * s + 1.1 * sc->v.fs_label + 8.0 * s;
        }
        /* the last x tick label may hang over the right edge */
        double wx = 0.0;
        if (sc->nxt) {
            ov__format_tick(buf, sizeof buf, sc->xt[sc->nxt - 1], sc->xstep);
            wx = 0.5 * ov__text_width(sc->v.meas, buf, sc->v.fs_tick);
        }
        if (!spec->colorbar && right < wx + 6.0 * s)
            right = wx + 6.0 * s;
    }
    sc->box[0] = sc->px;
    sc->box[1] = sc->py;
    sc->box[2] = sc->pw;
    sc->box[3] = sc->ph;
    fit_plot(sc);
    if (spec->colorbar) {
        sc->cb.w = round(18.0 * s);
        sc->cb.x = floor(sc->px + sc->pw + 16.0 * s);
    }
    return OV_OK;
}

/* Final colorbar geometry once its labels are known: shrink the plot if
 * they do not fit. */
static void
fit_colorbar(ov__contour_view *sc)
{
    if (sc->cb.w <= 0.0)
        return;
    double s = sc->v.s;
    double maxw = ov__colorbar_label_width(&sc->cb, sc->v.meas, sc->v.fs_tick);
    double need = 16.0 * s + sc->cb.w + 4.0 * s + 3.0 * s + maxw + 6.0 * s +
                  1.1 * sc->v.fs_label + 8.0 * s;
    sc->box[2] = floor(sc->v.W - need) - sc->box[0];
    fit_plot(sc);
    sc->cb.x = floor(sc->px + sc->pw + 16.0 * s);
}

static void
scene_free_geometry(ov__contour_view *sc)
{
    ov__free(sc->z);
    ov__free(sc->bound);
    ov__free(sc->band);
    for (size_t l = 0; l < OV__CONTOUR_MAX_LINES; l++)
        ov__isolines_free(&sc->lines[l]);
    for (size_t i = 0; i < sc->v.n; i++) {
        ov__free(sc->se[i].p);
        ov__free(sc->se[i].a);
        ov__free(sc->se[i].dot);
    }
    ov__occ_free(&sc->occ);
    ov__contour_legend_cache_free(sc);
    ov__sprites_destroy(sc->spr);
    sc->spr = NULL;
}

static void
destroy_view(ov__contour_view *sc)
{
    /* A view being built has its class set by ov__view_init() first. */
    sc->v.cls = &ov__contour_class;
    ov__view_destroy(&sc->v);
}

static ov_status
check_spec(const ov_figure_spec *spec, const ov_loss *loss, int *cmap,
           ov_error *err)
{
    /* figure.c's check_common has seen the arguments, the series count,
     * the trajectories and the whole figure's size; a grid cell or a view
     * beside a loss panel is smaller than the figure, so only its lower
     * bound is checked here. */
    if (spec->width < 64 || spec->height < 48) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "size too small for the figure "
                    "(a view or grid cell needs 64x48)");
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
scene_build(ov__contour_view **out, const ov_loss *loss,
            const ov_trajectory *const *trajs, size_t n,
            const ov_figure_spec *spec, int raster, double below,
            ov_error *err)
{
    int cmap;
    *out = NULL;
    ov_status st = check_spec(spec, loss, &cmap, err);
    if (st)
        return st;
    ov__contour_view *sc = ov__calloc(1, sizeof *sc);
    if (!sc)
        return OV_ERR_NOMEM;
    /* The spec was checked above: the base fills sizes, theme, names, the
     * title and the series (colours, labels, finite rows). */
    st = ov__view_init(&sc->v, &ov__contour_class, loss, trajs, n, spec, 0,
                       err);
    if (st) {
        destroy_view(sc);
        return st;
    }
    sc->fs_clabel = sc->v.fs_tick;
    sc->arrows = spec->arrows;
    sc->legend_on = spec->legend;
    sc->legend_below = below;
    sc->lines_only = spec->contour == OV_CONTOUR_LINES;
    sc->equal = spec->aspect == OV_ASPECT_EQUAL;
    for (size_t i = 0; i < n; i++) {
        sc->se[i].i = i;
        sc->se[i].points_only = i < OV_MAX_SERIES && spec->points_only[i];
        double amin = INFINITY, amax = 0.0;
        for (size_t k = 0; k < sc->v.nrows[i]; k++) {
            double a = fabs(trajs[i]->rows[k].loss);
            if (a > 0.0 && a < amin)
                amin = a;
            amax = fmax(amax, a);
        }
        sc->se[i].vfmt = ov__fixed_format(amin, amax);
    }
    sc->v.counts = 1;
    ov__view_reserve_title(&sc->v);

    if ((st = choose_limits(sc, spec, err)) ||
        (st = layout(sc, spec, err))) {
        destroy_view(sc);
        return st;
    }
    /* The colorbar's labels need the field's range, and the plot's final
     * width their width; the grid follows the plot width.  So with a
     * colorbar the range is first taken from a grid of nodes 8 px apart
     * (a sixteenth of the work), the plot fitted to its labels, and the
     * field computed on the final grid; only if its labels come out wider
     * (a lower floor of a log scale) is the plot narrowed again and the
     * field computed once more. */
    int check = raster == OV__LAYOUT_ONLY;
    if ((st = compute_field(sc, spec, check || spec->colorbar ? 8.0 : 2.0,
                            err))) {
        destroy_view(sc);
        return st;
    }
    for (int pass = 0; spec->colorbar && pass < 3; pass++) {
        if (pass == 0)
            colorbar_ticks(sc);
        double fitted = ov__colorbar_label_width(&sc->cb, sc->v.meas,
                                                 sc->v.fs_tick);
        fit_colorbar(sc);
        if (!sc->equal) {
            int tx = (int)(sc->pw / (90.0 * sc->v.s));
            sc->nxt = ov__axis_ticks(sc->x0, sc->x1, tx < 2 ? 2 : tx,
                                     sc->xt, OV__CONTOUR_MAX_TICKS,
                                     &sc->xstep);
        }
        if (check)
            break;
        ov__free(sc->z);
        ov__free(sc->bound);
        ov__free(sc->band);
        sc->z = NULL;
        sc->bound = NULL;
        sc->band = NULL;
        if ((st = compute_field(sc, spec, 2.0, err))) {
            destroy_view(sc);
            return st;
        }
        colorbar_ticks(sc);
        if (ov__colorbar_label_width(&sc->cb, sc->v.meas, sc->v.fs_tick)
            <= fitted)
            break;
    }
    if ((st = trace_lines(sc)) || (st = series_pixels(sc))) {
        destroy_view(sc);
        return st;
    }
    /* Minima and distinct start points, in pixels. */
    const double *mins = NULL;
    size_t nm = ov_loss_minima(loss, &mins);
    for (size_t i = 0; i < nm && sc->nmin < 16; i++) {
        sc->minp[2 * sc->nmin] = ov__contour_px(sc, mins[2 * i]);
        sc->minp[2 * sc->nmin + 1] = ov__contour_py(sc, mins[2 * i + 1]);
        sc->nmin++;
    }
    sc->nglob = sc->nmin;
    nm = ov_loss_local_minima(loss, &mins);
    for (size_t i = 0; i < nm && sc->nmin < 16; i++) {
        sc->minp[2 * sc->nmin] = ov__contour_px(sc, mins[2 * i]);
        sc->minp[2 * sc->nmin + 1] = ov__contour_py(sc, mins[2 * i + 1]);
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
    if (ov__occ_init(&sc->occ, sc->v.W, sc->v.H, OV__CONTOUR_OCC_CELL)) {
        destroy_view(sc);
        return OV_ERR_NOMEM;
    }
    ov__contour_mark_trails(sc);
    ov__contour_layout_legend(sc);
    ov__contour_place_labels(sc);
    if (!sc->spr)
        sc->spr = ov__sprites_create();     /* NULL: markers as paths */

    sc->v.area[0] = sc->px;
    sc->v.area[1] = sc->py;
    sc->v.area[2] = sc->pw;
    sc->v.area[3] = sc->ph;
    sc->v.trail_clip = ov__contour_plot_box(sc, 0.0);
    if ((st = ov__view_finish(&sc->v, raster))) {
        destroy_view(sc);
        return st;
    }
    *out = sc;
    return OV_OK;
}

static ov_status
contour_create(ov__view **out, const ov_loss *loss,
               const ov_trajectory *const *trajs, size_t n,
               const ov_figure_spec *spec, int raster, ov_error *err)
{
    ov__contour_view *sc;
    ov_status st = scene_build(&sc, loss, trajs, n, spec, raster, 0.0, err);
    if (!st && sc->legend_need > 0.0 && spec->layout_grid != OV__GRID_CELL) {
        /* The legend hides data wherever it goes in the plot: again,
         * with a band for it below (the plot shorter). */
        double need = sc->legend_need;
        destroy_view(sc);
        st = scene_build(&sc, loss, trajs, n, spec, raster, need, err);
    }
    *out = st ? NULL : &sc->v;
    return st;
}

static void
contour_to_pixel(const ov__view *v, double x, double y, double *px,
                 double *py)
{
    const ov__contour_view *sc = (const ov__contour_view *)v;
    *px = ov__contour_px(sc, x);
    *py = ov__contour_py(sc, y);
}

static uint32_t
contour_band_color(const ov__view *v, double f)
{
    const ov__contour_view *sc = (const ov__contour_view *)v;
    double z = ov__z_of(&sc->zm, f);
    double b = floor((z - sc->bound[0]) / sc->zstep);
    if (!(b >= 0.0))
        b = 0.0;
    if (b >= (double)sc->nb)
        b = (double)sc->nb - 1;
    return sc->band[(size_t)b];
}

static size_t
contour_scale(const ov__view *v, const ov__zmap **m, const double **bound,
              const uint32_t **band, const char **zname)
{
    const ov__contour_view *sc = (const ov__contour_view *)v;
    *m = &sc->zm;
    *bound = sc->bound;
    *band = sc->band;
    *zname = sc->v.zname;
    return sc->nb;
}

static ov_status
contour_background(ov__view *v, ov__pen *pn, long step)
{
    (void)step;
    return ov__contour_draw_background((ov__contour_view *)v, pn, 1);
}

/* The backgrounds are drawn (the figure's and a page's): the field (a
 * double per 4 pixels) is not needed again. */
static void
contour_drop(ov__view *v)
{
    ov__contour_view *sc = (ov__contour_view *)v;
    ov__free(sc->z);
    sc->z = NULL;
}

static ov_status
contour_page(ov__view *v, ov__pen *pn, struct ov__scene_overlay *ov)
{
    ov__contour_view *sc = (ov__contour_view *)v;
    ov__contour_page_overlay(sc, ov);
    return ov__contour_draw_background(sc, pn, 0);
}

/* Trails stay inside the plot; what a step drew is reported as far as it
 * shows there. */
static void
contour_rows(ov__view *v, cairo_t *cr, long from, long to, long win,
             const ov__box *only, ov__box *bb)
{
    ov__contour_view *sc = (ov__contour_view *)v;
    ov__box b = ov__box_empty();
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    for (long k = from + 1; k <= to; k++)
        ov__contour_draw_step(sc, cr, k, win, only, bb ? &b : NULL);
    cairo_restore(cr);
    if (bb && !ov__box_is_empty(&b)) {
        ov__box pb = ov__contour_plot_box(sc, 1.0);
        b.x0 = fmax(b.x0, pb.x0);
        b.y0 = fmax(b.y0, pb.y0);
        b.x1 = fmin(b.x1, pb.x1);
        b.y1 = fmin(b.y1, pb.y1);
        ov__box_union(bb, b);
    }
}

static ov__box
contour_row_box(const ov__view *v, size_t i, size_t k, size_t first)
{
    const ov__contour_view *sc = (const ov__contour_view *)v;
    return ov__contour_row_box(sc, &sc->se[i], k, first);
}

static void
contour_overlay(ov__view *v, ov__pen *pn, long step)
{
    ov__contour_draw_overlay((ov__contour_view *)v, pn, step);
}

static void
contour_vector_trails(ov__view *v, cairo_t *cr, long step)
{
    ov__contour_view *sc = (ov__contour_view *)v;
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    ov__contour_draw_trails_vector(sc, cr, step);
}

static void
contour_free(ov__view *v)
{
    ov__contour_view *sc = (ov__contour_view *)v;
    scene_free_geometry(sc);
    ov__free(sc);
}

/* ---- colours ------------------------------------------------------------- */

/* Not the chart views' list: the bands come before the legend's edge (the
 * palette pins colours in this order). */
static size_t
contour_colors(const ov__view *v, uint32_t *out, size_t cap)
{
    const ov__contour_view *sc = (const ov__contour_view *)v;
    size_t n = 0;
    /* Every colour fits the local list (bands at most 512), so the count
     * returned is the whole one even when @p cap is smaller. */
    uint32_t local[600 + OV_MAX_SERIES + 16];
    uint32_t *dst = local;
    size_t dcap = sizeof local / sizeof local[0];
    ov__colors_add(dst, dcap, &n, sc->v.tc.bg);
    ov__colors_add(dst, dcap, &n, sc->v.tc.text);
    ov__colors_add(dst, dcap, &n, sc->v.tc.axis);
    ov__colors_add(dst, dcap, &n, OV__WHITE);
    ov__colors_add(dst, dcap, &n, OV__BLACK);
    for (size_t i = 0; i < sc->v.n; i++)
        ov__colors_add(dst, dcap, &n, sc->v.color[i]);
    for (size_t i = 0; i < sc->nb; i++)
        ov__colors_add(dst, dcap, &n, sc->band[i]);
    ov__colors_add(dst, dcap, &n, sc->v.tc.legend_edge);
    size_t m = n < dcap ? n : dcap;
    for (size_t k = 0; k < m && k < cap; k++)
        out[k] = dst[k];
    return m;
}

const ov__view_class ov__contour_class = {
    .name = "contour",
    .create = contour_create,
    .grid_limits = ov__grid_limits2d,
    .background = contour_background,
    .rows = contour_rows,
    .row_box = contour_row_box,
    .overlay_items = ov__contour_overlay_items,
    .overlay = contour_overlay,
    .overlay_reach = ov__contour_overlay_reach,
    .vector_trails = contour_vector_trails,
    .colors = contour_colors,
    .to_pixel = contour_to_pixel,
    .scale = contour_scale,
    .band_color = contour_band_color,
    .page = contour_page,
    .drop = contour_drop,
    .free = contour_free,
};
