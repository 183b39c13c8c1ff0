#include "service/import_run.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "service/import_service.h"
#include "service/reader_hashes.h"

namespace palabre::service {
namespace {

constexpr std::size_t kMaxExamples = 20;

CommentStatus StatusOf(import::Fate fate, import::SourceState state) {
  if (fate == import::Fate::kTombstone) return CommentStatus::kDeleted;
  switch (state) {
    case import::SourceState::kApproved:
      return CommentStatus::kPublished;
    case import::SourceState::kPending:
      return CommentStatus::kHeld;
    case import::SourceState::kSpam:
      return CommentStatus::kRejected;
    case import::SourceState::kDeleted:
      return CommentStatus::kDeleted;
  }
  return CommentStatus::kPublished;
}

class Run {
 public:
  Run(store::Store& store, moderation::Moderator* moderator, const ImportOptions& options,
      const import::Plan& plan, Site site)
      : store_(store),
        importer_(store, site.id),
        moderator_(options.moderation == ImportModeration::kOff ? nullptr : moderator),
        options_(options),
        plan_(plan),
        site_(std::move(site)),
        seen_(plan.size(), false),
        ids_(plan.size(), 0) {}

  Status Begin() { return importer_.Begin(); }

  Status Pass(import::Reader& reader) {
    // Writes go in batches (store/store.h, Store::Batch: one transaction each on SQLite); a dry
    // run writes nothing and takes no write lock.
    bool end = false;
    while (!end) {
      auto chunk = [&]() -> Status {
        for (int written = 0; written < kBatchComments;) {
          import::Record record;
          auto step = reader.Next(record);
          if (!step.ok()) return step.status();
          if (step->kind == import::Step::kEnd) {
            end = true;
            return Status::Ok();
          }
          if (step->kind != import::Step::kRecord) continue;  // counted by the first pass
          if (auto* t = std::get_if<import::SourceThread>(&record); t && options_.exact) {
            PALABRE_RETURN_IF_ERROR(ExactThread(*t));  // in the export's order, comments or not
            continue;
          }
          auto* c = std::get_if<import::SourceComment>(&record);
          if (!c) continue;
          const Index i = plan_.IndexOf(c->id);
          if (i == import::Plan::kNone || seen_[i]) continue;  // an id said twice
          seen_[i] = true;
          ++written;
          PALABRE_RETURN_IF_ERROR(Take(std::move(*c), i));
        }
        return Status::Ok();
      };
      PALABRE_RETURN_IF_ERROR(options_.dry_run ? chunk() : store_.Batch(chunk));
    }
    auto leftovers = [&]() -> Status { return WriteLeftovers(); };
    PALABRE_RETURN_IF_ERROR(options_.dry_run ? leftovers() : store_.Batch(leftovers));
    if (options_.progress) options_.progress(done_, total_);
    return Status::Ok();
  }

  ImportResult Finish() {
    if (!options_.dry_run) {
      result_.threads_created = importer_.counts().threads;
      result_.comments_written = importer_.counts().comments;
    }
    return std::move(result_);
  }

 private:
  using Index = import::Plan::Index;
  static constexpr int kBatchComments = 500;
  static constexpr CommentId kDryRunId = -1;  // "written" in a dry run, which has no ids

  // What a comment is written under: nothing, a number of the plan, or (for a reply whose
  // parent palabre refused or that is in a parent cycle) a placeholder the plan does not have.
  struct Parent {
    Index index = import::Plan::kNone;
    std::string extra;  // the placeholder's id when not in the plan
  };
  struct Waiting {
    import::SourceComment comment;
    Index index;
  };

  Status ExactThread(const import::SourceThread& t) {
    const import::Plan::ThreadInfo* info = plan_.Thread(t.id);
    if (!info || info->key.empty()) return Status::Ok();
    Status made = EnsureThread(*info, 0);
    if (!made.ok() && made.error() != Error::kKeyInvalid && made.error() != Error::kInvalidUtf8) {
      return made;
    }
    return Status::Ok();
  }

  // One comment of the second pass: written now, or kept until its parent is.
  Status Take(import::SourceComment c, Index i) {
    if (options_.progress && ++done_ % options_.progress_every == 0) {
      options_.progress(done_, total_);
    }
    const import::Fate fate = plan_.FateAt(i);
    if (fate != import::Fate::kImport && fate != import::Fate::kTombstone) return Status::Ok();
    const Index parent = plan_.ParentAt(i);
    if (parent == import::Plan::kNone || plan_.IsPlaceholderAt(parent) || ids_[parent] != 0) {
      return Write(std::move(c), i, Parent{parent, {}});
    }
    waiting_[parent].push_back(Waiting{std::move(c), i});  // its parent comes later
    return Status::Ok();
  }

  Status WriteLeftovers() {
    // Whatever still waits is in a cycle of parents (a broken export), or answers a comment
    // palabre refused: each goes under a placeholder, nothing is dropped.
    std::vector<std::pair<std::string, std::vector<Waiting>>> left;
    for (auto& [parent, children] : waiting_) {
      left.emplace_back(std::string(plan_.IdAt(parent)), std::move(children));
    }
    waiting_.clear();
    std::sort(left.begin(), left.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [parent, children] : left) {
      for (auto& child : children) {
        if (ids_[child.index] != 0) continue;
        ++result_.cycles_broken;
        PALABRE_RETURN_IF_ERROR(Write(std::move(child.comment), child.index,
                                      Parent{import::Plan::kNone, "missing:" + parent}));
      }
    }
    return Status::Ok();
  }

  // Writes the comment numbered `i` under `parent`, then every reply that waited for it.
  Status Write(import::SourceComment c, Index i, Parent parent) {
    struct Item {
      import::SourceComment comment;
      Index index;
      Parent parent;
    };
    std::vector<Item> stack;
    stack.push_back(Item{std::move(c), i, std::move(parent)});
    while (!stack.empty()) {
      Item x = std::move(stack.back());
      stack.pop_back();
      const import::Plan::ThreadInfo* thread = plan_.ThreadAt(x.index);
      if (!thread) continue;  // the plan keeps only comments of known threads
      auto parent_id = ParentId(x.parent, *thread, x.comment.created_at);
      if (!parent_id.ok()) return parent_id.status();
      auto ok = WriteOne(x.comment, x.index, x.parent, *parent_id, *thread);
      if (!ok.ok()) return ok.status();
      if (!*ok) continue;  // refused: its replies wait, then go under a placeholder
      if (auto it = waiting_.find(x.index); it != waiting_.end()) {
        for (auto& child : it->second) {
          stack.push_back(Item{std::move(child.comment), child.index, Parent{x.index, {}}});
        }
        waiting_.erase(it);
      }
    }
    return Status::Ok();
  }

  // The palabre id to write a comment under (nullopt: top level), writing its placeholder first
  // when it is one.
  Result<std::optional<CommentId>> ParentId(const Parent& parent,
                                            const import::Plan::ThreadInfo& thread,
                                            TimestampMs created_at) {
    if (!parent.extra.empty()) {
      if (auto it = extra_ids_.find(parent.extra); it != extra_ids_.end()) return {it->second};
      auto id = WritePlaceholder(parent.extra, thread, created_at);
      if (!id.ok()) return id.status();
      extra_ids_.emplace(parent.extra, *id);
      return {*id};
    }
    if (parent.index == import::Plan::kNone) return std::optional<CommentId>();
    CommentId& id = ids_[parent.index];
    if (id == 0 && plan_.IsPlaceholderAt(parent.index)) {
      auto written = WritePlaceholder(std::string(plan_.IdAt(parent.index)), thread, created_at);
      if (!written.ok()) return written.status();
      id = *written;
    }
    return {id};
  }

  Result<CommentId> WritePlaceholder(const std::string& id, const import::Plan::ThreadInfo& thread,
                                     TimestampMs created_at) {
    ImportedComment in;
    in.source_id = id;
    in.thread_key = thread.key;
    in.created_at = created_at;
    in.status = CommentStatus::kDeleted;
    PALABRE_RETURN_IF_ERROR(EnsureThread(thread, created_at));
    auto already = AlreadyImported(id);
    if (!already.ok()) return already.status();
    if (already->has_value()) return **already;
    if (options_.dry_run) {
      ++result_.comments_written;
      return kDryRunId;
    }
    return importer_.AddComment(in);
  }

  Result<std::optional<CommentId>> AlreadyImported(const std::string& id) {
    if (options_.assume_empty) return std::optional<CommentId>();
    return importer_.AlreadyImported(id);
  }

  // `first_comment_at`: the thread's time when the export gives none.
  Status EnsureThread(const import::Plan::ThreadInfo& thread, TimestampMs first_comment_at) {
    if (!threads_.try_emplace(thread.key, static_cast<ThreadId>(threads_.size() + 1)).second) {
      return Status::Ok();
    }
    if (options_.dry_run && options_.assume_empty) {
      ++result_.threads_created;
      return Status::Ok();
    }
    if (options_.dry_run) {
      auto existing = store_.GetThread(site_.id, thread.key);
      if (!existing.ok() && existing.error() != Error::kUnknownThread) return existing.status();
      if (!existing.ok()) ++result_.threads_created;
      return Status::Ok();
    }
    ImportedThread t;
    t.key = thread.key;
    t.title = thread.title;
    t.body = thread.body;
    t.created_at = thread.created_at != 0 ? thread.created_at : first_comment_at;
    t.closed = thread.closed;
    Status s = importer_.AddThread(t);
    if (s.ok() || s.error() != Error::kInvalidUtf8) return s;
    t.title.clear();  // a title palabre cannot read is not a reason to lose the comments
    t.body.clear();
    return importer_.AddThread(t);
  }

  // True when written (or already there, or in a dry run: would be); false when palabre's
  // rules refuse the comment (counted with its reason).
  Result<bool> WriteOne(const import::SourceComment& x, Index i, const Parent& parent,
                        std::optional<CommentId> parent_id,
                        const import::Plan::ThreadInfo& thread) {
    Status s = EnsureThread(thread, x.created_at);
    if (!s.ok() && s.error() != Error::kKeyInvalid && s.error() != Error::kInvalidUtf8) return s;
    if (!s.ok()) return Refused(x.id, s);
    auto already = AlreadyImported(x.id);
    if (!already.ok()) return already.status();
    if (already->has_value()) {
      ++result_.already_imported;
      ids_[i] = **already;
      return true;
    }
    ImportedComment in;
    in.source_id = x.id;
    in.thread_key = thread.key;
    in.parent_source_id = !parent.extra.empty()                 ? parent.extra
                          : parent.index != import::Plan::kNone ? plan_.IdAt(parent.index)
                                                                : std::string_view();
    in.parent_id = parent_id;
    in.author = x.author;
    in.text = x.text;
    in.created_at = x.created_at;
    in.status = StatusOf(plan_.FateAt(i), x.state);
    in.email = x.email;
    in.address = x.address;
    in.upvotes = x.upvotes;
    in.downvotes = x.downvotes;
    if (options_.exact) {
      in.client_hash = x.client_hash;
      if (x.edited_at != 0) in.edited_at = x.edited_at;
      in.moderation = x.moderation;
      in.review = x.review;
      in.risk = x.risk;
      in.auto_rejected = x.auto_rejected;
    }
    if (in.status == CommentStatus::kPublished && moderator_) Moderate(x, thread, in);
    if (options_.dry_run) {
      ++result_.comments_written;
      ids_[i] = kDryRunId;
      return true;
    }
    auto added = importer_.AddComment(in);
    if (added.ok()) {
      ids_[i] = *added;
      return true;
    }
    if (added.error() == Error::kUnavailable || added.error() == Error::kInternal) {
      return added.status();
    }
    return Refused(x.id, added.status());
  }

  bool Refused(const std::string& id, const Status& s) {
    ++result_.invalid;
    if (result_.invalid_examples.size() < kMaxExamples) {
      result_.invalid_examples.push_back(id + ": " + s.ToString());
    }
    return false;
  }

  // Runs the pipeline as if the comment were posted at its time, like `palabre moderate`.
  void Moderate(const import::SourceComment& x, const import::Plan::ThreadInfo& info,
                ImportedComment& in) {
    Thread thread;
    thread.id = threads_.at(info.key);
    thread.site_id = site_.id;
    thread.key = info.key;
    thread.title = info.title;
    Comment comment;
    comment.id = ++evaluated_ids_;
    comment.thread_id = thread.id;
    comment.author = x.author;
    comment.text = x.text;
    comment.created_at = x.created_at;
    comment.client_hash = ClientHash(x.address, site_);
    const moderation::Decision d = moderator_->Evaluate(site_, thread, comment);
    ImportModerationReport& r = result_.moderation;
    ++r.evaluated;
    std::set<std::string> codes;
    for (const auto& reason : d.reasons) codes.insert(reason.code);
    for (const auto& code : codes) ++r.by_code[code];
    // A flood of the past is no reason to refuse history: rate limits count, change nothing.
    const bool rejected = d.action == moderation::Action::kReject && !d.rate_limited();
    if (rejected) {
      ++r.reject;
    } else if (d.review()) {
      ++r.review;
    } else if (d.published() || d.rate_limited()) {
      ++r.publish;
    } else {
      ++r.hold;
    }
    if (!rejected) {
      comment.status = d.published() ? CommentStatus::kPublished : CommentStatus::kHeld;
      moderator_->Record(site_, comment, &d);
    }
    if (options_.moderation != ImportModeration::kApply || d.rate_limited()) return;
    in.moderation = d.ToJson();
    if (rejected) {
      in.status = CommentStatus::kRejected;
    } else if (!d.published()) {
      in.status = CommentStatus::kHeld;
    } else if (d.review()) {
      in.review = true;
      in.risk = d.review_risk();
    }
  }

  store::Store& store_;
  ImportService importer_;
  moderation::Moderator* moderator_;
  const ImportOptions& options_;
  const import::Plan& plan_;
  Site site_;
  ImportResult result_;
  // By the plan's numbers: met in this pass; the palabre id written (0: not yet).
  std::vector<bool> seen_;
  std::vector<CommentId> ids_;
  std::unordered_map<Index, std::vector<Waiting>> waiting_;  // by the parent they wait for
  std::unordered_map<std::string, CommentId> extra_ids_;     // placeholders not in the plan
  std::unordered_map<std::string, ThreadId> threads_;        // keys met, with an id for moderation
  std::int64_t done_ = 0;
  std::int64_t total_ = plan_.report().comments - plan_.report().duplicates;
  CommentId evaluated_ids_ = 0;
};

Status FirstPass(import::Reader& reader, import::Plan& plan, bool strict) {
  for (;;) {
    import::Record record;
    auto step = reader.Next(record);
    if (!step.ok()) return step.status();
    switch (step->kind) {
      case import::Step::kEnd:
        plan.Finish();
        return Status::Ok();
      case import::Step::kOmitted:
        plan.Omitted(step->text);
        break;
      case import::Step::kSkipped:
        if (strict) return Status(Error::kInvalidArgument, step->text);
        plan.Malformed(step->text);
        break;
      case import::Step::kRecord:
        std::visit([&plan](const auto& r) { plan.Add(r); }, record);
        break;
    }
  }
}

}  // namespace

Result<ImportResult> RunImport(store::Store& store, moderation::Moderator* moderator,
                               const std::string& site_id, const ReaderFactory& open,
                               const ImportOptions& options) {
  auto site = store.GetSite(site_id);
  if (!site.ok()) return site.status();
  import::Plan plan(options.identity, options.exact);
  {
    auto reader = open();
    if (!reader.ok()) return reader.status();
    PALABRE_RETURN_IF_ERROR(FirstPass(**reader, plan, options.strict));
  }
  Run run(store, moderator, options, plan, std::move(site).value());
  PALABRE_RETURN_IF_ERROR(run.Begin());
  {
    auto reader = open();
    if (!reader.ok()) return reader.status();
    PALABRE_RETURN_IF_ERROR(run.Pass(**reader));
  }
  ImportResult result = run.Finish();
  result.plan = plan.report();
  return result;
}

}  // namespace palabre::service
