#include "moderation/checks/duplicate_check.h"

#include <cmath>
#include <string>
#include <vector>

namespace palabre::moderation {
namespace {

// Recent comments of one author looked at (a double submit is among the last ones).
constexpr std::size_t kRecentLimit = 64;

std::string Percent(double similarity) {
  return std::to_string(static_cast<int>(std::lround(similarity * 100))) + " %";
}

}  // namespace

Verdict DuplicateCheck::Run(const Comment& comment, const Context& context) const noexcept {
  Verdict v;
  const Fingerprint& fp = *context.fingerprint;
  if (context.history == nullptr || fp.exact == 0) return v;
  const TimestampMs now = context.now;
  const TimestampMs repeat_since = now - std::int64_t{config_.repeat_window_s} * 1000;
  const bool is_long = fp.length >= static_cast<std::uint32_t>(config_.min_chars);
  const ThreadId thread_id = context.thread != nullptr ? context.thread->id : comment.thread_id;

  // Same author, same folded text.
  std::vector<PastComment> recent;
  for (const bool by_client : {false, true}) {
    const std::uint64_t key = by_client ? context.author.client : context.author.name;
    if (key == 0) continue;
    context.history->RecentBy(context.site->id, by_client, key, repeat_since, kRecentLimit,
                              &recent);
  }
  for (const PastComment& p : recent) {
    if (p.id == comment.id || p.text != fp.exact) continue;
    if (p.thread_id != thread_id && !is_long) continue;
    v.Add(Reason{
        std::string(Name()),
        "duplicate",
        "Même texte déjà publié par le même auteur (commentaire " + std::to_string(p.id) + ").",
        1.0,
        config_.repeat_action,
        {},
        p.id});
    return v;
  }
  if (!is_long) return v;

  // Long text: nearly the same text, by this author again or by another one.
  std::vector<SimilarComment> similar;
  const TimestampMs copy_since = now - std::int64_t{config_.copy_window_s} * 1000;
  context.history->FindSimilar(context.site->id, fp, config_.similarity, copy_since, 8, &similar);
  for (const SimilarComment& s : similar) {
    if (s.comment.id == comment.id) continue;
    const bool same_author =
        (context.author.name != 0 && s.author.name == context.author.name) ||
        (context.author.client != 0 && s.author.client == context.author.client);
    const std::string earlier = "commentaire " + std::to_string(s.comment.id);
    if (same_author) {
      if (s.comment.at < repeat_since) continue;
      v.Add(Reason{std::string(Name()),
                   "duplicate",
                   "Texte " +
                       std::string(s.exact ? "identique"
                                           : "presque identique (" + Percent(s.similarity) + ")") +
                       " déjà publié par le même auteur (" + earlier + ").",
                   s.similarity,
                   config_.repeat_action,
                   {},
                   s.comment.id});
      return v;
    }
    const bool same_thread = s.comment.thread_id == thread_id;
    if (!same_thread && !config_.across_site) continue;
    v.Add(Reason{std::string(Name()),
                 "copy_paste",
                 "Texte " +
                     std::string(s.exact ? "identique"
                                         : "presque identique (" + Percent(s.similarity) + ")") +
                     " à celui d'un autre auteur (" + earlier + ", " +
                     (same_thread ? "même article" : "autre article") + ").",
                 s.similarity,
                 config_.copy_action,
                 {},
                 s.comment.id});
    return v;
  }
  return v;
}

}  // namespace palabre::moderation
