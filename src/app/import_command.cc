#include "app/import_command.h"

#include <istream>
#include <ostream>
#include <string>

#include "app/history_jsonl.h"

namespace palabre::app {

Result<ImportReport> ImportJsonLines(store::Store& store, const std::string& site_id,
                                     std::istream& in, std::ostream& err) {
  service::ImportService importer(store, site_id);
  PALABRE_RETURN_IF_ERROR(importer.Begin());
  ImportReport report;
  std::string line;
  std::int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto record = ParseHistoryLine(line);
    Status s = record.status();
    if (record.ok()) {
      if (auto* t = std::get_if<service::ImportedThread>(&*record)) {
        s = importer.AddThread(*t);
      } else {
        s = importer.AddComment(std::get<service::ImportedComment>(*record));
      }
    }
    if (!s.ok()) {
      ++report.bad_lines;
      err << "line " << number << ": " << s.ToString() << "\n";
      if (s.error() == Error::kUnavailable || s.error() == Error::kInternal) return s;
    }
  }
  report.counts = importer.counts();
  return report;
}

}  // namespace palabre::app
