#include "moderation/personal_info.h"

#include <catch2/catch.hpp>
#include <string>

using hearth::moderation::find_personal_info;
using hearth::moderation::PersonalInfo;

TEST_CASE("the anonymity guard finds phone numbers, e-mail and street addresses", "[moderation][pii]") {
  struct Case {
    const char* text;
    PersonalInfo expected;
  };
  const Case cases[] = {
      {"call me on +1 (555) 010-4477 tonight", PersonalInfo::kPhoneNumber},
      {"my number is 07700 900123", PersonalInfo::kPhoneNumber},
      {"555.010.4477", PersonalInfo::kPhoneNumber},
      {"text 5550104477", PersonalInfo::kPhoneNumber},
      {"5 5 5 0 1 0 4", PersonalInfo::kPhoneNumber},
      {"ｃａｌｌ ５５５-０１０-４４７７", PersonalInfo::kPhoneNumber},
      {"write to jane.doe@example.org", PersonalInfo::kEmailAddress},
      {"JANE@EXAMPLE.CO.UK.", PersonalInfo::kEmailAddress},
      {"jane.doe (at) example (dot) org", PersonalInfo::kEmailAddress},
      {"jane at example dot com", PersonalInfo::kEmailAddress},
      {"jane [at] example [dot] net", PersonalInfo::kEmailAddress},
      {"jane@example dot com", PersonalInfo::kEmailAddress},
      {"We are at 42 Oak Lane, come by", PersonalInfo::kStreetAddress},
      {"12b Station Rd. is the place", PersonalInfo::kStreetAddress},
      {"i live at 42 oak lane", PersonalInfo::kStreetAddress},
      {"my address is 7 south high street", PersonalInfo::kStreetAddress},
      // Innocent messages.
      {"I have been sober for 365 days", PersonalInfo::kNone},
      {"sober 2019-2024, then a relapse", PersonalInfo::kNone},
      {"the meeting was on 2024-11-23", PersonalInfo::kNone},
      {"see you 11.23.2024", PersonalInfo::kNone},
      {"it cost $1,000,000", PersonalInfo::kNone},
      {"call at 10:30 or 11:45", PersonalInfo::kNone},
      {"step 1 2 3", PersonalInfo::kNone},
      {"I was at church. Me and my son went home", PersonalInfo::kNone},
      {"meet at the hall", PersonalInfo::kNone},
      {"my 3 kids drive me crazy", PersonalInfo::kNone},
      {"I live with my 3 kids who drive", PersonalInfo::kNone},
      {"email me through the app", PersonalInfo::kNone},
      {"@everyone good morning", PersonalInfo::kNone},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(find_personal_info(c.text) == c.expected);
  }
}
