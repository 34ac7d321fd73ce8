/*
 * test_format.c: the format table (format.h): lookups by file name and by
 * name, the rows' invariants, reading back the recorded command line, the
 * trajectory formats through ov_export, and the frame loop driving a sink
 * that is not GIF (a test sink counting what it is given).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "render/animate_private.h"

/* -1: no format. */
static const struct {
    const char *path;
    int want;
} paths[] = {
    { "t.json", OV_FORMAT_JSON },
    { "t.Json", OV_FORMAT_JSON },
    { "t.JSON", OV_FORMAT_JSON },
    { "t.csv", OV_FORMAT_CSV },
    { "T.CSV", OV_FORMAT_CSV },
    { "T.GIF", OV_FORMAT_GIF },
    { "a.png.gif", OV_FORMAT_GIF },
    { "a.gif.png", OV_FORMAT_PNG },
    { "x.PnG", OV_FORMAT_PNG },
    { "fig.svg", OV_FORMAT_SVG },
    { "fig.Pdf", OV_FORMAT_PDF },
    { "dir.gif/fig.pdf", OV_FORMAT_PDF },
    { "./out/x.png", OV_FORMAT_PNG },
    { "/abs/x.gif", OV_FORMAT_GIF },
    { "noext", -1 },
    { ".png", -1 },             /* a hidden file called png */
    { "dir/.gif", -1 },
    { "x.", -1 },               /* trailing dot */
    { "x.png.", -1 },
    { "dir.png/noext", -1 },    /* the dot is in the directory */
    { "dir.png/", -1 },
    { "", -1 },
    { ".", -1 },
    { "..", -1 },
    { "x.jpg", -1 },
    { "x.pngx", -1 },
    { "x.pn", -1 },
    { "x. png", -1 },
    { "x.png ", -1 },
    { "x.jsonl", -1 },
    { "-", -1 },
};

static void
test_from_path(void)
{
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        ov_format f = (ov_format)-1;
        ov_status st = ov_format_from_path(paths[i].path, &f);

        if (paths[i].want < 0)
            CHECK_MSG(st == OV_ERR_NOT_FOUND, "'%s': status %d, format %d",
                      paths[i].path, (int)st, (int)f);
        else
            CHECK_MSG(st == OV_OK && (int)f == paths[i].want,
                      "'%s': status %d, format %d, want %d", paths[i].path,
                      (int)st, (int)f, paths[i].want);
    }
    ov_format f;
    CHECK_EQ_INT(ov_format_from_path(NULL, &f), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_format_from_path("x.png", NULL), OV_ERR_INVALID_ARG);
}

static void
test_from_name(void)
{
    ov_format f = OV_FORMAT_PNG;

    CHECK(ov_format_from_name("gif", &f) == OV_OK && f == OV_FORMAT_GIF);
    CHECK(ov_format_from_name("GIF", &f) == OV_OK && f == OV_FORMAT_GIF);
    CHECK(ov_format_from_name("Json", &f) == OV_OK && f == OV_FORMAT_JSON);
    CHECK(ov_format_from_name("pdf", &f) == OV_OK && f == OV_FORMAT_PDF);
    CHECK_EQ_INT(ov_format_from_name(".png", &f), OV_ERR_NOT_FOUND);
    CHECK_EQ_INT(ov_format_from_name("", &f), OV_ERR_NOT_FOUND);
    CHECK(ov_format_from_name("MP4", &f) == OV_OK && f == OV_FORMAT_MP4);
    CHECK_EQ_INT(ov_format_from_name("mov", &f), OV_ERR_NOT_FOUND);
    CHECK_EQ_INT(ov_format_from_name(NULL, &f), OV_ERR_INVALID_ARG);
}

/* Every row is complete and unique, and its name and extensions lead back
 * to it. */
static void
test_table(void)
{
    size_t n = ov_format_count();

    CHECK_EQ_INT(n, 9);
    CHECK(ov_format_at(n) == NULL);
    for (size_t i = 0; i < n; i++) {
        const ov_format_info *f = ov_format_at(i);
        ov_format back;
        char path[32];

        CHECK(f && f->name && f->ext[0] && f->mime && f->description);
        if (!f)
            continue;
        CHECK(ov_format_info_of(f->format) == f);
        CHECK(ov_format_from_name(f->name, &back) == OV_OK
              && back == f->format);
        for (size_t k = 0; k < OV_FORMAT_MAX_EXT && f->ext[k]; k++) {
            snprintf(path, sizeof path, "x.%s", f->ext[k]);
            CHECK(ov_format_from_path(path, &back) == OV_OK
                  && back == f->format);
        }
        for (size_t j = 0; j < i; j++)
            CHECK(ov_format_at(j)->format != f->format
                  && strcmp(ov_format_at(j)->name, f->name) != 0);
        /* Only the video formats depend on the build (feature "video"),
         * and their files record the command line when they are in. */
        int video = f->format == OV_FORMAT_MP4
                    || f->format == OV_FORMAT_WEBM;
        CHECK_EQ_INT(f->available, video ? OV_TEST_VIDEO : 1);
        CHECK(video ? f->feature && strcmp(f->feature, "video") == 0
                    : f->feature == NULL);
        CHECK_EQ_INT(f->records_command,
                     f->format == OV_FORMAT_PNG || f->format == OV_FORMAT_GIF
                     || f->format == OV_FORMAT_HTML
                     || (video && OV_TEST_VIDEO));
    }
    CHECK(ov_format_info_of((ov_format)99) == NULL);
    CHECK_EQ_INT(ov_format_info_of(OV_FORMAT_GIF)->kind,
                 OV_FORMAT_KIND_ANIMATION);
    CHECK_EQ_INT(ov_format_info_of(OV_FORMAT_PNG)->kind,
                 OV_FORMAT_KIND_RASTER);
    CHECK_EQ_INT(ov_format_info_of(OV_FORMAT_SVG)->kind,
                 OV_FORMAT_KIND_VECTOR);
    CHECK_EQ_INT(ov_format_info_of(OV_FORMAT_JSON)->kind,
                 OV_FORMAT_KIND_TRAJECTORY);
}

typedef struct fixture {
    ov_loss *loss;
    ov_trajectory *t;
    ov_figure_spec spec;
} fixture;

static void
fixture_make(fixture *fx, const char *command)
{
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;

    fx->loss = tu_loss("quadratic");
    fx->t = NULL;
    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    cfg.lr = 0.3;
    rc.steps = 12;
    CHECK(ov_run(&fx->t, fx->loss, &cfg, &rc, NULL) == OV_OK);
    spec.width = 160;
    spec.height = 120;
    spec.frames = 5;
    spec.command_line = command;
    fx->spec = spec;
}

static void
fixture_free(fixture *fx)
{
    ov_trajectory_destroy(fx->t);
    ov_loss_destroy(fx->loss);
}

static ov_status
render_file(const fixture *fx, ov_format fmt, const char *path)
{
    const ov_trajectory *tr[1] = { fx->t };
    FILE *f;
    tu_buf b;
    ov_status st;

    memset(&b, 0, sizeof b);
    st = ov_render(tu_sink, &b, fmt, fx->loss, tr, 1, &fx->spec, NULL, NULL,
                   NULL);
    if (st == OV_OK) {
        f = fopen(path, "wb");
        CHECK(f && fwrite(b.p, 1, b.len, f) == b.len);
        if (f)
            fclose(f);
    }
    tu_buf_free(&b);
    return st;
}

static void
test_read_command(void)
{
    static const char cmd[] =
        "optviz -a adam -l quadratic --title 'caf\xc3\xa9'";
    char dir[] = "/tmp/ov_format_XXXXXX";
    char png[64], gif[64], svg[64], junk[64], missing[64], buf[256];
    size_t len = 0;
    fixture fx;

    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    snprintf(png, sizeof png, "%s/a.png", dir);
    snprintf(gif, sizeof gif, "%s/a.gif", dir);
    snprintf(svg, sizeof svg, "%s/a.svg", dir);
    snprintf(junk, sizeof junk, "%s/junk.png", dir);
    fixture_make(&fx, cmd);
    CHECK_EQ_INT(render_file(&fx, OV_FORMAT_PNG, png), OV_OK);
    CHECK_EQ_INT(render_file(&fx, OV_FORMAT_GIF, gif), OV_OK);
    CHECK_EQ_INT(render_file(&fx, OV_FORMAT_SVG, svg), OV_OK);

    /* Non-ASCII text: iTXt in the PNG, bytes as they are in the GIF. */
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_PNG, png, buf, sizeof buf,
                                        &len), OV_OK);
    CHECK_EQ_STR(buf, cmd);
    CHECK_EQ_INT(len, strlen(cmd));
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_GIF, gif, buf, sizeof buf,
                                        NULL), OV_OK);
    CHECK_EQ_STR(buf, cmd);
    /* Too small a buffer: the start, and the length it needs. */
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_GIF, gif, buf, 7, &len),
                 OV_ERR_TOO_LARGE);
    CHECK_EQ_STR(buf, "optviz");
    CHECK_EQ_INT(len, strlen(cmd));
    /* The other format's reader does not take it; SVG records nothing. */
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_PNG, gif, buf, sizeof buf,
                                        NULL), OV_ERR_NOT_FOUND);
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_SVG, svg, buf, sizeof buf,
                                        NULL), OV_ERR_UNSUPPORTED);
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_CSV, svg, buf, sizeof buf,
                                        NULL), OV_ERR_UNSUPPORTED);
    FILE *f = fopen(junk, "wb");
    if (f) {
        fputs("\x89PNG\r\n\x1a\n not really", f);
        fclose(f);
    }
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_PNG, junk, buf, sizeof buf,
                                        NULL), OV_ERR_NOT_FOUND);
    snprintf(missing, sizeof missing, "%s/missing.png", dir);
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_PNG, missing, buf,
                                        sizeof buf, NULL), OV_ERR_IO);
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_PNG, png, buf, 0, NULL),
                 OV_ERR_INVALID_ARG);

    /* An HTML page: the attribute's escapes are undone, quotes and all. */
    static const char hcmd[] =
        "optviz -o a.html --title 'a \"b\" <c> & d&amp; caf\xc3\xa9'";
    char html[64];
    snprintf(html, sizeof html, "%s/a.html", dir);
    fx.spec.command_line = hcmd;
    CHECK_EQ_INT(render_file(&fx, OV_FORMAT_HTML, html), OV_OK);
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_HTML, html, buf, sizeof buf,
                                        &len), OV_OK);
    CHECK_EQ_STR(buf, hcmd);
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_HTML, gif, buf, sizeof buf,
                                        NULL), OV_ERR_NOT_FOUND);
    /* A live page needs WebAssembly in the build. */
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    fx.spec.run = &rc;
    CHECK_EQ_INT(render_file(&fx, OV_FORMAT_HTML, html),
                 ov_format_html_live() ? OV_OK : OV_ERR_UNSUPPORTED);
    fx.spec.run = NULL;
    unlink(html);

    /* Without a command line the files record none. */
    fx.spec.command_line = NULL;
    CHECK_EQ_INT(render_file(&fx, OV_FORMAT_PNG, png), OV_OK);
    CHECK_EQ_INT(render_file(&fx, OV_FORMAT_GIF, gif), OV_OK);
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_PNG, png, buf, sizeof buf,
                                        NULL), OV_ERR_NOT_FOUND);
    CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_GIF, gif, buf, sizeof buf,
                                        NULL), OV_ERR_NOT_FOUND);
    fixture_free(&fx);
    unlink(png);
    unlink(gif);
    unlink(svg);
    unlink(junk);
    rmdir(dir);
}

static void
test_export_by_format(void)
{
    const ov_trajectory *tr[1];
    fixture fx;
    tu_buf a, b;

    fixture_make(&fx, NULL);
    tr[0] = fx.t;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    CHECK_EQ_INT(ov_export(tu_sink, &a, OV_FORMAT_CSV, fx.loss, tr, 1),
                 OV_OK);
    CHECK_EQ_INT(ov_export_csv(tu_sink, &b, tr, 1), OV_OK);
    CHECK(a.len == b.len && a.len > 0 && memcmp(a.p, b.p, a.len) == 0);
    tu_buf_free(&a);
    tu_buf_free(&b);
    CHECK_EQ_INT(ov_export(tu_sink, &a, OV_FORMAT_JSON, fx.loss, tr, 1),
                 OV_OK);
    CHECK_EQ_INT(ov_export_json(tu_sink, &b, fx.loss, tr, 1), OV_OK);
    CHECK(a.len == b.len && a.len > 0 && memcmp(a.p, b.p, a.len) == 0);
    tu_buf_free(&a);
    tu_buf_free(&b);
    /* Figures are not trajectories, and the reverse. */
    CHECK_EQ_INT(ov_export(tu_sink, &a, OV_FORMAT_PNG, fx.loss, tr, 1),
                 OV_ERR_UNSUPPORTED);
    CHECK_EQ_INT(ov_render(tu_sink, &a, OV_FORMAT_JSON, fx.loss, tr, 1,
                           &fx.spec, NULL, NULL, NULL), OV_ERR_UNSUPPORTED);
    CHECK_EQ_INT(ov_render(tu_sink, &a, (ov_format)99, fx.loss, tr, 1,
                           &fx.spec, NULL, NULL, NULL), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(a.len, 0);
    tu_buf_free(&a);
    fixture_free(&fx);
}

/* ---- the frame loop with a sink of our own ------------------------------ */

typedef struct counting {
    int created, prepared, begun, ended, aborted;
    size_t ncolors;
    int sample_w, sample_h;
    uint32_t sample_px;         /* a pixel of the sample's last frame */
    long nframes, planned;
    long total_delay;
    int first_dirty_whole;
    uint32_t last_px;           /* the same pixel of the last frame */
    long fail_frame;            /* frame() fails at this frame; -1 never */
} counting;

static counting *current;

static ov_status
c_create(void **out, ov_write_fn fn, void *closure,
         const ov__sink_options *opt, ov_error *err)
{
    (void)fn;
    (void)closure;
    (void)opt;
    (void)err;
    current->created++;
    *out = current;
    return OV_OK;
}

static ov_status
c_prepare(void *sink, const ov__sink_sample *s)
{
    counting *c = sink;

    c->prepared++;
    c->ncolors = s->ncolors;
    c->sample_w = s->last->width;
    c->sample_h = s->last->height;
    c->sample_px = tu_pixel(s->last, s->last->width / 2,
                            s->last->height / 2);
    return OV_OK;
}

static ov_status
c_begin(void *sink, int w, int h, const ov__frame_plan *plan)
{
    counting *c = sink;

    c->begun++;
    c->planned = plan->n;
    CHECK(w == c->sample_w && h == c->sample_h);
    return OV_OK;
}

static ov_status
c_frame(void *sink, const ov_image *img, const ov_rect *dirty, size_t nd,
        int delay_cs)
{
    counting *c = sink;

    if (c->nframes == c->fail_frame)
        return OV_ERR_IO;
    if (c->nframes == 0)
        c->first_dirty_whole = nd == 1 && dirty[0].w == img->width
                               && dirty[0].h == img->height;
    c->nframes++;
    c->total_delay += delay_cs;
    c->last_px = tu_pixel(img, img->width / 2, img->height / 2);
    return OV_OK;
}

static ov_status
c_end(void *sink)
{
    ((counting *)sink)->ended++;
    return OV_OK;
}

static void
c_abort(void *sink)
{
    ((counting *)sink)->aborted++;
}

static void
progress_count(void *payload, long done, long total)
{
    long *calls = payload;

    (void)total;
    if (done > 0)
        (*calls)++;
}

static void
test_loop_with_own_sink(void)
{
    const ov__sink_class cls = { "count", 1, c_create, c_prepare, c_begin,
                                 c_frame, c_end, c_abort, NULL };
    const ov_trajectory *tr[1];
    counting c;
    fixture fx;
    long calls = 0;

    fixture_make(&fx, NULL);
    tr[0] = fx.t;
    memset(&c, 0, sizeof c);
    c.fail_frame = -1;
    current = &c;
    CHECK_EQ_INT(ov__animate(&cls, tu_sink, NULL, fx.loss, tr, 1, &fx.spec,
                             progress_count, &calls, NULL), OV_OK);
    CHECK(c.created == 1 && c.prepared == 1 && c.begun == 1);
    CHECK(c.ended == 1 && c.aborted == 0);
    CHECK_EQ_INT(c.nframes, 5);
    CHECK_EQ_INT(c.planned, 5);
    CHECK_EQ_INT(calls, 5);
    CHECK(c.first_dirty_whole);
    CHECK(c.ncolors >= 2);
    /* 10 fps and a 2 s hold: 0.5 s of frames, then the hold. */
    CHECK_EQ_INT(c.total_delay, 250);
    /* The sample is the last frame: without --trail they agree. */
    CHECK_EQ_INT(c.last_px, c.sample_px);

    /* A frame that fails aborts the sink instead of ending it. */
    memset(&c, 0, sizeof c);
    c.fail_frame = 2;
    CHECK_EQ_INT(ov__animate(&cls, tu_sink, NULL, fx.loss, tr, 1, &fx.spec,
                             NULL, NULL, NULL), OV_ERR_IO);
    CHECK(c.ended == 0 && c.aborted == 1 && c.nframes == 2);

    /* A still sink without prepare: one frame, no sample drawn, no fps
     * check (a still has no time). */
    const ov__sink_class still = { "still", 0, c_create, NULL, c_begin,
                                   c_frame, c_end, c_abort, NULL };
    memset(&c, 0, sizeof c);
    c.fail_frame = -1;
    c.sample_w = fx.spec.width;
    c.sample_h = fx.spec.height;
    fx.spec.fps = 0.0;
    CHECK_EQ_INT(ov__animate(&still, tu_sink, NULL, fx.loss, tr, 1,
                             &fx.spec, NULL, NULL, NULL), OV_OK);
    CHECK(c.prepared == 0 && c.nframes == 1 && c.ended == 1);
    CHECK_EQ_INT(c.total_delay, 0);
    /* ... but an animation needs a frame rate, checked before create. */
    memset(&c, 0, sizeof c);
    ov_error err;
    CHECK_EQ_INT(ov__animate(&cls, tu_sink, NULL, fx.loss, tr, 1, &fx.spec,
                             NULL, NULL, &err), OV_ERR_INVALID_ARG);
    CHECK_EQ_STR(err.what, "fps");
    CHECK_EQ_INT(c.created, 0);
    fixture_free(&fx);
}

int
main(void)
{
    test_from_path();
    test_from_name();
    test_table();
    test_read_command();
    test_export_by_format();
    test_loop_with_own_sink();
    return check_report("test_format");
}
