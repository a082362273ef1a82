// Fuzzes pagination (pagination.hpp) from the arguments of a request target. Properties checked:
// * accepted arguments are in range (`limit` 1..1000) and name at most one cursor or date;
// * every link a server would write for the page parses as a request target again, and its
//   `offset` and `limit` read back as the link promised;
// * no link carries a credential argument, in any spelling (§21.24);
// * date links (§7.3) read back as the date and limit they promise;
// * a client's next page moves forward, and never past `total_count`.
#include <kayako/envelope/pagination.hpp>
#include <kayako/request/request_target.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::uint64_t take_number(std::string_view& text, unsigned bytes) {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < bytes && !text.empty(); ++i) {
        v = v << 8 | static_cast<unsigned char>(text.front());
        text.remove_prefix(1);
    }
    return v;
}

void check_link(std::string const& url, std::uint64_t offset, std::uint64_t limit) {
    auto const parsed = kayako::parse_target(url);
    if (!parsed) std::abort();
    std::vector<kayako::query_argument> args;
    for (std::size_t i = 0; i < parsed->arguments().size(); ++i) {
        args.push_back({parsed->arguments()[i].name, parsed->arguments()[i].value});
        if (kayako::is_credential_argument(args.back().name)) std::abort();
    }
    auto const page = kayako::parse_pagination(args);
    if (!page || page->offset != offset || page->limit != limit) std::abort();
}

// A date link (§7.3) reads back as the date and limit it promised, and as nothing else.
void check_date_link(std::string const& url, bool since, kayako::timestamp at, std::uint64_t limit) {
    auto const parsed = kayako::parse_target(url);
    if (!parsed) std::abort();
    std::vector<kayako::query_argument> args;
    for (std::size_t i = 0; i < parsed->arguments().size(); ++i)
        args.push_back({parsed->arguments()[i].name, parsed->arguments()[i].value});
    auto const page = kayako::parse_pagination(args);
    if (!page || page->limit != limit || page->offset != 0) std::abort();
    auto const& date = since ? page->since : page->until;
    auto const& other = since ? page->until : page->since;
    if (!date || !(*date == at) || other) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<char const*>(data), size);
    std::uint64_t const total_count = take_number(rest, 3);
    auto const letter_case = static_cast<kayako::letter_case>(take_number(rest, 1) % 3);
    std::string const target = "/api/v1/items?" + std::string(rest);

    auto const request = kayako::parse_target(target);
    if (!request) return 0;
    std::vector<kayako::query_argument> args;
    for (std::size_t i = 0; i < request->arguments().size(); ++i)
        args.push_back({request->arguments()[i].name, request->arguments()[i].value});

    auto const page = kayako::parse_pagination(args);
    if (!page) return 0;
    if (page->limit < 1 || page->limit > 1000) std::abort();
    int const positions = page->before_id.has_value() + page->after_id.has_value() + page->since.has_value() +
                          page->until.has_value();
    if (positions > 1) std::abort();

    kayako::link_target link;
    link.base_url = "https://brewfictus.kayako.com/api/v1/items";
    link.arguments = args;
    link.name_case = letter_case;
    auto const links = kayako::make_offset_links(link, page->offset, page->limit, total_count);
    std::uint64_t const limit = page->limit;
    if (links.first_url) check_link(*links.first_url, 0, limit);
    if (links.previous_url) check_link(*links.previous_url, page->offset > limit ? page->offset - limit : 0, limit);
    if (links.next_url) check_link(*links.next_url, page->offset + limit, limit);
    if (links.last_url) check_link(*links.last_url, (total_count - 1) / limit * limit, limit);

    // Date links (§7.3, §7.4) from the request's date, as both edges of a page, in both orders.
    if (auto const date = page->since ? page->since : page->until) {
        bool const newest_first = total_count % 2 == 0;
        kayako::date_page edges{*date, *date, true, true,
                                newest_first ? kayako::date_order::newest_first : kayako::date_order::oldest_first};
        auto const dated = kayako::make_date_links(link, page->limit, edges);
        if (!dated.previous_url || !dated.next_url || !dated.first_url || dated.last_url) std::abort();
        check_date_link(*dated.previous_url, newest_first, *date, limit);
        check_date_link(*dated.next_url, !newest_first, *date, limit);
        check_link(*dated.first_url, 0, limit);
    }

    kayako::envelope_metadata received;
    received.offset = page->offset;
    received.limit = page->limit;
    if (total_count % 2) received.total_count = total_count;
    std::uint64_t const items = total_count % (limit + 2);
    if (auto const next = kayako::next_page(received, items)) {
        if (next->url) std::abort();  // no links were set
        if (next->offset <= page->offset) std::abort();
        if (received.total_count && next->offset >= *received.total_count) std::abort();
    }
    return 0;
}
