// kayako-proto — the storage of a parsed request target (`api_path.hpp`, `query_arguments.hpp`):
// text referred to by offset and a decode buffer that lives inside its owner up to a size (the
// list of arguments is a `boost::container::small_vector`, as fast as the hand-written one it
// replaced: issue #13). Parsing a typical target then allocates nothing, and copies of the
// result stay valid.
#ifndef KAYAKO_DETAIL_INLINE_STORAGE_HPP
#define KAYAKO_DETAIL_INLINE_STORAGE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

namespace kayako::detail {

/// Text of a parsed target: either a slice of the target itself or of the decode buffer. Offsets,
/// not pointers, so that copies and moves of the owner stay valid.
struct text_ref {
    static constexpr std::uint32_t buffer_bit = 0x80000000u;  // texts are far below 2 GiB (limits)
    std::uint32_t begin = 0;  ///< offset, with `buffer_bit` set when it is into the buffer
    std::uint32_t size = 0;

    static constexpr text_ref in_target(std::size_t at, std::size_t n) noexcept {
        return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(n)};
    }
    static constexpr text_ref in_decode_buffer(std::size_t at, std::size_t n) noexcept {
        return {static_cast<std::uint32_t>(at) | buffer_bit, static_cast<std::uint32_t>(n)};
    }
    constexpr bool in_buffer() const noexcept { return (begin & buffer_bit) != 0; }
    constexpr std::uint32_t offset() const noexcept { return begin & ~buffer_bit; }
};

/// A buffer that lives inside its owner up to `N` bytes and on the heap beyond.
template <std::size_t N>
class inline_buffer {
public:
    inline_buffer() noexcept = default;
    inline_buffer(inline_buffer const& other) { *this = other; }
    inline_buffer& operator=(inline_buffer const& other) {
        if (this == &other) return *this;
        reserve(other.capacity_);
        used_ = other.used_;
        std::memcpy(data(), other.data(), used_);
        return *this;
    }
    inline_buffer(inline_buffer&& other) noexcept { *this = std::move(other); }
    inline_buffer& operator=(inline_buffer&& other) noexcept {
        if (this == &other) return *this;
        if (other.heap_) {
            heap_ = std::move(other.heap_);
            capacity_ = other.capacity_;
        } else {
            heap_.reset();
            capacity_ = N;
            std::memcpy(inline_.data(), other.inline_.data(), other.used_);
        }
        used_ = other.used_;
        other.capacity_ = N;
        other.used_ = 0;
        return *this;
    }

    /// Makes room for `n` bytes; the content is dropped. Throws only `std::bad_alloc`.
    void reserve(std::size_t n) {
        used_ = 0;
        if (n <= capacity_) return;
        heap_.reset(new char[n]);
        capacity_ = n;
    }
    char* data() noexcept { return heap_ ? heap_.get() : inline_.data(); }
    char const* data() const noexcept { return heap_ ? heap_.get() : inline_.data(); }
    std::size_t capacity() const noexcept { return capacity_; }
    std::size_t used() const noexcept { return used_; }
    void set_used(std::size_t n) noexcept { used_ = n; }

private:
    std::array<char, N> inline_;
    std::unique_ptr<char[]> heap_;
    std::size_t capacity_ = N;
    std::size_t used_ = 0;
};

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_INLINE_STORAGE_HPP
