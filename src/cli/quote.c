/*
 * quote.c: the command line as a shell would need it typed again.
 *
 * Outputs record how they were made (design.md §6).  The program is
 * written as "optviz", not argv[0], so the same flags give the same bytes
 * wherever the binary lives.  Words made only of characters no POSIX shell
 * treats specially stay bare; others are single-quoted, a quote inside
 * becoming '\''.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_private.h"

static int
is_safe(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9') || strchr("_@%+=:,./-", c) != NULL;
}

static int
needs_quotes(const char *s)
{
    if (!*s)
        return 1;
    for (; *s; s++)
        if (!is_safe(*s))
            return 1;
    return 0;
}

char *
ov__cli_quote_command(int argc, char **argv)
{
    size_t size = sizeof "optviz", pos;
    char *out;
    int i;

    for (i = 1; i < argc; i++)
        size += 3 + 4 * strlen(argv[i]);   /* worst case: every char a ' */
    out = malloc(size);
    if (!out)
        return NULL;
    strcpy(out, "optviz");
    pos = strlen(out);
    for (i = 1; i < argc; i++) {
        const char *s = argv[i];

        out[pos++] = ' ';
        if (!needs_quotes(s)) {
            size_t n = strlen(s);
            memcpy(out + pos, s, n);
            pos += n;
            continue;
        }
        out[pos++] = '\'';
        for (; *s; s++) {
            if (*s == '\'') {
                memcpy(out + pos, "'\\''", 4);
                pos += 4;
            } else {
                out[pos++] = *s;
            }
        }
        out[pos++] = '\'';
    }
    out[pos] = '\0';
    return out;
}

void
ov__cli_msg_clean(char *msg)
{
    for (; *msg; msg++)
        if ((unsigned char)*msg < 0x20 || *msg == 0x7f)
            *msg = '?';
}
