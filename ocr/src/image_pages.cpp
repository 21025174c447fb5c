#include "xxgk/ocr/image_pages.hpp"

#include <leptonica/allheaders.h>

#include "xxgk/layout/pix.hpp"

namespace xxgk::ocr {
namespace {

// Scanners write their resolution; screenshots and some converters write none (or 72).
constexpr int assumed_dpi = 300;

// The pages of one image file: a TIFF may hold several.
void add_pages(const std::filesystem::path &path, PIXA *pages) {
  l_int32 format = IFF_UNKNOWN;
  FILE *f = fopen(path.c_str(), "rb");
  if (!f) throw ImageError("cannot read '" + path.string() + "'");
  findFileFormatStream(f, &format);
  fclose(f);
  if (format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP ||
      format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE || format == IFF_TIFF_G3 || format == IFF_TIFF_JPEG) {
    layout::PixaPtr tiff(pixaReadMultipageTiff(path.c_str()));
    if (!tiff || pixaGetCount(tiff.get()) == 0) throw ImageError("'" + path.string() + "' is no readable TIFF");
    for (int i = 0; i < pixaGetCount(tiff.get()); ++i) pixaAddPix(pages, pixaGetPix(tiff.get(), i, L_COPY), L_INSERT);
    return;
  }
  PIX *pix = pixRead(path.c_str());
  if (!pix) throw ImageError("'" + path.string() + "' is no readable image (PNG, JPEG or TIFF)");
  pixaAddPix(pages, pix, L_INSERT);
}

}  // namespace

std::string images_as_pdf(const std::vector<std::filesystem::path> &images) {
  layout::PixaPtr pages(pixaCreate(0));
  for (const auto &path : images) add_pages(path, pages.get());
  if (pixaGetCount(pages.get()) == 0) throw ImageError("no page images");
  for (int i = 0; i < pixaGetCount(pages.get()); ++i) {
    PIX *pix = pixaGetPix(pages.get(), i, L_CLONE);
    if (pixGetXRes(pix) <= 72) pixSetResolution(pix, assumed_dpi, assumed_dpi);
    pixDestroy(&pix);
  }
  l_uint8 *data = nullptr;
  size_t bytes = 0;
  // res 0: each page at its own resolution; the encoding chosen per image (lossless for these).
  if (pixaConvertToPdfData(pages.get(), 0, 1.0, L_FLATE_ENCODE, 0, nullptr, &data, &bytes) != 0 || !data)
    throw ImageError("cannot make a PDF of the page images");
  std::string pdf(reinterpret_cast<const char *>(data), bytes);
  lept_free(data);
  return pdf;
}

}  // namespace xxgk::ocr
