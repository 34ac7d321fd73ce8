/*
 * optviz/number.h: the one reader of numbers typed by a user.
 *
 * Every number of an option, an --algo key or a --schedule key goes through
 * ov_number_parse, so they all accept the same text: a decimal number,
 * optionally signed, with an optional fraction and exponent ("1e-3",
 * "-.5", "2E+4").  Hexadecimal ("0x10"), "inf", "nan", blanks and junk are
 * refused, as are values that overflow or underflow a double (1e-400 is
 * not silently 0).
 */
#ifndef OPTVIZ_NUMBER_H
#define OPTVIZ_NUMBER_H

#include "common.h"

OV_BEGIN_DECLS

typedef enum ov_number_status {
    OV_NUMBER_OK = 0,
    OV_NUMBER_EMPTY,      /* "" */
    OV_NUMBER_JUNK,       /* not a decimal number: "0x10", "1e", " 1" */
    OV_NUMBER_NONFINITE,  /* "inf", "nan" (written out) */
    OV_NUMBER_OVERFLOW,   /* beyond DBL_MAX in size: "1e400" */
    OV_NUMBER_UNDERFLOW   /* not zero, but rounds to zero: "1e-400" */
} ov_number_status;

/**
 * Reads all of @p text as a decimal number into @p out (untouched unless
 * OV_NUMBER_OK).  Subnormal results are accepted: they are not zero.
 */
OV_API ov_number_status ov_number_parse(const char *text, double *out);

/** "is not a number", "overflows a double", ...; static storage. */
OV_API const char *ov_number_problem(ov_number_status st);

OV_END_DECLS

#endif /* OPTVIZ_NUMBER_H */
