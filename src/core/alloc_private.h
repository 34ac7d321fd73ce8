/*
 * alloc_private.h: the library's allocation functions.  All heap memory of
 * liboptviz goes through these so tests can make allocations fail, and so
 * size arithmetic is overflow-checked in one place.
 */
#ifndef OV_ALLOC_PRIVATE_H
#define OV_ALLOC_PRIVATE_H

#include <stddef.h>

void *ov__malloc(size_t size);
void *ov__calloc(size_t count, size_t size);
void *ov__realloc(void *ptr, size_t size);
/* malloc(a * b * c) with overflow checking; NULL on overflow. */
void *ov__malloc3(size_t a, size_t b, size_t c);
void ov__free(void *ptr);
char *ov__strdup(const char *s);

/* Test hook: make the @p n-th allocation from now on fail (0 = never). */
void ov__alloc_fail_after(unsigned long n);

#endif /* OV_ALLOC_PRIVATE_H */
