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

OV_END_DECLS

#endif /* OPTVIZ_VERSION_H */
