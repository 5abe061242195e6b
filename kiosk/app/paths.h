#pragma once
// Where the kiosk finds its assets and configs: next to the source when run from a build
// tree, in the FHS places when installed from the package.
#include <string>

namespace hall::app {

std::string find_assets_dir(const std::string& override_dir);
std::string find_demo_config(const std::string& assets_dir);

}  // namespace hall::app
