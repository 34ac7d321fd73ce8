/*
 * csvread.c: CSV records for the data sets and the import formats
 * (csvread_private.h).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc_private.h"
#include "csvread_private.h"
#include "error_private.h"

ov_status
ov__csv_open(ov__csv *r, const char *s, size_t len, ov_error *err)
{
    const char *nul = memchr(s, '\0', len);

    memset(r, 0, sizeof *r);
    r->s = s;
    r->len = len;
    r->line = 1;
    r->sep = ',';
    if (nul) {
        long l = 1;
        const char *p;
        for (p = s; p < nul; p++)
            l += *p == '\n';
        return ov__error_set(err, OV_ERR_FORMAT, l, 0,
                             "binary data (a NUL byte), not CSV");
    }
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
    return OV_OK;
}

void
ov__csv_set_delimiter(ov__csv *r, ov_csv_delimiter delim)
{
    const char *s = r->s;
    size_t i, len = r->len;
    int quoted = 0, tab = 0, semi = 0;

    switch (delim) {
    case OV_CSV_COMMA:
        r->sep = ',';
        return;
    case OV_CSV_TAB:
        r->sep = '\t';
        return;
    case OV_CSV_SEMICOLON:
        r->sep = ';';
        return;
    case OV_CSV_BLANKS:
        r->sep = ' ';
        return;
    case OV_CSV_AUTO:
        break;
    }
    for (i = r->pos; i < len && (s[i] == '\n' || s[i] == '\r' || s[i] == ' '
                                 || s[i] == '\t'); i++)
        ;
    for (; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ',') {
            r->sep = ',';
            return;
        } else if (!quoted && s[i] == '\t')
            tab = 1;
        else if (!quoted && s[i] == ';')
            semi = 1;
    }
    r->sep = tab ? '\t' : semi ? ';' : ' ';
}

/* Whether @p c ends a field: the separator, or for ' ' any blank. */
static int
is_sep(char c, char sep)
{
    return sep == ' ' ? c == ' ' || c == '\t' : c == sep;
}

void
ov__csv_close(ov__csv *r)
{
    ov__free(r->f);
    r->f = NULL;
    r->fcap = 0;
}

int
ov__csv_next(ov__csv *r, ov_error *err)
{
    for (;;) {
        size_t i = r->pos;
        const char *s = r->s;
        char sep = r->sep;

        if (i >= r->len)
            return 0;
        r->rec_line = r->line;
        r->nf = r->nf_total = 0;
        for (;;) {
            ov__csv_field f = { NULL, 0, 0 };

            /* Blanks before a field are not part of it, unless they are
             * the separator (an empty tab-separated field); with blanks
             * as the separator this also skips a line's indentation. */
            while (i < r->len && (s[i] == ' ' || s[i] == '\t')
                   && !(sep != ' ' && s[i] == sep))
                i++;
            f.p = s + i;
            if (i < r->len && s[i] == '"') {
                f.quoted = 1;
                i++;
                for (;;) {
                    if (i >= r->len) {
                        r->status = ov__error_set(
                            err, OV_ERR_FORMAT, r->rec_line,
                            (long)r->nf_total + 1,
                            "unterminated quoted field (no '\"' closes "
                            "it)");
                        return -1;
                    }
                    if (s[i] == '"') {
                        if (i + 1 < r->len && s[i + 1] == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (s[i] == '\n')
                        r->line++;
                    i++;
                }
            }
            /* Text after a closing quote stays in the field: the number
             * and text checks reject it. */
            while (i < r->len && !is_sep(s[i], sep) && s[i] != '\n'
                   && s[i] != '\r')
                i++;
            f.len = (size_t)(s + i - f.p);
            if (r->nf == r->fcap && r->fcap < OV__CSV_MAX_FIELDS) {
                size_t nc = r->fcap ? 2 * r->fcap : 64;
                ov__csv_field *nf = ov__realloc(r->f, nc * sizeof *nf);
                if (!nf) {
                    r->status = ov__error_set(err, OV_ERR_NOMEM, 0, 0,
                                              "out of memory");
                    return -1;
                }
                r->f = nf;
                r->fcap = nc;
            }
            if (r->nf < r->fcap)
                r->f[r->nf++] = f;
            r->nf_total++;
            if (i < r->len && is_sep(s[i], sep)) {
                i++;
                if (sep == ' ') {
                    /* A run of blanks is one separator; blanks that end
                     * the line separate nothing. */
                    while (i < r->len && (s[i] == ' ' || s[i] == '\t'))
                        i++;
                    if (i >= r->len || s[i] == '\n' || s[i] == '\r')
                        break;
                }
                continue;
            }
            break;
        }
        if (i < r->len && s[i] == '\r')
            i++;
        if (i < r->len && s[i] == '\n')
            i++;
        r->line++;
        r->pos = i;
        if (r->nf_total == 1) {
            char b[4];
            if (ov__csv_text(r, 0, b, sizeof b) == 0 && !r->f[0].quoted)
                continue;      /* a blank line */
        }
        return 1;
    }
}

size_t
ov__csv_text(const ov__csv *r, size_t i, char *buf, size_t cap)
{
    const ov__csv_field *f = &r->f[i];
    const char *p = f->p, *end = f->p + f->len;
    size_t n = 0, full = 0;

    if (f->quoted) {
        p++;
        while (p < end) {
            if (*p == '"') {
                if (p + 1 < end && p[1] == '"') {
                    p++;
                } else {
                    /* Text after the closing quote stays: it is junk. */
                    for (p++; p < end; p++, full++)
                        if (n + 1 < cap)
                            buf[n++] = *p;
                    break;
                }
            }
            if (n + 1 < cap)
                buf[n++] = *p;
            full++;
            p++;
        }
    } else {
        for (; p < end; p++, full++)
            if (n + 1 < cap)
                buf[n++] = *p;
    }
    buf[n] = '\0';
    while (n > 0 && isspace((unsigned char)buf[n - 1])) {
        buf[--n] = '\0';
        full--;
    }
    if (buf[0] && isspace((unsigned char)buf[0])) {
        size_t k = 0;
        while (isspace((unsigned char)buf[k]))
            k++;
        memmove(buf, buf + k, n - k + 1);
        n -= k;
        full -= k;
    }
    return full;
}

int
ov__csv_number(const ov__csv *r, size_t i, int nan_ok, double *v)
{
    char buf[80], *end;
    size_t n = ov__csv_text(r, i, buf, sizeof buf);

    *v = NAN;
    if (n == 0)
        return 0;
    if (n >= sizeof buf)
        return -1;
    if (nan_ok && (strcasecmp(buf, "nan") == 0 || strcasecmp(buf, "null") == 0
                   || strcasecmp(buf, "none") == 0))
        return 0;
    *v = strtod(buf, &end);
    if (end == buf || *end != '\0')
        return -1;
    return isfinite(*v) ? 1 : -2;
}
