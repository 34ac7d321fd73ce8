/*
 * expr.c: expression losses: a recursive-descent parser, a postfix
 * program, and a stack machine that runs it on plain doubles (grids) or on
 * dual numbers (value and gradient, forward-mode differentiation).
 *
 * Grammar, loosest binding first:
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary (('^' | '**') unary)?      right-associative
 *   primary := number | 'x' | 'y' | 'pi' | 'e' | '(' expr ')'
 *            | function '(' expr (',' expr)* ')'
 *
 * so -x^2 = -(x^2), 2^-x = 2^(-x) and x^2^3 = x^(2^3), as in Python.
 *
 * Derivative rules are the ones of torch's autograd (derivatives.yaml), so
 * a trajectory on an expression is the trajectory torch would compute,
 * kinks included: abs'(0) = 0; min/max give each of two equal arguments
 * half the gradient; pow(a, b) with a variable exponent contributes
 * a^b log(a) db, taken as 0 where a = 0 and b >= 0.
 *
 * Sub-expressions without variables are folded at compile time with the
 * same arithmetic the machine uses; an exponent that folds to a small
 * integer becomes repeated multiplication (x^2 is x*x, as hand-written
 * losses have it).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "expr_private.h"

#define PI 3.141592653589793
#define E_CONST 2.718281828459045
#define MAX_POWI 64

enum op {
    OP_CONST, OP_X, OP_Y,
    OP_NEG, OP_ADD, OP_SUB, OP_MUL, OP_DIV,
    OP_POW,       /* a^b with b depending on a variable */
    OP_POWI,      /* a^n, integer constant n: repeated multiplication */
    OP_POWC,      /* a^c, non-integer constant c */
    OP_SIN, OP_COS, OP_TAN, OP_EXP, OP_LOG, OP_SQRT, OP_ABS, OP_TANH,
    OP_SIGMOID,
    OP_MIN, OP_MAX
};

#define FLAG_BASE_CONST 1   /* OP_POW: the base has no variable */

typedef struct instr {
    unsigned char op;
    unsigned char flags;
    int n;                  /* OP_POWI exponent */
    double c;               /* OP_CONST value, OP_POWC exponent */
} instr;

struct ov__expr {
    char *text;
    int dim;
    size_t n_code;
    instr *code;
};

/* ---- parse tree ------------------------------------------------------- */

typedef struct node {
    unsigned char op;
    unsigned char is_const;   /* no variable below */
    unsigned char has_y;
    int a, b;                 /* operands, -1 when absent */
    double c;                 /* OP_CONST */
} node;

enum tok {
    T_END, T_NUM, T_IDENT, T_PLUS, T_MINUS, T_STAR, T_SLASH, T_POW,
    T_LPAREN, T_RPAREN, T_COMMA
};

typedef struct parser {
    const char *s;
    size_t len;
    size_t pos;              /* next unread byte */
    int tok;                 /* current token */
    size_t tstart, tlen;     /* its span */
    double num;              /* T_NUM value */
    node *nodes;
    size_t n_nodes, cap_nodes;
    int depth;
    int failed;
    ov_error *err;
} parser;

static const struct {
    const char *name;
    unsigned char op;
    int arity;
} functions[] = {
    { "sin", OP_SIN, 1 }, { "cos", OP_COS, 1 }, { "tan", OP_TAN, 1 },
    { "exp", OP_EXP, 1 }, { "log", OP_LOG, 1 }, { "sqrt", OP_SQRT, 1 },
    { "abs", OP_ABS, 1 }, { "tanh", OP_TANH, 1 },
    { "sigmoid", OP_SIGMOID, 1 },
    { "min", OP_MIN, 2 }, { "max", OP_MAX, 2 }, { "pow", OP_POW, 2 },
};

#define N_FUNCTIONS (sizeof functions / sizeof functions[0])

static void
fail_at(parser *p, size_t offset, const char *fmt, const char *arg)
{
    if (p->failed)
        return;
    p->failed = 1;
    if (p->err) {
        p->err->status = OV_ERR_FORMAT;
        p->err->line = 0;
        p->err->column = (long)offset + 1;
        snprintf(p->err->what, sizeof p->err->what, fmt, arg ? arg : "");
    }
}

/* The current token as text for a message, shortened if long. */
static const char *
tok_text(const parser *p, char *buf, size_t size)
{
    size_t n = p->tlen;

    if (n == 0)
        return "end of expression";
    if (n > size - 4) {
        memcpy(buf, p->s + p->tstart, size - 4);
        strcpy(buf + size - 4, "...");
    } else {
        memcpy(buf, p->s + p->tstart, n);
        buf[n] = '\0';
    }
    return buf;
}

static int
is_ident_start(int c)
{
    return isalpha((unsigned char)c) || c == '_';
}

static int
is_ident_char(int c)
{
    return isalnum((unsigned char)c) || c == '_';
}

static int
lex_number(parser *p)
{
    const char *s = p->s;
    size_t i = p->pos, start = p->pos;
    char buf[128];
    char *end;

    while (isdigit((unsigned char)s[i]))
        i++;
    if (s[i] == '.') {
        i++;
        while (isdigit((unsigned char)s[i]))
            i++;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-')
            j++;
        if (isdigit((unsigned char)s[j])) {
            while (isdigit((unsigned char)s[j]))
                j++;
            i = j;
        } else if (!is_ident_start(s[i + 1])) {
            /* "1e", "1e+": an exponent without digits */
            i = j;
            p->tstart = start;
            p->tlen = i - start;
            fail_at(p, start, "malformed number '%s'",
                    tok_text(p, buf, sizeof buf));
            return 0;
        }
        /* else "2exp(x)": a number, then an identifier */
    }
    p->tstart = start;
    p->tlen = i - start;
    if (s[i] == '.' || isdigit((unsigned char)s[i])) {
        while (s[i] == '.' || is_ident_char(s[i]))
            i++;
        p->tlen = i - start;
        fail_at(p, start, "malformed number '%s'",
                tok_text(p, buf, sizeof buf));
        return 0;
    }
    if (p->tlen >= sizeof buf) {
        fail_at(p, start, "number too long '%s'",
                tok_text(p, buf, sizeof buf));
        return 0;
    }
    memcpy(buf, s + start, p->tlen);
    buf[p->tlen] = '\0';
    p->num = strtod(buf, &end);
    if (*end != '\0') {
        fail_at(p, start, "malformed number '%s'", buf);
        return 0;
    }
    if (!isfinite(p->num)) {
        fail_at(p, start, "number out of range '%s'", buf);
        return 0;
    }
    p->pos = i;
    p->tok = T_NUM;
    return 1;
}

/* Reads the next token; 0 (with the error set) on a lexical error. */
static int
advance(parser *p)
{
    const char *s = p->s;
    char c, buf[16];

    while (s[p->pos] == ' ' || s[p->pos] == '\t' || s[p->pos] == '\n' ||
           s[p->pos] == '\r')
        p->pos++;
    p->tstart = p->pos;
    p->tlen = 1;
    c = s[p->pos];
    if (c == '\0') {
        p->tok = T_END;
        p->tlen = 0;
        return 1;
    }
    if (isdigit((unsigned char)c) ||
        (c == '.' && isdigit((unsigned char)s[p->pos + 1])))
        return lex_number(p);
    if (is_ident_start(c)) {
        size_t i = p->pos;
        while (is_ident_char(s[i]))
            i++;
        p->tlen = i - p->pos;
        p->pos = i;
        p->tok = T_IDENT;
        return 1;
    }
    p->pos++;
    switch (c) {
    case '+': p->tok = T_PLUS; return 1;
    case '-': p->tok = T_MINUS; return 1;
    case '/': p->tok = T_SLASH; return 1;
    case '^': p->tok = T_POW; return 1;
    case '(': p->tok = T_LPAREN; return 1;
    case ')': p->tok = T_RPAREN; return 1;
    case ',': p->tok = T_COMMA; return 1;
    case '*':
        if (s[p->pos] == '*') {
            p->pos++;
            p->tlen = 2;
            p->tok = T_POW;
        } else {
            p->tok = T_STAR;
        }
        return 1;
    default:
        break;
    }
    if (isprint((unsigned char)c)) {
        buf[0] = c;
        buf[1] = '\0';
        fail_at(p, p->tstart, "unexpected character '%s'", buf);
    } else {
        snprintf(buf, sizeof buf, "0x%02X", (unsigned)(unsigned char)c);
        fail_at(p, p->tstart, "unexpected byte %s", buf);
    }
    return 0;
}

static int
add_node(parser *p, int op, int a, int b, double c)
{
    node *n;

    /* Each token makes at most one node, so the pool sized from the text
     * length never overflows; the check guards that reasoning. */
    if (p->n_nodes >= p->cap_nodes) {
        fail_at(p, p->tstart, "%sexpression too complex", "");
        return -1;
    }
    n = &p->nodes[p->n_nodes];
    n->op = (unsigned char)op;
    n->a = a;
    n->b = b;
    n->c = c;
    n->is_const = (unsigned char)((op == OP_CONST) ||
        (op != OP_X && op != OP_Y && p->nodes[a].is_const &&
         (b < 0 || p->nodes[b].is_const)));
    n->has_y = (unsigned char)(op == OP_Y ||
        (a >= 0 && p->nodes[a].has_y) || (b >= 0 && p->nodes[b].has_y));
    return (int)p->n_nodes++;
}

static int
enter(parser *p)
{
    if (++p->depth > OV__EXPR_MAX_DEPTH) {
        fail_at(p, p->tstart, "%sexpression nested too deeply", "");
        return 0;
    }
    return 1;
}

static int parse_expr(parser *p);
static int parse_unary(parser *p);

static int
unexpected(parser *p)
{
    char buf[48];

    if (p->tok == T_END)
        fail_at(p, p->tstart, "%sunexpected end of expression", "");
    else
        fail_at(p, p->tstart, "unexpected '%s'", tok_text(p, buf, sizeof buf));
    return -1;
}

static int
parse_call(parser *p, size_t k, size_t name_at)
{
    int args[2] = { -1, -1 };
    int nargs = 0;
    char buf[48];

    if (!advance(p))
        return -1;
    if (p->tok != T_LPAREN) {
        fail_at(p, p->tstart, "expected '(' after '%s'", functions[k].name);
        return -1;
    }
    if (!enter(p) || !advance(p))
        return -1;
    for (;;) {
        int a = parse_expr(p);
        if (a < 0)
            return -1;
        if (nargs < 2)
            args[nargs] = a;
        nargs++;
        if (p->tok != T_COMMA)
            break;
        if (nargs >= functions[k].arity) {
            snprintf(buf, sizeof buf, "'%s' takes %d argument%s",
                     functions[k].name, functions[k].arity,
                     functions[k].arity == 1 ? "" : "s");
            fail_at(p, p->tstart, "%s", buf);
            return -1;
        }
        if (!advance(p))
            return -1;
    }
    if (p->tok != T_RPAREN) {
        fail_at(p, p->tstart, "%sexpected ')'", "");
        return -1;
    }
    if (nargs != functions[k].arity) {
        snprintf(buf, sizeof buf, "'%s' takes %d argument%s",
                 functions[k].name, functions[k].arity,
                 functions[k].arity == 1 ? "" : "s");
        fail_at(p, name_at, "%s", buf);
        return -1;
    }
    p->depth--;
    if (!advance(p))
        return -1;
    return add_node(p, functions[k].op, args[0], args[1], 0.0);
}

static int
parse_primary(parser *p)
{
    char name[48];
    size_t at = p->tstart;
    size_t k;
    int n;

    switch (p->tok) {
    case T_NUM:
        n = add_node(p, OP_CONST, -1, -1, p->num);
        return n < 0 || !advance(p) ? -1 : n;
    case T_LPAREN:
        if (!enter(p) || !advance(p))
            return -1;
        n = parse_expr(p);
        if (n < 0)
            return -1;
        if (p->tok != T_RPAREN) {
            fail_at(p, p->tstart, "%sexpected ')'", "");
            return -1;
        }
        p->depth--;
        return advance(p) ? n : -1;
    case T_IDENT:
        break;
    default:
        return unexpected(p);
    }
    tok_text(p, name, sizeof name);
    if (strcmp(name, "x") == 0)
        n = add_node(p, OP_X, -1, -1, 0.0);
    else if (strcmp(name, "y") == 0)
        n = add_node(p, OP_Y, -1, -1, 0.0);
    else if (strcmp(name, "pi") == 0)
        n = add_node(p, OP_CONST, -1, -1, PI);
    else if (strcmp(name, "e") == 0)
        n = add_node(p, OP_CONST, -1, -1, E_CONST);
    else {
        for (k = 0; k < N_FUNCTIONS; k++)
            if (strcmp(name, functions[k].name) == 0)
                return parse_call(p, k, at);
        /* Unknown: a function if a '(' follows, else a variable. */
        {
            size_t i = p->pos;
            while (p->s[i] == ' ' || p->s[i] == '\t')
                i++;
            fail_at(p, at, p->s[i] == '(' ? "unknown function '%s'"
                                          : "unknown variable '%s'", name);
        }
        return -1;
    }
    return n < 0 || !advance(p) ? -1 : n;
}

static int
parse_power(parser *p)
{
    int base = parse_primary(p), ex;

    if (base < 0)
        return -1;
    if (p->tok != T_POW)
        return base;
    if (!enter(p) || !advance(p))
        return -1;
    ex = parse_unary(p);
    if (ex < 0)
        return -1;
    p->depth--;
    return add_node(p, OP_POW, base, ex, 0.0);
}

static int
parse_unary(parser *p)
{
    int neg, a;

    if (p->tok != T_MINUS && p->tok != T_PLUS)
        return parse_power(p);
    neg = p->tok == T_MINUS;
    if (!enter(p) || !advance(p))
        return -1;
    a = parse_unary(p);
    if (a < 0)
        return -1;
    p->depth--;
    return neg ? add_node(p, OP_NEG, a, -1, 0.0) : a;
}

static int
parse_term(parser *p)
{
    int left = parse_unary(p);

    while (left >= 0 && (p->tok == T_STAR || p->tok == T_SLASH)) {
        int op = p->tok == T_STAR ? OP_MUL : OP_DIV, right;
        if (!advance(p))
            return -1;
        right = parse_unary(p);
        if (right < 0)
            return -1;
        left = add_node(p, op, left, right, 0.0);
    }
    return left;
}

static int
parse_expr(parser *p)
{
    int left = parse_term(p);

    while (left >= 0 && (p->tok == T_PLUS || p->tok == T_MINUS)) {
        int op = p->tok == T_PLUS ? OP_ADD : OP_SUB, right;
        if (!advance(p))
            return -1;
        right = parse_term(p);
        if (right < 0)
            return -1;
        left = add_node(p, op, left, right, 0.0);
    }
    return left;
}

/* ---- arithmetic shared by folding and the machine --------------------- */

static double
powi(double a, int n)
{
    int k, m = n < 0 ? -n : n;
    double r = 1.0;

    if (m > 0) {
        r = a;
        for (k = 1; k < m; k++)
            r = r * a;
    }
    return n < 0 ? 1.0 / r : r;
}

static double
sigmoid(double a)
{
    return 1.0 / (1.0 + exp(-a));
}

static double
apply1(int op, double a)
{
    switch (op) {
    case OP_NEG: return -a;
    case OP_SIN: return sin(a);
    case OP_COS: return cos(a);
    case OP_TAN: return tan(a);
    case OP_EXP: return exp(a);
    case OP_LOG: return log(a);
    case OP_SQRT: return sqrt(a);
    case OP_ABS: return fabs(a);
    case OP_TANH: return tanh(a);
    case OP_SIGMOID: return sigmoid(a);
    default: return NAN;
    }
}

/* min/max propagate NaN, as torch.minimum/maximum do. */
static double
apply2(int op, double a, double b)
{
    switch (op) {
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_MUL: return a * b;
    case OP_DIV: return a / b;
    case OP_POW: return pow(a, b);
    case OP_MIN: return isnan(a) || isnan(b) ? NAN : (a < b ? a : b);
    case OP_MAX: return isnan(a) || isnan(b) ? NAN : (a > b ? a : b);
    default: return NAN;
    }
}

static int
is_binary(int op)
{
    return op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_DIV ||
           op == OP_POW || op == OP_MIN || op == OP_MAX;
}

static double
fold(const node *nodes, int i)
{
    const node *n = &nodes[i];

    if (n->op == OP_CONST)
        return n->c;
    if (is_binary(n->op))
        return apply2(n->op, fold(nodes, n->a), fold(nodes, n->b));
    return apply1(n->op, fold(nodes, n->a));
}

/* ---- code generation -------------------------------------------------- */

typedef struct emitter {
    const node *nodes;
    instr *code;
    size_t n;
    int sp, max_sp;
} emitter;

static void
emit(emitter *em, int op, int flags, int n, double c, int pops, int pushes)
{
    instr *in = &em->code[em->n++];

    in->op = (unsigned char)op;
    in->flags = (unsigned char)flags;
    in->n = n;
    in->c = c;
    em->sp += pushes - pops;
    if (em->sp > em->max_sp)
        em->max_sp = em->sp;
}

static void
gen(emitter *em, int i)
{
    const node *n = &em->nodes[i];

    if (n->is_const) {
        emit(em, OP_CONST, 0, 0, fold(em->nodes, i), 0, 1);
        return;
    }
    switch (n->op) {
    case OP_X:
    case OP_Y:
        emit(em, n->op, 0, 0, 0.0, 0, 1);
        return;
    case OP_POW:
        gen(em, n->a);
        if (em->nodes[n->b].is_const) {
            double c = fold(em->nodes, n->b);
            if (c == floor(c) && fabs(c) <= MAX_POWI)
                emit(em, OP_POWI, 0, (int)c, 0.0, 1, 1);
            else
                emit(em, OP_POWC, 0, 0, c, 1, 1);
            return;
        }
        gen(em, n->b);
        emit(em, OP_POW, em->nodes[n->a].is_const ? FLAG_BASE_CONST : 0, 0,
             0.0, 2, 1);
        return;
    default:
        break;
    }
    gen(em, n->a);
    if (is_binary(n->op)) {
        gen(em, n->b);
        emit(em, n->op, 0, 0, 0.0, 2, 1);
    } else {
        emit(em, n->op, 0, 0, 0.0, 1, 1);
    }
}

ov_status
ov__expr_compile(ov__expr **out, const char *text, ov_error *err)
{
    parser p;
    emitter em;
    ov__expr *e;
    size_t len = strlen(text);
    int root;

    *out = NULL;
    memset(&p, 0, sizeof p);
    p.s = text;
    p.len = len;
    p.err = err;
    if (len > OV__EXPR_MAX_LEN) {
        char msg[64];
        snprintf(msg, sizeof msg, "expression longer than %d characters",
                 OV__EXPR_MAX_LEN);
        fail_at(&p, OV__EXPR_MAX_LEN, "%s", msg);
        return OV_ERR_FORMAT;
    }
    p.cap_nodes = len + 2;
    p.nodes = ov__malloc3(p.cap_nodes, sizeof *p.nodes, 1);
    if (!p.nodes)
        return OV_ERR_NOMEM;
    root = -1;
    if (advance(&p)) {
        if (p.tok == T_END)
            fail_at(&p, 0, "%sempty expression", "");
        else
            root = parse_expr(&p);
    }
    if (root >= 0 && p.tok != T_END) {
        char buf[48];
        if (p.tok == T_RPAREN || p.tok == T_COMMA)
            unexpected(&p);
        else
            fail_at(&p, p.tstart, "unexpected '%s' (missing operator?)",
                    tok_text(&p, buf, sizeof buf));
        root = -1;
    }
    if (root < 0 || p.failed) {
        ov__free(p.nodes);
        return OV_ERR_FORMAT;
    }

    e = ov__calloc(1, sizeof *e);
    if (!e) {
        ov__free(p.nodes);
        return OV_ERR_NOMEM;
    }
    e->text = ov__strdup(text);
    e->code = ov__malloc3(p.n_nodes, sizeof *e->code, 1);
    if (!e->text || !e->code) {
        ov__free(p.nodes);
        ov__expr_destroy(e);
        return OV_ERR_NOMEM;
    }
    memset(&em, 0, sizeof em);
    em.nodes = p.nodes;
    em.code = e->code;
    gen(&em, root);
    e->n_code = em.n;
    e->dim = p.nodes[root].has_y ? 2 : 1;
    ov__free(p.nodes);
    if (em.max_sp > OV__EXPR_MAX_STACK) {
        if (err) {
            err->status = OV_ERR_FORMAT;
            err->line = 0;
            err->column = 1;
            snprintf(err->what, sizeof err->what,
                     "expression too complex (needs %d stack slots, "
                     "at most %d)", em.max_sp, OV__EXPR_MAX_STACK);
        }
        ov__expr_destroy(e);
        return OV_ERR_FORMAT;
    }
    *out = e;
    return OV_OK;
}

void
ov__expr_destroy(ov__expr *e)
{
    if (!e)
        return;
    ov__free(e->text);
    ov__free(e->code);
    ov__free(e);
}

int
ov__expr_dim(const ov__expr *e)
{
    return e->dim;
}

const char *
ov__expr_text(const ov__expr *e)
{
    return e->text;
}

/* ---- the machine ------------------------------------------------------ */

static double
eval_value(const ov__expr *e, const double *theta)
{
    double s[OV__EXPR_MAX_STACK];
    int sp = 0;
    size_t k;

    for (k = 0; k < e->n_code; k++) {
        const instr *in = &e->code[k];
        switch (in->op) {
        case OP_CONST: s[sp++] = in->c; break;
        case OP_X: s[sp++] = theta[0]; break;
        case OP_Y: s[sp++] = theta[1]; break;
        case OP_POWI: s[sp - 1] = powi(s[sp - 1], in->n); break;
        case OP_POWC: s[sp - 1] = pow(s[sp - 1], in->c); break;
        case OP_ADD: sp--; s[sp - 1] = s[sp - 1] + s[sp]; break;
        case OP_SUB: sp--; s[sp - 1] = s[sp - 1] - s[sp]; break;
        case OP_MUL: sp--; s[sp - 1] = s[sp - 1] * s[sp]; break;
        case OP_DIV: sp--; s[sp - 1] = s[sp - 1] / s[sp]; break;
        case OP_POW:
        case OP_MIN:
        case OP_MAX:
            sp--;
            s[sp - 1] = apply2(in->op, s[sp - 1], s[sp]);
            break;
        default:
            s[sp - 1] = apply1(in->op, s[sp - 1]);
            break;
        }
    }
    return s[0];
}

/*
 * A dual number: the value, its partial derivatives, and which variables
 * it depends on.  The mask lets a variable that does not flow through an
 * operand contribute nothing, as in reverse mode, so sqrt(x) + y at x = 0
 * has the partial 1 in y (torch's answer) rather than inf * 0 = NaN.
 */
typedef struct dual {
    double v, d[2];
    unsigned m;             /* bit k: depends on variable k */
} dual;

static double
eval_dual(const ov__expr *e, const double *theta, double *grad)
{
    dual s[OV__EXPR_MAX_STACK];
    int sp = 0, k;
    size_t i;

    for (i = 0; i < e->n_code; i++) {
        const instr *in = &e->code[i];
        dual *a, *b, r;
        double ca = 0.0, cb = 0.0;   /* d r / d a, d r / d b */

        switch (in->op) {
        case OP_CONST:
            s[sp].v = in->c;
            s[sp].d[0] = s[sp].d[1] = 0.0;
            s[sp].m = 0;
            sp++;
            continue;
        case OP_X:
        case OP_Y:
            k = in->op == OP_Y;
            s[sp].v = theta[k];
            s[sp].d[k] = 1.0;
            s[sp].d[1 - k] = 0.0;
            s[sp].m = 1u << k;
            sp++;
            continue;
        default:
            break;
        }
        if (is_binary(in->op)) {
            sp--;
            a = &s[sp - 1];
            b = &s[sp];
        } else {
            a = &s[sp - 1];
            b = NULL;
        }
        switch (in->op) {
        case OP_NEG:
            r.v = -a->v;
            ca = -1.0;
            break;
        case OP_ADD:
            r.v = a->v + b->v;
            ca = 1.0;
            cb = 1.0;
            break;
        case OP_SUB:
            r.v = a->v - b->v;
            ca = 1.0;
            cb = -1.0;
            break;
        case OP_MUL:
            r.v = a->v * b->v;
            ca = b->v;
            cb = a->v;
            break;
        case OP_DIV:
            r.v = a->v / b->v;
            ca = 1.0 / b->v;
            cb = -a->v / (b->v * b->v);
            break;
        case OP_POWI:
            r.v = powi(a->v, in->n);
            ca = in->n == 0 ? 0.0 : in->n * powi(a->v, in->n - 1);
            break;
        case OP_POWC:
            r.v = pow(a->v, in->c);
            ca = in->c == 0.0 ? 0.0 : in->c * pow(a->v, in->c - 1.0);
            break;
        case OP_POW:
            r.v = pow(a->v, b->v);
            ca = b->v == 0.0 ? 0.0 : b->v * pow(a->v, b->v - 1.0);
            /* torch masks a^b log(a) to 0 where a = 0 and b >= 0 */
            cb = a->v == 0.0 && b->v >= 0.0 ? 0.0 : r.v * log(a->v);
            break;
        case OP_SIN:
            r.v = sin(a->v);
            ca = cos(a->v);
            break;
        case OP_COS:
            r.v = cos(a->v);
            ca = -sin(a->v);
            break;
        case OP_TAN:
            r.v = tan(a->v);
            ca = 1.0 + r.v * r.v;
            break;
        case OP_EXP:
            r.v = exp(a->v);
            ca = r.v;
            break;
        case OP_LOG:
            r.v = log(a->v);
            ca = 1.0 / a->v;
            break;
        case OP_SQRT:
            r.v = sqrt(a->v);
            ca = 1.0 / (2.0 * r.v);
            break;
        case OP_ABS:
            r.v = fabs(a->v);
            ca = a->v > 0.0 ? 1.0 : a->v < 0.0 ? -1.0 : a->v == 0.0 ? 0.0
                                                                   : a->v;
            break;
        case OP_TANH:
            r.v = tanh(a->v);
            ca = 1.0 - r.v * r.v;
            break;
        case OP_SIGMOID:
            r.v = sigmoid(a->v);
            ca = (1.0 - r.v) * r.v;
            break;
        case OP_MIN:
        case OP_MAX:
            r.v = apply2(in->op, a->v, b->v);
            if (isnan(r.v)) {
                ca = cb = NAN;
            } else if (a->v == b->v) {
                ca = cb = 0.5;
            } else if ((in->op == OP_MAX) == (a->v > b->v)) {
                ca = 1.0;
            } else {
                cb = 1.0;
            }
            break;
        default:
            r.v = ca = cb = NAN;
            break;
        }
        r.m = a->m | (b ? b->m : 0u);
        for (k = 0; k < 2; k++) {
            double d = 0.0;
            if (a->m & (1u << k))
                d = ca * a->d[k];
            if (b && (b->m & (1u << k)))
                d = (a->m & (1u << k)) ? d + cb * b->d[k] : cb * b->d[k];
            r.d[k] = d;
        }
        *a = r;
    }
    grad[0] = s[0].d[0];
    grad[1] = s[0].d[1];
    return s[0].v;
}

double
ov__expr_eval(const ov__expr *e, const double *theta, double *grad)
{
    if (!grad)
        return eval_value(e, theta);
    return eval_dual(e, theta, grad);
}

int
ov__expr_name_like(const char *s)
{
    size_t i = 0, first_end;
    char first[8];

    if (!is_ident_start(s[0]))
        return 0;
    while (is_ident_char(s[i]))
        i++;
    first_end = i;
    while (s[i] == '-' && is_ident_start(s[i + 1])) {
        i++;
        while (is_ident_char(s[i]))
            i++;
    }
    if (s[i] != '\0')
        return 0;
    if (first_end < sizeof first) {
        memcpy(first, s, first_end);
        first[first_end] = '\0';
        if (!strcmp(first, "x") || !strcmp(first, "y") ||
            !strcmp(first, "pi") || !strcmp(first, "e"))
            return 0;
    }
    return 1;
}
