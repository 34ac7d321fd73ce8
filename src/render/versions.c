/*
 * versions.c: ov_library_versions, the libraries of this build at build
 * and at run time: the C library, cairo (render's), and the encode
 * layer's (encode/versions.c).  The table is made once.
 */
#include <pthread.h>
#include <stdio.h>

#include <cairo.h>
#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "optviz/version.h"
#include "versions_private.h"

#define MAX_ROWS 16

static ov_library_version rows[MAX_ROWS];
static size_t n_rows;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
fill(void)
{
#ifdef __GLIBC__
    static char glibc[32];

    snprintf(glibc, sizeof glibc, "%d.%d", __GLIBC__, __GLIBC_MINOR__);
    rows[n_rows++] = (ov_library_version){ "glibc", glibc,
                                           gnu_get_libc_version() };
#endif
    rows[n_rows++] = (ov_library_version){ "cairo", CAIRO_VERSION_STRING,
                                           cairo_version_string() };
    n_rows += ov__encode_versions(rows + n_rows, MAX_ROWS - n_rows);
}

size_t
ov_library_versions(const ov_library_version **out)
{
    pthread_once(&once, fill);
    *out = rows;
    return n_rows;
}
