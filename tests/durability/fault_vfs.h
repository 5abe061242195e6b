#pragma once
// A fault-injecting SQLite VFS for tests, after SQLite's own test_vfs/do_faultsim_test
// (STYLE.md point 5): it wraps the platform VFS, counts every write and sync, and can fail
// the Nth one, fail all of them (storage gone read-only), or hand back damaged pages.
// install() makes it the default VFS, so every Db the code under test opens goes through it.
#include <atomic>
#include <cstdint>

namespace hall::test {

class FaultVfs {
public:
    static FaultVfs& install();

    // The nth write or sync from now (1-based) fails with SQLITE_IOERR_WRITE/FSYNC; with
    // persist, every later one fails too (a disk that stays bad until disarm()).
    void arm(int nth, bool persist = false);
    void disarm();
    bool fired() const { return fired_; }
    int ops_since_arm() const { return ops_; }
    // Every write and sync fails until disarm(): the storage went read-only under the kiosk.
    void fail_all_writes(bool on) { fail_all_ = on; }
    // Pages read from a main database file (all but page 1) come back as garbage: a damaged
    // page. The caller drops its page cache (sqlite3_db_release_memory) so reads reach us.
    void corrupt_reads(bool on) { corrupt_ = on; }

    // For the VFS callbacks.
    int on_write();       // SQLITE_OK or the error to return
    bool corrupting() const { return corrupt_; }

private:
    std::atomic<int> nth_{0};
    std::atomic<int> ops_{0};
    std::atomic<bool> persist_{false};
    std::atomic<bool> fired_{false};
    std::atomic<bool> fail_all_{false};
    std::atomic<bool> corrupt_{false};
};

}  // namespace hall::test
