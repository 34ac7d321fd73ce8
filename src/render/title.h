/*
 * title.h: a title template ("{step}", "{epoch}", "{loss}", "{lr}";
 * "{{" and "}}" for braces), checked once and expanded every frame.
 */
#ifndef OV_TITLE_H
#define OV_TITLE_H

#include <stddef.h>

/* The values a template's fields show. */
typedef struct ov__title_vals {
    long step, epoch;
    double loss, lr;
} ov__title_vals;

/* The number of fields in @p t (0: a plain title, though it may hold
 * "{{" or "}}"), or -1 when it is malformed: then @p bad (of @p cap
 * bytes) says what is wrong ("unknown field '{foo}'"). */
int ov__title_fields(const char *t, char *bad, size_t cap);
/* @p t (well formed) with its fields filled from @p v and braces
 * unescaped, into @p out (@p size bytes). */
void ov__title_expand(const char *t, const ov__title_vals *v, char *out,
                      size_t size);

#endif /* OV_TITLE_H */
