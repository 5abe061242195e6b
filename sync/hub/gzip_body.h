// A gzip request body decoded as it arrives, under a cap on what it decodes to: a 100 KB
// "zip bomb" that would inflate to gigabytes stops at the cap (413), not in the hub's memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace hall::hub {

class GzipBody {
public:
    enum class State { Reading, Done, TooLarge, Corrupt };
    explicit GzipBody(std::size_t max_decoded);
    ~GzipBody();
    GzipBody(const GzipBody&) = delete;
    GzipBody& operator=(const GzipBody&) = delete;

    // Decodes the next bytes of the compressed body and appends them to out. Once the state
    // is not Reading, further input is ignored (bytes after the gzip stream's end: Corrupt).
    State feed(std::string_view compressed, std::string& out);
    // At the end of the body: Done only when the gzip stream ended, with its checksum right.
    State finish();
    State state() const { return state_; }

private:
    struct Stream;
    std::unique_ptr<Stream> z_;
    std::size_t max_decoded_;
    State state_ = State::Reading;
};

// True for the Content-Encoding values a GzipBody decodes ("gzip", "x-gzip", any case).
bool is_gzip_encoding(std::string_view content_encoding);

}  // namespace hall::hub
