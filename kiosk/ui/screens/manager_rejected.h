#pragma once
// Manager mode's "rejected by the hub" screen: every record the hub refused for good, with
// the hub's reason, and per record "send again" (after the cause, e.g. a config id, was
// fixed) or "discard" (two taps; audited). It draws the rows it is handed and returns what
// the manager chose; ManagerMode applies it through ManagerStore.
#include <cstdint>
#include <string>
#include <vector>

#include "store/outbox.h"
#include "ui/widgets.h"

namespace hall::ui {

struct ManagerRejectedState {
    bool loaded = false;
    std::vector<RejectedRecord> rows;
    std::int64_t confirm_discard = 0;  // outbox id awaiting the second tap
    std::string message_key;           // result of the last action (an i18n key)
    bool message_is_error = false;
};

struct RejectedAction {
    enum class Kind { None, Resend, Discard } kind = Kind::None;
    std::int64_t outbox_id = 0;
};

RejectedAction draw_manager_rejected(Ui& ui, ManagerRejectedState& st, int utc_offset_minutes);

}  // namespace hall::ui
