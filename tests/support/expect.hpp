// Assertions on API answers shared by the API tests.
#pragma once

#include <gtest/gtest.h>

#include "support/http_client.hpp"

namespace jiguan::test {

// 422 naming `field`.
inline void expect_invalid(const HttpResponse& res, const char* field) {
  ASSERT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.json().at("error").at("field"), field) << res.body;
}

}  // namespace jiguan::test
