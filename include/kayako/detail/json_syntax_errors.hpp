// kayako-proto — where Boost.JSON's parser stops on text that is not JSON, for the readers built
// on the library's own `read_json` (`json_reader.hpp`).
//
// Why: `parse_envelope` (a Boost.JSON DOM) and the readers on `read_json` must refuse the same
// text with the same error at the same offset. `read_json` accepts exactly the text Boost.JSON
// accepts, but Boost.JSON's offsets of a few errors are its own (a bad `\u` escape is located by
// how many of its first three digits are valid; a truncated UTF-8 sequence at the end is
// `incomplete`, an invalid one `syntax`). Rather than copy those rules, `read_json` asks Boost.JSON
// itself, once, after it found the text invalid: the error path only, so the good path never pays.
#ifndef KAYAKO_DETAIL_JSON_SYNTAX_ERRORS_HPP
#define KAYAKO_DETAIL_JSON_SYNTAX_ERRORS_HPP

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kayako::detail {

// A handler that accepts every event: Boost.JSON's parser then only checks the syntax.
struct json_syntax_probe {
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) { return true; }
    bool on_object_end(std::size_t, boost::system::error_code&) { return true; }
    bool on_array_begin(boost::system::error_code&) { return true; }
    bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
    bool on_key_part(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_key(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_string_part(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_string(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_number_part(std::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t, std::string_view, boost::system::error_code&) { return true; }
    bool on_uint64(std::uint64_t, std::string_view, boost::system::error_code&) { return true; }
    bool on_double(double, std::string_view, boost::system::error_code&) { return true; }
    bool on_bool(bool, boost::system::error_code&) { return true; }
    bool on_null(boost::system::error_code&) { return true; }
    bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
    bool on_comment(std::string_view, boost::system::error_code&) { return true; }
};

/// Where Boost.JSON's parser, with the library's options (`max_depth`, nothing else allowed),
/// stops in `text` read as one whole document, and why (`ec` empty: it read a whole value and
/// the whitespace after it, up to `offset`).
struct json_syntax_stop {
    std::size_t offset = 0;
    boost::system::error_code ec;
};

inline json_syntax_stop locate_json_syntax_error(std::string_view text, std::size_t max_depth) {
    boost::json::parse_options options;
    options.max_depth = max_depth;
    boost::json::basic_parser<json_syntax_probe> p(options);
    json_syntax_stop out;
    out.offset = p.write_some(false, text.data(), text.size(), out.ec);
    return out;
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_JSON_SYNTAX_ERRORS_HPP
