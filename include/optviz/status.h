/*
 * optviz/status.h: the one status enum of the library.
 *
 * Every fallible call returns an ov_status; OV_OK is 0.  Values are
 * append-only and never renumbered.  ov_status_str() gives a static,
 * one-line description; callers that need context (a file name, a CSV line,
 * the offending option) get it from the ov_error detail some calls fill in.
 */
#ifndef OPTVIZ_STATUS_H
#define OPTVIZ_STATUS_H

#include "common.h"

OV_BEGIN_DECLS

typedef enum ov_status {
    OV_OK = 0,
    OV_ERR_NOMEM,         /* an allocation failed */
    OV_ERR_INVALID_ARG,   /* a value outside its allowed range */
    OV_ERR_IO,            /* reading or writing a file failed */
    OV_ERR_FORMAT,        /* malformed input (CSV, expression, ...) */
    OV_ERR_NOT_FOUND,     /* unknown name (loss, algorithm, colormap, ...) */
    OV_ERR_UNSUPPORTED,   /* a valid request this build or loss cannot do */
    OV_ERR_RENDER,        /* cairo reported an error */
    OV_ERR_ENCODE,        /* the PNG or GIF encoder reported an error */
    OV_ERR_TOO_LARGE,     /* a size or count beyond the library's caps */
    OV_ERR_EMPTY,         /* input with no usable content */
    OV_ERR_NONFINITE,     /* NaN or infinity where a finite number is needed */
    OV_STATUS_LAST        /* never returned; keep last */
} ov_status;

/** Static description of @p st; never NULL. */
OV_API const char *ov_status_str(ov_status st);

/*
 * Optional detail filled in by calls that parse user input.  @line and
 * @column are 1-based, 0 when not applicable; @what is a short excerpt or
 * field name ("x", "'3.0abc'", "lr"), NUL-terminated, possibly empty.
 */
typedef struct ov_error {
    ov_status status;
    long line;
    long column;
    char what[160];
} ov_error;

OV_END_DECLS

#endif /* OPTVIZ_STATUS_H */
