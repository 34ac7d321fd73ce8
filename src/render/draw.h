/*
 * draw.h: drawing helpers shared by the views inside src/render (cairo is
 * allowed here): boxes, the "pen" that paints on cairo or collects SVG
 * <text>, text, markers, theme and series colours, z scales.
 */
#ifndef OV_DRAW_H
#define OV_DRAW_H

#include <cairo.h>
#include <stddef.h>
#include <stdint.h>

#include "optviz/render.h"
#include "optviz/run.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define OV__FONT "DejaVu Sans"
/* Baseline offset that centres digits and capitals on y. */
#define OV__VCENTER 0.36
#define OV__WHITE 0xFFFFFF
#define OV__BLACK 0x000000

typedef struct ov__box {
    double x0, y0, x1, y1;   /* empty when x1 < x0 */
} ov__box;

ov__box ov__box_empty(void);
void ov__box_add(ov__box *b, double x, double y, double pad);
void ov__box_union(ov__box *b, ov__box a);
int ov__box_is_empty(const ov__box *b);

void ov__set_rgb(cairo_t *cr, uint32_t c, double alpha);

/* Copies @p in to @p out replacing invalid UTF-8 and control bytes by '?'. */
void ov__clean_utf8(char *out, size_t size, const char *in);

/* Growable text buffer (SVG text). */
typedef struct ov__strbuf {
    char *s;
    size_t len, cap;
    int failed;
} ov__strbuf;

void ov__sb_append(ov__strbuf *b, const char *s, size_t n);
void ov__sb_printf(ov__strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ov__sb_xml(ov__strbuf *b, const char *s);
/* Clears the caller's SVG text outputs (either may be NULL) before a vector
 * draw. */
void ov__sb_begin(char **text, size_t *len);
/* Ends a vector draw: on success with svg set, hands b's text to *text and
 * *len; otherwise frees it.  Returns st, or OV_ERR_NOMEM when st was OV_OK
 * but the text ran out of memory. */
ov_status ov__sb_finish(ov__strbuf *b, ov_status st, int svg, char **text,
                        size_t *len);

/* What a pen with a log records of each text it draws (for tests): the
 * box of its ink in device pixels, its size and its first bytes. */
typedef struct ov__text_rec {
    ov__box box;
    double size;
    char s[80];
} ov__text_rec;
typedef struct ov__textlog {
    ov__text_rec *rec;
    size_t n, cap;               /* n counts past cap too */
} ov__textlog;

/* Paints on cr; with svg set, text goes there as <text> elements instead
 * (cairo 1.16's SVG surface would turn it into glyph outlines). */
typedef struct ov__pen {
    cairo_t *cr;
    ov__strbuf *svg;
} ov__pen;
/* While set (by ov__figure_texts, for tests), every text ov__text draws
 * on this thread is also recorded there. */
extern _Thread_local ov__textlog *ov__text_log;

void ov__font(cairo_t *cr, double size);
double ov__text_width(cairo_t *meas, const char *s, double size);
/*
 * Draws @p s with its anchor at (x, y): @p ha 0 left, 0.5 centre, 1 right;
 * y is the vertical centre of the text; rotated by @p ang (radians, cairo's
 * sense).
 */
void ov__text(ov__pen *pn, const char *s, double x, double y, double size,
              double ang, double ha, uint32_t color, double alpha);
/* Copies @p s to @p out (@p cap bytes), shortened at a character and
 * ended by an ellipsis when wider than @p maxw at @p size; @return its
 * width. */
double ov__text_ellipsize(cairo_t *meas, const char *s, double size,
                          double maxw, char *out, size_t cap);
/* Bounding box of text drawn by ov__text() unrotated. */
ov__box ov__text_box(cairo_t *meas, const char *s, double x, double y,
                     double size, double ha);

void ov__circle(cairo_t *cr, double x, double y, double r, uint32_t fill,
                uint32_t edge, double lw);
/* Strokes the current path @p outer wide in @p edge, then @p width wide in
 * @p color over it, so a light line still shows on a light background. */
void ov__stroke_cased(cairo_t *cr, uint32_t color, double width,
                      uint32_t edge, double outer);
void ov__star(cairo_t *cr, double x, double y, double r, double s);
/* A local (not global) minimum's star is this much the size of a global
 * one's: marked, but not taken for the best point. */
#define OV__LOCAL_STAR 0.6
/* The five-pointed star of ov__star() as the current path. */
void ov__star_path(cairo_t *cr, double x, double y, double r);
/* The head filled with @p fill and outlined with @p edge (@p lw wide);
 * leaves the line join round, as the trails have it. */
void ov__arrow_head_cased(cairo_t *cr, double xa, double ya, double xb,
                          double yb, double size, uint32_t fill,
                          uint32_t edge, double lw);
void ov__arrow_head(cairo_t *cr, double xa, double ya, double xb, double yb,
                    double size);

typedef struct ov__theme_colors {
    uint32_t bg, text, axis, legend_bg, legend_edge, line, grid, pane;
    double legend_alpha, line_alpha;
} ov__theme_colors;

const ov__theme_colors *ov__theme(ov_theme t);

/* Colours of the series: the user's, else one fixed colour per algorithm
 * (the same optimizer looks the same in every figure), else extra ones. */
void ov__series_colors(const ov_trajectory *const *trajs, size_t n,
                       const ov_figure_spec *spec, uint32_t *out);
/* "label (lr=0.1)", cleaned. */
void ov__series_label(const ov_trajectory *t, char *out, size_t size);
/* Whether @p t's label is one the tool made (the algorithm's name,
 * numbered "-N", or settings "momentum=0.9"), not the user's label=. */
int ov__label_is_automatic(const ov_trajectory *t);

/* Adds colour @p c to the list out[0..*n) unless it is there; past @p cap
 * it is dropped. */
void ov__colors_add(uint32_t *out, size_t cap, size_t *n, uint32_t c);

/* A colour @p t of the way from @p a to @p b, rounded to whole k/255. */
uint32_t ov__mix(uint32_t a, uint32_t b, double t);
/* Where the current point (x, y) of a path that has left the box @p lim
 * is marked: pulled from the box's centre towards it to the box inset by
 * @p inset, with the unit direction it lies in (*ux, *uy); 0 when the
 * point is inside the box (or not finite), 1 when marked. */
int ov__edge_mark(ov__box lim, double inset, double x, double y, double *ex,
                  double *ey, double *ux, double *uy);
/* The edge mark: a triangle of size @p a at (ex, ey) pointing (ux, uy),
 * filled with @p fill, outlined with @p edge @p lw wide. */
void ov__edge_triangle(cairo_t *cr, double ex, double ey, double ux,
                       double uy, double a, uint32_t fill, uint32_t edge,
                       double lw);
/* WCAG 2.1's contrast ratio of two sRGB colours, 1 (the same luminance)
 * to 21 (black on white). */
double ov__contrast(uint32_t a, uint32_t b);
/* The least contrast a trail keeps (WCAG 2.1 SC 1.4.11, non-text: 3:1):
 * the default colours keep it on every colour map with their casing
 * (tests/test_render.c), a user's colour gets the casing that keeps the
 * most of it where its trail runs (ov__view_finish). */
#define OV__MIN_CONTRAST 3.0
double ov__luminance(uint32_t c);

/* z scale of the colours (and of the surface's height). */
typedef struct ov__zmap {
    ov_zscale kind;
    double shift, floor;
} ov__zmap;

double ov__z_of(const ov__zmap *m, double f);
double ov__f_of(const ov__zmap *m, double z);

/* Liang-Barsky: clips (a)-(b) to @p r; 0 when nothing is left. */
int ov__clip_segment(ov__box r, double *xa, double *ya, double *xb,
                     double *yb);

/* The distance from (px, py) to the segment (xa, ya)-(xb, yb). */
double ov__seg_dist(double px, double py, double xa, double ya, double xb,
                    double yb);

/* The distance from the box @p r to the segment (xa, ya)-(xb, yb); 0 when
 * they meet. */
double ov__box_seg_dist(ov__box r, double xa, double ya, double xb,
                        double yb);

void ov__set_err(ov_error *err, ov_status st, const char *what);

/* A box with rounded corners of radius @p rad (legends), filled with
 * @p fill at @p alpha and outlined with @p edge, @p lw wide. */
void ov__rounded_box(cairo_t *cr, const ov__box *b, double rad, uint32_t fill,
                     double alpha, uint32_t edge, double lw);

/* Line patterns that tell apart lines of one colour, at scale @p s,
 * starting @p offset pixels into the pattern (a line drawn piecewise
 * passes its length so far, so the pattern runs on across the pieces). */
typedef enum ov__dash { OV__SOLID, OV__DASHED, OV__DOTTED } ov__dash;
void ov__set_dash(cairo_t *cr, ov__dash d, double s, double offset);

/* The step a raster frame shows when @p step is asked for: within
 * [0, @p last] and not before the one drawn (@p drawn, -1 for none). */
long ov__frame_step(long step, long last, long drawn);

#endif /* OV_DRAW_H */
