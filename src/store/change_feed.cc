#include "store/change_feed.h"

namespace palabre::store {
namespace {

// The feed of a store that only this process writes to.
class SilentChangeFeed final : public ChangeFeed {
 public:
  Status Start(Callback callback) override {
    if (started_) return Status(Error::kInvalidArgument, "change feed already started");
    started_ = true;
    return Status::Ok();
  }
  void Stop() override {}
  bool WaitListening(std::chrono::milliseconds) override { return started_; }

 private:
  bool started_ = false;
};

}  // namespace

std::string_view ToString(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kCommentInserted:
      return "inserted";
    case ChangeKind::kCommentEdited:
      return "edited";
    case ChangeKind::kCommentStatus:
      return "status";
    case ChangeKind::kCommentVoted:
      return "voted";
    case ChangeKind::kThreadChanged:
      return "thread";
    case ChangeKind::kResync:
      return "resync";
  }
  return "resync";
}

std::unique_ptr<ChangeFeed> NewSilentChangeFeed() { return std::make_unique<SilentChangeFeed>(); }

}  // namespace palabre::store
