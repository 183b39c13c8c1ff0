#include "core/model.h"

namespace palabre {

std::string_view ToString(CommentStatus s) {
  switch (s) {
    case CommentStatus::kPublished:
      return "published";
    case CommentStatus::kHeld:
      return "held";
    case CommentStatus::kRejected:
      return "rejected";
    case CommentStatus::kDeleted:
      return "deleted";
  }
  return "published";
}

std::optional<CommentStatus> ParseCommentStatus(std::string_view s) {
  if (s == "published") return CommentStatus::kPublished;
  if (s == "held") return CommentStatus::kHeld;
  if (s == "rejected") return CommentStatus::kRejected;
  if (s == "deleted") return CommentStatus::kDeleted;
  return std::nullopt;
}

std::string_view ToString(Sort s) {
  switch (s) {
    case Sort::kOldest:
      return "oldest";
    case Sort::kNewest:
      return "newest";
    case Sort::kBest:
      return "best";
  }
  return "oldest";
}

std::optional<Sort> ParseSort(std::string_view s) {
  if (s == "oldest") return Sort::kOldest;
  if (s == "newest") return Sort::kNewest;
  if (s == "best") return Sort::kBest;
  return std::nullopt;
}

}  // namespace palabre
