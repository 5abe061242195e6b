#include "common/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace hall {

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

FileWrite write_file_atomic(const std::string& path, std::string_view content, unsigned new_mode) {
    namespace fs = std::filesystem;
    FileWrite r;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::random_device rd;
    const fs::path tmp = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(rd()));
    struct stat old {};
    const bool existed = ::stat(target.c_str(), &old) == 0;
    const mode_t mode = existed ? (old.st_mode & 07777) : static_cast<mode_t>(new_mode);
    // Private until it has its final owner and mode: a secret never shows under a wider mode.
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        r.disk_full = errno == ENOSPC;
        r.error = "cannot write in " + dir.string() + ": " + std::strerror(errno);
        return r;
    }
    const auto fail = [&](const char* what) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        r.disk_full = err == ENOSPC;
        r.error = std::string(what) + " " + path + ": " + std::strerror(err);
        return r;
    };
    for (std::size_t done = 0; done < content.size();) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("writing");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return fail("flushing");
    // Owner and group first (chown may clear set-id bits), then the mode.
    if (existed && ::fchown(fd, old.st_uid, old.st_gid) != 0) return fail("keeping the owner and group of");
    if (::fchmod(fd, mode) != 0) return fail("keeping the mode of");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        r.disk_full = err == ENOSPC;
        r.error = "closing " + path + ": " + std::strerror(err);
        return r;
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        r.error = "renaming into " + path + ": " + std::strerror(err);
        return r;
    }
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    r.ok = true;
    return r;
}

}  // namespace hall
