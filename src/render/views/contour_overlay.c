/*
 * contour_overlay.c: what moves on the contour view: the current points
 * (above the minima), the live title and the legend with each optimizer's
 * current loss; and where the legend goes.
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "contour_private.h"
#include "ticks.h"
#include "legend.h"
#include "rects.h"
#include "sink_private.h"

/* ---- overlay: current points, live title, legend ------------------------ */

void
ov__contour_legend_live(const ov__contour_view *sc, size_t i, long step, char *buf,
                   size_t size)
{
    const ov__contour_series *se = &sc->se[i];
    size_t r = ov__view_row(&sc->v, se->i, step);
    if (sc->v.diverged[se->i] && (long)r + 1 >= (long)sc->v.nrows[se->i] &&
        step >= sc->v.t[se->i]->diverged_at)
        snprintf(buf, size, "diverged at step %ld", sc->v.t[se->i]->diverged_at);
    else
        ov__format_fixed(buf, size, sc->v.t[se->i]->rows[r].loss, se->vfmt);
}

/* The legend's still part: its box, and each row's sample and label;
 * with @p step >= 0 each row's live value too, in row order (as vector
 * output writes it). */
static void
draw_legend_rows(const ov__contour_view *sc, ov__pen *pn, long step)
{
    cairo_t *cr = pn->cr;
    const ov__box *b = &sc->legend;
    double s = sc->v.s;
    ov__rounded_box(cr, b, 4.0 * s, sc->v.tc.legend_bg, sc->v.tc.legend_alpha,
                    sc->v.tc.legend_edge, 1.0 * s);
    double rh = ov__contour_legend_row_h(sc), pad = 0.6 * sc->legend_fs;
    for (size_t i = 0; i < sc->v.n; i++) {
        const ov__contour_series *se = &sc->se[i];
        double y = b->y0 + pad + rh * (i + 0.5);
        double x = b->x0 + pad;
        double len = 2.2 * sc->legend_fs;
        /* A points-only series' sample is its marker alone. */
        if (!se->points_only) {
            cairo_new_path(cr);
            cairo_move_to(cr, x, y);
            cairo_line_to(cr, x + len, y);
            ov__stroke_cased(cr, sc->v.color[se->i], 1.6 * s,
                             sc->v.casing[se->i],
                             3.0 * s);
        }
        ov__circle(cr, x + 0.5 * len, y, 4.0 * s, sc->v.color[se->i],
                   sc->v.casing[se->i],
                   1.2 * s);
        ov__text(pn, sc->legend_label[se->i], sc->legend_text_x, y,
                 sc->legend_fs, 0.0, 0.0, sc->v.tc.text, 1.0);
        if (step < 0 || !sc->legend_live)
            continue;
        char live[64];
        ov__contour_legend_live(sc, i, step, live, sizeof live);
        ov__text(pn, live, sc->legend_col_live, y, sc->legend_fs, 0.0, 1.0,
                 sc->v.tc.text, 1.0);
    }
}

/* Each row's current loss, right-aligned in its column, at least 1.2
 * text sizes right of the longest label (legend_width): no pixel of it
 * meets the still part's ink, so drawing it after every row's still part
 * gives what drawing it row by row gave. */
static void
draw_legend_live(const ov__contour_view *sc, ov__pen *pn, long step)
{
    const ov__box *b = &sc->legend;
    double rh = ov__contour_legend_row_h(sc), pad = 0.6 * sc->legend_fs;
    for (size_t i = 0; sc->legend_live && i < sc->v.n; i++) {
        double y = b->y0 + pad + rh * (i + 0.5);
        char live[64];
        ov__contour_legend_live(sc, i, step, live, sizeof live);
        ov__text(pn, live, sc->legend_col_live, y, sc->legend_fs, 0.0, 1.0,
                 sc->v.tc.text, 1.0);
    }
}

/*
 * The legend's still part as drawn last: the pixels under it before, and
 * after.  Every frame redraws the legend for its live values, and its
 * rounded box, samples and labels were two thirds of a frame's drawing
 * (the standard GIF: 250 M of 1,200 M instructions).  When the pixels
 * under it are those of last time (the trails and points there have not
 * moved), drawing it again would give the same pixels, so they are copied
 * instead; only the live values are drawn.
 */
struct ov__legend_cache {
    ov_rect r;                  /* figure pixels: the legend and its ink */
    int valid;
    uint32_t *under, *over;     /* r.w * r.h each */
    /* The still part drawn once on a clear layer of r's size, laid over
     * the pixels under it whenever they changed: drawing it again cost a
     * million instructions a time (46 of the standard GIF's frames). */
    cairo_surface_t *layer;
    ov_rect layer_r;
};

void
ov__contour_legend_cache_free(ov__contour_view *sc)
{
    if (!sc->lcache)
        return;
    ov__free(sc->lcache->under);
    ov__free(sc->lcache->over);
    if (sc->lcache->layer)
        cairo_surface_destroy(sc->lcache->layer);
    ov__free(sc->lcache);
    sc->lcache = NULL;
}

/* The pixels of figure rectangle @p r on @p cr's image target when it can
 * hold the cache's copy: a plain image, figure pixels placed by a whole
 * device offset, no transformation, and @p r inside the surface and inside
 * one rectangle of the clip (a clip edge through the legend would change
 * its pixels there).  NULL otherwise. */
static unsigned char *
legend_pixels(cairo_t *cr, ov_rect r, int *stride)
{
    cairo_surface_t *t = cairo_get_target(cr);
    if (cairo_surface_get_type(t) != CAIRO_SURFACE_TYPE_IMAGE)
        return NULL;
    cairo_format_t f = cairo_image_surface_get_format(t);
    if (f != CAIRO_FORMAT_RGB24 && f != CAIRO_FORMAT_ARGB32)
        return NULL;
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    if (m.xx != 1.0 || m.yy != 1.0 || m.xy != 0.0 || m.yx != 0.0 ||
        m.x0 != 0.0 || m.y0 != 0.0)
        return NULL;
    double ox, oy;
    cairo_surface_get_device_offset(t, &ox, &oy);
    if (ox != floor(ox) || oy != floor(oy))
        return NULL;
    long sx = r.x + (long)ox, sy = r.y + (long)oy;
    if (sx < 0 || sy < 0 ||
        sx + r.w > cairo_image_surface_get_width(t) ||
        sy + r.h > cairo_image_surface_get_height(t))
        return NULL;
    cairo_rectangle_list_t *cl = cairo_copy_clip_rectangle_list(cr);
    int inside = 0;
    if (cl->status == CAIRO_STATUS_SUCCESS)
        for (int k = 0; k < cl->num_rectangles && !inside; k++) {
            const cairo_rectangle_t *c = &cl->rectangles[k];
            inside = c->x <= r.x && c->y <= r.y && c->x + c->width >= r.x + r.w
                     && c->y + c->height >= r.y + r.h;
        }
    cairo_rectangle_list_destroy(cl);
    if (!inside)
        return NULL;
    *stride = cairo_image_surface_get_stride(t);
    return cairo_image_surface_get_data(t) + (size_t)sy * (size_t)*stride
           + 4 * (size_t)sx;
}

/* lc->layer holds the legend's still part for rectangle @p r (drawn now
 * if it does not yet); 0 when it cannot be made. */
static int
legend_layer(const ov__contour_view *sc, struct ov__legend_cache *lc,
             ov_rect r)
{
    if (lc->layer && lc->layer_r.x == r.x && lc->layer_r.y == r.y &&
        lc->layer_r.w == r.w && lc->layer_r.h == r.h)
        return 1;
    if (lc->layer)
        cairo_surface_destroy(lc->layer);
    lc->layer = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, r.w, r.h);
    if (cairo_surface_status(lc->layer) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(lc->layer);
        lc->layer = NULL;
        return 0;
    }
    cairo_t *cr = cairo_create(lc->layer);
    cairo_translate(cr, -r.x, -r.y);
    ov__pen lp = { cr, NULL };
    draw_legend_rows(sc, &lp, -1);
    int ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    cairo_surface_flush(lc->layer);
    if (!ok) {
        cairo_surface_destroy(lc->layer);
        lc->layer = NULL;
        return 0;
    }
    lc->layer_r = r;
    return 1;
}

/* Whether @p cr draws on pixels one to one: an image target under a
 * whole-pixel translation at most (not a PDF page, not a scaled cell). */
static int
raster_target(cairo_t *cr)
{
    if (cairo_surface_get_type(cairo_get_target(cr)) !=
        CAIRO_SURFACE_TYPE_IMAGE)
        return 0;
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    return m.xx == 1.0 && m.yy == 1.0 && m.xy == 0.0 && m.yx == 0.0 &&
           m.x0 == floor(m.x0) && m.y0 == floor(m.y0);
}

/* Lays the kept still part (legend_layer) over rectangle @p r. */
static void
lay_legend(cairo_t *cr, const struct ov__legend_cache *lc, ov_rect r)
{
    cairo_save(cr);
    cairo_set_source_surface(cr, lc->layer, r.x, r.y);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_fill(cr);
    cairo_restore(cr);
}

static void
draw_legend(const ov__contour_view *sc, ov__pen *pn, long step)
{
    if (ov__box_is_empty(&sc->legend))
        return;
    struct ov__legend_cache *lc = sc->lcache;
    /* The box and its edge's ink (a 1 px-unit line, antialiased). */
    double m = 2.0 * sc->v.s;
    ov__box lg = { sc->legend.x0 - m, sc->legend.y0 - m, sc->legend.x1 + m,
                   sc->legend.y1 + m };
    ov_rect r = ov__to_rect(lg, sc->v.W, sc->v.H);
    unsigned char *px = NULL;
    int stride = 0;
    /* Vector output, and the text log of the layout tests, draw it all;
     * every raster figure lays the kept still part over its pixels, so a
     * still and an animation's frames agree pixel for pixel. */
    if (!lc || pn->svg || ov__text_log || r.w <= 0 || r.h <= 0 ||
        !raster_target(pn->cr) || !legend_layer(sc, lc, r)) {
        draw_legend_rows(sc, pn, step);
        return;
    }
    px = legend_pixels(pn->cr, r, &stride);
    if (!px) {
        lay_legend(pn->cr, lc, r);
        draw_legend_live(sc, pn, step);
        return;
    }
    cairo_surface_t *t = cairo_get_target(pn->cr);
    size_t row = 4 * (size_t)r.w;
    cairo_surface_flush(t);
    int hit = lc->valid && lc->r.x == r.x && lc->r.y == r.y &&
              lc->r.w == r.w && lc->r.h == r.h;
    for (int y = 0; hit && y < r.h; y++)
        hit = memcmp(px + (size_t)y * stride, lc->under + (size_t)y * r.w,
                     row) == 0;
    if (hit) {
        for (int y = 0; y < r.h; y++)
            memcpy(px + (size_t)y * stride, lc->over + (size_t)y * r.w, row);
        cairo_surface_mark_dirty(t);
    } else {
        if (!lc->valid || lc->r.w != r.w || lc->r.h != r.h) {
            ov__free(lc->under);
            ov__free(lc->over);
            lc->under = ov__malloc3((size_t)r.w, (size_t)r.h, 4);
            lc->over = ov__malloc3((size_t)r.w, (size_t)r.h, 4);
        }
        lc->valid = 0;
        int keep = lc->under && lc->over;
        for (int y = 0; keep && y < r.h; y++)
            memcpy(lc->under + (size_t)y * r.w, px + (size_t)y * stride, row);
        lay_legend(pn->cr, lc, r);
        cairo_surface_flush(t);
        for (int y = 0; keep && y < r.h; y++)
            memcpy(lc->over + (size_t)y * r.w, px + (size_t)y * stride, row);
        lc->r = r;
        lc->valid = keep && cairo_status(pn->cr) == CAIRO_STATUS_SUCCESS;
    }
    draw_legend_live(sc, pn, step);
}

/* Where the current point of a path that has left the plot is marked:
 * the point pulled in to the plot's edge (inset by the marker), and the
 * unit direction it lies in; 0 when the point is inside. */
static int
edge_mark(const ov__contour_view *sc, double x, double y, double *ex,
          double *ey, double *ux, double *uy)
{
    return ov__edge_mark(ov__contour_plot_box(sc, 0.0),
                         ov__contour_marker_r(sc) + 2.0 * sc->v.s, x, y, ex,
                         ey, ux, uy);
}

/* The current point's radius at (x, y): a point on a minimum (within
 * 2 px-units of its star's centre) is drawn as a disc wider than the star
 * that is drawn on it, so both stay visible: the star, and the run's
 * colour as a ring around it. */
static double
marker_radius(const ov__contour_view *sc, double x, double y)
{
    double s = sc->v.s;
    for (size_t i = 0; i < sc->nmin; i++)
        if (hypot(x - sc->minp[2 * i], y - sc->minp[2 * i + 1]) < 2.0 * s)
            return OV__CONTOUR_STAR_R * s + 1.5 * s;
    return ov__contour_marker_r(sc);
}

static void
draw_marker(const ov__contour_view *sc, cairo_t *cr, const ov__contour_series *se,
            long step)
{
    size_t r = ov__view_row(&sc->v, se->i, step);
    double x = se->p[2 * r], y = se->p[2 * r + 1];
    double ex, ey, ux, uy;
    if (edge_mark(sc, x, y, &ex, &ey, &ux, &uy)) {
        /* Off the plot: a triangle at the edge pointing where it went. */
        ov__edge_triangle(cr, ex, ey, ux, uy,
                          ov__contour_marker_r(sc) * 1.4, sc->v.color[se->i],
                          sc->v.casing[se->i], 1.2 * sc->v.s);
        return;
    }
    ov__sprite_circle(sc->spr, cr, x, y, marker_radius(sc, x, y),
                      sc->v.color[se->i], sc->v.casing[se->i], 1.6 * sc->v.s);
}

ov__box
ov__contour_marker_box(const ov__contour_view *sc, const ov__contour_series *se, long step)
{
    size_t r = ov__view_row(&sc->v, se->i, step);
    ov__box b = ov__box_empty();
    double x = se->p[2 * r], y = se->p[2 * r + 1];
    double ex, ey, ux, uy;
    if (edge_mark(sc, x, y, &ex, &ey, &ux, &uy))
        ov__box_add(&b, ex, ey, 1.4 * ov__contour_marker_r(sc) +
                    2.0 * sc->v.s + 1.0);
    else
        ov__box_add(&b, x, y, marker_radius(sc, x, y) + 2.0 * sc->v.s + 1.0);
    return b;
}

/* Minima and current points (clipped to the plot), title, legend. */
void
ov__contour_draw_overlay(const ov__contour_view *sc, ov__pen *pn, long step)
{
    cairo_t *cr = pn->cr;
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    ov__contour_draw_arrows(sc, cr, step);
    /* The minima go above the trails (which converge on them) and above
     * the current points too: a run that ends on its minimum would hide
     * the star under its marker; such a marker is drawn wider than the
     * star instead (marker_radius), a ring of its colour around it. */
    for (size_t i = 0; i < sc->v.n; i++)
        draw_marker(sc, cr, &sc->se[i], step);
    for (size_t i = 0; i < sc->nmin; i++)
        ov__sprite_star(sc->spr, cr, sc->minp[2 * i], sc->minp[2 * i + 1],
                        OV__CONTOUR_STAR_R * sc->v.s *
                            (i < sc->nglob ? 1.0 : OV__LOCAL_STAR),
                        sc->v.s);
    cairo_restore(cr);
    char t[256];
    ov__view_live_title(&sc->v, step, t, sizeof t);
    if (t[0])
        ov__view_title(&sc->v, pn, t, sc->px + 0.5 * sc->pw,
                       ov__contour_title_y(sc));
    draw_legend(sc, pn, step);
}

/* The legend's distance from the plot's edges, times the scale. */
#define LEGEND_MARGIN 8.0

static double live_width(const ov__contour_view *sc, double fs);

/* What ov__contour_draw_overlay draws, as numbers: a page draws the same
 * title, legend and markers itself once its trails are its own. */
void
ov__contour_page_overlay(const ov__contour_view *sc, ov__scene_overlay *ov)
{
    double s = sc->v.s;
    char t[256];

    ov->vcenter = OV__VCENTER;
    ov->text = sc->v.tc.text;
    ov->title_fs = sc->v.fs_title;
    ov->title_y = ov__contour_title_y(sc);
    ov->title_cx = sc->px + 0.5 * sc->pw;
    ov->title_margin = ov__view_title_margin(&sc->v);
    ov__view_live_title(&sc->v, sc->v.last_step, t, sizeof t);
    /* A title too wide for the figure is shortened, and one the page
     * cannot make (ov__view_title_prefix); the page then shows none (the
     * HTML step counter below the figure stays). */
    char prefix[sizeof ov->title_prefix];
    int kind = ov__view_title_prefix(&sc->v, prefix, sizeof prefix);
    if (t[0] && kind && ov__view_title_at(&sc->v, t, sc->px + 0.5 * sc->pw,
                                          &ov->title_x, &ov->title_ha)) {
        ov->title = kind;
        snprintf(ov->title_prefix, sizeof ov->title_prefix, "%s", prefix);
    }
    if (!ov__box_is_empty(&sc->legend)) {
        ov->legend[0] = sc->legend.x0;
        ov->legend[1] = sc->legend.y0;
        ov->legend[2] = sc->legend.x1;
        ov->legend[3] = sc->legend.y1;
    }
    ov->legend_fs = sc->legend_fs;
    ov->legend_pad = 0.6 * sc->legend_fs;
    ov->legend_row_h = ov__contour_legend_row_h(sc);
    ov->legend_sample = 2.2 * sc->legend_fs;
    ov->legend_text_x = sc->legend_text_x;
    ov->legend_live_x = sc->legend_col_live;
    ov->legend_live = sc->legend_live;
    ov->legend_bg = sc->v.tc.legend_bg;
    ov->legend_alpha = sc->v.tc.legend_alpha;
    ov->legend_edge = sc->v.tc.legend_edge;
    ov->legend_live_w = live_width(sc, sc->legend_fs);
    ov->legend_margin = LEGEND_MARGIN * s;
    ov->legend_marker_lw = 1.2 * s;
    for (size_t i = 0; i < sc->v.n && i < OV_MAX_SERIES; i++) {
        ov__view_scene_entry(&sc->v, i, sc->legend_label[i], 5,
                             &ov->entry[ov->nentries++]);
        ov->trail_color[i] = sc->v.color[i];
    }
    ov->marker_r = ov__contour_marker_r(sc);
    ov->marker_lw = 1.6 * s;
    ov->marker_own = 1;
    ov->start_r = 4.5 * s;
    for (size_t i = 0; i < sc->nmin && i < 16; i++) {
        ov->minima[i][0] = sc->minp[2 * i];
        ov->minima[i][1] = sc->minp[2 * i + 1];
        ov->minima[i][2] = OV__CONTOUR_STAR_R * s *
                           (i < sc->nglob ? 1.0 : OV__LOCAL_STAR);
        ov->nmin = i + 1;
    }
}

/* The width of the legend's live column at text size @p fs: a loss, or
 * where a run diverged. */
static double
live_width(const ov__contour_view *sc, double fs)
{
    double wv = ov__text_width(sc->v.meas, "\xE2\x88\x92" "8.888e-88", fs);
    int any_div = 0;
    for (size_t i = 0; i < sc->v.n; i++)
        any_div |= sc->v.diverged[i];
    if (any_div) {
        char t[64];
        long mx = 0;
        for (size_t i = 0; i < sc->v.n; i++)
            if (sc->v.t[i]->diverged_at > mx)
                mx = sc->v.t[i]->diverged_at;
        snprintf(t, sizeof t, "diverged at step %ld", mx);
        double w = ov__text_width(sc->v.meas, t, fs);
        if (w > wv) wv = w;
    }
    return wv;
}

/* The legend's width at text size @p fs, labels shortened to @p maxl
 * (into legend_label), with the live column when legend_live. */
static double
legend_width(ov__contour_view *sc, double fs, double maxl)
{
    double pad = 0.6 * fs, wl = 0.0, wv = live_width(sc, fs);
    for (size_t i = 0; i < sc->v.n; i++) {
        double w = ov__text_ellipsize(sc->v.meas, sc->v.label[i], fs, maxl,
                                      sc->legend_label[i],
                                      sizeof sc->legend_label[i]);
        if (w > wl) wl = w;
    }
    if (!sc->legend_live)
        return pad + 2.2 * fs + 0.6 * fs + wl + pad;
    return pad + 2.2 * fs + 0.6 * fs + wl + 1.2 * fs + wv + pad;
}

/* Whether a legend at @p b hides enough to give up plot height for a band
 * below: a minimum's star, or over 1/20 of its cells taken (the tip of a
 * trail under its corner is not worth a third of the plot). */
static int
worth_moving(const ov__contour_view *sc, ov__box b)
{
    double r = 10.0 * sc->v.s;
    for (size_t i = 0; i < sc->nmin; i++) {
        double x = sc->minp[2 * i], y = sc->minp[2 * i + 1];
        if (x + r > b.x0 && x - r < b.x1 && y + r > b.y0 && y - r < b.y1)
            return 1;
    }
    double cell = sc->occ.cell;
    double cells = ((b.x1 - b.x0) / cell + 1.0) * ((b.y1 - b.y0) / cell + 1.0);
    return ov__occ_count(&sc->occ, b) > cells / 20.0;
}

/* The legend's size at text size @p fs: without the live losses when it
 * is wider than @p capw, labels shortened only when wider than @p avail
 * (they cannot fit at all: the cap decides the live column, not whether
 * "momentum (lr=0.05)" is read whole).  Sets legend_fs, legend_live and
 * legend_label. */
static void
size_at(ov__contour_view *sc, double fs, double capw, double avail,
        double *w, double *h)
{
    sc->legend_fs = fs;
    sc->legend_live = 1;
    *w = legend_width(sc, fs, INFINITY);
    *h = 2.0 * 0.6 * fs + 1.45 * fs * sc->v.n;
    if (*w > capw) {
        sc->legend_live = 0;
        *w = legend_width(sc, fs, INFINITY);
    }
    if (*w > avail)
        *w = legend_width(sc, fs, fmax(avail - 4.0 * fs, 3.0 * fs));
}

void
ov__contour_layout_legend(ov__contour_view *sc)
{
    sc->legend = ov__box_empty();
    sc->legend_fs = sc->v.fs_legend;
    if (!sc->legend_on || sc->v.n == 0)
        return;
    if (!sc->lcache)
        sc->lcache = ov__calloc(1, sizeof *sc->lcache);   /* NULL: none */
    else {
        sc->lcache->valid = 0;
        if (sc->lcache->layer)
            cairo_surface_destroy(sc->lcache->layer);
        sc->lcache->layer = NULL;
    }
    /* On a plot too small for it (as every legend): smaller text, then
     * without the live losses, then labels shortened. */
    double fs = sc->v.fs_legend, s = sc->v.s, w, h;
    double m = LEGEND_MARGIN * s;
    size_at(sc, fs, INFINITY, INFINITY, &w, &h);
    fs = ov__legend_fs(&sc->v, w, h, sc->pw, sc->ph);
    double mw = ov__legend_max_width(sc->pw);
    double avail = sc->pw - 2.0 * m;
    ov__box b;
    if (sc->legend_below > 0.0) {
        /* the band below the x axis's name, centred under the plot, as
         * wide as the figure lets it be */
        size_at(sc, fs, sc->v.W - 2.0 * m, sc->v.W - 2.0 * m, &w, &h);
        double x = fmin(fmax(sc->px + 0.5 * (sc->pw - w), m),
                        sc->v.W - m - w);
        double y = sc->v.H - sc->legend_below + 0.5 * m;
        ov__box o = { x, y, x + w, y + h };
        b = o;
    } else {
        size_at(sc, fs, mw, avail, &w, &h);
        /* Where it hides the least trail (shared with every view). */
        b = ov__view_legend_spot(&sc->v, &sc->occ, w, h, sc->px, sc->py,
                                 sc->pw, sc->ph, m);
        /* A corner asked for (a grid's one corner) is kept. */
        if (sc->v.legend_corner == 0 && ov__occ_count(&sc->occ, b) > 0) {
            /* It hides a trail or a minimum in every corner: every
             * position of the plot, the text smaller by steps of 1/16 down
             * to the small size; then the band below (contour_create
             * builds the view again), unless that band would take half
             * the plot: then the best corner it is. */
            ov__box in = { sc->px + m, sc->py + m, sc->px + sc->pw - m,
                           sc->py + sc->ph - m };
            double f0 = fs, fmin_ = fmin(fs, sc->v.fs_small);
            int found = 0;
            for (int k = 0; !found; k++) {
                double fk = fmax(f0 * (1.0 - k / 16.0), fmin_);
                double wk, hk;
                size_at(sc, fk, mw, avail, &wk, &hk);
                ov__box f;
                int c = 1;
                if (ov__occ_best_spot(&sc->occ, wk, hk, in, &f, &c) ==
                        OV_OK && !ov__box_is_empty(&f) && c == 0) {
                    b = f;
                    w = wk;
                    h = hk;
                    fs = fk;
                    found = 1;
                }
                if (fk <= fmin_)
                    break;
            }
            if (!found) {
                size_at(sc, fs, mw, avail, &w, &h);
                if (h + m < 0.5 * sc->ph && worth_moving(sc, b))
                    sc->legend_need = h + m;
            }
        }
    }
    double pad = 0.6 * fs, sample = 2.2 * fs;
    sc->v.lg_at = b;            /* where it went, for a grid's choice */
    sc->legend = b;
    sc->legend_text_x = b.x0 + pad + sample + 0.6 * fs;
    sc->legend_col_live = b.x1 - pad;
    ov__box pb = { b.x0 - 4 * s, b.y0 - 4 * s, b.x1 + 4 * s, b.y1 + 4 * s };
    ov__occ_mark_box(&sc->occ, pb);
}

/* What moves: each series' current point, the live title and the legend,
 * each redrawn only when it changed (the title and legend texts are kept
 * to tell). */
size_t
ov__contour_overlay_items(ov__view *v, long step, long prev, ov__box *now,
                     int *changed, size_t cap)
{
    ov__contour_view *sc = (ov__contour_view *)v;
    size_t no = 0;
    if (cap < sc->v.n + 2)
        return 0;
    for (size_t i = 0; i < sc->v.n; i++) {
        now[no] = ov__contour_marker_box(sc, &sc->se[i], step);
        changed[no] = memcmp(&now[no], &v->over_old[no], sizeof now[no]) != 0;
        no++;
    }
    char title[256];
    ov__view_live_title(&sc->v, step, title, sizeof title);
    now[no] = title[0] ? ov__view_title_box(&sc->v, title,
                                            sc->px + 0.5 * sc->pw,
                                            ov__contour_title_y(sc))
                       : ov__box_empty();
    changed[no++] = prev < 0 || strcmp(title, sc->title_text) != 0;
    snprintf(sc->title_text, sizeof sc->title_text, "%s", title);
    int legend_changed = prev < 0;
    for (size_t i = 0; i < sc->v.n; i++) {
        char live[64];
        ov__contour_legend_live(sc, i, step, live, sizeof live);
        if (strcmp(live, sc->legend_text[i]) != 0)
            legend_changed = 1;
        snprintf(sc->legend_text[i], sizeof sc->legend_text[i], "%s", live);
    }
    ov__box lg = sc->legend;
    if (!ov__box_is_empty(&lg))
        ov__box_add(&lg, lg.x0, lg.y0, 2.0 * sc->v.s);
    now[no] = lg;
    changed[no++] = legend_changed;
    return no;
}

static void
reach(const ov__contour_view *sc, ov__box b, const ov_rect *list, size_t nl,
      ov_rect *all)
{
    for (size_t k = 0; k < nl; k++) {
        ov__box lb = { list[k].x, list[k].y, list[k].x + list[k].w,
                       list[k].y + list[k].h };
        if (ov__boxes_meet(b, lb)) {
            ov_rect ir = ov__to_rect(b, sc->v.W, sc->v.H);
            if (ir.w > 0 && ir.h > 0)
                *all = ov__rect_union(*all, ir);
            return;
        }
    }
}

/* The minima's stars and the gradient arrows are the overlay's too. */
void
ov__contour_overlay_reach(const ov__view *v, long step, const ov_rect *list,
                     size_t nl, ov_rect *all)
{
    const ov__contour_view *sc = (const ov__contour_view *)v;
    for (size_t i = 0; i < sc->nmin && i < 16; i++) {
        ov__box b = ov__box_empty();
        ov__box_add(&b, sc->minp[2 * i], sc->minp[2 * i + 1],
                    11.0 * sc->v.s + 1.0);
        reach(sc, b, list, nl, all);
    }
    for (size_t i = 0; sc->arrows == OV_ARROWS_GRADIENT && i < sc->v.n;
         i++) {
        const ov__contour_series *se = &sc->se[i];
        size_t last = ov__view_row(&sc->v, i, step);
        for (size_t k = ov__view_first_row(&sc->v, i, step); k <= last; k++)
            reach(sc, ov__contour_arrow_box(sc, se, k), list, nl, all);
    }
}
