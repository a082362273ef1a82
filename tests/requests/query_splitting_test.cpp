// The fast paths under a query (§17, §21.14): the 64-byte-window splitter, the fused split and
// decode of `query_arguments::assign`, the eight-byte id reader, the keyed argument names and the
// path byte classes. Each is held to the plain code it replaced, at the boundaries of its blocks:
// a special byte at offsets 0, 15, 16, 17, 31, 32, 63, 64, 65 and at the last byte, an escape
// split across a 16-byte block, a byte >= 0x80 at a block boundary.
#include <kayako/request/api_path.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/query_arguments.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct piece_list {
    std::vector<kayako::detail::form_piece> pieces;
    bool operator==(piece_list const& o) const {
        if (pieces.size() != o.pieces.size()) return false;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            auto const& a = pieces[i];
            auto const& b = o.pieces[i];
            if (a.end != b.end || a.equals != b.equals || a.name_special != b.name_special || a.value_special != b.value_special)
                return false;
        }
        return true;
    }
};

template <class Scan>
piece_list split_all(std::string_view text, Scan scan) {
    piece_list out;
    for (std::size_t pos = 0; pos < text.size();) {
        auto const p = scan(pos);
        out.pieces.push_back(p);
        pos = p.end < text.size() ? p.end + 1 : text.size();
    }
    return out;
}

// The texts of the boundary table: `special` at each offset of a run of plain bytes of each length.
std::vector<std::string> boundary_texts() {
    std::vector<std::string> texts;
    std::string const specials[] = {"&", "=", "%", "+", std::string(1, '\0'), "\x80", "\xC3\xA9", "%2C", "%C3%A9", "&=", "=&"};
    for (std::size_t length : {1u, 2u, 15u, 16u, 17u, 31u, 32u, 33u, 63u, 64u, 65u, 66u, 100u, 127u, 128u, 129u, 200u}) {
        for (std::size_t at : {0u, 1u, 14u, 15u, 16u, 17u, 30u, 31u, 32u, 33u, 47u, 48u, 62u, 63u, 64u, 65u, 127u, 128u, 199u}) {
            for (std::string const& special : specials) {
                if (at >= length) continue;
                std::string text(length, 'a');
                for (std::size_t k = 0; k < length; k += 7) text[k] = k % 14 ? '=' : '&';  // pieces of a few bytes
                text.replace(at, std::min(special.size(), length - at), special.substr(0, length - at));
                texts.push_back(text);
                std::string last(length, 'b');  // the special as the last byte
                last.back() = special[0];
                texts.push_back(last);
            }
        }
    }
    return texts;
}

#if defined(__SSE2__) && !defined(KAYAKO_NO_SIMD)
// The reference: the byte loop (what KAYAKO_NO_SIMD builds run as `scan_form_piece`).
piece_list portable_pieces(std::string_view text) {
    return split_all(text, [&](std::size_t i) { return kayako::detail::scan_form_piece_portable(text, i); });
}

piece_list window_pieces(std::string_view text) {
    kayako::detail::form_window window;
    return split_all(text, [&](std::size_t i) { return kayako::detail::scan_form_piece(window, text, i); });
}
piece_list block_pieces(std::string_view text) {
    return split_all(text, [&](std::size_t i) { return kayako::detail::scan_form_piece(text, i); });
}

// §21.14: the window splitter finds the same pieces, `=` and special bytes as the byte loop,
// wherever a special byte falls in its 16-byte loads and 64-byte windows.
TEST(QuerySplitting, WindowSplitterAgreesWithTheByteLoopAtEveryBoundary) {
    std::size_t checked = 0;
    for (std::string const& text : boundary_texts()) {
        piece_list const expected = portable_pieces(text);
        EXPECT_TRUE(window_pieces(text) == expected) << text.size() << ": " << text;
        EXPECT_TRUE(block_pieces(text) == expected) << text.size() << ": " << text;
        ++checked;
    }
    EXPECT_GT(checked, 1000u);
}

// Every byte value at the block and window edges: each is classified as the byte loop does.
TEST(QuerySplitting, EveryByteAtTheEdgesOfABlock) {
    for (std::size_t length : {5u, 16u, 17u, 64u, 65u, 80u}) {
        for (std::size_t at : {0u, 15u, 16u, 17u, 31u, 32u, 63u, 64u, 79u}) {
            if (at >= length) continue;
            for (int b = 0; b < 256; ++b) {
                std::string text(length, 'x');
                text[at] = static_cast<char>(b);
                text[length / 2 == at ? 0 : length / 2] = '=';
                ASSERT_TRUE(window_pieces(text) == portable_pieces(text)) << length << ' ' << at << ' ' << b;
            }
        }
    }
}
#endif

// The query's fields as `form_reader` reads them: the reference for the fused split and decode.
struct owned_field {
    std::string name, value;
    std::size_t offset = 0;
};
struct field_list {
    std::vector<owned_field> fields;  // copies: the reader's views die with its buffer
    std::optional<kayako::failure> error;
};

field_list read_as_form(std::string_view query, bool strict) {
    field_list out;
    std::vector<char> buffer(kayako::form_reader::buffer_size(query));
    kayako::form_options options;
    options.strict = strict;
    options.max_fields = 1u << 20;
    kayako::form_reader reader(query, buffer, options);
    kayako::form_field field;
    for (;;) {
        auto more = reader.next(field);
        if (!more) {
            out.error = more.error();
            out.fields.clear();
            return out;
        }
        if (!*more) return out;
        out.fields.push_back({std::string(field.name), std::string(field.value), field.offset});
    }
}

void expect_same_as_form(std::string const& query) {
    for (bool strict : {false, true}) {
        kayako::target_options options;
        options.strict = strict;
        options.max_arguments = 1u << 20;
        options.max_ids = 1u << 20;
        field_list const expected = read_as_form(query, strict);
        kayako::query_arguments args;
        auto const r = args.assign(query, options);
        if (expected.error) {
            // A decoding failure is the query's, at the same offset (§21.14).
            ASSERT_FALSE(r) << query;
            EXPECT_EQ(r.error(), *expected.error) << query;
            continue;
        }
        if (!r) {  // the documented arguments may refuse a value: the split is then not at fault
            EXPECT_NE(r.error().code, kayako::error::invalid_percent_escape) << query;
            EXPECT_NE(r.error().code, kayako::error::invalid_utf8) << query;
            EXPECT_NE(r.error().code, kayako::error::nul_byte) << query;
            continue;
        }
        ASSERT_EQ(args.size(), expected.fields.size()) << query;
        for (std::size_t i = 0; i < args.size(); ++i) {
            EXPECT_EQ(args[i].name, expected.fields[i].name) << query << " #" << i;
            EXPECT_EQ(args[i].value, expected.fields[i].value) << query << " #" << i;
            EXPECT_EQ(args[i].offset, expected.fields[i].offset) << query << " #" << i;
        }
    }
}

// §17, §21.14: the fused split and decode gives `form_reader`'s fields and failures on the
// boundary table, in both modes.
TEST(QuerySplitting, FusedSplitAndDecodeAgreesWithTheFormReader) {
    for (std::string const& text : boundary_texts()) expect_same_as_form(text);
}

// Escapes split across a 16-byte block and a 64-byte window, bytes >= 0x80 at their edges.
TEST(QuerySplitting, EscapesAndUtf8AcrossBlocksAndWindows) {
    std::vector<std::string> queries;
    for (std::size_t pad = 0; pad < 70; ++pad) {
        std::string const filler(pad, 'p');
        for (std::string_view tail : {"%2C", "%2", "%", "%C3%A9", "%E2%98%BA", "\xC3\xA9", "\xE2\x98\xBA", "\xC3", "%C3", "+",
                                      "%00", "%7F", "%80", "%zz"}) {
            queries.push_back("q=" + filler + std::string(tail) + "x&z=1");
            queries.push_back("q=" + filler + std::string(tail));
            queries.push_back(filler + std::string(tail) + "=v");
        }
    }
    for (std::string const& q : queries) expect_same_as_form(q);
    // The typical target's query (the benchmark's), and one with every argument twice.
    std::string const typical =
        "fields=id%2Csubject%2Cstatus%2Crequester%28full_name%2Cemails%29%2Cupdated_at"
        "&include=user%2Cteam%2Ccase_status%2Ccase_priority&_case=camel&_empty=false&limit=50&offset=100"
        "&ids=1001,1002,1003,1004,1005,1006,1007,1008";
    expect_same_as_form(typical);
    expect_same_as_form(typical + "&" + typical);
}

// §21.14: the argument limit is counted by the fused split as by the form reader: the first
// argument past it is `too_many` at its offset, naming it.
TEST(QuerySplitting, ArgumentLimitAtItsBoundary) {
    kayako::target_options options;
    options.max_arguments = 3;
    EXPECT_TRUE(kayako::parse_query("a=1&&b=2&c=3&", options));
    auto const over = kayako::parse_query("a=1&&b=2&c=3&dd=4", options);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error(), kayako::failure(kayako::error::too_many, 13, "dd"));
}

// §17: ids are read eight bytes at a time where eight remain; the run and value are the byte
// loop's for every byte at every position of the eight, and for runs of every length.
TEST(QuerySplitting, IdDigitsAgreeWithTheByteLoop) {
    for (std::size_t at = 0; at < 9; ++at) {
        for (int b = 0; b < 256; ++b) {
            std::string text = "12345678901234567890";
            text[at] = static_cast<char>(b);
            for (std::size_t from : {0u, 1u}) {
                auto const fast = kayako::detail::read_id_digits(text, from);
                auto const slow = kayako::detail::read_digit_run(text, from);
                ASSERT_EQ(fast.end, slow.end) << at << ' ' << b << ' ' << from;
                ASSERT_EQ(fast.value, slow.value) << at << ' ' << b << ' ' << from;
            }
        }
    }
    std::string digits = "9876543210987654321";
    for (std::size_t n = 0; n <= digits.size(); ++n) {
        for (std::string_view after : {"", ",", ",5", "x,1,2,3,4,5,6,7"}) {
            std::string const text = digits.substr(0, n) + std::string(after);
            auto const fast = kayako::detail::read_id_digits(text, 0);
            auto const slow = kayako::detail::read_digit_run(text, 0);
            EXPECT_EQ(fast.end, slow.end) << text;
            EXPECT_EQ(fast.value, slow.value) << text;
        }
    }
    // Through the parser: eight-digit, one-digit and leading-zero ids beside the byte-loop ones.
    auto const args = kayako::parse_query("ids=12345678,1,00000007,123456789012,42,7&ids[]=99999999");
    ASSERT_TRUE(args);
    std::vector<std::int64_t> const expected{12345678, 1, 7, 123456789012, 42, 7, 99999999};
    EXPECT_EQ(std::vector<std::int64_t>(args->ids().begin(), args->ids().end()), expected);
    auto const bad = kayako::parse_query("ids=1001,10x2,1003");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), kayako::failure(kayako::error::invalid_integer, 9, "ids"));  // the item's offset
}

// §17: every documented argument is found by its key, and no name one byte away from it is.
TEST(QuerySplitting, DocumentedNamesByKey) {
    using kayako::detail::known_argument;
    for (std::size_t i = 0; i < std::size(kayako::detail::known_argument_names); ++i) {
        std::string_view const name = kayako::detail::known_argument_names[i];
        EXPECT_EQ(kayako::detail::find_known_argument(name), static_cast<known_argument>(i)) << name;
        for (std::size_t k = 0; k < name.size(); ++k) {
            std::string near(name);
            near[k] = near[k] == 'z' ? 'y' : 'z';
            EXPECT_EQ(kayako::detail::find_known_argument(near), known_argument::none) << near;
        }
        if (name.size() < 15) {
            EXPECT_EQ(kayako::detail::find_known_argument(std::string(name) + "x"), known_argument::none) << name;
        }
    }
    EXPECT_EQ(kayako::detail::find_known_argument("id"), known_argument::none);
    EXPECT_EQ(kayako::detail::find_known_argument("x"), known_argument::none);
    EXPECT_EQ(kayako::detail::classify_argument("Ids"), known_argument::ids);
    EXPECT_EQ(kayako::detail::classify_argument("afterId"), known_argument::after_id);
    EXPECT_EQ(kayako::detail::classify_argument("ids[]"), known_argument::ids);
    EXPECT_EQ(kayako::detail::classify_argument("fingerprintId"), known_argument::none);  // `_` is part of the name
}

// §1, §21.16: the path byte classes are the three checks they replaced, for every byte.
TEST(QuerySplitting, PathByteClasses) {
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        unsigned const classes = kayako::detail::path_byte_classes[static_cast<std::size_t>(b)];
        EXPECT_EQ((classes & kayako::detail::path_not_name) == 0, kayako::detail::is_name_character(c)) << b;
        EXPECT_EQ((classes & kayako::detail::path_needs_decoding) != 0,
                  !kayako::detail::decodes_to_itself(std::string(1, c), {true, false})) << b;
        EXPECT_EQ((classes & kayako::detail::path_separator) != 0, c == '/' || c == '\\') << b;
    }
}

}  // namespace
