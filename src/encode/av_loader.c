/*
 * av_loader.c: opens FFmpeg's libraries on first use and fills the table
 * of av_loader.h.  See there for why.
 */
#if OV_HAVE_VIDEO

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "error_private.h"

#define OV__AV_NO_REDIRECT
#include "av_loader.h"

#define STR_(x) #x
#define STR(x) STR_(x)

ov__av_api ov__av;

/* The sonames of the major versions the headers describe; a library of
 * another major version has another ABI and is never opened. */
static const char *const libraries[] = {
    "libavutil.so." STR(LIBAVUTIL_VERSION_MAJOR),
    "libswscale.so." STR(LIBSWSCALE_VERSION_MAJOR),
    "libavcodec.so." STR(LIBAVCODEC_VERSION_MAJOR),
    "libavformat.so." STR(LIBAVFORMAT_VERSION_MAJOR),
};
#define N_LIBRARIES (sizeof libraries / sizeof libraries[0])

typedef struct slot {
    const char *name;
    size_t offset;
} slot;

#define OV__AV_ROW(name) { #name, offsetof(ov__av_api, name) },
static const slot slots[] = { OV__AV_FUNCTIONS(OV__AV_ROW) };
#undef OV__AV_ROW

static pthread_once_t once = PTHREAD_ONCE_INIT;
static ov_status result;
static char failure[256];

static void
load(void)
{
    void *handle[N_LIBRARIES];
    char *base = (char *)&ov__av;

    for (size_t i = 0; i < N_LIBRARIES; i++) {
        /* The handles stay open for the life of the process: the table
         * points into them. */
        handle[i] = dlopen(libraries[i], RTLD_NOW | RTLD_LOCAL);
        if (!handle[i]) {
            snprintf(failure, sizeof failure,
                     "video needs FFmpeg's %s, which cannot be loaded "
                     "(install FFmpeg's libraries: Debian's package ffmpeg)",
                     libraries[i]);
            result = OV_ERR_UNSUPPORTED;
            return;
        }
    }
    for (size_t k = 0; k < sizeof slots / sizeof slots[0]; k++) {
        void *f = NULL;
        for (size_t i = 0; i < N_LIBRARIES && !f; i++)
            f = dlsym(handle[i], slots[k].name);
        if (!f) {
            snprintf(failure, sizeof failure,
                     "FFmpeg's libraries have no function %s", slots[k].name);
            result = OV_ERR_UNSUPPORTED;
            return;
        }
        /* POSIX guarantees a data pointer from dlsym converts to the
         * function pointer it names. */
        memcpy(base + slots[k].offset, &f, sizeof f);
    }
    result = OV_OK;
}

ov_status
ov__av_load(ov_error *err)
{
    pthread_once(&once, load);
    if (result != OV_OK)
        return ov__error_set(err, result, 0, 0, "%s", failure);
    return OV_OK;
}

#endif /* OV_HAVE_VIDEO */
