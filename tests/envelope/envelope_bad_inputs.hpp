// Bodies that are not well-formed envelopes, each with the exact error both readers report.
#ifndef KAYAKO_TESTS_ENVELOPE_BAD_INPUTS_HPP
#define KAYAKO_TESTS_ENVELOPE_BAD_INPUTS_HPP

#include <kayako/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vectors {

using kayako::error;
using kayako::failure;

// Bad input: every row a typed error with its path or offset.
struct bad_row {
    std::string_view name;
    std::string body;
    error code;
    std::string path;
    std::size_t offset;
    std::string_view expected;
};

inline std::vector<bad_row> bad_envelopes() {
    constexpr auto none = failure::no_offset;
    std::string invalid_utf8 = "{\"status\":200,\"session_id\":\"a\xff\"}";
    std::string nul = std::string("{\"status\":200,\"session_id\":\"a") + '\0' + "\"}";
    // §21.19: a number too large for a double has no value (JSON has no infinity); its path and
    // where it starts. Just past the largest double (1.7976931348623158e308 is the largest).
    std::string const too_large = R"({"status":200,"data":{"items":[1,{"id":2,"price":1e400}],"x":1}})";
    std::string const past_max = R"({"status":200,"data":[1.7976931348623159e308]})";
    std::string const in_jsonp = R"(cb({"status":200,"total_count":-1e999});)";
    std::string const in_errors = R"({"status":400,"errors":[{"code":"A","parameters":[2e308]}]})";
    return {
        {"number too large in data", too_large, error::float_out_of_range, "data.items[1].price", too_large.find("1e400"), ""},
        {"number just past the largest double", past_max, error::float_out_of_range, "data[0]", past_max.find("1.79"), ""},
        {"number too large in JSONP", in_jsonp, error::float_out_of_range, "total_count", in_jsonp.find("-1e999"), ""},
        {"number too large in errors", in_errors, error::float_out_of_range, "errors[0].parameters[0]", in_errors.find("2e308"), ""},
        {"number too large as status", R"({"status":1e309})", error::float_out_of_range, "status", 10, ""},
        {"truncated", R"({"status":200,"data":[1,2)", error::unexpected_end, "", 25, ""},
        {"truncated in string", R"({"status":200,"session_id":"ab)", error::unexpected_end, "", 30, ""},
        {"not JSON", "<html>", error::invalid_json, "", 0, ""},
        {"garbage after", R"({"status":200}})", error::invalid_json, "", 14, ""},
        {"invalid UTF-8", invalid_utf8, error::invalid_utf8, "", 29, ""},
        {"NUL byte", nul, error::nul_byte, "", 29, ""},
        {"root is an array", "[1]", error::invalid_envelope, "", none, "object"},
        {"root is a string", "\"x\"", error::invalid_envelope, "", none, "object"},
        {"status missing", R"({"data":{}})", error::missing_parameter, "status", none, ""},
        {"status as string", R"({"status":"200"})", error::wrong_type, "status", none, "integer"},
        {"status as float", R"({"status":200.0})", error::wrong_type, "status", none, "integer"},
        {"status null", R"({"status":null})", error::wrong_type, "status", none, "integer"},
        {"status out of range", R"({"status":99})", error::integer_out_of_range, "status", none, ""},
        {"status huge", R"({"status":18446744073709551615})", error::integer_out_of_range, "status", none, ""},
        {"negative total", R"({"status":200,"total_count":-1})", error::integer_out_of_range, "total_count", none, ""},
        {"offset as string", R"({"status":200,"offset":"5"})", error::wrong_type, "offset", none, "integer"},
        {"link as number", R"({"status":200,"nextUrl":5})", error::wrong_type, "next_url", none, "string"},
        {"errors as object", R"({"status":400,"errors":{}})", error::wrong_type, "errors", none, "array"},
        {"error entry as string", R"({"status":400,"errors":["X"]})", error::wrong_type, "errors[0]", none, "object"},
        {"code as number", R"({"status":400,"errors":[{"code":"A"},{"code":"B"},{"code":7}]})", error::wrong_type,
         "errors[2].code", none, "string"},
        {"code missing", R"({"status":400,"errors":[{"message":"m"}]})", error::missing_parameter, "errors[0].code",
         none, ""},
        {"parameters not array", R"({"status":400,"errors":[{"code":"A","parameters":"x"}]})", error::wrong_type,
         "errors[0].parameters", none, "array"},
        {"parameter entry", R"({"status":400,"errors":[{"code":"A","parameters":["x",1]}]})", error::wrong_type,
         "errors[0].parameters[1]", none, "string"},
        {"sticky as string", R"({"status":200,"notifications":[{"type":"INFO","message":"m","sticky":"yes"}]})",
         error::wrong_type, "notifications[0].sticky", none, "boolean"},
        {"notification without message", R"({"status":200,"notifications":[{"type":"INFO"}]})",
         error::missing_parameter, "notifications[0].message", none, ""},
        {"notification without type", R"({"status":200,"notifications":[{"message":"m"}]})",
         error::missing_parameter, "notifications[0].type", none, ""},
        {"log level number", R"({"status":200,"logs":[{"level":1,"message":"m"}]})", error::wrong_type,
         "logs[0].level", none, "string"},
        {"log without message", R"({"status":200,"logs":[{"level":"NOTICE"}]})", error::missing_parameter,
         "logs[0].message", none, ""},
        {"logs as object", R"({"status":200,"logs":{"level":"NOTICE"}})", error::wrong_type, "logs", none, "array"},
        {"bad timestamp", R"({"status":200,"timestamp":"yesterday"})", error::invalid_timestamp, "timestamp", none, ""},
        {"timestamp out of range", R"({"status":200,"timestamp":253402300800})", error::timestamp_out_of_range,
         "timestamp", none, ""},
        {"timestamp bool", R"({"status":200,"timestamp":true})", error::wrong_type, "timestamp", none, "timestamp"},
        {"10,000 nested arrays", R"({"status":200,"data":)" + std::string(10000, '['), error::too_deep, "", 84, ""},
        {"JSONP without parenthesis", "cb{\"status\":200}", error::unexpected_character, "", 2, ""},
        {"JSONP unclosed", "cb({\"status\":200}", error::unexpected_end, "", 17, ""},
        {"JSONP with bad JSON", "cb({\"status\":x});", error::invalid_json, "", 13, ""},
    };
}

}  // namespace vectors

#endif  // KAYAKO_TESTS_ENVELOPE_BAD_INPUTS_HPP
