/*
 * json.c: a small recursive-descent JSON reader (json_private.h).
 *
 * Depth is capped so a hostile file cannot exhaust the stack; every
 * error names the line and column of the offending character.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "error_private.h"
#include "json_private.h"

#define MAX_DEPTH 64

typedef struct parser {
    const char *s;
    size_t len, pos;
    long line;
    size_t line_start;
    ov_error *err;
    ov_status st;
} parser;

static long
col(const parser *p)
{
    return (long)(p->pos - p->line_start) + 1;
}

static ov__json *
fail(parser *p, ov_status st, const char *what)
{
    if (p->st == OV_OK) {
        char got[24];
        if (p->pos >= p->len)
            snprintf(got, sizeof got, "the end of the file");
        else if ((unsigned char)p->s[p->pos] >= 0x20
                 && (unsigned char)p->s[p->pos] < 0x7f)
            snprintf(got, sizeof got, "'%c'", p->s[p->pos]);
        else
            snprintf(got, sizeof got, "byte 0x%02x",
                     (unsigned char)p->s[p->pos]);
        ov__error_set(p->err, st, p->line, col(p), "expected %s, got %s",
                      what, got);
        p->st = st;
    }
    return NULL;
}

static void
skip_ws(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c == '\n') {
            p->line++;
            p->line_start = p->pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            break;
        }
        p->pos++;
    }
}

static ov__json *
node(parser *p, ov__json_type t)
{
    ov__json *j = ov__calloc(1, sizeof *j);

    if (!j) {
        p->st = OV_ERR_NOMEM;
        ov__error_set(p->err, OV_ERR_NOMEM, 0, 0, "out of memory");
        return NULL;
    }
    j->type = t;
    j->line = p->line;
    j->column = col(p);
    return j;
}

static int
word(parser *p, const char *w)
{
    size_t n = strlen(w);

    if (p->len - p->pos >= n && memcmp(p->s + p->pos, w, n) == 0) {
        p->pos += n;
        return 1;
    }
    return 0;
}

static void
put_utf8(char *out, size_t *k, unsigned long cp)
{
    if (cp < 0x80) {
        out[(*k)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*k)++] = (char)(0xC0 | (cp >> 6));
        out[(*k)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[(*k)++] = (char)(0xE0 | (cp >> 12));
        out[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*k)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[(*k)++] = (char)(0xF0 | (cp >> 18));
        out[(*k)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*k)++] = (char)(0x80 | (cp & 0x3F));
    }
}

static int
hex4(parser *p, unsigned long *v)
{
    int i;

    *v = 0;
    for (i = 0; i < 4; i++) {
        char c;
        if (p->pos >= p->len)
            return 0;
        c = p->s[p->pos];
        *v <<= 4;
        if (c >= '0' && c <= '9')
            *v |= (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f')
            *v |= (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            *v |= (unsigned long)(c - 'A' + 10);
        else
            return 0;
        p->pos++;
    }
    return 1;
}

/* A string at p->pos (the opening quote); malloc'ed, NULL on error. */
static char *
string(parser *p)
{
    size_t start = ++p->pos, k = 0;
    char *out;

    /* The decoded text is never longer than the source. */
    while (p->pos < p->len && p->s[p->pos] != '"') {
        if (p->s[p->pos] == '\\')
            p->pos++;
        p->pos++;
    }
    out = ov__malloc(p->pos - start + 1);
    if (!out) {
        p->st = OV_ERR_NOMEM;
        return NULL;
    }
    p->pos = start;
    for (;;) {
        unsigned char c;
        if (p->pos >= p->len) {
            ov__free(out);
            return (char *)fail(p, OV_ERR_FORMAT, "'\"' to close the string");
        }
        c = (unsigned char)p->s[p->pos];
        if (c == '"') {
            p->pos++;
            break;
        }
        if (c < 0x20) {
            ov__free(out);
            return (char *)fail(p, OV_ERR_FORMAT, "'\"' to close the string");
        }
        if (c != '\\') {
            out[k++] = (char)c;
            p->pos++;
            continue;
        }
        p->pos++;
        if (p->pos >= p->len) {
            ov__free(out);
            return (char *)fail(p, OV_ERR_FORMAT, "an escape");
        }
        c = (unsigned char)p->s[p->pos++];
        switch (c) {
        case '"': case '\\': case '/': out[k++] = (char)c; break;
        case 'b': out[k++] = '\b'; break;
        case 'f': out[k++] = '\f'; break;
        case 'n': out[k++] = '\n'; break;
        case 'r': out[k++] = '\r'; break;
        case 't': out[k++] = '\t'; break;
        case 'u': {
            unsigned long cp;
            if (!hex4(p, &cp)) {
                ov__free(out);
                return (char *)fail(p, OV_ERR_FORMAT, "four hex digits");
            }
            /* A lone surrogate becomes U+FFFD; \uXXXX is 6 source bytes,
             * enough room for any UTF-8 form. */
            if (cp >= 0xD800 && cp < 0xDC00 && p->len - p->pos >= 6
                && p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
                unsigned long lo;
                size_t save = p->pos;
                p->pos += 2;
                if (hex4(p, &lo) && lo >= 0xDC00 && lo < 0xE000)
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                else
                    p->pos = save, cp = 0xFFFD;
            } else if (cp >= 0xD800 && cp < 0xE000) {
                cp = 0xFFFD;
            }
            put_utf8(out, &k, cp);
            break;
        }
        default:
            p->pos--;
            ov__free(out);
            return (char *)fail(p, OV_ERR_FORMAT, "an escape");
        }
    }
    out[k] = '\0';
    return out;
}

static ov__json *value(parser *p, int depth);

static int
push(parser *p, ov__json *parent, ov__json *child, size_t *cap)
{
    if (parent->n == *cap) {
        size_t nc = *cap ? 2 * *cap : 8;
        ov__json **it = ov__realloc(parent->items, nc * sizeof *it);
        if (!it) {
            p->st = OV_ERR_NOMEM;
            ov__json_free(child);
            return 0;
        }
        parent->items = it;
        *cap = nc;
    }
    parent->items[parent->n++] = child;
    return 1;
}

static ov__json *
container(parser *p, int depth, int object)
{
    ov__json *j = node(p, object ? OV__JSON_OBJECT : OV__JSON_ARRAY);
    size_t cap = 0;
    char close = object ? '}' : ']';

    if (!j)
        return NULL;
    if (depth >= MAX_DEPTH) {
        ov__json_free(j);
        return fail(p, OV_ERR_TOO_LARGE, "at most 64 levels of nesting");
    }
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
        return j;
    }
    for (;;) {
        char *key = NULL;
        ov__json *c;

        skip_ws(p);
        if (object) {
            if (p->pos >= p->len || p->s[p->pos] != '"') {
                ov__json_free(j);
                return fail(p, OV_ERR_FORMAT, "a member name in quotes");
            }
            key = string(p);
            if (!key) {
                ov__json_free(j);
                return NULL;
            }
            skip_ws(p);
            if (p->pos >= p->len || p->s[p->pos] != ':') {
                ov__free(key);
                ov__json_free(j);
                return fail(p, OV_ERR_FORMAT, "':'");
            }
            p->pos++;
            skip_ws(p);
        }
        c = value(p, depth + 1);
        if (!c) {
            ov__free(key);
            ov__json_free(j);
            return NULL;
        }
        c->key = key;
        if (!push(p, j, c, &cap)) {
            ov__json_free(j);
            return NULL;
        }
        skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == close) {
            p->pos++;
            return j;
        }
        ov__json_free(j);
        return fail(p, OV_ERR_FORMAT, object ? "',' or '}'" : "',' or ']'");
    }
}

static ov__json *
value(parser *p, int depth)
{
    ov__json *j;
    char c;

    skip_ws(p);
    if (p->pos >= p->len)
        return fail(p, OV_ERR_FORMAT, "a value");
    c = p->s[p->pos];
    if (c == '{' || c == '[')
        return container(p, depth, c == '{');
    if (c == '"') {
        j = node(p, OV__JSON_STRING);
        if (!j)
            return NULL;
        j->string = string(p);
        if (!j->string) {
            ov__json_free(j);
            return NULL;
        }
        return j;
    }
    j = node(p, OV__JSON_NULL);
    if (!j)
        return NULL;
    if (word(p, "null"))
        return j;
    if (word(p, "true")) {
        j->type = OV__JSON_TRUE;
        return j;
    }
    if (word(p, "false")) {
        j->type = OV__JSON_FALSE;
        return j;
    }
    j->type = OV__JSON_NUMBER;
    if (word(p, "NaN")) {
        j->number = NAN;
        return j;
    }
    if (word(p, "Infinity")) {
        j->number = INFINITY;
        return j;
    }
    if (word(p, "-Infinity")) {
        j->number = -INFINITY;
        return j;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        char buf[64];
        size_t n = 0;
        char *end;

        while (p->pos + n < p->len && n + 1 < sizeof buf
               && strchr("+-0123456789.eE", p->s[p->pos + n]))
            n++;
        memcpy(buf, p->s + p->pos, n);
        buf[n] = '\0';
        j->number = strtod(buf, &end);
        if (end != buf) {
            p->pos += (size_t)(end - buf);
            return j;
        }
    }
    ov__json_free(j);
    return fail(p, OV_ERR_FORMAT, "a value");
}

ov_status
ov__json_parse(ov__json **out, const char *text, size_t len, ov_error *err)
{
    parser p;
    ov__json *j;

    memset(&p, 0, sizeof p);
    p.s = text;
    p.len = len;
    p.line = 1;
    p.err = err;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        p.pos = p.line_start = 3;
    j = value(&p, 0);
    if (!j) {
        if (p.st == OV_ERR_NOMEM)
            ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
        return p.st != OV_OK ? p.st : OV_ERR_FORMAT;
    }
    skip_ws(&p);
    if (p.pos < p.len) {
        ov__json_free(j);
        fail(&p, OV_ERR_FORMAT, "the end of the file after the value");
        return OV_ERR_FORMAT;
    }
    *out = j;
    return OV_OK;
}

void
ov__json_free(ov__json *j)
{
    size_t i;

    if (!j)
        return;
    for (i = 0; i < j->n; i++)
        ov__json_free(j->items[i]);
    ov__free(j->items);
    ov__free(j->string);
    ov__free(j->key);
    ov__free(j);
}

const ov__json *
ov__json_get(const ov__json *j, const char *key)
{
    size_t i;

    if (!j || j->type != OV__JSON_OBJECT)
        return NULL;
    for (i = 0; i < j->n; i++)
        if (strcmp(j->items[i]->key, key) == 0)
            return j->items[i];
    return NULL;
}

const char *
ov__json_type_name(ov__json_type t)
{
    static const char *const names[] = {
        "null", "false", "true", "a number", "a string", "an array",
        "an object"
    };
    return names[t];
}
