// The peers' query-string, form and percent-decoding vectors (CPython, Node, Rack, Go) through the
// library's decoders and encoder, and every request URL of the official Kayako Java SDK through
// `parse_target` (§1, §2.2, §17, §21.14–§21.17). Read in place from ../shared/testdata.
#include <kayako/detail/percent_decoding.hpp>
#include <kayako/detail/percent_encoding.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/request_target.hpp>
#include <kayako/request/target_builder.hpp>

#include "support/testdata.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace json = boost::json;
using kayako::error;

// ---- Reading the vectors ----------------------------------------------------------------------

/// A vector string: UTF-8 text, or `{"hex": "..."}` for raw bytes.
std::string text_of(json::value const& v) {
    if (v.is_string()) return std::string(v.get_string());
    std::string_view const hex = v.as_object().at("hex").as_string();
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(kayako::detail::hex_digit_value(hex[i]) * 16 + kayako::detail::hex_digit_value(hex[i + 1]));
    return out;
}

using pairs = std::vector<std::pair<std::string, std::string>>;

/// The form decoder's pairs (lenient, the WHATWG default), or the failure.
kayako::result<pairs> form_pairs(std::string_view input, kayako::form_options const& options = {}) {
    auto form = kayako::parse_form(input, options);
    if (!form) return form.error();
    pairs out;
    for (auto const& f : *form) out.emplace_back(f.name, f.value);
    return out;
}

/// The percent decoder alone: `+` is a space in form text (`unquote_plus`), not in paths (`unquote`).
kayako::result<std::string> percent_decoded(std::string_view input, bool plus_as_space, bool strict) {
    std::string out(kayako::detail::decoded_size_bound(input), '\0');
    auto n = kayako::detail::percent_decode(input, out.data(), {strict, plus_as_space});
    if (!n) return n.error();
    out.resize(*n);
    return out;
}

/// Node's and Rack's objects: one value per name, or a list when the name repeats.
json::object as_object_of_values(pairs const& fields) {
    std::map<std::string, std::vector<std::string>> by_name;
    std::vector<std::string> order;
    for (auto const& [name, value] : fields) {
        if (!by_name.contains(name)) order.push_back(name);
        by_name[name].push_back(value);
    }
    json::object out;
    for (auto const& name : order) {
        auto const& values = by_name[name];
        if (values.size() == 1) {
            out[name] = values.front();
        } else {
            json::array list;
            for (auto const& v : values) list.emplace_back(v);
            out[name] = std::move(list);
        }
    }
    return out;
}

/// CPython's parse_qs: every name with the list of its values.
json::object as_lists_by_name(pairs const& fields) {
    json::object out;
    for (auto const& [name, value] : fields) {
        if (!out.contains(name)) out[name] = json::array{};
        out[name].as_array().emplace_back(value);
    }
    return out;
}

/// Rack's parse_nested_query as the protocol reads names (§2.2, §21.15): `name[]` items form the
/// list `name`; a plain name is a scalar, the last one wins; a name holding both keeps the list
/// under `name` and the scalar under `name#scalar`.
json::object as_lists_and_scalars(pairs const& fields) {
    std::map<std::string, json::array> lists;
    std::map<std::string, std::string> scalars;
    std::vector<std::string> order;
    for (auto const& [name, value] : fields) {
        std::string const list_name(kayako::form_list_name(name));
        if (!lists.contains(list_name) && !scalars.contains(list_name)) order.push_back(list_name);
        if (kayako::is_array_item_name(name)) lists[list_name].emplace_back(value);
        else scalars[list_name] = value;
    }
    json::object out;
    for (auto const& name : order) {
        bool const list = lists.contains(name), scalar = scalars.contains(name);
        if (list) out[name] = lists[name];
        if (scalar) out[list ? name + "#scalar" : name] = scalars[name];
    }
    return out;
}

/// Node's `querystring.escape` leaves `!'()*~` and writes a space as `%20`; the library writes the
/// PHP urlencode set that Kayako's own links show (§7.4: `*` → `%2A`) with a space as `+` (§21.1).
/// This maps Node's bytes to the library's, escape for escape.
std::string node_to_php_encoding(std::string_view node) {
    std::string out;
    for (std::size_t i = 0; i < node.size(); ++i) {
        char const c = node[i];
        if (node.substr(i, 3) == "%20") {
            out += '+';
            i += 2;
        } else if (c == '!' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '~') {
            constexpr char hex[] = "0123456789ABCDEF";
            out += '%';
            out += hex[static_cast<unsigned char>(c) >> 4];
            out += hex[static_cast<unsigned char>(c) & 15];
        } else {
            out += c;
        }
    }
    return out;
}

// ---- The deviations ---------------------------------------------------------------------------

// Vectors the specification answers differently, each checked against the library's own result
// (the vector's `deviation.expected`, or the rule named here). An id ending in `*` is a prefix.
struct deviation_row {
    std::string_view id;
    std::string_view section;
};
constexpr deviation_row deviations[] = {
    {"cpython:parse_qsl_semicolon_cases:*", "§2.2: only `&` separates pairs, `;` is data"},
    {"cpython:test_unquoting_badpercent:strict:*", "§21.14: strict mode, a bad escape is invalid_percent_escape"},
    {"cpython:test_never_quote:quote_plus", "§7.4: PHP urlencode set, `~` is written %7E"},
    {"go:unescapeTests:lenient:*", "§2.2 (WHATWG lenient default): a bad escape stays a literal `%`"},
    {"node:maxKeys:*", "§21.14: past the field limit a typed error, never a silent drop"},
    {"node:*:stringify:*", "§7.4, §21.1: PHP urlencode set (`!'()*~` escaped, space `+`); decodes to the same pairs"},
    {"rack:parse_query:9", "§2.2: a name without `=` has the empty value"},
    {"rack:parse_query:non_existent_value", "§2.2: a name without `=` has the empty value"},
    {"rack:parse_nested_query:*", "§2.2, §21.15: no nil; a `[]` list and a scalar of one name stay apart"},
};

bool id_matches(std::string_view id, std::string_view pattern) {
    // Every `*` stands for any run of characters (`node:*:stringify:*`).
    std::size_t const star = pattern.find('*');
    if (star == std::string_view::npos) return id == pattern;
    std::string_view const head = pattern.substr(0, star);
    if (!id.starts_with(head)) return false;
    for (std::size_t from = head.size(); from <= id.size(); ++from)
        if (id_matches(id.substr(from), pattern.substr(star + 1))) return true;
    return false;
}

std::string_view deviation_section(std::string_view id) {
    for (auto const& d : deviations)
        if (id_matches(id, d.id)) return d.section;
    return {};
}

// ---- One vector -------------------------------------------------------------------------------

struct tally {
    std::size_t read = 0, checked = 0, deviations = 0, not_covered = 0;
};

/// Runs one vector through the decoder its kind names; records how it was checked.
void check_vector(json::object const& v, tally& t) {
    std::string const id(v.at("id").as_string());
    SCOPED_TRACE(id);
    ++t.read;
    if (v.contains("not_covered")) {  // a reader's note: an API the library does not have (README)
        EXPECT_FALSE(v.at("not_covered").as_string().empty());
        ++t.not_covered;
        return;
    }
    std::string_view const kind = v.at("kind").as_string();
    bool const deviation = v.contains("deviation");
    json::value const& expected = deviation ? v.at("deviation").as_object().at("expected") : v.at("expected");
    if (deviation) {
        EXPECT_FALSE(deviation_section(id).empty()) << "a deviation the test does not list";
        ++t.deviations;
    }

    if (kind == "pairs" || kind == "by_name_lists" || kind == "object" || kind == "nested_flat") {
        std::string const input = text_of(v.at("input"));
        auto const fields = form_pairs(input);
        ASSERT_TRUE(fields) << fields.error().message();
        if (kind == "pairs") {
            json::array got;
            for (auto const& [name, value] : *fields) got.emplace_back(json::array{json::string(name), json::string(value)});
            EXPECT_EQ(json::value(got), expected);
        } else if (kind == "by_name_lists") {
            EXPECT_EQ(json::value(as_lists_by_name(*fields)), expected);
        } else if (kind == "object") {
            EXPECT_EQ(json::value(as_object_of_values(*fields)), expected);
        } else {
            EXPECT_EQ(json::value(as_lists_and_scalars(*fields)), expected);
        }
        // The same text as a query string gives the same arguments in the same order.
        if (input.find('\0') == std::string::npos) {
            auto const args = kayako::parse_query(input);
            ASSERT_TRUE(args) << args.error().message();
            ASSERT_EQ(args->size(), fields->size());
            for (std::size_t i = 0; i < fields->size(); ++i) {
                EXPECT_EQ((*args)[i].name, (*fields)[i].first);
                EXPECT_EQ((*args)[i].value, (*fields)[i].second);
            }
        }
    } else if (kind == "max_fields" || kind == "max_fields_keys") {
        kayako::form_options options;
        options.max_fields = static_cast<std::size_t>(v.at("max_fields").to_number<std::int64_t>());
        auto const fields = form_pairs(text_of(v.at("input")), options);
        if (expected.is_string() && expected.as_string() == "error") {
            ASSERT_FALSE(fields);
            EXPECT_EQ(fields.error().code, error::too_many);
        } else if (expected.is_string() && expected.as_string() == "ok") {
            EXPECT_TRUE(fields);
        } else {
            ASSERT_TRUE(fields);
            EXPECT_EQ(fields->size(), static_cast<std::size_t>(expected.to_number<std::int64_t>()));
        }
    } else if (kind == "unquote" || kind == "unquote_plus" || kind == "unquote_plus_strict") {
        bool const strict = kind == "unquote_plus_strict";
        auto const decoded = percent_decoded(text_of(v.at("input")), kind != "unquote", strict);
        if (expected.is_object() && expected.as_object().contains("error")) {
            ASSERT_FALSE(decoded);
            EXPECT_EQ(decoded.error().code, error::invalid_percent_escape);
        } else {
            ASSERT_TRUE(decoded) << decoded.error().message();
            EXPECT_EQ(*decoded, text_of(expected));
        }
    } else if (kind == "unquote_strict_error" || kind == "strict_error") {
        auto const input = text_of(v.at("input"));
        kayako::form_options strict;
        strict.strict = true;
        auto const fields = form_pairs(input, strict);
        ASSERT_FALSE(fields);
        if (expected.is_string() && expected.as_string() == "invalid_percent_escape") {
            EXPECT_EQ(fields.error().code, error::invalid_percent_escape);
        } else {
            EXPECT_EQ(fields.error().code, error::invalid_utf8);
        }
        EXPECT_FALSE(percent_decoded(input, true, true));  // the decoder alone agrees
    } else if (kind == "quote_plus") {
        std::string encoded;
        kayako::detail::append_form_encoded(encoded, text_of(v.at("input")));
        EXPECT_EQ(encoded, text_of(expected));
        // It reads back, strictly, unless the input itself holds what strict decoding refuses.
        if (auto const back = percent_decoded(encoded, true, true)) {
            EXPECT_EQ(*back, text_of(v.at("input")));
        } else {
            EXPECT_TRUE(back.error().code == error::nul_byte || back.error().code == error::invalid_utf8);
            EXPECT_TRUE(percent_decoded(encoded, true, false));  // lenient mode reads it
        }
    } else if (kind == "stringify") {
        // Node's bytes differ from the PHP set by design (§7.4): every one of them is checked as the
        // library's own bytes, and Node's text must decode to the same pairs as the library's.
        pairs wanted;
        for (auto const& [name, value] : v.at("input").as_object()) {
            if (value.is_array()) {
                for (auto const& item : value.as_array()) wanted.emplace_back(name, item.as_string());
            } else {
                wanted.emplace_back(name, value.as_string());
            }
        }
        std::string encoded;
        kayako::target_builder builder("tests");
        for (auto const& [name, value] : wanted) {
            kayako::append_form_field(encoded, name, value);
            builder.add(name, value);
        }
        std::string const node(expected.as_string());
        EXPECT_EQ(encoded, node_to_php_encoding(node));
        EXPECT_EQ(builder.query(), encoded);  // the target builder writes the same query
        EXPECT_EQ(form_pairs(encoded).value(), wanted);
        EXPECT_EQ(form_pairs(node).value(), wanted);
        if (encoded != node && !deviation) {
            EXPECT_FALSE(deviation_section(id).empty());
            ++t.deviations;
        }
    } else {
        ADD_FAILURE() << "unknown vector kind " << kind;
        return;
    }
    ++t.checked;
}

tally run_file(std::filesystem::path const& path) {
    tally t;
    auto const vectors = json::parse(kayako::test::read_file_bytes(path));
    for (auto const& v : vectors.as_array()) check_vector(v.as_object(), t);
    EXPECT_EQ(t.read, t.checked + t.not_covered);
    std::cout << "[ peers    ] " << path.filename().string() << ": " << t.read << " vectors, " << t.checked
              << " checked (" << t.deviations << " as deviations), " << t.not_covered << " not covered\n";
    return t;
}

// ---- One TEST per vector file -------------------------------------------------------------------

TEST(PeersQuery, CPythonParseQs) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/urls-forms-json/query/cpython_parse_qs.json");
    auto const t = run_file(path);
    EXPECT_EQ(t.read, 54u);
    EXPECT_EQ(t.not_covered, 7u);
    EXPECT_EQ(t.deviations, 5u);
}

TEST(PeersQuery, CPythonQuoteUnquote) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/urls-forms-json/query/cpython_quote_unquote.json");
    auto const t = run_file(path);
    EXPECT_EQ(t.read, 334u);
    EXPECT_EQ(t.not_covered, 4u);
    EXPECT_EQ(t.deviations, 4u);
}

TEST(PeersQuery, GoNetUrlUnescape) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/urls-forms-json/query/go_net_url.json");
    auto const t = run_file(path);
    EXPECT_EQ(t.read, 26u);
    EXPECT_EQ(t.not_covered, 0u);
    EXPECT_EQ(t.deviations, 5u);
}

TEST(PeersQuery, NodeQuerystring) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/urls-forms-json/query/node_querystring.json");
    auto const t = run_file(path);
    EXPECT_EQ(t.read, 144u);
    EXPECT_EQ(t.not_covered, 6u);
    EXPECT_EQ(t.deviations, 20u);  // the 2 maxKeys, and the 18 stringify vectors whose bytes differ
}

TEST(PeersQuery, RackUtils) {
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/urls-forms-json/query/rack_utils.json");
    auto const t = run_file(path);
    EXPECT_EQ(t.read, 67u);
    EXPECT_EQ(t.not_covered, 22u);
    EXPECT_EQ(t.deviations, 8u);
}

// ---- The Java SDK's request URLs -------------------------------------------------------------

TEST(PeersQuery, KayakoJavaSdkRequests) {  // §21.16 (`//api/v1/...`), §21.17 (`limit=0`)
    KAYAKO_TESTDATA_OR_SKIP(path, "peers/kayako-java-sdk/requests.json");
    auto const file = json::parse(kayako::test::read_file_bytes(path));
    std::size_t read = 0, checked = 0, double_slash = 0, limit_zero = 0;
    for (auto const& item : file.at("requests").as_array()) {
        auto const& r = item.as_object();
        std::string const target(r.at("target").as_string());
        SCOPED_TRACE(std::string(r.at("id").as_string()) + " " + target);
        ++read;
        auto const& expected = r.at("expected").as_object();
        if (target.find("//api/") != std::string::npos) ++double_slash;

        auto const parsed = kayako::parse_target(target);
        auto const& want_args = expected.at("arguments").as_array();
        auto check_arguments = [&](kayako::query_arguments const& args) {
            ASSERT_EQ(args.size(), want_args.size());
            for (std::size_t i = 0; i < args.size(); ++i) {
                EXPECT_EQ(args[i].name, want_args[i].as_array()[0].as_string());
                EXPECT_EQ(args[i].value, want_args[i].as_array()[1].as_string());
            }
        };
        if (!expected.at("api").as_bool()) {
            // Not an API path (the SDK's own unit test of its HTTP helper): refused as a target,
            // its query still reads as the same arguments.
            ASSERT_FALSE(parsed);
            EXPECT_EQ(parsed.error().code, error::invalid_target);
            std::string const query = target.substr(target.find('?') + 1);  // the arguments view it
            auto const args = kayako::parse_query(query);
            ASSERT_TRUE(args);
            check_arguments(*args);
            ++checked;
            continue;
        }
        ASSERT_TRUE(parsed) << parsed.error().message();
        auto const& p = parsed->path();
        auto const& segments = expected.at("segments").as_array();
        ASSERT_EQ(p.size(), segments.size());
        for (std::size_t i = 0; i < segments.size(); ++i) EXPECT_EQ(p.segment(i), segments[i].as_string());
        EXPECT_EQ(p.json_suffix(), expected.at("json_suffix").as_bool());
        EXPECT_FALSE(p.legacy());
        auto const& args = parsed->arguments();
        check_arguments(args);

        auto const& typed = expected.at("typed").as_object();
        if (auto const* c = typed.if_contains("letter_case")) {
            EXPECT_EQ(kayako::to_string(args.letter_case()), c->as_string());
        }
        if (auto const* include = typed.if_contains("include")) {
            std::vector<std::string> got, want;
            for (std::string_view item : args.include_list()) got.emplace_back(item);
            for (auto const& item : include->as_array()) want.emplace_back(item.as_string());
            EXPECT_EQ(got, want);
        } else {
            EXPECT_FALSE(args.include());
        }
        if (auto const* limit = typed.if_contains("limit")) {
            EXPECT_EQ(args.limit(), limit->to_number<std::int64_t>());
            if (args.find("limit") == "0") ++limit_zero;
        } else {
            EXPECT_FALSE(args.has_limit());
            EXPECT_EQ(args.limit(), 10);
        }
        EXPECT_EQ(args.offset(), typed.contains("offset") ? typed.at("offset").to_number<std::int64_t>() : 0);
        ++checked;
    }
    EXPECT_EQ(read, 89u);
    EXPECT_EQ(checked, read);
    EXPECT_EQ(double_slash, 29u);  // the Help Center calls: every one sends `//api/v1`
    EXPECT_EQ(limit_zero, 2u);     // getMessages(20, 0, 0), and its recorded fixture
}

}  // namespace
