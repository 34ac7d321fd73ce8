/*
 * colorbar.c: the colour scale beside a figure (contour and surface views,
 * and once for a --layout grid): ticks at round values of the loss and the
 * bar drawn band by band.
 */
#include <math.h>
#include <stdio.h>

#include "render/render_private.h"
#include "render/views.h"

void
ov__colorbar_ticks(ov__colorbar *cb, const double *bound, size_t nb,
                   const ov__zmap *m, double fs_tick)
{
    double lo = bound[0], hi = bound[nb];
    double cand[OV__CB_MAX_TICKS], step = 1.0;
    size_t nc = 0;
    int target = (int)(cb->h / (2.2 * fs_tick));
    target = target < 2 ? 2 : target > 10 ? 10 : target;
    if (m->kind == OV_ZSCALE_LINEAR) {
        nc = ov__ticks(lo, hi, target, cand, OV__CB_MAX_TICKS, &step);
    } else if (m->kind == OV_ZSCALE_LOG && hi - lo >= 2.0) {
        /* Whole decades only. */
        double t[OV__CB_MAX_TICKS];
        size_t n = ov__ticks(lo, hi, target, t, OV__CB_MAX_TICKS, &step);
        for (size_t i = 0; i < n; i++)
            if (fabs(t[i] - round(t[i])) < 1e-9)
                cand[nc++] = round(t[i]);
        step = 1.0;
    } else {
        /* Round values of the loss itself, placed on the scale. */
        double t[OV__CB_MAX_TICKS];
        size_t n = ov__ticks(ov__f_of(m, lo), ov__f_of(m, hi), target, t,
                             OV__CB_MAX_TICKS, &step);
        for (size_t i = 0; i < n; i++) {
            if (m->kind == OV_ZSCALE_LOG && t[i] - m->shift <= m->floor)
                continue;
            cand[nc++] = ov__z_of(m, t[i]);
        }
    }
    cb->n = 0;
    double last = INFINITY;
    for (size_t i = 0; i < nc; i++) {
        if (cand[i] < lo - 1e-9 * (hi - lo) || cand[i] > hi + 1e-9 * (hi - lo))
            continue;
        double y = cb->y + cb->h - (cand[i] - lo) / (hi - lo) * cb->h;
        if (fabs(last - y) < 1.3 * fs_tick)
            continue;
        last = y;
        size_t k = cb->n++;
        cb->t[k] = cand[i];
        if (m->kind == OV_ZSCALE_LINEAR)
            ov__format_tick(cb->l[k], sizeof cb->l[k], cand[i], step);
        else if (m->kind == OV_ZSCALE_LOG && step == 1.0 && hi - lo >= 2.0)
            ov__format_sig(cb->l[k], sizeof cb->l[k], ov__f_of(m, cand[i]), 3);
        else
            ov__format_tick(cb->l[k], sizeof cb->l[k], ov__f_of(m, cand[i]),
                            step);
    }
}

double
ov__colorbar_label_width(const ov__colorbar *cb, cairo_t *meas,
                         double fs_tick)
{
    double maxw = 0.0;
    for (size_t i = 0; i < cb->n; i++)
        maxw = fmax(maxw, ov__text_width(meas, cb->l[i], fs_tick));
    return maxw;
}

void
ov__colorbar_name(char *buf, size_t size, const char *zname, ov_zscale kind)
{
    if (kind == OV_ZSCALE_LOG)
        snprintf(buf, size, "%s (log scale)", zname);
    else if (kind == OV_ZSCALE_SQRT)
        snprintf(buf, size, "%s (sqrt scale)", zname);
    else
        snprintf(buf, size, "%s", zname);
}

void
ov__colorbar_draw(const ov__colorbar *cb, ov__pen *pn, const double *bound,
                  const uint32_t *band, size_t nb, const char *name,
                  const ov__cb_style *st)
{
    if (cb->w <= 0.0)
        return;
    cairo_t *cr = pn->cr;
    double s = st->s, tl = 4.0 * s, top = cb->y, h = cb->h;
    double lo = bound[0], hi = bound[nb];
    for (size_t i = 0; i < nb; i++) {
        double y0 = top + h - (bound[i] - lo) / (hi - lo) * h;
        double y1 = top + h - (bound[i + 1] - lo) / (hi - lo) * h;
        /* Each band overlaps the next by its own colour's seam-free edge. */
        cairo_rectangle(cr, cb->x, y1, cb->w, y0 - y1 + (i ? 0.5 : 0.0));
        ov__set_rgb(cr, band[i], 1.0);
        cairo_fill(cr);
    }
    ov__set_rgb(cr, st->tc->axis, 1.0);
    double fw = s < 1.5 ? 1.0 : round(s), hw = 0.5 * fw;
    cairo_set_line_width(cr, fw);
    cairo_rectangle(cr, cb->x - hw, top - hw, cb->w + fw, h + fw);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.0 * s);
    /* Tick marks, then labels (or each label after its mark). */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < cb->n; i++) {
            double y = top + h - (cb->t[i] - lo) / (hi - lo) * h;
            if (pass == 0) {
                cairo_move_to(cr, cb->x + cb->w, y);
                cairo_line_to(cr, cb->x + cb->w + tl, y);
                if (!st->stroke_each)
                    continue;
                cairo_stroke(cr);
            }
            if (pass == 1 || st->stroke_each)
                ov__text(pn, cb->l[i], cb->x + cb->w + tl + 3.0 * s, y,
                         st->fs_tick, 0.0, 0.0, st->tc->text, 1.0);
        }
        if (st->stroke_each)
            break;
        if (pass == 0)
            cairo_stroke(cr);
    }
    double maxw = ov__colorbar_label_width(cb, st->meas, st->fs_tick);
    ov__text(pn, name, cb->x + cb->w + tl + 3.0 * s + maxw + 6.0 * s +
             0.55 * st->fs_label, top + 0.5 * h, st->fs_label, -M_PI / 2.0,
             0.5, st->tc->text, 1.0);
}
