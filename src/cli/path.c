/*
 * path.c: where an output path lands, whatever its spelling.
 *
 * "a.png", "./a.png", "d/../a.png" and "/abs/a.png" can all be one file,
 * which may not exist yet (outputs are written beside the target and
 * renamed over it), so the file itself cannot be asked.  Its directory
 * does exist when the job can succeed: resolved with realpath(), plus the
 * file name, it names the place the rename will land.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include <stdlib.h>
#include <string.h>

#include "cli_private.h"

char *
ov__cli_resolve_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dlen = slash ? (size_t)(slash - path) : 0;
    char *dir, *real, *out;

    /* "x/", "." and ".." name a directory, which no job writes; resolve
     * the whole path so that they at least compare sensibly. */
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        real = realpath(path, NULL);
        return real ? real : strdup(path);
    }
    dir = malloc(dlen + 2);
    if (!dir)
        return NULL;
    if (!slash)
        strcpy(dir, ".");
    else if (dlen == 0)
        strcpy(dir, "/");
    else {
        memcpy(dir, path, dlen);
        dir[dlen] = '\0';
    }
    real = realpath(dir, NULL);
    free(dir);
    /* A directory that does not resolve fails the job when it opens the
     * output; until then the spelling is all there is to compare. */
    if (!real)
        return strdup(path);
    out = malloc(strlen(real) + strlen(base) + 2);
    if (out)
        sprintf(out, "%s%s%s", real,
                real[strlen(real) - 1] == '/' ? "" : "/", base);
    free(real);
    return out;
}
