#include "paging.hpp"

#include <kayako/envelope/pagination.hpp>
#include <kayako/core/values.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <boost/url/url_view.hpp>

#include <cctype>
#include <cstdint>

namespace kayako_client {

namespace {

bool same_host(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

}  // namespace

std::optional<std::string> link_target(server_address const& server, std::string_view link, std::string& problem) {
    auto url = boost::urls::parse_absolute_uri(link);
    if (!url) {
        problem = "the server's page link is not a URL: " + std::string(link);
        return std::nullopt;
    }
    std::string const port = url->has_port() ? std::string(url->port()) : url->scheme() == "https" ? "443" : "80";
    std::string const api = server.prefix + "/api/v1/";
    if (url->scheme() != server.scheme || !same_host(url->encoded_host(), server.host) || port != server.port ||
        !url->encoded_path().starts_with(api)) {
        problem = "the server's page link leaves " + server.key + " and is not followed: " + std::string(link);
        return std::nullopt;
    }
    std::string target(url->encoded_path());
    if (url->has_query()) {
        target += '?';
        target += url->encoded_query();
    }
    return target;
}

std::optional<std::string> next_page_target(server_address const& server, std::string_view target,
                                            kayako::parsed_envelope const& page, std::string& problem) {
    auto const asked = boost::urls::parse_origin_form(target);
    if (!asked) {
        problem = "the request target cannot be read again: " + std::string(target);
        return std::nullopt;
    }
    boost::urls::url next_target(*asked);
    auto params = next_target.params();
    // What the request asked, for an envelope that does not say (`kayako::next_page`).
    auto asked_number = [&](std::string_view name, std::uint64_t otherwise) {
        auto const it = params.find_last(name);
        if (it == params.end() || !(*it).has_value) return otherwise;
        auto const n = kayako::parse_value<std::uint64_t>((*it).value);
        return n ? *n : otherwise;
    };
    std::uint64_t const items = page.data().is_array() ? page.data().as_array().size() : 0;
    auto const next = kayako::next_page(page, items, asked_number("offset", 0), asked_number("limit", kayako::default_page_limit));
    if (!next) return std::nullopt;
    if (next->url) return link_target(server, *next->url, problem);
    // No links: the same target at the next offset (the library counts the items received, since a
    // date-ordered page may hold more than `limit`, §7.3); the request's own offset and limit give way.
    params.erase("offset");
    params.erase("limit");
    params.append({"offset", std::to_string(next->offset)});
    params.append({"limit", std::to_string(next->limit)});
    return std::string(next_target.encoded_target());
}

}  // namespace kayako_client
