// The bad-input matrix (README "Bad input"): every kind of broken file a crawler brings home,
// each with its documented outcome: exit code, message, and valid UTF-8 JSON that fits the
// schema wherever anything was recovered.
#include <gtest/gtest.h>

#include "options.hpp"
#include "pdf_builder.hpp"
#include "test_support.hpp"
#include "xxgk/schema/report_schema.hpp"

namespace xxgk {
namespace {

namespace fs = std::filesystem;
using test::fixture;
using test::run_xxgk;
using test::TempDir;
using test::write_file;

// The JSON printed: must parse (nlohmann rejects invalid UTF-8) and fit the schema.
nlohmann::json recovered(const test::CommandResult &r) {
  nlohmann::json j = nlohmann::json::parse(r.out);
  auto problems = schema::validate_report(j);
  EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.front());
  return j;
}

struct Refused {
  std::string name, bytes;
  int exit_code;
  std::string message;
};

TEST(BadInput, FilesThatAreNoPdfOrCannotBeRepairedAreRefusedClearly) {
  TempDir dir;
  std::string pk = "PK\x03\x04\x14\x00\x06\x00";
  const std::vector<Refused> cases = {
      {"empty.pdf", "", cli::exit_unreadable, "the file is empty"},
      {"random.pdf", std::string(4096, '\x9c'), cli::exit_unreadable, "not a PDF"},
      {"word.docx.pdf", pk + "word/document.xml" + std::string(500, '\0'), cli::exit_unreadable, "Word"},
      {"old-word.doc.pdf", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + std::string(500, '\0'), cli::exit_unreadable,
       "not a PDF"},
      {"scan.png.pdf", "\x89PNG\r\n\x1a\n" + std::string(500, '\0'), cli::exit_unreadable, "image"},
      {"damaged.pdf", test::read_file(fixture("bad/damaged.pdf")), cli::exit_unreadable, "damaged"},
      {"zero-pages.pdf", test::read_file(fixture("bad/zero-pages.pdf")), cli::exit_unreadable, "no pages"},
  };
  for (const auto &c : cases) {
    write_file(dir.path() / c.name, c.bytes);
    auto r = run_xxgk({"extract", (dir.path() / c.name).string()});
    EXPECT_EQ(r.exit_code, c.exit_code) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.name << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << c.name;
  }
}

TEST(BadInput, TruncatedAtAnyOffsetIsRefusedOrRecoveredNeverWrong) {
  std::string bytes = test::read_file(fixture("sample-report.pdf"));
  TempDir dir;
  for (size_t cut : {size_t{9}, size_t{100}, size_t{1000}, bytes.size() / 4, bytes.size() / 2, 3 * bytes.size() / 4,
                     bytes.size() - 200, bytes.size() - 10}) {
    auto path = dir.path() / ("cut-" + std::to_string(cut) + ".pdf");
    write_file(path, bytes.substr(0, cut));
    auto r = run_xxgk({"extract", path.string()});
    if (r.exit_code == cli::exit_unreadable) {
      EXPECT_TRUE(r.err.find("damaged") != std::string::npos || r.err.find("no pages") != std::string::npos)
          << cut << ": " << r.err;
      continue;
    }
    // Poppler recovered what it could: a report, flagged partial if anything is missing.
    ASSERT_TRUE(r.exit_code == cli::exit_ok || r.exit_code == cli::exit_partial) << cut << ": " << r.err;
    auto j = recovered(r);
    EXPECT_EQ(j["status"], r.exit_code == cli::exit_ok ? "ok" : "partial") << cut;
  }
}

TEST(BadInput, BrokenXrefThatPopplerCanRebuildExtractsTheSame) {
  TempDir dir;
  auto path = dir.path() / "shifted-xref.pdf";
  write_file(path, test::shifted_xref(test::read_file(fixture("sample-report.pdf"))));
  auto repaired = run_xxgk({"extract", path.string()});
  auto original = run_xxgk({"extract", fixture("sample-report.pdf").string()});
  ASSERT_EQ(repaired.exit_code, cli::exit_ok) << repaired.err;
  EXPECT_EQ(recovered(repaired)["tables"], recovered(original)["tables"]);
}

TEST(BadInput, EncryptedFilesOpenWithTheirPasswordOnly) {
  auto user = fixture("bad/encrypted-user-password.pdf").string();
  auto none = run_xxgk({"extract", user});
  EXPECT_EQ(none.exit_code, cli::exit_encrypted);
  EXPECT_NE(none.err.find("--password"), std::string::npos) << "the message says what to do: " << none.err;
  EXPECT_EQ(run_xxgk({"extract", user, "--password", "wrong"}).exit_code, cli::exit_encrypted);
  EXPECT_EQ(run_xxgk({"extract", user, "--password", "secret-user"}).exit_code, cli::exit_ok);
  EXPECT_EQ(run_xxgk({"extract", user, "--password", "secret-owner"}).exit_code, cli::exit_ok);
  auto owner_only = run_xxgk({"extract", fixture("bad/encrypted-owner-only.pdf").string()});
  EXPECT_EQ(owner_only.exit_code, cli::exit_ok) << owner_only.err;
}

TEST(BadInput, TwoThousandBlankPagesAreSeenAsBlankNotOcrd) {
  TempDir dir;
  auto path = dir.path() / "blank.pdf";
  write_file(path, test::blank_pages_pdf(2000));
  auto r = run_xxgk({"extract", path.string()});
  EXPECT_EQ(r.exit_code, cli::exit_partial) << r.err;
  auto j = recovered(r);
  ASSERT_EQ(j["pages"].size(), 2000u);
  for (const auto &p : j["pages"]) EXPECT_EQ(p["kind"], "blank");
  EXPECT_TRUE(j["tables"].empty() || j["tables"].is_object());
}

TEST(BadInput, HugePageIsRenderedSmallerNotRefused) {
  TempDir dir;
  auto path = dir.path() / "huge.pdf";
  write_file(path, test::one_page_pdf(20000, 20000, "BT /F1 300 Tf 1000 18000 Td (Annual report) Tj ET",
                                      "<< /Font << /F1 5 0 R >> >>",
                                      {"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}));
  auto r = run_xxgk({"extract", path.string()});
  EXPECT_EQ(r.exit_code, cli::exit_partial) << r.err;
  auto j = recovered(r);
  EXPECT_EQ(j["pages"][0]["width"], 20000);
  // Latin words are no Chinese report's text layer: judged garbled and read from the image,
  // which is rendered at whatever resolution keeps it under 40 million pixels.
  EXPECT_EQ(j["pages"][0]["read_from"], "ocr");
}

TEST(BadInput, DecompressionBombImageDoesNotExhaustMemory) {
  TempDir dir;
  auto path = dir.path() / "bomb.pdf";
  write_file(path, test::decompression_bomb_pdf(40000, 40000));  // 200 MB inflated, 40k x 40k pixels
  EXPECT_LT(fs::file_size(path), 1'000'000u);
  auto r = run_xxgk({"extract", path.string()});
  EXPECT_EQ(r.exit_code, cli::exit_partial) << r.err;
  auto j = recovered(r);
  EXPECT_EQ(j["pages"][0]["kind"], "blank") << "all-white: nothing to OCR";
}

TEST(BadInput, InvalidUtf16InTheTextLayerBecomesValidUtf8) {
  TempDir dir;
  auto path = dir.path() / "surrogates.pdf";
  write_file(path, test::bad_utf16_text_pdf());
  auto r = run_xxgk({"extract", path.string(), "--ocr", "never"});
  ASSERT_TRUE(r.exit_code == cli::exit_partial || r.exit_code == cli::exit_ok) << r.err;
  recovered(r);  // parses: valid UTF-8 throughout
  auto tables = run_xxgk({"tables", path.string(), "--ocr", "never"});
  EXPECT_EQ(tables.exit_code, cli::exit_ok) << tables.err;
  EXPECT_NO_THROW(nlohmann::json::parse(tables.out));
}

TEST(BadInput, FileNamesWithSpacesChineseAndNewlines) {
  TempDir dir;
  for (const char *name : {"年度 报告 2023.pdf", "two\nlines.pdf", "-starts-with-dash.pdf"}) {
    auto path = dir.path() / name;
    fs::copy_file(fixture("sample-report.pdf"), path);
    auto r = run_xxgk({"extract", path.string()});
    ASSERT_EQ(r.exit_code, cli::exit_ok) << name << ": " << r.err;
    EXPECT_EQ(recovered(r)["source"]["file"], path.string());
  }
  // In a batch too: a folder holding them gives one record each.
  auto out = dir.path() / "out.jsonl";
  auto r = run_xxgk({"extract", dir.path().string(), "--jsonl", out.string()});
  EXPECT_EQ(r.exit_code, cli::exit_ok) << r.err;
  std::string lines = test::read_file(out);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 3) << "a newline in a name is escaped in JSON";
}

}  // namespace
}  // namespace xxgk
