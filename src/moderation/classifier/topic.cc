#include "moderation/classifier/topic.h"

#include <libstemmer.h>
#include <unicode/uchar.h>

#include <array>
#include <memory>
#include <unordered_set>

#include "moderation/classifier/fold.h"
#include "moderation/classifier/topic_words.h"

namespace palabre::moderation::classifier {
namespace {

bool IsElision(std::string_view w) {
  static constexpr std::string_view kElisions[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu"};
  for (std::string_view e : kElisions) {
    if (w == e) return true;
  }
  return false;
}

const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> set(kStopWords.begin(), kStopWords.end());
  return set;
}

// Lower case without accents, split into words of letters and digits: apostrophes and hyphens
// separate words, an elided article or pronoun before an apostrophe is dropped.
template <typename Fn>
void ForEachWord(std::string_view text, Fn fn) {
  std::string word;
  bool has_letter = false;
  auto flush = [&](bool before_apostrophe) {
    if (!word.empty() && !(before_apostrophe && IsElision(word))) fn(word, has_letter);
    word.clear();
    has_letter = false;
  };
  for (char32_t c : FoldText(text)) {
    if (u_isalpha(static_cast<UChar32>(c))) {
      AppendUtf8(word, c);
      has_letter = true;
    } else if (c >= U'0' && c <= U'9') {
      word += static_cast<char>(c);
    } else {
      flush(c == U'\'');
    }
  }
  flush(false);
}

const std::unordered_set<std::string>& PublicAffairsStems() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> stems;
    for (std::string_view w : kPublicAffairs) stems.insert(FrenchStem(w));
    return stems;
  }();
  return set;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

}  // namespace

std::string FrenchStem(std::string_view word) {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("french", "UTF_8"));
  if (!stemmer) return std::string(word);
  const sb_symbol* out =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer.get())));
}

std::vector<std::string> ContentStems(std::string_view text) {
  std::vector<std::string> stems;
  std::unordered_set<std::string> seen;
  const auto& stop = StopWords();
  ForEachWord(text, [&](const std::string& word, bool has_letter) {
    if (!has_letter) return;  // numbers
    std::size_t letters = 0;
    for (unsigned char c : word) letters += (c & 0xC0) != 0x80;
    if (letters < 3 || stop.count(word) > 0) return;
    std::string stem = FrenchStem(word);
    if (seen.insert(stem).second) stems.push_back(std::move(stem));
  });
  return stems;
}

std::size_t CountWords(std::string_view text) {
  std::size_t n = 0;
  ForEachWord(text, [&](const std::string&, bool) { ++n; });
  return n;
}

bool IsPublicAffairsStem(std::string_view stem) {
  return PublicAffairsStems().count(std::string(stem)) > 0;
}

Coverage TopicCoverage(const std::vector<std::string>& comment_stems,
                       const std::unordered_set<std::string>& article_stems) {
  Coverage c;
  c.terms = comment_stems.size();
  if (c.terms == 0) {
    c.value = 1.0;
    return c;
  }
  for (const std::string& s : comment_stems) {
    if (article_stems.count(s) > 0) {
      ++c.shared;
    } else if (IsPublicAffairsStem(s)) {
      ++c.general;
    }
  }
  c.value = (static_cast<double>(c.shared) + 0.5 * static_cast<double>(c.general)) /
            static_cast<double>(c.terms);
  return c;
}

}  // namespace palabre::moderation::classifier
