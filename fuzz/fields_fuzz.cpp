// Fuzzes the `fields` and `include` parsers (§5.1, §5.3): no input may crash, every failure says
// where (offset within the text, parameter name), and whatever parses survives the canonical round
// trip text → mask → text → mask unchanged.
#include <kayako/output/fields.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);

    kayako::fields_options opt;
    opt.max_length = 4096;
    if (auto mask = kayako::parse_fields(text, opt)) {
        std::string const canonical = to_string(*mask);
        auto again = kayako::parse_fields(canonical);
        if (!again) std::abort();
        if (!(*again == *mask)) std::abort();
        if (to_string(*again) != canonical) std::abort();
        if (canonical.empty() != mask->empty()) std::abort();
    } else {
        auto const& f = mask.error();
        if (f.parameter != "fields") std::abort();
        if (f.offset > size) std::abort();
    }

    if (auto inc = kayako::parse_include(text)) {
        auto again = kayako::parse_include(to_string(*inc));
        if (!again || !(*again == *inc)) std::abort();
        for (auto const& t : inc->types())
            if (!inc->includes(t)) std::abort();
    } else {
        if (inc.error().parameter != "include" || inc.error().offset > size) std::abort();
    }
    return 0;
}
