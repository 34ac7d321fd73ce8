/*
 * replay.c: runs a fuzz target's entry point over files, without libFuzzer.
 *
 *   replay FILE_OR_DIR...
 *
 * Linked with one fuzz_*.c, it makes the target an ordinary program that
 * any compiler builds: .ci/run builds each target this way under
 * AddressSanitizer and UBSan and replays its seed corpus, which also holds
 * the inputs of every crash found so far (regression cases).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static long runs;

static int
run_file(const char *path)
{
    unsigned char *buf;
    long len;
    FILE *f = fopen(path, "rb");

    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0
        || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        fclose(f);
        return 1;
    }
    /* One spare byte: malloc(0) may return NULL. */
    buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        free(buf);
        fclose(f);
        return 1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)len);
    free(buf);
    runs++;
    return 0;
}

int
main(int argc, char **argv)
{
    int i, bad = 0;

    for (i = 1; i < argc; i++) {
        struct stat sb;
        DIR *d;
        struct dirent *e;

        if (stat(argv[i], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            bad |= run_file(argv[i]);
            continue;
        }
        d = opendir(argv[i]);
        if (!d) {
            fprintf(stderr, "replay: cannot open %s\n", argv[i]);
            bad = 1;
            continue;
        }
        while ((e = readdir(d)) != NULL) {
            char path[4096];

            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
            bad |= run_file(path);
        }
        closedir(d);
    }
    printf("replay: %ld inputs\n", runs);
    return bad;
}
