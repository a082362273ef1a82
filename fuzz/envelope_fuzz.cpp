// Fuzzes the envelope readers (§4): none may crash; the DOM reader and the metadata-only reader
// must agree (same metadata when both accept; a body the DOM reader accepts is accepted by the
// metadata reader); and what parsed must survive a write → parse round trip in every letter
// case, unchanged.
#include <kayako/envelope.hpp>
#include <kayako/envelope_metadata_parser.hpp>
#include <kayako/envelope_parser.hpp>
#include <kayako/jsonp.hpp>

#include <cmath>
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

// JSON equality of `a` (as read) and `b` (read again after writing `a`), except that doubles need
// only agree to 15 digits: Boost.JSON 1.81 parses decimal numbers without correct rounding, so a
// written double may come back one ulp off. An infinity (Boost.JSON reads `1e400` as one) is
// written as `null`, so it comes back as null.
bool same_json(boost::json::value const& a, boost::json::value const& b) {
    if (a.is_double() && !std::isfinite(a.get_double())) return b.is_null();
    if (a.is_double() && b.is_double()) {
        double const x = a.get_double(), y = b.get_double();
        return x == y || std::fabs(x - y) <= 1e-15 * std::fmax(std::fabs(x), std::fabs(y));
    }
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
    if (full && !meta) std::abort();  // the metadata reader accepts all the DOM reader accepts
    if (full && meta) {
        if (!(static_cast<kayako::envelope_metadata const&>(*full) == static_cast<kayako::envelope_metadata const&>(*meta)))
            std::abort();
        if (full->has_data() != meta->has_data() || full->has_resources() != meta->has_resources()) std::abort();
    }
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
        // The value read first, then the one read again: an infinity written as null comes back null.
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
