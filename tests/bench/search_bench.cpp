// Guide search benchmark (issue #14): a bundle of 5,000 guides with aliases generated from
// the demo bundle, imported into a fresh store; then every keystroke of typical queries is
// searched as the screen does. Prints `name value unit` lines.
//   search_bench [--quick] [--guides N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <ctime>
#include <unistd.h>

#include "content/bundle.h"
#include "core/text.h"
#include "store/guide_store.h"
#include "store/migrations.h"

using namespace hall;
using Clock = std::chrono::steady_clock;

namespace {

// Real kinds of variants a provincial catalogue lists for one service: 新办, 变更, 注销 ...
const char* kVariants[][2] = {
    {"新办", "new"}, {"变更", "change"}, {"延续", "renewal"}, {"注销", "cancellation"}, {"补领", "replacement"},
    {"换领", "exchange"}, {"遗失补办", "lost"}, {"迁入", "move in"}, {"迁出", "move out"}, {"年审", "annual review"},
    {"备案", "filing"}, {"初审", "first review"}, {"复核", "re-examination"}, {"企业", "enterprise"}, {"个人", "individual"},
    {"分支机构", "branch"}, {"港澳台居民", "HK, Macao, Taiwan residents"}, {"外籍人员", "foreigners"}, {"农村", "rural"},
    {"城镇", "urban"}, {"老年人", "elderly"}, {"未成年人", "minors"}, {"退役军人", "veterans"}, {"高校毕业生", "graduates"},
    {"残疾人", "disabled persons"}, {"低保户", "low-income households"}, {"特困人员", "persons in extreme poverty"},
    {"跨省通办", "cross-province"}, {"全程网办", "fully online"}, {"容缺受理", "deficiency tolerance"},
    {"告知承诺", "notification and commitment"}, {"加急", "urgent"}, {"邮寄", "by post"}, {"代办", "by an agent"},
    {"首次申请", "first application"}, {"重新申请", "re-application"}, {"部分变更", "partial change"},
    {"法定代表人变更", "legal representative change"}, {"地址变更", "address change"}, {"名称变更", "name change"},
    {"经营范围变更", "business scope change"}, {"增项", "added item"}, {"减项", "removed item"}, {"换证", "certificate exchange"},
    {"证件更正", "correction"}, {"信息核验", "verification"}, {"资格认定", "qualification"}, {"定期审验", "periodic check"},
    {"一网通办", "one-stop online"}, {"窗口办理", "at the window"}, {"园区", "industrial park"}, {"乡镇", "township"},
    {"街道", "sub-district"}, {"社区", "community"}, {"村居", "village"}, {"临时", "temporary"}, {"长期", "long-term"},
    {"重大事项", "major matter"}, {"一般事项", "general matter"}, {"行业", "industry"},
};
constexpr int kVariantCount = sizeof(kVariants) / sizeof(kVariants[0]);

ContentBundle generate(const ContentBundle& demo, int n) {
    ContentBundle b;
    b.version = "bench-1";
    b.departments = demo.departments;
    for (int i = 0; i < n; ++i) {
        const Guide& t = demo.guides[static_cast<std::size_t>(i) % demo.guides.size()];
        const int v = (i / static_cast<int>(demo.guides.size())) % kVariantCount;
        const int round = i / static_cast<int>(demo.guides.size() * kVariantCount);
        Guide g = t;
        g.code = t.code + "-" + std::to_string(i);
        const std::string suffix = round ? std::to_string(round + 1) : "";
        g.name[Lang::Hans] = t.name[Lang::Hans] + "（" + kVariants[v][0] + suffix + "）";
        g.name[Lang::Hant] = t.name[Lang::Hant] + "（" + kVariants[v][0] + suffix + "）";
        g.name[Lang::En] = t.name[Lang::En] + " (" + kVariants[v][1] + suffix + ")";
        for (Lang l : {Lang::Hans, Lang::Hant}) {
            auto& list = g.aliases[l];
            const std::size_t base = list.size();
            for (std::size_t k = 0; k < base && k < 3; ++k) {
                std::string a = list[k] + kVariants[v][0] + suffix;
                if (std::find(list.begin(), list.end(), a) == list.end()) list.push_back(std::move(a));
            }
        }
        b.guides.push_back(std::move(g));
    }
    return b;
}

// CPU time of this thread: what a keystroke costs, without the time other processes on a
// loaded machine take the core away (the wall-clock figures are printed too).
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

// Every prefix of q, code point by code point: what the screen searches while it is typed.
std::vector<std::string> keystrokes(const std::string& q) {
    std::vector<std::string> out;
    std::string s;
    for (char32_t c : decode_utf8(q)) {
        append_utf8(s, c);
        if (c != ' ') out.push_back(s);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false, keep = false;
    int n = 5000;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick") quick = true;
        else if (a == "--keep") keep = true;  // leaves the store for a look with sqlite3
        else if (a == "--guides" && i + 1 < argc) n = std::stoi(argv[++i]);
        else { std::fprintf(stderr, "usage: search_bench [--quick] [--guides N] [--keep]\n"); return 2; }
    }
    std::ifstream in(std::string(HALL_TEST_ASSETS) + "/content/demo-bundle.json");
    std::stringstream ss;
    ss << in.rdbuf();
    auto demo = parse_bundle(ss.str());
    if (!demo.ok()) { std::fprintf(stderr, "demo bundle: %s\n", demo.errors.front().c_str()); return 1; }
    const std::string json = bundle_to_json(generate(demo.bundle, n));

    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("search-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    int rc = 0;
    {
        Db db((dir / "k.sqlite").string());
        migrate(db);
        GuideStore guides(db);
        const double p0 = thread_cpu_ms();
        (void)parse_bundle(json);
        std::printf("search_import_parse_cpu %.2f s\n", (thread_cpu_ms() - p0) / 1e3);
        const auto t0 = Clock::now();
        const double c0 = thread_cpu_ms();
        auto r = guides.import(json);
        const double import_s = std::chrono::duration<double>(Clock::now() - t0).count();
        const double import_cpu_s = (thread_cpu_ms() - c0) / 1e3;
        if (!r.ok) { std::fprintf(stderr, "import failed: %s\n", r.errors.front().c_str()); return 1; }
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        std::int64_t keys = 0;
        {
            auto st = db.prepare("SELECT COUNT(*) FROM guide_key");
            st.step();
            keys = st.i64(0);
        }
        std::printf("search_bundle_guides %d guides\n", n);
        std::printf("search_bundle_bytes %zu bytes\n", json.size());
        std::printf("search_import %.2f s\n", import_s);
        std::printf("search_import_cpu %.2f s\n", import_cpu_s);
        std::printf("search_index_keys %lld rows\n", static_cast<long long>(keys));
        std::printf("search_store_size %.1f MB\n", static_cast<double>(fs::file_size(dir / "k.sqlite")) / 1e6);

        const std::vector<std::pair<const char*, std::vector<std::string>>> sets = {
            {"chinese", {"社会保障卡", "身份证", "无犯罪记录证明", "残疾人证", "个税", "营业性演出许可", "環評", "户口迁移"}},
            {"pinyin", {"shenfenzheng", "shebaoka", "wufanzuijilu", "canjirenzheng", "yanglaobaoxian", "huanping"}},
            {"initials", {"sfz", "sbk", "wfzjl", "cjrz", "gsgj", "hp"}},
            {"two_words", {"灵活就业 社保", "社保 个体户", "残疾人 补贴", "shen fen zheng", "social security card"}},
        };
        const int rounds = quick ? 3 : 20;
        for (const auto& [name, queries] : sets) {
            std::vector<double> ms, cpu;
            std::size_t found = 0;
            double worst = 0;
            std::string worst_q;
            for (int round = 0; round < rounds; ++round)
                for (const auto& q : queries)
                    for (const auto& k : keystrokes(q)) {
                        const auto t = Clock::now();
                        const double c = thread_cpu_ms();
                        auto res = guides.search(k);
                        cpu.push_back(thread_cpu_ms() - c);
                        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
                        if (cpu.back() > worst) { worst = cpu.back(); worst_q = k; }
                        found += res.empty() ? 0 : 1;
                    }
            std::printf("search_keystroke_%s_p50 %.3f ms\n", name, pct(ms, 50));
            std::printf("search_keystroke_%s_p99 %.3f ms\n", name, pct(ms, 99));
            std::printf("search_keystroke_%s_cpu_p50 %.3f ms\n", name, pct(cpu, 50));
            std::printf("search_keystroke_%s_cpu_p99 %.3f ms\n", name, pct(cpu, 99));
            std::fprintf(stderr, "  (%s: most CPU: keystroke \"%s\" %.3f ms)\n", name, worst_q.c_str(), worst);
            if (found == 0) { std::fprintf(stderr, "%s: no keystroke found anything\n", name); rc = 1; }
        }
        std::vector<double> ms;
        for (int round = 0; round < rounds; ++round)
            for (const char* q : {"身分证", "护照签注", "shebaokaa"}) {
                const auto t = Clock::now();
                auto c = guides.closest(q);
                ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
            }
        std::printf("search_closest_p50 %.3f ms\n", pct(ms, 50));
    }
    std::error_code ec;
    if (keep) std::fprintf(stderr, "store kept in %s\n", dir.c_str());
    else fs::remove_all(dir, ec);
    return rc;
}
