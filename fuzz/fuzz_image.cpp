// Random bytes as a page image (PNG, JPEG, TIFF as Leptonica tells them): the header checked
// against the pixel budget, the pages decoded one at a time and made into a PDF; a clear
// ImageError or a PDF, never a crash or an allocation past the budget.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "xxgk/ocr/image_pages.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  // The reader takes files, as the product gives it: one per process, rewritten per input.
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("xxgk-fuzz-image-" + std::to_string(::getpid()));
  if (FILE *f = std::fopen(file.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  try {
    std::string pdf = xxgk::ocr::images_as_pdf({file});
    if (pdf.rfind("%PDF-", 0) != 0) __builtin_trap();
  } catch (const xxgk::ocr::ImageError &) {
  }
  return 0;
}
