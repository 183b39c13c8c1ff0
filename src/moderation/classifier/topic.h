// Topic terms: what a French text is about, as a set of word stems, for the off_topic check.
//
// ContentStems lower-cases the text, removes accents (people write "securite" as often as
// "sécurité"), drops French elisions (l', d', qu'…), numbers, words of fewer than three letters
// and a stop-word list written for palabre (function words, auxiliaries, the most common verbs,
// informal fillers: "c", "ki", "ns", "mdr", "wallahi"), then stems each word with Snowball's
// French stemmer (libstemmer). TopicCoverage says how much of a comment's vocabulary its
// article shares: the share of the comment's distinct stems found in the article's stems, a
// stem of the general public-affairs vocabulary (gouvernement, armée, élection, CEDEAO…)
// counting half when the article lacks it, so that a political comment under any news story
// is never without topic.
//
// Pure functions, thread-safe (one Snowball stemmer per thread), never throw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace palabre::moderation::classifier {

// Distinct content stems of `text`, in order of first appearance.
std::vector<std::string> ContentStems(std::string_view text);

// Words of `text`: runs of letters or digits, split by apostrophes and hyphens; an elided
// article or pronoun ("l'", "qu'") is not a word.
std::size_t CountWords(std::string_view text);

// The French Snowball stem (libstemmer) of a normalised, lower-case word; the word itself if
// libstemmer cannot be used. Thread-safe (one stemmer per thread).
std::string FrenchStem(std::string_view word);

// True for a stem of the public-affairs vocabulary (as ContentStems makes them).
bool IsPublicAffairsStem(std::string_view stem);

struct Coverage {
  double value = 0.0;       // 0..1, 1 when the comment has no content stem at all
  std::size_t terms = 0;    // distinct content stems of the comment
  std::size_t shared = 0;   // of which in the article
  std::size_t general = 0;  // of which only in the public-affairs vocabulary
};

Coverage TopicCoverage(const std::vector<std::string>& comment_stems,
                       const std::unordered_set<std::string>& article_stems);

}  // namespace palabre::moderation::classifier
