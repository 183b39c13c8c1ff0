#include "moderation/classifier/dataset.h"

#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "moderation/classifier/fold.h"

namespace palabre::moderation::classifier {
namespace {

Status LineError(std::string_view name, std::size_t line, std::string_view what) {
  return Status(Error::kInvalidArgument,
                std::string(name) + ":" + std::to_string(line) + ": " + std::string(what));
}

// Just enough JSON for one flat object per line: string members are decoded, members of any
// other type are skipped (checked for balance, not validated in depth).
class JsonLine {
 public:
  explicit JsonLine(std::string_view s) : s_(s) {}

  // The object's string members, or nullopt if the line is not a JSON object.
  std::optional<std::map<std::string, std::string>> Parse() {
    std::map<std::string, std::string> members;
    SkipSpace();
    if (!Eat('{')) return std::nullopt;
    SkipSpace();
    if (Eat('}')) return Rest() ? std::optional(members) : std::nullopt;
    while (true) {
      SkipSpace();
      std::string key;
      if (!String(key)) return std::nullopt;
      SkipSpace();
      if (!Eat(':')) return std::nullopt;
      SkipSpace();
      if (Peek() == '"') {
        std::string value;
        if (!String(value)) return std::nullopt;
        members[key] = std::move(value);
      } else if (!SkipValue()) {
        return std::nullopt;
      }
      SkipSpace();
      if (Eat(',')) continue;
      if (Eat('}')) break;
      return std::nullopt;
    }
    return Rest() ? std::optional(members) : std::nullopt;
  }

 private:
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  bool Rest() {
    SkipSpace();
    return i_ == s_.size();
  }

  bool Hex4(std::uint32_t& out) {
    if (i_ + 4 > s_.size()) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      out <<= 4;
      if (c >= '0' && c <= '9') {
        out |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        out |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        out |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  bool String(std::string& out) {
    if (!Eat('"')) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!Hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!Eat('\\') || !Eat('u') || !Hex4(low) || low < 0xDC00 || low > 0xDFFF) {
              return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          AppendUtf8(out, static_cast<char32_t>(cp));
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  // A number, literal, array or object: skipped with bracket balance, strings respected.
  bool SkipValue() {
    int depth = 0;
    while (i_ < s_.size()) {
      const char c = Peek();
      if (c == '"') {
        std::string ignored;
        if (!String(ignored)) return false;
        continue;
      }
      if (depth == 0 && (c == ',' || c == '}')) return true;
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth < 0) return false;
      }
      ++i_;
    }
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

template <typename LineFn>
Status ForEachLine(std::string_view content, LineFn fn) {
  std::size_t line_no = 0;
  while (!content.empty()) {
    const std::size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content.remove_prefix(nl == std::string_view::npos ? content.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    PALABRE_RETURN_IF_ERROR(fn(line, line_no));
  }
  return Status::Ok();
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Result<std::vector<LabelledRow>> ParseLabelledTsv(std::string_view content, std::string_view name) {
  std::vector<LabelledRow> rows;
  Status status = ForEachLine(content, [&](std::string_view line, std::size_t no) -> Status {
    if (no == 1 || IsBlank(line)) return Status::Ok();  // header
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return LineError(name, no, "no tab after the label");
    const std::optional<Label> label = ParseLabel(line.substr(0, tab));
    if (!label)
      return LineError(name, no, "unknown label '" + std::string(line.substr(0, tab)) + "'");
    std::string_view rest = line.substr(tab + 1);
    const std::size_t tab2 = rest.find('\t');
    LabelledRow row;
    row.label = *label;
    row.text = std::string(rest.substr(0, tab2));
    if (tab2 != std::string_view::npos) {
      const std::string_view tail = rest.substr(tab2 + 1);
      const std::size_t tab3 = tail.find('\t');
      row.source = std::string(tail.substr(0, tab3));
      if (tab3 != std::string_view::npos) row.category = std::string(tail.substr(tab3 + 1));
    }
    if (IsBlank(row.text)) return LineError(name, no, "empty text");
    rows.push_back(std::move(row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rows;
}

Result<std::vector<LabelledRow>> ParseLabelledJsonl(std::string_view content,
                                                    std::string_view name) {
  std::vector<LabelledRow> rows;
  Status status = ForEachLine(content, [&](std::string_view line, std::size_t no) -> Status {
    if (IsBlank(line)) return Status::Ok();
    std::optional<std::map<std::string, std::string>> members = JsonLine(line).Parse();
    if (!members) return LineError(name, no, "not a flat JSON object");
    const auto label_it = members->find("label");
    const auto text_it = members->find("text");
    if (label_it == members->end()) return LineError(name, no, "no string member \"label\"");
    if (text_it == members->end() || IsBlank(text_it->second)) {
      return LineError(name, no, "no string member \"text\"");
    }
    const std::optional<Label> label = ParseLabel(label_it->second);
    if (!label) return LineError(name, no, "unknown label '" + label_it->second + "'");
    LabelledRow row;
    row.label = *label;
    row.text = std::move(text_it->second);
    if (auto it = members->find("source"); it != members->end()) row.source = it->second;
    if (auto it = members->find("category"); it != members->end()) row.category = it->second;
    rows.push_back(std::move(row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rows;
}

Result<std::vector<LabelledRow>> ReadLabelledFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Error::kInvalidArgument, "cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string content = buffer.str();
  if (EndsWith(path, ".jsonl") || EndsWith(path, ".json")) return ParseLabelledJsonl(content, path);
  return ParseLabelledTsv(content, path);
}

}  // namespace palabre::moderation::classifier
