#include "http/handlers/reports_handler.h"

#include "http/errors.h"
#include "http/handlers/common.h"

namespace palabre::http::handlers {

void ReportsHandler::Report(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  auto body = ParseJsonBody(req, deps_.options.json);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto reason = body->String("reason");
  auto note = body->String("note");
  auto token = ReaderToken(*body, "reporter");
  if (!reason.ok()) return SetFieldError(res, reason.status(), lang, "reason");
  if (!note.ok()) return SetFieldError(res, note.status(), lang, "note");
  if (!token.ok()) return SetFieldError(res, token.status(), lang, "token");
  const auto parsed = ParseReportReason(reason->value_or(""));
  if (!parsed) return SetFieldError(res, Error::kInvalidArgument, lang, "reason");
  service::ReportInput in;
  in.comment_id = *id;
  in.reason = *parsed;
  in.note = note->value_or("");
  in.token = std::move(token).value();
  in.client_address = req.client_address;
  auto out = deps_.comments.Report(in);
  if (!out.ok()) {
    if (out.error() == Error::kAlreadyReported) {
      deps_.metrics.ReportReceived(ReportResult::kDuplicate);
    }
    return SetError(res, out.status(), lang);
  }
  if (out->retry_after_s > 0) {
    deps_.metrics.ReportReceived(ReportResult::kRateLimited);
    return SetError(res, Status(Error::kTooManyReports, "hourly budget"), lang, out->retry_after_s);
  }
  deps_.metrics.ReportReceived(out->held ? ReportResult::kHeld : ReportResult::kAccepted);
  if (out->burst) deps_.metrics.ReportBurst();
  std::string json = "{\"reports\":";
  AppendJsonInt(json, out->open_reports);
  json += '}';
  SetJson(res, 201, std::move(json));
}

}  // namespace palabre::http::handlers
