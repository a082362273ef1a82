// The README's "A taste" is this file's code: the test compiles and runs it, and checks that the
// README shows it byte for byte, so the first code a reader sees builds and does what it says.
#include <kayako/proto.hpp>

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include "support/testdata.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taste {

// [taste]
// A user type of yours, described once: the library renders it (fields, include, _empty, _case,
// _flat; §5, §6) and decodes it from responses, with no hand-written mapping.
struct user {
    static constexpr std::string_view resource_type = "user";
    std::int64_t id = 0;
    std::string full_name;
    std::optional<std::string> email;
};
BOOST_DESCRIBE_STRUCT(user, (), (id, full_name, email))

kayako::schema_registry const schemas{kayako::resource_schema{"user", {{"full_name"}, {"email", kayako::field::optional}}}};

// Your HTTP stack's request headers: any container of name/value pairs, or any callable
// `h(name, visit)` (the `header_source` concept).
using headers = std::vector<std::pair<std::string_view, std::string_view>>;

// Server: what your HTTP stack has, read once into one typed request (path, arguments,
// credentials, output options, preconditions; §1–§17), then the whole answer: 304 or 412 from
// the validators (§9), else the user rendered as the request asked, in its letter case (§6.1).
kayako::response serve(std::string_view method, std::string_view target, headers const& in,
                       user const& stored, kayako::http_date now) {
    kayako::pair_headers<headers> const h(in);
    auto request = kayako::read_request(method, target, h, /*body=*/"");
    if (!request) {  // the first Kayako error, with its `parameter`, in the case the client asked for
        kayako::answer refused(kayako::answer_form_of(request.error(), method, h));
        refused.fail(request.error().code, request.error().parameter);
        return refused.respond({.date = now}).value();
    }
    auto const tag = kayako::entity_tag_for_bytes(stored.full_name);  // from the state that versions it
    kayako::resource_validators const current{true, tag.tag(), now};
    return kayako::respond(*request, stored, schemas, current, {.date = now}).value();
}

// Client: the answer's data straight into your types, whatever letter case the server used.
std::optional<user> read_user(std::string_view body) {
    auto decoded = kayako::decode_envelope<user>(body);
    if (!decoded) return std::nullopt;  // decoded.error(): what, where (JSON path, offset)
    return std::move(decoded->data);
}
// [/taste]

}  // namespace taste

namespace {

using taste::headers;
kayako::http_date const now{1471533459};  // 2016-08-18T15:17:39Z

std::string header_of(kayako::response const& r, std::string_view name) {
    for (auto const& h : r.headers)
        if (h.name == name) return std::string(h.value);
    return {};
}

TEST(ReadmeTaste, RendersTheUserInTheRequestsCaseAndReadsItBack) {
    taste::user const stored{7, "Caryn Pryor", "caryn@example.com"};
    auto const r = taste::serve("GET", "/api/v1/users/7?_case=camel&fields=+email", headers{}, stored, now);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(R"("fullName":"Caryn Pryor")"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find(R"("email":"caryn@example.com")"), std::string::npos) << r.body;
    auto const back = taste::read_user(r.body);
    ASSERT_TRUE(back.has_value()) << r.body;
    EXPECT_EQ(back->id, 7);
    EXPECT_EQ(back->full_name, "Caryn Pryor");
    EXPECT_EQ(back->email, std::optional<std::string>("caryn@example.com"));
}

TEST(ReadmeTaste, AnswersAMatchingIfNoneMatchWith304) {
    taste::user const stored{7, "Caryn Pryor", std::nullopt};
    auto const first = taste::serve("GET", "/api/v1/users/7", headers{}, stored, now);
    std::string const etag = header_of(first, "ETag");
    ASSERT_FALSE(etag.empty());
    auto const again = taste::serve("GET", "/api/v1/users/7", headers{{"If-None-Match", etag}}, stored, now);
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
}

TEST(ReadmeTaste, RefusesABadArgumentNamingIt) {
    auto const r = taste::serve("GET", "/api/v1/users/7?_case=kebab", headers{}, taste::user{}, now);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find(R"("parameter":"_case")"), std::string::npos) << r.body;
}

TEST(ReadmeTaste, TheReadmeShowsThisCode) {
    std::filesystem::path const root(KAYAKO_PROJECT_ROOT);
    std::string const source = kayako::test::read_file_bytes(root / "tests" / "foundation" / "readme_taste_test.cpp");
    std::string const readme = kayako::test::read_file_bytes(root / "README.md");
    std::size_t const from = source.find("// [taste]\n");
    std::size_t const to = source.find("// [/taste]\n");
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    std::string const code = source.substr(from + 11, to - from - 11);
    std::string const block = "```cpp\n#include <kayako/proto.hpp>\n\n" + code + "```\n";
    EXPECT_NE(readme.find(block), std::string::npos) << "README.md's taste differs from " << "readme_taste_test.cpp";
}

}  // namespace
