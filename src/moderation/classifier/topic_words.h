// The word lists of the off-topic check's French topic model (topic.h): the stop words never
// counted as content, and the general vocabulary of public affairs in West African news. Data
// only, lower case without accents (topic.cc compares words after folding them).
#pragma once

#include <span>
#include <string_view>

namespace palabre::moderation::classifier {

// French function words, auxiliaries and the commonest verbs, adverbs and fillers.
extern const std::span<const std::string_view> kStopWords;
// A comment using these words is about the country, its politics, security or economy,
// whatever the article.
extern const std::span<const std::string_view> kPublicAffairs;

}  // namespace palabre::moderation::classifier
