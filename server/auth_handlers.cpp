// Register, login and authenticate: the three requests allowed before authentication. They
// finish on hashing and storage threads and hand the result back to the session's strand.
#include <boost/asio/post.hpp>

#include "server/clock.h"
#include "server/connection_lifecycle.h"
#include "server/handlers.h"
#include "server/log.h"
#include "server/secrets.h"
#include "server/server_context.h"
#include "server/session.h"
#include "server/validation.h"
#include "server/wire_conversions.h"

namespace hearth::server {

namespace {

// Ends an authentication attempt with an error; the connection may try again, until its
// authentication deadline. On the strand, so the attempt is over before the client can read the
// answer and try again, and the answer is queued before a close for the deadline.
void fail_auth(const Reply& reply, hearth::v1::ErrorCode code, std::string message,
               std::uint32_t retry_after_ms = 0) {
  boost::asio::post(reply.session()->strand(), [reply, code, message = std::move(message), retry_after_ms]() mutable {
    reply.error(code, std::move(message), retry_after_ms);
    reply.session()->finish_auth_attempt();
  });
}

void refuse_rate_limited(ServerContext& context, const Reply& reply, std::string message,
                         std::chrono::milliseconds retry_after) {
  context.metrics.rate_limited.fetch_add(1, std::memory_order_relaxed);
  fail_auth(reply, hearth::v1::RATE_LIMITED, std::move(message), static_cast<std::uint32_t>(retry_after.count()));
}

// The hash is for the connection's client address, and only while the connection is open.
HashRequester requester_of(const Reply& reply) {
  return {reply.session()->address(), [session = std::weak_ptr<Session>(reply.session())] {
            const auto alive = session.lock();
            return alive && !alive->closed();
          }};
}

// Marks the connection authenticated as `user` and answers with AuthResult (`token` is empty
// when the client authenticated with a token it already had).
void admit(ServerContext& context, const Reply& reply, const storage::UserRecord& user,
           std::string token_hash, std::string token, std::int64_t expires_at_ms) {
  boost::asio::post(reply.session()->strand(), [&context, reply, user, token_hash = std::move(token_hash),
                                                 token = std::move(token), expires_at_ms]() mutable {
    const auto& session = reply.session();
    session->auth_in_progress = false;
    Identity identity{user.id, user.handle, user.role, std::move(token_hash)};
    if (!admit_authenticated(context, session, std::move(identity))) {
      reply.error(hearth::v1::FORBIDDEN, "this account has too many open connections");
      session->close(protocol::close_code::kTooManyConnections, "too many connections for this account");
      return;
    }
    hearth::v1::Response response;
    auto* auth = response.mutable_auth();
    *auth->mutable_user() = to_wire(user);
    auth->set_token(std::move(token));
    auth->set_expires_at_ms(expires_at_ms);
    reply.send(std::move(response));
    log::info("auth.admitted", {{"conn", session->id()}, {"user", user.id}});
  });
}

// Issues a fresh token for `user` and admits the connection with it.
void issue_token(ServerContext& context, const Reply& reply, storage::UserRecord user,
                 std::string device_name) {
  std::string token = new_token();
  std::string token_hash = hash_token(token);
  const std::int64_t now = now_ms();
  const std::int64_t expires = now + std::int64_t{context.config.token_ttl_days} * 86'400'000;
  context.store.create_token(
      user.id, token_hash, std::move(device_name), now, expires,
      [&context, reply, user, token_hash, token = std::move(token)](
          storage::Result<storage::TokenRecord> result) mutable {
        if (!result.ok()) {
          fail_auth(reply, hearth::v1::UNAVAILABLE, "could not store the login; try again", 2000);
          return;
        }
        admit(context, reply, user, std::move(token_hash), std::move(token), result->expires_at_ms);
      });
}

// Hashes the password and stores the account. `registration` counts against the address from
// the moment the hash runs, whatever the database then says.
void create_account(ServerContext& context, const Reply& reply, std::string handle, std::string password,
                    std::string invite_hash, std::shared_ptr<WindowLimiter::Reservation> registration) {
  context.hasher.hash(
      requester_of(reply), std::move(password),
      [&context, reply, handle = std::move(handle), invite_hash = std::move(invite_hash),
       registration = std::move(registration)](std::string password_hash) mutable {
        if (password_hash.empty()) {
          return fail_auth(reply, hearth::v1::UNAVAILABLE, "the server is busy; try again", 2000);
        }
        registration->keep();
        context.store.create_user(
            handle, std::move(password_hash), storage::Role::kMember, std::move(invite_hash), now_ms(),
            [&context, reply, handle](storage::Result<storage::UserRecord> result) {
              if (result.status() == storage::Status::kAlreadyExists) {
                return fail_auth(reply, hearth::v1::ALREADY_EXISTS,
                                 "the handle '" + handle + "' is taken; choose another");
              }
              if (result.status() == storage::Status::kNotFound) {
                return fail_auth(reply, hearth::v1::NOT_FOUND,
                                 "that invite code is unknown, already used or expired");
              }
              if (!result.ok()) {
                return fail_auth(reply, hearth::v1::UNAVAILABLE, "could not create the account; try again", 2000);
              }
              log::info("auth.registered", {{"user", result->id}, {"role", static_cast<int>(result->role)}});
              issue_token(context, reply, result.value(), "registration");
            });
      });
}

}  // namespace

void handle_register(ServerContext& context, const Reply& reply,
                     hearth::v1::RegisterRequest& request) {
  if (auto problem = check_handle(request.handle()); !problem.empty()) {
    return fail_auth(reply, hearth::v1::INVALID_ARGUMENT, problem);
  }
  if (auto problem = check_password(request.password()); !problem.empty()) {
    return fail_auth(reply, hearth::v1::INVALID_ARGUMENT, problem);
  }
  if (context.config.invite_only && request.invite_code().empty()) {
    return fail_auth(reply, hearth::v1::FORBIDDEN,
                     "this server is invite-only: ask a coach or an admin for an invite code");
  }
  std::string invite_hash =
      request.invite_code().empty() ? std::string() : hash_invite_code(request.invite_code());
  // A taken handle is answered from the database, before a hash is paid for.
  context.store.find_user_by_handle(
      request.handle(),
      [&context, reply, handle = request.handle(), password = std::move(*request.mutable_password()),
       invite_hash = std::move(invite_hash)](storage::Result<storage::UserRecord> existing) mutable {
        if (existing.ok()) {
          return fail_auth(reply, hearth::v1::ALREADY_EXISTS, "the handle '" + handle + "' is taken; choose another");
        }
        if (existing.status() != storage::Status::kNotFound) {
          return fail_auth(reply, hearth::v1::UNAVAILABLE, "could not create the account; try again", 2000);
        }
        std::chrono::milliseconds retry_after{0};
        auto registration = context.registrations.reserve(reply.session()->address(), SteadyClock::now(), retry_after);
        if (!registration) {
          return refuse_rate_limited(context, reply, "too many new accounts from your network; try again later",
                                     retry_after);
        }
        create_account(context, reply, std::move(handle), std::move(password), std::move(invite_hash),
                       std::move(registration));
      });
}

void handle_login(ServerContext& context, const Reply& reply, hearth::v1::LoginRequest& request) {
  // No account can have such a handle: the usual answer, without a hash or a count.
  if (!check_handle(request.handle()).empty()) {
    return fail_auth(reply, hearth::v1::UNAUTHENTICATED, "wrong handle or password");
  }
  std::chrono::milliseconds retry_after{0};
  auto attempt = context.logins.begin(request.handle(), reply.session()->address(), SteadyClock::now(), retry_after);
  if (!attempt) {
    return refuse_rate_limited(context, reply, "too many failed logins; wait and try again", retry_after);
  }
  context.store.find_user_by_handle(
      request.handle(),
      [&context, reply, attempt = std::move(attempt), password = std::move(*request.mutable_password()),
       device = request.device_name()](storage::Result<storage::UserRecord> found) mutable {
        if (!found.ok() && found.status() != storage::Status::kNotFound) {
          return fail_auth(reply, hearth::v1::UNAVAILABLE, "could not check the login; try again", 2000);
        }
        std::string stored_hash = found.ok() ? found->password_hash : std::string();
        context.hasher.verify(
            requester_of(reply), std::move(password), std::move(stored_hash),
            [&context, reply, attempt, found = std::move(found), device = std::move(device)](bool match) mutable {
              if (!match) {
                attempt->failed(SteadyClock::now());
                context.metrics.login_failures.fetch_add(1, std::memory_order_relaxed);
                log::info("auth.login_failed", {{"conn", reply.session()->id()}});
                return fail_auth(reply, hearth::v1::UNAUTHENTICATED, "wrong handle or password");
              }
              attempt->succeeded();
              // Told only after the right password, so a ban reveals nothing to a guesser.
              if (found->banned_until_ms > now_ms()) {
                return fail_auth(reply, hearth::v1::FORBIDDEN, "this account has been banned by the moderators");
              }
              issue_token(context, reply, found.value(), device.empty() ? "unnamed device" : device);
            });
      });
}

void handle_authenticate(ServerContext& context, const Reply& reply,
                         const hearth::v1::AuthenticateRequest& request) {
  if (request.token().size() != kTokenBytes) {
    return fail_auth(reply, hearth::v1::UNAUTHENTICATED, "a token has exactly 32 bytes");
  }
  std::string token_hash = hash_token(request.token());
  context.store.find_token_owner(
      token_hash, now_ms(),
      [&context, reply, token_hash](storage::Result<storage::TokenOwner> owner) mutable {
        if (owner.status() == storage::Status::kNotFound) {
          return fail_auth(reply, hearth::v1::UNAUTHENTICATED,
                           "this token is unknown, expired or revoked: log in again");
        }
        if (!owner.ok()) return fail_auth(reply, hearth::v1::UNAVAILABLE, "try again", 2000);
        if (owner->user.banned_until_ms > now_ms()) {
          return fail_auth(reply, hearth::v1::FORBIDDEN, "this account has been banned by the moderators");
        }
        admit(context, reply, owner->user, std::move(token_hash), std::string(), owner->token.expires_at_ms);
      });
}

}  // namespace hearth::server
