# palabre_embed_assets(TARGET <lib> FILES <abs paths...> [CACHE_CONTROL <value>])
#
# Embeds files into the binary as palabre::http::StaticAsset values (http/static_assets.h):
# at build time each file is gzipped (gzip -9n, reproducible) and a .cc is generated that
# defines
#     std::span<const palabre::http::StaticAsset> palabre::web::EmbeddedAssets();
# (declared in web/embedded_assets.h), one asset per file, served at "/<file name>" with its
# content type, body, gzip body, a strong ETag (SHA-256 of the body) and CACHE_CONTROL
# (default: one day, then revalidated by ETag, since /embed.js keeps its URL across releases).
# The .cc is regenerated whenever a file changes; FILES may be outputs of custom commands.
#
# The same file is also the generator, run as `cmake -P` with PALABRE_EMBED_OUT set.

set(_PALABRE_EMBED_SELF "${CMAKE_CURRENT_LIST_FILE}")

if(NOT CMAKE_SCRIPT_MODE_FILE)
  function(palabre_embed_assets)
    cmake_parse_arguments(ARG "" "TARGET;CACHE_CONTROL" "FILES" ${ARGN})
    if(NOT ARG_TARGET OR NOT ARG_FILES)
      message(FATAL_ERROR "palabre_embed_assets: TARGET and FILES are required")
    endif()
    if(NOT ARG_CACHE_CONTROL)
      set(ARG_CACHE_CONTROL "public, max-age=86400, stale-while-revalidate=604800")
    endif()
    find_program(PALABRE_GZIP gzip REQUIRED)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_embedded_assets.cc")
    string(REPLACE ";" "|" files "${ARG_FILES}")
    add_custom_command(
      OUTPUT "${out}"
      COMMAND "${CMAKE_COMMAND}" "-DPALABRE_EMBED_OUT=${out}" "-DPALABRE_EMBED_FILES=${files}"
              "-DPALABRE_EMBED_CACHE_CONTROL=${ARG_CACHE_CONTROL}" "-DPALABRE_GZIP=${PALABRE_GZIP}"
              -P "${_PALABRE_EMBED_SELF}"
      DEPENDS ${ARG_FILES} "${_PALABRE_EMBED_SELF}"
      COMMENT "Embedding ${ARG_FILES}"
      VERBATIM)
    target_sources(${ARG_TARGET} PRIVATE "${out}")
    # A bundle is a string literal longer than the 65,536 characters the standard promises:
    # GCC and clang both compile it; clang's -Wpedantic would say so (-Woverlength-strings).
    set_source_files_properties("${out}" PROPERTIES COMPILE_OPTIONS -Wno-overlength-strings)
  endfunction()
  return()
endif()

# ---- Script mode: generate PALABRE_EMBED_OUT from PALABRE_EMBED_FILES ("|"-separated). ----

# Hex digits → C string literal, 16 bytes a line: "\x1f\x8b..."
function(_palabre_c_literal hex out_var)
  string(LENGTH "${hex}" n)
  if(n EQUAL 0)
    set(${out_var} "\"\"" PARENT_SCOPE)
    return()
  endif()
  string(REGEX REPLACE "([0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f])"
         "\\1\n" hex "${hex}")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" lit "${hex}")
  string(REGEX REPLACE "\n$" "" lit "${lit}")
  string(REPLACE "\n" "\"\n    \"" lit "${lit}")
  set(${out_var} "\"${lit}\"" PARENT_SCOPE)
endfunction()

function(_palabre_content_type file out_var)
  get_filename_component(ext "${file}" LAST_EXT)
  string(TOLOWER "${ext}" ext)
  if(ext STREQUAL ".js" OR ext STREQUAL ".mjs")
    set(t "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(t "text/css; charset=utf-8")
  elseif(ext STREQUAL ".html")
    set(t "text/html; charset=utf-8")
  elseif(ext STREQUAL ".json" OR ext STREQUAL ".map")
    set(t "application/json; charset=utf-8")
  elseif(ext STREQUAL ".svg")
    set(t "image/svg+xml")
  elseif(ext STREQUAL ".png")
    set(t "image/png")
  elseif(ext STREQUAL ".txt")
    set(t "text/plain; charset=utf-8")
  else()
    set(t "application/octet-stream")
  endif()
  set(${out_var} "${t}" PARENT_SCOPE)
endfunction()

string(REPLACE "|" ";" files "${PALABRE_EMBED_FILES}")
set(decls "")
set(items "")
set(i 0)
foreach(f IN LISTS files)
  if(NOT EXISTS "${f}")
    message(FATAL_ERROR "palabre_embed_assets: ${f} does not exist")
  endif()
  get_filename_component(name "${f}" NAME)
  file(READ "${f}" hex HEX)
  set(gz "${PALABRE_EMBED_OUT}.${i}.gz")
  execute_process(COMMAND "${PALABRE_GZIP}" -9 -n -c "${f}" OUTPUT_FILE "${gz}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "palabre_embed_assets: gzip failed on ${f}")
  endif()
  file(READ "${gz}" gzhex HEX)
  file(REMOVE "${gz}")
  file(SHA256 "${f}" sha)
  string(SUBSTRING "${sha}" 0 24 etag)
  _palabre_content_type("${f}" type)
  _palabre_c_literal("${hex}" body)
  _palabre_c_literal("${gzhex}" gzbody)
  string(APPEND decls "// ${name}\nconstexpr char kBody${i}[] =\n    ${body};\n"
         "constexpr char kGzip${i}[] =\n    ${gzbody};\n\n")
  string(APPEND items
         "      {\"/${name}\", \"${type}\", std::string(kBody${i}, sizeof(kBody${i}) - 1),\n"
         "       std::string(kGzip${i}, sizeof(kGzip${i}) - 1), \"\\\"${etag}\\\"\",\n"
         "       \"${PALABRE_EMBED_CACHE_CONTROL}\"},\n")
  math(EXPR i "${i} + 1")
endforeach()

set(code "// Generated by cmake/EmbedAssets.cmake from ${PALABRE_EMBED_FILES}: do not edit.
#include <span>
#include <string>

#include \"http/static_assets.h\"
#include \"web/embedded_assets.h\"

namespace palabre::web {
namespace {

${decls}}  // namespace

std::span<const http::StaticAsset> EmbeddedAssets() {
  static const http::StaticAsset kAssets[] = {
${items}  };
  return kAssets;
}

}  // namespace palabre::web
")
# Rewrite only on change, so that nothing recompiles needlessly (Ninja restats the output).
if(EXISTS "${PALABRE_EMBED_OUT}")
  file(READ "${PALABRE_EMBED_OUT}" old)
  if(old STREQUAL code)
    return()
  endif()
endif()
file(WRITE "${PALABRE_EMBED_OUT}" "${code}")
