// A block must never show. The same story is played in three worlds that differ only in bob:
// he blocks cal, or he simply has no device left (and ended their sponsorship by hand), or he
// does not exist. Everything cal can ask about bob must then be answered byte for byte alike
// (the request id and times aside): the block only where the other two answer alike.
#include <google/protobuf/descriptor.h>

#include <catch2/catch.hpp>

#include "tests/integration/e2e_test_device.h"

using namespace hearth::testing;
namespace v1 = hearth::v1;

namespace {

enum class Bob { kBlocksCal, kHasNoDevice, kDoesNotExist };

// Times differ from world to world however alike the worlds are: every `..._ms` field goes.
void clear_times(google::protobuf::Message& message) {
  const auto* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!field->is_repeated()) {
        clear_times(*reflection->MutableMessage(&message, field));
        continue;
      }
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        clear_times(*reflection->MutableRepeatedMessage(&message, field, i));
      }
    } else if (field->name().size() > 3 && field->name().ends_with("_ms")) {
      reflection->ClearField(&message, field);
    }
  }
}

// What cal got, as it came over the wire but for the request id and the times.
std::string normalised(google::protobuf::Message& message) {
  clear_times(message);
  return message.SerializeAsString();
}
std::string normalised_response(v1::Response response) {
  response.set_request_id(0);
  return normalised(response);
}

struct Answer {
  std::string request;  // what cal asked, for the failure message
  std::string bytes;
  std::string text;
};

// ids and handles are handed out in the same order in every world, so they match too.
struct World {
  explicit World(Bob state) {
    cal = community.member("cal");
    cal_phone = std::make_unique<E2eDevice>(*cal, "cal");
    if (state == Bob::kDoesNotExist) return;
    bob = community.member("bob");
    bob_phone = std::make_unique<E2eDevice>(*bob, "bob");
    // Before it ends, bob had written to cal (a request cal has not answered), had become cal's
    // sponsor and had handed out a sponsor invite.
    REQUIRE(bob_phone->send_ok("cal", "are you coming on thursday?").request());
    sponsorship_id = sponsor(*cal, *bob, "bob");
    const auto invite = bob->call(requests::create_sponsor_invite());
    REQUIRE(invite.has_invite());
    invite_code = invite.invite().code();
    REQUIRE(told(sponsorship_id, v1::SPONSORSHIP_ACTIVE));

    if (state == Bob::kBlocksCal) {
      REQUIRE(bob->call(requests::block_user("cal")).has_ok());
    } else {
      REQUIRE(bob->call(requests::end_sponsorship(sponsorship_id)).has_sponsorship());
      REQUIRE(bob->call(requests::remove_device(bob_phone->id())).has_ok());
    }
    // Told as of any end, whether bob ended it by hand or by blocking.
    CHECK(told(sponsorship_id, v1::SPONSORSHIP_ENDED));
  }

  // Whether cal has been told that sponsorship `id` is now in `state` (waiting for it a while).
  bool told(std::uint64_t id, v1::SponsorshipState state) {
    return eventually([&] {
      for (const auto& e : cal->events()) {
        if (e.has_sponsorship_changed() && e.sponsorship_changed().sponsorship().sponsorship_id() == id &&
            e.sponsorship_changed().sponsorship().state() == state) {
          return true;
        }
      }
      return false;
    });
  }

  Answer ask(v1::ClientFrame frame) {
    Answer answer;
    answer.request = frame.ShortDebugString();
    const auto response = cal->call(std::move(frame));
    answer.text = response.ShortDebugString();
    answer.bytes = normalised_response(response);
    return answer;
  }

  // The sponsorship and direct-message events cal has had, in order.
  std::vector<Answer> events() {
    std::vector<Answer> seen;
    for (auto event : cal->events()) {
      if (!event.has_sponsorship_changed() && !event.has_direct_request() && !event.has_direct_message() &&
          !event.has_direct_delivered()) {
        continue;
      }
      seen.push_back({"event", {}, event.ShortDebugString()});
      seen.back().bytes = normalised(event);
    }
    return seen;
  }

  Community community;
  std::unique_ptr<TestClient> cal;
  std::unique_ptr<TestClient> bob;
  std::unique_ptr<E2eDevice> cal_phone;
  std::unique_ptr<E2eDevice> bob_phone;
  std::uint64_t sponsorship_id = 0;
  std::string invite_code;
};

void check_alike(const std::vector<Answer>& blocked, const std::vector<Answer>& other, const std::string& other_name) {
  CHECK(blocked.size() == other.size());
  for (std::size_t i = 0; i < std::min(blocked.size(), other.size()); ++i) {
    INFO(blocked[i].request);
    INFO("blocked:     " << blocked[i].text);
    INFO(other_name << ": " << other[i].text);
    CHECK(blocked[i].bytes == other[i].bytes);
  }
}

// The requests that name bob and whose answer cannot depend on whether he exists: refused alike
// for a block, for no device and for no such person. The handle is also sent in other capitals
// (handles ignore case): the refusal repeats it as typed, never as stored.
std::vector<Answer> ask_about_writing(World& world) {
  v1::DirectCopy copy;
  copy.set_device_id(2);
  copy.set_envelope(std::string(120, '\x5a'));
  std::vector<Answer> answers;
  for (const std::string handle : {"bob", "BoB"}) {
    answers.push_back(world.ask(requests::list_devices(handle)));
    answers.push_back(world.ask(requests::fetch_bundles(handle)));
    answers.push_back(world.ask(requests::send_direct(handle, world.cal_phone->id(), {copy})));
  }
  return answers;
}

// Everything else cal can do about bob, in a row: each answer (and what it changed) must be the
// same for a block as for someone who just has no device left.
std::vector<Answer> ask_about_everything_else(World& world) {
  std::vector<Answer> answers;
  answers.push_back(world.ask(requests::list_contacts()));
  answers.push_back(world.ask(requests::list_direct_requests()));
  answers.push_back(world.ask(requests::list_sponsorships()));

  // An ask to a sponsor who blocks one is pending like any ask left unanswered.
  const auto asked = world.cal->call(requests::ask_sponsor("bob"));
  const auto ask_id = asked.sponsorship().sponsorship().sponsorship_id();
  answers.push_back({"ask_sponsor", normalised_response(asked), asked.ShortDebugString()});
  answers.push_back(world.ask(requests::ask_sponsor("bob")));
  answers.push_back(world.ask(requests::list_sponsorships()));
  answers.push_back(world.ask(requests::end_sponsorship(ask_id)));
  answers.push_back(world.ask(requests::ask_sponsor_by_invite(world.invite_code)));
  answers.push_back(world.ask(requests::list_sponsorships()));
  const auto listed = world.cal->call(requests::list_sponsorships());
  const auto invite_ask_id =
      listed.sponsorships().sponsorships().empty() ? 0 : listed.sponsorships().sponsorships(0).sponsorship_id();
  answers.push_back(world.ask(requests::end_sponsorship(invite_ask_id)));
  CHECK(world.told(invite_ask_id, v1::SPONSORSHIP_ENDED));

  // The request bob wrote before is still there to answer, and accepting it makes him a contact.
  answers.push_back(world.ask(requests::answer_direct_request("bob", v1::REQUEST_ACCEPT)));
  answers.push_back(world.ask(requests::list_contacts()));
  answers.push_back(world.ask(requests::list_direct_requests()));

  // Blocking back, and unblocking, as for anyone.
  answers.push_back(world.ask(requests::block_user("bob", true)));
  answers.push_back(world.ask(requests::block_user("bob")));
  answers.push_back(world.ask(requests::list_contacts(true)));
  answers.push_back(world.ask(requests::block_user("bob", true)));

  // The request, then pending, active and ended for the first sponsorship and for each ask.
  auto events = world.events();
  CHECK(events.size() == 8);
  for (auto& event : events) answers.push_back(std::move(event));
  return answers;
}

}  // namespace

TEST_CASE("a block is answered byte for byte as no device, no such person or an unanswered ask", "[direct]") {
  World blocked(Bob::kBlocksCal);
  World deviceless(Bob::kHasNoDevice);
  World nobody(Bob::kDoesNotExist);

  const auto blocked_writing = ask_about_writing(blocked);
  for (const auto& answer : blocked_writing) {
    INFO(answer.text);
    auto response = v1::Response();
    REQUIRE(response.ParseFromString(answer.bytes));
    CHECK(response.error().code() == v1::NOT_FOUND);
  }
  check_alike(blocked_writing, ask_about_writing(deviceless), "no device");
  check_alike(blocked_writing, ask_about_writing(nobody), "no one");

  check_alike(ask_about_everything_else(blocked), ask_about_everything_else(deviceless), "no device");
}
