#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "config/config.h"
#include "manager/pin.h"
#include "manager_test_support.h"
#include "support/files.h"

using namespace hall;

namespace {

using test::read_text;

// One hash for the whole file: Argon2id is deliberately slow.
const std::string& hash_1234() {
    static const std::string h = hash_pin("1234");
    return h;
}

}  // namespace

TEST_CASE("a PIN is kept as an Argon2id hash at libsodium's interactive cost", "[pin]") {
    const auto& h = hash_1234();
    CHECK(h.rfind("$argon2id$", 0) == 0);
    CHECK(h.find("1234") == std::string::npos);
    // The cost is in the hash: 64 MiB and 2 passes (OPSLIMIT/MEMLIMIT_INTERACTIVE, well under a
    // second on a kiosk), neither weaker nor a stall at the PIN pad. Read, not timed.
    CHECK(h.find("$m=65536,t=2,p=1$") != std::string::npos);
    CHECK(verify_pin(h, "1234"));
    CHECK_FALSE(verify_pin(h, "4321"));
    CHECK_FALSE(verify_pin("", "1234"));
    CHECK_FALSE(verify_pin("plain1234", "1234"));
    CHECK(is_valid_pin_format("0000"));
    CHECK_FALSE(is_valid_pin_format("123"));
    CHECK_FALSE(is_valid_pin_format("12a4"));
    CHECK_FALSE(is_valid_pin_format("1234567890123"));
}

TEST_CASE("the lock grows after five wrong PINs", "[pin]") {
    CHECK(lock_duration_ms(4) == 0);
    CHECK(lock_duration_ms(5) == 30'000);
    CHECK(lock_duration_ms(6) == 60'000);
    CHECK(lock_duration_ms(7) == 120'000);
    CHECK(lock_duration_ms(40) == kMaxLockMs);
}

TEST_CASE("five wrong PINs lock the pad, across a restart, and the right PIN opens it afterwards", "[pin]") {
    test::ManagerFixture fx;
    std::int64_t now = 1'000'000;
    {
        PinGuard guard(*fx.db, hash_1234(), fx.store.get());
        for (int i = 1; i <= 4; ++i) {
            const auto a = guard.try_pin("9999", now);
            CHECK(a.outcome == PinGuard::Outcome::Wrong);
            CHECK(a.failures == i);
            CHECK(a.locked_ms == 0);
        }
        const auto fifth = guard.try_pin("9999", now);
        CHECK(fifth.outcome == PinGuard::Outcome::Wrong);
        CHECK(fifth.locked_ms == 30'000);
        // Locked: even the right PIN is not checked.
        CHECK(guard.try_pin("1234", now + 1000).outcome == PinGuard::Outcome::Locked);
    }
    // A restart (new connection, new guard) keeps the lock.
    fx.db = std::make_unique<Db>(fx.dir.file("kiosk.sqlite"));
    PinGuard guard(*fx.db, hash_1234());
    CHECK(guard.failures() == 5);
    CHECK(guard.locked_for_ms(now + 10'000) == 20'000);
    CHECK(guard.try_pin("1234", now + 29'000).outcome == PinGuard::Outcome::Locked);
    // The next wrong PIN after the lock locks for twice as long.
    const auto sixth = guard.try_pin("0000", now + 31'000);
    CHECK(sixth.outcome == PinGuard::Outcome::Wrong);
    CHECK(sixth.locked_ms == 60'000);
    CHECK(guard.try_pin("1234", now + 80'000).outcome == PinGuard::Outcome::Locked);
    const auto ok = guard.try_pin("1234", now + 92'000);
    CHECK(ok.outcome == PinGuard::Outcome::Ok);
    CHECK(guard.failures() == 0);
    CHECK(guard.locked_for_ms(now + 92'000) == 0);
}

TEST_CASE("logins, wrong PINs and lockouts are audited", "[pin]") {
    test::ManagerFixture fx;
    PinGuard guard(*fx.db, hash_1234(), fx.store.get());
    for (int i = 0; i < 5; ++i) guard.try_pin("1111", 0);
    reset_pin_lockout(*fx.db);
    CHECK(guard.try_pin("1234", 1).outcome == PinGuard::Outcome::Ok);
    const auto log = fx.store->audit_log(10);  // newest first
    REQUIRE(log.size() == 6);
    CHECK(log[0].action == "login");
    CHECK(log[1].action == "pin_locked");
    CHECK(log[2].action == "login_failed");
}

TEST_CASE("no PIN hash: manager mode is disabled", "[pin]") {
    test::ManagerFixture fx;
    PinGuard guard(*fx.db, "");
    CHECK_FALSE(guard.enabled());
    CHECK(guard.try_pin("1234", 0).outcome == PinGuard::Outcome::Disabled);
}

TEST_CASE("set-pin writes the hash into [manager] and keeps the rest of the file", "[pin][config]") {
    test::TempDir dir;
    const std::string path = dir.file("hall.toml");
    const std::string original = read_text(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml");
    {
        std::ofstream(path, std::ios::binary) << original;
    }
    CHECK(set_pin_in_config(path, "12") == "the PIN must be 4 to 12 digits");
    CHECK(read_text(path) == original);
    REQUIRE_FALSE(set_pin_in_config(path, "246810"));
    const auto loaded = load_config_file(path);
    REQUIRE(loaded.ok());
    CHECK(verify_pin(loaded.config.manager.pin_hash, "246810"));
    const auto text = read_text(path);
    CHECK(text.find("# working days to handle a 差評") != std::string::npos);  // comments kept
    CHECK(text.find("246810") == std::string::npos);
    // Setting it again replaces the line, it does not add a second one.
    REQUIRE_FALSE(set_pin_in_config(path, "135790"));
    const auto again = read_text(path);
    CHECK(again.find("pin_hash") == again.rfind("pin_hash"));
    CHECK(verify_pin(load_config_file(path).config.manager.pin_hash, "135790"));
    CHECK(set_pin_in_config(dir.file("missing.toml"), "1234")->find("cannot be read") != std::string::npos);
}

TEST_CASE("set-pin adds a [manager] section when there is none", "[pin][config]") {
    const std::string text = "[hall]\nid = \"h\"\n";
    const auto out = with_pin_hash(text, "$argon2id$x");
    CHECK(out == "[hall]\nid = \"h\"\n\n[manager]\npin_hash = \"$argon2id$x\"   # set by `hall-kiosk set-pin`\n");
    const auto under = with_pin_hash("[manager]\nlock_after_idle_s = 60\n[sync]\npin_hash = 1\n", "H");
    CHECK(under.find("[manager]\npin_hash = \"H\"") == 0);
    CHECK(under.find("[sync]\npin_hash = 1") != std::string::npos);  // another section's key is not touched
}
