/*
 * dataset.c: (x, y) data sets: CSV reading and the built-in sets.
 *
 * The CSV reader takes the whole file into memory (capped), then walks it
 * record by record with a small state machine that understands RFC 4180
 * quoting, CRLF and a UTF-8 BOM.  The first record is the header: the
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
#include "error_private.h"
#include "dataset_private.h"

#define MAX_FILE_BYTES (64L << 20)   /* 64 MiB: millions of points */
#define MAX_FIELDS 64
#define MAX_NUMBER_LEN 64

typedef struct field {
    const char *p;      /* start, quotes included when quoted */
    size_t len;
    int quoted;
} field;

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

/* The columns a record is read for: sel[c] gets the field at col[c], c <
 * ncol; with names set, the first columns named colname[c] are found
 * (names[c]; -1 when none), at any width. */
typedef struct wanted {
    int ncol;
    const char *const *colname;
    int col[MAX_COLS];
    field sel[MAX_COLS];
    int *names;
} wanted;

static int name_is(const field *f, const char *name);

/*
 * Splits the record starting at *pos into fields.  Advances *pos past the
 * record's line end and *line by the lines it spans.  Returns the number of
 * fields, or -1 on an unterminated quote.  Fields beyond MAX_FIELDS are
 * counted but not stored; the ones @p w asks for are, at any index.
 */
/* Whether @p c separates fields: @p sep, or for ' ' any blank. */
static int
is_sep(char c, char sep)
{
    return sep == ' ' ? c == ' ' || c == '\t' : c == sep;
}

static int
split_record(const char *s, size_t len, size_t *pos, long *line,
             field *fields, wanted *w, char sep)
{
    size_t i = *pos;
    int nf = 0, c;

    /* Blank-separated columns may be indented. */
    while (sep == ' ' && i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    for (;;) {
        field f = { s + i, 0, 0 };

        if (i < len && s[i] == '"') {
            f.quoted = 1;
            i++;
            for (;;) {
                if (i >= len)
                    return -1;
                if (s[i] == '"') {
                    if (i + 1 < len && s[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (s[i] == '\n')
                    (*line)++;
                i++;
            }
            /* Anything between the closing quote and the separator is
             * kept so the number check can reject it. */
            while (i < len && !is_sep(s[i], sep) && s[i] != '\n'
                   && s[i] != '\r')
                i++;
        } else {
            while (i < len && !is_sep(s[i], sep) && s[i] != '\n'
                   && s[i] != '\r')
                i++;
        }
        f.len = (size_t)(s + i - f.p);
        if (nf < MAX_FIELDS)
            fields[nf] = f;
        for (c = 0; c < w->ncol; c++)
            if (nf == w->col[c])
                w->sel[c] = f;
        for (c = 0; w->names && c < w->ncol; c++)
            if (w->names[c] < 0 && name_is(&f, w->colname[c])) {
                w->names[c] = nf;
                break;
            }
        if (nf == INT_MAX)
            return -2;
        nf++;
        if (i < len && is_sep(s[i], sep)) {
            i++;
            if (sep == ' ') {
                /* a run of blanks is one separator; blanks that end the
                 * line separate nothing */
                while (i < len && (s[i] == ' ' || s[i] == '\t'))
                    i++;
                if (i >= len || s[i] == '\n' || s[i] == '\r')
                    break;
            }
            continue;
        }
        break;
    }
    if (i < len && s[i] == '\r')
        i++;
    if (i < len && s[i] == '\n')
        i++;
    (*line)++;
    *pos = i;
    return nf;
}

/* The separator of @p delim, or for OV_CSV_AUTO the one the first
 * non-blank line (from @p pos) uses outside quotes: a comma, else a tab,
 * else a semicolon, else blanks. */
static char
detect_sep(const char *s, size_t len, size_t pos, ov_csv_delimiter delim)
{
    int quoted = 0, tab = 0, semi = 0;
    size_t i;

    switch (delim) {
    case OV_CSV_COMMA:
        return ',';
    case OV_CSV_TAB:
        return '\t';
    case OV_CSV_SEMICOLON:
        return ';';
    case OV_CSV_BLANKS:
        return ' ';
    case OV_CSV_AUTO:
        break;
    }
    for (i = pos; i < len && (s[i] == '\n' || s[i] == '\r' || s[i] == ' '
                              || s[i] == '\t'); i++)
        ;
    for (; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ',')
            return ',';
        else if (!quoted && s[i] == '\t')
            tab = 1;
        else if (!quoted && s[i] == ';')
            semi = 1;
    }
    return tab ? '\t' : semi ? ';' : ' ';
}

/* Copies a field's text without quotes or surrounding blanks into buf. */
static size_t
field_text(const field *f, char *buf, size_t cap)
{
    const char *p = f->p, *end = f->p + f->len;
    size_t n = 0;

    if (f->quoted) {
        p++;
        while (p < end) {
            if (*p == '"') {
                if (p + 1 < end && p[1] == '"') {
                    p++;
                } else {
                    /* Text after the closing quote is kept as junk. */
                    p++;
                    while (p < end && n + 1 < cap)
                        buf[n++] = *p++;
                    break;
                }
            }
            if (n + 1 < cap)
                buf[n++] = *p;
            p++;
        }
    } else {
        while (p < end && n + 1 < cap)
            buf[n++] = *p++;
    }
    buf[n] = '\0';
    /* trim */
    while (n > 0 && isspace((unsigned char)buf[n - 1]))
        buf[--n] = '\0';
    p = buf;
    while (*p && isspace((unsigned char)*p))
        p++;
    if (p != buf) {
        memmove(buf, p, strlen(p) + 1);
        n = strlen(buf);
    }
    return n;
}

typedef enum { NUM_OK, NUM_EMPTY, NUM_JUNK, NUM_NONFINITE } num_result;

static num_result
parse_number(const field *f, double *out, char *text, size_t cap)
{
    char *end;
    size_t n = field_text(f, text, cap);

    if (n == 0)
        return NUM_EMPTY;
    if (f->len >= MAX_NUMBER_LEN)
        return NUM_JUNK;
    errno = 0;
    *out = strtod(text, &end);
    if (end == text || *end != '\0')
        return NUM_JUNK;
    if (!isfinite(*out))
        return NUM_NONFINITE;
    return NUM_OK;
}

static int
is_blank_record(const field *fields, int nf)
{
    return nf == 1 && fields[0].len == 0;
}

static int
name_is(const field *f, const char *name)
{
    char buf[MAX_NUMBER_LEN];
    size_t i, n = field_text(f, buf, sizeof buf);

    if (n != strlen(name))
        return 0;
    for (i = 0; i < n; i++)
        if (tolower((unsigned char)buf[i]) != name[i])
            return 0;
    return 1;
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
    field fields[MAX_FIELDS];
    char buf[MAX_NUMBER_LEN + 8];
    size_t pos = 0, cap = 0, n = 0;
    long line = 1;
    int use[MAX_COLS], header_seen = 0, header = 0, c;
    double *vals[MAX_COLS] = { NULL, NULL, NULL };
    char sep;
    ov_status st = OV_OK;

    for (c = 0; c < ncol; c++)
        use[c] = c;
    if (memchr(text, '\0', len)) {
        const char *nul = memchr(text, '\0', len);
        long l = 1;
        const char *p;
        for (p = text; p < nul; p++)
            l += *p == '\n';
        ov__error_set(err, OV_ERR_FORMAT, l, 0,
                      "binary data (a NUL byte), not CSV");
        return OV_ERR_FORMAT;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    sep = detect_sep(text, len, pos, delim);

    while (pos < len) {
        long rec_line = line;
        int names[MAX_COLS] = { -1, -1, -1 }, nf, maxcol = 0, named = 1;
        wanted w;
        double v[MAX_COLS];
        num_result r = NUM_OK;

        memset(&w, 0, sizeof w);
        w.ncol = ncol;
        w.colname = colname;
        for (c = 0; c < ncol; c++)
            w.col[c] = use[c];
        w.names = header_seen ? NULL : names;
        nf = split_record(text, len, &pos, &line, fields, &w, sep);
        if (nf == -2) {
            ov__error_set(err, OV_ERR_FORMAT, rec_line, 0,
                          "more than %d columns", INT_MAX);
            st = OV_ERR_FORMAT;
            goto fail;
        }
        if (nf < 0) {
            ov__error_set(err, OV_ERR_FORMAT, rec_line, 0,
                          "unterminated quoted field");
            st = OV_ERR_FORMAT;
            goto fail;
        }
        if (is_blank_record(fields, nf))
            continue;
        if (!header_seen) {
            header_seen = 1;
            for (c = 0; c < ncol; c++)
                named = named && names[c] >= 0;
            if (named) {
                for (c = 0; c < ncol; c++)
                    use[c] = names[c];
                header = 1;
                continue;
            }
            if (nf < ncol) {
                ov__error_set(err, OV_ERR_FORMAT, rec_line, 0,
                          "header has %d column%s; need %s", nf,
                          nf == 1 ? "" : "s", need);
                st = OV_ERR_FORMAT;
                goto fail;
            }
            /* No names: the first columns.  A numeric first record is
             * data, anything else a header. */
            for (c = 0; c < ncol; c++)
                if (parse_number(&fields[c], &v[c], buf, sizeof buf)
                    != NUM_OK)
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
            ov__error_set(err, OV_ERR_FORMAT, rec_line, 0,
                      "%d column%s; expected at least %d", nf,
                      nf == 1 ? "" : "s", maxcol + 1);
            st = OV_ERR_FORMAT;
            goto fail;
        }
        for (c = 0; c < ncol; c++) {
            r = parse_number(&w.sel[c], &v[c], buf, sizeof buf);
            if (r != NUM_OK)
                break;
        }
        if (c < ncol) {
            const char *col = colname[c];
            if (r == NUM_EMPTY) {
                ov__error_set(err, OV_ERR_FORMAT, rec_line, 0,
                              "empty %s value", col);
                st = OV_ERR_FORMAT;
            } else if (r == NUM_NONFINITE) {
                ov__error_set(err, OV_ERR_NONFINITE, rec_line, 0,
                          "%s value '%s' is not finite", col, buf);
                st = OV_ERR_NONFINITE;
            } else {
                ov__error_set(err, OV_ERR_FORMAT, rec_line, 0,
                          "%s value '%.40s' is not a number", col, buf);
                st = OV_ERR_FORMAT;
            }
            goto fail;
        }
        if (n == cap) {
            size_t ncap = cap ? 2 * cap : 256;
            for (c = 0; c < ncol; c++) {
                double *nv = ov__realloc(vals[c], ncap * sizeof(double));
                if (!nv) {
                    st = OV_ERR_NOMEM;
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
    if (n == 0) {
        ov__error_set(err, OV_ERR_EMPTY, 0, 0, "%s",
                      header_seen ? "no data rows after the header"
                                  : "empty file");
        st = OV_ERR_EMPTY;
        goto fail;
    }
    for (c = 0; c < ncol; c++)
        cols[c] = vals[c];
    *n_out = n;
    *sep_out = sep;
    *header_out = header;
    return OV_OK;

fail:
    if (st == OV_ERR_NOMEM)
        ov__error_set(err, st, 0, 0, "out of memory");
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
