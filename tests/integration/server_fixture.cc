#include "server_fixture.h"

#include <fstream>

namespace palabre::testing {
namespace {

std::string Encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> WithoutClassifier(const std::filesystem::path& dir) {
  const auto path = dir / "moderation.conf";
  std::ofstream(path) << "moderation.toxicity.enabled = false\n";
  return {"--moderation-config", path.string()};
}

std::unique_ptr<TempDir> ServerFixture::dir_;
std::unique_ptr<PalabreServer> ServerFixture::server_;
int ServerFixture::readers_ = 0;

void ServerFixture::SetUpTestSuite() {
  dir_ = std::make_unique<TempDir>();
  const std::string db = (dir_->path() / "t.db").string();
  std::string out;
  ASSERT_EQ(RunPalabre({"site", "add", "demo", "--name", "Demo", "--origin", "https://example.test",
                        "--db", db},
                       &out),
            0)
      << out;
  server_ = std::make_unique<PalabreServer>();
  std::vector<std::string> args = WithoutClassifier(dir_->path());
  args.push_back("--trust-proxy");
  ASSERT_TRUE(server_->Start(dir_->path() / "t.db", args)) << server_->log();
}

void ServerFixture::TearDownTestSuite() {
  server_.reset();  // SIGKILL
  dir_.reset();
}

void ServerFixture::SetUp() {
  ASSERT_TRUE(server_ && server_->running()) << "the server did not start";
}

ServerFixture::Reader ServerFixture::NewReader() {
  const int n = ++readers_;
  return Reader{"Lecteur " + std::to_string(n), "10." + std::to_string((n >> 16) & 255) + "." +
                                                    std::to_string((n >> 8) & 255) + "." +
                                                    std::to_string(n & 255)};
}

std::string ServerFixture::CommentsPath(const std::string& key, const std::string& query) {
  return "/api/v1/threads/demo/" + Encode(key) + "/comments" + (query.empty() ? "" : "?" + query);
}

HttpResponse ServerFixture::PostComment(const std::string& key, const std::string& text,
                                        std::optional<std::int64_t> parent, const Headers& extra) {
  const Reader reader = NewReader();
  boost::json::object body{{"author", reader.name}, {"text", text}};
  if (parent) body["parent"] = *parent;
  Headers headers = {{"X-Forwarded-For", reader.address}};
  headers.insert(headers.end(), extra.begin(), extra.end());
  HttpClient client = Client();
  return client.Post(CommentsPath(key), boost::json::serialize(body), headers);
}

std::int64_t ServerFixture::IdOf(const HttpResponse& posted) {
  return Json(posted).at("comment").at("id").as_int64();
}

boost::json::value ServerFixture::Json(const HttpResponse& r) { return JsonOf(r); }

boost::json::value JsonOf(const HttpResponse& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << r.body;
  return v;
}

std::string CodeOf(const HttpResponse& r) {
  const boost::json::value v = JsonOf(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "(no error: " + r.body + ")";
  return std::string(v.at("error").at("code").as_string());
}

}  // namespace palabre::testing
