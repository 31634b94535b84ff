// Routes one decoded ClientFrame to its handler. Runs on the session's strand.
#pragma once

#include <memory>

#include "hearth/v1/frames.pb.h"

namespace hearth::server {

class Session;
struct ServerContext;

void dispatch_request(ServerContext& context, const std::shared_ptr<Session>& session,
                      hearth::v1::ClientFrame&& frame);

}  // namespace hearth::server
