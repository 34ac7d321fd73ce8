/*
 * name_private.h: how names typed by a user match the library's names.
 */
#ifndef OV_NAME_PRIVATE_H
#define OV_NAME_PRIVATE_H

/*
 * Whether @p name is @p canonical with '-' and '_' taken as the same
 * character: losses are spelt six_hump_camel and keys weight-decay, and a
 * shell user or a torch user may type either.
 */
static inline int
ov__same_name(const char *canonical, const char *name)
{
    for (; *canonical && *name; canonical++, name++)
        if (*canonical != *name
            && !((*canonical == '_' || *canonical == '-')
                 && (*name == '_' || *name == '-')))
            return 0;
    return *canonical == *name;
}

#endif /* OV_NAME_PRIVATE_H */
