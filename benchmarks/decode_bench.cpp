// Benchmarks of typed decoding (typed_decoding.hpp, §4.3): a response read into the client's own
// structs. The 20-conversation page of envelope_bench.cpp (the same bytes) into
// `std::vector<conversation>`, three ways:
//
//   decode/kayako      `decode_envelope<std::vector<conversation>>`: the metadata and `data`
//                      straight from the text (SAX), no DOM;
//   decode/boost_json  `boost::json::parse` (into a monotonic resource over a stack buffer, as
//                      envelope_parse/boost_json) + `value_to<std::vector<conversation>>`;
//   decode/nlohmann    `nlohmann::json::parse` + `get<std::vector<conversation>>()`, what many C++
//                      users reach for; compiled only when nlohmann/json is found
//                      (KAYAKO_BENCH_NLOHMANN, Debian's nlohmann-json3-dev).
//
// Boost.JSON 1.81 converts a described struct only from an object with exactly its members, so
// the structs have every member of the page's objects (a requester has a `full_name`, an assignee
// not: two types).
#include <kayako/envelope/typed_decoding.hpp>

#include "allocation_counter.hpp"
#include "envelope_bodies.hpp"

#include <benchmark/benchmark.h>
#include <boost/describe/class.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_to.hpp>

#if KAYAKO_BENCH_NLOHMANN
#include <nlohmann/json.hpp>
#endif

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decode_bench {

struct ref {
    std::int64_t id = 0;
    std::string resource_type;
    friend bool operator==(ref const&, ref const&) = default;
};
BOOST_DESCRIBE_STRUCT(ref, (), (id, resource_type))

struct user_minimal {
    std::int64_t id = 0;
    std::string full_name;
    std::string resource_type;
    friend bool operator==(user_minimal const&, user_minimal const&) = default;
};
BOOST_DESCRIBE_STRUCT(user_minimal, (), (id, full_name, resource_type))

struct conversation {
    std::int64_t id = 0;
    std::string subject;
    ref priority;
    ref status;
    user_minimal requester;
    ref assignee;
    std::vector<std::string> tags;
    bool is_important = false;
    std::optional<int> rating;
    std::string channel;
    std::string created_at;
    std::string updated_at;
    std::string resource_type;
    std::string resource_url;
    friend bool operator==(conversation const&, conversation const&) = default;
};
BOOST_DESCRIBE_STRUCT(conversation, (), (id, subject, priority, status, requester, assignee, tags, is_important, rating,
                                         channel, created_at, updated_at, resource_type, resource_url))

#if KAYAKO_BENCH_NLOHMANN
void from_json(nlohmann::json const& j, ref& r) {
    j.at("id").get_to(r.id);
    j.at("resource_type").get_to(r.resource_type);
}
void from_json(nlohmann::json const& j, user_minimal& u) {
    j.at("id").get_to(u.id);
    j.at("full_name").get_to(u.full_name);
    j.at("resource_type").get_to(u.resource_type);
}
void from_json(nlohmann::json const& j, conversation& c) {
    j.at("id").get_to(c.id);
    j.at("subject").get_to(c.subject);
    j.at("priority").get_to(c.priority);
    j.at("status").get_to(c.status);
    j.at("requester").get_to(c.requester);
    j.at("assignee").get_to(c.assignee);
    j.at("tags").get_to(c.tags);
    j.at("is_important").get_to(c.is_important);
    if (auto const& r = j.at("rating"); !r.is_null()) c.rating = r.get<int>();
    j.at("channel").get_to(c.channel);
    j.at("created_at").get_to(c.created_at);
    j.at("updated_at").get_to(c.updated_at);
    j.at("resource_type").get_to(c.resource_type);
    j.at("resource_url").get_to(c.resource_url);
}
#endif

}  // namespace decode_bench

namespace {

using decode_bench::conversation;

using envelope_bodies::collection_body;  // the 20 conversations envelope_bench.cpp parses

std::vector<conversation> read_with_kayako(std::string_view body) {
    auto r = kayako::decode_envelope<std::vector<conversation>>(body);
    return r && r->data ? std::move(*r->data) : std::vector<conversation>{};
}

std::vector<conversation> read_with_boost_json(std::string_view body) {
    alignas(16) static unsigned char buffer[64 * 1024];
    boost::json::monotonic_resource mr(buffer, sizeof buffer);
    boost::system::error_code ec;
    auto const v = boost::json::parse(body, ec, &mr);
    auto r = boost::json::try_value_to<std::vector<conversation>>(v.at("data"));
    return r ? std::move(*r) : std::vector<conversation>{};
}

// All three must read the same 20 conversations, or the comparison means nothing. Read once at
// start-up, outside the benchmark functions (whose instructions scripts/bench.py counts).
std::vector<conversation> const expected_page = read_with_boost_json(collection_body());

bool reads_the_page(std::vector<conversation> const& v) {
    return v.size() == 20 && v == expected_page && v[19].requester.id == 120 && v[0].tags.size() == 3 && !v[0].rating;
}

void label(benchmark::State& state, std::size_t allocations_before, std::vector<conversation> const& last) {
    if (!reads_the_page(last)) state.SkipWithError("did not read the 20 conversations");
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * collection_body().size()));
    state.SetLabel("20 conversations into structs");
    state.counters["allocs/iter"] = benchmark::Counter(
        double(kayako_bench::allocations() - allocations_before) / double(state.iterations()));
}

// Named `decode_kayako` for scripts/bench.py's callgrind count.
void decode_kayako(benchmark::State& state) {
    std::string_view const body = collection_body();
    std::vector<conversation> last;
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        last = read_with_kayako(body);
        benchmark::DoNotOptimize(last);
    }
    label(state, before, last);
}
BENCHMARK(decode_kayako)->Name("decode/kayako");

// Named `decode_boost_json` for scripts/bench.py's callgrind count.
void decode_boost_json(benchmark::State& state) {
    std::string_view const body = collection_body();
    std::vector<conversation> last;
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        last = read_with_boost_json(body);
        benchmark::DoNotOptimize(last);
    }
    label(state, before, last);
}
BENCHMARK(decode_boost_json)->Name("decode/boost_json");

#if KAYAKO_BENCH_NLOHMANN
// Named `decode_nlohmann` for scripts/bench.py's callgrind count.
void decode_nlohmann(benchmark::State& state) {
    std::string_view const body = collection_body();
    std::vector<conversation> last;
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        auto const j = nlohmann::json::parse(body);
        last = j.at("data").get<std::vector<conversation>>();
        benchmark::DoNotOptimize(last);
    }
    label(state, before, last);
}
BENCHMARK(decode_nlohmann)->Name("decode/nlohmann");
#endif

}  // namespace
