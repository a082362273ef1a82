// kayako-proto — the client's validator store: a resource's ETag and Last-Modified kept as the
// server sent them, the `If-*` headers they add to the next request, and what the answer to a
// conditional request means (§9.1, §9.2, §21.6; RFC 9110 §13.1).
//
// `validator_entry` keeps a response's ETag and Last-Modified verbatim and adds the matching
// `If-*` headers to the next request; `classify_conditional_response` turns a 412 with
// RESOURCE_MODIFIED into a conflict the caller handles. The server's side — evaluating those
// headers — is preconditions.hpp.
#ifndef KAYAKO_CACHING_VALIDATOR_STORE_HPP
#define KAYAKO_CACHING_VALIDATOR_STORE_HPP

#include <kayako/core/api_error.hpp>
#include <kayako/core/error.hpp>
#include <kayako/caching/etag.hpp>
#include <kayako/caching/http_date.hpp>
#include <kayako/request/headers.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kayako {

/// The validators a client keeps for one resource URL, as the server sent them (verbatim, §9.1,
/// §21.6: Kayako's unquoted tags and `+0000` dates are echoed exactly as received).
class validator_entry {
public:
    validator_entry() = default;

    /// Reads `ETag` and `Last-Modified` of a response. Each must appear at most once, parse (the
    /// tag with `etag_options`, Kayako mode by default) and be safe to send back (no CR, LF, NUL);
    /// otherwise a failure naming the header. Throws only std::bad_alloc.
    template <header_source H>
    static result<validator_entry> from_response(H const& headers, entity_tag_options const& etag_options = {}) {
        validator_entry entry;
        auto updated = entry.update(headers, etag_options);
        if (!updated) return updated.error();
        return entry;
    }

    /// After a 304 or a new 200: replaces the validators the response carries, keeps the others.
    /// On failure nothing changes. Throws only std::bad_alloc.
    template <header_source H>
    result<void> update(H const& headers, entity_tag_options const& etag_options = {}) {
        auto etag = single_line(headers, "ETag");
        if (!etag) return etag.error();
        auto modified = single_line(headers, "Last-Modified");
        if (!modified) return modified.error();
        bool etag_weak = etag_weak_;
        if (*etag) {
            auto tag = parse_entity_tag(**etag, etag_options);
            if (!tag) return tag.error().of("ETag");
            etag_weak = tag->weak;
        }
        if (*modified) {
            http_date_options any_form;
            auto date = parse_http_date(**modified, any_form);
            if (!date) return date.error().of("Last-Modified");
        }
        if (*etag) {
            etag_.assign((*etag)->data(), (*etag)->size());
            etag_weak_ = etag_weak;
        }
        if (*modified) last_modified_.assign((*modified)->data(), (*modified)->size());
        return {};
    }

    /// The `ETag` as received (empty when none).
    std::string_view etag() const noexcept { return etag_; }
    /// The `Last-Modified` as received (empty when none).
    std::string_view last_modified() const noexcept { return last_modified_; }
    /// No validator kept: a request for it cannot be conditional.
    bool empty() const noexcept { return etag_.empty() && last_modified_.empty(); }

    /// Calls `add(name, value)` for the precondition headers of a request with `method`:
    /// GET/HEAD revalidate (`If-None-Match`, `If-Modified-Since`); PUT/PATCH/DELETE guard the
    /// update (`If-Match`, `If-Unmodified-Since`, §9.2); other methods get none. A weak ETag is
    /// never sent in `If-Match`: it could only fail (RFC 9110 §13.1.1 compares strongly).
    template <class Add>
    void add_conditions(std::string_view method, Add&& add) const {
        if (method == "GET" || method == "HEAD") {
            if (!etag_.empty()) add(std::string_view("If-None-Match"), std::string_view(etag_));
            if (!last_modified_.empty()) add(std::string_view("If-Modified-Since"), std::string_view(last_modified_));
        } else if (method == "PUT" || method == "PATCH" || method == "DELETE") {
            if (!etag_.empty() && !etag_weak_) add(std::string_view("If-Match"), std::string_view(etag_));
            if (!last_modified_.empty())
                add(std::string_view("If-Unmodified-Since"), std::string_view(last_modified_));
        }
    }

private:
    // The trimmed value of a header that must appear at most once.
    template <header_source H>
    static result<std::optional<std::string_view>> single_line(H const& headers, std::string_view name) {
        std::optional<std::string_view> value;
        std::size_t lines = 0;
        headers(name, [&](std::string_view v) {
            if (lines++ == 0) value = trim_ows(v);
        });
        if (lines > 1) return failure(error::duplicate, failure::no_offset, name);
        if (value) {
            for (std::size_t i = 0; i < value->size(); ++i) {
                char const c = (*value)[i];
                if (c == '\r' || c == '\n' || c == '\0') return failure(error::header_injection, i, name);
            }
            if (value->empty()) return failure(error::empty_value, 0, name);
        }
        return value;
    }

    std::string etag_;
    std::string last_modified_;
    bool etag_weak_ = false;
};

/// What a response to a conditional request means to the client.
enum class conditional_response : unsigned char {
    not_modified,         ///< 304: the cached copy is current
    conflict,             ///< 412 RESOURCE_MODIFIED: someone changed the resource; re-read, merge, retry
    precondition_failed,  ///< 412 with another or no error code
    other,                ///< anything else: handle as usual
};

/// Classifies a response from its status and the `code`s of its error objects (plain values,
/// whatever parsed the envelope).
constexpr conditional_response classify_conditional_response(int status,
                                                             std::span<std::string_view const> error_codes) noexcept {
    if (status == 304) return conditional_response::not_modified;
    if (status != 412) return conditional_response::other;
    for (auto code : error_codes)
        if (code == to_string(api_error_code::resource_modified)) return conditional_response::conflict;
    return conditional_response::precondition_failed;
}

/// The same for a response with one error `code` (or none: pass an empty view).
constexpr conditional_response classify_conditional_response(int status, std::string_view error_code) noexcept {
    return classify_conditional_response(status, std::span<std::string_view const>(&error_code, 1));
}

}  // namespace kayako

#endif  // KAYAKO_CACHING_VALIDATOR_STORE_HPP
