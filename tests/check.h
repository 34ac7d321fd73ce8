/*
 * check.h: the test suite's assertion macros.  A failed check prints the
 * expression with its file and line and makes the binary exit non-zero;
 * testing goes on so one run shows every failure.
 */
#ifndef OV_TEST_CHECK_H
#define OV_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond) do { \
    check_count++; \
    if (!(cond)) { \
        check_failures++; \
        fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    } } while (0)

#define CHECK_MSG(cond, ...) do { \
    check_count++; \
    if (!(cond)) { \
        check_failures++; \
        fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
        fprintf(stderr, __VA_ARGS__); \
        fputc('\n', stderr); \
    } } while (0)

#define CHECK_EQ_INT(a, b) do { \
    long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
    CHECK_MSG(check_a_ == check_b_, "%lld != %lld", check_a_, check_b_); \
    } while (0)

#define CHECK_EQ_STR(a, b) do { \
    const char *check_a_ = (a), *check_b_ = (b); \
    CHECK_MSG(check_a_ && check_b_ && strcmp(check_a_, check_b_) == 0, \
              "\"%s\" != \"%s\"", check_a_ ? check_a_ : "(null)", \
              check_b_ ? check_b_ : "(null)"); \
    } while (0)

/* Bit-identical doubles (so -0.0 != 0.0 and NaN == NaN with equal bits). */
#define CHECK_EQ_BITS(a, b) do { \
    double check_a_ = (a), check_b_ = (b); \
    CHECK_MSG(memcmp(&check_a_, &check_b_, sizeof(double)) == 0, \
              "%.17g != %.17g", check_a_, check_b_); \
    } while (0)

#define CHECK_NEAR(a, b, tol) do { \
    double check_a_ = (a), check_b_ = (b); \
    CHECK_MSG(fabs(check_a_ - check_b_) <= (tol), "%.17g vs %.17g (tol %g)", \
              check_a_, check_b_, (double)(tol)); \
    } while (0)

/* Call last in main(): prints the plain summary line CI reads. */
static int check_report(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, check_count - check_failures,
           check_failures);
    return check_failures ? 1 : 0;
}

#endif /* OV_TEST_CHECK_H */
