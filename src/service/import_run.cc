#include "service/import_run.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>
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
        site_(std::move(site)) {}

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
          if (!c || !seen_.insert(c->id).second) continue;  // a thread, or an id said twice
          ++written;
          PALABRE_RETURN_IF_ERROR(Take(std::move(*c)));
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
  static constexpr int kBatchComments = 500;

  Status ExactThread(const import::SourceThread& t) {
    const import::Plan::ThreadInfo* info = plan_.Thread(t.id);
    if (!info || info->key.empty()) return Status::Ok();
    Status made = EnsureThread(*info);
    if (!made.ok() && made.error() != Error::kKeyInvalid && made.error() != Error::kInvalidUtf8) {
      return made;
    }
    return Status::Ok();
  }

  // One comment of the second pass: written now, or kept until its parent is.
  Status Take(import::SourceComment c) {
    if (options_.progress && ++done_ % options_.progress_every == 0) {
      options_.progress(done_, total_);
    }
    const import::Fate fate = plan_.FateOf(c.id);
    if (fate != import::Fate::kImport && fate != import::Fate::kTombstone) return Status::Ok();
    std::string parent = plan_.ParentOf(c.id);
    if (parent.empty() || import::Plan::IsPlaceholder(parent) || written_.contains(parent)) {
      return Write(std::move(c), std::move(parent));
    }
    waiting_[parent].push_back(std::move(c));  // its parent comes later in the export
    return Status::Ok();
  }

  Status WriteLeftovers() {
    // Whatever still waits is in a cycle of parents (a broken export), or answers a comment
    // palabre refused: each goes under a placeholder, nothing is dropped.
    std::vector<std::pair<std::string, std::vector<import::SourceComment>>> left(
        std::make_move_iterator(waiting_.begin()), std::make_move_iterator(waiting_.end()));
    waiting_.clear();
    std::sort(left.begin(), left.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [parent, children] : left) {
      for (auto& child : children) {
        if (written_.contains(child.id)) continue;
        ++result_.cycles_broken;
        PALABRE_RETURN_IF_ERROR(Write(std::move(child), "missing:" + parent));
      }
    }
    return Status::Ok();
  }

  // Writes `c` under `parent`, then every reply that waited for it.
  Status Write(import::SourceComment c, std::string parent) {
    std::vector<std::pair<import::SourceComment, std::string>> stack;
    stack.emplace_back(std::move(c), std::move(parent));
    while (!stack.empty()) {
      auto [x, p] = std::move(stack.back());
      stack.pop_back();
      const import::Plan::ThreadInfo* thread = plan_.Thread(x.thread);
      if (!thread) continue;  // the plan keeps only comments of known threads
      if (import::Plan::IsPlaceholder(p) && !written_.contains(p)) {
        PALABRE_RETURN_IF_ERROR(WritePlaceholder(p, *thread, x.created_at));
      }
      auto ok = WriteOne(x, p, *thread);
      if (!ok.ok()) return ok.status();
      if (!*ok) continue;  // refused: its replies wait, then go under a placeholder
      written_.insert(x.id);
      if (auto it = waiting_.find(x.id); it != waiting_.end()) {
        for (auto& child : it->second) stack.emplace_back(std::move(child), x.id);
        waiting_.erase(it);
      }
    }
    return Status::Ok();
  }

  Status WritePlaceholder(const std::string& id, const import::Plan::ThreadInfo& thread,
                          TimestampMs created_at) {
    import::SourceComment placeholder;
    placeholder.id = id;
    placeholder.created_at = created_at;
    ImportedComment in;
    in.source_id = id;
    in.thread_key = thread.key;
    in.created_at = created_at;
    in.status = CommentStatus::kDeleted;
    PALABRE_RETURN_IF_ERROR(EnsureThread(thread));
    auto already = importer_.AlreadyImported(id);
    if (!already.ok()) return already.status();
    if (!*already && !options_.dry_run) PALABRE_RETURN_IF_ERROR(importer_.AddComment(in));
    if (!*already && options_.dry_run) ++result_.comments_written;
    written_.insert(id);
    return Status::Ok();
  }

  Status EnsureThread(const import::Plan::ThreadInfo& thread) {
    if (!threads_.try_emplace(thread.key, static_cast<ThreadId>(threads_.size() + 1)).second) {
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
    if (options_.exact) {
      t.created_at = thread.created_at;
      t.closed = thread.closed;
    }
    Status s = importer_.AddThread(t);
    if (s.ok() || s.error() != Error::kInvalidUtf8) return s;
    t.title.clear();  // a title palabre cannot read is not a reason to lose the comments
    t.body.clear();
    return importer_.AddThread(t);
  }

  // True when written (or already there, or in a dry run: would be); false when palabre's
  // rules refuse the comment (counted with its reason).
  Result<bool> WriteOne(const import::SourceComment& x, const std::string& parent,
                        const import::Plan::ThreadInfo& thread) {
    Status s = EnsureThread(thread);
    if (!s.ok() && s.error() != Error::kKeyInvalid && s.error() != Error::kInvalidUtf8) return s;
    if (!s.ok()) return Refused(x.id, s);
    auto already = importer_.AlreadyImported(x.id);
    if (!already.ok()) return already.status();
    if (*already) {
      ++result_.already_imported;
      return true;
    }
    const import::Fate fate = plan_.FateOf(x.id);
    ImportedComment in;
    in.source_id = x.id;
    in.thread_key = thread.key;
    in.parent_source_id = parent;
    in.author = x.author;
    in.text = x.text;
    in.created_at = x.created_at;
    in.status = StatusOf(fate, x.state);
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
      return true;
    }
    s = importer_.AddComment(in);
    if (s.ok()) return true;
    if (s.error() == Error::kUnavailable || s.error() == Error::kInternal) return s;
    return Refused(x.id, s);
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
  std::unordered_set<std::string> seen_;     // source ids met in this pass
  std::unordered_set<std::string> written_;  // source ids imported (or already there)
  std::unordered_map<std::string, std::vector<import::SourceComment>> waiting_;  // by parent
  std::unordered_map<std::string, ThreadId> threads_;  // keys met, with an id for moderation
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
