#include "service/reader_actions.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/crypto.h"
#include "core/text/utf8.h"
#include "service/reader_hashes.h"

namespace palabre::service {
namespace {

constexpr std::size_t kMaxReportNote = 500;
constexpr TimestampMs kHourMs = 3600 * 1000;

// Seconds until the oldest action of `recent` leaves the hour, at least 1.
int RetryAfter(const store::RecentActions& recent, TimestampMs now) {
  const TimestampMs wait = recent.oldest + kHourMs - now;
  return static_cast<int>(std::max<TimestampMs>(1, (wait + 999) / 1000));
}

}  // namespace

Result<VoteOutput> ReaderActions::Vote(const VoteInput& in) {
  if (in.direction < -1 || in.direction > 1) return Status(Error::kInvalidVote, "up or down");
  if (!IsValidReaderToken(in.token)) {
    return Status(Error::kInvalidArgument, "token: 16 to 128 of A-Z a-z 0-9 - _");
  }
  auto comment = store_.GetComment(in.comment_id);
  if (!comment.ok()) return comment.status();
  if (in.direction != 0 && comment->status != CommentStatus::kPublished) {
    return Status(Error::kCommentNotPublished, "votes only on published comments");
  }
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  auto site = sites_.Get(thread->site_id);
  if (!site.ok()) return site.status();
  // Without an address (tests, a Unix socket) every such voter is one client.
  const std::string voter = in.client_address.empty() ? HashHex("no address", site->salt)
                                                      : ClientHash(in.client_address, *site);
  const TimestampMs now = clock_.NowMs();
  VoteOutput out;
  if (in.direction != 0) {
    if (!comment->client_hash.empty() && ConstantTimeEquals(comment->client_hash, voter)) {
      return Status(Error::kOwnComment, "posted from this client");
    }
    auto recent = store_.RecentVotes(voter, now - kHourMs + 1);
    if (!recent.ok()) return recent.status();
    if (recent->count >= limits_.votes_per_hour) {
      out.retry_after_s = RetryAfter(*recent, now);
      return out;
    }
  }
  auto voted = store_.Vote(in.comment_id, voter, TokenHash(in.token, *site), in.direction, now);
  if (!voted.ok()) return voted.status();
  versions_.Bump(site->id, thread->key);
  out.comment = std::move(voted).value();
  return out;
}

Result<ReportOutput> ReaderActions::Report(const ReportInput& in) {
  auto note = text::NormalizeUserText(in.note, /*single_line=*/false);
  if (!note.ok()) return note.status();
  if (text::CodePointCount(*note) > kMaxReportNote) {
    return Status(Error::kInvalidArgument, "note: 500 characters at most");
  }
  if (!IsValidReaderToken(in.token)) {
    return Status(Error::kInvalidArgument, "token: 16 to 128 of A-Z a-z 0-9 - _");
  }
  auto comment = store_.GetComment(in.comment_id);
  if (!comment.ok()) return comment.status();
  if (comment->status != CommentStatus::kPublished) {
    return Status(Error::kCommentNotPublished, "reports only on published comments");
  }
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  auto site = sites_.Get(thread->site_id);
  if (!site.ok()) return site.status();
  const SiteSettings settings = sites_.SettingsFor(*site);
  const TimestampMs now = clock_.NowMs();
  palabre::Report report;
  report.comment_id = comment->id;
  report.reason = in.reason;
  report.note = std::move(note).value();
  report.reporter_hash = in.client_address.empty() ? HashHex("no address", site->salt)
                                                   : ClientHash(in.client_address, *site);
  report.range_hash = RangeHash(in.client_address, *site);
  report.token_hash = TokenHash(in.token, *site);
  report.created_at = now;
  ReportOutput out;
  auto recent = store_.RecentReports(report.reporter_hash, now - kHourMs + 1);
  if (!recent.ok()) return recent.status();
  if (recent->count >= limits_.reports_per_hour) {
    out.retry_after_s = RetryAfter(*recent, now);
    return out;
  }
  // A burst starts with the report that makes report_burst within the window, unless one is
  // open already.
  auto before = store_.ListOpenReports(comment->id);
  if (!before.ok()) return before.status();
  std::int64_t in_window = 1;
  bool open_burst = false;
  for (const store::OpenReport& r : *before) {
    if (r.created_at > now - limits_.report_burst_window_ms) ++in_window;
    open_burst = open_burst || r.burst;
  }
  report.burst = !open_burst && in_window >= limits_.report_burst;
  auto open = store_.AddReport(report);
  if (!open.ok()) return open.status();
  auto after = store_.ListOpenReports(comment->id);
  if (!after.ok()) return after.status();
  out.open_reports = *open;
  out.score = ReportScore(*after);
  out.burst = report.burst;
  if (out.score + 1e-9 >= settings.report_threshold) {
    // Held, not moderated: the reports stay open for the moderators to see.
    PALABRE_RETURN_IF_ERROR(store_.SetCommentStatus(comment->id, CommentStatus::kHeld));
    comment->status = CommentStatus::kHeld;
    out.held = true;
    versions_.Removed(*site, *thread, comment->id);
  }
  return out;
}

double ReporterWeight(std::int64_t upheld, std::int64_t dismissed) {
  const double u = static_cast<double>(std::max<std::int64_t>(0, upheld));
  const double d = static_cast<double>(std::max<std::int64_t>(0, dismissed));
  return (1.0 + u) / (1.0 + u + 2.0 * d);
}

double ReportScore(const std::vector<store::OpenReport>& reports) {
  std::unordered_map<std::string, double> by_range;
  for (const store::OpenReport& r : reports) {
    by_range[r.range_hash] += ReporterWeight(r.upheld, r.dismissed);
  }
  double score = 0;
  for (const auto& [range, weight] : by_range) score += std::min(1.0, weight);
  return score;
}

bool IsValidReaderToken(std::string_view token) {
  if (token.empty()) return true;
  if (token.size() < 16 || token.size() > 128) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

}  // namespace palabre::service
