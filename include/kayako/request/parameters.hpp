// kayako-proto — one typed view over the parameters of a request body, whatever its encoding
// (§2.2 form, §2.3 JSON, §2.4 multipart), chosen by Content-Type (§2.1).
//
//     auto params = kayako::parameters::parse(content_type, body);   // result<parameters>
//     auto flag = params->get<bool>("is_boolean");                   // result<optional<bool>>
//     auto name = params->require<std::string>("name");              // missing → missing_parameter
//     auto items = params->get_list<std::int64_t>("array_items");    // `[]` repeats, `1,2,3`, JSON arrays
//
// Names are matched case-blind across snake, camel and Pascal case (§2.5), and `name[]` is
// `name` (§21.15): a scalar reads the LAST value sent, a list concatenates every value in order.
//
// Values are converted per §3 whatever the encoding, so that TV-DT-4's three spellings of a list
// and a JSON `true` and a form `true` read alike:
//
// | T               | text (form, multipart)       | JSON                                                     |
// |-----------------|------------------------------|----------------------------------------------------------|
// | `bool`          | `true`/`false` any case, `1`/`0` | `true`/`false`; integers 0 and 1; strings as text    |
// | integers        | `-?digits`, range-checked    | integral numbers in range (`3.0` is 3, `3.5` is invalid_integer); strings as text |
// | `double`        | decimal number               | any number; strings as text                              |
// | `timestamp`     | ISO-8601 or Unix seconds     | ISO-8601 strings; integers as Unix seconds               |
// | `binary`        | base64                       | base64 strings                                           |
// | `std::string`   | the text                     | strings; numbers and booleans as their JSON text         |
// | `std::string_view` | the text                  | strings                                                  |
// | other `value_parser<T>` types | the text       | strings                                                  |
//
// A JSON value of another type (an object where a number is wanted, a nested array in a list) is
// `wrong_type`. A JSON `null` reads as absent. A multipart part with a file name is a file, read
// with `file`/`files`; `get` on it is `wrong_type`. Every failure names the parameter as it was
// sent (`failure.parameter`, a view into this object or the body), ready for `api_error_for`:
// 400 FIELD_INVALID, or FIELD_REQUIRED for `require`'s `missing_parameter`.
//
// Text is UTF-8 (§21.20): a name or value that arrived as invalid UTF-8 is `invalid_utf8` naming
// the parameter as sent (→ 400 FIELD_INVALID), in a form body (although the lenient form decoder
// itself writes U+FFFD), in a multipart text part (file parts hold bytes and are exempt), and in
// a JSON body (which Boost.JSON refuses as `invalid_json`) — never stored, never written back raw.
//
// A body of any other Content-Type is a raw upload (§8.2, `upload.hpp`): it has no parameters,
// and `encoding()` says `raw`.
#ifndef KAYAKO_REQUEST_PARAMETERS_HPP
#define KAYAKO_REQUEST_PARAMETERS_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/form.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/request/media_type.hpp>
#include <kayako/request/multipart_boundary.hpp>
#include <kayako/request/multipart_reader.hpp>
#include <kayako/core/values.hpp>

#include <kayako/detail/json_dom_reading.hpp>
#include <kayako/detail/json_reading.hpp>

#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kayako {

/// Limits and modes of `parameters::parse` (§21.14 defaults).
struct parameters_options {
    form_options form{};                      ///< form bodies: strictness, size, field count
    multipart_options multipart{};            ///< multipart bodies
    std::size_t max_json_size = 1024 * 1024;  ///< JSON body size → too_long
    std::size_t max_json_depth = 64;          ///< JSON nesting → too_deep
    std::size_t max_parameters = 1000;        ///< top-level JSON members → too_many
    std::size_t max_list_items = 1000;        ///< items of one list (`get_list`) → too_many
};

/// One parameter as sent: exactly one of `text`, `json` and `file` holds its value.
struct parameter {
    /// Which member holds the value: `text` (form, multipart text part), `json` (JSON body) or `file` (multipart file part).
    enum class kind : unsigned char { text, json, file };
    std::string_view name;                    ///< as sent (with `[]` if it had them)
    kind type = kind::text;                   ///< which of `text`, `json`, `file` holds the value
    std::string_view text;                    ///< `kind::text`: the decoded value
    boost::json::value const* json = nullptr; ///< `kind::json`: the member's value
    multipart_part const* file = nullptr;     ///< `kind::file`: the part (content is a view into the body)

    /// Sent as one item of an array (`name[]=v`), not as a comma list.
    constexpr bool is_array_item() const noexcept { return is_array_item_name(name); }
};

namespace detail {

// Where the JSON text of `body` starts (after its leading whitespace).
inline std::size_t first_json_byte(std::string_view body) noexcept {
    std::size_t first = 0;
    while (first < body.size() && (body[first] == ' ' || body[first] == '\t' || body[first] == '\n' || body[first] == '\r')) ++first;
    return first;
}

// Calls `on_name(name)` with the name, as sent (escapes and all, a view into `body`), of each
// top-level member of the JSON object `body` that starts before byte `end`, in order, until it
// returns true. False when `body` is an array. Only for naming a failure: it walks from the start.
template <class OnName>
bool walk_json_member_names(std::string_view body, std::size_t end, OnName&& on_name) noexcept {
    std::size_t depth = 0;
    bool key_next = false;  // at depth 1, the next string is a member name
    for (std::size_t i = 0; i < end && i < body.size(); ++i) {
        char const c = body[i];
        if (c == '"') {
            std::size_t close = i + 1;
            while (close < body.size() && body[close] != '"') close += body[close] == '\\' ? 2 : 1;
            if (depth == 1 && key_next && on_name(body.substr(i + 1, close - i - 1))) return true;
            key_next = false;
            i = close;
        } else if (c == '{' || c == '[') {
            if (depth == 0 && c == '[') return false;
            key_next = ++depth == 1;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',' && depth == 1) {
            key_next = true;
        }
    }
    return true;
}

// The name, as sent, of the top-level member whose value holds byte `offset` of the JSON object
// `body`, which is valid JSON up to there; a null view when the body is not an object.
inline std::string_view json_member_name_at(std::string_view body, std::size_t offset) noexcept {
    std::string_view name;
    if (!walk_json_member_names(body, offset, [&](std::string_view n) { return name = n, false; })) return {};
    return name;
}

// The name, as sent, of top-level member `index` (from 0) of the JSON object `body`; a null view
// when it has fewer members.
inline std::string_view json_member_name_of(std::string_view body, std::size_t index) noexcept {
    std::string_view name;
    std::size_t seen = 0;
    walk_json_member_names(body, body.size(), [&](std::string_view n) {
        if (seen++ != index) return false;
        name = n;
        return true;
    });
    return name;
}

// JSON → T, for the types of the table above. The failure carries no parameter name yet.
template <class T>
result<T> from_json(boost::json::value const& v) {
    using boost::json::kind;
    if constexpr (std::same_as<T, bool>) {
        switch (v.kind()) {
        case kind::bool_: return v.get_bool();
        case kind::int64: if (v.get_int64() == 0 || v.get_int64() == 1) return v.get_int64() == 1; return failure(error::invalid_boolean, 0);
        case kind::uint64: if (v.get_uint64() <= 1) return v.get_uint64() == 1; return failure(error::invalid_boolean, 0);
        case kind::string: return parse_boolean(v.get_string());
        default: return failure(error::wrong_type);
        }
    } else if constexpr (std::integral<T>) {
        switch (v.kind()) {
        case kind::int64: {
            std::int64_t const i = v.get_int64();
            if (!std::in_range<T>(i)) return failure(error::integer_out_of_range, 0);
            return static_cast<T>(i);
        }
        case kind::uint64: {
            std::uint64_t const u = v.get_uint64();
            if (!std::in_range<T>(u)) return failure(error::integer_out_of_range, 0);
            return static_cast<T>(u);
        }
        case kind::double_: {
            double const d = v.get_double();
            if (std::trunc(d) != d) return failure(error::invalid_integer, 0);  // a fraction (or inf/nan)
            // Exactly representable bounds: [-2^63, 2^63) for int64, [0, 2^64) for uint64, ...
            constexpr double low = static_cast<double>(std::numeric_limits<T>::min());
            constexpr double high = static_cast<double>(std::numeric_limits<T>::max()) + 1.0;
            if (d < low || d >= high) return failure(error::integer_out_of_range, 0);
            return static_cast<T>(d);
        }
        case kind::string: return parse_integer<T>(v.get_string());
        default: return failure(error::wrong_type);
        }
    } else if constexpr (std::same_as<T, double>) {
        switch (v.kind()) {
        case kind::int64: return static_cast<double>(v.get_int64());
        case kind::uint64: return static_cast<double>(v.get_uint64());
        case kind::double_: return v.get_double();
        case kind::string: return parse_float(v.get_string());
        default: return failure(error::wrong_type);
        }
    } else if constexpr (std::same_as<T, timestamp>) {
        auto unix_seconds = [](auto s) -> result<timestamp> {
            if (!std::in_range<std::int64_t>(s)) return failure(error::timestamp_out_of_range, 0);
            auto const i = static_cast<std::int64_t>(s);
            if (i < timestamp_min_seconds || i > timestamp_max_seconds) return failure(error::timestamp_out_of_range, 0);
            return timestamp{i, 0};
        };
        switch (v.kind()) {
        case kind::int64: return unix_seconds(v.get_int64());
        case kind::uint64: return unix_seconds(v.get_uint64());
        case kind::string: return parse_timestamp(v.get_string());
        default: return failure(error::wrong_type);
        }
    } else if constexpr (std::same_as<T, std::string>) {
        switch (v.kind()) {
        case kind::string: return std::string(v.get_string());
        case kind::bool_: return std::string(v.get_bool() ? "true" : "false");
        case kind::int64: return std::to_string(v.get_int64());
        case kind::uint64: return std::to_string(v.get_uint64());
        case kind::double_: {
            char buffer[32];
            auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v.get_double());
            (void)ec;  // 32 characters hold every shortest double
            return std::string(buffer, end);
        }
        default: return failure(error::wrong_type);
        }
    } else {
        if (!v.is_string()) return failure(error::wrong_type);
        return parse_value<T>(v.get_string());
    }
}

// §21.20: a value that arrived as invalid UTF-8 is refused, whatever the body encoding.

// The offset in `raw` (form text, still percent-encoded) of the first byte whose decoded form is
// not part of well-formed UTF-8, or npos. Escapes are read as the lenient decoder reads them (a
// `%` without two hex digits is itself). Allocates: only called when the lenient decoder wrote a
// U+FFFD, which a valid body rarely holds.
inline std::size_t form_text_utf8_error(std::string_view raw) {
    std::string decoded;
    std::vector<std::size_t> origin;  // offset in `raw` of each decoded byte
    for (std::size_t i = 0; i < raw.size(); ++i) {
        origin.push_back(i);
        int const hi = raw[i] == '%' && i + 2 < raw.size() ? hex_digit_value(raw[i + 1]) : -1;
        int const lo = hi >= 0 ? hex_digit_value(raw[i + 2]) : -1;
        if (hi >= 0 && lo >= 0) {
            decoded += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            decoded += raw[i];
        }
    }
    std::size_t const bad = find_invalid_utf8(decoded);
    return bad == std::string_view::npos ? bad : origin[bad];
}

// The first field of a leniently decoded form whose name or value was not UTF-8 as sent:
// `invalid_utf8` at its body offset, naming the field as sent (a view into the body, which
// outlives the failure; the decoded name dies with the form).
inline result<void> check_form_utf8(std::string_view body, decoded_form const& form) {
    constexpr std::string_view replacement = "\xEF\xBF\xBD";
    for (form_field const& f : form) {
        if (f.name.find(replacement) == std::string_view::npos && f.value.find(replacement) == std::string_view::npos)
            continue;
        std::size_t const end = std::min(body.find('&', f.offset), body.size());
        std::string_view const piece = body.substr(f.offset, end - f.offset);
        std::string_view const raw_name = piece.substr(0, piece.find('='));
        if (std::size_t const bad = form_text_utf8_error(piece); bad != std::string_view::npos)
            return failure(error::invalid_utf8, f.offset + bad, raw_name);
    }
    return {};
}

// The first text part of a multipart body that is not UTF-8 (file parts hold bytes, not text):
// `invalid_utf8` at its body offset, naming the part as sent.
inline result<void> check_multipart_utf8(std::string_view body, multipart_form const& form) noexcept {
    for (multipart_part const& part : form) {
        if (part.is_file()) continue;
        std::size_t const bad = find_invalid_utf8(part.content);
        if (bad == std::string_view::npos) continue;
        bool const name_in_body = !part.name.empty() && part.name.data() >= body.data() && part.name.data() < body.data() + body.size();
        std::string_view const name = name_in_body ? part.name : !part.name_as_sent.empty() ? part.name_as_sent : std::string_view("Content-Disposition");
        return failure(error::invalid_utf8, part.content_offset + bad, name);
    }
    return {};
}

}  // namespace detail

/// The parameters of one request body. Views point into this object and, for multipart bodies,
/// into the body, which must outlive it. Move-only.
class parameters {
public:
    parameters() = default;
    /// Moves; views into the held body and JSON stay valid.
    parameters(parameters&&) noexcept = default;
    /// Move assignment.
    parameters& operator=(parameters&&) noexcept = default;
    parameters(parameters const&) = delete;
    parameters& operator=(parameters const&) = delete;

    /// Reads `body` as its Content-Type says (`nullopt`: no header, the form default of §1).
    /// Failures of the Content-Type name `Content-Type`; failures of the body carry the offset
    /// in the body. Throws only `std::bad_alloc`.
    static result<parameters> parse(std::optional<std::string_view> content_type, std::string_view body,
                                    parameters_options const& options = {}, boost::json::storage_ptr storage = {}) {
        parameters p;
        if (!content_type) return parse_form_body(body, options);
        auto m = parse_media_type(*content_type);
        if (!m) return m.error().of("Content-Type");
        switch (body_encoding_of(*m)) {
        case body_encoding::form: return parse_form_body(body, options);
        case body_encoding::json: return parse_json_body(body, options, std::move(storage));
        case body_encoding::multipart: {
            auto boundary = parse_multipart_boundary(*m);
            if (!boundary) return boundary.error();
            return parse_multipart_body(body, *boundary, options);
        }
        case body_encoding::raw: break;
        }
        p.encoding_ = body_encoding::raw;
        return p;
    }

    /// A form body (`application/x-www-form-urlencoded`).
    static result<parameters> parse_form_body(std::string_view body, parameters_options const& options = {}) {
        parameters p;
        p.encoding_ = body_encoding::form;
        auto form = parse_form(body, options.form);
        if (!form) return detail::named_form_limit(form.error(), body);  // §21.14: naming the field
        if (auto utf8 = detail::check_form_utf8(body, *form); !utf8) return utf8.error();
        p.form_ = std::move(*form);
        p.entries_.reserve(p.form_.size());
        for (form_field const& f : p.form_) p.entries_.push_back({f.name, parameter::kind::text, f.value, nullptr, nullptr});
        p.max_list_items_ = options.max_list_items;
        return p;
    }

    /// A JSON body: one object (§2.3). Not JSON, or not an object: `invalid_json` at the offset
    /// where reading stopped; deeper than `max_json_depth`: `too_deep`. Numbers read as the double
    /// nearest to their text, as in a form body (§21.19); one too large for a double is
    /// `float_out_of_range` at its offset, naming the top-level member that holds it.
    static result<parameters> parse_json_body(std::string_view body, parameters_options const& options = {},
                                              boost::json::storage_ptr storage = {}) {
        parameters p;
        p.encoding_ = body_encoding::json;
        p.max_list_items_ = options.max_list_items;
        // §21.14: a limit names its parameter — here the member holding the first byte too many.
        if (body.size() > options.max_json_size)
            return failure(error::too_long, options.max_json_size, detail::json_member_name_at(body, options.max_json_size));
        unsigned char temp[BOOST_JSON_STACK_BUFFER_SIZE];
        boost::system::error_code ec;
        std::size_t used = 0;
        bool overflowed = false;
        boost::json::value document =
            detail::read_json_dom(body, options.max_json_depth, std::move(storage), temp, sizeof temp, ec, used, overflowed);
        if (overflowed) {  // the error path: where that number starts is found by reading again
            std::size_t const at = detail::locate_overflowing_number(body, options.max_json_depth).offset;
            std::string_view const name = detail::json_member_name_at(body, at);
            if (name.data() == nullptr) return failure(error::invalid_json, detail::first_json_byte(body));
            return failure(error::float_out_of_range, at, name);
        }
        if (ec == boost::json::error::incomplete) return failure(error::invalid_json, body.size());
        if (ec) return failure(ec == boost::json::error::too_deep ? error::too_deep : error::invalid_json, used);
        p.json_ = std::make_unique<boost::json::value>(std::move(document));
        if (!p.json_->is_object()) return failure(error::invalid_json, detail::first_json_byte(body));
        boost::json::object const& object = p.json_->get_object();
        if (object.size() > options.max_parameters)  // naming the first member too many (§21.14)
            return failure(error::too_many, 0, detail::json_member_name_of(body, options.max_parameters));
        p.entries_.reserve(object.size());
        for (auto const& member : object)
            p.entries_.push_back({std::string_view(member.key()), parameter::kind::json, {}, &member.value(), nullptr});
        return p;
    }

    /// A multipart body (§2.4); `body` must outlive the result.
    static result<parameters> parse_multipart_body(std::string_view body, multipart_boundary const& boundary,
                                                   parameters_options const& options = {}) {
        parameters p;
        p.encoding_ = body_encoding::multipart;
        p.max_list_items_ = options.max_list_items;
        auto form = parse_multipart(body, boundary, options.multipart);
        if (!form) return form.error();
        if (auto utf8 = detail::check_multipart_utf8(body, *form); !utf8) return utf8.error();
        p.multipart_ = std::move(*form);
        p.entries_.reserve(p.multipart_.size());
        for (multipart_part const& part : p.multipart_) {
            if (part.is_file()) p.entries_.push_back({part.name, parameter::kind::file, {}, nullptr, &part});
            else p.entries_.push_back({part.name, parameter::kind::text, part.content, nullptr, nullptr});
        }
        return p;
    }

    /// The encoding the body was read as; `raw` means "a file, not parameters" (§8.2).
    body_encoding encoding() const noexcept { return encoding_; }

    /// Iterates the parameters in the order sent.
    using const_iterator = std::vector<parameter>::const_iterator;
    /// Every parameter in the order sent (JSON: the object's order).
    const_iterator begin() const noexcept { return entries_.begin(); }
    /// Past the last parameter.
    const_iterator end() const noexcept { return entries_.end(); }
    /// The number of parameters, repeats included.
    std::size_t size() const noexcept { return entries_.size(); }
    /// Whether the body carried no parameter.
    bool empty() const noexcept { return entries_.empty(); }

    /// A parameter named `name` was sent (a JSON `null` counts as not sent).
    bool has(std::string_view name) const noexcept { return last(name) != nullptr; }
    /// `has`, under the name the other name/value sources use (name_value_source.hpp).
    bool contains(std::string_view name) const noexcept { return has(name); }

    /// The last parameter named `name`, or null.
    parameter const* find(std::string_view name) const noexcept { return last(name); }

    // ---- the typed name/value contract (name_value_source.hpp) -----------------------------
    // Offsets are in the value as sent (form text, a multipart part's content, a JSON string);
    // a JSON array element's failure is at its index in the array.

    /// The value of `name` as T: nothing when absent, or the failure (naming the parameter).
    template <class T>
    result<std::optional<T>> get(std::string_view name) const {
        parameter const* p = last(name);
        if (!p) return std::optional<T>();
        auto v = convert<T>(*p);
        if (!v) return v.error();
        return std::optional<T>(std::move(*v));
    }

    /// The value of `name` as T, or `fallback` when absent.
    template <class T>
    result<T> get(std::string_view name, T fallback) const {
        parameter const* p = last(name);
        if (!p) return fallback;
        return convert<T>(*p);
    }

    /// The value of `name` as T; absent is `missing_parameter` (→ 400 FIELD_REQUIRED).
    template <class T>
    result<T> require(std::string_view name) const {
        parameter const* p = last(name);
        if (!p) return failure(error::missing_parameter, failure::no_offset, name);
        return convert<T>(*p);
    }

    /// The option `name` (§3): its canonical spelling from `allowed` (TV-DT-3), or nothing.
    result<std::optional<std::string_view>> get_option(std::string_view name, std::span<std::string_view const> allowed) const {
        auto text = get<std::string_view>(name);
        if (!text) return text.error();
        if (!*text) return std::optional<std::string_view>();
        auto o = parse_option(**text, allowed);
        if (!o) return o.error().of(last(name)->name);
        return std::optional<std::string_view>(*o);
    }

    /// Every item of the list `name`, in order (TV-DT-4): each `name[]` value is one item, a
    /// comma list gives its items, a JSON array its elements. Absent: an empty list. At most
    /// `max_list_items` items (`too_many`). A bad item's failure says which it is in `index`,
    /// its position in the whole list (`{"array_items":[1,"x"]}` and `array_items[]=1&
    /// array_items[]=x` both fail at index 1), for the error's `pointer` (§4.4,
    /// `api_error_pointer`). Throws only `std::bad_alloc`.
    template <class T>
    result<std::vector<T>> get_list(std::string_view name) const {
        std::vector<T> out;
        for (parameter const& p : entries_) {
            if (!form_name_matches(p.name, name)) continue;
            if (p.type == parameter::kind::file) return failure(error::wrong_type, failure::no_offset, p.name);
            auto add_text = [&](std::string_view item, std::size_t at) -> result<void> {
                if (out.size() >= max_list_items_) return failure(error::too_many, at, p.name);
                auto v = parse_value<T>(item);
                if (!v) return v.error().shifted(at).of(p.name).at_index(out.size());
                out.push_back(std::move(*v));
                return {};
            };
            auto add_list = [&](std::string_view text) -> result<void> {
                comma_list const items(text);
                for (auto it = items.begin(); it != items.end(); ++it) {
                    if ((*it).empty()) return failure(error::empty_value, it.offset(), p.name).at_index(out.size());
                    if (auto r = add_text(*it, it.offset()); !r) return r;
                }
                return {};
            };
            if (p.type == parameter::kind::text) {
                auto r = p.is_array_item() ? add_text(p.text, 0) : add_list(p.text);
                if (!r) return r.error();
                continue;
            }
            boost::json::value const& v = *p.json;
            if (v.is_null()) continue;
            if (v.is_array()) {
                boost::json::array const& a = v.get_array();
                for (std::size_t i = 0; i < a.size(); ++i) {
                    if (out.size() >= max_list_items_) return failure(error::too_many, i, p.name);
                    // The offset of an item's failure is its index in the array; its `index`
                    // the position in the whole list (§4.4 `pointer`).
                    if (a[i].is_array() || a[i].is_object()) return failure(error::wrong_type, i, p.name).at_index(out.size());
                    auto item = detail::from_json<T>(a[i]);
                    if (!item) return failure(item.error().code, i, p.name).at_index(out.size());
                    out.push_back(std::move(*item));
                }
            } else if (v.is_string()) {
                if (auto r = add_list(v.get_string()); !r) return r.error();
            } else if (v.is_object()) {
                return failure(error::wrong_type, failure::no_offset, p.name);
            } else {
                if (out.size() >= max_list_items_) return failure(error::too_many, 0, p.name);
                auto item = detail::from_json<T>(v);
                if (!item) return item.error().of(p.name).at_index(out.size());
                out.push_back(std::move(*item));
            }
        }
        return out;
    }

    /// The JSON value of `name` (JSON bodies only; object-valued parameters such as the settings
    /// `values` of §2.3), or null.
    boost::json::value const* json(std::string_view name) const noexcept {
        parameter const* p = last(name);
        return p && p->type == parameter::kind::json ? p->json : nullptr;
    }

    /// The last file part named `name` (multipart bodies), or null.
    multipart_part const* file(std::string_view name) const noexcept {
        parameter const* p = last(name);
        return p && p->type == parameter::kind::file ? p->file : nullptr;
    }

    /// Every file part named `name` (`files[]` repeats, §8.3), in order; every file part when
    /// `name` is empty (TV-FU-3 parts may have no name). Throws only `std::bad_alloc`.
    std::vector<multipart_part const*> files(std::string_view name = {}) const {
        std::vector<multipart_part const*> out;
        for (parameter const& p : entries_)
            if (p.type == parameter::kind::file && (name.empty() || form_name_matches(p.name, name))) out.push_back(p.file);
        return out;
    }

private:
    parameter const* last(std::string_view name) const noexcept {
        for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
            if (!form_name_matches(it->name, name)) continue;
            if (it->type == parameter::kind::json && it->json->is_null()) return nullptr;
            return &*it;
        }
        return nullptr;
    }

    template <class T>
    result<T> convert(parameter const& p) const {
        switch (p.type) {
        case parameter::kind::file: return failure(error::wrong_type, failure::no_offset, p.name);
        case parameter::kind::text: {
            auto v = parse_value<T>(p.text);
            if (!v) return v.error().of(p.name);
            return v;
        }
        case parameter::kind::json: break;
        }
        if constexpr (std::same_as<T, std::string_view>) {
            if (!p.json->is_string()) return failure(error::wrong_type, failure::no_offset, p.name);
            return std::string_view(p.json->get_string());
        } else {
            if (p.json->is_array() || p.json->is_object()) return failure(error::wrong_type, failure::no_offset, p.name);
            auto v = detail::from_json<T>(*p.json);
            if (!v) return v.error().of(p.name);
            return v;
        }
    }

    body_encoding encoding_ = body_encoding::form;
    decoded_form form_;
    multipart_form multipart_;
    std::unique_ptr<boost::json::value> json_;  // on the heap: entries point into it across moves
    std::vector<parameter> entries_;
    std::size_t max_list_items_ = 1000;
};

}  // namespace kayako

#endif  // KAYAKO_REQUEST_PARAMETERS_HPP
