/*
 * test_dataset.c: CSV reading (good, unusual and bad input) and the
 * built-in sets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/dataset.h>

#include "check.h"

static ov_status
parse(const char *text, ov_dataset **out, ov_error *err)
{
    memset(err, 0, sizeof *err);
    return ov_dataset_parse_csv(out, text, strlen(text), "t.csv", err);
}

static void
expect_ok(const char *text, size_t n, double x0, double y0, double xl,
          double yl)
{
    ov_dataset *d = NULL;
    ov_error err;
    ov_status st = parse(text, &d, &err);

    CHECK_MSG(st == OV_OK, "'%s': status %d (%s) line %ld", text, st,
              err.what, err.line);
    if (st != OV_OK)
        return;
    CHECK_EQ_INT(d->n, n);
    CHECK_EQ_BITS(d->x[0], x0);
    CHECK_EQ_BITS(d->y[0], y0);
    CHECK_EQ_BITS(d->x[d->n - 1], xl);
    CHECK_EQ_BITS(d->y[d->n - 1], yl);
    ov_dataset_destroy(d);
}

static void
expect_err(const char *text, ov_status want, long line, const char *needle)
{
    ov_dataset *d = NULL;
    ov_error err;
    ov_status st = parse(text, &d, &err);

    CHECK_MSG(st == want, "'%s': status %d, want %d", text, st, want);
    CHECK_MSG(err.line == line, "'%s': line %ld, want %ld", text, err.line,
              line);
    CHECK_MSG(strstr(err.what, needle) != NULL, "'%s': message '%s' lacks '%s'",
              text, err.what, needle);
    CHECK(d == NULL);
}

int
main(void)
{
    ov_dataset *d;
    ov_error err;
    ov_status st;

    expect_ok("x,y\n1,2\n3,4\n", 2, 1, 2, 3, 4);
    /* Columns found by name, in any order, extra columns ignored. */
    expect_ok("id,y,x\n7,2,1\n8,4,3\n", 2, 1, 2, 3, 4);
    expect_ok("X,Y\n1,2\n", 1, 1, 2, 1, 2);
    /* No names: first two columns; a numeric first line is data. */
    expect_ok("a,b\n1,2\n", 1, 1, 2, 1, 2);
    expect_ok("1,2\n3,4", 2, 1, 2, 3, 4);
    /* BOM, CRLF, quotes, blanks, blank lines, no final newline. */
    expect_ok("\xEF\xBB\xBFx,y\r\n1,2\r\n\r\n3,4\r\n", 2, 1, 2, 3, 4);
    expect_ok("\"x\",\"y\"\n\"1.5\",\" 2 \"\n", 1, 1.5, 2, 1.5, 2);
    expect_ok("x,y\n 1e-3 , -2.5e2 \n", 1, 1e-3, -250, 1e-3, -250);

    /* Wide files: x and y past the 64th column (issue 13). */
    {
        static char wide[4096];
        size_t len = 0;
        int c;

        for (c = 0; c < 200; c++)
            len += (size_t)snprintf(wide + len, sizeof wide - len, "%s%s",
                                    c ? "," : "", c == 130 ? "y"
                                    : c == 150 ? "x" : "c");
        len += (size_t)snprintf(wide + len, sizeof wide - len, "\n");
        for (c = 0; c < 200; c++)
            len += (size_t)snprintf(wide + len, sizeof wide - len, "%s%s",
                                    c ? "," : "", c == 130 ? "2"
                                    : c == 150 ? "1" : "0");
        snprintf(wide + len, sizeof wide - len, "\n");
        expect_ok(wide, 1, 1, 2, 1, 2);
    }

    expect_err("", OV_ERR_EMPTY, 0, "empty");
    expect_err("x,y\n", OV_ERR_EMPTY, 0, "no data rows");
    expect_err("x,y\n1,2\n3\n", OV_ERR_FORMAT, 3, "1 column");
    expect_err("x,y\n1,2\n3,abc\n", OV_ERR_FORMAT, 3, "'abc' is not a number");
    expect_err("x,y\n1,2\n3.0abc,1\n", OV_ERR_FORMAT, 3, "'3.0abc'");
    expect_err("x,y\n1,nan\n", OV_ERR_NONFINITE, 2, "not finite");
    expect_err("x,y\ninf,1\n", OV_ERR_NONFINITE, 2, "not finite");
    expect_err("x,y\n1e999,1\n", OV_ERR_NONFINITE, 2, "not finite");
    expect_err("x,y\n1,\n", OV_ERR_FORMAT, 2, "empty y");
    expect_err("x,y\n\"1,2\n", OV_ERR_FORMAT, 2, "unterminated");
    expect_err("x\n1\n", OV_ERR_FORMAT, 1, "header has 1 column");
    {
        static const char bin[] = "x,y\n1,2\n\0\x01\x02";
        ov_dataset *dd = NULL;
        memset(&err, 0, sizeof err);
        st = ov_dataset_parse_csv(&dd, bin, sizeof bin - 1, "b", &err);
        CHECK(st == OV_ERR_FORMAT);
        CHECK_EQ_INT(err.line, 3);
        CHECK(strstr(err.what, "binary") != NULL);
    }

    memset(&err, 0, sizeof err);
    st = ov_dataset_load_csv(&d, "/nonexistent/file.csv", &err);
    CHECK(st == OV_ERR_IO);
    CHECK(strstr(err.what, "No such file") != NULL);

    st = ov_dataset_load_csv(&d, OV_TEST_DATA "/seed003_sigmoid.csv", &err);
    CHECK(st == OV_OK);
    if (st == OV_OK) {
        CHECK_EQ_INT(d->n, 2);
        CHECK_EQ_BITS(d->x[1], 2.5);
        CHECK_EQ_BITS(d->y[1], 0.9);
        ov_dataset_destroy(d);
    }

    /* Built-ins: seed 000's set is 1000 points on y = -2 + 2x with tiny
     * noise, x in [-5, 5); it equals the copy committed for torch. */
    CHECK(ov_dataset_builtin(&d, OV_DATA_SEED000_OLS) == OV_OK);
    {
        ov_dataset *ref;
        size_t i;
        int in_range = 1, on_line = 1, same = 1;
        CHECK_EQ_INT(d->n, 1000);
        for (i = 0; i < d->n; i++) {
            in_range &= d->x[i] >= -5 && d->x[i] < 5;
            on_line &= fabs(d->y[i] - (-2 + 2 * d->x[i])) < 0.006;
        }
        CHECK(in_range);
        CHECK(on_line);
        CHECK(ov_dataset_load_csv(&ref, OV_TEST_DATA "/ols1000.csv", &err)
              == OV_OK);
        for (i = 0; i < d->n && i < ref->n; i++)
            same &= d->x[i] == ref->x[i] && d->y[i] == ref->y[i];
        CHECK_MSG(same, "built-in OLS set differs from tests/data/ols1000.csv");
        ov_dataset_destroy(ref);
        ov_dataset_destroy(d);
    }
    CHECK(ov_dataset_builtin(&d, OV_DATA_SEED002_SIGMOID) == OV_OK);
    CHECK_EQ_INT(d->n, 6);
    CHECK_EQ_BITS(d->x[3], -2.0);
    ov_dataset_destroy(d);
    ov_dataset_destroy(NULL);
    return check_report("test_dataset");
}
