/*
 * test_import.c: reading trajectories and landscapes (optviz/import.h):
 * a malformed-file table for every format (status, line, column and the
 * words of the message), good minimal files read back field by field,
 * the bilinear grid loss against its formula, and allocation failures.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/import.h>
#include <optviz/optim.h>

#include "alloc_private.h"
#include "check.h"

/* ---- the malformed-file table --------------------------------------------- */

typedef struct bad_case {
    int grid;              /* 0: trajectories on rosenbrock; 1: a landscape */
    const char *text;      /* NULL: use bin/bin_len */
    ov_status status;
    long line, column;     /* -1: not checked */
    const char *what;      /* a substring of err.what */
} bad_case;

static const bad_case bad_cases[] = {
    /* minimal CSV */
    { 0, "", OV_ERR_EMPTY, 0, 0, "no header" },
    { 0, "x,y\n1,2\n", OV_ERR_FORMAT, 1, 0, "no 'step' column" },
    { 0, "step,y\n0,2\n", OV_ERR_FORMAT, 1, 0, "no 'x' column" },
    { 0, "0,1,2\n1,2,3\n", OV_ERR_FORMAT, 1, 1, "got a row of numbers" },
    { 0, "step,x,x\n0,1,2\n", OV_ERR_FORMAT, 1, 3, "column 'x' twice" },
    { 0, "step,x,y\n0,1,2\n1,abc,2\n", OV_ERR_FORMAT, 3, 2,
      "x: expected a finite number, got 'abc'" },
    { 0, "step,x,y\n0,1,2\n1,1,inf\n", OV_ERR_FORMAT, 3, 3,
      "y: expected a finite number, got 'inf'" },
    { 0, "step,x,y\n0,1,2\n1.5,1,2\n", OV_ERR_FORMAT, 3, 1,
      "step: expected a whole number >= 0, got '1.5'" },
    { 0, "step,x,y\n0,1,2\n-1,1,2\n", OV_ERR_FORMAT, 3, 1, "whole number" },
    { 0, "step,x,y\n0,1,2\n,1,2\n", OV_ERR_FORMAT, 3, 1,
      "step: expected a step number, got ''" },
    { 0, "step,x,y\n0,1,2\n2,1,2\n1,1,2\n", OV_ERR_FORMAT, 4, 1,
      "expected a step after 2, got 1" },
    { 0, "step,x,y\n0,1,2\n1,1,\n", OV_ERR_FORMAT, 3, 1, "a 1-D row in a 2-D" },
    { 0, "step,x,y,loss\n0,1,2,oops\n", OV_ERR_FORMAT, 2, 4,
      "loss: expected a finite number, got 'oops'" },
    { 0, "step,x,y,label\n0,1,2,a\n1,1,2,\n", OV_ERR_FORMAT, 3, 4,
      "label: expected a label" },
    { 0, "step,x,y,label\n0,1,2,\"a\n", OV_ERR_FORMAT, 2, 4,
      "unterminated quoted field" },
    { 0, "step,x,y\n0,1,2\n\0", OV_ERR_FORMAT, 3, 0, "NUL byte" },
    { 0, "step,x\n0,1\n", OV_ERR_INVALID_ARG, 0, 0, "1-D run but loss" },
    { 0, "step,x,y\n", OV_ERR_EMPTY, 0, 0, "no rows" },
    /* optviz's JSON */
    { 0, "{\"optimizers\": [}", OV_ERR_FORMAT, 1, 17, "expected a value" },
    { 0, "{\"optimizers\": 3}", OV_ERR_FORMAT, 1, 16,
      "\"optimizers\" to be an array, got a number" },
    { 0, "{\"optimizers\": [{\"label\": \"a\",\n \"columns\": [\"step\", "
         "\"x\", \"y\"],\n \"rows\": [[0, 1, 2],\n  [1, 2]]}]}",
      OV_ERR_FORMAT, 4, 3, "expected 3 values" },
    { 0, "{\"optimizers\": [{\"label\": \"a\", \"columns\": [\"step\", "
         "\"x\", \"y\"],\n \"rows\": [[0, \"1\", 2]]}]}",
      OV_ERR_FORMAT, 2, 15, "expected a number, got a string" },
    { 0, "{\"optimizers\": [{\"columns\": [], \"rows\": []}]}",
      OV_ERR_FORMAT, 1, 17, "member \"label\"" },
    { 0, "{\"optimizers\": [{\"label\": \"a\", \"columns\": [\"x\"], "
         "\"rows\": []}]}", OV_ERR_FORMAT, 1, 43, "columns \"step\"" },
    { 0, "{\"optimizers\": [{\"label\": \"a\", \"algo\": \"adam\", "
         "\"hyperparameters\": {\"beta1\": \"x\"}, \"columns\": [\"step\", "
         "\"x\", \"y\"], \"rows\": [[0, 1, 2]]}]}", OV_ERR_FORMAT, 1, 77,
      "\"beta1\"" },
    { 0, "{\"other\": 1}", OV_ERR_FORMAT, 1, 1, "\"trajectory_data\"" },
    { 0, "{\"optimizers\": [{\"label\": \"a\", \"columns\": [\"step\", "
         "\"x\", \"y\"], \"rows\": [[0, 1e999, 2]]}]}", OV_ERR_FORMAT, 1, 76,
      "a finite coordinate" },
    { 0, "{\"optimizers\": []} x", OV_ERR_FORMAT, 1, 20, "end of the file" },
    { 0, "{\"a\": \"\\q\"}", OV_ERR_FORMAT, 1, 9, "an escape" },
    { 0, "{\"trajectory_data\": {\"traj_1\": [1, 2], \"traj_2\": [1]}}",
      OV_ERR_FORMAT, 1, 50, "expected 2 values (as traj_1)" },
    /* grid CSV */
    { 1, "a,b\n1,2\n", OV_ERR_FORMAT, 1, 0, "x,y,loss" },
    { 1, "x,y,loss\n0,0,1\n1,0,2\n0,1,3\n", OV_ERR_FORMAT, 0, 0,
      "one row per grid point" },
    { 1, "x,y,loss\n0,0,1\n1,0,2\n0,1,3\n0,0,4\n", OV_ERR_FORMAT, 5, 1,
      "again" },
    { 1, "x,y,loss\n0,0,1\n1,zz,2\n", OV_ERR_FORMAT, 3, 2,
      "expected a finite number, got 'zz'" },
    { 1, "x,y,loss\n0,0,1\n1,0,1\n0,1,1\n1,1,inf\n", OV_ERR_FORMAT, 5, 3,
      "a number (or nan)" },
    { 1, ",0,1,2\n0,1,2,3\n1,4,5\n", OV_ERR_FORMAT, 3, 3,
      "expected 4 fields" },
    { 1, ",0,1,2\n0,1,2,3\nq,4,5,6\n", OV_ERR_FORMAT, 3, 1,
      "a y coordinate, got 'q'" },
    { 1, ",0,1,1\n0,1,2,3\n1,4,5,6\n", OV_ERR_INVALID_ARG, 0, 0,
      "x is not strictly increasing" },
    { 1, ",0,1\n0,1,2\n", OV_ERR_INVALID_ARG, 0, 0, "y: 1 coordinate" },
    { 1, "x,y,loss\n0,0,nan\n1,0,nan\n0,1,nan\n1,1,nan\n",
      OV_ERR_INVALID_ARG, 0, 0, "no finite loss" },
    /* grid JSON */
    { 1, "{\"X\": [[0, 0], [1, 1]], \"Y\": [[0, 1], [0, 1]]}", OV_ERR_FORMAT,
      1, 1, "no \"loss_grid_2d\"" },
    { 1, "{\"X\": [[0, 0], [1, 1]], \"Y\": [[0, 1], [0, 1]],\n"
         " \"loss_grid_2d\": [[1, 2], [3]]}", OV_ERR_FORMAT, 2, 27,
      "expected 2 values as the first row" },
    { 1, "{\"X\": [[0, 0], [1, 1]], \"Y\": [[0, 1], [0, 1]],\n"
         " \"loss_grid_2d\": [[1, 2], [3, \"4\"]]}", OV_ERR_FORMAT, 2, 31,
      "a number or null, got a string" },
    { 1, "{\"X\": 5, \"Y\": [[0, 1]], \"loss_grid_2d\": [[1, 2]]}",
      OV_ERR_FORMAT, 1, 7, "\"X\" to be an array of rows" },
};

/* Binary cases: bytes made here. */
static size_t
npy(unsigned char *b, const char *header, size_t data_bytes)
{
    size_t hl = strlen(header), n;

    memcpy(b, "\x93NUMPY\x01\x00", 8);
    b[8] = (unsigned char)(hl & 0xFF);
    b[9] = (unsigned char)(hl >> 8);
    memcpy(b + 10, header, hl);
    n = 10 + hl;
    memset(b + n, 0, data_bytes);
    return n + data_bytes;
}

static void
check_err(const char *label, ov_status st, const ov_error *err,
          ov_status want, long line, long column, const char *what)
{
    CHECK_MSG(st == want, "%s: status %d, want %d (%s)", label, st, want,
              err->what);
    if (line >= 0)
        CHECK_MSG(err->line == line, "%s: line %ld, want %ld (%s)", label,
                  err->line, line, err->what);
    if (column >= 0)
        CHECK_MSG(err->column == column, "%s: column %ld, want %ld (%s)",
                  label, err->column, column, err->what);
    CHECK_MSG(strstr(err->what, what) != NULL, "%s: '%s' lacks '%s'", label,
              err->what, what);
}

static void
test_bad_table(void)
{
    ov_loss *rosen = NULL;
    size_t i;

    CHECK(ov_loss_create(&rosen, "rosenbrock", NULL, OV_REDUCTION_MEAN,
                         NULL) == OV_OK);
    for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        size_t len = strlen(c->text);
        ov_error err;
        ov_status st;
        char label[64];

        /* The NUL case: its text runs past the terminator. */
        if (strstr(c->what, "NUL"))
            len += 1;
        snprintf(label, sizeof label, "case %zu", i);
        memset(&err, 0, sizeof err);
        if (c->grid) {
            ov_loss *g = NULL;
            st = ov_grid_parse(&g, c->text, len, "t", &err);
            CHECK(st != OV_OK || g != NULL);
            ov_loss_destroy(g);
        } else {
            ov_trajectory **t = NULL;
            size_t n = 0;
            st = ov_import_parse(&t, &n, c->text, len, "t.csv", rosen, &err);
            ov_import_free(t, n);
        }
        check_err(label, st, &err, c->status, c->line, c->column, c->what);
    }
    ov_loss_destroy(rosen);
}

static void
test_bad_binary(void)
{
    unsigned char b[512];
    ov_loss *g = NULL;
    ov_error err;
    size_t n;

    memset(&err, 0, sizeof err);
    n = npy(b, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
            8 * 3);
    check_err("npy short", ov_grid_parse(&g, (char *)b, n, "z.npy", &err),
              &err, OV_ERR_FORMAT, 0, 0, "expected 32 bytes of data, got 24");
    n = npy(b, "{'descr': '<c16', 'fortran_order': False, 'shape': (2, 2), }",
            64);
    check_err("npy complex", ov_grid_parse(&g, (char *)b, n, "z.npy", &err),
              &err, OV_ERR_FORMAT, 0, 0, "float64, float32");
    n = npy(b, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }",
            32);
    check_err("npy 1-D", ov_grid_parse(&g, (char *)b, n, "z.npy", &err),
              &err, OV_ERR_FORMAT, 0, 0, "expected a 2-D array");
    n = npy(b, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
            32);
    b[6] = 9;
    check_err("npy version", ov_grid_parse(&g, (char *)b, n, "z.npy", &err),
              &err, OV_ERR_FORMAT, 0, 0, "version 1, 2 or 3, got 9");
    b[6] = 1;
    b[8] = 0xFF;
    b[9] = 0x0F;
    check_err("npy header", ov_grid_parse(&g, (char *)b, n, "z.npy", &err),
              &err, OV_ERR_FORMAT, 0, 0, "runs past the end");
    /* A zip without its end record. */
    memcpy(b, "PK\x03\x04", 4);
    memset(b + 4, 0, 60);
    check_err("zip", ov_grid_parse(&g, (char *)b, 64, "z.npz", &err), &err,
              OV_ERR_FORMAT, 0, 0, "a zip end record");
}

/* The real files of tests/data/import: bilinear z = 2x + 3y + xy, which
 * the bilinear read-out reproduces exactly inside the grid. */
static void
test_grid_files(void)
{
    static const char *const files[] = {
        "grid_long.csv", "grid_matrix.csv", "grid_stack.npy", "grid.npz",
        "grid_deflated.npz", "grid_losslandscape.json", "grid_surface.h5"
    };
    static const double pts[][2] = {
        { -1.5, 3.0 }, { -0.5, 1.0 }, { 1.0, 0.5 }, { 2.5, -0.5 },
        { 3.0, 4.0 }, { -2.0, -1.0 }, { 0.123, 2.75 }
    };
    size_t f, k;

    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        ov_loss *g = NULL;
        ov_error err;
        ov_status st;
        double xl[2], yl[2];

        snprintf(path, sizeof path, "%s/import/%s", OV_TEST_DATA, files[f]);
        memset(&err, 0, sizeof err);
        st = ov_grid_load(&g, path, &err);
        if (strstr(files[f], ".h5") && !ov_import_has_hdf5()) {
            CHECK(st == OV_ERR_UNSUPPORTED);
            CHECK(strstr(err.what, "built without HDF5 support") != NULL);
            continue;
        }
        CHECK_MSG(st == OV_OK, "%s: %s", files[f], err.what);
        if (st != OV_OK)
            continue;
        CHECK(ov_loss_is_grid(g));
        ov_loss_domain(g, xl, yl);
        CHECK_EQ_BITS(xl[0], -2.0);
        CHECK_EQ_BITS(xl[1], 3.0);
        CHECK_EQ_BITS(yl[0], -1.0);
        CHECK_EQ_BITS(yl[1], 4.0);
        for (k = 0; k < sizeof pts / sizeof pts[0]; k++) {
            double x = pts[k][0], y = pts[k][1], gr[2];
            double v = ov_loss_eval(g, pts[k], gr);
            CHECK_NEAR(v, 2 * x + 3 * y + x * y, 1e-12);
            CHECK_NEAR(gr[0], 2 + y, 1e-12);
            CHECK_NEAR(gr[1], 3 + x, 1e-12);
        }
        {
            /* Outside: the nearest edge's value, no slope across it. */
            double p[2] = { 10.0, 0.0 }, gr[2];
            CHECK_NEAR(ov_loss_eval(g, p, gr), 6.0, 1e-12);
            CHECK_EQ_BITS(gr[0], 0.0);
        }
        {
            const double *m;
            CHECK_EQ_INT(ov_loss_minima(g, &m), 1);
            CHECK_EQ_BITS(m[0], -2.0);     /* z = -5 at (-2, -1) */
            CHECK_EQ_BITS(m[1], -1.0);
        }
        {
            /* Nothing runs on a grid. */
            ov_optim_config cfg;
            ov_run_config rc = OV_RUN_CONFIG_INIT;
            ov_trajectory *t = NULL;
            ov_optim_config_init(&cfg, OV_ALGO_ADAM);
            memset(&err, 0, sizeof err);
            CHECK(ov_run(&t, g, &cfg, &rc, &err) == OV_ERR_UNSUPPORTED);
            CHECK(strstr(err.what, "precomputed grid") != NULL);
        }
        ov_loss_destroy(g);
    }
}

static void
test_minimal_csv(void)
{
    static const char text[] =
        "label,step,x,y,lr,epoch\n"
        "mine,0,1,2,0.5,0\n"
        "adam-2,0,-1,1,,\n"
        "mine,10,0.5,1,0.5,1\n"
        "adam-2,1,0,0.5,,\n";
    ov_loss *rosen = NULL;
    ov_trajectory **t = NULL;
    size_t n = 0;
    ov_error err;
    double g[2];

    ov_loss_create(&rosen, "rosenbrock", NULL, OV_REDUCTION_MEAN, NULL);
    memset(&err, 0, sizeof err);
    CHECK(ov_import_parse(&t, &n, text, strlen(text), "dir/f.csv", rosen,
                          &err) == OV_OK);
    CHECK_EQ_INT(n, 2);
    if (n == 2) {
        CHECK_EQ_STR(t[0]->label, "mine");
        CHECK_EQ_INT(t[0]->config.algo, OV_ALGO_COUNT);   /* unknown */
        CHECK_EQ_BITS(t[0]->config.lr, 0.5);
        CHECK_EQ_INT(t[0]->n_rows, 2);
        CHECK_EQ_INT(t[0]->rows[1].step, 10);
        CHECK_EQ_INT(t[0]->rows[1].epoch, 1);
        CHECK_EQ_BITS(t[0]->rows[1].loss,
                      ov_loss_eval(rosen, t[0]->rows[1].theta, g));
        CHECK_EQ_BITS(t[0]->rows[1].grad[0], g[0]);
        CHECK_EQ_BITS(t[0]->rows[1].grad[1], g[1]);
        CHECK_EQ_STR(t[1]->label, "adam-2");
        CHECK_EQ_INT(t[1]->config.algo, OV_ALGO_ADAM);
        CHECK(isnan(t[1]->config.lr));
        CHECK_EQ_INT(t[1]->rows[1].epoch, 1);   /* epoch = step */
        CHECK_EQ_INT(t[1]->diverged_at, -1);
    }
    ov_import_free(t, n);
    /* No label column: one run named after the file. */
    {
        static const char one[] = "step,x,y,loss\n0,1,2,7.5\n1,1,1,\n";
        CHECK(ov_import_parse(&t, &n, one, strlen(one), "runs/my run.csv",
                              rosen, &err) == OV_OK);
        CHECK_EQ_INT(n, 1);
        if (n == 1) {
            CHECK_EQ_STR(t[0]->label, "my run");
            CHECK_EQ_BITS(t[0]->rows[0].loss, 7.5);   /* the file wins */
        }
        ov_import_free(t, n);
    }
    ov_loss_destroy(rosen);
}

/* Every allocation failing in turn: a clean error, never a crash or a
 * leak (the sanitizer build checks the leaks). */
static void
test_nomem(void)
{
    static const char text[] =
        "label,step,x,y\na,0,1,2\nb,0,1,2\na,1,1,1\n";
    static const char grid[] = "x,y,loss\n0,0,1\n1,0,2\n0,1,3\n1,1,4\n";
    ov_loss *rosen = NULL;
    unsigned long k;
    int ok_t = 0, ok_g = 0;

    ov_loss_create(&rosen, "rosenbrock", NULL, OV_REDUCTION_MEAN, NULL);
    for (k = 1; k < 60; k++) {
        ov_trajectory **t = NULL;
        ov_loss *g = NULL;
        size_t n = 0;
        ov_status st;

        ov__alloc_fail_after(k);
        st = ov_import_parse(&t, &n, text, strlen(text), "t", rosen, NULL);
        ov__alloc_fail_after(0);
        CHECK(st == OV_OK || st == OV_ERR_NOMEM);
        ok_t |= st == OV_OK;
        ov_import_free(t, st == OV_OK ? n : 0);
        ov__alloc_fail_after(k);
        st = ov_grid_parse(&g, grid, strlen(grid), "g", NULL);
        ov__alloc_fail_after(0);
        CHECK(st == OV_OK || st == OV_ERR_NOMEM);
        ok_g |= st == OV_OK;
        ov_loss_destroy(g);
    }
    CHECK(ok_t && ok_g);
    ov_loss_destroy(rosen);
}

/* Runs of N parameters: the CSV's p0..p(N-1) columns and the JSON's
 * "params" arrays are the points (x, y are a plane's, ignored), the
 * gradients the loss's at them; a wrong N, a missing p column, a ragged
 * params array are errors; every allocation failing is a clean error. */
static void
test_n_params(void)
{
    static const char csv[] =
        "algo,step,x,y,loss,p2,p0,p1\n"
        "gd,0,9,9,,3,1,2\n"
        "gd,1,9,9,7.5,1.5,0.5,1\n";
    static const char json[] =
        "{\"optimizers\": [{\"label\": \"adam\", \"columns\": [\"step\", "
        "\"x\", \"y\", \"params\"], \"rows\": [[0, 9, 9, [1, 2, 3]], "
        "[1, 9, 9, [0.5, 1, 1.5]]]}]}";
    static const char gap[] = "step,x,p0,p2\n0,0,1,2\n";
    static const char ragged[] =
        "{\"optimizers\": [{\"label\": \"a\", \"columns\": [\"step\", "
        "\"params\"], \"rows\": [[0, [1, 2, 3]], [1, [1, 2]]]}]}";
    const double want[2][3] = { { 1, 2, 3 }, { 0.5, 1, 1.5 } };
    ov_loss *q = NULL, *q4 = NULL;
    ov_error err;
    unsigned long k;
    int f, ok = 0;

    CHECK(ov_loss_create(&q, "quadratic:dim=3:cond=10", NULL,
                         OV_REDUCTION_MEAN, NULL) == OV_OK);
    CHECK(ov_loss_create(&q4, "quadratic:dim=4:cond=10", NULL,
                         OV_REDUCTION_MEAN, NULL) == OV_OK);
    for (f = 0; f < 2; f++) {
        const char *text = f ? json : csv;
        ov_trajectory **t = NULL;
        size_t n = 0, r, i;

        CHECK(ov_import_parse(&t, &n, text, strlen(text), "t", q, &err)
              == OV_OK);
        if (n != 1 || !t[0]->params || !t[0]->grads) {
            CHECK(0);
            ov_import_free(t, n);
            continue;
        }
        CHECK(t[0]->dim == 3 && t[0]->n_rows == 2);
        for (r = 0; r < 2; r++) {
            double g[3];
            double v = ov_loss_eval(q, want[r], g);
            for (i = 0; i < 3; i++) {
                CHECK(t[0]->params[r * 3 + i] == want[r][i]);
                CHECK(t[0]->grads[r * 3 + i] == g[i]);
            }
            /* the file's loss wins (CSV row 2), else the loss's */
            CHECK(t[0]->rows[r].loss == (f == 0 && r == 1 ? 7.5 : v));
            CHECK(t[0]->rows[r].theta[0] == 0 && t[0]->rows[r].theta[1] == 0);
        }
        ov_import_free(t, n);
        CHECK(ov_import_parse(&t, &n, text, strlen(text), "t", q4, &err)
              == OV_ERR_INVALID_ARG);
        CHECK(strstr(err.what, "expected 4 parameters (columns p0..p3")
              != NULL);
    }
    CHECK(ov_import_parse(NULL, NULL, gap, strlen(gap), "g", q, &err)
          == OV_ERR_FORMAT);
    CHECK(err.line == 1 && strstr(err.what, "no 'p1' column") != NULL);
    CHECK(ov_import_parse(NULL, NULL, ragged, strlen(ragged), "r", q, &err)
          == OV_ERR_FORMAT);
    CHECK(strstr(err.what, "expected 3 parameters") != NULL);
    for (k = 1; k < 60; k++) {
        for (f = 0; f < 2; f++) {
            const char *text = f ? json : csv;
            ov_trajectory **t = NULL;
            size_t n = 0;
            ov_status st;

            ov__alloc_fail_after(k);
            st = ov_import_parse(&t, &n, text, strlen(text), "t", q, NULL);
            ov__alloc_fail_after(0);
            CHECK(st == OV_OK || st == OV_ERR_NOMEM);
            ok += st == OV_OK;
            ov_import_free(t, st == OV_OK ? n : 0);
        }
    }
    CHECK(ok > 0);
    ov_loss_destroy(q);
    ov_loss_destroy(q4);
}

int
main(void)
{
    test_bad_table();
    test_bad_binary();
    test_grid_files();
    test_minimal_csv();
    test_nomem();
    test_n_params();
    return check_report("test_import");
}
