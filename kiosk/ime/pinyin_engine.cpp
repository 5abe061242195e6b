#include "ime/pinyin_engine.h"

#include <chrono>

#include "ime/rime_runtime.h"

namespace hall::ime {
namespace {

// X11 keysyms, which is what rime's process_key takes.
constexpr int kBackSpace = 0xff08;
constexpr int kReturn = 0xff0d;
constexpr int kPageUp = 0xff55;
constexpr int kPageDown = 0xff56;
constexpr int kSpace = 0x20;

}  // namespace

std::unique_ptr<PinyinEngine> PinyinEngine::open(const PinyinOptions& options, std::string& error) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!detail::rime_available(error)) return nullptr;
    DeployReport deploy;
    if (options.deploy_if_needed) {
        deploy = ensure_rime_deployed(options.paths);
    } else {
        deploy.ok = rime_deployment_current(options.paths);
        if (!deploy.ok) deploy.error = "rime is not deployed in " + options.paths.user_dir.string() + " (run `hall-ime deploy`)";
    }
    if (!deploy.ok) {
        error = deploy.error;
        return nullptr;
    }

    std::unique_ptr<PinyinEngine> engine;
    std::string schema(schema_for(options.lang));
    bool selected = false;
    {
        std::lock_guard<std::mutex> guard(detail::rime_mutex());
        if (detail::engine_live()) {
            error = "a pinyin engine is already open in this process (librime is a single global service)";
            return nullptr;
        }
        detail::RimeTraitsHolder holder;
        detail::fill_traits(holder, options.paths.shared_dir.string(), options.paths.user_dir.string());
        detail::setup_once(holder);
        auto& api = detail::rime();
        api.initialize(&holder.traits);
        const RimeSessionId session = api.create_session();
        if (!session) {
            api.finalize();
            error = "rime could not create a session";
            return nullptr;
        }
        engine.reset(new PinyinEngine());
        engine->session_ = session;
        engine->deploy_ = deploy;
        detail::engine_live() = true;
        selected = api.select_schema(session, schema.c_str());
    }
    if (!selected) {
        error = "rime has no schema " + schema;
        return nullptr;   // the destructor (outside the lock) finalises rime
    }
    engine->schema_ = schema;
    engine->refresh();
    engine->open_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return engine;
}

PinyinEngine::~PinyinEngine() {
    std::lock_guard<std::mutex> guard(detail::rime_mutex());
    auto& api = detail::rime();
    if (session_) api.destroy_session(session_);
    // Stops rime's service and unloads its modules, so nothing of it runs past the engine.
    api.finalize();
    detail::engine_live() = false;
}

bool PinyinEngine::set_lang(Lang lang) {
    const std::string schema(schema_for(lang));
    if (schema == schema_) {
        clear();
        return true;
    }
    bool selected;
    {
        std::lock_guard<std::mutex> guard(detail::rime_mutex());
        auto& api = detail::rime();
        api.clear_composition(session_);
        selected = api.select_schema(session_, schema.c_str());
    }
    if (selected) schema_ = schema;
    refresh();
    return selected;
}

bool PinyinEngine::send(int keycode) {
    bool handled;
    {
        std::lock_guard<std::mutex> guard(detail::rime_mutex());
        handled = detail::rime().process_key(session_, keycode, 0);
    }
    refresh();
    return handled;
}

bool PinyinEngine::key(char c) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool letter = c >= 'a' && c <= 'z';
    // A separator only makes sense between letters.
    if (!letter && !(c == '\'' && view_.composing())) return false;
    if (view_.input.size() >= kMaxInput) return false;
    return send(static_cast<unsigned char>(c));
}

bool PinyinEngine::backspace() {
    if (!view_.composing()) return false;
    return send(kBackSpace);
}

bool PinyinEngine::page_down() {
    if (!view_.composing() || view_.last_page) return false;
    return send(kPageDown);
}

bool PinyinEngine::page_up() {
    if (!view_.composing() || view_.page == 0) return false;
    return send(kPageUp);
}

bool PinyinEngine::pick(std::size_t index) {
    if (index >= view_.candidates.size()) return false;
    bool ok;
    {
        std::lock_guard<std::mutex> guard(detail::rime_mutex());
        ok = detail::rime().select_candidate_on_current_page(session_, index);
    }
    refresh();
    return ok;
}

bool PinyinEngine::confirm() {
    if (!view_.composing()) return false;
    return send(kSpace);
}

bool PinyinEngine::commit_letters() {
    if (!view_.composing()) return false;
    return send(kReturn);
}

void PinyinEngine::clear() {
    {
        std::lock_guard<std::mutex> guard(detail::rime_mutex());
        detail::rime().clear_composition(session_);
    }
    refresh();
}

std::string PinyinEngine::take_commit() {
    std::string out;
    out.swap(committed_);
    return out;
}

void PinyinEngine::refresh() {
    std::lock_guard<std::mutex> guard(detail::rime_mutex());
    auto& api = detail::rime();
    RIME_STRUCT(RimeCommit, commit);
    if (api.get_commit(session_, &commit)) {
        if (commit.text) committed_ += commit.text;
        api.free_commit(&commit);
    }
    view_ = PinyinView{};
    const char* input = api.get_input(session_);
    if (input) view_.input = input;
    RIME_STRUCT(RimeContext, context);
    if (api.get_context(session_, &context)) {
        if (context.composition.preedit) view_.preedit = context.composition.preedit;
        view_.page = context.menu.page_no;
        view_.last_page = context.menu.is_last_page;
        view_.highlighted = context.menu.highlighted_candidate_index;
        for (int i = 0; i < context.menu.num_candidates; ++i)
            view_.candidates.emplace_back(context.menu.candidates[i].text ? context.menu.candidates[i].text : "");
        api.free_context(&context);
    }
    if (!view_.last_page && api.candidate_list_from_index) {
        RimeCandidateListIterator it{};
        const int from = (view_.page + 1) * kCandidatesPerPage;
        if (api.candidate_list_from_index(session_, &it, from)) {
            for (int n = 0; n < kUpcomingPages * kCandidatesPerPage && api.candidate_list_next(&it); ++n)
                if (it.candidate.text) view_.upcoming.emplace_back(it.candidate.text);
            api.candidate_list_end(&it);
        }
    }
}

}  // namespace hall::ime
