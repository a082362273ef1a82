// kayako-proto — the token endpoint's successful answer (§11.3; RFC 6749 §5.1), both ways:
//
//     {"access_token":"4b1442a6-38d1-ae34-9d55-adf5b41d6417","token_type":"Bearer",
//      "expires_in":3600,"refresh_token":"...","scope":"users:write"}
//
// sent with the headers of `oauth_response_headers` (oauth_error.hpp: `Cache-Control:
// no-store`). The reference documents only `access_token` (§11.3, "[INF: standard RFC 6749]");
// the other members are RFC 6749's. Errors of the endpoint are oauth_error.hpp.
#ifndef KAYAKO_RESPONSE_OAUTH_TOKEN_RESPONSE_HPP
#define KAYAKO_RESPONSE_OAUTH_TOKEN_RESPONSE_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/values.hpp>
#include <kayako/detail/oauth_json.hpp>
#include <kayako/request/oauth_scope.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// An issued token (RFC 6749 §5.1).
struct oauth_token {
    std::string access_token;                 ///< `access_token`: the bearer token to send (§11.3)
    std::string token_type = "Bearer";        ///< RFC 6750: the only type Kayako uses (§11.3)
    std::optional<std::int64_t> expires_in{}; ///< seconds from the answer; nothing: not said
    std::string refresh_token{};              ///< empty: none issued
    std::optional<oauth_scope_set> scope{};   ///< nothing: as requested (RFC 6749 §5.1)
    friend bool operator==(oauth_token const&, oauth_token const&) = default;
};

namespace detail {
// RFC 6749 Appendix A: access-token and refresh-token are 1*VSCHAR (%x20-7E).
constexpr result<void> check_token_text(std::string_view text, std::string_view name) noexcept {
    if (text.empty()) return failure(error::empty_value, failure::no_offset, name);
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto const b = static_cast<unsigned char>(text[i]);
        if (b < 0x20 || b > 0x7E) return failure(error::unexpected_character, i, name);
    }
    return {};
}
}  // namespace detail

/// The body of a token answer. An empty `access_token` or `token_type` is `empty_value`, a byte
/// outside %x20-7E in a token `unexpected_character` at its offset, a negative `expires_in`
/// `integer_out_of_range` — each naming the member — and an empty scope set `empty_value`
/// naming `scope`. Throws only `std::bad_alloc`.
inline result<std::string> write_oauth_token_response(oauth_token const& t) {
    if (auto ok = detail::check_token_text(t.access_token, "access_token"); !ok) return ok.error();
    if (auto ok = detail::check_token_text(t.token_type, "token_type"); !ok) return ok.error();
    if (!t.refresh_token.empty())
        if (auto ok = detail::check_token_text(t.refresh_token, "refresh_token"); !ok) return ok.error();
    if (t.expires_in && *t.expires_in < 0) return failure(error::integer_out_of_range, failure::no_offset, "expires_in");
    if (t.scope && t.scope->empty()) return failure(error::empty_value, failure::no_offset, "scope");
    boost::json::object o;
    o["access_token"] = t.access_token;
    o["token_type"] = t.token_type;
    if (t.expires_in) o["expires_in"] = *t.expires_in;
    if (!t.refresh_token.empty()) o["refresh_token"] = t.refresh_token;
    if (t.scope) o["scope"] = format_oauth_scope_list(*t.scope);
    return boost::json::serialize(o);
}

/// Reads a token answer (client side). Not JSON: `invalid_json` where reading stopped; not an object:
/// `invalid_oauth_response`. `access_token` and `token_type` must be non-empty strings of
/// %x20-7E, `refresh_token` such a string when present, `expires_in` a non-negative integer (a
/// string of digits is accepted too: some servers send one), `scope` a scope list of §11.3;
/// otherwise `invalid_oauth_response` (or the scope's `invalid_scope` at its offset) naming the
/// member. Unknown members are ignored (RFC 6749 §5.1). Out of memory: `too_long`. Never throws.
inline result<oauth_token> parse_oauth_token_response(std::string_view body) noexcept {
    try {
        auto v = detail::read_oauth_json_object(body);
        if (!v) return v.error();
        boost::json::object const* o = &v->get_object();
        auto bad = [](std::string_view name) { return failure(error::invalid_oauth_response, failure::no_offset, name); };
        auto text = [&](std::string_view name, bool required, std::string& into) -> result<void> {
            auto const* m = o->if_contains(name);
            if (!m || m->is_null()) {
                if (required) return bad(name);
                return {};
            }
            if (!m->is_string()) return bad(name);
            if (!detail::check_token_text(m->get_string(), name)) return bad(name);
            into = m->get_string();
            return {};
        };
        oauth_token t;
        t.token_type.clear();
        if (auto ok = text("access_token", true, t.access_token); !ok) return ok.error();
        if (auto ok = text("token_type", true, t.token_type); !ok) return ok.error();
        if (auto ok = text("refresh_token", false, t.refresh_token); !ok) return ok.error();
        if (auto const* m = o->if_contains("expires_in"); m && !m->is_null()) {
            if (auto const* i = m->if_int64(); i && *i >= 0) t.expires_in = *i;
            else if (auto const* u = m->if_uint64(); u && *u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                t.expires_in = static_cast<std::int64_t>(*u);
            else if (auto const* s = m->if_string()) {
                auto n = parse_integer<std::int64_t>(*s);
                if (!n || *n < 0) return bad("expires_in");
                t.expires_in = *n;
            } else return bad("expires_in");
        }
        if (auto const* m = o->if_contains("scope"); m && !m->is_null()) {
            if (!m->is_string()) return bad("scope");
            auto s = parse_oauth_scope_list(m->get_string());
            if (!s) return s.error().of("scope");
            t.scope = *s;
        }
        return t;
    } catch (std::bad_alloc const&) {
        return failure(error::too_long, failure::no_offset);
    }
}

/// True when a client may send `t` as `Authorization: Bearer` (RFC 6750; the type is
/// case-insensitive, RFC 6749 §7.1).
inline bool is_bearer(oauth_token const& t) noexcept {
    std::string_view const type = t.token_type;
    if (type.size() != 6) return false;
    constexpr std::string_view bearer = "bearer";
    for (std::size_t i = 0; i < 6; ++i) {
        char c = type[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != bearer[i]) return false;
    }
    return true;
}

}  // namespace kayako

#endif  // KAYAKO_RESPONSE_OAUTH_TOKEN_RESPONSE_HPP
