// libFuzzer target for what hall-hub does with bytes from the network after the HTTP front:
// the bounded JSON parser, the record decoders (every kind in wire::record_kinds()), the
// push-reply, heartbeat and queue decoders, the router's path matching, and the gzip body
// decoder (fed in two pieces, under a cap it must never pass).
// Build and run: bash tests/fuzz/run-fuzz.sh [SECONDS] (tests/fuzz/README in docs/sync.md).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "hub/gzip_body.h"
#include "hub/http_router.h"
#include "protocol/api.h"

using namespace hall;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // Request parsing: the first line is a path for the router, the rest a body.
    static const hub::Router router = [] {
        hub::Router r;
        for (const char* p : {"/api/v1/records", "/api/v1/queue", "/console/api/halls/{hall}", "/console/api/halls/{hall}/kiosks/{kiosk}"})
            r.add("GET", p, [](hub::HttpRequest& q) { return hub::HttpResponse{200, "text/plain", {}, q.param("hall")}; });
        r.add("GET", "/console/*", [](hub::HttpRequest&) { return hub::HttpResponse{}; });
        return r;
    }();
    const auto nl = text.find('\n');
    hub::HttpRequest req;
    req.method = "GET";
    req.path = std::string(text.substr(0, nl == std::string_view::npos ? text.size() : nl));
    (void)router.handle(req);

    const auto body = nl == std::string_view::npos ? text : text.substr(nl + 1);
    {
        constexpr std::size_t cap = 64 * 1024;
        hub::GzipBody gz(cap);
        std::string out;
        const auto split = body.size() / 3;
        gz.feed(body.substr(0, split), out);
        gz.feed(body.substr(split), out);
        if (out.size() > cap) __builtin_trap();
        if (gz.finish() == hub::GzipBody::State::Reading) __builtin_trap();
    }

    std::string why;
    auto j = wire::parse_bounded_json(body, wire::kMaxJsonDepth, why);
    if (!j) return 0;
    if (j->is_object() && j->contains("records") && (*j)["records"].is_array())
        for (const auto& r : (*j)["records"]) {
            auto v = wire::validate_record(r, why);
            // The canonical form must itself be a valid record of the same kind.
            if (v) {
                auto again = wire::parse_bounded_json(v->canonical, wire::kMaxJsonDepth, why);
                if (!again || !wire::validate_record(*again, why)) __builtin_trap();
            }
        }
    (void)wire::validate_record(*j, why);
    (void)wire::push_reply_from_json(*j, why);
    (void)wire::heartbeat_from_json(*j, why);
    (void)wire::queue_from_json(*j, why);
    return 0;
}
