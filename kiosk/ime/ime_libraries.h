#pragma once
// Internal to hall_ime: librime and zinnia are opened with dlopen when an engine first opens,
// not linked into the binary, so a kiosk start does not load them and the ~15 shared libraries
// they pull in (boost, ICU, glog, leveldb, yaml-cpp, ...): most starts never show a keyboard.
// Once loaded they stay for the life of the process: librime's glog may be set up only once
// and its C++ runtime state is not meant to be unloaded (the engines' data, which is most of
// the memory, is released at idle all the same).
#include <string>

#include <rime_api.h>
#include <zinnia.h>

namespace hall::ime::detail {

// The calls of zinnia's C API the handwriting engine makes.
struct ZinniaApi {
    decltype(&zinnia_recognizer_new) recognizer_new;
    decltype(&zinnia_recognizer_open) recognizer_open;
    decltype(&zinnia_recognizer_strerror) recognizer_strerror;
    decltype(&zinnia_recognizer_destroy) recognizer_destroy;
    decltype(&zinnia_recognizer_size) recognizer_size;
    decltype(&zinnia_recognizer_classify) recognizer_classify;
    decltype(&zinnia_character_new) character_new;
    decltype(&zinnia_character_destroy) character_destroy;
    decltype(&zinnia_character_set_width) character_set_width;
    decltype(&zinnia_character_set_height) character_set_height;
    decltype(&zinnia_character_add) character_add;
    decltype(&zinnia_result_size) result_size;
    decltype(&zinnia_result_value) result_value;
    decltype(&zinnia_result_score) result_score;
    decltype(&zinnia_result_destroy) result_destroy;
};

// Loads the library on the first call (thread-safe); null and a reason naming the Debian
// package when it cannot be loaded.
RimeApi* load_rime(std::string& error);
const ZinniaApi* load_zinnia(std::string& error);

// Whether librime / zinnia are mapped into this process (for tests and the benchmark).
bool rime_library_mapped();
bool zinnia_library_mapped();

}  // namespace hall::ime::detail
