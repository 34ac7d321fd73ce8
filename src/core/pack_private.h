/*
 * pack_private.h: a run's settings as a flat array of doubles (internal).
 *
 * The interactive page (encode/sink_html.c) carries the optimizer
 * configurations and the run configuration of a job to the library's core
 * compiled to WebAssembly (web/live.c), which reruns them when a slider
 * moves.  Both ends use these functions, so the layout is defined once:
 * an optimizer configuration is its algorithm followed by every row of
 * the hyper-parameter table (param.h) in table order; a run configuration
 * is the fields of ov_run_config and its schedule in the order of
 * pack.c's list.  Doubles hold every value exactly (the seed is split in
 * two 32-bit halves; the other integers are far below 2^53).
 */
#ifndef OV_PACK_PRIVATE_H
#define OV_PACK_PRIVATE_H

#include <stddef.h>

#include "optviz/optim.h"
#include "optviz/run.h"

/* Doubles in a packed optimizer configuration: 1 + ov_param_count(). */
size_t ov__optim_pack_size(void);
/* Writes ov__optim_pack_size() doubles. */
void ov__optim_pack(const ov_optim_config *cfg, double *out);
/* Reads them back; @return OV_OK, or OV_ERR_INVALID_ARG for an unknown
 * algorithm. */
ov_status ov__optim_unpack(const double *in, ov_optim_config *cfg);
/* The slot of hyper-parameter @p key in a packed configuration, -1 when
 * there is no such key. */
int ov__optim_pack_slot(const char *key);

/* Doubles in a packed run configuration. */
size_t ov__run_pack_size(void);
void ov__run_pack(const ov_run_config *rc, double *out);
void ov__run_unpack(const double *in, ov_run_config *rc);
/* Slots of the start point in a packed run configuration: has_start,
 * start[0], start[1] follow each other from this one. */
size_t ov__run_pack_start_slot(void);

#endif /* OV_PACK_PRIVATE_H */
