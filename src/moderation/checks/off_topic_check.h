// OffTopicCheck ("off_topic"): holds a long comment that has nothing to do with its article.
//
// The comment's content stems (moderation/classifier/topic.h: French stop words removed,
// Snowball stems) are compared with those of the thread's title and article text: the
// coverage is the share of the comment's distinct stems that the article also uses, words of
// the general public-affairs vocabulary counting half. Under `config.threshold` the comment is
// off-topic: one reason, code `off_topic`, action `config.action` (hold by default), score
// 1 - coverage / threshold. Only comments of at least `config.min_words` words are judged:
// short reactions ("Triste.", "Paix à leurs âmes") never are, nor comments under a thread
// without title and text (fewer than 3 content stems), nor comments with fewer than 8 content
// stems (too little to tell).
//
// Cost: a few microseconds per short comment (a word count); for a long one, stemming it and,
// the first time a thread is seen, its article (cached, up to 512 articles).
//
// Thread-safe: Run is const; the article cache is guarded by a mutex. Never throws (on an
// allocation failure the verdict is `failed`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/thread_annotations.h"
#include "moderation/check.h"
#include "moderation/config.h"

namespace palabre::moderation {

// The threshold the off-topic figures in docs/MODERATION.md were measured with.
inline constexpr double kRecommendedOffTopicThreshold = 0.1;

class OffTopicCheck final : public Check {
 public:
  explicit OffTopicCheck(OffTopicConfig config);

  std::string_view Name() const override { return "off_topic"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  using StemSet = std::unordered_set<std::string>;
  std::shared_ptr<const StemSet> ArticleStems(const Thread& thread) const;

  OffTopicConfig config_;
  mutable Mutex mutex_;
  // Keyed by a hash of title and text; cleared when it holds 512 articles.
  mutable std::unordered_map<std::uint64_t, std::shared_ptr<const StemSet>> cache_
      GUARDED_BY(mutex_);
};

}  // namespace palabre::moderation
