// The store a command line works on: `--db` opened (a SQLite file, or a postgres:// URL), or a
// one-line reason on stderr that names the file but never a URL, which may carry a password.
// One rule for `serve`, `user`, `webhook` and `mail`.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace palabre::app {

// The opened store, or null after saying on stderr why not ("palabre: cannot open …").
std::unique_ptr<store::Store> OpenCommandStore(const std::string& db);

}  // namespace palabre::app
