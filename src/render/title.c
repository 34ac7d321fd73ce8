/*
 * title.c: the title template (title.h, ov_title_check in render.h).
 * One parser serves the check and the expansion, so what the tool
 * accepts is what a frame shows.
 */
#include <stdio.h>
#include <string.h>

#include "optviz/render.h"
#include "draw.h"
#include "ticks.h"
#include "title.h"

static const char *const field_names[] = { "step", "epoch", "loss", "lr" };
enum { NFIELDS = sizeof field_names / sizeof field_names[0] };

/* Where an expansion goes (NULL for a check): out, its size and length,
 * and the values of the fields. */
typedef struct walker {
    char *out;
    size_t size, len;
    const ov__title_vals *v;
} walker;

static void
put(walker *w, const char *s, size_t n)
{
    if (!w || !w->out || w->size == 0)
        return;
    while (n-- > 0 && w->len + 1 < w->size)
        w->out[w->len++] = *s++;
    w->out[w->len] = '\0';
}

static void
put_field(walker *w, int k)
{
    char b[48];
    if (!w || !w->v)
        return;
    switch (k) {
    case 0: snprintf(b, sizeof b, "%ld", w->v->step); break;
    case 1: snprintf(b, sizeof b, "%ld", w->v->epoch); break;
    case 2: ov__format_sig(b, sizeof b, w->v->loss, 4); break;
    default: ov__format_sig(b, sizeof b, w->v->lr, 3); break;
    }
    put(w, b, strlen(b));
}

/* Walks @p t, writing the expansion to @p w when it is not NULL;
 * @return the number of fields, or -1 with @p bad filled at the first
 * error. */
static int
walk(const char *t, walker *w, char *bad, size_t cap)
{
    int nf = 0;
    if (bad && cap)
        bad[0] = '\0';
    for (const char *p = t; p && *p;) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            put(w, p, 1);
            p += 2;
            continue;
        }
        if (*p == '}') {
            if (bad && cap)
                snprintf(bad, cap, "a lone '}' (write '}}' for a brace)");
            return -1;
        }
        if (*p != '{') {
            put(w, p++, 1);
            continue;
        }
        const char *e = strchr(p + 1, '}');
        const char *o = strchr(p + 1, '{');
        if (!e || (o && o < e)) {
            if (bad && cap)
                snprintf(bad, cap, "a '{' without its '}' (write '{{' for "
                         "a brace)");
            return -1;
        }
        size_t n = (size_t)(e - p - 1);
        int k = 0;
        while (k < NFIELDS && !(strlen(field_names[k]) == n &&
                                strncmp(field_names[k], p + 1, n) == 0))
            k++;
        if (k == NFIELDS) {
            if (bad && cap)
                snprintf(bad, cap, "unknown field '%.*s' (fields: {step}, "
                         "{epoch}, {loss}, {lr})", (int)(n + 2 > 64 ? 64
                                                         : n + 2), p);
            return -1;
        }
        put_field(w, k);
        nf++;
        p = e + 1;
    }
    return nf;
}

int
ov__title_fields(const char *t, char *bad, size_t cap)
{
    return walk(t, NULL, bad, cap);
}

void
ov__title_expand(const char *t, const ov__title_vals *v, char *out,
                 size_t size)
{
    walker w = { out, size, 0, v };
    if (size)
        out[0] = '\0';
    walk(t, &w, NULL, 0);
}

ov_status
ov_title_check(const char *title, ov_error *err)
{
    char bad[160];
    if (!title || ov__title_fields(title, bad, sizeof bad) >= 0)
        return OV_OK;
    ov__set_err(err, OV_ERR_FORMAT, bad);
    return OV_ERR_FORMAT;
}
