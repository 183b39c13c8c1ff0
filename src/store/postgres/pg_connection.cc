#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <charconv>
#include <utility>

namespace palabre::store::pg {
namespace {

// The Error a SQLSTATE stands for (see the header's failure contract).
Error ErrorOfSqlstate(std::string_view state) {
  if (state.size() != 5) return Error::kUnavailable;  // no SQLSTATE: the connection went away
  const std::string_view cls = state.substr(0, 2);
  if (cls == "08") return Error::kUnavailable;       // connection exception
  if (cls == "53") return Error::kUnavailable;       // insufficient resources, too many connections
  if (cls == "40") return Error::kUnavailable;       // serialization failure, deadlock
  if (cls == "57") return Error::kUnavailable;       // shutdown, crash, cannot connect now, cancel
  if (state == "55P03") return Error::kUnavailable;  // lock not available
  if (state == "25006") return Error::kUnavailable;  // read-only transaction: a standby
  if (state == "22021" || state == "22P05") return Error::kInvalidArgument;  // bad encoding
  return Error::kInternal;
}

}  // namespace

// --- Params -----------------------------------------------------------------------------------

Params& Params::Int(std::int64_t value) {
  values_.emplace_back(std::to_string(value));
  return *this;
}

Params& Params::Text(std::string_view value) {
  if (value.find('\0') != std::string_view::npos) has_nul_ = true;
  values_.emplace_back(std::string(value));
  return *this;
}

Params& Params::Bool(bool value) {
  values_.emplace_back(value ? "t" : "f");
  return *this;
}

Params& Params::Null() {
  values_.emplace_back(std::nullopt);
  return *this;
}

Params& Params::OptionalInt(const std::optional<std::int64_t>& value) {
  return value.has_value() ? Int(*value) : Null();
}

std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v.has_value() ? v->c_str() : nullptr);
  return out;
}

// --- Rows -------------------------------------------------------------------------------------

Rows::Rows(pg_result* result) : result_(result) {}

Rows::Rows(Rows&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

Rows& Rows::operator=(Rows&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

Rows::~Rows() {
  if (result_ != nullptr) PQclear(result_);
}

int Rows::size() const { return result_ == nullptr ? 0 : PQntuples(result_); }

std::int64_t Rows::affected() const {
  if (result_ == nullptr) return 0;
  const char* n = PQcmdTuples(result_);
  std::int64_t value = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), value);
  return value;
}

bool Rows::IsNull(int row, int col) const { return PQgetisnull(result_, row, col) != 0; }

std::int64_t Rows::Int(int row, int col) const {
  std::string_view text = View(row, col);
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::optional<std::int64_t> Rows::OptionalInt(int row, int col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Int(row, col);
}

bool Rows::Bool(int row, int col) const { return View(row, col) == "t"; }

std::string Rows::Text(int row, int col) const { return std::string(View(row, col)); }

std::string_view Rows::View(int row, int col) const {
  return std::string_view(PQgetvalue(result_, row, col),
                          static_cast<std::size_t>(PQgetlength(result_, row, col)));
}

// --- Conn -------------------------------------------------------------------------------------

Result<std::unique_ptr<Conn>> Conn::Connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Status(Error::kUnavailable, "PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message names the host and port, never a password.
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    PQfinish(conn);
    return Status(Error::kUnavailable, "PostgreSQL: cannot connect: " + message);
  }
  // Notices ("schema ... does not exist, skipping") are not errors: keep them off stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<Conn>(new Conn(conn));
}

Conn::~Conn() { PQfinish(conn_); }

Status Conn::ToStatus(const pg_result* result, std::string_view what) {
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  last_sqlstate_ = state == nullptr ? "" : state;
  Error error = ErrorOfSqlstate(last_sqlstate_);
  if (PQstatus(conn_) != CONNECTION_OK) error = Error::kUnavailable;
  std::string message;
  if (const char* primary =
          result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
      primary != nullptr) {
    message = primary;
  } else {
    message = PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
  }
  return Status(error, "PostgreSQL " + std::string(what) +
                           (last_sqlstate_.empty() ? "" : " [" + last_sqlstate_ + "]") + ": " +
                           message);
}

Result<Rows> Conn::Run(const Query& query, const Params& params) {
  if (params.has_nul()) {
    last_sqlstate_.clear();
    return Status(Error::kInvalidArgument,
                  std::string("PostgreSQL ") + query.name + ": a text value contains a NUL byte");
  }
  bool timed_out = false;
  if (!prepared_.contains(&query)) {
    PGresult* prepared =
        PQsendPrepare(conn_, query.name, query.sql, 0, nullptr) == 1 ? Collect(timed_out) : nullptr;
    if (timed_out) return TimedOut(std::string("prepare ") + query.name);
    if (prepared == nullptr || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
      Status failed = ToStatus(prepared, std::string("prepare ") + query.name);
      if (prepared != nullptr) PQclear(prepared);
      return failed;
    }
    PQclear(prepared);
    prepared_.insert(&query);
  }
  std::vector<const char*> values = params.Pointers();
  PGresult* result = PQsendQueryPrepared(conn_, query.name, params.size(), values.data(), nullptr,
                                         nullptr, /*resultFormat=*/0) == 1
                         ? Collect(timed_out)
                         : nullptr;
  if (timed_out) return TimedOut(query.name);
  if (result == nullptr) return ToStatus(nullptr, query.name);
  ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    Status failed = ToStatus(result, query.name);
    PQclear(result);
    return failed;
  }
  return Rows(result);
}

Result<Rows> Conn::RunText(std::string_view what, const std::string& sql, const Params& params) {
  if (params.has_nul()) {
    last_sqlstate_.clear();
    return Status(Error::kInvalidArgument,
                  "PostgreSQL " + std::string(what) + ": a text value contains a NUL byte");
  }
  std::vector<const char*> values = params.Pointers();
  bool timed_out = false;
  PGresult* result = PQsendQueryParams(conn_, sql.c_str(), params.size(), nullptr, values.data(),
                                       nullptr, nullptr, /*resultFormat=*/0) == 1
                         ? Collect(timed_out)
                         : nullptr;
  if (timed_out) return TimedOut(what);
  if (result == nullptr) return ToStatus(nullptr, what);
  ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    Status failed = ToStatus(result, what);
    PQclear(result);
    return failed;
  }
  return Rows(result);
}

Result<Rows> Conn::Exec(const char* sql) {
  bool timed_out = false;
  PGresult* result = PQsendQuery(conn_, sql) == 1 ? Collect(timed_out) : nullptr;
  if (timed_out) return TimedOut("statement");
  if (result == nullptr) return ToStatus(nullptr, "statement");
  ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    // The first word says which statement failed (BEGIN, COMMIT, CREATE ...), not its values.
    std::string_view text(sql);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
    Status failed = ToStatus(result, text.substr(0, text.find_first_of(" \n;")));
    PQclear(result);
    return failed;
  }
  return Rows(result);
}

Status Conn::CopyIn(const char* copy_sql,
                    const std::function<Result<bool>(std::string&)>& next_chunk) {
  PGresult* started = PQexec(conn_, copy_sql);
  if (started == nullptr || PQresultStatus(started) != PGRES_COPY_IN) {
    Status failed = ToStatus(started, "COPY");
    if (started != nullptr) PQclear(started);
    return failed;
  }
  PQclear(started);
  std::string buffer;
  Status produced;
  bool sent = true;
  while (true) {
    buffer.clear();
    Result<bool> more = next_chunk(buffer);
    if (!more.ok()) {
      produced = more.status();
      break;
    }
    if (!buffer.empty() &&
        PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) {
      sent = false;
      break;
    }
    if (!*more) break;
  }
  // Ending with an error message makes the server fail the COPY (and the transaction).
  PQputCopyEnd(conn_, produced.ok() ? nullptr : "aborted by palabre");
  Status outcome;
  while (PGresult* result = PQgetResult(conn_)) {
    if (outcome.ok() && PQresultStatus(result) != PGRES_COMMAND_OK) {
      outcome = ToStatus(result, "COPY");
    }
    PQclear(result);
  }
  if (!produced.ok()) return produced;
  if (!sent && outcome.ok()) outcome = ToStatus(nullptr, "COPY");
  return outcome;
}

bool Conn::Alive() {
  if (PQstatus(conn_) != CONNECTION_OK) return false;
  // libpq's socket is non-blocking: this reads only what has already arrived. A server that
  // shut down sent an error then closed the socket: the second read sees the end of stream.
  for (int i = 0; i < 2; ++i) {
    if (PQconsumeInput(conn_) == 0) return false;
  }
  return PQstatus(conn_) == CONNECTION_OK;
}

bool Conn::broken() const { return timed_out_ || PQstatus(conn_) != CONNECTION_OK; }

bool Conn::WaitSocket(short events, const std::chrono::steady_clock::time_point* deadline) const {
  const int fd = PQsocket(conn_);
  if (fd < 0) return true;  // no socket: let libpq report the lost connection
  while (true) {
    int ms = -1;
    if (deadline != nullptr) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(
          *deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      ms = static_cast<int>(left.count());
    }
    pollfd p{fd, events, 0};
    const int ready = poll(&p, 1, ms);
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return true;  // libpq's next read reports the error
  }
}

PGresult* Conn::Collect(bool& timed_out) {
  timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + call_timeout_;
  const auto* until = call_timeout_.count() > 0 ? &deadline : nullptr;
  const auto give_up = [&]() -> PGresult* {
    timed_out = true;
    timed_out_ = true;  // a reply may still come: this connection must never be reused
    return nullptr;
  };
  while (true) {  // what libpq could not send at once
    const int flushed = PQflush(conn_);
    if (flushed == 0) break;
    if (flushed < 0) return nullptr;
    if (!WaitSocket(POLLOUT | POLLIN, until)) return give_up();
    if (PQconsumeInput(conn_) == 0) return nullptr;
  }
  PGresult* kept = nullptr;
  while (true) {
    while (PQisBusy(conn_) == 1) {
      if (!WaitSocket(POLLIN, until)) {
        if (kept != nullptr) PQclear(kept);
        return give_up();
      }
      if (PQconsumeInput(conn_) == 0) break;  // lost: PQgetResult says so
    }
    PGresult* next = PQgetResult(conn_);
    if (next == nullptr) return kept;
    if (kept != nullptr && PQresultStatus(kept) == PGRES_FATAL_ERROR) {
      PQclear(next);  // the first failure is the one to report
      continue;
    }
    if (kept != nullptr) PQclear(kept);
    kept = next;
  }
}

UnlimitedCalls::UnlimitedCalls(Conn& conn) : conn_(conn), saved_(conn.call_timeout()) {
  if (saved_.count() == 0) return;
  conn_.set_call_timeout(std::chrono::milliseconds(0));
  conn_.ExecOk("SET statement_timeout = 0").IgnoreError();
}

UnlimitedCalls::~UnlimitedCalls() {
  if (saved_.count() == 0 || conn_.broken()) return;
  // A transaction left open (a failure) would take the SET with it when the pool rolls back.
  if (conn_.InTransaction()) conn_.ExecOk("ROLLBACK").IgnoreError();
  const std::string set = "SET statement_timeout = " + std::to_string(saved_.count());
  conn_.ExecOk(set.c_str()).IgnoreError();
  conn_.set_call_timeout(saved_);
}

Status Conn::TimedOut(std::string_view what) const {
  return Status(Error::kUnavailable, "PostgreSQL " + std::string(what) + ": no answer within " +
                                         std::to_string(call_timeout_.count()) + " ms");
}

bool Conn::InTransaction() const {
  PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

std::string Conn::QuoteIdentifier(std::string_view name) const {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void AppendCopyText(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

std::string TextArray(std::span<const std::string> values) {
  std::string out = "{";
  for (const std::string& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

}  // namespace palabre::store::pg
