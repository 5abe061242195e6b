// hall-hub under attack (issue #13), against a real hub process on loopback: stolen and
// foreign tokens, oversized and lying bodies, deep JSON, huge heads, floods, and hundreds of
// idle and slow-loris connections while a real kiosk syncs. Each attack must get its status,
// store nothing and leave the hub alive. `ctest -L abuse`.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <thread>
#include <vector>

#include "support/hub_process.h"
#include "protocol/api.h"
#include "raw_http.h"
#include "support/sync_fixtures.h"

using namespace hall;
using namespace hall::abuse;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

std::string audit_record(const std::string& hall, const std::string& kiosk) {
    return json{{"kind", "audit"}, {"uuid", new_uuid()}, {"hall_id", hall}, {"kiosk_id", kiosk}, {"at", now_iso_utc()}, {"action", "abuse"}}.dump();
}

std::string batch_of(const std::string& record, int n) {
    std::string b = "{\"records\":[";
    for (int i = 0; i < n; ++i) b += (i ? "," : "") + record;
    return b + "]}";
}

// The gzip file format (RFC 1952) of data, as `gzip -c` writes it.
std::string gzip(const std::string& data) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&z, data.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

bool alive(int port) { return status_of(roundtrip(port, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")) == 200; }

// Streams `total` bytes of chunked body (64 KiB chunks) after the head; returns the status
// the hub answered (it may answer, and close, before the body ends).
int chunked_post(int port, const std::string& token, std::size_t total) {
    const int fd = connect_to(port);
    if (fd < 0) return 0;
    std::string head = "POST /api/v1/records HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                       "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    send_all(fd, head);
    const std::string piece(64 * 1024, ' ');
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", piece.size());
    const auto chunk = std::string(size_line) + piece + "\r\n";
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    for (std::size_t sent = 0; sent < total && Clock::now() < deadline; sent += piece.size())
        if (!send_all(fd, chunk, 2000)) break;
    send_all(fd, "0\r\n\r\n", 2000);
    const int st = status_of(read_response(fd, 10000));
    ::close(fd);
    return st;
}

struct AbuseHub {
    test::HubFixture fx;
    std::string other_hall_token, other_kiosk_token, queue_token, revoked_token;
    std::unique_ptr<test::HubProcess> hub;
    explicit AbuseHub(std::vector<std::string> args = {}) {
        raise_fd_limit();
        auto store = fx.hub_store();
        other_hall_token = hub::add_kiosk(*store, "kiosk-far", "other-hall");
        other_kiosk_token = hub::add_kiosk(*store, "kiosk-02", test::kHall);
        queue_token = hub::add_kiosk(*store, "queue-1", test::kHall, "queue");
        revoked_token = hub::add_kiosk(*store, "kiosk-lost", test::kHall);
        REQUIRE(hub::revoke_kiosk(*store, "kiosk-lost"));
        hub = std::make_unique<test::HubProcess>(fx.hub_db, fx.dir.path.string(), std::move(args));
        hub->start();
    }
    int port() const { return hub->port(); }
    std::int64_t stored() const { return fx.hub_store()->record_count(); }
};

}  // namespace

TEST_CASE("stolen, foreign and misused tokens get 401/403 and store nothing", "[abuse]") {
    AbuseHub h;
    const auto mine = batch_of(audit_record(test::kHall, test::kKiosk), 1);
    const int port = h.port();
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, "", mine))) == 401);                 // no token
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, "hk_guessed", mine))) == 401);       // wrong token
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.revoked_token, mine))) == 401);    // revoked
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.other_hall_token, mine))) == 403); // another hall's kiosk
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.other_kiosk_token, mine))) == 403);// same hall, other kiosk_id
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.queue_token, mine))) == 403);      // queue role may not push
    // Audit rows only as the kiosk itself: another kiosk's audit row in an otherwise good batch.
    const auto mixed = "{\"records\":[" + audit_record(test::kHall, test::kKiosk) + "," + audit_record(test::kHall, "kiosk-02") + "]}";
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, mixed))) == 403);
    // A kiosk may not publish the hall's queue.
    CHECK(status_of(roundtrip(port, post(wire::kPathQueue, h.fx.token, R"({"windows":[]})"))) == 403);
    CHECK(h.stored() == 0);
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, mine))) == 200);
    CHECK(h.stored() == 1);
    CHECK(alive(port));
}

TEST_CASE("oversized bodies by Content-Length, chunked and gzip-compressed are refused, gzip is capped as it decodes", "[abuse]") {
    AbuseHub h;
    const int port = h.port();
    for (std::size_t mb : {10u, 100u}) {
        // Only the head is sent: the hub must answer from Content-Length alone.
        const auto head = "POST /api/v1/records HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + h.fx.token +
                          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(mb << 20) + "\r\n\r\n";
        INFO(mb << " MB by Content-Length");
        CHECK(status_of(roundtrip(port, head)) == 413);
        INFO(mb << " MB chunked");
        CHECK(chunked_post(port, h.fx.token, mb << 20) == 413);
    }
    // Bombs: 10 MB and 100 MB of JSON-ish filler that gzip shrinks to a few hundred KB, well
    // under the cap as sent; the hub must stop decoding at the cap.
    for (std::size_t mb : {10u, 100u}) {
        const auto bomb = gzip("{\"records\":[" + std::string(mb << 20, ' ') + "]}");
        INFO(mb << " MB gzip bomb, " << bomb.size() << " bytes as sent");
        CHECK(bomb.size() < (1u << 20));
        CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, bomb, "Content-Encoding: gzip\r\n"))) == 413);
    }
    INFO("a truncated and a corrupt gzip body");
    const auto good = gzip(batch_of(audit_record(test::kHall, test::kKiosk), 1));
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, good.substr(0, good.size() / 2), "Content-Encoding: gzip\r\n"))) == 400);
    auto corrupt = good;
    corrupt[corrupt.size() / 2] = static_cast<char>(corrupt[corrupt.size() / 2] ^ 0x5a);
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, corrupt, "Content-Encoding: gzip\r\n"))) == 400);
    INFO("an encoding the hub does not decode");
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, good, "Content-Encoding: br\r\n"))) == 415);
    CHECK(h.stored() == 0);
    INFO("a well-formed gzip batch is decoded and stored");
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, good, "Content-Encoding: gzip\r\n"))) == 200);
    CHECK(h.stored() == 1);
    CHECK(alive(port));
}

TEST_CASE("deep nesting, huge batches, invalid UTF-8 and a 1 MB header are refused", "[abuse]") {
    AbuseHub h;
    const int port = h.port();
    for (std::size_t depth : {10000u, 1000000u}) {
        INFO("nesting " << depth);
        // Inside a record, as the crash in issue #13 was: {"records":[{..., "x": [[[[...]]]]}]}
        const auto body = "{\"records\":[{\"kind\":\"audit\",\"x\":" + std::string(depth, '[') + std::string(depth, ']') + "}]}";
        CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, body))) == 400);
    }
    INFO("10,000 records in one batch");
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, batch_of(audit_record(test::kHall, test::kKiosk), 10000)))) == 413);
    INFO("invalid UTF-8");
    auto bad = audit_record(test::kHall, test::kKiosk);
    bad.replace(bad.find("abuse"), 5, "\xc3\x28\xff\xfe\x80");
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, batch_of(bad, 1)))) == 400);
    INFO("a 1 MB header");
    const auto big_head = post(wire::kPathRecords, h.fx.token, batch_of(audit_record(test::kHall, test::kKiosk), 1),
                               "X-Filler: " + std::string(1 << 20, 'a') + "\r\n");
    CHECK(status_of(roundtrip(port, big_head)) == 431);
    INFO("strict schema: unknown field, fake UUID, free-text time");
    for (const auto& [k, v] : std::vector<std::pair<std::string, json>>{
             {"extra", "x"}, {"uuid", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"}, {"at", "yesterday, around noon, more or less"}}) {
        auto r = json::parse(audit_record(test::kHall, test::kKiosk));
        r[k] = v;
        const auto reply = roundtrip(port, post(wire::kPathRecords, h.fx.token, batch_of(r.dump(), 1)));
        CHECK(status_of(reply) == 200);
        CHECK(reply.find("\"rejected\"") != std::string::npos);
    }
    CHECK(h.stored() == 0);
    CHECK(alive(port));
}

TEST_CASE("a flooding token gets 429 with Retry-After, others are unaffected", "[abuse]") {
    AbuseHub h({"--rate-limit", "5", "--rate-burst", "10"});
    const int port = h.port();
    int limited = 0;
    std::string retry_after;
    for (int i = 0; i < 40; ++i) {
        const auto r = roundtrip(port, "GET /api/v1/queue HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + h.other_kiosk_token + "\r\n\r\n");
        if (status_of(r) == 429) {
            ++limited;
            if (auto p = r.find("Retry-After: "); p != std::string::npos) retry_after = r.substr(p + 13, r.find("\r\n", p) - p - 13);
        }
    }
    CHECK(limited >= 20);
    CHECK(std::atoi(retry_after.c_str()) >= 1);
    CHECK(status_of(roundtrip(port, post(wire::kPathRecords, h.fx.token, batch_of(audit_record(test::kHall, test::kKiosk), 1)))) == 200);
    CHECK(h.stored() == 1);
}

TEST_CASE("slow and idle clients are cut at the head deadline and the per-address cap holds", "[abuse]") {
    AbuseHub h({"--head-timeout", "2", "--max-connections-per-ip", "20"});
    const int port = h.port();
    const int idle = connect_to(port, "127.0.0.2");
    const int loris = connect_to(port, "127.0.0.2");
    REQUIRE(idle >= 0);
    REQUIRE(loris >= 0);
    // The slow loris sends a byte every 500 ms: never idle, never done.
    const std::string head = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(100, 'a');
    bool loris_cut = false;
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < head.size() && Clock::now() - t0 < std::chrono::seconds(8); ++i) {
        if (!send_all(loris, head.substr(i, 1), 500) || closed_by_peer(loris, 500)) {
            loris_cut = true;
            break;
        }
    }
    const double cut_after = std::chrono::duration<double>(Clock::now() - t0).count();
    CHECK(loris_cut);
    CHECK(cut_after < 5);
    CHECK(closed_by_peer(idle, 2000));
    ::close(idle);
    ::close(loris);
    // 40 connections from one address: at most 20 stay open.
    std::vector<int> fds;
    for (int i = 0; i < 40; ++i) fds.push_back(connect_to(port, "127.0.0.3"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    int open = 0;
    for (int fd : fds)
        if (fd >= 0 && !closed_by_peer(fd, 20)) ++open;
    CHECK(open <= 20);
    CHECK(open >= 10);
    for (int fd : fds)
        if (fd >= 0) ::close(fd);
    CHECK(alive(port));
}

TEST_CASE("500 idle and 200 slow-loris connections for 20 s: a real kiosk is still answered within 2 s", "[abuse][hold]") {
    // The attackers come from other loopback addresses; the cap per address is raised so
    // all 700 are really held by the hub (the worker model, not the cap, is under test).
    AbuseHub h({"--max-connections-per-ip", "2000", "--head-timeout", "30"});
    const int port = h.port();
    std::vector<int> idle, loris;
    for (int i = 0; i < 500; ++i) idle.push_back(connect_to(port, "127.0.0.2"));
    for (int i = 0; i < 200; ++i) loris.push_back(connect_to(port, "127.0.0.4"));
    CHECK(std::count(idle.begin(), idle.end(), -1) == 0);
    CHECK(std::count(loris.begin(), loris.end(), -1) == 0);
    std::atomic<bool> stop{false};
    std::thread trickle([&] {
        const std::string head = "POST /api/v1/records HTTP/1.1\r\nHost: x\r\nX-Slow: ";
        for (std::size_t i = 0; !stop; i = (i + 1) % head.size()) {
            for (int fd : loris)
                if (fd >= 0) ::send(fd, head.data() + i, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
            for (int k = 0; k < 10 && !stop; ++k) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    // The real kiosk: three complaints a second through the sync client, for 20 s.
    Db kdb(h.fx.kiosk_db);
    migrate(kdb);
    FeedbackStore feedback(kdb);
    sync::SyncEngine engine(kdb, h.fx.settings(h.hub->url()), test::quick_engine());
    double worst_ms = 0;
    int pushes = 0, acknowledged = 0;
    const auto t0 = Clock::now();
    while (Clock::now() - t0 < std::chrono::seconds(20)) {
        for (int i = 0; i < 3; ++i) feedback.insert(test::sample_feedback(pushes * 3 + i));
        const auto s0 = Clock::now();
        const auto rep = engine.push_outbox();
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - s0).count();
        CHECK(rep.error.empty());
        acknowledged += static_cast<int>(rep.acknowledged);
        worst_ms = std::max(worst_ms, ms);
        ++pushes;
        std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    }
    stop = true;
    trickle.join();
    INFO("slowest kiosk answer " << worst_ms << " ms over " << pushes << " pushes");
    CHECK(worst_ms < 2000);
    CHECK(pushes >= 15);
    CHECK(acknowledged == pushes * 3);
    CHECK(h.stored() == pushes * 3);
    for (int fd : idle)
        if (fd >= 0) ::close(fd);
    for (int fd : loris)
        if (fd >= 0) ::close(fd);
    CHECK(alive(port));
}
