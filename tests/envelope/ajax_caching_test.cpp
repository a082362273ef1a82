// Tests of AJAX caching mode in answer.hpp and respond.hpp (§9.3, §21.9): with
// `X-Requested-With: XMLHttpRequest` (or the reference's `XMHTTPRequest`) the ETag is the tag of
// the bytes sent — so `fields`, `include`, `_case` and JSONP change it — the conditional GET is
// evaluated on that content (304 with the content tag), and concurrency control (`If-Match`,
// `If-Unmodified-Since`) is refused with 412 RESOURCE_MODIFIED whatever the tag.
#include <kayako/response/respond.hpp>

#include <kayako/caching/etag.hpp>
#include <kayako/response/answer.hpp>

#include "support/respond_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace kayako;
using namespace respond_fixture;

response answered(incoming const& in, std::string_view target, std::string_view method = "GET") {
    auto r = respond(in.read(method, target), ann(), "user", schemas(), validators(), {.date = now});
    EXPECT_TRUE(r) << target;
    return std::move(*r);
}

std::string etag_of(response const& r) { return std::string(r.headers.find("ETag").value_or("")); }

TEST(AjaxCaching, TheETagIsTheTagOfTheBytesSent) {
    for (std::string_view spelling : {"XMLHttpRequest", "XMHTTPRequest"}) {  // §21.9: both spellings
        incoming const ajax{{{"X-Requested-With", spelling}}};
        auto const r = answered(ajax, "/api/v1/users/1");
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(etag_of(r), entity_tag_for_bytes(r.body).view()) << spelling;
        EXPECT_NE(etag_of(r), tag_text);
        EXPECT_EQ(r.headers.find("Last-Modified"), "Thu, 10 Sep 2015 16:17:04 GMT");  // the server's, as given
        EXPECT_EQ(std::count_if(r.headers.begin(), r.headers.end(), [](auto const& h) { return h.name == "ETag"; }), 1);
    }
    // Outside AJAX mode the tag stays the state's (§9.1), whatever the output options.
    incoming const plain;
    EXPECT_EQ(etag_of(answered(plain, "/api/v1/users/1")), tag_text);
    EXPECT_EQ(etag_of(answered(plain, "/api/v1/users/1?fields=full_name&_case=camel")), tag_text);
}

TEST(AjaxCaching, OutputOptionsChangeTheTag) {
    incoming const ajax{{{"X-Requested-With", "XMLHttpRequest"}}};
    std::vector<std::string> tags;
    for (std::string_view target : {"/api/v1/users/1", "/api/v1/users/1?fields=full_name", "/api/v1/users/1?include=role",
                                    "/api/v1/users/1?_case=camel", "/api/v1/users/1?_jsonp_callback=cb"}) {
        auto const r = answered(ajax, target);
        EXPECT_EQ(etag_of(r), entity_tag_for_bytes(r.body).view()) << target;
        for (auto const& seen : tags) EXPECT_NE(seen, etag_of(r)) << target;
        tags.push_back(etag_of(r));
    }
    // The same request, the same bytes, the same tag.
    EXPECT_EQ(etag_of(answered(ajax, "/api/v1/users/1?include=role")), tags[2]);
}

TEST(AjaxCaching, TheConditionalGetIsEvaluatedOnTheContent) {
    incoming const first{{{"X-Requested-With", "XMLHttpRequest"}}};
    std::string const content = etag_of(answered(first, "/api/v1/users/1?include=role"));

    incoming const again{{{"X-Requested-With", "XMLHttpRequest"}, {"If-None-Match", content}}};
    auto const unchanged = answered(again, "/api/v1/users/1?include=role");
    EXPECT_EQ(unchanged.status, 304);
    EXPECT_TRUE(unchanged.body.empty());
    EXPECT_EQ(etag_of(unchanged), content);
    EXPECT_EQ(unchanged.headers.find("Last-Modified"), "Thu, 10 Sep 2015 16:17:04 GMT");
    EXPECT_FALSE(unchanged.headers.find("Content-Type"));

    // Other content (another `include`): the tag does not match, the answer is sent.
    auto const other = answered(again, "/api/v1/users/1");
    EXPECT_EQ(other.status, 200);
    EXPECT_NE(etag_of(other), content);
    // A HEAD is a GET without its body: the same tag, the same 304.
    EXPECT_EQ(answered(first, "/api/v1/users/1?include=role", "HEAD").headers.find("ETag"), content);
    EXPECT_EQ(answered(again, "/api/v1/users/1?include=role", "HEAD").status, 304);
    // The state's tag names no content in AJAX mode: no 304 from it.
    incoming const stale{{{"X-Requested-With", "XMLHttpRequest"}, {"If-None-Match", tag_text}}};
    EXPECT_EQ(answered(stale, "/api/v1/users/1").status, 200);
    EXPECT_TRUE(check_preconditions(stale.read("GET", "/api/v1/users/1"), validators()).proceed());
    // `*`: the resource exists.
    incoming const any{{{"X-Requested-With", "XMLHttpRequest"}, {"If-None-Match", "*"}}};
    EXPECT_EQ(answered(any, "/api/v1/users/1").status, 304);
    // If-Modified-Since against the Last-Modified the server gave.
    incoming const since{{{"X-Requested-With", "XMLHttpRequest"}, {"If-Modified-Since", "Thu, 10 Sep 2015 16:17:04 GMT"}}};
    EXPECT_EQ(answered(since, "/api/v1/users/1").status, 304);
    incoming const before{{{"X-Requested-With", "XMLHttpRequest"}, {"If-Modified-Since", "Thu, 10 Sep 2015 16:17:03 GMT"}}};
    EXPECT_EQ(answered(before, "/api/v1/users/1").status, 200);
    // JSONP answers are tagged, but a script load is never conditional: always the data (§13).
    incoming const script{{{"X-Requested-With", "XMLHttpRequest"}, {"If-None-Match", "*"}}};
    EXPECT_EQ(answered(script, "/api/v1/users/1?_jsonp_callback=cb").status, 200);
}

TEST(AjaxCaching, ConcurrencyControlIsRefused) {
    // §9.3: "RESOURCE_MODIFIED ... concurrency control attempted in AJAX mode" — with the state's
    // tag, the content's tag, or a date: 412, before anything is done.
    incoming const first{{{"X-Requested-With", "XMLHttpRequest"}}};
    std::string const content = etag_of(answered(first, "/api/v1/users/1"));
    for (header_list const& conditions :
         {header_list{{"If-Match", tag_text}}, header_list{{"If-Match", content}}, header_list{{"If-Match", "*"}},
          header_list{{"If-Unmodified-Since", "Thu, 10 Sep 2015 16:17:04 GMT"}}}) {
        incoming in{conditions};
        in.headers.emplace_back("X-Requested-With", "XMLHttpRequest");
        auto const verdict = check_preconditions(in.read("PUT", "/api/v1/users/1"), validators());
        EXPECT_EQ(verdict.http_status(), 412) << conditions[0].first;
        EXPECT_EQ(verdict.error(), api_error_code::resource_modified);
        EXPECT_EQ(verdict.reason, precondition_reason::ajax_concurrency_control);
    }
}

TEST(AjaxCaching, AnswerFormCarriesTheContentConditionsOfReadsOnly) {
    incoming const in{{{"X-Requested-With", "XMLHttpRequest"}, {"If-None-Match", R"("a")"}, {"If-None-Match", R"("b")"},
                       {"If-Modified-Since", "Thu, 10 Sep 2015 16:17:04 GMT"}}};
    auto const form = answer_form_of(in.read("GET", "/api/v1/users/1"));
    EXPECT_TRUE(form.ajax_mode);
    EXPECT_EQ(form.if_none_match, R"("a", "b")");  // one list (RFC 9110 §5.3)
    EXPECT_EQ(form.if_modified_since, "Thu, 10 Sep 2015 16:17:04 GMT");
    auto const write = answer_form_of(in.read("PUT", "/api/v1/users/1"));
    EXPECT_FALSE(write.if_none_match);
    EXPECT_FALSE(write.if_modified_since);
    incoming const plain{{{"If-None-Match", R"("a")"}}};
    EXPECT_FALSE(answer_form_of(plain.read("GET", "/api/v1/users/1")).if_none_match);  // not AJAX: state validators
}

TEST(AjaxCaching, AnswersWithoutValidatorsGetNoTag) {
    // An error, or data the server gave no validators (a delete's `{"status":200}`): no ETag.
    answer failed(answer_form{.ajax_mode = true});
    failed.fail(api_error_code::resource_not_found);
    EXPECT_FALSE(failed.respond({.date = now})->headers.find("ETag"));
    answer deleted(answer_form{.ajax_mode = true});
    EXPECT_FALSE(deleted.respond({.date = now})->headers.find("ETag"));
}

}  // namespace
