/*
 * list.c: --list losses|algos|colormaps|signals.
 *
 * Everything listed comes from the library's catalogues, so a loss or a
 * colormap added there shows up here without a change to the tool.
 */
#include <string.h>

#include "cli_private.h"

/* Writes @p text from column @p col, wrapping at spaces before column 80
 * and indenting continuation lines to @p col. */
static void
print_words(FILE *out, const char *text, size_t col)
{
    const size_t indent = col;

    while (*text) {
        size_t word = strcspn(text, " ");

        if (col + 1 + word > 79 && col > indent) {
            fprintf(out, "\n%*s", (int)indent, "");
            col = indent;
        }
        fprintf(out, " %.*s", (int)word, text);
        col += 1 + word;
        text += word;
        while (*text == ' ')
            text++;
    }
    fputc('\n', out);
}

static int
list_losses(FILE *out, char *msg, size_t msgsize)
{
    size_t n = ov_loss_catalogue_count(), i;
    int a;

    fprintf(out, "%-18s %-4s %s\n", "NAME", "DIM", "FORMULA");
    fprintf(out, "%-18s %-4s %s\n", "", "", "recommended lr per optimizer");
    for (i = 0; i < n; i++) {
        const char *name = ov_loss_catalogue_name(i);
        ov_loss *loss = NULL;
        ov_error err;
        ov_status st;
        size_t col;

        memset(&err, 0, sizeof err);
        st = ov_loss_create(&loss, name, NULL, OV_REDUCTION_MEAN, &err);
        if (st != OV_OK) {
            snprintf(msg, msgsize, "loss '%s': %s", name, ov_status_str(st));
            return OV_EXIT_ERROR;
        }
        col = (size_t)fprintf(out, "%-18s %-4d", name, ov_loss_dim(loss));
        print_words(out, ov_loss_formula(loss), col);
        col = (size_t)fprintf(out, "%-18s %-4s", "", "");
        for (a = 0; a < OV_ALGO_COUNT; a++) {
            char item[48];
            int len = snprintf(item, sizeof item, " %s=%g%s",
                               ov_algo_name((ov_algo)a),
                               ov_loss_recommended_lr(loss, (ov_algo)a),
                               a + 1 < OV_ALGO_COUNT ? "," : "");
            if (col + (size_t)len > 79) {
                col = (size_t)fprintf(out, "\n%-18s %-4s", "", "") - 1;
            }
            fputs(item, out);
            col += (size_t)len;
        }
        fputc('\n', out);
        ov_loss_destroy(loss);
    }
    return OV_EXIT_OK;
}

static int
list_algos(FILE *out)
{
    int a;

    for (a = 0; a < OV_ALGO_COUNT; a++)
        fprintf(out, "%-10s %s\n", ov_algo_name((ov_algo)a),
                ov_algo_summary((ov_algo)a));
    return OV_EXIT_OK;
}

static int
list_colormaps(FILE *out)
{
    size_t n = ov_colormap_count(), i;

    for (i = 0; i < n; i++)
        fprintf(out, "%s\n", ov_colormap_name(i));
    return OV_EXIT_OK;
}

static int
list_signals(FILE *out)
{
    size_t n = ov_signal_count(), i;

    for (i = 0; i < n; i++) {
        size_t col = (size_t)fprintf(out, "%-15s", ov_signal_name(i));
        print_words(out, ov_signal_formula(i), col);
    }
    return OV_EXIT_OK;
}

int
ov__cli_list(const char *what, FILE *out, char *msg, size_t msgsize)
{
    static const char *const kinds[] = { "losses", "algos", "colormaps",
                                         "signals" };
    ov__suggest s;
    size_t i;

    if (ov__cli_same_name("losses", what)
        || ov__cli_same_name("loss", what))
        return list_losses(out, msg, msgsize);
    if (ov__cli_same_name("algos", what)
        || ov__cli_same_name("algo", what))
        return list_algos(out);
    if (ov__cli_same_name("colormaps", what)
        || ov__cli_same_name("colormap", what))
        return list_colormaps(out);
    if (ov__cli_same_name("signals", what)
        || ov__cli_same_name("signal", what))
        return list_signals(out);
    ov__suggest_init(&s, what);
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        ov__suggest_add(&s, kinds[i]);
    snprintf(msg, msgsize, "--list: unknown list '%s' (one of losses, algos, "
             "colormaps, signals)", what);
    ov__suggest_append(&s, msg, msgsize);
    ov__cli_msg_clean(msg);
    return OV_EXIT_USAGE;
}
