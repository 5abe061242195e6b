#pragma once
// The centre's guide store (issue #18): guides written in the console, with their whole
// history, in the hub store's own database (SQLite or PostgreSQL, through SqlDb; the tables
// are created here, beside the console's, so neither store backend changes).
//
// Workflow per guide: draft -> submitted -> approved -> published. Every save is a new
// revision (never an update), so the history is complete and any two revisions can be
// compared field by field. Submitting needs the data-quality rules passed (guide_checks.h:
// no errors, every warning accepted with a note); approving needs the guide-reviewer role
// and a person other than the one who wrote or submitted the revision; publishing (a
// separate permission, with the password typed again: docs/guides-console.md) puts every
// approved revision live, builds one bundle of all live guides, signs it and stores it for
// the kiosks' sync. Rollback writes a new revision equal to an earlier published one,
// approved by the reviewer who asks for it; the next publishing sends it out.
// Every action is written to the console's audit log in the same transaction.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "hub/console/console_auth.h"
#include "hub/console/guide_checks.h"
#include "hub/hub_store.h"

namespace hall::hub::console {

// Halls, windows and departments the hub knows from the halls' configuration files
// (`hall-hub --hall-config FILE`, repeatable). The editor offers only these.
struct GuideDirectory {
    struct Window {
        std::string hall_id, id, number, department;
        nlohmann::json name;  // TEXT
    };
    struct Department {
        std::string id;
        nlohmann::json name;  // TEXT
    };
    struct Hall {
        std::string id;
        nlohmann::json name;
        std::vector<Window> windows;
    };
    std::vector<Hall> halls;
    std::vector<Department> departments;  // every department a window names, first name wins

    void add_hall(Hall h);
    nlohmann::json to_json() const;
};

// 409: someone saved in between, or the guide is not in the state the action needs.
class Conflict : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct PublishOutcome {
    std::string version, etag;
    std::int64_t publication = 0;
    std::int64_t guides = 0;          // in the bundle
    std::int64_t changed = 0;         // newly published revisions
    std::int64_t bundle_bytes = 0;    // the signed envelope
    std::string hall_id;
};

struct ImportReport {
    std::int64_t rows = 0, imported = 0;
    struct Problem {
        std::int64_t row = 0;   // 1-based line in the file (the header is line 1)
        std::string code, reason;
    };
    std::vector<Problem> problems;
};

class GuideStore {
public:
    GuideStore(SqlDb& db, GuideDirectory dir = {});

    const GuideDirectory& directory() const { return dir_; }
    CheckContext context(const std::string& today) const;

    // Every guide with its state, latest and live revision, last-updated date, blocking count.
    nlohmann::json list(const std::string& today);
    // One revision (0: the latest) with its checks, and the guide's revision list.
    std::optional<nlohmann::json> get(const std::string& code, std::int64_t rev, const std::string& today);

    // Writes a new revision as a draft. base_rev: the revision the editor started from (0 for a
    // new guide); a different latest revision is a Conflict. Returns the new revision number.
    std::int64_t save(const User& who, const std::string& code, const nlohmann::json& doc, std::int64_t base_rev,
                      const std::string& peer);
    void submit(const User& who, const std::string& code, std::int64_t rev, const std::string& today, const std::string& peer);
    void approve(const User& who, const std::string& code, std::int64_t rev, const std::string& today, const std::string& peer);
    void reject(const User& who, const std::string& code, std::int64_t rev, const std::string& note, const std::string& peer);
    // A new revision equal to to_rev (which must have been published), approved by `who`.
    std::int64_t rollback(const User& who, const std::string& code, std::int64_t to_rev, const std::string& peer);

    // Field-by-field differences between two revisions: [{field, before, after}].
    nlohmann::json diff(const std::string& code, std::int64_t from_rev, std::int64_t to_rev);

    // Puts every approved revision live and publishes the bundle of all live guides for hall_id
    // ("*" = every hall), signed with secret_key_b64. Throws BadRequest (nothing to publish,
    // a check fails) or Forbidden. `now` is UTC ISO; `today` the hall's local date.
    PublishOutcome publish(HubStore& store, const User& who, const std::string& hall_id, const std::string& secret_key_b64,
                           const std::string& now, const std::string& today, const std::string& peer);
    // The bundle of the live guides as it would be published (no signing, no state change).
    std::string build_bundle(const std::string& version, const std::string& now);
    nlohmann::json publications(int limit);

    // CSV in the documented layout (docs/guides-console.md): every row becomes a draft, or a
    // problem naming its line and why. export_csv writes the latest revision of every guide.
    ImportReport import_csv(const User& who, const std::string& csv_text, const std::string& peer);
    std::string export_csv();
    // A signed-bundle's guides (the JSON document) as drafts: moving an existing set in.
    ImportReport import_bundle(const User& who, const std::string& bundle_json, const std::string& peer);

    // Files uploaded for forms and samples, served to citizens' phones at /guide-files/ID/NAME.
    std::string put_file(const User& who, const std::string& name, const std::string& mime, const std::string& bytes,
                         const std::string& peer);
    struct File {
        std::string name, mime, bytes;
    };
    std::optional<File> file(const std::string& id);

private:
    SqlDb& db_;
    GuideDirectory dir_;
};

// The guide as a kiosk receives it: editor-only fields removed, the materials' blank forms and
// samples added to `forms` (QR codes), `updated` = the publication date of its latest change.
nlohmann::json guide_for_kiosk(nlohmann::json doc, const std::string& updated);

// The CSV header the import expects and the export writes.
const std::vector<std::string>& guide_csv_columns();

}  // namespace hall::hub::console
