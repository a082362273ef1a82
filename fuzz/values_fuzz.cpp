// Fuzzes every data-type parser of values.hpp (§3) and the letter-case functions: none may crash,
// and whatever parses must survive a round trip through its formatter.
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);

    (void)kayako::parse_boolean(text);
    (void)kayako::parse_integer<std::int64_t>(text);
    (void)kayako::parse_integer<std::uint16_t>(text);
    (void)kayako::parse_float(text);

    if (auto t = kayako::parse_timestamp(text)) {
        auto again = kayako::parse_timestamp(kayako::format_timestamp(*t));
        if (!again || again->seconds != t->seconds) std::abort();
    }

    if (auto b = kayako::decode_base64(text)) {
        if (kayako::encode_base64(b->bytes) != text) std::abort();  // strict: one spelling per byte string
    }
    if (kayako::encode_base64(text).size() != kayako::base64_encoded_size(size)) std::abort();
    if (auto back = kayako::decode_base64(kayako::encode_base64(text)); !back || back->bytes != text) std::abort();

    static constexpr std::string_view options[] = {"FOO", "BAR", "ANY", "NONE"};
    (void)kayako::parse_option(text, options);
    (void)kayako::parse_list<std::int64_t>(text, 64);

    (void)kayako::parse_letter_case(text);
    for (auto to : {kayako::letter_case::snake, kayako::letter_case::camel, kayako::letter_case::pascal}) {
        std::string const converted = kayako::convert_case(text, to);
        (void)kayako::names_equal(text, converted);
    }
    if (!kayako::names_equal(text, text)) std::abort();
    return 0;
}
