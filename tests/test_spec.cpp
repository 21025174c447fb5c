#include <gtest/gtest.h>

#include "test_support.hpp"
#include "xxgk/report/template_spec.hpp"

namespace xxgk::report {
namespace {

TEST(TemplateSpec, CompiledInCopyHasBothEditions) {
  TemplateSpec spec = official_template_spec();
  for (const char *edition : {"2019", "2021"}) {
    const EditionSpec &e = spec.edition(edition);
    ASSERT_EQ(e.sections.size(), 6u) << edition;
    EXPECT_EQ(e.sections[0].title, "总体情况");
    EXPECT_EQ(e.sections[5].id, "other_matters");
    EXPECT_FALSE(e.rules.empty());
  }
  EXPECT_THROW(spec.edition("2008"), std::out_of_range);
}

// The repo carries its own copy of the spec so the binary needs no data directory; it must not
// drift from the shared one the truth files are keyed by.
TEST(TemplateSpec, RepoCopyMatchesSharedSpec) {
  XXGK_REQUIRE_SHARED();
  auto shared = nlohmann::json::parse(test::read_file(test::shared_dir() / "spec" / "annual-report-format.json"));
  auto ours = nlohmann::json::parse(test::read_file(test::source_dir() / "spec" / "annual-report-format.json"));
  EXPECT_EQ(shared, ours);
}

}  // namespace
}  // namespace xxgk::report
