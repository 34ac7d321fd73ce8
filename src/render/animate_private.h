/*
 * animate_private.h: the frame loop of ov_render (internal).
 *
 * The frame plan (which steps become frames and how long each is shown) is
 * exposed so the tests can check it without decoding a file; the sample
 * (what a sink's prepare hook gets) so they can rebuild what a sink
 * derived from it.
 */
#ifndef OV_ANIMATE_PRIVATE_H
#define OV_ANIMATE_PRIVATE_H

#include "optviz/render.h"
#include "sink_private.h"
#include "figure.h"

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
 * Draws the sample a sink's prepare gets: the figure's exact colours,
 * series first, into @p colors (room for 1024), and the last frame with
 * every trail whole, drawn by a figure returned in *@p keep, which the
 * caller destroys after using @p out.
 */
ov_status ov__frame_sample(ov__sink_sample *out, ov__figure **keep,
                           uint32_t *colors, const ov_loss *loss,
                           const ov_trajectory *const *trajs, size_t n,
                           const ov_figure_spec *spec, ov_error *err);

/*
 * ov_render for the formats with a sink (raster stills, animations): the
 * plan (ov__frame_plan_make from the spec, fps and hold checked, for an
 * animated sink; the last step for a still), the sample when the sink has
 * prepare, then
 * begin, the frames in order with @p progress after each, and end; abort
 * on any failure.
 */
ov_status ov__animate(const ov__sink_class *cls, ov_write_fn fn,
                      void *closure, const ov_loss *loss,
                      const ov_trajectory *const *trajs, size_t n,
                      const ov_figure_spec *spec, ov_progress_fn progress,
                      void *payload, ov_error *err);

#endif /* OV_ANIMATE_PRIVATE_H */
