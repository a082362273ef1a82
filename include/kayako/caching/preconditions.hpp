// kayako-proto — the server's preconditions: conditional requests evaluated against the current
// state of the target resource (§9.2, §9.3, §21.8, §21.9; RFC 9110 §13).
//
// `evaluate_preconditions(method, headers, validators)` decides, without allocating, whether the
// request proceeds, gets `304 Not Modified`, or gets `412 Precondition Failed` with
// `RESOURCE_MODIFIED` — in the order of RFC 9110 §13.2.2:
//
//   1. If-Match present:            false ⇒ 412            (malformed ⇒ 412: fail closed, §21.8)
//   2. else If-Unmodified-Since:    false ⇒ 412            (invalid date, several lines, or no
//                                                           modification time ⇒ ignored; equal
//                                                           to an ambiguous second ⇒ false)
//   3. If-None-Match present:       false ⇒ 304 for GET/HEAD, 412 otherwise
//                                                          (malformed ⇒ ignored, as if absent)
//   4. else, GET/HEAD only, If-Modified-Since: false ⇒ 304 (invalid date ⇒ ignored; equal to an
//                                                          ambiguous second ⇒ modified: no 304)
//   5. proceed.
//
// If-Match compares strongly (a weak current tag never satisfies it), If-None-Match weakly; `*`
// asks whether the resource exists. In AJAX caching mode (§9.3) validators describe content, so
// any If-Match or If-Unmodified-Since is refused with 412 RESOURCE_MODIFIED. Also here: which
// headers of a 200 a 304 keeps (§21.8). The client's side — keeping validators and sending the
// `If-*` headers — is validator_store.hpp.
#ifndef KAYAKO_CACHING_PRECONDITIONS_HPP
#define KAYAKO_CACHING_PRECONDITIONS_HPP

#include <kayako/core/api_error.hpp>
#include <kayako/caching/etag.hpp>
#include <kayako/caching/http_date.hpp>
#include <kayako/request/headers.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace kayako {

/// What the server knows about the target resource before acting on the request.
struct resource_validators {
    bool exists = true;                         ///< the target has a current representation
    std::optional<entity_tag> etag{};           ///< its current ETag (a view; weak or strong)
    std::optional<http_date> last_modified{};   ///< its modification time, truncated to seconds
                                                ///< (`http_date::from(time_point)` truncates)
    /// The second of `last_modified` does not name one state of the resource: the resource
    /// changed more than once within it, or the server cannot rule out that it did (it changed
    /// within the current second and may change again before the second ends). A date equal to
    /// that second then cannot tell the states apart, so it is read the conservative way in each
    /// direction: If-Unmodified-Since equal to it is false (412; RFC 9110 §13.1.4 — the client
    /// may hold the first state) and If-Modified-Since equal to it is true (no 304; §13.1.3 —
    /// the cache may hold the first state). RFC 9110 §8.8.2.2 calls such a date a weak
    /// validator. Dates before or after the second, and the ETag conditions, are unaffected.
    bool last_modified_ambiguous = false;
};

/// How `evaluate_preconditions` reads the request's `If-*` fields (§9.2, §9.3, §21.6–§21.8).
struct precondition_options {
    /// §9.3: the request is in AJAX caching mode (see `ajax_caching_mode`); concurrency control
    /// (If-Match, If-Unmodified-Since) is then refused.
    bool ajax_mode = false;
    entity_tag_options etag{};  ///< how If-Match / If-None-Match are parsed (Kayako mode by default)
    http_date_options date{};   ///< how If-Modified-Since / If-Unmodified-Since are parsed
};

/// The three results of the preconditions (RFC 9110 §13.2.2, §21.8).
enum class precondition_outcome : unsigned char {
    proceed,              ///< perform the method
    not_modified,         ///< answer 304 with the headers of `kept_in_not_modified`, no body
    precondition_failed,  ///< answer 412 with the RESOURCE_MODIFIED error
};

/// Which rule decided (for logs and tests).
enum class precondition_reason : unsigned char {
    none,                      ///< no precondition failed
    if_match,                  ///< If-Match evaluated to false
    if_match_malformed,        ///< If-Match could not be parsed (fails closed, §21.8)
    if_unmodified_since,       ///< modified after the If-Unmodified-Since date
    if_none_match,             ///< If-None-Match evaluated to false
    if_modified_since,         ///< not modified since the If-Modified-Since date
    ajax_concurrency_control,  ///< If-Match / If-Unmodified-Since in AJAX caching mode (§9.3)
};

/// What the preconditions decided, and which condition decided it.
struct precondition_result {
    precondition_outcome outcome = precondition_outcome::proceed; ///< proceed, 304 or 412 (§21.8)
    precondition_reason reason = precondition_reason::none;       ///< the condition that decided it; `none` when no condition applied

    /// Whether the method should be performed.
    constexpr bool proceed() const noexcept { return outcome == precondition_outcome::proceed; }

    /// 304 or 412; 0 when the request proceeds (the handler picks the status).
    constexpr int http_status() const noexcept {
        switch (outcome) {
        case precondition_outcome::not_modified: return 304;
        case precondition_outcome::precondition_failed: return 412;
        case precondition_outcome::proceed: break;
        }
        return 0;
    }

    /// The Kayako error of the response: RESOURCE_MODIFIED for a 412 (§9.2), none otherwise.
    constexpr std::optional<api_error_code> error() const noexcept {
        if (outcome == precondition_outcome::precondition_failed) return api_error_code::resource_modified;
        return std::nullopt;
    }

    friend constexpr bool operator==(precondition_result const&, precondition_result const&) noexcept = default;
};

namespace detail {

// An If-*-Since date: present or not, and its value when it is one valid date on one line.
struct conditional_date {
    bool present = false;
    bool valid = false;  // exactly one line, holding a valid date
    http_date date{};
};

template <header_source H>
constexpr conditional_date read_conditional_date(H const& headers, std::string_view name,
                                                 http_date_options const& options) {
    conditional_date out;
    std::size_t lines = 0;
    headers(name, [&](std::string_view value) {
        ++lines;
        out.present = true;
        if (lines == 1) {
            auto parsed = parse_http_date(trim_ows(value), options);
            out.valid = parsed.has_value();
            if (parsed) out.date = *parsed;
        } else {
            out.valid = false;  // more than one member: ignored (RFC 9110 §13.1.3, §13.1.4)
        }
    });
    return out;
}

constexpr bool is_get_or_head(std::string_view method) noexcept { return method == "GET" || method == "HEAD"; }

}  // namespace detail

/// Evaluates the preconditions of a request (RFC 9110 §13.2.2, §21.8) against the current state
/// of the target resource. `method` is case-sensitive, as on the wire. Allocates nothing; throws
/// only what the header source throws.
/// @code
/// kayako::resource_validators const current{true, stored_tag, kayako::http_date::from(modified_at)};
/// auto const verdict = kayako::evaluate_preconditions("PUT", headers, current);
/// if (verdict.outcome == kayako::precondition_outcome::precondition_failed)
/// ...;  // 412 with RESOURCE_MODIFIED: the client's copy is stale
/// @endcode
template <header_source H>
constexpr precondition_result evaluate_preconditions(std::string_view method, H const& headers,
                                                     resource_validators const& resource,
                                                     precondition_options const& options = {}) {
    using outcome = precondition_outcome;
    using reason = precondition_reason;
    // A resource that does not exist has no current representation, hence no validators.
    bool const has_tag = resource.exists && resource.etag.has_value();
    entity_tag const current = has_tag ? *resource.etag : entity_tag{};
    bool const has_modified = resource.exists && resource.last_modified.has_value();
    http_date const modified = has_modified ? *resource.last_modified : http_date{};
    bool const ambiguous = has_modified && resource.last_modified_ambiguous;

    bool strong_match = false;
    auto const if_match = scan_entity_tag_list(
        headers, "If-Match",
        [&](entity_tag const& t) { strong_match = strong_match || (has_tag && strong_compare(t, current)); },
        options.etag);
    bool const if_match_present = !if_match || if_match->present();

    if (options.ajax_mode) {
        if (if_match_present || detail::read_conditional_date(headers, "If-Unmodified-Since", options.date).present)
            return {outcome::precondition_failed, reason::ajax_concurrency_control};
    }

    // 1. If-Match (§13.1.1).
    if (if_match_present) {
        if (!if_match) return {outcome::precondition_failed, reason::if_match_malformed};
        bool const holds = if_match->any ? resource.exists : strong_match;
        if (!holds) return {outcome::precondition_failed, reason::if_match};
    } else {
        // 2. If-Unmodified-Since (§13.1.4), only without If-Match.
        auto const since = detail::read_conditional_date(headers, "If-Unmodified-Since", options.date);
        if (since.valid && has_modified && (modified > since.date || (ambiguous && modified == since.date)))
            return {outcome::precondition_failed, reason::if_unmodified_since};
    }

    // 3. If-None-Match (§13.1.2).
    bool weak_match = false;
    auto const if_none_match = scan_entity_tag_list(
        headers, "If-None-Match",
        [&](entity_tag const& t) { weak_match = weak_match || (has_tag && weak_compare(t, current)); },
        options.etag);
    bool const get_or_head = detail::is_get_or_head(method);
    if (if_none_match && if_none_match->present()) {
        bool const holds = if_none_match->any ? !resource.exists : !weak_match;
        if (!holds)
            return get_or_head ? precondition_result{outcome::not_modified, reason::if_none_match}
                               : precondition_result{outcome::precondition_failed, reason::if_none_match};
        return {};
    }

    // 4. If-Modified-Since (§13.1.3), only for GET/HEAD and only without a usable If-None-Match.
    if (get_or_head) {
        auto const since = detail::read_conditional_date(headers, "If-Modified-Since", options.date);
        if (since.valid && has_modified && (modified < since.date || (!ambiguous && modified == since.date)))
            return {outcome::not_modified, reason::if_modified_since};
    }
    return {};
}

/// §9.3, §21.9: `X-Requested-With: XMLHttpRequest` (what browsers send) or `XMHTTPRequest` (how
/// the reference spells it) switches on AJAX caching mode. Values compare case-insensitively.
template <header_source H>
constexpr bool ajax_caching_mode(H const& headers) {
    bool ajax = false;
    headers("X-Requested-With", [&](std::string_view value) {
        value = trim_ows(value);
        ajax = ajax || header_name_equal(value, "XMLHttpRequest") || header_name_equal(value, "XMHTTPRequest");
    });
    return ajax;
}

/// The headers a 304 carries as a 200 would have (§21.8, RFC 9110 §15.4.5), in this order.
inline constexpr std::array<std::string_view, 7> not_modified_header_names = {
    "ETag", "Last-Modified", "Cache-Control", "Content-Location", "Date", "Expires", "Vary"};

/// Whether a header of the 200 response belongs in the 304 (names compare case-insensitively).
constexpr bool kept_in_not_modified(std::string_view name) noexcept {
    for (auto kept : not_modified_header_names)
        if (header_name_equal(name, kept)) return true;
    return false;
}

/// Calls `emit(name, value)` for each header of the response a 200 would have sent (any range
/// of name/value pairs) that a 304 keeps, in their original order; the rest is dropped.
template <class Range, class Emit>
constexpr void for_each_not_modified_header(Range const& response_headers, Emit&& emit) {
    for (auto const& [name, value] : response_headers)
        if (kept_in_not_modified(name)) emit(std::string_view(name), std::string_view(value));
}

}  // namespace kayako

#endif  // KAYAKO_CACHING_PRECONDITIONS_HPP
