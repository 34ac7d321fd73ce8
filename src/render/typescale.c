/*
 * typescale.c: the figure's type scale (typescale.h).
 */
#include <math.h>

#include "typescale.h"

double
ov__type_unit(double w, double h)
{
    double s = fmin(fmax(sqrt(w * h / (800.0 * 600.0)), 0.75),
                    fmin(w / 400.0, h / 300.0));
    return s < 0.5 ? 0.5 : s > 4.0 ? 4.0 : s;
}

double
ov__type_unit_cell(double cw, double ch, double w, double h)
{
    /* A cell alone would take the text of a figure its size, which on a
     * big screen is small beside the figure (a 2 x 2 grid at 1920x1080:
     * 11.7 px ticks, under an 800x600 figure's 12).  The text follows the
     * figure as matplotlib's does (a font size per figure, not per axes),
     * at 0.6 of its unit, as far as the cell's shorter side lets it fit. */
    double u = ov__type_unit(cw, ch);
    double f = fmin(0.6 * ov__type_unit(w, h), fmin(cw / 400.0, ch / 300.0));
    return f > u ? f : u;
}

double
ov__type_px_per_pt(const ov_figure_spec *spec)
{
    return spec->dpi > 0.0 ? spec->dpi / 72.0 : 1.0;
}

void
ov__type_of(ov__type *t, const ov_figure_spec *spec)
{
    double k = ov__type_px_per_pt(spec);
    double u = spec->text_scale > 0.0
               ? spec->text_scale
               : ov__type_unit(spec->width / k, spec->height / k);
    /* Three sizes a step apart (12, 14, 16 pt at 800x600), each with its
     * floor, so the steps survive on the smallest figures (8, 9, 10). */
    t->s = u * k;
    t->tick = fmax(12.0 * u, OV__MIN_TEXT) * k;
    t->label = fmax(14.0 * u, OV__MIN_TEXT + 1.0) * k;
    t->title = fmax(16.0 * u, OV__MIN_TEXT + 2.0) * k;
    t->min = OV__MIN_TEXT * k;
    t->small = fmax(0.75 * t->tick, t->min);
}
