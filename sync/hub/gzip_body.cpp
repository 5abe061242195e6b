#include "gzip_body.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace hall::hub {

struct GzipBody::Stream {
    z_stream z{};
    bool open = false;
    ~Stream() {
        if (open) inflateEnd(&z);
    }
};

GzipBody::GzipBody(std::size_t max_decoded) : z_(std::make_unique<Stream>()), max_decoded_(max_decoded) {
    // 16 + MAX_WBITS: the gzip wrapper only (its header and CRC checked), not raw or zlib data.
    z_->open = inflateInit2(&z_->z, 16 + MAX_WBITS) == Z_OK;
    if (!z_->open) state_ = State::Corrupt;
}

GzipBody::~GzipBody() = default;

GzipBody::State GzipBody::feed(std::string_view compressed, std::string& out) {
    if (state_ == State::Done && !compressed.empty()) state_ = State::Corrupt;  // data after the stream
    if (state_ != State::Reading) return state_;
    auto& z = z_->z;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    z.avail_in = static_cast<uInt>(compressed.size());
    char buf[16384];
    for (;;) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        const int rc = inflate(&z, Z_NO_FLUSH);
        const std::size_t got = sizeof buf - z.avail_out;
        if (out.size() + got > max_decoded_) {
            state_ = State::TooLarge;
            break;
        }
        out.append(buf, got);
        if (rc == Z_STREAM_END) {
            state_ = z.avail_in == 0 ? State::Done : State::Corrupt;
            break;
        }
        if (rc == Z_BUF_ERROR) break;  // no progress without more input
        if (rc != Z_OK) {
            state_ = State::Corrupt;
            break;
        }
        if (z.avail_in == 0 && z.avail_out != 0) break;  // input used up, output flushed
    }
    return state_;
}

GzipBody::State GzipBody::finish() {
    if (state_ == State::Reading) state_ = State::Corrupt;  // the body ended inside the stream
    return state_;
}

bool is_gzip_encoding(std::string_view e) {
    std::string lower(e);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    while (!lower.empty() && lower.back() == ' ') lower.pop_back();
    while (!lower.empty() && lower.front() == ' ') lower.erase(lower.begin());
    return lower == "gzip" || lower == "x-gzip";
}

}  // namespace hall::hub
