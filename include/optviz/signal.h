/*
 * optviz/signal.h: synthetic 1-D gradient signals, and what an optimizer
 * makes of them (seed 001's "response" figures, --view response).
 *
 * A signal is a gradient sequence g_0, g_1, ... fed to an optimizer on one
 * parameter that starts at 0, step t+1 getting g_t whatever the parameter
 * is.  Seed 001 defines six, on steps 0..299:
 *
 *   spikes          1 when t mod 60 = 0, else 0
 *   rectangles      1 when t mod 40 < 20, else -1
 *   noisy-sin       sin(t/20) + U_t - 0.5
 *   very-noisy-sin  sin(t/20)/5 + U_t - 0.5
 *   sawtooth        (t mod 20)/5 up to t = 80, then (t mod 20)/20
 *                   (the seed's "uneven sawtooth")
 *   saturation      1 when t mod 80 < 40, else 0
 *
 * U_t is the t-th ov_rng_uniform() draw of a stream seeded with the seed
 * (the seed itself used numpy's generator, so the noise differs from its
 * figures in detail, not in kind).  A longer signal starts with the
 * shorter one.
 *
 * The response at step t is what seed 001 plots: theta_t - theta_{t+1}, the
 * move against the gradient (lr*g_t for plain gradient descent; for
 * momentum lr*v_t with v_t = mu*v_{t-1} + g_t).
 */
#ifndef OPTVIZ_SIGNAL_H
#define OPTVIZ_SIGNAL_H

#include "common.h"
#include "status.h"
#include "optim.h"
#include "run.h"

OV_BEGIN_DECLS

#define OV_SIGNAL_DEFAULT_STEPS 300   /* seed 001's X = 0..299 */

/* Catalogue, in display order (--list signals). */
OV_API size_t ov_signal_count(void);
/** Name of signal @p i ("spikes", ...), NULL past the end; static storage. */
OV_API const char *ov_signal_name(size_t i);
/** Its definition in one line, NULL past the end; static storage. */
OV_API const char *ov_signal_formula(size_t i);

/**
 * Looks up a name: '-', '_' and ' ' are interchangeable, case is ignored,
 * and "uneven-sawtooth" is sawtooth.
 * @return OV_OK or OV_ERR_NOT_FOUND.
 */
OV_API ov_status ov_signal_find(const char *name, size_t *index);

/**
 * Writes g_0..g_{n-1} of signal @p index with noise seeded by @p seed.
 * @return OV_OK, or OV_ERR_INVALID_ARG (no such signal, or out NULL with
 *         n > 0).
 */
OV_API ov_status ov_signal_generate(size_t index, uint64_t seed, double *out,
                                    size_t n);

/**
 * Runs @p cfg on one parameter from 0, step t+1 fed g[t], and writes the
 * responses out[t] = theta_t - theta_{t+1} (theta as ov_optim_display_point
 * shows it).  A non-finite parameter makes the rest NaN.
 * @return OV_OK, OV_ERR_INVALID_ARG (config refused as torch would, with
 *         err->what; or a NULL pointer), OV_ERR_NOMEM.
 */
OV_API ov_status ov_signal_response(const ov_optim_config *cfg,
                                    const double *g, size_t n, double *out,
                                    ov_error *err);

/**
 * The same run as a trajectory, for figures and exports: row t has
 * step = epoch = t, theta[0] = theta_t (theta[1] = 0), grad[0] = g_t (the
 * gradient "at" theta_t, fed at step t+1; signals are defined for every t,
 * so the last row has one too) and loss = 0 (there is no loss).  dim is 1,
 * the label is the algorithm's name.  A non-finite parameter ends the run
 * at that row, with diverged_at set.
 * @p steps <= 0 means OV_SIGNAL_DEFAULT_STEPS.
 * @return OV_OK, OV_ERR_INVALID_ARG (signal or config), OV_ERR_TOO_LARGE
 *         (steps > OV_MAX_STEPS), OV_ERR_NOMEM.
 */
OV_API ov_status ov_signal_run(ov_trajectory **out, size_t index, long steps,
                               uint64_t seed, const ov_optim_config *cfg,
                               ov_error *err);

/**
 * Learning rate seed 001 uses for @p algo on these signals: 2.5 for
 * adagrad, 1 for adadelta (its step is sqrt(u + eps)/sqrt(v + eps)*g
 * unscaled), 0.25 for the others.
 */
OV_API double ov_signal_recommended_lr(ov_algo algo);

OV_END_DECLS

#endif /* OPTVIZ_SIGNAL_H */
