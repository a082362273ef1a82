// Fuzzes the form decoder (form.hpp) in both modes. Properties checked, not only "no crash":
// * the zero-allocation reader and the owning form yield the same fields;
// * lenient decoding never fails on input within the limits, and its output is valid UTF-8;
// * whatever strict decoding accepts, lenient decoding reads the same way;
// * encoding the decoded fields and decoding again gives the same fields back (round trip).
#include <kayako/form.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {
bool valid_utf8(std::string_view s) {
    std::vector<char> out(kayako::detail::decoded_size_bound(s));
    auto r = kayako::detail::percent_decode(s, out.data(), {true, false});
    // Strict decoding without `+` handling refuses invalid UTF-8; `%` escapes would change the
    // text, so compare only when the text has none.
    return r.has_value() || s.find('%') != std::string_view::npos;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const body(reinterpret_cast<char const*>(data), size);

    auto lenient = kayako::parse_form(body);
    if (!lenient) {
        // Only a limit may stop lenient decoding.
        if (lenient.error().code != kayako::error::too_many && lenient.error().code != kayako::error::too_long) std::abort();
        return 0;
    }

    std::vector<std::pair<std::string, std::string>> fields;
    for (auto const& f : *lenient) {
        if (f.name.find('%') == std::string_view::npos && !valid_utf8(f.name)) std::abort();
        if (f.value.find('%') == std::string_view::npos && !valid_utf8(f.value)) std::abort();
        fields.emplace_back(f.name, f.value);
    }

    // The reader over a caller buffer agrees with the owning form.
    std::vector<char> buffer(kayako::form_reader::buffer_size(body));
    kayako::form_reader reader(body, buffer);
    kayako::form_field field;
    std::size_t i = 0;
    for (;;) {
        auto more = reader.next(field);
        if (!more) std::abort();
        if (!*more) break;
        if (i >= fields.size() || field.name != fields[i].first || field.value != fields[i].second) std::abort();
        ++i;
    }
    if (i != fields.size()) std::abort();

    // Strict decoding, when it succeeds, reads exactly what lenient decoding reads.
    kayako::form_options strict;
    strict.strict = true;
    if (auto s = kayako::parse_form(body, strict)) {
        if (s->size() != fields.size()) std::abort();
        for (std::size_t k = 0; k < fields.size(); ++k)
            if ((*s)[k].name != fields[k].first || (*s)[k].value != fields[k].second) std::abort();
    } else if (!s.error().has_offset() || s.error().offset >= size) {
        std::abort();  // a strict failure points at the offending byte
    }

    // Round trip: encode what was decoded, decode again.
    std::string encoded;
    for (auto const& [name, value] : fields) kayako::append_form_field(encoded, name, value);
    kayako::form_options roomy;
    roomy.max_size = encoded.size() + 1;
    roomy.max_fields = fields.size() + 1;
    roomy.strict = true;  // the encoder writes nothing strict decoding refuses... unless the text held NUL
    auto again = kayako::parse_form(encoded, roomy);
    if (!again) {
        if (again.error().code != kayako::error::nul_byte) std::abort();
        roomy.strict = false;
        again = kayako::parse_form(encoded, roomy);
        if (!again) std::abort();
    }
    // Empty-name-and-value fields (`=`) survive; nothing else may change.
    if (again->size() != fields.size()) std::abort();
    for (std::size_t k = 0; k < fields.size(); ++k)
        if ((*again)[k].name != fields[k].first || (*again)[k].value != fields[k].second) std::abort();
    return 0;
}
