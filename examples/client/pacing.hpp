// kayako-client — a request sent again when the server asks the client to wait (§12): a 429
// (RATE_LIMIT_REACHED, AUTHENTICATION_LOCKED) or 503 with `Retry-After` is waited out and sent
// again, as long as the wait is one the user accepts (`--max-wait`).
#ifndef KAYAKO_EXAMPLES_CLIENT_PACING_HPP
#define KAYAKO_EXAMPLES_CLIENT_PACING_HPP

#include "transport.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace kayako_client {

/// How many times a request is sent again after a wait.
inline constexpr int max_retries = 3;

/// `link.exchange(request)`, repeated while the answer is 429 or 503 with a `Retry-After` of at most
/// `max_wait` seconds (`kayako::parse_retry_after`), at most `max_retries` times, saying on
/// stderr how long it waits. An answer without `Retry-After`, with a longer or unreadable one, or
/// the last one is returned as it came; nothing when no answer arrived (`problem` says why).
std::optional<http_response> exchange_paced(transport& link, http_request const& request, std::uint64_t max_wait,
                                            std::string& problem);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_PACING_HPP
