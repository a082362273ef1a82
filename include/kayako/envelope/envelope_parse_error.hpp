// kayako-proto — what a client gets when a response body is not a well-formed Kayako envelope.
//
// `kayako::failure` holds its parameter as a view; a JSON path such as `errors[2].code` is made
// while parsing and has nowhere else to live, so this error owns it. Invalid JSON is reported with
// the byte offset into the body; a well-formed body of the wrong shape with the JSON path of the
// offending value and what was expected there ("errors[2].code: expected string").
#ifndef KAYAKO_ENVELOPE_ENVELOPE_PARSE_ERROR_HPP
#define KAYAKO_ENVELOPE_ENVELOPE_PARSE_ERROR_HPP

#include <kayako/core/error.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace kayako {

/// Why a response body is not a well-formed envelope (§4.3): invalid JSON at a byte offset, or a
/// value of the wrong shape at a JSON path. It owns the path, which has nowhere else to live.
struct envelope_parse_error {
    error code = error::invalid_envelope;    ///< `invalid_envelope` for a wrong shape; the JSON or value error otherwise
    std::size_t offset = failure::no_offset; ///< byte offset into the body (invalid JSON), or `no_offset`
    std::string path;                        ///< JSON path of the offending value (`errors[2].code`), or empty
    std::string_view expected;               ///< what should have been there: "string", "integer", ... or empty

    /// The failure as the library's common type; its parameter views `path`.
    failure as_failure() const noexcept { return {code, offset, path}; }
    /// `code` as a `boost::system::error_code` of the kayako category.
    boost::system::error_code error_code() const noexcept { return make_error_code(code); }

    /// "errors[2].code: expected string", "status: integer out of range",
    /// "invalid JSON at offset 17".
    std::string message() const {
        std::string out;
        if (!path.empty()) {
            out += path;
            out += ": ";
        }
        if (!expected.empty()) {
            out += "expected ";
            out += expected;
        } else {
            out += error_category_impl::describe(code);
        }
        if (offset != failure::no_offset) {
            out += " at offset ";
            out += std::to_string(offset);
        }
        return out;
    }

    friend bool operator==(envelope_parse_error const&, envelope_parse_error const&) = default;
};

/// The parsed value or the error that says what and where.
template <class T>
using envelope_result = boost::system::result<T, envelope_parse_error>;

/// Found by argument-dependent lookup from `envelope_result<T>::value()`.
[[noreturn]] inline void throw_exception_from_error(envelope_parse_error const& e, boost::source_location const& loc) {
    boost::throw_exception(boost::system::system_error(e.error_code(), e.message()), loc);
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_ENVELOPE_PARSE_ERROR_HPP
