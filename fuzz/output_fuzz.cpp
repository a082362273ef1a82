// Fuzzes the renderer (§5.4, §6, §21.2–§21.5, §21.18) on arbitrary JSON under arbitrary `fields`,
// `include` and options. Input: one flags byte, the `fields` text up to a newline, the `include`
// text up to a newline, then the resource JSON. Properties: no crash; the one-pass text output is
// valid JSON with the same bytes as the value output written by the library's writer (or, where a plain object names
// a member twice, value-equal); both outputs fail alike; a map field's value (`m`) comes out
// exactly as the source holds it (its keys are data) when `_empty` keeps everything.
#include <kayako/output/renderer.hpp>

#include <boost/json/parse.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

kayako::schema_registry const& schemas() {
    using kayako::field;
    using kayako::map_field;
    using kayako::nested;
    using kayako::nested_array;
    static kayako::schema_registry const reg{
        kayako::resource_schema{"t",
                                {{"a", nested("t")},
                                 {"b", nested_array("u")},
                                 {"secret", field::hidden},
                                 {"d", field::optional},
                                 {"e"},
                                 {"f", nested("u"), field::optional},
                                 {"m", map_field}}},
        kayako::resource_schema{"u",
                                {{"a", nested("t")},
                                 {"x"},
                                 {"secret", field::hidden},
                                 {"y", field::optional},
                                 {"m", map_field, field::optional}}},
    };
    return reg;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size < 1) return 0;
    std::string_view text(reinterpret_cast<char const*>(data) + 1, size - 1);
    unsigned const flags = data[0];

    auto const nl1 = text.find('\n');
    if (nl1 == std::string_view::npos) return 0;
    std::string_view const fields_text = text.substr(0, nl1);
    text.remove_prefix(nl1 + 1);
    auto const nl2 = text.find('\n');
    if (nl2 == std::string_view::npos) return 0;
    std::string_view const include_text = text.substr(0, nl2);
    text.remove_prefix(nl2 + 1);

    kayako::render_options opt;
    auto fields = kayako::parse_fields(fields_text);
    if (!fields) return 0;
    opt.fields = *fields;
    auto include = kayako::parse_include(include_text);
    if (!include) return 0;
    opt.include = *include;
    opt.keep_empty = (flags & 1) == 0;
    opt.flat = (flags & 2) != 0;
    opt.name_case = static_cast<kayako::letter_case>((flags >> 2) % 3);
    opt.max_depth = 8 + ((flags >> 4) & 15) * 4;

    boost::json::parse_options po;
    po.max_depth = 80;
    boost::system::error_code ec;
    boost::json::value const source = boost::json::parse(text, ec, {}, po);
    if (ec) return 0;

    std::string_view const type = (flags & 0x80) ? "u" : "t";
    auto value = kayako::render_value(source, type, schemas(), opt);
    kayako::rendered_text out;
    auto written = kayako::render_text(out, source, type, schemas(), opt);
    if (value.has_value() != written.has_value()) std::abort();
    if (!value) {
        if (value.error() != written.error()) std::abort();
        return 0;
    }

    // Byte-equal to the library's own writing of the value output (`append_json_value`: doubles
    // in the shortest round-trip form, non-finite ones as `null`); or, where a plain object
    // names a member twice (the value keeps one), valid JSON and value-equal. (Not value-equal
    // alone: Boost.JSON 1.81 parses doubles imprecisely, and infinities are written as `null`.)
    auto same = [&](boost::json::value const& v, std::string const& text) {
        std::string expected;
        kayako::detail::append_json_value(expected, v);
        if (expected == text) return true;
        boost::system::error_code e;
        boost::json::value const reparsed = boost::json::parse(text, e, {}, po);
        return !e && reparsed == v;
    };
    if (!same(value->data, out.data)) std::abort();
    if (opt.flat) {
        if (!value->resources.is_object() || !same(value->resources, out.resources)) std::abort();
    } else if (!out.resources.empty() || !value->resources.is_null()) {
        std::abort();
    }

    // §21.18: the top-level resource's map field, when emitted, is the source's first member
    // named `m` in any letter case, unchanged at every depth.
    if (opt.keep_empty && source.is_object() && value->data.is_object()) {
        std::string_view const key = opt.name_case == kayako::letter_case::pascal ? "M" : "m";
        if (auto const* rendered = value->data.get_object().if_contains(key)) {
            for (auto const& m : source.get_object()) {
                if (!kayako::names_equal(m.key(), "m")) continue;
                if (*rendered != m.value()) std::abort();
                break;
            }
        }
    }
    return 0;
}
