/*
 * status.c: the one place where status codes get their words.
 */
#include <stdarg.h>
#include <stdio.h>

#include <optviz/status.h>
#include <optviz/version.h>

#include "error_private.h"

const char *
ov_status_str(ov_status st)
{
    switch (st) {
    case OV_OK:              return "success";
    case OV_ERR_NOMEM:       return "out of memory";
    case OV_ERR_INVALID_ARG: return "invalid value";
    case OV_ERR_IO:          return "input/output error";
    case OV_ERR_FORMAT:      return "malformed input";
    case OV_ERR_NOT_FOUND:   return "unknown name";
    case OV_ERR_UNSUPPORTED: return "not supported";
    case OV_ERR_RENDER:      return "drawing failed";
    case OV_ERR_ENCODE:      return "encoding failed";
    case OV_ERR_TOO_LARGE:   return "too large";
    case OV_ERR_EMPTY:       return "no data";
    case OV_ERR_NONFINITE:   return "not a finite number";
    case OV_STATUS_LAST:     break;
    }
    return "unknown status";
}

const char *
ov_version_string(void)
{
    return OV_VERSION_STRING;
}

ov_status
ov__error_set(ov_error *err, ov_status st, long line, long column,
              const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return st;
    err->status = st;
    err->line = line;
    err->column = column;
    va_start(ap, fmt);
    vsnprintf(err->what, sizeof err->what, fmt, ap);
    va_end(ap);
    return st;
}
