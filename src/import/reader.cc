#include "import/reader.h"

#include <fstream>
#include <iterator>
#include <sstream>

#include "core/text/ascii.h"
#include "core/text/relative_time.h"
#include "import/readers.h"

namespace palabre::import {
namespace {

constexpr std::pair<Format, std::string_view> kFormats[] = {
    {Format::kDisqus, "disqus"}, {Format::kWxr, "wxr"},           {Format::kRemark42, "remark42"},
    {Format::kIsso, "isso"},     {Format::kCommento, "commento"}, {Format::kJsonl, "jsonl"},
};

}  // namespace

std::string_view ToString(SourceState s) {
  switch (s) {
    case SourceState::kApproved:
      return "approved";
    case SourceState::kPending:
      return "pending";
    case SourceState::kSpam:
      return "spam";
    case SourceState::kDeleted:
      return "deleted";
  }
  return "approved";
}

std::string_view ToString(Format f) {
  for (const auto& [format, name] : kFormats) {
    if (format == f) return name;
  }
  return "jsonl";
}

std::optional<Format> ParseFormat(std::string_view name) {
  for (const auto& [format, n] : kFormats) {
    if (n == name) return format;
  }
  return std::nullopt;
}

std::optional<Format> DetectFormat(std::string_view head) {
  if (head.starts_with("\x1f\x8b")) return Format::kRemark42;
  if (head.starts_with("SQLite format 3")) return Format::kIsso;
  std::string_view v = head;
  if (v.starts_with("\xEF\xBB\xBF")) v.remove_prefix(3);  // a byte order mark
  v = text::TrimAscii(v);
  if (v.starts_with('<')) {
    if (v.find("<disqus") != std::string_view::npos) return Format::kDisqus;
    if (v.find("<rss") != std::string_view::npos &&
        v.find("wordpress.org/export/") != std::string_view::npos) {
      return Format::kWxr;
    }
    return std::nullopt;
  }
  if (v.starts_with('{')) {
    const std::size_t newline = v.find('\n');
    const std::string_view first = v.substr(0, newline);
    // Commento: one document with "comments" and "commenters"; Remark42 (not gzipped): a meta
    // line with "users" and "posts"; palabre: lines with "type" or "thread".
    if (v.find("\"commenters\"") != std::string_view::npos &&
        v.find("\"commentHex\"") != std::string_view::npos) {
      return Format::kCommento;
    }
    if (first.find("\"posts\"") != std::string_view::npos &&
        first.find("\"users\"") != std::string_view::npos) {
      return Format::kRemark42;
    }
    return Format::kJsonl;
  }
  return std::nullopt;
}

Result<std::unique_ptr<Reader>> OpenReader(Format format, const std::string& path) {
  switch (format) {
    case Format::kDisqus:
    case Format::kWxr: {
      auto xml = XmlPull::OpenFile(path);
      if (!xml) return Status(Error::kInvalidArgument, "cannot open " + path);
      return format == Format::kDisqus ? NewDisqusReader(std::move(xml))
                                       : NewWxrReader(std::move(xml));
    }
    case Format::kRemark42: {
      auto reader = NewRemark42Reader(path);
      if (!reader) return Status(Error::kInvalidArgument, "cannot open " + path);
      return reader;
    }
    case Format::kIsso:
      return NewIssoReader(path);
    case Format::kCommento: {
      std::ifstream in(path, std::ios::binary);
      if (!in) return Status(Error::kInvalidArgument, "cannot open " + path);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      return NewCommentoReader(std::move(bytes).str());
    }
    case Format::kJsonl:
      break;
  }
  return Status(Error::kInvalidArgument, "palabre's JSON Lines are read by the import command");
}

std::unique_ptr<Reader> ReaderFromMemory(Format format, std::string bytes) {
  switch (format) {
    case Format::kDisqus:
    case Format::kWxr: {
      auto xml = XmlPull::FromMemory(std::move(bytes));
      if (!xml) return nullptr;
      return format == Format::kDisqus ? NewDisqusReader(std::move(xml))
                                       : NewWxrReader(std::move(xml));
    }
    case Format::kRemark42:
      return NewRemark42ReaderFromMemory(std::move(bytes));
    case Format::kCommento:
      return NewCommentoReader(std::move(bytes));
    case Format::kIsso:
    case Format::kJsonl:
      break;
  }
  return nullptr;
}

Result<TimestampMs> ParseExportTime(std::string_view s) {
  s = text::TrimAscii(s);
  if (s.size() == 19 && s[10] == ' ') {  // "2013-06-24 20:30:31", WordPress's GMT fields
    std::string iso(s);
    iso[10] = 'T';
    iso += 'Z';
    return text::ParseIso8601(iso);
  }
  if (s.size() == 19 && s[10] == 'T') return text::ParseIso8601(std::string(s) + "Z");
  return text::ParseIso8601(s);
}

std::string At(std::string_view unit, std::int64_t n, std::string_view what) {
  return std::string(unit) + " " + std::to_string(n) + ": " + std::string(what);
}

bool FieldsFit(std::initializer_list<std::string_view> fields, std::string_view text) {
  for (std::string_view f : fields) {
    if (f.size() > kMaxFieldBytes) return false;
  }
  return text.size() <= kMaxTextBytes;
}

}  // namespace palabre::import
