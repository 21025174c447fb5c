#pragma once
// Page images (PNG, JPEG, TIFF; a multi-page TIFF is several pages) as the scanned PDF they
// stand for, so that they go through the scanned-page path unchanged: one image per page,
// the page sized by the image's resolution.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace xxgk::ocr {

class ImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The images, in the order given, as the bytes of a PDF. An image that says nothing of its
// resolution is taken as 300 DPI. Throws ImageError when an image cannot be read.
std::string images_as_pdf(const std::vector<std::filesystem::path> &images);

}  // namespace xxgk::ocr
