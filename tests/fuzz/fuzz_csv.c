/*
 * fuzz_csv.c: libFuzzer target for the CSV reader.  Any input must give
 * either a data set whose every value is finite, or an error status with a
 * message; never a crash, a leak or a read out of bounds.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/dataset.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    ov_dataset *d = NULL;
    ov_error err;
    ov_status st;

    memset(&err, 0, sizeof err);
    st = ov_dataset_parse_csv(&d, (const char *)data, size, "fuzz", &err);
    if (st == OV_OK) {
        size_t i;
        if (!d || d->n == 0)
            abort();
        for (i = 0; i < d->n; i++)
            if (!isfinite(d->x[i]) || !isfinite(d->y[i]))
                abort();
        ov_dataset_destroy(d);
    } else {
        if (d != NULL || memchr(err.what, '\0', sizeof err.what) == NULL)
            abort();
    }
    return 0;
}
