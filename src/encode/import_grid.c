/*
 * import_grid.c: landscapes from files (import.h's ov_grid_load): CSV
 * (long form or matrix), NumPy .npy and .npz (a zip: stored or deflated
 * members, through zlib), LossLandscape's JSON and loss-landscape's HDF5
 * surface files (libhdf5, when built with it).
 *
 * Every reader ends in one grid of x[nx], y[ny] and z[j*nx + i]; axes
 * given in decreasing order (an image's rows, top down) are flipped;
 * loss.h's ov_loss_from_grid checks the rest.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include <optviz/import.h>

#include "alloc_private.h"
#include "csvread_private.h"
#include "error_private.h"
#include "import_private.h"
#include "json_private.h"

#ifndef OV_HAVE_HDF5
#define OV_HAVE_HDF5 0      /* a build that does not say: without */
#endif
#if OV_HAVE_HDF5
#include <dlfcn.h>
#include <pthread.h>
#include <hdf5.h>
#endif

typedef struct grid {
    size_t nx, ny;
    double *x, *y, *z;
} grid;

static void
grid_free(grid *g)
{
    ov__free(g->x);
    ov__free(g->y);
    ov__free(g->z);
    memset(g, 0, sizeof *g);
}

static ov_status
grid_alloc(grid *g, size_t nx, size_t ny, ov_error *err)
{
    memset(g, 0, sizeof *g);
    if (nx && ny > (size_t)OV_GRID_MAX_POINTS / nx)
        return ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0,
                             "%zu x %zu points; at most %ld", nx, ny,
                             (long)OV_GRID_MAX_POINTS);
    g->nx = nx;
    g->ny = ny;
    g->x = ov__malloc3(nx ? nx : 1, 1, sizeof(double));
    g->y = ov__malloc3(ny ? ny : 1, 1, sizeof(double));
    g->z = ov__malloc3(nx ? nx : 1, ny ? ny : 1, sizeof(double));
    if (!g->x || !g->y || !g->z) {
        grid_free(g);
        return ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
    }
    return OV_OK;
}

/* Flips an axis given in decreasing order, then makes the loss. */
static ov_status
grid_finish(grid *g, const char *name, ov_loss **out, ov_error *err)
{
    size_t i, j;
    ov_status st;

    if (g->nx >= 2 && g->x[1] < g->x[0]) {
        for (i = 0; i < g->nx / 2; i++) {
            double t = g->x[i];
            g->x[i] = g->x[g->nx - 1 - i];
            g->x[g->nx - 1 - i] = t;
            for (j = 0; j < g->ny; j++) {
                double *r = g->z + j * g->nx;
                t = r[i];
                r[i] = r[g->nx - 1 - i];
                r[g->nx - 1 - i] = t;
            }
        }
    }
    if (g->ny >= 2 && g->y[1] < g->y[0]) {
        for (j = 0; j < g->ny / 2; j++) {
            double t = g->y[j];
            g->y[j] = g->y[g->ny - 1 - j];
            g->y[g->ny - 1 - j] = t;
            for (i = 0; i < g->nx; i++) {
                double *a = g->z + j * g->nx + i;
                double *b = g->z + (g->ny - 1 - j) * g->nx + i;
                t = *a;
                *a = *b;
                *b = t;
            }
        }
    }
    st = ov_loss_from_grid(out, name, g->x, g->nx, g->y, g->ny, g->z, err);
    grid_free(g);
    return st;
}

/* ---- CSV ----------------------------------------------------------------- */

typedef struct triple {
    double x, y, z;
    long line;
} triple;

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The distinct values of v[0..n-1] sorted, in place; @return the count. */
static size_t
uniq(double *v, size_t n)
{
    size_t i, k = 0;

    qsort(v, n, sizeof *v, cmp_double);
    for (i = 0; i < n; i++)
        if (k == 0 || v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

static size_t
index_of(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;

    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static ov_status
bad_field(ov__csv *c, size_t i, const char *what, ov_error *err)
{
    char text[40];
    size_t n = ov__csv_text(c, i, text, sizeof text);

    return ov__error_set(err, OV_ERR_FORMAT, c->rec_line, (long)i + 1,
                         "expected %s, got '%s%s'", what, text,
                         n >= sizeof text ? "..." : "");
}

static ov_status
csv_long(ov__csv *c, const int *at, grid *g, ov_error *err)
{
    triple *t = NULL;
    size_t n = 0, cap = 0, i, nx, ny;
    double *xs = NULL, *ys = NULL;
    unsigned char *seen = NULL;
    ov_status st = OV_OK;
    int k;

    while ((k = ov__csv_next(c, err)) > 0) {
        double v[3];
        int q;
        for (q = 0; q < 3; q++) {
            int r = (size_t)at[q] < c->nf
                    ? ov__csv_number(c, (size_t)at[q], q == 2, &v[q]) : 0;
            if (r < 0 || (r == 0 && q < 2)) {
                st = bad_field(c, (size_t)at[q], q == 2
                               ? "a number (or nan)" : "a finite number",
                               err);
                goto out;
            }
        }
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 256;
            triple *nt;
            if (nc > (size_t)OV_GRID_MAX_POINTS) {
                st = ov__error_set(err, OV_ERR_TOO_LARGE, c->rec_line, 0,
                                   "more than %ld points",
                                   (long)OV_GRID_MAX_POINTS);
                goto out;
            }
            nt = ov__realloc(t, nc * sizeof *t);
            if (!nt) {
                st = ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
                goto out;
            }
            t = nt;
            cap = nc;
        }
        t[n].x = v[0];
        t[n].y = v[1];
        t[n].z = v[2];
        t[n].line = c->rec_line;
        n++;
    }
    if (k < 0) {
        st = c->status;
        goto out;
    }
    if (n == 0) {
        st = ov__error_set(err, OV_ERR_EMPTY, 0, 0, "no rows after the "
                           "header");
        goto out;
    }
    xs = ov__malloc3(n, 1, sizeof *xs);
    ys = ov__malloc3(n, 1, sizeof *ys);
    if (!xs || !ys) {
        st = ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
        goto out;
    }
    for (i = 0; i < n; i++) {
        xs[i] = t[i].x;
        ys[i] = t[i].y;
    }
    nx = uniq(xs, n);
    ny = uniq(ys, n);
    if (nx * ny != n) {
        st = ov__error_set(err, OV_ERR_FORMAT, 0, 0,
                           "expected one row per grid point: %zu x values "
                           "and %zu y values make %zu points, got %zu rows",
                           nx, ny, nx * ny, n);
        goto out;
    }
    if ((st = grid_alloc(g, nx, ny, err)) != OV_OK)
        goto out;
    seen = ov__calloc(n, 1);
    if (!seen) {
        st = ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
        goto out;
    }
    memcpy(g->x, xs, nx * sizeof *xs);
    memcpy(g->y, ys, ny * sizeof *ys);
    for (i = 0; i < n; i++) {
        size_t p = index_of(ys, ny, t[i].y) * nx + index_of(xs, nx, t[i].x);
        if (seen[p]) {
            st = ov__error_set(err, OV_ERR_FORMAT, t[i].line, 1,
                               "expected each point once, got (%.17g, "
                               "%.17g) again", t[i].x, t[i].y);
            goto out;
        }
        seen[p] = 1;
        g->z[p] = t[i].z;
    }
out:
    if (st != OV_OK)
        grid_free(g);
    ov__free(t);
    ov__free(xs);
    ov__free(ys);
    ov__free(seen);
    return st;
}

/* First record: a corner cell, then x coordinates; each row y, values. */
static ov_status
csv_matrix(ov__csv *c, grid *g, ov_error *err)
{
    size_t nx = c->nf_total - 1, ny = 0, cap = 0, i;
    double *x, *y = NULL, *z = NULL;
    ov_status st = OV_OK;
    int k;

    if (c->nf_total > c->nf)
        return ov__error_set(err, OV_ERR_TOO_LARGE, c->rec_line, 0,
                             "more than %d columns; use the long form "
                             "x,y,loss", OV__CSV_MAX_FIELDS - 1);
    x = ov__malloc3(nx, 1, sizeof *x);
    if (!x)
        return ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
    for (i = 0; i < nx; i++)
        if (ov__csv_number(c, i + 1, 0, &x[i]) != 1) {
            st = bad_field(c, i + 1, "an x coordinate", err);
            goto out;
        }
    while ((k = ov__csv_next(c, err)) > 0) {
        if (c->nf_total != nx + 1) {
            st = ov__error_set(err, OV_ERR_FORMAT, c->rec_line,
                               (long)(c->nf_total < nx + 1 ? c->nf_total
                                                           : nx + 2),
                               "expected %zu fields (y and %zu values), got "
                               "%zu", nx + 1, nx, c->nf_total);
            goto out;
        }
        if (ny == cap) {
            size_t nc = cap ? 2 * cap : 64;
            double *ny_ = ov__realloc(y, nc * sizeof *y);
            double *nz = ny_ ? ov__realloc(z, nc * nx * sizeof *z) : NULL;
            if (ny_)
                y = ny_;
            if (nz)
                z = nz;
            if (!ny_ || !nz) {
                st = ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
                goto out;
            }
            cap = nc;
        }
        if (ov__csv_number(c, 0, 0, &y[ny]) != 1) {
            st = bad_field(c, 0, "a y coordinate", err);
            goto out;
        }
        for (i = 0; i < nx; i++)
            if (ov__csv_number(c, i + 1, 1, &z[ny * nx + i]) < 0) {
                st = bad_field(c, i + 1, "a number (or nan)", err);
                goto out;
            }
        ny++;
    }
    if (k < 0) {
        st = c->status;
        goto out;
    }
    if (ny == 0) {
        st = ov__error_set(err, OV_ERR_EMPTY, 0, 0, "no rows after the "
                           "header");
        goto out;
    }
    g->nx = nx;
    g->ny = ny;
    g->x = x;
    g->y = y;
    g->z = z;
    return OV_OK;
out:
    ov__free(x);
    ov__free(y);
    ov__free(z);
    return st;
}

static ov_status
grid_csv_read(ov__csv *cp, const char *data, size_t len, grid *g,
              ov_error *err)
{
    static const char *const znames[] = { "loss", "z", "f", "value",
                                          "train_loss", NULL };
    ov_status st;
    int at[3] = { -1, -1, -1 }, k, all_numbers = 1;
    size_t i, q;

    if ((st = ov__csv_open(cp, data, len, err)) != OV_OK)
        return st;
    if ((k = ov__csv_next(cp, err)) <= 0)
        return k < 0 ? cp->status
                     : ov__error_set(err, OV_ERR_EMPTY, 0, 0, "empty file");
    for (i = 0; i < cp->nf; i++) {
        char name[32];
        double v;
        ov__csv_text(cp, i, name, sizeof name);
        if (strcasecmp(name, "x") == 0 && at[0] < 0)
            at[0] = (int)i;
        else if (strcasecmp(name, "y") == 0 && at[1] < 0)
            at[1] = (int)i;
        for (q = 0; znames[q]; q++)
            if (strcasecmp(name, znames[q]) == 0 && at[2] < 0)
                at[2] = (int)i;
        if (i > 0 && ov__csv_number(cp, i, 0, &v) != 1)
            all_numbers = 0;
    }
    if (at[0] >= 0 && at[1] >= 0 && at[2] >= 0)
        return csv_long(cp, at, g, err);
    if (cp->nf_total >= 3 && all_numbers)
        return csv_matrix(cp, g, err);
    return ov__error_set(err, OV_ERR_FORMAT, cp->rec_line, 0,
                         "expected a header x,y,loss (long form) or a "
                         "corner cell and the x coordinates (matrix)");
}

/* The reader's fields live on the heap: closed on every way out. */
static ov_status
grid_csv(const char *data, size_t len, grid *g, ov_error *err)
{
    ov__csv c;
    ov_status st;

    memset(&c, 0, sizeof c);
    st = grid_csv_read(&c, data, len, g, err);
    ov__csv_close(&c);
    return st;
}

/* ---- NumPy ---------------------------------------------------------------- */

typedef struct array {
    char name[64];
    size_t ndim, shape[3], n;
    double *v;           /* C order */
} array;

static void
array_free(array *a)
{
    ov__free(a->v);
    a->v = NULL;
}

static uint64_t
le(const unsigned char *p, int n)
{
    uint64_t v = 0;
    while (n--)
        v = (v << 8) | p[n];
    return v;
}

/* The value of key @p key in a .npy header dict, or NULL. */
static const char *
dict_value(const char *h, const char *key)
{
    char q[40];
    const char *p;

    snprintf(q, sizeof q, "'%s'", key);
    p = strstr(h, q);
    if (!p)
        return NULL;
    p += strlen(q);
    while (*p == ' ' || *p == ':')
        p++;
    return p;
}

/* One .npy image: @p where names it in errors ("file", "member x.npy"). */
static ov_status
npy_parse(const unsigned char *b, size_t len, const char *where, array *a,
          ov_error *err)
{
    size_t hl, off, i, n = 1, esize;
    char h[4096], kind, endian;
    const char *p;
    int fortran = 0;

    if (len < 10 || memcmp(b, "\x93NUMPY", 6) != 0)
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: expected the "
                             "NumPy magic \\x93NUMPY at byte 0", where);
    if (b[6] == 1) {
        hl = (size_t)le(b + 8, 2);
        off = 10;
    } else if (b[6] == 2 || b[6] == 3) {
        if (len < 12)
            return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: truncated "
                                 "header", where);
        hl = (size_t)le(b + 8, 4);
        off = 12;
    } else {
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: byte 6: expected "
                             "format version 1, 2 or 3, got %d", where, b[6]);
    }
    if (hl >= sizeof h || off + hl > len)
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: byte 8: header "
                             "length %zu runs past the end (%zu bytes)",
                             where, hl, len);
    memcpy(h, b + off, hl);
    h[hl] = '\0';
    off += hl;
    p = dict_value(h, "descr");
    if (!p || p[0] != '\'' || strlen(p) < 5)
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: header: expected "
                             "'descr': '<f8'", where);
    endian = p[1];
    kind = p[2];
    esize = (size_t)strtoul(p + 3, NULL, 10);
    if (!strchr("<>|=", endian) || !((kind == 'f' && (esize == 4 || esize == 8))
                                     || (kind == 'i' && (esize == 4
                                                         || esize == 8))))
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: header: expected "
                             "a float64, float32, int64 or int32 array, got "
                             "descr %.8s", where, p);
    p = dict_value(h, "fortran_order");
    fortran = p && strncmp(p, "True", 4) == 0;
    p = dict_value(h, "shape");
    if (!p || *p != '(')
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: header: expected "
                             "'shape': (...)", where);
    a->ndim = 0;
    for (p++; *p && *p != ')';) {
        char *end;
        unsigned long long d;
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == ')')
            break;
        d = strtoull(p, &end, 10);
        if (end == p || a->ndim == 3)
            return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: header: "
                                 "expected a shape of 1 to 3 dimensions",
                                 where);
        if (d > (unsigned long long)OV_GRID_MAX_POINTS)
            return ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0, "%s: %llu "
                                 "values along one axis", where, d);
        a->shape[a->ndim++] = (size_t)d;
        p = end;
    }
    for (i = 0; i < a->ndim; i++) {
        if (a->shape[i] && n > (size_t)(OV_GRID_MAX_POINTS * 3) / a->shape[i])
            return ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0, "%s: too many "
                                 "values", where);
        n *= a->shape[i];
    }
    if (a->ndim == 0)
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: expected an "
                             "array, got a scalar", where);
    if (len - off < n * esize)
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: byte %zu: "
                             "expected %zu bytes of data, got %zu", where,
                             off, n * esize, len - off);
    a->n = n;
    a->v = ov__malloc3(n ? n : 1, 1, sizeof(double));
    if (!a->v)
        return ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
    for (i = 0; i < n; i++) {
        unsigned char e[8];
        const unsigned char *q = b + off + i * esize;
        size_t k, dst = i;
        uint64_t bits;
        double v;

        /* Little-endian bytes in e[], whatever the file's order. */
        for (k = 0; k < esize; k++)
            e[k] = endian == '>' ? q[esize - 1 - k] : q[k];
        bits = le(e, (int)esize);
        if (kind == 'f' && esize == 8) {
            memcpy(&v, &bits, 8);
        } else if (kind == 'f') {
            uint32_t b32 = (uint32_t)bits;
            float f;
            memcpy(&f, &b32, 4);
            v = f;
        } else if (esize == 8) {
            v = (double)(int64_t)bits;
        } else {
            v = (double)(int32_t)(uint32_t)bits;
        }
        if (fortran && a->ndim >= 2) {
            /* Fortran order: the first index runs fastest. */
            size_t r = i, idx[3] = { 0, 0, 0 };
            for (k = 0; k < a->ndim; k++) {
                idx[k] = r % a->shape[k];
                r /= a->shape[k];
            }
            dst = 0;
            for (k = 0; k < a->ndim; k++)
                dst = dst * a->shape[k] + idx[k];
        }
        a->v[dst] = v;
    }
    return OV_OK;
}

/* Builds the grid from Z (ny, nx) and coordinate vectors. */
static ov_status
grid_from_arrays(const array *x, const array *y, const array *z, grid *g,
                 const char *where, ov_error *err)
{
    size_t nx = z->shape[1], ny = z->shape[0], i;
    ov_status st;

    if (x->n != nx || y->n != ny) {
        if (x->n == ny && y->n == nx && nx != ny)
            return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: expected "
                                 "%s of shape (len(y), len(x)) = (%zu, %zu) "
                                 "as np.meshgrid(x, y) makes, got (%zu, %zu);"
                                 " transpose it", where, z->name, y->n, x->n,
                                 ny, nx);
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: expected %s of "
                             "shape (len(y), len(x)) = (%zu, %zu), got (%zu, "
                             "%zu)", where, z->name, y->n, x->n, ny, nx);
    }
    if ((st = grid_alloc(g, nx, ny, err)) != OV_OK)
        return st;
    memcpy(g->z, z->v, nx * ny * sizeof(double));
    for (i = 0; i < nx; i++)
        g->x[i] = x->v[i];
    for (i = 0; i < ny; i++)
        g->y[i] = y->v[i];
    return OV_OK;
}

static ov_status
grid_npy(const char *data, size_t len, const char *name, grid *g,
         ov_error *err)
{
    array a;
    ov_status st;
    size_t nx, ny, i;

    memset(&a, 0, sizeof a);
    st = npy_parse((const unsigned char *)data, len, name, &a, err);
    if (st != OV_OK)
        return st;
    if (a.ndim == 2 || (a.ndim == 3 && a.shape[0] == 3)) {
        ny = a.shape[a.ndim - 2];
        nx = a.shape[a.ndim - 1];
        if (nx < 2 || ny < 2)
            st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: expected at "
                               "least 2 x 2 values, got %zu x %zu", name, ny,
                               nx);
        else
            st = grid_alloc(g, nx, ny, err);
        if (st == OV_OK && a.ndim == 2) {
            for (i = 0; i < nx; i++)
                g->x[i] = (double)i;
            for (i = 0; i < ny; i++)
                g->y[i] = (double)i;
            memcpy(g->z, a.v, nx * ny * sizeof(double));
        } else if (st == OV_OK) {
            /* np.stack([X, Y, Z]) of meshgrid(x, y): x along a row of X,
             * y down a column of Y. */
            for (i = 0; i < nx; i++)
                g->x[i] = a.v[i];
            for (i = 0; i < ny; i++)
                g->y[i] = a.v[nx * ny + i * nx];
            memcpy(g->z, a.v + 2 * nx * ny, nx * ny * sizeof(double));
        }
    } else {
        st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "%s: expected a 2-D "
                           "array of losses or a (3, ny, nx) stack of X, Y, "
                           "Z, got %zu dimension(s)", name, a.ndim);
    }
    array_free(&a);
    return st;
}

/* ---- zip (.npz) ------------------------------------------------------------ */

static ov_status
zip_bad(ov_error *err, size_t at, const char *what)
{
    return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "byte %zu: expected %s",
                         at, what);
}

/* The member starting at local header @p off: its data, inflated. */
static ov_status
zip_member(const unsigned char *b, size_t len, size_t off, int method,
           uint64_t csize, uint64_t usize, const char *mname,
           unsigned char **out, ov_error *err)
{
    size_t data;
    unsigned char *u;

    if (off > len || len - off < 30 || le(b + off, 4) != 0x04034b50)
        return zip_bad(err, off, "a local file header (PK\\3\\4)");
    data = off + 30 + (size_t)le(b + off + 26, 2) + (size_t)le(b + off + 28, 2);
    if (data > len || csize > len - data)
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "member %s: byte %zu: "
                             "%llu bytes of data run past the end", mname,
                             data, (unsigned long long)csize);
    if (usize > (uint64_t)OV_IMPORT_MAX_BYTES)
        return ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0, "member %s: %llu "
                             "bytes", mname, (unsigned long long)usize);
    u = ov__malloc(usize ? (size_t)usize : 1);
    if (!u)
        return ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
    if (method == 0) {
        if (csize != usize) {
            ov__free(u);
            return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "member %s: "
                                 "stored, but sizes %llu and %llu differ",
                                 mname, (unsigned long long)csize,
                                 (unsigned long long)usize);
        }
        memcpy(u, b + data, (size_t)usize);
    } else if (method == 8) {
        z_stream zs;
        int r;
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, -15) != Z_OK) {
            ov__free(u);
            return ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
        }
        zs.next_in = (unsigned char *)(uintptr_t)(b + data);
        zs.avail_in = (uInt)csize;
        zs.next_out = u;
        zs.avail_out = (uInt)usize;
        r = inflate(&zs, Z_FINISH);
        inflateEnd(&zs);
        if (r != Z_STREAM_END || zs.total_out != usize) {
            ov__free(u);
            return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "member %s: "
                                 "corrupt deflate data (zlib: %s)", mname,
                                 r == Z_STREAM_END ? "wrong size"
                                 : zs.msg ? zs.msg : "truncated");
        }
    } else {
        ov__free(u);
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "member %s: expected "
                             "stored or deflated data, got method %d", mname,
                             method);
    }
    *out = u;
    return OV_OK;
}

#define MAX_ARRAYS 16

static ov_status
zip_arrays(const unsigned char *b, size_t len, array *arr, size_t *narr,
           ov_error *err)
{
    size_t eocd, cd, i, count, pos;
    ov_status st;

    if (len < 22)
        return zip_bad(err, len, "a zip end record (file too short)");
    for (eocd = len - 22;; eocd--) {
        if (le(b + eocd, 4) == 0x06054b50)
            break;
        if (eocd == 0 || len - eocd > 22 + 65535)
            return zip_bad(err, len, "a zip end record (PK\\5\\6)");
    }
    count = (size_t)le(b + eocd + 10, 2);
    cd = (size_t)le(b + eocd + 16, 4);
    if ((cd == 0xFFFFFFFF || count == 0xFFFF) && eocd >= 20
        && le(b + eocd - 20, 4) == 0x07064b50) {
        uint64_t z64 = le(b + eocd - 20 + 8, 8);
        if (z64 > len - 56 || le(b + z64, 4) != 0x06064b50)
            return zip_bad(err, (size_t)z64, "a zip64 end record");
        count = (size_t)le(b + z64 + 32, 8);
        cd = (size_t)le(b + z64 + 48, 8);
    }
    pos = cd;
    *narr = 0;
    for (i = 0; i < count; i++) {
        uint64_t csize, usize, off;
        size_t nlen, xlen, clen, k;
        int method;
        char mname[80];
        unsigned char *u = NULL;

        if (pos > len || len - pos < 46 || le(b + pos, 4) != 0x02014b50)
            return zip_bad(err, pos, "a central directory entry (PK\\1\\2)");
        method = (int)le(b + pos + 10, 2);
        csize = le(b + pos + 20, 4);
        usize = le(b + pos + 24, 4);
        nlen = (size_t)le(b + pos + 28, 2);
        xlen = (size_t)le(b + pos + 30, 2);
        clen = (size_t)le(b + pos + 32, 2);
        off = le(b + pos + 42, 4);
        if (len - pos - 46 < nlen + xlen + clen)
            return zip_bad(err, pos, "a whole central directory entry");
        snprintf(mname, sizeof mname, "%.*s", (int)nlen,
                 (const char *)b + pos + 46);
        /* zip64: the fields that were 0xFFFFFFFF, in this order. */
        for (k = 0; k + 4 <= xlen;) {
            const unsigned char *x = b + pos + 46 + nlen + k;
            size_t sz = (size_t)le(x + 2, 2), q = 4;
            if (sz > xlen - k - 4)
                break;           /* a field running past the extra data */
            if (le(x, 2) == 1) {
                if (usize == 0xFFFFFFFF && q + 8 <= sz + 4)
                    usize = le(x + q, 8), q += 8;
                if (csize == 0xFFFFFFFF && q + 8 <= sz + 4)
                    csize = le(x + q, 8), q += 8;
                if (off == 0xFFFFFFFF && q + 8 <= sz + 4)
                    off = le(x + q, 8);
            }
            k += 4 + sz;
        }
        pos += 46 + nlen + xlen + clen;
        /* A name may hold a NUL: judge what snprintf kept. */
        if (strlen(mname) < 5
            || strcmp(mname + strlen(mname) - 4, ".npy") != 0)
            continue;
        if (*narr == MAX_ARRAYS)
            return ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0, "more than %d "
                                 "arrays", MAX_ARRAYS);
        if (off > len)
            return zip_bad(err, pos, "a member offset inside the file");
        st = zip_member(b, len, (size_t)off, method, csize, usize, mname, &u,
                        err);
        if (st != OV_OK)
            return st;
        memset(&arr[*narr], 0, sizeof arr[*narr]);
        {
            char where[96];
            snprintf(where, sizeof where, "member %s", mname);
            st = npy_parse(u, (size_t)usize, where, &arr[*narr], err);
        }
        ov__free(u);
        if (st != OV_OK)
            return st;
        snprintf(arr[*narr].name, sizeof arr[*narr].name, "%.*s",
                 (int)strlen(mname) - 4, mname);
        (*narr)++;
    }
    return OV_OK;
}

static array *
find_array(array *a, size_t n, const char *const *names, size_t ndim)
{
    size_t i, k;

    for (k = 0; names[k]; k++)
        for (i = 0; i < n; i++)
            if (strcmp(a[i].name, names[k]) == 0 && a[i].ndim == ndim)
                return &a[i];
    return NULL;
}

static ov_status
grid_npz(const char *data, size_t len, grid *g, ov_error *err)
{
    static const char *const xn[] = { "x", "xcoordinates", "xs", "X", NULL };
    static const char *const yn[] = { "y", "ycoordinates", "ys", "Y", NULL };
    static const char *const zn[] = { "loss", "z", "Z", "train_loss",
                                      "losses", "values", NULL };
    array arr[MAX_ARRAYS];
    size_t n = 0, i;
    array *x, *y, *z;
    ov_status st;

    st = zip_arrays((const unsigned char *)data, len, arr, &n, err);
    if (st == OV_OK) {
        x = find_array(arr, n, xn, 1);
        y = find_array(arr, n, yn, 1);
        z = find_array(arr, n, zn, 2);
        /* Unnamed: the one 2-D array and the 1-D ones in order. */
        for (i = 0; i < n; i++) {
            if (!z && arr[i].ndim == 2 && strcmp(arr[i].name, "X") != 0
                && strcmp(arr[i].name, "Y") != 0)
                z = &arr[i];
            else if (!x && arr[i].ndim == 1 && &arr[i] != y)
                x = &arr[i];
            else if (!y && arr[i].ndim == 1 && &arr[i] != x)
                y = &arr[i];
        }
        if (!x || !y || !z)
            st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "expected arrays x "
                               "and y (1-D) and loss (2-D, shape (len(y), "
                               "len(x))); the file has %zu .npy member(s)%s",
                               n, !z ? ", no 2-D one" : ", too few 1-D ones");
        else
            st = grid_from_arrays(x, y, z, g, "npz", err);
    }
    for (i = 0; i < n; i++)
        array_free(&arr[i]);
    return st;
}

/* ---- JSON (LossLandscape) ------------------------------------------------ */

static ov_status
json_bad(const ov__json *j, const char *what, ov_error *err)
{
    return ov__error_set(err, OV_ERR_FORMAT, j->line, j->column,
                         "expected %s, got %s", what,
                         ov__json_type_name(j->type));
}

/* A [n][m] array of numbers (null: NaN when @p null_ok). */
static ov_status
json_matrix(const ov__json *j, const char *name, size_t *n, size_t *m,
            int null_ok, ov_error *err)
{
    size_t i, k;
    char what[64];

    snprintf(what, sizeof what, "\"%s\" to be an array of rows", name);
    if (j->type != OV__JSON_ARRAY || j->n == 0)
        return json_bad(j, what, err);
    *n = j->n;
    *m = 0;
    for (i = 0; i < j->n; i++) {
        const ov__json *r = j->items[i];
        if (r->type != OV__JSON_ARRAY)
            return json_bad(r, "a row (an array of numbers)", err);
        if (i == 0)
            *m = r->n;
        else if (r->n != *m)
            return ov__error_set(err, OV_ERR_FORMAT, r->line, r->column,
                                 "expected %zu values as the first row of "
                                 "\"%s\", got %zu", *m, name, r->n);
        for (k = 0; k < r->n; k++) {
            const ov__json *v = r->items[k];
            if (v->type != OV__JSON_NUMBER
                && !(null_ok && v->type == OV__JSON_NULL))
                return json_bad(v, null_ok ? "a number or null" : "a number",
                                err);
        }
    }
    return OV_OK;
}

static double
num(const ov__json *j)
{
    return j->type == OV__JSON_NUMBER ? j->number : NAN;
}

static ov_status
grid_json(const char *data, size_t len, grid *g, ov_error *err)
{
    ov__json *root = NULL;
    const ov__json *X, *Y, *L;
    size_t nx, ny, a, b, i, j;
    ov_status st = ov__json_parse(&root, data, len, err);

    if (st != OV_OK)
        return st;
    X = ov__json_get(root, "X");
    Y = ov__json_get(root, "Y");
    L = ov__json_get(root, "loss_grid_2d");
    if (!X || !Y || !L) {
        st = ov__error_set(err, OV_ERR_FORMAT, root->line, root->column,
                           "expected LossLandscape's members \"X\", \"Y\" and "
                           "\"loss_grid_2d\"; no \"%s\"",
                           !X ? "X" : !Y ? "Y" : "loss_grid_2d");
        goto out;
    }
    if ((st = json_matrix(X, "X", &nx, &ny, 0, err)) != OV_OK
        || (st = json_matrix(Y, "Y", &a, &b, 0, err)) != OV_OK)
        goto out;
    if (a != nx || b != ny) {
        st = ov__error_set(err, OV_ERR_FORMAT, Y->line, Y->column,
                           "expected \"Y\" of %zu x %zu as \"X\", got %zu x "
                           "%zu", nx, ny, a, b);
        goto out;
    }
    if ((st = json_matrix(L, "loss_grid_2d", &a, &b, 1, err)) != OV_OK)
        goto out;
    if (a != nx || b != ny) {
        st = ov__error_set(err, OV_ERR_FORMAT, L->line, L->column,
                           "expected \"loss_grid_2d\" of %zu x %zu as \"X\", "
                           "got %zu x %zu", nx, ny, a, b);
        goto out;
    }
    if ((st = grid_alloc(g, nx, ny, err)) != OV_OK)
        goto out;
    /* X[i][j] = x_i, Y[i][j] = y_j, loss_grid_2d[i][j] = f(x_i, y_j). */
    for (i = 0; i < nx; i++)
        g->x[i] = num(X->items[i]->items[0]);
    for (j = 0; j < ny; j++)
        g->y[j] = num(Y->items[0]->items[j]);
    for (i = 0; i < nx; i++)
        for (j = 0; j < ny; j++)
            g->z[j * nx + i] = num(L->items[i]->items[j]);
out:
    ov__json_free(root);
    return st;
}

/* ---- HDF5 (loss-landscape) -------------------------------------------------- */

int
ov_import_has_hdf5(void)
{
    return OV_HAVE_HDF5;
}

#if OV_HAVE_HDF5
/*
 * libhdf5 is opened with dlopen() on first use, as FFmpeg is
 * (av_loader.h): linked, it would load some 35 libraries (curl, kerberos,
 * TLS) at every start of every run.  The slots take their types from
 * hdf5.h, and the library opened is the one the build found (its SONAME).
 */
#define OV__H5_FUNCTIONS(X) \
    X(H5open) X(H5Fopen) X(H5Fclose) X(H5Dopen2) X(H5Dclose)             \
    X(H5Dget_space) X(H5Dread) X(H5Sget_simple_extent_ndims)             \
    X(H5Sget_simple_extent_dims) X(H5Sclose) X(H5Lexists) X(H5Eget_auto2) \
    X(H5Eset_auto2)
#define OV__H5_SLOT(name) __typeof__(name) *p_##name;
static struct {
    OV__H5_FUNCTIONS(OV__H5_SLOT)
    hid_t *native_double;    /* H5T_NATIVE_DOUBLE_g, valid after H5open */
} h5;
#undef OV__H5_SLOT
static pthread_once_t h5_once = PTHREAD_ONCE_INIT;
static char h5_missing[128];  /* empty when loaded */

static void
h5_load(void)
{
    void *lib = dlopen(OV_HDF5_SONAME, RTLD_NOW | RTLD_LOCAL);
    void *f;

    if (!lib) {
        snprintf(h5_missing, sizeof h5_missing, "cannot load %s (install "
                 "libhdf5)", OV_HDF5_SONAME);
        return;
    }
#define OV__H5_GET(name)                                                  \
    f = dlsym(lib, #name);                                                \
    if (!f) {                                                             \
        snprintf(h5_missing, sizeof h5_missing, "%s lacks %s",            \
                 OV_HDF5_SONAME, #name);                                  \
        return;                                                           \
    }                                                                     \
    memcpy(&h5.p_##name, &f, sizeof f);
    OV__H5_FUNCTIONS(OV__H5_GET)
#undef OV__H5_GET
    h5.native_double = dlsym(lib, "H5T_NATIVE_DOUBLE_g");
    if (!h5.native_double || h5.p_H5open() < 0)
        snprintf(h5_missing, sizeof h5_missing, "%s does not start",
                 OV_HDF5_SONAME);
}

/* libhdf5 (Debian's serial build) is not thread-safe: one file at a
 * time in this process. */
static pthread_mutex_t h5_lock = PTHREAD_MUTEX_INITIALIZER;

/* Dataset @p name as doubles; *n its size, dims its shape. */
static ov_status
h5_read(hid_t f, const char *name, array *a, ov_error *err)
{
    hid_t d, s;
    hsize_t dims[3];
    int nd, i;
    ov_status st = OV_OK;

    memset(a, 0, sizeof *a);
    snprintf(a->name, sizeof a->name, "%s", name);
    if (h5.p_H5Lexists(f, name, H5P_DEFAULT) <= 0)
        return OV_ERR_NOT_FOUND;
    d = h5.p_H5Dopen2(f, name, H5P_DEFAULT);
    if (d < 0)
        return ov__error_set(err, OV_ERR_FORMAT, 0, 0, "dataset %s: cannot "
                             "open it", name);
    s = h5.p_H5Dget_space(d);
    nd = s < 0 ? -1 : h5.p_H5Sget_simple_extent_ndims(s);
    if (nd < 1 || nd > 2) {
        st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "dataset %s: expected "
                           "1 or 2 dimensions, got %d", name, nd);
        goto out;
    }
    h5.p_H5Sget_simple_extent_dims(s, dims, NULL);
    a->ndim = (size_t)nd;
    a->n = 1;
    for (i = 0; i < nd; i++) {
        if (dims[i] > (hsize_t)OV_GRID_MAX_POINTS
            || (dims[i] && a->n > (size_t)OV_GRID_MAX_POINTS / dims[i])) {
            st = ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0, "dataset %s: "
                               "too many values", name);
            goto out;
        }
        a->shape[i] = (size_t)dims[i];
        a->n *= (size_t)dims[i];
    }
    a->v = ov__malloc3(a->n ? a->n : 1, 1, sizeof(double));
    if (!a->v) {
        st = ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
        goto out;
    }
    if (a->n && h5.p_H5Dread(d, *h5.native_double, H5S_ALL, H5S_ALL,
                             H5P_DEFAULT, a->v) < 0) {
        st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "dataset %s: cannot "
                           "read it as numbers", name);
        array_free(a);
    }
out:
    if (s >= 0)
        h5.p_H5Sclose(s);
    h5.p_H5Dclose(d);
    return st;
}

static ov_status
grid_hdf5(const char *path, grid *g, ov_error *err)
{
    static const char *const surfaces[] = { "train_loss", "test_loss",
                                            "loss", NULL };
    H5E_auto2_t old_fn;
    void *old_data;
    array x, y, z;
    hid_t f;
    ov_status st;
    size_t k;

    memset(&x, 0, sizeof x);
    memset(&y, 0, sizeof y);
    memset(&z, 0, sizeof z);
    pthread_once(&h5_once, h5_load);
    if (h5_missing[0])
        return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0, "%s",
                             h5_missing);
    pthread_mutex_lock(&h5_lock);
    /* The library prints nothing: HDF5's error stack printer is off
     * while this runs. */
    h5.p_H5Eget_auto2(H5E_DEFAULT, &old_fn, &old_data);
    h5.p_H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    f = h5.p_H5Fopen(path, 0u /* H5F_ACC_RDONLY */, H5P_DEFAULT);
    if (f < 0) {
        st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "not a readable HDF5 "
                           "file");
        goto out;
    }
    st = h5_read(f, "xcoordinates", &x, err);
    if (st == OV_ERR_NOT_FOUND)
        st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "expected a dataset "
                           "xcoordinates (loss-landscape's surface file)");
    if (st == OV_OK) {
        st = h5_read(f, "ycoordinates", &y, err);
        if (st == OV_ERR_NOT_FOUND)
            st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "expected a dataset "
                               "ycoordinates: a 1-D surface file has none; "
                               "optviz draws 2-D ones");
    }
    for (k = 0; st == OV_OK && surfaces[k]; k++) {
        st = h5_read(f, surfaces[k], &z, err);
        if (st == OV_OK)
            break;
        if (st == OV_ERR_NOT_FOUND)
            st = OV_OK;
    }
    if (st == OV_OK && !z.v)
        st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "expected a dataset "
                           "train_loss (or test_loss)");
    if (st == OV_OK && (x.ndim != 1 || y.ndim != 1))
        st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "expected 1-D "
                           "xcoordinates and ycoordinates");
    if (st == OV_OK && z.n != x.n * y.n)
        st = ov__error_set(err, OV_ERR_FORMAT, 0, 0, "dataset %s: expected "
                           "%zu x %zu values, got %zu", z.name, x.n, y.n,
                           z.n);
    /* loss-landscape fills its surface through
     * ravel() of meshgrid(x, y): value k is at (x[k % nx], y[k / nx]). */
    if (st == OV_OK && (st = grid_alloc(g, x.n, y.n, err)) == OV_OK) {
        memcpy(g->x, x.v, x.n * sizeof(double));
        memcpy(g->y, y.v, y.n * sizeof(double));
        memcpy(g->z, z.v, z.n * sizeof(double));
    }
    h5.p_H5Fclose(f);
out:
    h5.p_H5Eset_auto2(H5E_DEFAULT, old_fn, old_data);
    pthread_mutex_unlock(&h5_lock);
    array_free(&x);
    array_free(&y);
    array_free(&z);
    return st;
}
#endif

/* ---- entry points ----------------------------------------------------------- */

static const char hdf5_magic[8] = { '\x89', 'H', 'D', 'F', '\r', '\n',
                                    '\x1a', '\n' };

ov_status
ov_grid_parse(ov_loss **out, const char *data, size_t len, const char *name,
              ov_error *err)
{
    grid g;
    ov_status st;
    size_t k;

    memset(&g, 0, sizeof g);
    if (err)
        memset(err, 0, sizeof *err);
    if (!name)
        name = "grid";
    for (k = 0; k < len && strchr(" \t\r\n", data[k]); k++)
        ;
    if (len >= 8 && memcmp(data, hdf5_magic, 8) == 0)
        return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0, "an HDF5 file is "
                             "read from its path (ov_grid_load)");
    if (len >= 6 && memcmp(data, "\x93NUMPY", 6) == 0)
        st = grid_npy(data, len, name, &g, err);
    else if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
        st = grid_npz(data, len, &g, err);
    else if (k < len && data[k] == '{')
        st = grid_json(data, len, &g, err);
    else
        st = grid_csv(data, len, &g, err);
    if (st != OV_OK) {
        grid_free(&g);
        if (err && err->status == OV_OK)
            err->status = st;
        return st;
    }
    return grid_finish(&g, name, out, err);
}

ov_status
ov_grid_load(ov_loss **out, const char *path, ov_error *err)
{
    char magic[8];
    FILE *f;
    size_t got, len;
    char *data;
    ov_status st;

    if (err)
        memset(err, 0, sizeof *err);
    f = fopen(path, "rb");
    if (!f)
        return ov__error_set(err, OV_ERR_IO, 0, 0, "%s", strerror(errno));
    got = fread(magic, 1, sizeof magic, f);
    fclose(f);
    if (got == sizeof magic && memcmp(magic, hdf5_magic, 8) == 0) {
#if OV_HAVE_HDF5
        grid g;
        memset(&g, 0, sizeof g);
        st = grid_hdf5(path, &g, err);
        if (st != OV_OK) {
            grid_free(&g);
            return st;
        }
        return grid_finish(&g, path, out, err);
#else
        return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0, "this optviz was "
                             "built without HDF5 support");
#endif
    }
    st = ov__import_read_file(path, &data, &len, err);
    if (st != OV_OK)
        return st;
    st = ov_grid_parse(out, data, len, path, err);
    ov__free(data);
    return st;
}
