// The seam where moderation inspects a room message before it is stored. The core server calls
// it on every SendMessage and EditMessage; the moderation library provides real filters.
// Implementations must be thread-safe: hearthd calls them from any network thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::moderation {

enum class FilterVerdict {
  kAllow,   // store and deliver
  kBlock,   // store nothing, deliver nothing (sender gets BLOCKED_BY_FILTER)
  // Holding for review arrives with the moderation queue, which gives held messages a home.
};

struct FilterContext {
  std::uint64_t room_id = 0;     // 0 when not known (edits): server-wide rules only
  std::uint64_t author_id = 0;
  bool author_is_staff = false;  // coach of the room or admin: automatic rules never sanction them
};

struct FilterDecision {
  FilterVerdict verdict = FilterVerdict::kAllow;
  std::string reason;  // shown to the sender; never the matched text
};

class MessageFilter {
 public:
  virtual ~MessageFilter() = default;
  virtual FilterDecision inspect(const FilterContext& context, std::string_view text) const = 0;
};

// Lets every message through; what hearthd uses until moderation rules are configured.
class AllowAllFilter final : public MessageFilter {
 public:
  FilterDecision inspect(const FilterContext&, std::string_view) const override { return {}; }
};

}  // namespace hearth::moderation
