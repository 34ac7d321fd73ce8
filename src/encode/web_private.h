/*
 * web_private.h: what the interactive page is made of (internal): the
 * player's script and style sheet (web/player.js, web/player.css) and,
 * in a build with emscripten (OV_HAVE_WASM), the library's core compiled
 * to WebAssembly (web/live.c).  The build turns these files into a C
 * source (tools/embed_web.cmake), so the library carries them and a page
 * needs nothing but itself.
 */
#ifndef OV_WEB_PRIVATE_H
#define OV_WEB_PRIVATE_H

#include <stddef.h>

extern const char ov__web_player_js[];
extern const char ov__web_player_css[];
/* Empty (size 0) in a build without WebAssembly. */
extern const unsigned char ov__web_wasm[];
extern const size_t ov__web_wasm_size;

#endif /* OV_WEB_PRIVATE_H */
