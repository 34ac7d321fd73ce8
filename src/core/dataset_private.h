/*
 * dataset_private.h: the CSV reader's other use, labelled 2-D points for
 * the network losses (mlp_data.c).
 */
#ifndef OV_DATASET_PRIVATE_H
#define OV_DATASET_PRIVATE_H

#include <stddef.h>

#include <optviz/status.h>

/* Reads the CSV file @p path with columns x1, x2, label (by name, else the
 * first three; the rules of ov_dataset_load_csv): *x gets 2n values (x1,
 * x2 of each point), *y the n labels, both allocated. */
ov_status ov__dataset_load_labelled(const char *path, double **x,
                                    double **y, size_t *n, ov_error *err);

#endif /* OV_DATASET_PRIVATE_H */
