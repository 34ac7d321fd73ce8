/*
 * exp_private.h: exp() for hot loops (exp.c): the same bits as exp(),
 * without glibc's errno wrapper where it can be called so.
 */
#ifndef OV_EXP_PRIVATE_H
#define OV_EXP_PRIVATE_H

typedef double (*ov__exp_fn)(double);

/* A function returning exp(x) bit for bit (thread-safe). */
ov__exp_fn ov__exp_kernel(void);

#endif /* OV_EXP_PRIVATE_H */
