#include "ime/ime_session.h"

#include <chrono>
#include <utility>

namespace hall::ime {
namespace {

bool is_ascii_letter(std::string_view s) {
    return s.size() == 1 && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
}

}  // namespace

ImeSession::ImeSession(PinyinEngine* pinyin, HandwritingEngine* handwriting, TextField field, float pad_width,
                       float pad_height)
    : field_(std::move(field)),
      pinyin_(pinyin),
      handwriting_(handwriting),
      mode_(pinyin ? InputMode::Pinyin : InputMode::Letters),
      ink_(pad_width, pad_height) {}

bool ImeSession::mode_available(InputMode m) const {
    if (m == InputMode::Pinyin) return pinyin_ != nullptr;
    if (m == InputMode::Handwriting) return handwriting_ != nullptr;
    return true;
}

bool ImeSession::set_mode(InputMode m) {
    if (!mode_available(m)) return false;
    // What is half-written is kept, as Done keeps it (a partial pick like 每 for "meiren" is
    // only committed with the rest).
    finish();
    reset_composition();
    mode_ = m;
    return true;
}

void ImeSession::reset_composition() {
    if (pinyin_) {
        pinyin_->clear();
        pinyin_->take_commit();
    }
    clear_ink();
}

void ImeSession::set_lang(Lang lang) {
    if (pinyin_) {
        pinyin_->set_lang(lang);
        pinyin_->take_commit();
    }
    if (handwriting_) {
        handwriting_->set_lang(lang);
        recognize();
    }
}

void ImeSession::follow_lang(Lang lang) {
    const bool pinyin_differs = pinyin_ && pinyin_->schema() != schema_for(lang);
    const bool script_differs = handwriting_ && handwriting_->traditional() != (lang == Lang::Hant);
    if (pinyin_differs || script_differs) set_lang(lang);
}

bool ImeSession::composing() const {
    return mode_ == InputMode::Pinyin && pinyin_ && pinyin_->view().composing();
}

bool ImeSession::insert(std::string_view text) {
    const InsertResult r = field_.insert(text);
    truncated_ = r.truncated;
    return r.accepted > 0;
}

void ImeSession::drain_pinyin() {
    const std::string text = pinyin_->take_commit();
    if (!text.empty()) insert(text);
}

bool ImeSession::press(std::string_view label) {
    if (label.empty()) return false;
    if (mode_ == InputMode::Pinyin && pinyin_ && is_ascii_letter(label)) {
        // No room for what the letters would become: say so instead of composing.
        if (!composing() && field_.full()) {
            truncated_ = true;
            return false;
        }
        const bool taken = pinyin_->key(label[0]);
        drain_pinyin();
        return taken;
    }
    // The syllable separator (xi'an) belongs to the pinyin being composed.
    if (composing() && label == "'") return pinyin_->key('\'');
    if (composing()) {
        pinyin_->confirm();
        drain_pinyin();
    }
    if (mode_ == InputMode::Handwriting && !written_.empty()) {
        insert(written_.front().text);
        clear_ink();
    }
    return insert(label);
}

bool ImeSession::backspace() {
    if (composing()) return pinyin_->backspace();
    if (mode_ == InputMode::Handwriting && !ink_.empty()) {
        ink_.undo_stroke();
        recognize();
        return true;
    }
    return field_.backspace();
}

bool ImeSession::space() {
    if (composing()) {
        pinyin_->confirm();
        drain_pinyin();
        return true;
    }
    if (mode_ == InputMode::Handwriting && !written_.empty()) return pick(0);
    return insert(" ");
}

bool ImeSession::enter() {
    if (composing()) {
        pinyin_->commit_letters();
        drain_pinyin();
        return true;
    }
    if (!field_.multiline()) return false;
    return insert("\n");
}

bool ImeSession::finish() {
    if (composing()) {
        pinyin_->confirm();
        drain_pinyin();
        return true;
    }
    if (mode_ == InputMode::Handwriting && !written_.empty()) return pick(0);
    return false;
}

CandidateBar ImeSession::candidates() const {
    CandidateBar bar;
    if (composing()) {
        const PinyinView& v = pinyin_->view();
        bar.preedit = v.preedit;
        bar.items = v.candidates;
        bar.upcoming = v.upcoming;
        bar.can_page_up = v.page > 0;
        bar.can_page_down = !v.last_page;
    } else if (mode_ == InputMode::Handwriting) {
        for (const auto& c : written_) bar.items.push_back(c.text);
    }
    return bar;
}

bool ImeSession::pick(std::size_t index) {
    if (composing()) {
        const bool ok = pinyin_->pick(index);
        drain_pinyin();
        return ok;
    }
    if (mode_ == InputMode::Handwriting && index < written_.size()) {
        const std::string text = written_[index].text;
        clear_ink();
        return insert(text);
    }
    return false;
}

bool ImeSession::page_down() { return composing() && pinyin_->page_down(); }
bool ImeSession::page_up() { return composing() && pinyin_->page_up(); }

void ImeSession::stroke_begin(InkPoint p) {
    if (mode_ != InputMode::Handwriting) return;
    ink_.begin_stroke(p);
}

void ImeSession::stroke_move(InkPoint p) {
    if (mode_ != InputMode::Handwriting) return;
    ink_.add_point(p);
}

void ImeSession::stroke_end() {
    if (mode_ != InputMode::Handwriting) return;
    if (ink_.end_stroke()) recognize();
}

void ImeSession::clear_ink() {
    ink_.clear();
    written_.clear();
}

void ImeSession::resize_pad(float width, float height) {
    if (width == ink_.width() && height == ink_.height()) return;
    ink_ = Ink(width, height);
    written_.clear();
}

void ImeSession::recognize() {
    written_.clear();
    if (!handwriting_ || ink_.empty()) return;
    const auto t0 = std::chrono::steady_clock::now();
    written_ = handwriting_->recognize(ink_, kCandidatesPerPage);
    recognize_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace hall::ime
