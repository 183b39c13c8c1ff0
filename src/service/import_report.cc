#include "service/import_report.h"

#include <boost/json.hpp>

namespace palabre::service {

namespace json = boost::json;

json::object ImportReportJson(const ImportResult& r, std::string_view format, bool dry_run) {
  const import::PlanReport& p = r.plan;
  json::object plan{{"source_threads", p.source_threads},
                    {"threads", p.threads},
                    {"merged_threads", p.merged_threads},
                    {"comments", p.comments},
                    {"top_level", p.top_level},
                    {"replies", p.replies},
                    {"published", p.published},
                    {"held", p.held},
                    {"spam", p.spam},
                    {"tombstones", p.tombstones},
                    {"deleted_skipped", p.deleted_skipped},
                    {"orphans", p.orphans},
                    {"placeholders", p.placeholders},
                    {"duplicates", p.duplicates},
                    {"no_thread", p.no_thread},
                    {"malformed", p.malformed}};
  json::object by_rule;
  for (const auto& [rule, n] : p.threads_by_rule) by_rule[rule] = n;
  plan["threads_by_rule"] = std::move(by_rule);
  json::object omitted;
  for (const auto& [what, n] : p.omitted) omitted[what] = n;
  plan["omitted"] = std::move(omitted);
  json::array problems;
  for (const auto& s : p.problems) problems.emplace_back(s);
  plan["problems"] = std::move(problems);
  const ImportModerationReport& m = r.moderation;
  json::object codes;
  for (const auto& [code, n] : m.by_code) codes[code] = n;
  json::array invalid;
  for (const auto& s : r.invalid_examples) invalid.emplace_back(s);
  return json::object{{"format", format},
                      {"dry_run", dry_run},
                      {"plan", std::move(plan)},
                      {"moderation", json::object{{"evaluated", m.evaluated},
                                                  {"publish", m.publish},
                                                  {"review", m.review},
                                                  {"hold", m.hold},
                                                  {"reject", m.reject},
                                                  {"by_code", std::move(codes)}}},
                      {"written", json::object{{"threads", r.threads_created},
                                               {"comments", r.comments_written},
                                               {"already_imported", r.already_imported},
                                               {"cycles_broken", r.cycles_broken},
                                               {"refused", r.invalid},
                                               {"refused_examples", std::move(invalid)}}}};
}

}  // namespace palabre::service
