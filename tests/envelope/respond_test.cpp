// Tests of answer.hpp and respond.hpp: the answer to a typed request — 200 with the data rendered
// through the request's output options, 304 with its validators, 412 on each precondition header
// (§9.2, §21.8), the error envelope in the request's letter case and JSONP form (§4.4, §6.1,
// §13), HEAD without a body (RFC 9110 §9.3.2), the collection bound (§21.14), a session opened
// (§10, §11.1, TV-RESP-4), a struct resource rendered like its JSON twin.
#include <kayako/response/respond.hpp>

#include <kayako/response/answer.hpp>

#include "support/respond_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace kayako;
using namespace respond_fixture;

constexpr std::string_view modified_text = "Thu, 10 Sep 2015 16:17:04 GMT";
constexpr std::string_view now_text = "Thu, 10 Sep 2015 16:18:20 GMT";
constexpr std::string_view ann_default = R"({"id":1,"full_name":"Ann","role":{"id":2,"resource_type":"role"},"resource_type":"user"})";

std::vector<response_header> fields(response const& r) { return {r.headers.begin(), r.headers.end()}; }

// The envelope of one catalogue error, written out by hand: `parameter_member` as it appears
// (`,"parameter":"x"` or nothing), the `more_info` key in the answer's letter case.
std::string error_body(api_error_code code, std::string_view parameter_member, std::string_view more_info_key) {
    auto const& row = describe(code);
    std::string s = R"({"status":)" + std::to_string(row.http_status) + R"(,"errors":[{"code":")" + std::string(row.name) + '"';
    s += parameter_member;
    s += R"(,"message":")" + std::string(row.message) + R"(",")" + std::string(more_info_key) +
         R"(":"https://developer.kayako.com/api/v1/reference/errors/)" + std::string(row.name) + R"("}]})";
    return s;
}

// ---- 200 ----------------------------------------------------------------------------------------

TEST(Respond, OkWithRenderedDataAndValidators) {  // §4.3, §9.1, §21.7
    incoming in;
    auto const req = in.read("GET", "/api/v1/users/1");
    auto const r = respond(req, ann(), "user", schemas(), validators(), {.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_FALSE(r->head_only);
    EXPECT_EQ(fields(*r), (std::vector<response_header>{
                              {"Date", now_text},
                              {"ETag", tag_text},
                              {"Last-Modified", modified_text},
                              {"Content-Type", "application/json"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"X-API-Version", "1"},
                          }));
    EXPECT_EQ(r->body, R"({"status":200,"data":)" + std::string(ann_default) + R"(,"resource":"user"})");
}

TEST(Respond, OutputOptionsComeFromTheRequest) {  // §5, §6, §21.3–§21.5
    incoming in;
    auto const fields_req = in.read("GET", "/api/v1/users/1?fields=%2Bemail&include=role&_case=camel");
    auto const r = respond(fields_req, ann(), "user", schemas(), validators(), {.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body,
              R"({"status":200,"data":{"id":1,"fullName":"Ann","email":"ann@example.com","role":{"id":2,"title":"Admin","resourceType":"role"},"resourceType":"user"},"resource":"user"})");

    auto const flat_req = in.read("GET", "/api/v1/users/1?include=role&_flat=true");
    auto const flat = respond(flat_req, ann(), "user", schemas(), validators(), {.date = now});
    ASSERT_TRUE(flat);
    EXPECT_EQ(flat->body,
              R"({"status":200,"data":{"id":1,"full_name":"Ann","role":{"id":2,"resource_type":"role"},"resource_type":"user"},"resource":"user","resources":{"role":{"2":{"id":2,"title":"Admin","resource_type":"role"}}}})");

    boost::json::value const no_role = boost::json::parse(R"({"id":1,"full_name":"Ann","role":null,"resource_type":"user"})");
    auto const empty_req = in.read("GET", "/api/v1/users/1?_empty=false");
    auto const empty = respond(empty_req, no_role, "user", schemas(), validators(), {.date = now});
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->body, R"({"status":200,"data":{"id":1,"full_name":"Ann","resource_type":"user"},"resource":"user"})");
}

TEST(Respond, DateIsTheCallersClock) {  // RFC 9110 §6.6.1: the library reads none
    incoming in;
    auto const req = in.read("GET", "/api/v1/users/1");
    auto const epoch = respond(req, ann(), "user", schemas(), validators(), {.date = http_date{0}});
    ASSERT_TRUE(epoch);
    EXPECT_EQ(epoch->headers.find("Date"), "Thu, 01 Jan 1970 00:00:00 GMT");
}

// ---- 304 ----------------------------------------------------------------------------------------

TEST(Respond, NotModifiedOnIfNoneMatchKeepsWhatA200Carries) {  // §9.2, §21.8
    incoming in{{{"If-None-Match", tag_text}}};
    auto const req = in.read("GET", "/api/v1/users/1");
    answer_options opt{.date = now, .audience = response_audience::authenticated};
    auto const r = respond(req, ann(), "user", schemas(), validators(), opt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 304);
    EXPECT_TRUE(r->body.empty());
    EXPECT_FALSE(r->head_only);
    EXPECT_EQ(fields(*r), (std::vector<response_header>{
                              {"Date", now_text},
                              {"ETag", tag_text},
                              {"Last-Modified", modified_text},
                              {"X-API-Version", "1"},
                              {"Cache-Control", "private"},
                              {"Vary", credentials_vary},
                          }));
    // Every header of the 304 is one a 304 keeps, except the protocol's own X-API-Version.
    for (auto const& h : r->headers)
        EXPECT_TRUE(kept_in_not_modified(h.name) || h.name == "X-API-Version") << h.name;

    // Another tag: the 200.
    incoming other{{{"If-None-Match", R"("ffffffffffffffffffffffffffffffff")"}}};
    auto const changed = respond(other.read("GET", "/api/v1/users/1"), ann(), "user", schemas(), validators(), opt);
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->status, 200);
}

TEST(Respond, NotModifiedOnIfModifiedSinceAtItsBoundary) {  // RFC 9110 §13.1.3
    incoming same{{{"If-Modified-Since", modified_text}}};
    auto const req = same.read("GET", "/api/v1/users/1");
    EXPECT_EQ(respond(req, ann(), "user", schemas(), validators(), {.date = now})->status, 304);
    // The same second, changed twice within it: modified (no 304).
    EXPECT_EQ(respond(req, ann(), "user", schemas(), validators(true), {.date = now})->status, 200);
    // One second earlier than the modification: modified.
    incoming earlier{{{"If-Modified-Since", "Thu, 10 Sep 2015 16:17:03 GMT"}}};
    EXPECT_EQ(respond(earlier.read("GET", "/api/v1/users/1"), ann(), "user", schemas(), validators(), {.date = now})->status,
              200);
}

TEST(Respond, HeadIsMarkedToGoWithoutItsBody) {  // RFC 9110 §9.3.2
    incoming in;
    auto const get = respond(in.read("GET", "/api/v1/users/1"), ann(), "user", schemas(), validators(), {.date = now});
    auto const head = respond(in.read("HEAD", "/api/v1/users/1"), ann(), "user", schemas(), validators(), {.date = now});
    ASSERT_TRUE(get);
    ASSERT_TRUE(head);
    EXPECT_TRUE(head->head_only);
    EXPECT_EQ(head->body, get->body);  // its length is the Content-Length; its bytes are not sent
    EXPECT_EQ(fields(*head), fields(*get));
    // A 304 to a HEAD has no body to leave out.
    incoming cached{{{"If-None-Match", tag_text}}};
    auto const not_modified = respond(cached.read("HEAD", "/api/v1/users/1"), ann(), "user", schemas(), validators(), {.date = now});
    ASSERT_TRUE(not_modified);
    EXPECT_EQ(not_modified->status, 304);
    EXPECT_FALSE(not_modified->head_only);
    // An error to a HEAD goes without its body too.
    answer a(answer_form{.head = true});
    a.fail(api_error_code::resource_not_found);
    auto const missing = a.respond({.date = now});
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_TRUE(missing->head_only);
}

// ---- 412 ----------------------------------------------------------------------------------------

std::string const resource_modified_412 = error_body(api_error_code::resource_modified, "", "more_info");

TEST(Respond, PreconditionFailedOnEachHeader) {  // §9.2, §21.8, RFC 9110 §13.2.2
    std::vector<std::pair<std::string_view, std::string_view>> const failing = {
        {"If-Match", R"("ffffffffffffffffffffffffffffffff")"},  // another tag
        {"If-Match", R"(W/"0123456789abcdef0123456789abcdef")"},  // weak: never matches strongly
        {"If-Match", R"("unterminated)"},                        // malformed: fails closed
        {"If-Unmodified-Since", "Thu, 10 Sep 2015 16:17:03 GMT"},  // modified a second after it
    };
    for (auto const& [name, value] : failing) {
        incoming in{{{name, value}}};
        auto const r = respond(in.read("GET", "/api/v1/users/1"), ann(), "user", schemas(), validators(), {.date = now});
        ASSERT_TRUE(r) << name << ": " << value;
        EXPECT_EQ(r->status, 412) << name << ": " << value;
        EXPECT_FALSE(r->headers.find("ETag")) << "an error sends no validators";
        EXPECT_FALSE(r->headers.find("Last-Modified"));
        EXPECT_EQ(r->headers.find("Date"), now_text);
        EXPECT_EQ(r->body, resource_modified_412) << name << ": " << value;
    }
    // The boundaries that hold: the same tag, the same second.
    for (auto const& [name, value] : std::vector<std::pair<std::string_view, std::string_view>>{
             {"If-Match", tag_text}, {"If-Match", "*"}, {"If-Unmodified-Since", modified_text}}) {
        incoming in{{{name, value}}};
        auto const r = respond(in.read("GET", "/api/v1/users/1"), ann(), "user", schemas(), validators(), {.date = now});
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200) << name << ": " << value;
    }
}

TEST(Respond, AWriteChecksBeforeActing) {  // §9.2: a 412 changes nothing
    incoming stale{{{"If-Match", R"("ffffffffffffffffffffffffffffffff")"}}};
    auto const put = stale.read("PUT", "/api/v1/users/1");
    auto const verdict = check_preconditions(put, validators());
    EXPECT_EQ(verdict.outcome, precondition_outcome::precondition_failed);
    EXPECT_EQ(verdict.error(), api_error_code::resource_modified);

    // If-None-Match that matches: 304 for a read, 412 for a write (RFC 9110 §13.1.2).
    incoming cached{{{"If-None-Match", tag_text}}};
    EXPECT_EQ(check_preconditions(cached.read("PUT", "/api/v1/users/1"), validators()).http_status(), 412);
    EXPECT_EQ(check_preconditions(cached.read("GET", "/api/v1/users/1"), validators()).http_status(), 304);

    incoming current{{{"If-Match", tag_text}}};
    EXPECT_TRUE(check_preconditions(current.read("PUT", "/api/v1/users/1"), validators()).proceed());
    // A target that is gone has no validators: If-Match, even `*`, is false (RFC 9110 §13.1.1).
    incoming any{{{"If-Match", "*"}}};
    resource_validators gone;
    gone.exists = false;
    EXPECT_FALSE(check_preconditions(any.read("DELETE", "/api/v1/users/1"), gone).proceed());
    // AJAX caching mode refuses concurrency control (§9.3).
    incoming ajax{{{"If-Match", tag_text}, {"X-Requested-With", "XMLHttpRequest"}}};
    EXPECT_EQ(check_preconditions(ajax.read("PUT", "/api/v1/users/1"), validators()).reason,
              precondition_reason::ajax_concurrency_control);
}

TEST(Respond, CarriesPreconditionsForItsMethod) {
    incoming none;
    EXPECT_FALSE(carries_preconditions(none.read("PUT", "/api/v1/users/1")));
    for (std::string_view name : {"If-Match", "If-None-Match", "If-Unmodified-Since"}) {
        incoming in{{{name, "x"}}};
        EXPECT_TRUE(carries_preconditions(in.read("PUT", "/api/v1/users/1"))) << name;
    }
    // If-Modified-Since is evaluated for GET and HEAD only.
    incoming since{{{"If-Modified-Since", modified_text}}};
    EXPECT_FALSE(carries_preconditions(since.read("DELETE", "/api/v1/users/1")));
    EXPECT_TRUE(carries_preconditions(since.read("GET", "/api/v1/users/1")));
    EXPECT_TRUE(carries_preconditions(since.read("HEAD", "/api/v1/users/1")));
}

// ---- errors -------------------------------------------------------------------------------------

TEST(Answer, ErrorInTheRequestsLetterCase) {  // §4.4, §6.1, §21.5: `parameter`'s value is a name as sent
    incoming in;
    auto const req = in.read("GET", "/api/v1/tests?_case=camel");
    answer a(answer_form_of(req));
    a.fail(api_error_code::field_invalid, "after_id");
    auto const r = a.respond({.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(r->body, error_body(api_error_code::field_invalid, R"(,"parameter":"after_id")", "moreInfo"));
}

TEST(Answer, ErrorOfARefusedRequestKeepsWhatItHadSettled) {  // typed_request.hpp: request_error
    header_list const headers = {{"X-Requested-With", "XMLHttpRequest"}};
    auto const read = read_request("GET", "/api/v1/tests?_case=camel&fields=(", header_view(headers), {});
    ASSERT_FALSE(read);
    answer a(answer_form_of(read.error(), "GET", header_view(headers)));
    EXPECT_EQ(a.form().name_case, letter_case::camel);
    EXPECT_TRUE(a.form().ajax_mode);
    a.fail(read.error().code, read.error().parameter, read.error().parameters());
    auto const r = a.respond({.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_NE(r->body.find(R"("parameter":"fields")"), std::string::npos) << r->body;
    EXPECT_NE(r->body.find(R"("moreInfo")"), std::string::npos) << r->body;
}

TEST(Answer, ErrorNamingSeveralParameters) {  // §7.3 ONE_FIELD_EXPECTED
    answer a;
    a.metadata().total_count = 7;  // an error keeps none of the data's members
    std::array<std::string_view, 2> const sent = {"since", "after_id"};
    a.fail(api_error_code::one_field_expected, {}, sent);
    auto const r = a.respond({.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body.find("total_count"), std::string::npos);
    EXPECT_NE(r->body.find(R"("parameters":["since","after_id"])"), std::string::npos) << r->body;
}

TEST(Answer, JsonpCarriesTheStatusInTheBody) {  // §13 TV-JS-1
    incoming in;
    auto const req = in.read("GET", "/api/v1/users/1?_jsonp_callback=cb");
    auto const ok = respond(req, ann(), "user", schemas(), validators(), {.date = now});
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(ok->headers.find("Content-Type"), "application/javascript");
    EXPECT_EQ(ok->body, R"(cb({"status":200,"data":)" + std::string(ann_default) + R"(,"resource":"user"});)");

    answer a(answer_form_of(req));
    a.fail(api_error_code::resource_not_found);
    auto const missing = a.respond({.date = now});
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 200);
    EXPECT_EQ(missing->body.rfind(R"(cb({"status":404,"errors":[{"code":"RESOURCE_NOT_FOUND")", 0), 0u) << missing->body;

    // A script cannot see a 304 either: the body says it.
    incoming cached{{{"If-None-Match", tag_text}}};
    auto const same = respond(cached.read("GET", "/api/v1/users/1?_jsonp_callback=cb"), ann(), "user", schemas(), validators(),
                              {.date = now});
    ASSERT_TRUE(same);
    EXPECT_EQ(same->status, 200);
    EXPECT_EQ(same->body, R"(cb({"status":304});)");
    EXPECT_EQ(same->headers.find("ETag"), tag_text);
}

TEST(Answer, UnauthorizedChallengesUnlessAjax) {  // RFC 9110 §11.6.1, §9.3
    answer plain;
    plain.fail(api_error_code::authorization_required);
    EXPECT_EQ(plain.respond({.date = now})->headers.find("WWW-Authenticate"), default_challenge);
    answer ajax(answer_form{.ajax_mode = true});
    ajax.fail(api_error_code::authorization_required);
    EXPECT_FALSE(ajax.respond({.date = now})->headers.find("WWW-Authenticate"));
}

TEST(Answer, LockedLoginCarriesRetryAfter) {  // §11.1
    answer a;
    a.fail(api_error_code::authentication_locked);
    auto const r = a.respond({.date = now, .retry_after = 600});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 429);
    EXPECT_EQ(r->headers.find("Retry-After"), "600");
    answer without;
    without.fail(api_error_code::authentication_locked);
    EXPECT_EQ(without.respond({.date = now}).error().code, error::missing_parameter);
}

// ---- the rest of an answer ----------------------------------------------------------------------

TEST(Answer, CreatedWithItsLocation) {  // §4.1, §4.2
    incoming in;
    auto const req = in.read("POST", "/api/v1/users");
    answer a(answer_form_of(req));
    a.set_status(201);
    ASSERT_TRUE(a.render(ann(), "user", schemas(), req.output()));
    a.set_validators(validators());
    auto const r = a.respond({.date = now, .content_location = "https://x.kayako.com/api/v1/users/1"});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(r->headers.find("Content-Location"), "https://x.kayako.com/api/v1/users/1");
    EXPECT_EQ(r->headers.find("ETag"), tag_text);
    EXPECT_EQ(r->body.rfind(R"({"status":201,"data":{"id":1)", 0), 0u);
}

TEST(Answer, NoDataNoValidators) {  // a DELETE's answer
    answer a;
    auto const r = a.respond({.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, R"({"status":200})");
    EXPECT_FALSE(r->headers.find("ETag"));
    EXPECT_FALSE(r->headers.find("Last-Modified"));
}

TEST(Answer, WeakTagIsSentWeak) {  // §21.6
    answer a;
    resource_validators v;
    v.etag = entity_tag{"abc", true};
    a.set_validators(v);
    EXPECT_EQ(a.respond({.date = now})->headers.find("ETag"), R"(W/"abc")");
    answer gone;
    v.exists = false;
    gone.set_validators(v);
    EXPECT_FALSE(gone.respond({.date = now})->headers.find("ETag"));
}

TEST(Answer, OpenedSessionAddsItsIdTokenAndNotice) {  // §10 TV-SEC-1, §11.1 TV-RESP-4
    answer a;
    auto const r = a.respond({.date = now, .opened_session_id = "lNlZU4go", .csrf_token = "DBYmfYEj"});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->headers.find("X-CSRF-Token"), "DBYmfYEj");
    EXPECT_EQ(r->body, R"({"status":200,"session_id":"lNlZU4go","logs":[{"level":"NOTICE","message":")" +
                           std::string(session_advice) + R"("}]})");
    // A failed request that opened a session still says so (the session exists).
    answer failed;
    failed.fail(api_error_code::resource_not_found);
    auto const e = failed.respond({.date = now, .opened_session_id = "lNlZU4go", .session_notice = ""});
    ASSERT_TRUE(e);
    EXPECT_NE(e->body.find(R"("session_id":"lNlZU4go")"), std::string::npos);
    EXPECT_EQ(e->body.find("logs"), std::string::npos);
    EXPECT_FALSE(e->headers.find("X-CSRF-Token"));
}

TEST(Answer, CollectionBoundNamesLimit) {  // §21.14
    incoming in;
    auto const req = in.read("GET", "/api/v1/users");
    boost::json::value const page = boost::json::array{ann(), ann()};
    std::size_t const size = 2 * ann_default.size() + 3;  // `[a,a]`

    answer at_bound(answer_form_of(req));
    ASSERT_TRUE(at_bound.render(page, "user", schemas(), req.output()));
    at_bound.set_validators(validators());
    auto const fits = at_bound.respond({.date = now, .max_collection_bytes = size});
    ASSERT_TRUE(fits);
    EXPECT_EQ(fits->status, 200);

    answer past(answer_form_of(req));
    ASSERT_TRUE(past.render(page, "user", schemas(), req.output()));
    past.set_validators(validators());
    auto const refused = past.respond({.date = now, .max_collection_bytes = size - 1});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    EXPECT_EQ(refused->body, error_body(api_error_code::field_invalid, R"(,"parameter":"limit")", "more_info"));
    EXPECT_FALSE(refused->headers.find("ETag"));

    // One resource is never refused by the bound.
    answer one(answer_form_of(req));
    ASSERT_TRUE(one.render(ann(), "user", schemas(), req.output()));
    EXPECT_EQ(one.respond({.date = now, .max_collection_bytes = 1})->status, 200);
}

TEST(Answer, RendererFailureBecomesTheAnswer) {  // §21.14: too deep
    incoming in;
    auto const req = in.read("GET", "/api/v1/users/1");
    std::string deep = R"({"id":1,"full_name":)";
    deep += std::string(100, '[') + std::string(100, ']') + "}";  // past the default 64 levels
    answer a(answer_form_of(req));
    boost::json::parse_options nested_deeply;
    nested_deeply.max_depth = 200;
    auto const rendered = a.render(boost::json::parse(deep, {}, nested_deeply), "user", schemas(), req.output());
    ASSERT_FALSE(rendered);
    EXPECT_EQ(rendered.error().code, error::too_deep);
    EXPECT_TRUE(a.failed());
    a.set_validators(validators());
    auto const r = a.respond({.date = now});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, http_status(api_error_for(error::too_deep)));
    EXPECT_FALSE(r->headers.find("ETag"));
}

// ---- a struct resource --------------------------------------------------------------------------

struct role_struct {
    std::int64_t id;
    std::string title;
};
struct user_struct {
    std::int64_t id;
    std::string full_name;
    std::string email;
    role_struct role;
};

}  // namespace

template <>
struct kayako::resource_traits<role_struct> {
    static constexpr std::string_view type = "role";
    template <class Visit>
    static void for_each_field(role_struct const& r, Visit&& visit) {
        visit("id", r.id);
        visit("title", r.title);
        visit("resource_type", type);
    }
};
template <>
struct kayako::resource_traits<user_struct> {
    static constexpr std::string_view type = "user";
    template <class Visit>
    static void for_each_field(user_struct const& u, Visit&& visit) {
        visit("id", u.id);
        visit("full_name", u.full_name);
        visit("email", u.email);
        visit("role", u.role);
        visit("resource_type", type);
    }
};

namespace {

TEST(Respond, StructResourceAnswersLikeItsJsonTwin) {  // renderer.hpp: resource_traits
    user_struct const u{1, "Ann", "ann@example.com", {2, "Admin"}};
    for (std::string_view target : {"/api/v1/users/1", "/api/v1/users/1?include=role&_case=pascal&fields=%2Bemail"}) {
        incoming in;
        auto const req = in.read("GET", target);
        auto const from_struct = respond(req, u, schemas(), validators(), {.date = now});
        auto const from_json = respond(req, ann(), "user", schemas(), validators(), {.date = now});
        ASSERT_TRUE(from_struct);
        ASSERT_TRUE(from_json);
        EXPECT_EQ(from_struct->body, from_json->body) << target;
        EXPECT_EQ(fields(*from_struct), fields(*from_json));
    }
    std::array<user_struct, 2> const two = {u, u};
    incoming in;
    auto const req = in.read("GET", "/api/v1/users");
    answer a(answer_form_of(req));
    ASSERT_TRUE(a.render(std::span<user_struct const>(two), schemas(), req.output()));
    auto const r = a.respond({.date = now, .max_collection_bytes = 10});  // a span is a collection
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
}

// ---- the headers the response keeps itself -------------------------------------------------------

TEST(ResponseHeaders, KeptValuesTravelWithACopy) {
    response_headers h;
    ASSERT_TRUE(h.add_date("Date", now));
    ASSERT_TRUE(h.add_seconds("Retry-After", 59));
    ASSERT_TRUE(h.add_date("Last-Modified", modified));
    response_headers const copy = h;
    EXPECT_EQ(copy.find("Date"), now_text);
    EXPECT_EQ(copy.find("Retry-After"), "59");
    EXPECT_EQ(copy.find("Last-Modified"), modified_text);
    EXPECT_NE(copy.find("Last-Modified")->data(), h.find("Last-Modified")->data());
    // The kept bytes are bounded: past them, `too_long` naming the header.
    response_headers full;
    std::string const big(response_headers::owned_capacity - 1, 'x');
    ASSERT_TRUE(full.add_copy("X-Big", big));
    auto const over = full.add_copy("X-Two", "ab");
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, error::too_long);
    EXPECT_EQ(over.error().parameter, "X-Two");
    EXPECT_TRUE(full.add_copy("X-One", "a"));  // exactly full
    EXPECT_EQ(full.size(), 2u);
}

TEST(ResponseHeaders, TheETagTravelsWithTheResponse) {  // http_response.hpp: make_response
    envelope e;
    std::string tag(tag_text);
    response_options opt;
    opt.etag = tag;
    auto const r = make_response(e, opt);
    ASSERT_TRUE(r);
    tag.assign(tag.size(), 'x');  // the caller's text may go
    EXPECT_EQ(r->headers.find("ETag"), tag_text);
    // A tag longer than the response keeps is refused, naming it.
    std::string const huge(response_headers::owned_capacity + 1, 'a');
    opt.etag = huge;
    auto const refused = make_response(e, opt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, error::too_long);
    EXPECT_EQ(refused.error().parameter, "ETag");
    // An error sends no validators (its body is not the representation).
    opt.etag = tag_text;
    opt.last_modified = modified;
    auto const failed = make_response(make_error_envelope({make_api_error(api_error_code::resource_not_found)}), opt);
    ASSERT_TRUE(failed);
    EXPECT_FALSE(failed->headers.find("ETag"));
    EXPECT_FALSE(failed->headers.find("Last-Modified"));
}

}  // namespace
