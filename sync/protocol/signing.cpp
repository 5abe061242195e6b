#include "protocol/signing.h"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace hall::wire {
namespace {

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string key_id(const unsigned char* pk) {
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 8; ++i) {
        s += hex[pk[i] >> 4];
        s += hex[pk[i] & 15];
    }
    return s;
}

}  // namespace

std::string base64_encode(const unsigned char* data, std::size_t n) {
    init_sodium();
    std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> base64_decode(const std::string& b64) {
    init_sodium();
    std::string out(b64.size(), '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), " \n\r\t",
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string blake2b_hex(const std::string& s) {
    init_sodium();
    unsigned char h[32];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(s.data()), s.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

std::string random_token(std::size_t n_bytes) {
    init_sodium();
    std::string raw(n_bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(n_bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.size() - 1);
    return out;
}

SigningKey generate_signing_key() {
    init_sodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    SigningKey k{base64_encode(sk, sizeof sk), base64_encode(pk, sizeof pk)};
    sodium_memzero(sk, sizeof sk);
    return k;
}

std::optional<std::string> public_key_of(const std::string& secret_b64) {
    auto sk = base64_decode(secret_b64);
    if (!sk || sk->size() != crypto_sign_SECRETKEYBYTES) return std::nullopt;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(pk, reinterpret_cast<const unsigned char*>(sk->data()));
    sodium_memzero(sk->data(), sk->size());
    return base64_encode(pk, sizeof pk);
}

std::string sign_bundle(const std::string& bundle_json, const std::string& secret_b64) {
    auto sk = base64_decode(secret_b64);
    if (!sk || sk->size() != crypto_sign_SECRETKEYBYTES)
        throw std::invalid_argument("not an Ed25519 secret key (base64 of 64 bytes)");
    const auto* skp = reinterpret_cast<const unsigned char*>(sk->data());
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(bundle_json.data()), bundle_json.size(), skp);
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(pk, skp);
    sodium_memzero(sk->data(), sk->size());
    nlohmann::json env;
    env["format"] = kEnvelopeFormat;
    env["key_id"] = key_id(pk);
    env["signature"] = base64_encode(sig, sizeof sig);
    env["bundle"] = bundle_json;
    return env.dump();
}

std::optional<std::string> open_envelope(const std::string& envelope_json, const std::string& public_b64, std::string& why) {
    auto pk = base64_decode(public_b64);
    if (!pk || pk->size() != crypto_sign_PUBLICKEYBYTES) {
        why = "bundle public key: not an Ed25519 public key (base64 of 32 bytes)";
        return std::nullopt;
    }
    auto env = nlohmann::json::parse(envelope_json, nullptr, false);
    if (env.is_discarded() || !env.is_object()) { why = "envelope: not a JSON object"; return std::nullopt; }
    if (env.value("format", "") != kEnvelopeFormat) { why = "envelope: format is not " + std::string(kEnvelopeFormat); return std::nullopt; }
    if (!env.contains("signature") || !env["signature"].is_string() || !env.contains("bundle") || !env["bundle"].is_string()) {
        why = "envelope: signature or bundle missing";
        return std::nullopt;
    }
    auto sig = base64_decode(env["signature"].get<std::string>());
    if (!sig || sig->size() != crypto_sign_BYTES) { why = "envelope: signature is not 64 bytes of base64"; return std::nullopt; }
    auto bundle = env["bundle"].get<std::string>();
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                    reinterpret_cast<const unsigned char*>(bundle.data()), bundle.size(),
                                    reinterpret_cast<const unsigned char*>(pk->data())) != 0) {
        why = "envelope: signature does not verify with the configured bundle key (tampered, or signed by another key)";
        return std::nullopt;
    }
    return bundle;
}

}  // namespace hall::wire
