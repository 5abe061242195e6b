#include "hub/hub_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "core/ids.h"
#include "hub/group_commit.h"
#include "hub/gzip_body.h"
#include "hub/rate_limit.h"
#include "protocol/api.h"
#include "protocol/signing.h"

namespace hall::hub {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

const std::vector<RouteInfo>& hub_routes() {
    static const std::vector<RouteInfo> routes = {
        {"GET", wire::kPathHealth, {200}},
        {"POST", wire::kPathRecords, {200, 400, 401, 403, 413, 415, 429, 503}},
        {"GET", wire::kPathBundle, {200, 304, 401, 403, 404, 429}},
        {"GET", wire::kPathQueue, {200, 401, 403, 404, 429}},
        {"POST", wire::kPathQueue, {200, 400, 401, 403, 413, 415, 429}},
        {"POST", wire::kPathHeartbeat, {200, 400, 401, 403, 413, 415, 429}},
    };
    return routes;
}

namespace {

std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool is_loopback_host(const std::string& host) {
    in_addr a{};
    return host == "localhost" || host == "::1" || host == "[::1]" ||
           (inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127);
}

// One request while its head and body arrive (MHD's per-request context).
struct Pending {
    HttpRequest req;
    std::optional<HttpResponse> early;  // a limit was hit: answered without dispatching
    std::optional<HttpResponse> answer; // the handler pool's answer, sent when MHD resumes us
    bool close = false;                 // last request of this keep-alive connection
    std::unique_ptr<hub::GzipBody> gzip;  // Content-Encoding: gzip, decoded as it arrives
    std::size_t wire_bytes = 0;         // body bytes as sent (compressed), capped as well
};

}  // namespace

// Tracks last_seen without a write per request: at most one update per kiosk per minute
// (silence is judged in minutes), and those are written in one transaction every few
// seconds by the reaper thread, never by a request (a queue poll must not wait on a commit).
struct HubServer::Seen {
    // True when this name's last_seen is due; its time is then kept for the next flush.
    bool due(const std::string& name) {
        std::lock_guard lk(mu_);
        const auto now = Clock::now();
        auto it = last_.find(name);
        if (it != last_.end() && now - it->second < std::chrono::seconds(60)) return false;
        last_[name] = now;
        pending_.emplace_back(name, now_iso_utc());
        return true;
    }
    std::vector<std::pair<std::string, std::string>> take() {
        std::lock_guard lk(mu_);
        return std::exchange(pending_, {});
    }
private:
    std::mutex mu_;
    std::unordered_map<std::string, Clock::time_point> last_;
    std::vector<std::pair<std::string, std::string>> pending_;
};

// Connection bookkeeping for the deadlines MHD does not have itself: MHD's timeout is an
// inactivity timeout, so a client trickling one byte a second (slow loris) would keep a
// connection forever. A reaper thread shuts such sockets down; MHD then closes them.
struct HubServer::Front {
    struct Conn {
        int fd = -1;
        bool in_request = false;       // head complete, answer not yet sent
        Clock::time_point since;       // phase start: opened/answered, or head complete
        unsigned served = 0;
        bool streaming = false;        // a streamed answer is going out: MHD's inactivity timeout guards it
    };
    MHD_Daemon* daemon = nullptr;
    const HubOptions* opts = nullptr;
    Router* routes = nullptr;
    std::mutex mu;
    std::unordered_map<MHD_Connection*, Conn> conns;
    std::thread reaper;
    std::mutex reaper_mu;
    std::condition_variable reaper_cv;
    bool stopping = false;
    std::function<void()> housekeeping;  // every few seconds and once at stop (last_seen flush)

    // Handlers (store calls: an fsync, a PostgreSQL round trip) run on this pool, not on the
    // epoll workers: the connection waits suspended, and every other connection of its worker
    // goes on being served (a queue poll no longer waits behind another kiosk's commit).
    // Two lanes: reads (GET: queue polls, bundles, console pages) are never queued behind
    // writes (a push's commit waits on the disk); writes may hold all threads but
    // reserved_for_reads, so a burst of pushes cannot take the threads a poll needs.
    struct Job {
        MHD_Connection* conn;
        Pending* pending;
        bool write;
    };
    std::mutex jobs_mu;
    std::condition_variable jobs_cv, drained_cv;
    std::deque<Job> reads, writes;
    unsigned writers_busy = 0, max_writers = 0;
    std::size_t in_flight = 0;     // submitted and not yet resumed
    bool draining = false;         // stopping: handle inline, suspend nothing new
    bool pool_stop = false;
    std::vector<std::thread> handlers;

    // False when the pool no longer takes work (the caller handles the request inline).
    bool submit(MHD_Connection* c, Pending* p);
    void handle_jobs();
    void drain() {
        std::unique_lock lk(jobs_mu);
        draining = true;
        drained_cv.wait(lk, [&] { return in_flight == 0; });
    }
    void stop_pool() {
        {
            std::lock_guard lk(jobs_mu);
            pool_stop = true;
        }
        jobs_cv.notify_all();
        for (auto& t : handlers) t.join();
        handlers.clear();
    }

    void reap() {
        std::unique_lock lk(reaper_mu);
        auto next_housekeeping = Clock::now() + std::chrono::seconds(5);
        while (!reaper_cv.wait_for(lk, std::chrono::milliseconds(250), [&] { return stopping; })) {
            const auto now = Clock::now();
            if (housekeeping && now >= next_housekeeping) {
                housekeeping();
                next_housekeeping = now + std::chrono::seconds(5);
            }
            const auto head = std::chrono::seconds(opts->head_timeout_s), whole = std::chrono::seconds(opts->request_timeout_s);
            std::lock_guard g(mu);
            // shutdown(), not close(): MHD still owns the descriptor and closes it itself; the
            // entry is erased (under mu) before MHD closes, so the fd is never a reused one.
            for (auto& [c, k] : conns)
                if (k.fd >= 0 && !k.streaming && now - k.since > (k.in_request ? whole : head)) {
                    ::shutdown(k.fd, SHUT_RDWR);
                    k.fd = -1;
                }
        }
    }
};

namespace {

using Front = HubServer::Front;

void on_connection(void* cls, MHD_Connection* c, void**, MHD_ConnectionNotificationCode code) {
    auto* f = static_cast<Front*>(cls);
    std::lock_guard g(f->mu);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        f->conns[c] = {info ? info->connect_fd : -1, false, Clock::now(), 0};
    } else {
        f->conns.erase(c);
    }
}

void on_completed(void* cls, MHD_Connection* c, void** con_cls, MHD_RequestTerminationCode) {
    auto* f = static_cast<Front*>(cls);
    delete static_cast<Pending*>(*con_cls);
    *con_cls = nullptr;
    std::lock_guard g(f->mu);
    auto it = f->conns.find(c);
    if (it != f->conns.end()) {
        it->second.in_request = false;
        it->second.streaming = false;
        it->second.since = Clock::now();
    }
}

// A streamed answer may take longer than the whole-request deadline (a large export to a slow
// client); while the client keeps reading, MHD's inactivity timeout is the guard.
void mark_streaming(Front* f, MHD_Connection* c, const HttpResponse& out) {
    if (!out.stream) return;
    std::lock_guard g(f->mu);
    auto it = f->conns.find(c);
    if (it != f->conns.end()) it->second.streaming = true;
}

MHD_Result collect(void* cls, MHD_ValueKind, const char* key, const char* value) {
    auto* m = static_cast<std::map<std::string, std::string>*>(cls);
    std::string k = key ? key : "";
    for (auto& ch : k) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    (*m)[k] = value ? value : "";
    return MHD_YES;
}

MHD_Result collect_query(void* cls, MHD_ValueKind, const char* key, const char* value) {
    (*static_cast<std::map<std::string, std::string>*>(cls))[key ? key : ""] = value ? value : "";
    return MHD_YES;
}

std::string peer_of(MHD_Connection* c) {
    const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return "";
    char buf[INET6_ADDRSTRLEN] = {};
    if (info->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(info->client_addr)->sin_addr, buf, sizeof buf);
    else if (info->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(info->client_addr)->sin6_addr, buf, sizeof buf);
    return buf;
}

// A streamed body (HttpResponse::stream): the piece in hand and the producer of the next.
struct StreamState {
    std::string piece;
    std::size_t at = 0;
    std::function<std::string()> next;
    bool ended = false;
};

ssize_t read_stream(void* cls, uint64_t, char* buf, size_t max) {
    auto* s = static_cast<StreamState*>(cls);
    try {
        while (s->at == s->piece.size()) {
            if (s->ended) return MHD_CONTENT_READER_END_OF_STREAM;
            s->piece = s->next();
            s->at = 0;
            if (s->piece.empty()) s->ended = true;
        }
    } catch (const std::exception& e) {
        spdlog::error("streamed response: {}", e.what());
        return MHD_CONTENT_READER_END_WITH_ERROR;
    } catch (...) {
        return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    const auto n = std::min(max, s->piece.size() - s->at);
    std::memcpy(buf, s->piece.data() + s->at, n);
    s->at += n;
    return static_cast<ssize_t>(n);
}

void free_stream(void* cls) { delete static_cast<StreamState*>(cls); }

MHD_Result send(MHD_Connection* c, const HttpResponse& out, bool close) {
    MHD_Response* r = nullptr;
    if (out.stream) {
        auto* st = new StreamState{out.body, 0, out.stream, false};
        r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, &read_stream, st, &free_stream);
        if (!r) delete st;
    } else {
        r = MHD_create_response_from_buffer(out.body.size(), const_cast<char*>(out.body.data()), MHD_RESPMEM_MUST_COPY);
    }
    if (!r) return MHD_NO;
    if (!out.content_type.empty()) MHD_add_response_header(r, "Content-Type", out.content_type.c_str());
    for (const auto& [k, v] : out.headers) MHD_add_response_header(r, k.c_str(), v.c_str());
    if (close) MHD_add_response_header(r, "Connection", "close");
    const auto ok = MHD_queue_response(c, static_cast<unsigned>(out.status), r);
    MHD_destroy_response(r);
    return ok;
}

HttpResponse dispatch(const Router& routes, HttpRequest& req) {
    try {
        return routes.handle(req);
    } catch (const HubStoreUnavailable& e) {
        // The database is away (PostgreSQL restarting): expected, brief, recovers by itself.
        spdlog::warn("{} {}: {}", req.method, req.path, e.what());
        auto r = HttpResponse::json_error(503, "hub database unavailable, retry later");
        r.set_header("Retry-After", "2");
        return r;
    } catch (const std::exception& e) {
        spdlog::error("{} {}: {}", req.method, req.path, e.what());
    } catch (...) {
        spdlog::error("{} {}: unknown error", req.method, req.path);
    }
    // The store failed (disk full, busy): nothing of this request was committed; try later.
    auto r = HttpResponse::json_error(503, "hub storage unavailable, retry later");
    r.set_header("Retry-After", "5");
    return r;
}

}  // namespace

bool HubServer::Front::submit(MHD_Connection* c, Pending* p) {
    {
        std::lock_guard lk(jobs_mu);
        if (draining || handlers.empty()) return false;
        ++in_flight;
        // Suspended before the job is visible: a handler may resume it at once.
        MHD_suspend_connection(c);
        const bool write = p->req.method != "GET" && p->req.method != "HEAD";
        (write ? writes : reads).push_back({c, p, write});
    }
    // One thread is enough: any idle thread may take a read, and a write too unless the write
    // lane is full, in which case the writer that finishes wakes one (no herd of 32 per job).
    jobs_cv.notify_one();
    return true;
}

void HubServer::Front::handle_jobs() {
    for (;;) {
        Job j{};
        {
            std::unique_lock lk(jobs_mu);
            const auto may_write = [&] { return !writes.empty() && writers_busy < max_writers; };
            jobs_cv.wait(lk, [&] { return pool_stop || !reads.empty() || may_write(); });
            if (!reads.empty()) {
                j = reads.front();
                reads.pop_front();
            } else if (may_write()) {
                j = writes.front();
                writes.pop_front();
                ++writers_busy;
            } else {
                return;  // stopping, nothing left that this thread may take
            }
        }
        try {
            j.pending->answer = dispatch(*routes, j.pending->req);
        } catch (...) {
            j.pending->answer = HttpResponse::json_error(503, "hub busy, retry later");
        }
        // After resume the connection (and its Pending) belong to MHD again: touch neither.
        MHD_resume_connection(j.conn);
        std::lock_guard lk(jobs_mu);
        if (j.write) {
            --writers_busy;
            if (!writes.empty()) jobs_cv.notify_one();
        }
        if (--in_flight == 0) drained_cv.notify_all();
    }
}

namespace {

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method, const char*, const char* upload_data,
                      size_t* upload_data_size, void** con_cls) {
    auto* f = static_cast<Front*>(cls);
    try {
        auto* p = static_cast<Pending*>(*con_cls);
        if (!p) {
            // The head is complete: the whole-request deadline starts now.
            bool close = false;
            {
                std::lock_guard g(f->mu);
                auto it = f->conns.find(c);
                if (it != f->conns.end()) {
                    it->second.in_request = true;
                    it->second.since = Clock::now();
                    close = ++it->second.served >= f->opts->keepalive_max_requests;
                }
            }
            p = new Pending;
            *con_cls = p;
            auto& req = p->req;
            req.method = method ? method : "";
            req.path = url ? url : "";
            MHD_get_connection_values(c, MHD_HEADER_KIND, collect, &req.headers);
            MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_query, &req.query);
            req.peer = peer_of(c);
            req.tls = !f->opts->tls_cert.empty();
            p->close = close;
            // Limits decidable from the head: answered before a byte of body is read.
            const auto& enc = req.header("content-encoding");
            if (hub::is_gzip_encoding(enc))
                p->gzip = std::make_unique<hub::GzipBody>(f->opts->max_body_bytes);
            else if (!enc.empty() && enc != "identity")
                p->early = HttpResponse::json_error(415, "Content-Encoding " + enc + " is not accepted; send gzip or no encoding");
            const auto& len = req.header("content-length");
            if (!len.empty()) {
                char* end = nullptr;
                errno = 0;
                const auto n = std::strtoull(len.c_str(), &end, 10);
                if (errno || *end || n > f->opts->max_body_bytes)
                    p->early = HttpResponse::json_error(413, "body larger than " + std::to_string(f->opts->max_body_bytes) + " bytes");
            }
            if (p->early) return send(c, *p->early, true);
            return MHD_YES;
        }
        if (*upload_data_size) {
            // Body bytes after chunked decoding: counted here whatever the framing said.
            // A gzip body is capped twice: as sent, and as it decodes (a small bomb decodes huge).
            if (!p->early) {
                const auto too_large = [&] {
                    p->early = HttpResponse::json_error(413, "body larger than " + std::to_string(f->opts->max_body_bytes) + " bytes");
                    std::string().swap(p->req.body);
                    p->gzip.reset();
                };
                p->wire_bytes += *upload_data_size;
                if (p->wire_bytes > f->opts->max_body_bytes) {
                    too_large();
                } else if (p->gzip) {
                    const auto st = p->gzip->feed(std::string_view(upload_data, *upload_data_size), p->req.body);
                    if (st == hub::GzipBody::State::TooLarge) {
                        too_large();
                    } else if (st == hub::GzipBody::State::Corrupt) {
                        p->early = HttpResponse::json_error(400, "the gzip body is corrupt");
                        std::string().swap(p->req.body);
                        p->gzip.reset();
                    }
                } else {
                    p->req.body.append(upload_data, *upload_data_size);
                }
            }
            *upload_data_size = 0;
            return MHD_YES;
        }
        if (p->gzip && !p->answer && p->gzip->finish() != hub::GzipBody::State::Done) {
            p->early = HttpResponse::json_error(400, "the gzip body ends before its stream does");
            std::string().swap(p->req.body);
        }
        if (p->early) return send(c, *p->early, true);
        if (p->answer) {  // resumed: the pool answered
            mark_streaming(f, c, *p->answer);
            return send(c, *p->answer, p->close);
        }
        if (f->submit(c, p)) return MHD_YES;
        const auto out = dispatch(*f->routes, p->req);
        mark_streaming(f, c, out);
        return send(c, out, p->close);
    } catch (...) {
        return MHD_NO;  // out of memory at worst: MHD drops this connection, the hub goes on
    }
}

void on_mhd_log(void*, const char* fmt, va_list ap) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    std::string s(buf);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    spdlog::debug("http: {}", s);
}

}  // namespace

HubServer::HubServer(HubStore& store, HubOptions opts)
    : store_(store), opts_(std::move(opts)), front_(std::make_unique<Front>()), seen_(std::make_shared<Seen>()),
      commits_(store.sql().is_postgres()
                   ? nullptr  // concurrent transactions on their own connections; grouping made them hold the
                              // console index's hot rows longer (ingest and push latency were worse, bench)
                   : std::make_unique<GroupCommit>([&store](const std::vector<RecordRow>& rows) { return store.put_records(rows); })) {
    if (opts_.tls_cert.empty() != opts_.tls_key.empty()) throw std::runtime_error("TLS needs both a certificate and a key");
    if (opts_.tls_cert.empty() && !opts_.allow_plain_http && !is_loopback_host(opts_.host))
        throw std::runtime_error("refusing to serve plain HTTP on " + opts_.host +
                                 ": give --tls-cert/--tls-key, or set allow-plain-http = true (e.g. behind a TLS proxy on this machine)");
    if (opts_.threads == 0) opts_.threads = 1;
    install_routes();
}

HubServer::~HubServer() {
    if (front_->daemon) MHD_stop_daemon(front_->daemon);
    if (listen_fd_ >= 0) ::close(listen_fd_);
    for (int fd : stop_pipe_)
        if (fd >= 0) ::close(fd);
}

int HubServer::bind() {
    addrinfo hints{}, *res = nullptr;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    std::string host = opts_.host;
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const auto port_s = std::to_string(opts_.port);
    if (getaddrinfo(host.empty() ? nullptr : host.c_str(), port_s.c_str(), &hints, &res) != 0 || !res)
        throw std::runtime_error("cannot resolve listen address " + opts_.host);
    int fd = ::socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
    const int on = 1;
    if (fd >= 0) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    const bool ok = fd >= 0 && ::bind(fd, res->ai_addr, res->ai_addrlen) == 0 && ::listen(fd, 1024) == 0;
    freeaddrinfo(res);
    if (!ok) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error("cannot listen on " + opts_.host + ":" + std::to_string(opts_.port));
    }
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
    listen_fd_ = fd;
    return ntohs(ss.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port : reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
}

void HubServer::run() {
    if (listen_fd_ < 0) throw std::runtime_error("bind() before run()");
    if (pipe2(stop_pipe_, O_CLOEXEC) != 0) throw std::runtime_error("cannot create the stop pipe");
    auto& f = *front_;
    f.opts = &opts_;
    f.routes = &routes_;
    std::string cert, key;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    if (!opts_.tls_cert.empty()) {
        cert = read_whole_file(opts_.tls_cert);
        key = read_whole_file(opts_.tls_key);
        flags |= MHD_USE_TLS;
    }
    std::vector<MHD_OptionItem> o = {
        {MHD_OPTION_LISTEN_SOCKET, listen_fd_, nullptr},
        {MHD_OPTION_THREAD_POOL_SIZE, static_cast<intptr_t>(opts_.threads), nullptr},
        {MHD_OPTION_CONNECTION_LIMIT, static_cast<intptr_t>(opts_.max_connections), nullptr},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(opts_.max_head_bytes), nullptr},
        // Inactivity: a connection sending nothing at all goes as soon as the head deadline would.
        {MHD_OPTION_CONNECTION_TIMEOUT, static_cast<intptr_t>(opts_.head_timeout_s), nullptr},
        {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&on_connection), &f},
        {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&on_completed), &f},
        {MHD_OPTION_EXTERNAL_LOGGER, reinterpret_cast<intptr_t>(&on_mhd_log), nullptr},
        // Strict HTTP/1.1 framing (no bare LF, no whitespace before colons): request
        // smuggling through a proxy in front needs a lenient parser.
        {MHD_OPTION_STRICT_FOR_CLIENT, 1, nullptr},
    };
    if (opts_.max_connections_per_ip) o.push_back({MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<intptr_t>(opts_.max_connections_per_ip), nullptr});
    if (!cert.empty()) {
        o.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, cert.data()});
        o.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, key.data()});
        o.push_back({MHD_OPTION_HTTPS_PRIORITIES, 0, const_cast<char*>("NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2")});
    }
    o.push_back({MHD_OPTION_END, 0, nullptr});
    f.daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &on_request, &f, MHD_OPTION_ARRAY, o.data(), MHD_OPTION_END);
    if (!f.daemon) throw std::runtime_error(cert.empty() ? "cannot start the HTTP server" : "cannot start the HTTPS server (certificate " + opts_.tls_cert + " / key " + opts_.tls_key + " unusable?)");
    f.housekeeping = [this] { flush_seen(); };
    f.reaper = std::thread([&f] { f.reap(); });
    // A quarter of the pool (at least one thread) is kept for reads when there are two or more.
    f.max_writers = opts_.handler_threads <= 1 ? opts_.handler_threads : opts_.handler_threads - std::max(1u, opts_.handler_threads / 4);
    for (unsigned i = 0; i < opts_.handler_threads; ++i) f.handlers.emplace_back([&f] { f.handle_jobs(); });
    // Wait for stop(): a byte on the pipe (async-signal-safe to send).
    for (;;) {
        char b;
        const auto n = ::read(stop_pipe_[0], &b, 1);
        if (n == 1 || (n < 0 && errno != EINTR)) break;
    }
    {
        std::lock_guard lk(f.reaper_mu);
        f.stopping = true;
    }
    f.reaper_cv.notify_all();
    f.reaper.join();
    if (f.housekeeping) f.housekeeping();
    // MHD must not be stopped with a connection suspended: let the pool answer what it has.
    f.drain();
    MHD_stop_daemon(f.daemon);
    f.daemon = nullptr;
    f.stop_pool();
}

void HubServer::stop() {
    if (stop_pipe_[1] >= 0) {
        const char b = 1;
        [[maybe_unused]] auto n = ::write(stop_pipe_[1], &b, 1);
    }
}

void HubServer::flush_seen() {
    auto batch = seen_->take();
    if (batch.empty()) return;
    try {
        store_.touch_many(batch);
    } catch (const std::exception& e) {
        // last_seen only lags (the next minute's requests bring it back); nothing else is lost.
        spdlog::warn("last_seen for {} kiosks not written: {}", batch.size(), e.what());
    }
}

void HubServer::install_routes() {
    auto seen = seen_;
    auto limiter = std::make_shared<RateLimiter>(opts_.rate_per_s, opts_.rate_burst);
    // Resolves the bearer token and checks the route's role; the error answer otherwise.
    auto auth = [this, seen, limiter](const HttpRequest& req, HttpResponse& res, std::initializer_list<const char*> roles) -> std::optional<Principal> {
        const auto& h = req.header("authorization");
        const std::string prefix = "Bearer ";
        if (h.rfind(prefix, 0) != 0 || h.size() == prefix.size() || h.size() > 512) {
            res = HttpResponse::json_error(401, "missing bearer token");
            return std::nullopt;
        }
        const auto hash = wire::blake2b_hex(h.substr(prefix.size()));
        // Counted before the lookup: guessing tokens costs the same budget as using one.
        if (auto wait = limiter->take(hash)) {
            res = HttpResponse::json_error(429, "too many requests for this token");
            res.set_header("Retry-After", std::to_string(*wait));
            return std::nullopt;
        }
        auto m = store_.match_token(hash, now_iso_utc());
        if (!m) {
            res = HttpResponse::json_error(401, "unknown, revoked or expired token");
            return std::nullopt;
        }
        const auto* p = &m->who;
        bool allowed = false;
        for (const char* r : roles) allowed = allowed || p->role == r;
        if (!allowed) {
            res = HttpResponse::json_error(403, "a " + p->role + " token may not use " + req.method + " " + req.path);
            return std::nullopt;
        }
        seen->due(p->name);
        // Rotation: the previous token still works for a while and fetches the new one; the
        // new token's first use ends the grace period (docs/sync.md).
        if (m->previous_token && !m->new_token.empty()) res.set_header(kNewTokenHeader, m->new_token);
        else if (!m->previous_token && !m->new_token.empty()) store_.finish_rotation(p->name);
        return m->who;
    };
    // A request body as JSON, bounded in size (the front) and depth (before any tree is built).
    auto body_json = [](const HttpRequest& req, HttpResponse& res) -> std::optional<json> {
        std::string why;
        auto j = wire::parse_bounded_json(req.body, wire::kMaxJsonDepth, why);
        if (!j) res = HttpResponse::json_error(400, why);
        return j;
    };

    routes_.add("GET", wire::kPathHealth, [](HttpRequest&) {
        HttpResponse r;
        r.body = R"({"status":"ok"})";
        return r;
    });

    routes_.add("POST", wire::kPathRecords, [this, auth, body_json](HttpRequest& req) {
        HttpResponse res;
        auto who = auth(req, res, {"kiosk"});
        if (!who) return res;
        auto body = body_json(req, res);
        if (!body) return res;
        if (!body->is_object() || !body->contains("records") || !(*body)["records"].is_array()) {
            return HttpResponse::json_error(400, "body must be a JSON object {\"records\": [...]}");
        }
        const auto& recs = (*body)["records"];
        if (recs.size() > wire::kMaxBatchRecords)
            return HttpResponse::json_error(413, "at most " + std::to_string(wire::kMaxBatchRecords) + " records per batch");
        const auto now = now_iso_utc();
        std::vector<wire::RecordResult> results(recs.size());
        std::vector<RecordRow> rows;
        std::vector<std::size_t> row_index;  // rows[i] answers results[row_index[i]]
        for (std::size_t i = 0; i < recs.size(); ++i) {
            const auto& r = recs[i];
            results[i].uuid = r.is_object() && r.contains("uuid") && r["uuid"].is_string() ? r["uuid"].get<std::string>() : "";
            if (results[i].uuid.size() > 64) results[i].uuid.resize(64);
            std::string why;
            auto v = wire::validate_record(r, why);
            if (!v) {
                results[i].status = wire::RecordStatus::Rejected;
                results[i].reason = why;
                continue;
            }
            // A kiosk writes as itself, in its own hall, only; a batch that tries otherwise is refused whole.
            if (v->hall_id != who->hall_id || v->kiosk_id != who->name) {
                spdlog::warn("kiosk {} (hall {}) pushed a record as kiosk {} of hall {}", who->name, who->hall_id, v->kiosk_id, v->hall_id);
                return HttpResponse::json_error(403, "record " + v->uuid + " is written as kiosk " + v->kiosk_id + " of hall " + v->hall_id +
                                                         "; this token is kiosk " + who->name + " of hall " + who->hall_id);
            }
            if (v->canonical.size() > wire::kMaxRecordBytes) {
                results[i].status = wire::RecordStatus::Rejected;
                results[i].reason = "record too large";
                continue;
            }
            rows.push_back({v->uuid, v->kind, v->hall_id, v->kiosk_id, v->created_at, std::move(v->canonical), who->name, now});
            row_index.push_back(i);
        }
        const auto outcomes = rows.empty() ? std::vector<PutOutcome>{} : commits_ ? commits_->put(std::move(rows)) : store_.put_records(rows);
        for (std::size_t k = 0; k < outcomes.size(); ++k)
            results[row_index[k]].status = outcomes[k] == PutOutcome::Stored ? wire::RecordStatus::Stored : wire::RecordStatus::Duplicate;
        // Echoed uuids and reasons are cut to 64 bytes, maybe inside a character: replaced, not thrown.
        res.body = wire::push_reply_to_json(results).dump(-1, ' ', false, json::error_handler_t::replace);
        return res;
    });

    routes_.add("GET", wire::kPathBundle, [this, auth](HttpRequest& req) {
        HttpResponse res;
        auto who = auth(req, res, {"kiosk"});
        if (!who) return res;
        auto b = store_.latest_bundle(who->hall_id);
        if (!b) return HttpResponse::json_error(404, "no bundle published for hall " + who->hall_id);
        res.set_header("ETag", b->etag);
        if (req.header("if-none-match") == b->etag) {
            res.status = 304;
            res.content_type.clear();
            return res;
        }
        res.body = b->envelope;
        return res;
    });

    routes_.add("GET", wire::kPathQueue, [this, auth](HttpRequest& req) {
        HttpResponse res;
        auto who = auth(req, res, {"kiosk", "queue"});
        if (!who) return res;
        auto q = store_.queue(who->hall_id);
        if (!q) return HttpResponse::json_error(404, "no queue status for hall " + who->hall_id);
        res.body = q->snapshot;
        return res;
    });

    routes_.add("POST", wire::kPathQueue, [this, auth, body_json](HttpRequest& req) {
        HttpResponse res;
        auto who = auth(req, res, {"queue"});
        if (!who) return res;
        auto body = body_json(req, res);
        if (!body) return res;
        std::string why;
        auto q = wire::queue_from_json(*body, why);
        if (!q) return HttpResponse::json_error(400, why);
        store_.put_queue({who->hall_id, wire::queue_to_json(*q).dump(), now_iso_utc()});
        res.body = R"({"ok":true})";
        return res;
    });

    routes_.add("POST", wire::kPathHeartbeat, [this, auth, body_json](HttpRequest& req) {
        HttpResponse res;
        auto who = auth(req, res, {"kiosk"});
        if (!who) return res;
        auto body = body_json(req, res);
        if (!body) return res;
        std::string why;
        auto h = wire::heartbeat_from_json(*body, why);
        if (!h) return HttpResponse::json_error(400, why);
        store_.put_heartbeat(who->name, wire::heartbeat_to_json(*h).dump(), now_iso_utc());
        res.body = R"({"ok":true})";
        return res;
    });
}

}  // namespace hall::hub
