#include "xxgk/ocr/image_pages.hpp"

#include <leptonica/allheaders.h>

#include <cmath>
#include <memory>

#include "xxgk/core/raster_limits.hpp"
#include "xxgk/layout/pix.hpp"

namespace xxgk::ocr {
namespace {

// Scanners write their resolution; screenshots and some converters write none (or 72).
constexpr int assumed_dpi = 300;

// A page image is decoded whole before it can be made smaller, so one larger than this is
// refused from its header: an A3 page scanned at 600 DPI is 70 Mpx, the largest a scanner
// makes (and 280 MB in colour as Leptonica holds it); a 30,000-pixel square is 900 Mpx.
constexpr long long max_decoded_pixels = 100'000'000;

// A report of more pages than this is no annual report (they run to tens of pages), and each
// page costs a few seconds of OCR: a TIFF or a folder of more is refused before any is read.
constexpr int max_image_pages = 1000;

// JPEG decodes at 1/2, 1/4 or 1/8 of its size without the whole raster.
constexpr int max_jpeg_reduction = 8;

bool is_tiff(l_int32 format) {
  return format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP ||
         format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE || format == IFF_TIFF_G3 || format == IFF_TIFF_JPEG;
}

std::string megapixels(long long w, long long h) {
  return std::to_string(w) + " x " + std::to_string(h) + " pixels (" + std::to_string(w * h / 1'000'000) + " Mpx)";
}

void refuse_if_too_large(const std::filesystem::path &path, long long w, long long h) {
  if (w <= 0 || h <= 0) throw ImageError("'" + path.string() + "' is no readable image (its header gives no size)");
  if (w * h > max_decoded_pixels)
    throw ImageError("'" + path.string() + "' is an image of " + megapixels(w, h) +
                     ": larger than any scanned page (at most " + std::to_string(max_decoded_pixels / 1'000'000) +
                     " Mpx are decoded)");
}

// A page larger than the raster budget, made smaller to fit, its resolution lowered alike so
// that the page keeps its size on paper.
layout::PixPtr fit_to_budget(layout::PixPtr pix) {
  if (pixGetXRes(pix.get()) <= 72) pixSetResolution(pix.get(), assumed_dpi, assumed_dpi);
  double pixels = static_cast<double>(pixGetWidth(pix.get())) * pixGetHeight(pix.get());
  if (pixels <= static_cast<double>(max_raster_pixels)) return pix;
  auto factor = static_cast<float>(std::sqrt(static_cast<double>(max_raster_pixels) / pixels));
  int xres = pixGetXRes(pix.get()), yres = pixGetYRes(pix.get());
  layout::PixPtr smaller(pixScale(pix.get(), factor, factor));
  if (!smaller) throw ImageError("cannot make a page image smaller");
  pixSetResolution(smaller.get(), std::max(1, static_cast<int>(xres * factor)),
                   std::max(1, static_cast<int>(yres * factor)));
  return smaller;
}

// One decoded page, checked from its header first.
layout::PixPtr read_page(const std::filesystem::path &path, l_int32 format, int tiff_page) {
  l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, ycck = 0, cmyk = 0, tiff_format = 0;
  if (is_tiff(format)) {
    if (readHeaderTiff(path.c_str(), tiff_page, &w, &h, &bps, &spp, &res, &cmap, &tiff_format) != 0)
      throw ImageError("'" + path.string() + "' is no readable TIFF (page " + std::to_string(tiff_page + 1) + ")");
    refuse_if_too_large(path, w, h);
    return layout::PixPtr(pixReadTiff(path.c_str(), tiff_page));
  }
  if (format == IFF_JFIF_JPEG) {
    if (readHeaderJpeg(path.c_str(), &w, &h, &spp, &ycck, &cmyk) != 0)
      throw ImageError("'" + path.string() + "' is no readable JPEG");
    int reduction = 1;
    while (reduction<max_jpeg_reduction &&static_cast<long long>(w / reduction) * (h / reduction)> max_raster_pixels)
      reduction *= 2;
    refuse_if_too_large(path, w / reduction, h / reduction);
    layout::PixPtr pix(pixReadJpeg(path.c_str(), 0, reduction, nullptr, 0));
    // Decoded smaller, at a resolution as much lower (the one assumed where it gives none), so
    // that the page keeps its size on paper.
    if (pix && reduction > 1) {
      auto reduced = [&](int res) { return std::max(1, (res > 72 ? res : assumed_dpi) / reduction); };
      pixSetResolution(pix.get(), reduced(pixGetXRes(pix.get())), reduced(pixGetYRes(pix.get())));
    }
    return pix;
  }
  if (pixReadHeader(path.c_str(), &format, &w, &h, &bps, &spp, &cmap) != 0)
    throw ImageError("'" + path.string() + "' is no readable image (PNG, JPEG or TIFF)");
  refuse_if_too_large(path, w, h);
  return layout::PixPtr(pixRead(path.c_str()));
}

// How many pages an image file holds: a TIFF may hold several.
int page_count(const std::filesystem::path &path, l_int32 &format) {
  FILE *f = fopen(path.c_str(), "rb");
  if (!f) throw ImageError("cannot read '" + path.string() + "'");
  std::unique_ptr<FILE, int (*)(FILE *)> file(f, fclose);
  format = IFF_UNKNOWN;
  findFileFormatStream(f, &format);
  if (!is_tiff(format)) return 1;
  l_int32 n = 0;
  rewind(f);
  if (tiffGetCount(f, &n) != 0 || n <= 0) throw ImageError("'" + path.string() + "' is no readable TIFF");
  return n;
}

void refuse_too_many_pages(int pages, const std::string &what) {
  if (pages > max_image_pages)
    throw ImageError(what + " " + std::to_string(pages) + " pages: more than any annual report (at most " +
                     std::to_string(max_image_pages) + " are read)");
}

// A page as the bytes of a one-page PDF, at the page's own resolution.
std::string page_pdf(PIX *pix) {
  l_uint8 *data = nullptr;
  size_t bytes = 0;
  if (pixConvertToPdfData(pix, L_FLATE_ENCODE, 0, &data, &bytes, 0, 0, 0, nullptr, nullptr, 0) != 0 || !data)
    throw ImageError("cannot make a PDF of the page images");
  std::string pdf(reinterpret_cast<const char *>(data), bytes);
  lept_free(data);
  return pdf;
}

// One-page PDFs joined into one.
std::string joined_pdf(const std::vector<std::string> &pages) {
  std::unique_ptr<L_PTRA, void (*)(L_PTRA *)> list(ptraCreate(static_cast<l_int32>(pages.size())), [](L_PTRA *p) {
    l_int32 n = 0;
    ptraGetActualCount(p, &n);
    for (l_int32 i = 0; i < n; ++i) {
      auto *ba = static_cast<L_BYTEA *>(ptraRemove(p, i, L_NO_COMPACTION));
      l_byteaDestroy(&ba);
    }
    ptraDestroy(&p, FALSE, FALSE);
  });
  for (const std::string &page : pages)
    ptraAdd(list.get(), l_byteaInitFromMem(reinterpret_cast<const l_uint8 *>(page.data()), page.size()));
  l_uint8 *data = nullptr;
  size_t bytes = 0;
  if (ptraConcatenatePdfToData(list.get(), nullptr, &data, &bytes) != 0 || !data)
    throw ImageError("cannot make a PDF of the page images");
  std::string pdf(reinterpret_cast<const char *>(data), bytes);
  lept_free(data);
  return pdf;
}

}  // namespace

std::string images_as_pdf(const std::vector<std::filesystem::path> &images) {
  if (images.empty()) throw ImageError("no page images");
  refuse_too_many_pages(static_cast<int>(images.size()), "the folder holds");
  std::vector<l_int32> formats(images.size());
  std::vector<int> counts(images.size());
  int pages = 0;
  for (size_t i = 0; i < images.size(); ++i) {
    int n = counts[i] = page_count(images[i], formats[i]);
    refuse_too_many_pages(n, "'" + images[i].string() + "' holds");
    pages += n;
    refuse_too_many_pages(pages, "the page images hold");
  }
  // Page by page: one decoded raster at a time, each kept only as its compressed PDF page.
  std::vector<std::string> page_pdfs;
  for (size_t i = 0; i < images.size(); ++i) {
    for (int p = 0; p < counts[i]; ++p) {
      layout::PixPtr pix = read_page(images[i], formats[i], p);
      if (!pix) throw ImageError("'" + images[i].string() + "' is no readable image (PNG, JPEG or TIFF)");
      page_pdfs.push_back(page_pdf(fit_to_budget(std::move(pix)).get()));
    }
  }
  return page_pdfs.size() == 1 ? page_pdfs.front() : joined_pdf(page_pdfs);
}

}  // namespace xxgk::ocr
