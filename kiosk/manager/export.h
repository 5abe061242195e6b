#pragma once
// Exports a manager takes away on a USB stick: the feedback list, the ledger and the monthly
// report, as CSV that Excel opens correctly with Chinese text (UTF-8 with BOM, RFC 4180
// quoting) and the report also as an HTML page that prints well.
#include <string>
#include <string_view>
#include <vector>

#include "common/csv.h"
#include "common/time.h"  // local_time_text
#include "core/hall.h"
#include "store/manager_store.h"

namespace hall {

struct ExportResult {
    bool ok = false;
    std::vector<std::string> paths;  // files written
    std::int64_t rows = 0;
    std::string error;               // a sentence a manager can act on
};

// CSV fields and lines: common/csv.h (one writer for the project, with the formula guard).

// Writes dir/name through a temporary file in dir and a rename, so a pulled stick or a full
// disk never leaves half a file under the final name. An existing file keeps its mode, owner
// and group (common/files.h does the writing).
ExportResult write_file_atomic(const std::string& dir, const std::string& name, std::string_view content);

// The texts (zh-Hans, the hall's working language) exports use for keys.
std::string export_label(Category c);
std::string export_label(Rating r);
std::string export_label(HandlingState s);
std::string export_label(LedgerList l);

std::string feedback_csv(ManagerStore& store, const HallInfo& hall, const FeedbackFilter& filter, std::int64_t* rows = nullptr);
std::string ledger_csv(ManagerStore& store, const HallInfo& hall, std::int64_t* rows = nullptr);
std::string monthly_report_csv(const MonthlyReport& r, const HallInfo& hall);
std::string monthly_report_html(const MonthlyReport& r, const HallInfo& hall);

// Write the files into dir (named after the hall, the content and the time or month) and
// audit the export. Nothing is written when dir is missing or not writable.
ExportResult export_feedback(ManagerStore& store, const HallInfo& hall, const FeedbackFilter& filter, const std::string& dir);
ExportResult export_ledger(ManagerStore& store, const HallInfo& hall, const std::string& dir);
ExportResult export_monthly_report(ManagerStore& store, const HallInfo& hall, const std::string& month, const std::string& dir);

}  // namespace hall
