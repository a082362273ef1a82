// Tests of envelope_types.hpp: the errors, notifications and logs of an envelope, and its model
// (§4.3-§4.6, §15, §21.12).
#include <kayako/envelope/envelope_types.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace {

using namespace kayako;

// §15, §21.12: the status that goes with errors.
TEST(EnvelopeErrors, StatusForErrors) {
    struct row {
        std::vector<api_error_object> errors;
        int status;
    };
    api_error_object unknown;
    unknown.code = "NOT_IN_CATALOGUE";
    row const rows[] = {
        {{}, 400},
        {{make_api_error(api_error_code::rate_limit_reached)}, 429},
        {{make_api_error(api_error_code::resource_modified)}, 412},
        {{make_api_error(api_error_code::session_loading_failed)}, 454},
        {{make_api_error(api_error_code::csrf_failed)}, 403},
        {{make_api_error(api_error_code::condition_required)}, 428},
        {{unknown}, 400},
        {{unknown, make_api_error(api_error_code::resource_not_found)}, 404},
        {{make_api_error(api_error_code::field_invalid), make_api_error(api_error_code::exception_caught)}, 400},
    };
    for (auto const& r : rows) EXPECT_EQ(status_for_errors(r.errors), r.status);
}

TEST(EnvelopeErrors, FromLibraryFailure) {
    auto const e = make_api_error(failure(error::invalid_integer, 3, "limit"));
    EXPECT_EQ(e.code, "FIELD_INVALID");
    EXPECT_EQ(e.parameter, "limit");
    EXPECT_EQ(e.message, "The value of the field is invalid");
    EXPECT_EQ(e.more_info, "https://developer.kayako.com/api/v1/reference/errors/FIELD_INVALID");
    EXPECT_EQ(e.http_status(), 400);
    auto const r = make_api_error(failure(error::missing_parameter, failure::no_offset, "email"));
    EXPECT_EQ(r.known_code(), api_error_code::field_required);
    auto const c = make_api_error(failure(error::conflicting_arguments, 0, "since"));
    EXPECT_EQ(c.known_code(), api_error_code::one_field_expected);
}

TEST(EnvelopeErrors, UnknownCodesSurvive) {
    api_error_object e;
    e.code = "BRAND_NEW_CODE";
    EXPECT_FALSE(e.known_code());
    EXPECT_FALSE(e.http_status());
    EXPECT_EQ(e.name().name(), "BRAND_NEW_CODE");
}

// §3, §4.3: the option readers take exactly their view: every spelling, every prefix one byte
// short, at the end of an exact block and followed by bytes that would change the answer if read.
TEST(EnvelopeEnums, OptionsReadExactlyTheirView) {
    for (std::string_view const word : {"ERROR", "WARNING", "INFO", "SUCCESS", "NOTICE", "error", "Notice"}) {
        bool const type = parse_notification_type(word).has_value(), level = parse_log_level(word).has_value();
        EXPECT_TRUE(type || level) << word;
        for (std::size_t n = 0; n <= word.size(); ++n) {
            kayako::test::exact_buffer const exact(word.substr(0, n));
            EXPECT_EQ(parse_notification_type(exact.view()).has_value(), n == word.size() && type) << word << " " << n;
            EXPECT_EQ(parse_log_level(exact.view()).has_value(), n == word.size() && level) << word << " " << n;
            for (std::string_view tail : kayako::test::over_read_tails) {
                kayako::test::with_tail const longer(word.substr(0, n), tail);
                EXPECT_EQ(parse_notification_type(longer.view()), parse_notification_type(exact.view())) << word << n << tail;
                EXPECT_EQ(parse_log_level(longer.view()), parse_log_level(exact.view())) << word << n << tail;
            }
        }
    }
}

TEST(EnvelopeEnums, NotificationTypesAndLogLevels) {
    EXPECT_EQ(parse_notification_type("INFO"), notification_type::info);
    EXPECT_EQ(parse_notification_type("warning"), notification_type::warning);  // options: any case (§3)
    EXPECT_EQ(parse_notification_type("Success"), notification_type::success);
    EXPECT_EQ(parse_notification_type("ERROR"), notification_type::error);
    EXPECT_FALSE(parse_notification_type("NOTICE"));
    EXPECT_FALSE(parse_notification_type(""));
    EXPECT_EQ(parse_log_level("NOTICE"), log_level::notice);
    EXPECT_EQ(parse_log_level("error"), log_level::error);
    EXPECT_EQ(parse_log_level("WARNING"), log_level::warning);
    EXPECT_FALSE(parse_log_level("INFO"));
    notification n;
    n.type = "DEBUG";
    EXPECT_FALSE(n.known_type());
    log_entry l(log_level::warning, "x");
    EXPECT_EQ(l.known_level(), log_level::warning);
}

TEST(EnvelopeModel, IsErrorFollowsSection44) {
    envelope_metadata m;
    EXPECT_FALSE(m.is_error());
    m.errors.push_back(make_api_error(api_error_code::field_invalid));
    EXPECT_FALSE(m.is_error());  // 200 with errors is not an error response
    m.status = 201;
    EXPECT_FALSE(m.is_error());
    m.status = 400;
    EXPECT_TRUE(m.is_error());
    m.errors.clear();
    EXPECT_FALSE(m.is_error());  // 400 without errors neither
}

}  // namespace
