// The code of docs/serve.md ("Serve the Kayako protocol from your HTTP server"): a small notes
// service, section by section. Each `// [serve:NAME]` region is shown by the guide byte for byte
// (guide_snippets_test.cpp checks it), and the tests below run it, so the guide's code builds and
// does what its text says.
#include <kayako/proto.hpp>

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace serve_guide {

// [serve:types]
// The resource, described once: the renderer reads it (§5), `fields` and `_case` apply to it.
struct note {
    static constexpr std::string_view resource_type = "note";
    std::int64_t id = 0;
    std::string title;
    std::optional<std::string> text;
};
BOOST_DESCRIBE_STRUCT(note, (), (id, title, text))

// Which members a client sees by default, and which only when it asks (`fields=+text`, §5.2).
kayako::schema_registry const schemas{
    kayako::resource_schema{"note", {{"title"}, {"text", kayako::field::optional}}}};

// Your HTTP stack's request headers. Any container of name/value pairs works through
// `pair_headers`; a callable `h(name, visit)` over your own header map works directly.
using headers = std::vector<std::pair<std::string_view, std::string_view>>;
using header_view = kayako::pair_headers<headers>;
using typed_request = kayako::typed_request<header_view>;
// [/serve:types]

// [serve:refuse]
// A request that cannot be read is answered with the first Kayako error, in the letter case and
// JSONP form the client asked for as far as the request could be read (§6.1, §13, §15).
kayako::response refuse(kayako::request_error const& why, std::string_view method, header_view const& h,
                        kayako::http_date now) {
    kayako::answer refused(kayako::answer_form_of(why, method, h));
    refused.fail(why.code, why.parameter, why.parameters());
    refused.set_error_pointer(why.pointer);
    // `respond` fails only on a header value with CR/LF/NUL; none of these carries one.
    return refused.respond({.date = now}).value();
}
// [/serve:refuse]

// [serve:validators]
// The validators of a note (§9.1): an ETag from the state that versions it, and the time it last
// changed. `tag` is kept by the caller: the validators view it.
kayako::entity_tag_text tag_of(note const& n) {
    return kayako::entity_tag_for_bytes(n.title + '\n' + n.text.value_or(""));
}
// [/serve:validators]

// [serve:get]
// GET /api/v1/notes/:id — 304 or 412 from the validators, else the note rendered as asked
// (`fields`, `_case`, `_empty`, JSONP, HEAD), with ETag and Last-Modified.
kayako::response get_note(typed_request const& request, note const& stored, kayako::http_date modified,
                          kayako::http_date now) {
    auto const tag = tag_of(stored);
    kayako::resource_validators const current{true, tag.tag(), modified};
    return kayako::respond(request, stored, schemas, current, {.date = now}).value();
}
// [/serve:get]

// [serve:update]
// PUT /api/v1/notes/:id — preconditions first (a 412 changes nothing, §9.2), then the body's
// parameters in any encoding (form, JSON, multipart, §2) and any letter case (§2.5).
kayako::response update_note(typed_request const& request, note& stored, kayako::http_date& modified,
                             kayako::http_date now) {
    kayako::answer reply(kayako::answer_form_of(request));
    auto const before = tag_of(stored);
    auto const verdict = kayako::check_preconditions(request, {true, before.tag(), modified});
    if (auto const code = verdict.error()) {  // 412 RESOURCE_MODIFIED
        reply.fail(*code);
        return reply.respond({.date = now}).value();
    }
    auto parameters = request.body_parameters();
    if (!parameters) {  // a malformed body: the error names what it could not read
        reply.fail(parameters.error().code, parameters.error().parameter);
        return reply.respond({.date = now}).value();
    }
    auto title = parameters->get<std::string>("title");
    if (!title) {  // a bad value: FIELD_INVALID naming `title`
        reply.fail(title.error());
        return reply.respond({.date = now}).value();
    }
    if (*title) stored.title = std::move(**title);
    modified = now;
    auto const after = tag_of(stored);
    reply.set_validators({true, after.tag(), modified});
    // Should rendering fail (`too_deep`), the answer has become that error: it is sent all the same.
    (void)reply.render(stored, schemas, request.output());
    return reply.respond({.date = now}).value();
}
// [/serve:update]

// [serve:list]
// GET /api/v1/notes — one page (offset and limit checked, §7.1), its counts, and links that keep
// the request's other arguments but never a credential (§7.4, §21.24).
kayako::response list_notes(typed_request const& request, std::span<note const> all, std::string_view base_url,
                            kayako::http_date now) {
    kayako::answer reply(kayako::answer_form_of(request));
    auto const page = request.page({.cursor = false, .dates = false});  // pages by offset only
    if (!page) {  // limit=-1, offset=x, before_id=...: FIELD_INVALID naming the argument
        reply.fail(page.error().code, page.error().parameter, page.error().parameters());
        return reply.respond({.date = now}).value();
    }
    std::size_t const begin = std::min<std::uint64_t>(page->offset, all.size());
    std::size_t const end = std::min<std::uint64_t>(all.size(), begin + page->limit);
    // A failed render (`too_deep`) has made the answer that error: send it, with no page counts.
    if (!reply.render(all.subspan(begin, end - begin), schemas, request.output()))
        return reply.respond({.date = now}).value();
    kayako::envelope& e = reply.metadata();
    e.total_count = all.size();
    e.limit = page->limit;
    if (page->offset != 0) e.offset = page->offset;
    std::string const collection = std::string(base_url) + "/api/v1/notes";
    kayako::pagination_links const links =
        kayako::make_offset_links(request.links_to(collection), page->offset, page->limit, all.size());
    links.apply_to(e);  // the envelope views `links`: keep it until `respond`
    return reply.respond({.date = now}).value();
}
// [/serve:list]

// [serve:auth]
// Logins and sessions (§10, §11). Your store holds the sessions; the library reads every
// credential the request carries (headers, arguments, the session cookie) and checks CSRF.
struct session {
    std::string user;
    std::string csrf_token;
};
using session_store = std::map<std::string, session, std::less<>>;

// What the request may do: act as a user, or nobody's (anonymous); or the error to answer with.
struct permission {
    std::optional<std::string> user;
    std::optional<kayako::api_error_code> refused;
    std::string_view refused_parameter;
};
permission as_user(std::string_view user) { return {std::string(user), std::nullopt, {}}; }
permission refused(kayako::api_error_code code, std::string_view parameter = {}) { return {std::nullopt, code, parameter}; }

permission authenticate(typed_request const& request, session_store const& sessions) {
    kayako::request_credentials const& credentials = request.credentials();
    if (credentials.basic) {  // a login; your password check (constant time) goes here
        if (credentials.basic->user == "ada@example.com" && credentials.basic->password == "secret")
            return as_user(credentials.basic->user);
        return refused(kayako::api_error_code::authentication_failed);
    }
    if (!credentials.session_id) return {};  // anonymous
    auto const found = sessions.find(*credentials.session_id);
    if (found == sessions.end()) return refused(kayako::api_error_code::session_loading_failed);
    // §10: an unsafe method in a protected session must carry the session's X-CSRF-Token.
    if (auto csrf = kayako::check_csrf(request.method(), credentials.csrf_token, found->second.csrf_token); !csrf)
        return refused(kayako::api_error_for(csrf.error()), csrf.error().parameter);
    return as_user(found->second.user);
}

// A Basic login opens a session: its ID goes out in the envelope's `session_id`, its CSRF token
// in `X-CSRF-Token`, with the reference's advice in `logs` (§11.1, TV-RESP-4).
kayako::response answer_login(typed_request const& request, std::string_view session_id, std::string_view csrf_token,
                              kayako::http_date now) {
    kayako::answer reply(kayako::answer_form_of(request));
    return reply
        .respond({.date = now,
                  .audience = kayako::response_audience::authenticated,
                  .opened_session_id = session_id,
                  .csrf_token = csrf_token})
        .value();
}
// [/serve:auth]

// [serve:upload]
// POST /api/v1/files — the files of a raw body (`_filename`, `_md5`), of a multipart body, or of
// base64 `name` + `content` parameters, one list either way (§8); checksums are verified.
struct stored_file {
    std::string name;
    std::string bytes;
};

kayako::response upload(typed_request const& request, std::vector<stored_file>& files, kayako::http_date now) {
    kayako::answer reply(kayako::answer_form_of(request));
    auto const& args = request.arguments();
    kayako::upload_arguments const arguments{args.filename(), args.field(), args.md5()};
    auto received = kayako::read_file_upload(request.headers(), request.body(), arguments,
                                             {.max_file_size = 1 << 20, .require_filename = true});
    if (!received) {  // CHECKSUM_MISMATCH, FIELD_INVALID naming the file's parameter, ...
        reply.fail(received.error());
        return reply.respond({.date = now}).value();
    }
    for (kayako::uploaded_file const& f : *received) files.push_back({f.filename, std::string(f.content)});
    reply.set_status(201);
    return reply.respond({.date = now}).value();
}
// [/serve:upload]

// [serve:framing]
// In your transport, before it reads a body: how the body is framed, or 400 and close (§21.23).
// Transports that parse framing themselves (Beast, cpp-httplib) still call this on the head:
// it refuses the smuggling shapes they accept.
bool body_may_be_read(header_view const& head, kayako::http_version version, kayako::failure& refused) {
    auto framing = kayako::check_request_framing(head, version);
    if (!framing) {
        refused = framing.error();  // names Transfer-Encoding, Content-Length or Host
        return false;
    }
    return true;
}
// [/serve:framing]

}  // namespace serve_guide

namespace {

using namespace serve_guide;

kayako::http_date const now{1471533459};  // 2016-08-18T15:17:39Z
kayako::http_date const earlier{1471530000};

std::string header_of(kayako::response const& r, std::string_view name) {
    for (auto const& h : r.headers)
        if (h.name == name) return std::string(h.value);
    return {};
}

bool has(std::string const& body, std::string_view text) { return body.find(text) != std::string::npos; }

TEST(ServeGuide, RefusesAnUnreadableRequestInTheCaseAsked) {
    headers const in;
    header_view const h(in);
    auto read = kayako::read_request("GET", "/api/v1/notes?_case=camel&limit=x", h, "");
    ASSERT_FALSE(read);
    auto const r = refuse(read.error(), "GET", h, now);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, R"("parameter":"limit")")) << r.body;
}

TEST(ServeGuide, GetRendersAsAskedAndAnswers304ToItsOwnTag) {
    note const stored{7, "Groceries", "milk"};
    headers const in;
    auto request = kayako::read_request("GET", "/api/v1/notes/7?fields=+text", header_view(in), "");
    ASSERT_TRUE(request);
    auto const first = get_note(*request, stored, earlier, now);
    EXPECT_EQ(first.status, 200);
    EXPECT_TRUE(has(first.body, R"("text":"milk")")) << first.body;
    std::string const etag = header_of(first, "ETag");
    ASSERT_FALSE(etag.empty());

    headers const again{{"If-None-Match", etag}};
    auto conditional = kayako::read_request("GET", "/api/v1/notes/7", header_view(again), "");
    ASSERT_TRUE(conditional);
    EXPECT_EQ(get_note(*conditional, stored, earlier, now).status, 304);
}

TEST(ServeGuide, UpdateChecksPreconditionsBeforeItWrites) {
    note stored{7, "Groceries", std::nullopt};
    kayako::http_date modified = earlier;
    headers const stale{{"If-Match", "\"0123456789abcdef0123456789abcdef\""},
                        {"Content-Type", "application/x-www-form-urlencoded"}};
    auto request = kayako::read_request("PUT", "/api/v1/notes/7", header_view(stale), "title=Shopping");
    ASSERT_TRUE(request);
    auto const refused = update_note(*request, stored, modified, now);
    EXPECT_EQ(refused.status, 412);
    EXPECT_EQ(stored.title, "Groceries");  // nothing changed
    EXPECT_EQ(modified, earlier);
}

TEST(ServeGuide, UpdateReadsJsonInAnyCaseAndAnswersWithNewValidators) {
    note stored{7, "Groceries", std::nullopt};
    kayako::http_date modified = earlier;
    std::string const tag_before = std::string(tag_of(stored).tag().opaque);
    headers const json{{"Content-Type", "application/json"}};
    auto request = kayako::read_request("PUT", "/api/v1/notes/7?_case=camel", header_view(json), R"({"Title":"Shopping"})");
    ASSERT_TRUE(request);
    auto const r = update_note(*request, stored, modified, now);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(stored.title, "Shopping");
    EXPECT_EQ(modified, now);
    EXPECT_FALSE(has(header_of(r, "ETag"), tag_before));
    EXPECT_TRUE(has(r.body, R"("title":"Shopping")")) << r.body;
}

TEST(ServeGuide, UpdateNamesABadParameter) {
    note stored{7, "Groceries", std::nullopt};
    kayako::http_date modified = earlier;
    headers const json{{"Content-Type", "application/json"}};
    auto request = kayako::read_request("PUT", "/api/v1/notes/7", header_view(json), R"({"title":[1]})");
    ASSERT_TRUE(request);
    auto const r = update_note(*request, stored, modified, now);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, R"("parameter":"title")")) << r.body;
    EXPECT_EQ(stored.title, "Groceries");
}

TEST(ServeGuide, ListPagesWithLinksThatDropCredentials) {
    std::vector<note> all;
    for (int i = 1; i <= 25; ++i) all.push_back({i, "Note " + std::to_string(i), std::nullopt});
    headers const in;
    auto request = kayako::read_request("GET", "/api/v1/notes?offset=10&limit=10&_session_id=s3cr3t", header_view(in), "");
    ASSERT_TRUE(request);
    auto const r = list_notes(*request, all, "https://example.com", now);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(has(r.body, R"("total_count":25)")) << r.body;
    EXPECT_TRUE(has(r.body, R"("title":"Note 11")")) << r.body;
    EXPECT_FALSE(has(r.body, R"("title":"Note 21")")) << r.body;
    EXPECT_TRUE(has(r.body, "offset=20")) << r.body;
    EXPECT_FALSE(has(r.body, "s3cr3t")) << r.body;

    auto bad = kayako::read_request("GET", "/api/v1/notes?limit=10&before_id=5", header_view(in), "");
    ASSERT_TRUE(bad);
    auto const refused = list_notes(*bad, all, "https://example.com", now);  // no cursor on this collection
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(has(refused.body, R"("parameter":"before_id")")) << refused.body;
}

TEST(ServeGuide, SessionsNeedTheirCsrfTokenOnWrites) {
    session_store const sessions{{"abc", {"ada@example.com", "tok"}}};
    headers const no_token{{"X-Session-ID", "abc"}};
    auto put = kayako::read_request("PUT", "/api/v1/notes/7", header_view(no_token), "");
    ASSERT_TRUE(put);
    permission const no_csrf = authenticate(*put, sessions);
    ASSERT_TRUE(no_csrf.refused.has_value());
    EXPECT_EQ(*no_csrf.refused, kayako::api_error_code::csrf_failed);
    EXPECT_EQ(no_csrf.refused_parameter, "X-CSRF-Token");

    headers const with_token{{"X-Session-ID", "abc"}, {"X-CSRF-Token", "tok"}};
    auto allowed = kayako::read_request("PUT", "/api/v1/notes/7", header_view(with_token), "");
    ASSERT_TRUE(allowed);
    EXPECT_EQ(authenticate(*allowed, sessions).user, std::optional<std::string>("ada@example.com"));

    headers const unknown{{"X-Session-ID", "nope"}};
    auto get = kayako::read_request("GET", "/api/v1/notes", header_view(unknown), "");
    ASSERT_TRUE(get);
    EXPECT_EQ(authenticate(*get, sessions).refused, std::optional(kayako::api_error_code::session_loading_failed));
}

TEST(ServeGuide, ALoginAnswersWithTheSessionAndItsCsrfToken) {
    headers const basic{{"Authorization", "Basic YWRhQGV4YW1wbGUuY29tOnNlY3JldA=="}};  // ada@example.com:secret
    auto request = kayako::read_request("GET", "/api/v1/notes", header_view(basic), "");
    ASSERT_TRUE(request);
    ASSERT_EQ(authenticate(*request, {}).user, std::optional<std::string>("ada@example.com"));
    auto const r = answer_login(*request, "sess-1", "csrf-1", now);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(has(r.body, R"("session_id":"sess-1")")) << r.body;
    EXPECT_EQ(header_of(r, "X-CSRF-Token"), "csrf-1");

    headers const wrong{{"Authorization", "Basic YWRhQGV4YW1wbGUuY29tOndyb25n"}};  // ada@example.com:wrong
    auto refused = kayako::read_request("GET", "/api/v1/notes", header_view(wrong), "");
    ASSERT_TRUE(refused);
    EXPECT_EQ(authenticate(*refused, {}).refused, std::optional(kayako::api_error_code::authentication_failed));
}

TEST(ServeGuide, UploadTakesARawBodyAndChecksItsChecksum) {
    std::vector<stored_file> files;
    headers const raw{{"Content-Type", "text/plain"}};
    auto request = kayako::read_request("POST", "/api/v1/files?_filename=a.txt", header_view(raw), "hello");
    ASSERT_TRUE(request);
    auto const r = upload(*request, files, now);
    EXPECT_EQ(r.status, 201);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].name, "a.txt");
    EXPECT_EQ(files[0].bytes, "hello");

    auto corrupted = kayako::read_request("POST", "/api/v1/files?_filename=a.txt&_md5=00000000000000000000000000000000",
                                          header_view(raw), "hello");
    ASSERT_TRUE(corrupted);
    auto const refused = upload(*corrupted, files, now);
    EXPECT_TRUE(has(refused.body, "CHECKSUM_MISMATCH")) << refused.body;
    EXPECT_EQ(files.size(), 1u);
}

TEST(ServeGuide, FramingRefusesBothContentLengthAndTransferEncoding) {
    headers const smuggled{{"Host", "example.com"}, {"Content-Length", "5"}, {"Transfer-Encoding", "chunked"}};
    kayako::failure refused;
    EXPECT_FALSE(body_may_be_read(header_view(smuggled), kayako::http_version::http_1_1, refused));
    EXPECT_EQ(refused.parameter, "Transfer-Encoding");
    headers const fine{{"Host", "example.com"}, {"Content-Length", "5"}};
    EXPECT_TRUE(body_may_be_read(header_view(fine), kayako::http_version::http_1_1, refused));
}

}  // namespace
