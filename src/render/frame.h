/*
 * frame.h: the one frame pipeline of every view (frame.c): layers, incremental
 * trails, drift-free --trail restore, the overlay where it changed, and
 * vector stills
 */
#ifndef OV_FRAME_H
#define OV_FRAME_H

#include "view.h"

/* The frame pipeline (frame.c): brings the frame to @p step (protocol of
 * ov__figure_frame), or draws the still on a vector surface. */
ov_status ov__view_frame(ov__view *v, long step, ov_rect *dirty, size_t cap,
                         size_t *ndirty);
ov_status ov__view_draw_vector(ov__view *v, cairo_t *cr, int svg,
                               char **svg_text, size_t *svg_text_len);
/* Draws the last step with whole trails on the frame layer, before the
 * first frame (a palette's sample; see frame.c). */
ov_status ov__view_sample(ov__view *v);
/* After the first frame, without --trail: frees the background layer,
 * which nothing reads again (a big figure need not keep a third layer). */
void ov__view_drop_background(ov__view *v);
/* First row of series @p i kept at step @p win under --trail. */
size_t ov__view_first_row(const ov__view *v, size_t i, long win);

#endif /* OV_FRAME_H */
