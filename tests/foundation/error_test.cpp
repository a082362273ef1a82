// Tests of <kayako/error.hpp>: the error enum, its category, failure and result<T>.
#include <kayako/error.hpp>

#include <gtest/gtest.h>

#include <boost/system/system_error.hpp>

#include <set>
#include <string>

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

}  // namespace
