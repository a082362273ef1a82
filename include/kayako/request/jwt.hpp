// kayako-proto — JWT single sign-on tokens (§11.6; RFC 7515, RFC 7519), both ways.
//
// A Kayako SSO token arrives as `Authorization: Bearer <JWT>` or as the `_jwt` argument (auth.hpp
// reads both). It is a compact JWS (RFC 7515 §7.1): `BASE64URL(header) "." BASE64URL(payload) "."
// BASE64URL(signature)`, signed with the SSO shared secret by HMAC — HS256, HS384 or HS512
// (§11.6). The payload's claims are `iat`, `jti`, `email`, `name`, `role` (`customer` when
// absent: agents must say so), `external_id`, and RFC 7519's `exp` and `nbf`.
//
// The library checks everything but the signature, which needs a crypto library it does not
// depend on: `verify_jwt` hands the algorithm, the signing input and the signature bytes to a
// verifier the caller supplies (an HMAC and a constant-time comparison). In order:
//
// 1. `parse_jwt` — structure: exactly three parts; strict base64url (RFC 7515 §2: the URL-safe
//    alphabet `A-Z a-z 0-9 - _`, no padding, no whitespace, unused bits zero, so that a token
//    has one spelling); the header a JSON object whose `alg` is HS256, HS384 or HS512 — `none`
//    and every other algorithm are refused (RFC 8725 §3.1: never let the token choose an
//    unsigned or unexpected algorithm), `crit` is refused (RFC 7515 §4.1.11: we understand no
//    extension), `typ`, when present, is `JWT`; the payload a JSON object with typed claims.
// 2. the verifier — `signature_invalid` when it says no.
// 3. `validate_jwt_claims` — against the caller's clock (`now`, Unix seconds; the library reads
//    none) with a leeway for clock skew: `exp` must be after `now - leeway` (RFC 7519 §4.1.4:
//    the token is expired AT `exp`), `nbf` at or before `now + leeway`, `iat` not after
//    `now + leeway` and — the replay window §11.6's `iat` and `jti` exist for — not before
//    `now - max_age - leeway`. Single use of `jti` within that window is the server's to keep
//    (it has the memory); the window bounds how long it must remember.
//
// Failures say what and where: offsets into the token for its structure (the base64url
// character, the part's start for its JSON), the claim or header member's name for its value.
// Every one maps to 401 AUTHENTICATION_FAILED on `/api/v1` (api_error.hpp).
#ifndef KAYAKO_REQUEST_JWT_HPP
#define KAYAKO_REQUEST_JWT_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/values.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace kayako {

// ---------------------------------------------------------------------------------------------
// base64url (RFC 4648 §5, as RFC 7515 §2 uses it: no padding)
// ---------------------------------------------------------------------------------------------

namespace detail {
inline constexpr char base64url_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

inline constexpr std::array<signed char, 256> base64url_values = base64_decoding_table(base64url_alphabet);
}  // namespace detail

/// The unpadded base64url of `bytes` (RFC 7515 §2). Throws only `std::bad_alloc`.
inline std::string encode_base64url(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    auto b = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[k])); };
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        unsigned const v = b(i) << 16 | b(i + 1) << 8 | b(i + 2);
        for (int shift : {18, 12, 6, 0}) out += detail::base64url_alphabet[v >> shift & 63];
    }
    if (std::size_t const rest = bytes.size() - i; rest > 0) {
        unsigned const v = b(i) << 16 | (rest == 2 ? b(i + 1) << 8 : 0u);
        out += detail::base64url_alphabet[v >> 18 & 63];
        out += detail::base64url_alphabet[v >> 12 & 63];
        if (rest == 2) out += detail::base64url_alphabet[v >> 6 & 63];
    }
    return out;
}

/// Decodes strict unpadded base64url (see the top) into `out`, which has room for
/// `text.size() * 3 / 4` bytes; returns how many it wrote. A character outside the alphabet
/// (`=`, `+`, `/`, whitespace included), a length of 4n+1, or non-zero unused bits in the last
/// character is `invalid_base64` at that character's offset in `text`.
constexpr result<std::size_t> decode_base64url(std::string_view text, char* out) noexcept {
    std::size_t o = 0;
    unsigned v = 0;
    int bits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        signed char const d = detail::base64url_values[static_cast<unsigned char>(text[i])];
        if (d < 0) return failure(error::invalid_base64, i);
        v = (v << 6 | static_cast<unsigned>(d)) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = static_cast<char>(v >> bits & 0xFF);
        }
    }
    // 4n+1 characters: 6 bits left over, which no byte string encodes to.
    if (text.size() % 4 == 1) return failure(error::invalid_base64, text.size() - 1);
    // 2 or 4 bits left over: they must be zero, or two spellings would decode alike.
    if (bits > 0 && (v & ((1u << bits) - 1)) != 0) return failure(error::invalid_base64, text.size() - 1);
    return o;
}

// ---------------------------------------------------------------------------------------------
// The token
// ---------------------------------------------------------------------------------------------

/// The JWS algorithms of §11.6: HMAC with SHA-256, -384, -512 (RFC 7518 §3.2).
enum class jws_algorithm : unsigned char { hs256, hs384, hs512 };

/// The `alg` value (`HS256`, `HS384`, `HS512`).
constexpr std::string_view to_string(jws_algorithm a) noexcept {
    switch (a) {
    case jws_algorithm::hs256: return "HS256";
    case jws_algorithm::hs384: return "HS384";
    case jws_algorithm::hs512: return "HS512";
    }
    return "HS256";
}

/// The claims of §11.6 and RFC 7519 §4.1 a Kayako server reads. Times are Unix seconds
/// (NumericDate, a fraction dropped toward the past).
struct jwt_claims {
    std::optional<std::int64_t> iat{}; ///< issued at (§11.6)
    std::optional<std::int64_t> exp{}; ///< expires at (RFC 7519 §4.1.4)
    std::optional<std::int64_t> nbf{}; ///< not before (RFC 7519 §4.1.5)
    std::string jti{};                 ///< token id, for single use (§11.6)
    std::string email{};               ///< `email`: the user the token signs in (§11.6)
    std::string name{};                ///< `name`: the user's full name, if given (§11.6)
    std::string role = "customer";     ///< §11.6: `customer` when absent
    std::string external_id{};         ///< a number is kept as its decimal text
    friend bool operator==(jwt_claims const&, jwt_claims const&) = default;
};

/// A parsed token. `signing_input` views the token given to `parse_jwt` (keep it alive).
struct jwt {
    jws_algorithm algorithm = jws_algorithm::hs256; ///< the header's `alg`: HS256, HS384 or HS512 only
    std::string_view signing_input;                 ///< `header "." payload`, as sent: what the signature covers
    std::string signature;                          ///< the decoded signature bytes
    jwt_claims claims;                              ///< the payload's claims, typed
};

/// Limits of `parse_jwt`.
struct jwt_options {
    std::size_t max_size = 8192;  ///< the whole token → too_long (the auth readers cap values at 4 KiB by default)
};

/// True when `token` has the shape of a compact JWS — exactly two dots — rather than of an
/// opaque OAuth token (§11.3: a UUID): how a server tells the two apart in
/// `Authorization: Bearer`. Says nothing of validity.
constexpr bool looks_like_jwt(std::string_view token) noexcept {
    return std::count(token.begin(), token.end(), '.') == 2;
}

namespace detail {

// A NumericDate (RFC 7519 §2): a JSON number of seconds, within §3's years 0001..9999.
inline result<std::int64_t> numeric_date(boost::json::value const& v, std::string_view name) noexcept {
    double seconds = 0;
    if (auto const* i = v.if_int64()) seconds = static_cast<double>(*i);
    else if (auto const* u = v.if_uint64()) seconds = static_cast<double>(*u);
    else if (auto const* d = v.if_double()) seconds = std::floor(*d);
    else return failure(error::wrong_type, failure::no_offset, name);
    if (!(seconds >= static_cast<double>(timestamp_min_seconds) && seconds <= static_cast<double>(timestamp_max_seconds)))
        return failure(error::timestamp_out_of_range, failure::no_offset, name);
    if (auto const* i = v.if_int64()) return *i;  // exact, whatever the double would round
    return static_cast<std::int64_t>(seconds);
}

inline result<void> claim_text(boost::json::object const& o, std::string_view name, bool number_allowed,
                               std::string& into) {
    auto const* v = o.if_contains(name);
    if (!v || v->is_null()) return {};
    if (auto const* s = v->if_string()) into = *s;
    else if (number_allowed && v->is_int64()) into = std::to_string(v->get_int64());
    else if (number_allowed && v->is_uint64()) into = std::to_string(v->get_uint64());
    else return failure(error::wrong_type, failure::no_offset, name);
    return {};
}

// One base64url part as a JSON object, or `invalid_jwt` naming `part` at its start.
inline result<boost::json::object> json_part(std::string_view encoded, std::size_t start, std::string_view part) {
    std::string bytes(encoded.size() * 3 / 4, '\0');
    auto n = decode_base64url(encoded, bytes.data());
    if (!n) return n.error().shifted(start).of(part);
    bytes.resize(*n);
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(bytes, ec);
    if (ec || !v.is_object()) return failure(error::invalid_jwt, start, part);
    return std::move(v.get_object());
}

inline result<jwt> parse_jwt_throwing(std::string_view token, jwt_options const& options) {
    if (token.empty()) return failure(error::empty_value, 0);
    if (token.size() > options.max_size) return failure(error::too_long, options.max_size);
    std::size_t const first = token.find('.');
    std::size_t const second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos) return failure(error::invalid_jwt, token.size());
    if (std::size_t const third = token.find('.', second + 1); third != std::string_view::npos)
        return failure(error::invalid_jwt, third);  // a JWE has five parts; nothing else has four
    std::string_view const header_text = token.substr(0, first);
    std::string_view const payload_text = token.substr(first + 1, second - first - 1);
    std::string_view const signature_text = token.substr(second + 1);
    if (header_text.empty()) return failure(error::invalid_jwt, 0, "header");
    if (payload_text.empty()) return failure(error::invalid_jwt, first + 1, "payload");
    // An unsigned token (`alg: none`) has an empty signature; it is refused below by its `alg`,
    // which says more than "empty".

    auto header = json_part(header_text, 0, "header");
    if (!header) return header.error();
    jwt t;
    auto const* alg = header->if_contains("alg");
    if (!alg || !alg->is_string()) return failure(error::invalid_jwt, 0, "alg");
    std::string_view const alg_text = alg->get_string();
    if (alg_text == "HS256") t.algorithm = jws_algorithm::hs256;
    else if (alg_text == "HS384") t.algorithm = jws_algorithm::hs384;
    else if (alg_text == "HS512") t.algorithm = jws_algorithm::hs512;
    else return failure(error::unsupported_algorithm, 0, "alg");
    if (header->contains("crit")) return failure(error::invalid_jwt, 0, "crit");
    if (auto const* typ = header->if_contains("typ")) {
        auto const* s = typ->if_string();
        if (!s || s->size() != 3 || (((*s)[0] | 0x20) != 'j' || ((*s)[1] | 0x20) != 'w' || ((*s)[2] | 0x20) != 't'))
            return failure(error::invalid_jwt, 0, "typ");
    }

    t.signature.resize(signature_text.size() * 3 / 4);
    auto n = decode_base64url(signature_text, t.signature.data());
    if (!n) return n.error().shifted(second + 1).of("signature");
    t.signature.resize(*n);
    if (t.signature.empty()) return failure(error::invalid_jwt, second + 1, "signature");

    auto payload = json_part(payload_text, first + 1, "payload");
    if (!payload) return payload.error();
    for (auto [name, slot] : {std::pair{std::string_view("iat"), &t.claims.iat},
                              std::pair{std::string_view("exp"), &t.claims.exp},
                              std::pair{std::string_view("nbf"), &t.claims.nbf}}) {
        auto const* v = payload->if_contains(name);
        if (!v || v->is_null()) continue;
        auto d = numeric_date(*v, name);
        if (!d) return d.error();
        *slot = *d;
    }
    struct text_claim {
        std::string_view name;
        bool number_allowed;
        std::string* into;
    };
    for (auto const& c : {text_claim{"jti", true, &t.claims.jti}, text_claim{"email", false, &t.claims.email},
                          text_claim{"name", false, &t.claims.name}, text_claim{"role", false, &t.claims.role},
                          text_claim{"external_id", true, &t.claims.external_id}})
        if (auto ok = claim_text(*payload, c.name, c.number_allowed, *c.into); !ok) return ok.error();
    if (t.claims.role.empty()) return failure(error::empty_value, failure::no_offset, "role");
    t.signing_input = token.substr(0, second);
    return t;
}

}  // namespace detail

/// Reads a compact JWS and its claims (step 1 at the top); checks no signature and no time.
/// Failures: empty `empty_value`; longer than `max_size` `too_long`; not three parts
/// `invalid_jwt` at the end of the token or at the third dot; a base64url error `invalid_base64`
/// at its offset in the token, naming the part (`header`, `payload`, `signature`); a part that is
/// no JSON object, an empty part, no string `alg`, `crit`, a `typ` other than `JWT`:
/// `invalid_jwt` naming it; another `alg` `unsupported_algorithm` naming `alg`; a claim of the
/// wrong JSON type `wrong_type`, a date outside years 0001..9999 `timestamp_out_of_range`, an
/// empty `role` `empty_value`, each naming the claim. Out of memory: `too_long`. Never throws.
inline result<jwt> parse_jwt(std::string_view token, jwt_options const& options = {}) noexcept {
    try {
        return detail::parse_jwt_throwing(token, options);
    } catch (std::bad_alloc const&) {
        return failure(error::too_long, failure::no_offset);
    }
}

/// What `validate_jwt_claims` checks the claims against (step 3 at the top).
struct jwt_validation {
    std::int64_t now = 0;         ///< Unix seconds, by the caller's clock
    std::int64_t leeway = 60;     ///< seconds of clock skew forgiven each way (0..86,400)
    std::int64_t max_age = 300;   ///< the replay window: how old `iat` may be; 0: not checked
    bool require_iat = true;      ///< §11.6 lists `iat` first: without it there is no replay window
    bool require_jti = true;      ///< §11.6: the id a server remembers to refuse a replay
    bool require_email = true;    ///< §11.6: the user the token signs in
    bool require_exp = false;     ///< RFC 7519 leaves `exp` optional; the replay window bounds age anyway
};

/// Checks the claims against the clock (step 3 at the top). A missing required claim is
/// `missing_parameter` naming it; `exp` reached `token_expired`, `nbf` or `iat` ahead
/// `token_not_yet_valid`, `iat` before the window `token_too_old`, each naming the claim. `now`
/// is clamped to years 0001..9999 and `leeway`/`max_age` to 0..86,400 and 0..10^9, so that no
/// sum overflows.
constexpr result<void> validate_jwt_claims(jwt_claims const& c, jwt_validation const& v) noexcept {
    std::int64_t const now = std::clamp(v.now, timestamp_min_seconds, timestamp_max_seconds);
    std::int64_t const leeway = std::clamp<std::int64_t>(v.leeway, 0, 86'400);
    std::int64_t const max_age = std::clamp<std::int64_t>(v.max_age, 0, 1'000'000'000);
    if (v.require_iat && !c.iat) return failure(error::missing_parameter, failure::no_offset, "iat");
    if (v.require_exp && !c.exp) return failure(error::missing_parameter, failure::no_offset, "exp");
    if (v.require_jti && c.jti.empty()) return failure(error::missing_parameter, failure::no_offset, "jti");
    if (v.require_email && c.email.empty()) return failure(error::missing_parameter, failure::no_offset, "email");
    if (c.exp && now - leeway >= *c.exp) return failure(error::token_expired, failure::no_offset, "exp");
    if (c.nbf && *c.nbf > now + leeway) return failure(error::token_not_yet_valid, failure::no_offset, "nbf");
    if (c.iat && *c.iat > now + leeway) return failure(error::token_not_yet_valid, failure::no_offset, "iat");
    if (c.iat && max_age > 0 && *c.iat < now - max_age - leeway)
        return failure(error::token_too_old, failure::no_offset, "iat");
    return {};
}

/// Parses, verifies and validates `token` (steps 1-3 at the top). `verify(jws_algorithm,
/// std::string_view signing_input, std::string_view signature)` returns true when the signature
/// is right — compute the HMAC of the input with the shared secret and compare in constant time.
/// A false is `signature_invalid` naming `signature`. Noexcept when the verifier is.
template <class Verifier>
    requires std::is_invocable_r_v<bool, Verifier&, jws_algorithm, std::string_view, std::string_view>
result<jwt> verify_jwt(std::string_view token, Verifier&& verify, jwt_validation const& validation,
                       jwt_options const& options = {}) noexcept(std::is_nothrow_invocable_v<Verifier&, jws_algorithm,
                                                                                               std::string_view, std::string_view>) {
    auto t = parse_jwt(token, options);
    if (!t) return t.error();
    if (!verify(t->algorithm, t->signing_input, std::string_view(t->signature)))
        return failure(error::signature_invalid, t->signing_input.size() + 1, "signature");
    if (auto ok = validate_jwt_claims(t->claims, validation); !ok) return ok.error();
    return t;
}

/// Writes a compact JWS with these claims (the role only when it is not `customer`, the
/// default), signed by `sign(jws_algorithm, std::string_view signing_input)`, which returns the
/// signature bytes (an HMAC): for tests and for a client that signs its users in. Throws only
/// `std::bad_alloc` and what `sign` throws.
template <class Signer>
std::string write_jwt(jws_algorithm algorithm, jwt_claims const& c, Signer&& sign) {
    boost::json::object header;
    header["alg"] = to_string(algorithm);
    header["typ"] = "JWT";
    boost::json::object payload;
    if (c.iat) payload["iat"] = *c.iat;
    if (c.exp) payload["exp"] = *c.exp;
    if (c.nbf) payload["nbf"] = *c.nbf;
    for (auto [name, value] : {std::pair{"jti", &c.jti}, std::pair{"email", &c.email}, std::pair{"name", &c.name},
                               std::pair{"external_id", &c.external_id}})
        if (!value->empty()) payload[name] = *value;
    if (c.role != "customer") payload["role"] = c.role;
    std::string token = encode_base64url(boost::json::serialize(header));
    token += '.';
    token += encode_base64url(boost::json::serialize(payload));
    std::string const signature = sign(algorithm, std::string_view(token));
    token += '.';
    token += encode_base64url(signature);
    return token;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_JWT_HPP
