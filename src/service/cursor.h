// Opaque page cursors of a thread's top-level comments: base64url of the store's (key, id)
// keyset position, given in ThreadPage::next_cursor and taken back in ListInput::cursor.
// Thread-safe, no state.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace palabre::service {

std::string EncodeCursor(const store::PageCursor& cursor);
// kInvalidCursor on anything EncodeCursor did not give.
Result<store::PageCursor> DecodeCursor(std::string_view cursor);

}  // namespace palabre::service
