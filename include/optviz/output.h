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
 * business (the optviz tool catches the fatal signals, removes the
 * temporaries, and dies of the signal).
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

/** The errno of the first failed write to @p o (EFBIG, ENOSPC, ...), or
 * 0 when none failed or @p o is NULL. */
OV_API int ov_output_errno(const ov_output *o);

/** Flushes, closes and renames into place; frees @p o either way. */
OV_API ov_status ov_output_commit(ov_output *o, ov_error *err);

/**
 * Commits @p n outputs together: every file is flushed and closed before
 * any is renamed into place; if one fails, none is placed (targets already
 * renamed get their old file back, through a hard link kept meanwhile,
 * where the file system has them).  Frees every output either way.
 * On failure err->line is the number (from 1) of the output that failed.
 */
OV_API ov_status ov_output_commit_all(ov_output *const *outs, size_t n,
                                      ov_error *err);

/** Closes and removes the temporary file; frees @p o.  Accepts NULL. */
OV_API void ov_output_abort(ov_output *o);

/**
 * Removes the temporary files of all open outputs.  Async-signal-safe
 * (it reads lock-free atomics and a fixed table, and calls only unlink),
 * so a signal handler may call it; the outputs stay open and must still
 * be aborted if the program goes on.  Thread-safe.
 */
OV_API void ov_output_remove_temporaries(void);

/**
 * Removes the temporary files of all open outputs and makes every later
 * ov_output_open() fail: once it returns, no temporary file exists or
 * will be made.  Not async-signal-safe (it takes the registry's lock):
 * for a thread that waits for signals (sigwait) while others write.
 * Outputs already committed are whole; others fail to commit.
 */
OV_API void ov_output_shutdown(void);

OV_END_DECLS

#endif /* OPTVIZ_OUTPUT_H */
