#include "ui/screens/manager_sync.h"

#include "common/time.h"  // local_time_text
#include "ui/screens/manager_screens.h"

namespace hall::ui {

ManagerIntent draw_manager_sync(Ui& ui, const ManagerModel& m, ManagerSyncState& st) {
    const Model& k = *m.kiosk;
    ui.field("manager.sync.configured", ui.tr(k.sync.configured ? "manager.yes" : "manager.no"));
    ui.field("manager.sync.online", ui.tr(k.sync.online ? "manager.yes" : "manager.no"));
    ui.field("manager.sync.outbox", std::to_string(st.outbox_depth));
    ui.field("manager.sync.last_success",
             k.sync.last_success.empty() ? ui.tr("manager.sync.never") : local_time_text(k.sync.last_success, m.utc_offset_minutes));
    ui.field("manager.sync.last_error", st.last_error ? st.last_error->text + " (" + std::to_string(st.last_error->attempts) + ")"
                                                      : ui.tr("manager.sync.no_error"));
    ui.field("manager.sync.content_version", k.content_version);
    ui.field("manager.sync.storage", ui.tr(storage_level_key(k.storage.level)));
    ui.field("manager.sync.free_disk", megabytes(k.storage.free_bytes));
    ui.field("manager.sync.reserve", megabytes(k.storage.reserve_bytes) + " / " + megabytes(k.storage.reserve_target));
    return {};
}

}  // namespace hall::ui
