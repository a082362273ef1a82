// kayako-proto — application/x-www-form-urlencoded, both ways (§2.2, §3, §21.14, §21.15).
//
// Decoding follows the WHATWG urlencoded parser by default (lenient, as browsers and real clients
// send): pieces are split at `&`, empty pieces are skipped (`a&&b`), each piece splits at its first
// `=`, `+` is a space, an invalid `%` escape stays literal, and bytes that are not UTF-8 become
// U+FFFD. `form_options::strict` turns bad escapes, invalid UTF-8 and NUL into typed errors with
// the offset of the offending byte in the body. Sizes and counts are limited (§21.14).
//
// Three ways to read, from the cheapest:
//
// * `form_reader` — iterates fields without allocating: a name or value that needs no decoding is
//   a view into the body, the others are decoded into a caller buffer of
//   `form_reader::buffer_size(body)` bytes.
// * `decoded_form` (`parse_form`) — owns the decoded fields; looks names up case-blind (§2.5), with
//   `name[]` and `name` being one list, scalars last-wins and lists accumulating (§21.15).
// * `visit_form` — a callback per field, over a stack buffer when the body is small.
//
// Encoding writes PHP-urlencode text (space `+`, literal `+` as `%2B`, §21.1) and arrays as
// `name%5B%5D=` repeats or comma lists.
#ifndef KAYAKO_REQUEST_FORM_HPP
#define KAYAKO_REQUEST_FORM_HPP

#include <kayako/detail/percent_decoding.hpp>
#include <kayako/detail/percent_encoding.hpp>
#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if defined(__SSE2__) && !defined(KAYAKO_NO_SIMD)
#include <emmintrin.h>
#endif

namespace kayako {

/// How forms (and query strings, which share the syntax) are decoded.
struct form_options {
    bool strict = false;                    ///< bad escapes, invalid UTF-8 and NUL are errors
    std::size_t max_size = 1024 * 1024;     ///< body size limit (§21.14: 1 MiB) → too_long
    std::size_t max_fields = 1000;          ///< field count limit (§21.14: 1,000) → too_many
};

/// One decoded `name=value` pair. `offset` is where its piece starts in the encoded text.
struct form_field {
    std::string_view name;  ///< the decoded name (`files[]` keeps its brackets)
    std::string_view value; ///< the decoded value
    std::size_t offset = 0; ///< where the pair starts in the encoded text (for errors)
};

/// `name` without one trailing `[]`: the list name a field contributes to.
constexpr std::string_view form_list_name(std::string_view name) noexcept {
    if (name.size() >= 2 && name[name.size() - 2] == '[' && name.back() == ']') name.remove_suffix(2);
    return name;
}

/// True when the field named `field_name` (as sent) is the argument or parameter `wanted`:
/// letter case is ignored (§2.5) and `name[]` is `name` (§21.15). `wanted` may carry `[]` too.
constexpr bool form_name_matches(std::string_view field_name, std::string_view wanted) noexcept {
    return names_equal(form_list_name(field_name), form_list_name(wanted));
}

/// True when the field was sent as one item of an array (`name[]=v`), not as a comma list.
constexpr bool is_array_item_name(std::string_view name) noexcept { return form_list_name(name).size() != name.size(); }

namespace detail {

// What a byte means to the splitter: 0 ordinary, 1 `&`, 2 `=`, 3 needs decoding.
inline constexpr std::array<unsigned char, 256> form_byte_classes = [] {
    std::array<unsigned char, 256> t{};
    for (int b = 0x80; b < 256; ++b) t[b] = 3;
    t['%'] = 3;
    t['+'] = 3;
    t[0] = 3;
    t['&'] = 1;
    t['='] = 2;
    return t;
}();

/// One `&`-separated piece: where it ends, where its first `=` is, and whether its name and its
/// value contain anything that needs decoding (`%`, `+`, NUL, bytes ≥ 0x80).
struct form_piece {
    std::size_t end = 0;
    std::size_t equals = std::string_view::npos;
    bool name_special = false;
    bool value_special = false;
};

#if defined(__SSE2__) && !defined(KAYAKO_NO_SIMD)
/// What 64 bytes of a form text from `base` hold, one bit a byte: `&` (and a stop bit at the end
/// of the text, which ends the last piece as a `&` would), `=`, and the bytes that need decoding
/// (`%`, `+`, NUL, bytes >= 0x80). The splitter reads pieces from these masks: a piece of a query
/// is a few bytes long, and one window serves several of them.
struct form_window {
    std::size_t base = 0;
    std::uint64_t amps = 0, equals = 0, specials = 0;
    bool loaded = false;
};

/// Fills `w` with the masks of `text` from `base` (`base <= text.size()`), sixteen bytes a load.
/// Nothing past the end of `text` is read: the last bytes are loaded as the last sixteen of the
/// text, their masks shifted down (a text shorter than 16 bytes is copied first).
inline void load_form_window(form_window& w, std::string_view text, std::size_t base) noexcept {
    char const* const p = text.data();
    std::size_t const n = text.size();
    __m128i const amp = _mm_set1_epi8('&'), eq = _mm_set1_epi8('='), pct = _mm_set1_epi8('%'),
                  plus = _mm_set1_epi8('+'), one = _mm_set1_epi8(1);
    std::uint64_t amps = 0, equals = 0, specials = 0;
    auto const add = [&](__m128i v, unsigned k, unsigned shift, unsigned valid) {
        auto const bits = [&](__m128i m) { return std::uint64_t((static_cast<unsigned>(_mm_movemask_epi8(m)) >> shift) & valid) << k; };
        amps |= bits(_mm_cmpeq_epi8(v, amp));
        equals |= bits(_mm_cmpeq_epi8(v, eq));
        // `%`, `+`, and (one signed compare) NUL and the bytes >= 0x80
        specials |= bits(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, pct), _mm_cmpeq_epi8(v, plus)), _mm_cmplt_epi8(v, one)));
    };
    if (n - base >= 64) {  // a whole window: four loads
        for (unsigned k = 0; k < 64; k += 16) add(_mm_loadu_si128(reinterpret_cast<__m128i const*>(p + base + k)), k, 0, 0xFFFF);
    } else {
        for (unsigned k = 0; base + k < n; k += 16) {
            std::size_t const at = base + k, left = n - at;
            if (left >= 16) {
                add(_mm_loadu_si128(reinterpret_cast<__m128i const*>(p + at)), k, 0, 0xFFFF);
            } else if (n >= 16) {  // the last sixteen bytes of the text; ours are the top `left`
                add(_mm_loadu_si128(reinterpret_cast<__m128i const*>(p + n - 16)), k, static_cast<unsigned>(16 - left), 0xFFFF);
            } else {  // a text shorter than one load
                alignas(16) char tail[16] = {};
                std::memcpy(tail, p + at, left);
                add(_mm_load_si128(reinterpret_cast<__m128i const*>(tail)), k, 0, (1u << left) - 1);
            }
        }
        amps |= std::uint64_t{1} << (n - base);  // the end of the text ends a piece
    }
    w.base = base;
    w.amps = amps;
    w.equals = equals;
    w.specials = specials;
    w.loaded = true;
}

/// The piece of `text` that starts at `i`, read from the masks of `w` (refilled as needed).
inline form_piece scan_form_piece(form_window& w, std::string_view text, std::size_t i) noexcept {
    form_piece r;
    for (;;) {
        if (!w.loaded || i - w.base >= 64) load_form_window(w, text, i);
        unsigned const rel = static_cast<unsigned>(i - w.base);
        std::uint64_t const from = ~std::uint64_t{0} << rel;
        std::uint64_t const amps = w.amps & from;
        std::uint64_t const piece = amps ? from & ((amps & (0 - amps)) - 1) : from;  // up to the `&`
        std::uint64_t const special = w.specials & piece;
        if (r.equals == std::string_view::npos) {
            if (std::uint64_t const equals = w.equals & piece) {  // the first '=' splits
                unsigned const k = static_cast<unsigned>(__builtin_ctzll(equals));
                r.equals = w.base + k;
                r.name_special |= (special & ((std::uint64_t{1} << k) - 1)) != 0;
                r.value_special |= (special >> k) != 0;
            } else {
                r.name_special |= special != 0;
            }
        } else {
            r.value_special |= special != 0;
        }
        if (amps) {
            r.end = w.base + static_cast<std::size_t>(__builtin_ctzll(amps));
            return r;
        }
        i = w.base + 64;
    }
}
#endif

#if defined(__SSE2__) && !defined(KAYAKO_NO_SIMD)
// Sixteen bytes at a time: the splitter is the hot loop of both query and form parsing.
inline form_piece scan_form_piece(std::string_view text, std::size_t i) noexcept {
    form_piece r;
    char const* const p = text.data();
    std::size_t const n = text.size();
    __m128i const amp = _mm_set1_epi8('&'), eq = _mm_set1_epi8('='), pct = _mm_set1_epi8('%'),
                  plus = _mm_set1_epi8('+'), one = _mm_set1_epi8(1);
    while (i < n) {
        __m128i v;
        unsigned valid = 0xFFFF;
        if (n - i >= 16) {
            v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + i));
        } else {  // the tail, padded; bytes past the end are masked out
            alignas(16) char tail[16] = {};
            std::memcpy(tail, p + i, n - i);
            v = _mm_load_si128(reinterpret_cast<__m128i const*>(tail));
            valid = (1u << (n - i)) - 1;
        }
        auto const mask = [&](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)) & valid; };
        unsigned const amps = mask(_mm_cmpeq_epi8(v, amp));
        unsigned const limit = amps ? (1u << __builtin_ctz(amps)) - 1 : valid;
        unsigned const equals = mask(_mm_cmpeq_epi8(v, eq)) & limit;
        // `%`, `+`, and (one signed compare) NUL and the bytes >= 0x80
        __m128i const specials = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, pct), _mm_cmpeq_epi8(v, plus)), _mm_cmplt_epi8(v, one));
        unsigned const special = mask(specials) & limit;
        if (r.equals == std::string_view::npos && equals) {
            unsigned const k = static_cast<unsigned>(__builtin_ctz(equals));
            r.equals = i + k;
            r.name_special |= (special & ((1u << k) - 1)) != 0;
            r.value_special |= (special >> k) != 0;
        } else if (r.equals == std::string_view::npos) {
            r.name_special |= special != 0;
        } else {
            r.value_special |= special != 0;
        }
        if (amps) {
            r.end = i + static_cast<std::size_t>(__builtin_ctz(amps));
            return r;
        }
        i += 16;
    }
    r.end = n;
    return r;
}
#endif

/// The piece of `text` that starts at `i`, byte by byte: what other targets run, and the reference
/// the tests hold both sixteen-byte scans to.
constexpr form_piece scan_form_piece_portable(std::string_view text, std::size_t i) noexcept {
    form_piece r;
    for (; i < text.size(); ++i) {
        unsigned char const c = form_byte_classes[static_cast<unsigned char>(text[i])];
        if (c == 0) continue;
        if (c == 1) break;
        if (c == 2) {  // the first '=' splits; a later one belongs to the value
            if (r.equals == std::string_view::npos) r.equals = i;
            continue;
        }
        (r.equals == std::string_view::npos ? r.name_special : r.value_special) = true;
    }
    r.end = i;
    return r;
}

#if !defined(__SSE2__) || defined(KAYAKO_NO_SIMD)
/// The splitter of `form_reader` on targets without SSE2: the portable scan.
constexpr form_piece scan_form_piece(std::string_view text, std::size_t i) noexcept { return scan_form_piece_portable(text, i); }
#endif

/// The name, as sent (not decoded), of the `&`-separated field of `text` that holds byte
/// `offset` (the last field when `offset` is past the end): what a size limit passed at `offset`
/// names (§21.14). Empty for a field without a name.
constexpr std::string_view form_field_name_at(std::string_view text, std::size_t offset) noexcept {
    if (text.empty()) return {};
    if (offset >= text.size()) offset = text.size() - 1;
    // From the `&` before `offset` (a `&` at `offset` itself ends the field before it).
    std::size_t begin = offset == 0 ? std::string_view::npos : text.rfind('&', offset - 1);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    std::size_t end = text.find_first_of("&=", begin);
    if (end == std::string_view::npos) end = text.size();
    return text.substr(begin, end - begin);
}

/// A size or count limit of a form passed without a name: the same failure, naming the field
/// it was passed in (§21.14: a limit names its parameter).
constexpr failure named_form_limit(failure f, std::string_view text) noexcept {
    if ((f.code != error::too_long && f.code != error::too_many) || !f.parameter.empty() || !f.has_offset()) return f;
    return f.of(form_field_name_at(text, f.offset));
}

}  // namespace detail

/// Reads the fields of a form body (or query string) one by one, allocating nothing.
///
///     std::vector<char> buffer(kayako::form_reader::buffer_size(body));
///     kayako::form_reader reader(body, buffer);
///     kayako::form_field field;
///     while (auto more = reader.next(field)) { if (!*more) break; use(field); }
///
/// Views returned point into the body or into the buffer; both must outlive them.
class form_reader {
public:
    /// The buffer size that lets every field of `body` decode, whatever it holds.
    static constexpr std::size_t buffer_size(std::string_view body) noexcept { return detail::decoded_size_bound(body); }

    /// A reader of `body` decoding into `buffer` (at least `buffer_size(body)` bytes; both must outlive the views it returns).
    constexpr form_reader(std::string_view body, std::span<char> buffer, form_options const& options = {}) noexcept
        : body_(body), buffer_(buffer), options_(options) {}

    /// When set, names and values that need no decoding are copied to the buffer too, so that
    /// every view points into the buffer (for owners of the result).
    constexpr void copy_all(bool on) noexcept { copy_all_ = on; }

    /// Reads the next field into `out`: true when there was one, false at the end, or a failure
    /// (`too_long`, `too_many`, or in strict mode a decoding error at its body offset). A buffer
    /// smaller than `buffer_size(body)` may end the reading with `too_long` at the field's offset.
    constexpr result<bool> next(form_field& out) noexcept {
        if (pos_ == 0 && fields_ == 0 && body_.size() > options_.max_size) return failure(error::too_long, options_.max_size);
        std::size_t const n = body_.size();
        while (pos_ < n) {
            std::size_t const start = pos_;
            detail::form_piece const scan = detail::scan_form_piece(body_, start);
            std::size_t const i = scan.end, equals = scan.equals;
            bool const name_special = scan.name_special, value_special = scan.value_special;
            pos_ = i < n ? i + 1 : n;
            if (i == start) continue;  // an empty piece (`&&`, leading or trailing `&`)
            if (++fields_ > options_.max_fields) return failure(error::too_many, start);

            std::string_view const piece = body_.substr(start, i - start);
            std::string_view raw_name = piece, raw_value{};
            if (equals != std::string_view::npos) {
                raw_name = piece.substr(0, equals - start);
                raw_value = piece.substr(equals - start + 1);
            }
            auto name = decode(raw_name, name_special, start);
            if (!name) return name.error();
            auto value = decode(raw_value, value_special, equals == std::string_view::npos ? i : equals + 1);
            if (!value) return value.error();
            out.name = *name;
            out.value = *value;
            out.offset = start;
            return true;
        }
        return false;
    }

    /// How many bytes of the buffer are in use.
    constexpr std::size_t buffer_used() const noexcept { return used_; }

private:
    constexpr result<std::string_view> decode(std::string_view raw, bool special, std::size_t at) noexcept {
        if (!special && !copy_all_) return raw;
        std::size_t const room = buffer_.size() - used_;
        // 3 × size always suffices; only a tight buffer pays for the exact bound.
        if (raw.size() * 3 > room && detail::decoded_size_bound(raw) > room) return failure(error::too_long, at);
        char* const out = buffer_.data() + used_;
        std::size_t written = raw.size();
        if (special) {
            auto r = detail::percent_decode(raw, out, {options_.strict, true});
            if (!r) return r.error().shifted(at);
            written = *r;
        } else if (!raw.empty()) {
            std::memcpy(out, raw.data(), raw.size());
        }
        used_ += written;
        return std::string_view(out, written);
    }

    std::string_view body_;
    std::span<char> buffer_;
    form_options options_;
    std::size_t pos_ = 0;
    std::size_t fields_ = 0;
    std::size_t used_ = 0;
    bool copy_all_ = false;
};

/// Calls `visit(form_field const&)` for every field, in order; returns the number of fields or
/// the first failure. Bodies up to `stack_buffer` bytes decode on the stack; larger ones get one
/// heap buffer (so this may throw `std::bad_alloc`, and what `visit` throws).
template <class Visit>
result<std::size_t> visit_form(std::string_view body, Visit&& visit, form_options const& options = {}) {
    constexpr std::size_t stack_buffer = 2048;
    std::array<char, stack_buffer> local;
    std::unique_ptr<char[]> heap;
    std::span<char> buffer(local);
    if (body.size() > options.max_size) return failure(error::too_long, options.max_size);
    if (std::size_t const need = form_reader::buffer_size(body); need > stack_buffer) {
        heap.reset(new char[need]);
        buffer = std::span<char>(heap.get(), need);
    }
    form_reader reader(body, buffer, options);
    form_field field;
    std::size_t count = 0;
    for (;;) {
        auto more = reader.next(field);
        if (!more) return more.error();
        if (!*more) return count;
        ++count;
        visit(static_cast<form_field const&>(field));
    }
}

/// The decoded fields of a form, owned. Copies and moves keep every view valid.
class decoded_form {
public:
    decoded_form() = default;
    /// Moves; views stay valid (the text moves with its buffer).
    decoded_form(decoded_form&&) noexcept = default;
    /// Move assignment.
    decoded_form& operator=(decoded_form&&) noexcept = default;
    /// A deep copy whose views point into its own text. Throws only `std::bad_alloc`.
    decoded_form(decoded_form const& other) { *this = other; }
    /// Deep copy assignment. Throws only `std::bad_alloc`.
    decoded_form& operator=(decoded_form const& other) {
        if (this == &other) return *this;
        std::unique_ptr<char[]> text(other.size_ ? new char[other.size_] : nullptr);
        if (other.size_) std::memcpy(text.get(), other.text_.get(), other.size_);
        std::vector<form_field> fields = other.fields_;
        for (auto& f : fields) {
            f.name = rebase(f.name, other.text_.get(), text.get());
            f.value = rebase(f.value, other.text_.get(), text.get());
        }
        text_ = std::move(text);
        size_ = other.size_;
        fields_ = std::move(fields);
        return *this;
    }

    /// Iterates the fields in body order.
    using const_iterator = std::vector<form_field>::const_iterator;
    /// The first field.
    const_iterator begin() const noexcept { return fields_.begin(); }
    /// Past the last field.
    const_iterator end() const noexcept { return fields_.end(); }
    /// The number of fields, repeats included.
    std::size_t size() const noexcept { return fields_.size(); }
    /// Whether the body had no field.
    bool empty() const noexcept { return fields_.empty(); }
    /// The `i`-th field in body order (`i < size()`, unchecked).
    form_field const& operator[](std::size_t i) const noexcept { return fields_[i]; }

    /// The value of the last field named `name` (any letter case, with or without `[]`): the last
    /// one wins for scalars (§21.15).
    std::optional<std::string_view> find(std::string_view name) const noexcept {
        for (auto it = fields_.rbegin(); it != fields_.rend(); ++it)
            if (form_name_matches(it->name, name)) return it->value;
        return std::nullopt;
    }
    /// Whether a field named `name` was sent (any letter case, with or without `[]`).
    bool contains(std::string_view name) const noexcept { return find_field(name) != nullptr; }

    // ---- the typed name/value contract (name_value_source.hpp) -----------------------------
    // Offsets are in the decoded value (this form owns decoded copies, not the body).

    /// The last field named `name` read as T: nothing when absent. A failure names the parameter
    /// as it was sent (a view into this form) and keeps the value parser's offset.
    template <parsable_value T>
    result<std::optional<T>> get(std::string_view name) const {
        form_field const* f = find_field(name);
        if (!f) return std::optional<T>();
        auto v = read<T>(*f);
        if (!v) return v.error();
        return std::optional<T>(std::move(*v));
    }
    /// Like `get`, with `fallback` when the field is absent.
    template <parsable_value T>
    result<T> get(std::string_view name, T fallback) const {
        form_field const* f = find_field(name);
        if (!f) return fallback;
        return read<T>(*f);
    }
    /// Like `get`; absent is `missing_parameter` naming `name` as asked (→ FIELD_REQUIRED).
    template <parsable_value T>
    result<T> require(std::string_view name) const {
        form_field const* f = find_field(name);
        if (!f) return failure(error::missing_parameter, failure::no_offset, name);
        return read<T>(*f);
    }

    /// Every item of the list `name`, in order (§2.2, §21.15): each `name[]=v` is one item, each
    /// `name=a,b` contributes its comma-separated items. Throws only `std::bad_alloc`.
    std::vector<std::string_view> list(std::string_view name) const {
        std::vector<std::string_view> items;
        for (auto const& f : fields_) {
            if (!form_name_matches(f.name, name)) continue;
            if (is_array_item_name(f.name)) {
                items.push_back(f.value);
            } else {
                for (std::string_view item : comma_list(f.value)) items.push_back(item);
            }
        }
        return items;
    }

    /// The list `name` as T items, at most `max_items` (`too_many`); an empty comma item is
    /// `empty_value`. Failures name the parameter. Throws only `std::bad_alloc`.
    template <parsable_value T>
    result<std::vector<T>> get_list(std::string_view name, std::size_t max_items = 1000) const {
        std::vector<T> out;
        for (auto const& f : fields_) {
            if (!form_name_matches(f.name, name)) continue;
            auto add = [&](std::string_view item, std::size_t at) -> result<void> {
                if (out.size() >= max_items) return failure(error::too_many, at, f.name);
                auto v = parse_value<T>(item);
                if (!v) return v.error().shifted(at).of(f.name);
                out.push_back(std::move(*v));
                return {};
            };
            if (is_array_item_name(f.name)) {
                if (auto r = add(f.value, 0); !r) return r.error();
                continue;
            }
            comma_list const items(f.value);
            for (auto it = items.begin(); it != items.end(); ++it) {
                if ((*it).empty()) return failure(error::empty_value, it.offset(), f.name);
                if (auto r = add(*it, it.offset()); !r) return r.error();
            }
        }
        return out;
    }

private:
    friend result<decoded_form> parse_form(std::string_view, form_options const&);

    template <parsable_value T>
    static result<T> read(form_field const& f) {
        auto v = parse_value<T>(f.value);
        if (!v) return v.error().of(f.name);
        return v;
    }
    form_field const* find_field(std::string_view name) const noexcept {
        for (auto it = fields_.rbegin(); it != fields_.rend(); ++it)
            if (form_name_matches(it->name, name)) return &*it;
        return nullptr;
    }
    static std::string_view rebase(std::string_view v, char const* from, char* to) noexcept {
        if (v.empty()) return {};
        return {to + (v.data() - from), v.size()};
    }

    std::unique_ptr<char[]> text_;
    std::size_t size_ = 0;
    std::vector<form_field> fields_;
};

/// Decodes a whole form body into an owning `decoded_form`. Throws only `std::bad_alloc`.
inline result<decoded_form> parse_form(std::string_view body, form_options const& options = {}) {
    if (body.size() > options.max_size) return failure(error::too_long, options.max_size);
    decoded_form form;
    std::size_t const need = form_reader::buffer_size(body);
    form.text_.reset(need ? new char[need] : nullptr);
    form_reader reader(body, std::span<char>(form.text_.get(), need), options);
    reader.copy_all(true);
    form_field field;
    for (;;) {
        auto more = reader.next(field);
        if (!more) return more.error();
        if (!*more) break;
        form.fields_.push_back(field);
    }
    form.size_ = reader.buffer_used();
    return form;
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

/// How a client sends an array (§2.2): `name[]=a&name[]=b` or `name=a,b`.
enum class array_style : unsigned char { brackets, comma };

/// Appends `name=value`, form-encoded, preceded by `&` when `out` is not empty.
inline void append_form_field(std::string& out, std::string_view name, std::string_view value) {
    if (!out.empty()) out += '&';
    detail::append_form_encoded(out, name);
    out += '=';
    detail::append_form_encoded(out, value);
}

/// Appends the array `name` in `style`. The comma style cannot carry an item that contains a
/// comma (the reader would split it): then nothing is appended and the failure is
/// `unexpected_character` at the item's index, naming `name`; use `array_style::brackets`.
/// An empty array appends nothing in either style (the form has no way to say "empty list").
inline result<void> append_form_list(std::string& out, std::string_view name, std::span<std::string_view const> items,
                                     array_style style = array_style::brackets) {
    if (items.empty()) return {};
    if (style == array_style::brackets) {
        for (std::string_view item : items) {
            if (!out.empty()) out += '&';
            detail::append_form_encoded(out, name);
            out += "%5B%5D=";
            detail::append_form_encoded(out, item);
        }
        return {};
    }
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].find(',') != std::string_view::npos) return failure(error::unexpected_character, i, name);
    if (!out.empty()) out += '&';
    detail::append_form_encoded(out, name);
    out += '=';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += "%2C";
        detail::append_form_encoded(out, items[i]);
    }
    return {};
}

/// A whole form body from name/value pairs, in order.
inline std::string encode_form(std::span<std::pair<std::string_view, std::string_view> const> fields) {
    std::string out;
    for (auto const& [name, value] : fields) append_form_field(out, name, value);
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_FORM_HPP
