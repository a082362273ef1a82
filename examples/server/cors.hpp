// kayako-test-server — CORS in front of the application (§13): preflights answered before the
// request is read or authenticated, and the sharing fields added to every other answer.
#ifndef KAYAKO_EXAMPLES_CORS_HPP
#define KAYAKO_EXAMPLES_CORS_HPP

#include "exchange.hpp"

#include <kayako/response/cors.hpp>

namespace kayako_server {

/// Wraps an application: a preflight (`OPTIONS` with `Origin` and
/// `Access-Control-Request-Method`, on any path) gets the policy's 204 here and never reaches
/// it; any other request goes through, and its answer — errors and rate limits included, a
/// script must be able to read them — gets the fields that share it with an allowed origin and
/// `Origin` in `Vary`. With an empty policy nothing is added.
class cors_application final : public application {
public:
    cors_application(application& inner, kayako::cors_policy policy) : inner_(inner), policy_(std::move(policy)) {}

    response handle(request const& r) override;
    response refuse(transport_failure why, kayako::failure const& detail) override {
        return inner_.refuse(why, detail);  // nothing of the request was read: no Origin to share with
    }

private:
    application& inner_;
    kayako::cors_policy policy_;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_CORS_HPP
