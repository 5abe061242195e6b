// hall-hub over TLS with a certificate and key from its options; the kiosk always verifies,
// trusts a CA file it is given, and can pin the hub's public key.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "support/hub_process.h"
#include "support/sync_fixtures.h"

using namespace hall;

namespace {

// A self-signed certificate for 127.0.0.1 made with the openssl tool (ca-certificates needs it).
bool make_cert(const test::TempDir& dir, const std::string& name) {
    const auto cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1"
                     " -addext subjectAltName=IP:127.0.0.1 -keyout " + dir.file(name + ".key") + " -out " + dir.file(name + ".crt") +
                     " >/dev/null 2>&1 && openssl x509 -in " + dir.file(name + ".crt") + " -pubkey -noout > " + dir.file(name + ".pub");
    return std::system(cmd.c_str()) == 0;
}

}  // namespace

TEST_CASE("TLS: the kiosk syncs with a hub it can verify and refuses one it cannot", "[sync][tls]") {
    test::HubFixture fx;
    REQUIRE(make_cert(fx.dir, "hub"));
    REQUIRE(make_cert(fx.dir, "other"));
    const auto sent = test::fill_kiosk(fx.kiosk_db, 30);
    test::HubProcess hub(fx.hub_db, fx.dir.path.string(), {"--tls-cert", fx.dir.file("hub.crt"), "--tls-key", fx.dir.file("hub.key")});
    hub.start();
    const auto url = "https://127.0.0.1:" + std::to_string(hub.port());
    Db db(fx.kiosk_db);
    const auto cycle = [&](const std::string& ca, const std::string& pin) {
        auto s = fx.settings(url);
        s.ca_file = ca;
        s.pinned_pubkey = pin;
        sync::SyncEngine engine(db, s, test::quick_engine());
        return engine.run_cycle();
    };

    auto untrusted = cycle("", "");  // the system CAs do not know a self-signed hub
    CHECK_FALSE(untrusted.ok());
    CHECK(untrusted.outbox_depth == 30);
    auto wrong_ca = cycle(fx.dir.file("other.crt"), "");
    CHECK_FALSE(wrong_ca.ok());
    auto wrong_pin = cycle(fx.dir.file("hub.crt"), fx.dir.file("other.pub"));
    CHECK_FALSE(wrong_pin.ok());
    CHECK(wrong_pin.outbox_depth == 30);
    CHECK(fx.hub_store()->record_count() == 0);

    auto good = cycle(fx.dir.file("hub.crt"), fx.dir.file("hub.pub"));
    INFO(good.error);
    CHECK(good.ok());
    CHECK(good.outbox_depth == 0);
    auto [held, rows] = fx.hub_uuids();
    CHECK(held == sent);
    CHECK(rows == 30);
}
