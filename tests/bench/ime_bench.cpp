// Chinese input benchmark: rime start-up with and without deployment, key-to-candidates
// latency in both schemas, handwriting recognition latency, and the font atlas rebuild a
// page of new candidate characters costs. Prints `name value unit` lines.
//   ime_bench [--quick]      (tests/bench/ime-bench.sh builds and runs it)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <imgui.h>

#include "support/handwriting.h"
#include "ime/handwriting_engine.h"
#include "ime/pinyin_engine.h"
#include "ui/fonts.h"

using namespace hall;
using namespace hall::ime;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

void print(const char* name, double value, const char* unit) {
    std::printf("%s %.3f %s\n", name, value, unit);
    std::fflush(stdout);
}

// What citizens write about a window, as pinyin.
const char* const kWords[] = {
    "chuangkou", "meiyouren", "fuwutaidu", "henbuhao", "dengle", "bangeduoxiaoshi", "shehuibaozhangka",
    "banli", "shenfenzheng", "gongzuorenyuan", "wanshouji", "chidao", "zaotui", "feichangmanyi",
    "xiexie", "zhongguo", "nihao", "tousu", "jianyi", "paidui", "qianmian", "haiyou", "renyuan",
};

struct KeyTimes {
    std::vector<double> ms;
    std::vector<std::string> seen;   // every candidate shown, for the atlas test
};

void type_words(PinyinEngine& e, int rounds, KeyTimes& out) {
    for (int r = 0; r < rounds; ++r)
        for (const char* w : kWords) {
            for (const char* c = w; *c; ++c) {
                const auto t0 = Clock::now();
                e.key(*c);
                const auto n = e.view().candidates.size();   // the bar reads them
                out.ms.push_back(ms_since(t0));
                if (n) for (const auto& s : e.view().candidates) out.seen.push_back(s);
            }
            e.confirm();
            e.take_commit();
        }
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
    const fs::path scratch = fs::temp_directory_path() / ("hall-ime-bench-" + std::to_string(::getpid()));
    fs::remove_all(scratch);
    const RimePaths paths = rime_paths_for_data_dir(scratch);
    std::string error;

    // Cold: a fresh data folder, so the first open deploys.
    double cold_ms = 0, deploy_ms = 0;
    {
        const auto t0 = Clock::now();
        auto e = PinyinEngine::open({paths, Lang::Hans, true}, error);
        cold_ms = ms_since(t0);
        if (!e) {
            std::fprintf(stderr, "ime_bench: %s\n", error.c_str());
            return 1;
        }
        deploy_ms = e->deploy_report().millis;
    }
    print("rime_start_cold_ms", cold_ms, "ms");
    print("rime_deploy_ms", deploy_ms, "ms");

    // Warm: the deployment is found up to date; median of several starts.
    std::vector<double> warm;
    for (int i = 0; i < (quick ? 5 : 20); ++i) {
        const auto t0 = Clock::now();
        auto e = PinyinEngine::open({paths, Lang::Hans, true}, error);
        warm.push_back(ms_since(t0));
        if (!e || e->deploy_report().deployed) {
            std::fprintf(stderr, "ime_bench: warm start redeployed or failed: %s\n", error.c_str());
            return 1;
        }
    }
    print("rime_start_warm_ms", percentile(warm, 0.5), "ms");

    KeyTimes simp, trad;
    {
        auto e = PinyinEngine::open({paths, Lang::Hans, true}, error);
        type_words(*e, quick ? 3 : 20, simp);
        e->set_lang(Lang::Hant);
        type_words(*e, quick ? 3 : 20, trad);
    }
    print("key_to_candidates_ms_median", percentile(simp.ms, 0.5), "ms");
    print("key_to_candidates_ms_p95", percentile(simp.ms, 0.95), "ms");
    print("key_to_candidates_ms_max", percentile(simp.ms, 1.0), "ms");
    print("key_to_candidates_hant_ms_median", percentile(trad.ms, 0.5), "ms");
    print("key_to_candidates_hant_ms_p95", percentile(trad.ms, 0.95), "ms");
    print("keys_timed", static_cast<double>(simp.ms.size() + trad.ms.size()), "keys");

    // Handwriting: model load, then every fixture character recognised, stroke by stroke
    // (the pad recognises after each stroke).
    const auto t0 = Clock::now();
    auto hw = HandwritingEngine::open(kDefaultHandwritingModel, error);
    if (!hw) {
        std::fprintf(stderr, "ime_bench: %s\n", error.c_str());
        return 1;
    }
    print("handwriting_open_ms", ms_since(t0), "ms");
    const auto chars = test::load_handwriting_fixture(HALL_IME_FIXTURES "/handwriting.txt");
    std::vector<double> rec;
    std::size_t top1 = 0, tries = 0;
    for (int r = 0; r < (quick ? 5 : 50); ++r)
        for (const auto& ch : chars)
            for (std::size_t n = 1; n <= ch.strokes.size(); ++n) {
                const std::vector<Stroke> partial(ch.strokes.begin(), ch.strokes.begin() + static_cast<long>(n));
                const auto a = Clock::now();
                const auto cs = hw->recognize(partial, ch.width, ch.height, kCandidatesPerPage);
                rec.push_back(ms_since(a));
                if (n == ch.strokes.size() && r == 0) {
                    ++tries;
                    top1 += !cs.empty() && cs[0].text == ch.expected;
                }
            }
    print("handwriting_recognize_ms_median", percentile(rec, 0.5), "ms");
    print("handwriting_recognize_ms_p95", percentile(rec, 0.95), "ms");
    print("handwriting_fixture_top1", static_cast<double>(top1) / static_cast<double>(tries) * 100.0, "%");

    // The font atlas: the kiosk's own characters first, then each new page of candidates
    // (what appears while typing) costs a rebuild before the next frame.
    ImGui::CreateContext();
    {
        ui::Fonts fonts;
        std::vector<std::string> errors;
        if (!fonts.init("", errors)) {
            std::fprintf(stderr, "ime_bench: fonts: %s\n", errors.empty() ? "?" : errors[0].c_str());
            return 1;
        }
        fonts.request("办事指南排队叫号意见反馈窗口服务态度满意不满意基本非常请在这里写一个字拼音手写字母符号完成删除清空空格");
        fonts.request("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.?!，。？！");
        fonts.rebuild_if_needed();
        std::vector<double> grow;
        std::size_t grown = 0;
        for (std::size_t i = 0; i < simp.seen.size() && grown < (quick ? 20u : 200u); i += kCandidatesPerPage) {
            std::string page;
            for (std::size_t j = i; j < std::min(simp.seen.size(), i + kCandidatesPerPage); ++j) page += simp.seen[j];
            if (!fonts.request(page)) continue;
            const auto a = Clock::now();
            fonts.rebuild_if_needed();
            grow.push_back(ms_since(a));
            ++grown;
        }
        print("atlas_rebuild_per_new_page_ms_median", percentile(grow, 0.5), "ms");
        print("atlas_rebuild_per_new_page_ms_p95", percentile(grow, 0.95), "ms");
        print("atlas_glyphs_after_typing", fonts.stats().glyphs, "glyphs");
        print("atlas_height_after_typing", fonts.stats().atlas_height, "px");
    }
    ImGui::DestroyContext();

    fs::remove_all(scratch);
    return 0;
}
