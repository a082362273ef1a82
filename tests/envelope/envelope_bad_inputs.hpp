// Bodies that are not well-formed envelopes, each with the exact error both readers report.
#ifndef KAYAKO_TESTS_ENVELOPE_BAD_INPUTS_HPP
#define KAYAKO_TESTS_ENVELOPE_BAD_INPUTS_HPP

#include <kayako/core/error.hpp>

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

// §4.3: `status` is an HTTP status, 100..599 (both ends accepted, see `bound_envelopes`); a
// timestamp is 0001-01-01..9999-12-31 in Unix seconds (§21.9); every entry of `logs` has a
// `level` and a `message`, of `notifications` a `type` and a `message`, of `errors` a `code` (a
// null counts as absent); the same member in two spellings is ambiguous (§21.5).
inline void add_bound_rows(std::vector<bad_row>& rows) {
    constexpr auto none = failure::no_offset;
    std::vector<bad_row> const more = {
        {"status 600", R"({"status":600})", error::integer_out_of_range, "status", none, ""},
        {"status 1000", R"({"status":1000})", error::integer_out_of_range, "status", none, ""},
        {"status 0", R"({"status":0})", error::integer_out_of_range, "status", none, ""},
        {"status -200", R"({"status":-200})", error::integer_out_of_range, "status", none, ""},
        {"status 2^63 (unsigned)", R"({"status":9223372036854775808})", error::integer_out_of_range, "status", none, ""},
        {"status -2^63", R"({"status":-9223372036854775808})", error::integer_out_of_range, "status", none, ""},
        {"status true", R"({"status":true})", error::wrong_type, "status", none, "integer"},
        {"status object", R"({"status":{}})", error::wrong_type, "status", none, "integer"},
        {"status array", R"({"status":[200]})", error::wrong_type, "status", none, "integer"},
        {"status missing, only data", R"({"data":{"status":200}})", error::missing_parameter, "status", none, ""},
        {"timestamp one second before 0001-01-01", R"({"status":200,"timestamp":-62135596801})",
         error::timestamp_out_of_range, "timestamp", none, ""},
        {"timestamp -2^63", R"({"status":200,"timestamp":-9223372036854775808})", error::timestamp_out_of_range,
         "timestamp", none, ""},
        {"timestamp 2^64-1", R"({"status":200,"timestamp":18446744073709551615})", error::timestamp_out_of_range,
         "timestamp", none, ""},
        {"timestamp as a double", R"({"status":200,"timestamp":1441828693.5})", error::wrong_type, "timestamp", none,
         "timestamp"},
        {"timestamp text past 9999", R"({"status":200,"timestamp":"10000-01-01T00:00:00Z"})", error::invalid_timestamp,
         "timestamp", none, ""},
        {"log without level", R"({"status":200,"logs":[{"message":"m"}]})", error::missing_parameter, "logs[0].level",
         none, ""},
        {"log level null", R"({"status":200,"logs":[{"level":null,"message":"m"}]})", error::missing_parameter,
         "logs[0].level", none, ""},
        {"second log without level", R"({"status":200,"logs":[{"level":"NOTICE","message":"m"},{"Message":"m"}]})",
         error::missing_parameter, "logs[1].level", none, ""},
        {"log entry empty", R"({"status":200,"logs":[{}]})", error::missing_parameter, "logs[0].level", none, ""},
        {"log message null", R"({"status":200,"logs":[{"level":"NOTICE","message":null}]})", error::missing_parameter,
         "logs[0].message", none, ""},
        {"log entry as number", R"({"status":200,"logs":[1]})", error::wrong_type, "logs[0]", none, "object"},
        {"log entry as array", R"({"status":200,"logs":[[]]})", error::wrong_type, "logs[0]", none, "object"},
        {"notification type null", R"({"status":200,"notifications":[{"type":null,"message":"m"}]})",
         error::missing_parameter, "notifications[0].type", none, ""},
        {"error code null", R"({"status":400,"errors":[{"code":null}]})", error::missing_parameter, "errors[0].code",
         none, ""},
        {"error entry empty", R"({"status":400,"errors":[{"code":"A"},{}]})", error::missing_parameter,
         "errors[1].code", none, ""},
        {"error entry as array", R"({"status":400,"errors":[["A"]]})", error::wrong_type, "errors[0]", none, "object"},
        {"parameter entry object", R"({"status":400,"errors":[{"code":"A","parameters":[{}]}]})", error::wrong_type,
         "errors[0].parameters[0]", none, "string"},
        {"parameter entry array", R"({"status":400,"errors":[{"code":"A","parameters":["a","b",[]]}]})",
         error::wrong_type, "errors[0].parameters[2]", none, "string"},
        {"parameter entry null", R"({"status":400,"errors":[{"code":"A","parameters":[null]}]})", error::wrong_type,
         "errors[0].parameters[0]", none, "string"},
        {"sticky as number", R"({"status":200,"notifications":[{"type":"INFO","message":"m","sticky":1}]})",
         error::wrong_type, "notifications[0].sticky", none, "boolean"},
        {"sticky as object", R"({"status":200,"notifications":[{"type":"INFO","message":"m","sticky":{}}]})",
         error::wrong_type, "notifications[0].sticky", none, "boolean"},
        {"status in two spellings", R"({"status":200,"Status":200})", error::duplicate, "Status", none, ""},
        {"code in two spellings", R"({"status":400,"errors":[{"code":"A","Code":"A"}]})", error::duplicate,
         "errors[0].Code", none, ""},
        {"message in two spellings", R"({"status":200,"notifications":[{"type":"INFO","message":"m","Message":"m"}]})",
         error::duplicate, "notifications[0].Message", none, ""},
        {"level in two spellings", R"({"status":200,"logs":[{"level":"NOTICE","Level":"ERROR","message":"m"}]})",
         error::duplicate, "logs[0].Level", none, ""},
        {"more_info in two spellings", R"({"status":400,"errors":[{"code":"A","more_info":"x","moreInfo":"y"}]})",
         error::duplicate, "errors[0].moreInfo", none, ""},
        {"root is a number", "200", error::invalid_envelope, "", none, "object"},
        // A body that starts with a letter is JSONP (§13): `null` and `true` are callbacks without `(`.
        {"root is null, read as JSONP", "null", error::unexpected_end, "", 4, ""},
        {"root is true, read as JSONP", " true ", error::unexpected_end, "", 6, ""},
        {"root is a number array", " [200] ", error::invalid_envelope, "", none, "object"},
        {"byte 0x80", "{\"status\":200,\"session_id\":\"\x80\"}", error::invalid_utf8, "", 28, ""},
        {"DEL outside a string", "{\"status\":200,\x7f}", error::invalid_json, "", 14, ""},
        {"comment", "{\"status\":200/*x*/}", error::invalid_json, "", 13, ""},
        {"trailing comma", R"({"status":200,})", error::invalid_json, "", 14, ""},
        {"single quotes", R"({'status':200})", error::invalid_json, "", 1, ""},
        {"leading zero", R"({"status":0200})", error::invalid_json, "", 11, ""},
    };
    rows.insert(rows.end(), more.begin(), more.end());
}

// Every member and entry field of the wrong JSON type: the path names it as the body spells it in
// snake case, and `expected` says what it should be (§4.3).
inline void add_member_type_rows(std::vector<bad_row>& rows) {
    constexpr auto none = failure::no_offset;
    std::string_view const wrong_values[] = {"7", "true", "{}", "[]", "1.5"};
    for (std::string_view member : {"resource", "first_url", "previous_url", "next_url", "last_url", "session_id", "auth_token"})
        for (std::string_view v : wrong_values)
            rows.push_back({"string member", "{\"status\":200,\"" + std::string(member) + "\":" + std::string(v) + "}",
                            error::wrong_type, std::string(member), none, "string"});
    for (std::string_view member : {"total_count", "offset", "limit"}) {
        for (std::string_view v : {"\"1\"", "true", "{}", "[]", "1.5", "1e2"})
            rows.push_back({"count member", "{\"status\":200,\"" + std::string(member) + "\":" + std::string(v) + "}",
                            error::wrong_type, std::string(member), none, "integer"});
        for (std::string_view v : {"-1", "-9223372036854775808"})
            rows.push_back({"negative count", "{\"status\":200,\"" + std::string(member) + "\":" + std::string(v) + "}",
                            error::integer_out_of_range, std::string(member), none, ""});
    }
    for (std::string_view member : {"errors", "notifications", "logs"})
        for (std::string_view v : {"\"x\"", "7", "true", "{}"})
            rows.push_back({"list member", "{\"status\":200,\"" + std::string(member) + "\":" + std::string(v) + "}",
                            error::wrong_type, std::string(member), none, "array"});
    for (std::string_view field : {"code", "message", "more_info", "parameter", "pointer"})
        for (std::string_view v : wrong_values)
            rows.push_back({"error field", "{\"status\":400,\"errors\":[{\"code\":\"A\",\"" + std::string(field) + "\":" +
                                               std::string(v) + "}]}",
                            error::wrong_type, "errors[0]." + std::string(field), none, "string"});
    for (std::string_view field : {"type", "message", "related_url", "related_href", "related_label"})
        for (std::string_view v : wrong_values)
            rows.push_back({"notification field",
                            "{\"status\":200,\"notifications\":[{\"type\":\"INFO\",\"message\":\"m\",\"" + std::string(field) +
                                "\":" + std::string(v) + "}]}",
                            error::wrong_type, "notifications[0]." + std::string(field), none, "string"});
    for (std::string_view field : {"level", "message"})
        for (std::string_view v : wrong_values)
            rows.push_back({"log field",
                            "{\"status\":200,\"logs\":[{\"level\":\"NOTICE\",\"message\":\"m\",\"" + std::string(field) +
                                "\":" + std::string(v) + "}]}",
                            error::wrong_type, "logs[0]." + std::string(field), none, "string"});
}

// Every byte as a whole body, and every control byte inside a string (§21.20, RFC 8259 §7): a body
// of JSON whitespace only is a 304's (tested in `bound_envelopes`); any other single byte is not
// an envelope; a control byte in a string is invalid JSON at its offset, NUL its own error.
inline void add_byte_class_rows(std::vector<bad_row>& rows) {
    constexpr auto none = failure::no_offset;
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        // JSON whitespace is a 304's body (`good_envelopes`); `[` alone is wrong in shape and in
        // syntax, which the two readers may report by either problem (envelope_metadata_parser.hpp).
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '[') continue;
        std::string const body(1, c);
        if (c >= '0' && c <= '9')
            rows.push_back({"single digit", body, error::invalid_envelope, "", none, "object"});
        else if (c == '"' || c == '{' || c == '-' || c == 't' || c == 'f' || c == 'n')
            rows.push_back({"single opening byte", body, error::unexpected_end, "", 1, ""});
        else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$')
            rows.push_back({"single JSONP identifier byte", body, error::unexpected_end, "", 1, ""});
        else if (b >= 0x80)
            rows.push_back({"single non-ASCII byte", body, error::invalid_utf8, "", 0, ""});
        else if (b == 0)
            rows.push_back({"single NUL", body, error::nul_byte, "", 0, ""});
        else
            rows.push_back({"single other byte", body, error::invalid_json, "", 0, ""});
    }
    for (int b = 0; b < 0x20; ++b) {
        std::string body = "{\"status\":200,\"resource\":\"a";
        body += static_cast<char>(b);
        body += "\"}";
        rows.push_back({"control byte in a string", body, b == 0 ? error::nul_byte : error::invalid_json, "", 27, ""});
    }
}

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
    std::vector<bad_row> rows = {
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
    add_bound_rows(rows);
    add_member_type_rows(rows);
    add_byte_class_rows(rows);
    return rows;
}

// Good input at the bounds: what both readers must accept, with the status they read.
struct good_row {
    std::string_view name;
    std::string body;
    int status;
    bool has_body = true;
};

inline std::vector<good_row> good_envelopes() {
    std::vector<good_row> rows = {
        {"status 100, the lowest", R"({"status":100})", 100},
        {"status 599, the highest", R"({"status":599})", 599},
        {"status 200 as unsigned text", R"({"status":200})", 200},
        {"status written -0", R"({"status":-0,"status":304})", 304},
        {"timestamp 0001-01-01T00:00:00Z in seconds", R"({"status":200,"timestamp":-62135596800})", 200},
        {"timestamp 9999-12-31T23:59:59Z in seconds", R"({"status":200,"timestamp":253402300799})", 200},
        {"timestamp text at both ends", R"({"status":200,"timestamp":"0001-01-01T00:00:00Z","timestamp":"9999-12-31T23:59:59Z"})", 200},
        {"counts at 0 and 2^64-1",
         R"({"status":200,"total_count":18446744073709551615,"offset":0,"limit":9223372036854775807})", 200},
        {"every entry field", R"({"status":400,"errors":[{"code":"A","message":"m","more_info":"i","parameter":"p","pointer":"/a","parameters":[]}],)"
                              R"("notifications":[{"type":"INFO","message":"m","sticky":true,"related_url":"u","related_href":"h","related_label":"l"}],)"
                              R"("logs":[{"level":"NOTICE","message":"m","extra":[{"level":1}]}]})", 400},
        {"unknown fields of any shape in entries", R"({"status":200,"logs":[{"Level":"X","Message":"m","x":{"a":[1,{"b":null}]},"y":[[]]}]})", 200},
        {"nulls everywhere", R"({"status":200,"data":null,"resources":null,"resource":null,"total_count":null,"errors":null,"timestamp":null})", 200},
        {"JSONP with whitespace", " \t\r\ncb ( {\"status\":404} ) ; \n", 404},
        {"long key skipped", R"({"status":200,"a_very_long_unknown_member_name_past_sixteen_bytes":{"status":1}})", 200},
    };
    // JSON whitespace (RFC 8259 §2: space, tab, LF, CR) around the body, each byte and all four;
    // a body of JSON whitespace only is a 304's (§4.1).
    for (std::string_view ws : {" ", "\t", "\n", "\r", "\n\r\t ", " \n"}) {
        rows.push_back({"whitespace around the body", std::string(ws) + R"({"status":201})" + std::string(ws), 201});
        rows.push_back({"whitespace inside the body", R"({)" + std::string(ws) + R"("status")" + std::string(ws) + ":" +
                                                          std::string(ws) + "202" + std::string(ws) + "}",
                        202});
        rows.push_back({"whitespace only", std::string(ws), 304, false});
    }
    rows.push_back({"empty", "", 304, false});
    return rows;
}

}  // namespace vectors

#endif  // KAYAKO_TESTS_ENVELOPE_BAD_INPUTS_HPP
