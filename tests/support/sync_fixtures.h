#pragma once
// Shared pieces of the sync tests: a kiosk store with feedback in its outbox, a hub store
// with a kiosk token, settings pointing the client at a hub, signed sample bundles, and a
// kiosk's sync engine pointed at a hub started for the test.
#include <set>
#include <string>

#include "support/feedback.h"
#include "support/fixtures.h"
#include "support/hub_process.h"
#include "client/sync_engine.h"
#include "content/bundle.h"
#include "core/ids.h"
#include "hub/hub_admin.h"
#include "hub/hub_store.h"
#include "protocol/signing.h"
#include "store/feedback_store.h"
#include "store/migrations.h"
#include "store/outbox.h"

namespace hall::test {

// A kiosk database with n feedback records waiting in the outbox; returns their UUIDs.
inline std::set<std::string> fill_kiosk(const std::string& db_path, int n, const std::string& hall = kHall) {
    Db db(db_path);
    migrate(db);
    // Test setup only: the kiosk itself keeps synchronous=FULL for every complaint.
    db.exec("PRAGMA synchronous=OFF");
    FeedbackStore fs(db);
    std::set<std::string> uuids;
    for (int i = 0; i < n; ++i) {
        auto f = sample_feedback(i, hall);
        fs.insert(f);
        uuids.insert(f.uuid);
    }
    return uuids;
}

inline std::int64_t outbox_depth(const std::string& db_path) {
    Db db(db_path);
    return Outbox(db).depth();
}

struct HubFixture {
    TempDir dir;
    std::string hub_db = dir.file("hub.sqlite");
    std::string kiosk_db = dir.file("kiosk.sqlite");
    std::string token;
    wire::SigningKey key = wire::generate_signing_key();
    HubFixture() {
        auto store = hub::open_hub_store(hub_db);
        token = hub::add_kiosk(*store, kKiosk, kHall);
    }
    SyncSettings settings(const std::string& url) const {
        SyncSettings s;
        s.hub_url = url;
        s.token = token;
        s.bundle_public_key = key.public_b64;
        s.interval_s = 1;
        return s;
    }
    std::unique_ptr<hub::HubStore> hub_store() const { return hub::open_hub_store(hub_db); }
    // Every record UUID the hub holds, and how many rows (a duplicate would show as rows > set size).
    std::pair<std::set<std::string>, std::int64_t> hub_uuids() const {
        auto store = hub_store();
        std::set<std::string> u;
        std::int64_t rows = 0;
        store->for_each_record("", [&](const hub::RecordRow& r) {
            u.insert(r.uuid);
            ++rows;
            return true;
        });
        return {u, rows};
    }
    bool publish(const ContentBundle& b, const std::string& hall = "*") {
        auto store = hub_store();
        return hub::publish_bundle(*store, bundle_to_json(b), key.secret_b64, hall).ok;
    }
};

// Short timeouts so a fault costs a test seconds, not minutes.
inline sync::EngineOptions quick_engine() {
    sync::EngineOptions e;
    e.connect_timeout_s = 2;
    e.low_speed_time_s = 2;
    e.total_timeout_s = 10;
    e.max_reply_bytes = 1024 * 1024;
    return e;
}

// hall-hub started on the fixture's store and a kiosk's sync engine pointed at it: the setup
// of every "push, then look at the hub" test.
struct SyncedKiosk {
    HubProcess hub;
    Db db;
    sync::SyncEngine engine;
    explicit SyncedKiosk(const HubFixture& fx, const sync::EngineOptions& options = quick_engine())
        : hub(fx.hub_db, fx.dir.path.string()), db(fx.kiosk_db), engine(db, fx.settings(started(hub).url()), options) {}

private:
    static HubProcess& started(HubProcess& h) {
        h.start();
        return h;
    }
};

}  // namespace hall::test
