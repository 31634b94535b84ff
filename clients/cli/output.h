// How `hearth` prints: lines for people, or one JSON object per line with --json.
#pragma once

#include <google/protobuf/message.h>

#include <string>

#include "hearth/v1/frames.pb.h"

namespace hearth::cli {

enum ExitCode { kOk = 0, kUsage = 1, kRefused = 2, kConnection = 3, kNotLoggedIn = 4 };

// "2026-11-23 20:15" in local time.
std::string format_time(std::int64_t ms);
// One review queue item on one line: kind, state, room, message, why, reports, claim, outcome.
std::string queue_item_line(const hearth::v1::QueueItem& item);

class Output {
 public:
  explicit Output(bool json) : json_(json) {}
  bool json() const { return json_; }

  // A protobuf message as one JSON line (--json only).
  void json_line(const google::protobuf::Message& message) const;
  // A line for people (ignored with --json).
  void say(const std::string& line) const;
  // A room message as "#seq HH:MM handle: text", or JSON.
  void message(const hearth::v1::RoomMessage& message) const;
  // An event worth showing (edits, deletes, joins, leaves), or JSON.
  void event(const hearth::v1::Event& event) const;
  // Prints the server's error ("FORBIDDEN: ...") to stderr and returns kRefused.
  int refused(const hearth::v1::Response& response) const;

 private:
  bool json_;
};

}  // namespace hearth::cli
