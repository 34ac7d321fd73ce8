/*
 * import_private.h: what import.c and import_grid.c share.
 */
#ifndef OV_IMPORT_PRIVATE_H
#define OV_IMPORT_PRIVATE_H

#include <stddef.h>

#include <optviz/optim.h>
#include <optviz/status.h>

/* Reads the whole file @p path (at most OV_IMPORT_MAX_BYTES) into a
 * NUL-terminated buffer from ov__malloc. */
ov_status ov__import_read_file(const char *path, char **data, size_t *len,
                               ov_error *err);

/* The optimizer a run's label names: the longest optimizer name the
 * label starts with (in any case), followed by its end or a separator
 * ("adam", "GD", "gd lr=0.1", "adam-2").  The CSV export writes an optimizer column
 * only when some label does not name its run's optimizer so. */
int ov__algo_of_label(const char *label, ov_algo *out);

#endif /* OV_IMPORT_PRIVATE_H */
