// TempStore: a real SQLite store in a fresh temporary directory, for the service tests; and
// SeedJournal, the site and article the notification tests share.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace palabre::service {

class TempStore {
 public:
  explicit TempStore(const std::string& name) {
    dir_ = std::filesystem::temp_directory_path() /
           ("palabre_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = store::OpenStore((dir_ / "t.db").string());
    if (store.ok()) store_ = std::move(store).value();
  }
  ~TempStore() {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  store::Store* get() { return store_.get(); }
  std::filesystem::path path() const { return dir_ / "t.db"; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

// Site "s" ("Le Journal", origin https://journal.example.sn, salt "salt") and its article
// "/article-1", "Attaque à Kidal", created at `now`; the thread as stored.
inline Result<Thread> SeedJournal(store::Store& store, TimestampMs now) {
  Site site;
  site.id = "s";
  site.name = "Le Journal";
  site.origins = {"https://journal.example.sn"};
  site.salt = "salt";
  site.created_at = now;
  if (Status created = store.CreateSite(site); !created.ok()) return created;
  Thread thread;
  thread.site_id = "s";
  thread.key = "/article-1";
  thread.title = "Attaque à Kidal";
  thread.created_at = now;
  return store.EnsureThread(thread);
}

}  // namespace palabre::service
