/*
 * test_render.c: the contour figure, checked on decoded pixels: size and
 * tEXt, band colours inside bands, the minimum marker, trail points, the
 * axes frame; incremental frames against the still and their dirty
 * rectangles; SVG well-formed with its text; PDF; errors.  Also the chart
 * views' colours: the history view's lines of one colour told apart by
 * their dashes, the curve view's function in a colour no run has.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "render/figure.h"
#include "render/title.h"
#include "render/ticks.h"
#include "render/colormap.h"
#include "render/view.h"

/* A hand-made trajectory: @p n points on a line from a to b. */
static ov_trajectory *
fake_traj(const char *label, ov_algo algo, double lr, size_t n, double ax,
          double ay, double bx, double by, const ov_loss *loss)
{
    ov_trajectory *t = calloc(1, sizeof *t);
    snprintf(t->label, sizeof t->label, "%s", label);
    ov_optim_config_init(&t->config, algo);
    t->config.lr = lr;
    t->dim = 2;
    t->steps_per_epoch = 1;
    t->n_rows = n;
    t->rows = calloc(n, sizeof *t->rows);
    t->diverged_at = -1;
    for (size_t k = 0; k < n; k++) {
        double f = n > 1 ? (double)k / (n - 1) : 0.0;
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
free_traj(ov_trajectory *t)
{
    if (t) {
        free(t->rows);
        free(t);
    }
}

/* Minimal XML well-formedness: balanced tags, quoted attributes. */
static int
xml_well_formed(const char *s)
{
    char stack[64][32];
    int depth = 0, seen_root = 0;
    while (*s) {
        if (*s != '<') {
            s++;
            continue;
        }
        if (strncmp(s, "<?", 2) == 0) {
            s = strstr(s, "?>");
            if (!s) return 0;
            s += 2;
            continue;
        }
        if (strncmp(s, "<!--", 4) == 0) {
            s = strstr(s, "-->");
            if (!s) return 0;
            s += 3;
            continue;
        }
        int closing = s[1] == '/';
        const char *p = s + 1 + closing;
        char name[32];
        size_t n = 0;
        while (*p && !strchr(" \t\r\n/>", *p) && n + 1 < sizeof name)
            name[n++] = *p++;
        name[n] = '\0';
        if (n == 0)
            return 0;
        int self = 0;
        while (*p && *p != '>') {
            if (*p == '"' || *p == '\'') {
                char q = *p++;
                while (*p && *p != q) {
                    if (*p == '<') return 0;
                    p++;
                }
                if (!*p) return 0;
            } else if (*p == '/' && p[1] == '>') {
                self = 1;
            }
            p++;
        }
        if (!*p)
            return 0;
        if (closing) {
            if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
                return 0;
            depth--;
        } else if (!self) {
            if (depth == 64) return 0;
            if (depth == 0) {
                if (seen_root) return 0;
                seen_root = 1;
            }
            strcpy(stack[depth++], name);
        }
        s = p + 1;
    }
    return depth == 0 && seen_root;
}

static void
test_png_figure(const ov_loss *loss)
{
    /* quadratic: minimum (0, 0); a trail from (-3, 2.5) to (-1, 0.5) */
    ov_trajectory *t = fake_traj("mine", OV_ALGO_ADAM, 0.05, 21, -3.0, 2.5,
                                 -1.0, 0.5, loss);
    const ov_trajectory *tr[1] = { t };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.width = 640;
    spec.height = 480;
    spec.has_xlim = spec.has_ylim = 1;
    spec.xlim[0] = -4.0; spec.xlim[1] = 4.0;
    spec.ylim[0] = -3.0; spec.ylim[1] = 3.0;
    spec.has_color[0] = 1;
    spec.color[0] = 0xFF00FF;
    spec.command_line = "optviz --loss quadratic -o q.png";
    tu_buf b = { 0 };
    ov_error err;
    CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_PNG, loss, tr, 1, &spec, NULL,
                           NULL, &err), OV_OK);
    int w = 0, h = 0;
    char soft[128], cmd[256];
    uint32_t *px = tu_decode_png(b.p, b.len, &w, &h, soft, cmd, sizeof cmd);
    CHECK(px != NULL);
    CHECK_EQ_INT(w, 640);
    CHECK_EQ_INT(h, 480);
    char want[64];
    snprintf(want, sizeof want, "optviz %s", ov_version_string());
    CHECK_EQ_STR(soft, want);
    CHECK_EQ_STR(cmd, "optviz --loss quadratic -o q.png");

    /* The same scene through the internal API, for its geometry; its still
     * must be the decoded PNG, pixel for pixel. */
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, 1, &spec, &err), OV_OK);
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd = 0;
    CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                 OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    const ov_image *img = ov__figure_image(sc);
    int same = px != NULL;
    for (int y = 0; same && y < h; y++)
        for (int x = 0; x < w; x++)
            if (tu_pixel(img, x, y) != px[(size_t)y * w + x]) {
                same = 0;
                break;
            }
    CHECK(same);

    int ax, ay, aw, ah;
    ov__figure_plot_area(sc, &ax, &ay, &aw, &ah);
    CHECK(aw > 300 && ah > 250);
    /* Axes frame just outside the plot area, plot pixels inside. */
    int my = ay + ah / 2, mx = ax + aw / 2;
    CHECK_EQ_INT(tu_pixel(img, ax - 1, my), 0x000000);
    CHECK_EQ_INT(tu_pixel(img, ax + aw, my), 0x000000);
    CHECK_EQ_INT(tu_pixel(img, mx, ay - 1), 0x000000);
    CHECK_EQ_INT(tu_pixel(img, mx, ay + ah), 0x000000);
    CHECK(tu_pixel(img, ax, my + 7) != 0x000000);
    int white = 0;   /* figure background left of the frame, between ticks */
    for (int y = ay + 10; y < ay + 30; y++)
        white += tu_pixel(img, ax - 2, y) == 0xFFFFFF;
    CHECK(white >= 12);
    /* Plot corners are band colours of the loss there. */
    double cx, cy;
    ov__figure_to_pixel(sc, -4.0, -3.0, &cx, &cy);
    CHECK_NEAR(cx, ax, 1e-9);
    CHECK_NEAR(cy, ay + ah, 1e-9);

    /* Band colours: at points where the loss is mid-band, on a ring around
     * the minimum, away from the trail (right half). */
    const double *bound;
    size_t nb = ov__figure_bands(sc, &bound);
    CHECK(nb >= 10 && nb <= 40);
    int tried = 0, hit = 0;
    for (size_t i = 2; i + 2 < nb; i += 3) {
        double fmid = 0.5 * (bound[i] + bound[i + 1]);
        double r = sqrt(fmid);
        for (int a = -3; a <= 3; a++) {
            double th = a * 0.25;
            double x = r * cos(th), y = r * sin(th);
            if (x > 3.9 || fabs(y) > 2.9)
                continue;
            double fx, fy;
            ov__figure_to_pixel(sc, x, y, &fx, &fy);
            tried++;
            uint32_t want_c = ov__figure_band_color(sc, x * x + y * y);
            CHECK_EQ_INT(want_c, ov__figure_band_color(sc, fmid));
            hit += tu_pixel(img, (int)fx, (int)fy) == want_c;
        }
    }
    /* Contour labels may cover a few of the probes, nothing else can. */
    CHECK_MSG(tried >= 8 && hit >= tried - 2, "%d of %d band probes", hit,
              tried);

    /* The minimum marker (a white star) sits on the minimum's pixel. */
    double minx, miny;
    ov__figure_to_pixel(sc, 0.0, 0.0, &minx, &miny);
    CHECK_EQ_INT(tu_pixel(img, (int)minx, (int)miny), 0xFFFFFF);
    /* ... and its black outline a few pixels above the centre. */
    int dark = 0;
    for (int dy = 5; dy <= 10; dy++)
    {
        uint32_t c = tu_pixel(img, (int)minx, (int)miny - dy);
        dark |= ((c >> 16) & 0xFF) + ((c >> 8) & 0xFF) + (c & 0xFF) < 240;
    }
    CHECK(dark);

    /* Trail: series colour at a middle trajectory point, the current
     * marker at the last one. */
    for (int k = 5; k <= 15; k += 5) {
        double x, y;
        ov__figure_to_pixel(sc, t->rows[k].theta[0], t->rows[k].theta[1], &x,
                           &y);
        CHECK_EQ_INT(tu_pixel(img, (int)x, (int)y), 0xFF00FF);
    }
    double lx, ly;
    ov__figure_to_pixel(sc, -1.0, 0.5, &lx, &ly);
    CHECK_EQ_INT(tu_pixel(img, (int)lx, (int)ly), 0xFF00FF);
    CHECK_EQ_INT(ov__figure_series_color(sc, 0), 0xFF00FF);

    /* The colour list pins bands, series and text colours. */
    uint32_t cols[512];
    size_t nc = ov__figure_colors(sc, cols, 512);
    int has_series = 0, has_band = 0, has_white = 0;
    for (size_t k = 0; k < nc && k < 512; k++) {
        has_series |= cols[k] == 0xFF00FF;
        has_band |= cols[k]
                    == ov__figure_band_color(sc, 0.5 * (bound[3] + bound[4]));
        has_white |= cols[k] == 0xFFFFFF;
    }
    CHECK(has_series && has_band && has_white);
    CHECK(nc >= nb + 3);

    /* Same flags, same bytes. */
    tu_buf b2 = { 0 };
    CHECK_EQ_INT(ov_render(tu_sink, &b2, OV_FORMAT_PNG, loss, tr, 1, &spec,
                           NULL, NULL, &err), OV_OK);
    CHECK(b.len == b2.len && memcmp(b.p, b2.p, b.len) == 0);

    ov__figure_destroy(sc);
    free(px);
    free(b.p);
    free(b2.p);
    free_traj(t);
}

/* Frames drawn one by one end on the still; dirty rectangles cover every
 * changed pixel. */
static void
test_frames(const ov_loss *loss, ov_arrows arrows, long trail)
{
    ov_trajectory *t1 = fake_traj("a", OV_ALGO_GD, 0.1, 40, -3.5, 2.5, 0.0, 0.0,
                                  loss);
    ov_trajectory *t2 = fake_traj("b", OV_ALGO_ADAM, 0.1, 25, 3.0, -2.0, 0.5,
                                  0.2, loss);
    const ov_trajectory *tr[2] = { t1, t2 };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.width = 400;
    spec.height = 300;
    spec.arrows = arrows;
    spec.trail = trail;
    ov_error err;
    ov__figure *anim = NULL, *still = NULL;
    CHECK_EQ_INT(ov__figure_create(&anim, loss, tr, 2, &spec, &err), OV_OK);
    CHECK_EQ_INT(ov__figure_create(&still, loss, tr, 2, &spec, &err), OV_OK);
    if (!anim || !still)
        return;
    CHECK_EQ_INT(ov__figure_last_step(anim), 39);
    const ov_image *img = ov__figure_image(anim);
    size_t words = img->stride / 4 * (size_t)img->height;
    uint32_t *prev = malloc(words * 4);
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    CHECK_EQ_INT(ov__figure_frame(anim, 0, d, OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    CHECK_EQ_INT(nd, 1);
    CHECK(d[0].x == 0 && d[0].y == 0 && d[0].w == 400 && d[0].h == 300);
    int outside = 0, frames = 0;
    long steps[] = { 1, 2, 5, 5, 9, 17, 24, 25, 30, 39 };
    for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
        memcpy(prev, img->px, words * 4);
        CHECK_EQ_INT(ov__figure_frame(anim, steps[s], d, 4, &nd), OV_OK);
        CHECK(nd <= 4);
        frames++;
        for (int y = 0; y < img->height; y++)
            for (int x = 0; x < img->width; x++) {
                size_t k = (size_t)y * (img->stride / 4) + x;
                if ((prev[k] & 0xFFFFFF) == (img->px[k] & 0xFFFFFF))
                    continue;
                int in = 0;
                for (size_t q = 0; q < nd; q++)
                    in |= x >= d[q].x && x < d[q].x + d[q].w &&
                          y >= d[q].y && y < d[q].y + d[q].h;
                outside += !in;
            }
        if (steps[s] == 5 && s > 0 && steps[s - 1] == 5)
            CHECK_EQ_INT(nd, 0);   /* nothing moved */
        /* Each frame is what a fresh scene draws at that step. */
        ov__figure *fresh = NULL;
        CHECK_EQ_INT(ov__figure_create(&fresh, loss, tr, 2, &spec, &err), OV_OK);
        if (fresh) {
            ov_rect fd[OV__FIGURE_MAX_DIRTY];
            size_t nfd;
            CHECK_EQ_INT(ov__figure_frame(fresh, steps[s], fd,
                                         OV__FIGURE_MAX_DIRTY, &nfd), OV_OK);
            const ov_image *fi = ov__figure_image(fresh);
            long dpx = 0;
            for (int y = 0; y < fi->height; y++)
                for (int x = 0; x < fi->width; x++)
                    dpx += tu_pixel(fi, x, y) != tu_pixel(img, x, y);
            CHECK_MSG(dpx == 0, "arrows %d trail %ld step %ld: %ld pixels "
                      "differ from a fresh render", (int)arrows, trail,
                      steps[s], dpx);
            ov__figure_destroy(fresh);
        }
    }
    CHECK_EQ_INT(outside, 0);
    CHECK_EQ_INT(ov__figure_frame(still, 39, d, OV__FIGURE_MAX_DIRTY, &nd),
                 OV_OK);
    const ov_image *si = ov__figure_image(still);
    long differ = 0;
    for (int y = 0; y < si->height; y++)
        for (int x = 0; x < si->width; x++)
            differ += tu_pixel(si, x, y) != tu_pixel(img, x, y);
    CHECK_MSG(differ == 0, "%ld pixels differ from the still", differ);
    free(prev);
    ov__figure_destroy(anim);
    ov__figure_destroy(still);
    free_traj(t1);
    free_traj(t2);
}

/*
 * --trail on real runs drawn one step at a time (ols, the default four
 * optimizers, 400x300, 60 steps, --trail 5): every frame equals a fresh
 * render of its step.  Removing rows used to leave fragments of old
 * segments (103-113 pixels off at the end).
 */
static void
test_trail_steps(void)
{
    ov_loss *loss = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_loss_create(&loss, "ols", NULL, OV_REDUCTION_MEAN, &err),
                 OV_OK);
    if (!loss)
        return;
    static const ov_algo algos[] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                     OV_ALGO_RMSPROP, OV_ALGO_ADAM };
    ov_trajectory *t[4] = { NULL, NULL, NULL, NULL };
    for (size_t i = 0; i < 4; i++) {
        ov_optim_config cfg;
        ov_optim_config_init(&cfg, algos[i]);
        cfg.lr = ov_loss_recommended_lr(loss, algos[i]);
        ov_run_config rc = OV_RUN_CONFIG_INIT;
        rc.steps = 60;
        CHECK_EQ_INT(ov_run(&t[i], loss, &cfg, &rc, &err), OV_OK);
    }
    if (t[0] && t[1] && t[2] && t[3]) {
        const ov_trajectory *tr[4] = { t[0], t[1], t[2], t[3] };
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.width = 400;
        spec.height = 300;
        spec.trail = 5;
        ov__figure *anim = NULL;
        CHECK_EQ_INT(ov__figure_create(&anim, loss, tr, 4, &spec, &err), OV_OK);
        long worst = 0, bad = 0;
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        for (long s = 0; anim && s <= 60; s++) {
            CHECK_EQ_INT(ov__figure_frame(anim, s, d, OV__FIGURE_MAX_DIRTY, &nd),
                         OV_OK);
            ov__figure *fresh = NULL;
            CHECK_EQ_INT(ov__figure_create(&fresh, loss, tr, 4, &spec, &err),
                         OV_OK);
            if (!fresh)
                break;
            CHECK_EQ_INT(ov__figure_frame(fresh, s, d, OV__FIGURE_MAX_DIRTY,
                                         &nd), OV_OK);
            const ov_image *a = ov__figure_image(anim),
                           *b = ov__figure_image(fresh);
            long n = 0;
            for (int y = 0; y < a->height; y++)
                for (int x = 0; x < a->width; x++)
                    n += tu_pixel(a, x, y) != tu_pixel(b, x, y);
            worst = n > worst ? n : worst;
            bad += n > 0;
            ov__figure_destroy(fresh);
        }
        CHECK_MSG(worst == 0, "--trail 5 on ols: %ld frames off, up to %ld "
                  "pixels", bad, worst);
        ov__figure_destroy(anim);
    }
    for (size_t i = 0; i < 4; i++)
        ov_trajectory_destroy(t[i]);
    ov_loss_destroy(loss);
}

static void
test_vector(const ov_loss *loss)
{
    ov_trajectory *t = fake_traj("gd <&>", OV_ALGO_GD, 0.1, 10, -3.0, 2.0, 0.0,
                                 0.0, loss);
    const ov_trajectory *tr[1] = { t };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.title = "Quadratic & friends";
    ov_error err;
    tu_buf b = { 0 };
    CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_SVG, loss, tr, 1, &spec, NULL,
                           NULL, &err), OV_OK);
    CHECK(b.p && strstr((char *)b.p, "<svg") != NULL);
    CHECK(b.p && xml_well_formed((char *)b.p));
    CHECK(b.p && strstr((char *)b.p, ">Quadratic &amp; friends</text>")
                 != NULL);
    CHECK(b.p && strstr((char *)b.p, ">gd &lt;&amp;&gt;</text>")
                 != NULL);
    CHECK(b.p && strstr((char *)b.p, "font-family=\"DejaVu Sans\"") != NULL);
    CHECK(b.len > 7 && strcmp((char *)b.p + b.len - 7, "</svg>\n") == 0);
    tu_buf b2 = { 0 };
    CHECK_EQ_INT(ov_render(tu_sink, &b2, OV_FORMAT_SVG, loss, tr, 1, &spec,
                           NULL, NULL, &err), OV_OK);
    CHECK(b.len == b2.len && memcmp(b.p, b2.p, b.len) == 0);

    tu_buf p = { 0 }, p2 = { 0 };
    CHECK_EQ_INT(ov_render(tu_sink, &p, OV_FORMAT_PDF, loss, tr, 1, &spec, NULL,
                           NULL, &err), OV_OK);
    CHECK(p.len > 1000 && memcmp(p.p, "%PDF-", 5) == 0);
    CHECK(p.len > 6 && tu_contains(p.p + p.len - 7, 7, "%%EOF"));
    CHECK_EQ_INT(ov_render(tu_sink, &p2, OV_FORMAT_PDF, loss, tr, 1, &spec,
                           NULL, NULL, &err), OV_OK);
    CHECK(p.len == p2.len && memcmp(p.p, p2.p, p.len) == 0);
    /* Text stays text: the font is embedded, not drawn as paths. */
    CHECK(tu_contains(p.p, p.len, "/FontFile"));
    free(b.p);
    free(b2.p);
    free(p.p);
    free(p2.p);
    free_traj(t);
}

/* The default ols figure as SVG: contours simplified to sub-pixel
 * tolerance and one path per trail keep it small (was 484 KB, over 1,500
 * paths); every series and band is still there. */
static void
test_svg_size(void)
{
    ov_loss *loss = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_loss_create(&loss, "ols", NULL, OV_REDUCTION_MEAN, &err),
                 OV_OK);
    if (!loss)
        return;
    static const ov_algo algos[] = { OV_ALGO_GD, OV_ALGO_MOMENTUM,
                                     OV_ALGO_RMSPROP, OV_ALGO_ADAM };
    ov_trajectory *t[4] = { NULL, NULL, NULL, NULL };
    for (size_t i = 0; i < 4; i++) {
        ov_optim_config cfg;
        ov_optim_config_init(&cfg, algos[i]);
        cfg.lr = ov_loss_recommended_lr(loss, algos[i]);
        ov_run_config rc = OV_RUN_CONFIG_INIT;
        rc.steps = 100;
        CHECK_EQ_INT(ov_run(&t[i], loss, &cfg, &rc, &err), OV_OK);
    }
    if (t[0] && t[1] && t[2] && t[3]) {
        const ov_trajectory *tr[4] = { t[0], t[1], t[2], t[3] };
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        tu_buf b = { 0 };
        CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_SVG, loss, tr, 4, &spec,
                               NULL, NULL, &err), OV_OK);
        size_t paths = 0;
        for (const char *q = b.p ? (char *)b.p : "";
             (q = strstr(q, "<path")); q++)
            paths++;
        CHECK_MSG(b.len < 150000, "%zu bytes", b.len);
        CHECK_MSG(paths > 30 && paths < 300, "%zu paths", paths);
        CHECK(b.p && xml_well_formed((char *)b.p));
        /* The four series' colours are stroked. */
        static const ov_algo al[2] = { OV_ALGO_GD, OV_ALGO_ADAM };
        for (size_t k = 0; k < 2; k++) {
            /* cairo's form: each channel in percent, 6 decimals at most,
             * trailing zeros dropped */
            char rgb[96] = "stroke:rgb(", ch[32];
            uint32_t c = ov_algo_color(al[k]);
            for (int q = 0; q < 3; q++) {
                snprintf(ch, sizeof ch, "%.6f",
                         ((c >> (16 - 8 * q)) & 255) / 2.55);
                char *e = ch + strlen(ch) - 1;
                while (*e == '0')
                    *e-- = '\0';
                if (*e == '.')
                    *e = '\0';
                strcat(rgb, ch);
                strcat(rgb, q < 2 ? "%," : "%)");
            }
            CHECK_MSG(b.p && strstr((char *)b.p, rgb) != NULL, "no %s", rgb);
        }
        free(b.p);
    }
    for (size_t i = 0; i < 4; i++)
        ov_trajectory_destroy(t[i]);
    ov_loss_destroy(loss);
}

static void
test_errors(const ov_loss *loss)
{
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    ov_error err;
    tu_buf b = { 0 };
    spec.colormap = "nosuchmap";
    CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_PNG, loss, NULL, 0, &spec,
                           NULL, NULL, &err), OV_ERR_NOT_FOUND);
    CHECK_EQ_STR(err.what, "nosuchmap");
    spec.colormap = "magma";
    spec.width = 10000;
    spec.height = 10000;
    CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_PNG, loss, NULL, 0, &spec,
                           NULL, NULL, &err), OV_ERR_TOO_LARGE);
    spec.width = 800;
    spec.height = 600;
    spec.levels = 1;
    CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_PNG, loss, NULL, 0, &spec,
                           NULL, NULL, &err), OV_ERR_INVALID_ARG);
    spec.levels = 25;
    spec.has_xlim = 1;
    spec.xlim[0] = 2.0;
    spec.xlim[1] = 1.0;
    CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_PNG, loss, NULL, 0, &spec,
                           NULL, NULL, &err), OV_ERR_INVALID_ARG);
    spec.has_xlim = 0;
    ov_loss *one = NULL;
    CHECK_EQ_INT(ov_loss_create(&one, "parabola", NULL, OV_REDUCTION_MEAN,
                                &err), OV_OK);
    /* A 1-D loss has a curve view but no contour view. */
    spec.view = OV_VIEW_CONTOUR;
    CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_PNG, one, NULL, 0, &spec,
                           NULL, NULL, &err), OV_ERR_UNSUPPORTED);
    spec.view = OV_VIEW_AUTO;
    ov_loss_destroy(one);
    /* No trajectory at all is still a figure. */
    CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_PNG, loss, NULL, 0, &spec,
                           NULL, NULL, &err), OV_OK);
    CHECK(b.len > 1000);
    free(b.p);
}

/* Every colormap and theme renders, and every loss of the catalogue. */
static void
test_catalogue(void)
{
    ov_error err;
    for (size_t i = 0; i < ov_loss_catalogue_count(); i++) {
        ov_loss *l = NULL;
        if (ov_loss_create(&l, ov_loss_catalogue_name(i), NULL,
                           OV_REDUCTION_MEAN, &err) != OV_OK)
            continue;
        if (ov_loss_dim(l) == 2) {
            ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
            spec.width = 320;
            spec.height = 240;
            spec.colormap = ov_colormap_name(i % ov_colormap_count());
            spec.zscale = (ov_zscale)(i % 3);
            spec.theme = (ov_theme)(i % 2);
            tu_buf b = { 0 };
            ov_status st = ov_render(tu_sink, &b, OV_FORMAT_PNG, l, NULL, 0,
                                     &spec, NULL, NULL, &err);
            CHECK_MSG(st == OV_OK, "%s: %s", ov_loss_catalogue_name(i),
                      ov_status_str(st));
            free(b.p);
        }
        ov_loss_destroy(l);
    }
    CHECK(ov_colormap_count() >= 7);
    const char *need[] = { "viridis", "magma", "plasma", "inferno", "cividis",
                           "coolwarm", "bwr" };
    for (size_t k = 0; k < 7; k++) {
        int found = 0;
        for (size_t i = 0; i < ov_colormap_count(); i++)
            found |= strcmp(ov_colormap_name(i), need[k]) == 0;
        CHECK_MSG(found, "%s", need[k]);
    }
}

/*
 * Gradient arrows readable on every colormap and both themes: gd's light
 * colour has a dark casing, so the edges of an arrow head are dark, and
 * the head is drawn above the next trail segment (for gd the arrow lies
 * along it) and reaches the arrow's end (no cut at the point marker).  Probed on the first arrow of gd on the quadratic (a
 * straight path: no later segment crosses the head).
 */
/* The contour view's gradient arrows (contour_private.h): heads of
 * OV__CONTOUR_ARROW_HEAD px at scale 1, at most OV__CONTOUR_ARROW_MAX of
 * the plot's shorter side long (the stated rule, checked here as
 * written). */
#define ARROW_HEAD 8.0
static void
cap_arrow(double xa, double ya, double *xb, double *yb, int w, int h)
{
    double cap = 0.08 * (w < h ? w : h), l = hypot(*xb - xa, *yb - ya);
    if (l > cap) {
        *xb = xa + (*xb - xa) * cap / l;
        *yb = ya + (*yb - ya) * cap / l;
    }
}

static void
test_arrow_casing(void)
{
    ov_loss *loss = tu_loss("quadratic");
    if (!loss)
        return;
    ov_optim_config cfg;
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 0.1;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = 30;
    ov_trajectory *t = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_run(&t, loss, &cfg, &rc, &err), OV_OK);
    static const char *const cmaps[] = { "viridis", "gray", "magma" };
    for (int theme = 0; t && theme < 2; theme++)
        for (size_t c = 0; c < 3; c++) {
            ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
            spec.arrows = OV_ARROWS_GRADIENT;
            spec.colormap = cmaps[c];
            spec.theme = theme ? OV_THEME_DARK : OV_THEME_LIGHT;
            const ov_trajectory *tr[1] = { t };
            ov__figure *sc = NULL;
            CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, 1, &spec, &err),
                         OV_OK);
            if (!sc)
                continue;
            ov_rect d[OV__FIGURE_MAX_DIRTY];
            size_t nd;
            CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                         OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
            const ov_image *img = ov__figure_image(sc);
            const ov_traj_row *r = &t->rows[0];
            double xa, ya, xb, yb;
            ov__figure_to_pixel(sc, r->theta[0], r->theta[1], &xa, &ya);
            ov__figure_to_pixel(sc, r->theta[0] - cfg.lr * r->grad[0],
                               r->theta[1] - cfg.lr * r->grad[1], &xb, &yb);
            int px0, py0, pw, ph;
            ov__figure_plot_area(sc, &px0, &py0, &pw, &ph);
            cap_arrow(xa, ya, &xb, &yb, pw, ph);
            double len = hypot(xb - xa, yb - ya), ux = (xb - xa) / len;
            double uy = (yb - ya) / len, hs = ARROW_HEAD, cut = 0.0;
            double tx = xb - ux * cut, ty = yb - uy * cut;
            /* The head's two long edges: dark (the casing). */
            for (int side = -1; side <= 1; side += 2) {
                double cx = tx - ux * hs - side * uy * 0.5 * hs;
                double cy = ty - uy * hs + side * ux * 0.5 * hs;
                /* 0.65 of the way from the tip (on gd's next point
                 * marker) to the corner: clear of the marker. */
                double mx = tx + 0.65 * (cx - tx), my = ty + 0.65 * (cy - ty);
                int best = 1 << 30;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        int dist = tu_cdist(tu_pixel(img, (int)lround(mx) + dx,
                                                     (int)lround(my) + dy),
                                            0x000000);
                        best = dist < best ? dist : best;
                    }
                CHECK_MSG(best < 60, "%s %s: arrow head edge not dark (%d)",
                          cmaps[c], theme ? "dark" : "light", best);
            }
            /* Inside the head: the series colour, above the trail. */
            uint32_t col = ov__figure_series_color(sc, 0);
            double ix = tx - ux * 0.6 * hs, iy = ty - uy * 0.6 * hs;
            CHECK_MSG(tu_cdist(tu_pixel(img, (int)lround(ix), (int)lround(iy)),
                               col) < 40,
                      "%s: arrow head not in the series colour", cmaps[c]);
            ov__figure_destroy(sc);
        }
    ov_trajectory_destroy(t);
    ov_loss_destroy(loss);
}

/*
 * Gradient arrow heads of gd on ols (each arrow lies along the next
 * segment) and of momentum (arrows off the trail), drawn above both
 * series: beside the trail, 0.7 of a head back from the tip (the arrow's
 * end; rows the 14 px rule leaves without an arrow skipped), both sides of the head show the series'
 * colour, wider than the cased trail.  @return rows checked, *@p hit of
 * them with both sides found.
 */
static size_t
head_sides(ov__figure *sc, const ov_image *img, const ov_trajectory *t,
           size_t i, size_t *hit)
{
    double hs = ARROW_HEAD, cut = 0.0, lx = INFINITY, ly = INFINITY;
    uint32_t col = ov__figure_series_color(sc, i);
    int x0, y0, w, h;
    ov__figure_plot_area(sc, &x0, &y0, &w, &h);
    size_t n = 0;
    *hit = 0;
    for (size_t k = 0; k + 1 < t->n_rows; k++) {
        const ov_traj_row *r = &t->rows[k];
        double xa, ya, xb, yb;
        ov__figure_to_pixel(sc, r->theta[0], r->theta[1], &xa, &ya);
        ov__figure_to_pixel(sc, r->theta[0] - t->config.lr * r->grad[0],
                           r->theta[1] - t->config.lr * r->grad[1], &xb,
                           &yb);
        cap_arrow(xa, ya, &xb, &yb, w, h);
        /* Only rows 14 px from the last row with an arrow have one. */
        if (hypot(xa - lx, ya - ly) < 14.0)
            continue;
        lx = xa;
        ly = ya;
        double len = hypot(xb - xa, yb - ya);
        if (len < 3.0 * hs || xb < x0 + 12 || xb > x0 + w - 12 ||
            yb < y0 + 12 || yb > y0 + h - 12)
            continue;
        double ux = (xb - xa) / len, uy = (yb - ya) / len;
        double cx = xb - ux * (cut + 0.7 * hs);
        double cy = yb - uy * (cut + 0.7 * hs);
        int both = 1;
        for (int side = -1; side <= 1; side += 2) {
            /* 0.26 of a head off the axis, inside the head's fill
             * (0.35 of a head there), beside the cased trail (1.5). */
            double px = cx - side * uy * 0.26 * hs;
            double py = cy + side * ux * 0.26 * hs;
            int best = 1 << 30;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) {
                    int d = tu_cdist(tu_pixel(img, (int)floor(px) + dx,
                                              (int)floor(py) + dy), col);
                    best = d < best ? d : best;
                }
            both &= best < 40;
        }
        n++;
        *hit += (size_t)both;
    }
    return n;
}

static void
test_arrow_heads(void)
{
    ov_loss *loss = tu_loss("ols");
    if (!loss)
        return;
    ov_trajectory *t[2] = { NULL, NULL };
    ov_algo algo[2] = { OV_ALGO_GD, OV_ALGO_MOMENTUM };
    double lr[2] = { 0.1, 0.02 };
    ov_error err;
    for (int i = 0; i < 2; i++) {
        ov_optim_config cfg;
        ov_optim_config_init(&cfg, algo[i]);
        cfg.lr = lr[i];
        ov_run_config rc = OV_RUN_CONFIG_INIT;
        rc.steps = 20;
        /* Momentum starts apart from gd: from one start their first
         * arrows, both at the longest arrow allowed, would coincide and
         * momentum's (drawn later) would hide gd's head. */
        if (i == 1) {
            rc.has_start = 1;
            rc.start[0] = -4.0;
            rc.start[1] = 8.0;
        }
        CHECK_EQ_INT(ov_run(&t[i], loss, &cfg, &rc, &err), OV_OK);
    }
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.arrows = OV_ARROWS_GRADIENT;
    const ov_trajectory *tr[2] = { t[0], t[1] };
    ov__figure *sc = NULL;
    if (t[0] && t[1])
        CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, 2, &spec, &err), OV_OK);
    if (sc) {
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd, hit;
        CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                     OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        const ov_image *img = ov__figure_image(sc);
        size_t n = head_sides(sc, img, t[0], 0, &hit);
        CHECK_MSG(n >= 4, "gd: only %zu long arrows in the plot", n);
        CHECK_MSG(hit == n, "gd: arrow heads seen on %zu of %zu rows", hit,
                  n);
        n = head_sides(sc, img, t[1], 1, &hit);
        CHECK_MSG(n >= 3, "momentum: only %zu long arrows in the plot", n);
        CHECK_MSG(hit * 4 >= n * 3,
                  "momentum: arrow heads seen on %zu of %zu rows", hit, n);
        ov__figure_destroy(sc);
    }
    for (int i = 0; i < 2; i++)
        ov_trajectory_destroy(t[i]);
    ov_loss_destroy(loss);
}

/* A colorbar tick at 0 of a loss on a shifted sqrt scale is printed
 * "0", not the rounding error of the scale's round trip. */
static void
test_colorbar_zero(void)
{
    ov_loss *loss = tu_loss("six_hump_camel");
    if (!loss)
        return;
    ov_optim_config cfg;
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 0.01;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = 20;
    ov_trajectory *t = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_run(&t, loss, &cfg, &rc, &err), OV_OK);
    for (int k = 0; t && k < 2; k++) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.zscale = OV_ZSCALE_SQRT;
        if (k == 0) {
            spec.width = 400;
            spec.height = 300;
        } else {
            spec.view = OV_VIEW_SURFACE;
        }
        const ov_trajectory *tr[1] = { t };
        tu_vector v = tu_vector_check(loss, tr, 1, &spec);
        CHECK(v.ok);
        if (v.svg.s) {
            CHECK_MSG(!strstr(v.svg.s, "e-16<") && !strstr(v.svg.s, "e-17<"),
                      "view %d: a colorbar label near zero", k);
            CHECK_MSG(strstr(v.svg.s,
                             "text-anchor=\"start\" fill=\"#000000\">0<")
                      != NULL, "view %d: no colorbar label 0", k);
        }
        tu_buf_free(&v.svg);
    }
    ov_trajectory_destroy(t);
    ov_loss_destroy(loss);
}

/* ---- history and curve colours ------------------------------------------ */

/* A 2-D run whose loss and parameters stay at the given values (flat
 * lines on the history chart), @p n rows. */
static ov_trajectory *
flat_traj(const char *label, ov_algo algo, size_t n, double f, double a,
          double b)
{
    ov_trajectory *t = calloc(1, sizeof *t);
    snprintf(t->label, sizeof t->label, "%s", label);
    ov_optim_config_init(&t->config, algo);
    t->dim = 2;
    t->steps_per_epoch = 1;
    t->n_rows = n;
    t->rows = calloc(n, sizeof *t->rows);
    t->diverged_at = -1;
    for (size_t k = 0; k < n; k++) {
        t->rows[k].step = (long)k;
        t->rows[k].epoch = (long)k;
        t->rows[k].loss = f;
        t->rows[k].theta[0] = a;
        t->rows[k].theta[1] = b;
    }
    return t;
}

/* The rows of the flat lines of colour @p c, from the top (one per panel
 * of the stack: y, x, loss): the centres of runs of rows where at least a
 * tenth of the columns from step 2 to 30 hold the colour and differ from
 * @p bg, the same figure before any row was drawn (so the frames, which
 * may share a black run's colour, do not count).  Returns how many. */
static int
line_rows(ov__figure *sc, const ov_image *img, const uint32_t *bg,
          uint32_t c, double *ys, int cap)
{
    double xa, xb, y;
    ov__figure_to_pixel(sc, 2.0, 0.0, &xa, &y);
    ov__figure_to_pixel(sc, 30.0, 0.0, &xb, &y);
    int n = 0, start = -1;
    for (int r = 0; r <= img->height; r++) {
        int on = 0, cols = 0;
        for (int x = (int)ceil(xa); r < img->height && x < (int)xb; x++) {
            size_t at = (size_t)r * (img->stride / 4) + (size_t)x;
            cols++;
            on += img->px[at] != bg[at] && tu_cdist(img->px[at], c) < 80;
        }
        int hit = cols && on * 10 >= cols;
        if (hit && start < 0)
            start = r;
        if (!hit && start >= 0) {
            if (n < cap)
                ys[n] = 0.5 * (start + r - 1);
            n++;
            start = -1;
        }
    }
    return n;
}

/* Along the flat line at pixel row @p y from step 2 to 30: the share of
 * columns with a pixel near colour @p c within two pixels of the line (the
 * joints of rows are a little lighter, the more so off the pixel grid), and the number of gaps (runs of
 * columns without one). */
static void
line_pattern(ov__figure *sc, const ov_image *img, double y, uint32_t c,
             double *cover, int *gaps, double *len)
{
    double xa, xb, yy;
    ov__figure_to_pixel(sc, 2.0, 0.0, &xa, &yy);
    ov__figure_to_pixel(sc, 30.0, 0.0, &xb, &yy);
    int on = 0, prev = 1;
    *gaps = 0;
    for (int x = (int)ceil(xa); x < (int)xb; x++) {
        int hit = 0;
        for (int dy = -2; dy <= 2; dy++)
            hit |= tu_cdist(tu_pixel(img, x, (int)floor(y) + dy), c) < 110;
        on += hit;
        *gaps += prev && !hit;
        prev = hit;
    }
    *len = floor(xb) - ceil(xa);
    *cover = on / *len;
}

/* The three lines of one run (loss, x, y) in one colour: a solid, a
 * dashed and a dotted line; with several runs each run's colour. */
static void
check_history_lines(const ov_loss *loss, const ov_trajectory *const *tr,
                    size_t n, const ov_figure_spec *spec,
                    const uint32_t *cols, const char *what)
{
    ov_error err;
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, n, spec, &err), OV_OK);
    if (!sc)
        return;
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    CHECK_EQ_INT(ov__figure_frame(sc, 0, d, OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    const ov_image *img = ov__figure_image(sc);
    size_t bytes = (size_t)img->height * img->stride;
    uint32_t *bg = malloc(bytes);
    CHECK(bg != NULL);
    if (!bg) {
        ov__figure_destroy(sc);
        return;
    }
    memcpy(bg, img->px, bytes);
    CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                 OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    img = ov__figure_image(sc);
    for (size_t i = 0; i < n; i++) {
        double cover[3], len, ys[3];
        /* Each quantity has its own panel: y on top, x, the loss below. */
        int nr = line_rows(sc, img, bg, cols[i], ys, 3);
        CHECK_MSG(nr == 3, "%s %zu: %d lines, not 3", what, i, nr);
        if (nr != 3)
            continue;
        int gaps[3];
        for (int q = 0; q < 3; q++)
            line_pattern(sc, img, ys[q == 0 ? 2 : q == 1 ? 1 : 0], cols[i],
                         &cover[q], &gaps[q], &len);
        /* Solid: every column; dashed 6+3 px: ~11 gaps per 100 px, about
         * 2/3 covered; dotted 1.5+2.5 px: twice as many gaps, less
         * covered. */
        double per = 100.0 / len;
        CHECK_MSG(cover[0] > 0.97 && gaps[0] == 0, "%s %zu: solid %.2f %d",
                  what, i, cover[0], gaps[0]);
        CHECK_MSG(gaps[1] * per > 6.0 && gaps[1] * per < 16.0 &&
                  cover[1] > 0.45 && cover[1] < 0.9,
                  "%s %zu: dashed %.2f %d", what, i, cover[1], gaps[1]);
        CHECK_MSG(gaps[2] > 1.5 * gaps[1] && cover[2] < cover[1] &&
                  cover[2] > 0.1, "%s %zu: dotted %.2f %d (dashed %d)",
                  what, i, cover[2], gaps[2], gaps[1]);
    }
    free(bg);
    ov__figure_destroy(sc);
}

/* Distinct stroke-dasharray values in an SVG. */
static size_t
svg_dash_kinds(const char *svg, char (*seen)[32], size_t cap)
{
    size_t n = 0;
    /* cairo writes style="...;stroke-dasharray:6,3;..." */
    const char *key = "stroke-dasharray:";
    for (const char *p = strstr(svg, key); p; p = strstr(p + 1, key)) {
        const char *a = p + strlen(key);
        size_t e = strcspn(a, ";\"");
        if (e >= 32)
            continue;
        char v[32];
        memcpy(v, a, e);
        v[e] = '\0';
        size_t k = 0;
        while (k < n && strcmp(seen[k], v) != 0)
            k++;
        if (k == n && n < cap)
            snprintf(seen[n++], 32, "%s", v);
    }
    return n;
}

static void
test_history_colors(const ov_loss *loss)
{
    ov_trajectory *a = flat_traj("gd", OV_ALGO_GD, 41, 2.0, 0.0, -2.0);
    ov_trajectory *b = flat_traj("adam", OV_ALGO_ADAM, 41, 1.0, -1.0, -3.0);
    const ov_trajectory *one[1] = { a }, *two[2] = { a, b };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_HISTORY;
    spec.legend = 0;
    /* One run in the user's colour (seed 002 with color=). */
    spec.has_color[0] = 1;
    spec.color[0] = 0x1F77B4;
    uint32_t blue[1] = { 0x1F77B4 };
    check_history_lines(loss, one, 1, &spec, blue, "color=");
    /* Two runs: gd black on the light theme, adam its red. */
    spec.has_color[0] = 0;
    uint32_t pair[2] = { 0x000000, 0xFF2B2B };
    check_history_lines(loss, two, 2, &spec, pair, "two runs");
    /* The legend's samples are dashed alike; the seed's three colours stay
     * solid. */
    ov_error err;
    char kinds[8][32];
    spec.legend = 1;
    spec.has_color[0] = 1;
    tu_buf svg = { 0 };
    CHECK_EQ_INT(ov_render(tu_sink, &svg, OV_FORMAT_SVG, loss, one, 1, &spec,
                           NULL, NULL, &err), OV_OK);
    CHECK_EQ_INT(svg.s ? svg_dash_kinds(svg.s, kinds, 8) : 0, 2);
    CHECK(svg.s && strstr(svg.s, ">x</text>") && strstr(svg.s, ">y</text>"));
    tu_buf_free(&svg);
    spec.has_color[0] = 0;
    tu_buf plain = { 0 };
    CHECK_EQ_INT(ov_render(tu_sink, &plain, OV_FORMAT_SVG, loss, one, 1, &spec,
                           NULL, NULL, &err), OV_OK);
    CHECK_EQ_INT(plain.s ? svg_dash_kinds(plain.s, kinds, 8) : 1, 0);
    tu_buf_free(&plain);
    /* Drawn a row at a time, a dashed line's pattern runs on as in the
     * still (each row starts where the line's length so far puts it). */
    ov_trajectory *w = fake_traj("adam", OV_ALGO_ADAM, 0.1, 60, -2.0, 1.5,
                                 1.0, -1.0, loss);
    const ov_trajectory *wt[1] = { w };
    spec.has_color[0] = 1;
    long lead[] = { 1, 2, 5, 5, 17 };
    tu_frames f = tu_frames_check(loss, wt, 1, &spec, lead, 5);
    TU_CHECK_FRAMES(f, "history frames", 1000);
    free_traj(w);
    free_traj(a);
    free_traj(b);
}

/* The colour of the line through data (x, y): of the pixels within one of
 * it, the one farthest from the background. */
static uint32_t
line_color(ov__figure *sc, const ov_image *img, double x, double y,
           uint32_t bg)
{
    double px, py;
    ov__figure_to_pixel(sc, x, y, &px, &py);
    uint32_t best = bg;
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            uint32_t c = tu_pixel(img, (int)floor(px) + dx,
                                  (int)floor(py) + dy);
            if (c != 0xFFFFFFFFu && tu_cdist(c, bg) > tu_cdist(best, bg))
                best = c;
        }
    return best;
}

/* Sum of the channel differences: momentum's blue and the seed's curve
 * blue are 112 apart (75 in the largest channel) and look alike. */
static int
sumdist(uint32_t a, uint32_t b)
{
    int d = 0;
    for (int sh = 0; sh < 24; sh += 8)
        d += abs((int)((a >> sh) & 0xFF) - (int)((b >> sh) & 0xFF));
    return d;
}

static ov_trajectory *
run1(const ov_loss *loss, ov_algo algo, double lr, long steps, double x0)
{
    ov_optim_config cfg;
    ov_optim_config_init(&cfg, algo);
    cfg.lr = lr;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = steps;
    rc.has_start = 1;
    rc.start[0] = x0;
    ov_trajectory *t = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_run(&t, loss, &cfg, &rc, &err), OV_OK);
    return t;
}

/* The curve view's function in a colour no run has (momentum's blue was
 * the curve's); one run of the seed's red arrows keeps the seed's blue. */
static void
test_curve_colors(void)
{
    ov_loss *p = tu_loss("parabola");
    /* From x = 2 towards 0 without crossing it: the curve left of -1 is
     * bare. */
    ov_trajectory *g = run1(p, OV_ALGO_GD, 0.05, 30, 2.0);
    ov_trajectory *m = run1(p, OV_ALGO_MOMENTUM, 0.01, 30, 2.0);
    if (!g || !m)
        goto out;
    const ov_trajectory *two[2] = { g, m };
    for (int theme = 0; theme < 2; theme++) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.theme = theme ? OV_THEME_DARK : OV_THEME_LIGHT;
        uint32_t bg = theme ? 0x1C1C1C : 0xFFFFFF;
        /* gd is white, drawn black on the light theme; momentum blue. */
        uint32_t runs[2] = { theme ? 0xFFFFFF : 0x000000,
                             ov_algo_color(OV_ALGO_MOMENTUM) };
        for (int n = 1; n <= 2; n++) {
            ov_error err;
            ov__figure *sc = NULL;
            CHECK_EQ_INT(ov__figure_create(&sc, p, two, (size_t)n, &spec,
                                          &err), OV_OK);
            if (!sc)
                continue;
            ov_rect d[OV__FIGURE_MAX_DIRTY];
            size_t nd;
            CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                         OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
            const ov_image *img = ov__figure_image(sc);
            uint32_t cc = line_color(sc, img, -1.5, 2.25, bg);
            CHECK_MSG(tu_cdist(cc, bg) > 60, "theme %d, %d runs: no curve",
                      theme, n);
            if (n == 1) {
                CHECK_MSG(tu_cdist(cc, 0x1F77B4) < 12,
                          "theme %d: one run's curve %06X",
                          theme, (unsigned)cc);
            } else {
                for (int i = 0; i < 2; i++)
                    CHECK_MSG(sumdist(cc, runs[i]) > 150,
                              "theme %d: curve %06X like run %d's %06X",
                              theme, (unsigned)cc, i, (unsigned)runs[i]);
                /* and the runs are drawn in those colours */
                double hx, hy;
                ov__figure_to_pixel(sc, m->rows[1].theta[0], m->rows[1].loss,
                                   &hx, &hy);
                CHECK(tu_near_aa(img, hx, hy, 6, runs[1], 40));
            }
            ov__figure_destroy(sc);
        }
    }
    /* One run in the user's colour near the seed's blue: grey. */
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.has_color[0] = 1;
    spec.color[0] = 0x3D7EFF;
    ov_error err;
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, p, two, 1, &spec, &err), OV_OK);
    if (sc) {
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                     OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        uint32_t cc = line_color(sc, ov__figure_image(sc), -1.5, 2.25,
                                 0xFFFFFF);
        CHECK_MSG(sumdist(cc, 0x3D7EFF) > 150 && tu_cdist(cc, 0xFFFFFF) > 60,
                  "curve %06X under blue arrows", (unsigned)cc);
        ov__figure_destroy(sc);
    }
out:
    ov_trajectory_destroy(g);
    ov_trajectory_destroy(m);
    ov_loss_destroy(p);
}

/* Renders @p t with markers only (or lines), legend off, and returns the
 * figure (its image drawn at the last step). */
static ov__figure *
points_figure(const ov_loss *loss, const ov_trajectory *t, int points)
{
    const ov_trajectory *tr[1] = { t };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    ov_error err;
    spec.width = 640;
    spec.height = 480;
    spec.legend = 0;
    spec.has_xlim = spec.has_ylim = 1;
    spec.xlim[0] = -4.0; spec.xlim[1] = 4.0;
    spec.ylim[0] = -3.0; spec.ylim[1] = 3.0;
    spec.has_color[0] = 1;
    spec.color[0] = 0xFF00FF;
    spec.points_only[0] = points;
    ov__figure *sc = NULL;
    CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, 1, &spec, &err), OV_OK);
    if (sc) {
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd = 0;
        CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                      OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
    }
    return sc;
}

/*
 * Seed 000's point-only paths (style=points): three markers 2 units
 * (160 px) apart on y = 2, and between two of them the contour bands
 * exactly as in a figure whose only point is elsewhere: no joining line
 * and no casing.  The markers themselves are drawn, and with lines the
 * same probe is the series' colour (the test can fail).
 */
static void
test_points_only(const ov_loss *loss)
{
    ov_trajectory *t = fake_traj("pts", OV_ALGO_ADAM, 0.1, 3, -3.0, 2.0,
                                 1.0, 2.0, loss);
    ov_trajectory *one = fake_traj("pts", OV_ALGO_ADAM, 0.1, 1, 1.0, 2.0,
                                   1.0, 2.0, loss);
    ov__figure *pts = points_figure(loss, t, 1);
    ov__figure *lines = points_figure(loss, t, 0);
    ov__figure *ref = points_figure(loss, one, 1);
    if (!pts || !lines || !ref)
        goto out;
    const ov_image *ip = ov__figure_image(pts), *il = ov__figure_image(lines),
                   *ir = ov__figure_image(ref);
    double mx, my;
    ov__figure_to_pixel(pts, -2.0, 2.0, &mx, &my);
    long differ = 0;
    for (int y = (int)my - 6; y <= (int)my + 6; y++)
        for (int x = (int)mx - 30; x <= (int)mx + 30; x++)
            differ += tu_pixel(ip, x, y) != tu_pixel(ir, x, y);
    CHECK_MSG(differ == 0, "%ld pixels between markers differ from the "
              "background", differ);
    CHECK(tu_near(il, mx, my, 1, 0xFF00FF));
    for (int k = 0; k < 3; k++) {
        double px, py;
        ov__figure_to_pixel(pts, -3.0 + 2.0 * k, 2.0, &px, &py);
        CHECK_MSG(tu_near(ip, px, py, 2, 0xFF00FF), "marker %d missing", k);
    }
out:
    ov__figure_destroy(pts);
    ov__figure_destroy(lines);
    ov__figure_destroy(ref);
    free_traj(t);
    free_traj(one);
}

/*
 * A run that ends exactly on the minimum (quadratic's, at the origin)
 * keeps its star visible: the star's white body at the centre, its black
 * edge, and the current marker's colour around it (a wider disc).
 * Before, the marker covered the star's body whole (only its tips showed).
 */
static void
test_star_on_marker(const ov_loss *loss)
{
    ov_trajectory *t = fake_traj("end", OV_ALGO_GD, 0.1, 9, -3.0, 2.0, 0.0,
                                 0.0, loss);
    for (int vec = 0; vec < 2; vec++) {
        const ov_trajectory *tr[1] = { t };
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        ov_error err;
        spec.width = 640;
        spec.height = 480;
        spec.has_xlim = spec.has_ylim = 1;
        spec.xlim[0] = -4.0; spec.xlim[1] = 4.0;
        spec.ylim[0] = -3.0; spec.ylim[1] = 3.0;
        spec.has_color[0] = 1;
        spec.color[0] = 0xFF00FF;
        ov__figure *sc = NULL;
        const ov_image *img = NULL;
        cairo_surface_t *cs = NULL;
        ov_image vi;
        if (!vec) {
            CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, 1, &spec, &err),
                         OV_OK);
            if (!sc)
                continue;
            ov_rect d[OV__FIGURE_MAX_DIRTY];
            size_t nd = 0;
            CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                          OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
            img = ov__figure_image(sc);
        } else {
            /* The vector still, rasterised by cairo at scale 1. */
            CHECK_EQ_INT(ov__figure_create_vector(&sc, loss, tr, 1, &spec,
                                                  &err), OV_OK);
            if (!sc)
                continue;
            cs = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 640, 480);
            cairo_t *cr = cairo_create(cs);
            CHECK_EQ_INT(ov__figure_draw_vector(sc, cr, 0, NULL, NULL), OV_OK);
            cairo_destroy(cr);
            cairo_surface_flush(cs);
            vi.width = 640;
            vi.height = 480;
            vi.stride = (size_t)cairo_image_surface_get_stride(cs);
            vi.px = (uint32_t *)(void *)cairo_image_surface_get_data(cs);
            img = &vi;
        }
        double mx, my;
        ov__figure_to_pixel(sc, 0.0, 0.0, &mx, &my);
        int white = 0, black = 0, colour = 0;
        for (int y = (int)my - 10; y <= (int)my + 10; y++)
            for (int x = (int)mx - 10; x <= (int)mx + 10; x++) {
                double r = hypot(x + 0.5 - mx, y + 0.5 - my);
                uint32_t c = tu_pixel(img, x, y);
                white += r < 2.0 && c == 0xFFFFFF;
                black += r < 5.0 && tu_cdist(c, 0) < 40;
                colour += r < 10.0 && tu_cdist(c, 0xFF00FF) < 40;
            }
        CHECK_MSG(white >= 4 && black >= 4 && colour >= 40,
                  "%s: star on the last marker: %d white, %d black, %d "
                  "marker-coloured pixels", vec ? "vector" : "raster",
                  white, black, colour);
        if (cs)
            cairo_surface_destroy(cs);
        ov__figure_destroy(sc);
    }
    free_traj(t);
}

/* The title template's grammar (ov_title_check, the tool's --title check)
 * and its expansion (title.h): fields, doubled braces, and what is
 * refused. */
static void
test_title_template(void)
{
    static const struct { const char *t; int ok; } cases[] = {
        { "plain", 1 }, { "{step}", 1 }, { "a {epoch} {loss} {lr} b", 1 },
        { "{{step}}", 1 }, { "}}{{", 1 }, { "", 1 },
        { "{}", 0 }, { "{Step}", 0 }, { "{step", 0 }, { "step}", 0 },
        { "{st{ep}", 0 }, { "{step}}", 0 }, { "{foo}", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ov_error err;
        memset(&err, 0, sizeof err);
        ov_status st = ov_title_check(cases[i].t, &err);
        CHECK_MSG((st == OV_OK) == cases[i].ok, "'%s': %d", cases[i].t,
                  (int)st);
        if (!cases[i].ok)
            CHECK_MSG(err.what[0] != '\0', "'%s' says why", cases[i].t);
    }
    ov_error err;
    CHECK_EQ_INT(ov_title_check("x {foo} y", &err), OV_ERR_FORMAT);
    CHECK(strstr(err.what, "'{foo}'") != NULL);
    CHECK_EQ_INT(ov_title_check(NULL, &err), OV_OK);
    ov__title_vals v = { 42, 3, 0.012345, 0.5 };
    char out[128];
    ov__title_expand("s={step} e={epoch} f={loss} lr={lr} {{x}}", &v, out,
                     sizeof out);
    CHECK_EQ_STR(out, "s=42 e=3 f=0.01235 lr=0.5 {x}");
    /* Cut at the buffer, never past it. */
    ov__title_expand("{step}{step}{step}", &v, out, 5);
    CHECK_EQ_STR(out, "4242");
    /* The legend's fixed formats: the same length at every value. */
    ov__fixed_fmt f = ov__fixed_format(0.0123, 95.0);
    char a[32], b[32];
    ov__format_fixed(a, sizeof a, 95.0, f);
    ov__format_fixed(b, sizeof b, 10.5, f);
    CHECK_EQ_STR(a, "95.0000");
    CHECK_EQ_STR(b, "10.5000");
    f = ov__fixed_format(1e-7, 90.0);
    ov__format_fixed(a, sizeof a, 26.57, f);
    ov__format_fixed(b, sizeof b, 1.1e-6, f);
    CHECK_EQ_STR(a, "2.657e+01");
    CHECK_EQ_STR(b, "1.100e-06");
}

/* WCAG 2.1 contrast, computed here (not by the library's ov__contrast). */
static double
wcag_lum(uint32_t c)
{
    double ch[3] = { ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0,
                     (c & 255) / 255.0 };
    for (int k = 0; k < 3; k++)
        ch[k] = ch[k] <= 0.04045 ? ch[k] / 12.92
                                 : pow((ch[k] + 0.055) / 1.055, 2.4);
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

static double
wcag(uint32_t a, uint32_t b)
{
    double x = wcag_lum(a) + 0.05, y = wcag_lum(b) + 0.05;
    return x > y ? x / y : y / x;
}

/* Issue 14: the default colours are chosen for contrast against the
 * colour maps.  Every optimizer's default colour, with the casing the
 * library gives it against a map's colours (65 along each offered map,
 * reversed ones alike), keeps 3:1 (WCAG 2.1 non-text contrast) against
 * every one of them, by the colour itself or by its casing.  Before,
 * momentum (#3D7EFF) and adam (#FF2B2B) kept 2.39 on viridis with their
 * black casing.  And a user's dark colour (seed 000's momentum,
 * color=blue) over the dark bands of ols gets a white casing: the
 * figure has far more white pixels than with a light colour (black
 * casing); before, both had black casings. */
static void
test_default_contrast(void)
{
    double least = INFINITY;
    char where[96] = "";
    for (size_t m = 0; m < ov_colormap_count(); m++) {
        int cm = ov__colormap_find(ov_colormap_name(m));
        CHECK(cm >= 0);
        if (cm < 0)
            continue;
        uint32_t bg[65];
        for (int k = 0; k < 65; k++)
            bg[k] = ov__colormap_color(cm, k / 64.0);
        for (int a = 0; a < OV_ALGO_COUNT; a++) {
            uint32_t c = ov_algo_color((ov_algo)a);
            uint32_t cas = ov__casing_for(c, bg, 65, NULL);
            CHECK(cas == 0x000000 || cas == 0xFFFFFF);
            for (int k = 0; k < 65; k++) {
                double v = fmax(wcag(c, bg[k]), wcag(cas, bg[k]));
                if (v < least) {
                    least = v;
                    snprintf(where, sizeof where, "%s #%06X on %s #%06X",
                             ov_algo_name((ov_algo)a), (unsigned)c,
                             ov_colormap_name(m), (unsigned)bg[k]);
                }
            }
        }
    }
    CHECK_MSG(least >= 3.0, "least contrast %.2f (%s)", least, where);

    ov_loss *ols = tu_loss("ols");
    if (!ols)
        return;
    ov_trajectory *t = fake_traj("m", OV_ALGO_MOMENTUM, 0.1, 40, -7.0, 2.0,
                                 3.0, 2.0, ols);
    const ov_trajectory *tr[1] = { t };
    /* the brightest pixel 1 to 2 px above and below the line, summed
     * along it from x = -6 to 2: a white casing is there */
    double bright[2] = { 0.0, 0.0 };
    static const uint32_t col[2] = { 0x0000FF, 0xFFE14D };
    for (int c = 0; c < 2; c++) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.legend = 0;
        spec.has_color[0] = 1;
        spec.color[0] = col[c];
        ov__figure *sc = NULL;
        ov_error err;
        CHECK_EQ_INT(ov__figure_create(&sc, ols, tr, 1, &spec, &err), OV_OK);
        if (!sc)
            continue;
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                      OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        const ov_image *img = ov__figure_image(sc);
        for (int k = 0; k <= 80; k++) {
            double px, py;
            ov__figure_to_pixel(sc, -6.0 + 0.1 * k, 2.0, &px, &py);
            for (int side = -1; side <= 1; side += 2) {
                double best = 0.0;
                for (int o = 1; o <= 2; o++) {
                    uint32_t p = tu_pixel(img, (int)px,
                                          (int)floor(py) + side * o);
                    best = fmax(best, wcag_lum(p));
                }
                bright[c] += best;
            }
        }
        ov__figure_destroy(sc);
    }
    CHECK_MSG(bright[0] > bright[1] + 10.0,
              "beside a blue trail over dark bands %.1f, a yellow one %.1f "
              "(summed luminance of 162 pixels: a white casing is bright)",
              bright[0], bright[1]);
    free_traj(t);
    ov_loss_destroy(ols);
}

/* A path whose current point has left the plot is marked at the plot's
 * edge (issue 14): the contour view (ols, a run from (0, 2) to (30, 6),
 * beyond xlim 10) and the curve view (parabola, x from 0 to 5, beyond
 * xlim 3, f = 25 above the axes) draw the series' mark (its colour; the
 * curve's current point is green) where the ray from the plot's centre
 * to the point's pixel leaves the plot, computed here; before, the curve
 * view drew nothing there. */
static void
test_edge_marks(void)
{
    static const char *names[2] = { "ols", "parabola" };
    for (int c = 0; c < 2; c++) {
        ov_loss *loss = tu_loss(names[c]);
        if (!loss)
            continue;
        ov_trajectory *t;
        if (c == 0) {
            t = fake_traj("m", OV_ALGO_GD, 0.1, 20, 0.0, 2.0, 30.0, 6.0,
                          loss);
        } else {
            t = fake_traj("m", OV_ALGO_GD, 0.1, 20, 0.0, 0.0, 5.0, 0.0,
                          loss);
            t->dim = 1;
        }
        const ov_trajectory *tr[1] = { t };
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.view = c ? OV_VIEW_CURVE : OV_VIEW_CONTOUR;
        spec.width = 480;
        spec.height = 360;
        spec.has_xlim = 1;
        spec.xlim[0] = c ? -3.0 : -10.0;
        spec.xlim[1] = c ? 3.0 : 10.0;
        if (!c) {
            spec.has_ylim = 1;
            spec.ylim[0] = -10.0;
            spec.ylim[1] = 10.0;
        }
        spec.has_color[0] = 1;
        spec.color[0] = 0xFF00FF;
        uint32_t mark = c ? 0x2CA02C : 0xFF00FF;
        ov__figure *sc = NULL;
        ov_error err;
        CHECK_EQ_INT(ov__figure_create(&sc, loss, tr, 1, &spec, &err), OV_OK);
        if (sc) {
            ov_rect d[OV__FIGURE_MAX_DIRTY];
            size_t nd;
            CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                          OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
            const ov_image *img = ov__figure_image(sc);
            int x, y, w, h;
            ov__figure_plot_area(sc, &x, &y, &w, &h);
            const ov_traj_row *r = &t->rows[t->n_rows - 1];
            double px, py;
            ov__figure_to_pixel(sc, r->theta[0], c ? r->loss : r->theta[1],
                                &px, &py);
            double cx = x + 0.5 * w, cy = y + 0.5 * h;
            double k = fmin(0.5 * w / fabs(px - cx), 0.5 * h / fabs(py - cy));
            CHECK_MSG(k < 1.0, "%s: the point %.0f,%.0f is in the plot",
                      names[c], px, py);
            double ex = cx + (px - cx) * k, ey = cy + (py - cy) * k;
            /* pulled in from the edge by 15 px */
            double u = hypot(px - cx, py - cy);
            ex -= 15.0 * (px - cx) / u;
            ey -= 15.0 * (py - cy) / u;
            CHECK_MSG(tu_near(img, ex, ey, 10, mark),
                      "%s: no #%06X mark near the edge at %.0f,%.0f",
                      names[c], (unsigned)mark, ex, ey);
            ov__figure_destroy(sc);
        }
        free_traj(t);
        ov_loss_destroy(loss);
    }
}

/* The surface view's minimum star stays visible above a run that ends on
 * it (issue 14): quadratic seen from 70 degrees up, gd from (2, 1.5) to
 * its minimum at (0, 0);
 * round the minimum's pixel (the view's own projection) the star's white
 * body, and the run's colour as a ring further out.  Before, the marker
 * was drawn over the star: no white within 3 px. */
static void
test_surface_star(void)
{
    ov_loss *q = tu_loss("quadratic");
    if (!q)
        return;
    ov_trajectory *t = fake_traj("gd", OV_ALGO_GD, 0.1, 30, 2.0, 1.5, 0.0,
                                 0.0, q);
    const ov_trajectory *tr[1] = { t };
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    spec.view = OV_VIEW_SURFACE;
    spec.has_elev = 1;   /* into the bowl: its near wall hides the minimum */
    spec.elev = 70.0;
    spec.width = 800;   /* line scale 1: the star 8 px, the ring 9.5 */
    spec.height = 600;
    spec.has_color[0] = 1;
    spec.color[0] = 0xFF00FF;
    ov__figure *sc = NULL;
    ov_error err;
    CHECK_EQ_INT(ov__figure_create(&sc, q, tr, 1, &spec, &err), OV_OK);
    if (sc) {
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd;
        CHECK_EQ_INT(ov__figure_frame(sc, ov__figure_last_step(sc), d,
                                      OV__FIGURE_MAX_DIRTY, &nd), OV_OK);
        const ov_image *img = ov__figure_image(sc);
        double th[2] = { 0.0, 0.0 }, mx, my;
        ov__figure_project(sc, 0.0, 0.0, ov_loss_eval(q, th, NULL), &mx, &my);
        int white = 0, ring = 0;
        for (int y = (int)my - 12; y <= (int)my + 12; y++)
            for (int x = (int)mx - 12; x <= (int)mx + 12; x++) {
                double r = hypot(x + 0.5 - mx, y + 0.5 - my);
                uint32_t p = tu_pixel(img, x, y);
                if (r <= 3.0 && tu_cdist(p, 0xFFFFFF) < 40)
                    white++;
                if (r > 5.0 && r < 8.0 && tu_cdist(p, 0xFF00FF) < 40)
                    ring++;
            }
        CHECK_MSG(white >= 10, "surface star under the last marker: %d "
                  "white pixels within 3 px of %.0f,%.0f", white, mx, my);
        CHECK_MSG(ring >= 20, "surface: no ring of the run's colour round "
                  "the star (%d pixels)", ring);
        ov__figure_destroy(sc);
    }
    free_traj(t);
    ov_loss_destroy(q);
}

int
main(void)
{
    ov_loss *loss = NULL;
    ov_error err;
    CHECK_EQ_INT(ov_loss_create(&loss, "quadratic", NULL, OV_REDUCTION_MEAN,
                                &err), OV_OK);
    if (!loss)
        return check_report("test_render");
    test_png_figure(loss);
    test_frames(loss, OV_ARROWS_NONE, 0);
    test_frames(loss, OV_ARROWS_GRADIENT, 0);
    test_frames(loss, OV_ARROWS_STEP, 8);
    test_frames(loss, OV_ARROWS_NONE, 1);
    test_frames(loss, OV_ARROWS_GRADIENT, 3);
    test_trail_steps();
    test_vector(loss);
    test_svg_size();
    test_errors(loss);
    test_catalogue();
    test_arrow_casing();
    test_arrow_heads();
    test_colorbar_zero();
    test_history_colors(loss);
    test_curve_colors();
    test_points_only(loss);
    test_star_on_marker(loss);
    test_title_template();
    test_default_contrast();
    test_edge_marks();
    test_surface_star();
    ov_loss_destroy(loss);
    return check_report("test_render");
}
