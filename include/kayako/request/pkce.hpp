// kayako-proto — Proof Key for Code Exchange (RFC 7636) for the Authorization Code grant of
// §11.3, both ways.
//
// A client that cannot keep a secret (or any client: it costs nothing) makes a random
// `code_verifier`, sends its transform as `code_challenge` (with `code_challenge_method`) in the
// authorization request, and the verifier itself in the token request; the server issues tokens
// only to the one who can show the verifier (RFC 7636 §1). Both texts are 43 to 128 characters of
// `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"` (RFC 7636 §4.1, §4.2). Transforms:
//
// | method  | code_challenge                          | RFC 7636 |
// |---------|-----------------------------------------|----------|
// | `plain` | the verifier itself (the default)       | §4.2     |
// | `S256`  | BASE64URL(SHA-256(ASCII(verifier)))     | §4.2     |
//
// The library stays free of crypto (as for JWT signatures, jwt.hpp): `S256` takes a SHA-256
// that the caller supplies — any callable `std::string(std::string_view)` returning the 32-byte
// digest.
#ifndef KAYAKO_REQUEST_PKCE_HPP
#define KAYAKO_REQUEST_PKCE_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/jwt.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace kayako {

/// The transforms of RFC 7636 §4.2.
enum class pkce_method : unsigned char { plain, s256 };

/// The `code_challenge_method` value (`plain`, `S256`).
constexpr std::string_view to_string(pkce_method m) noexcept { return m == pkce_method::s256 ? "S256" : "plain"; }

/// The method spelled `text` exactly (RFC 7636 §4.3: `plain` or `S256`, case-sensitive); anything
/// else is `invalid_option` at offset 0 (RFC 7636 §4.4.1: the server answers `invalid_request`).
/// Names no parameter.
constexpr result<pkce_method> parse_pkce_method(std::string_view text) noexcept {
    if (text == "plain") return pkce_method::plain;
    if (text == "S256") return pkce_method::s256;
    return failure(error::invalid_option, 0);
}

/// The shortest and longest verifier and challenge (RFC 7636 §4.1, §4.2).
inline constexpr std::size_t pkce_min_size = 43;
inline constexpr std::size_t pkce_max_size = 128; ///< the longest verifier or challenge

/// True for the characters of a verifier and a challenge: RFC 3986's unreserved set.
constexpr bool is_pkce_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

/// Checks a `code_verifier` or `code_challenge` (RFC 7636 §4.1, §4.2): 43 to 128 unreserved
/// characters. A character outside the set is `invalid_code_challenge` at its offset; too short
/// is `invalid_code_challenge` at the end of the text, too long at offset 128. Names no
/// parameter (the caller's is `code_verifier` or `code_challenge`).
constexpr result<void> check_pkce_text(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size() && i < pkce_max_size; ++i)
        if (!is_pkce_char(text[i])) return failure(error::invalid_code_challenge, i);
    if (text.size() > pkce_max_size) return failure(error::invalid_code_challenge, pkce_max_size);
    if (text.size() < pkce_min_size) return failure(error::invalid_code_challenge, text.size());
    return {};
}

/// A code challenge as an authorization request carries it. `challenge` is a view (into the
/// request's arguments, or the caller's text).
struct pkce_challenge {
    std::string_view challenge{};            ///< `code_challenge`: 43 to 128 unreserved characters (RFC 7636 §4.2)
    pkce_method method = pkce_method::plain; ///< RFC 7636 §4.3: `plain` when not sent
    friend constexpr bool operator==(pkce_challenge const&, pkce_challenge const&) noexcept = default;
};

/// The `code_challenge` of `verifier` under `method` (see the table at the top); `sha256` is
/// called for `S256` only. The verifier is not checked here (`check_pkce_text`). Throws what
/// `sha256` throws, and `std::bad_alloc`.
template <class Sha256>
std::string pkce_challenge_for(std::string_view verifier, pkce_method method, Sha256 const& sha256) {
    if (method == pkce_method::plain) return std::string(verifier);
    return encode_base64url(sha256(verifier));
}

/// True when `verifier` is a well-formed verifier (`check_pkce_text`) whose transform is
/// `c.challenge` (RFC 7636 §4.6). The comparison takes a time that depends only on the lengths,
/// so that a challenge cannot be guessed a byte at a time. Throws what `sha256` throws, and
/// `std::bad_alloc`.
template <class Sha256>
bool pkce_verifier_matches(pkce_challenge const& c, std::string_view verifier, Sha256 const& sha256) {
    if (!check_pkce_text(verifier)) return false;
    std::string const expected = pkce_challenge_for(verifier, c.method, sha256);
    if (expected.size() != c.challenge.size()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < expected.size(); ++i)
        difference |= static_cast<unsigned char>(expected[i] ^ c.challenge[i]);
    return difference == 0;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_PKCE_HPP
