/*
 * test_determinism.c: a figure's bytes never depend on what the process
 * drew before, nor on what another thread draws at the same time (batch
 * mode promises each output equals running its line alone).
 *
 * The reference for each figure comes from a forked child that renders
 * only that figure, before the parent has drawn anything: a fresh process.
 * The parent then renders the figures one after the other, in both orders,
 * and finally on two threads at once, and compares bytes.  The pairs mix a
 * large and a small figure because text below 7.5 px is where fontconfig's
 * configuration (DejaVu's "unhint small sizes" rule) and cairo's cached
 * font resolution used to make the first figure decide the second's text.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"

typedef struct job {
    const char *loss;
    const char *algos[3];
    long steps;
    int width, height;
    ov_format fmt;
    ov_view view;
    long frames;
    tu_buf out;
    ov_status st;
} job;

static ov_status
render(job *j)
{
    ov_error err;
    ov_loss *loss = NULL;
    ov_trajectory *tr[3] = { NULL, NULL, NULL };
    size_t n = 0;
    ov_status st = ov_loss_create(&loss, j->loss, NULL, OV_REDUCTION_MEAN,
                                  &err);
    for (; st == OV_OK && n < 3 && j->algos[n]; n++) {
        ov_algo a;
        st = ov_algo_from_name(j->algos[n], &a);
        if (st != OV_OK)
            break;
        ov_optim_config cfg;
        ov_optim_config_init(&cfg, a);
        cfg.lr = ov_loss_recommended_lr(loss, a);
        ov_run_config rc = OV_RUN_CONFIG_INIT;
        rc.steps = j->steps;
        st = ov_run(&tr[n], loss, &cfg, &rc, &err);
    }
    if (st == OV_OK) {
        ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
        spec.width = j->width;
        spec.height = j->height;
        spec.view = j->view;
        spec.frames = j->frames;
        j->out.len = 0;
        st = ov_render(tu_sink, &j->out, j->fmt, loss,
                       (const ov_trajectory *const *)tr, n, &spec, NULL,
                       NULL, &err);
    }
    for (size_t k = 0; k < 3; k++)
        ov_trajectory_destroy(tr[k]);
    ov_loss_destroy(loss);
    j->st = st;
    return st;
}

/* Renders @p j in a child forked now and returns its bytes in @p out. */
static int
render_fresh(job *j, tu_buf *out)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(fd[0]);
        int rc = render(j) == OV_OK ? 0 : 1;
        size_t off = 0;
        while (rc == 0 && off < j->out.len) {
            ssize_t w = write(fd[1], j->out.p + off, j->out.len - off);
            if (w <= 0)
                rc = 1;
            else
                off += (size_t)w;
        }
        close(fd[1]);
        _exit(rc);
    }
    close(fd[1]);
    unsigned char chunk[65536];
    ssize_t r;
    out->len = 0;
    while ((r = read(fd[0], chunk, sizeof chunk)) > 0)
        tu_sink(out, chunk, (size_t)r);
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int
same(const tu_buf *a, const tu_buf *b)
{
    return a->len == b->len && a->len > 0 && memcmp(a->p, b->p, a->len) == 0;
}

static void *
thread_main(void *arg)
{
    render(arg);
    return NULL;
}

enum { NJOBS = 6 };

int
main(void)
{
    /* Big text first, then small text, and the other way round; a still
     * and an animation; a contour, a surface and a curve. */
    job jobs[NJOBS] = {
        { "rosenbrock", { "adam" }, 80, 800, 600, OV_FORMAT_PNG,
          OV_VIEW_AUTO, 0, { .len = 0 }, OV_OK },
        { "ackley", { "adamax" }, 60, 320, 240, OV_FORMAT_PNG,
          OV_VIEW_AUTO, 0, { .len = 0 }, OV_OK },
        { "ackley", { "adamax" }, 60, 320, 240, OV_FORMAT_GIF,
          OV_VIEW_AUTO, 10, { .len = 0 }, OV_OK },
        { "himmelblau", { "gd", "momentum" }, 60, 1200, 900, OV_FORMAT_PNG,
          OV_VIEW_AUTO, 0, { .len = 0 }, OV_OK },
        { "ols", { "adam", "gd" }, 40, 240, 180, OV_FORMAT_PNG,
          OV_VIEW_SURFACE, 0, { .len = 0 }, OV_OK },
        { "parabola", { "momentum" }, 30, 400, 300, OV_FORMAT_PNG,
          OV_VIEW_AUTO, 0, { .len = 0 }, OV_OK },
    };
    tu_buf fresh[NJOBS] = { { .len = 0 } };

    /* Fresh-process references, before the parent draws anything. */
    for (int k = 0; k < NJOBS; k++) {
        int rc = render_fresh(&jobs[k], &fresh[k]);
        CHECK_MSG(rc == 0 && fresh[k].len > 0, "job %d: fresh render", k);
    }
    /* A fresh process is reproducible. */
    {
        tu_buf again = { 0 };
        CHECK(render_fresh(&jobs[1], &again) == 0 && same(&again, &fresh[1]));
        free(again.p);
    }

    /* In one process, in order and then in reverse order. */
    for (int k = 0; k < NJOBS; k++) {
        CHECK_EQ_INT(render(&jobs[k]), OV_OK);
        CHECK_MSG(same(&jobs[k].out, &fresh[k]),
                  "job %d (%s %dx%d) after jobs 0..%d: %zu vs %zu bytes", k,
                  jobs[k].loss, jobs[k].width, jobs[k].height, k - 1,
                  jobs[k].out.len, fresh[k].len);
    }
    for (int k = NJOBS - 1; k >= 0; k--) {
        CHECK_EQ_INT(render(&jobs[k]), OV_OK);
        CHECK_MSG(same(&jobs[k].out, &fresh[k]),
                  "job %d (%s %dx%d) in reverse order", k, jobs[k].loss,
                  jobs[k].width, jobs[k].height);
    }

    /* Two figures at the same time on two threads, several rounds, each
     * pair a big and a small one. */
    static const int pairs[][2] = { { 0, 1 }, { 3, 4 }, { 2, 5 }, { 1, 3 },
                                    { 4, 0 } };
    for (int round = 0; round < 3; round++) {
        for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
            job *a = &jobs[pairs[p][0]], *b = &jobs[pairs[p][1]];
            pthread_t ta, tb;
            int ca = pthread_create(&ta, NULL, thread_main, a) == 0;
            int cb = pthread_create(&tb, NULL, thread_main, b) == 0;
            CHECK(ca && cb);
            if (ca)
                pthread_join(ta, NULL);
            if (cb)
                pthread_join(tb, NULL);
            CHECK_EQ_INT(a->st, OV_OK);
            CHECK_EQ_INT(b->st, OV_OK);
            CHECK_MSG(same(&a->out, &fresh[pairs[p][0]]),
                      "thread round %d: job %d beside job %d", round,
                      pairs[p][0], pairs[p][1]);
            CHECK_MSG(same(&b->out, &fresh[pairs[p][1]]),
                      "thread round %d: job %d beside job %d", round,
                      pairs[p][1], pairs[p][0]);
        }
    }

    for (int k = 0; k < NJOBS; k++) {
        free(fresh[k].p);
        free(jobs[k].out.p);
    }
    return check_report("determinism");
}
