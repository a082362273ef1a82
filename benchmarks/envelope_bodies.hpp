// The benchmarks' shared response bodies: one page of a collection as the official SDK records
// them, parsed by envelope_bench.cpp and decoded into structs by decode_bench.cpp.
#ifndef KAYAKO_BENCHMARKS_ENVELOPE_BODIES_HPP
#define KAYAKO_BENCHMARKS_ENVELOPE_BODIES_HPP

#include <string>

namespace envelope_bodies {

// A page of 20 conversations (~8 KB), the shape of the SDK's recorded collections (§7.4).
inline std::string const& collection_body() {
    static std::string const body = [] {
        std::string s = R"({"status":200,"data":[)";
        for (int i = 1; i <= 20; ++i) {
            if (i > 1) s += ',';
            std::string const id = std::to_string(100 + i);
            s += R"({"id":)" + id +
                 R"(,"subject":"Printer on the third floor does not print in colour","priority":{"id":2,"resource_type":"case_priority"},)"
                 R"("status":{"id":1,"resource_type":"case_status"},"requester":{"id":)" + id +
                 R"(,"full_name":"Caryn Pryor","resource_type":"user_minimal"},"assignee":{"id":7,"resource_type":"user_minimal"},)"
                 R"("tags":["printer","hardware","floor-3"],"is_important":false,"rating":null,"channel":"MAIL",)"
                 R"("created_at":"2016-08-18T15:17:39+00:00","updated_at":"2016-08-19T09:02:11+00:00",)"
                 R"("resource_type":"conversation","resource_url":"https://brewfictus.kayako.com/api/v1/conversations/)" + id + "\"}";
        }
        s += R"(],"resource":"conversation","offset":20,"limit":20,"total_count":269,)"
             R"("first_url":"https://brewfictus.kayako.com/api/v1/conversations.json?limit=20",)"
             R"("previous_url":"https://brewfictus.kayako.com/api/v1/conversations.json?limit=20",)"
             R"("next_url":"https://brewfictus.kayako.com/api/v1/conversations.json?limit=20&offset=40",)"
             R"("last_url":"https://brewfictus.kayako.com/api/v1/conversations.json?limit=20&offset=260"})";
        return s;
    }();
    return body;
}

}  // namespace envelope_bodies

#endif  // KAYAKO_BENCHMARKS_ENVELOPE_BODIES_HPP
