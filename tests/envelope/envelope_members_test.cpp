// Tests of detail/envelope_members.hpp: the one description of the envelope (§4.3-§4.6) drives
// the writer, the name lookup and both readers. Each test walks the tables, so a row added there
// is tested here without a new line.
#include <kayako/detail/envelope_members.hpp>

#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/envelope_metadata_parser.hpp>
#include <kayako/envelope/envelope_parser.hpp>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using namespace kayako;
using namespace kayako::detail;

constexpr letter_case all_cases[] = {letter_case::snake, letter_case::camel, letter_case::pascal};

// The names of every table are the foundation's conversions of the snake names, and each of the
// three spellings finds its row; the keys the writer emits are those spellings, quoted.
template <class Table>
void expect_spellings_of() {
    for (std::size_t i = 0; i < Table::size; ++i) {
        std::string_view const snake = Table::rows[i].name;
        SCOPED_TRACE(snake);
        for (letter_case c : all_cases) {
            std::string const spelled = convert_case(snake, c);
            std::size_t const ci = Table::case_index(c);
            EXPECT_EQ(Table::names[ci][i], spelled);
            EXPECT_EQ(Table::keys[ci][i], ",\"" + spelled + "\":");
            EXPECT_EQ(Table::match(spelled), i);
            EXPECT_LE(spelled.size(), longest_member_name);
        }
        EXPECT_EQ(Table::row_named(snake), i);
        EXPECT_EQ(Table::match(std::string(snake) + "x"), Table::size);  // one letter more names nothing
        EXPECT_NE(Table::match(snake.substr(0, snake.size() - 1)), i);  // one letter less neither
    }
    EXPECT_EQ(Table::match(""), Table::size);
}

TEST(EnvelopeMembers, EveryNameInEveryLetterCase) {
    expect_spellings_of<envelope_table>();
    expect_spellings_of<entry_table<api_error_object>>();
    expect_spellings_of<entry_table<notification>>();
    expect_spellings_of<entry_table<log_entry>>();
}

// §4.3: the members and their kinds are the specification's table.
TEST(EnvelopeMembers, KindsFollowSection43) {
    auto kind_of = [](std::string_view name) { return envelope_table::rows[envelope_table::row_named(name)].kind; };
    EXPECT_EQ(kind_of("status"), member_kind::status);
    EXPECT_EQ(kind_of("total_count"), member_kind::count);
    EXPECT_EQ(kind_of("next_url"), member_kind::text);
    EXPECT_EQ(kind_of("resource"), member_kind::resource_name);
    EXPECT_EQ(kind_of("timestamp"), member_kind::timestamp);
    EXPECT_EQ(kind_of("data"), member_kind::payload);
    EXPECT_EQ(kind_of("resources"), member_kind::payload);
    EXPECT_EQ(kind_of("logs"), member_kind::entries);
    EXPECT_EQ(expected_json(member_kind::count), "integer");
    EXPECT_EQ(expected_json(field_kind::flag), "boolean");
    EXPECT_EQ(expected_json(field_kind::text_list), "array");
}

// ---- one value per kind, set where the row says -----------------------------------------------

template <class Entry>
void set_field(Entry& e, field_row<Entry> const& row) {
    switch (row.kind) {
    case field_kind::required_text:
    case field_kind::text: e.*place_as<std::string_view Entry::*>(row) = row.name; break;  // its own name
    case field_kind::text_list: e.*place_as<std::vector<std::string_view> Entry::*>(row) = {"until", "since"}; break;
    case field_kind::flag: e.*place_as<std::optional<bool> Entry::*>(row) = false; break;  // false is written too
    }
}

// An entry with its required fields (a reader refuses it without them) and field `extra`.
template <class Entry>
Entry entry_with(std::size_t extra) {
    using table = entry_table<Entry>;
    Entry e;
    for (auto const& row : table::rows)
        if (row.kind == field_kind::required_text) set_field(e, row);
    if (extra < table::size) set_field(e, table::rows[extra]);
    return e;
}

boost::json::value const payload_value = boost::json::parse(R"([{"id":1,"resource_type":"user"}])");

void set_member(envelope& e, member_row const& row) {
    switch (row.kind) {
    case member_kind::status: e.*place_as<int envelope_metadata::*>(row) = 201; break;
    case member_kind::count: e.*place_as<std::optional<std::uint64_t> envelope_metadata::*>(row) = 18446744073709551615u; break;
    case member_kind::text: e.*place_as<std::optional<std::string_view> envelope_metadata::*>(row) = row.name; break;
    case member_kind::resource_name:
        e.*place_as<std::optional<std::string_view> envelope_metadata::*>(row) = "case_priority";
        break;
    case member_kind::timestamp:
        e.*place_as<std::optional<timestamp> envelope_metadata::*>(row) = timestamp{1441828693, 0};
        break;
    case member_kind::payload: e.*(place_as<payload_place>(row).written) = payload_value; break;
    case member_kind::entries:
        with_entries(row, e, [](auto& list) {
            using entry_type = typename std::remove_reference_t<decltype(list)>::value_type;
            list.push_back(entry_with<entry_type>(entry_table<entry_type>::size));
            return true;
        });
        break;
    }
}

// The metadata a reader must give back for `e` written in case `c`: the same, but `resource`'s
// value is a name and comes back in the case written (§21.5).
envelope_metadata expected_after_writing(envelope const& e, letter_case c, std::string& converted) {
    envelope_metadata m = e;
    for (auto const& row : envelope_members)
        if (row.kind == member_kind::resource_name) {
            auto& v = m.*place_as<std::optional<std::string_view> envelope_metadata::*>(row);
            if (v) {
                converted = convert_case(*v, c);
                v = converted;
            }
        }
    return m;
}

bool has_payload(envelope const& e, payload_slot s) {
    for (auto const& row : envelope_members)
        if (row.kind == member_kind::payload && place_as<payload_place>(row).read == s)
            return (e.*(place_as<payload_place>(row).written)).has_value();
    return false;
}

// Writes `e` in every case, reads it with both readers, and expects the same metadata and
// payloads back; `keys` must appear in the text, in this order, spelled in the case written.
void expect_round_trip(envelope const& e, std::vector<std::size_t> const& rows_written) {
    for (letter_case c : all_cases) {
        SCOPED_TRACE(to_string(c));
        std::string const text = serialize_envelope(e, c);
        SCOPED_TRACE(text);
        std::size_t previous = 0;
        for (std::size_t i : rows_written) {
            auto const at = text.find(envelope_table::keys[envelope_table::case_index(c)][i].substr(1));
            ASSERT_NE(at, std::string::npos) << envelope_table::rows[i].name;
            EXPECT_GE(at, previous) << envelope_table::rows[i].name << " is written in row order";
            previous = at;
        }
        std::string converted;
        envelope_metadata const expected = expected_after_writing(e, c, converted);
        auto const full = parse_envelope(text);
        auto const meta = parse_envelope_metadata(text);
        ASSERT_TRUE(full) << full.error().message();
        ASSERT_TRUE(meta) << meta.error().message();
        EXPECT_EQ(static_cast<envelope_metadata const&>(*full), expected);
        EXPECT_EQ(static_cast<envelope_metadata const&>(*meta), expected);
        EXPECT_EQ(full->has_data(), has_payload(e, payload_slot::data));
        EXPECT_EQ(meta->has_data(), has_payload(e, payload_slot::data));
        EXPECT_EQ(full->has_resources(), has_payload(e, payload_slot::resources));
        EXPECT_EQ(meta->has_resources(), has_payload(e, payload_slot::resources));
        if (full->has_data()) {
            EXPECT_EQ(full->data(), payload_value);
        }
        if (full->has_resources()) {
            EXPECT_EQ(full->resources(), payload_value);
        }
    }
}

// Each member alone (with `status`, which is always written), then all of them together:
// writer → DOM reader → metadata reader, in all three letter cases, from the one table.
TEST(EnvelopeMembers, EveryMemberRoundTripsThroughTheWriterAndBothReaders) {
    std::size_t const status_row = envelope_table::row_named("status");
    envelope all;
    std::vector<std::size_t> every_row;
    for (std::size_t i = 0; i < envelope_table::size; ++i) {
        auto const& row = envelope_table::rows[i];
        SCOPED_TRACE(row.name);
        envelope e;
        set_member(e, row);
        set_member(all, row);
        every_row.push_back(i);
        expect_round_trip(e, i == status_row ? std::vector<std::size_t>{i} : std::vector<std::size_t>{status_row, i});
    }
    expect_round_trip(all, every_row);
}

// Each field of each kind of entry alone (with the entry's required fields), then with a
// missing required field refused by both readers with its path (§4.4-§4.6).
template <class Entry>
void expect_entry_fields_round_trip() {
    using table = entry_table<Entry>;
    for (std::size_t f = 0; f <= table::size; ++f) {  // `size`: only the required fields
        SCOPED_TRACE(f < table::size ? table::rows[f].name : "required fields only");
        envelope e;
        for (auto const& row : envelope_members)
            if (std::holds_alternative<std::vector<Entry> envelope_metadata::*>(row.where))
                (e.*place_as<std::vector<Entry> envelope_metadata::*>(row)).push_back(entry_with<Entry>(f));
        expect_round_trip(e, {envelope_table::row_named("status"), envelope_table::row_named(table::list)});
    }
    for (auto const& required : table::rows) {
        if (required.kind != field_kind::required_text) continue;
        SCOPED_TRACE(required.name);
        envelope e;
        Entry entry = entry_with<Entry>(table::size);
        entry.*place_as<std::string_view Entry::*>(required) = {};
        for (auto const& row : envelope_members)
            if (std::holds_alternative<std::vector<Entry> envelope_metadata::*>(row.where))
                (e.*place_as<std::vector<Entry> envelope_metadata::*>(row)).push_back(entry);
        std::string text = serialize_envelope(e);
        // The writer writes a required field even empty; drop it to make the entry incomplete.
        std::string const written = "\"" + std::string(required.name) + "\":\"\"";
        auto const at = text.find(written);
        ASSERT_NE(at, std::string::npos) << text;
        text.erase(at, written.size() + (text[at + written.size()] == ',' ? 1 : 0));
        if (text[at - 1] == ',' && text[at] == '}') text.erase(at - 1, 1);
        SCOPED_TRACE(text);
        std::string const path = std::string(table::list) + "[0]." + std::string(required.name);
        for (auto const& error : {parse_envelope(text).error(), parse_envelope_metadata(text).error()}) {
            EXPECT_EQ(error.code, kayako::error::missing_parameter);
            EXPECT_EQ(error.path, path);
        }
    }
}

TEST(EnvelopeMembers, EveryEntryFieldRoundTripsAndRequiredOnesAreRequired) {
    expect_entry_fields_round_trip<api_error_object>();
    expect_entry_fields_round_trip<notification>();
    expect_entry_fields_round_trip<log_entry>();
}

// Each member and field of the wrong JSON type: both readers name it by its snake name and say
// what its kind expects, whatever the case of the key (§4.3, §21.5).
TEST(EnvelopeMembers, WrongTypesNameTheRowAndItsKind) {
    for (std::size_t i = 0; i < envelope_table::size; ++i) {
        auto const& row = envelope_table::rows[i];
        if (row.kind == member_kind::payload) continue;  // any JSON is a payload
        for (letter_case c : all_cases) {
            std::string key(envelope_table::names[envelope_table::case_index(c)][i]);
            std::string const body = row.kind == member_kind::status ? "{\"" + key + "\":true}"
                                                                     : "{\"status\":200,\"" + key + "\":true}";
            SCOPED_TRACE(body);
            for (auto const& error : {parse_envelope(body).error(), parse_envelope_metadata(body).error()}) {
                EXPECT_EQ(error.code, kayako::error::wrong_type);
                EXPECT_EQ(error.path, row.name);
                EXPECT_EQ(error.expected, expected_json(row.kind));
            }
        }
    }
}

}  // namespace
