#pragma once
// Inputs as parsers meet them in a server: views into larger buffers. A parser that reads one byte
// past its view is invisible to a test that hands it a whole std::string literal (the terminating
// NUL is there to read, and ASan sees nothing wrong inside the string's capacity). These helpers
// make such a read fail a test, two ways:
//
//   exact_buffer   the bytes at the very end of a heap allocation of their size: under ASan (CI runs
//                  every unit test under ASan+UBSan) a read past the view is a heap-buffer-overflow.
//   with_tail      the bytes followed by a tail chosen to change the answer if it is read (a space,
//                  a digit, a quote, a `\n`): compare the result with the one from exact_buffer.
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace kayako::test {

/// Owns a heap block of exactly `text.size()` bytes holding `text`; `view()` ends where it ends.
class exact_buffer {
public:
    explicit exact_buffer(std::string_view text)
        : size_(text.size()), bytes_(std::make_unique<char[]>(text.empty() ? 1 : text.size())) {
        if (!text.empty()) std::memcpy(bytes_.get(), text.data(), text.size());
    }
    // An empty input still points at a valid block of one byte: view its end, not its start.
    std::string_view view() const noexcept { return {bytes_.get() + (size_ == 0 ? 1 : 0), size_}; }
    operator std::string_view() const noexcept { return view(); }  // NOLINT: a buffer stands for its view

private:
    std::size_t size_;
    std::unique_ptr<char[]> bytes_;
};

/// Owns `text + tail`; `view()` is only `text`, so the tail is there to be (wrongly) read.
class with_tail {
public:
    with_tail(std::string_view text, std::string_view tail) : size_(text.size()), bytes_(text) { bytes_ += tail; }
    std::string_view view() const noexcept { return std::string_view(bytes_).substr(0, size_); }
    operator std::string_view() const noexcept { return view(); }  // NOLINT: a buffer stands for its view

private:
    std::size_t size_;
    std::string bytes_;
};

/// Tails that change the answer of most parsers when read: JSON and HTTP whitespace, a digit, a
/// quote, a separator, a letter, an escape, a path step (`.b` continues a JSONP callback), a NUL.
inline constexpr std::string_view over_read_tails[] = {" \r\n", "\n", "0", "9\"", "\"", ",;=&", "x", "%41", ".b", std::string_view("\0", 1)};

}  // namespace kayako::test
