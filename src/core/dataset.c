/*
 * dataset.c: (x, y) data sets: CSV reading and the built-in sets.
 *
 * The whole file is taken into memory (capped), then read record by
 * record by csvread.c, the reader the import formats use too (RFC 4180
 * quoting, CRLF, a UTF-8 BOM, any separator).  The first record is the header: the
 * columns named x and y are used, else the first two columns; a first
 * record that is all numbers is taken as data.  Every failure names its
 * line through ov_error.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/dataset.h>
#include <optviz/rng.h>

#include "alloc_private.h"
#include "csvread_private.h"
#include "error_private.h"
#include "dataset_private.h"

#define MAX_FILE_BYTES (64L << 20)   /* 64 MiB: millions of points */
#define MAX_NUMBER_LEN 64

struct dataset_impl {
    ov_dataset pub;     /* first: ov_dataset * is a struct dataset_impl * */
    double *x, *y;
    char *name;
};

static ov_status
dataset_alloc(struct dataset_impl **out, size_t n, const char *name)
{
    struct dataset_impl *d = ov__calloc(1, sizeof *d);

    if (!d)
        return OV_ERR_NOMEM;
    d->x = ov__malloc3(n, 1, sizeof(double));
    d->y = ov__malloc3(n, 1, sizeof(double));
    d->name = ov__strdup(name ? name : "");
    if (!d->x || !d->y || !d->name) {
        ov__free(d->x);
        ov__free(d->y);
        ov__free(d->name);
        ov__free(d);
        return OV_ERR_NOMEM;
    }
    d->pub.n = n;
    d->pub.x = d->x;
    d->pub.y = d->y;
    d->pub.name = d->name;
    *out = d;
    return OV_OK;
}

void
ov_dataset_destroy(ov_dataset *ds)
{
    struct dataset_impl *d = (struct dataset_impl *)ds;

    if (!d)
        return;
    ov__free(d->x);
    ov__free(d->y);
    ov__free(d->name);
    ov__free(d);
}

ov_status
ov_dataset_from_arrays(ov_dataset **out, const double *x, const double *y,
                       size_t n, const char *name)
{
    struct dataset_impl *d;
    ov_status st;

    if (n == 0)
        return OV_ERR_EMPTY;
    st = dataset_alloc(&d, n, name);
    if (st != OV_OK)
        return st;
    memcpy(d->x, x, n * sizeof(double));
    memcpy(d->y, y, n * sizeof(double));
    *out = &d->pub;
    return OV_OK;
}

#define MAX_COLS 3

/* Whether field @p i of the record is @p name (lower case), in any case. */
static int
name_is(const ov__csv *r, size_t i, const char *name)
{
    char buf[MAX_NUMBER_LEN];
    size_t k, n = ov__csv_text(r, i, buf, sizeof buf);

    if (n != strlen(name))
        return 0;
    for (k = 0; k < n; k++)
        if (tolower((unsigned char)buf[k]) != name[k])
            return 0;
    return 1;
}

/* Field @p i as a number; on failure the error names @p col, the line and
 * the column. */
static ov_status
column_value(const ov__csv *r, size_t i, const char *col, double *v,
             ov_error *err)
{
    char buf[MAX_NUMBER_LEN + 8];
    long line = r->rec_line, at = (long)i + 1;

    switch (ov__csv_number(r, i, 0, v)) {
    case 1:
        return OV_OK;
    case 0:
        return ov__error_set(err, OV_ERR_FORMAT, line, at, "empty %s value",
                             col);
    case -2:
        ov__csv_text(r, i, buf, sizeof buf);
        return ov__error_set(err, OV_ERR_NONFINITE, line, at,
                             "%s value '%.40s' is not finite", col, buf);
    default:
        ov__csv_text(r, i, buf, sizeof buf);
        return ov__error_set(err, OV_ERR_FORMAT, line, at,
                             "%s value '%.40s' is not a number", col, buf);
    }
}

/*
 * Reads columns @p colname[0..ncol-1] (by name from the header, else the
 * first ncol columns) of every record into cols[c] (allocated, *n
 * values each).  @p need is the header's complaint ("x and y").  Fields
 * are separated as @p delim says; *@p sep_out gets the separator used and
 * *@p header_out whether the file had a header line.
 */
static ov_status
parse_columns(const char *text, size_t len, int ncol,
              const char *const *colname, const char *need, double **cols,
              size_t *n_out, ov_csv_delimiter delim, char *sep_out,
              int *header_out, ov_error *err)
{
    ov__csv r;
    size_t cap = 0, n = 0, use[MAX_COLS];
    int header_seen = 0, header = 0, c, k;
    double *vals[MAX_COLS] = { NULL, NULL, NULL };
    ov_status st;

    *n_out = 0;
    *sep_out = ',';
    *header_out = 0;
    for (c = 0; c < ncol; c++) {
        use[c] = (size_t)c;
        cols[c] = NULL;
    }
    if ((st = ov__csv_open(&r, text, len, err)) != OV_OK)
        return st;
    ov__csv_set_delimiter(&r, delim);
    while ((k = ov__csv_next(&r, err)) > 0) {
        size_t nf = r.nf_total, maxcol = 0;
        double v[MAX_COLS];

        if (!header_seen) {
            long names[MAX_COLS] = { -1, -1, -1 };
            int named = 1;
            size_t i;

            header_seen = 1;
            for (i = 0; i < r.nf; i++)
                for (c = 0; c < ncol; c++)
                    if (names[c] < 0 && name_is(&r, i, colname[c])) {
                        names[c] = (long)i;
                        break;
                    }
            for (c = 0; c < ncol; c++)
                named = named && names[c] >= 0;
            if (named) {
                for (c = 0; c < ncol; c++)
                    use[c] = (size_t)names[c];
                header = 1;
                continue;
            }
            if (nf < (size_t)ncol) {
                st = ov__error_set(err, OV_ERR_FORMAT, r.rec_line, 0,
                                   "header has %zu column%s; need %s", nf,
                                   nf == 1 ? "" : "s", need);
                goto fail;
            }
            /* No names: the first columns.  A numeric first record is
             * data, anything else a header. */
            for (c = 0; c < ncol; c++)
                if (ov__csv_number(&r, (size_t)c, 0, &v[c]) != 1)
                    break;
            if (c < ncol) {
                header = 1;
                continue;
            }
        }
        for (c = 0; c < ncol; c++)
            if (use[c] > maxcol)
                maxcol = use[c];
        if (nf <= maxcol) {
            st = ov__error_set(err, OV_ERR_FORMAT, r.rec_line, 0,
                               "%zu column%s; expected at least %zu", nf,
                               nf == 1 ? "" : "s", maxcol + 1);
            goto fail;
        }
        for (c = 0; c < ncol; c++)
            if ((st = column_value(&r, use[c], colname[c], &v[c], err))
                != OV_OK)
                goto fail;
        if (n == cap) {
            size_t ncap = cap ? 2 * cap : 256;
            for (c = 0; c < ncol; c++) {
                double *nv = ov__realloc(vals[c], ncap * sizeof(double));
                if (!nv) {
                    st = ov__error_set(err, OV_ERR_NOMEM, 0, 0,
                                       "out of memory");
                    goto fail;
                }
                vals[c] = nv;
            }
            cap = ncap;
        }
        for (c = 0; c < ncol; c++)
            vals[c][n] = v[c];
        n++;
    }
    if (k < 0) {
        st = r.status;
        goto fail;
    }
    if (n == 0) {
        st = ov__error_set(err, OV_ERR_EMPTY, 0, 0, "%s",
                           header_seen ? "no data rows after the header"
                                       : "empty file");
        goto fail;
    }
    for (c = 0; c < ncol; c++)
        cols[c] = vals[c];
    *n_out = n;
    *sep_out = r.sep;
    *header_out = header;
    ov__csv_close(&r);
    return OV_OK;

fail:
    ov__csv_close(&r);
    for (c = 0; c < ncol; c++)
        ov__free(vals[c]);
    return st;
}

ov_status
ov_dataset_parse_csv(ov_dataset **out, const char *text, size_t len,
                     const char *name, ov_error *err)
{
    return ov_dataset_parse_csv_delim(out, text, len, name, OV_CSV_COMMA,
                                      err);
}

ov_status
ov_dataset_parse_csv_delim(ov_dataset **out, const char *text, size_t len,
                           const char *name, ov_csv_delimiter delim,
                           ov_error *err)
{
    static const char *const xy[] = { "x", "y" };
    double *cols[2];
    struct dataset_impl *d;
    size_t n;
    int header;
    char sep;
    ov_status st;

    st = parse_columns(text, len, 2, xy, "x and y", cols, &n, delim, &sep,
                       &header, err);
    if (st != OV_OK)
        return st;
    st = dataset_alloc(&d, n, name);
    if (st == OV_OK) {
        memcpy(d->x, cols[0], n * sizeof(double));
        memcpy(d->y, cols[1], n * sizeof(double));
        d->pub.header = header;
        d->pub.delimiter = sep;
        *out = &d->pub;
    } else if (st == OV_ERR_NOMEM) {
        ov__error_set(err, st, 0, 0, "out of memory");
    }
    ov__free(cols[0]);
    ov__free(cols[1]);
    return st;
}

/* Standard input is closed by no one here: the caller owns it. */
static void
done_with(FILE *f)
{
    if (f != stdin)
        fclose(f);
}

/* The whole file at @p path ("-": standard input), NUL-free or not, into
 * *buf (*len bytes). */
static ov_status
read_file(const char *path, char **out, size_t *out_len, ov_error *err)
{
    FILE *f;
    char *buf;
    size_t len = 0, cap = 1 << 16;

    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        ov__error_set(err, OV_ERR_IO, 0, 0, "%s", strerror(errno));
        return OV_ERR_IO;
    }
    buf = ov__malloc(cap);
    if (!buf) {
        done_with(f);
        return OV_ERR_NOMEM;
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            char *nb;
            if (cap >= (size_t)MAX_FILE_BYTES) {
                ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0,
                          "file larger than %ld MiB", MAX_FILE_BYTES >> 20);
                ov__free(buf);
                done_with(f);
                return OV_ERR_TOO_LARGE;
            }
            nb = ov__realloc(buf, cap * 2);
            if (!nb) {
                ov__free(buf);
                done_with(f);
                return OV_ERR_NOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                ov__error_set(err, OV_ERR_IO, 0, 0, "%s", strerror(errno));
                ov__free(buf);
                done_with(f);
                return OV_ERR_IO;
            }
            break;
        }
    }
    done_with(f);
    *out = buf;
    *out_len = len;
    return OV_OK;
}

ov_status
ov_dataset_load_csv(ov_dataset **out, const char *path, ov_error *err)
{
    char *buf;
    size_t len;
    ov_status st = read_file(path, &buf, &len, err);

    if (st != OV_OK)
        return st;
    st = ov_dataset_parse_csv(out, buf, len, path, err);
    ov__free(buf);
    return st;
}

ov_status
ov_dataset_read_csv(ov_dataset **out, const char *path,
                    ov_csv_delimiter delim, ov_error *err)
{
    char *buf;
    size_t len;
    ov_status st = read_file(path, &buf, &len, err);

    if (st != OV_OK)
        return st;
    st = ov_dataset_parse_csv_delim(out, buf, len,
                                    strcmp(path, "-") == 0 ? "stdin" : path,
                                    delim, err);
    ov__free(buf);
    return st;
}

ov_status
ov__dataset_load_labelled(const char *path, double **x, double **y,
                          size_t *n, ov_error *err)
{
    static const char *const cols3[] = { "x1", "x2", "label" };
    double *cols[3];
    char *buf;
    size_t len, i;
    ov_status st = read_file(path, &buf, &len, err);

    if (st != OV_OK)
        return st;
    {
        char sep;
        int header;

        st = parse_columns(buf, len, 3, cols3, "x1, x2 and label", cols, n,
                           OV_CSV_COMMA, &sep, &header, err);
    }
    ov__free(buf);
    if (st != OV_OK)
        return st;
    *x = ov__malloc3(*n, 2, sizeof(double));
    if (!*x) {
        for (i = 0; i < 3; i++)
            ov__free(cols[i]);
        return ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
    }
    for (i = 0; i < *n; i++) {
        (*x)[2 * i] = cols[0][i];
        (*x)[2 * i + 1] = cols[1][i];
    }
    *y = cols[2];
    ov__free(cols[0]);
    ov__free(cols[1]);
    return OV_OK;
}

/* ---- built-in sets ------------------------------------------------------ */

static const double seed002_x[] = { 3.5, 0.35, 3.2, -2.0, 1.5, -0.5 };
static const double seed002_y[] = { 0.5, 0.5, 0.5, 0.5, 0.1, 0.3 };
static const double seed003_x[] = { 0.5, 2.5 };
static const double seed003_y[] = { 0.2, 0.9 };

/*
 * Seed 000's data: the article draws them unseeded; we fix them with the
 * portable stream, seed 0: first the 1000 x ~ U(-5, 5), then the noise as
 * 500 Box-Muller pairs, y = -2 + 2x + 0.001 z.
 */
static ov_status
make_seed000(ov_dataset **out)
{
    enum { N = 1000 };
    struct dataset_impl *d;
    ov_rng rng;
    size_t i;
    ov_status st = dataset_alloc(&d, N, "seed000-ols");

    if (st != OV_OK)
        return st;
    ov_rng_seed(&rng, 0);
    for (i = 0; i < N; i++)
        d->x[i] = -5.0 + 10.0 * ov_rng_uniform(&rng);
    for (i = 0; i < N; i += 2) {
        double z0, z1;
        ov_rng_normal_pair(&rng, &z0, &z1);
        d->y[i] = -2.0 + 2.0 * d->x[i] + 0.001 * z0;
        d->y[i + 1] = -2.0 + 2.0 * d->x[i + 1] + 0.001 * z1;
    }
    *out = &d->pub;
    return OV_OK;
}

ov_status
ov_dataset_builtin(ov_dataset **out, ov_builtin_data which)
{
    switch (which) {
    case OV_DATA_SEED000_OLS:
        return make_seed000(out);
    case OV_DATA_SEED002_SIGMOID:
        return ov_dataset_from_arrays(out, seed002_x, seed002_y, 6,
                                      "seed002-sigmoid");
    case OV_DATA_SEED003_SIGMOID:
        return ov_dataset_from_arrays(out, seed003_x, seed003_y, 2,
                                      "seed003-sigmoid");
    }
    return OV_ERR_INVALID_ARG;
}
