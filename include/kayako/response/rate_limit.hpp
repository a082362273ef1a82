// kayako-proto — server side: rate limiting (§12) and its `429 Too Many Requests` answer.
//
// Limits are defined per minute (§12). `rate_limiter` is the state of one limit — one client
// address, one user, one action: whatever the server keys it by. It is a token bucket that holds
// at most one minute's units and refills continuously at the per-minute rate; a request takes
// `cost` units if they are there:
//
//     kayako::rate_limiter& bucket = table[client_address];   // the server's own keying
//     auto verdict = bucket.try_acquire(now_seconds, 1);
//     if (!verdict) return kayako::make_rate_limit_response(verdict);   // 429 + Retry-After
//     ... serve the request ...
//     bucket.charge(now_seconds, response_bytes / (16 * 1024));        // work found afterwards
//
// Pure: no clock inside (time is passed in, in whole seconds of any epoch), no allocation,
// integer arithmetic only. Units are counted in sixtieths, so that a rate of N per minute refills
// exactly N sixtieths each second and every boundary is exact. Every input is clamped, never
// wraps: a rate above `max_units_per_minute` is that maximum, a cost above one minute's units
// costs one minute's units, a clock that goes back grants and costs nothing, and a debt (from
// `charge`) is at most one minute's units, so no client waits more than two minutes.
//
// The answer (§12, TV-RL-1): `429`, error `RATE_LIMIT_REACHED`, and always `Retry-After:
// <seconds>`; no `X-RateLimit-*` headers (none are documented, §20.16).
#ifndef KAYAKO_RESPONSE_RATE_LIMIT_HPP
#define KAYAKO_RESPONSE_RATE_LIMIT_HPP

#include <kayako/caching/http_date.hpp>
#include <kayako/core/api_error.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/core/error.hpp>
#include <kayako/response/http_response.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>

namespace kayako {

/// What `rate_limiter::try_acquire` decided.
struct rate_verdict {
    bool allowed = true; ///< whether the request may proceed; refused: answer 429 (§12)
    /// Seconds until the same request would pass (the `Retry-After` of §12): at least 1 when
    /// refused, 0 when allowed.
    std::uint64_t retry_after = 0;
    /// Whole units left once this request is counted (for a refused one: left now).
    std::uint64_t remaining = 0;

    /// `allowed`.
    explicit operator bool() const noexcept { return allowed; }
};

/// One per-minute limit's state (§12): a token bucket holding at most `units_per_minute` units,
/// refilled at `units_per_minute` per 60 seconds, full when new. A default-constructed limiter,
/// or one with a rate of 0, has no limit (the server flags' "0 = off").
class rate_limiter {
public:
    /// The largest rate kept; a larger one is clamped to it (2^55: far past any real limit, and
    /// small enough that two minutes' sixtieths fit an `int64_t`).
    static constexpr std::uint64_t max_units_per_minute = std::uint64_t{1} << 55;

    constexpr rate_limiter() noexcept = default;
    /// A full bucket of `units_per_minute` units, refilled at that rate (clamped to `max_units_per_minute`; 0: no limit).
    explicit constexpr rate_limiter(std::uint64_t units_per_minute) noexcept
        : rate_(std::min(units_per_minute, max_units_per_minute)),
          credit_(static_cast<std::int64_t>(rate_ * 60)) {}

    /// The rate, after clamping; 0: no limit.
    constexpr std::uint64_t units_per_minute() const noexcept { return rate_; }

    /// Takes `cost` units at time `now` (seconds) if they are there. A cost above one minute's
    /// units is clamped to them (it passes when the bucket is full); a cost of 0 asks whether the
    /// client is in debt. Refused: nothing is taken, and `retry_after` says when the units will
    /// be there. With no limit: always allowed, `remaining` = the largest `uint64_t`.
    constexpr rate_verdict try_acquire(std::int64_t now, std::uint64_t cost = 1) noexcept {
        if (rate_ == 0) return {true, 0, std::numeric_limits<std::uint64_t>::max()};
        refill(now);
        std::int64_t const need = static_cast<std::int64_t>(std::min(cost, rate_) * 60);
        if (credit_ >= need) {
            credit_ -= need;
            return {true, 0, whole_units()};
        }
        auto const shortfall = static_cast<std::uint64_t>(need - credit_);  // ≤ 2 minutes' sixtieths
        return {false, (shortfall + rate_ - 1) / rate_, whole_units()};
    }

    /// Takes `cost` units at time `now` whether or not they are there: work found after the
    /// request was let through (e.g. the size of its response). The bucket may go into debt, down
    /// to minus one minute's units; later requests wait until it is paid back.
    constexpr void charge(std::int64_t now, std::uint64_t cost) noexcept {
        if (rate_ == 0) return;
        refill(now);
        std::int64_t const capacity = static_cast<std::int64_t>(rate_ * 60);
        std::int64_t const taken = static_cast<std::int64_t>(std::min(cost, rate_) * 60);
        credit_ = std::max(credit_ - taken, -capacity);
    }

    /// Whole units a request could take at time `now` (0 while in debt). Does not change state.
    constexpr std::uint64_t available(std::int64_t now) const noexcept {
        if (rate_ == 0) return std::numeric_limits<std::uint64_t>::max();
        rate_limiter copy = *this;
        copy.refill(now);
        return copy.whole_units();
    }

private:
    // Adds what the time since the last call earned, up to one minute's units. The first call
    // only starts the clock; a clock that went back restarts it without granting anything.
    constexpr void refill(std::int64_t now) noexcept {
        if (!started_ || now <= last_) {
            started_ = true;
            last_ = now;
            return;
        }
        auto const elapsed = static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(last_);
        last_ = now;
        std::int64_t const capacity = static_cast<std::int64_t>(rate_ * 60);
        auto const deficit = static_cast<std::uint64_t>(capacity - credit_);  // ≤ 2 minutes' sixtieths
        // elapsed × rate ≥ deficit, asked without multiplying: elapsed may be any 64-bit span.
        if (elapsed > deficit / rate_) {
            credit_ = capacity;
        } else {
            credit_ = std::min(capacity, credit_ + static_cast<std::int64_t>(elapsed * rate_));
        }
    }

    constexpr std::uint64_t whole_units() const noexcept {
        return credit_ > 0 ? static_cast<std::uint64_t>(credit_) / 60 : 0;
    }

    std::uint64_t rate_ = 0;    // units per minute; 0: no limit
    std::int64_t credit_ = 0;   // sixtieths of a unit; negative: debt
    std::int64_t last_ = 0;     // seconds, of the last refill
    bool started_ = false;
};

/// The error envelope of a refused request (§12, TV-RL-1): status 429, `RATE_LIMIT_REACHED`
/// with the catalogue's message and `more_info`.
inline envelope make_rate_limit_envelope() {
    return make_error_envelope({make_api_error(api_error_code::rate_limit_reached)});
}

/// The whole 429 answer for a refused verdict (§12): `make_rate_limit_envelope()` through
/// `make_response` with `Retry-After: <refused.retry_after>` (at least 1, so that a client never
/// retries at once). `options` carries the request's `_case`, JSONP callback... as for any
/// response; its `retry_after` is replaced. Fails only as `make_response` does (a header value
/// with CR/LF/NUL in `options`). May throw only `std::bad_alloc`.
inline result<response> make_rate_limit_response(rate_verdict const& refused, response_options options = {}) {
    options.retry_after = std::max<std::uint64_t>(refused.retry_after, 1);
    return make_response(make_rate_limit_envelope(), options);
}

/// The client side of §12: the seconds a `Retry-After` value asks a client to wait before it
/// sends the request again (RFC 9110 §10.2.3: `delay-seconds`, or an HTTP-date — read as
/// `parse_http_date` reads one, §21.7 — less `now`, and 0 for a date already past). Leading and
/// trailing spaces and tabs are not part of the value. Empty is `empty_value`; a value that is
/// neither form (`-1`, `1.5`, `soon`) is `invalid_header` at offset 0; `delay-seconds` past
/// `std::uint64_t` is `integer_out_of_range` at offset 0. Never throws.
constexpr result<std::uint64_t> parse_retry_after(std::string_view value, std::int64_t now) noexcept {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (value.empty()) return failure(error::empty_value, 0);
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::uint64_t seconds = 0;
        for (char c : value) {
            auto const digit = static_cast<std::uint64_t>(c - '0');
            if (seconds > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
                return failure(error::integer_out_of_range, 0);
            seconds = seconds * 10 + digit;
        }
        return seconds;
    }
    auto const date = parse_http_date(value);
    if (!date) return failure(error::invalid_header, 0);
    // Both are int64 seconds: the difference of a later date and `now` may pass int64, never uint64.
    return date->seconds > now ? static_cast<std::uint64_t>(date->seconds) - static_cast<std::uint64_t>(now) : 0;
}

}  // namespace kayako

#endif  // KAYAKO_RESPONSE_RATE_LIMIT_HPP
