#include "ime/rime_deploy.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <vector>

#include "common/files.h"
#include "ime/rime_runtime.h"

namespace fs = std::filesystem;

namespace hall::ime {
namespace {

// Bump when the deployment itself changes in a way the fingerprint cannot see.
constexpr int kStampFormat = 1;

// The kiosk's settings, written into the user folder before every deployment. Rime merges
// *.custom.yaml patches into the compiled config, so the shared files stay untouched.
const char* const kDefaultCustom =
    "# Written by Hall Kiosk (kiosk/ime); replaced on every deployment.\n"
    "patch:\n"
    "  schema_list:\n"
    "    - schema: pinyin_simp\n"
    "    - schema: luna_pinyin\n"
    "  menu/page_size: 9\n";

// A public kiosk must not learn what citizens type: no user dictionary, so a name or a
// complaint typed by one citizen never shows up as a candidate for the next.
const char* const kSchemaCustom =
    "# Written by Hall Kiosk (kiosk/ime); replaced on every deployment.\n"
    "patch:\n"
    "  translator/enable_user_dict: false\n"
    "  menu/page_size: 9\n";

struct Required {
    const char* file;
    const char* package;
};
// What the two schemas need from the shared folder, and the Debian package that has it.
constexpr Required kRequired[] = {
    {"pinyin_simp.schema.yaml", "rime-data-pinyin-simp"},
    {"pinyin_simp.dict.yaml", "rime-data-pinyin-simp"},
    {"luna_pinyin.schema.yaml", "rime-data-luna-pinyin"},
    {"luna_pinyin.dict.yaml", "rime-data-luna-pinyin"},
    {"pinyin.yaml", "rime-data-luna-pinyin"},
    {"stroke.schema.yaml", "rime-data-stroke"},
    {"default.yaml", "rime-prelude"},
    {"symbols.yaml", "rime-prelude"},
    {"punctuation.yaml", "rime-prelude"},
    {"key_bindings.yaml", "rime-prelude"},
    {"essay.txt", "rime-essay"},
};

// What a finished deployment leaves in user_dir/build.
constexpr const char* kOutputs[] = {"default.yaml", "pinyin_simp.schema.yaml", "luna_pinyin.schema.yaml"};

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

void list_files(const fs::path& dir, const std::string& prefix, std::vector<std::string>& lines) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code fe;
        if (!it->is_regular_file(fe)) continue;
        const auto size = it->file_size(fe);
        const auto mtime = it->last_write_time(fe).time_since_epoch().count();
        std::ostringstream line;
        line << prefix << it->path().filename().string() << ' ' << size << ' ' << mtime;
        lines.push_back(line.str());
    }
}

// Everything a deployment depends on: size and time of every shared data file (a package
// upgrade changes them), librime's version and the kiosk's settings.
std::string fingerprint(const RimePaths& paths) {
    std::vector<std::string> files;
    list_files(paths.shared_dir, "", files);
    list_files(paths.shared_dir / "build", "build/", files);
    std::sort(files.begin(), files.end());
    std::ostringstream out;
    out << "hall-ime deploy stamp " << kStampFormat << '\n';
    std::string no_rime;
    const char* version = detail::rime_available(no_rime) && detail::rime().get_version ? detail::rime().get_version() : nullptr;
    out << "librime " << (version ? version : "?") << '\n';
    out << "settings " << std::hex << fnv1a(kSchemaCustom, fnv1a(kDefaultCustom)) << std::dec << '\n';
    out << "shared " << paths.shared_dir.string() << '\n';
    for (const auto& f : files) out << f << '\n';
    return out.str();
}

bool outputs_present(const RimePaths& paths) {
    std::error_code ec;
    for (const char* f : kOutputs)
        if (!fs::is_regular_file(paths.user_dir / "build" / f, ec)) return false;
    return true;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool write_file_atomically(const fs::path& p, const std::string& text) { return write_file_atomic(p.string(), text).ok; }

bool current(const RimePaths& paths) {
    std::error_code ec;
    if (!fs::is_regular_file(rime_stamp_path(paths), ec)) return false;
    return outputs_present(paths) && read_file(rime_stamp_path(paths)) == fingerprint(paths);
}

// An exclusive lock on user_dir/.deploy.lock, so a postinst and a first start never compile
// into the same folder at once.
class DeployLock {
public:
    explicit DeployLock(const fs::path& file) : fd_(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
        if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~DeployLock() {
        if (fd_ >= 0) ::close(fd_);  // closing releases the lock
    }
    DeployLock(const DeployLock&) = delete;
    DeployLock& operator=(const DeployLock&) = delete;
    bool held() const { return fd_ >= 0; }
private:
    int fd_;
};

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

std::string_view schema_for(Lang lang) {
    return lang == Lang::Hant ? kSchemaTraditional : kSchemaSimplified;
}

RimePaths rime_paths_for_data_dir(const fs::path& data_dir) {
    RimePaths p;
    p.user_dir = data_dir / "rime";
    return p;
}

fs::path rime_stamp_path(const RimePaths& paths) { return paths.user_dir / "hall-ime-deploy.stamp"; }

bool rime_deployment_current(const RimePaths& paths) { return current(paths); }

DeployReport ensure_rime_deployed(const RimePaths& paths, bool force) {
    const auto t0 = std::chrono::steady_clock::now();
    DeployReport report;
    auto fail = [&](std::string why) {
        report.ok = false;
        report.error = std::move(why);
        report.millis = ms_since(t0);
        return report;
    };

    std::vector<std::string> missing;
    for (const auto& r : kRequired) {
        std::error_code ec;
        if (!fs::is_regular_file(paths.shared_dir / r.file, ec))
            missing.push_back((paths.shared_dir / r.file).string() + " (Debian package " + r.package + ")");
    }
    if (!missing.empty()) {
        std::string why = "rime data missing, install packaging/install-deps.sh's rime packages:";
        for (const auto& m : missing) why += "\n  " + m;
        return fail(why);
    }
    if (paths.user_dir.empty()) return fail("rime user folder not set (kiosk data folder)");
    if (std::string why; !detail::rime_available(why)) return fail(why);

    std::error_code ec;
    fs::create_directories(paths.user_dir / "build", ec);
    if (ec) return fail("cannot create " + (paths.user_dir / "build").string() + ": " + ec.message());

    DeployLock lock(paths.user_dir / ".deploy.lock");
    if (!lock.held()) return fail("cannot lock " + (paths.user_dir / ".deploy.lock").string());

    // Checked under the lock: another process may just have finished the same deployment.
    const std::string stamp = fingerprint(paths);
    if (!force && outputs_present(paths) && read_file(rime_stamp_path(paths)) == stamp) {
        report.ok = true;
        report.millis = ms_since(t0);
        return report;
    }

    // librime writes its tables through mmap: on a full disk that is a SIGBUS, not an error.
    // So deploy only with room to spare; the complaint reserve is allocated blocks, so the
    // free space measured here never counts it and the deploy never runs into it.
    if (const auto space = fs::space(paths.user_dir, ec); !ec && static_cast<std::int64_t>(space.available) < kDeployNeedsFreeBytes)
        return fail("not enough free disk in " + paths.user_dir.string() + " to compile the pinyin schemas (" +
                    std::to_string(space.available / (1024 * 1024)) + " MB free, " +
                    std::to_string(kDeployNeedsFreeBytes / (1024 * 1024)) + " MB needed); pinyin is off, letters and handwriting work");

    std::lock_guard<std::mutex> guard(detail::rime_mutex());
    if (detail::engine_live())
        return fail("cannot deploy rime while the pinyin engine is open in this process");

    fs::remove(rime_stamp_path(paths), ec);
    if (!write_file_atomically(paths.user_dir / "default.custom.yaml", kDefaultCustom) ||
        !write_file_atomically(paths.user_dir / "pinyin_simp.custom.yaml", kSchemaCustom) ||
        !write_file_atomically(paths.user_dir / "luna_pinyin.custom.yaml", kSchemaCustom))
        return fail("cannot write rime settings into " + paths.user_dir.string());

    detail::RimeTraitsHolder holder;
    detail::fill_traits(holder, paths.shared_dir.string(), paths.user_dir.string());
    detail::setup_once(holder);
    auto& api = detail::rime();
    api.deployer_initialize(&holder.traits);
    const bool deployed = api.deploy();
    api.finalize();  // unloads the deployer modules; the engine initialises its own
    report.deployed = true;
    if (!deployed || !outputs_present(paths))
        return fail("rime deployment into " + paths.user_dir.string() + " failed; see " + holder.log_dir);

    if (!write_file_atomically(rime_stamp_path(paths), stamp))
        return fail("cannot write " + rime_stamp_path(paths).string());
    report.ok = true;
    report.millis = ms_since(t0);
    return report;
}

}  // namespace hall::ime
