// Fuzzes the multipart/form-data reader (§2.4, §8.3) with the boundary `XyZ`: it must never
// crash, every content must be a view into the body, and whatever it reads must survive a round
// trip through multipart_builder (build → parse gives the same parts). The input is also cut into
// fields and files that are built and read back.
#include <kayako/request/multipart_boundary.hpp>
#include <kayako/request/multipart_builder.hpp>
#include <kayako/request/multipart_reader.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct part_copy {
    std::string name, filename, content;
    bool is_file;
};

void check_round_trip(std::vector<part_copy> const& parts) {
    kayako::multipart_builder builder({.content_md5 = true});
    for (auto const& p : parts) {
        auto added = p.is_file ? builder.add_file(p.name, p.filename, p.content) : builder.add_field(p.name, p.content);
        if (!added) return;  // the builder refuses what no reader could read back (checked below)
    }
    auto const out = builder.finish();
    auto back = kayako::parse_multipart(out.body, out.content_type, {.allow_bare_lf = false});
    if (!back || back->size() != parts.size()) std::abort();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto const& q = (*back)[i];
        if (q.name != parts[i].name || q.content != parts[i].content || q.is_file() != parts[i].is_file) std::abort();
        if (parts[i].is_file && q.filename != parts[i].filename) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    bool const bare_lf = data[0] & 1;
    std::string_view const body(reinterpret_cast<char const*>(data) + 1, size - 1);
    auto const boundary = kayako::make_multipart_boundary("XyZ");
    if (!boundary) std::abort();

    kayako::multipart_options options;
    options.allow_bare_lf = bare_lf;
    options.max_parts = 64;
    auto form = kayako::parse_multipart(body, *boundary, options);

    // The allocation-free reader, with its own 2 KiB scratch space, reads the same parts, or
    // runs out of room (`too_long`); it never succeeds where parse_multipart fails.
    {
        kayako::multipart_reader reader(body, *boundary, options);
        kayako::multipart_part part;
        for (std::size_t i = 0;; ++i) {
            auto more = reader.next(part);
            if (!more) {
                if (form && more.error().code != kayako::error::too_long) std::abort();
                break;
            }
            if (!*more) {
                if (!form || i != form->size()) std::abort();
                break;
            }
            if (form && (i >= form->size() || part.name != (*form)[i].name || part.filename != (*form)[i].filename ||
                         part.content != (*form)[i].content || part.content_type != (*form)[i].content_type))
                std::abort();
        }
    }
    if (form) {
        std::vector<part_copy> parts;
        for (auto const& p : *form) {
            if (p.content.data() < body.data() || p.content.data() + p.content.size() > body.data() + body.size()) std::abort();
            if (p.content.find("\r\n--XyZ") != std::string_view::npos) std::abort();  // a delimiter was skipped
            parts.push_back({std::string(p.name), std::string(p.filename), std::string(p.content), p.is_file()});
        }
        // Everything the reader accepts, the builder accepts too.
        kayako::multipart_builder builder;
        for (auto const& p : parts)
            if (!(p.is_file ? builder.add_file(p.name, p.filename, p.content) : builder.add_field(p.name, p.content)))
                std::abort();
        check_round_trip(parts);
    } else if (form.error().offset != kayako::failure::no_offset && form.error().offset > body.size()) {
        std::abort();  // offsets point into the body
    }

    // Cut the input into parts: `\x01` separates parts, `\x02` separates name from content.
    std::vector<part_copy> parts;
    std::size_t start = 0;
    while (start <= body.size() && parts.size() < 16) {
        std::size_t end = body.find('\x01', start);
        if (end == std::string_view::npos) end = body.size();
        std::string_view const piece = body.substr(start, end - start);
        std::size_t const split = piece.find('\x02');
        part_copy p;
        p.name = std::string(piece.substr(0, split == std::string_view::npos ? 0 : split));
        p.content = std::string(split == std::string_view::npos ? piece : piece.substr(split + 1));
        p.is_file = !p.name.empty() && p.name[0] == 'f';
        p.filename = p.is_file ? p.name + ".bin" : "";
        parts.push_back(std::move(p));
        start = end + 1;
    }
    check_round_trip(parts);
    return 0;
}
