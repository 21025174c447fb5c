#include "xxgk/report/template_key.hpp"

namespace xxgk::report {

std::string template_key(std::string_view table, std::string_view row, std::string_view column) {
  std::string key;
  key.reserve(table.size() + row.size() + column.size() + 2);
  key.append(table).append(".").append(row).append(".").append(column);
  return key;
}

std::optional<TemplateKey> parse_template_key(std::string_view key) {
  size_t a = key.find('.');
  size_t b = a == std::string_view::npos ? a : key.find('.', a + 1);
  if (b == std::string_view::npos || key.find('.', b + 1) != std::string_view::npos) return std::nullopt;
  TemplateKey k{std::string(key.substr(0, a)), std::string(key.substr(a + 1, b - a - 1)),
                std::string(key.substr(b + 1))};
  if (k.table.empty() || k.row.empty() || k.column.empty()) return std::nullopt;
  return k;
}

const nlohmann::json *json_at_key(const nlohmann::json &tables, std::string_view key) {
  std::optional<TemplateKey> k = parse_template_key(key);
  if (!k || !tables.is_object()) return nullptr;
  auto t = tables.find(k->table);
  if (t == tables.end() || !t->is_object()) return nullptr;
  auto r = t->find(k->row);
  if (r == t->end() || !r->is_object()) return nullptr;
  auto c = r->find(k->column);
  return c == r->end() ? nullptr : &*c;
}

nlohmann::json *json_at_key(nlohmann::json &tables, std::string_view key) {
  return const_cast<nlohmann::json *>(json_at_key(static_cast<const nlohmann::json &>(tables), key));
}

bool set_at_key(nlohmann::json &tables, std::string_view key, nlohmann::json value) {
  std::optional<TemplateKey> k = parse_template_key(key);
  if (!k) return false;
  tables[k->table][k->row][k->column] = std::move(value);
  return true;
}

}  // namespace xxgk::report
