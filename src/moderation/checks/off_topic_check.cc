#include "moderation/checks/off_topic_check.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <utility>
#include <vector>

#include "moderation/classifier/topic.h"

namespace palabre::moderation {
namespace {

constexpr std::size_t kMaxCachedArticles = 512;
constexpr std::size_t kMinArticleStems = 3;
constexpr std::size_t kMinCommentStems = 8;

}  // namespace

OffTopicCheck::OffTopicCheck(OffTopicConfig config) : config_(std::move(config)) {}

std::shared_ptr<const OffTopicCheck::StemSet> OffTopicCheck::ArticleStems(
    const Thread& thread) const {
  const std::uint64_t key = std::hash<std::string_view>{}(thread.title) * 0x9E3779B97F4A7C15ULL ^
                            std::hash<std::string_view>{}(thread.body);
  {
    MutexLock lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  // Stemmed outside the lock; two threads may compute the same article once each.
  auto stems = std::make_shared<StemSet>();
  for (std::string& s : classifier::ContentStems(thread.title)) stems->insert(std::move(s));
  for (std::string& s : classifier::ContentStems(thread.body)) stems->insert(std::move(s));
  MutexLock lock(mutex_);
  if (cache_.size() >= kMaxCachedArticles) cache_.clear();
  cache_.emplace(key, stems);
  return stems;
}

Verdict OffTopicCheck::Run(const Comment& comment, const Context& context) const noexcept {
  Verdict verdict;
  if (context.thread == nullptr || config_.action == Action::kPass) return verdict;
  try {
    const std::string_view text =
        context.text != nullptr ? std::string_view(context.text->original) : comment.text;
    if (classifier::CountWords(text) < static_cast<std::size_t>(std::max(config_.min_words, 0))) {
      return verdict;
    }
    const std::shared_ptr<const StemSet> article = ArticleStems(*context.thread);
    if (article->size() < kMinArticleStems) return verdict;
    const std::vector<std::string> stems = classifier::ContentStems(text);
    if (stems.size() < kMinCommentStems) return verdict;
    const classifier::Coverage coverage = classifier::TopicCoverage(stems, *article);
    if (coverage.value >= config_.threshold) return verdict;
    Reason reason;
    reason.check = std::string(Name());
    reason.code = "off_topic";
    char detail[160];
    std::snprintf(detail, sizeof detail,
                  "sans rapport avec l'article : %zu mots-clés sur %zu en commun (%.2f)",
                  coverage.shared, coverage.terms, coverage.value);
    reason.detail = detail;
    reason.score = config_.threshold > 0 ? 1.0 - coverage.value / config_.threshold : 1.0;
    reason.action = config_.action;
    verdict.Add(std::move(reason));
  } catch (...) {
    verdict = Verdict{};
    verdict.failed = true;
  }
  return verdict;
}

}  // namespace palabre::moderation
