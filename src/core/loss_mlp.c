/*
 * loss_mlp.c: a small network as a loss of all its parameters.
 *
 * "mlp:layers=16x16:act=tanh:out=bce:data=moons:n=200:noise=0.1" is
 * torch's nn.Sequential(Linear(2,16), Tanh(), Linear(16,16), Tanh(),
 * Linear(16,1)) on a two-class set of 2-D points.  The parameter vector
 * is list(model.parameters()) flattened in order: each weight row-major
 * (out x in), then its bias.  The loss is the mean over the points (or
 * the batch) of BCEWithLogitsLoss on the output (out=bce) or of MSELoss
 * against the label (out=mse).  Gradients by backpropagation, written
 * out below; tools/mlp_ref.py checks them against torch autograd.
 *
 * The data set and the initial parameters come from --seed; how exactly
 * is in mlp_data.c (the points) and init_params() (the parameters), and
 * docs/guide.md restates both so anyone can rebuild the network in torch.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/rng.h>

#include "alloc_private.h"
#include "error_private.h"
#include "loss_private.h"
#include "mlp_private.h"

#define MLP_MAX_HIDDEN 8        /* hidden layers */
#define MLP_MAX_WIDTH 256       /* units of a hidden layer */
#define MLP_MAX_POINTS 100000   /* points of a built-in set */

typedef enum { ACT_TANH, ACT_RELU, ACT_SIGMOID } mlp_act;
typedef enum { OUT_BCE, OUT_MSE } mlp_out;

typedef struct mlp {
    int n_lin;                        /* Linear layers: hidden + 1 */
    int width[MLP_MAX_HIDDEN + 2];    /* 2, H1, ..., Hk, 1 */
    size_t w_off[MLP_MAX_HIDDEN + 1]; /* offsets of each weight, bias */
    size_t b_off[MLP_MAX_HIDDEN + 1];
    size_t dim;
    mlp_act act;
    mlp_out out;
    ov__mlp_data data;
} mlp;

/* ---- the network --------------------------------------------------------*/

static double
act_value(mlp_act a, double z)
{
    switch (a) {
    case ACT_RELU:
        return z > 0 ? z : 0.0;
    case ACT_SIGMOID:
        return 1.0 / (1.0 + exp(-z));
    default:
        return tanh(z);
    }
}

/* d act / dz from the activation's value @p v and its input @p z (torch's
 * relu has derivative 0 at 0). */
static double
act_slope(mlp_act a, double z, double v)
{
    switch (a) {
    case ACT_RELU:
        return z > 0 ? 1.0 : 0.0;
    case ACT_SIGMOID:
        return v * (1.0 - v);
    default:
        return 1.0 - v * v;
    }
}

/* The loss of output @p z against label @p y and, in *dz, its derivative
 * in z.  BCE with logits in its stable form: max(z,0) - z y +
 * log(1 + exp(-|z|)). */
static double
out_loss(mlp_out o, double z, double y, double *dz)
{
    if (o == OUT_MSE) {
        double r = z - y;
        *dz = 2.0 * r;
        return r * r;
    }
    {
        double s = z >= 0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
        *dz = s - y;
        return (z > 0 ? z : 0.0) - z * y + log1p(exp(-fabs(z)));
    }
}

/*
 * One point: adds its loss to the return value and, when @p grad is not
 * NULL, its gradient to grad.  Activations live in @p act (sum of the
 * hidden widths plus 2), pre-activations in @p pre, back-propagated errors
 * in @p delta (the widest layer, twice).
 */
static double
point(const mlp *m, const double *th, const double *x, double y,
      double *grad, double *act, double *pre, double *delta)
{
    const double *in = x;
    double *a = act, *z = pre, out, dz, f, *d0 = delta,
           *d1 = delta + MLP_MAX_WIDTH;
    size_t off[MLP_MAX_HIDDEN + 2];
    int l, i, k;

    /* forward; a holds the inputs of layer l at off[l] */
    off[0] = 0;
    a[0] = x[0];
    a[1] = x[1];
    for (l = 0; l < m->n_lin; l++) {
        int nin = m->width[l], nout = m->width[l + 1];
        const double *w = th + m->w_off[l], *b = th + m->b_off[l];
        double *ao;

        in = a + off[l];
        off[l + 1] = off[l] + (size_t)nin;
        ao = a + off[l + 1];
        for (i = 0; i < nout; i++) {
            double s = 0.0;
            for (k = 0; k < nin; k++)
                s += w[(size_t)i * (size_t)nin + (size_t)k] * in[k];
            s += b[i];
            if (l + 1 < m->n_lin) {
                z[off[l + 1] + (size_t)i] = s;
                ao[i] = act_value(m->act, s);
            } else {
                ao[i] = s;
            }
        }
    }
    out = a[off[m->n_lin]];
    f = out_loss(m->out, out, y, &dz);
    if (!grad)
        return f;
    /* backward: d0 holds dL/d(pre-activation) of layer l's outputs */
    d0[0] = dz;
    for (l = m->n_lin - 1; l >= 0; l--) {
        int nin = m->width[l], nout = m->width[l + 1];
        const double *w = th + m->w_off[l];
        double *gw = grad + m->w_off[l], *gb = grad + m->b_off[l];
        const double *ai = a + off[l];
        double *tmp;

        for (i = 0; i < nout; i++) {
            gb[i] += d0[i];
            for (k = 0; k < nin; k++)
                gw[(size_t)i * (size_t)nin + (size_t)k] += d0[i] * ai[k];
        }
        if (l == 0)
            break;
        for (k = 0; k < nin; k++) {
            double s = 0.0;
            for (i = 0; i < nout; i++)
                s += w[(size_t)i * (size_t)nin + (size_t)k] * d0[i];
            d1[k] = s * act_slope(m->act, z[off[l] + (size_t)k], ai[k]);
        }
        tmp = d0;
        d0 = d1;
        d1 = tmp;
    }
    (void)in;
    return f;
}

static double
mlp_batch(const void *impl, const double *th, const size_t *idx, size_t n,
          ov_reduction red, double *grad)
{
    const mlp *m = impl;
    double act[MLP_MAX_HIDDEN * MLP_MAX_WIDTH + 4];
    double pre[MLP_MAX_HIDDEN * MLP_MAX_WIDTH + 4];
    double delta[2 * MLP_MAX_WIDTH];
    double f = 0.0;
    size_t k;

    if (grad)
        memset(grad, 0, m->dim * sizeof *grad);
    for (k = 0; k < n; k++) {
        size_t i = idx ? idx[k] : k;
        f += point(m, th, m->data.x + 2 * i, m->data.y[i], grad, act, pre,
                   delta);
    }
    if (red == OV_REDUCTION_MEAN) {
        double c = (double)n;
        f = f / c;
        if (grad)
            for (k = 0; k < m->dim; k++)
                grad[k] = grad[k] / c;
    }
    return f;
}

/* The full data set, always averaged (ov_loss_eval is the loss a figure
 * shows); a batch's reduction is the run's (ov_loss_eval_batch). */
static double
mlp_eval(const void *impl, const double *th, double *grad)
{
    const mlp *m = impl;

    return mlp_batch(impl, th, NULL, m->data.n, OV_REDUCTION_MEAN, grad);
}

/*
 * The activation for drawing: tanh as (1 - t) / (1 + t), t = exp(-2|z|),
 * several times faster than libm's tanh (which goes through expm1) and
 * within 2e-16 of it in absolute terms; grids only, never a trajectory.
 */
static double
act_fast(mlp_act a, double z)
{
    if (a == ACT_TANH) {
        double t = exp(-2.0 * fabs(z)), v = (1.0 - t) / (1.0 + t);
        return z < 0 ? -v : v;
    }
    return act_value(a, z);
}

/*
 * The plane: the first layer's pre-activations are affine in (a, b), so
 * W x + b at o + a d1 + b d2 is P0 + a P1 + b P2 with the three computed
 * once per point; the rest is the forward pass.
 */
static void
mlp_plane(const void *impl, const double *o, const double *d1,
          const double *d2, const double *av, size_t nx, const double *bv,
          size_t ny, double *out)
{
    const mlp *m = impl;
    size_t n = m->data.n, h1 = (size_t)m->width[1], i, j, p, k;
    size_t rest = m->dim - m->w_off[1];
    double *pre = ov__malloc3(n * h1, 3, sizeof(double));
    double *th = ov__malloc3(m->dim, 2, sizeof(double)), *wt;
    double act[MLP_MAX_HIDDEN * MLP_MAX_WIDTH + 4];
    double zz[MLP_MAX_HIDDEN * MLP_MAX_WIDTH + 4];

    if (!pre || !th) {
        for (k = 0; k < nx * ny; k++)
            out[k] = NAN;
        ov__free(pre);
        ov__free(th);
        return;
    }
    /* wt: the later layers' weights transposed (in x out), so that a
     * layer's outputs are summed side by side, each still in input order
     * (the compiler can then use vector instructions without reordering
     * any sum). */
    wt = th + m->dim;
    for (p = 0; p < n; p++) {
        const double *x = m->data.x + 2 * p;
        for (i = 0; i < h1; i++) {
            size_t w = m->w_off[0] + 2 * i, b = m->b_off[0] + i;
            double *q = pre + 3 * (p * h1 + i);
            q[0] = o[w] * x[0] + o[w + 1] * x[1] + o[b];
            q[1] = d1[w] * x[0] + d1[w + 1] * x[1] + d1[b];
            q[2] = d2[w] * x[0] + d2[w + 1] * x[1] + d2[b];
        }
    }
    for (j = 0; j < ny; j++)
        for (i = 0; i < nx; i++) {
            double a = av[i], b = bv[j], f = 0.0;

            int l, u, v;

            for (k = 0; k < rest; k++)
                th[m->w_off[1] + k] = o[m->w_off[1] + k]
                    + a * d1[m->w_off[1] + k] + b * d2[m->w_off[1] + k];
            for (l = 1; l < m->n_lin; l++) {
                int nin = m->width[l], nout = m->width[l + 1];
                const double *w = th + m->w_off[l];
                double *t = wt + m->w_off[l];
                for (u = 0; u < nout; u++)
                    for (v = 0; v < nin; v++)
                        t[(size_t)v * (size_t)nout + (size_t)u] =
                            w[(size_t)u * (size_t)nin + (size_t)v];
            }
            for (p = 0; p < n; p++) {
                double *cur = act, *nxt, dz;

                for (u = 0; u < (int)h1; u++) {
                    const double *q = pre + 3 * (p * h1 + (size_t)u);
                    cur[u] = act_fast(m->act, q[0] + a * q[1] + b * q[2]);
                }
                for (l = 1; l < m->n_lin; l++) {
                    int nin = m->width[l], nout = m->width[l + 1];
                    const double *t = wt + m->w_off[l];
                    const double *bb = th + m->b_off[l];
                    nxt = cur == act ? zz : act;
                    for (u = 0; u < nout; u++)
                        nxt[u] = 0.0;
                    for (v = 0; v < nin; v++) {
                        const double *tv = t + (size_t)v * (size_t)nout;
                        double c = cur[v];
                        for (u = 0; u < nout; u++)
                            nxt[u] += tv[u] * c;
                    }
                    for (u = 0; u < nout; u++) {
                        double s = nxt[u] + bb[u];
                        nxt[u] = l + 1 < m->n_lin ? act_fast(m->act, s) : s;
                    }
                    cur = nxt;
                }
                f += out_loss(m->out, cur[0], m->data.y[p], &dz);
            }
            out[j * nx + i] = f / (double)n;
        }
    ov__free(pre);
    ov__free(th);
}

static void
mlp_destroy(void *impl)
{
    mlp *m = impl;

    if (!m)
        return;
    ov__mlp_data_free(&m->data);
    ov__free(m);
}

static const ov__nd_ops mlp_ops = {
    mlp_eval, mlp_batch, mlp_plane, mlp_destroy, NULL
};

/* ---- the spec -----------------------------------------------------------*/

static ov_status
spec_error(ov_error *err, const char *spec, const char *at, const char *fmt,
           const char *what)
{
    ov__error_set(err, OV_ERR_FORMAT, 0, (long)(at - spec) + 1, fmt, what);
    return OV_ERR_FORMAT;
}

static int
parse_widths(const char *v, size_t len, mlp *m)
{
    char buf[128], *p, *end;
    int k = 0;

    if (len == 0 || len >= sizeof buf)
        return 0;
    memcpy(buf, v, len);
    buf[len] = '\0';
    p = buf;
    for (;;) {
        long w;
        if (*p < '0' || *p > '9')
            return 0;
        w = strtol(p, &end, 10);
        if (w < 1 || w > MLP_MAX_WIDTH || k == MLP_MAX_HIDDEN)
            return 0;
        m->width[++k] = (int)w;
        if (*end == '\0')
            break;
        if (*end != 'x')
            return 0;
        p = end + 1;
    }
    m->n_lin = k + 1;
    return 1;
}

/* ---- the initial parameters ---------------------------------------------*/

/*
 * torch.nn.Linear's default initialisation, seeded: each Linear layer in
 * order, its weight (row-major) and then its bias, every value
 * -bound + (2 bound) u with bound = 1/sqrt(fan_in) (kaiming_uniform_ with
 * a = sqrt(5) for the weight, the same bound for the bias) and u the next
 * 53-bit uniform of SplitMix64 seeded with seed + 1 (ov_rng_uniform).
 */
static void
init_params(const mlp *m, uint64_t seed, double *th)
{
    ov_rng rng;
    int l;
    size_t k;

    ov_rng_seed(&rng, seed + 1);
    for (l = 0; l < m->n_lin; l++) {
        double bound = 1.0 / sqrt((double)m->width[l]);
        size_t nw = (size_t)m->width[l] * (size_t)m->width[l + 1];
        for (k = 0; k < nw; k++)
            th[m->w_off[l] + k] = -bound + (2.0 * bound)
                * ov_rng_uniform(&rng);
        for (k = 0; k < (size_t)m->width[l + 1]; k++)
            th[m->b_off[l] + k] = -bound + (2.0 * bound)
                * ov_rng_uniform(&rng);
    }
}

ov_status
ov__mlp_create(struct ov_loss *loss, const char *spec, uint64_t seed,
               ov_error *err)
{
    static const double lr[OV__LR_COLUMNS] = {
        [OV__LR_PLAIN] = 0.5, [OV__LR_SAMPLE] = 0.05,
        [OV__LR_MOMENTUM] = 0.1, [OV__LR_ADAGRAD] = 0.1,
        [OV__LR_RMSPROP] = 0.01, [OV__LR_ADADELTA] = 1.0,
        [OV__LR_ADAM] = 0.01, [OV__LR_RADAM] = 0.01
    };
    const char *p = spec + 3;
    char data_name[128] = "moons", act_name[16] = "tanh";
    char layers_text[64] = "16x16";
    long n = 200;
    double noise = 0.1;
    ov__loss_def *d = &loss->nd_def;
    ov_status st;
    mlp *m;
    int l;

    m = ov__calloc(1, sizeof *m);
    if (!m)
        return OV_ERR_NOMEM;
    loss->nd = m;
    loss->nd_ops = &mlp_ops;
    m->act = ACT_TANH;
    m->out = OUT_BCE;
    m->width[0] = 2;
    m->width[1] = m->width[2] = 16;
    m->n_lin = 3;
    while (*p == ':') {
        const char *key = p + 1, *eq = strchr(key, '='), *val, *end;
        size_t klen, vlen;

        end = strchr(key, ':');
        if (!end)
            end = key + strlen(key);
        if (!eq || eq > end)
            return spec_error(err, spec, key, "expected KEY=VALUE at '%s'",
                              key);
        klen = (size_t)(eq - key);
        val = eq + 1;
        vlen = (size_t)(end - val);
        if (klen == 6 && strncmp(key, "layers", 6) == 0) {
            if (!parse_widths(val, vlen, m))
                return spec_error(err, spec, val, "layers: hidden widths "
                                  "1-256 joined by 'x', at most 8 (%s)",
                                  "e.g. 16x16");
            snprintf(layers_text, sizeof layers_text, "%.*s", (int)vlen,
                     val);
        } else if (klen == 3 && strncmp(key, "act", 3) == 0) {
            if (vlen == 4 && strncmp(val, "tanh", 4) == 0)
                m->act = ACT_TANH;
            else if (vlen == 4 && strncmp(val, "relu", 4) == 0)
                m->act = ACT_RELU;
            else if (vlen == 7 && strncmp(val, "sigmoid", 7) == 0)
                m->act = ACT_SIGMOID;
            else
                return spec_error(err, spec, val, "act: %s", "tanh, relu "
                                  "or sigmoid");
            snprintf(act_name, sizeof act_name, "%.*s", (int)vlen, val);
        } else if (klen == 3 && strncmp(key, "out", 3) == 0) {
            if (vlen == 3 && strncmp(val, "bce", 3) == 0)
                m->out = OUT_BCE;
            else if (vlen == 3 && strncmp(val, "mse", 3) == 0)
                m->out = OUT_MSE;
            else
                return spec_error(err, spec, val, "out: %s", "bce or mse");
        } else if (klen == 4 && strncmp(key, "data", 4) == 0) {
            if (vlen == 0 || vlen >= sizeof data_name)
                return spec_error(err, spec, val, "data: %s", "a built-in "
                                  "set (moons, circles, xor, spirals, "
                                  "blobs) or a CSV file");
            snprintf(data_name, sizeof data_name, "%.*s", (int)vlen, val);
        } else if (klen == 1 && key[0] == 'n') {
            char *e;
            n = strtol(val, &e, 10);
            if (vlen == 0 || e != end || n < 2 || n > MLP_MAX_POINTS)
                return spec_error(err, spec, val, "n: %s", "a whole number "
                                  "of points, 2 to 100000");
        } else if (klen == 5 && strncmp(key, "noise", 5) == 0) {
            char *e;
            noise = strtod(val, &e);
            if (vlen == 0 || e != end || !(noise >= 0) || !isfinite(noise))
                return spec_error(err, spec, val, "noise: %s", "a number "
                                  ">= 0");
        } else {
            return spec_error(err, spec, key, "unknown key '%s' (layers, "
                              "act, out, data, n, noise)", key);
        }
        p = end;
    }
    if (*p)
        return spec_error(err, spec, p, "expected ':KEY=VALUE' at '%s'", p);
    m->width[m->n_lin] = 1;
    for (l = 0; l < m->n_lin; l++) {
        m->w_off[l] = m->dim;
        m->dim += (size_t)m->width[l] * (size_t)m->width[l + 1];
        m->b_off[l] = m->dim;
        m->dim += (size_t)m->width[l + 1];
    }
    st = ov__mlp_data_make(&m->data, data_name, (size_t)n, noise, seed, err);
    if (st != OV_OK)
        return st;
    loss->n_examples = m->data.n;
    loss->nd_start = ov__malloc3(m->dim, 1, sizeof(double));
    loss->blocks = ov__malloc3((size_t)m->n_lin, 2, sizeof(ov_param_block));
    if (!loss->nd_start || !loss->blocks)
        return OV_ERR_NOMEM;
    init_params(m, seed, loss->nd_start);
    for (l = 0; l < m->n_lin; l++) {
        ov_param_block *w = &loss->blocks[2 * l], *b = w + 1;
        w->offset = m->w_off[l];
        w->rows = (size_t)m->width[l + 1];
        w->cols = (size_t)m->width[l];
        w->is_bias = 0;
        b->offset = m->b_off[l];
        b->rows = 1;
        b->cols = (size_t)m->width[l + 1];
        b->is_bias = 1;
    }
    loss->n_blocks = 2 * (size_t)m->n_lin;
    snprintf(loss->nd_name, sizeof loss->nd_name, "%s", spec);
    snprintf(loss->nd_formula, sizeof loss->nd_formula,
             "network 2-%s-1 (%s), %zu parameters, %s on %s (%zu points)",
             layers_text, act_name, m->dim,
             m->out == OUT_BCE ? "mean BCE with logits" : "mean squared "
             "error", data_name, m->data.n);
    {
        char widths[80] = "2";
        for (l = 1; l < m->n_lin; l++)
            snprintf(widths + strlen(widths), sizeof widths - strlen(widths),
                     "-%d", m->width[l]);
        snprintf(loss->nd_short, sizeof loss->nd_short, "%s-1 %s, %s",
                 widths, act_name, strchr(data_name, '/')
                 ? strrchr(data_name, '/') + 1 : data_name);
    }
    d->name = loss->nd_name;
    d->formula = loss->nd_formula;
    d->dim = (int)m->dim;
    d->xname = "PC1";
    d->yname = "PC2";
    d->zname = "Loss";
    d->xlim[0] = d->ylim[0] = -1.0;
    d->xlim[1] = d->ylim[1] = 1.0;
    memcpy(d->lr, lr, sizeof d->lr);
    return OV_OK;
}
