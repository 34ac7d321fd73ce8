/*
 * colormap.c: the colormaps of --colormap.
 *
 * Each map is 17 anchors at t = 0, 1/16, ..., 1 sampled from the published
 * definition of the map (viridis, magma, plasma, inferno and cividis are
 * CC0; coolwarm is Moreland's diverging map; bwr, gray and jet are simple
 * ramps), interpolated linearly in sRGB.  With 25 bands that is a colour
 * error of at most one or two units against the full 256-entry tables,
 * invisible in a banded plot.
 */
#include <math.h>
#include <string.h>

#include "optviz/render.h"
#include "colormap.h"
#include "name_private.h"

#define ANCHORS 17

typedef struct colormap {
    const char *name;
    uint32_t rgb[ANCHORS];
} colormap;

static const colormap maps[] = {
    { "viridis", { 0x440154, 0x48186A, 0x472D7B, 0x424086, 0x3B528B, 0x33638D,
                   0x2C728E, 0x26828E, 0x21918C, 0x1FA088, 0x28AE80, 0x3FBC73,
                   0x5EC962, 0x84D44B, 0xADDC30, 0xD8E219, 0xFDE725 } },
    { "magma", { 0x000004, 0x0A0822, 0x1D1147, 0x36106B, 0x51127C, 0x6A1C81,
                 0x832681, 0x9C2E7F, 0xB73779, 0xD0416F, 0xE75263, 0xF56B5C,
                 0xFC8961, 0xFEA772, 0xFEC488, 0xFDE2A3, 0xFCFDBF } },
    { "plasma", { 0x0D0887, 0x310597, 0x4C02A1, 0x6600A7, 0x7E03A8, 0x9511A1,
                  0xAA2395, 0xBC3587, 0xCC4778, 0xDA5A6A, 0xE66C5C, 0xF0804E,
                  0xF89540, 0xFDAC33, 0xFDC527, 0xF8DF25, 0xF0F921 } },
    { "inferno", { 0x000004, 0x0B0724, 0x210C4A, 0x3D0965, 0x57106E, 0x71196E,
                   0x8A226A, 0xA32C61, 0xBC3754, 0xD24644, 0xE45A31, 0xF1731D,
                   0xF98E09, 0xFCAC11, 0xF9CB35, 0xF2EA69, 0xFCFFA4 } },
    { "cividis", { 0x00224E, 0x002E6A, 0x1A386F, 0x32436D, 0x434E6C, 0x535A6D,
                   0x61656F, 0x6F7073, 0x7D7C78, 0x8C8878, 0x9B9476, 0xABA072,
                   0xBCAE6C, 0xCDBB63, 0xDEC958, 0xF0D846, 0xFEE838 } },
    { "coolwarm", { 0x3B4CC0, 0x4E68D8, 0x6282EA, 0x779AF7, 0x8DB0FE, 0xA3C2FE,
                    0xB9D0F9, 0xCCD9ED, 0xDDDCDC, 0xECD3C5, 0xF5C4AC, 0xF7B093,
                    0xF4987A, 0xEB7D62, 0xDD5F4B, 0xCA3B37, 0xB40426 } },
    { "bwr", { 0x0000FF, 0x2020FF, 0x4040FF, 0x6060FF, 0x8080FF, 0xA0A0FF,
               0xC0C0FF, 0xE0E0FF, 0xFFFEFE, 0xFFDEDE, 0xFFBEBE, 0xFF9E9E,
               0xFF7E7E, 0xFF5E5E, 0xFF3E3E, 0xFF1E1E, 0xFF0000 } },
    { "turbo", { 0x30123B, 0x4040A2, 0x466BE3, 0x4294FF, 0x28BCEB, 0x18DDC2,
                 0x32F298, 0x6DFE62, 0xA4FC3C, 0xCDEC34, 0xEECF3A, 0xFDAC34,
                 0xFB7E21, 0xEB500E, 0xD02F05, 0xA91601, 0x7A0403 } },
    { "rdbu", { 0x053061, 0x175290, 0x2A71B2, 0x3F8EC0, 0x6BACD1, 0x9BC9E0,
                0xC2DDEC, 0xE0ECF3, 0xF7F6F6, 0xFBE5D8, 0xFBCCB4, 0xF5AA89,
                0xE48066, 0xD05548, 0xBA2832, 0x930E26, 0x67001F } },
    { "spectral", { 0x5E4FA2, 0x4273B3, 0x3F97B7, 0x60BBA8, 0x89D0A4, 0xB3E0A2,
                    0xD8EF9B, 0xF0F9A7, 0xFFFEBE, 0xFEEB9D, 0xFED27F, 0xFDB365,
                    0xF88C51, 0xEF6645, 0xDC484C, 0xBE254A, 0x9E0142 } },
    { "jet", { 0x000080, 0x0000C8, 0x0000FF, 0x0040FF, 0x0080FF, 0x00C0FF,
               0x16FFE1, 0x49FFAD, 0x7DFF7A, 0xB1FF46, 0xE4FF13, 0xFFD000,
               0xFF9400, 0xFF5900, 0xFF1E00, 0xC40000, 0x800000 } },
    { "gray", { 0x000000, 0x101010, 0x202020, 0x303030, 0x404040, 0x505050,
                0x606060, 0x707070, 0x808080, 0x909090, 0xA0A0A0, 0xB0B0B0,
                0xC0C0C0, 0xD0D0D0, 0xE0E0E0, 0xF0F0F0, 0xFFFFFF } },
};

#define NMAPS (sizeof maps / sizeof maps[0])

/* Every map also runs backwards under matplotlib's name for it, NAME_r:
 * index NMAPS + i is map i reversed. */
static const char *const reversed[] = {
    "viridis_r", "magma_r", "plasma_r", "inferno_r", "cividis_r",
    "coolwarm_r", "bwr_r", "turbo_r", "rdbu_r", "spectral_r", "jet_r",
    "gray_r"
};

_Static_assert(sizeof reversed / sizeof reversed[0] == NMAPS,
               "a reversed name for every colormap");

size_t
ov_colormap_count(void)
{
    return 2 * NMAPS;
}

const char *
ov_colormap_name(size_t i)
{
    return i < NMAPS ? maps[i].name : i < 2 * NMAPS ? reversed[i - NMAPS]
                                                      : NULL;
}

int
ov__colormap_find(const char *name)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < 2 * NMAPS; i++)
        if (ov__same_name(ov_colormap_name(i), name))
            return (int)i;
    return -1;
}

static unsigned
lerp8(uint32_t a, uint32_t b, int shift, double f)
{
    double ca = (double)((a >> shift) & 0xFF),
           cb = (double)((b >> shift) & 0xFF);
    long v = lround(ca + (cb - ca) * f);
    return (unsigned)(v < 0 ? 0 : v > 255 ? 255 : v);
}

uint32_t
ov__colormap_color(int cm, double t)
{
    if (cm < 0 || (size_t)cm >= 2 * NMAPS)
        cm = 0;
    if (!(t > 0.0))         /* also NaN */
        t = 0.0;
    if (t > 1.0)
        t = 1.0;
    if ((size_t)cm >= NMAPS) {
        cm -= (int)NMAPS;
        t = 1.0 - t;
    }
    double u = t * (ANCHORS - 1);
    int k = (int)u;
    if (k >= ANCHORS - 1)
        k = ANCHORS - 2;
    double f = u - k;
    const uint32_t *a = maps[cm].rgb;
    return (lerp8(a[k], a[k + 1], 16, f) << 16) |
           (lerp8(a[k], a[k + 1], 8, f) << 8) | lerp8(a[k], a[k + 1], 0, f);
}
