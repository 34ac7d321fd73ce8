/*
 * optviz/dataset.h: (x, y) data sets for the data losses (ols, sigmoid).
 *
 * A data set is read-only once made.  In a CSV file the columns named "x"
 * and "y" are used, or else the first two columns; a first line that is
 * two numbers is data (the file has no header: ov_dataset.header says
 * which).  Fields are separated by commas, tabs, semicolons or runs of
 * blanks: given, or detected from the first line (a comma, else a tab,
 * else a semicolon, else blanks).  Fields may be quoted, lines may end in
 * CRLF, a UTF-8 BOM is skipped.  Every value must be
 * a finite number: a NaN, an infinity or junk after a number is an error that
 * names the line.
 */
#ifndef OPTVIZ_DATASET_H
#define OPTVIZ_DATASET_H

#include "common.h"
#include "status.h"

OV_BEGIN_DECLS

typedef struct ov_dataset {
    size_t n;           /* number of points, >= 1 */
    const double *x;    /* n inputs, owned by the data set */
    const double *y;    /* n targets, owned by the data set */
    const char *name;   /* file path or built-in name; owned */
    int header;         /* read from a file: whether it had a header line */
    char delimiter;     /* read from a file: ',', '\t', ';' or ' ' (blanks) */
} ov_dataset;

/* How the fields of a CSV line are separated. */
typedef enum ov_csv_delimiter {
    OV_CSV_AUTO = 0,     /* detected from the first line */
    OV_CSV_COMMA,
    OV_CSV_TAB,
    OV_CSV_SEMICOLON,
    OV_CSV_BLANKS        /* runs of spaces and tabs; leading ones ignored */
} ov_csv_delimiter;

/* Built-in sets (design.md §3). */
typedef enum ov_builtin_data {
    /* 1000 points, x ~ U(-5,5), y = -2 + 2x + N(0, 0.001^2), seed 0 */
    OV_DATA_SEED000_OLS,
    OV_DATA_SEED002_SIGMOID, /* the six points of seed 002 */
    OV_DATA_SEED003_SIGMOID  /* seed 003: x = 0.5, 2.5; y = 0.2, 0.9 */
} ov_builtin_data;

/**
 * Reads a CSV file.  On failure *out is untouched and, if @p err is not
 * NULL, err->line names the offending line (1-based, 0 for file-level
 * errors) and err->what a short excerpt.
 * @return OV_ERR_IO (cannot open/read), OV_ERR_FORMAT (bad header or value),
 *         OV_ERR_EMPTY (no data rows), OV_ERR_NONFINITE (NaN/Inf value),
 *         OV_ERR_TOO_LARGE, OV_ERR_NOMEM.
 */
OV_API ov_status ov_dataset_load_csv(ov_dataset **out, const char *path,
                                     ov_error *err);

/** Same as ov_dataset_load_csv on text in memory; @p name labels errors. */
OV_API ov_status ov_dataset_parse_csv(ov_dataset **out, const char *text,
                                      size_t len, const char *name,
                                      ov_error *err);

/**
 * ov_dataset_load_csv with the fields separated as @p delim says; @p path
 * "-" reads standard input (to its end, at most the same 64 MiB).
 */
OV_API ov_status ov_dataset_read_csv(ov_dataset **out, const char *path,
                                     ov_csv_delimiter delim, ov_error *err);

/** ov_dataset_parse_csv with the fields separated as @p delim says. */
OV_API ov_status ov_dataset_parse_csv_delim(ov_dataset **out,
                                            const char *text, size_t len,
                                            const char *name,
                                            ov_csv_delimiter delim,
                                            ov_error *err);

/** Makes one of the built-in sets. */
OV_API ov_status ov_dataset_builtin(ov_dataset **out, ov_builtin_data which);

/** Makes a data set from arrays (copied). */
OV_API ov_status ov_dataset_from_arrays(ov_dataset **out, const double *x,
                                        const double *y, size_t n,
                                        const char *name);

/** Accepts NULL. */
OV_API void ov_dataset_destroy(ov_dataset *ds);

OV_END_DECLS

#endif /* OPTVIZ_DATASET_H */
