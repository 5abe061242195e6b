#pragma once
// One kiosk-to-hub HTTP connection over libcurl (easy API, reused so keep-alive works).
// TLS verification is always on; a CA file and a pinned public key can be added. Every
// transfer is bounded: connect timeout, low-speed abort, a total timeout, a cap on the
// reply size, and a cancel flag so stopping the kiosk never waits for the network.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

typedef void CURL;

namespace hall::sync {

struct HttpOptions {
    std::string base_url;             // "https://hub.example:8443" (no trailing slash needed)
    std::string token;
    std::string ca_file;
    std::string pinned_pubkey;        // "sha256//BASE64" or a PEM/DER file
    long connect_timeout_s = 5;
    long low_speed_bytes = 64;        // abort when slower than this ...
    long low_speed_time_s = 10;       // ... for this long (a reply that never comes)
    long total_timeout_s = 120;
    std::size_t max_reply_bytes = 32u * 1024 * 1024;  // a huge reply is cut, not buffered
    std::string user_agent = "hall-kiosk";
    // http:// is refused for any host but loopback unless this is set (sync.allow_plain_http).
    bool allow_plain_http = false;
    // Called with the new token when the hub hands one over after `hall-hub kiosk rotate`
    // (reply header X-Hall-New-Token); later requests use it. The owner persists it.
    std::function<void(const std::string&)> on_new_token;
};

// True for http(s)://localhost, 127.x.x.x and [::1] URLs.
bool is_loopback_url(const std::string& url);

struct HttpReply {
    long status = 0;                  // 0 when the transfer failed
    std::string body;
    std::string etag;
    std::optional<int> retry_after_s;
    std::string error;                // transport error; empty when a status arrived
    std::string new_token;            // X-Hall-New-Token, when the hub rotated this kiosk's token
    std::uint64_t bytes_sent = 0;     // request headers + body
    bool transport_ok() const { return error.empty(); }
};

class HubHttp {
public:
    explicit HubHttp(HttpOptions opts, const std::atomic<bool>* cancel = nullptr);
    ~HubHttp();
    HubHttp(const HubHttp&) = delete;
    HubHttp& operator=(const HubHttp&) = delete;

    HttpReply get(const std::string& path, const std::vector<std::string>& headers = {});
    HttpReply post_json(const std::string& path, const std::string& body);
    const HttpOptions& options() const { return opts_; }

private:
    HttpReply perform(const std::string& path, const std::string* post_body, const std::vector<std::string>& headers);
    HttpOptions opts_;
    const std::atomic<bool>* cancel_;
    CURL* curl_ = nullptr;
};

}  // namespace hall::sync
