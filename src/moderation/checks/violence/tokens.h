// The violence check's tokens: the words of one normalised comment with their features, act
// heads, sentences and clauses (Tokenize), the list-word comparisons the tables and the rules
// share, and what quotes a match in a reason (Quote, QuotedToAnswer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "moderation/checks/violence/tables.h"
#include "moderation/decision.h"
#include "moderation/normalize.h"

namespace palabre::moderation::violence {

// The lists are written in lower-case ASCII without accents; the normaliser also squeezes
// repeated letters ("abattre" is read "abatre"), which this does to a list word.
inline std::string Squeeze(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (i > 0 && c == w[i - 1] && c >= 'a' && c <= 'z') continue;
    out += c;
  }
  return out;
}

// Whether a normalised word is the list word `lit` (compared as Squeeze(lit), without a copy).
inline bool SameWord(std::string_view word, std::string_view lit) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < lit.size(); ++i) {
    const char c = lit[i];
    if (i > 0 && c == lit[i - 1] && c >= 'a' && c <= 'z') continue;
    if (w >= word.size() || word[w] != c) return false;
    ++w;
  }
  return w == word.size();
}

inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

inline bool OneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  if (word.empty()) return false;
  for (std::string_view lit : list) {
    // Most list words differ from the word at their first byte: the cheap test first.
    if (lit[0] == word[0] && SameWord(word, lit)) return true;
  }
  return false;
}

// "tete|tetes|gorge" contains "gorge".
inline bool InAlternatives(std::string_view alternatives, std::string_view word) {
  while (!alternatives.empty()) {
    const std::size_t bar = alternatives.find('|');
    if (SameWord(word, alternatives.substr(0, bar))) return true;
    if (bar == std::string_view::npos) break;
    alternatives.remove_prefix(bar + 1);
  }
  return false;
}

// A word of the comment (or an emoji that pictures an act) and what the rules read of it.
struct Token {
  std::string_view word;       // normalised; empty for an emoji
  Span span;                   // bytes of the original text
  std::uint64_t f = 0;         // features
  int head = -1;               // index of an act head, or -1
  int sentence = 0;            // index of the sentence (split at . ! ? ; : and line breaks)
  bool clause_start = false;   // first of its sentence, or after , ( ) « » " — and the like
  bool hyphen_before = false;  // "tuez-les": written attached to the previous word
  bool title_case = false;     // "Bamako", "RTB": a proper name (not at a sentence start)
  bool upper = false;          // written in capitals, 2 to 6 letters
};

// The tokens of a normalised comment, emoji that picture an act included.
std::vector<Token> Tokenize(const NormalizedText& text, const Tables& t);

// The original text of tokens [first, last], cut at a code point boundary.
std::string Quote(const std::vector<Token>& tokens, std::string_view original,
                  std::pair<int, int> range);

// Whether token i stands inside quotation marks that someone's words are quoted in to answer
// them: "tu ne peux pas dire « bombardez Cotonou »", "tu as écrit « qu'on les brûle » ?". The
// opening mark must follow a verb of saying or writing (or a colon after one) within a few words,
// or a reader's possessive ("vos « il faut tous les tuer »"), or the closing mark be followed by
// a verb of saying ("… », tu dis ?") or by "c'est ça ta/votre…" or by a question mark ("« Bien
// fait pour les soldats » ? Non."); a slogan written in quotes by its author ("« Mort aux
// traîtres »") is not answered.
bool QuotedToAnswer(const std::vector<Token>& tokens, std::string_view original, int i);

}  // namespace palabre::moderation::violence
