#include "server/outbound_queue.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>

using hearth::server::OutboundQueue;
using Push = OutboundQueue::PushResult;

namespace {
hearth::protocol::SharedFrame frame_of(std::size_t bytes) {
  return std::make_shared<const std::string>(bytes, 'x');
}
}  // namespace

TEST_CASE("only a push into an idle queue asks for a write", "[outbound_queue]") {
  OutboundQueue queue(1000);
  CHECK(queue.push(frame_of(10)) == Push::kScheduleWrite);
  CHECK(queue.push(frame_of(10)) == Push::kQueued);
  CHECK(queue.push(frame_of(10)) == Push::kQueued);
  std::vector<hearth::protocol::SharedFrame> batch;
  REQUIRE(queue.take_batch(batch));
  CHECK(batch.size() == 3);  // one write carries everything queued so far
  CHECK(queue.push(frame_of(10)) == Push::kQueued);  // a write is still in progress
  queue.written(30);
  REQUIRE(queue.take_batch(batch));
  CHECK(batch.size() == 1);
  queue.written(10);
  CHECK_FALSE(queue.take_batch(batch));  // idle again
  CHECK(queue.push(frame_of(10)) == Push::kScheduleWrite);
}

TEST_CASE("bytes in flight count against the cap until written", "[outbound_queue]") {
  OutboundQueue queue(100);
  REQUIRE(queue.push(frame_of(60)) == Push::kScheduleWrite);
  std::vector<hearth::protocol::SharedFrame> batch;
  REQUIRE(queue.take_batch(batch));
  CHECK(queue.bytes() == 60);
  CHECK(queue.push(frame_of(50)) == Push::kOverflow);  // 60 in flight + 50 > 100
  CHECK(queue.push(frame_of(1)) == Push::kClosed);      // overflow seals the queue
  CHECK(queue.bytes() == 60);
}

TEST_CASE("an overflow drops what was queued but still lets the farewell through", "[outbound_queue]") {
  OutboundQueue queue(100);
  REQUIRE(queue.push(frame_of(40)) == Push::kScheduleWrite);
  std::vector<hearth::protocol::SharedFrame> batch;
  REQUIRE(queue.take_batch(batch));  // 40 in flight
  REQUIRE(queue.push(frame_of(40)) == Push::kQueued);
  CHECK(queue.bytes() == 80);
  CHECK(queue.push(frame_of(40)) == Push::kOverflow);
  CHECK(queue.bytes() == 40);  // the queued 40 are released; the 40 in flight are not yet
  // The farewell goes past the cap (40 in flight + 70 > 100) and past the seal.
  CHECK(queue.push_farewell(frame_of(70)) == Push::kQueued);  // the write in flight will take it
  CHECK(queue.push(frame_of(1)) == Push::kClosed);
  queue.written(40);
  REQUIRE(queue.take_batch(batch));
  REQUIRE(batch.size() == 1);
  CHECK(batch[0]->size() == 70);
}

TEST_CASE("the farewell seals the queue but keeps what it holds", "[outbound_queue]") {
  OutboundQueue queue(100);
  REQUIRE(queue.push(frame_of(10)) == Push::kScheduleWrite);
  CHECK(queue.push_farewell(frame_of(5)) == Push::kQueued);
  CHECK(queue.push(frame_of(10)) == Push::kClosed);
  std::vector<hearth::protocol::SharedFrame> batch;
  REQUIRE(queue.take_batch(batch));
  REQUIRE(batch.size() == 2);
  CHECK(batch[0]->size() == 10);
  CHECK(batch[1]->size() == 5);
}

TEST_CASE("close drops everything queued", "[outbound_queue]") {
  OutboundQueue queue(100);
  REQUIRE(queue.push(frame_of(10)) == Push::kScheduleWrite);
  queue.close();
  std::vector<hearth::protocol::SharedFrame> batch;
  CHECK_FALSE(queue.take_batch(batch));
  CHECK(queue.push(frame_of(10)) == Push::kClosed);
  CHECK(queue.push_farewell(frame_of(10)) == Push::kClosed);  // a torn-down connection says nothing
}

TEST_CASE("an overflow drops queued events but never a response", "[outbound_queue]") {
  OutboundQueue queue(100);
  REQUIRE(queue.push(frame_of(30)) == Push::kScheduleWrite);  // an event
  REQUIRE(queue.push_response(frame_of(30)) == Push::kQueued);
  // A response past the cap overflows the queue but is itself kept, like the one before it.
  CHECK(queue.push_response(frame_of(50)) == Push::kOverflow);
  CHECK(queue.bytes() == 80);
  CHECK(queue.push(frame_of(1)) == Push::kClosed);              // events are refused now
  CHECK(queue.push_response(frame_of(10)) == Push::kQueued);    // answers still owed go out
  std::vector<hearth::protocol::SharedFrame> batch;
  REQUIRE(queue.take_batch(batch));
  REQUIRE(batch.size() == 3);
  CHECK(batch[0]->size() == 30);
  CHECK(batch[1]->size() == 50);
  CHECK(batch[2]->size() == 10);
}

TEST_CASE("a sealed queue refuses events but takes responses and the farewell", "[outbound_queue]") {
  OutboundQueue queue(100);
  queue.seal();
  CHECK(queue.push(frame_of(10)) == Push::kClosed);
  CHECK(queue.push_response(frame_of(10)) == Push::kScheduleWrite);
  CHECK(queue.push_farewell(frame_of(10)) == Push::kQueued);
  queue.close();
  CHECK(queue.push_response(frame_of(10)) == Push::kClosed);
  CHECK(queue.bytes() == 0);
}

TEST_CASE("control frame bytes count against the cap until written", "[outbound_queue]") {
  OutboundQueue queue(100);
  queue.count_control(60);
  CHECK(queue.bytes() == 60);
  CHECK(queue.push(frame_of(50)) == Push::kOverflow);
  queue.written(60);
  CHECK(queue.bytes() == 0);
}

TEST_CASE("the cap can grow once a connection authenticates", "[outbound_queue]") {
  OutboundQueue queue(100);
  REQUIRE(queue.push(frame_of(80)) == Push::kScheduleWrite);
  queue.set_cap(1000);
  CHECK(queue.push(frame_of(500)) == Push::kQueued);
  CHECK(queue.bytes() == 580);
}
