/*
 * lzw.c: GIF LZW with a direct-indexed dictionary and a run fast path.
 *
 * The coder is plain greedy LZW with giflib's exact conventions, so its
 * bytes equal EGifPutLine's: a clear code first; a code is written with
 * the current width, and the width grows right after a code is written
 * when the next free code has reached 1 << width; when the next free code
 * would be 4095 the table is cleared instead of growing (after the code
 * that missed); the image ends with the current code, then EOI.
 *
 * Dictionary: child[code << min | pixel] is the code of string(code)+pixel
 * (min = the minimum code size, so small alphabets get a small, cache-
 * friendly table), 0 for none (0 is never a new code).  A reset clears
 * only the entries made since the last one, found through
 * prefix[]/suffix[].
 *
 * Run fast path: most of a delta frame is the transparent index, and the
 * per-pixel walk is a serial chain of dependent loads.  Codes whose string
 * is one index repeated, c^n, form a chain c^1 .. c^M(c) (c^(n+1) can only
 * be made as the child of c^n), recorded as runcode[c][n] with
 * maxrun[c] = M.  When the current string is c^n and the next L pixels are
 * c (found 8 bytes at a time), the greedy walk would step to c^(n+L) if
 * n + L <= M; otherwise it reaches c^M, misses on the next c, writes c^M,
 * adds c^(M+1) and restarts from c.  Both are done without the walk, so a
 * run of L pixels costs about sqrt(2L) steps, with output unchanged.
 */
#include <string.h>

#include "alloc_private.h"
#include "lzw_private.h"

#define NCODES 4096
#define LZ_MAX_CODE 4095   /* giflib clears when the next code is this */

struct ov__lzw {
    uint16_t *child;            /* [NCODES << 8] */
    uint16_t *runcode;          /* [256 * NCODES]: code of c^n */
    uint16_t prefix[NCODES];
    uint8_t suffix[NCODES];
    uint16_t runlen[NCODES];    /* n if the string is c^n, else 0 */
    uint8_t runch[NCODES];      /* c of such a code */
    uint16_t maxrun[256];       /* M(c): c^1 .. c^M exist */
    unsigned shift;             /* child row length: 1 << shift */
    unsigned first_free;        /* first new code of the current image */
    unsigned next;              /* next free code */
};

typedef struct enc {
    ov__lzw *z;
    uint64_t acc;               /* bits not yet written, LSB first */
    int nacc;
    int bits;                   /* current code width */
    unsigned maxcode1;          /* 1 << bits */
    int min;                    /* minimum code size */
    unsigned alpha;             /* 1 << min: roots */
    unsigned clear, eoi;
    unsigned char *buf;         /* output: sub-blocks */
    size_t len;
    size_t blk;                 /* offset of the open block's length byte */
    int fill;                   /* bytes in the open block */
} enc;

ov_status
ov__lzw_create(ov__lzw **out)
{
    ov__lzw *z = ov__calloc(1, sizeof *z);
    if (!z)
        return OV_ERR_NOMEM;
    z->child = ov__calloc((size_t)NCODES << 8, sizeof *z->child);
    /* Only entries below maxrun[c] are ever read: no need to zero. */
    z->runcode = ov__malloc3(256, NCODES, sizeof *z->runcode);
    if (!z->child || !z->runcode) {
        ov__lzw_destroy(z);
        return OV_ERR_NOMEM;
    }
    *out = z;
    return OV_OK;
}

void
ov__lzw_destroy(ov__lzw *z)
{
    if (!z)
        return;
    ov__free(z->child);
    ov__free(z->runcode);
    ov__free(z);
}

void
ov__bytes_free(ov__bytes *b)
{
    ov__free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static void
reset_table(ov__lzw *z, unsigned alpha)
{
    unsigned c;

    for (c = z->first_free; c < z->next; c++)
        z->child[(unsigned)z->prefix[c] << z->shift | z->suffix[c]] = 0;
    for (c = 0; c < alpha; c++)
        z->maxrun[c] = 1;
    z->next = z->first_free;
}

static inline void
put_byte(enc *e, unsigned char b)
{
    if (e->fill == 255) {
        e->buf[e->blk] = 255;
        e->blk = e->len++;
        e->fill = 0;
    }
    e->buf[e->len++] = b;
    e->fill++;
}

static inline void
put_code(enc *e, unsigned code)
{
    e->acc |= (uint64_t)code << e->nacc;
    e->nacc += e->bits;
    while (e->nacc >= 8) {
        put_byte(e, (unsigned char)e->acc);
        e->acc >>= 8;
        e->nacc -= 8;
    }
    /* giflib widens after writing, judged on the next free code. */
    if (e->z->next >= e->maxcode1) {
        e->bits++;
        e->maxcode1 <<= 1;
    }
}

/* string(p) + k is not in the table: write p, then add the string. */
static inline void
miss(enc *e, unsigned p, unsigned k)
{
    ov__lzw *z = e->z;
    unsigned c;

    put_code(e, p);
    if (z->next >= LZ_MAX_CODE) {
        put_code(e, e->clear);
        reset_table(z, e->alpha);
        e->bits = e->min + 1;
        e->maxcode1 = 1u << e->bits;
        return;
    }
    c = z->next++;
    z->child[p << z->shift | k] = (uint16_t)c;
    z->prefix[c] = (uint16_t)p;
    z->suffix[c] = (uint8_t)k;
    if (z->runlen[p] != 0 && z->runch[p] == k) {
        unsigned n = z->runlen[p] + 1u;   /* == maxrun[k] + 1 */
        z->runlen[c] = (uint16_t)n;
        z->runch[c] = (uint8_t)k;
        z->runcode[k * NCODES + n] = (uint16_t)c;
        z->maxrun[k] = (uint16_t)n;
    } else {
        z->runlen[c] = 0;
    }
}

/* Number of leading bytes of p[0..n) equal to c. */
static inline int
run_len(const uint8_t *p, int n, unsigned c)
{
    int i = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t pat = 0x0101010101010101ull * c;

    while (n - i >= 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        v ^= pat;
        if (v)
            return i + (__builtin_ctzll(v) >> 3);
        i += 8;
    }
#endif
    while (i < n && p[i] == c)
        i++;
    return i;
}

static ov_status
reserve(ov__bytes *out, size_t npx)
{
    /* Codes: one per pixel at most, plus clears (one per ~4000 codes),
     * the first clear, the last code and EOI; 12 bits each at most. */
    size_t codes = npx + npx / 1024 + 4;
    size_t bytes = codes / 2 * 3 + 3;
    size_t need = bytes + bytes / 255 + 4;
    size_t cap;
    unsigned char *p;

    if (out->cap - out->len >= need)
        return OV_OK;
    cap = out->len + need;
    if (cap < out->len)
        return OV_ERR_NOMEM;
    p = ov__realloc(out->data, cap);
    if (!p)
        return OV_ERR_NOMEM;
    out->data = p;
    out->cap = cap;
    return OV_OK;
}

ov_status
ov__lzw_encode(ov__lzw *z, const uint8_t *px, int w, int h, size_t stride,
               int min_code_size, ov__bytes *out)
{
    enc e;
    unsigned cur, c, shift;
    int x, y;
    ov_status st;

    if (w < 1 || h < 1 || min_code_size < 2 || min_code_size > 8)
        return OV_ERR_INVALID_ARG;
    st = reserve(out, (size_t)w * (size_t)h);
    if (st != OV_OK)
        return st;

    memset(&e, 0, sizeof e);
    e.z = z;
    e.min = min_code_size;
    e.alpha = 1u << min_code_size;
    e.clear = e.alpha;
    e.eoi = e.alpha + 1;
    e.bits = e.min + 1;
    e.maxcode1 = 1u << e.bits;
    e.buf = out->data;
    e.len = out->len;
    e.blk = e.len++;

    /* Forget the previous image's strings (its alphabet may differ), and
     * restore the roots, whose slots a smaller alphabet reuses. */
    reset_table(z, 0);
    z->shift = (unsigned)min_code_size;
    shift = z->shift;
    for (c = 0; c < e.alpha; c++) {
        z->runlen[c] = 1;
        z->runch[c] = (uint8_t)c;
        z->runcode[c * NCODES + 1] = (uint16_t)c;
        z->maxrun[c] = 1;
    }
    z->first_free = e.eoi + 1;
    z->next = z->first_free;

    put_code(&e, e.clear);
    cur = px[0];
    for (y = 0; y < h; y++) {
        const uint8_t *row = px + (size_t)y * stride;

        x = y == 0 ? 1 : 0;
        while (x < w) {
            unsigned k = row[x];
            unsigned nx;

            if (z->runlen[cur] != 0 && k == z->runch[cur]) {
                const uint16_t *rc = z->runcode + k * NCODES;
                unsigned n = z->runlen[cur];
                unsigned left = (unsigned)run_len(row + x, w - x, k);

                for (;;) {
                    unsigned m = z->maxrun[k];
                    unsigned step;

                    if (n + left <= m) {
                        cur = rc[n + left];
                        x += (int)left;
                        break;
                    }
                    step = m - n + 1;      /* up to c^M, then one c more */
                    x += (int)step;
                    left -= step;
                    miss(&e, rc[m], k);
                    cur = k;
                    n = 1;
                    if (left == 0)
                        break;
                }
                continue;
            }
            nx = z->child[cur << shift | k];
            if (nx) {
                cur = nx;
            } else {
                miss(&e, cur, k);
                cur = k;
            }
            x++;
        }
    }
    put_code(&e, cur);
    put_code(&e, e.eoi);
    if (e.nacc > 0)
        put_byte(&e, (unsigned char)e.acc);

    if (e.fill > 0)
        e.buf[e.blk] = (unsigned char)e.fill;
    else
        e.len--;                   /* drop the empty block just opened */
    out->len = e.len;
    return OV_OK;
}
