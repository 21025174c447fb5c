#include "xxgk/report/prose_checks.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/unicode_fold.hpp"
#include "xxgk/report/report.hpp"

namespace xxgk::report {
namespace {

using std::u32string;
using std::u32string_view;

// A sentence longer than this is shortened in messages (the whole one is in the section text).
constexpr size_t sentence_chars = 120;

bool ends_with(u32string_view s, u32string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

bool contains(u32string_view s, u32string_view part) {
  return s.find(part) != u32string_view::npos;
}

bool contains_any(u32string_view s, std::initializer_list<u32string_view> parts) {
  return std::any_of(parts.begin(), parts.end(), [&](u32string_view p) { return contains(s, p); });
}

bool ends_with_any(u32string_view s, std::initializer_list<u32string_view> ends) {
  return std::any_of(ends.begin(), ends.end(), [&](u32string_view e) { return ends_with(s, e); });
}

// Drops any of `tails` from the end of `s`, as often as one is there.
u32string_view without_tails(u32string_view s, std::initializer_list<u32string_view> tails) {
  for (bool dropped = true; dropped;) {
    dropped = false;
    for (u32string_view t : tails)
      if (!t.empty() && ends_with(s, t) && s.size() > t.size()) {
        s.remove_suffix(t.size());
        dropped = true;
      }
  }
  return s;
}

// The words between a verb and its number: 共收到申请共计 N件.
u32string_view without_fillers(u32string_view s) {
  return without_tails(s, {U"共计", U"合计", U"总计", U"累计", U"共", U"了", U"达", U"为", U"数量", U"数", U"有"});
}

// ... and the object: 答复政府信息公开申请 N件.
u32string_view without_object(u32string_view s) {
  return without_tails(without_fillers(s),
                       {U"政府信息公开申请", U"信息公开申请", U"公开申请", U"申请", U"政府信息公开", U"的", U"件"});
}

bool is_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

// A number the text states, with its unit: 1,206件.
struct StatedNumber {
  double value = 0;
  u32string_view before;  // the clause since the last number
  u32string_view after;   // the clause after the unit
};

std::vector<StatedNumber> numbers_in(u32string_view clause) {
  std::vector<StatedNumber> out;
  size_t since = 0;
  for (size_t i = 0; i < clause.size();) {
    if (!is_digit(clause[i]) || (i > 0 && (is_digit(clause[i - 1]) || clause[i - 1] == U'.'))) {
      ++i;
      continue;
    }
    size_t end = i;
    double value = 0;
    while (end < clause.size() && (is_digit(clause[end]) || ((clause[end] == U',' || clause[end] == U'，') &&
                                                             end + 1 < clause.size() && is_digit(clause[end + 1])))) {
      if (is_digit(clause[end])) value = value * 10 + static_cast<double>(clause[end] - U'0');
      ++end;
    }
    bool counted = end < clause.size() && (clause[end] == U'件' || clause[end] == U'起');
    if (counted) {
      out.push_back({value, clause.substr(since, i - since), clause.substr(end + 1)});
      since = end + 1;
    }
    i = end;
  }
  return out;
}

// What a sentence is about so far: its figures of 行政复议 or 行政诉讼 split by outcome.
enum class Subject { none, review, litigation };

const std::vector<std::string> litigation_totals = {"review_litigation.litigation_direct.total",
                                                    "review_litigation.litigation_after_review.total"};

std::vector<std::string> outcome_keys(Subject subject, const std::string &column) {
  if (subject == Subject::review) return {"review_litigation.administrative_review." + column};
  return {"review_litigation.litigation_direct." + column, "review_litigation.litigation_after_review." + column};
}

// Counts whose subject may not be the table's: one office for the agency, a part of the whole,
// another year, a change.
bool scope_unclear(u32string_view before) {
  return contains_any(
      before, {U"代表", U"其中", U"同比", U"较", U"去年", U"增加", U"减少", U"增长", U"下降", U"比上年", U"占"});
}

// The keys a wording states, or empty: one wording per row of the form the prose tells of.
std::vector<std::vector<std::string>> keys_stated(const StatedNumber &n, Subject subject) {
  u32string_view before = without_fillers(n.before), object = without_object(n.before);
  bool forward_after = contains_any(n.after.substr(0, 20), {U"结转下年", U"结转至下年", U"结转到下年", U"顺延"});
  if (forward_after || ends_with_any(object, {U"结转下年度继续办理", U"结转下年度", U"结转下一年度", U"结转至下年度"}))
    return {{"applications.carried_forward.total"}};
  if (ends_with_any(object, {U"上年结转", U"上年度结转", U"上一年度结转", U"上一年结转", U"从上年结转"}))
    return {{"applications.carried_over.total"}};
  if (contains(n.before, U"复议") && contains(n.before, U"诉讼")) return {};  // 复议和诉讼共N件: both
  if (ends_with_any(without_tails(before, {U"案件", U"申请"}), {U"行政复议"}) && !contains(n.before, U"其中"))
    return {{"review_litigation.administrative_review.total"}};
  if (ends_with_any(without_tails(before, {U"案件"}), {U"行政诉讼", U"诉讼", U"被起诉"}) &&
      !contains(n.before, U"其中"))
    return {litigation_totals};
  if (subject != Subject::none) {
    u32string_view outcome = without_tails(before, {U"其中"});
    if (ends_with_any(outcome, {U"结果维持", U"维持"})) return {outcome_keys(subject, "upheld")};
    if (ends_with_any(outcome, {U"结果纠正", U"纠正"})) return {outcome_keys(subject, "corrected")};
    if (ends_with_any(outcome, {U"其他结果"})) return {outcome_keys(subject, "other")};
    if (ends_with_any(outcome, {U"尚未审结", U"未审结"})) return {outcome_keys(subject, "pending")};
  }
  if (scope_unclear(n.before)) return {};
  bool application = ends_with(before, U"申请") || n.after.starts_with(U"申请") ||
                     n.after.starts_with(U"政府信息公开申请") || n.after.starts_with(U"信息公开申请");
  if (application && contains_any(n.before, {U"收到", U"新收", U"接收", U"收悉"}) && !contains(n.before, U"结转"))
    return {{"applications.new_received.total"}};
  if (application && contains(n.before, U"受理") && !contains(n.before, U"结转"))  // may count the carried over
    return {{"applications.new_received.total"},
            {"applications.new_received.total", "applications.carried_over.total"}};
  if (ends_with_any(object, {U"办结", U"答复", U"办理完毕", U"办理完结"}) &&
      !contains_any(n.before, {U"当场", U"电话", U"书面", U"网上", U"现场", U"口头", U"延期", U"逾期", U"按时"}))
    return {{"applications.total.total"}};
  return {};
}

Subject subject_after(Subject subject, u32string_view clause) {
  size_t review = clause.rfind(U"复议"), litigation = clause.rfind(U"诉讼");
  if (review == u32string_view::npos && litigation == u32string_view::npos) return subject;
  if (litigation == u32string_view::npos) return Subject::review;
  if (review == u32string_view::npos) return Subject::litigation;
  return review > litigation ? Subject::review : Subject::litigation;
}

// A comma between digits groups thousands (1,206 or 1，206); any other ends a clause.
bool separates(u32string_view text, size_t i, u32string_view separators) {
  if (separators.find(text[i]) == u32string_view::npos) return false;
  bool comma = text[i] == U',' || text[i] == U'，';
  return !(comma && i > 0 && i + 1 < text.size() && is_digit(text[i - 1]) && is_digit(text[i + 1]));
}

std::vector<u32string_view> split(u32string_view text, u32string_view separators) {
  std::vector<u32string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || separates(text, i, separators)) {
      if (i > start) out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

u32string without_spaces(u32string_view s) {
  u32string out;
  for (char32_t c : s)
    if (c != U' ' && c != U'\t' && c != U'\u3000') out += c;
  return out;
}

std::string shortened(u32string_view sentence) {
  if (sentence.size() <= sentence_chars) return to_utf8(sentence);
  return to_utf8(sentence.substr(0, sentence_chars)) + "…";
}

std::string number_text(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return std::to_string(v);
}

std::optional<double> sum_of(const Report &r, const std::vector<std::string> &keys) {
  double sum = 0;
  for (const std::string &k : keys) {
    auto it = r.values.values.find(k);
    if (it == r.values.values.end() || !it->second.value) return std::nullopt;
    sum += *it->second.value;
  }
  return sum;
}

bool is_template_key(const Report &r, const std::string &key) {
  return std::find(r.keys.begin(), r.keys.end(), key) != r.keys.end();
}

}  // namespace

std::vector<ProseStatement> stated_numbers(const std::vector<Section> &sections) {
  std::vector<ProseStatement> out;
  for (const Section &section : sections) {
    u32string text = normalize::clean(to_u32(section.text));
    for (u32string_view sentence : split(text, U"。！？；;!?\n")) {
      Subject subject = Subject::none;
      u32string compact_sentence = without_spaces(sentence);
      for (u32string_view raw_clause : split(compact_sentence, U"，,、：:（）()")) {
        for (const StatedNumber &n : numbers_in(raw_clause)) {
          std::vector<std::vector<std::string>> stated = keys_stated(n, subject_after(subject, n.before));
          if (stated.empty()) continue;
          out.push_back({stated.front(), stated, n.value, shortened(sentence), section.id});
        }
        subject = subject_after(subject, raw_clause);
      }
    }
  }
  return out;
}

void check_prose(Report &r) {
  r.prose_checks.clear();
  for (ProseStatement &s : stated_numbers(r.sections)) {
    if (!std::all_of(s.keys.begin(), s.keys.end(), [&](const std::string &k) { return is_template_key(r, k); }))
      continue;
    ProseCheck c{s, sum_of(r, s.keys), false};
    for (const auto &keys : s.alternatives) c.agrees = c.agrees || sum_of(r, keys) == s.stated;
    if (!c.agrees) {
      std::string what = c.table ? "the table gives " + number_text(*c.table)
                                 : std::string("the table has no value there (not filled in from the text)");
      for (const std::string &key : s.keys)
        r.warnings.push_back(
            {"prose_mismatch",
             "the text states " + number_text(s.stated) + " (\"" + s.sentence + "\"); " + what +
                 (s.keys.size() > 1 ? " as the sum of " + std::to_string(s.keys.size()) + " cells" : ""),
             0, key});
    }
    r.prose_checks.push_back(std::move(c));
  }
}

nlohmann::json to_json(const ProseCheck &c) {
  auto number = [](double v) {
    return v == std::floor(v) ? nlohmann::json(static_cast<long long>(v)) : nlohmann::json(v);
  };
  std::string key;
  for (const std::string &k : c.statement.keys) key += (key.empty() ? "" : "+") + k;
  return {{"key", key},
          {"stated", number(c.statement.stated)},
          {"table", c.table ? number(*c.table) : nlohmann::json(nullptr)},
          {"agrees", c.table ? nlohmann::json(c.agrees) : nlohmann::json(nullptr)},
          {"section", c.statement.section},
          {"sentence", c.statement.sentence}};
}

}  // namespace xxgk::report
