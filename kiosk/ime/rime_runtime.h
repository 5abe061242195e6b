#pragma once
// Internal to hall_ime: librime is one global service per process (its Service, Registry and
// module list are singletons, and glog may be initialised only once). Everything that touches
// it goes through here, under one mutex, so a deployment never runs beside an open engine.
#include <mutex>
#include <string>

#include <rime_api.h>

namespace hall::ime::detail {

// librime is loaded on first use (ime_libraries.h): every entry point asks rime_available()
// before anything calls rime().
bool rime_available(std::string& error);
RimeApi& rime();

// Held while deploying, opening, using or closing the engine.
std::mutex& rime_mutex();

// Traits for setup/initialize. The strings are copied into the returned holder, which must
// outlive the calls that use its `traits`.
struct RimeTraitsHolder {
    std::string shared_dir, user_dir, staging_dir, log_dir;
    RimeTraits traits{};
};
void fill_traits(RimeTraitsHolder& holder, const std::string& shared_dir, const std::string& user_dir);

// RimeSetup (logging) runs once per process; later calls only update the data folders.
void setup_once(RimeTraitsHolder& holder);

// True while a PinyinEngine holds the initialised service (only one may at a time).
bool& engine_live();

}  // namespace hall::ime::detail
