// Tests of jwt.hpp: JWT single sign-on tokens (§11.6; RFC 7515 compact JWS, RFC 7519 claims,
// RFC 4648 §5 base64url), both ways. The signature itself is the caller's (a verifier).
#include <kayako/request/jwt.hpp>

#include <kayako/core/api_error.hpp>

#include <gtest/gtest.h>

#include "support/no_offset.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

using kayako::error;
using kayako::failure;
using kayako::jws_algorithm;
using kayako::test::none;  // failure::no_offset

// A stand-in signature for tests: the algorithm's name and the input's length. Deterministic,
// different per input and algorithm: enough to tell a right signature from a wrong one.
std::string fake_sign(jws_algorithm a, std::string_view input) {
    return std::string(kayako::to_string(a)) + ":" + std::to_string(input.size());
}
bool fake_verify(jws_algorithm a, std::string_view input, std::string_view signature) {
    return signature == fake_sign(a, input);
}

std::string b64url(std::string_view s) { return kayako::encode_base64url(s); }

// A token from raw header and payload JSON, signed with fake_sign.
std::string token_of(std::string_view header, std::string_view payload, jws_algorithm a = jws_algorithm::hs256) {
    std::string t = b64url(header) + "." + b64url(payload);
    return t + "." + b64url(fake_sign(a, t));
}

// ---- base64url (RFC 4648 §5, RFC 7515 §2) ---------------------------------------------------

TEST(Base64url, Rfc4648TestVectorsWithoutPadding) {  // RFC 4648 §10, padding dropped (RFC 7515 §2)
    struct row {
        std::string_view bytes, text;
    } const rows[] = {{"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"},
                      {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
    for (auto const& r : rows) {
        EXPECT_EQ(b64url(r.bytes), r.text);
        std::string out(r.text.size(), '\0');
        auto n = kayako::decode_base64url(r.text, out.data());
        ASSERT_TRUE(n) << r.text;
        EXPECT_EQ(out.substr(0, *n), r.bytes);
    }
}

TEST(Base64url, EveryCharacterClass) {  // RFC 4648 §5 table: A-Z 0..25, a-z 26..51, 0-9 52..61, - 62, _ 63
    struct row {
        std::string_view text;
        unsigned char first_byte;  // the first six bits are the character's value
    } const rows[] = {{"AA", 0x00}, {"ZA", 25 << 2}, {"aA", 26 << 2}, {"zA", 51 << 2},
                      {"0A", 52 << 2}, {"9A", 61 << 2}, {"-A", 62 << 2}, {"_A", 63 << 2}};
    for (auto const& r : rows) {
        char out[2]{};
        auto n = kayako::decode_base64url(r.text, out);
        ASSERT_TRUE(n) << r.text;
        EXPECT_EQ(*n, 1u);
        EXPECT_EQ(static_cast<unsigned char>(out[0]), r.first_byte) << r.text;
    }
    // The standard alphabet's 62 and 63, padding and whitespace are not base64url.
    for (std::string_view bad : {"+A", "/A", "A=", " A", "A\n", "\x80" "A"}) {
        char out[2]{};
        auto n = kayako::decode_base64url(bad, out);
        ASSERT_FALSE(n) << bad;
        EXPECT_EQ(n.error().code, error::invalid_base64);
    }
}

TEST(Base64url, StrictLengthAndUnusedBits) {
    char out[8]{};
    auto one = kayako::decode_base64url("Zm9vY", out);  // 4n+1 characters never come from bytes
    ASSERT_FALSE(one);
    EXPECT_EQ(one.error(), failure(error::invalid_base64, 4));
    EXPECT_TRUE(kayako::decode_base64url("Zg", out));   // 'g' = 100000: the 4 unused bits are zero
    auto bits = kayako::decode_base64url("Zh", out);    // 'h' = 100001: one unused bit set
    ASSERT_FALSE(bits);
    EXPECT_EQ(bits.error(), failure(error::invalid_base64, 1));
    EXPECT_TRUE(kayako::decode_base64url("Zm8", out));  // '8' = 111100: the 2 unused bits are zero
    EXPECT_FALSE(kayako::decode_base64url("Zm9", out)); // '9' = 111101
}

// ---- parse_jwt: structure and header (RFC 7515 §7.1, §4.1) ------------------------------------

TEST(ParseJwt, Rfc7519Section31Example) {
    // RFC 7519 §3.1: its header has a CR LF inside and typ JWT; HS256.
    constexpr std::string_view token =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        ".dBjftJeZ4CK1Xq1f6HbbTpbHfEXBnPpTkRBfXc2CgbE";
    auto t = kayako::parse_jwt(token);
    ASSERT_TRUE(t) << t.error();
    EXPECT_EQ(t->algorithm, jws_algorithm::hs256);
    EXPECT_EQ(t->claims.exp, 1300819380);
    EXPECT_EQ(t->signing_input, token.substr(0, token.rfind('.')));
    EXPECT_EQ(t->signature.size(), 32u);  // an HMAC-SHA256
    EXPECT_EQ(t->claims.role, "customer");  // §11.6: the default
}

TEST(ParseJwt, TheThreeAlgorithmsOfSection116) {
    for (auto a : {jws_algorithm::hs256, jws_algorithm::hs384, jws_algorithm::hs512}) {
        std::string const header = R"({"alg":")" + std::string(kayako::to_string(a)) + R"("})";
        auto t = kayako::parse_jwt(token_of(header, R"({"email":"a@b.c"})", a));
        ASSERT_TRUE(t) << kayako::to_string(a);
        EXPECT_EQ(t->algorithm, a);
    }
}

TEST(ParseJwt, ClaimsOfSection116) {
    auto t = kayako::parse_jwt(token_of(R"({"alg":"HS256","typ":"JWT"})",
                                        R"({"iat":1700000000,"exp":1700000600.9,"nbf":1699999999,"jti":"abc",)"
                                        R"("email":"norton.low@eyecloud.com","name":"Norton Low","role":"agent",)"
                                        R"("external_id":42,"unknown":[1,2]})"));
    ASSERT_TRUE(t) << t.error();
    EXPECT_EQ(t->claims.iat, 1700000000);
    EXPECT_EQ(t->claims.exp, 1700000600);  // a NumericDate's fraction is dropped (RFC 7519 §2)
    EXPECT_EQ(t->claims.nbf, 1699999999);
    EXPECT_EQ(t->claims.jti, "abc");
    EXPECT_EQ(t->claims.email, "norton.low@eyecloud.com");
    EXPECT_EQ(t->claims.name, "Norton Low");
    EXPECT_EQ(t->claims.role, "agent");
    EXPECT_EQ(t->claims.external_id, "42");
}

// The bad-inputs table: every way a token is refused, with what and where.
struct bad_token {
    std::string token;
    failure expected;
};

std::vector<bad_token> bad_tokens() {
    std::string const good_payload = b64url(R"({"email":"a@b.c"})");
    std::string const hs256 = b64url(R"({"alg":"HS256"})");
    std::string const sig = b64url("signature");
    std::size_t const payload_at = hs256.size() + 1;
    std::size_t const sig_at = payload_at + good_payload.size() + 1;
    return {
        {"", failure(error::empty_value, 0)},
        {"abc", failure(error::invalid_jwt, 3)},
        {"a.b", failure(error::invalid_jwt, 3)},
        {hs256 + "." + good_payload + "." + sig + ".x", failure(error::invalid_jwt, sig_at + sig.size())},
        {"." + good_payload + "." + sig, failure(error::invalid_jwt, 0, "header")},
        {hs256 + ".." + sig, failure(error::invalid_jwt, payload_at, "payload")},
        {hs256 + "." + good_payload + ".", failure(error::invalid_jwt, sig_at, "signature")},
        // alg none (RFC 7519 §6 unsecured JWT) and every other algorithm: refused.
        {b64url(R"({"alg":"none"})") + "." + good_payload + ".", failure(error::unsupported_algorithm, 0, "alg")},
        {b64url(R"({"alg":"RS256"})") + "." + good_payload + "." + sig, failure(error::unsupported_algorithm, 0, "alg")},
        {b64url(R"({"alg":"hs256"})") + "." + good_payload + "." + sig, failure(error::unsupported_algorithm, 0, "alg")},
        {b64url(R"({"typ":"JWT"})") + "." + good_payload + "." + sig, failure(error::invalid_jwt, 0, "alg")},
        {b64url(R"({"alg":256})") + "." + good_payload + "." + sig, failure(error::invalid_jwt, 0, "alg")},
        {b64url(R"({"alg":"HS256","crit":["exp"]})") + "." + good_payload + "." + sig, failure(error::invalid_jwt, 0, "crit")},
        {b64url(R"({"alg":"HS256","typ":"JWE"})") + "." + good_payload + "." + sig, failure(error::invalid_jwt, 0, "typ")},
        // Not JSON objects.
        {b64url("[1]") + "." + good_payload + "." + sig, failure(error::invalid_jwt, 0, "header")},
        {hs256 + "." + b64url("not json") + "." + sig, failure(error::invalid_jwt, payload_at, "payload")},
        {hs256 + "." + b64url(R"("text")") + "." + sig, failure(error::invalid_jwt, payload_at, "payload")},
        // Base64url errors, at their offset in the token, naming the part.
        {"eyJ=." + good_payload + "." + sig, failure(error::invalid_base64, 3, "header")},
        {hs256 + "." + good_payload + ".ab+d", failure(error::invalid_base64, sig_at + 2, "signature")},
        {hs256 + ".e/" + good_payload + "." + sig, failure(error::invalid_base64, payload_at + 1, "payload")},
        // Claims of the wrong type or out of range.
        {hs256 + "." + b64url(R"({"exp":"tomorrow"})") + "." + sig, failure(error::wrong_type, none, "exp")},
        {hs256 + "." + b64url(R"({"iat":1e300})") + "." + sig, failure(error::timestamp_out_of_range, none, "iat")},
        {hs256 + "." + b64url(R"({"nbf":253402300800})") + "." + sig, failure(error::timestamp_out_of_range, none, "nbf")},
        {hs256 + "." + b64url(R"({"email":7})") + "." + sig, failure(error::wrong_type, none, "email")},
        {hs256 + "." + b64url(R"({"role":""})") + "." + sig, failure(error::empty_value, none, "role")},
        {hs256 + "." + b64url(R"({"jti":true})") + "." + sig, failure(error::wrong_type, none, "jti")},
        {hs256 + "." + b64url(R"({"name":["x"]})") + "." + sig, failure(error::wrong_type, none, "name")},
    };
}

TEST(ParseJwt, BadInputsTable) {
    for (auto const& row : bad_tokens()) {
        auto t = kayako::parse_jwt(row.token);
        ASSERT_FALSE(t) << row.token;
        EXPECT_EQ(t.error(), row.expected) << row.token << " gave " << t.error();
    }
}

TEST(ParseJwt, SizeLimitAtItsBoundary) {
    std::string const t = token_of(R"({"alg":"HS256"})", R"({"email":"a@b.c"})");
    EXPECT_TRUE(kayako::parse_jwt(t, {.max_size = t.size()}));
    auto over = kayako::parse_jwt(t, {.max_size = t.size() - 1});
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error(), failure(error::too_long, t.size() - 1));
}

TEST(LooksLikeJwt, ExactlyTwoDotsTellAJwtFromAnOpaqueToken) {  // §11.3 tokens are UUIDs; §11.6 JWTs have three parts
    EXPECT_TRUE(kayako::looks_like_jwt("a.b.c"));
    EXPECT_FALSE(kayako::looks_like_jwt("4b1442a6-38d1-ae34-9d55-adf5b41d6417"));
    EXPECT_FALSE(kayako::looks_like_jwt("a.b"));
    EXPECT_FALSE(kayako::looks_like_jwt("a.b.c.d"));
}

// ---- validate_jwt_claims: the clock (RFC 7519 §4.1.4-6, §11.6's replay window) ----------------

constexpr std::int64_t now = 1'700'000'000;

kayako::jwt_claims claims(std::optional<std::int64_t> iat = now) {
    kayako::jwt_claims c;
    c.iat = iat;
    c.jti = "id-1";
    c.email = "a@b.c";
    return c;
}

TEST(ValidateJwt, ExpiryIsExclusiveAtExp) {  // RFC 7519 §4.1.4: "MUST be before" exp
    kayako::jwt_validation v{.now = now, .leeway = 0};
    auto c = claims();
    c.exp = now;
    EXPECT_EQ(kayako::validate_jwt_claims(c, v).error(), failure(error::token_expired, none, "exp"));
    c.exp = now + 1;
    EXPECT_TRUE(kayako::validate_jwt_claims(c, v));
    c.exp = now - 1;  // one second past
    EXPECT_EQ(kayako::validate_jwt_claims(c, v).error().code, error::token_expired);
}

TEST(ValidateJwt, LeewayEdgesOfExp) {
    kayako::jwt_validation v{.now = now, .leeway = 60};
    auto c = claims();
    c.exp = now - 59;  // expired 59 s ago: within the leeway
    EXPECT_TRUE(kayako::validate_jwt_claims(c, v));
    c.exp = now - 60;  // exactly the leeway: expired
    EXPECT_EQ(kayako::validate_jwt_claims(c, v).error().code, error::token_expired);
}

TEST(ValidateJwt, NotBeforeIsInclusive) {  // RFC 7519 §4.1.5: "after or equal to" nbf
    kayako::jwt_validation v{.now = now, .leeway = 10};
    auto c = claims();
    c.nbf = now + 10;
    EXPECT_TRUE(kayako::validate_jwt_claims(c, v));
    c.nbf = now + 11;
    EXPECT_EQ(kayako::validate_jwt_claims(c, v).error(), failure(error::token_not_yet_valid, none, "nbf"));
}

TEST(ValidateJwt, IssuedInTheFutureBeyondTheLeeway) {  // RFC 7519 §4.1.6
    kayako::jwt_validation v{.now = now, .leeway = 10};
    EXPECT_TRUE(kayako::validate_jwt_claims(claims(now + 10), v));
    EXPECT_EQ(kayako::validate_jwt_claims(claims(now + 11), v).error(), failure(error::token_not_yet_valid, none, "iat"));
}

TEST(ValidateJwt, ReplayWindowOnIat) {  // §11.6: iat and jti exist to bound replays
    kayako::jwt_validation v{.now = now, .leeway = 5, .max_age = 300};
    EXPECT_TRUE(kayako::validate_jwt_claims(claims(now - 305), v));
    EXPECT_EQ(kayako::validate_jwt_claims(claims(now - 306), v).error(), failure(error::token_too_old, none, "iat"));
    v.max_age = 0;  // off
    EXPECT_TRUE(kayako::validate_jwt_claims(claims(now - 1'000'000), v));
}

TEST(ValidateJwt, RequiredClaims) {
    kayako::jwt_validation v{.now = now};
    EXPECT_EQ(kayako::validate_jwt_claims(claims(std::nullopt), v).error(), failure(error::missing_parameter, none, "iat"));
    auto c = claims();
    c.jti.clear();
    EXPECT_EQ(kayako::validate_jwt_claims(c, v).error(), failure(error::missing_parameter, none, "jti"));
    v.require_jti = false;
    EXPECT_TRUE(kayako::validate_jwt_claims(c, v));
    c.email.clear();
    EXPECT_EQ(kayako::validate_jwt_claims(c, v).error(), failure(error::missing_parameter, none, "email"));
    c = claims();
    v.require_exp = true;
    EXPECT_EQ(kayako::validate_jwt_claims(c, v).error(), failure(error::missing_parameter, none, "exp"));
}

TEST(ValidateJwt, ExtremeClockValuesDoNotOverflow) {
    auto c = claims(kayako::timestamp_max_seconds);
    c.exp = kayako::timestamp_min_seconds;
    kayako::jwt_validation v{.now = INT64_MAX, .leeway = INT64_MAX, .max_age = INT64_MAX};
    EXPECT_EQ(kayako::validate_jwt_claims(c, v).error().code, error::token_expired);
    v.now = INT64_MIN;
    c.exp.reset();
    EXPECT_EQ(kayako::validate_jwt_claims(c, v).error().code, error::token_not_yet_valid);
}

// ---- verify_jwt and write_jwt: the whole way, both directions --------------------------------

TEST(VerifyJwt, WrittenTokensVerifyAndReadBack) {
    auto c = claims();
    c.exp = now + 600;
    c.name = "Norton Low";
    c.role = "agent";
    c.external_id = "x-9";
    for (auto a : {jws_algorithm::hs256, jws_algorithm::hs384, jws_algorithm::hs512}) {
        std::string const token = kayako::write_jwt(a, c, fake_sign);
        auto t = kayako::verify_jwt(token, fake_verify, {.now = now});
        ASSERT_TRUE(t) << t.error();
        EXPECT_EQ(t->algorithm, a);
        EXPECT_EQ(t->claims, c);
    }
}

TEST(VerifyJwt, TheVerifierDecides) {
    std::string const token = kayako::write_jwt(jws_algorithm::hs256, claims(), fake_sign);
    auto refused = kayako::verify_jwt(token, [](jws_algorithm, std::string_view, std::string_view) { return false; },
                                      {.now = now});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), failure(error::signature_invalid, token.rfind('.') + 1, "signature"));
    EXPECT_EQ(kayako::api_error_for(refused.error()), kayako::api_error_code::authentication_failed);
    // A token signed for HS256 presented as HS512 (the header says which): the verifier sees HS512.
    std::string const other = kayako::write_jwt(jws_algorithm::hs512, claims(), [](jws_algorithm, std::string_view in) {
        return fake_sign(jws_algorithm::hs256, in);
    });
    EXPECT_EQ(kayako::verify_jwt(other, fake_verify, {.now = now}).error().code, error::signature_invalid);
}

TEST(VerifyJwt, ClaimsAreCheckedOnlyAfterTheSignature) {
    auto c = claims();
    c.exp = now - 3600;
    std::string const token = kayako::write_jwt(jws_algorithm::hs256, c, fake_sign);
    EXPECT_EQ(kayako::verify_jwt(token, fake_verify, {.now = now}).error().code, error::token_expired);
    auto bad_sig = kayako::verify_jwt(token, [](auto, auto, auto) { return false; }, {.now = now});
    EXPECT_EQ(bad_sig.error().code, error::signature_invalid);  // an attacker learns nothing of the claims
}

TEST(WriteJwt, DefaultRoleIsNotWritten) {  // §11.6: `customer` is the default
    std::string const token = kayako::write_jwt(jws_algorithm::hs256, claims(), fake_sign);
    auto t = kayako::parse_jwt(token);
    ASSERT_TRUE(t);
    std::string payload(token.size(), '\0');
    std::size_t const a = token.find('.') + 1, b = token.rfind('.');
    auto n = kayako::decode_base64url(std::string_view(token).substr(a, b - a), payload.data());
    ASSERT_TRUE(n);
    payload.resize(*n);
    EXPECT_EQ(payload.find("role"), std::string::npos) << payload;
    EXPECT_EQ(t->claims.role, "customer");
}

}  // namespace
