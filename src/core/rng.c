/*
 * rng.c: SplitMix64 (Steele, Lea, Flood 2014), the portable stream behind
 * shuffling and gradient noise.  The constants and the derived draws
 * (rejection for below(), 53-bit uniforms, Box-Muller with u1 = 1 - U) are
 * exactly those of tools/torch_ref.py, so both produce the same batches and
 * noise (optimizers.md §9.2, §9.4).
 */
#include <math.h>

#include <optviz/rng.h>

void
ov_rng_seed(ov_rng *rng, uint64_t seed)
{
    rng->state = seed;
}

uint64_t
ov_rng_next(ov_rng *rng)
{
    uint64_t z;

    rng->state += UINT64_C(0x9E3779B97F4A7C15);
    z = rng->state;
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

uint64_t
ov_rng_below(ov_rng *rng, uint64_t n)
{
    /* Rejecting r < 2^64 mod n leaves a multiple of n values: no bias. */
    uint64_t threshold = (0 - n) % n;

    for (;;) {
        uint64_t r = ov_rng_next(rng);
        if (r >= threshold)
            return r % n;
    }
}

double
ov_rng_uniform(ov_rng *rng)
{
    return (double)(ov_rng_next(rng) >> 11) * (1.0 / 9007199254740992.0);
}

void
ov_rng_normal_pair(ov_rng *rng, double *z0, double *z1)
{
    /* 1 - U lies in (0, 1], so the log is finite. */
    double u1 = 1.0 - ov_rng_uniform(rng);
    double u2 = ov_rng_uniform(rng);
    double r = sqrt(-2.0 * log(u1));
    double t = 2.0 * 3.141592653589793 * u2;

    *z0 = r * cos(t);
    *z1 = r * sin(t);
}

void
ov_rng_permutation(ov_rng *rng, size_t *perm, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        perm[i] = i;
    for (i = n; i-- > 1;) {
        size_t j = (size_t)ov_rng_below(rng, (uint64_t)i + 1);
        size_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
}
