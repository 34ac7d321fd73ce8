/*
 * format_private.h: the rows of the format table as the library uses them
 * (internal): the public description plus what writes the format and what
 * reads back the command line its files record.
 */
#ifndef OV_FORMAT_PRIVATE_H
#define OV_FORMAT_PRIVATE_H

#include <stdio.h>

#include "optviz/format.h"
#include "optviz/loss.h"
#include "optviz/run.h"
#include "sink_private.h"

/* Trajectory writers (export.c). */
typedef ov_status (*ov__traj_writer)(ov_write_fn fn, void *closure,
                                     const ov_loss *loss,
                                     const ov_trajectory *const *trajs,
                                     size_t n);

/*
 * Reads the recorded command line from @p f (at its start) into *out
 * (ov__malloc'ed, NUL-terminated).  @return OV_OK, OV_ERR_NOT_FOUND (not
 * this format, or nothing recorded), OV_ERR_NOMEM.
 */
typedef ov_status (*ov__command_reader)(FILE *f, char **out);

/* Longest recorded command line a reader returns. */
#define OV__MAX_RECORDED (1L << 20)
/* How much of a file the readers of recorded command lines see: the
 * longest record and what the writers put before it, with room. */
#define OV__RECORD_PREFIX (OV__MAX_RECORDED + (64L << 10))

typedef struct ov__format_row {
    ov_format_info info;
    const ov__sink_class *sink;      /* raster and animation kinds */
    ov__traj_writer write_traj;      /* trajectory kind */
    ov__command_reader read_command; /* NULL: records nothing */
} ov__format_row;

/* The row of @p fmt, NULL when unknown. */
const ov__format_row *ov__format_row_of(ov_format fmt);

/* The readers, beside their writers. */
ov_status ov__png_read_command(FILE *f, char **out);
ov_status ov__gif_read_command(FILE *f, char **out);
ov_status ov__mp4_read_command(FILE *f, char **out);
ov_status ov__webm_read_command(FILE *f, char **out);
ov_status ov__html_read_command(FILE *f, char **out);

/* The trajectory writers, in the table's signature. */
ov_status ov__export_csv_row(ov_write_fn fn, void *closure,
                             const ov_loss *loss,
                             const ov_trajectory *const *trajs, size_t n);
ov_status ov__export_json_row(ov_write_fn fn, void *closure,
                              const ov_loss *loss,
                              const ov_trajectory *const *trajs, size_t n);

#endif /* OV_FORMAT_PRIVATE_H */
