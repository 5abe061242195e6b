#include "ime/handwriting_engine.h"

#include <opencc.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ime/ime_libraries.h"

namespace hall::ime {

struct HandwritingEngine::Zinnia {
    const detail::ZinniaApi& api;
    zinnia_recognizer_t* recognizer = nullptr;
    explicit Zinnia(const detail::ZinniaApi& a) : api(a), recognizer(a.recognizer_new()) {}
    ~Zinnia() {
        if (recognizer) api.recognizer_destroy(recognizer);
    }
};

namespace {

// A zinnia character, freed on every path.
struct Character {
    const detail::ZinniaApi& api;
    zinnia_character_t* c = api.character_new();
    ~Character() {
        if (c) api.character_destroy(c);
    }
};

struct Result {
    const detail::ZinniaApi& api;
    zinnia_result_t* r = nullptr;
    ~Result() {
        if (r) api.result_destroy(r);
    }
};

const opencc_t kNoOpencc = reinterpret_cast<opencc_t>(-1);

}  // namespace

std::unique_ptr<HandwritingEngine> HandwritingEngine::open(const std::string& model_path, std::string& error) {
    const detail::ZinniaApi* api = detail::load_zinnia(error);
    if (!api) return nullptr;
    std::unique_ptr<HandwritingEngine> engine(new HandwritingEngine());
    engine->z_ = std::make_unique<Zinnia>(*api);
    if (!engine->z_->recognizer || !api->recognizer_open(engine->z_->recognizer, model_path.c_str())) {
        error = "cannot open handwriting model " + model_path +
                " (Debian package tegaki-zinnia-simplified-chinese): " +
                (engine->z_->recognizer ? api->recognizer_strerror(engine->z_->recognizer) : "out of memory");
        return nullptr;
    }
    const opencc_t cc = opencc_open(OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD);
    if (cc != kNoOpencc) engine->s2t_ = cc;
    return engine;
}

HandwritingEngine::~HandwritingEngine() {
    if (s2t_) opencc_close(static_cast<opencc_t>(s2t_));
}

std::size_t HandwritingEngine::model_size() const { return z_->api.recognizer_size(z_->recognizer); }

std::string HandwritingEngine::to_traditional(const std::string& s) const {
    if (!s2t_) return s;
    char* converted = opencc_convert_utf8(static_cast<opencc_t>(s2t_), s.c_str(), s.size());
    if (!converted) return s;
    std::string out(converted);
    opencc_convert_utf8_free(converted);
    return out;
}

std::vector<HandwritingCandidate> HandwritingEngine::recognize(const Ink& ink, std::size_t count) const {
    return recognize(ink.strokes(), ink.width(), ink.height(), count);
}

std::vector<HandwritingCandidate> HandwritingEngine::recognize(const std::vector<Stroke>& strokes, float width,
                                                               float height, std::size_t count) const {
    std::vector<HandwritingCandidate> out;
    if (strokes.empty() || count == 0 || width <= 0 || height <= 0) return out;
    const detail::ZinniaApi& api = z_->api;
    Character ch{api};
    if (!ch.c) return out;
    // zinnia compares positions relative to the canvas, and the model was trained on
    // characters of natural size in the middle of the pad. The ink is mapped onto a
    // 1000-unit canvas and centred; a character written small (an elderly hand, a corner of
    // the pad) is enlarged to half the canvas, while normal writing keeps its size, which
    // the model uses (口 is written smaller than the enclosure 囗).
    constexpr float kBig = std::numeric_limits<float>::max();
    float min_x = kBig, min_y = kBig, max_x = -kBig, max_y = -kBig;
    for (const Stroke& s : strokes)
        for (const InkPoint& p : s) {
            min_x = std::min(min_x, p.x);
            max_x = std::max(max_x, p.x);
            min_y = std::min(min_y, p.y);
            max_y = std::max(max_y, p.y);
        }
    constexpr float kCanvas = 1000, kMinFill = 0.5f;
    float k = kCanvas / std::max(width, height);
    const float ink_side = std::max({max_x - min_x, max_y - min_y, 1.0f}) * k;
    if (ink_side < kMinFill * kCanvas) k *= kMinFill * kCanvas / ink_side;
    const float off_x = kCanvas / 2 - (min_x + max_x) / 2 * k;
    const float off_y = kCanvas / 2 - (min_y + max_y) / 2 * k;
    api.character_set_width(ch.c, static_cast<std::size_t>(kCanvas));
    api.character_set_height(ch.c, static_cast<std::size_t>(kCanvas));
    std::size_t id = 0;
    for (const Stroke& s : strokes) {
        if (s.empty()) continue;
        for (const InkPoint& p : s)
            api.character_add(ch.c, id, static_cast<int>(std::lround(off_x + p.x * k)),
                                 static_cast<int>(std::lround(off_y + p.y * k)));
        ++id;
    }
    if (id == 0) return out;
    // Ask for more than shown: Traditional conversion may merge some.
    Result result{api};
    result.r = api.recognizer_classify(z_->recognizer, ch.c, count * 2);
    if (!result.r) return out;
    const std::size_t n = api.result_size(result.r);
    for (std::size_t i = 0; i < n && out.size() < count; ++i) {
        const char* value = api.result_value(result.r, i);
        if (!value) continue;
        std::string text = traditional_ ? to_traditional(value) : std::string(value);
        const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& c) { return c.text == text; });
        if (!seen) out.push_back({std::move(text), api.result_score(result.r, i)});
    }
    return out;
}

}  // namespace hall::ime
