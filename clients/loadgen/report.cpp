#include "clients/loadgen/report.h"

#include <iomanip>
#include <sstream>

namespace hearth::loadgen {

void Report::add(const std::string& key, double value) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(3) << value;
  fields_.emplace_back(key, text.str());
}

void Report::add(const std::string& key, std::uint64_t value) { fields_.emplace_back(key, std::to_string(value)); }

void Report::add(const std::string& key, const std::string& value) {
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  }
  fields_.emplace_back(key, quoted + "\"");
}

void Report::add_latency(LatencyRecorder& latency, const std::string& key) {
  Report inner;
  inner.add("p50", latency.quantile_ms(0.5));
  inner.add("p90", latency.quantile_ms(0.9));
  inner.add("p99", latency.quantile_ms(0.99));
  inner.add("p999", latency.quantile_ms(0.999));
  inner.add("max", latency.quantile_ms(1.0));
  fields_.emplace_back(key, inner.json());
}

std::string Report::json() const {
  std::string out = "{";
  for (const auto& [key, value] : fields_) {
    if (out.size() > 1) out += ",";
    out += "\"" + key + "\":" + value;
  }
  return out + "}";
}

}  // namespace hearth::loadgen
