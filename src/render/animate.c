/*
 * animate.c: ov_render for animated GIF.
 *
 * The scene draws each frame incrementally and reports the rectangles that
 * changed; the GIF writer maps only those through one global palette,
 * codes the tight box of changed pixels with transparency, and merges
 * frames that did not change into the previous frame's delay.  So the cost
 * of a frame is its few new segments, not the figure.
 *
 * The palette must exist before frame 0 is coded, but its best sample is
 * the last frame, which holds every trail and so nearly every blend the
 * animation will show.  A scene cannot go back in time, so the sample is
 * drawn by a second scene with the whole trail (--trail would remove the
 * early segments from the last frame).  That costs a second layout and
 * background (about 40 ms of 170 for the standard job), so it runs on a
 * thread of its own while the animation's scene is made and its first
 * frame drawn; without the thread it runs after.  (A fault-injection test
 * of this path, ov__alloc_fail_after, would count both threads.)
 *
 * The same scene code draws the PNG still, so the last frame of the GIF is
 * the still of the same flags mapped through the palette.
 */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "optviz/gif.h"
#include "optviz/render.h"
#include "core/alloc_private.h"
#include "render/animate_private.h"
#include "render/scene_private.h"

/* Pinned colours beyond this are left to the sample, so that at least 63
 * slots stay free for anti-aliased blends (a figure with 256 bands would
 * otherwise pin the whole table and fade every line). */
#define PIN_MAX 192
#define MIN_DELAY_CS 2
#define MAX_FPS 1000.0
#define MAX_HOLD 86400.0

static void
set_err(ov_error *err, ov_status st, const char *what)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->status = st;
    strncpy(err->what, what, sizeof err->what - 1);
}

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

ov_status
ov__anim_palette(ov_palette *pal, const ov_loss *loss,
                 const ov_trajectory *const *trajs, size_t n,
                 const ov_figure_spec *spec, ov_error *err)
{
    ov_figure_spec whole = *spec;
    whole.trail = 0;
    ov__scene *sc = NULL;
    ov_status st = ov__scene_create(&sc, loss, trajs, n, &whole, err);
    if (st)
        return st;
    /* Series colours first: the delta frames are mostly trails and
     * markers, and frames whose indices are all small code smaller. */
    uint32_t pin[PIN_MAX];
    size_t np = 0;
    for (size_t i = 0; i < n && np < PIN_MAX; i++)
        pin[np++] = ov__scene_series_color(sc, i);
    uint32_t cols[PIN_MAX];
    size_t nc = ov__scene_colors(sc, cols, PIN_MAX);
    for (size_t k = 0; k < nc && k < PIN_MAX && np < PIN_MAX; k++)
        pin[np++] = cols[k];
    ov_rect dirty[OV__SCENE_MAX_DIRTY];
    size_t nd;
    st = ov__scene_frame(sc, ov__scene_last_step(sc), dirty,
                         OV__SCENE_MAX_DIRTY, &nd);
    if (!st)
        st = ov_palette_build(pal, pin, np, ov__scene_image(sc));
    ov__scene_destroy(sc);
    return st;
}

/* The palette's sample scene, built on its own thread while the
 * animation's scene is laid out and its first frame drawn (the two are
 * independent and deterministic, so the bytes do not depend on timing). */
typedef struct pal_job {
    const ov_loss *loss;
    const ov_trajectory *const *trajs;
    size_t n;
    const ov_figure_spec *spec;
    ov_palette pal;
    ov_error err;
    ov_status st;
} pal_job;

static void *
pal_run(void *arg)
{
    pal_job *j = arg;
    j->st = ov__anim_palette(&j->pal, j->loss, j->trajs, j->n, j->spec,
                             &j->err);
    return NULL;
}

/* Codes the planned frames; frame 0 is already drawn (@p dirty, @p nd). */
static ov_status
encode(ov_gif_writer *w, ov__scene *sc, const ov__frame_plan *plan,
       ov_rect *dirty, size_t nd, ov_progress_fn progress, void *payload)
{
    if (progress)
        progress(payload, 0, plan->n);
    for (long i = 0; i < plan->n; i++) {
        ov_status st = OV_OK;
        if (i > 0)
            st = ov__scene_frame(sc, plan->step[i], dirty,
                                 OV__SCENE_MAX_DIRTY, &nd);
        if (!st)
            st = ov_gif_writer_add_frame(w, ov__scene_image(sc), dirty, nd,
                                         plan->delay[i]);
        if (st)
            return st;
        if (progress)
            progress(payload, i + 1, plan->n);
    }
    return ov_gif_writer_finish(w);
}

ov_status
ov__render_gif(ov_write_fn fn, void *closure, const ov_loss *loss,
               const ov_trajectory *const *trajs, size_t n,
               const ov_figure_spec *spec, ov_progress_fn progress,
               void *payload, ov_error *err)
{
    if (!(spec->fps > 0.0 && spec->fps <= MAX_FPS)) {
        set_err(err, OV_ERR_INVALID_ARG, "fps");
        return OV_ERR_INVALID_ARG;
    }
    if (!(spec->hold >= 0.0 && spec->hold <= MAX_HOLD)) {
        set_err(err, OV_ERR_INVALID_ARG, "hold");
        return OV_ERR_INVALID_ARG;
    }
    if (spec->loop > 65535) {
        set_err(err, OV_ERR_INVALID_ARG, "loop");
        return OV_ERR_INVALID_ARG;
    }
    pal_job job;
    memset(&job, 0, sizeof job);
    job.loss = loss;
    job.trajs = trajs;
    job.n = n;
    job.spec = spec;
    pthread_t th;
    int threaded = pthread_create(&th, NULL, pal_run, &job) == 0;

    ov__scene *sc = NULL;
    ov__frame_plan plan = { 0, NULL, NULL };
    ov_rect dirty[OV__SCENE_MAX_DIRTY];
    size_t nd = 0;
    ov_status st = ov__scene_create(&sc, loss, trajs, n, spec, err);
    if (!st)
        st = ov__frame_plan_make(&plan, ov__scene_last_step(sc),
                                 spec->frames, spec->fps, spec->hold);
    if (!st)
        st = ov__scene_frame(sc, plan.step[0], dirty, OV__SCENE_MAX_DIRTY,
                             &nd);
    if (threaded)
        pthread_join(th, NULL);
    else if (!st)
        pal_run(&job);
    if (!st && job.st) {
        st = job.st;
        if (err)
            *err = job.err;
    }

    ov_gif_writer *w = NULL;
    if (!st) {
        const ov_image *img = ov__scene_image(sc);
        ov_gif_config cfg = OV_GIF_CONFIG_INIT;
        cfg.width = img->width;
        cfg.height = img->height;
        cfg.loop = spec->loop < 0 ? -1 : spec->loop;
        cfg.comment = spec->command_line;
        cfg.palette = &job.pal;
        st = ov_gif_writer_create(&w, fn, closure, &cfg);
    }
    if (!st)
        st = encode(w, sc, &plan, dirty, nd, progress, payload);
    ov_gif_writer_destroy(w);
    ov__frame_plan_free(&plan);
    ov__scene_destroy(sc);
    return st;
}
