/*
 * pack.c: optimizer and run configurations as arrays of doubles
 * (pack_private.h), for the page that reruns a job in the browser.
 */
#include <stdint.h>
#include <string.h>

#include "optviz/param.h"
#include "pack_private.h"

size_t
ov__optim_pack_size(void)
{
    return 1 + ov_param_count();
}

void
ov__optim_pack(const ov_optim_config *cfg, double *out)
{
    out[0] = (double)cfg->algo;
    for (size_t i = 0; i < ov_param_count(); i++)
        out[1 + i] = ov_optim_config_get(cfg, i);
}

ov_status
ov__optim_unpack(const double *in, ov_optim_config *cfg)
{
    if (!(in[0] >= 0 && in[0] < OV_ALGO_COUNT))
        return OV_ERR_INVALID_ARG;
    ov_optim_config_init(cfg, (ov_algo)(int)in[0]);
    for (size_t i = 0; i < ov_param_count(); i++)
        ov_optim_config_set_value(cfg, i, in[1 + i]);
    return OV_OK;
}

int
ov__optim_pack_slot(const char *key)
{
    int i = ov_param_find(key);

    return i < 0 ? -1 : 1 + i;
}

/*
 * The fields of a run configuration, in packed order: X for a number or
 * flag, M for the milestones.  The seed comes first, in two halves, then
 * the start (ov__run_pack_start_slot), then this list.
 */
#define RUN_FIELDS(X, M)                                                   \
    X(steps) X(epochs) X(shuffle) X(drop_last) X(noise_std)               \
    X(clip_norm) X(clip_norm_max) X(clip_value) X(clip_value_max)         \
    X(schedule.kind) X(schedule.warmup) X(schedule.given)                 \
    X(schedule.step_size) X(schedule.gamma) M(schedule.milestones)        \
    X(schedule.n_milestones) X(schedule.t_max) X(schedule.eta_min)        \
    X(schedule.t_0) X(schedule.t_mult) X(schedule.base_lr)                \
    X(schedule.max_lr) X(schedule.step_size_up)                           \
    X(schedule.step_size_down) X(schedule.mode)                           \
    X(schedule.cycle_momentum) X(schedule.base_momentum)                  \
    X(schedule.max_momentum) X(schedule.total_steps)                      \
    X(schedule.pct_start) X(schedule.anneal_strategy)                     \
    X(schedule.div_factor) X(schedule.final_div_factor)                   \
    X(schedule.three_phase) X(schedule.start_factor)                      \
    X(schedule.end_factor) X(schedule.total_iters) X(schedule.factor)     \
    X(schedule.power) X(schedule.warmup_steps) X(schedule.decay_steps)    \
    X(schedule.min_factor) X(schedule.decay)

#define START_SLOT 2
#define HEAD (START_SLOT + 3)
#define COUNT_X(f) + 1
#define COUNT_M(f) + OV_SCHEDULE_MAX_MILESTONES

size_t
ov__run_pack_size(void)
{
    return HEAD RUN_FIELDS(COUNT_X, COUNT_M);
}

size_t
ov__run_pack_start_slot(void)
{
    return START_SLOT;
}

void
ov__run_pack(const ov_run_config *rc, double *out)
{
    size_t k = HEAD;

    out[0] = (double)(rc->seed >> 32);
    out[1] = (double)(rc->seed & 0xffffffffu);
    out[START_SLOT] = rc->has_start;
    out[START_SLOT + 1] = rc->start[0];
    out[START_SLOT + 2] = rc->start[1];
#define PACK_X(f) out[k++] = (double)rc->f;
#define PACK_M(f)                                                          \
    for (int m = 0; m < OV_SCHEDULE_MAX_MILESTONES; m++)                  \
        out[k++] = (double)rc->f[m];
    RUN_FIELDS(PACK_X, PACK_M)
#undef PACK_X
#undef PACK_M
}

void
ov__run_unpack(const double *in, ov_run_config *rc)
{
    size_t k = HEAD;

    memset(rc, 0, sizeof *rc);
    rc->seed = (uint64_t)in[0] << 32 | (uint64_t)in[1];
    rc->has_start = in[START_SLOT] != 0;
    rc->start[0] = in[START_SLOT + 1];
    rc->start[1] = in[START_SLOT + 2];
    /* Each field takes the type it has; __typeof__ is not C11, so the
     * cast goes through the assignment's conversion. */
#define UNPACK_X(f) rc->f = in[k++];
#define UNPACK_M(f)                                                        \
    for (int m = 0; m < OV_SCHEDULE_MAX_MILESTONES; m++)                  \
        rc->f[m] = (long)in[k++];
    RUN_FIELDS(UNPACK_X, UNPACK_M)
#undef UNPACK_X
#undef UNPACK_M
}
