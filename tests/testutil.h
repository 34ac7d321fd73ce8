/*
 * testutil.h: helpers the C tests share: a memory sink that can fail on
 * demand, pixel access on ov_image, PNG and GIF decoding of rendered bytes,
 * composing a GIF's frames, a scene's frames against its still, a figure's
 * SVG and PDF, and the small numeric helpers the synthetic scenes use.
 * Built from testutil.c into every test binary.
 */
#ifndef OV_TEST_TESTUTIL_H
#define OV_TEST_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <gif_lib.h>

#include <optviz/optviz.h>

/* Bytes written through tu_sink, always NUL-terminated so SVG and CSV can
 * be searched as strings.  With fail_at > 0, call number fail_at and every
 * later one return OV_ERR_IO and write nothing. */
typedef struct tu_buf {
    union {
        unsigned char *p;
        char *s;
    };
    size_t len, cap;
    long calls;
    long fail_at;
} tu_buf;

int tu_sink(void *closure, const unsigned char *d, size_t n);
void tu_buf_free(tu_buf *b);
int tu_contains(const unsigned char *hay, size_t n, const char *needle);

/* 0xRRGGBB of (x, y); 0xFFFFFFFF outside the image, a colour no pixel
 * has, so probes near an edge never match. */
uint32_t tu_pixel(const ov_image *img, int x, int y);
/* Largest channel difference of two 0xRRGGBB colours. */
int tu_cdist(uint32_t a, uint32_t b);
/* A pixel of exactly colour @p c within @p r pixels of (x, y). */
int tu_near(const ov_image *img, double x, double y, int r, uint32_t c);
/* A pixel within @p tol of colour @p c there: thin anti-aliased lines. */
int tu_near_aa(const ov_image *img, double x, double y, int r, uint32_t c,
               int tol);

/* An 8-bit RGB PNG decoded into w*h 0xRRGGBB words (malloc'd), NULL when
 * it is not one; the Software and Command texts into @p soft and @p cmd
 * (either may be NULL) of @p tsz bytes. */
uint32_t *tu_decode_png(const unsigned char *p, size_t len, int *w, int *h,
                        char *soft, char *cmd, size_t tsz);

/* A GIF read whole with giflib (DGifCloseFile it), NULL if it is not
 * one. */
GifFileType *tu_gif_slurp(const unsigned char *p, size_t len);
/* Image @p k of @p g drawn onto @p canvas (indices) as a viewer does with
 * disposal "do not dispose"; 0 if the frame is malformed (outside the
 * screen, interlaced, or with a local colour table). */
int tu_gif_compose(const GifFileType *g, int k, uint8_t *canvas);

/* Loss @p name on its built-in data (a failed check when unknown). */
ov_loss *tu_loss(const char *name);
/* With OV_VIEWS_DIR set, the figure written there as NAME.png. */
void tu_dump_png(const char *name, const ov_loss *loss,
                 const ov_trajectory *const *tr, size_t n,
                 const ov_figure_spec *spec);

/* What tu_frames_check() saw of a scene's frames. */
typedef struct tu_frames {
    int ok;             /* both scenes made, every frame and the still drawn */
    int first_full;     /* frame 0's one dirty rectangle is the image */
    long changed;       /* pixels changed from frame to frame, all told */
    long outside;       /* of those, outside the frame's dirty rectangles */
    long repeat_rects;  /* rectangles returned for a step asked again */
    long differ;        /* pixels of the last frame unlike the still's */
} tu_frames;
/* Draws @p spec's raster scene frame by frame at 0, then @p lead[0..nlead)
 * (a repeated step tests repeat_rects), then last/3, last/2, last-1 and
 * last, and a second scene's still at last.  The checks are the caller's
 * (check.h counts per test file). */
tu_frames tu_frames_check(const ov_loss *loss, const ov_trajectory *const *tr,
                          size_t n, const ov_figure_spec *spec,
                          const long *lead, size_t nlead);
/* The checks every frames test makes of tu_frames_check()'s result @p f,
 * the frames having to change over @p min_changed pixels in all.  A macro
 * so that it expands in the calling test file and check.h's counters,
 * which are per file, count it; include check.h first. */
#define TU_CHECK_FRAMES(f, what, min_changed) do { \
    const tu_frames *tu_f_ = &(f); \
    const char *tu_what_ = (what); \
    long tu_min_ = (min_changed); \
    CHECK_MSG(tu_f_->ok, "%s: scene or frame failed", tu_what_); \
    CHECK_MSG(tu_f_->first_full, \
              "%s: frame 0 is not one whole-image rectangle", tu_what_); \
    CHECK_MSG(tu_f_->repeat_rects == 0, \
              "%s: %ld rectangles for a repeated step", tu_what_, \
              tu_f_->repeat_rects); \
    CHECK_MSG(tu_f_->changed > tu_min_, \
              "%s: frames changed only %ld pixels (want over %ld)", \
              tu_what_, tu_f_->changed, tu_min_); \
    CHECK_MSG(tu_f_->outside == 0, \
              "%s: %ld changed pixels outside the dirty rectangles", \
              tu_what_, tu_f_->outside); \
    CHECK_MSG(tu_f_->differ == 0, "%s: %ld pixels differ from the still", \
              tu_what_, tu_f_->differ); \
    } while (0)

/* What tu_vector_check() saw of a figure's SVG and PDF. */
typedef struct tu_vector {
    int ok;             /* two SVGs and a PDF rendered */
    int svg_whole;      /* the SVG opens <svg and ends "</svg>\n" */
    int same;           /* the two SVGs byte-identical (deterministic) */
    int pdf_ok;         /* the PDF starts %PDF- and has over 1000 bytes */
    tu_buf svg;         /* the first SVG, for the caller's searches */
} tu_vector;
/* Renders @p spec as SVG twice and as PDF; tu_buf_free() the svg. */
tu_vector tu_vector_check(const ov_loss *loss, const ov_trajectory *const *tr,
                          size_t n, const ov_figure_spec *spec);
/* The checks every vector test makes of tu_vector_check()'s result @p v:
 * rendered, SVG whole, deterministic, PDF right, and the SVG holds the
 * text @p must.  A macro for check.h's per-file counters, as above. */
#define TU_CHECK_VECTOR(v, must) do { \
    const tu_vector *tu_v_ = &(v); \
    const char *tu_must_ = (must); \
    CHECK(tu_v_->ok); \
    CHECK(tu_v_->svg_whole); \
    CHECK(tu_v_->same); \
    CHECK(tu_v_->pdf_ok); \
    CHECK_MSG(tu_v_->svg.s && strstr(tu_v_->svg.s, tu_must_) != NULL, \
              "SVG lacks %s", tu_must_); \
    } while (0)

/* PSNR in dB over R, G, B of @p img against the colours @p rgb[idx]. */
double tu_psnr(const ov_image *img, const uint8_t *idx, const uint32_t *rgb);

/* Synthetic scenes. */
uint32_t tu_lerp_rgb(uint32_t a, uint32_t b, double t);
void tu_set_rgb(cairo_t *cr, uint32_t c);
uint32_t tu_xorshift(uint32_t *state);
double tu_now_ms(void);

#endif
