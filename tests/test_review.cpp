// The review loop: the form's printed layout, corrections applied and their checks redone,
// the review server over real HTTP on 127.0.0.1, and Excel workbooks read back.

#include <httplib.h>
#include <zip.h>

#include <pugixml.hpp>
#include <regex>
#include <thread>

#include "test_support.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/report/form_layout.hpp"
#include "xxgk/review/corrections.hpp"
#include "xxgk/review/review_server.hpp"
#include "xxgk/schema/report_schema.hpp"
#include "xxgk/spreadsheet/workbook.hpp"

namespace xxgk {
namespace {

using test::fixture;
using test::TempDir;

const report::TemplateSpec &spec() {
  static const report::TemplateSpec s = report::official_template_spec();
  return s;
}

// The sample report as extract --provenance writes it.
nlohmann::json sample_record() {
  static const nlohmann::json record = [] {
    report::Report r = pipeline::extract_report(fixture("sample-report.pdf"), {}, {});
    r.provenance = true;
    return report::to_json(r);
  }();
  return record;
}

// The same record as if its pages had been scans: its values then count as read by OCR.
nlohmann::json as_if_scanned(nlohmann::json record) {
  for (auto &p : record["pages"]) p["read_from"] = "ocr";
  return record;
}

nlohmann::json &value_of(nlohmann::json &record, const std::string &key) {
  size_t a = key.find('.'), b = key.find('.', a + 1);
  return record["tables"][key.substr(0, a)][key.substr(a + 1, b - a - 1)][key.substr(b + 1)];
}

std::set<std::string> codes_on(const nlohmann::json &record, const std::string &key) {
  std::set<std::string> out;
  for (const auto &w : record["warnings"])
    if (w.value("key", "") == key) out.insert(w["code"].get<std::string>());
  return out;
}

review::CorrectionFile file_for(const nlohmann::json &record) {
  review::CorrectionFile f;
  f.source_file = record["source"]["file"];
  f.sha256 = record["source"]["sha256"];
  return f;
}

review::Correction correct(double v, double machine) {
  return {review::ReviewAction::correct, v, machine, "2026-01-01T00:00:00Z"};
}

// ---- the form's layout

TEST(FormLayout, EverySlotIsCoveredOnceAndEveryKeyHasItsCell) {
  for (const auto &edition : spec().editions) {
    std::set<std::string> keys;
    for (const report::FormGrid &g : report::form_layout(edition)) {
      std::vector<int> covered(static_cast<size_t>(g.rows * g.cols), 0);
      for (const report::FormCell &c : g.cells) {
        ASSERT_LE(c.row + c.rowspan, g.rows) << g.table;
        ASSERT_LE(c.col + c.colspan, g.cols) << g.table;
        for (int r = c.row; r < c.row + c.rowspan; ++r)
          for (int k = c.col; k < c.col + c.colspan; ++k) ++covered[static_cast<size_t>(r * g.cols + k)];
        if (c.kind == report::FormCellKind::value) {
          EXPECT_TRUE(keys.insert(c.key).second) << c.key;
        }
      }
      for (size_t i = 0; i < covered.size(); ++i)
        EXPECT_EQ(covered[i], 1) << edition.edition << " " << g.table << " slot " << i / g.cols << "," << i % g.cols;
    }
    std::vector<std::string> all = report::template_keys(edition);
    EXPECT_EQ(keys, std::set<std::string>(all.begin(), all.end())) << edition.edition;
  }
}

const report::FormCell *cell_with_text(const report::FormGrid &g, const std::string &text) {
  for (const report::FormCell &c : g.cells)
    if (c.text == text) return &c;
  return nullptr;
}

TEST(FormLayout, HeadersAndRowGroupsAreMergedAsPrinted) {
  for (const auto &edition : spec().editions) {
    std::vector<report::FormGrid> grids = report::form_layout(edition);
    const report::FormGrid &apps = grids.at(1);
    ASSERT_EQ(apps.table, "applications");
    const report::FormCell *applicant = cell_with_text(apps, "申请人情况");
    const report::FormCell *organisation = cell_with_text(apps, "法人或其他组织");
    const report::FormCell *outcome = cell_with_text(apps, "三、本年度办理结果");
    const report::FormCell *withheld = cell_with_text(apps, "（三）不予公开");
    ASSERT_TRUE(applicant && organisation && outcome && withheld);
    EXPECT_EQ(applicant->colspan, 7);
    EXPECT_EQ(organisation->colspan, 5);
    EXPECT_EQ(organisation->row, applicant->row + 1);
    EXPECT_EQ(withheld->rowspan, 8);
    EXPECT_EQ(withheld->col, outcome->col + 1) << "（三）不予公开 is nested in 三、本年度办理结果";
    EXPECT_GT(outcome->rowspan, withheld->rowspan);
    // 主动公开: four groups under their clauses, one value under three headers' width.
    const report::FormGrid &active = grids.at(0);
    int headings = 0;
    for (const report::FormCell &c : active.cells) headings += c.kind == report::FormCellKind::heading;
    EXPECT_EQ(headings, static_cast<int>(edition.tables.at(0).at("groups").size()));
  }
}

// ---- corrections

TEST(Corrections, ACorrectionSetsTheValueKeepsTheMachineReadingAndClearsItsDoubts) {
  nlohmann::json record = as_if_scanned(sample_record());
  const std::string key = "active_disclosure.regulations.issued";
  double machine = value_of(record, key).get<double>();
  record["warnings"].push_back({{"code", "low_confidence"}, {"message", "unsure"}, {"key", key}});
  review::CorrectionFile f = file_for(record);
  f.corrections[key] = correct(machine + 3, machine);
  review::Applied applied = review::apply_corrections(record, f, "c.json", spec());
  EXPECT_EQ(applied.keys, std::vector<std::string>{key});
  EXPECT_EQ(value_of(record, key), machine + 3);
  EXPECT_EQ(codes_on(record, key), std::set<std::string>{"corrected"});
  const auto &cell = record["cells"]["active_disclosure"]["regulations"]["issued"];
  EXPECT_EQ(cell["review"]["machine_value"], machine);
  EXPECT_EQ(cell["review"]["action"], "correct");
  EXPECT_EQ(record["corrections"]["applied"], nlohmann::json::array({key}));
  EXPECT_TRUE(schema::validate_report(record).empty()) << schema::validate_report(record).front();
}

TEST(Corrections, ACorrectionThatBreaksACheckFlagsTheOtherOcrValuesInIt) {
  nlohmann::json record = as_if_scanned(sample_record());
  ASSERT_TRUE(record["validation"]["failed"].empty());
  const std::string key = "applications.new_received.total";
  double machine = value_of(record, key).get<double>();
  review::CorrectionFile f = file_for(record);
  f.corrections[key] = correct(machine + 1, machine);
  review::apply_corrections(record, f, "c.json", spec());
  ASSERT_FALSE(record["validation"]["failed"].empty());
  EXPECT_EQ(codes_on(record, "applications.carried_over.total"), std::set<std::string>{"check_failed"});
  EXPECT_EQ(codes_on(record, key), std::set<std::string>{"corrected"}) << "a person's value is not doubted";
  EXPECT_EQ(record["status"], "review");
  // The same on a text layer: what the report prints is not doubted, the failure is reported.
  nlohmann::json text = sample_record();
  review::apply_corrections(text, f, "c.json", spec());
  EXPECT_FALSE(text["validation"]["failed"].empty());
  EXPECT_TRUE(codes_on(text, "applications.carried_over.total").empty());
}

TEST(Corrections, ConfirmingADoubtfulValueSettlesItAndTheStatus) {
  nlohmann::json record = as_if_scanned(sample_record());
  const std::string key = "applications.granted.natural_person";
  record["warnings"].push_back({{"code", "low_confidence"}, {"message", "unsure"}, {"key", key}});
  record["doubtful_values"] = 1;
  record["status"] = "review";
  review::CorrectionFile f = file_for(record);
  f.corrections[key] = {review::ReviewAction::confirm, value_of(record, key), value_of(record, key), "t"};
  review::apply_corrections(record, f, "c.json", spec());
  EXPECT_EQ(record["doubtful_values"], 0);
  EXPECT_EQ(record["status"], "ok");
  EXPECT_EQ(codes_on(record, key), std::set<std::string>{"confirmed"});
}

TEST(Corrections, AMetaCorrectionSettlesTheTitleFactsDoubt) {
  nlohmann::json record = sample_record();
  record["warnings"].push_back({{"code", "agency_uncertain"}, {"message", "OCR was unsure"}});
  review::CorrectionFile f = file_for(record);
  f.corrections["meta.agency"] = {review::ReviewAction::correct, "某某县人民政府", record["meta"]["agency"], "t"};
  review::apply_corrections(record, f, "c.json", spec());
  EXPECT_EQ(record["meta"]["agency"], "某某县人民政府");
  EXPECT_EQ(record["status"], "ok");
  EXPECT_EQ(codes_on(record, "meta.agency"), std::set<std::string>{"corrected"});
}

TEST(Corrections, UnknownKeysAndWrongValuesAreNotAppliedAndSaidSo) {
  nlohmann::json record = sample_record();
  review::CorrectionFile f = file_for(record);
  f.corrections["applications.no_such_row.total"] = correct(1, 0);
  f.corrections["applications.granted.total"] = {review::ReviewAction::correct, "many", 0, "t"};
  f.corrections["meta.year"] = {review::ReviewAction::correct, 1999, 2024, "t"};
  review::Applied applied = review::apply_corrections(record, f, "c.json", spec());
  EXPECT_TRUE(applied.keys.empty());
  EXPECT_EQ(applied.not_applied.size(), 3u);
  EXPECT_EQ(record["corrections"]["not_applied"].size(), 3u);
  EXPECT_EQ(codes_on(record, "applications.no_such_row.total"), std::set<std::string>{"correction_not_applied"});
}

TEST(Corrections, SidecarsRoundTripAndOnesForAnotherVersionAreStale) {
  TempDir dir;
  nlohmann::json record = sample_record();
  review::CorrectionFile f = file_for(record);
  f.corrections["applications.granted.total"] = correct(5, 4);
  review::save_corrections(review::corrections_path(dir.path(), f.sha256), f);
  review::CorrectionsFound found = review::find_corrections(dir.path(), record);
  ASSERT_TRUE(found.file);
  EXPECT_EQ(review::to_json(*found.file), review::to_json(f));
  EXPECT_TRUE(found.stale.empty());
  // The same file name with other content: the corrections are for another version.
  record["source"]["sha256"] = std::string(64, 'a');
  found = review::find_corrections(dir.path(), record);
  EXPECT_FALSE(found.file);
  EXPECT_EQ(found.stale.size(), 1u);
  test::write_file(dir.path() / "bad.json", "{\"format\": \"something else\"}");
  EXPECT_THROW(review::load_corrections(dir.path() / "bad.json"), review::CorrectionError);
  // Found by fuzz_corrections: a "format" that is no string was a type_error, not a clear error.
  EXPECT_THROW(review::corrections_from_json({{"format", nlohmann::json::object()}}), review::CorrectionError);
  EXPECT_THROW(review::corrections_from_json({{"format", "xxgk-corrections/1"}, {"source", 3}}),
               review::CorrectionError);
  test::write_file(dir.path() / "torn.json", "{\"format\": ");
  EXPECT_THROW(review::load_corrections(dir.path() / "torn.json"), review::CorrectionError);
}

// ---- the server, over HTTP on 127.0.0.1

struct RunningReview {
  TempDir dir;
  std::unique_ptr<review::ReviewSession> session;
  std::unique_ptr<review::ReviewServer> server;
  std::thread thread;

  explicit RunningReview(std::vector<nlohmann::json> records) {
    review::SessionOptions o;
    o.corrections_dir = dir.path() / "corrections";
    o.source_dirs = {test::source_dir() / "fixtures"};
    session = std::make_unique<review::ReviewSession>(std::move(records), std::vector<std::filesystem::path>{}, o);
    server = std::make_unique<review::ReviewServer>(*session, review::ServerOptions{"127.0.0.1", 0, "test-token"});
    thread = std::thread([this] { server->run(); });
  }
  ~RunningReview() {
    server->stop();
    thread.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server->port());
    c.set_read_timeout(120, 0);
    return c;
  }
  httplib::Result post(const std::string &body, const std::string &token = "test-token") const {
    httplib::Headers headers;
    if (!token.empty()) headers.insert({"X-Review-Token", token});
    return client().Post("/api/reports/0/review", headers, body, "application/json");
  }
};

nlohmann::json failed_input() {
  return {{"source", {{"file", "gone.pdf"}, {"sha256", std::string(64, 'b')}, {"bytes", 0}}},
          {"status", "failed"},
          {"error", {{"reason", "damaged"}}}};
}

TEST(ReviewServer, ServesThePageTheListAndAReport) {
  RunningReview run(std::vector<nlohmann::json>{sample_record(), failed_input()});
  auto c = run.client();
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("content=\"test-token\""), std::string::npos);
  EXPECT_EQ(c.Get("/review.js")->status, 200);
  EXPECT_EQ(c.Get("/review.css")->status, 200);
  auto list = nlohmann::json::parse(c.Get("/api/reports")->body);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["status"], "ok");
  EXPECT_EQ(list[1]["status"], "failed");
  auto report = nlohmann::json::parse(c.Get("/api/reports/0")->body);
  EXPECT_EQ(report["forms"].size(), 3u);
  EXPECT_TRUE(report["pages_shown"]) << report["pages_note"];
  EXPECT_EQ(c.Get("/api/reports/1")->status, 409) << "a failed input has nothing to review";
  EXPECT_EQ(c.Get("/api/reports/2")->status, 404);
  EXPECT_EQ(c.Get("/api/reports/99999999999999999999")->status, 404);
}

TEST(ReviewServer, ARecordThatIsNoReportIsListedAsFailedNotRead) {
  nlohmann::json odd = sample_record();
  odd["source"]["file"] = 42;
  odd["tables"]["applications"] = "many";
  RunningReview run(std::vector<nlohmann::json>{odd, nlohmann::json::object()});
  auto list = nlohmann::json::parse(run.client().Get("/api/reports")->body);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["status"], "failed");
  EXPECT_EQ(list[1]["status"], "failed");
  EXPECT_EQ(run.client().Get("/api/reports/0")->status, 409);
  EXPECT_EQ(run.post(R"({"key": "applications.granted.total", "action": "correct", "value": 1})")->status, 409);
}

TEST(ReviewServer, CutsAValuesCellAndItsPageFromTheSource) {
  RunningReview run(std::vector<nlohmann::json>{sample_record()});
  auto c = run.client();
  auto crop = c.Get("/api/reports/0/crop?key=applications.new_received.total");
  ASSERT_TRUE(crop);
  ASSERT_EQ(crop->status, 200) << crop->body;
  EXPECT_EQ(crop->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(crop->body.substr(1, 3), "PNG");
  auto page = c.Get("/api/reports/0/page/1?key=applications.new_received.total");
  ASSERT_EQ(page->status, 200);
  EXPECT_GT(page->body.size(), crop->body.size());
  EXPECT_EQ(c.Get("/api/reports/0/crop?key=applications.nothing.total")->status, 404);
  EXPECT_EQ(c.Get("/api/reports/0/crop")->status, 400);
  EXPECT_EQ(c.Get("/api/reports/0/page/99")->status, 404);
}

TEST(ReviewServer, RefusesChangesWithoutTheTokenAndBadRequests) {
  RunningReview run(std::vector<nlohmann::json>{sample_record()});
  std::string body = R"({"key": "applications.granted.total", "action": "correct", "value": 3})";
  EXPECT_EQ(run.post(body, "")->status, 403);
  EXPECT_EQ(run.post(body, "wrong")->status, 403);
  EXPECT_EQ(run.post("not json")->status, 400);
  EXPECT_EQ(run.post(R"({"key": "applications.granted.total"})")->status, 400);
  EXPECT_EQ(run.post(R"({"key": "applications.granted.total", "action": "delete"})")->status, 400);
  EXPECT_EQ(run.post(R"({"key": "applications.x.total", "action": "correct", "value": 1})")->status, 400);
  EXPECT_EQ(run.post(R"({"key": "applications.granted.total", "action": "correct", "value": "1"})")->status, 400);
  EXPECT_EQ(run.post(std::string(100000, ' '))->status, 413);
  EXPECT_FALSE(std::filesystem::exists(run.dir.path() / "corrections")) << "nothing saved";
  // Another site's name for 127.0.0.1 (DNS rebinding) is refused; paths reach no file.
  auto c = run.client();
  EXPECT_EQ(c.Get("/api/reports", {{"Host", "attacker.example:80"}})->status, 403);
  EXPECT_EQ(c.Get("/../../../etc/passwd")->status, 404);
  EXPECT_EQ(c.Get("/api/reports/0/../../etc/passwd")->status, 404);
  EXPECT_EQ(c.Get("/fixtures/sample-report.pdf")->status, 404);
}

TEST(ReviewServer, SavesCorrectionsRedoesTheChecksAndExports) {
  nlohmann::json record = sample_record();
  RunningReview run(std::vector<nlohmann::json>{record});
  const std::string key = "applications.new_received.total";
  double machine = value_of(record, key).get<double>();
  auto res = run.post(nlohmann::json{{"key", key}, {"action", "correct"}, {"value", machine + 1}}.dump());
  ASSERT_EQ(res->status, 200) << res->body;
  auto after = nlohmann::json::parse(res->body);
  EXPECT_EQ(value_of(after["record"], key), machine + 1);
  EXPECT_FALSE(after["record"]["validation"]["failed"].empty());
  auto sidecar =
      review::load_corrections(review::corrections_path(run.dir.path() / "corrections", record["source"]["sha256"]));
  EXPECT_EQ(sidecar.corrections.at(key).machine, machine);
  auto c = run.client();
  nlohmann::json exported = nlohmann::json::parse(c.Get("/api/reports/0/export?format=json")->body);
  EXPECT_EQ(value_of(exported, key), machine + 1);
  auto csv = c.Get("/api/reports/0/export?format=csv");
  EXPECT_NE(csv->body.find(key + "," + std::to_string(static_cast<int>(machine + 1))), std::string::npos);
  auto xlsx = c.Get("/api/reports/0/export?format=xlsx");
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  EXPECT_NE(xlsx->get_header_value("Content-Disposition").find(".xlsx"), std::string::npos);
  EXPECT_EQ(c.Get("/api/reports/0/export?format=pdf")->status, 400);
  // Undo: the machine's reading again, and no sidecar left.
  res = run.post(nlohmann::json{{"key", key}, {"action", "undo"}}.dump());
  nlohmann::json undone = nlohmann::json::parse(res->body)["record"];
  EXPECT_EQ(value_of(undone, key), machine);
  EXPECT_EQ(codes_on(undone, key), std::set<std::string>{});
}

TEST(ReviewServer, ConcurrentSavesAreAllKept) {
  nlohmann::json record = sample_record();
  RunningReview run(std::vector<nlohmann::json>{record});
  std::vector<std::string> keys;
  for (const auto &[column, v] : record["tables"]["applications"]["granted"].items())
    keys.push_back("applications.granted." + column);
  std::vector<std::thread> writers;
  std::atomic<int> ok{0};
  for (const std::string &key : keys)
    writers.emplace_back([&, key] {
      auto r = run.post(nlohmann::json{{"key", key}, {"action", "correct"}, {"value", 9}}.dump());
      if (r && r->status == 200) ++ok;
    });
  for (auto &w : writers) w.join();
  EXPECT_EQ(ok.load(), static_cast<int>(keys.size()));
  auto sidecar =
      review::load_corrections(review::corrections_path(run.dir.path() / "corrections", record["source"]["sha256"]));
  EXPECT_EQ(sidecar.corrections.size(), keys.size());
}

// ---- workbooks, read back

// The files of an xlsx (a zip of XML parts).
std::map<std::string, std::string> xlsx_parts(const std::filesystem::path &path) {
  std::map<std::string, std::string> out;
  int err = 0;
  zip_t *z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) return out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
    zip_file_t *f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    std::string bytes(st.size, '\0');
    zip_fread(f, bytes.data(), st.size);
    zip_fclose(f);
    out[st.name] = bytes;
  }
  zip_close(z);
  return out;
}

TEST(Workbook, TheReportAsTheFormWithMergesCommentsAndValues) {
  TempDir dir;
  nlohmann::json record = sample_record();
  const std::string flagged = "applications.granted.natural_person";
  record["warnings"].push_back({{"code", "low_confidence"}, {"message", "OCR was unsure of this"}, {"key", flagged}});
  spreadsheet::write_report_workbook(record, spec(), dir.path() / "r.xlsx");
  auto parts = xlsx_parts(dir.path() / "r.xlsx");
  ASSERT_TRUE(parts.count("xl/worksheets/sheet3.xml")) << "报告, then the three tables";
  pugi::xml_document sheet;
  sheet.load_string(parts["xl/worksheets/sheet3.xml"].c_str());
  // 申请人情况 over the seven columns after the three label columns: D3:J3 (two title rows).
  std::set<std::string> merges;
  for (auto m : sheet.select_nodes("//mergeCell")) merges.insert(m.node().attribute("ref").value());
  EXPECT_TRUE(merges.count("D3:J3")) << "申请人情况";
  EXPECT_TRUE(merges.count("E4:I4")) << "法人或其他组织";
  // 一、本年新收 row: its natural_person value in D6.
  auto d6 = sheet.select_node("//c[@r='D6']/v");
  ASSERT_TRUE(d6);
  EXPECT_EQ(std::stod(d6.node().text().get()),
            value_of(record, "applications.new_received.natural_person").get<double>());
  std::string comments;
  for (const auto &[name, bytes] : parts)
    if (name.find("comments") != std::string::npos) comments += bytes;
  EXPECT_NE(comments.find("OCR was unsure of this"), std::string::npos);
  EXPECT_NE(parts["xl/sharedStrings.xml"].find("申请人情况"), std::string::npos);
}

TEST(Workbook, TablesKeepTheirSpans) {
  TempDir dir;
  layout::Table t;
  t.rows = 2;
  t.cols = 3;
  t.cells = {{0, 0, 1, 3, 1, {}, "申请人情况", 1, ""},
             {1, 0, 1, 1, 1, {}, "a", 1, ""},
             {1, 1, 1, 1, 1, {}, "b", 1, ""},
             {1, 2, 1, 1, 1, {}, "c", 1, ""}};
  spreadsheet::write_tables_workbook({t}, dir.path() / "t.xlsx");
  auto parts = xlsx_parts(dir.path() / "t.xlsx");
  EXPECT_NE(parts["xl/worksheets/sheet1.xml"].find("<mergeCell ref=\"A1:C1\""), std::string::npos);
}

// LibreOffice reads the workbook back: every sheet as CSV, the values where the form has them.
TEST(Workbook, LibreOfficeReadsTheFormBack) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    if (std::getenv("CI")) FAIL() << "soffice missing (scripts/setup.sh installs libreoffice-calc-nogui)";
    GTEST_SKIP() << "no LibreOffice here";
  }
  TempDir dir;
  nlohmann::json record = sample_record();
  spreadsheet::write_report_workbook(record, spec(), dir.path() / "r.xlsx");
  // Filter options: comma, double quote, UTF-8, from line 1, ..., -1: every sheet to its own file.
  std::string cmd = "cd " + test::shell_quote(dir.path().string()) +
                    " && HOME=" + test::shell_quote(dir.path().string()) +
                    " soffice --headless --norestore --convert-to "
                    "'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' r.xlsx "
                    ">/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::filesystem::path csv;
  for (const auto &e : std::filesystem::directory_iterator(dir.path()))
    if (e.path().filename().string().find("收到和处理") != std::string::npos) csv = e.path();
  ASSERT_FALSE(csv.empty()) << "no CSV of the applications sheet";
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(test::read_file(csv));
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (char ch : line) {
      if (ch == '"')
        quoted = !quoted;
      else if (ch == ',' && !quoted)
        fields.push_back(std::exchange(field, ""));
      else
        field += ch;
    }
    fields.push_back(field);
    rows.push_back(fields);
  }
  // The form's rows in order after the title and the three header rows; values from column D.
  const auto &apps = spec().edition(record["meta"]["edition"].get<std::string>()).tables.at(1);
  const std::vector<std::string> columns = {"natural_person",
                                            "commercial_enterprise",
                                            "research_institution",
                                            "social_welfare_organization",
                                            "legal_service_agency",
                                            "other_organization",
                                            "total"};
  int checked = 0;
  for (size_t r = 0; r < apps["rows"].size(); ++r) {
    const auto &fields = rows.at(5 + r);
    for (size_t c = 0; c < columns.size(); ++c) {
      auto v = value_of(record, "applications." + apps["rows"][r]["id"].get<std::string>() + "." + columns[c]);
      ASSERT_GT(fields.size(), 3 + c);
      if (v.is_number()) {
        EXPECT_EQ(std::stod(fields[3 + c]), v.get<double>()) << "row " << r << " col " << c;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(apps["rows"].size() * columns.size()));
}

// ---- the command line

TEST(ReviewCli, XlsxAndTablesXlsxAndCorrectionsOnARerun) {
  TempDir dir;
  auto one = dir.path() / "r.json";
  auto e = test::run_xxgk({"extract", fixture("sample-report.pdf").string(), "-o", one.string()});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  auto x = test::run_xxgk({"xlsx", one.string(), "-o", (dir.path() / "r.xlsx").string()});
  EXPECT_EQ(x.exit_code, 0) << x.err;
  EXPECT_EQ(xlsx_parts(dir.path() / "r.xlsx").count("xl/worksheets/sheet6.xml"), 1u) << "报告, 3 tables, 校验, 警告";
  auto many = test::run_xxgk({"xlsx", one.string(), one.string(), "-o", (dir.path() / "m.xlsx").string()});
  EXPECT_EQ(many.exit_code, 0) << many.err;
  EXPECT_EQ(xlsx_parts(dir.path() / "m.xlsx").count("xl/worksheets/sheet2.xml"), 1u) << "wide and long";
  auto t = test::run_xxgk(
      {"tables", fixture("sample-report.pdf").string(), "--format", "xlsx", "-o", (dir.path() / "t.xlsx").string()});
  EXPECT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(xlsx_parts(dir.path() / "t.xlsx")["xl/worksheets/sheet2.xml"].find("mergeCell"), std::string::npos);
  EXPECT_EQ(test::run_xxgk({"tables", fixture("sample-report.pdf").string(), "--format", "xlsx"}).exit_code, 2);

  // A correction saved as review saves it, applied on a re-run; one for another version reported.
  nlohmann::json record = nlohmann::json::parse(test::read_file(one));
  review::CorrectionFile f = file_for(record);
  f.corrections["active_disclosure.regulations.issued"] = correct(77, 0);
  review::save_corrections(review::corrections_path(dir.path() / "c", f.sha256), f);
  auto again =
      test::run_xxgk({"extract", fixture("sample-report.pdf").string(), "--corrections", (dir.path() / "c").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto rerun = nlohmann::json::parse(again.out);
  EXPECT_EQ(value_of(rerun, "active_disclosure.regulations.issued"), 77);
  EXPECT_NE(again.err.find("1 correction(s) applied"), std::string::npos) << again.err;
  // A batch's workers apply them too.
  auto batch =
      test::run_xxgk({"extract", fixture("sample-report.pdf").string(), fixture("not-a-report.pdf").string(), "--jsonl",
                      (dir.path() / "b.jsonl").string(), "--corrections", (dir.path() / "c").string(), "--jobs", "1"});
  std::istringstream lines(test::read_file(dir.path() / "b.jsonl"));
  int corrected = 0;
  for (std::string line; std::getline(lines, line);) {
    auto r = nlohmann::json::parse(line);
    if (r["source"]["sha256"] == f.sha256) {
      EXPECT_EQ(value_of(r, "active_disclosure.regulations.issued"), 77);
      ++corrected;
    }
  }
  EXPECT_EQ(corrected, 1) << batch.err;
  f.sha256 = std::string(64, 'c');
  std::filesystem::remove_all(dir.path() / "c");
  review::save_corrections(review::corrections_path(dir.path() / "c", f.sha256), f);
  again =
      test::run_xxgk({"extract", fixture("sample-report.pdf").string(), "--corrections", (dir.path() / "c").string()});
  rerun = nlohmann::json::parse(again.out);
  EXPECT_NE(value_of(rerun, "active_disclosure.regulations.issued"), 77);
  EXPECT_NE(again.err.find("another version"), std::string::npos) << again.err;
  EXPECT_EQ(
      test::run_xxgk({"extract", fixture("sample-report.pdf").string(), "--corrections", "/no/such/dir"}).exit_code, 2);
  EXPECT_EQ(test::run_xxgk({"review"}).exit_code, 2);
}

// The whole loop in Debian's Chromium (tests/browser/test_review_browser.py).
TEST(ReviewBrowser, APersonClearsAScansFlagsInTheBrowser) {
  XXGK_REQUIRE_SHARED();
  if (std::system("command -v chromium >/dev/null 2>&1") != 0) {
    if (std::getenv("CI")) FAIL() << "chromium missing (scripts/setup.sh installs it)";
    GTEST_SKIP() << "no chromium here";
  }
  TempDir dir;
  std::string cmd =
      "python3 " + test::shell_quote((test::source_dir() / "tests/browser/test_review_browser.py").string()) + " " +
      test::shell_quote(XXGK_BINARY) + " " + test::shell_quote(test::shared_dir().string()) + " " +
      test::shell_quote(dir.path().string()) + " > " + test::shell_quote((dir.path() / "log").string()) + " 2>&1";
  int status = std::system(cmd.c_str());
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0) << test::read_file(dir.path() / "log");
}

}  // namespace
}  // namespace xxgk
