// The server-side fixture that answer.hpp's and respond.hpp's tests share (respond_test.cpp,
// ajax_caching_test.cpp): Ann, a user with a nested role, her schemas, the validators of her
// current state, and one incoming request as a server's HTTP stack has it.
#ifndef KAYAKO_TESTS_SUPPORT_RESPOND_FIXTURE_HPP
#define KAYAKO_TESTS_SUPPORT_RESPOND_FIXTURE_HPP

#include <kayako/response/respond.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <string_view>
#include <utility>
#include <vector>

namespace respond_fixture {

using header_list = std::vector<std::pair<std::string_view, std::string_view>>;
using header_view = kayako::pair_headers<header_list>;

// Thu, 10 Sep 2015 16:17:04 GMT — the reference's date (§9.1) — and a minute later.
inline constexpr kayako::http_date modified{1441901824};
inline constexpr kayako::http_date now{1441901900};
inline constexpr std::string_view tag_text = R"("0123456789abcdef0123456789abcdef")";

inline kayako::schema_registry const& schemas() {
    using kayako::field;
    using kayako::nested;
    using kayako::resource_schema;
    static kayako::schema_registry const registry{
        resource_schema{"user", {{"full_name"}, {"role", nested("role")}, {"email", field::optional}}},
        resource_schema{"role", {{"title"}}},
    };
    return registry;
}

inline boost::json::value const& ann() {
    static boost::json::value const v = boost::json::parse(
        R"({"id":1,"full_name":"Ann","email":"ann@example.com","role":{"id":2,"title":"Admin","resource_type":"role"},"resource_type":"user"})");
    return v;
}

/// Ann's current validators: the strong tag `tag_text`, modified at `modified`.
inline kayako::resource_validators validators(bool ambiguous = false) {
    kayako::resource_validators v;
    v.etag = kayako::entity_tag{"0123456789abcdef0123456789abcdef", false};
    v.last_modified = modified;
    v.last_modified_ambiguous = ambiguous;
    return v;
}

/// One request as a server's HTTP stack has it; `headers` outlives the typed request, which views it.
struct incoming {
    header_list headers;
    kayako::typed_request<header_view> read(std::string_view method, std::string_view target) const {
        auto r = kayako::read_request(method, target, header_view(headers), {});
        EXPECT_TRUE(r) << target;
        return std::move(*r);
    }
};

}  // namespace respond_fixture

#endif  // KAYAKO_TESTS_SUPPORT_RESPOND_FIXTURE_HPP
