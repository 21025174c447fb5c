// The report model on hand-built grids: each test one way real tables differ from the form.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "xxgk/report/template_key.hpp"
#include "xxgk/report/template_mapping.hpp"
#include "xxgk/report/validation.hpp"

namespace xxgk::report {
namespace {

const std::vector<std::string> applicant_headers = {"自然人",       "商业企业", "科研机构", "社会公益组织",
                                                    "法律服务机构", "其他",     "总计"};

struct Row {
  std::string label;
  std::vector<std::string> values;  // seven printed values
};

// An applications table as one label column and seven value columns under one header row.
layout::Table applications_grid(const std::vector<Row> &rows) {
  layout::Table t;
  t.method = "lattice";
  t.cols = 8;
  t.rows = static_cast<int>(rows.size()) + 1;
  auto cell = [&](int r, int c, const std::string &text) {
    layout::Cell x;
    x.row = r, x.col = c, x.page = 1, x.text = text;
    x.bbox = {100.0 * c, 20.0 * r, 100.0 * (c + 1), 20.0 * (r + 1)};
    t.cells.push_back(x);
  };
  cell(0, 0, "");
  for (int c = 0; c < 7; ++c) cell(0, c + 1, applicant_headers[c]);
  for (size_t r = 0; r < rows.size(); ++r) {
    cell(static_cast<int>(r) + 1, 0, rows[r].label);
    for (int c = 0; c < 7; ++c) cell(static_cast<int>(r) + 1, c + 1, rows[r].values[c]);
  }
  return t;
}

const EditionSpec &edition_2021() {
  static const TemplateSpec spec = official_template_spec();
  return spec.edition("2021");
}

// Every row of the 2021 form with values 100*i + column.
std::vector<Row> official_rows() {
  std::vector<Row> rows;
  int i = 0;
  for (const TemplateBlock &b : template_blocks(edition_2021())) {
    if (b.table != "applications") continue;
    for (const TemplateAxis &r : b.rows) {
      Row row{r.label, {}};
      for (int c = 0; c < 7; ++c) row.values.push_back(std::to_string(100 * i + c));
      rows.push_back(row);
      ++i;
    }
  }
  return rows;
}

double value(const TemplateValues &v, const std::string &key) {
  auto it = v.values.find(key);
  EXPECT_NE(it, v.values.end()) << key;
  return it == v.values.end() || !it->second.value ? -1 : *it->second.value;
}

bool warned(const TemplateValues &v, const std::string &code, const std::string &key) {
  return std::any_of(v.warnings.begin(), v.warnings.end(),
                     [&](const Warning &w) { return w.code == code && w.key == key; });
}

TEST(LabelSimilarity, NumberingSpacesAndWordingVariants) {
  EXPECT_DOUBLE_EQ(label_similarity("（三）不予公开", "(三)不予公开"), 1.0);
  EXPECT_DOUBLE_EQ(label_similarity("3、不予公开", "（三）不予公开"), 1.0);
  EXPECT_DOUBLE_EQ(label_similarity("总 计", "总计"), 1.0);
  EXPECT_DOUBLE_EQ(label_similarity("⼀、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量"), 1.0);
  EXPECT_GE(label_similarity("规范性文件", "行政规范性文件"), 0.8);
  // A group's numbering run into its row's, the label's tail wrapped away (a borderless scan).
  EXPECT_GE(label_similarity("(六) 11. 申请人无正当理由逾期不补正、行政机关",
                             "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            0.85);
  EXPECT_GE(label_similarity("其他组织", "其他"), 0.8);
  EXPECT_GE(label_similarity("1.属于国家秘蜜", "1.属于国家秘密"), 0.8) << "one OCR-style slip";
  EXPECT_LT(label_similarity("其他法律行政法规禁止公开", "其他"), 0.6) << "a short word inside a long label";
}

TEST(TemplateMapping, OfficialTableMapsEveryKey) {
  auto rows = official_rows();
  TemplateValues v = map_to_template({applications_grid(rows)}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "applications.new_received.natural_person"), 0);
  EXPECT_DOUBLE_EQ(value(v, "applications.withheld_state_secret.research_institution"), 402);
  EXPECT_DOUBLE_EQ(value(v, "applications.carried_forward.total"), 2406);
  EXPECT_TRUE(v.unmatched_rows.empty());
  EXPECT_FALSE(warned(v, "value_missing", "applications.total.total"));
}

TEST(TemplateMapping, RowsInAnotherOrder) {
  auto rows = official_rows();
  std::mt19937 shuffle_with(7);
  std::shuffle(rows.begin(), rows.end(), shuffle_with);
  TemplateValues v = map_to_template({applications_grid(rows)}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "applications.withheld_state_secret.research_institution"), 402);
  EXPECT_DOUBLE_EQ(value(v, "applications.other_misc.other_organization"), 2205);
}

TEST(TemplateMapping, ExtraAgencyRowIsKeptAsUnmatched) {
  auto rows = official_rows();
  rows.insert(rows.begin() + 5, Row{"（八）本机关自定的统计项", {"1", "2", "3", "4", "5", "6", "21"}});
  TemplateValues v = map_to_template({applications_grid(rows)}, edition_2021());
  ASSERT_EQ(v.unmatched_rows.size(), 1u);
  EXPECT_EQ(v.unmatched_rows[0].label, "（八）本机关自定的统计项");
  EXPECT_EQ(v.unmatched_rows[0].cells.size(), 7u);
  EXPECT_DOUBLE_EQ(value(v, "applications.partially_granted.natural_person"), 300);
}

TEST(TemplateMapping, MissingRowIsNullWithAWarning) {
  auto rows = official_rows();
  rows.erase(rows.begin() + 4);  // 1.属于国家秘密
  TemplateValues v = map_to_template({applications_grid(rows)}, edition_2021());
  EXPECT_FALSE(v.values.count("applications.withheld_state_secret.natural_person"));
  EXPECT_TRUE(warned(v, "value_missing", "applications.withheld_state_secret.total"));
  EXPECT_DOUBLE_EQ(value(v, "applications.withheld_prohibited_by_law.natural_person"), 500);
}

TEST(TemplateMapping, EditionWordingAndNumberingVariants) {
  auto rows = official_rows();
  rows[0].label = "1、本年新收政府信息公开申请数量";
  rows[2].label = "(一)予以公开";
  rows[4].label = "1.属于国家秘蜜";
  TemplateValues v = map_to_template({applications_grid(rows)}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "applications.new_received.total"), 6);
  EXPECT_DOUBLE_EQ(value(v, "applications.granted.total"), 206);
  EXPECT_DOUBLE_EQ(value(v, "applications.withheld_state_secret.total"), 406);
}

TEST(TemplateMapping, AgencyTyposOmissionsAndStraySpacesInLabels) {
  // As published: a word dropped (法规禁 of 其他法律行政法规禁止公开), a character swapped, the
  // quotation marks lost, spaces inside words.
  auto rows = official_rows();
  rows[5].label = "2.其他法律行政止公开";
  rows[6].label = "3.危及三安全一稳定";
  rows[3].label = "（二 ）部 分 公开（区分处理的，只计这一情形，不计其他情形）";
  rows[23].label = "（七）总 计";
  TemplateValues v = map_to_template({applications_grid(rows)}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "applications.withheld_prohibited_by_law.total"), 506);
  EXPECT_DOUBLE_EQ(value(v, "applications.withheld_security_stability.natural_person"), 600);
  EXPECT_DOUBLE_EQ(value(v, "applications.partially_granted.total"), 306);
  EXPECT_DOUBLE_EQ(value(v, "applications.total.total"), 2306);
  EXPECT_TRUE(v.unmatched_rows.empty());
}

TEST(TemplateMapping, TheOtherEditionsSingleRowIsNotForcedIntoSubRows) {
  auto rows = official_rows();
  // A 2021 table printing the 2019 form's single （六）其他处理 row instead of its three sub-rows.
  rows.erase(rows.begin() + 20, rows.begin() + 23);
  rows.insert(rows.begin() + 20, Row{"（六）其他处理", {"0", "0", "0", "0", "0", "0", "0"}});
  TemplateValues v = map_to_template({applications_grid(rows)}, edition_2021());
  EXPECT_FALSE(v.values.count("applications.other_misc.total"));
  ASSERT_EQ(v.unmatched_rows.size(), 1u);
  EXPECT_EQ(v.unmatched_rows[0].reason,
            "a row of the 2019 form: the 2021 form splits it into sub-rows, which are left empty");
}

TEST(TemplateMapping, ActiveDisclosureIn2019WordingInsideA2021Report) {
  // Label column, three value columns; the header row and rows as a 2019-minded agency prints them.
  layout::Table t;
  t.cols = 4;
  t.rows = 3;
  const std::vector<std::vector<std::string>> text = {{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
                                                      {"规章", "1", "0", "5"},
                                                      {"规范性文件", "12", "3", "48"}};
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) {
      layout::Cell x;
      x.row = r, x.col = c, x.page = 1, x.text = text[r][c];
      t.cells.push_back(x);
    }
  TemplateValues v = map_to_template({t}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.normative_documents.in_force"), 48);
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.regulations.issued"), 1);
}

// A grid from rows of (text, colspan) cells, each row filling the table's width.
layout::Table grid(const std::vector<std::vector<std::pair<std::string, int>>> &rows) {
  layout::Table t;
  t.method = "lattice";
  t.rows = static_cast<int>(rows.size());
  for (int r = 0; r < t.rows; ++r) {
    int col = 0;
    for (const auto &[text, span] : rows[static_cast<size_t>(r)]) {
      layout::Cell x;
      x.row = r, x.col = col, x.colspan = span, x.page = 1, x.text = text;
      t.cells.push_back(x);
      col += span;
    }
    t.cols = std::max(t.cols, col);
  }
  return t;
}

TEST(TemplateMapping, HeaderReadAsOneCellWithTheLabelColumnsHeader) {
  // A scan lost the ruling between 信息内容 and 本年处理决定数量; its OCR added a seal's edge.
  layout::Table t = grid({{{"第二十条第（六）项", 4}},
                          {{"信息内容本年处理决定数量 WA", 4}},
                          {{"行政处罚", 1}, {"7", 3}},
                          {{"行政强制", 1}, {"0", 3}},
                          {{"第二十条第（八）项 \\\\___", 4}},
                          {{"信息内容", 1}, {"本年收费金额（单位：万元） SN", 3}},
                          {{"行政事业性收费", 1}, {"3885", 3}}});
  TemplateValues v = map_to_template({t}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.penalty.decisions"), 7);
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.coercion.decisions"), 0);
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.fees.amount"), 3885);
}

// A scan's misread row labels (规 for 规章, 4骨!范性文件 for 行政规范性文件: under the bar of a
// match) still name their rows under a header read surely, and are said to be uncertain.
// Under a header read no better than they are, they stay unmatched.
TEST(TemplateMapping, MisreadRowLabelsUnderASureHeaderAreUncertainMatches) {
  auto table = [](const std::string &issued_header) {
    return grid({{{"第二十条第（一）项", 4}},
                 {{"信息内容", 1}, {issued_header, 1}, {"本年废止件数", 1}, {"现行有效件数", 1}},
                 {{"规", 1}, {"0", 1}, {"2", 1}, {"0", 1}},
                 {{"4骨!范性文件", 1}, {"1", 1}, {"0", 1}, {"1", 1}}});
  };
  ASSERT_LT(label_similarity("规", "规章"), 0.6);
  ASSERT_LT(label_similarity("4骨!范性文件", "行政规范性文件"), 0.6);
  TemplateValues v = map_to_template({table("本年制发件数")}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.regulations.repealed"), 2);
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.normative_documents.issued"), 1);
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.normative_documents.in_force"), 1);
  EXPECT_TRUE(warned(v, "label_uncertain", "active_disclosure.regulations.repealed"));
  EXPECT_TRUE(warned(v, "label_uncertain", "active_disclosure.normative_documents.issued"));
  EXPECT_TRUE(v.unmatched_rows.empty());
  // A label a page break cut short, half like the next row's (matched by its own label): no
  // match of that row, and its values are still found.
  auto rows = official_rows();
  for (Row &r : rows)
    if (r.label.find("逾期不补正") != std::string::npos) r.label = "1.申请人无正当理由逾期不补正、";
  TemplateValues cut = map_to_template({applications_grid(rows)}, edition_2021());
  auto printed_total = [](const std::string &words) {
    for (const Row &r : official_rows())
      if (r.label.find(words) != std::string::npos) return std::stod(r.values[6]);
    return -1.0;
  };
  EXPECT_DOUBLE_EQ(value(cut, "applications.other_no_correction.total"), printed_total("逾期不补正"));
  EXPECT_DOUBLE_EQ(value(cut, "applications.other_fee_unpaid.total"), printed_total("逾期未按收费通知"));
  // The issued column's header misread too: its cells match nothing, neither their own labels
  // being sure; the row's other cells are placed.
  TemplateValues unsure = map_to_template({table("本年制友忤数")}, edition_2021());
  EXPECT_FALSE(unsure.values.count("active_disclosure.normative_documents.issued"));
  EXPECT_DOUBLE_EQ(value(unsure, "active_disclosure.normative_documents.in_force"), 1);
}

// A speck OCR read as a dash left of a header line's words makes it no row of values.
TEST(TemplateMapping, AMarkLeftOfAHeaderLinesWordsIsNoValue) {
  layout::Table t = grid({{{"第二十条第（八）项", 3}},
                          {{"-", 1}, {"信息内容", 1}, {"本年收费金额（单位：万元）", 1}},
                          {{"", 1}, {"行政事业性收费", 1}, {"46.668", 1}}});
  TemplateValues v = map_to_template({t}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.fees.amount"), 46.668);
  EXPECT_TRUE(v.unmatched_rows.empty());
}

TEST(TemplateMapping, AnAmountInAnotherUnitOfMoneyIsConvertedAndSaidSo) {
  // The form counts fees in 万元; one agency heads the column （单位：元）, another prints 元 in
  // the cell. Read as printed, both would be 10,000 times too large.
  layout::Table t = grid({{{"第二十条第（八）项", 2}},
                          {{"信息内容", 1}, {"本年收费金额（单位：元）", 1}},
                          {{"行政事业性收费", 1}, {"251000", 1}}});
  TemplateValues v = map_to_template({t}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.fees.amount"), 25.1);
  EXPECT_TRUE(warned(v, "unit_converted", "active_disclosure.fees.amount"));
  EXPECT_EQ(v.values.at("active_disclosure.fees.amount").unit, "元");
  layout::Table in_cell = grid({{{"第二十条第（八）项", 2}},
                                {{"信息内容", 1}, {"本年收费金额（单位：万元）", 1}},
                                {{"行政事业性收费", 1}, {"380000元", 1}}});
  TemplateValues w = map_to_template({in_cell}, edition_2021());
  EXPECT_DOUBLE_EQ(value(w, "active_disclosure.fees.amount"), 38);
  EXPECT_TRUE(warned(w, "unit_converted", "active_disclosure.fees.amount"));
  // Printed in the form's own unit: nothing to say.
  layout::Table same =
      grid({{{"信息内容", 1}, {"本年收费金额（单位：万元）", 1}}, {{"行政事业性收费", 1}, {"38万元", 1}}});
  TemplateValues x = map_to_template({same}, edition_2021());
  EXPECT_DOUBLE_EQ(value(x, "active_disclosure.fees.amount"), 38);
  EXPECT_FALSE(warned(x, "unit_converted", "active_disclosure.fees.amount"));
}

TEST(TemplateMapping, AValueThatBreaksItsColumnsTypeIsFlagged) {
  layout::Table t = grid({{{"信息内容", 1}, {"本年制发件数", 1}, {"本年废止件数", 1}, {"现行有效件数", 1}},
                          {{"规章", 1}, {"1.234", 1}, {"-3", 1}, {"5", 1}}});
  TemplateValues v = map_to_template({t}, edition_2021());
  EXPECT_TRUE(warned(v, "value_type", "active_disclosure.regulations.issued")) << "a count with decimals";
  EXPECT_TRUE(warned(v, "value_type", "active_disclosure.regulations.repealed")) << "a negative count";
  EXPECT_FALSE(warned(v, "value_type", "active_disclosure.regulations.in_force"));
}

TEST(TemplateMapping, AGroupsClauseJoinedToItsColumnHeaderIsMatchedWithoutIt) {
  // A borderless table's stacked header lines joined without a space: 第二十条第（五）项 over
  // 本年处理决定数量, read as one header.
  layout::Table t = grid({{{"信息内容", 1}, {"第二十条第（五）项本年处理决定数量", 1}},
                          {{"行政许可", 1}, {"950", 1}},
                          {{"信息内容", 1}, {"第二十条第（六）项本年处理决定数量", 1}},
                          {{"行政处罚", 1}, {"105", 1}},
                          {{"行政强制", 1}, {"0", 1}}});
  TemplateValues v = map_to_template({t}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.licensing.decisions"), 950);
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.penalty.decisions"), 105);
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.coercion.decisions"), 0);
  EXPECT_TRUE(v.unmatched_rows.empty());
}

layout::Table review_grid(std::vector<std::pair<std::string, int>> top, std::vector<std::pair<std::string, int>> middle,
                          std::vector<std::pair<std::string, int>> bottom);

TEST(TemplateMapping, AHeaderRowWithOneWordMisreadAsANumberIsNoRowOfValues) {
  // A scan read the 未 of 未经复议直接起诉 as 2: its header row still names the columns.
  const std::vector<std::string> leaves = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  std::vector<std::pair<std::string, int>> top = {{"行政复议", 5}, {"行政诉讼", 10}}, middle, bottom(5, {"", 1});
  for (const auto &l : leaves) middle.push_back({l, 1});
  middle.insert(middle.end(), {{"2", 1}, {"经复议直接起诉", 4}, {"复议后起诉", 5}});
  for (int g = 0; g < 2; ++g)
    for (const auto &l : leaves) bottom.push_back({l, 1});
  TemplateValues v = map_to_template({review_grid(top, middle, bottom)}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.administrative_review.upheld"), 0);
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.administrative_review.total"), 4);
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.litigation_direct.upheld"), 5);
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.litigation_after_review.total"), 14);
}

TEST(TemplateMapping, UnreadableLeafOfAHeaderNamedRowTakesItsPlaceBetweenItsNeighbours) {
  // The review table names its rows in the header; a scan read 结果纠正 as 结果全 under one of
  // them and 总计 as 计 under another.
  const std::vector<std::string> leaves = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  std::vector<std::pair<std::string, int>> top = {{"行政复议", 5}, {"行政诉讼", 10}};
  std::vector<std::pair<std::string, int>> middle, bottom, values;
  for (const auto &l : leaves) middle.push_back({l == "结果纠正" ? "结果全" : l, 1});
  middle.push_back({"未经复议直接起诉", 5});
  middle.push_back({"复议后起诉", 5});
  for (int g = 0; g < 2; ++g)
    for (const auto &l : leaves) bottom.push_back({g == 0 && l == "总计" ? "计" : l, 1});
  for (int i = 0; i < 15; ++i) values.push_back({std::to_string(i), 1});
  // The five leaves of 行政复议 span the header's two rows: an empty slot under each stands in.
  std::vector<std::pair<std::string, int>> second = {{"", 1}, {"", 1}, {"", 1}, {"", 1}, {"", 1}};
  second.insert(second.end(), bottom.begin(), bottom.end());
  TemplateValues v = map_to_template({grid({top, middle, second, values})}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.administrative_review.corrected"), 1);
  EXPECT_TRUE(warned(v, "label_inferred", "review_litigation.administrative_review.corrected"));
  EXPECT_EQ(v.values.at("review_litigation.administrative_review.corrected").placed_by, Placement::header_named);
  EXPECT_EQ(v.values.at("review_litigation.administrative_review.upheld").placed_by, Placement::label_match);
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.administrative_review.upheld"), 0);
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.litigation_direct.total"), 9);
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.litigation_after_review.corrected"), 11);
  EXPECT_FALSE(warned(v, "label_inferred", "review_litigation.litigation_after_review.corrected"));
}

// The review table's 15 values under a header whose row names and leaves the caller gives.
layout::Table review_grid(std::vector<std::pair<std::string, int>> top, std::vector<std::pair<std::string, int>> middle,
                          std::vector<std::pair<std::string, int>> bottom) {
  std::vector<std::pair<std::string, int>> values;
  for (int i = 0; i < 15; ++i) values.push_back({std::to_string(i), 1});
  return grid({std::move(top), std::move(middle), std::move(bottom), values});
}

TEST(TemplateMapping, ARowOfExactlyTheFormsValuesUnderAMisalignedHeaderTakesTheFormsOrder) {
  // A borderless scan (r011-029): 行政复议 was widened over the first column of 行政诉讼, so
  // that column's 结果维持 reads as 行政复议's; every other leaf is where the form has it.
  const std::vector<std::string> leaves = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  std::vector<std::pair<std::string, int>> middle, bottom(5, {"", 1});
  for (const auto &l : leaves) middle.push_back({l, 1});
  middle.insert(middle.end(), {{"", 1}, {"未经复议直接起诉", 4}, {"复议后起诉", 5}});
  for (int g = 0; g < 2; ++g)
    for (const auto &l : leaves) bottom.push_back({l, 1});
  TemplateValues v = map_to_template({review_grid({{"行政复议", 6}, {"行政诉讼", 9}}, middle, bottom)}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.administrative_review.upheld"), 0);
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.litigation_direct.upheld"), 5);
  EXPECT_TRUE(warned(v, "label_inferred", "review_litigation.litigation_direct.upheld"));
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.litigation_direct.corrected"), 6);
  EXPECT_FALSE(warned(v, "label_inferred", "review_litigation.litigation_direct.corrected"));
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.litigation_after_review.total"), 14);
}

TEST(TemplateMapping, ARowOfValuesWhoseLastOneReadsAsALetterIsStillARowOfValues) {
  // A bitonal scan read the review table's last 0 as U: fourteen values left of one word are a
  // row of values, not a header line with a speck before it.
  const std::vector<std::string> leaves = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  std::vector<std::pair<std::string, int>> top = {{"行政复议", 5}, {"行政诉讼", 10}}, middle, bottom(5, {"", 1});
  for (const auto &l : leaves) middle.push_back({l, 1});
  middle.insert(middle.end(), {{"未经复议直接起诉", 5}, {"复议后起诉", 5}});
  for (int g = 0; g < 2; ++g)
    for (const auto &l : leaves) bottom.push_back({l, 1});
  std::vector<std::pair<std::string, int>> values;
  for (int i = 0; i < 14; ++i) values.push_back({std::to_string(i), 1});
  values.push_back({"U", 1});
  TemplateValues v = map_to_template({grid({top, middle, bottom, values})}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.administrative_review.upheld"), 0);
  EXPECT_DOUBLE_EQ(value(v, "review_litigation.litigation_after_review.pending"), 13);
  EXPECT_TRUE(warned(v, "value_unreadable", "review_litigation.litigation_after_review.total"));
}

TEST(TemplateMapping, ARowOfExactlyTheFormsValuesUnderAnUnreadableHeaderTakesTheFormsOrder) {
  // Stacked one-character leaves a scan read as noise; only the row names were read.
  std::vector<std::pair<std::string, int>> noise(15, {"二 王", 1});
  TemplateValues v = map_to_template({review_grid({{"行政复议", 5}, {"行政诉讼", 10}}, noise, noise)}, edition_2021());
  for (int i = 0; i < 15; ++i) {
    static const char *rows[] = {"administrative_review", "litigation_direct", "litigation_after_review"};
    static const char *cols[] = {"upheld", "corrected", "other", "pending", "total"};
    std::string key = std::string("review_litigation.") + rows[i / 5] + "." + cols[i % 5];
    EXPECT_DOUBLE_EQ(value(v, key), i);
    EXPECT_TRUE(warned(v, "label_inferred", key));
    EXPECT_EQ(v.values.at(key).placed_by, Placement::row_order) << key;
  }
  // One value short (two cells read as one): the order is not borne out, nothing is placed.
  layout::Table short_row = review_grid({{"行政复议", 5}, {"行政诉讼", 10}}, noise, noise);
  short_row.cells.pop_back();
  short_row.cells.back().colspan = 2;
  TemplateValues partial = map_to_template({short_row}, edition_2021());
  EXPECT_FALSE(partial.values.count("review_litigation.litigation_direct.total"));
}

TEST(TemplateMapping, ARowOfTheFormsValuesWhoseLeavesARowHeaderSpannedTooFarTakesTheFormsOrder) {
  // A stacked header read mostly as noise, 行政复议 read as spanning all fifteen columns: two of
  // its own leaves read right, and three of 行政诉讼's, which its span names as its own. Those
  // name the right column under another row: no vote against the form's order.
  std::vector<std::pair<std::string, int>> leaves(15, {"二 王", 1});
  leaves[1] = {"结果纠正", 1}, leaves[4] = {"总计", 1};
  leaves[5] = {"结果维持", 1}, leaves[10] = {"结果维持", 1}, leaves[12] = {"其他结果", 1};
  std::vector<std::pair<std::string, int>> noise(15, {"二 王", 1});
  TemplateValues v = map_to_template({review_grid({{"行政复议", 15}}, leaves, noise)}, edition_2021());
  static const char *rows[] = {"administrative_review", "litigation_direct", "litigation_after_review"};
  static const char *cols[] = {"upheld", "corrected", "other", "pending", "total"};
  for (int i = 0; i < 15; ++i) {
    std::string key = std::string("review_litigation.") + rows[i / 5] + "." + cols[i % 5];
    EXPECT_DOUBLE_EQ(value(v, key), i) << key;
  }
  EXPECT_TRUE(warned(v, "label_inferred", "review_litigation.litigation_direct.upheld"));
}

TEST(TemplateMapping, ARowFillingTheReviewTableUnderItsLeavesAloneTakesTheFormsOrder) {
  // A skewed scan: the header row naming 行政复议 / 行政诉讼 went to the table above; the leaves
  // (结果维持 … 总计, three times) and the row of fifteen values are left.
  const std::vector<std::string> names = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  std::vector<std::pair<std::string, int>> leaves, values;
  for (int i = 0; i < 15; ++i) {
    leaves.push_back({names[static_cast<size_t>(i % 5)], 1});
    values.push_back({std::to_string(i), 1});
  }
  TemplateValues v = map_to_template({grid({leaves, values})}, edition_2021());
  static const char *rows[] = {"administrative_review", "litigation_direct", "litigation_after_review"};
  static const char *cols[] = {"upheld", "corrected", "other", "pending", "total"};
  for (int i = 0; i < 15; ++i) {
    std::string key = std::string("review_litigation.") + rows[i / 5] + "." + cols[i % 5];
    EXPECT_DOUBLE_EQ(value(v, key), i) << key;
    EXPECT_TRUE(warned(v, "label_inferred", key)) << key;
  }
  // Under a header that prints none of the table's labels, nothing says it is that table.
  std::vector<std::pair<std::string, int>> noise(15, {"二 王", 1});
  EXPECT_FALSE(map_to_template({grid({noise, values})}, edition_2021())
                   .values.count("review_litigation.litigation_direct.total"));
}

TEST(TemplateMapping, GroupWhoseHeaderIsUnreadableTakesTheSameHeadersFromTheOtherGroups) {
  // 2019's grouped 主动公开 table; the 第二十条第（八）项 group's header row came out as noise.
  layout::Table t = grid({{{"第二十条第（五）项", 4}},
                          {{"信息内容", 1}, {"上一年项目数量", 1}, {"本年增/减", 1}, {"处理决定数量", 1}},
                          {{"行政许可", 1}, {"92", 1}, {"0", 1}, {"0", 1}},
                          {{"其他对外管理服务事项", 1}, {"3", 1}, {"2", 1}, {"84", 1}},
                          {{"第二十条第（八）项", 4}},
                          {{"信 总 工", 1}, {"上 二 贡", 1}, {"木 了", 1}, {"", 1}},
                          {{"行政事业性收费", 1}, {"73", 1}, {"-1", 1}, {"", 1}}});
  static const TemplateSpec spec = official_template_spec();
  TemplateValues v = map_to_template({t}, spec.edition("2019"));
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.fees.items_last_year"), 73);
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.fees.change"), -1);
  EXPECT_TRUE(warned(v, "label_inferred", "active_disclosure.fees.change"));
  EXPECT_EQ(v.values.at("active_disclosure.fees.change").placed_by, Placement::between_neighbours);
  // What was printed beside and above it, as read, for a reader asking why it is there.
  EXPECT_EQ(v.values.at("active_disclosure.fees.change").row_labels, std::vector<std::string>{"行政事业性收费"});
  // (The noise row is no header to the mapper: the group's is all it read above.)
  EXPECT_EQ(v.values.at("active_disclosure.fees.change").column_labels, std::vector<std::string>{"第二十条第（八）项"});
}

TEST(TemplateMapping, UnreadableHeadersTakeTheFormsColumnOrderAndAreFlagged) {
  layout::Table t = applications_grid(official_rows());
  for (layout::Cell &c : t.cells)
    if (c.row == 0) c.text = "囗囗";  // a scan whose header row OCR could not read
  TemplateValues v = map_to_template({t}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "applications.withheld_state_secret.research_institution"), 402);
  EXPECT_DOUBLE_EQ(value(v, "applications.carried_forward.total"), 2406);
  EXPECT_TRUE(warned(v, "label_inferred", "applications.carried_forward.total"));
  EXPECT_LT(v.values.at("applications.carried_forward.total").label_score, 0.6);
  EXPECT_EQ(v.values.at("applications.carried_forward.total").placed_by, Placement::column_order);
}

TEST(TemplateMapping, TwoUnreadableHeadersSideBySideArePlacedOneFromTheOther) {
  // A scan's stacked 自然人 and 商业企业 read as noise; the rest of the header is readable.
  layout::Table t = applications_grid(official_rows());
  for (layout::Cell &c : t.cells)
    if (c.row == 0 && (c.col == 1 || c.col == 2)) c.text = "下 >";
  TemplateValues v = map_to_template({t}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "applications.new_received.natural_person"), 0);
  EXPECT_DOUBLE_EQ(value(v, "applications.new_received.commercial_enterprise"), 1);
  EXPECT_TRUE(warned(v, "label_inferred", "applications.new_received.natural_person"));
  EXPECT_EQ(v.values.at("applications.new_received.natural_person").placed_by, Placement::between_neighbours);
  EXPECT_EQ(v.values.at("applications.new_received.research_institution").placed_by, Placement::label_match);
  EXPECT_DOUBLE_EQ(value(v, "applications.carried_forward.natural_person"), 2400);
}

TEST(TemplateMapping, HeadersOutOfTheFormsOrderYieldToItWhereMostAgree) {
  // A skewed scan's stacked leaves: 社会公益组织 unreadable, 法律 and 其他 run together and matched
  // to 其他组织, which the next column's header names too.
  layout::Table t = applications_grid(official_rows());
  for (layout::Cell &c : t.cells)
    if (c.row == 0 && c.col == 4)
      c.text = "囗 ，";
    else if (c.row == 0 && c.col == 5)
      c.text = "法律其他";
  TemplateValues v = map_to_template({t}, edition_2021());
  const std::string legal = "applications.granted.legal_service_agency";
  EXPECT_DOUBLE_EQ(value(v, legal), 204);
  // By the form's order (its neighbours' slots leave it this one, as the order does).
  EXPECT_NE(v.values.at(legal).placed_by, Placement::label_match);
  EXPECT_TRUE(warned(v, "label_inferred", legal));
  EXPECT_DOUBLE_EQ(value(v, "applications.granted.social_welfare_organization"), 203);
  EXPECT_DOUBLE_EQ(value(v, "applications.granted.other_organization"), 205);
  EXPECT_EQ(v.values.at("applications.granted.other_organization").placed_by, Placement::label_match);
  for (const Warning &w : v.warnings) EXPECT_NE(w.code, "value_conflict") << w.key;
  // Where the headers mostly disagree with the order, they are not overruled.
  layout::Table shuffled = applications_grid(official_rows());
  for (layout::Cell &c : shuffled.cells)
    if (c.row == 0 && c.col >= 1 && c.col <= 4) c.text = applicant_headers[4 - c.col];
  TemplateValues kept = map_to_template({shuffled}, edition_2021());
  EXPECT_DOUBLE_EQ(value(kept, "applications.granted.natural_person"), 203);
  EXPECT_EQ(kept.values.at("applications.granted.natural_person").placed_by, Placement::label_match);
}

TEST(TemplateMapping, PrintedZerosBlanksAndUnreadableText) {
  auto rows = official_rows();
  rows[0].values = {"—", "", "/", "无", "１２", "1,234", "abc"};
  TemplateValues v = map_to_template({applications_grid(rows)}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "applications.new_received.natural_person"), 0);
  EXPECT_EQ(v.values.at("applications.new_received.natural_person").kind, normalize::NumberKind::zero_mark);
  EXPECT_EQ(v.values.at("applications.new_received.commercial_enterprise").kind, normalize::NumberKind::blank);
  EXPECT_DOUBLE_EQ(value(v, "applications.new_received.legal_service_agency"), 12);
  EXPECT_DOUBLE_EQ(value(v, "applications.new_received.other_organization"), 1234);
  EXPECT_FALSE(v.values.at("applications.new_received.total").value.has_value());
  EXPECT_EQ(v.values.at("applications.new_received.total").raw, "abc");
  EXPECT_TRUE(warned(v, "value_unreadable", "applications.new_received.total"));
}

TEST(TemplateMapping, InkOcrCouldNotReadIsUnknownNotZero) {
  auto rows = official_rows();
  layout::Table t = applications_grid(rows);
  for (layout::Cell &c : t.cells)
    if (c.row == 1 && c.col == 2) c.text = "", c.confidence = 0;  // marks under a seal, unread
  TemplateValues v = map_to_template({t}, edition_2021());
  EXPECT_FALSE(v.values.at("applications.new_received.commercial_enterprise").value.has_value());
  EXPECT_TRUE(warned(v, "value_unreadable", "applications.new_received.commercial_enterprise"));
  // A blank that OCR saw as blank (confidence 1) stays a printed zero.
  for (layout::Cell &c : t.cells)
    if (c.row == 1 && c.col == 2) c.confidence = 1;
  EXPECT_DOUBLE_EQ(value(map_to_template({t}, edition_2021()), "applications.new_received.commercial_enterprise"), 0);
}

TEST(TemplateMapping, TwoReadingsThatDisagreeAreBothNamed) {
  auto rows = official_rows();
  layout::Table t = applications_grid(rows);
  for (layout::Cell &c : t.cells)
    if (c.row == 1 && c.col == 2) c.text = "3", c.confidence = 0.5, c.other_reading = "8";
  TemplateValues v = map_to_template({t}, edition_2021());
  const std::string key = "applications.new_received.commercial_enterprise";
  EXPECT_DOUBLE_EQ(value(v, key), 3) << "the page's reading kept";
  EXPECT_EQ(v.values.at(key).other_reading, "8");
  auto said = std::find_if(v.warnings.begin(), v.warnings.end(), [&](const Warning &w) { return w.key == key; });
  ASSERT_NE(said, v.warnings.end());
  EXPECT_EQ(said->code, "low_confidence");
  EXPECT_NE(said->message.find("'3'"), std::string::npos);
  EXPECT_NE(said->message.find("'8'"), std::string::npos);
}

TEST(TemplateMapping, TwoCellsForOneKeyLeaveNoNumberUnsaid) {
  // The same rows read twice (two tables taken for the same part of the form): the second
  // one's numbers are named in a warning on the key, not dropped silently.
  layout::Table first = grid({{{"信息内容", 1}, {"本年处理决定数量", 1}}, {{"行政许可", 1}, {"950", 1}}});
  layout::Table second = grid({{{"信息内容", 1}, {"本年处理决定数量", 1}}, {{"行政许可", 1}, {"951", 1}}});
  TemplateValues v = map_to_template({first, second}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "active_disclosure.licensing.decisions"), 950);
  ASSERT_TRUE(warned(v, "value_conflict", "active_disclosure.licensing.decisions"));
  auto w =
      std::find_if(v.warnings.begin(), v.warnings.end(), [](const Warning &x) { return x.code == "value_conflict"; });
  EXPECT_NE(w->message.find("951"), std::string::npos);
}

TEST(TemplateMapping, ATieBetweenKeysIsSaid) {
  // 行政 names 行政许可, 行政处罚 and 行政强制 equally; 本年处理决定数量 heads all three.
  layout::Table t = grid({{{"信息内容", 1}, {"本年处理决定数量", 1}}, {{"行政", 1}, {"5", 1}}});
  TemplateValues v = map_to_template({t}, edition_2021());
  ASSERT_EQ(v.values.size(), 1u);
  EXPECT_TRUE(warned(v, "label_tie", v.values.begin()->first));
}

TEST(TemplateMapping, AWeakLabelMatchIsSaidToBeUncertain) {
  auto rows = official_rows();
  rows[5].label = "2.其他法律行政止公开";  // the agency's typo (hongze-2024): a 0.82 match
  TemplateValues v = map_to_template({applications_grid(rows)}, edition_2021());
  EXPECT_DOUBLE_EQ(value(v, "applications.withheld_prohibited_by_law.total"), 506);
  EXPECT_TRUE(warned(v, "label_uncertain", "applications.withheld_prohibited_by_law.total"));
  EXPECT_FALSE(warned(v, "label_uncertain", "applications.withheld_state_secret.total"));
  // Two weak labels at once (the typo's row under a header a scan read short) score under the
  // bar of a match, but it is still a match of its own labels: uncertain, not inferred.
  layout::Table t = applications_grid(rows);
  for (layout::Cell &c : t.cells)
    if (c.row == 0 && c.text == "总计") c.text = "总数计";
  double row = label_similarity("2.其他法律行政止公开", "2.其他法律行政法规禁止公开");
  double column = label_similarity("总数计", "总计");
  ASSERT_GE(std::min(row, column), 0.6) << "each label alone matches";
  ASSERT_LT(row * column, 0.6) << "but not both together";
  TemplateValues weak = map_to_template({t}, edition_2021());
  const std::string key = "applications.withheld_prohibited_by_law.total";
  EXPECT_DOUBLE_EQ(value(weak, key), 506);
  EXPECT_EQ(weak.values.at(key).placed_by, Placement::label_match);
  EXPECT_TRUE(warned(weak, "label_uncertain", key));
  EXPECT_FALSE(warned(weak, "label_inferred", key));
}

TEST(Validation, FailedRuleNamesRuleColumnAndBothSides) {
  ValueMap values;
  for (const std::string &key : template_keys(edition_2021())) values[key] = 0;
  values["applications.new_received.natural_person"] = 5;
  values["applications.total.natural_person"] = 3;
  values["applications.granted.natural_person"] = 3;
  values["applications.new_received.total"] = 5;
  values["applications.total.total"] = 3;
  values["applications.granted.total"] = 3;
  Validation v = validate(values, edition_2021());
  ASSERT_EQ(v.failed.size(), 2u) << "balance fails on 自然人 and on 总计; nothing else";
  EXPECT_EQ(v.failed[0].rule, "applications.balance");
  EXPECT_EQ(v.failed[0].on, "natural_person");
  EXPECT_DOUBLE_EQ(v.failed[0].sum.total, 5);
  EXPECT_DOUBLE_EQ(v.failed[0].equals.total, 3);
  EXPECT_EQ(v.failed[0].sum.keys.front(), "applications.new_received.natural_person");
  EXPECT_EQ(v.skipped, 0);
  EXPECT_GT(v.passed, 30);
}

TEST(Validation, UnknownValueSkipsOnlyItsChecks) {
  ValueMap values;
  for (const std::string &key : template_keys(edition_2021())) values[key] = 0;
  values["review_litigation.litigation_direct.pending"] = std::nullopt;
  Validation v = validate(values, edition_2021());
  EXPECT_EQ(v.skipped, 1);
  EXPECT_TRUE(v.failed.empty());
  // Its row's other values took part in no check that ran: nothing confirmed them.
  auto unconfirmed = [&](const std::string &key) {
    return std::count(v.unconfirmed.begin(), v.unconfirmed.end(), "review_litigation." + key) == 1;
  };
  EXPECT_TRUE(unconfirmed("litigation_direct.total"));
  EXPECT_TRUE(unconfirmed("litigation_direct.upheld"));
  EXPECT_FALSE(unconfirmed("litigation_direct.pending"));  // unknown itself
  EXPECT_FALSE(unconfirmed("administrative_review.total"));
}

}  // namespace
}  // namespace xxgk::report

namespace xxgk::report {
namespace {

// A table broken in two (a scan's unreadable row between the parts, or a page break without
// the header repeated): the second part has no header, and its values are placed in the
// columns they stand under in the first part's headers, not by their count in the row. Here
// its rows print fewer cells than columns (blank zeros as no cell at all), so counting would
// shift them left.
TEST(TemplateMapping, AHeaderlessPartTakesTheColumnsItsValuesStandUnder) {
  std::vector<Row> rows = official_rows();
  std::vector<Row> first(rows.begin(), rows.begin() + 4), rest(rows.begin() + 4, rows.end());
  layout::Table top = applications_grid(first);
  layout::Table part;
  part.method = "stream";
  part.cols = 8;
  part.rows = static_cast<int>(rest.size());
  for (size_t r = 0; r < rest.size(); ++r) {
    auto cell = [&](int c, const std::string &text) {
      layout::Cell x;
      x.row = static_cast<int>(r), x.col = c, x.page = 2, x.text = text;
      x.bbox = {100.0 * c, 20.0 * r, 100.0 * (c + 1), 20.0 * (r + 1)};
      part.cells.push_back(x);
    };
    cell(0, rest[r].label);
    // The second applicant column left out: its value is blank, no word at all.
    for (int c = 0; c < 7; ++c)
      if (c != 1) cell(c + 1, rest[r].values[c]);
  }
  TemplateValues v = map_to_template({top, part}, edition_2021());
  int placed = 0;
  for (size_t r = 0; r < rest.size(); ++r)
    for (int c = 0; c < 7; ++c) {
      if (c == 1) continue;
      int row = static_cast<int>(r) + 4;
      const std::string key = "applications." + template_blocks(edition_2021())[4].rows[row].id + "." +
                              template_blocks(edition_2021())[4].columns[c].id;
      auto it = v.values.find(key);
      ASSERT_NE(it, v.values.end()) << key;
      EXPECT_EQ(it->second.raw, rest[r].values[c]) << key;
      EXPECT_EQ(it->second.placed_by, Placement::under_columns_above) << key;
      ++placed;
    }
  EXPECT_EQ(placed, static_cast<int>(rest.size()) * 6);
  // Under named headers the placement is as sure as a header match: no label_inferred.
  for (const Warning &w : v.warnings) EXPECT_NE(w.code, "label_inferred") << w.key;
}

// The <table>.<row>.<column> key, made and read in one place: exactly three ids, none empty;
// its value looked up without throwing on whatever a record's JSON holds.
TEST(TemplateKey, ThreeIdsExactlyAndLookupsThatNeverThrow) {
  EXPECT_EQ(template_key("applications", "received", "natural_person"), "applications.received.natural_person");
  std::optional<TemplateKey> k = parse_template_key("applications.received.natural_person");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->table, "applications");
  EXPECT_EQ(k->row, "received");
  EXPECT_EQ(k->column, "natural_person");
  for (const char *bad : {"", "a", "a.b", "a.b.c.d", "a..c", ".b.c", "a.b.", "meta.agency"})
    EXPECT_FALSE(parse_template_key(bad)) << bad;
  nlohmann::json tables = {{"a", {{"b", {{"c", 7}}}, {"s", "text"}}}};
  ASSERT_NE(json_at_key(tables, "a.b.c"), nullptr);
  EXPECT_EQ(*json_at_key(tables, "a.b.c"), 7);
  EXPECT_EQ(json_at_key(tables, "a.b.x"), nullptr);
  EXPECT_EQ(json_at_key(tables, "a.s.c"), nullptr) << "a string where a row's object should be";
  EXPECT_EQ(json_at_key(nlohmann::json::array(), "a.b.c"), nullptr);
  EXPECT_TRUE(set_at_key(tables, "x.y.z", 1));
  EXPECT_EQ(tables["x"]["y"]["z"], 1);
  EXPECT_FALSE(set_at_key(tables, "x.y", 1));
}

}  // namespace
}  // namespace xxgk::report
