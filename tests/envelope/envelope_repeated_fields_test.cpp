// A field repeated inside an entry of `errors`, `notifications` or `logs` (§4.4-§4.6) gets the
// verdict a repeated member of the top level gets (§4.3, §21.5): the same spelling twice keeps the
// last value, as Boost.JSON and JavaScript's `JSON.parse` do (a last `null` is absent); the same
// field in two spellings is ambiguous and refused (`duplicate`, at the second spelling). Both
// readers (`parse_envelope`, the DOM reader, and `parse_envelope_metadata`, the SAX reader) must
// give the same verdict with the same error, path and offset: every case below runs through both.
//
// The generated table walks the member tables (`detail/envelope_members.hpp`), so a field added
// there is covered here without a new line.
#include <kayako/detail/envelope_members.hpp>
#include <kayako/envelope/envelope_metadata_parser.hpp>
#include <kayako/envelope/envelope_parser.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace kayako;
using namespace kayako::detail;

// One body and what both readers must say about it: accepted (`code` unset), or refused with
// `code` at `path`. Shape errors carry no offset (`failure::no_offset`).
struct repeated_case {
    std::string name;
    std::string body;
    std::optional<error> code;
    std::string path;
    std::string_view expected;
};

// Both readers agree with each other and with the case: the same metadata when they accept, the
// same code, path, offset and expected type when they refuse.
void expect_one_verdict(repeated_case const& c) {
    SCOPED_TRACE(c.name + ": " + c.body);
    auto const full = parse_envelope(c.body);
    auto const meta = parse_envelope_metadata(c.body);
    if (!c.code) {
        ASSERT_TRUE(full) << full.error().message();
        ASSERT_TRUE(meta) << meta.error().message();
        EXPECT_EQ(static_cast<envelope_metadata const&>(*meta), static_cast<envelope_metadata const&>(*full));
        return;
    }
    ASSERT_FALSE(full);
    ASSERT_FALSE(meta);
    EXPECT_EQ(full.error().code, *c.code) << full.error().message();
    EXPECT_EQ(full.error().path, c.path);
    EXPECT_EQ(full.error().offset, failure::no_offset);
    EXPECT_EQ(full.error().expected, c.expected);
    EXPECT_EQ(meta.error(), full.error()) << "metadata reader: " << meta.error().message();
}

// ---- the cases written out -------------------------------------------------------------------

TEST(EnvelopeRepeatedFields, NamedCases) {
    constexpr auto refused = [](error e) { return std::optional<error>(e); };
    std::vector<repeated_case> const cases = {
        // The two bodies that first showed the readers disagreeing.
        {"a bad code replaced by a good one", R"({"status":400,"errors":[{"code":1,"code":"A"}]})", {}, "", ""},
        {"a code replaced by null: absent", R"({"status":400,"errors":[{"code":"A","code":null}]})",
         refused(error::missing_parameter), "errors[0].code", ""},
        {"a good code replaced by a bad one", R"({"status":400,"errors":[{"code":"A","code":1}]})",
         refused(error::wrong_type), "errors[0].code", "string"},
        {"null replaced by a code", R"({"status":400,"errors":[{"code":null,"code":"A"}]})", {}, "", ""},
        {"three times, the last good", R"({"status":400,"errors":[{"code":1,"code":[],"code":"A"}]})", {}, "", ""},
        {"a bad list replaced", R"({"status":400,"errors":[{"code":"A","parameters":["a",1],"parameters":["b"]}]})",
         {}, "", ""},
        {"a list replaced by a bad one", R"({"status":400,"errors":[{"code":"A","parameters":["a"],"parameters":["b",{}]}]})",
         refused(error::wrong_type), "errors[0].parameters[1]", "string"},
        {"a list replaced by null", R"({"status":400,"errors":[{"code":"A","parameters":["a"],"parameters":null}]})",
         {}, "", ""},
        {"sticky replaced by null", R"({"status":200,"notifications":[{"type":"INFO","message":"m","sticky":true,"sticky":null}]})",
         {}, "", ""},
        {"sticky replaced by a string", R"({"status":200,"notifications":[{"type":"INFO","message":"m","sticky":true,"sticky":"yes"}]})",
         refused(error::wrong_type), "notifications[0].sticky", "boolean"},
        {"a log level replaced by null", R"({"status":200,"logs":[{"level":"NOTICE","message":"m","level":null}]})",
         refused(error::missing_parameter), "logs[0].level", ""},
        // The place of an error is where its key first came (Boost.JSON keeps a repeated key
        // there), so of two bad fields the first-placed one is reported.
        {"the first-placed bad field is reported",
         R"({"status":400,"errors":[{"message":3,"code":5,"message":"x"}]})", refused(error::wrong_type),
         "errors[0].code", "string"},
        {"a field made bad again keeps its first place",
         R"({"status":400,"errors":[{"code":"A","message":3,"code":5}]})", refused(error::wrong_type),
         "errors[0].code", "string"},
        // Two spellings: refused at the second, even when a later repeat of the first is good.
        {"code and Code", R"({"status":400,"errors":[{"code":"A","Code":"A"}]})", refused(error::duplicate),
         "errors[0].Code", ""},
        {"Code and code", R"({"status":400,"errors":[{"Code":"A","code":"A"}]})", refused(error::duplicate),
         "errors[0].code", ""},
        {"a second spelling given null is still a second spelling",
         R"({"status":400,"errors":[{"code":"A","Code":null}]})", refused(error::duplicate), "errors[0].Code", ""},
        {"a bad value before a second spelling is met first",
         R"({"status":400,"errors":[{"code":1,"Code":"A"}]})", refused(error::wrong_type), "errors[0].code", "string"},
        {"a bad value repaired after a second spelling: the duplicate",
         R"({"status":400,"errors":[{"code":1,"Code":"A","code":"B"}]})", refused(error::duplicate),
         "errors[0].Code", ""},
        {"more_info, moreInfo and MoreInfo: refused at the second",
         R"({"status":400,"errors":[{"code":"A","more_info":"u","MoreInfo":"u","moreInfo":"u"}]})",
         refused(error::duplicate), "errors[0].MoreInfo", ""},
        {"a spelling outside the three cases is the same field",
         R"({"status":400,"errors":[{"code":"A","more_info":"u","More_Info":"u"}]})", refused(error::duplicate),
         "errors[0].More_Info", ""},
        // Entries are independent: the same field in the next entry is no repeat.
        {"one field in two entries", R"({"status":400,"errors":[{"code":"A"},{"Code":"B"}]})", {}, "", ""},
        {"a repeat in the second entry",
         R"({"status":400,"errors":[{"code":"A"},{"code":"B","Code":"B"}]})", refused(error::duplicate),
         "errors[1].Code", ""},
        // `CODE` is no letter case of `code` (its snake form is `c_o_d_e`): an unknown member.
        {"CODE names nothing", R"({"status":400,"errors":[{"code":"B","CODE":1}]})", {}, "", ""},
        // The whole list given again replaces the list, repeats and all.
        {"a list with a bad repeat replaced by a good list",
         R"({"status":400,"errors":[{"code":"A","Code":"B"}],"errors":[{"code":"C"}]})", {}, "", ""},
        // An entry's error is its member's, placed where the member's key first came.
        {"a bad entry field before a bad later member",
         R"({"status":200,"logs":[{"level":"NOTICE","message":1}],"limit":-1})", refused(error::wrong_type),
         "logs[0].message", "string"},
        {"a bad member before an entry with a repeat",
         R"({"status":200,"limit":-1,"logs":[{"level":"A","Level":"A","message":"m"}]})",
         refused(error::integer_out_of_range), "limit", ""},
    };
    for (auto const& c : cases) expect_one_verdict(c);
}

// ---- the cases generated from the member tables ----------------------------------------------

// A good and a bad value for a field of each kind (a number is the wrong type for every kind).
std::string good_value(field_kind k) {
    switch (k) {
    case field_kind::text_list: return R"(["x"])";
    case field_kind::flag: return "true";
    default: return R"("x")";
    }
}
std::string other_good_value(field_kind k) {
    switch (k) {
    case field_kind::text_list: return R"(["y","z"])";
    case field_kind::flag: return "false";
    default: return R"("y")";
    }
}
constexpr std::string_view bad_value = "1";

// `{"status":400,"<list>":[{<the other required fields>,<members>}]}`.
template <class Entry>
std::string body_with(std::size_t tested, std::string const& members) {
    using table = entry_table<Entry>;
    std::string entry;
    for (std::size_t i = 0; i < table::size; ++i)
        if (i != tested && is_required(table::rows[i])) entry += "\"" + std::string(table::snake[i]) + "\":\"R\",";
    entry += members;
    return R"({"status":400,")" + std::string(table::list) + R"(":[{)" + entry + "}]}";
}

std::string member(std::string_view key, std::string_view value) {
    return "\"" + std::string(key) + "\":" + std::string(value);
}

// Every field of `Entry`: each repeat in one spelling (snake, camel, Pascal), and each pair of
// different spellings, through both readers.
template <class Entry>
std::vector<repeated_case> generated_cases() {
    using table = entry_table<Entry>;
    std::vector<repeated_case> out;
    for (std::size_t f = 0; f < table::size; ++f) {
        auto const& row = table::rows[f];
        bool const required = is_required(row);
        std::string const path = std::string(table::list) + "[0]." + std::string(row.name);
        std::string const good = good_value(row.kind), other = other_good_value(row.kind);
        for (std::size_t c = 0; c < 3; ++c) {
            std::string_view const key = table::names[c][f];
            auto add = [&](std::string what, std::string const& members, std::optional<error> code, std::string p,
                           std::string_view exp = {}) {
                out.push_back({std::string(key) + ": " + what, body_with<Entry>(f, members), code, std::move(p), exp});
            };
            add("good, then good", member(key, good) + "," + member(key, other), {}, "");
            add("bad, then good", member(key, bad_value) + "," + member(key, good), {}, "");
            add("good, then bad", member(key, good) + "," + member(key, bad_value), error::wrong_type, path,
                expected_json(row.kind));
            add("null, then good", member(key, "null") + "," + member(key, good), {}, "");
            if (required)
                add("good, then null", member(key, good) + "," + member(key, "null"), error::missing_parameter, path);
            else
                add("good, then null", member(key, good) + "," + member(key, "null"), {}, "");
        }
        for (std::size_t a = 0; a < 3; ++a)
            for (std::size_t b = 0; b < 3; ++b) {
                std::string_view const first = table::names[a][f], second = table::names[b][f];
                if (first == second) continue;  // one word: camel is snake
                std::string const dup_path = std::string(table::list) + "[0]." + std::string(second);
                std::string const what = std::string(first) + " then " + std::string(second);
                out.push_back({what, body_with<Entry>(f, member(first, good) + "," + member(second, good)),
                               error::duplicate, dup_path, {}});
                out.push_back({what + ", the second null",
                               body_with<Entry>(f, member(first, good) + "," + member(second, "null")),
                               error::duplicate, dup_path, {}});
                out.push_back({what + ", the first bad (met first)",
                               body_with<Entry>(f, member(first, bad_value) + "," + member(second, good)),
                               error::wrong_type, path, expected_json(row.kind)});
                out.push_back({what + ", the first bad, repaired after",
                               body_with<Entry>(f, member(first, bad_value) + "," + member(second, good) + "," +
                                                       member(first, good)),
                               error::duplicate, dup_path, {}});
            }
    }
    return out;
}

template <class Entry>
void expect_tables_agree() {
    auto const cases = generated_cases<Entry>();
    ASSERT_FALSE(cases.empty());
    for (auto const& c : cases) expect_one_verdict(c);
}

TEST(EnvelopeRepeatedFields, EveryErrorField) { expect_tables_agree<api_error_object>(); }
TEST(EnvelopeRepeatedFields, EveryNotificationField) { expect_tables_agree<notification>(); }
TEST(EnvelopeRepeatedFields, EveryLogField) { expect_tables_agree<log_entry>(); }

// The value kept is the last one, in both readers: the field holds what its last repeat holds.
TEST(EnvelopeRepeatedFields, TheLastValueIsKept) {
    auto const body = R"({"status":400,"errors":[{"code":"A","parameters":["p"],"message":"m","code":"B",)"
                      R"("parameters":["q","r"],"message":null}],)"
                      R"("notifications":[{"type":"INFO","message":"n","sticky":true,"sticky":false}]})";
    auto const full = parse_envelope(body);
    auto const meta = parse_envelope_metadata(body);
    ASSERT_TRUE(full) << full.error().message();
    ASSERT_TRUE(meta) << meta.error().message();
    for (envelope_metadata const* m : {static_cast<envelope_metadata const*>(&*full),
                                       static_cast<envelope_metadata const*>(&*meta)}) {
        ASSERT_EQ(m->errors.size(), 1u);
        EXPECT_EQ(m->errors[0].code, "B");
        EXPECT_EQ(m->errors[0].parameters, (std::vector<std::string_view>{"q", "r"}));
        EXPECT_TRUE(m->errors[0].message.empty());
        ASSERT_EQ(m->notifications.size(), 1u);
        EXPECT_EQ(m->notifications[0].sticky, std::optional<bool>(false));
    }
}

}  // namespace
