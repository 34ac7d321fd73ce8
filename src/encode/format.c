/*
 * format.c: the format table (format.h), and the lookups by file name and
 * by format name.
 *
 * Adding a format is adding a row here plus its writer: a sink
 * (sink_private.h) for a raster still or an animation, a trajectory
 * writer for data; vector stills are cairo surfaces, chosen in
 * render/render.c.  Extensions are matched ignoring ASCII case only, not
 * the locale's, so "X.PNG" means the same everywhere.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "optviz/format.h"
#include "alloc_private.h"
#include "format_private.h"

/* The video rows exist in every build; without FFmpeg they are not
 * available and have no writer. */
#ifndef OV_HAVE_VIDEO
#  define OV_HAVE_VIDEO 0
#endif
#if OV_HAVE_VIDEO
#  define VIDEO(x) x
#else
#  define VIDEO(x) NULL
#endif

static const ov__format_row rows[] = {
    { { OV_FORMAT_GIF, "gif", { "gif" }, OV_FORMAT_KIND_ANIMATION,
        "image/gif", 1, 1, "animation", NULL },
      &ov__gif_sink, NULL, ov__gif_read_command },
    { { OV_FORMAT_PNG, "png", { "png" }, OV_FORMAT_KIND_RASTER,
        "image/png", 1, 1, "still of the last frame", NULL },
      &ov__png_sink, NULL, ov__png_read_command },
    { { OV_FORMAT_SVG, "svg", { "svg" }, OV_FORMAT_KIND_VECTOR,
        "image/svg+xml", 1, 0, "vector still", NULL },
      NULL, NULL, NULL },
    { { OV_FORMAT_PDF, "pdf", { "pdf" }, OV_FORMAT_KIND_VECTOR,
        "application/pdf", 1, 0, "vector still", NULL },
      NULL, NULL, NULL },
    { { OV_FORMAT_MP4, "mp4", { "mp4" }, OV_FORMAT_KIND_ANIMATION,
        "video/mp4", OV_HAVE_VIDEO, OV_HAVE_VIDEO, "H.264 video",
        "video" },
      VIDEO(&ov__mp4_sink), NULL, VIDEO(ov__mp4_read_command) },
    { { OV_FORMAT_WEBM, "webm", { "webm" }, OV_FORMAT_KIND_ANIMATION,
        "video/webm", OV_HAVE_VIDEO, OV_HAVE_VIDEO, "VP9 video",
        "video" },
      VIDEO(&ov__webm_sink), NULL, VIDEO(ov__webm_read_command) },
    { { OV_FORMAT_HTML, "html", { "html", "htm" }, OV_FORMAT_KIND_ANIMATION,
        "text/html", 1, 1, "interactive page (player, live sliders)",
        NULL },
      &ov__html_sink, NULL, ov__html_read_command },
    { { OV_FORMAT_CSV, "csv", { "csv" }, OV_FORMAT_KIND_TRAJECTORY,
        "text/csv", 1, 0, "trajectories, one row per step", NULL },
      NULL, ov__export_csv_row, NULL },
    { { OV_FORMAT_JSON, "json", { "json" }, OV_FORMAT_KIND_TRAJECTORY,
        "application/json", 1, 0,
        "trajectories with the loss and hyper-parameters", NULL },
      NULL, ov__export_json_row, NULL },
};

#define NROWS (sizeof rows / sizeof rows[0])

#ifndef OV_HAVE_WASM
#  define OV_HAVE_WASM 0
#endif

int
ov_format_html_live(void)
{
    return OV_HAVE_WASM;
}

size_t
ov_format_count(void)
{
    return NROWS;
}

const ov_format_info *
ov_format_at(size_t i)
{
    return i < NROWS ? &rows[i].info : NULL;
}

const ov__format_row *
ov__format_row_of(ov_format fmt)
{
    for (size_t i = 0; i < NROWS; i++)
        if (rows[i].info.format == fmt)
            return &rows[i];
    return NULL;
}

const ov_format_info *
ov_format_info_of(ov_format fmt)
{
    const ov__format_row *r = ov__format_row_of(fmt);

    return r ? &r->info : NULL;
}

static int
ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
same_word(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
            return 0;
    return *a == *b;
}

/* The row whose name (when @p by_name) or one of whose extensions is
 * @p word. */
static const ov__format_row *
find(const char *word, int by_name)
{
    for (size_t i = 0; i < NROWS; i++) {
        const ov_format_info *f = &rows[i].info;

        if (by_name && same_word(word, f->name))
            return &rows[i];
        for (size_t k = 0; k < OV_FORMAT_MAX_EXT && f->ext[k]; k++)
            if (same_word(word, f->ext[k]))
                return &rows[i];
    }
    return NULL;
}

ov_status
ov_format_from_path(const char *path, ov_format *out)
{
    const char *base, *dot, *slash;
    const ov__format_row *r;

    if (!path || !out)
        return OV_ERR_INVALID_ARG;
    slash = strrchr(path, '/');
    base = slash ? slash + 1 : path;
    dot = strrchr(base, '.');
    /* ".png" is a hidden file called png, as for the shell's *.png. */
    if (!dot || dot == base || !dot[1])
        return OV_ERR_NOT_FOUND;
    r = find(dot + 1, 0);
    if (!r)
        return OV_ERR_NOT_FOUND;
    *out = r->info.format;
    return OV_OK;
}

ov_status
ov_format_from_name(const char *name, ov_format *out)
{
    const ov__format_row *r;

    if (!name || !out)
        return OV_ERR_INVALID_ARG;
    r = find(name, 1);
    if (!r)
        return OV_ERR_NOT_FOUND;
    *out = r->info.format;
    return OV_OK;
}

/*
 * Reads the start of @p path, as much as a recorded command line can be
 * found in (the writers put it before the image data), into *@p out
 * (*@p len bytes).  Only a regular file is read, opened without waiting,
 * so a FIFO or a device at the path neither blocks nor streams forever,
 * and a file of gigabytes costs no more than a small one.
 */
static ov_status
read_prefix(const char *path, char **out, size_t *len)
{
    size_t cap = (size_t)OV__RECORD_PREFIX, n = 0;
    struct stat sb;
    char *buf;
    int fd = open(path, O_RDONLY | O_NONBLOCK);

    if (fd < 0)
        return OV_ERR_IO;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return OV_ERR_IO;
    }
    if (sb.st_size >= 0 && (uintmax_t)sb.st_size < cap)
        cap = (size_t)sb.st_size;
    buf = ov__malloc(cap + 1);
    if (!buf) {
        close(fd);
        return OV_ERR_NOMEM;
    }
    while (n < cap) {
        ssize_t got = read(fd, buf + n, cap - n);

        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    *out = buf;
    *len = n;
    return OV_OK;
}

ov_status
ov_format_read_command(ov_format fmt, const char *path, char *buf,
                       size_t size, size_t *len)
{
    const ov__format_row *r = ov__format_row_of(fmt);
    char *text = NULL, *prefix = NULL;
    size_t n;
    FILE *f;
    ov_status st;

    if (!path || !buf || size == 0 || !r)
        return OV_ERR_INVALID_ARG;
    buf[0] = '\0';
    if (!r->read_command)
        return OV_ERR_UNSUPPORTED;
    st = read_prefix(path, &prefix, &n);
    if (st != OV_OK)
        return st;
    f = n ? fmemopen(prefix, n, "rb") : NULL;
    if (!f) {
        ov__free(prefix);
        return n ? OV_ERR_NOMEM : OV_ERR_NOT_FOUND;
    }
    st = r->read_command(f, &text);
    fclose(f);
    ov__free(prefix);
    if (st != OV_OK)
        return st;
    n = strlen(text);
    if (len)
        *len = n;
    if (n >= size) {
        memcpy(buf, text, size - 1);
        buf[size - 1] = '\0';
        st = OV_ERR_TOO_LARGE;
    } else {
        memcpy(buf, text, n + 1);
    }
    ov__free(text);
    return st;
}
