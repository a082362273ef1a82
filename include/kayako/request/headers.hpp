// kayako-proto — how the library reads request headers from any HTTP stack.
//
// The library never owns a header map. A *header source* is any callable `h(name, visit)` that
// calls `visit(value)` once for every field line named `name` (ASCII case-insensitively), in the
// order received, with the field value as a `std::string_view` (surrounding whitespace may be
// left in; readers trim it). Beast, cpp-httplib, a test's vector of pairs: each is a few lines of
// adapter and no copy. RFC 9110 §5.3: several lines of one field are one comma-separated list.
#ifndef KAYAKO_REQUEST_HEADERS_HPP
#define KAYAKO_REQUEST_HEADERS_HPP

#include <kayako/detail/ascii.hpp>
#include <kayako/core/error.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

/// A callable that visits every value of the header lines named `name`.
template <class H>
concept header_source = requires(H const& h, std::string_view name, void (*visit)(std::string_view)) {
    h(name, visit);
};

/// ASCII case-insensitive equality of header names.
constexpr bool header_name_equal(std::string_view a, std::string_view b) noexcept { return detail::ascii_iequals(a, b); }

/// Optional whitespace (SP, HTAB) trimmed from both ends (RFC 9110 §5.6.3).
constexpr std::string_view trim_ows(std::string_view v) noexcept {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

/// A header source over any range of name/value pairs (a vector of pairs, a multimap, ...).
template <class Range>
class pair_headers {
public:
    /// A view of `fields` (keep it alive).
    constexpr explicit pair_headers(Range const& fields) noexcept : fields_(&fields) {}
    template <class Visit>
    /// Calls `visit(value)` for every field named `name` (any case), in order: the `header_source` contract.
    constexpr void operator()(std::string_view name, Visit&& visit) const {
        for (auto const& [n, v] : *fields_)
            if (header_name_equal(n, name)) visit(std::string_view(v));
    }

private:
    Range const* fields_;
};

/// The value of a header that must appear once: nothing when absent, the trimmed value of the
/// only line, or — when it arrived on several lines — the lines joined with ", " in `storage`
/// (RFC 9110 §5.3), which the returned view then points into.
template <header_source H>
std::optional<std::string_view> folded_header(H const& headers, std::string_view name, std::string& storage) {
    std::optional<std::string_view> first;
    std::size_t lines = 0;
    headers(name, [&](std::string_view v) {
        v = trim_ows(v);
        if (lines++ == 0) {
            first = v;
            return;
        }
        if (lines == 2) storage.assign(first->data(), first->size());
        storage += ", ";
        storage.append(v.data(), v.size());
    });
    if (lines <= 1) return first;
    return std::string_view(storage);
}

/// The value of a header that may appear once: nothing when absent, its trimmed value, or — when
/// it came on several lines with different values — `parameters_inconsistent` naming it (lines
/// that repeat one value are that value: proxies duplicate headers).
template <header_source H>
result<std::optional<std::string_view>> single_header(H const& headers, std::string_view name) {
    std::optional<std::string_view> value;
    bool inconsistent = false;
    headers(name, [&](std::string_view v) {
        v = trim_ows(v);
        if (!value) value = v;
        else if (*value != v) inconsistent = true;
    });
    if (inconsistent) return failure(error::parameters_inconsistent, failure::no_offset, name);
    return value;
}

// ---------------------------------------------------------------------------------------------
// Writing headers safely
// ---------------------------------------------------------------------------------------------

/// A value the library writes into a header must not be able to end the field or start another
/// one (header injection) or cut it short: CR, LF and NUL are `header_injection` at their offset
/// (RFC 9110 §5.5), naming `header_name` when given.
constexpr result<void> check_header_value(std::string_view value, std::string_view header_name = {}) noexcept {
    for (std::size_t i = 0; i < value.size(); ++i)
        if (value[i] == '\r' || value[i] == '\n' || value[i] == '\0') return failure(error::header_injection, i, header_name);
    return {};
}

namespace detail {
/// `tchar` of RFC 9110 §5.6.2.
constexpr bool is_token_character(char c) noexcept {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~': return true;
    default: return false;
    }
}
}  // namespace detail

/// A header name the library writes must be a non-empty token (RFC 9110 §5.1); otherwise
/// `header_injection` at the first bad character (an empty name: offset 0).
constexpr result<void> check_header_name(std::string_view name) noexcept {
    if (name.empty()) return failure(error::header_injection, 0);
    for (std::size_t i = 0; i < name.size(); ++i)
        if (!detail::is_token_character(name[i])) return failure(error::header_injection, i);
    return {};
}

// ---------------------------------------------------------------------------------------------
// Accept (§2.1, §21.13)
// ---------------------------------------------------------------------------------------------

namespace detail {

/// Calls `element(text)` for each element of a comma-separated header list (RFC 9110 §5.6.1),
/// trimmed, skipping empty ones; commas inside quoted strings do not split.
template <class Element>
constexpr void for_each_list_element(std::string_view list, Element&& element) {
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i <= list.size(); ++i) {
        if (i < list.size()) {
            char const c = list[i];
            if (quoted) {
                // A quoted-pair: the next character is literal. A backslash that ends the list
                // escapes nothing, and must not step over the end, which emits the last element.
                if (c == '\\' && i + 1 < list.size()) ++i;
                else if (c == '"') quoted = false;
                continue;
            }
            if (c == '"') {
                quoted = true;
                continue;
            }
            if (c != ',') continue;
        }
        std::string_view const item = trim_ows(list.substr(start, (i < list.size() ? i : list.size()) - start));
        if (!item.empty()) element(item);
        start = i + 1;
    }
}

/// RFC 9110 §12.4.2 `qvalue` in thousandths: `0[.ddd]` or `1[.000]`; nothing when malformed.
constexpr std::optional<int> parse_qvalue(std::string_view q) noexcept {
    if (q.empty() || (q[0] != '0' && q[0] != '1')) return std::nullopt;
    int value = (q[0] - '0') * 1000;
    if (q.size() == 1) return value;
    if (q[1] != '.' || q.size() > 5) return std::nullopt;
    int scale = 100;
    for (std::size_t i = 2; i < q.size(); ++i, scale /= 10) {
        if (q[i] < '0' || q[i] > '9') return std::nullopt;
        value += (q[i] - '0') * scale;
    }
    if (value > 1000) return std::nullopt;
    return value;
}

/// Where the parameter at the start of `params` ends: at the first `;` outside a quoted string
/// (RFC 9110 §5.6.4, §5.6.6: in `a="x;q=0"` the `;` is part of the value), or at the end. Nothing
/// when a quoted string is left open: the parameter is malformed.
constexpr std::optional<std::size_t> parameter_end(std::string_view params) noexcept {
    bool quoted = false;
    for (std::size_t i = 0; i < params.size(); ++i) {
        char const c = params[i];
        if (quoted) {
            if (c == '\\') ++i;  // a quoted-pair: the next character is literal
            else if (c == '"') quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ';') {
            return i;
        }
    }
    if (quoted) return std::nullopt;
    return params.size();
}

/// How well one `Accept` element matches `application/json`: 3 exact, 2 `application/*`,
/// 1 `*/*`, 0 not at all or malformed; and its weight in thousandths.
struct accept_match {
    int specificity = 0;
    int weight = 1000;
};

constexpr accept_match match_json(std::string_view element) noexcept {
    std::size_t const semicolon = element.find(';');
    std::string_view const range = trim_ows(element.substr(0, semicolon));
    std::size_t const slash = range.find('/');
    if (slash == std::string_view::npos) return {};
    std::string_view const type = range.substr(0, slash), subtype = range.substr(slash + 1);
    for (std::string_view t : {type, subtype}) {
        if (t.empty()) return {};
        for (char c : t)
            if (!is_token_character(c)) return {};
    }
    accept_match m;
    if (type == "*" && subtype == "*") m.specificity = 1;
    else if (ascii_iequals(type, "application") && subtype == "*") m.specificity = 2;
    else if (ascii_iequals(type, "application") && ascii_iequals(subtype, "json")) m.specificity = 3;
    else return {};
    // Parameters: only `q` matters here; a malformed one drops the element (RFC 9110 §12.5.1).
    std::string_view params = semicolon == std::string_view::npos ? std::string_view{} : element.substr(semicolon + 1);
    while (!params.empty()) {
        auto const end = parameter_end(params);
        if (!end) return {};
        std::string_view const param = trim_ows(params.substr(0, *end));
        params = *end == params.size() ? std::string_view{} : params.substr(*end + 1);
        if (param.empty()) continue;
        std::size_t const eq = param.find('=');
        if (eq == std::string_view::npos) return {};
        if (ascii_iequals(trim_ows(param.substr(0, eq)), "q")) {
            auto const q = parse_qvalue(trim_ows(param.substr(eq + 1)));
            if (!q) return {};
            m.weight = *q;
        }
    }
    return m;
}

}  // namespace detail

namespace detail {
/// Folds the elements of one or more `Accept` lines into the decision about JSON.
class json_acceptance {
public:
    constexpr void add(std::string_view value) noexcept {
        for_each_list_element(value, [&](std::string_view element) {
            any_ = true;
            accept_match const m = match_json(element);
            if (m.specificity > best_.specificity || (m.specificity == best_.specificity && m.weight > best_.weight)) best_ = m;
        });
    }
    /// No element at all means "anything" (RFC 9110 §12.5.1).
    constexpr bool allows_json() const noexcept { return !any_ || (best_.specificity > 0 && best_.weight > 0); }

private:
    accept_match best_{0, 0};
    bool any_ = false;
};
}  // namespace detail

/// True when an `Accept` field value lets the server answer with `application/json`: the most
/// specific range that covers it (`application/json` over `application/*` over `*/*`, RFC 9110
/// §12.5.1) has a weight above 0. Malformed elements are skipped; an empty value accepts anything.
constexpr bool accept_allows_json(std::string_view accept) noexcept {
    detail::json_acceptance acceptance;
    acceptance.add(accept);
    return acceptance.allows_json();
}

/// The §21.13 check over every `Accept` line of a request: absent means `*/*`; one that refuses
/// JSON is `not_acceptable` naming `Accept` (→ `406 FORMAT_NOT_ACCEPTABLE`). Several lines are
/// one list (RFC 9110 §5.3), so the check sees them together, without copying.
template <header_source H>
constexpr result<void> check_accept(H const& headers) {
    detail::json_acceptance acceptance;
    headers("Accept", [&](std::string_view value) { acceptance.add(value); });
    if (acceptance.allows_json()) return {};
    return failure(error::not_acceptable, failure::no_offset, "Accept");
}

// ---------------------------------------------------------------------------------------------
// X-Options (§6.2, §6.3) and X-Requested-With (§9.3, §21.9)
// ---------------------------------------------------------------------------------------------

/// The switches of `X-Options`.
struct header_options {
    bool no_empty = false;  ///< same as `_empty=false`
    bool flat = false;      ///< same as `_flat=true`
    friend constexpr bool operator==(header_options const&, header_options const&) noexcept = default;
};

/// Reads an `X-Options` value: a comma list, any letter case, surrounding spaces ignored, unknown
/// options ignored (a newer client must not break an older server). Never fails.
constexpr header_options parse_x_options(std::string_view value, header_options into = {}) noexcept {
    detail::for_each_list_element(value, [&](std::string_view option) {
        if (detail::ascii_iequals(option, "no_empty")) into.no_empty = true;
        else if (detail::ascii_iequals(option, "flat")) into.flat = true;
    });
    return into;
}

/// `X-Options` over every line of the request.
template <header_source H>
constexpr header_options read_x_options(H const& headers) {
    header_options options;
    headers("X-Options", [&](std::string_view value) { options = parse_x_options(value, options); });
    return options;
}

/// The value that writes `options` (`no_empty,flat`, `no_empty`, `flat`, or empty for none).
constexpr std::string_view format_x_options(header_options options) noexcept {
    if (options.no_empty && options.flat) return "no_empty,flat";
    if (options.no_empty) return "no_empty";
    if (options.flat) return "flat";
    return {};
}

/// True when `X-Requested-With` asks for AJAX caching mode (§9.3): `XMLHttpRequest`, as browsers
/// send it, or `XMHTTPRequest`, as the reference spells it (§21.9); any letter case.
constexpr bool is_ajax_value(std::string_view value) noexcept {
    value = trim_ows(value);
    return detail::ascii_iequals(value, "XMLHttpRequest") || detail::ascii_iequals(value, "XMHTTPRequest");
}

/// True when any `X-Requested-With` line of `headers` asks for AJAX caching mode (`is_ajax_value`, §9.3, §21.9).
template <header_source H>
constexpr bool is_ajax_request(H const& headers) {
    bool ajax = false;
    headers("X-Requested-With", [&](std::string_view value) { ajax = ajax || is_ajax_value(value); });
    return ajax;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_HEADERS_HPP
