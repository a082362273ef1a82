// Fuzzes the typed parameter view (§2, §3) over form, JSON and multipart bodies, and the raw
// upload reader (§8.2). The first byte picks the Content-Type; every getter is called on every
// parameter. Nothing may crash, and a failure must name the parameter it is about.
#include <kayako/request/parameters.hpp>
#include <kayako/request/upload.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// A failure names the parameter as sent: only a parameter sent without a name (a multipart
// part with no `name`) may be named by the empty string.
template <class T>
void read_all(kayako::parameters const& p, std::string_view name) {
    if (auto v = p.get<T>(name); !v && v.error().parameter.empty() && !name.empty()) std::abort();
    if (auto l = p.get_list<T>(name); !l && l.error().parameter.empty() && !name.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    static constexpr std::string_view types[] = {
        "application/x-www-form-urlencoded", "application/json", "multipart/form-data; boundary=XyZ", "image/png"};
    std::string_view const type = types[data[0] % 4];
    std::string_view const body(reinterpret_cast<char const*>(data) + 1, size - 1);

    kayako::parameters_options options;
    options.form.strict = data[0] & 4;
    options.multipart.allow_bare_lf = data[0] & 8;
    auto p = kayako::parameters::parse(type, body, options);
    if (p) {
        for (auto const& param : *p) {
            std::string_view const name = param.name;
            // §21.20: text that was read is UTF-8, whatever the encoding (file parts are bytes).
            if (param.type == kayako::parameter::kind::text &&
                (kayako::detail::find_invalid_utf8(param.text) != std::string_view::npos ||
                 kayako::detail::find_invalid_utf8(param.name) != std::string_view::npos))
                std::abort();
            if (!p->has(name) && !(param.json && param.json->is_null())) {
                // A later null may hide an earlier value; otherwise every sent name is found.
                bool hidden = false;
                for (auto const& other : *p)
                    if (other.json && other.json->is_null() && kayako::form_name_matches(other.name, name)) hidden = true;
                if (!hidden) std::abort();
            }
            read_all<bool>(*p, name);
            read_all<std::int64_t>(*p, name);
            read_all<std::uint8_t>(*p, name);
            read_all<double>(*p, name);
            read_all<kayako::timestamp>(*p, name);
            read_all<kayako::binary>(*p, name);
            read_all<std::string>(*p, name);
            read_all<std::string_view>(*p, name);
            static constexpr std::array<std::string_view, 4> options_allowed = {"FOO", "BAR", "ANY", "NONE"};
            (void)p->get_option(name, options_allowed);
            (void)p->json(name);
            (void)p->file(name);
        }
        (void)p->files();
    }

    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", std::string(type)}};
    std::size_t const line = body.find('\n');
    if (line != std::string_view::npos) headers.emplace_back("Content-Disposition", body.substr(0, line));
    kayako::upload_arguments arguments;
    if (data[0] & 16) arguments.filename = body.substr(0, 8);
    if (data[0] & 32) arguments.md5 = body.substr(0, 32);
    (void)kayako::read_raw_upload(kayako::pair_headers(headers), body, arguments);
    return 0;
}
