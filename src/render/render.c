/*
 * render.c: ov_render, and the vector stills.
 *
 * The format table (format.h) says what a format is: raster stills and
 * animations go to their sink through the frame loop (animate.c); vector
 * stills are cairo surfaces, so they are drawn here, from the same figure
 * as the raster formats.  cairo 1.16's SVG surface turns text into glyph
 * outlines, so the figure hands the text back as <text> elements that go
 * in just before "</svg>"; PDF keeps cairo's text (an
 * embedded font subset with a ToUnicode map, so it stays searchable).  The
 * PDF's dates are pinned so the same flags give the same bytes.
 *
 * The page is width x height points, or with a dpi width/dpi x
 * height/dpi inches: the PDF is drawn scaled by 72/dpi on a page of that
 * size; the SVG keeps its pixel coordinates (the viewBox, which the text
 * elements share) and says the page's size in its root's width and
 * height.
 */
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "optviz/render.h"
#include "optviz/version.h"
#include "alloc_private.h"
#include "format_private.h"
#include "animate_private.h"
#include "figure.h"
#include "draw.h"

typedef struct membuf {
    unsigned char *p;
    size_t len, cap;
    int failed;
} membuf;

static cairo_status_t
mem_write(void *closure, const unsigned char *data, unsigned int len)
{
    membuf *m = closure;
    if (m->failed)
        return CAIRO_STATUS_WRITE_ERROR;
    if (m->len + len > m->cap) {
        size_t cap = m->cap ? m->cap : 65536;
        while (cap < m->len + len)
            cap *= 2;
        unsigned char *p = ov__realloc(m->p, cap);
        if (!p) {
            m->failed = 1;
            return CAIRO_STATUS_NO_MEMORY;
        }
        m->p = p;
        m->cap = cap;
    }
    memcpy(m->p + m->len, data, len);
    m->len += len;
    return CAIRO_STATUS_SUCCESS;
}

/*
 * cairo names SVG groups "surface<N>" and embedded images "image<N>" after
 * process-wide counters, so the same figure drawn twice in one process (a
 * batch) would differ.  Renumber them by first appearance, rewriting the
 * buffer in place (the new numbers are never longer than the old ones).
 * "image" counts only after '"' or '#' (an id or a reference), never
 * inside an image's base64 data.
 */
static void
svg_renumber(membuf *m)
{
    static const char *const keys[2] = { "surface", "image" };
    unsigned long seen[2][64];
    size_t nseen[2] = { 0, 0 }, o = 0;
    for (size_t i = 0; i < m->len;) {
        int q = -1;
        size_t kl = 0;
        for (int c = 0; c < 2 && q < 0; c++) {
            kl = strlen(keys[c]);
            if (i + kl < m->len && memcmp(m->p + i, keys[c], kl) == 0 &&
                m->p[i + kl] >= '0' && m->p[i + kl] <= '9' &&
                (c == 0 || (i > 0 && (m->p[i - 1] == '"' ||
                                      m->p[i - 1] == '#'))))
                q = c;
        }
        if (q >= 0) {
            const char *key = keys[q];
            size_t j = i + kl;
            unsigned long v = 0;
            while (j < m->len && m->p[j] >= '0' && m->p[j] <= '9'
                   && v < 100000000UL)
                v = v * 10 + (unsigned long)(m->p[j++] - '0');
            size_t k;
            for (k = 0; k < nseen[q]; k++)
                if (seen[q][k] == v)
                    break;
            if (k == nseen[q] && nseen[q] < 64)
                seen[q][nseen[q]++] = v;
            char num[24];
            int nl = snprintf(num, sizeof num, "%zu", k + 1);
            if (k < 64 && (size_t)nl <= j - i - kl) {
                memmove(m->p + o, key, kl);
                memcpy(m->p + o + kl, num, (size_t)nl);
                o += kl + (size_t)nl;
            } else {
                memmove(m->p + o, m->p + i, j - i);
                o += j - i;
            }
            i = j;
            continue;
        }
        m->p[o++] = m->p[i++];
    }
    m->len = o;
}

/* Sets the root's width and height of the SVG in @p m (cairo writes
 * them first, as width="Wpt" height="Hpt") to @p w x @p h points. */
static int
svg_page_size(membuf *m, double w, double h)
{
    static const char key[] = " width=\"";
    size_t kl = sizeof key - 1, lim = m->len < 1024 ? m->len : 1024;
    for (size_t i = 0; i + kl < lim; i++) {
        if (memcmp(m->p + i, key, kl) != 0)
            continue;
        /* The end of height="...": the second closing quote after it. */
        size_t j = i + kl, q = 0;
        while (j < lim && q < 3)
            q += m->p[j++] == '"';
        if (q < 3)
            return 0;
        char attr[96];
        int al = snprintf(attr, sizeof attr, " width=\"%.6gpt\" "
                          "height=\"%.6gpt\"", w, h);
        size_t old = j - i, len = m->len - old + (size_t)al;
        unsigned char *p = ov__malloc(len);
        if (!p)
            return -1;
        memcpy(p, m->p, i);
        memcpy(p + i, attr, (size_t)al);
        memcpy(p + i + al, m->p + j, m->len - j);
        ov__free(m->p);
        m->p = p;
        m->len = m->cap = len;
        return 0;
    }
    return 0;
}

/* Finds the last "</svg>" in @p m. */
static size_t
svg_close_at(const membuf *m)
{
    static const char tag[] = "</svg>";
    size_t tl = sizeof tag - 1;
    for (size_t i = m->len >= tl ? m->len - tl + 1 : 0; i-- > 0;)
        if (memcmp(m->p + i, tag, tl) == 0)
            return i;
    return m->len;
}

static ov_status
render_vector(ov_write_fn fn, void *closure, ov_format fmt, ov__figure *sc,
              const ov_figure_spec *spec)
{
    membuf m = { 0 };
    cairo_surface_t *surf;
    if (fmt != OV_FORMAT_SVG && fmt != OV_FORMAT_PDF)
        return OV_ERR_UNSUPPORTED;   /* a vector row without a surface */
    /* Points per pixel. */
    double pt = spec->dpi > 0.0 ? 72.0 / spec->dpi : 1.0;
    if (fmt == OV_FORMAT_SVG) {
        surf = cairo_svg_surface_create_for_stream(mem_write, &m, spec->width,
                                                   spec->height);
        cairo_svg_surface_restrict_to_version(surf, CAIRO_SVG_VERSION_1_1);
    } else {
        surf = cairo_pdf_surface_create_for_stream(mem_write, &m,
                                                   spec->width * pt,
                                                   spec->height * pt);
        char creator[64];
        snprintf(creator, sizeof creator, "optviz %s", ov_version_string());
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
                                       creator);
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
                                       "2000-01-01T00:00:00Z");
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE,
                                       "2000-01-01T00:00:00Z");
        if (spec->title && spec->title[0])
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
                                           spec->title);
    }
    if (cairo_surface_status(surf)) {
        cairo_surface_destroy(surf);
        ov__free(m.p);
        return OV_ERR_RENDER;
    }
    cairo_t *cr = cairo_create(surf);
    if (fmt == OV_FORMAT_PDF && pt != 1.0)
        cairo_scale(cr, pt, pt);
    char *txt = NULL;
    size_t tlen = 0;
    ov_status st = ov__figure_draw_vector(sc, cr, fmt == OV_FORMAT_SVG, &txt,
                                         &tlen);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    if (!st && cairo_surface_status(surf))
        st = OV_ERR_RENDER;
    cairo_surface_destroy(surf);
    if (!st && m.failed)
        st = OV_ERR_NOMEM;
    if (!st) {
        if (fmt == OV_FORMAT_SVG) {
            svg_renumber(&m);
            if (pt != 1.0 && svg_page_size(&m, spec->width * pt,
                                           spec->height * pt))
                st = OV_ERR_NOMEM;
        }
    }
    if (!st) {
        size_t at = fmt == OV_FORMAT_SVG ? svg_close_at(&m) : m.len;
        int r = fn(closure, m.p, at);
        if (!r && tlen)
            r = fn(closure, (const unsigned char *)txt, tlen);
        if (!r && at < m.len)
            r = fn(closure, m.p + at, m.len - at);
        st = (ov_status)r;
    }
    ov__free(txt);
    ov__free(m.p);
    return st;
}

ov_status
ov_render(ov_write_fn fn, void *closure, ov_format fmt, const ov_loss *loss,
          const ov_trajectory *const *trajs, size_t n,
          const ov_figure_spec *spec, ov_progress_fn progress, void *payload,
          ov_error *err)
{
    const ov__format_row *row = ov__format_row_of(fmt);

    if (!fn || !loss || !spec || !row) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->status = OV_ERR_INVALID_ARG;
        }
        return OV_ERR_INVALID_ARG;
    }
    if (!row->info.available)
        return OV_ERR_UNSUPPORTED;
    if (row->sink)
        return ov__animate(row->sink, fn, closure, loss, trajs, n, spec,
                           progress, payload, err);
    if (row->info.kind != OV_FORMAT_KIND_VECTOR)
        return OV_ERR_UNSUPPORTED;
    ov__figure *sc = NULL;
    ov_status st = ov__figure_create_vector(&sc, loss, trajs, n, spec, err);
    if (st)
        return st;
    st = render_vector(fn, closure, fmt, sc, spec);
    ov__figure_destroy(sc);
    return st;
}

ov_status
ov_render_check(ov_format fmt, const ov_loss *loss,
                const ov_trajectory *const *trajs, size_t n,
                const ov_figure_spec *spec, ov_error *err)
{
    const ov__format_row *row = ov__format_row_of(fmt);

    if (!loss || !spec || !row)
        return OV_ERR_INVALID_ARG;
    if (!row->info.available)
        return OV_ERR_UNSUPPORTED;
    if (!row->sink && row->info.kind != OV_FORMAT_KIND_VECTOR)
        return OV_ERR_UNSUPPORTED;
    /* Raster and vector figures are laid out alike; nothing is drawn. */
    return ov__figure_check(loss, trajs, n, spec, err);
}

static pthread_once_t prepare_once = PTHREAD_ONCE_INIT;
static ov_status prepare_status = OV_ERR_RENDER;

static void
prepare_fonts(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1,
                                                    1);
    cairo_t *cr = cairo_create(s);

    ov__text_width(cr, "0", 10.0);
    prepare_status = cairo_status(cr) == CAIRO_STATUS_SUCCESS
                     && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS
                     ? OV_OK : OV_ERR_RENDER;
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

ov_status
ov_render_prepare(void)
{
    if (pthread_once(&prepare_once, prepare_fonts) != 0)
        return OV_ERR_RENDER;
    return prepare_status;
}
