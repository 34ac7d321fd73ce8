/*
 * suggest.c: "did you mean" for unknown names.
 *
 * The distance is Levenshtein's with adjacent transpositions counted as one
 * edit (optimal string alignment), so "adma" is one edit from "adam".  A
 * candidate is offered when it is at most a third of the word's length
 * away (at least one edit, at most three), or when the word is a prefix of
 * it ("rms" for "rmsprop").
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli_private.h"

#define MAX_WORD 64

/* The tool's half of the library's rule for names (name_private.h, which
 * the tool cannot see): any case, '-' and '_' alike. */
int
ov__cli_same_name(const char *canonical, const char *name)
{
    for (; *canonical && *name; canonical++, name++)
        if (tolower((unsigned char)*canonical) != tolower((unsigned char)*name)
            && !((*canonical == '_' || *canonical == '-')
                 && (*name == '_' || *name == '-')))
            return 0;
    return *canonical == *name;
}

int
ov__edit_distance(const char *a, const char *b)
{
    /* Three rows of the dynamic programme: i-2, i-1 and i. */
    int rows[3][MAX_WORD + 1];
    size_t la = strlen(a), lb = strlen(b), i, j;

    if (la > MAX_WORD || lb > MAX_WORD)
        return MAX_WORD;
    for (j = 0; j <= lb; j++)
        rows[1][j] = (int)j;
    for (i = 1; i <= la; i++) {
        int *cur = rows[(i + 1) % 3];
        const int *prev = rows[i % 3];
        const int *prev2 = rows[(i + 2) % 3];

        cur[0] = (int)i;
        for (j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]);
            int cb = tolower((unsigned char)b[j - 1]);
            int best = prev[j - 1] + (ca != cb);

            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2])
                && tolower((unsigned char)a[i - 2]) == cb
                && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
    }
    return rows[(la + 1) % 3][lb];
}

void
ov__suggest_init(ov__suggest *s, const char *word)
{
    s->word = word ? word : "";
    s->best = NULL;
    s->dist = MAX_WORD + 1;
}

static int
is_prefix(const char *word, const char *cand)
{
    size_t n = strlen(word);

    if (n < 2 || n >= strlen(cand))
        return 0;
    while (n--) {
        if (tolower((unsigned char)word[n]) != tolower((unsigned char)cand[n]))
            return 0;
    }
    return 1;
}

void
ov__suggest_add(ov__suggest *s, const char *candidate)
{
    int d;

    if (!candidate)
        return;
    d = ov__edit_distance(s->word, candidate);
    /* A prefix is as good as one edit: the user stopped typing early. */
    if (is_prefix(s->word, candidate) && d > 1)
        d = 1;
    if (d < s->dist) {
        s->dist = d;
        s->best = candidate;
    }
}

const char *
ov__suggest_result(const ov__suggest *s)
{
    int limit = (int)strlen(s->word) / 3;

    if (limit < 1)
        limit = 1;
    if (limit > 3)
        limit = 3;
    /* Distance 0 is a difference in case only: still worth pointing at. */
    if (!s->best || s->dist > limit || strcmp(s->best, s->word) == 0)
        return NULL;
    return s->best;
}

void
ov__suggest_append(const ov__suggest *s, char *msg, size_t msgsize)
{
    const char *best = ov__suggest_result(s);
    size_t len = strlen(msg);

    if (best && len < msgsize)
        snprintf(msg + len, msgsize - len, " (did you mean '%s'?)", best);
}
