// Tests of envelope_metadata_parser.hpp: the metadata-only reader agrees with the DOM reader on
// every example and every bad input, and keeps nothing of `data`.
#include <kayako/envelope/envelope_metadata_parser.hpp>

#include <kayako/envelope/envelope_parser.hpp>

#include "envelope_bad_inputs.hpp"
#include "envelope_vectors.hpp"
#include "support/views.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

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

// Boost.JSON hands a long escaped key over in parts (its unescaping buffer holds 4,096 bytes): the
// reader must join every part, so a long unknown name whose last part is `status` stays unknown
// (§4.3: unknown members are ignored), for every split point around the buffer's size.
TEST(EnvelopeMetadataParse, KeysSplitByTheParserAreJoined) {
    for (std::size_t prefix = 4070; prefix <= 4110; ++prefix) {
        SCOPED_TRACE(prefix);
        std::string const key = "\\u0078" + std::string(prefix, 'x') + "status";
        std::string const body = R"({"status":201,")" + key + R"(":"not a status"})";
        auto const meta = parse_envelope_metadata(body);
        auto const full = parse_envelope(body);
        ASSERT_TRUE(meta) << meta.error().message();
        ASSERT_TRUE(full) << full.error().message();
        EXPECT_EQ(meta->status, 201);
        EXPECT_EQ(full->status, 201);
    }
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

// ---- one set of tables for both readers, through views into larger buffers -----------------

// The body as printable text for a trace (control and non-ASCII bytes as \xNN).
std::string printable(std::string_view body) {
    std::string out;
    for (char c : body.substr(0, 200)) {
        auto const b = static_cast<unsigned char>(c);
        if (b >= 0x20 && b < 0x7f) {
            out += c;
        } else {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02X", b);
            out += hex;
        }
    }
    return out;
}

// Each way a parser meets a body: at the very end of its own heap block (ASan sees a read past
// it), and followed by each tail that changes the answer if it is read.
void for_each_view(std::string_view body, std::function<void(std::string_view, std::string_view)> const& check) {
    kayako::test::exact_buffer const exact(body);
    check(exact.view(), "exact buffer");
    for (std::string_view tail : kayako::test::over_read_tails) {
        kayako::test::with_tail const tailed(body, tail);
        check(tailed.view(), "with tail " + printable(tail));
    }
}

void expect_error(envelope_parse_error const& e, vectors::bad_row const& row) {
    EXPECT_EQ(e.code, row.code) << e.message();
    EXPECT_EQ(e.path, row.path);
    EXPECT_EQ(e.offset, row.offset);
    EXPECT_EQ(e.expected, row.expected);
}

// Every bad envelope: `parse_envelope` and the metadata reader report the same error, path,
// offset and expectation, from an exact buffer and from views followed by every tail.
TEST(EnvelopeReaders, BothRefuseEveryBadEnvelopeAlikeThroughViews) {
    auto const rows = vectors::bad_envelopes();
    EXPECT_GE(rows.size(), 400u);  // the generated member, byte-class and bound rows are all there
    std::size_t checked = 0;
    for (auto const& row : rows) {
        SCOPED_TRACE(std::string(row.name) + ": " + printable(row.body));
        for_each_view(row.body, [&](std::string_view body, std::string_view how) {
            SCOPED_TRACE(how);
            auto const full = parse_envelope(body);
            auto const meta = parse_envelope_metadata(body);
            ASSERT_FALSE(full);
            ASSERT_FALSE(meta);
            expect_error(full.error(), row);
            expect_error(meta.error(), row);
            ++checked;
        });
    }
    EXPECT_EQ(checked, rows.size() * (1 + std::size(kayako::test::over_read_tails)));
}

// Every good envelope at a bound, and every example of the specification: both readers accept it
// with the same metadata, whatever follows the view.
TEST(EnvelopeReaders, BothAcceptEveryGoodEnvelopeAlikeThroughViews) {
    auto rows = vectors::good_envelopes();
    for (auto body : all_vectors) rows.push_back({"spec example", std::string(body), 0});
    std::size_t checked = 0;
    for (auto const& row : rows) {
        SCOPED_TRACE(std::string(row.name) + ": " + printable(row.body));
        auto const reference = parse_envelope(row.body);
        ASSERT_TRUE(reference) << reference.error().message();
        if (row.status != 0) {
            EXPECT_EQ(reference->status, row.status);
        }
        EXPECT_EQ(reference->has_body(), row.has_body);
        for_each_view(row.body, [&](std::string_view body, std::string_view how) {
            SCOPED_TRACE(how);
            auto const full = parse_envelope(body);
            auto const meta = parse_envelope_metadata(body);
            ASSERT_TRUE(full) << full.error().message();
            ASSERT_TRUE(meta) << meta.error().message();
            EXPECT_EQ(static_cast<envelope_metadata const&>(*full), static_cast<envelope_metadata const&>(*reference));
            EXPECT_EQ(static_cast<envelope_metadata const&>(*meta), static_cast<envelope_metadata const&>(*reference));
            EXPECT_EQ(full->has_body(), row.has_body);
            EXPECT_EQ(meta->has_body(), row.has_body);
            EXPECT_EQ(meta->has_data(), full->has_data());
            EXPECT_EQ(meta->has_resources(), full->has_resources());
            ++checked;
        });
    }
    EXPECT_EQ(checked, rows.size() * (1 + std::size(kayako::test::over_read_tails)));
}

// The issue's case: `" \n"` viewed as its first byte is a body of one space, a 304's, not a
// space followed by a newline read from beyond the view.
TEST(EnvelopeReaders, AViewEndsWhereItEnds) {
    std::string const buffer = " \n";
    std::string_view const one_byte(buffer.data(), 1);
    envelope_parse_options told_200;
    told_200.http_status = 200;
    for (auto const& e : {parse_envelope(one_byte, told_200).error(), parse_envelope_metadata(one_byte, told_200).error()}) {
        EXPECT_EQ(e.code, error::empty_value);
        EXPECT_EQ(e.offset, 1u);  // the view's length, not the buffer's
    }
    std::string const body = R"({"status":200})";
    std::string const longer = body + R"(,"status":500})";
    EXPECT_EQ(parse_envelope(std::string_view(longer).substr(0, body.size()))->status, 200);
    EXPECT_EQ(parse_envelope_metadata(std::string_view(longer).substr(0, body.size()))->status, 200);
}

// Runs both readers with `opt`: both must succeed, or both fail alike; gives the DOM reader's.
envelope_result<parsed_envelope> parse_both(std::string_view body, envelope_parse_options const& opt) {
    auto full = parse_envelope(body, opt);
    auto const meta = parse_envelope_metadata(body, opt);
    EXPECT_EQ(bool(full), bool(meta));
    if (!full && !meta) {
        EXPECT_EQ(full.error(), meta.error());
    }
    if (full && meta) {
        EXPECT_EQ(static_cast<envelope_metadata const&>(*meta), static_cast<envelope_metadata const&>(*full));
    }
    return full;
}

// §21.14: `max_size` is the longest body read: a body of exactly that many bytes is read, one
// more is `too_long` at offset `max_size`, before any parsing (even of invalid JSON).
TEST(EnvelopeReaders, MaxSizeAtTheBoundAndPast) {
    std::string const body = R"({"status":200,"data":"abc"})";
    for (std::size_t extra : {0u, 1u, 2u}) {
        envelope_parse_options opt;
        opt.max_size = body.size() + extra - 1;  // extra 0: one byte too long
        SCOPED_TRACE(opt.max_size);
        auto const r = parse_both(body, opt);
        if (extra == 0) {
            ASSERT_FALSE(r);
            EXPECT_EQ(r.error().code, error::too_long);
            EXPECT_EQ(r.error().offset, opt.max_size);
        } else {
            ASSERT_TRUE(r) << r.error().message();
            EXPECT_EQ(r->status, 200);
        }
    }
    envelope_parse_options zero;
    zero.max_size = 0;
    EXPECT_TRUE(parse_both("", zero));  // an empty body is within any limit
    auto const one = parse_both(" ", zero);
    ASSERT_FALSE(one);
    EXPECT_EQ(one.error().code, error::too_long);
    EXPECT_EQ(one.error().offset, 0u);
    auto const bad_json = parse_both("{{{{", zero);
    ASSERT_FALSE(bad_json);
    EXPECT_EQ(bad_json.error().code, error::too_long);
}

// §21.14: `max_depth` counts the top-level object as one level: `data` nested so that the
// deepest array is level `max_depth` is read; one level more is `too_deep` at the offset of the
// opening bracket past the limit. Both at the default (64) and at a configured limit.
TEST(EnvelopeReaders, MaxDepthAtTheBoundAndPast) {
    auto nested_data = [](std::size_t levels) {  // `levels` levels in all, the object included
        return R"({"status":200,"data":)" + std::string(levels - 1, '[') + std::string(levels - 1, ']') + "}";
    };
    std::size_t const prefix = std::string_view(R"({"status":200,"data":)").size();
    for (std::size_t limit : {std::size_t{64}, std::size_t{1}, std::size_t{2}, std::size_t{10}}) {
        SCOPED_TRACE(limit);
        envelope_parse_options opt;
        opt.max_depth = limit;
        if (limit > 1) {
            EXPECT_TRUE(parse_both(nested_data(limit), opt));
        }
        auto const r = parse_both(nested_data(limit + 1), opt);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, error::too_deep);
        EXPECT_EQ(r.error().offset, prefix + limit - 1);  // the first `[` past the limit
    }
    EXPECT_TRUE(parse_both(nested_data(64), {}));  // the default
    EXPECT_EQ(parse_both(nested_data(65), {}).error().code, error::too_deep);
    // Depth counts in `errors` too: an entry's `parameters` is level 4.
    envelope_parse_options three;
    three.max_depth = 3;
    std::string const parameters = R"({"status":400,"errors":[{"code":"A","parameters":["x"]}]})";
    auto const r = parse_both(parameters, three);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::too_deep);
    EXPECT_EQ(r.error().offset, parameters.find("[\"x"));
    three.max_depth = 4;
    EXPECT_TRUE(parse_both(parameters, three));
}

// §4.1: an empty body is a 304's. When the caller says the HTTP status, only 0 (unknown) and 304
// accept it; every other status (the neighbours of 304 included) is `empty_value` at the end of
// the body, also for a body of whitespace only.
TEST(EnvelopeReaders, EmptyBodyOnlyForA304) {
    for (int status : {0, 304}) {
        for (std::string_view body : {"", " ", "\r\n"}) {
            envelope_parse_options opt;
            opt.http_status = status;
            auto const r = parse_both(body, opt);
            ASSERT_TRUE(r);
            EXPECT_FALSE(r->has_body());
            EXPECT_EQ(r->status, 304);
        }
    }
    for (int status : {-1, 1, 100, 200, 204, 303, 305, 500}) {
        for (std::string_view body : {"", " ", "\r\n"}) {
            SCOPED_TRACE(status);
            envelope_parse_options opt;
            opt.http_status = status;
            auto const r = parse_both(body, opt);
            ASSERT_FALSE(r);
            EXPECT_EQ(r.error().code, error::empty_value);
            EXPECT_EQ(r.error().offset, body.size());
        }
        envelope_parse_options opt;
        opt.http_status = status;
        EXPECT_TRUE(parse_both(R"({"status":200})", opt));  // a body is read whatever HTTP said
    }
}

// §13: `allow_jsonp` off reads a JSONP body as JSON (invalid at its first byte) in both readers.
TEST(EnvelopeReaders, JsonpOnlyWhenAllowed) {
    envelope_parse_options no_jsonp;
    no_jsonp.allow_jsonp = false;
    for (std::string_view body : {R"(cb({"status":200});)", R"( cb({"status":200}))", R"($({"status":200}))"}) {
        SCOPED_TRACE(body);
        EXPECT_EQ(parse_both(body, {})->status, 200);
        auto const r = parse_both(body, no_jsonp);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, error::invalid_json);
        EXPECT_EQ(r.error().offset, body.find_first_not_of(' '));
    }
    EXPECT_EQ(parse_both(R"( {"status":200})", no_jsonp)->status, 200);
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
