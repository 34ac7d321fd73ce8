/*
 * signals.c: the tool's handling of fatal signals.
 *
 * Every signal whose default action ends the process, and that the
 * caller did not set to be ignored (nohup, a background job of a
 * non-interactive shell), first removes the temporary files of the
 * outputs being written (the library lists them), then kills the process
 * with that signal, so an interrupted run leaves nothing half-written
 * and its parent sees why it ended.
 *
 * One job runs on one thread: a handler calls the async-signal-safe
 * ov_output_remove_temporaries().  A batch writes on many threads, and a
 * handler cannot stop the others from creating a file after it looked:
 * there the signals are blocked in every thread and one thread waits for
 * them (sigwait) and calls ov_output_shutdown(), which takes the
 * registry's lock, so no temporary file is made after it.
 *
 * SIGXFSZ is also what write() raises past `ulimit -f`: that one (sent by
 * the kernel to the writing thread, as if by the process itself) is not
 * fatal; the write fails with EFBIG and the job says so.
 */
#define _XOPEN_SOURCE 700   /* SIGXFSZ, SIGXCPU, SIGVTALRM, SIGPROF */

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli_private.h"

static const int fatal[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ, SIGXCPU, SIGALRM,
    SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF,
};

static sigset_t handled;         /* the ones not ignored on entry */
static sigset_t saved_mask;      /* the mask before the waiting thread */
static pthread_t waiter;
static int waiting;

/* Dies of @p sig, the handler reset to the default, with nothing of
 * ours left behind. */
static void
die_of(int sig)
{
    sigset_t one;

    signal(sig, SIG_DFL);
    sigemptyset(&one);
    sigaddset(&one, sig);
    raise(sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    _exit(128 + sig);
}

static void
on_signal(int sig, siginfo_t *info, void *context)
{
    (void)context;
    /* The file size limit: the kernel marks it as sent by the process
     * itself.  Returning lets write() fail with EFBIG. */
    if (sig == SIGXFSZ && info && info->si_code == SI_USER
        && info->si_pid == getpid())
        return;
    ov_output_remove_temporaries();
    die_of(sig);
}

void
ov__cli_signals_install(void)
{
    struct sigaction sa, old;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigemptyset(&handled);
    for (i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        sigaddset(&sa.sa_mask, fatal[i]);
    for (i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        if (sigaction(fatal[i], &sa, NULL) == 0)
            sigaddset(&handled, fatal[i]);
    }
}

void
ov__cli_die(int sig)
{
    ov_output_shutdown();
    die_of(sig);
}

/* What wakes the waiting thread to end it: not pthread_cancel(), which
 * needs libgcc_s loaded on the spot and aborts where memory is short. */
#define WAKE SIGRTMIN

static void *
wait_signals(void *arg)
{
    sigset_t set = handled;
    int sig;

    (void)arg;
    sigaddset(&set, WAKE);
    for (;;) {
        if (sigwait(&set, &sig) != 0)
            continue;
        if (sig == WAKE)
            return NULL;
        ov__cli_die(sig);
    }
}

int
ov__cli_signals_thread_start(void)
{
    sigset_t set = handled;

    sigaddset(&set, WAKE);
    if (pthread_sigmask(SIG_BLOCK, &set, &saved_mask) != 0)
        return -1;
    if (pthread_create(&waiter, NULL, wait_signals, NULL) != 0) {
        pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
        return -1;
    }
    waiting = 1;
    return 0;
}

void
ov__cli_signals_thread_stop(void)
{
    if (!waiting)
        return;
    pthread_kill(waiter, WAKE);
    pthread_join(waiter, NULL);
    waiting = 0;
    /* A signal that came meanwhile is delivered now, to the handler. */
    pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
}
