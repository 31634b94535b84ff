// A tiny structured logger: one line per event, `time level event key=value ...` on stderr.
// Privacy rule: callers pass ids, sizes and codes only — never message text, passwords, tokens
// or invite codes. Thread-safe; lines from different threads never interleave.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace hearth::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// Parses "debug", "info", "warn", "error"; returns false for anything else.
bool parse_level(std::string_view text, Level& level);
void set_level(Level level);
bool enabled(Level level);

struct Field {
  std::string_view key;
  std::variant<std::int64_t, std::uint64_t, std::string_view> value;
  Field(std::string_view k, std::int64_t v) : key(k), value(v) {}
  Field(std::string_view k, std::uint64_t v) : key(k), value(v) {}
  Field(std::string_view k, int v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, unsigned v) : key(k), value(static_cast<std::uint64_t>(v)) {}
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
};

void write(Level level, std::string_view event, std::initializer_list<Field> fields = {});

inline void debug(std::string_view event, std::initializer_list<Field> fields = {}) {
  if (enabled(Level::kDebug)) write(Level::kDebug, event, fields);
}
inline void info(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::kInfo, event, fields);
}
inline void warn(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::kWarn, event, fields);
}
inline void error(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::kError, event, fields);
}

}  // namespace hearth::log
