/*
 * cview_overlay.c: what moves on the contour view: the current points
 * (above the minima), the live title and the legend with each optimizer's
 * current loss; and where the legend goes.
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>

#include "core/alloc_private.h"
#include "render/views/contour_private.h"
#include "render/render_private.h"

/* ---- overlay: current points, live title, legend ------------------------ */

void
ov__cv_live_title(const ov__cview *sc, long step, char *buf, size_t size)
{
    if (sc->has_title) {
        buf[0] = '\0';
        return;
    }
    if (sc->n == 1 && sc->data_loss) {
        const ov__cv_series *se = &sc->se[0];
        const ov_traj_row *r = &se->t->rows[ov__cv_row_at(se, step)];
        char e[32];
        ov__format_sig(e, sizeof e, r->loss, 4);
        snprintf(buf, size, "Epoch: %ld, Error: %s", r->epoch, e);
    } else {
        snprintf(buf, size, "%s: Iteration %ld", sc->name, step);
    }
}

void
ov__cv_legend_live(const ov__cview *sc, size_t i, long step, char *buf,
                   size_t size)
{
    const ov__cv_series *se = &sc->se[i];
    size_t r = ov__cv_row_at(se, step);
    if (se->diverged && (long)r + 1 >= (long)se->nrows &&
        step >= se->t->diverged_at)
        snprintf(buf, size, "diverged at step %ld", se->t->diverged_at);
    else
        ov__format_sig(buf, size, se->t->rows[r].loss, 4);
}

static void
draw_legend(const ov__cview *sc, ov__pen *pn, long step)
{
    if (ov__box_is_empty(&sc->legend))
        return;
    cairo_t *cr = pn->cr;
    const ov__box *b = &sc->legend;
    double s = sc->s;
    ov__rounded_box(cr, b, 4.0 * s, sc->tc.legend_bg, sc->tc.legend_alpha,
                    sc->tc.legend_edge, 1.0 * s);
    double rh = ov__cv_legend_row_h(sc), pad = 0.6 * sc->fs_legend;
    for (size_t i = 0; i < sc->n; i++) {
        const ov__cv_series *se = &sc->se[i];
        double y = b->y0 + pad + rh * (i + 0.5);
        double x = b->x0 + pad;
        double len = 2.2 * sc->fs_legend;
        cairo_new_path(cr);
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + len, y);
        ov__stroke_cased(cr, se->color, 1.6 * s, OV__BLACK, 3.0 * s);
        ov__circle(cr, x + 0.5 * len, y, 4.0 * s, se->color, OV__BLACK,
                   1.2 * s);
        ov__text(pn, se->label, sc->legend_text_x, y, sc->fs_legend, 0.0, 0.0,
                 sc->tc.text, 1.0);
        char live[64];
        ov__cv_legend_live(sc, i, step, live, sizeof live);
        ov__text(pn, live, sc->legend_col_live, y, sc->fs_legend, 0.0, 1.0,
                 sc->tc.text, 1.0);
    }
}

static void
draw_marker(const ov__cview *sc, cairo_t *cr, const ov__cv_series *se,
            long step)
{
    size_t r = ov__cv_row_at(se, step);
    double x = se->p[2 * r], y = se->p[2 * r + 1];
    ov__box lim = ov__cv_plot_box(sc, 20.0);
    if (!(x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1))
        return;
    ov__circle(cr, x, y, ov__cv_marker_r(sc), se->color, OV__BLACK,
               1.6 * sc->s);
}

ov__box
ov__cv_marker_box(const ov__cview *sc, const ov__cv_series *se, long step)
{
    size_t r = ov__cv_row_at(se, step);
    ov__box b = ov__box_empty();
    double x = se->p[2 * r], y = se->p[2 * r + 1];
    ov__box lim = ov__cv_plot_box(sc, 20.0);
    if (x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1)
        ov__box_add(&b, x, y, ov__cv_marker_r(sc) + 2.0 * sc->s + 1.0);
    return b;
}

/* Minima and current points (clipped to the plot), title, legend. */
void
ov__cv_draw_overlay(const ov__cview *sc, ov__pen *pn, long step)
{
    cairo_t *cr = pn->cr;
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    ov__cv_draw_arrows(sc, cr, step);
    /* The minima go above the trails (which converge on them) and under
     * the current points. */
    for (size_t i = 0; i < sc->nmin; i++)
        ov__star(cr, sc->minp[2 * i], sc->minp[2 * i + 1], 8.0 * sc->s, sc->s);
    for (size_t i = 0; i < sc->n; i++)
        draw_marker(sc, cr, &sc->se[i], step);
    cairo_restore(cr);
    char t[256];
    ov__cv_live_title(sc, step, t, sizeof t);
    if (t[0])
        ov__text(pn, t, sc->px + 0.5 * sc->pw, ov__cv_title_y(sc),
                 sc->fs_title, 0.0, 0.5, sc->tc.text, 1.0);
    draw_legend(sc, pn, step);
}

void
ov__cv_layout_legend(ov__cview *sc)
{
    sc->legend = ov__box_empty();
    if (!sc->legend_on || sc->n == 0)
        return;
    double fs = sc->fs_legend, pad = 0.6 * fs, s = sc->s;
    double wl = 0.0;
    double wv = ov__text_width(sc->meas, "\xE2\x88\x92" "8.888e-88", fs);
    int any_div = 0;
    for (size_t i = 0; i < sc->n; i++) {
        double w = ov__text_width(sc->meas, sc->se[i].label, fs);
        if (w > wl) wl = w;
        any_div |= sc->se[i].diverged;
    }
    if (any_div) {
        char t[64];
        long mx = 0;
        for (size_t i = 0; i < sc->n; i++)
            if (sc->se[i].t->diverged_at > mx)
                mx = sc->se[i].t->diverged_at;
        snprintf(t, sizeof t, "diverged at step %ld", mx);
        double w = ov__text_width(sc->meas, t, fs);
        if (w > wv) wv = w;
    }
    double sample = 2.2 * fs;
    double w = pad + sample + 0.6 * fs + wl + 1.2 * fs + wv + pad;
    double h = 2.0 * pad + ov__cv_legend_row_h(sc) * sc->n;
    double m = 8.0 * s;
    /* The corner with the least trail under it; upper right on ties. */
    double cx[4] = { sc->px + sc->pw - m - w, sc->px + m,
                     sc->px + sc->pw - m - w, sc->px + m };
    double cy[4] = { sc->py + m, sc->py + m, sc->py + sc->ph - m - h,
                     sc->py + sc->ph - m - h };
    int best = 0, bestn = -1;
    for (int k = 0; k < 4; k++) {
        ov__box b = { cx[k], cy[k], cx[k] + w, cy[k] + h };
        int n = ov__cv_occ_count(sc, b);
        if (bestn < 0 || n < bestn) {
            bestn = n;
            best = k;
        }
    }
    ov__box b = { cx[best], cy[best], cx[best] + w, cy[best] + h };
    sc->legend = b;
    sc->legend_text_x = b.x0 + pad + sample + 0.6 * fs;
    sc->legend_col_live = b.x1 - pad;
    ov__box pb = { b.x0 - 4 * s, b.y0 - 4 * s, b.x1 + 4 * s, b.y1 + 4 * s };
    ov__cv_occ_mark_box(sc, pb);
}
