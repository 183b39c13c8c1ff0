// TempStore: a real SQLite store in a fresh temporary directory, for the service tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

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

}  // namespace palabre::service
