/*
 * optviz/format.h: the output formats, as one table.
 *
 * Every format the library writes (figures and trajectories) is one row:
 * its name, its file extensions, what kind of output it is, its MIME type,
 * whether this build has it, and whether its files record the command
 * line that made them.  This table is the only place that maps names and
 * file extensions to formats; the tool and its batch runner ask it
 * (ov_format_from_path(), ov_format_from_name()) instead of comparing
 * suffixes themselves, so every caller agrees on what "t.Json" is.
 */
#ifndef OPTVIZ_FORMAT_H
#define OPTVIZ_FORMAT_H

#include "common.h"
#include "status.h"

OV_BEGIN_DECLS

/* Values are append-only, like ov_status. */
typedef enum ov_format {
    OV_FORMAT_PNG,
    OV_FORMAT_SVG,
    OV_FORMAT_PDF,
    OV_FORMAT_GIF,
    OV_FORMAT_CSV,      /* trajectories (export.h) */
    OV_FORMAT_JSON,     /* trajectories (export.h) */
    OV_FORMAT_MP4,      /* H.264 video; only with video support */
    OV_FORMAT_WEBM,     /* VP9 video; only with video support */
    OV_FORMAT_HTML      /* a self-contained interactive page */
} ov_format;

typedef enum ov_format_kind {
    OV_FORMAT_KIND_RASTER,      /* a still image: the last frame, pixels */
    OV_FORMAT_KIND_VECTOR,      /* a still drawing: the last step, vector */
    OV_FORMAT_KIND_ANIMATION,   /* every planned frame */
    OV_FORMAT_KIND_TRAJECTORY   /* the trajectories as data (export.h) */
} ov_format_kind;

#define OV_FORMAT_MAX_EXT 4

typedef struct ov_format_info {
    ov_format format;
    const char *name;            /* "png": lower case, for --format */
    const char *ext[OV_FORMAT_MAX_EXT]; /* lower case, without the dot,
                                           the usual one first; NULL-ended */
    ov_format_kind kind;
    const char *mime;            /* "image/png" */
    int available;               /* 1 when this build can write it */
    int records_command;         /* 1 when its files record the command
                                    line (ov_format_read_command) */
    const char *description;     /* a few words, for help texts */
    const char *feature;         /* the optional part of the build it
                                    needs ("video"), NULL when none */
} ov_format_info;

/** Rows in the table, in a fixed order (figures first). */
OV_API size_t ov_format_count(void);

/** Row @p i, NULL past the end; static storage. */
OV_API const ov_format_info *ov_format_at(size_t i);

/** The row of @p fmt, NULL when there is no such format; static storage. */
OV_API const ov_format_info *ov_format_info_of(ov_format fmt);

/**
 * The format of a file by its extension: the text after the last '.' of
 * the last path component, compared ignoring ASCII case ("T.GIF" and
 * "a.png.gif" are GIF).  A name with nothing after the dot ("x.") or
 * nothing before it (".png", a hidden file) has no extension.
 * @return OV_OK, OV_ERR_NOT_FOUND (no extension or an unknown one),
 *         OV_ERR_INVALID_ARG (NULL @p path or @p out).
 */
OV_API ov_status ov_format_from_path(const char *path, ov_format *out);

/**
 * The format called @p name ("png", "GIF", ...: a format's name or any of
 * its extensions, ignoring ASCII case).
 * @return OV_OK, OV_ERR_NOT_FOUND, OV_ERR_INVALID_ARG.
 */
OV_API ov_status ov_format_from_name(const char *name, ov_format *out);

/**
 * Reads back the command line that the file @p path of format @p fmt
 * records (a PNG's "Command" text, a GIF's comment, an MP4's or WebM's
 * "comment" tag, an HTML page's optviz-command meta element), NUL-terminated, into
 * @p buf of @p size bytes; *@p len (may be NULL) gets its length.  For
 * up-to-date checks: same flags, same bytes.
 * @return OV_OK; OV_ERR_UNSUPPORTED (the format records nothing);
 *         OV_ERR_NOT_FOUND (the file is not of the format or records
 *         nothing); OV_ERR_IO (cannot be opened); OV_ERR_TOO_LARGE
 *         (longer than @p size - 1: *len is its length and @p buf holds
 *         its start); OV_ERR_NOMEM; OV_ERR_INVALID_ARG.
 */
/**
 * 1 when this build makes live HTML pages (the library's core compiled to
 * WebAssembly and carried in the page, so sliders rerun the optimizers;
 * ov_figure_spec.run), 0 when it was built without emscripten: then only
 * player pages (run NULL) can be made.
 */
OV_API int ov_format_html_live(void);

OV_API ov_status ov_format_read_command(ov_format fmt, const char *path,
                                        char *buf, size_t size, size_t *len);

OV_END_DECLS

#endif /* OPTVIZ_FORMAT_H */
