// Reads the one server frame a load generator gets a million times a second, a room message
// event, straight from its bytes: at that rate a full protobuf parse of every delivery (author,
// strings, UTF-8 checks, arena objects) cost the load generator more CPU than the delivery cost
// hearthd, so the benchmark measured the generator. Pure functions, no I/O; any thread.
//
// The scanner takes only the exact shape hearthd writes: a ServerFrame holding nothing but
// `event` (2), an Event holding nothing but `message_posted` (1), and a RoomMessage whose fields
// are the known ones (1-9, each at most once, with their own wire types) with ASCII strings.
// Anything else (another frame kind, unknown or repeated fields, non-ASCII or malformed bytes)
// is left to the full parse, which gives protobuf's answer, so the result never depends on
// which path read a frame.
#pragma once

#include <cstdint>
#include <string_view>

namespace hearth::loadgen {

// What a reader counts and times of a posted room message. `text` points into the bytes that
// were scanned (or into the parsed message) and lives as long as they do.
struct PostedMessage {
  std::uint64_t seq = 0;
  std::string_view text;
};

// Takes the first length-prefixed frame off the front of a server WebSocket message: `framed`
// becomes the frame with its varint length prefix, `body` the frame's bytes. False if the prefix
// is malformed or promises more bytes than `message` holds (then nothing is taken).
bool take_server_frame(std::string_view& message, std::string_view& framed, std::string_view& body);

// Fills `posted` from one ServerFrame's bytes (no length prefix) if they are a message_posted
// event in the shape above; false otherwise, and then only a full parse can say what they are.
bool scan_posted_message(std::string_view frame, PostedMessage& posted);

}  // namespace hearth::loadgen
