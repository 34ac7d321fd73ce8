/*
 * sink_html.c: the HTML format: one self-contained page that plays the
 * figure, and the reader of the command line a page records.
 *
 * The page needs nothing but itself (no network, no other file), so it
 * works from file:// and pasted into a blog.  It carries:
 *
 *   - the frames as the frame loop made them: frame 0 whole (or, when the
 *     page has the static layer below, what differs from it) and every
 *     later frame as PNGs (data URIs; a palette PNG when a patch has at
 *     most 256 colours) of the tight boxes of the pixels that changed in
 *     its dirty rectangles, so the
 *     page at frame k shows the pixels of the GIF's frame k before the
 *     palette, and at the last frame the PNG still, exactly;
 *   - the scene (sink_private.h): the trajectories as numbers (%.17g, so
 *     the page reads back the doubles the tool computed), the static layer
 *     as a PNG and the data -> pixel map, so that the page can draw the
 *     trails itself when a reader hides an optimizer or moves a slider;
 *   - for a live page, the run's settings packed as pack.c packs them and
 *     the library's core as WebAssembly (web/live.c, deflated), which
 *     reruns an optimizer in the browser with the same doubles as the
 *     tool;
 *   - the player (web/player.js, web/player.css), built into the library
 *     (web_private.h).
 *
 * The command line goes in <meta name="optviz-command">, near the top, so
 * the up-to-date check of a batch finds it in the file's first bytes.
 * Everything is kept in memory and written at end in one go.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "optviz/image.h"
#include "optviz/render.h"
#include "optviz/version.h"
#include "alloc_private.h"
#include "error_private.h"
#include "format_private.h"
#include "pack_private.h"
#include "png_private.h"
#include "web_private.h"

#ifndef OV_HAVE_WASM
#  define OV_HAVE_WASM 0
#endif

#define META_COMMAND "<meta name=\"optviz-command\" content=\""

typedef struct buf {
    char *p;
    size_t len, cap;
    int failed;
} buf;

typedef struct html_sink {
    ov_write_fn fn;
    void *closure;
    const char *command_line;
    int live;
    unsigned sliders;
    int width, height;
    buf scene;          /* the scene's fields, JavaScript */
    buf frames;         /* the frames' patches, JavaScript */
    buf steps, delays;  /* the plan */
    long nframes;
    char title[256];
    uint32_t *prev;     /* the previous frame, width * height */
    int on_background;  /* frame 0 is patches over the static layer */
    int bg_width, bg_height;
} html_sink;

static void
put(buf *b, const void *data, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *p;

        while (cap < b->len + n + 1)
            cap *= 2;
        p = ov__realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void
puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void
putf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
putf(buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        b->failed = 1;
        return;
    }
    put(b, tmp, (size_t)n);
}

/* A double as JavaScript reads it back exactly: %.17g round-trips, and
 * the non-finite values have their JavaScript names. */
static void
put_num(buf *b, double v)
{
    if (isnan(v))
        puts_(b, "NaN");
    else if (isinf(v))
        puts_(b, v > 0 ? "Infinity" : "-Infinity");
    else
        putf(b, "%.17g", v);
}

/* A JavaScript string literal; '<' and '>' are escaped so that no text
 * can close the <script> element the data is in. */
static void
put_str(buf *b, const char *s)
{
    put(b, "\"", 1);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\')
            putf(b, "\\%c", c);
        else if (c < 0x20 || c == '<' || c == '>' || c == 0x7f)
            putf(b, "\\u%04x", c);
        else
            put(b, s, 1);
    }
    put(b, "\"", 1);
}

/* Text for an HTML attribute value in double quotes. */
static void
put_attr(buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': puts_(b, "&amp;"); break;
        case '"': puts_(b, "&quot;"); break;
        case '<': puts_(b, "&lt;"); break;
        case '>': puts_(b, "&gt;"); break;
        default: put(b, s, 1);
        }
    }
}

static void
put_base64(buf *b, const unsigned char *p, size_t n)
{
    static const char abc[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char q[4];

    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;

        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        q[0] = abc[v >> 18 & 63];
        q[1] = abc[v >> 12 & 63];
        q[2] = i + 1 < n ? abc[v >> 6 & 63] : '=';
        q[3] = i + 2 < n ? abc[v & 63] : '=';
        put(b, q, 4);
    }
}

static int
buf_write(void *closure, const unsigned char *data, size_t len)
{
    buf *b = closure;

    put(b, data, len);
    return b->failed ? OV_ERR_NOMEM : OV_OK;
}

/* The rectangle @p r of @p img as a PNG data URI in a string literal. */
static ov_status
put_png(buf *b, const ov_image *img, ov_rect r)
{
    ov_image sub = { r.w, r.h, img->stride,
                     (uint32_t *)((unsigned char *)img->px
                                  + (size_t)r.y * img->stride)
                     + r.x };
    buf png = { 0 };
    ov_status st = ov__png_write_small(buf_write, &png, &sub, 6);

    if (st == OV_OK) {
        puts_(b, "\"data:image/png;base64,");
        put_base64(b, (const unsigned char *)png.p, png.len);
        puts_(b, "\"");
    }
    ov__free(png.p);
    return st ? st : b->failed ? OV_ERR_NOMEM : OV_OK;
}

static void
free_sink(html_sink *s)
{
    ov__free(s->scene.p);
    ov__free(s->frames.p);
    ov__free(s->steps.p);
    ov__free(s->delays.p);
    ov__free(s->prev);
    ov__free(s);
}

static ov_status
html_create(void **out, ov_write_fn fn, void *closure,
            const ov__sink_options *opt, ov_error *err)
{
    html_sink *s;

    if (opt->live && !OV_HAVE_WASM)
        return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0,
                             "this optviz was built without WebAssembly "
                             "support (a live page needs emscripten at "
                             "build time); use --no-live");
    s = ov__calloc(1, sizeof *s);
    if (!s)
        return OV_ERR_NOMEM;
    s->fn = fn;
    s->closure = closure;
    s->command_line = opt->command_line;
    s->live = opt->live;
    s->sliders = opt->sliders ? opt->sliders : OV_SLIDERS_ALL;
    *out = s;
    return OV_OK;
}

/* The packed configuration of every series, the run's and where the
 * sliders' values sit in them. */
static void
put_live(buf *b, const html_sink *s, const ov__sink_scene *sc)
{
    const ov_dataset *d = ov_loss_dataset(sc->loss);
    double packed[256];
    size_t np = ov__run_pack_size();
    static const char *const keys[] = { "lr", "momentum", "beta1" };
    static const char *const names[] = { "lr", "momentum", "start" };

    puts_(b, "live:{loss:");
    put_str(b, ov_loss_name(sc->loss));
    putf(b, ",reduction:%d,dim:%d,data:", (int)ov_loss_reduction(sc->loss),
         ov_loss_dim(sc->loss));
    if (d) {
        puts_(b, "[[");
        for (size_t i = 0; i < d->n; i++) {
            if (i)
                puts_(b, ",");
            put_num(b, d->x[i]);
        }
        puts_(b, "],[");
        for (size_t i = 0; i < d->n; i++) {
            if (i)
                puts_(b, ",");
            put_num(b, d->y[i]);
        }
        puts_(b, "]]");
    } else {
        puts_(b, "null");
    }
    puts_(b, ",run:[");
    if (np <= sizeof packed / sizeof packed[0]) {
        ov__run_pack(sc->run, packed);
        for (size_t k = 0; k < np; k++) {
            if (k)
                puts_(b, ",");
            put_num(b, packed[k]);
        }
    } else {
        b->failed = 1;
    }
    putf(b, "],startSlot:%zu,slots:{", ov__run_pack_start_slot());
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        putf(b, "%s%s:%d", k ? "," : "", keys[k],
             ov__optim_pack_slot(keys[k]));
    puts_(b, "},sliders:[");
    for (size_t k = 0, first = 1; k < 3; k++)
        if (s->sliders & (1u << k)) {
            putf(b, "%s\"%s\"", first ? "" : ",", names[k]);
            first = 0;
        }
    /* Deflated, the module is less than half its size (the page
     * inflates it with the browser's DecompressionStream). */
    uLongf zn = compressBound((uLong)ov__web_wasm_size);
    unsigned char *z = ov__malloc(zn);

    if (z && compress2(z, &zn, ov__web_wasm, (uLong)ov__web_wasm_size,
                       Z_BEST_COMPRESSION) == Z_OK) {
        puts_(b, "],wasmDeflated:1,wasm:\"");
        put_base64(b, z, zn);
    } else {
        puts_(b, "],wasmDeflated:0,wasm:\"");
        put_base64(b, ov__web_wasm, ov__web_wasm_size);
    }
    ov__free(z);
    puts_(b, "\"}");
}

static void
put_nums(buf *b, const double *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            puts_(b, ",");
        put_num(b, v[k]);
    }
}

/* Where the page draws the title, legend and current points when its
 * trails are its own (ov__scene_overlay); null: the static layer holds
 * them. */
static void
put_overlay(buf *b, const ov__sink_scene *sc)
{
    const ov__scene_overlay *o = sc->overlay;

    puts_(b, ",overlay:");
    if (!o) {
        puts_(b, "null");
        return;
    }
    putf(b, "{title:%d,titlePrefix:", o->title);
    put_str(b, o->title_prefix);
    puts_(b, ",titleAt:[");
    put_nums(b, (const double[]){ o->title_x, o->title_y, o->title_ha,
                                  o->title_fs, o->title_cx,
                                  o->title_margin }, 6);
    putf(b, "],vcenter:%.17g,text:\"#%06x\",legend:[", o->vcenter,
         (unsigned)o->text & 0xffffff);
    put_nums(b, o->legend, 4);
    puts_(b, "],legendAt:[");
    put_nums(b, (const double[]){ o->legend_fs, o->legend_pad,
                                  o->legend_row_h, o->legend_sample,
                                  o->legend_text_x, o->legend_live_x }, 6);
    putf(b, "],legendLive:%d,legendBg:\"#%06x\",legendAlpha:%.17g,"
         "legendEdge:\"#%06x\",legendLiveW:%.17g,legendMargin:%.17g,"
         "legendMarkerLw:%.17g,entries:[", o->legend_live,
         (unsigned)o->legend_bg & 0xffffff, o->legend_alpha,
         (unsigned)o->legend_edge & 0xffffff, o->legend_live_w,
         o->legend_margin, o->legend_marker_lw);
    for (size_t i = 0; i < o->nentries; i++) {
        const ov__scene_entry *e = &o->entry[i];

        puts_(b, i ? ",{label:" : "{label:");
        put_str(b, e->label ? e->label : "");
        putf(b, ",color:\"#%06x\",kind:%d,series:%d,lrBase:",
             (unsigned)e->color & 0xffffff, e->kind, e->series);
        if (e->has_lr_base)
            put_str(b, e->lr_base);
        else
            puts_(b, "null");
        puts_(b, "}");
    }
    putf(b, "],markerR:%.17g,markerLw:%.17g,markerColor:", o->marker_r,
         o->marker_lw);
    if (o->marker_own)
        puts_(b, "null");
    else
        putf(b, "\"#%06x\"", (unsigned)o->marker_color & 0xffffff);
    putf(b, ",startDisc:%d,startR:%.17g,startColor:\"#%06x\"}",
         o->start_disc, o->start_r, (unsigned)o->start_color & 0xffffff);
}

static ov_status
html_scene(void *sink, const ov__sink_scene *sc)
{
    html_sink *s = sink;
    buf *b = &s->scene;
    double packed[256];
    size_t np = ov__optim_pack_size();

    snprintf(s->title, sizeof s->title, "%s", sc->title ? sc->title : "");
    puts_(b, "title:");
    put_str(b, s->title);
    putf(b, ",mapKind:%d,map:[", (int)sc->map_kind);
    for (int k = 0; k < 6; k++) {
        if (k)
            puts_(b, ",");
        put_num(b, sc->map[k]);
    }
    puts_(b, "],area:[");
    for (int k = 0; k < 4; k++) {
        if (k)
            puts_(b, ",");
        put_num(b, sc->area[k]);
    }
    puts_(b, "],scale:");
    put_num(b, sc->scale);
    putf(b, ",trail:%ld", sc->trail);
    /* The minima's stars (x, y, radius), drawn above the trails like the
     * overlay. */
    puts_(b, ",minima:[");
    if (sc->overlay) {
        for (size_t k = 0; k < sc->overlay->nmin; k++) {
            const double *m = sc->overlay->minima[k];

            putf(b, "%s[%.17g,%.17g,%.17g]", k ? "," : "", m[0], m[1], m[2]);
        }
    } else if (sc->map_kind == OV__SCENE_MAP_XY) {
        const double *m;
        size_t nm = ov_loss_minima(sc->loss, &m);

        /* As many as the contour view draws. */
        for (size_t k = 0; k < nm && k < 16; k++) {
            puts_(b, k ? ",[" : "[");
            put_num(b, sc->map[0] + sc->map[1] * m[2 * k]
                       + sc->map[2] * m[2 * k + 1]);
            puts_(b, ",");
            put_num(b, sc->map[3] + sc->map[4] * m[2 * k]
                       + sc->map[5] * m[2 * k + 1]);
            puts_(b, ",");
            put_num(b, 8.0 * sc->scale);
            puts_(b, "]");
        }
    }
    puts_(b, "]");
    put_overlay(b, sc);
    puts_(b, ",background:");
    if (sc->background && sc->map_kind != OV__SCENE_MAP_NONE) {
        const ov_image *bg = sc->background;
        ov_rect all = { 0, 0, bg->width, bg->height };
        ov_status st = put_png(b, bg, all);

        if (st)
            return st;
        /* The page shows the static layer anyway: frame 0 is written as
         * what differs from it (title, legend, markers), not whole. */
        s->prev = ov__malloc3((size_t)bg->width, (size_t)bg->height,
                              sizeof *s->prev);
        if (!s->prev)
            return OV_ERR_NOMEM;
        for (int y = 0; y < bg->height; y++)
            memcpy(s->prev + (size_t)y * (size_t)bg->width,
                   (const unsigned char *)bg->px + (size_t)y * bg->stride,
                   (size_t)bg->width * sizeof *s->prev);
        s->on_background = 1;
        s->bg_width = bg->width;
        s->bg_height = bg->height;
        puts_(b, ",frameBase:\"background\"");
    } else {
        puts_(b, "null");
    }
    puts_(b, ",series:[");
    for (size_t i = 0; i < sc->n; i++) {
        const ov_trajectory *t = sc->trajs[i];

        puts_(b, i ? ",\n{label:" : "\n{label:");
        put_str(b, t->label);
        putf(b, ",algo:\"%s\",color:\"#%06x\",casing:\"#%06x\","
             "points:%d,dim:%d,diverged:%ld,takes:{momentum:%d,beta1:%d},"
             "cfg:[",
             ov_algo_name(t->config.algo),
             (unsigned)(sc->overlay ? sc->overlay->trail_color[i]
                                    : sc->colors[i]) & 0xffffff,
             sc->casings ? (unsigned)sc->casings[i] & 0xffffff : 0u,
             sc->points_only && sc->points_only[i] ? 1 : 0,
             t->dim, t->diverged_at,
             ov_algo_takes_param(t->config.algo, "momentum"),
             ov_algo_takes_param(t->config.algo, "beta1"));
        if (np > sizeof packed / sizeof packed[0])
            return OV_ERR_NOMEM;
        ov__optim_pack(&t->config, packed);
        for (size_t k = 0; k < np; k++) {
            if (k)
                puts_(b, ",");
            put_num(b, packed[k]);
        }
        puts_(b, "],rows:[");
        for (size_t k = 0; k < t->n_rows; k++) {
            const ov_traj_row *r = &t->rows[k];

            putf(b, "%s[%ld,%ld,", k ? "," : "", r->step, r->epoch);
            put_num(b, r->theta[0]);
            puts_(b, ",");
            put_num(b, r->theta[1]);
            puts_(b, ",");
            put_num(b, r->loss);
            puts_(b, ",");
            put_num(b, r->grad[0]);
            puts_(b, ",");
            put_num(b, r->grad[1]);
            puts_(b, ",");
            put_num(b, r->lr);
            puts_(b, "]");
        }
        puts_(b, "]}");
    }
    puts_(b, "],\n");
    /* A loss of more than two parameters is shown on a plane (the
     * figure's loss is then the plane's), a projection the page does not
     * redo: such a page plays its frames. */
    int flat = ov_loss_dim(sc->loss) <= 2 && !(sc->run && sc->run->start_vec);

    for (size_t i = 0; i < sc->n; i++)
        flat = flat && sc->trajs[i]->dim <= 2;
    if (s->live && sc->run && flat)
        put_live(b, s, sc);
    else
        puts_(b, "live:null");
    return b->failed ? OV_ERR_NOMEM : OV_OK;
}

static ov_status
html_begin(void *sink, int width, int height, const ov__frame_plan *plan)
{
    html_sink *s = sink;

    s->width = width;
    s->height = height;
    if (s->prev && (s->bg_width != width || s->bg_height != height)) {
        ov__free(s->prev);
        s->prev = NULL;
        s->on_background = 0;
    }
    if (!s->prev)
        s->prev = ov__calloc((size_t)width * (size_t)height,
                             sizeof *s->prev);
    if (!s->prev)
        return OV_ERR_NOMEM;
    for (long i = 0; i < plan->n; i++) {
        putf(&s->steps, "%s%ld", i ? "," : "", plan->step[i]);
        putf(&s->delays, "%s%d", i ? "," : "", plan->delay[i]);
    }
    return s->steps.failed || s->delays.failed ? OV_ERR_NOMEM : OV_OK;
}

/* Shrinks @p r to the pixels of @p img that differ from the previous
 * frame (a dirty rectangle holds whole text boxes and segments' boxes;
 * the digits and pixels that changed are fewer), and records them as the
 * previous frame's.  @return 0 when none changed. */
static int
tighten(html_sink *s, const ov_image *img, ov_rect *r)
{
    int x0 = r->x + r->w, y0 = r->y + r->h, x1 = r->x - 1, y1 = r->y - 1;

    for (int y = r->y; y < r->y + r->h; y++) {
        const uint32_t *src = (const uint32_t *)((const unsigned char *)
                              img->px + (size_t)y * img->stride);
        uint32_t *old = s->prev + (size_t)y * (size_t)s->width;

        for (int x = r->x; x < r->x + r->w; x++)
            if ((src[x] ^ old[x]) & 0xffffff
                || (s->nframes == 0 && !s->on_background)) {
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
                old[x] = src[x];
            }
    }
    if (x1 < x0)
        return 0;
    r->x = x0;
    r->y = y0;
    r->w = x1 - x0 + 1;
    r->h = y1 - y0 + 1;
    return 1;
}

static ov_status
html_frame(void *sink, const ov_image *img, const ov_rect *dirty,
           size_t ndirty, int delay_cs)
{
    html_sink *s = sink;
    buf *b = &s->frames;

    (void)delay_cs;
    puts_(b, s->nframes ? ",\n[" : "\n[");
    for (size_t k = 0; k < ndirty; k++) {
        ov_rect r = dirty[k];
        ov_status st;

        /* Clipped to the image: the loop's rectangles are inside it. */
        if (r.x < 0 || r.y < 0 || r.w <= 0 || r.h <= 0
            || r.x + r.w > s->width || r.y + r.h > s->height
            || !tighten(s, img, &r))
            continue;
        putf(b, "%s[%d,%d,", b->p[b->len - 1] == '[' ? "" : ",", r.x, r.y);
        st = put_png(b, img, r);
        if (st)
            return st;
        puts_(b, "]");
    }
    puts_(b, "]");
    s->nframes++;
    return b->failed ? OV_ERR_NOMEM : OV_OK;
}

static void
html_abort(void *sink)
{
    free_sink(sink);
}

static ov_status
html_end(void *sink)
{
    html_sink *s = sink;
    buf page = { 0 };
    ov_status st;

    puts_(&page, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                 "<meta charset=\"utf-8\">\n");
    if (s->command_line) {
        puts_(&page, META_COMMAND);
        put_attr(&page, s->command_line);
        puts_(&page, "\">\n");
    }
    putf(&page, "<meta name=\"generator\" content=\"optviz %s\">\n",
         ov_version_string());
    puts_(&page, "<meta name=\"viewport\" content=\"width=device-width, "
                 "initial-scale=1\">\n<title>");
    put_attr(&page, s->title[0] ? s->title : "optviz");
    puts_(&page, "</title>\n<style>\n");
    puts_(&page, ov__web_player_css);
    puts_(&page, "</style>\n</head>\n<body>\n"
                 "<div class=\"optviz\" id=\"optviz\"></div>\n<script>\n"
                 "window.OPTVIZ_DATA = {");
    putf(&page, "width:%d,height:%d,\nsteps:[", s->width, s->height);
    put(&page, s->steps.p, s->steps.len);
    puts_(&page, "],\ndelays:[");
    put(&page, s->delays.p, s->delays.len);
    puts_(&page, "],\n");
    put(&page, s->scene.p, s->scene.len);
    if (!s->scene.len)
        puts_(&page, "title:\"\",mapKind:0,series:[],live:null");
    puts_(&page, ",\nframes:[");
    put(&page, s->frames.p, s->frames.len);
    puts_(&page, "]};\n</script>\n<script>\n");
    puts_(&page, ov__web_player_js);
    puts_(&page, "</script>\n</body>\n</html>\n");
    st = page.failed || s->scene.failed || s->frames.failed ? OV_ERR_NOMEM
         : (ov_status)s->fn(s->closure, (const unsigned char *)page.p,
                            page.len);
    ov__free(page.p);
    free_sink(s);
    return st;
}

/* Reads back <meta name="optviz-command" content="...">, undoing
 * put_attr(). */
ov_status
ov__html_read_command(FILE *f, char **out)
{
    static const char key[] = META_COMMAND;
    const size_t kl = sizeof key - 1;
    buf text = { 0 };
    size_t matched = 0;
    int c;

    /* The meta element comes before anything else the page holds. */
    for (long seen = 0; matched < kl; seen++) {
        c = getc(f);
        if (c == EOF || seen > 4096)
            return OV_ERR_NOT_FOUND;
        matched = c == key[matched] ? matched + 1 : c == key[0] ? 1 : 0;
    }
    while ((c = getc(f)) != EOF && c != '"') {
        char ch = (char)c;

        if (c == '&') {
            static const struct { const char *name; char ch; } ents[] = {
                { "amp;", '&' }, { "quot;", '"' }, { "lt;", '<' },
                { "gt;", '>' } };
            char name[8];
            size_t n = 0;

            while (n < sizeof name - 1 && (c = getc(f)) != EOF) {
                name[n++] = (char)c;
                if (c == ';')
                    break;
            }
            name[n] = '\0';
            ch = 0;
            for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++)
                if (strcmp(name, ents[k].name) == 0)
                    ch = ents[k].ch;
            if (!ch)
                break;
        }
        put(&text, &ch, 1);
        if (text.len > (size_t)OV__MAX_RECORDED)
            break;
    }
    if (c != '"' || text.failed) {
        ov__free(text.p);
        return text.failed ? OV_ERR_NOMEM : OV_ERR_NOT_FOUND;
    }
    if (!text.p) {
        text.p = ov__malloc(1);
        if (!text.p)
            return OV_ERR_NOMEM;
        text.p[0] = '\0';
    }
    *out = text.p;
    return OV_OK;
}

const ov__sink_class ov__html_sink = {
    "html", 1, html_create, NULL, html_begin, html_frame, html_end,
    html_abort, html_scene
};
