// kayako-proto — the limits and modes of request-target parsing (§1, §17, §21.14).
//
// One options struct read by the three target parsers: `api_path.hpp` (path size, segment count,
// the apps, the routes), `query_arguments.hpp` (query size, argument and id counts, strictness, the `limit`
// bounds) and `request_target.hpp`, which passes it to both.
#ifndef KAYAKO_REQUEST_TARGET_OPTIONS_HPP
#define KAYAKO_REQUEST_TARGET_OPTIONS_HPP

#include <kayako/request/api_routes.hpp>
#include <kayako/request/page_arguments.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace kayako {

/// The documented apps that may precede a resource (`/api/v1/base/user/1`, §1).
inline constexpr std::string_view default_apps[] = {"base"};

/// Limits and modes of target parsing; defaults from §21.14.
struct target_options {
    bool strict = false;                   ///< strict decoding of the query (see form_options)
    std::size_t max_path_size = 8192;      ///< → too_long
    std::size_t max_segments = 16;         ///< path segments after `/api/v1` (an app counts) → too_many_segments
    std::size_t max_query_size = 8192;     ///< §21.14: 8 KiB → too_long
    std::size_t max_arguments = 1000;      ///< §21.14 → too_many
    std::size_t max_ids = 1000;            ///< §21.14 → too_many, naming `ids`
    std::uint64_t max_limit = max_page_limit;          ///< §21.14: `limit` 0..max_limit (0: default, §21.17) → integer_out_of_range
    std::uint64_t default_limit = default_page_limit;  ///< §7: the page size without `limit`

    /// The limits of `limit` as `page_arguments.hpp` reads them.
    constexpr pagination_options page_limits() const noexcept { return {default_limit, max_limit, true, true}; }
    std::span<std::string_view const> apps = default_apps;  ///< first segments read as an app
    /// The resources the server routes (`api_routes.hpp`): paths that misname an app or an
    /// action of one of them are refused (app_not_found, action_not_available). Empty: no check.
    std::span<api_resource const> routes{};
};
}  // namespace kayako

#endif  // KAYAKO_REQUEST_TARGET_OPTIONS_HPP
