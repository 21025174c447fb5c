#include "xxgk/markup/charset.hpp"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "xxgk/core/utf8_text.hpp"

namespace xxgk::markup {
namespace {

// The name after `key` (charset= or encoding=), quotes and spaces skipped.
std::string name_after(const std::string &text, size_t at) {
  while (at < text.size() && (text[at] == '"' || text[at] == '\'' || text[at] == ' ')) ++at;
  size_t end = at;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
                               text[end] == '_' || text[end] == '.' || text[end] == ':'))
    ++end;
  return text.substr(at, end - at);
}

// The charsets of Chinese sites under the name iconv knows best.
std::string canonical(std::string name) {
  if (name == "gbk" || name == "gb2312" || name == "gb_2312-80" || name == "x-gbk" || name == "cp936" ||
      name == "euc-cn" || name == "gb18030" || name == "hz-gb-2312")
    return "GB18030";
  if (name == "utf8") return "UTF-8";
  return name;
}

std::string detected(const std::string &bytes) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> detector(uchardet_new(), uchardet_delete);
  if (!detector) return "";
  uchardet_handle_data(detector.get(), bytes.data(), bytes.size());
  uchardet_data_end(detector.get());
  const char *name = uchardet_get_charset(detector.get());
  return name ? ascii_lowercase(name) : "";
}

std::string converted(const std::string &bytes, const std::string &from) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return "";
  std::string out;
  std::string buffer(4096, '\0');
  char *in = const_cast<char *>(bytes.data());
  size_t in_left = bytes.size();
  while (in_left > 0) {
    char *dst = buffer.data();
    size_t dst_left = buffer.size();
    size_t r = iconv(cd, &in, &in_left, &dst, &dst_left);
    out.append(buffer.data(), buffer.size() - dst_left);
    if (r == static_cast<size_t>(-1) && errno != E2BIG) {
      if (in_left == 0) break;
      out += "\xEF\xBF\xBD";  // a byte no character starts with: U+FFFD, and on
      ++in;
      --in_left;
    }
  }
  iconv_close(cd);
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 4;
    if (n == 4 || i + n >= s.size() + (n == 0)) return false;
    for (size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

std::string declared_charset(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  std::string head = ascii_lowercase(bytes.substr(0, 8192));
  if (head.rfind("<?xml", 0) == 0) {
    size_t prolog_end = head.find("?>");
    size_t at = head.find("encoding=");
    if (at != std::string::npos && at < prolog_end) return name_after(head, at + 9);
  }
  for (size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 1)) {
    size_t end = head.find('>', at);
    size_t cs = head.find("charset=", at);
    if (cs != std::string::npos && cs < end) return name_after(head, cs + 8);
  }
  return "";
}

std::string charset_of_content_type(const std::string &content_type) {
  std::string lower;
  for (char c : content_type) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  std::string value = lower.substr(at + 8);
  value = value.substr(0, value.find_first_of("; \t"));
  value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
  return value;
}

std::string to_utf8(const std::string &bytes, const std::string &served) {
  std::string text = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
  std::string declared = canonical(served.empty() ? declared_charset(bytes) : served);
  bool valid = is_valid_utf8(text);
  // Chinese text in GBK is almost never valid UTF-8, while a UTF-8 page under a template's or
  // server's "gbk" would come out as mojibake: valid UTF-8 is taken as UTF-8.
  if (valid) return text;
  if (declared == "UTF-8" || declared == "utf-8") declared = "";  // declared UTF-8 and is not: judge the bytes
  std::string charset = declared.empty() ? canonical(detected(text)) : declared;
  if (charset.empty() || charset == "ascii") return valid ? text : converted(text, "GB18030");
  std::string out = converted(text, charset);
  return out.empty() && !text.empty() ? converted(text, "GB18030") : out;
}

}  // namespace xxgk::markup
