// Tests of content_disposition.hpp: Content-Disposition (RFC 6266, RFC 8187) as raw uploads
// (§8.2) and multipart parts (§8.3) send it.
#include <kayako/request/content_disposition.hpp>

#include "support/views.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kayako::error;

// Calls `check` with `text` at the very end of a heap block and followed by each tail that changes
// the answer if read (tests/support/views.hpp).
void for_each_view(std::string_view text, std::function<void(std::string_view)> const& check) {
    {
        kayako::test::exact_buffer const exact(text);
        check(exact.view());
    }
    for (std::string_view tail : kayako::test::over_read_tails) {
        SCOPED_TRACE(testing::PrintToString(std::string(tail)));
        kayako::test::with_tail const longer(text, tail);
        check(longer.view());
    }
}

TEST(ContentDisposition, ReadsUploadForms) {
    // TV-FU-2 (§8.2)
    auto d = kayako::parse_content_disposition(R"(attachment; name="avatar"; filename="coffee.png")");
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->is("ATTACHMENT"));
    ASSERT_TRUE(d->name && d->filename);
    EXPECT_EQ(d->name->value, "avatar");
    EXPECT_EQ(d->filename->value, "coffee.png");
    EXPECT_FALSE(d->filename_ext);

    auto e = kayako::parse_content_disposition("form-data; name=files[]; filename=\"a \\\"b\\\".png\"; x=1");
    EXPECT_FALSE(e);  // `[` is not a token character: such a name must be quoted
    auto f = kayako::parse_content_disposition("form-data; name=\"files[]\"; filename=\"a \\\"b\\\".png\"; x=1");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->filename->text(), "a \"b\".png");

    auto g = kayako::parse_content_disposition("attachment; filename*=UTF-8''caf%C3%A9.png; filename=cafe.png");
    ASSERT_TRUE(g);
    ASSERT_TRUE(g->filename_ext);
    auto decoded = kayako::decode_extended_value(g->filename_ext->value);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, "caf\xC3\xA9.png");
}

TEST(ContentDisposition, RefusesBadValues) {
    using namespace std::string_view_literals;
    struct row {
        std::string_view text;
        error code;
        std::size_t offset;
    } const rows[] = {
        {"", error::empty_value, 0},
        {"; name=a", error::unexpected_character, 0},
        {"attachment; filename=\"a", error::unexpected_end, 23},
        {"attachment; name=a; NAME=b", error::duplicate, 20},
        {"attachment; filename=a; filename=b", error::duplicate, 24},
        {"attachment; name=\"a\0\""sv, error::nul_byte, 19},
        {"attachment name=a", error::unexpected_character, 11},
        {"attachment; foo=1; FOO=2", error::duplicate, 19},  // any parameter, known or not (§21.21)
        {"attachment; filename*=''a; filename*=UTF-8''b", error::duplicate, 27},
        {"attachment; filename =", error::unexpected_end, 22},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::PrintToString(std::string(r.text)));
        auto d = kayako::parse_content_disposition(r.text);
        ASSERT_FALSE(d);
        EXPECT_EQ(d.error().code, r.code) << d.error().message();
        EXPECT_EQ(d.error().offset, r.offset);
        for_each_view(r.text, [&](std::string_view v) {
            auto again = kayako::parse_content_disposition(v);
            ASSERT_FALSE(again);
            EXPECT_EQ(again.error(), d.error());
        });
    }
}

TEST(ContentDisposition, ExtendedValueInvalidUtf8AtItsSequence) {  // RFC 8187 §3.2.1, §21.20
    struct row {
        std::string_view text;
        std::size_t offset;  // of the escape or byte that starts the bad sequence
    } const rows[] = {
        {"UTF-8''%FF", 7}, {"UTF-8'en'%FF", 9}, {"UTF-8''ab%C3", 9}, {"UTF-8''%C3%A9%E2%82", 13}, {"UTF-8''a%C0%AFb", 8},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.text);
        auto d = kayako::decode_extended_value(r.text);
        ASSERT_FALSE(d);
        EXPECT_EQ(d.error(), kayako::failure(error::invalid_utf8, r.offset));
    }
}

TEST(ContentDisposition, ExtendedValues) {  // RFC 8187
    struct row {
        std::string_view text;
        std::optional<std::string> decoded;
        error code = error::empty_value;
    } const rows[] = {
        {"UTF-8''%e2%82%ac%20rates", "\xE2\x82\xAC rates"},
        {"utf-8'en'a.png", "a.png"},
        {"ISO-8859-1''%A3", "\xC2\xA3"},
        {"UTF-16''a", std::nullopt, error::invalid_header},
        {"UTF-8''%FF", std::nullopt, error::invalid_utf8},
        {"UTF-8''%00", std::nullopt, error::nul_byte},
        {"UTF-8''%4", std::nullopt, error::invalid_percent_escape},
        {"UTF-8''a b", std::nullopt, error::unexpected_character},
        {"UTF-8'a.png", std::nullopt, error::unexpected_end},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.text);
        auto d = kayako::decode_extended_value(r.text);
        for_each_view(r.text, [&](std::string_view v) {
            auto again = kayako::decode_extended_value(v);
            ASSERT_EQ(static_cast<bool>(again), static_cast<bool>(d));
            if (d) {
                EXPECT_EQ(*again, *d);
            } else {
                EXPECT_EQ(again.error(), d.error());
            }
        });
        if (r.decoded) {
            ASSERT_TRUE(d) << d.error().message();
            EXPECT_EQ(*d, *r.decoded);
        } else {
            ASSERT_FALSE(d);
            EXPECT_EQ(d.error().code, r.code);
        }
    }
}

// §21.21, one rule a row: the file name a header gives (nullopt: none).
TEST(ContentDisposition, FileNamesAsBrowsersAndTc2231ReadThem) {
    struct row {
        std::string_view text;
        std::optional<std::string_view> filename;
        bool part_header = false;  // read as the header of a multipart part
    } const rows[] = {
        // optional whitespace around `=` and `;`, empty parameters ignored
        {"attachment; filename = \"a.txt\"", "a.txt"},
        {"attachment ;filename=a.txt;;", "a.txt"},
        {"attachment;\tfilename*\t=\tUTF-8''a.txt", "a.txt"},
        // a well-formed filename* wins, whatever the order, quoted too
        {"attachment; filename*=UTF-8''%C3%A4.txt; filename=a.txt", "\xC3\xA4.txt"},
        {"attachment; filename=a.txt; filename*=\"utf-8'de'%C3%A4.txt\"", "\xC3\xA4.txt"},
        {"attachment; filename*=ISO-8859-1''%E4.txt", "\xC3\xA4.txt"},
        // malformed filename*: ignored, `filename` used
        {"attachment; filename=a.txt; filename*=''b.txt", "a.txt"},             // no charset
        {"attachment; filename=a.txt; filename*=UTF-8'b.txt", "a.txt"},          // one quote
        {"attachment; filename=a.txt; filename*=UTF-8''b%.txt", "a.txt"},        // bad `%`
        {"attachment; filename=a.txt; filename*=UTF-8''b%4", "a.txt"},           // cut `%`
        {"attachment; filename=a.txt; filename*=KOI8-R''b.txt", "a.txt"},        // unknown charset
        {"attachment; filename=a.txt; filename*=UTF-8''%E4.txt", "a.txt"},       // mismatched charset
        {"attachment; filename=a.txt; filename *=UTF-8''b.txt", "a.txt"},        // whitespace in the name
        {"attachment; filename=a.txt; filename*=\"UTF-8''b c.txt\"", "a.txt"},   // whitespace in the value
        {"attachment; filename=a.txt; filename*=UTF-8''b%00.txt", "a.txt"},      // U+0000
        {"attachment; filename=a.txt; filename*=UTF-8''b%1F.txt", "a.txt"},      // U+001F
        {"attachment; filename=a.txt; filename*=UTF-8''b%7F.txt", "a.txt"},      // U+007F
        {"attachment; filename=a.txt; filename*=UTF-8''b%C2%80.txt", "a.txt"},   // U+0080
        {"attachment; filename=a.txt; filename*=UTF-8''b%C2%9F.txt", "a.txt"},   // U+009F
        {"attachment; filename=a.txt; filename*=ISO-8859-1''b%9F.txt", "a.txt"}, // U+009F
        {"attachment; filename*=UTF-8''b%C2%A0.txt", "b\xC2\xA0.txt"},           // U+00A0: not a control
        {"attachment; filename*=UTF-8''b%20.txt", "b .txt"},                     // U+0020: not a control
        {"attachment; filename*=UTF-8''%ZZ", std::nullopt},                      // nothing to fall back to
        // raw bytes: UTF-8 when valid, ISO-8859-1 otherwise
        {"attachment; filename=\"\xC3\xA4.txt\"", "\xC3\xA4.txt"},
        {"attachment; filename=\"\xE4.txt\"", "\xC3\xA4.txt"},
        {"attachment; filename=\"\xFF\xC3\xA4\"", "\xC3\xBF\xC3\x83\xC2\xA4"},
        // backslashes: HTTP header fields escape every character, part headers only `"` and `\`
        {R"(attachment; filename="C:\dev\a.txt")", "C:deva.txt"},
        {R"(form-data; filename="C:\dev\a.txt")", R"(C:\dev\a.txt)", true},
        {R"(form-data; filename="a\"b\\c\d")", R"(a"b\c\d)", true},
        {R"(form-data; filename="a\\")", R"(a\)", true},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::PrintToString(std::string(r.text)));
        kayako::content_disposition_options options;
        options.literal_backslashes = r.part_header;
        auto d = kayako::parse_content_disposition(r.text, options);
        ASSERT_TRUE(d) << d.error().message();
        EXPECT_EQ(d->has_filename(), r.filename.has_value());
        if (r.filename) {
            EXPECT_EQ(d->filename_text(), *r.filename);
        }
        std::string room(d->filename_size_bound(), '?');  // the allocation-free writer agrees
        EXPECT_EQ(std::string_view(room.data(), d->write_filename(room.data())), d->filename_text());
        for_each_view(r.text, [&](std::string_view v) {
            auto again = kayako::parse_content_disposition(v, options);
            ASSERT_TRUE(again) << again.error().message();
            EXPECT_EQ(again->has_filename(), r.filename.has_value());
            EXPECT_EQ(again->filename_text(), d->filename_text());
        });
    }
    auto ignored = kayako::parse_content_disposition("attachment; filename*=UTF-8''%FF");
    ASSERT_TRUE(ignored);
    EXPECT_TRUE(ignored->filename_ext_ignored);
    EXPECT_FALSE(ignored->filename_ext);
    auto q = kayako::parse_content_disposition("attachment; x=\"1\"; Y=2");
    ASSERT_TRUE(q);
    ASSERT_TRUE(q->parameter("y"));
    EXPECT_EQ(q->parameter("y")->value, "2");
    EXPECT_EQ(q->parameter("x")->value_offset, 5u);  // offsets of `parameters()` are into parameters_text
}

// ---------------------------------------------------------------------------------------------
// Every rule at its bounds (issue 12).
// ---------------------------------------------------------------------------------------------

// Every spelling of `word` in upper and lower case (2^letters of them).
std::vector<std::string> every_case(std::string_view word) {
    std::vector<std::string> out{std::string(word)};
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::isalpha(static_cast<unsigned char>(word[i])) == 0) continue;
        std::size_t const n = out.size();
        for (std::size_t k = 0; k < n; ++k) {
            std::string flipped = out[k];
            flipped[i] = static_cast<char>(std::islower(static_cast<unsigned char>(flipped[i])) ? std::toupper(flipped[i]) : std::tolower(flipped[i]));
            out.push_back(flipped);
        }
    }
    return out;
}

// RFC 6266 §4.1: parameter names are case-blind. Every spelling of `name`, `filename` and
// `filename*` is read as that parameter, and counts as the same name for `duplicate`.
TEST(ContentDisposition, ParameterNamesInEveryCase) {
    std::size_t spellings = 0;
    for (std::string const& n : every_case("name")) {
        std::string const text = "form-data; " + n + "=\"v\"";
        auto d = kayako::parse_content_disposition(text);
        ASSERT_TRUE(d) << n;
        ASSERT_TRUE(d->name) << n;
        EXPECT_EQ(d->name->value, "v");
        EXPECT_FALSE(d->has_filename());
        ++spellings;
    }
    for (std::string const& n : every_case("filename")) {
        std::string const text = "attachment; " + n + "=\"f.txt\"";
        auto d = kayako::parse_content_disposition(text);
        ASSERT_TRUE(d) << n;
        ASSERT_TRUE(d->filename) << n;
        EXPECT_FALSE(d->name);
        EXPECT_EQ(d->filename_text(), "f.txt");
        auto twice = kayako::parse_content_disposition("attachment; filename=a; " + n + "=b");
        ASSERT_FALSE(twice) << n;
        EXPECT_EQ(twice.error().code, error::duplicate);
        EXPECT_EQ(twice.error().offset, 24u);
        ++spellings;
    }
    for (std::string const& n : every_case("filename*")) {
        std::string const text = "attachment; filename=a.txt; " + n + "=UTF-8''b.txt";
        auto d = kayako::parse_content_disposition(text);
        ASSERT_TRUE(d) << n;
        ASSERT_TRUE(d->filename_ext) << n;
        EXPECT_EQ(d->filename_text(), "b.txt");
        ++spellings;
    }
    EXPECT_EQ(spellings, 16u + 256u + 256u);
    for (std::string const& t : every_case("form-data")) {  // the type too
        auto d = kayako::parse_content_disposition(t);
        ASSERT_TRUE(d);
        EXPECT_TRUE(d->is("form-data"));
        EXPECT_EQ(d->type, t);
    }
}

// RFC 8187 §3.2.1: the charset of an ext-value is case-blind; only UTF-8 and ISO-8859-1 are read.
TEST(ContentDisposition, ExtendedValueCharsetsInEveryCase) {
    for (std::string_view charset : {"utf-8", "iso-8859-1"}) {
        for (std::string const& c : every_case(charset)) {
            SCOPED_TRACE(c);
            std::string const text = "attachment; filename=a; filename*=" + c + "''%41";
            auto d = kayako::parse_content_disposition(text);
            ASSERT_TRUE(d);
            EXPECT_EQ(d->filename_text(), "A");
            auto decoded = kayako::decode_extended_value(c + "''%41");
            ASSERT_TRUE(decoded);
            EXPECT_EQ(*decoded, "A");
        }
    }
    for (std::string_view other : {"utf-7", "utf-88", "utf8", "iso-8859-15", "iso-8859-", "us-ascii"}) {
        SCOPED_TRACE(other);
        std::string const text = "attachment; filename=a; filename*=" + std::string(other) + "''b";
        auto d = kayako::parse_content_disposition(text);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->filename_text(), "a");
        EXPECT_TRUE(d->filename_ext_ignored);
        auto decoded = kayako::decode_extended_value(std::string(other) + "''b");
        ASSERT_FALSE(decoded);
        EXPECT_EQ(decoded.error().code, error::invalid_header);
    }
}

constexpr std::string_view rfc9110_tchars = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view rfc8187_attr_chars = "!#$&+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool is_tchar(int byte) { return rfc9110_tchars.find(static_cast<char>(byte)) != std::string_view::npos; }
bool is_attr_char(int byte) { return rfc8187_attr_chars.find(static_cast<char>(byte)) != std::string_view::npos; }
// RFC 9110 §5.6.4 qdtext (and obs-text)
bool is_qdtext(int byte) { return byte == '\t' || byte == ' ' || byte == 0x21 || (byte >= 0x23 && byte <= 0x5B) || (byte >= 0x5D && byte <= 0x7E) || byte >= 0x80; }

// RFC 8187 §3.2.1, every byte: an attr-char stands for itself in an ext-value; any other byte
// makes `decode_extended_value` fail at it and makes a `filename*` malformed (ignored, §21.21).
TEST(ContentDisposition, AttrCharsByteByByte) {
    std::size_t attr = 0;
    for (int byte = 0; byte < 256; ++byte) {
        SCOPED_TRACE(byte);
        char const c = static_cast<char>(byte);
        std::string const value = "UTF-8''x" + std::string(1, c);
        auto decoded = kayako::decode_extended_value(value);
        ASSERT_EQ(static_cast<bool>(decoded), is_attr_char(byte));
        if (decoded) {
            ++attr;
            EXPECT_EQ(*decoded, std::string("x") + c);
        } else {
            EXPECT_EQ(decoded.error().code, byte == 0     ? error::nul_byte
                                            : byte == '%' ? error::invalid_percent_escape
                                                          : error::unexpected_character);
            EXPECT_EQ(decoded.error().offset, 8u);
        }
        if (is_qdtext(byte)) {  // quoted, any byte a quoted-string carries
            std::string const text = "attachment; filename=fb; filename*=\"" + value + "\"";
            auto d = kayako::parse_content_disposition(text);
            ASSERT_TRUE(d) << d.error().message();
            EXPECT_EQ(d->filename_text(), is_attr_char(byte) ? std::string("x") + c : "fb");
            EXPECT_EQ(d->filename_ext_ignored, !is_attr_char(byte));
        }
    }
    EXPECT_EQ(attr, 74u);
}

// RFC 8187 / §21.21, every escaped byte %00..%FF in both charsets: decoded to UTF-8; a `filename*`
// is well-formed unless the byte is a control character (U+0000–U+001F, U+007F–U+009F) or, in
// UTF-8, not a character on its own.
TEST(ContentDisposition, EveryEscapedByteInBothCharsets) {
    for (int byte = 0; byte < 256; ++byte) {
        SCOPED_TRACE(byte);
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned>(byte));
        char lower_hex[4];
        std::snprintf(lower_hex, sizeof lower_hex, "%%%02x", static_cast<unsigned>(byte));
        std::string const latin1_utf8 = byte < 0x80 ? std::string(1, static_cast<char>(byte))
                                                     : std::string{static_cast<char>(0xC0 | (byte >> 6)), static_cast<char>(0x80 | (byte & 0x3F))};
        bool const control = byte < 0x20 || (byte >= 0x7F && byte <= 0x9F);
        for (std::string_view h : {std::string_view(hex), std::string_view(lower_hex)}) {
            auto utf8 = kayako::decode_extended_value("UTF-8''" + std::string(h));
            ASSERT_EQ(static_cast<bool>(utf8), byte != 0 && byte < 0x80);
            if (utf8) {
                EXPECT_EQ(*utf8, std::string(1, static_cast<char>(byte)));
            } else {
                EXPECT_EQ(utf8.error().code, byte == 0 ? error::nul_byte : error::invalid_utf8);
            }
            auto latin1 = kayako::decode_extended_value("ISO-8859-1''" + std::string(h));
            ASSERT_EQ(static_cast<bool>(latin1), byte != 0);
            if (latin1) {
                EXPECT_EQ(*latin1, latin1_utf8);
            }
            std::string const text = "attachment; filename=fb; filename*=UTF-8''" + std::string(h);
            auto d = kayako::parse_content_disposition(text);
            ASSERT_TRUE(d);
            EXPECT_EQ(d->filename_text(), !control && byte < 0x80 ? std::string(1, static_cast<char>(byte)) : "fb");
            std::string const latin1_text = "attachment; filename=fb; filename*=ISO-8859-1''" + std::string(h);
            auto l = kayako::parse_content_disposition(latin1_text);
            ASSERT_TRUE(l);
            EXPECT_EQ(l->filename_text(), control ? "fb" : latin1_utf8);
        }
    }
}

bool utf8_reference(std::string_view s) {  // RFC 3629 by its table: shortest form, no surrogates, ≤ U+10FFFF
    std::size_t i = 0;
    while (i < s.size()) {
        auto const b0 = static_cast<unsigned char>(s[i]);
        std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        std::uint32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
        for (std::size_t k = 1; k < len; ++k) {
            auto const b = static_cast<unsigned char>(s[i + k]);
            if ((b >> 6) != 2) return false;
            cp = (cp << 6) | (b & 0x3F);
        }
        std::size_t const shortest = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (shortest != len || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
        i += len;
    }
    return true;
}

// §21.21, one table for three readers of escaped UTF-8: `decode_extended_value`, a `filename*`
// (well-formed unless invalid or a C1 control, U+0080–U+009F) and a raw quoted `filename` (UTF-8
// when valid, else ISO-8859-1). Every two-byte sequence from a high lead, and every second byte
// after each three- and four-byte lead, and every third and fourth byte.
TEST(ContentDisposition, EscapedUtf8SequencesByteByByte) {
    std::vector<std::string> cases;
    for (int a = 0x80; a < 0x100; ++a)
        for (int b = 0; b < 0x100; ++b) cases.push_back({static_cast<char>(a), static_cast<char>(b)});
    for (int a = 0xE0; a < 0x100; ++a)
        for (int b = 0; b < 0x100; ++b) {
            cases.push_back({static_cast<char>(a), static_cast<char>(b), '\x80'});
            cases.push_back({static_cast<char>(a), static_cast<char>(b), '\xBF', '\xBF'});
        }
    for (int b = 0; b < 0x100; ++b) {  // every third and fourth byte
        cases.push_back({'\xE1', '\x80', static_cast<char>(b)});
        cases.push_back({'\xF1', '\x80', static_cast<char>(b), '\x80'});
        cases.push_back({'\xF1', '\x80', '\x80', static_cast<char>(b)});
    }
    std::size_t valid = 0;
    for (std::string const& bytes : cases) {
        std::string escaped;
        for (char c : bytes) {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
            escaped += hex;
        }
        SCOPED_TRACE(escaped);
        bool const utf8 = utf8_reference(bytes);
        bool const has_nul = bytes.find('\0') != std::string::npos;
        valid += utf8;
        auto decoded = kayako::decode_extended_value("UTF-8''" + escaped);
        ASSERT_EQ(static_cast<bool>(decoded), utf8 && !has_nul);
        if (decoded) {
            EXPECT_EQ(*decoded, bytes);
        }
        bool control = false;  // a C0, DEL or C1 character
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            auto const u = static_cast<unsigned char>(bytes[i]);
            control = control || u < 0x20 || u == 0x7F || (u == 0xC2 && i + 1 < bytes.size() && static_cast<unsigned char>(bytes[i + 1]) <= 0x9F);
        }
        std::string const text = "attachment; filename=fb; filename*=UTF-8''" + escaped;
        auto d = kayako::parse_content_disposition(text);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->filename_text(), utf8 && !control ? bytes : "fb");
    }
    EXPECT_EQ(valid, 30u * 64 + (32u + 32 + 14 * 64) + (48u + 3 * 64 + 16) + 3 * 64);
}

// RFC 9110 §5.6.2, every byte: the type, a parameter name and a token value are tokens.
TEST(ContentDisposition, TokensByteByByte) {
    std::size_t tchars = 0;
    for (int byte = 0; byte < 256; ++byte) {
        SCOPED_TRACE(byte);
        std::string const c(1, static_cast<char>(byte));
        bool const tchar = is_tchar(byte);
        tchars += tchar;
        for (std::string const& text : {"a" + c + "b; name=x", "attachment; a" + c + "b=1", "attachment; name=x" + c + "y"}) {
            SCOPED_TRACE(text);
            auto d = kayako::parse_content_disposition(text);
            ASSERT_EQ(static_cast<bool>(d), tchar);
            if (!d) {
                EXPECT_EQ(d.error().code == error::nul_byte, byte == 0);
            }
        }
    }
    EXPECT_EQ(tchars, 77u);
}

// RFC 9110 §5.6.4, every byte inside a quoted value and after a backslash, in header fields and
// in multipart part headers (where a backslash is literal unless before `"` or `\`, §21.21).
TEST(ContentDisposition, QuotedStringsByteByByte) {
    for (int byte = 0; byte < 256; ++byte) {
        SCOPED_TRACE(byte);
        char const c = static_cast<char>(byte);
        for (bool part_header : {false, true}) {
            kayako::content_disposition_options o;
            o.literal_backslashes = part_header;
            // as qdtext
            std::string const plain_text = "attachment; filename=\"a" + std::string(1, c) + "b\"";
            auto plain = kayako::parse_content_disposition(plain_text, o);
            bool const ok = is_qdtext(byte) || c == '\\';
            ASSERT_EQ(static_cast<bool>(plain), ok);
            if (plain) {
                EXPECT_EQ(plain->filename->text(), c == '\\' && !part_header ? "ab" : "a" + std::string(1, c) + "b");
            } else {
                EXPECT_EQ(plain.error().code, byte == 0 ? error::nul_byte : error::unexpected_character);
                EXPECT_EQ(plain.error().offset, c == '"' ? 24u : 23u);
            }
            // after a backslash
            std::string const pair_text = "attachment; filename=\"a\\" + std::string(1, c) + "b\"";
            auto pair = kayako::parse_content_disposition(pair_text, o);
            bool const escapes = part_header ? (c == '"' || c == '\\') : (byte == '\t' || (byte >= 0x20 && byte <= 0x7E) || byte >= 0x80);
            bool const literal = part_header && !escapes && is_qdtext(byte);
            ASSERT_EQ(static_cast<bool>(pair), escapes || literal);
            if (escapes) {
                EXPECT_EQ(pair->filename->text(), "a" + std::string(1, c) + "b");
            } else if (literal) {
                EXPECT_EQ(pair->filename->text(), "a\\" + std::string(1, c) + "b");
            } else {
                EXPECT_EQ(pair.error().code, byte == 0 ? error::nul_byte : error::unexpected_character);
                EXPECT_EQ(pair.error().offset, 24u);
            }
        }
    }
}

// Limits: the value's size and its parameter count, at the limit and one past, default and set.
TEST(ContentDisposition, LimitsAtTheirBounds) {
    kayako::content_disposition_options const defaults;
    EXPECT_EQ(defaults.max_size, 2048u);
    EXPECT_EQ(defaults.max_parameters, 16u);
    EXPECT_FALSE(defaults.literal_backslashes);
    for (std::size_t max : {2048u, 40u}) {
        SCOPED_TRACE(max);
        kayako::content_disposition_options o;
        o.max_size = max;
        std::string const at = "attachment; filename=" + std::string(max - 21, 'a');
        ASSERT_EQ(at.size(), max);
        EXPECT_TRUE(kayako::parse_content_disposition(at, o));
        auto past = kayako::parse_content_disposition(at + "a", o);
        ASSERT_FALSE(past);
        EXPECT_EQ(past.error().code, error::too_long);
        EXPECT_EQ(past.error().offset, max);
    }
    for (std::size_t max : {16u, 0u, 1u}) {
        SCOPED_TRACE(max);
        kayako::content_disposition_options o;
        o.max_parameters = max;
        std::string text = "attachment";
        for (std::size_t i = 0; i < max; ++i) text += "; p" + std::to_string(i) + "=1";
        EXPECT_TRUE(kayako::parse_content_disposition(text, o));
        std::string const past = text + "; q=1";
        auto refused = kayako::parse_content_disposition(past, o);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, error::too_many);
        EXPECT_EQ(refused.error().offset, past.size() - 3);
    }
}

}  // namespace
