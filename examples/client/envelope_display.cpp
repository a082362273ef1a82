#include "envelope_display.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace kayako_client {

namespace json = boost::json;

namespace {

void print_object(std::ostream& out, json::object const& o, int indent) {
    if (o.empty()) {
        out << "{}";
        return;
    }
    std::string const pad(static_cast<std::size_t>(indent) * 2, ' ');
    std::string const inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
    out << "{\n";
    std::size_t i = 0;
    for (auto const& [key, member] : o) {
        out << inner << json::serialize(json::string(key)) << ": ";
        print_json(out, member, indent + 1);
        out << (++i < o.size() ? ",\n" : "\n");
    }
    out << pad << '}';
}

void print_array(std::ostream& out, json::array const& a, int indent) {
    bool const scalars = std::all_of(a.begin(), a.end(), [](json::value const& e) { return !e.is_structured(); });
    if (a.empty() || (scalars && a.size() <= 16)) {
        out << json::serialize(a);
        return;
    }
    std::string const pad(static_cast<std::size_t>(indent) * 2, ' ');
    std::string const inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
    out << "[\n";
    for (std::size_t i = 0; i < a.size(); ++i) {
        out << inner;
        print_json(out, a[i], indent + 1);
        out << (i + 1 < a.size() ? ",\n" : "\n");
    }
    out << pad << ']';
}

void print_double(std::ostream& out, double d) {
    char number[32];  // the shortest text that reads back as the same double
    auto const end = std::to_chars(number, number + sizeof number, d).ptr;
    out << std::string_view(number, static_cast<std::size_t>(end - number));
}

void print_errors(std::ostream& out, kayako::envelope_metadata const& e) {
    for (auto const& err : e.errors) {
        out << "error: " << err.code;
        if (!err.parameter.empty()) out << " (parameter " << err.parameter << ')';
        if (!err.pointer.empty()) out << " (at " << err.pointer << ')';  // §4.4: the bad item
        for (auto p : err.parameters) out << " [" << p << ']';
        if (!err.message.empty()) out << ": " << err.message;
        out << '\n';
    }
    if (e.server_time) out << "server time: " << *e.server_time << '\n';  // §11.10, with TIMESTAMP_MISMATCH
    for (auto const& n : e.notifications) out << "notification [" << n.type << "]: " << n.message << '\n';
    for (auto const& l : e.logs) out << "log [" << l.level << "]: " << l.message << '\n';
}

// `total_count`, `offset` and `limit` on one line; the four links one a line (§7.4).
void print_paging(std::ostream& out, kayako::envelope_metadata const& e) {
    if (e.total_count) out << "total_count: " << *e.total_count;
    if (e.offset) out << "  offset: " << *e.offset;
    if (e.limit) out << "  limit: " << *e.limit;
    if (e.total_count || e.offset || e.limit) out << '\n';
    auto link = [&](std::string_view name, std::optional<std::string_view> const& url) {
        if (url) out << name << ": " << *url << '\n';
    };
    link("first", e.first_url);
    link("previous", e.previous_url);
    link("next", e.next_url);
    link("last", e.last_url);
}

}  // namespace

void print_json(std::ostream& out, json::value const& v, int indent) {
    if (auto const* o = v.if_object()) print_object(out, *o, indent);
    else if (auto const* a = v.if_array()) print_array(out, *a, indent);
    else if (auto const* d = v.if_double()) print_double(out, *d);
    else out << json::serialize(v);
}

void print_envelope(std::ostream& out, kayako::parsed_envelope const& e, int http_status) {
    if (e.status != http_status) out << "status (in the envelope): " << e.status << '\n';
    print_errors(out, e);
    if (e.resource) out << "resource: " << *e.resource << '\n';
    print_paging(out, e);
    if (e.has_data()) {
        out << "data: ";
        print_json(out, e.data());
        out << '\n';
    }
    if (e.has_resources()) {
        out << "resources: ";
        print_json(out, e.resources());
        out << '\n';
    }
}

}  // namespace kayako_client
