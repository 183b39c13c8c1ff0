// The palabre command line: serve, demo, site, import, version (CLI11).
#pragma once

namespace palabre::app {

// Runs the command named by argv; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace palabre::app
