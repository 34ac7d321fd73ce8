/*
 * optviz/common.h: export macro and the small types every module shares.
 */
#ifndef OPTVIZ_COMMON_H
#define OPTVIZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(OV_BUILDING_DLL)
#  define OV_API __declspec(dllexport)
#elif defined(__GNUC__)
#  define OV_API __attribute__((visibility("default")))
#else
#  define OV_API
#endif

#ifdef __cplusplus
#  define OV_BEGIN_DECLS extern "C" {
#  define OV_END_DECLS }
#else
#  define OV_BEGIN_DECLS
#  define OV_END_DECLS
#endif

OV_BEGIN_DECLS

/*
 * A byte sink.  Writers (trajectory CSV/JSON, PNG, GIF, SVG/PDF) push their
 * output through one of these; @p closure is the caller's.  Return OV_OK
 * (0) when all @p len bytes were taken, anything else to abort the writer,
 * which then returns that status unchanged.
 */
typedef int (*ov_write_fn)(void *closure, const unsigned char *data,
                           size_t len);

OV_END_DECLS

#endif /* OPTVIZ_COMMON_H */
