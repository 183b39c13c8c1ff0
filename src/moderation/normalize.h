// Normalize: the one matching form of a comment, computed once by the pipeline for every check.
//
// Tricks that hide a word from a naive filter are undone here, so that each check (the lexicon
// above all) matches plain lower-case ASCII-ish tokens:
//   1. NFKC + case folding (ICU nfkc_cf): "CONNARD", full-width "ｃｏｎ", mathematical letters;
//      default-ignorable characters (zero-width space, soft hyphen) vanish;
//   2. accents and other combining marks removed (NFD, drop Mn/Me): "enculé" → "encule";
//   3. Unicode confusables mapped to their Latin skeleton (ICU spoof checker), for letters that
//      are not Latin already: Cyrillic "о", Greek "ο" → "o"; "œ" → "oe";
//   4. elision split: apostrophes (' ’ ʼ) separate words: "l'armée" → "l armee";
//   5. letters spaced out are joined: three or more one-character tokens separated by one to
//      three spaces or punctuation marks ("c.o.n", "c o n", "c-o-n") become one token;
//   6. l33t in tokens that hold at least one letter: 3→e 0→o 1→i 4→a 5→s 7→t @→a $→s
//      ("c0nn4rd"); a '1' read as 'i' is marked so that a term with 'l' can match it too;
//      numbers alone ("40 morts", "2024") and with their unit ("17h", "10h30", "3e", "20km")
//      are kept as they are;
//   7. stretched letters squeezed: every run of one letter becomes one letter and its length
//      is kept in `runs` ("connnnard" → "conard" with n×4), so a matcher can demand at least
//      the doubled letters of its term ("conne" is not "cône").
// `folded` is then the tokens joined by single spaces; punctuation, emoji and symbols are
// separators. Each folded byte keeps the byte range of `original` it came from, so reasons can
// point at the words a moderator must look at.
//
// Pure functions, thread-safe (ICU data is read-only after a one-time initialisation), never
// throw. Invalid UTF-8 bytes are read as U+FFFD (a separator).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "moderation/decision.h"

namespace palabre::moderation {

// Flag of NormalizedText::marks: this 'i' was written as the digit '1' (could be an 'l').
inline constexpr std::uint8_t kFromDigitOne = 1;

// The comment's text prepared once for every check (computed by the pipeline).
struct NormalizedText {
  std::string original;            // the text as posted (NFC)
  std::string folded;              // matching form (see above): tokens separated by single spaces
  std::vector<std::string> words;  // the tokens of `folded`, in order

  // One entry per byte of `folded`:
  std::vector<std::uint8_t> runs;   // how many times the letter was repeated (1..255)
  std::vector<std::uint8_t> marks;  // kFromDigitOne, ...
  std::vector<Span> origin;         // bytes of `original` this byte came from

  // Byte range of `original` covering folded bytes [begin, end). Precondition: begin < end
  // <= folded.size().
  Span ToOriginal(std::size_t begin, std::size_t end) const;
};

NormalizedText Normalize(std::string_view text);

// Identity key of a display name: its folded form without spaces ("Moussa  D." and
// "moussa d" give "moussad"). Empty when the name has no letter or digit.
std::string FoldName(std::string_view name);

}  // namespace palabre::moderation
