/*
 * draw.c: drawing helpers shared by the views (see draw.h).
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "alloc_private.h"
#include "draw.h"

ov__box
ov__box_empty(void)
{
    ov__box b = { INFINITY, INFINITY, -INFINITY, -INFINITY };
    return b;
}

void
ov__box_add(ov__box *b, double x, double y, double pad)
{
    if (x - pad < b->x0) b->x0 = x - pad;
    if (y - pad < b->y0) b->y0 = y - pad;
    if (x + pad > b->x1) b->x1 = x + pad;
    if (y + pad > b->y1) b->y1 = y + pad;
}

void
ov__box_union(ov__box *b, ov__box a)
{
    if (ov__box_is_empty(&a))
        return;
    ov__box_add(b, a.x0, a.y0, 0.0);
    ov__box_add(b, a.x1, a.y1, 0.0);
}

int
ov__box_is_empty(const ov__box *b)
{
    return !(b->x1 >= b->x0 && b->y1 >= b->y0);
}

void
ov__set_rgb(cairo_t *cr, uint32_t c, double alpha)
{
    double r = ((c >> 16) & 0xFF) / 255.0, g = ((c >> 8) & 0xFF) / 255.0,
           b = (c & 0xFF) / 255.0;
    if (alpha >= 1.0)
        cairo_set_source_rgb(cr, r, g, b);
    else
        cairo_set_source_rgba(cr, r, g, b, alpha);
}

void
ov__clean_utf8(char *out, size_t size, const char *in)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)in;
    while (*p && o + 5 < size) {
        unsigned c = *p;
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 :
                     (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        int ok = len > 0 && !(c < 0x20 || c == 0x7F);
        if (len == 2 && c < 0xC2)
            ok = 0;
        for (size_t k = 1; ok && k < len; k++)
            if ((p[k] & 0xC0) != 0x80)
                ok = 0;
        if (ok && len == 3) {
            unsigned cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) |
                          (p[2] & 0x3F);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
                ok = 0;
        }
        if (ok && len == 4) {
            unsigned cp = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12);
            if (cp < 0x10000 || cp > 0x10FFFF)
                ok = 0;
        }
        if (!ok) {
            out[o++] = '?';
            p++;
            continue;
        }
        memcpy(out + o, p, len);
        o += len;
        p += len;
    }
    out[o] = '\0';
}

/* ---- text buffer -------------------------------------------------------- */

void
ov__sb_append(ov__strbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = ov__realloc(b->s, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void
ov__sb_printf(ov__strbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        ov__sb_append(b, tmp,
                      (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void
ov__sb_begin(char **text, size_t *len)
{
    if (text)
        *text = NULL;
    if (len)
        *len = 0;
}

ov_status
ov__sb_finish(ov__strbuf *b, ov_status st, int svg, char **text,
              size_t *len)
{
    if (b->failed && !st)
        st = OV_ERR_NOMEM;
    if (st || !svg) {
        ov__free(b->s);
        return st;
    }
    *text = b->s;
    *len = b->len;
    return OV_OK;
}

void
ov__sb_xml(ov__strbuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': ov__sb_append(b, "&amp;", 5); break;
        case '<': ov__sb_append(b, "&lt;", 4); break;
        case '>': ov__sb_append(b, "&gt;", 4); break;
        case '"': ov__sb_append(b, "&quot;", 6); break;
        default: ov__sb_append(b, s, 1);
        }
    }
}

/* ---- text --------------------------------------------------------------- */

/*
 * Every font option is explicit, and hinting is off.  cairo resolves the toy
 * face "DejaVu Sans" through fontconfig once, at the size of the first text
 * the process draws, and keeps that resolution for every later size; the
 * system's rules are size-dependent (DejaVu is unhinted below 7.5 px), so
 * with the defaults a figure's glyphs depended on which figure, or which
 * thread, drew text first (issue 9: batch outputs differed from solo runs
 * by 1,321 text pixels).  Hint style NONE is the one setting the resolved
 * pattern cannot override, and unhinted metrics make text widths scale
 * linearly and agree between the raster, SVG and PDF surfaces.
 */
void
ov__font(cairo_t *cr, double size)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_subpixel_order(fo, CAIRO_SUBPIXEL_ORDER_DEFAULT);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    cairo_select_font_face(cr, OV__FONT, CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

/*
 * Any script: cairo's toy API draws a text in one face, and DejaVu Sans
 * has no CJK (a Chinese title came out as boxes).  A text with characters
 * DejaVu lacks is drawn in the family fontconfig picks for those
 * characters (its fallback rules, the same a desktop uses: Noto Sans CJK
 * for Chinese when fonts-noto-cjk is installed); every other text keeps
 * DejaVu, so the figures of Latin text do not change.  DejaVu's coverage
 * is read once (pthread_once: batch workers draw in parallel).
 */
static pthread_once_t cover_once = PTHREAD_ONCE_INIT;
static FcCharSet *cover;         /* DejaVu Sans's characters, or NULL */

static void
read_cover(void)
{
    FcPattern *p = FcNameParse((const FcChar8 *)OV__FONT);
    if (!p)
        return;
    FcConfigSubstitute(NULL, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult r;
    FcPattern *m = FcFontMatch(NULL, p, &r);
    FcCharSet *cs;
    if (m && FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) == FcResultMatch)
        cover = FcCharSetCopy(cs);
    if (m)
        FcPatternDestroy(m);
    FcPatternDestroy(p);
}

/* The family @p s is drawn in: OV__FONT, or into @p buf the family
 * fontconfig matches for the characters OV__FONT lacks. */
static const char *
text_family(const char *s, char *buf, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p && *p < 0x80)
        p++;
    if (!*p)
        return OV__FONT;
    pthread_once(&cover_once, read_cover);
    FcCharSet *miss = FcCharSetCreate();
    if (!miss)
        return OV__FONT;
    int len = (int)strlen((const char *)p), any = 0;
    while (len > 0) {
        FcChar32 c;
        int k = FcUtf8ToUcs4(p, &c, len);
        if (k <= 0)
            break;
        if (c >= 0x80 && (!cover || !FcCharSetHasChar(cover, c))) {
            FcCharSetAddChar(miss, c);
            any = 1;
        }
        p += k;
        len -= k;
    }
    const char *fam = OV__FONT;
    FcPattern *pat = any ? FcPatternCreate() : NULL;
    if (pat) {
        FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"sans-serif");
        FcPatternAddCharSet(pat, FC_CHARSET, miss);
        FcConfigSubstitute(NULL, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult r;
        FcPattern *m = FcFontMatch(NULL, pat, &r);
        FcChar8 *f;
        if (m && FcPatternGetString(m, FC_FAMILY, 0, &f) == FcResultMatch) {
            snprintf(buf, cap, "%s", (const char *)f);
            fam = buf;
        }
        if (m)
            FcPatternDestroy(m);
        FcPatternDestroy(pat);
    }
    FcCharSetDestroy(miss);
    return fam;
}

/* ov__font() in the family that has @p s's characters. */
static void
font_for(cairo_t *cr, double size, const char *s)
{
    char fam[128];
    ov__font(cr, size);
    const char *f = text_family(s, fam, sizeof fam);
    if (f != (const char *)OV__FONT)
        cairo_select_font_face(cr, f, CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
}

double
ov__text_width(cairo_t *meas, const char *s, double size)
{
    cairo_text_extents_t e;
    font_for(meas, size, s);
    cairo_text_extents(meas, s, &e);
    return e.x_advance;
}

_Thread_local ov__textlog *ov__text_log;

/* Records the device box of the ink of @p s as ov__text() places it. */
static void
log_text(ov__pen *pn, const char *s, double x, double y, double size,
         double ang, double ha)
{
    ov__textlog *lg = ov__text_log;
    cairo_t *cr = pn->cr;
    cairo_text_extents_t e;
    cairo_save(cr);
    font_for(cr, size, s);
    cairo_text_extents(cr, s, &e);
    cairo_translate(cr, x, y);
    if (ang != 0.0)
        cairo_rotate(cr, ang);
    cairo_translate(cr, -ha * e.x_advance, OV__VCENTER * size);
    ov__box b = ov__box_empty();
    for (int c = 0; c < 4; c++) {
        double px = e.x_bearing + ((c & 1) ? e.width : 0.0);
        double py = e.y_bearing + ((c & 2) ? e.height : 0.0);
        cairo_user_to_device(cr, &px, &py);
        ov__box_add(&b, px, py, 0.0);
    }
    cairo_restore(cr);
    if (lg->n < lg->cap) {
        ov__text_rec *r = &lg->rec[lg->n];
        r->box = b;
        r->size = size;
        snprintf(r->s, sizeof r->s, "%s", s);
    }
    lg->n++;
}

void
ov__text(ov__pen *pn, const char *s, double x, double y, double size,
         double ang, double ha, uint32_t color, double alpha)
{
    if (!*s)
        return;
    if (ov__text_log)
        log_text(pn, s, x, y, size, ang, ha);
    if (pn->svg) {
        ov__strbuf *b = pn->svg;
        const char *anchor = ha < 0.25 ? "start" : ha > 0.75 ? "end" : "middle";
        ov__sb_printf(b, "<text x=\"0\" y=\"%.2f\" "
                      "transform=\"translate(%.2f %.2f)",
                      OV__VCENTER * size, x, y);
        if (ang != 0.0)
            ov__sb_printf(b, " rotate(%.2f)", ang * 180.0 / M_PI);
        ov__sb_printf(b, "\" font-family=\"%s\" font-size=\"%.2f\" "
                      "text-anchor=\"%s\" fill=\"#%06X\"", OV__FONT, size,
                      anchor, (unsigned)color);
        if (alpha < 1.0)
            ov__sb_printf(b, " fill-opacity=\"%.3f\"", alpha);
        ov__sb_append(b, ">", 1);
        ov__sb_xml(b, s);
        ov__sb_append(b, "</text>\n", 8);
        return;
    }
    cairo_t *cr = pn->cr;
    double w = ha != 0.0 ? ov__text_width(cr, s, size) : 0.0;
    cairo_save(cr);
    font_for(cr, size, s);
    cairo_translate(cr, x, y);
    if (ang != 0.0)
        cairo_rotate(cr, ang);
    cairo_move_to(cr, -ha * w, OV__VCENTER * size);
    ov__set_rgb(cr, color, alpha);
    cairo_show_text(cr, s);
    cairo_restore(cr);
}

double
ov__text_ellipsize(cairo_t *meas, const char *s, double size, double maxw,
                   char *out, size_t cap)
{
    if (cap == 0)
        return 0.0;
    snprintf(out, cap, "%s", s);
    double w = ov__text_width(meas, out, size);
    if (w <= maxw)
        return w;
    /* The longest prefix (whole UTF-8 characters, trailing spaces cut)
     * that fits with the ellipsis, by bisection on the byte length. */
    size_t n = strlen(out), lo = 0, hi = n;
    char buf[512];
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        while (mid > 0 && ((unsigned char)out[mid] & 0xC0) == 0x80)
            mid--;
        if (mid <= lo) {
            hi = lo;
            break;
        }
        snprintf(buf, sizeof buf, "%.*s\u2026", (int)mid, out);
        if (ov__text_width(meas, buf, size) <= maxw)
            lo = mid;
        else
            hi = mid - 1;
    }
    while (lo > 0 && ((unsigned char)out[lo] & 0xC0) == 0x80)
        lo--;
    while (lo > 0 && out[lo - 1] == ' ')
        lo--;
    snprintf(buf, sizeof buf, "%.*s\u2026", (int)lo, out);
    snprintf(out, cap, "%s", buf);
    return ov__text_width(meas, out, size);
}

ov__box
ov__text_box(cairo_t *meas, const char *s, double x, double y, double size,
             double ha)
{
    double w = ov__text_width(meas, s, size);
    ov__box b = { x - ha * w - 2.0, y - 0.75 * size, x + (1.0 - ha) * w + 2.0,
                  y + 0.6 * size };
    return b;
}

/* ---- markers ------------------------------------------------------------- */

void
ov__stroke_cased(cairo_t *cr, uint32_t color, double width, uint32_t edge,
                 double outer)
{
    ov__set_rgb(cr, edge, 1.0);
    cairo_set_line_width(cr, outer);
    cairo_stroke_preserve(cr);
    ov__set_rgb(cr, color, 1.0);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
}

void
ov__circle(cairo_t *cr, double x, double y, double r, uint32_t fill,
           uint32_t edge, double lw)
{
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r, 0.0, 2.0 * M_PI);
    ov__set_rgb(cr, fill, 1.0);
    if (lw > 0.0) {
        cairo_fill_preserve(cr);
        ov__set_rgb(cr, edge, 1.0);
        cairo_set_line_width(cr, lw);
        cairo_stroke(cr);
    } else {
        cairo_fill(cr);
    }
}

void
ov__star_path(cairo_t *cr, double x, double y, double r)
{
    cairo_new_path(cr);
    for (int k = 0; k < 10; k++) {
        double rr = (k & 1) ? r * 0.45 : r;
        double a = -M_PI / 2.0 + k * M_PI / 5.0;
        if (k == 0)
            cairo_move_to(cr, x + rr * cos(a), y + rr * sin(a));
        else
            cairo_line_to(cr, x + rr * cos(a), y + rr * sin(a));
    }
    cairo_close_path(cr);
}

void
ov__star(cairo_t *cr, double x, double y, double r, double s)
{
    ov__star_path(cr, x, y, r);
    ov__set_rgb(cr, OV__WHITE, 1.0);
    cairo_fill_preserve(cr);
    ov__set_rgb(cr, OV__BLACK, 1.0);
    cairo_set_line_width(cr, 1.2 * s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
}

/* The head's triangle as the current path, @p wf of its length wide on
 * each side; 0 when the direction is undefined. */
static int
head_path(cairo_t *cr, double xa, double ya, double xb, double yb,
          double size, double wf)
{
    double dx = xb - xa, dy = yb - ya, len = hypot(dx, dy);
    if (!(len > 0.0))
        return 0;
    dx /= len;
    dy /= len;
    double bx = xb - dx * size, by = yb - dy * size;
    double w = size * wf;
    cairo_new_path(cr);
    cairo_move_to(cr, xb, yb);
    cairo_line_to(cr, bx - dy * w, by + dx * w);
    cairo_line_to(cr, bx + dy * w, by - dx * w);
    cairo_close_path(cr);
    return 1;
}

void
ov__arrow_head_cased(cairo_t *cr, double xa, double ya, double xb, double yb,
                     double size, uint32_t fill, uint32_t edge, double lw)
{
    if (!head_path(cr, xa, ya, xb, yb, size, 0.5))
        return;
    ov__set_rgb(cr, fill, 1.0);
    cairo_fill_preserve(cr);
    ov__set_rgb(cr, edge, 1.0);
    cairo_set_line_width(cr, lw);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

void
ov__arrow_head(cairo_t *cr, double xa, double ya, double xb, double yb,
               double size)
{
    if (head_path(cr, xa, ya, xb, yb, size, 0.45))
        cairo_fill(cr);
}

/* ---- colours ------------------------------------------------------------ */

static const ov__theme_colors light = { 0xFFFFFF, 0x000000, 0x000000, 0xFFFFFF,
                                        0xCCCCCC, 0x000000, 0xDDDDDD, 0xF2F2F2,
                                        0.8, 0.5 };
static const ov__theme_colors dark = { 0x1C1C1C, 0xE6E6E6, 0xBFBFBF, 0x262626,
                                       0x595959, 0x000000, 0x3A3A3A, 0x262626,
                                       0.85, 0.5 };

const ov__theme_colors *
ov__theme(ov_theme t)
{
    return t == OV_THEME_DARK ? &dark : &light;
}

static const uint32_t extra_color[] = {
    0xFF7F0E, 0x17BECF, 0xE377C2, 0xBCBD22,
    0x9EDAE5, 0xFFBB78, 0xC5B0D5, 0x98DF8A,
};

void
ov__series_colors(const ov_trajectory *const *trajs, size_t n,
                  const ov_figure_spec *spec, uint32_t *out)
{
    int used[OV_ALGO_COUNT] = { 0 };
    size_t extra = 0;
    for (size_t i = 0; i < n; i++) {
        int a = (int)trajs[i]->config.algo;
        if (spec->has_color[i]) {
            out[i] = spec->color[i] & 0xFFFFFF;
        } else if (a >= 0 && a < OV_ALGO_COUNT && !used[a]) {
            /* Each algorithm's own colour (its row in the library's
             * table) for its first series. */
            out[i] = ov_algo_color((ov_algo)a);
            used[a] = 1;
        } else {
            out[i] = extra_color[extra++ % (sizeof extra_color /
                                            sizeof extra_color[0])];
        }
    }
}

/* A label the tool made: the algorithm's name (numbered "-N" when it
 * repeats) or settings ("momentum=0.9").  Any other is the user's. */
int
ov__label_is_automatic(const ov_trajectory *t)
{
    const char *name = ov_algo_name(t->config.algo);
    size_t n = name ? strlen(name) : 0;
    if (strchr(t->label, '='))
        return 1;
    if (n == 0 || strncmp(t->label, name, n) != 0)
        return 0;
    const char *rest = t->label + n;
    if (*rest == '\0')
        return 1;
    if (*rest++ != '-' || !*rest)
        return 0;
    return strspn(rest, "0123456789") == strlen(rest);
}

void
ov__series_label(const ov_trajectory *t, char *out, size_t size)
{
    char lab[80], lr[32];
    ov__clean_utf8(lab, sizeof lab, t->label);
    snprintf(lr, sizeof lr, "%g", t->config.lr);
    /* The tool names an lr sweep "gd lr=0.1"; do not say it twice.  An
     * imported run may have no lr.  A user's label= is shown as given, in
     * every view. */
    if (strstr(lab, "lr=") != NULL || !isfinite(t->config.lr) ||
        !ov__label_is_automatic(t))
        snprintf(out, size, "%s", lab);
    else
        snprintf(out, size, "%s (lr=%s)", lab, lr);
}

uint32_t
ov__mix(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
        double ca = (a >> sh) & 0xFF, cb = (b >> sh) & 0xFF;
        long v = lround(ca + (cb - ca) * t);
        v = v < 0 ? 0 : v > 255 ? 255 : v;
        out |= (uint32_t)v << sh;
    }
    return out;
}

double
ov__luminance(uint32_t c)
{
    return 0.299 * ((c >> 16) & 0xFF) + 0.587 * ((c >> 8) & 0xFF) +
           0.114 * (c & 0xFF);
}

/* ---- z scale ----------------------------------------------------------- */

int
ov__edge_mark(ov__box lim, double inset, double x, double y, double *ex,
              double *ey, double *ux, double *uy)
{
    if (x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1)
        return 0;
    double cx = 0.5 * (lim.x0 + lim.x1), cy = 0.5 * (lim.y0 + lim.y1);
    double dx = x - cx, dy = y - cy;
    if (!isfinite(dx) || !isfinite(dy) || (dx == 0.0 && dy == 0.0))
        return 0;
    /* From the centre towards the point, to the inset box. */
    double hx = 0.5 * (lim.x1 - lim.x0) - inset,
           hy = 0.5 * (lim.y1 - lim.y0) - inset;
    double t = fmin(dx != 0.0 ? hx / fabs(dx) : INFINITY,
                    dy != 0.0 ? hy / fabs(dy) : INFINITY);
    double d = hypot(dx, dy);
    *ex = cx + dx * t;
    *ey = cy + dy * t;
    *ux = dx / d;
    *uy = dy / d;
    return 1;
}

void
ov__edge_triangle(cairo_t *cr, double ex, double ey, double ux, double uy,
                  double a, uint32_t fill, uint32_t edge, double lw)
{
    cairo_new_path(cr);
    cairo_move_to(cr, ex + a * ux, ey + a * uy);
    cairo_line_to(cr, ex - 0.6 * a * ux - 0.7 * a * uy,
                  ey - 0.6 * a * uy + 0.7 * a * ux);
    cairo_line_to(cr, ex - 0.6 * a * ux + 0.7 * a * uy,
                  ey - 0.6 * a * uy - 0.7 * a * ux);
    cairo_close_path(cr);
    ov__set_rgb(cr, fill, 1.0);
    cairo_fill_preserve(cr);
    ov__set_rgb(cr, edge, 1.0);
    cairo_set_line_width(cr, lw);
    cairo_stroke(cr);
}

/* WCAG 2.1's relative luminance of an sRGB colour. */
static double
luminance(uint32_t c)
{
    double l = 0.0;
    static const double w[3] = { 0.2126, 0.7152, 0.0722 };
    for (int k = 0; k < 3; k++) {
        double v = ((c >> (16 - 8 * k)) & 0xFF) / 255.0;
        v = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
        l += w[k] * v;
    }
    return l;
}

double
ov__contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

double
ov__z_of(const ov__zmap *m, double f)
{
    double v = f - m->shift;
    switch (m->kind) {
    case OV_ZSCALE_SQRT:
        return sqrt(v > 0.0 ? v : 0.0);
    case OV_ZSCALE_LOG:
        return log10(v > m->floor ? v : m->floor);
    default:
        return f;
    }
}

double
ov__f_of(const ov__zmap *m, double z)
{
    switch (m->kind) {
    case OV_ZSCALE_SQRT:
        return z * z + m->shift;
    case OV_ZSCALE_LOG:
        return pow(10.0, z) + m->shift;
    default:
        return z;
    }
}

double
ov__seg_dist(double px, double py, double xa, double ya, double xb, double yb)
{
    double vx = xb - xa, vy = yb - ya, l2 = vx * vx + vy * vy;
    double t = l2 > 0.0 ? ((px - xa) * vx + (py - ya) * vy) / l2 : 0.0;
    t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
    return hypot(px - xa - t * vx, py - ya - t * vy);
}

double
ov__box_seg_dist(ov__box r, double xa, double ya, double xb, double yb)
{
    double cx[2] = { xa, xb }, cy[2] = { ya, yb };
    if (ov__clip_segment(r, &cx[0], &cy[0], &cx[1], &cy[1]))
        return 0.0;
    /* Apart: the nearest pair is a corner of the box and the segment, or
     * an end of the segment and the box. */
    double d = INFINITY;
    double bx[2] = { r.x0, r.x1 }, by[2] = { r.y0, r.y1 };
    for (int c = 0; c < 4; c++)
        d = fmin(d, ov__seg_dist(bx[c & 1], by[c >> 1], xa, ya, xb, yb));
    double ex[2] = { xa, xb }, ey[2] = { ya, yb };
    for (int e = 0; e < 2; e++) {
        double dx = fmax(fmax(r.x0 - ex[e], ex[e] - r.x1), 0.0);
        double dy = fmax(fmax(r.y0 - ey[e], ey[e] - r.y1), 0.0);
        d = fmin(d, hypot(dx, dy));
    }
    return d;
}

int
ov__clip_segment(ov__box r, double *xa, double *ya, double *xb, double *yb)
{
    double t0 = 0.0, t1 = 1.0, dx = *xb - *xa, dy = *yb - *ya;
    double p[4] = { -dx, dx, -dy, dy };
    double q[4] = { *xa - r.x0, r.x1 - *xa, *ya - r.y0, r.y1 - *ya };
    if (!isfinite(dx) || !isfinite(dy))
        return 0;
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0)
                return 0;
        } else {
            double t = q[i] / p[i];
            if (p[i] < 0.0) {
                if (t > t1) return 0;
                if (t > t0) t0 = t;
            } else {
                if (t < t0) return 0;
                if (t < t1) t1 = t;
            }
        }
    }
    double ax = *xa, ay = *ya;
    *xa = ax + t0 * dx;
    *ya = ay + t0 * dy;
    *xb = ax + t1 * dx;
    *yb = ay + t1 * dy;
    return 1;
}

void
ov__set_err(ov_error *err, ov_status st, const char *what)
{
    if (!err)
        return;
    err->status = st;
    err->line = 0;
    err->column = 0;
    snprintf(err->what, sizeof err->what, "%s", what ? what : "");
}

void
ov__colors_add(uint32_t *out, size_t cap, size_t *n, uint32_t c)
{
    c &= 0xFFFFFF;
    for (size_t k = 0; k < *n && k < cap; k++)
        if (out[k] == c)
            return;
    if (*n < cap)
        out[(*n)++] = c;
}

void
ov__rounded_box(cairo_t *cr, const ov__box *b, double rad, uint32_t fill,
                double alpha, uint32_t edge, double lw)
{
    cairo_new_path(cr);
    cairo_arc(cr, b->x0 + rad, b->y0 + rad, rad, M_PI, 1.5 * M_PI);
    cairo_arc(cr, b->x1 - rad, b->y0 + rad, rad, 1.5 * M_PI, 2.0 * M_PI);
    cairo_arc(cr, b->x1 - rad, b->y1 - rad, rad, 0.0, 0.5 * M_PI);
    cairo_arc(cr, b->x0 + rad, b->y1 - rad, rad, 0.5 * M_PI, M_PI);
    cairo_close_path(cr);
    ov__set_rgb(cr, fill, alpha);
    cairo_fill_preserve(cr);
    ov__set_rgb(cr, edge, 1.0);
    cairo_set_line_width(cr, lw);
    cairo_stroke(cr);
}

void
ov__set_dash(cairo_t *cr, ov__dash d, double s, double offset)
{
    /* Long enough to read at a glance, short enough that a legend sample
     * (2.2 font sizes) shows more than one period. */
    double dashed[2] = { 6.0 * s, 3.0 * s }, dotted[2] = { 1.5 * s, 2.5 * s };
    if (d == OV__DASHED)
        cairo_set_dash(cr, dashed, 2, offset);
    else if (d == OV__DOTTED)
        cairo_set_dash(cr, dotted, 2, offset);
    else
        cairo_set_dash(cr, NULL, 0, 0.0);
}

long
ov__frame_step(long step, long last, long drawn)
{
    /* Frames only move forward: a step before the one drawn shows the
     * drawn one again (the trails layer cannot be undone). */
    if (step > last)
        step = last;
    if (step < drawn)
        step = drawn;
    return step < 0 ? 0 : step;
}
