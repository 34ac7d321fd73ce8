/*
 * contour_background.c: the contour view's background: bands, contour lines
 * (contour_labels.c), start markers (not on a page's static layer: the
 * page draws them where its reruns start), axes, colorbar, a fixed
 * title.
 *
 * Bands are filled as stacked sub-level sets {z >= level} in painter's
 * order (no conflation seams, exact band colours inside, anti-aliased
 * edges), from rings traced by contour.c on a grid of about one node per
 * two pixels.
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>

#include "alloc_private.h"
#include "contour_private.h"
#include "ticks.h"

static void
ring_path(const ov__contour_view *sc, cairo_t *cr, const ov__isolines *c,
          const ov__chain *ch)
{
    const double *p = c->xy + 2 * ch->first;
    double *xy = sc->v.raster ? NULL : ov__malloc3(ch->n, 2 * sizeof *xy, 1);
    unsigned char *keep = xy ? ov__malloc(ch->n) : NULL;
    if (keep) {
        for (size_t k = 0; k < ch->n; k++) {
            xy[2 * k] = ov__contour_grid_px(sc, p[2 * k]);
            xy[2 * k + 1] = ov__contour_grid_py(sc, p[2 * k + 1]);
        }
        ov__simplify(xy, ch->n, 1, OV__SIMPLIFY_TOL, keep);
        cairo_move_to(cr, xy[0], xy[1]);
        for (size_t k = 1; k < ch->n; k++)
            if (keep[k])
                cairo_line_to(cr, xy[2 * k], xy[2 * k + 1]);
    } else {
        cairo_move_to(cr, ov__contour_grid_px(sc, p[0]), ov__contour_grid_py(sc, p[1]));
        for (size_t k = 1; k < ch->n; k++)
            cairo_line_to(cr, ov__contour_grid_px(sc, p[2 * k]),
                          ov__contour_grid_py(sc, p[2 * k + 1]));
    }
    cairo_close_path(cr);
    ov__free(keep);
    ov__free(xy);
}

static ov_status
draw_bands(const ov__contour_view *sc, cairo_t *cr)
{
    ov__isolines reg = { 0 };
    ov_status st = OV_OK;
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    ov__set_rgb(cr, sc->band[0], 1.0);
    cairo_paint(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    for (size_t i = 1; i < sc->nb && !st; i++) {
        ov__isolines_reset(&reg);
        st = ov__isolines_region(sc->z, sc->gnx, sc->gny, sc->bound[i], &reg);
        if (st || reg.nchains == 0)
            continue;
        cairo_new_path(cr);
        for (size_t c = 0; c < reg.nchains; c++)
            if (reg.chains[c].n >= 3)
                ring_path(sc, cr, &reg, &reg.chains[c]);
        ov__set_rgb(cr, sc->band[i], 1.0);
        cairo_fill(cr);
    }
    cairo_restore(cr);
    ov__isolines_free(&reg);
    return st;
}

static void
draw_axes(const ov__contour_view *sc, ov__pen *pn)
{
    cairo_t *cr = pn->cr;
    double s = sc->v.s, tl = 5.0 * s;
    uint32_t ax = sc->v.tc.axis, tx = sc->v.tc.text;
    char buf[48];
    cairo_set_dash(cr, NULL, 0, 0.0);
    ov__set_rgb(cr, ax, 1.0);
    /* A whole-pixel frame just outside the plot area. */
    double fw = s < 1.5 ? 1.0 : round(s), h = 0.5 * fw;
    cairo_set_line_width(cr, fw);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_rectangle(cr, sc->px - h, sc->py - h, sc->pw + fw, sc->ph + fw);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.0 * s);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (size_t i = 0; i < sc->nxt; i++) {
        double x = ov__contour_px(sc, sc->xt[i]);
        cairo_move_to(cr, x, sc->py + sc->ph);
        cairo_line_to(cr, x, sc->py + sc->ph + tl);
    }
    for (size_t i = 0; i < sc->nyt; i++) {
        double y = ov__contour_py(sc, sc->yt[i]);
        cairo_move_to(cr, sc->px, y);
        cairo_line_to(cr, sc->px - tl, y);
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < sc->nxt; i++) {
        ov__format_tick(buf, sizeof buf, sc->xt[i], sc->xstep);
        ov__text(pn, buf, ov__contour_px(sc, sc->xt[i]),
                 sc->py + sc->ph + tl + 3.0 * s + 0.6 * sc->v.fs_tick,
                 sc->v.fs_tick, 0.0, 0.5, tx, 1.0);
    }
    for (size_t i = 0; i < sc->nyt; i++) {
        ov__format_tick(buf, sizeof buf, sc->yt[i], sc->ystep);
        ov__text(pn, buf, sc->px - tl - 3.0 * s, ov__contour_py(sc, sc->yt[i]),
                 sc->v.fs_tick, 0.0, 1.0, tx, 1.0);
    }
    ov__text(pn, sc->v.xname, sc->px + 0.5 * sc->pw,
             sc->py + sc->ph + tl + 3.0 * s + 1.2 * sc->v.fs_tick + 6.0 * s +
             0.5 * sc->v.fs_label, sc->v.fs_label, 0.0, 0.5, tx, 1.0);
    /* At the margin's edge, moved in with a plot made narrower for equal
     * aspect. */
    ov__text(pn, sc->v.yname,
             sc->px - sc->box[0] + 8.0 * s + 0.55 * sc->v.fs_label,
             sc->py + 0.5 * sc->ph, sc->v.fs_label, -M_PI / 2.0, 0.5, tx, 1.0);
}

static void
draw_colorbar(const ov__contour_view *sc, ov__pen *pn)
{
    char name[96];
    ov__colorbar_name_map(name, sizeof name, sc->v.zname, &sc->zm);
    ov__cb_style st = { sc->v.s, sc->v.fs_tick, sc->v.fs_label, &sc->v.tc, sc->v.meas,
                        0 };
    ov__colorbar_draw(&sc->cb, pn, sc->bound, sc->band, sc->nb, name, &st);
}

static void
draw_static_markers(const ov__contour_view *sc, cairo_t *cr)
{
    double s = sc->v.s;
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    for (size_t i = 0; i < sc->nstart; i++) {
        double x = sc->startp[2 * i], y = sc->startp[2 * i + 1], h = 4.5 * s;
        cairo_new_path(cr);
        cairo_rectangle(cr, x - h, y - h, 2.0 * h, 2.0 * h);
        ov__set_rgb(cr, OV__WHITE, 1.0);
        cairo_fill_preserve(cr);
        ov__set_rgb(cr, OV__BLACK, 1.0);
        cairo_set_line_width(cr, 1.4 * s);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

ov_status
ov__contour_draw_background(const ov__contour_view *sc, ov__pen *pn,
                            int starts)
{
    cairo_t *cr = pn->cr;
    ov__set_rgb(cr, sc->v.tc.bg, 1.0);
    cairo_paint(cr);
    /* Line contours stand on the background alone. */
    ov_status st = sc->lines_only ? OV_OK : draw_bands(sc, cr);
    if (st)
        return st;
    ov__contour_draw_lines(sc, pn);
    if (starts)
        draw_static_markers(sc, cr);
    draw_axes(sc, pn);
    draw_colorbar(sc, pn);
    if (sc->v.has_title)
        ov__view_title(&sc->v, pn, sc->v.title, sc->px + 0.5 * sc->pw,
                       ov__contour_title_y(sc));
    return cairo_status(cr) ? OV_ERR_RENDER : OV_OK;
}
