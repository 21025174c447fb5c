// The bad-input matrix (README "Bad input"): every kind of broken file a crawler brings home,
// each with its documented outcome: exit code, message, and valid UTF-8 JSON that fits the
// schema wherever anything was recovered.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <zip.h>
#include <zlib.h>

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

// Hostile web pages, Word files and images (issue 26), each made here. bench/hostile_inputs.py
// times the same kinds of file.

// A Word file holding `document_xml` as its word/document.xml.
std::string docx_of(const std::string &document_xml, const fs::path &scratch) {
  int error = 0;
  zip_t *zip = zip_open(scratch.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr);
  if (!zip) return "";
  zip_source_t *part = zip_source_buffer(zip, document_xml.data(), document_xml.size(), 0);
  zip_file_add(zip, "word/document.xml", part, ZIP_FL_OVERWRITE);
  zip_close(zip);
  return test::read_file(scratch);
}

std::string word_body(const std::string &inner) {
  return "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
         "main\"><w:body>" +
         inner + "</w:body></w:document>";
}

std::string repeated(const std::string &s, int times) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(times));
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

void put_u32(std::string &out, uint32_t v, bool big_endian) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(big_endian ? v >> (24 - 8 * i) : v >> (8 * i));
}

// A white bitonal PNG of `width` x `height` pixels, deflated row by row (a few hundred KB for a
// gigapixel).
std::string white_png(uint32_t width, uint32_t height) {
  auto chunk = [](const std::string &kind, const std::string &data) {
    std::string out;
    put_u32(out, static_cast<uint32_t>(data.size()), true);
    std::string body = kind + data;
    out += body;
    put_u32(out, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef *>(body.data()), body.size())), true);
    return out;
  };
  std::string header;
  put_u32(header, width, true);
  put_u32(header, height, true);
  header += std::string("\x01\x00\x00\x00\x00", 5);  // 1 bit, gray: 0 is black, so rows of 0xff
  std::string row(1 + (width + 7) / 8, '\xff');
  row[0] = 0;  // filter: none
  z_stream z{};
  deflateInit(&z, Z_BEST_COMPRESSION);
  std::string deflated;
  std::vector<unsigned char> buffer(1 << 16);
  for (uint32_t y = 0; y <= height; ++y) {
    bool last = y == height;
    z.next_in = reinterpret_cast<Bytef *>(last ? nullptr : row.data());
    z.avail_in = last ? 0 : static_cast<uInt>(row.size());
    do {
      z.next_out = buffer.data();
      z.avail_out = static_cast<uInt>(buffer.size());
      deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
      deflated.append(reinterpret_cast<char *>(buffer.data()), buffer.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return "\x89PNG\r\n\x1a\n" + chunk("IHDR", header) + chunk("IDAT", deflated) + chunk("IEND", "");
}

// An uncompressed 8-bit gray TIFF of `pages` small white pages, one directory each.
std::string white_tiff(int pages) {
  constexpr uint32_t side = 16, entries = 8, directory = 2 + entries * 12 + 4;
  std::string out = "II*";
  out += '\0';
  put_u32(out, 8, false);
  auto put_u16 = [&](uint32_t v) { out += static_cast<char>(v & 0xff), out += static_cast<char>(v >> 8); };
  for (int p = 0; p < pages; ++p) {
    auto at = static_cast<uint32_t>(out.size());
    uint32_t data = at + directory, next = p + 1 < pages ? data + side * side : 0;
    put_u16(entries);
    const uint32_t tags[entries][3] = {{256, 3, side}, {257, 3, side}, {258, 3, 8},    {259, 3, 1},
                                       {262, 3, 1},    {273, 4, data}, {278, 3, side}, {279, 4, side * side}};
    for (const auto &t : tags) {
      put_u16(t[0]);
      put_u16(t[1]);
      put_u32(out, 1, false);
      if (t[1] == 4)
        put_u32(out, t[2], false);
      else
        put_u16(t[2]), put_u16(0);
    }
    put_u32(out, next, false);
    out += std::string(side * side, '\xff');
  }
  return out;
}

bool has_warning(const nlohmann::json &j, const std::string &code) {
  for (const auto &w : j["warnings"])
    if (w["code"] == code) return true;
  return false;
}

struct Hostile {
  std::string name, bytes;
  int exit_code;
  std::string said;  // in a warning's code (JSON written) or in the error message
};

// Each ends with its documented outcome, never a crash or a hang (issue 26's table).
TEST(BadInput, HostilePagesWordFilesAndImagesEndInAClearOutcome) {
  TempDir dir;
  std::string cell = "<w:p><w:r><w:t>x</w:t></w:r></w:p>";
  std::string table_page = "<html><body><h1>附件</h1><table>";
  for (int r = 0; r < 1000; ++r) table_page += "<tr>" + repeated("<td>7</td>", 100) + "</tr>";
  std::string entities = "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">";
  for (char e = 'b'; e <= 'j'; ++e)
    entities +=
        std::string("<!ENTITY ") + e + " \"" + repeated(std::string("&") + static_cast<char>(e - 1) + ";", 10) + "\">";
  entities += "]>";
  std::string entity_xml = word_body("<w:p><w:r><w:t>&j;</w:t></w:r></w:p>");
  entity_xml.insert(entity_xml.find("<w:document"), entities);
  const std::vector<Hostile> cases = {
      {"nested-tables.html", "<html><body>" + repeated("<table><tr><td>", 200'000) + "x", cli::exit_partial,
       "markup_flattened"},
      {"nested-divs.html", "<html><body>" + repeated("<div>", 300'000) + "x", cli::exit_partial, "markup_flattened"},
      {"nested-tables.docx",
       docx_of(word_body(repeated("<w:tbl><w:tr><w:tc>", 100'000) + cell + repeated("</w:tc></w:tr></w:tbl>", 100'000)),
               dir.path() / "scratch1.zip"),
       cli::exit_partial, "title_missing"},
      {"table-1000x100.html", table_page + "</table></body></html>", cli::exit_partial, "table_set_aside"},
      {"spans.html",
       "<html><body><table><tr><td rowspan='2147483647' colspan='100000'>一、本年新收政府信息公开申请数量</td>"
       "<td>3</td></tr><tr><td>1</td></tr></table></body></html>",
       cli::exit_partial, "title_missing"},
      {"bad-gbk.html",
       "<html><head><meta charset='gbk'></head><body><p>\xb1\xbe\xc4\xea\xff\xff\x81 \xfe</p></body></html>",
       cli::exit_partial, "title_missing"},
      {"entities.docx", docx_of(entity_xml, dir.path() / "scratch2.zip"), cli::exit_partial, "title_missing"},
      {"inflating.docx",
       docx_of(word_body("<w:p><w:r><w:t>" + std::string(80u << 20, '0') + "</w:t></w:r></w:p>"),
               dir.path() / "scratch3.zip"),
       cli::exit_unreadable, "larger than 64 MiB"},
      {"gigapixel.png", white_png(30'000, 30'000), cli::exit_unreadable, "larger than any scanned page"},
      {"pages.tiff", white_tiff(3000), cli::exit_unreadable, "more than any annual report"},
  };
  for (const auto &c : cases) {
    write_file(dir.path() / c.name, c.bytes);
    auto r = run_xxgk({"extract", (dir.path() / c.name).string()});
    EXPECT_EQ(r.exit_code, c.exit_code) << c.name << ": " << r.err;
    if (c.exit_code == cli::exit_unreadable) {
      EXPECT_NE(r.err.find(c.said), std::string::npos) << c.name << ": " << r.err;
      EXPECT_TRUE(r.out.empty()) << c.name;
    } else {
      ASSERT_FALSE(r.out.empty()) << c.name << ": " << r.err;
      EXPECT_TRUE(has_warning(recovered(r), c.said)) << c.name << ": " << r.err;
    }
  }
}

// A page image larger than the raster budget is read smaller, the page keeping its size on paper.
TEST(BadInput, LargePageImageIsReadAtAScaleThatFits) {
  TempDir dir;
  auto path = dir.path() / "large.png";
  write_file(path, white_png(7000, 7000));  // 49 Mpx; no resolution given: 300 DPI
  auto r = run_xxgk({"extract", path.string()});
  EXPECT_EQ(r.exit_code, cli::exit_partial) << r.err;
  auto j = recovered(r);
  ASSERT_EQ(j["pages"].size(), 1u);
  EXPECT_NEAR(j["pages"][0]["width"].get<double>(), 7000.0 / 300 * 72, 2.0);
}

// A JPEG over the budget is decoded at a fraction of its size, never whole; its page keeps its
// size on paper all the same.
TEST(BadInput, LargeJpegIsReadSmallerAndKeepsItsPageSize) {
  TempDir dir;
  auto path = dir.path() / "large.jpg";
  {
    constexpr int side = 9000;  // 81 Mpx: decoded at half size, 20 Mpx
    PIX *pix = pixCreate(side, side, 8);
    pixSetAllArbitrary(pix, 255);
    ASSERT_EQ(pixWriteJpeg(path.c_str(), pix, 75, 0), 0);
    pixDestroy(&pix);
  }
  auto r = run_xxgk({"extract", path.string()});
  EXPECT_EQ(r.exit_code, cli::exit_partial) << r.err;
  auto j = recovered(r);
  ASSERT_EQ(j["pages"].size(), 1u);
  EXPECT_NEAR(j["pages"][0]["width"].get<double>(), 9000.0 / 300 * 72, 2.0) << "no resolution given: 300 DPI";
}

// One file read alone is held to --timeout and --max-memory as a batch's worker is.
TEST(BadInput, SingleFileReadingIsHeldToTimeAndMemoryLimits) {
  auto slow = run_xxgk({"extract", fixture("sealed-scan.pdf").string(), "--timeout", "0.05"});
  EXPECT_EQ(slow.exit_code, cli::exit_unreadable) << slow.err;
  EXPECT_NE(slow.err.find("stopped after 0.05 s"), std::string::npos) << slow.err;
  EXPECT_TRUE(slow.out.empty());
#ifndef XXGK_SANITIZED  // AddressSanitizer reserves terabytes of address space: no limit is set under it
  auto small = run_xxgk({"extract", fixture("sealed-scan.pdf").string(), "--max-memory", "64"});
  EXPECT_NE(small.exit_code, cli::exit_ok);
  EXPECT_NE(small.err.find("memory"), std::string::npos) << small.err;
  EXPECT_TRUE(small.out.empty());
#endif
  // Within the limits, the same as unlimited.
  auto limited = run_xxgk({"extract", fixture("sample-report.pdf").string(), "--timeout", "300"});
  auto unlimited = run_xxgk({"extract", fixture("sample-report.pdf").string(), "--timeout", "0", "--max-memory", "0"});
  EXPECT_EQ(limited.exit_code, cli::exit_ok) << limited.err;
  EXPECT_EQ(limited.out, unlimited.out);
}

}  // namespace
}  // namespace xxgk
