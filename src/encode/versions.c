/*
 * versions.c: which libpng, zlib, giflib and FFmpeg this build was compiled
 * against and which it runs with (versions_private.h).  giflib has no
 * run-time version function: its running version is NULL.
 */
#include <stdio.h>

#include <gif_lib.h>
#include <png.h>
#include <zlib.h>

#include "versions_private.h"

#if OV_HAVE_VIDEO
#include "av_loader.h"   /* FFmpeg is opened on first use, here too */
#endif

#define STR_(x) #x
#define STR(x) STR_(x)

#if OV_HAVE_VIDEO
/* FFmpeg packs a version as major << 16 | minor << 8 | micro. */
static const char *
av_text(char *buf, size_t size, unsigned v)
{
    snprintf(buf, size, "%u.%u.%u", v >> 16, (v >> 8) & 0xFF, v & 0xFF);
    return buf;
}
#endif

size_t
ov__encode_versions(ov_library_version *out, size_t cap)
{
    size_t n = 0;
#if OV_HAVE_VIDEO
    static char run[4][16];
#endif

#define ROW(a, b, c)                                \
    do {                                            \
        if (n < cap) {                              \
            out[n].name = (a);                      \
            out[n].built = (b);                     \
            out[n].running = (c);                   \
            n++;                                    \
        }                                           \
    } while (0)
    ROW("libpng", PNG_LIBPNG_VER_STRING, png_get_libpng_ver(NULL));
    ROW("zlib", ZLIB_VERSION, zlibVersion());
    ROW("giflib", STR(GIFLIB_MAJOR) "." STR(GIFLIB_MINOR) "."
        STR(GIFLIB_RELEASE), NULL);
#if OV_HAVE_VIDEO
    {
        /* Asking for the versions loads FFmpeg: only --version does. */
        int loaded = ov__av_load(NULL) == OV_OK;

        ROW("libavcodec", AV_STRINGIFY(LIBAVCODEC_VERSION), loaded
            ? av_text(run[0], sizeof run[0], avcodec_version()) : NULL);
        ROW("libavformat", AV_STRINGIFY(LIBAVFORMAT_VERSION), loaded
            ? av_text(run[1], sizeof run[1], avformat_version()) : NULL);
        ROW("libavutil", AV_STRINGIFY(LIBAVUTIL_VERSION), loaded
            ? av_text(run[2], sizeof run[2], avutil_version()) : NULL);
        ROW("libswscale", AV_STRINGIFY(LIBSWSCALE_VERSION), loaded
            ? av_text(run[3], sizeof run[3], swscale_version()) : NULL);
    }
#endif
#undef ROW
    return n;
}
