#include "fault_vfs.h"

#include <sqlite3.h>

#include <cstring>
#include <mutex>

namespace hall::test {
namespace {

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs{};
sqlite3_io_methods g_methods{};

struct File {
    sqlite3_file base;     // our methods
    bool main_db;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};
File* F(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

int x_close(sqlite3_file* f) { return F(f)->real()->pMethods->xClose(F(f)->real()); }
int x_read(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) {
    const int rc = F(f)->real()->pMethods->xRead(F(f)->real(), buf, amt, off);
    if (rc == SQLITE_OK && F(f)->main_db && off > 0 && amt >= 512 && FaultVfs::install().corrupting())
        std::memset(buf, 0xA5, static_cast<std::size_t>(amt));  // a page overwritten with noise
    return rc;
}
int x_write(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
    if (const int rc = FaultVfs::install().on_write()) return rc;
    return F(f)->real()->pMethods->xWrite(F(f)->real(), buf, amt, off);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (const int rc = FaultVfs::install().on_write()) return rc;
    return F(f)->real()->pMethods->xTruncate(F(f)->real(), size);
}
int x_sync(sqlite3_file* f, int flags) {
    if (FaultVfs::install().on_write()) return SQLITE_IOERR_FSYNC;
    return F(f)->real()->pMethods->xSync(F(f)->real(), flags);
}
int x_size(sqlite3_file* f, sqlite3_int64* size) { return F(f)->real()->pMethods->xFileSize(F(f)->real(), size); }
int x_lock(sqlite3_file* f, int l) { return F(f)->real()->pMethods->xLock(F(f)->real(), l); }
int x_unlock(sqlite3_file* f, int l) { return F(f)->real()->pMethods->xUnlock(F(f)->real(), l); }
int x_check(sqlite3_file* f, int* out) { return F(f)->real()->pMethods->xCheckReservedLock(F(f)->real(), out); }
int x_fcntl(sqlite3_file* f, int op, void* arg) { return F(f)->real()->pMethods->xFileControl(F(f)->real(), op, arg); }
int x_sector(sqlite3_file* f) { return F(f)->real()->pMethods->xSectorSize(F(f)->real()); }
int x_chars(sqlite3_file* f) { return F(f)->real()->pMethods->xDeviceCharacteristics(F(f)->real()); }
int x_shm_map(sqlite3_file* f, int pg, int sz, int extend, void volatile** pp) {
    return F(f)->real()->pMethods->xShmMap(F(f)->real(), pg, sz, extend, pp);
}
int x_shm_lock(sqlite3_file* f, int off, int n, int flags) { return F(f)->real()->pMethods->xShmLock(F(f)->real(), off, n, flags); }
void x_shm_barrier(sqlite3_file* f) { F(f)->real()->pMethods->xShmBarrier(F(f)->real()); }
int x_shm_unmap(sqlite3_file* f, int del) { return F(f)->real()->pMethods->xShmUnmap(F(f)->real(), del); }
// No memory-mapped reads: every page goes through x_read, where faults are injected.
int x_fetch(sqlite3_file*, sqlite3_int64, int, void** pp) {
    *pp = nullptr;
    return SQLITE_OK;
}
int x_unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

int x_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
    File* file = F(f);
    std::memset(file, 0, sizeof(File));
    const int rc = g_real->xOpen(g_real, name, file->real(), flags, out_flags);
    if (rc != SQLITE_OK) return rc;
    file->main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    file->base.pMethods = &g_methods;
    return SQLITE_OK;
}
int x_delete(sqlite3_vfs*, const char* name, int sync) {
    if (const int rc = FaultVfs::install().on_write()) return rc;
    return g_real->xDelete(g_real, name, sync);
}
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) { return g_real->xAccess(g_real, name, flags, out); }
int x_fullpath(sqlite3_vfs*, const char* name, int n, char* out) { return g_real->xFullPathname(g_real, name, n, out); }
void* x_dlopen(sqlite3_vfs*, const char* f) { return g_real->xDlOpen(g_real, f); }
void x_dlerror(sqlite3_vfs*, int n, char* msg) { g_real->xDlError(g_real, n, msg); }
void (*x_dlsym(sqlite3_vfs*, void* h, const char* s))(void) { return g_real->xDlSym(g_real, h, s); }
void x_dlclose(sqlite3_vfs*, void* h) { g_real->xDlClose(g_real, h); }
int x_random(sqlite3_vfs*, int n, char* out) { return g_real->xRandomness(g_real, n, out); }
int x_sleep(sqlite3_vfs*, int us) { return g_real->xSleep(g_real, us); }
int x_time(sqlite3_vfs*, double* t) { return g_real->xCurrentTime(g_real, t); }
int x_last_error(sqlite3_vfs*, int n, char* s) { return g_real->xGetLastError ? g_real->xGetLastError(g_real, n, s) : 0; }
int x_time64(sqlite3_vfs*, sqlite3_int64* t) { return g_real->xCurrentTimeInt64(g_real, t); }

}  // namespace

FaultVfs& FaultVfs::install() {
    static FaultVfs instance;
    static std::once_flag once;
    std::call_once(once, [] {
        g_real = sqlite3_vfs_find(nullptr);
        g_methods = sqlite3_io_methods{3,        x_close,  x_read,      x_write,      x_truncate,    x_sync,
                                       x_size,   x_lock,   x_unlock,    x_check,      x_fcntl,       x_sector,
                                       x_chars,  x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap,  x_fetch,
                                       x_unfetch};
        g_vfs.iVersion = 2;
        g_vfs.szOsFile = static_cast<int>(sizeof(File)) + g_real->szOsFile;
        g_vfs.mxPathname = g_real->mxPathname;
        g_vfs.zName = "hall-faultsim";
        g_vfs.xOpen = x_open;
        g_vfs.xDelete = x_delete;
        g_vfs.xAccess = x_access;
        g_vfs.xFullPathname = x_fullpath;
        g_vfs.xDlOpen = x_dlopen;
        g_vfs.xDlError = x_dlerror;
        g_vfs.xDlSym = x_dlsym;
        g_vfs.xDlClose = x_dlclose;
        g_vfs.xRandomness = x_random;
        g_vfs.xSleep = x_sleep;
        g_vfs.xCurrentTime = x_time;
        g_vfs.xGetLastError = x_last_error;
        g_vfs.xCurrentTimeInt64 = x_time64;
        sqlite3_vfs_register(&g_vfs, 1);
    });
    return instance;
}

void FaultVfs::arm(int nth, bool persist) {
    ops_ = 0;
    fired_ = false;
    persist_ = persist;
    nth_ = nth;
}

void FaultVfs::disarm() {
    nth_ = 0;
    fail_all_ = false;
    corrupt_ = false;
}

int FaultVfs::on_write() {
    if (fail_all_) return SQLITE_IOERR_WRITE;
    if (nth_ <= 0) return SQLITE_OK;
    const int n = ++ops_;
    if (n == nth_ || (persist_ && n > nth_)) {
        fired_ = true;
        return SQLITE_IOERR_WRITE;
    }
    return SQLITE_OK;
}

}  // namespace hall::test
