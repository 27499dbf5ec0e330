// The PDF writer: QR module matrices of known sizes (ISO/IEC 18004: version v is 17 + 4v
// modules square), and a label sheet whose Chinese text and codes pdftotext reads back.
#include "core/pdf/pdf.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "support/pdf_text.hpp"

namespace jiguan::test {
namespace {

TEST(Pdf, QrMatrixHasTheSizeOfItsVersion) {
  // An item code is 9 characters: the smallest symbol, version 1 (21 × 21).
  const auto code = pdf::qr_encode("M00000123");
  EXPECT_EQ(code.version, 1);
  EXPECT_EQ(code.size, 21);
  ASSERT_EQ(code.dark.size(), 21u * 21u);
  // The finder patterns: the top-left and bottom-right corners of the top-left one are
  // dark, the separator module beside it light.
  EXPECT_TRUE(code.at(0, 0));
  EXPECT_TRUE(code.at(6, 6));
  EXPECT_FALSE(code.at(7, 0));
  EXPECT_TRUE(code.at(20, 0));  // top-right finder
  EXPECT_TRUE(code.at(0, 20));  // bottom-left finder

  const auto longer = pdf::qr_encode(std::string(100, 'x'));  // 100 bytes at level M: version 6
  EXPECT_EQ(longer.version, 6);
  EXPECT_EQ(longer.size, 17 + 4 * 6);

  EXPECT_THROW(pdf::qr_encode(""), std::invalid_argument);
  EXPECT_THROW(pdf::qr_encode(std::string(3000, 'x')), std::invalid_argument);  // over version 40's capacity
}

TEST(Pdf, LabelSheetTextIsReadBack) {
  std::vector<pdf::Label> labels;
  for (int i = 1; i <= 23; ++i) {  // 21 per page: two pages
    const auto code = "M0000" + std::to_string(1000 + i);
    labels.push_back({code, {{code, {14, true}}, {"挂号信", {}}, {"收件：区机关事务局", {8, false, 2}}}});
  }
  labels.push_back({"", {{"无二维码的标签", {}}}});
  const auto bytes = pdf::label_sheet(labels, {}, "邮件标签");
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 5), "%PDF-");

  const auto text = pdf_text(bytes);
  EXPECT_NE(text.find("M00001001"), std::string::npos) << text;
  EXPECT_NE(text.find("M00001023"), std::string::npos);
  EXPECT_NE(text.find("挂号信"), std::string::npos);
  EXPECT_NE(text.find("收件：区机关事务局"), std::string::npos);
  EXPECT_NE(text.find("无二维码的标签"), std::string::npos);
  EXPECT_NE(text.find('\f'), std::string::npos);  // pdftotext ends each page with a form feed

  // An empty sheet is still a valid document.
  EXPECT_EQ(pdf::label_sheet({}).substr(0, 5), "%PDF-");
}

TEST(Pdf, FinishedDocumentTakesNoMoreDrawing) {
  pdf::Document doc;
  doc.text(10, 10, 100, "一页");
  EXPECT_EQ(doc.finish().substr(0, 5), "%PDF-");
  EXPECT_THROW(doc.next_page(), std::logic_error);
}

}  // namespace
}  // namespace jiguan::test
