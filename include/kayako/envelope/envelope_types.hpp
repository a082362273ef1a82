// kayako-proto — what a response envelope holds (§4.3): its members, errors (§4.4),
// notifications (§4.5) and logs (§4.6), as plain types both directions share.
//
// A server fills an `envelope` and writes it with `envelope.hpp`; a client gets an
// `envelope_metadata` back from `envelope_parser.hpp` or `envelope_metadata_parser.hpp`. Which
// JSON member each field is, of what kind and in what order, is described once, in
// `detail/envelope_members.hpp`: a field added here is one row there.
//
// The types are views (house style): strings are `std::string_view`s into the caller's data (the
// catalogue's literals, the request being answered, or the parsed response), and `data` /
// `resources` refer to a `boost::json::value` or to pre-rendered JSON text (`raw_json`, what
// `output.hpp` produces) that is spliced verbatim. Keep those alive while the envelope is used.
#ifndef KAYAKO_ENVELOPE_ENVELOPE_TYPES_HPP
#define KAYAKO_ENVELOPE_ENVELOPE_TYPES_HPP

#include <kayako/core/api_error.hpp>
#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako {

// ---------------------------------------------------------------------------------------------
// Notifications and logs: their enumerated values (§4.5, §4.6).

/// A notification's `type` (§4.5).
enum class notification_type : unsigned char { error, warning, info, success };
/// A log entry's `level` (§4.6).
enum class log_level : unsigned char { error, warning, notice };

/// The wire spelling: `ERROR`, `WARNING`, `INFO`, `SUCCESS`.
constexpr std::string_view to_string(notification_type t) noexcept {
    switch (t) {
    case notification_type::error: return "ERROR";
    case notification_type::warning: return "WARNING";
    case notification_type::success: return "SUCCESS";
    default: return "INFO";
    }
}

/// The wire spelling: `ERROR`, `WARNING`, `NOTICE`.
constexpr std::string_view to_string(log_level l) noexcept {
    switch (l) {
    case log_level::error: return "ERROR";
    case log_level::warning: return "WARNING";
    default: return "NOTICE";
    }
}

namespace detail {
// Options are upper case on the wire and case-insensitive when read (§3).
constexpr bool option_equal(std::string_view text, std::string_view upper) noexcept {
    if (text.size() != upper.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (to_upper(text[i]) != upper[i]) return false;
    return true;
}
}  // namespace detail

/// `ERROR`, `WARNING`, `INFO` or `SUCCESS` in any letter case; nothing for any other text.
constexpr std::optional<notification_type> parse_notification_type(std::string_view text) noexcept {
    for (auto t : {notification_type::error, notification_type::warning, notification_type::info,
                   notification_type::success})
        if (detail::option_equal(text, to_string(t))) return t;
    return std::nullopt;
}

/// `ERROR`, `WARNING` or `NOTICE` in any letter case; nothing for any other text.
constexpr std::optional<log_level> parse_log_level(std::string_view text) noexcept {
    for (auto l : {log_level::error, log_level::warning, log_level::notice})
        if (detail::option_equal(text, to_string(l))) return l;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// The members of errors, notifications and logs.

/// One entry of `errors` (§4.4). `code` is the wire spelling, so that a code this library does
/// not know survives (`known_code()` is empty for it).
struct api_error_object {
    std::string_view code;                    ///< e.g. "FIELD_INVALID"
    std::string_view message;                 ///< English; empty = not written
    std::string_view more_info;               ///< URL of the error page; empty = not written
    std::string_view parameter;               ///< the offending parameter; empty = not written
    std::vector<std::string_view> parameters; ///< several parameters (`["until","since"]`); empty = not written
    std::string_view pointer;                 ///< path to the bad value inside `parameter`; empty = not written

    /// The code as a catalogue enumerator (§15); nothing for a code this library does not know.
    std::optional<api_error_code> known_code() const noexcept { return parse_api_error_code(code); }
    /// The code as an owning `api_error_name` (known or kept as text).
    api_error_name name() const { return api_error_name(code); }
    /// The HTTP status of a known code (§15, §21.12); nothing for an unknown one.
    std::optional<int> http_status() const noexcept {
        auto const k = known_code();
        return k ? std::optional<int>(kayako::http_status(*k)) : std::nullopt;
    }

    friend bool operator==(api_error_object const&, api_error_object const&) = default;
};

/// The catalogue's error `c` with its message and `more_info` URL.
inline api_error_object make_api_error(api_error_code c, std::string_view parameter = {}) {
    auto const& row = describe(c);
    api_error_object e;
    e.code = row.name;
    e.message = row.message;
    e.more_info = row.more_info;
    e.parameter = parameter;
    return e;
}

/// The error a library failure becomes on the wire (`FIELD_INVALID` naming the parameter, ...).
/// The parameter is a view of `f.parameter`: keep the request it points into alive.
inline api_error_object make_api_error(failure const& f) { return make_api_error(api_error_for(f), f.parameter); }

/// The catalogue's error `c` naming several parameters (`ONE_FIELD_EXPECTED`, `ANY_FIELD_REQUIRED`).
inline api_error_object make_api_error(api_error_code c, std::span<std::string_view const> parameters) {
    api_error_object e = make_api_error(c);
    e.parameters.assign(parameters.begin(), parameters.end());
    return e;
}

/// One entry of `notifications` (§4.5).
struct notification {
    std::string_view type = "INFO";   ///< `ERROR`, `WARNING`, `INFO`, `SUCCESS` (kept as text when read)
    std::string_view message;         ///< localized, for end users
    std::optional<bool> sticky;       ///< keep on screen as long as reasonable
    std::string_view related_url;     ///< a resource URL the UI may link to; empty = not written
    std::string_view related_href;    ///< a URL the UI should offer to open; empty = not written
    std::string_view related_label;   ///< label of that link; empty = not written

    notification() = default;
    /// A notification of type `t` with the message `text` (a view: keep it alive).
    notification(notification_type t, std::string_view text) noexcept : type(to_string(t)), message(text) {}

    /// `type` as an enumerator; nothing for a type §4.5 does not list.
    std::optional<notification_type> known_type() const noexcept { return parse_notification_type(type); }

    friend bool operator==(notification const&, notification const&) = default;
};

/// One entry of `logs` (§4.6).
struct log_entry {
    std::string_view level = "NOTICE";  ///< `ERROR`, `WARNING`, `NOTICE` (kept as text when read)
    std::string_view message;  ///< the log line's text

    log_entry() = default;
    /// A log entry of level `l` with the message `text` (a view: keep it alive).
    log_entry(log_level l, std::string_view text) noexcept : level(to_string(l)), message(text) {}

    /// `level` as an enumerator; nothing for a level §4.6 does not list.
    std::optional<log_level> known_level() const noexcept { return parse_log_level(level); }

    friend bool operator==(log_entry const&, log_entry const&) = default;
};

// ---------------------------------------------------------------------------------------------
// The envelope.

/// Every member of §4.3 except the two that hold resources (`data`, `resources`): what a client
/// reads without building a DOM, and what both directions share. Unset = not written.
struct envelope_metadata {
    int status = 200;                             ///< `status`: the HTTP status the server reports in the body (§4.3); mirrors the status line
    std::optional<std::string_view> resource;     ///< resource type of `data` (snake; converted on write)
    std::optional<std::uint64_t> total_count;     ///< `total_count`: the size of the whole collection, not of this page (§7.1)
    std::optional<std::uint64_t> offset;          ///< `offset`: the position of this page's first item (§7.1)
    std::optional<std::uint64_t> limit;           ///< `limit`: the page size the server applied (§7.1, §21.17)
    std::optional<std::string_view> first_url;    ///< `first_url`: the link to the first page (§7.4)
    std::optional<std::string_view> previous_url; ///< `previous_url`: the link to the previous page; absent on the first (§7.4, §21.11)
    std::optional<std::string_view> next_url;     ///< `next_url`: the link to the next page; absent on the last (§7.4)
    std::optional<std::string_view> last_url;     ///< `last_url`: the link to the last page (§7.4)
    std::optional<std::string_view> session_id;   ///< `session_id`: the session a login opened (§11.7); a credential
    std::optional<std::string_view> auth_token;   ///< `auth_token`: the token of a multi-step login's next step (§11.2)
    std::vector<api_error_object> errors;         ///< `errors`: why the request failed (§4.4); empty = not written
    std::vector<notification> notifications;      ///< `notifications`: messages for the end user (§4.5); empty = not written
    std::vector<log_entry> logs;                  ///< `logs`: diagnostics for the developer (§4.6); empty = not written
    std::optional<timestamp> server_time;         ///< `timestamp` (with TIMESTAMP_MISMATCH, §11.10)

    /// §4.4: an error response has a status other than 200/201 and at least one error.
    bool is_error() const noexcept { return status != 200 && status != 201 && !errors.empty(); }

    friend bool operator==(envelope_metadata const&, envelope_metadata const&) = default;
};

/// JSON text that is already rendered (by `output.hpp`, a cache, ...) and goes into the envelope
/// verbatim. It must be one complete JSON value; the writer does not check it.
struct raw_json {
    std::string_view text;  ///< the JSON text, written as is
};

/// What `data` or `resources` holds: nothing, a view of a `boost::json::value`, or raw JSON text.
class json_payload {
public:
    json_payload() = default;
    /// A view of `v` (keep it alive until the envelope is written).
    json_payload(boost::json::value const& v) noexcept : value_(&v) {}  // NOLINT: implicit by design
    /// Already-rendered JSON text, written verbatim.
    json_payload(raw_json r) noexcept : raw_(r.text), is_raw_(true) {}   // NOLINT: implicit by design

    /// Set, and not an empty raw text (which would not be JSON).
    bool has_value() const noexcept { return is_raw_ ? !raw_.empty() : value_ != nullptr; }
    /// Whether the payload is raw JSON text rather than a `boost::json::value`.
    bool is_raw() const noexcept { return is_raw_; }
    /// The value viewed; null when raw or unset.
    boost::json::value const* value() const noexcept { return value_; }
    /// The raw JSON text; empty when not raw.
    std::string_view raw() const noexcept { return raw_; }

private:
    boost::json::value const* value_ = nullptr;
    std::string_view raw_;
    bool is_raw_ = false;
};

/// A response envelope a server writes.
struct envelope : envelope_metadata {
    json_payload data;       ///< a resource (object) or a collection (array)
    json_payload resources;  ///< flat mode (§6.3): `{ <resource_type>: { "<id>": {...} } }`
};

/// The HTTP status that goes with `errors` (§15, §21.12): the status of the first error whose
/// code is known — the primary error decides, the others add detail — and 400 when none is known
/// or there are none (an unknown code is a client error the catalogue does not name).
inline int status_for_errors(std::span<api_error_object const> errors) noexcept {
    for (auto const& e : errors)
        if (auto s = e.http_status()) return *s;
    return 400;
}

/// An error envelope: `errors` and the status that goes with them.
inline envelope make_error_envelope(std::vector<api_error_object> errors) {
    envelope e;
    e.status = status_for_errors(errors);
    e.errors = std::move(errors);
    return e;
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_ENVELOPE_TYPES_HPP
