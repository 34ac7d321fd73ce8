/*
 * csvread_private.h: record-by-record CSV reading, the one reader of the
 * data sets (--data) and the import formats (RFC 4180 quoting, CRLF, a
 * UTF-8 BOM; commas, tabs, semicolons or runs of blanks between fields),
 * with the line each record starts on, so every error can name its line
 * and column (field).
 */
#ifndef OV_CSVREAD_PRIVATE_H
#define OV_CSVREAD_PRIVATE_H

#include <stddef.h>

#include <optviz/dataset.h>
#include <optviz/status.h>

/* A wider record is an error: an N-parameter run has p0..p(N-1). */
#define OV__CSV_MAX_FIELDS 65536

typedef struct ov__csv_field {
    const char *p;       /* start, quotes included when quoted */
    size_t len;
    int quoted;
} ov__csv_field;

typedef struct ov__csv {
    const char *s;
    size_t len, pos;
    long line;           /* the next record's first line */
    /* the last record read */
    long rec_line;
    size_t nf;           /* fields, at most OV__CSV_MAX_FIELDS kept */
    size_t nf_total;     /* fields in the record */
    ov__csv_field *f;    /* grown as records need (ov__csv_close) */
    size_t fcap;
    char sep;            /* ',' '\t' ';', or ' ' for runs of blanks */
    ov_status status;    /* why ov__csv_next gave -1: FORMAT or NOMEM */
} ov__csv;

/* Starts reading @p s, fields separated by commas; a NUL byte anywhere
 * is an error (binary data). */
ov_status ov__csv_open(ov__csv *r, const char *s, size_t len, ov_error *err);

/* Separates fields as @p delim says; OV_CSV_AUTO takes the separator the
 * first non-blank line uses outside quotes: a comma, else a tab, else a
 * semicolon, else blanks.  Call before the first ov__csv_next. */
void ov__csv_set_delimiter(ov__csv *r, ov_csv_delimiter delim);

/* Frees what reading allocated; the reader may be opened again. */
void ov__csv_close(ov__csv *r);

/* Reads the next record, skipping blank lines.  @return 1, 0 at the
 * end, or -1 with err and r->status set (an unterminated quote, out of
 * memory). */
int ov__csv_next(ov__csv *r, ov_error *err);

/* Field @p i's text without quotes and surrounding blanks (truncated to
 * @p cap - 1 bytes); @return its full length. */
size_t ov__csv_text(const ov__csv *r, size_t i, char *buf, size_t cap);

/* Field @p i as a number: 1 read, 0 empty (or "nan"/"null" when
 * @p nan_ok; *v = NaN), -1 not a number (junk), -2 a number that is not
 * finite ("inf", "1e999", or "nan" without @p nan_ok). */
int ov__csv_number(const ov__csv *r, size_t i, int nan_ok, double *v);

#endif /* OV_CSVREAD_PRIVATE_H */
