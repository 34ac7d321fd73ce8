/*
 * fuzz_import.c: libFuzzer target for the import readers (import.h):
 * trajectories (CSV, JSON) and landscapes (CSV, .npy, .npz, JSON).  The
 * first byte picks the reader.  Any input must give either runs whose
 * rows are sane or a grid loss, or an error status with a message; never
 * a crash, a leak or a read out of bounds.
 */
#include <stdlib.h>
#include <string.h>

#include <optviz/import.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static ov_loss *rosen;

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    ov_error err;
    ov_status st;

    if (size < 1)
        return 0;
    if (!rosen && ov_loss_create(&rosen, "rosenbrock", NULL,
                                 OV_REDUCTION_MEAN, NULL) != OV_OK)
        abort();
    memset(&err, 0, sizeof err);
    if (data[0] & 1) {
        ov_loss *g = NULL;
        st = ov_grid_parse(&g, (const char *)data + 1, size - 1, "fuzz",
                           &err);
        if (st == OV_OK) {
            double xl[2], yl[2], t[2], gr[2];
            if (!g || !ov_loss_is_grid(g))
                abort();
            ov_loss_domain(g, xl, yl);
            t[0] = 0.5 * (xl[0] + xl[1]);
            t[1] = 0.5 * (yl[0] + yl[1]);
            (void)ov_loss_eval(g, t, gr);
            ov_loss_destroy(g);
        } else if (g || memchr(err.what, '\0', sizeof err.what) == NULL) {
            abort();
        }
    } else {
        ov_trajectory **t = NULL;
        size_t n = 0, i, k;
        st = ov_import_parse(&t, &n, (const char *)data + 1, size - 1,
                             "fuzz.csv", rosen, &err);
        if (st == OV_OK) {
            if (!t || n == 0)
                abort();
            for (i = 0; i < n; i++)
                for (k = 1; k < t[i]->n_rows; k++)
                    if (t[i]->rows[k].step <= t[i]->rows[k - 1].step)
                        abort();
            ov_import_free(t, n);
        } else if (t || memchr(err.what, '\0', sizeof err.what) == NULL) {
            abort();
        }
    }
    return 0;
}
