#include "app/command_store.h"

#include <iostream>

namespace palabre::app {

std::unique_ptr<store::Store> OpenCommandStore(const std::string& db) {
  auto opened = store::OpenStore(db);
  if (!opened.ok()) {
    const bool url = db.find("://") != std::string::npos;  // may hold a password
    std::cerr << "palabre: cannot open " << (url ? "the database" : db) << ": "
              << opened.status().ToString() << "\n";
    return nullptr;
  }
  return std::move(opened).value();
}

}  // namespace palabre::app
