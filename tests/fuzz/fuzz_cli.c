/*
 * fuzz_cli.c: libFuzzer target for the tool's command-line parser.
 *
 * The input is an argument vector: arguments separated by NUL bytes
 * (argv[0] is "optviz").  It goes through what the tool does before it
 * touches a file: ov__cli_parse, then for a run ov__cli_finalize, the loss
 * (built-in data only: --data is not read), the configs and labels, and
 * the step count; --list prints to /dev/null.  Every stage must either
 * succeed or give exit code 2 with a one-line message; nothing may crash,
 * leak or run away.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_private.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define MAX_ARGS 64

static void
check_msg(int code, const char *msg)
{
    if (code == OV_EXIT_OK)
        return;
    if (code != OV_EXIT_USAGE && code != OV_EXIT_ERROR)
        abort();
    if (!memchr(msg, '\0', OV_CLI_MSG_SIZE) || !msg[0])
        abort();
    /* One line, no terminal controls: what the user typed is cleaned. */
    for (; *msg; msg++)
        if ((unsigned char)*msg < 0x20 || *msg == 0x7f)
            abort();
}

static void
run_checks(ov__cli_opts *o)
{
    char msg[OV_CLI_MSG_SIZE];
    ov_optim_config cfgs[OV_MAX_SERIES];
    char labels[OV_MAX_SERIES][64];
    ov_loss *loss = NULL;
    ov_error err;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    int code;
    size_t i, j;

    code = ov__cli_finalize(o, msg, sizeof msg);
    check_msg(code, msg);
    if (code != OV_EXIT_OK)
        return;
    if (o->n_algos < 1 || o->n_algos > OV_MAX_SERIES || !o->loss_name)
        abort();
    memset(&err, 0, sizeof err);
    if (ov_loss_create(&loss, o->loss_name, NULL,
                       (ov_reduction)o->reduction, &err) != OV_OK) {
        if (loss)
            abort();
        code = ov__cli_unknown_loss(o->loss_name, msg, sizeof msg);
        check_msg(code, msg);
        return;
    }
    code = ov__cli_build_configs(o, loss, cfgs, labels, msg, sizeof msg);
    check_msg(code, msg);
    if (code == OV_EXIT_OK) {
        rc.steps = o->steps;
        rc.epochs = o->epochs;
        rc.seed = o->seed;
        for (i = 0; i < o->n_algos; i++) {
            if (!labels[i][0] || !memchr(labels[i], '\0', 64))
                abort();
            for (j = 0; j < i; j++)
                if (strcmp(labels[i], labels[j]) == 0)
                    abort();
            if (ov_optim_config_validate(&cfgs[i], &err) != OV_OK)
                abort();
            (void)ov_run_step_count(loss, &cfgs[i], &rc);
        }
    }
    ov_loss_destroy(loss);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static FILE *devnull;
    char *argv[MAX_ARGS + 2];
    char msg[OV_CLI_MSG_SIZE];
    ov__cli_opts o;
    char *buf;
    int argc = 1, code;
    size_t i, start;

    if (size > 4096)
        return 0;
    if (!devnull)
        devnull = fopen("/dev/null", "w");
    buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    argv[0] = "optviz";
    for (start = 0, i = 0; i <= size && argc <= MAX_ARGS; i++) {
        if (buf[i] == '\0') {
            argv[argc++] = buf + start;
            start = i + 1;
        }
    }
    argv[argc] = NULL;

    ov__cli_opts_init(&o);
    memset(msg, 'x', sizeof msg);
    code = ov__cli_parse(&o, argc, argv, msg, sizeof msg);
    check_msg(code, msg);
    if (code == OV_EXIT_OK) {
        if (!o.command_line)
            abort();
        switch (o.action) {
        case OV__CLI_RUN:
            run_checks(&o);
            break;
        case OV__CLI_LIST:
            if (devnull) {
                msg[0] = '\0';
                code = ov__cli_list(o.list_what, devnull, msg, sizeof msg);
                check_msg(code, msg);
            }
            break;
        case OV__CLI_HELP:
        case OV__CLI_VERSION:
            break;
        }
    }
    ov__cli_opts_free(&o);
    free(buf);
    return 0;
}
