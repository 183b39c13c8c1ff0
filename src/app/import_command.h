// `palabre import`: another system's export (Disqus, WordPress WXR, Remark42, Isso, Commento)
// or palabre's own JSON Lines into a site, with a dry run and a moderation report
// (service/import_run.h); docs/IMPORT.md is the user's guide. The format is detected from the
// file's first bytes unless --format names it; standard input ("-") is copied to a temporary
// file first, since an import reads its input twice. palabre's JSON Lines are restored as they
// are (service::ImportOptions::exact, no moderation unless --moderate says so), an export of
// `palabre export` exactly, its site's settings and bans included.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "import/reader.h"

namespace palabre::app {

struct ImportCommand {
  std::string db = "palabre.db";
  std::string site;
  std::string file = "-";
  std::string format;               // empty: detected
  std::string thread_key = "id";    // id | url | path
  std::vector<std::string> maps;    // OLD=NEW
  std::string moderate = "report";  // report | apply
  std::string moderation_config;
  std::string model;
  bool dry_run = false;
  bool strict = false;
  bool json = false;
  bool resume = false;   // the default behaviour, said explicitly (docs/IMPORT.md)
  bool replace = false;  // app/import_replace.h
  bool yes = false;      // confirms --replace
  std::string backup;    // --replace's backup file; empty: the default name
  CLI::App* command = nullptr;
};

// Declares `palabre import` on `app`; `cmd` must outlive the parse.
void AddImportCommand(CLI::App& app, ImportCommand& cmd);

// Runs it if it was parsed: 0 when everything was imported, 2 when some elements were
// malformed or refused (the summary says which), 1 on an error; -1 if it was not parsed.
int RunImportCommand(const ImportCommand& cmd);

// palabre's own JSON Lines (app/history_jsonl.h) as an import reader; a thread is named by its
// key, which is kept as it is. The site's and bans' lines of an export are not records: the
// command applies them after the comments (app/export_command.h, RestoreSiteLines).
std::unique_ptr<import::Reader> NewHistoryReader(const std::string& path);

}  // namespace palabre::app
