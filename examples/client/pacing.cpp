#include "pacing.hpp"

#include <kayako/request/headers.hpp>
#include <kayako/response/rate_limit.hpp>

#include <chrono>
#include <iostream>
#include <thread>

namespace kayako_client {

std::optional<http_response> exchange_paced(transport& link, http_request const& request, std::uint64_t max_wait,
                                            std::string& problem) {
    for (int attempt = 0;; ++attempt) {
        auto sent = link.exchange(request);
        if (!sent) {
            problem = sent.error().message();
            return std::nullopt;
        }
        std::optional<http_response> reply(std::move(sent.response()));
        if ((reply->status != 429 && reply->status != 503) || attempt == max_retries) return reply;
        std::string storage;
        auto const value = kayako::folded_header(kayako::pair_headers<header_list>(reply->headers), "Retry-After", storage);
        if (!value) return reply;
        auto const now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
        auto const wait = kayako::parse_retry_after(*value, now.count());
        if (!wait || *wait > max_wait) return reply;
        std::cerr << "kayako-client: HTTP " << reply->status << ", Retry-After " << *wait << " s: waiting, then sending again ("
                  << attempt + 1 << " of " << max_retries << ")\n";
        std::this_thread::sleep_for(std::chrono::seconds(*wait));
    }
}

}  // namespace kayako_client
