# Turns the interactive page's parts into a C source (cmake -P):
#   -DOUT=web_assets.c -DJS=player.js -DCSS=player.css [-DWASM=core.wasm]
# Text becomes one string literal per line of the file (GCC and Clang
# take literals of any length); the WebAssembly module becomes a byte
# array.
function(c_string var path)
  file(READ "${path}" text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  string(REPLACE "\n" "\\n\"\n\"" text "${text}")
  # Keeps "??" from being read as a trigraph by a compiler that has them.
  string(REPLACE "??" "?\\?" text "${text}")
  set(${var} "\"${text}\"" PARENT_SCOPE)
endfunction()

c_string(js "${JS}")
c_string(css "${CSS}")
set(bytes "0")
set(size 0)
if(WASM)
  file(READ "${WASM}" hex HEX)
  string(LENGTH "${hex}" n)
  math(EXPR size "${n} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x..,){24})" "\\1\n" bytes "${bytes}")
endif()
file(WRITE "${OUT}.tmp"
  "/* Made by tools/embed_web.cmake from web/; do not edit. */\n"
  "#include <stddef.h>\n"
  "const char ov__web_player_js[] =\n${js};\n"
  "const char ov__web_player_css[] =\n${css};\n"
  "const unsigned char ov__web_wasm[] = {\n${bytes}\n};\n"
  "const size_t ov__web_wasm_size = ${size};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
