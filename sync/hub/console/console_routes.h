#pragma once
// The console on hall-hub's listener: static pages under /console/, Chart.js from Debian's
// libjs-chart.js under /console/lib/, and the JSON API under /console/api/
// (sync/openapi.json). All library-neutral Router handlers (hub/http_router.h).
//
// Cookies are Secure when the hub serves TLS. Without TLS the console answers loopback
// peers only (127.0.0.1, ::1): a development or demo hub, or one behind a TLS proxy on the
// same machine; anywhere else it refuses to log in rather than send a session in clear.
#include <functional>
#include <string>
#include <vector>

#include "hub/console/console_auth.h"
#include "hub/console/console_queries.h"
#include "hub/http_router.h"
#include "hub/hub_server.h"

namespace hall::hub::console {

struct ConsoleOptions {
    std::string web_dir;                                    // index.html, app.js, i18n/ ...
    std::string chartjs_dir = "/usr/share/javascript/chart.js";
};

struct ConsoleDeps {
    HubStore& store;
    ConsoleAuth& auth;
    ConsoleQueries& queries;
    ConsoleOptions options;
};

void add_console_routes(Router& router, ConsoleDeps& deps);

// The console's guard for routes added beside these (the guides' in guide_routes.cpp): TLS
// or loopback, a live session (401), the CSRF token on writes (403), Forbidden and BadRequest
// answered 403 and 400, no caching.
using SessionHandler = std::function<HttpResponse(HttpRequest&, const Session&)>;
HttpHandler console_guard(ConsoleDeps& deps, SessionHandler fn);

// Every console API route with its statuses: what the OpenAPI test checks.
const std::vector<RouteInfo>& console_api_routes();

// Where the pages are: an installed package's, or the source tree's in a build.
std::string default_web_dir();

}  // namespace hall::hub::console
