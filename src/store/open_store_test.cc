// OpenStore: which URLs open which backend, and which are refused.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "store/store.h"

namespace palabre::store {
namespace {

class OpenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "palabre_open_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Opens `url`, creates a site through it, and says whether the file `expected_file` now
  // exists (so the URL really named that file).
  void ExpectOpensFile(const std::string& url, const std::filesystem::path& expected_file) {
    {
      Result<std::unique_ptr<Store>> store = OpenStore(url);
      ASSERT_TRUE(store.ok()) << url << ": " << store.status().ToString();
      Site site;
      site.id = "s";
      ASSERT_TRUE((*store)->CreateSite(site).ok());
    }
    EXPECT_TRUE(std::filesystem::exists(expected_file)) << url;
    // Reopening finds the site: same file.
    Result<std::unique_ptr<Store>> again = OpenStore(url);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_TRUE((*again)->GetSite("s").ok()) << url;
  }

  std::string dir_;
};

TEST_F(OpenStoreTest, SqliteUrlWithAnAbsolutePath) {
  ExpectOpensFile("sqlite://" + dir_ + "/a.db", dir_ + "/a.db");
}

TEST_F(OpenStoreTest, PlainPath) { ExpectOpensFile(dir_ + "/b.db", dir_ + "/b.db"); }

TEST_F(OpenStoreTest, SqliteUrlWithARelativePath) {
  std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::current_path(dir_);
  ExpectOpensFile("sqlite:sub-c.db", std::filesystem::path(dir_) / "sub-c.db");
  std::filesystem::current_path(previous);
}

TEST_F(OpenStoreTest, QueryParametersSetOptions) {
  ExpectOpensFile("sqlite://" + dir_ + "/d.db?synchronous=full&readers=2&busy_timeout_ms=100",
                  dir_ + "/d.db");
}

TEST_F(OpenStoreTest, UnknownSchemesAndBadUrlsAreInvalidArguments) {
  for (const std::string& url : {
           // PostgreSQL URLs with a bad palabre parameter are refused before connecting.
           std::string("postgres://user@127.0.0.1:1/palabre?pool_size=0"),
           std::string("postgresql://127.0.0.1:1/palabre?schema=no-dash"),
           std::string("postgres://127.0.0.1:1/palabre?acquire_timeout_ms=soon"),
           std::string("mysql:palabre"),
           std::string(""),
           std::string("sqlite:"),
           std::string("sqlite::memory:"),
           std::string("sqlite://host/palabre.db"),
           "sqlite://" + dir_ + "/e.db?synchronous=sometimes",
           "sqlite://" + dir_ + "/e.db?readers=0",
           "sqlite://" + dir_ + "/e.db?readers=two",
           "sqlite://" + dir_ + "/e.db?journal=delete",
           "sqlite://" + dir_ + "/e.db?readers",
       }) {
    Result<std::unique_ptr<Store>> store = OpenStore(url);
    EXPECT_EQ(store.error(), Error::kInvalidArgument) << "'" << url << "'";
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/e.db"));  // refused before creating anything
}

// Both spellings of the scheme reach PostgreSQL; nothing listens on port 1 of the loopback, so
// the answer is "retry later", not "bad URL".
TEST_F(OpenStoreTest, PostgresUrlsOpenPostgres) {
  for (const std::string& url : {std::string("postgres://palabre@127.0.0.1:1/palabre"),
                                 std::string("PostgreSQL://palabre@127.0.0.1:1/palabre")}) {
    Result<std::unique_ptr<Store>> store = OpenStore(url);
    EXPECT_EQ(store.error(), Error::kUnavailable) << "'" << url << "'";
  }
}

}  // namespace
}  // namespace palabre::store
