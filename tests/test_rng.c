/*
 * test_rng.c: the portable stream against the vectors of optimizers.md
 * §9.2 and §9.4 (the same values tools/torch_ref.py produces).
 */
#include <optviz/rng.h>

#include "check.h"

int
main(void)
{
    ov_rng r;
    size_t perm[10];
    static const size_t first[10] = { 0, 9, 5, 8, 6, 4, 7, 2, 1, 3 };
    static const size_t second[10] = { 0, 9, 3, 2, 5, 7, 1, 6, 8, 4 };
    double z0, z1;
    int i, ok;

    ov_rng_seed(&r, 0);
    CHECK(ov_rng_next(&r) == UINT64_C(0xE220A8397B1DCDAF));
    CHECK(ov_rng_next(&r) == UINT64_C(0x6E789E6AA1B965F4));
    CHECK(ov_rng_next(&r) == UINT64_C(0x06C45D188009454F));

    ov_rng_seed(&r, 42);
    ov_rng_permutation(&r, perm, 10);
    for (ok = 1, i = 0; i < 10; i++)
        ok &= perm[i] == first[i];
    CHECK_MSG(ok, "first Fisher-Yates(10) of seed 42 differs");
    ov_rng_permutation(&r, perm, 10);
    for (ok = 1, i = 0; i < 10; i++)
        ok &= perm[i] == second[i];
    CHECK_MSG(ok, "second Fisher-Yates(10) of seed 42 differs");

    ov_rng_seed(&r, 3);
    ov_rng_normal_pair(&r, &z0, &z1);
    CHECK_EQ_BITS(z0, -0.15078931135351334);
    CHECK_EQ_BITS(z1, -0.46701055898018695);

    /* below(n) stays in range and hits every value for small n. */
    {
        int seen[7] = { 0 };
        ov_rng_seed(&r, 7);
        for (i = 0; i < 1000; i++) {
            uint64_t v = ov_rng_below(&r, 7);
            CHECK(v < 7);
            if (v < 7)
                seen[v] = 1;
        }
        for (ok = 1, i = 0; i < 7; i++)
            ok &= seen[i];
        CHECK(ok);
        CHECK(ov_rng_below(&r, 1) == 0);
    }
    /* uniform in [0, 1). */
    ov_rng_seed(&r, 11);
    for (ok = 1, i = 0; i < 10000; i++) {
        double u = ov_rng_uniform(&r);
        ok &= u >= 0.0 && u < 1.0;
    }
    CHECK(ok);
    return check_report("test_rng");
}
