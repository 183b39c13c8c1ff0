#include "moderation/quotation.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string_view>

namespace palabre::moderation {
namespace {

// A straight single quote that closes a quotation: after a non-space, before a space, a sign
// or the end ("… le deuil' à une journaliste").
bool SingleCloses(std::string_view s, std::size_t c) {
  if (s[c] != '\'' || c == 0 || s[c - 1] == ' ') return false;
  return c + 1 == s.size() || std::string_view(" ,.;:!?)").find(s[c + 1]) != std::string_view::npos;
}

}  // namespace

bool AskedBack(std::string_view original, std::size_t close) {
  if (close >= original.size()) return false;
  const auto b = static_cast<unsigned char>(original[close]);
  std::size_t k = close + (b < 0x80 ? 1 : b == 0xC2 ? 2 : 3);  // '"', '»' or '”'
  const auto spaces = [&] {
    while (k < original.size()) {
      if (original[k] == ' ' || original[k] == '\t') {
        ++k;
      } else if (original.substr(k, 2) == "\u00a0") {
        k += 2;
      } else if (original.substr(k, 3) == "\u202f") {
        k += 3;
      } else {
        break;
      }
    }
  };
  spaces();
  if (k >= original.size()) return false;
  // "« Les Nigérians sont des voleurs » hein ?"
  if (original.substr(k, 4) == "hein" || original.substr(k, 4) == "Hein") {
    k += 4;
    spaces();
  }
  return k < original.size() && original[k] == '?';
}

bool FindQuotation(std::string_view original, std::size_t at, std::size_t* open_mark,
                   std::size_t* close_mark) {
  at = std::min(at, original.size());
  const std::string_view before = original.substr(0, at);
  const std::size_t open = before.rfind("\u00ab");      // «
  const std::size_t straight = before.rfind("\u201c");  // “
  // Straight double quotes open and close alike: inside one when an odd number precede.
  const std::size_t plain = std::count(before.begin(), before.end(), '"') % 2 == 1
                                ? before.rfind('"')
                                : std::string_view::npos;
  // Straight single quotes used as quotation marks: opened after a space, closed before a space
  // or a sign ("tu écris 'dis à ta mère…' à une journaliste"), never an elision ("l'imam").
  std::size_t single = std::string_view::npos;
  for (std::size_t m = at; m-- > 0;) {
    if (SingleCloses(original, m)) break;
    if (original[m] == '\'' && (m == 0 || original[m - 1] == ' ') && m + 1 < original.size() &&
        original[m + 1] != ' ') {
      single = m;
      break;
    }
  }
  std::size_t mark = std::string_view::npos;
  for (std::size_t m : {open, straight, plain, single}) {
    if (m != std::string_view::npos && (mark == std::string_view::npos || m > mark)) mark = m;
  }
  if (mark == std::string_view::npos) return false;
  const std::string_view between = original.substr(mark, at - mark);
  if (between.find("\u00bb") != std::string_view::npos ||
      between.find("\u201d") != std::string_view::npos ||
      (mark != plain && between.find('"') != std::string_view::npos)) {
    return false;  // the quotation closed before
  }
  std::size_t close = std::string_view::npos;
  if (mark == single) {
    for (std::size_t c = at; c < original.size() && close == std::string_view::npos; ++c) {
      if (SingleCloses(original, c)) close = c;
    }
  } else {
    for (std::string_view m :
         {std::string_view("\u00bb"), std::string_view("\u201d"), std::string_view("\"")}) {
      const std::size_t c = original.find(m, at);
      if (c != std::string_view::npos && (close == std::string_view::npos || c < close)) close = c;
    }
  }
  *open_mark = mark;
  *close_mark = close;
  return true;
}

bool QuotingVerb(std::string_view word) {
  static constexpr std::string_view kVerbs[] = {
      "dire",    "dis",      "dit",       "disent",     "ecrit",     "ecris",   "ecrire",
      "ecrivez", "ecrivent", "crie",      "cries",      "crier",     "crient",  "apeler",
      "apele",   "apeles",   "repeter",   "repete",     "repetes",   "repetez", "scander",
      "hurler",  "relis",    "relisez",   "lis",        "lisez",     "lu",      "afirme",
      "afirmes", "afirmez",  "cite",      "citer",      "pretend",   "entendu", "wax",
      "lit",     "qualifie", "qualifiez", "qualifient", "qualifier", "traite",  "traitez",
      "traites", "traiter",  "reclame",   "reclament",  "reclamez",  "trouve",  "trouvent",
      "trouvez"};
  return std::find(std::begin(kVerbs), std::end(kVerbs), word) != std::end(kVerbs);
}

}  // namespace palabre::moderation
