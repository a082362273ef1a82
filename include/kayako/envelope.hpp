// kayako-proto — the response envelope (§4.3): its members, errors (§4.4), notifications (§4.5),
// logs (§4.6), and how a server writes it.
//
// Every response body except a 304's is one JSON object: `status`, and where they apply `data`,
// `resource`, the collection metadata and links (§7), flat-mode `resources` (§6.3), `session_id`,
// `auth_token`, `errors`, `notifications`, `logs` and `timestamp`. The same types serve both
// directions: a server fills an `envelope` and calls `serialize_envelope`; a client gets an
// `envelope_metadata` back from `envelope_parser.hpp`.
//
// The types are views (house style): strings are `std::string_view`s into the caller's data (the
// catalogue's literals, the request being answered, or the parsed response), and `data` /
// `resources` refer to a `boost::json::value` or to pre-rendered JSON text (`raw_json`, what
// `output.hpp` produces) that is spliced verbatim. Keep those alive while the envelope is used.
//
// Writing (§21.5): member names come out in the requested letter case (`totalCount`, `nextUrl`,
// `moreInfo` in camel), and so does the *value* of `resource`; enum values (`"INFO"`,
// `"FIELD_INVALID"`) never change. A member that is not set is not written. `data` and `resources`
// are written as given: render them in the requested case before (`output.hpp` does).
#ifndef KAYAKO_ENVELOPE_HPP
#define KAYAKO_ENVELOPE_HPP

#include <kayako/api_error.hpp>
#include <kayako/detail/output_sinks.hpp>
#include <kayako/error.hpp>
#include <kayako/letter_case.hpp>
#include <kayako/values.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kayako {

// ---------------------------------------------------------------------------------------------
// Notifications and logs: their enumerated values (§4.5, §4.6).

enum class notification_type : unsigned char { error, warning, info, success };
enum class log_level : unsigned char { error, warning, notice };

constexpr std::string_view to_string(notification_type t) noexcept {
    switch (t) {
    case notification_type::error: return "ERROR";
    case notification_type::warning: return "WARNING";
    case notification_type::success: return "SUCCESS";
    default: return "INFO";
    }
}

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
    notification(notification_type t, std::string_view text) noexcept : type(to_string(t)), message(text) {}

    std::optional<notification_type> known_type() const noexcept { return parse_notification_type(type); }

    friend bool operator==(notification const&, notification const&) = default;
};

/// One entry of `logs` (§4.6).
struct log_entry {
    std::string_view level = "NOTICE";  ///< `ERROR`, `WARNING`, `NOTICE` (kept as text when read)
    std::string_view message;

    log_entry() = default;
    log_entry(log_level l, std::string_view text) noexcept : level(to_string(l)), message(text) {}

    std::optional<log_level> known_level() const noexcept { return parse_log_level(level); }

    friend bool operator==(log_entry const&, log_entry const&) = default;
};

// ---------------------------------------------------------------------------------------------
// The envelope.

/// Every member of §4.3 except the two that hold resources (`data`, `resources`): what a client
/// reads without building a DOM, and what both directions share. Unset = not written.
struct envelope_metadata {
    int status = 200;
    std::optional<std::string_view> resource;      ///< resource type of `data` (snake; converted on write)
    std::optional<std::uint64_t> total_count;
    std::optional<std::uint64_t> offset;
    std::optional<std::uint64_t> limit;
    std::optional<std::string_view> first_url;
    std::optional<std::string_view> previous_url;
    std::optional<std::string_view> next_url;
    std::optional<std::string_view> last_url;
    std::optional<std::string_view> session_id;
    std::optional<std::string_view> auth_token;
    std::vector<api_error_object> errors;
    std::vector<notification> notifications;
    std::vector<log_entry> logs;
    std::optional<timestamp> server_time;          ///< `timestamp` (with TIMESTAMP_MISMATCH, §11.10)

    /// §4.4: an error response has a status other than 200/201 and at least one error.
    bool is_error() const noexcept { return status != 200 && status != 201 && !errors.empty(); }

    friend bool operator==(envelope_metadata const&, envelope_metadata const&) = default;
};

/// JSON text that is already rendered (by `output.hpp`, a cache, ...) and goes into the envelope
/// verbatim. It must be one complete JSON value; the writer does not check it.
struct raw_json {
    std::string_view text;
};

/// What `data` or `resources` holds: nothing, a view of a `boost::json::value`, or raw JSON text.
class json_payload {
public:
    json_payload() = default;
    json_payload(boost::json::value const& v) noexcept : value_(&v) {}  // NOLINT: implicit by design
    json_payload(raw_json r) noexcept : raw_(r.text), is_raw_(true) {}   // NOLINT: implicit by design

    /// Set, and not an empty raw text (which would not be JSON).
    bool has_value() const noexcept { return is_raw_ ? !raw_.empty() : value_ != nullptr; }
    bool is_raw() const noexcept { return is_raw_; }
    boost::json::value const* value() const noexcept { return value_; }
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

// ---------------------------------------------------------------------------------------------
// Writing.

namespace detail {

inline std::size_t estimated_envelope_size(envelope const& e) noexcept {
    std::size_t n = 64;
    auto add = [&n](std::optional<std::string_view> const& s) { n += s ? s->size() + 24 : 0; };
    add(e.resource), add(e.first_url), add(e.previous_url), add(e.next_url), add(e.last_url);
    add(e.session_id), add(e.auth_token);
    for (auto const& x : e.errors) {
        n += 48 + x.code.size() + x.message.size() + x.more_info.size() + x.parameter.size() + x.pointer.size();
        for (auto p : x.parameters) n += p.size() + 3;
    }
    for (auto const& x : e.notifications)
        n += 64 + x.type.size() + x.message.size() + x.related_url.size() + x.related_href.size() +
             x.related_label.size();
    for (auto const& x : e.logs) n += 32 + x.level.size() + x.message.size();
    if (e.data.is_raw()) n += e.data.raw().size();
    if (e.resources.is_raw()) n += e.resources.raw().size();
    return n;
}

// Writes through a `text_sink` (a raw pointer into the string, commas placed by the sink).

// `"name":`, the envelope's own member names spelled in letter case `c`.
inline void write_key(text_sink& out, std::string_view snake_name, letter_case c) {
    if (c == letter_case::snake)
        out.key_verbatim(snake_name);
    else
        out.key_converted(snake_name, c);
}

inline void write_payload(text_sink& out, json_payload const& p) {
    if (p.is_raw())
        out.splice(p.raw());
    else
        out.value(*p.value());
}

// `"name":"value"`, written when `value` is set (not empty).
inline void write_string_member(text_sink& out, std::string_view name, std::string_view value, letter_case c) {
    if (value.empty()) return;
    write_key(out, name, c);
    out.string(value);
}

inline void write_link_member(text_sink& out, std::string_view name, std::optional<std::string_view> v,
                              letter_case c) {
    if (!v) return;
    write_key(out, name, c);
    out.string(*v);
}

inline void write_count_member(text_sink& out, std::string_view name, std::optional<std::uint64_t> v,
                               letter_case c) {
    if (!v) return;
    write_key(out, name, c);
    out.number(*v);
}

inline void write_error_object(text_sink& out, api_error_object const& e, letter_case c) {
    out.begin_object();
    write_key(out, "code", c);
    out.string(e.code);
    write_string_member(out, "parameter", e.parameter, c);
    if (!e.parameters.empty()) {
        write_key(out, "parameters", c);
        out.begin_array();
        for (std::string_view p : e.parameters) out.string(p);
        out.end_array();
    }
    write_string_member(out, "pointer", e.pointer, c);
    write_string_member(out, "message", e.message, c);
    write_string_member(out, "more_info", e.more_info, c);
    out.end_object();
}

inline void write_notification(text_sink& out, notification const& n, letter_case c) {
    out.begin_object();
    write_key(out, "type", c);
    out.string(n.type);
    write_key(out, "message", c);  // always present, even empty
    out.string(n.message);
    if (n.sticky) {
        write_key(out, "sticky", c);
        out.boolean(*n.sticky);
    }
    write_string_member(out, "related_url", n.related_url, c);
    write_string_member(out, "related_href", n.related_href, c);
    write_string_member(out, "related_label", n.related_label, c);
    out.end_object();
}

inline void write_log(text_sink& out, log_entry const& l, letter_case c) {
    out.begin_object();
    write_key(out, "level", c);
    out.string(l.level);
    write_key(out, "message", c);
    out.string(l.message);
    out.end_object();
}

template <class T, class Write>
void write_array_member(text_sink& out, std::string_view name, std::vector<T> const& items, letter_case c,
                        Write write) {
    if (items.empty()) return;
    write_key(out, name, c);
    out.begin_array();
    for (T const& item : items) write(out, item, c);
    out.end_array();
}

}  // namespace detail

/// Appends envelope `e` as JSON to `out`, member names in letter case `c`.
///
/// Member order follows the reference's samples: `status`, `data`, `resource`, `offset`, `limit`,
/// `total_count`, the four links, `resources`, `session_id`, `errors`, `notifications`, `logs`,
/// `auth_token`, `timestamp`; in an error: `code`, `parameter(s)`, `pointer`, `message`,
/// `more_info`. May throw only `std::bad_alloc`.
inline void append_envelope(std::string& s, envelope const& e, letter_case c = letter_case::snake) {
    using namespace detail;
    s.reserve(s.size() + estimated_envelope_size(e));
    text_sink out(s);  // trims `s` to what was written when it goes
    out.begin_object();
    write_key(out, "status", c);
    out.number(std::int64_t{e.status});
    if (e.data.has_value()) {
        write_key(out, "data", c);
        write_payload(out, e.data);
    }
    if (e.resource) {
        write_key(out, "resource", c);
        if (c == letter_case::snake)
            out.string(*e.resource);
        else
            out.string_converted(*e.resource, c);  // the value is a name too (§21.5)
    }
    write_count_member(out, "offset", e.offset, c);
    write_count_member(out, "limit", e.limit, c);
    write_count_member(out, "total_count", e.total_count, c);
    write_link_member(out, "first_url", e.first_url, c);
    write_link_member(out, "previous_url", e.previous_url, c);
    write_link_member(out, "next_url", e.next_url, c);
    write_link_member(out, "last_url", e.last_url, c);
    if (e.resources.has_value()) {
        write_key(out, "resources", c);
        write_payload(out, e.resources);
    }
    write_link_member(out, "session_id", e.session_id, c);
    write_array_member(out, "errors", e.errors, c, write_error_object);
    write_array_member(out, "notifications", e.notifications, c, write_notification);
    write_array_member(out, "logs", e.logs, c, write_log);
    write_link_member(out, "auth_token", e.auth_token, c);
    if (e.server_time) {
        write_key(out, "timestamp", c);
        out.string(format_timestamp(*e.server_time));
    }
    out.end_object();
}

/// Envelope `e` as JSON text, member names in letter case `c`. May throw only `std::bad_alloc`.
inline std::string serialize_envelope(envelope const& e, letter_case c = letter_case::snake) {
    std::string out;
    append_envelope(out, e, c);
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_HPP
