#include <catch2/catch.hpp>

#include <algorithm>

#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "config/config.h"
#include "manager/export.h"
#include "manager_test_support.h"
#include "support/files.h"

using namespace hall;
namespace fs = std::filesystem;

namespace {

using test::read_text;

HallInfo demo_hall() {
    auto c = load_config_file(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml");
    REQUIRE(c.ok());
    return c.config.hall;
}

}  // namespace

TEST_CASE("CSV fields are quoted as Excel expects", "[export]") {
    CHECK(csv_field("窗口") == "窗口");
    CHECK(csv_field("等了很久,没人") == "\"等了很久,没人\"");
    CHECK(csv_field("他说\"下班了\"") == "\"他说\"\"下班了\"\"\"");
    CHECK(csv_field("第一行\n第二行") == "\"第一行\n第二行\"");
    CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");  // not a formula in Excel
    CHECK(csv_line({"a", "b,c"}) == "a,\"b,c\"\r\n");
}

TEST_CASE("CSV with Chinese text, commas, quotes and newlines reads back the same", "[export]") {
    const std::vector<std::vector<std::string>> rows{{"回执号", "内容"}, {"K7QM-9D2P", "态度\"冷硬横推\",\r\n让我来回跑"}, {"", "空"}};
    std::string text(kUtf8Bom);
    for (const auto& r : rows) text += csv_line(r);
    auto back = parse_csv(text);
    REQUIRE(back.size() == 3);
    CHECK(back[0] == rows[0]);
    CHECK(back[1] == rows[1]);  // a CR LF inside quotes is text, kept as typed
    CHECK(back[2] == rows[2]);
}

TEST_CASE("a missing folder gives a clear error and writes nothing", "[export]") {
    test::TempDir dir;
    const auto r = write_file_atomic(dir.file("no-stick"), "x.csv", "a");
    CHECK_FALSE(r.ok);
    // In the hall's language by default, with its key for a screen in another language.
    CHECK(r.error_key == "export.error.no_folder");
    CHECK(r.error_args == std::vector<std::string>{dir.file("no-stick")});
    CHECK(r.error == ExportText().fmt("export.error.no_folder", {dir.file("no-stick")}));
    CHECK(r.error.find(dir.file("no-stick")) != std::string::npos);
    CHECK(r.error.find("不存在") != std::string::npos);
    const auto en = write_file_atomic(dir.file("no-stick"), "x.csv", "a", ExportText(Lang::En));
    CHECK(en.error.find("does not exist") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.file("no-stick")));
}

TEST_CASE("a write that runs out of room leaves neither the file nor a temporary", "[export][fault]") {
    test::TempDir dir;
    // A file size limit fails the write part-way, as a full stick would.
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit small = old;
    small.rlim_cur = 4096;
    setrlimit(RLIMIT_FSIZE, &small);
    const auto r = write_file_atomic(dir.path.string(), "big.csv", std::string(100000, 'x'));
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, SIG_DFL);
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.error.empty());
    CHECK(fs::is_empty(dir.path));
}

TEST_CASE("an existing export is replaced whole", "[export]") {
    test::TempDir dir;
    REQUIRE(write_file_atomic(dir.path.string(), "a.csv", "old, longer content").ok);
    REQUIRE(write_file_atomic(dir.path.string(), "a.csv", "new").ok);
    CHECK(read_text(dir.file("a.csv")) == "new");
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("the feedback export reads back with every row, masked phones and Chinese text", "[export]") {
    test::ManagerFixture fx;
    test::TempDir usb;
    const auto hall = demo_hall();
    test::FeedbackSpec s;
    s.phone = "13812341234";
    s.text = "窗口\"无人\",等了半小时\n第二次来";
    s.window = "w03";
    s.categories = {Category::EmptyWindow, Category::LongWait};
    const auto uuid = fx.add(s);
    fx.db->exec("PRAGMA synchronous=OFF");  // 1,500 durable commits would only test the disk
    for (int i = 0; i < 1500; ++i) {  // more than one export page
        test::FeedbackSpec p;
        p.rating = Rating::VerySatisfied;
        p.categories = {Category::Praise};
        p.created_at = "2026-11-01T01:00:00Z";
        fx.add(p);
    }
    const auto r = export_feedback(*fx.store, hall, {}, usb.path.string());
    REQUIRE(r.ok);
    REQUIRE(r.paths.size() == 1);
    CHECK(r.rows == 1501);
    const auto text = read_text(r.paths[0]);
    CHECK(text.rfind(std::string(kUtf8Bom), 0) == 0);
    const auto rows = parse_csv(text);
    REQUIRE(rows.size() == 1502);
    CHECK(rows[0][0] == "回执号");
    const auto& first = rows[1];  // newest first
    CHECK(first[1] == "2026-11-10 10:00");
    CHECK(first[2] == "3號 卫生局");
    CHECK(first[3] == "空岗脱岗、等候时间长");
    CHECK(first[4] == "不满意");
    CHECK(first[5] == "核实中");
    CHECK(first[9] == "138****1234");
    CHECK(first[10] == "窗口\"无人\",等了半小时\n第二次来");
    CHECK(text.find("13812341234") == std::string::npos);
    CHECK(fx.store->audit_log(1)[0].action == "export");
    (void)uuid;
}

TEST_CASE("the ledger export and the monthly report", "[export][report]") {
    test::ManagerFixture fx;
    test::TempDir usb;
    const auto hall = demo_hall();
    test::FeedbackSpec s;
    s.window = "w05";
    const auto uuid = fx.add(s);
    LedgerEntry e;
    e.list = LedgerList::Immediate;
    e.measure = "约谈窗口负责人, 限期整改";
    e.responsible = "赵主任";
    e.deadline = "2026-11-20";
    REQUIRE(fx.store->put_in_ledger(uuid, e).ok);

    const auto ledger = export_ledger(*fx.store, hall, usb.path.string());
    REQUIRE(ledger.ok);
    const auto rows = parse_csv(read_text(ledger.paths[0]));
    REQUIRE(rows.size() == 2);
    CHECK(rows[1][5] == "立查立改");
    CHECK(rows[1][6] == "约谈窗口负责人, 限期整改");
    CHECK(rows[1][9] == "整改中");
    CHECK(rows[1][10] == "是");  // overdue on 25 November

    CHECK_FALSE(export_monthly_report(*fx.store, hall, "2026-14", usb.path.string()).ok);
    const auto report = export_monthly_report(*fx.store, hall, "2026-11", usb.path.string());
    REQUIRE(report.ok);
    REQUIRE(report.paths.size() == 2);
    const auto csv = parse_csv(read_text(report.paths[0]));
    bool found_total = false, found_overdue = false;
    for (const auto& row : csv) {
        if (row.size() >= 2 && row[0] == "收到评价") found_total = row[1] == "1";
        if (row.size() >= 2 && row[0] == "台账逾期") found_overdue = row[1] == "1";
    }
    CHECK(found_total);
    CHECK(found_overdue);
    const auto html = read_text(report.paths[1]);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("约谈窗口负责人, 限期整改") != std::string::npos);
    CHECK(html.find("5號 司法局") != std::string::npos);
}

TEST_CASE("report HTML escapes what people typed", "[export][report]") {
    MonthlyReport r;
    r.month = "2026-11";
    LedgerRow item;
    item.entry.measure = "<script>alert(1)</script>";
    r.overdue_items.push_back(item);
    const auto html = monthly_report_html(r, HallInfo{});
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("an export in another language takes every label from that language's strings", "[export][i18n]") {
    test::ManagerFixture fx;
    const auto hall = demo_hall();
    test::FeedbackSpec s;
    s.window = "w03";
    s.categories = {Category::EmptyWindow, Category::LongWait};
    fx.add(s);
    const auto en = parse_csv(feedback_csv(*fx.store, hall, {}, nullptr, ExportText(Lang::En)));
    REQUIRE(en.size() == 2);
    CHECK(en[0][0] == "Receipt no.");
    CHECK(en[1][2].rfind("Window 3 ", 0) == 0);
    CHECK(en[1][3] == "Window unstaffed; Long wait");
    CHECK(en[1][4] == "Dissatisfied");
    CHECK(en[1][5] == "Verifying");
    for (const auto& cell : en[0]) {
        INFO(cell);
        CHECK(std::all_of(cell.begin(), cell.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));  // English headers
    }
    const auto hant = parse_csv(feedback_csv(*fx.store, hall, {}, nullptr, ExportText(Lang::Hant)));
    REQUIRE(hant.size() == 2);
    CHECK(hant[0][0] == "回執號");
    CHECK(hant[1][3] == "空崗脫崗、等候時間長");
    const auto html = monthly_report_html(fx.store->monthly_report("2026-11"), hall, ExportText(Lang::En));
    CHECK(html.find("<html lang=\"en\">") != std::string::npos);
    CHECK(html.find("<h2>Window ranking</h2>") != std::string::npos);
    CHECK(html.find("好差") == std::string::npos);
}
