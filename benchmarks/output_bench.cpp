// Benchmarks of output.hpp (§5, §6): rendering a collection of 20 user-like resources (8.5 KB of
// JSON, nested references) with `fields=+locale,-designation,-timezone`, `_case=camel` and
// `_empty=false`, beside
//   * render/serialize_only — plain `boost::json::serialize` of the unfiltered value (the floor:
//     it writes more bytes but decides nothing);
//   * render/copy_filter — what a server writes without this library: deep-copy the DOM, drop
//     members, rename keys, serialize.
// All three report the source size as bytes processed, so bytes/s compare directly.
#include <kayako/output/renderer.hpp>

#include "allocation_counter.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <benchmark/benchmark.h>

#include <string>

namespace {

namespace json = boost::json;

kayako::schema_registry const& schemas() {
    using kayako::field;
    using kayako::nested;
    using kayako::nested_array;
    static kayako::schema_registry const reg{
        kayako::resource_schema{"user",
                                {{"full_name"},
                                 {"designation"},
                                 {"email"},
                                 {"locale", field::optional},
                                 {"timezone"},
                                 {"role", nested("role")},
                                 {"organization", nested("organization")},
                                 {"teams", nested_array("team")},
                                 {"phones"},
                                 {"last_seen_at"},
                                 {"password", field::hidden}}},
        kayako::resource_schema{"role", {{"title"}, {"type"}}},
        kayako::resource_schema{"team", {{"title"}}},
        kayako::resource_schema{"organization", {{"name"}}},
    };
    return reg;
}

json::value const& collection() {
    static json::value const v = [] {
        json::array users;
        for (int i = 1; i <= 20; ++i) {
            std::string const n = std::to_string(i);
            users.push_back(json::parse(
                R"({"id":)" + n + R"(,"full_name":"Charlotte Küchler )" + n +
                R"(","designation":"Head of \"CS\"","email":"c.kuchler)" + n +
                R"(@brewfictus.com","locale":"en-us","timezone":"Europe/Berlin",)"
                R"("role":{"id":2,"resource_type":"role"},"organization":{"id":7,"resource_type":"organization"},)"
                R"("teams":[{"id":1,"resource_type":"team"}],"phones":[],)"
                R"("last_seen_at":null,"password":"x",)"
                R"("resource_type":"user","resource_url":"https://brewfictus.kayako.com/api/v1/users/)" + n + R"("})"));
        }
        return json::value(std::move(users));
    }();
    return v;
}

kayako::render_options const& options() {
    static kayako::render_options const o = [] {
        kayako::render_options r;
        r.fields = kayako::parse_fields("+locale,-designation,-timezone").value();
        r.keep_empty = false;
        r.name_case = kayako::letter_case::camel;
        return r;
    }();
    return o;
}

std::size_t source_size() {
    static std::size_t const n = json::serialize(collection()).size();
    return n;
}

void report(benchmark::State& state, std::size_t allocs_before) {
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * source_size()));
    state.counters["allocs/iter"] = benchmark::Counter(
        static_cast<double>(kayako_bench::allocations() - allocs_before) / static_cast<double>(state.iterations()));
}

void render_kayako(benchmark::State& state) {
    kayako::rendered_text out;
    (void)kayako::render_text(out, collection(), "user", schemas(), options());  // warm the buffers
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        auto r = kayako::render_text(out, collection(), "user", schemas(), options());
        benchmark::DoNotOptimize(r);
        benchmark::DoNotOptimize(out.data.data());
    }
    report(state, before);
    state.counters["out_bytes"] = static_cast<double>(out.data.size());
}
BENCHMARK(render_kayako)->Name("render/kayako");

void render_kayako_value(benchmark::State& state) {
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        auto r = kayako::render_value(collection(), "user", schemas(), options());
        benchmark::DoNotOptimize(r);
    }
    report(state, before);
}
BENCHMARK(render_kayako_value)->Name("render/kayako_value");

void render_serialize_only(benchmark::State& state) {
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        std::string s = json::serialize(collection());
        benchmark::DoNotOptimize(s.data());
    }
    report(state, before);
}
BENCHMARK(render_serialize_only)->Name("render/serialize_only");

// The straightforward server code: copy, then filter and rename in the copy, then serialize.
bool dropped(std::string_view key, json::value const& v) {
    if (key == "password" || key == "designation" || key == "timezone") return true;  // hidden, `-x`
    return v.is_null() || (v.is_array() && v.get_array().empty());                       // `_empty=false`
}

// Erases the dropped members and renames the rest (Boost.JSON keys are immutable: the members
// move into a new object under their converted names).
void filter_in_place(json::value& v) {
    if (v.is_object()) {
        json::object renamed;
        for (auto& m : v.get_object()) {
            if (dropped(m.key(), m.value())) continue;
            filter_in_place(m.value());
            if (m.key() == "resource_type" && m.value().is_string())
                m.value() = kayako::convert_case(m.value().get_string(), kayako::letter_case::camel);
            renamed.emplace(kayako::convert_case(m.key(), kayako::letter_case::camel), std::move(m.value()));
        }
        v = std::move(renamed);
    } else if (v.is_array()) {
        for (auto& e : v.get_array()) filter_in_place(e);
    }
}

void render_copy_filter(benchmark::State& state) {
    auto const before = kayako_bench::allocations();
    for (auto _ : state) {
        json::value copy = collection();  // the deep copy
        filter_in_place(copy);
        std::string s = json::serialize(copy);
        benchmark::DoNotOptimize(s.data());
    }
    report(state, before);
}
BENCHMARK(render_copy_filter)->Name("render/copy_filter");

}  // namespace
