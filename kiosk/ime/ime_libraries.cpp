#include "ime/ime_libraries.h"

#include <dlfcn.h>

#include <mutex>

namespace hall::ime::detail {
namespace {

// The runtime packages' sonames (Debian 12: librime1, libzinnia0v5).
constexpr const char* kRimeLibrary = "librime.so.1";
constexpr const char* kZinniaLibrary = "libzinnia.so.0";

// dlsym's void* to a function pointer type.
template <class F>
bool symbol(void* lib, const char* name, F& out) {
    void* p = dlsym(lib, name);
    out = reinterpret_cast<F>(p);
    return p != nullptr;
}

std::string dl_reason() {
    const char* e = dlerror();
    return e ? e : "unknown reason";
}

bool mapped(const char* soname) {
    // RTLD_NOLOAD: a handle only when the library is already in the process.
    void* lib = dlopen(soname, RTLD_LAZY | RTLD_NOLOAD);
    if (!lib) return false;
    dlclose(lib);   // drops the reference just taken, not the library
    return true;
}

}  // namespace

RimeApi* load_rime(std::string& error) {
    static std::once_flag once;
    static RimeApi* api = nullptr;
    static std::string why;
    std::call_once(once, [] {
        void* lib = dlopen(kRimeLibrary, RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            why = std::string("cannot load ") + kRimeLibrary + " (Debian package librime1): " + dl_reason();
            return;
        }
        decltype(&rime_get_api) get_api = nullptr;
        if (!symbol(lib, "rime_get_api", get_api) || !(api = get_api()))
            why = std::string(kRimeLibrary) + " has no rime_get_api";
    });
    if (!api) error = why;
    return api;
}

const ZinniaApi* load_zinnia(std::string& error) {
    static std::once_flag once;
    static ZinniaApi api{};
    static bool ok = false;
    static std::string why;
    std::call_once(once, [] {
        void* lib = dlopen(kZinniaLibrary, RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            why = std::string("cannot load ") + kZinniaLibrary + " (Debian package libzinnia0v5): " + dl_reason();
            return;
        }
        ok = symbol(lib, "zinnia_recognizer_new", api.recognizer_new) && symbol(lib, "zinnia_recognizer_open", api.recognizer_open) &&
             symbol(lib, "zinnia_recognizer_strerror", api.recognizer_strerror) &&
             symbol(lib, "zinnia_recognizer_destroy", api.recognizer_destroy) &&
             symbol(lib, "zinnia_recognizer_size", api.recognizer_size) &&
             symbol(lib, "zinnia_recognizer_classify", api.recognizer_classify) &&
             symbol(lib, "zinnia_character_new", api.character_new) && symbol(lib, "zinnia_character_destroy", api.character_destroy) &&
             symbol(lib, "zinnia_character_set_width", api.character_set_width) &&
             symbol(lib, "zinnia_character_set_height", api.character_set_height) &&
             symbol(lib, "zinnia_character_add", api.character_add) && symbol(lib, "zinnia_result_size", api.result_size) &&
             symbol(lib, "zinnia_result_value", api.result_value) && symbol(lib, "zinnia_result_score", api.result_score) &&
             symbol(lib, "zinnia_result_destroy", api.result_destroy);
        if (!ok) why = std::string(kZinniaLibrary) + " lacks a function the handwriting engine calls";
    });
    if (!ok) {
        error = why;
        return nullptr;
    }
    return &api;
}

bool rime_library_mapped() { return mapped(kRimeLibrary); }
bool zinnia_library_mapped() { return mapped(kZinniaLibrary); }

}  // namespace hall::ime::detail
