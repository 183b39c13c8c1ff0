# palabre_module(NAME DEPS...): one static library per source folder.
# Sources are collected by suffix (as userver does): *.cc are the library, *_test.cc go into
# one GoogleTest binary per folder, *_testing.cc into NAME_testing (test support for this
# folder's tests and for tests elsewhere, e.g. tests/integration; built with the tests only,
# linking NAME and TESTING_DEPS), *_bench.cc into one Google Benchmark binary, *_fuzz.cc
# become libFuzzer targets (clang only). Nothing has to be listed by hand, so nothing is forgotten.
#
# A fuzz target links the folder's library, and so everything that library depends on. A folder
# whose parser needs a fraction of that names it: FUZZ_SOURCES (files of the folder, compiled
# into each of its fuzz targets instead) and FUZZ_DEPS (what they link), so that building the
# fuzz targets (tools/run_fuzz.sh, the CI's fuzz stage) compiles only what they exercise.
function(palabre_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS;TESTING_DEPS;FUZZ_SOURCES;FUZZ_DEPS" ${ARGN})
  file(GLOB_RECURSE all_cc CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  set(lib_cc "")
  set(test_cc "")
  set(testing_cc "")
  set(bench_cc "")
  set(fuzz_cc "")
  foreach(f ${all_cc})
    if(f MATCHES "_test\\.cc$")
      list(APPEND test_cc ${f})
    elseif(f MATCHES "_testing\\.cc$")
      list(APPEND testing_cc ${f})
    elseif(f MATCHES "_bench\\.cc$")
      list(APPEND bench_cc ${f})
    elseif(f MATCHES "_fuzz\\.cc$")
      list(APPEND fuzz_cc ${f})
    elseif(f MATCHES "/main\\.cc$")
      # Executables are declared by their folder.
    else()
      list(APPEND lib_cc ${f})
    endif()
  endforeach()
  if(lib_cc)
    add_library(${name} STATIC ${lib_cc})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  else()
    # A folder with headers only (or not written yet) is an interface library.
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
  if(PALABRE_TESTS AND testing_cc)
    add_library(${name}_testing STATIC ${testing_cc})
    target_link_libraries(${name}_testing PUBLIC ${name} ${ARG_TESTING_DEPS})
    target_compile_options(${name}_testing PRIVATE ${PALABRE_TEST_OPTIMIZATION})
  endif()
  if(PALABRE_TESTS AND test_cc)
    add_executable(${name}_test ${test_cc})
    target_link_libraries(${name}_test PRIVATE ${name} ${ARG_TEST_DEPS} GTest::gmock GTest::gtest_main)
    target_compile_options(${name}_test PRIVATE ${PALABRE_TEST_OPTIMIZATION})
    if(testing_cc)
      target_link_libraries(${name}_test PRIVATE ${name}_testing)
    endif()
    # Label "unit": `ctest -L unit` runs these and nothing else (the TSan stage of scripts/test.sh).
    gtest_discover_tests(${name}_test DISCOVERY_TIMEOUT 60
                         PROPERTIES ENVIRONMENT "PALABRE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
                                    LABELS unit)
  endif()
  if(PALABRE_BENCH AND bench_cc)
    add_executable(${name}_bench ${bench_cc})
    target_link_libraries(${name}_bench PRIVATE ${name} benchmark::benchmark benchmark::benchmark_main)
  endif()
  if(ARG_FUZZ_SOURCES)
    list(TRANSFORM ARG_FUZZ_SOURCES PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
    set(fuzz_links ${ARG_FUZZ_DEPS})
  else()
    set(fuzz_links ${name})
  endif()
  if(PALABRE_TESTS AND NOT PALABRE_FUZZ AND fuzz_cc)
    # Without clang's libFuzzer, each target replays its corpus and mutations of it as a test
    # (under the sanitizers of the build); tools/run_fuzz.sh does the coverage-guided runs.
    foreach(f ${fuzz_cc})
      get_filename_component(fuzz_name ${f} NAME_WE)
      get_filename_component(fuzz_dir ${f} DIRECTORY)
      add_executable(${fuzz_name}_replay ${f} ${ARG_FUZZ_SOURCES}
                     ${PROJECT_SOURCE_DIR}/tools/fuzz_replay_main.cc)
      target_include_directories(${fuzz_name}_replay PRIVATE ${PROJECT_SOURCE_DIR}/src)
      target_link_libraries(${fuzz_name}_replay PRIVATE ${fuzz_links})
      add_test(NAME ${fuzz_name}_replay
               COMMAND ${fuzz_name}_replay ${fuzz_dir}/${fuzz_name}_corpus)
    endforeach()
  endif()
  if(PALABRE_FUZZ AND fuzz_cc)
    foreach(f ${fuzz_cc})
      get_filename_component(fuzz_name ${f} NAME_WE)
      add_executable(${fuzz_name} ${f} ${ARG_FUZZ_SOURCES})
      target_include_directories(${fuzz_name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
      target_compile_options(${fuzz_name} PRIVATE -fsanitize=fuzzer)
      target_link_options(${fuzz_name} PRIVATE -fsanitize=fuzzer)
      target_link_libraries(${fuzz_name} PRIVATE ${fuzz_links})
    endforeach()
  endif()
endfunction()
