#pragma once
// Handwriting through zinnia: the strokes of one character in, ranked candidates out.
// Debian's only Chinese model (tegaki-zinnia-simplified-chinese) knows the 6,763 GB2312
// characters; for a Traditional kiosk every candidate is turned into Traditional with OpenCC,
// so a character written the same way in both scripts (口, 人, 大) and a simplified shape both
// give Traditional text. A Traditional-only shape (國) is not in the model.
#include <memory>
#include <string>
#include <vector>

#include "core/lang.h"
#include "ime/ink.h"

namespace hall::ime {

inline constexpr const char* kDefaultHandwritingModel =
    "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model";

struct HandwritingCandidate {
    std::string text;   // one character, UTF-8
    float score = 0;    // zinnia's score, higher is better
};

class HandwritingEngine {
public:
    // Loads (memory-maps) the model; null and `error` when it cannot.
    static std::unique_ptr<HandwritingEngine> open(const std::string& model_path, std::string& error);
    ~HandwritingEngine();
    HandwritingEngine(const HandwritingEngine&) = delete;
    HandwritingEngine& operator=(const HandwritingEngine&) = delete;

    // Best first, at most `count`, no duplicates (two simplified characters can share one
    // Traditional form). Empty ink gives no candidates. The ink is centred (and enlarged when
    // written small) first, so a small character in a corner of the pad is recognised too.
    std::vector<HandwritingCandidate> recognize(const Ink& ink, std::size_t count = 10) const;
    std::vector<HandwritingCandidate> recognize(const std::vector<Stroke>& strokes, float width, float height,
                                                std::size_t count = 10) const;

    // Traditional candidates for Lang::Hant, Simplified otherwise.
    void set_lang(Lang lang) { traditional_ = lang == Lang::Hant; }
    bool traditional() const { return traditional_; }

    std::size_t model_size() const;   // characters the model knows
    // False when OpenCC's s2t data could not be opened (then candidates stay Simplified).
    bool traditional_available() const { return s2t_ != nullptr; }

private:
    HandwritingEngine() = default;
    std::string to_traditional(const std::string& s) const;

    struct Zinnia;
    std::unique_ptr<Zinnia> z_;
    void* s2t_ = nullptr;   // opencc_t for s2t, opened with the model (no stall on first use)
    bool traditional_ = false;
};

}  // namespace hall::ime
