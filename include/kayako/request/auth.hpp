// kayako-proto — the server reads a request's credentials (§10, §11).
//
// `read_credentials` collects everything a request says about who sends it:
//
// | value           | header                           | argument           | §     |
// |-----------------|----------------------------------|--------------------|-------|
// | Basic login     | `Authorization: Basic b64(u:p)`  | —                  | 11.1  |
// | OAuth / JWT     | `Authorization: Bearer <token>`  | `access_token`, `_jwt` | 11.3, 11.6 |
// | session         | `X-Session-ID`                   | `_session_id`      | 11.8  |
// | CSRF token      | `X-CSRF-Token`                   | —                  | 10    |
// | CSRF off        | `X-CSRF: false`                  | —                  | 10    |
// | step token      | `X-Token`                        | `_token`           | 11.2  |
// | one-time code   | `X-OTP`                          | `_otp`             | 11.2  |
// | fingerprint     | `X-Fingerprint-ID`               | `_fingerprint_id`  | 11.4  |
// | remember-me     | `X-RememberMe` + `X-Fingerprint` | —                  | 11.5  |
// | portal          | `X-Portal`                       | `_portal`          | 11.9  |
// | timestamp       | `X-Timestamp`                    | `_timestamp`       | 11.10 |
//
// A value sent both as header and as argument must be identical, else `parameters_inconsistent`
// (→ 400 PARAMETERS_INCONSISTENT) naming the argument (§11.9); the same holds for a header sent
// on several lines, and for the three places of a bearer token. The header is what is read
// (§1: headers are preferred). Values are opaque, but must be visible ASCII: a control byte,
// space or non-ASCII byte is `invalid_header` (header) or `unexpected_character` (argument) at
// its offset, and an empty value is `empty_value`. A session cookie (§11.8) counts too, once its
// name is given (`auth_options::session_cookie`; Kayako does not document it): its value is
// checked like the others and must equal `X-Session-ID` / `_session_id` when they are sent.
//
// The timestamp has one format wherever it is sent: Unix seconds (§11.10 "a Unix-time timestamp",
// §17), an integer within the years 0001..9999 of §3 (`parse_request_timestamp`). ISO-8601, which
// §3 allows for dates, is refused here: the header and the argument are compared byte for byte
// (§11.9), and two spellings of one instant would read as inconsistent; and a server subtracts it
// from its clock, which a bounded value keeps from overflowing.
//
// The CSRF token read here is checked by `check_csrf` (csrf.hpp, §10). The Authorization values
// are authorization.hpp; the client's side, writing these headers, is client_auth.hpp.
#ifndef KAYAKO_REQUEST_AUTH_HPP
#define KAYAKO_REQUEST_AUTH_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/values.hpp>
#include <kayako/detail/http_grammar.hpp>
#include <kayako/request/authorization.hpp>
#include <kayako/request/cookie.hpp>
#include <kayako/request/headers.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// The credential arguments of the query string, already percent-decoded (`query_arguments.hpp` gives them).
struct auth_arguments {
    std::optional<std::string_view> session_id{};      ///< `_session_id`
    std::optional<std::string_view> token{};           ///< `_token`
    std::optional<std::string_view> otp{};             ///< `_otp`
    std::optional<std::string_view> fingerprint_id{};  ///< `_fingerprint_id`
    std::optional<std::string_view> access_token{};    ///< `access_token`
    std::optional<std::string_view> jwt{};             ///< `_jwt`
    std::optional<std::string_view> portal{};          ///< `_portal`
    std::optional<std::string_view> timestamp{};       ///< `_timestamp`
};

/// Where a bearer token came from.
enum class bearer_source : unsigned char { none, authorization_header, access_token_argument, jwt_argument };

/// Everything a request says about who sends it. Views point into the headers and arguments.
struct request_credentials {
    std::optional<basic_credentials> basic;          ///< `Authorization: Basic`
    std::optional<std::string_view> bearer;          ///< `Authorization: Bearer`, `access_token` or `_jwt`
    bearer_source bearer_from = bearer_source::none; ///< where `bearer` came from: the header, `access_token` or `_jwt`
    std::optional<std::string_view> session_id;      ///< `X-Session-ID` / `_session_id` / session cookie
    std::optional<std::string_view> csrf_token;      ///< `X-CSRF-Token`
    std::optional<bool> csrf;                        ///< `X-CSRF` (false: create the session unprotected)
    std::optional<std::string_view> token;           ///< `X-Token` / `_token`
    std::optional<std::string_view> otp;             ///< `X-OTP` / `_otp`
    std::optional<std::string_view> fingerprint_id;  ///< `X-Fingerprint-ID` / `_fingerprint_id`
    std::optional<std::string_view> remember_me;     ///< `X-RememberMe`
    std::optional<std::string_view> fingerprint;     ///< `X-Fingerprint`
    std::optional<std::string_view> portal;          ///< `X-Portal` / `_portal`
    std::optional<std::int64_t> timestamp;           ///< `X-Timestamp` / `_timestamp`, Unix seconds (`parse_request_timestamp`)
};

/// The value of `X-Timestamp` / `_timestamp` (§11.10): Unix seconds, an optional `-` and digits,
/// within `timestamp_min_seconds..timestamp_max_seconds` (§3's years 0001..9999). Not a number
/// (ISO-8601 included) is `invalid_integer` or `empty_value`, past int64 `integer_out_of_range`,
/// past the years `timestamp_out_of_range`, each at its offset in `text` (→ 400 FIELD_INVALID).
inline result<std::int64_t> parse_request_timestamp(std::string_view text) noexcept {
    auto v = parse_integer<std::int64_t>(text);
    if (!v) return v.error();
    if (*v < timestamp_min_seconds || *v > timestamp_max_seconds) return failure(error::timestamp_out_of_range, 0);
    return *v;
}

/// Limits and choices of `read_credentials`.
struct auth_options {
    std::size_t max_value_size = 4096;  ///< one credential value → too_long
    /// The name of the cookie that carries the session ID (`cookie.hpp`); empty: no cookie is
    /// read. Failures about the cookie name it by this view: keep it alive.
    std::string_view session_cookie{};
};

/// True when two copies of a value may stand together (§11.9): absent, or byte for byte equal.
constexpr bool values_consistent(std::optional<std::string_view> a, std::optional<std::string_view> b) noexcept {
    return !a || !b || *a == *b;
}

namespace detail {

// An opaque credential: non-empty visible ASCII, within the size limit.
constexpr result<void> check_credential(std::string_view v, std::string_view name, bool is_header,
                                        auth_options const& options) noexcept {
    if (v.empty()) return failure(error::empty_value, 0, name);
    if (v.size() > options.max_value_size) return failure(error::too_long, options.max_value_size, name);
    for (std::size_t i = 0; i < v.size(); ++i) {
        auto const c = static_cast<unsigned char>(v[i]);
        if (c < 0x21 || c > 0x7E)
            return failure(c == 0 ? error::nul_byte : is_header ? error::invalid_header : error::unexpected_character, i, name);
    }
    return {};
}

// The header `name` (one value, or several identical lines) and the argument `argument`.
template <header_source H>
result<std::optional<std::string_view>> paired_value(H const& headers, std::string_view name,
                                                     std::optional<std::string_view> argument,
                                                     std::string_view argument_name, auth_options const& options) {
    auto one = single_header(headers, name);
    if (!one) return one.error();
    std::optional<std::string_view> const header = *one;
    if (header)
        if (auto r = check_credential(*header, name, true, options); !r) return r.error();
    if (argument && !argument_name.empty())
        if (auto r = check_credential(*argument, argument_name, false, options); !r) return r.error();
    if (!values_consistent(header, argument)) return failure(error::parameters_inconsistent, failure::no_offset, argument_name);
    return header ? header : argument;
}

}  // namespace detail

/// Reads the credentials of a request (see the table at the top). Throws only `std::bad_alloc`
/// (the decoded Basic login) and what the header source throws.
template <header_source H>
result<request_credentials> read_credentials(H const& headers, auth_arguments const& arguments = {},
                                             auth_options const& options = {}) {
    request_credentials c;
    std::optional<std::string_view> none;

    std::optional<std::string_view> header_bearer;
    {
        auto one = single_header(headers, "Authorization");
        if (!one) return one.error();
        std::optional<std::string_view> const raw = *one;
        if (raw) {
            if (raw->size() > options.max_value_size) return failure(error::too_long, options.max_value_size, "Authorization");
            auto a = parse_authorization(*raw);
            if (!a) return a.error();
            if (a->scheme == auth_scheme::basic) {
                auto b = parse_basic_authorization(*raw);
                if (!b) return b.error();
                c.basic = std::move(*b);
            } else {
                header_bearer = a->credentials;
            }
        }
    }
    for (auto const& [value, name] : {std::pair{arguments.access_token, std::string_view("access_token")},
                                      std::pair{arguments.jwt, std::string_view("_jwt")}}) {
        if (!value) continue;
        if (auto r = detail::check_credential(*value, name, false, options); !r) return r.error();
    }
    if (!values_consistent(header_bearer, arguments.access_token))
        return failure(error::parameters_inconsistent, failure::no_offset, "access_token");
    if (!values_consistent(header_bearer, arguments.jwt) || !values_consistent(arguments.access_token, arguments.jwt))
        return failure(error::parameters_inconsistent, failure::no_offset, "_jwt");
    if (header_bearer) {
        c.bearer = header_bearer;
        c.bearer_from = bearer_source::authorization_header;
    } else if (arguments.access_token) {
        c.bearer = arguments.access_token;
        c.bearer_from = bearer_source::access_token_argument;
    } else if (arguments.jwt) {
        c.bearer = arguments.jwt;
        c.bearer_from = bearer_source::jwt_argument;
    }

    struct pair_rule {
        std::string_view header;
        std::optional<std::string_view> argument;
        std::string_view argument_name;
        std::optional<std::string_view>* into;
    };
    std::optional<std::string_view> timestamp_text;
    pair_rule const rules[] = {
        {"X-Session-ID", arguments.session_id, "_session_id", &c.session_id},
        {"X-CSRF-Token", none, {}, &c.csrf_token},
        {"X-Token", arguments.token, "_token", &c.token},
        {"X-OTP", arguments.otp, "_otp", &c.otp},
        {"X-Fingerprint-ID", arguments.fingerprint_id, "_fingerprint_id", &c.fingerprint_id},
        {"X-RememberMe", none, {}, &c.remember_me},
        {"X-Fingerprint", none, {}, &c.fingerprint},
        {"X-Portal", arguments.portal, "_portal", &c.portal},
        {"X-Timestamp", arguments.timestamp, "_timestamp", &timestamp_text},
    };
    for (auto const& rule : rules) {
        auto v = detail::paired_value(headers, rule.header, rule.argument, rule.argument_name, options);
        if (!v) return v.error();
        *rule.into = *v;
    }
    if (!options.session_cookie.empty()) {
        auto cookie = find_cookie(headers, options.session_cookie);
        if (!cookie) return cookie.error();
        if (*cookie) {
            if (auto r = detail::check_credential(**cookie, options.session_cookie, true, options); !r) return r.error();
            if (!values_consistent(c.session_id, *cookie))
                return failure(error::parameters_inconsistent, failure::no_offset, options.session_cookie);
            c.session_id = *cookie;
        }
    }
    if (timestamp_text) {
        auto t = parse_request_timestamp(*timestamp_text);
        if (!t) {
            bool sent_as_header = false;  // both copies are equal when both came: name the header
            headers("X-Timestamp", [&](std::string_view) { sent_as_header = true; });
            return t.error().of(sent_as_header ? std::string_view("X-Timestamp") : std::string_view("_timestamp"));
        }
        c.timestamp = *t;
    }

    std::optional<std::string_view> csrf_text;
    bool csrf_inconsistent = false;
    headers("X-CSRF", [&](std::string_view v) {
        v = trim_ows(v);
        if (!csrf_text) csrf_text = v;
        else if (*csrf_text != v) csrf_inconsistent = true;
    });
    if (csrf_inconsistent) return failure(error::parameters_inconsistent, failure::no_offset, "X-CSRF");
    if (csrf_text) {
        auto b = parse_boolean(*csrf_text);
        if (!b) return failure(error::invalid_header, b.error().offset, "X-CSRF");
        c.csrf = *b;
    }
    return c;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_AUTH_HPP
