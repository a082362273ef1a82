// Tests of <kayako/core/error.hpp>: the error enum, its category, failure and result<T>.
#include <kayako/core/error.hpp>

#include <gtest/gtest.h>

#include <boost/system/system_error.hpp>

#include <iterator>
#include <set>
#include <string>
#include <string_view>

namespace {

using kayako::error;
using kayako::failure;

TEST(Error, CodesBelongToTheKayakoCategory) {
    boost::system::error_code const ec = error::invalid_integer;  // implicit, via is_error_code_enum
    EXPECT_EQ(ec.category().name(), std::string("kayako"));
    EXPECT_EQ(ec.value(), static_cast<int>(error::invalid_integer));
    EXPECT_EQ(ec.message(), "invalid integer");
    EXPECT_EQ(ec, kayako::make_error_code(error::invalid_integer));
    EXPECT_NE(ec, kayako::make_error_code(error::invalid_float));
}

TEST(Error, EveryEnumeratorHasItsOwnMessage) {
    std::set<std::string> seen;
    int count = 0;
    for (int v = 0; v < 600; ++v) {
        std::string const m = kayako::kayako_category().message(v);
        if (m == "unknown kayako error") continue;
        ++count;
        EXPECT_TRUE(seen.insert(m).second) << "duplicate message for " << v << ": " << m;
    }
    EXPECT_GE(count, 40);
    EXPECT_EQ(kayako::kayako_category().message(0), "unknown kayako error");
}

TEST(Failure, SaysWhatAndWhere) {
    failure const f(error::invalid_integer, 3, "limit");
    EXPECT_EQ(f.message(), "invalid integer at offset 3 in 'limit'");
    EXPECT_EQ(failure(error::empty_value).message(), "empty value");
    EXPECT_EQ(failure(error::too_deep, 7).message(), "nesting limit exceeded at offset 7");
    EXPECT_EQ(f.error_code(), kayako::make_error_code(error::invalid_integer));
}

TEST(Failure, OfAndShiftedKeepTheRest) {
    failure const f(error::invalid_base64, 2);
    EXPECT_EQ(f.of("binary_data"), failure(error::invalid_base64, 2, "binary_data"));
    EXPECT_EQ(f.shifted(10), failure(error::invalid_base64, 12));
    EXPECT_FALSE(failure(error::too_many).shifted(10).has_offset());
}

TEST(Result, ValueThrowsSystemErrorWithTheMessage) {
    kayako::result<int> const bad = failure(error::invalid_integer, 1, "offset");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().offset, 1u);
    try {
        (void)bad.value();
        FAIL() << "value() of a failure must throw";
    } catch (boost::system::system_error const& e) {
        EXPECT_EQ(e.code(), kayako::make_error_code(error::invalid_integer));
        EXPECT_NE(std::string(e.what()).find("at offset 1 in 'offset'"), std::string::npos) << e.what();
    }
    kayako::result<int> const good = 42;
    EXPECT_EQ(good.value(), 42);
}

// Every enumerator with its value (the ABI of serialized codes: append, never reorder) and message.
struct enumerator_row {
    error e;
    int value;
    std::string_view message;
};
constexpr enumerator_row enumerators[] = {
    {error::empty_value, 1, "empty value"},
    {error::unexpected_character, 2, "unexpected character"},
    {error::unexpected_end, 3, "unexpected end of input"},
    {error::invalid_percent_escape, 4, "invalid percent escape"},
    {error::invalid_utf8, 5, "invalid UTF-8"},
    {error::nul_byte, 6, "NUL byte in text"},
    {error::too_long, 7, "size limit exceeded"},
    {error::too_many, 8, "count limit exceeded"},
    {error::too_deep, 9, "nesting limit exceeded"},
    {error::duplicate, 10, "duplicate value"},
    {error::invalid_boolean, 100, "invalid boolean (expected true, false, 1 or 0)"},
    {error::invalid_integer, 101, "invalid integer"},
    {error::integer_out_of_range, 102, "integer out of range"},
    {error::invalid_float, 103, "invalid float"},
    {error::float_out_of_range, 104, "float out of range"},
    {error::invalid_timestamp, 105, "invalid timestamp (expected ISO-8601 or Unix seconds)"},
    {error::timestamp_out_of_range, 106, "timestamp out of range"},
    {error::invalid_base64, 107, "invalid base64"},
    {error::invalid_option, 108, "invalid option value"},
    {error::invalid_name, 109, "invalid name"},
    {error::invalid_target, 200, "invalid request target"},
    {error::missing_parameter, 201, "missing parameter"},
    {error::wrong_type, 202, "wrong JSON type"},
    {error::invalid_json, 203, "invalid JSON"},
    {error::invalid_content_type, 204, "unsupported or malformed Content-Type"},
    {error::missing_boundary, 205, "multipart boundary missing"},
    {error::invalid_multipart, 206, "malformed multipart body"},
    {error::checksum_mismatch, 207, "checksum mismatch"},
    {error::invalid_header, 208, "malformed header value"},
    {error::header_injection, 209, "CR, LF or NUL in a header value"},
    {error::not_acceptable, 210, "Accept excludes application/json"},
    {error::invalid_credentials, 211, "malformed credentials"},
    {error::parameters_inconsistent, 212, "parameters inconsistent"},
    {error::csrf_failed, 213, "CSRF token missing or wrong"},
    {error::unsupported_method, 214, "method not supported by the API"},
    {error::invalid_fields, 300, "invalid fields expression"},
    {error::invalid_include, 301, "invalid include list"},
    {error::invalid_envelope, 400, "invalid response envelope"},
    {error::invalid_jsonp_callback, 401, "invalid JSONP callback"},
    {error::conflicting_arguments, 402, "arguments that exclude each other"},
    {error::invalid_entity_tag, 500, "invalid entity tag"},
    {error::invalid_http_date, 501, "invalid HTTP date"},
    {error::invalid_framing, 600, "ambiguous request framing"},
    {error::unsupported_grant_type, 700, "unsupported grant type"},
    {error::invalid_scope, 701, "invalid scope"},
    {error::invalid_oauth_response, 702, "invalid OAuth token endpoint response"},
    {error::invalid_jwt, 703, "malformed JWT"},
    {error::unsupported_algorithm, 704, "unsupported JWS algorithm"},
    {error::signature_invalid, 705, "signature verification failed"},
    {error::token_expired, 706, "token expired"},
    {error::token_not_yet_valid, 707, "token not yet valid"},
    {error::token_too_old, 708, "token issued too long ago"},
    {error::unsupported_response_type, 709, "unsupported response type"},
    {error::invalid_redirect_uri, 710, "invalid redirection URI"},
    {error::invalid_code_challenge, 711, "invalid PKCE code challenge or verifier"},
    {error::version_missing, 800, "API version missing from the URL"},
    {error::version_not_supported, 801, "API version not supported"},
    {error::too_many_segments, 802, "too many URL segments"},
    {error::app_not_found, 803, "app not found"},
    {error::action_not_available, 804, "action not available for the resource"},
    {error::timestamp_missing, 900, "request timestamp missing"},
    {error::timestamp_mismatch, 901, "request timestamp too far from the server's clock"},
};

TEST(Error, EveryEnumeratorHasItsValueAndMessage) {
    std::size_t known = 0;
    for (int v = -1; v < 1000; ++v) known += kayako::kayako_category().message(v) != "unknown kayako error";
    ASSERT_EQ(std::size(enumerators), known);  // no enumerator missing from the table
    char buffer[8];
    for (auto const& row : enumerators) {
        EXPECT_EQ(static_cast<int>(row.e), row.value) << row.message;
        EXPECT_EQ(kayako::make_error_code(row.e).message(), row.message);
        EXPECT_EQ(std::string_view(kayako::kayako_category().message(row.value, buffer, sizeof buffer)), row.message);
        EXPECT_EQ(failure(row.e).message(), row.message);
    }
    EXPECT_EQ(std::string_view(kayako::kayako_category().message(99, buffer, sizeof buffer)), "unknown kayako error");
}

TEST(Failure, EqualityComparesEveryMember) {
    failure const f(error::invalid_integer, 3, "limit");
    EXPECT_TRUE(f == failure(error::invalid_integer, 3, "limit"));
    EXPECT_FALSE(f == failure(error::invalid_float, 3, "limit"));
    EXPECT_FALSE(f == failure(error::invalid_integer, 4, "limit"));
    EXPECT_FALSE(f == failure(error::invalid_integer, 3, "offset"));
    EXPECT_FALSE(f == failure(error::invalid_integer, 3));
    EXPECT_TRUE(failure(error::too_many).offset == failure::no_offset);
    EXPECT_FALSE(failure(error::too_many).has_offset());
    EXPECT_TRUE(failure(error::too_many, 0).has_offset());  // offset 0 is an offset
    EXPECT_EQ(failure(error::too_many, 0).message(), "count limit exceeded at offset 0");
    EXPECT_EQ(failure(error::too_many, failure::no_offset, "ids").message(), "count limit exceeded in 'ids'");
    EXPECT_EQ(failure(error::too_many, 0).shifted(0), failure(error::too_many, 0));
    EXPECT_EQ(failure(error::too_many, 2, "a").shifted(5), failure(error::too_many, 7, "a"));
    EXPECT_EQ(failure().code, error::unexpected_character);
}

}  // namespace
