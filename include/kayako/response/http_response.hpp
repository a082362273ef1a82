// kayako-proto — server side: the HTTP response that carries an envelope (§4.1, §4.2, §12, §13).
//
// `make_response` turns an envelope into a status, the few headers the protocol sends and the
// body; the server copies them into its HTTP stack:
//
//     auto r = kayako::make_response(env, {.name_case = c, .jsonp_callback = cb});
//     if (!r) ...;                                        // a header value with CR/LF/NUL
//     res.result(r->status);
//     for (auto const& h : r->headers) res.set(h.name, h.value);
//     res.body() = std::move(r->body);
//
// Headers (§4.2): `Date` when the caller gives it (the library reads no clock), the validators
// `ETag` and `Last-Modified` of a 2xx or 304 (§9.1, §21.7: never of an error, whose body is not
// the representation), `Content-Type: application/json` (`application/javascript` for JSONP),
// `X-API-Version: 1`, `Content-Location` on create, `X-CSRF-Token` after authentication,
// `X-RememberMe` when a remember-me token is issued (§11.5), `Retry-After` with every 429 (§12).
// A 304 has no body and no Content-Type. JSONP (§13) is always HTTP 200 with
// `callback(<envelope>);`; an invalid callback gets `400 FIELD_INVALID` naming
// `_jsonp_callback`, as plain JSON (never echoing the callback).
//
// Hardening headers, for caches and browsers:
// * `X-Content-Type-Options: nosniff` on every answer with a body: a JSON body that echoes
//   request text must never be read as HTML or script, and a JSONP body only as the script its
//   type says. A bare 304 has no body to sniff and sends only what a cache updates (RFC 9110
//   §15.4.5).
// * Who the answer was made for (`response_options::audience`). An answer made for a session or
//   credentials is `Cache-Control: private` (RFC 9111 §5.2.2.7: a shared cache must not store
//   it), and every answer whose content depends on credentials names them in `Vary` (RFC 9110
//   §12.5.5) — also the anonymous one, or a shared cache would hand it to a logged-in client, and
//   a browser that logs out and in as someone else would reuse the first user's answers. Both
//   are kept in a 304, which carries what a 200 would (RFC 9110 §15.4.5, §21.8).
// * `WWW-Authenticate` on a 401 (RFC 9110 §11.6.1) — except in AJAX caching mode, which exists
//   to keep the browser's login dialog away (§9.3, §15 AUTHENTICATION_FAILED). A JSONP answer
//   is a 200 and gets none: a script cannot answer a challenge.
#ifndef KAYAKO_RESPONSE_HTTP_RESPONSE_HPP
#define KAYAKO_RESPONSE_HTTP_RESPONSE_HPP

#include <kayako/core/api_error.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/core/error.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/caching/http_date.hpp>
#include <kayako/envelope/jsonp.hpp>
#include <kayako/core/letter_case.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// One header field the server sends.
struct response_header {
    std::string_view name;  ///< the field name, as it is sent
    std::string_view value; ///< the field value, checked: no CR, LF or NUL
    friend bool operator==(response_header const&, response_header const&) = default;
};

/// The header fields of a response: a small fixed list (the protocol sends at most twelve; the
/// rest is room for a server's own), values checked on the way in. Values the list formats itself
/// (`Retry-After`'s number, the dates) are kept inside the list, so a copy carries its own.
class response_headers {
public:
    /// The most fields a list holds (the protocol sends at most twelve); `add` past it is `too_many`.
    static constexpr std::size_t capacity = 16;
    /// Bytes of the values the list keeps itself: two dates (29 each), a number (at most 20) and
    /// an ETag (a generated one is 34 or 36, §21.6), with room to spare.
    static constexpr std::size_t owned_capacity = 160;

    response_headers() = default;
    /// A copy whose views of its own values point into the copy.
    response_headers(response_headers const& o) noexcept { *this = o; }
    /// Copy assignment (rebases the views of values the list keeps itself).
    response_headers& operator=(response_headers const& o) noexcept {
        if (this == &o) return *this;
        size_ = o.size_;
        owned_ = o.owned_;
        owned_size_ = o.owned_size_;
        for (std::size_t i = 0; i < size_; ++i) {
            fields_[i] = o.fields_[i];
            if (o.owns(o.fields_[i].value))  // re-point at our own copy of the text
                fields_[i].value = std::string_view(owned_.data() + (o.fields_[i].value.data() - o.owned_.data()),
                                                    o.fields_[i].value.size());
        }
        return *this;
    }

    /// Adds a field; `header_injection` (naming the header) for CR/LF/NUL in the value or a name
    /// that is empty or not a token, `too_many` past `capacity`. The value is a view: keep it alive.
    result<void> add(std::string_view name, std::string_view value) noexcept {
        if (auto bad = check_header_name(name); !bad) return bad.error().of(name);
        if (auto bad = check_header_value(value); !bad) return bad.error().of(name);
        if (size_ == capacity) return failure(error::too_many, 0, name);
        fields_[size_++] = {name, value};
        return {};
    }

    /// Adds a field whose value the list copies and keeps; as `add`, and `too_long` (naming the
    /// header) when the kept values would pass `owned_capacity`.
    result<void> add_copy(std::string_view name, std::string_view value) noexcept {
        if (value.size() > owned_capacity - owned_size_) return failure(error::too_long, owned_size_, name);
        char* const at = owned_.data() + owned_size_;
        for (std::size_t i = 0; i < value.size(); ++i) at[i] = value[i];
        auto added = add(name, std::string_view(at, value.size()));
        if (added) owned_size_ += value.size();
        return added;
    }

    /// Adds `name: <seconds>` (Retry-After).
    result<void> add_seconds(std::string_view name, std::uint64_t seconds) noexcept {
        std::array<char, 24> digits{};
        auto r = std::to_chars(digits.data(), digits.data() + digits.size(), seconds);
        return add_copy(name, std::string_view(digits.data(), static_cast<std::size_t>(r.ptr - digits.data())));
    }

    /// Adds `name: <IMF-fixdate>` (Date, Last-Modified; §21.7).
    result<void> add_date(std::string_view name, http_date date) noexcept {
        auto const text = format_http_date(date);
        return add_copy(name, text.view());
    }

    /// The value of the field named `name` (ASCII case-insensitive), if present.
    std::optional<std::string_view> find(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < size_; ++i)
            if (header_name_equal(fields_[i].name, name)) return fields_[i].value;
        return std::nullopt;
    }

    /// The first field, in the order added.
    response_header const* begin() const noexcept { return fields_.data(); }
    /// Past the last field.
    response_header const* end() const noexcept { return fields_.data() + size_; }
    /// The number of fields.
    std::size_t size() const noexcept { return size_; }
    /// Whether no field was added.
    bool empty() const noexcept { return size_ == 0; }

private:
    bool owns(std::string_view v) const noexcept {
        return !v.empty() && v.data() >= owned_.data() && v.data() < owned_.data() + owned_.size();
    }

    std::array<response_header, capacity> fields_{};
    std::size_t size_ = 0;
    std::array<char, owned_capacity> owned_{};
    std::size_t owned_size_ = 0;
};

/// Whom an answer was made for, as caches must know it (see the file comment).
enum class response_audience : unsigned char {
    unspecified,    ///< the server says nothing: no `Cache-Control`, no `Vary`
    anonymous,      ///< no credentials, but the answer would differ with them: `Vary`
    authenticated,  ///< made for a session or credentials (§11.1, §11.8): `Cache-Control: private`, `Vary`
};

/// What an answer depends on besides its URL when credentials shape it: the places a session or a
/// login arrives in (§11.1, §11.8; a session cookie counts too). `_session_id` is in the URL.
inline constexpr std::string_view credentials_vary = "Authorization, X-Session-ID, Cookie";

/// The challenge of a 401 (RFC 9110 §11.6.1): Basic, the only scheme a Kayako login uses (§11.1),
/// in the realm "Kayako", with the charset of RFC 7617 §2.1. `basic_challenge` (authorization.hpp) builds
/// one for another realm.
inline constexpr std::string_view default_challenge = R"(Basic realm="Kayako", charset="UTF-8")";

/// How a response is made.
struct response_options {
    std::optional<http_date> date{};              ///< `Date` (RFC 9110 §6.6.1): now, by the caller's clock
    std::string_view etag{};                      ///< `ETag` field value (§9.1), copied into the response; empty = none
    std::optional<http_date> last_modified{};     ///< `Last-Modified` (§9.1, §21.7)
    letter_case name_case = letter_case::snake;   ///< `_case` of the request (§6.1)
    std::string_view jsonp_callback{};            ///< `_jsonp_callback` of the request; empty = no JSONP
    std::string_view content_location{};          ///< URL of the created resource (201)
    std::string_view csrf_token{};                ///< after authentication (§10)
    std::string_view remember_me{};               ///< `X-RememberMe`: a remember-me token issued (§11.5); empty = none
    std::optional<std::uint64_t> retry_after{};   ///< seconds; required with status 429 (§12)
    response_audience audience = response_audience::unspecified;  ///< Cache-Control / Vary (RFC 9111 §5.2.2.7)
    std::string_view vary = credentials_vary;     ///< the `Vary` value, when `audience` asks for one; empty = none
    std::string_view challenge = default_challenge;  ///< `WWW-Authenticate` of a 401; empty = none
    bool ajax_mode = false;                       ///< §9.3 (`ajax_caching_mode`): no challenge on a 401
};

/// A response ready to send. `headers` views `options`' strings and the header literals.
struct response {
    int status = 200;         ///< the HTTP status line's code; the envelope's `status` says the same (§4.3)
    response_headers headers; ///< the header fields to send (Content-Type, ETag, Retry-After, …; §4.2)
    std::string body;         ///< the body: the envelope (or JSONP call); empty for a 304
    /// HEAD (RFC 9110 §9.3.2): `body` is what the GET would carry — send its length as
    /// `Content-Length`, and not its bytes. Set by `answer` (answer.hpp), not by `make_response`.
    bool head_only = false;
};

/// The Content-Type of every envelope (§4.2).
inline constexpr std::string_view json_content_type = "application/json";
/// The `X-API-Version` the server sends (§14).
inline constexpr std::string_view api_version_header_value = "1";  // X-API-Version (§14)

/// The response for envelope `e` (see the file comment). Fails only for a header value with
/// CR/LF/NUL (`header_injection` naming the header: `vary` and `challenge` are checked too), for
/// a 429 without `retry_after` (`missing_parameter` naming `Retry-After`), and for an `etag`
/// longer than the response keeps (`too_long` naming `ETag`: see `owned_capacity`). The dates,
/// `Retry-After` and the ETag are copied into the response; the other values are views. May
/// throw only `std::bad_alloc`.
inline result<response> make_response(envelope const& e, response_options const& opt = {}) {
    response r;
    r.status = e.status;
    bool jsonp = !opt.jsonp_callback.empty();
    envelope const* body = &e;
    envelope callback_error;  // the 400 for a bad callback
    if (jsonp && !parse_jsonp_callback(opt.jsonp_callback)) {
        jsonp = false;
        callback_error.status = 400;
        callback_error.errors.push_back(make_api_error(api_error_code::field_invalid, jsonp_callback_argument));
        body = &callback_error;
        r.status = 400;
    }
    if (body->status == 429 && !opt.retry_after) return failure(error::missing_parameter, 0, "Retry-After");

    auto add = [&](std::string_view n, std::string_view v) { return r.headers.add(n, v); };
    if (opt.date)
        if (auto ok = r.headers.add_date("Date", *opt.date); !ok) return ok.error();
    // Validators describe the representation a 2xx carries or a 304 confirms (§9.1, RFC 9110
    // §8.8): an error's body is not that representation, so an error answer sends none.
    bool const describes_representation = (body->status >= 200 && body->status < 300) || body->status == 304;
    if (describes_representation && !opt.etag.empty())
        if (auto ok = r.headers.add_copy("ETag", opt.etag); !ok) return ok.error();
    if (describes_representation && opt.last_modified)
        if (auto ok = r.headers.add_date("Last-Modified", *opt.last_modified); !ok) return ok.error();
    if (r.status != 304 || jsonp) {
        if (auto ok = add("Content-Type", jsonp ? jsonp_content_type : json_content_type); !ok) return ok.error();
        if (auto ok = add("X-Content-Type-Options", "nosniff"); !ok) return ok.error();
    }
    if (auto ok = add("X-API-Version", api_version_header_value); !ok) return ok.error();
    if (opt.audience == response_audience::authenticated)
        if (auto ok = add("Cache-Control", "private"); !ok) return ok.error();
    if (opt.audience != response_audience::unspecified && !opt.vary.empty())
        if (auto ok = add("Vary", opt.vary); !ok) return ok.error();
    if (!opt.content_location.empty())
        if (auto ok = add("Content-Location", opt.content_location); !ok) return ok.error();
    if (!opt.csrf_token.empty())
        if (auto ok = add("X-CSRF-Token", opt.csrf_token); !ok) return ok.error();
    if (!opt.remember_me.empty())
        if (auto ok = add("X-RememberMe", opt.remember_me); !ok) return ok.error();
    if (opt.retry_after)
        if (auto ok = r.headers.add_seconds("Retry-After", *opt.retry_after); !ok) return ok.error();
    if (r.status == 401 && !jsonp && !opt.ajax_mode && !opt.challenge.empty())
        if (auto ok = add("WWW-Authenticate", opt.challenge); !ok) return ok.error();

    if (jsonp) {
        // A script cannot see the status: always 200, the real one is in the body (§13).
        r.status = 200;
        r.body.reserve(opt.jsonp_callback.size() + 3 + detail::estimated_envelope_size(*body));
        r.body += opt.jsonp_callback;
        r.body += '(';
        append_envelope(r.body, *body, opt.name_case);
        r.body += ");";
    } else if (r.status != 304) {
        append_envelope(r.body, *body, opt.name_case);
    }
    return r;
}

}  // namespace kayako

#endif  // KAYAKO_RESPONSE_HTTP_RESPONSE_HPP
