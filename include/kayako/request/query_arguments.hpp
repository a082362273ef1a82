// kayako-proto — the arguments of a query string, parsed and typed (§2.5, §17, §21.14, §21.15).
//
// `parse_query("_case=camel&limit=5&ids=1,2")` (or `query_arguments::assign`, reusing storage)
// gives the documented arguments of §17 this header owns typed and validated (`_case`, `_empty`,
// `_flat`, `ids`; the pagination arguments through the rules of `page_arguments.hpp`, their one
// owner), the others (`fields`, `include`, the credentials, `_timestamp`, ...) found by name for
// their owners to type (`typed_request.hpp` brings them together); and any argument by name
// through the typed name/value contract of `name_value_source.hpp` (`get`, `require`,
// `get_list`), names case-blind (§2.5), repeats as §21.15 says, limits of §21.14.
//
// The query is decoded like a form (lenient WHATWG by default, strict as an option, see form.hpp).
// Parsing allocates nothing for queries up to about 1 KiB: decoded text lives in an inline buffer
// of the result, and names or values that need no decoding stay views into the query — so the
// query must outlive the parsed result. Larger queries take one heap buffer; the parse functions
// may therefore throw `std::bad_alloc` and nothing else.
#ifndef KAYAKO_REQUEST_QUERY_ARGUMENTS_HPP
#define KAYAKO_REQUEST_QUERY_ARGUMENTS_HPP

#include <kayako/detail/inline_storage.hpp>
#include <kayako/detail/percent_decoding.hpp>
#include <kayako/detail/short_strings.hpp>
#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/page_arguments.hpp>
#include <kayako/request/target_options.hpp>

#include <boost/container/small_vector.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace kayako {

/// The documented arguments (§17), spelled as failures name them.
namespace argument_names {
/// `fields`: the partial-output rules (§5.3).
inline constexpr std::string_view fields = "fields";
/// `include`: the related resources to expand or sideload (§5.1).
inline constexpr std::string_view include = "include";
/// `_case`: the letter case of the response's names (§6.1).
inline constexpr std::string_view letter_case = "_case";
/// `_empty`: `false` drops empty members (§6.2).
inline constexpr std::string_view empty = "_empty";
/// `_flat`: sideloads nested resources (§6.3).
inline constexpr std::string_view flat = "_flat";
/// `_jsonp_callback`: wraps the answer in a JSONP call (§13).
inline constexpr std::string_view jsonp_callback = "_jsonp_callback";
/// `limit`: the page size (§7.1, §21.17).
inline constexpr std::string_view limit = "limit";
/// `offset`: the first item of an offset page (§7.1).
inline constexpr std::string_view offset = "offset";
/// `before_id`: the ID cursor of a descending page (§7.2).
inline constexpr std::string_view before_id = "before_id";
/// `after_id`: the ID cursor of an ascending page (§7.2).
inline constexpr std::string_view after_id = "after_id";
/// `since`: the lower bound of a date page (§7.3).
inline constexpr std::string_view since = "since";
/// `until`: the upper bound of a date page (§7.3).
inline constexpr std::string_view until = "until";
/// `ids`: the comma list of IDs a collection request selects (§17).
inline constexpr std::string_view ids = "ids";
/// `_session_id`: the session credential in the query (§11.8, §11.9).
inline constexpr std::string_view session_id = "_session_id";
/// `_token`: a login step's token (§11.2).
inline constexpr std::string_view token = "_token";
/// `_otp`: a one-time password (§11.2).
inline constexpr std::string_view otp = "_otp";
/// `access_token`: an OAuth 2.0 bearer token in the query (§11.3).
inline constexpr std::string_view access_token = "access_token";
/// `_jwt`: an SSO JSON Web Token (§11.6).
inline constexpr std::string_view jwt = "_jwt";
/// `_fingerprint_id`: the device fingerprint (§11.4).
inline constexpr std::string_view fingerprint_id = "_fingerprint_id";
/// `_portal`: the portal the request is made from (§20.18; read, not interpreted).
inline constexpr std::string_view portal = "_portal";
/// `_timestamp`: the request's Unix time (§11.10).
inline constexpr std::string_view timestamp = "_timestamp";
/// `_filename`: the file name of a raw-body upload (§8.2).
inline constexpr std::string_view filename = "_filename";
/// `_field`: the field a raw-body upload fills (§8.2).
inline constexpr std::string_view field = "_field";
/// `_md5`: the uploaded bytes' checksum, hex or base64 (§8.2, §21.10).
inline constexpr std::string_view md5 = "_md5";
}  // namespace argument_names

namespace detail {

/// `text.find(',', from)` without a library call: list items are a few bytes long, shorter than
/// what a call to memchr costs.
constexpr std::size_t find_comma(std::string_view text, std::size_t from) noexcept {
    for (std::size_t i = from; i < text.size(); ++i)
        if (text[i] == ',') return i;
    return std::string_view::npos;
}

/// `read_digit_run` (core/values.hpp) for an id: eight bytes tested and converted at once where
/// eight remain, since ids are short runs of digits; the byte loop otherwise (a run of eight or
/// more digits, the last bytes of the text, a big-endian target). The same run in either case.
inline digit_run read_id_digits(std::string_view text, std::size_t from) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        if (text.size() - from >= 8) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + from, 8);
            // A digit is 0..9 after the subtraction; the first byte that is not gets its high bit
            // set (below '0' it wraps, above '9' the addition carries into bit 7). A byte's borrow
            // or carry reaches only later bytes, so the bytes before the first non-digit are exact.
            std::uint64_t const digits = word - 0x3030303030303030u;
            std::uint64_t const stops = (digits | (digits + 0x7676767676767676u)) & 0x8080808080808080u;
            if (stops != 0) {
                unsigned const length = static_cast<unsigned>(__builtin_ctzll(stops)) / 8;
                if (length == 0) return {0, from};
                // The digits as the last `length` of eight (leading zeros), then pairs, fours, eight.
                std::uint64_t v = digits << (64 - 8 * length);
                v = v * 10 + (v >> 8);
                v = (((v & 0x000000FF000000FFu) * (100 + (1000000ull << 32))) + (((v >> 16) & 0x000000FF000000FFu) * (1 + (10000ull << 32)))) >> 32;
                return {v, from + length};
            }
        }
    }
    return read_digit_run(text, from);
}

/// The documented arguments, as indexes of `query_arguments`'s table.
enum class known_argument : std::uint8_t {
    fields, include, letter_case, empty, flat, jsonp_callback, limit, offset, before_id, after_id, since, until, ids,
    session_id, token, otp, access_token, jwt, fingerprint_id, portal, timestamp, filename, field, md5,
    count,
    none = 0xFF,
};

inline constexpr std::string_view known_argument_names[] = {
    argument_names::fields, argument_names::include, argument_names::letter_case, argument_names::empty,
    argument_names::flat, argument_names::jsonp_callback, argument_names::limit, argument_names::offset,
    argument_names::before_id, argument_names::after_id, argument_names::since, argument_names::until,
    argument_names::ids, argument_names::session_id, argument_names::token, argument_names::otp,
    argument_names::access_token, argument_names::jwt, argument_names::fingerprint_id, argument_names::portal,
    argument_names::timestamp, argument_names::filename, argument_names::field, argument_names::md5,
};
static_assert(std::size(known_argument_names) == static_cast<std::size_t>(known_argument::count));

/// Where the documented argument spelled `snake` would be in `known_arguments_by_key`: its length
/// and its first two bytes (no two documented names share the key; checked below).
constexpr std::size_t known_argument_key(std::string_view snake) noexcept {
    return snake.size() * 32 + ((static_cast<unsigned char>(snake[0]) + static_cast<unsigned char>(snake[1])) & 31);
}

/// The documented arguments by key: one lookup finds the only name a spelling can be, and one
/// compare decides (no loop over the names of a length).
inline constexpr auto known_arguments_by_key = [] {
    std::array<std::uint8_t, 16 * 32> table{};
    for (auto& k : table) k = 0xFF;
    for (std::size_t i = 0; i < std::size(known_argument_names); ++i) table[known_argument_key(known_argument_names[i])] = static_cast<std::uint8_t>(i);
    return table;
}();
static_assert([] {  // every name has a key of its own
    for (std::size_t i = 0; i < std::size(known_argument_names); ++i)
        if (known_arguments_by_key[known_argument_key(known_argument_names[i])] != i) return false;
    return true;
}());

/// The documented argument spelled exactly `snake` (1 to 15 bytes), or none.
constexpr known_argument find_known_argument(std::string_view snake) noexcept {
    if (snake.size() < 3) return known_argument::none;  // the shortest is `ids`
    std::uint8_t const i = known_arguments_by_key[known_argument_key(snake)];
    if (i == 0xFF) return known_argument::none;
    std::string_view const known = known_argument_names[i];
    if (snake.size() == 3) return snake[0] == known[0] && snake[1] == known[1] && snake[2] == known[2] ? static_cast<known_argument>(i) : known_argument::none;
    return short_strings_equal(snake, known) ? static_cast<known_argument>(i) : known_argument::none;
}

/// Which documented argument `name` is, in any letter case and with or without `[]`. Names come
/// in snake case nearly always, so that spelling is tried first; a name with capitals is then
/// compared by its snake spelling.
constexpr known_argument classify_argument(std::string_view name) noexcept {
    name = form_list_name(name);
    constexpr std::size_t longest = 15;  // `_fingerprint_id`, `_jsonp_callback`
    if (name.empty() || name.size() > longest) return known_argument::none;  // snake is never shorter
    if (known_argument const k = find_known_argument(name); k != known_argument::none) return k;
    bool upper = false;
    for (char c : name) upper |= is_upper(c);
    if (!upper) return known_argument::none;
    char snake[longest] = {};  // camel or Pascal: its snake spelling
    std::size_t n = 0;
    snake_reader r(name);
    while (!r.done()) {
        if (n == longest) return known_argument::none;
        snake[n++] = r.next();
    }
    return find_known_argument(std::string_view(snake, n));
}

}  // namespace detail

/// One argument as sent: decoded name and value, and where its piece starts in the query.
using argument = form_field;

/// The arguments of a query string, parsed. Holds views into the query: keep it alive.
class query_arguments {
    struct slot {
        detail::text_ref name, value;
        std::uint32_t offset = 0;
        detail::known_argument known = detail::known_argument::none;
    };

public:
    query_arguments() noexcept { reset({}); }

    /// Parses `query` (without the `?`) into this object, reusing its storage: the way to parse
    /// many queries without allocating. On failure the object is left empty.
    result<void> assign(std::string_view query, target_options const& options = {});

    // ---- the documented arguments (§17); absent → nothing or the documented default ----------

    /// `fields`, decoded but otherwise raw (the partial-output grammar reads it; §21.1).
    std::optional<std::string_view> fields() const noexcept { return text_of(detail::known_argument::fields); }
    /// `include`, decoded raw text; `include_list()` gives its items.
    std::optional<std::string_view> include() const noexcept { return text_of(detail::known_argument::include); }
    /// `_case`; snake by default.
    kayako::letter_case letter_case() const noexcept { return case_; }
    /// `_empty`: false drops empty members (§6.2); true by default. (`X-Options` lives in headers.hpp.)
    bool keep_empty() const noexcept { return keep_empty_; }
    /// `_flat` (§6.3); false by default.
    bool flat() const noexcept { return flat_; }
    /// `_jsonp_callback` as sent (§13); `jsonp.hpp` checks it is a safe callback name.
    std::optional<std::string_view> jsonp_callback() const noexcept { return text_of(detail::known_argument::jsonp_callback); }
    /// The pagination arguments (§7), each read by its rule in `page_arguments.hpp`: `limit`
    /// 1..`max_limit` (`default_limit` when absent or 0, §21.17), `offset`, `before_id` and
    /// `after_id` ≥ 0, `since` / `until` timestamps. Which of the cursors and dates a collection
    /// takes is the collection's to say: `pagination(kinds)`.
    pagination_arguments const& page() const noexcept { return page_; }
    /// The page size: `limit`, or `default_limit` when absent or 0 (§21.17).
    std::uint64_t limit() const noexcept { return page_.limit; }
    /// Whether the query carried `limit` at all.
    bool has_limit() const noexcept { return present(detail::known_argument::limit); }
    /// `offset` (§7.1); 0 when absent.
    std::uint64_t offset() const noexcept { return page_.offset; }
    /// `before_id` (§7.2), if sent.
    std::optional<std::uint64_t> before_id() const noexcept { return page_.before_id; }
    /// `after_id` (§7.2), if sent.
    std::optional<std::uint64_t> after_id() const noexcept { return page_.after_id; }
    /// `since` (§7.3), if sent.
    std::optional<timestamp> since() const noexcept { return page_.since; }
    /// `until` (§7.3), if sent.
    std::optional<timestamp> until() const noexcept { return page_.until; }
    /// The cursor and date arguments sent, each once, in the order first sent.
    sent_positions positions() const noexcept {
        sent_positions sent;
        if (present(detail::known_argument::before_id) || present(detail::known_argument::after_id) ||
            present(detail::known_argument::since) || present(detail::known_argument::until))
            for (std::size_t i = 0; i < slots_.size(); ++i)
                if (auto const which = page_argument_of(slots_[i].known)) sent.add(*which);
        return sent;
    }
    /// The page asked of a collection that offers `kinds` (§7): `page()`, once
    /// `check_page_positions` accepts the cursors and dates sent — `invalid_name` for one the
    /// collection does not offer, `conflicting_arguments` for a second (→ ONE_FIELD_EXPECTED,
    /// `positions()` names them all) — with the same verdicts as `parse_pagination`.
    result<pagination_arguments> pagination(page_kinds kinds = {}) const noexcept {
        if (auto r = check_page_positions(positions(), kinds); !r) return r.error();
        return page_;
    }
    /// `_session_id` as sent (§11.8); `read_credentials` checks it against the header and cookie copies (§11.9).
    std::optional<std::string_view> session_id() const noexcept { return text_of(detail::known_argument::session_id); }
    /// `_token` as sent: a login step's token (§11.2).
    std::optional<std::string_view> token() const noexcept { return text_of(detail::known_argument::token); }
    /// `_otp` as sent: a one-time password (§11.2).
    std::optional<std::string_view> otp() const noexcept { return text_of(detail::known_argument::otp); }
    /// `access_token` as sent: an OAuth 2.0 bearer token (§11.3).
    std::optional<std::string_view> access_token() const noexcept { return text_of(detail::known_argument::access_token); }
    /// `_jwt` as sent: an SSO token (§11.6; `jwt.hpp` reads it).
    std::optional<std::string_view> jwt() const noexcept { return text_of(detail::known_argument::jwt); }
    /// `_fingerprint_id` as sent (§11.4).
    std::optional<std::string_view> fingerprint_id() const noexcept { return text_of(detail::known_argument::fingerprint_id); }
    /// `_portal` as sent (§20.18: its values are undocumented, so it is passed through unread).
    std::optional<std::string_view> portal() const noexcept { return text_of(detail::known_argument::portal); }
    /// `_timestamp` (§11.10) as sent: the credentials own its type (`read_credentials`, Unix
    /// seconds like `X-Timestamp`), as they own `_session_id`'s.
    std::optional<std::string_view> request_timestamp() const noexcept { return text_of(detail::known_argument::timestamp); }
    /// `_filename` as sent: a raw-body upload's file name (§8.2).
    std::optional<std::string_view> filename() const noexcept { return text_of(detail::known_argument::filename); }
    /// `_field` as sent: the field a raw-body upload fills (§8.2).
    std::optional<std::string_view> field() const noexcept { return text_of(detail::known_argument::field); }
    /// `_md5` as sent (hex or base64, §21.10; the upload code compares it).
    std::optional<std::string_view> md5() const noexcept { return text_of(detail::known_argument::md5); }

    /// The items of a list argument in order (§21.15): `name[]=v` is one item, `name=a,b` gives
    /// `a` and `b`; all occurrences of the name, in either form, are concatenated. No allocation.
    class list_view;
    /// The list argument `name` (matched as forms match names, §2.5).
    list_view list(std::string_view name) const noexcept;
    /// The items of `include` (§5.1).
    list_view include_list() const noexcept;

    /// `ids`: every id, validated at parse time (integers, at most `max_ids`). No allocation.
    class id_range;
    /// The ids of `ids`, in the order sent.
    id_range ids() const noexcept;
    /// The number of ids.
    std::size_t id_count() const noexcept { return id_count_; }

    // ---- every argument by name --------------------------------------------------------------

    /// The value of the last argument named `name` (§21.15: the last one wins for scalars).
    std::optional<std::string_view> find(std::string_view name) const noexcept {
        if (slot const* s = find_slot(name)) return text(s->value);
        return std::nullopt;
    }
    /// Whether an argument named `name` was sent (in any of its spellings, §2.5).
    bool contains(std::string_view name) const noexcept { return find_slot(name) != nullptr; }

    // ---- the typed name/value contract (name_value_source.hpp) -----------------------------
    // Offsets are in the query string: the value's start, plus the value parser's offset when the
    // value arrived verbatim (a decoded value has no byte-exact way back to the query).

    /// The last argument named `name` (§21.15: the last one wins for scalars) read as T
    /// (`parse_value<T>`): nothing when absent; a bad value is the parser's failure naming the
    /// argument as sent, at its offset in the query.
    template <parsable_value T>
    result<std::optional<T>> get(std::string_view name) const noexcept(noexcept(parse_value<T>(std::string_view{}))) {
        slot const* s = find_slot(name);
        if (!s) return std::optional<T>();
        auto v = read<T>(*s);
        if (!v) return v.error();
        return std::optional<T>(std::move(*v));
    }
    /// Like `get`, with `fallback` when absent.
    template <parsable_value T>
    result<T> get(std::string_view name, T fallback) const noexcept(noexcept(parse_value<T>(std::string_view{}))) {
        slot const* s = find_slot(name);
        if (!s) return fallback;
        return read<T>(*s);
    }
    /// Like `get`; absent is `missing_parameter` naming `name` as asked (→ PARAMETER_MISSING).
    template <parsable_value T>
    result<T> require(std::string_view name) const noexcept(noexcept(parse_value<T>(std::string_view{}))) {
        slot const* s = find_slot(name);
        if (!s) return failure(error::missing_parameter, failure::no_offset, name);
        return read<T>(*s);
    }
    /// The list `name` as T items (see `list`; absent: empty), at most `max_items` (`too_many` at
    /// the first item past it). An empty comma item is `empty_value`. Failures name the
    /// occurrence as sent, at the item's offset in the query. Throws only `std::bad_alloc`.
    template <parsable_value T>
    result<std::vector<T>> get_list(std::string_view name, std::size_t max_items = 1000) const;

    /// The number of arguments as sent; `operator[]` gives each, in order.
    std::size_t size() const noexcept { return slots_.size(); }
    /// The `i`-th argument as sent (`i < size()`, unchecked): decoded name and value, and its offset.
    argument operator[](std::size_t i) const noexcept {
        slot const& s = slots_[i];
        return {text(s.name), text(s.value), s.offset};
    }
    /// The raw query this object reads.
    std::string_view query() const noexcept { return query_; }

private:
    friend class list_view;

    void reset(std::string_view query) noexcept {
        query_ = query;
        slots_.clear();
        last_.fill(absent);
        case_ = kayako::letter_case::snake;
        keep_empty_ = true;
        flat_ = false;
        page_ = {};
        id_count_ = 0;
    }
    std::string_view text(detail::text_ref r) const noexcept {
        return {(r.in_buffer() ? buffer_.data() : query_.data()) + r.offset(), r.size};
    }
    bool present(detail::known_argument k) const noexcept { return last_[static_cast<std::size_t>(k)] != absent; }
    std::optional<std::string_view> text_of(detail::known_argument k) const noexcept {
        std::uint32_t const i = last_[static_cast<std::size_t>(k)];
        if (i == absent) return std::nullopt;
        return text(slots_[i].value);
    }
    slot const* find_slot(std::string_view name) const noexcept {
        for (std::size_t i = slots_.size(); i-- > 0;)
            if (form_name_matches(text(slots_[i].name), name)) return &slots_[i];
        return nullptr;
    }
    /// The value of `s` as T; a failure names the argument as sent, at its offset in the query.
    template <parsable_value T>
    result<T> read(slot const& s) const noexcept(noexcept(parse_value<T>(std::string_view{}))) {
        auto v = parse_value<T>(text(s.value));
        if (!v) return locate(v.error(), s).of(text(s.name));
        return v;
    }
    /// Moves a value parser's failure to the query: the value's offset, plus the parser's own when
    /// the value is the undecoded query text.
    failure locate(failure f, slot const& s) const noexcept {
        std::size_t const value_at = (s.value.in_buffer() || s.value.size == 0) ? value_offset(s) : s.value.offset();
        std::size_t const inner = (!s.value.in_buffer() && f.has_offset()) ? f.offset : 0;
        return {f.code, value_at + inner, f.parameter};
    }
    std::size_t value_offset(slot const& s) const noexcept {
        std::size_t const eq = query_.find('=', s.offset);
        std::size_t const amp = query_.find('&', s.offset);
        if (eq == std::string_view::npos || eq > amp) return amp == std::string_view::npos ? query_.size() : amp;
        return eq + 1;
    }
    detail::text_ref ref_of(std::string_view v) const noexcept {
        char const* const buf = buffer_.data();
        if (v.empty()) return {};
        if (v.data() >= buf && v.data() <= buf + buffer_.capacity())
            return detail::text_ref::in_decode_buffer(static_cast<std::size_t>(v.data() - buf), v.size());
        return detail::text_ref::in_target(static_cast<std::size_t>(v.data() - query_.data()), v.size());
    }
    result<void> read_documented(target_options const& options) noexcept;
    static constexpr std::optional<page_argument> page_argument_of(detail::known_argument k) noexcept {
        switch (k) {
        case detail::known_argument::limit: return page_argument::limit;
        case detail::known_argument::offset: return page_argument::offset;
        case detail::known_argument::before_id: return page_argument::before_id;
        case detail::known_argument::after_id: return page_argument::after_id;
        case detail::known_argument::since: return page_argument::since;
        case detail::known_argument::until: return page_argument::until;
        default: return std::nullopt;
        }
    }

    static constexpr std::uint32_t absent = 0xFFFFFFFF;

    std::string_view query_;
    detail::inline_buffer<1024> buffer_;
    boost::container::small_vector<slot, 32> slots_;  // a typical query's arguments need no allocation
    std::array<std::uint32_t, static_cast<std::size_t>(detail::known_argument::count)> last_{};
    kayako::letter_case case_ = kayako::letter_case::snake;
    bool keep_empty_ = true;
    bool flat_ = false;
    pagination_arguments page_;
    std::size_t id_count_ = 0;
    std::array<std::int64_t, 32> id_cache_;  // the ids, when there are at most 32 (most requests)
};

/// The items of one list argument (see `query_arguments::list`). Iterators refer to the
/// arguments, not to this view: they stay valid while the `query_arguments` object lives.
class query_arguments::list_view {
    struct selector {  // which slots belong to the list
        query_arguments const* args;
        std::string_view name;
        detail::known_argument known;
        bool matches(slot const& s) const noexcept {
            if (known != detail::known_argument::none) return s.known == known;
            return form_name_matches(args->text(s.name), name);
        }
    };

public:
    /// A forward iterator over the items, each a decoded view into the query.
    class iterator {
    public:
        using value_type = std::string_view;  ///< Each item: a decoded view into the query.
        using difference_type = std::ptrdiff_t;  ///< Standard iterator trait.
        using iterator_category = std::forward_iterator_tag;  ///< A forward iterator: a list can be walked more than once.

        iterator() noexcept = default;  ///< A singular iterator (only for assigning to).
        /// The current item.
        std::string_view operator*() const noexcept { return item_; }
        /// Moves to the next item (the next comma item, or the next occurrence of the name).
        iterator& operator++() noexcept {
            advance();
            return *this;
        }
        /// Moves to the next item; returns the iterator as it was.
        iterator operator++(int) noexcept {
            iterator t = *this;
            advance();
            return t;
        }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.slot_ == b.slot_ && a.pos_ == b.pos_; }

    private:
        friend class list_view;
        iterator(selector list, std::size_t slot) noexcept : list_(list), slot_(slot) {}
        void advance() noexcept {
            std::string_view const value = list_.args->text(list_.args->slots_[slot_].value);
            if (!bracketed_ && pos_ != std::string_view::npos) {  // the next comma item, if any
                std::size_t const comma = detail::find_comma(value, pos_);
                if (comma != std::string_view::npos) {
                    pos_ = comma + 1;
                    set_item(value);
                    return;
                }
            }
            next_slot(slot_ + 1);
        }
        void next_slot(std::size_t from) noexcept {
            auto const& args = *list_.args;
            for (slot_ = from; slot_ < args.slots_.size(); ++slot_) {
                if (!list_.matches(args.slots_[slot_])) continue;
                std::string_view const name = args.text(args.slots_[slot_].name);
                std::string_view const value = args.text(args.slots_[slot_].value);
                bracketed_ = is_array_item_name(name);
                if (!bracketed_ && value.empty()) continue;  // an empty comma list has no items
                pos_ = 0;
                set_item(value);
                return;
            }
            slot_ = args.slots_.size();
            pos_ = std::string_view::npos;
        }
        void set_item(std::string_view value) noexcept {
            if (bracketed_) {
                item_ = value;
                return;
            }
            std::size_t const comma = detail::find_comma(value, pos_);
            item_ = value.substr(pos_, comma == std::string_view::npos ? std::string_view::npos : comma - pos_);
        }

        selector list_{};
        std::size_t slot_ = 0;
        std::size_t pos_ = std::string_view::npos;
        bool bracketed_ = false;
        std::string_view item_;
    };

    /// The first item.
    iterator begin() const noexcept {
        iterator it(list_, 0);
        it.next_slot(0);
        return it;
    }
    /// Past the last item.
    iterator end() const noexcept { return iterator(list_, list_.args->slots_.size()); }
    /// The number of items; linear in the number of arguments.
    std::size_t size() const noexcept {
        std::size_t n = 0;
        for (auto it = begin(); it != end(); ++it) ++n;
        return n;
    }
    /// Whether the list has no item.
    bool empty() const noexcept { return begin() == end(); }

private:
    friend class query_arguments;
    list_view(query_arguments const* args, std::string_view name, detail::known_argument known) noexcept
        : list_{args, name, known} {}
    selector list_;
};

inline query_arguments::list_view query_arguments::list(std::string_view name) const noexcept {
    return {this, name, detail::classify_argument(name)};
}
inline query_arguments::list_view query_arguments::include_list() const noexcept {
    return {this, argument_names::include, detail::known_argument::include};
}

/// The ids of `ids`, as integers: read from a small inline cache filled by the parse, or parsed
/// again from the text when there were more than fit in it.
class query_arguments::id_range {
public:
    /// A forward iterator over the ids.
    class iterator {
    public:
        using value_type = std::int64_t;  ///< Each id.
        using difference_type = std::ptrdiff_t;  ///< Standard iterator trait.
        using iterator_category = std::forward_iterator_tag;  ///< A forward iterator: the ids can be walked more than once.
        iterator() noexcept = default;
        /// The current id.
        std::int64_t operator*() const noexcept {
            if (cached_) return *cached_;
            auto const v = parse_integer<std::int64_t>(*it_);
            return v ? *v : 0;  // every id was validated by the parse
        }
        /// Moves to the next id.
        iterator& operator++() noexcept {
            if (cached_) ++cached_;
            else ++it_;
            return *this;
        }
        /// Moves to the next id; returns the iterator as it was.
        iterator operator++(int) noexcept {
            iterator t = *this;
            ++*this;
            return t;
        }
        friend bool operator==(iterator const& a, iterator const& b) noexcept {
            return a.cached_ == b.cached_ && (a.cached_ || a.it_ == b.it_);
        }

    private:
        friend class id_range;
        explicit iterator(list_view::iterator it) noexcept : it_(it) {}
        explicit iterator(std::int64_t const* cached) noexcept : cached_(cached) {}
        std::int64_t const* cached_ = nullptr;
        list_view::iterator it_;
    };
    /// The first id.
    iterator begin() const noexcept { return cached_ ? iterator(cached_) : iterator(list_.begin()); }
    /// Past the last id.
    iterator end() const noexcept { return cached_ ? iterator(cached_ + size_) : iterator(list_.end()); }
    /// The number of ids.
    std::size_t size() const noexcept { return size_; }
    /// Whether `ids` held no id.
    bool empty() const noexcept { return size_ == 0; }

private:
    friend class query_arguments;
    id_range(list_view list, std::int64_t const* cached, std::size_t size) noexcept : list_(list), cached_(cached), size_(size) {}
    list_view list_;
    std::int64_t const* cached_;
    std::size_t size_;
};

inline query_arguments::id_range query_arguments::ids() const noexcept {
    return {list_view(this, argument_names::ids, detail::known_argument::ids),
            id_count_ <= id_cache_.size() ? id_cache_.data() : nullptr, id_count_};
}

template <parsable_value T>
result<std::vector<T>> query_arguments::get_list(std::string_view name, std::size_t max_items) const {
    std::vector<T> out;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        slot const& s = slots_[i];
        std::string_view const sent = text(s.name);
        if (!form_name_matches(sent, name)) continue;
        std::string_view const value = text(s.value);
        // One item at `at` in the value; failures move to the query as `get`'s do.
        auto add = [&](std::string_view item, std::size_t at) -> result<void> {
            if (out.size() >= max_items) return locate(failure(error::too_many, at), s).of(sent);
            auto v = parse_value<T>(item);
            if (!v) return locate(v.error().shifted(at), s).of(sent);
            out.push_back(std::move(*v));
            return {};
        };
        if (is_array_item_name(sent)) {
            if (auto r = add(value, 0); !r) return r.error();
            continue;
        }
        if (value.empty()) continue;  // an empty comma list has no items
        for (std::size_t at = 0;;) {
            std::size_t end = detail::find_comma(value, at);
            if (end == std::string_view::npos) end = value.size();
            if (auto r = add(value.substr(at, end - at), at); !r) return r.error();
            if (end == value.size()) break;
            at = end + 1;
        }
    }
    return out;
}

inline result<void> query_arguments::assign(std::string_view query, target_options const& options) {
    reset(query);
    // A limit names the argument it was passed in (§21.14): the one holding the first byte too many.
    if (query.size() > options.max_query_size)
        return detail::named_form_limit(failure(error::too_long, options.max_query_size), query);
    if (query.size() >= detail::text_ref::buffer_bit) return failure(error::too_long, detail::text_ref::buffer_bit - 1);
    // 3 × size always suffices; count the exact bound only when that would not fit inline.
    std::size_t need = query.size() * 3;
    if (need > buffer_.capacity()) need = detail::decoded_size_bound(query);
    buffer_.reserve(need);
    // The query is split and decoded as `form_reader` reads a form (the tests hold the two to the
    // same fields), with the slots written directly: no view to map back to an offset. On SSE2 the
    // splitter reads 64-byte windows of masks, several short arguments to one window.
    char* const buffer = buffer_.data();
    std::size_t const n = query.size();
    std::size_t used = 0, count = 0;
#if defined(__SSE2__) && !defined(KAYAKO_NO_SIMD)
    detail::form_window window;
#endif
    // One name or value: a view of the query, or decoded into the buffer (which holds the bound
    // of the whole query, so the decoder always has room).
    auto text_at = [&](std::size_t begin, std::size_t end, bool special, detail::text_ref& ref) -> result<void> {
        if (begin == end) return {};
        if (!special) {
            ref = detail::text_ref::in_target(begin, end - begin);
            return {};
        }
        auto r = detail::percent_decode(query.substr(begin, end - begin), buffer + used, {options.strict, true});
        if (!r) return r.error().shifted(begin);
        ref = detail::text_ref::in_decode_buffer(used, *r);
        used += *r;
        return {};
    };
    for (std::size_t pos = 0; pos < n;) {
        std::size_t const start = pos;
#if defined(__SSE2__) && !defined(KAYAKO_NO_SIMD)
        detail::form_piece const piece = detail::scan_form_piece(window, query, start);
#else
        detail::form_piece const piece = detail::scan_form_piece_portable(query, start);
#endif
        pos = piece.end < n ? piece.end + 1 : n;
        if (piece.end == start) continue;  // an empty piece (`&&`, leading or trailing `&`)
        if (++count > options.max_arguments) {
            reset({});
            return detail::named_form_limit(failure(error::too_many, start), query);
        }
        bool const has_value = piece.equals != std::string_view::npos;
        std::size_t const name_end = has_value ? piece.equals : piece.end;
        slot s;
        if (auto r = text_at(start, name_end, piece.name_special, s.name); !r) {
            reset({});
            return r.error();
        }
        if (has_value)
            if (auto r = text_at(piece.equals + 1, piece.end, piece.value_special, s.value); !r) {
                reset({});
                return r.error();
            }
        s.offset = static_cast<std::uint32_t>(start);
        s.known = detail::classify_argument(text(s.name));
        if (s.known != detail::known_argument::none) last_[static_cast<std::size_t>(s.known)] = static_cast<std::uint32_t>(slots_.size());
        slots_.push_back(s);
    }
    buffer_.set_used(used);
    if (auto r = read_documented(options); !r) {
        reset({});
        return r.error();
    }
    return {};
}

inline result<void> query_arguments::read_documented(target_options const& options) noexcept {
    using detail::known_argument;
    auto slot_of = [&](known_argument k) -> slot const* {
        std::uint32_t const i = last_[static_cast<std::size_t>(k)];
        return i == absent ? nullptr : &slots_[i];
    };
    auto name_of = [](known_argument k) { return detail::known_argument_names[static_cast<std::size_t>(k)]; };
    // A pagination argument, by its one rule (page_arguments.hpp), its failure moved to the query.
    pagination_options const limits = options.page_limits();
    auto page_value = [&](known_argument k) -> result<void> {
        if (slot const* s = slot_of(k))
            if (auto r = read_page_value(*page_argument_of(k), text(s->value), page_, limits); !r) return locate(r.error(), *s);
        return {};
    };
    auto boolean = [&](known_argument k, bool& out) -> result<void> {
        if (slot const* s = slot_of(k)) {
            auto v = parse_boolean(text(s->value));
            if (!v) return locate(v.error(), *s).of(name_of(k));
            out = *v;
        }
        return {};
    };

    if (slot const* s = slot_of(known_argument::letter_case)) {
        auto c = parse_letter_case(text(s->value));
        if (!c) return failure(error::invalid_option, value_offset(*s), argument_names::letter_case);
        case_ = *c;
    }
    if (auto r = boolean(known_argument::empty, keep_empty_); !r) return r;
    if (auto r = boolean(known_argument::flat, flat_); !r) return r;

    page_.limit = options.default_limit;
    if (auto r = page_value(known_argument::limit); !r) return r;
    if (auto r = page_value(known_argument::offset); !r) return r;
    // The paging cursors and dates are rare: one test skips them all.
    if (present(known_argument::before_id) || present(known_argument::after_id) || present(known_argument::since) ||
        present(known_argument::until)) {
        for (known_argument k : {known_argument::before_id, known_argument::after_id, known_argument::since, known_argument::until})
            if (auto r = page_value(k); !r) return r;
    }

    if (present(known_argument::ids)) {
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            slot const& s = slots_[i];
            if (s.known != known_argument::ids) continue;
            std::string_view const value = text(s.value);
            // Counts one id and keeps it while the cache has room.
            auto record = [&](std::int64_t id) -> result<void> {
                if (++id_count_ > options.max_ids) return failure(error::too_many, s.offset, argument_names::ids);
                if (id_count_ <= id_cache_.size()) id_cache_[id_count_ - 1] = id;
                return {};
            };
            // One item, read by `parse_integer` (core/values.hpp) for its value or its precise error.
            auto check = [&](std::string_view item, std::size_t at) -> result<void> {
                if (item.empty()) return failure(error::empty_value, value_offset(s) + (s.value.in_buffer() ? 0 : at), argument_names::ids);
                auto v = parse_integer<std::int64_t>(item);
                if (!v) return failure(v.error().code, value_offset(s) + (s.value.in_buffer() ? 0 : at), argument_names::ids);
                return record(*v);
            };
            if (is_array_item_name(text(s.name))) {
                if (auto r = check(value, 0); !r) return r;
                continue;
            }
            if (value.empty()) continue;
            for (std::size_t at = 0;;) {
                // The usual item, up to 18 plain digits, is read as it is scanned by the digit loop
                // of `parse_integer`; anything else goes to `parse_integer` itself (`check`) for its
                // value or its precise error.
                detail::digit_run const run = detail::read_id_digits(value, at);
                std::size_t end = run.end;
                if (end > at && end - at <= 18 && (end == value.size() || value[end] == ',')) {
                    if (auto r = record(static_cast<std::int64_t>(run.value)); !r) return r;
                } else {
                    end = detail::find_comma(value, end);
                    if (end == std::string_view::npos) end = value.size();
                    if (auto r = check(value.substr(at, end - at), at); !r) return r;
                }
                if (end == value.size()) break;
                at = end + 1;
            }
        }
    }
    return {};
}

/// Parses a query string (without `?`). Allocation-free up to ~1 KiB; throws only `std::bad_alloc`.
inline result<query_arguments> parse_query(std::string_view query, target_options const& options = {}) {
    query_arguments args;
    if (auto r = args.assign(query, options); !r) return r.error();
    return args;
}
}  // namespace kayako

#endif  // KAYAKO_REQUEST_QUERY_ARGUMENTS_HPP
