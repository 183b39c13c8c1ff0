#include "moderation/checks/lexicon_check.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "moderation/lexicon/default_lexicon.h"

namespace palabre::moderation {

Result<std::unique_ptr<LexiconCheck>> LexiconCheck::Create(const LexiconConfig& config) {
  using lexicon::Level;
  using lexicon::Term;
  std::vector<Term> terms;
  for (const std::string& language : config.languages) {
    auto list = lexicon::ParseList(lexicon::DefaultListText(language), language);
    if (!list.ok()) return list.status();
    terms.insert(terms.end(), list->begin(), list->end());
  }
  // A site's "allow" entry drops a list term with the same folded form, or else becomes an
  // exception phrase.
  std::set<std::string> dropped;
  for (const std::string& a : config.allow) {
    const std::string folded = Normalize(a).folded;
    if (folded.empty()) {
      return Status(Error::kInvalidArgument, "lexicon.allow: \"" + a + "\" has no letter");
    }
    const bool is_term = std::any_of(terms.begin(), terms.end(), [&](const Term& t) {
      return t.level != Level::kAllow && Normalize(t.text).folded == folded;
    });
    if (is_term) {
      dropped.insert(folded);
    } else {
      terms.push_back(Term{a, Level::kAllow, "site"});
    }
  }
  if (!dropped.empty()) {
    terms.erase(std::remove_if(terms.begin(), terms.end(),
                               [&](const Term& t) {
                                 return t.level != Level::kAllow &&
                                        dropped.count(Normalize(t.text).folded) > 0;
                               }),
                terms.end());
  }
  for (const std::string& b : config.banned) terms.push_back(Term{b, Level::kBanned, "site"});
  for (const std::string& s : config.suspect) terms.push_back(Term{s, Level::kSuspect, "site"});
  auto matcher = lexicon::Matcher::Build(std::move(terms));
  if (!matcher.ok()) return matcher.status();
  return std::unique_ptr<LexiconCheck>(new LexiconCheck(config, std::move(matcher).value()));
}

Verdict LexiconCheck::Run(const Comment& comment, const Context& context) const noexcept {
  Verdict v;
  const NormalizedText& text = *context.text;
  std::vector<lexicon::Match> matches;
  matcher_.FindAll(text, &matches);
  if (matches.empty()) return v;
  const auto& terms = matcher_.terms();
  auto level = [&](const lexicon::Match& m) { return terms[m.term].level; };
  // A match inside a more severe one, or inside a longer one of the same level, says nothing
  // more; of two terms matching the same words ("connard", "conard"), the first is kept.
  auto covered = [&](const lexicon::Match& m) {
    return std::any_of(matches.begin(), matches.end(), [&](const lexicon::Match& o) {
      if (&o == &m || o.begin > m.begin || m.end > o.end) return false;
      if (level(o) != level(m)) return level(o) > level(m);
      const std::size_t outer = o.end - o.begin;
      const std::size_t inner = m.end - m.begin;
      return outer > inner || (outer == inner && o.term < m.term);
    });
  };
  std::vector<lexicon::Match> kept;
  for (const auto& m : matches) {
    if (!covered(m)) kept.push_back(m);
  }
  std::stable_sort(kept.begin(), kept.end(), [&](const lexicon::Match& a, const lexicon::Match& b) {
    return a.term < b.term;
  });
  double profanity = 0.0;
  for (std::size_t i = 0; i < kept.size();) {
    std::size_t j = i;
    std::vector<Span> spans;
    while (j < kept.size() && kept[j].term == kept[i].term) {
      spans.push_back(text.ToOriginal(kept[j].begin, kept[j].end));
      ++j;
    }
    const lexicon::Term& term = terms[kept[i].term];
    const bool banned = term.level == lexicon::Level::kBanned;
    const double score = banned ? 1.0 : 0.6;
    profanity = std::max(profanity, score);
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    const Action action = banned ? config_.banned_action : config_.suspect_action;
    if (action == Action::kPass) {  // the site turned this level off
      i = j;
      continue;
    }
    v.Add(Reason{std::string(Name()), banned ? "banned_word" : "suspect_word",
                 std::string(banned ? "Mot interdit" : "Mot à vérifier") + " : « " + term.text +
                     " » (liste " + term.list + ").",
                 score, action, std::move(spans)});
    i = j;
  }
  v.scores["profanity"] = profanity;
  return v;
}

}  // namespace palabre::moderation
