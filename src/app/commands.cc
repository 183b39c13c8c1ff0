#include "app/commands.h"

#include <cstdio>

namespace palabre::app {

int Main(int argc, char** argv) {
  std::puts("palabre 0.1.0");
  return 0;
}

}  // namespace palabre::app
