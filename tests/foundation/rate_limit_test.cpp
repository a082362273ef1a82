// Tests of <kayako/response/rate_limit.hpp>: the per-minute limiter and its 429 answer (§12, TV-RL-1).
#include <kayako/response/rate_limit.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace {

using kayako::rate_limiter;
using kayako::rate_verdict;

constexpr std::int64_t t0 = 1'700'000'000;  // any epoch: only differences count
constexpr std::uint64_t u64_max = std::numeric_limits<std::uint64_t>::max();
constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t i64_min = std::numeric_limits<std::int64_t>::min();

// Takes `n` units one at a time at `now`; how many passed.
int take(rate_limiter& r, std::int64_t now, int n) {
    int passed = 0;
    for (int i = 0; i < n; ++i) passed += r.try_acquire(now).allowed ? 1 : 0;
    return passed;
}

TEST(RateLimiter, ExactlyTheLimitPassesAndOneMoreIsRefused) {
    rate_limiter r(60);
    for (int i = 0; i < 60; ++i) {
        auto v = r.try_acquire(t0);
        ASSERT_TRUE(v) << "request " << i;
        EXPECT_EQ(v.retry_after, 0u);
        EXPECT_EQ(v.remaining, static_cast<std::uint64_t>(59 - i));
    }
    auto refused = r.try_acquire(t0);
    EXPECT_FALSE(refused);
    EXPECT_EQ(refused.retry_after, 1u);  // 60 per minute: one unit each second
    EXPECT_EQ(refused.remaining, 0u);
}

TEST(RateLimiter, RefusedRequestsTakeNothing) {
    rate_limiter r(60);
    EXPECT_EQ(take(r, t0, 60), 60);
    EXPECT_EQ(take(r, t0, 1000), 0);
    EXPECT_EQ(take(r, t0 + 1, 2), 1);  // one second earned exactly one unit, refusals cost none
}

TEST(RateLimiter, RefillsAtTheRateAndNoFurtherThanOneMinute) {
    rate_limiter r(60);
    EXPECT_EQ(take(r, t0, 60), 60);
    EXPECT_EQ(take(r, t0 + 10, 100), 10);
    EXPECT_EQ(take(r, t0 + 10 + 3600, 100), 60);  // an hour of rest still fills one minute's worth
}

TEST(RateLimiter, RetryAfterAtEachBoundarySecond) {
    rate_limiter r(1);  // one unit a minute: the bucket holds one
    EXPECT_TRUE(r.try_acquire(t0));
    for (std::int64_t s = 0; s < 60; ++s) {
        auto v = r.try_acquire(t0 + s);
        ASSERT_FALSE(v) << "second " << s;
        EXPECT_EQ(v.retry_after, static_cast<std::uint64_t>(60 - s)) << "second " << s;
    }
    EXPECT_TRUE(r.try_acquire(t0 + 60));   // exactly when Retry-After said
    EXPECT_EQ(r.try_acquire(t0 + 60).retry_after, 60u);
}

TEST(RateLimiter, RetryAfterRoundsUpToWholeSeconds) {
    rate_limiter r(300);  // five units a second
    EXPECT_EQ(take(r, t0, 300), 300);
    auto v = r.try_acquire(t0, 1);
    EXPECT_FALSE(v);
    EXPECT_EQ(v.retry_after, 1u);  // 0.2 s rounds up: never 0 when refused
    v = r.try_acquire(t0, 6);
    EXPECT_EQ(v.retry_after, 2u);  // 1.2 s
    EXPECT_EQ(take(r, t0 + 1, 6), 5);
}

TEST(RateLimiter, CostAtTheCapacityPassesOnlyWhenFullAndAboveIsClamped) {
    rate_limiter r(10);
    EXPECT_TRUE(r.try_acquire(t0, 10));
    EXPECT_FALSE(r.try_acquire(t0, 1));
    rate_limiter big(10);
    auto v = big.try_acquire(t0, u64_max);  // clamped to one minute's units
    EXPECT_TRUE(v);
    EXPECT_EQ(v.remaining, 0u);
    v = big.try_acquire(t0 + 1, u64_max);
    EXPECT_FALSE(v);
    EXPECT_EQ(v.retry_after, 59u);  // 590 of 600 sixtieths missing, 10 earned a second
}

TEST(RateLimiter, ChargeGoesIntoDebtBoundedByOneMinute) {
    rate_limiter r(60);
    EXPECT_TRUE(r.try_acquire(t0));  // 59 left
    r.charge(t0, 70);                // clamped to 60: 1 unit of debt
    auto v = r.try_acquire(t0);
    EXPECT_FALSE(v);
    EXPECT_EQ(v.retry_after, 2u);    // pay back 1, then earn 1
    EXPECT_EQ(r.available(t0 + 1), 0u);
    EXPECT_EQ(r.available(t0 + 2), 1u);
    r.charge(t0 + 2, u64_max);
    r.charge(t0 + 2, u64_max);       // debt stops at one minute's units
    v = r.try_acquire(t0 + 2);
    EXPECT_EQ(v.retry_after, 61u);   // -60 to +1 at one a second
    EXPECT_TRUE(r.try_acquire(t0 + 63));
}

TEST(RateLimiter, CostZeroAsksWhetherInDebt) {
    rate_limiter r(60);
    EXPECT_TRUE(r.try_acquire(t0, 0));
    EXPECT_EQ(take(r, t0, 60), 60);
    EXPECT_TRUE(r.try_acquire(t0, 0));  // empty is not in debt
    r.charge(t0, 1);
    auto v = r.try_acquire(t0, 0);
    EXPECT_FALSE(v);
    EXPECT_EQ(v.retry_after, 1u);
}

TEST(RateLimiter, AvailableDoesNotChangeState) {
    rate_limiter r(60);
    EXPECT_EQ(r.available(t0), 60u);
    EXPECT_EQ(take(r, t0, 30), 30);
    EXPECT_EQ(r.available(t0 + 5), 35u);
    EXPECT_EQ(r.available(t0 + 5), 35u);
    EXPECT_EQ(take(r, t0 + 5, 40), 35);
}

TEST(RateLimiter, ClockGoingBackGrantsNothing) {
    rate_limiter r(60);
    EXPECT_EQ(take(r, t0, 60), 60);
    EXPECT_EQ(take(r, t0 - 3600, 5), 0);  // stepped back an hour: nothing earned...
    EXPECT_EQ(take(r, t0 - 3600 + 3, 5), 3);  // ...and it counts again from there
}

TEST(RateLimiter, ZeroRateMeansNoLimit) {
    rate_limiter off(0);
    rate_limiter defaulted;
    for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(off.try_acquire(t0, u64_max));
    off.charge(t0, u64_max);
    auto v = off.try_acquire(t0);
    EXPECT_TRUE(v);
    EXPECT_EQ(v.remaining, u64_max);
    EXPECT_TRUE(defaulted.try_acquire(t0));
    EXPECT_EQ(defaulted.units_per_minute(), 0u);
}

TEST(RateLimiter, HugeRatesCostsAndTimesDoNotOverflow) {
    rate_limiter r(u64_max);
    EXPECT_EQ(r.units_per_minute(), rate_limiter::max_units_per_minute);
    auto v = r.try_acquire(i64_min, u64_max);
    EXPECT_TRUE(v);
    EXPECT_EQ(v.remaining, 0u);
    r.charge(i64_min, u64_max);
    v = r.try_acquire(i64_min, u64_max);
    EXPECT_FALSE(v);
    EXPECT_EQ(v.retry_after, 120u);  // two minutes' worth missing
    v = r.try_acquire(i64_max, u64_max);  // the widest span there is: full again, not wrapped
    EXPECT_TRUE(v);

    rate_limiter slow(1);
    EXPECT_TRUE(slow.try_acquire(i64_min));
    EXPECT_FALSE(slow.try_acquire(i64_min + 59));
    EXPECT_TRUE(slow.try_acquire(i64_max));
    EXPECT_FALSE(slow.try_acquire(i64_max));
    EXPECT_EQ(slow.available(i64_min), 0u);  // going back from the end of time: nothing earned
}

TEST(RateLimiter, IsConstexprAndAllocationFree) {
    constexpr auto passed = [] {
        rate_limiter r(2);
        int n = 0;
        for (int i = 0; i < 5; ++i) n += r.try_acquire(0).allowed ? 1 : 0;
        return n;
    }();
    static_assert(passed == 2);
    EXPECT_EQ(passed, 2);
}

// TV-RL-1: 429, RATE_LIMIT_REACHED with its message and more_info, Retry-After, JSON.
TEST(RateLimitResponse, IsTheSpecsAnswer) {
    rate_limiter r(1);
    EXPECT_TRUE(r.try_acquire(t0));
    auto refused = r.try_acquire(t0 + 1);
    ASSERT_FALSE(refused);
    auto made = kayako::make_rate_limit_response(refused);
    ASSERT_TRUE(made.has_value());
    EXPECT_EQ(made->status, 429);
    EXPECT_EQ(made->headers.find("Retry-After"), "59");
    EXPECT_EQ(made->headers.find("Content-Type"), "application/json");
    EXPECT_EQ(made->headers.find("X-API-Version"), "1");
    EXPECT_EQ(made->body,
              R"({"status":429,"errors":[{"code":"RATE_LIMIT_REACHED","message":"The rate limit for this action was reached",)"
              R"("more_info":"https://developer.kayako.com/api/v1/reference/errors/RATE_LIMIT_REACHED"}]})");
    auto const e = kayako::make_rate_limit_envelope();
    EXPECT_EQ(e.status, 429);
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_EQ(e.errors[0].code, "RATE_LIMIT_REACHED");
}

TEST(RateLimitResponse, RetryAfterIsNeverZeroAndOptionsCarryThrough) {
    kayako::response_options how;
    how.retry_after = 600;                     // replaced by the verdict's
    how.name_case = kayako::letter_case::camel;
    auto made = kayako::make_rate_limit_response(rate_verdict{}, how);  // an allowed verdict: 0 s
    ASSERT_TRUE(made.has_value());
    EXPECT_EQ(made->headers.find("Retry-After"), "1");
    kayako::response_options injected;
    injected.csrf_token = "a\r\nb";
    auto bad = kayako::make_rate_limit_response(rate_verdict{false, 5, 0}, injected);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, kayako::error::header_injection);
    kayako::response_options script;
    script.jsonp_callback = "cb";
    auto jsonp = kayako::make_rate_limit_response(rate_verdict{false, 7, 0}, script);
    ASSERT_TRUE(jsonp.has_value());
    EXPECT_EQ(jsonp->status, 200);  // §13: the status travels in the body
    EXPECT_EQ(jsonp->headers.find("Retry-After"), "7");
    EXPECT_EQ(jsonp->body.rfind("cb({\"status\":429,", 0), 0u);
}

// The client's reading of Retry-After (§12, RFC 9110 §10.2.3): delay-seconds at both ends of
// uint64, an HTTP-date before, at and after `now`, and each bad form with its error.
TEST(RetryAfter, DelaySecondsAtTheirBounds) {
    EXPECT_EQ(kayako::parse_retry_after("59", t0).value(), 59u);  // TV-RL-1
    EXPECT_EQ(kayako::parse_retry_after("600", t0).value(), 600u);
    EXPECT_EQ(kayako::parse_retry_after("0", t0).value(), 0u);
    EXPECT_EQ(kayako::parse_retry_after(" \t59\t ", t0).value(), 59u);
    EXPECT_EQ(kayako::parse_retry_after("18446744073709551615", t0).value(), u64_max);
    EXPECT_EQ(kayako::parse_retry_after("18446744073709551616", t0).error().code, kayako::error::integer_out_of_range);
    EXPECT_EQ(kayako::parse_retry_after("99999999999999999999", t0).error().code, kayako::error::integer_out_of_range);
}

TEST(RetryAfter, AnHttpDateIsTheWaitUntilIt) {
    std::int64_t const at = 1'441'901'824;  // Thu, 10 Sep 2015 16:17:04 GMT
    std::string_view const date = "Thu, 10 Sep 2015 16:17:04 GMT";
    EXPECT_EQ(kayako::parse_retry_after(date, at - 30).value(), 30u);
    EXPECT_EQ(kayako::parse_retry_after(date, at - 1).value(), 1u);
    EXPECT_EQ(kayako::parse_retry_after(date, at).value(), 0u);
    EXPECT_EQ(kayako::parse_retry_after(date, at + 1).value(), 0u);  // already past: at once
    EXPECT_EQ(kayako::parse_retry_after(date, i64_min).value(), static_cast<std::uint64_t>(at) + (u64_max / 2 + 1));
    EXPECT_EQ(kayako::parse_retry_after("Thursday, 10-Sep-15 16:17:04 GMT", at - 5).value(), 5u);  // RFC 850
}

TEST(RetryAfter, WhatIsNeitherFormIsRefused) {
    EXPECT_EQ(kayako::parse_retry_after("", t0).error().code, kayako::error::empty_value);
    EXPECT_EQ(kayako::parse_retry_after(" \t ", t0).error().code, kayako::error::empty_value);
    for (std::string_view bad : {"-1", "+5", "1.5", "5s", "soon", "0x10", "Thu, 10 Sep 2015", "59 59"}) {
        auto r = kayako::parse_retry_after(bad, t0);
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_EQ(r.error().code, kayako::error::invalid_header) << bad;
        EXPECT_EQ(r.error().offset, 0u) << bad;
    }
}

TEST(RetryAfter, ReadsWhatTheServerWrites) {
    for (std::uint64_t wait : {std::uint64_t{1}, std::uint64_t{59}, std::uint64_t{600}}) {
        auto made = kayako::make_rate_limit_response(rate_verdict{false, wait, 0});
        ASSERT_TRUE(made.has_value());
        auto const written = made->headers.find("Retry-After");
        ASSERT_TRUE(written.has_value());
        EXPECT_EQ(kayako::parse_retry_after(*written, t0).value(), wait);
    }
}

}  // namespace
