// kayako-proto — request targets: the API path and the arguments of the query string (§1, §17).
//
// Server side, `parse_target("/api/v1/tests/1.json?_case=camel&limit=5")` gives
//
// * the path (`api_path`): the optional app, the resource, the id and any further segments,
//   percent-decoded and checked (no `..`, no `%2F` smuggled into a segment, no NUL), the `.json`
//   suffix, and the legacy `/api/index.php?/v1/...` routing form;
// * the arguments (`query_arguments`): the documented arguments of §17 this header owns typed and
//   validated (`_case`, `_empty`, `_flat`, `ids`; the pagination arguments through the rules of
//   `page_arguments.hpp`, their one owner), the others (`fields`, `include`, the credentials,
//   `_timestamp`, ...) found by name for their owners to type (`request.hpp` brings them
//   together); any argument by name with `get<T>`, names case-blind (§2.5), repeats as §21.15
//   says, limits of §21.14.
//
// The query is decoded like a form (lenient WHATWG by default, strict as an option, see form.hpp).
// Parsing allocates nothing for targets up to about 1 KiB: decoded text lives in an inline buffer
// of the result, and names or values that need no decoding stay views into the target — so the
// target must outlive the parsed result. Larger targets take one heap buffer; the parse functions
// may therefore throw `std::bad_alloc` and nothing else.
//
// Client side, `target_builder` writes a target from typed arguments, form-encoding values (a
// literal `+` is `%2B`, §21.1); parsing what it builds gives back what was put in.
#ifndef KAYAKO_REQUEST_QUERY_HPP
#define KAYAKO_REQUEST_QUERY_HPP

#include <kayako/detail/inline_storage.hpp>
#include <kayako/detail/percent_decoding.hpp>
#include <kayako/detail/percent_encoding.hpp>
#include <kayako/detail/short_strings.hpp>
#include <kayako/core/error.hpp>
#include <kayako/request/form.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/request/page_arguments.hpp>
#include <kayako/core/values.hpp>

#include <array>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kayako {

/// The documented arguments (§17), spelled as failures name them.
namespace argument_names {
inline constexpr std::string_view fields = "fields";
inline constexpr std::string_view include = "include";
inline constexpr std::string_view letter_case = "_case";
inline constexpr std::string_view empty = "_empty";
inline constexpr std::string_view flat = "_flat";
inline constexpr std::string_view jsonp_callback = "_jsonp_callback";
inline constexpr std::string_view limit = "limit";
inline constexpr std::string_view offset = "offset";
inline constexpr std::string_view before_id = "before_id";
inline constexpr std::string_view after_id = "after_id";
inline constexpr std::string_view since = "since";
inline constexpr std::string_view until = "until";
inline constexpr std::string_view ids = "ids";
inline constexpr std::string_view session_id = "_session_id";
inline constexpr std::string_view token = "_token";
inline constexpr std::string_view otp = "_otp";
inline constexpr std::string_view access_token = "access_token";
inline constexpr std::string_view jwt = "_jwt";
inline constexpr std::string_view fingerprint_id = "_fingerprint_id";
inline constexpr std::string_view portal = "_portal";
inline constexpr std::string_view timestamp = "_timestamp";
inline constexpr std::string_view filename = "_filename";
inline constexpr std::string_view field = "_field";
inline constexpr std::string_view md5 = "_md5";
}  // namespace argument_names

/// The documented apps that may precede a resource (`/api/v1/base/user/1`, §1).
inline constexpr std::string_view default_apps[] = {"base"};

/// Limits and modes of target parsing; defaults from §21.14.
struct target_options {
    bool strict = false;                   ///< strict decoding of the query (see form_options)
    std::size_t max_path_size = 8192;      ///< → too_long
    std::size_t max_segments = 16;         ///< path segments after `/api/v1` → too_many
    std::size_t max_query_size = 8192;     ///< §21.14: 8 KiB → too_long
    std::size_t max_arguments = 1000;      ///< §21.14 → too_many
    std::size_t max_ids = 1000;            ///< §21.14 → too_many, naming `ids`
    std::uint64_t max_limit = max_page_limit;          ///< §21.14: `limit` 0..max_limit (0: default, §21.17) → integer_out_of_range
    std::uint64_t default_limit = default_page_limit;  ///< §7: the page size without `limit`

    /// The limits of `limit` as `page_arguments.hpp` reads them.
    constexpr pagination_options page_limits() const noexcept { return {default_limit, max_limit, true, true}; }
    std::span<std::string_view const> apps = default_apps;  ///< first segments read as an app
};

namespace detail {

/// `text.find(',', from)` without a library call: list items are a few bytes long, shorter than
/// what a call to memchr costs.
constexpr std::size_t find_comma(std::string_view text, std::size_t from) noexcept {
    for (std::size_t i = from; i < text.size(); ++i)
        if (text[i] == ',') return i;
    return std::string_view::npos;
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

/// The documented arguments grouped by the length of their names (at most 5 share one).
inline constexpr auto known_arguments_by_size = [] {
    std::array<std::array<std::uint8_t, 6>, 16> table{};
    for (auto& row : table) row.fill(0xFF);
    for (std::size_t i = 0; i < std::size(known_argument_names); ++i) {
        auto& row = table[known_argument_names[i].size()];
        std::size_t k = 0;
        while (row[k] != 0xFF) ++k;
        row[k] = static_cast<std::uint8_t>(i);
    }
    return table;
}();

/// The documented argument spelled exactly `snake`, or none.
constexpr known_argument find_known_argument(std::string_view snake) noexcept {
    for (std::uint8_t const i : known_arguments_by_size[snake.size()]) {
        if (i == 0xFF) break;
        if (short_strings_equal(snake, known_argument_names[i])) return static_cast<known_argument>(i);
    }
    return known_argument::none;
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
    std::optional<std::string_view> jsonp_callback() const noexcept { return text_of(detail::known_argument::jsonp_callback); }
    /// The pagination arguments (§7), each read by its rule in `page_arguments.hpp`: `limit`
    /// 1..`max_limit` (`default_limit` when absent or 0, §21.17), `offset`, `before_id` and
    /// `after_id` ≥ 0, `since` / `until` timestamps. Which of the cursors and dates a collection
    /// takes is the collection's to say: `pagination(kinds)`.
    pagination_arguments const& page() const noexcept { return page_; }
    std::uint64_t limit() const noexcept { return page_.limit; }
    bool has_limit() const noexcept { return present(detail::known_argument::limit); }
    std::uint64_t offset() const noexcept { return page_.offset; }
    std::optional<std::uint64_t> before_id() const noexcept { return page_.before_id; }
    std::optional<std::uint64_t> after_id() const noexcept { return page_.after_id; }
    std::optional<timestamp> since() const noexcept { return page_.since; }
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
    std::optional<std::string_view> session_id() const noexcept { return text_of(detail::known_argument::session_id); }
    std::optional<std::string_view> token() const noexcept { return text_of(detail::known_argument::token); }
    std::optional<std::string_view> otp() const noexcept { return text_of(detail::known_argument::otp); }
    std::optional<std::string_view> access_token() const noexcept { return text_of(detail::known_argument::access_token); }
    std::optional<std::string_view> jwt() const noexcept { return text_of(detail::known_argument::jwt); }
    std::optional<std::string_view> fingerprint_id() const noexcept { return text_of(detail::known_argument::fingerprint_id); }
    std::optional<std::string_view> portal() const noexcept { return text_of(detail::known_argument::portal); }
    /// `_timestamp` (§11.10) as sent: the credentials own its type (`read_credentials`, Unix
    /// seconds like `X-Timestamp`), as they own `_session_id`'s.
    std::optional<std::string_view> request_timestamp() const noexcept { return text_of(detail::known_argument::timestamp); }
    std::optional<std::string_view> filename() const noexcept { return text_of(detail::known_argument::filename); }
    std::optional<std::string_view> field() const noexcept { return text_of(detail::known_argument::field); }
    /// `_md5` as sent (hex or base64, §21.10; the upload code compares it).
    std::optional<std::string_view> md5() const noexcept { return text_of(detail::known_argument::md5); }

    /// The items of a list argument in order (§21.15): `name[]=v` is one item, `name=a,b` gives
    /// `a` and `b`; all occurrences of the name, in either form, are concatenated. No allocation.
    class list_view;
    list_view list(std::string_view name) const noexcept;
    list_view include_list() const noexcept;

    /// `ids`: every id, validated at parse time (integers, at most `max_ids`). No allocation.
    class id_range;
    id_range ids() const noexcept;
    /// The number of ids.
    std::size_t id_count() const noexcept { return id_count_; }

    // ---- every argument by name --------------------------------------------------------------

    /// The value of the last argument named `name` (§21.15: the last one wins for scalars).
    std::optional<std::string_view> find(std::string_view name) const noexcept {
        if (slot const* s = find_slot(name)) return text(s->value);
        return std::nullopt;
    }
    bool contains(std::string_view name) const noexcept { return find_slot(name) != nullptr; }

    /// The last argument named `name` read as T (`parse_value<T>`); `missing_parameter` when
    /// absent. Failures name the argument as the caller spelled it, with the offset of the value
    /// (plus the value parser's offset when the value arrived undecoded) in the query.
    template <parsable_value T>
    result<T> get(std::string_view name) const noexcept(noexcept(parse_value<T>(std::string_view{}))) {
        slot const* s = find_slot(name);
        if (!s) return failure(error::missing_parameter, failure::no_offset, name);
        auto v = parse_value<T>(text(s->value));
        if (!v) return locate(v.error(), *s).of(name);
        return v;
    }
    /// Like `get`, with `fallback` when absent.
    template <parsable_value T>
    result<T> get(std::string_view name, T fallback) const noexcept(noexcept(parse_value<T>(std::string_view{}))) {
        if (!find_slot(name)) return fallback;
        return get<T>(name);
    }
    /// The list `name` as T items (see `list`), at most `max_items`. Throws only `std::bad_alloc`.
    template <parsable_value T>
    result<std::vector<T>> get_list(std::string_view name, std::size_t max_items = 1000) const;

    /// Every argument as sent, in order.
    std::size_t size() const noexcept { return slots_.size(); }
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
    detail::small_vector<slot, 32> slots_;
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
    class iterator {
    public:
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using iterator_category = std::forward_iterator_tag;

        iterator() noexcept = default;
        std::string_view operator*() const noexcept { return item_; }
        iterator& operator++() noexcept {
            advance();
            return *this;
        }
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

    iterator begin() const noexcept {
        iterator it(list_, 0);
        it.next_slot(0);
        return it;
    }
    iterator end() const noexcept { return iterator(list_, list_.args->slots_.size()); }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        for (auto it = begin(); it != end(); ++it) ++n;
        return n;
    }
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
    class iterator {
    public:
        using value_type = std::int64_t;
        using difference_type = std::ptrdiff_t;
        using iterator_category = std::forward_iterator_tag;
        iterator() noexcept = default;
        std::int64_t operator*() const noexcept {
            if (cached_) return *cached_;
            auto const v = parse_integer<std::int64_t>(*it_);
            return v ? *v : 0;  // every id was validated by the parse
        }
        iterator& operator++() noexcept {
            if (cached_) ++cached_;
            else ++it_;
            return *this;
        }
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
    iterator begin() const noexcept { return cached_ ? iterator(cached_) : iterator(list_.begin()); }
    iterator end() const noexcept { return cached_ ? iterator(cached_ + size_) : iterator(list_.end()); }
    std::size_t size() const noexcept { return size_; }
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
    for (std::string_view item : list(name)) {
        if (out.size() >= max_items) return failure(error::too_many, failure::no_offset, name);
        auto v = parse_value<T>(item);
        if (!v) return failure(v.error().code, failure::no_offset, name);
        out.push_back(std::move(*v));
    }
    return out;
}

inline result<void> query_arguments::assign(std::string_view query, target_options const& options) {
    reset(query);
    if (query.size() > options.max_query_size) return failure(error::too_long, options.max_query_size);
    if (query.size() >= detail::text_ref::buffer_bit) return failure(error::too_long, detail::text_ref::buffer_bit - 1);
    // 3 × size always suffices; count the exact bound only when that would not fit inline.
    std::size_t need = query.size() * 3;
    if (need > buffer_.capacity()) need = detail::decoded_size_bound(query);
    buffer_.reserve(need);
    form_options form;
    form.strict = options.strict;
    form.max_size = options.max_query_size;
    form.max_fields = options.max_arguments;
    form_reader reader(query, std::span<char>(buffer_.data(), buffer_.capacity()), form);
    form_field field;
    for (;;) {
        auto more = reader.next(field);
        if (!more) {
            reset({});
            return more.error();
        }
        if (!*more) break;
        slot s;
        s.name = ref_of(field.name);
        s.value = ref_of(field.value);
        s.offset = static_cast<std::uint32_t>(field.offset);
        s.known = detail::classify_argument(field.name);
        if (s.known != detail::known_argument::none) last_[static_cast<std::size_t>(s.known)] = static_cast<std::uint32_t>(slots_.size());
        slots_.push_back(s);
    }
    buffer_.set_used(reader.buffer_used());
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
            // Any item, read by the integer parser for its value or its precise error.
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
                // The usual item, up to 18 plain digits, is read as it is scanned; anything else
                // goes through `check` for its value or its precise error.
                std::size_t end = at;
                std::uint64_t v = 0;
                for (unsigned digit; end < value.size() && (digit = static_cast<unsigned char>(value[end]) - unsigned('0')) <= 9; ++end)
                    v = v * 10 + digit;  // unsigned: wraps harmlessly past 18 digits, which are refused below
                if (end > at && end - at <= 18 && (end == value.size() || value[end] == ',')) {
                    if (auto r = record(static_cast<std::int64_t>(v)); !r) return r;
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

// ---------------------------------------------------------------------------------------------
// The path
// ---------------------------------------------------------------------------------------------

/// The API path of a request target: `/api/v1[/<app>]/<resource>[/<id>][/<more>...]` (§1).
/// Segments are percent-decoded (`+` stays `+`). Holds views into the target: keep it alive.
class api_path {
public:
    api_path() = default;

    /// The app (`base` in `/api/v1/base/user/1`), or empty.
    std::string_view app() const noexcept { return app_ ? segment_text(0) : std::string_view{}; }
    /// The resource: the first segment after the app.
    std::string_view resource() const noexcept { return segment(0); }
    /// The segment after the resource, if any (an id, or an action such as `/api/v1/me`'s none).
    std::optional<std::string_view> id() const noexcept {
        if (size() < 2) return std::nullopt;
        return segment(1);
    }
    /// The id read as an integer; `missing_parameter` when there is none.
    result<std::int64_t> numeric_id() const noexcept {
        if (size() < 2) return failure(error::missing_parameter, failure::no_offset, "id");
        auto v = parse_integer<std::int64_t>(segment(1));
        if (!v) return v.error().of("id");
        return v;
    }
    /// The segments after the app: resource, id, sub-resources...
    std::size_t size() const noexcept { return count_ - (app_ ? 1 : 0); }
    std::string_view segment(std::size_t i) const noexcept { return segment_text(i + (app_ ? 1 : 0)); }
    /// True when the last segment carried `.json` (removed from it).
    bool json_suffix() const noexcept { return json_; }
    /// True for the legacy `index.php?/v1/...` form.
    bool legacy() const noexcept { return legacy_; }

private:
    friend class request_target;
    friend result<void> parse_api_path_into(api_path&, std::string_view, std::size_t, bool, target_options const&);

    std::string_view segment_text(std::size_t i) const noexcept {
        detail::text_ref const r = segments_[i];
        return {(r.in_buffer() ? buffer_.data() : target_.data()) + r.offset(), r.size};
    }

    std::string_view target_;
    detail::inline_buffer<256> buffer_;
    std::array<detail::text_ref, 32> segments_{};
    std::array<std::uint32_t, 32> starts_{};  // where each segment starts in the target
    std::size_t count_ = 0;
    bool app_ = false;
    bool json_ = false;
    bool legacy_ = false;
};

namespace detail {
constexpr bool is_name_character(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr bool ascii_iequal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}
/// The position after the run of `/` that starts at `from` (`from` itself when there is none).
constexpr std::size_t skip_slashes(std::string_view text, std::size_t from) noexcept {
    while (from < text.size() && text[from] == '/') ++from;
    return from;
}
/// True when `path` is `pattern` once every run of `/` in it is read as one `/` (§21.16).
/// The comparison stops at the first difference: for most paths within a few bytes.
constexpr bool path_equals_collapsed(std::string_view path, std::string_view pattern) noexcept {
    std::size_t i = 0;
    for (char const c : pattern) {
        if (i == path.size() || path[i] != c) return false;
        i = c == '/' ? skip_slashes(path, i) : i + 1;
    }
    return i == path.size();
}
}  // namespace detail

/// Reads the route `route` — `/v1/...` after `/api` — found at `base` in `target` into `out`.
inline result<void> parse_api_path_into(api_path& out, std::string_view target, std::size_t base, bool legacy,
                                        target_options const& options) {
    std::string_view const route = target.substr(base);
    out.target_ = target;
    out.count_ = 0;
    out.app_ = out.json_ = false;
    out.legacy_ = legacy;
    if (route.size() > options.max_path_size) return failure(error::too_long, base + options.max_path_size);
    if (target.size() >= detail::text_ref::buffer_bit) return failure(error::too_long, detail::text_ref::buffer_bit - 1);
    // `/v1`, then `/segment`s; a run of `/` is one separator (§21.16).
    std::size_t pos = detail::skip_slashes(route, 0);
    if (pos == 0 || route.substr(pos, 2) != "v1" || (route.size() > pos + 2 && route[pos + 2] != '/'))
        return failure(error::invalid_target, base + pos);
    pos += 3;  // after "v1/"
    std::size_t const max_segments = options.max_segments < out.segments_.size() ? options.max_segments : out.segments_.size();
    out.buffer_.reserve(route.size());
    std::size_t used = 0;
    while (pos <= route.size()) {
        std::size_t slash = route.find('/', pos);
        if (slash == std::string_view::npos) slash = route.size();
        std::string_view const raw = route.substr(pos, slash - pos);
        std::size_t const at = base + pos;
        if (raw.empty()) {  // `//` (the Java SDK sends them) or trailing slashes: no segment
            if (slash == route.size()) break;
            pos = slash + 1;
            continue;
        }
        if (out.count_ == max_segments) return failure(error::too_many, at);
        detail::text_ref ref = detail::text_ref::in_target(at, raw.size());
        std::string_view decoded = raw;
        if (!detail::decodes_to_itself(raw, {true, false})) {
            auto n = detail::percent_decode(raw, out.buffer_.data() + used, {true, false});
            if (!n) return failure(error::invalid_target, at + n.error().offset);
            decoded = std::string_view(out.buffer_.data() + used, *n);
            ref = detail::text_ref::in_decode_buffer(used, *n);
            used += *n;
        }
        // A decoded segment must still be one segment, and never climb.
        bool separator = false;  // a branch-free scan: segments are short
        for (char c : decoded) separator |= (c == '/') | (c == '\\');
        if (separator || decoded == "." || decoded == "..") return failure(error::invalid_target, at);
        out.starts_[out.count_] = static_cast<std::uint32_t>(at);
        out.segments_[out.count_++] = ref;
        out.buffer_.set_used(used);  // copies of the path copy what is in use
        pos = slash + 1;
        if (slash == route.size()) break;
    }
    if (out.count_ == 0) return failure(error::invalid_target, base + route.size());
    // `.json` on the last segment selects the (only) format; it is not part of the name.
    {
        detail::text_ref& last = out.segments_[out.count_ - 1];
        std::string_view const text = out.segment_text(out.count_ - 1);
        if (text.size() > 5 && (text.ends_with(".json") || detail::ascii_iequal(text.substr(text.size() - 5), ".json"))) {
            last.size -= 5;
            out.json_ = true;
        } else if (detail::ascii_iequal(text, ".json")) {
            return failure(error::invalid_target, target.size());
        }
    }
    // An app is recognised only where a resource follows it.
    if (out.count_ >= 2)
        for (std::string_view app : options.apps)
            if (out.segment_text(0) == app) out.app_ = true;
    // Resource and app names are `[A-Za-z0-9_]+` (§2.5 names); ids may be anything decoded.
    std::size_t const named = out.app_ ? 2 : 1;
    for (std::size_t i = 0; i < named; ++i) {
        detail::text_ref const r = out.segments_[i];
        std::string_view const text = out.segment_text(i);
        for (std::size_t k = 0; k < text.size(); ++k)
            if (!detail::is_name_character(text[k])) return failure(error::invalid_target, r.in_buffer() ? out.starts_[i] : r.offset() + k);
        if (text.empty()) return failure(error::invalid_target, out.starts_[i]);
    }
    return {};
}

/// A parsed request target: the API path and the arguments.
class request_target {
public:
    api_path const& path() const noexcept { return path_; }
    query_arguments const& arguments() const noexcept { return arguments_; }

    /// Parses `target` into this object, reusing its storage. Throws only `std::bad_alloc`.
    result<void> assign(std::string_view target, target_options const& options = {}) {
        std::string_view t = target;
        if (std::size_t const hash = t.find('#'); hash != std::string_view::npos) t = t.substr(0, hash);
        std::size_t start = 0;  // absolute-form (RFC 9112 §3.2.2): skip scheme and authority
        if (t.size() >= 7 && t[0] != '/' && (detail::ascii_iequal(t.substr(0, 7), "http://") ||
                              (t.size() >= 8 && detail::ascii_iequal(t.substr(0, 8), "https://")))) {
            std::size_t const authority = t.find("//") + 2;
            start = t.find('/', authority);
            if (start == std::string_view::npos) return failure(error::invalid_target, t.size());
        }
        if (start >= t.size() || t[start] != '/') return failure(error::invalid_target, start);
        std::size_t const question = t.find('?', start);
        std::string_view const path = t.substr(start, question == std::string_view::npos ? std::string_view::npos : question - start);
        std::string_view query = question == std::string_view::npos ? std::string_view{} : t.substr(question + 1);

        // The legacy routing form: `/api/index.php?/v1/tests&_empty=false` (§1).
        // (One suffix compare keeps ordinary paths off the slash-collapsing comparison.)
        if (path.ends_with("/index.php") &&
            (detail::path_equals_collapsed(path, "/api/index.php") || detail::path_equals_collapsed(path, "/index.php"))) {
            if (query.empty() || query[0] != '/') return failure(error::invalid_target, question + 1);
            std::size_t const amp = query.find('&');
            std::string_view const route = query.substr(0, amp);
            std::string_view const rest = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
            if (route.find('?') != std::string_view::npos) return failure(error::invalid_target, question + 1 + route.find('?'));
            // Parse the route as a target of its own length so that offsets stay offsets into `target`.
            if (auto r = parse_api_path_into(path_, target.substr(0, question + 1 + route.size()), question + 1, true, options); !r)
                return r.error();
            if (auto r = arguments_.assign(rest, options); !r) return r.error().shifted(amp == std::string_view::npos ? 0 : question + 1 + amp + 1);
            return {};
        }
        // Servers collapse runs of `/` (§21.16): the Java SDK sends `//api/v1/articles.json`.
        std::size_t const api = detail::skip_slashes(path, 0);
        if (path.substr(api, 3) != "api" || (path.size() > api + 3 && path[api + 3] != '/'))
            return failure(error::invalid_target, start);
        if (detail::skip_slashes(path, api + 3) == path.size()) return failure(error::invalid_target, start + path.size());
        if (auto r = parse_api_path_into(path_, target.substr(0, start + path.size()), start + api + 3, false, options); !r)
            return r.error();
        if (auto r = arguments_.assign(query, options); !r) return r.error().shifted(question + 1);
        return {};
    }

private:
    api_path path_;
    query_arguments arguments_;
};

/// Parses a request target (origin-form, or absolute-form). Allocation-free up to ~1 KiB;
/// throws only `std::bad_alloc`. The target must outlive the result.
inline result<request_target> parse_target(std::string_view target, target_options const& options = {}) {
    request_target t;
    if (auto r = t.assign(target, options); !r) return r.error();
    return t;
}

// ---------------------------------------------------------------------------------------------
// Client side
// ---------------------------------------------------------------------------------------------

/// Writes a request target from typed arguments:
///
///     kayako::target_builder b("tests");
///     b.id(1).add("_case", kayako::letter_case::camel).add("limit", 5);
///     send(b.str());   // "/api/v1/tests/1?_case=camel&limit=5"
///
/// Values are form-encoded (space → `+`, literal `+` → `%2B`, §21.1); path segments are
/// percent-encoded so that nothing in them can split or climb the path.
class target_builder {
public:
    /// `/api/v1[/<app>]/<resource>`.
    explicit target_builder(std::string_view resource, std::string_view app = {}) {
        path_ = "/api/v1";
        if (!app.empty()) segment(app);
        segment(resource);
    }

    /// Appends one path segment (an id, a sub-resource...). Everything is escaped, but a segment
    /// holding `/` or `\`, or being `.` or `..`, is refused by `parse_target` (and by servers).
    /// An empty segment appends nothing: servers read `//` as `/` (§21.16), so it could not
    /// arrive, and a client never writes `//`.
    target_builder& segment(std::string_view s) {
        if (s.empty()) return *this;
        path_ += '/';
        detail::append_path_segment_encoded(path_, s);
        return *this;
    }
    target_builder& id(std::int64_t id) {
        char digits[24];
        auto const r = std::to_chars(digits, digits + sizeof digits, id);
        return segment(std::string_view(digits, static_cast<std::size_t>(r.ptr - digits)));
    }

    target_builder& add(std::string_view name, std::string_view value) {
        append_form_field(query_, name, value);
        return *this;
    }
    target_builder& add(std::string_view name, char const* value) { return add(name, std::string_view(value)); }
    target_builder& add(std::string_view name, bool value) { return add(name, std::string_view(value ? "true" : "false")); }
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    target_builder& add(std::string_view name, T value) {
        char digits[24];
        auto const r = std::to_chars(digits, digits + sizeof digits, value);
        return add(name, std::string_view(digits, static_cast<std::size_t>(r.ptr - digits)));
    }
    /// ISO-8601, in the timestamp's own offset.
    target_builder& add(std::string_view name, timestamp value) {
        std::array<char, timestamp_length> text{};
        format_timestamp(value, text);
        return add(name, std::string_view(text.data(), text.size()));
    }
    target_builder& add(std::string_view name, kayako::letter_case value) { return add(name, to_string(value)); }

    /// A list argument; see `append_form_list` (comma style refuses items with commas).
    result<void> add_list(std::string_view name, std::span<std::string_view const> items, array_style style = array_style::comma) {
        return append_form_list(query_, name, items, style);
    }
    /// Integers as a list (`ids=1,2,3`).
    target_builder& add_list(std::string_view name, std::span<std::int64_t const> items, array_style style = array_style::comma) {
        if (items.empty()) return *this;
        std::string joined;
        for (std::size_t i = 0; i < items.size(); ++i) {
            char digits[24];
            auto const r = std::to_chars(digits, digits + sizeof digits, items[i]);
            if (style == array_style::brackets) {
                if (!query_.empty()) query_ += '&';
                detail::append_form_encoded(query_, name);
                query_ += "%5B%5D=";
                query_.append(digits, r.ptr);
                continue;
            }
            if (i) joined += ',';
            joined.append(digits, r.ptr);
        }
        if (style == array_style::comma) add(name, joined);
        return *this;
    }

    /// The path and, when there are arguments, `?` and the query.
    std::string str() const {
        if (query_.empty()) return path_;
        std::string out;
        out.reserve(path_.size() + 1 + query_.size());
        out += path_;
        out += '?';
        out += query_;
        return out;
    }
    std::string_view path() const noexcept { return path_; }
    std::string_view query() const noexcept { return query_; }

private:
    std::string path_;
    std::string query_;
};

}  // namespace kayako

#endif  // KAYAKO_REQUEST_QUERY_HPP
