# Third-party libraries, all from Debian 12 packages (scripts/setup.sh installs them).
# docs/DEPENDENCIES.md says why each was chosen.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Boost 1.81 (libboost1.81-dev): Beast/Asio for HTTP and SSE, JSON for bodies.
find_package(Boost 1.81 REQUIRED COMPONENTS json)
find_package(SQLite3 REQUIRED)
# libpq (libpq-dev): the PostgreSQL store, C API directly.
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
find_package(ICU REQUIRED COMPONENTS uc i18n)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark)
# libxml2 (libxml2-dev): the import's streaming XML reader and HTML parser.
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
# libcurl (libcurl4-openssl-dev): webhooks' HTTPS POSTs (http/curl_transport.h).
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# zlib (zlib1g-dev): gzip of HTTP answers and of Remark42's backups.
find_package(ZLIB REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)

# libstemmer and fastText ship no CMake or pkg-config files in Debian.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(palabre_dep_stemmer INTERFACE)
target_include_directories(palabre_dep_stemmer SYSTEM INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(palabre_dep_stemmer INTERFACE ${STEMMER_LIBRARY})

find_path(FASTTEXT_INCLUDE_DIR fasttext/fasttext.h REQUIRED)
find_library(FASTTEXT_LIBRARY fasttext REQUIRED)
add_library(palabre_dep_fasttext INTERFACE)
target_include_directories(palabre_dep_fasttext SYSTEM INTERFACE ${FASTTEXT_INCLUDE_DIR})
target_link_libraries(palabre_dep_fasttext INTERFACE ${FASTTEXT_LIBRARY})

if(PALABRE_TESTS)
  find_package(GTest REQUIRED)
endif()
if(PALABRE_BENCH)
  find_package(benchmark REQUIRED)
endif()
