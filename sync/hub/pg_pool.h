#pragma once
// A fixed-size pool of libpq connections for the PostgreSQL hub store. One connection per
// slot, opened lazily; a slot whose connection broke (server restarted, network cut) is
// closed and reopened by the next acquire, so the hub recovers by itself when the database
// returns. When no connection can be had, acquire() throws HubStoreUnavailable (the HTTP
// layer answers 503 + Retry-After) instead of waiting without bound.
#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace hall::hub {

class PgPool {
public:
    // conninfo: a libpq URI ("postgresql://user@host:port/db?...") or key=value string.
    PgPool(std::string conninfo, int size, std::chrono::milliseconds acquire_timeout = std::chrono::seconds(5));
    ~PgPool();
    PgPool(const PgPool&) = delete;
    PgPool& operator=(const PgPool&) = delete;

    // A borrowed connection; goes back to the pool when destroyed, or is closed when it
    // was marked broken or left inside a transaction.
    class Lease {
    public:
        Lease(PgPool* pool, PGconn* conn, bool reused) : pool_(pool), conn_(conn), reused_(reused) {}
        Lease(Lease&& o) noexcept : pool_(o.pool_), conn_(o.conn_), reused_(o.reused_), broken_(o.broken_) { o.conn_ = nullptr; }
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        PGconn* get() const { return conn_; }
        void mark_broken() { broken_ = true; }
        // Taken from the idle list rather than opened for this lease: it may have gone stale.
        bool reused() const { return reused_; }

    private:
        PgPool* pool_;
        PGconn* conn_;
        bool reused_;
        bool broken_ = false;
    };

    Lease acquire();
    // Closes every idle connection: after one failed, the others (same server) are stale too.
    void discard_idle();
    int size() const { return size_; }
    // Connections currently open (idle or leased); for tests.
    int open_connections();

private:
    PGconn* connect();
    void give_back(PGconn* conn, bool broken);

    std::string conninfo_;
    int size_;
    std::chrono::milliseconds acquire_timeout_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<PGconn*> idle_;
    int open_ = 0;      // idle + leased + being opened
};

}  // namespace hall::hub
