// Matcher: every term of a lexicon found in one pass over a normalised text.
//
// Terms are normalised exactly as comments are (moderation/normalize.h) and compiled into one
// Aho–Corasick automaton over the bytes of NormalizedText::folded (a dense DFA on the byte
// classes that occur in the terms): the cost of a search is one table step per byte plus the
// candidate matches, whatever the number of terms. A candidate is kept only if
//   - it starts at a word start and ends at a word end ("con" is not found in "concours",
//     "économie" or "Deconde"; "ass" is not found in "assécher"); a term written "stem*"
//     only needs to start at a word start ("encul*" finds "enculés");
//   - each letter of the text is stretched at least as much as in the term: the term "conne"
//     needs two n ("connnne" matches, "cône" does not);
//   - an 'i' of the text that stands for an 'l' of the term was written '1' ("cu1").
// Terms in the allow list (phrases such as "cul de sac") hide the matches they contain.
//
// A Matcher is immutable once built: FindAll is thread-safe. Build fails (kInvalidArgument)
// on a term that normalises to nothing, naming it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "moderation/normalize.h"

namespace palabre::moderation::lexicon {

enum class Level : std::uint8_t {
  kAllow = 0,    // an exception: hides matches inside it
  kSuspect = 1,  // hold for a moderator
  kBanned = 2,   // reject
};

struct Term {
  std::string text;  // as written in the list: "fils de pute", "encul*"
  Level level = Level::kBanned;
  std::string list;  // where it comes from: "fr", "en", "site"
};

struct Match {
  std::size_t begin = 0;  // byte range in NormalizedText::folded
  std::size_t end = 0;
  std::uint32_t term = 0;  // index into Matcher::terms()
};

class Matcher {
 public:
  Matcher() = default;  // matches nothing

  static Result<Matcher> Build(std::vector<Term> terms);

  // Appends the matches of banned and suspect terms in `text` to `out`, ordered by end then
  // begin, one per (term, place), without those inside a match of an allowed phrase.
  void FindAll(const NormalizedText& text, std::vector<Match>* out) const;

  const std::vector<Term>& terms() const { return terms_; }
  std::size_t state_count() const { return classes_ == 0 ? 0 : delta_.size() / classes_; }

 private:
  struct Pattern {
    std::uint32_t term = 0;
    std::uint32_t length = 0;            // bytes
    bool prefix = false;                 // "stem*": no word end needed
    std::vector<std::uint8_t> runs;      // per byte: minimum stretch in the text
    std::vector<std::uint8_t> need_one;  // per byte: 1 if the text must have written '1'
  };

  bool Accept(const Pattern& p, const NormalizedText& text, std::size_t end) const;

  std::vector<Term> terms_;
  std::vector<Pattern> patterns_;
  std::array<std::uint8_t, 256> byte_class_{};
  std::size_t classes_ = 0;
  std::vector<std::uint32_t> delta_;      // state * classes_ + class -> state
  std::vector<std::uint32_t> out_begin_;  // per state + 1: range of out_
  std::vector<std::uint32_t> out_;        // pattern indexes ending at each state
};

}  // namespace palabre::moderation::lexicon
