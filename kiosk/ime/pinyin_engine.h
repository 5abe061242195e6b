#pragma once
// Pinyin through librime: letters in, a page of candidates out, a pick commits text.
// librime is a process-wide service, so at most one PinyinEngine is open at a time (open()
// refuses a second one); closing it finalises rime, and a later open() starts it again.
#include <memory>
#include <string>
#include <vector>

#include "core/lang.h"
#include "ime/rime_deploy.h"

namespace hall::ime {

struct PinyinOptions {
    RimePaths paths;
    Lang lang = Lang::Hans;
    bool deploy_if_needed = true;   // false: fail when no up-to-date deployment exists
};

// What the candidate bar shows.
struct PinyinView {
    std::string input;                    // the letters typed ("nihao")
    std::string preedit;                  // as rime spells them ("ni hao")
    std::vector<std::string> candidates;  // the current page, at most kCandidatesPerPage
    int page = 0;                         // 0-based
    bool last_page = true;
    int highlighted = 0;
    // The next pages' candidates, for the font atlas: requested together with this page, so
    // paging on shows glyphs that are already there.
    std::vector<std::string> upcoming;
    bool composing() const { return !input.empty(); }
};

class PinyinEngine {
public:
    // Deploys first when needed (see ensure_rime_deployed). On failure returns null and
    // says why in `error`.
    static std::unique_ptr<PinyinEngine> open(const PinyinOptions& options, std::string& error);
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    // Follows the kiosk language: Traditional screens get luna_pinyin, others pinyin_simp.
    // Drops any composition in progress.
    bool set_lang(Lang lang);
    const std::string& schema() const { return schema_; }

    // 'a'..'z' (upper case is folded) and '\'' between syllables. False: not taken (another
    // character, or the input is already kMaxInput letters long).
    bool key(char c);
    // Deletes the last letter; false when nothing is being composed (the field deletes instead).
    bool backspace();
    bool page_down();
    bool page_up();
    // Picks a candidate on the current page. A pick that covers only part of the letters
    // (你好 for "nihaoma") keeps composing the rest; a full one commits.
    bool pick(std::size_t index_on_page);
    // Space: the first candidate.
    bool confirm();
    // Enter: the letters themselves, as typed.
    bool commit_letters();
    void clear();

    const PinyinView& view() const { return view_; }
    // Text committed since the last call (empty when none).
    std::string take_commit();

    const DeployReport& deploy_report() const { return deploy_; }
    double open_millis() const { return open_ms_; }

    static constexpr std::size_t kMaxInput = 48;
    static constexpr int kUpcomingPages = 2;

private:
    PinyinEngine() = default;
    bool send(int keycode);
    void refresh();

    unsigned long long session_ = 0;   // RimeSessionId
    std::string schema_;
    PinyinView view_;
    std::string committed_;
    DeployReport deploy_;
    double open_ms_ = 0;
};

}  // namespace hall::ime
