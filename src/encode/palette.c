/*
 * palette.c: the figure palette of an animation and colour mapping.
 *
 * Build: pinned colours first (exact, in the caller's order), then the
 * colours of the sample frame that are not pinned.  When they all fit, the
 * palette is exact.  Otherwise the free slots come from a weighted k-means
 * over the residual histogram (distinct colours with pixel counts) in
 * which the pinned colours are fixed centres: a blend already close to a
 * pinned colour pulls nothing, so the free slots go to anti-aliased blends
 * in proportion to their squared error.  Seeding is greedy and
 * deterministic: the next centre is the colour with the largest
 * count * squared distance to the centres so far.
 *
 * Plot frames have ~10^4 distinct colours; photographs can have 10^5 and
 * more, so beyond 16384 residual colours the histogram is first binned
 * (6 or 5 bits per channel, bin mean as the colour) to bound the cost.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "palette_private.h"

#define MAX_POINTS 16384
#define KMEANS_ITERS 10
#define LUT_CELLS (64u * 64u * 64u)

ov_status
ov__palette_check(const ov_palette *pal)
{
    if (!pal || pal->size < 2 || pal->size > OV_PALETTE_MAX ||
        (pal->size & (pal->size - 1)) != 0)
        return OV_ERR_INVALID_ARG;
    if (pal->ncolors < 2 || pal->ncolors > pal->size ||
        pal->transparent < 0 || pal->transparent >= pal->ncolors)
        return OV_ERR_INVALID_ARG;
    return OV_OK;
}

/* ---- mapping --------------------------------------------------------- */

ov_status
ov__palmap_init(ov__palmap *m, const ov_palette *pal)
{
    ov_status st = ov__palette_check(pal);
    int i;

    if (st != OV_OK)
        return st;
    memset(m, 0, sizeof *m);
    m->lut = ov__calloc(LUT_CELLS, sizeof *m->lut);
    if (!m->lut)
        return OV_ERR_NOMEM;
    for (i = 0; i < pal->ncolors; i++) {
        uint32_t c = pal->rgb[i] & 0xFFFFFFu;
        uint32_t h = ov__palmap_hash(c);

        if (i == pal->transparent)
            continue;
        m->idx[m->ncolors] = (uint8_t)i;
        m->r[m->ncolors] = (int16_t)(c >> 16);
        m->g[m->ncolors] = (int16_t)(c >> 8 & 0xFF);
        m->b[m->ncolors] = (int16_t)(c & 0xFF);
        m->ncolors++;
        while (m->key[h] != 0 && m->key[h] != c + 1)
            h = (h + 1) & (OV__PALMAP_HSIZE - 1);
        if (m->key[h] == 0) {          /* first of duplicates wins */
            m->key[h] = c + 1;
            m->val[h] = (uint8_t)i;
        }
    }
    m->last_c = 0xFFFFFFFFu;           /* matches no masked colour */
    return OV_OK;
}

void
ov__palmap_fini(ov__palmap *m)
{
    ov__free(m->lut);
    m->lut = NULL;
}

/* Entry nearest to the centre of 64^3 cell (qr, qg, qb); ties: lowest. */
static uint8_t
nearest_cell(const ov__palmap *m, int qr, int qg, int qb)
{
    /* Doubled coordinates keep the centre (4q + 1.5) integral. */
    int cr = 8 * qr + 3, cg = 8 * qg + 3, cb = 8 * qb + 3;
    long best = -1;
    int i, bi = 0;

    for (i = 0; i < m->ncolors; i++) {
        long dr = 2 * m->r[i] - cr, dg = 2 * m->g[i] - cg;
        long db = 2 * m->b[i] - cb;
        long d = dr * dr + dg * dg + db * db;

        if (best < 0 || d < best) {
            best = d;
            bi = i;
        }
    }
    return m->idx[bi];
}

uint8_t
ov__palmap_slow(ov__palmap *m, uint32_t c)
{
    uint32_t h = ov__palmap_hash(c);
    uint8_t idx;

    while (m->key[h] != 0) {
        if (m->key[h] == c + 1) {
            idx = m->val[h];
            goto done;
        }
        h = (h + 1) & (OV__PALMAP_HSIZE - 1);
    }
    {
        int qr = (int)(c >> 18), qg = (int)(c >> 10 & 63);
        int qb = (int)(c >> 2 & 63);
        uint32_t cell = (uint32_t)qr << 12 | (uint32_t)qg << 6 | (uint32_t)qb;

        if (m->lut[cell] == 0)
            m->lut[cell] = (uint16_t)(nearest_cell(m, qr, qg, qb) + 1);
        idx = (uint8_t)(m->lut[cell] - 1);
    }
done:
    m->last_c = c;
    m->last_i = idx;
    return idx;
}

static int
image_ok(const ov_image *img)
{
    return img && img->px && img->width > 0 && img->height > 0 &&
           img->stride / 4 >= (size_t)img->width;
}

ov_status
ov_palette_map_image(const ov_palette *pal, const ov_image *img,
                     uint8_t *out)
{
    ov__palmap m;
    ov_status st;
    int x, y;

    if (!image_ok(img) || !out)
        return OV_ERR_INVALID_ARG;
    st = ov__palmap_init(&m, pal);
    if (st != OV_OK)
        return st;
    for (y = 0; y < img->height; y++) {
        const uint32_t *row =
            (const uint32_t *)((const char *)img->px + (size_t)y * img->stride);
        uint8_t *o = out + (size_t)y * (size_t)img->width;

        for (x = 0; x < img->width; x++)
            o[x] = ov__palmap_get(&m, row[x]);
    }
    ov__palmap_fini(&m);
    return OV_OK;
}

/* ---- histogram ------------------------------------------------------- */

typedef struct hist {
    uint32_t *key;          /* colour + 1; 0 = empty */
    uint32_t *count;
    size_t cap, n;          /* cap: power of two */
} hist;

static uint32_t
hist_hash(uint32_t c, size_t cap)
{
    /* The product's high bits: its low bits depend only on the colour's
     * low bits (blue), so masking them piled colours that differ in red
     * and green onto long probe chains. */
    uint32_t h = c * 0x9E3779B1u;
    return (h ^ h >> 15 ^ h >> 23) & (uint32_t)(cap - 1);
}

static ov_status
hist_init(hist *h, size_t cap)
{
    h->cap = cap;
    h->n = 0;
    h->key = ov__calloc(cap, sizeof *h->key);
    h->count = ov__calloc(cap, sizeof *h->count);
    if (!h->key || !h->count)
        return OV_ERR_NOMEM;
    return OV_OK;
}

static void
hist_free(hist *h)
{
    ov__free(h->key);
    ov__free(h->count);
    h->key = h->count = NULL;
}

static void
hist_put(hist *h, uint32_t c, uint32_t count)
{
    uint32_t i = hist_hash(c, h->cap);

    while (h->key[i] != 0 && h->key[i] != c + 1)
        i = (i + 1) & (uint32_t)(h->cap - 1);
    if (h->key[i] == 0) {
        h->key[i] = c + 1;
        h->n++;
    }
    h->count[i] += count;
}

static ov_status
hist_add(hist *h, uint32_t c, uint32_t count)
{
    if (2 * (h->n + 1) > h->cap) {
        hist big;
        size_t i;
        ov_status st = hist_init(&big, h->cap * 2);

        if (st != OV_OK) {
            hist_free(&big);
            return st;
        }
        for (i = 0; i < h->cap; i++)
            if (h->key[i] != 0)
                hist_put(&big, h->key[i] - 1, h->count[i]);
        hist_free(h);
        *h = big;
    }
    hist_put(h, c, count);
    return OV_OK;
}

static int
hist_has(const hist *h, uint32_t c)
{
    uint32_t i = hist_hash(c, h->cap);

    while (h->key[i] != 0) {
        if (h->key[i] == c + 1)
            return 1;
        i = (i + 1) & (uint32_t)(h->cap - 1);
    }
    return 0;
}

static ov_status
hist_image(hist *h, const ov_image *img)
{
    int x, y;

    for (y = 0; y < img->height; y++) {
        const uint32_t *row =
            (const uint32_t *)((const char *)img->px + (size_t)y * img->stride);

        x = 0;
        while (x < img->width) {
            uint32_t c = row[x] & 0xFFFFFFu;
            int x0 = x;
            ov_status st;

            while (x < img->width && (row[x] & 0xFFFFFFu) == c)
                x++;
            st = hist_add(h, c, (uint32_t)(x - x0));
            if (st != OV_OK)
                return st;
        }
    }
    return OV_OK;
}

/* ---- k-means --------------------------------------------------------- */

typedef struct entry {
    uint32_t c;
    uint32_t count;
} entry;

typedef struct point {
    float r, g, b, w;
} point;

static int
cmp_by_count(const void *a, const void *b)
{
    const entry *x = a, *y = b;

    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->c < y->c ? -1 : x->c > y->c;
}

static int
cmp_by_colour(const void *a, const void *b)
{
    const entry *x = a, *y = b;

    return x->c < y->c ? -1 : x->c > y->c;
}

/* Bins @p e (sorted by colour) by the top 8-@p shift bits per channel;
 * each bin becomes its weighted mean colour.  Returns the bin count, or
 * SIZE_MAX when out of memory. */
static size_t
bin_points(const entry *e, size_t n, int shift, point *out)
{
    size_t i, np = 0;
    int nb = 8 - shift;
    size_t nbins = (size_t)1 << (3 * nb);
    double *acc = ov__calloc(nbins, 4 * sizeof(double));

    if (!acc)
        return SIZE_MAX;
    for (i = 0; i < n; i++) {
        uint32_t c = e[i].c;
        size_t bin = (size_t)(c >> (16 + shift)) << (2 * nb) |
                     (size_t)((c >> (8 + shift)) & ((1u << nb) - 1)) << nb |
                     (size_t)((c >> shift) & ((1u << nb) - 1));
        double w = e[i].count;

        acc[4 * bin] += w * (c >> 16);
        acc[4 * bin + 1] += w * (c >> 8 & 0xFF);
        acc[4 * bin + 2] += w * (c & 0xFF);
        acc[4 * bin + 3] += w;
    }
    for (i = 0; i < nbins; i++) {
        double w = acc[4 * i + 3];

        if (w > 0 && out) {
            out[np].r = (float)(acc[4 * i] / w);
            out[np].g = (float)(acc[4 * i + 1] / w);
            out[np].b = (float)(acc[4 * i + 2] / w);
            out[np].w = (float)w;
        }
        if (w > 0)
            np++;
    }
    ov__free(acc);
    return np;
}

static float
dist2(float r, float g, float b, const float *c)
{
    float dr = r - c[0], dg = g - c[1], db = b - c[2];

    return dr * dr + dg * dg + db * db;
}

/* The centres sorted by red, for nearest(). */
typedef struct red_order {
    int n;
    int k[OV_PALETTE_MAX];
    float r[OV_PALETTE_MAX];
} red_order;

/* Insertion sort (at most 256 centres, nearly sorted from one iteration
 * to the next; no qsort, whose comparator would need the centres in a
 * global). */
static void
by_red(const float *cen, int ncen, red_order *o)
{
    int k, j;

    o->n = ncen;
    for (k = 0; k < ncen; k++) {
        float r = cen[3 * k];
        for (j = k; j > 0 && o->r[j - 1] > r; j--) {
            o->r[j] = o->r[j - 1];
            o->k[j] = o->k[j - 1];
        }
        o->r[j] = r;
        o->k[j] = k;
    }
}

/*
 * The centre k-means assigns @p p to, starting from @p bk0: the same
 * answer as scanning k = 0..n-1 with best = dist(bk0), skipping k when
 * dr^2 >= best and taking it when dd < best or (dd == best and k < bk),
 * but looking only at the centres whose red is within reach (sorted by
 * red, outward from p's).  Ties: with m the least distance and T the
 * centres at m, that scan ends on min T when bk0 is not in T, else on the
 * least k in T below bk0 whose dr^2 < m (the others were skipped), else
 * bk0.
 */
static int
nearest(const point *p, const float *cen, const red_order *o, int bk0)
{
    int tie[OV_PALETTE_MAX], nt = 1, lo, hi, k, j;
    float m = dist2(p->r, p->g, p->b, cen + 3 * bk0);

    tie[0] = bk0;
    /* First index whose red is >= p's. */
    lo = 0;
    hi = o->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (o->r[mid] < p->r)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int dir = 0; dir < 2; dir++) {
        for (j = dir ? lo - 1 : lo; j >= 0 && j < o->n; j += dir ? -1 : 1) {
            float dr = p->r - o->r[j], dd;
            if (dr * dr > m)
                break;
            k = o->k[j];
            if (k == bk0)
                continue;
            dd = dist2(p->r, p->g, p->b, cen + 3 * k);
            if (dd < m) {
                m = dd;
                nt = 0;
                tie[nt++] = k;
            } else if (dd == m) {
                tie[nt++] = k;
            }
        }
    }
    int has0 = 0, best = -1;
    for (j = 0; j < nt; j++)
        if (tie[j] == bk0)
            has0 = 1;
    if (!has0) {
        for (j = 0; j < nt; j++)
            if (best < 0 || tie[j] < best)
                best = tie[j];
        return best;
    }
    best = bk0;
    for (j = 0; j < nt; j++) {
        float dr = p->r - cen[3 * tie[j]];
        if (tie[j] < best && dr * dr < m)
            best = tie[j];
    }
    return best;
}

/*
 * Adds up to @p nfree centres to cen[npin..] (cen[0..npin) fixed) for the
 * @p np points; returns how many were added.  cen holds r, g, b triples.
 */
static int
kmeans(const point *pt, size_t np, float *cen, int npin, int nfree,
       float *d, float *sc, int *assign, double *acc)
{
    size_t i;
    int k, it, ncen = npin, nadd = 0;
    red_order ord;

    for (i = 0; i < np; i++) {
        d[i] = INFINITY;
        for (k = 0; k < npin; k++) {
            float dd = dist2(pt[i].r, pt[i].g, pt[i].b, cen + 3 * k);
            if (dd < d[i])
                d[i] = dd;
        }
    }
    /* Greedy seeding on count * squared error.  Each pass over the points
     * lowers their distances to the centre just added and finds the next
     * one (the first point of the largest score), in one loop. */
    size_t bi = 0;
    float best = -1.0f;
    for (i = 0; i < np; i++) {
        float s = ncen == 0 ? pt[i].w : pt[i].w * d[i];
        if (s > best) {
            best = s;
            bi = i;
        }
    }
    while (nadd < nfree) {
        if (best <= 0.0f)
            break;
        cen[3 * ncen] = pt[bi].r;
        cen[3 * ncen + 1] = pt[bi].g;
        cen[3 * ncen + 2] = pt[bi].b;
        const float *c = cen + 3 * ncen;
        /* Two loops: the first has no dependence between points, so the
         * compiler vectorises it; the second is the plain first-maximum
         * scan. */
        for (i = 0; i < np; i++) {
            float dd = dist2(pt[i].r, pt[i].g, pt[i].b, c);
            d[i] = dd < d[i] ? dd : d[i];
            sc[i] = pt[i].w * d[i];
        }
        /* The first index of the largest score (scores are >= 0): the
         * maximum over four independent running maxima (one chain of
         * dependent max instructions was the loop's cost), then the
         * first index holding it. */
        float m[4] = { -1.0f, -1.0f, -1.0f, -1.0f };
        for (i = 0; i + 4 <= np; i += 4)
            for (int q = 0; q < 4; q++)
                m[q] = sc[i + q] > m[q] ? sc[i + q] : m[q];
        for (; i < np; i++)
            m[0] = sc[i] > m[0] ? sc[i] : m[0];
        best = fmaxf(fmaxf(m[0], m[1]), fmaxf(m[2], m[3]));
        for (bi = 0; bi < np && sc[bi] != best; bi++)
            ;
        ncen++;
        nadd++;
    }
    if (nadd == 0)
        return 0;

    for (i = 0; i < np; i++)
        assign[i] = -1;
    for (it = 0; it < KMEANS_ITERS; it++) {
        int changed = 0;

        memset(acc, 0, (size_t)ncen * 4 * sizeof *acc);
        by_red(cen, ncen, &ord);
        for (i = 0; i < np; i++) {
            int bk = nearest(&pt[i], cen, &ord, assign[i] < 0 ? 0
                                                              : assign[i]);
            if (bk != assign[i]) {
                assign[i] = bk;
                changed = 1;
            }
            acc[4 * bk] += (double)pt[i].w * pt[i].r;
            acc[4 * bk + 1] += (double)pt[i].w * pt[i].g;
            acc[4 * bk + 2] += (double)pt[i].w * pt[i].b;
            acc[4 * bk + 3] += pt[i].w;
        }
        if (!changed)
            break;
        for (k = npin; k < ncen; k++) {
            double w = acc[4 * k + 3];
            if (w > 0) {
                cen[3 * k] = (float)(acc[4 * k] / w);
                cen[3 * k + 1] = (float)(acc[4 * k + 1] / w);
                cen[3 * k + 2] = (float)(acc[4 * k + 2] / w);
            }
        }
    }
    return nadd;
}

static uint32_t
round_channel(float v)
{
    long r = lroundf(v);
    return (uint32_t)(r < 0 ? 0 : r > 255 ? 255 : r);
}

/* ---- build ----------------------------------------------------------- */

static int
has_colour(const uint32_t *cols, int n, uint32_t c)
{
    int i;

    for (i = 0; i < n; i++)
        if (cols[i] == c)
            return 1;
    return 0;
}

/*
 * Chooses up to @p nfree colours for the residual @p res (sorted by colour
 * on return) given the @p npin fixed colours; writes them with their
 * cluster weights to @p extra and their number to @p nextra.
 */
static ov_status
fill_from_residual(const uint32_t *pin, int npin, int nfree, entry *res,
                   size_t nres, entry *extra, int *nextra)
{
    int nadd, k;
    size_t np = nres, i;
    point *pt = NULL;
    float *cen = NULL, *d = NULL, *sc = NULL;
    int *assign = NULL;
    double *acc = NULL;
    ov_status st = OV_ERR_NOMEM;

    *nextra = 0;
    qsort(res, nres, sizeof *res, cmp_by_colour);
    if (nres > MAX_POINTS) {
        size_t n6 = bin_points(res, nres, 2, NULL);
        int shift = n6 <= MAX_POINTS ? 2 : 3;

        np = shift == 2 ? n6 : bin_points(res, nres, shift, NULL);
        if (np == SIZE_MAX)
            goto done;
        pt = ov__malloc3(np, 1, sizeof *pt);
        if (!pt || bin_points(res, nres, shift, pt) != np)
            goto done;
    } else {
        pt = ov__malloc3(np, 1, sizeof *pt);
        if (!pt)
            goto done;
        for (i = 0; i < np; i++) {
            pt[i].r = (float)(res[i].c >> 16);
            pt[i].g = (float)(res[i].c >> 8 & 0xFF);
            pt[i].b = (float)(res[i].c & 0xFF);
            pt[i].w = (float)res[i].count;
        }
    }
    cen = ov__malloc3(OV_PALETTE_MAX, 3, sizeof *cen);
    d = ov__malloc3(np, 1, sizeof *d);
    sc = ov__malloc3(np, 1, sizeof *sc);
    assign = ov__malloc3(np, 1, sizeof *assign);
    acc = ov__malloc3(OV_PALETTE_MAX, 4, sizeof *acc);
    if (!cen || !d || !sc || !assign || !acc)
        goto done;
    for (k = 0; k < npin; k++) {
        cen[3 * k] = (float)(pin[k] >> 16);
        cen[3 * k + 1] = (float)(pin[k] >> 8 & 0xFF);
        cen[3 * k + 2] = (float)(pin[k] & 0xFF);
    }
    nadd = kmeans(pt, np, cen, npin, nfree, d, sc, assign, acc);
    for (k = npin; k < npin + nadd; k++) {
        uint32_t c = round_channel(cen[3 * k]) << 16 |
                     round_channel(cen[3 * k + 1]) << 8 |
                     round_channel(cen[3 * k + 2]);
        int j;

        if (has_colour(pin, npin, c))
            continue;
        for (j = 0; j < *nextra && extra[j].c != c; j++)
            ;
        if (j < *nextra)
            continue;
        extra[*nextra].c = c;
        /* Cluster weight as the ordering key (pixels it stands for). */
        extra[*nextra].count = acc[4 * k + 3] > 4e9 ? 4000000000u
                               : (uint32_t)acc[4 * k + 3];
        (*nextra)++;
    }
    st = OV_OK;
done:
    ov__free(pt);
    ov__free(cen);
    ov__free(d);
    ov__free(sc);
    ov__free(assign);
    ov__free(acc);
    return st;
}

/*
 * Layout: pinned colours, the transparent slot, then the other colours by
 * decreasing pixel count.  A GIF image may use a smaller LZW code size
 * than its colour table when its indices are small, so the colours that
 * delta frames use (moving parts, pinned first by the caller, and the
 * transparent index present in every delta) sit at low indices.
 */
ov_status
ov_palette_build(ov_palette *out, const uint32_t *pinned, size_t npinned,
                 const ov_image *sample)
{
    ov_palette p;
    hist pin = { 0 }, h = { 0 };
    entry *res = NULL, extra[OV_PALETTE_MAX];
    uint32_t cols[OV_PALETTE_MAX];
    size_t nres = 0, i;
    int npin = 0, nextra = 0, k;
    ov_status st;

    if (!out || (npinned && !pinned) || npinned > OV_PALETTE_MAX - 1 ||
        (sample && !image_ok(sample)))
        return OV_ERR_INVALID_ARG;
    if (npinned == 0 && !sample)
        return OV_ERR_EMPTY;

    st = hist_init(&pin, 1024);
    if (st != OV_OK)
        goto done;
    for (i = 0; i < npinned; i++) {
        uint32_t c = pinned[i] & 0xFFFFFFu;
        if (!hist_has(&pin, c)) {
            hist_put(&pin, c, 1);
            cols[npin++] = c;
        }
    }

    if (sample) {
        size_t j;

        st = hist_init(&h, 1u << 14);
        if (st == OV_OK)
            st = hist_image(&h, sample);
        if (st != OV_OK)
            goto done;
        res = ov__malloc3(h.n ? h.n : 1, 1, sizeof *res);
        if (!res) {
            st = OV_ERR_NOMEM;
            goto done;
        }
        for (j = 0; j < h.cap; j++) {
            if (h.key[j] != 0 && !hist_has(&pin, h.key[j] - 1)) {
                res[nres].c = h.key[j] - 1;
                res[nres].count = h.count[j];
                nres++;
            }
        }
    }

    if ((size_t)npin + nres <= OV_PALETTE_MAX - 1) {
        for (i = 0; i < nres; i++)        /* everything fits: exact */
            extra[nextra++] = res[i];
    } else {
        st = fill_from_residual(cols, npin, OV_PALETTE_MAX - 1 - npin, res,
                                nres, extra, &nextra);
        if (st != OV_OK)
            goto done;
    }
    qsort(extra, (size_t)nextra, sizeof *extra, cmp_by_count);

    memset(&p, 0, sizeof p);
    for (k = 0; k < npin; k++)
        p.rgb[p.ncolors++] = cols[k];
    p.transparent = p.ncolors++;
    for (k = 0; k < nextra; k++)
        p.rgb[p.ncolors++] = extra[k].c;
    p.size = 2;
    while (p.size < p.ncolors)
        p.size *= 2;
    *out = p;
    st = OV_OK;
done:
    hist_free(&pin);
    hist_free(&h);
    ov__free(res);
    return st;
}
