#include "hub/pg_pool.h"

#include "hub/hub_store.h"

namespace hall::hub {

namespace {
// Notices ("relation already exists, skipping") are not errors; keep them off stderr.
void quiet_notices(void*, const char*) {}
}  // namespace

PgPool::PgPool(std::string conninfo, int size, std::chrono::milliseconds acquire_timeout)
    : conninfo_(std::move(conninfo)), size_(size < 1 ? 1 : size), acquire_timeout_(acquire_timeout) {}

PgPool::~PgPool() {
    std::lock_guard lk(mu_);
    for (auto* c : idle_) PQfinish(c);
    idle_.clear();
}

PGconn* PgPool::connect() {
    // connect_timeout comes first so a value in the URI overrides it; a refused connection
    // (server down) fails at once anyway, the timeout bounds a silent network.
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* vals[] = {"3", "hall-hub", conninfo_.c_str(), nullptr};
    PGconn* c = PQconnectdbParams(keys, vals, 1);
    if (!c) throw HubStoreUnavailable("PostgreSQL: out of memory while connecting");
    if (PQstatus(c) != CONNECTION_OK) {
        std::string why = PQerrorMessage(c);
        PQfinish(c);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw HubStoreUnavailable("PostgreSQL unreachable: " + why);
    }
    PQsetNoticeProcessor(c, quiet_notices, nullptr);
    return c;
}

PgPool::Lease PgPool::acquire() {
    std::unique_lock lk(mu_);
    const auto deadline = std::chrono::steady_clock::now() + acquire_timeout_;
    for (;;) {
        if (!idle_.empty()) {
            PGconn* c = idle_.back();
            idle_.pop_back();
            if (PQstatus(c) == CONNECTION_OK) return Lease(this, c, true);
            PQfinish(c);  // broke while idle: reopen below
            --open_;
        }
        if (open_ < size_) {
            ++open_;
            lk.unlock();
            try {
                return Lease(this, connect(), false);
            } catch (...) {
                lk.lock();
                --open_;
                cv_.notify_one();
                throw;
            }
        }
        if (cv_.wait_until(lk, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= size_)
            throw HubStoreUnavailable("PostgreSQL: all " + std::to_string(size_) + " connections busy");
    }
}

void PgPool::give_back(PGconn* conn, bool broken) {
    // A connection still inside a transaction (an exception between BEGIN and COMMIT whose
    // ROLLBACK failed) is not trusted again.
    if (broken || PQstatus(conn) != CONNECTION_OK || PQtransactionStatus(conn) != PQTRANS_IDLE) {
        PQfinish(conn);
        std::lock_guard lk(mu_);
        --open_;
    } else {
        std::lock_guard lk(mu_);
        idle_.push_back(conn);
    }
    cv_.notify_one();
}

void PgPool::discard_idle() {
    std::vector<PGconn*> stale;
    {
        std::lock_guard lk(mu_);
        stale.swap(idle_);
        open_ -= static_cast<int>(stale.size());
    }
    for (auto* c : stale) PQfinish(c);
    cv_.notify_all();
}

int PgPool::open_connections() {
    std::lock_guard lk(mu_);
    return open_;
}

PgPool::Lease::~Lease() {
    if (conn_) pool_->give_back(conn_, broken_);
}

}  // namespace hall::hub
