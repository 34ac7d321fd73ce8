/*
 * optviz/output.h: atomic output files.
 *
 * Output goes to a temporary file beside the target ("<dir>/.<name>.XXXXXX")
 * and is renamed over the target only on commit, so a failed or interrupted
 * run never leaves a half-written file and never touches an existing one.
 * The path "-" means standard output (written directly, nothing to rename).
 * Open outputs are tracked, from before their temporary file exists until
 * it is renamed or removed, so that ov_output_remove_temporaries() can
 * remove them from a signal handler.  The library installs no signal
 * handler and changes no signal mask: catching signals is the program's
 * business (the optviz tool catches SIGINT, SIGTERM, SIGHUP, SIGQUIT and
 * SIGPIPE, removes the temporaries, and dies of the signal).
 */
#ifndef OPTVIZ_OUTPUT_H
#define OPTVIZ_OUTPUT_H

#include "common.h"
#include "status.h"

OV_BEGIN_DECLS

typedef struct ov_output ov_output;

/**
 * Creates the temporary file for @p path.
 * @return OV_ERR_IO when the directory is missing or not writable, or the
 *         path is a directory (err->what says which).
 */
OV_API ov_status ov_output_open(ov_output **out, const char *path,
                                ov_error *err);

/** An ov_write_fn: @p closure is the ov_output. */
OV_API int ov_output_write(void *closure, const unsigned char *data,
                           size_t len);

/** Flushes, closes and renames into place; frees @p o either way. */
OV_API ov_status ov_output_commit(ov_output *o, ov_error *err);

/** Closes and removes the temporary file; frees @p o.  Accepts NULL. */
OV_API void ov_output_abort(ov_output *o);

/**
 * Removes the temporary files of all open outputs.  Async-signal-safe
 * (it reads lock-free atomics and a fixed table, and calls only unlink),
 * so a signal handler may call it; the outputs stay open and must still
 * be aborted if the program goes on.  Thread-safe.
 */
OV_API void ov_output_remove_temporaries(void);

OV_END_DECLS

#endif /* OPTVIZ_OUTPUT_H */
