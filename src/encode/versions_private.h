/*
 * versions_private.h: the versions of the libraries the encode layer links
 * (libpng, zlib, giflib and, when built in, FFmpeg's), for
 * ov_library_versions (render/versions.c).
 */
#ifndef OV_VERSIONS_PRIVATE_H
#define OV_VERSIONS_PRIVATE_H

#include <stddef.h>

#include <optviz/version.h>

/* Fills at most @p cap rows of @p out; @return the rows filled.  The
 * strings are static; call once (ov_library_versions does, under
 * pthread_once). */
size_t ov__encode_versions(ov_library_version *out, size_t cap);

#endif /* OV_VERSIONS_PRIVATE_H */
