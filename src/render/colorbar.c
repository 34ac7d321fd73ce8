/*
 * colorbar.c: the colour scale beside a figure (contour and surface views,
 * and once for a --layout grid): ticks at round values of the loss and the
 * bar drawn band by band.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optviz/loss.h"
#include "ticks.h"
#include "colorbar.h"

void
ov__zmap_init(ov__zmap *m, ov_zscale kind, const ov_loss *loss,
              const double lim[4], double fmin, double fmax, double fpos)
{
    if (kind == OV_ZSCALE_AUTO) {
        const char *hint = ov_loss_zscale_hint(loss);
        kind = strcmp(hint, "log") == 0    ? OV_ZSCALE_LOG
             : strcmp(hint, "sqrt") == 0   ? OV_ZSCALE_SQRT
                                           : OV_ZSCALE_LINEAR;
    }
    m->kind = kind;
    m->shift = 0.0;
    m->floor = 0.0;
    if (fmin < 0.0 && kind != OV_ZSCALE_LINEAR) {
        const double *mins = NULL;
        size_t nm = ov_loss_minima(loss, &mins);
        for (size_t i = 0; i < nm; i++) {
            const double *p = mins + 2 * i;
            if (p[0] < lim[0] || p[0] > lim[1] || p[1] < lim[2] ||
                p[1] > lim[3])
                continue;
            double th[2] = { p[0], p[1] };
            double v = ov_loss_eval(loss, th, NULL);
            if (v < fmin && v > fmin - 1e-3 * (fmax - fmin))
                fmin = v;
        }
    }
    if (kind == OV_ZSCALE_SQRT && fmin < 0.0)
        m->shift = fmin;
    if (kind == OV_ZSCALE_LOG) {
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
}

/* Significant digits of the printed form of @p v with @p dec decimals. */
static int
digits(double v, int dec)
{
    double a = fabs(v);
    int e = a >= 1.0 ? (int)floor(log10(a)) + 1 : 0;
    return e + dec;
}

/*
 * Candidates of a shifted log scale (a loss whose minimum is negative): one
 * per decade k of the distance from the minimum, the value nearest
 * shift + 10^k at precision 10^k, so each label has just the decimals that
 * set it apart from the minimum (-1.03, -1.02, -0.9, 0, 10, 100 rather
 * than shift + 10^k printed to three digits, which repeats "-1.03").
 */
static size_t
shifted_log_candidates(const ov__zmap *m, double lo, double hi, double *f,
                       int *dec, size_t cap)
{
    size_t n = 0;
    int ktop = (int)floor(hi) + 1, kbot = (int)floor(lo) - 1;
    for (int k = ktop; k >= kbot && n < cap; k--) {
        double p = pow(10.0, k);
        double v = round((m->shift + p) / p) * p;
        if (fabs(v) < 0.5 * p)
            v = 0.0;
        int d = k < 0 ? -k : 0;
        if (digits(v, d) > 5 || v - m->shift <= m->floor)
            continue;
        double z = ov__z_of(m, v);
        if (!(z >= lo - 1e-9 * (hi - lo)) || z > hi + 1e-9 * (hi - lo))
            continue;
        if (n > 0 && v >= f[n - 1])
            continue;
        f[n] = v;
        dec[n] = d;
        n++;
    }
    return n;
}

size_t
ov__round_ticks(const ov__zmap *m, double lo, double hi, double ppz,
                double sep, size_t maxn, double *t, char (*l)[32])
{
    double f[OV__CB_MAX_TICKS];
    int dec[OV__CB_MAX_TICKS];
    size_t best = 0;
    if (maxn > OV__CB_MAX_TICKS)
        maxn = OV__CB_MAX_TICKS;
    if (m->kind == OV_ZSCALE_LOG && m->shift != 0.0) {
        /* Top down: the round values near the top come first. */
        size_t nc = shifted_log_candidates(m, lo, hi, f, dec,
                                           OV__CB_MAX_TICKS);
        double last = INFINITY;
        size_t n = 0;
        for (size_t i = 0; i < nc && n < maxn; i++) {
            double z = ov__z_of(m, f[i]);
            if ((last - z) * ppz < sep)
                continue;
            last = z;
            n++;
        }
        /* Kept ones again, bottom up. */
        size_t k = n;
        last = INFINITY;
        for (size_t i = 0; i < nc && k > 0; i++) {
            double z = ov__z_of(m, f[i]);
            if ((last - z) * ppz < sep)
                continue;
            last = z;
            k--;
            t[k] = z;
            ov__format_tick(l[k], 32, f[i], pow(10.0, -dec[i]));
        }
        return n;
    }
    /* Round values of the loss itself placed on the scale, as many as
     * stay @p sep apart (more targets give more candidates; the best
     * count up to maxn wins). */
    double flo = ov__f_of(m, lo), fhi = ov__f_of(m, hi);
    for (int target = 2; target <= 12; target++) {
        double c[OV__CB_MAX_TICKS], step, tz[OV__CB_MAX_TICKS];
        char tl[OV__CB_MAX_TICKS][32];
        size_t nc = ov__ticks(flo, fhi, target, c, OV__CB_MAX_TICKS, &step);
        size_t n = 0;
        double last = -INFINITY;
        for (size_t i = 0; i < nc && n < maxn; i++) {
            if (m->kind == OV_ZSCALE_LOG && c[i] - m->shift <= m->floor)
                continue;
            double z = ov__z_of(m, c[i]);
            if (z < lo - 1e-9 * (hi - lo) || z > hi + 1e-9 * (hi - lo))
                continue;
            if ((z - last) * ppz < sep)
                continue;
            last = z;
            tz[n] = z;
            ov__format_tick(tl[n], 32, c[i], step);
            n++;
        }
        if (n > best) {
            best = n;
            for (size_t i = 0; i < n; i++) {
                t[i] = tz[i];
                memcpy(l[i], tl[i], 32);
            }
        }
    }
    return best;
}

/* The 1-2-5 x 10^n value nearest @p v (> 0) in ratio. */
static double
nice125(double v)
{
    double e = floor(log10(v)), best = pow(10.0, e), bd = INFINITY;
    static const double mult[] = { 1.0, 2.0, 5.0, 10.0 };
    for (size_t i = 0; i < 4; i++) {
        double c = mult[i] * pow(10.0, e);
        double d = fabs(log(c / v));
        if (d < bd) {
            bd = d;
            best = c;
        }
    }
    return best;
}

size_t
ov__round_levels(const ov__zmap *m, double lo, double hi, size_t maxn,
                 double *z, char (*l)[32])
{
    size_t n = 0;
    if (maxn > OV__CB_MAX_TICKS)
        maxn = OV__CB_MAX_TICKS;
    if (!(hi > lo) || maxn == 0)
        return 0;
    double eps = 1e-9 * (hi - lo);
    if (m->kind == OV_ZSCALE_LINEAR) {
        double t[OV__CB_MAX_TICKS], step;
        size_t nt = ov__ticks(lo, hi, (int)maxn, t, OV__CB_MAX_TICKS, &step);
        for (size_t i = 0; i < nt && n < maxn; i++) {
            if (t[i] <= lo + eps || t[i] >= hi - eps)
                continue;
            z[n] = t[i];
            ov__format_tick(l[n], 32, t[i], step);
            n++;
        }
        return n;
    }
    if (m->kind == OV_ZSCALE_LOG && m->shift != 0.0) {
        /* The colour bar's values (a decade of distance from the minimum
         * each, printed to that decade: -1.02, -1.030), so the lines are
         * labelled as the bar is; every k-th when there are too many. */
        double f[OV__CB_MAX_TICKS];
        int dec[OV__CB_MAX_TICKS];
        size_t nc = shifted_log_candidates(m, lo, hi, f, dec,
                                           OV__CB_MAX_TICKS);
        size_t in = 0;
        for (size_t i = 0; i < nc; i++) {
            double zi = ov__z_of(m, f[i]);
            if (zi > lo + eps && zi < hi - eps)
                in++;
        }
        size_t every = (in + maxn - 1) / maxn, k = 0;
        for (size_t i = nc; i-- > 0;) {
            double zi = ov__z_of(m, f[i]);
            if (!(zi > lo + eps && zi < hi - eps))
                continue;
            if (k++ % every != 0)
                continue;
            z[n] = zi;
            ov__format_tick(l[n], 32, f[i], pow(10.0, -dec[i]));
            n++;
        }
        return n;
    }
    if (m->kind == OV_ZSCALE_LOG && hi - lo >= 2.0) {
        /* Whole decades, every k-th so that at most maxn remain. */
        int k0 = (int)ceil(lo + eps), k1 = (int)floor(hi - eps);
        int every = 1;
        while ((k1 - k0) / every + 1 > (int)maxn)
            every++;
        for (int k = k0; k <= k1 && n < maxn; k++) {
            if (k % every != 0)
                continue;
            double f = pow(10.0, k);
            if (f - m->shift <= m->floor)
                continue;
            z[n] = (double)k;
            ov__format_sig(l[n], 32, f, 3);
            n++;
        }
        return n;
    }
    /* Evenly spaced on the scale, each moved to the nearest 1-2-5 value of
     * the loss: ticks where the field (and the trails) are, all round. */
    for (size_t i = 1; i <= maxn; i++) {
        double zt = lo + (hi - lo) * (double)i / (double)(maxn + 1);
        double f = ov__f_of(m, zt);
        if (!(f > 0.0) || !isfinite(f))
            continue;
        double v = nice125(f);
        if (m->kind == OV_ZSCALE_LOG && v - m->shift <= m->floor)
            continue;
        double zv = ov__z_of(m, v);
        if (!(zv > lo + eps) || !(zv < hi - eps))
            continue;
        if (n > 0 && zv <= z[n - 1] + eps)
            continue;
        z[n] = zv;
        ov__format_sig(l[n], 32, v, 3);
        n++;
    }
    return n;
}

void
ov__colorbar_ticks(ov__colorbar *cb, const double *bound, size_t nb,
                   const ov__zmap *m, double fs_tick)
{
    double lo = bound[0], hi = bound[nb];
    double cand[OV__CB_MAX_TICKS], step = 1.0;
    size_t nc = 0;
    int target = (int)(cb->h / (2.2 * fs_tick));
    target = target < 2 ? 2 : target > 10 ? 10 : target;
    if (m->kind == OV_ZSCALE_LOG && m->shift != 0.0) {
        cb->n = ov__round_ticks(m, lo, hi, cb->h / (hi - lo), 1.3 * fs_tick,
                                (size_t)target, cb->t, cb->l);
        return;
    }
    if (m->kind == OV_ZSCALE_SQRT) {
        /* 1-2-5 values spread evenly in sqrt space, so the ticks sit where
         * the low losses (and the trails) are, not all near the top. */
        double z[OV__CB_MAX_TICKS];
        char l[OV__CB_MAX_TICKS][32];
        size_t n = ov__round_levels(m, lo, hi, (size_t)target, z, l);
        cb->n = 0;
        double last = INFINITY;
        for (size_t i = 0; i <= n; i++) {
            /* A loss of 0 first, when the bar reaches it. */
            double zi = i == 0 ? ov__z_of(m, 0.0) : z[i - 1];
            if (zi < lo - 1e-9 * (hi - lo) || zi > hi + 1e-9 * (hi - lo))
                continue;
            double y = cb->y + cb->h - (zi - lo) / (hi - lo) * cb->h;
            if (fabs(last - y) < 1.3 * fs_tick)
                continue;
            last = y;
            cb->t[cb->n] = zi;
            if (i == 0)
                snprintf(cb->l[cb->n], sizeof cb->l[0], "0");
            else
                memcpy(cb->l[cb->n], l[i - 1], sizeof cb->l[0]);
            cb->n++;
        }
        return;
    }
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
    /* A tick at 0 of the loss comes back from the sqrt scale and its
     * inverse as a rounding error (of a shifted loss: -2.22e-16). */
    double fspan = fabs(ov__f_of(m, hi) - ov__f_of(m, lo));
    for (size_t i = 0; i < nc; i++) {
        if (cand[i] < lo - 1e-9 * (hi - lo) || cand[i] > hi + 1e-9 * (hi - lo))
            continue;
        double y = cb->y + cb->h - (cand[i] - lo) / (hi - lo) * cb->h;
        if (fabs(last - y) < 1.3 * fs_tick)
            continue;
        last = y;
        size_t k = cb->n++;
        cb->t[k] = cand[i];
        double f = m->kind == OV_ZSCALE_LINEAR ? cand[i]
                                               : ov__f_of(m, cand[i]);
        /* (On a log scale values that small are real ticks.) */
        if (m->kind != OV_ZSCALE_LOG && fabs(f) < 1e-9 * fspan)
            f = 0.0;
        if (m->kind == OV_ZSCALE_LOG && step == 1.0 && hi - lo >= 2.0)
            ov__format_sig(cb->l[k], sizeof cb->l[k], f, 3);
        else
            ov__format_tick(cb->l[k], sizeof cb->l[k], f, step);
        /* Two marks with one label would tell nothing apart. */
        if (k > 0 && strcmp(cb->l[k], cb->l[k - 1]) == 0)
            cb->n--;
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
ov__colorbar_name_map(char *buf, size_t size, const char *zname,
                      const ov__zmap *m)
{
    if (m->shift == 0.0 || (m->kind != OV_ZSCALE_LOG &&
                            m->kind != OV_ZSCALE_SQRT)) {
        ov__colorbar_name(buf, size, zname, m->kind);
        return;
    }
    char c[48];
    ov__format_sig(c, sizeof c, fabs(m->shift), 4);
    snprintf(buf, size, "%s (%s of %s %s %s)", zname,
             m->kind == OV_ZSCALE_LOG ? "log" : "sqrt", zname,
             m->shift < 0.0 ? "+" : "\u2212", c);
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
