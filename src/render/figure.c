/*
 * figure.c: the figure API (figure.h): one view, or a composition of views.
 *
 * A plain figure is one view (view.h: a table of functions each view
 * implements, driven by the one frame pipeline of frame.c); the view is
 * picked from a table by the spec's view.  --layout grid and --panel loss
 * make a composite: each cell is a figure of its own, laid out at an
 * offset; a frame brings every cell to the step and copies only the cells'
 * dirty rectangles into the composite image, so the composite costs little
 * more than its cells.  On vector surfaces each cell is drawn translated
 * and clipped, its SVG text wrapped in a translated group.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optviz/loss.h"
#include "alloc_private.h"
#include "colormap.h"
#include "figure.h"
#include "sink_private.h"
#include "view.h"
#include "frame.h"
#include "colorbar.h"
#include "rects.h"

#define MAX_CELLS (OV_MAX_SERIES + 1)

typedef struct cell {
    ov__figure *sc;
    int x, y, w, h;
} cell;

struct ov__figure {
    ov__view *v;                 /* a plain figure's view, else NULL */
    /* composite */
    int W, H, raster;
    uint32_t bgc;
    size_t n;
    int grid;
    uint32_t col[OV_MAX_SERIES];
    size_t ncell;
    cell cells[MAX_CELLS];
    cairo_surface_t *surf;
    ov_image img;
    long last_step, drawn;
    /* A grid's own decoration: one title above the cells and one colorbar
     * at their right (the cells share limits, hence one colour scale;
     * cell 0's bands are shown). */
    double unit;                 /* the type scale every part is given */
    double s, fs_tick, fs_label, fs_title;
    ov__theme_colors tc;
    char title[256];
    double title_x, title_y;
    ov__colorbar cb;             /* cb.w <= 0: none */
    char cbname[96];
    cairo_surface_t *scratch;
    cairo_t *meas;
};

/* The views by ov_view. */
static const ov__view_class *const view_classes[] = {
    [OV_VIEW_CONTOUR] = &ov__contour_class,
    [OV_VIEW_SURFACE] = &ov__surface_class,
    [OV_VIEW_CURVE] = &ov__curve_class,
    [OV_VIEW_HISTORY] = &ov__history_class,
    [OV_VIEW_RESPONSE] = &ov__response_class,
    [OV_VIEW_SENSITIVITY] = &ov__sensitivity_class,
};

/* The view a figure of @p loss shows for @p spec; NULL: none. */
static const ov__view_class *
resolve_view(const ov_loss *loss, const ov_figure_spec *spec)
{
    ov_view id = spec->view;
    if (id == OV_VIEW_AUTO)
        id = ov_loss_dim(loss) == 1 ? OV_VIEW_CURVE : OV_VIEW_CONTOUR;
    if ((unsigned)id >= sizeof view_classes / sizeof view_classes[0])
        return NULL;
    return view_classes[id];
}

static ov_status
create_view(ov__figure **out, const ov__view_class *cls, const ov_loss *loss,
            const ov_trajectory *const *trajs, size_t n,
            const ov_figure_spec *spec, int raster, ov_error *err)
{
    if (!cls) {
        ov__set_err(err, OV_ERR_UNSUPPORTED, "view");
        return OV_ERR_UNSUPPORTED;
    }
    /* Only the contour view has x and y in one unit; elsewhere equal
     * aspect would mean nothing, and says so rather than being ignored. */
    if (spec->aspect == OV_ASPECT_EQUAL && cls != &ov__contour_class) {
        ov__set_err(err, OV_ERR_UNSUPPORTED, "--aspect equal applies to the "
                    "contour view only (x and y in one unit)");
        return OV_ERR_UNSUPPORTED;
    }
    ov__figure *sc = ov__calloc(1, sizeof *sc);
    if (!sc)
        return OV_ERR_NOMEM;
    ov_status st = cls->create(&sc->v, loss, trajs, n, spec, raster, err);
    if (st) {
        ov__free(sc);
        return st;
    }
    *out = sc;
    return OV_OK;
}

static ov_status
create_plain(ov__figure **out, const ov_loss *loss,
             const ov_trajectory *const *trajs, size_t n,
             const ov_figure_spec *spec, int raster, ov_error *err)
{
    return create_view(out, resolve_view(loss, spec), loss, trajs, n, spec,
                       raster, err);
}

/* The colour scale of a contour or surface cell: its z map, nb + 1
 * boundaries, nb colours and the loss's name; @return nb (0: none). */
static size_t
cell_scale(const ov__figure *c, const ov__zmap **m, const double **bound,
           const uint32_t **band, const char **zname)
{
    if (!c->v || !c->v->cls->scale)
        return 0;
    return c->v->cls->scale(c->v, m, bound, band, zname);
}

/* The type scale of a composite whose main part (a plain view, or one
 * grid cell) is @p w x @p h pixels: the user's, else that part's. */
static double
part_unit(const ov_figure_spec *spec, double w, double h)
{
    double k = ov__type_px_per_pt(spec);
    return spec->text_scale > 0.0 ? spec->text_scale
                                  : ov__type_unit(w / k, h / k);
}

/* The figure's own text sizes (its title, a grid's colour bar) at the
 * type scale @p unit, which its parts get too. */
static void
set_type(ov__figure *sc, const ov_figure_spec *spec, double unit)
{
    ov_figure_spec ts = *spec;
    ov__type ty;
    ts.text_scale = unit;
    ov__type_of(&ty, &ts);
    sc->unit = unit;
    sc->s = ty.s;
    sc->fs_tick = ty.tick;
    sc->fs_label = ty.label;
    sc->fs_title = ty.title;
}

/* The grid's text: the type scale of its cells of @p cw x @p ch, which
 * each cell is given, so the grid's title and colour bar match them. */
static void
grid_text(ov__figure *sc, const ov_figure_spec *spec, double cw, double ch)
{
    double k = ov__type_px_per_pt(spec);
    set_type(sc, spec,
             spec->text_scale > 0.0
             ? spec->text_scale
             : ov__type_unit_cell(cw / k, ch / k, spec->width / k,
                                  spec->height / k));
}

/* The grid colorbar's top and height (cb.y, cb.h): from the top of the
 * first row's plots to the bottom of the last row's, as cell 0 (made) has
 * them. */
static void
grid_colorbar_span(ov__figure *sc, int top, int H, size_t rows, int ch)
{
    int x, y, w, h;
    ov__figure_plot_area(sc->cells[0].sc, &x, &y, &w, &h);
    double y0 = top + y, y1 = top + (double)(rows - 1) * ch + y + h;
    y0 = fmax(y0, top + 4.0 * sc->s);
    y1 = fmin(y1, H - 6.0 * sc->s);
    if (h <= 0 || !(y1 - y0 > 4.0 * sc->fs_tick)) {
        y0 = top + 0.1 * (H - top);
        y1 = top + 0.9 * (H - top);
    }
    sc->cb.y = round(y0);
    sc->cb.h = round(y1) - sc->cb.y;
}

/* Ticks of the grid's colorbar (cb.y, cb.h set) and the width it takes
 * with its labels and name, margins included. */
static double
grid_colorbar_ticks(ov__figure *sc)
{
    const ov__zmap *m;
    const double *bound;
    const uint32_t *band;
    const char *zname;
    size_t nb = cell_scale(sc->cells[0].sc, &m, &bound, &band, &zname);
    if (nb == 0)
        return 0.0;
    ov__colorbar_name_map(sc->cbname, sizeof sc->cbname, zname, m);
    ov__colorbar_ticks(&sc->cb, bound, nb, m, sc->fs_tick);
    double maxw = ov__colorbar_label_width(&sc->cb, sc->meas, sc->fs_tick);
    return ceil(10.0 * sc->s + sc->cb.w + 7.0 * sc->s + maxw + 6.0 * sc->s +
                1.1 * sc->fs_label + 8.0 * sc->s);
}

/* Cells [from, to) of a grid of @p cols columns, each cw x ch, below
 * @p top. */
static ov_status
grid_cells(ov__figure *sc, const ov_loss *loss,
           const ov_trajectory *const *trajs, const ov_figure_spec *spec,
           ov_figure_spec *cs, size_t cols, int top, int cw, int ch,
           size_t from, size_t to, int raster, ov_error *err)
{
    ov_status st = OV_OK;
    cs->width = cw;
    cs->height = ch;
    cs->text_scale = sc->unit;
    cs->layout_grid = OV__GRID_CELL;
    for (size_t i = from; i < to && !st; i++) {
        char title[256];
        ov__series_label(trajs[i], title, sizeof title);
        cs->title = title;
        /* A cell shows one run: the user's colour for it, else the
         * view's own (the curve view's red arrows of seed 004). */
        memset(cs->has_color, 0, sizeof cs->has_color);
        cs->has_color[0] = spec->has_color[i];
        cs->color[0] = spec->color[i];
        memset(cs->points_only, 0, sizeof cs->points_only);
        cs->points_only[0] = spec->points_only[i];
        cell *c = &sc->cells[sc->ncell];
        c->x = (int)(i % cols) * cw;
        c->y = top + (int)(i / cols) * ch;
        c->w = cw;
        c->h = ch;
        st = create_plain(&c->sc, loss, &trajs[i], 1, cs, raster, err);
        if (!st)
            sc->ncell++;
    }
    return st;
}

/*
 * --layout grid: one cell per run, titled by its label, under one figure
 * title (the user's, else the loss's name; a response grid only with the
 * user's) and, for contour and surface cells, beside one colorbar (unless
 * --no-colorbar).  The colorbar's width depends on its labels, which come
 * from a cell's bands: the first cell is made with a guess and made again
 * when the guess was wrong.
 */
static ov_status
create_grid(ov__figure *sc, const ov_loss *loss,
            const ov_trajectory *const *trajs, size_t n,
            const ov_figure_spec *spec, int raster, int mainw, ov_error *err)
{
    int W = spec->width, H = spec->height;
    size_t cols = n <= 3 ? n : (size_t)ceil(sqrt((double)n));
    size_t rows = (n + cols - 1) / cols;
    sc->grid = 1;
    /* The title and colorbar take the cells' type scale (set once the
     * cells' size is known), so they match the cells beside them; the
     * first guess is the whole figure's. */
    set_type(sc, spec, part_unit(spec, W, H));
    double s = sc->s;
    sc->tc = *ov__theme(spec->theme);
    sc->scratch = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
    sc->meas = cairo_create(sc->scratch);
    if (cairo_status(sc->meas))
        return OV_ERR_NOMEM;
    const ov__view_class *view = resolve_view(loss, spec);
    if (!view) {
        ov__set_err(err, OV_ERR_UNSUPPORTED, "view");
        return OV_ERR_UNSUPPORTED;
    }
    /* A response grid shows signals, not the loss: no loss name. */
    if (spec->title && spec->title[0])
        ov__clean_utf8(sc->title, sizeof sc->title, spec->title);
    else if (view != &ov__response_class && ov_loss_name(loss))
        ov__clean_utf8(sc->title, sizeof sc->title, ov_loss_name(loss));
    int scale = spec->colorbar && view->scale;
    /* A first guess of the cells' size sets their text scale: the title
     * band and the colorbar's width depend on it, the cells' width on the
     * colorbar's. */
    int top = sc->title[0] ? (int)ceil(8.0 * s + 1.25 * sc->fs_title) : 0;
    int right = scale ? (int)ceil(round(16.0 * s) + 90.0 * s) : 0;
    grid_text(sc, spec, (double)(mainw - right) / (double)cols,
              (double)(H - top) / (double)rows);
    top = 0;
    if (sc->title[0]) {
        top = (int)ceil(8.0 * sc->s + 1.25 * sc->fs_title);
        sc->title_y = 5.0 * sc->s + 0.6 * sc->fs_title;
    }
    if (scale) {
        sc->cb.w = round(16.0 * sc->s);
        right = (int)ceil(sc->cb.w + 90.0 * sc->s);
    }
    ov_figure_spec cs = *spec;
    cs.panel_loss = 0;
    cs.layout_grid = 0;
    cs.colorbar = 0;
    ov_status st = view->grid_limits
                   ? view->grid_limits(&cs, loss, trajs, n, spec, err)
                   : OV_OK;
    int cw = (mainw - right) / (int)cols, ch = (H - top) / (int)rows;
    if (cw < 1 || ch < 1) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "size too small for the grid");
        return OV_ERR_INVALID_ARG;
    }
    if (!st)
        st = grid_cells(sc, loss, trajs, spec, &cs, cols, top, cw, ch, 0, 1,
                        raster, err);
    /* The colorbar spans the rows' plots (every cell's plot area is the
     * first one's), so its ticks, and so its width, are measured on the
     * height it will have; a few tries settle the width. */
    for (int tries = 0; !st && scale && tries < 3; tries++) {
        grid_colorbar_span(sc, top, H, rows, ch);
        int need = (int)grid_colorbar_ticks(sc);
        if (need <= right && (tries > 0 || need == right))
            break;
        ov__figure_destroy(sc->cells[0].sc);
        sc->ncell = 0;
        right = need;
        cw = (mainw - right) / (int)cols;
        if (cw < 1) {
            ov__set_err(err, OV_ERR_INVALID_ARG,
                        "size too small for the grid");
            return OV_ERR_INVALID_ARG;
        }
        /* The cells' final size may change their type scale, and the
         * grid's title takes it too (one title size in the figure); the
         * title band above them, already laid out, has room for the few
         * per cent it may grow. */
        grid_text(sc, spec, cw, ch);
        st = grid_cells(sc, loss, trajs, spec, &cs, cols, top, cw, ch, 0, 1,
                        raster, err);
    }
    if (!st)
        st = grid_cells(sc, loss, trajs, spec, &cs, cols, top, cw, ch, 1, n,
                        raster, err);
    if (st)
        return st;
    sc->title_x = 0.5 * cw * (double)cols;
    if (sc->title[0]) {
        /* Inside the image: shortened to its width less the margins,
         * moved in from an edge. */
        double m = 6.0 * sc->s;
        char buf[sizeof sc->title];
        double w = ov__text_ellipsize(sc->meas, sc->title, sc->fs_title,
                                      sc->W - 2.0 * m, buf, sizeof buf);
        memcpy(sc->title, buf, sizeof buf);
        sc->title_x = fmin(fmax(sc->title_x, m + 0.5 * w),
                           sc->W - m - 0.5 * w);
    }
    if (scale) {
        grid_colorbar_span(sc, top, H, rows, ch);
        sc->cb.x = cw * (double)cols + round(10.0 * sc->s);
        grid_colorbar_ticks(sc);
    }
    return OV_OK;
}

/* The grid's title and colorbar, on a background already painted. */
static void
draw_decor(const ov__figure *sc, ov__pen *pn)
{
    if (sc->title[0])
        ov__text(pn, sc->title, sc->title_x, sc->title_y, sc->fs_title, 0.0,
                 0.5, sc->tc.text, 1.0);
    if (sc->cb.w <= 0.0 || sc->ncell == 0)
        return;
    const ov__zmap *m;
    const double *bound;
    const uint32_t *band;
    const char *zname;
    size_t nb = cell_scale(sc->cells[0].sc, &m, &bound, &band, &zname);
    if (nb == 0)
        return;
    ov__cb_style st = { sc->s, sc->fs_tick, sc->fs_label, &sc->tc, sc->meas,
                        0 };
    ov__colorbar_draw(&sc->cb, pn, bound, band, nb, sc->cbname, &st);
}

static ov_status
create_composite(ov__figure **out, const ov_loss *loss,
                 const ov_trajectory *const *trajs, size_t n,
                 const ov_figure_spec *spec, int raster, ov_error *err)
{
    ov__figure *sc = ov__calloc(1, sizeof *sc);
    if (!sc)
        return OV_ERR_NOMEM;
    sc->W = spec->width;
    sc->H = spec->height;
    sc->raster = raster == 1;
    sc->drawn = -1;
    sc->bgc = ov__theme(spec->theme)->bg;
    ov_status st = OV_OK;
    int W = spec->width, H = spec->height;
    /* The loss panel takes the right third (a column beside a grid). */
    int mainw = spec->panel_loss ? (int)lround(W * 0.62) : W;
    uint32_t *col = sc->col;
    sc->n = n;
    ov__series_colors(trajs, n, spec, col);
    if (spec->layout_grid && n > 0) {
        st = create_grid(sc, loss, trajs, n, spec, raster, mainw, err);
    } else {
        ov_figure_spec cs = *spec;
        cs.panel_loss = 0;
        cs.layout_grid = 0;
        cs.width = mainw;
        /* The view sets the type scale the panel shares. */
        sc->unit = cs.text_scale = part_unit(spec, mainw, H);
        cell *c = &sc->cells[0];
        c->w = mainw;
        c->h = H;
        st = create_plain(&c->sc, loss, trajs, n, &cs, raster, err);
        if (!st)
            sc->ncell++;
    }
    if (!st && spec->panel_loss) {
        ov_figure_spec ps = *spec;
        ps.panel_loss = 0;
        ps.layout_grid = 0;
        ps.width = W - mainw;
        ps.title = NULL;
        ps.text_scale = sc->unit;
        ps.aspect = OV_ASPECT_AUTO;   /* steps against loss: two units */
        memcpy(ps.color, col, sizeof ps.color);
        for (size_t i = 0; i < OV_MAX_SERIES; i++)
            ps.has_color[i] = i < n;
        cell *c = &sc->cells[sc->ncell];
        c->x = mainw;
        c->w = W - mainw;
        c->h = H;
        st = create_view(&c->sc, &ov__loss_panel_class, loss, trajs, n, &ps,
                         raster, err);
        if (!st)
            sc->ncell++;
    }
    for (size_t i = 0; i < sc->ncell && !st; i++) {
        long l = ov__figure_last_step(sc->cells[i].sc);
        if (l > sc->last_step)
            sc->last_step = l;
    }
    if (!st && raster == 1) {
        sc->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
        if (cairo_surface_status(sc->surf))
            st = OV_ERR_NOMEM;
        else {
            sc->img.width = W;
            sc->img.height = H;
            sc->img.stride = (size_t)cairo_image_surface_get_stride(sc->surf);
            sc->img.px = (uint32_t *)cairo_image_surface_get_data(sc->surf);
        }
    }
    if (st) {
        ov__figure_destroy(sc);
        return st;
    }
    *out = sc;
    return OV_OK;
}

static ov_status
check_common(const ov_loss *loss, const ov_trajectory *const *trajs, size_t n,
             const ov_figure_spec *spec, ov_error *err)
{
    if (!spec || !loss || (n && !trajs)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "");
        return OV_ERR_INVALID_ARG;
    }
    if (spec->width < 64 || spec->height < 48) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "size too small for the figure "
                    "(a view or grid cell needs 64x48)");
        return OV_ERR_INVALID_ARG;
    }
    if ((double)spec->width * spec->height > (double)OV_MAX_PIXELS ||
        spec->width > 32767 || spec->height > 32767) {
        ov__set_err(err, OV_ERR_TOO_LARGE, "size");
        return OV_ERR_TOO_LARGE;
    }
    if (!(spec->dpi == 0.0 || (spec->dpi >= 1.0 && spec->dpi <= 100000.0))) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "dpi");
        return OV_ERR_INVALID_ARG;
    }
    if (!(spec->text_scale >= 0.0 && spec->text_scale <= 100.0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "text_scale");
        return OV_ERR_INVALID_ARG;
    }
    if (spec->aspect != OV_ASPECT_AUTO && spec->aspect != OV_ASPECT_EQUAL) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "aspect");
        return OV_ERR_INVALID_ARG;
    }
    if (n > OV_MAX_SERIES) {
        ov__set_err(err, OV_ERR_TOO_LARGE, "optimizers");
        return OV_ERR_TOO_LARGE;
    }
    for (size_t i = 0; i < n; i++) {
        if (!trajs[i] || trajs[i]->n_rows < 1 || !trajs[i]->rows) {
            ov__set_err(err, OV_ERR_INVALID_ARG, "trajectory");
            return OV_ERR_INVALID_ARG;
        }
    }
    if (ov__colormap_find(spec->colormap ? spec->colormap : "viridis") < 0) {
        ov__set_err(err, OV_ERR_NOT_FOUND, spec->colormap);
        return OV_ERR_NOT_FOUND;
    }
    return OV_OK;
}

static ov_status
create_any(ov__figure **out, const ov_loss *loss,
           const ov_trajectory *const *trajs, size_t n,
           const ov_figure_spec *spec, int raster, ov_error *err)
{
    *out = NULL;
    ov_status st = check_common(loss, trajs, n, spec, err);
    if (st)
        return st;
    if (spec->panel_loss && spec->view == OV_VIEW_RESPONSE) {
        ov__set_err(err, OV_ERR_UNSUPPORTED,
                    "the response view has no loss for a loss panel");
        return OV_ERR_UNSUPPORTED;
    }
    if ((spec->panel_loss || spec->layout_grid)
        && spec->view == OV_VIEW_SENSITIVITY) {
        ov__set_err(err, OV_ERR_UNSUPPORTED,
                    "the sensitivity view is one chart of every optimizer");
        return OV_ERR_UNSUPPORTED;
    }
    if (spec->panel_loss || spec->layout_grid)
        return create_composite(out, loss, trajs, n, spec, raster, err);
    return create_plain(out, loss, trajs, n, spec, raster, err);
}

ov_status
ov__figure_create(ov__figure **out, const ov_loss *loss,
                 const ov_trajectory *const *trajs, size_t n,
                 const ov_figure_spec *spec, ov_error *err)
{
    return create_any(out, loss, trajs, n, spec, 1, err);
}

ov_status
ov__figure_check(const ov_loss *loss, const ov_trajectory *const *trajs,
                 size_t n, const ov_figure_spec *spec, ov_error *err)
{
    ov__figure *sc = NULL;
    ov_status st = create_any(&sc, loss, trajs, n, spec, OV__LAYOUT_ONLY,
                              err);
    ov__figure_destroy(sc);
    return st;
}

ov_status
ov__figure_create_vector(ov__figure **out, const ov_loss *loss,
                        const ov_trajectory *const *trajs, size_t n,
                        const ov_figure_spec *spec, ov_error *err)
{
    return create_any(out, loss, trajs, n, spec, 0, err);
}

void
ov__figure_destroy(ov__figure *sc)
{
    if (!sc)
        return;
    ov__view_destroy(sc->v);
    for (size_t i = 0; i < sc->ncell; i++)
        ov__figure_destroy(sc->cells[i].sc);
    if (sc->surf)
        cairo_surface_destroy(sc->surf);
    if (sc->meas)
        cairo_destroy(sc->meas);
    if (sc->scratch)
        cairo_surface_destroy(sc->scratch);
    ov__free(sc);
}

long
ov__figure_last_step(const ov__figure *sc)
{
    if (sc->v)
        return sc->v->last_step;
    return sc->last_step;
}

static void
blit(ov__figure *sc, const cell *c, ov_rect r)
{
    const ov_image *src = ov__figure_image(c->sc);
    unsigned char *d = (unsigned char *)sc->img.px;
    const unsigned char *s = (const unsigned char *)src->px;
    for (int y = r.y; y < r.y + r.h; y++)
        memcpy(d + (size_t)(y + c->y) * sc->img.stride
                 + 4 * (size_t)(r.x + c->x),
               s + (size_t)y * src->stride + 4 * (size_t)r.x, 4 * (size_t)r.w);
}

/* A composite's own pixels: the background colour, title and colorbar. */
static ov_status
composite_decor(ov__figure *sc)
{
    for (int y = 0; y < sc->H; y++) {
        uint32_t *row = (uint32_t *)((unsigned char *)sc->img.px +
                                     (size_t)y * sc->img.stride);
        for (int x = 0; x < sc->W; x++)
            row[x] = sc->bgc;
    }
    if (sc->title[0] || sc->cb.w > 0.0) {
        cairo_surface_mark_dirty(sc->surf);
        cairo_t *cr = cairo_create(sc->surf);
        ov__pen pn = { cr, NULL };
        draw_decor(sc, &pn);
        ov_status st = cairo_status(cr) ? OV_ERR_RENDER : OV_OK;
        cairo_destroy(cr);
        cairo_surface_flush(sc->surf);
        if (st)
            return st;
    }
    return OV_OK;
}

void
ov__figure_drop_background(ov__figure *sc)
{
    if (sc->v) {
        ov__view_drop_background(sc->v);
        return;
    }
    for (size_t i = 0; i < sc->ncell; i++)
        ov__figure_drop_background(sc->cells[i].sc);
}

ov_status
ov__figure_sample(ov__figure *sc)
{
    if (sc->v)
        return ov__view_sample(sc->v);
    if (!sc->raster || sc->drawn >= 0)
        return OV_ERR_INVALID_ARG;
    cairo_surface_flush(sc->surf);
    ov_status st = composite_decor(sc);
    for (size_t i = 0; i < sc->ncell && !st; i++) {
        cell *c = &sc->cells[i];
        st = ov__figure_sample(c->sc);
        const ov_image *ci = ov__figure_image(c->sc);
        if (!st)
            blit(sc, c, (ov_rect){ 0, 0, ci->width, ci->height });
    }
    cairo_surface_mark_dirty(sc->surf);
    return st;
}

ov_status
ov__figure_frame(ov__figure *sc, long step, ov_rect *dirty, size_t cap,
                size_t *ndirty)
{
    if (sc->v)
        return ov__view_frame(sc->v, step, dirty, cap, ndirty);
    *ndirty = 0;
    if (!sc->raster || cap == 0)
        return OV_ERR_INVALID_ARG;
    if (step > sc->last_step)
        step = sc->last_step;
    if (step < sc->drawn)
        step = sc->drawn;
    if (step < 0)
        step = 0;
    int first = sc->drawn < 0;
    ov_rect list[OV__FIGURE_MAX_DIRTY];
    size_t nl = 0;
    cairo_surface_flush(sc->surf);
    if (first) {
        ov_status st = composite_decor(sc);
        if (st)
            return st;
    }
    for (size_t i = 0; i < sc->ncell; i++) {
        cell *c = &sc->cells[i];
        ov_rect d[OV__FIGURE_MAX_DIRTY];
        size_t nd = 0;
        ov_status st = ov__figure_frame(c->sc, step, d, OV__FIGURE_MAX_DIRTY,
                                       &nd);
        if (st)
            return st;
        for (size_t k = 0; k < nd; k++) {
            blit(sc, c, d[k]);
            ov_rect r = { d[k].x + c->x, d[k].y + c->y, d[k].w, d[k].h };
            ov__rects_add(list, &nl, OV__FIGURE_MAX_DIRTY, r);
        }
    }
    cairo_surface_mark_dirty(sc->surf);
    if (first) {
        nl = 1;
        list[0] = (ov_rect){ 0, 0, sc->W, sc->H };
    }
    sc->drawn = step;
    ov__rects_merge(dirty, ndirty, cap, list, nl);
    return OV_OK;
}

const ov_image *
ov__figure_image(const ov__figure *sc)
{
    if (sc->v)
        return sc->v->raster ? &sc->v->img : NULL;
    return sc->raster ? &sc->img : NULL;
}

size_t
ov__figure_colors(const ov__figure *sc, uint32_t *out, size_t cap)
{
    if (sc->v)
        return sc->v->cls->colors(sc->v, out, cap);
    uint32_t tmp[1024];
    size_t n = 0;
    ov__colors_add(out, cap, &n, sc->bgc);
    if (sc->title[0] || sc->cb.w > 0.0) {
        ov__colors_add(out, cap, &n, sc->tc.text);
        ov__colors_add(out, cap, &n, sc->tc.axis);
    }
    for (size_t i = 0; i < sc->ncell; i++) {
        size_t m = ov__figure_colors(sc->cells[i].sc, tmp, 1024);
        for (size_t k = 0; k < m && k < 1024; k++)
            ov__colors_add(out, cap, &n, tmp[k]);
    }
    return n;
}

uint32_t
ov__figure_series_color(const ov__figure *sc, size_t i)
{
    if (sc->v)
        return i < sc->v->n ? sc->v->color[i] : 0;
    if (sc->grid)
        return i < sc->n ? ov__figure_series_color(sc->cells[i].sc, 0) : 0;
    return i < sc->n ? sc->col[i] : 0;
}

uint32_t
ov__figure_series_casing(const ov__figure *sc, size_t i)
{
    if (sc->v)
        return i < sc->v->n ? sc->v->casing[i] : OV__BLACK;
    if (sc->grid)
        return i < sc->n ? ov__figure_series_casing(sc->cells[i].sc, 0)
                         : OV__BLACK;
    return OV__BLACK;
}

static ov_status
draw_vector(ov__figure *sc, cairo_t *cr, int svg, char **svg_text,
            size_t *svg_text_len)
{
    if (sc->v)
        return ov__view_draw_vector(sc->v, cr, svg, svg_text, svg_text_len);
    ov__strbuf sb = { 0 };
    ov__sb_begin(svg_text, svg_text_len);
    ov__set_rgb(cr, sc->bgc, 1.0);
    cairo_paint(cr);
    ov__pen pn = { cr, svg ? &sb : NULL };
    draw_decor(sc, &pn);
    ov_status st = OV_OK;
    for (size_t i = 0; i < sc->ncell && !st; i++) {
        cell *c = &sc->cells[i];
        char *t = NULL;
        size_t tl = 0;
        cairo_save(cr);
        cairo_translate(cr, c->x, c->y);
        cairo_rectangle(cr, 0, 0, c->w, c->h);
        cairo_clip(cr);
        st = draw_vector(c->sc, cr, svg, svg ? &t : NULL, svg ? &tl : NULL);
        cairo_restore(cr);
        if (!st && svg && tl) {
            ov__sb_printf(&sb, "<g transform=\"translate(%d %d)\">\n", c->x,
                          c->y);
            ov__sb_append(&sb, t, tl);
            ov__sb_append(&sb, "</g>\n", 5);
        }
        ov__free(t);
    }
    if (!st && cairo_status(cr))
        st = OV_ERR_RENDER;
    return ov__sb_finish(&sb, st, svg, svg_text, svg_text_len);
}

ov_status
ov__figure_draw_vector(ov__figure *sc, void *cr, int svg, char **svg_text,
                      size_t *svg_text_len)
{
    return draw_vector(sc, cr, svg, svg_text, svg_text_len);
}

size_t
ov__figure_texts(ov__figure *sc, ov__figure_text *out, size_t cap)
{
    int W = sc->v ? sc->v->W : sc->W, H = sc->v ? sc->v->H : sc->H;
    cairo_rectangle_t ext = { 0.0, 0.0, W, H };
    cairo_surface_t *rs = cairo_recording_surface_create(
        CAIRO_CONTENT_COLOR_ALPHA, &ext);
    cairo_t *cr = cairo_create(rs);
    ov__text_rec *rec = cap ? ov__calloc(cap, sizeof *rec) : NULL;
    ov__textlog log = { rec, 0, rec ? cap : 0 };
    ov__text_log = &log;
    draw_vector(sc, cr, 0, NULL, NULL);
    ov__text_log = NULL;
    cairo_destroy(cr);
    cairo_surface_destroy(rs);
    for (size_t i = 0; i < log.n && i < log.cap; i++) {
        out[i].x0 = rec[i].box.x0;
        out[i].y0 = rec[i].box.y0;
        out[i].x1 = rec[i].box.x1;
        out[i].y1 = rec[i].box.y1;
        out[i].size = rec[i].size;
        memcpy(out[i].s, rec[i].s, sizeof out[i].s);
    }
    ov__free(rec);
    return log.n;
}

/* ---- geometry, for tests and overlays ---------------------------------- */

ov_status
ov__figure_scene(ov__figure *sc, ov__sink_scene *out, ov_image *bg,
                 ov__scene_overlay *ov)
{
    ov__view *v = sc->v;
    cairo_surface_t *layer;
    double p[3][2], q[2];
    int x, y, w, h;

    out->map_kind = OV__SCENE_MAP_NONE;
    out->background = NULL;
    out->overlay = NULL;
    if (!v || v->dynamic || !v->bg)
        return OV_OK;
    if (v->cls == &ov__contour_class)
        out->map_kind = OV__SCENE_MAP_XY;
    else if (v->cls == &ov__curve_class)
        out->map_kind = OV__SCENE_MAP_XF;
    else
        return OV_OK;
    /* The map from three points; a fourth checks that it is affine (a
     * log axis is not, and the page then only plays the frames). */
    v->cls->to_pixel(v, 0.0, 0.0, &p[0][0], &p[0][1]);
    v->cls->to_pixel(v, 1.0, 0.0, &p[1][0], &p[1][1]);
    v->cls->to_pixel(v, 0.0, 1.0, &p[2][0], &p[2][1]);
    v->cls->to_pixel(v, 3.0, 5.0, &q[0], &q[1]);
    for (int k = 0; k < 2; k++) {
        out->map[3 * k] = p[0][k];
        out->map[3 * k + 1] = p[1][k] - p[0][k];
        out->map[3 * k + 2] = p[2][k] - p[0][k];
        double fit = out->map[3 * k] + 3.0 * out->map[3 * k + 1]
                     + 5.0 * out->map[3 * k + 2];
        if (!(fabs(fit - q[k]) <= 1e-6 * (1.0 + fabs(q[k])))) {
            out->map_kind = OV__SCENE_MAP_NONE;
            return OV_OK;
        }
    }
    ov__view_plot_area(v, &x, &y, &w, &h);
    out->area[0] = x;
    out->area[1] = y;
    out->area[2] = w;
    out->area[3] = h;
    out->scale = v->s;
    out->trail = v->trail > 0 ? v->trail : 0;
    layer = v->bg;
    if (v->cls->page) {
        /* What the page draws itself is left out of its static layer. */
        memset(ov, 0, sizeof *ov);
        v->page_bg = cairo_image_surface_create(CAIRO_FORMAT_RGB24, v->W,
                                                v->H);
        cairo_t *cr = cairo_create(v->page_bg);
        ov__pen pn = { cr, NULL };
        ov_status st = cairo_status(cr) ? OV_ERR_NOMEM
                                        : v->cls->page(v, &pn, ov);
        if (!st && cairo_status(cr))
            st = OV_ERR_RENDER;
        cairo_destroy(cr);
        if (st)
            return st;
        layer = v->page_bg;
        out->overlay = ov;
    }
    cairo_surface_flush(layer);
    bg->width = cairo_image_surface_get_width(layer);
    bg->height = cairo_image_surface_get_height(layer);
    bg->stride = (size_t)cairo_image_surface_get_stride(layer);
    bg->px = (uint32_t *)cairo_image_surface_get_data(layer);
    out->background = bg;
    return OV_OK;
}

const char *
ov__figure_view(const ov__figure *sc)
{
    return sc->v ? sc->v->cls->name : "composite";
}

size_t
ov__figure_cells(const ov__figure *sc, ov_rect *rects, size_t cap)
{
    for (size_t i = 0; i < sc->ncell && i < cap; i++) {
        rects[i].x = sc->cells[i].x;
        rects[i].y = sc->cells[i].y;
        rects[i].w = sc->cells[i].w;
        rects[i].h = sc->cells[i].h;
    }
    return sc->ncell;
}

const ov__figure *
ov__figure_cell(const ov__figure *sc, size_t i)
{
    return i < sc->ncell ? sc->cells[i].sc : NULL;
}

void
ov__figure_plot_area(const ov__figure *sc, int *x, int *y, int *w, int *h)
{
    if (sc->v) {
        ov__view_plot_area(sc->v, x, y, w, h);
        return;
    }
    *x = *y = *w = *h = 0;
}

void
ov__figure_to_pixel(const ov__figure *sc, double x, double y, double *px,
                   double *py)
{
    *px = *py = NAN;
    if (sc->v)
        sc->v->cls->to_pixel(sc->v, x, y, px, py);
}

void
ov__figure_project(const ov__figure *sc, double x, double y, double f,
                  double *px, double *py)
{
    *px = *py = NAN;
    if (sc->v && sc->v->cls->project)
        sc->v->cls->project(sc->v, x, y, f, px, py);
}

size_t
ov__figure_surface_labels(const ov__figure *sc, double (*box)[4], int *axis,
                         int *tick, size_t cap)
{
    if (!sc->v || !sc->v->cls->labels)
        return 0;
    return sc->v->cls->labels(sc->v, box, axis, tick, cap);
}

uint32_t
ov__figure_band_color(const ov__figure *sc, double f)
{
    if (!sc->v || !sc->v->cls->band_color)
        return 0;
    return sc->v->cls->band_color(sc->v, f);
}

size_t
ov__figure_bands(const ov__figure *sc, const double **bound)
{
    const ov__zmap *m;
    const uint32_t *band;
    const char *zname;
    *bound = NULL;
    return cell_scale(sc, &m, bound, &band, &zname);
}
