/*
 * error_private.h: filling an ov_error.  Every module reports the context
 * of a failure (line, column, a short description) through this one
 * function, so the detail struct is always filled the same way.
 */
#ifndef OV_ERROR_PRIVATE_H
#define OV_ERROR_PRIVATE_H

#include <optviz/status.h>

/*
 * Fills @p err (when not NULL) and @return @p st, so a failing path reads
 * `return ov__error_set(err, OV_ERR_FORMAT, line, 0, "...", ...);`.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
ov_status ov__error_set(ov_error *err, ov_status st, long line, long column,
                        const char *fmt, ...);

#endif /* OV_ERROR_PRIVATE_H */
