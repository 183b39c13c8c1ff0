#include "moderation/lexicon/default_lexicon.h"

#include <string>

#include "core/text/ascii.h"

namespace palabre::moderation::lexicon {
namespace {

// The data files are raw string literals: the lists stay plain text under data/ and need no
// build step to be embedded.
constexpr std::string_view kFrench =
#include "moderation/lexicon/data/fr.lex.inc"
    ;

constexpr std::string_view kEnglish =
#include "moderation/lexicon/data/en.lex.inc"
    ;

}  // namespace

std::string_view DefaultListText(std::string_view language) {
  if (language == "fr") return kFrench;
  if (language == "en") return kEnglish;
  return {};
}

Result<std::vector<Term>> ParseList(std::string_view text, std::string_view list_name) {
  std::vector<Term> terms;
  bool in_section = false;
  Level level = Level::kBanned;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = text::TrimAscii(line);
    if (line.empty()) continue;
    if (line.front() == '[') {
      if (line == "[banned]") {
        level = Level::kBanned;
      } else if (line == "[suspect]") {
        level = Level::kSuspect;
      } else if (line == "[allow]") {
        level = Level::kAllow;
      } else {
        return Status(Error::kInvalidArgument, std::string(list_name) + ":" +
                                                   std::to_string(line_number) +
                                                   ": unknown section " + std::string(line));
      }
      in_section = true;
      continue;
    }
    if (!in_section) {
      return Status(
          Error::kInvalidArgument,
          std::string(list_name) + ":" + std::to_string(line_number) + ": term outside a section");
    }
    terms.push_back(Term{std::string(line), level, std::string(list_name)});
  }
  return terms;
}

}  // namespace palabre::moderation::lexicon
