// kayako-test-server — keyed hashes (RFC 2104 HMAC) for what the example server verifies itself:
// JWT signatures (HS256/384/512, §11.6) and one-time codes (RFC 6238 TOTP, HMAC-SHA1, §11.2).
// The library stays free of crypto (a JWT's signature check is a verifier its user supplies);
// this example supplies one on OpenSSL's libcrypto, the crypto library Debian keeps.
#ifndef KAYAKO_EXAMPLES_HMAC_HPP
#define KAYAKO_EXAMPLES_HMAC_HPP

#include <string>
#include <string_view>

namespace kayako_server {

enum class hmac_hash { sha1, sha256, sha384, sha512 };

/// The raw digest (20, 32, 48 or 64 bytes) of `message` under `key`.
std::string hmac(hmac_hash hash, std::string_view key, std::string_view message);

/// Compares two byte strings in time that depends only on their lengths, so that a signature or
/// a code cannot be guessed byte by byte from how long a refusal takes.
bool equal_in_constant_time(std::string_view a, std::string_view b) noexcept;

}  // namespace kayako_server

#endif
