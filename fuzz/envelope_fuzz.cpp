// Fuzzes the envelope readers (§4): none may crash; the DOM reader and the metadata-only reader
// must agree (the same verdict; the same metadata when both accept; the same error and path for a
// well-formed body of the wrong shape, repeated members and entry fields included; a number too
// large for a double is the same error from both); and what parsed
// must survive a write → parse round trip in every letter case, unchanged, doubles bit for bit.
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/envelope_metadata_parser.hpp>
#include <kayako/envelope/envelope_parser.hpp>
#include <kayako/envelope/jsonp.hpp>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

// The round trip keeps everything but spellings the writer normalises: `resource` is converted
// to the case written, and a timestamp keeps its instant, not its zone.
bool same_after_round_trip(kayako::envelope_metadata const& a, kayako::envelope_metadata const& b,
                           kayako::letter_case c) {
    kayako::envelope_metadata x = a, y = b;
    std::string ra, rb;
    if (x.resource) {
        kayako::append_case(ra, *x.resource, c);
        x.resource = ra;
    }
    if (y.resource) {
        kayako::append_case(rb, *y.resource, c);
        y.resource = rb;
    }
    return x == y;
}

// JSON equality of `a` (as read) and `b` (read again after writing `a`), doubles bit for bit:
// both readers read every number as the double nearest to its text and the writer writes the
// shortest text that reads back to the same double (§21.19); a number too large for a double is
// refused, so no infinity is ever read. Strings are equal too: what a reader accepted is UTF-8.
bool same_json(boost::json::value const& a, boost::json::value const& b) {
    if (a.is_double() && b.is_double()) return std::bit_cast<std::uint64_t>(a.get_double()) == std::bit_cast<std::uint64_t>(b.get_double());
    if (a.kind() != b.kind()) return false;
    if (auto const* o = a.if_object()) {
        auto const& p = b.get_object();
        if (o->size() != p.size()) return false;
        for (auto const& kv : *o) {
            auto const* w = p.if_contains(kv.key());
            if (!w || !same_json(kv.value(), *w)) return false;
        }
        return true;
    }
    if (auto const* x = a.if_array()) {
        auto const& y = b.get_array();
        if (x->size() != y.size()) return false;
        for (std::size_t i = 0; i < x->size(); ++i)
            if (!same_json((*x)[i], y[i])) return false;
        return true;
    }
    return a == b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const body(reinterpret_cast<char const*>(data), size);

    auto const full = kayako::parse_envelope(body);
    auto const meta = kayako::parse_envelope_metadata(body);
    // One verdict: the metadata reader accepts what the DOM reader accepts, and only that.
    if (full.has_value() != meta.has_value()) std::abort();
    // A body the DOM reader refused for its shape (no offset: the JSON itself was well-formed, so
    // the metadata reader read all of it too) is refused by the metadata reader with the same
    // error and path: a repeated member or entry field, a wrong type, a missing `status`...
    if (!full && full.error().offset == kayako::failure::no_offset && !(meta.error() == full.error())) std::abort();
    if (full && meta) {
        if (!(static_cast<kayako::envelope_metadata const&>(*full) == static_cast<kayako::envelope_metadata const&>(*meta)))
            std::abort();
        if (full->has_data() != meta->has_data() || full->has_resources() != meta->has_resources()) std::abort();
    }
    // A number too large for a double stops both readers at the same place: the metadata reader
    // reports it with the DOM reader's path and offset (the DOM reader reads no shape before it).
    if (!meta && meta.error().code == kayako::error::float_out_of_range && (full || !(full.error() == meta.error())))
        std::abort();
    if (!full) {
        (void)full.error().message();
        return 0;
    }
    if (!full->has_body()) return 0;

    for (auto c : {kayako::letter_case::snake, kayako::letter_case::camel, kayako::letter_case::pascal}) {
        std::string const written = kayako::serialize_envelope(full->to_envelope(), c);
        auto const again = kayako::parse_envelope(written);
        if (!again) std::abort();  // what the writer writes, the reader reads
        if (!same_after_round_trip(*full, *again, c)) std::abort();
        // The value read first, then the one read again: the same, bit for bit.
        if (again->has_data() != full->has_data() || !same_json(full->data(), again->data())) std::abort();
        if (again->has_resources() != full->has_resources() || !same_json(full->resources(), again->resources()))
            std::abort();
        auto const again_meta = kayako::parse_envelope_metadata(written);
        if (!again_meta) std::abort();

        // And wrapped in JSONP.
        std::string jsonp;
        kayako::append_jsonp(jsonp, "cb", written);
        auto const unwrapped = kayako::parse_envelope(jsonp);
        if (!unwrapped || unwrapped->status != full->status) std::abort();
    }
    return 0;
}
