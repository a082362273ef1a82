// Fuzzes the form decoder (form.hpp) in both modes. Properties checked, not only "no crash":
// * the zero-allocation reader and the owning form yield the same fields;
// * lenient decoding never fails on input within the limits, and its output is valid UTF-8;
// * whatever strict decoding accepts, lenient decoding reads the same way;
// * encoding the decoded fields and decoding again gives the same fields back (round trip).
#include <kayako/request/form.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {
// An independent UTF-8 check (RFC 3629), so that the decoder is not judged by itself.
bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto const b = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) { ++i; continue; }
        if (b >= 0xC2 && b <= 0xDF) { n = 1; cp = b & 0x1F; }
        else if (b >= 0xE0 && b <= 0xEF) { n = 2; cp = b & 0x0F; }
        else if (b >= 0xF0 && b <= 0xF4) { n = 3; cp = b & 0x07; }
        else return false;
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            auto const c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
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
        if (!valid_utf8(f.name) || !valid_utf8(f.value)) std::abort();  // lenient output is always UTF-8
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
