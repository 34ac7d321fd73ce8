/*
 * mlp_private.h: the two-class 2-D point sets of the network losses
 * (mlp_data.c), used by loss_mlp.c.
 */
#ifndef OV_MLP_PRIVATE_H
#define OV_MLP_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <optviz/status.h>

typedef struct ov__mlp_data {
    size_t n;
    double *x;      /* 2n: x1, x2 of each point */
    double *y;      /* n labels, 0 or 1 (a CSV may give any value) */
} ov__mlp_data;

/* Makes the set @p name (moons, circles, xor, spirals, blobs: @p n points
 * from @p seed with Gaussian @p noise; anything else: a CSV file with
 * columns x1,x2,label, n, noise and seed unused). */
ov_status ov__mlp_data_make(ov__mlp_data *d, const char *name, size_t n,
                            double noise, uint64_t seed, ov_error *err);
void ov__mlp_data_free(ov__mlp_data *d);

#endif /* OV_MLP_PRIVATE_H */
