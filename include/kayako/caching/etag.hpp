// kayako-proto — entity tags (§9.1, §21.6; RFC 9110 §8.8.3): parse, compare, scan the lists of
// `If-Match`/`If-None-Match` in place, and generate tags from a resource's own state.
//
//     entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE          ; RFC 9110 §8.8.3
//     etagc      = %x21 / %x23-7E / obs-text
//
// Kayako servers also send tags without quotes (`ETag: 1653fb55ce4603b2f3def1903eb81333`, §9.1,
// §20.5). In the Kayako mode (the default, §21.6) such a tag parses as a strong tag whose opaque
// part is the whole text, so it compares equal to the quoted spelling of the same digits; the
// strict mode accepts only the RFC grammar. Parsing never allocates: an `entity_tag` is a view.
#ifndef KAYAKO_CACHING_ETAG_HPP
#define KAYAKO_CACHING_ETAG_HPP

#include <kayako/detail/http_grammar.hpp>
#include <kayako/detail/md5.hpp>
#include <kayako/core/error.hpp>
#include <kayako/request/headers.hpp>

#include <boost/json/value.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kayako {

/// Which spellings of an entity tag the parser accepts.
enum class entity_tag_syntax : unsigned char {
    kayako,  ///< RFC 9110 plus the unquoted form Kayako sends (the default, §21.6)
    strict,  ///< RFC 9110 §8.8.3 only
};

/// Parsing options and limits (the limits keep a hostile list from costing unbounded work).
struct entity_tag_options {
    entity_tag_syntax syntax = entity_tag_syntax::kayako; ///< `kayako` also accepts unquoted tags, as the reference shows them (§20.5, §21.6)
    std::size_t max_tag_length = 1024;                    ///< bytes of one tag, `W/` and quotes included
    std::size_t max_list_elements = 1000;                 ///< elements of one field (all its lines), empty ones included
};

/// An entity tag: its opaque part (between the quotes, or the whole unquoted Kayako form) and
/// whether it is weak. A view into the parsed text.
struct entity_tag {
    std::string_view opaque{}; ///< the tag between its quotes (or the whole unquoted tag); a view into the parsed text
    bool weak = false;         ///< `W/`: a weak tag (RFC 9110 §8.8.1)

    /// Same tag, same strength (use `strong_compare`/`weak_compare` for the RFC's comparisons).
    friend constexpr bool operator==(entity_tag const& a, entity_tag const& b) noexcept {
        return a.weak == b.weak && a.opaque == b.opaque;
    }
};

/// RFC 9110 §8.8.3.2: both tags strong and their opaque parts identical.
constexpr bool strong_compare(entity_tag const& a, entity_tag const& b) noexcept {
    return !a.weak && !b.weak && a.opaque == b.opaque;
}

/// RFC 9110 §8.8.3.2: opaque parts identical, whatever the strengths.
constexpr bool weak_compare(entity_tag const& a, entity_tag const& b) noexcept { return a.opaque == b.opaque; }

namespace detail {

// etagc = %x21 / %x23-7E / obs-text (%x80-FF): any visible byte but DQUOTE, and any high byte.
constexpr bool is_etagc(char c) noexcept {
    auto const u = static_cast<unsigned char>(c);
    return u == 0x21 || (u >= 0x23 && u <= 0x7E) || u >= 0x80;
}

// An unquoted Kayako tag cannot contain a comma: in a list the comma ends it.
constexpr bool is_unquoted_etagc(char c) noexcept { return is_etagc(c) && c != ','; }

struct scanned_entity_tag {
    entity_tag tag;
    std::size_t end;  // offset just past the tag
};

// Reads one tag starting at `pos` (which is not at the end); the caller decides what may follow.
constexpr result<scanned_entity_tag> scan_entity_tag(std::string_view text, std::size_t pos,
                                                     entity_tag_options const& options) noexcept {
    std::size_t const start = pos;
    bool weak = false;
    if (text.size() - pos >= 2 && text[pos] == 'W' && text[pos + 1] == '/') {
        weak = true;
        pos += 2;
        if (pos == text.size()) return failure(error::unexpected_end, pos);
        // `W/` always introduces a quoted tag, in every mode: `W/abc` is not a weak unquoted tag.
        if (text[pos] != '"') return failure(error::invalid_entity_tag, pos);
    }
    if (text[pos] == '"') {
        std::size_t const open = pos++;
        while (pos < text.size() && text[pos] != '"') {
            if (!is_etagc(text[pos])) return failure(error::invalid_entity_tag, pos);
            if (pos - start + 1 >= options.max_tag_length) return failure(error::too_long, start);
            ++pos;
        }
        if (pos == text.size()) return failure(error::unexpected_end, pos);
        ++pos;  // the closing quote
        if (pos - start > options.max_tag_length) return failure(error::too_long, start);
        return scanned_entity_tag{{text.substr(open + 1, pos - open - 2), weak}, pos};
    }
    if (options.syntax == entity_tag_syntax::strict) return failure(error::invalid_entity_tag, pos);
    // Kayako's unquoted form: one or more etagc, up to a comma, whitespace or the end. A lone `*`
    // is the "any" of the conditional headers, never a tag.
    while (pos < text.size() && is_unquoted_etagc(text[pos])) {
        if (pos - start + 1 > options.max_tag_length) return failure(error::too_long, start);
        ++pos;
    }
    if (pos == start) return failure(error::invalid_entity_tag, pos);
    if (pos - start == 1 && text[start] == '*') return failure(error::invalid_entity_tag, start);
    return scanned_entity_tag{{text.substr(start, pos - start), false}, pos};
}

// `is_ows` comes from detail/http_grammar.hpp: one definition, so that etag.hpp and the
// multipart/media-type headers can share a translation unit.

}  // namespace detail

/// Parses one entity tag, the whole of `text` (an `ETag` field value, already trimmed).
constexpr result<entity_tag> parse_entity_tag(std::string_view text, entity_tag_options const& options = {}) noexcept {
    if (text.empty()) return failure(error::empty_value, 0);
    auto scanned = detail::scan_entity_tag(text, 0, options);
    if (!scanned) return scanned.error();
    if (scanned->end != text.size()) return failure(error::invalid_entity_tag, scanned->end);
    return scanned->tag;
}

/// What an `If-Match`/`If-None-Match` field held, once every line was scanned.
struct entity_tag_list {
    std::size_t lines = 0;  ///< field lines seen; 0 means the field is absent
    bool any = false;       ///< the field is `*`
    std::size_t tags = 0;   ///< entity tags visited

    /// Whether the request carried the field at all.
    constexpr bool present() const noexcept { return lines != 0; }
};

/// Scans the lines of one list field element by element, in place, calling `visit(entity_tag)`
/// for each tag. Accepts `*` (alone in the whole field), empty elements and optional whitespace
/// (RFC 9110 §5.6.1), and several lines of the same field (RFC 9110 §5.3). Feed it every line in
/// order with `line`, then read `finish()`.
///
/// On a malformed element the scan stops and the failure is kept (offset into the offending
/// line, parameter = the field name); the tags visited before it must then be disregarded.
class entity_tag_list_scanner {
public:
    /// A scanner of the field `field_name` (failures name it), with `options`' syntax and limits.
    constexpr explicit entity_tag_list_scanner(std::string_view field_name = {},
                                               entity_tag_options const& options = {}) noexcept
        : field_name_(field_name), options_(options) {}

    template <class Visit>
    /// Scans one line of the field, calling `visit(entity_tag)` for each tag; after a failure, does nothing.
    constexpr void line(std::string_view text, Visit&& visit) noexcept(noexcept(visit(entity_tag{}))) {
        ++list_.lines;
        if (failed_) return;
        std::size_t pos = 0;
        for (;;) {
            // One element: OWS [ element ] OWS, then a comma or the end of the line.
            while (pos < text.size() && detail::is_ows(text[pos])) ++pos;
            if (pos == text.size()) return;
            if (++elements_ > options_.max_list_elements) return fail(error::too_many, pos);
            if (text[pos] != ',') {
                if (text[pos] == '*' && (pos + 1 == text.size() || text[pos + 1] == ',' || detail::is_ows(text[pos + 1]))) {
                    if (list_.any || list_.tags != 0) return fail(error::invalid_entity_tag, pos);
                    list_.any = true;
                    ++pos;
                } else {
                    if (list_.any) return fail(error::invalid_entity_tag, pos);
                    auto scanned = detail::scan_entity_tag(text, pos, options_);
                    if (!scanned) return fail(scanned.error().code, scanned.error().offset);
                    ++list_.tags;
                    visit(scanned->tag);
                    pos = scanned->end;
                }
                while (pos < text.size() && detail::is_ows(text[pos])) ++pos;
                if (pos == text.size()) return;
                if (text[pos] != ',') return fail(error::invalid_entity_tag, pos);
            }
            ++pos;  // the comma
        }
    }

    /// The summary, or the first failure.
    constexpr result<entity_tag_list> finish() const noexcept {
        if (failed_) return failure_;
        return list_;
    }

private:
    constexpr void fail(error e, std::size_t offset) noexcept {
        failed_ = true;
        failure_ = failure(e, offset, field_name_);
    }

    std::string_view field_name_;
    entity_tag_options options_;
    entity_tag_list list_{};
    std::size_t elements_ = 0;
    bool failed_ = false;
    failure failure_{};
};

/// Scans one field value (a single line).
template <class Visit>
constexpr result<entity_tag_list> scan_entity_tag_list(std::string_view field_value, Visit&& visit,
                                                       entity_tag_options const& options = {}) noexcept(
    noexcept(visit(entity_tag{}))) {
    entity_tag_list_scanner scanner({}, options);
    scanner.line(field_value, visit);
    return scanner.finish();
}

/// Scans every line of the field `field_name` of `headers`. `lines == 0` in the result: absent.
template <header_source H, class Visit>
constexpr result<entity_tag_list> scan_entity_tag_list(H const& headers, std::string_view field_name, Visit&& visit,
                                                       entity_tag_options const& options = {}) {
    entity_tag_list_scanner scanner(field_name, options);
    headers(field_name, [&](std::string_view line) { scanner.line(line, visit); });
    return scanner.finish();
}

// ---------------------------------------------------------------------------------------------
// Generation (§9.1, §21.6): 32 lowercase hex digits of an MD5, quoted; `W/` on request.
// ---------------------------------------------------------------------------------------------

/// Weak tags are for representations that are equivalent but not byte-identical to the strong
/// one (compressed or otherwise derived output, RFC 9110 §8.8.1).
enum class entity_tag_strength : unsigned char { strong, weak };

/// A generated entity tag as header text: `"<32 hex>"` or `W/"<32 hex>"`. Holds its own bytes.
class entity_tag_text {
public:
    /// The longest generated tag: `W/"` + 32 hex digits + `"`.
    static constexpr std::size_t max_size = 36;

    constexpr entity_tag_text() noexcept = default;

    /// The tag of an MD5 `digest`: `"<32 hex>"`, or `W/"<32 hex>"` when `strength` is weak.
    constexpr explicit entity_tag_text(detail::md5::digest_type const& digest,
                                       entity_tag_strength strength = entity_tag_strength::strong) noexcept {
        if (strength == entity_tag_strength::weak) {
            bytes_[size_++] = 'W';
            bytes_[size_++] = '/';
        }
        bytes_[size_++] = '"';
        for (char c : detail::md5::to_hex(digest)) bytes_[size_++] = c;
        bytes_[size_++] = '"';
    }

    /// The field value to send (`ETag: "…"`).
    constexpr std::string_view view() const noexcept { return {bytes_.data(), size_}; }
    /// The same as `view()`: a tag is written wherever a string is.
    constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT: a string by nature

    /// The tag itself, for comparisons (a view into this object).
    constexpr entity_tag tag() const noexcept {
        bool const weak = size_ == max_size;
        std::size_t const open = weak ? 3 : 1;
        return {std::string_view(bytes_.data() + open, size_ == 0 ? 0 : 32), weak};
    }

    friend constexpr bool operator==(entity_tag_text const& a, entity_tag_text const& b) noexcept {
        return a.view() == b.view();
    }

private:
    std::array<char, max_size> bytes_{};
    std::size_t size_ = 0;
};

/// The tag of a representation's bytes (for output that is not a JSON resource, e.g. a file).
constexpr entity_tag_text entity_tag_for_bytes(std::string_view bytes,
                                               entity_tag_strength strength = entity_tag_strength::strong) noexcept {
    return entity_tag_text(detail::md5_digest(bytes), strength);
}

/// A collection's tag: from its members' IDs only, in order (§9.1). §7.1 suggests clients page
/// with `If-Match`, so a server passes the IDs of the whole collection, not of one page.
constexpr entity_tag_text collection_entity_tag(std::span<std::int64_t const> ids,
                                                entity_tag_strength strength = entity_tag_strength::strong) noexcept {
    detail::md5 hash;
    // The same encoding as the canonical JSON of an array of integer IDs, prefixed by "c".
    auto number = [&hash](std::int64_t v) {
        char buffer[24]{};
        std::size_t n = 0;
        std::uint64_t magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        do {
            buffer[n++] = static_cast<char>('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude != 0);
        if (v < 0) buffer[n++] = '-';
        for (std::size_t i = 0; i < n / 2; ++i) std::swap(buffer[i], buffer[n - 1 - i]);
        hash.update(std::string_view(buffer, n));
        hash.update(";");
    };
    hash.update("c");
    number(static_cast<std::int64_t>(ids.size()));
    for (auto id : ids) {
        hash.update("i");
        number(id);
    }
    return entity_tag_text(hash.digest(), strength);
}


/// The default test for "this nested object is a resource of its own": it has `resource_type`.
struct has_resource_type {
    /// Whether `o` has a `resource_type` member.
    bool operator()(boost::json::object const& o) const noexcept { return o.contains("resource_type"); }
};

/// Options of `resource_entity_tag`.
struct resource_entity_tag_options {
    entity_tag_strength strength = entity_tag_strength::strong; ///< strong by default (§21.6); weak for derived representations
    std::size_t max_depth = 64;                                 ///< nesting of the resource's own JSON (§21.14)
};

namespace detail {

// The hash input is a canonical, unambiguous encoding of the JSON: a type letter, lengths before
// strings and containers, object members sorted by name (so member order never changes a tag),
// integers the same whatever their C++ type. Two values share an encoding only when equal.
class canonical_json_hasher {
public:
    md5 hash;

    void integer(std::int64_t v) noexcept {
        hash.update("i");
        number(v);
    }

    void string(std::string_view s) noexcept {
        hash.update("s");
        number(static_cast<std::int64_t>(s.size()));
        hash.update(s);
    }

    template <class IsNested>
    bool value(boost::json::value const& v, IsNested const& is_nested, std::size_t depth, std::size_t max_depth,
               bool top) {
        if (depth > max_depth) return false;
        switch (v.kind()) {
        case boost::json::kind::null: hash.update("n"); return true;
        case boost::json::kind::bool_: hash.update(v.get_bool() ? "t" : "f"); return true;
        case boost::json::kind::int64: integer(v.get_int64()); return true;
        case boost::json::kind::uint64: {
            auto const u = v.get_uint64();
            if (u <= static_cast<std::uint64_t>(INT64_MAX)) {
                integer(static_cast<std::int64_t>(u));
            } else {
                char buffer[24];
                auto const end = std::to_chars(buffer, buffer + sizeof buffer, u).ptr;
                hash.update("u");
                hash.update(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
                hash.update(";");
            }
            return true;
        }
        case boost::json::kind::double_: {
            char buffer[32];
            auto const end = std::to_chars(buffer, buffer + sizeof buffer, v.get_double()).ptr;
            hash.update("d");
            hash.update(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
            hash.update(";");
            return true;
        }
        case boost::json::kind::string: string(v.get_string()); return true;
        case boost::json::kind::array: {
            auto const& a = v.get_array();
            hash.update("[");
            number(static_cast<std::int64_t>(a.size()));
            for (auto const& e : a)
                if (!value(e, is_nested, depth + 1, max_depth, false)) return false;
            hash.update("]");
            return true;
        }
        case boost::json::kind::object: return object(v.get_object(), is_nested, depth, max_depth, top);
        }
        return true;
    }

    template <class IsNested>
    bool object(boost::json::object const& o, IsNested const& is_nested, std::size_t depth, std::size_t max_depth,
                bool top) {
        if (!top && is_nested(o)) {
            // A nested resource counts by identity only: the link is our state, its content is not.
            hash.update("r");
            identity_member(o, "resource_type");
            identity_member(o, "id");
            return true;
        }
        // Members in name order without copying them: a small index array, heap only for big objects.
        using member = boost::json::key_value_pair;
        constexpr std::size_t small = 64;
        member const* local[small];
        std::vector<member const*> heap;
        member const** sorted = local;
        if (o.size() > small) {
            heap.resize(o.size());
            sorted = heap.data();
        }
        std::size_t n = 0;
        for (auto const& m : o) {
            std::size_t i = n++;
            while (i > 0 && m.key() < sorted[i - 1]->key()) {
                sorted[i] = sorted[i - 1];
                --i;
            }
            sorted[i] = &m;
        }
        hash.update("{");
        number(static_cast<std::int64_t>(n));
        for (std::size_t i = 0; i < n; ++i) {
            string(sorted[i]->key());
            if (!value(sorted[i]->value(), is_nested, depth + 1, max_depth, false)) return false;
        }
        hash.update("}");
        return true;
    }

    void number(std::int64_t v) noexcept {
        char buffer[24];
        auto const end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
        hash.update(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
        hash.update(";");
    }

private:
    void identity_member(boost::json::object const& o, std::string_view name) {
        auto const* v = o.if_contains(name);
        if (v == nullptr || v->is_object() || v->is_array()) {
            hash.update("n");
            return;
        }
        struct never_nested {
            bool operator()(boost::json::object const&) const noexcept { return false; }
        };
        (void)value(*v, never_nested{}, 0, 0, false);
    }
};

}  // namespace detail

/// A collection's tag from its members as JSON: each member's `id` (or the member itself when it
/// is a bare ID). Integer IDs give the same tag as the `span` overload.
inline entity_tag_text collection_entity_tag(boost::json::array const& members,
                                             entity_tag_strength strength = entity_tag_strength::strong) noexcept {
    detail::canonical_json_hasher h;
    h.hash.update("c");
    h.number(static_cast<std::int64_t>(members.size()));
    struct never_nested {
        bool operator()(boost::json::object const&) const noexcept { return false; }
    };
    for (auto const& m : members) {
        boost::json::value const* id = &m;
        if (m.is_object()) {
            id = m.get_object().if_contains("id");
            if (id == nullptr) {
                h.hash.update("n");
                continue;
            }
        }
        if (id->is_structured()) {
            h.hash.update("n");  // an ID is a scalar; anything else is not an identity
            continue;
        }
        (void)h.value(*id, never_nested{}, 0, 0, false);
    }
    return entity_tag_text(h.hash.digest(), strength);
}

/// The tag of a resource from its own state (§9.1, §21.6): every member of `resource`, except
/// that a nested resource — any object below the top for which `is_nested(object)` is true —
/// counts only by its `resource_type` and `id`, so changes inside it do not change this tag but
/// pointing at another one does. Member order does not matter. Throws only std::bad_alloc (for
/// objects of more than 64 members); deeper than `max_depth`: `error::too_deep`.
template <class IsNested = has_resource_type>
result<entity_tag_text> resource_entity_tag(boost::json::object const& resource,
                                            resource_entity_tag_options const& options = {},
                                            IsNested const& is_nested = {}) {
    detail::canonical_json_hasher h;
    if (!h.object(resource, is_nested, 0, options.max_depth, true)) return failure(error::too_deep);
    return entity_tag_text(h.hash.digest(), options.strength);
}

}  // namespace kayako

#endif  // KAYAKO_CACHING_ETAG_HPP
