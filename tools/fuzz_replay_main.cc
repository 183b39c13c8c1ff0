// Replays a libFuzzer target without libFuzzer, in the ordinary (GCC, sanitizer) test build:
// every file of the corpus directories given on the command line, then deterministic
// mutations of each (byte flips, insertions, deletions, truncations, splices) and random
// buffers. A crash, sanitizer report or abort fails the ctest entry; real coverage-guided
// fuzzing is tools/run_fuzz.sh (clang). Usage: <target>_replay [--mutations N] DIR...
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void Run(const std::string& input) {
  // A copy of exactly `size` bytes, so ASan sees reads past the end.
  std::vector<std::uint8_t> copy(input.begin(), input.end());
  LLVMFuzzerTestOneInput(copy.data(), copy.size());
}

std::string Mutate(const std::string& seed, const std::vector<std::string>& corpus,
                   std::mt19937_64& rng) {
  std::string s = seed;
  const int steps = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < steps; ++i) {
    const std::size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 6) {
      case 0:  // flip a byte
        if (!s.empty()) s[pos % s.size()] ^= static_cast<char>(1u << (rng() % 8));
        break;
      case 1:  // insert a random byte, often one that matters to parsers
        s.insert(pos, 1, "\"{}[]<>&\\%:,*_`\n\xc3\xe2\x80\xff\0"[rng() % 20]);
        break;
      case 2:  // delete a run
        if (!s.empty()) s.erase(pos % s.size(), 1 + rng() % 8);
        break;
      case 3:  // truncate
        s.resize(pos);
        break;
      case 4:  // splice in a piece of another input
        if (!corpus.empty()) {
          const std::string& other = corpus[rng() % corpus.size()];
          if (!other.empty()) {
            const std::size_t from = rng() % other.size();
            s.insert(pos, other.substr(from, 1 + rng() % 32));
          }
        }
        break;
      default:  // repeat a run
        if (!s.empty()) {
          const std::size_t from = pos % s.size();
          s.insert(pos, s.substr(from, 1 + rng() % 16));
        }
    }
    if (s.size() > 64 * 1024) s.resize(64 * 1024);
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int mutations = 200;
  std::vector<std::string> corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--mutations" && i + 1 < argc) {
      mutations = std::atoi(argv[++i]);
      continue;
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(arg, ec)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(arg)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  std::mt19937_64 rng(20261125);
  std::size_t runs = 0;
  for (const std::string& input : corpus) {
    Run(input);
    ++runs;
  }
  for (const std::string& seed : corpus) {
    for (int m = 0; m < mutations; ++m, ++runs) Run(Mutate(seed, corpus, rng));
  }
  for (int r = 0; r < 2000; ++r, ++runs) {  // random buffers, mostly text-like
    std::string s(rng() % 300, '\0');
    for (char& c : s) {
      const auto v = rng() % 100;
      c = v < 70 ? static_cast<char>(' ' + rng() % 95) : static_cast<char>(rng() % 256);
    }
    Run(s);
  }
  std::printf("replayed %zu inputs (%zu corpus files)\n", runs, corpus.size());
  return 0;
}
