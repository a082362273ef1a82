// Tests of auth.hpp, authorization.hpp, csrf.hpp and client_auth.hpp: Authorization Basic/Bearer,
// session, CSRF and the other credential headers and arguments (§10, §11), both ways.
#include <kayako/request/auth.hpp>

#include <kayako/request/authorization.hpp>
#include <kayako/request/client_auth.hpp>
#include <kayako/request/csrf.hpp>

#include <kayako/core/api_error.hpp>
#include <kayako/response/http_response.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using kayako::error;
using headers_t = std::vector<std::pair<std::string, std::string>>;
using namespace std::string_view_literals;
using namespace std::string_literals;

TEST(Basic, TvIntro3) {  // §1.1
    auto v = kayako::basic_authorization("norton.low@eyecloud.com", "B2WwHWTJzI49NM");
    ASSERT_TRUE(v);
    EXPECT_EQ(*v, "Basic bm9ydG9uLmxvd0BleWVjbG91ZC5jb206QjJXd0hXVEp6STQ5Tk0=");
    auto c = kayako::parse_basic_authorization(*v);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->user, "norton.low@eyecloud.com");
    EXPECT_EQ(c->password, "B2WwHWTJzI49NM");
}

TEST(Basic, SplitsAtTheFirstColon) {
    auto v = kayako::basic_authorization("user", "pa:ss:word");
    ASSERT_TRUE(v);
    auto c = kayako::parse_basic_authorization(*v);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->user, "user");
    EXPECT_EQ(c->password, "pa:ss:word");
    auto empty = kayako::parse_basic_authorization("basic  Og==");  // ":" → empty user and password
    ASSERT_TRUE(empty);
    EXPECT_EQ(*empty, (kayako::basic_credentials{"", ""}));
}

// Empty parts are credentials too (RFC 7617 §2: user-id and password may be empty): the builder
// writes them, and the reader gives them back, in every combination.
TEST(Basic, EmptyUserOrPasswordRoundTrips) {
    struct row {
        std::string_view user, password, value;
    } const rows[] = {{"", "", "Basic Og=="}, {"", "p", "Basic OnA="}, {"u", "", "Basic dTo="}};
    for (auto const& r : rows) {
        SCOPED_TRACE(r.value);
        auto const v = kayako::basic_authorization(r.user, r.password);
        ASSERT_TRUE(v);
        EXPECT_EQ(*v, r.value);
        auto const c = kayako::parse_basic_authorization(*v);
        ASSERT_TRUE(c);
        EXPECT_EQ(*c, (kayako::basic_credentials{std::string(r.user), std::string(r.password)}));
    }
}

TEST(Basic, BadValues) {
    struct row {
        std::string_view value;
        std::size_t offset;
    } const rows[] = {
        {"", 0},
        {"Basic", 5},
        {"Basic ", 5},  // trailing whitespace is trimmed: the token is missing
        {"Basicdm9v", 0},
        {"Digest abc", 0},
        {"Basic dXNlcjpwYXNz!", 18},
        {"Basic dXNlcjpwYXN", 6 + 8},    // length not a multiple of 4: the incomplete quantum
        {"Basic dXNlcg==", 6},           // "user": no colon
        {"Basic dXNlcjpwYXNzAA==", 6},   // "user:pass\0"
        {"Basic dXNl cjpwYXNz", 10},
        {"Basic ====", 6},
        {"Basic dXNlcjpwYXN=", 6 + 10},  // non-zero padding bits
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.value);
        auto c = kayako::parse_basic_authorization(r.value);
        ASSERT_FALSE(c);
        EXPECT_EQ(c.error().code, error::invalid_credentials);
        EXPECT_EQ(c.error().offset, r.offset);
        EXPECT_EQ(c.error().parameter, "Authorization");
    }
    auto colon_user = kayako::basic_authorization("a:b", "c");
    ASSERT_FALSE(colon_user);
    EXPECT_EQ(colon_user.error().code, error::invalid_credentials);
    EXPECT_FALSE(kayako::basic_authorization("a", "b\r\nX: y"));
    EXPECT_FALSE(kayako::basic_authorization("a\0"sv, "b"));
}

TEST(Authorization, Bearer) {  // §11.3
    auto a = kayako::parse_authorization("Bearer 4b1442a6-38d1-ae34-9d55-adf5b41d6417");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->scheme, kayako::auth_scheme::bearer);
    EXPECT_EQ(a->credentials, "4b1442a6-38d1-ae34-9d55-adf5b41d6417");
    auto jwt = kayako::parse_authorization("bearer eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjF9.sig_-~+/==");
    ASSERT_TRUE(jwt);
    EXPECT_EQ(jwt->credentials, "eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjF9.sig_-~+/==");
    EXPECT_FALSE(kayako::parse_authorization("Bearer a=b"));
    EXPECT_FALSE(kayako::parse_authorization("Bearer a b"));
}

// Every read names a session cookie, so that `Cookie` lines take part (§11.8); rows without one
// read as if none were named.
kayako::result<kayako::request_credentials> read(headers_t const& h, kayako::auth_arguments const& a = {}) {
    kayako::auth_options options;
    options.session_cookie = "kayako_session";
    return kayako::read_credentials(kayako::pair_headers(h), a, options);
}

constexpr std::string_view session = "lNlZU4goODSinE8DkW3PKs79d60c497f0a5c507e897da818682d6cf21321fca5la58k2s8ZxGYYRfjcuAVgRFA";
constexpr std::string_view csrf = "DBYmfYEjHNzXI1tvnUAbu8xxD9gWH6bnTVTuqj2RAc1w2fuwuOTCK01yFLO3bksYfXAdCzABauGfZChfivS2BHIc0a5r";

TEST(Credentials, TvSec1) {  // §10
    headers_t const h = {{"X-Session-ID", std::string(session)}, {"x-csrf-token", std::string(csrf)}};
    auto c = read(h);
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(c->session_id, session);
    EXPECT_EQ(c->csrf_token, csrf);
    EXPECT_FALSE(c->basic);
    EXPECT_FALSE(c->bearer);
    EXPECT_TRUE(kayako::check_csrf("POST", c->csrf_token, csrf));
}

TEST(Credentials, EveryHeaderAndArgument) {
    headers_t const h = {{"Authorization", "Basic bm9ydG9uLmxvd0BleWVjbG91ZC5jb206QjJXd0hXVEp6STQ5Tk0="},
                         {"X-Token", "dPQBJfPG5cGYd6MMPtowGz93x3uSN7Vc7yBw3JrKL5owqfowKFda4mezGefo5QDmRnxyV2"},
                         {"X-OTP", "379069"},
                         {"X-Fingerprint-ID", "6c8a5a1e-2f4b-4b7a-9a55-0d4e1c2b3a49"},
                         {"X-RememberMe", "remember"},
                         {"X-Fingerprint", "device-1"},
                         {"X-Portal", "API"},
                         {"X-Timestamp", "1441828693"},
                         {"X-CSRF", "false"}};
    auto c = read(h);
    ASSERT_TRUE(c) << c.error().message();
    ASSERT_TRUE(c->basic);
    EXPECT_EQ(c->basic->user, "norton.low@eyecloud.com");
    EXPECT_EQ(c->otp, "379069");
    EXPECT_EQ(c->fingerprint_id, "6c8a5a1e-2f4b-4b7a-9a55-0d4e1c2b3a49");
    EXPECT_EQ(c->remember_me, "remember");
    EXPECT_EQ(c->fingerprint, "device-1");
    EXPECT_EQ(c->portal, "API");
    EXPECT_EQ(c->timestamp, 1441828693);
    EXPECT_EQ(c->csrf, false);

    // The same values as arguments.
    auto a = read({}, {.session_id = session, .token = "t", .otp = "379069", .fingerprint_id = "f", .access_token = {},
                       .jwt = {}, .portal = "API", .timestamp = "1441828693"});
    ASSERT_TRUE(a) << a.error().message();
    EXPECT_EQ(a->session_id, session);
    EXPECT_EQ(a->token, "t");
    EXPECT_EQ(a->otp, "379069");
    EXPECT_EQ(a->fingerprint_id, "f");
    EXPECT_EQ(a->portal, "API");
    EXPECT_EQ(a->timestamp, 1441828693);
}

TEST(Credentials, SessionCookie) {  // §11.8: "a session cookie also counts"
    headers_t const cookie = {{"Cookie", "theme=dark; kayako_session=S1"}};  // the result views it
    auto c = read(cookie);
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(c->session_id, "S1");
    // Not read unless its name is given: Kayako does not document it.
    auto unnamed = kayako::read_credentials(kayako::pair_headers(cookie));
    ASSERT_TRUE(unnamed);
    EXPECT_FALSE(unnamed->session_id);
}

TEST(Credentials, BearerFromThreePlaces) {  // §11.3, §11.6
    headers_t const bearer_header = {{"Authorization", "Bearer tok"}};  // the result views it
    auto h = read(bearer_header);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->bearer, "tok");
    EXPECT_EQ(h->bearer_from, kayako::bearer_source::authorization_header);
    auto a = read({}, {.access_token = "tok"});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->bearer_from, kayako::bearer_source::access_token_argument);
    auto j = read({}, {.jwt = "a.b.c"});
    ASSERT_TRUE(j);
    EXPECT_EQ(j->bearer, "a.b.c");
    EXPECT_EQ(j->bearer_from, kayako::bearer_source::jwt_argument);
    EXPECT_TRUE(read({{"Authorization", "Bearer tok"}}, {.access_token = "tok"}));
}

TEST(Credentials, ParametersInconsistent) {  // §11.9
    struct row {
        std::string_view what;
        headers_t headers;
        kayako::auth_arguments arguments;
        std::string_view parameter;
    };
    row const rows[] = {
        {"session", {{"X-Session-ID", "a"}}, {.session_id = "b"}, "_session_id"},
        {"token", {{"X-Token", "a"}}, {.token = "b"}, "_token"},
        {"otp", {{"X-OTP", "123456"}}, {.otp = "654321"}, "_otp"},
        {"fingerprint", {{"X-Fingerprint-ID", "a"}}, {.fingerprint_id = "b"}, "_fingerprint_id"},
        {"portal", {{"X-Portal", "API"}}, {.portal = "HELPCENTER"}, "_portal"},
        {"timestamp", {{"X-Timestamp", "1"}}, {.timestamp = "2"}, "_timestamp"},
        {"access token", {{"Authorization", "Bearer a"}}, {.access_token = "b"}, "access_token"},
        {"jwt", {{"Authorization", "Bearer a"}}, {.jwt = "b"}, "_jwt"},
        {"access token vs jwt", {}, {.access_token = "a", .jwt = "b"}, "_jwt"},
        {"two session lines", {{"X-Session-ID", "a"}, {"X-Session-ID", "b"}}, {}, "X-Session-ID"},
        {"two Authorization lines", {{"Authorization", "Bearer a"}, {"Authorization", "Bearer b"}}, {}, "Authorization"},
        {"two X-CSRF lines", {{"X-CSRF", "false"}, {"X-CSRF", "true"}}, {}, "X-CSRF"},
        {"session cookie vs header", {{"Cookie", "kayako_session=a"}, {"X-Session-ID", "b"}}, {}, "kayako_session"},
        {"session cookie vs argument", {{"Cookie", "kayako_session=a"}}, {.session_id = "b"}, "kayako_session"},
        {"two session cookies", {{"Cookie", "kayako_session=a"}, {"Cookie", "kayako_session=b"}}, {}, "kayako_session"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto c = read(r.headers, r.arguments);
        ASSERT_FALSE(c);
        EXPECT_EQ(c.error().code, error::parameters_inconsistent);
        EXPECT_EQ(c.error().parameter, r.parameter);
    }
    // Identical copies are fine.
    EXPECT_TRUE(read({{"X-Session-ID", "a"}, {"X-Session-ID", " a "}}, {.session_id = "a"}));
    EXPECT_TRUE(read({{"Cookie", "theme=dark; kayako_session=a"}, {"X-Session-ID", "a"}}, {.session_id = "a"}));
}

TEST(Credentials, BadValues) {
    struct row {
        std::string_view what;
        headers_t headers;
        kayako::auth_arguments arguments;
        error code;
        std::string_view parameter;
        std::size_t offset;
    };
    row const rows[] = {
        {"empty session header", {{"X-Session-ID", ""}}, {}, error::empty_value, "X-Session-ID", 0},
        {"empty session argument", {}, {.session_id = ""}, error::empty_value, "_session_id", 0},
        {"space inside", {{"X-Token", "a b"}}, {}, error::invalid_header, "X-Token", 1},
        {"NUL in header", {{"X-OTP", "12\0" "34"s}}, {}, error::nul_byte, "X-OTP", 2},
        {"NUL in argument", {}, {.otp = "12\0" "34"sv}, error::nul_byte, "_otp", 2},
        {"non-ASCII argument", {}, {.portal = "\xC3\xA9"}, error::unexpected_character, "_portal", 0},
        {"timestamp not a number", {{"X-Timestamp", "yesterday"}}, {}, error::invalid_integer, "X-Timestamp", 0},
        {"huge timestamp", {}, {.timestamp = "99999999999999999999999"}, error::integer_out_of_range, "_timestamp", 0},
        {"X-CSRF not a boolean", {{"X-CSRF", "maybe"}}, {}, error::invalid_header, "X-CSRF", 0},
        {"bad Basic", {{"Authorization", "Basic !!!!"}}, {}, error::invalid_credentials, "Authorization", 6},
        {"unknown scheme", {{"Authorization", "Negotiate abc"}}, {}, error::invalid_credentials, "Authorization", 0},
        {"empty access_token", {}, {.access_token = ""}, error::empty_value, "access_token", 0},
        {"overlong token", {{"X-Token", std::string(5000, 'a')}}, {}, error::too_long, "X-Token", 4096},
        {"empty session cookie", {{"Cookie", "kayako_session="}}, {}, error::empty_value, "kayako_session", 0},
        {"control byte in the session cookie", {{"Cookie", "kayako_session=S\x01"}}, {}, error::invalid_header, "kayako_session", 1},
        {"space in a quoted session cookie", {{"Cookie", "kayako_session=\"S 1\""}}, {}, error::invalid_header, "kayako_session", 1},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto c = read(r.headers, r.arguments);
        ASSERT_FALSE(c);
        EXPECT_EQ(c.error().code, r.code) << c.error().message();
        EXPECT_EQ(c.error().parameter, r.parameter);
        EXPECT_EQ(c.error().offset, r.offset);
    }
}

TEST(Csrf, Rule) {  // §10
    struct row {
        std::string_view method;
        std::optional<std::string_view> sent, session;
        bool ok;
    } const rows[] = {
        {"GET", std::nullopt, "tok", true},
        {"HEAD", std::nullopt, "tok", true},
        {"POST", "tok", "tok", true},
        {"POST", std::nullopt, "tok", false},
        {"PUT", "tok2", "tok", false},
        {"DELETE", "to", "tok", false},
        {"PATCH", std::nullopt, "tok", false},   // unknown unsafe methods need it too
        {"post", std::nullopt, "tok", false},    // methods are case-sensitive: not GET
        {"POST", std::nullopt, std::nullopt, true},  // unprotected session (X-CSRF: false)
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.method);
        auto c = kayako::check_csrf(r.method, r.sent, r.session);
        EXPECT_EQ(bool(c), r.ok);
        if (!c) {
            EXPECT_EQ(c.error().code, error::csrf_failed);
            EXPECT_EQ(c.error().parameter, "X-CSRF-Token");
        }
    }
}

TEST(ClientAuth, WritesAndReadsBack) {
    kayako::client_credentials const c{.session_id = session, .csrf_token = csrf, .token = "t", .otp = "1",
                                       .fingerprint_id = "f", .remember_me = "r", .fingerprint = "d",
                                       .portal = "API", .timestamp = 1441828693};
    headers_t written;
    auto set = [&](std::string_view n, std::string_view v) { written.emplace_back(n, v); };
    ASSERT_TRUE(kayako::write_auth_headers(c, "POST", set));
    auto back = read(written);
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(back->session_id, session);
    EXPECT_EQ(back->csrf_token, csrf);
    EXPECT_EQ(back->timestamp, 1441828693);
    EXPECT_EQ(back->portal, "API");

    written.clear();
    ASSERT_TRUE(kayako::write_auth_headers(c, "GET", set));
    auto get = read(written);
    ASSERT_TRUE(get);
    EXPECT_FALSE(get->csrf_token);  // only unsafe methods carry it

    written.clear();
    ASSERT_TRUE(kayako::write_auth_headers({.user = "norton.low@eyecloud.com", .password = "B2WwHWTJzI49NM",
                                            .disable_csrf = true},
                                           "GET", set));
    ASSERT_EQ(written.size(), 2u);
    EXPECT_EQ(written[0].second, "Basic bm9ydG9uLmxvd0BleWVjbG91ZC5jb206QjJXd0hXVEp6STQ5Tk0=");
    EXPECT_EQ(written[1], (std::pair<std::string, std::string>{"X-CSRF", "false"}));

    written.clear();
    ASSERT_TRUE(kayako::write_auth_headers({.bearer = "4b1442a6-38d1-ae34-9d55-adf5b41d6417"}, "GET", set));
    EXPECT_EQ(written[0].second, "Bearer 4b1442a6-38d1-ae34-9d55-adf5b41d6417");
}

TEST(ClientAuth, RefusesInjectionAndBadCombinations) {
    auto sink = [](std::string_view, std::string_view) { ADD_FAILURE() << "nothing may be written"; };
    struct row {
        kayako::client_credentials c;
        error code;
        std::string_view parameter;
    } const rows[] = {
        {{.session_id = "a\r\nSet-Cookie: x"}, error::header_injection, "X-Session-ID"},
        {{.csrf_token = "a\nb"}, error::header_injection, "X-CSRF-Token"},
        {{.otp = "1\0" "2"sv}, error::header_injection, "X-OTP"},
        {{.bearer = "a\rb"}, error::header_injection, "Authorization"},
        {{.bearer = "a b"}, error::invalid_credentials, "Authorization"},
        {{.user = "u", .password = "p\n"}, error::invalid_credentials, "Authorization"},
        {{.user = "u", .password = "p", .bearer = "t"}, error::invalid_credentials, "Authorization"},
        {{.user = "u", .password = "p", .session_id = "s"}, error::invalid_credentials, "Authorization"},
    };
    for (auto const& r : rows) {
        auto w = kayako::write_auth_headers(r.c, "POST", sink);
        ASSERT_FALSE(w);
        EXPECT_EQ(w.error().code, r.code);
        EXPECT_EQ(w.error().parameter, r.parameter);
    }
}

// ---- Boundaries (issue 12): every byte class, every limit on both sides, every wire code ----

// §11.9 (file comment of auth.hpp): a credential value is visible ASCII, %x21-7E. Every one of
// the 256 bytes, in a header and in an argument: the 94 visible ones pass, every control byte
// (0x00-0x1F and DEL 0x7F), space and every byte >= 0x80 is refused at its offset.
TEST(CredentialBytes, EveryByteInHeaderAndArgument) {
    std::size_t accepted = 0;
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        std::string const value = "a"s + static_cast<char>(b) + "b";
        bool const visible = b >= 0x21 && b <= 0x7E;
        headers_t const h = {{"X-Token", value}};
        auto in_header = read(h);
        kayako::test::exact_buffer const argument(value);
        auto in_argument = read({}, {.token = argument.view()});
        ASSERT_EQ(bool(in_header), visible);
        ASSERT_EQ(bool(in_argument), visible);
        if (visible) {
            ++accepted;
            EXPECT_EQ(in_header->token, value);
            EXPECT_EQ(in_argument->token, value);
            continue;
        }
        EXPECT_EQ(in_header.error(), kayako::failure(b == 0 ? error::nul_byte : error::invalid_header, 1, "X-Token"));
        EXPECT_EQ(in_argument.error(), kayako::failure(b == 0 ? error::nul_byte : error::unexpected_character, 1, "_token"));
        EXPECT_EQ(kayako::api_error_for(in_header.error()), kayako::api_error_code::field_invalid);
    }
    EXPECT_EQ(accepted, 94u);
}

// RFC 7617 §2: user-id and password exclude CTLs (0x00-0x1F, 0x7F); every other byte, space and
// UTF-8 included, is theirs. Both directions, every byte.
TEST(Basic, EveryByteOfThePassword) {
    std::size_t accepted = 0;
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        std::string const password = "p"s + static_cast<char>(b) + "q";
        bool const ctl = b < 0x20 || b == 0x7F;
        auto const written = kayako::basic_authorization("user", password);
        ASSERT_EQ(bool(written), !ctl);
        if (ctl) { EXPECT_EQ(written.error(), kayako::failure(error::invalid_credentials, 1, "Authorization")); }
        std::string const header = "Basic " + kayako::encode_base64("user:" + password);
        kayako::test::exact_buffer const exact(header);
        auto const read_back = kayako::parse_basic_authorization(exact.view());
        ASSERT_EQ(bool(read_back), !ctl);
        if (ctl) {
            EXPECT_EQ(read_back.error(), kayako::failure(error::invalid_credentials, 6, "Authorization"));
            EXPECT_EQ(kayako::api_error_for(read_back.error()), kayako::api_error_code::authentication_failed);
            continue;
        }
        ++accepted;
        EXPECT_EQ(*read_back, (kayako::basic_credentials{"user", password}));
        EXPECT_EQ("Basic " + kayako::encode_base64("user:" + password), *written);
    }
    EXPECT_EQ(accepted, 256u - 33u);
    // The user may not hold a colon, at its offset; the same control bytes are refused in it.
    EXPECT_EQ(kayako::basic_authorization("ab:c", "p").error(), kayako::failure(error::invalid_credentials, 2, "Authorization"));
    EXPECT_EQ(kayako::basic_authorization("ab\x7F", "p").error(), kayako::failure(error::invalid_credentials, 2, "Authorization"));
    EXPECT_TRUE(kayako::basic_authorization("a b\x80", "p"));
}

// RFC 9110 §11.2: token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
TEST(Authorization, EveryByteOfTheToken68) {
    std::string_view const token68_marks = "-._~+/";
    std::size_t accepted = 0;
    for (int b = 0; b < 256; ++b) {
        SCOPED_TRACE(b);
        char const c = static_cast<char>(b);
        bool const expected = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                              token68_marks.find(c) != std::string_view::npos;
        std::string const value = "Bearer a"s + c + "a";
        kayako::test::exact_buffer const exact(value);
        auto const a = kayako::parse_authorization(exact.view());
        ASSERT_EQ(bool(a), expected);
        if (expected) {
            ++accepted;
            EXPECT_EQ(a->credentials, value.substr(7));
            EXPECT_EQ(a->credentials_offset, 7u);
        } else {
            // `=` is padding: it may end the token, so the `a` after it is the wrong byte.
            EXPECT_EQ(a.error(), kayako::failure(error::invalid_credentials, c == '=' ? 9 : 8, "Authorization"));
        }
    }
    EXPECT_EQ(accepted, 26u + 26u + 10u + 6u);
    // Padding only at the end, any number of `=`; OWS around the value and several spaces after
    // the scheme are read, a tab after the scheme is not.
    EXPECT_EQ(kayako::parse_authorization(" \tbearer   ab== \t")->credentials, "ab==");
    EXPECT_EQ(kayako::parse_authorization("Bearer   ab")->credentials_offset, 9u);
    EXPECT_EQ(kayako::parse_authorization("Bearer\tab").error(), kayako::failure(error::invalid_credentials, 6, "Authorization"));
    EXPECT_EQ(kayako::parse_authorization("Bearer =").error(), kayako::failure(error::invalid_credentials, 7, "Authorization"));
    EXPECT_EQ(kayako::parse_authorization("   ").error(), kayako::failure(error::invalid_credentials, 3, "Authorization"));
    EXPECT_EQ(kayako::parse_authorization("BasicX ab").error(), kayako::failure(error::invalid_credentials, 0, "Authorization"));
    EXPECT_EQ(kayako::parse_authorization(" Basi ab").error(), kayako::failure(error::invalid_credentials, 1, "Authorization"));
}

// Every parser of auth.hpp on views into larger buffers: the answer is the one of the exact view.
TEST(Authorization, ViewsIntoLargerBuffers) {
    for (std::string_view value : {"Basic dXNlcjpwYXNz", "Bearer tok==", "Bearer", "Basic ", "  ", "", "Bearer a",
                                   "Basic dXNlcjpwYXN", "Basic dXNlcjpwYXNz=", "bearer  a.b.c"}) {
        SCOPED_TRACE(value);
        kayako::test::exact_buffer const exact(value);
        auto const want = kayako::parse_authorization(exact.view());
        auto const want_basic = kayako::parse_basic_authorization(exact.view());
        for (std::string_view tail : kayako::test::over_read_tails) {
            kayako::test::with_tail const longer(value, tail);
            auto const got = kayako::parse_authorization(longer.view());
            ASSERT_EQ(bool(got), bool(want));
            if (got) { EXPECT_EQ(got->credentials, want->credentials); }
            else { EXPECT_EQ(got.error(), want.error()); }
            auto const basic = kayako::parse_basic_authorization(longer.view());
            ASSERT_EQ(bool(basic), bool(want_basic));
            if (basic) { EXPECT_EQ(*basic, *want_basic); }
            else { EXPECT_EQ(basic.error(), want_basic.error()); }
        }
    }
}

// auth_options::max_value_size: the value at the limit passes, one byte more is too_long at the
// limit, in a header, an argument, the Authorization header and the session cookie.
TEST(Credentials, MaxValueSizeOnBothSides) {
    kayako::auth_options options;
    options.session_cookie = "sid";
    for (std::size_t const limit : {std::size_t{4096}, std::size_t{3}}) {
        SCOPED_TRACE(limit);
        options.max_value_size = limit;
        std::string const at(limit, 'a'), past(limit + 1, 'a');
        headers_t const ok = {{"X-Token", at}, {"Cookie", "sid=" + at}};
        auto const fits = kayako::read_credentials(kayako::pair_headers(ok), {.otp = at}, options);
        ASSERT_TRUE(fits) << fits.error().message();
        EXPECT_EQ(fits->token, at);
        EXPECT_EQ(fits->session_id, at);
        headers_t const header = {{"X-Token", past}};
        EXPECT_EQ(kayako::read_credentials(kayako::pair_headers(header), {}, options).error(),
                  kayako::failure(error::too_long, limit, "X-Token"));
        EXPECT_EQ(kayako::read_credentials(kayako::pair_headers(headers_t{}), {.otp = past}, options).error(),
                  kayako::failure(error::too_long, limit, "_otp"));
        headers_t const cookie = {{"Cookie", "sid=" + past}};
        EXPECT_EQ(kayako::read_credentials(kayako::pair_headers(cookie), {}, options).error(),
                  kayako::failure(error::too_long, limit, "sid"));
    }
    options.max_value_size = 10;
    headers_t const bearer_at = {{"Authorization", "Bearer abc"}};  // 10 bytes
    EXPECT_TRUE(kayako::read_credentials(kayako::pair_headers(bearer_at), {}, options));
    headers_t const bearer_past = {{"Authorization", "Bearer abcd"}};
    EXPECT_EQ(kayako::read_credentials(kayako::pair_headers(bearer_past), {}, options).error(),
              kayako::failure(error::too_long, 10, "Authorization"));
    EXPECT_EQ(kayako::auth_options{}.max_value_size, 4096u);
}

TEST(Credentials, IdenticalLinesAndQuotedCookies) {  // §11.9, RFC 6265 §4.1.1
    headers_t const same = {{"Authorization", "Bearer tok"}, {"authorization", " Bearer tok\t"}};
    auto const c = read(same);
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(c->bearer, "tok");
    headers_t const csrf_same = {{"X-CSRF", "false"}, {"X-CSRF", "false"}};
    EXPECT_EQ(read(csrf_same)->csrf, false);
    // A quoted session cookie loses its quotes; an empty quoted one is empty.
    headers_t const quoted = {{"Cookie", "kayako_session=\"S1\""}};
    EXPECT_EQ(read(quoted)->session_id, "S1");
    headers_t const empty_quoted = {{"Cookie", "kayako_session=\"\""}};
    EXPECT_EQ(read(empty_quoted).error(), kayako::failure(error::empty_value, 0, "kayako_session"));
    // X-CSRF is a boolean (values.hpp: 1/0/true/false, any case); anything else is invalid_header.
    headers_t const csrf_zero = {{"X-CSRF", "0"}};
    EXPECT_EQ(read(csrf_zero).value().csrf, false);
    headers_t const csrf_bad = {{"X-CSRF", "no"}};
    auto const bad = read(csrf_bad);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), kayako::failure(error::invalid_header, 0, "X-CSRF"));
}

// §10: every method RFC 9110 §9.2.1 calls safe is exempt, every other one needs the token.
TEST(Csrf, SafeAndUnsafeMethods) {
    for (std::string_view safe : {"GET", "HEAD", "OPTIONS", "TRACE"}) {
        EXPECT_FALSE(kayako::is_unsafe_method(safe)) << safe;
        EXPECT_TRUE(kayako::check_csrf(safe, std::nullopt, "tok")) << safe;
    }
    for (std::string_view unsafe : {"POST", "PUT", "DELETE", "PATCH", "CONNECT", "options", "Get", ""}) {
        EXPECT_TRUE(kayako::is_unsafe_method(unsafe)) << unsafe;
        EXPECT_EQ(kayako::check_csrf(unsafe, std::nullopt, "tok").error(),
                  kayako::failure(error::csrf_failed, kayako::failure::no_offset, "X-CSRF-Token"));
        EXPECT_TRUE(kayako::check_csrf(unsafe, "tok", "tok"));
        EXPECT_FALSE(kayako::check_csrf(unsafe, "tok", "toK"));
    }
    EXPECT_EQ(kayako::api_error_for(error::csrf_failed), kayako::api_error_code::csrf_failed);
}

// Each failure of auth.hpp becomes its own wire code (api_error.hpp, §15).
TEST(Credentials, WireCodes) {
    using kayako::api_error_code;
    EXPECT_EQ(kayako::api_error_for(read({{"Authorization", "Digest x"}}).error()), api_error_code::authentication_failed);
    EXPECT_EQ(kayako::api_error_for(read({{"X-OTP", "1"}}, {.otp = "2"}).error()), api_error_code::parameters_inconsistent);
    EXPECT_EQ(kayako::api_error_for(read({{"X-OTP", ""}}).error()), api_error_code::field_invalid);
    EXPECT_EQ(kayako::api_error_for(read({}, {.timestamp = "x"}).error()), api_error_code::field_invalid);
    auto sink = [](std::string_view, std::string_view) {};
    auto const injection = kayako::write_auth_headers({.otp = "1\n"}, "GET", sink);
    EXPECT_EQ(injection.error(), kayako::failure(error::header_injection, 1, "X-OTP"));
    EXPECT_EQ(kayako::api_error_for(injection.error()), api_error_code::field_invalid);
}

// The client refuses a bearer token with a space or tab at any offset, the first one included.
TEST(ClientAuth, BearerWhitespaceAtEveryOffset) {
    auto sink = [](std::string_view, std::string_view) { ADD_FAILURE() << "nothing may be written"; };
    for (std::string_view bearer : {" ab", "\tab", "a b", "ab\t"}) {
        auto const w = kayako::write_auth_headers({.bearer = bearer}, "GET", sink);
        ASSERT_FALSE(w) << bearer;
        EXPECT_EQ(w.error(), kayako::failure(error::invalid_credentials, bearer.find_first_of(" \t"), "Authorization"));
    }
    std::vector<std::string> written;
    ASSERT_TRUE(kayako::write_auth_headers({.bearer = "a.b-c_~+/=="}, "GET",
                                           [&](std::string_view, std::string_view v) { written.emplace_back(v); }));
    EXPECT_EQ(written, std::vector<std::string>{"Bearer a.b-c_~+/=="});
}

// The 401 challenge (RFC 7617 §2, §2.1; RFC 9110 §11.6.1): the default realm is the library's
// default challenge, a realm is a quoted-string, and a control byte anywhere is refused there.
TEST(Challenge, BasicRealmQuotedAndChecked) {
    auto const kayako_realm = kayako::basic_challenge("Kayako");
    ASSERT_TRUE(kayako_realm);
    EXPECT_EQ(*kayako_realm, R"(Basic realm="Kayako", charset="UTF-8")");
    EXPECT_EQ(*kayako_realm, kayako::default_challenge);
    EXPECT_EQ(*kayako::basic_challenge(""), R"(Basic realm="", charset="UTF-8")");
    EXPECT_EQ(*kayako::basic_challenge(R"(a"b\c)"), R"(Basic realm="a\"b\\c", charset="UTF-8")");
    // HTAB, space, `~` and obs-text are qdtext; the bytes around the control range stay.
    EXPECT_EQ(*kayako::basic_challenge("a\tb ~\xC3\xA9"), "Basic realm=\"a\tb ~\xC3\xA9\", charset=\"UTF-8\"");
    for (char bad : {'\r', '\n', '\0', '\x1F', '\x7F', '\x08'})
        for (std::size_t at = 0; at < 3; ++at) {
            std::string realm = "abc";
            realm[at] = bad;
            auto const r = kayako::basic_challenge(realm);
            ASSERT_FALSE(r) << int(bad) << " at " << at;
            EXPECT_EQ(r.error(), kayako::failure(error::header_injection, at, "WWW-Authenticate"));
        }
}

}  // namespace
