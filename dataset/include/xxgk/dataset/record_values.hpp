#pragma once
// A batch record (the JSON of `xxgk extract`, or an error record) read back for the dataset:
// its values one per template key, with what the record says about each.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace xxgk::dataset {

struct RecordValue {
  std::string key;                   // <table>.<row>.<column>, as the spec names it
  std::string table, row, column;    // the key's three parts
  std::optional<double> value;       // nullopt: the report's value is unknown (null)
  std::optional<double> confidence;  // from --provenance cells, else a low_confidence warning
  std::string raw;                   // the printed text (provenance only)
  int page = 0;                      // provenance only; 0 when not known
  std::vector<std::string> flags;    // warning codes on this key, in the record's order
};

// Every key of both editions (2021's first, then 2019's own) in spec order.
const std::vector<std::string> &all_template_keys();

// The record's values in spec order: every key its `tables` holds (an error record has none).
std::vector<RecordValue> record_values(const nlohmann::json &record);

// j["a"]["b"]["c"] for "a.b.c", or nullptr.
const nlohmann::json *value_at(const nlohmann::json &tree, const std::string &key);

// A scalar at a path of object members as text ("" when absent or null).
std::string text_at(const nlohmann::json &record, std::initializer_list<const char *> path);

}  // namespace xxgk::dataset
