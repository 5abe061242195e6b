#pragma once
// The complaint reserve: a ballast file in the data folder that holds disk space only a
// citizen's feedback may use. Content imports, the pinyin schemas and manager actions meet
// a full disk first and fail with a reason; the feedback commit (FeedbackStore::insert with
// a Reserve) then releases the ballast a slice at a time and tries again, so the complaint
// still commits durably. The manager and the hub's kiosk health see "storage low" well
// before: when free space falls under the configured mark, or once the reserve is in use.
#include <cstdint>
#include <string>
#include <string_view>

namespace hall {

// Bytes of disk the reserve sets aside per complaint it must hold (feedback row, category
// rows, handling and outbox rows, their index entries): measured at about 2 KiB on a full
// disk (tests/durability/diskfull_test.cpp), doubled for margin.
inline constexpr std::int64_t kReserveBytesPerRecord = 4 * 1024;

enum class StorageLevel { Ok, Low, ReserveInUse, ReserveGone };
std::string_view storage_level_name(StorageLevel l);  // "ok", "low", "reserve_in_use", "reserve_gone"

struct StorageStatus {
    StorageLevel level = StorageLevel::Ok;
    std::int64_t free_bytes = -1;       // free for this user, outside the reserve; -1 unknown
    std::int64_t reserve_bytes = 0;     // held in the ballast now
    std::int64_t reserve_target = 0;    // what the config asks for
    bool low() const { return level != StorageLevel::Ok; }
};

class Reserve {
public:
    // dir: the data folder; target: ballast size; low_free: the "storage low" mark.
    Reserve(std::string dir, std::int64_t target_bytes, std::int64_t low_free_bytes);

    // Creates or tops up the ballast with real blocks (fallocate). At start it takes what the
    // disk has, up to the target; later (at_start=false) only while the disk stays above the
    // low mark, so a refill never makes the disk full itself.
    void replenish(bool at_start);
    // Frees one slice of the ballast (fsynced); false when nothing was left to free.
    bool release_slice();
    StorageStatus status() const;
    const std::string& path() const { return path_; }
    // How many slices were released since this object was made (tests, logs).
    int slices_released() const { return released_; }

private:
    std::int64_t held() const;
    bool resize(std::int64_t bytes);

    std::string dir_;
    std::string path_;
    std::int64_t target_;
    std::int64_t low_free_;
    std::int64_t slice_;
    int released_ = 0;
};

}  // namespace hall
