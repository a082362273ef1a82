// kayako-proto — the `fields` argument (§5.3, §5.4, §21.1, §21.2) and the `include` argument (§5.1).
//
// `fields` selects which members of a resource are emitted, level by level:
//
//     fields   = rule *( "," rule )
//     rule     = [ "+" / "-" / " " ] name [ "(" fields ")" ]     ; " " is a `+` that lost its
//     name     = 1*( ALPHA / DIGIT / "_" ) / "*"                   ; %2B in form decoding (§21.1)
//
// `parse_fields` turns the text into a `field_mask`: an immutable tree with one `field_level` per
// nesting level. `fields_builder` builds the same tree in code (clients), and `to_string(mask)`
// writes its canonical text. Names are stored in canonical snake spelling, so `fullName`,
// `FullName` and `full_name` are one name (§2.5).
//
// Merge rule (ours; the reference is silent). All rules for one name at one level merge into one
// rule, whatever their order, so that a mask means the same as the set of its rules:
//   * the modifier is the strongest given: `-` beats a bare name, a bare name beats `+`
//     (`+a,-a` ≡ `-a`: asking both to have and not to have a field does not emit it; `+a,a` ≡ `a`:
//     a bare name asks for explicit mode (§5.4 rule 4) and keeps asking when also given with `+`);
//   * the nested rule lists merge recursively by the same rule (`a,a(b)` ≡ `a(b)`,
//     `a(b),a(+c)` ≡ `a(b,+c)`);
//   * `*` and `*(*)` are flags of the level; `*(*)` implies `*`.
// Canonical text lists `*(*)` or `*` first, then the rules sorted by name, one per name, with
// `+` written as `+` (the query builder percent-encodes it as `%2B`).
//
// `*` accepts no nested list other than `(*)`, and no `-` modifier: both are FIELD_INVALID, as any
// other syntax error. An empty text is the same as no `fields` argument.
//
// `include` is `*` or a comma list of resource types, case-blind (`userMinimal` ≡ `user_minimal`).
#ifndef KAYAKO_OUTPUT_FIELDS_HPP
#define KAYAKO_OUTPUT_FIELDS_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako {

/// Limits of `parse_fields` (§21.14).
struct fields_options {
    std::size_t max_depth = 16;      ///< `(` open at once (`a(b)` is 1); past it, `too_deep`
    std::size_t max_length = 8192;   ///< bytes of text; past it, `too_long`
    std::size_t max_rules = 1000;    ///< rules in the whole text; past it, `too_many`
};

/// What a rule asks for one field.
enum class field_modifier : unsigned char {
    include,  ///< `+name`: emit it, the defaults stay (§5.4 rule 2)
    select,   ///< bare `name`: explicit mode if it is a default field, else like `+` (§5.4 rules 4, 5)
    exclude,  ///< `-name`: do not emit it (§5.4 rule 3)
};

class field_mask;
class fields_builder;

namespace detail {
// Exact equality of two short names, inlined: names are a few bytes, and a call into the C
// library's memcmp (or a byte loop, whose exit the CPU mispredicts) per member costs more than
// the comparison. Two overlapping word loads cover 4..16 bytes without a loop.
[[gnu::always_inline]] inline bool same_name(std::string_view a, std::string_view b) noexcept {
    std::size_t n = a.size();
    if (n != b.size()) return false;
    char const* p = a.data();
    char const* q = b.data();
    if (n >= 8) {
        while (n > 16) {
            std::uint64_t x, y;
            __builtin_memcpy(&x, p, 8);
            __builtin_memcpy(&y, q, 8);
            if (x != y) return false;
            p += 8, q += 8, n -= 8;
        }
        std::uint64_t x0, y0, x1, y1;
        __builtin_memcpy(&x0, p, 8);
        __builtin_memcpy(&y0, q, 8);
        __builtin_memcpy(&x1, p + n - 8, 8);
        __builtin_memcpy(&y1, q + n - 8, 8);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    if (n >= 4) {
        std::uint32_t x0, y0, x1, y1;
        __builtin_memcpy(&x0, p, 4);
        __builtin_memcpy(&y0, q, 4);
        __builtin_memcpy(&x1, p + n - 4, 4);
        __builtin_memcpy(&y1, q + n - 4, 4);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (p[i] != q[i]) return false;
    return true;
}
}  // namespace detail

/// One rule of a level: a field name (canonical snake), what is asked for it and, when the rule
/// has a nested list, the level that applies to the nested resource.
struct field_rule {
    std::string name;                                 ///< the field name, canonical snake spelling
    field_modifier modifier = field_modifier::select; ///< bare, `+` or `-` (§5.4)
    std::uint32_t nested = no_nested;                 ///< index of the nested level in its mask, or `no_nested`

    /// The value of `nested` for a rule without a nested list.
    static constexpr std::uint32_t no_nested = 0xffffffffu;
    /// Whether the rule has a nested list (`role(title)`).
    bool has_nested() const noexcept { return nested != no_nested; }
};

/// The rules of one nesting level.
struct field_level {
    std::vector<field_rule> rules;   ///< one per name, sorted by name once the mask is complete
    bool all = false;                ///< `*`: every non-hidden field of this level (§5.4 rule 6)
    bool all_deep = false;           ///< `*(*)`: every field of every resource at every depth

    /// No rule and no wildcard: the level says nothing (default display, §5.4).
    bool empty() const noexcept { return rules.empty() && !all && !all_deep; }

    /// The rule for `snake_name` (exact, canonical snake spelling), or null.
    field_rule const* find(std::string_view snake_name) const noexcept {
        for (auto const& r : rules)
            if (detail::same_name(r.name, snake_name)) return &r;
        return nullptr;
    }
};

/// An immutable, merged tree of `fields` rules. The root level always exists (it is empty for
/// an empty or absent `fields`).
class field_mask {
public:
    field_mask() : levels_(1) {}

    /// The top level: the rules for the resource itself.
    field_level const& root() const noexcept { return levels_.front(); }
    /// The nested level of `rule` (which must have one).
    field_level const& nested(field_rule const& rule) const noexcept { return levels_[rule.nested]; }
    /// The nested level of `rule`, or null when `rule` is null or has none.
    field_level const* nested_or_null(field_rule const* rule) const noexcept {
        return rule && rule->has_nested() ? &levels_[rule->nested] : nullptr;
    }
    /// True for an empty or absent `fields`.
    bool empty() const noexcept { return root().empty(); }

    /// Structural equality (independent of the order in which levels were created).
    friend bool operator==(field_mask const& a, field_mask const& b) noexcept {
        return levels_equal(a, a.root(), b, b.root());
    }

private:
    friend class fields_builder;
    friend struct detail_fields_access;

    static bool levels_equal(field_mask const& a, field_level const& la, field_mask const& b,
                             field_level const& lb) noexcept {
        if (la.all != lb.all || la.all_deep != lb.all_deep || la.rules.size() != lb.rules.size()) return false;
        for (std::size_t i = 0; i < la.rules.size(); ++i) {
            auto const& ra = la.rules[i];
            auto const& rb = lb.rules[i];
            if (ra.name != rb.name || ra.modifier != rb.modifier || ra.has_nested() != rb.has_nested()) return false;
            if (ra.has_nested() && !levels_equal(a, a.levels_[ra.nested], b, b.levels_[rb.nested])) return false;
        }
        return true;
    }

    // Merges one rule into `level` (the merge rule of the file comment); returns its index.
    std::size_t merge_rule(std::size_t level, std::string snake_name, field_modifier m) {
        auto& rules = levels_[level].rules;
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (rules[i].name == snake_name) {
                if (static_cast<int>(m) > static_cast<int>(rules[i].modifier)) rules[i].modifier = m;
                return i;
            }
        }
        rules.push_back(field_rule{std::move(snake_name), m, field_rule::no_nested});
        return rules.size() - 1;
    }

    // The nested level of rule `index` of `level`, created on first use.
    std::size_t nested_level(std::size_t level, std::size_t index) {
        if (!levels_[level].rules[index].has_nested()) {
            levels_.emplace_back();  // may reallocate: index again below
            levels_[level].rules[index].nested = static_cast<std::uint32_t>(levels_.size() - 1);
        }
        return levels_[level].rules[index].nested;
    }

    void finish() {
        for (auto& l : levels_)
            std::sort(l.rules.begin(), l.rules.end(),
                      [](field_rule const& x, field_rule const& y) { return x.name < y.name; });
    }

    std::vector<field_level> levels_;
};

namespace detail {

constexpr bool is_field_name_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

inline std::string snake_name(std::string_view name) {
    std::string out;
    out.reserve(name.size() + 4);
    append_case(out, name, letter_case::snake);
    return out;
}

}  // namespace detail

/// Grants the parser access to the mask under construction.
struct detail_fields_access {
    static std::size_t merge_rule(field_mask& m, std::size_t level, std::string name, field_modifier mod) {
        return m.merge_rule(level, std::move(name), mod);
    }
    static std::size_t nested_level(field_mask& m, std::size_t level, std::size_t index) {
        return m.nested_level(level, index);
    }
    static field_level& level(field_mask& m, std::size_t i) noexcept { return m.levels_[i]; }
    static void finish(field_mask& m) { m.finish(); }
};

namespace detail {

class fields_parser {
public:
    fields_parser(std::string_view text, fields_options const& opt) noexcept : text_(text), opt_(opt) {}

    result<field_mask> run() {
        if (text_.size() > opt_.max_length) return failure(error::too_long, opt_.max_length, "fields");
        field_mask mask;
        if (!text_.empty()) {
            if (!list(mask, 0, 0)) return error_;
            if (pos_ != text_.size()) {  // a stray `)`
                fail(pos_);
                return error_;
            }
        }
        detail_fields_access::finish(mask);
        return mask;
    }

private:
    // Records the failure for the byte at `at` (or the end of the text) and returns false.
    bool fail(std::size_t where) noexcept {
        error const e = where >= text_.size() ? error::unexpected_end
                        : text_[where] == '\0'  ? error::nul_byte
                                                : error::invalid_fields;
        error_ = failure(e, where, "fields");
        return false;
    }
    bool fail(error e, std::size_t at) noexcept {
        error_ = failure(e, at, "fields");
        return false;
    }

    bool at(char c) const noexcept { return pos_ < text_.size() && text_[pos_] == c; }
    // After a rule: `,`, `)` or the end.
    bool rule_ends() const noexcept { return pos_ == text_.size() || at(',') || at(')'); }

    // rule *( "," rule ), stopping before `)` or at the end.
    bool list(field_mask& mask, std::size_t level, std::size_t depth) {
        for (;;) {
            if (!rule(mask, level, depth)) return false;
            if (!at(',')) return true;
            ++pos_;
        }
    }

    bool rule(field_mask& mask, std::size_t level, std::size_t depth) {
        if (++rules_ > opt_.max_rules) return fail(error::too_many, pos_);
        field_modifier mod = field_modifier::select;
        if (at('+') || at(' ')) {  // a raw `+` arrives as a space after form decoding (§21.1)
            mod = field_modifier::include;
            ++pos_;
        } else if (at('-')) {
            mod = field_modifier::exclude;
            ++pos_;
        }
        if (at('*')) {
            if (mod == field_modifier::exclude) return fail(pos_);
            ++pos_;
            auto& l = detail_fields_access::level(mask, level);
            l.all = true;
            if (at('(')) {  // only `*(*)` is defined (§5.3)
                if (depth + 1 > opt_.max_depth) return fail(error::too_deep, pos_);
                if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '*') return fail(pos_ + 1);
                if (pos_ + 2 >= text_.size() || text_[pos_ + 2] != ')') return fail(pos_ + 2);
                pos_ += 3;
                l.all_deep = true;
            }
            return rule_ends() || fail(pos_);
        }
        std::size_t const start = pos_;
        while (pos_ < text_.size() && is_field_name_char(text_[pos_])) ++pos_;
        if (pos_ == start) return fail(pos_);
        std::size_t const index =
            detail_fields_access::merge_rule(mask, level, snake_name(text_.substr(start, pos_ - start)), mod);
        if (at('(')) {
            if (depth + 1 > opt_.max_depth) return fail(error::too_deep, pos_);
            ++pos_;
            std::size_t const nested = detail_fields_access::nested_level(mask, level, index);
            if (!list(mask, nested, depth + 1)) return false;
            if (!at(')')) return fail(pos_);
            ++pos_;
        }
        return rule_ends() || fail(pos_);
    }

    std::string_view text_;
    fields_options opt_;
    std::size_t pos_ = 0;
    std::size_t rules_ = 0;
    failure error_{};
};

}  // namespace detail

/// Parses a `fields` value (already percent-decoded). Errors: `invalid_fields` (syntax, with the
/// offset of the offending byte), `unexpected_end` (text ends inside a rule or before `)`),
/// `nul_byte`, `too_long`, `too_deep`, `too_many`; all with parameter "fields", all mapping to
/// `400 FIELD_INVALID`. Throws only `std::bad_alloc`.
inline result<field_mask> parse_fields(std::string_view text, fields_options const& opt = {}) {
    return detail::fields_parser(text, opt).run();
}

/// Builds a `field_mask` in code, merging exactly as `parse_fields` does:
///
///     auto mask = fields_builder().add("full_name").remove("designation")
///                     .add("role", fields_builder().add("title").remove("type")).build();
///     to_string(mask) == "-designation,+full_name,+role(+title,-type)"
class fields_builder {
public:
    /// `+name` (§5.4 rule 2).
    fields_builder& add(std::string_view name) { return rule(name, field_modifier::include, nullptr); }
    /// `+name(nested…)` (§5.4 rule 2) with a nested list.
    fields_builder& add(std::string_view name, fields_builder const& nested) {
        return rule(name, field_modifier::include, &nested);
    }
    /// Bare `name` (§5.4 rules 4, 5).
    fields_builder& select(std::string_view name) { return rule(name, field_modifier::select, nullptr); }
    /// Bare `name(nested…)` with a nested list.
    fields_builder& select(std::string_view name, fields_builder const& nested) {
        return rule(name, field_modifier::select, &nested);
    }
    /// `-name` (§5.4 rule 3).
    fields_builder& remove(std::string_view name) { return rule(name, field_modifier::exclude, nullptr); }
    /// `*`.
    fields_builder& all() {
        detail_fields_access::level(mask_, 0).all = true;
        return *this;
    }
    /// `*(*)`.
    fields_builder& all_deep() {
        auto& l = detail_fields_access::level(mask_, 0);
        l.all = l.all_deep = true;
        return *this;
    }

    /// The mask. Names that are not field names (empty, or with characters outside
    /// `[A-Za-z0-9_]`) were ignored: they could not be written as `fields` text.
    field_mask build() const {
        field_mask out = mask_;
        detail_fields_access::finish(out);
        return out;
    }

private:
    fields_builder& rule(std::string_view name, field_modifier m, fields_builder const* nested) {
        if (name.empty() || !std::all_of(name.begin(), name.end(), detail::is_field_name_char)) return *this;
        std::size_t const index = detail_fields_access::merge_rule(mask_, 0, detail::snake_name(name), m);
        if (nested && !nested->mask_.empty()) copy_level(nested->mask_, 0, detail_fields_access::nested_level(mask_, 0, index));
        return *this;
    }

    // Merges level `from` of `src` into level `to` of this builder's mask.
    void copy_level(field_mask const& src, std::size_t from, std::size_t to) {
        auto const& l = src.levels_[from];
        auto& dst = detail_fields_access::level(mask_, to);
        dst.all = dst.all || l.all;
        dst.all_deep = dst.all_deep || l.all_deep;
        for (auto const& r : l.rules) {
            std::size_t const index = detail_fields_access::merge_rule(mask_, to, r.name, r.modifier);
            if (r.has_nested()) copy_level(src, r.nested, detail_fields_access::nested_level(mask_, to, index));
        }
    }

    field_mask mask_;
};

namespace detail {
inline void append_level(std::string& out, field_mask const& mask, field_level const& l) {
    bool first = true;
    auto sep = [&] {
        if (!first) out += ',';
        first = false;
    };
    if (l.all_deep) {
        sep();
        out += "*(*)";
    } else if (l.all) {
        sep();
        out += '*';
    }
    for (auto const& r : l.rules) {
        sep();
        if (r.modifier == field_modifier::include) out += '+';
        if (r.modifier == field_modifier::exclude) out += '-';
        out += r.name;
        if (r.has_nested() && !mask.nested(r).empty()) {
            out += '(';
            append_level(out, mask, mask.nested(r));
            out += ')';
        }
    }
}
}  // namespace detail

/// The canonical `fields` text of `mask` (see the file comment); empty for an empty mask.
/// `parse_fields(to_string(m)) == m` for every mask.
inline std::string to_string(field_mask const& mask) {
    std::string out;
    detail::append_level(out, mask, mask.root());
    return out;
}

// ---------------------------------------------------------------------------------------------
// include (§5.1)

/// Limits of `parse_include` (§21.14).
struct include_options {
    std::size_t max_length = 8192;  ///< bytes of text; past it, `too_long`
    std::size_t max_types = 1000;   ///< types listed; past it, `too_many`
};

/// Which nested resource types are expanded: all (`*`) or those listed. Empty = none (references).
class include_list {
public:
    include_list() = default;

    /// `include=*`: every nested resource type expanded.
    static include_list everything() {
        include_list l;
        l.all_ = true;
        return l;
    }
    /// Adds a type (any letter case). Throws only `std::bad_alloc`.
    /// Once `*` is added the list is "all" and names no types.
    include_list& add(std::string_view type) {
        if (type == "*") {
            all_ = true;
            types_.clear();
        } else if (!all_ && !contains_listed(type)) {
            types_.push_back(detail::snake_name(type));
        }
        return *this;
    }

    /// Whether `*` was given: every type expanded.
    bool all() const noexcept { return all_; }
    /// No type expanded: nested resources stay references.
    bool empty() const noexcept { return !all_ && types_.empty(); }
    /// The types listed, in canonical snake spelling and first-seen order (none when `all()`).
    std::span<std::string const> types() const noexcept { return types_; }

    /// True when nested resources of `type` (any letter case) are expanded.
    bool includes(std::string_view type) const noexcept { return all_ || contains_listed(type); }

    friend bool operator==(include_list const&, include_list const&) = default;

private:
    bool contains_listed(std::string_view type) const noexcept {
        for (auto const& t : types_)
            if (names_equal(t, type)) return true;
        return false;
    }
    std::vector<std::string> types_;
    bool all_ = false;
};

/// Parses an `include` value: `*` or `type,type,...` (types of `[A-Za-z0-9_]`, any case; `*` may
/// also appear among types and then means all). Empty text = nothing included. Errors:
/// `invalid_include` (a bad character or an empty item, with its offset), `nul_byte`, `too_long`,
/// `too_many`; parameter "include". Throws only `std::bad_alloc`.
inline result<include_list> parse_include(std::string_view text, include_options const& opt = {}) {
    if (text.size() > opt.max_length) return failure(error::too_long, opt.max_length, "include");
    include_list out;
    if (text.empty()) return out;
    std::size_t count = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != ',') {
            char const c = text[i];
            if (c == '\0') return failure(error::nul_byte, i, "include");
            if (!detail::is_field_name_char(c) && !(c == '*' && i == start && (i + 1 == text.size() || text[i + 1] == ',')))
                return failure(error::invalid_include, i, "include");
            continue;
        }
        if (i == start) return failure(error::invalid_include, i, "include");
        if (++count > opt.max_types) return failure(error::too_many, start, "include");
        out.add(text.substr(start, i - start));
        start = i + 1;
    }
    return out;
}

/// The canonical `include` text: `*`, or the types in snake case joined by `,`.
inline std::string to_string(include_list const& l) {
    if (l.all()) return "*";
    std::string out;
    for (auto const& t : l.types()) {
        if (!out.empty()) out += ',';
        out += t;
    }
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_FIELDS_HPP
