/*
 * frame.c: the frame pipeline of every view (frame.h).
 *
 * Three raster layers: the background, drawn once (every frame for a
 * dynamic view: the rotating surface); the trails, the background plus
 * every trail row up to the step drawn last, which gets only the rows added
 * since; and the frame, the trails plus what moves (the overlay: current
 * points, live title, legend values) where it changed.
 *
 * Partial redraws are not done under a clip: cairo splits the polygon of a
 * stroke or marker that a clip box cuts, and pixels along the cut come out
 * a level off the unclipped drawing, so frames drifted from a fresh render
 * (--trail 5: 99-124 pixels).  They go to a work surface covering only the
 * area instead, whose edges bound the rasterization without changing any
 * pixel's coverage, and only the wanted rectangles are copied back.  So
 * every frame equals a fresh render of its step.
 */
#include <cairo.h>
#include <math.h>
#include <string.h>

#include "frame.h"
#include "rects.h"

/* ---- work surfaces -------------------------------------------------------- */

typedef struct work {
    cairo_surface_t *s;
    cairo_t *cr;
    ov_rect r;
} work;

/* Starts a work surface over @p r of @p src (same size as the layers), with
 * its pixels; @return 0 on failure. */
static int
work_begin(work *w, cairo_surface_t *src, ov_rect r)
{
    w->r = r;
    w->cr = NULL;
    w->s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r.w > 0 ? r.w : 1,
                                      r.h > 0 ? r.h : 1);
    if (cairo_surface_status(w->s)) {
        cairo_surface_destroy(w->s);
        return 0;
    }
    cairo_surface_flush(w->s);
    unsigned char *d = cairo_image_surface_get_data(w->s);
    const unsigned char *s = cairo_image_surface_get_data(src);
    int ds = cairo_image_surface_get_stride(w->s);
    int ss = cairo_image_surface_get_stride(src);
    for (int y = 0; y < r.h; y++)
        memcpy(d + (size_t)y * ds,
               s + (size_t)(y + r.y) * ss + 4 * (size_t)r.x, 4 * (size_t)r.w);
    cairo_surface_mark_dirty(w->s);
    cairo_surface_set_device_offset(w->s, -r.x, -r.y);
    w->cr = cairo_create(w->s);
    if (cairo_status(w->cr)) {
        cairo_destroy(w->cr);
        cairo_surface_destroy(w->s);
        return 0;
    }
    return 1;
}

/* Copies the parts of @p list inside the work area into @p dst and ends
 * the work surface; @return 0 if drawing failed. */
static int
work_end(work *w, cairo_surface_t *dst, const ov_rect *list, size_t n)
{
    int ok = cairo_status(w->cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(w->cr);
    cairo_surface_flush(w->s);
    const unsigned char *s = cairo_image_surface_get_data(w->s);
    unsigned char *d = cairo_image_surface_get_data(dst);
    int ss = cairo_image_surface_get_stride(w->s);
    int ds = cairo_image_surface_get_stride(dst);
    for (size_t k = 0; ok && k < n; k++) {
        int x0 = list[k].x > w->r.x ? list[k].x : w->r.x;
        int y0 = list[k].y > w->r.y ? list[k].y : w->r.y;
        int x1 = list[k].x + list[k].w, y1 = list[k].y + list[k].h;
        if (x1 > w->r.x + w->r.w) x1 = w->r.x + w->r.w;
        if (y1 > w->r.y + w->r.h) y1 = w->r.y + w->r.h;
        for (int y = y0; y < y1; y++)
            memcpy(d + (size_t)y * ds + 4 * (size_t)x0,
                   s + (size_t)(y - w->r.y) * ss + 4 * (size_t)(x0 - w->r.x),
                   4 * (size_t)(x1 > x0 ? x1 - x0 : 0));
    }
    cairo_surface_destroy(w->s);
    return ok;
}

/* Copies rectangle @p r (figure pixels) from @p src, whose pixel (0, 0) is
 * figure pixel (@p sx, @p sy), to @p dst, whose (0, 0) is (@p dx, @p dy). */
static void
copy_shifted(cairo_surface_t *dst, int dx, int dy, cairo_surface_t *src,
             int sx, int sy, ov_rect r)
{
    unsigned char *d = cairo_image_surface_get_data(dst);
    const unsigned char *s = cairo_image_surface_get_data(src);
    int ds = cairo_image_surface_get_stride(dst);
    int ss = cairo_image_surface_get_stride(src);
    for (int y = r.y; y < r.y + r.h; y++)
        memcpy(d + (size_t)(y - dy) * ds + 4 * (size_t)(r.x - dx),
               s + (size_t)(y - sy) * ss + 4 * (size_t)(r.x - sx),
               4 * (size_t)r.w);
}

static ov__box
box_of(ov_rect r)
{
    ov__box b = { r.x, r.y, r.x + r.w, r.y + r.h };
    return b;
}

static ov__box
clamp_box(ov__box b, ov__box to)
{
    b.x0 = fmax(b.x0, to.x0);
    b.y0 = fmax(b.y0, to.y0);
    b.x1 = fmin(b.x1, to.x1);
    b.y1 = fmin(b.y1, to.y1);
    return b;
}

/* ---- trail rows ------------------------------------------------------------ */

size_t
ov__view_first_row(const ov__view *v, size_t i, long win)
{
    size_t r = ov__view_row(v, i, win);
    if (v->trail > 0 && (long)r + 1 > v->trail)
        return r + 1 - (size_t)v->trail;
    return 0;
}

/* The box of row @p k of series @p i kept from row @p first: the view's
 * own, else what drawing its whole step off the layers covers. */
static ov__box
row_box(ov__view *v, size_t i, size_t k, size_t first, long win)
{
    if (v->cls->row_box)
        return v->cls->row_box(v, i, k, first);
    ov__box b = ov__box_empty();
    cairo_save(v->meas);
    v->cls->rows(v, v->meas, (long)k - 1, (long)k, win, NULL, &b);
    cairo_restore(v->meas);
    return b;
}

/* Box of the rows of series @p i removed from the trail window between two
 * steps, as they were drawn (with the window of step @p from). */
static ov__box
removed_box(ov__view *v, size_t i, long from, long to)
{
    ov__box b = ov__box_empty();
    size_t a = ov__view_first_row(v, i, from);
    size_t z = ov__view_first_row(v, i, to);
    for (size_t k = a; k < z && k < v->nrows[i]; k++)
        ov__box_union(&b, row_box(v, i, k, a, from));
    return b;
}

/*
 * Restores rectangle @p r of the trails layer after rows left the --trail
 * window: the background there, and the rows up to @p to kept in the window
 * of step @p win that reach into it, in drawing order.  Each of those rows
 * is drawn whole on a work surface that holds all of them, so every pixel
 * of @p r gets exactly what a fresh render gives it.
 */
static ov_status
restore_trails(ov__view *v, ov_rect r, long to, long win)
{
    ov__box rb = box_of(r);
    ov__box area = rb;
    long k0 = to;
    for (size_t i = 0; i < v->n; i++) {
        long f = (long)ov__view_first_row(v, i, win);
        k0 = f < k0 ? f : k0;
    }
    for (long k = k0; k <= to; k++)
        for (size_t i = 0; i < v->n; i++) {
            size_t first = ov__view_first_row(v, i, win);
            if ((size_t)k >= v->nrows[i] || (size_t)k < first)
                continue;
            ov__box b = row_box(v, i, (size_t)k, first, win);
            if (ov__boxes_meet(b, rb))
                ov__box_union(&area, b);
        }
    ov_rect ar = ov__to_rect(clamp_box(area, v->trail_clip), v->W, v->H);
    if (ar.w <= 0 || ar.h <= 0)
        return OV_OK;
    work w;
    cairo_surface_flush(v->trails);
    if (!work_begin(&w, v->bg, ar))
        return OV_ERR_NOMEM;
    for (long k = k0; k <= to; k++)
        v->cls->rows(v, w.cr, k - 1, k, win, &rb, NULL);
    int ok = work_end(&w, v->trails, &r, 1);
    cairo_surface_mark_dirty(v->trails);
    return ok ? OV_OK : OV_ERR_RENDER;
}

/* Brings the trails layer from the step drawn last to @p step, adding the
 * rectangles that changed to @p list. */
static ov_status
trails_to(ov__view *v, long step, int first, ov_rect *list, size_t *nl)
{
    cairo_t *ct = v->cr_trails;
    if (first) {
        ov__copy_rect(v->trails, v->bg, (ov_rect){ 0, 0, v->W, v->H });
        cairo_surface_mark_dirty(v->trails);
        cairo_save(ct);
        v->cls->rows(v, ct, -1, step, step, NULL, NULL);
        cairo_restore(ct);
    } else if (step > v->drawn) {
        if (v->trail > 0) {
            /* One rectangle per series (merged where they meet): a union
             * over distant series would redraw most of the trails. */
            ov_rect rm[OV_MAX_SERIES];
            size_t nrm = 0;
            for (size_t i = 0; i < v->n; i++) {
                ov__box rb = clamp_box(removed_box(v, i, v->drawn, step),
                                       v->trail_clip);
                if (!ov__box_is_empty(&rb))
                    ov__rects_add(rm, &nrm, OV_MAX_SERIES,
                                  ov__to_rect(rb, v->W, v->H));
            }
            for (size_t k = 0; k < nrm; k++) {
                if (rm[k].w <= 0 || rm[k].h <= 0)
                    continue;
                ov_status st = restore_trails(v, rm[k], v->drawn, step);
                if (st)
                    return st;
                ov__rects_add(list, nl, OV__FIGURE_MAX_DIRTY, rm[k]);
            }
        }
        ov__box tb = ov__box_empty();
        cairo_save(ct);
        v->cls->rows(v, ct, v->drawn, step, step, NULL, &tb);
        cairo_restore(ct);
        if (!ov__box_is_empty(&tb))
            ov__rects_add(list, nl, OV__FIGURE_MAX_DIRTY,
                          ov__to_rect(tb, v->W, v->H));
    }
    cairo_surface_flush(v->trails);
    return cairo_status(ct) ? OV_ERR_RENDER : OV_OK;
}

/* ---- frames ------------------------------------------------------------- */

/* A dynamic view (the camera moved): everything is drawn again. */
static ov_status
frame_dynamic(ov__view *v, long step)
{
    cairo_t *cf = v->cr_frame;
    ov__pen pn = { cf, NULL };
    /* Fresh drawing state each frame, as the still has. */
    cairo_save(cf);
    ov_status st = v->cls->background(v, &pn, step);
    cairo_restore(cf);
    if (st)
        return st;
    cairo_save(cf);
    v->cls->rows(v, cf, -1, step, step, NULL, NULL);
    cairo_restore(cf);
    cairo_save(cf);
    v->cls->overlay(v, &pn, step);
    cairo_restore(cf);
    cairo_surface_flush(v->frame);
    return cairo_status(cf) ? OV_ERR_RENDER : OV_OK;
}

/*
 * Draws the overlay at @p step on the trails and copies the rectangles
 * @p list into the frame.  The overlay goes to the work layer, clipped to
 * the box of the rectangles and of every overlay item reaching into them:
 * those items lie whole inside it, so no clip edge cuts them and the
 * rectangles' pixels are a fresh render's (see the top of this file).
 */
static ov_status
compose(ov__view *v, long step, const ov_rect *list, size_t nl,
        const ov__box *now, size_t no)
{
    if (nl == 1 && list[0].w == v->W && list[0].h == v->H) {
        /* The whole image (the first frame, a still): straight on the
         * frame, which then needs no work layer. */
        ov__copy_rect(v->frame, v->trails, list[0]);
        cairo_surface_mark_dirty(v->frame);
        cairo_save(v->cr_frame);
        ov__pen pn = { v->cr_frame, NULL };
        v->cls->overlay(v, &pn, step);
        cairo_restore(v->cr_frame);
        cairo_surface_flush(v->frame);
        return cairo_status(v->cr_frame) ? OV_ERR_RENDER : OV_OK;
    }
    ov_rect all = list[0];
    for (size_t k = 1; k < nl; k++)
        all = ov__rect_union(all, list[k]);
    for (size_t j = 0; j < no; j++)
        for (size_t k = 0; k < nl; k++)
            if (ov__boxes_meet(now[j], box_of(list[k]))) {
                ov_rect ir = ov__to_rect(now[j], v->W, v->H);
                if (ir.w > 0 && ir.h > 0)
                    all = ov__rect_union(all, ir);
                break;
            }
    if (v->cls->overlay_reach)
        v->cls->overlay_reach(v, step, list, nl, &all);
    /* The work layer covers only this area (placed by a device offset,
     * a whole-pixel translation, so the pixels are those of a full-size
     * layer); it is kept and grows to the largest area needed. */
    if (!v->work || all.w > cairo_image_surface_get_width(v->work)
        || all.h > cairo_image_surface_get_height(v->work)) {
        int ww = v->work ? cairo_image_surface_get_width(v->work) : 0;
        int wh = v->work ? cairo_image_surface_get_height(v->work) : 0;
        if (v->work)
            cairo_surface_destroy(v->work);
        v->work = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                             all.w > ww ? all.w : ww,
                                             all.h > wh ? all.h : wh);
        if (cairo_surface_status(v->work))
            return OV_ERR_NOMEM;
    }
    /* Only the rectangles need the trails under them: the rest of the
     * area may hold anything, as it is never copied back. */
    cairo_surface_flush(v->work);
    cairo_surface_set_device_offset(v->work, -all.x, -all.y);
    for (size_t k = 0; k < nl; k++)
        copy_shifted(v->work, all.x, all.y, v->trails, 0, 0, list[k]);
    cairo_surface_mark_dirty(v->work);
    cairo_t *cr = cairo_create(v->work);
    cairo_rectangle(cr, all.x, all.y, all.w, all.h);
    cairo_clip(cr);
    ov__pen pn = { cr, NULL };
    v->cls->overlay(v, &pn, step);
    cairo_surface_flush(v->work);
    int bad = cairo_status(cr) != CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    if (bad)
        return OV_ERR_RENDER;
    for (size_t k = 0; k < nl; k++)
        copy_shifted(v->frame, 0, 0, v->work, all.x, all.y, list[k]);
    return OV_OK;
}

ov_status
ov__view_frame(ov__view *v, long step, ov_rect *dirty, size_t cap,
               size_t *ndirty)
{
    *ndirty = 0;
    if (!v->raster || cap == 0)
        return OV_ERR_INVALID_ARG;
    step = ov__frame_step(step, v->last_step, v->drawn);
    int first = v->drawn < 0;
    ov_rect full = { 0, 0, v->W, v->H };
    if (!first && step == v->drawn)
        return OV_OK;
    if (v->dynamic) {
        ov_status st = frame_dynamic(v, step);
        if (st)
            return st;
        v->drawn = step;
        dirty[0] = full;
        *ndirty = 1;
        return OV_OK;
    }

    /* 1. trails */
    ov_rect list[OV__FIGURE_MAX_DIRTY];
    size_t nl = 0;
    ov_status st = trails_to(v, step, first, list, &nl);
    if (st)
        return st;

    /* 2. what moved in the overlay: an item that changed is redrawn where
     * it was and where it is */
    ov__box now[OV__MAX_OVER];
    int changed[OV__MAX_OVER];
    size_t no = v->cls->overlay_items(v, step, first ? -1 : v->drawn, now,
                                      changed, OV__MAX_OVER);
    if (first) {
        nl = 0;
        ov__rects_add(list, &nl, OV__FIGURE_MAX_DIRTY, full);
    } else {
        size_t m = no > v->nover_old ? no : v->nover_old;
        for (size_t k = 0; k < m; k++) {
            if (k < no && !changed[k])
                continue;
            if (k < v->nover_old)
                ov__rects_add(list, &nl, OV__FIGURE_MAX_DIRTY,
                              ov__to_rect(v->over_old[k], v->W, v->H));
            if (k < no)
                ov__rects_add(list, &nl, OV__FIGURE_MAX_DIRTY,
                              ov__to_rect(now[k], v->W, v->H));
        }
    }
    memcpy(v->over_old, now, no * sizeof now[0]);
    v->nover_old = no;

    /* 3. compose: the overlay on the trails, then the dirty rectangles
     * into the frame */
    cairo_surface_flush(v->frame);
    if (nl && (st = compose(v, step, list, nl, now, no)))
        return st;
    cairo_surface_mark_dirty(v->frame);
    v->drawn = step;
    ov__rects_merge(dirty, ndirty, cap, list, nl);
    return OV_OK;
}

/*
 * The last step with every trail whole (as without --trail), on the frame
 * layer, before frame 0: what a GIF's palette is built from.  The same
 * calls as the first frame of a figure made without --trail (the rows on
 * the background, then the overlay), so the pixels are those; the trails
 * layer is untouched and the next frame is drawn as the first.
 */
ov_status
ov__view_sample(ov__view *v)
{
    if (!v->raster || v->drawn >= 0)
        return OV_ERR_INVALID_ARG;
    long keep = v->trail, step = v->last_step;
    ov_status st;
    v->trail = 0;
    if (v->dynamic) {
        st = frame_dynamic(v, step);
    } else {
        cairo_t *cf = v->cr_frame;
        cairo_surface_flush(v->frame);
        ov__copy_rect(v->frame, v->bg, (ov_rect){ 0, 0, v->W, v->H });
        cairo_surface_mark_dirty(v->frame);
        cairo_save(cf);
        v->cls->rows(v, cf, -1, step, step, NULL, NULL);
        cairo_restore(cf);
        cairo_save(cf);
        ov__pen pn = { cf, NULL };
        v->cls->overlay(v, &pn, step);
        cairo_restore(cf);
        cairo_surface_flush(v->frame);
        st = cairo_status(cf) ? OV_ERR_RENDER : OV_OK;
    }
    v->trail = keep;
    return st;
}

void
ov__view_drop_background(ov__view *v)
{
    /* Without --trail nothing is restored from the background once the
     * trails hold it (a dynamic view draws it afresh each frame). */
    if (v->cls->drop)
        v->cls->drop(v);
    if (v->page_bg) {
        cairo_surface_destroy(v->page_bg);
        v->page_bg = NULL;
    }
    if (v->bg && v->drawn >= 0 && v->trail <= 0 && !v->dynamic) {
        cairo_surface_destroy(v->bg);
        v->bg = NULL;
    }
}

/* ---- vector output ------------------------------------------------------ */

ov_status
ov__view_draw_vector(ov__view *v, cairo_t *cr, int svg, char **svg_text,
                     size_t *svg_text_len)
{
    ov__strbuf sb = { 0 };
    ov__pen pn = { cr, svg ? &sb : NULL };
    ov__sb_begin(svg_text, svg_text_len);
    cairo_save(cr);
    ov_status st = v->cls->background(v, &pn, v->last_step);
    cairo_restore(cr);
    if (!st) {
        cairo_save(cr);
        if (v->cls->vector_trails)
            v->cls->vector_trails(v, cr, v->last_step);
        else
            v->cls->rows(v, cr, -1, v->last_step, v->last_step, NULL,
                         NULL);
        cairo_restore(cr);
        cairo_save(cr);
        v->cls->overlay(v, &pn, v->last_step);
        cairo_restore(cr);
        if (cairo_status(cr))
            st = OV_ERR_RENDER;
    }
    return ov__sb_finish(&sb, st, svg, svg_text, svg_text_len);
}
