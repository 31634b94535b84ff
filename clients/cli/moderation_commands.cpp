// report, queue, claim/release, the resolutions (approve, remove, dismiss, warn, mute, kick,
// ban, escalate), rules, policy and audit.
#include <atomic>
#include <csignal>
#include <iostream>
#include <map>
#include <thread>

#include "clients/cli/commands.h"
#include "clients/client/moderation_requests.h"
#include "clients/client/requests.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

std::optional<std::uint64_t> parse_number(const std::string& word) {
  std::string digits = word;
  if (!digits.empty() && digits[0] == '#') digits.erase(0, 1);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoull(digits);
}

// "server" (or nothing) means the server-wide rules and log; anything else names a room.
std::optional<std::uint64_t> scope_room(CliContext& cli, client::Connection& connection, std::size_t word, int& code) {
  if (cli.args.words.size() <= word || cli.args.words[word] == "server") return 0;
  return cli.resolve_room(connection, cli.args.words[word], code);
}

const std::map<std::string, hearth::v1::ReportReason> kReasons = {
    {"harassment", hearth::v1::REPORT_HARASSMENT}, {"crosstalk", hearth::v1::REPORT_CROSSTALK},
    {"anonymity", hearth::v1::REPORT_BREAKS_ANONYMITY}, {"spam", hearth::v1::REPORT_SPAM},
    {"crisis", hearth::v1::REPORT_CRISIS_CONCERN}, {"other", hearth::v1::REPORT_OTHER}};

const std::map<std::string, hearth::v1::FilterAction> kActions = {
    {"crisis", hearth::v1::FILTER_CRISIS}, {"block", hearth::v1::FILTER_BLOCK},
    {"hold", hearth::v1::FILTER_HOLD}, {"flag", hearth::v1::FILTER_FLAG}};

void print_rule(CliContext& cli, const hearth::v1::FilterRule& rule) {
  if (cli.out.json()) return cli.out.json_line(rule);
  const std::string action = hearth::v1::FilterAction_Name(rule.action()).substr(7);  // FILTER_HOLD -> HOLD
  cli.out.say("rule " + std::to_string(rule.rule_id()) + "  " + action + "  \"" + rule.pattern() + "\"  (" +
              (rule.room_id() == 0 ? "server-wide" : "room " + std::to_string(rule.room_id())) +
              (rule.created_by().user_id() == 0 ? ", shipped" : ", by " + rule.created_by().handle()) + ")");
}

void print_item(CliContext& cli, const hearth::v1::QueueItem& item) {
  if (cli.out.json()) return cli.out.json_line(item);
  cli.out.say(queue_item_line(item));
}

// Claims the item (or renews one's claim) and resolves it with `action`.
int resolve(CliContext& cli, hearth::v1::ModerationAction action, const char* usage) {
  const auto item_id = cli.args.words.size() == 1 ? parse_number(cli.args.words[0]) : std::nullopt;
  if (!item_id) {
    std::cerr << "usage: hearth " << usage << "\n";
    return kUsage;
  }
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto claimed = connection->call(requests::claim_item(*item_id));
  if (claimed.has_error()) return cli.out.refused(claimed);
  const auto minutes = static_cast<std::uint32_t>(std::stoul(cli.args.option("minutes").value_or("0")));
  if (action == hearth::v1::ACTION_BAN_ROOM && cli.args.flag("server")) action = hearth::v1::ACTION_BAN_SERVER;
  const auto resolved = connection->call(requests::resolve_item(*item_id, action, cli.args.option("reason").value_or(""),
                                                                minutes, cli.args.flag("also-remove")));
  if (resolved.has_error()) return cli.out.refused(resolved);
  print_item(cli, resolved.queue_item().item());
  return kOk;
}

std::atomic<bool> interrupted{false};

}  // namespace

int run_report(CliContext& cli) {
  const char* usage = "report ROOM #SEQ --reason harassment|crosstalk|anonymity|spam|crisis|other [--note TEXT]";
  if (!cli.has_words(2, 2, usage)) return kUsage;
  const auto seq = parse_number(cli.args.words[1]);
  const auto reason = kReasons.find(cli.args.option("reason").value_or(""));
  if (!seq || reason == kReasons.end()) {
    std::cerr << "usage: hearth " << usage << "\n";
    return kUsage;
  }
  int code = kOk;
  std::uint64_t room_id = 0;
  auto connection = cli.connect_to_room(room_id, code);
  if (!connection) return code;
  // People see messages by their #number in the room; the server wants the message's id. The
  // one message before #seq+1 is #seq (after_seq would not do for #1: after_seq 0 means "the
  // newest").
  const auto page = connection->call(requests::history_before(room_id, *seq + 1, 1));
  if (page.has_error()) return cli.out.refused(page);
  if (page.history().messages_size() == 0 || page.history().messages(0).seq() != *seq) {
    std::cerr << "hearth: there is no message #" << *seq << " in that room\n";
    return kRefused;
  }
  const auto reported = connection->call(requests::report_message(page.history().messages(0).message_id(), reason->second,
                                                                  cli.args.option("note").value_or("")));
  if (reported.has_error()) return cli.out.refused(reported);
  if (cli.out.json()) cli.out.json_line(reported.report());
  cli.out.say("Reported. A coach will review it; you will hear how it ends. Who reported is seen only by coaches.");
  return kOk;
}

int run_queue(CliContext& cli) {
  if (!cli.has_words(0, 1, "queue [ROOM] [--all] [--live]")) return kUsage;
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  std::uint64_t room_id = 0;
  if (!cli.args.words.empty()) {
    const auto resolved = cli.resolve_room(*connection, cli.args.words[0], code);
    if (!resolved) return code;
    room_id = *resolved;
  }
  const bool live = cli.args.flag("live");
  if (live) connection->set_event_handler([&cli](const hearth::v1::Event& event) { cli.out.event(event); });
  const auto queue = connection->call(requests::list_queue(room_id, live, cli.args.flag("all")));
  if (queue.has_error()) return cli.out.refused(queue);
  if (queue.queue().items_size() == 0) cli.out.say("(the queue is empty)");
  for (const auto& item : queue.queue().items()) print_item(cli, item);
  if (!live) return kOk;
  cli.out.say("-- following the queue live; Ctrl-C to stop --");
  std::signal(SIGINT, [](int) { interrupted = true; });
  std::signal(SIGTERM, [](int) { interrupted = true; });
  while (!interrupted) {
    if (connection->wait_closed(std::chrono::milliseconds(200))) {
      std::cerr << "hearth: the connection closed\n";
      return kConnection;
    }
  }
  return kOk;
}

int run_claim(CliContext& cli) {
  const auto item_id = cli.args.words.size() == 1 ? parse_number(cli.args.words[0]) : std::nullopt;
  if (!item_id) {
    std::cerr << "usage: hearth claim ITEM [--release]\n";
    return kUsage;
  }
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto response = connection->call(cli.args.flag("release") ? requests::release_item(*item_id)
                                                                  : requests::claim_item(*item_id));
  if (response.has_error()) return cli.out.refused(response);
  print_item(cli, response.queue_item().item());
  return kOk;
}

int run_approve(CliContext& cli) { return resolve(cli, hearth::v1::ACTION_APPROVE, "approve ITEM [--reason R]"); }
int run_remove(CliContext& cli) { return resolve(cli, hearth::v1::ACTION_REMOVE, "remove ITEM [--reason R]"); }
int run_dismiss(CliContext& cli) { return resolve(cli, hearth::v1::ACTION_DISMISS, "dismiss ITEM [--reason R]"); }
int run_warn(CliContext& cli) { return resolve(cli, hearth::v1::ACTION_WARN, "warn ITEM --reason TEXT [--also-remove]"); }
int run_mute(CliContext& cli) {
  return resolve(cli, hearth::v1::ACTION_MUTE, "mute ITEM [--minutes N] [--reason R] [--also-remove]");
}
int run_kick(CliContext& cli) { return resolve(cli, hearth::v1::ACTION_KICK, "kick ITEM [--reason R] [--also-remove]"); }
int run_ban(CliContext& cli) {
  return resolve(cli, hearth::v1::ACTION_BAN_ROOM, "ban ITEM [--server] [--minutes N] [--reason R] [--also-remove]");
}
// Ends a mute or ban before its time: ROOM (or "server" for a server ban) and the member's handle.
int lift(CliContext& cli, hearth::v1::SanctionKind kind, const char* usage) {
  if (!cli.has_words(2, 2, usage)) return kUsage;
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto room_id = scope_room(cli, *connection, 0, code);
  if (!room_id) return code;
  const std::string& handle = cli.args.words[1];
  const auto lifted =
      connection->call(requests::lift_sanction(*room_id, handle, kind, cli.args.option("reason").value_or("")));
  if (lifted.has_error()) return cli.out.refused(lifted);
  cli.out.say(std::string(kind == hearth::v1::SANCTION_MUTE ? "Unmuted " : "Unbanned ") + handle +
              "; they have been told.");
  return kOk;
}

int run_unmute(CliContext& cli) { return lift(cli, hearth::v1::SANCTION_MUTE, "unmute ROOM HANDLE [--reason R]"); }
int run_unban(CliContext& cli) { return lift(cli, hearth::v1::SANCTION_BAN, "unban ROOM|server HANDLE [--reason R]"); }
int run_escalate(CliContext& cli) { return resolve(cli, hearth::v1::ACTION_ESCALATE, "escalate ITEM [--reason R]"); }

int run_rules(CliContext& cli) {
  const char* usage =
      "rules [ROOM|server]                          list the rules in force\n"
      "       hearth rules ROOM|server add --action crisis|block|hold|flag PATTERN...\n"
      "       hearth rules remove RULE_ID [--reason R]";
  const auto& words = cli.args.words;
  int code = kOk;
  if (!words.empty() && words[0] == "remove") {
    const auto rule_id = words.size() == 2 ? parse_number(words[1]) : std::nullopt;
    if (!rule_id) {
      std::cerr << "usage: hearth " << usage << "\n";
      return kUsage;
    }
    auto connection = cli.connect_authenticated(code);
    if (!connection) return code;
    const auto removed = connection->call(requests::remove_rule(*rule_id, cli.args.option("reason").value_or("")));
    if (removed.has_error()) return cli.out.refused(removed);
    cli.out.say("Rule " + std::to_string(*rule_id) + " removed; it no longer applies to new messages.");
    return kOk;
  }
  const bool add = words.size() >= 2 && words[1] == "add";
  if ((!add && words.size() > 1) || (add && words.size() < 3)) {
    std::cerr << "usage: hearth " << usage << "\n";
    return kUsage;
  }
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto room_id = scope_room(cli, *connection, 0, code);
  if (!room_id) return code;
  if (add) {
    const auto action = kActions.find(cli.args.option("action").value_or(""));
    if (action == kActions.end()) {
      std::cerr << "hearth: give --action crisis, block, hold or flag\n";
      return kUsage;
    }
    std::string pattern;
    for (std::size_t i = 2; i < words.size(); ++i) pattern += (i > 2 ? " " : "") + words[i];
    const auto added = connection->call(requests::add_rule(*room_id, pattern, action->second));
    if (added.has_error()) return cli.out.refused(added);
    print_rule(cli, added.rule().rule());
    return kOk;
  }
  const auto rules = connection->call(requests::list_rules(*room_id));
  if (rules.has_error()) return cli.out.refused(rules);
  if (rules.rules().rules_size() == 0) cli.out.say("(no rules)");
  for (const auto& rule : rules.rules().rules()) print_rule(cli, rule);
  return kOk;
}

int run_policy(CliContext& cli) {
  if (!cli.has_words(1, 1, "policy ROOM [--slow-mode SECONDS] [--premoderate N] [--link-hours H]")) return kUsage;
  int code = kOk;
  std::uint64_t room_id = 0;
  auto connection = cli.connect_to_room(room_id, code);
  if (!connection) return code;
  const auto rooms = connection->call(requests::list_rooms());
  if (rooms.has_error()) return cli.out.refused(rooms);
  hearth::v1::RoomPolicy policy;
  for (const auto& room : rooms.rooms().rooms()) {
    if (room.room_id() == room_id) policy = room.policy();
  }
  const bool change = cli.args.option("slow-mode") || cli.args.option("premoderate") || cli.args.option("link-hours");
  if (change) {
    if (auto v = cli.args.option("slow-mode")) policy.set_slow_mode_seconds(static_cast<std::uint32_t>(std::stoul(*v)));
    if (auto v = cli.args.option("premoderate")) policy.set_premoderate_first_messages(static_cast<std::uint32_t>(std::stoul(*v)));
    if (auto v = cli.args.option("link-hours")) policy.set_links_after_member_hours(static_cast<std::uint32_t>(std::stoul(*v)));
    const auto set = connection->call(requests::set_room_policy(room_id, policy));
    if (set.has_error()) return cli.out.refused(set);
    policy = set.room().room().policy();
  }
  if (cli.out.json()) cli.out.json_line(policy);
  cli.out.say("slow mode: " + (policy.slow_mode_seconds() ? "one message per " + std::to_string(policy.slow_mode_seconds()) + " s" : std::string("off")));
  cli.out.say("new members' first messages reviewed: " + std::to_string(policy.premoderate_first_messages()));
  cli.out.say("links from new members held: " + (policy.links_after_member_hours()
                                                     ? "if they joined less than " + std::to_string(policy.links_after_member_hours()) + " h ago"
                                                     : std::string("no")));
  return kOk;
}

int run_audit(CliContext& cli) {
  if (!cli.has_words(0, 1, "audit [ROOM|server] [--before RECORD_ID] [--limit N]")) return kUsage;
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto room_id = scope_room(cli, *connection, 0, code);
  if (!room_id) return code;
  const auto audit = connection->call(requests::list_audit(*room_id, std::stoull(cli.args.option("before").value_or("0")),
                                                           static_cast<std::uint32_t>(std::stoul(cli.args.option("limit").value_or("50")))));
  if (audit.has_error()) return cli.out.refused(audit);
  if (audit.audit().records_size() == 0) cli.out.say("(no records)");
  for (const auto& record : audit.audit().records()) {
    if (cli.out.json()) {
      cli.out.json_line(record);
      continue;
    }
    std::string line = std::to_string(record.record_id()) + "  " + format_time(record.at_ms()) + "  " +
                       (record.actor().user_id() == 0 ? "(automatic)" : record.actor().handle()) + "  " +
                       hearth::v1::AuditAction_Name(record.action()).substr(6);  // AUDIT_RULE_ADDED -> RULE_ADDED
    if (record.has_target()) line += "  " + record.target().handle();
    if (record.room_id() != 0) line += "  room " + std::to_string(record.room_id());
    if (record.item_id() != 0) line += "  item " + std::to_string(record.item_id());
    if (record.message_id() != 0) line += "  message " + std::to_string(record.message_id());
    if (record.rule_id() != 0) line += "  rule " + std::to_string(record.rule_id());
    if (!record.detail().empty()) line += "  — " + record.detail();
    cli.out.say(line);
  }
  if (audit.audit().has_more()) {
    cli.out.say("(older: --before " + std::to_string(audit.audit().records(audit.audit().records_size() - 1).record_id()) + ")");
  }
  return kOk;
}

}  // namespace hearth::cli
