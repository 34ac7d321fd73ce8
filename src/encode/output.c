/*
 * output.c: atomic output files, and the registry of their temporary
 * files.
 *
 * The temporary file is created in the target's directory (rename() is
 * atomic only within one file system), named after the target so a
 * leftover is recognisable: ".<name>.XXXXXX".  A fixed table of the
 * temporary paths lets the tool's signal handler unlink them without
 * allocating or locking; the library itself installs no handler and
 * blocks no signal.
 *
 * A path enters the table before its file is created and leaves it after
 * the file is renamed or removed, so at every instant each temporary file
 * of ours is listed.  That is why the names are made here rather than by
 * mkstemp(), which would create the file before we could list it: a name
 * is drawn, listed, then created with O_EXCL; if another file has that
 * name, the entry is withdrawn and a new name drawn.  A listed path is
 * never changed while it is live, so the handler never reads one half
 * written.
 */
#define _XOPEN_SOURCE 700   /* realpath */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <optviz/output.h>
#include <optviz/rng.h>

#include "alloc_private.h"
#include "error_private.h"

/* Enough for --batch at its most parallel (-j 1024, two outputs a job);
 * untouched slots cost no memory.  Past it an output is refused rather
 * than left where a signal handler cannot see it. */
#define MAX_OPEN 2048
#define MAX_PATH 4096

struct ov_output {
    FILE *fp;
    int is_stdout;
    int slot;                 /* index in open_tmp, -1 if none */
    ov_status st;             /* first write failure */
    int err_no;               /* its errno */
    char *path;               /* the target */
    char tmp[MAX_PATH];       /* the temporary file */
};

/* Registry: slot_path[i] is read by ov_output_remove_temporaries() only
 * while slot_live[i] is set.  A signal handler may read lock-free atomics
 * (C11 7.14.1.1), so the flags are atomic_int. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "slot flags must be lock-free");
static atomic_int slot_live[MAX_OPEN];
static char slot_path[MAX_OPEN][MAX_PATH];
static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_ulong name_count;
/* Set by ov_output_shutdown(): no temporary file is created after it. */
static int closing;

/* Lists @p path (complete, NUL-terminated) in a free slot; @return the
 * slot or -1 when the table is full.  The caller holds slot_lock. */
static int
slot_take_locked(const char *path)
{
    int i;

    for (i = 0; i < MAX_OPEN; i++) {
        if (!atomic_load(&slot_live[i])) {
            memcpy(slot_path[i], path, strlen(path) + 1);
            /* seq_cst: the path is in place before the flag says so, for
             * a handler on this thread too. */
            atomic_store(&slot_live[i], 1);
            return i;
        }
    }
    return -1;
}

static void
slot_release(int i)
{
    if (i < 0)
        return;
    pthread_mutex_lock(&slot_lock);
    atomic_store(&slot_live[i], 0);
    pthread_mutex_unlock(&slot_lock);
}

void
ov_output_shutdown(void)
{
    pthread_mutex_lock(&slot_lock);
    closing = 1;
    ov_output_remove_temporaries();
    pthread_mutex_unlock(&slot_lock);
}

void
ov_output_remove_temporaries(void)
{
    int i;

    for (i = 0; i < MAX_OPEN; i++)
        if (atomic_load(&slot_live[i]))
            unlink(slot_path[i]);
}

/* Replaces the last six characters of @p name with letters and digits
 * drawn from the time, the process and a counter: names differ between
 * calls, threads and processes (O_EXCL settles the rare clash). */
static void
draw_name(char *name)
{
    static const char alnum[] = "abcdefghijklmnopqrstuvwxyz"
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    struct timespec ts;
    ov_rng rng;
    size_t len = strlen(name);

    clock_gettime(CLOCK_REALTIME, &ts);
    ov_rng_seed(&rng, (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30
                      ^ (uint64_t)getpid() << 40
                      ^ (uint64_t)atomic_fetch_add(&name_count, 1));
    for (size_t k = len - 6; k < len; k++)
        name[k] = alnum[ov_rng_below(&rng, sizeof alnum - 1)];
}

/* Creates the temporary file for the template @p tmp ("...XXXXXX"),
 * listed in the registry from before it exists; fills in @p tmp and
 * *@p slot.  Listing and creating happen under slot_lock, so that once
 * ov_output_shutdown() has the lock no file is half made.  With
 * @p link_from, the file is a hard link to that one instead.  @return the
 * descriptor (0 for a link), or -1 with errno set. */
static int
create_listed(char *tmp, int *slot, const char *link_from)
{
    int fd = -1, tries;

    pthread_mutex_lock(&slot_lock);
    errno = EEXIST;
    for (tries = 0; tries < 100 && fd < 0 && errno == EEXIST; tries++) {
        if (closing) {
            errno = EINTR;
            break;
        }
        draw_name(tmp);
        *slot = slot_take_locked(tmp);
        if (*slot < 0) {
            errno = EMFILE;
            break;
        }
        if (link_from)
            fd = link(link_from, tmp);
        else
            fd = open(tmp, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd < 0) {
            int e = errno;

            atomic_store(&slot_live[*slot], 0);
            *slot = -1;
            errno = e;
        }
    }
    pthread_mutex_unlock(&slot_lock);
    return fd;
}

ov_status
ov_output_open(ov_output **out, const char *path, ov_error *err)
{
    char resolved[MAX_PATH];
    ov_output *o;
    const char *slash, *base;
    struct stat sb;
    size_t dirlen;
    int fd, saved_errno;

    if (!path || !*path) {
        ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "empty output path");
        return OV_ERR_INVALID_ARG;
    }
    o = ov__calloc(1, sizeof *o);
    if (!o)
        return OV_ERR_NOMEM;
    o->slot = -1;
    if (strcmp(path, "-") == 0) {
        o->fp = stdout;
        o->is_stdout = 1;
        *out = o;
        return OV_OK;
    }
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) {
            ov__error_set(err, OV_ERR_IO, 0, 0, "is a directory");
            ov__free(o);
            return OV_ERR_IO;
        }
        /* Renaming over a device or a pipe would replace it with a file. */
        if (!S_ISREG(sb.st_mode)) {
            ov__error_set(err, OV_ERR_IO, 0, 0, "not a regular file");
            ov__free(o);
            return OV_ERR_IO;
        }
    }
    /* Through a symbolic link, replace the file it points to, not the
     * link: work on the resolved path. */
    if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) &&
        realpath(path, resolved))
        path = resolved;
    slash = strrchr(path, '/');
    base = slash ? slash + 1 : path;
    dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    if (!*base) {
        ov__error_set(err, OV_ERR_IO, 0, 0, "is a directory");
        ov__free(o);
        return OV_ERR_IO;
    }
    if (dirlen + strlen(base) + 10 >= MAX_PATH) {
        ov__error_set(err, OV_ERR_IO, 0, 0, "path too long");
        ov__free(o);
        return OV_ERR_IO;
    }
    memcpy(o->tmp, path, dirlen);
    snprintf(o->tmp + dirlen, MAX_PATH - dirlen, ".%s.XXXXXX", base);
    o->path = ov__strdup(path);
    if (!o->path) {
        ov__free(o);
        return OV_ERR_NOMEM;
    }
    fd = create_listed(o->tmp, &o->slot, NULL);
    saved_errno = errno;
    if (fd < 0) {
        ov__error_set(err, OV_ERR_IO, 0, 0, "%s", strerror(saved_errno));
        ov__free(o->path);
        ov__free(o);
        return OV_ERR_IO;
    }
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        ov__error_set(err, OV_ERR_IO, 0, 0, "%s", strerror(errno));
        close(fd);
        unlink(o->tmp);
        slot_release(o->slot);
        ov__free(o->path);
        ov__free(o);
        return OV_ERR_IO;
    }
    *out = o;
    return OV_OK;
}

int
ov_output_write(void *closure, const unsigned char *data, size_t len)
{
    ov_output *o = closure;

    if (o->st != OV_OK)
        return o->st;
    if (len && fwrite(data, 1, len, o->fp) != len) {
        o->st = OV_ERR_IO;
        o->err_no = errno;
    }
    return o->st;
}

int
ov_output_errno(const ov_output *o)
{
    return o ? o->err_no : 0;
}

static void
release(ov_output *o)
{
    slot_release(o->slot);
    ov__free(o->path);
    ov__free(o);
}

/* Flushes and closes @p o's file, with the mode a new file would get;
 * on failure removes it.  @return its status. */
static ov_status
finish(ov_output *o, ov_error *err)
{
    ov_status st = o->st;
    mode_t mask;

    if (o->is_stdout) {
        if (fflush(stdout) != 0 && st == OV_OK) {
            st = OV_ERR_IO;
            o->err_no = errno;
        }
        if (st != OV_OK)
            ov__error_set(err, st, 0, 0, "%s", strerror(o->err_no));
        return st;
    }
    if (fflush(o->fp) != 0 && st == OV_OK) {
        st = OV_ERR_IO;
        o->err_no = errno;
    }
    if (st != OV_OK) {
        ov__error_set(err, st, 0, 0, "%s",
                      o->err_no ? strerror(o->err_no) : "write failed");
        fclose(o->fp);
        o->fp = NULL;
        unlink(o->tmp);
        return st;
    }
    /* The file was made 0600; give it what a new file would get.
     * umask can only be read by setting it, so two threads committing at
     * once could each restore the other's 0 and leave it 0 for good:
     * read it under the lock. */
    pthread_mutex_lock(&slot_lock);
    mask = umask(0);
    umask(mask);
    pthread_mutex_unlock(&slot_lock);
    fchmod(fileno(o->fp), 0666 & ~mask);
    if (fclose(o->fp) != 0) {
        o->fp = NULL;
        ov__error_set(err, OV_ERR_IO, 0, 0, "%s", strerror(errno));
        unlink(o->tmp);
        return OV_ERR_IO;
    }
    o->fp = NULL;
    return OV_OK;
}

ov_status
ov_output_commit(ov_output *o, ov_error *err)
{
    return ov_output_commit_all(&o, 1, err);
}

/*
 * All or nothing, as far as a file system allows: every file is written
 * and closed before any is renamed; a target that exists is first kept
 * as a hard link (a listed temporary, so a signal removes it too); when a
 * rename fails, the targets renamed before it get their old files back
 * (or are removed, when they had none).  Where hard links cannot be made
 * the old file cannot be restored; the renames are still all tried only
 * once every file is whole.
 */
ov_status
ov_output_commit_all(ov_output *const *outs, size_t n, ov_error *err)
{
    struct kept {
        char path[MAX_PATH];     /* the old target, as a hard link */
        int slot;                /* -1: none kept */
        int existed;             /* the target existed */
    } *keep = NULL;
    ov_status st = OV_OK;
    size_t i, done;

    for (i = 0; i < n && st == OV_OK; i++)
        st = finish(outs[i], err);
    if (st != OV_OK && err)
        err->line = (long)i;     /* the one that failed, from 1 */
    if (st == OV_OK && n > 1) {
        keep = ov__calloc(n, sizeof *keep);
        if (!keep)
            st = OV_ERR_NOMEM;
    }
    if (st != OV_OK) {
        for (i = 0; i < n; i++)
            ov_output_abort(outs[i]);
        return st;
    }
    for (i = 0; keep && i < n; i++) {
        const ov_output *o = outs[i];

        keep[i].slot = -1;
        if (o->is_stdout || access(o->path, F_OK) != 0)
            continue;
        keep[i].existed = 1;
        memcpy(keep[i].path, o->tmp, strlen(o->tmp) + 1);
        if (create_listed(keep[i].path, &keep[i].slot, o->path) < 0)
            keep[i].slot = -1;
    }
    for (done = 0; done < n && st == OV_OK; done++) {
        ov_output *o = outs[done];

        if (!o->is_stdout && rename(o->tmp, o->path) != 0) {
            ov__error_set(err, OV_ERR_IO, (long)done + 1, 0, "%s",
                          strerror(errno));
            st = OV_ERR_IO;
            unlink(o->tmp);
        }
    }
    if (st != OV_OK) {
        done--;                  /* the one that failed */
        for (i = 0; i < done; i++) {
            if (outs[i]->is_stdout)
                continue;
            if (keep[i].slot >= 0)
                rename(keep[i].path, outs[i]->path);
            else if (!keep[i].existed)
                unlink(outs[i]->path);
        }
        for (i = done + 1; i < n; i++)
            if (!outs[i]->is_stdout)
                unlink(outs[i]->tmp);
    }
    for (i = 0; i < n; i++) {
        if (keep && keep[i].slot >= 0) {
            unlink(keep[i].path);
            slot_release(keep[i].slot);
        }
        release(outs[i]);
    }
    ov__free(keep);
    return st;
}

void
ov_output_abort(ov_output *o)
{
    if (!o)
        return;
    if (!o->is_stdout) {
        if (o->fp)
            fclose(o->fp);
        unlink(o->tmp);
    } else {
        fflush(stdout);
    }
    release(o);
}
