// Fuzz target for the moderation screen, which runs on every room message: Unicode folding,
// watched-phrase matching, the anonymity guard and link detection, on arbitrary text. Besides
// crashes and sanitizer reports it aborts when an invariant breaks: any input that compiles as
// a watched phrase must be found in its own text (folding treats both sides alike), and the
// screen must decide something for any valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "moderation/message_screen.h"
#include "moderation/watch_pattern.h"
#include "protocol/websocket_framing.h"

namespace {

void check(bool invariant) {
  if (!invariant) std::abort();
}

const hearth::moderation::Watchlist& watchlist() {
  using hearth::moderation::WatchAction;
  static const hearth::moderation::Watchlist list({
      {1, 0, "kill myself", WatchAction::kCrisis},
      {2, 0, "overdos*", WatchAction::kCrisis},
      {3, 0, "ill", WatchAction::kFlag},
      {4, 1, "1diot", WatchAction::kBlock},
      {5, 0, "a b c", WatchAction::kHold},
      {6, 0, "self-harm", WatchAction::kCrisis},
  });
  return list;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Folding must survive anything, valid UTF-8 or not.
  const auto folded = hearth::moderation::fold_text(text);
  (void)watchlist().matches(folded, 1);
  if (!hearth::protocol::websocket::is_valid_utf8(text)) return 0;  // hearthd refuses it earlier

  (void)hearth::moderation::find_personal_info(text);
  (void)hearth::moderation::contains_link(text);
  hearth::moderation::Poster poster;
  const auto screened = hearth::moderation::screen_message(watchlist(), 1, {1, 24, 30}, poster, text, 1'000'000'000);
  check(screened.verdict != hearth::moderation::ScreenVerdict::kRefuseBanned);  // nobody is banned here

  std::string problem;
  if (const auto pattern = hearth::moderation::WatchPattern::compile(text, &problem)) {
    const std::string_view words = text.substr(0, text.find('*'));
    check(pattern->found_in(hearth::moderation::fold_text(words)));
  } else {
    check(!problem.empty());
  }
  return 0;
}
