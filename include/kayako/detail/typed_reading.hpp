// kayako-proto — JSON read straight into a user's types, one SAX event at a time (no DOM).
//
// `typed_reader` takes the events of the library's JSON reader (`json_reader.hpp`) for one JSON
// value and stores them into a C++ object whose type says what each value must be: `bool`,
// integers (range checked), `double`, `std::string`, `std::optional<T>`, `std::vector<T>`, structs
// described with Boost.Describe (their public members, named in snake case) and
// `boost::json::value` (any subtree, kept as a DOM). The rules are the envelope readers' (§4, §21.5):
//
// * a member's key is accepted in snake, camel or Pascal case (any spelling `names_equal`
//   accepts); unknown keys are skipped;
// * a JSON `null` is an absent member; a member that is neither `std::optional` nor
//   `boost::json::value` must be given (`missing_parameter`, with its path);
// * the same member in two spellings is ambiguous (`duplicate`); the same spelling twice keeps the
//   last value, as Boost.JSON and `JSON.parse` do;
// * a double is the one nearest to its text (§21.19), one too large for a double stops the read.
//
// How: every C++ type has one reading function, `read_value<T>`, reached through a function
// pointer; a struct or vector being filled is a `frame` on a stack, with a table of its members
// (`struct_table<T>`, built at compile time from the description) or of its items. The first
// value of the wrong type stops the parser, so the error has the exact offset of that value.
#ifndef KAYAKO_DETAIL_TYPED_READING_HPP
#define KAYAKO_DETAIL_TYPED_READING_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/detail/json_reading.hpp>
#include <kayako/detail/short_strings.hpp>
#include <kayako/envelope/envelope_parse_error.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/json/error.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kayako::detail {

// ---------------------------------------------------------------------------------------------
// Events and the reading functions.

enum class json_event : unsigned char { object, array, string, signed_integer, unsigned_integer, number, boolean, null };

// One value as the parser announces it: a container's start, or a whole scalar.
struct json_event_value {
    json_event kind;
    std::string_view text{};  // a string's value, a number's text
    union {
        std::int64_t i;
        std::uint64_t u;
        double d;
        bool b;
    };
    static json_event_value of(json_event k, std::string_view t = {}) noexcept {
        json_event_value e;
        e.kind = k;
        e.text = t;
        e.u = 0;
        return e;
    }
};

class typed_reader;

// Reads one value announced by `e` into the object at `place`; false on a typed error.
using value_reader = bool (*)(typed_reader&, void* place, json_event_value const& e);

struct value_slot {
    void* place;
    value_reader read;
};

// What the reader knows of a struct or a vector it fills.
struct container_ops {
    bool is_array;
    // Struct: the member `key` names (`size` if none), trying `hint` first; `spelling` tells two
    // spellings of one name apart.
    std::size_t (*match)(std::string_view key, std::size_t hint, unsigned& spelling) noexcept;
    // Struct: member `index`; array: a new item appended.
    value_slot (*slot)(void* target, std::size_t index);
    void (*reset)(void* target, std::size_t index);  // struct: a member back to its default
    value_slot (*const* members)(void* target);       // struct: where each member is, how it is read
    std::string_view const* names;                    // struct: the snake names
    std::string_view const* spellings;                // struct: `spellings[c * size + i]`, case `c` of name `i`
    std::size_t size;                                 // struct: how many members
    std::uint64_t required;                           // struct: members that must be given
    std::uint64_t nullable;                           // struct: members a `null` is stored into
};

template <class T>
bool read_value(typed_reader& r, void* place, json_event_value const& e);

// ---------------------------------------------------------------------------------------------
// Which types are read, and how.

template <class T>
struct is_std_optional : std::false_type {};
template <class T>
struct is_std_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_std_vector : std::false_type {};
template <class T, class A>
struct is_std_vector<std::vector<T, A>> : std::true_type {};

template <class T>
concept described_struct = std::is_class_v<T> && boost::describe::has_describe_members<T>::value;

// `std::in_range` refuses character types and bool: they are not numbers here either.
template <class T>
concept json_integer = std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
                       !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> && !std::is_same_v<T, char16_t> &&
                       !std::is_same_v<T, char32_t>;

// A member whose `null` is a value (stored) rather than an absence.
template <class T>
constexpr bool stores_null = is_std_optional<T>::value || std::is_same_v<T, boost::json::value>;

template <class T>
using described_members_of = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

// ---------------------------------------------------------------------------------------------
// A described struct's member table: names in the three letter cases, places, masks.

template <class Put>
constexpr void spell_name(std::string_view snake, letter_case c, Put put) {
    spell_case(snake, c, put);
}
constexpr std::size_t spelled_size(std::string_view snake, letter_case c) {
    std::size_t n = 0;
    spell_name(snake, c, [&](char) { ++n; });
    return n;
}
constexpr bool has_upper_case(std::string_view name) noexcept {
    for (char c : name)
        if (is_upper(c)) return true;
    return false;
}

// How a key spelled its member's name: the snake, camel or Pascal spelling (`letter_case`
// order), or another that `names_equal` accepts (`Full_name`), told apart by its text.
inline constexpr unsigned other_spelling = 3;

template <class T, class List>
struct struct_table_impl;

template <class T, template <class...> class L, class... D>
struct struct_table_impl<T, L<D...>> {
    static constexpr std::size_t size = sizeof...(D);
    static_assert(size <= 64, "typed decoding notes the members of a struct in a 64-bit mask");
    static_assert((!has_upper_case(D::name) && ...),
                  "a described member's name is its wire name in snake case: no upper-case letters");

    template <class Descriptor>
    using member_type = std::remove_cvref_t<decltype(std::declval<T&>().*Descriptor::pointer)>;

    static constexpr std::array<std::string_view, size> snake{std::string_view(D::name)...};

private:
    static constexpr std::size_t chars = (std::size_t{1} + ... + (2 * std::string_view(D::name).size()));
    // The camel then the Pascal spelling of every name (neither is longer than the snake one).
    static constexpr std::array<char, chars> storage = [] {
        std::array<char, chars> out{};
        std::size_t k = 0;
        for (letter_case c : {letter_case::camel, letter_case::pascal})
            for (std::string_view name : snake) spell_name(name, c, [&](char ch) { out[k++] = ch; });
        return out;
    }();

public:
    /// `names[case][member]`, `letter_case` order (snake, camel, Pascal).
    static constexpr std::array<std::array<std::string_view, size>, 3> names = [] {
        std::array<std::array<std::string_view, size>, 3> out{};
        out[0] = snake;
        std::size_t k = 0;
        for (std::size_t c = 1; c < 3; ++c)
            for (std::size_t i = 0; i < size; ++i) {
                std::size_t const n = spelled_size(snake[i], c == 1 ? letter_case::camel : letter_case::pascal);
                out[c][i] = std::string_view(storage.data() + k, n);
                k += n;
            }
        return out;
    }();

    /// The same, flat: `spellings[c * size + i]` is `names[c][i]`.
    static constexpr std::array<std::string_view, 3 * size> spellings = [] {
        std::array<std::string_view, 3 * size> out{};
        for (std::size_t c = 0; c < 3; ++c)
            for (std::size_t i = 0; i < size; ++i) out[c * size + i] = names[c][i];
        return out;
    }();

    static constexpr std::uint64_t nullable = [] {
        std::uint64_t mask = 0, bit = 1;
        ((mask |= stores_null<member_type<D>> ? bit : 0, bit <<= 1), ...);
        return mask;
    }();
    static constexpr std::uint64_t required = (size == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << size) - 1) & ~nullable;

    static constexpr bool spelled_as(std::string_view key, std::size_t i, unsigned& spelling) noexcept {
        for (std::size_t c = 0; c < 3; ++c)
            if (short_strings_equal(key, names[c][i])) {
                spelling = c;
                return true;
            }
        return false;
    }

    // Members usually come in the order they were written, which is the struct's own order when
    // the server and the struct agree: the member after the last one found is tried first.
    static std::size_t match(std::string_view key, std::size_t hint, unsigned& spelling) noexcept {
        if (hint < size && spelled_as(key, hint, spelling)) return hint;
        for (std::size_t i = 0; i < size; ++i)
            if (spelled_as(key, i, spelling)) return i;
        for (std::size_t i = 0; i < size; ++i)
            if (names_equal(key, snake[i])) {
                spelling = other_spelling;
                return i;
            }
        return size;
    }

    template <class Descriptor>
    static value_slot member_slot(void* target) {
        auto& m = static_cast<T*>(target)->*Descriptor::pointer;
        return {&m, &read_value<member_type<Descriptor>>};
    }
    template <class Descriptor>
    static void reset_member(void* target) {
        static_cast<T*>(target)->*Descriptor::pointer = member_type<Descriptor>{};
    }
    static constexpr std::array<value_slot (*)(void*), size> slots{&member_slot<D>...};
    static constexpr std::array<void (*)(void*), size> resets{&reset_member<D>...};

    static constexpr container_ops ops{
        false,
        &match,
        [](void* target, std::size_t i) { return slots[i](target); },
        [](void* target, std::size_t i) { resets[i](target); },
        slots.data(),
        snake.data(),
        spellings.data(),
        size,
        required,
        nullable,
    };
};

template <class T>
using struct_table = struct_table_impl<T, described_members_of<T>>;

template <class Item>
struct array_table {
    static_assert(!std::is_same_v<Item, bool>, "std::vector<bool> has no addressable items: use std::vector<char> or a struct");
    static value_slot slot(void* target, std::size_t) {
        auto& v = *static_cast<std::vector<Item>*>(target);
        // The size is not known before the array ends: start at four items, not one, which
        // spares most short arrays (tags, ids) two reallocations.
        if (v.size() == v.capacity()) v.reserve(v.empty() ? 4 : 2 * v.size());
        v.emplace_back();
        return {&v.back(), &read_value<Item>};
    }
    static constexpr container_ops ops{true, nullptr, &slot, nullptr, nullptr, nullptr, nullptr, 0, 0, 0};
};

// ---------------------------------------------------------------------------------------------
// The reader.

class typed_reader {
public:
    /// Starts reading one JSON value into `place` through `read`. `root_path` names that value in
    /// errors (`data`, or empty for a bare document); `input` is the JSON text being parsed, for
    /// the offsets of errors.
    void start(void* place, value_reader read, std::string_view root_path, std::string_view input) {
        root_ = {place, read};
        root_path_ = root_path;
        input_ = input;
        frames_.clear();
        frames_.reserve(8);  // one allocation for the usual nesting (a page, an item, its objects)
        odd_spellings_.clear();
        skip_ = 0;
        raw_depth_ = 0;
        active_ = true;
    }

    /// Between `start` and the end of the value.
    bool active() const noexcept { return active_; }
    /// Stopped at a value of the wrong type or shape: `error` says what and where.
    bool failed() const noexcept { return failed_; }
    /// Stopped at a number too large for a double (the caller locates it).
    bool number_overflow() const noexcept { return number_overflow_; }

    /// The error of a failed read, given where the parser stopped in `input` (`base` is the
    /// offset of `input` in the body).
    envelope_parse_error error(std::size_t stopped, std::size_t base) && {
        error_.offset = base + (error_absolute_ ? error_at_ : stopped - error_at_);
        return std::move(error_);
    }

    // --- The SAX events of the value, as `read_json` hands them over.

    bool on_object_begin(boost::system::error_code& ec) {
        if (raw_depth_ != 0) return ++raw_depth_, raw_.on_object_begin(ec);
        if (skip_ != 0) return ++skip_, true;
        return begin_value(ec, json_event_value::of(json_event::object));
    }
    bool on_array_begin(boost::system::error_code& ec) {
        if (raw_depth_ != 0) return ++raw_depth_, raw_.on_array_begin(ec);
        if (skip_ != 0) return ++skip_, true;
        return begin_value(ec, json_event_value::of(json_event::array));
    }
    bool on_object_end(std::size_t n, boost::system::error_code& ec) {
        if (raw_depth_ != 0) return raw_.on_object_end(n, ec), end_raw();
        if (skip_ != 0) return --skip_, true;
        return end_container(ec);
    }
    bool on_array_end(std::size_t n, boost::system::error_code& ec) {
        if (raw_depth_ != 0) return raw_.on_array_end(n, ec), end_raw();
        if (skip_ != 0) return --skip_, true;
        return end_container(ec);
    }
    // `read_json` hands over whole keys, strings and numbers (never a `_part`).
    bool on_key(std::string_view s, std::size_t n, boost::system::error_code& ec) {
        if (raw_depth_ != 0) return raw_.on_key(s, n, ec);
        if (skip_ != 0) return true;
        return member_key(ec, s);
    }
    bool on_string(std::string_view s, std::size_t n, boost::system::error_code& ec) {
        if (raw_depth_ != 0) return raw_.on_string(s, n, ec);
        if (skip_ != 0) return true;
        return begin_value(ec, json_event_value::of(json_event::string, s));
    }
    bool on_int64(std::int64_t v, std::string_view s, boost::system::error_code& ec) {
        if (raw_depth_ != 0) return raw_.on_int64(v, s, ec);
        if (skip_ != 0) return true;
        auto e = json_event_value::of(json_event::signed_integer, s);
        e.i = v;
        return begin_value(ec, e);
    }
    bool on_uint64(std::uint64_t v, std::string_view s, boost::system::error_code& ec) {
        if (raw_depth_ != 0) return raw_.on_uint64(v, s, ec);
        if (skip_ != 0) return true;
        auto e = json_event_value::of(json_event::unsigned_integer, s);
        e.u = v;
        return begin_value(ec, e);
    }
    // `read_json` hands over the double nearest to the text (§21.19), infinite when the number
    // is too large for a double: that stops the read.
    bool on_double(double exact, std::string_view s, boost::system::error_code& ec) {
        if (std::isinf(exact)) [[unlikely]] {
            number_overflow_ = true;
            ec = boost::json::error::exception;  // any code: it only stops the parser
            return false;
        }
        if (raw_depth_ != 0) {
            raw_.st.push_double(exact);
            return true;
        }
        auto e = json_event_value::of(json_event::number, s);
        e.d = exact;
        return skip_ != 0 || begin_value(ec, e);
    }
    bool on_bool(bool b, boost::system::error_code& ec) {
        if (raw_depth_ != 0) return raw_.on_bool(b, ec);
        if (skip_ != 0) return true;
        auto e = json_event_value::of(json_event::boolean);
        e.b = b;
        return begin_value(ec, e);
    }
    bool on_null(boost::system::error_code& ec) {
        if (raw_depth_ != 0) return raw_.on_null(ec);
        return skip_ != 0 || begin_value(ec, json_event_value::of(json_event::null));
    }

    // --- For the reading functions.

    /// Begins filling a struct or a vector: the following events are its members or items.
    void push(void* target, container_ops const& ops) {
        frames_.push_back({target, &ops, ops.is_array ? 0 : no_member, {nullptr, nullptr}, 0, 0, 0, 0});
    }

    /// Begins keeping a JSON object or array whole, as a `boost::json::value` at `place`.
    bool begin_raw(void* place, json_event_value const& e) {
        raw_place_ = static_cast<boost::json::value*>(place);
        raw_.st.reset(boost::json::storage_ptr());
        raw_depth_ = 1;
        return e.kind == json_event::object ? raw_.on_object_begin(*ec_) : raw_.on_array_begin(*ec_);
    }

    /// A value of the wrong JSON type: `expected` says which.
    [[gnu::noinline]] bool wrong_type(json_event_value const& e, std::string_view expected) {
        return fail_at(e, kayako::error::wrong_type, value_path(), expected);
    }
    /// An integer outside the member's type.
    [[gnu::noinline]] bool out_of_range(json_event_value const& e) { return fail_at(e, kayako::error::integer_out_of_range, value_path(), {}); }

private:
    static constexpr std::size_t no_member = static_cast<std::size_t>(-1);

    // A struct or vector being filled.
    struct frame {
        void* target;
        container_ops const* ops;
        std::size_t index;       // array: items begun; struct: the member whose value comes next
        value_slot next;         // struct: where that member's value goes (null place: skipped)
        std::uint64_t given;     // struct: members given a value (not null)
        std::uint64_t spelled;   // struct: members whose key was read
        std::uint64_t case_low;  // struct: how each was spelled, two bits per member in two masks
        std::uint64_t case_high;
    };
    // A key spelled in none of the three usual ways, to tell it from another such spelling.
    struct odd_spelling {
        std::size_t depth;
        std::size_t member;
        std::string text;
    };

    // The slot the value that begins now goes to, or a null place when it is skipped.
    value_slot next_slot(json_event kind) {
        if (frames_.empty()) return root_;
        frame& f = frames_.back();
        if (f.ops->is_array) return f.ops->slot(f.target, f.index++);
        if (f.next.place == nullptr) return f.next;  // an unknown member
        std::uint64_t const bit = std::uint64_t{1} << f.index;
        if (kind == json_event::null && !(f.ops->nullable & bit)) {
            f.given &= ~bit;  // null is absent (§4.3)
            return {nullptr, nullptr};
        }
        f.given |= bit;
        return f.next;
    }

    // A value begins in the open struct or vector (small enough to inline), or at the root.
    [[gnu::always_inline]] bool begin_value(boost::system::error_code& ec, json_event_value const& e) {
        if (frames_.empty()) [[unlikely]]
            return begin_root_value(ec, e);
        frame& f = frames_.back();
        value_slot s;
        if (f.ops->is_array) {
            s = f.ops->slot(f.target, f.index++);
        } else {
            if (f.next.place == nullptr) {  // an unknown member
                if (e.kind == json_event::object || e.kind == json_event::array) skip_ = 1;
                return true;
            }
            std::uint64_t const bit = std::uint64_t{1} << f.index;
            if (e.kind == json_event::null && !(f.ops->nullable & bit)) {
                f.given &= ~bit;  // null is absent (§4.3)
                return true;
            }
            f.given |= bit;
            s = f.next;
        }
        ec_ = &ec;
        return s.read(*this, s.place, e);  // pushes a frame at most: `frames_` stays non-empty
    }

    [[gnu::noinline]] bool begin_root_value(boost::system::error_code& ec, json_event_value const& e) {
        value_slot const s = next_slot(e.kind);
        if (s.place == nullptr) {
            if (e.kind == json_event::object || e.kind == json_event::array) skip_ = 1;
            return true;
        }
        ec_ = &ec;
        if (!s.read(*this, s.place, e)) return false;
        if (frames_.empty() && raw_depth_ == 0) active_ = false;  // a scalar root: done
        return true;
    }

    bool end_container(boost::system::error_code& ec) {
        frame const& f = frames_.back();
        if (!f.ops->is_array) {
            if (std::uint64_t const missing = f.ops->required & ~f.given; missing != 0) {
                std::string path = path_to(frames_.size() - 1);
                if (!path.empty()) path += '.';
                path += f.ops->names[static_cast<std::size_t>(std::countr_zero(missing))];
                ec_ = &ec;
                return fail(kayako::error::missing_parameter, std::move(path), {}, false, 0);  // at the `}`
            }
            while (!odd_spellings_.empty() && odd_spellings_.back().depth == frames_.size()) odd_spellings_.pop_back();
        }
        frames_.pop_back();
        if (frames_.empty()) active_ = false;
        return true;
    }

    bool end_raw() {
        if (--raw_depth_ != 0) return true;
        *raw_place_ = raw_.st.release();
        if (frames_.empty()) active_ = false;
        return true;
    }

    // The usual key, kept small enough to inline: the first key of the member after the last one
    // found, in the struct's own (snake) spelling. Every other key takes `any_member_key`.
    [[gnu::always_inline]] bool member_key(boost::system::error_code& ec, std::string_view key) {
        frame& f = frames_.back();
        std::size_t const next = f.index + 1;  // `no_member` + 1 is 0
        if (next < f.ops->size) {
            std::string_view const name = f.ops->spellings[next];
            std::uint64_t const bit = std::uint64_t{1} << next;
            if (short_strings_equal(key, name) && !(f.spelled & bit)) [[likely]] {
                f.index = next;
                f.next = f.ops->members[next](f.target);
                f.spelled |= bit;
                return true;
            }
        }
        return any_member_key(ec, key);
    }

    [[gnu::noinline]] bool any_member_key(boost::system::error_code& ec, std::string_view key) {
        frame& f = frames_.back();
        unsigned spelling = 0;
        std::size_t const hint = f.index == no_member ? 0 : f.index + 1;
        std::size_t const size = f.ops->size;
        std::size_t m = size;
        // The member after the last one found, in the struct's own spelling first, is the usual
        // answer (`match` would try it first too): tried here without the call.
        if (hint < size) {
            std::string_view const* const s = f.ops->spellings + hint;
            if (short_strings_equal(key, s[0])) m = hint, spelling = 0;
            else if (short_strings_equal(key, s[size])) m = hint, spelling = 1;
            else if (short_strings_equal(key, s[2 * size])) m = hint, spelling = 2;
        }
        if (m == size) m = f.ops->match(key, hint, spelling);
        if (m == size) {
            f.index = no_member;
            f.next = {nullptr, nullptr};
            return true;
        }
        f.index = m;
        f.next = f.ops->members[m](f.target);
        std::uint64_t const bit = std::uint64_t{1} << m;
        if (!(f.spelled & bit) && spelling == 0) [[likely]] {  // the first key of a member, in snake case
            f.spelled |= bit;
            return true;
        }
        return noted_key(ec, f, m, spelling, key);
    }

    // The rarer keys, out of line: a member's first key in another spelling, or its key again.
    [[gnu::noinline]] bool noted_key(boost::system::error_code& ec, frame& f, std::size_t m, unsigned spelling,
                                     std::string_view key) {
        std::uint64_t const bit = std::uint64_t{1} << m;
        if (!(f.spelled & bit)) {
            f.spelled |= bit;
            if (spelling & 1) f.case_low |= bit;
            if (spelling & 2) f.case_high |= bit;
            if (spelling == other_spelling) odd_spellings_.push_back({frames_.size(), m, std::string(key)});
            return true;
        }
        unsigned const first = ((f.case_low & bit) ? 1u : 0u) | ((f.case_high & bit) ? 2u : 0u);
        if (first != spelling || (spelling == other_spelling && odd_spelling_of(m) != key)) {
            // Ambiguous: refused, as at the envelope's top level.
            std::string path = path_to(frames_.size() - 1);
            if (!path.empty()) path += '.';
            path += key;
            ec_ = &ec;
            return fail(kayako::error::duplicate, std::move(path), {}, in_input(key), in_input(key) ? offset_of(key) - 1 : 0);
        }
        f.ops->reset(f.target, m);  // the same key again: its last value counts
        f.given &= ~bit;
        return true;
    }

    std::string_view odd_spelling_of(std::size_t member) const noexcept {
        for (auto const& o : odd_spellings_)
            if (o.depth == frames_.size() && o.member == member) return o.text;
        return {};
    }

    bool in_input(std::string_view s) const noexcept {
        return !s.empty() && s.data() > input_.data() && s.data() <= input_.data() + input_.size();
    }
    std::size_t offset_of(std::string_view s) const noexcept { return static_cast<std::size_t>(s.data() - input_.data()); }

    // The error of value `e`, located at its first byte: a number's text and a string without
    // escapes point into the input; the parser stops at the first byte of the other values (for a
    // string with escapes, at its closing quote).
    bool fail_at(json_event_value const& e, kayako::error code, std::string path, std::string_view expected) {
        switch (e.kind) {
        case json_event::signed_integer:
        case json_event::unsigned_integer:
        case json_event::number: return fail(code, std::move(path), expected, false, e.text.size());
        case json_event::string:
            if (in_input(e.text)) return fail(code, std::move(path), expected, true, offset_of(e.text) - 1);
            return fail(code, std::move(path), expected, false, 0);
        default: return fail(code, std::move(path), expected, false, 0);
        }
    }

    bool fail(kayako::error code, std::string path, std::string_view expected, bool absolute, std::size_t at) {
        error_ = {code, failure::no_offset, std::move(path), expected};
        error_absolute_ = absolute;
        error_at_ = at;
        failed_ = true;
        *ec_ = boost::json::error::exception;  // any code: it only stops the parser
        return false;
    }

    // `data[3].requester.full_name`: the root, then each open container's current position.
    std::string path_to(std::size_t frame_count) const {
        std::string out(root_path_);
        for (std::size_t k = 0; k < frame_count; ++k) {
            frame const& f = frames_[k];
            if (f.ops->is_array) {
                out += '[';
                out += std::to_string(f.index - 1);
                out += ']';
            } else {
                if (!out.empty()) out += '.';
                out += f.ops->names[f.index];
            }
        }
        return out;
    }
    std::string value_path() const { return path_to(frames_.size()); }

    value_slot root_{};
    std::string_view root_path_;
    std::string_view input_;
    std::vector<frame> frames_;
    std::vector<odd_spelling> odd_spellings_;  // of the open structs' members
    std::size_t skip_ = 0;                  // containers of an unknown member still open
    boost::system::error_code* ec_ = nullptr;  // the parser's, for the reading functions to stop it
    json_dom_handler raw_;                  // builds a `boost::json::value` member's subtree
    boost::json::value* raw_place_ = nullptr;
    std::size_t raw_depth_ = 0;
    bool active_ = false;
    bool failed_ = false;
    bool number_overflow_ = false;
    envelope_parse_error error_;
    bool error_absolute_ = false;
    std::size_t error_at_ = 0;  // absolute offset in the input, or bytes back from where the parser stopped
};

// ---------------------------------------------------------------------------------------------
// The reading functions.

template <class T>
struct unsupported_type : std::false_type {};

template <class T>
bool read_value(typed_reader& r, void* place, json_event_value const& e) {
    T& out = *static_cast<T*>(place);
    if constexpr (std::is_same_v<T, bool>) {
        if (e.kind != json_event::boolean) return r.wrong_type(e, "boolean");
        out = e.b;
        return true;
    } else if constexpr (json_integer<T>) {
        if (e.kind == json_event::signed_integer) {
            if (!std::in_range<T>(e.i)) return r.out_of_range(e);
            out = static_cast<T>(e.i);
            return true;
        }
        if (e.kind == json_event::unsigned_integer) {
            if (!std::in_range<T>(e.u)) return r.out_of_range(e);
            out = static_cast<T>(e.u);
            return true;
        }
        return r.wrong_type(e, "integer");
    } else if constexpr (std::is_same_v<T, double>) {
        switch (e.kind) {
        case json_event::number: out = e.d; return true;
        case json_event::signed_integer: out = static_cast<double>(e.i); return true;
        case json_event::unsigned_integer: out = static_cast<double>(e.u); return true;
        default: return r.wrong_type(e, "number");
        }
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (e.kind != json_event::string) return r.wrong_type(e, "string");
        out.clear();  // usually empty already: appending is quicker than assigning
        out.append(e.text);
        return true;
    } else if constexpr (std::is_same_v<T, boost::json::value>) {
        switch (e.kind) {
        case json_event::object:
        case json_event::array: return r.begin_raw(place, e);
        case json_event::string: out = e.text; return true;
        case json_event::signed_integer: out = e.i; return true;
        case json_event::unsigned_integer: out = e.u; return true;
        case json_event::number: out = e.d; return true;
        case json_event::boolean: out = e.b; return true;
        case json_event::null: out = nullptr; return true;
        }
        return true;
    } else if constexpr (is_std_optional<T>::value) {
        if (e.kind == json_event::null) {
            out.reset();
            return true;
        }
        return read_value<typename T::value_type>(r, &out.emplace(), e);
    } else if constexpr (is_std_vector<T>::value) {
        if (e.kind != json_event::array) return r.wrong_type(e, "array");
        out.clear();
        r.push(place, array_table<typename T::value_type>::ops);
        return true;
    } else if constexpr (described_struct<T>) {
        if (e.kind != json_event::object) return r.wrong_type(e, "object");
        r.push(place, struct_table<T>::ops);
        return true;
    } else {
        static_assert(unsupported_type<T>::value,
                      "typed decoding reads bool, integers, double, std::string, std::optional, std::vector, "
                      "boost::json::value and structs described with BOOST_DESCRIBE_STRUCT");
        return false;
    }
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_TYPED_READING_HPP
