// palabre's entry point: parses the command line and runs one command (app/commands.h).
#include "app/commands.h"

int main(int argc, char** argv) { return palabre::app::Main(argc, argv); }
