// kayako-proto — the server's side of CORS (§13; Fetch §3.2): which origins may read its answers,
// the answer to a preflight, and the headers that share an actual response.
//
// §13 says only that CORS is supported, preflight included, with the allowed origins configured by
// an administrator; the header details are the Fetch standard's. A server keeps one `cors_policy`
// and, for each request (`read_cors_request`, request/cors_request.hpp):
//
//     auto cors = kayako::read_cors_request(method, headers);
//     if (cors && cors->preflight()) return answer with kayako::answer_preflight(policy, *cors);
//     ...answer the request as usual, then add kayako::share_response(policy, cors) ...
//
// Decisions (the Fetch standard's habits, §21-style):
// * Origins match byte-for-byte against the configured list, after the configuration is written
//   the way browsers serialize an origin (`normalize_origin`: lower-case scheme and host, no
//   default port, no trailing `/`). `http://a.example:8080` is not `http://a.example`; a request's
//   `HTTP://A.EXAMPLE` is no browser's and matches nothing.
// * `null` (sandboxed frames, `file:` pages) is never in a list: any page can claim it.
// * `*` shares with every origin but without credentials — Fetch forbids `*` with credentials,
//   and echoing every origin with credentials would let any site act as the logged-in user.
//   With a list, the origin is echoed and `Access-Control-Allow-Credentials: true` is sent
//   (Kayako sessions travel in headers and cookies).
// * A refused preflight (origin, method or a header not allowed, or a malformed CORS field) is
//   `204` with no `Access-Control-*` field at all: the browser then refuses the request, and the
//   server says nothing about its policy. Fetch defines refusal by the absent headers, not by a
//   status, so no error envelope is invented for it.
// * Every answer whose sharing depends on `Origin` carries `Vary: Origin` (Fetch §3.2.5 advises
//   it), refused ones too, so a cache never hands one origin's answer to another.
#ifndef KAYAKO_RESPONSE_CORS_HPP
#define KAYAKO_RESPONSE_CORS_HPP

#include <kayako/core/error.hpp>
#include <kayako/detail/ascii.hpp>
#include <kayako/request/cors_request.hpp>
#include <kayako/request/headers.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kayako {

/// The methods a Kayako client uses (§2): the preflight's `Access-Control-Allow-Methods`.
inline constexpr std::array<std::string_view, 4> kayako_cors_methods = {"GET", "POST", "PUT", "DELETE"};

/// The request headers a Kayako client sends (§2.1, §6, §9.2, §9.3, §10, §11): the preflight's
/// `Access-Control-Allow-Headers`. Named one by one: a `*` does not cover `Authorization` and
/// means nothing with credentials (Fetch §3.2.3).
inline constexpr std::array<std::string_view, 20> kayako_cors_request_headers = {
    "Authorization",    "Content-Type",        "Content-MD5",      "Content-Disposition",
    "X-CSRF",           "X-CSRF-Token",        "X-Session-ID",     "X-Token",
    "X-OTP",            "X-Options",           "X-Requested-With", "X-Timestamp",
    "X-Fingerprint-ID", "X-Portal",            "If-Match",         "If-None-Match",
    "If-Modified-Since", "If-Unmodified-Since", "Accept",          "Cache-Control"};

/// The response headers a script may read (Fetch's safelist has none of these but
/// `Last-Modified`, listed anyway for old browsers): `Access-Control-Expose-Headers`. A file's
/// download (§8) adds its name (`Content-Disposition`) and checksum (`Content-MD5`), which a
/// script that saves or verifies the bytes needs.
inline constexpr std::array<std::string_view, 10> kayako_cors_exposed_headers = {
    "X-CSRF-Token", "X-Session-ID", "X-API-Version", "ETag",
    "Last-Modified", "Retry-After", "Content-Location", "WWW-Authenticate",
    "Content-Disposition", "Content-MD5"};

/// How long a browser may keep a preflight's answer, in seconds (Chromium caps it at 7200).
inline constexpr std::uint32_t default_cors_max_age = 600;

/// A configured origin written the way a browser serializes one, so that a byte comparison
/// matches (see the top): scheme and host lower-cased, the scheme's default port (80 for http,
/// 443 for https) dropped, one trailing `/` dropped. `invalid_header` naming `Origin` for
/// anything else: a path, `null`, `*`, no host. Throws only `std::bad_alloc`.
inline result<std::string> normalize_origin(std::string_view configured) {
    std::string text(trim_ows(configured));
    if (!text.empty() && text.back() == '/') text.pop_back();
    for (char& c : text) c = detail::to_lower(c);  // scheme and host; the port is digits
    auto parsed = parse_origin(text);
    if (!parsed) return parsed.error();
    if (parsed->opaque) return failure(error::invalid_header, 0, origin_header);
    bool const default_port = parsed->port && ((parsed->scheme == "http" && *parsed->port == 80) ||
                                               (parsed->scheme == "https" && *parsed->port == 443));
    if (default_port) text.resize(parsed->scheme.size() + 3 + parsed->host.size());
    return text;
}

/// Who may read the server's answers from a browser (see the top).
class cors_policy {
public:
    /// No origin is allowed: no request is shared (the default of a server that was not told).
    cors_policy() { rebuild(); }

    /// Adds an origin (normalized by `normalize_origin`; its failure otherwise). `*` allows every
    /// origin, without credentials. Throws only `std::bad_alloc`.
    result<void> allow_origin(std::string_view origin) {
        if (trim_ows(origin) == "*") {
            any_origin_ = true;
            return {};
        }
        auto normalized = normalize_origin(origin);
        if (!normalized) return normalized.error();
        origins_.push_back(std::move(*normalized));
        return {};
    }

    /// Whether credentialed requests are shared (with a list of origins only; default: yes).
    void set_allow_credentials(bool allow) noexcept { credentials_ = allow; }
    /// `Access-Control-Max-Age` of an approved preflight, in seconds.
    void set_max_age(std::uint32_t seconds) { max_age_ = seconds; rebuild(); }

    /// Whether the policy allows some origin.
    bool enabled() const noexcept { return any_origin_ || !origins_.empty(); }
    /// Whether the policy is `*`: every origin, without credentials.
    bool any_origin() const noexcept { return any_origin_; }
    /// Credentials are shared: with a list, never with `*`.
    bool credentials() const noexcept { return credentials_ && !any_origin_; }

    /// Whether `origin` may read answers: listed byte-for-byte, or any origin at all under `*`
    /// (shared without credentials, so `null` is harmless there).
    bool allows(serialized_origin const& origin) const noexcept {
        if (any_origin_) return true;
        if (origin.opaque) return false;
        for (auto const& o : origins_)
            if (o == origin.text) return true;
        return false;
    }
    /// Whether the real request's method passes (byte-exact, Fetch §4.8): listed or CORS-safelisted.
    bool allows_method(std::string_view method) const noexcept {
        if (method == "GET" || method == "HEAD" || method == "POST") return true;
        for (auto m : kayako_cors_methods)
            if (m == method) return true;
        return false;
    }
    /// Whether a request header name passes (case-insensitive): listed, or always safelisted.
    bool allows_header(std::string_view name) const noexcept {
        for (std::string_view safe : {"Accept", "Accept-Language", "Content-Language"})
            if (header_name_equal(name, safe)) return true;
        for (auto h : kayako_cors_request_headers)
            if (header_name_equal(name, h)) return true;
        return false;
    }

    /// `Access-Control-Allow-Methods` of an approved preflight: the methods the API takes.
    std::string_view allowed_methods() const noexcept { return methods_; }
    /// `Access-Control-Allow-Headers` of an approved preflight: the request headers of §2.1 and §11.
    std::string_view allowed_headers() const noexcept { return headers_; }
    /// `Access-Control-Expose-Headers` of a shared response: the response headers a script may read.
    std::string_view exposed_headers() const noexcept { return exposed_; }
    /// `Access-Control-Max-Age`, as the decimal text sent.
    std::string_view max_age() const noexcept { return max_age_text_; }

private:
    void rebuild() {
        auto join = [](auto const& names) {
            std::string out;
            for (std::string_view n : names) {
                if (!out.empty()) out += ", ";
                out += n;
            }
            return out;
        };
        methods_ = join(kayako_cors_methods);
        headers_ = join(kayako_cors_request_headers);
        exposed_ = join(kayako_cors_exposed_headers);
        char text[16];
        auto r = std::to_chars(text, text + sizeof text, max_age_);
        max_age_text_.assign(text, r.ptr);
    }

    std::vector<std::string> origins_;
    bool any_origin_ = false;
    bool credentials_ = true;
    std::uint32_t max_age_ = default_cors_max_age;
    std::string methods_, headers_, exposed_, max_age_text_;
};

/// One header field to add (views into the policy and the request's headers).
struct cors_field {
    std::string_view name;  ///< the field name (`Access-Control-Allow-Origin`, …)
    std::string_view value; ///< its value
    friend constexpr bool operator==(cors_field const&, cors_field const&) noexcept = default;
};

/// What CORS adds to one response: the `Access-Control-*` fields (none when the request is not
/// shared), and whether `Origin` belongs in `Vary` (merge it into a `Vary` the response has).
struct cors_headers {
    bool shared = false;                ///< whether the response is shared with the request's origin
    bool vary_origin = false;           ///< whether `Origin` belongs in `Vary` (the answer depends on it)
    std::array<cors_field, 5> fields{}; ///< the fields added; the first `size` are set
    std::size_t size = 0;               ///< how many of `fields` are set

    /// The first field added.
    cors_field const* begin() const noexcept { return fields.data(); }
    /// Past the last field added.
    cors_field const* end() const noexcept { return fields.data() + size; }
    /// The value of field `name`, if added.
    std::optional<std::string_view> find(std::string_view name) const noexcept {
        for (auto const& f : *this)
            if (header_name_equal(f.name, name)) return f.value;
        return std::nullopt;
    }

    /// Adds a field (at most five: the policy never adds more).
    void add(std::string_view name, std::string_view value) noexcept { fields[size++] = {name, value}; }
};

/// The status of an answered preflight: 204 No Content, approved or not (see the top).
inline constexpr int preflight_status = 204;

namespace detail {
inline cors_headers origin_fields(cors_policy const& policy, serialized_origin const& origin) {
    cors_headers out;
    out.vary_origin = policy.enabled() && !policy.any_origin();
    if (!policy.allows(origin)) return out;
    out.shared = true;
    out.add("Access-Control-Allow-Origin", policy.any_origin() ? std::string_view("*") : origin.text);
    if (policy.credentials()) out.add("Access-Control-Allow-Credentials", "true");
    return out;
}
}  // namespace detail

/// The answer to a preflight (`cors_request::preflight()`): status `preflight_status`, no body,
/// and — when the origin, the method and every requested header are allowed — `Allow-Origin`,
/// `Allow-Credentials`, `Allow-Methods`, `Allow-Headers`, `Max-Age`. Otherwise no
/// `Access-Control-*` field, so the browser refuses. A request that is not a preflight gets the
/// refusal too. The fields view `policy` and the request. Allocates nothing.
inline cors_headers answer_preflight(cors_policy const& policy, cors_request const& request) noexcept {
    cors_headers refused;
    refused.vary_origin = policy.enabled() && !policy.any_origin();
    if (!request.preflight() || !policy.allows_method(*request.request_method)) return refused;
    bool every_header = true;
    auto const listed = scan_field_name_list(request.request_headers, [&](std::string_view name) {
        every_header = every_header && policy.allows_header(name);
    });
    if (!listed || !every_header) return refused;
    cors_headers out = detail::origin_fields(policy, *request.origin);
    if (!out.shared) return refused;
    out.add("Access-Control-Allow-Methods", policy.allowed_methods());
    out.add("Access-Control-Allow-Headers", policy.allowed_headers());
    out.add("Access-Control-Max-Age", policy.max_age());
    return out;
}

/// The fields that share an actual (non-preflight) response with the page that asked: for an
/// allowed `Origin`, `Allow-Origin`, `Allow-Credentials` and `Expose-Headers`; none for a
/// request without `Origin`, with one not allowed, or whose CORS fields were malformed
/// (`request` holds the failure). Errors are shared like successes: a script must see them.
inline cors_headers share_response(cors_policy const& policy, result<cors_request> const& request) noexcept {
    cors_headers none;
    none.vary_origin = policy.enabled() && !policy.any_origin();
    if (!request || !request->origin) return none;
    cors_headers out = detail::origin_fields(policy, *request->origin);
    if (out.shared) out.add("Access-Control-Expose-Headers", policy.exposed_headers());
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_RESPONSE_CORS_HPP
