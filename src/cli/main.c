/*
 * main.c: the optviz tool's entry point.
 *
 * It owns argv, stdout/stderr and the exit code (style.md rule 26); the
 * work is in options.c (parsing), list.c, job.c and batch.c.  It also
 * owns the process's signal handling (signals.c), which the library
 * leaves alone: a fatal signal removes the temporary files of outputs
 * still being written, so an interrupted run leaves nothing half-written
 * behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli_private.h"

/*
 * A descriptor 0, 1 or 2 closed by the caller would be the next file
 * opened: a figure's temporary file would then take the trajectory meant
 * for standard output, or the progress meant for standard error.  Each
 * closed one is opened on /dev/null (open returns the lowest free one).
 */
static int
reopen_standard(void)
{
    int fd;

    for (fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
            return -1;
    }
    return 0;
}

/* The version, the optional formats this build has (from the format
 * table: "video: mp4 webm" or "video: not built in"; whether HTML pages
 * can be live), and the libraries it was built with and runs with: what a
 * bug report needs. */
static void
print_version(void)
{
    const ov_format_info *mp4 = ov_format_info_of(OV_FORMAT_MP4);
    const ov_format_info *webm = ov_format_info_of(OV_FORMAT_WEBM);
    const ov_library_version *libs;
    size_t n = ov_library_versions(&libs), i;

    printf("optviz %s\n", ov_version_string());
    if (mp4 && mp4->available && webm && webm->available)
        printf("video: mp4 (H.264), webm (VP9)\n");
    else
        printf("video: not built in\n");
    if (ov_format_html_live())
        printf("html: live (the optimizers as WebAssembly)\n");
    else
        printf("html: player only (no WebAssembly: --no-live)\n");
    printf("hdf5: %s\n", ov_import_has_hdf5() ? "landscapes (grid:FILE.h5)"
                                              : "not built in");
    printf("%-12s %-10s %s\n", "library", "built", "running");
    for (i = 0; i < n; i++)
        printf("%-12s %-10s %s\n", libs[i].name, libs[i].built,
               libs[i].running ? libs[i].running : "(cannot tell)");
}

int
main(int argc, char **argv)
{
    char msg[OV_CLI_MSG_SIZE];
    ov__cli_opts o;
    int code;

    if (reopen_standard() != 0)
        return OV_EXIT_ERROR;    /* no stderr to say so on */
    ov__cli_opts_init(&o);
    code = ov__cli_parse(&o, argc, argv, msg, sizeof msg);
    if (code != OV_EXIT_OK) {
        fprintf(stderr, "optviz: %s\n", msg);
        goto done;
    }
    switch (o.action) {
    case OV__CLI_HELP:
        ov__cli_print_help(stdout);
        break;
    case OV__CLI_VERSION:
        print_version();
        break;
    case OV__CLI_LIST:
        msg[0] = '\0';
        code = ov__cli_list(o.list_what, stdout, msg, sizeof msg);
        if (code != OV_EXIT_OK)
            fprintf(stderr, "optviz: %s\n", msg);
        break;
    case OV__CLI_RUN:
        if (o.batch_file) {
            /* The lines are the jobs; batch.c checks the rest is empty. */
            ov__cli_signals_install();
            code = ov__cli_run_batch(&o);
            break;
        }
        code = ov__cli_finalize(&o, msg, sizeof msg);
        if (code != OV_EXIT_OK) {
            fprintf(stderr, "optviz: %s\n", msg);
            break;
        }
        ov__cli_signals_install();
        code = ov__cli_run_job(&o);
        break;
    }
    /* A full disk or closed pipe on stdout is an error too. */
    if (fflush(stdout) != 0 && code == OV_EXIT_OK) {
        fprintf(stderr, "optviz: cannot write to standard output\n");
        code = OV_EXIT_ERROR;
    }
done:
    ov__cli_opts_free(&o);
    return code;
}
