/*
 * test_animate.c: animated GIFs from ov_render, checked by decoding them
 * with giflib: GIF89a, frame count and delays (total time kept, hold on
 * the last frame, fps above 50 dropping frames), the NETSCAPE loop block
 * and the comment, disposal and transparency; the composed frames equal a
 * fresh full render of the same step mapped through the palette (first,
 * middle, last, and sampled frames); the last composed frame equals the
 * PNG still; identical frames merged; same flags give the same bytes;
 * progress; a 1-D curve; errors.  Also the frame plan on its own.
 */
#include <gif_lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "render/animate_private.h"
#include "render/figure.h"
#include "encode/palette_private.h"

/* ---- the figure ------------------------------------------------------- */

/* The palette the GIF sink builds for @p spec: the frame loop's sample
 * through the sink's palette builder. */
static ov_status
anim_palette(ov_palette *pal, const ov_loss *loss,
             const ov_trajectory *const *trajs, size_t n,
             const ov_figure_spec *spec)
{
    uint32_t colors[1024];
    ov__sink_sample sample;
    ov__figure *sc = NULL;
    ov_status st = ov__frame_sample(&sample, &sc, colors, loss, trajs, n,
                                    spec, NULL);
    if (!st)
        st = ov__gif_sample_palette(pal, &sample);
    ov__figure_destroy(sc);
    return st;
}

typedef struct fig {
    ov_loss *loss;
    ov_trajectory *t[4];
    size_t n;
} fig;

/* The standard job's optimizers on ols (built-in data), @p steps each. */
static void
fig_ols(fig *f, long steps, size_t n)
{
    static const ov_algo algo[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                     OV_ALGO_RMSPROP, OV_ALGO_ADAM };
    memset(f, 0, sizeof *f);
    CHECK_EQ_INT(ov_loss_create(&f->loss, "ols", NULL, OV_REDUCTION_MEAN,
                                NULL), OV_OK);
    for (size_t i = 0; i < n && f->loss; i++) {
        ov_optim_config cfg;
        ov_run_config rc = OV_RUN_CONFIG_INIT;
        ov_optim_config_init(&cfg, algo[i]);
        cfg.lr = 0.1;
        if (algo[i] == OV_ALGO_MOMENTUM)
            cfg.momentum = 0.2;
        rc.steps = steps;
        CHECK_EQ_INT(ov_run(&f->t[i], f->loss, &cfg, &rc, NULL), OV_OK);
        f->n++;
    }
}

/* A hand-made trajectory: @p moving rows from a to b, then @p still rows
 * at b (the optimizer has converged). */
static ov_trajectory *
line_traj(const ov_loss *loss, size_t moving, size_t still, double ax,
          double ay, double bx, double by)
{
    size_t n = moving + still;
    ov_trajectory *t = calloc(1, sizeof *t);
    snprintf(t->label, sizeof t->label, "line");
    ov_optim_config_init(&t->config, OV_ALGO_GD);
    t->config.lr = 0.1;
    t->dim = 2;
    t->steps_per_epoch = 1;
    t->n_rows = n;
    t->rows = calloc(n, sizeof *t->rows);
    t->diverged_at = -1;
    for (size_t k = 0; k < n; k++) {
        double f = k >= moving - 1 ? 1.0 : (double)k / (double)(moving - 1);
        ov_traj_row *r = &t->rows[k];
        r->step = (long)k;
        r->epoch = (long)k;
        r->theta[0] = ax + (bx - ax) * f;
        r->theta[1] = ay + (by - ay) * f;
        r->loss = ov_loss_eval(loss, r->theta, r->grad);
    }
    return t;
}

static void
fig_free(fig *f)
{
    for (size_t i = 0; i < 4; i++)
        ov_trajectory_destroy(f->t[i]);
    ov_loss_destroy(f->loss);
}

static const ov_trajectory *const *
trajs(const fig *f)
{
    return (const ov_trajectory *const *)f->t;
}

static ov_status
render(const fig *f, ov_format fmt, const ov_figure_spec *spec, tu_buf *out,
       ov_error *err)
{
    memset(out, 0, sizeof *out);
    return ov_render(tu_sink, out, fmt, f->loss, trajs(f), f->n, spec, NULL,
                     NULL, err);
}

/* ---- decoding checks -------------------------------------------------- */

/* Index raster of frame @p want of @p plan mapped through @p pal: what
 * the GIF must compose to.  The scene is drawn from scratch at that step
 * (a fresh scene, one call), or, with @p incremental, frame by frame
 * through the plan as the animation draws it. */
static uint8_t *
full_render(const fig *f, const ov_figure_spec *spec,
            const ov__frame_plan *plan, long want, int incremental,
            const ov_palette *pal)
{
    ov__figure *sc = NULL;
    uint8_t *idx = NULL;
    if (ov__figure_create(&sc, f->loss, trajs(f), f->n, spec, NULL) != OV_OK)
        return NULL;
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    ov_status st = OV_OK;
    for (long k = incremental ? 0 : want; k <= want && !st; k++)
        st = ov__figure_frame(sc, plan->step[k], d, OV__FIGURE_MAX_DIRTY, &nd);
    if (st == OV_OK) {
        const ov_image *img = ov__figure_image(sc);
        idx = malloc((size_t)img->width * img->height);
        if (ov_palette_map_image(pal, img, idx) != OV_OK) {
            free(idx);
            idx = NULL;
        }
    }
    ov__figure_destroy(sc);
    return idx;
}

static size_t
count_diff(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        d += a[i] != b[i];
    return d;
}

/* Bounding box of the differing pixels, for failure messages. */
static ov_rect
diff_box(const uint8_t *a, const uint8_t *b, int w, int h)
{
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (a[(size_t)y * w + x] != b[(size_t)y * w + x]) {
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
            }
    ov_rect r = { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
    return r;
}

/* Loop count of the NETSCAPE2.0 block before image 0, -1 when absent. */
static int
netscape_loop(const GifFileType *g)
{
    const SavedImage *si = &g->SavedImages[0];
    for (int i = 0; i + 1 < si->ExtensionBlockCount; i++) {
        const ExtensionBlock *e = &si->ExtensionBlocks[i];
        if (e->Function == APPLICATION_EXT_FUNC_CODE && e->ByteCount == 11 &&
            memcmp(e->Bytes, "NETSCAPE2.0", 11) == 0) {
            const ExtensionBlock *s = &si->ExtensionBlocks[i + 1];
            if (s->Function != CONTINUE_EXT_FUNC_CODE || s->ByteCount != 3 ||
                s->Bytes[0] != 1)
                return -2;
            return s->Bytes[1] | s->Bytes[2] << 8;
        }
    }
    return -1;
}

/* The comment extension's text (all sub-blocks), "" when absent. */
static void
comment_text(const GifFileType *g, char *out, size_t size)
{
    size_t o = 0;
    int in = 0;
    out[0] = '\0';
    for (int k = 0; k < g->ImageCount; k++) {
        const SavedImage *si = &g->SavedImages[k];
        for (int i = 0; i < si->ExtensionBlockCount; i++) {
            const ExtensionBlock *e = &si->ExtensionBlocks[i];
            if (e->Function == COMMENT_EXT_FUNC_CODE)
                in = 1;
            else if (e->Function != CONTINUE_EXT_FUNC_CODE)
                in = 0;
            if (!in)
                continue;
            for (int j = 0; j < e->ByteCount && o + 1 < size; j++)
                out[o++] = (char)e->Bytes[j];
        }
    }
    out[o] = '\0';
}

/* Checks the GIF's global colour table is @p pal. */
static void
check_palette(const GifFileType *g, const ov_palette *pal)
{
    CHECK(g->SColorMap != NULL);
    if (!g->SColorMap)
        return;
    CHECK_EQ_INT(g->SColorMap->ColorCount, pal->size);
    int same = 1;
    for (int i = 0; i < pal->ncolors && i < g->SColorMap->ColorCount; i++) {
        const GifColorType *c = &g->SColorMap->Colors[i];
        uint32_t v = (uint32_t)c->Red << 16 | (uint32_t)c->Green << 8 | c->Blue;
        if (i != pal->transparent && v != (pal->rgb[i] & 0xFFFFFF))
            same = 0;
    }
    CHECK(same);
}

static long
sum_delays(const GifFileType *g)
{
    long s = 0;
    for (int k = 0; k < g->ImageCount; k++) {
        GraphicsControlBlock gcb;
        if (DGifSavedExtensionToGCB((GifFileType *)g, k, &gcb) == GIF_OK)
            s += gcb.DelayTime;
    }
    return s;
}

/*
 * Renders @p spec as GIF and checks everything about it; @p check_steps
 * lists frame indices whose composition is compared with a full render.
 * Returns the decoded file (caller closes) or NULL.
 */
static GifFileType *
check_gif(const fig *f, const ov_figure_spec *spec, const long *check_frames,
          size_t ncheck, size_t *bytes)
{
    tu_buf out;
    ov_error err;
    CHECK_EQ_INT(render(f, OV_FORMAT_GIF, spec, &out, &err), OV_OK);
    *bytes = out.len;
    CHECK(out.len > 6 && memcmp(out.p, "GIF89a", 6) == 0);
    GifFileType *g = tu_gif_slurp(out.p, out.len);
    CHECK(g != NULL);
    if (!g) {
        free(out.p);
        return NULL;
    }
    CHECK_EQ_INT(g->SWidth, spec->width);
    CHECK_EQ_INT(g->SHeight, spec->height);
    ov_palette pal;
    CHECK_EQ_INT(anim_palette(&pal, f->loss, trajs(f), f->n, spec),
                 OV_OK);
    check_palette(g, &pal);

    ov__frame_plan plan;
    long last = 0;
    for (size_t i = 0; i < f->n; i++)
        if ((long)f->t[i]->n_rows - 1 > last)
            last = (long)f->t[i]->n_rows - 1;
    CHECK_EQ_INT(ov__frame_plan_make(&plan, last, spec->frames, spec->fps,
                                     spec->hold), OV_OK);

    /* Every frame keeps the canvas (do not dispose); frame 0 is whole and
     * opaque, the others use the palette's transparent slot. */
    int ok = 1;
    for (int k = 0; k < g->ImageCount; k++) {
        GraphicsControlBlock gcb;
        if (DGifSavedExtensionToGCB(g, k, &gcb) != GIF_OK) {
            ok = 0;
            continue;
        }
        if (gcb.DisposalMode != DISPOSE_DO_NOT || gcb.DelayTime < 2)
            ok = 0;
        if (k == 0 && (gcb.TransparentColor != NO_TRANSPARENT_COLOR ||
                       g->SavedImages[0].ImageDesc.Width != spec->width ||
                       g->SavedImages[0].ImageDesc.Height != spec->height))
            ok = 0;
        if (k > 0 && gcb.TransparentColor != pal.transparent)
            ok = 0;
    }
    CHECK(ok);
    long total = 0;
    for (long i = 0; i < plan.n; i++)
        total += plan.delay[i];
    CHECK_EQ_INT(sum_delays(g), total);
    CHECK_EQ_INT(netscape_loop(g), spec->loop < 0 ? -1 : spec->loop);
    char cmt[512];
    comment_text(g, cmt, sizeof cmt);
    CHECK_EQ_STR(cmt, spec->command_line ? spec->command_line : "");

    /* Composition against full renders, when frames were not merged (then
     * GIF image k is plan frame k). */
    if (g->ImageCount == plan.n) {
        size_t npx = (size_t)spec->width * spec->height;
        uint8_t *canvas = calloc(npx, 1);
        int k = 0;
        for (size_t c = 0; c < ncheck; c++) {
            long want = check_frames[c] < 0 ? plan.n - 1 : check_frames[c];
            for (; k <= want; k++)
                CHECK(tu_gif_compose(g, k, canvas));
            uint8_t *ref = full_render(f, spec, &plan, want, 0, &pal);
            CHECK(ref != NULL);
            /* With --trail too: removing old segments restores exactly
             * what a fresh render has there. */
            if (ref) {
                size_t d = count_diff(canvas, ref, npx);
                ov_rect r = diff_box(canvas, ref, spec->width, spec->height);
                CHECK_MSG(d == 0, "frame %ld (step %ld, trail %ld): %zu "
                          "pixels differ in %dx%d at (%d,%d)", want,
                          plan.step[want], spec->trail, d, r.w, r.h, r.x,
                          r.y);
            }
            free(ref);
        }
        free(canvas);
    }
    ov__frame_plan_free(&plan);
    free(out.p);
    return g;
}

/* ---- tests ------------------------------------------------------------ */

static void
test_plan(void)
{
    ov__frame_plan p;
    /* One frame per step; 10 fps; 2 s hold on the last. */
    CHECK_EQ_INT(ov__frame_plan_make(&p, 200, 0, 10.0, 2.0), OV_OK);
    CHECK_EQ_INT(p.n, 201);
    if (p.n == 201) {
        CHECK_EQ_INT(p.step[0], 0);
        CHECK_EQ_INT(p.step[137], 137);
        CHECK_EQ_INT(p.step[200], 200);
        CHECK_EQ_INT(p.delay[0], 10);
        CHECK_EQ_INT(p.delay[199], 10);
        CHECK_EQ_INT(p.delay[200], 210);
    }
    ov__frame_plan_free(&p);

    /* 7 of 61 steps: 0, 10, ..., 60; 3 fps carries the rounding: frame i
     * starts at round(100 i / 3) cs. */
    CHECK_EQ_INT(ov__frame_plan_make(&p, 60, 7, 3.0, 0.5), OV_OK);
    CHECK_EQ_INT(p.n, 7);
    if (p.n == 7) {
        static const int want[7] = { 33, 34, 33, 33, 34, 33, 33 + 50 };
        long sum = 0;
        for (int i = 0; i < 7; i++) {
            CHECK_EQ_INT(p.step[i], 10 * i);
            CHECK_EQ_INT(p.delay[i], want[i]);
            sum += p.delay[i];
        }
        CHECK_EQ_INT(sum, 233 + 50);
    }
    ov__frame_plan_free(&p);

    /* Uneven sampling: 4 of 11 steps; the last is always kept. */
    CHECK_EQ_INT(ov__frame_plan_make(&p, 10, 4, 10.0, 0.0), OV_OK);
    CHECK_EQ_INT(p.n, 4);
    if (p.n == 4) {
        CHECK_EQ_INT(p.step[0], 0);
        CHECK_EQ_INT(p.step[1], 3);
        CHECK_EQ_INT(p.step[2], 7);
        CHECK_EQ_INT(p.step[3], 10);
        CHECK_EQ_INT(p.delay[3], 10);
    }
    ov__frame_plan_free(&p);

    /* One frame: the last step. */
    CHECK_EQ_INT(ov__frame_plan_make(&p, 50, 1, 10.0, 1.0), OV_OK);
    CHECK_EQ_INT(p.n, 1);
    if (p.n == 1) {
        CHECK_EQ_INT(p.step[0], 50);
        CHECK_EQ_INT(p.delay[0], 110);
    }
    ov__frame_plan_free(&p);
    CHECK_EQ_INT(ov__frame_plan_make(&p, 0, 0, 10.0, 0.0), OV_OK);
    CHECK_EQ_INT(p.n, 1);
    ov__frame_plan_free(&p);

    /* 50 fps is 2 cs a frame; above it frames are dropped so none is
     * shorter than 2 cs, and the total time stays round(N * 100 / fps). */
    CHECK_EQ_INT(ov__frame_plan_make(&p, 99, 0, 50.0, 0.0), OV_OK);
    CHECK_EQ_INT(p.n, 100);
    ov__frame_plan_free(&p);
    CHECK_EQ_INT(ov__frame_plan_make(&p, 99, 0, 120.0, 0.0), OV_OK);
    {
        long sum = 0;
        int min = 1 << 30, increasing = 1;
        for (long i = 0; i < p.n; i++) {
            sum += p.delay[i];
            if (p.delay[i] < min)
                min = p.delay[i];
            if (i && p.step[i] <= p.step[i - 1])
                increasing = 0;
        }
        CHECK(p.n >= 40 && p.n <= 50);
        CHECK(min >= 2);
        CHECK(increasing);
        CHECK_EQ_INT(sum, 83);              /* round(100 * 100 / 120) */
        CHECK_EQ_INT(p.step[0], 0);
        CHECK_EQ_INT(p.step[p.n - 1], 99);
    }
    ov__frame_plan_free(&p);

    CHECK_EQ_INT(ov__frame_plan_make(&p, 10, 0, 0.0, 0.0), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov__frame_plan_make(&p, 10, 0, NAN, 0.0), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov__frame_plan_make(&p, 10, 0, 10.0, -1.0),
                 OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov__frame_plan_make(&p, -1, 0, 10.0, 0.0),
                 OV_ERR_INVALID_ARG);
}

/* The standard job at 800x600: 201 frames, decoded and composed. */
static void
test_standard(void)
{
    fig f;
    fig_ols(&f, 200, 4);
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.command_line = "optviz --algo gd,momentum:momentum=0.2,rmsprop,adam "
                        "--lr 0.1 --loss ols --steps 200 --size 800x600 "
                        "-o out.gif";
    long frames[] = { 0, 1, 100, -1 };
    size_t bytes;
    GifFileType *g = check_gif(&f, &spec, frames, 4, &bytes);
    if (g) {
        CHECK_EQ_INT(g->ImageCount, 201);
        GraphicsControlBlock gcb;
        DGifSavedExtensionToGCB(g, 0, &gcb);
        CHECK_EQ_INT(gcb.DelayTime, 10);
        DGifSavedExtensionToGCB(g, 200, &gcb);
        CHECK_EQ_INT(gcb.DelayTime, 210);
        CHECK_EQ_INT(sum_delays(g), 2210);
        /* design.md §7 budget; the writer must beat the naive 17 MB by
         * far (tight boxes and transparency). */
        CHECK_MSG(bytes < 400 * 1024, "%zu bytes", bytes);
        /* Later frames are small boxes, not whole frames. */
        long area = 0;
        for (int k = 1; k < g->ImageCount; k++)
            area += (long)g->SavedImages[k].ImageDesc.Width *
                    g->SavedImages[k].ImageDesc.Height;
        CHECK_MSG(area / 200 < 800 * 600 / 4, "mean box %ld px", area / 200);

        /* The last composed frame is the PNG still of the same flags. */
        int err = 0;
        size_t npx = 800 * 600;
        uint8_t *canvas = calloc(npx, 1);
        for (int k = 0; k < g->ImageCount; k++)
            tu_gif_compose(g, k, canvas);
        tu_buf png;
        CHECK_EQ_INT(render(&f, OV_FORMAT_PNG, &spec, &png, NULL), OV_OK);
        int w = 0, h = 0;
        uint32_t *px = tu_decode_png(png.p, png.len, &w, &h, NULL, NULL, 0);
        CHECK(px && w == 800 && h == 600);
        ov_palette pal;
        CHECK_EQ_INT(anim_palette(&pal, f.loss, trajs(&f), f.n, &spec), OV_OK);
        if (px && w == 800 && h == 600) {
            ov_image img = { w, h, (size_t)w * 4, px };
            uint8_t *idx = malloc(npx);
            CHECK_EQ_INT(ov_palette_map_image(&pal, &img, idx), OV_OK);
            size_t d = count_diff(canvas, idx, npx);
            CHECK_MSG(d == 0, "%zu pixels differ from the PNG", d);
            /* Quality of the palette on the still: the composed GIF frame
             * against the PNG's true colours. */
            double se = 0.0;
            size_t exact = 0;
            for (size_t i = 0; i < npx; i++) {
                uint32_t a = pal.rgb[canvas[i]], b = px[i];
                int dr = (int)(a >> 16 & 255) - (int)(b >> 16 & 255);
                int dg = (int)(a >> 8 & 255) - (int)(b >> 8 & 255);
                int db = (int)(a & 255) - (int)(b & 255);
                se += dr * dr + dg * dg + db * db;
                exact += a == b;
            }
            double psnr = 10.0 * log10(255.0 * 255.0 * 3.0 * npx / se);
            printf("standard job: %zu bytes, %d frames, palette %d colours,"
                   " last frame PSNR %.1f dB, %.1f %% exact pixels\n", bytes,
                   g->ImageCount, pal.ncolors, psnr, 100.0 * exact / npx);
            CHECK_MSG(psnr > 45.0, "PSNR %.1f dB", psnr);
            free(idx);
        }
        free(px);
        free(png.p);
        free(canvas);
        DGifCloseFile(g, &err);
    }
    fig_free(&f);
}

/* Smaller figures: sampling, fps, loop count, no loop, --trail. */
static void
test_options(void)
{
    fig f;
    fig_ols(&f, 60, 4);
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.width = 400;
    spec.height = 300;
    int err = 0;
    size_t bytes;

    /* --frames 7 --fps 3 --hold 0.5 --loop 3 */
    spec.frames = 7;
    spec.fps = 3.0;
    spec.hold = 0.5;
    spec.loop = 3;
    spec.command_line = "optviz --frames 7 --fps 3 --hold 0.5 --loop 3";
    long frames7[] = { 0, 3, 6 };
    GifFileType *g = check_gif(&f, &spec, frames7, 3, &bytes);
    if (g) {
        CHECK_EQ_INT(g->ImageCount, 7);
        CHECK_EQ_INT(sum_delays(g), 233 + 50);
        DGifCloseFile(g, &err);
    }

    /* Play once: no loop block; no comment; one frame per step. */
    spec = (ov_figure_spec)OV_FIGURE_SPEC_INIT;
    spec.width = 400;
    spec.height = 300;
    spec.loop = -1;
    long frames_all[] = { 0, 30, -1 };
    g = check_gif(&f, &spec, frames_all, 3, &bytes);
    if (g) {
        CHECK_EQ_INT(g->ImageCount, 61);
        DGifCloseFile(g, &err);
    }

    /* --trail 5: the composed frames equal fresh renders. */
    spec.loop = 0;
    spec.trail = 5;
    g = check_gif(&f, &spec, frames_all, 3, &bytes);
    if (g)
        DGifCloseFile(g, &err);

    /* A custom title, dark theme and another colormap. */
    spec.trail = 0;
    spec.title = "fixed title";
    spec.title_counter = -1;
    spec.theme = OV_THEME_DARK;
    spec.colormap = "magma";
    spec.frames = 12;
    long frames12[] = { 0, 5, -1 };
    g = check_gif(&f, &spec, frames12, 3, &bytes);
    if (g) {
        CHECK_EQ_INT(g->ImageCount, 12);
        DGifCloseFile(g, &err);
    }
    /* The counter after it, and a template: the composed frames still
     * equal fresh renders (the live title in its reserved box). */
    spec.title_counter = 1;
    g = check_gif(&f, &spec, frames12, 3, &bytes);
    if (g)
        DGifCloseFile(g, &err);
    spec.title = "step {step}, loss {loss}";
    g = check_gif(&f, &spec, frames12, 3, &bytes);
    if (g)
        DGifCloseFile(g, &err);
    fig_free(&f);
}

/* An optimizer that stops moving: with a fixed title the frames after it
 * stopped are identical and merge into the one before, keeping the time. */
static void
test_merge(void)
{
    fig f;
    memset(&f, 0, sizeof f);
    CHECK_EQ_INT(ov_loss_create(&f.loss, "quadratic", NULL, OV_REDUCTION_MEAN,
                                NULL), OV_OK);
    if (!f.loss)
        return;
    f.t[0] = line_traj(f.loss, 11, 30, -3.0, 2.5, 0.5, 0.2);
    f.n = 1;
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.width = 320;
    spec.height = 240;
    spec.title = "converged";
    spec.title_counter = -1;   /* fixed: no counter after it */
    spec.hold = 1.0;
    tu_buf out;
    CHECK_EQ_INT(render(&f, OV_FORMAT_GIF, &spec, &out, NULL), OV_OK);
    GifFileType *g = tu_gif_slurp(out.p, out.len);
    CHECK(g != NULL);
    if (g) {
        int err = 0;
        /* 41 steps: frames 0..10 move, the rest stay at step 10 (the
         * scene may darken the last point's anti-aliasing once more when
         * it draws the first zero-length step, so 11 or 12 images). */
        CHECK_MSG(g->ImageCount == 11 || g->ImageCount == 12, "%d images",
                  g->ImageCount);
        CHECK_EQ_INT(sum_delays(g), 410 + 100);
        GraphicsControlBlock gcb;
        DGifSavedExtensionToGCB(g, g->ImageCount - 1, &gcb);
        CHECK_EQ_INT(gcb.DelayTime, 510 - 10 * (g->ImageCount - 1));
        DGifCloseFile(g, &err);
    }
    free(out.p);
    fig_free(&f);
}

/* A 1-D loss animates its curve view through the same path. */
static void
test_curve(void)
{
    fig f;
    memset(&f, 0, sizeof f);
    CHECK_EQ_INT(ov_loss_create(&f.loss, "cosine", NULL, OV_REDUCTION_MEAN,
                                NULL), OV_OK);
    if (!f.loss)
        return;
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 0.5;
    rc.steps = 30;
    CHECK_EQ_INT(ov_run(&f.t[0], f.loss, &cfg, &rc, NULL), OV_OK);
    f.n = f.t[0] ? 1 : 0;
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.width = 400;
    spec.height = 300;
    long frames[] = { 0, 15, -1 };
    size_t bytes;
    GifFileType *g = check_gif(&f, &spec, frames, 3, &bytes);
    if (g) {
        int err = 0;
        CHECK_EQ_INT(g->ImageCount, 31);
        DGifCloseFile(g, &err);
    }
    fig_free(&f);
}

typedef struct prog {
    long calls, last_done, total;
    int monotone;
} prog;

static void
on_progress(void *payload, long done, long total)
{
    prog *p = payload;
    if (done != p->last_done + 1 || (p->total && total != p->total))
        p->monotone = 0;
    p->calls++;
    p->last_done = done;
    p->total = total;
}

static void
test_progress_and_determinism(void)
{
    fig f;
    fig_ols(&f, 40, 2);
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.width = 320;
    spec.height = 240;
    spec.frames = 25;
    prog p = { 0, -1, 0, 1 };
    tu_buf a, b;
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(ov_render(tu_sink, &a, OV_FORMAT_GIF, f.loss, trajs(&f), f.n,
                           &spec, on_progress, &p, NULL), OV_OK);
    CHECK_EQ_INT(p.calls, 26);        /* 0/25 .. 25/25 */
    CHECK_EQ_INT(p.last_done, 25);
    CHECK_EQ_INT(p.total, 25);
    CHECK(p.monotone);
    CHECK_EQ_INT(render(&f, OV_FORMAT_GIF, &spec, &b, NULL), OV_OK);
    CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
    free(a.p);
    free(b.p);
    fig_free(&f);
}

static void
test_errors(void)
{
    fig f;
    fig_ols(&f, 10, 1);
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.width = 200;
    spec.height = 150;
    ov_error err;
    tu_buf out;

    spec.fps = 0.0;
    CHECK_EQ_INT(render(&f, OV_FORMAT_GIF, &spec, &out, &err),
                 OV_ERR_INVALID_ARG);
    CHECK_EQ_STR(err.what, "fps");
    CHECK_EQ_INT(out.len, 0);
    spec.fps = NAN;
    CHECK_EQ_INT(render(&f, OV_FORMAT_GIF, &spec, &out, &err),
                 OV_ERR_INVALID_ARG);
    spec.fps = 10.0;
    spec.hold = -1.0;
    CHECK_EQ_INT(render(&f, OV_FORMAT_GIF, &spec, &out, &err),
                 OV_ERR_INVALID_ARG);
    CHECK_EQ_STR(err.what, "hold");
    spec.hold = 2.0;
    spec.loop = 70000;
    CHECK_EQ_INT(render(&f, OV_FORMAT_GIF, &spec, &out, &err),
                 OV_ERR_INVALID_ARG);
    CHECK_EQ_STR(err.what, "loop");
    spec.loop = 0;
    spec.colormap = "nosuchmap";
    CHECK_EQ_INT(render(&f, OV_FORMAT_GIF, &spec, &out, &err),
                 OV_ERR_NOT_FOUND);
    spec.colormap = "viridis";

    /* A sink that fails mid-stream: its status comes back unchanged. */
    for (long at = 1; at <= 40; at += 13) {
        memset(&out, 0, sizeof out);
        out.fail_at = at;
        CHECK_EQ_INT(ov_render(tu_sink, &out, OV_FORMAT_GIF, f.loss, trajs(&f),
                               f.n, &spec, NULL, NULL, NULL), OV_ERR_IO);
        free(out.p);
    }

    /* --view response needs a signal, not a loss: not a figure here. */
    spec.view = OV_VIEW_RESPONSE;
    memset(&out, 0, sizeof out);
    CHECK_EQ_INT(render(&f, OV_FORMAT_GIF, &spec, &out, &err),
                 OV_ERR_UNSUPPORTED);
    CHECK_EQ_INT(out.len, 0);
    free(out.p);
    fig_free(&f);
}

const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
    /* fontconfig keeps its caches for the life of the process. */
    return "leak:libfontconfig\n";
}

int
main(void)
{
    test_plan();
    test_standard();
    test_options();
    test_merge();
    test_curve();
    test_progress_and_determinism();
    test_errors();
    return check_report("animate");
}
