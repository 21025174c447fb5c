// Golden geometry (issue 24): the tables `xxgk tables` finds in each born-digital fixture,
// compared with fixtures/NAME.tables.json. A change in geometry shows up here as the first
// place it differs; when the change is meant, scripts/update-golden-tables.sh rewrites the
// files and their diff is reviewed with the change.

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

#include "test_support.hpp"

namespace xxgk {
namespace {

// Coordinates are printed to hundredths of a point: a build that rounds the last one the
// other way is the same geometry.
constexpr double same_coordinate = 0.011;

// The path to the first difference between `got` and `want`, or nothing.
std::optional<std::string> first_difference(const nlohmann::json &got, const nlohmann::json &want,
                                            const std::string &path) {
  if (got.is_number() && want.is_number()) {
    if (std::abs(got.get<double>() - want.get<double>()) <= same_coordinate) return std::nullopt;
    return path + ": " + got.dump() + " where the golden file has " + want.dump();
  }
  if (got.type() != want.type()) return path + ": " + got.dump() + " where the golden file has " + want.dump();
  if (got.is_array()) {
    if (got.size() != want.size())
      return path + ": " + std::to_string(got.size()) + " entries where the golden file has " +
             std::to_string(want.size());
    for (size_t i = 0; i < got.size(); ++i)
      if (auto d = first_difference(got[i], want[i], path + "[" + std::to_string(i) + "]")) return d;
    return std::nullopt;
  }
  if (got.is_object()) {
    for (const auto &[key, value] : want.items()) {
      if (!got.contains(key)) return path + "." + key + ": missing";
      if (auto d = first_difference(got[key], value, path + "." + key)) return d;
    }
    for (const auto &[key, value] : got.items())
      if (!want.contains(key)) return path + "." + key + ": not in the golden file";
    return std::nullopt;
  }
  if (got != want) return path + ": " + got.dump() + " where the golden file has " + want.dump();
  return std::nullopt;
}

class GoldenTables : public testing::TestWithParam<std::string> {};

TEST_P(GoldenTables, GeometryIsAsReviewed) {
  const std::string name = GetParam();
  test::CommandResult r = test::run_xxgk({"tables", test::fixture(name + ".pdf").string(), "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json got = nlohmann::json::parse(r.out);
  got["source"].erase("file");
  nlohmann::json want = nlohmann::json::parse(test::read_file(test::fixture(name + ".tables.json")));
  std::optional<std::string> difference = first_difference(got, want, name);
  EXPECT_FALSE(difference) << *difference
                           << "\n(a change meant to move geometry: scripts/update-golden-tables.sh, then review "
                              "the diff of fixtures/*.tables.json)";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenTables, testing::Values("sample-report", "landscape-table", "sample-rotated"),
                         [](const testing::TestParamInfo<std::string> &info) {
                           std::string name = info.param;
                           std::erase(name, '-');
                           return name;
                         });

TEST(GoldenTablesCompare, FindsTheFirstDifferenceAndToleratesRounding) {
  nlohmann::json want = {{"tables", {{{"rows", 3}, {"bbox", {1.0, 2.0}}}}}};
  nlohmann::json got = want;
  EXPECT_FALSE(first_difference(got, want, "t"));
  got["tables"][0]["bbox"][1] = 2.01;
  EXPECT_FALSE(first_difference(got, want, "t")) << "the last printed digit rounded the other way";
  got["tables"][0]["rows"] = 4;
  EXPECT_EQ(first_difference(got, want, "t").value_or(""), "t.tables[0].rows: 4 where the golden file has 3");
  got = want;
  got["tables"].push_back(want["tables"][0]);
  EXPECT_EQ(first_difference(got, want, "t").value_or(""), "t.tables: 2 entries where the golden file has 1");
}

}  // namespace
}  // namespace xxgk
