// kayako-proto — private: the renderer's nesting limit (§21.14, `render_options::max_depth`).
//
// Every array and object the renderer opens counts one level; past the limit the rendering stops
// with `too_deep` instead of recursing further (a source nested 100,000 deep must not exhaust the
// stack). The first failure is kept; once failed, walks return at their next check.
#ifndef KAYAKO_DETAIL_RENDER_DEPTH_HPP
#define KAYAKO_DETAIL_RENDER_DEPTH_HPP

#include <kayako/core/error.hpp>

#include <cstddef>

namespace kayako::detail {

class render_depth {
public:
    explicit render_depth(std::size_t max_depth) noexcept : max_(max_depth) {}

    /// One level deeper; false (and failed from then on) past the limit.
    [[gnu::always_inline]] bool enter() noexcept {
        if (++depth_ > max_) [[unlikely]] {
            failed_ = true;
            return false;
        }
        return true;
    }
    void leave() noexcept { --depth_; }

    bool failed() const noexcept { return failed_; }
    failure error() const noexcept { return failure(error::too_deep); }

private:
    std::size_t max_;
    std::size_t depth_ = 0;
    bool failed_ = false;
};

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_RENDER_DEPTH_HPP
