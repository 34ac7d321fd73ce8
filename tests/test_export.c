/*
 * test_export.c: trajectory CSV and JSON: header, rows, round-trip of every
 * double, 1-D empties, quoting, divergence, and atomic output files.
 */
#define _XOPEN_SOURCE 700   /* symlink, lstat */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"

static int
fail_write(void *closure, const unsigned char *data, size_t len)
{
    (void)closure;
    (void)data;
    (void)len;
    return OV_ERR_IO;
}

static ov_trajectory *
make(const char *lossname, ov_algo algo, double lr, long steps, ov_loss **lossp)
{
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *t = NULL;

    CHECK(ov_loss_create(lossp, lossname, NULL, OV_REDUCTION_MEAN, NULL)
          == OV_OK);
    ov_optim_config_init(&cfg, algo);
    cfg.lr = lr;
    rc.steps = steps;
    CHECK(ov_run(&t, *lossp, &cfg, &rc, NULL) == OV_OK);
    return t;
}

static void
test_csv(void)
{
    ov_loss *l1, *l2;
    ov_trajectory *a = make("himmelblau", OV_ALGO_ADAM, 0.1, 300, &l1);
    ov_trajectory *b = make("quadratic", OV_ALGO_GD, 1.5, 100, &l2);
    const ov_trajectory *both[2];
    tu_buf m = { 0 };
    char *line, *save = NULL;
    size_t rows = 0, exact = 0;

    if (!a || !b)
        return;
    snprintf(b->label, sizeof b->label, "gd, \"fast\"");
    both[0] = a;
    both[1] = b;
    CHECK(ov_export_csv(tu_sink, &m, both, 2) == OV_OK);
    /* b diverged: the optional diverged_at column (import.h reads it). */
    CHECK(strncmp(m.s, "algo,step,epoch,x,y,loss,grad_x,grad_y,lr,"
                       "diverged_at\n", 54) == 0);
    for (line = strtok_r(m.s + 54, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        const ov_trajectory *t = rows < a->n_rows ? a : b;
        size_t r = rows < a->n_rows ? rows : rows - a->n_rows;
        char *p = line;
        double v[6];
        long step, epoch;
        int i;
        if (t == b) {
            /* the quoted label comes back as written */
            CHECK(strncmp(p, "\"gd, \"\"fast\"\"\",", 15) == 0);
            p += 15;
        } else {
            CHECK(strncmp(p, "adam,", 5) == 0);
            p += 5;
        }
        step = strtol(p, &p, 10);
        p++;
        epoch = strtol(p, &p, 10);
        for (i = 0; i < 6; i++) {
            p++;
            v[i] = strtod(p, &p);
        }
        CHECK(*p == ',');
        if (t == b)
            CHECK(strtol(p + 1, &p, 10) == 22 && b->diverged_at == 22);
        else
            p++;
        CHECK(*p == '\0');
        if (step == t->rows[r].step && epoch == t->rows[r].epoch &&
            v[0] == t->rows[r].theta[0] && v[1] == t->rows[r].theta[1] &&
            v[2] == t->rows[r].loss && v[3] == t->rows[r].grad[0] &&
            v[4] == t->rows[r].grad[1] && v[5] == t->rows[r].lr &&
            v[5] == t->config.lr)
            exact++;
        rows++;
    }
    CHECK_EQ_INT(rows, a->n_rows + b->n_rows);
    CHECK_EQ_INT(exact, rows);
    CHECK_EQ_INT(a->n_rows, 301);
    CHECK_EQ_INT(b->n_rows, 22);

    /* JSON: diverged_at recorded, hyper-parameters present. */
    m.len = 0;
    CHECK(ov_export_json(tu_sink, &m, l1, both, 2) == OV_OK);
    CHECK(strstr(m.s, "\"diverged_at\": 22") != NULL);
    CHECK(strstr(m.s, "\"diverged_at\": null") != NULL);
    CHECK(strstr(m.s, "\"name\": \"himmelblau\"") != NULL);
    CHECK(strstr(m.s, "\"label\": \"gd, \\\"fast\\\"\"") != NULL);
    CHECK(strstr(m.s, "\"beta2\": 0.999") != NULL);
    CHECK(strstr(m.s, "\"grad_y\", \"lr\"]") != NULL);
    CHECK(strstr(m.s, "\"line_search_fn\": null") != NULL);
    CHECK(m.s[m.len - 2] == '}');

    /* A failing sink stops the writer with its status. */
    CHECK(ov_export_csv(fail_write, NULL, both, 2) == OV_ERR_IO);
    free(m.s);
    ov_trajectory_destroy(a);
    ov_trajectory_destroy(b);
    ov_loss_destroy(l1);
    ov_loss_destroy(l2);
}

static void
test_csv_1d(void)
{
    ov_loss *l;
    ov_trajectory *t = make("parabola", OV_ALGO_GD, 0.1, 3, &l);
    tu_buf m = { 0 };

    if (!t)
        return;
    CHECK(ov_export_csv(tu_sink, &m, (const ov_trajectory *const *)&t, 1)
          == OV_OK);
    CHECK(strstr(m.s, "\ngd,0,0,10,,100,20,,0.10000000000000001\n") != NULL);
    CHECK(strstr(m.s, "\ngd,1,1,8,,64,16,,0.10000000000000001\n") != NULL);
    free(m.s);
    ov_trajectory_destroy(t);
    ov_loss_destroy(l);
}

static int
file_is(const char *path, const char *content)
{
    char buf[256] = { 0 };
    FILE *f = fopen(path, "rb");
    size_t n;

    if (!f)
        return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    return n == strlen(content) && memcmp(buf, content, n) == 0;
}

static int
dir_entries(const char *dir)
{
    char cmd[512];
    FILE *p;
    int n = 0, c;

    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    p = popen(cmd, "r");
    if (!p)
        return -1;
    if (fscanf(p, "%d", &c) == 1)
        n = c;
    pclose(p);
    return n;
}

static void
test_output(void)
{
    char dir[] = "/tmp/ov_test_output_XXXXXX";
    char path[600], sub[600];
    ov_output *o;
    ov_error err;

    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    snprintf(path, sizeof path, "%s/out.csv", dir);
    /* commit puts the bytes in place, nothing else stays behind */
    CHECK(ov_output_open(&o, path, &err) == OV_OK);
    CHECK(ov_output_write(o, (const unsigned char *)"hello\n", 6) == 0);
    CHECK(access(path, F_OK) != 0);   /* not there before commit */
    CHECK(ov_output_commit(o, &err) == OV_OK);
    CHECK(file_is(path, "hello\n"));
    CHECK_EQ_INT(dir_entries(dir), 1);
    /* abort leaves an existing file as it was, and no temporary */
    CHECK(ov_output_open(&o, path, &err) == OV_OK);
    ov_output_write(o, (const unsigned char *)"partial", 7);
    ov_output_abort(o);
    CHECK(file_is(path, "hello\n"));
    CHECK_EQ_INT(dir_entries(dir), 1);
    /* signal clean-up removes open temporaries */
    CHECK(ov_output_open(&o, path, &err) == OV_OK);
    CHECK_EQ_INT(dir_entries(dir), 2);
    ov_output_remove_temporaries();
    CHECK_EQ_INT(dir_entries(dir), 1);
    ov_output_abort(o);
    /* a directory, a missing directory */
    CHECK(ov_output_open(&o, dir, &err) == OV_ERR_IO);
    CHECK(strstr(err.what, "directory") != NULL);
    snprintf(sub, sizeof sub, "%s/missing/out.png", dir);
    CHECK(ov_output_open(&o, sub, &err) == OV_ERR_IO);
    CHECK(strstr(err.what, "No such file") != NULL);
    /* through a symbolic link the file it points to is replaced */
    {
        char link[600];
        struct stat sb;
        snprintf(link, sizeof link, "%s/link.csv", dir);
        CHECK(symlink(path, link) == 0);
        CHECK(ov_output_open(&o, link, &err) == OV_OK);
        ov_output_write(o, (const unsigned char *)"new\n", 4);
        CHECK(ov_output_commit(o, &err) == OV_OK);
        CHECK(lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode));
        CHECK(file_is(path, "new\n"));
        unlink(link);
    }
    /* a device is not replaced by a file */
    CHECK(ov_output_open(&o, "/dev/null", &err) == OV_ERR_IO);
    CHECK(strstr(err.what, "regular") != NULL);
    unlink(path);
    rmdir(dir);
}

int
main(void)
{
    test_csv();
    test_csv_1d();
    test_output();
    return check_report("test_export");
}
