#pragma once
// Every way an input file can fail to be read as a report is a distinct InputError kind, so
// callers can tell a user exactly what is wrong and map it to an exit code. Thrown by every
// reader of untrusted files (PDF, web page, Word file, page images), hence here in core.

#include <stdexcept>
#include <string>

namespace xxgk {

enum class InputErrorKind {
  file_missing,    // no such file, or not a regular file
  unreadable,      // exists but cannot be read (permissions, I/O error)
  not_pdf,         // no %PDF- header: empty, HTML, a Word file...
  encrypted,       // needs a password and none was given
  wrong_password,  // a password was given and does not open it
  damaged,         // says it is what it is but cannot be parsed
  no_pages,        // a valid document with zero pages
};

const char *to_string(InputErrorKind kind);

class InputError : public std::runtime_error {
 public:
  InputError(InputErrorKind kind, const std::string &message) : std::runtime_error(message), kind_(kind) {}
  InputErrorKind kind() const { return kind_; }

 private:
  InputErrorKind kind_;
};

}  // namespace xxgk
