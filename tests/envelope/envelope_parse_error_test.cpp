// Tests of envelope_parse_error.hpp: the owning error of the envelope readers.
#include <kayako/envelope/envelope_parse_error.hpp>

#include <gtest/gtest.h>

#include <boost/system/system_error.hpp>

#include <string>

namespace {

using namespace kayako;

TEST(EnvelopeParseError, Messages) {
    EXPECT_EQ((envelope_parse_error{error::wrong_type, failure::no_offset, "errors[2].code", "string"}).message(),
              "errors[2].code: expected string");
    EXPECT_EQ((envelope_parse_error{error::invalid_json, 17, {}, {}}).message(), "invalid JSON at offset 17");
    EXPECT_EQ((envelope_parse_error{error::integer_out_of_range, failure::no_offset, "status", {}}).message(),
              "status: integer out of range");
    EXPECT_EQ((envelope_parse_error{error::invalid_envelope, failure::no_offset, {}, "object"}).message(),
              "expected object");
}

TEST(EnvelopeParseError, OwnsThePathAndConvertsToFailure) {
    envelope_parse_error e{error::duplicate, failure::no_offset, std::string("totalCount"), {}};
    failure const f = e.as_failure();
    EXPECT_EQ(f.code, error::duplicate);
    EXPECT_EQ(f.parameter, "totalCount");
    EXPECT_EQ(f.parameter.data(), e.path.data());  // a view of the owned path
    EXPECT_EQ(e.error_code(), make_error_code(error::duplicate));
}

TEST(EnvelopeParseError, ResultValueThrowsSystemError) {
    envelope_result<int> r = envelope_parse_error{error::too_deep, 84, {}, {}};
    try {
        (void)r.value();
        FAIL() << "no exception";
    } catch (boost::system::system_error const& x) {
        EXPECT_EQ(x.code(), make_error_code(error::too_deep));
        EXPECT_NE(std::string(x.what()).find("at offset 84"), std::string::npos);
    }
}

}  // namespace
