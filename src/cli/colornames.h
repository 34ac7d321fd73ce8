/*
 * colornames.h: colour names of the tool (colornames.c).
 */
#ifndef OV_COLORNAMES_H
#define OV_COLORNAMES_H

#include <stddef.h>
#include <stdint.h>

/* The colour called @p name (matplotlib's named colours: CSS4 and
 * tab:*, any case) into *rgb; @return 1, or 0 when there is none. */
int ov__color_name(const char *name, uint32_t *rgb);
/* Every name, for suggestions; @return the count. */
size_t ov__color_names(const char **out, size_t cap);

#endif /* OV_COLORNAMES_H */
