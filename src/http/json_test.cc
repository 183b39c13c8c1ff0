#include "http/json.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace palabre::http {
namespace {

TEST(JsonObject, ReadsTypedFields) {
  auto obj = JsonObject::Parse(
      R"({"author":"Awa Traoré","parent":40,"email":null,"x":{"deep":[1,2]},"n":1.5})");
  ASSERT_TRUE(obj.ok()) << obj.status().ToString();
  EXPECT_EQ(obj->String("author").value(), std::optional<std::string>("Awa Traoré"));
  EXPECT_EQ(obj->Int("parent").value(), std::optional<std::int64_t>(40));
  EXPECT_EQ(obj->String("email").value(), std::nullopt);  // null is absent
  EXPECT_EQ(obj->String("missing").value(), std::nullopt);
  EXPECT_TRUE(obj->Has("x"));
}

TEST(JsonObject, WrongTypesNameTheField) {
  auto obj = JsonObject::Parse(R"({"author":12,"parent":"40","n":1.5,"big":18446744073709551615})");
  ASSERT_TRUE(obj.ok());
  EXPECT_EQ(obj->String("author").error(), Error::kInvalidArgument);
  EXPECT_NE(obj->String("author").status().message().find("'author'"), std::string::npos);
  EXPECT_EQ(obj->Int("parent").error(), Error::kInvalidArgument);
  EXPECT_EQ(obj->Int("n").error(), Error::kInvalidArgument);
  EXPECT_EQ(obj->Int("big").error(), Error::kInvalidArgument);
}

TEST(JsonObject, MalformedIsInvalidJson) {
  for (const char* bad : {"", "{", "[1,2]", "\"text\"", "{\"a\":1} trailing", "{'a':1}",
                          "{\"a\":01}", "{\"a\":\"\\ud800\"}", "nul"}) {
    EXPECT_EQ(JsonObject::Parse(bad).error(), Error::kInvalidJson) << bad;
  }
}

TEST(JsonObject, DuplicateKeysAreRefusedAtAnyDepth) {
  // Two readers of one body must not disagree on what it says: no "last one wins".
  for (const char* dup :
       {R"({"vote":"up","vote":"down"})", R"({"a":1,"b":2,"a":1})", R"({"x":{"k":1,"k":2}})",
        R"({"x":[{"k":1,"k":2}]})", R"({"v\u006fte":"up","vote":"down"})"}) {
    EXPECT_EQ(JsonObject::Parse(dup).error(), Error::kDuplicateJsonKey) << dup;
    EXPECT_EQ(CheckStrictJson(dup, 16).error(), Error::kDuplicateJsonKey) << dup;
  }
  // The same key in sibling objects is not a duplicate.
  EXPECT_TRUE(JsonObject::Parse(R"({"a":{"k":1},"b":{"k":2},"c":[{"k":1},{"k":2}]})").ok());
}

TEST(JsonObject, EscapedNulIsRefusedInStringsAndKeys) {
  for (const char* nul : {R"({"text":"a\u0000b"})", R"({"a\u0000":1})", R"({"x":["\u0000"]})",
                          R"({"x":{"y":"\u0000"}})"}) {
    EXPECT_EQ(JsonObject::Parse(nul).error(), Error::kNulCharacter) << nul;
  }
  // Other escaped controls are text like any other (the service strips them).
  EXPECT_TRUE(JsonObject::Parse(R"({"text":"a\u0001b\n"})").ok());
}

TEST(JsonObject, InvalidUtf8IsInvalidUtf8) {
  EXPECT_EQ(JsonObject::Parse("{\"text\":\"caf\xE9\"}").error(), Error::kInvalidUtf8);
}

TEST(JsonObject, LimitsOnSizeAndDepth) {
  JsonLimits limits;
  limits.max_bytes = 32;
  EXPECT_EQ(JsonObject::Parse(R"({"text":"0123456789012345678901234567890"})", limits).error(),
            Error::kInvalidJson);
  limits = JsonLimits{};
  limits.max_depth = 3;
  EXPECT_TRUE(JsonObject::Parse(R"({"a":[[1]]})", limits).ok());
  EXPECT_EQ(JsonObject::Parse(R"({"a":[[[1]]]})", limits).error(), Error::kInvalidJson);
  // Deep nesting never recurses without bound.
  const std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  JsonLimits big;
  big.max_bytes = deep.size();
  EXPECT_EQ(JsonObject::Parse(deep, big).error(), Error::kInvalidJson);
}

service::CommentView SampleView() {
  service::CommentView v;
  v.comment.id = 42;
  v.comment.parent_id = 40;
  v.comment.depth = 1;
  v.comment.author = "Awa Traoré";
  v.comment.email = "awa@example.test";
  v.comment.text = "Paix à leurs âmes.";
  v.comment.html = "<p>Paix à leurs âmes.</p>";
  v.comment.created_at = 1'795'629'300'000;  // 2026-11-25T17:55:00Z
  v.comment.upvotes = 3;
  v.comment.downvotes = 1;
  v.comment.edit_token_hash = "secret-hash";
  v.comment.client_hash = "client-hash";
  v.relative_time = "il y a 3 heures";
  v.full_time = "25 novembre 2026 à 17:55";
  v.reply_to_id = 41;
  v.reply_to_author = "Moussa";
  return v;
}

TEST(CommentJson, HasTheApiShapeAndNeverTheEmail) {
  service::CommentView v = SampleView();
  service::CommentView child = SampleView();
  child.comment.id = 43;
  child.reply_to_id.reset();
  v.replies.push_back(child);
  std::string out;
  AppendComment(out, v);
  EXPECT_EQ(out.find("awa@example.test"), std::string::npos);
  EXPECT_EQ(out.find("secret-hash"), std::string::npos);
  EXPECT_EQ(out.find("client-hash"), std::string::npos);
  EXPECT_EQ(out.find("Paix à leurs âmes.\""), std::string::npos);  // the source text is not sent
  const auto json = boost::json::parse(out).as_object();
  EXPECT_EQ(json.at("id").as_int64(), 42);
  EXPECT_EQ(json.at("parent").as_int64(), 40);
  EXPECT_EQ(json.at("depth").as_int64(), 1);
  EXPECT_EQ(json.at("author").as_string(), "Awa Traoré");
  EXPECT_EQ(json.at("html").as_string(), "<p>Paix à leurs âmes.</p>");
  EXPECT_EQ(json.at("created_at").as_string(), "2026-11-25T17:55:00.000Z");
  EXPECT_TRUE(json.at("edited_at").is_null());
  EXPECT_EQ(json.at("relative_time").as_string(), "il y a 3 heures");
  EXPECT_EQ(json.at("full_time").as_string(), "25 novembre 2026 à 17:55");
  EXPECT_EQ(json.at("score").as_int64(), 2);
  EXPECT_FALSE(json.at("deleted").as_bool());
  EXPECT_EQ(json.at("reply_to").at("author").as_string(), "Moussa");
  ASSERT_EQ(json.at("replies").as_array().size(), 1u);
  EXPECT_FALSE(json.at("replies").as_array()[0].as_object().contains("reply_to"));
}

TEST(CommentJson, DeletedIsATombstone) {
  service::CommentView v = SampleView();
  v.comment.status = CommentStatus::kDeleted;
  std::string out;
  AppendComment(out, v);
  const auto json = boost::json::parse(out).as_object();
  EXPECT_TRUE(json.at("deleted").as_bool());
  EXPECT_EQ(json.at("author").as_string(), "");
  EXPECT_EQ(json.at("html").as_string(), "");
}

TEST(ThreadPageJson, HeaderCommentsAndCursor) {
  service::ThreadPage page;
  page.thread.site_id = "demo";
  page.thread.key = "article-1";
  page.thread.title = "Titre";
  page.thread.comment_count = 31;
  page.comments.push_back(SampleView());
  page.next_cursor = "MTcw";
  std::string out;
  AppendThreadPage(out, page);
  auto json = boost::json::parse(out).as_object();
  EXPECT_EQ(json.at("thread").at("count").as_int64(), 31);
  EXPECT_EQ(json.at("thread").at("site").as_string(), "demo");
  EXPECT_FALSE(json.at("thread").at("closed").as_bool());
  EXPECT_EQ(json.at("comments").as_array().size(), 1u);
  EXPECT_EQ(json.at("next_cursor").as_string(), "MTcw");

  page.next_cursor.clear();
  page.exists = false;
  page.comments.clear();
  out.clear();
  AppendThreadPage(out, page);
  json = boost::json::parse(out).as_object();
  EXPECT_TRUE(json.at("next_cursor").is_null());
  EXPECT_EQ(json.at("thread").at("count").as_int64(), 0);
}

TEST(JsonObject, ReadsArraysOfIntegersAndStrings) {
  auto obj = JsonObject::Parse(
      R"({"ids":[1,2,3],"by":["name","email"],"mixed":[1,"a"],"n":5,"none":null,"deep":[[1]]})");
  ASSERT_TRUE(obj.ok());
  EXPECT_EQ(obj->IntArray("ids", 10).value(), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(obj->StringArray("by", 10).value(), (std::vector<std::string>{"name", "email"}));
  EXPECT_FALSE(obj->IntArray("absent", 10).value().has_value());
  EXPECT_FALSE(obj->IntArray("none", 10).value().has_value());
  EXPECT_EQ(obj->IntArray("ids", 2).error(), Error::kInvalidArgument);  // too many
  EXPECT_EQ(obj->IntArray("mixed", 10).error(), Error::kInvalidArgument);
  EXPECT_EQ(obj->StringArray("mixed", 10).error(), Error::kInvalidArgument);
  EXPECT_EQ(obj->IntArray("n", 10).error(), Error::kInvalidArgument);
  EXPECT_EQ(obj->IntArray("deep", 10).error(), Error::kInvalidArgument);
  EXPECT_EQ(obj->StringArray("by", 10).value()->size(), 2u);
}

}  // namespace
}  // namespace palabre::http
