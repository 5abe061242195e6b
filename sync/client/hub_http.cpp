#include "client/hub_http.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace hall::sync {
namespace {

struct Transfer {
    HttpReply* reply;
    std::size_t cap;
    bool too_big = false;
    const std::atomic<bool>* cancel;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t len = size * n;
    if (t->reply->body.size() + len > t->cap) {
        t->too_big = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->reply->body.append(data, len);
    return len;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::string line(data, size * n);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        const auto name = lower(line.substr(0, colon));
        const auto value = trim(line.substr(colon + 1));
        if (name == "etag") t->reply->etag = value;
        if (name == "x-hall-new-token") t->reply->new_token = value;
        if (name == "retry-after") {
            // Seconds only; an HTTP date is rare from our hub and falls back to backoff.
            if (!value.empty() && std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }) &&
                value.size() < 7)
                t->reply->retry_after_s = std::stoi(value);
        }
    }
    return size * n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    return t->cancel && t->cancel->load() ? 1 : 0;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// A token as the hub issues them: "hk_" and URL-safe base64, nothing a header could smuggle.
bool plausible_token(const std::string& t) {
    return t.size() > 3 && t.size() <= 128 && t.rfind("hk_", 0) == 0 &&
           std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; });
}

}  // namespace

bool is_loopback_url(const std::string& url) {
    const auto start = url.find("://");
    if (start == std::string::npos) return false;
    auto host = url.substr(start + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
    if (!host.empty() && host.front() == '[') return host.rfind("[::1]", 0) == 0;
    host = lower(host.substr(0, host.find(':')));
    in_addr a{};
    return host == "localhost" || (inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127);
}

HubHttp::HubHttp(HttpOptions opts, const std::atomic<bool>* cancel) : opts_(std::move(opts)), cancel_(cancel) {
    global_init();
    while (!opts_.base_url.empty() && opts_.base_url.back() == '/') opts_.base_url.pop_back();
    curl_ = curl_easy_init();
    if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

HubHttp::~HubHttp() { curl_easy_cleanup(curl_); }

HttpReply HubHttp::get(const std::string& path, const std::vector<std::string>& headers) { return perform(path, nullptr, headers); }

HttpReply HubHttp::post_json(const std::string& path, const std::string& body) { return perform(path, &body, {}); }

HttpReply HubHttp::perform(const std::string& path, const std::string* post_body, const std::vector<std::string>& headers) {
    HttpReply reply;
    if (lower(opts_.base_url).rfind("http://", 0) == 0 && !opts_.allow_plain_http && !is_loopback_url(opts_.base_url)) {
        reply.error = "refusing plain http:// to a host other than loopback: use https:// (or set sync.allow_plain_http = true)";
        return reply;
    }
    Transfer t{&reply, opts_.max_reply_bytes, false, cancel_};
    CURL* c = curl_;
    curl_easy_reset(c);  // keeps the connection cache, clears last request's options
    const auto url = opts_.base_url + path;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // we run on a worker thread
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, opts_.connect_timeout_s);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, opts_.low_speed_bytes);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, opts_.low_speed_time_s);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, opts_.total_timeout_s);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(opts_.max_reply_bytes));
    // TLS: always verified. Only the trust anchors can be changed, never switched off.
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!opts_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, opts_.ca_file.c_str());
    if (!opts_.pinned_pubkey.empty()) curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, opts_.pinned_pubkey.c_str());
    curl_easy_setopt(c, CURLOPT_USERAGENT, opts_.user_agent.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    // gzip only: brotli costs the hub far more CPU than it saves on our small replies.
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");

    curl_slist* hs = nullptr;
    const auto auth = "Authorization: Bearer " + opts_.token;
    hs = curl_slist_append(hs, auth.c_str());
    hs = curl_slist_append(hs, "Accept: application/json");
    for (const auto& h : headers) hs = curl_slist_append(hs, h.c_str());
    if (post_body) {
        hs = curl_slist_append(hs, "Content-Type: application/json");
        hs = curl_slist_append(hs, "Expect:");  // no 100-continue round trip
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, post_body->data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post_body->size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hs);

    const CURLcode rc = curl_easy_perform(c);
    curl_off_t up = 0;
    long req_size = 0;
    curl_easy_getinfo(c, CURLINFO_SIZE_UPLOAD_T, &up);
    curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &req_size);
    reply.bytes_sent = static_cast<std::uint64_t>(up) + static_cast<std::uint64_t>(req_size);
    if (rc != CURLE_OK) {
        if (t.too_big || rc == CURLE_FILESIZE_EXCEEDED)
            reply.error = "reply larger than " + std::to_string(opts_.max_reply_bytes) + " bytes";
        else if (rc == CURLE_ABORTED_BY_CALLBACK)
            reply.error = "cancelled";
        else
            reply.error = curl_easy_strerror(rc);
        reply.body.clear();
        reply.status = 0;
    } else {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
        if (!reply.new_token.empty() && reply.new_token != opts_.token && plausible_token(reply.new_token)) {
            opts_.token = reply.new_token;
            if (opts_.on_new_token) opts_.on_new_token(opts_.token);
        }
    }
    curl_slist_free_all(hs);
    return reply;
}

}  // namespace hall::sync
