/*
 * test_video.c: the MP4 and WebM sinks (encode/sink_video.c), read back
 * with FFmpeg's own demuxers and decoders: the codec, profile and pixel
 * format they claim; one decoded frame per planned frame, at the plan's
 * times, the last one lasting the hold; the first and last frames close
 * to the loop's own frames and to the PNG still (PSNR over 35 dB after
 * yuv420p); odd sizes padded by one pixel; the command line in the
 * "comment" tag, read back by ov_format_read_command; the same bytes
 * twice (x264's macroblock tree once made them differ at 481x361 after
 * an 800x600 encoding); a failing writer.  Without video support, the
 * rows are there but unavailable and ov_render refuses them.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "testutil.h"

#include "animate_private.h"
#include "format_private.h"

#if OV_TEST_VIDEO

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>

#define MAXF 64

typedef struct fixture {
    ov_loss *loss;
    ov_trajectory *t;
    ov_figure_spec spec;
} fixture;

static void
fixture_make(fixture *fx, int w, int h, const char *command)
{
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;

    fx->loss = tu_loss("rosenbrock");
    fx->t = NULL;
    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    cfg.lr = 0.05;
    rc.steps = 30;
    CHECK(ov_run(&fx->t, fx->loss, &cfg, &rc, NULL) == OV_OK);
    spec.width = w;
    spec.height = h;
    spec.fps = 12;              /* delays of 8 and 9 cs: not constant */
    spec.hold = 1.5;
    spec.command_line = command;
    fx->spec = spec;
}

static void
fixture_free(fixture *fx)
{
    ov_trajectory_destroy(fx->t);
    ov_loss_destroy(fx->loss);
}

/* ---- what the loop hands the sinks: a recording sink -------------------- */

typedef struct recording {
    long n;
    int delay[MAXF];
    int w, h;
    uint32_t *first, *last;     /* w*h, packed */
} recording;

static recording *rec_now;

static ov_status
r_create(void **out, ov_write_fn fn, void *closure,
         const ov__sink_options *opt, ov_error *err)
{
    (void)fn;
    (void)closure;
    (void)opt;
    (void)err;
    *out = rec_now;
    return OV_OK;
}

static ov_status
r_begin(void *sink, int w, int h, const ov__frame_plan *plan)
{
    recording *r = sink;

    r->w = w;
    r->h = h;
    r->first = calloc((size_t)w * (size_t)h, 4);
    r->last = calloc((size_t)w * (size_t)h, 4);
    CHECK(plan->n <= MAXF);
    return r->first && r->last && plan->n <= MAXF ? OV_OK : OV_ERR_NOMEM;
}

static void
copy_image(uint32_t *dst, const ov_image *img)
{
    for (int y = 0; y < img->height; y++)
        memcpy(dst + (size_t)y * (size_t)img->width,
               (const unsigned char *)img->px + (size_t)y * img->stride,
               (size_t)img->width * 4);
}

static ov_status
r_frame(void *sink, const ov_image *img, const ov_rect *dirty, size_t nd,
        int delay_cs)
{
    recording *r = sink;

    (void)dirty;
    (void)nd;
    if (r->n == 0)
        copy_image(r->first, img);
    copy_image(r->last, img);
    r->delay[r->n++] = delay_cs;
    return OV_OK;
}

static ov_status
r_end(void *sink)
{
    (void)sink;
    return OV_OK;
}

static void
r_abort(void *sink)
{
    (void)sink;
}

static void
record(recording *r, const fixture *fx)
{
    static const ov__sink_class cls = { "record", 1, r_create, NULL,
                                        r_begin, r_frame, r_end, r_abort,
                                        NULL };
    const ov_trajectory *tr[1] = { fx->t };

    memset(r, 0, sizeof *r);
    rec_now = r;
    CHECK_EQ_INT(ov__animate(&cls, tu_sink, NULL, fx->loss, tr, 1,
                             &fx->spec, NULL, NULL, NULL), OV_OK);
}

/* ---- decoding from memory ----------------------------------------------- */

typedef struct memin {
    const unsigned char *p;
    size_t len, pos;
} memin;

static int
mem_read(void *opaque, uint8_t *buf, int n)
{
    memin *m = opaque;
    size_t left = m->len - m->pos;

    if (left == 0)
        return AVERROR_EOF;
    if ((size_t)n > left)
        n = (int)left;
    memcpy(buf, m->p + m->pos, (size_t)n);
    m->pos += (size_t)n;
    return n;
}

static int64_t
mem_seek(void *opaque, int64_t off, int whence)
{
    memin *m = opaque;

    whence &= ~AVSEEK_FORCE;
    if (whence == AVSEEK_SIZE)
        return (int64_t)m->len;
    if (whence == SEEK_CUR)
        off += (int64_t)m->pos;
    else if (whence == SEEK_END)
        off += (int64_t)m->len;
    if (off < 0 || off > (int64_t)m->len)
        return -1;
    m->pos = (size_t)off;
    return off;
}

typedef struct decoded {
    int ok;
    enum AVCodecID codec;
    int profile;
    int pix_fmt;
    int width, height;          /* coded (padded) size */
    char comment[512];
    long n;
    int64_t pts[MAXF];          /* centiseconds */
    int64_t end;                /* centiseconds: when the video ends */
    double psnr_first, psnr_last, psnr_still;
} decoded;

/* PSNR of @p f (yuv420p) against @p ref (w*h, 0xRRGGBB) over the w*h
 * corner, after the usual conversion back to RGB. */
static double
psnr(const AVFrame *f, const uint32_t *ref, int w, int h)
{
    struct SwsContext *sws;
    uint8_t *rgb = malloc((size_t)f->width * (size_t)f->height * 3);
    uint8_t *dst[4] = { rgb, NULL, NULL, NULL };
    int dst_stride[4] = { f->width * 3, 0, 0, 0 };
    const int *m709 = sws_getCoefficients(SWS_CS_ITU709);
    double se = 0.0;

    sws = sws_getContext(f->width, f->height, f->format, f->width,
                         f->height, AV_PIX_FMT_RGB24,
                         SWS_BICUBIC | SWS_FULL_CHR_H_INT | SWS_ACCURATE_RND,
                         NULL, NULL, NULL);
    if (!sws || !rgb) {
        sws_freeContext(sws);
        free(rgb);
        return 0.0;
    }
    sws_setColorspaceDetails(sws, m709, 0, m709, 1, 0, 1 << 16, 1 << 16);
    sws_scale(sws, (const uint8_t *const *)f->data, f->linesize, 0,
              f->height, dst, dst_stride);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const uint8_t *p = rgb + ((size_t)y * (size_t)f->width + x) * 3;
            uint32_t c = ref[(size_t)y * (size_t)w + x];
            int d0 = p[0] - (int)(c >> 16 & 255);
            int d1 = p[1] - (int)(c >> 8 & 255);
            int d2 = p[2] - (int)(c & 255);
            se += d0 * d0 + d1 * d1 + d2 * d2;
        }
    sws_freeContext(sws);
    free(rgb);
    se /= 3.0 * w * h;
    return se > 0.0 ? 10.0 * log10(255.0 * 255.0 / se) : 99.0;
}

static void
decode(decoded *d, const tu_buf *b, const recording *r, const uint32_t *still)
{
    memin m = { b->p, b->len, 0 };
    unsigned char *iobuf = av_malloc(4096);
    AVIOContext *pb = avio_alloc_context(iobuf, 4096, 0, &m, mem_read, NULL,
                                         mem_seek);
    AVFormatContext *ic = avformat_alloc_context();
    AVCodecContext *dec = NULL;
    AVPacket *pkt = av_packet_alloc();
    AVFrame *f = av_frame_alloc(), *last = av_frame_alloc();
    const AVCodec *codec;
    AVDictionaryEntry *e;
    AVStream *st;

    memset(d, 0, sizeof *d);
    ic->pb = pb;
    if (avformat_open_input(&ic, NULL, NULL, NULL) < 0
        || avformat_find_stream_info(ic, NULL) < 0 || ic->nb_streams != 1)
        goto out;
    st = ic->streams[0];
    d->codec = st->codecpar->codec_id;
    d->profile = st->codecpar->profile;
    d->pix_fmt = st->codecpar->format;
    d->width = st->codecpar->width;
    d->height = st->codecpar->height;
    e = av_dict_get(ic->metadata, "comment", NULL, 0);
    if (e)
        snprintf(d->comment, sizeof d->comment, "%s", e->value);
    /* The end: the stream's duration (MP4), else the file's (WebM). */
    if (st->duration > 0)
        d->end = av_rescale_q(st->start_time + st->duration, st->time_base,
                              (AVRational){ 1, 100 });
    else
        d->end = av_rescale(ic->duration, 100, AV_TIME_BASE);
    codec = avcodec_find_decoder(d->codec);
    dec = avcodec_alloc_context3(codec);
    if (!dec || avcodec_parameters_to_context(dec, st->codecpar) < 0
        || avcodec_open2(dec, codec, NULL) < 0)
        goto out;
    dec->thread_count = 1;
    for (int flushing = 0;;) {
        int ret;
        if (!flushing) {
            ret = av_read_frame(ic, pkt);
            if (ret < 0) {
                flushing = 1;
                avcodec_send_packet(dec, NULL);
            } else {
                avcodec_send_packet(dec, pkt);
                av_packet_unref(pkt);
            }
        }
        while ((ret = avcodec_receive_frame(dec, f)) == 0) {
            if (d->n < MAXF)
                d->pts[d->n] = av_rescale_q(f->best_effort_timestamp,
                                            st->time_base,
                                            (AVRational){ 1, 100 });
            if (d->n == 0)
                d->psnr_first = psnr(f, r->first, r->w, r->h);
            d->n++;
            av_frame_unref(last);
            av_frame_move_ref(last, f);
        }
        if (ret == AVERROR_EOF || (flushing && ret != AVERROR(EAGAIN)))
            break;
    }
    if (d->n > 0) {
        d->psnr_last = psnr(last, r->last, r->w, r->h);
        d->psnr_still = psnr(last, still, r->w, r->h);
    }
    d->ok = 1;
out:
    av_frame_free(&f);
    av_frame_free(&last);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    avformat_close_input(&ic);
    if (pb) {
        av_freep(&pb->buffer);
        avio_context_free(&pb);
    }
}

/* ---- the checks --------------------------------------------------------- */

/* @p b's bytes as the file @p path. */
static void
write_file(const char *path, const tu_buf *b)
{
    FILE *f = fopen(path, "wb");

    CHECK(f && fwrite(b->p, 1, b->len, f) == b->len);
    if (f)
        fclose(f);
}

static void
check_video(ov_format fmt, int w, int h)
{
    static const char cmd[] =
        "optviz -a adam -l rosenbrock --title 'caf\xc3\xa9' -o x";
    const ov_trajectory *tr[1];
    const char *what = fmt == OV_FORMAT_MP4 ? "mp4" : "webm";
    char dir[] = "/tmp/ov_video_XXXXXX", path[64], buf[256];
    tu_buf a, b, png;
    recording r;
    decoded d;
    fixture fx;
    uint32_t *still;
    int pw, ph;

    fixture_make(&fx, w, h, cmd);
    tr[0] = fx.t;
    record(&r, &fx);
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    memset(&png, 0, sizeof png);
    CHECK_EQ_INT(ov_render(tu_sink, &a, fmt, fx.loss, tr, 1, &fx.spec, NULL,
                           NULL, NULL), OV_OK);
    CHECK_EQ_INT(ov_render(tu_sink, &b, fmt, fx.loss, tr, 1, &fx.spec, NULL,
                           NULL, NULL), OV_OK);
    CHECK_MSG(a.len > 1000 && a.len == b.len && memcmp(a.p, b.p, a.len) == 0,
              "%s %dx%d: two runs differ", what, w, h);


    CHECK_EQ_INT(ov_render(tu_sink, &png, OV_FORMAT_PNG, fx.loss, tr, 1,
                           &fx.spec, NULL, NULL, NULL), OV_OK);
    still = tu_decode_png(png.p, png.len, &pw, &ph, NULL, NULL, 0);
    CHECK(still && pw == w && ph == h);

    decode(&d, &a, &r, still);
    CHECK_MSG(d.ok, "%s: FFmpeg cannot read it", what);
    if (fmt == OV_FORMAT_MP4) {
        CHECK_EQ_INT(d.codec, AV_CODEC_ID_H264);
        CHECK_EQ_INT(d.profile, FF_PROFILE_H264_HIGH);
        /* faststart: the index (moov) before the frames (mdat). */
        CHECK(a.len > 40 && memcmp(a.p + 4, "ftyp", 4) == 0);
        size_t moov = 0, mdat = 0;
        for (size_t i = 4; i + 4 <= a.len && !(moov && mdat); i++) {
            if (!moov && memcmp(a.p + i, "moov", 4) == 0)
                moov = i;
            if (!mdat && memcmp(a.p + i, "mdat", 4) == 0)
                mdat = i;
        }
        CHECK_MSG(moov && mdat && moov < mdat, "moov at %zu, mdat at %zu",
                  moov, mdat);
    } else {
        CHECK_EQ_INT(d.codec, AV_CODEC_ID_VP9);
        CHECK_EQ_INT(d.profile, FF_PROFILE_VP9_0);
        CHECK(a.len > 4 && memcmp(a.p, "\x1a\x45\xdf\xa3", 4) == 0);
    }
    CHECK_EQ_INT(d.pix_fmt, AV_PIX_FMT_YUV420P);
    /* Odd sizes are padded by one pixel. */
    CHECK_EQ_INT(d.width, w + (w & 1));
    CHECK_EQ_INT(d.height, h + (h & 1));
    CHECK_EQ_STR(d.comment, cmd);

    /* The plan's frames at the plan's times; the last lasts the hold. */
    CHECK_MSG(r.n > 10 && d.n == r.n, "%s: %ld frames, plan %ld", what, d.n,
              r.n);
    int64_t t = 0;
    int varied = 0;
    for (long i = 0; i < r.n && i < d.n; i++) {
        CHECK_MSG(d.pts[i] == t, "%s frame %ld at %lld cs, plan %lld", what,
                  i, (long long)d.pts[i], (long long)t);
        t += r.delay[i];
        varied |= i > 0 && r.delay[i] != r.delay[0] && i + 1 < r.n;
    }
    CHECK(varied);
    CHECK(r.n > 0 && r.delay[r.n - 1] >= 150);
    CHECK_MSG(d.end == t, "%s ends at %lld cs, plan %lld", what,
              (long long)d.end, (long long)t);

    /* The first (intra) frame's PSNR moves with where text falls on the
     * 16x16 macroblocks: 34.85 to 37.3 dB over these figures when the live
     * title was laid out left-aligned in a fixed box (issue 14). */
    CHECK_MSG(d.psnr_first > 34.5, "%s %dx%d: first frame %.2f dB", what, w,
              h, d.psnr_first);
    CHECK_MSG(d.psnr_last > 35.0, "%s %dx%d: last frame %.2f dB", what, w,
              h, d.psnr_last);
    CHECK_MSG(d.psnr_still > 35.0, "%s %dx%d: last vs still %.2f dB", what,
              w, h, d.psnr_still);

    /* The command line back through the table, from a file. */
    if (mkdtemp(dir)) {
        snprintf(path, sizeof path, "%s/v.%s", dir, what);
        write_file(path, &a);
        CHECK_EQ_INT(ov_format_read_command(fmt, path, buf, sizeof buf, NULL),
                     OV_OK);
        CHECK_EQ_STR(buf, cmd);
        /* The other video format's reader does not take it, nor a PNG's. */
        CHECK_EQ_INT(ov_format_read_command(fmt == OV_FORMAT_MP4
                                                ? OV_FORMAT_WEBM
                                                : OV_FORMAT_MP4,
                                            path, buf, sizeof buf, NULL),
                     OV_ERR_NOT_FOUND);
        CHECK_EQ_INT(ov_format_read_command(OV_FORMAT_PNG, path, buf,
                                            sizeof buf, NULL),
                     OV_ERR_NOT_FOUND);
        write_file(path, &png);
        CHECK_EQ_INT(ov_format_read_command(fmt, path, buf, sizeof buf, NULL),
                     OV_ERR_NOT_FOUND);
        /* Without a command line the file records none. */
        fx.spec.command_line = NULL;
        tu_buf_free(&b);
        memset(&b, 0, sizeof b);
        CHECK_EQ_INT(ov_render(tu_sink, &b, fmt, fx.loss, tr, 1, &fx.spec,
                               NULL, NULL, NULL), OV_OK);
        write_file(path, &b);
        CHECK_EQ_INT(ov_format_read_command(fmt, path, buf, sizeof buf, NULL),
                     OV_ERR_NOT_FOUND);
        unlink(path);
        rmdir(dir);
    } else {
        CHECK(0);
    }

    /* A writer that fails: its status comes back. */
    tu_buf_free(&b);
    memset(&b, 0, sizeof b);
    b.fail_at = 1;
    CHECK_EQ_INT(ov_render(tu_sink, &b, fmt, fx.loss, tr, 1, &fx.spec, NULL,
                           NULL, NULL), OV_ERR_IO);
    CHECK_EQ_INT(b.len, 0);

    printf("%s %dx%d: %zu bytes, %ld frames, PSNR first %.2f, last %.2f, "
           "still %.2f dB\n", what, w, h, a.len, d.n, d.psnr_first,
           d.psnr_last, d.psnr_still);
    free(still);
    free(r.first);
    free(r.last);
    tu_buf_free(&a);
    tu_buf_free(&b);
    tu_buf_free(&png);
    fixture_free(&fx);
}

int
main(void)
{
    check_video(OV_FORMAT_MP4, 800, 600);
    check_video(OV_FORMAT_MP4, 481, 361);
    check_video(OV_FORMAT_MP4, 482, 360);
    check_video(OV_FORMAT_WEBM, 800, 600);
    check_video(OV_FORMAT_WEBM, 481, 361);
    return check_report("test_video");
}

#else /* !OV_TEST_VIDEO */

/* Without video: the rows are there, unavailable, and refused. */
int
main(void)
{
    ov_format fmt;
    tu_buf b;

    memset(&b, 0, sizeof b);
    CHECK(ov_format_from_path("x.mp4", &fmt) == OV_OK
          && fmt == OV_FORMAT_MP4);
    CHECK(!ov_format_info_of(OV_FORMAT_MP4)->available);
    CHECK(!ov_format_info_of(OV_FORMAT_WEBM)->available);
    ov_loss *loss = tu_loss("quadratic");
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    CHECK_EQ_INT(ov_render(tu_sink, &b, OV_FORMAT_MP4, loss, NULL, 0, &spec,
                           NULL, NULL, NULL), OV_ERR_UNSUPPORTED);
    CHECK_EQ_INT(b.len, 0);
    ov_loss_destroy(loss);
    return check_report("test_video");
}

#endif
