// Group commit (sync/hub/group_commit.h): batches waiting while a commit runs go together in
// the next one, each caller gets its own rows' outcomes, a store failure reaches every caller
// of its group and no other.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "hub/group_commit.h"

using namespace hall;
using namespace hall::hub;

namespace {

RecordRow row(const std::string& uuid) {
    RecordRow r;
    r.uuid = uuid;
    r.kind = "audit";
    return r;
}

// Waits (bounded: 5 s) until pred holds.
template <class Pred>
bool eventually(Pred pred) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!pred()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

}  // namespace

TEST_CASE("group commit: batches that wait during a commit share the next one, outcomes go back to their own callers", "[hub]") {
    constexpr int kCallers = 12;
    std::atomic<int> commits{0};
    std::atomic<bool> all_queued{false}, first_seen{true};  // Catch2 asserts on the test's own thread only
    std::vector<std::size_t> group_sizes;
    GroupCommit* gc_ptr = nullptr;
    GroupCommit gc([&](const std::vector<RecordRow>& rows) {
        // The first commit holds until every other caller is queued behind it.
        if (commits++ == 0) all_queued = eventually([&] { return gc_ptr->waiting() == kCallers - 1; });
        group_sizes.push_back(rows.size());
        std::vector<PutOutcome> out;
        for (const auto& r : rows) out.push_back(r.uuid.back() == 'd' ? PutOutcome::Duplicate : PutOutcome::Stored);
        return out;
    });
    gc_ptr = &gc;
    std::vector<std::vector<PutOutcome>> got(kCallers);
    std::vector<std::thread> callers;
    for (int i = 0; i < kCallers; ++i)
        callers.emplace_back([&, i] {
            // Caller i sends i+1 rows; its last one is a duplicate when i is odd.
            std::vector<RecordRow> rows;
            for (int k = 0; k <= i; ++k) rows.push_back(row("c" + std::to_string(i) + "-" + std::to_string(k) + (k == i && i % 2 ? "d" : "s")));
            if (i > 0 && !eventually([&] { return commits.load() > 0; })) first_seen = false;  // caller 0 leads the first commit
            got[static_cast<std::size_t>(i)] = gc.put(std::move(rows));
        });
    for (auto& t : callers) t.join();
    REQUIRE(first_seen);
    REQUIRE(all_queued);
    CHECK(commits.load() == 2);  // caller 0 alone, then the eleven others in one transaction
    REQUIRE(group_sizes.size() == 2);
    CHECK(group_sizes[0] == 1);
    CHECK(group_sizes[1] == 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12);
    for (int i = 0; i < kCallers; ++i) {
        const auto& o = got[static_cast<std::size_t>(i)];
        REQUIRE(o.size() == static_cast<std::size_t>(i + 1));
        for (int k = 0; k <= i; ++k)
            CHECK(o[static_cast<std::size_t>(k)] == (k == i && i % 2 ? PutOutcome::Duplicate : PutOutcome::Stored));
    }
}

TEST_CASE("group commit: a failed commit fails its own group's callers only, and the next group commits", "[hub]") {
    std::atomic<int> commits{0};
    GroupCommit gc([&](const std::vector<RecordRow>& rows) -> std::vector<PutOutcome> {
        if (commits++ == 0) throw std::runtime_error("disk full");
        return std::vector<PutOutcome>(rows.size(), PutOutcome::Stored);
    });
    CHECK_THROWS_WITH(gc.put({row("a"), row("b")}), "disk full");
    const auto second = gc.put({row("a"), row("b")});
    CHECK(second == std::vector<PutOutcome>{PutOutcome::Stored, PutOutcome::Stored});
    CHECK(commits.load() == 2);
}

TEST_CASE("group commit: the row cap splits groups, and a batch over the cap still commits alone", "[hub]") {
    std::vector<std::size_t> sizes;
    GroupCommit gc([&](const std::vector<RecordRow>& rows) {
        sizes.push_back(rows.size());
        return std::vector<PutOutcome>(rows.size(), PutOutcome::Stored);
    }, 1, 3);
    CHECK(gc.put({row("a"), row("b"), row("c"), row("d"), row("e")}).size() == 5);
    CHECK(sizes == std::vector<std::size_t>{5});
}

TEST_CASE("group commit: with two commit slots two groups commit at the same time", "[hub]") {
    std::atomic<int> inside{0}, most_inside{0};
    GroupCommit gc([&](const std::vector<RecordRow>& rows) {
        const int now = ++inside;
        int seen = most_inside.load();
        while (now > seen && !most_inside.compare_exchange_weak(seen, now)) {}
        eventually([&] { return most_inside.load() >= 2; });  // hold until the other is in too
        --inside;
        return std::vector<PutOutcome>(rows.size(), PutOutcome::Stored);
    }, 2);
    std::thread other([&] { gc.put({row("b")}); });
    CHECK(gc.put({row("a")}).size() == 1);
    other.join();
    CHECK(most_inside.load() == 2);
}
