// kayako-proto — the server checks a request's timestamp against its clock (§11.10).
//
// A request "may include" a Unix-time timestamp, as `X-Timestamp` or `_timestamp`, to defeat
// replay. `read_credentials` (auth.hpp) reads it: Unix seconds in both places (an ISO-8601 date
// is refused, `parse_request_timestamp` says why), the two copies equal byte for byte or 400
// PARAMETERS_INCONSISTENT naming `_timestamp` (§11.9). What is left is the server's policy, which
// the reference leaves to the server, and which this header checks:
//
//     kayako::timestamp_policy policy{.required = true, .max_skew = 300};
//     auto ok = kayako::check_request_timestamp(request.credentials().timestamp, now, policy);
//     // timestamp_missing → 400 TIMESTAMP_MISSING; timestamp_mismatch → 400 TIMESTAMP_MISMATCH,
//     // whose envelope carries the server's clock as `timestamp` (answer::set_server_time)
//
// The window is symmetric and inclusive: a timestamp exactly `max_skew` seconds early or late
// passes, one second more fails. Without a policy (the default) every request passes, with or
// without a timestamp, as the reference's "may include" reads.
#ifndef KAYAKO_REQUEST_REQUEST_TIMESTAMP_HPP
#define KAYAKO_REQUEST_REQUEST_TIMESTAMP_HPP

#include <kayako/core/error.hpp>

#include <cstdint>
#include <optional>

namespace kayako {

/// What a server asks of request timestamps (§11.10). The default asks nothing.
struct timestamp_policy {
    bool required = false;                     ///< a request without one → timestamp_missing
    std::optional<std::uint64_t> max_skew{};   ///< seconds either side of the server's clock; nothing: any distance
};

/// Checks the timestamp a request sent (`request_credentials::timestamp`, Unix seconds; nothing
/// when none came) against the server's clock `now` (Unix seconds): `timestamp_missing` when the
/// policy requires one and none came, `timestamp_mismatch` when it is more than `max_skew`
/// seconds from `now`, either way (→ 400 TIMESTAMP_MISSING / TIMESTAMP_MISMATCH, §15). Exact for
/// every pair of 64-bit values: the distance is taken without overflow.
constexpr result<void> check_request_timestamp(std::optional<std::int64_t> sent, std::int64_t now,
                                               timestamp_policy const& policy) noexcept {
    if (!sent) {
        if (policy.required) return failure(error::timestamp_missing);
        return {};
    }
    if (!policy.max_skew) return {};
    // Two's-complement subtraction modulo 2^64 is exact for a distance below 2^64.
    auto const a = static_cast<std::uint64_t>(*sent);
    auto const b = static_cast<std::uint64_t>(now);
    std::uint64_t const distance = *sent >= now ? a - b : b - a;
    if (distance > *policy.max_skew) return failure(error::timestamp_mismatch);
    return {};
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_REQUEST_TIMESTAMP_HPP
