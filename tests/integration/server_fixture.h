// ServerFixture: a GoogleTest fixture that runs the real palabre server for a test suite, with
// a site "demo" (origin https://example.test) in a fresh database, and helpers to speak to it.
// The server runs with --trust-proxy, so that each post can come from its own address (the
// moderation's flood check counts per address and per name) through X-Forwarded-For.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>

#include "http/http_client_testing.h"
#include "palabre_process.h"

namespace palabre::testing {

// Writes a moderation configuration without the toxicity classifier into `dir` and returns the
// serve arguments that use it. These suites pin the HTTP behaviour; the classifier's verdicts
// are moderation's to test (and a test build may ship a smaller model that judges otherwise).
std::vector<std::string> WithoutClassifier(const std::filesystem::path& dir);

// A response's body as JSON (a failed expectation, and null, when it is not JSON).
boost::json::value JsonOf(const HttpResponse& r);
// The stable code of an error body ({"error":{"code":…}}), or "(no error: BODY)".
std::string CodeOf(const HttpResponse& r);

class ServerFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  static std::uint16_t port() { return server_->port(); }
  static HttpClient Client() { return HttpClient("127.0.0.1", server_->port()); }

  // A reader never seen before: "Lecteur N" from 10.x.y.z.
  struct Reader {
    std::string name;
    std::string address;
  };
  static Reader NewReader();

  // POSTs a comment to /api/v1/threads/demo/{key}/comments as a new reader; `text` gets
  // nothing added. `key` is percent-encoded here.
  static HttpResponse PostComment(const std::string& key, const std::string& text,
                                  std::optional<std::int64_t> parent = std::nullopt,
                                  const Headers& extra = {});
  // The comment object's id from a 201 answer.
  static std::int64_t IdOf(const HttpResponse& posted);
  static boost::json::value Json(const HttpResponse& r);
  // "/api/v1/threads/demo/KEY/comments" with KEY percent-encoded, plus `query`.
  static std::string CommentsPath(const std::string& key, const std::string& query = {});

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<PalabreServer> server_;
  static int readers_;
};

}  // namespace palabre::testing
