#include "hub/hub_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

#include "core/ids.h"
#include "protocol/api.h"
#include "protocol/signing.h"
#include "store/database.h"

namespace hall::hub {

using nlohmann::json;

const std::vector<RouteInfo>& hub_routes() {
    static const std::vector<RouteInfo> routes = {
        {"GET", wire::kPathHealth, {200}},
        {"POST", wire::kPathRecords, {200, 400, 401, 403, 413, 503}},
        {"GET", wire::kPathBundle, {200, 304, 401, 403, 404}},
        {"GET", wire::kPathQueue, {200, 401, 404}},
        {"POST", wire::kPathQueue, {200, 400, 401, 403}},
        {"POST", wire::kPathHeartbeat, {200, 400, 401, 403}},
    };
    return routes;
}

namespace {

void reply_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(json{{"error", message}}.dump(), "application/json");
}

// Tracks last_seen without a write per request: at most one touch per kiosk per 10 s.
class SeenCache {
public:
    bool due(const std::string& name) {
        std::lock_guard lk(mu_);
        const auto now = std::chrono::steady_clock::now();
        auto it = last_.find(name);
        if (it != last_.end() && now - it->second < std::chrono::seconds(10)) return false;
        last_[name] = now;
        return true;
    }
private:
    std::mutex mu_;
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> last_;
};

}  // namespace

HubServer::HubServer(HubStore& store, HubOptions opts) : store_(store), opts_(std::move(opts)) {
    if (!opts_.tls_cert.empty() || !opts_.tls_key.empty()) {
        if (opts_.tls_cert.empty() || opts_.tls_key.empty())
            throw std::runtime_error("TLS needs both a certificate and a key");
        auto ssl = std::make_unique<httplib::SSLServer>(opts_.tls_cert.c_str(), opts_.tls_key.c_str());
        if (!ssl->is_valid()) throw std::runtime_error("cannot load TLS certificate " + opts_.tls_cert + " / key " + opts_.tls_key);
        srv_ = std::move(ssl);
    } else {
        srv_ = std::make_unique<httplib::Server>();
    }
    srv_->set_payload_max_length(opts_.max_body_bytes);
    srv_->set_read_timeout(10, 0);
    srv_->set_write_timeout(10, 0);
    srv_->set_keep_alive_max_count(1000);  // a kiosk draining a backlog keeps one connection
    srv_->set_tcp_nodelay(true);  // headers and body go out as separate writes: no Nagle wait between them
    install_routes();
}

HubServer::~HubServer() = default;

int HubServer::bind() {
    int port = opts_.port == 0 ? srv_->bind_to_any_port(opts_.host) : (srv_->bind_to_port(opts_.host, opts_.port) ? opts_.port : -1);
    if (port <= 0) throw std::runtime_error("cannot listen on " + opts_.host + ":" + std::to_string(opts_.port));
    return port;
}

void HubServer::run() { srv_->listen_after_bind(); }
void HubServer::stop() { srv_->stop(); }

void HubServer::install_routes() {
    auto seen = std::make_shared<SeenCache>();
    // Resolves the bearer token; answers 401 itself when there is none or it is unknown.
    auto auth = [this, seen](const httplib::Request& req, httplib::Response& res, const char* role) -> std::optional<Principal> {
        const auto h = req.get_header_value("Authorization");
        const std::string prefix = "Bearer ";
        if (h.rfind(prefix, 0) != 0 || h.size() == prefix.size()) {
            reply_error(res, 401, "missing bearer token");
            return std::nullopt;
        }
        auto p = store_.principal_by_token_hash(wire::blake2b_hex(h.substr(prefix.size())));
        if (!p) {
            reply_error(res, 401, "unknown token");
            return std::nullopt;
        }
        if (role && p->role != role) {
            reply_error(res, 403, "this token may not use " + req.path);
            return std::nullopt;
        }
        if (seen->due(p->name)) store_.touch(p->name, now_iso_utc());
        return p;
    };

    srv_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
            std::rethrow_exception(ep);
        } catch (const HubStoreUnavailable& e) {
            // The database is away (PostgreSQL restarting): expected, brief, recovers by itself.
            spdlog::warn("{} {}: {}", req.method, req.path, e.what());
            res.set_header("Retry-After", "2");
            reply_error(res, 503, "hub database unavailable, retry later");
            return;
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        spdlog::error("{} {}: {}", req.method, req.path, what);
        // The store failed (disk full, busy): nothing of this request was committed; try later.
        res.set_header("Retry-After", "5");
        reply_error(res, 503, "hub storage unavailable, retry later");
    });

    srv_->Get(wire::kPathHealth, [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"ok"})", "application/json");
    });

    srv_->Post(wire::kPathRecords, [this, auth](const httplib::Request& req, httplib::Response& res) {
        auto who = auth(req, res, "kiosk");
        if (!who) return;
        auto body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object() || !body.contains("records") || !body["records"].is_array()) {
            reply_error(res, 400, "body must be a JSON object {\"records\": [...]}");
            return;
        }
        const auto& recs = body["records"];
        if (recs.size() > wire::kMaxBatchRecords) {
            reply_error(res, 413, "at most " + std::to_string(wire::kMaxBatchRecords) + " records per batch");
            return;
        }
        const auto now = now_iso_utc();
        std::vector<wire::RecordResult> results(recs.size());
        std::vector<RecordRow> rows;
        std::vector<std::size_t> row_index;  // rows[i] answers results[row_index[i]]
        for (std::size_t i = 0; i < recs.size(); ++i) {
            const auto& r = recs[i];
            results[i].uuid = r.is_object() && r.contains("uuid") && r["uuid"].is_string() ? r["uuid"].get<std::string>() : "";
            std::string why;
            auto v = wire::validate_record(r, why);
            if (!v) {
                results[i].status = wire::RecordStatus::Rejected;
                results[i].reason = why;
                continue;
            }
            // A kiosk writes its own hall's data only; a batch that tries otherwise is refused whole.
            if (v->hall_id != who->hall_id) {
                spdlog::warn("kiosk {} (hall {}) pushed a record for hall {}", who->name, who->hall_id, v->hall_id);
                reply_error(res, 403, "record " + v->uuid + " belongs to hall " + v->hall_id + ", not to this kiosk's hall " + who->hall_id);
                return;
            }
            auto payload = r.dump();
            if (payload.size() > wire::kMaxRecordBytes) {
                results[i].status = wire::RecordStatus::Rejected;
                results[i].reason = "record too large";
                continue;
            }
            rows.push_back({v->uuid, v->kind, v->hall_id, v->kiosk_id, v->created_at, std::move(payload), who->name, now});
            row_index.push_back(i);
        }
        const auto outcomes = store_.put_records(rows);
        for (std::size_t k = 0; k < outcomes.size(); ++k)
            results[row_index[k]].status = outcomes[k] == PutOutcome::Stored ? wire::RecordStatus::Stored : wire::RecordStatus::Duplicate;
        res.set_content(wire::push_reply_to_json(results).dump(), "application/json");
    });

    srv_->Get(wire::kPathBundle, [this, auth](const httplib::Request& req, httplib::Response& res) {
        auto who = auth(req, res, "kiosk");
        if (!who) return;
        auto b = store_.latest_bundle(who->hall_id);
        if (!b) {
            reply_error(res, 404, "no bundle published for hall " + who->hall_id);
            return;
        }
        res.set_header("ETag", b->etag);
        if (req.get_header_value("If-None-Match") == b->etag) {
            res.status = 304;
            return;
        }
        res.set_content(b->envelope, "application/json");
    });

    srv_->Get(wire::kPathQueue, [this, auth](const httplib::Request& req, httplib::Response& res) {
        auto who = auth(req, res, nullptr);
        if (!who) return;
        auto q = store_.queue(who->hall_id);
        if (!q) {
            reply_error(res, 404, "no queue status for hall " + who->hall_id);
            return;
        }
        res.set_content(q->snapshot, "application/json");
    });

    srv_->Post(wire::kPathQueue, [this, auth](const httplib::Request& req, httplib::Response& res) {
        auto who = auth(req, res, "queue");
        if (!who) return;
        std::string why;
        auto body = json::parse(req.body, nullptr, false);
        auto q = body.is_discarded() ? std::nullopt : wire::queue_from_json(body, why);
        if (!q) {
            reply_error(res, 400, body.is_discarded() ? "body is not JSON" : why);
            return;
        }
        store_.put_queue({who->hall_id, wire::queue_to_json(*q).dump(), now_iso_utc()});
        res.set_content(R"({"ok":true})", "application/json");
    });

    srv_->Post(wire::kPathHeartbeat, [this, auth](const httplib::Request& req, httplib::Response& res) {
        auto who = auth(req, res, "kiosk");
        if (!who) return;
        std::string why;
        auto body = json::parse(req.body, nullptr, false);
        auto h = body.is_discarded() ? std::nullopt : wire::heartbeat_from_json(body, why);
        if (!h) {
            reply_error(res, 400, body.is_discarded() ? "body is not JSON" : why);
            return;
        }
        store_.put_heartbeat(who->name, wire::heartbeat_to_json(*h).dump(), now_iso_utc());
        res.set_content(R"({"ok":true})", "application/json");
    });
    // Everything else goes to the library-neutral router (console routes); 404/405 there.
    auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
        HttpRequest r;
        r.method = req.method;
        r.path = req.path;
        for (const auto& [k, v] : req.params) r.query[k] = v;
        for (const auto& [k, v] : req.headers) {
            std::string lower = k;
            for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            r.headers[lower] = v;
        }
        r.body = req.body;
        r.peer = req.remote_addr;
        r.tls = !opts_.tls_cert.empty();
        auto out = extra_.handle(r);
        res.status = out.status;
        for (const auto& [k, v] : out.headers) res.set_header(k, v);
        res.set_content(out.body, out.content_type);
    };
    srv_->Get(R"(/.*)", dispatch);
    srv_->Post(R"(/.*)", dispatch);
    srv_->Put(R"(/.*)", dispatch);
    srv_->Delete(R"(/.*)", dispatch);
    srv_->Patch(R"(/.*)", dispatch);
}

}  // namespace hall::hub
