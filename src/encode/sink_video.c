/*
 * sink_video.c: the MP4 (H.264) and WebM (VP9) formats: one animation
 * sink over FFmpeg's libavcodec, libavformat and libswscale, and the
 * readers of the command line their files record.
 *
 * Timing.  The streams count in centiseconds (time base 1/100 s, the
 * plan's unit): frame i starts at the sum of the delays before it and
 * lasts its delay, so the video shows the GIF's frames for the GIF's
 * times, the final hold included (the last frame's duration).  No
 * B-frames, so decoding order is showing order and the last packet is
 * the last frame: MP4's sample table and WebM's duration end with the
 * hold.  The encoder is told the plan's usual delay as its frame rate
 * (rate control and H.264's level use it).
 *
 * Pixels.  Frames are converted to yuv420p (BT.709, limited range, tagged
 * so) by libswscale in its bit-exact mode.  yuv420p needs even sizes:
 * an odd width or height is padded by one column or row repeating the
 * last one, so nothing of the figure is lost.
 *
 * Files.  MP4 is H.264 High profile (libx264, CRF 23, level chosen by
 * x264 for the size and rate) with the index (moov) first, "+faststart",
 * so browsers and presentation programs can play it while it loads; WebM
 * is VP9 profile 0 (libvpx, CRF 32, constant quality, its real-time
 * mode at speed 6: the good-quality mode took 20 s for the standard job
 * and made it only 10% smaller).  The command line
 * goes in the container's "comment" tag.  Both muxers need to seek (MP4
 * moves its index to the front at the end, rereading what it wrote), so
 * the file is built in memory and handed to the writer at end, in one
 * piece; the output path stays atomic (output.c).  One encoder thread and
 * the bit-exact flags of the muxer and the converter make the bytes
 * depend only on the frames and the library versions.
 *
 * Loading.  FFmpeg's libraries are opened on first use (av_loader.h),
 * by video_create() and read_comment(), the only ways in.
 *
 * Logging.  The library prints nothing: the codec contexts get a log
 * level offset that drops their messages, and a log callback, installed
 * once, drops every message FFmpeg sends while this thread is inside one
 * of this file's entry points, and passes the others to FFmpeg's default
 * callback.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "error_private.h"
#include "format_private.h"

#if OV_HAVE_VIDEO

#include <pthread.h>
#include <sys/stat.h>

#include "av_loader.h"

/* FFmpeg 6.1 made the buffer of a write callback const. */
#if LIBAVFORMAT_VERSION_MAJOR >= 61
#  define OV_AVIO_WBUF const uint8_t
#else
#  define OV_AVIO_WBUF uint8_t
#endif

#define IO_BUFFER 65536
/* Most seconds between key frames.  A figure changes little from frame
 * to frame, and a key frame costs as much as 100 others (the standard
 * job: 3 key frames were half the MP4), so a short animation has one;
 * seeking decodes from it, which takes milliseconds. */
#define KEY_SECONDS 30
/* Added to the level of the codecs' messages: none is shown. */
#define LOG_OFFSET 128

typedef struct video_kind {
    const char *name;       /* "mp4" */
    const char *muxer;      /* libavformat's name */
    const char *encoder;    /* libavcodec's name */
    int h264;               /* 1: libx264 options; 0: libvpx-vp9 */
} video_kind;

static const video_kind mp4_kind = { "mp4", "mp4", "libx264", 1 };
static const video_kind webm_kind = { "webm", "webm", "libvpx-vp9", 0 };

/* ---- silence ------------------------------------------------------------ */

/* Depth of this file's FFmpeg calls on this thread: FFmpeg logs from
 * them (some messages with no context, like a demuxer's "Truncating
 * packet" on a broken file) are dropped. */
static _Thread_local int inside;
static pthread_once_t log_once = PTHREAD_ONCE_INIT;

static void
log_filter(void *avcl, int level, const char *fmt, va_list ap)
{
    if (!inside)
        av_log_default_callback(avcl, level, fmt, ap);
}

static void
install_log_filter(void)
{
    av_log_set_callback(log_filter);
}

static void
enter(void)
{
    pthread_once(&log_once, install_log_filter);
    inside++;
}

static ov_status
leave(ov_status st)
{
    inside--;
    return st;
}

/* ---- the file in memory ------------------------------------------------- */

typedef struct membuf {
    unsigned char *data;
    size_t len, cap;
    size_t pos;             /* the writer's position */
} membuf;

/* A reader of a membuf, for the muxer's second pass. */
typedef struct memread {
    const membuf *m;
    size_t pos;
} memread;

static int64_t
seek_to(size_t *pos, size_t len, int64_t off, int whence)
{
    int64_t base;

    switch (whence & ~AVSEEK_FORCE) {
    case AVSEEK_SIZE:
        return (int64_t)len;
    case SEEK_SET:
        base = 0;
        break;
    case SEEK_CUR:
        base = (int64_t)*pos;
        break;
    case SEEK_END:
        base = (int64_t)len;
        break;
    default:
        return AVERROR(EINVAL);
    }
    if (off < -base || base + off > (int64_t)1 << 40)
        return AVERROR(EINVAL);
    *pos = (size_t)(base + off);
    return (int64_t)*pos;
}

static int
mem_write(void *opaque, OV_AVIO_WBUF *buf, int n)
{
    membuf *m = opaque;
    size_t end = m->pos + (size_t)n;

    if (end > m->cap) {
        size_t cap = m->cap ? m->cap : IO_BUFFER;
        while (cap < end)
            cap *= 2;
        unsigned char *p = ov__realloc(m->data, cap);
        if (!p)
            return AVERROR(ENOMEM);
        m->data = p;
        m->cap = cap;
    }
    if (m->pos > m->len)
        memset(m->data + m->len, 0, m->pos - m->len);
    memcpy(m->data + m->pos, buf, (size_t)n);
    m->pos = end;
    if (end > m->len)
        m->len = end;
    return n;
}

static int64_t
mem_seek(void *opaque, int64_t off, int whence)
{
    membuf *m = opaque;

    return seek_to(&m->pos, m->len, off, whence);
}

static int
memread_read(void *opaque, uint8_t *buf, int n)
{
    memread *r = opaque;
    size_t left = r->pos < r->m->len ? r->m->len - r->pos : 0;

    if (left == 0)
        return AVERROR_EOF;
    if ((size_t)n > left)
        n = (int)left;
    memcpy(buf, r->m->data + r->pos, (size_t)n);
    r->pos += (size_t)n;
    return n;
}

static int64_t
memread_seek(void *opaque, int64_t off, int whence)
{
    memread *r = opaque;

    return seek_to(&r->pos, r->m->len, off, whence);
}

static void
free_avio(AVIOContext **pb)
{
    if (*pb) {
        av_freep(&(*pb)->buffer);
        avio_context_free(pb);
    }
}

/* An AVIOContext over @p opaque with the given callbacks (FFmpeg owns
 * its buffer from then on). */
static AVIOContext *
new_avio(void *opaque, int writable,
         int (*rd)(void *, uint8_t *, int),
         int (*wr)(void *, OV_AVIO_WBUF *, int),
         int64_t (*sk)(void *, int64_t, int))
{
    unsigned char *buf = av_malloc(IO_BUFFER);
    AVIOContext *pb;

    if (!buf)
        return NULL;
    pb = avio_alloc_context(buf, IO_BUFFER, writable, opaque, rd, wr, sk);
    if (!pb)
        av_free(buf);
    return pb;
}

/* ---- the sink ----------------------------------------------------------- */

typedef struct video_sink {
    const video_kind *kind;
    ov_write_fn fn;
    void *closure;
    const char *command_line;
    membuf mem;
    AVFormatContext *fc;
    AVCodecContext *enc;
    AVStream *st;
    AVFrame *yuv;
    AVPacket *pkt;
    struct SwsContext *sws;
    uint32_t *pad;          /* the frame, padded to even sizes */
    size_t pad_stride;      /* bytes, a multiple of 64 */
    int width, height;      /* the frames' size */
    long n, next;           /* planned frames; the next one */
    int64_t *start;         /* start of each frame, centiseconds */
    int *delay;             /* its duration */
    int64_t pts;
} video_sink;

/* The muxer's second pass (MP4's faststart) reopens the output to read
 * it back: a reader of the buffer. */
static int
reopen(AVFormatContext *fc, AVIOContext **pb, const char *url, int flags,
       AVDictionary **options)
{
    memread *r;

    (void)url;
    (void)options;
    if (!fc->pb || (flags & AVIO_FLAG_WRITE))
        return AVERROR(EPERM);
    r = av_mallocz(sizeof *r);
    if (!r)
        return AVERROR(ENOMEM);
    r->m = fc->pb->opaque;
    *pb = new_avio(r, 0, memread_read, NULL, memread_seek);
    if (!*pb) {
        av_free(r);
        return AVERROR(ENOMEM);
    }
    return 0;
}

static int
reclose(AVFormatContext *fc, AVIOContext *pb)
{
    (void)fc;
    if (pb) {
        av_free(pb->opaque);
        free_avio(&pb);
    }
    return 0;
}

static void
abort_quietly(void *sink)
{
    video_sink *s = sink;

    if (!s)
        return;
    if (s->fc) {
        free_avio(&s->fc->pb);
        avformat_free_context(s->fc);
    }
    avcodec_free_context(&s->enc);
    av_frame_free(&s->yuv);
    av_packet_free(&s->pkt);
    sws_freeContext(s->sws);
    av_free(s->pad);
    ov__free(s->start);
    ov__free(s->delay);
    ov__free(s->mem.data);
    ov__free(s);
}

static ov_status
video_create(void **out, ov_write_fn fn, void *closure,
             const ov__sink_options *opt, const video_kind *kind,
             ov_error *err)
{
    video_sink *s = ov__calloc(1, sizeof *s);

    if (!s)
        return OV_ERR_NOMEM;
    s->kind = kind;
    s->fn = fn;
    s->closure = closure;
    s->command_line = opt->command_line;
    if (ov__av_load(err) != OV_OK) {
        ov__free(s);
        return OV_ERR_UNSUPPORTED;
    }
    if (!avcodec_find_encoder_by_name(kind->encoder)) {
        ov__free(s);
        return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0,
                             "FFmpeg has no %s encoder", kind->encoder);
    }
    *out = s;
    return OV_OK;
}

static ov_status
mp4_create(void **out, ov_write_fn fn, void *closure,
           const ov__sink_options *opt, ov_error *err)
{
    return video_create(out, fn, closure, opt, &mp4_kind, err);
}

static ov_status
webm_create(void **out, ov_write_fn fn, void *closure,
            const ov__sink_options *opt, ov_error *err)
{
    return video_create(out, fn, closure, opt, &webm_kind, err);
}

static ov_status
av_status(int ret)
{
    return ret == AVERROR(ENOMEM) ? OV_ERR_NOMEM : OV_ERR_ENCODE;
}

/* The delay most frames have: the frame rate the encoder is told. */
static int
usual_delay(const ov__frame_plan *plan)
{
    int best = plan->delay[0], count = 0;

    for (long i = 0; i < plan->n && i < 64; i++) {
        int c = 0;
        for (long k = 0; k < plan->n; k++)
            c += plan->delay[k] == plan->delay[i];
        if (c > count) {
            count = c;
            best = plan->delay[i];
        }
    }
    return best > 0 ? best : 1;
}

static ov_status
open_encoder(video_sink *s, int w, int h, int delay)
{
    const AVCodec *codec = avcodec_find_encoder_by_name(s->kind->encoder);
    AVCodecContext *c;
    int gop = 100 * KEY_SECONDS / delay;
    int ret;

    if (!codec)
        return OV_ERR_UNSUPPORTED;
    c = s->enc = avcodec_alloc_context3(codec);
    if (!c)
        return OV_ERR_NOMEM;
    c->log_level_offset = LOG_OFFSET;
    c->width = w;
    c->height = h;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->time_base = (AVRational){ 1, 100 };
    c->framerate = (AVRational){ 100, delay };
    c->gop_size = gop > 1 ? gop : 1;
    c->max_b_frames = 0;
    c->thread_count = 1;
    c->color_range = AVCOL_RANGE_MPEG;
    c->colorspace = AVCOL_SPC_BT709;
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
    c->flags |= AV_CODEC_FLAG_BITEXACT;
    if (s->fc->oformat->flags & AVFMT_GLOBALHEADER)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (s->kind->h264) {
        av_opt_set(c->priv_data, "preset", "medium", 0);
        av_opt_set(c->priv_data, "tune", "animation", 0);
        av_opt_set(c->priv_data, "profile", "high", 0);
        av_opt_set_double(c->priv_data, "crf", 23.0, 0);
        /* x264's macroblock tree made two encodings in one process
         * differ (481x361 after 800x600: the last macroblock, from
         * memory x264 never wrote), so it is off; CRF 23 without it is
         * a little larger than CRF 20 with it, and a little better. */
        av_opt_set_int(c->priv_data, "mbtree", 0, 0);
    } else {
        c->bit_rate = 0;
        av_opt_set(c->priv_data, "deadline", "realtime", 0);
        av_opt_set_int(c->priv_data, "cpu-used", 6, 0);
        av_opt_set_int(c->priv_data, "crf", 32, 0);
        av_opt_set_int(c->priv_data, "row-mt", 0, 0);
    }
    ret = avcodec_open2(c, codec, NULL);
    if (ret < 0)
        return av_status(ret);
    s->st = avformat_new_stream(s->fc, NULL);
    if (!s->st)
        return OV_ERR_NOMEM;
    s->st->time_base = c->time_base;
    ret = avcodec_parameters_from_context(s->st->codecpar, c);
    return ret < 0 ? av_status(ret) : OV_OK;
}

static ov_status
open_converter(video_sink *s, int w, int h)
{
    const int *m709 = sws_getCoefficients(SWS_CS_ITU709);

    /* Chroma is the average of each 2x2 block (area), of full-resolution
     * input chroma. */
    s->sws = sws_getContext(w, h, AV_PIX_FMT_0RGB32, w, h,
                            AV_PIX_FMT_YUV420P,
                            SWS_AREA | SWS_FULL_CHR_H_INP
                                | SWS_ACCURATE_RND | SWS_BITEXACT,
                            NULL, NULL, NULL);
    if (!s->sws)
        return OV_ERR_ENCODE;
    /* RGB is full range, the video limited range (what players expect). */
    sws_setColorspaceDetails(s->sws, m709, 1, m709, 0, 0, 1 << 16, 1 << 16);
    s->yuv = av_frame_alloc();
    if (!s->yuv)
        return OV_ERR_NOMEM;
    s->yuv->format = AV_PIX_FMT_YUV420P;
    s->yuv->width = w;
    s->yuv->height = h;
    s->yuv->color_range = AVCOL_RANGE_MPEG;
    s->yuv->colorspace = AVCOL_SPC_BT709;
    s->yuv->color_primaries = AVCOL_PRI_BT709;
    s->yuv->color_trc = AVCOL_TRC_BT709;
    return av_frame_get_buffer(s->yuv, 0) < 0 ? OV_ERR_NOMEM : OV_OK;
}

static ov_status
begin_quietly(void *sink, int width, int height, const ov__frame_plan *plan)
{
    video_sink *s = sink;
    int w = width + (width & 1), h = height + (height & 1);
    AVDictionary *opts = NULL;
    ov_status st;
    int ret;

    if (width <= 0 || height <= 0 || plan->n <= 0)
        return OV_ERR_INVALID_ARG;
    s->width = width;
    s->height = height;
    s->n = plan->n;
    s->start = ov__malloc((size_t)plan->n * sizeof *s->start);
    s->delay = ov__malloc((size_t)plan->n * sizeof *s->delay);
    s->pkt = av_packet_alloc();
    if (!s->start || !s->delay || !s->pkt)
        return OV_ERR_NOMEM;
    for (long i = 0; i < plan->n; i++) {
        s->start[i] = i ? s->start[i - 1] + s->delay[i - 1] : 0;
        s->delay[i] = plan->delay[i] > 0 ? plan->delay[i] : 1;
    }
    s->pad_stride = ((size_t)w * sizeof *s->pad + 63) & ~(size_t)63;
    if ((size_t)h > SIZE_MAX / s->pad_stride)
        return OV_ERR_TOO_LARGE;
    s->pad = av_malloc(s->pad_stride * (size_t)h);
    if (!s->pad)
        return OV_ERR_NOMEM;

    ret = avformat_alloc_output_context2(&s->fc, NULL, s->kind->muxer,
                                         NULL);
    if (ret < 0 || !s->fc)
        return ret == AVERROR(ENOMEM) ? OV_ERR_NOMEM : OV_ERR_UNSUPPORTED;
    s->fc->flags |= AVFMT_FLAG_BITEXACT;
    s->fc->pb = new_avio(&s->mem, 1, NULL, mem_write, mem_seek);
    if (!s->fc->pb)
        return OV_ERR_NOMEM;
    s->fc->io_open = reopen;
    s->fc->io_close2 = reclose;
    if (s->command_line
        && av_dict_set(&s->fc->metadata, "comment", s->command_line, 0) < 0)
        return OV_ERR_NOMEM;
    st = open_encoder(s, w, h, usual_delay(plan));
    if (!st)
        st = open_converter(s, w, h);
    if (st)
        return st;
    if (s->kind->h264)
        av_dict_set(&opts, "movflags", "+faststart", 0);
    ret = avformat_write_header(s->fc, &opts);
    av_dict_free(&opts);
    return ret < 0 ? av_status(ret) : OV_OK;
}

/* Hands the encoder's packets to the muxer. */
static ov_status
drain(video_sink *s)
{
    for (;;) {
        int ret = avcodec_receive_packet(s->enc, s->pkt);
        long lo = 0, hi = s->n - 1;

        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return OV_OK;
        if (ret < 0)
            return av_status(ret);
        /* The frame this packet shows: its duration. */
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (s->start[mid] <= s->pkt->pts)
                lo = mid;
            else
                hi = mid - 1;
        }
        s->pkt->duration = s->delay[lo];
        s->pkt->stream_index = s->st->index;
        av_packet_rescale_ts(s->pkt, s->enc->time_base, s->st->time_base);
        ret = av_write_frame(s->fc, s->pkt);
        av_packet_unref(s->pkt);
        if (ret < 0)
            return av_status(ret);
    }
}

/*
 * @p img copied into the sink's buffer, padded to even sizes by repeating
 * its last column and row.  The copy is cheap beside the encoding, and
 * gives the converter the same alignment every run, and defined bytes
 * to the end of each row: libswscale's SIMD code reads past the width
 * (the last pixel, repeated there, made a 482-pixel-wide video differ
 * between runs when the bytes were left as they came).
 */
static const uint32_t *
padded(video_sink *s, const ov_image *img)
{
    int h = s->height + (s->height & 1);

    for (int y = 0; y < h; y++) {
        int sy = y < s->height ? y : s->height - 1;
        const uint32_t *src = (const uint32_t *)((const unsigned char *)
                                                 img->px + sy * img->stride);
        uint32_t *dst = (uint32_t *)((unsigned char *)s->pad
                                     + (size_t)y * s->pad_stride);
        memcpy(dst, src, (size_t)s->width * sizeof *dst);
        for (size_t x = (size_t)s->width; x < s->pad_stride / 4; x++)
            dst[x] = src[s->width - 1];
    }
    return s->pad;
}

static ov_status
frame_quietly(void *sink, const ov_image *img, const ov_rect *dirty,
              size_t ndirty, int delay_cs)
{
    video_sink *s = sink;
    const uint32_t *px;
    int ret;

    (void)dirty;
    (void)ndirty;
    (void)delay_cs;
    if (s->next >= s->n || img->width != s->width
        || img->height != s->height)
        return OV_ERR_INVALID_ARG;
    ret = av_frame_make_writable(s->yuv);
    if (ret < 0)
        return av_status(ret);
    /* Defined bytes past the width too (encoders read them). */
    for (int i = 0; i < 3; i++)
        memset(s->yuv->data[i], 0, (size_t)s->yuv->linesize[i]
                                   * (size_t)(i ? (s->yuv->height + 1) / 2
                                                : s->yuv->height));
    px = padded(s, img);
    const uint8_t *src[4] = { (const uint8_t *)px, NULL, NULL, NULL };
    int src_stride[4] = { (int)s->pad_stride, 0, 0, 0 };
    sws_scale(s->sws, src, src_stride, 0, s->yuv->height, s->yuv->data,
              s->yuv->linesize);
    s->yuv->pts = s->start[s->next++];
    ret = avcodec_send_frame(s->enc, s->yuv);
    return ret < 0 ? av_status(ret) : drain(s);
}

static ov_status
end_quietly(void *sink)
{
    video_sink *s = sink;
    ov_status st = OV_OK;
    int ret;

    if (s->next != s->n)
        st = OV_ERR_INVALID_ARG;
    if (!st) {
        ret = avcodec_send_frame(s->enc, NULL);
        st = ret < 0 ? av_status(ret) : drain(s);
    }
    if (!st) {
        ret = av_write_trailer(s->fc);
        if (ret < 0)
            st = av_status(ret);
    }
    if (!st) {
        avio_flush(s->fc->pb);
        st = (ov_status)s->fn(s->closure, s->mem.data, s->mem.len);
    }
    abort_quietly(s);
    return st;
}

/* The sink's entry points: FFmpeg's messages from inside them dropped. */
static ov_status
video_begin(void *sink, int width, int height, const ov__frame_plan *plan)
{
    enter();
    return leave(begin_quietly(sink, width, height, plan));
}

static ov_status
video_frame(void *sink, const ov_image *img, const ov_rect *dirty,
            size_t ndirty, int delay_cs)
{
    enter();
    return leave(frame_quietly(sink, img, dirty, ndirty, delay_cs));
}

static ov_status
video_end(void *sink)
{
    enter();
    return leave(end_quietly(sink));
}

static void
video_abort(void *sink)
{
    enter();
    abort_quietly(sink);
    leave(OV_OK);
}

const ov__sink_class ov__mp4_sink = {
    "mp4", 1, mp4_create, NULL, video_begin, video_frame, video_end,
    video_abort, NULL
};

const ov__sink_class ov__webm_sink = {
    "webm", 1, webm_create, NULL, video_begin, video_frame, video_end,
    video_abort, NULL
};

/* ---- reading the recorded command line back ----------------------------- */

static int
file_read(void *opaque, uint8_t *buf, int n)
{
    size_t got = fread(buf, 1, (size_t)n, opaque);

    return got > 0 ? (int)got : AVERROR_EOF;
}

static int64_t
file_seek(void *opaque, int64_t off, int whence)
{
    FILE *f = opaque;
    struct stat sb;

    whence &= ~AVSEEK_FORCE;
    if (whence == AVSEEK_SIZE)
        return fstat(fileno(f), &sb) == 0 ? (int64_t)sb.st_size : -1;
    if (fseeko(f, (off_t)off, whence) != 0)
        return AVERROR(EINVAL);
    return (int64_t)ftello(f);
}

static ov_status
read_quietly(FILE *f, const char *demuxer, char **out)
{
    const AVInputFormat *ifmt = av_find_input_format(demuxer);
    AVFormatContext *ic = avformat_alloc_context();
    AVDictionaryEntry *e;
    AVIOContext *pb;
    ov_status st = OV_ERR_NOT_FOUND;

    if (!ic)
        return OV_ERR_NOMEM;
    pb = new_avio(f, 0, file_read, NULL, file_seek);
    if (!pb) {
        avformat_free_context(ic);
        return OV_ERR_NOMEM;
    }
    ic->pb = pb;
    /* On failure avformat_open_input frees ic, not the custom pb. */
    if (ifmt && avformat_open_input(&ic, NULL, ifmt, NULL) == 0) {
        e = av_dict_get(ic->metadata, "comment", NULL, 0);
        if (e && strlen(e->value) <= OV__MAX_RECORDED) {
            *out = ov__strdup(e->value);
            st = *out ? OV_OK : OV_ERR_NOMEM;
        }
        avformat_close_input(&ic);
    }
    free_avio(&pb);
    return st;
}

static ov_status
read_comment(FILE *f, const char *demuxer, char **out)
{
    ov_status st = ov__av_load(NULL);

    if (st != OV_OK)
        return st;
    enter();
    return leave(read_quietly(f, demuxer, out));
}

ov_status
ov__mp4_read_command(FILE *f, char **out)
{
    return read_comment(f, mp4_kind.muxer, out);
}

ov_status
ov__webm_read_command(FILE *f, char **out)
{
    return read_comment(f, webm_kind.muxer, out);
}

#endif /* OV_HAVE_VIDEO */
