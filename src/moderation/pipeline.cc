#include "moderation/pipeline.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "moderation/checks/dehumanization_check.h"
#include "moderation/checks/duplicate_check.h"
#include "moderation/checks/empty_check.h"
#include "moderation/checks/flood_check.h"
#include "moderation/checks/length_check.h"
#include "moderation/checks/lexicon_check.h"
#include "moderation/checks/links_contacts_check.h"
#include "moderation/checks/off_topic_check.h"
#include "moderation/checks/shouting_check.h"
#include "moderation/checks/toxicity_check.h"
#include "moderation/checks/violence_check.h"

namespace palabre::moderation {

std::string ToxicityModelPath(const std::string& configured) {
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("PALABRE_MODEL"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  if (std::filesystem::exists(std::string(kDefaultToxicityModel), ec)) {
    return std::string(kDefaultToxicityModel);
  }
  return PALABRE_SOURCE_MODEL;  // the shipped model in the source tree this binary came from
}

Result<std::vector<CheckSlot>> MakeDefaultChecks(const ModerationConfig& c) {
  std::vector<CheckSlot> list;
  auto add = [&](bool enabled, Stage stage, int budget_us, std::unique_ptr<Check> check) {
    if (enabled) list.push_back(CheckSlot{stage, budget_us, std::move(check)});
  };
  // Gates: cheap, and a reject here ends the run.
  add(c.empty.enabled, Stage::kGate, c.empty.budget_us, std::make_unique<EmptyCheck>(c.empty));
  add(c.length.enabled, Stage::kGate, c.length.budget_us, std::make_unique<LengthCheck>(c.length));
  add(c.flood.enabled, Stage::kGate, c.flood.budget_us, std::make_unique<FloodCheck>(c.flood));
  // Transforms: none as checks; the pipeline normalises the text once for all (normalize.h).
  // Fast paths: the history knows this text already.
  add(c.duplicate.enabled, Stage::kFastPath, c.duplicate.budget_us,
      std::make_unique<DuplicateCheck>(c.duplicate));
  // Content, rules.
  add(c.links_contacts.enabled, Stage::kContent, c.links_contacts.budget_us,
      std::make_unique<LinksContactsCheck>(c.links_contacts));
  add(c.shouting.enabled, Stage::kContent, c.shouting.budget_us,
      std::make_unique<ShoutingCheck>(c.shouting));
  if (c.lexicon.enabled) {
    auto lexicon = LexiconCheck::Create(c.lexicon);
    if (!lexicon.ok()) return lexicon.status();
    add(true, Stage::kContent, c.lexicon.budget_us, std::move(lexicon).value());
  }
  add(c.violence.enabled, Stage::kContent, c.violence.budget_us,
      std::make_unique<ViolenceCheck>(c.violence));
  add(c.dehumanization.enabled, Stage::kContent, c.dehumanization.budget_us,
      std::make_unique<DehumanizationCheck>(c.dehumanization));
  // Content, statistical (moderation/classifier/).
  if (c.toxicity.enabled) {
    auto model = LoadSharedClassifier(ToxicityModelPath(c.toxicity.model_path));
    if (!model.ok()) return model.status();
    ToxicityThresholds t;
    t.threat = {c.toxicity.threat_hold, c.toxicity.threat_reject, c.toxicity.threat_review};
    t.hate = {c.toxicity.hate_hold, c.toxicity.hate_reject, c.toxicity.hate_review};
    t.insult = {c.toxicity.insult_hold, c.toxicity.insult_reject, c.toxicity.insult_review};
    t.toxic = {c.toxicity.toxic_hold, c.toxicity.toxic_reject, c.toxicity.toxic_review};
    t.spam = {c.toxicity.spam_hold, c.toxicity.spam_reject, c.toxicity.spam_review};
    add(true, Stage::kContent, c.toxicity.budget_us,
        std::make_unique<ToxicityCheck>(std::move(model).value(), t));
  }
  add(c.off_topic.enabled, Stage::kContent, c.off_topic.budget_us,
      std::make_unique<OffTopicCheck>(c.off_topic));
  // Pre-moderation (hold everything, or new authors' comments) is the site's setting, applied by
  // the comment service after the pipeline's decision (service/comment_service.h).
  return list;
}

struct Pipeline::Counters {
  std::string name;
  std::atomic<std::uint64_t> runs{0};
  std::atomic<std::uint64_t> flags{0};
  std::atomic<std::uint64_t> reviews{0};
  std::atomic<std::uint64_t> holds{0};
  std::atomic<std::uint64_t> rejects{0};
  std::atomic<std::uint64_t> over_budget{0};
  std::atomic<std::uint64_t> failures{0};
  std::atomic<std::uint64_t> total_ns{0};
  std::atomic<std::uint64_t> max_ns{0};
};

namespace {

HistoryOptions HistoryOptionsFor(const ModerationConfig& c) {
  HistoryOptions o;
  const std::int64_t flood_s = std::max(c.flood.burst_window_s, c.flood.sustained_window_s);
  o.author_window_ms = std::max<std::int64_t>(flood_s, c.duplicate.repeat_window_s) * 1000;
  o.author_max_posts = std::max<std::size_t>(
      64, static_cast<std::size_t>(std::max(c.flood.burst_max, c.flood.sustained_max)));
  o.similar_window_ms = std::int64_t{c.duplicate.copy_window_s} * 1000;
  o.min_indexed_length = static_cast<std::size_t>(c.duplicate.min_chars);
  o.max_indexed = static_cast<std::size_t>(c.duplicate.max_indexed);
  return o;
}

void Merge(Verdict&& v, std::string_view name, Decision* d) {
  d->action = std::max(d->action, v.action);
  for (Reason& r : v.reasons) {
    if (r.check.empty()) r.check = std::string(name);
    d->action = std::max(d->action, r.action);
    d->reasons.push_back(std::move(r));
  }
  for (const auto& [key, value] : v.scores) {
    auto [it, inserted] = d->scores.emplace(key, value);
    if (!inserted) it->second = std::max(it->second, value);
  }
  d->retry_after_s = std::max(d->retry_after_s, v.retry_after_s);
}

// A check that could not say: the comment is flagged rather than passed unseen.
void FlagUnavailable(std::string_view name, std::string detail, Decision* d) {
  d->reasons.push_back(
      Reason{std::string(name), "check_unavailable", std::move(detail), 0.0, Action::kFlag, {}});
  d->action = std::max(d->action, Action::kFlag);
}

void AtomicMax(std::atomic<std::uint64_t>& a, std::uint64_t v) {
  std::uint64_t current = a.load(std::memory_order_relaxed);
  while (current < v && !a.compare_exchange_weak(current, v, std::memory_order_relaxed)) {
  }
}

}  // namespace

Author AuthorOf(const Comment& comment) {
  Author a;
  const std::string name = FoldName(comment.author);
  if (!name.empty()) a.name = Hash64(name, 11) | 1;
  if (!comment.client_hash.empty()) a.client = Hash64(comment.client_hash, 13) | 1;
  return a;
}

Pipeline::Pipeline(const ModerationConfigs& configs, const Clock& clock) : clock_(clock) {
  std::map<std::string, HistoryOptions, std::less<>> per_site;
  for (const auto& [site, config] : configs.sites)
    per_site.emplace(site, HistoryOptionsFor(config));
  history_ = std::make_unique<History>(HistoryOptionsFor(configs.defaults), std::move(per_site));
}

Pipeline::Pipeline(std::vector<CheckSlot> checks, const ModerationConfig& config,
                   const Clock& clock)
    : Pipeline(ModerationConfigs{config, {}}, clock) {
  auto list = MakeList(std::move(checks), config);
  MutexLock lock(lists_mu_);
  defaults_ = std::move(list);
}

Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const ModerationConfigs& configs,
                                                   const Clock& clock) {
  std::unique_ptr<Pipeline> p(new Pipeline(configs, clock));
  auto defaults = MakeDefaultChecks(configs.defaults);
  if (!defaults.ok()) return defaults.status();
  auto default_list = p->MakeList(std::move(defaults).value(), configs.defaults);
  {
    MutexLock lock(p->lists_mu_);
    p->defaults_ = std::move(default_list);
  }
  for (const auto& [site, config] : configs.sites) {
    auto list = MakeDefaultChecks(config);
    if (!list.ok()) {
      return Status(list.error(), "site " + site + ": " + list.status().message());
    }
    auto site_list = p->MakeList(std::move(list).value(), config);
    MutexLock lock(p->lists_mu_);
    p->sites_.emplace(site, std::move(site_list));
  }
  return p;
}

std::shared_ptr<const Pipeline::SiteList> Pipeline::MakeList(std::vector<CheckSlot> checks,
                                                             const ModerationConfig& config) {
  auto list = std::make_shared<SiteList>();
  for (CheckSlot& slot : checks) {
    const std::string name(slot.check->Name());
    Counters* counters_of_check = nullptr;
    {
      MutexLock lock(counters_mu_);
      auto& counters = counters_[name];
      if (!counters) {
        counters = std::make_unique<Counters>();
        counters->name = name;
      }
      counters_of_check = counters.get();
    }
    const int budget_us = slot.budget_us > 0 ? slot.budget_us : config.pipeline.budget_us;
    list->entries.push_back(Entry{slot.stage, std::int64_t{budget_us} * 1000, std::move(slot.check),
                                  counters_of_check});
  }
  return list;
}

std::shared_ptr<const Pipeline::SiteList> Pipeline::ListFor(std::string_view site_id) const {
  MutexLock lock(lists_mu_);
  const auto it = sites_.find(site_id);
  return it == sites_.end() ? defaults_ : it->second;
}

TimestampMs Pipeline::NowFor(const Comment& comment) const {
  if (comment.id == 0 && comment.created_at > 0) return comment.created_at;
  return clock_.NowMs();
}

Decision Pipeline::Evaluate(const Site& site, const Thread& thread, const Comment& comment) {
  return Analyze(site, thread, comment);
}

Decision Pipeline::Analyze(const Site& site, const Thread& thread, const Comment& comment) const {
  const NormalizedText text = Normalize(comment.text);
  auto fingerprint = std::make_shared<const Fingerprint>(ComputeFingerprint(text));
  Context context;
  context.now = NowFor(comment);
  context.site = &site;
  context.thread = &thread;
  context.text = &text;
  context.fingerprint = fingerprint.get();
  context.author = AuthorOf(comment);
  context.history = history_.get();

  Decision decision;
  bool gate_rejected = false;
  const std::shared_ptr<const SiteList> list = ListFor(site.id);
  for (const Entry& entry : list->entries) {
    // A gate's reject ends the run once the gates are done; a later reject does not, so that
    // moderators see all the evidence.
    if (entry.stage != Stage::kGate && gate_rejected) break;
    const auto start = std::chrono::steady_clock::now();
    Verdict verdict = entry.check->Run(comment, context);
    const auto elapsed_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count();
    Counters& c = *entry.counters;
    const std::string_view name = entry.check->Name();
    c.runs.fetch_add(1, std::memory_order_relaxed);
    const auto ns = static_cast<std::uint64_t>(elapsed_ns);
    const std::uint64_t us = ns / 1000;
    c.total_ns.fetch_add(ns, std::memory_order_relaxed);
    AtomicMax(c.max_ns, ns);
    switch (verdict.action) {
      case Action::kPass:
        break;
      case Action::kFlag:
        c.flags.fetch_add(1, std::memory_order_relaxed);
        break;
      case Action::kReview:
        c.reviews.fetch_add(1, std::memory_order_relaxed);
        break;
      case Action::kHold:
        c.holds.fetch_add(1, std::memory_order_relaxed);
        break;
      case Action::kReject:
        c.rejects.fetch_add(1, std::memory_order_relaxed);
        break;
    }
    const bool failed = verdict.failed;
    Merge(std::move(verdict), name, &decision);
    if (failed) {
      c.failures.fetch_add(1, std::memory_order_relaxed);
      spdlog::warn("moderation: check {} failed (site {})", name, site.id);
      FlagUnavailable(name, "Contrôle indisponible : le commentaire est signalé.", &decision);
    }
    if (elapsed_ns > entry.budget_ns) {
      c.over_budget.fetch_add(1, std::memory_order_relaxed);
      spdlog::warn("moderation: check {} over budget: {} us > {} us (site {})", name, us,
                   entry.budget_ns / 1000, site.id);
      FlagUnavailable(name,
                      "Contrôle hors délai (" + std::to_string(us) + " µs, budget " +
                          std::to_string(entry.budget_ns / 1000) +
                          " µs) : le commentaire est signalé.",
                      &decision);
    }
    if (entry.stage == Stage::kGate) gate_rejected = decision.action == Action::kReject;
  }
  if (decision.action != Action::kReject) decision.retry_after_s = 0;
  decision.fingerprint = std::move(fingerprint);
  return decision;
}

void Pipeline::Record(const Site& site, const Comment& comment, const Decision* judged) {
  if (comment.status == CommentStatus::kRejected || comment.status == CommentStatus::kDeleted) {
    return;
  }
  HistoryEntry entry;
  entry.id = comment.id;
  entry.thread_id = comment.thread_id;
  entry.at = comment.created_at > 0 ? comment.created_at : clock_.NowMs();
  entry.author = AuthorOf(comment);
  entry.fingerprint = judged != nullptr && judged->fingerprint != nullptr
                          ? *judged->fingerprint
                          : ComputeFingerprint(Normalize(comment.text));
  history_->Add(site.id, entry);
}

Status Pipeline::Reconfigure(std::string_view site_id, const ModerationConfig& config) {
  PALABRE_RETURN_IF_ERROR(Validate(config));
  auto checks = MakeDefaultChecks(config);  // off-lock: may load a model (once per file)
  if (!checks.ok()) {
    return Status(checks.error(),
                  "site " + std::string(site_id) + ": " + checks.status().message());
  }
  std::shared_ptr<const SiteList> list = MakeList(std::move(checks).value(), config);
  std::shared_ptr<const SiteList> old;  // destroyed after the lock is released
  {
    MutexLock lock(lists_mu_);
    auto& slot = sites_[std::string(site_id)];
    old = std::move(slot);
    slot = std::move(list);
  }
  return Status::Ok();
}

std::vector<CheckStats> Pipeline::Stats() const {
  MutexLock lock(counters_mu_);
  std::vector<CheckStats> out;
  for (const auto& [name, c] : counters_) {
    CheckStats s;
    s.name = name;
    s.runs = c->runs.load(std::memory_order_relaxed);
    s.flags = c->flags.load(std::memory_order_relaxed);
    s.reviews = c->reviews.load(std::memory_order_relaxed);
    s.holds = c->holds.load(std::memory_order_relaxed);
    s.rejects = c->rejects.load(std::memory_order_relaxed);
    s.over_budget = c->over_budget.load(std::memory_order_relaxed);
    s.failures = c->failures.load(std::memory_order_relaxed);
    s.total_ns = c->total_ns.load(std::memory_order_relaxed);
    s.max_ns = c->max_ns.load(std::memory_order_relaxed);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace palabre::moderation
