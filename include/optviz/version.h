/*
 * optviz/version.h: compile-time and run-time version.
 */
#ifndef OPTVIZ_VERSION_H
#define OPTVIZ_VERSION_H

#include "common.h"

OV_BEGIN_DECLS

#define OV_VERSION_MAJOR 0
#define OV_VERSION_MINOR 1
#define OV_VERSION_PATCH 0
#define OV_VERSION_STRING "0.1.0"

/** Version of the linked library, e.g. "0.1.0"; static storage. */
OV_API const char *ov_version_string(void);

/* One library optviz is built on, with the version of its headers at build
 * time and of the copy loaded at run time (they differ after an upgrade
 * of the shared library). */
typedef struct ov_library_version {
    const char *name;       /* "cairo", "libpng", "libavcodec", ... */
    const char *built;      /* the headers' version */
    const char *running;    /* the loaded library's; NULL when it has no
                               function that says */
} ov_library_version;

/**
 * The libraries of this build, the optional ones (FFmpeg's) only when
 * built in: *@p out points at static storage.  @return their count.
 * Thread-safe.
 */
OV_API size_t ov_library_versions(const ov_library_version **out);

OV_END_DECLS

#endif /* OPTVIZ_VERSION_H */
