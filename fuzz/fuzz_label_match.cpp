// Random tables of random labels and values mapped onto the official template: the label
// matcher and the mapping never crash, and every key they produce is one of the template's.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "xxgk/report/template_mapping.hpp"
#include "xxgk/report/template_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static const xxgk::report::TemplateSpec spec = xxgk::report::official_template_spec();
  // Real labels make the matcher work; random bytes make it cope.
  static const std::vector<std::string> words = {"信息内容",
                                                 "规章",
                                                 "行政许可",
                                                 "申请人情况",
                                                 "自然人",
                                                 "法人或其他组织",
                                                 "商业企业",
                                                 "总计",
                                                 "（一）予以公开",
                                                 "三、本年度办理结果",
                                                 "行政复议",
                                                 "结果维持",
                                                 "其他",
                                                 "—",
                                                 "0",
                                                 "12",
                                                 "1,234.5",
                                                 ""};
  FuzzedDataProvider in(data, size);
  const auto &edition = spec.edition(in.ConsumeBool() ? "2021" : "2019");
  xxgk::layout::Table table;
  table.rows = in.ConsumeIntegralInRange<int>(1, 30);
  table.cols = in.ConsumeIntegralInRange<int>(1, 16);
  int cells = in.ConsumeIntegralInRange<int>(0, table.rows * table.cols);
  for (int i = 0; i < cells; ++i) {
    xxgk::layout::Cell c;
    c.row = in.ConsumeIntegralInRange<int>(0, table.rows - 1);
    c.col = in.ConsumeIntegralInRange<int>(0, table.cols - 1);
    c.rowspan = in.ConsumeIntegralInRange<int>(1, table.rows - c.row);
    c.colspan = in.ConsumeIntegralInRange<int>(1, table.cols - c.col);
    c.text = in.ConsumeBool() ? words[in.ConsumeIntegralInRange<size_t>(0, words.size() - 1)]
                              : in.ConsumeRandomLengthString(16);
    c.confidence = in.ConsumeProbability<double>();
    c.page = 1;
    table.cells.push_back(c);
  }
  (void)xxgk::report::label_similarity(in.ConsumeRandomLengthString(20), in.ConsumeRandomLengthString(20));
  auto mapped = xxgk::report::map_to_template({table}, edition);
  static const auto keys = [] {
    std::set<std::string> all;
    for (const char *e : {"2019", "2021"})
      for (const auto &k : xxgk::report::template_keys(spec.edition(e))) all.insert(k);
    return all;
  }();
  for (const auto &[key, value] : mapped.values)
    if (!keys.count(key)) __builtin_trap();
  return 0;
}
