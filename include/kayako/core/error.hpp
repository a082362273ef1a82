// kayako-proto — the library's error model.
//
// Every parser of the library is `noexcept` and returns `kayako::result<T>`: either the value or
// a `kayako::failure` that says what went wrong (an `error` enumerator, convertible to a
// `boost::system::error_code` of the "kayako" category) and where (a byte offset into the parsed
// text, the name of the argument, parameter or header, or both). `api_error.hpp` maps a failure to
// the Kayako error it becomes on the wire (`FIELD_INVALID` with `parameter`, ...).
#ifndef KAYAKO_CORE_ERROR_HPP
#define KAYAKO_CORE_ERROR_HPP

#include <boost/assert/source_location.hpp>
#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

namespace kayako {

/// What went wrong. Grouped by the area that reports it; every area may use the general ones.
/// The numeric values are part of the ABI of serialized error codes: append, never reorder.
enum class error : int {
    // General syntax and limits.
    empty_value = 1,          ///< a value that must not be empty is empty
    unexpected_character,     ///< a character that the grammar does not allow here
    unexpected_end,           ///< the input ends in the middle of a construct
    invalid_percent_escape,   ///< `%` not followed by two hex digits (strict decoding)
    invalid_utf8,             ///< bytes that are not UTF-8 (strict decoding)
    nul_byte,                 ///< a NUL byte where text is expected
    too_long,                 ///< a size limit was passed
    too_many,                 ///< a count limit was passed
    too_deep,                 ///< a nesting limit was passed
    duplicate,                ///< a value that must appear once appears again

    // Data types (§3).
    invalid_boolean = 100,    ///< not `true`/`false` (any case) nor `1`/`0`
    invalid_integer,          ///< not an optional `-` followed by decimal digits
    integer_out_of_range,     ///< an integer that does not fit the requested type
    invalid_float,            ///< not a decimal number with an optional fraction and exponent
    float_out_of_range,       ///< a float whose magnitude does not fit a double
    invalid_timestamp,        ///< neither ISO-8601 date-time with zone nor Unix seconds
    timestamp_out_of_range,   ///< a timestamp outside years 0001..9999 or with an impossible field
    invalid_base64,           ///< not strict, padded, standard-alphabet base64
    invalid_option,           ///< not one of the allowed option values
    invalid_name,             ///< a name with characters outside `[A-Za-z0-9_]`

    // Requests: arguments, parameters, headers, authentication (§2, §8, §10, §11).
    invalid_target = 200,     ///< a request target that is not an API path
    missing_parameter,        ///< a required parameter is absent
    wrong_type,               ///< a JSON parameter of the wrong JSON type
    invalid_json,             ///< a body that is not JSON, or not a single object
    invalid_content_type,     ///< a Content-Type the library cannot read
    missing_boundary,         ///< multipart without a usable `boundary`
    invalid_multipart,        ///< a multipart body that breaks RFC 2046
    checksum_mismatch,        ///< Content-MD5 / `_md5` does not match the data
    invalid_header,           ///< a header value that breaks its grammar
    header_injection,         ///< CR, LF or NUL in a header value the library would write
    not_acceptable,           ///< `Accept` excludes JSON (§21.13)
    invalid_credentials,      ///< a malformed Authorization header
    parameters_inconsistent,  ///< the same value sent in two places, differently (§11.9)
    csrf_failed,              ///< missing or wrong X-CSRF-Token on an unsafe method (§10)
    unsupported_method,       ///< a method the API does not know (§1: GET, HEAD, POST, PUT, DELETE)

    // Partial output (§5, §6).
    invalid_fields = 300,     ///< a syntax error in `fields`
    invalid_include,          ///< a syntax error in `include`

    // Envelopes (§4).
    invalid_envelope = 400,   ///< a response body that is not a Kayako envelope
    invalid_jsonp_callback,   ///< a callback that is not a JavaScript identifier path (§13)
    conflicting_arguments,    ///< arguments that exclude each other (`before_id` with `since`, §7)

    // Caching (§9).
    invalid_entity_tag = 500, ///< an entity tag that breaks RFC 9110 §8.8.3
    invalid_http_date,        ///< a date that is none of the accepted HTTP-date forms

    // HTTP message framing (RFC 9112 §3.2, §6; §21.23).
    invalid_framing = 600,    ///< Transfer-Encoding, Content-Length or Host that could frame the request two ways

    // Tokens: OAuth 2.0 (§11.3; RFC 6749, RFC 6750) and JWT (§11.6; RFC 7515, RFC 7519).
    unsupported_grant_type = 700,  ///< a `grant_type` the token endpoint does not know (RFC 6749 §5.2)
    invalid_scope,                 ///< a scope that is not `area[:read|:write]` of §11.3
    invalid_oauth_response,        ///< a token endpoint answer that breaks RFC 6749 §5.1/§5.2
    invalid_jwt,                   ///< not a compact JWS: three base64url parts, JSON objects (RFC 7515 §7.1)
    unsupported_algorithm,         ///< a JWS `alg` other than HS256, HS384, HS512 (`none` included)
    signature_invalid,             ///< the verifier refused the signature
    token_expired,                 ///< `exp` reached (RFC 7519 §4.1.4)
    token_not_yet_valid,           ///< `nbf` or `iat` in the future (RFC 7519 §4.1.5, §4.1.6)
    token_too_old,                 ///< `iat` before the replay window (§11.6)
    unsupported_response_type,     ///< a `response_type` other than `code` (RFC 6749 §4.1.1, §4.1.2.1)
    invalid_redirect_uri,          ///< a redirection URI that is not absolute or has a fragment (RFC 6749 §3.1.2)
    invalid_code_challenge,        ///< a PKCE challenge or verifier that is not 43-128 unreserved characters (RFC 7636 §4.1, §4.2)

    // The API path (§1, §14): what `api_path.hpp` and `api_routes.hpp` refuse.
    version_missing = 800,    ///< no `v<digits>` segment after `/api` (`/api/tests`)
    version_not_supported,    ///< a version segment other than `v1` (`/api/v2/tests`)
    too_many_segments,        ///< more path segments than the server reads (`target_options::max_segments`)
    app_not_found,            ///< an app segment the server does not have (`/api/v1/helpdesk/tests`)
    action_not_available,     ///< a segment after the resource (or its id) that names no action of it

    // Request timestamps (§11.10): what `request_timestamp.hpp` refuses.
    timestamp_missing = 900,  ///< the server requires `X-Timestamp` / `_timestamp` and none came
    timestamp_mismatch,       ///< the request's timestamp is further from the server's clock than allowed
};

/// The category of `kayako::error` codes, named "kayako".
class error_category_impl final : public boost::system::error_category {
public:
    // A fixed identifier keeps equality working across shared libraries that each hold a copy.
    constexpr error_category_impl() noexcept : boost::system::error_category(0x6b6179616b6f0001ULL) {}

    /// "kayako".
    char const* name() const noexcept override { return "kayako"; }

    /// The English description of error `ev` ("invalid integer").
    std::string message(int ev) const override { return describe(static_cast<error>(ev)); }

    /// The same, without allocating (the descriptions are literals).
    char const* message(int ev, char* /*buffer*/, std::size_t /*len*/) const noexcept override {
        return describe(static_cast<error>(ev));
    }

    /// The English description of `e`, a string literal; "unknown kayako error" for a value outside the enum.
    static constexpr char const* describe(error e) noexcept {
        switch (e) {
        case error::empty_value: return "empty value";
        case error::unexpected_character: return "unexpected character";
        case error::unexpected_end: return "unexpected end of input";
        case error::invalid_percent_escape: return "invalid percent escape";
        case error::invalid_utf8: return "invalid UTF-8";
        case error::nul_byte: return "NUL byte in text";
        case error::too_long: return "size limit exceeded";
        case error::too_many: return "count limit exceeded";
        case error::too_deep: return "nesting limit exceeded";
        case error::duplicate: return "duplicate value";
        case error::invalid_boolean: return "invalid boolean (expected true, false, 1 or 0)";
        case error::invalid_integer: return "invalid integer";
        case error::integer_out_of_range: return "integer out of range";
        case error::invalid_float: return "invalid float";
        case error::float_out_of_range: return "float out of range";
        case error::invalid_timestamp: return "invalid timestamp (expected ISO-8601 or Unix seconds)";
        case error::timestamp_out_of_range: return "timestamp out of range";
        case error::invalid_base64: return "invalid base64";
        case error::invalid_option: return "invalid option value";
        case error::invalid_name: return "invalid name";
        case error::invalid_target: return "invalid request target";
        case error::missing_parameter: return "missing parameter";
        case error::wrong_type: return "wrong JSON type";
        case error::invalid_json: return "invalid JSON";
        case error::invalid_content_type: return "unsupported or malformed Content-Type";
        case error::missing_boundary: return "multipart boundary missing";
        case error::invalid_multipart: return "malformed multipart body";
        case error::checksum_mismatch: return "checksum mismatch";
        case error::invalid_header: return "malformed header value";
        case error::header_injection: return "CR, LF or NUL in a header value";
        case error::not_acceptable: return "Accept excludes application/json";
        case error::invalid_credentials: return "malformed credentials";
        case error::parameters_inconsistent: return "parameters inconsistent";
        case error::csrf_failed: return "CSRF token missing or wrong";
        case error::unsupported_method: return "method not supported by the API";
        case error::invalid_fields: return "invalid fields expression";
        case error::invalid_include: return "invalid include list";
        case error::invalid_envelope: return "invalid response envelope";
        case error::invalid_jsonp_callback: return "invalid JSONP callback";
        case error::conflicting_arguments: return "arguments that exclude each other";
        case error::invalid_entity_tag: return "invalid entity tag";
        case error::invalid_http_date: return "invalid HTTP date";
        case error::invalid_framing: return "ambiguous request framing";
        case error::unsupported_grant_type: return "unsupported grant type";
        case error::invalid_scope: return "invalid scope";
        case error::invalid_oauth_response: return "invalid OAuth token endpoint response";
        case error::invalid_jwt: return "malformed JWT";
        case error::unsupported_algorithm: return "unsupported JWS algorithm";
        case error::signature_invalid: return "signature verification failed";
        case error::token_expired: return "token expired";
        case error::token_not_yet_valid: return "token not yet valid";
        case error::token_too_old: return "token issued too long ago";
        case error::unsupported_response_type: return "unsupported response type";
        case error::invalid_redirect_uri: return "invalid redirection URI";
        case error::invalid_code_challenge: return "invalid PKCE code challenge or verifier";
        case error::version_missing: return "API version missing from the URL";
        case error::version_not_supported: return "API version not supported";
        case error::too_many_segments: return "too many URL segments";
        case error::app_not_found: return "app not found";
        case error::action_not_available: return "action not available for the resource";
        case error::timestamp_missing: return "request timestamp missing";
        case error::timestamp_mismatch: return "request timestamp too far from the server's clock";
        }
        return "unknown kayako error";
    }
};

/// The one instance of the category.
inline constexpr error_category_impl error_category_instance{};

/// The "kayako" error category.
inline boost::system::error_category const& kayako_category() noexcept { return error_category_instance; }

/// `e` as a `boost::system::error_code` (found by argument-dependent lookup).
inline boost::system::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), kayako_category()};
}

/// What went wrong and where. Cheap to copy; allocates nothing.
///
/// `parameter` is a view: it names the argument, parameter or header the failure is about, and
/// points either at a string literal of the caller or into the request the caller is handling.
/// Keep the request alive while the failure is used, or copy the name (`api_error` does).
struct failure {
    /// The `offset` of a failure that has no position (a missing parameter).
    static constexpr std::size_t no_offset = static_cast<std::size_t>(-1);

    /// The `index` of a failure that is not about one item of a list.
    static constexpr std::size_t no_index = static_cast<std::size_t>(-1);

    error code = error::unexpected_character; ///< what went wrong
    std::size_t offset = no_offset;           ///< byte offset into the parsed text, or `no_offset`
    std::string_view parameter{};             ///< argument/parameter/header name, or empty
    /// The position of the bad item in the list `parameter` as read (JSON array items, `name[]`
    /// repeats and comma items counted together), or `no_index`: what an error's `pointer`
    /// says (§4.4, `api_error_pointer`). Extra detail, not compared by `==`.
    std::size_t index = no_index;

    constexpr failure() noexcept = default;
    /// A failure with no position and no name: `return error::too_long;`.
    constexpr failure(error e) noexcept : code(e) {}  // NOLINT: implicit by design, `return error::x;`
    /// A failure at byte offset `at`.
    constexpr failure(error e, std::size_t at) noexcept : code(e), offset(at) {}
    /// A failure at byte offset `at` concerning parameter `name` (a view).
    constexpr failure(error e, std::size_t at, std::string_view name) noexcept
        : code(e), offset(at), parameter(name) {}

    /// `code` as a `boost::system::error_code` of the kayako category.
    boost::system::error_code error_code() const noexcept { return make_error_code(code); }

    /// Whether the failure has a byte offset.
    bool has_offset() const noexcept { return offset != no_offset; }

    /// The same failure, said of parameter `name` (a value parser does not know whose value it
    /// reads; its caller does).
    constexpr failure of(std::string_view name) const noexcept {
        failure f = *this;
        f.parameter = name;
        return f;
    }

    /// The same failure with its offset moved by `base` (a sub-parser's offset becomes an offset
    /// into the enclosing text).
    constexpr failure shifted(std::size_t base) const noexcept {
        failure f = *this;
        if (offset != no_offset) f.offset = offset + base;
        return f;
    }

    /// The same failure, said of item `i` of its list parameter.
    constexpr failure at_index(std::size_t i) const noexcept {
        failure f = *this;
        f.index = i;
        return f;
    }
    /// Whether the failure concerns one item of a list parameter.
    bool has_index() const noexcept { return index != no_index; }

    /// "invalid integer at offset 3 in parameter 'limit'".
    std::string message() const {
        std::string out = error_category_impl::describe(code);
        if (has_offset()) {
            out += " at offset ";
            out += std::to_string(offset);
        }
        if (!parameter.empty()) {
            out += " in '";
            out += parameter;
            out += '\'';
        }
        return out;
    }

    friend constexpr bool operator==(failure const& a, failure const& b) noexcept {
        return a.code == b.code && a.offset == b.offset && a.parameter == b.parameter;
    }

    /// Writes `message()`; also what `result<T>`'s own `operator<<` and test frameworks print.
    friend std::ostream& operator<<(std::ostream& os, failure const& f) { return os << f.message(); }
};

/// `result<T>` is the value or the failure. `.value()` throws `boost::system::system_error`.
template <class T>
using result = boost::system::result<T, failure>;

/// Found by argument-dependent lookup from `result<T>::value()`.
[[noreturn]] inline void throw_exception_from_error(failure const& f, boost::source_location const& loc) {
    boost::throw_exception(boost::system::system_error(f.error_code(), f.message()), loc);
}

}  // namespace kayako

namespace boost::system {
template <>
struct is_error_code_enum<kayako::error> : std::true_type {};
}  // namespace boost::system

#endif  // KAYAKO_CORE_ERROR_HPP
