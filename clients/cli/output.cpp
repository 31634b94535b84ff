#include "clients/cli/output.h"

#include <google/protobuf/util/json_util.h>

#include <ctime>
#include <iostream>

namespace hearth::cli {

namespace {

std::string local_time(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[16];
  std::strftime(text, sizeof text, "%H:%M", &local);
  return text;
}

}  // namespace

void Output::json_line(const google::protobuf::Message& message) const {
  std::string text;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &text, options);
  std::cout << text << std::endl;
}

void Output::say(const std::string& line) const {
  if (!json_) std::cout << line << std::endl;
}

void Output::message(const hearth::v1::RoomMessage& message) const {
  if (json_) return json_line(message);
  std::string line = "#" + std::to_string(message.seq()) + " " + local_time(message.sent_at_ms()) + " " +
                     message.author().handle() + ": ";
  if (message.deleted()) line += "(message deleted)";
  else line += message.text() + (message.edited_at_ms() != 0 ? "  (edited)" : "");
  std::cout << line << std::endl;
}

void Output::event(const hearth::v1::Event& event) const {
  if (json_) return json_line(event);
  if (event.has_message_edited()) {
    say("#" + std::to_string(event.message_edited().seq()) + " edited: " + event.message_edited().text());
  } else if (event.has_message_deleted()) {
    say("#" + std::to_string(event.message_deleted().seq()) + " was deleted");
  } else if (event.has_member_joined()) {
    say("* " + event.member_joined().user().handle() + " joined the room");
  } else if (event.has_member_left()) {
    say("* " + event.member_left().user().handle() + " left the room");
  } else if (event.has_disconnecting()) {
    say("* the server is closing this connection: " + event.disconnecting().reason());
  }
}

int Output::refused(const hearth::v1::Response& response) const {
  const auto& error = response.error();
  std::cerr << "hearth: " << hearth::v1::ErrorCode_Name(error.code()) << ": " << error.message();
  if (error.retry_after_ms() > 0) std::cerr << " (retry in " << (error.retry_after_ms() + 999) / 1000 << " s)";
  std::cerr << std::endl;
  if (json_) json_line(response);
  return kRefused;
}

}  // namespace hearth::cli
