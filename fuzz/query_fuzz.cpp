// Fuzzes request-target parsing (request_target.hpp). Properties checked, not only "no crash":
// * a failure has a typed code, and an offset inside the target when it has one;
// * a parsed target's typed arguments respect their documented ranges (§21.14);
// * the path and arguments rebuilt with target_builder parse back to the same values, and the
//   builder never writes `//` (runs of `/` are read as one, §21.16: a client never sends them);
// * `limit=0` reads as the default page (§21.17), so `limit` is always in 1..max_limit;
// * differential: the whole input read as a query splits and decodes (the 64-byte-window fast
//   path of `query_arguments::assign`) into the fields and failures `form_reader` gives, and the
//   window splitter finds the pieces of the portable byte loop.
#include <kayako/request/form.hpp>
#include <kayako/request/query_arguments.hpp>
#include <kayako/request/request_target.hpp>
#include <kayako/request/target_builder.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {
void check_query_against_form_reader(std::string_view query) {
#if defined(__SSE2__) && !defined(KAYAKO_NO_SIMD)
    kayako::detail::form_window window;
    for (std::size_t pos = 0; pos < query.size();) {
        auto const fast = kayako::detail::scan_form_piece(window, query, pos);
        auto const slow = kayako::detail::scan_form_piece_portable(query, pos);
        if (fast.end != slow.end || fast.equals != slow.equals || fast.name_special != slow.name_special ||
            fast.value_special != slow.value_special)
            std::abort();
        pos = slow.end < query.size() ? slow.end + 1 : query.size();
    }
#endif
    for (bool strict : {false, true}) {
        kayako::target_options options;
        options.strict = strict;
        options.max_arguments = 1u << 20;
        options.max_ids = 1u << 20;
        options.max_query_size = 1u << 20;
        kayako::query_arguments args;
        auto const parsed = args.assign(query, options);
        std::vector<char> buffer(kayako::form_reader::buffer_size(query));
        kayako::form_options form;
        form.strict = strict;
        form.max_fields = options.max_arguments;
        form.max_size = options.max_query_size;
        kayako::form_reader reader(query, buffer, form);
        kayako::form_field field;
        std::size_t i = 0;
        for (;;) {
            auto more = reader.next(field);
            if (!more) {  // a decoding failure: the query's is the same
                if (parsed || !(parsed.error() == more.error())) std::abort();
                break;
            }
            if (!*more) {
                if (parsed && i != args.size()) std::abort();
                // The split decoded it all: a failure of the query is then a documented argument's.
                if (!parsed && (parsed.error().code == kayako::error::invalid_percent_escape ||
                                parsed.error().code == kayako::error::invalid_utf8 || parsed.error().code == kayako::error::nul_byte))
                    std::abort();
                break;
            }
            if (parsed) {
                if (i >= args.size() || args[i].name != field.name || args[i].value != field.value || args[i].offset != field.offset)
                    std::abort();
            }
            ++i;
        }
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const target(reinterpret_cast<char const*>(data), size);
    check_query_against_form_reader(target);
    for (bool strict : {false, true}) {
        kayako::target_options options;
        options.strict = strict;
        auto parsed = kayako::parse_target(target, options);
        if (!parsed) {
            if (parsed.error().has_offset() && parsed.error().offset > size) std::abort();
            continue;
        }
        auto const& path = parsed->path();
        auto const& args = parsed->arguments();
        if (path.resource().empty()) std::abort();
        if (args.limit() < 1 || args.limit() > options.max_limit) std::abort();  // offset and cursors are unsigned (page_arguments.hpp)
        if (args.ids().size() > options.max_ids) std::abort();
        std::size_t counted = 0;
        for (std::int64_t id : args.ids()) {
            (void)id;
            ++counted;
        }
        if (counted != args.ids().size()) std::abort();

        // Rebuild: path segments and every argument as sent, then parse again.
        // `.json` was taken off the last segment: put it back, or `a.json.json` would lose two.
        auto spelled = [&](std::size_t i) {
            std::string s(path.segment(i));
            if (path.json_suffix() && i + 1 == path.size()) s += ".json";
            return s;
        };
        kayako::target_builder builder(spelled(0), path.app());
        for (std::size_t i = 1; i < path.size(); ++i) builder.segment(spelled(i));
        for (std::size_t i = 0; i < args.size(); ++i) builder.add(args[i].name, args[i].value);
        std::string const rebuilt = builder.str();
        if (builder.path().find("//") != std::string_view::npos) std::abort();
        kayako::target_options roomy = options;
        roomy.max_query_size = rebuilt.size() + 1;
        roomy.max_path_size = rebuilt.size() + 1;
        roomy.strict = false;
        auto again = kayako::parse_target(rebuilt, roomy);
        if (!again) std::abort();
        if (again->path().resource() != path.resource() || again->path().app() != path.app() ||
            again->path().size() != path.size())
            std::abort();
        for (std::size_t i = 0; i < path.size(); ++i)
            if (again->path().segment(i) != path.segment(i)) std::abort();
        auto const& a2 = again->arguments();
        if (a2.size() != args.size()) std::abort();
        for (std::size_t i = 0; i < args.size(); ++i)
            if (a2[i].name != args[i].name || a2[i].value != args[i].value) std::abort();
        if (a2.limit() != args.limit() || a2.offset() != args.offset() || a2.letter_case() != args.letter_case() ||
            a2.keep_empty() != args.keep_empty() || a2.flat() != args.flat() || a2.fields() != args.fields() ||
            a2.ids().size() != args.ids().size())
            std::abort();
    }
    return 0;
}
