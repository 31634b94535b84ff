#include "server/reply.h"

#include "server/metrics.h"
#include "server/session.h"

namespace hearth::server {

void Reply::error(hearth::v1::ErrorCode code, std::string message,
                  std::uint32_t retry_after_ms) const {
  hearth::v1::Error error;
  error.set_code(code);
  error.set_message(std::move(message));
  error.set_retry_after_ms(retry_after_ms);
  this->error(std::move(error));
}

void Reply::error(hearth::v1::Error error) const {
  metrics_->count_error(error.code());
  hearth::v1::Response response;
  *response.mutable_error() = std::move(error);
  send(std::move(response));
}

void Reply::storage_error(storage::Status status) const {
  switch (status) {
    case storage::Status::kNotFound:
      return error(hearth::v1::NOT_FOUND, "not found");
    case storage::Status::kAlreadyExists:
      return error(hearth::v1::ALREADY_EXISTS, "already exists");
    case storage::Status::kForbidden:
      return error(hearth::v1::FORBIDDEN, "not allowed");
    case storage::Status::kConflict:
      return error(hearth::v1::DEVICES_CHANGED, "that changed meanwhile; read it again and retry");
    case storage::Status::kLimitReached:
      return error(hearth::v1::LIMIT_REACHED, "a limit is reached; nothing was stored");
    case storage::Status::kFull:
      return error(hearth::v1::UNAVAILABLE,
                   "the server's storage is full; nothing was stored, try again later", 5000);
    case storage::Status::kUnavailable:
      return error(hearth::v1::UNAVAILABLE,
                   "the server is shutting down; nothing was stored, try again shortly", 2000);
    case storage::Status::kOk:
    case storage::Status::kInternal:
      break;
  }
  error(hearth::v1::INTERNAL, "internal error; nothing was stored");
}

void Reply::ok() const {
  hearth::v1::Response response;
  response.mutable_ok();
  send(std::move(response));
}

void Reply::send(hearth::v1::Response response) const {
  response.set_request_id(request_id_);
  hearth::v1::ServerFrame frame;
  *frame.mutable_response() = std::move(response);
  session_->respond(frame);
}

}  // namespace hearth::server
