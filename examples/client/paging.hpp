// kayako-client — `--all`: the pages after the first (§7.4). The server's `next_url` is followed
// only on the server the client was pointed at: a link is text the server wrote, and the session,
// CSRF token or OAuth token that go with every request must never go to another origin.
#ifndef KAYAKO_EXAMPLES_CLIENT_PAGING_HPP
#define KAYAKO_EXAMPLES_CLIENT_PAGING_HPP

#include "command_line.hpp"

#include <kayako/envelope/envelope_parser.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace kayako_client {

/// The request target of `link` (a page URL of §7.4): a URL with the scheme, host and port of
/// `server`, under its API (`<prefix>/api/v1/`). Nothing, with `problem` set, for any other link.
std::optional<std::string> link_target(server_address const& server, std::string_view link, std::string& problem);

/// The target of the page after `page`, which answered `target` (a GET of a collection): its
/// `next_url` (`link_target`), or — from a server that sends no links — `target` with the next
/// `offset` and `limit` (`kayako::next_page`). Nothing at the last page, or when the next one is
/// not on `server` (`problem` says why).
std::optional<std::string> next_page_target(server_address const& server, std::string_view target,
                                            kayako::parsed_envelope const& page, std::string& problem);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_PAGING_HPP
