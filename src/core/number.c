/*
 * number.c: the decimal numbers users type (include/optviz/number.h).
 *
 * strtod alone reads too much: hexadecimal, "inf", "nan", "infinity",
 * leading blanks, and an underflow it quietly rounds to zero.  The grammar
 * is checked first; strtod then only converts.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>

#include <optviz/number.h>

/* Whether @p s is [+-] (d+[.d*] | .d+) ([eE][+-]d+)?, and whether any
 * digit of its mantissa is not 0. */
static int
decimal(const char *s, int *nonzero)
{
    int digits = 0;

    *nonzero = 0;
    if (*s == '+' || *s == '-')
        s++;
    for (; isdigit((unsigned char)*s); s++, digits++)
        *nonzero |= *s != '0';
    if (*s == '.')
        for (s++; isdigit((unsigned char)*s); s++, digits++)
            *nonzero |= *s != '0';
    if (!digits)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!isdigit((unsigned char)*s))
            return 0;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return *s == '\0';
}

/* strtod's words for infinity and NaN, in any case, signed or not: named
 * for what they are rather than called junk. */
static int
is_word(const char *s)
{
    static const char *const words[] = { "inf", "infinity", "nan" };
    size_t w, k;

    if (*s == '+' || *s == '-')
        s++;
    for (w = 0; w < sizeof words / sizeof words[0]; w++) {
        for (k = 0; s[k] && tolower((unsigned char)s[k]) == words[w][k]; k++)
            ;
        if (!s[k] && !words[w][k])
            return 1;
    }
    return 0;
}

ov_number_status
ov_number_parse(const char *text, double *out)
{
    int nonzero;
    double v;

    if (!*text)
        return OV_NUMBER_EMPTY;
    if (!decimal(text, &nonzero))
        return is_word(text) ? OV_NUMBER_NONFINITE : OV_NUMBER_JUNK;
    v = strtod(text, NULL);
    if (isinf(v))
        return OV_NUMBER_OVERFLOW;
    if (v == 0.0 && nonzero)
        return OV_NUMBER_UNDERFLOW;
    *out = v;
    return OV_NUMBER_OK;
}

const char *
ov_number_problem(ov_number_status st)
{
    switch (st) {
    case OV_NUMBER_OK:
        return "is a number";
    case OV_NUMBER_EMPTY:
        return "is empty";
    case OV_NUMBER_JUNK:
        return "is not a (decimal) number";
    case OV_NUMBER_NONFINITE:
        return "is not a finite number";
    case OV_NUMBER_OVERFLOW:
        return "is out of range (overflows a double)";
    case OV_NUMBER_UNDERFLOW:
        return "is out of range (underflows to 0)";
    }
    return "is not a number";
}
