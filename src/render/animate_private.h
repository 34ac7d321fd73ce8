/*
 * animate_private.h: the animated GIF path of ov_render (internal).
 *
 * The frame plan (which steps become frames and how long each is shown) is
 * exposed so the tests can check it without decoding a file.
 */
#ifndef OV_ANIMATE_PRIVATE_H
#define OV_ANIMATE_PRIVATE_H

#include "optviz/gif.h"
#include "optviz/render.h"

typedef struct ov__frame_plan {
    long n;          /* frames */
    long *step;      /* step shown by frame i, increasing; owned */
    int *delay;      /* centiseconds frame i is shown (the last includes
                        the hold); owned */
} ov__frame_plan;

/*
 * Plans the frames of an animation of steps 0..@p last_step: at most
 * @p max_frames (<= 0: one per step) steps sampled evenly, the first and
 * the last always kept; delays from @p fps with the rounding carried over
 * so frame i starts at round(i * 100 / fps) cs; @p hold seconds added to
 * the last frame.  Browsers show delays under 2 cs as 10 cs, so above
 * 50 fps frames are dropped rather than shown too briefly, keeping the
 * total time.
 * @return OV_OK, OV_ERR_INVALID_ARG (fps not in (0, 1000], hold not in
 *         [0, 86400], last_step < 0), OV_ERR_NOMEM.
 */
ov_status ov__frame_plan_make(ov__frame_plan *plan, long last_step,
                              long max_frames, double fps, double hold);
void ov__frame_plan_free(ov__frame_plan *plan);

/*
 * Builds the animation's palette: the scene's exact colours pinned
 * (series first) and the last frame, with every trail drawn whole, as the
 * sample for the anti-aliased blends.
 */
ov_status ov__anim_palette(ov_palette *pal, const ov_loss *loss,
                           const ov_trajectory *const *trajs, size_t n,
                           const ov_figure_spec *spec, ov_error *err);

/* ov_render for OV_FORMAT_GIF. */
ov_status ov__render_gif(ov_write_fn fn, void *closure, const ov_loss *loss,
                         const ov_trajectory *const *trajs, size_t n,
                         const ov_figure_spec *spec, ov_progress_fn progress,
                         void *payload, ov_error *err);

#endif /* OV_ANIMATE_PRIVATE_H */
