# The library's core as WebAssembly (included by CMakeLists.txt when
# OV_WITH_WASM is on): sets OV_WASM_FILE, built by emcc from src/core and
# web/live.c (and web/libm_wasm.c).
#
# Emscripten keeps a cache of its own C library.  Debian's is read-only
# (FROZEN_CACHE in its config), so the build runs emcc with a config of
# its own (build/emscripten/config: the system one without FROZEN_CACHE,
# its cache under build/emscripten/cache), seeded with the prebuilt
# libraries Debian ships when there are some; what is missing emcc builds
# on first use (minutes), into the build folder.
execute_process(COMMAND em-config EMSCRIPTEN_ROOT
  OUTPUT_VARIABLE OV_EM_ROOT OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE rc ERROR_QUIET)
if(DEFINED ENV{EM_CONFIG} AND EXISTS "$ENV{EM_CONFIG}")
  set(OV_EM_SYSTEM_CONFIG "$ENV{EM_CONFIG}")
elseif(rc EQUAL 0 AND EXISTS "${OV_EM_ROOT}/.emscripten")
  set(OV_EM_SYSTEM_CONFIG "${OV_EM_ROOT}/.emscripten")
else()
  message(FATAL_ERROR "OV_WITH_WASM: cannot find emscripten's config "
    "(em-config EMSCRIPTEN_ROOT/.emscripten, or EM_CONFIG)")
endif()
set(OV_EM_DIR ${CMAKE_CURRENT_BINARY_DIR}/emscripten)
set(OV_EM_CACHE ${OV_EM_DIR}/cache)
set(OV_EM_CONFIG ${OV_EM_DIR}/config)
file(STRINGS "${OV_EM_SYSTEM_CONFIG}" lines)
set(config "# Made by optviz's CMakeLists.txt from ${OV_EM_SYSTEM_CONFIG}\n")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^[ \t]*(FROZEN_CACHE|CACHE)[ \t]*=")
    string(APPEND config "${line}\n")
  endif()
endforeach()
string(APPEND config "CACHE = '${OV_EM_CACHE}'\n")
file(WRITE ${OV_EM_CONFIG} "${config}")
# Seed from the system's cache: the headers and the few libraries a
# standalone module of plain C links.
execute_process(COMMAND em-config CACHE
  OUTPUT_VARIABLE sys_cache OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
set(libdir sysroot/lib/wasm32-emscripten)
if(sys_cache AND EXISTS "${sys_cache}/sysroot_install.stamp"
   AND NOT EXISTS "${OV_EM_CACHE}/sysroot_install.stamp")
  file(COPY "${sys_cache}/sysroot/include" DESTINATION
       "${OV_EM_CACHE}/sysroot")
  foreach(f crt1_reactor.o libc.a libcompiler_rt.a libdlmalloc.a
            libstandalonewasm-memgrow.a libstubs.a libnoexit.a libGL.a
            libal.a libhtml5.a libsockets.a libc++-noexcept.a
            libc++abi-noexcept.a struct_info.json)
    if(EXISTS "${sys_cache}/${libdir}/${f}")
      file(COPY "${sys_cache}/${libdir}/${f}"
           DESTINATION "${OV_EM_CACHE}/${libdir}")
    endif()
  endforeach()
  file(COPY "${sys_cache}/sysroot_install.stamp" DESTINATION
       "${OV_EM_CACHE}")
endif()

set(OV_WASM_FILE ${CMAKE_CURRENT_BINARY_DIR}/web/core.wasm)
set(OV_WASM_EXPORTS _ovw_alloc,_ovw_free,_ovw_pack_sizes,_ovw_loss,_ovw_run,_ovw_nrows,_ovw_rows,_ovw_diverged_at)
file(GLOB OV_WASM_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/src/core/*.c)
file(GLOB OV_WASM_HEADERS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/src/core/*.h
     ${CMAKE_CURRENT_SOURCE_DIR}/include/optviz/*.h)
# The same -ffp-contract=off as the tool and no fast-math: the page's
# trajectories are the tool's, bit for bit.  web/libm_wasm.c puts
# correctly rounded sin, cos and tan (src/core/trig.c) and glibc's tanh
# formula (src/core/tanh.c) in place of musl's, which differ from glibc's
# on about 3 % of arguments.
add_custom_command(OUTPUT ${OV_WASM_FILE}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/web
  COMMAND ${CMAKE_COMMAND} -E env EM_CONFIG=${OV_EM_CONFIG}
          ${OV_EMCC} -std=c11 -O2 -ffp-contract=off -D_POSIX_C_SOURCE=200809L
          -I${CMAKE_CURRENT_SOURCE_DIR}/include
          -I${CMAKE_CURRENT_SOURCE_DIR}/src/core
          --no-entry -sSTANDALONE_WASM=1 -sALLOW_MEMORY_GROWTH=1
          -sEXPORTED_FUNCTIONS=${OV_WASM_EXPORTS}
          ${OV_WASM_SOURCES} ${CMAKE_CURRENT_SOURCE_DIR}/web/live.c
          ${CMAKE_CURRENT_SOURCE_DIR}/web/libm_wasm.c
          -o ${OV_WASM_FILE}
  DEPENDS ${OV_WASM_SOURCES} ${OV_WASM_HEADERS} web/live.c web/libm_wasm.c
  COMMENT "Compiling the core to WebAssembly (emcc)" VERBATIM)
# `cmake --build build --target optviz_wasm` builds the module alone
# (.ci/run times it).
add_custom_target(optviz_wasm DEPENDS ${OV_WASM_FILE})
