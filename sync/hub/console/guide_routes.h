#pragma once
// The guides' console API (issue #18) under /console/api/guides, and the uploaded forms and
// samples citizens' phones open at /guide-files/ID/NAME (public: they are on the kiosk's QR
// codes). Added before add_console_routes() so the console's JSON 404 for unknown API paths
// stays last.
#include <string>
#include <vector>

#include "hub/console/console_routes.h"
#include "hub/console/guide_store.h"

namespace hall::hub::console {

struct GuideDeps {
    ConsoleDeps& console;
    GuideStore& guides;
    // Ed25519 secret key (base64) read by the hub process at start from --signing-key; empty:
    // publishing from the console is off. Never sent anywhere, never written by the console.
    std::string signing_key;
};

void add_guide_routes(Router& router, GuideDeps& deps);
const std::vector<RouteInfo>& guide_api_routes();

}  // namespace hall::hub::console
