// Records the hub rejects: shown to the manager with the hub's reason, sent again after the
// cause is fixed, or discarded (audited); and configuration cannot produce them, because
// check-config and the bundle checker hold ids to the hub's 64-byte limit.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "config/config.h"
#include "content/bundle.h"
#include "core/ids.h"
#include "manager/pin.h"
#include "store/outbox.h"
#include "support/kiosk_fixture.h"
#include "support/config_text.h"

using namespace hall;
using hall::test::Kiosk;

namespace {

std::string demo_config() { return test::demo_hall_toml(); }

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("ids longer than the hub accepts are named by check-config and the bundle checker", "[durability][rejected]") {
    const std::string long_id(kMaxIdBytes + 1, 'k');
    std::string text = demo_config();
    text = replace_once(text, "id = \"demo-district\"", "id = \"" + long_id + "\"");
    text = replace_once(text, "id = \"w01\"", "id = \"" + long_id + "\"");
    text += "\n";
    const auto c = load_config_string(text, "hall.toml");
    CHECK(test::mentions(c.errors, "hall.id: longer than 64 bytes"));
    CHECK(test::mentions(c.errors, "windows[0].id: longer than 64 bytes"));
    std::string kiosk = replace_once(demo_config(), "id = \"kiosk-01\"", "id = \"" + long_id + "\"");
    CHECK(test::mentions(load_config_string(kiosk, "hall.toml").errors, "kiosk.id: longer than 64 bytes"));
    CHECK(load_config_string(demo_config(), "hall.toml").ok());

    ContentBundle b = test::sample_bundle("2026.1");
    b.guides[0].code = std::string(kMaxIdBytes + 1, 'G');
    const auto parsed = parse_bundle(bundle_to_json(b));
    CHECK(test::mentions(parsed.errors, ".code: longer than 64 bytes"));
    b.guides[0].code = std::string(kMaxIdBytes, 'G');
    CHECK(parse_bundle(bundle_to_json(b)).ok());
}

TEST_CASE("the manager sees rejected records with the hub's reason, sends one again and discards one", "[durability][rejected]") {
    test::TempDir cfg;
    Kiosk k(test::demo_config_with_pin(cfg, "2468"));
    // Two records the hub refused, e.g. made while the config had a wrong kiosk id.
    std::vector<std::string> uuids;
    for (int i = 0; i < 2; ++i) {
        test::FeedbackSpec s;
        s.hall = k.config.hall.id;
        s.kiosk = "old-kiosk-name";
        s.window = "w02";
        s.text = "";
        const Feedback f = test::make_record(s);
        k.app->feedback_store().insert(f);
        uuids.push_back(f.uuid);
    }
    Outbox outbox(k.app->db());
    auto items = outbox.peek(10);
    REQUIRE(items.size() == 2);
    outbox.reject({items[0].id, items[1].id}, "kiosk_id: unknown kiosk old-kiosk-name");
    REQUIRE(outbox.rejected_count() == 2);
    REQUIRE(outbox.peek(10).empty());  // parked: not offered again by themselves

    k.hold("#manager.corner", 3200);
    for (char c : std::string("2468")) k.tap(std::string("#pin.digit.") + c);
    k.tap("#manager.pin.ok");
    REQUIRE(k.app->manager().unlocked());
    k.tap("#manager.tab.rejected");
    REQUIRE(k.app->manager().rejected_state().rows.size() == 2);
    CHECK(k.shows("kiosk_id: unknown kiosk old-kiosk-name"));

    // Send again: back in the queue with the kiosk's current id, audited.
    k.tap("#manager.rejected.resend." + std::to_string(items[0].id));
    CHECK(k.app->manager().rejected_state().message_key == "manager.rejected.resent");
    // (The queue also holds the manager's own audit records: login, the resend.)
    std::optional<OutboxItem> resent;
    for (const auto& it : outbox.peek(50)) {
        CHECK(it.uuid != uuids[1]);  // still parked
        if (it.uuid == uuids[0]) resent = it;
    }
    REQUIRE(resent);
    CHECK(nlohmann::json::parse(resent->payload)["kiosk_id"] == k.config.kiosk.id);
    CHECK(k.count("SELECT COUNT(*) FROM audit WHERE action = 'resend_rejected' AND target_uuid = '" + uuids[0] + "'") == 1);

    // Discard takes two taps and is audited with the hub's reason; the local record stays.
    k.driver->frames(2);
    REQUIRE(k.app->manager().rejected_state().rows.size() == 1);
    k.tap("#manager.rejected.discard." + std::to_string(items[1].id));
    CHECK(outbox.rejected_count() == 1);
    k.tap("#manager.rejected.discard_confirm." + std::to_string(items[1].id));
    CHECK(outbox.rejected_count() == 0);
    CHECK(k.count("SELECT COUNT(*) FROM audit WHERE action = 'discard_rejected' AND target_uuid = '" + uuids[1] +
                  "' AND before LIKE '%unknown kiosk%'") == 1);
    CHECK(k.count("SELECT COUNT(*) FROM feedback WHERE uuid = '" + uuids[1] + "'") == 1);
    k.driver->frames(2);
    CHECK(k.shows(k.app->strings().tr("manager.rejected.none")));
}
