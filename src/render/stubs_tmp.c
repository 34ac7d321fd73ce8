#include "render/views.h"
ov_status ov__surface_create(ov__view **o, const ov_loss *l, const ov_trajectory *const *t, size_t n, const ov_figure_spec *s, int r, ov_error *e){(void)o;(void)l;(void)t;(void)n;(void)s;(void)r;(void)e;return OV_ERR_UNSUPPORTED;}
void ov__surface_project(const ov__view *v, double x, double y, double f, double *px, double *py){(void)v;(void)x;(void)y;(void)f;*px=*py=0;}
uint32_t ov__surface_band_color(const ov__view *v, double f){(void)v;(void)f;return 0;}
size_t ov__surface_bands(const ov__view *v, const double **b){(void)v;*b=0;return 0;}
ov_status ov__history_create(ov__view **o, const ov_loss *l, const ov_trajectory *const *t, size_t n, const ov_figure_spec *s, int r, ov_error *e){(void)o;(void)l;(void)t;(void)n;(void)s;(void)r;(void)e;return OV_ERR_UNSUPPORTED;}
void ov__history_to_pixel(const ov__view *v, double x, double y, double *px, double *py){(void)v;(void)x;(void)y;*px=*py=0;}
ov_status ov__lpanel_create(ov__view **o, const ov_loss *l, const ov_trajectory *const *t, size_t n, const ov_figure_spec *s, int r, ov_error *e){(void)o;(void)l;(void)t;(void)n;(void)s;(void)r;(void)e;return OV_ERR_UNSUPPORTED;}
void ov__lpanel_to_pixel(const ov__view *v, double x, double y, double *px, double *py){(void)v;(void)x;(void)y;*px=*py=0;}
