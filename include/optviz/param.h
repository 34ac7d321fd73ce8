/*
 * optviz/param.h: the hyper-parameter table.
 *
 * One row per key of an ov_optim_config: its name (the tool's long option
 * without dashes, which is also the key of a --algo item), its type, the
 * range torch accepts and the help line.  The library validates configs
 * from it, and the tool parses options, prints --help and completes keys
 * from it, so a key is spelt in one place.  Which optimizers take a key is
 * the optimizer's business: ov_algo_takes_param().
 *
 * Rows are numbered 0 .. ov_param_count()-1 in a fixed order (the order of
 * --help); the numbers are stable within one library version only, so
 * keep the key, not the number, across versions.
 */
#ifndef OPTVIZ_PARAM_H
#define OPTVIZ_PARAM_H

#include <stddef.h>

#include "common.h"
#include "status.h"
#include "optim.h"

OV_BEGIN_DECLS

typedef enum ov_param_type {
    OV_PARAM_DOUBLE,    /* a finite number */
    OV_PARAM_FLAG,      /* on or off; a key given without a value is on */
    OV_PARAM_ENUM,      /* one of the row's choices, stored as its index */
    OV_PARAM_LONG       /* an integer */
} ov_param_type;

typedef enum ov_param_group {
    OV_PARAM_GROUP_OPTIMIZER,   /* the optimizer's own hyper-parameters */
    OV_PARAM_GROUP_RUNNER       /* how the runner feeds it (batch-size) */
} ov_param_group;

typedef struct ov_param {
    const char *key;            /* "beta1", "initial-accumulator-value" */
    ov_param_type type;
    ov_param_group group;
    const char *value_name;     /* "B1" in --help; NULL for flags */
    /* One line for --help; "%A" stands for the optimizers that take the
     * key, as "adam/adamax" (use ov_param_help()). */
    const char *help;
    const char *const *choices; /* OV_PARAM_ENUM: names, NULL-terminated */
    /* The values torch accepts: min..max, an end excluded when its
     * *_open is set; NaN never passes.  Not checked when invalid is
     * NULL (flags). */
    double min, max;
    int min_open, max_open;
    const char *invalid;        /* torch's complaint, "Invalid rho value: " */
    /* The word "none" is a value too: NaN for a number (prodigy's beta3:
     * derived from beta2), 0 for an integer (no warm-up). */
    int none;
} ov_param;

/** Number of rows of the table. */
OV_API size_t ov_param_count(void);

/** Row @p i; NULL when out of range.  Static storage. */
OV_API const ov_param *ov_param_info(size_t i);

/**
 * The row of @p key, which may also be spelt as torch spells it
 * ("weight_decay").  @return its index, or -1 when there is none.
 */
OV_API int ov_param_find(const char *key);

/**
 * Row @p i's help line with "%A" replaced by the names of the optimizers
 * that take the key, joined by '/'.  Writes at most @p size bytes into
 * @p out (always terminated when size > 0).
 * @return the length of the whole line, as snprintf() does.
 */
OV_API size_t ov_param_help(size_t i, char *out, size_t size);

/** Whether @p v is a value row @p i accepts (always, for flags). */
OV_API int ov_param_in_range(size_t i, double v);

/**
 * Reads @p text as a value of row @p i: a number (the whole text, finite;
 * "none" when the row's none is set), a flag (1/0, true/false, yes/no,
 * on/off; empty is on), an enum name.
 * @return OV_OK, or OV_ERR_INVALID_ARG with err->what such as
 * "'abc' is not a number" (the range is validate's business).
 */
OV_API ov_status ov_param_parse(size_t i, const char *text, double *out,
                                ov_error *err);

/** Row @p i's value in @p cfg; flags 0/1, enums their index. */
OV_API double ov_optim_config_get(const ov_optim_config *cfg, size_t i);

/** Stores @p v as row @p i of @p cfg (a flag is on when v != 0). */
OV_API void ov_optim_config_set_value(ov_optim_config *cfg, size_t i,
                                      double v);

/**
 * Parses @p text as ov_param_parse() does and stores it under @p key.
 * Does not validate: call ov_optim_config_validate() when all are set.
 * @return OV_OK, OV_ERR_NOT_FOUND for an unknown key, or
 * OV_ERR_INVALID_ARG.
 */
OV_API ov_status ov_optim_config_set(ov_optim_config *cfg, const char *key,
                                     const char *text, ov_error *err);

OV_END_DECLS

#endif /* OPTVIZ_PARAM_H */
