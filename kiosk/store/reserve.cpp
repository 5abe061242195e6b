#include "store/reserve.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace hall {
namespace {

constexpr std::int64_t kMinSlice = 256 * 1024;
constexpr std::int64_t kMaxSlice = 4 * 1024 * 1024;
// Never fill the last few blocks when building the ballast: SQLite's own -shm/-wal files
// and the log need a little room.
constexpr std::int64_t kKeepFree = 256 * 1024;

std::int64_t free_bytes_in(const std::string& dir) {
    struct statvfs sv {};
    if (::statvfs(dir.c_str(), &sv) != 0) return -1;
    return static_cast<std::int64_t>(sv.f_bavail) * static_cast<std::int64_t>(sv.f_frsize);
}

void sync_dir(const std::string& dir) {
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace

std::string_view storage_level_name(StorageLevel l) {
    switch (l) {
        case StorageLevel::Ok: return "ok";
        case StorageLevel::Low: return "low";
        case StorageLevel::ReserveInUse: return "reserve_in_use";
        case StorageLevel::ReserveGone: return "reserve_gone";
    }
    return "ok";
}

Reserve::Reserve(std::string dir, std::int64_t target_bytes, std::int64_t low_free_bytes)
    : dir_(std::move(dir)),
      path_((std::filesystem::path(dir_) / "complaint-reserve.ballast").string()),
      target_(std::max<std::int64_t>(0, target_bytes)),
      low_free_(std::max<std::int64_t>(0, low_free_bytes)),
      // Eight slices: a full disk costs the reserve only what the next complaints need.
      slice_(std::clamp<std::int64_t>(target_ / 8, kMinSlice, kMaxSlice)) {}

std::int64_t Reserve::held() const {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) return 0;
    // Blocks really allocated: a sparse ballast would hold nothing back.
    return std::min<std::int64_t>(st.st_size, static_cast<std::int64_t>(st.st_blocks) * 512);
}

bool Reserve::resize(std::int64_t bytes) {
    const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    struct stat st {};
    bool ok = ::fstat(fd, &st) == 0;
    if (ok && bytes < st.st_size) ok = ::ftruncate(fd, bytes) == 0;
    else if (ok && bytes > st.st_size) ok = ::posix_fallocate(fd, 0, bytes) == 0;
    if (!ok) (void)::ftruncate(fd, st.st_size);  // a failed grow leaves no sparse tail
    ok = ::fsync(fd) == 0 && ok;
    ::close(fd);
    sync_dir(dir_);
    return ok;
}

void Reserve::replenish(bool at_start) {
    if (target_ == 0) return;
    const std::int64_t have = held();
    if (have >= target_) return;
    const std::int64_t free = free_bytes_in(dir_);
    if (free < 0) return;
    std::int64_t want = target_;
    if (at_start) want = std::min(target_, have + std::max<std::int64_t>(0, free - kKeepFree));
    else if (free - (target_ - have) < low_free_) return;  // refill only from plenty
    want -= want % 4096;
    if (want > have && !resize(want))
        std::fprintf(stderr, "hall-kiosk: complaint reserve %s could not grow to %lld bytes: %s\n", path_.c_str(),
                     static_cast<long long>(want), std::strerror(errno));
}

bool Reserve::release_slice() {
    const std::int64_t have = held();
    if (have <= 0) return false;
    const std::int64_t to = std::max<std::int64_t>(0, have - slice_);
    if (to == 0) {
        ::unlink(path_.c_str());
        sync_dir(dir_);
    } else if (!resize(to)) {
        return false;
    }
    ++released_;
    std::fprintf(stderr, "hall-kiosk: disk full: released %lld bytes of the complaint reserve, %lld left\n",
                 static_cast<long long>(have - to), static_cast<long long>(to));
    return true;
}

StorageStatus Reserve::status() const {
    StorageStatus s;
    s.free_bytes = free_bytes_in(dir_);
    s.reserve_bytes = held();
    s.reserve_target = target_;
    if (target_ > 0 && s.reserve_bytes == 0) s.level = StorageLevel::ReserveGone;
    else if (target_ > 0 && s.reserve_bytes + 4096 < target_) s.level = StorageLevel::ReserveInUse;
    else if (s.free_bytes >= 0 && s.free_bytes < low_free_) s.level = StorageLevel::Low;
    return s;
}

}  // namespace hall
