// A room's own rules for who may post what, and the standing of the member posting.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace hearth::moderation {

struct RoomPolicy {
  // A new member's first N messages in the room wait for a coach (0: none do).
  std::uint32_t premoderate_first_messages = 0;
  // Messages with links from members who joined the room less than this many hours ago wait
  // for a coach (0: links are not treated differently).
  std::uint32_t links_after_member_hours = 0;
  // Slow mode: a member may post once per this many seconds (0: off).
  std::uint32_t slow_mode_seconds = 0;

  static constexpr std::uint32_t kMaxPremoderated = 100;
  static constexpr std::uint32_t kMaxLinkHours = 24 * 90;
  static constexpr std::uint32_t kMaxSlowModeSeconds = 3600;
};

inline constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();

// What hearthd knows about the author of a message in the room it is for.
struct Poster {
  bool staff = false;                     // coach of the room or admin
  std::uint64_t delivered_messages = 0;   // earlier messages of theirs the room has seen
  std::int64_t joined_at_ms = 0;
  std::int64_t last_posted_at_ms = 0;     // 0: never
  std::int64_t muted_until_ms = 0;        // 0: not muted
  std::int64_t banned_until_ms = 0;       // 0: not banned; kForever: for good
};

// "https://…", "www.…" or a bare domain with a path ("example.org/x").
bool contains_link(std::string_view text);

}  // namespace hearth::moderation
