// kayako-client — choosing a transport, and what its failures say.
#include "transport.hpp"

namespace kayako_client {

namespace {

std::string_view failure_text(transport_failure what) {
    switch (what) {
    case transport_failure::unsupported: return "cannot be reached by this transport";
    case transport_failure::resolve: return "could not resolve the host";
    case transport_failure::connect: return "could not connect";
    case transport_failure::tls: return "TLS failed";
    case transport_failure::timeout: return "timed out";
    case transport_failure::too_large: return "the response is too large";
    case transport_failure::protocol: return "the answer is not readable HTTP";
    case transport_failure::io: return "the exchange failed";
    }
    return "the exchange failed";
}

}  // namespace

std::string transport_error::message() const {
    std::string out(failure_text(what));
    if (!detail.empty()) out += ": " + detail;
    return out;
}

std::optional<transport_kind> parse_transport_kind(std::string_view name) {
    if (name == "beast") return transport_kind::beast;
    if (name == "curl") return transport_kind::curl;
    return std::nullopt;
}

bool has_curl_transport() noexcept {
#ifdef KAYAKO_CLIENT_WITH_CURL
    return true;
#else
    return false;
#endif
}

std::unique_ptr<transport> make_transport(transport_kind kind, transport_options const& options, std::string& problem) {
    if (kind == transport_kind::beast) return make_beast_transport(options);
#ifdef KAYAKO_CLIENT_WITH_CURL
    return make_curl_transport(options, problem);
#else
    problem = "this kayako-client was built without libcurl: --transport beast only";
    return nullptr;
#endif
}

}  // namespace kayako_client
