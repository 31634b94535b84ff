#include "clients/cli/direct_output.h"

#include <iostream>

namespace hearth::cli {

void print_direct(const Output& out, const std::string& me, const hearth::client::StoredMessage& message) {
  if (out.json()) return out.json_line(message);
  const std::string from = message.outgoing() ? me : message.peer();
  const std::string to = message.outgoing() ? message.peer() : me;
  std::string line = format_time(message.sent_at_ms()) + " " + from + " → " + to + ": ";
  line += message.undecryptable() ? "[" + message.text() + "]" : message.text();
  if (message.outgoing() && message.delivered()) line += "  ✓";
  out.say(line);
}

std::string sponsorship_line(const hearth::v1::SponsorshipInfo& sponsorship, const std::string& me) {
  const std::string& sponsor = sponsorship.sponsor().handle();
  const std::string& sponsee = sponsorship.sponsee().handle();
  std::string line = "#";  // appended: GCC 12 -O2 warns falsely on "#" + std::string&&
  line += std::to_string(sponsorship.sponsorship_id()) + " ";
  switch (sponsorship.state()) {
    case hearth::v1::SPONSORSHIP_PENDING:
      line += sponsee == me ? "you asked " + sponsor + " to be your sponsor (waiting for their answer)"
                            : sponsee + " asks you to be their sponsor: hearth sponsor accept|decline " +
                                  std::to_string(sponsorship.sponsorship_id());
      break;
    case hearth::v1::SPONSORSHIP_ACTIVE:
      line += sponsor == me ? "you sponsor " + sponsee : sponsor + " is your sponsor";
      line += " (since " + format_time(sponsorship.answered_at_ms()) + ")";
      break;
    case hearth::v1::SPONSORSHIP_DECLINED: line += sponsor + " declined to sponsor " + sponsee; break;
    case hearth::v1::SPONSORSHIP_ENDED: line += "the sponsorship of " + sponsee + " by " + sponsor + " ended"; break;
    default: line += "unknown state"; break;
  }
  return line;
}

void print_direct_event(const Output& out, const std::string& me, const hearth::v1::Event& event) {
  if (out.json()) return out.json_line(event);
  switch (event.kind_case()) {
    case hearth::v1::Event::kDirectRequest:
      out.say("* " + event.direct_request().from().handle() + " wants to write to you: see `hearth requests`");
      break;
    case hearth::v1::Event::kSponsorshipChanged:
      out.say("* " + sponsorship_line(event.sponsorship_changed().sponsorship(), me));
      break;
    default: break;
  }
}

}  // namespace hearth::cli
