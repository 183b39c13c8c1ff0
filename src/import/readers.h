// The readers behind import/reader.h's factory, one per format, and what they share: the
// export's times and the limits of fields. Internal to src/import.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "import/reader.h"
#include "import/xml_pull.h"

namespace palabre::import {

std::unique_ptr<Reader> NewDisqusReader(std::unique_ptr<XmlPull> xml);
std::unique_ptr<Reader> NewWxrReader(std::unique_ptr<XmlPull> xml);
// Remark42's backup: gzipped (or plain) JSON Lines, from a file descriptor it takes over, or
// from memory.
std::unique_ptr<Reader> NewRemark42Reader(const std::string& path);
std::unique_ptr<Reader> NewRemark42ReaderFromMemory(std::string bytes);
// Commento's JSON export, read whole (its exports are one JSON document).
std::unique_ptr<Reader> NewCommentoReader(std::string json);
// Isso's SQLite database, opened read-only.
Result<std::unique_ptr<Reader>> NewIssoReader(const std::string& path);

// An export's time: RFC 3339 ("2013-06-24T20:30:31Z", fractions of any length), or
// "YYYY-MM-DD HH:MM:SS" in UTC (WordPress's *_gmt fields). kInvalidArgument otherwise.
Result<TimestampMs> ParseExportTime(std::string_view s);

// "line N: what" / "record N: what".
std::string At(std::string_view unit, std::int64_t n, std::string_view what);

// Whether a field fits its limit (reader.h); the message of a Step::kSkipped if not.
bool FieldsFit(std::initializer_list<std::string_view> fields, std::string_view text);

}  // namespace palabre::import
