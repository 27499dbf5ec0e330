#include "modules/vehicles/events.hpp"

#include <gtest/gtest.h>

namespace jiguan::vehicles {

// The reform's path as the seed ran it (2016 summary, 车改工作): cancelled vehicles sealed and
// handed over (封存移交), then appraised and either scrapped or sold at auction.
TEST(VehicleStatus, ReformPathIsAllowed) {
  EXPECT_TRUE(transition_allowed("in_service", "cancelled"));
  EXPECT_TRUE(transition_allowed("cancelled", "sealed"));
  EXPECT_TRUE(transition_allowed("sealed", "awaiting_disposal"));
  EXPECT_TRUE(transition_allowed("awaiting_disposal", "scrapped"));
  EXPECT_TRUE(transition_allowed("awaiting_disposal", "auctioned"));
}

TEST(VehicleStatus, FinalStatusesHaveNoWayOut) {
  for (const char* final_status : {"scrapped", "auctioned", "transferred"}) {
    for (const char* to : {"in_service", "cancelled", "sealed", "awaiting_disposal", "scrapped", "auctioned", "transferred"}) {
      EXPECT_FALSE(transition_allowed(final_status, to)) << final_status << " → " << to;
    }
  }
}

TEST(VehicleStatus, ShortcutsAndUnknownsAreRefused) {
  EXPECT_FALSE(transition_allowed("in_service", "auctioned"));  // must be appraised after hand-over
  EXPECT_FALSE(transition_allowed("cancelled", "awaiting_disposal"));  // must be sealed first
  EXPECT_FALSE(transition_allowed("in_service", "in_service"));
  EXPECT_FALSE(transition_allowed("bogus", "sealed"));
  EXPECT_FALSE(transition_allowed("in_service", ""));
  EXPECT_TRUE(is_known_status("awaiting_disposal"));
  EXPECT_FALSE(is_known_status("lost"));
  EXPECT_EQ(status_label("sealed"), "已封存");
}

}  // namespace jiguan::vehicles
