// Fuzzes typed decoding (typed_decoding.hpp, §4.3): `decode_envelope` must never crash, and
// whenever it accepts a body, `parse_envelope` accepts it too with the same metadata, and
// Boost.JSON's `value_to` of its `data` gives the same values. The reference sees the DOM as
// Boost.JSON 1.81 needs it for a described struct: exactly the struct's members, each under its
// snake name (keys in any letter case renamed, unknown ones dropped, absent optional members null).
// The struct has every member type: integers of several widths, bool, double, string, optional,
// vector, a nested struct, a raw `boost::json::value`.
#include <kayako/envelope/envelope_parser.hpp>
#include <kayako/envelope/typed_decoding.hpp>

#include <boost/describe/class.hpp>
#include <boost/json/value_to.hpp>
#include <boost/mp11/algorithm.hpp>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fuzzed {

struct role {
    std::uint8_t id = 0;
    std::optional<std::string> title;
    friend bool operator==(role const&, role const&) = default;
};
BOOST_DESCRIBE_STRUCT(role, (), (id, title))

struct user {
    std::int64_t id = 0;
    std::string full_name;
    std::optional<std::int16_t> rank;
    std::optional<bool> is_enabled;
    std::optional<double> score;
    std::optional<std::vector<std::optional<std::uint32_t>>> counts;
    std::optional<role> role;
    boost::json::value custom_fields;
    friend bool operator==(user const& a, user const& b) {
        // Doubles bit for bit: both readers read the double nearest to the text (§21.19).
        auto bits = [](std::optional<double> d) { return d ? std::optional(std::bit_cast<std::uint64_t>(*d)) : std::nullopt; };
        return a.id == b.id && a.full_name == b.full_name && a.rank == b.rank && a.is_enabled == b.is_enabled &&
               bits(a.score) == bits(b.score) && a.counts == b.counts && a.role == b.role &&
               a.custom_fields == b.custom_fields;
    }
};
BOOST_DESCRIBE_STRUCT(user, (), (id, full_name, rank, is_enabled, score, counts, role, custom_fields))

}  // namespace fuzzed

namespace {

namespace json = boost::json;

template <class T>
void normalise_for(json::value& v);

template <class T>
struct normaliser {
    static void run(json::value&) {}
};
template <class T>
struct normaliser<std::optional<T>> {
    static void run(json::value& v) {
        if (!v.is_null()) normalise_for<T>(v);
    }
};
template <class T>
struct normaliser<std::vector<T>> {
    static void run(json::value& v) {
        if (auto* a = v.if_array())
            for (auto& item : *a) normalise_for<T>(item);
    }
};

template <class T>
void normalise_for(json::value& v) {
    if constexpr (kayako::detail::described_struct<T>) {
        auto* o = v.if_object();
        if (!o) return;
        json::object exact;
        boost::mp11::mp_for_each<kayako::detail::described_members_of<T>>([&](auto d) {
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>;
            // The last key of any spelling (the decoder refused two spellings of one name).
            json::value const* found = nullptr;
            for (auto const& kv : *o)
                if (kayako::names_equal(kv.key(), d.name)) found = &kv.value();
            if (found && !(found->is_null() && !kayako::detail::stores_null<M>))
                exact[d.name] = *found;
            else if (kayako::detail::stores_null<M>)
                exact[d.name] = nullptr;
            if (auto* member = exact.if_contains(d.name)) normalise_for<M>(*member);
        });
        *o = std::move(exact);
    } else {
        normaliser<T>::run(v);
    }
}

template <class T>
void check(std::string_view body) {
    auto const decoded = kayako::decode_envelope<T>(body);
    if (!decoded) {
        (void)decoded.error().message();
        return;
    }
    auto const full = kayako::parse_envelope(body);
    if (!full) std::abort();  // decoding accepts nothing parse_envelope refuses
    if (!(static_cast<kayako::envelope_metadata const&>(decoded->meta) == static_cast<kayako::envelope_metadata const&>(*full)))
        std::abort();
    if (decoded->data.has_value() != full->has_data()) std::abort();
    if (!decoded->data) return;
    json::value data = full->data();
    normalise_for<T>(data);
    auto const reference = json::try_value_to<T>(data);
    if (!reference || !(*reference == *decoded->data)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const body(reinterpret_cast<char const*>(data), size);
    check<std::vector<fuzzed::user>>(body);
    check<fuzzed::user>(body);
    // With `data` kept raw nothing in it can be of the wrong type: both accept the same bodies,
    // and the raw `data` is parse_envelope's DOM exactly.
    auto const raw = kayako::decode_envelope<json::value>(body);
    auto const full = kayako::parse_envelope(body);
    if (raw.has_value() != full.has_value()) std::abort();
    if (raw && full && raw->data.has_value() && !(*raw->data == full->data())) std::abort();
    return 0;
}
