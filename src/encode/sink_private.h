/*
 * sink_private.h: frame sinks, the writers the frame loop feeds
 * (internal).
 *
 * The frame loop (render/animate.c) draws a figure step by step and knows
 * nothing of file formats; a sink turns the frames into bytes.  An
 * animated sink (GIF) gets every planned frame; a still sink (PNG) gets
 * the frame of the last step only.  A new raster or animation format is a
 * new sink (one file in src/encode) and a row of the format table
 * (format.c); nothing else changes.
 *
 * Life of a sink, as the loop drives it:
 *
 *   create      options only; no byte is written, so a refused option
 *               (say a loop count the format cannot store) leaves the
 *               output empty
 *   prepare     only when the class has one, before begin: the figure's
 *               exact colours and its final frame (every trail whole),
 *               for sinks that must know the whole animation up front
 *               (a GIF's global palette).  It may run on a helper
 *               thread while the loop draws frame 0; the loop touches
 *               the sink on no other thread meanwhile.
 *   scene       only when the class has one, before begin: what the
 *               figure shows as data (the trajectories, the static layer,
 *               the data -> pixel map), for a page that draws it itself
 *               (HTML)
 *   begin       the frame size and the plan; the sink may write a header
 *   frame       each planned frame in order: the image (borrowed until
 *               the next frame or end), the rectangles outside which it
 *               equals the previous frame (the whole image for the first),
 *               and its delay
 *   end         writes what is pending and frees the sink
 *   abort       frees the sink without writing more; instead of end,
 *               at any point after create
 */
#ifndef OV_SINK_PRIVATE_H
#define OV_SINK_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "optviz/image.h"
#include "optviz/loss.h"
#include "optviz/render.h"
#include "optviz/run.h"
#include "optviz/status.h"

/* Which steps become frames and how long each is shown. */
typedef struct ov__frame_plan {
    long n;          /* frames */
    long *step;      /* step shown by frame i, increasing; owned */
    int *delay;      /* centiseconds frame i is shown (the last includes
                        the hold); owned */
} ov__frame_plan;

/* What a sink is told at create. */
typedef struct ov__sink_options {
    const char *command_line;   /* to record in the file; may be NULL;
                                   borrowed until end or abort */
    int loop;                   /* 0 = forever; N = N extra plays; < 0 =
                                   play once */
    int live;                   /* HTML: rerun in the page (needs the
                                   core as WebAssembly) */
    unsigned sliders;           /* HTML: OV_SLIDER_* (render.h) */
    double dpi;                 /* PNG: the resolution it records; 0 none */
} ov__sink_options;

/* What prepare gets; borrowed for the call. */
typedef struct ov__sink_sample {
    const uint32_t *colors;     /* every exact colour the figure paints,
                                   0xRRGGBB, the series' colours first */
    size_t ncolors;
    const ov_image *last;       /* the last frame, every trail whole */
} ov__sink_sample;

/* How a page maps data to the figure's pixels. */
typedef enum ov__scene_map {
    OV__SCENE_MAP_NONE,         /* the page cannot draw it (a composite,
                                   a 3-D or dynamic view): frames only */
    OV__SCENE_MAP_XY,           /* (theta x, theta y): the contour view */
    OV__SCENE_MAP_XF            /* (theta x, loss): the 1-D curve view */
} ov__scene_map;

/* What a page draws on its static layer to show the figure as the tool
 * does (the contour view's overlay): where the live title and the legend
 * go, in the figure's pixels, and their sizes and colours. */
/* A row of a page's legend (ov__scene_overlay). */
typedef struct ov__scene_entry {
    const char *label;          /* as the legend shows it */
    uint32_t color;             /* 0xRRGGBB */
    int kind;                   /* 1: a marker; 2: a line; 5: a cased line
                                   with a marker (the contour view's) */
    int series;                 /* the series it names, -1: none */
    /* A label that ends in its lr (" (lr=%g)", ov__series_label) and is
     * not shortened: what comes before, which a page that changes the lr
     * relabels (has_lr_base). */
    int has_lr_base;
    char lr_base[200];
} ov__scene_entry;

#define OV__SCENE_ENTRIES (OV_MAX_SERIES + 2)

typedef struct ov__scene_overlay {
    int title;                  /* 0: none moves (a fixed title is in the
                                   static layer); 1: title_prefix and the
                                   step; 2: "Epoch: E, Error: L" of the
                                   first series; 3: title_prefix and the
                                   first series' lr ("%.3f") */
    char title_prefix[256];
    double title_x, title_y, title_ha, title_fs;
    double title_cx, title_margin;  /* ov__view_title's centre and margin:
                                   a page whose title 2 changes lays it
                                   out again */
    double vcenter;             /* baseline = y + vcenter * size */
    uint32_t text;              /* text colour, 0xRRGGBB */
    double legend[4];           /* box x0 y0 x1 y1; x1 <= x0: none */
    double legend_fs, legend_pad, legend_row_h, legend_sample;
    double legend_text_x, legend_live_x;
    int legend_live;            /* the live loss column is shown */
    uint32_t legend_bg, legend_edge;
    double legend_alpha;
    double legend_live_w;       /* the live column's width */
    double legend_margin;       /* from the plot's edges */
    double legend_marker_lw;    /* a sample marker's edge */
    size_t nentries;
    ov__scene_entry entry[OV__SCENE_ENTRIES];
    double marker_r, marker_lw; /* a current point: radius, black edge
                                   (0: none) */
    int marker_own;             /* 1: in its series' colour */
    uint32_t marker_color;      /* else this */
    int start_disc;             /* start markers: 0 white squares with a
                                   black edge, 1 discs */
    double start_r;
    uint32_t start_color;
    uint32_t trail_color[OV_MAX_SERIES];    /* each series' trail */
    size_t nmin;
    double minima[16][3];       /* stars: x, y, radius (pixels) */
} ov__scene_overlay;

/* What scene gets; borrowed for the call. */
typedef struct ov__sink_scene {
    const ov_loss *loss;
    const ov_trajectory *const *trajs;
    size_t n;
    const uint32_t *colors;     /* n series colours, 0xRRGGBB */
    const uint32_t *casings;    /* n colours of their trails' casings */
    const int *points_only;     /* n flags: markers with no joining lines
                                   (ov_figure_spec.points_only) */
    const char *title;          /* the figure's title or the loss name */
    ov__scene_map map_kind;
    double map[6];              /* px = map[0] + map[1] a + map[2] b,
                                   py = map[3] + map[4] a + map[5] b */
    double area[4];             /* plot area x, y, w, h (pixels) */
    double scale;               /* the figure's line-width scale */
    long trail;                 /* rows kept per series (--trail), 0 all */
    const ov_image *background; /* the static layer (no trails, no
                                   overlay); NULL with map NONE */
    const ov_run_config *run;   /* how the runs were made */
    const ov__scene_overlay *overlay;   /* NULL: the background holds the
                                   title, legend and start markers, and
                                   the page draws none of them */
} ov__sink_scene;

typedef struct ov__sink_class {
    const char *name;           /* the format's name, for messages */
    int animated;               /* 1: every planned frame; 0: a still */
    ov_status (*create)(void **out, ov_write_fn fn, void *closure,
                        const ov__sink_options *opt, ov_error *err);
    /* NULL when the sink needs no sample (the loop then draws none). */
    ov_status (*prepare)(void *sink, const ov__sink_sample *sample);
    ov_status (*begin)(void *sink, int width, int height,
                       const ov__frame_plan *plan);
    ov_status (*frame)(void *sink, const ov_image *img,
                       const ov_rect *dirty, size_t ndirty, int delay_cs);
    ov_status (*end)(void *sink);
    void (*abort)(void *sink);
    /* Last, so the classes without one leave it out: NULL when the sink
     * draws nothing itself. */
    ov_status (*scene)(void *sink, const ov__sink_scene *scene);
} ov__sink_class;

extern const ov__sink_class ov__gif_sink;
extern const ov__sink_class ov__png_sink;
extern const ov__sink_class ov__html_sink;
/* sink_video.c, when the build has video (OV_HAVE_VIDEO). */
extern const ov__sink_class ov__mp4_sink;
extern const ov__sink_class ov__webm_sink;

#endif /* OV_SINK_PRIVATE_H */
