#include "hub/pg_migrate_store.h"

#include <vector>

namespace hall::hub {

StoreCopyReport copy_hub_store(HubStore& from, HubStore& to, const std::function<void(const std::string&)>& progress) {
    StoreCopyReport rep;
    from.for_each_principal([&](const PrincipalRow& p) { (to.put_principal_if_absent(p) ? rep.principals_copied : rep.principals_present)++; });
    from.for_each_bundle([&](const BundleRow& b) { (to.put_bundle_if_absent(b) ? rep.bundles_copied : rep.bundles_present)++; });
    from.for_each_queue([&](const QueueRow& q) {
        auto have = to.queue(q.hall_id);
        if (have && have->updated_at >= q.updated_at) {
            ++rep.queues_kept;
            return;
        }
        to.put_queue(q);
        ++rep.queues_copied;
    });

    // Records in batches the size of a kiosk's largest push: each batch is one transaction
    // at the target, so an interrupted copy leaves whole batches and resumes by UUID.
    constexpr std::size_t kBatch = 1000;
    std::vector<RecordRow> batch;
    batch.reserve(kBatch);
    auto flush = [&] {
        if (batch.empty()) return;
        for (auto o : to.put_records(batch)) (o == PutOutcome::Stored ? rep.records_copied : rep.records_present)++;
        batch.clear();
        if (progress)
            progress(std::to_string(rep.records_copied + rep.records_present) + " records read, " +
                     std::to_string(rep.records_copied) + " copied");
    };
    from.for_each_record("", [&](const RecordRow& r) {
        batch.push_back(r);
        if (batch.size() == kBatch) flush();
        return true;
    });
    flush();
    return rep;
}

}  // namespace hall::hub
