// Tests of parameters.hpp: one typed view over form, JSON and multipart bodies (§2, §3, §16.3).
#include <kayako/parameters.hpp>

#include <kayako/api_error.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
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
    auto file = parameters::parse(multipart_type, part("name=\"f\"; filename=\"f.bin\"", "\xFF\xFE") + part("name=\"t\"", "caf\xC3\xA9") + b + "--");
    ASSERT_TRUE(file) << file.error().message();
    EXPECT_EQ(file->file("f")->content, "\xFF\xFE");
    EXPECT_EQ(**file->get<std::string>("t"), "caf\xC3\xA9");
    // The decoder itself stays lenient (WHATWG): parse_form still writes U+FFFD.
    auto lenient = kayako::parse_form("name=a%FFb");
    ASSERT_TRUE(lenient);
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
