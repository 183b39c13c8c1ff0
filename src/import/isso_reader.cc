// Isso's database (an SQLite file): `threads` (id, uri — the page's path —, title), then
// `comments` (tid, id, parent, created as Unix seconds, mode 1 accepted / 2 waiting for a
// moderator / 4 deleted with replies kept, remote_addr — anonymised by Isso —, text in
// Markdown, author, email, likes, dislikes). Opened read-only; rows are stepped one at a time.
#include <sqlite3.h>

#include <cmath>

#include "import/readers.h"

namespace palabre::import {
namespace {

std::string Column(sqlite3_stmt* s, int i) {
  const unsigned char* v = sqlite3_column_text(s, i);
  return v ? std::string(reinterpret_cast<const char*>(v),
                         static_cast<std::size_t>(sqlite3_column_bytes(s, i)))
           : std::string();
}

class IssoReader : public Reader {
 public:
  IssoReader(sqlite3* db, sqlite3_stmt* threads, sqlite3_stmt* comments)
      : db_(db), threads_(threads), comments_(comments) {}
  ~IssoReader() override {
    sqlite3_finalize(threads_);
    sqlite3_finalize(comments_);
    sqlite3_close(db_);
  }

  Result<Step> Next(Record& out) override {
    if (!threads_done_) {
      const int rc = sqlite3_step(threads_);
      if (rc == SQLITE_ROW) {
        ++row_;
        SourceThread t;
        t.id = Column(threads_, 0);
        t.url = Column(threads_, 1);
        t.title = Column(threads_, 2);
        if (!FieldsFit({t.id, t.url, t.title}, {})) {
          return Step{Step::kSkipped, At("thread", row_, "field too long")};
        }
        out = std::move(t);
        return Step{Step::kRecord, {}};
      }
      if (rc != SQLITE_DONE) return Failed();
      threads_done_ = true;
      row_ = 0;
    }
    const int rc = sqlite3_step(comments_);
    if (rc == SQLITE_DONE) return Step{Step::kEnd, {}};
    if (rc != SQLITE_ROW) return Failed();
    ++row_;
    SourceComment c;
    c.thread = Column(comments_, 0);
    c.id = Column(comments_, 1);
    c.parent = sqlite3_column_type(comments_, 2) == SQLITE_NULL ? "" : Column(comments_, 2);
    const double created = sqlite3_column_double(comments_, 3);
    const int mode = sqlite3_column_int(comments_, 4);
    c.address = Column(comments_, 5);
    c.text = Column(comments_, 6);
    c.author = Column(comments_, 7);
    c.email = Column(comments_, 8);
    c.upvotes = sqlite3_column_int64(comments_, 9);
    c.downvotes = sqlite3_column_int64(comments_, 10);
    if (!FieldsFit({c.id, c.thread, c.parent, c.address, c.author, c.email}, c.text)) {
      return Step{Step::kSkipped, At("comment", row_, "field or text too long")};
    }
    if (!std::isfinite(created) || created < 0 || created > 253402300799.0) {
      return Step{Step::kSkipped, At("comment", row_, "created is not a time")};
    }
    c.created_at = static_cast<TimestampMs>(std::llround(created * 1000.0));
    c.state = mode == 1   ? SourceState::kApproved
              : mode == 4 ? SourceState::kDeleted
                          : SourceState::kPending;
    if (c.upvotes < 0) c.upvotes = 0;
    if (c.downvotes < 0) c.downvotes = 0;
    out = std::move(c);
    return Step{Step::kRecord, {}};
  }

 private:
  Status Failed() const {
    return Status(Error::kInvalidArgument, std::string("Isso database: ") + sqlite3_errmsg(db_));
  }

  sqlite3* db_;
  sqlite3_stmt* threads_;
  sqlite3_stmt* comments_;
  bool threads_done_ = false;
  std::int64_t row_ = 0;
};

}  // namespace

Result<std::unique_ptr<Reader>> NewIssoReader(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string what = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    return Status(Error::kInvalidArgument, "Isso database: " + what);
  }
  sqlite3_stmt* threads = nullptr;
  sqlite3_stmt* comments = nullptr;
  const char* kThreads = "SELECT id, uri, title FROM threads ORDER BY id";
  const char* kComments =
      "SELECT tid, id, parent, created, mode, remote_addr, text, author, email, likes, dislikes "
      "FROM comments ORDER BY id";
  if (sqlite3_prepare_v2(db, kThreads, -1, &threads, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db, kComments, -1, &comments, nullptr) != SQLITE_OK) {
    std::string what = sqlite3_errmsg(db);
    sqlite3_finalize(threads);
    sqlite3_finalize(comments);
    sqlite3_close(db);
    return Status(Error::kInvalidArgument, "not an Isso database: " + what);
  }
  return std::unique_ptr<Reader>(std::make_unique<IssoReader>(db, threads, comments));
}

}  // namespace palabre::import
