// Tests of envelope_metadata_parser.hpp: the metadata-only reader agrees with the DOM reader on
// every example and every bad input, and keeps nothing of `data`.
#include <kayako/envelope_metadata_parser.hpp>

#include <kayako/envelope_parser.hpp>

#include "envelope_bad_inputs.hpp"
#include "envelope_vectors.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using namespace kayako;

std::string_view const all_vectors[] = {
    vectors::intro2,       vectors::resp1,      vectors::resp2,           vectors::resp3,
    vectors::notification_401, vectors::resp4,  vectors::single_delete,   vectors::bulk_update,
    vectors::session_created,  vectors::so1,    vectors::so3,             vectors::cursor_links,
    vectors::empty_collection, vectors::camel_page, vectors::cache2,      vectors::sec1,
    vectors::otp_step,     vectors::credential_expired_step, vectors::rl1, vectors::js1,
    vectors::three_errors, vectors::one_field_expected, vectors::timestamp_mismatch,
};

TEST(EnvelopeMetadataParse, AgreesWithTheDomReaderOnEveryExample) {
    for (auto body : all_vectors) {
        SCOPED_TRACE(body);
        auto const full = parse_envelope(body);
        auto const meta = parse_envelope_metadata(body);
        ASSERT_TRUE(full);
        ASSERT_TRUE(meta) << meta.error().message();
        EXPECT_EQ(static_cast<envelope_metadata const&>(*meta), static_cast<envelope_metadata const&>(*full));
        EXPECT_EQ(meta->has_data(), full->has_data());
        EXPECT_EQ(meta->has_resources(), full->has_resources());
    }
}

TEST(EnvelopeMetadataParse, AgreesWithTheDomReaderOnBadInput) {
    for (auto const& row : vectors::bad_envelopes()) {
        SCOPED_TRACE(row.name);
        auto const r = parse_envelope_metadata(row.body);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, row.code) << r.error().message();
        EXPECT_EQ(r.error().path, row.path);
        EXPECT_EQ(r.error().offset, row.offset);
        EXPECT_EQ(r.error().expected, row.expected);
    }
}

TEST(EnvelopeMetadataParse, OwnsItsStrings) {
    std::string body(vectors::otp_step);
    auto r = parse_envelope_metadata(body);
    ASSERT_TRUE(r);
    body.assign(body.size(), 'x');  // the body may go away
    parsed_envelope_metadata const m = std::move(*r);
    EXPECT_EQ(m.errors.at(0).code, "OTP_EXPECTED");
    EXPECT_EQ(m.notifications.at(0).message, "Two-factor authentication is enabled for your account");
    EXPECT_EQ(m.auth_token, "dPQBJfPG5cGYd6MMPtowGz93x3uSN7Vc7yBw3JrKL5owqfowKFda4mezGefo5QDmRnxyV2");
}

TEST(EnvelopeMetadataParse, EscapesAndStringsSplitByTheParser) {
    auto const m = parse_envelope_metadata(R"({"status":200,"session_id":"a\"b\u00e9\n","resource":"x\/y"})");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->session_id, "a\"b\xc3\xa9\n");
    EXPECT_EQ(m->resource, "x/y");
}

TEST(EnvelopeMetadataParse, SkipsDataOfAnyShape) {
    for (std::string_view body :
         {R"({"data":{"errors":[1],"status":"x"},"status":200})", R"({"status":200,"data":[[[{"a":[{}]}]]]})",
          R"({"status":200,"data":"text"})", R"({"status":200,"data":12.5,"resources":true})"}) {
        SCOPED_TRACE(body);
        auto const m = parse_envelope_metadata(body);
        ASSERT_TRUE(m) << m.error().message();
        EXPECT_EQ(m->status, 200);
        EXPECT_TRUE(m->errors.empty());
        EXPECT_TRUE(m->has_data());
    }
}

TEST(EnvelopeMetadataParse, EmptyBodyAndNulls) {
    auto const e = parse_envelope_metadata("");
    ASSERT_TRUE(e);
    EXPECT_FALSE(e->has_body());
    EXPECT_EQ(e->status, 304);
    auto const n = parse_envelope_metadata(R"({"status":200,"data":[1],"data":null,"next_url":"a","next_url":null})");
    ASSERT_TRUE(n);
    EXPECT_FALSE(n->has_data());  // the last value wins, and null is absent
    EXPECT_FALSE(n->next_url);
}

TEST(EnvelopeMetadataParse, DuplicatesInAnotherSpellingAreRefused) {
    auto const r = parse_envelope_metadata(R"({"status":200,"next_url":"a","nextUrl":"b"})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::duplicate);
    EXPECT_EQ(r.error().path, "nextUrl");
    auto const same = parse_envelope_metadata(R"({"status":200,"errors":[{"code":"A"}],"errors":[{"code":"B"}]})");
    ASSERT_TRUE(same);
    ASSERT_EQ(same->errors.size(), 1u);
    EXPECT_EQ(same->errors[0].code, "B");
}

// A value that is wrong counts only if no later duplicate of the same key replaces it: the DOM
// reader sees Boost.JSON's last value, and this reader must agree.
TEST(EnvelopeMetadataParse, ReplacedBadValuesDoNotCount) {
    for (std::string_view body : {
             R"({"status":"x","status":200})",
             R"({"status":null,"status":200})",
             R"({"status":200,"errors":5,"errors":[]})",
             R"({"status":200,"notifications":[{"type":"INFO"}],"notifications":[{"type":"INFO","message":"m"}]})",
             R"({"status":200,"errors":[{"code":1},[2]],"errors":null})",
             R"({"status":200,"timestamp":"never","timestamp":1441828693})",
         }) {
        SCOPED_TRACE(body);
        auto const full = parse_envelope(body);
        auto const meta = parse_envelope_metadata(body);
        ASSERT_TRUE(full) << full.error().message();
        ASSERT_TRUE(meta) << meta.error().message();
        EXPECT_EQ(static_cast<envelope_metadata const&>(*meta), static_cast<envelope_metadata const&>(*full));
    }
    auto const still_bad = parse_envelope_metadata(R"({"status":200,"errors":[],"errors":{"code":"A"}})");
    ASSERT_FALSE(still_bad);
    EXPECT_EQ(still_bad.error().path, "errors");
}

TEST(EnvelopeMetadataParse, SizeLimit) {
    std::string body = R"({"status":200,"data":")";
    body.append(100u * 1000 * 1000, 'a');
    body += "\"}";
    auto const r = parse_envelope_metadata(body);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_long);
}

}  // namespace
