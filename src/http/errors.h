// The HTTP face of palabre::Error (core/error.h): status code, stable code and French/English
// message of every error, and the JSON error body every failing endpoint answers with:
//   {"error": {"code": "text_too_long", "message": "Le commentaire est trop long."}}
// (plus "reasons" for a moderation reject). ErrorInfo is a switch with no default over the
// closed enum, so a new Error does not compile until it is mapped here; the statuses are those
// of docs/API.md (errors_test.cc checks the table). The message is what a reader may see; the
// Status message (internal detail) is never sent. tools/gen_error_codes.py reads errors.cc to
// generate web/src/error_codes.ts: keep one `case` per line there. Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/status.h"
#include "core/text/relative_time.h"
#include "http/message.h"
#include "moderation/decision.h"

namespace palabre::http {

struct ErrorInfo {
  int status;           // HTTP status
  std::string_view fr;  // message for readers, French
  std::string_view en;  // message for readers, English
};

ErrorInfo Describe(Error e);
int HttpStatus(Error e);
std::string_view ErrorMessage(Error e, text::Lang lang);

// Appends {"error":{"code":..,"message":..[,"reasons":[..]][,"field":..]}} to `out`; "field"
// names the request field at fault when `field` is not empty (the console's settings form).
void AppendErrorBody(std::string& out, Error e, text::Lang lang,
                     const std::vector<moderation::Reason>* reasons = nullptr,
                     std::string_view field = {});

// Fills `res` with the error's status and JSON body, no-store. Adds Retry-After for every
// error answered 429 (retry_after_s, at least 1) and for kUnavailable (at least 5). kInternal and
// kUnavailable are logged with the status' internal message (never sent).
void SetError(Response& res, const Status& status, text::Lang lang, int retry_after_s = 0,
              const std::vector<moderation::Reason>* reasons = nullptr);
void SetError(Response& res, Error e, text::Lang lang);
// SetError with "field" in the error object.
void SetFieldError(Response& res, const Status& status, text::Lang lang, std::string_view field);
void SetFieldError(Response& res, Error e, text::Lang lang, std::string_view field);

}  // namespace palabre::http
