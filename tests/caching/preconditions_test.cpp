// Tests of preconditions.hpp: the server evaluates If-Match, If-None-Match, If-Modified-Since and
// If-Unmodified-Since (§9.2, §9.3, §21.8, §21.9; RFC 9110 §13).
#include <kayako/caching/preconditions.hpp>

#include <gtest/gtest.h>

#include <kayako/core/api_error.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Counts heap allocations of this test binary, to prove that evaluation allocates nothing.
namespace {
std::atomic<std::size_t> heap_allocations{0};
}
// Out of line, so that GCC does not see `free` meet a pointer from `new` (-Wmismatched-new-delete).
[[gnu::noinline]] void* operator new(std::size_t size) {
    heap_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using kayako::entity_tag;
using kayako::evaluate_preconditions;
using kayako::http_date;
using kayako::precondition_outcome;
using kayako::precondition_reason;
using kayako::precondition_result;
using kayako::resource_validators;

using fields = std::vector<std::pair<std::string, std::string>>;

precondition_result evaluate(std::string_view method, fields const& f, resource_validators const& v,
                             kayako::precondition_options const& o = {}) {
    return evaluate_preconditions(method, kayako::pair_headers<fields>(f), v, o);
}

constexpr auto proceed = precondition_outcome::proceed;
constexpr auto not_modified = precondition_outcome::not_modified;
constexpr auto failed = precondition_outcome::precondition_failed;

// ---------------------------------------------------------------------------------------------
// The precedence matrix: every combination of the four headers (plus `*`), five methods, the
// resource existing or not, a weak or strong current tag, AJAX mode on or off — checked against
// a reference evaluator that works on the abstract states, written straight from RFC 9110
// §13.1–§13.2.2 and §21.8 with no parsing at all.
// ---------------------------------------------------------------------------------------------

enum class tag_state { absent, current, stale, malformed, any };
enum class date_state { absent, current, stale, malformed };
constexpr std::string_view methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE"};

struct matrix_row {
    std::string_view method;
    bool exists;
    bool weak;
    bool ajax;
    bool ambiguous;  // the modification second saw several states (RFC 9110 §8.8.2.2)
    tag_state if_match;
    date_state if_unmodified_since;
    tag_state if_none_match;
    date_state if_modified_since;
};

precondition_outcome reference(matrix_row const& r) {
    bool const get_or_head = r.method == "GET" || r.method == "HEAD";
    // §9.3: concurrency control is refused in AJAX caching mode.
    if (r.ajax && (r.if_match != tag_state::absent || r.if_unmodified_since != date_state::absent)) return failed;
    // Step 1: If-Match. True when `*` and the resource exists, or when a listed tag is strongly
    // equal to the current one (impossible when the current one is weak). Malformed: 412.
    if (r.if_match != tag_state::absent) {
        bool holds = false;
        if (r.if_match == tag_state::any) holds = r.exists;
        if (r.if_match == tag_state::current) holds = r.exists && !r.weak;
        if (!holds) return failed;
    } else if (r.exists && (r.if_unmodified_since == date_state::stale ||
                            (r.if_unmodified_since == date_state::current && r.ambiguous))) {
        // Step 2: If-Unmodified-Since, only without If-Match; an invalid date or a resource
        // without a modification time makes it ignored. A date equal to an ambiguous second may
        // name an earlier state: false.
        return failed;
    }
    // Step 3: If-None-Match (malformed: ignored as if absent). False when `*` and the resource
    // exists, or when a listed tag is weakly equal to the current one.
    if (r.if_none_match != tag_state::absent && r.if_none_match != tag_state::malformed) {
        bool const holds = !(r.exists && (r.if_none_match == tag_state::any || r.if_none_match == tag_state::current));
        if (!holds) return get_or_head ? not_modified : failed;
        return proceed;
    }
    // Step 4: If-Modified-Since, GET/HEAD only, without If-None-Match: not modified ⇒ 304 — but
    // not when the date equals an ambiguous second (the cache may hold an earlier state).
    if (get_or_head && r.if_modified_since == date_state::current && r.exists && !r.ambiguous) return not_modified;
    return proceed;
}

constexpr std::int64_t modified_at = 1439577581;  // Fri, 14 Aug 2015 18:39:41 GMT

fields headers_of(matrix_row const& r) {
    fields f;
    std::string const current = r.weak ? R"(W/"c5096115d7d05d842514f96831aa852f")"
                                       : R"("c5096115d7d05d842514f96831aa852f")";
    auto tag_header = [&](std::string name, tag_state s) {
        switch (s) {
        case tag_state::absent: return;
        case tag_state::current: f.emplace_back(name, R"("35676ce12ba0543c84489f3c393f5491", )" + current + R"(, "x")"); return;
        case tag_state::stale: f.emplace_back(name, R"("35676ce12ba0543c84489f3c393f5491", W/"0")"); return;
        case tag_state::malformed: f.emplace_back(name, R"("c5096115d7d05d842514f96831aa852f)"); return;
        case tag_state::any: f.emplace_back(name, "*"); return;
        }
    };
    // "current" dates equal the modification time (in Kayako's +0000 form, §9.1), "stale" ones
    // are a second older.
    auto date_header = [&](std::string name, date_state s) {
        switch (s) {
        case date_state::absent: return;
        case date_state::current: f.emplace_back(name, "Fri, 14 Aug 2015 18:39:41 +0000"); return;
        case date_state::stale: f.emplace_back(name, "Fri, 14 Aug 2015 18:39:40 GMT"); return;
        case date_state::malformed: f.emplace_back(name, "14 Aug 2015"); return;
        }
    };
    f.emplace_back("Accept", "application/json");
    tag_header("If-Match", r.if_match);
    date_header("If-Unmodified-Since", r.if_unmodified_since);
    tag_header("If-None-Match", r.if_none_match);
    date_header("If-Modified-Since", r.if_modified_since);
    return f;
}

TEST(PreconditionMatrix, EveryCombinationAgreesWithTheReference) {
    constexpr tag_state tag_states[] = {tag_state::absent, tag_state::current, tag_state::stale, tag_state::malformed,
                                        tag_state::any};
    constexpr date_state date_states[] = {date_state::absent, date_state::current, date_state::stale,
                                          date_state::malformed};
    std::size_t rows = 0;
    std::size_t outcomes[3] = {};
    for (auto method : methods)
        for (bool exists : {true, false})
            for (bool weak : {false, true})
                for (bool ajax : {false, true})
                    for (bool ambiguous : {false, true})
                        for (auto im : tag_states)
                            for (auto ius : date_states)
                                for (auto inm : tag_states)
                                    for (auto ims : date_states) {
                                        matrix_row const row{method, exists, weak, ajax, ambiguous, im, ius, inm, ims};
                                        resource_validators v;
                                        v.exists = exists;
                                        // Set even on a missing resource: it must then change nothing.
                                        v.last_modified_ambiguous = ambiguous;
                                        if (exists) {
                                            v.etag = entity_tag{"c5096115d7d05d842514f96831aa852f", weak};
                                            // Half a second past the header's time: truncation to seconds.
                                            v.last_modified = http_date::from(std::chrono::sys_time<std::chrono::milliseconds>(
                                                std::chrono::milliseconds(modified_at * 1000 + 500)));
                                        }
                                        kayako::precondition_options o;
                                        o.ajax_mode = ajax;
                                        auto const got = evaluate(method, headers_of(row), v, o);
                                        auto const want = reference(row);
                                        ASSERT_EQ(got.outcome, want)
                                            << method << " exists=" << exists << " weak=" << weak << " ajax=" << ajax
                                            << " ambiguous=" << ambiguous << " If-Match=" << int(im)
                                            << " If-Unmodified-Since=" << int(ius) << " If-None-Match=" << int(inm)
                                            << " If-Modified-Since=" << int(ims);
                                        ASSERT_EQ(got.http_status(), want == proceed ? 0 : want == not_modified ? 304 : 412);
                                        ASSERT_EQ(got.error().has_value(), want == failed);
                                        ++rows;
                                        ++outcomes[static_cast<int>(want)];
                                    }
    EXPECT_EQ(rows, 5u * 2 * 2 * 2 * 2 * 5 * 4 * 5 * 4);
    // Every outcome is well represented, so the matrix cannot pass by always answering one thing.
    for (auto n : outcomes) EXPECT_GE(n, 400u);
}

// ---------------------------------------------------------------------------------------------
// Hand-written rows for the tricky cases, with the rule that decides.
// ---------------------------------------------------------------------------------------------

resource_validators existing(std::string_view opaque, bool weak = false, std::int64_t modified = modified_at) {
    resource_validators v;
    v.etag = entity_tag{opaque, weak};
    v.last_modified = http_date{modified};
    return v;
}

struct tricky_row {
    char const* why;
    std::string_view method;
    fields headers;
    resource_validators resource;
    precondition_outcome outcome;
    precondition_reason reason;
    kayako::precondition_options options{};
};

kayako::precondition_options strict_tags() {
    kayako::precondition_options o;
    o.etag.syntax = kayako::entity_tag_syntax::strict;
    return o;
}
kayako::precondition_options ajax() {
    kayako::precondition_options o;
    o.ajax_mode = true;
    return o;
}

resource_validators const missing{false, std::nullopt, std::nullopt};
resource_validators const untimed{true, entity_tag{"a", false}, std::nullopt};

TEST(PreconditionRules, TrickyCases) {
    using R = precondition_reason;
    tricky_row const rows[] = {
        {"TV-CACHE-1: unquoted tag, unchanged", "GET", {{"If-None-Match", "1653fb55ce4603b2f3def1903eb81333"}},
         existing("1653fb55ce4603b2f3def1903eb81333"), not_modified, R::if_none_match},
        {"TV-CACHE-1: the quoted spelling of the same tag", "GET", {{"If-None-Match", R"("1653fb55ce4603b2f3def1903eb81333")"}},
         existing("1653fb55ce4603b2f3def1903eb81333"), not_modified, R::if_none_match},
        {"TV-CACHE-1: changed", "GET", {{"If-None-Match", "1653fb55ce4603b2f3def1903eb81333"}},
         existing("aaaa"), proceed, R::none},
        {"TV-CACHE-2: someone else changed the user", "PUT", {{"If-Match", "1653fb55ce4603b2f3def1903eb81333"}},
         existing("35676ce12ba0543c84489f3c393f5491"), failed, R::if_match},
        {"TV-CACHE-2: unchanged", "PUT", {{"If-Match", "1653fb55ce4603b2f3def1903eb81333"}},
         existing("1653fb55ce4603b2f3def1903eb81333"), proceed, R::none},
        {"TV-CACHE-3: GET not modified", "GET", {{"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 +0000"}},
         existing("a"), not_modified, R::if_modified_since},
        {"TV-CACHE-3: GET modified later", "GET", {{"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 +0000"}},
         existing("a", false, modified_at + 1), proceed, R::none},
        {"TV-CACHE-3: PUT after a change", "PUT", {{"If-Unmodified-Since", "Fri, 14 Aug 2015 18:39:41 +0000"}},
         existing("a", false, modified_at + 60), failed, R::if_unmodified_since},
        {"TV-CACHE-3: PUT unchanged", "PUT", {{"If-Unmodified-Since", "Fri, 14 Aug 2015 18:39:41 +0000"}},
         existing("a"), proceed, R::none},
        {"a weak current tag never satisfies If-Match, even written weak", "PUT", {{"If-Match", R"(W/"a")"}},
         existing("a", true), failed, R::if_match},
        {"If-Match compares strongly: a weak listed tag fails", "PUT", {{"If-Match", R"(W/"a")"}}, existing("a"),
         failed, R::if_match},
        {"If-None-Match compares weakly", "GET", {{"If-None-Match", R"(W/"a")"}}, existing("a"), not_modified,
         R::if_none_match},
        {"If-None-Match compares weakly, both weak", "GET", {{"If-None-Match", R"(W/"a")"}}, existing("a", true),
         not_modified, R::if_none_match},
        {"malformed If-Match fails closed", "PUT", {{"If-Match", R"("a" "b")"}}, existing("a"), failed,
         R::if_match_malformed},
        {"malformed If-Match fails closed even on GET", "GET", {{"If-Match", "W/a"}}, existing("a"), failed,
         R::if_match_malformed},
        {"malformed If-None-Match is ignored: If-Modified-Since decides", "GET",
         {{"If-None-Match", R"("a)"}, {"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 GMT"}}, existing("a"),
         not_modified, R::if_modified_since},
        {"malformed If-None-Match is ignored on PUT", "PUT", {{"If-None-Match", "*, \"a\""}}, existing("a"), proceed,
         R::none},
        {"If-None-Match present (and true) disables If-Modified-Since", "GET",
         {{"If-None-Match", R"("b")"}, {"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 GMT"}}, existing("a"),
         proceed, R::none},
        {"If-Modified-Since only for GET/HEAD", "POST", {{"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 GMT"}},
         existing("a"), proceed, R::none},
        {"If-Modified-Since on HEAD", "HEAD", {{"If-Modified-Since", "Sat, 15 Aug 2015 00:00:00 GMT"}},
         existing("a"), not_modified, R::if_modified_since},
        {"If-Modified-Since on two lines is ignored", "GET",
         {{"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 GMT"}, {"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 GMT"}},
         existing("a"), proceed, R::none},
        {"If-Modified-Since with an invalid date is ignored", "GET", {{"If-Modified-Since", "yesterday"}},
         existing("a"), proceed, R::none},
        {"If-Modified-Since, RFC 850 form", "GET", {{"If-Modified-Since", "Friday, 14-Aug-15 18:39:41 GMT"}},
         existing("a"), not_modified, R::if_modified_since},
        {"If-Modified-Since, asctime form", "GET", {{"If-Modified-Since", "Fri Aug 14 18:39:41 2015"}},
         existing("a"), not_modified, R::if_modified_since},
        {"If-Modified-Since with surrounding whitespace", "GET", {{"If-Modified-Since", "  Fri, 14 Aug 2015 18:39:41 GMT\t"}},
         existing("a"), not_modified, R::if_modified_since},
        {"If-Unmodified-Since only without If-Match", "PUT",
         {{"If-Match", R"("a")"}, {"If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"}}, existing("a"), proceed,
         R::none},
        {"If-Unmodified-Since on a resource without modification time is ignored", "PUT",
         {{"If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"}}, untimed, proceed, R::none},
        {"If-Unmodified-Since with an invalid date is ignored", "DELETE", {{"If-Unmodified-Since", "0"}},
         existing("a"), proceed, R::none},
        {"If-Unmodified-Since on two lines is ignored", "DELETE",
         {{"If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"}, {"If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"}},
         existing("a"), proceed, R::none},
        {"If-Match: * on a missing resource", "PUT", {{"If-Match", "*"}}, missing, failed, R::if_match},
        {"If-Match: * on an existing resource, even without an ETag", "DELETE", {{"If-Match", "*"}}, untimed,
         proceed, R::none},
        {"If-Match with tags on a resource without an ETag", "PUT", {{"If-Match", R"("a")"}},
         resource_validators{true, std::nullopt, http_date{0}}, failed, R::if_match},
        {"If-None-Match: * creates only when missing", "PUT", {{"If-None-Match", "*"}}, missing, proceed, R::none},
        {"If-None-Match: * refuses to overwrite", "PUT", {{"If-None-Match", "*"}}, existing("a"), failed,
         R::if_none_match},
        {"If-None-Match: * on GET of an existing resource", "GET", {{"If-None-Match", "*"}}, existing("a"),
         not_modified, R::if_none_match},
        {"If-None-Match false on POST is 412, not 304", "POST", {{"If-None-Match", R"("a")"}}, existing("a"), failed,
         R::if_none_match},
        {"several If-None-Match lines are one list", "GET",
         {{"If-None-Match", R"("x", "y")"}, {"If-None-Match", R"(W/"a")"}}, existing("a"), not_modified,
         R::if_none_match},
        {"several If-Match lines are one list", "PUT", {{"If-Match", R"("x")"}, {"if-match", R"("a")"}},
         existing("a"), proceed, R::none},
        {"empty If-Match list matches nothing", "PUT", {{"If-Match", " , "}}, existing("a"), failed, R::if_match},
        {"header names are case-insensitive", "GET", {{"IF-NONE-MATCH", R"("a")"}}, existing("a"), not_modified,
         R::if_none_match},
        {"methods are case-sensitive: 'get' is not GET", "get", {{"If-None-Match", R"("a")"}}, existing("a"), failed,
         R::if_none_match},
        {"If-Match true, If-None-Match false, PUT", "PUT", {{"If-Match", R"("a")"}, {"If-None-Match", R"("a")"}},
         existing("a"), failed, R::if_none_match},
        {"strict mode: an unquoted If-Match is malformed", "PUT", {{"If-Match", "a"}}, existing("a"), failed,
         R::if_match_malformed, strict_tags()},
        {"strict mode: an unquoted If-None-Match is ignored", "GET", {{"If-None-Match", "a"}}, existing("a"),
         proceed, R::none, strict_tags()},
        {"AJAX mode refuses If-Match", "PUT", {{"If-Match", R"("a")"}}, existing("a"), failed,
         R::ajax_concurrency_control, ajax()},
        {"AJAX mode refuses If-Match: *", "DELETE", {{"If-Match", "*"}}, existing("a"), failed,
         R::ajax_concurrency_control, ajax()},
        {"AJAX mode refuses If-Unmodified-Since, even an invalid one", "PUT", {{"If-Unmodified-Since", "x"}},
         existing("a"), failed, R::ajax_concurrency_control, ajax()},
        {"AJAX mode refuses a malformed If-Match", "PUT", {{"If-Match", "\"a"}}, existing("a"), failed,
         R::ajax_concurrency_control, ajax()},
        {"AJAX mode keeps cache validation", "GET", {{"If-None-Match", R"("a")"}}, existing("a"), not_modified,
         R::if_none_match, ajax()},
        {"no preconditions", "DELETE", {{"Accept", "*/*"}}, existing("a"), proceed, R::none},
        {"no preconditions, missing resource", "GET", {}, missing, proceed, R::none},
    };
    for (auto const& r : rows) {
        auto const got = evaluate(r.method, r.headers, r.resource, r.options);
        EXPECT_EQ(got.outcome, r.outcome) << r.why;
        EXPECT_EQ(got.reason, r.reason) << r.why;
    }
}

TEST(PreconditionRules, ModificationTimeIsComparedAtSecondPrecision) {  // §21.8
    using namespace std::chrono;
    resource_validators v;
    v.etag = entity_tag{"a", false};
    v.last_modified = http_date::from(sys_time<microseconds>(microseconds(modified_at * 1000000 + 999999)));
    EXPECT_EQ(evaluate("GET", {{"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 GMT"}}, v).outcome, not_modified);
    EXPECT_EQ(evaluate("PUT", {{"If-Unmodified-Since", "Fri, 14 Aug 2015 18:39:41 GMT"}}, v).outcome, proceed);
}

// ---------------------------------------------------------------------------------------------
// Two writes within one second (RFC 9110 §8.8.2.2, §13.1.3, §13.1.4): a date equal to an
// ambiguous modification second is read the conservative way in each direction.
// ---------------------------------------------------------------------------------------------

resource_validators modified_in(std::int64_t second, bool ambiguous) {
    resource_validators v = existing("a", false, second);
    v.last_modified_ambiguous = ambiguous;
    return v;
}

std::string date_at(std::int64_t second) { return std::string(kayako::format_http_date(http_date{second}).view()); }

TEST(AmbiguousSecond, IfUnmodifiedSinceAtEveryBoundaryForEveryMethod) {
    using R = precondition_reason;
    struct row {
        std::int64_t date_offset;  // the header's date minus the modification second
        bool ambiguous;
        precondition_outcome outcome;
    };
    constexpr row rows[] = {
        {-1, false, failed}, {-1, true, failed},     // modified after the date, either way
        {0, false, proceed}, {0, true, failed},      // the boundary: one state, or maybe an earlier one
        {+1, false, proceed}, {+1, true, proceed},   // a date after the second covers all its states
    };
    // §13.1.4 applies to every method: the safe ones (GET, HEAD) and the unsafe ones alike.
    for (auto method : methods)
        for (auto const& r : rows) {
            auto const got = evaluate(method, {{"If-Unmodified-Since", date_at(modified_at + r.date_offset)}},
                                      modified_in(modified_at, r.ambiguous));
            EXPECT_EQ(got.outcome, r.outcome) << method << " offset " << r.date_offset << " ambiguous " << r.ambiguous;
            EXPECT_EQ(got.reason, r.outcome == failed ? R::if_unmodified_since : R::none)
                << method << " offset " << r.date_offset << " ambiguous " << r.ambiguous;
            EXPECT_EQ(got.error().has_value(), r.outcome == failed);
        }
}

TEST(AmbiguousSecond, IfModifiedSinceAtEveryBoundaryForEveryMethod) {
    using R = precondition_reason;
    struct row {
        std::int64_t date_offset;
        bool ambiguous;
        precondition_outcome outcome;  // for GET and HEAD; every other method proceeds (§13.1.3)
    };
    constexpr row rows[] = {
        {-1, false, proceed}, {-1, true, proceed},             // modified since the date
        {0, false, not_modified}, {0, true, proceed},          // the boundary: the cache may be stale
        {+1, false, not_modified}, {+1, true, not_modified},   // nothing changed after the second
    };
    for (auto method : methods)
        for (auto const& r : rows) {
            bool const safe = method == "GET" || method == "HEAD";
            auto const want = safe ? r.outcome : proceed;
            auto const got = evaluate(method, {{"If-Modified-Since", date_at(modified_at + r.date_offset)}},
                                      modified_in(modified_at, r.ambiguous));
            EXPECT_EQ(got.outcome, want) << method << " offset " << r.date_offset << " ambiguous " << r.ambiguous;
            EXPECT_EQ(got.reason, want == not_modified ? R::if_modified_since : R::none)
                << method << " offset " << r.date_offset << " ambiguous " << r.ambiguous;
        }
}

TEST(AmbiguousSecond, EntityTagsStillTakePrecedence) {  // RFC 9110 §13.2.2 steps 1 and 3
    using R = precondition_reason;
    std::string const same_second = date_at(modified_at);
    auto const ambiguous = modified_in(modified_at, true);
    // Step 1: If-Match decides; If-Unmodified-Since, however ambiguous, is not evaluated.
    EXPECT_EQ(evaluate("PUT", {{"If-Match", R"("a")"}, {"If-Unmodified-Since", same_second}}, ambiguous).outcome, proceed);
    EXPECT_EQ(evaluate("DELETE", {{"If-Match", "*"}, {"If-Unmodified-Since", same_second}}, ambiguous).outcome, proceed);
    auto const stale = evaluate("PUT", {{"If-Match", R"("b")"}, {"If-Unmodified-Since", date_at(modified_at + 1)}}, ambiguous);
    EXPECT_EQ(stale.outcome, failed);
    EXPECT_EQ(stale.reason, R::if_match);
    // Step 3: If-None-Match decides; If-Modified-Since is not evaluated.
    auto const unchanged = evaluate("GET", {{"If-None-Match", R"("a")"}, {"If-Modified-Since", same_second}}, ambiguous);
    EXPECT_EQ(unchanged.outcome, not_modified);
    EXPECT_EQ(unchanged.reason, R::if_none_match);
    EXPECT_EQ(evaluate("GET", {{"If-None-Match", R"("b")"}, {"If-Modified-Since", date_at(modified_at + 1)}}, ambiguous).outcome,
              proceed);
    // Without an ETag condition the same dates do decide.
    EXPECT_EQ(evaluate("PUT", {{"If-Unmodified-Since", same_second}}, ambiguous).outcome, failed);
    EXPECT_EQ(evaluate("GET", {{"If-Modified-Since", same_second}}, ambiguous).outcome, proceed);
}

TEST(AmbiguousSecond, NeedsAModificationTime) {  // §21.8: no modification time, no date condition
    resource_validators v = untimed;
    v.last_modified_ambiguous = true;
    EXPECT_EQ(evaluate("PUT", {{"If-Unmodified-Since", date_at(modified_at)}}, v).outcome, proceed);
    EXPECT_EQ(evaluate("GET", {{"If-Modified-Since", date_at(modified_at)}}, v).outcome, proceed);
    resource_validators gone = missing;
    gone.last_modified_ambiguous = true;
    EXPECT_EQ(evaluate("DELETE", {{"If-Unmodified-Since", date_at(modified_at)}}, gone).outcome, proceed);
}

TEST(PreconditionRules, FailureCarriesResourceModified) {  // TV-CACHE-2
    auto const r = evaluate("PUT", {{"If-Match", "1653fb55ce4603b2f3def1903eb81333"}}, existing("other"));
    ASSERT_EQ(r.http_status(), 412);
    ASSERT_TRUE(r.error());
    EXPECT_EQ(*r.error(), kayako::api_error_code::resource_modified);
    EXPECT_EQ(kayako::to_string(*r.error()), "RESOURCE_MODIFIED");
    EXPECT_EQ(kayako::http_status(*r.error()), 412);
    EXPECT_EQ(kayako::describe(*r.error()).message, "The action cannot be performed as the resource has been modified");
    auto const ok = evaluate("GET", {}, existing("a"));
    EXPECT_TRUE(ok.proceed());
    EXPECT_FALSE(ok.error());
    EXPECT_EQ(ok.http_status(), 0);
    EXPECT_FALSE(evaluate("GET", {{"If-None-Match", R"("a")"}}, existing("a")).error());  // 304 has no error
}

TEST(PreconditionRules, EvaluationAllocatesNothing) {
    fields const f = {{"Accept", "application/json"},
                      {"If-None-Match", R"("35676ce12ba0543c84489f3c393f5491", W/"x", "c5096115d7d05d842514f96831aa852f")"},
                      {"If-Modified-Since", "Fri, 14 Aug 2015 18:39:41 +0000"},
                      {"If-Match", R"(*)"},
                      {"If-Unmodified-Since", "Fri, 14 Aug 2015 18:39:41 GMT"}};
    kayako::pair_headers<fields> headers(f);
    auto const v = existing("c5096115d7d05d842514f96831aa852f");
    auto const before = heap_allocations.load();
    precondition_result r;
    for (auto method : methods) r = evaluate_preconditions(method, headers, v);
    EXPECT_EQ(heap_allocations.load(), before);
    EXPECT_EQ(r.outcome, failed);  // DELETE with a matching If-None-Match
}

TEST(Ajax, XRequestedWithSwitchesTheMode) {  // §9.3, §21.9
    struct row {
        fields headers;
        bool ajax;
    };
    row const rows[] = {
        {{{"X-Requested-With", "XMLHttpRequest"}}, true},
        {{{"X-Requested-With", "XMHTTPRequest"}}, true},  // the reference's spelling
        {{{"x-requested-with", " xmlhttprequest "}}, true},
        {{{"X-Requested-With", "fetch"}}, false},
        {{{"X-Requested-With", ""}}, false},
        {{{"Accept", "XMLHttpRequest"}}, false},
        {{}, false},
    };
    for (auto const& r : rows) EXPECT_EQ(kayako::ajax_caching_mode(kayako::pair_headers<fields>(r.headers)), r.ajax);
}

// ---------------------------------------------------------------------------------------------
// 304 responses (§21.8, RFC 9110 §15.4.5)
// ---------------------------------------------------------------------------------------------

TEST(NotModified, KeepsTheValidatorAndCachingHeaders) {
    for (auto name : {"ETag", "etag", "Last-Modified", "Cache-Control", "Content-Location", "Date", "Expires", "VARY"})
        EXPECT_TRUE(kayako::kept_in_not_modified(name)) << name;
    for (auto name : {"Content-Type", "Content-Length", "X-API-Version", "Set-Cookie", "", "ETags", "Content-Locatio"})
        EXPECT_FALSE(kayako::kept_in_not_modified(name)) << name;
    EXPECT_EQ(kayako::not_modified_header_names.size(), 7u);

    fields const full = {  // TV-INTRO-2's headers
        {"Content-Type", "application/json"},
        {"Date", "Thu, 10 Sep 2015 16:17:04 GMT"},
        {"Expires", "Thu, 10 Sep 2015 16:17:04 +0000"},
        {"ETag", R"("c5096115d7d05d842514f96831aa852f")"},
        {"Last-Modified", "Thu, 10 Sep 2015 16:17:04 +0000"},
        {"Content-Location", "https://brewfictus.kayako.com/api/v1/tests/99"},
        {"Content-Length", "369"},
        {"X-API-Version", "1"},
    };
    fields kept;
    kayako::for_each_not_modified_header(full, [&](std::string_view n, std::string_view v) {
        kept.emplace_back(std::string(n), std::string(v));
    });
    EXPECT_EQ(kept, (fields{{"Date", "Thu, 10 Sep 2015 16:17:04 GMT"},
                            {"Expires", "Thu, 10 Sep 2015 16:17:04 +0000"},
                            {"ETag", R"("c5096115d7d05d842514f96831aa852f")"},
                            {"Last-Modified", "Thu, 10 Sep 2015 16:17:04 +0000"},
                            {"Content-Location", "https://brewfictus.kayako.com/api/v1/tests/99"}}));
}

}  // namespace
