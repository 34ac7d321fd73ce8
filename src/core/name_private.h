/*
 * name_private.h: how names typed by a user match the library's names.
 */
#ifndef OV_NAME_PRIVATE_H
#define OV_NAME_PRIVATE_H

#include <ctype.h>

/*
 * Whether @p name is @p canonical in any case, with '-' and '_' taken as the
 * same character: losses are spelt six_hump_camel and keys weight-decay, a
 * shell user or a torch user may type either, and a matplotlib user types
 * Adam or RdBu.  Every name the library looks up goes through this.
 */
static inline int
ov__same_name(const char *canonical, const char *name)
{
    for (; *canonical && *name; canonical++, name++)
        if (tolower((unsigned char)*canonical) != tolower((unsigned char)*name)
            && !((*canonical == '_' || *canonical == '-')
                 && (*name == '_' || *name == '-')))
            return 0;
    return *canonical == *name;
}

#endif /* OV_NAME_PRIVATE_H */
