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
#include "core/lang.h"
#include "store/manager_store.h"

namespace hall {

struct ExportResult {
    bool ok = false;
    std::vector<std::string> paths;  // files written
    std::int64_t rows = 0;
    std::string error;               // a sentence a manager can act on, in the export's language
    std::string error_key;           // its i18n key ("export.error.no_folder", ...), for a screen's own language
    std::vector<std::string> error_args;  // the key's {0}, {1}
};

// The texts of exports in one language: the "export.*" keys of assets/i18n (and the kiosk's
// rating, state and ledger-list keys), compiled in from the string tables. zh-Hans, the
// hall's working language, unless a manager asks for another.
class ExportText {
public:
    explicit ExportText(Lang lang = Lang::Hans) : lang_(lang) {}
    Lang lang() const { return lang_; }
    // The text for key; the key itself when the tables lack it (the i18n test prevents that).
    std::string tr(std::string_view key) const;
    // With {0}, {1}... replaced by args.
    std::string fmt(std::string_view key, const std::vector<std::string>& args) const;
    // Every key compiled in, for the string check.
    static std::vector<std::string> keys();

private:
    Lang lang_;
};

// CSV fields and lines: common/csv.h (one writer for the project, with the formula guard).

// Writes dir/name through a temporary file in dir and a rename, so a pulled stick or a full
// disk never leaves half a file under the final name. An existing file keeps its mode, owner
// and group (common/files.h does the writing).
ExportResult write_file_atomic(const std::string& dir, const std::string& name, std::string_view content,
                               const ExportText& text = ExportText());

// The texts exports use for keys (zh-Hans, the hall's working language, by default).
std::string export_label(Category c, const ExportText& text = ExportText());
std::string export_label(Rating r, const ExportText& text = ExportText());
std::string export_label(HandlingState s, const ExportText& text = ExportText());
std::string export_label(LedgerList l, const ExportText& text = ExportText());
std::string export_label(RecheckResult r, const ExportText& text = ExportText());

std::string feedback_csv(ManagerStore& store, const HallInfo& hall, const FeedbackFilter& filter, std::int64_t* rows = nullptr,
                         const ExportText& text = ExportText());
std::string ledger_csv(ManagerStore& store, const HallInfo& hall, std::int64_t* rows = nullptr, const ExportText& text = ExportText());
std::string monthly_report_csv(const MonthlyReport& r, const HallInfo& hall, const ExportText& text = ExportText());
// Coverage summed per window over the report's days (issue 20).
struct CoverageTotal {
    std::string window_id;
    std::int64_t served = 0, rated = 0, repeats = 0, held = 0, unticketed = 0;
};
std::vector<CoverageTotal> coverage_by_window(const std::vector<CoverageRow>& rows);
// The report's "一次一評" section (repeats, stuffing flags, coverage per window), CSV and HTML.
std::string one_visit_csv(const MonthlyReport& r, const HallInfo& hall, const ExportText& text = ExportText());
std::string one_visit_html(const MonthlyReport& r, const HallInfo& hall, const ExportText& text = ExportText());
// A plain-text table of coverage per day and window (for a note or a terminal).
std::string coverage_table_text(const std::vector<CoverageRow>& rows, const HallInfo& hall);
std::string monthly_report_html(const MonthlyReport& r, const HallInfo& hall, const ExportText& text = ExportText());

// Write the files into dir (named after the hall, the content and the time or month) and
// audit the export. Nothing is written when dir is missing or not writable.
ExportResult export_feedback(ManagerStore& store, const HallInfo& hall, const FeedbackFilter& filter, const std::string& dir,
                             const ExportText& text = ExportText());
ExportResult export_ledger(ManagerStore& store, const HallInfo& hall, const std::string& dir, const ExportText& text = ExportText());
ExportResult export_monthly_report(ManagerStore& store, const HallInfo& hall, const std::string& month, const std::string& dir,
                                   const ExportText& text = ExportText());

}  // namespace hall
