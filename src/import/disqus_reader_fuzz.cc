// libFuzzer target: the Disqus XML export reader on any bytes (import/reader_fuzz_testing.h).
#include "import/reader_fuzz_testing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  palabre::import::FuzzReader(palabre::import::Format::kDisqus, data, size);
  return 0;
}
