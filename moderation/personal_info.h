// The anonymity guard: finds what would identify someone if posted in a group room. Anonymity
// is a tradition of these rooms ("who you see here, what you hear here, stays here"), and a
// phone number or address posted in the open cannot be taken back from those who read it.
// Messages with one are held for a coach, and the sender is told why and how to share it
// privately instead.
// Detects:
//  - phone numbers: 7 to 15 digits, alone or grouped with spaces, dashes, dots or brackets,
//    optionally after '+' ("+1 (555) 010-4477", "07700 900123", "5 5 5 0 1 0 4"); dates
//    ("2024-11-23", "11.23.2024") and year ranges ("2019-2024") are not numbers to hide;
//  - e-mail addresses, also written out ("jane.doe (at) example (dot) org",
//    "jane at example dot com");
//  - street addresses: a house number, up to three words and a street word ("42 Oak Lane",
//    "12b Station Rd."), when the words are capitalised or follow "I live", "address" and
//    the like, so "my 3 kids drive" passes.
#pragma once

#include <string_view>

namespace hearth::moderation {

enum class PersonalInfo { kNone, kPhoneNumber, kEmailAddress, kStreetAddress };

// `utf8` must be valid UTF-8. The first kind found, in the order above.
PersonalInfo find_personal_info(std::string_view utf8);

// "a phone number", "an e-mail address", "a street address".
const char* describe(PersonalInfo found);

}  // namespace hearth::moderation
