// Request framing (framing.hpp; §21.23, RFC 9112 §3.2, §6.1, §6.3, §9.3): every rule at its
// boundary, the good rows with what they frame and the bad rows with the exact failure. Every
// input is also read from the end of an exact heap block and with every over-read tail after it,
// so a read past a header value fails under ASan or changes the answer.
#include <kayako/request/framing.hpp>

#include <kayako/core/api_error.hpp>

#include "support/views.hpp"
#include "support/no_offset.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako {
void PrintTo(request_framing const& f, std::ostream* os) {
    static constexpr char const* names[] = {"none", "content_length", "chunked"};
    *os << '{' << names[static_cast<int>(f.body)] << ' ' << f.content_length << (f.close_after ? " close}" : " keep}");
}
}  // namespace kayako

namespace {

using kayako::body_framing;
using kayako::error;
using kayako::failure;
using kayako::http_version;
using kayako::request_framing;
using fields = std::vector<std::pair<std::string, std::string>>;
using views = std::vector<std::pair<std::string_view, std::string_view>>;
using namespace std::string_literals;

constexpr auto v10 = http_version::http_1_0;
constexpr auto v11 = http_version::http_1_1;
using kayako::test::none;  // failure::no_offset

/// The check over `in`, every value held in its own `Buffer` (built from the value and `extra`).
template <class Buffer, class... Extra>
kayako::result<request_framing> check_in(fields const& in, http_version version, Extra const&... extra) {
    std::vector<Buffer> values;
    values.reserve(in.size());
    for (auto const& field : in) values.emplace_back(field.second, extra...);
    views headers;
    for (std::size_t i = 0; i < in.size(); ++i) headers.emplace_back(in[i].first, values[i].view());
    return kayako::check_request_framing(kayako::pair_headers(headers), version);
}

void expect_same(kayako::result<request_framing> const& a, kayako::result<request_framing> const& b) {
    ASSERT_EQ(bool(a), bool(b));
    if (a) EXPECT_EQ(*a, *b);
    else EXPECT_EQ(a.error(), b.error());
}

/// The exact-buffer answer, after checking that no over-read tail changes it.
kayako::result<request_framing> check(fields const& in, http_version version) {
    auto const exact = check_in<kayako::test::exact_buffer>(in, version);
    for (std::string_view tail : kayako::test::over_read_tails) {
        SCOPED_TRACE(::testing::Message() << "tail " << ::testing::PrintToString(std::string(tail)));
        expect_same(check_in<kayako::test::with_tail>(in, version, tail), exact);
    }
    return exact;
}

std::string describe(fields const& in, http_version version) {
    std::string out = version == v10 ? "HTTP/1.0" : "HTTP/1.1";
    for (auto const& [name, value] : in) out += " | " + name + ": " + ::testing::PrintToString(value);
    return out;
}

constexpr std::uint64_t max64 = 18446744073709551615ULL;

// ---- Acceptable heads ------------------------------------------------------------------------

struct good_row {
    fields headers;
    http_version version;
    request_framing expected;
};

class FramingAccepts : public ::testing::TestWithParam<good_row> {};

TEST_P(FramingAccepts, FramesTheBody) {
    auto const& row = GetParam();
    SCOPED_TRACE(describe(row.headers, row.version));
    auto const r = check(row.headers, row.version);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(*r, row.expected);
}

request_framing no_body(bool close = false) { return {body_framing::none, 0, close}; }
request_framing length(std::uint64_t n, bool close = false) { return {body_framing::content_length, n, close}; }
request_framing chunked(bool close = false) { return {body_framing::chunked, 0, close}; }

INSTANTIATE_TEST_SUITE_P(
    Rows, FramingAccepts,
    ::testing::Values(
        // Host (RFC 9112 §3.2): one line, any authority; empty is allowed; HTTP/1.0 may omit it.
        good_row{{{"Host", "example.com"}}, v11, no_body()},
        good_row{{{"host", "example.com:8080"}}, v11, no_body()},
        good_row{{{"HOST", "[::1]:80"}}, v11, no_body()},
        good_row{{{"Host", "a"}}, v11, no_body()},
        good_row{{{"Host", ""}}, v11, no_body()},
        good_row{{{"Host", " \t x.test \t"}}, v11, no_body()},  // OWS around is not inside
        good_row{{{"Host", "a!$&'()*+;=:~-._%41"}}, v11, no_body()},  // sub-delims but `,`, pct-encoded
        good_row{{}, v10, no_body(true)},
        good_row{{{"Host", "x"}}, v10, no_body(true)},
        // Connection (RFC 9112 §9.3).
        good_row{{{"Host", "x"}, {"Connection", "close"}}, v11, no_body(true)},
        good_row{{{"Host", "x"}, {"Connection", "Keep-Alive, CLOSE"}}, v11, no_body(true)},
        good_row{{{"Host", "x"}, {"Connection", "closed"}}, v11, no_body()},
        good_row{{{"Host", "x"}, {"Connection", "keep-alive"}}, v11, no_body()},
        good_row{{{"Connection", "keep-alive"}}, v10, no_body()},
        good_row{{{"Connection", "upgrade, Keep-Alive"}}, v10, no_body()},
        good_row{{{"Connection", "keep-alive"}, {"Connection", "close"}}, v10, no_body(true)},
        good_row{{{"Connection", "keep-alives"}}, v10, no_body(true)},
        // Transfer-Encoding: exactly `chunked`, any letter case, OWS around it.
        good_row{{{"Host", "x"}, {"Transfer-Encoding", "chunked"}}, v11, chunked()},
        good_row{{{"Host", "x"}, {"transfer-encoding", "Chunked"}}, v11, chunked()},
        good_row{{{"Host", "x"}, {"Transfer-Encoding", "CHUNKED"}}, v11, chunked()},
        good_row{{{"Host", "x"}, {"Transfer-Encoding", " \tchunked\t "}}, v11, chunked()},
        good_row{{{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Connection", "close"}}, v11, chunked(true)},
        // Content-Length: 1*DIGIT up to 2^64 - 1; one value repeated is that value (RFC 9110 §8.6).
        good_row{{{"Host", "x"}, {"Content-Length", "0"}}, v11, length(0)},
        good_row{{{"Host", "x"}, {"Content-Length", "5"}}, v11, length(5)},
        good_row{{{"Host", "x"}, {"content-length", "007"}}, v11, length(7)},
        good_row{{{"Host", "x"}, {"Content-Length", " 42 "}}, v11, length(42)},
        good_row{{{"Host", "x"}, {"Content-Length", "18446744073709551615"}}, v11, length(max64)},
        good_row{{{"Host", "x"}, {"Content-Length", "018446744073709551615"}}, v11, length(max64)},
        good_row{{{"Host", "x"}, {"Content-Length", "5, 5"}}, v11, length(5)},
        good_row{{{"Host", "x"}, {"Content-Length", "5,5,05"}}, v11, length(5)},
        good_row{{{"Host", "x"}, {"Content-Length", "5"}, {"Content-Length", "5"}}, v11, length(5)},
        good_row{{{"Content-Length", "3"}}, v10, length(3, true)}));

// ---- Refused heads ---------------------------------------------------------------------------

struct bad_framing_row {
    fields headers;
    http_version version;
    std::string_view parameter;
    std::size_t offset;
};

class FramingRefuses : public ::testing::TestWithParam<bad_framing_row> {};

TEST_P(FramingRefuses, NamesTheHeaderAndTheByte) {
    auto const& row = GetParam();
    SCOPED_TRACE(describe(row.headers, row.version));
    auto const r = check(row.headers, row.version);
    ASSERT_FALSE(r) << ::testing::PrintToString(*r);
    EXPECT_EQ(r.error(), failure(error::invalid_framing, row.offset, row.parameter));
    // On the wire: 400 PARAMETER_INVALID naming the header (§21.23).
    EXPECT_EQ(kayako::api_error_for(r.error()), kayako::api_error_code::parameter_invalid);
    EXPECT_EQ(kayako::http_status(kayako::api_error_for(r.error())), 400);
}

bad_framing_row te(std::string value, std::size_t offset) {
    return {{{"Host", "x"}, {"Transfer-Encoding", std::move(value)}}, v11, "Transfer-Encoding", offset};
}
bad_framing_row cl(std::string value, std::size_t offset) {
    return {{{"Host", "x"}, {"Content-Length", std::move(value)}}, v11, "Content-Length", offset};
}
bad_framing_row host(std::string value, std::size_t offset) { return {{{"Host", std::move(value)}}, v11, "Host", offset}; }

INSTANTIATE_TEST_SUITE_P(
    TransferEncoding, FramingRefuses,
    ::testing::Values(
        te("chunked, gzip", 9),  // a second coding, even after chunked
        te("gzip, chunked", 0),
        te("chunked, chunked", 9),
        te("xchunked", 0),
        te("chunkedx", 0),
        te("chunke", 0),
        te("ch unked", 0),
        te("gzip", 0),
        te("identity", 0),
        te("chunked;x=1", 0),  // parameters: not exactly `chunked`
        te("chunked ;x=1", 0),
        te("chunked,", 8),     // empty elements are refused, not skipped
        te(",chunked", 0),
        te("chunked, ,", 9),
        te("", 0),
        te(" \t ", 0),
        te("\"chunked\"", 0),
        te("chunked\v", 0),
        te("chunked\0"s, 0),
        // Several lines are one list (RFC 9110 §5.3): offsets run over the lines joined by ", ".
        bad_framing_row{{{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "gzip"}}, v11, "Transfer-Encoding", 9},
        bad_framing_row{{{"Host", "x"}, {"Transfer-Encoding", "gzip"}, {"Transfer-Encoding", "chunked"}}, v11, "Transfer-Encoding", 0},
        bad_framing_row{{{"Host", "x"}, {"Transfer-Encoding", " chunked "}, {"Transfer-Encoding", "chunked"}}, v11, "Transfer-Encoding", 9},
        bad_framing_row{{{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", ""}}, v11, "Transfer-Encoding", 9},
        // In HTTP/1.0, or with Content-Length (RFC 9112 §6.1): the field as a whole.
        bad_framing_row{{{"Transfer-Encoding", "chunked"}}, v10, "Transfer-Encoding", none},
        bad_framing_row{{{"Host", "x"}, {"Transfer-Encoding", "chunked"}}, v10, "Transfer-Encoding", none},
        bad_framing_row{{{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Content-Length", "5"}}, v11, "Transfer-Encoding", none},
        bad_framing_row{{{"Host", "x"}, {"Content-Length", "5"}, {"Transfer-Encoding", "chunked"}}, v11, "Transfer-Encoding", none},
        bad_framing_row{{{"Host", "x"}, {"Content-Length", "0"}, {"Transfer-Encoding", "gzip"}}, v11, "Transfer-Encoding", none},
        bad_framing_row{{{"Host", "x"}, {"Content-Length", "x"}, {"Transfer-Encoding", "chunked"}}, v11, "Transfer-Encoding", none},
        // Framing is checked before Host: the smuggling attempt is what gets named.
        bad_framing_row{{{"Transfer-Encoding", "chunked, gzip"}}, v11, "Transfer-Encoding", 9}));

INSTANTIATE_TEST_SUITE_P(
    ContentLength, FramingRefuses,
    ::testing::Values(
        cl("", 0), cl(" ", 0), cl("\t", 0),
        cl("+5", 0), cl("-1", 0), cl("0x5", 1), cl("5x", 1), cl("5.0", 1), cl("1e3", 1),
        cl("5 5", 1), cl("5;x", 1), cl("\"5\"", 0), cl("5\0"s, 1),
        cl("\xd9\xa1", 0),              // ARABIC-INDIC DIGIT ONE is not DIGIT
        cl("18446744073709551616", 0),  // 2^64: one past the largest value
        cl("99999999999999999999", 0),
        cl("184467440737095516150", 0),
        cl("5,", 2), cl(",5", 0), cl("5,,5", 2),
        cl("5, 6", 3), cl("5, 5, 6", 6), cl("6, 5", 3), cl("0, 00, 1", 7),
        cl("5, x", 3),
        bad_framing_row{{{"Host", "x"}, {"Content-Length", "5"}, {"Content-Length", "6"}}, v11, "Content-Length", 3},
        bad_framing_row{{{"Host", "x"}, {"Content-Length", " 5 "}, {"Content-Length", " 50"}}, v11, "Content-Length", 3},
        bad_framing_row{{{"Host", "x"}, {"Content-Length", "5"}, {"Content-Length", ""}}, v11, "Content-Length", 3},
        bad_framing_row{{{"Content-Length", "-0"}}, v10, "Content-Length", 0},
        bad_framing_row{{{"Content-Length", "x"}}, v11, "Content-Length", 0}));  // before Host

INSTANTIATE_TEST_SUITE_P(
    Host, FramingRefuses,
    ::testing::Values(
        bad_framing_row{{}, v11, "Host", none},
        bad_framing_row{{{"Content-Length", "5"}}, v11, "Host", none},
        bad_framing_row{{{"Hosts", "x"}, {"X-Host", "x"}}, v11, "Host", none},
        // A second line, where it starts in the joined lines; in HTTP/1.0 too.
        bad_framing_row{{{"Host", "a"}, {"Host", "a"}}, v11, "Host", 3},
        bad_framing_row{{{"Host", "a.test"}, {"host", "b.test"}}, v11, "Host", 8},
        bad_framing_row{{{"Host", ""}, {"Host", ""}}, v11, "Host", 2},
        bad_framing_row{{{"Host", "a"}, {"Host", "a"}}, v10, "Host", 3},
        bad_framing_row{{{"Host", "a"}, {"Host", "a"}, {"Host", "a"}}, v11, "Host", 3},
        host("a, b", 1), host("a,b", 1), host(",", 0),
        host("a b", 1), host("a\tb", 1), host("a\x7f", 1), host("a\x01", 1), host("a\0"s, 1),
        host("a\r", 1), host("a\nb", 1),
        host("a/b", 1), host("a?b", 1), host("a#b", 1), host("user@a", 4), host("a\\b", 1),
        host(" x .test", 1)));  // OWS around the value is trimmed; inside it is refused

}  // namespace

namespace {

// Any header source will do (headers.hpp): here a lambda over a Beast-like list, visited once per
// name. One that stops answering between two visits (a buggy adapter) is refused, not trusted.
TEST(FramingSource, ReadsAnyHeaderSource) {
    views const head{{"Host", "x"}, {"Content-Length", "12"}};
    auto const source = [&](std::string_view name, auto&& visit) {
        for (auto const& [n, v] : head)
            if (kayako::header_name_equal(n, name)) visit(v);
    };
    auto const r = kayako::check_request_framing(source, v11);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, length(12));
}

TEST(FramingSource, ASourceThatForgetsItsLinesIsRefused) {
    int content_length_visits = 0;
    auto const fickle = [&](std::string_view name, auto&& visit) {
        if (kayako::header_name_equal(name, "Host")) visit(std::string_view("x"));
        if (kayako::header_name_equal(name, "Content-Length") && content_length_visits++ == 0) visit(std::string_view("5"));
    };
    auto const r = kayako::check_request_framing(fickle, v11);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), failure(error::invalid_framing, none, "Content-Length"));
}

}  // namespace
