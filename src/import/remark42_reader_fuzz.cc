// libFuzzer target: the Remark42 backup (JSON Lines) reader on any bytes
// (import/reader_fuzz_testing.h).
#include "import/reader_fuzz_testing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  palabre::import::FuzzReader(palabre::import::Format::kRemark42, data, size);
  return 0;
}
