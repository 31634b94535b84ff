#include "server/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace hearth::log {

namespace {

std::atomic<int> g_level{static_cast<int>(Level::kInfo)};
std::mutex g_write_mutex;

const char* level_name(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "?";
}

// Values are quoted only when they hold a space or quote, so lines stay grep-friendly.
void append_value(std::string& line, std::string_view value) {
  const bool quote = value.empty() || value.find_first_of(" \"=") != std::string_view::npos;
  if (!quote) {
    line.append(value);
    return;
  }
  line.push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') line.push_back('\\');
    line.push_back(c == '\n' ? ' ' : c);
  }
  line.push_back('"');
}

}  // namespace

bool parse_level(std::string_view text, Level& level) {
  if (text == "debug") level = Level::kDebug;
  else if (text == "info") level = Level::kInfo;
  else if (text == "warn") level = Level::kWarn;
  else if (text == "error") level = Level::kError;
  else return false;
  return true;
}

void set_level(Level level) { g_level.store(static_cast<int>(level), std::memory_order_relaxed); }

bool enabled(Level level) {
  return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (!enabled(level)) return;
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));

  std::string line;
  line.reserve(128);
  line.append(stamp).append(" ").append(level_name(level)).append(" ").append(event);
  for (const Field& field : fields) {
    line.push_back(' ');
    line.append(field.key).push_back('=');
    if (const auto* i = std::get_if<std::int64_t>(&field.value)) line.append(std::to_string(*i));
    else if (const auto* u = std::get_if<std::uint64_t>(&field.value)) line.append(std::to_string(*u));
    else append_value(line, std::get<std::string_view>(field.value));
  }
  line.push_back('\n');
  std::lock_guard lock(g_write_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace hearth::log
