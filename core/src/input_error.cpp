#include "xxgk/core/input_error.hpp"

namespace xxgk {

const char *to_string(InputErrorKind kind) {
  switch (kind) {
    case InputErrorKind::file_missing: return "file_missing";
    case InputErrorKind::unreadable: return "unreadable";
    case InputErrorKind::not_pdf: return "not_pdf";
    case InputErrorKind::encrypted: return "encrypted";
    case InputErrorKind::wrong_password: return "wrong_password";
    case InputErrorKind::damaged: return "damaged";
    case InputErrorKind::no_pages: return "no_pages";
  }
  return "unknown";
}

}  // namespace xxgk
