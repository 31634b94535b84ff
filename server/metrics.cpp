#include "server/metrics.h"

namespace hearth::server {

namespace {

template <typename T>
void render_one(std::string& out, const char* name, const char* type, const char* help, T value) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
  out.append(name).append(" ").append(std::to_string(value)).append("\n");
}

}  // namespace

void LatencyHistogram::observe(std::uint64_t micros) {
  std::size_t bucket = 0;
  while (bucket < kBoundsUs.size() && micros > kBoundsUs[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_us_.fetch_add(micros, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

void LatencyHistogram::render(const std::string& name, const std::string& help,
                              std::string& out) const {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" histogram\n");
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBoundsUs.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out.append(name).append("_bucket{le=\"")
        .append(std::to_string(static_cast<double>(kBoundsUs[i]) / 1e6))
        .append("\"} ").append(std::to_string(cumulative)).append("\n");
  }
  cumulative += buckets_[kBoundsUs.size()].load(std::memory_order_relaxed);
  out.append(name).append("_bucket{le=\"+Inf\"} ").append(std::to_string(cumulative)).append("\n");
  out.append(name).append("_sum ")
      .append(std::to_string(static_cast<double>(sum_us_.load(std::memory_order_relaxed)) / 1e6))
      .append("\n");
  out.append(name).append("_count ").append(std::to_string(count_.load(std::memory_order_relaxed)))
      .append("\n");
}

void Metrics::count_error(hearth::v1::ErrorCode code) {
  const auto index = static_cast<std::size_t>(code);
  if (index < errors_by_code.size()) errors_by_code[index].fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render(std::uint64_t storage_transactions, std::uint64_t moderation_queue_depth,
                            OutboundBytes outbound) const {
  std::string out;
  out.reserve(4096);
  auto load = [](const auto& counter) { return counter.load(std::memory_order_relaxed); };
  render_one(out, "hearth_connections_open", "gauge", "WebSocket connections open now", load(connections_open));
  render_one(out, "hearth_connections_authenticated", "gauge", "authenticated WebSocket connections now", load(connections_authenticated));
  render_one(out, "hearth_connections_total", "counter", "WebSocket connections accepted", load(connections_total));
  render_one(out, "hearth_frames_in_total", "counter", "client frames received", load(frames_in));
  render_one(out, "hearth_frames_out_total", "counter", "server frames queued to clients", load(frames_out));
  render_one(out, "hearth_websocket_writes_total", "counter", "WebSocket messages written (each carries one or more frames)", load(websocket_writes));
  render_one(out, "hearth_bytes_out_total", "counter", "payload bytes written to clients", load(bytes_out));
  render_one(out, "hearth_fanout_deliveries_total", "counter", "room events queued to members' connections", load(fanout_deliveries));
  render_one(out, "hearth_messages_stored_total", "counter", "room messages committed", load(messages_stored));
  render_one(out, "hearth_storage_transactions_total", "counter", "storage transactions committed (group commit)", storage_transactions);
  render_one(out, "hearth_slow_consumer_disconnects_total", "counter", "connections closed for exceeding the outbound cap", load(slow_consumer_disconnects));
  render_one(out, "hearth_auth_timeouts_total", "counter", "connections closed for not authenticating in time", load(auth_timeouts));
  render_one(out, "hearth_idle_timeouts_total", "counter", "connections dropped for staying silent through a ping", load(idle_timeouts));
  render_one(out, "hearth_websocket_protocol_errors_total", "counter", "connections closed for breaking RFC 6455 framing", load(websocket_protocol_errors));
  render_one(out, "hearth_login_failures_total", "counter", "failed login attempts", load(login_failures));
  render_one(out, "hearth_password_hashes_total", "counter", "Argon2id password hashes computed (register and login)", load(password_hashes));
  render_one(out, "hearth_rate_limited_total", "counter", "requests refused with RATE_LIMITED", load(rate_limited));
  render_one(out, "hearth_direct_messages_sent_total", "counter", "end-to-end direct messages accepted for relay", load(direct_messages_sent));
  render_one(out, "hearth_direct_messages_delivered_total", "counter", "direct message copies acknowledged by a recipient's device", load(direct_messages_delivered));
  render_one(out, "hearth_moderation_queue_depth", "gauge", "open items in the moderation queue", moderation_queue_depth);
  render_one(out, "hearth_outbound_queued_bytes", "gauge",
             "bytes held for clients now and not yet written: queued frames, writes in progress, control frames",
             outbound.total);
  render_one(out, "hearth_outbound_queued_bytes_largest", "gauge",
             "bytes held now for the one connection holding the most", outbound.largest);
  out.append("# HELP hearth_errors_total error responses by code\n# TYPE hearth_errors_total counter\n");
  for (std::size_t code = 1; code < errors_by_code.size(); ++code) {
    if (!hearth::v1::ErrorCode_IsValid(static_cast<int>(code))) continue;
    out.append("hearth_errors_total{code=\"")
        .append(hearth::v1::ErrorCode_Name(static_cast<hearth::v1::ErrorCode>(code)))
        .append("\"} ").append(std::to_string(load(errors_by_code[code]))).append("\n");
  }
  commit_latency.render("hearth_message_commit_seconds",
                        "time from a SendMessage reaching storage to its durable commit", out);
  return out;
}

}  // namespace hearth::server
