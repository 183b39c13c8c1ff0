// libFuzzer target: request bodies never crash the JSON reader, an accepted body has no
// duplicate key, and any bytes written by the serializers parse back as JSON with the same
// strings (invalid UTF-8 replaced by U+FFFD).
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text/utf8.h"
#include "http/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto obj = palabre::http::JsonObject::Parse(input);
  if (obj.ok()) {
    // Strict: an accepted body names each key once (Boost.JSON's DOM would fold duplicates).
    boost::system::error_code dom_ec;
    const boost::json::value dom = boost::json::parse(input, dom_ec);
    if (dom_ec || !dom.is_object() || dom.as_object().size() != obj->size()) std::abort();
    for (const char* field :
         {"author", "text", "email", "parent", "vote", "edit_token", "ids", "by"}) {
      (void)obj->String(field);
      (void)obj->Int(field);
      (void)obj->IntArray(field, 500);
      (void)obj->StringArray(field, 3);
    }
  }

  // Serializer: a comment whose every string is the input is valid JSON.
  palabre::service::CommentView view;
  view.comment.author = std::string(input);
  view.comment.html = std::string(input);
  view.relative_time = std::string(input);
  view.reply_to_id = 1;
  view.reply_to_author = std::string(input);
  std::string out;
  palabre::http::AppendComment(out, view);
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(out, ec);
  if (ec || !v.is_object()) std::abort();
  if (palabre::text::IsValidUtf8(input) &&
      v.as_object().at("author").as_string() != boost::json::string_view(input.data(), size)) {
    std::abort();
  }
  return 0;
}
