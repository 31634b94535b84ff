// How direct messages, requests and sponsorships print, for people or as JSON lines.
#pragma once

#include "clients/cli/device_state.pb.h"
#include "clients/cli/output.h"
#include "hearth/v1/direct.pb.h"

namespace hearth::cli {

// "2026-11-23 20:15 ann → bob: text" (with ✓ once delivered), or the JSON of the message.
void print_direct(const Output& out, const std::string& me, const hearth::client::StoredMessage& message);
// "#4 ann asks bob to be their sponsor (pending, since …)".
std::string sponsorship_line(const hearth::v1::SponsorshipInfo& sponsorship, const std::string& me);
// Events a direct-message session shows: receipts, requests, sponsorship changes.
void print_direct_event(const Output& out, const std::string& me, const hearth::v1::Event& event);

}  // namespace hearth::cli
