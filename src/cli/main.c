/*
 * main.c: the optviz tool's entry point.
 *
 * It owns argv, stdout/stderr and the exit code (style.md rule 26); the
 * work is in options.c (parsing), list.c, job.c and batch.c.  It also
 * owns the process's signal handling, which the library leaves alone: a
 * handler removes the temporary files of outputs still being written
 * (the library lists them, ov_output_remove_temporaries), so an
 * interrupted run leaves nothing half-written behind.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli_private.h"

static void
on_signal(int sig)
{
    ov_output_remove_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

/*
 * The signals that end a run: each removes the temporary files first.
 * SIGPIPE too: `optviz --trajectory - -o f.gif | head` must not leave the
 * figure's temporary file.  A signal the caller set to be ignored (nohup,
 * a background job of a non-interactive shell) stays ignored.
 */
static void
install_handlers(void)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
    struct sigaction sa, old;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaddset(&sa.sa_mask, sigs[i]);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

/* The version, and the optional formats this build has (from the format
 * table: "video: mp4 webm" or "video: not built in"). */
static void
print_version(void)
{
    const ov_format_info *mp4 = ov_format_info_of(OV_FORMAT_MP4);
    const ov_format_info *webm = ov_format_info_of(OV_FORMAT_WEBM);

    printf("optviz %s\n", ov_version_string());
    if (mp4 && mp4->available && webm && webm->available)
        printf("video: mp4 (H.264), webm (VP9)\n");
    else
        printf("video: not built in\n");
}

int
main(int argc, char **argv)
{
    char msg[OV_CLI_MSG_SIZE];
    ov__cli_opts o;
    int code;

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
            install_handlers();
            code = ov__cli_run_batch(&o);
            break;
        }
        code = ov__cli_finalize(&o, msg, sizeof msg);
        if (code != OV_EXIT_OK) {
            fprintf(stderr, "optviz: %s\n", msg);
            break;
        }
        install_handlers();
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
