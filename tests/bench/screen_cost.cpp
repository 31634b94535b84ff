// hearth-screen-bench: what screening costs a room message, measured outside the server so the
// figure is the screen's alone: the message screen (moderation/message_screen.h) over varied
// 100-byte chat messages, with the rules a fresh server ships (read from a real, freshly
// migrated database) and with 500 more. One JSON object on stdout.
// usage: hearth-screen-bench [--messages N]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <random>
#include <string>
#include <vector>

#include "moderation/message_screen.h"
#include "server/storage/sqlite_store.h"

namespace {

using namespace hearth;

std::vector<moderation::WatchRule> shipped_rules() {
  const auto dir = std::filesystem::temp_directory_path() / ("hearth-screen-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::vector<moderation::WatchRule> rules;
  {
    storage::SqliteStoreOptions options;
    options.db_path = dir / "hearth.db";
    std::string error;
    auto store = storage::SqliteStore::open(options, &error);
    if (!store) throw std::runtime_error(error);
    std::promise<storage::Result<std::vector<storage::FilterRuleRecord>>> listed;
    store->list_filter_rules([&](auto result) { listed.set_value(std::move(result)); });
    auto records = listed.get_future().get();
    for (const auto& record : records.value()) rules.push_back(record.rule);
  }
  std::filesystem::remove_all(dir);
  return rules;
}

// Everyday words of these rooms, so messages look like the real thing (and mostly match nothing).
const char* const kWords[] = {"I",       "my",      "son",     "daughter", "husband", "meeting", "today",  "feel",
                              "tired",   "hopeful", "relapse", "sober",    "days",    "thank",   "you",    "all",
                              "boundaries", "detach", "love",  "hard",     "week",    "sponsor", "step",   "one",
                              "program", "share",   "listen",  "grateful", "anxious", "night",   "call",   "rehab"};

std::vector<std::string> sample_messages(std::size_t count) {
  std::mt19937 random(42);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
  std::vector<std::string> messages;
  for (std::size_t i = 0; i < count; ++i) {
    std::string text;
    while (text.size() < 100) text += std::string(text.empty() ? "" : " ") + kWords[pick(random)];
    messages.push_back(text.substr(0, 100));
  }
  return messages;
}

double ns_per_message(const moderation::Watchlist& watchlist, const std::vector<std::string>& messages,
                      std::size_t rounds, std::size_t& held) {
  moderation::Poster poster;
  poster.delivered_messages = 100;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t round = 0; round < rounds; ++round) {
    for (const auto& text : messages) {
      const auto result = moderation::screen_message(watchlist, 1, {}, poster, text, 1'000'000);
      held += result.verdict != moderation::ScreenVerdict::kDeliver;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return seconds * 1e9 / static_cast<double>(rounds * messages.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t total = 200'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--messages") == 0) total = std::stoul(argv[i + 1]);
  }
  const auto messages = sample_messages(1000);
  const std::size_t rounds = std::max<std::size_t>(1, total / messages.size());

  std::vector<moderation::WatchRule> rules = shipped_rules();
  const moderation::Watchlist shipped(rules);
  std::mt19937 random(7);
  for (std::uint64_t i = 0; i < 500; ++i) {
    std::string pattern = "watched" + std::to_string(i) + " phrase" + std::to_string(random() % 1000);
    rules.push_back({100'000 + i, i % 3 == 0 ? 1u : 0u, pattern, moderation::WatchAction::kFlag});
  }
  const moderation::Watchlist many(rules);

  std::size_t held = 0;
  ns_per_message(shipped, messages, 1, held);  // warm-up
  const double with_shipped = ns_per_message(shipped, messages, rounds, held);
  const double with_many = ns_per_message(many, messages, rounds, held);
  std::printf(
      "{\"scenario\":\"screen\",\"messages\":%zu,\"message_bytes\":100,\"shipped_rules\":%zu,"
      "\"ns_per_message_shipped_rules\":%.0f,\"rules_with_500_more\":%zu,\"ns_per_message_500_more\":%.0f,"
      "\"not_delivered_plainly\":%zu}\n",
      rounds * messages.size(), shipped.rules().size(), with_shipped, many.rules().size(), with_many, held);
  return 0;
}
