// Every pagination link recorded from live Kayako servers (the official Java SDK's fixtures)
// recomputes byte for byte from its request with pagination.hpp (§7.4, §21.11, §21.17, §21.24).
// Read in place from ../shared/testdata/peers/kayako-java-sdk: index.json says, for each body,
// the request's arguments, the collection URL and the letter case a recomputation needs.
#include <kayako/envelope/pagination.hpp>

#include "support/testdata.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;

std::optional<std::string> member_text(json::object const& body, std::string_view snake, std::string_view camel) {
    for (std::string_view name : {snake, camel})
        if (auto const* v = body.if_contains(name)) return std::string(v->as_string());
    return std::nullopt;
}

std::uint64_t member_count(json::object const& body, std::string_view snake, std::string_view camel) {
    for (std::string_view name : {snake, camel})
        if (auto const* v = body.if_contains(name)) return v->to_number<std::uint64_t>();
    ADD_FAILURE() << "no " << snake;
    return 0;
}

TEST(PeersKayakoPagination, EveryRecordedLinkRecomputes) {
    KAYAKO_TESTDATA_OR_SKIP(dir, "peers/kayako-java-sdk");
    auto const index = json::parse(kayako::test::read_file_bytes(dir / "index.json"));
    std::size_t bodies = 0, paginated = 0, with_request = 0, links_recorded = 0, links_recomputed = 0;
    for (auto const& item : index.at("responses").as_array()) {
        auto const& entry = item.as_object();
        ++bodies;
        auto const* pagination = entry.if_contains("pagination");
        if (!pagination) continue;
        auto const& p = pagination->as_object();
        std::string const name(entry.at("name").as_string());
        SCOPED_TRACE(name);
        ++paginated;
        auto const body = json::parse(kayako::test::read_file_bytes(dir / std::string(entry.at("file").as_string()))).as_object();

        // The envelope's own numbers are the index's.
        EXPECT_EQ(member_count(body, "offset", "offset"), p.at("offset").to_number<std::uint64_t>());
        EXPECT_EQ(member_count(body, "limit", "limit"), p.at("limit").to_number<std::uint64_t>());
        std::uint64_t const total = member_count(body, "total_count", "totalCount");
        EXPECT_EQ(total, p.at("total_count").to_number<std::uint64_t>());

        constexpr std::string_view link_names[4][2] = {
            {"first_url", "firstUrl"}, {"previous_url", "previousUrl"}, {"next_url", "nextUrl"}, {"last_url", "lastUrl"}};
        std::optional<std::string> recorded[4];
        for (std::size_t i = 0; i < 4; ++i) {
            recorded[i] = member_text(body, link_names[i][0], link_names[i][1]);
            if (recorded[i]) ++links_recorded;
        }
        EXPECT_EQ(p.at("has_links").as_bool(), recorded[0] || recorded[1] || recorded[2] || recorded[3]);

        // The request: its arguments, read as a server reads them (limit=0 is the default, §21.17).
        std::vector<std::string> storage;
        std::vector<kayako::query_argument> arguments;
        if (auto const* args = p.if_contains("arguments"); args && args->is_array()) {
            ++with_request;
            storage.reserve(2 * args->as_array().size());
            for (auto const& a : args->as_array()) {
                storage.emplace_back(a.as_array()[0].as_string());
                storage.emplace_back(a.as_array()[1].as_string());
            }
            for (std::size_t i = 0; i < storage.size(); i += 2) arguments.push_back({storage[i], storage[i + 1]});
        }
        auto const page = kayako::parse_pagination(arguments);
        ASSERT_TRUE(page) << page.error().message();
        if (!arguments.empty()) {
            EXPECT_EQ(page->offset, p.at("offset").to_number<std::uint64_t>());
            EXPECT_EQ(page->limit, p.at("limit").to_number<std::uint64_t>());
        }

        // Where the links point: the index's collection URL, or the request URL without its query.
        std::string base_url;
        if (auto const* b = p.if_contains("base_url"); b && b->is_string()) {
            base_url = b->as_string();
        } else if (auto const* url = entry.at("request").as_object().if_contains("url"); url && url->is_string()) {
            std::string_view const u = url->as_string();
            base_url = u.substr(0, u.find('?'));
        }
        kayako::link_target target;
        target.base_url = base_url;
        target.arguments = arguments;
        auto const name_case = kayako::parse_letter_case(p.at("name_case").as_string());
        ASSERT_TRUE(name_case);
        target.name_case = *name_case;
        auto const links = kayako::make_offset_links(target, page->offset, page->limit, total);
        std::optional<std::string> const computed[4] = {links.first_url, links.previous_url, links.next_url, links.last_url};
        for (std::size_t i = 0; i < 4; ++i) {
            SCOPED_TRACE(link_names[i][0]);
            EXPECT_EQ(computed[i], recorded[i]);
            if (recorded[i] && computed[i] == recorded[i]) ++links_recomputed;
        }
    }
    EXPECT_EQ(bodies, 60u);
    EXPECT_EQ(paginated, 18u);
    EXPECT_EQ(with_request, 15u);  // three parser fixtures do not reveal their request: no links
    EXPECT_EQ(links_recorded, 26u);
    EXPECT_EQ(links_recomputed, links_recorded);
}

}  // namespace
