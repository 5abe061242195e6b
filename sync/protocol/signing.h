#pragma once
// Signed content bundles. The envelope the hub serves:
//   {"format": "hall-kiosk-signed-bundle", "key_id": "<first 8 bytes of the public key, hex>",
//    "signature": "<base64 Ed25519 detached signature over the bundle bytes>",
//    "bundle": "<the bundle JSON document, as a string>"}
// The bundle travels as a string so the signed bytes are exactly the bytes verified.
#include <optional>
#include <string>

namespace hall::wire {

inline constexpr const char* kEnvelopeFormat = "hall-kiosk-signed-bundle";

struct SigningKey {
    std::string secret_b64;  // 64-byte Ed25519 secret key, base64
    std::string public_b64;  // 32-byte public key, base64
};
SigningKey generate_signing_key();
// Public key of a base64 secret key; nullopt when it is not one.
std::optional<std::string> public_key_of(const std::string& secret_b64);

// Wraps bundle_json in a signed envelope; throws std::invalid_argument on a bad key.
std::string sign_bundle(const std::string& bundle_json, const std::string& secret_b64);

// Checks the envelope against the public key; returns the bundle text, or nullopt + why.
std::optional<std::string> open_envelope(const std::string& envelope_json, const std::string& public_b64, std::string& why);

std::string base64_encode(const unsigned char* data, std::size_t n);
std::optional<std::string> base64_decode(const std::string& b64);
// Hex BLAKE2b-256 of s (token hashes, ETags).
std::string blake2b_hex(const std::string& s);
// n random bytes as URL-safe text (tokens).
std::string random_token(std::size_t n_bytes = 32);

}  // namespace hall::wire
