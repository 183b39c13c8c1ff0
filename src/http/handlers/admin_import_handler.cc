#include "http/handlers/admin_import_handler.h"

#include <boost/json/serialize.hpp>
#include <optional>
#include <string>

#include "core/text/relative_time.h"
#include "http/errors.h"
#include "http/handlers/common.h"
#include "http/json.h"

namespace palabre::http::handlers {
namespace {

using service::ImportJobState;

void AppendJob(std::string& out, const ImportJobState& job, text::Lang lang) {
  out += "{\"upload\":";
  AppendJsonString(out, job.upload_id);
  out += ",\"dry_run\":";
  out += job.dry_run ? "true" : "false";
  out += ",\"state\":";
  AppendJsonString(out, job.phase == ImportJobState::Phase::kRunning ? "running"
                        : job.phase == ImportJobState::Phase::kDone  ? "done"
                                                                     : "failed");
  out += ",\"done\":";
  AppendJsonInt(out, job.done);
  out += ",\"total\":";
  AppendJsonInt(out, job.total);
  out += ",\"started_at\":";
  AppendJsonString(out, text::Iso8601(job.started_at));
  out += ",\"finished_at\":";
  if (job.finished_at > 0) {
    AppendJsonString(out, text::Iso8601(job.finished_at));
  } else {
    out += "null";
  }
  if (job.phase == ImportJobState::Phase::kDone) {
    out += ",\"report\":";
    out += boost::json::serialize(job.report);
  }
  if (job.phase == ImportJobState::Phase::kFailed) {
    const Error e = job.error.error();
    out += ",\"error\":{\"code\":";
    AppendJsonString(out, ErrorCode(e));
    out += ",\"message\":";
    AppendJsonString(out, ErrorMessage(e, lang));
    out += ",\"detail\":";
    // What the reader said ("line 12: …"); a server fault stays in the log.
    AppendJsonString(out, e == Error::kInternal ? "" : job.error.message());
    out += '}';
  }
  out += '}';
}

// "thread_key: id, url or path" names the option first.
std::string_view FieldOf(const Status& s) {
  const std::string& m = s.message();
  const std::size_t colon = m.find(": ");
  return colon == std::string::npos ? std::string_view() : std::string_view(m).substr(0, colon);
}

}  // namespace

void AdminImportHandler::Upload(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto request = service::ParseImportRequest(
      req.query.Get("format").value_or(""), req.query.Get("thread_key").value_or(""),
      req.query.GetAll("map"), req.query.Get("moderate").value_or(""));
  if (!request.ok()) return SetFieldError(res, request.status(), lang, FieldOf(request.status()));
  const std::string site(req.Param("site"));
  auto upload = jobs_.Upload(who.user, site, req.body, *request);
  if (!upload.ok()) return SetError(res, upload.status(), lang);
  auto job = jobs_.State(who.user, site, analysis_wait_);
  if (!job.ok()) return SetError(res, job.status(), lang);
  std::string json = "{\"upload\":{\"id\":";
  AppendJsonString(json, upload->id);
  json += ",\"format\":";
  AppendJsonString(json, service::FormatName(upload->format));
  json += ",\"bytes\":";
  AppendJsonInt(json, static_cast<std::int64_t>(upload->bytes));
  json += ",\"expires_at\":";
  AppendJsonString(json, text::Iso8601(upload->expires_at));
  json += "},\"job\":";
  const bool running = !job->has_value() || (*job)->phase == ImportJobState::Phase::kRunning;
  if (job->has_value()) {
    AppendJob(json, **job, lang);
  } else {
    json += "null";
  }
  json += '}';
  SetJson(res, running ? 202 : 200, std::move(json));
}

void AdminImportHandler::Confirm(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto job = jobs_.Confirm(who.user, req.Param("site"), req.Param("id"));
  if (!job.ok()) return SetError(res, job.status(), lang);
  std::string json = "{\"job\":";
  AppendJob(json, *job, lang);
  json += '}';
  SetJson(res, 202, std::move(json));
}

void AdminImportHandler::State(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto job = jobs_.State(who.user, req.Param("site"));
  if (!job.ok()) return SetError(res, job.status(), lang);
  std::string json = "{\"job\":";
  if (job->has_value()) {
    AppendJob(json, **job, lang);
  } else {
    json += "null";
  }
  json += '}';
  SetJson(res, 200, std::move(json));
}

}  // namespace palabre::http::handlers
