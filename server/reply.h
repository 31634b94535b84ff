// The one answer to one request. Copyable into asynchronous callbacks; any thread may use it.
// Every request gets exactly one reply: handlers call exactly one of the methods once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "hearth/v1/frames.pb.h"
#include "server/storage/result.h"

namespace hearth::server {

class Session;
struct Metrics;

class Reply {
 public:
  Reply(std::shared_ptr<Session> session, std::uint32_t request_id, Metrics& metrics)
      : session_(std::move(session)), request_id_(request_id), metrics_(&metrics) {}

  void error(hearth::v1::ErrorCode code, std::string message, std::uint32_t retry_after_ms = 0) const;
  // An error with more than code and message (e.g. DEVICES_CHANGED's expected devices).
  void error(hearth::v1::Error error) const;
  // Maps a storage failure to the error a client should see (never kOk).
  void storage_error(storage::Status status) const;
  void ok() const;
  // Sends `response` after stamping the request id into it.
  void send(hearth::v1::Response response) const;

  const std::shared_ptr<Session>& session() const { return session_; }
  std::uint32_t request_id() const { return request_id_; }

 private:
  std::shared_ptr<Session> session_;
  std::uint32_t request_id_;
  Metrics* metrics_;
};

}  // namespace hearth::server
