// Tests of pagination.hpp's date links (§7.3, §7.4): `since` / `until` from the first and last
// items' dates, in both orders, which links appear at each end, the limit, the request's other
// arguments, the letter case, the dropped credentials (§21.24), and the §7.3 dates written in
// ISO-8601 with their offset (form-encoded: `+` is `%2B`).
#include <kayako/envelope/pagination.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace {

using namespace kayako;

// 2015-08-28T20:34:59+05:00 (a date of §7.3's example) and four hours earlier.
constexpr timestamp newest{1440776099, 5 * 60};
constexpr timestamp oldest{1440763087, 5 * 60};  // 2015-08-28T16:58:07+05:00

link_target activities() {
    link_target t;
    t.base_url = "http://127.0.0.1:8080/api/v1/activities";
    return t;
}

TEST(DateLinks, NewestFirstPagesTowardsOlderItemsWithUntil) {
    auto const links = make_date_links(activities(), 10, {newest, oldest, true, true, date_order::newest_first});
    EXPECT_EQ(links.first_url, "http://127.0.0.1:8080/api/v1/activities.json");
    EXPECT_EQ(links.previous_url, "http://127.0.0.1:8080/api/v1/activities.json?since=2015-08-28T20%3A34%3A59%2B05%3A00");
    EXPECT_EQ(links.next_url, "http://127.0.0.1:8080/api/v1/activities.json?until=2015-08-28T16%3A58%3A07%2B05%3A00");
    EXPECT_FALSE(links.last_url);  // no date names the last page
    // Each link's date reads back as the item's date (§3): the client needs no other format.
    EXPECT_EQ(parse_timestamp("2015-08-28T20:34:59+05:00")->seconds, newest.seconds);
}

TEST(DateLinks, OldestFirstPagesTowardsNewerItemsWithSince) {
    auto const links = make_date_links(activities(), 10, {oldest, newest, true, true, date_order::oldest_first});
    EXPECT_EQ(links.previous_url, "http://127.0.0.1:8080/api/v1/activities.json?until=2015-08-28T16%3A58%3A07%2B05%3A00");
    EXPECT_EQ(links.next_url, "http://127.0.0.1:8080/api/v1/activities.json?since=2015-08-28T20%3A34%3A59%2B05%3A00");
}

TEST(DateLinks, EachLinkOnlyWhereItemsLie) {
    auto const first_page = make_date_links(activities(), 10, {newest, oldest, false, true, date_order::newest_first});
    EXPECT_FALSE(first_page.first_url);
    EXPECT_FALSE(first_page.previous_url);
    EXPECT_TRUE(first_page.next_url);

    auto const last_page = make_date_links(activities(), 10, {newest, oldest, true, false, date_order::newest_first});
    EXPECT_TRUE(last_page.previous_url);
    EXPECT_FALSE(last_page.next_url);

    EXPECT_EQ(make_date_links(activities(), 10, {newest, oldest, false, false, date_order::newest_first}), pagination_links{});
    // An empty page has no dates to page from, whatever lies around it.
    EXPECT_EQ(make_date_links(activities(), 10, {std::nullopt, std::nullopt, true, true, date_order::newest_first}),
              pagination_links{});
}

TEST(DateLinks, KeepTheLimitTheArgumentsAndTheCaseButNoCredentialOrOldPosition) {
    query_argument const sent[] = {{"_session_id", "secret"}, {"until", "2015-09-01T00:00:00Z"}, {"offset", "20"},
                                   {"include", "test,user"}, {"_case", "camel"}, {"limit", "3"}};
    link_target t = activities();
    t.arguments = sent;
    t.name_case = letter_case::camel;
    auto const links = make_date_links(t, 3, {timestamp{1441828693, 0}, timestamp{1441828690, 0}, true, true,
                                              date_order::newest_first});
    EXPECT_EQ(links.next_url, "http://127.0.0.1:8080/api/v1/activities.json?_case=camel&include=test%2Cuser&limit=3"
                              "&until=2015-09-09T19%3A58%3A10%2B00%3A00");
    EXPECT_EQ(links.first_url, "http://127.0.0.1:8080/api/v1/activities.json?_case=camel&include=test%2Cuser&limit=3");
    EXPECT_EQ(links.previous_url, "http://127.0.0.1:8080/api/v1/activities.json?_case=camel&include=test%2Cuser&limit=3"
                                  "&since=2015-09-09T19%3A58%3A13%2B00%3A00");
    // The default limit is not written; 0 is read as the default.
    EXPECT_EQ(make_date_links(activities(), 10, {newest, oldest, false, true, date_order::newest_first}).next_url,
              make_date_links(activities(), 0, {newest, oldest, false, true, date_order::newest_first}).next_url);
}

TEST(DateLinks, TheClientFollowsThemAndCopesWithLongPages) {
    // §7.3: a date page may hold more than `limit` items; with `next_url` the client follows it,
    // without one it counts the items it got, never `limit`.
    envelope_metadata page;
    page.limit = 10;
    std::string const next = "http://127.0.0.1:8080/api/v1/activities.json?until=2015-09-09T19%3A58%3A10%2B00%3A00";
    page.next_url = next;
    auto const follow = next_page(page, 13);
    ASSERT_TRUE(follow);
    EXPECT_EQ(follow->url, next);
    page.next_url.reset();
    page.previous_url = next;  // links, but no next: the end
    EXPECT_FALSE(next_page(page, 13));
}

}  // namespace
