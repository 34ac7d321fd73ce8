/*
 * expr_private.h: losses written as expressions, "(1-x)^2+100*(y-x^2)^2".
 *
 * The text is parsed once into a postfix program for a small stack machine.
 * Evaluation carries dual numbers (a value and its two partial derivatives)
 * through the program, so the gradient is exact forward-mode
 * differentiation, never finite differences.  At kinks the derivative
 * follows torch's autograd: abs'(0) = 0, and min/max split the gradient
 * evenly between equal arguments.
 *
 * A compiled expression is immutable: one may be evaluated from several
 * threads at once.
 */
#ifndef OV_EXPR_PRIVATE_H
#define OV_EXPR_PRIVATE_H

#include <optviz/status.h>

/* Caps that keep hostile input from exhausting the C stack or memory. */
#define OV__EXPR_MAX_LEN 4096     /* characters of text */
#define OV__EXPR_MAX_DEPTH 200    /* nesting of parentheses and operators */
#define OV__EXPR_MAX_STACK 256    /* evaluation stack slots */

typedef struct ov__expr ov__expr;

/**
 * Parses @p text.  On a syntax error returns OV_ERR_FORMAT with
 * err->column (1-based byte offset of the offending token, or one past the
 * end for a premature end) and err->what a one-line message such as
 * "unknown function 'sinn'".  OV_ERR_NOMEM when out of memory.
 */
ov_status ov__expr_compile(ov__expr **out, const char *text, ov_error *err);

void ov__expr_destroy(ov__expr *e);

/** 1 when only x (or no variable) appears, 2 when y does. */
int ov__expr_dim(const ov__expr *e);

/** The source text (borrowed). */
const char *ov__expr_text(const ov__expr *e);

/** Value at theta; the gradient too when @p grad is not NULL (grad[1] is
 *  0 for 1-D expressions; theta[1] is then not read). */
double ov__expr_eval(const ov__expr *e, const double *theta, double *grad);

/**
 * Whether @p s reads like a loss name rather than a formula: an identifier,
 * possibly hyphenated ("rosenbrok", "six-hump-camel"), whose first word is
 * not a variable or constant.  Used to report an unknown name as such.
 */
int ov__expr_name_like(const char *s);

#endif /* OV_EXPR_PRIVATE_H */
