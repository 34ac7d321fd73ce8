/*
 * optviz/rng.h: the portable random stream (SplitMix64).
 *
 * One stream per optimizer run, seeded once with --seed.  The same sequence
 * is produced by tools/torch_ref.py, which is what makes minibatch and noisy
 * runs comparable with torch step by step (optimizers.md §9.2, §9.4).
 */
#ifndef OPTVIZ_RNG_H
#define OPTVIZ_RNG_H

#include "common.h"

OV_BEGIN_DECLS

typedef struct ov_rng {
    uint64_t state;     /* advanced by the golden-ratio increment per draw */
} ov_rng;

OV_API void ov_rng_seed(ov_rng *rng, uint64_t seed);
OV_API uint64_t ov_rng_next(ov_rng *rng);
/** Unbiased integer in [0, n), by rejection; @p n >= 1. */
OV_API uint64_t ov_rng_below(ov_rng *rng, uint64_t n);
/** Double in [0, 1): the top 53 bits times 2^-53. */
OV_API double ov_rng_uniform(ov_rng *rng);
/** Two independent N(0, 1) draws by Box-Muller (u1 = 1 - U, u2 = U). */
OV_API void ov_rng_normal_pair(ov_rng *rng, double *z0, double *z1);
/** Fresh Fisher-Yates permutation of 0..n-1 into @p perm (i from n-1 down). */
OV_API void ov_rng_permutation(ov_rng *rng, size_t *perm, size_t n);

OV_END_DECLS

#endif /* OPTVIZ_RNG_H */
