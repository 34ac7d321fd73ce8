/*
 * json_private.h: a small JSON reader for the import formats.
 *
 * Parses a whole text into a tree of nodes, each carrying the line and
 * column it starts at, so an importer can say where a value it did not
 * expect is.  Numbers are read with strtod (they round-trip %.17g);
 * NaN and Infinity, which Python's json module writes, are accepted as
 * numbers, as is null where a number is wanted (the caller decides).
 */
#ifndef OV_JSON_PRIVATE_H
#define OV_JSON_PRIVATE_H

#include <stddef.h>

#include <optviz/status.h>

typedef enum ov__json_type {
    OV__JSON_NULL,
    OV__JSON_FALSE,
    OV__JSON_TRUE,
    OV__JSON_NUMBER,
    OV__JSON_STRING,
    OV__JSON_ARRAY,
    OV__JSON_OBJECT
} ov__json_type;

typedef struct ov__json ov__json;
struct ov__json {
    ov__json_type type;
    long line, column;          /* where the value starts, 1-based */
    double number;
    char *string;               /* STRING: the text, NUL-terminated */
    char *key;                  /* a member of an OBJECT: its name */
    size_t n;                   /* ARRAY, OBJECT: children */
    ov__json **items;
};

/* Parses @p text; on failure err names the line, column and what was
 * expected.  @return OV_OK, OV_ERR_FORMAT, OV_ERR_TOO_LARGE (nesting),
 * OV_ERR_NOMEM. */
ov_status ov__json_parse(ov__json **out, const char *text, size_t len,
                         ov_error *err);
void ov__json_free(ov__json *j);

/* The member @p key of object @p j, NULL when absent or @p j is no
 * object. */
const ov__json *ov__json_get(const ov__json *j, const char *key);

/* The JSON type's name, for messages ("an array"). */
const char *ov__json_type_name(ov__json_type t);

#endif /* OV_JSON_PRIVATE_H */
