#include "clients/loadgen/load_connection.h"

#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <random>
#include <stdexcept>

#include "protocol/websocket_framing.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

// A fresh connection reads into this much (see make_room_to_read for when it grows).
constexpr std::size_t kFirstReadBufferBytes = 4096;
// A read buffer grows to this size for a connection that keeps finding more waiting than it can
// take: at ~150 bytes a delivery, a 4 KiB read took ~27 deliveries, and the system call and
// wake-up around each read cost more than the deliveries.
constexpr std::size_t kBacklogReadBufferBytes = 64 * 1024;
// The largest server message accepted (a history page of big messages stays far below).
constexpr std::size_t kMaxMessageBytes = 64 * 1024 * 1024;

std::uint64_t big_endian(const unsigned char* bytes, std::size_t count) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < count; ++i) value = (value << 8) | bytes[i];
  return value;
}

}  // namespace

// Seeds each connection's mask keys from one generator: a std::random_device per connection
// was a measurable share of opening 10k connections.
std::uint64_t mask_seed() {
  static std::mt19937_64 seeds{std::random_device{}()};
  return seeds() | 1;
}

LoadConnection::LoadConnection(asio::io_context& io) : socket_(io), mask_state_(mask_seed()) {}

asio::awaitable<void> LoadConnection::open(const asio::ip::tcp::endpoint& server, const std::string& host,
                                           asio::ip::address_v4 source) {
  socket_.open(asio::ip::tcp::v4());
  // The port is picked at connect() time, from the whole 4-tuple: a port picked at bind() time
  // makes the kernel search every bound port, which dominated opening 10k connections.
  const int no_port = 1;
  ::setsockopt(socket_.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &no_port, sizeof no_port);
  socket_.bind({source, 0});
  if (receive_buffer_bytes_ > 0) {
    // Before connecting, so the window the server sees is small from the start; a fixed size
    // also turns off the kernel's receive buffer autotuning.
    socket_.set_option(asio::socket_base::receive_buffer_size(receive_buffer_bytes_));
  }
  co_await socket_.async_connect(server, asio::use_awaitable);
  socket_.set_option(asio::ip::tcp::no_delay(true));
  websocket::stream<asio::ip::tcp::socket&, false> handshake(socket_);
  handshake.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
    request.set(beast::http::field::sec_websocket_protocol, "hearth.v1");
  }));
  co_await handshake.async_handshake(host, "/ws", asio::use_awaitable);
}

void LoadConnection::queue_frame(protocol::websocket::Opcode opcode, std::string_view payload) {
  // Client frames are masked (RFC 6455 5.3); xorshift keys are unpredictable enough for a
  // benchmark and cost nothing.
  mask_state_ ^= mask_state_ << 13;
  mask_state_ ^= mask_state_ >> 7;
  mask_state_ ^= mask_state_ << 17;
  protocol::websocket::append_masked_frame(opcode, payload, static_cast<std::uint32_t>(mask_state_), true, out_);
}

std::uint32_t LoadConnection::queue(hearth::v1::ClientFrame frame) {
  const std::uint32_t id = next_request_id_++;
  frame.set_request_id(id);
  queue_frame(protocol::websocket::Opcode::kBinary, frame.SerializeAsString());
  return id;
}

asio::awaitable<void> LoadConnection::flush() {
  if (write_in_progress_) co_return;
  write_in_progress_ = true;
  try {
    while (!out_.empty()) {
      writing_.swap(out_);
      out_.clear();
      co_await asio::async_write(socket_, asio::buffer(writing_), asio::use_awaitable);
    }
  } catch (...) {
    write_in_progress_ = false;
    throw;
  }
  write_in_progress_ = false;
}

asio::awaitable<std::uint32_t> LoadConnection::send(hearth::v1::ClientFrame frame) {
  const std::uint32_t id = queue(std::move(frame));
  co_await flush();
  co_return id;
}

void LoadConnection::expect_backlog() {
  if (in_capacity_ >= kBacklogReadBufferBytes) return;
  auto bigger = std::make_unique<char[]>(kBacklogReadBufferBytes);  // zeroed: every page touched now
  const std::size_t pending = in_end_ - in_begin_;
  if (pending > 0) std::memcpy(bigger.get(), in_.get() + in_begin_, pending);
  in_ = std::move(bigger);
  in_capacity_ = kBacklogReadBufferBytes;
  in_begin_ = 0;
  in_end_ = pending;
}

void LoadConnection::make_room_to_read() {
  if (in_begin_ == in_end_) in_begin_ = in_end_ = 0;
  const std::size_t pending = in_end_ - in_begin_;
  std::size_t capacity = std::max(in_capacity_, kFirstReadBufferBytes);
  // A message that needs more than half the buffer doubles it; so does a read that took all it
  // was offered (more was waiting, as for a receiver in a busy room), up to a size that takes a
  // backlog in few reads. Idle connections keep the small first buffer.
  if (pending * 2 > capacity || (last_read_filled_ && capacity < kBacklogReadBufferBytes)) capacity *= 2;
  if (capacity > 2 * kMaxMessageBytes) throw std::runtime_error("server message over the load generator's limit");
  if (capacity == in_capacity_ && in_capacity_ - in_end_ >= in_capacity_ / 4) return;
  if (capacity != in_capacity_) {
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
    if (pending > 0) std::memcpy(bigger.get(), in_.get() + in_begin_, pending);
    in_ = std::move(bigger);
    in_capacity_ = capacity;
  } else if (pending > 0) {
    std::memmove(in_.get(), in_.get() + in_begin_, pending);
  }
  in_begin_ = 0;
  in_end_ = pending;
}

asio::awaitable<void> LoadConnection::receive(ReceivedFrames& frames) {
  frames.clear();
  for (;;) {
    // Every whole frame already read. The server never masks and never fragments.
    while (in_end_ - in_begin_ >= 2) {
      const auto* bytes = reinterpret_cast<const unsigned char*>(in_.get() + in_begin_);
      const std::size_t available = in_end_ - in_begin_;
      const unsigned opcode = bytes[0] & 0x0F;
      if ((bytes[0] & 0xF0) != 0x80 || (bytes[1] & 0x80) != 0) {
        throw std::runtime_error("server frame fragmented, masked or with reserved bits");
      }
      std::uint64_t size = bytes[1] & 0x7F;
      const std::size_t length_bytes = size == 126 ? 2 : size == 127 ? 8 : 0;
      if (available < 2 + length_bytes) break;
      if (length_bytes > 0) size = big_endian(bytes + 2, length_bytes);
      if (size > kMaxMessageBytes) throw std::runtime_error("server message over the load generator's limit");
      const std::size_t header = 2 + length_bytes;
      if (available - header < size) break;
      const std::string_view payload(in_.get() + in_begin_ + header, size);
      if (opcode == 0x8) {
        if (!frames.empty()) co_return;  // the close waits for the next call
        close_code_ = payload.size() >= 2 ? static_cast<std::uint16_t>(big_endian(bytes + header, 2)) : 0;
        throw boost::system::system_error(websocket::error::closed);
      }
      in_begin_ += header + size;
      if (opcode == 0x2) {
        if (!frames.add_message(payload, kMaxMessageBytes)) throw std::runtime_error("server sent a malformed message");
      } else if (opcode == 0x9) {
        // Written before reading on: a flush spawned on its own could outlive the connection.
        queue_frame(protocol::websocket::Opcode::kPong, payload);
        co_await flush();
      } else if (opcode != 0xA) {
        throw std::runtime_error("server sent an unexpected opcode");
      }
    }
    if (!frames.empty()) co_return;
    make_room_to_read();
    const std::size_t offered = in_capacity_ - in_end_;
    const std::size_t read = co_await socket_.async_read_some(asio::buffer(in_.get() + in_end_, offered), asio::use_awaitable);
    in_end_ += read;
    last_read_filled_ = read == offered;
  }
}

asio::awaitable<hearth::v1::Response> LoadConnection::call(hearth::v1::ClientFrame frame) {
  const std::uint32_t id = co_await send(std::move(frame));
  ReceivedFrames frames;
  for (;;) {
    co_await receive(frames);
    for (const auto& received : frames) {
      if (received.response() != nullptr && received.response()->request_id() == id) co_return *received.response();
    }
  }
}

void LoadConnection::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

}  // namespace hearth::loadgen
