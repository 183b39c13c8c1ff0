// Gzip compression of response bodies (zlib): thread reads and static assets are compressed
// once and served to every client that accepts gzip (readers on costly mobile data).
// Thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>

namespace palabre::http {

// The gzip (RFC 1952) encoding of `data` at zlib `level` (1 fastest .. 9 smallest); empty if
// zlib fails (out of memory), in which case callers send the identity body.
std::string GzipCompress(std::string_view data, int level = 6);

}  // namespace palabre::http
