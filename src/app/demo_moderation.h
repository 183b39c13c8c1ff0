// The moderator side of `palabre demo`: an admin account of the demo site,
// moderation@demo.palabre, and a few comments the pipeline holds, so that the console at
// /admin has work to show.
#pragma once

#include <string>

namespace palabre::app {

// Creates the account if absent and (re)sets its password: $PALABRE_DEMO_PASSWORD, else a
// generated one. Prints the console's URL (under `public_origin` if set, else from `listen`,
// HOST:PORT), the e-mail and the password. On the account's first creation, posts the held examples
// through the moderation pipeline: a marabout's phone number, one text copied under two names, an
// all-caps complaint that has nothing to do with the article, a flooder's four posts in a row.
// Returns an exit code.
int SeedDemoModeration(const std::string& db, const std::string& listen,
                       const std::string& public_origin = {});

}  // namespace palabre::app
