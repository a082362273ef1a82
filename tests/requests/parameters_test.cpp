// Tests of parameters.hpp: one typed view over form, JSON and multipart bodies (§2, §3, §16.3).
#include <kayako/request/parameters.hpp>

#include <kayako/core/api_error.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kayako::body_encoding;
using kayako::error;
using kayako::parameters;
using namespace std::string_view_literals;
using namespace std::string_literals;

constexpr std::string_view form_type = "application/x-www-form-urlencoded";
constexpr std::string_view json_type = "application/json";
constexpr std::string_view multipart_type = R"(multipart/form-data; boundary="1modcYGLAATJpapo8jhD4UwHbF5asu4u")";

// A multipart body from name/value pairs (text parts), with CRLF.
std::string multipart(std::vector<std::pair<std::string, std::string>> const& parts) {
    std::string body;
    for (auto const& [name, value] : parts)
        body += "--1modcYGLAATJpapo8jhD4UwHbF5asu4u\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
                value + "\r\n";
    return body + "--1modcYGLAATJpapo8jhD4UwHbF5asu4u--\r\n";
}

struct encoded {
    std::string_view what;
    std::optional<std::string_view> content_type;
    std::string body;
};

parameters parse_ok(encoded const& e) {
    auto p = parameters::parse(e.content_type, e.body);
    EXPECT_TRUE(p) << e.what << ": " << p.error().message();
    return p ? std::move(*p) : parameters();
}

TEST(Parameters, TvIntro1) {  // §1.1, §16.3 vector 1
    encoded const rows[] = {
        {"form", form_type, "name=Caryn+Pryor&array_items=1,2,3&is_boolean=true"},
        {"form without Content-Type", std::nullopt, "name=Caryn+Pryor&array_items=1,2,3&is_boolean=true"},
        {"json", json_type, R"({"name":"Caryn Pryor","array_items":[1,2,3],"is_boolean":true})"},
        {"multipart", multipart_type, multipart({{"name", "Caryn Pryor"}, {"array_items", "1,2,3"}, {"is_boolean", "true"}})},
    };
    for (auto const& e : rows) {
        SCOPED_TRACE(e.what);
        parameters const p = parse_ok(e);
        EXPECT_EQ(p.size(), 3u);
        EXPECT_EQ(p.require<std::string>("name").value(), "Caryn Pryor");
        EXPECT_EQ(p.get_list<std::int64_t>("array_items").value(), (std::vector<std::int64_t>{1, 2, 3}));
        EXPECT_EQ(p.get<bool>("is_boolean").value(), true);
        EXPECT_EQ(p.get<bool>("isBoolean").value(), true);  // §2.5
        EXPECT_FALSE(p.get<bool>("absent").value());
    }
}

TEST(Parameters, TvReq1Req2Req3) {  // §2.2, §2.3, §2.4
    std::string const req3 = multipart({{"name", "Caryn Pryor"},
                                        {"integer_number", "123"},
                                        {"float_number", "1.5"},
                                        {"date", "2015-09-01T14:45:04Z"},
                                        {"is_boolean", "1"},
                                        {"array_items[]", "1"},
                                        {"array_items[]", "2"}});
    encoded const rows[] = {
        {"TV-REQ-1 form", form_type,
         "name=Caryn+Pryor&integer_number=123&float_number=1.5&&date=1441118415&is_boolean=1&array_items[]=1&array_items[]=2"},
        {"TV-REQ-1 form, %5B%5D", form_type,
         "name=Caryn%20Pryor&integer_number=123&float_number=1.5&date=1441118415&is_boolean=1&array_items%5B%5D=1&array_items%5B%5D=2"},
        {"TV-REQ-2 json", json_type,
         R"({"name":"Caryn Pryor","integer_number":123,"float_number":1.5,
             "date":"2015-09-01T14:45:04+05:00","is_boolean":true,"array_items":[1,2]})"},
        {"TV-REQ-3 multipart", multipart_type, req3},
    };
    for (auto const& e : rows) {
        SCOPED_TRACE(e.what);
        parameters const p = parse_ok(e);
        EXPECT_EQ(p.get<std::string>("name").value(), "Caryn Pryor");
        EXPECT_EQ(p.get<std::int64_t>("integer_number").value(), 123);
        EXPECT_EQ(p.get<std::int32_t>("integerNumber").value(), 123);
        EXPECT_EQ(p.get<double>("float_number").value(), 1.5);
        EXPECT_EQ(p.get<bool>("is_boolean").value(), true);
        EXPECT_EQ(p.get_list<int>("array_items").value(), (std::vector<int>{1, 2}));
        auto date = p.require<kayako::timestamp>("date");
        ASSERT_TRUE(date);
        // TV-REQ-1: 1441118415 = 2015-09-01T14:40:15Z; TV-REQ-2: 14:45:04+05:00 = 09:45:04Z; TV-REQ-3: 14:45:04Z.
        std::int64_t const expected = e.what.starts_with("TV-REQ-1") ? 1441118415
                                    : e.what.starts_with("TV-REQ-2") ? 1441100704
                                                                     : 1441118704;
        EXPECT_EQ(date->seconds, expected);
    }
}

TEST(Parameters, DataTypeVectors) {  // §3 TV-DT-1..5, §16.3 vectors 2-5
    struct row {
        std::string_view what;
        std::optional<std::string_view> content_type;
        std::string body;
    };
    // TV-DT-1 / §16.3 vector 5: base64.
    for (auto const& e : {encoded{"form", form_type, "binary_data=4pi6&other=Q2FyeW4gUHJ5b3I%3D"},
                          encoded{"json", json_type, R"({"binary_data":"4pi6","other":"Q2FyeW4gUHJ5b3I="})"},
                          encoded{"multipart", multipart_type, multipart({{"binary_data", "4pi6"}, {"other", "Q2FyeW4gUHJ5b3I="}})}}) {
        SCOPED_TRACE(e.what);
        parameters const p = parse_ok(e);
        EXPECT_EQ(p.require<kayako::binary>("binary_data").value().bytes, "\xE2\x98\xBA");
        EXPECT_EQ(p.require<kayako::binary>("other").value().bytes, "Caryn Pryor");
    }
    // TV-DT-2 / §16.3 vector 3: booleans.
    struct boolean_row {
        std::string_view text;
        bool value;
    } const booleans[] = {{"TRUE", true}, {"true", true}, {"1", true}, {"false", false}, {"0", false}, {"FALSE", false}};
    for (auto const& b : booleans) {
        SCOPED_TRACE(b.text);
        std::string const t(b.text);
        for (auto const& e : {encoded{"form", form_type, "is_boolean=" + t},
                              encoded{"json string", json_type, R"({"is_boolean":")" + t + "\"}"},
                              encoded{"multipart", multipart_type, multipart({{"is_boolean", t}})}}) {
            EXPECT_EQ(parse_ok(e).get<bool>("is_boolean").value(), b.value) << e.what;
        }
    }
    EXPECT_EQ(parse_ok({"json true", json_type, R"({"is_boolean":true})"}).get<bool>("is_boolean").value(), true);
    EXPECT_EQ(parse_ok({"json 0", json_type, R"({"is_boolean":0})"}).get<bool>("is_boolean").value(), false);
    // TV-DT-3 / §16.3 vector 4: options.
    constexpr std::array<std::string_view, 4> options = {"FOO", "BAR", "ANY", "NONE"};
    for (auto const& e : {encoded{"form", form_type, "option=bar"}, encoded{"json", json_type, R"({"option":"bar"})"},
                          encoded{"multipart", multipart_type, multipart({{"option", "bar"}})}}) {
        EXPECT_EQ(parse_ok(e).get_option("option", options).value(), "BAR") << e.what;
    }
    // TV-DT-4 / §16.3 vector 2: three spellings of one list.
    for (auto const& e : {encoded{"comma", form_type, "numbers=1,2,3"},
                          encoded{"brackets", form_type, "numbers[]=1&numbers[]=2&numbers[]=3"},
                          encoded{"json array", json_type, R"({"numbers":[1,2,3]})"},
                          encoded{"multipart brackets", multipart_type, multipart({{"numbers[]", "1"}, {"numbers[]", "2"}, {"numbers[]", "3"}})},
                          encoded{"multipart comma", multipart_type, multipart({{"numbers", "1,2,3"}})}}) {
        EXPECT_EQ(parse_ok(e).get_list<std::int64_t>("numbers").value(), (std::vector<std::int64_t>{1, 2, 3})) << e.what;
    }
    // TV-DT-5: Unix seconds and ISO-8601 are one instant.
    for (auto const& e : {encoded{"form unix", form_type, "at=1441828693"}, encoded{"form iso", form_type, "at=2015-09-09T19:58:13Z"},
                          encoded{"json number", json_type, R"({"at":1441828693})"},
                          encoded{"json iso", json_type, R"({"at":"2015-09-09T19:58:13Z"})"},
                          encoded{"multipart", multipart_type, multipart({{"at", "2015-09-10T00:58:13+05:00"}})}}) {
        EXPECT_EQ(parse_ok(e).get<kayako::timestamp>("at").value()->seconds, 1441828693) << e.what;
    }
}

TEST(Parameters, RepeatsAndCase) {  // §21.15, §2.5
    parameters const p = parse_ok({"form", form_type, "_Case=camel&_case=pascal&ids=1,2&ids[]=3&fullName=x"});
    EXPECT_EQ(p.get<std::string_view>("_case").value(), "pascal");  // last wins
    EXPECT_EQ(p.get_list<int>("ids").value(), (std::vector<int>{1, 2, 3}));
    EXPECT_TRUE(p.has("full_name"));
    EXPECT_TRUE(p.has("FullName"));
    EXPECT_EQ(p.get<std::string>("missing", "fallback").value(), "fallback");
    std::vector<std::string_view> names;
    for (auto const& param : p) names.push_back(param.name);
    EXPECT_EQ(names, (std::vector<std::string_view>{"_Case", "_case", "ids", "ids[]", "fullName"}));
}

TEST(Parameters, JsonSpecifics) {  // §2.3
    parameters const p = parse_ok({"json", json_type,
                                   R"({"values":{"general.companyname":"Brewfictus","general.enablesmtp":1},
                                       "n":null,"f":3.0,"big":18446744073709551615,"s":"text","b":false,"x":2.5})"});
    ASSERT_NE(p.json("values"), nullptr);
    EXPECT_TRUE(p.json("values")->is_object());
    EXPECT_FALSE(p.has("n"));  // null reads as absent
    EXPECT_FALSE(p.get<int>("n").value());
    EXPECT_EQ(p.get<int>("f").value(), 3);
    EXPECT_EQ(p.get<std::uint64_t>("big").value(), 18446744073709551615u);
    EXPECT_EQ(p.get<std::string>("b").value(), "false");
    EXPECT_EQ(p.get<std::string>("x").value(), "2.5");
    EXPECT_EQ(p.get<std::string>("big").value(), "18446744073709551615");
    EXPECT_EQ(p.get<std::string_view>("s").value(), "text");
    EXPECT_EQ(p.encoding(), body_encoding::json);
}

TEST(Parameters, MultipartFiles) {  // §8.3, TV-FU-3
    std::string const body =
        "--b\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"coffee.png\"\r\nContent-Type: image/png\r\n\r\nPNG1\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"cappuccino.png\"\r\n\r\nPNG2\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nHello\r\n--b--\r\n";
    auto p = parameters::parse("multipart/form-data; boundary=b", body);
    ASSERT_TRUE(p) << p.error().message();
    auto files = p->files("files");
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0]->filename, "coffee.png");
    EXPECT_EQ(files[1]->content, "PNG2");
    EXPECT_EQ(files[1]->content.data(), body.data() + body.find("PNG2"));  // zero copy
    EXPECT_EQ(p->file("files")->filename, "cappuccino.png");
    EXPECT_EQ(p->file("subject"), nullptr);  // a text part is no file
    EXPECT_EQ(p->file("missing"), nullptr);
    EXPECT_EQ(p->json("missing"), nullptr);
    EXPECT_EQ(p->files().size(), 2u);
    EXPECT_EQ(p->get<std::string>("subject").value(), "Hello");
    auto as_text = p->get<std::string>("files");
    ASSERT_FALSE(as_text);
    EXPECT_EQ(as_text.error().code, error::wrong_type);
    EXPECT_EQ(as_text.error().parameter, "files[]");
    // Moving the view keeps every view valid.
    parameters moved = std::move(*p);
    EXPECT_EQ(moved.get<std::string>("subject").value(), "Hello");
    EXPECT_EQ(moved.files("files")[0]->filename, "coffee.png");
}

TEST(Parameters, RawBodiesHaveNoParameters) {  // §8.2
    auto p = parameters::parse("image/png", "\x89PNG");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->encoding(), body_encoding::raw);
    EXPECT_TRUE(p->empty());
}

struct bad_value {
    std::string_view what;
    std::optional<std::string_view> content_type;
    std::string body;
    error code;
    std::string_view parameter;
    std::size_t offset = kayako::failure::no_offset;
};

// Reads `name` as T and returns the failure.
template <class T>
kayako::failure fail_get(parameters const& p, std::string_view name) {
    auto r = p.get<T>(name);
    EXPECT_FALSE(r);
    return r ? kayako::failure() : r.error();
}

TEST(Parameters, ErrorsNameTheParameter) {
    // Each row reads parameter `x` (sent as `X` or `x[]` where the row says) as an int64.
    bad_value const rows[] = {
        {"form: not a number", form_type, "X=12a", error::invalid_integer, "X", 2},
        {"form: huge integer", form_type, "x=99999999999999999999", error::integer_out_of_range, "x", 0},
        {"form: empty", form_type, "x=", error::empty_value, "x", 0},
        {"json: string not a number", json_type, R"({"x":"12a"})", error::invalid_integer, "x", 2},
        {"json: fraction", json_type, R"({"x":1.5})", error::invalid_integer, "x", 0},
        {"json: huge", json_type, R"({"x":1e300})", error::integer_out_of_range, "x", 0},
        {"json: uint64 too big", json_type, R"({"x":18446744073709551615})", error::integer_out_of_range, "x", 0},
        {"json: bool", json_type, R"({"x":true})", error::wrong_type, "x"},
        {"json: object", json_type, R"({"x":{}})", error::wrong_type, "x"},
        {"json: array", json_type, R"({"x":[1]})", error::wrong_type, "x"},
        {"multipart: not a number", multipart_type, multipart({{"x", "-"}}), error::invalid_integer, "x", 1},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        encoded const e{r.what, r.content_type, r.body};  // a multipart view points into e.body
        parameters const p = parse_ok(e);
        kayako::failure const f = fail_get<std::int64_t>(p, "x");
        EXPECT_EQ(f.code, r.code) << f.message();
        EXPECT_EQ(f.parameter, r.parameter);
        EXPECT_EQ(f.offset, r.offset);
    }
    parameters const p = parse_ok({"form", form_type, "a=1"});
    auto missing = p.require<int>("name");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, error::missing_parameter);  // → FIELD_REQUIRED
    EXPECT_EQ(missing.error().parameter, "name");
    EXPECT_EQ(kayako::api_error_for(missing.error()), kayako::api_error_code::field_required);
    auto wrong_option = parse_ok({"form", form_type, "option=baz"}).get_option("option", std::array<std::string_view, 1>{"FOO"});
    ASSERT_FALSE(wrong_option);
    EXPECT_EQ(wrong_option.error().code, error::invalid_option);
}

TEST(Parameters, ListErrors) {
    struct row {
        std::string_view what;
        std::optional<std::string_view> content_type;
        std::string body;
        error code;
        std::string_view parameter;
        std::size_t offset;
    } const rows[] = {
        {"comma list item", form_type, "ids=1,x,3", error::invalid_integer, "ids", 2},
        {"empty comma item", form_type, "ids=1,,3", error::empty_value, "ids", 2},
        {"bracket item", form_type, "ids[]=1&ids[]=y", error::invalid_integer, "ids[]", 0},
        {"json array item", json_type, R"({"ids":[1,"y",3]})", error::invalid_integer, "ids", 1},
        {"json nested array", json_type, R"({"ids":[1,[2]]})", error::wrong_type, "ids", 1},
        {"json object", json_type, R"({"ids":{"a":1}})", error::wrong_type, "ids", kayako::failure::no_offset},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        encoded const e{r.what, r.content_type, r.body};  // a multipart view points into e.body
        parameters const p = parse_ok(e);
        auto l = p.get_list<int>("ids");
        ASSERT_FALSE(l);
        EXPECT_EQ(l.error().code, r.code) << l.error().message();
        EXPECT_EQ(l.error().parameter, r.parameter);
        EXPECT_EQ(l.error().offset, r.offset);
    }
    std::string many = "ids=";
    for (int i = 0; i < 1001; ++i) many += (i ? ",1" : "1");
    auto too_many = parse_ok({"form", form_type, many}).get_list<int>("ids");
    ASSERT_FALSE(too_many);
    EXPECT_EQ(too_many.error().code, error::too_many);
}

// §21.20: a value that arrived as invalid UTF-8 is 400 FIELD_INVALID naming the parameter, in
// every body encoding; file parts hold bytes and are exempt.
TEST(Parameters, InvalidUtf8IsRefusedInEveryEncoding) {
    std::string const b = "--1modcYGLAATJpapo8jhD4UwHbF5asu4u";
    auto part = [&](std::string_view disposition, std::string_view content) {
        return b + "\r\nContent-Disposition: form-data; " + std::string(disposition) + "\r\n\r\n" + std::string(content) + "\r\n";
    };
    struct row {
        std::string_view what;
        std::string_view content_type;
        std::string body;
        error code;
        std::size_t offset;
        std::string_view parameter;
    } const rows[] = {
        {"form value", form_type, "ok=1&name=a%FFb", error::invalid_utf8, 11, "name"},
        {"form raw byte", form_type, "name=\xC3(", error::invalid_utf8, 5, "name"},
        {"form truncated sequence", form_type, "name=%E2%82", error::invalid_utf8, 5, "name"},
        {"form name as sent", form_type, "n%FF=1", error::invalid_utf8, 1, "n%FF"},
        {"multipart value", multipart_type, part("name=\"title\"", "ok") + part("name=\"name\"", "a\xFF" "b") + b + "--",
         error::invalid_utf8, 0, "name"},
        {"multipart value, escaped name", multipart_type, part("name=\"q\\\"\"", "\xC0\xAF") + b + "--",
         error::invalid_utf8, 0, "q\\\""},
        {"json value", json_type, "{\"name\":\"\xFF\"}", error::invalid_json, 9, ""},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto p = parameters::parse(r.content_type, r.body);
        ASSERT_FALSE(p);
        EXPECT_EQ(p.error().code, r.code) << p.error().message();
        // Multipart rows: at the first byte that is not ASCII.
        std::size_t const at = r.offset ? r.offset : r.body.find_first_of("\x80\x81\xC0\xFF");
        if (r.code == error::invalid_utf8) {
            EXPECT_EQ(p.error().offset, at);
        }
        EXPECT_EQ(p.error().parameter, r.parameter);
        EXPECT_EQ(kayako::api_error_for(p.error()), kayako::api_error_code::field_invalid);
    }
    // Valid UTF-8 passes, U+FFFD sent as such too; a file part's bytes are not text.
    auto fffd = parameters::parse(form_type, "name=%EF%BF%BD&x=\xEF\xBF\xBD");
    ASSERT_TRUE(fffd) << fffd.error().message();
    EXPECT_EQ(**fffd->get<std::string>("name"), "\xEF\xBF\xBD");
    std::string const file_body = part("name=\"f\"; filename=\"f.bin\"", "\xFF\xFE") + part("name=\"t\"", "caf\xC3\xA9") + b + "--";
    auto file = parameters::parse(multipart_type, file_body);  // views into file_body
    ASSERT_TRUE(file) << file.error().message();
    EXPECT_EQ(file->file("f")->content, "\xFF\xFE");
    EXPECT_EQ(**file->get<std::string>("t"), "caf\xC3\xA9");
    // The decoder itself stays lenient (WHATWG): parse_form still writes U+FFFD.
    auto lenient = kayako::parse_form("name=a%FFb");
    ASSERT_TRUE(lenient);
    EXPECT_EQ(std::string(lenient->begin()->value), "a\xEF\xBF\xBD" "b");
}

TEST(Parameters, BadBodies) {
    std::string deep = std::string(65, '[') + std::string(65, ']');
    std::string deep_object = "{\"a\":" + deep + "}";
    std::string ok_depth = "{\"a\":" + std::string(63, '[') + std::string(63, ']') + "}";
    struct row {
        std::string_view what;
        std::optional<std::string_view> content_type;
        std::string body;
        error code;
        std::size_t offset;
        std::string_view parameter = {};
    } const rows[] = {
        {"json: not JSON", json_type, "name=x", error::invalid_json, 0},
        {"json: array body", json_type, "  [1,2]", error::invalid_json, 2},
        {"json: string body", json_type, "\"x\"", error::invalid_json, 0},
        {"json: truncated", json_type, "{\"a\":1", error::invalid_json, 6},
        {"json: two values", json_type, "{} {}", error::invalid_json, 3},
        {"json: empty", json_type, "", error::invalid_json, 0},
        {"json: too deep", json_type, deep_object, error::too_deep, 68},  // the object counts as one level: the 64th `[` is the 65th,
        {"json: invalid UTF-8", json_type, "{\"a\":\"\xFF\"}", error::invalid_json, 6},
        {"json: NUL byte", json_type, "{\"a\":\"\0\"}"s, error::invalid_json, 6},
        {"form strict: invalid UTF-8", form_type, "a=%FF", error::invalid_utf8, 2},
        {"multipart: never closes", multipart_type, "--1modcYGLAATJpapo8jhD4UwHbF5asu4u\r\nContent-Disposition: form-data; name=a\r\n\r\nv",
         error::unexpected_end, 79},
        {"multipart: no boundary", "multipart/form-data", "", error::missing_boundary, kayako::failure::no_offset, "Content-Type"},
        {"bad Content-Type", "application/", "", error::unexpected_end, 12, "Content-Type"},
    };
    kayako::parameters_options strict;
    strict.form.strict = true;
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto p = parameters::parse(r.content_type, r.body, strict);
        ASSERT_FALSE(p);
        EXPECT_EQ(p.error().code, r.code) << p.error().message();
        EXPECT_EQ(p.error().offset, r.offset);
        EXPECT_EQ(p.error().parameter, r.parameter);
    }
    EXPECT_TRUE(parameters::parse(json_type, ok_depth));
    // Limits.
    std::string members = "{";
    for (int i = 0; i < 1001; ++i) members += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
    members += "}";
    auto many = parameters::parse(json_type, members);
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().code, error::too_many);
    kayako::parameters_options small;
    small.max_json_size = 4;
    auto big = parameters::parse(json_type, "{\"a\":1}", small);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, error::too_long);
    std::string ampersands(100000, '&');
    auto empty_pieces = parameters::parse(form_type, ampersands);
    ASSERT_TRUE(empty_pieces);
    EXPECT_TRUE(empty_pieces->empty());
}

}  // namespace

namespace {

// Reads parameter `x` of the JSON body `{"x":<number>}` as T.
template <class T>
kayako::result<std::optional<T>> json_x(std::string_view number) {
    std::string const body = "{\"x\":" + std::string(number) + "}";
    auto p = parameters::parse(json_type, body);
    EXPECT_TRUE(p) << body;
    if (!p) return kayako::failure(error::invalid_json);
    auto r = p->get<T>("x");
    // A failure's parameter views the parameters, which end here: check it now.
    if (!r) {
        EXPECT_EQ(r.error().parameter, "x") << body;
    }
    return r;
}

// §3, §21.19: a JSON number read as an integer type must be integral and in the type's range,
// whether Boost.JSON stored it as an integer (integer text that fits) or as a double (an exponent,
// a fraction, or integer text too large): each bound accepted, the next value refused, in every
// spelling. A double's neighbours of 2^63 are 2^63-1024 and 2^63+2048.
TEST(Parameters, JsonIntegersAtTheRangeBounds) {
    struct row {
        std::string_view number;
        std::optional<std::int64_t> expected;  // nothing: integer_out_of_range
    } const int64_rows[] = {
        {"9223372036854775807", INT64_MAX},                       // integer text, the largest
        {"9223372036854775808", std::nullopt},                    // integer text (uint64), one past
        {"-9223372036854775808", INT64_MIN},                      // integer text, the smallest
        {"9.2233720368547758e18", std::nullopt},                  // the double 2^63
        {"9223372036854775808.0", std::nullopt},                  // 2^63 with a fraction part
        {"9.223372036854775807e18", std::nullopt},                // rounds to 2^63
        {"9.2233720368547748e18", 9223372036854774784},           // the double just below 2^63
        {"-9.2233720368547758e18", INT64_MIN},                    // the double -2^63
        {"-9223372036854775808.0", INT64_MIN},
        {"-9.2233720368547779e18", std::nullopt},                 // the double just below -2^63
        {"1e19", std::nullopt},
        {"-1e19", std::nullopt},
        {"0.0", 0},
        {"-0.0", 0},
        {"1e2", 100},
    };
    for (auto const& r : int64_rows) {
        SCOPED_TRACE(r.number);
        auto const v = json_x<std::int64_t>(r.number);
        if (r.expected) {
            ASSERT_TRUE(v) << v.error().message();
            EXPECT_EQ(**v, *r.expected);
        } else {
            ASSERT_FALSE(v);
            EXPECT_EQ(v.error().code, error::integer_out_of_range);
            EXPECT_EQ(kayako::api_error_for(v.error()), kayako::api_error_code::field_invalid);
        }
    }
    struct urow {
        std::string_view number;
        std::optional<std::uint64_t> expected;
    } const uint64_rows[] = {
        {"18446744073709551615", UINT64_MAX},
        {"18446744073709551616", std::nullopt},   // integer text past uint64: the double 2^64
        {"1.8446744073709552e19", std::nullopt},  // the double 2^64
        {"1.8446744073709550e19", 18446744073709549568u},  // the double just below 2^64
        {"0", 0u},
        {"-0.0", 0u},
        {"-1", std::nullopt},
        {"-1.0", std::nullopt},
        {"-9223372036854775808", std::nullopt},
    };
    for (auto const& r : uint64_rows) {
        SCOPED_TRACE(r.number);
        auto const v = json_x<std::uint64_t>(r.number);
        if (r.expected) {
            ASSERT_TRUE(v) << v.error().message();
            EXPECT_EQ(**v, *r.expected);
        } else {
            ASSERT_FALSE(v);
            EXPECT_EQ(v.error().code, error::integer_out_of_range);
        }
    }
    // A narrower type: its bounds as integers and as doubles.
    struct irow {
        std::string_view number;
        std::optional<std::int32_t> expected;
    } const int32_rows[] = {
        {"2147483647", INT32_MAX},   {"2147483648", std::nullopt},   {"2147483647.0", INT32_MAX},
        {"2147483648.0", std::nullopt}, {"-2147483648", INT32_MIN}, {"-2147483649", std::nullopt},
        {"-2147483648.0", INT32_MIN}, {"-2147483649.0", std::nullopt}, {"-2.147483648e9", INT32_MIN},
        {"18446744073709551615", std::nullopt},
    };
    for (auto const& r : int32_rows) {
        SCOPED_TRACE(r.number);
        auto const v = json_x<std::int32_t>(r.number);
        if (r.expected) {
            ASSERT_TRUE(v) << v.error().message();
            EXPECT_EQ(**v, *r.expected);
        } else {
            ASSERT_FALSE(v);
            EXPECT_EQ(v.error().code, error::integer_out_of_range);
        }
    }
    // The same bounds inside a JSON array (`get_list`): the failure's offset is the item's index.
    auto p = parameters::parse(json_type, R"({"ids":[-9.2233720368547758e18,9.2233720368547748e18,9.2233720368547758e18]})");
    ASSERT_TRUE(p);
    auto const l = p->get_list<std::int64_t>("ids");
    ASSERT_FALSE(l);
    EXPECT_EQ(l.error().code, error::integer_out_of_range);
    EXPECT_EQ(l.error().offset, 2u);
    // A fraction is not an integer, at the bounds too; infinity cannot arrive (§21.19).
    for (std::string_view number : {"0.5", "-0.5", "2147483646.5", "1e-300"}) {
        auto const v = json_x<std::int32_t>(number);
        ASSERT_FALSE(v) << number;
    }
    EXPECT_EQ(json_x<std::int64_t>("0.5").error().code, error::invalid_integer);
    EXPECT_EQ(json_x<std::int64_t>("-1e-300").error().code, error::invalid_integer);
}

// §3: booleans from JSON are `true`/`false`, the integers 0 and 1 (as int64 or uint64), or text;
// any other number is `invalid_boolean`, a double or container `wrong_type`.
TEST(Parameters, JsonBooleansAtTheBounds) {
    EXPECT_EQ(**json_x<bool>("0"), false);
    EXPECT_EQ(**json_x<bool>("1"), true);
    EXPECT_EQ(**json_x<bool>("\"TRUE\""), true);
    EXPECT_EQ(**json_x<bool>("\"0\""), false);
    for (std::string_view number : {"2", "-1", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                                    "18446744073709551615"}) {
        SCOPED_TRACE(number);
        auto const v = json_x<bool>(number);
        ASSERT_FALSE(v);
        EXPECT_EQ(v.error().code, error::invalid_boolean);
    }
    for (std::string_view other : {"1.0", "0.0", "[]", "{}"}) {
        SCOPED_TRACE(other);
        auto const v = json_x<bool>(other);
        ASSERT_FALSE(v);
        EXPECT_EQ(v.error().code, error::wrong_type);
    }
}

// §21.9: Unix seconds in a JSON body span 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z; one second
// past either end, or any number too large for int64, is `timestamp_out_of_range`.
TEST(Parameters, JsonTimestampsAtTheBounds) {
    EXPECT_EQ(json_x<kayako::timestamp>("-62135596800").value()->seconds, -62135596800);
    EXPECT_EQ(json_x<kayako::timestamp>("253402300799").value()->seconds, 253402300799);
    for (std::string_view number : {"-62135596801", "253402300800", "9223372036854775807", "9223372036854775808",
                                    "18446744073709551615", "-9223372036854775808"}) {
        SCOPED_TRACE(number);
        auto const v = json_x<kayako::timestamp>(number);
        ASSERT_FALSE(v);
        EXPECT_EQ(v.error().code, error::timestamp_out_of_range);
        EXPECT_EQ(kayako::api_error_for(v.error()), kayako::api_error_code::field_invalid);
    }
    EXPECT_EQ(json_x<kayako::timestamp>("1441828693.0").error().code, error::wrong_type);
    EXPECT_EQ(json_x<kayako::timestamp>("\"2015-09-09T19:58:13+00:00\"").value()->seconds, 1441828693);
}

// §2.3: other JSON scalars as text, and numbers as doubles.
TEST(Parameters, JsonScalarsAsTextAndDouble) {
    EXPECT_EQ(**json_x<std::string>("true"), "true");
    EXPECT_EQ(**json_x<std::string>("false"), "false");
    EXPECT_EQ(**json_x<std::string>("-9223372036854775808"), "-9223372036854775808");
    EXPECT_EQ(**json_x<std::string>("18446744073709551615"), "18446744073709551615");
    EXPECT_EQ(**json_x<double>("-9223372036854775808"), -9223372036854775808.0);
    EXPECT_EQ(**json_x<double>("18446744073709551615"), 18446744073709551615.0);
    EXPECT_EQ(**json_x<double>("\"2.5\""), 2.5);
    EXPECT_EQ(json_x<double>("[1]").error().code, error::wrong_type);
    EXPECT_EQ(json_x<std::string>("{}").error().code, error::wrong_type);
    EXPECT_EQ(json_x<std::string_view>("1").error().code, error::wrong_type);
}

// A JSON body that is not an object is `invalid_json` at its first byte that is not JSON
// whitespace: exactly space, tab, LF and CR are skipped (RFC 8259 §2), in any order and number;
// any other control byte is itself where reading stops.
TEST(Parameters, JsonBodyLeadingWhitespaceIsExactlyTheFourBytes) {
    struct row {
        std::string body;
        std::size_t offset;
    };
    std::vector<row> rows = {{"\n\r\t [1]", 4}, {"[1]", 0}, {"\r\n\r\n\"x\"", 4}, {" \t\n\r[1e400]", 4},
                             {"\t\t1e400", 2}, {"\n\r\t null ", 4}};
    for (char ws : {' ', '\t', '\n', '\r'}) {
        rows.push_back({std::string(1, ws) + "[1]", 1});
        rows.push_back({std::string(3, ws) + "true", 3});
        rows.push_back({std::string(1, ws) + "[1e400]", 1});  // too large a number, not in an object
    }
    for (int b = 0; b < 0x20; ++b) {
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r') continue;
        rows.push_back({std::string(1, static_cast<char>(b)) + "[1]", 0});
        rows.push_back({" " + std::string(1, static_cast<char>(b)) + "{}", 1});
        rows.push_back({"{\"a\":" + std::string(1, static_cast<char>(b)) + "1}", 5});
    }
    rows.push_back({"\x7f[1]", 0});
    rows.push_back({"\x0b{}", 0});
    rows.push_back({"\x0c{}", 0});
    std::size_t checked = 0;
    for (auto const& r : rows) {
        SCOPED_TRACE(testing::PrintToString(r.body));
        auto const p = parameters::parse(json_type, r.body);
        ASSERT_FALSE(p);
        EXPECT_EQ(p.error().code, error::invalid_json) << p.error().message();
        EXPECT_EQ(p.error().offset, r.offset);
        EXPECT_EQ(kayako::api_error_for(p.error()), kayako::api_error_code::field_invalid);
        ++checked;
    }
    EXPECT_EQ(checked, rows.size());
    // The same whitespace before an object is skipped, and a number too large in it is named.
    auto const ok = parameters::parse(json_type, "\n\r\t {\"a\":1}\n\r\t ");
    ASSERT_TRUE(ok);
    EXPECT_EQ(**ok->get<int>("a"), 1);
    auto const big = parameters::parse(json_type, "\n\r\t {\"a\":1e400}");
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, error::float_out_of_range);
    EXPECT_EQ(big.error().offset, 9u);
    EXPECT_EQ(big.error().parameter, "a");
}

// §21.19: a number too large for a double names the top-level member that holds it, as sent
// (escapes and all), wherever inside that member it is: past strings holding brackets, quotes and
// commas, inside nested arrays and objects.
TEST(Parameters, NumberTooLargeNamesItsTopLevelMember) {
    struct row {
        std::string body;
        std::string_view parameter;
        std::string_view number;
    } const rows[] = {
        {R"({"a":1e400})", "a", "1e400"},
        {R"({"a":[1,[2,1e400]]})", "a", "1e400"},
        {R"({"a":{"b":{"c":[1e400]}}})", "a", "1e400"},
        {R"({"s":"[{,\"","t":1e400})", "t", "1e400"},
        {R"({"x":{"y":"}{"},"a\"b":[1,{"c":1e400}]})", R"(a\"b)", "1e400"},
        {R"({"x":[{"k":"v"},[]],"y":{"z":[]},"w":-1e400})", "w", "-1e400"},
        {R"({"\\":0,"n":[[[],[1e999]]]})", "n", "1e999"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.body);
        auto const p = parameters::parse(json_type, r.body);
        ASSERT_FALSE(p);
        EXPECT_EQ(p.error().code, error::float_out_of_range);
        EXPECT_EQ(p.error().parameter, r.parameter);
        EXPECT_EQ(p.error().offset, r.body.find(r.number));
        EXPECT_EQ(kayako::api_error_for(p.error()), kayako::api_error_code::field_invalid);
    }
}

// §21.14: every limit of `parameters_options` at the bound (accepted) and one past (refused).
TEST(Parameters, JsonBodyLimitsAtTheBound) {
    std::string const body = R"({"a":1,"b":[2]})";
    kayako::parameters_options opt;
    opt.max_json_size = body.size();
    EXPECT_TRUE(parameters::parse(json_type, body, opt));
    opt.max_json_size = body.size() - 1;
    auto const long_body = parameters::parse(json_type, body, opt);
    ASSERT_FALSE(long_body);
    EXPECT_EQ(long_body.error().code, error::too_long);
    EXPECT_EQ(long_body.error().offset, body.size() - 1);
    EXPECT_EQ(kayako::api_error_for(long_body.error()), kayako::api_error_code::field_invalid);

    // Depth: the object is level 1, so 63 nested arrays are level 64 (the default limit).
    auto nested = [](std::size_t arrays) { return "{\"a\":" + std::string(arrays, '[') + std::string(arrays, ']') + "}"; };
    EXPECT_TRUE(parameters::parse(json_type, nested(63)));
    auto const deep = parameters::parse(json_type, nested(64));
    ASSERT_FALSE(deep);
    EXPECT_EQ(deep.error().code, error::too_deep);
    EXPECT_EQ(deep.error().offset, 5u + 63u);  // the 64th `[`
    EXPECT_EQ(kayako::api_error_for(deep.error()), kayako::api_error_code::field_invalid);
    kayako::parameters_options shallow;
    shallow.max_json_depth = 2;
    EXPECT_TRUE(parameters::parse(json_type, nested(1), shallow));
    auto const past = parameters::parse(json_type, nested(2), shallow);
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().code, error::too_deep);
    EXPECT_EQ(past.error().offset, 6u);

    // Top-level members: exactly max_parameters pass, one more is too_many.
    auto members = [](int n) {
        std::string s = "{";
        for (int i = 0; i < n; ++i) s += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
        return s + "}";
    };
    EXPECT_TRUE(parameters::parse(json_type, members(1000)));
    auto const many = parameters::parse(json_type, members(1001));
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().code, error::too_many);
    EXPECT_EQ(kayako::api_error_for(many.error()), kayako::api_error_code::field_invalid);
    kayako::parameters_options two;
    two.max_parameters = 2;
    EXPECT_TRUE(parameters::parse(json_type, members(2), two));
    EXPECT_TRUE(parameters::parse(json_type, R"({"a":1,"b":2,"a":3})", two));  // one member repeated is one
    EXPECT_EQ(parameters::parse(json_type, members(3), two).error().code, error::too_many);
}

// §21.14: a list holds at most `max_list_items` items, however they were sent: exactly that many
// pass, one more is `too_many` at the offending item (its offset in the text, or its index).
TEST(Parameters, ListItemsLimitAtTheBoundInEveryEncoding) {
    kayako::parameters_options opt;
    opt.max_list_items = 3;
    struct row {
        std::string_view what;
        std::string_view content_type;
        std::string_view at_bound;
        std::string_view past;
        std::size_t offset;
        std::string_view parameter;
    } const rows[] = {
        {"comma list", form_type, "ids=1,2,3", "ids=1,2,3,4", 6, "ids"},
        {"bracket repeats", form_type, "ids[]=1&ids[]=2&ids[]=3", "ids[]=1&ids[]=2&ids[]=3&ids[]=4", 0, "ids[]"},
        {"mixed repeats", form_type, "ids=1,2&Ids[]=3", "ids=1,2&Ids[]=3&ids=4", 0, "ids"},
        {"json array", json_type, R"({"ids":[1,2,3]})", R"({"ids":[1,2,3,4]})", 3, "ids"},
        {"json text list", json_type, R"({"ids":"1,2,3"})", R"({"ids":"1,2,3,4"})", 6, "ids"},
        {"json array then scalar", json_type, R"({"ids":[1,2],"Ids":3})", R"({"ids":[1,2,3],"Ids":4})", 0, "Ids"},
    };
    for (auto const& r : rows) {
        SCOPED_TRACE(r.what);
        auto const ok = parameters::parse(r.content_type, r.at_bound, opt);
        ASSERT_TRUE(ok);
        auto const three = ok->get_list<int>("ids");
        ASSERT_TRUE(three) << three.error().message();
        EXPECT_EQ(*three, (std::vector<int>{1, 2, 3}));
        auto const more = parameters::parse(r.content_type, r.past, opt);
        ASSERT_TRUE(more);
        auto const four = more->get_list<int>("ids");
        ASSERT_FALSE(four);
        EXPECT_EQ(four.error().code, error::too_many);
        EXPECT_EQ(four.error().offset, r.offset);
        EXPECT_EQ(four.error().parameter, r.parameter);
        EXPECT_EQ(kayako::api_error_for(four.error()), kayako::api_error_code::field_invalid);
    }
    // The default: 1000 items pass, 1001 do not.
    std::string thousand = "ids=1";
    for (int i = 1; i < 1000; ++i) thousand += ",1";
    EXPECT_EQ(parameters::parse(form_type, thousand)->get_list<int>("ids")->size(), 1000u);
    EXPECT_EQ(parameters::parse(form_type, thousand + ",1")->get_list<int>("ids").error().code, error::too_many);
}

}  // namespace
