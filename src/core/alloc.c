/*
 * alloc.c: allocation wrappers with an injectable failure for tests.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"

static unsigned long fail_countdown;   /* 0 = never fail */

void
ov__alloc_fail_after(unsigned long n)
{
    fail_countdown = n;
}

static int
should_fail(void)
{
    if (fail_countdown == 0)
        return 0;
    return --fail_countdown == 0;
}

void *
ov__malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *
ov__calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *
ov__realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void *
ov__malloc3(size_t a, size_t b, size_t c)
{
    if (b && a > SIZE_MAX / b)
        return NULL;
    if (c && a * b > SIZE_MAX / c)
        return NULL;
    return ov__malloc(a * b * c);
}

void
ov__free(void *ptr)
{
    free(ptr);
}

char *
ov__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = ov__malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}
