/*
 * animate.c: the frame loop of ov_render, for raster stills and
 * animations: a plan of frames, drawn by the figure and fed to a sink
 * (encode/sink_private.h).  The loop knows no file format.
 *
 * The figure draws each frame incrementally and reports the rectangles that
 * changed, and the sink reads only those (the GIF sink codes the tight box
 * of changed pixels), so the cost of a frame is its few new segments, not
 * the figure.  A still is a plan of one frame, the last step.
 *
 * Some sinks must know the whole animation before frame 0 (a GIF's
 * global palette): their class has a prepare hook, which gets the figure's
 * exact colours and its last frame with every trail whole (--trail would
 * remove the early segments).  The animation's own figure draws that
 * sample before its first frame (ov__figure_sample: its background, the
 * rows of every step, the overlay), then starts afresh: no second layout,
 * field or background.
 *
 * The same figure code draws every frame, so the last frame of an
 * animation is the still of the same flags.
 */
#include <math.h>
#include <string.h>

#include "optviz/render.h"
#include "alloc_private.h"
#include "error_private.h"
#include "animate_private.h"
#include "title.h"
#include "figure.h"

/* Exact colours handed to prepare: more than any figure paints (bands are
 * at most 512). */
#define SAMPLE_COLORS 1024
#define MIN_DELAY_CS 2
#define MAX_FPS 1000.0
#define MAX_HOLD 86400.0

/* Start of frame slot @p i in centiseconds; the rounding error of one slot
 * is carried into the next, so the total time is right. */
static long long
slot_start(long i, double fps)
{
    return llround((double)i * 100.0 / fps);
}

/* Step of candidate frame @p i of @p nf over steps 0..@p last, evenly
 * spaced and rounded to nearest (integers only: exact and overflow-free
 * for the step and frame caps). */
static long
sample_step(long i, long nf, long last)
{
    if (nf <= 1)
        return last;
    long long num = 2LL * i * last + (nf - 1);
    return (long)(num / (2LL * (nf - 1)));
}

ov_status
ov__frame_plan_make(ov__frame_plan *plan, long last_step, long max_frames,
                    double fps, double hold)
{
    memset(plan, 0, sizeof *plan);
    if (last_step < 0 || !(fps > 0.0 && fps <= MAX_FPS) ||
        !(hold >= 0.0 && hold <= MAX_HOLD))
        return OV_ERR_INVALID_ARG;
    long total = last_step + 1;
    long nf = max_frames > 0 && max_frames < total ? max_frames : total;
    plan->step = ov__malloc((size_t)nf * sizeof *plan->step);
    plan->delay = ov__malloc((size_t)nf * sizeof *plan->delay);
    if (!plan->step || !plan->delay) {
        ov__frame_plan_free(plan);
        return OV_ERR_NOMEM;
    }
    /* Above 50 fps a slot can be shorter than 2 cs.  The last frame then
     * starts early enough to get 2 cs, and a candidate is dropped when it
     * would start less than 2 cs after the frame before or before the
     * last frame: its time goes to the frame before it. */
    long long end = slot_start(nf, fps);
    long long last = slot_start(nf - 1, fps);
    if (nf > 1 && end - last < MIN_DELAY_CS)
        last = end - MIN_DELAY_CS;
    long long prev = 0;
    long n = 0;
    for (long i = 0; i < nf; i++) {
        long long t = i == nf - 1 ? last : slot_start(i, fps);
        if (i > 0 && i < nf - 1 &&
            (t - prev < MIN_DELAY_CS || last - t < MIN_DELAY_CS))
            continue;
        if (n > 0)
            plan->delay[n - 1] = (int)(t - prev);
        plan->step[n++] = sample_step(i, nf, last_step);
        prev = t;
    }
    plan->delay[n - 1] = (int)(end - prev + llround(hold * 100.0));
    plan->n = n;
    return OV_OK;
}

void
ov__frame_plan_free(ov__frame_plan *plan)
{
    ov__free(plan->step);
    ov__free(plan->delay);
    memset(plan, 0, sizeof *plan);
}

/* A still: one frame, the last step, shown for no time. */
static ov_status
still_plan(ov__frame_plan *plan, long last_step)
{
    memset(plan, 0, sizeof *plan);
    plan->step = ov__malloc(sizeof *plan->step);
    plan->delay = ov__malloc(sizeof *plan->delay);
    if (!plan->step || !plan->delay) {
        ov__frame_plan_free(plan);
        return OV_ERR_NOMEM;
    }
    plan->n = 1;
    plan->step[0] = last_step;
    plan->delay[0] = 0;
    return OV_OK;
}

/* The sample of figure @p sc, drawn on it before its first frame. */
static ov_status
sample_of(ov__sink_sample *out, uint32_t *colors, ov__figure *sc, size_t n)
{
    size_t nc = 0;
    for (size_t i = 0; i < n && nc < SAMPLE_COLORS; i++)
        colors[nc++] = ov__figure_series_color(sc, i);
    uint32_t cols[SAMPLE_COLORS];
    size_t m = ov__figure_colors(sc, cols, SAMPLE_COLORS);
    for (size_t k = 0; k < m && k < SAMPLE_COLORS && nc < SAMPLE_COLORS;
         k++)
        colors[nc++] = cols[k];
    ov_status st = ov__figure_sample(sc);
    if (st)
        return st;
    out->colors = colors;
    out->ncolors = nc;
    out->last = ov__figure_image(sc);
    return OV_OK;
}

ov_status
ov__frame_sample(ov__sink_sample *out, ov__figure **keep, uint32_t *colors,
                 const ov_loss *loss, const ov_trajectory *const *trajs,
                 size_t n, const ov_figure_spec *spec, ov_error *err)
{
    ov__figure *sc = NULL;
    ov_status st = ov__figure_create(&sc, loss, trajs, n, spec, err);
    if (st)
        return st;
    st = sample_of(out, colors, sc, n);
    if (st) {
        ov__figure_destroy(sc);
        return st;
    }
    *keep = sc;
    return OV_OK;
}

/* Feeds the planned frames to the sink; frame 0 is already drawn
 * (@p dirty, @p nd). */
static ov_status
feed(const ov__sink_class *cls, void *sink, ov__figure *sc,
     const ov__frame_plan *plan, ov_rect *dirty, size_t nd,
     ov_progress_fn progress, void *payload)
{
    if (progress)
        progress(payload, 0, plan->n);
    for (long i = 0; i < plan->n; i++) {
        ov_status st = OV_OK;
        if (i > 0)
            st = ov__figure_frame(sc, plan->step[i], dirty,
                                 OV__FIGURE_MAX_DIRTY, &nd);
        if (!st)
            st = cls->frame(sink, ov__figure_image(sc), dirty, nd,
                            plan->delay[i]);
        if (st)
            return st;
        if (progress)
            progress(payload, i + 1, plan->n);
    }
    return OV_OK;
}

/* What a sink that draws the figure itself (HTML) needs: the data, and
 * the figure's static layer and geometry (ov__figure_scene). */
static ov_status
give_scene(const ov__sink_class *cls, void *sink, ov__figure *sc,
           const ov_loss *loss, const ov_trajectory *const *trajs, size_t n,
           const ov_figure_spec *spec)
{
    uint32_t colors[OV_MAX_SERIES], casings[OV_MAX_SERIES];
    ov__sink_scene scene;
    ov__scene_overlay ov;
    ov_image bg;
    ov_status st;

    memset(&scene, 0, sizeof scene);
    for (size_t i = 0; i < n && i < OV_MAX_SERIES; i++) {
        colors[i] = ov__figure_series_color(sc, i);
        casings[i] = ov__figure_series_casing(sc, i);
    }
    scene.loss = loss;
    scene.trajs = trajs;
    scene.n = n < OV_MAX_SERIES ? n : OV_MAX_SERIES;
    scene.colors = colors;
    scene.casings = casings;
    scene.points_only = spec->points_only;
    /* The page's name: a plain title (braces unescaped), else the loss's
     * display name (a template's fields change with the frame). */
    char title[256];
    int nf = spec->title && spec->title[0]
             ? ov__title_fields(spec->title, NULL, 0) : -1;
    if (nf == 0)
        ov__title_expand(spec->title, NULL, title, sizeof title);
    scene.title = nf == 0 ? title : ov_loss_display_name(loss);
    scene.run = spec->run;
    st = ov__figure_scene(sc, &scene, &bg, &ov);
    return st ? st : cls->scene(sink, &scene);
}

ov_status
ov__animate(const ov__sink_class *cls, ov_write_fn fn, void *closure,
            const ov_loss *loss, const ov_trajectory *const *trajs,
            size_t n, const ov_figure_spec *spec, ov_progress_fn progress,
            void *payload, ov_error *err)
{
    if (cls->animated && !(spec->fps > 0.0 && spec->fps <= MAX_FPS)) {
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "fps");
    }
    if (cls->animated && !(spec->hold >= 0.0 && spec->hold <= MAX_HOLD)) {
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "hold");
    }
    ov__sink_options opt = { spec->command_line, spec->loop,
                             spec->run != NULL, spec->sliders, spec->dpi };
    void *sink = NULL;
    ov_status st = cls->create(&sink, fn, closure, &opt, err);
    if (st)
        return st;

    ov__figure *sc = NULL;
    ov__frame_plan plan = { 0, NULL, NULL };
    ov_rect dirty[OV__FIGURE_MAX_DIRTY];
    size_t nd = 0;
    st = ov__figure_create(&sc, loss, trajs, n, spec, err);
    if (!st && cls->prepare) {
        uint32_t colors[SAMPLE_COLORS];
        ov__sink_sample sample;
        st = sample_of(&sample, colors, sc, n);
        if (!st)
            st = cls->prepare(sink, &sample);
    }
    if (!st && cls->animated)
        st = ov__frame_plan_make(&plan, ov__figure_last_step(sc),
                                 spec->frames, spec->fps, spec->hold);
    else if (!st)
        st = still_plan(&plan, ov__figure_last_step(sc));
    if (!st)
        st = ov__figure_frame(sc, plan.step[0], dirty, OV__FIGURE_MAX_DIRTY,
                             &nd);

    if (!st && cls->scene)
        st = give_scene(cls, sink, sc, loss, trajs, n, spec);
    if (!st)
        ov__figure_drop_background(sc);
    if (!st) {
        const ov_image *img = ov__figure_image(sc);
        st = cls->begin(sink, img->width, img->height, &plan);
    }
    if (!st)
        st = feed(cls, sink, sc, &plan, dirty, nd, progress, payload);
    if (!st)
        st = cls->end(sink);
    else
        cls->abort(sink);
    ov__frame_plan_free(&plan);
    ov__figure_destroy(sc);
    return st;
}
