// Test support for the PostgreSQL store (tests of src/store only): where the test server is,
// and a fresh schema per test, so that tests running at once in several processes against one
// server never see each other's rows or notifications.
//
// The server is the throwaway cluster that ctest's fixture starts (tools/pg_test_cluster.sh,
// src/store/CMakeLists.txt), whose URL is in the file PALABRE_PG_URL_FILE; PALABRE_TEST_PG_URL
// in the environment overrides it (running a test binary by hand against any server). There
// is no "skip": a PostgreSQL test without a server fails, saying how to get one.
// Thread-safety: functions are thread-safe.
#pragma once

#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/status.h"
#include "store/postgres/pg_connection.h"

#ifndef PALABRE_PG_URL_FILE
#define PALABRE_PG_URL_FILE ""
#endif

namespace palabre::store::pg::testing {

// The test server's URL, or kUnavailable with instructions.
inline Result<std::string> TestServerUrl() {
  if (const char* url = std::getenv("PALABRE_TEST_PG_URL"); url != nullptr && *url != '\0') {
    return std::string(url);
  }
  std::ifstream in(PALABRE_PG_URL_FILE);
  std::string url;
  if (in && std::getline(in, url) && !url.empty()) return url;
  return Status(Error::kUnavailable,
                std::string("no PostgreSQL test server: run the tests with ctest (its fixture "
                            "starts one), or `tools/pg_test_cluster.sh start DIR` and set "
                            "PALABRE_TEST_PG_URL (looked for ") +
                    PALABRE_PG_URL_FILE + ")");
}

// A schema name no other test uses: "t_<pid>_<n>_<tag>", tag cut to fit.
inline std::string UniqueSchema(std::string tag) {
  static std::atomic<int> counter{0};
  std::string name = "t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_";
  for (char c : tag) {
    if (name.size() >= 48) break;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) name += c;
  }
  return name;
}

// `url` with ?schema=NAME (or &schema=NAME) added.
inline std::string WithSchema(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "schema=" + schema;
}

// Drops `schema` and everything in it. Best effort (tests clean up; the cluster is throwaway).
inline void DropSchema(const std::string& url, const std::string& schema) {
  Result<std::unique_ptr<Conn>> conn = Conn::Connect(url);
  if (!conn.ok()) return;
  std::string drop = "DROP SCHEMA IF EXISTS " + (*conn)->QuoteIdentifier(schema) + " CASCADE";
  (*conn)->ExecOk(drop.c_str()).IgnoreError();
}

}  // namespace palabre::store::pg::testing
