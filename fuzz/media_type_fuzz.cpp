// Fuzzes the header-value parsers of the requests area: media types (RFC 9110 §8.3.1),
// Content-Disposition (RFC 6266), RFC 8187 extended values and Content-MD5 (§21.10). None may
// crash; what parses must survive a round trip through its writer.
#include <kayako/request/content_disposition.hpp>
#include <kayako/request/content_md5.hpp>
#include <kayako/detail/http_grammar.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/media_type.hpp>
#include <kayako/request/multipart_boundary.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);

    if (auto m = kayako::parse_media_type(text)) {
        // Write it back with every value quoted, and read that again: same type and parameters.
        std::string again(m->type);
        again += '/';
        again += m->subtype;
        std::vector<std::string> values;
        for (auto const& p : m->parameters()) {
            again += "; ";
            again += p.name;
            again += '=';
            values.push_back(p.text());
            kayako::detail::append_quoted_string(again, values.back());
            if (!p.value_equals(values.back())) std::abort();
        }
        auto back = kayako::parse_media_type(again, {.max_size = 1 << 20, .max_parameters = 1 << 10});
        if (!back || back->type != m->type || back->subtype != m->subtype) std::abort();
        std::size_t i = 0;
        for (auto const& p : back->parameters())
            if (i >= values.size() || p.text() != values[i++]) std::abort();
        if (i != values.size()) std::abort();
        (void)kayako::body_encoding_of(*m);
        (void)kayako::parse_multipart_boundary(*m);
    } else if (m.error().offset > text.size() && m.error().code != kayako::error::too_long) {
        std::abort();
    }

    // Content-Disposition as an HTTP field and as a multipart part header (§21.21): a file name,
    // when there is one, is UTF-8 without the control characters a filename* may not carry, fits
    // its bound, and a filename* kept is one the strict decoder reads to the same text.
    for (bool part_header : {false, true}) {
        auto d = kayako::parse_content_disposition(text, {.literal_backslashes = part_header});
        if (!d) {
            if (d.error().offset > text.size() && d.error().code != kayako::error::too_long) std::abort();
            continue;
        }
        if (d->name) (void)d->name->text();
        std::string room(d->filename_size_bound(), '\0');
        std::size_t const written = d->write_filename(room.data());
        if (written > room.size()) std::abort();
        std::string const filename = d->filename_text();
        if (filename != std::string_view(room.data(), written)) std::abort();
        if (kayako::detail::find_invalid_utf8(filename) != std::string_view::npos) std::abort();
        if (d->filename_ext) {
            auto strict = kayako::decode_extended_value(d->filename_ext->value);
            if (!strict || *strict != filename) std::abort();
            for (char c : filename)
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) std::abort();
        }
    }
    (void)kayako::decode_extended_value(text);

    if (auto md5 = kayako::parse_content_md5(text)) {
        auto b64 = kayako::parse_content_md5(kayako::format_content_md5(*md5));
        auto hex = kayako::parse_content_md5(kayako::format_md5_hex(*md5));
        if (!b64 || !hex || *b64 != *md5 || *hex != *md5) std::abort();
    }
    if (kayako::check_header_value(text, "X")) {
        for (char c : text)
            if (c == '\r' || c == '\n' || c == '\0') std::abort();
    }
    return 0;
}
