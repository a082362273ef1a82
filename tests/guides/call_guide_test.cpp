// The code of docs/call.md ("Call a Kayako server"): a client of the notes service, section by
// section. Each `// [call:NAME]` region is shown by the guide byte for byte
// (guide_snippets_test.cpp checks it), and the tests below run it against recorded answers.
#include <kayako/proto.hpp>

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace call_guide {

// [call:types]
// The same description a server renders from serves the client to decode (§4.3): no DOM, any of
// the three letter cases (§6.1), members it does not know are skipped.
struct note {
    static constexpr std::string_view resource_type = "note";
    std::int64_t id = 0;
    std::string title;
    std::optional<std::string> text;
};
BOOST_DESCRIBE_STRUCT(note, (), (id, title, text))

// What your HTTP stack sends and receives; the library needs only these strings.
struct http_request {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};
// [/call:types]

// [call:target]
// GET /api/v1/notes/7?fields=%2Btext&_case=camel — every name and value escaped, `+` as `%2B`
// (§21.1), so that the server reads exactly what was meant.
std::string note_target(std::int64_t id) {
    namespace names = kayako::argument_names;
    return kayako::target_builder("notes").id(id).add(names::fields, "+text").add(names::letter_case, kayako::letter_case::camel).str();
}
// [/call:target]

// [call:credentials]
// The credential headers of a request in a session: X-Session-ID always, X-CSRF-Token on unsafe
// methods only (§10). A value with CR/LF/NUL is refused before anything is written.
kayako::result<http_request> update_request(std::string_view session_id, std::string_view csrf_token,
                                            std::int64_t id, std::string_view title) {
    http_request out{"PUT", kayako::target_builder("notes").id(id).str(), {}, {}};
    kayako::client_credentials session;
    session.session_id = session_id;
    session.csrf_token = csrf_token;
    auto const written = kayako::write_auth_headers(session, out.method, [&](std::string_view name, std::string_view value) {
        out.headers.emplace_back(name, value);
    });
    if (!written) return written.error();
    out.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    kayako::append_form_field(out.body, "title", title);
    return out;
}
// [/call:credentials]

// [call:decode]
// One note from a response body, or why not: the server's Kayako error, or where the body is
// not what was expected (a JSON path and an offset).
struct note_or_error {
    std::optional<note> value;
    std::string error;
};

note_or_error read_note(std::string_view body) {
    auto decoded = kayako::decode_envelope<note>(body);
    if (!decoded) return {std::nullopt, decoded.error().message()};  // "data.title: expected string ..."
    if (decoded->meta.is_error()) return {std::nullopt, std::string(decoded->meta.errors.front().code)};
    return {std::move(decoded->data), {}};
}
// [/call:decode]

// [call:pages]
// Every note of a collection: page after page, following `next_url` when the server sends links,
// else the next offset (§7.1, §7.4). `fetch(target)` is your HTTP GET, returning the body.
template <class Fetch>
kayako::result<std::vector<note>> all_notes(Fetch&& fetch) {
    std::vector<note> all;
    std::string target = kayako::target_builder("notes").add(kayako::argument_names::limit, 50).str();
    for (int pages = 0; pages < 10'000; ++pages) {  // a bound: a server that loops cannot hold us
        auto page = kayako::decode_envelope<std::vector<note>>(fetch(target));
        if (!page) return kayako::failure(kayako::error::invalid_json, page.error().offset, "data");
        std::uint64_t const received = page->data ? page->data->size() : 0;
        if (page->data) all.insert(all.end(), page->data->begin(), page->data->end());
        auto const next = kayako::next_page(page->meta, received, 0, 50);
        if (!next) return all;
        target = next->url ? std::string(*next->url)
                           : kayako::target_builder("notes").add("offset", next->offset).add("limit", next->limit).str();
    }
    return all;
}
// [/call:pages]

// [call:validators]
// Optimistic concurrency (§9): keep the validators of what was read, send them with the write,
// and tell a conflict (412 RESOURCE_MODIFIED: re-read, merge, retry) from other answers.
void add_conditions(kayako::validator_entry const& read, http_request& write) {
    read.add_conditions(write.method, [&](std::string_view name, std::string_view value) {
        write.headers.emplace_back(name, value);
    });
}

bool is_conflict(int status, std::string_view body) {
    auto const answer = kayako::parse_envelope_metadata(body);
    std::string_view const code = answer && !answer->errors.empty() ? answer->errors.front().code : std::string_view();
    return kayako::classify_conditional_response(status, code) == kayako::conditional_response::conflict;
}
// [/call:validators]

// [call:retry]
// 429 and 503 carry Retry-After (§12): seconds or an HTTP date. Wait that long (up to a bound of
// yours), then send the request again.
std::optional<std::uint64_t> seconds_to_wait(std::string_view retry_after, std::int64_t now, std::uint64_t at_most) {
    auto const wait = kayako::parse_retry_after(retry_after, now);
    if (!wait || *wait > at_most) return std::nullopt;  // unreadable, or longer than we are willing to wait
    return *wait;
}
// [/call:retry]

}  // namespace call_guide

namespace {

using namespace call_guide;
using pairs = std::vector<std::pair<std::string_view, std::string_view>>;

TEST(CallGuide, TargetsEscapeEveryArgument) {
    EXPECT_EQ(note_target(7), "/api/v1/notes/7?fields=%2Btext&_case=camel");
}

TEST(CallGuide, CredentialsGoOutAsHeadersWithTheCsrfTokenOnWrites) {
    auto const r = update_request("sess-1", "csrf-1", 7, "A & B");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->target, "/api/v1/notes/7");
    EXPECT_EQ(r->body, "title=A+%26+B");
    bool session = false, csrf = false;
    for (auto const& [name, value] : r->headers) {
        session = session || (name == "X-Session-ID" && value == "sess-1");
        csrf = csrf || (name == "X-CSRF-Token" && value == "csrf-1");
    }
    EXPECT_TRUE(session);
    EXPECT_TRUE(csrf);
    EXPECT_FALSE(update_request("sess-1\r\nX-Evil: 1", "csrf-1", 7, "x"));
}

TEST(CallGuide, DecodesANoteInAnyCaseAndReportsErrors) {
    auto const camel = read_note(R"({"status":200,"data":{"id":7,"Title":"Groceries","text":"milk","resource_type":"note"},"resource":"note"})");
    ASSERT_TRUE(camel.value.has_value()) << camel.error;
    EXPECT_EQ(camel.value->title, "Groceries");
    EXPECT_EQ(camel.value->text, std::optional<std::string>("milk"));

    auto const refused = read_note(R"({"status":404,"errors":[{"code":"RESOURCE_NOT_FOUND","message":"Resource not found"}]})");
    EXPECT_FALSE(refused.value.has_value());
    EXPECT_EQ(refused.error, "RESOURCE_NOT_FOUND");

    auto const wrong = read_note(R"({"status":200,"data":{"id":7,"title":12}})");
    EXPECT_FALSE(wrong.value.has_value());
    EXPECT_NE(wrong.error.find("title"), std::string::npos) << wrong.error;
}

TEST(CallGuide, FollowsNextUrlAndThenOffsets) {
    std::vector<std::string> asked;
    auto fetch = [&](std::string const& target) -> std::string {
        asked.push_back(target);
        if (asked.size() == 1)
            return R"({"status":200,"data":[{"id":1,"title":"a"}],"resource":"note","total_count":3,)"
                   R"("next_url":"/api/v1/notes?offset=1&limit=1"})";
        if (asked.size() == 2) return R"({"status":200,"data":[{"id":2,"title":"b"}],"resource":"note","total_count":3,"offset":1,"limit":1})";
        return R"({"status":200,"data":[{"id":3,"title":"c"}],"resource":"note","total_count":3,"offset":2,"limit":1})";
    };
    auto const all = all_notes(fetch);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[2].title, "c");
    ASSERT_EQ(asked.size(), 3u);
    EXPECT_EQ(asked[0], "/api/v1/notes?limit=50");
    EXPECT_EQ(asked[1], "/api/v1/notes?offset=1&limit=1");
    EXPECT_EQ(asked[2], "/api/v1/notes?offset=2&limit=1");
}

TEST(CallGuide, SendsTheValidatorsItReadAndSeesConflicts) {
    pairs const answered{{"ETag", "\"0123456789abcdef0123456789abcdef\""}, {"Last-Modified", "Thu, 18 Aug 2016 15:17:39 GMT"}};
    auto read = kayako::validator_entry::from_response(kayako::pair_headers<pairs>(answered));
    ASSERT_TRUE(read);
    http_request write{"PUT", "/api/v1/notes/7", {}, "title=x"};
    add_conditions(*read, write);
    bool if_match = false;
    for (auto const& [name, value] : write.headers) if_match = if_match || (name == "If-Match" && value == "\"0123456789abcdef0123456789abcdef\"");
    EXPECT_TRUE(if_match);

    EXPECT_TRUE(is_conflict(412, R"({"status":412,"errors":[{"code":"RESOURCE_MODIFIED"}]})"));
    EXPECT_FALSE(is_conflict(412, R"({"status":412,"errors":[{"code":"SOMETHING_ELSE"}]})"));
    EXPECT_FALSE(is_conflict(200, R"({"status":200})"));
}

TEST(CallGuide, WaitsOutARetryAfterWithinItsBound) {
    EXPECT_EQ(seconds_to_wait("2", 0, 60), std::optional<std::uint64_t>(2));
    EXPECT_EQ(seconds_to_wait("60", 0, 60), std::optional<std::uint64_t>(60));
    EXPECT_EQ(seconds_to_wait("61", 0, 60), std::nullopt);
    EXPECT_EQ(seconds_to_wait("soon", 0, 60), std::nullopt);
    EXPECT_EQ(seconds_to_wait("Thu, 18 Aug 2016 15:17:49 GMT", 1471533459, 60), std::optional<std::uint64_t>(10));
}

}  // namespace
