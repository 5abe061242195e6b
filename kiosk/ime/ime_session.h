#pragma once
// What the on-screen keyboard does with a key, a candidate tap or a finger stroke, without any
// drawing: the keyboard widget draws from this and sends it events. The session holds the
// TextField it edits (the keyboard copies the focused field's value in and out); the engines
// are shared by the whole kiosk and may be absent (then their mode is not offered, and the
// keyboard still types letters and digits).
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"
#include "ime/handwriting_engine.h"
#include "ime/ink.h"
#include "ime/pinyin_engine.h"
#include "ime/text_field.h"

namespace hall::ime {

enum class InputMode { Pinyin, Letters, Digits, Handwriting };

// The candidate bar above the keys.
struct CandidateBar {
    std::string preedit;              // pinyin being composed ("ni hao"); empty for handwriting
    std::vector<std::string> items;   // tap one to pick it
    std::vector<std::string> upcoming;   // the next pages (for the font atlas, not shown)
    bool can_page_up = false;
    bool can_page_down = false;
    bool empty() const { return items.empty() && preedit.empty(); }
};

class ImeSession {
public:
    ImeSession(PinyinEngine* pinyin, HandwritingEngine* handwriting, TextField field = TextField(300),
               float pad_width = 400, float pad_height = 400);

    bool mode_available(InputMode m) const;
    // Whether this session was made over these engines (they are loaded on demand).
    bool uses(const PinyinEngine* pinyin, const HandwritingEngine* handwriting) const {
        return pinyin_ == pinyin && handwriting_ == handwriting;
    }
    // Switching commits what is half-written (the first candidate), as Done does.
    bool set_mode(InputMode m);
    InputMode mode() const { return mode_; }

    // Pinyin schema and handwriting script follow the kiosk language.
    void set_lang(Lang lang);
    // set_lang only when an engine is not already set for lang (the engines are shared by
    // every keyboard, so another one may have switched them). Safe to call every frame.
    void follow_lang(Lang lang);

    // A key with a text label: a letter in pinyin mode composes; anything else is typed
    // (while composing, the first candidate is committed before it, as desktop IMEs do).
    // False when nothing changed (the field is full, or the key means nothing here).
    bool press(std::string_view label);
    bool backspace();   // pinyin letter, then the last stroke, then the last character
    bool space();       // commits the first candidate when there is one, else types a space
    bool enter();       // pinyin: the letters as typed; otherwise a newline in a multi-line field

    // Done: commits the first candidate of what is half-written (pinyin letters or ink), so
    // nothing the citizen wrote is lost. False when nothing was pending.
    bool finish();

    CandidateBar candidates() const;
    bool pick(std::size_t index);
    bool page_down();
    bool page_up();

    // Handwriting pad: the pad widget passes finger positions in pad coordinates.
    void stroke_begin(InkPoint p);
    void stroke_move(InkPoint p);
    void stroke_end();    // recognises the ink so far
    void clear_ink();
    void resize_pad(float width, float height);
    const Ink& ink() const { return ink_; }

    TextField& field() { return field_; }
    const TextField& field() const { return field_; }
    // Drops what is half-typed (pinyin letters, ink) without committing it: another field
    // took the keyboard, or the citizen left.
    void reset_composition();
    bool last_insert_truncated() const { return truncated_; }
    double last_recognize_ms() const { return recognize_ms_; }

private:
    bool composing() const;
    bool insert(std::string_view text);
    void drain_pinyin();
    void recognize();

    TextField field_;
    PinyinEngine* pinyin_;
    HandwritingEngine* handwriting_;
    InputMode mode_;
    Ink ink_;
    std::vector<HandwritingCandidate> written_;   // candidates for the ink
    bool truncated_ = false;
    double recognize_ms_ = 0;
};

}  // namespace hall::ime
