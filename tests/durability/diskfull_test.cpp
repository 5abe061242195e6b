// The complaint reserve on a really full disk: a small tmpfs (root only; skipped with exit
// code 77 where mounting is not permitted). The kiosk starts on a nearly full folder, the
// disk is filled with complaints, and citizens keep giving feedback through the screens:
// the reserve is used, nothing crashes, every receipt shown is in the store, and only when
// the reserve is gone does the citizen see the message, with the form kept.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/ids.h"
#include "support/kiosk_fixture.h"
#include "support/config_text.h"

using namespace hall;
using hall::test::Kiosk;
using ui::Screen;

namespace {

constexpr int kSkip = 77;
std::string g_mount;  // the tmpfs, mounted in main()

std::int64_t free_bytes(const std::string& dir) {
    struct statvfs sv {};
    REQUIRE(::statvfs(dir.c_str(), &sv) == 0);
    return static_cast<std::int64_t>(sv.f_bavail) * static_cast<std::int64_t>(sv.f_frsize);
}

// Takes all but `leave` bytes of the file system with a filler file.
void leave_free(const std::string& dir, std::int64_t leave) {
    const std::int64_t take = free_bytes(dir) - leave;
    REQUIRE(take > 0);
    std::ofstream out(dir + "/filler", std::ios::binary);
    const std::string block(64 * 1024, 'f');
    for (std::int64_t done = 0; done < take; done += static_cast<std::int64_t>(block.size()))
        out.write(block.data(), static_cast<std::streamsize>(std::min<std::int64_t>(block.size(), take - done)));
    REQUIRE(out.good());
}

// One complaint through the screens; returns true when the thanks screen came up.
bool complain(Kiosk& k, int i) {
    k.tap("#home.feedback");
    k.tap("#feedback.window.w0" + std::to_string(1 + i % 9));
    k.tap("#feedback.next");
    k.tap("#category.attitude");
    k.tap("#feedback.next");
    k.tap("#rate.overall.very_dissatisfied");
    k.tap("#feedback.next");
    k.tap("#feedback.next");
    k.tap("#feedback.submit");
    return k.app->screen() == Screen::Thanks;
}

}  // namespace

TEST_CASE("disk full: the complaint reserve takes citizens' complaints, then the form is kept with a message",
          "[durability][diskfull]") {
    const std::string data = g_mount + "/data";
    std::filesystem::create_directories(data);
    // A small reserve so the test stays short: 64 records' worth (256 KiB).
    const std::string cfg = g_mount + "/../hall-diskfull.toml";
    {
        std::string text = test::demo_hall_toml();
        for (auto [from, to] : {std::pair<std::string, std::string>{"reserve_records = 500", "reserve_records = 64"},
                                {"low_free_mb = 256", "low_free_mb = 8"}}) {
            const auto at = text.find(from);
            REQUIRE(at != std::string::npos);
            text.replace(at, from.size(), to);
        }
        std::ofstream(cfg, std::ios::binary) << text;
    }
    leave_free(g_mount, 8 * 1024 * 1024);  // a nearly full folder: 8 MB left of 24
    Kiosk k(cfg, hall::test::KioskOptions{data, false});
    CHECK(k.app->storage().reserve_bytes == 64 * kReserveBytesPerRecord);
    INFO("free after start: " << k.app->storage().free_bytes);
    CHECK(k.app->storage().level == StorageLevel::Low);  // the manager is told before anything fails

    // The hall's own records fill the disk (no reserve for them).
    test::FeedbackSpec d;
    d.categories = {Category::LongWait};
    d.text = std::string(120, 'x');
    int filled = 0, full_in_a_row = 0;
    for (int i = 0; i < 200000 && full_in_a_row < 3; ++i) {
        try {
            k.app->feedback_store().insert(test::make_record(d));
            ++filled;
            full_in_a_row = 0;
        } catch (const StoreError& e) {
            REQUIRE(e.kind() == StoreFailure::DiskFull);
            ++full_in_a_row;
        }
    }
    REQUIRE(full_in_a_row == 3);
    CHECK(k.app->reserve().status().reserve_bytes == 64 * kReserveBytesPerRecord);  // untouched so far

    // Citizens go on complaining through the screens.
    std::vector<std::string> receipts;
    bool reserve_seen_in_use = false;
    for (int i = 0; i < 5000; ++i) {
        if (!complain(k, i)) break;
        receipts.push_back(k.app->thanks_state().receipt);
        reserve_seen_in_use = reserve_seen_in_use || k.app->storage().level == StorageLevel::ReserveInUse ||
                              k.app->storage().level == StorageLevel::ReserveGone;
        k.tap("#thanks.done");
    }
    // The last one did not fit: the citizen is told, the form is kept.
    REQUIRE(k.app->screen() == Screen::Feedback);
    CHECK(k.app->feedback_state().store_error_key == "feedback.error.disk_full");
    CHECK(k.shows(k.app->strings().tr("feedback.error.disk_full")));
    CHECK(k.app->feedback_state().draft.has(Category::Attitude));
    CHECK(k.app->storage().level == StorageLevel::ReserveGone);
    CHECK(reserve_seen_in_use);
    REQUIRE_FALSE(receipts.empty());
    for (const auto& r : receipts) {
        INFO(r);
        CHECK(k.app->feedback_store().by_receipt(r).has_value());
    }
    auto ic = k.app->db().prepare("PRAGMA integrity_check");
    REQUIRE(ic.step());
    CHECK(ic.text(0) == "ok");
    std::cout << "diskfull: " << filled << " records filled the disk, the reserve (" << 64 * kReserveBytesPerRecord / 1024
              << " KiB, reserve_records = 64) then held " << receipts.size() << " complaints given through the screens\n";
    std::cout << "diskfull complaints_held_by_reserve " << receipts.size() << " records\n";

    // Space comes back: the reserve refills and the same form goes through.
    std::filesystem::remove(g_mount + "/filler");
    k.app->reserve().replenish(false);
    k.clock.advance(61'000);
    k.driver->frames(2);
    k.tap("#feedback.submit");
    CHECK(k.app->screen() == Screen::Thanks);
    CHECK(k.app->reserve().status().reserve_bytes == 64 * kReserveBytesPerRecord);
}

int main(int argc, char** argv) {
    if (::geteuid() != 0) {
        std::cout << "SKIP: the disk-full test mounts a small tmpfs and needs root\n";
        return kSkip;
    }
    char tmpl[] = "/tmp/hall-diskfull-XXXXXX";
    if (!::mkdtemp(tmpl)) return 1;
    const std::string parent = tmpl;
    g_mount = parent + "/fs";
    std::filesystem::create_directories(g_mount);
    if (::mount("tmpfs", g_mount.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=24m,mode=0755") != 0) {
        std::cout << "SKIP: cannot mount a tmpfs here (" << std::strerror(errno) << ")\n";
        std::filesystem::remove_all(parent);
        return kSkip;
    }
    const int rc = Catch::Session().run(argc, argv);
    ::umount2(g_mount.c_str(), MNT_DETACH);
    std::filesystem::remove_all(parent);
    return rc;
}
