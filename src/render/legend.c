/*
 * legend.c: the legend box of the chart views (legend.h): one row per
 * entry with a sample of its line or marker, in a corner of the plot.
 */
#include <math.h>

#include "legend.h"

void
ov__legend_layout(const ov__view *v, ov__legend *lg, const char *const *texts,
                  size_t n, double x, double y, double w, double h, int corner)
{
    double fs = v->fs_legend, s = v->s;
    lg->n = n;
    lg->box = ov__box_empty();
    if (n == 0)
        return;
    lg->pad = 0.6 * fs;
    lg->row_h = 1.45 * fs;
    lg->sample = 2.2 * fs;
    double wl = 0.0;
    for (size_t i = 0; i < n; i++) {
        double tw = ov__text_width(v->meas, texts[i], fs);
        if (tw > wl)
            wl = tw;
    }
    double bw = lg->pad + lg->sample + 0.6 * fs + wl + lg->pad;
    double bh = 2.0 * lg->pad + lg->row_h * n;
    double m = 8.0 * s;
    double bx = (corner & 1) ? x + m : x + w - m - bw;
    double by = (corner & 2) ? y + h - m - bh : y + m;
    ov__box b = { bx, by, bx + bw, by + bh };
    lg->box = b;
    lg->text_x = bx + lg->pad + lg->sample + 0.6 * fs;
}

void
ov__legend_sample(const ov__legend *lg, size_t i, double *x, double *y)
{
    *x = lg->box.x0 + lg->pad + 0.5 * lg->sample;
    *y = lg->box.y0 + lg->pad + lg->row_h * (i + 0.5);
}

ov__box
ov__legend_dirty(const ov__legend *lg, double s)
{
    ov__box b = lg->box;
    if (!ov__box_is_empty(&b)) {
        ov__box_add(&b, b.x0, b.y0, 2.0 * s);
        ov__box_add(&b, b.x1, b.y1, 2.0 * s);
    }
    return b;
}

/* kind: 0 line with a dot, 1 dot only, 2 line only, 3 dashed line only,
 * 4 dotted line only, 5 line cased in black (as the trails: a white line
 * shows on the light legend box) with a dot, 6 no sample (the view draws
 * its own at ov__legend_sample()). */
void
ov__legend_draw(const ov__view *v, ov__pen *pn, const ov__legend *lg,
                const char *const *texts, const uint32_t *colors,
                const int *kind)
{
    if (ov__box_is_empty(&lg->box))
        return;
    cairo_t *cr = pn->cr;
    const ov__box *b = &lg->box;
    double s = v->s;
    ov__rounded_box(cr, b, 4.0 * s, v->tc.legend_bg, v->tc.legend_alpha,
                    v->tc.legend_edge, 1.0 * s);
    for (size_t i = 0; i < lg->n; i++) {
        double y = b->y0 + lg->pad + lg->row_h * (i + 0.5);
        double x = b->x0 + lg->pad;
        int k = kind ? kind[i] : 0;
        if (k == 6) {
            /* the view's own sample */
        } else if (k != 1) {
            cairo_new_path(cr);
            cairo_move_to(cr, x, y);
            cairo_line_to(cr, x + lg->sample, y);
            if (k == 5) {
                ov__stroke_cased(cr, colors[i], 1.6 * s, OV__BLACK, 3.0 * s);
            } else {
                ov__set_rgb(cr, colors[i], 1.0);
                cairo_set_line_width(cr, 2.0 * s);
                if (k == 3 || k == 4) {
                    ov__set_dash(cr, k == 3 ? OV__DASHED : OV__DOTTED, s,
                                 0.0);
                    cairo_stroke(cr);
                    ov__set_dash(cr, OV__SOLID, s, 0.0);
                } else {
                    cairo_stroke(cr);
                }
            }
        }
        if (k == 0 || k == 1 || k == 5)
            ov__circle(cr, x + 0.5 * lg->sample, y, 4.0 * s, colors[i],
                       OV__BLACK, 1.0 * s);
        ov__text(pn, texts[i], lg->text_x, y, v->fs_legend, 0.0, 0.0,
                 v->tc.text, 1.0);
    }
}
