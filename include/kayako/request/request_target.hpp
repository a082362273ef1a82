// kayako-proto — a request target, parsed: the API path and the arguments (§1, §17, RFC 9112 §3.2).
//
// `parse_target("/api/v1/tests/1.json?_case=camel&limit=5")` splits an origin-form or
// absolute-form target at `?` (a `#` fragment is dropped), reads the path with `api_path.hpp`
// (runs of `/` collapse, §21.16; the legacy `/api/index.php?/v1/...` routing form of §1) and the
// query with `query_arguments.hpp`. Every failure's offset is an offset into the whole target.
// Allocation-free for targets up to about 1 KiB; the target must outlive the result.
#ifndef KAYAKO_REQUEST_REQUEST_TARGET_HPP
#define KAYAKO_REQUEST_REQUEST_TARGET_HPP

#include <kayako/detail/ascii.hpp>
#include <kayako/core/error.hpp>
#include <kayako/request/api_path.hpp>
#include <kayako/request/query_arguments.hpp>
#include <kayako/request/target_options.hpp>

#include <cstddef>
#include <string_view>

namespace kayako {

/// A parsed request target: the API path and the arguments.
class request_target {
public:
    /// The API path (§1).
    api_path const& path() const noexcept { return path_; }
    /// The query's arguments (§17).
    query_arguments const& arguments() const noexcept { return arguments_; }

    /// Parses `target` into this object, reusing its storage. Throws only `std::bad_alloc`.
    result<void> assign(std::string_view target, target_options const& options = {}) {
        std::string_view t = target;
        if (std::size_t const hash = t.find('#'); hash != std::string_view::npos) t = t.substr(0, hash);
        std::size_t start = 0;  // absolute-form (RFC 9112 §3.2.2): skip scheme and authority
        if (t.size() >= 7 && t[0] != '/' && (detail::ascii_iequals(t.substr(0, 7), "http://") ||
                              (t.size() >= 8 && detail::ascii_iequals(t.substr(0, 8), "https://")))) {
            std::size_t const authority = t.find("//") + 2;
            start = t.find('/', authority);
            if (start == std::string_view::npos) return failure(error::invalid_target, t.size());
        }
        if (start >= t.size() || t[start] != '/') return failure(error::invalid_target, start);
        std::size_t const question = t.find('?', start);
        std::string_view const path = t.substr(start, question == std::string_view::npos ? std::string_view::npos : question - start);
        std::string_view query = question == std::string_view::npos ? std::string_view{} : t.substr(question + 1);

        // The legacy routing form: `/api/index.php?/v1/tests&_empty=false` (§1).
        // (One suffix compare keeps ordinary paths off the slash-collapsing comparison.)
        if (path.ends_with("/index.php") &&
            (detail::path_equals_collapsed(path, "/api/index.php") || detail::path_equals_collapsed(path, "/index.php"))) {
            if (query.empty() || query[0] != '/') return failure(error::invalid_target, question + 1);
            std::size_t const amp = query.find('&');
            std::string_view const route = query.substr(0, amp);
            std::string_view const rest = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
            if (route.find('?') != std::string_view::npos) return failure(error::invalid_target, question + 1 + route.find('?'));
            // Parse the route as a target of its own length so that offsets stay offsets into `target`.
            if (auto r = parse_api_path_into(path_, target.substr(0, question + 1 + route.size()), question + 1, true, options); !r)
                return r.error();
            if (auto r = arguments_.assign(rest, options); !r) return r.error().shifted(amp == std::string_view::npos ? 0 : question + 1 + amp + 1);
            return {};
        }
        // Servers collapse runs of `/` (§21.16): the Java SDK sends `//api/v1/articles.json`.
        std::size_t const api = detail::skip_slashes(path, 0);
        if (path.substr(api, 3) != "api" || (path.size() > api + 3 && path[api + 3] != '/'))
            return failure(error::invalid_target, start);
        // `/api` and `/api/` go on: they name no version (§14, URL_VERSION_MISSING).
        if (auto r = parse_api_path_into(path_, target.substr(0, start + path.size()), start + api + 3, false, options); !r)
            return r.error();
        if (auto r = arguments_.assign(query, options); !r) return r.error().shifted(question + 1);
        return {};
    }

private:
    api_path path_;
    query_arguments arguments_;
};

/// Parses a request target (origin-form, or absolute-form). Allocation-free up to ~1 KiB;
/// throws only `std::bad_alloc`. The target must outlive the result.
inline result<request_target> parse_target(std::string_view target, target_options const& options = {}) {
    request_target t;
    if (auto r = t.assign(target, options); !r) return r.error();
    return t;
}
}  // namespace kayako

#endif  // KAYAKO_REQUEST_REQUEST_TARGET_HPP
