// Tests of request_timestamp.hpp and the timestamp's reading (auth.hpp): §11.10 (TIMESTAMP_MISSING,
// TIMESTAMP_MISMATCH and the skew window) and §11.9 (`X-Timestamp` and `_timestamp`, one format,
// cross-checked), through the typed request as a server reads them.
#include <kayako/request/request_timestamp.hpp>

#include <kayako/core/api_error.hpp>
#include <kayako/core/values.hpp>
#include <kayako/request/auth.hpp>
#include <kayako/request/typed_request.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using kayako::failure;
using kayako::timestamp_policy;
using header_list = std::vector<std::pair<std::string, std::string>>;
using header_view = kayako::pair_headers<header_list>;

constexpr std::int64_t now = 1'441'828'690;  // 2015-09-09T19:58:10Z

TEST(RequestTimestamp, NoPolicyAcceptsEveryRequest) {  // §11.10: a request "may include" one
    EXPECT_TRUE(kayako::check_request_timestamp(std::nullopt, now, {}));
    EXPECT_TRUE(kayako::check_request_timestamp(0, now, {}));
    EXPECT_TRUE(kayako::check_request_timestamp(kayako::timestamp_max_seconds, now, {}));
}

TEST(RequestTimestamp, MissingWhenRequired) {
    timestamp_policy const required{.required = true};
    EXPECT_EQ(kayako::check_request_timestamp(std::nullopt, now, required).error(), failure(error::timestamp_missing));
    EXPECT_TRUE(kayako::check_request_timestamp(now, now, required));
    EXPECT_TRUE(kayako::check_request_timestamp(0, now, required));  // no window: any time will do
    // A window alone does not require one.
    EXPECT_TRUE(kayako::check_request_timestamp(std::nullopt, now, {.max_skew = 300}));
}

TEST(RequestTimestamp, SkewWindowAtItsBoundAndOnePast) {  // inclusive, both sides
    for (std::uint64_t skew : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{300}, std::uint64_t{86'400}}) {
        timestamp_policy const p{.required = true, .max_skew = skew};
        auto const s = static_cast<std::int64_t>(skew);
        EXPECT_TRUE(kayako::check_request_timestamp(now - s, now, p)) << skew;
        EXPECT_TRUE(kayako::check_request_timestamp(now + s, now, p)) << skew;
        EXPECT_EQ(kayako::check_request_timestamp(now - s - 1, now, p).error(), failure(error::timestamp_mismatch)) << skew;
        EXPECT_EQ(kayako::check_request_timestamp(now + s + 1, now, p).error(), failure(error::timestamp_mismatch)) << skew;
    }
}

TEST(RequestTimestamp, ExtremeValuesNeverOverflow) {
    constexpr auto lo = std::numeric_limits<std::int64_t>::min();
    constexpr auto hi = std::numeric_limits<std::int64_t>::max();
    timestamp_policy const widest{.max_skew = std::numeric_limits<std::uint64_t>::max()};
    EXPECT_TRUE(kayako::check_request_timestamp(lo, hi, widest));
    EXPECT_TRUE(kayako::check_request_timestamp(hi, lo, widest));
    timestamp_policy const almost{.max_skew = std::numeric_limits<std::uint64_t>::max() - 1};
    EXPECT_EQ(kayako::check_request_timestamp(lo, hi, almost).error().code, error::timestamp_mismatch);
    EXPECT_EQ(kayako::check_request_timestamp(hi, lo, almost).error().code, error::timestamp_mismatch);
}

TEST(RequestTimestamp, WireCodesAndStatuses) {  // §15
    EXPECT_EQ(kayako::api_error_for(failure(error::timestamp_missing)), kayako::api_error_code::timestamp_missing);
    EXPECT_EQ(kayako::api_error_for(failure(error::timestamp_mismatch)), kayako::api_error_code::timestamp_mismatch);
    EXPECT_EQ(kayako::http_status(kayako::api_error_code::timestamp_missing), 400);
    EXPECT_EQ(kayako::http_status(kayako::api_error_code::timestamp_mismatch), 400);
}

// §11.9, §11.10: the header and the argument take one format (Unix seconds), are the same value
// wherever sent, and a disagreement names the argument; a value that is no Unix time names where
// it came from.
TEST(RequestTimestamp, HeaderAndArgumentReadAlikeAndAreCrossChecked) {
    auto read = [](std::string target, header_list headers) {
        return kayako::read_request("GET", target, header_view(std::move(headers)), "");
    };
    auto const by_header = read("/api/v1/tests", {{"X-Timestamp", "1441828690"}});
    ASSERT_TRUE(by_header);
    EXPECT_EQ(by_header->credentials().timestamp, now);
    auto const by_argument = read("/api/v1/tests?_timestamp=1441828690", {});
    ASSERT_TRUE(by_argument);
    EXPECT_EQ(by_argument->credentials().timestamp, now);
    auto const both = read("/api/v1/tests?_timestamp=1441828690", {{"X-Timestamp", "1441828690"}});
    ASSERT_TRUE(both);
    EXPECT_EQ(both->credentials().timestamp, now);

    auto const differ = read("/api/v1/tests?_timestamp=1441828691", {{"X-Timestamp", "1441828690"}});
    ASSERT_FALSE(differ);
    EXPECT_EQ(differ.error().code, kayako::api_error_code::parameters_inconsistent);
    EXPECT_EQ(differ.error().parameter, "_timestamp");
    // One instant, two spellings, is still two values (compared byte for byte).
    auto const spelled = read("/api/v1/tests?_timestamp=01441828690", {{"X-Timestamp", "1441828690"}});
    ASSERT_FALSE(spelled);
    EXPECT_EQ(spelled.error().code, kayako::api_error_code::parameters_inconsistent);

    // ISO 8601 is refused in both places alike (auth.hpp says why), naming where it came from.
    auto const iso_header = read("/api/v1/tests", {{"X-Timestamp", "2015-09-09T19:58:10Z"}});
    ASSERT_FALSE(iso_header);
    EXPECT_EQ(iso_header.error().code, kayako::api_error_code::field_invalid);
    EXPECT_EQ(iso_header.error().parameter, "X-Timestamp");
    auto const iso_argument = read("/api/v1/tests?_timestamp=2015-09-09T19:58:10Z", {});
    ASSERT_FALSE(iso_argument);
    EXPECT_EQ(iso_argument.error().parameter, "_timestamp");

    // And the policy check on what was read.
    timestamp_policy const p{.required = true, .max_skew = 300};
    EXPECT_TRUE(kayako::check_request_timestamp(by_header->credentials().timestamp, now + 300, p));
    EXPECT_FALSE(kayako::check_request_timestamp(by_header->credentials().timestamp, now + 301, p));
    auto const none = read("/api/v1/tests", {});
    ASSERT_TRUE(none);
    EXPECT_EQ(kayako::check_request_timestamp(none->credentials().timestamp, now, p).error().code, error::timestamp_missing);
}

}  // namespace
